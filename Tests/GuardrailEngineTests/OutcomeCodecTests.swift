import GuardrailRules
import GuardrailSyntax
import GuardrailTestSupport
import Testing
@testable import GuardrailEngine

/// A file's outcome as the result cache stores it.
@Suite struct OutcomeCodecTests {
    /// The layout as first written, field by field through arrays: the
    /// encoder must still produce exactly these bytes.
    static func reference(_ o: FileOutcome) -> [UInt8] {
        var out: [UInt8] = []
        func n(_ v: Int) { withUnsafeBytes(of: UInt64(bitPattern: Int64(v)).littleEndian) { out.append(contentsOf: $0) } }
        func s(_ v: String) { let b = Array(v.utf8); n(b.count); out += b }
        n(o.analyzed ? 1 : 0)
        s(o.skipped ?? "\u{0}")
        n(o.findings.count)
        for f in o.findings {
            s(f.rule); s(f.severity.rawValue); s(f.path)
            n(f.line); n(f.column); n(f.endLine); n(f.endColumn)
            s(f.message); s(f.help); s(f.fingerprint); s(f.sourceLine); n(f.sourceLineColumn)
            s(f.flaggedText); s(f.fingerprintBasis)
        }
        n(o.facts.count)
        for f in o.facts {
            s(f.key); s(f.name); n(f.value); n(f.start); n(f.end)
            s(f.rule); s(f.path); n(f.line); n(f.column); s(f.language?.rawValue ?? "")
        }
        return out
    }

    @Test func randomOutcomesEncodeAsTheyAlwaysDidAndDecodeBack() {
        var rng = SplitMix(seed: 0x636F_6465)
        let words = ["", "a", "naive-today", "café ☕", "line\nbreak", "\u{0}", String(repeating: "x", count: 300)]
        func word() -> String { words[Int.random(in: 0..<words.count, using: &rng)] }
        for round in 0..<500 {
            var o = FileOutcome()
            o.analyzed = Bool.random(using: &rng)
            if Int.random(in: 0..<4, using: &rng) == 0 { o.skipped = word() }
            for _ in 0..<Int.random(in: 0..<(round % 3 == 0 ? 1 : 4), using: &rng) {
                var f = Finding(rule: word(), severity: Bool.random(using: &rng) ? .error : .warning, path: word(),
                                line: Int.random(in: 0..<9_999, using: &rng), column: Int.random(in: 1..<99, using: &rng),
                                endLine: Int.random(in: 0..<9_999, using: &rng), endColumn: -Int.random(in: 0..<9, using: &rng),
                                message: word(), help: word(), fingerprint: word(), sourceLine: word(), flaggedText: word())
                f.sourceLineColumn = Int.random(in: 1..<500, using: &rng)
                f.fingerprintBasis = word()
                o.findings.append(f)
            }
            for _ in 0..<Int.random(in: 0..<(round % 2 == 0 ? 1 : 3), using: &rng) {
                var fact = CrossFileFact(key: word(), name: word(), value: Int.random(in: -5..<2_000, using: &rng),
                                         start: Int.random(in: 0..<99, using: &rng), end: Int.random(in: 0..<99, using: &rng))
                fact.rule = word(); fact.path = word(); fact.line = 3; fact.column = 7
                fact.language = Bool.random(using: &rng) ? .python : nil
                o.facts.append(fact)
            }
            let blob = OutcomeCodec.encode(o)
            #expect(blob == Self.reference(o), "round \(round)")
            let back = OutcomeCodec.decode(blob[...])
            #expect(back.map { OutcomeCodec.encode($0) } == blob, "round \(round)")
        }
    }
}
