import Yams

// MARK: - BitmapMagicNumberCheck from YAML

extension BitmapMagicNumberCheck {
    /// ```yaml
    /// check:
    ///   kind: bitmap-magic-number
    ///   calls: [bytes, bytearray, BIT, Buffer.alloc]   # f(N): N is the first argument
    ///   constructors: [Uint8Array, ArrayBuffer]        # new C(N)
    ///   c_element_types: [uint8_t, unsigned char, bool] # C arrays `T b[N]`
    ///   message: "`{literal}` is the bitmap's {what}: use `{constant}`"
    /// ```
    /// Which numbers are magic comes from the run's configured geometry.
    static func load(_ node: Node, reader: YAMLReader) throws -> BitmapMagicNumberCheck {
        let entries = try reader.mapping(node, what: "`check` (bitmap-magic-number)",
                                         allowed: ["kind", "calls", "constructors", "c_element_types", "message"])
        var calls = ["bytes", "bytearray", "BIT"], constructors = ["Uint8Array"]
        var elementTypes = ["uint8_t", "unsigned char", "char", "signed char", "int8_t", "bool", "_Bool"]
        var message = "`{literal}` is the bitmap's {what}: use `{constant}`"
        for (key, _, value) in entries {
            switch key {
            case "calls": calls = try reader.strings(value, what: "`calls`")
            case "constructors": constructors = try reader.strings(value, what: "`constructors`")
            case "c_element_types": elementTypes = try reader.strings(value, what: "`c_element_types`")
            case "message": message = try reader.string(value, what: "`message`")
            default: break
            }
        }
        return BitmapMagicNumberCheck(calls: calls, constructors: constructors, cElementTypes: elementTypes, message: message)
    }
}
