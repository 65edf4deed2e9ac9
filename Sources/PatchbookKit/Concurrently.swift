import Foundation

/// Work spread over the cores: two independent pieces side by side (start-up reads the catalog
/// while it parses the templates), or one transform of many items (the templates, a farm's pages).
public enum Concurrently {
    /// `first` on another thread while `second` runs on this one (not in a `concurrentPerform`,
    /// which would leave `second` no other core for its own).
    public static func both<First: Sendable, Second: Sendable>(
        _ first: @escaping @Sendable () -> First, _ second: () -> Second
    ) -> (First, Second) {
        let result = Locked<First?>(nil)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            let value = first()
            result.update { $0 = value }
        }
        let other = second()
        group.wait()
        // The group is done, so `first` has run and stored its value.
        guard let one = result.value else { preconditionFailure("the work of another thread did not finish") }
        return (one, other)
    }

    /// `transform` of each item, in order, spread over every core.
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        let results = Locked<[Int: Result]>([:])
        let chunks = min(items.count, ProcessInfo.processInfo.activeProcessorCount * 4)
        guard chunks > 0 else { return [] }
        withoutActuallyEscaping(transform) { transform in
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var done: [Int: Result] = [:]
                for index in stride(from: chunk, to: items.count, by: chunks) { done[index] = transform(items[index]) }
                results.update { $0.merge(done) { first, _ in first } }
            }
        }
        let all = results.value
        return items.indices.compactMap { all[$0] }
    }
}
