/// How long the window's work takes, phase by phase, and how long backing out would: worked out
/// from the plan's steps and the description's throughput assumptions (`Change.Assumptions`).
/// Pure, like the planner. Each phase is rounded up to 5 minutes, and the total is the sum of the
/// rounded phases, so that the figures a change request shows add up.
public struct ChangeEstimate: Sendable, Equatable {
    public struct Phase: Sendable, Equatable {
        public var phase: Plan.Phase
        public var minutes: Int
        /// The index in the plan of the phase's first step (documents number it with `StepNumbers`).
        public var firstStep: Int
    }

    /// The phases inside the window (pre-installation to verification), in order.
    public var phases: [Phase]
    /// Minutes from the window's start to the go/no-go point: the end of pre-installation.
    public var goNoGoAfter: Int
    /// The index in the plan of the step before which go or no-go is decided: the first that
    /// installs anything.
    public var goNoGoStep: Int?
    /// The time to back out; nil where the plan takes no backup to back out with (a stand-alone
    /// installation, a farm at its target).
    public var backoutMinutes: Int?
    /// Databases the description gives no size for: their backup and restore time is not counted.
    public var databasesWithoutSize: [String]
    public var backupGB: Double
    public var restoreGB: Double

    public var totalMinutes: Int { phases.reduce(0) { $0 + $1.minutes } }

    static let windowPhases: [Plan.Phase] = [.preInstall, .install, .configure, .postInstall, .verify]

    public static func estimate(_ plan: Plan, farm: Farm) -> ChangeEstimate {
        let assumptions = farm.change?.assumptions ?? Change.Assumptions()
        let sizes = Sizes(farm: farm)
        let rule = StepTime(plan: plan, sizes: sizes, assumptions: assumptions)
        var phases: [Phase] = []
        for phase in windowPhases {
            let indices = plan.steps.indices.filter { plan.steps[$0].phase == phase }
            guard let first = indices.first else { continue }
            let minutes = indices.reduce(0.0) { $0 + rule.minutes(plan.steps[$1]) }
            phases.append(Phase(phase: phase, minutes: roundedUp(minutes), firstStep: first))
        }
        let backedUp = Set(plan.backups.map(\.item))
        let restored = Set(plan.backups.filter { [.content, .ssp, .search, .sso].contains($0.kind) }.map(\.item))
        let restoreMinutes = sizes.gigabytes(of: restored) / assumptions.backupGBPerHour * 60
        let canBackOut = plan.hasUpdates && farm.installation == .farm && !plan.backups.isEmpty
        return ChangeEstimate(
            phases: phases, goNoGoAfter: phases.first { $0.phase == .preInstall }?.minutes ?? 0,
            goNoGoStep: plan.steps.firstIndex { $0.phase == .install },
            backoutMinutes: canBackOut
                ? roundedUp(assumptions.hoursToRebuildServer * 60 + restoreMinutes + (restored.isEmpty ? 0 : assumptions.minutesPerStep))
                : nil,
            databasesWithoutSize: farm.databases.filter { backedUp.contains($0.name.value) && $0.sizeGB == nil }.map(\.name.value),
            backupGB: sizes.gigabytes(of: backedUp), restoreGB: sizes.gigabytes(of: restored))
    }

    /// Minutes rounded up to a multiple of 5; at most `longest`, so that no input makes a time
    /// that cannot be shown (validation keeps real inputs far below it).
    static func roundedUp(_ minutes: Double) -> Int {
        guard !minutes.isNaN, minutes > 0 else { return 0 }
        return Int(min((minutes / 5).rounded(.up), Double(longest / 5))) * 5
    }

    /// About 95 years.
    static let longest = 50_000_000

    /// The databases' sizes by name, as the description gives them.
    struct Sizes {
        let byName: [String: Double]
        let contentDatabases: [String]

        /// Reads the databases by index: a loop over them copied each one whole.
        init(farm: Farm) {
            let all = farm.databases
            byName = Dictionary(all.indices.compactMap { i in all[i].sizeGB.map { (all[i].name.value, $0) } }) { first, _ in first }
            contentDatabases = farm.databaseNames([.content])
        }

        func gigabytes<Names: Sequence<String>>(of names: Names) -> Double { names.reduce(0) { $0 + (byName[$1] ?? 0) } }
    }

    /// The minutes of one step: backups and restores by size, installs by package, database
    /// upgrades by database, every other step a fixed time on each server it names.
    struct StepTime {
        let plan: Plan
        let sizes: Sizes
        let assumptions: Change.Assumptions

        func minutes(_ step: Plan.Step) -> Double {
            let perStep = assumptions.minutesPerStep * Double(max(1, step.servers.count))
            switch step.rule {
            case Backups.backupSearch.id, Backups.backupConfigDatabases.id, Backups.backupContentDatabases.id,
                Backups.backupSSODatabase.id:
                return assumptions.minutesPerStep + transfer(step.databases)
            case Backups.verifyRestore.id:
                return assumptions.minutesPerStep + transfer(plan.backups.map(\.item))
            case InstallationSteps.installWSSPackages.id, InstallationSteps.installMOSSPackages.id,
                InstallationSteps.updateLanguageTemplatePacks.id, BeforeYouBegin.standaloneUpdate.id:
                return Double(packages(step)) * assumptions.minutesPerPackage
            case InstallationSteps.completeWizardOnCAServer.id:
                return assumptions.minutesPerStep + Double(attachedContentDatabases) * assumptions.minutesPerContentDatabase
            case LargeFarm.parallelContentUpgrade.id:
                let servers = max(1, plan.contentDatabases.parallelUpgradeServers)
                let rounds = (plan.contentDatabases.detach.count + servers - 1) / servers
                return assumptions.minutesPerStep + Double(rounds) * assumptions.minutesPerContentDatabase
            case LargeFarm.attachContentDatabases.id where !plan.steps.contains { $0.rule == LargeFarm.parallelContentUpgrade.id }:
                return assumptions.minutesPerStep + Double(plan.contentDatabases.detach.count) * assumptions.minutesPerContentDatabase
            default:
                return perStep
            }
        }

        private func transfer<Names: Sequence<String>>(_ names: Names) -> Double {
            sizes.gigabytes(of: Set(names)) / assumptions.backupGBPerHour * 60
        }

        /// What the step installs, on every server it names, one server after another.
        private func packages(_ step: Plan.Step) -> Int {
            let servers = plan.servers.filter { step.servers.isEmpty || step.servers.contains($0.name) }
            return servers.reduce(0) { count, server in
                switch step.rule {
                case InstallationSteps.installWSSPackages.id:
                    return count + server.installs.filter { $0.level == step.level && $0.product == .wss3 }.count
                case InstallationSteps.installMOSSPackages.id:
                    return count + server.installs.filter { $0.level == step.level && $0.product == .moss2007 }.count
                case InstallationSteps.updateLanguageTemplatePacks.id:
                    return count + server.languageTemplatePacks.filter { $0.level == step.level }.count
                default:
                    return count + server.installs.count + server.languageTemplatePacks.count
                }
            }
        }

        /// The content databases the first server's wizard upgrades: all but the detached ones.
        private var attachedContentDatabases: Int {
            let detached = Set(plan.contentDatabases.detach.map(\.name))
            return sizes.contentDatabases.filter { !detached.contains($0) }.count
        }
    }
}
