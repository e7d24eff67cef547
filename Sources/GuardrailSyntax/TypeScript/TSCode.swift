// MARK: - TSCode

/// A TS/JS file's tokens, bytes and code view together, with the small byte
/// comparisons the structural scans (`TSCalls`, `TSObjectLiterals`,
/// `TSBindings`) share. Positions are view positions (comments skipped);
/// every accessor takes any integer and answers "no" out of range.
public struct TSCode: Sendable {
    /// The file's tokens, comments included.
    public let tokens: [Token]
    /// The file's bytes.
    public let bytes: [UInt8]
    /// The comment-free view with its bracket table.
    public let view: CodeView

    /// Wraps a file's tokens and an already built view of them.
    public init(tokens: [Token], bytes: [UInt8], view: CodeView) {
        self.tokens = tokens
        self.bytes = bytes
        self.view = view
    }

    /// Builds the view too.
    public init(tokens: [Token], bytes: [UInt8]) {
        self.init(tokens: tokens, bytes: bytes, view: CodeView(tokens: tokens, bytes: bytes))
    }

    /// Number of view positions.
    @inlinable public var count: Int { view.count }

    /// The token at a view position (which must be in range).
    @inlinable public func token(_ k: Int) -> Token { tokens[Int(view.indices[k])] }

    /// The token's kind, or nil out of range.
    @inlinable public func kind(_ k: Int) -> TokenKind? {
        k >= 0 && k < view.count ? tokens[Int(view.indices[k])].kind : nil
    }

    /// Whether position `k` is an operator spelled `literal`.
    @inlinable public func isOp(_ k: Int, _ literal: StaticString) -> Bool {
        kind(k) == .op && equals(token(k), literal)
    }

    /// Whether position `k` is a name (identifier or keyword) spelled `literal`.
    @inlinable public func isName(_ k: Int, _ literal: StaticString) -> Bool {
        kind(k) == .name && equals(token(k), literal)
    }

    /// Whether position `k` is a name spelled `name`.
    @inlinable public func isName(_ k: Int, _ name: [UInt8]) -> Bool {
        kind(k) == .name && equals(token(k), name)
    }

    /// `.` or `?.` at `k`.
    @inlinable public func isMemberDot(_ k: Int) -> Bool { isOp(k, ".") || isOp(k, "?.") }

    /// Whether the token's bytes are `literal` (no allocation).
    @inlinable public func equals(_ t: Token, _ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard t.length == n else { return false }
        let p = literal.utf8Start
        let s = Int(t.start)
        for i in 0..<n where bytes[s + i] != p[i] { return false }
        return true
    }

    /// Whether the token's bytes are `other` (no allocation).
    @inlinable public func equals(_ t: Token, _ other: [UInt8]) -> Bool {
        guard t.length == other.count else { return false }
        let s = Int(t.start)
        for i in 0..<other.count where bytes[s + i] != other[i] { return false }
        return true
    }

    /// Whether bytes `[start, end)` equal `other`.
    @inlinable public func bytesEqual(_ start: Int, _ end: Int, _ other: [UInt8]) -> Bool {
        guard end - start == other.count, start >= 0, end <= bytes.count else { return false }
        for i in 0..<other.count where bytes[start + i] != other[i] { return false }
        return true
    }

    /// The closer of the group opened at `k`, or nil (not an opener, or unclosed).
    @inlinable public func closer(_ k: Int) -> Int? {
        guard k >= 0 && k < view.count && view.roles[k] == .open else { return nil }
        return view.partner(k)
    }

    /// The position after the item at `k`: a whole group when `k` opens one.
    @inlinable public func skipItem(_ k: Int) -> Int {
        if let close = closer(k) { return close + 1 }
        return k + 1
    }

    /// The contents of a quoted string token (`'…'`, `"…"`, or a template
    /// literal without substitutions) as a byte range, or nil for other
    /// tokens and for strings with escapes (their value is not their bytes).
    public func plainStringContents(_ k: Int) -> Range<Int>? {
        guard kind(k) == .string else { return nil }
        let t = token(k)
        let s = Int(t.start), e = Int(t.end)
        guard e - s >= 2 else { return nil }
        let q = bytes[s]
        guard q == 0x22 || q == 0x27 || q == 0x60, bytes[e - 1] == q else { return nil }
        for i in (s + 1)..<(e - 1) where bytes[i] == 0x5C { return nil }
        return (s + 1)..<(e - 1)
    }

    /// The text of position `k` (diagnostics and tests only; allocates).
    public func text(_ k: Int) -> String {
        let t = token(k)
        return String(decoding: bytes[Int(t.start)..<Int(t.end)], as: UTF8.self)
    }
}
