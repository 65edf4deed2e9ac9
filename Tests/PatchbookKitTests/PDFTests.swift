import Foundation
import Testing

@testable import PatchbookKit

/// `build --pdf` with a fake Chromium (a shell script): which Chromium is used, its command line,
/// that it prints from a whole staged site into the manifest, and that a Chromium that fails,
/// writes nothing or hangs fails the build with the page's name and leaves the output as it was.
@Suite(.serialized) struct PDFTests {
    /// A fake Chromium in `scratch/bin/NAME`: it notes its arguments, profile and the number of
    /// HTML pages in the folder it prints from, then runs `body` (`$page` is the page's path,
    /// `$pdf` where the PDF goes).
    private func fake(_ scratch: Scratch, name: String = "chromium", body: String) throws -> URL {
        let script = scratch.url("bin/\(name)")
        try scratch.write(
            "bin/\(name)",
            """
            #!/bin/sh
            log=\(scratch.url("log").path)
            for argument; do
              case "$argument" in
                --print-to-pdf=*) pdf="${argument#--print-to-pdf=}" ;;
                --user-data-dir=*) profile="${argument#--user-data-dir=}" ;;
                file://*) page="${argument#file://}" ;;
              esac
            done
            printf '%s\\n' "$*" >> "$log.arguments"
            printf '%s\\n' "$profile" >> "$log.profiles"
            mkdir -p "$profile"
            root="${page%%.patchbook-new/*}.patchbook-new"
            find "$root" -name '*.html' | wc -l >> "$log.pages"
            \(body)

            """)
        chmod(script.path, 0o755)
        return script
    }

    private static let prints = #"[ -f "$page" ] || exit 9; printf '%%PDF-1.4 fake of %s\n' "$page" > "$pdf""#

    private func lines(_ scratch: Scratch, _ log: String) -> [String] {
        ((try? String(contentsOf: scratch.url("log.\(log)"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    private let contoso = [Fixtures.example("contoso-intranet.yaml")]
    private let printed = ["change-request", "servers/APP01", "servers/WFE01", "servers/WFE02"].map { "contoso-intranet/\($0)" }

    private func write(_ out: URL, pdf: PDFPrinter?, interrupted: @escaping @Sendable () -> Int32? = { nil }) throws {
        let log = try Pipeline.write(
            farms: contoso, catalog: Fixtures.catalog, templates: try #require(Fixtures.templates), to: out, interrupted: interrupted,
            pdf: pdf)
        #expect(!log.hasErrors)
    }

    @Test func printsEachChecklistAndChangeRequestFromTheWholeStagedSite() throws {
        let scratch = try Scratch("pdf")
        let printer = PDFPrinter(chromium: try fake(scratch, body: Self.prints), parallel: 2)
        let out = scratch.url("site")
        try write(out, pdf: printer)
        let tree = scratch.tree("site")
        let manifest = String(decoding: try #require(tree[SiteWriter.marker]), as: UTF8.self).split(separator: "\n").map(String.init)
        for page in printed {
            let pdf = String(decoding: try #require(tree[page + ".pdf"], "\(page).pdf"), as: UTF8.self)
            // Printed from the staged page, before the swap, not from the output folder.
            #expect(pdf.hasPrefix("%PDF-1.4 fake of ") && pdf.contains(".site.patchbook-new/\(page).html"), "\(pdf)")
            #expect(manifest.contains(page + ".pdf"))
        }
        #expect(tree.keys.filter { $0.hasSuffix(".pdf") }.count == printed.count)
        // Every page of the site was there whenever Chromium ran.
        let pages = tree.keys.filter { $0.hasSuffix(".html") }.count
        #expect(lines(scratch, "pages").map { Int($0.trimmingCharacters(in: .whitespaces)) } == Array(repeating: pages, count: 4))
        // Each Chromium had a profile of its own, removed afterwards.
        let profiles = lines(scratch, "profiles")
        #expect(Set(profiles).count == 4 && profiles.allSatisfy { !$0.isEmpty && !FileManager.default.fileExists(atPath: $0) })
        for arguments in lines(scratch, "arguments") {
            #expect(arguments.hasPrefix("--headless ") && arguments.contains(" --no-pdf-header-footer "))
        }
        #expect(scratch.leftovers(of: "site").isEmpty)
        // A later build without --pdf replaces the folder, PDFs and all: the manifest listed them.
        try write(out, pdf: nil)
        #expect(scratch.tree("site").keys.filter { $0.hasSuffix(".pdf") }.isEmpty)
    }

    /// A page Chromium fails on, one it prints nothing for, one it hangs on: the error names the
    /// page, the previous output stays byte for byte, nothing is left beside it or in /tmp.
    @Test(arguments: [
        (
            #"case "$page" in *WFE01*) echo "fake crash" >&2; exit 3 ;; esac; "# + prints,
            "exited with status 3; its last message: fake crash"
        ),
        (#"case "$page" in *WFE01*) exit 0 ;; esac; "# + prints, "exited without writing a PDF"),
        (#"case "$page" in *WFE01*) sleep 30 & echo $! > "$log.child"; wait ;; esac; "# + prints, "did not finish within 1 s"),
    ])
    func aPageThatCannotBePrintedFailsTheBuild(body: String, reason: String) throws {
        let scratch = try Scratch("pdf-fail")
        let out = scratch.url("site")
        try write(out, pdf: nil)
        let before = scratch.tree("site")
        let printer = PDFPrinter(chromium: try fake(scratch, body: body), timeout: 1, parallel: 2)
        let started = Date()
        #expect {
            try write(out, pdf: printer)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("cannot print contoso-intranet/servers/WFE01.html to PDF: Chromium (") && text.contains(reason)
                && text.hasSuffix("the output folder was left as it was")
        }
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(scratch.tree("site") == before)
        #expect(scratch.leftovers(of: "site").isEmpty)
        #expect(lines(scratch, "profiles").allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        // A hung Chromium is stopped with what it started. The kill is delivered asynchronously:
        // the child gets a moment to die before it counts as still running.
        if let child = lines(scratch, "child").first.flatMap({ pid_t($0) }) {
            func state() -> Substring? {
                (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8))?.split(separator: " ").dropFirst(2).first
            }
            let deadline = Date().addingTimeInterval(5)
            while let current = state(), current != "Z", Date() < deadline { usleep(20_000) }
            let last = state()
            #expect(last == nil || last == "Z", "the fake Chromium's child \(child) still runs")
        }
    }

    @Test func anInterruptedBuildStopsChromium() throws {
        let scratch = try Scratch("pdf-interrupt")
        let printer = PDFPrinter(chromium: try fake(scratch, body: "sleep 30"), timeout: 60)
        let started = Date()
        #expect(throws: SiteWriter.Failure.self) {
            try write(scratch.url("site"), pdf: printer, interrupted: { Date().timeIntervalSince(started) > 0.5 ? SIGTERM : nil })
        }
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(!FileManager.default.fileExists(atPath: scratch.url("site").path) && scratch.leftovers(of: "site").isEmpty)
    }

    @Test func chromiumIsFoundByItsOverrideThenOnPath() throws {
        let scratch = try Scratch("pdf-find")
        let browser = try fake(scratch, name: "chromium-browser", body: "")
        let bin = scratch.url("bin").path
        #expect(try PDFPrinter.find(environment: ["PATH": "/nonexistent:\(bin)"]).chromium.path == browser.path)
        #expect(try PDFPrinter.find(environment: ["PATH": "", "PATCHBOOK_CHROMIUM": browser.path]).chromium.path == browser.path)
        #expect(try PDFPrinter.find(environment: ["PATH": bin, "PATCHBOOK_CHROMIUM": "chromium-browser"]).chromium.path == browser.path)
        #expect(try PDFPrinter.find(environment: ["PATH": bin, "PATCHBOOK_CHROMIUM": ""]).chromium.path == browser.path)
        #expect {
            try PDFPrinter.find(environment: ["PATH": "/nonexistent:\(scratch.root.path)"])
        } throws: { "\($0)".contains("sudo apt-get install chromium") && "\($0)".contains("PATCHBOOK_CHROMIUM") }
        #expect {
            try PDFPrinter.find(environment: ["PATH": bin, "PATCHBOOK_CHROMIUM": bin])
        } throws: { "\($0)".hasPrefix("PATCHBOOK_CHROMIUM is \(bin), which is not an executable file") }
        let page = URL(fileURLWithPath: "/srv/site/a b.html")
        let arguments = PDFPrinter(chromium: browser).arguments(
            page: page, pdf: URL(fileURLWithPath: "/tmp/x.pdf"), profile: URL(fileURLWithPath: "/tmp/profile"))
        #expect(arguments.first == "--headless" && arguments.last == "file:///srv/site/a%20b.html")
        #expect(["--no-pdf-header-footer", "--user-data-dir=/tmp/profile", "--print-to-pdf=/tmp/x.pdf"].allSatisfy(arguments.contains))
    }

    /// The command line: without Chromium, one error naming the package, exit 1, and the output
    /// folder untouched; with a Chromium that fails, an error naming the page, exit 1.
    @Test func theCommandChecksForChromiumBeforeItWrites() throws {
        let scratch = try Scratch("pdf-cli")
        try write(scratch.url("site"), pdf: nil)
        let before = scratch.tree("site")
        func build(_ environment: [String: String]) throws -> (status: Int32, stderr: String) {
            let log = scratch.url("stderr")
            let process = Process()
            process.environment = environment
            process.executableURL = Executable.url
            process.arguments = ["build", contoso[0], "--out", scratch.url("site").path, "--pdf"]
            process.standardOutput = FileHandle.nullDevice
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            process.waitUntilExit()
            return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
        let missing = try build(["PATH": scratch.url("bin").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: --pdf prints with Chromium, which is not installed"), "\(missing.stderr)")
        #expect(missing.stderr.contains("sudo apt-get install chromium") && missing.stderr.split(separator: "\n").count == 1)
        let failing = try fake(scratch, name: "failing", body: "exit 1")
        let failed = try build(["PATH": "/usr/bin:/bin", "PATCHBOOK_CHROMIUM": failing.path])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("error: cannot print contoso-intranet/"), "\(failed.stderr)")
        // A file that is not a program: posix_spawn's error, as a page's.
        try scratch.write("bin/text", "not a program\n")
        chmod(scratch.url("bin/text").path, 0o755)
        let unstartable = try build(["PATH": "/usr/bin:/bin", "PATCHBOOK_CHROMIUM": scratch.url("bin/text").path])
        #expect(unstartable.status == 1 && unstartable.stderr.contains("cannot be started: Exec format error"), "\(unstartable.stderr)")
        #expect(scratch.tree("site") == before)
        #expect(scratch.leftovers(of: "site").isEmpty)
    }
}
