import Foundation

/// Reads an evidence file line by line, in constant memory, whatever Windows wrote it in: UTF-8
/// with or without a byte-order mark, UTF-16 little- or big-endian with one (PowerShell's `>`),
/// UTF-16 little-endian without one, CRLF or LF. A line longer than `maximumLine` bytes is cut
/// there: evidence lines are short, and a file without line breaks must not fill the memory.
struct EvidenceText {
    enum Problem: Error, Equatable {
        case unreadable(String)
        case empty
        /// NUL bytes where text has none: a binary file, or a file in an encoding not recognized.
        case binary
    }

    enum Encoding { case utf8, utf16LittleEndian, utf16BigEndian }

    static let chunkSize = 1 << 20
    static let maximumLine = 64 << 10

    /// Calls `line` with each line's UTF-8 bytes (without its line break); stops early when it
    /// returns false. The bytes are valid only during the call.
    static func lines(of url: URL, _ line: (UnsafeBufferPointer<UInt8>) -> Bool) throws(Problem) {
        guard let handle = try? FileHandle(forReadingFrom: url) else { throw .unreadable("cannot be opened") }
        defer { try? handle.close() }
        var splitter: Splitter?
        var keepGoing = true
        while keepGoing {
            let chunk: Data
            do {
                guard let read = try handle.read(upToCount: chunkSize) else { break }
                chunk = read
            } catch {
                throw .unreadable("cannot be read (\(error.localizedDescription))")
            }
            if chunk.isEmpty { break }
            var bytes = [UInt8](chunk)
            if splitter == nil {
                let (encoding, skip) = Self.encoding(bytes)
                splitter = Splitter(encoding: encoding)
                bytes.removeFirst(skip)
            }
            keepGoing = try splitter?.feed(bytes, line) ?? false
        }
        guard var splitter else { throw .empty }
        if keepGoing { try splitter.finish(line) }
    }

    /// The encoding the first bytes show, and the length of the byte-order mark to skip.
    static func encoding(_ head: [UInt8]) -> (Encoding, Int) {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if head.starts(with: [0xFF, 0xFE]) { return (.utf16LittleEndian, 2) }
        if head.starts(with: [0xFE, 0xFF]) { return (.utf16BigEndian, 2) }
        if head.count >= 4, head[0] != 0, head[1] == 0, head[2] != 0, head[3] == 0 { return (.utf16LittleEndian, 0) }
        return (.utf8, 0)
    }

    /// Cuts bytes into lines across chunks, carrying an unfinished line (and, for UTF-16, an odd
    /// byte) to the next chunk.
    private struct Splitter {
        let encoding: Encoding
        var pending: [UInt8] = []
        var odd: UInt8?
        var sawText = false

        init(encoding: Encoding) { self.encoding = encoding }

        mutating func feed(_ bytes: [UInt8], _ line: (UnsafeBufferPointer<UInt8>) -> Bool) throws(Problem) -> Bool {
            let utf8 = encoding == .utf8 ? bytes : decodeUTF16(bytes)
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                if byte == 0 { throw .binary }
                guard byte == 0x0A else { continue }
                if !emit(utf8[start..<index], line) { return false }
                start = index + 1
            }
            append(utf8[start...])
            return true
        }

        mutating func finish(_ line: (UnsafeBufferPointer<UInt8>) -> Bool) throws(Problem) {
            if odd != nil { throw .unreadable("ends in the middle of a UTF-16 character (truncated)") }
            if !pending.isEmpty { _ = deliver(pending[...], line) }
        }

        /// The line so far plus `tail`; a line break ends it.
        private mutating func emit(_ tail: ArraySlice<UInt8>, _ line: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
            if pending.isEmpty { return deliver(tail, line) }
            append(tail)
            defer { pending.removeAll(keepingCapacity: true) }
            return deliver(pending[...], line)
        }

        private mutating func append(_ bytes: ArraySlice<UInt8>) {
            let room = EvidenceText.maximumLine - pending.count
            if room > 0 { pending += bytes.prefix(room) }
        }

        private func deliver(_ bytes: ArraySlice<UInt8>, _ line: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
            var text = bytes.prefix(EvidenceText.maximumLine)
            if text.last == 0x0D { text = text.dropLast() }
            return text.withUnsafeBufferPointer(line)
        }

        /// UTF-16 code units to UTF-8 bytes; an odd last byte waits for the next chunk. A code unit
        /// 0 becomes byte 0, so that `feed` finds it and reports a binary file.
        private mutating func decodeUTF16(_ bytes: [UInt8]) -> [UInt8] {
            var all = bytes
            if let odd { all.insert(odd, at: 0) }
            odd = all.count % 2 == 1 ? all.removeLast() : nil
            // A surrogate pair split between chunks decodes as two replacement characters: evidence
            // lines are ASCII where it matters, so nothing read is lost.
            return Array(EvidenceText.utf16(all[...], bigEndian: encoding == .utf16BigEndian).utf8)
        }
    }
}

extension EvidenceText {
    /// UTF-16 bytes (an even count) as text; a lone surrogate becomes U+FFFD.
    static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        let units = stride(from: bytes.startIndex, to: bytes.endIndex - 1, by: 2).map { index -> UInt16 in
            let (first, second) = (UInt16(bytes[index]), UInt16(bytes[index + 1]))
            return bigEndian ? first << 8 | second : second << 8 | first
        }
        return String(decoding: units, as: UTF16.self)
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether the bytes hold `needle` (ASCII), ignoring ASCII case.
    func containsIgnoringCase(_ needle: String) -> Bool { firstOffset(ofIgnoringCase: needle) != nil }

    func firstOffset(ofIgnoringCase needle: String, from start: Int = 0) -> Int? {
        let pattern = Array(needle.utf8).map(Self.lower)
        guard let first = pattern.first, count >= pattern.count else { return nil }
        var index = start
        while index + pattern.count <= count {
            if Self.lower(self[index]) == first {
                var match = true
                for offset in 1..<pattern.count where Self.lower(self[index + offset]) != pattern[offset] {
                    match = false
                    break
                }
                if match { return index }
            }
            index += 1
        }
        return nil
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }
}
