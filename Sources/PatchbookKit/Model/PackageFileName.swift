/// The seed's package naming convention ("Packages"): `productnamerrr-kbY-xNN-fullfile-lang.exe`
/// for service packs (officeserver2007sp1-kb936984-x86-fullfile-en-us.exe) and
/// `product-kbY-fullfile-xNN-lang.exe` for hotfix packages (wss-kb948957-fullfile-x86-en-us.exe),
/// where `lang` is a language tag or `glb` for a package of global patches.
///
/// The catalog writes file names as patterns with `{arch}` and `{lang}` placeholders.
public enum PackageFileName {
    /// Why `pattern` breaks the convention for a package of Knowledge Base article `kb`, or nil.
    public static func problem(with pattern: String, kb: Int) -> String? {
        let arch = #"(\{arch\}|x86|x64)"#
        let lang = #"(\{lang\}|glb)"#
        let servicePack = "^[a-z0-9]+-kb\(kb)-\(arch)-fullfile-\(lang)\\.exe$"
        let hotfix = "^[a-z0-9]+-kb\(kb)-fullfile-\(arch)-\(lang)\\.exe$"
        if NameRule.matches(pattern, servicePack) || NameRule.matches(pattern, hotfix) { return nil }
        return "does not follow the package naming convention: productnamerrr-kb\(kb)-{arch}-fullfile-{lang}.exe "
            + "or product-kb\(kb)-fullfile-{arch}-glb.exe, in lowercase, with this update's KB number"
    }

    /// Searches the bytes: Foundation's `contains` goes through NSString, and the planner asks
    /// for every package of every server.
    public static func isLocalized(_ pattern: String) -> Bool {
        var pattern = pattern
        return pattern.withUTF8 { bytes in
            bytes.indices.contains { bytes[$0] == UInt8(ascii: "{") && bytes[$0...].starts(with: "{lang}".utf8) }
        }
    }

    /// The file name for one architecture and language.
    public static func resolve(_ pattern: String, architecture: Architecture, language: String) -> String {
        // In one pass rather than with Foundation's replacements: the planner resolves every
        // package for every server.
        var name = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            name += rest[..<open]
            rest = rest[open...]
            if rest.hasPrefix("{arch}") {
                name += architecture.rawValue
                rest = rest.dropFirst("{arch}".count)
            } else if rest.hasPrefix("{lang}") {
                name += language
                rest = rest.dropFirst("{lang}".count)
            } else {
                name += "{"
                rest = rest.dropFirst()
            }
        }
        return name + rest
    }
}
