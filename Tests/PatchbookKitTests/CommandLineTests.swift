import Foundation
import Testing

@testable import PatchbookKit

/// The commands as a user runs them: what they print and the exit codes the README promises
/// (0 success, 1 an invalid input, 64 a usage error).
@Suite(.serialized) struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    private func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (out, err) = (scratch.appendingPathComponent("out"), scratch.appendingPathComponent("err"))
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        try #require(FileManager.default.isExecutableFile(atPath: Executable.url.path), "build patchbook first (swift build)")
        let process = Process()
        process.executableURL = Executable.url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Yams reads YAMS_DEFAULT_ENCODING when asked for its default encoding, and prints a line
    /// to standard output when it is set; patchbook names UTF-8, so a plan prints the same.
    @Test func yamsEnvironmentVariableChangesNothing() throws {
        let plain = try run(["plan", Fixtures.example("contoso-intranet.yaml")])
        let set = try run(["plan", Fixtures.example("contoso-intranet.yaml")], environment: ["YAMS_DEFAULT_ENCODING": "utf16"])
        #expect(plain.status == 0 && set.status == 0 && set.stdout == plain.stdout && !set.stdout.contains("YAMS_DEFAULT_ENCODING"))
    }

    /// `check` prints each server's verdict (Fixtures/golden/check, the evidence folder written as
    /// EVIDENCE) and exits 1 while any server failed or is missing, 0 once all passed.
    @Test func checkGivesEachServersVerdictAndItsExitCode() throws {
        let evidence = Fixtures.path("evidence")
        let failed = try run(["check", Fixtures.example("contoso-intranet.yaml"), "--evidence", evidence])
        #expect(failed.status == 1 && failed.stderr.isEmpty, "\(failed.stderr)")
        #expect(failed.stdout.replacingOccurrences(of: evidence, with: "EVIDENCE") == Fixtures.text("golden/check/contoso-intranet.txt"))
        let json = try run(["check", Fixtures.example("contoso-intranet.yaml"), "--evidence", evidence, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(json.status == 1 && object["verdict"] as? String == "failed" && (object["servers"] as? [Any])?.count == 3)

        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-evidence-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let log = try String(contentsOfFile: Fixtures.path("evidence/contoso-intranet/APP01/Upgrade.log"), encoding: .utf8)
        for server in ["APP01", "WFE01", "WFE02"] {
            try FileManager.default.createDirectory(at: scratch.appendingPathComponent(server), withIntermediateDirectories: true)
            try Data(log.utf8).write(to: scratch.appendingPathComponent("\(server)/Upgrade.log"))
        }
        let passed = try run(["check", Fixtures.example("contoso-intranet.yaml"), "--evidence", scratch.path])
        #expect(passed.status == 0 && passed.stdout.hasPrefix("Contoso Intranet (contoso-intranet): passed"), "\(passed.stdout)")
        let usage = try run(["check", Fixtures.example("contoso-intranet.yaml"), "--evidence", scratch.appendingPathComponent("none").path])
        #expect(usage.status == 64 && usage.stderr.contains("no such folder"))
    }

    /// `build --evidence` adds the status page, linked from the farm page and the change request.
    @Test func buildWithEvidenceAddsTheStatusPage() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-status-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let built = try run([
            "build", Fixtures.example("contoso-intranet.yaml"), "--out", out.path, "--evidence", Fixtures.path("evidence"),
        ])
        #expect(built.status == 0, "\(built.stderr)")
        let folder = out.appendingPathComponent("contoso-intranet")
        let status = try String(contentsOf: folder.appendingPathComponent("status.md"), encoding: .utf8)
        #expect(status.contains("| WFE02 | failed | failed | not checked | failed |"))
        #expect(status.contains("| APP01/Upgrade.log | "))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("status.html").path))
        #expect(try String(contentsOf: folder.appendingPathComponent("index.md"), encoding: .utf8).contains("[Status](status.md)"))
        // The README shows this page's table: the same rows, so that it cannot drift from the code.
        let readme = try String(
            contentsOf: Fixtures.examples.deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        let table = status.components(separatedBy: "\n\n").first { $0.hasPrefix("| Server |") } ?? ""
        let rows = table.split(separator: "\n")
        #expect(rows.count == 6 && rows.allSatisfy { readme.contains("   " + $0 + "\n") }, "\(rows)")
        #expect(try String(contentsOf: folder.appendingPathComponent("change-request.md"), encoding: .utf8).contains("(status.md)"))
    }

    /// `plan` prints the summary of Templates/text/plan.txt (Fixtures/golden/plan; rewrite it
    /// with `patchbook plan examples/contoso-intranet.yaml` after a deliberate change).
    @Test func planPrintsItsSummary() throws {
        let result = try run(["plan", Fixtures.example("contoso-intranet.yaml")])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout == Fixtures.text("golden/plan/contoso-intranet.txt"))
    }

    /// `plan --json` prints the same plan.json that `build` writes.
    @Test func planJSONIsTheSitesPlan() throws {
        let result = try run(["plan", "--json", Fixtures.example("contoso-intranet.yaml")])
        #expect(result.status == 0)
        #expect(Data(result.stdout.utf8) == Fixtures.tree("golden/site")["contoso-intranet/plan.json"])
    }

    @Test func exitCodes() throws {
        #expect(try run(["validate", Fixtures.example("contoso-intranet.yaml")]).status == 0)
        let invalid = try run(["validate", Fixtures.path("farms/invalid/unknown-key.yaml")])
        #expect(invalid.status == 1 && invalid.stderr.contains(": error: "))
        #expect(try run(["plan", Fixtures.path("farms/invalid/target-below-current.yaml")]).status == 1)
        #expect(try run(["validate", "--bogus"]).status == 64)
        #expect(try run(["plan"]).status == 64)
        #expect(try run(["nosuchcommand"]).status == 64)
        #expect(try run(["catalog"]).status == 0)
    }

    /// An invalid farm makes build write nothing and exit 1.
    @Test func buildWritesNothingForAnInvalidFarm() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-cli-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try run([
            "build", Fixtures.example("contoso-intranet.yaml"), Fixtures.path("farms/invalid/unknown-key.yaml"), "--out", out.path,
        ])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}

/// Values that look like table syntax or path separators stay whole in every table.
@Suite struct TableCellTests {
    @Test func aPipeInAFarmNameStaysInItsCell() throws {
        let test = try farm(["name: Test Farm": "name: \"Sales | Marketing\""])
        let entry = try #require(SitePages.IndexEntry(farm: test))
        let templates = try #require(Fixtures.templates)
        let html = String(
            decoding: try #require(try SitePages.siteFiles(farms: [entry], catalog: Fixtures.catalog, templates: templates)["index.html"]),
            as: UTF8.self)
        let row = try #require(html.split(separator: "<tr>").first { $0.contains("Sales") })
        #expect(row.components(separatedBy: "<td>").count - 1 == 6)
        #expect(row.contains("<td>Sales | Marketing</td>"))
    }

    /// A database named with a '/' is one database, on its SQL Server, in the permissions table.
    @Test func aSlashInADatabaseNameIsNotASQLServer() throws {
        let test = try farm(["{ name: WSS_Content, kind: content": "{ name: \"Sales/2009\", kind: content"])
        let plan = try Planner.plan(test, catalog: Fixtures.catalog)
        let files = try FarmPages(
            farm: test, plan: try WarningTexts.write(plan, templates: try #require(Fixtures.templates)),
            templates: try #require(Fixtures.templates)
        ).files()
        let request = String(decoding: try #require(files["change-request.md"]), as: UTF8.self)
        #expect(request.contains("| CONTOSO\\sp_setup | access to the databases on SQL01 | Sales/2009 | kept |"))
    }
}

/// The command line's conventions (issue 13): standard input, output that cannot be written,
/// completions, did-you-mean for commands and options, warnings and --strict, help that fits.
@Suite(.serialized) struct CommandLineConventionTests {
    private func run(
        _ arguments: [String], input: String? = nil, stdout: String? = nil, stderr: String? = nil
    ) throws -> (status: Int32, out: String, err: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-conv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = URL(fileURLWithPath: stdout ?? scratch.appendingPathComponent("out").path)
        let err = URL(fileURLWithPath: stderr ?? scratch.appendingPathComponent("err").path)
        if stdout == nil { _ = FileManager.default.createFile(atPath: out.path, contents: nil) }
        if stderr == nil { _ = FileManager.default.createFile(atPath: err.path, contents: nil) }
        let process = Process()
        process.executableURL = Executable.url
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        if let input {
            let file = scratch.appendingPathComponent("in")
            try input.write(to: file, atomically: true, encoding: .utf8)
            process.standardInput = try FileHandle(forReadingFrom: file)
        }
        try process.run()
        process.waitUntilExit()
        let read = { (url: URL) in (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return (process.terminationStatus, stdout == nil ? read(out) : "", stderr == nil ? read(err) : "")
    }

    @Test func aDashReadsStandardInput() throws {
        let farm = try String(contentsOfFile: Fixtures.example("contoso-intranet.yaml"), encoding: .utf8)
        let planned = try run(["plan", "-"], input: farm)
        #expect(planned.status == 0 && planned.out == Fixtures.text("golden/plan/contoso-intranet.txt"))
        let broken = try run(["validate", "-"], input: farm.replacingOccurrences(of: "product: moss2007", with: "product: mos2007"))
        #expect(broken.status == 1 && broken.err.hasPrefix("<stdin>:9:"))
    }

    /// A full disk is one error and exit 1, not a crash with a backtrace.
    @Test func anOutputThatCannotBeWrittenIsAnError() throws {
        let result = try run(["catalog"], stdout: "/dev/full")
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("error: cannot write the output:") && !result.err.contains("Fatal error"))
    }

    /// An error that cannot even be printed (stderr on a full disk) still ends with its exit code.
    @Test func aFullStderrKeepsTheExitCode() throws {
        #expect(try run(["valdate", "x.yaml"], stderr: "/dev/full").status == 64)
        #expect(try run(["validate", "no-such-farm.yaml"], stderr: "/dev/full").status == 1)
    }

    @Test func didYouMeanForCommandsAndOptions() throws {
        let command = try run(["valdate", "x.yaml"])
        #expect(command.status == 64 && command.err.contains("unknown command 'valdate'; did you mean 'validate'?"))
        let help = try run(["help", "buidl"])
        #expect(help.status == 64 && help.err.contains("did you mean 'build'?"))
        let option = try run(["build", Fixtures.example("contoso-intranet.yaml"), "--ot", "site"])
        #expect(option.status == 64 && option.err.contains("unknown option '--ot'; did you mean '--out'?"))
        // A help flag does not hide the mistake: ArgumentParser would answer it with the help.
        for line in [["build", "--ot", "--help"], ["validate", "--stric", "-h"]] {
            let result = try run(line)
            #expect(result.status == 64 && result.err.contains("did you mean"), "\(line)")
        }
        #expect(try run(["build", "--help"]).status == 0)
    }

    /// Warnings print as FILE: warning: [code] message; --strict fails on them; --quiet hides them.
    @Test func warningsStrictAndQuiet() throws {
        let example = Fixtures.example("contoso-intranet.yaml")
        let plain = try run(["validate", example])
        #expect(plain.status == 0 && plain.err.contains("\(example): warning: [sp2-trial-expiry] "))
        #expect(try run(["validate", "--strict", example]).status == 1)
        let quiet = try run(["validate", "--quiet", example])
        #expect(quiet.status == 0 && quiet.err.isEmpty)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-strict-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try run(["build", "--strict", example, "--out", out.path]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path), "a strict build that fails writes nothing")
        let verbose = try run(["build", "--verbose", example, "--out", out.path])
        #expect(verbose.status == 0 && verbose.err.contains("wrote 1 farm to "))
    }

    /// Completion offers farm files and folders, catalog files, and folders for --out and --templates.
    @Test(arguments: ["bash", "zsh", "fish"])
    func completionsOfferFilesAndFolders(_ shell: String) throws {
        let script = try run(["--generate-completion-script", shell]).out
        #expect(script.contains("yaml") && script.contains("yml") && script.contains("json"))
        switch shell {
        case "bash": #expect(script.contains("-o plusdirs -fX '!*.@(yaml|yml|json)'"))
        case "zsh": #expect(script.contains("'--out[The output folder.]:dir:_files -/'"))
        default: #expect(script.contains("-l 'out' -d 'The output folder.' -rfa '(__patchbook_complete_directories)'"))
        }
    }

    /// Every example line of every command's help fits 80 columns, so no option is wrapped away
    /// from its value.
    @Test func helpExamplesFitTheTerminal() throws {
        for command in ["build", "plan", "validate", "catalog", "init", "schema"] {
            let help = try run(["help", command]).out
            let examples = help.components(separatedBy: "Examples:\n").dropFirst().first ?? ""
            for line in examples.split(separator: "\n").prefix(while: { !$0.hasPrefix("USAGE") }) where !line.isEmpty {
                #expect(line.hasPrefix("  patchbook"), "\(command): '\(line)' is an example wrapped from the line above")
            }
        }
    }
}

/// A farm's pages grow linearly with its servers: no checklist lists every other server.
@Suite struct ScaleTests {
    private func siteBytes(servers count: Int) throws -> Int {
        let servers =
            "  - { name: APP01, roles: [application, centralAdmin, index] }\n"
            + (1..<count).map { "  - { name: WFE\(String(format: "%04d", $0)), roles: [webFrontEnd, query] }\n" }.joined()
        let test = try farm(servers: servers, extra: "  search: { leastPrivilege: true }\n")
        let plan = try Planner.plan(test, catalog: Fixtures.catalog)
        return try FarmPages(farm: test, plan: plan, templates: try #require(Fixtures.templates)).files().values.map(\.count).reduce(0, +)
    }

    @Test func pagesGrowLinearlyWithServers() throws {
        let (small, large) = (try siteBytes(servers: 40), try siteBytes(servers: 160))
        // Four times the servers: about four times the bytes (sixteen if each page listed every server).
        #expect(Double(large) / Double(small) < 4.6, "\(small) bytes for 40 servers, \(large) for 160")
    }
}
