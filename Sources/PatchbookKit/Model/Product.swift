/// The two products a farm runs: WSS 3.0 alone, or Office SharePoint Server 2007 on top of it.
public enum Product: String, CaseIterable, Sendable, Comparable, Encodable {
    case wss3
    case moss2007

    /// WSS is updated before MOSS (seed, "Before you begin"), so this order is the install order.
    public static func < (lhs: Product, rhs: Product) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int { self == .wss3 ? 0 : 1 }

    /// The products installed on a farm of this product: MOSS runs on WSS.
    public var installed: [Product] {
        self == .wss3 ? [.wss3] : [.wss3, .moss2007]
    }
}

public enum Architecture: String, CaseIterable, Sendable, Encodable {
    case x86
    case x64
}
