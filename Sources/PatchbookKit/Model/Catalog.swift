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

    /// The levels `build` can name: the one whose portal.dll build or farm build it is; for a farm
    /// version as Central Administration's Servers in Farm page shows it (12.0.0.N) that no level
    /// gives as its `farmBuild`, the levels without a known farm build whose portal.dll build is
    /// 12.0.N.x (SP1's 12.0.0.6219 is 12.0.6219.1000). More than one means the version is ambiguous.
    public func levels(build: Build) -> [Level] {
        if let level = level(build: build) { return [level] }
        guard build.parts[0] == 12, build.parts[1] == 0, build.parts[2] == 0 else { return [] }
        return levels.filter { $0.farmBuild == .unknown && $0.build.parts[2] == build.parts[3] }
    }

    /// The newest level a farm can be taken to with `target: latest`: critical on-demand hotfixes
    /// are for farms that need them only, so "latest" means the newest other update.
    public var latest: Level? {
        levels.last { $0.kind != .criticalOnDemand }
    }

    public var ids: [String] { levels.map(\.id) }
}
