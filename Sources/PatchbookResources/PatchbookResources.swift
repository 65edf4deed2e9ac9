import Foundation

/// The data that ships inside patchbook: `Content/`, the update catalog.
public enum PatchbookResources {
    /// The built-in `Content/` folder.
    public static var content: URL? { Bundle.module.url(forResource: "Content", withExtension: nil) }}
