import Yams

// MARK: - BitmapWindowLiteralCheck from YAML

extension BitmapWindowLiteralCheck {
    /// ```yaml
    /// check:
    ///   kind: bitmap-window-literal
    ///   start_keys: [start_time]
    ///   end_keys: [end_time]
    ///   pair_key_contains: window     # JSON/YAML pairs only below such a key
    ///   message: "invalid availability window: {problem}"
    /// ```
    /// The slot size windows must align to comes from the run's configuration.
    static func load(_ node: Node, reader: YAMLReader) throws -> BitmapWindowLiteralCheck {
        let entries = try reader.mapping(node, what: "`check` (bitmap-window-literal)",
                                         allowed: ["kind", "start_keys", "end_keys", "pair_key_contains", "message"])
        var startKeys = ["start_time"], endKeys = ["end_time"], pairKey = "window"
        var message = "invalid availability window: {problem}"
        for (key, _, value) in entries {
            switch key {
            case "start_keys": startKeys = try reader.strings(value, what: "`start_keys`")
            case "end_keys": endKeys = try reader.strings(value, what: "`end_keys`")
            case "pair_key_contains": pairKey = try reader.string(value, what: "`pair_key_contains`")
            case "message": message = try reader.string(value, what: "`message`")
            default: break
            }
        }
        return BitmapWindowLiteralCheck(startKeys: startKeys, endKeys: endKeys, pairKeyContains: pairKey, message: message)
    }
}
