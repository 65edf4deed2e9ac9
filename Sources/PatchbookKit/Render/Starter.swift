/// The starter farm description of `patchbook init` (`Templates/init/farm.yaml`): every value to
/// fill in is a `<placeholder>` that validation names until it is replaced.
public enum Starter {
    public static func description(product: Product, standalone: Bool, templates: Templates) throws -> String {
        try templates.render("init/farm.yaml", view(product: product, standalone: standalone))
    }

    static func view(product: Product, standalone: Bool) -> StarterView {
        StarterView(product: product.rawValue, moss: product == .moss2007, standalone: standalone, file: "my-farm.yaml")
    }
}
