import Foundation

/// An advisory lock (flock) on an output folder, held from the start of a build to its swap, so
/// that two builds into one folder run one after the other. The lock file lies beside the folder,
/// not in it, because the folder itself is swapped. The holder removes the file when it is done;
/// a waiter that locked a file so removed sees it is no longer at its path and tries again.
/// Sendable: its one changing value, the descriptor, is changed under a lock.
final class OutputLock: Sendable {
    let path: String
    private let descriptor: Locked<Int32>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Locked(descriptor)
    }

    deinit { release() }

    /// Takes the lock of `folder`, calling `waiting` once if another build holds it, and polling
    /// until it is free or `interrupted` gives a signal.
    static func acquire(for folder: URL, waiting: () -> Void, interrupted: () -> Int32?) throws -> OutputLock {
        let path = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).patchbook-lock").path
        var announced = false
        while true {
            if let signal = interrupted() { throw SiteWriter.Failure.interrupted(signal) }
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw SiteWriter.Failure.io(path, String(cString: strerror(errno))) }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                if isStill(descriptor, at: path) { return OutputLock(path: path, descriptor: descriptor) }
                close(descriptor)
                continue
            }
            let error = errno
            if [ENOLCK, EOPNOTSUPP, ENOTSUP, EINVAL].contains(error) {
                // A file system without locks (some network shares): build unlocked, as before locks.
                return OutputLock(path: path, descriptor: descriptor)
            }
            close(descriptor)
            guard error == EWOULDBLOCK || error == EINTR else { throw SiteWriter.Failure.io(path, String(cString: strerror(error))) }
            if !announced, error == EWOULDBLOCK {
                waiting()
                announced = true
            }
            usleep(50_000)
        }
    }

    /// Whether the locked file is still the one at `path` (its holder may have removed it).
    private static func isStill(_ descriptor: Int32, at path: String) -> Bool {
        var opened = stat(), named = stat()
        guard fstat(descriptor, &opened) == 0, lstat(path, &named) == 0 else { return false }
        return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }

    /// Removes the lock file while still holding it, then unlocks.
    func release() {
        descriptor.update { descriptor in
            guard descriptor >= 0 else { return }
            unlink(path)
            close(descriptor)
            descriptor = -1
        }
    }
}
