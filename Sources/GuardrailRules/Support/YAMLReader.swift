import Yams

// MARK: - YAMLReader

/// Typed reading of a YAML document with locations: every mistake becomes a
/// `GuardrailError.config` naming the file, line and column. Unknown keys are
/// errors, so a typo never silently disables a setting.
public struct YAMLReader {
    public let path: String

    public init(path: String) { self.path = path }

    /// A parser of `yaml` into node trees, for every YAML text guardrail
    /// reads: scalars are read as written (see `bool`, `int`) — no implicit
    /// typing, whose default resolver compiles a dozen regexes per run — and
    /// never constructed into values (an empty constructor: the default
    /// builds its tables anew per parser). The encoding is named, because
    /// Yams' default reads the whole environment into a dictionary per parser.
    static func parser(_ yaml: String) throws -> Parser {
        try Parser(yaml: yaml, resolver: .basic, constructor: Constructor([:], [:], [:]), encoding: .utf8)
    }

    /// Parses `text` into a node tree, turning parser errors into located errors.
    public func parse(_ text: String) throws -> Node? {
        do {
            return try Self.parser(text).singleRoot()
        } catch let error as YamlError {
            throw located(error)
        } catch {
            throw GuardrailError.config(path: path, line: 0, column: 0, message: "\(error)")
        }
    }

    private func located(_ error: YamlError) -> GuardrailError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let ctx = context.map { "\($0.text); " } ?? ""
            return .config(path: path, line: mark.line, column: mark.column, message: "invalid YAML: \(ctx)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .config(path: path, line: context.mark.line, column: context.mark.column,
                           message: "duplicate key \(duplicates.map { "`\($0)`" }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return .config(path: path, line: 0, column: 0, message: "invalid YAML: \(problem)")
        default:
            return .config(path: path, line: 0, column: 0, message: "invalid YAML: \(error)")
        }
    }

    // MARK: - Located errors

    /// An error at a node's position.
    public func error(_ node: Node?, _ message: String) -> GuardrailError {
        let mark = node?.mark
        return .config(path: path, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message)
    }

    // MARK: - Typed accessors

    /// The node as a mapping of string keys, rejecting keys outside `allowed`.
    public func mapping(_ node: Node, what: String, allowed: Set<String>?) throws -> [(key: String, keyNode: Node, value: Node)] {
        guard let mapping = node.mapping else {
            throw error(node, "\(what) must be a mapping")
        }
        var out: [(key: String, keyNode: Node, value: Node)] = []
        for (k, v) in mapping {
            guard let key = k.scalar?.string else { throw error(k, "\(what): keys must be strings") }
            if let allowed, !allowed.contains(key) {
                let list = allowed.sorted().map { "`\($0)`" }.joined(separator: ", ")
                throw error(k, "unknown key `\(key)` in \(what) (expected one of \(list))")
            }
            out.append((key, k, v))
        }
        return out
    }

    /// A scalar string (quoted or plain); numbers and booleans are rejected
    /// unless `lenient` is set.
    public func string(_ node: Node, what: String) throws -> String {
        guard let scalar = node.scalar else { throw error(node, "\(what) must be a string") }
        // A bare number, boolean or null is a wrong type (quote it if meant).
        if scalar.style == .plain {
            let s = scalar.string
            let lower = s.lowercased()
            if s.isEmpty || Int(s) != nil || Double(s) != nil || ["true", "false", "null", "~", "yes", "no"].contains(lower) {
                throw error(node, "\(what) must be a string, got `\(s.isEmpty ? "null" : s)`")
            }
        }
        return scalar.string
    }

    /// A list of strings (an empty value counts as an empty list).
    public func strings(_ node: Node, what: String) throws -> [String] {
        if let scalar = node.scalar, scalar.style == .plain, scalar.string.isEmpty || scalar.string == "~" {
            return []
        }
        guard let seq = node.sequence else { throw error(node, "\(what) must be a list of strings") }
        return try seq.map { try string($0, what: what) }
    }

    /// A boolean (`true` / `false`).
    public func bool(_ node: Node, what: String) throws -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain, let value = Bool(scalar.string.lowercased()) else {
            throw error(node, "\(what) must be `true` or `false`")
        }
        return value
    }

    /// An integer.
    public func int(_ node: Node, what: String) throws -> Int {
        guard let scalar = node.scalar, scalar.style == .plain, let value = Int(scalar.string) else {
            throw error(node, "\(what) must be an integer")
        }
        return value
    }
}
