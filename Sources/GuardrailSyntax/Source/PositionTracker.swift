// MARK: - PositionTracker

/// Turns byte offsets into 1-based line and code-point column, walking forward
/// only. Lexers call `advance(to:)` with each token's start in increasing
/// order, so the whole file is walked once. Line terminators are `\n`, `\r\n`
/// and a lone `\r`.
public struct PositionTracker {
    public var offset: Int = 0
    public var line: Int = 1
    public var column: Int = 1

    @inlinable public init() {}

    /// Moves to `target` (which must not be behind the current offset).
    @inlinable
    public mutating func advance(to target: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        var i = offset
        var line = self.line
        var column = self.column
        let raw = UnsafeRawPointer(bytes.baseAddress)
        while i < target {
            // Eight printable ASCII bytes (0x0E…0x7F) at a time: no line
            // break, one column each.
            if i &+ 8 <= target, let raw {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if ((w &- 0x0E0E_0E0E_0E0E_0E0E) | w) & 0x8080_8080_8080_8080 == 0 {
                    column &+= 8
                    i &+= 8
                    continue
                }
            }
            let b = bytes[i]
            // Printable ASCII first: one compare pair for most bytes.
            if b > 0x0D && b < 0x80 {
                column &+= 1
            } else if b == 0x0A {
                line &+= 1; column = 1
            } else if b == 0x0D {
                // CRLF counts once: the LF that follows does the line break.
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A {
                    // nothing; the \n does it
                } else {
                    line &+= 1; column = 1
                }
            } else if b & 0xC0 != 0x80 {
                column &+= 1
            }
            i &+= 1
        }
        self.offset = i
        self.line = line
        self.column = column
    }
}
