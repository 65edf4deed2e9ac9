import Foundation
import Testing

@testable import PatchbookKit

/// One fact, one source: every document that names a server's packages names the same packages in
/// the same order as the plan (`servers[].installs`), on the shipped examples and on generated
/// farms of every kind (hotfix and pre-December-2008 targets, language packs, mixed levels and
/// architectures, stand-alone, at-target, joining servers); and every script a page names exists.
@Suite struct CrossDocumentTests {
    static let catalog: Catalog = Inputs.catalog(adding: [Fixtures.path("catalogs/valid/2009-12-cu-and-cod.yaml")]).catalog

    @Test func examplesAgreeAcrossDocuments() throws {
        let paths = Fixtures.exampleFarms.keys.sorted().map { Fixtures.example("\($0).yaml") }
        try check(paths, catalog: Fixtures.catalog)
    }

    @Test func generatedFarmsAgreeAcrossDocuments() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-cross-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededGenerator(seed: 10)
        var paths: [String] = []
        for index in 0..<60 {
            let url = folder.appendingPathComponent("farm\(index).yaml")
            try GeneratedFarm.yaml(index: index, catalog: Self.catalog, using: &generator).write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        try check(paths, catalog: Self.catalog)
    }

    private func check(_ paths: [String], catalog: Catalog) throws {
        let templates = try #require(Fixtures.templates)
        var compared = 0
        for path in paths {
            let (farm, log) = Inputs.farm(at: path, catalog: catalog)
            #expect(!log.hasErrors, "\(path): \(Fixtures.rendered(log))")
            guard let farm else { continue }
            let plan = try Planner.plan(farm, catalog: catalog)
            let files = try FarmPages(farm: farm, plan: plan, templates: templates).files()
            let documents = Documents(plan: plan, files: files, templates: templates)
            try documents.check(path)
            compared += plan.servers.filter { !$0.joining }.map(\.installs.count).reduce(0, +)
        }
        // The checks above compare something: the farms install packages.
        #expect(compared > paths.count)
    }
}

/// Reads the packages back out of each document of one farm.
private struct Documents {
    let plan: Plan
    let files: [String: Data]
    let templates: Templates

    func text(_ path: String) -> String { files[path].map { String(decoding: $0, as: UTF8.self) } ?? "" }

    func check(_ farm: String) throws {
        let expectedFarm = plan.packages.map { Item(product: $0.product.rawValue, level: $0.level, language: $0.language, file: $0.file) }
        #expect(table(text("index.md")) == expectedFarm, "\(farm): farm page's Packages table")
        #expect(table(text("change-request.md")) == expectedFarm, "\(farm): change request's Packages table")
        let farmSteps = installSteps(text("index.md"), heading: "#### ", perServer: true)
        let farmNumbers = stepNumbers(text("index.md"), heading: "#### ")
        for server in plan.servers where !server.joining {
            let packages = server.installs.map { Item(product: $0.product.rawValue, level: $0.level, language: $0.language, file: $0.file) }
            let packs = server.languageTemplatePacks.map {
                Item(product: $0.product.rawValue, level: $0.level, language: $0.language, file: $0.file, pack: true)
            }
            let expected = installOrder(packages, packs)
            let page = text("servers/\(server.name).md")
            if plan.farm.installation == .farm {
                #expect(installSteps(page, heading: "### ", perServer: false)[""] ?? [] == expected, "\(farm) \(server.name): checklist")
                #expect(farmSteps[server.name] ?? [] == expected, "\(farm) \(server.name): farm page's install steps")
                for (number, title) in stepNumbers(page, heading: "### ") {
                    #expect(farmNumbers[number] == title, "\(farm) \(server.name): step \(number) is '\(title)' on the checklist")
                }
            }
            if plan.farm.installation == .farm, plan.hasUpdates {
                let script = try #require(
                    files["scripts/\(server.name)-install.cmd"].map { String(decoding: $0, as: UTF8.self) },
                    "\(farm): \(server.name)'s script")
                #expect(scriptItems(script) == expected, "\(farm) \(server.name): install script")
            } else {
                #expect(files["scripts/\(server.name)-install.cmd"] == nil, "\(farm): no script for \(server.name)")
            }
        }
        for (path, data) in files where path.hasSuffix(".md") {
            for match in String(decoding: data, as: UTF8.self).matches(of: /scripts\/[A-Za-z0-9_.\-]+\.(cmd|sql|ps1)/) {
                #expect(files[String(match.0)] != nil, "\(farm): \(path) names \(match.0), which is not written")
            }
        }
    }

    struct Item: Equatable, CustomStringConvertible {
        var product: String
        var level: String
        var language: String
        var file: String?
        var pack = false
        var description: String { "\(pack ? "pack " : "")\(product) \(level) \(language) \(file ?? "?")" }
    }

    /// Seed L982: a service pack's language template packs right after its packages, before any
    /// later package (each pack's level is a service pack the server installs).
    func installOrder(_ packages: [Item], _ packs: [Item]) -> [Item] {
        var items: [Item] = []
        for (index, package) in packages.enumerated() {
            items.append(package)
            if index == packages.count - 1 || packages[index + 1].level != package.level {
                items += packs.filter { $0.level == package.level }
            }
        }
        return items
    }

    /// Each step heading's number and title.
    func stepNumbers(_ page: String, heading: String) -> [String: String] {
        var numbers: [String: String] = [:]
        for line in page.split(separator: "\n") where line.hasPrefix(heading) {
            if let match = line.dropFirst(heading.count).firstMatch(of: /^(\d+)\. (.+)$/) { numbers[String(match.1)] = String(match.2) }
        }
        return numbers
    }

    private var products: [String: String] { ["Windows SharePoint Services 3.0": "wss3", "Office SharePoint Server 2007": "moss2007"] }
    private var levels: [String: String] { Dictionary(plan.levelNames.map { ($1, $0) }) { first, _ in first } }
    private var unknownFile: String { templates.label("file-unknown") }

    /// The rows of a page's first Packages table.
    func table(_ page: String) -> [Item] {
        guard let start = page.range(of: "## Packages\n") else { return [] }
        var items: [Item] = []
        for line in page[start.upperBound...].split(separator: "\n").dropFirst(2) {
            guard line.hasPrefix("| "), !line.hasPrefix("| |") else { break }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 8 else { break }
            items.append(
                Item(
                    product: products[cells[2]] ?? cells[2], level: cells[3], language: cells[6],
                    file: cells[7] == unknownFile ? nil : cells[7]))
        }
        return items
    }

    /// The packages of a page's install steps, in page order: by server on the farm page (`- NAMES:`
    /// then `  - LANGUAGE, KB: FILE`), under "" on a checklist (`1. FILE (KB, LANGUAGE):` or
    /// `1. The LANGUAGE package (KB): ...`).
    func installSteps(_ page: String, heading: String, perServer: Bool) -> [String: [Item]] {
        var result: [String: [Item]] = [:]
        var step: (product: String, level: String)?
        var group: [String] = []
        for line in page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix(heading) || line.hasPrefix("## ") {
                step = nil
                if let match = line.firstMatch(of: /\d+\. Install the (.+) packages: (.+)$/),
                    let product = products[String(match.1)], let level = levels[String(match.2)]
                {
                    step = (product, level)
                } else if let match = line.firstMatch(of: /\d+\. Update the language template packs: (.+)$/),
                    let level = levels[String(match.1)]
                {
                    step = ("pack", level)
                }
                continue
            }
            guard let step else { continue }
            if let match = line.firstMatch(of: /^(?:- \[ \]|  -) (.+) language template pack, ([^,]+), [^:]+: (.+)$/) {
                let file = String(match.3)
                let pack = Item(
                    product: products[String(match.1)] ?? String(match.1), level: step.level, language: String(match.2),
                    file: file == unknownFile ? nil : file, pack: true)
                for server in perServer ? group : [""] { result[server, default: []].append(pack) }
            } else if perServer {
                if let match = line.firstMatch(of: /^- (.+) \((x86|x64)\):$/) { group = match.1.split(separator: ", ").map(String.init) }
                if let match = line.firstMatch(of: /^  - ([^,]+), [^:]+: (.+)$/) {
                    for server in group { result[server, default: []].append(item(step, language: String(match.1), file: String(match.2))) }
                }
            } else if let match = line.firstMatch(of: /^1\.  (\S+) \([^,]+, (.+)\):$/) {
                result["", default: []].append(item(step, language: String(match.2), file: String(match.1)))
            } else if let match = line.firstMatch(of: /^1\.  The (.+) package \(/) {
                result["", default: []].append(item(step, language: String(match.1), file: unknownFile))
            }
        }
        return result
    }

    private func item(_ step: (product: String, level: String), language: String, file: String) -> Item {
        Item(
            product: step.product, level: step.level, language: language == templates.label("language.glb") ? "glb" : language,
            file: file == unknownFile ? nil : file)
    }

    /// The script's packages in order: each `set PACKAGE=` it installs, then each package it lists
    /// for installing by hand.
    func scriptItems(_ script: String) -> [Item] {
        var items: [Item] = []
        for line in script.split(separator: "\r\n").map(String.init) {
            if let match = line.firstMatch(of: /^set PACKAGE="(?:.*\\)?([^\\"]+)"$/) {
                let file = String(match.1)
                let packages: [Plan.Package] = plan.servers.flatMap(\.installs)
                let packs: [Plan.LanguageTemplatePack] = plan.servers.flatMap(\.languageTemplatePacks)
                if let package = packages.first(where: { $0.file == file }) {
                    items.append(Item(product: package.product.rawValue, level: package.level, language: package.language, file: file))
                } else if let pack = packs.first(where: { $0.file == file }) {
                    items.append(Item(product: pack.product.rawValue, level: pack.level, language: pack.language, file: file, pack: true))
                } else {
                    items.append(Item(product: "?", level: "?", language: "?", file: file))
                }
            } else if let match = line.firstMatch(of: /^echo   "(.+?)( language template pack)?, (.+), ([^,:]+): (.+)"$/) {
                let file = String(match.5)
                items.append(
                    Item(
                        product: products[String(match.1)] ?? String(match.1), level: levels[String(match.3)] ?? String(match.3),
                        language: String(match.4) == templates.label("language.glb") ? "glb" : String(match.4),
                        file: file == unknownFile ? nil : file, pack: match.2 != nil))
            }
        }
        return items
    }
}

/// Farm descriptions of every kind the planner distinguishes, drawn at random from a seed.
enum GeneratedFarm {
    static func yaml(index: Int, catalog: Catalog, using generator: inout SeededGenerator) -> String {
        let ids = catalog.ids
        let kind = index % 6
        // Targets: the newest, a hotfix (MOSS only), one before December 2008, or any level.
        let targetIndex: Int
        switch kind {
        case 0: targetIndex = ids.count - 1
        case 1: targetIndex = ids.firstIndex(of: "2008-10-cu") ?? 1
        default: targetIndex = Int.random(in: 1..<ids.count, using: &generator)
        }
        let currentIndex = kind == 5 ? targetIndex : Int.random(in: 0..<targetIndex, using: &generator)
        let product = kind == 2 ? "wss3" : (Bool.random(using: &generator) || targetIndex == ids.count - 1 ? "moss2007" : "wss3")
        let target = product == "wss3" && catalog.levels[targetIndex].update(for: .wss3) == nil ? ids[targetIndex - 1] : ids[targetIndex]
        let standalone = kind == 3 && Bool.random(using: &generator)
        let packs = [[], ["de-de"], ["de-de", "fr-fr"]].randomElement(using: &generator) ?? []
        var text = """
            farm:
              name: Generated \(index)
              product: \(product)
              installation: \(standalone ? "standalone" : "farm")
              current: \(ids[min(currentIndex, ids.count - 1)])
              target: \(target)
              architecture: \(Bool.random(using: &generator) ? "x64" : "x86")
              baseLanguage: en-us
              languagePacks: [\(packs.joined(separator: ", "))]
              centralAdminPort: 2010
              packageShare: \\\\files01\\updates
              accounts:
                setup: CONTOSO\\sp_setup
            servers:

            """
        let serverCount = standalone ? 1 : Int.random(in: 1...5, using: &generator)
        for number in 0..<serverCount {
            var roles = number == 0 ? ["application", "centralAdmin"] : ["webFrontEnd"]
            if number == 0, Bool.random(using: &generator) { roles.append("webFrontEnd") }
            var line = "  - { name: SRV\(number), roles: [\(roles.joined(separator: ", "))]"
            if Bool.random(using: &generator) { line += ", architecture: \(Bool.random(using: &generator) ? "x86" : "x64")" }
            if number > 0, index % 7 == 0, number == serverCount - 1 {
                line += ", joining: true"
            } else if number > 0, kind == 4 {
                line += ", current: \(ids[Int.random(in: 0...targetIndex, using: &generator)])"
            }
            text += line + " }\n"
        }
        text += """
            databases:
              - { name: SharePoint_Config, kind: config, server: SQL01 }
              - { name: WSS_Content, kind: content, server: "SQL01,1433", webApplication: "http://intranet" }

            """
        return text
    }
}
