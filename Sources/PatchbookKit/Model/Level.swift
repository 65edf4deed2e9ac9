/// A fact of the catalog that the sources may not give: unknown facts are kept as unknown, never
/// guessed, and the outputs say so.
public enum Fact<Value: Sendable & Hashable>: Sendable, Hashable {
    case known(Value)
    case unknown

    public var value: Value? {
        if case .known(let value) = self { return value }
        return nil
    }
}

/// The kinds of update the seed names ("Understanding software updates").
public enum UpdateKind: String, CaseIterable, Sendable {
    case release
    case publicUpdate = "public-update"
    case servicePack = "service-pack"
    case rollup
    case infrastructureUpdate = "infrastructure-update"
    case cumulativeUpdate = "cumulative-update"
    case criticalOnDemand = "critical-on-demand"
}

/// How an update's packages deal with languages.
public enum LanguageDelivery: String, CaseIterable, Sendable {
    /// One package per language (service packs: `...-fullfile-en-us.exe`).
    case perLanguage = "per-language"
    /// One package carries every language (cumulative updates from December 2008 on).
    case allLanguages = "all-languages"
    /// A global package plus a localized package per language (cumulative updates before December 2008).
    case globalAndLocalized = "global-and-localized"
}

/// One product's part of an update: its Knowledge Base article, the package files and the patches.
public struct ProductUpdate: Sendable, Hashable {
    public var product: Product
    public var kb: Fact<Int>
    /// File name patterns with `{arch}` and `{lang}` placeholders (see `PackageFileName`).
    public var files: Fact<[String]>
    public var patches: [String]
    public var source: String
}

/// A point in the update history: a level id a farm can be at or be taken to.
public struct Level: Sendable, Hashable {
    public var id: String
    public var name: String
    public var kind: UpdateKind
    public var released: Fact<String>
    /// The version of Microsoft.SharePoint.portal.dll at this level (the seed's "Major updates" table).
    public var build: Build
    /// The version the configuration database records, where a source gives it.
    public var farmBuild: Fact<Build>
    /// What the uninstall key's DisplayVersion reads, where it differs from `build`.
    public var registryDisplayVersion: Build?
    /// Digits the Versions table's highest version holds at this level, where a source gives only
    /// that (the seed: "For Service Pack 1 the version should include 6211").
    public var databaseVersionIncludes: String?
    /// Content databases from before this update cannot be upgraded by attaching them to a farm at
    /// it, so detaching them for the update is unsafe (facts: the August 2009 CU, re-released later).
    public var databaseAttachUnsafe: Bool
    public var languages: Fact<LanguageDelivery>
    public var updates: [ProductUpdate]
    /// The matching language pack service pack, for updating language template packs.
    public var languagePackUpdates: [ProductUpdate]
    public var source: String
    /// Where the level was defined: the built-in catalog or a user's catalog file.
    public var location: SourceLocation

    public func update(for product: Product) -> ProductUpdate? {
        updates.first { $0.product == product }
    }
}
