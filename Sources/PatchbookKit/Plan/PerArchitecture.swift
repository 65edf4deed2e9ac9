/// A farm-wide list built from one list per architecture the servers run: the lists hold the same
/// items for each architecture (same levels, products and languages), so they are interleaved item
/// by item, x86 before x64, and numbered from 1 so that a mixed farm downloads both sets.
enum PerArchitecture {
    static func interleaved<Item>(
        _ architectures: Set<Architecture>, order: WritableKeyPath<Item, Int>, _ list: (Architecture) -> [Item]
    ) -> [Item] {
        let lists = Architecture.allCases.filter(architectures.contains).map(list)
        let merged = (0..<(lists.first?.count ?? 0)).flatMap { index in lists.map { $0[index] } }
        return merged.enumerated().map { offset, item in
            var numbered = item
            numbered[keyPath: order] = offset + 1
            return numbered
        }
    }
}
