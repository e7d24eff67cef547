import Yams

// MARK: - TokenPatternCheck from YAML

extension TokenPatternCheck {
    /// Reads `check:` for `token-pattern`:
    ///
    /// ```yaml
    /// kind: token-pattern
    /// patterns:                 # a match of any is a hit
    ///   - "$A.hour * 60 + $B.minute"
    /// message: ad-hoc minute arithmetic
    /// ```
    static func load(_ node: Node, reader: YAMLReader) throws -> TokenPatternCheck {
        let entries = try reader.mapping(node, what: "`check` (token-pattern)", allowed: ["kind", "patterns", "message"])
        var patterns: [String] = [], patternsNode: Node? = nil, message = ""
        for (name, _, value) in entries {
            switch name {
            case "patterns":
                patterns = try reader.strings(value, what: "`patterns`")
                patternsNode = value
            case "message": message = try reader.string(value, what: "`message`")
            default: break
            }
        }
        guard !patterns.isEmpty else { throw reader.error(node, "token-pattern needs `patterns`") }
        guard !message.isEmpty else { throw reader.error(node, "token-pattern needs a `message`") }
        do throws(TokenPatternError) {
            return try TokenPatternCheck(patterns: patterns, message: message)
        } catch {
            throw reader.error(patternsNode, error.message)
        }
    }
}
