import Yams

// MARK: - BannedCallCheck from YAML

extension BannedCallCheck {
    /// ```yaml
    /// check:
    ///   kind: banned-call
    ///   triggers: [fromisoformat]          # prefilter words (default: last callee segments)
    ///   calls:
    ///     - callee: datetime.time.fromisoformat
    ///       message: "…"
    ///     - callee: datetime.datetime.strptime
    ///       argument: 2                    # 1-based position (or `keyword:`)
    ///       keyword: format
    ///       contains: ["%H"]               # string literal must contain all …
    ///       lacks: ["%d", "%Y"]            # … and none of these
    ///     - callee: datetime.time
    ///       argument: 1
    ///       equals: "24"                   # a single number literal
    ///     - callee: datetime.datetime.now
    ///       missing: {argument: 1, keyword: tz}
    /// ```
    static func load(_ node: Node, reader: YAMLReader) throws -> BannedCallCheck {
        let entries = try reader.mapping(node, what: "`check` (banned-call)", allowed: ["kind", "calls", "triggers"])
        var targets: [Target] = []
        var triggers: [String]?
        for (key, _, value) in entries {
            switch key {
            case "triggers": triggers = try reader.strings(value, what: "`triggers`")
            case "calls":
                guard let seq = value.sequence, !seq.isEmpty else { throw reader.error(value, "`calls` must be a non-empty list") }
                for item in seq { targets.append(try target(item, reader)) }
            default: break
            }
        }
        guard !targets.isEmpty else { throw reader.error(node, "banned-call needs `calls`") }
        let words = triggers ?? Array(Set(targets.compactMap { $0.callee.split(separator: ".").last.map(String.init) })).sorted()
        return BannedCallCheck(targets: targets, triggers: words)
    }

    private static func target(_ node: Node, _ reader: YAMLReader) throws -> Target {
        let fields = try reader.mapping(node, what: "a `calls` entry",
                                        allowed: ["callee", "message", "argument", "keyword", "equals", "contains", "lacks", "missing"])
        var callee: String?, message = "call of `{callee}`"
        var position: Int?, keyword: String?, equals: String?, contains: [String]?, lacks: [String] = []
        var missing: (Int, String)?
        for (key, _, value) in fields {
            switch key {
            case "callee": callee = try reader.string(value, what: "`callee`")
            case "message": message = try reader.string(value, what: "`message`")
            case "argument": position = try reader.int(value, what: "`argument`")
            case "keyword": keyword = try reader.string(value, what: "`keyword`")
            case "equals": equals = try reader.string(value, what: "`equals`")
            case "contains": contains = try reader.strings(value, what: "`contains`")
            case "lacks": lacks = try reader.strings(value, what: "`lacks`")
            case "missing":
                var p = 0, k = ""
                for (mk, _, mv) in try reader.mapping(value, what: "`missing`", allowed: ["argument", "keyword"]) {
                    if mk == "argument" { p = try reader.int(mv, what: "`missing.argument`") } else { k = try reader.string(mv, what: "`missing.keyword`") }
                }
                guard p >= 1 else { throw reader.error(value, "`missing` needs `argument` (1-based)") }
                missing = (p, k)
            default: break
            }
        }
        guard let callee, !callee.isEmpty else { throw reader.error(node, "a `calls` entry needs `callee`") }
        if let position, position < 1 { throw reader.error(node, "`argument` is 1-based") }
        let condition: Condition
        if let missing {
            condition = .missingArgument(position: missing.0, keyword: missing.1)
        } else if let equals {
            guard let position else { throw reader.error(node, "`equals` needs `argument`") }
            condition = .argumentEquals(position: position, keyword: keyword, literal: equals)
        } else if let contains {
            guard position != nil || keyword != nil else { throw reader.error(node, "`contains` needs `argument` or `keyword`") }
            condition = .stringArgument(position: position ?? Int.max, keyword: keyword, all: contains, none: lacks)
        } else {
            condition = .always
        }
        return Target(callee: callee, condition: condition, message: message.replacingPlaceholder("{callee}", with: callee))
    }
}
