import GuardrailSyntax
import Testing
@testable import GuardrailEngine
import GuardrailTestSupport

/// A file's finding positions: lines from the line index, columns from a
/// walk of their own line only — the same answers as one walk of the whole
/// file, on random text with every kind of line end, multi-byte characters,
/// a byte-order mark and offsets past the end.
@Suite struct PositionsTests {
    @Test func sameAsOneWalkOfTheWholeFile() {
        var rng = SplitMix(seed: 31)
        let pieces: [[UInt8]] = ["a", "bc", " ", "\t", "\n", "\r", "\r\n", "é", "😀", "x = 1", "\u{0B}"].map { Array($0.utf8) }
        for round in 0..<2000 {
            var bytes: [UInt8] = round % 4 == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<Int(rng.next() % 60) { bytes += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let offsets = (0..<Int(1 + rng.next() % 8)).map { _ in Int(rng.next() % UInt64(bytes.count + 3)) }
            let positions = Positions(bytes: bytes, offsets: offsets, index: LineIndex(bytes))
            // The reference: one tracker walked from the start.
            let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            var tracker = PositionTracker(start: bom ? 3 : 0)
            bytes.withUnsafeBufferPointer { buf in
                for offset in Set(offsets).sorted() {
                    if offset >= tracker.offset { tracker.advance(to: min(offset, buf.count), in: buf) }
                    let expected = (tracker.line, offset < tracker.offset && offset < 3 ? 1 : tracker.column)
                    #expect(positions[offset] == expected, "round \(round), offset \(offset) of \(bytes)")
                }
            }
        }
    }
}
