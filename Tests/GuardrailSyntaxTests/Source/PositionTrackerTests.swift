import Testing
@testable import GuardrailSyntax
import GuardrailTestSupport

// MARK: - Reference

/// Line and column at `target`, counted one byte at a time from the start:
/// `\n`, lone `\r` and `\r\n` (once) end a line; a UTF-8 continuation byte and
/// a `\r` that a `\n` follows are no column; every other byte is one.
private func referencePosition(_ bytes: [UInt8], _ target: Int, start: Int = 0) -> (line: Int, column: Int) {
    var line = 1, column = 1
    var i = start
    while i < target {
        let b = bytes[i]
        if b == 0x0A {
            line += 1; column = 1
        } else if b == 0x0D {
            if i + 1 < bytes.count && bytes[i + 1] == 0x0A {
                // the \n does it
            } else {
                line += 1; column = 1
            }
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
        i += 1
    }
    return (line, column)
}

// MARK: - Tests

@Suite struct PositionTrackerTests {
    /// Bytes where every kind the walk stops at is frequent, runs of plain
    /// ASCII longer and shorter than the eight-byte step, and targets at
    /// every distance: each position agrees with the byte-by-byte count.
    @Test func agreesWithAByteByByteCountOnRandomBytes() {
        let alphabet: [[UInt8]] = [
            [0x0A], [0x0D], [0x0D, 0x0A], [0x09], [0x00], [0x0C], [0x0B], [0x0E], [0x7F],
            Array("é".utf8), Array("€".utf8), Array("𝒳".utf8), [0xFF], [0x80], [0xC3],
            Array("x".utf8), Array("    ".utf8), Array("identifier_name".utf8), Array("a = b(c)".utf8),
        ]
        for seed in UInt64(1)...300 {
            var rng = SplitMix(seed: seed)
            var bytes: [UInt8] = []
            let pieces = Int.random(in: 0...60, using: &rng)
            for _ in 0..<pieces { bytes += alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
            let start = seed % 7 == 0 ? min(3, bytes.count) : 0
            var targets: [Int] = []
            var t = start
            while t < bytes.count {
                t += Int.random(in: 0...(seed % 2 == 0 ? 3 : 20), using: &rng)
                targets.append(min(t, bytes.count))
            }
            var tracker = PositionTracker(start: start)
            withGuardedBytes(bytes) { buf in
                for target in targets {
                    tracker.advance(to: target, in: buf)
                    let want = referencePosition(bytes, target, start: start)
                    #expect(tracker.offset == target)
                    #expect(tracker.line == want.line && tracker.column == want.column,
                            "seed \(seed), offset \(target) of \(bytes): \(tracker.line):\(tracker.column), want \(want.line):\(want.column)")
                }
            }
        }
    }

    /// One special byte at every place of every gap up to 24 bytes, the gap
    /// starting at several offsets, plain bytes around it (and the buffer
    /// ending right at the target): the inlined one- and two-word steps must
    /// see the byte wherever it sits.
    @Test func seesOneSpecialByteAnywhereInAGap() {
        let specials: [[UInt8]] = [[0x0A], [0x0D], [0x09], [0xC3, 0xA9], [0x80]]
        var failures: [String] = []
        for lead in 0...3 {
            for distance in 0...24 {
                for place in 0..<max(distance, 1) {
                    for special in specials where place + special.count <= distance {
                        var gap = [UInt8](repeating: UInt8(ascii: "x"), count: distance)
                        gap.replaceSubrange(place..<(place + special.count), with: special)
                        for tail in [0, 9] {
                            let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: lead) + gap
                                + [UInt8](repeating: UInt8(ascii: "z"), count: tail)
                            var tracker = PositionTracker(start: lead)
                            withGuardedBytes(bytes) { tracker.advance(to: lead + distance, in: $0) }
                            let want = referencePosition(bytes, lead + distance, start: lead)
                            if tracker.line != want.line || tracker.column != want.column {
                                failures.append("lead \(lead) distance \(distance) place \(place) \(special) tail \(tail)")
                            }
                        }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) gaps: \(failures.prefix(3))")
    }

    @Test func namedCases() {
        let text = Array("ab\r\ncd\réf\n\n  g𝒳h".utf8)
        func at(_ offset: Int) -> (Int, Int) {
            var tracker = PositionTracker()
            text.withUnsafeBufferPointer { tracker.advance(to: offset, in: $0) }
            return (tracker.line, tracker.column)
        }
        #expect(at(0) == (1, 1))
        #expect(at(2) == (1, 3))   // the \r
        #expect(at(3) == (1, 3))   // its \n: no column of its own
        #expect(at(4) == (2, 1))   // c
        #expect(at(7) == (3, 1))   // é after a lone \r
        #expect(at(9) == (3, 2))   // f: é is one column
        #expect(at(12) == (5, 1))
        #expect(at(15) == (5, 4))  // 𝒳
        #expect(at(19) == (5, 5))  // h after a four-byte character
        // Standing still, or a BOM skipped at the start.
        var tracker = PositionTracker(start: 3)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("x\ny".utf8)
        bom.withUnsafeBufferPointer { buf in
            tracker.advance(to: 3, in: buf)
            #expect((tracker.line, tracker.column) == (1, 1))
            tracker.advance(to: 4, in: buf)
            #expect((tracker.line, tracker.column) == (1, 2))
            tracker.advance(to: 5, in: buf)
            #expect((tracker.line, tracker.column) == (2, 1))
        }
    }
}
