/// A page or script that could not be written: never left empty or replaced by a stand-in.
public enum RenderError: Error, Sendable, CustomStringConvertible {
    /// A template the site needs is not there (loading checks for them, so this is a defect).
    case missingTemplate(String)
    /// plan.json or the catalog could not be written as JSON (a number too large, say).
    case json(String)

    public var description: String {
        switch self {
        case .missingTemplate(let name): return "the template '\(name)' is missing"
        case .json(let reason): return "cannot write JSON: \(reason)"
        }
    }
}
