import Yams

// MARK: - RequiredCallOptionCheck from YAML

extension RequiredCallOptionCheck {
    /// Reads `check:` for `required-call-option`:
    ///
    /// ```yaml
    /// kind: required-call-option
    /// callees: [fetch, window.fetch]   # dotted callee chains
    /// argument: 2                      # 1-based position of the options object
    /// key: cache                       # the option that must be present
    /// message: "`{callee}` call with no explicit `{key}` option"
    /// ```
    static func load(_ node: Node, reader: YAMLReader) throws -> RequiredCallOptionCheck {
        let entries = try reader.mapping(node, what: "`check` (required-call-option)",
                                         allowed: ["kind", "callees", "argument", "key", "message"])
        var callees: [String] = [], argument = 2, key = "", message = "`{callee}` call with no `{key}` option"
        for (name, _, value) in entries {
            switch name {
            case "callees":
                callees = try reader.strings(value, what: "`callees`")
                for callee in callees where !isCalleeChain(callee) {
                    throw reader.error(value, "`callees`: `\(callee)` is not a dotted name such as `fetch` or `window.fetch`")
                }
            case "argument":
                argument = try reader.int(value, what: "`argument`")
                guard argument >= 1 else { throw reader.error(value, "`argument` is 1-based: it must be at least 1") }
            case "key": key = try reader.string(value, what: "`key`")
            case "message": message = try reader.string(value, what: "`message`")
            default: break
            }
        }
        guard !callees.isEmpty else { throw reader.error(node, "required-call-option needs `callees`") }
        guard !key.isEmpty else { throw reader.error(node, "required-call-option needs `key`") }
        return RequiredCallOptionCheck(callees: callees, argument: argument, key: key, message: message)
    }

    /// `name(.name)*` with identifier characters.
    static func isCalleeChain(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            guard let first = part.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
            return part.utf8.allSatisfy { c in
                (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 || c == UInt8(ascii: "_") || c == UInt8(ascii: "$")
            }
        }
    }
}
