/// The change-management details of a farm description's optional `change:` section: what a
/// change advisory board asks for beside the procedure itself. Every field is optional; the
/// documents leave a blank to fill in where one is not given.
public struct Change: Sendable {
    public var ticket: Located<String>?
    public var window: Window?
    public var implementer: Located<String>?
    public var contacts: [Person] = []
    public var approvers: [Person] = []
    public var justification: Located<String>?
    /// Text, or a URL to the test record.
    public var testEvidence: Located<String>?
    public var assumptions = Assumptions()

    public init() {}

    public struct Window: Sendable {
        public var start: WindowTime
        public var hours: Double

        /// The shortest window accepted, in hours: no update of a farm fits in less.
        public static let shortest = 0.25

        /// Its length to the nearest minute (4.1 hours is 246 minutes, not 245.99...).
        public var minutes: Int { Int((hours * 60).rounded()) }
    }

    public struct Person: Sendable {
        public var name: Located<String>
        public var role: Located<String>?
        public var phone: Located<String>?
    }

    /// The throughput figures the duration estimates use. The defaults are cautious figures for
    /// 2007-era hardware; docs/farm-description.md says where each one is used.
    public struct Assumptions: Sendable, Equatable {
        /// Backed up, and restored, per hour.
        public var backupGBPerHour: Double = 100
        /// To run one package's Setup on one server.
        public var minutesPerPackage: Double = 15
        /// For the Configuration Wizard (or an attach) to upgrade one content database.
        public var minutesPerContentDatabase: Double = 20
        /// For any other step of the procedure, on each server it names.
        public var minutesPerStep: Double = 5
        /// To rebuild one server at its former level when backing out (servers side by side).
        public var hoursToRebuildServer: Double = 2

        public init() {}
    }
}

/// A moment written as ISO 8601 with its offset from UTC (`2026-12-05T22:00+01:00`): the window's
/// start as the people on the change know it. Arithmetic keeps the offset, so that every time the
/// documents show is in the same clock as the start.
public struct WindowTime: Sendable, Equatable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int
    /// Minutes east of UTC.
    public var offset: Int

    /// Why a text is not a window's start, in words for the farm description's author.
    public enum Problem: Error, Equatable {
        case form
        case noSuchDate
        case noSuchTime
        case offset
        case year

        public var message: String {
            switch self {
            case .form: return "give the date, the time and the offset from UTC, such as 2026-12-05T22:00+01:00"
            case .noSuchDate: return "that date does not exist"
            case .noSuchTime: return "that time does not exist (hours 00 to 23, minutes and seconds 00 to 59)"
            case .offset: return "offsets from UTC run from -12:00 to +14:00"
            case .year: return "give a year from 2006 (when SharePoint 2007 came out) to 9999"
            }
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`; nil when it is not such a moment.
    public init?(_ text: String) {
        guard case .success(let time) = Self.read(text) else { return nil }
        self = time
    }

    /// The moment, or why the text is not one. Seconds are accepted and dropped: a window is
    /// planned to the minute.
    public static func read(_ text: String) -> Result<WindowTime, Problem> {
        var rest = Substring(text)
        func number(_ digits: Int, then separator: Character?) -> Int? {
            let part = rest.prefix(digits)
            guard part.count == digits, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part) else { return nil }
            rest = rest.dropFirst(digits)
            if let separator {
                guard rest.first == separator || (separator == "T" && rest.first == " ") else { return nil }
                rest = rest.dropFirst()
            }
            return value
        }
        guard let year = number(4, then: "-"), let month = number(2, then: "-"), let day = number(2, then: "T"),
            let hour = number(2, then: ":"), let minute = number(2, then: nil)
        else { return .failure(.form) }
        var second = 0
        if rest.first == ":" {
            rest = rest.dropFirst()
            guard let seconds = number(2, then: nil) else { return .failure(.form) }
            second = seconds
            if rest.first == "." {
                rest = rest.dropFirst()
                let fraction = rest.prefix { $0.isASCII && $0.isNumber }
                guard !fraction.isEmpty else { return .failure(.form) }
                rest = rest.dropFirst(fraction.count)
            }
        }
        guard let offset = offset(rest) else { return .failure(.form) }
        guard (-12 * 60...14 * 60).contains(offset) else { return .failure(.offset) }
        guard (2006...9999).contains(year) else { return .failure(.year) }
        guard (1...12).contains(month), (1...days(inMonth: month, of: year)).contains(day) else { return .failure(.noSuchDate) }
        guard hour < 24, minute < 60, second < 60 else { return .failure(.noSuchTime) }
        return .success(WindowTime(year: year, month: month, day: day, hour: hour, minute: minute, offset: offset))
    }

    /// `Z` or `±HH:MM`, in minutes east of UTC; nil for anything else (a time without its offset).
    private static func offset(_ zone: Substring) -> Int? {
        if zone == "Z" { return 0 }
        guard zone.count == 6, let sign = zone.first, sign == "+" || sign == "-", zone.dropFirst(3).first == ":",
            zone.dropFirst().allSatisfy({ $0 == ":" || ($0.isASCII && $0.isNumber) }),
            let hours = Int(zone.dropFirst().prefix(2)), let minutes = Int(zone.suffix(2)), minutes < 60
        else { return nil }
        return (hours * 60 + minutes) * (sign == "-" ? -1 : 1)
    }

    init(year: Int, month: Int, day: Int, hour: Int, minute: Int, offset: Int) {
        (self.year, self.month, self.day, self.hour, self.minute, self.offset) = (year, month, day, hour, minute, offset)
    }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The moment `minutes` later, in the same offset.
    public func adding(minutes: Int) -> WindowTime {
        let total = Self.dayNumber(year, month, day) * 1440 + hour * 60 + minute + minutes
        let (dayNumber, inDay) = (total.floorDiv(1440), total - total.floorDiv(1440) * 1440)
        let (y, m, d) = Self.civil(dayNumber)
        return WindowTime(year: y, month: m, day: d, hour: inDay / 60, minute: inDay % 60, offset: offset)
    }

    /// `2026-12-05`.
    public var date: String { "\(Self.pad(year, 4))-\(Self.pad(month))-\(Self.pad(day))" }
    /// `22:00`.
    public var time: String { "\(Self.pad(hour)):\(Self.pad(minute))" }
    /// `UTC+01:00`.
    public var zone: String {
        let sign = offset < 0 ? "-" : "+"
        return "UTC\(sign)\(Self.pad(abs(offset) / 60)):\(Self.pad(abs(offset) % 60))"
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    static func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDiv(400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number (civil_from_days).
    static func civil(_ dayNumber: Int) -> (Int, Int, Int) {
        let z = dayNumber + 719_468
        let era = z.floorDiv(146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int {
    fileprivate func floorDiv(_ divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
