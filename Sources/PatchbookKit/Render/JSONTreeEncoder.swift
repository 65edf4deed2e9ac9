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
            let integer = integers.first { $0.type == Value.self }
            guard integer != nil || others.contains(where: { $0 == Value.self }) else { return try composite(value) }
            switch value {
            case let text as String: return .string(text)
            case let flag as Bool: return .literal(flag ? "true" : "false")
            case let number as Double: return .literal(try JSONText.number(number))
            case is Date, is Data, is URL, is Decimal, is Float: throw Unsupported()
            default:
                guard let digits = integer?.digits(value) else { return try composite(value) }
                return .literal(digits)
            }
        }

        private static func composite<Value: Encodable>(_ value: Value) throws -> Node {
            let encoder = TreeEncoder()
            try value.encode(to: encoder)
            return encoder.node
        }

        /// The types other than integers that `value(of:)` writes itself or refuses.
        private static let others: [Any.Type] = [
            String.self, Bool.self, Double.self, Date.self, Data.self, URL.self, Decimal.self, Float.self,
        ]

        /// The integer types, each with its digits asked for by its own type: a cast to
        /// `any FixedWidthInteger` searched the runtime's conformance tables, 1 to 2 ms of a
        /// one-farm build.
        private static let integers = [
            IntegerType(Int.self), IntegerType(Int8.self), IntegerType(Int16.self), IntegerType(Int32.self), IntegerType(Int64.self),
            IntegerType(UInt.self), IntegerType(UInt8.self), IntegerType(UInt16.self), IntegerType(UInt32.self), IntegerType(UInt64.self),
        ]

        /// Holds only a type and a cast to it, both immutable.
        private struct IntegerType: @unchecked Sendable {
            let type: Any.Type
            let digits: (Any) -> String?

            init<Integer: FixedWidthInteger>(_ type: Integer.Type) {
                self.type = type
                digits = { ($0 as? Integer).map { String($0) } }
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
