import GuardrailSyntax

// MARK: - FileContext

/// One file as the checks see it: bytes, tokens and syntax facts, each built
/// at most once however many rules ask. Owned by one worker thread.
public final class FileContext {
    public let source: SourceFile
    /// Lexical flavour for TS/JS files.
    public let dialect: ScriptDialect
    private var cachedTokens: [Token]?
    private var cachedImports: [ImportStatement]?

    public init(source: SourceFile) {
        self.source = source
        self.dialect = ScriptDialect.forPath(source.path)
    }

    public var bytes: [UInt8] { source.bytes }
    public var language: Language { source.language }

    /// The file's tokens (empty for languages guardrail does not tokenize itself).
    public var tokens: [Token] {
        if let cachedTokens { return cachedTokens }
        let tokens: [Token]
        switch source.language {
        case .python: tokens = PythonLexer.tokenize(source.bytes)
        case .typescript: tokens = TSLexer.tokenize(source.bytes, dialect: dialect)
        case .c, .json, .yaml: tokens = []
        }
        cachedTokens = tokens
        return tokens
    }

    /// The file's import statements.
    public var imports: [ImportStatement] {
        if let cachedImports { return cachedImports }
        let imports: [ImportStatement]
        switch source.language {
        case .python: imports = PythonImports.scan(tokens, in: source.bytes)
        case .typescript: imports = TSImports.scan(tokens, in: source.bytes)
        case .c, .json, .yaml: imports = []
        }
        cachedImports = imports
        return imports
    }
}
