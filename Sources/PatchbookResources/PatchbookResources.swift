import Foundation

/// The data that ships with patchbook: `Content/` (the update catalog and the checklist prose)
/// and `Templates/` (the layout of every page and script).
///
/// They are looked up in two places only, both from the running executable's own path:
/// - installed (`make install`, the release archive): `PREFIX/share/patchbook`, beside
///   `PREFIX/bin/patchbook`;
/// - built in this repository (`swift build`, `swift test`): an executable inside the repository's
///   `.build` folder uses the repository's own `Content/` and `Templates/`.
///
/// A binary anywhere else finds nothing and says so (`missing`); it never reads a build tree that
/// happens to still exist.
public enum PatchbookResources {
    /// The built-in `Content/` folder.
    public static var content: URL? { root?.appendingPathComponent("Content") }

    /// The built-in `Templates/` folder.
    public static var templates: URL? { root?.appendingPathComponent("Templates") }

    /// Why the data cannot be found, for the user; nil when it is there.
    public static var missing: String? {
        guard root == nil else { return nil }
        let places = candidates.map(\.path).joined(separator: " or ")
        return "patchbook's data (its Content and Templates folders) is missing: looked in \(places). "
            + "Install patchbook whole (make install, or unpack the release archive with its share folder)."
    }

    /// The folder holding `Content/` and `Templates/`, found once.
    static let root: URL? = candidates.first(where: holdsData)

    private static var candidates: [URL] {
        guard let executable = executableURL else { return [] }
        let bin = executable.deletingLastPathComponent()
        let installed = bin.deletingLastPathComponent().appendingPathComponent("share/patchbook")
        let repository = sourceRoot
        let inBuildTree = executable.path.hasPrefix(repository.appendingPathComponent(".build").path + "/")
        return inBuildTree ? [installed, repository] : [installed]
    }

    private static func holdsData(_ folder: URL) -> Bool {
        ["Content", "Templates"].allSatisfy { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
    }

    /// The running executable with every symbolic link resolved, so that a link in `PATH` to
    /// `PREFIX/bin/patchbook` still finds `PREFIX/share`.
    private static var executableURL: URL? {
        #if os(Linux)
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                return URL(fileURLWithPath: target)
            }
        #endif
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }

    /// This repository, from where this file was compiled (`Sources/PatchbookResources/`).
    private static var sourceRoot: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
