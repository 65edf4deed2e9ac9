import Foundation

extension JSONText {
    /// Collects an `Encodable` value into a `Node` tree through the `Encoder` protocol.
    final class TreeEncoder: Encoder {
        let codingPath: [CodingKey] = []
        let userInfo: [CodingUserInfoKey: Any] = [:]
        private(set) var node: Node = .null

        static func value<Value: Encodable>(of value: Value) throws -> Node {
            // Most values are structs, which every cast below would fail on, each failure a
            // search of the runtime's tables (2 % of a build): their type is asked first.
            guard isLeaf(Value.self) else { return try composite(value) }
            switch value {
            case let text as String: return .string(text)
            case let flag as Bool: return .literal(flag ? "true" : "false")
            case let number as Double: return .literal(try JSONText.number(number))
            case is Date, is Data, is URL, is Decimal, is Float: throw Unsupported()
            default:
                if let digits = integer(value) { return .literal(digits) }
                return try composite(value)
            }
        }

        private static func composite<Value: Encodable>(_ value: Value) throws -> Node {
            let encoder = TreeEncoder()
            try value.encode(to: encoder)
            return encoder.node
        }

        /// The types `value(of:)` writes itself or refuses; anything else encodes itself.
        private static let leaves: [Any.Type] = [
            String.self, Bool.self, Double.self, Date.self, Data.self, URL.self, Decimal.self, Float.self,
            Int.self, Int8.self, Int16.self, Int32.self, Int64.self, UInt.self, UInt8.self, UInt16.self, UInt32.self, UInt64.self,
        ]

        private static func isLeaf(_ type: Any.Type) -> Bool { leaves.contains { $0 == type } }

        /// An integer's digits, nil for any other value. Each integer type is asked for by name:
        /// a cast to `any FixedWidthInteger` searched the runtime's conformance tables once for
        /// every type a plan holds, 1 to 2 ms of a one-farm build.
        private static func integer<Value>(_ value: Value) -> String? {
            switch value {
            case let number as Int: String(number)
            case let number as Int8: String(number)
            case let number as Int16: String(number)
            case let number as Int32: String(number)
            case let number as Int64: String(number)
            case let number as UInt: String(number)
            case let number as UInt8: String(number)
            case let number as UInt16: String(number)
            case let number as UInt32: String(number)
            case let number as UInt64: String(number)
            default: nil
            }
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            let object: Object
            if case .object(let existing) = node {
                object = existing
            } else {
                object = Object()
                node = .object(object)
            }
            return KeyedEncodingContainer(Keyed<Key>(object: object))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            let list: List
            if case .list(let existing) = node {
                list = existing
            } else {
                list = List()
                node = .list(list)
            }
            return Unkeyed(list: list)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(encoder: self) }

        fileprivate func set(_ value: Node) { node = value }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let object: Object
        var codingPath: [CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { object.add(key.stringValue, .null) }
        // The common kinds without a runtime cast.
        mutating func encode(_ value: String, forKey key: Key) throws { object.add(key.stringValue, .string(value)) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { object.add(key.stringValue, .literal(value ? "true" : "false")) }
        mutating func encode(_ value: Int, forKey key: Key) throws { object.add(key.stringValue, .literal(String(value))) }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            object.add(key.stringValue, .literal(try JSONText.number(value)))
        }

        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            object.add(key.stringValue, try TreeEncoder.value(of: value))
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<
            NestedKey
        > {
            let nested = Object()
            object.add(key.stringValue, .object(nested))
            return KeyedEncodingContainer(Keyed<NestedKey>(object: nested))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let nested = List()
            object.add(key.stringValue, .list(nested))
            return Unkeyed(list: nested)
        }

        // Patchbook's types never ask for a super encoder; one that does is left to JSONEncoder.
        mutating func superEncoder() -> Encoder { object.refuse() }
        mutating func superEncoder(forKey key: Key) -> Encoder { object.refuse() }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let list: List
        var codingPath: [CodingKey] { [] }
        var count: Int { list.items.count }

        mutating func encodeNil() throws { list.items.append(.null) }
        mutating func encode(_ value: String) throws { list.items.append(.string(value)) }
        mutating func encode(_ value: Int) throws { list.items.append(.literal(String(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws { list.items.append(try TreeEncoder.value(of: value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = Object()
            list.items.append(.object(nested))
            return KeyedEncodingContainer(Keyed<NestedKey>(object: nested))
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let nested = List()
            list.items.append(.list(nested))
            return Unkeyed(list: nested)
        }

        mutating func superEncoder() -> Encoder { list.refuse() }
    }

    private struct Single: SingleValueEncodingContainer {
        let encoder: TreeEncoder
        var codingPath: [CodingKey] { [] }

        mutating func encodeNil() throws { encoder.set(.null) }
        mutating func encode(_ value: String) throws { encoder.set(.string(value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { encoder.set(try TreeEncoder.value(of: value)) }
    }
}
