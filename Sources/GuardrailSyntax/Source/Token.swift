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

/// One token: kind, byte range `[start, end)`, and the 1-based line and
/// column (in Unicode code points) of its first byte. 16 bytes, no heap.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var start: Int32
    public var end: Int32
    public var line: Int32
    public var column: Int32

    @inlinable
    public init(kind: TokenKind, start: Int, end: Int, line: Int, column: Int) {
        self.kind = kind
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: end)
        self.line = Int32(truncatingIfNeeded: line)
        self.column = Int32(truncatingIfNeeded: column)
    }

    /// Byte length of the token.
    @inlinable public var length: Int { Int(end - start) }
}
