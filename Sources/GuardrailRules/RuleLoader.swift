import GuardrailSyntax
import Yams

// MARK: - RuleLoader

/// Reads `rule.yml` files into `Rule`s. Every mistake is a located
/// `GuardrailError.config`.
public enum RuleLoader {
    static let ruleKeys: Set<String> = [
        "id", "severity", "languages", "summary", "why", "help", "include", "exclude",
        "example", "use_instead", "check",
    ]

    /// Parses one rule file's text. `path` is used in error messages.
    public static func parse(_ text: String, path: String) throws -> Rule {
        let reader = YAMLReader(path: path)
        guard let root = try reader.parse(text) else {
            throw reader.error(nil, "empty rule file")
        }
        let entries = try reader.mapping(root, what: "rule file", allowed: ruleKeys)
        var id: String?, severity: Severity?, languages: Set<Language>?, summary = "", why = "", help = ""
        var include: [String] = [], exclude: [String] = [], example = "", useInstead = ""
        var checkNode: Node?
        for (key, _, value) in entries {
            switch key {
            case "id":
                let v = try reader.string(value, what: "`id`")
                guard isValidID(v) else { throw reader.error(value, "`id` must be kebab-case (a-z, 0-9, `-`), got `\(v)`") }
                id = v
            case "severity": severity = try parseSeverity(value, reader)
            case "languages":
                var set = Set<Language>()
                for name in try reader.strings(value, what: "`languages`") {
                    guard let lang = languageNamed(name) else {
                        throw reader.error(value, "unknown language `\(name)` (expected python, typescript, javascript, c, json, yaml)")
                    }
                    set.insert(lang)
                }
                languages = set
            case "summary": summary = try reader.string(value, what: "`summary`")
            case "why": why = try reader.string(value, what: "`why`")
            case "help": help = try reader.string(value, what: "`help`")
            case "include": include = try reader.strings(value, what: "`include`")
            case "exclude": exclude = try reader.strings(value, what: "`exclude`")
            case "example": example = try reader.string(value, what: "`example`")
            case "use_instead": useInstead = try reader.string(value, what: "`use_instead`")
            case "check": checkNode = value
            default: break
            }
        }
        guard let id else { throw reader.error(root, "missing `id`") }
        guard let severity else { throw reader.error(root, "rule `\(id)`: missing `severity`") }
        guard let languages, !languages.isEmpty else { throw reader.error(root, "rule `\(id)`: missing `languages`") }
        guard let checkNode else { throw reader.error(root, "rule `\(id)`: missing `check`") }
        guard !summary.isEmpty else { throw reader.error(root, "rule `\(id)`: missing `summary`") }
        let (kind, check) = try CheckFactory.make(checkNode, reader: reader)
        var rule = Rule(id: id, severity: severity, languages: languages, summary: summary, why: why, help: help,
                        include: include, exclude: exclude, checkKind: kind, check: check, origin: path,
                        example: example, useInstead: useInstead)
        rule.definition = text
        return rule
    }

    /// `error` / `warning`.
    public static func parseSeverity(_ node: Node, _ reader: YAMLReader) throws -> Severity {
        let s = try reader.string(node, what: "`severity`")
        guard let v = Severity(rawValue: s) else {
            throw reader.error(node, "`severity` must be `error` or `warning`, got `\(s)`")
        }
        return v
    }

    static func languageNamed(_ name: String) -> Language? {
        switch name.lowercased() {
        case "python", "py": return .python
        case "typescript", "ts", "javascript", "js": return .typescript
        case "c", "cpp", "c++": return .c
        case "json": return .json
        case "yaml", "yml": return .yaml
        default: return nil
        }
    }

    static func isValidID(_ s: String) -> Bool {
        guard let first = s.utf8.first, first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") else { return false }
        return s.utf8.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }
    }
}

// MARK: - CheckFactory

/// Builds a check from a rule file's `check:` mapping.
public enum CheckFactory {
    /// Check kinds this build knows, for error messages.
    public static let kinds = ["banned-import", "banned-symbol", "banned-call", "string-literal-pattern", "required-call-option", "token-pattern",
                               "bitmap-geometry", "bitmap-magic-number", "bitmap-window-literal"]

    static func make(_ node: Node, reader: YAMLReader) throws -> (String, any Check) {
        guard let mapping = node.mapping else { throw reader.error(node, "`check` must be a mapping with a `kind`") }
        guard let kindNode = mapping["kind"] else { throw reader.error(node, "`check` needs a `kind` (one of \(kinds.joined(separator: ", ")))") }
        let kind = try reader.string(kindNode, what: "`check.kind`")
        switch kind {
        case "banned-import":
            let entries = try reader.mapping(node, what: "`check` (banned-import)", allowed: ["kind", "names", "modules", "message", "module_message"])
            var names: [String] = [], modules: [String] = []
            var message = "import of banned `{name}`", moduleMessage = "import of banned module `{name}`"
            for (key, _, value) in entries {
                switch key {
                case "names": names = try reader.strings(value, what: "`names`")
                case "modules": modules = try reader.strings(value, what: "`modules`")
                case "message": message = try reader.string(value, what: "`message`")
                case "module_message": moduleMessage = try reader.string(value, what: "`module_message`")
                default: break
                }
            }
            guard !names.isEmpty || !modules.isEmpty else { throw reader.error(node, "banned-import needs `names` or `modules`") }
            return (kind, BannedImportCheck(matcher: BannedImportMatcher(names: names, modules: modules),
                                            nameMessage: message, moduleMessage: moduleMessage))
        case "banned-call":
            return (kind, try BannedCallCheck.load(node, reader: reader))
        case "string-literal-pattern":
            return (kind, try StringLiteralPatternCheck.load(node, reader: reader))
        case "required-call-option":
            return (kind, try RequiredCallOptionCheck.load(node, reader: reader))
        case "token-pattern":
            return (kind, try TokenPatternCheck.load(node, reader: reader))
        case "bitmap-geometry": return (kind, try BitmapGeometryCheck.load(node, reader: reader))
        case "bitmap-magic-number": return (kind, try BitmapMagicNumberCheck.load(node, reader: reader))
        case "bitmap-window-literal": return (kind, try BitmapWindowLiteralCheck.load(node, reader: reader))
        case "banned-symbol":
            let entries = try reader.mapping(node, what: "`check` (banned-symbol)", allowed: ["kind", "names", "message", "leave_imports"])
            var names: [String] = [], message = "use of banned `{name}`"
            var matcher: BannedImportMatcher?
            for (key, _, value) in entries {
                switch key {
                case "names": names = try reader.strings(value, what: "`names`")
                case "message": message = try reader.string(value, what: "`message`")
                case "leave_imports":
                    let sub = try reader.mapping(value, what: "`leave_imports`", allowed: ["names", "modules"])
                    var n: [String] = [], m: [String] = []
                    for (k, _, v) in sub {
                        if k == "names" { n = try reader.strings(v, what: "`leave_imports.names`") } else { m = try reader.strings(v, what: "`leave_imports.modules`") }
                    }
                    matcher = BannedImportMatcher(names: n, modules: m)
                default: break
                }
            }
            guard !names.isEmpty else { throw reader.error(node, "banned-symbol needs `names`") }
            return (kind, BannedSymbolCheck(names: names, importMatcher: matcher, message: message))
        default:
            throw reader.error(kindNode, "unknown check kind `\(kind)` (expected one of \(kinds.joined(separator: ", ")))")
        }
    }
}
