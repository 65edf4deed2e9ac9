import Foundation
import Mustache
import PatchbookResources

/// Every template and every piece of prose, parsed once: the layout from `Templates/` (or a
/// user's copy given with `--templates`), the prose from `Content/`. Names are paths without the
/// `.mustache` extension, such as `markdown/server` or `steps/stop-w3svc`.
public struct Templates: Sendable {
    public let library: MustacheLibrary
    /// The templates `TemplateRenderer` renders, by name: every one whose tokens and partials it
    /// renders; swift-mustache renders the rest (`CompiledTemplate`).
    let compiled: [String: CompiledTemplate]
    /// The step prose by rule id: its title, and the name of its body template.
    public let steps: [String: StepProse]
    /// Labels from `Content/labels.yaml` (phase titles, product names).
    public let labels: [String: String]
    /// Static files copied to the output as they are (the stylesheet), by output path.
    public let assets: [String: Data]
    /// The compiled templates as one program, which `TemplateRenderer` runs.
    let program: TemplateProgram
    /// The source of each compiled template, by name: what `make precompiled` writes them under.
    var sources: [String: String] = [:]

    init(
        library: MustacheLibrary, compiled: [String: CompiledTemplate], steps: [String: StepProse], labels: [String: String],
        assets: [String: Data], sources: [String: String] = [:]
    ) {
        self.library = library
        self.compiled = compiled
        program = TemplateProgram(compiled)
        self.steps = steps
        self.labels = labels
        self.assets = assets
        self.sources = sources
    }

    public struct StepProse: Sendable {
        public let title: String
        public let template: String
        /// The names the prose (with its partials) looks up among a server page's own values,
        /// nil when it never mentions them (`TemplateReader.serverNamesRead(by:)`). Prose reads
        /// the same on two server pages whose values under these names are the same.
        public let serverReads: Set<String>?
        /// The places in `ServerView.fields` of the fields named in `serverReads` ("." names
        /// them all), worked out once: checking each field's name per page was 1 % of a build.
        let serverFields: [Int]?

        init(title: String, template: String, serverReads: Set<String>?) {
            self.title = title
            self.template = template
            self.serverReads = serverReads
            serverFields = serverReads.map { reads in
                ServerView.fields.list.indices.filter { reads.contains(".") || reads.contains(ServerView.fields.list[$0].name) }
            }
        }

        /// Whether the prose reads `onServer`; prose that does not reads the same on every page,
        /// so a farm renders it once.
        public var perServer: Bool { serverReads != nil }
    }

    /// Command lines live once in `Templates/commands/` and are parsed twice: as typed at a prompt
    /// (`cmd/NAME`, for pages) and as written in a batch file (`batch/NAME`, for .cmd scripts).
    static let commandLanguages: [(prefix: String, language: Escapers.Language)] = [("cmd", .cmd), ("batch", .batch)]

    /// The built-in `Templates/` and `Content/`. Without `precompiled`, every template is parsed,
    /// and `library` holds them all (tests render with swift-mustache from it).
    public static func builtIn(precompiled: Bool = true) -> (templates: Templates?, log: DiagnosticLog) {
        guard let templates = PatchbookResources.templates, let content = PatchbookResources.content else {
            return missingResources()
        }
        return load(templates: templates, content: content, precompiled: precompiled)
    }

    /// A user's copy of `Templates/` (`--templates`), with the built-in `Content/`: it needs the
    /// site's templates only.
    public static func user(_ templates: URL) -> (templates: Templates?, log: DiagnosticLog) {
        guard let content = PatchbookResources.content else { return missingResources() }
        return load(templates: templates, content: content, required: pages)
    }

    private static func missingResources() -> (templates: Templates?, log: DiagnosticLog) {
        var log = DiagnosticLog()
        log.error(.start(of: "Templates"), "the built-in templates are missing from this installation of patchbook")
        return (nil, log)
    }

    /// `precompiled`: take each template whose source is the shipped one from
    /// `Templates/precompiled.bin` instead of parsing it (`PrecompiledTemplates`). `library` then
    /// holds only the templates parsed: those swift-mustache renders, and their partials.
    public static func load(templates: URL, content: URL, required: [String] = pages + builtInOnly, precompiled: Bool = true)
        -> (templates: Templates?, log: DiagnosticLog)
    {
        load(templates: templates, content: content, required: required) { precompiled ? .builtIn : .none }
    }

    static func load(
        templates: URL, content: URL, required: [String], precompiled: @escaping @Sendable () -> PrecompiledTemplates
    ) -> (templates: Templates?, log: DiagnosticLog) {
        Escapers.register()
        var reader = TemplateReader()
        // The shipped compiled templates are read on another core while the files are.
        let (shipped, (files, steps, labels)) = Concurrently.both(
            precompiled, { read(templates: templates, content: content, into: &reader) })
        reader.parseQueued(precompiled: shipped)
        reader.checkIncludes()
        let assets = files.filter { $0.key.hasPrefix("assets/") }.mapValues(\.data)
        for name in required where !reader.names.contains(name) {
            reader.log.error(
                .start(of: "\(templates.lastPathComponent)/\(name).mustache"),
                "this template is missing; every page and script needs its template")
        }
        for rule in StepRules.all.map(\.id) where steps[rule] == nil {
            reader.log.error(.start(of: "Content/steps"), "the prose of step '\(rule)' is missing: add Content/steps/\(rule).md")
        }
        guard !reader.log.hasErrors else { return (nil, reader.log) }
        var compiled = compile(reader.compiled, reader.library)
        // swift-mustache renders a template left uncompiled (or including one that is, such as a
        // warning's text) with the partials of its library: then it needs every one parsed.
        if reader.compiled.keys.contains(where: { PrecompiledTemplates.takes($0) && compiled[$0] == nil }) {
            reader.parseTaken()
            guard !reader.log.hasErrors else { return (nil, reader.log) }
            compiled = compile(reader.compiled, reader.library)
        }
        let templates = Templates(
            library: reader.library, compiled: compiled, steps: steps, labels: labels, assets: assets, sources: reader.sources)
        return (templates, reader.log)
    }

    /// Reads and registers every template and piece of prose; returns the template folder's
    /// files, the step prose and the labels.
    private static func read(templates: URL, content: URL, into reader: inout TemplateReader) -> (
        files: [String: TemplateReader.File], steps: [String: StepProse], labels: [String: String]
    ) {
        // Templates and the static files copied to the site (not precompiled.bin, read on its own).
        let files = reader.files(in: templates, display: templates.lastPathComponent) {
            $0.hasSuffix(".mustache") || $0.hasPrefix("assets/")
        }
        for (name, file) in files.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".mustache") {
            let base = String(name.dropLast(".mustache".count))
            if base.hasPrefix("commands/") {
                for (prefix, language) in commandLanguages {
                    reader.register(file, as: prefix + base.dropFirst("commands".count), language: language)
                }
            } else {
                reader.register(file, as: base, language: nil)
            }
        }
        // The prose; the catalog and the YAML files are read by their own readers.
        let contentFiles = reader.files(in: content, display: "Content") { $0.hasSuffix(".md") }
        let titles = reader.steps(contentFiles)
        // Other prose (`Content/change-request/*.md`) is included by templates as `content/PATH`.
        for (name, file) in contentFiles.sorted(by: { $0.key < $1.key }) where !name.hasPrefix("steps/") {
            reader.register(file, as: "content/" + name.dropLast(3), language: .markdown)
        }
        let steps = Dictionary(
            uniqueKeysWithValues: titles.map { rule, title in
                (rule, StepProse(title: title, template: "steps/\(rule)", serverReads: reader.serverNamesRead(by: "steps/\(rule)")))
            })
        let labels = reader.labels(content.appendingPathComponent("labels.yaml"))
        reader.warnings(content.appendingPathComponent("warnings.yaml"))
        return (files, steps, labels)
    }

    /// The compiled templates whose partials are all compiled too: a partial left to
    /// swift-mustache leaves whatever includes it, directly or not, to it as well.
    static func compile(_ compiled: [String: CompiledTemplate?], _ library: MustacheLibrary) -> [String: CompiledTemplate] {
        guard CompiledTemplate.defaultContentType != nil else { return [:] }
        var compiled = compiled.compactMapValues { $0 }
        var removed = true
        while removed {
            removed = false
            for (name, template) in compiled
            where template.partials.contains(where: { compiled[$0] == nil && library.getTemplate(named: $0) != nil }) {
                compiled[name] = nil
                removed = true
            }
        }
        return compiled
    }

    /// The templates the site renders by name; loading checks that each exists, because
    /// swift-mustache renders a missing one as nothing.
    public static let pages = [
        "markdown/index.md", "markdown/catalog.md", "markdown/farm.md", "markdown/change-request.md",
        "markdown/change-request/implementation-plan.md", "markdown/change-request/backout-plan.md",
        "markdown/change-request/test-plan.md",
        "markdown/server.md", "html/layout.html", "scripts/install.cmd", "scripts/backup-databases.sql",
        "scripts/verify.ps1", "scripts/detach-content-databases.cmd", "scripts/attach-content-databases.cmd",
    ]

    /// Templates only the built-in set needs: the terminal summary of `plan` and the starter of
    /// `init`, which `build --templates` never renders.
    public static let builtInOnly = ["text/plan.txt", "init/farm.yaml"]

    /// Renders a template, with the view it reads. Loading checks that every template the site
    /// uses exists; a missing one is an error all the same, never an empty page.
    func render(_ template: String, _ view: any TemplateView) throws -> String {
        if let text = TemplateRenderer.render(template, in: program, view) { return text }
        guard let text = library.render(view, withTemplate: template) else { throw RenderError.missingTemplate(template) }
        return text
    }

    /// A warning's text (`warnings/CODE`), written from the facts the planner gave.
    func render(warning code: WarningCode, facts: [String: String]) throws -> String {
        let name = "warnings/\(code.rawValue)"
        guard let text = library.render(facts, withTemplate: name) else { throw RenderError.missingTemplate(name) }
        return text
    }

    /// A label, or the key itself where `labels.yaml` lacks it (a test checks none is missing).
    public func label(_ key: String) -> String { labels[key] ?? key }
}
