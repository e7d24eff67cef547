import GuardrailClang
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
    private var cachedCodeView: CodeView?
    private var cachedBrackets: [Int32]?
    private var cachedPythonScopes: (names: [[UInt8]], scopes: PythonScopes)?
    /// Names asked about by `hasAliasShape`, and the answers.
    private var aliasShapes: [[UInt8]: Bool] = [:]
    /// C/C++: how to parse, the translation unit once parsed, its facts.
    public let cSettings: CParseSettings
    private var clangUnit: ClangTranslationUnit?
    private var clangTried = false
    private var cachedCFacts: CFacts?
    /// Set by a check that could not understand the file (a data file that
    /// does not parse): the file is reported as skipped, not silently clean.
    public var notUnderstood: String?
    /// C/C++: why libclang could not read the file, once it was asked to.
    public private(set) var frontEndFailure: ClangFailure?
    /// C/C++: set when libclang could read the file only without its
    /// `compile_commands.json` flags; says why.
    public private(set) var frontEndNote: String?
    /// The run's settings (bitmap geometry and constant aliases).
    public var settings = RunSettings()
    /// Statements other files may contradict, appended by checks as they run
    /// (see `CrossFileFact`); the engine compares them across the run.
    public var facts: [CrossFileFact] = []

    public init(source: SourceFile, cSettings: CParseSettings = CParseSettings()) {
        self.source = source
        self.dialect = ScriptDialect.forPath(source.path)
        self.cSettings = cSettings
    }

    public var bytes: [UInt8] { source.bytes }

    /// `BytePrefilter.hasAliasShape` on the file's bytes, asked once per
    /// name: the rules of one check kind (the banned calls of `naive-today`
    /// and `midnight-unsafe-time-parse`) ask about the same receivers.
    func hasAliasShape(_ name: [UInt8]) -> Bool {
        if let known = aliasShapes[name] { return known }
        let found = BytePrefilter.hasAliasShape(source.bytes, name)
        aliasShapes[name] = found
        return found
    }

    public var language: Language { source.language }

    /// Whether the tokens have been built (a check's own byte test may spare them).
    var tokenized: Bool { cachedTokens != nil }

    /// The file's tokens (empty for languages guardrail does not tokenize itself).
    public var tokens: [Token] {
        if let cachedTokens { return cachedTokens }
        let tokens: [Token]
        switch source.language {
        case .python: tokens = PythonLexer.tokenize(source.bytes)
        case .typescript: tokens = TSLexer.tokenize(source.bytes, dialect: dialect)
        case .c: tokens = cUnit?.tokens() ?? []
        // JSON is a subset of JS's tokens (and JSONC's comments are JS comments).
        case .json: tokens = TSLexer.tokenize(source.bytes, dialect: ScriptDialect(jsx: false, typescript: false))
        case .yaml: tokens = []
        }
        cachedTokens = tokens
        return tokens
    }

    /// The file's non-comment tokens with the matching-bracket table (built
    /// on first use, shared by the structural checks).
    public var codeView: CodeView {
        if let cachedCodeView { return cachedCodeView }
        let view = CodeView(tokens: tokens, bytes: source.bytes)
        cachedCodeView = view
        return view
    }

    /// The file's import statements.
    public var imports: [ImportStatement] {
        if let cachedImports { return cachedImports }
        let imports: [ImportStatement]
        switch source.language {
        case .python: imports = PythonImports.scan(tokens, in: source.bytes)
        case .typescript: imports = TSImports.scan(tokens, in: source.bytes)
        case .c: imports = CIncludes.scan(tokens, in: source.bytes)
        case .json, .yaml: imports = []
        }
        cachedImports = imports
        return imports
    }

    /// For each opening bracket token, the index of its closer (-1 elsewhere).
    public var brackets: [Int32] {
        if let cachedBrackets { return cachedBrackets }
        let b = TokenText.matchBrackets(tokens, source.bytes)
        cachedBrackets = b
        return b
    }

    /// Python scopes and the bindings of `names` (name resolution through
    /// imports): a check asks for the names it resolves, so the file's other
    /// names cost next to nothing. Kept for the next check that asks for the
    /// same names.
    public func pythonScopes(resolving names: [[UInt8]]) -> PythonScopes {
        if let cachedPythonScopes, cachedPythonScopes.names == names { return cachedPythonScopes.scopes }
        let s = PythonScopes(tokens: tokens, bytes: source.bytes, imports: imports, brackets: brackets, names: names)
        cachedPythonScopes = (names, s)
        return s
    }

    // MARK: - C and C++ (libclang)

    /// The parsed translation unit, parsed on first use (loading libclang
    /// the first time any file needs it); nil when that failed (see
    /// `frontEndFailure`). Lives as long as this context, on this thread.
    public var cUnit: ClangTranslationUnit? {
        guard source.language == .c else { return nil }
        if clangTried { return clangUnit }
        clangTried = true
        let name = cSettings.fileName ?? source.path
        switch ClangTranslationUnit.parse(fileName: name, bytes: source.bytes, arguments: cSettings.arguments) {
        case .success(let unit):
            clangUnit = unit
        case .failure(.parseFailed(let why)) where !cSettings.arguments.isEmpty:
            // The database's flags may be what libclang cannot take: try
            // once more without them before giving up.
            switch ClangTranslationUnit.parse(fileName: name, bytes: source.bytes) {
            case .success(let unit):
                clangUnit = unit
                frontEndNote = "\(why) with its compile_commands.json flags (\(cSettings.arguments.joined(separator: " "))); read without them"
            case .failure(.parseFailed(let again)):
                frontEndFailure = .parseFailed("\(why) with its compile_commands.json flags (\(cSettings.arguments.joined(separator: " "))), and \(again) without them")
            case .failure(let failure):
                frontEndFailure = failure
            }
        case .failure(let failure):
            frontEndFailure = failure
        }
        return clangUnit
    }

    /// C/C++: the error and fatal diagnostics libclang reported for the
    /// main file (empty when it was not parsed, or for other languages).
    public var frontEndErrors: [ClangDiagnostic] {
        clangUnit?.diagnostics().filter { $0.severity >= 3 } ?? []
    }

    /// C/C++: the file's own macros, enum constants, constant integers and
    /// constant-size arrays (empty for other languages).
    public var cFacts: CFacts {
        if let cachedCFacts { return cachedCFacts }
        let facts = cUnit.map { $0.facts(tokens: tokens) } ?? CFacts()
        cachedCFacts = facts
        return facts
    }

    /// Time libclang spent parsing this file, nil when it was not parsed.
    public var frontEndDuration: Duration? { clangUnit?.parseDuration }
}
