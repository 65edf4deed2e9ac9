import Foundation

@testable import PatchbookKit

/// The test inputs under `Fixtures/`, and the catalog most tests check farms against.
enum Fixtures {
    static let root: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    /// The repository's `examples/` folder, tested where users find it rather than as a copy.
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../examples").standardized

    /// The repository's top folder.
    static var repositoryRoot: URL { examples.deletingLastPathComponent() }

    /// The repository's own files under `folders` (Templates/, Content/), by path from the top, as text.
    static func repository(_ folders: [String]) -> [String: String] {
        let top = repositoryRoot
        var files: [String: String] = [:]
        for folder in folders {
            let enumerator = FileManager.default.enumerator(at: top.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                files[String(url.standardizedFileURL.path.dropFirst(top.standardizedFileURL.path.count + 1))] = text
            }
        }
        return files
    }

    static func example(_ name: String) -> String { examples.appendingPathComponent(name).path }

    static func files(_ folder: String, extensions: Set<String> = ["yaml", "json"]) -> [String] {
        let directory = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { extensions.contains(($0 as NSString).pathExtension) }.sorted().map { "\(folder)/\($0)" }
    }

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func text(_ relative: String) -> String {
        (try? String(contentsOfFile: path(relative), encoding: .utf8)) ?? ""
    }

    /// The expectation beside a fixture: `NAME.expected` for `NAME.yaml`.
    static func expected(for relative: String) -> String {
        text((relative as NSString).deletingPathExtension + ".expected")
    }

    static let catalog: Catalog = Inputs.catalog().catalog

    static let templates: Templates? = Templates.builtIn().templates

    /// The built-in templates, every one parsed by swift-mustache (none taken precompiled), so
    /// that its `library` holds them all: the reference renders come from there.
    static let parsedTemplates: Templates? = Templates.builtIn(precompiled: false).templates

    /// The shipped example farms, and the folder each gets in the site.
    static let exampleFarms = [
        "contoso-intranet": "contoso-intranet", "fabrikam-large-farm": "fabrikam-collab",
        "litware-standalone": "litware-team-site", "tailspin-wss-farm": "tailspin-projects",
    ]

    /// Every file under `Fixtures/RELATIVE`, by path relative to it.
    static func tree(_ relative: String) -> [String: Data] {
        let directory = root.appendingPathComponent(relative).standardizedFileURL
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(directory.path.count + 1))] = data
        }
        return files
    }

    /// Loads and validates a farm fixture, naming it by its path under `Fixtures/` in diagnostics.
    static func farm(_ relative: String) -> (farm: Farm?, log: DiagnosticLog) {
        let data = FileManager.default.contents(atPath: path(relative)) ?? Data()
        return Inputs.farm(data: data, file: relative, catalog: catalog)
    }

    /// A shipped example farm, named `examples/NAME` in diagnostics.
    static func exampleFarm(_ name: String) -> (farm: Farm?, log: DiagnosticLog) {
        let data = FileManager.default.contents(atPath: example(name)) ?? Data()
        return Inputs.farm(data: data, file: "examples/\(name)", catalog: catalog)
    }

    static func rendered(_ log: DiagnosticLog) -> String {
        log.sorted.map { "\($0)\n" }.joined()
    }
}
