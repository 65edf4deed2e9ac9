import Foundation

/// The write stage: puts a whole output folder in place at once. Files are written to a folder
/// beside the destination, then swapped in, so a reader never sees a mix of old and new, and a
/// failed build leaves the old output as it was. A folder patchbook did not create is never replaced.
public struct SiteWriter: Sendable {
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

    public init(destination: URL) {
        self.destination = destination.standardizedFileURL
    }

    /// Writes `files` (relative path to contents) as the whole content of the destination.
    public func write(_ files: [String: Data]) throws {
        let staging = try begin()
        do {
            for (path, data) in files.sorted(by: { $0.key < $1.key }) { try staging.add(path, data) }
            try staging.commit()
        } catch {
            staging.discard()
            throw error
        }
    }

    /// Starts an output: files go to a folder beside the destination until `commit`.
    public func begin() throws -> Staging {
        try checkDestination()
        let staging = Staging(destination: destination)
        try staging.prepare()
        return staging
    }

    /// The destination may be absent, an empty folder, or an earlier output of patchbook.
    private func checkDestination() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory) else { return }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? []
        guard isDirectory.boolValue, contents.isEmpty || contents.contains(SiteWriter.marker) else {
            throw Failure.foreignFolder(destination.path)
        }
    }

    /// An output being written; `add` may be called from several threads at once.
    public final class Staging: @unchecked Sendable {
        let destination: URL
        let folder: URL
        private let retired: URL
        private let folders = Locked<Set<String>>([])

        init(destination: URL) {
            self.destination = destination
            let parent = destination.deletingLastPathComponent()
            folder = parent.appendingPathComponent(".\(destination.lastPathComponent).patchbook-new")
            retired = parent.appendingPathComponent(".\(destination.lastPathComponent).patchbook-old")
        }

        func prepare() throws {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: retired)
            try io { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        }

        /// Writes one file of the output. Plain POSIX writes: the swap in `commit` is what makes
        /// the output appear at once, so each file needs no atomic write or sync of its own.
        public func add(_ path: String, _ data: Data) throws {
            let url = folder.appendingPathComponent(path)
            let parent = url.deletingLastPathComponent().path
            if !folders.value.contains(parent) {
                try io { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
                folders.update { _ = $0.insert(parent) }
            }
            let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { throw Failure.io(url.path, String(cString: strerror(errno))) }
            defer { close(descriptor) }
            try data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                    guard written > 0 else { throw Failure.io(url.path, String(cString: strerror(errno))) }
                    offset += written
                }
            }
        }

        /// Swaps the written folder in for the destination, keeping the old one until it succeeds.
        public func commit() throws {
            let fileManager = FileManager.default
            try add(SiteWriter.marker, Data())
            do {
                if fileManager.fileExists(atPath: destination.path) {
                    try fileManager.moveItem(at: destination, to: retired)
                }
                try fileManager.moveItem(at: folder, to: destination)
                try? fileManager.removeItem(at: retired)
            } catch {
                discard()
                if !fileManager.fileExists(atPath: destination.path), fileManager.fileExists(atPath: retired.path) {
                    try? fileManager.moveItem(at: retired, to: destination)
                }
                throw Failure.io(destination.path, error.localizedDescription)
            }
        }

        /// Removes what was written; the destination stays as it was.
        public func discard() {
            try? FileManager.default.removeItem(at: folder)
        }

        private func io(_ body: () throws -> Void) throws {
            do { try body() } catch { throw Failure.io(destination.path, error.localizedDescription) }
        }
    }
}
