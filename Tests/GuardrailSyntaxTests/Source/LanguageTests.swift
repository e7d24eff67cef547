import Testing
@testable import GuardrailSyntax

@Suite struct LanguageTests {
    /// What `forPath` answered when it was written with `String`s: the
    /// lowercased text after the last dot of the last segment, looked up.
    private func reference(_ path: String) -> Language? {
        guard let ext = Language.pathExtension(path) else { return nil }
        switch ext {
        case "py", "pyi": return .python
        case "ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs": return .typescript
        case "h", "c", "hh", "hpp", "hxx": return .c
        case "json": return .json
        case "yaml", "yml": return .yaml
        default: return nil
        }
    }

    @Test func namedPaths() {
        #expect(Language.forPath("app/main.py") == .python)
        #expect(Language.forPath("A/B.PyI") == .python)
        #expect(Language.forPath("web/x.test.TSX") == .typescript)
        #expect(Language.forPath("include/shim.h") == .c)
        #expect(Language.forPath("config/windows.yml") == .yaml)
        #expect(Language.forPath(".py") == .python)
        #expect(Language.forPath("py") == nil)
        #expect(Language.forPath("dir.py/README") == nil)
        #expect(Language.forPath("x.") == nil)
        #expect(Language.forPath("x.pyc") == nil)
        #expect(Language.forPath("x.jsonl") == nil)
        #expect(Language.forPath("x.p\u{0130}") == nil)
        #expect(Language.forPath("") == nil)
        // A combining mark or joiner right after the dot: the String reading
        // grouped it with the dot and saw `py`; the extension is not `py`.
        #expect(Language.forPath("x.\u{301}py") == nil)
        #expect(Language.forPath("x.\u{200D}py") == nil)
    }

    /// Paths built from pieces that stress the byte reading (case, dots,
    /// slashes, non-ASCII, digits, lengths around four): the same answer.
    @Test func agreesWithTheStringReading() {
        let pieces = ["a", ".", "/", "py", "PY", "pyi", "ts", "Tsx", "json", "jsonx", "yaml", "h", "hpp", "c",
                      "é", "\u{212A}", "1", "x", "mjs", "", "..", "yml", "js"]
        var state: UInt64 = 42
        for _ in 0..<20_000 {
            var path = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var r = state >> 33
            for _ in 0..<Int(r % 6) {
                path += pieces[Int(r % UInt64(pieces.count))]
                r /= 7
                state = state &* 6364136223846793005 &+ 1442695040888963407
                r ^= state >> 40
            }
            #expect(Language.forPath(path) == reference(path), "\(path.debugDescription)")
        }
    }
}
