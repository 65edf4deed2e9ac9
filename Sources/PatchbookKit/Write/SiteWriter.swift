import Foundation

/// The write stage: puts a whole output folder in place at once. Files are written to a folder
/// beside the destination, then swapped in, so a reader never sees a mix of old and new, and a
/// failed build leaves the old output as it was. A folder patchbook did not create is never replaced.
public struct SiteWriter {
    /// Marks a folder as patchbook's output, so that a later build may replace it.
    public static let marker = ".patchbook-output"

    public enum Failure: Error, CustomStringConvertible {
        case foreignFolder(String)
        case io(String, String)

        public var description: String {
            switch self {
            case .foreignFolder(let path):
                return "\(path) exists and was not written by patchbook; choose a new or empty folder (patchbook replaces only its own output)"
            case .io(let path, let reason):
                return "cannot write \(path): \(reason)"
            }
        }
    }

    public let destination: URL
    private let fileManager = FileManager.default

    public init(destination: URL) {
        self.destination = destination.standardizedFileURL
    }

    /// Writes `files` (relative path to contents) as the whole content of the destination.
    public func write(_ files: [String: Data]) throws {
        try checkDestination()
        let parent = destination.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).patchbook-new")
        let retired = parent.appendingPathComponent(".\(destination.lastPathComponent).patchbook-old")
        try? fileManager.removeItem(at: staging)
        try? fileManager.removeItem(at: retired)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                let url = staging.appendingPathComponent(path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            try Data().write(to: staging.appendingPathComponent(Self.marker))
            if fileManager.fileExists(atPath: destination.path) {
                try fileManager.moveItem(at: destination, to: retired)
            }
            try fileManager.moveItem(at: staging, to: destination)
            try? fileManager.removeItem(at: retired)
        } catch let error as Failure {
            throw error
        } catch {
            try? fileManager.removeItem(at: staging)
            if !fileManager.fileExists(atPath: destination.path), fileManager.fileExists(atPath: retired.path) {
                try? fileManager.moveItem(at: retired, to: destination)
            }
            throw Failure.io(destination.path, error.localizedDescription)
        }
    }

    /// The destination may be absent, an empty folder, or an earlier output of patchbook.
    private func checkDestination() throws {
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: destination.path, isDirectory: &isDirectory) else { return }
        let contents = (try? fileManager.contentsOfDirectory(atPath: destination.path)) ?? []
        guard isDirectory.boolValue, contents.isEmpty || contents.contains(Self.marker) else {
            throw Failure.foreignFolder(destination.path)
        }
    }
}
