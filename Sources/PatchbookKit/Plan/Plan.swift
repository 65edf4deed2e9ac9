/// The update plan for one farm: what `patchbook plan --json` prints as plan.json
/// (spec: cli-and-outputs.md). Made by `Planner` from a validated farm and the catalog, with no I/O.
public struct Plan: Encodable, Sendable {
    public struct FarmSummary: Encodable, Sendable {
        public var id: String
        public var name: String
        public var product: Product
        public var installation: Farm.Installation
    }

    public struct LevelSummary: Encodable, Sendable {
        public var level: String
        public var build: String
        public var name: String
    }

    /// One package to install. `kb` and `file` are null where the catalog does not know them.
    public struct Package: Encodable, Sendable, Hashable {
        public var order: Int
        public var product: Product
        public var level: String
        @ExplicitNull public var kb: Int?
        public var architecture: Architecture
        public var language: String
        @ExplicitNull public var file: String?
    }

    public struct LanguageTemplatePack: Encodable, Sendable, Hashable {
        public var order: Int
        public var product: Product
        public var language: String
        public var level: String
        public var architecture: Architecture
        @ExplicitNull public var kb: Int?
        @ExplicitNull public var file: String?
    }

    public struct ServerPlan: Encodable, Sendable {
        public var name: String
        public var roles: [Server.Role]
        public var architecture: Architecture
        public var current: String
        /// A new server built from an updated installation source; it installs nothing here.
        public var joining: Bool
        /// Files in install order; a package whose file name is unknown is named by its product and level.
        public var packages: [String]
        /// The same packages in full, for the renderer; plan.json keeps to file names.
        public var installs: [Package]
        /// The language template packs this server installs after its packages, before the wizard.
        public var languageTemplatePacks: [LanguageTemplatePack]

        private enum CodingKeys: String, CodingKey { case name, roles, architecture, current, joining, packages, languageTemplatePacks }
    }

    /// A right the setup account needs before the window; `temporary` ones are removed afterwards.
    public struct Permission: Encodable, Sendable, Hashable {
        public enum Holder: String, Encodable, Sendable { case setup, centralAdminAppPool }

        public enum Grant: String, Encodable, Sendable {
            case localAdministrators = "local Administrators"
            case databaseAccess = "database access"
            case dbcreator, securityadmin
        }

        /// What a right is on: a computer, a SQL Server, or one database on a SQL Server.
        /// plan.json writes it as one string, `SERVER/DATABASE` for a database.
        public enum Scope: Encodable, Sendable, Hashable {
            case server(String)
            case sqlServer(String)
            case database(server: String, name: String)

            public var text: String {
                switch self {
                case .server(let name), .sqlServer(let name): return name
                case .database(let server, let name): return "\(server)/\(name)"
                }
            }

            public func encode(to encoder: Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(text)
            }
        }

        /// Whose right it is: the setup account's, or the Central Administration pool identity's.
        public var holder: Holder
        /// Null when the farm description does not name the account.
        @ExplicitNull public var account: String?
        public var scope: Scope
        public var grant: Grant
        public var temporary: Bool
    }

    /// What a backup holds (`backups[].kind`).
    public enum BackupKind: String, Encodable, Sendable {
        case config, centralAdminContent, content, ssp, search, sso, index, frontEnd
    }

    public enum BackupTool: String, Encodable, Sendable { case sql, stsadm, image }

    public enum RecoveryModel: String, Encodable, Sendable { case simple, full }

    public struct Backup: Encodable, Sendable, Hashable {
        public var item: String
        public var kind: BackupKind
        public var tool: BackupTool
        /// For SQL Server backups; null where no recovery model applies.
        @ExplicitNull public var recoveryModel: RecoveryModel?
        /// The SQL Server or computer the item lives on.
        @ExplicitNull public var server: String?
    }

    /// Seed, "Pre-installation steps" (search backup): the drive needs room for the whole farm.
    public struct BackupSpace: Encodable, Sendable {
        /// The sum of the sizes the description gives.
        public var knownGB: Double
        /// Databases without `sizeGB`: the space they need comes on top of `knownGB`.
        public var databasesWithoutSize: [String]
    }

    public struct ContentDatabase: Encodable, Sendable, Hashable {
        public var name: String
        public var server: String
        @ExplicitNull public var webApplication: String?
    }

    public struct ContentDatabases: Encodable, Sendable {
        public var prepareToMove: Bool
        /// Detached before the update and attached again one at a time per web application, in this order.
        public var detach: [ContentDatabase]
        /// Content databases that stay attached although the farm detaches the others (Project Server sites).
        public var keepAttached: [ContentDatabase]
        public var parallelUpgradeServers: Int
    }

    public enum Phase: String, Encodable, Sendable, CaseIterable {
        case prepare, preInstall = "pre-install", install, configure, postInstall = "post-install", verify, after
    }

    /// One step of the procedure, named by the rule that put it there.
    public struct Step: Encodable, Sendable, Hashable {
        public var rule: String
        public var phase: Phase
        public var section: SeedSection
        /// The level whose packages an install step installs (install-wss-packages and
        /// install-moss-packages give one step per level); absent for other steps.
        public var level: String?
        /// The servers that take part, in the order they do; empty for farm-wide steps.
        public var servers: [String]
        /// The databases the step acts on, where it acts on some.
        public var databases: [String]
    }

    public struct RegistryCheck: Encodable, Sendable, Hashable {
        public var architecture: Architecture
        public var key: String
        public var value: String
        @ExplicitNull public var expected: String?
    }

    /// The values this farm shows once the update succeeded (seed, "Verify update completion and success").
    public struct Verification: Encodable, Sendable {
        @ExplicitNull public var portalDllVersion: String?
        public var registry: [RegistryCheck]
        public var upgradeLogLines: [String]
        @ExplicitNull public var configDatabase: String?
        public var sqlQuery: String
        /// The Versions table's highest version for the target, where the catalog knows it.
        @ExplicitNull public var sqlExpectedVersion: String?
        /// Digits that version holds, where a source gives only those (SP1: 6211).
        @ExplicitNull public var sqlVersionIncludes: String?
        @ExplicitNull public var serversInFarmUrl: String?
        @ExplicitNull public var serversInFarmVersion: String?
        public var forceUpgradeCommand: String
    }

    /// A warning: its code, and the facts its text (`Content/warnings.yaml`) is written from. The
    /// planner leaves `message` empty; `WarningTexts` writes it before the plan is shown.
    public struct Warning: Encodable, Sendable, Hashable {
        public var code: WarningCode
        public var facts: [String: String]
        public var message: String

        public init(code: WarningCode, facts: [WarningFact: String] = [:]) {
            self.code = code
            self.facts = Dictionary(uniqueKeysWithValues: facts.map { ($0.key.rawValue, $0.value) })
            self.message = ""
        }

        private enum CodingKeys: String, CodingKey { case code, message }
    }

    public var farm: FarmSummary
    public var current: LevelSummary
    public var target: LevelSummary
    public var packages: [Package]
    public var languageTemplatePacks: [LanguageTemplatePack]
    public var serverOrder: [String]
    public var servers: [ServerPlan]
    public var permissions: [Permission]
    public var backups: [Backup]
    @ExplicitNull public var backupSpace: BackupSpace?
    public var contentDatabases: ContentDatabases
    public var steps: [Step]
    @ExplicitNull public var verification: Verification?
    public var warnings: [Warning]
    /// The catalog's name of each level the plan installs, by id, for the documents; plan.json
    /// names levels by id.
    public var levelNames: [String: String] = [:]
    /// The names of the service packs between the farm's level and its target (the target
    /// included), for the change request's risk rating; plan.json gives the levels themselves.
    public var servicePacks: [String] = []

    /// Whether any server of the farm installs anything: a farm at its target does not (a new
    /// server joining it installs its own packages, but the farm's procedure does not run).
    /// Reads the servers by index: filtering them copied each one whole, for every server's view.
    public var hasUpdates: Bool {
        let servers = servers
        return Self.hasUpdates(packages, servers.indices.lazy.filter { !servers[$0].joining }.map { servers[$0].installs })
    }

    /// The one test behind `hasUpdates` and the planner's at-target rules: the farm-wide packages,
    /// and what each server updated in place installs.
    static func hasUpdates(_ packages: [Package], _ serverInstalls: some Sequence<[Package]>) -> Bool {
        !packages.isEmpty || serverInstalls.contains { !$0.isEmpty }
    }

    private enum CodingKeys: String, CodingKey {
        case farm, current, target, packages, languageTemplatePacks, serverOrder, servers, permissions, backups, backupSpace,
            contentDatabases, steps, verification, warnings
    }
}

extension Plan.BackupSpace: Hashable {}
extension Plan.Verification: Hashable {}
