import GuardrailRules
import GuardrailSyntax
import Yams

// MARK: - Configuration

/// `.guardrail.yml`, typed. Unknown keys, wrong types and unknown rule ids
/// are errors with file, line and column.
public struct Configuration: Sendable {
    /// Per-rule settings.
    public struct RuleSettings: Sendable, Equatable {
        public var off = false
        public var severity: Severity?
        /// Globs (root-relative) where the rule does not apply: the blessed helpers.
        public var allow: [String] = []
        /// Where the rule's id was written, for "unknown rule id" errors.
        var line = 0, column = 0

        public init(off: Bool = false, severity: Severity? = nil, allow: [String] = []) {
            self.off = off
            self.severity = severity
            self.allow = allow
        }
    }

    /// The bitmap geometry section (`bitmap:`), used by the bitmap rules.
    public struct Bitmap: Sendable, Equatable {
        public var minutesPerSlot = 1
        public var aliases: [String: [String]] = [:]
        public init() {}
    }

    public var path: String?
    public var exclude: [String] = []
    public var rulesDir: String?
    /// Where `rules_dir` was written, for "not found" errors.
    public var rulesDirLine = 0, rulesDirColumn = 0
    public var rules: [String: RuleSettings] = [:]
    public var bitmap = Bitmap()
    public var requireReason = false

    public init() {}

    static let topKeys: Set<String> = ["exclude", "rules_dir", "rules", "bitmap", "suppressions"]

    /// Loads a configuration file. `displayPath` names it in errors.
    public static func load(path: String, displayPath: String) throws -> Configuration {
        let bytes: [UInt8]
        do { bytes = try FileReader.readAll(path) } catch FileReader.Failure.vanished {
            throw GuardrailError.io(path: displayPath, message: "configuration file not found")
        } catch FileReader.Failure.other(let message) {
            throw GuardrailError.io(path: displayPath, message: message)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw GuardrailError.config(path: displayPath, line: 0, column: 0, message: "not valid UTF-8")
        }
        return try parse(text, displayPath: displayPath)
    }

    /// Parses configuration text.
    public static func parse(_ text: String, displayPath: String) throws -> Configuration {
        let reader = YAMLReader(path: displayPath)
        var config = Configuration()
        config.path = displayPath
        guard let root = try reader.parse(text) else { return config }
        if root.scalar?.string == "" { return config }
        for (key, _, value) in try reader.mapping(root, what: "configuration", allowed: topKeys) {
            switch key {
            case "exclude":
                config.exclude = try reader.strings(value, what: "`exclude`")
                try validateGlobs(config.exclude, node: value, reader: reader)
            case "rules_dir":
                config.rulesDir = try reader.string(value, what: "`rules_dir`")
                config.rulesDirLine = value.mark?.line ?? 0
                config.rulesDirColumn = value.mark?.column ?? 0
            case "rules":
                if value.scalar?.string == "" && value.scalar?.style == .plain { break }
                for (id, idNode, settingsNode) in try reader.mapping(value, what: "`rules`", allowed: nil) {
                    var settings = try parseRuleSettings(settingsNode, id: id, reader: reader)
                    settings.line = idNode.mark?.line ?? 0
                    settings.column = idNode.mark?.column ?? 0
                    config.rules[id] = settings
                }
            case "bitmap":
                for (k, _, v) in try reader.mapping(value, what: "`bitmap`", allowed: ["minutes_per_slot", "aliases"]) {
                    if k == "minutes_per_slot" {
                        let m = try reader.int(v, what: "`bitmap.minutes_per_slot`")
                        guard m > 0, m <= 1440, 1440 % m == 0 else {
                            throw reader.error(v, "`bitmap.minutes_per_slot` must divide 1440 (1, 5, 15, 30, 60, …), got \(m)")
                        }
                        config.bitmap.minutesPerSlot = m
                    } else {
                        for (name, _, list) in try reader.mapping(v, what: "`bitmap.aliases`", allowed: [
                            "MINUTES_PER_DAY", "MINUTES_PER_SLOT", "SLOTS_PER_DAY", "BITS_PER_DAY", "BYTES_PER_DAY",
                        ]) {
                            config.bitmap.aliases[name] = try reader.strings(list, what: "`bitmap.aliases.\(name)`")
                        }
                    }
                }
            case "suppressions":
                for (_, _, v) in try reader.mapping(value, what: "`suppressions`", allowed: ["require_reason"]) {
                    config.requireReason = try reader.bool(v, what: "`suppressions.require_reason`")
                }
            default: break
            }
        }
        return config
    }

    private static func parseRuleSettings(_ node: Node, id: String, reader: YAMLReader) throws -> RuleSettings {
        var settings = RuleSettings()
        if let scalar = node.scalar {
            switch scalar.string.lowercased() {
            case "off", "false": settings.off = true
            case "on", "true": break
            case "error", "warning": settings.severity = Severity(rawValue: scalar.string.lowercased())
            default:
                throw reader.error(node, "rule `\(id)`: expected `off`, `error`, `warning` or a mapping, got `\(scalar.string)`")
            }
            return settings
        }
        for (key, _, value) in try reader.mapping(node, what: "rule `\(id)`", allowed: ["severity", "allow", "off"]) {
            switch key {
            case "severity": settings.severity = try RuleLoader.parseSeverity(value, reader)
            case "allow":
                settings.allow = try reader.strings(value, what: "`allow`")
                try validateGlobs(settings.allow, node: value, reader: reader)
            case "off": settings.off = try reader.bool(value, what: "`off`")
            default: break
            }
        }
        return settings
    }

    private static func validateGlobs(_ globs: [String], node: Node, reader: YAMLReader) throws {
        for (i, g) in globs.enumerated() {
            let pattern = g.hasPrefix("!") ? String(g.dropFirst()) : g
            do throws(GlobError) { _ = try Glob(pattern) } catch {
                let at = node.sequence.map { i < $0.count ? $0[i] : node } ?? node
                throw reader.error(at, "invalid glob `\(g)`: \(error.message)")
            }
        }
    }

    /// Fails on rule ids the configuration names that no loaded rule has.
    public func validateRuleIDs(_ known: Set<String>) throws {
        for (id, settings) in rules.sorted(by: { $0.value.line < $1.value.line }) where !known.contains(id) {
            let suggestion = known.min(by: { editDistance($0, id) < editDistance($1, id) })
                .map { editDistance($0, id) <= 3 ? " (did you mean `\($0)`?)" : "" } ?? ""
            throw GuardrailError.config(path: path ?? ".guardrail.yml", line: settings.line, column: settings.column,
                                        message: "unknown rule id `\(id)`\(suggestion)")
        }
    }
}

/// Levenshtein distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8), b = Array(b.utf8)
    if a.isEmpty { return b.count }
    var prev = Array(0...b.count), cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...max(b.count, 1) where j <= b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
