/// The sections of the seed document ("Deploy software updates for Office SharePoint Server 2007")
/// that rules cite; plan.json names them in each step, and the checklists link rules to them.
public enum SeedSection: String, CaseIterable, Sendable, Encodable {
    case standAlone = "Stand-alone installations"
    case beforeYouBegin = "Before you begin"
    case sharedServices = "Shared services farm configurations"
    case preInstallation = "Pre-installation steps"
    case installation = "Installation steps"
    case largeFarm = "Large farm optimization"
    case verify = "Verify update completion and success"
    case addNewServers = "Add new servers to a server farm"
    case languageTemplatePacks = "Update language template packs"
}
