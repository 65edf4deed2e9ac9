import Foundation
import Testing

@testable import PatchbookKit

/// `validate` and `build` check the farms of one command line alike: a file named twice, two
/// farms with one id, two names that make one id. Each is an error at the later file that names
/// the earlier one, never the file itself.
@Suite struct FarmSetTests {
    /// A scratch folder with farm files: a.yaml ("Test Farm"), b.yaml ("Test-Farm", the same id
    /// made from another name), c.yaml (farm.id: test-farm), other/d.yaml (another farm), and
    /// link.yaml, a symbolic link to a.yaml.
    private func scratch() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-set-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("other"), withIntermediateDirectories: true)
        let minimal = Fixtures.text("farms/valid/minimal.yaml")
        let files = [
            "a.yaml": minimal, "b.yaml": minimal.replacingOccurrences(of: "Test Farm", with: "Test-Farm"),
            "c.yaml": minimal.replacingOccurrences(of: "  name: Test Farm\n", with: "  name: Other Farm\n  id: test-farm\n"),
            "other/d.yaml": minimal.replacingOccurrences(of: "Test Farm", with: "Other Farm"),
        ]
        for (name, text) in files { try Data(text.utf8).write(to: root.appendingPathComponent(name)) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link.yaml").path, withDestinationPath: "a.yaml")
        return root
    }

    private func validated(_ arguments: [String], in root: URL) -> String {
        Fixtures.rendered(
            Inputs.validate(
                farms: Inputs.farmPaths(arguments.map { root.appendingPathComponent($0).path }), catalog: Fixtures.catalog,
                templates: Fixtures.templates))
    }

    private func built(_ arguments: [String], in root: URL) throws -> String {
        let paths = Inputs.farmPaths(arguments.map { root.appendingPathComponent($0).path })
        let (files, log) = try Pipeline.siteFiles(farms: paths, catalog: Fixtures.catalog, templates: try #require(Fixtures.templates))
        #expect(files.isEmpty == log.hasErrors)
        return Fixtures.rendered(log)
    }

    @Test(arguments: [
        (
            ["a.yaml", "a.yaml"],
            "a.yaml: error: this file is named twice on the command line (by name, or through its folder); name each farm description once"
        ),
        (
            ["a.yaml", "link.yaml"],
            "link.yaml: error: this is the file ROOT/a.yaml again, by another name; name each farm description once"
        ),
        (
            ["other", "other/d.yaml"],
            "other/d.yaml: error: this file is named twice on the command line (by name, or through its folder); name each farm description once"
        ),
        (
            ["a.yaml", "b.yaml"],
            "b.yaml:2:9: error: farm id 'test-farm', made from 'farm.name', is also the id of ROOT/a.yaml; set 'farm.id' so that each farm has its own folder"
        ),
        (
            ["a.yaml", "c.yaml"],
            "c.yaml:3:7: error: farm id 'test-farm' is also the id of ROOT/a.yaml; set 'farm.id' so that each farm has its own folder"
        ),
        (["a.yaml", "other"], ""),
    ])
    func validateAndBuildAgree(_ arguments: [String], _ expected: String) throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let prefix = root.path + "/"
        let wanted = expected.isEmpty ? "" : prefix + expected.replacingOccurrences(of: "ROOT/", with: prefix) + "\n"
        let (checked, built) = (validated(arguments, in: root), try built(arguments, in: root))
        #expect(checked == built)
        // The plans' warnings come only once every farm is valid; the errors are the ones expected.
        let errors = checked.split(separator: "\n", omittingEmptySubsequences: true).filter { !$0.contains(": warning: ") }
        #expect(errors.map { $0 + "\n" }.joined() == wanted)
    }

    /// A file's repeats are checked by what the file is, not how it is spelt.
    @Test func repeatsAreFoundByFileNotByName() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let a = root.appendingPathComponent("a.yaml").path
        let dotted = root.path + "/./a.yaml"
        #expect(
            FarmSetValidator.repeats([a, dotted, root.appendingPathComponent("b.yaml").path]).map { $0 != nil } == [false, true, false])
        #expect(FarmSetValidator.repeats(["missing.yaml", "other-missing.yaml"]).allSatisfy { $0 == nil })
    }
}
