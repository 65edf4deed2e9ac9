/// Reads Upgrade.log (seed, "To view the upgrade log file") session by session. The log holds
/// every upgrade the server ran, each line behind a `[component] [level] [time]:` prefix; the last
/// session that finishes decides. It passes when it names the farm's configuration database, holds
/// "Finished upgrading SPFarm Name=..." and finishes with 0 errors (warnings alone do not fail a
/// session: facts-from-other-sources.md, SPLog).
struct UpgradeLogCheck {
    /// One finished session, as its last line states it.
    struct Session: Equatable {
        var line: Int
        var root: String?
        var errors: Int
        var warnings: Int
        var finishedFarm: [String]
    }

    let configDatabase: String?
    private(set) var lastFinished: Session?
    /// The line of a session that started after the last finished one and never finished.
    private(set) var unfinishedStart: Int?
    private var finishedFarm: [String] = []
    private var lineNumber = 0

    init(configDatabase: String?) { self.configDatabase = configDatabase }

    mutating func read(_ line: UnsafeBufferPointer<UInt8>) {
        lineNumber += 1
        // Only lines about sessions and the farm matter; the rest (most of a log) are skipped
        // without being decoded.
        guard line.containsIgnoringCase("upgrad") else { return }
        if line.containsIgnoringCase("upgrade session starts") {
            unfinishedStart = lineNumber
            finishedFarm = []
        } else if let offset = line.firstOffset(ofIgnoringCase: "Finished upgrading SPFarm") {
            finishedFarm.append(Self.name(after: offset, in: line) ?? "")
        } else if let offset = line.firstOffset(ofIgnoringCase: "upgrade session finishes") {
            let text = String(decoding: UnsafeBufferPointer(rebasing: line[offset...]), as: UTF8.self)
            let counts = Self.counts(text)
            lastFinished = Session(
                line: lineNumber, root: Self.rootName(text), errors: counts?.errors ?? 0, warnings: counts?.warnings ?? 0,
                finishedFarm: finishedFarm)
            if counts == nil { lastFinished?.errors = -1 }
            unfinishedStart = nil
            finishedFarm = []
        }
    }

    /// The verdict, its reasons and notes.
    func result() -> (verdict: Verdict, reasons: [String], notes: [String]) {
        var notes: [String] = []
        if let start = unfinishedStart { notes.append("a later session, from line \(start), did not finish") }
        guard let session = lastFinished else {
            return (.failed, ["no finished upgrade session (no \"upgrade session finishes\" line)"], notes)
        }
        var reasons: [String] = []
        notes.insert("the last finished session ends on line \(session.line)", at: 0)
        if session.errors < 0 {
            reasons.append("its last line does not say how many errors it met")
        } else if session.errors > 0 {
            reasons.append("\(Self.plural(session.errors, "error")) and \(Self.plural(session.warnings, "warning"))")
        }
        if let expected = configDatabase {
            if let root = session.root, !Self.same(root, expected) {
                reasons.append("SPFarm Name=\(root): another farm's configuration database (this farm's is \(expected))")
            } else if session.root == nil {
                reasons.append("its last line does not name the configuration database")
            }
            if !session.finishedFarm.contains(where: { Self.same($0, expected) }) {
                reasons.append("no \"Finished upgrading SPFarm Name=\(expected)\" line in that session")
            }
        } else {
            notes.append("the description gives no configuration database to compare")
        }
        if reasons.isEmpty {
            notes.append("\(Self.plural(session.errors, "error")) and \(Self.plural(session.warnings, "warning"))")
            if session.warnings > 0 { notes.append("warnings alone do not fail an upgrade session") }
        }
        return (reasons.isEmpty ? .passed : .failed, reasons, notes)
    }

    /// SQL Server compares database names without case (in its default collations).
    private static func same(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }

    private static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

    /// The name after `Name=` (or `=`) following `offset`: to the end, without a final period.
    private static func name(after offset: Int, in line: UnsafeBufferPointer<UInt8>) -> String? {
        let text = String(decoding: UnsafeBufferPointer(rebasing: line[offset...]), as: UTF8.self)
        guard let equals = text.firstIndex(of: "=") else { return nil }
        var name = text[text.index(after: equals)...].trimmingCharacters(in: " \t")
        while name.hasSuffix(".") { name.removeLast() }
        return name.trimmingCharacters(in: " \t")
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
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
