import Foundation

/// The write stage: puts a whole output folder in place at once. Files are written to a folder
/// beside the destination, then swapped in, so a reader never sees a mix of old and new, and a
/// failed, interrupted or killed build leaves the old output as it was. Builds into one folder
/// take turns (`OutputLock`). A symbolic link given as the destination stays: the folder it points
/// to is replaced. A folder patchbook did not create, or one holding files it did not write (its
/// marker lists those it wrote), is never replaced.
public struct SiteWriter: Sendable {
    /// Marks a folder as patchbook's output, so that a later build may replace it, and lists the
    /// files written (`OutputManifest`).
    public static let marker = ".patchbook-output"

    public enum Failure: Error, CustomStringConvertible {
        case foreignFolder(String)
        case userFiles(String, [String])
        case interrupted(Int32)
        case io(String, String)

        public var description: String {
            switch self {
            case .foreignFolder(let path):
                return
                    "\(path) exists and was not written by patchbook; choose a new or empty folder (patchbook replaces only its own output)"
            case .userFiles(let path, let names):
                let shown = names.prefix(10).joined(separator: ", ") + (names.count > 10 ? " and \(names.count - 10) more" : "")
                return
                    "\(path) holds files patchbook did not write: \(shown); patchbook replaces the folder whole, which would delete them: move them out of it, or build into another folder"
            case .interrupted(let signal):
                return
                    "interrupted by \(signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)"); the output folder was left as it was"
            case .io(let path, let reason):
                return "cannot write \(path): \(reason)"
            }
        }
    }

    public let destination: URL
    /// Called once when another build holds the destination's lock and this one waits for it.
    let waiting: @Sendable () -> Void
    /// The signal that asks the build to stop, if one came; checked at each file.
    let interrupted: @Sendable () -> Int32?

    public init(
        destination: URL, waiting: @escaping @Sendable () -> Void = {},
        interrupted: @escaping @Sendable () -> Int32? = { nil }
    ) {
        self.destination = destination.standardizedFileURL
        self.waiting = waiting
        self.interrupted = interrupted
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

    /// Starts an output: waits for the destination's lock, puts right what a killed build left,
    /// and opens a folder beside the destination that files go to until `commit`.
    public func begin() throws -> Staging {
        let target = try SiteWriter.followingLinks(destination)
        try io(target) {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        let lock = try OutputLock.acquire(for: target, waiting: waiting, interrupted: interrupted)
        do {
            let swap = FolderSwap(destination: target)
            try swap.recover()
            try SiteWriter.checkDestination(target)
            swap.removeLeftovers()
            try io(target) { try FileManager.default.createDirectory(at: swap.staging, withIntermediateDirectories: false) }
            return Staging(swap: swap, lock: lock, interrupted: interrupted)
        } catch {
            lock.release()
            throw error
        }
    }

    /// The destination may be absent, an empty folder, or an earlier output of patchbook holding
    /// only the files it wrote.
    static func checkDestination(_ destination: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory) else { return }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: destination.path)) ?? []
        guard isDirectory.boolValue, contents.isEmpty || contents.contains(SiteWriter.marker) else {
            throw Failure.foreignFolder(destination.path)
        }
        // An empty marker is an older build's: its site files are known by their place and kind.
        let written = OutputManifest.read(destination) ?? OutputManifest.legacyFiles(in: destination)
        let unwritten = OutputManifest.unwritten(in: destination, written: written)
        guard unwritten.isEmpty else { throw Failure.userFiles(destination.path, unwritten) }
    }

    /// The folder `url` names once symbolic links are followed, so that the link stays and the
    /// folder it points to is replaced (or created).
    static func followingLinks(_ url: URL) throws -> URL {
        var path = url.path
        for _ in 0..<40 {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) else {
                return URL(fileURLWithPath: path).standardizedFileURL
            }
            path =
                target.hasPrefix("/") ? target : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(target).path
        }
        throw Failure.io(url.path, "too many symbolic links (does a link point to itself?)")
    }

    private func io(_ path: URL, _ body: () throws -> Void) throws {
        do { try body() } catch { throw Failure.io(path.path, error.localizedDescription) }
    }

    /// An output being written; `add` may be called from several threads at once. It holds the
    /// destination's lock until `commit` or `discard`.
    public final class Staging: Sendable {
        let swap: FolderSwap
        private let lock: OutputLock
        private let interrupted: @Sendable () -> Int32?
        private let folders = Locked<Set<String>>([])
        private let written = Locked<Set<String>>([])

        var destination: URL { swap.destination }
        var folder: URL { swap.staging }
        /// The staging folder's path: files are placed by joining paths, as Foundation's URL
        /// methods cost more than writing a small file does.
        private let folderPath: String

        init(swap: FolderSwap, lock: OutputLock, interrupted: @escaping @Sendable () -> Int32?) {
            self.swap = swap
            self.lock = lock
            self.interrupted = interrupted
            folderPath = swap.staging.path
        }

        /// Writes one file of the output. Plain POSIX writes: the swap in `commit` is what makes
        /// the output appear at once, so each file needs no atomic write or sync of its own.
        public func add(_ path: String, _ data: Data) throws {
            if let signal = interrupted() { throw Failure.interrupted(signal) }
            // `path` is relative, with `/` between its parts (the site's own paths).
            let parent = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { folderPath + "/" + path[..<$0] } ?? folderPath
            if !folders.value.contains(parent) {
                try io { try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true) }
                folders.update { _ = $0.insert(parent) }
            }
            try Staging.write(data, to: folderPath + "/" + path)
            written.update { _ = $0.insert(path) }
        }

        private static func write(_ data: Data, to path: String) throws {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw Failure.io(path, String(cString: strerror(errno))) }
            defer { close(descriptor) }
            try data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                    guard written > 0 else { throw Failure.io(path, String(cString: strerror(errno))) }
                    offset += written
                }
            }
        }

        /// Writes the marker with the list of files, swaps the written folder in for the
        /// destination, removes the previous output and releases the lock. Files that appeared in
        /// the previous output while this build ran are not deleted: that output is kept whole
        /// beside the destination, and its path is returned.
        @discardableResult
        public func commit() throws -> URL? {
            do {
                if let signal = interrupted() { throw Failure.interrupted(signal) }
                try Staging.write(OutputManifest.contents(written.value), to: folderPath + "/" + SiteWriter.marker)
                var kept: URL?
                try swap.swapIn { previous in kept = Staging.retire(previous, besides: swap.destination) }
                lock.release()
                return kept
            } catch {
                discard()
                throw error
            }
        }

        /// Removes a previous output, unless it holds files its build did not write: those were
        /// added while this build ran, and the folder is kept as `.OUT.patchbook-kept[-N]`.
        static func retire(_ previous: URL, besides destination: URL) -> URL? {
            let written = OutputManifest.read(previous) ?? OutputManifest.legacyFiles(in: previous)
            guard !OutputManifest.unwritten(in: previous, written: written).isEmpty else {
                try? FileManager.default.removeItem(at: previous)
                return nil
            }
            let parent = destination.deletingLastPathComponent(), name = ".\(destination.lastPathComponent).patchbook-kept"
            for number in 1...1000 {
                let kept = parent.appendingPathComponent(number == 1 ? name : "\(name)-\(number)")
                if (try? FileManager.default.moveItem(at: previous, to: kept)) != nil { return kept }
            }
            return nil
        }

        /// Removes what was written and releases the lock; the destination stays as it was.
        public func discard() {
            try? FileManager.default.removeItem(at: folder)
            lock.release()
        }

        private func io(_ body: () throws -> Void) throws {
            do { try body() } catch { throw Failure.io(destination.path, error.localizedDescription) }
        }
    }
}
