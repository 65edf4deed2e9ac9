import Foundation

/// What each kind of name that ends up in a page or a script may hold (spec, "Meaning and rules").
/// A value these rules accept is then escaped for every output it lands in; a value they reject
/// could not be written safely, so it is an error that says which field and why. The rules accept
/// what real SharePoint 2007 farms had (underscores in computer names, NetBIOS domains, the Windows
/// Internal Database instance); they reject only what cannot work.
public enum NameRule: Sendable {
    /// A NetBIOS computer name: 1 to 15 letters, digits, '-' and '_'.
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
    /// A solution package file name (`.wsp`, in any case).
    case solution
    /// A language tag as in package file names: `en-us`, `de-de`, `sr-latn-cs` (any case; read lowercased).
    case language
    /// A folder-name slug for the farm id.
    case slug
    /// Free text (display names): anything but control characters.
    case text
    /// Sentences (a justification): free text over several lines, read as one paragraph.
    case prose

    /// The longest value each kind accepts, far above what a real farm has: Windows' and SQL
    /// Server's own limits where they have one.
    public var maximumLength: Int {
        switch self {
        case .netbios: return 15
        case .sqlServer: return 253 + 1 + 16 + 1 + 5  // HOST\INSTANCE,PORT
        case .database: return 128  // sysname
        case .account: return 64 + 1 + 104
        case .url: return 2048
        case .path: return 260  // MAX_PATH
        case .solution: return 255  // an NTFS file name
        case .language: return 13
        case .slug: return 64
        case .text: return 256
        case .prose: return Limits.valueLength
        }
    }

    /// Why `value` is not allowed, or nil when it is.
    public func problem(with value: String) -> String? {
        // A line break in sentences is a space (YAML's literal and folded blocks keep some).
        if let problem = NameRule.controlProblem(self == .prose ? value.replacingOccurrences(of: "\n", with: " ") : value) {
            return problem
        }
        // Counting characters walks the text; a value with no more bytes than the limit is within it.
        if value.utf8.count > maximumLength, value.count > maximumLength, self != .netbios {
            return "is \(value.count) characters long; at most \(maximumLength) are accepted"
        }
        switch self {
        case .netbios: return NameRule.netbiosProblem(value)
        case .sqlServer:
            return NameRule.isSQLServer(value)
                ? nil : "is not a SQL Server name (HOST, HOST\\INSTANCE or HOST,PORT; a host of up to 253 letters, digits, '.', '-', '_')"
        case .database: return NameRule.databaseProblem(value)
        case .account: return NameRule.accountProblem(value)
        case .url: return NameRule.urlProblem(value)
        case .path: return NameRule.pathProblem(value)
        case .solution:
            return matches(value, #"^[^\\/:*?"<>|]+\.[wW][sS][pP]$"#)
                ? nil : "is not a solution package file name (NAME.wsp, without a folder or any of \\ / : * ? \" < > |)"
        case .language:
            return matches(value, #"^[A-Za-z]{2,3}(-[A-Za-z]{2,4}){1,2}$"#)
                ? nil : "is not a language tag such as en-us or de-de (as in the package file names)"
        case .slug:
            return matches(value, #"^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$"#)
                ? nil : "is not an id (1 to 64 lowercase letters, digits and '-', not starting or ending with '-')"
        case .text, .prose: return nil
        }
    }

    /// Why `value` cannot be written into a page or a script whatever its kind: a control
    /// character, a bidirectional override or U+FEFF; nil when it has none.
    public static func controlProblem(_ value: String) -> String? {
        guard let control = value.unicodeScalars.first(where: Printable.isControl) else { return nil }
        if control == "\u{FEFF}" { return "holds U+FEFF, an invisible byte-order mark; remove it" }
        return "holds a control character (U+\(String(format: "%04X", control.value)))"
    }

    /// The value as patchbook uses it: language tags lowercased, as the package file names have them.
    public func normalized(_ value: String) -> String {
        switch self {
        case .language: return value.lowercased()
        case .prose: return value.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        default: return value
        }
    }

    private static func netbiosProblem(_ value: String) -> String? {
        if value.contains(".") {
            let first = value.split(separator: ".").first.map(String.init) ?? value
            return "is a DNS name; give the server's NetBIOS computer name (such as \(first.prefix(15).uppercased()))"
        }
        if value.count > 15 { return "is \(value.count) characters long; a NetBIOS computer name has at most 15" }
        return !value.isEmpty && value.utf8.allSatisfy(isNetBIOSCharacter)
            ? nil : "may hold only letters, digits, '-' and '_' (a NetBIOS computer name)"
    }

    private static func isNetBIOSCharacter(_ byte: UInt8) -> Bool {
        byte.isASCIIAlphanumeric || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// `HOST`, `HOST\INSTANCE`, `HOST,PORT` or `HOST\INSTANCE,PORT`: the host of at most 253
    /// letters, digits, '.', '-' and '_' (a DNS or NetBIOS name, starting with a letter or digit),
    /// the instance of 1 to 16 letters, digits, '_', '$' and '#' (`MICROSOFT##SSEE`, the Windows
    /// Internal Database), the port of 1 to 5 digits. Written out rather than as a pattern: every
    /// database of every farm is checked.
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
        let hostCharacter = { (byte: UInt8) in isNetBIOSCharacter(byte) || byte == UInt8(ascii: ".") }
        let instanceCharacter = { (byte: UInt8) in
            byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "#")
        }
        guard host.utf8.first?.isASCIIAlphanumeric == true, host.utf8.count <= 253, host.utf8.allSatisfy(hostCharacter) else {
            return false
        }
        if let instance, !(1...16).contains(instance.utf8.count) || !instance.utf8.allSatisfy(instanceCharacter) { return false }
        if let port, !(1...5).contains(port.utf8.count) || !port.utf8.allSatisfy(\.isASCIIDigit) { return false }
        return true
    }

    private static func databaseProblem(_ value: String) -> String? {
        // By the byte: a quote the script would break on, even where a combining mark after it
        // makes one character of the two (and without Foundation's search, for every database).
        if value.utf8.contains(UInt8(ascii: "\"")) { return "holds a double quote, which cannot be written safely into a command script" }
        if value.first == " " || value.last == " " { return "begins or ends with a space" }
        return nil
    }

    /// `DOMAIN\user`: the domain a NetBIOS domain name (letters, digits, '-', '_') or a DNS one
    /// (with '.'), the user a Windows user name. Read by scalars, as Windows reads it: a
    /// combining mark after a `\` or a `"` makes one character of the two, not another character.
    private static func accountProblem(_ value: String) -> String? {
        let scalars = value.unicodeScalars
        if !scalars.contains("\\") {
            return scalars.contains("@")
                ? "is a user principal name (user@domain); give the account as DOMAIN\\user"
                : "names no domain; give the account as DOMAIN\\user"
        }
        let parts = scalars.split(separator: "\\", omittingEmptySubsequences: false).map(Substring.init)
        guard parts.count == 2 else { return "holds more than one '\\'; give the account as DOMAIN\\user" }
        let domain = parts[0]
        guard let first = domain.utf8.first, first.isASCIIAlphanumeric, domain.utf8.count <= 64,
            domain.utf8.allSatisfy({ isNetBIOSCharacter($0) || $0 == UInt8(ascii: ".") })
        else {
            return "has a domain that Windows does not allow (1 to 64 letters, digits, '.', '-' and '_', starting with a letter or digit)"
        }
        let user = parts[1]
        guard !user.isEmpty, user.count <= 104, !user.unicodeScalars.contains(where: { "\"/\\[]:;|=,+*?<>@".unicodeScalars.contains($0) })
        else {
            return "has a user name that Windows does not allow (empty, too long, or holding one of \" / \\ [ ] : ; | = , + * ? < > @)"
        }
        return nil
    }

    private static func urlProblem(_ value: String) -> String? {
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased() else { return "is not a URL" }
        guard scheme == "http" || scheme == "https" else { return "must be an http or https URL, not \(scheme)" }
        if value.contains(where: { $0 == "\"" || $0 == " " || $0 == "<" || $0 == ">" }) {
            return "holds a space, a quote or an angle bracket; write them percent-encoded"
        }
        return authorityProblem(value.dropFirst(scheme.count + 3))
    }

    /// The part between `scheme://` and the path: a host of letters, digits, '.', '-' and '_',
    /// and an optional port from 1 to 65535. A user name (`user@host`) has no place in a web
    /// application's URL, and would reach the scripts.
    private static func authorityProblem(_ rest: Substring) -> String? {
        let authority = rest.prefix { !"/?#".contains($0) }
        if authority.contains("@") { return "holds a user name (user@host); give the web application's URL without it" }
        var host = authority, port: Substring?
        if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        if host.isEmpty { return "has no host name" }
        guard host.utf8.first?.isASCIIAlphanumeric == true, host.utf8.allSatisfy({ isNetBIOSCharacter($0) || $0 == UInt8(ascii: ".") })
        else {
            return "has a host name that is not letters, digits, '.', '-' and '_'"
        }
        if let port {
            guard !port.isEmpty, port.count <= 5, port.utf8.allSatisfy(\.isASCIIDigit), let number = Int(port), (1...65535).contains(number)
            else {
                return "has the port '\(port)'; a port is a number from 1 to 65535"
            }
        }
        return nil
    }

    private static func pathProblem(_ value: String) -> String? {
        let isUNC = matches(value, #"^\\\\[A-Za-z0-9][A-Za-z0-9._\-]*\\[^\\]+"#)
        let isLocal = matches(value, #"^[A-Za-z]:\\"#)
        guard isUNC || isLocal else { return "must be a UNC path (\\\\server\\share) or a local path (D:\\folder)" }
        // By scalars: a quote that a combining mark joins into one character is still a quote.
        let rest = value.unicodeScalars.dropFirst(2)
        if let bad = rest.first(where: { "\"<>|*?".unicodeScalars.contains($0) })
            ?? rest.dropFirst(isLocal ? 1 : 0).first(where: { $0 == ":" })
        {
            return "holds '\(bad)', which a Windows path cannot hold"
        }
        return nil
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
