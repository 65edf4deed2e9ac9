/// An optional that plan.json writes as `null` when absent, instead of leaving the key out as
/// synthesized `Encodable` does: readers see the key and know the fact is unknown or not applicable.
@propertyWrapper
public struct ExplicitNull<Value: Encodable & Sendable & Hashable>: Encodable, Sendable, Hashable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value = wrappedValue { try container.encode(value) } else { try container.encodeNil() }
    }
}
