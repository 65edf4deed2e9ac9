/// Seed, "Before you begin": the account that installs the update and runs the Configuration Wizard
/// is a local administrator on every server, may access every SharePoint database, and holds the
/// dbcreator and securityadmin server roles. Microsoft recommends adding the Central Administration
/// application pool identity to the local Administrators group of every server for the update,
/// logging on with it, and removing it afterwards.
enum PermissionRule {
    static func permissions(_ context: PlanContext) -> [Plan.Permission] {
        guard context.updatesFarm else { return [] }
        let setup = context.farm.accounts.setup?.value
        let servers = PlanContext.names(context.updatingServers)
        let sqlServers = context.farm.sqlServers
        let pool = context.farm.accounts.centralAdminAppPool?.value
        // When the setup account is the application pool identity, its membership is the temporary one.
        let sameAccount = pool != nil && pool?.lowercased() == setup?.lowercased()
        var grants = servers.map {
            Plan.Permission(holder: .setup, account: setup, scope: .server($0), grant: .localAdministrators, temporary: sameAccount)
        }
        grants += context.farm.databases.map {
            Plan.Permission(
                holder: .setup, account: setup, scope: .database(server: $0.server.value, name: $0.name.value),
                grant: .databaseAccess, temporary: false)
        }
        for role in [Plan.Permission.Grant.dbcreator, .securityadmin] {
            grants += sqlServers.map {
                Plan.Permission(holder: .setup, account: setup, scope: .sqlServer($0), grant: role, temporary: false)
            }
        }
        if !sameAccount {
            grants += servers.map {
                Plan.Permission(
                    holder: .centralAdminAppPool, account: pool, scope: .server($0), grant: .localAdministrators, temporary: true)
            }
        }
        return grants
    }

}
