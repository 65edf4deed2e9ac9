/// One server: a row of the farm page, and `onServer` on its checklist and in its script.
struct ServerView: TemplateView {
    var name: String
    var architecture: String
    var roles: String
    var joining: Bool
    var isWeb: Bool
    var page: String
    var script: String?
    var current: String
    var position: String?
    var packages: [PackageView]
    var packs: [PackageView]
    /// What its script installs, and what it leaves to install by hand, in install order.
    var scripted: [PackageView]
    var byHand: [PackageView]
    var registry: RegistryView?

    static let fields = ViewFields<Self>([
        .init("name", "the computer name") { $0.name },
        .init("architecture", "x86 or x64") { $0.architecture },
        .init("roles", "its roles, comma-separated, as pages name them") { $0.roles },
        .init("hasRoles", "true when the description gives it roles") { !$0.roles.isEmpty },
        .init("joining", "true for a new server that joins the farm at the target") { $0.joining },
        .init("isWeb", "true where W3SVC is stopped for the update (its script stops it)") { $0.isWeb },
        .init("page", "its checklist, servers/NAME.md") { $0.page },
        .init("script", "its install script, scripts/NAME-install.cmd, where one is written") { $0.script },
        .init("configureCommand", "the script's configure command line") { FarmPages.installScript($0.name) + " configure" },
        .init("current", "the level it starts from") { $0.current },
        .init("position", "its place in the Configuration Wizard order, from 1") { $0.position },
        .init("packages", "the packages it installs, in order (each a package)") { $0.packages },
        .init("hasPackages", "true when it installs any package") { !$0.packages.isEmpty },
        .init("packageCount", "how many packages it installs") { String($0.packages.count) },
        .init("packs", "the language template packs it installs (each a pack)") { $0.packs },
        .init("scripted", "what its script installs, packages and packs in install order") { $0.scripted },
        .init("byHand", "from the first file the catalog does not give on: what is installed by hand") { $0.byHand },
        .init("installsAll", "true when its script installs everything") { $0.byHand.isEmpty },
        .init("registry", "the registry check for its architecture (a registry check)") { $0.registry },
    ])
}

/// A registry value a server shows once updated.
struct RegistryView: TemplateView {
    var architecture: String
    var key: String
    var value: String
    var expected: String?

    static let fields = ViewFields<Self>([
        .init("architecture", "x86 or x64") { $0.architecture },
        .init("key", "the registry key") { $0.key },
        .init("value", "the value's name") { $0.value },
        .init("expected", "what it reads at the target, where the catalog gives it") { $0.expected },
    ])
}
