import Foundation

/// What each kind of name that ends up in a page or a script may hold (spec, "Meaning and rules").
/// A value these rules accept is then escaped for every output it lands in; a value they reject
/// could not be written safely, so it is an error that says which field and why.
public enum NameRule: Sendable {
    /// A NetBIOS computer name: 1 to 15 letters, digits and hyphens.
    case netbios
    /// A SQL Server: host name, optional `\INSTANCE`, optional `,port`.
    case sqlServer
    case database
    /// `DOMAIN\user`.
    case account
    /// An http or https URL.
    case url
    /// A UNC path (`\\server\share\...`) or a local path (`D:\...`).
    case path
    /// A solution package file name (`.wsp`).
    case solution
    /// A language tag as in package file names: `en-us`, `de-de`, `sr-latn-cs`.
    case language
    /// A folder-name slug for the farm id.
    case slug
    /// Free text (display names): anything but control characters.
    case text

    /// Why `value` is not allowed, or nil when it is.
    public func problem(with value: String) -> String? {
        if let control = value.unicodeScalars.first(where: NameRule.isControl) {
            return "holds a control character (U+\(String(format: "%04X", control.value)))"
        }
        switch self {
        case .netbios: return NameRule.netbiosProblem(value)
        case .sqlServer: return NameRule.isSQLServer(value)
            ? nil : "is not a SQL Server name (HOST, HOST\\INSTANCE or HOST,PORT; a host of up to 253 letters, digits, '.', '-')"
        case .database: return NameRule.databaseProblem(value)
        case .account: return NameRule.accountProblem(value)
        case .url: return NameRule.urlProblem(value)
        case .path: return NameRule.pathProblem(value)
        case .solution: return matches(value, #"^[^\\/:*?"<>|]+\.wsp$"#)
            ? nil : "is not a solution package file name (NAME.wsp, without a folder or any of \\ / : * ? \" < > |)"
        case .language: return matches(value, #"^[a-z]{2,3}(-[a-z]{2,4}){1,2}$"#)
            ? nil : "is not a language tag such as en-us or de-de (lowercase, as in the package file names)"
        case .slug: return matches(value, #"^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$"#)
            ? nil : "is not an id (1 to 64 lowercase letters, digits and '-', not starting or ending with '-')"
        case .text: return nil
        }
    }

    /// C0 and C1 controls, line and paragraph separators, and the bidirectional overrides that can
    /// make a script read differently from how it runs.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func netbiosProblem(_ value: String) -> String? {
        if value.count > 15 { return "is \(value.count) characters long; a NetBIOS computer name has at most 15" }
        return !value.isEmpty && value.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") }
            ? nil : "may hold only letters, digits and '-' (a NetBIOS computer name)"
    }

    /// `HOST`, `HOST\INSTANCE`, `HOST,PORT` or `HOST\INSTANCE,PORT`: the host of at most 253
    /// letters, digits, '.' and '-' (a DNS name, starting with a letter or digit), the instance of
    /// 1 to 16 letters, digits, '_' and '$', the port of 1 to 5 digits. Written out rather than as a pattern: every database
    /// of every farm is checked.
    static func isSQLServer(_ value: String) -> Bool {
        var host = Substring(value)
        var instance: Substring?, port: Substring?
        if let comma = host.firstIndex(of: ",") {
            port = host[host.index(after: comma)...]
            host = host[..<comma]
        }
        if let slash = host.firstIndex(of: "\\") {
            instance = host[host.index(after: slash)...]
            host = host[..<slash]
        }
        let hostCharacter = { (byte: UInt8) in byte.isASCIIAlphanumeric || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") }
        let instanceCharacter = { (byte: UInt8) in byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") }
        guard host.utf8.first?.isASCIIAlphanumeric == true, host.utf8.count <= 253, host.utf8.allSatisfy(hostCharacter) else { return false }
        if let instance, !(1...16).contains(instance.utf8.count) || !instance.utf8.allSatisfy(instanceCharacter) { return false }
        if let port, !(1...5).contains(port.utf8.count) || !port.utf8.allSatisfy(\.isASCIIDigit) { return false }
        return true
    }

    private static func databaseProblem(_ value: String) -> String? {
        if value.count > 123 { return "is longer than 123 characters" }
        if value.contains("\"") { return "holds a double quote, which cannot be written safely into a command script" }
        if value.first == " " || value.last == " " { return "begins or ends with a space" }
        return nil
    }

    private static func accountProblem(_ value: String) -> String? {
        let parts = value.split(separator: "\\", omittingEmptySubsequences: false)
        guard parts.count == 2, matches(String(parts[0]), #"^[A-Za-z0-9][A-Za-z0-9.\-]{0,62}$"#) else {
            return "must be DOMAIN\\user"
        }
        let user = String(parts[1])
        guard !user.isEmpty, user.count <= 104, !user.contains(where: { "\"/\\[]:;|=,+*?<>@".contains($0) }) else {
            return "has a user name that Windows does not allow (empty, too long, or holding one of \" / \\ [ ] : ; | = , + * ? < > @)"
        }
        return nil
    }

    private static func urlProblem(_ value: String) -> String? {
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased() else { return "is not a URL" }
        guard scheme == "http" || scheme == "https" else { return "must be an http or https URL, not \(scheme)" }
        guard let host = url.host, !host.isEmpty else { return "has no host name" }
        if value.contains(where: { $0 == "\"" || $0 == " " || $0 == "<" || $0 == ">" }) {
            return "holds a space, a quote or an angle bracket; write them percent-encoded"
        }
        return nil
    }

    private static func pathProblem(_ value: String) -> String? {
        let isUNC = matches(value, #"^\\\\[A-Za-z0-9][A-Za-z0-9.\-]*\\[^\\]+"#)
        let isLocal = matches(value, #"^[A-Za-z]:\\"#)
        guard isUNC || isLocal else { return "must be a UNC path (\\\\server\\share) or a local path (D:\\folder)" }
        let rest = value.dropFirst(2)
        if let bad = rest.first(where: { "\"<>|*?".contains($0) }) ?? rest.dropFirst(isLocal ? 1 : 0).first(where: { $0 == ":" }) {
            return "holds '\(bad)', which a Windows path cannot hold"
        }
        return nil
    }

    /// `value` with control characters shown as `\u{...}`, so a diagnostic stays on one line.
    public static func printable(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            if isControl(scalar) { out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private func matches(_ value: String, _ pattern: String) -> Bool { NameRule.matches(value, pattern) }

    /// Whether `pattern` matches within `value`. Each pattern is compiled once: a farm checks
    /// hundreds of names, and compiling per call was a tenth of a large build's time.
    static func matches(_ value: String, _ pattern: String) -> Bool {
        guard let expression = compiled(pattern) else { return false }
        return expression.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
    }

    private static let patterns = Locked<[String: NSRegularExpression]>([:])

    private static func compiled(_ pattern: String) -> NSRegularExpression? {
        if let known = patterns.update({ $0[pattern] }) { return known }
        // The patterns are ours, not input; a broken one would reject the example farms in tests.
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return nil }
        patterns.update { $0[pattern] = expression }
        return expression
    }

    /// A slug made from a display name: lowercase letters and digits, runs of anything else as '-'.
    public static func slug(from name: String) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return String(slug.prefix(64)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}
