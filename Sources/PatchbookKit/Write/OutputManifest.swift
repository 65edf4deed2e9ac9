import Foundation

/// The marker of an output folder (`.patchbook-output`) lists the files the build wrote, one
/// relative path a line, so that the next build replaces those and deletes nothing else.
enum OutputManifest {
    static let header =
        "# Written by patchbook: the files below. Its next build replaces them, and refuses to replace this folder while it holds anything else.\n"

    static func contents(_ written: Set<String>) -> Data {
        Data((header + written.sorted().map { "\($0)\n" }.joined()).utf8)
    }

    /// The files listed in `folder`'s marker; nil for the empty marker of builds made before the
    /// manifest, whose folders are taken as holding only patchbook's files.
    static func read(_ folder: URL) -> Set<String>? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(SiteWriter.marker).path),
            !data.isEmpty
        else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return Set(lines.filter { !$0.hasPrefix("#") })
    }

    /// The files a build made before the manifest could have written, for a folder whose marker
    /// is empty: the site's own files by their place and kind. Anything else in it (a farm
    /// file, `.git`, notes) is the user's, and is never taken for patchbook's.
    static func legacyFiles(in folder: URL) -> Set<String> {
        var files: Set<String> = []
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            if isSiteFile(path.split(separator: "/").map(String.init)) { files.insert(path) }
        }
        return files
    }

    private static func isSiteFile(_ parts: [String]) -> Bool {
        let pages: Set<String> = ["index.md", "index.html", "catalog.md", "catalog.html"]
        switch parts.count {
        case 1: return pages.contains(parts[0])
        case 2:
            return parts == ["assets", "patchbook.css"]
                || ["index.md", "index.html", "change-request.md", "change-request.html", "plan.json"].contains(parts[1])
        case 3:
            let kind = (parts[2] as NSString).pathExtension
            return parts[1] == "servers" && ["md", "html"].contains(kind) || parts[1] == "scripts" && ["cmd", "sql", "ps1"].contains(kind)
        default: return false
        }
    }

    /// What `folder` holds that is not in `written`: files, and folders none of whose files were
    /// written (with a trailing `/`), by relative path, in name order. Links are not followed.
    static func unwritten(in folder: URL, written: Set<String>) -> [String] {
        var folders: Set<String> = []
        for path in written {
            let components = path.split(separator: "/")
            for count in components.indices.dropFirst() { folders.insert(components[..<count].joined(separator: "/")) }
        }
        return unwritten(in: folder.path, under: "", written: written, folders: folders)
    }

    private static func unwritten(in top: String, under relative: String, written: Set<String>, folders: Set<String>) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: relative.isEmpty ? top : "\(top)/\(relative)")) ?? []
        return names.sorted().flatMap { name -> [String] in
            let path = relative.isEmpty ? name : "\(relative)/\(name)"
            guard path != SiteWriter.marker else { return [] }
            var status = stat()
            let isFolder = lstat("\(top)/\(path)", &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
            if !isFolder { return written.contains(path) ? [] : [path] }
            return folders.contains(path) ? unwritten(in: top, under: path, written: written, folders: folders) : [path + "/"]
        }
    }
}
