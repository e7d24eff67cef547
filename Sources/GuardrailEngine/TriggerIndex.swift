import GuardrailRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - TriggerIndex

/// The literal prefilter of a whole run, compiled once: every trigger word of
/// every active rule (and the suppression marker), deduplicated, each anchored
/// on its rarest byte. A file is searched once per distinct anchor byte for
/// all the words still worth finding, not once per word per rule, and a word
/// stops being looked for as soon as every rule that names it is already
/// known to run. `memchr` on a rare byte skips most of a file at vector
/// speed; the few candidates are compared inline.
struct TriggerIndex: Sendable {
    /// One anchor byte and the words anchored on it.
    private struct Group: Sendable {
        var anchor: UInt8
        /// (word id, position of the anchor byte in the word).
        var entries: [(word: Int, at: Int)]
    }

    /// The distinct words.
    private let words: [[UInt8]]
    /// Per word: whether it counts only at word boundaries (see
    /// `Check.triggersAreTokens`) at its start and at its end.
    private let boundaries: [(start: Bool, end: Bool)]
    /// Per word: the rules (indexes into the run's rule list) that name it.
    private let wordRules: [[Int]]
    /// Per rule: its word ids; nil when the rule has no triggers (it always runs).
    private let ruleWords: [[Int]?]
    /// Groups, rarest anchor first.
    private let groups: [Group]
    /// The word id of the suppression marker.
    let markerWord: Int

    /// - Parameters:
    ///   - triggers: per rule, its trigger words (empty: the rule always runs).
    ///   - tokens: per rule, whether its words count only as whole tokens
    ///     (default: none do).
    ///   - marker: a word whose presence is reported on its own (`guardrail:`).
    init(triggers: [[[UInt8]]], tokens: [Bool] = [], marker: [UInt8]) {
        struct Key: Hashable { var word: [UInt8]; var token: Bool }
        var ids: [Key: Int] = [:]
        var words: [[UInt8]] = []
        var boundaries: [(start: Bool, end: Bool)] = []
        var wordRules: [[Int]] = []
        func id(_ w: [UInt8], token: Bool = false) -> Int {
            let key = Key(word: w, token: token)
            if let k = ids[key] { return k }
            ids[key] = words.count
            words.append(w)
            boundaries.append((token && Self.isWordByte(w[0]), token && Self.isWordByte(w[w.count - 1])))
            wordRules.append([])
            return words.count - 1
        }
        var ruleWords: [[Int]?] = []
        for (r, list) in triggers.enumerated() {
            let nonEmpty = list.filter { !$0.isEmpty }
            if list.isEmpty || nonEmpty.count != list.count {
                // No triggers, or an empty word (matches everywhere): always runs.
                ruleWords.append(nil)
                continue
            }
            var mine: [Int] = []
            let token = r < tokens.count && tokens[r]
            for w in nonEmpty {
                let k = id(w, token: token)
                if !mine.contains(k) { mine.append(k); wordRules[k].append(r) }
            }
            ruleWords.append(mine)
        }
        markerWord = id(marker)
        var byAnchor: [UInt8: [(word: Int, at: Int)]] = [:]
        for (k, w) in words.enumerated() {
            var best = 0
            for j in 1..<w.count where Self.frequency(w[j]) < Self.frequency(w[best]) { best = j }
            byAnchor[w[best], default: []].append((k, best))
        }
        self.words = words
        self.boundaries = boundaries
        self.wordRules = wordRules
        self.ruleWords = ruleWords
        self.groups = byAnchor.map { Group(anchor: $0.key, entries: $0.value) }
            .sorted { (Self.frequency($0.anchor), $0.anchor) < (Self.frequency($1.anchor), $1.anchor) }
    }

    /// Which of `rules` (indexes) have a trigger word in `buf`, and whether
    /// the marker occurs. With `allWhenMarked`, a file with the marker
    /// selects every rule (a suppression must know which rules ran).
    func select(_ rules: [Int], in buf: UnsafeBufferPointer<UInt8>) -> (rules: [Int], marker: Bool) {
        var wanted = [Bool](repeating: false, count: words.count)
        var satisfied = [Bool](repeating: false, count: ruleWords.count)
        var pending = 0
        for r in rules {
            if let list = ruleWords[r] {
                for k in list where !wanted[k] { wanted[k] = true; pending += 1 }
            } else {
                satisfied[r] = true
            }
        }
        if !wanted[markerWord] { wanted[markerWord] = true; pending += 1 }
        var marker = false
        // A word is still worth finding while it is wanted, not found, and
        // some rule naming it (or the marker) is not yet known to run.
        func worth(_ k: Int) -> Bool {
            guard wanted[k] else { return false }
            if k == markerWord { return true }
            return wordRules[k].contains { !satisfied[$0] }
        }
        if let base = buf.baseAddress, pending > 0 {
            let n = buf.count
            var live: [(word: Int, at: Int)] = []
            for group in groups {
                live.removeAll(keepingCapacity: true)
                for e in group.entries where worth(e.word) { live.append(e) }
                if live.isEmpty { continue }
                var offset = 0
                scan: while offset < n {
                    guard let hit = memchr(base + offset, Int32(group.anchor), n - offset) else { break }
                    let p = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    offset = p + 1
                    var j = 0
                    while j < live.count {
                        let (k, at) = live[j]
                        let start = p - at
                        let word = words[k]
                        let bounds = boundaries[k]
                        if start >= 0 && start + word.count <= n && Self.equal(base + start, word)
                            && !(bounds.start && start > 0 && Self.isWordByte(base[start - 1]))
                            && !(bounds.end && start + word.count < n && Self.isWordByte(base[start + word.count])) {
                            wanted[k] = false
                            if k == markerWord { marker = true } else { for r in wordRules[k] { satisfied[r] = true } }
                            live.removeAll { !worth($0.word) }
                            if live.isEmpty { break scan }
                            continue
                        }
                        j += 1
                    }
                }
            }
        }
        if marker { return (rules, true) }
        return (rules.filter { satisfied[$0] }, false)
    }

    /// A byte that can continue an identifier or number: ASCII letters,
    /// digits, `_`, `$`, and any byte of a non-ASCII character.
    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x24
    }

    @inline(__always)
    private static func equal(_ p: UnsafePointer<UInt8>, _ word: [UInt8]) -> Bool {
        word.withUnsafeBufferPointer { w in
            var i = 0
            while i < w.count {
                if p[i] != w[i] { return false }
                i += 1
            }
            return true
        }
    }

    /// How common a byte is in source code, roughly (lower: rarer). Only the
    /// order matters: the anchor of a word is its rarest byte.
    static func frequency(_ b: UInt8) -> Int {
        switch b {
        case 0x20, UInt8(ascii: "e"), UInt8(ascii: "t"), UInt8(ascii: "a"), UInt8(ascii: "o"),
             UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "r"), 0x0A:
            return 100
        case UInt8(ascii: "l"), UInt8(ascii: "c"), UInt8(ascii: "d"), UInt8(ascii: "u"), UInt8(ascii: "p"),
             UInt8(ascii: "m"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: "h"), UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: ","), UInt8(ascii: "="),
             UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "/"), UInt8(ascii: "-"), 0x09:
            return 90
        case UInt8(ascii: "y"), UInt8(ascii: "b"), UInt8(ascii: "w"), UInt8(ascii: "v"), UInt8(ascii: "k"),
             UInt8(ascii: ":"):
            return 70
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            // Digits come in runs: anchor a word like `:3` on its colon.
            return 80
        case UInt8(ascii: "x"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ";"),
             UInt8(ascii: "S"), UInt8(ascii: "T"), UInt8(ascii: "A"), UInt8(ascii: "E"), UInt8(ascii: "I"),
             UInt8(ascii: "R"), UInt8(ascii: "N"), UInt8(ascii: "C"):
            return 60
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "z"), UInt8(ascii: "q"), UInt8(ascii: "j"):
            return 50
        case 0x00..<0x80:
            return 40
        default:
            return 20
        }
    }
}
