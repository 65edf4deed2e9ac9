/// The update catalog: every level in release order, builds strictly rising.
public struct Catalog: Sendable {
    public private(set) var levels: [Level]

    public init(levels: [Level]) {
        self.levels = levels
    }

    public func level(id: String) -> Level? {
        levels.first { $0.id == id }
    }

    /// The level whose portal.dll build or farm build is `build`.
    public func level(build: Build) -> Level? {
        levels.first { $0.build == build || $0.farmBuild.value == build }
    }

    /// The newest level a farm can be taken to with `target: latest`: critical on-demand hotfixes
    /// are for farms that need them only, so "latest" means the newest other update.
    public var latest: Level? {
        levels.last { $0.kind != .criticalOnDemand }
    }

    public var ids: [String] { levels.map(\.id) }
}
