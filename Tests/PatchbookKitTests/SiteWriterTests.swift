import Foundation
import Testing

@testable import PatchbookKit

/// The write stage: whole-folder replacement, never of a folder patchbook did not create.
@Suite struct SiteWriterTests {
    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func listing(_ url: URL) -> [String] {
        (FileManager.default.subpaths(atPath: url.path) ?? []).sorted()
    }

    @Test func replacesItsOwnOutputWhole() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("site")
        try SiteWriter(destination: out).write(["a/plan.json": Data("1".utf8), "b/plan.json": Data("2".utf8)])
        try SiteWriter(destination: out).write(["a/plan.json": Data("3".utf8)])
        #expect(listing(out) == [SiteWriter.marker, "a", "a/plan.json"])
        #expect(try String(contentsOf: out.appendingPathComponent("a/plan.json"), encoding: .utf8) == "3")
        #expect(listing(root) == listing(root).filter { !$0.hasPrefix(".site") }, "no staging folder is left behind")
    }

    @Test func neverReplacesAFolderItDidNotCreate() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("mine".utf8).write(to: root.appendingPathComponent("notes.txt"))
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter(destination: root).write(["a/plan.json": Data()])
        }
        #expect(listing(root) == ["notes.txt"])
    }

    @Test func writesIntoAnEmptyFolder() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try SiteWriter(destination: root).write(["x/plan.json": Data("{}".utf8)])
        #expect(listing(root).contains("x/plan.json"))
    }
}

/// `patchbook build`'s stages end to end, short of writing.
@Suite struct PipelineTests {
    private func build(_ paths: [String]) throws -> (files: [String: Data], log: DiagnosticLog) {
        try Pipeline.siteFiles(farms: paths, catalog: Fixtures.catalog, templates: try #require(Fixtures.templates))
    }

    @Test func eachFarmGetsItsFolder() throws {
        let paths = [Fixtures.example("contoso-intranet.yaml"), Fixtures.path("farms/valid/standalone.yaml")]
        let (files, log) = try build(paths)
        #expect(!log.hasErrors)
        #expect(files["contoso-intranet/plan.json"] == Fixtures.tree("golden/site")["contoso-intranet/plan.json"])
        #expect(files.keys.contains("team-site-box/plan.json"))
        #expect(files.keys.contains("index.html") && files.keys.contains("assets/patchbook.css"))
    }

    @Test func twoFarmsWithOneIDAreAnErrorAndNothingIsProduced() throws {
        let (first, second) = (Fixtures.path("farms/valid/minimal.yaml"), Fixtures.path("farms/valid/minimal-reordered.yaml"))
        let (files, log) = try build([first, second])
        #expect(files.isEmpty)
        #expect(
            log.entries.map(\.message) == [
                "farm id 'test-farm', made from 'farm.name', is also the id of \(first); set 'farm.id' so that each farm has its own folder"
            ])
    }

    @Test func oneInvalidFarmMeansNoFiles() throws {
        let paths = [Fixtures.example("contoso-intranet.yaml"), Fixtures.path("farms/invalid/empty.yaml")]
        let (files, log) = try build(paths)
        #expect(files.isEmpty)
        #expect(log.hasErrors)
    }
}

/// Many farms: folders on the command line, every core, and a failed write leaving no trace.
@Suite struct BuildAtScaleTests {
    @Test func foldersExpandToTheirFarmFilesInNameOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-farms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["b.yaml", "a.yml", "c.JSON", "notes.txt", "sub/d.yaml"] {
            try Data().write(to: folder.appendingPathComponent(name))
        }
        let paths = Inputs.farmPaths([folder.path, "missing.yaml"])
        #expect(paths.map { ($0 as NSString).lastPathComponent } == ["a.yml", "b.yaml", "c.JSON", "missing.yaml"])
    }

    @Test func aFailingSinkStopsTheBuild() throws {
        struct DiskFull: Error {}
        let paths = Array(repeating: Fixtures.path("farms/valid/minimal.yaml"), count: 1) + [Fixtures.example("contoso-intranet.yaml")]
        #expect(throws: DiskFull.self) {
            _ = try Pipeline.build(farms: paths, catalog: Fixtures.catalog, templates: try #require(Fixtures.templates)) { path, _ in
                if path.hasSuffix("plan.json") { throw DiskFull() }
            }
        }
    }

    @Test func stagedFilesAppearOnlyOnCommit() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-stage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let destination = root.appendingPathComponent("site")
        try SiteWriter(destination: destination).write(["old.md": Data("old".utf8)])
        let staging = try SiteWriter(destination: destination).begin()
        try staging.add("farm/new.md", Data("new".utf8))
        #expect(FileManager.default.fileExists(atPath: destination.appendingPathComponent("old.md").path))
        staging.discard()
        #expect(FileManager.default.fileExists(atPath: destination.appendingPathComponent("old.md").path))
        let second = try SiteWriter(destination: destination).begin()
        try second.add("farm/new.md", Data("new".utf8))
        try second.commit()
        #expect(!FileManager.default.fileExists(atPath: destination.appendingPathComponent("old.md").path))
        #expect(FileManager.default.contents(atPath: destination.appendingPathComponent("farm/new.md").path) == Data("new".utf8))
        #expect((try FileManager.default.contentsOfDirectory(atPath: root.path)) == ["site"])
    }
}

/// `patchbook build` end to end, to disk.
@Suite struct PipelineWriteTests {
    @Test func anInvalidFarmLeavesTheOutputAsItWas() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-write-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let templates = try #require(Fixtures.templates)
        let valid = [Fixtures.example("contoso-intranet.yaml")]
        #expect(!(try Pipeline.write(farms: valid, catalog: Fixtures.catalog, templates: templates, to: site)).hasErrors)
        let before = FileManager.default.contents(atPath: site.appendingPathComponent("contoso-intranet/plan.json").path)
        #expect(before != nil)
        let log = try Pipeline.write(
            farms: [Fixtures.path("farms/valid/minimal.yaml"), Fixtures.path("farms/invalid/empty.yaml")],
            catalog: Fixtures.catalog, templates: templates, to: site)
        #expect(log.hasErrors)
        #expect(FileManager.default.contents(atPath: site.appendingPathComponent("contoso-intranet/plan.json").path) == before)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("test-farm").path))
        #expect((try FileManager.default.contentsOfDirectory(atPath: root.path)) == ["site"])
    }
}
