import Foundation
import GuardrailTestSupport
import Testing
@testable import GuardrailSyntax

@Suite struct PythonScopesTests {
    /// The fuzz seed corpus plus generated programs dense in the forms that
    /// bind (imports, `def`/`class` and parameters, `global`, `for`,
    /// comprehensions, `lambda`, `match`/`case`, `as`, walrus, tuples).
    static func inputs() -> [[UInt8]] {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Fuzz/corpus/python").standardized
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        var out = names.sorted().compactMap { FileManager.default.contents(atPath: corpus.appendingPathComponent($0).path).map { [UInt8]($0) } }
        let pieces = [
            "import datetime\n", "from datetime import date as d, time\n", "import os.path as p\n", "from m import *\n",
            "def f(a, b=time, *c, **d):\n", "    ", "class C:\n", "    global time\n", "for a, b in x:\n", "x = [d for d in y]\n",
            "g = lambda d, time=1: d\n", "match x:\n    case time:\n        pass\n", "with open(p) as d:\n", "if (time := 3):\n",
            "a, time = 1, 2\n", "d: int = 3\n", "time += 1\n", "    return d.today()\n", "time.sleep(1)\n", "# def time\n",
            "def time(): pass\n", "except E as a:\n", "  ", "(", ")", "\n", "p.join(a)\n", "nonlocal d\n",
            // Spellings that differ in bytes, equal as names (see `NameKey`).
            "caf\u{E9} = 1\n", "cafe\u{301}.x()\n", "\u{212A}x = 2\n", "Kx.y()\n", "from m import caf\u{E9}\n",
            "def g(\u{212A}x): return Kx\n", "[cafe\u{301} for caf\u{E9} in z]\n",
        ]
        var rng = SplitMix(seed: 42)
        for _ in 0..<400 {
            out.append(Array((0..<Int.random(in: 1...40, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined().utf8))
        }
        return out
    }

    /// Scopes asked for a few names resolve those names exactly as scopes
    /// built for every name do, at every occurrence of every name.
    @Test func aNameFilterChangesNoResolution() {
        var rng = SplitMix(seed: 9)
        var compared = 0, differ: [String] = []
        for bytes in Self.inputs() {
            let tokens = PythonLexer.tokenize(bytes)
            let imports = PythonImports.scan(tokens, in: bytes)
            let brackets = TokenText.matchBrackets(tokens, bytes)
            let full = PythonScopes(tokens: tokens, bytes: bytes, imports: imports, brackets: brackets)
            var occurrences: [String: [Int]] = [:]
            for (i, t) in tokens.enumerated() where t.kind == .name { occurrences[TokenText.string(t, bytes), default: []].append(i) }
            var distinct = occurrences.keys.sorted()
            distinct.shuffle(using: &rng)
            // Disjoint groups of up to four names, each with its own filter.
            while !distinct.isEmpty {
                let group = Array(distinct.prefix(Int.random(in: 1...4, using: &rng)))
                distinct.removeFirst(group.count)
                let filtered = PythonScopes(tokens: tokens, bytes: bytes, imports: imports, brackets: brackets,
                                            names: group.map { Array($0.utf8) })
                for name in group {
                    for i in occurrences[name]! {
                        compared += 1
                        let want = full.resolve(name, at: i), got = filtered.resolve(name, at: i)
                        if want != got { differ.append("\(name)@\(i): \(got) != \(want) in \(String(decoding: bytes.prefix(80), as: UTF8.self))") }
                    }
                }
            }
        }
        #expect(compared > 20_000)
        #expect(differ.isEmpty, "\(differ.count) resolutions differ: \(differ.prefix(3))")
    }

    /// Names compare as Swift strings do: canonically equivalent spellings
    /// (precomposed and decomposed `é`, the Kelvin sign and `K`) are one
    /// name, with or without a filter and whichever spelling is asked for.
    @Test func canonicallyEquivalentSpellingsAreOneName() {
        let text = "from datetime import time as Kx\nfrom datetime import date as caf\u{E9}\n\u{212A}x.now()\ncafe\u{301}.today()\n"
        let bytes = Array(text.utf8)
        let tokens = PythonLexer.tokenize(bytes)
        let imports = PythonImports.scan(tokens, in: bytes)
        let brackets = TokenText.matchBrackets(tokens, bytes)
        // Found by bytes: `==` on strings would find the other spelling.
        func token(_ spelling: String) -> Int {
            tokens.firstIndex { bytes[Int($0.start)..<Int($0.end)].elementsEqual(spelling.utf8) }!
        }
        let kelvin = token("\u{212A}x"), decomposed = token("cafe\u{301}")
        for filter in [nil, ["Kx", "caf\u{E9}"], ["\u{212A}x", "cafe\u{301}"]] as [[String]?] {
            let scopes = PythonScopes(tokens: tokens, bytes: bytes, imports: imports, brackets: brackets,
                                      names: filter.map { $0.map { Array($0.utf8) } })
            for spelling in ["Kx", "\u{212A}x"] where filter == nil || filter!.contains(spelling) {
                #expect(scopes.resolve(spelling, at: kelvin) == .imported("datetime.time"), "\(spelling), filter \(filter ?? [])")
            }
            for spelling in ["caf\u{E9}", "cafe\u{301}"] where filter == nil || filter!.contains(spelling) {
                #expect(scopes.resolve(spelling, at: decomposed) == .imported("datetime.date"), "\(spelling), filter \(filter ?? [])")
            }
        }
    }

    /// The binding in effect at a use is the one placed last before it in
    /// the file — an import after a local assignment wins, in a function
    /// and in the module — and a function body sees the module's last one.
    @Test func theBindingInEffectIsTheLatestBeforeTheUse() {
        let text = """
        def f():
            re = None
            import re
            re.compile(x)
        time = t
        from datetime import time
        time.fromisoformat(s)
        def g():
            return date.today()
        date = 1
        from datetime import date
        time = 2
        time.x()

        """
        let bytes = Array(text.utf8)
        let tokens = PythonLexer.tokenize(bytes)
        let scopes = PythonScopes(tokens: tokens, bytes: bytes, imports: PythonImports.scan(tokens, in: bytes),
                                  brackets: TokenText.matchBrackets(tokens, bytes))
        func use(_ name: String, line: Int) -> PythonScopes.Resolution {
            let i = located(tokens, bytes).firstIndex { $0.line == line && bytes[Int($0.start)..<Int($0.end)].elementsEqual(name.utf8) }!
            return scopes.resolve(name, at: i)
        }
        #expect(use("re", line: 4) == .imported("re"))
        #expect(use("time", line: 7) == .imported("datetime.time"))
        #expect(use("date", line: 9) == .imported("datetime.date"))   // the module's last binding is the import
        #expect(use("time", line: 13) == .local)
    }

    /// Comprehension targets and lambda parameters are local to their
    /// brackets, however the ranges nest or follow each other.
    @Test func rangeBindingsCoverExactlyTheirBrackets() {
        let text = """
        from datetime import time
        a = [[time.x() for time in b] for c in time.y()]
        d = [e for e in time.z()]
        f = lambda time: (time.w(), [time for g in h])
        time.v()

        """
        let bytes = Array(text.utf8)
        let tokens = PythonLexer.tokenize(bytes)
        let scopes = PythonScopes(tokens: tokens, bytes: bytes, imports: PythonImports.scan(tokens, in: bytes),
                                  brackets: TokenText.matchBrackets(tokens, bytes), names: [Array("time".utf8)])
        // Each use of `time` that a call follows, in order: x y z w v.
        let uses = tokens.indices.filter { i in
            bytes[Int(tokens[i].start)..<Int(tokens[i].end)].elementsEqual("time".utf8)
                && i + 1 < tokens.count && bytes[Int(tokens[i + 1].start)] == UInt8(ascii: ".")
        }
        #expect(uses.map { scopes.resolve("time", at: $0) }
                == [.local, .imported("datetime.time"), .imported("datetime.time"), .local, .imported("datetime.time")])
    }

    /// `NameKey` agrees with Swift strings: equal exactly when the strings
    /// are, the same hash whenever equal, and `NameTable` gives the ids a
    /// `[String: Int]` dictionary gives.
    @Test func nameKeysAgreeWithStrings() {
        let pieces: [[UInt8]] = ["K", "\u{212A}", ";", "\u{037E}", "`", "\u{1FEF}", "\u{E9}", "e\u{301}", "e", "x", "\u{1FED}", "\u{300}"]
            .map { Array($0.utf8) } + [[0xFF], [0xC3], [0x80]]
        var rng = SplitMix(seed: 5)
        var names: [[UInt8]] = [[]]
        for _ in 0..<20_000 { names.append((0..<Int.random(in: 1...4, using: &rng)).flatMap { _ in pieces.randomElement(using: &rng)! }) }
        var table = NameTable()
        var dictionary: [String: Int] = [:]
        var mismatches = 0
        for (k, name) in names.enumerated() {
            let other = names[(k * 7 + 3) % names.count]
            let string = String(decoding: name, as: UTF8.self), otherString = String(decoding: other, as: UTF8.self)
            name.withUnsafeBufferPointer { a in
                other.withUnsafeBufferPointer { b in
                    let equal = NameKey.equal(a, b)
                    if equal != (string == otherString) || (equal && NameKey.hash(a) != NameKey.hash(b)) { mismatches += 1 }
                }
                let id = table.insert(a)
                if let known = dictionary[string] { if known != id { mismatches += 1 } } else { dictionary[string] = id }
            }
        }
        #expect(mismatches == 0)
        #expect(table.count == dictionary.count)
    }
}
