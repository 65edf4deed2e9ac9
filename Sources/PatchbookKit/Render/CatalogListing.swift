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
        public var kb: String
        public var files: [String]
        public var languages: String
        public var source: String
    }

    public var levels: [Row]

    public init(_ catalog: Catalog) {
        levels = catalog.levels.flatMap { level in
            let products = level.updates.isEmpty ? [nil] : level.updates.map { Optional($0) }
            return products.map { update in
                Row(level: level.id, name: level.name, product: update?.product.rawValue ?? "wss3, moss2007",
                    kind: level.kind.rawValue, released: level.released.value ?? "unknown",
                    build: level.build.description, farmBuild: level.farmBuild.value?.description ?? "unknown",
                    kb: update.map { $0.kb.value.map { "KB\($0)" } ?? "unknown" } ?? "-",
                    files: update?.files.value ?? [], languages: level.languages.value?.rawValue ?? "unknown",
                    source: update?.source ?? level.source)
            }
        }
    }

    /// A plain-text table for the terminal.
    public var text: String {
        let header = ["LEVEL", "PRODUCT", "KIND", "RELEASED", "BUILD", "KB"]
        let rows = levels.map { [$0.level, $0.product, $0.kind, $0.released, $0.build, $0.kb] }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    public var json: String { JSONOutput.encode(self) }
}

/// JSON written the same way every time: sorted keys, two-space indent, no escaped slashes.
public enum JSONOutput {
    public static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else {
            return "{}\n"
        }
        return text + "\n"
    }
}
