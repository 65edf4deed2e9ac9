/// A value as a template sees it, with its kind known without a runtime cast: what a view's
/// field gives, and what `CompiledTemplate` renders. swift-mustache receives the same value as
/// `any` (`TemplateValue.any`), so both renderers read the one definition of each field.
enum TemplateValue {
    /// Absent: renders nothing, and a name that gives it is looked up further out.
    case absent
    case text(String)
    case flag(Bool)
    case view(any TemplateView)
    case list(any TemplateList)
    /// A number, printed as Swift prints it (as `other` would, without asking its type).
    case number(Int)
    /// Anything else: rendered as Swift describes it, as swift-mustache does.
    case other(Any)

    /// The value for swift-mustache and for the tests that walk views.
    var any: Any? {
        switch self {
        case .absent: nil
        case .text(let text): text
        case .flag(let flag): flag
        case .view(let view): view
        case .list(let list): list.anyElements
        case .number(let number): number
        case .other(let value): value
        }
    }

    /// A value given as `Any` (a field whose kinds differ, such as a text or false).
    init(any value: Any?) {
        switch value {
        case nil: self = .absent
        case let text as String: self = .text(text)
        case let flag as Bool: self = .flag(flag)
        case let number as Int: self = .number(number)
        case let view as any TemplateView: self = .view(view)
        case let list as [Any]: self = .list(AnyList(items: list))
        case let value?: self = .other(value)
        }
    }

    init(_ text: String?) { self = text.map(TemplateValue.text) ?? .absent }
    init(_ view: (any TemplateView)?) { self = view.map(TemplateValue.view) ?? .absent }
}

/// A list of views, read by position without converting the array.
protocol TemplateList {
    var count: Int { get }
    func element(_ index: Int) -> TemplateValue
    var anyElements: [Any] { get }
    /// Its elements' fingerprints, each as `Fingerprint.append(element(index), to:)` writes it.
    func appendElements(to key: inout [UInt8])
}

extension TemplateList {
    func appendElements(to key: inout [UInt8]) {
        for index in 0..<count { Fingerprint.append(element(index), to: &key) }
    }
}

extension Array: TemplateList where Element: TemplateView {
    func element(_ index: Int) -> TemplateValue { .view(self[index]) }
    var anyElements: [Any] { self }
    /// Each element as the view it is, without putting it in a box of `any TemplateView`.
    func appendElements(to key: inout [UInt8]) {
        for element in self { element.appendFingerprint(to: &key) }
    }
}

/// A list given as `Any` (by a field whose kinds differ).
struct AnyList: TemplateList {
    let items: [Any]
    var count: Int { items.count }
    func element(_ index: Int) -> TemplateValue { TemplateValue(any: items[index]) }
    var anyElements: [Any] { items }
}
