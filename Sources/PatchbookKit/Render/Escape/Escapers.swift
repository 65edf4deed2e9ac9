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

    private static let registration: Void = {
        MustacheContentTypes.register(Escaper(escape: MarkdownEscape.text), named: Language.markdown.rawValue)
        MustacheContentTypes.register(Escaper(escape: MarkdownEscape.codeSpan), named: Language.markdownCode.rawValue)
        MustacheContentTypes.register(Escaper(escape: CommandEscape.prompt), named: Language.cmd.rawValue)
        MustacheContentTypes.register(Escaper(escape: CommandEscape.batch), named: Language.batch.rawValue)
        MustacheContentTypes.register(Escaper(escape: ScriptEscape.powershell), named: Language.powershell.rawValue)
        MustacheContentTypes.register(Escaper(escape: ScriptEscape.tsql), named: Language.tsql.rawValue)
    }()

    /// Call before parsing templates; registering again is harmless.
    public static func register() { registration }

    private struct Escaper: MustacheContentType {
        let escape: @Sendable (String) -> String
        func escapeText(_ text: String) -> String { escape(text) }
    }
}
