import Foundation
import Testing

@testable import PatchbookKit

/// What the command line says about paths before reading any farm: folders, links, files where
/// folders belong. (Messages about a file's content are in the bad-input corpus.)
@Suite struct InputMessageTests {
    /// The quick look for a U+FEFF (or a `\uFEFF` escape) that decides whether a file is searched
    /// for them: one that opens the file is the byte-order mark YAML allows.
    @Test func byteOrderMarksAreFoundWhereTheyMatter() {
        #expect(!YAMLDocument.mayHoldByteOrderMark("\u{FEFF}farm: x"))
        #expect(YAMLDocument.mayHoldByteOrderMark("farm: \u{FEFF}x"))
        #expect(YAMLDocument.mayHoldByteOrderMark(#"farm: "\uFeFf x""#))
        #expect(!YAMLDocument.mayHoldByteOrderMark("farm: fef f"))
        #expect(!YAMLDocument.mayHoldByteOrderMark("ab"))
    }

    private func scratch() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    private func message(_ path: String) -> [String] {
        Inputs.farm(at: path, catalog: Fixtures.catalog).log.entries.map(\.message)
    }

    @Test func linksAndFoldersSayWhatTheyAre() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let loop = root.appendingPathComponent("loop.yaml").path
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: "loop.yaml")
        let dangling = root.appendingPathComponent("dangling.yaml").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "gone.yaml")
        #expect(message(loop) == ["this is a symbolic link that leads back to itself (a loop of links)"])
        #expect(message(dangling) == ["this is a symbolic link to 'gone.yaml', which does not exist"])
        #expect(message(root.path) == ["this is a folder, not a farm description file"])
        #expect(message(root.appendingPathComponent("missing.yaml").path) == ["no such file"])
    }

    @Test func planTakesOneFileNotAFolder() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(
            Inputs.singleFarmProblem(root.path)
                == "\(root.path) is a folder; plan reads one farm description file (validate and build read folders)")
        #expect(Inputs.singleFarmProblem(Fixtures.path("farms/valid/minimal.yaml")) == nil)
        #expect(Inputs.singleFarmProblem(root.appendingPathComponent("missing.yaml").path) == nil, "reading reports it")
    }

    @Test func templatesAndOutputFoldersAreCheckedFirst() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("site.txt")
        try Data().write(to: file)
        let missing = root.appendingPathComponent("my-templates").path
        #expect(Inputs.folderProblem(missing, option: "--templates") == "--templates \(missing): no such folder")
        #expect(Inputs.folderProblem(file.path, option: "--templates") == "--templates \(file.path) is a file, not a folder")
        #expect(Inputs.folderProblem(root.path, option: "--templates") == nil)
        #expect(
            Inputs.outputProblem(file.path)
                == "--out \(file.path) is a file; give the folder to write the site to (a new folder, or one patchbook wrote)")
        #expect(Inputs.outputProblem(root.path) == nil)
        #expect(Inputs.outputProblem(missing) == nil)
    }

    /// Bytes that are not UTF-8 reach us as U+FFFD: the folder written would not be the one named.
    @Test func anOutputFolderNamedInAnotherEncodingIsRefused() {
        #expect(
            Inputs.outputProblem("/tmp/caf\u{FFFD}")
                == "--out /tmp/caf\u{FFFD} is not valid UTF-8 text; name the folder in UTF-8")
    }

    /// A path quoted in a message cannot carry a control character to the terminal either.
    @Test func pathsAreQuotedPrintably() {
        #expect(Inputs.folderProblem("/nowhere/\u{1B}[2J", option: "--templates") == "--templates /nowhere/\\u{1B}[2J: no such folder")
    }
}
