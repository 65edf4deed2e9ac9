/// The values templates and prose see for one farm: the plan, with the farm description's details
/// the plan does not carry (shares, accounts, database sizes), shaped for Mustache as
/// dictionaries. Values are raw; each template escapes them for its language.
struct FarmContext {
    let farm: Farm
    let plan: Plan
    let templates: Templates

    typealias Values = [String: Any]

    /// Appends a text that two values share exactly when Mustache sees the same in them: strings,
    /// flags and numbers, lists and dictionaries of them (keys in order), each part marked with
    /// its kind and length so that no two values run together into the same text.
    static func fingerprint(_ value: Any, into key: inout String) {
        switch value {
        case let text as String:
            key += "s\(text.utf8.count):"
            key += text
        case let flag as Bool:
            key += flag ? "t" : "f"
        case let list as [Any]:
            key += "[\(list.count)"
            list.forEach { fingerprint($0, into: &key) }
            key += "]"
        case let values as Values:
            key += "{\(values.count)"
            for name in values.keys.sorted() {
                key += "\(name.utf8.count):\(name)"
                fingerprint(values[name] ?? "", into: &key)
            }
            key += "}"
        default:
            let text = String(describing: value)
            key += "o\(text.utf8.count):\(text)"
        }
    }

    var base: Values {
        var values: Values = [
            "farm": farmValues,
            "packages": plan.packages.map(package),
            "packs": plan.languageTemplatePacks.map(pack),
            "hasPacks": !plan.languageTemplatePacks.isEmpty,
            "servers": servers,
            "serverOrder": plan.serverOrder.enumerated().map { ["name": $1, "position": $0 + 1] as Values },
            "databases": farm.databases.map(database),
            "permissions": permissionRows,
            "backups": plan.backups.map(backup),
            "sqlBackups": plan.backups.filter { $0.tool == "sql" }.map(backup),
            "contentDatabases": contentDatabases,
            "warnings": plan.warnings.map { ["code": $0.code, "message": $0.message] as Values },
            "hasWarnings": !plan.warnings.isEmpty,
        ]
        // Absent values are left out, never stored as nil: a section over them renders nothing.
        values["temporaryAccount"] = plan.permissions.first { $0.temporary && $0.account != nil }?.account.map { ["account": $0] as Values }
        values["backupSpace"] = backupSpace
        values["verification"] = verification
        return values
    }

    private var farmValues: Values {
        var values: Values = [
            "id": plan.farm.id, "name": plan.farm.name, "isMOSS": farm.product == .moss2007,
            "productName": templates.label("product.\(plan.farm.product)"),
            "isStandalone": farm.installation == .standalone,
            "current": level(plan.current), "target": level(plan.target),
            "baseLanguage": farm.baseLanguage?.value ?? "",
            "languages": ([farm.baseLanguage?.value].compactMap { $0 } + farm.languagePacks.map(\.value)).joined(separator: ", "),
            "languagePacks": farm.languagePacks.map { ["language": $0.value] as Values },
            "solutions": farm.customizations.solutions.map { ["name": $0.value] as Values },
            "frontEndDocumented": farm.customizations.frontEndDocumented,
            "leastPrivilegeSearch": farm.search.leastPrivilege,
            "sharedServicesRole": farm.sharedServices?.role.rawValue ?? "none",
            "isParent": farm.sharedServices?.role == .parent, "isChild": farm.sharedServices?.role == .child,
        ]
        values["packageShare"] = farm.packageShare?.value
        values["backupShare"] = farm.backupShare?.value
        values["setupAccount"] = farm.accounts.setup?.value
        values["poolAccount"] = farm.accounts.centralAdminAppPool?.value
        values["sharedServicesProvider"] = farm.search.sharedServicesProvider?.value
        values["otherFarmLevel"] = farm.sharedServices?.otherFarmLevel?.value.description
        values["configDatabase"] = farm.databases.first { $0.kind == .config }?.name.value
        values["centralAdminServer"] = plan.serverOrder.first
        if let host = plan.serverOrder.first, let port = farm.centralAdminPort {
            values["centralAdminUrl"] = "http://\(host):\(port)/"
        }
        return values
    }

    private func level(_ summary: Plan.LevelSummary) -> Values {
        ["level": summary.level, "name": summary.name, "build": summary.build]
    }

    func package(_ package: Plan.Package) -> Values {
        var values: Values = [
            "order": package.order, "product": package.product, "productName": templates.label("product.\(package.product)"),
            "level": package.level, "architecture": package.architecture, "language": package.language,
            "languageName": package.language == "glb" ? templates.label("language.glb") : package.language,
            "kb": package.kb.map { "KB\($0)" } ?? templates.label("unknown"),
            "file": package.file ?? templates.label("file-unknown"), "known": package.file != nil,
        ]
        if let file = package.file { values["path"] = path(file) }
        values["description"] = "\(templates.label("product.\(package.product)")), \(plan.levelNames[package.level] ?? package.level), "
            + "\(values["languageName"] ?? package.language): \(package.file ?? templates.label("file-unknown"))"
        return values
    }

    /// Packages and language template packs as a server installs them: each service pack's
    /// packs right after that level's packages, before any later package builds on them.
    static func installOrder(_ packages: [Values], _ packs: [Values]) -> [Values] {
        var items: [Values] = []
        var remaining = packs
        for (index, package) in packages.enumerated() {
            items.append(package)
            let level = package["level"] as? String
            if index == packages.count - 1 || packages[index + 1]["level"] as? String != level {
                items += remaining.filter { $0["level"] as? String == level }
                remaining.removeAll { $0["level"] as? String == level }
            }
        }
        return items + remaining
    }

    /// A package's path on the package share, or its bare name (run from the folder holding it).
    private func path(_ file: String) -> String {
        farm.packageShare.map { $0.value.hasSuffix("\\") ? $0.value + file : $0.value + "\\" + file } ?? file
    }

    private func pack(_ pack: Plan.LanguageTemplatePack) -> Values {
        let level = plan.levelNames[pack.level] ?? pack.level
        var values: Values = [
            "order": pack.order, "productName": templates.label("product.\(pack.product)"), "language": pack.language,
            "level": pack.level, "levelName": level, "architecture": pack.architecture, "kb": pack.kb.map { "KB\($0)" } ?? templates.label("unknown"),
            "file": pack.file ?? templates.label("file-unknown"), "known": pack.file != nil,
            "description": "\(templates.label("product.\(pack.product)")) \(templates.label("language-template-pack")), \(level), "
                + "\(pack.language): \(pack.file ?? templates.label("file-unknown"))",
        ]
        if let file = pack.file { values["path"] = path(file) }
        return values
    }

    var servers: [Values] { farm.servers.map(server) }

    func server(_ server: Server) -> Values {
        let name = server.name.value
        let architecture = (server.architecture ?? farm.architecture)?.value.rawValue ?? "x64"
        let serverPlan = plan.servers.first { $0.name == name }
        let packages = serverPlan?.installs.map(package) ?? []
        let packs = serverPlan?.languageTemplatePacks.map(pack) ?? []
        // The script installs in plan order and stops at the first item whose file is unknown:
        // that item and every one after it are installed by hand, in order.
        let items = Self.installOrder(packages, packs)
        let firstUnknown = items.firstIndex { $0["known"] as? Bool != true } ?? items.count
        var values: Values = [
            "name": name, "architecture": architecture, "roles": server.roles.map { templates.label("role.\($0.rawValue)") }.joined(separator: ", "),
            "hasRoles": !server.roles.isEmpty, "joining": server.joining, "isWeb": isWebServer(name),
            "page": "servers/\(name).md", "configureCommand": "\(name)-install.cmd configure",
            "packages": packages, "hasPackages": !packages.isEmpty, "packs": packs, "hasPacks": !packs.isEmpty,
            "scripted": Array(items[..<firstUnknown]), "byHand": Array(items[firstUnknown...]), "installsAll": firstUnknown == items.count,
            "current": serverPlan?.current ?? plan.current.level,
        ]
        if FarmPages.writesScripts(farm, plan), !server.joining { values["script"] = "scripts/\(name)-install.cmd" }
        values["registry"] = plan.verification?.registry.first { $0.architecture == architecture }.map(registry)
        values["position"] = plan.serverOrder.firstIndex(of: name).map { String($0 + 1) }
        return values
    }

    /// A server's script stops W3SVC exactly where the plan's stop-w3svc step names it.
    private func isWebServer(_ name: String) -> Bool {
        plan.steps.first { $0.rule == PreInstallation.stopW3SVC.id }?.servers.contains(name) ?? false
    }

    func database(_ database: Database) -> Values {
        var values: Values = ["name": database.name.value, "server": database.server.value, "kind": templates.label("database.\(database.kind.rawValue)"),
                              "mySites": database.mySites, "projectServer": database.projectServer]
        values["webApplication"] = database.webApplication?.value
        values["sizeGB"] = database.sizeGB.map(Self.number)
        values["siteCollections"] = database.siteCollections
        return values
    }

    /// The permissions as the change request lists them: one row per account, right and duration.
    /// Local Administrators rows name every server they cover (computer names hold no comma or
    /// space); a SQL Server right or a database's access is a row of its own, since those names can.
    private var permissionRows: [Values] {
        var rows: [(key: String, values: Values, scopes: [String])] = []
        for permission in plan.permissions {
            let account = permission.account ?? templates.label("account.\(permission.holder.rawValue)")
            var grant = permission.grant
            var scope = permission.scope
            if grant == "database access", let slash = scope.lastIndex(of: "/") {
                grant = "\(templates.label("grant.databases-on")) \(scope[..<slash])"
                scope = String(scope[scope.index(after: slash)...])
            }
            let groups = permission.grant == "local Administrators"
            let key = "\(account)\u{1}\(grant)\u{1}\(permission.temporary)"
            if groups, let index = rows.firstIndex(where: { $0.key == key }) {
                rows[index].scopes.append(scope)
            } else {
                rows.append((key, ["account": account, "grant": grant, "temporary": permission.temporary], [scope]))
            }
        }
        return rows.map { row in row.values.merging(["scope": row.scopes.joined(separator: ", ")]) { $1 } }
    }

    private func backup(_ backup: Plan.Backup) -> Values {
        var values: Values = ["item": backup.item, "kind": templates.label("backup.\(backup.kind)"), "tool": backup.tool,
                              "recoveryModel": backup.recoveryModel ?? ""]
        values["server"] = backup.server
        return values
    }

    private var backupSpace: Values? {
        plan.backupSpace.map {
            ["knownGB": Self.number($0.knownGB), "missing": $0.databasesWithoutSize.map { ["name": $0] as Values },
             "hasMissing": !$0.databasesWithoutSize.isEmpty]
        }
    }

    private var contentDatabases: Values {
        let content = plan.contentDatabases
        let detach = content.detach.map(contentDatabase)
        return ["prepareToMove": content.prepareToMove, "detach": detach,
                "fullCrawl": plan.warnings.contains { $0.code == "full-crawl-after-attach" }, "hasDetach": !detach.isEmpty,
                "keepAttached": content.keepAttached.map(contentDatabase), "hasKeepAttached": !content.keepAttached.isEmpty,
                "parallelUpgradeServers": content.parallelUpgradeServers]
    }

    private func contentDatabase(_ database: Plan.ContentDatabase) -> Values {
        var values: Values = ["name": database.name, "server": database.server, "serverAndName": "\(database.server):\(database.name)"]
        values["webApplication"] = database.webApplication
        return values
    }

    private var verification: Values? {
        plan.verification.map { v in
            var values: Values = ["registry": v.registry.map(registry), "lines": v.upgradeLogLines,
                                  "sqlQuery": v.sqlQuery]
            values["portalDllVersion"] = v.portalDllVersion
            values["configDatabase"] = v.configDatabase
            values["sqlExpectedVersion"] = v.sqlExpectedVersion
            values["sqlVersionIncludes"] = v.sqlVersionIncludes
            values["serversInFarmUrl"] = v.serversInFarmUrl
            values["serversInFarmVersion"] = v.serversInFarmVersion
            return values
        }
    }

    private func registry(_ check: Plan.RegistryCheck) -> Values {
        var values: Values = ["architecture": check.architecture, "key": check.key, "value": check.value]
        values["expected"] = check.expected
        return values
    }

    /// Numbers as people write them: no trailing ".0", no locale.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
