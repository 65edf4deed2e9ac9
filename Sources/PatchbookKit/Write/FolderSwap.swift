import Foundation

/// Puts a staged folder in place of an output folder in one step, and puts right what a killed
/// build left beside it. Names beside `OUT`: `.OUT.patchbook-new` (the staged output; after an
/// exchange, the previous one) and `.OUT.patchbook-old` (the previous output, while the fallback
/// moves the new one in).
struct FolderSwap {
    let destination: URL
    let staging: URL
    let retired: URL

    init(destination: URL) {
        self.destination = destination
        let parent = destination.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(destination.lastPathComponent).patchbook-new")
        retired = parent.appendingPathComponent(".\(destination.lastPathComponent).patchbook-old")
    }

    /// How the staged folder takes the destination's place: exchanged by the kernel, or (where
    /// the file system cannot exchange) by two renames, which a kill can separate.
    enum Method { case exchange, renames }

    /// Swaps the staged folder in and hands the previous output to `retire` (which removes it, or
    /// keeps what it must). Under the output's lock. The new folder takes the previous one's
    /// permissions, owner and group, so that a folder a web server's group reads stays so.
    func swapIn(method: Method = .exchange, retire: (URL) -> Void = { try? FileManager.default.removeItem(at: $0) }) throws {
        guard exists(destination) else { return try rename(staging, destination) }
        keepAttributes(of: destination, on: staging)
        if method == .exchange, try exchange() {
            retire(staging)
            return
        }
        try rename(destination, retired)
        do {
            try rename(staging, destination)
        } catch {
            try? rename(retired, destination)
            throw error
        }
        retire(retired)
    }

    private func keepAttributes(of old: URL, on new: URL) {
        var status = stat()
        guard stat(old.path, &status) == 0 else { return }
        _ = chown(new.path, status.st_uid, status.st_gid)
        _ = chmod(new.path, status.st_mode & 0o7777)
    }

    /// A build killed between the fallback's two renames left the previous output only in
    /// `retired`: it goes back first, before anything beside the destination is removed.
    func recover() throws {
        guard exists(retired), !exists(destination) || isEmptyFolder(destination) else { return }
        try rename(retired, destination)
    }

    /// Removes a killed build's staged or retired folder. Only once `recover` has run and the
    /// destination is known to be patchbook's, so that neither is the only copy of a site.
    func removeLeftovers() {
        try? FileManager.default.removeItem(at: staging)
        try? FileManager.default.removeItem(at: retired)
    }

    /// Exchanges the staged folder and the destination with renameat2(RENAME_EXCHANGE); false
    /// where the kernel, C library or file system does not support it.
    private func exchange() throws -> Bool {
        #if os(Linux)
            guard let renameat2 = FolderSwap.renameat2 else { return false }
            if renameat2(AT_FDCWD, staging.path, AT_FDCWD, destination.path, FolderSwap.renameExchange) == 0 { return true }
            let error = errno
            if [EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP].contains(error) { return false }
            throw SiteWriter.Failure.io(destination.path, String(cString: strerror(error)))
        #else
            return false
        #endif
    }

    #if os(Linux)
        private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        /// From <stdio.h> (<linux/fs.h>), which Swift's Glibc module does not expose.
        private static let renameExchange: UInt32 = 1 << 1
        /// glibc has renameat2 since 2.28 but declares it only for _GNU_SOURCE, so it is looked up.
        private static let renameat2: Renameat2? = {
            guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return nil }
            return unsafeBitCast(symbol, to: Renameat2.self)
        }()
    #endif

    private func rename(_ from: URL, _ to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            throw SiteWriter.Failure.io(to.path, String(cString: strerror(errno)))
        }
    }

    private func exists(_ url: URL) -> Bool {
        var status = stat()
        return lstat(url.path, &status) == 0
    }

    private func isEmptyFolder(_ url: URL) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty ?? false
    }
}
