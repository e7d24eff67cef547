import GuardrailRules
import GuardrailSyntax

// MARK: - CrossFileFacts

/// The run-wide half of `CrossFileFact`: checks see one file at a time and
/// record what it states; after every file ran, each finding at a fact's
/// position learns which other files state something else for the same key
/// (e.g. `BYTES_PER_DAY` is 180 in the backend, 36 in the frontend). The
/// finding's message grows, nothing else changes: suppressions were applied
/// per file already and fingerprints hash the flagged text, not the message.
public enum CrossFileFacts {
    /// At most this many other definitions are named in one message.
    static let limit = 8

    /// Fills in the facts' rule-independent places: path, 1-based line and
    /// column, language.
    static func locate(_ facts: [CrossFileFact], in source: SourceFile, index: LineIndex) -> [CrossFileFact] {
        facts.map { fact in
            var located = fact
            let position = index.position(of: fact.start, in: source.bytes)
            located.path = source.path
            located.line = position.line
            located.column = position.column
            located.language = source.language
            return located
        }
    }

    /// Appends to each finding that sits on a fact of its own rule the facts
    /// of other files with the same key and another value, sorted by path and
    /// line (so output does not depend on scheduling).
    public static func annotate(_ findings: inout [Finding], with facts: [CrossFileFact]) {
        guard !facts.isEmpty, !findings.isEmpty else { return }
        var byPlace: [Place: CrossFileFact] = [:]
        var byKey: [GroupKey: [CrossFileFact]] = [:]
        for fact in facts {
            byPlace[Place(rule: fact.rule, path: fact.path, line: fact.line, column: fact.column)] = fact
            byKey[GroupKey(rule: fact.rule, key: fact.key), default: []].append(fact)
        }
        for i in findings.indices {
            let f = findings[i]
            guard let fact = byPlace[Place(rule: f.rule, path: f.path, line: f.line, column: f.column)] else { continue }
            let others = (byKey[GroupKey(rule: fact.rule, key: fact.key)] ?? [])
                .filter { $0.path != fact.path && $0.value != fact.value }
                .sorted { a, b in
                    if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
                    if a.line != b.line { return a.line < b.line }
                    return a.column < b.column
                }
            guard !others.isEmpty else { continue }
            var parts = others.prefix(limit).map(describe)
            if others.count > limit { parts.append("and \(others.count - limit) more") }
            findings[i].message += "; elsewhere " + parts.joined(separator: ", ")
        }
    }

    /// "`frontend/src/lib/bitmap.ts:1` (typescript) says 36".
    static func describe(_ fact: CrossFileFact) -> String {
        let alias = fact.name == fact.key ? "" : " (as `\(fact.name)`)"
        return "`\(fact.path):\(fact.line)` (\(languageName(fact))) says \(fact.value)\(alias)"
    }

    static func languageName(_ fact: CrossFileFact) -> String {
        switch fact.language {
        case .python?: return "python"
        case .typescript?:
            switch Language.pathExtension(fact.path) ?? "" {
            case "js", "jsx", "mjs", "cjs": return "javascript"
            default: return "typescript"
            }
        case .c?:
            switch Language.pathExtension(fact.path) ?? "" {
            case "hh", "hpp", "hxx": return "c++"
            default: return "c"
            }
        case .json?: return "json"
        case .yaml?: return "yaml"
        case nil: return "?"
        }
    }

    private struct Place: Hashable {
        var rule: String
        var path: String
        var line: Int
        var column: Int
    }

    private struct GroupKey: Hashable {
        var rule: String
        var key: String
    }
}
