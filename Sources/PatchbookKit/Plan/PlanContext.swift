/// What the rules ask of a farm, worked out once: levels resolved, the servers that take part in
/// the update, the server hosting Central Administration, the packages. Rules read it; none change it.
struct PlanContext: Sendable {
    let farm: Farm
    let catalog: Catalog
    let current: Level
    let target: Level
    /// Servers that are updated in place, each with the level it starts from; joining servers are not among them.
    let updating: [(server: Server, level: Level)]
    let packages: [Plan.Package]
    let packs: [Plan.LanguageTemplatePack]
    /// What each updating server installs, by server name, from its own level, architecture and languages.
    let serverPackages: [String: [Plan.Package]]
    /// The language template packs each updating server installs, for its architecture.
    let serverPacks: [String: [Plan.LanguageTemplatePack]]
    let serverOrder: [String]

    var isStandalone: Bool { farm.installation == .standalone }
    var hasMOSS: Bool { farm.product == .moss2007 }
    var updatingServers: [Server] { updating.map(\.server) }
    var joiningServers: [Server] { farm.servers.filter(\.joining) }

    /// The server that hosts the main Central Administration site: the first listed with the role.
    var centralAdmin: Server? { updatingServers.first { $0.has(.centralAdmin) } }

    /// The web servers users connect to: front-end web servers, or the Central Administration
    /// server when the description marks none (a small farm whose one server serves everything).
    var webServers: [Server] {
        let frontEnds = updatingServers.filter { $0.has(.webFrontEnd) }
        return frontEnds.isEmpty ? centralAdmin.map { [$0] } ?? [] : frontEnds
    }

    /// The databases of these kinds, in the farm's order (`Farm.databasePlaces`).
    func databases(_ kinds: Database.Kind...) -> [Database] {
        let all = farm.databases
        return farm.databasePlaces(kinds).map { all[$0] }
    }

    /// Their names alone: a step's scope needs no more.
    func databaseNames(_ kinds: Database.Kind...) -> [String] { farm.databaseNames(kinds) }

    /// The Infrastructure Update's level, where the catalog has it.
    var infrastructureUpdate: Level? { catalog.levels.first { $0.kind == .infrastructureUpdate } }

    /// Whether any updating server is already at or past the Infrastructure Update.
    var anyServerAtOrPastIU: Bool {
        guard let iu = infrastructureUpdate else { return false }
        return updating.contains { $0.level.build >= iu.build }
    }

    /// Neither the farm nor any server lacks a package: every server is at the target already.
    var nothingToInstall: Bool { !Plan.hasUpdates(packages, Array(serverPackages.values)) }

    /// A farm installation with something to install: the seed's farm procedure applies.
    var updatesFarm: Bool { !isStandalone && !nothingToInstall }

    /// Each updating server's packages of one product.
    func packagesByServer(product: Product) -> [String: [Plan.Package]] {
        serverPackages.mapValues { $0.filter { $0.product == product } }
    }

    static func names(_ servers: [Server]) -> [String] { servers.map(\.name.value) }
    static func names(_ databases: [Database]) -> [String] { databases.map(\.name.value) }
}
