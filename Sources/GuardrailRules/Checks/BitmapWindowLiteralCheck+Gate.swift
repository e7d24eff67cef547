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
    /// valid aligned start, a keyed end no valid aligned end, or the latest
    /// keyed start is not before the earliest keyed end — whichever start
    /// and end a window of the file pairs, then, the window is valid.
    func mayHit(_ bytes: [UInt8], python: Bool, _ geometry: BitmapGeometry) -> Bool {
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return false }
            let n = buf.count
            var latestStart = -1, earliestEnd = Int.max
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
                if role.start {
                    guard case .success(let m) = TimeOfDay.minutes(Self.text(buf, time), as: .start),
                          m % geometry.minutesPerSlot == 0 else { return true }
                    latestStart = max(latestStart, m)
                }
                if role.end {
                    guard case .success(let m) = TimeOfDay.minutes(Self.text(buf, time), as: .end),
                          m % geometry.minutesPerSlot == 0 else { return true }
                    earliestEnd = min(earliestEnd, m)
                }
                if latestStart >= earliestEnd { return true }
            }
            return false
        }
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
