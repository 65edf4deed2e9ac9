import Testing

@testable import PatchbookKit

/// `ByteKey` hashes a digest of its bytes: keys that differ anywhere, or only in length, must
/// get digests of their own, or step prose shared by its fingerprint would pile into one bucket.
struct ByteKeyTests {
    @Test func everyOneByteChangeGivesItsOwnDigest() {
        let key = (0..<70).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        var digests: Set<UInt64> = [ByteKey.digest(key)]
        var variants = 0
        for position in key.indices {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var changed = key
                changed[position] ^= flip
                digests.insert(ByteKey.digest(changed))
                variants += 1
            }
        }
        #expect(digests.count == variants + 1)
    }

    @Test func runsOfZerosDifferByLength() {
        let digests = Set((0...100).map { ByteKey.digest([UInt8](repeating: 0, count: $0)) })
        #expect(digests.count == 101)
    }

    @Test func equalBytesFindOneEntry() {
        var table: [ByteKey: Int] = [:]
        for length in 0..<40 { table[ByteKey(bytes: Array("fingerprint".utf8) + [UInt8](repeating: 7, count: length))] = length }
        #expect(table.count == 40)
        #expect(table[ByteKey(bytes: Array("fingerprint".utf8) + [7, 7, 7])] == 3)
        #expect(table[ByteKey(bytes: Array("fingerprinT".utf8))] == nil)
    }
}
