/// Seed, "Verify update completion and success", with the values this farm shows at its target:
/// the Upgrade.log lines naming its configuration database, Microsoft.SharePoint.portal.dll's
/// version, the uninstall key for each architecture (x64 servers read the Wow6432Node view), the
/// Versions table, the Servers in Farm page on the Central Administration host and port, and the
/// command that forces the upgrade. Facts: WSS-only farms read the Web Server Extensions key.
enum VerificationRule {
    static let versionsQuery = "SELECT * FROM dbo.Versions WHERE VersionId = '00000000-0000-0000-0000-000000000000'"
    static let forceUpgrade = "psconfig -cmd upgrade -inplace b2b -wait -force"

    static func verification(_ context: PlanContext) -> Plan.Verification? {
        guard context.updatesFarm else { return nil }
        let target = context.target
        let config = context.databases(.config).first?.name.value
        return Plan.Verification(
            portalDllVersion: context.hasMOSS ? target.build.description : nil,
            registry: registry(context),
            upgradeLogLines: config.map(upgradeLogLines) ?? [],
            configDatabase: config,
            sqlQuery: versionsQuery,
            sqlExpectedVersion: target.farmBuild.value?.description,
            sqlVersionIncludes: target.databaseVersionIncludes,
            serversInFarmUrl: serversInFarmURL(context),
            serversInFarmVersion: target.farmBuild.value?.description,
            forceUpgradeCommand: forceUpgrade)
    }

    static func registry(_ context: PlanContext) -> [Plan.RegistryCheck] {
        let architectures = Set(context.updatingServers.map(context.farm.architecture(of:)))
        return Architecture.allCases.filter(architectures.contains).map { architecture in
            guard context.hasMOSS else {
                return Plan.RegistryCheck(
                    architecture: architecture,
                    key: #"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Shared Tools\Web Server Extensions\12.0"#,
                    value: "Version", expected: context.target.farmBuild.value?.description)
            }
            let view = architecture == .x64 ? #"\Wow6432Node"# : ""
            return Plan.RegistryCheck(
                architecture: architecture,
                key: #"HKEY_LOCAL_MACHINE\SOFTWARE"# + view + #"\Microsoft\Windows\CurrentVersion\Uninstall\OSERVER"#,
                value: "DisplayVersion", expected: displayVersion(context)?.description)
        }
    }

    /// Seed L880: DisplayVersion follows service packs (12.0.6219.1000 with SP1 or the post-SP1
    /// rollup), not the portal.dll build. The target's own value where the catalog gives it, else
    /// the newest service pack's at or below the target; nil where the catalog gives neither, so
    /// that no check expects a value no source states.
    static func displayVersion(_ context: PlanContext) -> Build? {
        if let own = context.target.registryDisplayVersion { return own }
        return context.catalog.levels.last { $0.kind == .servicePack && $0.build <= context.target.build }?.registryDisplayVersion
    }

    /// http://HOST:PORT/_admin/FarmServers.aspx, when the port is known.
    static func serversInFarmURL(_ context: PlanContext) -> String? {
        guard let host = context.centralAdmin?.name.value, let port = context.farm.centralAdminPort else { return nil }
        return "http://\(host):\(port)/_admin/FarmServers.aspx"
    }

    /// The two lines Upgrade.log shows for this farm when the upgrade succeeded.
    static func upgradeLogLines(_ configDatabase: String) -> [String] {
        [
            "Finished upgrading SPFarm Name=\(configDatabase)",
            "In-place upgrade session finishes. Root object = SPFarm=\(configDatabase), recursive = True. 0 errors and 0 warnings encountered.",
        ]
    }
}
