import Foundation
import Testing

@testable import PatchbookKit

/// `patchbook init`: the starter names its placeholders until they are filled, then validates.
@Suite struct StarterTests {
    static let fills = [
        "<farm name>": "Contoso Intranet", "<level or build>": "sp1", "<port>": "2010", "<DOMAIN\\user>": "CONTOSO\\sp_setup",
        "<\\\\server\\share>": "\\\\files01\\updates", "<configuration database>": "SharePoint_Config",
        "<content database>": "WSS_Content", "<SSP database>": "SSP1_DB", "<search database>": "SSP1_Search_DB",
        "<SQL Server>": "SQL01", "<http://web application>": "http://intranet",
    ]

    @Test(arguments: [(Product.moss2007, false), (.moss2007, true), (.wss3, false), (.wss3, true)])
    func starterValidatesOnceFilled(_ product: Product, _ standalone: Bool) throws {
        let templates = try #require(Fixtures.templates)
        let text = try Starter.description(product: product, standalone: standalone, templates: templates)
        let (asIs, log) = Inputs.farm(data: Data(text.utf8), file: "my-farm.yaml", catalog: Fixtures.catalog)
        #expect(asIs == nil)
        #expect(!log.entries.isEmpty && log.entries.allSatisfy { $0.message.contains("still holds the placeholder") })
        // Each is named by its path, keys and places in lists alike.
        let paths = Set(log.entries.compactMap { $0.message.split(separator: "'").first.map(String.init) })
        #expect(paths.isSuperset(of: ["farm.name", "farm.current", "servers[0].name"]))
        var filled = text
        for (placeholder, value) in Self.fills { filled = filled.replacingOccurrences(of: placeholder, with: value) }
        var servers = 0
        while let range = filled.range(of: "<server name>") {
            servers += 1
            filled.replaceSubrange(range, with: "SRV0\(servers)")
        }
        let (farm, filledLog) = Inputs.farm(data: Data(filled.utf8), file: "my-farm.yaml", catalog: Fixtures.catalog)
        #expect(Fixtures.rendered(filledLog) == "")
        #expect(farm?.product == product)
        #expect(farm?.installation == (standalone ? .standalone : .farm))
    }
}

/// Placeholders are looked for only in a text that can hold one: the byte `<`, or an escape of it.
@Suite struct PlaceholderTests {
    @Test func escapedPlaceholdersAreStillNamed() throws {
        let templates = try #require(Fixtures.templates)
        // Every other placeholder filled, so that the text holds no `<`.
        var text = try Starter.description(product: .wss3, standalone: true, templates: templates)
        for (placeholder, value) in StarterTests.fills where placeholder != "<farm name>" {
            text = text.replacingOccurrences(of: placeholder, with: value)
        }
        text = text.replacingOccurrences(of: "<server name>", with: "SRV01").replacingOccurrences(of: "<...>", with: "...")
        for escape in [#"\x3C"#, #"\u003c"#, #"\U0000003C"#] {
            let escaped = text.replacingOccurrences(of: "<farm name>", with: "\"\(escape)farm name>\"")
            #expect(escaped != text && !escaped.contains("<"))
            let (_, log) = Inputs.farm(data: Data(escaped.utf8), file: "my-farm.yaml", catalog: Fixtures.catalog)
            #expect(log.entries.contains { $0.message.contains("'farm.name' still holds the placeholder '<farm name>'") }, "\(escape)")
        }
    }

    @Test func farmsWithoutOneAreNotWalked() throws {
        for name in Fixtures.exampleFarms.keys {
            #expect(!Placeholders.mayOccur(in: try String(contentsOfFile: Fixtures.example("\(name).yaml"), encoding: .utf8)))
        }
        for text in ["a: <b>", "a: \"\\x3cb>\"", "a: 3C"] { #expect(Placeholders.mayOccur(in: text), "\(text)") }
    }
}

/// `patchbook schema`: made from the loader's keys, described key by key, kept in docs/.
@Suite struct FarmSchemaTests {
    static let texts = FarmSchema.texts(
        Fixtures.examples.deletingLastPathComponent().appendingPathComponent("Content/farm-description.yaml"))

    @Test func everyKeyIsDescribedAndEveryDescriptionIsAKey() {
        #expect(!Self.texts.log.hasErrors)
        #expect(Set(FarmSchema.keyPaths) == Set(Self.texts.texts.keys).subtracting([""]))
    }

    /// The schema lists exactly the keys the loader reads, section by section.
    @Test func schemaKeysAreTheLoadersKeys() {
        let paths = FarmSchema.keyPaths
        #expect(Set(paths.filter { !$0.contains(".") && !$0.contains("[]") }) == Set(FarmLoader.topKeys))
        #expect(FarmLoader.farmKeys.allSatisfy { paths.contains("farm.\($0)") })
        #expect(paths.filter { $0.hasPrefix("farm.") && $0.split(separator: ".").count == 2 }.count == FarmLoader.farmKeys.count)
        #expect(paths.filter { $0.hasPrefix("servers[].") }.map { String($0.dropFirst("servers[].".count)) } == FarmLoader.serverKeys)
        #expect(paths.filter { $0.hasPrefix("databases[].") }.map { String($0.dropFirst("databases[].".count)) } == FarmLoader.databaseKeys)
    }

    /// docs/farm-description.md's key table is written from the schema's structure and the key
    /// descriptions (`make docs` rewrites it).
    @Test func docsListEveryKey() throws {
        let docs = Fixtures.examples.deletingLastPathComponent().appendingPathComponent("docs/farm-description.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let (open, close) = ("<!-- keys: written by make docs -->\n", "<!-- end keys -->")
        let start = try #require(text.range(of: open)), end = try #require(text.range(of: close))
        let table = FarmSchema.keyTable(texts: Self.texts.texts)
        if ProcessInfo.processInfo.environment["PATCHBOOK_WRITE_DOCS"] == "1" {
            var rewritten = text
            rewritten.replaceSubrange(start.upperBound..<end.lowerBound, with: table)
            try rewritten.write(to: docs, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            String(text[start.upperBound..<end.lowerBound]) == table, "docs/farm-description.md's key table is not current: run make docs")
    }

    /// docs/farm-description.schema.json is what `patchbook schema` prints (rewrite it with
    /// `make schema` after changing the keys or their descriptions).
    @Test func docsHoldTheSchema() throws {
        let docs = Fixtures.examples.deletingLastPathComponent().appendingPathComponent("docs/farm-description.schema.json")
        let stored = try String(contentsOf: docs, encoding: .utf8)
        #expect(stored == FarmSchema.json(texts: Self.texts.texts))
    }
}
