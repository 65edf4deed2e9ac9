/// Seed, "Installation steps", step 9: the Configuration Wizard completes first on the server that
/// hosts Central Administration, then on the other application servers, then on the front-end web
/// servers, one at a time. When Central Administration runs on a front-end web server, that server
/// goes first, then the application servers, then the remaining front-end web servers: in both
/// cases the Central Administration server, then servers without the webFrontEnd role, then the rest.
enum ServerOrderRule {
    static func order(_ servers: [Server]) -> [String] {
        guard let ca = servers.first(where: { $0.has(.centralAdmin) }) else { return servers.map(\.name.value) }
        let others = servers.filter { $0.name.value != ca.name.value }
        let applicationServers = others.filter { !$0.has(.webFrontEnd) }
        let frontEnds = others.filter { $0.has(.webFrontEnd) }
        return ([ca] + applicationServers + frontEnds).map(\.name.value)
    }
}
