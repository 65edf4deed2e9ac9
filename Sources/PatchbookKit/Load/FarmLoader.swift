import Yams

/// Reads a farm description (spec: farm-description.md) into a `Farm`, checking each value's type,
/// allowed words and form where it stands. Checks that need the whole farm or the catalog are the
/// validate stage's (`FarmValidator`).
final class FarmLoader {
    static let topKeys = ["farm", "servers", "databases", "change"]
    static let farmKeys = [
        "name", "id", "product", "installation", "current", "target", "architecture",
        "baseLanguage", "languagePacks", "centralAdminPort", "accounts", "sharedServices",
        "search", "customizations", "largeFarm", "packageShare", "backupShare",
        "dbaManagedDatabases", "installedHotfixes",
    ]
    static let serverKeys = ["name", "roles", "architecture", "os", "current", "joining"]
    static let databaseKeys = [
        "name", "kind", "server", "webApplication", "sizeGB", "siteCollections",
        "mySites", "projectServer",
    ]
    static let changeKeys = [
        "ticket", "window", "implementer", "contacts", "approvers", "justification", "testEvidence", "assumptions",
    ]
    /// Each assumption with its bounds: a rate of backups below 0.1 GB an hour is a typo, not a
    /// slow disk, and would make estimates of years.
    static var assumptionKeys: [(key: String, path: WritableKeyPath<Change.Assumptions, Double>, minimum: Double, maximum: Double)] {
        [
            ("backupGBPerHour", \.backupGBPerHour, 0.1, 100_000), ("minutesPerPackage", \.minutesPerPackage, 0, 1_440),
            ("minutesPerContentDatabase", \.minutesPerContentDatabase, 0, 1_440), ("minutesPerStep", \.minutesPerStep, 0, 1_440),
            ("hoursToRebuildServer", \.hoursToRebuildServer, 0, 168),
        ]
    }

    let reader: NodeReader
    /// Sections with an entry that could not be read; checks that count their entries would only
    /// repeat that problem in other words, so the validate stage skips them.
    private var incomplete: Set<FarmValidator.Section> = []

    private init(reader: NodeReader) {
        self.reader = reader
    }

    /// The farm, or nil when the document is not a farm description at all; the log holds every
    /// problem either way.
    static func load(_ document: YAMLDocument) -> (farm: Farm?, log: DiagnosticLog, incomplete: Set<FarmValidator.Section>) {
        let loader = FarmLoader(reader: NodeReader(document))
        let farm = loader.farm(document.root)
        return (farm, loader.reader.log, loader.incomplete)
    }

    /// Runs `read`, marking `section` incomplete when it reported an error.
    private func tracking<T>(_ section: FarmValidator.Section, _ read: () -> T) -> T {
        let before = reader.log.entries.count
        let result = read()
        if reader.log.entries.count > before { incomplete.insert(section) }
        return result
    }

    private func farm(_ root: Node) -> Farm? {
        guard let top = reader.fields(root, "", allowed: Self.topKeys) else { return nil }
        guard let farmNode = top.required("farm"), let f = reader.fields(farmNode, "farm", allowed: Self.farmKeys) else {
            _ = servers(top, installation: .farm); _ = databases(top); _ = change(top)
            return nil
        }
        let name = named(f, "name", .text, required: true)
        let id = f.string("id").flatMap { checked($0, f.path("id"), .slug) }
        let product = f.required("product").flatMap { reader.choice($0, f.path("product"), as: Product.self) }
        let installation = f.choice("installation", as: Farm.Installation.self)?.value ?? .farm
        let currentText = f.requiredString("current").map { Located(LevelReference($0.value), at: $0.location) }
        let target = f.requiredString("target").map { Located(LevelReference($0.value), at: $0.location) }
        if let currentText, currentText.value == .latest {
            reader.error(currentText.location, "'farm.current' cannot be 'latest'; give the level or build the farm is at now")
        }
        let current = currentText?.value == .latest ? nil : currentText
        let languagePacks = f.strings("languagePacks", maximum: Limits.languagePacks).compactMap {
            checked($0, f.path("languagePacks"), .language)
        }
        // An architecture that is present but wrong is reported here; without the placeholder every
        // server would also be reported as having none.
        let architecture =
            f.choice("architecture", as: Architecture.self)
            ?? f["architecture"].map { Located(.x64, at: reader.location(of: $0)) }
        let baseLanguage = f.requiredString("baseLanguage").flatMap { checked($0, f.path("baseLanguage"), .language) }
        let port = f["centralAdminPort"].flatMap { reader.integer($0, f.path("centralAdminPort"), in: 1...65535)?.value }
        let shares = (named(f, "packageShare", .path), named(f, "backupShare", .path))
        let dbaManaged = f.bool("dbaManagedDatabases")?.value ?? false
        let servers = tracking(.servers) { self.servers(top, installation: installation) }
        let databases = tracking(.databases) { self.databases(top) }
        let parts = (accounts(f), sharedServices(f), search(f), customizations(f), largeFarm(f), hotfixes(f))
        let change = change(top)

        // A missing name, product or level is already reported; placeholders let the checks of the
        // validate stage run too, so that the user sees every problem at once. The farm is discarded.
        let farmName = name ?? Located("", at: f.location)
        return Farm(
            file: reader.file, location: f.location, name: farmName, id: id ?? derivedSlug(from: farmName),
            product: product?.value ?? .moss2007, installation: installation,
            current: current, target: target, architecture: architecture,
            baseLanguage: baseLanguage, languagePacks: languagePacks, centralAdminPort: port,
            accounts: parts.0, sharedServices: parts.1, search: parts.2, customizations: parts.3, largeFarm: parts.4,
            packageShare: shares.0, backupShare: shares.1, dbaManagedDatabases: dbaManaged,
            installedHotfixes: parts.5, servers: servers, databases: databases, change: change)
    }

    // MARK: Farm sections

    private func accounts(_ f: Fields) -> Farm.Accounts {
        guard let node = f["accounts"], let a = reader.fields(node, f.path("accounts"), allowed: ["setup", "centralAdminAppPool"]) else {
            return Farm.Accounts()
        }
        return Farm.Accounts(setup: named(a, "setup", .account), centralAdminAppPool: named(a, "centralAdminAppPool", .account))
    }

    private func sharedServices(_ f: Fields) -> Farm.SharedServices? {
        guard let node = f["sharedServices"],
            let s = reader.fields(node, f.path("sharedServices"), allowed: ["role", "businessDataCatalog", "otherFarmLevel"])
        else {
            return nil
        }
        let other = s.string("otherFarmLevel").map { Located(LevelReference($0.value), at: $0.location) }
        return Farm.SharedServices(
            role: s.choice("role", as: Farm.SharedServices.Role.self)?.value ?? .none,
            businessDataCatalog: s.bool("businessDataCatalog")?.value ?? false,
            otherFarmLevel: other)
    }

    private func search(_ f: Fields) -> Farm.Search {
        guard let node = f["search"], let s = reader.fields(node, f.path("search"), allowed: ["leastPrivilege", "sharedServicesProvider"])
        else {
            return Farm.Search(leastPrivilege: false, sharedServicesProvider: nil)
        }
        // The SSP's name is an argument of stsadm -o backup: checked as a database name is (no `"`,
        // no space at either end), not as free text.
        return Farm.Search(
            leastPrivilege: s.bool("leastPrivilege")?.value ?? false,
            sharedServicesProvider: named(s, "sharedServicesProvider", .database))
    }

    private func customizations(_ f: Fields) -> Farm.Customizations {
        let keys = ["modifiedSiteTemplates", "frontEndDocumented", "solutions"]
        guard let node = f["customizations"], let c = reader.fields(node, f.path("customizations"), allowed: keys) else {
            return Farm.Customizations(modifiedSiteTemplates: false, frontEndDocumented: true, solutions: [])
        }
        return Farm.Customizations(
            modifiedSiteTemplates: c.bool("modifiedSiteTemplates")?.value ?? false,
            frontEndDocumented: c.bool("frontEndDocumented")?.value ?? true,
            solutions: c.strings("solutions", maximum: Limits.solutions).compactMap { checked($0, c.path("solutions"), .solution) })
    }

    private func largeFarm(_ f: Fields) -> Farm.LargeFarm? {
        guard let node = f["largeFarm"],
            let l = reader.fields(node, f.path("largeFarm"), allowed: ["detachContentDatabases", "parallelUpgradeServers"])
        else {
            return nil
        }
        let parallel = l["parallelUpgradeServers"].flatMap { reader.integer($0, l.path("parallelUpgradeServers"), in: 0...100) }
        return Farm.LargeFarm(
            detachContentDatabases: l.bool("detachContentDatabases")?.value ?? false,
            parallelUpgradeServers: parallel?.value ?? 0)
    }

    private func hotfixes(_ f: Fields) -> [Farm.Hotfix] {
        f.items("installedHotfixes", maximum: Limits.installedHotfixes).compactMap { path, node in
            guard let h = reader.fields(node, path, allowed: ["kb", "build"]) else { return nil }
            let kb = h.required("kb").flatMap { reader.integer($0, h.path("kb"), in: 1...99_999_999) }
            let build = h.requiredString("build").flatMap { buildValue($0, h.path("build")) }
            guard let kb, let build else { return nil }
            return Farm.Hotfix(kb: kb.value, build: build, location: h.location)
        }
    }

    // MARK: Change details

    private func change(_ top: Fields) -> Change? {
        guard let node = top["change"], let c = reader.fields(node, "change", allowed: Self.changeKeys) else { return nil }
        var change = Change()
        change.ticket = named(c, "ticket", .text)
        change.window = window(c)
        change.implementer = named(c, "implementer", .text)
        change.contacts = people(c, "contacts", keys: ["name", "role", "phone"])
        change.approvers = people(c, "approvers", keys: ["name", "role"])
        change.justification = named(c, "justification", .prose)
        change.testEvidence = named(c, "testEvidence", .prose)
        change.assumptions = assumptions(c)
        return change
    }

    private func window(_ c: Fields) -> Change.Window? {
        guard let node = c["window"], let w = reader.fields(node, c.path("window"), allowed: ["start", "hours"]) else { return nil }
        let start = w.requiredString("start").flatMap { text -> WindowTime? in
            switch WindowTime.read(text.value) {
            case .success(let time): return time
            case .failure(let problem):
                reader.error(text.location, "'\(w.path("start"))' is '\(Printable.escape(text.value))'; \(problem.message)")
                return nil
            }
        }
        let hours = w.required("hours").flatMap { reader.positive($0, w.path("hours"), minimum: Change.Window.shortest, maximum: 168) }
        guard let start, let hours else { return nil }
        return Change.Window(start: start, hours: hours)
    }

    private func people(_ c: Fields, _ key: String, keys: [String]) -> [Change.Person] {
        c.items(key, maximum: Limits.people).compactMap { path, node in
            guard let p = reader.fields(node, path, allowed: keys) else { return nil }
            let name = named(p, "name", .text, required: true)
            let (role, phone) = (named(p, "role", .text), named(p, "phone", .text))
            return name.map { Change.Person(name: $0, role: role, phone: phone) }
        }
    }

    private func assumptions(_ c: Fields) -> Change.Assumptions {
        var assumptions = Change.Assumptions()
        let keys = Self.assumptionKeys.map(\.key)
        guard let node = c["assumptions"], let a = reader.fields(node, c.path("assumptions"), allowed: keys) else { return assumptions }
        for entry in Self.assumptionKeys {
            if let value = a[entry.key].flatMap({ reader.positive($0, a.path(entry.key), minimum: entry.minimum, maximum: entry.maximum) })
            {
                assumptions[keyPath: entry.path] = value
            }
        }
        return assumptions
    }

    // MARK: Servers and databases

    private func servers(_ top: Fields, installation: Farm.Installation) -> [Server] {
        top.items("servers", maximum: Limits.servers).compactMap { path, node in
            guard let s = reader.fields(node, path, allowed: Self.serverKeys) else { return nil }
            let name = named(s, "name", .netbios, required: true)
            let roles = self.roles(s, required: installation == .farm)
            let current = s.string("current").map { Located(LevelReference($0.value), at: $0.location) }
            if let current, current.value == .latest {
                reader.error(current.location, "'\(s.path("current"))' cannot be 'latest'; give the level or build the server is at now")
            }
            guard let name else { return nil }
            return Server(
                name: name, roles: roles, architecture: s.choice("architecture", as: Architecture.self),
                os: s.choice("os", as: Server.OperatingSystem.self), current: current,
                joining: s.bool("joining")?.value ?? false, location: s.location)
        }
    }

    private func databases(_ top: Fields) -> [Database] {
        top.items("databases", maximum: Limits.databases).compactMap { path, node in
            guard let d = reader.fields(node, path, allowed: Self.databaseKeys) else { return nil }
            let name = named(d, "name", .database, required: true)
            let kind = d.required("kind").flatMap { reader.choice($0, d.path("kind"), as: Database.Kind.self) }
            let server = named(d, "server", .sqlServer, required: true)
            let size = d["sizeGB"].flatMap { node in
                reader.number(node, d.path("sizeGB")).flatMap { size -> Located<Double>? in
                    guard size.value > Limits.databaseGB else { return size }
                    reader.error(
                        node,
                        "'\(d.path("sizeGB"))' is \(Printable.number(size.value)) GB; patchbook reads sizes up to \(Printable.number(Limits.databaseGB)) GB"
                    )
                    return nil
                }
            }
            let sites = d["siteCollections"].flatMap { reader.integer($0, d.path("siteCollections"), in: 0...10_000_000) }
            let webApplication = named(d, "webApplication", .url)
            let mySites = d.bool("mySites")?.value ?? false
            let projectServer = d.bool("projectServer")?.value ?? false
            guard let name, let kind, let server else { return nil }
            return Database(
                name: name, kind: kind.value, server: server, webApplication: webApplication,
                sizeGB: size?.value, siteCollections: sites?.value, mySites: mySites,
                projectServer: projectServer, location: d.location)
        }
    }

    /// A farm server needs at least one role: the plan orders servers and steps by them.
    private func roles(_ s: Fields, required: Bool) -> [Server.Role] {
        let allowed = Server.Role.allCases.map(\.rawValue).joined(separator: ", ")
        if required && s["roles"] == nil {
            reader.error(s.location, "'\(s.path("roles"))' is missing; give at least one of: \(allowed)")
        }
        let written = s.strings("roles")
        if required, let node = s["roles"], case .sequence(let items) = node, items.isEmpty {
            reader.error(node, "'\(s.path("roles"))' is empty; give at least one of: \(allowed)")
        }
        return written.compactMap { reader.choice($0, s.path("roles"), as: Server.Role.self)?.value }
    }

    // MARK: Helpers

    /// A string field checked against a name rule.
    private func named(_ fields: Fields, _ key: String, _ rule: NameRule, required: Bool = false) -> Located<String>? {
        let value = required ? fields.requiredString(key) : fields.string(key)
        return value.flatMap { checked($0, fields.path(key), rule) }
    }

    /// `path` is worked out only for a value that has a problem.
    private func checked(_ value: Located<String>, _ path: @autoclosure () -> String, _ rule: NameRule) -> Located<String>? {
        // A placeholder of `patchbook init` stands in for a valid value, so that the farm stays
        // whole and only the placeholder is reported (`Placeholders`).
        if Placeholders.isPlaceholder(value.value) { return value }
        guard let problem = problem(of: value.value, by: rule) else { return Located(rule.normalized(value.value), at: value.location) }
        reader.error(value.location, "'\(path())' \(problem): '\(Printable.quote(value.value, limit: 100))'")
        return nil
    }

    /// Each value is checked once per rule: a farm names its SQL servers and web applications
    /// again on every database, and a URL is parsed by Foundation. Kept by the value's bytes: two
    /// strings Swift holds equal (K and the Kelvin sign K) can read differently to a rule.
    private var problems: [NameRule: [ByteKey: String?]] = [:]

    private func problem(of value: String, by rule: NameRule) -> String? {
        let spelling = ByteKey(bytes: Array(value.utf8))
        if let known = problems[rule]?[spelling] { return known }
        let problem = rule.problem(with: value)
        problems[rule, default: [:]][spelling] = .some(problem)
        return problem
    }

    private func buildValue(_ text: Located<String>, _ path: @autoclosure () -> String) -> Build? {
        guard let build = Build(text.value) else {
            reader.error(text.location, "'\(path())' is '\(Printable.escape(text.value))'; a build has four numbers such as 12.0.6219.1000")
            return nil
        }
        return build
    }

    private func derivedSlug(from name: Located<String>) -> Located<String> {
        let slug = NameRule.slug(from: name.value)
        if slug.isEmpty && !name.value.isEmpty {
            reader.error(
                name.location, "an id for folder names cannot be made from 'farm.name'; add 'farm.id' (for example contoso-intranet)")
        }
        return Located(slug, at: name.location)
    }
}
