/// What `check` and `build --evidence` conclude from the evidence copied off the servers: per
/// server and per piece of evidence, a verdict with its reasons (`patchbook check --json` prints
/// this document).
public enum Verdict: String, Encodable, Sendable {
    case passed, failed
    /// No evidence at all for the server.
    case missing
    /// That piece of evidence was not given; it neither passes nor fails the server.
    case notChecked = "not-checked"
}

/// The kinds of evidence, as the folder layout names them.
public enum EvidenceKind: String, Encodable, Sendable, CaseIterable {
    case upgradeLog = "upgrade-log"
    case verifyReport = "verify-json"
    case registryQuery = "reg-query"
    case versionsTable = "versions"

    /// The file the layout names for it.
    public var fileName: String {
        switch self {
        case .upgradeLog: return "Upgrade.log"
        case .verifyReport: return "verify.json"
        case .registryQuery: return "reg-query.txt"
        case .versionsTable: return "versions.txt"
        }
    }
}

/// A file read, relative to the evidence folder, with its SHA-256 (null when it cannot be read).
public struct EvidenceFile: Encodable, Sendable, Equatable, Hashable {
    public var path: String
    @ExplicitNull public var sha256: String?
}

/// One piece of evidence checked against the plan.
public struct EvidenceResult: Encodable, Sendable, Equatable {
    public var kind: EvidenceKind
    /// The files read (several `Upgrade*.log` where there is no Upgrade.log); none when not given.
    public var files: [EvidenceFile]
    public var verdict: Verdict
    /// Why it failed; empty when it passed.
    public var reasons: [String] = []
    /// What it found, and what it could not compare ("not given by the catalog").
    public var notes: [String] = []

    static func notGiven(_ kind: EvidenceKind) -> EvidenceResult {
        EvidenceResult(kind: kind, files: [], verdict: .notChecked, notes: ["not given"])
    }
}

public struct ServerEvidence: Encodable, Sendable, Equatable {
    public var name: String
    public var verdict: Verdict
    public var checks: [EvidenceResult]
}

public struct FarmEvidence: Encodable, Sendable, Equatable {
    public var farm: String
    public var name: String
    /// The evidence folder read, as it was given.
    public var folder: String
    public var verdict: Verdict
    /// Servers in the order they complete the Configuration Wizard.
    public var servers: [ServerEvidence]
    /// Evidence of the whole farm: the Versions table.
    public var farmChecks: [EvidenceResult]
    /// Folders in the evidence that are no server's own: reported, never read.
    public var unknownFolders: [String]
    /// What the whole check should know: a farm's own folder that does not exist.
    public var notes: [String] = []
}
