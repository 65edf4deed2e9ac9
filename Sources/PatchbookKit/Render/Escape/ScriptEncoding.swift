import Foundation

/// The bytes of a script, in the encoding Windows will read it in. Values are UTF-8 text; a name
/// such as `WSS_Content_Bücher` must reach SQL Server, PowerShell and stsadm as it is.
enum ScriptEncoding {
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A .ps1 or .sql file: UTF-8 with a byte order mark. Without one, Windows PowerShell (1.0 to
    /// 5.1) and sqlcmd read the file in the ANSI code page.
    static func withByteOrderMark(_ text: String) -> Data {
        var bytes = byteOrderMark
        bytes.append(contentsOf: text.utf8)
        return Data(bytes)
    }

    /// A .cmd file: CRLF line ends, whatever the template's own are. cmd.exe reads a batch file
    /// in the console's OEM code page, a line at a time, and takes no byte order mark; so a script
    /// that holds non-ASCII text switches to UTF-8 with `chcp 65001` before its first such line
    /// (after `@echo off`, so that the switch is not echoed).
    static func batch(_ text: String) -> Data {
        var text = text
        return text.withUTF8 { source in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(source.count + source.count / 32 + switchToUTF8.count)
            let firstLineEnd = source.firstIndex(of: 0x0A)
            let hasNonASCII = source.contains { $0 >= 0x80 }
            // The first line stays first when it is ASCII (`@echo off`): the switch follows it.
            let switchesAfterFirstLine = hasNonASCII && firstLineEnd.map { !source[..<$0].contains { $0 >= 0x80 } } == true
            if hasNonASCII && !switchesAfterFirstLine { bytes.append(contentsOf: switchToUTF8) }
            // Whole runs between line ends are copied at once: a byte at a time was 2 % of a build.
            var position = 0
            while position < source.count {
                let end = source.index(of: 0x0A, from: position) ?? source.count
                appendDroppingCR(source[position..<end], to: &bytes)
                guard end < source.count else { break }
                bytes.append(0x0D)
                bytes.append(0x0A)
                if switchesAfterFirstLine && end == firstLineEnd { bytes.append(contentsOf: switchToUTF8) }
                position = end + 1
            }
            return Data(bytes)
        }
    }

    private static func appendDroppingCR(_ run: Slice<UnsafeBufferPointer<UInt8>>, to bytes: inout [UInt8]) {
        var start = run.startIndex
        while let cr = run.base.index(of: 0x0D, from: start, to: run.endIndex) {
            bytes.append(contentsOf: run[start..<cr])
            start = cr + 1
        }
        bytes.append(contentsOf: run[start...])
    }

    private static let switchToUTF8 = Array("chcp 65001 >nul\r\n".utf8)
}
