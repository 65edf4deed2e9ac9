import Foundation
import Testing
import Yams

@testable import PatchbookKit

/// Random values through every name check: none crashes, and each accepts exactly what README's
/// farm-description section documents, written here as a plain pattern per kind.
@Suite struct NamePropertyTests {
    /// Characters that matter to some rule, and a few that matter to none.
    private static let alphabet = Array(#"aZx09_-.\/:@' "<>|*?,#$[]%&=+;"#) + ["ü", "\u{7}", "\u{FEFF}", "\u{202E}", "\n"]

    private func randomValues(seed: UInt64, count: Int = 4000) -> [String] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { index in
            // Now and then a long value, to meet the length limits.
            let length = index % 50 == 0 ? Int.random(in: 100...300, using: &generator) : Int.random(in: 0...24, using: &generator)
            return String((0..<length).map { _ in Self.alphabet.randomElement(using: &generator) ?? "a" })
        }
    }

    /// Prefixes that make random values reach past a rule's first check.
    private static let prefixes: [NameRule: [String]] = [
        .account: ["", "CORP_NT\\", "contoso.local\\"], .url: ["", "http://", "https://sp_01:"],
        .path: ["", "\\\\FILE_SRV01\\", "D:\\"], .sqlServer: ["", "SQL_01\\", "SQL01,"], .language: ["", "de-"],
    ]

    private static let documented: [NameRule: String] = [
        .netbios: #"^[A-Za-z0-9_-]{1,15}$"#,
        .sqlServer: #"^[A-Za-z0-9][A-Za-z0-9._-]{0,252}(\\[A-Za-z0-9_$#]{1,16})?(,[0-9]{1,5})?$"#,
        .account: #"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\[^"/\\\[\]:;|=,+*?<>@]{1,104}$"#,
        .language: #"^[A-Za-z]{2,3}(-[A-Za-z]{2,4}){1,2}$"#,
        .solution: #"^[^\\/:*?"<>|]{1,251}\.[wW][sS][pP]$"#,
        .path: #"^(\\\\[A-Za-z0-9][A-Za-z0-9._-]*\\[^\\"<>|*?:][^"<>|*?:]*|[A-Za-z]:\\[^"<>|*?:]*)$"#,
    ]

    private func hasControl(_ value: String) -> Bool { value.unicodeScalars.contains(where: Printable.isControl) }

    @Test(arguments: [NameRule.netbios, .sqlServer, .account, .language, .solution, .path])
    func patternRulesAcceptExactlyWhatIsDocumented(_ rule: NameRule) throws {
        let pattern = try #require(Self.documented[rule])
        for prefix in Self.prefixes[rule] ?? [""] {
            for value in randomValues(seed: UInt64(pattern.count + prefix.count)).map({ prefix + $0 }) {
                let accepted = rule.problem(with: value) == nil
                let documented = !hasControl(value) && value.count <= rule.maximumLength && NameRule.matches(value, pattern)
                #expect(accepted == documented, "\(rule) \(Printable.escape(value))")
            }
        }
    }

    /// URLs: http or https, a host of letters, digits, '.', '-', '_', a port from 1 to 65535, no
    /// user name, and no space, quote or angle bracket anywhere.
    @Test func urlsAcceptExactlyWhatIsDocumented() {
        let shape = #"^[hH][tT][tT][pP][sS]?://[A-Za-z0-9][A-Za-z0-9._-]*(:[0-9]{1,5})?([/?#][^ "<>]*)?$"#
        for value in Self.prefixes[.url, default: []].flatMap({ prefix in randomValues(seed: 5).map { prefix + $0 } }) {
            let accepted = NameRule.url.problem(with: value) == nil
            if accepted {
                #expect(NameRule.matches(value, shape) && !hasControl(value) && value.count <= 2048, "\(Printable.escape(value))")
                #expect(port(of: value).map { (1...65535).contains($0) } ?? true, "\(value)")
            } else if NameRule.matches(value, shape), !hasControl(value), port(of: value).map({ (1...65535).contains($0) }) ?? true {
                #expect(URL(string: value) == nil, "a URL of the documented shape was rejected: \(value)")
            }
        }
    }

    private func port(of url: String) -> Int? {
        let rest = url.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).dropFirst(2).first ?? ""
        let authority = rest.prefix { !"/?#".contains($0) }
        return authority.split(separator: ":", omittingEmptySubsequences: false).dropFirst().first.flatMap { Int($0) }
    }

    /// Databases: at most 128 characters, no double quote, no space at either end, no control character.
    @Test func databaseNamesAcceptExactlyWhatIsDocumented() {
        for value in randomValues(seed: 9) {
            let documented =
                !hasControl(value) && value.count <= 128 && !value.unicodeScalars.contains("\"")
                && value.first != " " && value.last != " "
            #expect((NameRule.database.problem(with: value) == nil) == documented, "\(Printable.escape(value))")
        }
        // A quote that a combining mark joins into one character is still a quote in the script.
        #expect(NameRule.database.problem(with: "WSS_\"\u{301}1") != nil)
    }

    /// Accounts and paths are read by scalars too: a combining mark does not hide a `\`, a `"` or an `@`.
    @Test func combiningMarksHideNoSeparatorOrQuote() {
        #expect(NameRule.account.problem(with: #"CONTOSO\us"\#u{301}er"#) != nil)
        #expect(NameRule.account.problem(with: "CONTOSO\\us@\u{301}er") != nil)
        #expect(NameRule.account.problem(with: "CONTOSO\\\u{301}user") == nil)
        #expect(NameRule.account.problem(with: "CONTOSO\\Jürgen") == nil)
        #expect(NameRule.path.problem(with: #"D:\a"\#u{301}b"#) != nil)
        #expect(NameRule.path.problem(with: #"\\srv\sh"\#u{301}are"#) != nil)
        #expect(NameRule.path.problem(with: #"\\srv\Übergabe"#) == nil)
    }

    /// The nesting bound counts what YAML nests: random documents whose names are full of
    /// brackets and quotes (outside collections), with collections nested to random depths behind
    /// anchors, tags and keys, are refused exactly when the collections nest deeper than the bound.
    @Test func nestingBoundCountsCollectionsNotNames() {
        var generator = SeededGenerator(seed: 2007)
        for _ in 0..<300 {
            let depth = Int.random(in: 150...260, using: &generator)
            let names =
                (0..<2).map { _ in Self.bracketNames.randomElement(using: &generator) ?? "a" }
                + [Self.bracketKeys.randomElement(using: &generator) ?? "list"]
            let chain = flowChain(depth: depth, &generator)
            let text = "farm:\n  name: \(names[0])\n  id: \(names[1])\n  \(names[2]): \(chain)\nservers:\n  - \(names[0])\n"
            let result = YAMLDocument.parse(data: Data(text.utf8), file: "fuzz.yaml")
            if case .success(let document) = result {
                #expect(depth <= YAMLDocument.maximumDepth, "a nesting of \(depth) was let through")
                #expect(self.depth(document.root) >= depth, "the generator nests as meant")
            } else {
                #expect(depth > YAMLDocument.maximumDepth, "a nesting of \(depth) was refused: \(text.prefix(300))")
            }
        }
    }

    private static let bracketNames = [
        "Contoso [[[[", "'[[{{ '' [['", #""[[ \" {{ [""#, "a [b] {c}", "x#[[ [", #"O'Brien [[ "x" [["#, "a - [[ ? {{",
    ]
    private static let bracketKeys = ["list", "'[[ list'", #""{{ list""#, "list [["]

    /// Collections nested `depth` deep, each opened behind an anchor, a tag or nothing, with a
    /// plain or quoted value beside the next one.
    private func flowChain(depth: Int, _ generator: inout SeededGenerator) -> String {
        var open = "", close = ""
        for level in 0..<depth {
            let prefix = ["", "&a\(level) ", "!t ", ""].randomElement(using: &generator) ?? ""
            let sibling = ["", "x, ", "'y', ", "\"z\", "].randomElement(using: &generator) ?? ""
            if Bool.random(using: &generator) {
                open += prefix + "[" + sibling
                close = "]" + close
            } else {
                open += prefix + "{" + sibling.replacingOccurrences(of: ", ", with: ": v, ") + "k\(level): "
                close = "}" + close
            }
        }
        return open + "end" + close
    }

    /// Deep collections behind anchors, tags, quoted keys and sequence dashes are still counted.
    @Test(arguments: ["key: &a ", "key: !!seq ", "\"key[\": ", "- ", "? ", "'[': ", "a: b\n  'c\nkey: "])
    func deepCollectionsAreCountedWhereverTheyStart(_ prefix: String) {
        let text = prefix + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n"
        guard case .failure(let diagnostic) = YAMLDocument.parse(data: Data(text.utf8), file: "deep.yaml") else {
            Issue.record("nesting of 300 was let through after \(prefix)")
            return
        }
        #expect(diagnostic.message == "nesting is deeper than 200 levels")
    }

    /// The scan reads bytes: a character of two, three or four bytes is one column, and a
    /// quotation mark that is not ASCII opens no quoted value.
    @Test func deepNestingIsPlacedByCharacters() {
        let text = "é€😀„: " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n"
        guard case .failure(let diagnostic) = YAMLDocument.parse(data: Data(text.utf8), file: "deep.yaml") else {
            Issue.record("nesting of 300 was let through")
            return
        }
        #expect(diagnostic.message == "nesting is deeper than 200 levels")
        #expect(diagnostic.location.line == 1 && diagnostic.location.column == 207)
    }

    /// The node count is skipped for a short text without aliases: such a text never holds more
    /// than two nodes per byte, however its values are left empty.
    @Test func shortTextsWithoutAliasesStayUnderTheNodeBound() {
        var random = SeededGenerator(seed: 17)
        let pieces = ["a:", " ", "\n", "- ", "-", "? ", "?", ": ", ",", "[", "]", "{", "}", "b", "  ", "#c\n", "'x'", "|\n", "&n "]
        var parsed = 0
        for _ in 0..<10_000 {
            let text = (0..<Int.random(in: 1...16, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            guard let root = try? Yams.compose(yaml: text) else { continue }
            parsed += 1
            #expect(YAMLDocument.nodeCount(root, limit: .max) <= 2 * text.utf8.count + 1, "\(text.debugDescription)")
        }
        #expect(parsed > 1_000)
        #expect(!YAMLDocument.mayExpand("servers:\n  - name: a\n") && YAMLDocument.mayExpand("a: &x [1]\nb: *x\n"))
    }

    /// Block nesting by indentation is bounded too, whatever the line ends: the first line
    /// indented past the bound is named.
    @Test(arguments: ["\n", "\r\n"])
    func deepIndentationIsAnError(_ newline: String) {
        let text = (0..<250).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: newline) + " end" + newline
        guard case .failure(let diagnostic) = YAMLDocument.parse(data: Data(text.utf8), file: "deep.yaml") else {
            Issue.record("indentation of 250 levels was let through")
            return
        }
        #expect(diagnostic.message == "nesting is deeper than 200 levels")
        #expect(diagnostic.location.line == 202 && diagnostic.location.column == 1)
    }

    private func depth(_ node: Node) -> Int {
        var deepest = 0
        var stack = [(node, 1)]
        while let (next, level) = stack.popLast() {
            deepest = max(deepest, level)
            switch next {
            case .mapping(let mapping): for (key, value) in mapping { stack.append((key, level + 1)); stack.append((value, level + 1)) }
            case .sequence(let sequence): stack.append(contentsOf: sequence.map { ($0, level + 1) })
            default: break
            }
        }
        return deepest
    }
}
