import Foundation
import PatchbookResources

/// The load and validate stages for what the command line names: the catalog (built-in plus the
/// user's files) and farm descriptions. Every function returns all diagnostics it found.
public enum Inputs {
    /// The display name of the built-in catalog in diagnostics.
    public static let builtInCatalogName = "Content/catalog/updates.yaml"

    /// The built-in catalog with each of `userFiles` on top, validated as one.
    public static func catalog(adding userFiles: [String] = []) -> (catalog: Catalog, log: DiagnosticLog) {
        var log = DiagnosticLog()
        var files: [[Level]] = []
        let builtIn = PatchbookResources.content?.appendingPathComponent("catalog/updates.yaml").path ?? ""
        for (path, name) in [(builtIn, builtInCatalogName)] + userFiles.map({ ($0, $0) }) {
            switch YAMLDocument.read(path: path, displayName: name) {
            case .success(let document):
                let (levels, fileLog) = CatalogLoader.load(document)
                log.append(contentsOf: fileLog)
                files.append(levels)
            case .failure(let diagnostic):
                log.error(diagnostic.location, diagnostic.message)
            }
        }
        let catalog = CatalogValidator.merge(files, log: &log)
        return (catalog, log)
    }

    /// The farm description files named on a command line: files as given, and for a folder its
    /// `.yaml`, `.yml` and `.json` files in name order (not its subfolders). A path that does not
    /// exist is kept, so that loading reports it.
    public static func farmPaths(_ arguments: [String]) -> [String] {
        arguments.flatMap { argument -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue else {
                return [argument]
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
            return names.filter { ["yaml", "yml", "json"].contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted().map { (argument as NSString).appendingPathComponent($0) }
        }
    }

    /// `patchbook validate`: every farm description checked on its own, then against each other as
    /// `build` checks them (a file named twice, two farms with one id).
    /// With `templates`, the plan of each valid farm is worked out too, and its warnings are added.
    public static func validate(farms paths: [String], catalog: Catalog, templates: Templates? = nil) -> DiagnosticLog {
        var log = DiagnosticLog()
        var identities: [(path: String, identity: FarmSetValidator.Identity?)] = []
        for (path, repeated) in zip(paths, FarmSetValidator.repeats(paths)) {
            if let repeated {
                log.append(repeated)
                identities.append((path, nil))
                continue
            }
            let (farm, farmLog) = Inputs.farm(at: path, catalog: catalog)
            log.append(contentsOf: farmLog)
            if let farm, let templates {
                let file = displayName(path)
                do {
                    log.append(contentsOf: try PlanWarnings.log(try Planner.plan(farm, catalog: catalog), file: file, templates: templates))
                } catch {
                    log.error(.whole(file), "cannot work out the plan: \(error)")
                }
            }
            identities.append((path, farm.map(FarmSetValidator.Identity.init)))
        }
        for conflict in FarmSetValidator.idConflicts(identities).compactMap({ $0 }) { log.append(conflict) }
        // As build does: errors first, and the plans' warnings once every farm is valid.
        return log.hasErrors ? log.errors : log
    }

    /// Why `plan`'s one farm description cannot be read as a file, before reading it: a folder
    /// holds several (`validate` and `build` read folders).
    public static func singleFarmProblem(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return "\(Printable.escape(path)) is a folder; plan reads one farm description file (validate and build read folders)"
    }

    /// Why a folder named by an option (`--templates`) cannot be used: one message, before the
    /// files inside it are looked for one by one.
    public static func folderProblem(_ path: String, option: String) -> String? {
        var isDirectory: ObjCBool = false
        let shown = Printable.escape(path)
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "\(option) \(shown): no such folder"
        }
        return isDirectory.boolValue ? nil : "\(option) \(shown) is a file, not a folder"
    }

    /// Why `--out` cannot be the output folder before anything is built: it names a file.
    public static func outputProblem(_ path: String) -> String? {
        // The command line is decoded as UTF-8: bytes that are not became U+FFFD, another name.
        if path.unicodeScalars.contains("\u{FFFD}") {
            return "--out \(Printable.escape(path)) is not valid UTF-8 text; name the folder in UTF-8"
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return "--out \(Printable.escape(path)) is a file; give the folder to write the site to (a new folder, or one patchbook wrote)"
    }

    /// What a command line writes for standard input, and the name diagnostics give it.
    public static let standardInput = "-"
    public static let standardInputName = "<stdin>"

    /// The name diagnostics give the farm description at `path`.
    public static func displayName(_ path: String) -> String { path == standardInput ? standardInputName : path }

    /// A farm description read from `path` (`-`: standard input) and checked against `catalog`.
    public static func farm(at path: String, catalog: Catalog) -> (farm: Farm?, log: DiagnosticLog) {
        guard path == standardInput else { return farm(YAMLDocument.read(path: path), catalog: catalog) }
        return farm(data: standardInputData, file: standardInputName, catalog: catalog)
    }

    /// Standard input, read once however many times `-` is named.
    private static let standardInputData: Data = FileHandle.standardInput.readDataToEndOfFile()

    /// A farm description from bytes already in memory (tests, standard input).
    public static func farm(data: Data, file: String, catalog: Catalog) -> (farm: Farm?, log: DiagnosticLog) {
        farm(YAMLDocument.parse(data: data, file: file), catalog: catalog)
    }

    private static func farm(_ read: Result<YAMLDocument, Diagnostic>, catalog: Catalog) -> (farm: Farm?, log: DiagnosticLog) {
        switch read {
        case .success(let document):
            return farm(document, catalog: catalog)
        case .failure(let diagnostic):
            var log = DiagnosticLog()
            log.error(diagnostic.location, diagnostic.message)
            return (nil, log)
        }
    }

    private static func farm(_ document: YAMLDocument, catalog: Catalog) -> (farm: Farm?, log: DiagnosticLog) {
        var (farm, log, incomplete) = FarmLoader.load(document)
        if let loaded = farm {
            let (problems, levels) = FarmValidator.validate(loaded, against: catalog, incomplete: incomplete)
            log.append(contentsOf: problems)
            farm?.levels = levels
        }
        Placeholders.apply(document, to: &log)
        if log.hasErrors { farm = nil }
        return (farm, log)
    }
}
