/// The change request's risk rating, and the facts that raise it. Each fact is a small named
/// check of the plan; the words for each are the change request's (Content/change-request/risk.md).
public struct RiskRating: Sendable, Equatable {
    public enum Level: String, Sendable, Comparable {
        case low, medium, high

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
        private var rank: Int { [.low: 0, .medium: 1, .high: 2][self] ?? 0 }
    }

    /// The facts the rating found, each with the level it raises the rating to.
    public struct Reasons: Sendable, Equatable {
        /// Points to settle before the window (the plan's warnings).
        public var warnings = 0
        public var detachAttach = 0
        public var mixedLevels = false
        public var servicePacks: [String] = []
        public var serverCount = 0
        public var databaseGB = 0.0
        public var databasesWithoutSize = 0
        /// Minutes the estimate runs over the window.
        public var overWindow = 0
        /// Minutes the window lacks for a backout after the work, where the work alone fits.
        public var noRoomForBackout = 0
        public var noBackup = false
    }

    public var level: Level
    public var reasons: Reasons

    /// Above these, a farm's size raises the rating: more servers to keep in step, longer restores.
    static let manyServers = 10
    static let largeGB = 500.0
    static let veryLargeGB = 2_000.0

    public static func rate(_ plan: Plan, farm: Farm, estimate: ChangeEstimate) -> RiskRating {
        var reasons = Reasons()
        // A farm at its target installs nothing: there is nothing to go wrong.
        guard plan.hasUpdates else { return RiskRating(level: .low, reasons: reasons) }
        var levels: [Level] = []
        func raise(_ level: Level, when condition: Bool, _ record: (inout Reasons) -> Void) {
            guard condition else { return }
            record(&reasons)
            levels.append(level)
        }
        let updating = plan.servers.filter { !$0.joining }
        let gigabytes = estimate.backupGB
        raise(.medium, when: !plan.warnings.isEmpty) { $0.warnings = plan.warnings.count }
        raise(.medium, when: !plan.contentDatabases.detach.isEmpty) { $0.detachAttach = plan.contentDatabases.detach.count }
        raise(.medium, when: updating.contains { $0.current != plan.current.level }) { $0.mixedLevels = true }
        raise(plan.servicePacks.count > 1 ? .high : .medium, when: !plan.servicePacks.isEmpty) { $0.servicePacks = plan.servicePacks }
        raise(.medium, when: updating.count > manyServers) { $0.serverCount = updating.count }
        raise(gigabytes > veryLargeGB ? .high : .medium, when: gigabytes > largeGB) { $0.databaseGB = gigabytes }
        raise(.medium, when: !estimate.databasesWithoutSize.isEmpty) { $0.databasesWithoutSize = estimate.databasesWithoutSize.count }
        if let window = farm.change?.window {
            let over = estimate.totalMinutes - window.minutes
            raise(.high, when: over > 0) { $0.overWindow = over }
            let short = estimate.totalMinutes + (estimate.backoutMinutes ?? 0) - window.minutes
            raise(.medium, when: over <= 0 && short > 0) { $0.noRoomForBackout = short }
        }
        raise(.medium, when: plan.backups.isEmpty) { $0.noBackup = true }
        // Four reasons for caution together make a high risk, as one serious reason does.
        let level = levels.contains(.high) || levels.count >= 4 ? Level.high : levels.max() ?? .low
        return RiskRating(level: level, reasons: reasons)
    }
}
