// MARK: - PositionTracker

/// Turns byte offsets into 1-based line and code-point column, walking forward
/// only. Callers (the engine placing a file's findings, `TokenPositions`)
/// call `advance(to:)` with offsets in increasing order, so the file is
/// walked once. Line terminators are `\n`, `\r\n` and a lone `\r`.
///
/// The walk looks at eight bytes per step and stops only at the bytes that
/// matter: line terminators, other control bytes below 0x0E, and non-ASCII
/// bytes. Everything else is one column each, so the column is derived from
/// where the line started instead of being counted byte by byte: a typical
/// token costs one word load and one mask.
public struct PositionTracker {
    /// How far the walk has gone.
    public private(set) var offset: Int
    /// The 1-based line at `offset`.
    public private(set) var line: Int = 1
    /// Where the line of `offset` starts.
    private var lineStart: Int
    /// Bytes between `lineStart` and `offset` that are no column of their
    /// own: UTF-8 continuation bytes, and a `\r` that a `\n` follows.
    private var uncounted: Int = 0

    /// A tracker at line 1, column 1, at byte `start` (3 skips a
    /// byte-order mark, which is not a character an editor shows).
    public init(start: Int = 0) {
        offset = start
        lineStart = start
    }

    /// The 1-based code-point column at `offset`.
    public var column: Int { offset &- lineStart &- uncounted &+ 1 }

    /// Moves to `target` (which must not be behind the current offset).
    /// The common step, at most sixteen plain bytes ahead, is inlined into
    /// the caller; anything else takes the loop.
    @inline(__always)
    public mutating func advance(to target: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        let i = offset
        let distance = UInt(bitPattern: target &- i)
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            if distance <= 8, i &+ 8 <= bytes.count {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
                let keep = distance == 8 ? ~UInt64(0) : (1 &<< UInt64(distance &* 8)) &- 1
                if Self.special(w) & keep == 0 {
                    offset = target
                    return
                }
            } else if distance > 8 && distance <= 16 {
                // Two words that together cover exactly [i, target): the
                // second ends at `target`, which is within the buffer.
                let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
                let b = raw.loadUnaligned(fromByteOffset: target &- 8, as: UInt64.self).littleEndian
                if Self.special(a) | Self.special(b) == 0 {
                    offset = target
                    return
                }
            }
        }
        walk(to: target, in: bytes)
    }

    /// Bit 7 of each byte of the result set where that byte of `w` is
    /// below 0x0E or above 0x7F — or, past a flagged byte, spuriously (a
    /// borrow): zero means no byte is either.
    @inline(__always) static func special(_ w: UInt64) -> UInt64 {
        ((w &- 0x0E0E_0E0E_0E0E_0E0E) | w) & 0x8080_8080_8080_8080
    }

    /// `advance(to:in:)` over any distance and any bytes.
    @inline(never)
    private mutating func walk(to target: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        var i = offset
        guard i < target, let base = bytes.baseAddress else { return }
        let n = bytes.count
        let raw = UnsafeRawPointer(base)
        var line = self.line
        var lineStart = self.lineStart
        var uncounted = self.uncounted
        while i < target {
            if i &+ 8 <= n {
                // Bit 7 of a byte of `special` is set for every byte below
                // 0x0E or above 0x7F. A borrow can flag a byte above a
                // flagged one, never below it, so the lowest flag is real.
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
                var special = ((w &- 0x0E0E_0E0E_0E0E_0E0E) | w) & 0x8080_8080_8080_8080
                let distance = target &- i
                if distance < 8 { special &= (1 &<< UInt64(distance &* 8)) &- 1 }
                if special == 0 {
                    i &+= min(distance, 8)
                    continue
                }
                i &+= special.trailingZeroBitCount &>> 3
            }
            let b = base[i]
            if b == 0x0A {
                line &+= 1; lineStart = i &+ 1; uncounted = 0
            } else if b == 0x0D {
                // CRLF counts once: the LF that follows does the line break.
                if i &+ 1 < n && base[i &+ 1] == 0x0A {
                    uncounted &+= 1
                } else {
                    line &+= 1; lineStart = i &+ 1; uncounted = 0
                }
            } else if b & 0xC0 == 0x80 {
                uncounted &+= 1
            }
            i &+= 1
        }
        self.offset = i
        self.line = line
        self.lineStart = lineStart
        self.uncounted = uncounted
    }
}

// MARK: - TokenPositions

/// The 1-based line and code-point column of each token's first byte (a
/// byte-order mark is no column), in one forward walk. Tokens carry no
/// positions (see `Token`): this is for the tests, the fuzz targets and the
/// rare scan that thinks in lines (C `#include` directives).
public enum TokenPositions {
    /// The line and column of each of `tokens` (in order, as a lexer made
    /// them) in `bytes`.
    public static func of(_ tokens: [Token], in bytes: [UInt8]) -> [(line: Int, column: Int)] {
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        var out: [(line: Int, column: Int)] = []
        out.reserveCapacity(tokens.count)
        bytes.withUnsafeBufferPointer { buf in
            var tracker = PositionTracker()
            for token in tokens {
                let start = min(max(0, Int(token.start)), buf.count)
                // Lexers emit tokens in order; anything else starts over.
                if start < tracker.offset { tracker = PositionTracker() }
                tracker.advance(to: start, in: buf)
                let column = bom && tracker.line == 1 ? max(1, tracker.column - 1) : tracker.column
                out.append((tracker.line, column))
            }
        }
        return out
    }

    /// Just the lines of `of(_:in:)`.
    public static func lines(_ tokens: [Token], in bytes: [UInt8]) -> [Int] {
        of(tokens, in: bytes).map(\.line)
    }
}
