import Foundation

/// The folders that ship inside patchbook: `Content/` (catalog data and prose) and `Templates/`.
public enum PatchbookResources {
    /// The built-in `Content/` folder.
    public static var content: URL? { Bundle.module.url(forResource: "Content", withExtension: nil) }
    /// The built-in `Templates/` folder.
    public static var templates: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }
}
