/// Checks that need the whole farm description or the catalog (spec, "Meaning and rules").
/// Each check is one small function; together they report every problem at once.
struct FarmValidator {
    /// A part of the description that the loader could not read whole.
    enum Section: Hashable {
        case servers, databases
    }

    let farm: Farm
    let catalog: Catalog
    let incomplete: Set<Section>

    /// The problems of `farm`, and the levels it names where every reference resolves.
    static func validate(_ farm: Farm, against catalog: Catalog, incomplete: Set<Section> = []) -> (
        log: DiagnosticLog, levels: ResolvedLevels?
    ) {
        var log = DiagnosticLog()
        let validator = FarmValidator(farm: farm, catalog: catalog, incomplete: incomplete)
        let levels = validator.checkLevels(&log)
        validator.checkServers(&log)
        validator.checkDatabases(&log)
        validator.checkInstallation(&log)
        validator.checkArchitecture(&log)
        validator.checkLanguages(&log)
        validator.checkLargeFarm(&log)
        validator.checkJoiningServers(&log)
        return (log, log.hasErrors ? nil : levels)
    }

    // MARK: Levels

    private func checkLevels(_ log: inout DiagnosticLog) -> ResolvedLevels? {
        let current = farm.current.flatMap { resolve($0, "farm.current", &log) }
        let target = farm.target.flatMap { resolve($0, "farm.target", allowsLatest: true, &log) }
        if let current, let target, let reference = farm.target, target.build < current.build {
            log.error(
                reference.location,
                "the target \(describe(target)) is below the current level \(describe(current)); patchbook plans updates, not rollbacks")
        }
        if let target, let reference = farm.target { checkTargetCarriesTheProduct(target, at: reference.location, &log) }
        if let target { checkOperatingSystems(for: target, &log) }
        var servers: [String: Level] = [:]
        for server in farm.servers {
            guard let reference = server.current, let level = resolve(reference, "current of server \(server.name.value)", &log) else {
                continue
            }
            servers[server.name.value] = level
            if let target, target.build < level.build {
                log.error(reference.location, "server \(server.name.value) is at \(describe(level)), above the target \(describe(target))")
            }
        }
        let other = farm.sharedServices?.otherFarmLevel.flatMap { resolve($0, "farm.sharedServices.otherFarmLevel", &log) }
        guard let current, let target else { return nil }
        return ResolvedLevels(current: current, target: target, servers: servers, otherFarm: other)
    }

    /// Seed L176: WSS is not in the MOSS package. A target whose packages are all for a product the
    /// farm does not run (a MOSS-only hotfix for a WSS 3.0 farm) cannot be the farm's level.
    private func checkTargetCarriesTheProduct(_ target: Level, at location: SourceLocation, _ log: inout DiagnosticLog) {
        let products = farm.product.installed
        guard !target.updates.isEmpty, !target.updates.contains(where: { products.contains($0.product) }) else { return }
        let usable = catalog.levels.last { $0.build < target.build && $0.updates.contains { products.contains($0.product) } }
        log.error(
            location,
            "the target \(describe(target)) has no package for \(farm.product.rawValue): it updates "
                + target.updates.map(\.product.rawValue).joined(separator: " and ") + " only"
                + (usable.map { "; the newest level with a package for this farm is '\($0.id)'" } ?? ""))
    }

    /// The catalog level a reference names, or a diagnostic that lists what would have been accepted.
    func resolve(
        _ reference: Located<LevelReference>, _ field: String, allowsLatest: Bool = false,
        _ log: inout DiagnosticLog
    ) -> Level? {
        switch reference.value {
        case .latest:
            return catalog.latest
        case .id(let id) where Self.looksLikeBuild(id):
            log.error(
                reference.location,
                "'\(field)' is '\(id)'; a build has four numbers, such as 12.0.6219.1000 "
                    + "(Microsoft.SharePoint.portal.dll) or 12.0.0.6219 (the farm's version on Servers in Farm)")
        case .id(let id):
            if let level = catalog.level(id: id) { return level }
            let candidates = catalog.ids + (allowsLatest ? ["latest"] : [])
            log.error(
                reference.location,
                "'\(field)' names the level '\(Printable.escape(id))', which the catalog does not have"
                    + Suggestion.hint(for: id, in: candidates) + "; levels: \(catalog.ids.joined(separator: ", "))")
        case .build(let build):
            let levels = catalog.levels(build: build)
            if levels.count == 1 { return levels[0] }
            log.error(
                reference.location,
                levels.isEmpty
                    ? unknownBuild(build, field)
                    : "'\(field)' is the farm version \(build), which levels \(levels.map(\.id).joined(separator: " and ")) share; give the level id"
            )
        }
        return nil
    }

    private func unknownBuild(_ build: Build, _ field: String) -> String {
        guard build.parts[0] == 12, build.parts[1] == 0, build.parts[2] == 0 else {
            return "'\(field)' is build \(build), which no level in the catalog has; "
                + "add it with --catalog FILE if it is a newer update or a hotfix"
        }
        let known = catalog.levels.compactMap(\.farmBuild.value).map(\.description).joined(separator: ", ")
        return "'\(field)' is the farm version \(build), which no level in the catalog has: a farm version (as Servers in Farm "
            + "shows it) names the level with that farm version (\(known)) or else with the portal.dll build 12.0.\(build.parts[3]).x; "
            + "give the level id, or add the level with --catalog FILE if it is newer"
    }

    /// Digits and dots only, with a dot: a build written with too few or too many numbers.
    private static func looksLikeBuild(_ text: String) -> Bool {
        text.contains(".") && text.utf8.allSatisfy { $0.isASCIIDigit || $0 == UInt8(ascii: ".") }
    }

    private func describe(_ level: Level) -> String { "'\(level.id)' (\(level.build))" }

    // MARK: Servers and databases

    private func checkServers(_ log: inout DiagnosticLog) {
        var seen: [String: Server] = [:]
        for server in farm.servers {
            let key = server.name.value.uppercased()
            if let first = seen[key] {
                log.error(
                    server.name.location,
                    "server name '\(server.name.value)' is listed twice (first at line \(first.name.location.line)); computer names are not case-sensitive"
                )
            } else {
                seen[key] = server
            }
        }
    }

    private func checkDatabases(_ log: inout DiagnosticLog) {
        var seen: [String: Database] = [:]
        for database in farm.databases {
            let key = database.server.value.uppercased() + "/" + database.name.value.uppercased()
            if let first = seen[key] {
                log.error(
                    database.name.location,
                    "database '\(database.name.value)' on \(database.server.value) is listed twice (first at line \(first.name.location.line))"
                )
            } else {
                seen[key] = database
            }
        }
    }

    // MARK: Installation

    private func checkInstallation(_ log: inout DiagnosticLog) {
        switch farm.installation {
        case .farm:
            let configs = farm.databases.filter { $0.kind == .config }
            if configs.isEmpty && !incomplete.contains(.databases) {
                log.error(farm.location, "a farm installation needs its configuration database: add one database with 'kind: config'")
            }
            for extra in configs.dropFirst() {
                log.error(extra.location, "a farm has exactly one configuration database; '\(configs[0].name.value)' is already listed")
            }
            if !farm.servers.contains(where: { $0.has(.centralAdmin) }) && !incomplete.contains(.servers) {
                log.error(
                    farm.location,
                    "a farm installation needs a server with the role 'centralAdmin' (the server hosting Central Administration)")
            }
        case .standalone:
            if farm.servers.count > 1 {
                log.error(farm.servers[1].location, "a standalone installation runs on one server; \(farm.servers.count) are listed")
            }
        }
    }

    private func checkArchitecture(_ log: inout DiagnosticLog) {
        guard farm.architecture == nil else { return }
        for server in farm.servers where server.architecture == nil {
            log.error(
                server.location,
                "server \(server.name.value) has no architecture: set 'farm.architecture' or this server's 'architecture' (x86 or x64); packages differ by architecture"
            )
        }
        if farm.servers.isEmpty {
            log.error(farm.location, "'farm.architecture' is missing (x86 or x64); packages differ by architecture")
        }
    }

    private func checkLanguages(_ log: inout DiagnosticLog) {
        guard let base = farm.baseLanguage else { return }  // missing or malformed: reported by the loader
        var seen: Set<String> = [base.value]
        for pack in farm.languagePacks where !seen.insert(pack.value).inserted {
            let what = pack.value == base.value ? "is the base language" : "is listed twice"
            log.error(pack.location, "language pack '\(pack.value)' \(what)")
        }
    }

    /// Seed, "Add new servers to a server farm": a new server is built with the updates already in
    /// its installation source; the update itself completes first on an existing server.
    private func checkJoiningServers(_ log: inout DiagnosticLog) {
        for server in farm.servers where server.joining {
            if let current = server.current {
                log.error(
                    current.location,
                    "server \(server.name.value) is joining the farm: it is built at the target level, so it has no 'current'")
            }
        }
        let hosts = farm.servers.filter { $0.has(.centralAdmin) }
        if farm.installation == .farm, let first = hosts.first, hosts.allSatisfy(\.joining) {
            log.error(
                first.location,
                "server \(first.name.value) is joining the farm, so it cannot be the only Central Administration server: the update completes on an existing Central Administration server first"
            )
        }
    }

    /// facts-from-other-sources: SharePoint 2007 installs on Windows Server 2008 R2 only with
    /// Service Pack 2, so a plan that leaves such a server below SP2 cannot be carried out.
    private func checkOperatingSystems(for target: Level, _ log: inout DiagnosticLog) {
        guard let sp2 = catalog.level(id: "sp2"), target.build < sp2.build else { return }
        for server in farm.servers {
            guard let os = server.os, os.value == .windowsServer2008R2 else { continue }
            log.error(
                os.location,
                "server \(server.name.value) runs Windows Server 2008 R2, where SharePoint 2007 runs only from "
                    + "Service Pack 2 on; the target \(describe(target)) is below \(describe(sp2))")
        }
    }

    private func checkLargeFarm(_ log: inout DiagnosticLog) {
        guard let largeFarm = farm.largeFarm, largeFarm.detachContentDatabases else { return }
        for database in farm.databases where database.kind == .content && database.webApplication == nil && !database.projectServer {
            log.error(
                database.location,
                "content database '\(database.name.value)' has no 'webApplication'; detaching and attaching it needs the web application's URL"
            )
        }
    }
}
