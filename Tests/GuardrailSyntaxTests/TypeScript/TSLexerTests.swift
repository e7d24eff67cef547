import Testing
import GuardrailSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Helpers

private let ts = ScriptDialect(jsx: false, typescript: true)
private let tsx = ScriptDialect(jsx: true, typescript: true)
private let js = ScriptDialect(jsx: true, typescript: false)

private func kindName(_ kind: TokenKind) -> String {
    switch kind {
    case .name: return "name"
    case .number: return "number"
    case .string: return "string"
    case .stringPart: return "part"
    case .op: return "op"
    case .comment: return "comment"
    case .newline: return "newline"
    case .regex: return "regex"
    case .jsxText: return "jsxText"
    case .invalid: return "invalid"
    }
}

private func text(_ token: Token, _ bytes: [UInt8]) -> String {
    String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
}

/// Tokens as `"kind text"` strings, e.g. `"name foo"`, `"op =>"`.
private func lex(_ source: String, _ dialect: ScriptDialect = tsx) -> [String] {
    let bytes = Array(source.utf8)
    return TSLexer.tokenize(bytes, dialect: dialect).map { "\(kindName($0.kind)) \(text($0, bytes))" }
}

/// Tokens of one kind, as text.
private func texts(_ source: String, _ kind: TokenKind, _ dialect: ScriptDialect = tsx) -> [String] {
    let bytes = Array(source.utf8)
    return TSLexer.tokenize(bytes, dialect: dialect).filter { $0.kind == kind }.map { text($0, bytes) }
}

/// Tokens as `"kind text line:column"`.
private func positions(_ source: String, _ dialect: ScriptDialect = tsx) -> [String] {
    let bytes = Array(source.utf8)
    return located(TSLexer.tokenize(bytes, dialect: dialect), bytes).map {
        "\(kindName($0.kind)) \(text($0.token, bytes)) \($0.line):\($0.column)"
    }
}

/// Tokens are in order, inside the input and do not overlap.
private func wellFormed(_ tokens: [Token], _ count: Int) -> Bool {
    var previousEnd: Int32 = 0
    for t in tokens {
        if t.start < previousEnd || t.end < t.start || Int(t.end) > count { return false }
        if t.end == t.start && !(t.kind == .string || t.kind == .stringPart) { return false }
        previousEnd = t.end
    }
    return true
}

// MARK: - Positions

@Suite struct TSLexerPositionTests {
    @Test func columnsCountCodePoints() {
        #expect(positions("😀 x\n  é = 1") == ["name 😀 1:1", "name x 1:3", "name é 2:3", "op = 2:5", "number 1 2:7"])
        #expect(positions("'😀😀' + y") == ["string '😀😀' 1:1", "op + 1:6", "name y 1:8"])
    }

    @Test func byteRanges() {
        let bytes = Array("é+b".utf8)
        let tokens = TSLexer.tokenize(bytes, dialect: ts)
        #expect(tokens.map { [$0.start, $0.end] } == [[0, 2], [2, 3], [3, 4]])
    }

    @Test func crlfAndLoneCR() {
        #expect(positions("a\r\nb\r\n  c", ts) == ["name a 1:1", "name b 2:1", "name c 3:3"])
        #expect(positions("a\rb\r\r c", ts) == ["name a 1:1", "name b 2:1", "name c 4:2"])
        #expect(positions("`x\r\ny` z", ts) == ["string `x\r\ny` 1:1", "name z 2:4"])
    }

    @Test func byteOrderMarkIsSkipped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a b\nc".utf8)
        let tokens = located(TSLexer.tokenize(bytes, dialect: ts), bytes)
        #expect(tokens.map(\.start) == [3, 5, 7])
        #expect(tokens.map(\.column) == [1, 3, 1])
        #expect(tokens.map(\.line) == [1, 1, 2])
    }

    @Test func hashbang() {
        #expect(positions("#!/usr/bin/env node\nx") == ["comment #!/usr/bin/env node 1:1", "name x 2:1"])
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("#!node\n".utf8)
        #expect(TSLexer.tokenize(bom, dialect: js).map(\.kind) == [.comment])
        // Not at the start: `#` is invalid, `!` an operator.
        #expect(lex("x\n#!y") == ["name x", "invalid #", "op !", "name y"])
    }

    @Test func unicodeLineSeparatorsAreWhitespace() {
        #expect(lex("a\u{2028}b\u{00A0}c\u{3000}d") == ["name a", "name b", "name c", "name d"])
    }
}

// MARK: - Comments, names, numbers, strings

@Suite struct TSLexerLiteralTests {
    @Test func comments() {
        #expect(lex("a // x /* y\nb /* c\n d */ e") == ["name a", "comment // x /* y", "name b", "comment /* c\n d */", "name e"])
        #expect(lex("a /** doc */") == ["name a", "comment /** doc */"])
        #expect(lex("a /* open\n b") == ["name a", "comment /* open\n b"])
        #expect(lex("a //") == ["name a", "comment //"])
        #expect(lex("/*/ x */y") == ["comment /*/ x */", "name y"])
    }

    @Test func identifiers() {
        #expect(lex("$a _b c1 \\u0061bc a\\u{62}c café 名前 #priv this.#x") == [
            "name $a", "name _b", "name c1", "name \\u0061bc", "name a\\u{62}c", "name café", "name 名前",
            "name #priv", "name this", "op .", "name #x",
        ])
        #expect(lex("return if typeof") == ["name return", "name if", "name typeof"])
        #expect(lex("@Component class") == ["op @", "name Component", "name class"])
    }

    @Test func numbers() {
        #expect(texts("1_000 .5 1e10 1.5e-3 2E+8 0xFF_FF 0o17 0b1010 0777 10n 0xFFn 3.", .number) == [
            "1_000", ".5", "1e10", "1.5e-3", "2E+8", "0xFF_FF", "0o17", "0b1010", "0777", "10n", "0xFFn", "3.",
        ])
        #expect(lex("1..toString()") == ["number 1.", "op .", "name toString", "op (", "op )"])
        #expect(lex("a.b.5") == ["name a", "op .", "name b", "number .5"])
    }

    @Test func strings() {
        #expect(lex(#"'a\'b' "c\"d" 'e\\' "f"g"#) == [
            #"string 'a\'b'"#, #"string "c\"d""#, #"string 'e\\'"#, #"string "f""#, "name g",
        ])
        // Backslash-newline continues the string (LF, CRLF, CR).
        #expect(lex("'a\\\nb' x") == ["string 'a\\\nb'", "name x"])
        #expect(lex("'a\\\r\nb' x") == ["string 'a\\\r\nb'", "name x"])
        #expect(lex("'a\\\rb' x") == ["string 'a\\\rb'", "name x"])
        // An unescaped line end ends an unterminated string.
        #expect(positions("x = 'abc\ny") == ["name x 1:1", "op = 1:3", "string 'abc 1:5", "name y 2:1"])
        #expect(lex("x = \"abc\r\ny") == ["name x", "op =", "string \"abc", "name y"])
        #expect(lex("x = 'abc") == ["name x", "op =", "string 'abc"])
        #expect(lex("'\\") == ["string '\\"])
    }
}

// MARK: - Templates

@Suite struct TSLexerTemplateTests {
    @Test func templateWithoutSubstitutionIsOneString() {
        #expect(lex("`a\\`b\nc` x") == ["string `a\\`b\nc`", "name x"])
        #expect(lex("`$ {x} $`") == ["string `$ {x} $`"])
    }

    @Test func substitutions() {
        #expect(lex("`a${b}c${d + 1}e`") == [
            "part `a${", "name b", "part }c${", "name d", "op +", "number 1", "part }e`",
        ])
        #expect(lex("`${x}`") == ["part `${", "name x", "part }`"])
    }

    @Test func nestedTemplatesAndObjectLiterals() {
        #expect(lex("`a${ {k: `in${ {x: 1}.x }ner`}.k }b` / 2") == [
            "part `a${", "op {", "name k", "op :", "part `in${", "op {", "name x", "op :", "number 1", "op }",
            "op .", "name x", "part }ner`", "op }", "op .", "name k", "part }b`", "op /", "number 2",
        ])
        #expect(lex("`${ () => { return `${'}'}` } }` + z") == [
            "part `${", "op (", "op )", "op =>", "op {", "name return", "part `${", "string '}'", "part }`",
            "op }", "part }`", "op +", "name z",
        ])
        // `${` in a string inside a substitution is just string contents.
        #expect(lex("`${ \"${\" }`") == ["part `${", "string \"${\"", "part }`"])
        // A comment inside a substitution.
        #expect(lex("`${ a /* } */ }`") == ["part `${", "name a", "comment /* } */", "part }`"])
    }

    @Test func unterminatedTemplates() {
        #expect(lex("`abc\ndef") == ["string `abc\ndef"])
        #expect(lex("`a${b") == ["part `a${", "name b"])
        #expect(lex("`a${b}c") == ["part `a${", "name b", "part }c"])
        #expect(lex("`a\\") == ["string `a\\"])
    }
}

// MARK: - Regex vs division

@Suite struct TSLexerRegexTests {
    @Test func division() {
        #expect(lex("a / b / c") == ["name a", "op /", "name b", "op /", "name c"])
        #expect(lex("a++ / 2") == ["name a", "op ++", "op /", "number 2"])
        #expect(lex("x[0] / 2 / y") == ["name x", "op [", "number 0", "op ]", "op /", "number 2", "op /", "name y"])
        #expect(lex("f(x) / 2 / y") == ["name f", "op (", "name x", "op )", "op /", "number 2", "op /", "name y"])
        #expect(lex("1 / 2 / 3") == ["number 1", "op /", "number 2", "op /", "number 3"])
        #expect(lex("'a' / 2 /x") == ["string 'a'", "op /", "number 2", "op /", "name x"])
        #expect(lex("`a` / 2 /x") == ["string `a`", "op /", "number 2", "op /", "name x"])
        #expect(lex("a /= 2") == ["name a", "op /=", "number 2"])
        #expect(lex("this / 2 / x") == ["name this", "op /", "number 2", "op /", "name x"])
        #expect(lex("x.return / 2 / y") == ["name x", "op .", "name return", "op /", "number 2", "op /", "name y"])
        #expect(lex("a! / 2 / b", ts) == ["name a", "op !", "op /", "number 2", "op /", "name b"])
        // An object literal's `}` ends an operand.
        #expect(lex("x = {a: 1} / 2 / y") == [
            "name x", "op =", "op {", "name a", "op :", "number 1", "op }", "op /", "number 2", "op /", "name y",
        ])
    }

    @Test func regex() {
        #expect(lex("x = /=/g") == ["name x", "op =", "regex /=/g"])
        #expect(lex("if (a) /re/.test(s)") == [
            "name if", "op (", "name a", "op )", "regex /re/", "op .", "name test", "op (", "name s", "op )",
        ])
        #expect(lex("while (a(b)) /x/g") == ["name while", "op (", "name a", "op (", "name b", "op )", "op )", "regex /x/g"])
        #expect(lex("for await (x of y) /x/") == [
            "name for", "name await", "op (", "name x", "name of", "name y", "op )", "regex /x/",
        ])
        #expect(lex("return /x/") == ["name return", "regex /x/"])
        #expect(lex("typeof /x/; a instanceof /y/") == [
            "name typeof", "regex /x/", "op ;", "name a", "name instanceof", "regex /y/",
        ])
        #expect(lex("f(/a/, [/b/]) ? /c/ : /d/") == [
            "name f", "op (", "regex /a/", "op ,", "op [", "regex /b/", "op ]", "op )", "op ?", "regex /c/",
            "op :", "regex /d/",
        ])
        #expect(lex("x = a && /b/i.test(c)") == ["name x", "op =", "name a", "op &&", "regex /b/i", "op .", "name test", "op (", "name c", "op )"])
        #expect(lex("=> /x/") == ["op =>", "regex /x/"])
        #expect(lex("/x/.test(y)") == ["regex /x/", "op .", "name test", "op (", "name y", "op )"])
    }

    @Test func regexAfterBraces() {
        // A block's `}` starts a statement; an object literal's does not.
        #expect(lex("function f() {}\n/re/.test(s)") == [
            "name function", "name f", "op (", "op )", "op {", "op }", "regex /re/", "op .", "name test", "op (",
            "name s", "op )",
        ])
        #expect(lex("if (a) { b() } /x/g.exec(c)").contains("regex /x/g"))
        #expect(lex("foo(() => {})/re/") == ["name foo", "op (", "op (", "op )", "op =>", "op {", "op }", "op )", "op /", "name re", "op /"])
        #expect(lex("})/re/") == ["op }", "op )", "op /", "name re", "op /"])
        #expect(lex("x = {}\n/re/g") == ["name x", "op =", "op {", "op }", "op /", "name re", "op /", "name g"])
        // A function or class expression's body ends an operand; a declaration's does not.
        #expect(lex("x = function () {} / 2 / y") == [
            "name x", "op =", "name function", "op (", "op )", "op {", "op }", "op /", "number 2", "op /", "name y",
        ])
        #expect(lex("x = class {} / 2 / y").contains("name y"))
        #expect(lex("function f(a = function () {}) {}\n/re/g").contains("regex /re/g"))
    }

    @Test func regexBodies() {
        #expect(texts("x = /[/]\\//gi", .regex) == ["/[/]\\//gi"])
        #expect(texts("x = /a[\\]/]b/u", .regex) == ["/a[\\]/]b/u"])
        #expect(texts("x = /'\"`/", .regex) == ["/'\"`/"])
        // Unterminated: ends at the line end.
        #expect(lex("x = /abc\ny") == ["name x", "op =", "regex /abc", "name y"])
        #expect(lex("x = /a[/\ny") == ["name x", "op =", "regex /a[/", "name y"])
        #expect(lex("x = /a\\") == ["name x", "op =", "regex /a\\"])
    }
}

// MARK: - Operators

@Suite struct TSLexerOperatorTests {
    @Test func longestMatchExceptGreaterThan() {
        #expect(texts("a >>>= b >= c >> d", .op) == [">", ">", ">", "=", ">", "=", ">", ">"])
        #expect(texts("Array<Array<T>>", .op, ts) == ["<", "<", ">", ">"])
        #expect(texts("a ??= b ?? c ?. d **= e => ... === !== &&= ||= <<= ** ++ -- %= ^= |= &=", .op) == [
            "??=", "??", "?.", "**=", "=>", "...", "===", "!==", "&&=", "||=", "<<=", "**", "++", "--", "%=", "^=",
            "|=", "&=",
        ])
        #expect(lex("a?.5:b") == ["name a", "op ?", "number .5", "op :", "name b"])
        #expect(lex("a?.b?.[c]") == ["name a", "op ?.", "name b", "op ?.", "op [", "name c", "op ]"])
    }

    @Test func invalidBytes() {
        #expect(lex("a \u{0} b \\ c #") == ["name a", "invalid \u{0}", "name b", "invalid \\", "name c", "invalid #"])
        let bytes: [UInt8] = [0x61, 0x20, 0xFF, 0xFE, 0x20, 0xC3, 0x20, 0x62, 0x00, 0x00]
        let tokens = TSLexer.tokenize(bytes, dialect: tsx)
        #expect(tokens.map(\.kind) == [.name, .name, .name, .name, .invalid, .invalid])
        #expect(tokens.map(\.start) == [0, 2, 5, 7, 8, 9])
        #expect(wellFormed(tokens, bytes.count))
    }
}

// MARK: - JSX

@Suite struct TSLexerJSXTests {
    @Test func textIsNotCode() {
        let source = "const a = <p>Don't call fetch(url) // here</p>;"
        #expect(lex(source) == [
            "name const", "name a", "op =", "op <", "name p", "op >", "jsxText Don't call fetch(url) // here",
            "op <", "op /", "name p", "op >", "op ;",
        ])
        #expect(lex(source, js) == lex(source))
    }

    @Test func multiLineTextAndPositions() {
        let source = "x = (\n  <div>\n    hello /* no */\n    world\n  </div>\n)"
        #expect(positions(source).filter { $0.hasPrefix("jsxText") } == ["jsxText hello /* no */\n    world 3:5"])
    }

    @Test func attributes() {
        #expect(lex("<a href=\"x\\\" b='y' data-id={1} {...rest} aria-hidden on:click={f}/>") == [
            "op <", "name a", "name href", "op =", "string \"x\\\"", "name b", "op =", "string 'y'", "name data-id",
            "op =", "op {", "number 1", "op }", "op {", "op ...", "name rest", "op }", "name aria-hidden", "name on",
            "op :", "name click", "op =", "op {", "name f", "op }", "op /", "op >",
        ])
        #expect(lex("<a b=\"multi\nline\" />") == ["op <", "name a", "name b", "op =", "string \"multi\nline\"", "op /", "op >"])
    }

    @Test func expressionsCommentsAndNesting() {
        #expect(lex("<ul>{/* c */}{items.map(i => <li key={i}>{`${i}!`}</li>)}</ul>") == [
            "op <", "name ul", "op >", "op {", "comment /* c */", "op }", "op {", "name items", "op .", "name map",
            "op (", "name i", "op =>", "op <", "name li", "name key", "op =", "op {", "name i", "op }", "op >", "op {",
            "part `${", "name i", "part }!`", "op }", "op <", "op /", "name li", "op >", "op )", "op }", "op <",
            "op /", "name ul", "op >",
        ])
        // Braces inside a JSX expression balance (object literal, arrow body).
        #expect(lex("<a s={{c: 1}} f={() => { return 1 }}>t</a>").contains("jsxText t"))
    }

    @Test func fragmentsSelfClosingAndNames() {
        #expect(lex("<><br/><Foo.Bar /><svg:rect/><my-el>x</my-el></>") == [
            "op <", "op >", "op <", "name br", "op /", "op >", "op <", "name Foo", "op .", "name Bar", "op /", "op >",
            "op <", "name svg", "op :", "name rect", "op /", "op >", "op <", "name my-el", "op >", "jsxText x",
            "op <", "op /", "name my-el", "op >", "op <", "op /", "op >",
        ])
    }

    @Test func afterElementIsAnOperand() {
        #expect(lex("x = <a/> / 2") == ["name x", "op =", "op <", "name a", "op /", "op >", "op /", "number 2"])
        #expect(lex("c ? <a/> : <b/>").filter { $0 == "op <" }.count == 2)
        #expect(lex("return <div>x</div>").contains("jsxText x"))
    }

    @Test func genericsVersusElements() {
        // .tsx: `<T,>` and `<T extends U>` are type parameters of an arrow.
        #expect(lex("const f = <T,>(x: T) => x", tsx) == [
            "name const", "name f", "op =", "op <", "name T", "op ,", "op >", "op (", "name x", "op :", "name T",
            "op )", "op =>", "name x",
        ])
        #expect(lex("const f = <T extends U>(x: T) => x", tsx).contains("name extends"))
        #expect(!lex("const f = <T extends U>(x: T) => x", tsx).contains { $0.hasPrefix("jsxText") })
        // .tsx: `<div>` is an element.
        #expect(lex("const e = <div>(x)</div>", tsx).contains("jsxText (x)"))
        // .ts: `<T>x` is a type assertion, plain operators.
        #expect(lex("const y = <T>x / 2", ts) == ["name const", "name y", "op =", "op <", "name T", "op >", "name x", "op /", "number 2"])
        // Comparison and generic calls are operators in every dialect.
        #expect(lex("a < b && c > d") == ["name a", "op <", "name b", "op &&", "name c", "op >", "name d"])
        #expect(lex("useState<string>('x')") == ["name useState", "op <", "name string", "op >", "op (", "string 'x'", "op )"])
        #expect(lex("if (a <b) c", js) == ["name if", "op (", "name a", "op <", "name b", "op )", "name c"])
    }

    @Test func typeArgumentsOnElements() {
        #expect(lex("x = <Select<Map<K, V>> a={1} />", tsx) == [
            "name x", "op =", "op <", "name Select", "op <", "name Map", "op <", "name K", "op ,", "name V", "op >",
            "op >", "name a", "op =", "op {", "number 1", "op }", "op /", "op >",
        ])
        #expect(lex("<Foo<Bar>>t</Foo>", tsx).contains("jsxText t"))
    }

    @Test func unterminatedJSX() {
        #expect(lex("<div>text") == ["op <", "name div", "op >", "jsxText text"])
        #expect(lex("<div a=\"x") == ["op <", "name div", "name a", "op =", "string \"x"])
        #expect(lex("<div a={b") == ["op <", "name div", "name a", "op =", "op {", "name b"])
        #expect(lex("<a><b></b>") == ["op <", "name a", "op >", "op <", "name b", "op >", "op <", "op /", "name b", "op >"])
        #expect(lex("<") == ["op <"])
    }

    @Test func misreadTagRecovers() {
        // `<a;` cannot be a tag: the `;` goes back to code.
        #expect(lex("x = <a; y = 1 / 2 / 3") == [
            "name x", "op =", "op <", "name a", "op ;", "name y", "op =", "number 1", "op /", "number 2", "op /",
            "number 3",
        ])
    }
}

// MARK: - Robustness

@Suite struct TSLexerRobustnessTests {
    private func check(_ bytes: [UInt8], _ dialect: ScriptDialect = tsx) -> [Token] {
        let tokens = TSLexer.tokenize(bytes, dialect: dialect)
        #expect(wellFormed(tokens, bytes.count))
        return tokens
    }

    @Test func deepNesting() {
        let depth = 10_000
        #expect(check(Array(String(repeating: "(", count: depth).utf8)).count == depth)
        #expect(check(Array((String(repeating: "{", count: depth) + String(repeating: "}", count: depth)).utf8)).count == 2 * depth)
        #expect(check(Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)).count == 2 * depth)
        let templates = String(repeating: "`a${", count: depth) + "x" + String(repeating: "}b`", count: depth)
        let tokens = check(Array(templates.utf8))
        #expect(tokens.count == 2 * depth + 1)
        #expect(tokens.last?.kind == .stringPart)
        let elements = "x = " + String(repeating: "<a>", count: depth) + "t" + String(repeating: "</a>", count: depth) + " / 2"
        let jsx = check(Array(elements.utf8))
        #expect(jsx.filter { $0.kind == .jsxText }.count == 1)
        #expect(jsx.last?.kind == .number)
        let braces = String(repeating: "<a b={", count: depth) + String(repeating: "}/>", count: depth)
        #expect(check(Array(braces.utf8)).count == 8 * depth)
        #expect(check(Array(String(repeating: "`${", count: depth).utf8)).count == depth)
        #expect(check(Array(String(repeating: "<a>{", count: depth).utf8)).count == 4 * depth)
    }

    @Test func unterminatedEverything() {
        for source in ["'", "\"", "`", "`${", "/*", "/", "x = /", "x = /[", "<", "<a", "<a b", "<a b=", "<a>", "<a>{",
                       "</", "<a/", "#", "#!", "\\u", "\\u{", "0x", "1e", "1e+", ".", "?.", "a?.", "`${`${", "<>"] {
            for dialect in [ts, tsx, js] {
                _ = check(Array(source.utf8), dialect)
            }
        }
    }

    @Test func randomBytesNeverTrap() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array("`${}()[]<>/\\*'\"\n\r#!=.?:;,ab1 x".utf8) + [0x00, 0xFF, 0xE2, 0x80, 0xA8, 0xC3]
        for _ in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<200 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            for dialect in [ts, tsx, js] { _ = check(bytes, dialect) }
        }
    }

    /// CPU time of the calling thread: other tests and processes sharing the
    /// machine do not count against the budget.
    private func threadSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// 10 MB in under a second (of CPU) when optimized. Debug builds run about
    /// ten times slower, so they check 1 MB against a budget that still rules
    /// out any super-linear behaviour.
    @Test func tenMegabyteSingleLineIsFast() {
        #if DEBUG
        let size = 1 << 20
        let budget = 3.0
        #else
        let size = 10 << 20
        let budget = 1.0
        #endif
        let chunk = Array("var a=b/c+d(e,`t${f}`,/re[/]x/g)?{k:'v',\"s\":1e3}:<a href=\"x\">hi {g}</a>;if(x)/y/.test(z);".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size + chunk.count)
        while bytes.count < size { bytes.append(contentsOf: chunk) }
        let start = threadSeconds()
        let tokens = TSLexer.tokenize(bytes, dialect: js)
        let elapsed = threadSeconds() - start
        #expect(tokens.count > size / 4)
        #expect(!bytes.contains(0x0A) && !bytes.contains(0x0D))
        #expect(elapsed < budget)
    }
}
