import Foundation
import Testing

@testable import PatchbookKit

/// The output folder never loses a file patchbook did not write: not in a folder from before the
/// manifest, not one added while a build runs; and it keeps the folder's permissions.
@Suite struct OutputFolderReviewTests {
    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A marker left empty by a build from before the manifest: its site files are replaced, a
    /// user's file makes the build refuse.
    @Test func anOlderOutputWithUserFilesIsRefused() throws {
        let top = try scratch()
        defer { try? FileManager.default.removeItem(at: top) }
        let out = top.appendingPathComponent("site")
        try SiteWriter(destination: out).write(["index.md": Data("a".utf8), "farm/plan.json": Data("{}".utf8)])
        try Data().write(to: out.appendingPathComponent(SiteWriter.marker))
        try SiteWriter(destination: out).write(["index.md": Data("b".utf8)])
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("index.md").path) == Data("b".utf8))
        try Data().write(to: out.appendingPathComponent(SiteWriter.marker))
        try Data("mine".utf8).write(to: out.appendingPathComponent("my-farm.yaml"))
        #expect(throws: SiteWriter.Failure.self) { try SiteWriter(destination: out).write(["index.md": Data("c".utf8)]) }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("my-farm.yaml").path))
    }

    /// A file written into the output folder while a build runs is kept, with the previous output.
    @Test func aFileAddedDuringTheBuildIsKept() throws {
        let top = try scratch()
        defer { try? FileManager.default.removeItem(at: top) }
        let out = top.appendingPathComponent("site")
        try SiteWriter(destination: out).write(["index.md": Data("a".utf8)])
        let staging = try SiteWriter(destination: out).begin()
        try staging.add("index.md", Data("b".utf8))
        try Data("precious".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let kept = try #require(try staging.commit())
        #expect(FileManager.default.contents(atPath: kept.appendingPathComponent("notes.txt").path) == Data("precious".utf8))
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("index.md").path) == Data("b".utf8))
    }

    /// The new output takes the previous one's permissions (a folder only a web server's group reads).
    @Test func theFoldersPermissionsAreKept() throws {
        let top = try scratch()
        defer { try? FileManager.default.removeItem(at: top) }
        let out = top.appendingPathComponent("site")
        try SiteWriter(destination: out).write(["index.md": Data("a".utf8)])
        #expect(chmod(out.path, 0o2750) == 0)
        try SiteWriter(destination: out).write(["index.md": Data("b".utf8)])
        var status = stat()
        #expect(stat(out.path, &status) == 0)
        #expect(status.st_mode & 0o7777 == 0o2750)
    }
}
