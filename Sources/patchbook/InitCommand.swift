import ArgumentParser
import PatchbookKit

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Prints a commented starter farm description to fill in.",
        discussion: """
            Values to fill in read <like this>; until each is replaced, validate names it. The \
            comments say where to find each value on a live farm.

            Examples:
              patchbook init > my-farm.yaml
              patchbook init --product wss3 --standalone > team-site.yaml
            """
    )

    @Option(help: "moss2007 (Office SharePoint Server 2007) or wss3 (WSS 3.0 alone).")
    var product: StarterProduct = .moss2007

    @Flag(help: "A stand-alone (Basic) installation instead of a server farm.")
    var standalone = false

    func run() throws {
        try requireData()
        let (templates, log) = Templates.builtIn()
        try Terminal.report(log)
        guard let templates else { throw ExitCode.failure }
        try Terminal.write(
            try Terminal.rendering { try Starter.description(product: product.product, standalone: standalone, templates: templates) })
    }
}

enum StarterProduct: String, ExpressibleByArgument, CaseIterable {
    case moss2007, wss3

    var product: Product { self == .wss3 ? .wss3 : .moss2007 }
}
