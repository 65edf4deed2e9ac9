import Foundation
import Testing

@testable import PatchbookKit

/// `patchbook check` and `build --evidence` (issue 15): the evidence copied off the servers,
/// checked against the plan.
struct EvidenceTests {
    private func example(_ name: String) throws -> (Farm, Plan) {
        let farm = try #require(Fixtures.exampleFarm("\(name).yaml").farm)
        return (farm, try Planner.plan(farm, catalog: Fixtures.catalog))
    }

    private func check(_ name: String, in folder: URL) throws -> FarmEvidence {
        let (farm, plan) = try example(name)
        return EvidenceChecker.check(farm: farm, plan: plan, evidence: folder.path)
    }

    private var fixtures: URL { Fixtures.root.appendingPathComponent("evidence") }

    /// A scratch evidence folder for one farm: `files` by path, removed afterwards by the caller.
    private func scratch(_ files: [String: Data]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID().uuidString)")
        for (path, data) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return folder
    }

    private func log(_ sessions: [(config: String, errors: Int, warnings: Int)], finished: Bool = true) -> String {
        sessions.enumerated().map { index, session in
            """
            [SPManager] [INFO] [12/6/2026 0\(index):00:00 AM]: Inplace Upgrade session starts. Root object = SPFarm Name=\(session.config), recursive = True.\r
            [SPManager] [INFO] [12/6/2026 0\(index):01:00 AM]: Finished upgrading SPFarm Name=\(session.config).\r
            [SPManager] [INFO] [12/6/2026 0\(index):01:00 AM]: Inplace Upgrade session finishes. root object = SPFarm Name=\(session.config), recursive = True. \(session.errors) errors and \(session.warnings) warnings encountered.\r

            """
        }.joined()
    }

    // MARK: The examples with fixture evidence

    @Test func contosoEvidenceGivesEachServersVerdict() throws {
        let status = try check("contoso-intranet", in: fixtures)
        #expect(status.verdict == .failed && status.folder.hasSuffix("evidence/contoso-intranet"))
        #expect(status.servers.map(\.name) == ["APP01", "WFE01", "WFE02"])
        #expect(status.servers.map(\.verdict) == [.passed, .passed, .failed])
        let app = status.servers[0].checks
        #expect(app.map(\.verdict) == [.passed, .passed, .passed])
        #expect(app[0].notes.first == "the last finished session of the farm ends on line 15 of Upgrade.log, at 12/6/2026 12:02:40 AM")
        #expect(app[0].files.first?.sha256?.count == 64 && app[0].files.first?.path == "APP01/Upgrade.log")
        // UTF-16 with a byte-order mark; warnings alone pass.
        #expect(status.servers[1].checks[0].notes.contains("warnings alone do not fail an upgrade session"))
        #expect(status.servers[1].checks[2] == .notGiven(.registryQuery))
        // Passed, then failed the next morning: the last finished session decides.
        #expect(status.servers[2].checks[0].reasons == ["3 errors and 1 warning"])
        #expect(status.servers[2].checks[2].reasons.first?.hasPrefix("reg.exe found no DisplayVersion") == true)
        #expect(
            status.farmChecks[0].verdict == .passed
                && status.farmChecks[0].notes == ["highest version 12.0.0.6520 (not given by the catalog)"])
    }

    @Test func tailspinEvidenceFindsAnotherFarmsLogAndMissingServers() throws {
        let status = try check("tailspin-wss-farm", in: fixtures)
        let verdicts = Dictionary(uniqueKeysWithValues: status.servers.map { ($0.name, $0.verdict) })
        #expect(verdicts["TS-APP"] == .passed && verdicts["TS-WEB1"] == .failed)
        let web = try #require(status.servers.first { $0.name == "TS-WEB1" })
        #expect(
            web.checks[0].reasons.first == "SPFarm Name=WSS_Config_Test: another farm's configuration database (this farm's is WSS_Config)")
        #expect(status.unknownFolders == ["OLD-WEB"])
        #expect(status.farmChecks[0].files.map(\.path) == ["versions.csv"] && status.farmChecks[0].verdict == .passed)
    }

    @Test func serversWithoutAFolderAreMissing() throws {
        let folder = try scratch([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let status = try check("contoso-intranet", in: folder)
        #expect(status.verdict == .failed && status.servers.allSatisfy { $0.verdict == .missing && $0.checks.isEmpty })
        #expect(status.farmChecks == [.notGiven(.versionsTable)])
    }

    // MARK: Upgrade.log

    @Test(arguments: [
        ([("SharePoint_Config", 1, 0), ("SharePoint_Config", 0, 0)], true, [String]()),
        ([("SharePoint_Config", 0, 0), ("SharePoint_Config", 2, 0)], false, ["2 errors and 0 warnings"]),
        ([("SharePoint_Config", 0, 3)], true, []),
        (
            [("Other_Config", 0, 0)], false,
            [
                "SPFarm Name=Other_Config: another farm's configuration database (this farm's is SharePoint_Config)",
                "no \"Finished upgrading SPFarm Name=SharePoint_Config\" line in that session",
            ]
        ),
        ([("sharepoint_config", 0, 0)], true, []),
    ])
    func theLastFinishedSessionDecides(_ sessions: [(String, Int, Int)], passes: Bool, reasons: [String]) throws {
        let text = log(sessions.map { (config: $0.0, errors: $0.1, warnings: $0.2) })
        for encoded in [
            Data(text.utf8), Data([0xFF, 0xFE]) + Data(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            Data([0xFE, 0xFF]) + Data(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
            Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8),
        ] {
            let folder = try scratch(["APP01/Upgrade.log": encoded])
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try check("contoso-intranet", in: folder).servers[0].checks[0]
            #expect(result.verdict == (passes ? .passed : .failed))
            #expect(result.reasons == reasons)
        }
    }

    @Test(arguments: [
        ("", "Upgrade.log is empty"),
        ("\u{0}\u{1}binary\u{0}", "Upgrade.log is not text (it holds NUL bytes: a binary file, or an encoding other than UTF-8 or UTF-16)"),
        ("just some text\n", "no finished upgrade session of the farm (no \"upgrade session finishes\" line with root object SPFarm)"),
    ])
    func unreadableLogsFailWithTheirReason(_ contents: String, reason: String) throws {
        let folder = try scratch(["APP01/Upgrade.log": Data(contents.utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try check("contoso-intranet", in: folder).servers[0].checks[0]
        #expect(result.verdict == .failed && result.reasons == [reason])
    }

    @Test func aTruncatedUTF16LogFails() throws {
        let folder = try scratch(["APP01/Upgrade.log": Data([0xFF, 0xFE, 0x41, 0x00, 0x42])])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(
            try check("contoso-intranet", in: folder).servers[0].checks[0].reasons == [
                "Upgrade.log ends in the middle of a UTF-16 character (truncated)"
            ])
    }

    /// The review's cases: a wizard that stopped tonight, a log of an earlier update, a content
    /// database attached after the wizard, several logs, case variants, a farm folder that is not there.
    @Test func aLaterUnfinishedSessionFails() throws {
        let text =
            log([("SharePoint_Config", 0, 0)])
            + "[SPManager] [INFO] [x]: Inplace Upgrade session starts. Root object = SPFarm Name=SharePoint_Config.\r\n"
        let folder = try scratch(["APP01/Upgrade.log": Data(text.utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try check("contoso-intranet", in: folder).servers[0].checks[0]
        #expect(result.verdict == .failed)
        #expect(result.reasons == ["a later session started (line 4 of Upgrade.log) and did not finish: the wizard may have stopped"])
        let only = try scratch([
            "APP01/Upgrade.log": Data("[SPManager] [INFO] [x]: Inplace Upgrade session starts. Root object = SPFarm Name=A.\r\n".utf8)
        ])
        defer { try? FileManager.default.removeItem(at: only) }
        #expect(
            try check("contoso-intranet", in: only).servers[0].checks[0].reasons.last
                == "a session started (line 1 of Upgrade.log) and did not finish")
    }

    @Test func aSessionBeforeTheWindowIsAnEarlierUpdates() throws {
        let old = log([("SharePoint_Config", 0, 0)]).replacingOccurrences(of: "12/6/2026", with: "3/2/2008")
        let folder = try scratch(["APP01/Upgrade.log": Data(old.utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try check("contoso-intranet", in: folder).servers[0].checks[0]
        #expect(result.reasons == ["it ran at 3/2/2008 00:01:00 AM, before the window (2026-12-05): it is an earlier update's"])
        #expect(SessionDate.candidates("5/12/2026 1:00:00 AM").count == 2 && SessionDate.candidates("2026-12-05 01:00").count == 1)
        #expect(SessionDate.candidates("05.12.2026 01:00:00") == [WindowTime.dayNumber(2026, 12, 5)])
        #expect(SessionDate.candidates("x").isEmpty)
        // Read day first, 6/12/2026 is 6 December: inside the window, so not an earlier update's.
        let ambiguous = log([("SharePoint_Config", 0, 0)]).replacingOccurrences(of: "12/6/2026", with: "6/12/2026")
        let second = try scratch(["APP01/Upgrade.log": Data(ambiguous.utf8)])
        defer { try? FileManager.default.removeItem(at: second) }
        #expect(try check("contoso-intranet", in: second).servers[0].checks[0].verdict == .passed)
    }

    @Test func contentDatabaseSessionsAfterTheFarmsCountOnlyByTheirErrors() throws {
        let attach = { (errors: Int) in
            "[SPManager] [INFO] [x]: Inplace Upgrade session starts. Root object = SPContentDatabase Name=WSS_Content_A, recursive = True.\r\n"
                + "[SPManager] [INFO] [x]: Inplace Upgrade session finishes. root object = SPContentDatabase Name=WSS_Content_A, "
                + "recursive = True. \(errors) errors and 0 warnings encountered.\r\n"
        }
        for (errors, passes) in [(0, true), (2, false)] {
            let folder = try scratch(["APP01/Upgrade.log": Data((log([("SharePoint_Config", 0, 0)]) + attach(errors)).utf8)])
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try check("contoso-intranet", in: folder).servers[0].checks[0]
            #expect(result.verdict == (passes ? .passed : .failed), "\(result.reasons)")
            if !passes {
                #expect(
                    result.reasons == ["the later session of SPContentDatabase Name=WSS_Content_A (line 5 of Upgrade.log) met 2 errors"])
            }
        }
    }

    @Test func severalLogsAreReadInNumberOrderEachWithItsHash() throws {
        let passed = Data(log([("SharePoint_Config", 0, 0)]).utf8)
        let failed = Data(log([("SharePoint_Config", 2, 0)]).utf8)
        let folder = try scratch(["APP01/Upgrade-2.log": failed, "APP01/Upgrade-10.log": passed])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try check("contoso-intranet", in: folder).servers[0].checks[0]
        #expect(result.files.map(\.path) == ["APP01/Upgrade-2.log", "APP01/Upgrade-10.log"])
        #expect(result.files.allSatisfy { $0.sha256?.count == 64 } && result.verdict == .passed)
        #expect(result.notes.first?.hasPrefix("the last finished session of the farm ends on line 3 of Upgrade-10.log") == true)
    }

    @Test func namesAreMatchedInTheirOwnCaseFirstAndFoldersAreNotTakenForFiles() throws {
        let folder = try scratch([
            "APP01/Upgrade.log": Data(log([("SharePoint_Config", 0, 0)]).utf8), "app01/Upgrade.log": Data("junk".utf8),
            "versions.txt": Data("00000000-0000-0000-0000-000000000000 12.0.0.6520\n".utf8), "Versions.TXT/x": Data(),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let status = try check("contoso-intranet", in: folder)
        #expect(status.servers[0].verdict == .passed && status.farmChecks[0].verdict == .passed)
        #expect(status.unknownFolders == ["Versions.TXT", "app01"])
    }

    @Test func aFarmFolderThatIsNotThereIsSaid() throws {
        let (farm, plan) = try example("contoso-intranet")
        let folder = try scratch(["contoso-intranet-old/APP01/Upgrade.log": Data()])
        defer { try? FileManager.default.removeItem(at: folder) }
        let status = EvidenceChecker.check(farm: farm, plan: plan, evidence: folder.path, ownFolder: true)
        #expect(status.notes == ["\(folder.path)/contoso-intranet does not exist or cannot be read: every server is missing"])
        #expect(status.servers.allSatisfy { $0.verdict == .missing })
    }

    @Test func aHugeVerifyReportIsNotRead() throws {
        let folder = try scratch(["APP01/Upgrade.log": Data(log([("SharePoint_Config", 0, 0)]).utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appendingPathComponent("APP01/verify.json")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let result = try check("contoso-intranet", in: folder).servers[0].checks[1]
        #expect(result.reasons == ["verify.json is 1073741824 bytes long; the script writes a few hundred"])
    }

    /// Lines far longer than any real one, split across the reader's chunks, cost no more memory
    /// than one line's limit and still count.
    @Test func longLinesAndChunkBoundariesAreRead() throws {
        var text = String(repeating: "x", count: EvidenceText.chunkSize + 17) + "\r\n"
        text += String(repeating: "y", count: EvidenceText.chunkSize - text.utf8.count % EvidenceText.chunkSize - 40) + "\r\n"
        text += log([("SharePoint_Config", 0, 0)])
        for encoded in [Data(text.utf8), Data([0xFF, 0xFE]) + Data(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })] {
            let folder = try scratch(["APP01/Upgrade.log": encoded])
            defer { try? FileManager.default.removeItem(at: folder) }
            #expect(try check("contoso-intranet", in: folder).servers[0].checks[0].verdict == .passed)
        }
    }

    // MARK: verify.json, reg query, Versions

    @Test func verifyReportsAreComparedWithThePlan() throws {
        let (_, plan) = try example("contoso-intranet")
        let expected = ExpectedValues(
            server: "APP01", architecture: .x64, portalDllVersion: plan.verification?.portalDllVersion, isMOSS: true,
            registry: plan.verification?.registry.first { $0.architecture == .x64 })
        func report(_ fields: String) -> Findings { VerifyReportCheck.check(Data("{\(fields)}".utf8), expected: expected) }
        #expect(
            report(
                #""server":"APP01","architecture":"x64","portalDll":{"version":"12.0.6520.5000"},"registry":{"data":"12.0.6425.1000"},"result":"passed""#
            ).verdict == .passed)
        #expect(report(#""server":"WFE01","portalDll":{"version":"12.0.6520.5000"}"#).reasons.contains("was written on WFE01, not APP01"))
        #expect(
            report(#""architecture":"x86","portalDll":{"version":"12.0.6520.5000"}"#).reasons.first?.hasPrefix(
                "was written on an x86 server") == true)
        #expect(
            report(#""portalDll":{"version":"12.0.6219.1000"}"#).reasons.contains(
                "Microsoft.SharePoint.Portal.dll version is 12.0.6219.1000, expected 12.0.6520.5000"))
        #expect(
            report(#""portalDll":{"version":"12.0.6520.5000"},"registry":{"data":"1"},"result":"failed""#).reasons == [
                "verify.ps1 concluded failed"
            ])
        #expect(report(#""portalDll":{"version":"12.0.6520.5000"}"#).reasons == ["no registry DisplayVersion"])
        #expect(
            report(#""portalDll":{"version":"12.0.6520.5000"},"registry":{"data":"not found"}"#).reasons == [
                "registry DisplayVersion: not found"
            ])
        #expect(VerifyReportCheck.check(Data("not json".utf8), expected: expected).reasons == ["is not the JSON object verify.ps1 writes"])
        let utf16 =
            Data([0xFF, 0xFE])
            + Data(
                #"{"portalDll":{"version":"12.0.6520.5000"},"registry":{"data":"1"}}"#.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(VerifyReportCheck.check(utf16, expected: expected).verdict == .passed)
    }

    @Test func registryQueryOutputIsRead() throws {
        let (_, plan) = try example("contoso-intranet")
        let registry = try #require(plan.verification?.registry.first)
        let expected = ExpectedValues(
            server: "APP01", architecture: registry.architecture, portalDllVersion: nil, isMOSS: true,
            registry: Plan.RegistryCheck(
                architecture: registry.architecture, key: registry.key, value: registry.value, expected: "12.0.6425.1000"))
        func read(_ text: String) throws -> Findings {
            let folder = try scratch(["reg.txt": Data(text.utf8)])
            defer { try? FileManager.default.removeItem(at: folder) }
            return try RegistryQueryCheck.check(folder.appendingPathComponent("reg.txt"), expected: expected)
        }
        #expect(try read("\r\n\(registry.key)\r\n    DisplayVersion    REG_SZ    12.0.6425.1000\r\n").verdict == .passed)
        #expect(
            try read("! REG.EXE VERSION 3.0\r\n\r\n\(registry.key)\r\n\tDisplayVersion\tREG_SZ\t12.0.6219.1000\r\n").reasons
                == ["registry DisplayVersion is 12.0.6219.1000, expected 12.0.6425.1000"])
        #expect(
            try read("HKEY_LOCAL_MACHINE\\SOFTWARE\\Other\r\n    DisplayVersion    REG_SZ    1\r\n").reasons.first?.hasPrefix(
                "is the output for") == true)
    }

    @Test func versionsTableTakesTheHighestFarmVersion() throws {
        func read(_ text: String, expected: String?, includes: String? = nil) throws -> Findings {
            let folder = try scratch(["versions.txt": Data(text.utf8)])
            defer { try? FileManager.default.removeItem(at: folder) }
            let (_, plan) = try example("contoso-intranet")
            var verification = try #require(plan.verification)
            verification.sqlExpectedVersion = expected
            verification.sqlVersionIncludes = includes
            return try VersionsTableCheck.check(folder.appendingPathComponent("versions.txt"), verification: verification)
        }
        let rows = "00000000-0000-0000-0000-000000000000 12.0.0.6219 1\n00000000-0000-0000-0000-000000000000 12.0.0.6520 2\nabc 99.0.0.1\n"
        #expect(try read(rows, expected: "12.0.0.6520").verdict == .passed)
        #expect(try read(rows, expected: "12.0.0.6524").reasons == ["highest version is 12.0.0.6520, expected 12.0.0.6524"])
        #expect(try read(rows, expected: nil, includes: "6520").verdict == .passed)
        #expect(try read("VersionId,Version\n", expected: nil).reasons.first?.hasPrefix("holds no row") == true)
    }

    // MARK: Robustness

    /// Random bytes in every evidence file: a verdict each time, never a crash.
    @Test func randomEvidenceNeverCrashes() throws {
        var random = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            [0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF], [0x00], [0x0D, 0x0A], [0x0A], Array("upgrade session finishes".utf8),
            Array(" 1 errors and 2 warnings".utf8), Array("Root object = SPFarm Name=".utf8), Array("HKEY_".utf8),
            Array(" REG_SZ ".utf8), Array("00000000-0000-0000-0000-000000000000 12.0.0.1".utf8), [0xC3], [0xD8, 0x00], Array("{\"".utf8),
        ]
        for _ in 0..<150 {
            var files: [String: Data] = [:]
            for name in ["APP01/Upgrade.log", "APP01/verify.json", "APP01/reg-query.txt", "versions.txt"] {
                files[name] = Data((0..<Int.random(in: 0...30, using: &random)).flatMap { _ in pieces.randomElement(using: &random) ?? [] })
            }
            let folder = try scratch(files)
            defer { try? FileManager.default.removeItem(at: folder) }
            let status = try check("contoso-intranet", in: folder)
            #expect(status.servers[0].verdict != .missing)
        }
    }

    @Test func specialFilesAreNotRead() throws {
        let folder = try scratch([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("APP01"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("APP01/Upgrade.log").path, withDestinationPath: "/dev/zero")
        #expect(mkfifo(folder.appendingPathComponent("versions.txt").path, 0o600) == 0)
        let status = try check("contoso-intranet", in: folder)
        #expect(status.servers[0].checks[0].reasons == ["Upgrade.log is not a regular file"])
        #expect(status.farmChecks[0].reasons == ["versions.txt is not a regular file"])
    }
}
