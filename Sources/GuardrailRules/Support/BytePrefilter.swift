#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - BytePrefilter

/// Cheap whole-file byte tests a check runs before it asks for tokens, for
/// conditions the engine's "any trigger word" prefilter cannot express
/// (a number *and* a sizing word, a quote *then* a time). Tokens are built
/// lazily, so a check that returns early here costs no tokenization.
public enum BytePrefilter {
    /// Whether any of `needles` occurs in `bytes`.
    static func containsAny(_ bytes: [UInt8], _ needles: [[UInt8]]) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            needles.contains { contains(buf, $0) }
        }
    }

    /// Whether `needle` occurs in `haystack`: memchr for the needle's rarest
    /// byte in source code, then memcmp around it (memchr on the last byte
    /// stopped at every `e` of a file for `minute`).
    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        occurs(needle, in: haystack) { _ in true }
    }

    /// Whether `needle` occurs at some offset of `haystack` for which `test`
    /// holds (offsets in increasing order, until one does).
    static func occurs(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, where test: (Int) -> Bool) -> Bool {
        guard !needle.isEmpty else { return test(0) }
        guard let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
        let m = needle.count
        var anchor = 0
        for k in 1..<m where commonness(needle[k]) < commonness(needle[anchor]) { anchor = k }
        // The next rarest byte, compared in place before any memcmp call:
        // the anchor byte alone is common enough that most hits are not
        // the needle (700,000 memcmp calls on InstaInstru).
        var second = anchor == 0 ? m - 1 : 0
        for k in 0..<m where k != anchor && commonness(needle[k]) < commonness(needle[second]) { second = k }
        let byte = Int32(needle[anchor]), secondByte = needle[second]
        return needle.withUnsafeBufferPointer { n in
            // `at` is where the anchor byte sits; the needle starts `anchor` before.
            var offset = anchor
            let end = haystack.count - (m - 1 - anchor)
            while offset < end {
                guard let hit = memchr(base + offset, byte, end - offset) else { return false }
                let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                let start = at - anchor
                if base[start + second] == secondByte && memcmp(base + start, n.baseAddress!, m) == 0 && test(start) {
                    return true
                }
                offset = at + 1
            }
            return false
        }
    }

    /// Whether one of `names` occurs in `bytes` as a whole identifier
    /// followed, past blanks, by what can open its call: `(`, and in TS/JS
    /// `<` (`fetch<T>(`). Line ends count as blanks (`fetch\n(`, or inside
    /// Python brackets). Conservative: what may hide a call — a comment
    /// (`/` in TS/JS; `#`, or a `\` line continuation, in Python) or a
    /// non-ASCII byte on either side (a Unicode blank, or part of a longer
    /// name) — counts as one.
    static func hasCallShape(_ bytes: [UInt8], _ names: [[UInt8]], python: Bool) -> Bool {
        hasCallShape(bytes, names, python: python) { _, _, _, _ in true }
    }

    /// `hasCallShape`, counting only the occurrences `test` accepts: it is
    /// given the bytes, the name's index in `names`, where the name starts,
    /// and where its `(` is — nil when what stands between them (a comment,
    /// a line continuation, a non-ASCII byte, or in TS/JS a `<`) leaves it
    /// unknown.
    static func hasCallShape(_ bytes: [UInt8], _ names: [[UInt8]], python: Bool,
                             where test: (UnsafeBufferPointer<UInt8>, Int, Int, Int?) -> Bool) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            let n = buf.count
            return names.indices.contains { k in
                let name = names[k]
                return occurs(name, in: buf) { start in
                    if continuesName(buf, before: start) { return false }
                    var i = start + name.count
                    if i < n && isIdentifierByte(buf[i]) { return false }
                    while i < n {
                        switch buf[i] {
                        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: i += 1
                        case UInt8(ascii: "("): return test(buf, k, start, i)
                        case UInt8(ascii: "<"), UInt8(ascii: "/"):
                            // TS/JS: `<` may open type arguments, `/` a
                            // comment; a lone `/` (division, `/>`) or `</`
                            // (a closing tag) without a comment after it
                            // opens neither.
                            if python { return false }
                            var j = i + 1
                            if buf[i] == UInt8(ascii: "<") {
                                guard j < n, buf[j] == UInt8(ascii: "/") else { return test(buf, k, start, nil) }
                                j += 1
                            }
                            guard j < n, buf[j] == UInt8(ascii: "/") || buf[j] == UInt8(ascii: "*") else { return false }
                            return test(buf, k, start, nil)
                        case UInt8(ascii: "#"), UInt8(ascii: "\\"): return python && test(buf, k, start, nil)
                        case 0x80...: return test(buf, k, start, nil)
                        default: return false
                        }
                    }
                    return false
                }
            }
        }
    }

    /// The name before the member `.` that the Python name starting at
    /// `start` surely follows (`datetime` in `datetime.now`, `a . b`): then
    /// the name is the last link of a dotted chain whose link before it is
    /// that name, or no call with a simple callee at all. Blanks on the line
    /// may stand around the `.`. Anything else — a line start, `...`, a
    /// number's `.` (`1.now`), a longer chain (`a.b.now`), a non-ASCII byte
    /// — is nil: not surely.
    static func memberReceiver(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int) -> Range<Int>? {
        var i = start - 1
        while i >= 0 && (buf[i] == 0x20 || buf[i] == 0x09) { i -= 1 }
        guard i >= 0, buf[i] == UInt8(ascii: ".") else { return nil }
        i -= 1
        while i >= 0 && (buf[i] == 0x20 || buf[i] == 0x09) { i -= 1 }
        guard i >= 0, isIdentifierByte(buf[i]) else { return nil }
        let end = i + 1
        while i > 0 && isIdentifierByte(buf[i - 1]) { i -= 1 }
        // The run starts with a letter or `_` (a digit may start a number:
        // `1e5.now`), and no non-ASCII byte or `.` makes it part of more.
        guard isLetterOrUnderscore(buf[i]), !(i > 0 && (buf[i - 1] >= 0x80 || buf[i - 1] == UInt8(ascii: "."))) else { return nil }
        return i..<end
    }

    /// The link before the Python name starting at `start` in a dotted chain
    /// of three or more names (`b` in `a.b.now`, `f().b.now`), when it surely
    /// is no chain's first name: a `.` stands before it, and before that `.`
    /// a name (not a number: `1.b.now` is the chain `b.now`) or a closing
    /// bracket. Imports bind only a chain's first name, so a call's target
    /// ends in this link and the name. Blanks on the line may stand around
    /// the dots; anything else (a line break, a comment, a string, `...`, a
    /// non-ASCII byte next to a name) is nil: not surely.
    static func innerLink(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int) -> Range<Int>? {
        func blank(_ i: Int) -> Bool { buf[i] == 0x20 || buf[i] == 0x09 }
        var i = start - 1
        while i >= 0 && blank(i) { i -= 1 }
        guard i >= 0, buf[i] == UInt8(ascii: ".") else { return nil }
        i -= 1
        while i >= 0 && blank(i) { i -= 1 }
        guard i >= 0, isIdentifierByte(buf[i]) else { return nil }
        let end = i + 1
        while i > 0 && isIdentifierByte(buf[i - 1]) { i -= 1 }
        guard isLetterOrUnderscore(buf[i]), i > 0, buf[i - 1] < 0x80 else { return nil }
        let link = i..<end
        var j = i - 1
        while j >= 0 && blank(j) { j -= 1 }
        guard j >= 0, buf[j] == UInt8(ascii: ".") else { return nil }
        j -= 1
        while j >= 0 && blank(j) { j -= 1 }
        guard j >= 0 else { return nil }
        if buf[j] == UInt8(ascii: ")") || buf[j] == UInt8(ascii: "]") { return link }
        guard isIdentifierByte(buf[j]) else { return nil }
        while j > 0 && isIdentifierByte(buf[j - 1]) { j -= 1 }
        guard isLetterOrUnderscore(buf[j]), j == 0 || buf[j - 1] < 0x80 else { return nil }
        return link
    }

    /// Whether `name` occurs as a keyword argument could: followed, past
    /// blanks, line ends and comments, by `=` that is not `==`.
    static func hasKeywordShape(_ bytes: [UInt8], _ name: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            occurs(name, in: buf) { start in
                guard let k = skipBlanks(buf, from: start + name.count, python: true) else { return false }
                return buf[k] == UInt8(ascii: "=") && !(k + 1 < buf.count && buf[k + 1] == UInt8(ascii: "="))
            }
        }
    }

    /// Whether `name` may be bound by an import alias (`… as name`): it
    /// occurs after `as` and blanks, or after something unclear (a line
    /// continuation; see `previousSignificant`).
    static func hasAliasShape(_ bytes: [UInt8], _ name: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            occurs(name, in: buf) { start in
                let before = previousSignificant(buf, from: start - 1, python: true)
                if before == -2 { return true }
                return before >= 1 && buf[before] == UInt8(ascii: "s") && buf[before - 1] == UInt8(ascii: "a")
                    && before + 1 < start && !(before >= 2 && isIdentifierByte(buf[before - 2]))
            }
        }
    }

    /// What a Python call's first argument surely is, from the bytes after
    /// its `(` (at `open`).
    enum FirstArgument: Equatable {
        /// `)` comes first: the call has no argument.
        case none
        /// A positional argument, starting at the offset given: with a name
        /// not followed by `=` (`x`, `f"…"`, `lambda`), a digit, a quote, a
        /// bracket, `-`, `+`, `~` or `.`.
        case positional(Int)
        /// `name=`: the name's bytes.
        case keyword(Range<Int>)
        /// Anything else (`*args`, a stray `,`, a non-ASCII byte, the end of the file).
        case unknown
    }

    /// The first argument after the `(` at `open`, past blanks, line ends,
    /// `#` comments and `\` line continuations.
    static func firstArgument(_ buf: UnsafeBufferPointer<UInt8>, after open: Int) -> FirstArgument {
        let n = buf.count
        guard let i = skipBlanks(buf, from: open + 1, python: true) else { return .unknown }
        let b = buf[i]
        if b == UInt8(ascii: ")") { return .none }
        if isLetterOrUnderscore(b) {
            var j = i + 1
            while j < n && isIdentifierByte(buf[j]) { j += 1 }
            if j < n && buf[j] >= 0x80 { return .unknown }
            // `name=value` is a keyword argument to the call's tokens only
            // with nothing but blanks, line ends and continuations before
            // the `=` (a comment there makes it a positional argument), and
            // a value after it. Anything less clear is unknown.
            var k = j
            while k < n {
                let c = buf[k]
                if c == 0x20 || c == 0x09 || c == 0x0C || c == 0x0A || c == 0x0D { k += 1; continue }
                if c == UInt8(ascii: "\\"), k + 1 < n, buf[k + 1] == 0x0A || buf[k + 1] == 0x0D { k += 2; continue }
                break
            }
            guard k < n else { return .unknown }
            if buf[k] == UInt8(ascii: "=") {
                if k + 1 < n && buf[k + 1] == UInt8(ascii: "=") { return .positional(i) }
                guard let value = skipBlanks(buf, from: k + 1, python: true),
                      buf[value] != UInt8(ascii: ")"), buf[value] != UInt8(ascii: ",") else { return .unknown }
                return .keyword(i..<j)
            }
            if buf[k] == UInt8(ascii: "#") { return .unknown }
            return .positional(i)
        }
        switch b {
        case 0x30...0x39, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"),
             UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "~"), UInt8(ascii: "."):
            return .positional(i)
        default:
            return .unknown
        }
    }

    /// The first byte at or after `from` that is no blank, line end or
    /// comment (`#` and `\` continuations in Python; `//` and `/* */`
    /// otherwise, JSON included); nil at the end. Python's blanks are space,
    /// tab and form feed (a vertical tab is a stray byte to its lexer); the
    /// TS/JS lexer also skips Unicode spaces, which this does not: see
    /// `isUnclear`.
    static func skipBlanks(_ buf: UnsafeBufferPointer<UInt8>, from: Int, python: Bool) -> Int? {
        let n = buf.count
        var i = from
        while i < n {
            let b = buf[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D || (b == 0x0B && !python) { i += 1; continue }
            if python {
                if b == UInt8(ascii: "#") {
                    while i < n && buf[i] != 0x0A && buf[i] != 0x0D { i += 1 }
                    continue
                }
                if b == UInt8(ascii: "\\"), i + 1 < n, buf[i + 1] == 0x0A || buf[i + 1] == 0x0D { i += 2; continue }
            } else if b == UInt8(ascii: "/"), i + 1 < n {
                if buf[i + 1] == UInt8(ascii: "/") {
                    while i < n && buf[i] != 0x0A && buf[i] != 0x0D { i += 1 }
                    continue
                }
                if buf[i + 1] == UInt8(ascii: "*") {
                    i += 2
                    while i + 1 < n && !(buf[i] == UInt8(ascii: "*") && buf[i + 1] == UInt8(ascii: "/")) { i += 1 }
                    i += 2
                    continue
                }
            }
            return i
        }
        return nil
    }

    /// Whether the byte `skipBlanks` stopped at leaves the next token
    /// unknown: in TS/JS and JSON a non-ASCII byte may be a Unicode space the
    /// lexer skips (or a name). In Python it is part of a name.
    @inline(__always)
    static func isUnclear(_ buf: UnsafeBufferPointer<UInt8>, _ at: Int, python: Bool) -> Bool {
        !python && buf[at] >= 0x80
    }

    /// The last byte at or before `from` that is no blank or line end: -1
    /// when there is none, -2 when a comment may end between (a line before
    /// holds `#` in Python, `/` otherwise; a `/` or `\` on this line) or the
    /// byte is not ASCII (a Unicode space to the TS/JS lexer, or part of a name).
    static func previousSignificant(_ buf: UnsafeBufferPointer<UInt8>, from: Int, python: Bool) -> Int {
        var i = from
        while i >= 0 {
            let b = buf[i]
            if b == 0x20 || b == 0x09 || b == 0x0B || b == 0x0C { i -= 1; continue }
            if b == 0x0A || b == 0x0D {
                // The line before: no comment may be on it.
                var j = i - 1
                while j >= 0 && buf[j] != 0x0A && buf[j] != 0x0D {
                    if buf[j] == (python ? UInt8(ascii: "#") : UInt8(ascii: "/")) { return -2 }
                    j -= 1
                }
                i -= 1
                continue
            }
            if b == UInt8(ascii: "/") || b == UInt8(ascii: "\\") || b >= 0x80 { return -2 }
            return i
        }
        return -1
    }

    /// Whether every one of `words` (names or numbers) occurs in `bytes` as
    /// a whole token could. A word that starts like a name or number must
    /// not continue one (see `continuesName`); after it, a name must not go
    /// on with an ASCII letter, digit or `_`, and a word of decimal digits not
    /// with a digit (a number ends before a letter: `60for` lexes as `60`,
    /// `for`; and other bases sooner: `0b160` as `0b1`, `60`). `hours` and
    /// `1600` hold no `hour` or `60` token; a word such as `.5` or `#x` has no
    /// boundary before it.
    static func containsAllTokens(_ bytes: [UInt8], _ words: [[UInt8]]) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            words.allSatisfy { word in
                guard let first = word.first, let last = word.last else { return true }
                let checksBefore = isIdentifierByte(first)
                let isName = isLetterOrUnderscore(first)
                let isDecimal = word.allSatisfy { $0 &- 0x30 < 10 }
                return occurs(word, in: buf) { start in
                    if checksBefore && continuesName(buf, before: start) { return false }
                    let end = start + word.count
                    guard end < buf.count else { return true }
                    let next = buf[end]
                    if isName { return !(isIdentifierByte(last) && isIdentifierByte(next)) }
                    return !(isDecimal && next &- 0x30 < 10)
                }
            }
        }
    }

    /// Whether the tokens of `run` (its first a name or number) occur one
    /// after the other, as tokens could: the first not continuing a name
    /// (`continuesName`), blanks, line ends and comments (per language,
    /// see `skipBlanks`) between, and no name going on with a letter, digit
    /// or `_` (nor a number of decimal digits with a digit) past its end.
    static func containsTokenRun(_ bytes: [UInt8], _ run: [[UInt8]], python: Bool) -> Bool {
        guard let first = run.first, !first.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { buf in
            let n = buf.count
            // Whether the token `word` ending at `end` surely goes on there.
            func goesOn(_ word: [UInt8], _ end: Int) -> Bool {
                guard end < n, let last = word.last else { return false }
                let next = buf[end]
                if isLetterOrUnderscore(word[0]) { return isIdentifierByte(last) && isIdentifierByte(next) }
                return word.allSatisfy { $0 &- 0x30 < 10 } && next &- 0x30 < 10
            }
            return occurs(first, in: buf) { start in
                if isIdentifierByte(first[0]) && continuesName(buf, before: start) { return false }
                var end = start + first.count
                if goesOn(first, end) { return false }
                for token in run.dropFirst() {
                    guard let at = skipBlanks(buf, from: end, python: python) else { return false }
                    if isUnclear(buf, at, python: python) { return true }
                    guard at + token.count <= n, buf[at..<(at + token.count)].elementsEqual(token) else { return false }
                    end = at + token.count
                    if goesOn(token, end) { return false }
                }
                return true
            }
        }
    }

    /// Whether what precedes `start` surely makes the bytes there the tail
    /// of a longer name: an ASCII letter or `_` right before, in a run of
    /// letters, digits and `_` with no digit (a digit may end a number the
    /// lexer splits off, as in `24now` or `0xnow`) and no `.` or non-ASCII
    /// byte before it (`1.e`, `é`). Anything else may be a boundary.
    static func continuesName(_ buf: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
        guard start > 0, isLetterOrUnderscore(buf[start - 1]) else { return false }
        var i = start - 1
        while i > 0 && isIdentifierByte(buf[i - 1]) {
            if buf[i - 1] &- 0x30 < 10 { return false }
            i -= 1
        }
        return !(i > 0 && (buf[i - 1] == UInt8(ascii: ".") || buf[i - 1] >= 0x80))
    }

    private static func isLetterOrUnderscore(_ b: UInt8) -> Bool {
        (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F
    }

    /// An ASCII byte that continues a name or number in Python and in TS/JS
    /// alike: letters, digits, `_` (not `$`: Python ends a name there).
    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
    }

    /// How common a byte is in source code: its place in a list of the
    /// commonest, most common last (0: not in the list, rarer than all).
    static func commonness(_ b: UInt8) -> Int {
        commonBytes.withUnsafeBufferPointer { list in
            for i in 0..<list.count where list[i] == b { return list.count - i }
            return 0
        }
    }

    /// Roughly the commonest bytes of Python and TS/JS source, commonest first.
    private static let commonBytes: [UInt8] = Array(" e\nta_sironlcd.u(p),m=:\"'hf0g1b2y-v/w>k<[x]3*j{q}z#45968+7".utf8)

    /// Whether `lowercased` (ASCII lowercase) occurs in `bytes` in any ASCII case.
    static func containsIgnoringCase(_ bytes: [UInt8], _ lowercased: [UInt8]) -> Bool {
        guard let first = lowercased.first else { return true }
        let m = lowercased.count
        return bytes.withUnsafeBufferPointer { buf in
            var i = 0
            let last = buf.count - m
            outer: while i <= last {
                if buf[i] | 0x20 == first || buf[i] == first {
                    var k = 1
                    while k < m {
                        let b = buf[i + k]
                        let folded = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                        if folded != lowercased[k] { i += 1; continue outer }
                        k += 1
                    }
                    return true
                }
                i += 1
            }
            return false
        }
    }

    /// Whether a digit, a colon and two digits occur together somewhere: the
    /// shape of every time `TimeOfDay.looksLikeTime` accepts (`9:00`, `24:00`).
    static func hasTimeShape(_ bytes: [UInt8]) -> Bool {
        anyColon(bytes) { buf, i in
            i >= 1 && i + 2 < buf.count && isDigit(buf[i - 1]) && isDigit(buf[i + 1]) && isDigit(buf[i + 2])
        }
    }

    /// Whether `test` holds at some colon of `bytes` (found with memchr).
    private static func anyColon(_ bytes: [UInt8], _ test: (UnsafeBufferPointer<UInt8>, Int) -> Bool) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return false }
            let n = buf.count
            var offset = 0
            while offset < n {
                guard let hit = memchr(base + offset, Int32(UInt8(ascii: ":")), n - offset) else { return false }
                let i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                offset = i + 1
                if test(buf, i) { return true }
            }
            return false
        }
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}
