internal import CPairScan
import GuardrailRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - TriggerIndex

/// The literal prefilter of a whole run, compiled once: every trigger word of
/// every active rule (and the suppression marker), deduplicated, each anchored
/// on a rare pair of adjacent bytes. A file is read once, whatever the number
/// of words: the search stops only at positions whose pair is a live anchor
/// (its bit set in a 65,536-bit table), and compares only those with the
/// words anchored there. A word stops being looked for once every rule that
/// names it is known to run, and the pass stops when nothing is left worth
/// finding.
///
/// - Where the processor has AVX2, the search looks at 32 positions per step
///   (`gr_pair_scan`, in C: Swift has no byte shuffle). The anchors are
///   grouped in eight buckets; a position goes on to the exact table only
///   when both its bytes fit one bucket's nibbles. A word is anchored on its
///   rarest pair; a two-byte word is its own pair.
/// - Elsewhere a scalar loop looks at every second position only (one load,
///   one bit test). A word is anchored on its rarest two neighbouring pairs,
///   so that wherever it occurs one of them is at an even position. Words of
///   one or two bytes (`:0`, `24`) have no two pairs: they are searched with
///   `memchr` on their first byte, one pass per distinct first byte (one-byte
///   words are, in both searches).
struct TriggerIndex: Sendable {
    // Everything is flat: a list of lists is one array of items and one of
    // where each list starts (list `i` is `items[starts[i]..<starts[i + 1]]`),
    // so reading a list in `select` retains nothing.

    /// The distinct words' bytes, word `k` at `wordBytes[wordStarts[k]..<wordStarts[k + 1]]`.
    private let wordBytes: [UInt8]
    private let wordStarts: [Int]
    /// Per word: whether it counts only at word boundaries (see
    /// `Check.triggersAreTokens`) at its start and at its end.
    private let boundaryStart: [Bool]
    private let boundaryEnd: [Bool]
    /// Per word: the rules (indexes into the run's rule list) that name it.
    private let wordRules: [Int]
    private let wordRuleStarts: [Int]
    /// Per rule: its word ids; `ruleHasWords[r]` false when the rule has no
    /// triggers (it always runs).
    private let ruleWords: [Int]
    private let ruleWordStarts: [Int]
    private let ruleHasWords: [Bool]
    /// Anchor pair → 1 + anchor index (0: none).
    private let slots: [UInt32]
    /// Per anchor: its entries (word id, offset of the pair in the word).
    private let entryWords: [Int]
    private let entryOffsets: [Int]
    private let entryStarts: [Int]
    /// Per anchor: its pair (`b[p] | b[p+1] << 8`), whose bit a file's table
    /// sets while a word anchored there is worth finding.
    private let anchorKeys: [UInt16]
    /// Per anchor, four words of a 256-bit set: the bytes that may follow
    /// its pair in one of its words (every byte when the pair ends one). Most
    /// stops are pairs inside other words (`no` of `not` for `now`): one
    /// bit test sends them on.
    private let anchorFollowers: [UInt64]
    /// Words of one or two bytes (one byte only, with the vector search),
    /// grouped by first byte: the byte, the bytes that may follow it (every
    /// byte when one of them is a one-byte word), and the group's words.
    private let shortFirsts: [UInt8]
    private let shortSeconds: [ByteSet]
    private let shortWords: [Int]
    private let shortStarts: [Int]
    /// The word id of the suppression marker.
    let markerWord: Int
    /// Whether `select` searches with `gr_pair_scan`.
    let vector: Bool
    /// Per anchor, its bucket (0…7) in the vector search's nibble tables.
    private let anchorBuckets: [UInt8]

    /// - Parameters:
    ///   - triggers: per rule, its trigger words (empty: the rule always runs).
    ///   - tokens: per rule, whether its words count only as whole tokens
    ///     (default: none do).
    ///   - marker: a word whose presence is reported on its own (`guardrail:`).
    ///   - vector: whether to use the vector search where the processor
    ///     allows it (tests turn it off to compare the two).
    init(triggers: [[[UInt8]]], tokens: [Bool] = [], marker: [UInt8], vector: Bool = true) {
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
        var anchored: [UInt16: [(word: Int, at: Int)]] = [:]
        var shortGroups: [UInt8: [Int]] = [:]
        let vector = vector && Self.vectorAvailable
        for (k, w) in words.enumerated() where vector {
            // The vector search stops at every position: a word's rarest
            // pair is enough, and a two-byte word is its own pair.
            guard w.count >= 2 else { shortGroups[w[0], default: []].append(k); continue }
            var best = 0
            for j in 1..<(w.count - 1) where Self.pairRank(w[j], w[j + 1]) > Self.pairRank(w[best], w[best + 1]) { best = j }
            anchored[UInt16(w[best]) | UInt16(w[best + 1]) << 8, default: []].append((k, best))
        }
        for (k, w) in words.enumerated() where !vector {
            guard w.count >= 3 else { shortGroups[w[0], default: []].append(k); continue }
            // The pairs at j and j + 1 (bytes j…j+2): the rarer the more
            // common of the two, the fewer positions stop the pass.
            func rarity(_ j: Int) -> (Int, Int) {
                let a = Self.pairRank(w[j], w[j + 1]), b = Self.pairRank(w[j + 1], w[j + 2])
                return (min(a, b), a + b)
            }
            var best = 0
            for j in 1..<(w.count - 2) where rarity(j) > rarity(best) { best = j }
            for at in [best, best + 1] {
                let key = UInt16(w[at]) | UInt16(w[at + 1]) << 8
                anchored[key, default: []].append((k, at))
            }
        }
        func flatten<T>(_ lists: [[T]]) -> (items: [T], starts: [Int]) {
            var items: [T] = []
            var starts = [0]
            for list in lists { items += list; starts.append(items.count) }
            return (items, starts)
        }
        (wordBytes, wordStarts) = flatten(words)
        boundaryStart = boundaries.map(\.start)
        boundaryEnd = boundaries.map(\.end)
        (self.wordRules, wordRuleStarts) = flatten(wordRules)
        (self.ruleWords, ruleWordStarts) = flatten(ruleWords.map { $0 ?? [] })
        ruleHasWords = ruleWords.map { $0 != nil }
        var slots = [UInt32](repeating: 0, count: 65536)
        var entries: [[(word: Int, at: Int)]] = []
        var anchorKeys: [UInt16] = []
        for (key, list) in anchored.sorted(by: { $0.key < $1.key }) {
            entries.append(list)
            anchorKeys.append(key)
            slots[Int(key)] = UInt32(entries.count)
        }
        self.slots = slots
        var followers = [UInt64](repeating: 0, count: 4 * entries.count)
        for (e, list) in entries.enumerated() {
            for (k, at) in list {
                if at + 2 < words[k].count {
                    let b = Int(words[k][at + 2])
                    followers[4 * e + b >> 6] |= 1 << UInt64(b & 63)
                } else {
                    for j in 0..<4 { followers[4 * e + j] = ~0 }
                }
            }
        }
        anchorFollowers = followers
        (entryWords, entryStarts) = flatten(entries.map { $0.map(\.word) })
        entryOffsets = entries.flatMap { $0.map(\.at) }
        self.anchorKeys = anchorKeys
        let groups = shortGroups.sorted { $0.key < $1.key }
        shortFirsts = groups.map(\.key)
        shortSeconds = groups.map { _, list in
            var seconds = ByteSet()
            for k in list {
                if words[k].count == 1 { seconds = ByteSet(all: true); break }
                seconds.insert(words[k][1])
            }
            return seconds
        }
        (shortWords, shortStarts) = flatten(groups.map(\.value))
        self.vector = vector
        anchorBuckets = vector ? Self.buckets(anchorKeys) : []
    }

    /// Whether this processor runs `gr_pair_scan`, asked once.
    private static let vectorAvailable = gr_pair_scan_available() != 0

    /// Eight buckets for the anchors, chosen so that few pairs other than
    /// the anchors fit a bucket's nibbles: each anchor, most common first,
    /// goes where it adds the least estimated traffic (how often a pair's
    /// first byte fits the bucket's first-byte nibbles times how often its
    /// second fits the second's, by the bytes' frequencies in
    /// `commonPairs`).
    private static func buckets(_ keys: [UInt16]) -> [UInt8] {
        let (firsts, seconds) = byteFrequencies
        struct Bucket { var lo0: UInt16 = 0, hi0: UInt16 = 0, lo1: UInt16 = 0, hi1: UInt16 = 0, p0 = 0.0, p1 = 0.0 }
        /// The weight of the cells `lo × hi` that adding byte `b` to the
        /// nibble sets `(lo, hi)` brings in.
        func added(_ lo: UInt16, _ hi: UInt16, _ b: Int, _ freq: [Double]) -> (lo: UInt16, hi: UInt16, weight: Double) {
            let newLo = lo | 1 << (b & 15), newHi = hi | 1 << (b >> 4)
            var weight = 0.0
            for h in 0..<16 where newHi & 1 << h != 0 {
                for l in 0..<16 where newLo & 1 << l != 0 && !(lo & 1 << l != 0 && hi & 1 << h != 0) { weight += freq[h << 4 | l] }
            }
            return (newLo, newHi, weight)
        }
        var buckets = [Bucket](repeating: Bucket(), count: 8)
        var result = [UInt8](repeating: 0, count: keys.count)
        let order = keys.indices.sorted { a, b in
            let fa = firsts[Int(keys[a] & 0xFF)] * seconds[Int(keys[a] >> 8)]
            let fb = firsts[Int(keys[b] & 0xFF)] * seconds[Int(keys[b] >> 8)]
            return fa != fb ? fa > fb : a < b
        }
        for e in order {
            let a = Int(keys[e] & 0xFF), b = Int(keys[e] >> 8)
            var best = 0, bestCost = Double.infinity
            for (k, bucket) in buckets.enumerated() {
                let x = added(bucket.lo0, bucket.hi0, a, firsts).weight, y = added(bucket.lo1, bucket.hi1, b, seconds).weight
                let cost = (bucket.p0 + x) * (bucket.p1 + y) - bucket.p0 * bucket.p1
                if cost < bestCost { (best, bestCost) = (k, cost) }
            }
            let first = added(buckets[best].lo0, buckets[best].hi0, a, firsts)
            let second = added(buckets[best].lo1, buckets[best].hi1, b, seconds)
            buckets[best].lo0 = first.lo
            buckets[best].hi0 = first.hi
            buckets[best].p0 += first.weight
            buckets[best].lo1 = second.lo
            buckets[best].hi1 = second.hi
            buckets[best].p1 += second.weight
            result[e] = UInt8(best)
        }
        return result
    }

    /// How often each byte starts, and ends, a pair in source code,
    /// estimated from the ranks of `commonPairs` (the `r`-th most common
    /// weighs `1 / (r + 16)`; a byte in no listed pair, a little).
    private static let byteFrequencies: (firsts: [Double], seconds: [Double]) = {
        var firsts = [Double](repeating: 1e-4, count: 256), seconds = firsts
        for (rank, pair) in commonPairList.enumerated() {
            let weight = 1 / Double(rank + 16)
            firsts[pair.first] += weight
            seconds[pair.second] += weight
        }
        return (firsts, seconds)
    }()

    /// Which of `rules` (indexes) have a trigger word in `buf`, and whether
    /// the marker occurs. A file with the marker selects every rule given (a
    /// suppression must know which rules ran).
    func select(_ rules: [Int], in buf: UnsafeBufferPointer<UInt8>) -> (rules: [Int], marker: Bool) {
        let wordCount = wordStarts.count - 1
        let ruleCount = ruleHasWords.count
        // The per-file flags live on the stack: three arrays per file cost
        // three allocations (and a generic-metadata lookup each).
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: 2 * wordCount + ruleCount) { scratch in
            let flags = scratch.baseAddress!
            return select(rules, in: buf, wanted: flags, live: flags + wordCount, satisfied: flags + 2 * wordCount)
        }
    }

    /// `select` with its flags in caller-provided memory: `wanted` and `live`
    /// one per word, `satisfied` one per rule (uninitialized on entry).
    private func select(_ rules: [Int], in buf: UnsafeBufferPointer<UInt8>, wanted: UnsafeMutablePointer<Bool>,
                        live: UnsafeMutablePointer<Bool>, satisfied: UnsafeMutablePointer<Bool>) -> (rules: [Int], marker: Bool) {
        let wordCount = wordStarts.count - 1
        let ruleCount = ruleHasWords.count
        // Locals: an element of a flat array read in the loops below costs a
        // load, no retain.
        let (wordBytes, wordStarts, boundaryStart, boundaryEnd) = (self.wordBytes, self.wordStarts, self.boundaryStart, self.boundaryEnd)
        let (wordRules, wordRuleStarts, ruleWords, ruleWordStarts) = (self.wordRules, self.wordRuleStarts, self.ruleWords, self.ruleWordStarts)
        let (entryWords, entryOffsets, entryStarts, anchorKeys) = (self.entryWords, self.entryOffsets, self.entryStarts, self.anchorKeys)
        let (markerWord, slots, followers) = (self.markerWord, self.slots, self.anchorFollowers)
        let (vector, anchorBuckets) = (self.vector, self.anchorBuckets)
        wanted.initialize(repeating: false, count: wordCount)
        // A rule not asked about counts as settled: its words are worth
        // finding only for the rules that are.
        satisfied.initialize(repeating: true, count: ruleCount)
        for r in rules where ruleHasWords[r] {
            for j in ruleWordStarts[r]..<ruleWordStarts[r + 1] { wanted[ruleWords[j]] = true }
            satisfied[r] = false
        }
        wanted[markerWord] = true
        guard let base = buf.baseAddress else { return (rules.filter { satisfied[$0] }, false) }
        let n = buf.count
        var marker = false
        // A word is live (still worth finding) while it is wanted, not found,
        // and some rule naming it (or the marker) is not yet known to run.
        // Recomputed only when a word is found: the loops below read a Bool.
        live.initialize(repeating: false, count: wordCount)
        var liveCount = 0
        func refresh() {
            liveCount = 0
            for k in 0..<wordCount {
                var worth = wanted[k]
                if worth && k != markerWord {
                    worth = false
                    for j in wordRuleStarts[k]..<wordRuleStarts[k + 1] where !satisfied[wordRules[j]] { worth = true; break }
                }
                live[k] = worth
                if worth { liveCount += 1 }
            }
        }
        refresh()
        /// Whether word `k` occurs at `start` (boundaries included); if so,
        /// records it (the caller refreshes).
        func matches(_ k: Int, at start: Int) -> Bool {
            let from = wordStarts[k], count = wordStarts[k + 1] - from
            guard start >= 0, start + count <= n else { return false }
            guard Self.equal(base + start, wordBytes, from..<(from + count)),
                  !(boundaryStart[k] && start > 0 && Self.isWordByte(base[start - 1])),
                  !(boundaryEnd[k] && start + count < n && Self.isWordByte(base[start + count])) else { return false }
            wanted[k] = false
            if k == markerWord {
                marker = true
            } else {
                for j in wordRuleStarts[k]..<wordRuleStarts[k + 1] { satisfied[wordRules[j]] = true }
            }
            return true
        }
        for g in shortFirsts.indices {
            let first = shortFirsts[g], seconds = shortSeconds[g]
            let group = shortStarts[g]..<shortStarts[g + 1]
            var groupLive = false
            for j in group where live[shortWords[j]] { groupLive = true }
            var offset = 0
            while groupLive, offset < n {
                guard let hit = memchr(base + offset, Int32(first), n - offset) else { break }
                let p = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                offset = p + 1
                // `:` is common, `:0` … `:9` are not: one test for most hits.
                if p + 1 < n && !seconds.contains(base[p + 1]) { continue }
                var found = false
                for j in group where live[shortWords[j]] && matches(shortWords[j], at: p) { found = true }
                if found {
                    refresh()
                    groupLive = false
                    for j in group where live[shortWords[j]] { groupLive = true }
                }
            }
        }
        if liveCount > 0 && n >= 2 {
            // This file's own table: the anchors of the live words, re-armed
            // whenever a word is found. Words only of rules not asked about
            // (`fetch` in a Python file) or of rules known to run already
            // stop no position.
            let (bits, owned) = ThreadTable.take()
            defer {
                // Back clean: only anchor bits are ever set.
                for key in anchorKeys { bits[Int(key >> 6)] = 0 }
                if owned { bits.deallocate() }
            }
            // The vector search's nibble tables, of the armed anchors' buckets.
            var masks = gr_pair_masks()
            func arm() -> Int {
                var armed = 0
                if vector { masks = gr_pair_masks() }
                for e in 0..<anchorKeys.count {
                    let key = anchorKeys[e]
                    var on = false
                    for j in entryStarts[e]..<entryStarts[e + 1] where live[entryWords[j]] { on = true; break }
                    let bit: UInt64 = 1 << UInt64(key & 63)
                    if on {
                        bits[Int(key >> 6)] |= bit
                        armed += 1
                        if vector { Self.addToMasks(&masks, key, bucket: anchorBuckets[e]) }
                    } else {
                        bits[Int(key >> 6)] &= ~bit
                    }
                }
                return armed
            }
            let last = n - 1
            func nextAnchor(from: Int) -> Int {
                vector ? gr_pair_scan(base, from, last, bits, &masks) : Self.nextAnchor(base, from: from, to: last, bits)
            }
            // The scalar search looks at every second position (see above).
            let step = vector ? 1 : 2
            var i = arm() == 0 ? last : nextAnchor(from: 0)
            while i < last {
                let key = Int(base[i]) | Int(base[i + 1]) << 8
                let e = Int(slots[key]) - 1
                // A bit of no anchor of this index: the table is the
                // thread's, and every `select` clears its own bits, so none
                // should be left; passed over all the same.
                guard e >= 0 else {
                    i = nextAnchor(from: i + step)
                    continue
                }
                if i + 2 < n {
                    let next = Int(base[i + 2])
                    if followers[4 &* e &+ next &>> 6] & (1 &<< UInt64(next & 63)) == 0 {
                        i = nextAnchor(from: i + step)
                        continue
                    }
                }
                var found = false
                for j in entryStarts[e]..<entryStarts[e + 1] where live[entryWords[j]] && matches(entryWords[j], at: i - entryOffsets[j]) {
                    found = true
                }
                if found {
                    refresh()
                    if liveCount == 0 || arm() == 0 { break }
                }
                i = nextAnchor(from: i + step)
            }
        }
        if marker { return (rules, true) }
        return (rules.filter { satisfied[$0] }, false)
    }

    /// Each thread's zeroed 65,536-bit pair table for `select`, cleared by
    /// `select` after use and freed when the thread ends. Zeroing 8 KB per
    /// file cost more than the scan of a small file; a pool shared by the
    /// workers handed tables from core to core, and re-arming a table
    /// another core had written last missed the cache at every anchor.
    private enum ThreadTable {
        /// The key, or nil when the system had none to give.
        static let key: pthread_key_t? = {
            var key = pthread_key_t()
            #if canImport(Darwin)
            let status = pthread_key_create(&key) { $0.deallocate() }
            #else
            let status = pthread_key_create(&key) { $0?.deallocate() }
            #endif
            return status == 0 ? key : nil
        }()

        /// This thread's table; `owned` when none could be kept for the
        /// thread (the caller frees it after use).
        static func take() -> (table: UnsafeMutablePointer<UInt64>, owned: Bool) {
            if let key, let table = pthread_getspecific(key) { return (table.assumingMemoryBound(to: UInt64.self), false) }
            let table = UnsafeMutablePointer<UInt64>.allocate(capacity: 1024)
            table.initialize(repeating: 0, count: 1024)
            if let key, pthread_setspecific(key, table) == 0 { return (table, false) }
            return (table, true)
        }
    }

    /// 256 bits, one per byte value.
    struct ByteSet: Sendable {
        private var bits: (UInt64, UInt64, UInt64, UInt64)

        init(all: Bool = false) {
            let v: UInt64 = all ? ~0 : 0
            bits = (v, v, v, v)
        }

        mutating func insert(_ b: UInt8) {
            let bit: UInt64 = 1 << UInt64(b & 63)
            switch b >> 6 {
            case 0: bits.0 |= bit
            case 1: bits.1 |= bit
            case 2: bits.2 |= bit
            default: bits.3 |= bit
            }
        }

        @inline(__always)
        func contains(_ b: UInt8) -> Bool {
            let word: UInt64
            switch b >> 6 {
            case 0: word = bits.0
            case 1: word = bits.1
            case 2: word = bits.2
            default: word = bits.3
            }
            return word & (1 << UInt64(b & 63)) != 0
        }
    }

    /// The first position `p` in `from, from + 2, …` below `to` whose pair
    /// `base[p], base[p + 1]` has its bit set in `bits`, or a position at or
    /// beyond `to`. The scalar search's hot loop: one two-byte load and one
    /// bit test per two bytes, nothing captured (four pairs per eight-byte
    /// load ran no faster).
    /// Not inlined: in `select` the loop's pointers
    /// were reloaded from the stack every step.
    @inline(never)
    private static func nextAnchor(_ base: UnsafePointer<UInt8>, from: Int, to: Int, _ bits: UnsafePointer<UInt64>) -> Int {
        let raw = UnsafeRawPointer(base)
        var i = from
        while i < to {
            let key = raw.loadUnaligned(fromByteOffset: i, as: UInt16.self).littleEndian
            if bits[Int(key &>> 6)] & (1 &<< UInt64(key & 63)) != 0 { return i }
            i &+= 2
        }
        return i
    }

    /// Sets `bucket`'s bit for pair `key` in the nibble tables.
    static func addToMasks(_ masks: inout gr_pair_masks, _ key: UInt16, bucket: UInt8) {
        let bit: UInt8 = 1 << bucket
        let a = Int(key & 0xFF), b = Int(key >> 8)
        withUnsafeMutableBytes(of: &masks) { raw in
            raw[a & 15] |= bit
            raw[16 + a >> 4] |= bit
            raw[32 + b & 15] |= bit
            raw[48 + b >> 4] |= bit
        }
    }

    /// A byte that continues an identifier or number: ASCII letters, digits,
    /// `_`, `$`. Non-ASCII bytes are never counted as such — a word next to
    /// one (a Unicode space, a BOM, or a non-ASCII identifier character)
    /// still counts, so the filter can only let more files through.
    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x24
    }

    @inline(__always)
    private static func equal(_ p: UnsafePointer<UInt8>, _ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var i = 0
        for j in range {
            if p[i] != bytes[j] { return false }
            i += 1
        }
        return true
    }

    /// How rare a pair of adjacent bytes is in source code: its place in a
    /// list of the 1,536 most common pairs, most common first (more than the
    /// list's length: rarer than all of them). The list was counted once on
    /// public code unrelated to any project guardrail checks (CPython 3.11's
    /// standard library and ~13,000 JavaScript/TypeScript files of
    /// toolchain documentation, each corpus weighted equally).
    static func pairRank(_ a: UInt8, _ b: UInt8) -> Int {
        Int(pairRanks[Int(a) << 8 | Int(b)])
    }

    private static let pairRanks: [UInt16] = {
        var ranks = [UInt16](repeating: UInt16(commonPairs.utf8.count / 4 + 1), count: 65536)
        for (rank, pair) in commonPairList.enumerated() { ranks[pair.first << 8 | pair.second] = UInt16(rank) }
        return ranks
    }()

    /// `commonPairs` decoded, most common first.
    private static let commonPairList: [(first: Int, second: Int)] = {
        let hex = Array(commonPairs.utf8)
        func nibble(_ c: UInt8) -> Int { c <= 57 ? Int(c) - 48 : Int(c) - 87 }
        return stride(from: 0, to: hex.count - 3, by: 4).map { i in
            (nibble(hex[i]) << 4 | nibble(hex[i + 1]), nibble(hex[i + 2]) << 4 | nibble(hex[i + 3]))
        }
    }()

    /// The common pairs as hex, two bytes per four digits, most common first.
    private static let commonPairs =
        "2020223a0a202b31312b2c223a7b72657b2265206622696e736522647d2c6f726f6e73745c2265722074746574682c20" +
        "20696c6564657320657474207d7d20736e206f63656e2063206122746573686574696174636f3a316173656c69746172" +
        "7322646f616e74662027302c69736d657373312e6e74637364663d20616c203d66206c617472726f746f722063683a0a" +
        "6f642e3064202072206f7b7d696f6e673c2f307d63747461656620666e6465646e6523203d5c3a306c66706165637261" +
        "290a636c7269202375720a0a69666c6961636120736970653e3c20646e6f2030696d2065696c6e6363617475616d6d61" +
        "6e7365786365206e223e656176653a206d7030783030662e7274756e732e726e2068686961696e612070733d6469666f" +
        "2062293b3e20656d666941416c6c6c6f757422227072653a6f7422202720206d676520227370613e616475732829222c" +
        "727376616f756f6d2d2d706c652c6872202d756c2077293a7272652e2f61204c22736f2068616f70756d652875652231" +
        "3c61706f206c792074282920652266655c6e686f6720747331335f5f696420286c73745f28737375272c6265207b3536" +
        "74796963663d3a3a2e5f3a226976270a7463636b742e3d3d7074783065297275655f2d3e4e6f613d2c0a32336c20226e" +
        "205368744c45373369676b654552642f203c6c747279205f275c68286f666570736f6d6f61702f642865494e2e0a3134" +
        "20757228544520437970626c6f776f735f73650a35316f6c6e75323161626c752f73312c3432414c33357d2974747267" +
        "33326e286e27632f642820542232287533306d6977692c30726366753130343133372e733632207668202d7330397b63" +
        "2f634c20204e2e206e692929393545543c73227d3d662e3420416d6c2c7b6965746d6f2d5220653b292c54492e683b0a" +
        "637278742c3162756e3e41542f65317d5454655c64612e7469723d635f63746c653d752c73683b62623d3b61733a6d6d" +
        "495474646c642e6370704e206d2022636167732c5c5c6d734572642e3230626f4c41204469617570722e220a66723d22" +
        "643a2233313622696f6f645f6c796d624d4173295265726d7b7b5c786f62247b7069742c7a6565655f6d657777616729" +
        "3037655b63696628662c2e7220675f65204964646773222930355c75232369623222676e736172643132666166663634" +
        "54687175697a75637075282274224c4c27292261692074295f702031730a7328282720522e696c5c657930222e703422" +
        "647578635f6643416769725c3622626138302f723122626a65763737653e6567273a5441332c63753a32776862793822" +
        "743b2f2f7073332261796f677d605f695f74787079745f645f616571735f322e69702e61207d352231315b5d436f7363" +
        "6e2e6473372278223b6938382265415035303a276d64303867747379293f39225d20782963202f67602c22787222725f" +
        "41426175287837357562667d32355f6e337d537428743b767d3a20452533622f7b66776527763a3c6b3a676c2b2b5f6c" +
        "722c2e65363831656533496e205b2f703e3b204677203d62383772295f725049292f37326e66677d7772292e28697627" +
        "5245205722724f4e7b67287a2f2e792f782f632b7d0a0a237b6b6e2274246f76652d60742c2f2b647d3c7a292f79297b" +
        "67682f5d5b2f3f7b3e687569202b5d782c60662930316f6b7020534d2e66626949476a6520507b0a45205b5c74702234" +
        "5448227033317372415252412626652f286e41437973742d3b20226d5d0a78613232322c202a2c5b6d7557496e5f2262" +
        "53653237743a3439304120422e67653c45416e763137305d2235450a745c6767646c5f62627276696b203238740a723a" +
        "6775654531352c74286354725f6f225d3234776f206b54203630642230336f697d5c2e6c627378652a2a5349204f6978" +
        "49432e37327d3036666c3139666e20256176732f3c642e645d5d286631383937225f2b205d29424152496527286f3333" +
        "6c5f6e6e5f286c234465227b30346e2c30327b4137396c282e224320736b7b2032366e6b20556e293934297d743d722d" +
        "6b69204d4e543734793a6479616b27734e475d2c4c49642c3d3e44453c632f742e6d2f204841675f3930672e28725b31" +
        "6e6c64726f61282848203e3e692233366c22286161224f52454e3e0a6c2d726b41516772707930202e2e5645640a720a" +
        "414e26676e3c64292e6f44206d2e3939226f792e2d20202e202f75666674793e7028735b76206e0a635f223622397c7c" +
        "2d66352c226c223775306474536937312530736c672c6e702d69203e4e442238353322662d6c2d313430334578207d20" +
        "0a642c32643d3933207c3e262c5c33342e75334320793420783175326e3a50616f22457833382a20796e2c6544497561" +
        "30296d5f34352774455f46412e6e682e37386e5c414561663239213d6b734661342c7d7b5320362c35392056656f6177" +
        "20483b3c4e0a444f3e53363734385f683434494c5354705f3e2865624e6179225d42455361785f756e3d7c20280a7327" +
        "53685f77494f6b5f4120776e434f783827275b3063633120536f78325345735c2f68343341626c2e20472d74726c7427" +
        "383920322870524f3e29636d3535763e3d7438333836372c507222753a66266c3d4e796d49536569315d4c6949660a63" +
        "432e436175642573497454792e533537514178693c683d27683433397b7277734261686c6f5f2223723d485475677445" +
        "792832204d4562205b223d654d615f67795f6f2ee381436c34365f7641737266645c2f6f6b77622e3b27222e2c6e6673" +
        "2029226836363a2f642d424f647d34376322676f09093835414b6463703e4f55424c5f226e794144286d454420c22864" +
        "6e2d382c6c292e7772762060687525203534627b2c727531613a5b392d686761722752755b69702e312974494941556e" +
        "5661736736315820622767225f2043450a693635272e27610a65732d5669742f416c685f4246555474774e4533203834" +
        "3832612c5d41792c205c43686e7d414722545452745b540a70643d7b47537b693a63474e46695f533a333e5c22535045" +
        "5465392c225235202e5c607d67283931286c632e546f633a28620a7d790a414d35387022456e29225155225c4752e280" +
        "35326b28332e253275222e3c37362b3d4e4f2021753327645542774145454620325c466f47486f5c415745464c4f2078" +
        "7d3b6a6fc2a7612e3ec2632ca73c64273633733e3c70775b534f5a652e326d222c6965536a7b203327636c702e6a4149" +
        "305c775f545f4355313a3a734469796c52542d617728203a4172693350414672303a6b612e627b42302e3e756931703b" +
        "287620266c2c6e5a2c2b6d2f7b49434b4f5339384f6a6f2844524f4c4153412b643c766f7b734f443e693a6e672f7377" +
        "3e22c2bb43544174bb20415638313932712142794b45735d626365754c6f792946493d6e7969212863627b76796f670a" +
        "362050796822416e7b612d53734e3127276930654f5838207538682c7965393630624f706c3e3027275f5d2e4d493730" +
        "4f54530a21302628275d4359452d66276222733c310a48455f43554c446f283c207144416d7436392722615b22766f65" +
        "6c6e2f6e293c2c332f6c4348544f785f68292c633e312f6961295b27414655526f7825354d6f45583b25727047496c3a" +
        "2d62595241642243602463796b2e2267792d6c3d6d29277232274b4f655d5f4d2f62747a2c7375366532484f67413f3a" +
        "60206936224174535c2768733b66554e285b78396c622661382732293066223c454242490a0946544461206a2d656b5c" +
        "6327300a456c4f756329496d57696e5b3720666428314b0a3920272d4b20520a295d230a502030633c204d4d6f2c692e" +
        "343e5353342e25373b5c437522285b653e2c0a6669386e5365546c0a397d464c236d3061656b4f4d612d657d756f6328" +
        "e3823b72665f277074433d30424557724167537549504d652830226b4c0a455c2d6420404f20323a3a612c34554d2762" +
        "204b486178344e4153482d724349506f7520504f454b4b6579773a533a6f4f572e76702c410a53432c612d7049204543" +
        "55503064207a79792b25775c78332765723c365f28606e6d6b0a4c65276649443d73554134272e43696b6f0a5b6b4352" +
        "5f5055532d77345c325fe383666d7029612748656b2780994275426f795d28214d4f5261736d4f465d437a692b613a34" +
        "0a5f637d6f2952432e3152536445227733276543725d436954692c6f2e244251743c3a692748464f2b226b6c5f27474c"
}
