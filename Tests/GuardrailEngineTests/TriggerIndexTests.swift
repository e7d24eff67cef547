import Testing
@testable import GuardrailEngine
import GuardrailTestSupport

/// The run-wide prefilter: which rules a file's bytes can possibly concern.
@Suite struct TriggerIndexTests {
    func select(_ index: TriggerIndex, _ rules: [Int], _ text: String) -> (rules: [Int], marker: Bool) {
        Array(text.utf8).withUnsafeBufferPointer { index.select(rules, in: $0) }
    }

    let index = TriggerIndex(triggers: [
        [Array("AvailabilitySlot".utf8), Array("slot_manager".utf8)],   // 0
        [Array("now".utf8), Array("today".utf8)],                        // 1
        [],                                                              // 2: always runs
        (0...9).map { [UInt8(ascii: ":"), UInt8(48 + $0)] },             // 3: shares the colon anchor
        [Array("today".utf8)],                                           // 4: shares a word with 1
    ], marker: Array("guardrail:".utf8))

    @Test func selectsExactlyTheRulesWhoseWordsOccur() {
        #expect(select(index, [0, 1, 2, 3, 4], "x = 1\n").rules == [2])
        #expect(select(index, [0, 1, 2, 3, 4], "from m import AvailabilitySlot\n").rules == [0, 2])
        #expect(select(index, [0, 1, 2, 3, 4], "d = date.today()\n").rules == [1, 2, 4])
        #expect(select(index, [0, 1, 2, 3, 4], "t = '09:30'\n").rules == [2, 3])
        #expect(select(index, [0, 1, 3], "a: int = 1\n").rules == [])
    }

    @Test func findsWordsAtTheVeryStartAndEndOfTheBuffer() {
        #expect(select(index, [0], "slot_manager").rules == [0])
        #expect(select(index, [0], "xAvailabilitySlot").rules == [0])
        #expect(select(index, [0], "AvailabilitySlo").rules == [])
        #expect(select(index, [1], "no").rules == [])
        #expect(select(index, [3], ":").rules == [])
        #expect(select(index, [3], "ab:7").rules == [3])
    }

    @Test func onlyAsksAboutTheRulesItIsGiven() {
        // Rule 1's word is present but rule 1 is not applicable to this file.
        #expect(select(index, [0, 3], "now = today\n").rules == [])
        #expect(select(index, [4], "now = today\n").rules == [4])
    }

    @Test func tokenWordsCountOnlyAtWordBoundaries() {
        let idx = TriggerIndex(triggers: [[Array("now".utf8)], [Array("now".utf8)], [Array("24".utf8)], [Array(".hour".utf8)]],
                               tokens: [true, false, true, true], marker: Array("guardrail:".utf8))
        func sel(_ text: String) -> [Int] { select(idx, [0, 1, 2, 3], text).rules }
        #expect(sel("known = 1") == [1])
        #expect(sel("nowrap") == [1])
        #expect(sel("$now") == [1])
        // Non-ASCII next to a word is a boundary: a Unicode space, a BOM.
        #expect(sel("énow") == [0, 1])
        #expect(sel("x =\u{00A0}now()") == [0, 1])
        #expect(sel("\u{FEFF}now()") == [0, 1])
        #expect(sel("now") == [0, 1])
        #expect(sel("x = datetime.now()") == [0, 1])
        #expect(sel("f\"{now}\"") == [0, 1])
        #expect(sel("known; now") == [0, 1], "a later whole occurrence still counts")
        #expect(sel("2024") == [])
        #expect(sel("time(24, 0)") == [2])
        #expect(sel("'24:00'") == [2])
        // A word starting with `.` has no boundary to keep before it.
        #expect(sel("t.hour") == [3])
        #expect(sel("t.hours") == [])
    }

    @Test func theMarkerSelectsEveryApplicableRule() {
        let out = select(index, [0, 1, 3], "x = 1  # guardrail: ignore[slot-era-import]\n")
        #expect(out.marker)
        #expect(out.rules == [0, 1, 3])
        #expect(!select(index, [0, 1, 3], "now  # guardrail\n").marker)
    }

    /// Two indexes of different words take turns on one thread, whose pair
    /// table they share: each leaves it clean for the other.
    @Test(arguments: [false, true])
    func indexesTakingTurnsOnOneThreadDoNotMix(vector: Bool) {
        var rng = SplitMix(seed: 5)
        let sets: [[[[UInt8]]]] = [[[Array("now".utf8)], [Array("slot_manager".utf8)]],
                                   [[Array("fetch".utf8)], [Array("Availability".utf8), Array("24".utf8)]]]
        let indexes = sets.map { TriggerIndex(triggers: $0, marker: Array("guardrail:".utf8), vector: vector) }
        let pieces = ["now", "fetch", "slot_manager", "Availability", "24", "no", "fet", "x", " ", "\n", "AvailabilitySlot"]
        for round in 0..<2000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 30) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let k = round % 2
            let expected = [0, 1].filter { r in sets[k][r].contains { text.contains(String(decoding: $0, as: UTF8.self)) } }
            #expect(select(indexes[k], [0, 1], text).rules == expected, "\(text.debugDescription)")
        }
    }

    /// Both searches: the vector one (where the processor has it) and the
    /// scalar one.
    @Test(arguments: [false, true])
    func agreesWithANaiveSearchOnRandomText(vector: Bool) {
        var rng = SplitMix(seed: 7)
        let alphabet = Array("now today :1 AvailabilitySlot slot_manager guardrail: xyz\n".utf8)
        let words: [[[UInt8]]] = [[Array("now".utf8)], [Array("today".utf8), Array(":1".utf8)], [Array("slot_manager".utf8)]]
        let idx = TriggerIndex(triggers: words, marker: Array("guardrail:".utf8), vector: vector)
        for round in 0..<1000 {
            // Short texts, and texts of several 32-byte blocks.
            let n = Int(rng.next() % (round % 2 == 0 ? 60 : 400))
            var bytes: [UInt8] = []
            for _ in 0..<n { bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            let text = String(decoding: bytes, as: UTF8.self)
            let marker = text.contains("guardrail:")
            let expected = marker ? [0, 1, 2] : words.indices.filter { r in words[r].contains { text.contains(String(decoding: $0, as: UTF8.self)) } }
            let got = bytes.withUnsafeBufferPointer { idx.select([0, 1, 2], in: $0) }
            #expect(got.rules == expected, "\(text.debugDescription)")
            #expect(got.marker == marker)
        }
    }

    /// Words of every length the index treats differently (one byte, two
    /// bytes, three, longer; sharing first bytes and anchor pairs), as whole
    /// words or substrings, at every offset parity: the same rules as a
    /// naive search.
    @Test(arguments: [false, true])
    func agreesWithANaiveSearchForEveryWordLength(vector: Bool) {
        var rng = SplitMix(seed: 11)
        // `abc`/`xbc` and `bcd` share anchor pairs; `24` and `now` share a
        // rule; one word is in two rules.
        let words: [[String]] = [["@"], [":1", ":2"], ["24", "now"], ["fetch"], ["AvailabilitySlot", "today"], ["ow", "no"],
                                 ["abc"], ["xbc", "bcd"], ["today"]]
        let tokens = [false, false, true, true, false, true, false, true, false]
        let idx = TriggerIndex(triggers: words.map { $0.map { Array($0.utf8) } }, tokens: tokens,
                               marker: Array("guardrail:".utf8), vector: vector)
        let pieces = ["@", ":1", ":2", ":", "24", "2", "4", "now", "no", "ow", "fetch", "fetc", "etch", "today",
                      "Availability", "Slot", "AvailabilitySlot", "x", "_", " ", "\n", "é", "1", "abc", "bc", "xb", "bcd", "a"]
        func isWord(_ b: UInt8) -> Bool { TriggerIndex.isWordByte(b) }
        for round in 0..<4000 {
            var bytes: [UInt8] = []
            // Up to a few hundred bytes: several of the vector search's blocks.
            for _ in 0..<Int(rng.next() % (round % 2 == 0 ? 40 : 160)) { bytes += Array(pieces[Int(rng.next() % UInt64(pieces.count))].utf8) }
            // The marker now and then (it selects every rule asked about).
            if rng.next() % 10 == 0 { bytes.insert(contentsOf: Array("guardrail:".utf8), at: Int(rng.next() % UInt64(bytes.count + 1))) }
            // A random subset of the rules asked about.
            let asked = words.indices.filter { _ in rng.next() % 3 != 0 }
            func occurs(_ word: [UInt8], whole: Bool) -> Bool {
                guard bytes.count >= word.count else { return false }
                for s in 0...(bytes.count - word.count) where Array(bytes[s..<(s + word.count)]) == word {
                    if !whole { return true }
                    let before = s == 0 || !isWord(bytes[s - 1]) || !isWord(word[0])
                    let after = s + word.count == bytes.count || !isWord(bytes[s + word.count]) || !isWord(word[word.count - 1])
                    if before && after { return true }
                }
                return false
            }
            let marker = occurs(Array("guardrail:".utf8), whole: false)
            let expected = marker ? asked
                : asked.filter { r in words[r].contains { occurs(Array($0.utf8), whole: tokens[r]) } }
            let got = withGuardedBytes(bytes) { idx.select(asked, in: $0) }
            #expect(got.rules == expected, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            #expect(got.marker == marker)
        }
    }
}
