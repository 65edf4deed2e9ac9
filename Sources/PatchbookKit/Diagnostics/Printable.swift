/// Values quoted in diagnostics and terminal messages come from files anyone can write: shown as
/// they are, an escape sequence could clear the screen and a line break could forge an error line.
public enum Printable {
    /// C0 and C1 controls, line and paragraph separators, the bidirectional overrides that can
    /// make a script read differently from how it runs, and U+FEFF (an invisible byte-order mark).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// `text` with each control character shown as `\u{...}`, so a message stays one line of text.
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` escaped and cut to `limit` characters, for quoting a value that may be very long.
    public static func quote(_ text: String, limit: Int = 80) -> String {
        let escaped = escape(text)
        return escaped.count <= limit ? escaped : escaped.prefix(limit) + "…"
    }

    /// Numbers as people write them: no trailing ".0", no locale.
    public static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
