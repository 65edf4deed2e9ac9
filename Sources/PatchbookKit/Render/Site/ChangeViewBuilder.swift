/// The change request's views: the description's `change:` section with the estimate and the risk
/// rating the plan stage works out.
extension FarmViewBuilder {
    func change() -> ChangeView {
        let details = farm.change
        let estimate = ChangeEstimate.estimate(plan, farm: farm)
        let rating = RiskRating.rate(plan, farm: farm, estimate: estimate)
        let evidence = details?.testEvidence?.value
        let schedule = schedule(
            estimate, rating: rating.reasons, window: details?.window, assumptions: details?.assumptions ?? Change.Assumptions())
        return ChangeView(
            ticket: details?.ticket?.value, implementer: details?.implementer?.value,
            justification: details?.justification?.value, testEvidence: evidence,
            testEvidenceIsLink: evidence.map { NameRule.url.problem(with: $0) == nil } ?? false,
            contacts: (details?.contacts ?? []).map(person), approvers: (details?.approvers ?? []).map(person),
            schedule: schedule,
            risk: RiskView(rating: templates.label("risk.\(rating.level.rawValue)"), reasons: rating.reasons),
            impact: impact, sources: sources)
    }

    private func person(_ person: Change.Person) -> PersonView {
        PersonView(name: person.name.value, role: person.role?.value, phone: person.phone?.value)
    }

    /// The window's clock times; how far the work, or the work and a backout, run over the window
    /// is the rating's (`RiskRating.Reasons`), so that the schedule and the risk say the same.
    private func schedule(
        _ estimate: ChangeEstimate, rating: RiskRating.Reasons, window: Change.Window?, assumptions: Change.Assumptions
    ) -> ScheduleView {
        let start = window?.start
        /// A moment `minutes` into the window: its clock time, with the date where it is not the start's.
        func clock(_ minutes: Int) -> String? {
            guard let start else { return nil }
            let time = start.adding(minutes: minutes)
            return time.date == start.date ? time.time : "\(time.date) \(time.time)"
        }
        var elapsed = 0
        let phases = estimate.phases.map { phase in
            defer { elapsed += phase.minutes }
            return EstimatePhaseView(
                title: templates.label("phase.\(phase.phase.rawValue)"), firstStep: StepNumbers.number(phase.firstStep),
                duration: Self.duration(phase.minutes), starts: clock(elapsed) ?? "+\(Self.duration(elapsed))")
        }
        let length = window?.minutes
        let backout = estimate.backoutMinutes
        let afterGo = estimate.totalMinutes - estimate.goNoGoAfter
        // The latest go leaves room for the rest of the work and a backout after it; a time before
        // the window opens is no time at all.
        let latestGo = length.map { $0 - afterGo - (backout ?? 0) }
        let backoutStart = length.flatMap { length in backout.map { length - $0 } }
        return ScheduleView(
            start: start.map { "\($0.date) \($0.time)" },
            end: start.flatMap { s in length.map { s.adding(minutes: $0) } }.map { "\($0.date) \($0.time)" },
            date: start?.date, zone: start?.zone, hours: length.map(Self.duration), phases: phases,
            total: Self.duration(estimate.totalMinutes), goNoGoStep: estimate.goNoGoStep.map(StepNumbers.number),
            goNoGoAfter: Self.duration(estimate.goNoGoAfter), goNoGoAt: clock(estimate.goNoGoAfter),
            latestGo: latestGo.flatMap { $0 >= estimate.goNoGoAfter ? clock($0) : nil }, backout: backout.map(Self.duration),
            backoutStartBy: backoutStart.flatMap { $0 >= 0 ? clock($0) : nil },
            overWindow: rating.overWindow > 0 ? Self.duration(rating.overWindow) : nil,
            noRoomForBackout: rating.noRoomForBackout > 0 ? Self.duration(rating.noRoomForBackout) : nil,
            backupGB: Self.number(estimate.backupGB.rounded()), restoreGB: Self.number(estimate.restoreGB.rounded()),
            unsized: estimate.databasesWithoutSize.map(NameView.init),
            assumptions: AssumptionsView(
                backupGBPerHour: Self.number(assumptions.backupGBPerHour), minutesPerPackage: Self.number(assumptions.minutesPerPackage),
                minutesPerContentDatabase: Self.number(assumptions.minutesPerContentDatabase),
                minutesPerStep: Self.number(assumptions.minutesPerStep),
                hoursToRebuildServer: Self.number(assumptions.hoursToRebuildServer)))
    }

    /// The content databases' web applications, in the description's order. The databases are
    /// read in place (`Farm.databasePlaces`) and only their site collection counts kept.
    private var impact: ImpactView {
        let all = farm.databases
        let content = farm.databasePlaces([.content])
        var order: [String] = []
        var byURL: [String: [Int?]] = [:]
        for index in content {
            let url = all[index].webApplication?.value ?? templates.label("web-application.unnamed")
            if byURL[url] == nil { order.append(url) }
            byURL[url, default: []].append(all[index].siteCollections)
        }
        let applications = order.map { url in
            let counts = byURL[url] ?? []
            return WebApplicationView(url: url, databases: String(counts.count), siteCollections: Self.siteCollections(counts))
        }
        return ImpactView(
            webApplications: applications, siteCollections: Self.siteCollections(content.map { all[$0].siteCollections }),
            mySites: content.contains { all[$0].mySites }, projectServer: content.contains { all[$0].projectServer })
    }

    /// The sum of the site collections the databases give, or nil where none gives a count.
    private static func siteCollections(_ counts: [Int?]) -> String? {
        let given = counts.compactMap { $0 }
        return given.isEmpty ? nil : String(given.reduce(0, +))
    }

    /// Each Knowledge Base article of the farm's packages and packs once, in install order.
    private var sources: [SourceView] {
        var seen: Set<Int> = []
        let items = Self.installOrder(plan.packages.map(package), plan.languageTemplatePacks.map(pack))
        return items.compactMap { item in
            guard let kb = item.kbNumber, seen.insert(kb).inserted else { return nil }
            return SourceView(kb: item.kb, url: "https://support.microsoft.com/kb/\(kb)", what: "\(item.productName), \(item.levelName)")
        }
    }

    /// A duration as people say it: `45 min`, `2 h`, `2 h 35 min`.
    static func duration(_ minutes: Int) -> String {
        let (hours, rest) = (minutes / 60, minutes % 60)
        switch (hours, rest) {
        case (0, _): return "\(rest) min"
        case (_, 0): return "\(hours) h"
        default: return "\(hours) h \(rest) min"
        }
    }
}
