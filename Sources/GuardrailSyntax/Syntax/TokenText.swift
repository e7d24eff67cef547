// MARK: - Token text helpers

/// Byte comparisons of token text without building strings.
public enum TokenText {
    /// Whether the token's bytes equal `literal`. Always inlined: callers
    /// test many tokens against keywords, and most differ in length, which
    /// is then one compare with a constant.
    @inlinable @inline(__always)
    public static func equals(_ token: Token, _ literal: StaticString, _ bytes: [UInt8]) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard token.length == n else { return false }
        let p = literal.utf8Start
        let s = Int(token.start)
        var i = 0
        while i < n {
            if bytes[s + i] != p[i] { return false }
            i += 1
        }
        return true
    }

    /// Whether the token is the one-byte operator `c`.
    @inlinable
    public static func isOp(_ token: Token, _ c: UInt8, _ bytes: [UInt8]) -> Bool {
        token.kind == .op && token.length == 1 && bytes[Int(token.start)] == c
    }

    /// Whether `later` starts on a later line than `earlier` does: a line
    /// terminator (`\n`, or `\r`, alone or before `\n`) lies between
    /// their starts. O(distance): for the few places that ask.
    public static func onLaterLine(_ later: Token, than earlier: Token, _ bytes: [UInt8]) -> Bool {
        var i = max(0, Int(earlier.start))
        let end = min(Int(later.start), bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D { return true }
            i += 1
        }
        return false
    }

    /// Whether the token is the first thing on its line (column 1; a
    /// byte-order mark before it is no column).
    public static func startsLine(_ token: Token, _ bytes: [UInt8]) -> Bool {
        indent(of: token, bytes) == 0
    }

    /// How many bytes precede the token on its line (a byte-order mark on
    /// line 1 not counted): the token's column less one when they are ASCII
    /// — as indentation always is, the only use that needs a number.
    public static func indent(of token: Token, _ bytes: [UInt8]) -> Int {
        let start = min(max(0, Int(token.start)), bytes.count)
        var i = start
        while i > 0 {
            let b = bytes[i - 1]
            if b == 0x0A || b == 0x0D { break }
            i -= 1
        }
        if i == 0 && start >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { i = 3 }
        return start - i
    }

    /// The token's text (allocates: for rare, non-hot uses).
    public static func string(_ token: Token, _ bytes: [UInt8]) -> String {
        String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
    }

    /// Matching closer for every opener among `( [ {` (and the reverse is not
    /// recorded); -1 where unmatched. One pass, an explicit stack, so deep
    /// nesting costs no call stack.
    public static func matchBrackets(_ tokens: [Token], _ bytes: [UInt8]) -> [Int32] {
        var match = [Int32](repeating: -1, count: tokens.count)
        // The open brackets, innermost last: a stack in a buffer that can
        // hold every token, so a push is a store (no uniqueness check or
        // growth per bracket).
        let stack = UnsafeMutablePointer<Int>.allocate(capacity: tokens.count + 1)
        defer { stack.deallocate() }
        var depth = 0
        for i in tokens.indices where tokens[i].kind == .op && tokens[i].length == 1 {
            let b = bytes[Int(tokens[i].start)]
            switch b {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                stack[depth] = i
                depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                let want: UInt8 = b == UInt8(ascii: ")") ? UInt8(ascii: "(") : (b == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{"))
                // A closer matches the innermost opener of its kind; a stray
                // closer is ignored (constant work, whatever the nesting).
                if depth > 0, bytes[Int(tokens[stack[depth - 1]].start)] == want {
                    match[stack[depth - 1]] = Int32(i)
                    depth -= 1
                }
            default:
                break
            }
        }
        return match
    }
}
