import GuardrailTestSupport
import Testing
@testable import GuardrailRules
import GuardrailSyntax

/// The byte searches checks run before they ask for tokens.
@Suite struct BytePrefilterTests {
    /// The plain definition: some offset where every byte of the needle follows.
    static func naive(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        for s in 0...(haystack.count - needle.count) where haystack[s..<(s + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    @Test func containsAgreesWithThePlainDefinition() {
        // Few distinct bytes, so needles occur, almost occur, and sit at both
        // ends; the needles' rarest byte (the search's anchor) is anywhere in them.
        var rng = SplitMix(seed: 7)
        let alphabet = Array("ae: 6m0u\n".utf8)
        for _ in 0..<20_000 {
            let haystack = (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let needle = (0..<Int(rng.next() % 5)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            // The haystack ends at an unreadable page: no read past its end.
            let got = withGuardedBytes(haystack) { BytePrefilter.contains($0, needle) }
            #expect(got == Self.naive(haystack, needle), "\(haystack) \(needle)")
        }
    }

    @Test func rareBytesAnchorTheSearch() {
        #expect(BytePrefilter.commonness(UInt8(ascii: "e")) > BytePrefilter.commonness(UInt8(ascii: "m")))
        #expect(BytePrefilter.commonness(UInt8(ascii: "Q")) == 0)
        let text = Array("the minute is a minimal unit: minutes\n".utf8)
        #expect(BytePrefilter.containsAllTokens(text, [Array("minute".utf8), Array("unit".utf8)]))
        #expect(!BytePrefilter.containsAllTokens(text, [Array("minute".utf8), Array("minutes".utf8), Array("min".utf8)]))
        #expect(!BytePrefilter.containsAny(text, [Array("minuet".utf8), Array("units!".utf8)]))
    }

    /// The call-shape gate may let a file through needlessly, never keep
    /// out one with a call: whenever it says no, TSCalls finds no call of
    /// the name, over random TS/JS built from the pieces around calls.
    @Test func callShapeNeverHidesACall() {
        var rng = SplitMix(seed: 5)
        let pieces = ["fetch", "fetch", "(", ")", "fetch<T>(u)", "fetch(u)", "fetch\n(u)", "fetch/* c */(u)", "fetch // c\n(u)", "<T>", "<", ">", " ", "\n", "/* c */", "// c\n", "window.", "x", "$",
                      "_", ".", "?.", "!", "=", "\"", "'", "`", "${", "}", "{", ";", "\u{00A0}", "é", "new ", "function ",
                      "/", "/>", "</", "</p>", "*", "/x/", "fetch</* c */T>(u)", "fetch </ c\n", "fetch /\n/ c\n(u)"]
        var gated = 0
        for _ in 0..<12_000 {
            let text = (0..<Int(rng.next() % 9)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let bytes = Array(text.utf8)
            let name = [Array("fetch".utf8)]
            guard !BytePrefilter.hasCallShape(bytes, name, python: false) else { continue }
            gated += 1
            for dialect in [ScriptDialect(jsx: false, typescript: true), ScriptDialect(jsx: true, typescript: true),
                            ScriptDialect(jsx: false, typescript: false)] {
                let tokens = TSLexer.tokenize(bytes, dialect: dialect)
                let code = TSCode(tokens: tokens, bytes: bytes, view: CodeView(tokens: tokens, bytes: bytes))
                #expect(TSCalls.calls(named: name, in: code, typeArguments: dialect.typescript).isEmpty, "\(text)")
            }
        }
        #expect(gated > 1_000)
        #expect(BytePrefilter.hasCallShape(Array("x = fetch \n (url)".utf8), [Array("fetch".utf8)], python: false))
        #expect(!BytePrefilter.hasCallShape(Array("// fetch the list\nconst o = { fetch: 1 }; o.fetchAll()".utf8), [Array("fetch".utf8)], python: false))
        // A slash that starts no comment, a closing tag: no call hides there.
        #expect(!BytePrefilter.hasCallShape(Array("<A\n  // will fetch\n/>\n<p>no fetch</p>\nn = fetch / 2".utf8), [Array("fetch".utf8)], python: false))
        #expect(BytePrefilter.hasCallShape(Array("fetch</* c */T>(u)".utf8), [Array("fetch".utf8)], python: false))
    }

    /// token-pattern's whole-token gate may let a file through needlessly,
    /// never keep out one a pattern matches: over random Python and TS/JS
    /// built from pieces around the words, whenever it says no, the
    /// compiled pattern matches nothing.
    @Test func wholeTokenWordsNeverHideAMatch() throws {
        var rng = SplitMix(seed: 9)
        let pieces = ["t.hour * 60 + t.minute", "t.minute + t.hour * 60", "t.hour", "hour", "hours", "60", "1600", "60.0", "0x60",
                      ".minute", "minute", "for", "if", "else", " if", "if.", ".5", "a", "0b1",
                      "minutes", "_minute", "$hour", "minuteé", "é60", "1.", "e", "0x", "1j", "0", " ", "*", "+", "\n", "(", ")", "# c\n", "// c\n",
                      "\"", "x", "."]
        let patterns = try ["$A.hour * 60 + $B.minute", "$B.minute + $A.hour * 60", "$A if .5 else $B", "0b1"].flatMap { p in
            try [TokenPattern(p, language: .python), TokenPattern(p, language: .typescript)]
        }
        var gated = 0
        for _ in 0..<5_000 {
            let text = (0..<Int(rng.next() % 8)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let bytes = Array(text.utf8)
            for pattern in patterns where !BytePrefilter.containsAllTokens(bytes, pattern.literalWords) {
                gated += 1
                let tokens = pattern.language == .python
                    ? PythonLexer.tokenize(bytes) : TSLexer.tokenize(bytes, dialect: ScriptDialect(jsx: false, typescript: true))
                #expect(pattern.matches(tokens: tokens, bytes: bytes, view: CodeView(tokens: tokens, bytes: bytes)).isEmpty,
                        "\(text)")
            }
        }
        #expect(gated > 5_000)
        // A number ends before a letter (`60for` is `60`, `for`); `.5` has no boundary before it.
        #expect(BytePrefilter.containsAllTokens(Array("m = [t.minute + t.hour * 60for t in ts]".utf8),
                                                 [Array("minute".utf8), Array("hour".utf8), Array("60".utf8)]))
        #expect(BytePrefilter.containsAllTokens(Array("y = a if.5 else b".utf8), [Array("if".utf8), Array(".5".utf8), Array("else".utf8)]))
        #expect(!BytePrefilter.containsAllTokens(Array("minutes = 600 * hours".utf8), [Array("minute".utf8)]))
        #expect(!BytePrefilter.containsAllTokens(Array("x = 600".utf8), [Array("60".utf8)]))
    }

    /// The runs of literal tokens a pattern needs in a row: whenever a run
    /// is missing, the compiled pattern matches nothing, over random code
    /// that splits, spaces, comments and continues the runs.
    @Test func tokenRunsNeverHideAMatch() throws {
        var rng = SplitMix(seed: 11)
        let pieces = ["t.hour * 60 + t.minute", "t.minute + t.hour * 60", "60 * t.hour + t.minute", "t.hour", "hour", "hours", "60", "600",
                      "60.0", "60for", ".minute", "minute", " ", "  ", "*", "**", "*=", "+", "+=", "\n", "\\\n", "(", ")", "# c\n",
                      "// c\n", "/* c */", "/", "\"", "x", ".", "é", "$hour", "_hour", "hour_", "t.hour*60+t.minute", "\u{00A0}",
                      "\u{3000}", "\r", "\r\n", "\u{0B}", "\\\r\n"]
        let patterns = try ["$A.hour * 60 + $B.minute", "60 * $A.hour + $B.minute", "$B.minute + $A.hour * 60"].flatMap { p in
            try [TokenPattern(p, language: .python), TokenPattern(p, language: .typescript)]
        }
        #expect(patterns[0].literalRuns == [["hour", "*", "60", "+"].map { Array($0.utf8) }])
        var gated = 0, matched = 0
        for _ in 0..<6_000 {
            let text = (0..<Int(rng.next() % 9)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let bytes = Array(text.utf8)
            for pattern in patterns {
                let tokens = pattern.language == .python
                    ? PythonLexer.tokenize(bytes) : TSLexer.tokenize(bytes, dialect: ScriptDialect(jsx: false, typescript: true))
                let found = pattern.matches(tokens: tokens, bytes: bytes, view: CodeView(tokens: tokens, bytes: bytes))
                if !found.isEmpty { matched += 1 }
                guard !pattern.literalRuns.allSatisfy({ BytePrefilter.containsTokenRun(bytes, $0, python: pattern.language == .python) })
                else { continue }
                gated += 1
                #expect(found.isEmpty, "\(pattern.language): \(text)")
            }
        }
        #expect(gated > 10_000)
        #expect(matched > 1_000)
        #expect(!BytePrefilter.containsTokenRun(Array("x = t.hour ** 60 + 1\nm = t.minute".utf8),
                                                [Array("hour".utf8), Array("*".utf8), Array("60".utf8)], python: true))
        #expect(BytePrefilter.containsTokenRun(Array("x = t.hour *  # c\\\n 60".utf8),
                                               [Array("hour".utf8), Array("*".utf8), Array("60".utf8)], python: true))
        #expect(BytePrefilter.containsTokenRun(Array("x = t.hour *\u{00A0}60".utf8),
                                               [Array("hour".utf8), Array("*".utf8), Array("60".utf8)], python: false))
    }

    /// The same for Python: whenever the gate says no, no name token equal
    /// to one of the names ends a call (`PythonCalls.call(endingAt:)`).
    @Test func pythonCallShapeNeverHidesACall() {
        var rng = SplitMix(seed: 13)
        let pieces = ["now", "now", "time", "(", ")", "now(x)", "time (24)", "now\\\n()", "(now\n())", "now # c\n", "\n", " ",
                      "\t", "datetime.", ".", "x", "_", "$", "=", ":", "\"", "'", "f\"{", "}", "[", "]", "\u{00A0}", "é",
                      "def ", "class ", "#", "\\", "24", "1.", "e", "0x", "1j", "0b", "0", "."]
        let names = [Array("now".utf8), Array("time".utf8)]
        var gated = 0
        for _ in 0..<6_000 {
            let text = (0..<Int(rng.next() % 9)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let bytes = Array(text.utf8)
            guard !BytePrefilter.hasCallShape(bytes, names, python: true) else { continue }
            gated += 1
            let tokens = PythonLexer.tokenize(bytes)
            let brackets = TokenText.matchBrackets(tokens, bytes)
            for i in tokens.indices where tokens[i].kind == .name
                && names.contains(where: { bytes[Int(tokens[i].start)..<Int(tokens[i].end)].elementsEqual($0) }) {
                #expect(PythonCalls.call(endingAt: i, tokens, bytes, brackets: brackets) == nil, "\(text)")
            }
        }
        #expect(gated > 1_500)
        #expect(BytePrefilter.hasCallShape(Array("x = (datetime.now\n  ())".utf8), names, python: true))
        #expect(!BytePrefilter.hasCallShape(Array("now = 1\nhours = 24  # now\nnowhere()".utf8), names, python: true))
    }
}

