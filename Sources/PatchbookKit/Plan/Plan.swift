/// The update plan for one farm: what `patchbook plan --json` prints as plan.json
/// (spec: cli-and-outputs.md). Made by `Planner` from a validated farm and the catalog, with no I/O.
public struct Plan: Encodable, Sendable {
    public struct FarmSummary: Encodable, Sendable {
        public var id: String
        public var name: String
        public var product: String
        public var installation: String
    }

    public struct LevelSummary: Encodable, Sendable {
        public var level: String
        public var build: String
    }

    /// One package to install. `kb` and `file` are null where the catalog does not know them.
    public struct Package: Encodable, Sendable, Hashable {
        public var order: Int
        public var product: String
        public var level: String
        public var kb: Int?
        public var architecture: String
        public var language: String
        public var file: String?

        private enum CodingKeys: String, CodingKey { case order, product, level, kb, architecture, language, file }

        /// Unknown facts are written as null, so that readers see the key and know it is unknown.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(order, forKey: .order)
            try c.encode(product, forKey: .product)
            try c.encode(level, forKey: .level)
            try c.encode(kb, forKey: .kb)
            try c.encode(architecture, forKey: .architecture)
            try c.encode(language, forKey: .language)
            try c.encode(file, forKey: .file)
        }
    }

    public struct LanguageTemplatePack: Encodable, Sendable, Hashable {
        public var order: Int
        public var product: String
        public var language: String
        public var level: String
        public var kb: Int?
        public var file: String?

        private enum CodingKeys: String, CodingKey { case order, product, language, level, kb, file }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(order, forKey: .order)
            try c.encode(product, forKey: .product)
            try c.encode(language, forKey: .language)
            try c.encode(level, forKey: .level)
            try c.encode(kb, forKey: .kb)
            try c.encode(file, forKey: .file)
        }
    }

    public struct ServerPlan: Encodable, Sendable {
        public var name: String
        public var roles: [String]
        public var architecture: String
        public var current: String
        /// Files in install order; a package whose file name is unknown is named by its level and KB.
        public var packages: [String]
    }

    public struct Warning: Encodable, Sendable, Hashable {
        public var code: String
        public var message: String
    }

    public var farm: FarmSummary
    public var current: LevelSummary
    public var target: LevelSummary
    public var packages: [Package]
    public var languageTemplatePacks: [LanguageTemplatePack]
    public var serverOrder: [String]
    public var servers: [ServerPlan]
    public var warnings: [Warning]
}
