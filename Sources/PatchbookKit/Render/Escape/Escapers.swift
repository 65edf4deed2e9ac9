import Mustache

/// The escapers of every language a value can land in. A template names its language with
/// `{{% CONTENT_TYPE: NAME }}`; `{{value}}` is then escaped for it. Registered once, before any
/// template is parsed (swift-mustache looks the pragma up while parsing).
public enum Escapers {
    /// Content type names, as templates write them in their pragma.
    public enum Language: String, CaseIterable, Sendable {
        case markdown = "MARKDOWN"
        /// A whole value as a Markdown code span (`markdown/code` partial), shown exactly as it is.
        case markdownCode = "MARKDOWN_CODE"
        case html = "HTML"
        /// Plain text, nothing escaped (swift-mustache's own): warning texts in plan.json.
        case text = "TEXT"
        /// A command typed at a Command Prompt.
        case cmd = "CMD"
        /// A line of a .cmd batch file.
        case batch = "BATCH"
        case powershell = "POWERSHELL"
        case tsql = "TSQL"
    }

    /// Ours: every language but swift-mustache's own HTML and TEXT.
    static let escapers: [Escaper] = [
        Escaper(language: .markdown, escape: MarkdownEscape.text), Escaper(language: .markdownCode, escape: MarkdownEscape.codeSpan),
        Escaper(language: .cmd, escape: CommandEscape.prompt), Escaper(language: .batch, escape: CommandEscape.batch),
        Escaper(language: .powershell, escape: ScriptEscape.powershell), Escaper(language: .tsql, escape: ScriptEscape.tsql),
    ]

    private static let registration: Void = {
        for escaper in escapers { MustacheContentTypes.register(escaper, named: escaper.language.rawValue) }
    }()

    /// Call before parsing templates; registering again is harmless.
    public static func register() { registration }

    /// One of ours: all share this type, so each says which language it escapes for (a
    /// precompiled template names its pragmas).
    struct Escaper: MustacheContentType {
        let language: Language
        let escape: @Sendable (String) -> String
        func escapeText(_ text: String) -> String { escape(text) }
    }
}
