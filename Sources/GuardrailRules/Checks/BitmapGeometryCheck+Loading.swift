import Yams

// MARK: - BitmapGeometryCheck from YAML

extension BitmapGeometryCheck {
    /// ```yaml
    /// check:
    ///   kind: bitmap-geometry
    ///   message: "`{name}` is {value}, but the configured bitmap geometry ({geometry}) needs {expected}"
    /// ```
    /// The geometry and the constants' aliases come from the run's
    /// configuration (`bitmap:` in `.guardrail.yml`), not from the rule.
    static func load(_ node: Node, reader: YAMLReader) throws -> BitmapGeometryCheck {
        var message = "`{name}` is {value}, but the configured bitmap geometry ({geometry}) needs {expected}"
        for (key, _, value) in try reader.mapping(node, what: "`check` (bitmap-geometry)", allowed: ["kind", "message"])
        where key == "message" {
            message = try reader.string(value, what: "`message`")
        }
        return BitmapGeometryCheck(message: message)
    }
}
