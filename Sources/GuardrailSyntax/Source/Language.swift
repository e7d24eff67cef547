// MARK: - Language

/// The languages guardrail reads, chosen by file extension.
public enum Language: String, Sendable, CaseIterable, Codable {
    case python
    case typescript
    case c
    case json
    case yaml

    /// The language for a path's extension, or nil when guardrail does not read it.
    /// Asked for every path discovery meets, so it reads the path's bytes:
    /// the extension, if it is one to four ASCII letters, lowercased and
    /// packed into one integer (no `String` made, no Unicode case mapping;
    /// every extension guardrail reads is such a word).
    public static func forPath(_ path: String) -> Language? {
        var key: UInt32 = 0
        var letters = 0
        for b in path.utf8.reversed() {
            if b == UInt8(ascii: ".") { break }
            let lower = b | 0x20
            guard letters < 4, lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else { return nil }
            key |= UInt32(lower) << UInt32(8 * letters)
            letters += 1
        }
        // Without a dot the loop read the whole path: no extension.
        guard letters > 0, letters < path.utf8.count else { return nil }
        for (ext, language) in extensions where ext == key { return language }
        return nil
    }

    /// The extensions guardrail reads, packed as `forPath` packs them (the
    /// last letter in the low byte).
    private static let extensions: [(UInt32, Language)] = [
        ("py", .python), ("pyi", .python),
        ("ts", .typescript), ("tsx", .typescript), ("mts", .typescript), ("cts", .typescript),
        ("js", .typescript), ("jsx", .typescript), ("mjs", .typescript), ("cjs", .typescript),
        ("h", .c), ("c", .c), ("hh", .c), ("hpp", .c), ("hxx", .c),
        ("json", .json), ("yaml", .yaml), ("yml", .yaml),
    ].map { ext, language in (ext.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }, language) }

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
