/// What a farm description says: what the farm is today and where its owner wants it to be
/// (`../shared/spec/farm-description.md`). Values that later checks may point at keep their location.
public struct Farm: Sendable {
    public enum Installation: String, CaseIterable, Sendable, Encodable {
        case farm
        /// A Basic install on SQL Server Express (seed, "Stand-alone installations").
        case standalone
    }

    public var file: String
    public var location: SourceLocation
    public var name: Located<String>
    public var id: Located<String>
    public var product: Product
    public var installation: Installation
    /// Absent where the description does not give it (the loader reports that).
    public var current: Located<LevelReference>?
    public var target: Located<LevelReference>?
    public var architecture: Located<Architecture>?
    public var baseLanguage: Located<String>?
    public var languagePacks: [Located<String>]
    public var centralAdminPort: Int?
    public var accounts: Accounts
    public var sharedServices: SharedServices?
    public var search: Search
    public var customizations: Customizations
    public var largeFarm: LargeFarm?
    public var packageShare: Located<String>?
    public var backupShare: Located<String>?
    public var dbaManagedDatabases: Bool
    public var installedHotfixes: [Hotfix]
    public var servers: [Server]
    public var databases: [Database]
    /// The change-management details, where the description gives them.
    public var change: Change? = nil
    /// The catalog levels the description's references name, resolved once by validation; nil
    /// until the farm is valid. The planner and the site read these, never the references.
    public var levels: ResolvedLevels? = nil

    /// Each SQL Server of the farm once, as first written: host names ignore case.
    public var sqlServers: [String] {
        var seen: Set<String> = []
        return databases.map(\.server.value).filter { seen.insert($0.lowercased()).inserted }
    }

    /// Where the databases of these kinds are in `databases`, in the description's order. Read
    /// by index: a loop over the databases copied each one whole (every one of its strings
    /// retained) to read its kind, once per step, backup and page.
    public func databasePlaces(_ kinds: [Database.Kind]) -> [Int] {
        let all = databases
        return all.indices.filter { kinds.contains(all[$0].kind) }
    }

    /// The names of the databases of these kinds, in the description's order.
    public func databaseNames(_ kinds: [Database.Kind]) -> [String] {
        let all = databases
        return databasePlaces(kinds).map { all[$0].name.value }
    }

    /// A server's architecture: its own, else the farm's. Validation makes sure one of the two
    /// is given; every stage reads it from here.
    public func architecture(of server: Server) -> Architecture {
        server.architecture?.value ?? architecture?.value ?? .x64
    }

    /// The language SharePoint was installed in. Validation requires it; en-us stands in only for
    /// a farm built in code without one.
    public var installedLanguage: String { baseLanguage?.value ?? "en-us" }

    /// Every architecture the servers run: the farm's own where it lists no server.
    public var architectures: Set<Architecture> {
        servers.isEmpty ? [architecture?.value ?? .x64] : Set(servers.map(architecture(of:)))
    }

    public struct Accounts: Sendable {
        public var setup: Located<String>?
        public var centralAdminAppPool: Located<String>?
    }

    public struct SharedServices: Sendable {
        public enum Role: String, CaseIterable, Sendable { case none, parent, child }
        public var role: Role
        public var businessDataCatalog: Bool
        /// The parent's level for a child farm, the children's level for a parent farm.
        public var otherFarmLevel: Located<LevelReference>?
    }

    public struct Search: Sendable {
        /// The search service account is neither a local administrator nor a farm administrator.
        public var leastPrivilege: Bool
        /// The Shared Services Provider's name, the item the search backup names (`stsadm -o backup -item`).
        public var sharedServicesProvider: Located<String>?
    }

    public struct Customizations: Sendable {
        public var modifiedSiteTemplates: Bool
        public var frontEndDocumented: Bool
        public var solutions: [Located<String>]
    }

    public struct LargeFarm: Sendable {
        public var detachContentDatabases: Bool
        public var parallelUpgradeServers: Int
    }

    public struct Hotfix: Sendable {
        public var kb: Int
        public var build: Build
        public var location: SourceLocation
    }
}

/// A level as a farm description names it: a level id, a build, or "latest" (targets only).
public enum LevelReference: Sendable, Hashable, CustomStringConvertible {
    case id(String)
    case build(Build)
    case latest

    public init(_ text: String) {
        if text == "latest" {
            self = .latest
        } else if let build = Build(text) {
            self = .build(build)
        } else {
            self = .id(text)
        }
    }

    public var description: String {
        switch self {
        case .id(let id): return id
        case .build(let build): return build.description
        case .latest: return "latest"
        }
    }
}

public struct Server: Sendable {
    public enum Role: String, CaseIterable, Sendable, Encodable {
        case webFrontEnd, application, centralAdmin, index, query
    }

    public enum OperatingSystem: String, CaseIterable, Sendable {
        case windowsServer2003 = "windows-server-2003"
        case windowsServer2003R2 = "windows-server-2003-r2"
        case windowsServer2008 = "windows-server-2008"
        /// Runs SharePoint 2007 only from Service Pack 2 on (facts-from-other-sources.md).
        case windowsServer2008R2 = "windows-server-2008-r2"
    }

    public var name: Located<String>
    public var roles: [Role]
    public var architecture: Located<Architecture>?
    public var os: Located<OperatingSystem>?
    public var current: Located<LevelReference>?
    /// A new server that joins the farm once it is updated, built from an installation source that
    /// already holds the updates (seed, "Add new servers to a server farm"): it is not patched.
    public var joining: Bool = false
    public var location: SourceLocation

    public func has(_ role: Role) -> Bool { roles.contains(role) }
}

public struct Database: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case config, centralAdminContent, content, ssp, search, sso
    }

    public var name: Located<String>
    public var kind: Kind
    public var server: Located<String>
    public var webApplication: Located<String>?
    public var sizeGB: Double?
    public var siteCollections: Int?
    public var mySites: Bool
    public var projectServer: Bool
    public var location: SourceLocation
}

/// The levels a valid farm description names, as validation resolved them against the catalog.
public struct ResolvedLevels: Sendable {
    public var current: Level
    public var target: Level
    /// The level of each server that gives its own `current`, by name.
    public var servers: [String: Level]
    /// The other farm's level in a shared-services pair, where given.
    public var otherFarm: Level?
}
