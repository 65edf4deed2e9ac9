import Foundation
import PatchbookResources

/// The JSON Schema (draft 2020-12) of the farm description, for editors: the YAML language server
/// completes and checks a farm file that names it. Built from the loader's own key lists and the
/// model's enumerations, so that the two cannot drift; each key's description and default come
/// from `Content/farm-description.yaml`. The schema says what its language can: keys, types,
/// allowed words, ranges. Name rules, levels and checks across the farm stay with `validate`.
public enum FarmSchema {
    /// One node of the schema, with the key path its description is filed under.
    indirect enum Node {
        case object([(key: String, node: Node)], required: [String])
        case array(Node)
        case string(choices: [String]? = nil)
        case integer(ClosedRange<Int>)
        case number
        /// A rate or a duration: above 0, at most the bound.
        case positive(Double)
        /// A date and time with its offset from UTC (`WindowTime`).
        case moment
        case boolean

        static func choices<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> Node where T.RawValue == String {
            .string(choices: type.allCases.map(\.rawValue))
        }
    }

    /// The description's structure, key by key, in the loader's order. Each key is written with
    /// its type, never matched to one by position; a test checks that the keys are the loader's.
    static var root: Node {
        .object(
            [
                ("farm", farm),
                (
                    "servers",
                    .array(
                        .object(
                            [
                                ("name", .string()), ("roles", .array(.choices(Server.Role.self))),
                                ("architecture", .choices(Architecture.self)), ("os", .choices(Server.OperatingSystem.self)),
                                ("current", .string()), ("joining", .boolean),
                            ], required: ["name"]))
                ),
                (
                    "databases",
                    .array(
                        .object(
                            [
                                ("name", .string()), ("kind", .choices(Database.Kind.self)), ("server", .string()),
                                ("webApplication", .string()), ("sizeGB", .number), ("siteCollections", .integer(0...10_000_000)),
                                ("mySites", .boolean), ("projectServer", .boolean),
                            ], required: ["name", "kind", "server"]))
                ),
                ("change", change),
            ], required: ["farm"])
    }

    private static var farm: Node {
        .object(
            [
                ("name", .string()), ("id", .string()), ("product", .choices(Product.self)),
                ("installation", .choices(Farm.Installation.self)), ("current", .string()), ("target", .string()),
                ("architecture", .choices(Architecture.self)), ("baseLanguage", .string()), ("languagePacks", .array(.string())),
                ("centralAdminPort", .integer(1...65535)),
                ("accounts", .object([("setup", .string()), ("centralAdminAppPool", .string())], required: [])),
                (
                    "sharedServices",
                    .object(
                        [
                            ("role", .choices(Farm.SharedServices.Role.self)), ("businessDataCatalog", .boolean),
                            ("otherFarmLevel", .string()),
                        ], required: [])
                ),
                ("search", .object([("leastPrivilege", .boolean), ("sharedServicesProvider", .string())], required: [])),
                (
                    "customizations",
                    .object(
                        [("modifiedSiteTemplates", .boolean), ("frontEndDocumented", .boolean), ("solutions", .array(.string()))],
                        required: [])
                ),
                (
                    "largeFarm",
                    .object([("detachContentDatabases", .boolean), ("parallelUpgradeServers", .integer(0...100))], required: [])
                ),
                ("packageShare", .string()), ("backupShare", .string()), ("dbaManagedDatabases", .boolean),
                (
                    "installedHotfixes",
                    .array(.object([("kb", .integer(1...99_999_999)), ("build", .string())], required: ["kb", "build"]))
                ),
            ], required: ["name", "product", "current", "target", "baseLanguage"])
    }

    /// The optional change-management details (`Change`).
    static var change: Node {
        let person = { (keys: [String]) in Node.object(keys.map { ($0, Node.string()) }, required: ["name"]) }
        return .object(
            [
                ("ticket", .string()),
                ("window", .object([("start", .moment), ("hours", .positive(168))], required: ["start", "hours"])),
                ("implementer", .string()), ("contacts", .array(person(["name", "role", "phone"]))),
                ("approvers", .array(person(["name", "role"]))), ("justification", .string()), ("testEvidence", .string()),
                ("assumptions", .object(FarmLoader.assumptionKeys.map { ($0.key, .positive($0.maximum)) }, required: [])),
            ], required: [])
    }

    /// What `Content/farm-description.yaml` says of one key: its meaning and, where it has one, its default.
    public struct KeyText: Sendable {
        public var description: String
        public var defaultValue: String?
    }

    /// Every key path of the schema (`farm.accounts.setup`, `servers[].name`), in order.
    public static var keyPaths: [String] { paths(root, prefix: "") }

    private static func paths(_ node: Node, prefix: String) -> [String] {
        switch node {
        case .object(let properties, _):
            return properties.flatMap { key, child in
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                return [path] + paths(child, prefix: path)
            }
        case .array(let item):
            return paths(item, prefix: prefix + "[]")
        default:
            return []
        }
    }

    /// The schema as JSON text, keys sorted, ending in a newline.
    public static func json(texts: [String: KeyText]) -> String {
        var schema = object(root, path: "", texts: texts)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = "https://patchbook.invalid/farm-description.schema.json"
        schema["title"] = "patchbook farm description, version 1"
        schema["description"] = texts[""]?.description
        let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? JSONSerialization.data(withJSONObject: schema, options: options) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func object(_ node: Node, path: String, texts: [String: KeyText]) -> [String: Any] {
        var out: [String: Any] = [:]
        switch node {
        case .object(let properties, let required):
            out["type"] = "object"
            out["additionalProperties"] = false
            if !required.isEmpty { out["required"] = required }
            var children: [String: Any] = [:]
            for (key, child) in properties {
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                var schema = object(child, path: childPath, texts: texts)
                if let text = texts[childPath] {
                    schema["description"] = text.description
                    if let value = text.defaultValue { schema["default"] = defaultValue(value, for: child) }
                }
                children[key] = schema
            }
            out["properties"] = children
        case .array(let item):
            out["type"] = "array"
            out["items"] = object(item, path: path + "[]", texts: texts)
        case .string(let choices):
            out["type"] = "string"
            if let choices { out["enum"] = choices }
        case .integer(let range):
            out["type"] = "integer"
            out["minimum"] = range.lowerBound
            out["maximum"] = range.upperBound
        case .number:
            out["type"] = "number"
            out["minimum"] = 0
            out["maximum"] = Limits.databaseGB
        case .positive(let maximum):
            out["type"] = "number"
            out["exclusiveMinimum"] = 0
            out["maximum"] = maximum
        case .moment:
            out["type"] = "string"
            out["pattern"] = #"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$"#
        case .boolean:
            out["type"] = "boolean"
        }
        return out
    }

    /// A default written as text in the YAML file, as the JSON value of the key's type.
    private static func defaultValue(_ text: String, for node: Node) -> Any {
        switch node {
        case .boolean: return text == "true"
        case .integer: return Int(text) ?? 0
        case .positive: return Double(text) ?? 0
        case .array: return [String]()
        default: return text
        }
    }
}

extension FarmSchema {
    /// Reads `Content/farm-description.yaml`: each key path's description and default.
    public static func texts(_ url: URL) -> (texts: [String: KeyText], log: DiagnosticLog) {
        var log = DiagnosticLog()
        let display = "Content/farm-description.yaml"
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8),
            let entries = YAMLDocument.plainValue(text) as? [String: Any]
        else {
            log.error(.start(of: display), "cannot read the key descriptions")
            return ([:], log)
        }
        var texts: [String: KeyText] = [:]
        for (path, entry) in entries {
            guard let fields = entry as? [String: Any], let description = fields["description"] as? String else {
                log.error(.start(of: display), "'\(path)' needs a description")
                continue
            }
            texts[path] = KeyText(description: description, defaultValue: fields["default"].map { "\($0)" })
        }
        return (texts, log)
    }
}

extension FarmSchema {
    /// The schema with the built-in key descriptions.
    public static func builtIn() -> (json: String, log: DiagnosticLog) {
        guard let content = PatchbookResources.content else {
            var log = DiagnosticLog()
            log.error(.start(of: "Content"), "the built-in content is missing from this installation of patchbook")
            return ("", log)
        }
        let (texts, log) = texts(content.appendingPathComponent("farm-description.yaml"))
        return (json(texts: texts), log)
    }
}

extension FarmSchema {
    /// Every key as a Markdown table (key, type, default, meaning), for docs/farm-description.md,
    /// from the same structure and descriptions as the schema.
    public static func keyTable(texts: [String: KeyText]) -> String {
        var rows = "| Key | Type | Default | Meaning |\n| --- | --- | --- | --- |\n"
        func walk(_ node: Node, _ path: String) {
            switch node {
            case .object(let properties, let required):
                for (key, child) in properties {
                    let childPath = path.isEmpty ? key : "\(path).\(key)"
                    let text = texts[childPath]
                    let fallback = required.contains(key) ? "required" : "none"
                    let meaning = (text?.description ?? "").replacingOccurrences(of: "|", with: "\\|")
                    rows += "| `\(childPath)` | \(typeName(child)) | \(text?.defaultValue.map { "`\($0)`" } ?? fallback) | \(meaning) |\n"
                    walk(child, childPath)
                }
            case .array(let item):
                walk(item, path + "[]")
            default:
                break
            }
        }
        walk(root, "")
        return rows
    }

    private static func typeName(_ node: Node) -> String {
        switch node {
        case .object: return "map"
        case .array(let item): return "list of \(typeName(item))"
        case .string(let choices): return choices.map { $0.map { "`\($0)`" }.joined(separator: ", ") } ?? "text"
        case .integer(let range): return "whole number, \(range.lowerBound) to \(range.upperBound)"
        case .number: return "number, 0 to \(Printable.number(Limits.databaseGB))"
        case .positive(let maximum): return "number above 0, at most \(Printable.number(maximum))"
        case .moment: return "date and time with offset"
        case .boolean: return "`true` or `false`"
        }
    }
}
