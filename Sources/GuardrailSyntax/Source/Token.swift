// MARK: - Token

/// What a token is, as far as the rules care: code, comment or string, and a
/// little more. Keywords are `.name` tokens; the syntax layer tells them apart.
public enum TokenKind: UInt8, Sendable {
    /// An identifier or keyword.
    case name
    /// A numeric literal (any base, separators, suffixes).
    case number
    /// A complete string literal, prefix and quotes included.
    case string
    /// A literal piece of an f-string or template literal, delimiters included:
    /// `f"a{` / `}b"` in Python, `` `a${ `` / `` }b` `` in TS/JS. The tokens
    /// between two pieces are the code of the replacement field.
    case stringPart
    /// An operator or punctuation, possibly several bytes (`**=`, `?.`, `=>`).
    case op
    /// A comment of any form, delimiters included.
    case comment
    /// Python: the end of a logical line (not emitted inside brackets or for
    /// blank / comment-only lines). TS/JS: not emitted.
    case newline
    /// TS/JS: a regular expression literal, flags included.
    case regex
    /// TS/JS: JSX text between tags.
    case jsxText
    /// A byte sequence that starts no token of the language; the lexer
    /// consumes at least one byte and goes on.
    case invalid

    /// Whether the token is program text a rule may match as code.
    @inlinable public var isCode: Bool {
        switch self {
        case .name, .number, .op, .regex, .invalid: return true
        case .string, .stringPart, .comment, .newline, .jsxText: return false
        }
    }

    /// Whether the token carries string contents (a literal or a piece of one).
    @inlinable public var isStringLike: Bool { self == .string || self == .stringPart }
}

/// One token: kind and byte range `[start, end)`. 12 bytes, no heap.
///
/// Tokens carry no line or column: most files' tokens never need one, and
/// walking the bytes for them was a tenth of a run. A finding's position is
/// worked out from its byte offsets when it is reported; `TokenPositions`
/// computes them for a whole token stream when something (a test, the fuzz
/// targets) wants them, and `TokenText` answers the few line questions.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var start: Int32
    public var end: Int32

    @inlinable
    public init(kind: TokenKind, start: Int, end: Int) {
        self.kind = kind
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
    }

    /// Byte length of the token.
    @inlinable public var length: Int { Int(end - start) }
}
