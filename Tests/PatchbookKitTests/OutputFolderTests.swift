import Foundation
import Testing

@testable import PatchbookKit

/// A scratch folder of one test, removed afterwards.
final class Scratch {
    let root: URL

    init(_ name: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("patchbook-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// What patchbook may leave beside an output folder named `name`: nothing once a build is done.
    func leftovers(of name: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.hasPrefix(".\(name).") }.sorted()
    }

    /// Every file under `relative`, by path, without following links.
    func tree(_ relative: String) -> [String: Data] {
        let top = url(relative).path
        var files: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: top) ?? [] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: "\(top)/\(path)", isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            files[path] = FileManager.default.contents(atPath: "\(top)/\(path)") ?? Data()
        }
        return files
    }

    func write(_ relative: String, _ text: String) throws {
        let file = url(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
}

/// The `patchbook` executable that `swift build` and `swift test` put beside the test bundle, run
/// as a user runs it.
enum Executable {
    static let url = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("patchbook")

    /// Starts `patchbook ARGUMENTS`; its stderr goes to `log`.
    static func start(_ arguments: [String], log: URL) throws -> Process {
        try #require(FileManager.default.isExecutableFile(atPath: url.path), "build patchbook first (swift build)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        return process
    }

    /// How a run ended: its exit status, or the signal that ended it; and what it printed on stderr.
    struct Ending: Equatable, CustomStringConvertible {
        var status: Int32
        var signal: Int32?
        var stderr: String
        var description: String { signal.map { "signal \($0): \(stderr)" } ?? "exit \(status): \(stderr)" }
    }

    static func wait(_ process: Process, log: URL) -> Ending {
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let signalled = process.terminationReason == .uncaughtSignal
        return Ending(status: process.terminationStatus, signal: signalled ? process.terminationStatus : nil, stderr: stderr)
    }

    static func run(_ arguments: [String], log: URL) throws -> Ending {
        wait(try start(arguments, log: log), log: log)
    }
}

/// Two sets of farms that give two different sites, both big enough that a build takes a while.
final class TwoSites {
    let scratch: Scratch
    let expected: [String: [String: Data]]
    /// How long one build took, to aim signals inside a build.
    let duration: TimeInterval

    init(farms count: Int) throws {
        scratch = try Scratch("sites")
        let example = try String(contentsOfFile: Fixtures.example("fabrikam-large-farm.yaml"), encoding: .utf8)
        for set in ["a", "b"] {
            for index in 1...count {
                let id = "\(set)-\(String(format: "%02d", index))"
                try scratch.write("\(set)/\(id).yaml", example.replacingOccurrences(of: "id: fabrikam-collab", with: "id: \(id)"))
            }
        }
        var expected: [String: [String: Data]] = [:]
        let started = Date()
        for set in ["a", "b"] {
            let ending = try Executable.run(
                ["build", scratch.url(set).path, "--out", scratch.url("site-\(set)").path], log: scratch.url("log"))
            #expect(ending.status == 0 && ending.signal == nil, "\(ending)")
            expected[set] = scratch.tree("site-\(set)")
        }
        self.expected = expected
        duration = Date().timeIntervalSince(started) / 2
    }

    func farms(_ set: String) -> String { scratch.url(set).path }

    /// The set whose site `tree` is, whole; nil for a mixed, partial or missing site.
    func whole(_ tree: [String: Data]) -> String? {
        expected.first { $0.value == tree }?.key
    }
}

/// The output folder: locked, swapped in at once, links kept, user files never deleted. These run
/// the built executable, several at once, and kill it mid-build.
@Suite(.serialized, .timeLimit(.minutes(2))) struct OutputFolderTests {
    /// Builds into one folder at once: each build waits for the one writing, all succeed, and the
    /// folder always holds one whole site.
    @Test func concurrentBuildsLeaveOneWholeSite() throws {
        let sites = try TwoSites(farms: 6)
        let scratch = try Scratch("concurrent")
        let out = scratch.url("site").path
        var waited = false
        for round in 0..<4 {
            let sets = round % 2 == 0 ? ["a", "b", "a"] : ["b", "a", "b"]
            let runs = try sets.enumerated().map { index, set in
                let log = scratch.url("log-\(index)")
                return (try Executable.start(["build", sites.farms(set), "--out", out], log: log), log)
            }
            let endings = runs.map { Executable.wait($0.0, log: $0.1) }
            for ending in endings { #expect(ending.status == 0 && ending.signal == nil, "round \(round): \(ending)") }
            waited = waited || endings.contains { $0.stderr.hasPrefix("waiting for another patchbook build to finish writing \(out)\n") }
            #expect(sites.whole(scratch.tree("site")) != nil, "round \(round): a mixed or partial site")
            #expect(scratch.leftovers(of: "site") == [], "round \(round)")
        }
        #expect(waited, "three builds started at once, four times: one waited for another and said so")
    }

    /// SIGKILL at any moment of a build leaves one whole site (the previous or the new one), and
    /// the next build leaves nothing beside it.
    @Test func aKilledBuildLeavesAWholeSite() throws {
        let sites = try TwoSites(farms: 8)
        let scratch = try Scratch("killed")
        let out = scratch.url("site").path
        let log = scratch.url("log")
        #expect(try Executable.run(["build", sites.farms("a"), "--out", out], log: log).status == 0)
        for round in 0..<8 {
            let set = round % 2 == 0 ? "b" : "a"
            let process = try Executable.start(["build", sites.farms(set), "--out", out], log: log)
            Thread.sleep(forTimeInterval: sites.duration * 1.3 * Double(round) / 7)
            kill(process.processIdentifier, SIGKILL)
            _ = Executable.wait(process, log: log)
            #expect(sites.whole(scratch.tree("site")) != nil, "round \(round): killed after \(round)/7 of a build, the site is not whole")
            let next = try Executable.run(["build", sites.farms(set), "--out", out], log: log)
            #expect(next.status == 0, "round \(round): \(next)")
            #expect(sites.whole(scratch.tree("site")) == set, "round \(round)")
            #expect(scratch.leftovers(of: "site") == [], "round \(round)")
        }
    }

    /// SIGINT and SIGTERM in the middle of a build: the staging folder is removed, the previous
    /// site stays, and the build ends by that signal.
    @Test(arguments: [SIGINT, SIGTERM]) func anInterruptedBuildCleansUp(signal: Int32) throws {
        let sites = try TwoSites(farms: 12)
        let scratch = try Scratch("interrupted")
        let out = scratch.url("site").path
        let log = scratch.url("log")
        #expect(try Executable.run(["build", sites.farms("a"), "--out", out], log: log).status == 0)
        let process = try Executable.start(["build", sites.farms("b"), "--out", out], log: log)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline,
            !FileManager.default.fileExists(atPath: scratch.url(".site.patchbook-new/b-01").path)
        {
            Thread.sleep(forTimeInterval: 0.002)
        }
        kill(process.processIdentifier, signal)
        let ending = Executable.wait(process, log: log)
        #expect(ending.signal == signal, "\(ending)")
        #expect(ending.stderr.contains("interrupted"), "\(ending)")
        #expect(sites.whole(scratch.tree("site")) == "a")
        #expect(scratch.leftovers(of: "site") == [])
    }
}

/// The lock, the swap and interruptions, in one process.
@Suite struct OutputLockTests {
    @Test func aSecondBuildWaitsForTheFirst() throws {
        let scratch = try Scratch("lock")
        let out = scratch.url("site")
        let first = try SiteWriter(destination: out).begin()
        try first.add("a/plan.json", Data("1".utf8))
        let waited = Locked(false)
        let done = DispatchSemaphore(value: 0)
        let second = SiteWriter(destination: out, waiting: { waited.update { $0 = true } })
        DispatchQueue.global().async {
            #expect(throws: Never.self) { try second.write(["b/plan.json": Data("2".utf8)]) }
            done.signal()
        }
        let deadline = Date().addingTimeInterval(10)
        while !waited.value, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(waited.value, "the second build says it waits")
        #expect(done.wait(timeout: .now() + 0.3) == .timedOut, "the second build waits while the first holds the lock")
        try first.commit()
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(scratch.tree("site").keys.sorted() == [SiteWriter.marker, "b/plan.json"])
        #expect(scratch.leftovers(of: "site") == [])
    }

    @Test func anInterruptedBuildLeavesTheOutputAsItWas() throws {
        let scratch = try Scratch("interrupt")
        let out = scratch.url("site")
        try SiteWriter(destination: out).write(["a/plan.json": Data("1".utf8)])
        let before = scratch.tree("site")
        let signal = Locked<Int32?>(nil)
        let staging = try SiteWriter(destination: out, interrupted: { signal.value }).begin()
        try staging.add("b/plan.json", Data("2".utf8))
        signal.update { $0 = SIGTERM }
        #expect(throws: SiteWriter.Failure.self) { try staging.add("c/plan.json", Data("3".utf8)) }
        #expect(throws: SiteWriter.Failure.self) { try staging.commit() }
        #expect(scratch.tree("site") == before)
        #expect(scratch.leftovers(of: "site") == [])
    }

    @Test func whereFoldersCannotBeExchangedTwoRenamesSwapThem() throws {
        let scratch = try Scratch("renames")
        let out = scratch.url("site")
        try SiteWriter(destination: out).write(["a/plan.json": Data("1".utf8)])
        let swap = FolderSwap(destination: out)
        try scratch.write(".site.patchbook-new/b/plan.json", "2")
        try swap.swapIn(method: .renames)
        #expect(scratch.tree("site") == ["b/plan.json": Data("2".utf8)])
        #expect(scratch.leftovers(of: "site") == [])
    }

    @Test func theMarkerListsTheFilesWritten() throws {
        let scratch = try Scratch("manifest")
        try SiteWriter(destination: scratch.url("site")).write(["b/plan.json": Data(), "a.md": Data()])
        let marker = String(decoding: scratch.tree("site")[SiteWriter.marker] ?? Data(), as: UTF8.self)
        #expect(marker == OutputManifest.header + "a.md\nb/plan.json\n")
    }
}

/// What a killed build may have left beside the output, put right by the next build.
@Suite struct LeftoverTests {
    private let invalid = [Fixtures.path("farms/invalid/empty.yaml")]
    private let valid = [Fixtures.example("contoso-intranet.yaml")]

    private func write(_ farms: [String], to url: URL) throws -> DiagnosticLog {
        try Pipeline.write(farms: farms, catalog: Fixtures.catalog, templates: try #require(Fixtures.templates), to: url)
    }

    /// Killed between moving the old site aside and moving the new one in (the fallback where
    /// folders cannot be exchanged): the old site is the only copy, and the next build, even an
    /// invalid one, puts it back.
    @Test func theOnlyCopyOfASiteIsPutBack() throws {
        let scratch = try Scratch("only-copy")
        #expect(!(try write(valid, to: scratch.url("site"))).hasErrors)
        let site = scratch.tree("site")
        try FileManager.default.moveItem(at: scratch.url("site"), to: scratch.url(".site.patchbook-old"))
        try scratch.write(".site.patchbook-new/contoso-intranet/index.md", "half written")
        #expect(try write(invalid, to: scratch.url("site")).hasErrors)
        #expect(scratch.tree("site") == site)
        #expect(scratch.leftovers(of: "site") == [])
    }

    /// Killed after the exchange, before the old site (now in the staging folder) was removed.
    @Test func aStaleStagingFolderIsRemoved() throws {
        let scratch = try Scratch("stale")
        #expect(!(try write(valid, to: scratch.url("site"))).hasErrors)
        let site = scratch.tree("site")
        try FileManager.default.copyItem(at: scratch.url("site"), to: scratch.url(".site.patchbook-new"))
        try FileManager.default.copyItem(at: scratch.url("site"), to: scratch.url(".site.patchbook-old"))
        #expect(try write(invalid, to: scratch.url("site")).hasErrors)
        #expect(scratch.tree("site") == site)
        #expect(!(try write(valid, to: scratch.url("site"))).hasErrors)
        #expect(scratch.tree("site") == site)
        #expect(scratch.leftovers(of: "site") == [])
    }
}

/// `--out` given as a symbolic link: the link stays, the folder it points to gets the site.
@Suite struct SymlinkedOutputTests {
    @Test func theLinkIsKeptAndItsFolderReplaced() throws {
        let scratch = try Scratch("symlink")
        try FileManager.default.createDirectory(at: scratch.url("www/real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.url("site").path, withDestinationPath: "www/real")
        try SiteWriter(destination: scratch.url("site")).write(["a/plan.json": Data("1".utf8)])
        try SiteWriter(destination: scratch.url("site")).write(["b/plan.json": Data("2".utf8)])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scratch.url("site").path) == "www/real")
        #expect(scratch.tree("www/real").keys.filter { $0 != SiteWriter.marker } == ["b/plan.json"])
        #expect(scratch.leftovers(of: "site") == [] && scratch.leftovers(of: "real") == [])
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: scratch.url("www").path)) ?? []) == ["real"])
    }

    @Test func aLinkToAMissingFolderCreatesIt() throws {
        let scratch = try Scratch("dangling")
        try FileManager.default.createSymbolicLink(atPath: scratch.url("site").path, withDestinationPath: scratch.url("real").path)
        try SiteWriter(destination: scratch.url("site")).write(["a/plan.json": Data("1".utf8)])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: scratch.url("site").path) == scratch.url("real").path)
        #expect(scratch.tree("real")["a/plan.json"] == Data("1".utf8))
    }

    @Test func aLinkToItselfIsAnError() throws {
        let scratch = try Scratch("loop")
        try FileManager.default.createSymbolicLink(atPath: scratch.url("site").path, withDestinationPath: "site")
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter(destination: scratch.url("site")).write(["a/plan.json": Data("1".utf8)])
        }
    }
}

/// Files a user put into an output folder are never deleted: the build refuses, naming them.
@Suite struct UserFilesTests {
    @Test func aBuildRefusesToDeleteFilesItDidNotWrite() throws {
        let scratch = try Scratch("user-files")
        let out = scratch.url("site")
        try SiteWriter(destination: out).write(["farm/plan.json": Data("1".utf8), "index.md": Data("i".utf8)])
        try scratch.write("site/farm.yaml", "farm: {}")
        try scratch.write("site/.git/HEAD", "ref: refs/heads/main")
        try scratch.write("site/farm/notes.txt", "mine")
        let before = scratch.tree("site")
        #expect {
            try SiteWriter(destination: out).write(["farm/plan.json": Data("2".utf8)])
        } throws: { error in
            let message = "\(error)"
            return message.contains(".git/") && message.contains("farm.yaml") && message.contains("farm/notes.txt")
                && !message.contains("HEAD") && !message.contains("plan.json")
        }
        #expect(scratch.tree("site") == before)
        #expect(scratch.leftovers(of: "site") == [])
    }

    @Test func filesOfAFarmNoLongerBuiltAreRemoved() throws {
        let scratch = try Scratch("dropped")
        let out = scratch.url("site")
        try SiteWriter(destination: out).write(["a/plan.json": Data("1".utf8), "b/plan.json": Data("2".utf8)])
        try SiteWriter(destination: out).write(["a/plan.json": Data("3".utf8)])
        #expect(scratch.tree("site").keys.sorted() == [SiteWriter.marker, "a/plan.json"])
    }

    @Test func theExecutableExitsOneAndNamesThem() throws {
        let scratch = try Scratch("user-files-cli")
        let out = scratch.url("site").path
        let farm = Fixtures.example("contoso-intranet.yaml")
        #expect(try Executable.run(["build", farm, "--out", out], log: scratch.url("log")).status == 0)
        try FileManager.default.copyItem(atPath: farm, toPath: scratch.url("site/contoso-intranet.yaml").path)
        let ending = try Executable.run(["build", farm, "--out", out], log: scratch.url("log"))
        #expect(ending.status == 1 && ending.signal == nil)
        #expect(ending.stderr.contains("contoso-intranet.yaml"), "\(ending)")
        #expect(FileManager.default.fileExists(atPath: scratch.url("site/contoso-intranet.yaml").path))
    }
}
