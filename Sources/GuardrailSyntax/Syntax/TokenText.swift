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

    /// The token's text (allocates: for rare, non-hot uses).
    public static func string(_ token: Token, _ bytes: [UInt8]) -> String {
        String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self)
    }

    /// Matching closer for every opener among `( [ {` (and the reverse is not
    /// recorded); -1 where unmatched. One pass, an explicit stack, so deep
    /// nesting costs no call stack.
    public static func matchBrackets(_ tokens: [Token], _ bytes: [UInt8]) -> [Int32] {
        var match = [Int32](repeating: -1, count: tokens.count)
        var stack: [Int] = []
        for i in tokens.indices where tokens[i].kind == .op && tokens[i].length == 1 {
            let b = bytes[Int(tokens[i].start)]
            switch b {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                stack.append(i)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                let want: UInt8 = b == UInt8(ascii: ")") ? UInt8(ascii: "(") : (b == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{"))
                // A closer matches the innermost opener of its kind; a stray
                // closer is ignored (constant work, whatever the nesting).
                if let top = stack.last, bytes[Int(tokens[top].start)] == want {
                    match[top] = Int32(i)
                    stack.removeLast()
                }
            default:
                break
            }
        }
        return match
    }
}
