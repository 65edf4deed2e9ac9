import Foundation

/// The stages end to end for `patchbook build`, for any number of farms, on every core: each
/// farm is loaded, validated, planned, rendered and handed to `sink` on its own, so memory follows
/// the largest farm, not their number. The sink writes to a staging folder (`SiteWriter.Staging`):
/// when any farm is invalid, the build reports every problem and the caller discards what was
/// staged, so nothing reaches the output. Once a problem is found, no further farm is rendered,
/// but every farm is still checked, so that all problems are reported at once.
public enum Pipeline {
    /// Receives each output file; called from several threads at once, never twice for one path.
    public typealias Sink = @Sendable (_ path: String, _ contents: Data) throws -> Void
    /// Told each time a farm is done: (farms done, total).
    public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

    /// Builds every farm into `sink`; the log's errors mean the staged files must be discarded.
    /// With `frontMatter`, every Markdown page starts with YAML front matter; with `evidence` (a
    /// folder), each farm gets a status page from the evidence checked there.
    public static func build(
        farms paths: [String], catalog: Catalog, templates: Templates, frontMatter: Bool = false, evidence: String? = nil,
        sink: Sink, progress: Progress = { _, _ in }
    ) throws -> DiagnosticLog {
        try run(
            farms: paths, catalog: catalog, templates: templates, frontMatter: frontMatter, evidence: evidence, sink: sink,
            progress: progress
        ).log
    }

    /// `build`, and the HTML pages among the files that `--pdf` prints, by path, in name order.
    private static func run(
        farms paths: [String], catalog: Catalog, templates: Templates, frontMatter: Bool, evidence: String?,
        sink: Sink, progress: Progress
    ) throws -> (log: DiagnosticLog, printed: [String]) {
        let run = Run(count: paths.count, frontMatter: frontMatter, evidence: evidence, evidenceOwnFolders: paths.count > 1)
        let repeats = FarmSetValidator.repeats(paths)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            if let repeated = repeats[index] {
                run.repeated(index, repeated)
            } else {
                run.farm(index, path: paths[index], catalog: catalog, templates: templates, sink: sink)
            }
            progress(
                run.done.update {
                    $0 += 1; return $0
                }, paths.count)
        }
        if let failure = run.failures.value.first { throw failure }
        let (entries, log) = run.report(paths)
        // A build that fails reports its errors alone: the plans' warnings are for one that succeeds,
        // and which farms were planned before another failed depends on timing.
        guard !log.hasErrors else { return (log.errors, []) }
        let site = try SitePages.siteFiles(farms: entries, catalog: catalog, templates: templates, frontMatter: frontMatter)
        for (path, data) in site.sorted(by: { $0.key < $1.key }) { try sink(path, data) }
        return (log, run.printed.value.sorted())
    }

    /// `patchbook build` end to end: the site is staged beside `destination` and swapped in when
    /// every farm is valid; when one is not, writing fails or `interrupted` gives a signal, the
    /// staged files are discarded and `destination` stays as it was. `waiting` is called when
    /// another build is writing `destination` and this one waits for it (`SiteWriter`). With
    /// `pdf`, the change requests and server checklists are printed from the staged site, once it
    /// is whole, and their PDFs staged with it: a page that cannot be printed fails the build.
    public static func write(
        farms paths: [String], catalog: Catalog, templates: Templates, to destination: URL,
        progress: Progress = { _, _ in }, waiting: @escaping @Sendable () -> Void = {},
        interrupted: @escaping @Sendable () -> Int32? = { nil }, strict: Bool = false,
        frontMatter: Bool = false, evidence: String? = nil, pdf: PDFPrinter? = nil
    ) throws -> DiagnosticLog {
        let staging = try SiteWriter(destination: destination, waiting: waiting, interrupted: interrupted).begin()
        do {
            var (log, printed) = try run(
                farms: paths, catalog: catalog, templates: templates, frontMatter: frontMatter, evidence: evidence,
                sink: { try staging.add($0, $1) }, progress: progress)
            // With `strict`, a warning fails the build as an error does: nothing is written.
            let fails = log.hasErrors || (strict && log.entries.contains { $0.severity == .warning })
            if fails {
                staging.discard()
                return log
            }
            if let pdf {
                for (path, data) in try pdf.print(printed, in: staging.folder, interrupted: interrupted).sorted(by: { $0.key < $1.key }) {
                    try staging.add(path, data)
                }
            }
            if let kept = try staging.commit() {
                log.warning(
                    .whole(destination.path),
                    "files were added to the output folder while it was built; the previous output, with them, is kept in \(kept.path)")
            }
            return log
        } catch {
            staging.discard()
            throw error
        }
    }

    /// The whole site in memory (tests, small builds); empty when any farm is invalid.
    public static func siteFiles(farms paths: [String], catalog: Catalog, templates: Templates, frontMatter: Bool = false) throws -> (
        files: [String: Data], log: DiagnosticLog
    ) {
        let files = Locked<[String: Data]>([:])
        let log = try build(farms: paths, catalog: catalog, templates: templates, frontMatter: frontMatter) { path, data in
            files.update { $0[path] = data }
        }
        return (log.hasErrors ? [:] : files.value, log)
    }

    /// What the threads of one build share.
    private final class Run: Sendable {
        let results: Locked<[(entry: SitePages.IndexEntry?, identity: FarmSetValidator.Identity?, log: DiagnosticLog)?]>
        let failures = Locked<[Error]>([])
        let done = Locked(0)
        /// Set at the first invalid farm: rendering stops, checking goes on.
        let invalid = Locked(false)
        /// Folder names taken, so that two farms with one id never write into the same folder.
        let claimed = Locked<Set<String>>([])
        /// The pages `--pdf` prints, by path.
        let printed = Locked<[String]>([])
        let frontMatter: Bool
        let evidence: String?
        /// Several farms read their evidence from `EVIDENCE/FARM-ID` only.
        let evidenceOwnFolders: Bool

        /// Farms fewer than the cores leave cores idle, so each farm's pages share them.
        let fewerFarmsThanCores: Bool

        init(count: Int, frontMatter: Bool, evidence: String?, evidenceOwnFolders: Bool) {
            fewerFarmsThanCores = count < ProcessInfo.processInfo.activeProcessorCount
            results = Locked(Array(repeating: nil, count: count))
            self.frontMatter = frontMatter
            self.evidence = evidence
            self.evidenceOwnFolders = evidenceOwnFolders
        }

        /// A file named before: not read again, and the build fails (as `validate` does).
        func repeated(_ index: Int, _ diagnostic: Diagnostic) {
            var log = DiagnosticLog()
            log.append(diagnostic)
            results.update { $0[index] = (nil, nil, log) }
            invalid.update { $0 = true }
        }

        func farm(_ index: Int, path: String, catalog: Catalog, templates: Templates, sink: Sink) {
            let (farm, log) = Inputs.farm(at: path, catalog: catalog)
            let entry = farm.flatMap { SitePages.IndexEntry(farm: $0) }
            results.update { $0[index] = (entry, farm.map(FarmSetValidator.Identity.init), log) }
            guard let farm, entry != nil else { return invalid.update { $0 = true } }
            guard claimed.update({ $0.insert(farm.id.value).inserted }) else { return invalid.update { $0 = true } }
            guard !invalid.value, failures.value.isEmpty else { return }
            do {
                let plan = try Planner.plan(farm, catalog: catalog)
                let checked = evidence.map {
                    EvidenceChecker.check(farm: farm, plan: plan, evidence: $0, ownFolder: evidenceOwnFolders)
                }
                let (files, printed) = try SitePages.farm(
                    .init(farm: farm, plan: plan, evidence: checked), templates: templates, frontMatter: frontMatter,
                    onEveryCore: fewerFarmsThanCores)
                for (file, data) in files { try sink(file, data) }
                self.printed.update { $0.append(contentsOf: printed) }
                let file = Inputs.displayName(path)
                let warnings = try PlanWarnings.log(plan, file: file, templates: templates)
                results.update { $0[index]?.log.append(contentsOf: warnings) }
            } catch {
                failures.update { $0.append(error) }
            }
        }

        /// Every diagnostic in the order of the files, and the index entries of a valid build.
        func report(_ paths: [String]) -> (entries: [SitePages.IndexEntry], log: DiagnosticLog) {
            var log = DiagnosticLog()
            let results = results.value
            let identities = zip(paths, results).map { path, result in (path, result?.entry == nil ? nil : result?.identity) }
            let conflicts = FarmSetValidator.idConflicts(identities)
            var entries: [SitePages.IndexEntry] = []
            for (result, conflict) in zip(results, conflicts) {
                guard let result else { continue }
                log.append(contentsOf: result.log)
                if let conflict { log.append(conflict) } else if let entry = result.entry { entries.append(entry) }
            }
            return (entries, log)
        }
    }
}

/// A value shared between threads, changed under a lock. Only Sendable values: the lock guards
/// the stored value, and what is handed out may cross threads. (Unchecked because the compiler
/// cannot see that the lock guards `stored`.)
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    @discardableResult
    func update<Result>(_ change: (inout Value) -> Result) -> Result {
        lock.withLock { change(&stored) }
    }
}
