// MARK: - TypeScript / JavaScript fuzz target
//
// Drives one input through everything GuardrailSyntax does with a TS/JS file,
// once per lexical dialect (.ts, .tsx, .js/.jsx, and the JSON one FileContext
// uses): TSLexer, LineIndex and SourceFile, CodeView / TSCode,
// TokenText.matchBrackets, TSImports, TSCalls (every name as a callee, and
// their arguments), TSObjectLiterals (every `{`) and TSBindings; and checks
// the properties that must hold whatever the bytes (see Common.swift).
// Built by Fuzz/run.sh.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTypeScript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzTypeScript.run(bytes)
    return 0
}

enum FuzzTypeScript {
    /// .ts/.mts/.cts, .tsx, .js/.jsx/.mjs/.cjs, and JSON (FileContext lexes
    /// JSON as JS without JSX).
    static let dialects: [(name: String, dialect: ScriptDialect)] = [
        ("ts", ScriptDialect(jsx: false, typescript: true)),
        ("tsx", ScriptDialect(jsx: true, typescript: true)),
        ("js", ScriptDialect(jsx: true, typescript: false)),
        ("json", ScriptDialect(jsx: false, typescript: false)),
    ]

    static func run(_ bytes: [UInt8]) {
        let index = LineIndex(bytes)
        FuzzChecks.lineIndex(index, bytes)
        for (name, dialect) in dialects {
            run(bytes, dialect: dialect, name: name, index: index)
        }
        // Path helpers (cheap): whatever comes before it, the suffix decides.
        let stem = String(decoding: bytes.prefix(24), as: UTF8.self)
        fuzzCheck(ScriptDialect.forPath(stem + ".tsx") == dialects[1].dialect, "ScriptDialect.forPath(… + \".tsx\")")
        fuzzCheck(ScriptDialect.forPath(stem + ".mts") == dialects[0].dialect, "ScriptDialect.forPath(… + \".mts\")")
        fuzzCheck(Language.forPath(stem + ".cjs") == .typescript, "Language.forPath(… + \".cjs\")")
        _ = ScriptDialect.forPath(stem)
    }

    static func run(_ bytes: [UInt8], dialect: ScriptDialect, name: String, index: LineIndex) {
        let tokens = TSLexer.tokenize(bytes, dialect: dialect)
        if bytes.count <= 4096 {
            fuzzCheck(TSLexer.tokenize(bytes, dialect: dialect) == tokens, "[\(name)] TSLexer is not deterministic")
        }
        // The TS lexer's own tests allow empty string pieces.
        FuzzChecks.tokens(tokens, bytes) { $0.kind == .string || $0.kind == .stringPart }
        lexerShape(tokens, bytes, dialect: dialect, name: name)

        let source = SourceFile(path: "fuzz." + name, bytes: bytes, language: .typescript)
        FuzzChecks.positions(tokens, bytes, index)
        FuzzChecks.text(tokens, source)

        let code = TSCode(tokens: tokens, bytes: bytes)
        FuzzChecks.codeView(code.view, tokens, bytes)
        tsCode(code, name: name)
        FuzzChecks.matchBrackets(TokenText.matchBrackets(tokens, bytes), tokens, bytes)

        let imports = TSImports.scan(tokens, in: bytes)
        FuzzChecks.imports(imports, tokens)
        tsImports(imports, tokens, bytes, name: name)

        tsCalls(code, typeArguments: dialect.typescript, name: name)
        tsObjectLiterals(code, name: name)
        tsBindings(code, name: name)
    }

    static func text(_ t: Token, _ bytes: [UInt8]) -> String { TokenText.string(t, bytes) }

    /// Lexer promises specific to TS/JS: no `.newline`; JSX text only where
    /// the dialect has JSX; an `.invalid` is one byte; comments, regexes,
    /// strings and string pieces start with their delimiters.
    static func lexerShape(_ tokens: [Token], _ bytes: [UInt8], dialect: ScriptDialect, name: String) {
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        for (i, t) in tokens.enumerated() {
            let s = Int(t.start)
            let first: UInt8 = t.length > 0 ? bytes[s] : 0
            let second: UInt8 = t.length > 1 ? bytes[s + 1] : 0
            switch t.kind {
            case .newline:
                fuzzFail("[\(name)] TS token \(i) is a .newline")
            case .jsxText:
                fuzzCheck(dialect.jsx, "[\(name)] JSX text token \(i) in a dialect without JSX")
            case .invalid:
                fuzzCheck(t.length == 1, "[\(name)] .invalid token \(i) is \(t.length) bytes")
            case .comment:
                let hashbang = first == UInt8(ascii: "#") && second == UInt8(ascii: "!") && s == (bom ? 3 : 0)
                fuzzCheck(hashbang || (first == UInt8(ascii: "/") && (second == UInt8(ascii: "/") || second == UInt8(ascii: "*"))),
                          "[\(name)] comment token \(i) at \(s) starts with \(first) \(second)")
            case .regex:
                fuzzCheck(first == UInt8(ascii: "/"), "[\(name)] regex token \(i) at \(s) does not start with `/`")
            case .string:
                fuzzCheck(first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") || first == UInt8(ascii: "`"),
                          "[\(name)] string token \(i) at \(s) starts with \(first)")
            case .stringPart:
                fuzzCheck(t.length == 0 || first == UInt8(ascii: "`") || first == UInt8(ascii: "}"),
                          "[\(name)] template piece \(i) at \(s) starts with \(first)")
            case .name, .number, .op:
                break
            }
        }
    }

    /// TSCode accessors: out-of-range positions answer "no"; `skipItem`
    /// moves forward; string contents lie inside their token.
    static func tsCode(_ code: TSCode, name: String) {
        let n = code.count
        for k in [-2, -1, n, n + 1] {
            fuzzCheck(code.kind(k) == nil && !code.isOp(k, "(") && !code.isName(k, "x") && !code.isName(k, [0x78])
                      && !code.isMemberDot(k) && code.closer(k) == nil,
                      "[\(name)] TSCode accessor answers at out-of-range position \(k)")
        }
        for k in 0..<n {
            let next = code.skipItem(k)
            fuzzCheck(next > k && next <= n, "[\(name)] TSCode.skipItem(\(k)) = \(next)")
            if let close = code.closer(k) {
                fuzzCheck(close > k && next == close + 1, "[\(name)] TSCode.closer(\(k)) = \(close)")
            }
            if let r = code.plainStringContents(k) {
                let t = code.token(k)
                fuzzCheck(r.lowerBound == Int(t.start) + 1 && r.upperBound == Int(t.end) - 1,
                          "[\(name)] plainStringContents(\(k)) = \(r) for token \(t.start)..<\(t.end)")
                fuzzCheck(!code.bytes[r].contains(0x5C), "[\(name)] plainStringContents(\(k)) holds a backslash")
            }
        }
        for k in fuzzSample(n, 8) { _ = code.text(k) }
    }

    /// TSImports: each statement starts at its keyword (or at the
    /// `const`/`let`/`var` of the declaration it initialises) and names its
    /// module by a string token.
    static func tsImports(_ imports: [ImportStatement], _ tokens: [Token], _ bytes: [UInt8], name: String) {
        for (s, st) in imports.enumerated() {
            let head = tokens[st.firstToken]
            let word = head.kind == .name ? text(head, bytes) : "<\(head.kind)>"
            fuzzCheck(tokens[st.lastToken].kind != .comment, "[\(name)] import \(s) ends at a comment")
            let declaration = word == "const" || word == "let" || word == "var"
            switch st.form {
            case .esImport:
                fuzzCheck(word == "import", "[\(name)] ES import \(s) starts at \(word)")
                fuzzCheck(st.module != nil, "[\(name)] ES import \(s) has no module")
            case .esExport:
                fuzzCheck(word == "export", "[\(name)] re-export \(s) starts at \(word)")
                fuzzCheck(st.module != nil, "[\(name)] re-export \(s) has no module")
            case .require:
                fuzzCheck(word == "require" || declaration, "[\(name)] require \(s) starts at \(word)")
            case .dynamicImport:
                fuzzCheck(word == "import" || declaration, "[\(name)] import() \(s) starts at \(word)")
            default:
                fuzzFail("[\(name)] TS import \(s) has form \(st.form)")
            }
            if let m = st.moduleToken {
                fuzzCheck(tokens[m].kind == .string, "[\(name)] import \(s): module token is a \(tokens[m].kind)")
            }
            for n in st.names {
                if let t = n.nameToken {
                    fuzzCheck(tokens[t].kind == .name || tokens[t].kind == .string,
                              "[\(name)] import \(s): name token is a \(tokens[t].kind)")
                }
                if let t = n.aliasToken {
                    fuzzCheck(tokens[t].kind == .name || tokens[t].kind == .string,
                              "[\(name)] import \(s): alias token is a \(tokens[t].kind)")
                }
            }
        }
    }

    /// TSCalls: for every name, the call it ends (if any) is a chain of
    /// names, then `(` and its closer; arguments lie in order between them;
    /// `calls(named:)` finds exactly those calls.
    static func tsCalls(_ code: TSCode, typeArguments: Bool, name: String) {
        var found: [TSCall] = []
        var lastNames: [[UInt8]] = [Array("fetch".utf8)]
        for k in 0..<code.count where code.kind(k) == .name {
            let t = code.token(k)
            if lastNames.count < 4 { lastNames.append(Array(code.bytes[Int(t.start)..<Int(t.end)])) }
            guard let call = TSCalls.call(endingAt: k, in: code, typeArguments: typeArguments) else { continue }
            found.append(call)
            fuzzCheck(call.callee.last == k, "[\(name)] call ending at \(k) has callee \(call.callee)")
            var previous = -1
            for p in call.callee {
                fuzzCheck(p > previous && code.kind(p) == .name, "[\(name)] call at \(k): callee \(call.callee)")
                previous = p
            }
            fuzzCheck(call.open > k && code.isOp(call.open, "(") && code.closer(call.open) == call.close,
                      "[\(name)] call at \(k): open \(call.open) / close \(call.close)")
            var end = call.open + 1
            for (a, arg) in TSCalls.arguments(open: call.open, close: call.close, in: code).enumerated() {
                fuzzCheck(arg.range.lowerBound >= end && arg.range.upperBound <= call.close,
                          "[\(name)] call at \(k) argument \(a): \(arg.range) in (\(call.open), \(call.close))")
                fuzzCheck(arg.isSpread == code.isOp(arg.range.lowerBound, "..."), "[\(name)] call at \(k) argument \(a): spread")
                end = arg.range.upperBound + 1
            }
        }
        let named = TSCalls.calls(named: lastNames, in: code, typeArguments: typeArguments)
        let expected = found.filter { call in
            lastNames.contains { code.equals(code.token(call.callee[call.callee.count - 1]), $0) }
        }
        fuzzCheck(named == expected, "[\(name)] TSCalls.calls(named:) found \(named.count) calls, call(endingAt:) \(expected.count)")
    }

    /// TSObjectLiterals: for every `{`, members lie in order inside the
    /// braces, known keys are byte ranges of the file, and `hasKey` finds
    /// every known key.
    static func tsObjectLiterals(_ code: TSCode, name: String) {
        var checkedKeys = 0
        for open in 0..<code.count {
            let members = TSObjectLiterals.members(open: open, in: code)
            guard code.isOp(open, "{"), let close = code.closer(open) else {
                fuzzCheck(members.isEmpty, "[\(name)] members(open: \(open)) of a non-object")
                continue
            }
            var end = open + 1
            for (m, member) in members.enumerated() {
                let r = member.range
                fuzzCheck(r.lowerBound >= end && r.lowerBound < r.upperBound && r.upperBound <= close,
                          "[\(name)] object at \(open) member \(m): \(r) in (\(open), \(close))")
                end = r.upperBound + 1
                switch member.keyKind {
                case .none, .computed:
                    fuzzCheck(member.key.isEmpty, "[\(name)] object at \(open) member \(m): unknown key with a range")
                case .identifier, .string, .number, .computedLiteral:
                    fuzzCheck(member.key.lowerBound >= 0 && member.key.upperBound <= code.bytes.count,
                              "[\(name)] object at \(open) member \(m): key \(member.key) outside the file")
                }
                fuzzCheck((member.kind == .spread || member.kind == .unknown) == (member.keyKind == .none),
                          "[\(name)] object at \(open) member \(m): \(member.kind) with key kind \(member.keyKind)")
                if member.hasKnownKey && checkedKeys < 64 {
                    checkedKeys += 1
                    let key = Array(code.bytes[member.key])
                    fuzzCheck(TSObjectLiterals.hasKey(key, open: open, in: code),
                              "[\(name)] object at \(open): hasKey misses member \(m)'s key")
                }
            }
        }
    }

    /// TSBindings: every binding is at a mention of the name, in source
    /// order; object literals and member writes point at what they say.
    static func tsBindings(_ code: TSCode, name: String) {
        let index = TSBindingIndex(code)
        var seen = Set<[UInt8]>()
        var first: [UInt8]? = nil
        for k in 0..<code.count where code.kind(k) == .name {
            let t = code.token(k)
            let word = Array(code.bytes[Int(t.start)..<Int(t.end)])
            guard seen.count < 256, seen.insert(word).inserted else { continue }
            if first == nil { first = word }
            var previous = -1
            for b in index.bindings(of: word) {
                fuzzCheck(b.name >= previous && code.isName(b.name, word), "[\(name)] binding at \(b.name) is not a mention")
                previous = b.name
                switch b.kind {
                case .objectLiteral:
                    fuzzCheck(code.isOp(b.object, "{") && code.closer(b.object) != nil && b.object > b.name && b.member == -1,
                              "[\(name)] object-literal binding at \(b.name) points at \(b.object)")
                case .memberWrite:
                    fuzzCheck(b.member > b.name && (code.kind(b.member) == .name || code.kind(b.member) == .string) && b.object == -1,
                              "[\(name)] member write at \(b.name) points at \(b.member)")
                case .other:
                    fuzzCheck(b.object == -1 && b.member == -1, "[\(name)] plain binding at \(b.name) points somewhere")
                }
            }
        }
        if let first {
            fuzzCheck(TSBindings.bindings(of: first, in: code) == index.bindings(of: first),
                      "[\(name)] TSBindings.bindings(of:) disagrees with TSBindingIndex")
        }
    }
}
