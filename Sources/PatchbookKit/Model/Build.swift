/// A four-part SharePoint version such as 12.0.6219.1000 (a file version) or 12.0.0.6421 (a farm
/// version as the configuration database records it).
public struct Build: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let parts: [Int]

    /// Parses `12.0.6219.1000`; nil for anything that is not four dot-separated whole numbers.
    public init?(_ text: String) {
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count == 4 else { return nil }
        var parts: [Int] = []
        for piece in pieces {
            guard !piece.isEmpty, piece.count <= 6, piece.allSatisfy(\.isASCII), let value = Int(piece) else { return nil }
            parts.append(value)
        }
        self.parts = parts
    }

    public var description: String { parts.map(String.init).joined(separator: ".") }

    /// Critical on-demand hotfixes are numbered 12.0.xxxx.5001, .5002, ... after a cumulative
    /// update's 12.0.xxxx.5000 (seed, "Understanding software updates").
    public var isCriticalOnDemandPattern: Bool {
        parts[0] == 12 && parts[1] == 0 && (5001...5009).contains(parts[3])
    }

    public static func < (lhs: Build, rhs: Build) -> Bool { lhs.parts.lexicographicallyPrecedes(rhs.parts) }

}
