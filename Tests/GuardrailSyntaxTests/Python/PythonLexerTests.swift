import Testing
@testable import GuardrailSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Helpers

/// CPU seconds the calling thread has used.
private func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

private func lex(_ source: String) -> [LocatedToken] {
    let bytes = Array(source.utf8)
    return located(PythonLexer.tokenize(bytes), bytes)
}

private func text(_ token: Token, _ bytes: [UInt8]) -> String {
    String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
}

private func kindName(_ kind: TokenKind) -> String {
    switch kind {
    case .name: return "name"
    case .number: return "num"
    case .string: return "str"
    case .stringPart: return "part"
    case .op: return "op"
    case .comment: return "comment"
    case .newline: return "nl"
    case .regex: return "regex"
    case .jsxText: return "jsx"
    case .invalid: return "invalid"
    }
}

/// `kind:text` for each token, newlines shown as `nl`.
private func summary(_ source: String) -> [String] {
    summary(Array(source.utf8))
}

private func summary(_ bytes: [UInt8]) -> [String] {
    PythonLexer.tokenize(bytes).map { t in
        t.kind == .newline ? "nl" : "\(kindName(t.kind)):\(text(t, bytes))"
    }
}

/// Summary without the trailing newline token(s).
private func code(_ source: String) -> [String] {
    summary(source).filter { $0 != "nl" }
}

/// Properties every token stream must have, whatever the input.
private func checkInvariants(_ bytes: [UInt8], _ tokens: [Token],
                             sourceLocation: SourceLocation = #_sourceLocation) {
    var previousEnd: Int32 = 0
    var previousLine = 1
    for t in located(tokens, bytes) {
        #expect(t.start >= previousEnd, "overlap at \(t.start)", sourceLocation: sourceLocation)
        #expect(t.end >= t.start, sourceLocation: sourceLocation)
        #expect(Int(t.end) <= bytes.count, sourceLocation: sourceLocation)
        #expect(t.line >= previousLine, sourceLocation: sourceLocation)
        #expect(t.line >= 1 && t.column >= 1, sourceLocation: sourceLocation)
        if t.kind != .newline { #expect(t.end > t.start, sourceLocation: sourceLocation) }
        previousEnd = t.end
        previousLine = t.line
    }
}

// MARK: - Basics

@Suite struct PythonLexerBasicsTests {
    @Test func simpleStatement() {
        let bytes = Array("x = foo(1, 'a')\n".utf8)
        let tokens = located(PythonLexer.tokenize(bytes), bytes)
        #expect(summary(bytes) == ["name:x", "op:=", "name:foo", "op:(", "num:1", "op:,", "str:'a'", "op:)", "nl"])
        #expect(tokens.map(\.column) == [1, 3, 5, 8, 9, 10, 12, 15, 16])
        #expect(tokens.allSatisfy { $0.line == 1 })
        let newline = tokens[tokens.count - 1]
        #expect(newline.start == 15 && newline.end == 16)
    }

    @Test func emptyAndTrivialInputs() {
        #expect(lex("").isEmpty)
        #expect(lex("\n\n\r\n\r").isEmpty)
        #expect(summary("# only a comment") == ["comment:# only a comment"])
        #expect(PythonLexer.tokenize([0xEF, 0xBB, 0xBF]).isEmpty)
        #expect(summary("   \t\u{0C}  ").isEmpty)
    }

    @Test func finalNewlineAtEOFIsEmpty() {
        let tokens = lex("a\nb")
        #expect(tokens.count == 4)
        #expect(tokens[1].kind == .newline && tokens[1].start == 1 && tokens[1].end == 2)
        #expect(tokens[3].kind == .newline && tokens[3].start == 3 && tokens[3].end == 3)
        #expect(tokens[3].line == 2 && tokens[3].column == 2)
    }

    @Test func blankAndCommentOnlyLinesHaveNoNewline() {
        let source = "\n# c1\n  \na = 1  # trailing\n\n    # indented\nb\n"
        #expect(summary(source) == [
            "comment:# c1", "name:a", "op:=", "num:1", "comment:# trailing", "nl",
            "comment:# indented", "name:b", "nl",
        ])
        let tokens = lex(source)
        #expect(tokens[4].line == 4 && tokens[4].column == 8)
        // The newline after a trailing comment is the terminator itself.
        #expect(tokens[5].start == 26 && tokens[5].end == 27)
    }

    @Test func keywordsAreNames() {
        #expect(code("if not x: return None") == [
            "name:if", "name:not", "name:x", "op::", "name:return", "name:None",
        ])
    }
}

// MARK: - Positions

@Suite struct PythonLexerPositionTests {
    @Test func columnsCountCodePoints() {
        // 🎉 is 4 bytes, é 2 bytes, 中 3 bytes: one column each.
        let bytes = Array("s = '🎉é' + 中文\nx = 1 # 🎉\n    y\n".utf8)
        let tokens = located(PythonLexer.tokenize(bytes), bytes)
        #expect(summary(bytes) == [
            "name:s", "op:=", "str:'🎉é'", "op:+", "name:中文", "nl",
            "name:x", "op:=", "num:1", "comment:# 🎉", "nl", "name:y", "nl",
        ])
        #expect(tokens[3].line == 1 && tokens[3].column == 10)
        #expect(tokens[3].start == 13)
        #expect(tokens[4].column == 12)
        #expect(tokens[5].column == 14)
        #expect(tokens[11].line == 3 && tokens[11].column == 5)
    }

    @Test func emojiBeforeTokenInAComment() {
        let tokens = lex("# 🎉🎉\n🎉 = slot\n")
        // Line 2: emoji (a name byte sequence), then `=` at column 3.
        #expect(tokens[1].kind == .name && tokens[1].line == 2 && tokens[1].column == 1)
        #expect(tokens[2].kind == .op && tokens[2].column == 3)
        #expect(tokens[3].column == 5)
    }

    @Test func crlfLineEndings() {
        let bytes = Array("a = 1\r\n\r\nif b:\r\n    c\r\n".utf8)
        let tokens = located(PythonLexer.tokenize(bytes), bytes)
        #expect(summary(bytes) == ["name:a", "op:=", "num:1", "nl", "name:if", "name:b", "op::", "nl", "name:c", "nl"])
        #expect(tokens[3].start == 5 && tokens[3].end == 7)
        #expect(tokens[4].line == 3 && tokens[4].column == 1)
        #expect(tokens[8].line == 4 && tokens[8].column == 5)
        #expect(tokens[9].start == 21 && tokens[9].end == 23)
    }

    @Test func loneCRLineEndings() {
        let bytes = Array("a = 1\r# c\rb\r".utf8)
        let tokens = located(PythonLexer.tokenize(bytes), bytes)
        #expect(summary(bytes) == ["name:a", "op:=", "num:1", "nl", "comment:# c", "name:b", "nl"])
        #expect(tokens[3].start == 5 && tokens[3].end == 6)
        #expect(tokens[4].line == 2 && tokens[4].column == 1)
        #expect(tokens[5].line == 3 && tokens[5].column == 1)
    }

    @Test func byteOrderMarkIsSkipped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("import os\nx\n".utf8)
        let tokens = located(PythonLexer.tokenize(bytes), bytes)
        #expect(summary(bytes) == ["name:import", "name:os", "nl", "name:x", "nl"])
        #expect(tokens[0].start == 3 && tokens[0].line == 1 && tokens[0].column == 1)
        #expect(tokens[1].column == 8)
        #expect(tokens[3].line == 2 && tokens[3].column == 1)
    }

    @Test func bomOnlyAtOffsetZero() {
        let bytes: [UInt8] = Array("a".utf8) + [0xEF, 0xBB, 0xBF]
        // Elsewhere the BOM bytes are just (non-ASCII) name bytes.
        #expect(summary(bytes).count == 2)
        #expect(PythonLexer.tokenize(bytes)[0].end == 4)
    }

    @Test func columnsAgreeWithLineIndex() {
        let bytes = Array("é = f\"{ü!r:>{w}}\"\r\n  # 🎉\r  λ(1,\n 2)\n".utf8)
        let tokens = located(PythonLexer.tokenize(bytes), bytes)
        let index = LineIndex(bytes)
        for t in tokens {
            let position = index.position(of: Int(t.start), in: bytes)
            #expect(Int(t.line) == position.line && Int(t.column) == position.column)
        }
    }
}

// MARK: - Logical lines

@Suite struct PythonLexerLogicalLineTests {
    @Test func bracketsJoinLines() {
        #expect(summary("x = (1,\n  2)\ny = [\n]\nz = {\n}\n") == [
            "name:x", "op:=", "op:(", "num:1", "op:,", "num:2", "op:)", "nl",
            "name:y", "op:=", "op:[", "op:]", "nl",
            "name:z", "op:=", "op:{", "op:}", "nl",
        ])
    }

    @Test func commentsInsideBrackets() {
        #expect(summary("f(a,  # one\n  b)  # two\n") == [
            "name:f", "op:(", "name:a", "op:,", "comment:# one", "name:b", "op:)", "comment:# two", "nl",
        ])
    }

    @Test func unmatchedClosersDoNotGoNegative() {
        #expect(summary(")\na\n]]}\nb\n") == ["op:)", "nl", "name:a", "nl", "op:]", "op:]", "op:}", "nl", "name:b", "nl"])
    }

    @Test func backslashContinuation() {
        let bytes = Array("x = 1 + \\\n    2\ny = 3 \\\r\n + 4\rz = \\\r5\n".utf8)
        #expect(summary(bytes) == [
            "name:x", "op:=", "num:1", "op:+", "num:2", "nl",
            "name:y", "op:=", "num:3", "op:+", "num:4", "nl",
            "name:z", "op:=", "num:5", "nl",
        ])
        let tokens = located(PythonLexer.tokenize(bytes), bytes)
        #expect(tokens[4].line == 2 && tokens[4].column == 5)
    }

    @Test func strayBackslashIsInvalid() {
        #expect(summary("a \\ b\n") == ["name:a", "invalid:\\", "name:b", "nl"])
        #expect(summary("a \\") == ["name:a", "invalid:\\", "nl"])
    }

    @Test func unterminatedBracketStillEndsWithNewline() {
        let tokens = lex("foo(1,\n2\n")
        #expect(tokens.last?.kind == .newline)
        #expect(tokens.filter { $0.kind == .newline }.count == 1)
        #expect(tokens.last?.start == 9 && tokens.last?.end == 9)
    }
}

// MARK: - Names and numbers

@Suite struct PythonLexerNameNumberTests {
    @Test func names() {
        #expect(code("_a1 __init__ Ünïcode 变量 x2y") == ["name:_a1", "name:__init__", "name:Ünïcode", "name:变量", "name:x2y"])
    }

    @Test func invalidUTF8BecomesNameBytes() {
        let bytes: [UInt8] = [0x61, 0x20, 0xFF, 0xFE, 0x80, 0x20, 0xC3, 0x3D, 0x31]
        let tokens = PythonLexer.tokenize(bytes)
        #expect(tokens.map(\.kind) == [.name, .name, .name, .op, .number, .newline])
        #expect(tokens[1].start == 2 && tokens[1].end == 5)
        #expect(tokens[2].start == 6 && tokens[2].end == 7)
        checkInvariants(bytes, tokens)
    }

    @Test(arguments: [
        "0", "7", "1_000", "0x1F", "0XdeadBEEF", "0x_ff", "0o17", "0O1_7", "0b1010", "0B_1",
        "1.", "1.5", ".5", "1e-5", "1E+5", "1e10", "1.5e3", ".5e-2", "1j", "1.5J", "1e3j", ".5j",
        "1_000.000_1e1_0j", "3.14_15",
    ])
    func numbers(_ literal: String) {
        #expect(code(literal) == ["num:\(literal)"])
    }

    @Test func numberBoundaries() {
        #expect(code("1if x else 2") == ["num:1", "name:if", "name:x", "name:else", "num:2"])
        #expect(code("1_") == ["num:1", "name:_"])
        #expect(code("1__0") == ["num:1", "name:__0"])
        #expect(code("1e") == ["num:1", "name:e"])
        #expect(code("1e+") == ["num:1", "name:e", "op:+"])
        #expect(code("1.__class__") == ["num:1.", "name:__class__"])
        #expect(code("1 .real") == ["num:1", "op:.", "name:real"])
        #expect(code("x.5") == ["name:x", "num:.5"])
        #expect(code("0x") == ["num:0x"])
        #expect(code("0b12") == ["num:0b1", "num:2"])
        #expect(code("a[1:2]") == ["name:a", "op:[", "num:1", "op::", "num:2", "op:]"])
    }
}

// MARK: - Operators and invalid bytes

@Suite struct PythonLexerOperatorTests {
    @Test(arguments: [
        "**=", "//=", ">>=", "<<=", "->", ":=", "...", "!=", "==", "<=", ">=", "**", "//", "<<", ">>",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
        "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "@", "=", "+", "-", "*", "/", "%", "&", "|",
        "^", "~", "<", ">",
    ])
    func operatorsAreLongestMatch(_ op: String) {
        #expect(code("a \(op) b") == ["name:a", "op:\(op)", "name:b"])
    }

    @Test func adjacentOperators() {
        #expect(code("a**-b") == ["name:a", "op:**", "op:-", "name:b"])
        #expect(code("x[...]..") == ["name:x", "op:[", "op:...", "op:]", "op:.", "op:."])
        #expect(code("....") == ["op:...", "op:."])
        #expect(code("<>") == ["op:<", "op:>"])
        #expect(code("def f()->int:") == ["name:def", "name:f", "op:(", "op:)", "op:->", "name:int", "op::"])
        #expect(code("@dec") == ["op:@", "name:dec"])
    }

    @Test func invalidBytes() {
        let bytes: [UInt8] = Array("a $ ? ` ! ".utf8) + [0x00, 0x01, 0x7F] + Array(" b".utf8)
        #expect(summary(bytes) == [
            "name:a", "invalid:$", "invalid:?", "invalid:`", "invalid:!",
            "invalid:\u{0}", "invalid:\u{1}", "invalid:\u{7F}", "name:b", "nl",
        ])
    }

    @Test func nulBytesEverywhere() {
        let bytes: [UInt8] = [0, 0x22, 0, 0x22, 0, 0x23, 0, 0x0A, 0x27, 0x27, 0x27, 0]
        let tokens = PythonLexer.tokenize(bytes)
        #expect(tokens.map(\.kind) == [.invalid, .string, .invalid, .comment, .newline, .string, .newline])
        checkInvariants(bytes, tokens)
    }
}

// MARK: - Strings

@Suite struct PythonLexerStringTests {
    @Test(arguments: [
        "'a'", "\"a\"", "''", "\"\"", "'''a'''", "\"\"\"a\"\"\"", "''''''",
        "r'a'", "R'a'", "b'a'", "B\"a\"", "u'a'", "U'a'", "rb'a'", "Rb'a'", "bR'a'", "BR'a'", "br'a'",
        "f'a'", "F'a'", "fr'a'", "rF'a'", "FR'a'", "t'a'", "T'a'", "tr'a'", "Rt'a'",
        "b'''a\nb'''", "rb\"\"\"x\"\"\"",
    ])
    func prefixesAndQuotes(_ literal: String) {
        #expect(code(literal) == ["str:\(literal)"])
    }

    @Test func notPrefixes() {
        #expect(code("ur'a'") == ["name:ur", "str:'a'"])
        #expect(code("bu'a'") == ["name:bu", "str:'a'"])
        #expect(code("ff'a'") == ["name:ff", "str:'a'"])
        #expect(code("xr'a'") == ["name:xr", "str:'a'"])
        #expect(code("rb") == ["name:rb"])
        #expect(code("r") == ["name:r"])
        #expect(code("print'a'") == ["name:print", "str:'a'"])
    }

    @Test func escapes() {
        #expect(code(#"'it\'s' "a\"b" '\\' 'x'"#) == [#"str:'it\'s'"#, #"str:"a\"b""#, #"str:'\\'"#, "str:'x'"])
        #expect(code(#"'''a\'''' ' '"#) == [#"str:'''a\''''"#, "str:' '"])
    }

    @Test func rawBackslashStillKeepsQuoteOpen() {
        #expect(code(#"r'\'' r"\\" x"#) == [#"str:r'\''"#, #"str:r"\\""#, "name:x"])
        #expect(code(#"r'a\' + b"#) == [#"str:r'a\' + b"#])
    }

    @Test func backslashNewlineContinuesString() {
        #expect(summary("'a\\\nb' c\n") == ["str:'a\\\nb'", "name:c", "nl"])
        #expect(summary("r'a\\\r\nb'\n") == ["str:r'a\\\r\nb'", "nl"])
        let tokens = lex("'a\\\nb' c\n")
        #expect(tokens[1].line == 2 && tokens[1].column == 4)
    }

    @Test func unterminatedSingleQuotedStringEndsAtLineEnd() {
        let bytes = Array("x = 'abc\ny = \"d\r\nz = b'".utf8)
        let tokens = PythonLexer.tokenize(bytes)
        #expect(summary(bytes) == [
            "name:x", "op:=", "str:'abc", "nl", "name:y", "op:=", "str:\"d", "nl", "name:z", "op:=", "str:b'", "nl",
        ])
        #expect(tokens[2].end == 8)
        #expect(tokens[3].start == 8)
    }

    @Test func unterminatedTripleQuotedStringEndsAtEOF() {
        let source = "x = '''abc\n\ny = 1\n"
        #expect(summary(source) == ["name:x", "op:=", "str:'''abc\n\ny = 1\n", "nl"])
        #expect(summary("\"\"\"a\"\"") == ["str:\"\"\"a\"\"", "nl"])
        #expect(summary("'a\\") == ["str:'a\\", "nl"])
    }

    @Test func tripleQuotedSpansLines() {
        let bytes = Array("s = \"\"\"one\n\"two\"\n\"\"\"; t = 1\n".utf8)
        let tokens = located(PythonLexer.tokenize(bytes), bytes)
        #expect(tokens[2].kind == .string && tokens[2].line == 1)
        #expect(text(tokens[2].token, bytes) == "\"\"\"one\n\"two\"\n\"\"\"")
        #expect(tokens[3].line == 3 && tokens[3].column == 4)
        #expect(tokens.filter { $0.kind == .newline }.count == 1)
    }

    @Test func commentMarkerInsideStrings() {
        #expect(code("'#' \"# no\" # yes") == ["str:'#'", "str:\"# no\"", "comment:# yes"])
    }
}

// MARK: - f-strings

@Suite struct PythonLexerFStringTests {
    @Test func fieldSplitsIntoPieces() {
        let bytes = Array("f\"a{x}b\"".utf8)
        let tokens = located(PythonLexer.tokenize(bytes), bytes)
        #expect(summary(bytes) == ["part:f\"a{", "name:x", "part:}b\"", "nl"])
        #expect(tokens.map(\.start) == [0, 4, 5, 8])
        #expect(tokens.map(\.column) == [1, 5, 6, 9])
    }

    @Test func fStringWithoutFieldIsString() {
        #expect(code("f'abc' F\"\" rf'\\d' f'{{x}}'") == ["str:f'abc'", "str:F\"\"", "str:rf'\\d'", "str:f'{{x}}'"])
    }

    @Test func doubledBracesAreLiteral() {
        #expect(code("f'{{a}} {b} }}'") == ["part:f'{{a}} {", "name:b", "part:} }}'"])
    }

    @Test func multipleFieldsAndExpressions() {
        #expect(code("f'{a + b}-{c[1]}{d}'") == [
            "part:f'{", "name:a", "op:+", "name:b", "part:}-{", "name:c", "op:[", "num:1", "op:]",
            "part:}{", "name:d", "part:}'",
        ])
    }

    @Test func conversionsAndDebugSpecifier() {
        #expect(code("f'{x!r}{y!s}{z!a}'") == [
            "part:f'{", "name:x", "op:!", "name:r", "part:}{", "name:y", "op:!", "name:s",
            "part:}{", "name:z", "op:!", "name:a", "part:}'",
        ])
        #expect(code("f'{x=}{y = !r}'") == [
            "part:f'{", "name:x", "op:=", "part:}{", "name:y", "op:=", "op:!", "name:r", "part:}'",
        ])
        #expect(code("f'{a!=b}{a==b}'") == [
            "part:f'{", "name:a", "op:!=", "name:b", "part:}{", "name:a", "op:==", "name:b", "part:}'",
        ])
    }

    @Test func formatSpecIsLiteralWithNestedFields() {
        #expect(code("f'{x:>10}'") == ["part:f'{", "name:x", "part::>10}'"])
        #expect(code("f'{x:{w}.{p}f} end'") == [
            "part:f'{", "name:x", "part::{", "name:w", "part:}.{", "name:p", "part:}f} end'",
        ])
        #expect(code("f'{x!r:^{w}}'") == ["part:f'{", "name:x", "op:!", "name:r", "part::^{", "name:w", "part:}}'"])
        #expect(code("f'{d:%H:%M}'") == ["part:f'{", "name:d", "part::%H:%M}'"])
        // `:=` at a field's top level is a format spec `=5`, as in CPython.
        #expect(code("f'{x:=5}'") == ["part:f'{", "name:x", "part::=5}'"])
        #expect(code("f'{(x:=5)}'") == ["part:f'{", "op:(", "name:x", "op::=", "num:5", "op:)", "part:}'"])
    }

    @Test func nestedBracketsInField() {
        #expect(code("f'{ {\"a\": 1}[\"a\"] }'") == [
            "part:f'{", "op:{", "str:\"a\"", "op::", "num:1", "op:}", "op:[", "str:\"a\"", "op:]", "part:}'",
        ])
        #expect(code("f'{(lambda y: y)(1)}'") == [
            "part:f'{", "op:(", "name:lambda", "name:y", "op::", "name:y", "op:)", "op:(", "num:1", "op:)",
            "part:}'",
        ])
        #expect(code("f'{a[1:2]}'") == ["part:f'{", "name:a", "op:[", "num:1", "op::", "num:2", "op:]", "part:}'"])
    }

    @Test func sameQuotesNestInFields() {
        #expect(code("f\"{f\"{x}\"}\"") == ["part:f\"{", "part:f\"{", "name:x", "part:}\"", "part:}\""])
        #expect(code("f\"{\"a\" + 'b'}\"") == ["part:f\"{", "str:\"a\"", "op:+", "str:'b'", "part:}\""])
        #expect(code("f'{\", \".join(xs)}'") == [
            "part:f'{", "str:\", \"", "op:.", "name:join", "op:(", "name:xs", "op:)", "part:}'",
        ])
        #expect(code("f'''{f'''{x}'''}'''") == ["part:f'''{", "part:f'''{", "name:x", "part:}'''", "part:}'''"])
    }

    @Test func templateStringsLikeFStrings() {
        #expect(code("t'a{x}' tr'{y}' T'z'") == ["part:t'a{", "name:x", "part:}'", "part:tr'{", "name:y", "part:}'", "str:T'z'"])
    }

    @Test func rawFStrings() {
        #expect(code("rf'\\{x}'") == ["part:rf'\\{", "name:x", "part:}'"])
        #expect(code("fr'\\N{x}'") == ["part:fr'\\N{", "name:x", "part:}'"])
        #expect(code("rf'\\'{x}'") == ["part:rf'\\'{", "name:x", "part:}'"])
    }

    @Test func escapesInFStrings() {
        #expect(code("f'\\N{BULLET} {x}'") == ["part:f'\\N{BULLET} {", "name:x", "part:}'"])
        #expect(code("f'\\{x}'") == ["part:f'\\{", "name:x", "part:}'"])
        #expect(code("f'\\'{x}\\''") == ["part:f'\\'{", "name:x", "part:}\\''"])
        #expect(code("f'{x}\\\ny'") == ["part:f'{", "name:x", "part:}\\\ny'"])
    }

    @Test func tripleQuotedFieldSpansLines() {
        let bytes = Array("s = f\"\"\"a\n{\n  x +\n  y # c\n}\"b\"\n\"\"\"\nz\n".utf8)
        let tokens = located(PythonLexer.tokenize(bytes), bytes)
        #expect(summary(bytes) == [
            "name:s", "op:=", "part:f\"\"\"a\n{", "name:x", "op:+", "name:y", "comment:# c",
            "part:}\"b\"\n\"\"\"", "nl", "name:z", "nl",
        ])
        #expect(tokens[3].line == 3 && tokens[3].column == 3)
        #expect(tokens[7].line == 5 && tokens[7].column == 1)
        #expect(tokens[8].line == 6)
    }

    @Test func singleQuotedFieldMaySpanLinesInBrackets() {
        // 3.12 accepts newlines inside a replacement field.
        #expect(summary("f'{x(\n1)}' + 2\n") == ["part:f'{", "name:x", "op:(", "num:1", "op:)", "part:}'", "op:+", "num:2", "nl"])
    }

    @Test func unterminatedFStrings() {
        #expect(summary("f'abc\nx\n") == ["str:f'abc", "nl", "name:x", "nl"])
        #expect(summary("f'a{x}b\nx\n") == ["part:f'a{", "name:x", "part:}b", "nl", "name:x", "nl"])
        #expect(summary("f'{x:abc\ny\n") == ["part:f'{", "name:x", "part::abc", "nl", "name:y", "nl"])
        #expect(summary("f'''a{x}\n") == ["part:f'''a{", "name:x", "part:}\n", "nl"])
        #expect(summary("f'{x") == ["part:f'{", "name:x", "nl"])
        #expect(summary("f'{") == ["part:f'{", "nl"])
        #expect(summary("f'") == ["str:f'", "nl"])
        #expect(summary("f'{x:{") == ["part:f'{", "name:x", "part::{", "nl"])
    }

    @Test func closingQuoteInFormatSpecEndsString() {
        #expect(summary("f'{x:abc' y\n") == ["part:f'{", "name:x", "part::abc'", "name:y", "nl"])
    }

    @Test func fStringInsideBracketsAndCalls() {
        #expect(summary("print(f'{a}',\n  f\"{b!r}\")\n") == [
            "name:print", "op:(", "part:f'{", "name:a", "part:}'", "op:,",
            "part:f\"{", "name:b", "op:!", "name:r", "part:}\"", "op:)", "nl",
        ])
    }
}

// MARK: - Robustness

@Suite struct PythonLexerRobustnessTests {
    @Test func tenThousandDeepBrackets() {
        let depth = 10_000
        let bytes = [UInt8](repeating: UInt8(ascii: "("), count: depth) + Array("x".utf8)
            + [UInt8](repeating: UInt8(ascii: ")"), count: depth) + Array("\ny\n".utf8)
        let tokens = located(PythonLexer.tokenize(bytes), bytes)
        #expect(tokens.count == 2 * depth + 4)
        #expect(tokens[2 * depth + 1].kind == .newline)
        #expect(tokens[2 * depth + 2].kind == .name && tokens[2 * depth + 2].line == 2)
        // Unclosed: no newline until the final one.
        let open = PythonLexer.tokenize([UInt8](repeating: UInt8(ascii: "["), count: depth) + Array("\na\n".utf8))
        #expect(open.count == depth + 2)
        #expect(open.last?.kind == .newline)
    }

    @Test func twoThousandDeepNestedFStrings() {
        let depth = 2_000
        var bytes: [UInt8] = []
        for _ in 0..<depth { bytes += Array("f\"{".utf8) }
        bytes += Array("x".utf8)
        for _ in 0..<depth { bytes += Array("}\"".utf8) }
        bytes += Array("\ny\n".utf8)
        let tokens = PythonLexer.tokenize(bytes)
        #expect(tokens.count == 2 * depth + 4)
        #expect(tokens.prefix(depth).allSatisfy { $0.kind == .stringPart && $0.length == 3 })
        #expect(tokens[depth].kind == .name)
        #expect(tokens[(depth + 1)..<(2 * depth + 1)].allSatisfy { $0.kind == .stringPart && $0.length == 2 })
        #expect(tokens[2 * depth + 1].kind == .newline)
        checkInvariants(bytes, tokens)
        // Unterminated at every level.
        var open: [UInt8] = []
        for _ in 0..<10_000 { open += Array("f'{".utf8) }
        let openTokens = PythonLexer.tokenize(open)
        #expect(openTokens.count == 10_001)
        checkInvariants(open, openTokens)
        // Deeply nested format specs.
        var specs: [UInt8] = Array("f'".utf8)
        for _ in 0..<5_000 { specs += Array("{x:".utf8) }
        checkInvariants(specs, PythonLexer.tokenize(specs))
    }

    @Test func tenMegabyteSingleLine() {
        // A minified-looking line: long strings between dense code.
        var chunk = Array("x=['".utf8)
        chunk += [UInt8](repeating: UInt8(ascii: "a"), count: 800)
        chunk += Array("',1.5,f'{y!r:>{w}}',(a+b)*c//2,{\"k\":[1,2,3]},lambda q:q.r(s),0x_FF,r'\\d+'];".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10_000_000 + chunk.count)
        while bytes.count < 10_000_000 { bytes += chunk }
        // CPU time of this thread, so a loaded machine does not fail the test.
        let start = threadCPUSeconds()
        let lexed = PythonLexer.tokenize(bytes)
        let elapsed = threadCPUSeconds() - start
        let tokens = located(lexed, bytes)
        #expect(tokens.last?.kind == .newline)
        #expect(tokens.allSatisfy { $0.line == 1 })
        #expect(Int(tokens[tokens.count - 2].end) == bytes.count)
        #expect(tokens.count == 1 + (bytes.count / chunk.count) * 52)
        #expect(elapsed < 1, "took \(elapsed) s")
    }

    @Test func everyTruncationOfATrickySource() {
        let source = """
            \u{FEFF}# -*- coding: utf-8 -*-
            from ..pkg import (A as B,  # c
                C,)
            s = f"a{x!r:>{w}}b{f"{y}"}" + rb'\\'' + '''t
            ''' + 0x_1F + 1.5e-3j ; z = [1,
              2] \\
              + 3
            t = t'{a=}' if x else u"🎉é" $ ? `
            """
        let bytes = Array(source.utf8) + [0xFF, 0x00, 0x0D, 0x22]
        for cut in 0...bytes.count {
            let slice = Array(bytes[0..<cut])
            checkInvariants(slice, PythonLexer.tokenize(slice))
        }
    }

    @Test func pseudoRandomBytes() {
        // Fixed-seed LCG so failures are reproducible.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array("fFrRbBtT'\"{}()[]:!=#\\\n\r .0123456789eEjx_+-*/<>@;,".utf8) + [0x00, 0xC3, 0xFF, 0xF0]
        for _ in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<200 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            checkInvariants(bytes, PythonLexer.tokenize(bytes))
        }
    }
}
