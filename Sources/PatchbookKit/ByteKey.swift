/// Bytes as a dictionary key, hashed as one run: `[UInt8]` hashes itself a byte at a time, which
/// was a twentieth of a build's CPU where step prose is shared by its fingerprint. Also keeps
/// apart two strings that Swift holds equal but spell differently (K and the Kelvin sign).
struct ByteKey: Hashable, Sendable {
    let bytes: [UInt8]

    /// The digest, not the bytes, goes through `Hasher`: SipHash over every byte of a step's
    /// fingerprint (kilobytes each, looked up on every page) was a fiftieth of a build. Equal keys
    /// still compare byte for byte, so two keys with one digest only share a bucket.
    func hash(into hasher: inout Hasher) {
        hasher.combine(Self.digest(bytes))
    }

    /// A 64-bit digest, eight bytes at a time: each word folded into the state by a full-width
    /// multiply, the length mixed in first so that trailing zero bytes count.
    static func digest(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            var state = UInt64(raw.count) ^ seed
            var offset = 0
            while offset + 8 <= raw.count {
                state = mix(state, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            var tail: UInt64 = 0
            while offset < raw.count {
                tail = tail << 8 | UInt64(raw[offset])
                offset += 1
            }
            return mix(state, tail)
        }
    }

    private static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    private static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let product = (state ^ word).multipliedFullWidth(by: 0xBF58_476D_1CE4_E5B9)
        return (product.high ^ product.low) &+ seed
    }
}
