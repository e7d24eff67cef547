import GuardrailTestSupport
import Testing
@testable import GuardrailSyntax

/// `LineIndex` finds line starts eight bytes at a time: it must agree with
/// the byte-by-byte definition (`\n`, `\r\n`, lone `\r`) whatever sits
/// around the terminators — other control bytes, bytes just above `\r`,
/// non-ASCII bytes (which a borrow could disturb) — and at any alignment.
@Suite struct LineIndexTests {
    static func naiveStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A {
                starts.append(i + 1)
            } else if bytes[i] == 0x0D {
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
        return starts
    }

    @Test func agreesWithTheByteByByteDefinition() {
        var rng = SplitMix(seed: 11)
        let alphabet: [UInt8] = [0x0A, 0x0D, 0x09, 0x0C, 0x0E, 0x0F, 0x00, 0x20, 0x61, 0x7F, 0x80, 0x8D, 0xC3, 0xFF]
        for round in 0..<20_000 {
            let count = Int(rng.next() % 70)
            // Mostly plain bytes, so whole words are skipped, with a few of the rest.
            let bytes = (0..<count).map { _ in
                rng.next() % 4 == 0 ? alphabet[Int(rng.next() % UInt64(alphabet.count))] : UInt8(0x21 + rng.next() % 0x5E)
            }
            let got = LineIndex(bytes).lineStarts
            #expect(got == Self.naiveStarts(bytes), "round \(round): \(bytes)")
        }
    }
}
