import Mustache

/// A template as swift-mustache parsed it, turned once into nodes that render over
/// `TemplateValue`s. swift-mustache stays the parser (syntax, standalone lines, partial
/// indentation, pragmas and their escapers are its) and the reference renderer; this renders the
/// same tokens by the same rules without its runtime casts, which took most of a build's time.
/// A template using what this does not render (transforms, blocks, inheritance, a partial named
/// by a value) is not compiled, and swift-mustache renders it. Tests render every page both ways.
struct CompiledTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case value(Path, escaped: Bool)
        case section(Path, inverted: Bool, body: CompiledTemplate)
        /// A partial, with the indentation of its standalone tag (nil when it is not standalone).
        case partial(String, indentation: String?)
        /// A `{{% CONTENT_TYPE: ... }}` pragma: values after it are escaped by that type.
        case contentType(any MustacheContentType)
    }

    /// A name as a tag writes it: `.`, `name`, `a.b.c`, or `.a` (looked up in the innermost value only).
    struct Path: Sendable {
        let names: [FieldName]
        let innermostOnly: Bool

        init(_ name: String) {
            names = name == "." ? [] : name.split(separator: ".").map { FieldName(String($0)) }
            innermostOnly = name.first == "."
        }

        /// The name as a tag would write it, read back as this same path (`PrecompiledTemplates`).
        var name: String {
            let joined = names.map(\.text).joined(separator: ".")
            return innermostOnly ? "." + joined : joined
        }
    }

    let nodes: [Node]

    init(nodes: [Node]) {
        self.nodes = nodes
    }

    /// Nil when the template holds a token this does not render (see above).
    init?(_ template: MustacheTemplate) {
        guard let tokens = Mirror(reflecting: template).descendant("tokens") as? [Any] else { return nil }
        var nodes: [Node] = []
        for token in tokens {
            guard let node = Self.node(token) else { return nil }
            nodes.append(node)
        }
        self.nodes = nodes
    }

    /// The deepest nesting of sections.
    var depth: Int {
        nodes.reduce(0) { deepest, node in
            guard case .section(_, _, let body) = node else { return deepest }
            return max(deepest, 1 + body.depth)
        }
    }

    /// The partials this template includes, in order, sections included.
    var partials: [String] { includes().map(\.name) }

    /// Each partial this template includes, in order, with the number of sections open around it.
    func includes(depth: Int = 0) -> [(name: String, depth: Int)] {
        nodes.flatMap { node -> [(name: String, depth: Int)] in
            switch node {
            case .partial(let name, _): [(name, depth)]
            case .section(_, _, let body): body.includes(depth: depth + 1)
            default: []
            }
        }
    }

    /// One token of swift-mustache's `MustacheTemplate.Token`, read through its mirror: the case's
    /// name, and its associated values cast to the tuple that case holds.
    private static func node(_ token: Any) -> Node? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let payload = mirror.children.first, let kind = payload.label else { return nil }
        let value = payload.value
        switch kind {
        case "text":
            return (value as? String).map(Node.text)
        case "variable", "unescapedVariable":
            guard let (name, transforms) = value as? (name: String, transforms: [String]), transforms.isEmpty else { return nil }
            return .value(Path(name), escaped: kind == "variable")
        case "section", "invertedSection":
            guard let (name, transforms, template) = value as? (name: String, transforms: [String], template: MustacheTemplate),
                transforms.isEmpty, let body = CompiledTemplate(template)
            else { return nil }
            return .section(Path(name), inverted: kind == "invertedSection", body: body)
        case "partial":
            guard let (name, indentation, inherits) = value as? (String, indentation: String?, inherits: [String: MustacheTemplate]?),
                inherits == nil
            else { return nil }
            return .partial(name, indentation: indentation)
        case "contentType":
            return (value as? any MustacheContentType).map { .contentType(HTMLEscape.replacing($0)) }
        default:
            return nil
        }
    }

    /// swift-mustache's escaper for a template without a pragma (HTML).
    static let defaultContentType = ContentTypes.type(for: .html)
}

/// Each content type a pragma can name, as a compiled pragma holds it.
enum ContentTypes {
    /// swift-mustache's own, HTML and TEXT, taken from a parsed pragma: their types are not public.
    private static let swiftMustaches: [(language: Escapers.Language, type: any MustacheContentType)] = {
        [Escapers.Language.html, .text].compactMap { language in
            guard let template = try? MustacheTemplate(string: "{{% CONTENT_TYPE: \(language.rawValue) }}"),
                case .contentType(let type)? = CompiledTemplate(template)?.nodes.first
            else { return nil }
            return (language, type)
        }
    }()

    static func type(for language: Escapers.Language) -> (any MustacheContentType)? {
        Escapers.escapers.first { $0.language == language } ?? swiftMustaches.first { $0.language == language }?.type
    }

    /// The language of a compiled pragma's content type. Ours share one type and say theirs;
    /// swift-mustache's are told apart by their types.
    static func language(of type: any MustacheContentType) -> Escapers.Language? {
        if let escaper = type as? Escapers.Escaper { return escaper.language }
        let kind = ObjectIdentifier(Swift.type(of: type))
        return swiftMustaches.first { ObjectIdentifier(Swift.type(of: $0.type)) == kind }?.language
    }
}
