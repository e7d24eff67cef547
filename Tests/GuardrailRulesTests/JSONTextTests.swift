import Foundation
import Testing
@testable import GuardrailRules

/// Hand-written JSON strings must parse back to what was quoted.
@Suite struct JSONTextTests {
    @Test func escapesWhatJSONNeedsAndNothingElse() {
        #expect(JSONText.quote("plain `code` é ✓") == "\"plain `code` é ✓\"")
        #expect(JSONText.quote("a\"b\\c\nd\re\tf") == #""a\"b\\c\nd\re\tf""#)
        #expect(JSONText.quote("\u{1}\u{1F}") == #""\u0001\u001f""#)
        #expect(JSONText.quote("x\u{2028}y\u{2029}z–") == #""x\u2028y\u2029z–""#)
        #expect(JSONText.quote("") == "\"\"")
    }

    @Test func roundTripsThroughAJSONParser() throws {
        let pieces = ["a", "\"", "\\", "\n", "\u{0}", "\u{7}", "é", "✓", "\u{2028}", "\u{2029}", "–", "😀", " ", "\u{7F}", "/"]
        var state: UInt64 = 42
        for _ in 0..<300 {
            var s = ""
            for _ in 0..<Int(state % 12) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                s += pieces[Int((state >> 33) % UInt64(pieces.count))]
            }
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let json = "[" + JSONText.quote(s) + "]"
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
            #expect(parsed == [s], "\(s.debugDescription)")
        }
    }

    @Test func integersAreTheirDecimalDigits() {
        var state: UInt64 = 7
        var values = [0, 1, -1, 9, 10, -10, 99, 100, Int.max, Int.min, Int.min + 1]
        for _ in 0..<2_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Int(truncatingIfNeeded: state) >> Int(state % 63))
        }
        for n in values {
            var out: [UInt8] = Array("x".utf8)
            JSONText.appendInt(n, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == "x\(n)")
        }
    }
}
