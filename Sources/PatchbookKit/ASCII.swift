/// Byte classes for the code that reads UTF-8 directly (escapers, name checks, the plain table
/// cell test): an ASCII byte never occurs inside a longer character, so testing a byte is testing
/// a character.
extension UInt8 {
    var isASCIIDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isASCIIAlphanumeric: Bool { isASCIIDigit || (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) }
}
