import Crypto
import Foundation

/// Checks the evidence copied off a farm's servers against its plan (issue "After the night"):
/// `DIR/SERVER/Upgrade.log` (or `Upgrade*.log`), `verify.json`, `reg-query.txt`, and the farm's
/// `DIR/versions.txt` or `.csv`. Reads files only; a file that cannot be read is a failure with its
/// reason, never a crash.
public struct EvidenceChecker {
    let farm: Farm
    let plan: Plan
    let folder: URL
    /// The folder as the user gave it, for the report.
    let display: String

    public init(farm: Farm, plan: Plan, folder: URL, display: String) {
        self.farm = farm
        self.plan = plan
        self.folder = folder
        self.display = display
    }

    /// The check of one farm's evidence under `directory` (`--evidence DIR`), as given by the user.
    public static func check(farm: Farm, plan: Plan, evidence directory: String, ownFolder: Bool = false) -> FarmEvidence {
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        let folder = Self.folder(for: plan.farm.id, in: base, ownFolder: ownFolder)
        let display = folder == base ? directory : (directory.hasSuffix("/") ? directory : directory + "/") + plan.farm.id
        return EvidenceChecker(farm: farm, plan: plan, folder: folder, display: display).check()
    }

    /// The evidence folder of one farm: `DIR/FARM-ID` where it exists (evidence of several farms
    /// side by side), else `DIR` itself; with `ownFolder` (a build of several farms), always
    /// `DIR/FARM-ID`, so that one farm never reads another's servers.
    public static func folder(for farmID: String, in directory: URL, ownFolder: Bool = false) -> URL {
        let own = directory.appendingPathComponent(farmID, isDirectory: true)
        return ownFolder || EvidenceFiles.isDirectory(own) ? own : directory
    }

    public func check() -> FarmEvidence {
        let entries = EvidenceFiles.entries(of: folder)
        var used: Set<String> = []
        let servers = plan.serverOrder.map { name -> ServerEvidence in
            guard let entry = entries.first(where: { $0.lowercased() == name.lowercased() }),
                EvidenceFiles.isDirectory(folder.appendingPathComponent(entry, isDirectory: true))
            else { return ServerEvidence(name: name, verdict: .missing, checks: []) }
            used.insert(entry)
            return server(name, folder: entry)
        }
        let versions = versionsTable(entries)
        used.formUnion(versions.file.map { [$0] } ?? [])
        let failed = servers.contains { $0.verdict != .passed } || versions.verdict == .failed
        let unknown = entries.filter { !used.contains($0) && EvidenceFiles.isDirectory(folder.appendingPathComponent($0)) }
        return FarmEvidence(
            farm: plan.farm.id, name: plan.farm.name, folder: display, verdict: failed ? .failed : .passed, servers: servers,
            farmChecks: [versions], unknownFolders: unknown.sorted())
    }

    private func server(_ name: String, folder entry: String) -> ServerEvidence {
        let directory = folder.appendingPathComponent(entry, isDirectory: true)
        let files = EvidenceFiles.entries(of: directory)
        let expected = expectedValues(name)
        var checks = [upgradeLog(entry, files)]
        checks.append(
            evidence(.verifyReport, entry, files) { url throws(EvidenceText.Problem) in
                guard let data = try? Data(contentsOf: url) else { throw .unreadable("cannot be read") }
                return VerifyReportCheck.check(data, expected: expected)
            })
        checks.append(
            evidence(.registryQuery, entry, files) { url throws(EvidenceText.Problem) in
                try RegistryQueryCheck.check(url, expected: expected)
            })
        let failed = checks.contains { $0.verdict == .failed }
        return ServerEvidence(name: name, verdict: failed ? .failed : .passed, checks: checks)
    }

    private func expectedValues(_ name: String) -> ExpectedValues {
        let architecture = plan.servers.first { $0.name == name }?.architecture ?? .x64
        return ExpectedValues(
            server: name, architecture: architecture, portalDllVersion: plan.verification?.portalDllVersion,
            isMOSS: plan.farm.product == .moss2007,
            registry: plan.verification?.registry.first { $0.architecture == architecture })
    }

    /// Upgrade.log where it is there (any other `Upgrade*.log` beside it is older), else every
    /// `Upgrade*.log` in name order, read as one log. Required: without it a server does not pass.
    private func upgradeLog(_ entry: String, _ files: [String]) -> EvidenceResult {
        let logs = files.filter { $0.lowercased().hasPrefix("upgrade") && $0.lowercased().hasSuffix(".log") }.sorted()
        let chosen = logs.first { $0.lowercased() == "upgrade.log" }.map { [$0] } ?? logs
        guard !chosen.isEmpty else {
            return EvidenceResult(
                kind: .upgradeLog, file: nil, sha256: nil, verdict: .failed,
                reasons: [
                    "no Upgrade.log in \(entry)/ (copy it from %COMMONPROGRAMFILES%\\Microsoft Shared\\Web server extensions\\12\\LOGS)"
                ])
        }
        var scanner = UpgradeLogCheck(configDatabase: plan.verification?.configDatabase)
        var problem: String?
        for name in chosen {
            let url = folder.appendingPathComponent(entry).appendingPathComponent(name)
            do throws(EvidenceText.Problem) {
                try EvidenceFiles.requireRegularFile(url)
                try EvidenceText.lines(of: url) { line in
                    scanner.read(line)
                    return true
                }
            } catch {
                problem = "\(name) \(EvidenceFiles.describe(error))"
                break
            }
        }
        let files = chosen.map { "\(entry)/\($0)" }
        var result = EvidenceResult(
            kind: .upgradeLog, file: files.joined(separator: ", "),
            sha256: chosen.count == 1 ? EvidenceFiles.sha256(folder.appendingPathComponent(files[0])) : nil, verdict: .failed)
        if let problem {
            result.reasons = [problem]
            return result
        }
        let (verdict, reasons, notes) = scanner.result()
        result.verdict = verdict
        result.reasons = reasons
        result.notes = notes + logs.filter { !chosen.contains($0) }.map { "\($0) not read (Upgrade.log is the current log)" }
        return result
    }

    private func versionsTable(_ entries: [String]) -> EvidenceResult {
        let names = ["versions.txt", "versions.csv"]
        guard let name = names.lazy.compactMap({ wanted in entries.first { $0.lowercased() == wanted } }).first else {
            return .notGiven(.versionsTable)
        }
        let url = folder.appendingPathComponent(name)
        return result(.versionsTable, file: name, url: url) { url throws(EvidenceText.Problem) in
            try VersionsTableCheck.check(url, verification: plan.verification)
        }
    }

    private func evidence(
        _ kind: EvidenceKind, _ entry: String, _ files: [String], _ check: (URL) throws(EvidenceText.Problem) -> Findings
    ) -> EvidenceResult {
        guard let name = files.first(where: { $0.lowercased() == kind.fileName.lowercased() }) else { return .notGiven(kind) }
        let url = folder.appendingPathComponent(entry).appendingPathComponent(name)
        return result(kind, file: "\(entry)/\(name)", url: url, check)
    }

    private func result(
        _ kind: EvidenceKind, file: String, url: URL, _ check: (URL) throws(EvidenceText.Problem) -> Findings
    ) -> EvidenceResult {
        var result = EvidenceResult(kind: kind, file: file, sha256: EvidenceFiles.sha256(url), verdict: .failed)
        do throws(EvidenceText.Problem) {
            try EvidenceFiles.requireRegularFile(url)
            let findings = try check(url)
            (result.verdict, result.reasons, result.notes) = (findings.verdict, findings.reasons, findings.notes)
        } catch {
            result.reasons = ["\(kind.fileName) \(EvidenceFiles.describe(error))"]
        }
        return result
    }
}

/// The file system side of the evidence: listings, file kinds, hashes.
enum EvidenceFiles {
    static func entries(of directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }

    /// Only regular files are read: a FIFO or a device would block or never end.
    static func requireRegularFile(_ url: URL) throws(EvidenceText.Problem) {
        let path = url.resolvingSymlinksInPath().path
        guard let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType else {
            throw .unreadable("cannot be read")
        }
        guard type == .typeRegular else { throw .unreadable("is not a regular file") }
    }

    /// The file's SHA-256 in hex, read in chunks; nil when it cannot be read.
    static func sha256(_ url: URL) -> String? {
        guard (try? requireRegularFile(url)) != nil, let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try? handle.read(upToCount: EvidenceText.chunkSize), !chunk.isEmpty { hash.update(data: chunk) }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func describe(_ problem: EvidenceText.Problem) -> String {
        switch problem {
        case .unreadable(let why): return why
        case .empty: return "is empty"
        case .binary: return "is not text (it holds NUL bytes: a binary file, or an encoding other than UTF-8 or UTF-16)"
        }
    }
}
