import Foundation

/// The stages end to end for `patchbook build`: load and validate every farm, plan each, and
/// render the files of the output folder. Writing them is `SiteWriter`'s.
public enum Pipeline {
    /// The output files by relative path, and every diagnostic; files are empty when any input has errors.
    public static func siteFiles(farms paths: [String], catalog: Catalog, templates: Templates) throws -> (files: [String: Data], log: DiagnosticLog) {
        var log = DiagnosticLog()
        var inputs: [SitePages.FarmInput] = []
        var owners: [String: String] = [:]
        for path in paths {
            let (farm, farmLog) = Inputs.farm(at: path, catalog: catalog)
            log.append(contentsOf: farmLog)
            guard let farm else { continue }
            if let other = owners[farm.id.value] {
                log.error(farm.id.location, "farm id '\(farm.id.value)' is also the id of \(other); set 'farm.id' so that each farm has its own folder")
                continue
            }
            owners[farm.id.value] = path
            inputs.append(SitePages.FarmInput(farm: farm, plan: try Planner.plan(farm, catalog: catalog)))
        }
        guard !log.hasErrors else { return ([:], log) }
        var files = SitePages.siteFiles(farms: inputs, catalog: catalog, templates: templates)
        for input in inputs {
            files.merge(SitePages.farmFiles(input, templates: templates)) { $1 }
        }
        return (files, log)
    }
}
