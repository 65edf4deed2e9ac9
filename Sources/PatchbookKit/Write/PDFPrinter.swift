import Foundation

/// `build --pdf`: prints HTML pages of a staged output to PDF with headless Chromium, one
/// Chromium a page (its `--print-to-pdf` prints one page), as many at once as there are cores.
/// Each Chromium gets a profile of its own in a temporary folder that is removed afterwards, runs
/// in a process group of its own and is stopped, with every process it started, when it takes
/// longer than `timeout` or the build is interrupted.
public struct PDFPrinter: Sendable {
    /// The environment variable that names the Chromium to use, as a path or a command on PATH.
    public static let override = "PATCHBOOK_CHROMIUM"
    /// Looked for on PATH in this order when `PATCHBOOK_CHROMIUM` is not set.
    public static let commands = ["chromium", "chromium-browser", "google-chrome"]

    public enum Failure: Error, CustomStringConvertible {
        case notInstalled
        case badOverride(String)
        case page(String, String)
        case scratch(String)

        public var description: String {
            switch self {
            case .notInstalled:
                return
                    "--pdf prints with Chromium, which is not installed (none of \(PDFPrinter.commands.joined(separator: ", ")) is on PATH): install it with  sudo apt-get install chromium  or set \(PDFPrinter.override) to its path; nothing was written"
            case .badOverride(let value):
                return
                    "\(PDFPrinter.override) is \(value), which is not an executable file or a command on PATH: set it to Chromium's path, or unset it to use chromium from PATH; nothing was written"
            case .page(let page, let reason):
                return "cannot print \(page) to PDF: \(reason); the output folder was left as it was"
            case .scratch(let reason):
                return "cannot make a temporary folder for Chromium: \(reason); the output folder was left as it was"
            }
        }
    }

    /// The Chromium executable.
    public let chromium: URL
    /// How long one page may take, in seconds, before its Chromium is stopped and the build fails.
    public let timeout: TimeInterval
    /// How many Chromiums run at once.
    public let parallel: Int

    public init(chromium: URL, timeout: TimeInterval = 120, parallel: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.chromium = chromium
        self.timeout = timeout
        self.parallel = max(1, parallel)
    }

    /// The Chromium `PATCHBOOK_CHROMIUM` names, or the first of `commands` on PATH.
    public static func find(
        environment: [String: String] = ProcessInfo.processInfo.environment, timeout: TimeInterval = 120
    ) throws -> PDFPrinter {
        let path = environment["PATH"] ?? ""
        if let value = environment[override], !value.isEmpty {
            guard let found = executable(value, path: path) else { throw Failure.badOverride(value) }
            return PDFPrinter(chromium: found, timeout: timeout)
        }
        guard let found = commands.lazy.compactMap({ executable($0, path: path) }).first else { throw Failure.notInstalled }
        return PDFPrinter(chromium: found, timeout: timeout)
    }

    /// `name` as a path when it holds a `/`, otherwise the first executable file of that name in
    /// PATH's folders.
    static func executable(_ name: String, path: String) -> URL? {
        func isExecutableFile(_ candidate: String) -> Bool {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: candidate)
        }
        if name.contains("/") { return isExecutableFile(name) ? URL(fileURLWithPath: name).standardizedFileURL : nil }
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if isExecutableFile(candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }

    /// Chromium's command line for one page. `--no-sandbox` only for root, whom Chromium's sandbox
    /// refuses; the pages are patchbook's own, from the local disk.
    func arguments(page: URL, pdf: URL, profile: URL) -> [String] {
        ["--headless", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run", "--user-data-dir=\(profile.path)"]
            + (geteuid() == 0 ? ["--no-sandbox"] : []) + ["--print-to-pdf=\(pdf.path)", page.absoluteString]
    }

    /// Prints `pages` (HTML files by path relative to `folder`) and returns each PDF by the same
    /// path with `.pdf` in place of `.html`. Stops at the first page that fails, or when
    /// `interrupted` gives a signal (`SiteWriter.Failure.interrupted`).
    public func print(
        _ pages: [String], in folder: URL, interrupted: @escaping @Sendable () -> Int32? = { nil }
    ) throws -> [String: Data] {
        guard !pages.isEmpty else { return [:] }
        var template = Array(FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-pdf-XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else { throw Failure.scratch(String(cString: strerror(errno))) }
        let scratch = URL(fileURLWithPath: String(cString: made), isDirectory: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let next = Locked(0)
        let results = Locked<[String: Data]>([:])
        let failures = Locked<[(index: Int, error: Error)]>([])
        DispatchQueue.concurrentPerform(iterations: min(parallel, pages.count)) { _ in
            while failures.value.isEmpty {
                let index = next.update { number -> Int in
                    defer { number += 1 }
                    return number
                }
                guard index < pages.count else { return }
                do {
                    let pdf = try printOne(pages[index], in: folder, scratch: scratch, number: index, interrupted: interrupted)
                    results.update { $0[String(pages[index].dropLast(".html".count)) + ".pdf"] = pdf }
                } catch {
                    failures.update { $0.append((index, error)) }
                }
            }
        }
        if let failure = failures.value.min(by: { $0.index < $1.index }) { throw failure.error }
        return results.value
    }

    private func printOne(
        _ page: String, in folder: URL, scratch: URL, number: Int, interrupted: @escaping @Sendable () -> Int32?
    ) throws -> Data {
        let pdf = scratch.appendingPathComponent("\(number).pdf")
        let log = scratch.appendingPathComponent("\(number).log")
        let profile = scratch.appendingPathComponent("profile-\(number)", isDirectory: true)
        let source = folder.appendingPathComponent(page)
        let arguments = arguments(page: source, pdf: pdf, profile: profile)
        let ended = ChildProcess.run(chromium, arguments, stderr: log, timeout: timeout, interrupted: interrupted)
        let name = "Chromium (\(chromium.path))"
        switch ended {
        case .interrupted(let signal):
            throw SiteWriter.Failure.interrupted(signal)
        case .notStarted(let reason):
            throw Failure.page(page, "\(name) cannot be started: \(reason)")
        case .timedOut:
            throw Failure.page(page, "\(name) did not finish within \(Int(timeout)) s and was stopped")
        case .signaled(let signal):
            throw Failure.page(page, "\(name) was ended by signal \(signal)\(lastMessage(log))")
        case .exited(let status) where status != 0:
            throw Failure.page(page, "\(name) exited with status \(status)\(lastMessage(log))")
        case .exited:
            guard let data = FileManager.default.contents(atPath: pdf.path), data.starts(with: Array("%PDF".utf8)) else {
                throw Failure.page(page, "\(name) exited without writing a PDF\(lastMessage(log))")
            }
            return data
        }
    }

    /// The last line Chromium wrote to stderr, for an error message.
    private func lastMessage(_ log: URL) -> String {
        guard let data = FileManager.default.contents(atPath: log.path) else { return "" }
        let lines = String(decoding: data.suffix(4096), as: UTF8.self).split(whereSeparator: \.isNewline)
        guard let last = lines.last?.trimmingCharacters(in: .whitespaces), !last.isEmpty else { return "" }
        return "; its last message: \(Printable.escape(String(last.prefix(300))))"
    }
}

/// A child process in a process group of its own, waited for with a time limit.
enum ChildProcess {
    enum Ending: Equatable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
        case interrupted(Int32)
        /// posix_spawn's error: the file is not a program, or the system is out of processes.
        case notStarted(String)
    }

    /// Runs `executable` with `arguments`, standard input and output on /dev/null and standard
    /// error into `stderr`. When it runs past `timeout` or `interrupted` gives a signal, its whole
    /// process group is killed.
    static func run(
        _ executable: URL, _ arguments: [String], stderr: URL, timeout: TimeInterval, interrupted: () -> Int32?
    ) -> Ending {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderr.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, environ)
        guard spawned == 0 else { return .notStarted(String(cString: strerror(spawned))) }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            // WNOWAIT leaves the ended child unreaped, so that its id (its group's) is not reused
            // before the group is killed: a helper it left behind goes too.
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, endedChild(info) == pid {
                kill(-pid, SIGKILL)
                return reap(pid)
            }
            if let signal = interrupted() {
                kill(-pid, SIGKILL)
                _ = reap(pid)
                return .interrupted(signal)
            }
            if Date() >= deadline {
                kill(-pid, SIGKILL)
                _ = reap(pid)
                return .timedOut
            }
            usleep(20_000)
        }
    }

    /// The child `waitid` found ended; 0 when none has.
    private static func endedChild(_ info: siginfo_t) -> pid_t {
        #if os(Linux)
            info._sifields._sigchld.si_pid  // glibc's si_pid is a macro for this field
        #else
            info.si_pid
        #endif
    }

    private static func reap(_ pid: pid_t) -> Ending {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return .exited(-1) }
        }
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
    }
}
