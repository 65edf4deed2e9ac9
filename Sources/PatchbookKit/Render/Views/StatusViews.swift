/// The evidence check as `patchbook check` prints it and `FARM/status.md` shows it (`text/check.txt`,
/// `markdown/status.md`).
struct StatusView: TemplateView {
    var farm: FarmNavView
    var verdict: String
    var passed: Bool
    var folder: String
    var servers: [ServerStatusView]
    var farmChecks: [CheckView]
    var unknownFolders: [NameView]
    var notes: [NameView]

    static let fields = ViewFields<Self>([
        .init("farm", "the farm (id and name)") { $0.farm },
        .init("verdict", "passed or failed") { $0.verdict },
        .init("passed", "true when every server passed") { $0.passed },
        .init("folder", "the evidence folder read") { $0.folder },
        .init("servers", "each server in wizard order (each a server status)") { $0.servers },
        .init("farmChecks", "the farm-wide evidence: the Versions table (each a check)") { $0.farmChecks },
        .init("unknownFolders", "folders naming no server of the farm, not read (each with name)") { $0.unknownFolders },
        .init("hasUnknownFolders", "true when there are such folders") { !$0.unknownFolders.isEmpty },
        .init("notes", "what the whole check should know, such as a farm's folder that does not exist (each with name)") {
            $0.notes
        },
    ])
}

struct ServerStatusView: TemplateView {
    var name: String
    var verdict: String
    var missing: Bool
    var checks: [CheckView]

    static let fields = ViewFields<Self>([
        .init("name", "the server's name") { $0.name },
        .init("verdict", "passed, failed or missing") { $0.verdict },
        .init("missing", "true when the evidence has no folder for it") { $0.missing },
        .init("checks", "each piece of evidence (each a check)") { $0.checks },
    ])
}

struct CheckView: TemplateView {
    var what: String
    var files: [FileView]
    var verdict: String
    var reasons: [NameView]
    var notes: [NameView]

    static let fields = ViewFields<Self>([
        .init("what", "the evidence, as the layout names it (Upgrade.log, verify.json...)") { $0.what },
        .init("files", "the files read (each a file)") { $0.files },
        .init("verdict", "passed, failed or not checked") { $0.verdict },
        .init("reasons", "why it failed (each with name)") { $0.reasons },
        .init("notes", "what it found, and what could not be compared (each with name)") { $0.notes },
    ])
}

struct FileView: TemplateView {
    var path: String
    var sha256: String?

    static let fields = ViewFields<Self>([
        .init("path", "the file, relative to the evidence folder") { $0.path },
        .init("sha256", "its SHA-256, where it could be read") { $0.sha256 },
    ])
}

extension StatusView {
    init(_ evidence: FarmEvidence, templates: Templates) {
        let verdict = { (v: Verdict) in templates.label("verdict.\(v.rawValue)") }
        let check = { (result: EvidenceResult) in
            CheckView(
                what: templates.label("evidence.\(result.kind.rawValue)"),
                files: result.files.map { FileView(path: $0.path, sha256: $0.sha256) },
                verdict: verdict(result.verdict), reasons: result.reasons.map(NameView.init), notes: result.notes.map(NameView.init))
        }
        self.init(
            farm: FarmNavView(id: evidence.farm, name: evidence.name), verdict: verdict(evidence.verdict),
            passed: evidence.verdict == .passed, folder: evidence.folder,
            servers: evidence.servers.map {
                ServerStatusView(name: $0.name, verdict: verdict($0.verdict), missing: $0.verdict == .missing, checks: $0.checks.map(check))
            },
            farmChecks: evidence.farmChecks.map(check), unknownFolders: evidence.unknownFolders.map(NameView.init),
            notes: evidence.notes.map(NameView.init))
    }
}

/// `patchbook check`'s report.
public enum EvidenceReport {
    public static func text(_ evidence: FarmEvidence, templates: Templates) throws -> String {
        try templates.render("text/check.txt", StatusView(evidence, templates: templates))
    }
}
