import Foundation
import Testing

@testable import PatchbookKit

/// The `change:` section, the duration estimate, the risk rating and the documents a change
/// advisory board reads (issue 14).
struct ChangeRequestTests {
    /// The minimal farm with sizes for both databases and `change` appended as written.
    private func changeFarm(_ change: String = "", current: String = "sp1", contentGB: Int = 100) throws -> Farm {
        try farm([
            "current: sp1": "current: \(current)",
            "kind: config, server: SQL01 }": "kind: config, server: SQL01, sizeGB: 2 }",
            "webApplication: \"http://intranet\" }":
                "webApplication: \"http://intranet\", sizeGB: \(contentGB), siteCollections: 40 }\n" + change,
        ])
    }

    private func files(_ farm: Farm) throws -> [String: String] {
        try FarmPages(farm: farm, plan: try plan(farm), templates: try #require(Fixtures.templates)).files()
            .mapValues { String(decoding: $0, as: UTF8.self) }
    }

    // MARK: Window times

    @Test func windowTimesAreReadWithTheirOffset() throws {
        let time = try #require(WindowTime("2026-12-05T22:30+01:00"))
        #expect((time.date, time.time, time.zone) == ("2026-12-05", "22:30", "UTC+01:00"))
        #expect(WindowTime("2026-12-05T22:30:15.250Z")?.zone == "UTC+00:00")
        #expect(WindowTime("2026-12-05 22:30-05:30")?.zone == "UTC-05:30")
        #expect(WindowTime("2024-02-29T00:00Z") != nil)
        for bad in [
            "2026-12-05T22:30", "2026-12-05", "2025-02-29T00:00Z", "2026-13-01T00:00Z", "2026-12-05T24:00Z",
            "2026-12-05T22:60Z", "2026-12-05T22:30+15:00", "2026-12-05T22:30+0100", "26-12-05T22:30Z", "2026-12-05T22:30Z ",
            "２０２６-12-05T22:30Z", "2026-12-05T22:30:61Z", "2026-12-05T22:30:00.Z",
        ] {
            #expect(WindowTime(bad) == nil, "\(bad)")
        }
    }

    @Test func impossibleMomentsSayWhatIsWrong() {
        #expect(WindowTime.read("2027-02-29T22:00+01:00") == .failure(.noSuchDate))
        #expect(WindowTime.read("2026-12-05T24:00Z") == .failure(.noSuchTime))
        #expect(WindowTime.read("2026-12-05T22:00:60Z") == .failure(.noSuchTime))
        #expect(WindowTime.read("2026-12-05T22:00+14:01") == .failure(.offset))
        #expect(WindowTime.read("2026-12-05T22:00-12:30") == .failure(.offset))
        #expect(WindowTime.read("0000-01-01T00:30Z") == .failure(.year))
        #expect(WindowTime.read("2026-12-05T22:00") == .failure(.form))
        #expect((try? WindowTime.read("2026-12-05T22:00-12:00").get())?.zone == "UTC-12:00")
    }

    @Test func windowArithmeticCrossesDaysMonthsAndYears() throws {
        let start = try #require(WindowTime("2028-02-28T22:00-08:00"))
        let later = start.adding(minutes: 26 * 60 + 15)
        #expect((later.date, later.time, later.zone) == ("2028-03-01", "00:15", "UTC-08:00"))
        let newYear = try #require(WindowTime("2026-12-31T23:50Z")).adding(minutes: 20)
        #expect((newYear.date, newYear.time) == ("2027-01-01", "00:10"))
        let earlier = try #require(WindowTime("2026-03-01T00:05Z")).adding(minutes: -10)
        #expect((earlier.date, earlier.time) == ("2026-02-28", "23:55"))
        // Day numbers round-trip over four centuries, leap days included.
        for day in stride(from: -146_097, through: 146_097, by: 97) {
            let (year, month, dayOfMonth) = WindowTime.civil(day)
            #expect(WindowTime.dayNumber(year, month, dayOfMonth) == day)
        }
    }

    @Test func randomTextNeverCrashesTheTimeParser() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["2026", "-", "12", "05", "T", " ", ":", "00", "59", "Z", "+", "14", "15", ".", "9", "٣", "\u{0}"]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...14, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            if let time = WindowTime(text) { #expect(time.adding(minutes: 100_000).year >= time.year) }
        }
    }

    // MARK: Loading

    @Test func theChangeSectionIsRead() throws {
        let farm = try changeFarm(
            """
            change:
              ticket: CHG0012345
              window: { start: 2026-12-05T20:00+01:00, hours: 8.5 }
              implementer: Dana Whitfield
              contacts: [{ name: Priya Raman, role: DBA, phone: "+1 425 555 0177" }, { name: Service desk }]
              approvers: [{ name: Ana Ruiz, role: change manager }]
              justification: |
                Service Pack 1 is out of support.
                SP2 fixes search.
              testEvidence: https://wiki.example/test
              assumptions: { backupGBPerHour: 40, minutesPerStep: 2.5 }
            """)
        let change = try #require(farm.change)
        #expect(change.ticket?.value == "CHG0012345")
        #expect(change.window?.hours == 8.5 && change.window?.start.time == "20:00")
        #expect(change.contacts.map(\.name.value) == ["Priya Raman", "Service desk"] && change.contacts[1].phone == nil)
        #expect(change.approvers.first?.role?.value == "change manager")
        #expect(change.justification?.value == "Service Pack 1 is out of support. SP2 fixes search.")
        #expect(change.assumptions.backupGBPerHour == 40 && change.assumptions.minutesPerStep == 2.5)
        #expect(change.assumptions.minutesPerPackage == Change.Assumptions().minutesPerPackage)
        #expect(try self.changeFarm().change == nil)
    }

    // MARK: Estimate

    @Test func theEstimateFollowsTheAssumptions() throws {
        let slow = try changeFarm("change:\n  assumptions: { backupGBPerHour: 51 }\n", contentGB: 100)
        let fast = try changeFarm("change:\n  assumptions: { backupGBPerHour: 102 }\n", contentGB: 100)
        let (a, b) = (ChangeEstimate.estimate(try plan(slow), farm: slow), ChangeEstimate.estimate(try plan(fast), farm: fast))
        let preInstall = { (e: ChangeEstimate) in e.phases.first { $0.phase == .preInstall }?.minutes ?? 0 }
        // 102 GB backed up twice over (the backup and the test restore): 4 h at 51 GB/h, 2 h at 102.
        #expect(preInstall(a) - preInstall(b) == 120)
        #expect(a.phases.filter { $0.phase != .preInstall } == b.phases.filter { $0.phase != .preInstall })
        #expect(a.backupGB == 102 && a.databasesWithoutSize.isEmpty)
        for estimate in [a, b] {
            #expect(estimate.phases.allSatisfy { $0.minutes % 5 == 0 && $0.minutes > 0 })
            #expect(estimate.totalMinutes == estimate.phases.map(\.minutes).reduce(0, +))
            #expect(estimate.phases.map(\.phase) == [.preInstall, .install, .configure, .postInstall, .verify])
        }
    }

    @Test func installsCountEachPackageOnEachServer() throws {
        let oneMinute = try changeFarm("change:\n  assumptions: { minutesPerPackage: 10 }\n")
        let plan = try plan(oneMinute)
        let estimate = ChangeEstimate.estimate(plan, farm: oneMinute)
        let packages = plan.servers.reduce(0) { $0 + $1.installs.count + $1.languageTemplatePacks.count }
        let install = try #require(estimate.phases.first { $0.phase == .install })
        let otherSteps = plan.steps.filter { $0.phase == .install && $0.level == nil }.reduce(0) { $0 + max(1, $1.servers.count) } * 5
        #expect(install.minutes == ChangeEstimate.roundedUp(Double(packages * 10 + otherSteps)))
        #expect(estimate.goNoGoStep == plan.steps.firstIndex { $0.phase == .install })
        #expect(estimate.goNoGoAfter == estimate.phases[0].minutes)
    }

    @Test func unsizedDatabasesAreNamed() throws {
        let farm = try farm()
        let estimate = ChangeEstimate.estimate(try plan(farm), farm: farm)
        #expect(estimate.databasesWithoutSize == ["SharePoint_Config", "WSS_Content"])
        #expect(estimate.backupGB == 0)
    }

    // MARK: Risk

    @Test func aSmallCumulativeUpdateIsLowRisk() throws {
        let farm = try changeFarm(current: "sp2")
        let rating = RiskRating.rate(try plan(farm), farm: farm, estimate: ChangeEstimate.estimate(try plan(farm), farm: farm))
        #expect(rating.level == .low, "\(rating.reasons)")
        #expect(rating.reasons == RiskRating.Reasons())
    }

    @Test func eachFactRaisesTheRating() throws {
        func rate(_ farm: Farm) throws -> RiskRating {
            let plan = try plan(farm)
            return RiskRating.rate(plan, farm: farm, estimate: ChangeEstimate.estimate(plan, farm: farm))
        }
        let servicePack = try rate(try changeFarm())
        #expect(servicePack.level == .medium && servicePack.reasons.servicePacks == ["Service Pack 2"])
        let large = try rate(try changeFarm(current: "sp2", contentGB: 800))
        #expect(large.level == .medium && large.reasons.databaseGB == 802)
        let veryLarge = try rate(try changeFarm(current: "sp2", contentGB: 3_000))
        #expect(veryLarge.level == .high)
        let tooShort = try rate(try changeFarm("change:\n  window: { start: 2026-12-05T20:00Z, hours: 1 }\n", current: "sp2"))
        #expect(tooShort.level == .high && tooShort.reasons.overWindow > 0)
        let longEnough = try rate(try changeFarm("change:\n  window: { start: 2026-12-05T20:00Z, hours: 24 }\n", current: "sp2"))
        #expect(longEnough.level == .low && longEnough.reasons.overWindow == 0)
    }

    /// The review's cases: times never before the window opens, fractional hours to the
    /// minute, estimates that cannot overflow, a backout that must fit after the work.
    @Test func scheduleTimesStayInsideTheWindow() throws {
        let short = try changeFarm("change:\n  window: { start: 2026-12-05T22:00+01:00, hours: 3 }\n")
        let request = try #require(try files(short)["change-request.md"])
        #expect(!request.contains("no later than") && !request.contains("start the backout by"))
        #expect(request.contains("The backout alone is longer than the window."))
        #expect(request.contains("- The estimate exceeds the window by"))
        let fraction = try changeFarm("change:\n  window: { start: 2026-12-05T22:00+01:00, hours: 4.1 }\n")
        #expect(try #require(try files(fraction)["change-request.md"]).contains("2026-12-05 22:00 to 2026-12-06 02:06"))
        #expect(fraction.change?.window?.minutes == 246)
    }

    @Test func aWindowWithoutRoomForTheBackoutIsARisk() throws {
        let farm = try changeFarm(current: "sp2")
        let plan = try plan(farm)
        let estimate = ChangeEstimate.estimate(plan, farm: farm)
        let backout = try #require(estimate.backoutMinutes)
        let hours = Double(estimate.totalMinutes + backout / 2) / 60
        let tight = try changeFarm("change:\n  window: { start: 2026-12-05T20:00Z, hours: \(hours) }\n", current: "sp2")
        let rating = RiskRating.rate(plan, farm: tight, estimate: estimate)
        #expect(rating.level == .medium && rating.reasons.overWindow == 0 && rating.reasons.noRoomForBackout > 0)
        let request = try #require(try files(tight)["change-request.md"])
        #expect(request.contains("The work fits in the window, but a backout after it would not"))
        #expect(!request.contains("no later than"))
    }

    @Test func extremeAssumptionsStayFinite() throws {
        let farm = try changeFarm("change:\n  assumptions: { backupGBPerHour: 0.1 }\n", contentGB: 9_000_000)
        let estimate = ChangeEstimate.estimate(try plan(farm), farm: farm)
        #expect(estimate.phases.allSatisfy { $0.minutes > 0 && $0.minutes <= ChangeEstimate.longest })
        #expect(ChangeEstimate.roundedUp(.infinity) == ChangeEstimate.longest && ChangeEstimate.roundedUp(.nan) == 0)
        #expect(try files(farm)["change-request.md"] != nil)
    }

    @Test func aFarmAtItsTargetIsLowRiskWithoutBackout() throws {
        let farm = try changeFarm(current: "2009-10-cu")
        let plan = try plan(farm)
        let estimate = ChangeEstimate.estimate(plan, farm: farm)
        #expect(estimate.backoutMinutes == nil)
        #expect(RiskRating.rate(plan, farm: farm, estimate: estimate).level == .low)
    }

    // MARK: Documents

    @Test func theChangeRequestShowsTheDetailsAndRisksInWords() throws {
        let farm = try changeFarm(
            """
            change:
              ticket: CHG_42*
              window: { start: 2026-12-05T20:00+01:00, hours: 1 }
              implementer: Dana Whitfield
              approvers: [{ name: Ana Ruiz, role: change manager }]
              testEvidence: https://wiki.example/Test_(farm)_x)y
            """)
        let files = try files(farm)
        let request = try #require(files["change-request.md"])
        #expect(request.contains("| Ticket | CHG_42\\* |"))
        #expect(request.contains("| Window | 2026-12-05 20:00 to 2026-12-05 21:00 (UTC+01:00, 1 h) |"))
        #expect(request.contains("Risk: **high**."))
        #expect(request.contains("- The estimate exceeds the window by"))
        #expect(request.contains("| change manager | Ana Ruiz | | | |"))
        #expect(request.contains("[KB953338](https://support.microsoft.com/kb/953338)"))
        #expect(request.contains("Deploy software updates for Office SharePoint Server\n2007"))
        // Risks are the warnings' messages, never their codes.
        for warning in try plan(farm).warnings { #expect(!request.contains(warning.code.rawValue)) }
        let checklist = try #require(files["servers/APP01.md"])
        #expect(checklist.contains("| Change number | CHG_42\\* |") && checklist.contains("| Operator | Dana Whitfield |"))
        #expect(checklist.contains("| Date | 2026-12-05 |"))
        let html = CommonMark.html(request)
        #expect(html.contains(#"<a href="https://wiki.example/Test_(farm)_x)y">https://wiki.example/Test_(farm)_x)y</a>"#))
        #expect(try #require(files["change-request/test-plan.txt"]).contains("Test evidence: https://wiki.example/Test_(farm)_x)y\n"))
    }

    @Test func withoutChangeDetailsTheBlanksStay() throws {
        let files = try files(try farm())
        let request = try #require(files["change-request.md"])
        #expect(request.contains("| Ticket |  |") && request.contains("| Window |  |"))
        #expect(request.contains("| Farm owner | | | | |"))
        #expect(request.contains("Test evidence: not given."))
        #expect(try #require(files["servers/APP01.md"]).contains("| Change number |  |"))
    }

    /// The plain-text parts hold no Markdown and give the farm procedure's numbers and titles.
    @Test(arguments: ["contoso-intranet.yaml", "fabrikam-large-farm.yaml", "litware-standalone.yaml", "tailspin-wss-farm.yaml"])
    func plainTextPartsAgreeWithThePlan(_ name: String) throws {
        let farm = try #require(Fixtures.exampleFarm(name).farm)
        let plan = try WarningTexts.write(try PatchbookKitTests.plan(farm), templates: try #require(Fixtures.templates))
        let pages = try FarmPages(farm: farm, plan: plan, templates: try #require(Fixtures.templates))
        let files = try pages.files().mapValues { String(decoding: $0, as: UTF8.self) }
        for part in FarmPages.changeRequestParts {
            let text = try #require(files["change-request/\(part).txt"])
            for line in text.split(separator: "\n") {
                // Only a word longer than a line (a registry key) or a code block's line is longer.
                let words = line.split(separator: " ")
                #expect(line.count <= 72 || words.count == 1 || line.hasPrefix("    "), "\(part): \(line)")
                for markup in ["|", "**", "`", "\\_", "\\+", "](", "<", "&#"] { #expect(!line.contains(markup), "\(part): \(line)") }
            }
        }
        let implementation = try #require(files["change-request/implementation-plan.txt"])
        let flat = implementation.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for (index, step) in plan.steps.enumerated() {
            #expect(flat.contains("\(index + 1). \(pages.title(step))"), "\(name): step \(index + 1)")
        }
    }
}
