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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + text.utf8.count / 32 + switchToUTF8.count)
        var switchAt = text.utf8.contains { $0 >= 0x80 } ? 0 : -1
        var line = 0, lineIsASCII = true
        for byte in text.utf8 where byte != 0x0D {
            if byte == 0x0A {
                // The first line stays first when it is ASCII (`@echo off`): the switch follows it.
                if line == 0 && lineIsASCII && switchAt == 0 { switchAt = bytes.count + 2 }
                line += 1
                bytes.append(0x0D)
            }
            if line == 0 && byte >= 0x80 { lineIsASCII = false }
            bytes.append(byte)
        }
        if switchAt >= 0 { bytes.insert(contentsOf: switchToUTF8, at: min(switchAt, bytes.count)) }
        return Data(bytes)
    }

    private static let switchToUTF8 = Array("chcp 65001 >nul\r\n".utf8)
}
