/// Reads Upgrade.log (seed, "To view the upgrade log file") session by session. The log holds
/// every upgrade the server ran, each line behind a `[component] [level] [time]:` prefix.
/// The last finished session of the farm (root object SPFarm) decides: it passes when it names
/// the farm's configuration database, holds "Finished upgrading SPFarm Name=..." and finishes with
/// 0 errors (warnings alone do not fail a session: facts-from-other-sources.md, SPLog). Sessions
/// after it (a content database attached later) fail the log only when they met errors, and a
/// session that started after it and never finished fails it: the wizard stopped. Where the
/// description gives the window, a session that ran before it is an old one. Memory stays the
/// same whatever the log holds.
struct UpgradeLogCheck {
    /// Where a line is: its file (several `Upgrade*.log`) and its number there.
    struct Place: Equatable, CustomStringConvertible {
        var file: String
        var line: Int
        var description: String { "line \(line) of \(file)" }
    }

    /// The last finished session of the farm, as its last line states it.
    struct Session: Equatable {
        var place: Place
        var root: String?
        var errors: Int
        var warnings: Int
        var finishedExpectedFarm: Bool
        var finishedOtherFarm: String?
        var time: String?
    }

    let configDatabase: String?
    /// The window's start date, where the description gives it: an older session is not tonight's.
    let windowStart: WindowTime?
    private(set) var lastFarmSession: Session?
    /// A session that started after the last finished one and never finished.
    private(set) var unfinished: Place?
    /// Sessions of other objects (content databases) after the last farm session that met errors.
    private(set) var failedLater: [String] = []
    private var finishedExpectedFarm = false
    private var finishedOtherFarm: String?
    private var place = Place(file: "Upgrade.log", line: 0)

    init(configDatabase: String?, windowStart: WindowTime? = nil) {
        self.configDatabase = configDatabase
        self.windowStart = windowStart
    }

    mutating func begin(file: String) { place = Place(file: file, line: 0) }

    mutating func read(_ line: UnsafeBufferPointer<UInt8>) {
        place.line += 1
        // Only lines about sessions and the farm matter; the rest (most of a log) are skipped
        // without being decoded.
        guard line.containsIgnoringCase("upgrad") else { return }
        if line.containsIgnoringCase("upgrade session starts") {
            unfinished = place
            (finishedExpectedFarm, finishedOtherFarm) = (false, nil)
        } else if let offset = line.firstOffset(ofIgnoringCase: "Finished upgrading SPFarm") {
            let name = Self.name(after: offset, in: line) ?? ""
            if let expected = configDatabase, Self.same(name, expected) {
                finishedExpectedFarm = true
            } else {
                finishedOtherFarm = String(name.prefix(128))
            }
        } else if let offset = line.firstOffset(ofIgnoringCase: "upgrade session finishes") {
            finish(String(decoding: UnsafeBufferPointer(rebasing: line[offset...]), as: UTF8.self), line: line)
        }
    }

    private mutating func finish(_ text: String, line: UnsafeBufferPointer<UInt8>) {
        let counts = Self.counts(text)
        unfinished = nil
        defer { (finishedExpectedFarm, finishedOtherFarm) = (false, nil) }
        guard Self.isFarmRoot(text) else {
            // A content database's session (an attach after the wizard): only its errors count.
            if let errors = counts?.errors, errors > 0, failedLater.count < 3 {
                let root = Self.rootObject(text).map { Printable.quote($0, limit: 100) } ?? "another object"
                failedLater.append("the later session of \(root) (\(place)) met \(Self.plural(errors, "error"))")
            }
            return
        }
        failedLater = []
        lastFarmSession = Session(
            place: place, root: Self.rootName(text), errors: counts?.errors ?? -1, warnings: counts?.warnings ?? 0,
            finishedExpectedFarm: finishedExpectedFarm, finishedOtherFarm: finishedOtherFarm, time: Self.time(line))
    }

    /// The verdict, its reasons and notes.
    func result() -> (verdict: Verdict, reasons: [String], notes: [String]) {
        guard let session = lastFarmSession else {
            var reasons = ["no finished upgrade session of the farm (no \"upgrade session finishes\" line with root object SPFarm)"]
            if let start = unfinished { reasons.append("a session started (\(start)) and did not finish") }
            return (.failed, reasons, [])
        }
        var notes = ["the last finished session of the farm ends on \(session.place)" + (session.time.map { ", at \($0)" } ?? "")]
        var reasons: [String] = []
        if session.errors < 0 {
            reasons.append("its last line does not say how many errors it met")
        } else if session.errors > 0 {
            reasons.append("\(Self.plural(session.errors, "error")) and \(Self.plural(session.warnings, "warning"))")
        }
        if let expected = configDatabase {
            if let root = session.root, !Self.same(root, expected) {
                reasons.append(
                    "SPFarm Name=\(Printable.quote(root, limit: 100)): another farm's configuration database (this farm's is \(expected))")
            } else if session.root == nil {
                reasons.append("its last line does not name the configuration database")
            }
            if !session.finishedExpectedFarm {
                reasons.append("no \"Finished upgrading SPFarm Name=\(expected)\" line in that session")
            }
        } else {
            notes.append("the description gives no configuration database to compare")
        }
        if let old = oldSession(session) { reasons.append(old) }
        reasons += failedLater
        if let start = unfinished { reasons.append("a later session started (\(start)) and did not finish: the wizard may have stopped") }
        if reasons.isEmpty {
            notes.append("\(Self.plural(session.errors, "error")) and \(Self.plural(session.warnings, "warning"))")
            if session.warnings > 0 { notes.append("warnings alone do not fail an upgrade session") }
        }
        return (reasons.isEmpty ? .passed : .failed, reasons, notes)
    }

    /// Why the session is not tonight's, where its date is before the window's start in every
    /// way of reading it (5/12/2026 is May 12 or December 5); nil when it may be tonight's or
    /// its date cannot be read. A day's slack covers time zones.
    private func oldSession(_ session: Session) -> String? {
        guard let start = windowStart, let time = session.time else { return nil }
        let candidates = SessionDate.candidates(time)
        let startDay = WindowTime.dayNumber(start.year, start.month, start.day)
        guard !candidates.isEmpty, candidates.allSatisfy({ $0 < startDay - 1 }) else { return nil }
        return "it ran at \(time), before the window (\(start.date)): it is an earlier update's"
    }

    private static func isFarmRoot(_ text: String) -> Bool {
        guard let root = text.range(of: "Root object = ", options: .caseInsensitive) else { return true }
        return text[root.upperBound...].lowercased().hasPrefix("spfarm")
    }

    /// SQL Server compares database names without case (in its default collations).
    static func same(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }

    private static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// The name after `Name=` (or `=`) following `offset`: to the end, without a final period.
    private static func name(after offset: Int, in line: UnsafeBufferPointer<UInt8>) -> String? {
        let text = String(decoding: UnsafeBufferPointer(rebasing: line[offset...]), as: UTF8.self)
        guard let equals = text.firstIndex(of: "=") else { return nil }
        var name = text[text.index(after: equals)...].trimmingCharacters(in: " \t")
        while name.hasSuffix(".") { name.removeLast() }
        return name.trimmingCharacters(in: " \t")
    }

    /// What follows `Root object = ` up to the comma: `SPContentDatabase Name=WSS_Content`.
    static func rootObject(_ text: String) -> String? {
        guard let root = text.range(of: "Root object = ", options: .caseInsensitive) else { return nil }
        let object = text[root.upperBound...].prefix { $0 != "," }.trimmingCharacters(in: " \t")
        return object.isEmpty ? nil : object
    }

    /// `Root object = SPFarm=NAME,` or `Root object = SPFarm Name=NAME,`.
    static func rootName(_ text: String) -> String? {
        guard let root = text.range(of: "Root object = SPFarm", options: .caseInsensitive) else { return nil }
        var rest = text[root.upperBound...]
        if rest.lowercased().hasPrefix(" name") { rest = rest.dropFirst(5) }
        guard rest.first == "=" else { return nil }
        let name = rest.dropFirst().prefix { $0 != "," }.trimmingCharacters(in: " \t")
        return name.isEmpty ? nil : name
    }

    /// `N errors and M warnings encountered`.
    static func counts(_ text: String) -> (errors: Int, warnings: Int)? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "." || $0 == "," })
        guard let index = words.firstIndex(where: { $0.lowercased().hasPrefix("error") }), index > words.startIndex,
            let errors = Int(words[index - 1])
        else { return nil }
        let rest = words[(index + 1)...]
        guard let warningIndex = rest.firstIndex(where: { $0.lowercased().hasPrefix("warning") }), warningIndex > rest.startIndex,
            let warnings = Int(words[warningIndex - 1])
        else { return (errors, 0) }
        return (errors, warnings)
    }

    /// The third bracket of the prefix, `[SPManager] [INFO] [12/6/2026 12:02:40 AM]:`, as written.
    static func time(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        let text = String(decoding: line.prefix(200), as: UTF8.self)
        let parts = text.split(separator: "[", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count >= 4, let end = parts[3].firstIndex(of: "]") else { return nil }
        let time = parts[3][..<end].trimmingCharacters(in: " ")
        return time.isEmpty ? nil : Printable.quote(time, limit: 40)
    }
}

/// The dates a session's time may mean: logs write it in the server's regional format, so
/// `5/12/2026` is read both month first and day first; `2026-12-05` and `05.12.2026` once.
enum SessionDate {
    static func candidates(_ time: String) -> [Int] {
        let date = time.split(separator: " ").first.map(String.init) ?? time
        let numbers = date.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).compactMap { Int($0) }
        guard numbers.count == 3 else { return [] }
        var readings: [(Int, Int, Int)] = []
        if numbers[0] > 999 {
            readings = [(numbers[0], numbers[1], numbers[2])]
        } else if date.contains(".") {
            readings = [(numbers[2], numbers[1], numbers[0])]
        } else {
            readings = [(numbers[2], numbers[0], numbers[1]), (numbers[2], numbers[1], numbers[0])]
        }
        return readings.compactMap { year, month, day in
            guard (1990...9999).contains(year), (1...12).contains(month), (1...WindowTime.days(inMonth: month, of: year)).contains(day)
            else { return nil }
            return WindowTime.dayNumber(year, month, day)
        }
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
