import GuardrailTestSupport
import Testing
@testable import GuardrailSyntax

/// `TokenText.matchBrackets` against the rule it states, on random nests.
@Suite struct MatchBracketsTests {
    /// Each opener's match is the first later closer of its kind at which the
    /// openers of its kind and the others still open above it are all
    /// closed — as a plain stack of token indexes (an array, the obvious
    /// way) tells it.
    static func reference(_ tokens: [Token], _ bytes: [UInt8]) -> [Int32] {
        var match = [Int32](repeating: -1, count: tokens.count)
        var stack: [(index: Int, byte: UInt8)] = []
        let pairs: [UInt8: UInt8] = [UInt8(ascii: ")"): UInt8(ascii: "("), UInt8(ascii: "]"): UInt8(ascii: "["),
                                     UInt8(ascii: "}"): UInt8(ascii: "{")]
        for (i, t) in tokens.enumerated() where t.kind == .op && t.length == 1 {
            let b = bytes[Int(t.start)]
            if b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
                stack.append((i, b))
            } else if let want = pairs[b], let top = stack.last, top.byte == want {
                match[top.index] = Int32(i)
                stack.removeLast()
            }
        }
        return match
    }

    @Test func agreesWithAPlainStackOnRandomNests() {
        var rng = SplitMix(seed: 0x6272_6163)
        let alphabet = Array("([{)]}x ,\n".utf8)
        for round in 0..<2_000 {
            let length = Int.random(in: 0..<80, using: &rng)
            let bytes = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
            let tokens = PythonLexer.tokenize(bytes)
            #expect(TokenText.matchBrackets(tokens, bytes) == Self.reference(tokens, bytes),
                    "round \(round): \(String(decoding: bytes, as: UTF8.self))")
        }
    }

    /// Nests that fill the stack: nothing but openers, 10,000 deep (SPEC §9),
    /// closed in order or not at all; and no tokens at all.
    @Test func deepAndUnclosedNests() {
        for text in [String(repeating: "(", count: 10_000),
                     String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000),
                     String(repeating: "({[", count: 3_334) + String(repeating: "]})", count: 3_334),
                     String(repeating: ")", count: 50) + String(repeating: "{", count: 50), ""] {
            let bytes = Array(text.utf8)
            let tokens = PythonLexer.tokenize(bytes)
            #expect(TokenText.matchBrackets(tokens, bytes) == Self.reference(tokens, bytes), "\(text.prefix(12))… (\(text.count) bytes)")
        }
        let deep = Array((String(repeating: "(", count: 10_000) + String(repeating: ")", count: 10_000)).utf8)
        let match = TokenText.matchBrackets(PythonLexer.tokenize(deep), deep)
        #expect(match.first == 19_999 && match[9_999] == 10_000)
    }
}
