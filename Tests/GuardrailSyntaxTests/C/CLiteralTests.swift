import Testing
import GuardrailSyntax

@Suite struct CLiteralTests {
    @Test func integerLiterals() {
        func v(_ s: String) -> Int64? { CLiteral.integerValue(Array(s.utf8)[...]) }
        #expect(v("180") == 180)
        #expect(v("180u") == 180)
        #expect(v("1440UL") == 1440)
        #expect(v("0xB4") == 180)
        #expect(v("0264") == 180)
        #expect(v("0b10110100") == 180)
        #expect(v("1'440") == 1440)
        #expect(v("0") == 0)
        #expect(v("0x") == nil)
        #expect(v("1.5") == nil)
        #expect(v("1e3") == nil)
        #expect(v("09") == nil)
        #expect(v("99999999999999999999") == nil)
        #expect(v("'a'") == nil)
    }

    @Test func tokenRuns() {
        func v(_ s: String) -> Int64? {
            // A hand-made token run: digits are numbers, the rest one-byte ops.
            let bytes = Array(s.utf8)
            var tokens: [Token] = []
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x20 { i += 1; continue }
                var j = i + 1
                let isDigit = { (b: UInt8) in (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) }
                if isDigit(bytes[i]) { while j < bytes.count && isDigit(bytes[j]) { j += 1 } }
                tokens.append(Token(kind: isDigit(bytes[i]) ? .number : .op, start: i, end: j))
                i = j
            }
            return CLiteral.integerValue(of: tokens[...], in: bytes)
        }
        #expect(v("180") == 180)
        #expect(v("(180)") == 180)
        #expect(v("-(2)") == -2)
        #expect(v("((0x10u))") == 16)
        #expect(v("24 * 60") == nil)
        #expect(v("(1)(2)") == nil)
        #expect(v("") == nil)
    }
}
