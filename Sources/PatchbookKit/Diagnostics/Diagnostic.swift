/// One problem found in an input, printed as `FILE:LINE:COLUMN: error: MESSAGE`.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// Reported before the other problems of its file, whatever its line: a misspelt key, which
    /// causes others (a required key then reads as missing).
    public var leads: Bool = false

    /// Control characters in `message` are escaped: messages quote values from files.
    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = Printable.escape(message)
    }

    public static func error(at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public static func warning(at location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, at: location, message)
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Diagnostics collected while reading and checking inputs; every stage adds to one log so that
/// a user sees every problem at once instead of fixing them one run at a time.
public struct DiagnosticLog: Sendable {
    public private(set) var entries: [Diagnostic] = []

    public init() {}

    public mutating func error(_ location: SourceLocation, _ message: String, leads: Bool = false) {
        var diagnostic = Diagnostic.error(at: location, message)
        diagnostic.leads = leads
        entries.append(diagnostic)
    }

    public mutating func warning(_ location: SourceLocation, _ message: String) {
        entries.append(.warning(at: location, message))
    }

    /// Puts `diagnostic` where it belongs among those logged before it was known.
    mutating func insert(_ diagnostic: Diagnostic, at index: Int) {
        entries.insert(diagnostic, at: min(index, entries.count))
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        entries.append(diagnostic)
    }

    public mutating func append(contentsOf other: DiagnosticLog) {
        entries.append(contentsOf: other.entries)
    }

    public var hasErrors: Bool { entries.contains { $0.severity == .error } }

    /// The errors alone.
    public var errors: DiagnosticLog {
        var log = DiagnosticLog()
        log.entries = entries.filter { $0.severity == .error }
        return log
    }

    /// In file order, so that output is the same whatever order the checks ran in; within a file,
    /// the problems that cause others (misspelt keys) first.
    public var sorted: [Diagnostic] {
        entries.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.location.file != y.location.file { return x.location.file < y.location.file }
            if x.leads != y.leads { return x.leads }
            return x.location == y.location ? a.offset < b.offset : x.location < y.location
        }.map(\.element)
    }
}
