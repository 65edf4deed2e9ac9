import Foundation

extension UnsafeBufferPointer<UInt8> {
    /// The first `byte` in `self[start..<end]` (to the end by default), found with memchr: pages
    /// and scripts are searched for line ends and marks that stand far apart.
    func index(of byte: UInt8, from start: Int, to end: Int? = nil) -> Int? {
        let end = end ?? count
        guard start < end, let base = baseAddress, let found = memchr(base + start, Int32(byte), end - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}
