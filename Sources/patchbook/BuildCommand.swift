import ArgumentParser
import Foundation
import PatchbookKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Plans every farm and writes the site: wiki pages, change requests, checklists, scripts.",
        discussion: """
            For each farm, DIR/FARM-ID/ gets index, change-request and servers/SERVER pages (Markdown \
            and HTML), scripts/ (per-server .cmd, backup-databases.sql, verify.ps1, detach and attach \
            scripts where needed), change-request/ (implementation, backout and test plans as plain \
            text) and plan.json; DIR/ gets index, catalog and assets/.

            --evidence EVIDENCE checks the evidence copied off the servers after the update, as \
            'patchbook check' does, and adds DIR/FARM-ID/status.md and status.html: each server's \
            verdict, with the files read and their SHA-256, linked from the farm page and the change \
            request. A build of several farms reads each farm's evidence from EVIDENCE/FARM-ID/.

            --front-matter starts every Markdown page with YAML front matter for Hugo, Jekyll and \
            MkDocs: title (the HTML page's title), weight (Hugo) and nav_order (just-the-docs), \
            the page's place in the site: the farm page, the change request, then the servers.

            --pdf also prints each farm's change-request.pdf, servers/SERVER.pdf (and status.pdf) with headless \
            Chromium (chromium, chromium-browser or google-chrome on PATH, or the program the \
            PATCHBOOK_CHROMIUM environment variable names), from the HTML this build writes and \
            before the output folder is swapped in. Without Chromium, the build stops before it \
            writes anything (exit 1; sudo apt-get install chromium). A page Chromium cannot print \
            within 120 s fails the build and leaves the output folder as it was.

            Farms are planned and rendered in parallel on every core. On a terminal, a progress \
            line counts the farms done; --quiet silences it, --verbose adds a summary.

            Nothing is written unless every farm description is valid. The output folder is replaced \
            whole (written beside it, then swapped in at once); a build into a folder that another \
            build is writing waits for it. If --out is a symbolic link, the folder it points to is \
            replaced. A folder that patchbook did not create, or that holds files it did not write, \
            is never replaced. Interrupted (Ctrl-C, SIGTERM), a build removes what it wrote and leaves \
            the output folder as it was.

            Examples:
              patchbook build examples/contoso-intranet.yaml --out site
              patchbook build farms/*.yaml --out /srv/wiki/patching --catalog cu.yaml
              patchbook build farms/ --out site --templates my-templates --strict
              patchbook build farms/ --out hugo/content/patching --front-matter
              patchbook build examples/contoso-intranet.yaml --out site --pdf
            """
    )

    @OptionGroup var farms: FarmFiles

    @Option(help: ArgumentHelp("The output folder.", valueName: "dir"), completion: .directory)
    var out: String

    @OptionGroup var catalog: CatalogOptions

    @Option(
        help: ArgumentHelp("A copy of patchbook's Templates folder to use instead of the built-in one.", valueName: "dir"),
        completion: .directory)
    var templates: String?

    @Option(
        help: ArgumentHelp(
            "The evidence copied off the servers after the update (see 'patchbook help check'): adds each farm's status page.",
            valueName: "dir"),
        completion: .directory)
    var evidence: String?

    @OptionGroup var warnings: WarningOptions

    @Flag(help: "Start every Markdown page with YAML front matter (title, weight, nav_order) for Hugo, Jekyll and MkDocs.")
    var frontMatter = false

    @Flag(help: "Also write each change request and server checklist as PDF, printed by headless Chromium.")
    var pdf = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors: no progress, no warnings.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Show progress even when stderr is not a terminal, and a summary at the end.")
    var verbose = false

    /// Checked before anything is read, so that a wrong folder is one clear message.
    func validate() throws {
        if let problem = templates.flatMap({ Inputs.folderProblem($0, option: "--templates") })
            ?? evidence.flatMap({ Inputs.folderProblem($0, option: "--evidence") }) ?? Inputs.outputProblem(out)
        {
            throw ValidationError(problem)
        }
    }

    func run() throws {
        // Chromium is looked for first: without it, nothing is read or written.
        let printer: PDFPrinter?
        do {
            printer = pdf ? try PDFPrinter.find() : nil
        } catch let failure as PDFPrinter.Failure {
            Terminal.printError("error: \(Printable.escape("\(failure)"))\n")
            throw ExitCode(1)
        }
        let templates = templates
        let (catalog, (loaded, templateLog)) = try catalog.load {
            templates.map { Templates.user(URL(fileURLWithPath: $0)) } ?? Templates.builtIn()
        }
        try Terminal.report(templateLog)
        guard let loaded else { throw ExitCode(1) }
        let paths = farms.paths
        let progress = Terminal.Progress(mode: quiet ? .quiet : verbose ? .verbose : .auto, noun: "farms")
        let started = Date()
        let (out, quiet) = (out, quiet)
        Interruption.catchTermination()
        do {
            let log = try Pipeline.write(
                farms: paths, catalog: catalog, templates: loaded,
                to: URL(fileURLWithPath: out), progress: progress.update,
                waiting: {
                    if !quiet { Terminal.printError("waiting for another patchbook build to finish writing \(Printable.escape(out))\n") }
                },
                interrupted: { Interruption.receivedSignal }, strict: warnings.strict, frontMatter: frontMatter, evidence: evidence,
                pdf: printer)
            progress.finish()
            try Terminal.report(log, quiet: quiet, strict: warnings.strict)
        } catch let failure as SiteWriter.Failure {
            progress.finish()
            if case .interrupted(let signal) = failure {
                Terminal.printError("\(failure)\n")
                Interruption.end(by: signal)
            }
            Terminal.printError("error: \(Printable.escape("\(failure)"))\n")
            throw ExitCode(1)
        } catch let failure as RenderError {
            progress.finish()
            Terminal.printError("error: \(failure)\n")
            throw ExitCode(1)
        } catch let failure as PDFPrinter.Failure {
            progress.finish()
            Terminal.printError("error: \(Printable.escape("\(failure)"))\n")
            throw ExitCode(1)
        }
        if verbose {
            Terminal.printError(
                String(
                    format: "wrote %d %@ to %@ in %.2f s\n", paths.count, paths.count == 1 ? "farm" : "farms", Printable.escape(out),
                    Date().timeIntervalSince(started)))
        }
    }
}
