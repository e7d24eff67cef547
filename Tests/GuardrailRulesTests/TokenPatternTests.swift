import Testing
import GuardrailSyntax
@testable import GuardrailRules

// MARK: - Helpers

/// The matched texts of `pattern` in `source`.
private func matches(_ pattern: String, in source: String, _ language: Language = .python) throws -> [String] {
    let compiled = try TokenPattern(pattern, language: language)
    let bytes = Array(source.utf8)
    let tokens: [Token] = language == .python
        ? PythonLexer.tokenize(bytes)
        : TSLexer.tokenize(bytes, dialect: ScriptDialect(jsx: false, typescript: true))
    let view = CodeView(tokens: tokens, bytes: bytes)
    return compiled.matches(tokens: tokens, bytes: bytes, view: view).map {
        String(decoding: bytes[$0], as: UTF8.self)
    }
}

private func compileError(_ pattern: String) -> String? {
    do {
        _ = try TokenPattern(pattern, language: .python)
        return nil
    } catch {
        return error.message
    }
}

// MARK: - Tests

@Suite struct TokenPatternTests {
    @Test func compilesMetavariablesAndWildcards() throws {
        let py = try TokenPattern("$A.hour * 60 + $B.minute", language: .python)
        #expect(py.metavariables == ["A", "B"])
        #expect(py.elements.count == 9)
        #expect(py.elements.first == .metavariable(0))
        let ts = try TokenPattern("$X.fromisoformat(...)", language: .typescript)
        #expect(ts.metavariables == ["X"])
        #expect(ts.elements.contains(.wildcard))
        #expect(ts.trigger == Array("fromisoformat".utf8))
        // `$_` never binds; a lower-case `$name` is an ordinary TS identifier.
        let anon = try TokenPattern("$_ + $_", language: .python)
        #expect(anon.metavariables.isEmpty)
        let jquery = try TokenPattern("$el.show()", language: .typescript)
        #expect(jquery.metavariables.isEmpty)
    }

    @Test func rejectsPatternsThatCannotWork() {
        #expect(compileError("") != nil)
        #expect(compileError("# only a comment") != nil)
        #expect(compileError("$X") != nil)
        #expect(compileError("...") != nil)
        #expect(compileError("f($X") != nil)
        #expect(compileError("f($X])") != nil)
        #expect(compileError("f($X)") == nil)
    }

    @Test func metavariableBindsTheSameTokensTwice() throws {
        #expect(try matches("$X + $X", in: "y = a.b + a.b") == ["a.b + a.b"])
        #expect(try matches("$X + $X", in: "y = a.b + a.c") == [])
        // Whitespace and comments do not matter for "the same".
        #expect(try matches("$X + $X", in: "y = f( a ) + f(a  # c\n)") == ["f( a ) + f(a  # c\n)"])
        #expect(try matches("$_ + $_", in: "y = a.b + a.c") == ["a.b + a.c"])
    }

    @Test func backtracksOverOperandChains() throws {
        // `$A` must stop before `.hour`, not swallow it.
        #expect(try matches("$A.hour * 60 + $B.minute", in: "m = self.start.hour * 60 + self.start.minute")
                == ["self.start.hour * 60 + self.start.minute"])
        #expect(try matches("$A.hour * 60 + $B.minute", in: "m = rows[0].end.hour*60+rows[0].end.minute")
                == ["rows[0].end.hour*60+rows[0].end.minute"])
        #expect(try matches("$A.hour * 60 + $B.minute", in: "m = (t or d).hour * 60 + get().minute")
                == ["(t or d).hour * 60 + get().minute"])
        // Never from the middle of a chain.
        #expect(try matches("$A.hour", in: "x = a.b.hour") == ["a.b.hour"])
        #expect(try matches("b.hour", in: "x = a.b.hour") == [])
    }

    @Test func neverMatchesCommentsOrStrings() throws {
        let source = """
        # a.hour * 60 + a.minute
        s = "a.hour * 60 + a.minute"
        f = f"a.hour * 60 + {a.minute}"
        """
        #expect(try matches("$A.hour * 60 + $B.minute", in: source) == [])
        #expect(try matches("$A.hour * 60 + $B.minute", in: "x = a.hour * 3600 + a.minute * 60") == [])
        #expect(try matches("$A.hour * 60 + $B.minute", in: "x = a.hour * 60\ny = + a.minute") == [])
    }

    @Test func wildcardMatchesBalancedSequences() throws {
        #expect(try matches("$X.fromisoformat(...)", in: "t = time.fromisoformat(s[0], f(a, (b)))")
                == ["time.fromisoformat(s[0], f(a, (b)))"])
        #expect(try matches("$X.fromisoformat(...)", in: "t = time.fromisoformat()") == ["time.fromisoformat()"])
        #expect(try matches("f(..., $Y)", in: "f(a, b, c)") == ["f(a, b, c)"])
        // A wildcard does not leave its group: `g(...)` needs a `)` of its own.
        #expect(try matches("g(...) + 1", in: "h(g(a) + 2) + 1") == [])
        #expect(try matches("g(...) + 1", in: "h(g(a)) + g(b, [c]) + 1") == ["g(b, [c]) + 1"])
    }

    @Test func typeScriptPatterns() throws {
        #expect(try matches("fetch($URL)", in: "await fetch(url);", .typescript) == ["fetch(url)"])
        #expect(try matches("fetch($URL)", in: "await fetch(a.b[0]);", .typescript) == ["fetch(a.b[0])"])
        #expect(try matches("fetch($URL)", in: "await fetch(a, b);", .typescript) == [])
        #expect(try matches("fetch($URL)", in: "await this.fetch(url);", .typescript) == [])
        #expect(try matches("fetch($URL)", in: "const s = 'fetch(url)'; // fetch(url)", .typescript) == [])
        #expect(try matches("fetch($URL)", in: "f(`${fetch(`/a/${id}`)}`)", .typescript) == ["fetch(`/a/${id}`)"])
        #expect(try matches("$A.hour * 60 + $B.minute", in: "const m = d!.hour * 60 + d.minute;", .typescript)
                == ["d!.hour * 60 + d.minute"])
        // `.` in a pattern is not `?.`.
        #expect(try matches("$A.hour", in: "const h = d?.hour;", .typescript) == [])
    }

    @Test func leftmostNonOverlappingMatches() throws {
        #expect(try matches("$X + $X", in: "y = a + a + a") == ["a + a"])
        #expect(try matches("fetch($U)", in: "fetch(fetch(u))", .typescript) == ["fetch(fetch(u))"])
    }

    @Test func deepNestingCompletesWithoutRecursion() throws {
        let depth = 10_000
        let nested = String(repeating: "(", count: depth) + "a.hour * 60 + a.minute" + String(repeating: ")", count: depth)
        #expect(try matches("$A.hour * 60 + $B.minute", in: "x = " + nested) == ["a.hour * 60 + a.minute"])
        // An operand that is itself 10,000 groups deep.
        #expect(try matches("$X.minute", in: "x = " + nested + ".minute").count == 1)
        let ts = "f(" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ")"
        #expect(try matches("f(...)", in: ts, .typescript).count == 1)
        // Unbalanced input stays bounded.
        let open = String(repeating: "(", count: depth) + "a.hour * 60 +"
        #expect(try matches("$A.hour * 60 + $B.minute", in: open) == [])
    }

    @Test func longInputsStayLinear() throws {
        // A long chain and many candidate starts: bounded by the chain walk.
        let chain = "x = a" + String(repeating: ".b", count: 20_000) + ".hour * 60 + c.minute"
        #expect(try matches("$A.hour * 60 + $B.minute", in: chain).count == 1)
        let many = String(repeating: "f(a, b) + ", count: 20_000) + "1"
        #expect(try matches("f(..., $Y) + 2", in: many) == [])
    }
}

// MARK: - Loading

@Suite struct PatternCheckLoadingTests {
    static let head = """
    id: demo
    severity: warning
    languages: [python, typescript]
    summary: demo
    check:

    """

    private func loadError(_ check: String) -> String? {
        do {
            _ = try RuleLoader.parse(Self.head + check, path: "r.yml")
            return nil
        } catch let error as GuardrailError {
            return error.description
        } catch {
            return "\(error)"
        }
    }

    @Test func tokenPatternLoadsAndReportsBadPatternsWithALocation() throws {
        let rule = try RuleLoader.parse(Self.head + """
          kind: token-pattern
          patterns: ["$A.hour * 60 + $B.minute", "fetch($URL)"]
          message: found it
        """, path: "r.yml")
        #expect(rule.checkKind == "token-pattern")
        #expect(rule.check.triggers == [Array("minute".utf8), Array("fetch".utf8)])
        #expect(loadError("  kind: token-pattern\n  patterns: [\"f($X\"]\n  message: m\n")
                == "error: r.yml:7:13: token pattern `f($X` has an unclosed bracket")
        #expect(loadError("  kind: token-pattern\n  message: m\n")?.contains("token-pattern needs `patterns`") == true)
        #expect(loadError("  kind: token-pattern\n  patterns: [x]\n  mesage: m\n")?.contains("unknown key `mesage`") == true)
    }

    @Test func requiredCallOptionLoadsAndValidates() throws {
        let rule = try RuleLoader.parse(Self.head + """
          kind: required-call-option
          callees: [fetch, window.fetch]
          argument: 2
          key: cache
          message: "`{callee}` without `{key}`"
        """, path: "r.yml")
        #expect(rule.checkKind == "required-call-option")
        #expect(rule.check.triggers == [Array("fetch".utf8)])
        #expect(loadError("  kind: required-call-option\n  callees: [fetch]\n")?.contains("needs `key`") == true)
        #expect(loadError("  kind: required-call-option\n  callees: [\"a..b\"]\n  key: k\n")?.contains("is not a dotted name") == true)
        #expect(loadError("  kind: required-call-option\n  callees: [f]\n  key: k\n  argument: 0\n")?.contains("1-based") == true)
    }
}

@Suite struct TokenPatternSeedingTests {
    /// Thousands of seeds on one long chain make the backward walk from each
    /// seed exceed its budget: the matcher falls back to trying every token
    /// and still finds exactly the real match.
    @Test func longChainsFallBackToTheFullScanWithTheSameResult() throws {
        let chain = "z = a" + String(repeating: ".minute", count: 20_000) + "\n"
        let source = chain + "w = s.hour * 60 + s.minute\n"
        #expect(try matches("$A.hour * 60 + $B.minute", in: source) == ["s.hour * 60 + s.minute"])
    }
}

// MARK: - Required words

@Suite struct TokenPatternRequiredWordsTests {
    /// A file must hold every literal name and number of some pattern, and
    /// its runs of literal tokens in a row, before the check builds tokens;
    /// one complete pattern is enough.
    @Test func tokensOnlyWhenSomePatternHasAllItsWords() throws {
        let check = try TokenPatternCheck(patterns: ["$A.hour * 60 + $B.minute", "legacy_minutes($X)"], message: "m")
        func run(_ text: String, _ language: Language = .python) -> (hits: Int, tokenized: Bool) {
            let file = FileContext(source: SourceFile(path: language == .python ? "a.py" : "a.ts", bytes: Array(text.utf8), language: language))
            var hits: [Hit] = []
            check.run(file, into: &hits)
            return (hits.count, file.tokenized)
        }
        // `minute` and `60` without `hour`: no tokens, no hit.
        #expect(run("x = t.minute + 60\n") == (0, false))
        // All of the first pattern's words: tokens, and the hit.
        #expect(run("m = t.hour * 60 + t.minute\n") == (1, true))
        // Only the second pattern's word: tokens, and its hit.
        #expect(run("m = legacy_minutes(t)\n") == (1, true))
        // The words, but not `hour * 60 +` in a row: no tokens.
        #expect(run("# hour 60 minute\n") == (0, false))
        #expect(run("m = t.hour + 60 * t.minute\n") == (0, false))
        // The expression inside a comment still costs tokens (bytes cannot tell), but finds nothing.
        #expect(run("# t.hour * 60 + t.minute\n") == (0, true))
        // TS/JS files are held to the same words.
        #expect(run("const m = t.minute + 60;\n", .typescript) == (0, false))
        #expect(run("const m = t.hour * 60 + t.minute;\n", .typescript) == (1, true))
    }

    /// The engine's prefilter words come from both compilations: in TS,
    /// `x // yy` is `x` and a comment, so a TS file without `yy` still runs.
    @Test func triggersOfBothLanguages() throws {
        let check = try TokenPatternCheck(patterns: ["x // yy"], message: "m")
        #expect(check.triggers.contains(Array("yy".utf8)) && check.triggers.contains(Array("x".utf8)))
        let file = FileContext(source: SourceFile(path: "a.ts", bytes: Array("const a = x;\n".utf8), language: .typescript))
        var hits: [Hit] = []
        check.run(file, into: &hits)
        #expect(hits.count == 1)
    }
}
