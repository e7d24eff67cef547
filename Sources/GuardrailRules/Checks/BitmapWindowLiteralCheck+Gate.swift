import GuardrailDomain

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - BitmapWindowLiteralCheck's byte gate

extension BitmapWindowLiteralCheck {
    /// Whether the code file `bytes` may hold an invalid literal window, from
    /// its bytes alone; never false where `scanCode` reports one. Most files
    /// with times hold only valid windows (test data, defaults): they are not
    /// tokenized.
    ///
    /// Every time-shaped string literal (a quote, `H:MM`, `HH:MM` or
    /// `HH:MM:SS`, the same quote) is looked at in two ways:
    /// - as the first of a pair: a `,` and another such string follow (past
    ///   blanks and comments), and the two are no valid window;
    /// - as a keyed value: a `:` or `=` precedes it (past blanks and a Python
    ///   prefix) with a start key (or an end key) right before that. When
    ///   what precedes is unclear (a comment may end there, a non-ASCII
    ///   byte), the file may have a hit.
    /// The file may have a hit if a pair is invalid, a keyed start is no
    /// valid aligned start, or a keyed end no valid aligned end. Then keyed
    /// values are matched: a start and an end next to each other (see
    /// `sameObject`), each surely a keyed value to `scanCode` if the other is
    /// (see `surelyKeyed`), are one window, whose start must be before its end.
    /// Any other keyed start must be before every keyed end, and any other
    /// keyed end after every keyed start — whichever start and end a window
    /// of the file pairs, then, the window is valid. (The window of an
    /// object is its last start and last end; if both were matched, they
    /// were matched with each other, or one of them would not be the last.)
    func mayHit(_ bytes: [UInt8], python: Bool, json: Bool = false, _ geometry: BitmapGeometry) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return false }
            let n = buf.count
            var keyed: [KeyedTime] = []
            var offset = 0
            while offset < n {
                guard let hit = memchr(base + offset, Int32(UInt8(ascii: ":")), n - offset) else { break }
                let colon = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                offset = colon + 1
                guard let time = timeLiteral(buf, colon: colon) else { continue }
                // A pair with this one first.
                if let comma = BytePrefilter.skipBlanks(buf, from: time.upperBound + 1, python: python) {
                    if BytePrefilter.isUnclear(buf, comma, python: python) { return true }
                    if buf[comma] == UInt8(ascii: ","), var next = BytePrefilter.skipBlanks(buf, from: comma + 1, python: python) {
                        if BytePrefilter.isUnclear(buf, next, python: python) { return true }
                        if python { next = Self.skipPrefix(buf, from: next) }
                        if next + 1 < n, let second = timeLiteral(buf, open: next),
                           case .failure = Window.parse(Self.text(buf, time), Self.text(buf, second), geometry: geometry) {
                            return true
                        }
                    }
                }
                // A keyed start or end; what precedes it unclear: maybe either.
                guard let role = keyedRole(buf, open: time.lowerBound - 1, python: python) else { return true }
                guard role.start || role.end else { continue }
                var value = KeyedTime(open: time.lowerBound - 1, start: nil, end: nil, matched: false)
                if role.start {
                    guard case .success(let m) = TimeOfDay.minutes(Self.text(buf, time), as: .start),
                          m % geometry.minutesPerSlot == 0 else { return true }
                    value.start = m
                }
                if role.end {
                    guard case .success(let m) = TimeOfDay.minutes(Self.text(buf, time), as: .end),
                          m % geometry.minutesPerSlot == 0 else { return true }
                    value.end = m
                }
                // Next to the one before, of the other role, both surely
                // keyed values to `scanCode` when code: one window.
                if let last = keyed.last, !last.matched, let role = surelyKeyed(buf, last.open, python: python, json: json),
                   let other = surelyKeyed(buf, value.open, python: python, json: json),
                   role.start != other.start, role.separator == other.separator,
                   closesEntry(buf, value.open, separator: other.separator),
                   sameObject(buf, last.open, value.open, python: python) {
                    // The minutes of the roles `surelyKeyed` found (a key
                    // may end in a start key and be an end key).
                    guard let start = role.start ? last.start : value.start, let end = role.start ? value.end : last.end,
                          start < end else { return true }
                    keyed[keyed.count - 1].matched = true
                    value.matched = true
                }
                keyed.append(value)
            }
            // The others against all.
            var latestStart = -1, earliestEnd = Int.max, latestOtherStart = -1, earliestOtherEnd = Int.max
            for value in keyed {
                if let m = value.start {
                    latestStart = max(latestStart, m)
                    if !value.matched { latestOtherStart = max(latestOtherStart, m) }
                }
                if let m = value.end {
                    earliestEnd = min(earliestEnd, m)
                    if !value.matched { earliestOtherEnd = min(earliestOtherEnd, m) }
                }
            }
            return latestOtherStart >= earliestEnd || latestStart >= earliestOtherEnd
        }
    }

    /// The role of the time literal quoted at `open` (true: start) and the
    /// byte between key and value, when `scanCode` surely counts it as a
    /// keyed value wherever it counts its neighbour of the same separator
    /// in the same brackets as one: a plain string (no prefix) after `key:`
    /// — a quoted key, or in TS/JS a name — or after `name=` in Python, the
    /// key exactly one start or end key (not a longer name ending in one).
    /// Whether the brackets are an object or a call is the same for both.
    /// Key, separator and value stand on one line, so `sameObject`'s look
    /// at the line covers the key too.
    private func surelyKeyed(_ buf: UnsafeBufferPointer<UInt8>, _ open: Int, python: Bool, json: Bool)
        -> (start: Bool, separator: UInt8)? {
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
        guard buf[open] == 0x22 || buf[open] == 0x27, !(open > 0 && Self.isNameByte(buf[open - 1])) else { return nil }
        var i = open - 1
        while i >= 0 && blank(buf[i]) { i -= 1 }
        guard i >= 1 else { return nil }
        let separator = buf[i]
        // `=` alone: not `==`, `<=`, `:=`, `+=` ….
        guard separator == UInt8(ascii: ":") || (python && separator == UInt8(ascii: "=")
            && !"=!<>:+-*/%&|^@~".utf8.contains(buf[i - 1])) else { return nil }
        i -= 1
        while i >= 0 && blank(buf[i]) { i -= 1 }
        guard i >= 0 else { return nil }
        var keyStart = i, keyEnd = i + 1
        if buf[i] == 0x22 || buf[i] == 0x27 {
            guard separator == UInt8(ascii: ":") else { return nil }
            var j = i - 1
            while j >= 0 && Self.isNameByte(buf[j]) { j -= 1 }
            guard j >= 0, buf[j] == buf[i], !(j > 0 && Self.isNameByte(buf[j - 1])) else { return nil }
            keyStart = j + 1
            keyEnd = i
        } else {
            // A name: a Python keyword argument, or a TS/JS object key.
            guard Self.isNameByte(buf[i]), python ? separator == UInt8(ascii: "=") : !json else { return nil }
            while keyStart > 0 && Self.isNameByte(buf[keyStart - 1]) { keyStart -= 1 }
            guard !(keyStart > 0 && (buf[keyStart - 1] == UInt8(ascii: ".") || buf[keyStart - 1] >= 0x80)) else { return nil }
        }
        let key = UnsafeBufferPointer(rebasing: buf[keyStart..<keyEnd])
        let start = startKeys.contains { key.elementsEqual($0) }
        guard start != endKeys.contains(where: { key.elementsEqual($0) }) else { return nil }
        return (start, separator)
    }

    /// Whether the literal quoted at `open` ends its entry as `scanCode`
    /// wants: `,` next, or the closer of the brackets its separator belongs
    /// in (`}` after `:`, `)` after `=`).
    private func closesEntry(_ buf: UnsafeBufferPointer<UInt8>, _ open: Int, separator: UInt8) -> Bool {
        guard let close = timeLiteral(buf, open: open)?.upperBound else { return false }
        var i = close + 1
        while i < buf.count && (buf[i] == 0x20 || buf[i] == 0x09 || buf[i] == 0x0A || buf[i] == 0x0D) { i += 1 }
        guard i < buf.count else { return false }
        return buf[i] == UInt8(ascii: ",") || buf[i] == (separator == UInt8(ascii: ":") ? UInt8(ascii: "}") : UInt8(ascii: ")"))
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        let l = b | 0x20
        return (l >= 0x61 && l <= 0x7A) || isDigit(b) || b == 0x5F || b == 0x24
    }

    /// A keyed time: where its quote is, its minutes as a start and as an
    /// end (nil: not that role's value), and whether it was matched with its
    /// neighbour as one window.
    private struct KeyedTime {
        var open: Int
        var start: Int?
        var end: Int?
        var matched: Bool
    }

    /// Whether the time literals quoted at `first` and `second` (keyed,
    /// `first` earlier) are values of one object or call when both are code
    /// at all — and both are code, or neither is. Between them only
    /// `, key: ` (or `key=`): blanks, a comma, a name or a quoted name, a
    /// colon or `=`, blanks (line breaks allowed), after any number of other
    /// keyed plain values (`, key: 60`, `, key: 'x'`), so no bracket lies
    /// between (one parent) and nothing there can end a comment or string.
    /// And the line of `first` holds, before it, no comment, no `/` (a
    /// regex), no backslash or backtick, and quotes only around whole plain
    /// strings, after a line that does not end in a backslash: so `first` is not in a
    /// comment or string begun on its line, and whatever began before its
    /// line (a block comment, a triple-quoted or template string, JSX text)
    /// holds `second` too.
    private func sameObject(_ buf: UnsafeBufferPointer<UInt8>, _ first: Int, _ second: Int, python: Bool) -> Bool {
        let n = buf.count
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        func isName(_ b: UInt8) -> Bool { Self.isNameByte(b) }
        /// Past a name or a quoted name (non-empty) at `i`, or nil.
        func name(_ i: Int) -> Int? {
            guard i < n else { return nil }
            let q = buf[i]
            if q == 0x22 || q == 0x27 {
                var j = i + 1
                while j < n && isName(buf[j]) { j += 1 }
                return j > i + 1 && j < n && buf[j] == q ? j + 1 : nil
            }
            var j = i
            while j < n && isName(buf[j]) { j += 1 }
            return j > i ? j : nil
        }
        /// Past a plain value at `i` (a number, a dotted name, or a string of
        /// bytes that cannot end or begin anything: no escape, line break,
        /// comment, template or JSX byte), or nil.
        func plainValue(_ i: Int) -> Int? {
            guard i < n else { return nil }
            let q = buf[i]
            if q == 0x22 || q == 0x27 {
                var j = i + 1
                while j < n && buf[j] != q {
                    switch buf[j] {
                    case 0x0A, 0x0D, 0x22, 0x27, 0x60, UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "*"),
                         UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "{"),
                         UInt8(ascii: "}"):
                        return nil
                    default:
                        j += 1
                    }
                }
                return j < n ? j + 1 : nil
            }
            var j = i
            if buf[j] == UInt8(ascii: "-") { j += 1 }
            while j < n && (isName(buf[j]) || buf[j] == UInt8(ascii: ".")) { j += 1 }
            return j > i ? j : nil
        }
        // `first`'s closing quote, then `, key: ` — or other plain keyed
        // values first: `, key: 60, key: 'x', key: `.
        guard let close = timeLiteral(buf, open: first)?.upperBound else { return false }
        var i = close + 1
        while true {
            while i < n && isBlank(buf[i]) { i += 1 }
            guard i < n, buf[i] == UInt8(ascii: ",") else { return false }
            i += 1
            while i < n && isBlank(buf[i]) { i += 1 }
            guard let afterKey = name(i) else { return false }
            i = afterKey
            while i < n && isBlank(buf[i]) { i += 1 }
            guard i < n, buf[i] == UInt8(ascii: ":") || buf[i] == UInt8(ascii: "=") else { return false }
            i += 1
            while i < n && isBlank(buf[i]) { i += 1 }
            if (python ? Self.skipPrefix(buf, from: i) : i) == second { break }
            guard let afterValue = plainValue(i) else { return false }
            i = afterValue
        }
        // `first`'s line before it, and the line before that.
        var lineStart = first
        if python { while lineStart > 0 && Self.isPrefixLetter(buf[lineStart - 1]) { lineStart -= 1 } }
        let tokenStart = lineStart
        while lineStart > 0 && buf[lineStart - 1] != 0x0A { lineStart -= 1 }
        if lineStart > 0 {
            var j = lineStart - 2
            if j >= 0 && buf[j] == 0x0D { j -= 1 }
            if j >= 0 && buf[j] == UInt8(ascii: "\\") { return false }
        }
        var j = lineStart
        while j < tokenStart {
            let b = buf[j]
            if b == 0x22 || b == 0x27 {
                // A whole plain string: no prefix letter or quote before it,
                // no quote right after (`""` + `"` would open a triple),
                // no backslash inside.
                if j > lineStart, isName(buf[j - 1]) || buf[j - 1] == 0x22 || buf[j - 1] == 0x27 { return false }
                var k = j + 1
                while k < tokenStart && buf[k] != b && buf[k] != UInt8(ascii: "\\") && buf[k] != 0x0D { k += 1 }
                guard k > j + 1, k + 1 < tokenStart, buf[k] == b, buf[k + 1] != 0x22, buf[k + 1] != 0x27 else { return false }
                j = k + 1
                continue
            }
            if b == UInt8(ascii: "#") || b == UInt8(ascii: "/") || b == UInt8(ascii: "\\") || b == 0x60 { return false }
            j += 1
        }
        return true
    }

    /// The contents of the time-shaped literal whose first colon is at
    /// `colon`: one or two digits and a quote before it, two digits after,
    /// optionally `:` and two more, then the same quote.
    private func timeLiteral(_ buf: UnsafeBufferPointer<UInt8>, colon: Int) -> Range<Int>? {
        guard colon >= 2, Self.isDigit(buf[colon - 1]) else { return nil }
        let open = Self.isDigit(buf[colon - 2]) ? colon - 3 : colon - 2
        guard open >= 0 else { return nil }
        return timeLiteral(buf, open: open)
    }

    /// The contents of the time-shaped literal opening with the quote at `open`.
    private func timeLiteral(_ buf: UnsafeBufferPointer<UInt8>, open: Int) -> Range<Int>? {
        let n = buf.count
        let q = buf[open]
        guard q == 0x22 || q == 0x27 || q == 0x60 else { return nil }
        var i = open + 1
        var digits = 0
        while i < n && Self.isDigit(buf[i]) && digits < 3 { i += 1; digits += 1 }
        guard digits == 1 || digits == 2 else { return nil }
        for _ in 0..<2 {
            guard i + 2 < n, buf[i] == UInt8(ascii: ":"), Self.isDigit(buf[i + 1]), Self.isDigit(buf[i + 2]) else { break }
            i += 3
        }
        guard i > open + 1 + digits, i < n, buf[i] == q else { return nil }
        return (open + 1)..<i
    }

    /// Whether the literal opening at `open` may be a start key's value, an
    /// end key's value; nil when what precedes it is unclear.
    private func keyedRole(_ buf: UnsafeBufferPointer<UInt8>, open: Int, python: Bool) -> (start: Bool, end: Bool)? {
        var i = open - 1
        if python { while i >= 0 && Self.isPrefixLetter(buf[i]) { i -= 1 } }
        i = BytePrefilter.previousSignificant(buf, from: i, python: python)
        if i == -2 { return nil }
        guard i >= 0, buf[i] == UInt8(ascii: ":") || buf[i] == UInt8(ascii: "=") else { return (false, false) }
        i = BytePrefilter.previousSignificant(buf, from: i - 1, python: python)
        if i == -2 { return nil }
        guard i >= 0 else { return (false, false) }
        // The key ends at `i` (a name) or at the quote there (a string): its
        // bytes end with a key (a longer name ending in one counts too).
        let end = buf[i] == 0x22 || buf[i] == 0x27 || buf[i] == 0x60 ? i : i + 1
        func endsWith(_ key: [UInt8]) -> Bool {
            key.count <= end && buf[(end - key.count)..<end].elementsEqual(key)
        }
        return (startKeys.contains(where: endsWith), endKeys.contains(where: endsWith))
    }

    /// Past a Python string prefix's letters (`r`, `u`, `f`, `b`).
    static func skipPrefix(_ buf: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var i = from
        while i < buf.count && isPrefixLetter(buf[i]) { i += 1 }
        return i
    }

    private static func isPrefixLetter(_ b: UInt8) -> Bool {
        let l = b | 0x20
        return l == UInt8(ascii: "r") || l == UInt8(ascii: "u") || l == UInt8(ascii: "f") || l == UInt8(ascii: "b")
    }

    private static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    private static func text(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buf[range]), as: UTF8.self)
    }
}
