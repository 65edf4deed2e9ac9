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

    /// The evidence folder of one farm: `DIR/FARM-ID` where it exists (evidence of several farms
    /// side by side), else `DIR` itself; with `ownFolder` (a build of several farms), always
    /// `DIR/FARM-ID`, so that one farm never reads another's servers.
    public static func folder(for farmID: String, in directory: URL, ownFolder: Bool = false) -> URL {
        let own = directory.appendingPathComponent(farmID, isDirectory: true)
        return ownFolder || EvidenceFiles.isDirectory(own) ? own : directory
    }

    /// The check of one farm's evidence under `directory` (`--evidence DIR`), as given by the user.
    public static func check(farm: Farm, plan: Plan, evidence directory: String, ownFolder: Bool = false) -> FarmEvidence {
        let base = URL(fileURLWithPath: directory, isDirectory: true)
        let folder = Self.folder(for: plan.farm.id, in: base, ownFolder: ownFolder)
        let display = folder == base ? directory : (directory.hasSuffix("/") ? directory : directory + "/") + plan.farm.id
        return EvidenceChecker(farm: farm, plan: plan, folder: folder, display: Printable.escape(display)).check()
    }

    public func check() -> FarmEvidence {
        guard let entries = EvidenceFiles.entries(of: folder) else {
            let servers = plan.serverOrder.map { ServerEvidence(name: $0, verdict: .missing, checks: []) }
            return FarmEvidence(
                farm: plan.farm.id, name: plan.farm.name, folder: display, verdict: .failed, servers: servers,
                farmChecks: [.notGiven(.versionsTable)], unknownFolders: [],
                notes: ["\(display) does not exist or cannot be read: every server is missing"])
        }
        var used: Set<String> = []
        let servers = plan.serverOrder.map { name -> ServerEvidence in
            guard let entry = EvidenceFiles.find(name, in: entries, folder: folder, directory: true) else {
                return ServerEvidence(name: name, verdict: .missing, checks: [])
            }
            used.insert(entry)
            return server(name, folder: entry)
        }
        let versions = versionsTable(entries)
        let unknown = entries.filter { !used.contains($0) && EvidenceFiles.isDirectory(folder.appendingPathComponent($0)) }
        let failed = servers.contains { $0.verdict != .passed } || versions.verdict == .failed
        return FarmEvidence(
            farm: plan.farm.id, name: plan.farm.name, folder: display, verdict: failed ? .failed : .passed, servers: servers,
            farmChecks: [versions], unknownFolders: unknown.map { Printable.escape($0) })
    }

    private func server(_ name: String, folder entry: String) -> ServerEvidence {
        let directory = folder.appendingPathComponent(entry, isDirectory: true)
        guard let files = EvidenceFiles.entries(of: directory) else {
            let unreadable = EvidenceResult(
                kind: .upgradeLog, files: [], verdict: .failed, reasons: ["the folder \(Printable.escape(entry)) cannot be read"])
            return ServerEvidence(name: name, verdict: .failed, checks: [unreadable])
        }
        let expected = expectedValues(name)
        var checks = [upgradeLog(entry, files)]
        checks.append(
            evidence(.verifyReport, entry, files) { url throws(EvidenceText.Problem) in
                VerifyReportCheck.check(try EvidenceFiles.read(url, maximum: VerifyReportCheck.maximumBytes), expected: expected)
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
    /// `Upgrade*.log` in name order (numbers by value: `Upgrade-2` before `Upgrade-10`), read as
    /// one log. Required: without it a server does not pass.
    private func upgradeLog(_ entry: String, _ files: [String]) -> EvidenceResult {
        let directory = folder.appendingPathComponent(entry)
        let logs = files.filter {
            $0.lowercased().hasPrefix("upgrade") && $0.lowercased().hasSuffix(".log")
                && !EvidenceFiles.isDirectory(directory.appendingPathComponent($0))
        }.sorted { $0.compare($1, options: .numeric) == .orderedAscending }
        let chosen = EvidenceFiles.find("Upgrade.log", in: logs, folder: directory, directory: false).map { [$0] } ?? logs
        guard !chosen.isEmpty else {
            return EvidenceResult(
                kind: .upgradeLog, files: [], verdict: .failed,
                reasons: [
                    "no Upgrade.log in \(Printable.escape(entry))/ (copy it from %COMMONPROGRAMFILES%\\Microsoft Shared\\Web server extensions\\12\\LOGS)"
                ])
        }
        var scanner = UpgradeLogCheck(configDatabase: plan.verification?.configDatabase, windowStart: farm.change?.window?.start)
        var result = EvidenceResult(
            kind: .upgradeLog,
            files: chosen.map {
                EvidenceFile(path: Printable.escape("\(entry)/\($0)"), sha256: EvidenceFiles.sha256(directory.appendingPathComponent($0)))
            },
            verdict: .failed)
        for name in chosen {
            let url = directory.appendingPathComponent(name)
            scanner.begin(file: Printable.escape(name))
            do throws(EvidenceText.Problem) {
                try EvidenceFiles.requireRegularFile(url)
                try EvidenceText.lines(of: url) { line in
                    scanner.read(line)
                    return true
                }
            } catch {
                result.reasons = ["\(Printable.escape(name)) \(EvidenceFiles.describe(error))"]
                return result
            }
        }
        let (verdict, reasons, notes) = scanner.result()
        result.verdict = verdict
        result.reasons = reasons
        result.notes =
            notes + logs.filter { !chosen.contains($0) }.map { "\(Printable.escape($0)) not read (Upgrade.log is the current log)" }
        return result
    }

    private func versionsTable(_ entries: [String]) -> EvidenceResult {
        let name = ["versions.txt", "versions.csv"].lazy.compactMap {
            EvidenceFiles.find($0, in: entries, folder: folder, directory: false)
        }.first
        guard let name else { return .notGiven(.versionsTable) }
        return result(.versionsTable, name: name, file: name, url: folder.appendingPathComponent(name)) {
            url throws(EvidenceText.Problem) in
            try VersionsTableCheck.check(url, verification: plan.verification)
        }
    }

    private func evidence(
        _ kind: EvidenceKind, _ entry: String, _ files: [String], _ check: (URL) throws(EvidenceText.Problem) -> Findings
    ) -> EvidenceResult {
        let directory = folder.appendingPathComponent(entry)
        guard let name = EvidenceFiles.find(kind.fileName, in: files, folder: directory, directory: false) else { return .notGiven(kind) }
        return result(kind, name: name, file: "\(entry)/\(name)", url: directory.appendingPathComponent(name), check)
    }

    private func result(
        _ kind: EvidenceKind, name: String, file: String, url: URL, _ check: (URL) throws(EvidenceText.Problem) -> Findings
    ) -> EvidenceResult {
        var result = EvidenceResult(
            kind: kind, files: [EvidenceFile(path: Printable.escape(file), sha256: EvidenceFiles.sha256(url))], verdict: .failed)
        do throws(EvidenceText.Problem) {
            try EvidenceFiles.requireRegularFile(url)
            let findings = try check(url)
            (result.verdict, result.reasons, result.notes) = (findings.verdict, findings.reasons, findings.notes)
        } catch {
            result.reasons = ["\(Printable.escape(name)) \(EvidenceFiles.describe(error))"]
        }
        return result
    }
}

/// The file system side of the evidence: listings, file kinds, hashes.
enum EvidenceFiles {
    /// The names in a folder, hidden ones left out; nil when it cannot be listed.
    static func entries(of directory: URL) -> [String]? {
        (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The entry named `name`, in its own case first, else in any case; a folder where `directory`,
    /// else anything but a folder, so that a stray folder named like a file is not taken for it.
    static func find(_ name: String, in entries: [String], folder: URL, directory: Bool) -> String? {
        let fits = { (entry: String) in isDirectory(folder.appendingPathComponent(entry)) == directory }
        return entries.first { $0 == name && fits($0) } ?? entries.first { $0.lowercased() == name.lowercased() && fits($0) }
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

    /// A small file whole, refused unread when it is larger than `maximum` bytes.
    static func read(_ url: URL, maximum: Int) throws(EvidenceText.Problem) -> Data {
        try requireRegularFile(url)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path))?[.size] as? Int ?? 0
        guard size <= maximum else { throw .unreadable("is \(size) bytes long; the script writes a few hundred") }
        guard let data = try? Data(contentsOf: url) else { throw .unreadable("cannot be read") }
        return data
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
