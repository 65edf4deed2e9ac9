/// The largest farm description patchbook reads: far above any real SharePoint 2007 farm (the
/// largest had tens of servers and a few hundred content databases), low enough that a mistaken or
/// hostile file cannot make a build run for hours or fill a disk. Each is a located error, and
/// README's "The farm description" lists them. Per-kind name lengths are `NameRule.maximumLength`.
public enum Limits {
    public static let servers = 1_000
    public static let databases = 10_000
    public static let languagePacks = 100
    public static let solutions = 10_000
    public static let installedHotfixes = 1_000
    /// A database's size in GB: 10 PB, far above SQL Server 2005's largest real databases, so that
    /// sums of sizes stay finite.
    public static let databaseGB = 10_000_000.0
    /// Contacts, and approvers, of a change.
    public static let people = 100
    /// Any single value, of any key (names have their own, lower, limits).
    public static let valueLength = 4_096
}
