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
    }

    let nodes: [Node]

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

    /// The partials this template includes, sections included.
    var partials: [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case .partial(let name, _): [name]
            case .section(_, _, let body): body.partials
            default: []
            }
        }
    }

    /// One token of swift-mustache's `MustacheTemplate.Token`, read through its mirror: the case's
    /// name and its associated values, by label.
    private static func node(_ token: Any) -> Node? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let payload = mirror.children.first, let kind = payload.label else { return nil }
        // Most tokens are text, whose one value needs no second mirror.
        if kind == "text" { return (payload.value as? String).map(Node.text) }
        let fields = Dictionary(Mirror(reflecting: payload.value).children.map { ($0.label ?? "", $0.value) }) { first, _ in first }
        let noTransforms = (fields["transforms"] as? [String])?.isEmpty == true
        switch kind {
        case "variable", "unescapedVariable":
            guard let name = fields["name"] as? String, noTransforms else { return nil }
            return .value(Path(name), escaped: kind == "variable")
        case "section", "invertedSection":
            guard let name = fields["name"] as? String, noTransforms, let template = fields["template"] as? MustacheTemplate,
                let body = CompiledTemplate(template)
            else { return nil }
            return .section(Path(name), inverted: kind == "invertedSection", body: body)
        case "partial":
            // Both associated values are optionals: bound here to their content, nil or not.
            guard let name = fields[".0"] as? String, let indentation = fields["indentation"].flatMap(unwrapped),
                let inherits = fields["inherits"].flatMap(unwrapped), inherits == nil
            else { return nil }
            return .partial(name, indentation: indentation as? String)
        case "contentType":
            return (payload.value as? any MustacheContentType).map(Node.contentType)
        default:
            return nil
        }
    }

    /// An optional held in `Any`, one level unwrapped: `.some(nil)` for a nil, nil when `value` is not an optional.
    private static func unwrapped(_ value: Any) -> Any?? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return nil }
        return .some(mirror.children.first?.value)
    }

    /// swift-mustache's escaper for a template without a pragma (HTML), taken from a parsed pragma
    /// since the type itself is not public.
    static let defaultContentType: (any MustacheContentType)? = {
        guard let template = try? MustacheTemplate(string: "{{% CONTENT_TYPE: HTML }}"),
            case .contentType(let type)? = CompiledTemplate(template)?.nodes.first
        else { return nil }
        return type
    }()
}
