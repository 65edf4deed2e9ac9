/// Checks across the levels of every catalog file, once they are merged: ids unique, builds
/// strictly rising, critical on-demand hotfixes numbered as the seed says.
enum CatalogValidator {
    /// Merges the built-in levels with each user file's levels, in build order.
    static func merge(_ files: [[Level]], log: inout DiagnosticLog) -> Catalog {
        for levels in files { checkRising(levels, log: &log) }
        var byID: [String: Level] = [:]
        var byBuild: [Build: Level] = [:]
        var merged: [Level] = []
        for level in files.joined() {
            if let first = byID[level.id] {
                log.error(level.location, "level id '\(level.id)' is already defined at \(first.location)")
            } else if let first = byBuild[level.build] {
                log.error(level.location, "build \(level.build) is already level '\(first.id)' (\(first.location))")
            } else {
                byID[level.id] = level
                byBuild[level.build] = level
                merged.append(level)
                checkCriticalOnDemand(level, log: &log)
            }
        }
        return Catalog(levels: merged.sorted { $0.build < $1.build })
    }

    /// Within one file, levels are listed in release order and each build is above the one before.
    private static func checkRising(_ levels: [Level], log: inout DiagnosticLog) {
        for (earlier, later) in zip(levels, levels.dropFirst()) where later.build <= earlier.build {
            log.error(
                later.location,
                "build \(later.build) of '\(later.id)' is not above build \(earlier.build) of '\(earlier.id)' listed before it; list levels in release order"
            )
        }
    }

    /// Seed, "Understanding software updates": COD hotfixes are numbered 12.0.xxxx.500X after the
    /// cumulative update 12.0.xxxx.5000 they follow.
    private static func checkCriticalOnDemand(_ level: Level, log: inout DiagnosticLog) {
        if level.kind == .criticalOnDemand && !level.build.isCriticalOnDemandPattern {
            log.error(
                level.location,
                "critical on-demand hotfix '\(level.id)' has build \(level.build); such hotfixes are numbered 12.0.xxxx.500X (X from 1 to 9)"
            )
        }
    }
}
