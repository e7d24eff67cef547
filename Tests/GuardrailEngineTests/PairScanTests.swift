import CPairScan
import Foundation
import Testing
@testable import GuardrailEngine
import GuardrailTestSupport

/// The vector search for the next wanted pair against a plain loop over
/// every position, on random bytes, random wanted pairs and every bucket
/// layout (one bucket for all, one per pair, random).
@Suite struct PairScanTests {
    /// The vector search runs wherever Linux lists `avx2` (so the test below
    /// runs on such machines, CI's included).
    @Test func isAvailableWhereTheProcessorHasAVX2() throws {
        #if arch(x86_64) && os(Linux)
        let info = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let flags = info.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        #expect((gr_pair_scan_available() != 0) == flags.split(separator: " ").contains("avx2"))
        #expect(TriggerIndex(triggers: [], marker: Array("x:".utf8)).vector == (gr_pair_scan_available() != 0))
        #endif
    }

    /// Elsewhere only the scalar search runs (tested in `TriggerIndexTests`).
    @Test(.enabled(if: gr_pair_scan_available() != 0, "the processor has no AVX2"))
    func findsTheSamePositionsAsAPlainLoop() {
        var rng = SplitMix(seed: 23)
        let alphabet = Array("ab:1 \n_x\u{7F}".utf8) + [0x00, 0xFF, 0x80, 0x3B]
        for round in 0..<3000 {
            let n = 2 + Int(rng.next() % 300)
            let bytes = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            // Wanted pairs: some that occur, some that may not.
            var pairs: [UInt16] = []
            for _ in 0..<Int(rng.next() % 6) {
                let p = Int(rng.next() % UInt64(n - 1))
                pairs.append(UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8)
            }
            for _ in 0..<Int(rng.next() % 3) {
                pairs.append(UInt16(alphabet[Int(rng.next() % UInt64(alphabet.count))]) | UInt16(alphabet[Int(rng.next() % UInt64(alphabet.count))]) << 8)
            }
            var bits = [UInt64](repeating: 0, count: 1024)
            var masks = gr_pair_masks()
            for (k, pair) in pairs.enumerated() {
                bits[Int(pair >> 6)] |= 1 << UInt64(pair & 63)
                let bucket: UInt8 = switch round % 3 {
                case 0: 0
                case 1: UInt8(k % 8)
                default: UInt8(rng.next() % 8)
                }
                TriggerIndex.addToMasks(&masks, pair, bucket: bucket)
            }
            func plain(from: Int, to: Int) -> Int {
                var i = from
                while i < to {
                    let key = Int(bytes[i]) | Int(bytes[i + 1]) << 8
                    if bits[key >> 6] & (1 << UInt64(key & 63)) != 0 { return i }
                    i += 1
                }
                return to
            }
            let to = n - 1
            // Readable exactly up to `base[to]`: a guard page follows.
            withGuardedBytes(bytes) { buf in
                var from = Int(rng.next() % UInt64(n))
                while from < to {
                    let got = gr_pair_scan(buf.baseAddress!, from, to, bits, &masks)
                    #expect(got == plain(from: from, to: to), "round \(round), from \(from)")
                    from = got + 1
                }
            }
        }
    }
}
