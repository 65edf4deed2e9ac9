import Foundation

/// Checks across the farm descriptions of one command line, the same for `validate` and `build`:
/// a file named twice, and farms that would share a folder in the site. Each problem is reported
/// at the later file and names the earlier one.
public enum FarmSetValidator {
    /// A farm's id and whether it was made from the farm's name (no `farm.id`).
    public struct Identity: Sendable {
        public var id: Located<String>
        public var madeFromName: Bool

        public init(_ farm: Farm) {
            id = farm.id
            // The loader locates a derived id at the name it was made from.
            madeFromName = farm.id.location == farm.name.location
        }
    }

    /// For each path that names a file named before it (`a.yaml` and `./a.yaml`, a link to it, or
    /// a file named and inside a folder named), the error that says so; nil for the others.
    public static func repeats(_ paths: [String]) -> [Diagnostic?] {
        var seen: [FileIdentity: String] = [:]
        return paths.map { path in
            let identity = FileIdentity(path)
            if let first = seen[identity] {
                if path == Inputs.standardInput {
                    return .error(at: .whole(Inputs.standardInputName), "standard input (-) is named twice; it holds one farm description")
                }
                let again =
                    first == path
                    ? "this file is named twice on the command line (by name, or through its folder)"
                    : "this is the file \(first) again, by another name"
                return .error(at: .whole(path), "\(again); name each farm description once")
            }
            seen[identity] = path
            return nil
        }
    }

    /// The error for each farm whose id an earlier farm has: two farms would write one folder.
    public static func idConflicts(_ farms: [(path: String, identity: Identity?)]) -> [Diagnostic?] {
        var owners: [String: String] = [:]
        return farms.map { path, identity in
            guard let identity else { return nil }
            let id = identity.id.value
            guard let other = owners[id] else {
                owners[id] = path
                return nil
            }
            let made = identity.madeFromName ? ", made from 'farm.name'," : ""
            return .error(
                at: identity.id.location,
                "farm id '\(id)'\(made) is also the id of \(other); "
                    + "set 'farm.id' so that each farm has its own folder")
        }
    }

    /// A file by device and inode, so that every name of one file is one identity; a path that
    /// cannot be read is its own identity (loading reports it).
    private struct FileIdentity: Hashable {
        let device: UInt64, inode: UInt64, path: String

        init(_ path: String) {
            var status = stat()
            if stat(path, &status) == 0 {
                device = UInt64(status.st_dev); inode = UInt64(status.st_ino); self.path = ""
            } else {
                device = 0; inode = 0; self.path = path
            }
        }
    }
}
