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

    private func run(_ arguments: [String]) throws -> Run {
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
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
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
        let entry = try #require(SitePages.IndexEntry(farm: test, catalog: Fixtures.catalog))
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
