import Foundation
import Yams

/// Reads one catalog file (the built-in `Content/catalog/updates.yaml` or a user's `--catalog`
/// file) into levels, checking each entry where it stands. Checks across entries and files are
/// `CatalogValidator`'s.
struct CatalogLoader {
    static let levelKeys = [
        "id", "name", "kind", "released", "build", "farmBuild", "registryDisplayVersion",
        "databaseVersionIncludes", "databaseAttachUnsafe", "languages", "source", "updates",
        "languagePackUpdates",
    ]
    static let updateKeys = ["product", "kb", "files", "patches", "source"]

    let reader: NodeReader

    static func load(_ document: YAMLDocument) -> ([Level], DiagnosticLog) {
        let loader = CatalogLoader(reader: NodeReader(document))
        let levels = loader.levels(document.root)
        return (levels, loader.reader.log)
    }

    private func levels(_ root: Node) -> [Level] {
        guard let top = reader.fields(root, "", allowed: ["levels"]) else { return [] }
        guard top.required("levels") != nil else { return [] }
        return top.items("levels").compactMap { item in level(item.node, item.path) }
    }

    private func level(_ node: Node, _ path: String) -> Level? {
        guard let l = reader.fields(node, path, allowed: Self.levelKeys) else { return nil }
        let id = l.requiredString("id").flatMap { plain($0, l.path("id")) }.flatMap(levelID)
        let name = l.requiredString("name").flatMap { plain($0, l.path("name")) }
        let kind = l.required("kind").flatMap { reader.choice($0, l.path("kind"), as: UpdateKind.self) }
        let released = l.requiredString("released").flatMap { date($0, l.path("released")) }
        let build = l.requiredString("build").flatMap { parseBuild($0, l.path("build")) }
        let farmBuild = optionalFact(l, "farmBuild") { parseBuild($0, l.path("farmBuild")) }
        let display = l.string("registryDisplayVersion").flatMap { parseBuild($0, l.path("registryDisplayVersion")) }
        let attachUnsafe = l.bool("databaseAttachUnsafe")?.value ?? false
        let schemaHint = l.string("databaseVersionIncludes").flatMap { plain($0, l.path("databaseVersionIncludes")) }
            .flatMap { digits($0, l.path("databaseVersionIncludes")) }
        let languages = optionalFact(l, "languages") { reader.choice($0, l.path("languages"), as: LanguageDelivery.self)?.value }
        let source = l.requiredString("source").flatMap { plain($0, l.path("source")) }
        let updates = l.items("updates").compactMap { item in update(item.node, item.path, languages: languages ?? .unknown) }
        let packs = l.items("languagePackUpdates").compactMap { item in update(item.node, item.path, languages: .known(.perLanguage)) }
        checkUnique(updates, l.path("updates"), l.location)
        guard let id, let name, let kind, let released, let build, let source, let farmBuild, let languages else { return nil }
        return Level(
            id: id, name: name.value, kind: kind.value, released: released, build: build,
            farmBuild: farmBuild, registryDisplayVersion: display, databaseVersionIncludes: schemaHint,
            databaseAttachUnsafe: attachUnsafe,
            languages: languages, updates: updates, languagePackUpdates: packs,
            source: source.value, location: l.location)
    }

    private func update(_ node: Node, _ path: String, languages: Fact<LanguageDelivery>) -> ProductUpdate? {
        guard let u = reader.fields(node, path, allowed: Self.updateKeys) else { return nil }
        let product = u.required("product").flatMap { reader.choice($0, u.path("product"), as: Product.self) }
        let kb = u.required("kb").flatMap { kbNode -> Fact<Int>? in
            if isUnknown(kbNode) { return .unknown }
            return reader.integer(kbNode, u.path("kb"), in: 1...99_999_999).map { .known($0.value) }
        }
        let files = u.required("files").map { filesNode -> Fact<[String]> in
            isUnknown(filesNode) ? .unknown : .known(u.strings("files").compactMap { plain($0, u.path("files")) }.map(\.value))
        }
        let source = u.requiredString("source").flatMap { plain($0, u.path("source")) }
        let patches = u.strings("patches").compactMap { plain($0, u.path("patches")) }.map(\.value)
        guard let product, let kb, let files, let source else { return nil }
        checkFiles(files, kb: kb, languages: languages, u)
        return ProductUpdate(product: product.value, kb: kb, files: files, patches: patches, source: source.value)
    }

    // MARK: Checks

    private func checkFiles(_ files: Fact<[String]>, kb: Fact<Int>, languages: Fact<LanguageDelivery>, _ u: Fields) {
        guard case .known(let patterns) = files, let node = u["files"] else { return }
        guard case .known(let kbNumber) = kb else {
            reader.error(node, "'\(u.path("files"))' names files but the KB number is unknown; the file name carries the KB number")
            return
        }
        if patterns.isEmpty { reader.error(node, "'\(u.path("files"))' is an empty list; write 'unknown' when the files are not known") }
        for pattern in patterns {
            if let problem = PackageFileName.problem(with: pattern, kb: kbNumber) {
                reader.error(node, "'\(pattern)' \(problem)")
            }
        }
        guard case .known(let delivery) = languages, !patterns.isEmpty else { return }
        let localized = patterns.filter(PackageFileName.isLocalized).count
        let fits: Bool
        switch delivery {
        case .perLanguage: fits = localized == patterns.count
        case .allLanguages: fits = localized == 0
        case .globalAndLocalized: fits = localized == 1 && patterns.count == 2
        }
        if !fits {
            reader.error(
                node,
                "'\(u.path("files"))' does not match 'languages: \(delivery.rawValue)' "
                    + "(per-language: every file has {lang}; all-languages: none has; global-and-localized: one glb file and one {lang} file)"
            )
        }
    }

    private func checkUnique(_ updates: [ProductUpdate], _ path: String, _ location: SourceLocation) {
        let products = updates.map(\.product)
        if Set(products).count != products.count {
            reader.error(location, "'\(path)' lists a product twice")
        }
    }

    // MARK: Values

    /// Catalog text reaches scripts and pages as farm values do, so it may not hold control
    /// characters either: a line break would start a line of its own in every script.
    private func plain(_ text: Located<String>, _ path: String) -> Located<String>? {
        guard let problem = NameRule.controlProblem(text.value) else { return text }
        reader.error(text.location, "'\(path)' \(problem): '\(Printable.escape(text.value))'")
        return nil
    }

    private func isUnknown(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node { return scalar.string == "unknown" }
        return false
    }

    /// `.unknown` when the key is absent or says `unknown`, what `read` makes of it otherwise, and
    /// nil when `read` reported a problem.
    private func optionalFact<Value>(_ l: Fields, _ key: String, _ read: (Located<String>) -> Value?) -> Fact<Value>? {
        guard let text = l.string(key), text.value != "unknown" else { return .unknown }
        return read(text).map { .known($0) }
    }

    private func levelID(_ text: Located<String>) -> String? {
        if text.value == "latest" || Build(text.value) != nil || !NameRule.matches(text.value, #"^[a-z0-9][a-z0-9-]{0,39}$"#) {
            reader.error(
                text.location,
                "level id '\(Printable.escape(text.value))' must be lowercase letters, digits and '-' (at most 40), and neither a build nor 'latest'"
            )
            return nil
        }
        return text.value
    }

    private func parseBuild(_ text: Located<String>, _ path: String) -> Build? {
        guard let build = Build(text.value) else {
            reader.error(text.location, "'\(path)' is '\(Printable.escape(text.value))'; a build has four numbers such as 12.0.6520.5000")
            return nil
        }
        return build
    }

    private func digits(_ text: Located<String>, _ path: String) -> String? {
        guard NameRule.matches(text.value, #"^[0-9]{1,8}$"#) else {
            reader.error(text.location, "'\(path)' is '\(Printable.escape(text.value))'; give the digits the version holds, such as 6211")
            return nil
        }
        return text.value
    }

    private func date(_ text: Located<String>, _ path: String) -> Fact<String>? {
        if text.value == "unknown" { return .unknown }
        guard Self.isDate(text.value) else {
            reader.error(text.location, "'\(path)' is '\(Printable.escape(text.value))'; write a date as YYYY-MM-DD, or 'unknown'")
            return nil
        }
        return .known(text.value)
    }

    /// A day of the Gregorian calendar written YYYY-MM-DD, from 0001-01-01 (read by hand: a
    /// DateFormatter per date took half the time of loading the catalog).
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            let digits = bytes[range]
            guard digits.allSatisfy(\.isASCIIDigit) else { return nil }
            return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), year >= 1, (1...12).contains(month)
        else { return false }
        return (1...WindowTime.days(inMonth: month, of: year)).contains(day)
    }
}
