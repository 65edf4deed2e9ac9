import Foundation

/// The data that ships inside patchbook: `Content/` (the update catalog and the checklist prose)
/// and `Templates/` (the layout of every page and script).
public enum PatchbookResources {
    /// The built-in `Content/` folder.
    public static var content: URL? { Bundle.module.url(forResource: "Content", withExtension: nil) }

    /// The built-in `Templates/` folder.
    public static var templates: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }
}
