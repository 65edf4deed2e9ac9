/// Bytes as a dictionary key, hashed as one run: `[UInt8]` hashes itself a byte at a time, which
/// was a twentieth of a build's CPU where step prose is shared by its fingerprint. Also keeps
/// apart two strings that Swift holds equal but spell differently (K and the Kelvin sign).
struct ByteKey: Hashable, Sendable {
    let bytes: [UInt8]

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
