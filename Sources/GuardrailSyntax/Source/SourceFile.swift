// MARK: - SourceFile

/// A file's bytes with the facts every layer needs: language and a lazily
/// built line index (only files with findings ever build one).
public struct SourceFile: Sendable {
    /// Path relative to the project root, with `/`.
    public let path: String
    /// The file's bytes, exactly as read.
    public let bytes: [UInt8]
    public let language: Language

    public init(path: String, bytes: [UInt8], language: Language) {
        self.path = path
        self.bytes = bytes
        self.language = language
    }

    /// The text of bytes `[start, end)` decoded as UTF-8 (invalid bytes replaced).
    public func text(_ start: Int, _ end: Int) -> String {
        let s = max(0, min(start, bytes.count)), e = max(s, min(end, bytes.count))
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    /// The text of a token.
    public func text(of token: Token) -> String { text(Int(token.start), Int(token.end)) }

    /// Whether the token's bytes equal `literal` (no allocation).
    @inlinable
    public func tokenEquals(_ token: Token, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard token.length == n else { return false }
        let p = literal.utf8Start
        let s = Int(token.start)
        for i in 0..<n where bytes[s + i] != p[i] { return false }
        return true
    }

    /// Whether the token's bytes equal the given bytes (no allocation).
    @inlinable
    public func tokenEquals(_ token: Token, _ other: [UInt8]) -> Bool {
        guard token.length == other.count else { return false }
        let s = Int(token.start)
        for i in 0..<other.count where bytes[s + i] != other[i] { return false }
        return true
    }
}

// MARK: - LineIndex

/// Byte offsets of line starts, for turning an offset into line and column and
/// for quoting a source line. Built on demand.
public struct LineIndex: Sendable {
    /// Offsets where each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]
    private let count: Int

    public init(_ bytes: [UInt8]) {
        var starts = [0]
        let n = bytes.count
        starts.reserveCapacity(n / 32 + 1)
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i < n {
                // Eight bytes at a time while none is at or below `\r`
                // (the line terminators are; most bytes are far above).
                if i &+ 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
                    // Bit 7 of a byte is set when it is below 0x0E (or,
                    // above such a byte, by a borrow): the lowest is real.
                    let low = (w &- 0x0E0E_0E0E_0E0E_0E0E) & ~w & 0x8080_8080_8080_8080
                    if low == 0 {
                        i &+= 8
                        continue
                    }
                    i &+= low.trailingZeroBitCount &>> 3
                }
                let b = buf[i]
                if b > 0x0D {
                    i += 1
                    continue
                }
                if b == 0x0A {
                    starts.append(i + 1)
                } else if b == 0x0D {
                    if i + 1 < n && buf[i + 1] == 0x0A { i += 1 }
                    starts.append(i + 1)
                }
                i += 1
            }
        }
        self.lineStarts = starts
        self.count = n
    }

    /// 1-based line of a byte offset.
    public func line(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// 1-based line and code-point column of a byte offset.
    public func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let line = line(of: offset)
        var col = 1
        var i = lineStarts[line - 1]
        // A UTF-8 byte-order mark is not a character an editor shows.
        if i == 0 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF && offset >= 3 { i = 3 }
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return (line, col)
    }

    /// The bytes range of a 1-based line, without its terminator.
    public func lineRange(_ line: Int, in bytes: [UInt8]) -> Range<Int> {
        guard line >= 1 && line <= lineStarts.count else { return 0..<0 }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        return start..<end
    }
}
