// MARK: - Python fuzz target
//
// Drives one input through everything GuardrailSyntax does with a Python
// file, in the order FileContext does it: PythonLexer, LineIndex and
// SourceFile, CodeView, TokenText.matchBrackets, PythonImports, PythonScopes
// (with name resolution) and PythonCalls; and checks the properties that
// must hold whatever the bytes (see Common.swift). Built by Fuzz/run.sh.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPython(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzPython.run(bytes)
    return 0
}

enum FuzzPython {
    static func run(_ bytes: [UInt8]) {
        // Tokens.
        let tokens = PythonLexer.tokenize(bytes)
        if bytes.count <= 4096 {
            fuzzCheck(PythonLexer.tokenize(bytes) == tokens, "PythonLexer is not deterministic")
        }
        // Only the `.newline` at EOF is empty.
        FuzzChecks.tokens(tokens, bytes) { $0.kind == .newline && Int($0.start) == bytes.count }
        lexerShape(tokens, bytes)

        let source = SourceFile(path: "fuzz.py", bytes: bytes, language: .python)
        let index = LineIndex(bytes)
        FuzzChecks.lineIndex(index, bytes)
        let at = FuzzChecks.positions(tokens, bytes, index)
        FuzzChecks.text(tokens, source)
        // PythonScopes reads a logical line's indentation as a byte count:
        // the first token of every logical line has only one-column bytes
        // (blanks) before it on its line.
        var startsLogicalLine = true
        for (i, t) in tokens.enumerated() where t.kind != .comment {
            if t.kind == .newline { startsLogicalLine = true; continue }
            if startsLogicalLine {
                fuzzCheck(TokenText.indent(of: t, bytes) == at[i].column - 1,
                          "logical line at token \(i): indent \(TokenText.indent(of: t, bytes)) bytes, column \(at[i].column)")
            }
            startsLogicalLine = false
        }

        // Structure.
        let view = CodeView(tokens: tokens, bytes: bytes)
        FuzzChecks.codeView(view, tokens, bytes)
        let brackets = TokenText.matchBrackets(tokens, bytes)
        FuzzChecks.matchBrackets(brackets, tokens, bytes)

        // Imports, scopes, calls.
        let imports = PythonImports.scan(tokens, in: bytes)
        FuzzChecks.imports(imports, tokens)
        pythonImports(imports, tokens, bytes)
        let scopes = PythonScopes(tokens: tokens, bytes: bytes, imports: imports, brackets: brackets)
        pythonScopes(scopes, tokens, bytes)
        filteredScopes(scopes, tokens, bytes, imports, brackets)
        let calls = PythonCalls.scan(tokens, bytes, brackets: brackets)
        pythonCalls(calls, tokens, bytes, brackets)

        // Path helpers (cheap): whatever comes before it, a `.py` suffix wins.
        let stem = String(decoding: bytes.prefix(24), as: UTF8.self)
        fuzzCheck(Language.forPath(stem + ".py") == .python, "Language.forPath(… + \".py\") is not python")
        fuzzCheck(Language.forPath(stem + ".PYI") == .python, "Language.forPath(… + \".PYI\") is not python")
        _ = Language.forPath(stem)
    }

    /// Lexer promises specific to Python: no TS-only kinds; an `.invalid` is
    /// one byte; a `.newline` is the line terminator (or empty at EOF), ends a
    /// line that has code (never two in a row, never first), and the last
    /// code token of a file is one.
    static func lexerShape(_ tokens: [Token], _ bytes: [UInt8]) {
        var lastCode: TokenKind? = nil
        for (i, t) in tokens.enumerated() {
            fuzzCheck(t.kind != .regex && t.kind != .jsxText, "Python token \(i) is a \(t.kind)")
            if t.kind == .invalid { fuzzCheck(t.length == 1, "Python .invalid token \(i) is \(t.length) bytes") }
            if t.kind == .newline {
                let text = Array(bytes[Int(t.start)..<Int(t.end)])
                fuzzCheck(text == [0x0A] || text == [0x0D] || text == [0x0D, 0x0A]
                          || (text.isEmpty && Int(t.start) == bytes.count),
                          "Python .newline token \(i) at \(t.start) is \(text)")
                fuzzCheck(lastCode != nil && lastCode != .newline, "Python .newline token \(i) ends a line without code")
            }
            if t.kind != .comment { lastCode = t.kind }
        }
        fuzzCheck(lastCode == nil || lastCode == .newline, "the last Python code token is a \(lastCode.map { "\($0)" } ?? "-"), not a .newline")
    }

    static func text(_ t: Token, _ bytes: [UInt8]) -> String { TokenText.string(t, bytes) }

    /// PythonImports: statements in source order, not overlapping; each
    /// starts at its keyword; names and aliases are the texts of their tokens.
    static func pythonImports(_ imports: [ImportStatement], _ tokens: [Token], _ bytes: [UInt8]) {
        var previousLast = -1
        for (s, st) in imports.enumerated() {
            fuzzCheck(st.firstToken > previousLast, "Python import \(s) starts at \(st.firstToken), inside the previous one")
            previousLast = st.lastToken
            fuzzCheck(!st.names.isEmpty, "Python import \(s) has no names")
            fuzzCheck(!st.typeOnly, "Python import \(s) is type-only")
            let head = tokens[st.firstToken]
            switch st.form {
            case .pythonImport:
                fuzzCheck(head.kind == .name && text(head, bytes) == "import", "Python import \(s) starts at \(text(head, bytes))")
                fuzzCheck(st.module == nil && st.moduleToken == nil, "Python `import` \(s) has a module")
                for name in st.names {
                    guard let t = name.nameToken else { fuzzFail("Python `import` \(s): name \(name.name) without a token") }
                    fuzzCheck(tokens[t].kind == .name, "Python `import` \(s): name token is a \(tokens[t].kind)")
                    // Compared as UTF-8 of the decoded token text, not as
                    // Characters: `.` followed by a combining mark is one
                    // Character (`a.\u{711}`), the lexer takes any byte
                    // >= 0x80 as a name byte, and invalid UTF-8 decodes to U+FFFD.
                    let full = Array(name.name.utf8)
                    let head = Array(text(tokens[t], bytes).utf8)
                    fuzzCheck(full.starts(with: head) && (full.count == head.count || full[head.count] == UInt8(ascii: ".")),
                              "Python `import` \(s): \(name.name) does not start with its token")
                }
            case .pythonFrom:
                fuzzCheck(head.kind == .name && text(head, bytes) == "from", "Python from-import \(s) starts at \(text(head, bytes))")
                fuzzCheck(st.module != nil && st.moduleToken != nil, "Python from-import \(s) has no module")
                fuzzCheck(!(st.module ?? "").isEmpty, "Python from-import \(s) has an empty module")
                for name in st.names {
                    guard let t = name.nameToken else { fuzzFail("Python from-import \(s): name \(name.name) without a token") }
                    if name.name == "*" {
                        fuzzCheck(tokens[t].kind == .op && text(tokens[t], bytes) == "*", "Python from-import \(s): `*` is not its token")
                    } else {
                        fuzzCheck(tokens[t].kind == .name && name.name == text(tokens[t], bytes),
                                  "Python from-import \(s): \(name.name) is not the text of its token")
                    }
                }
            default:
                fuzzFail("Python import \(s) has form \(st.form)")
            }
            for name in st.names {
                if let a = name.aliasToken {
                    fuzzCheck(tokens[a].kind == .name && name.alias == text(tokens[a], bytes),
                              "Python import \(s): alias \(name.alias ?? "-") is not the text of its token")
                }
            }
        }
    }

    /// PythonScopes: one scope per token, scopes form a tree rooted at the
    /// module (parents come first), and resolving names terminates.
    static func pythonScopes(_ scopes: PythonScopes, _ tokens: [Token], _ bytes: [UInt8]) {
        let all = scopes.scopes
        fuzzCheck(scopes.scopeOf.count == tokens.count, "PythonScopes.scopeOf has \(scopes.scopeOf.count) entries for \(tokens.count) tokens")
        fuzzCheck(!all.isEmpty && all[0].kind == .module && all[0].parent == -1, "PythonScopes: scope 0 is not the module")
        for i in 1..<max(1, all.count) {
            fuzzCheck(all[i].kind != .module && all[i].parent >= 0 && all[i].parent < i,
                      "PythonScopes: scope \(i) (\(all[i].kind)) has parent \(all[i].parent)")
        }
        for s in scopes.scopeOf { fuzzCheck(s >= 0 && Int(s) < all.count, "PythonScopes: token scope \(s) of \(all.count)") }
        var names: [Int] = []
        for i in tokens.indices where tokens[i].kind == .name { names.append(i) }
        for k in fuzzSample(names.count, 64) {
            let i = names[k]
            _ = scopes.resolve(text(tokens[i], bytes), at: i)
        }
        if !tokens.isEmpty { _ = scopes.resolve("time", at: tokens.count - 1) }
    }

    /// Scopes asked for a few names resolve them as scopes built for every
    /// name do, at every occurrence.
    static func filteredScopes(_ full: PythonScopes, _ tokens: [Token], _ bytes: [UInt8],
                               _ imports: [ImportStatement], _ brackets: [Int32]) {
        var names: [Int] = []
        for i in tokens.indices where tokens[i].kind == .name { names.append(i) }
        guard !names.isEmpty else { return }
        var asked: [String] = []
        for k in fuzzSample(names.count, 3) where !asked.contains(text(tokens[names[k]], bytes)) {
            asked.append(text(tokens[names[k]], bytes))
        }
        let filtered = PythonScopes(tokens: tokens, bytes: bytes, imports: imports, brackets: brackets,
                                    names: asked.map { Array($0.utf8) })
        for i in names {
            let name = text(tokens[i], bytes)
            guard asked.contains(name) else { continue }
            let want = full.resolve(name, at: i), got = filtered.resolve(name, at: i)
            fuzzCheck(want == got, "PythonScopes filtered to \(asked) resolves `\(name)` at token \(i) as \(got), unfiltered as \(want)")
        }
    }

    /// PythonCalls: a dotted chain of names, then its `(` and matching `)`;
    /// arguments in order inside the parentheses.
    static func pythonCalls(_ calls: [PythonCall], _ tokens: [Token], _ bytes: [UInt8], _ brackets: [Int32]) {
        for (c, call) in calls.enumerated() {
            fuzzCheck(!call.chain.isEmpty, "Python call \(c) has no callee")
            var previous = -1
            for t in call.chain {
                fuzzCheck(t > previous && t < call.open && tokens[t].kind == .name, "Python call \(c): bad chain \(call.chain)")
                previous = t
            }
            fuzzCheck(TokenText.isOp(tokens[call.open], UInt8(ascii: "("), bytes), "Python call \(c): open is not `(`")
            fuzzCheck(call.close == Int(brackets[call.open]) && call.close > call.open && call.close < tokens.count,
                      "Python call \(c): close \(call.close) is not the match of \(call.open)")
            fuzzCheck(TokenText.isOp(tokens[call.close], UInt8(ascii: ")"), bytes), "Python call \(c): close is not `)`")
            var end = call.open + 1
            for (a, arg) in call.arguments.enumerated() {
                fuzzCheck(arg.start >= end && arg.start < arg.end && arg.end <= call.close,
                          "Python call \(c) argument \(a): \(arg.start)..<\(arg.end) in (\(call.open), \(call.close)), after \(end)")
                end = arg.end
                if let keyword = arg.keyword {
                    fuzzCheck(arg.start >= call.open + 3 && tokens[arg.start - 2].kind == .name
                              && keyword == text(tokens[arg.start - 2], bytes)
                              && TokenText.isOp(tokens[arg.start - 1], UInt8(ascii: "="), bytes),
                              "Python call \(c) argument \(a): keyword \(keyword) is not `name=` before the value")
                }
                if arg.isStarred {
                    let t = tokens[arg.start]
                    fuzzCheck(t.kind == .op && (TokenText.equals(t, "*", bytes) || TokenText.equals(t, "**", bytes)),
                              "Python call \(c) argument \(a) is starred without a `*`")
                }
            }
            _ = call.positional
            _ = call.hasStarred
            let again = PythonCalls.call(endingAt: call.chain[call.chain.count - 1], tokens, bytes, brackets: brackets)
            fuzzCheck(again?.open == call.open && again?.chain == call.chain, "PythonCalls.call(endingAt:) disagrees with scan")
        }
    }
}
