import Mustache

/// A value templates read: a small struct that lists its fields once, each with its name in the
/// templates, what it means (docs/templates.md is written from these) and how it is read. swift-mustache
/// looks names up through `MustacheParent`, so a template sees exactly these fields and nothing else.
protocol TemplateView: MustacheParent {
    static var fields: ViewFields<Self> { get }
    /// The view whose names this one answers after its own (a page answers the farm's).
    var parentView: (any TemplateView)? { get }
    /// The value of the field `name`, or absent; a view with a parent asks it next.
    func value(_ name: FieldName) -> TemplateValue
    /// What a template sees of the view, as bytes (`Fingerprint`). A requirement, so that each
    /// kind of view has its own compiled copy instead of going through generic code.
    func appendFingerprint(to key: inout [UInt8])
}

extension TemplateView {
    var parentView: (any TemplateView)? { nil }

    func appendFingerprint(to key: inout [UInt8]) { Fingerprint.appendFields(of: self, to: &key) }

    func value(_ name: FieldName) -> TemplateValue { Self.fields.value(name, of: self) }

    func value(named name: String) -> TemplateValue { value(FieldName(name)) }

    /// The field `name` of this view, or else of `parent`: for a view that answers its parent's
    /// names after its own. `parent` keeps its type, so a lookup that falls through copies nothing.
    func value(_ name: FieldName, orElseOf parent: some TemplateView) -> TemplateValue {
        let own = Self.fields.value(name, of: self)
        if case .absent = own { return parent.value(name) }
        return own
    }

    func child(named name: String) -> Any? { value(named: name).any }

    /// Every name this view answers, with its value: its own fields, then its parent's.
    var entries: [(name: String, value: Any?)] {
        Self.fields.list.map { ($0.name, $0.value(self).any) } + (parentView?.entries ?? [])
    }
}

/// A name templates look up, as a number of its own: a view finds its field at that place in an
/// array, instead of hashing the name at every tag it renders. Only the number is held, so that
/// copying a name copies no string: every lookup of every tag copies one, on all cores at once.
struct FieldName: Sendable {
    let id: Int

    init(_ text: String) {
        id = Self.registry.update { registry in
            if let id = registry.ids[text] { return id }
            registry.texts.append(text)
            registry.ids[text] = registry.texts.count - 1
            return registry.texts.count - 1
        }
    }

    /// The name as templates write it (for the rare reader that needs the text, not the number).
    var text: String { Self.registry.update { $0.texts[id] } }

    private struct Registry {
        var ids: [String: Int] = [:]
        var texts: [String] = []
    }

    private static let registry = Locked(Registry())
}

/// The fields of one kind of view, found by the number of their name.
struct ViewFields<View>: Sendable {
    struct Field: Sendable {
        let name: String
        let meaning: String
        let value: @Sendable (View) -> TemplateValue
    }

    let list: [Field]
    /// Each field's place in `list` by the id of its name (`FieldName`), -1 for names it lacks.
    private let positions: [Int]

    init(_ list: [Field]) {
        self.list = list
        let ids = list.map { FieldName($0.name).id }
        var positions = Array(repeating: -1, count: (ids.max() ?? -1) + 1)
        for (position, id) in ids.enumerated() where positions[id] < 0 { positions[id] = position }
        self.positions = positions
    }

    func value(_ name: FieldName, of view: View) -> TemplateValue {
        guard name.id < positions.count, positions[name.id] >= 0 else { return .absent }
        return list[positions[name.id]].value(view)
    }

    var names: [String] { list.map(\.name) }
}

/// One initializer per kind of value, chosen by the closure's type, so that a view lists a field
/// as `.init("name", "meaning") { $0.name }` and its kind is known without a cast.
extension ViewFields.Field {
    init(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> String) {
        self.init(name: name, meaning: meaning) { .text(value($0)) }
    }

    init(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> String?) {
        self.init(name: name, meaning: meaning) { TemplateValue(value($0)) }
    }

    init(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> Bool) {
        self.init(name: name, meaning: meaning) { .flag(value($0)) }
    }

    init<Child: TemplateView>(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> Child) {
        self.init(name: name, meaning: meaning) { .view(value($0)) }
    }

    init<Child: TemplateView>(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> Child?) {
        self.init(name: name, meaning: meaning) { TemplateValue(value($0)) }
    }

    init<Child: TemplateView>(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> [Child]) {
        self.init(name: name, meaning: meaning) { .list(value($0)) }
    }

    /// A number, rendered as Swift prints it.
    init(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> Int) {
        self.init(name: name, meaning: meaning) { .number(value($0)) }
    }

    init(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> Int?) {
        self.init(name: name, meaning: meaning) { view in value(view).map { .number($0) } ?? .absent }
    }

    /// A text, or false where there is none: a section over it is skipped, and a name inside it
    /// is not looked up further out, as it would be for an absent value.
    static func textOrFalse(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> String?) -> Self {
        Self(name: name, meaning: meaning) { view in value(view).map { .text($0) } ?? .flag(false) }
    }

    /// A field whose kinds differ.
    init(_ name: String, _ meaning: String, _ value: @escaping @Sendable (View) -> Any?) {
        self.init(name: name, meaning: meaning) { TemplateValue(any: value($0)) }
    }
}

/// What a template sees of a value, as bytes: two values get the same bytes exactly when every
/// template renders them alike. Each part is marked with its kind and length, so that no two
/// values run together into the same bytes. Step prose is shared between pages by these bytes.
/// Written as bytes, not strings: a checklist computes one per step, and interpolated strings
/// allocated for every part.
enum Fingerprint {
    static func append(_ value: TemplateValue, to key: inout [UInt8]) {
        switch value {
        case .absent:
            key.append(UInt8(ascii: "n"))
        case .text(let text):
            append(text, kind: "s", to: &key)
        case .flag(let flag):
            key.append(UInt8(ascii: flag ? "t" : "f"))
        case .list(let list):
            key.append(UInt8(ascii: "["))
            appendNumber(list.count, to: &key)
            list.appendElements(to: &key)
            key.append(UInt8(ascii: "]"))
        case .view(let view):
            view.appendFingerprint(to: &key)
        case .number(let number):
            append(String(number), kind: "o", to: &key)
        case .other(let value):
            append(String(describing: value), kind: "o", to: &key)
        }
    }

    static func append<Child: TemplateView>(_ list: [Child], to key: inout [UInt8]) {
        append(.list(list), to: &key)
    }

    /// `text` with its kind and length before it: `s5:hello`.
    static func append(_ text: String, kind: Unicode.Scalar, to key: inout [UInt8]) {
        key.append(UInt8(ascii: kind))
        appendNumber(text.utf8.count, to: &key)
        key.append(UInt8(ascii: ":"))
        key += text.utf8
    }

    private static func appendNumber(_ number: Int, to key: inout [UInt8]) {
        if number >= 10 { appendNumber(number / 10, to: &key) }
        key.append(UInt8(ascii: "0") + UInt8(number % 10))
    }

    /// A view (what `TemplateView.appendFingerprint` writes): in braces, its kind, then the value
    /// of each of its fields in their order. The kind fixes which fields follow, so their names
    /// are left out (they were half of a key's bytes); it is the kind's address in memory, which
    /// is all a key needs, as keys live only while the build runs.
    static func appendFields<View: TemplateView>(of view: View, to key: inout [UInt8]) {
        key.append(UInt8(ascii: "{"))
        appendKind(View.self, to: &key)
        for field in View.fields.list { append(field.value(view), to: &key) }
        key.append(UInt8(ascii: "}"))
    }

    /// The fields of `view` at these places in `View.fields`, each after its place.
    static func append<View: TemplateView>(_ view: View, fields places: [Int], to key: inout [UInt8]) {
        let list = View.fields.list
        appendKind(View.self, to: &key)
        for place in places where list.indices.contains(place) {
            appendNumber(place, to: &key)
            key.append(UInt8(ascii: ":"))
            append(list[place].value(view), to: &key)
        }
    }

    private static func appendKind(_ kind: Any.Type, to key: inout [UInt8]) {
        withUnsafeBytes(of: UInt(bitPattern: ObjectIdentifier(kind))) { key += $0 }
    }
}

/// A view held by reference, for the nested views templates read most (`{{farm.name}}`,
/// `{{#onServer}}`): reading a view held by value copies it, every field of it, into a new box
/// at each tag. Swift code reads the view's own properties through it (`base.farm.name`).
@dynamicMemberLookup
final class Shared<View: TemplateView & Sendable>: TemplateView, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let view: View

    init(_ view: View) { self.view = view }

    /// The view's fields, read through the box (for the documentation and the tests that walk views).
    static var fields: ViewFields<Shared> {
        ViewFields<Shared>(View.fields.list.map { field in .init(name: field.name, meaning: field.meaning) { field.value($0.view) } })
    }

    func value(_ name: FieldName) -> TemplateValue { view.value(name) }

    /// The view's own fingerprint: the box's fields are the view's, built anew at each use.
    func appendFingerprint(to key: inout [UInt8]) { view.appendFingerprint(to: &key) }

    subscript<Value>(dynamicMember path: KeyPath<View, Value>) -> Value { view[keyPath: path] }

    /// As a tag prints the view itself: alone, and (in its debug form) inside a list, an
    /// optional or another view.
    var description: String { String(describing: view) }
    var debugDescription: String { String(reflecting: view) }
}

/// A `Shared` box whatever view it holds: the kind of view templates see is the one inside.
protocol SharedView {
    var held: any TemplateView { get }
}

extension Shared: SharedView {
    var held: any TemplateView { view }
}
