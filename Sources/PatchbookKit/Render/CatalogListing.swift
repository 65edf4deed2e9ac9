import Foundation

/// The catalog as `patchbook catalog` prints it: one row per level and product.
public struct CatalogListing: Encodable, Sendable {
    public struct Row: Encodable, Sendable {
        public var level: String
        public var name: String
        public var product: String
        public var kind: String
        public var released: String
        public var build: String
        public var farmBuild: String
        /// The KB article number, as plan.json writes it: null where unknown or for no product.
        @ExplicitNull public var kb: Int?
        public var files: [String]
        public var languages: String
        public var source: String
        /// A level without product updates (the release) has no KB article at all.
        var hasUpdate = true

        private enum CodingKeys: String, CodingKey {
            case level, name, product, kind, released, build, farmBuild, kb, files, languages, source
        }
    }

    public var levels: [Row]

    public init(_ catalog: Catalog) {
        levels = catalog.levels.flatMap { level in
            let products = level.updates.isEmpty ? [nil] : level.updates.map { Optional($0) }
            return products.map { update in
                Row(
                    level: level.id, name: level.name, product: update?.product.rawValue ?? "wss3, moss2007",
                    kind: level.kind.rawValue, released: level.released.value ?? "unknown",
                    build: level.build.description, farmBuild: level.farmBuild.value?.description ?? "unknown",
                    kb: update?.kb.value,
                    files: update?.files.value ?? [], languages: level.languages.value?.rawValue ?? "unknown",
                    source: update?.source ?? level.source, hasUpdate: update != nil)
            }
        }
    }

    /// A plain-text table for the terminal.
    public var text: String {
        let header = ["LEVEL", "PRODUCT", "KIND", "RELEASED", "BUILD", "KB"]
        let rows = levels.map { [$0.level, $0.product, $0.kind, $0.released, $0.build, $0.kbText] }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    public func json() throws -> String { try JSONOutput.encode(self) }
}

/// JSON written the same way every time: sorted keys, two-space indent, no escaped slashes.
public enum JSONOutput {
    public static func encode<Value: Encodable>(_ value: Value) throws -> String {
        if let text = try? JSONText.encode(value) { return text + "\n" }
        return try foundation(value)
    }

    /// The same JSON through Foundation's encoder, for what `JSONText` does not write.
    static func foundation<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        } catch {
            throw RenderError.json(String(describing: error))
        }
    }
}

extension CatalogListing.Row {
    /// "KB975731", "unknown", or "-" for a level without product updates (the release).
    public var kbText: String { hasUpdate ? kb.map { "KB\($0)" } ?? "unknown" : "-" }
}
