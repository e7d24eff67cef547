// MARK: - Language

/// The languages guardrail reads, chosen by file extension.
public enum Language: String, Sendable, CaseIterable, Codable {
    case python
    case typescript
    case c
    case json
    case yaml

    /// The language for a path's extension, or nil when guardrail does not read it.
    public static func forPath(_ path: String) -> Language? {
        guard let ext = pathExtension(path) else { return nil }
        switch ext {
        case "py", "pyi": return .python
        case "ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs": return .typescript
        case "h", "c", "hh", "hpp", "hxx": return .c
        case "json": return .json
        case "yaml", "yml": return .yaml
        default: return nil
        }
    }

    /// The lowercased extension of the last path segment, without the dot.
    public static func pathExtension(_ path: String) -> String? {
        let utf8 = path.utf8
        guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        if let slash = utf8.lastIndex(of: UInt8(ascii: "/")), slash > dot { return nil }
        return String(path[path.index(after: dot)...]).lowercased()
    }
}

/// Lexical flavour of a TS/JS file: whether `<` may open JSX and whether the
/// TypeScript-only forms (`<T>` casts, generics) are expected.
public struct ScriptDialect: Sendable, Equatable {
    /// `<` in expression position opens a JSX element.
    public var jsx: Bool
    /// TypeScript syntax (type annotations, `<T>(x)` assertions in .ts).
    public var typescript: Bool

    public init(jsx: Bool, typescript: Bool) {
        self.jsx = jsx
        self.typescript = typescript
    }

    /// The dialect a path's extension implies: .ts/.mts/.cts TypeScript
    /// without JSX, .tsx TypeScript with JSX, .js/.jsx/.mjs/.cjs JS with JSX.
    public static func forPath(_ path: String) -> ScriptDialect {
        switch Language.pathExtension(path) ?? "" {
        case "ts", "mts", "cts": return ScriptDialect(jsx: false, typescript: true)
        case "tsx": return ScriptDialect(jsx: true, typescript: true)
        default: return ScriptDialect(jsx: true, typescript: false)
        }
    }
}
