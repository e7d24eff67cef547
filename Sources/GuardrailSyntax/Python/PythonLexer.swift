// MARK: - PythonLexer

/// Python's lexical grammar (3.12 rules, PEP 701 f-strings) over raw bytes.
///
/// The lexer is a loop over bytes with a small explicit stack: open brackets,
/// f-strings and their replacement fields. There is no recursion, so nesting
/// depth is bounded only by memory, and every byte is looked at a bounded
/// number of times, so the work is O(n). Malformed input never traps: a byte
/// that starts no token becomes a one-byte `.invalid` token, an unterminated
/// string ends at its line end (or at EOF when triple-quoted).
public enum PythonLexer {
    /// Tokenizes Python source. Never traps, always terminates, O(n).
    ///
    /// f-strings with at least one replacement field come out as `.stringPart`
    /// pieces with the field's code tokens between them (`f"a{x}b"` →
    /// `f"a{`, `x`, `}b"`); a format spec is literal text of the following
    /// piece. `.newline` ends each logical line that has code, outside
    /// brackets; its range is the terminator (empty at EOF).
    public static func tokenize(_ bytes: [UInt8]) -> [Token] {
        tokenize(bytes, capacity: nil)
    }

    /// `capacity`: the sink's first reservation (tests make it small to
    /// exercise the sink's growth).
    static func tokenize(_ bytes: [UInt8], capacity: Int?) -> [Token] {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return [] }
            return TokenSink.collect(bytes: buffer.count, capacity: capacity) { sink in
                var lexer = Lexer(buffer, base, sink)
                lexer.run()
                sink = lexer.tokens
            }
        }
    }
}

// MARK: - Frames

/// One entry of the lexer's nesting stack.
private struct Frame {
    enum Kind: UInt8 {
        /// `(`, `[` or `{` in code.
        case bracket
        /// Inside an f-string's literal text.
        case fstring
        /// Inside a replacement field `{…}` of an f-string.
        case field
    }

    var kind: Kind
    /// The enclosing f-string's quote byte (`"` or `'`); 0 for brackets.
    var quote: UInt8 = 0
    /// The enclosing f-string is triple-quoted.
    var triple: Bool = false
    /// The enclosing f-string is raw (`rf"…"`): no `\N{…}` escapes.
    var raw: Bool = false
    /// `.field` only: past the top-level `:`, so in literal format-spec text.
    var inSpec: Bool = false
    /// `.fstring` only: offset of the string's prefix, to tell a piece-less
    /// string (emitted as `.string`) from its last piece.
    var start: Int = 0
}

// MARK: - Lexer

private struct Lexer {
    /// Reads go through the raw pointer: its subscript is transparent, so
    /// even a debug build runs the byte loops at a usable speed. Every read
    /// is guarded by `< n`.
    let buf: UnsafePointer<UInt8>
    let n: Int
    var i = 0
    var tokens: TokenSink
    let namePart = ByteTable.pythonNamePart
    var stack: [Frame] = []
    /// Start of the f-string piece being scanned (literal mode only).
    var partStart = 0
    /// The current logical line has a token other than a comment.
    var lineHasTokens = false

    init(_ buffer: UnsafeBufferPointer<UInt8>, _ base: UnsafePointer<UInt8>, _ sink: TokenSink) {
        self.buf = base
        self.n = buffer.count
        self.tokens = sink
    }

    mutating func run() {
        if n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF {
            i = 3
        }
        while true {
            if let top = stack.last, top.kind == .fstring || (top.kind == .field && top.inSpec) {
                scanLiteral()
                continue
            }
            if i >= n { break }
            scanCode()
        }
        if lineHasTokens { emit(.newline, n, n) }
    }

    // MARK: Emitting

    @inline(__always) mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
        tokens.append(Token(kind: kind, start: start, end: end))
        if kind != .comment && kind != .newline { lineHasTokens = true }
    }

    /// Pops frames up to and including the innermost f-string.
    mutating func popFString() {
        while let frame = stack.popLast() {
            if frame.kind == .fstring { return }
        }
    }

    // MARK: Code mode

    /// Lexes one token (or skips whitespace / a line end) at `i`, which is
    /// below `n`. The stack top is a bracket, a field in code mode, or empty.
    @inline(__always) mutating func scanCode() {
        let b = buf[i]
        switch b {
        case 0x20, 0x09, 0x0C:  // space, tab, form feed: the whole run
            i += 1
            while i < n, buf[i] == 0x20 || buf[i] == 0x09 || buf[i] == 0x0C { i += 1 }
        case 0x0A, 0x0D:
            let start = i
            i += (b == 0x0D && i + 1 < n && buf[i + 1] == 0x0A) ? 2 : 1
            if stack.isEmpty && lineHasTokens {
                emit(.newline, start, i)
                lineHasTokens = false
            }
        case 0x23:  // #
            let start = i
            var j = i + 1
            while j < n {
                let c = buf[j]
                if c == 0x0A || c == 0x0D { break }
                j &+= 1
            }
            i = j
            emit(.comment, start, i)
        case 0x5C:  // \
            // Line continuation joins lines; anything else is a stray byte.
            if i + 1 < n && buf[i + 1] == 0x0A {
                i += 2
            } else if i + 1 < n && buf[i + 1] == 0x0D {
                i += (i + 2 < n && buf[i + 2] == 0x0A) ? 3 : 2
            } else {
                emit(.invalid, i, i + 1)
                i += 1
            }
        case 0x22, 0x27:  // " '
            scanString(prefixStart: i, quoteAt: i, fString: false, raw: false)
        case 0x30...0x39:  // 0-9
            scanNumber()
        case 0x2E:  // .
            if i + 1 < n && isDigit(buf[i + 1]) {
                scanNumber()
            } else if i + 2 < n && buf[i + 1] == b && buf[i + 2] == b {
                op(3)
            } else {
                op(1)
            }
        default:
            if isNameStart(b) {
                scanNameOrPrefixedString()
            } else {
                scanOperator(b)
            }
        }
    }

    @inline(__always) mutating func op(_ length: Int) {
        let end = min(i + length, n)
        emit(.op, i, end)
        i = end
    }

    mutating func scanOperator(_ b: UInt8) {
        let next: UInt8 = i + 1 < n ? buf[i + 1] : 0
        let third: UInt8 = i + 2 < n ? buf[i + 2] : 0
        let eq: UInt8 = 0x3D  // =
        switch b {
        case 0x28, 0x5B, 0x7B:  // ( [ {
            stack.append(Frame(kind: .bracket))
            op(1)
        case 0x29, 0x5D:  // ) ]
            if stack.last?.kind == .bracket { stack.removeLast() }
            op(1)
        case 0x7D:  // }
            if let top = stack.last, top.kind == .field {
                // The field's closing brace starts the next literal piece.
                stack.removeLast()
                partStart = i
                i += 1
                return
            }
            if stack.last?.kind == .bracket { stack.removeLast() }
            op(1)
        case 0x3A:  // :
            if let top = stack.last, top.kind == .field {
                // A top-level `:` in a field starts the literal format spec
                // (even `:=`, as in CPython).
                stack[stack.count - 1].inSpec = true
                partStart = i
                i += 1
                return
            }
            op(next == eq ? 2 : 1)
        case 0x2C, 0x3B, 0x7E:  // , ; ~
            op(1)
        case 0x2D:  // -
            op(next == eq || next == 0x3E ? 2 : 1)  // -= ->
        case 0x2B, 0x25, 0x26, 0x7C,  // + % & |
             0x5E, 0x40, eq:  // ^ @
            op(next == eq ? 2 : 1)
        case 0x2A, 0x2F, 0x3C, 0x3E:  // * / < >
            if next == b {
                op(third == eq ? 3 : 2)
            } else {
                op(next == eq ? 2 : 1)
            }
        case 0x21:  // !
            if next == eq {
                op(2)
            } else if stack.last?.kind == .field {
                op(1)  // conversion: `!r`, `!s`, `!a`
            } else {
                emit(.invalid, i, i + 1)
                i += 1
            }
        default:
            emit(.invalid, i, i + 1)
            i += 1
        }
    }

    // MARK: Names and numbers

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    @inline(__always) func isNameStart(_ b: UInt8) -> Bool {
        let l = b | 0x20
        return (l >= 0x61 && l <= 0x7A) || b == 0x5F || b >= 0x80
    }

    /// A string prefix letter: r b u f t (any case), as a bit.
    @inline(__always) func prefixBit(_ b: UInt8) -> UInt8 {
        switch b | 0x20 {
        case 0x72: return 1  // r
        case 0x62: return 2  // b
        case 0x75: return 4  // u
        case 0x66: return 8  // f
        case 0x74: return 16  // t
        default: return 0
        }
    }

    @inline(__always) func isQuote(_ b: UInt8) -> Bool {
        b == 0x22 || b == 0x27  // " '
    }

    @inline(__always) mutating func scanNameOrPrefixedString() {
        let start = i
        let first = prefixBit(buf[i])
        if first != 0 && i + 1 < n {
            let second = buf[i + 1]
            if isQuote(second) {
                scanString(prefixStart: start, quoteAt: i + 1, fString: first & 24 != 0, raw: first == 1)
                return
            }
            let bit = prefixBit(second)
            if bit != 0 && i + 2 < n && isQuote(buf[i + 2]) {
                let pair = first | bit
                // rb br fr rf tr rt, any case
                if pair == 3 || pair == 9 || pair == 17 {
                    scanString(prefixStart: start, quoteAt: i + 2, fString: pair & 24 != 0, raw: true)
                    return
                }
            }
        }
        i += 1
        while i < n && namePart.contains(buf[i]) { i += 1 }
        emit(.name, start, i)
    }

    /// Digits with single underscores between them (`1_000`).
    @inline(__always) mutating func skipDigits(_ accept: (UInt8) -> Bool) {
        while i < n {
            let b = buf[i]
            if accept(b) {
                i += 1
            } else if b == 0x5F && i + 1 < n && accept(buf[i + 1]) {  // _
                i += 2
            } else {
                return
            }
        }
    }

    mutating func scanNumber() {
        let start = i
        if buf[i] == 0x30 && i + 1 < n {  // 0
            let base = buf[i + 1] | 0x20
            let accept: ((UInt8) -> Bool)?
            switch base {
            case 0x78:  // x
                accept = { b in b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 6 }
            case 0x6F:  // o
                accept = { b in b &- 0x30 < 8 }
            case 0x62:  // b
                accept = { b in b == 0x30 || b == 0x31 }
            default:
                accept = nil
            }
            if let accept {
                i += 2
                skipDigits(accept)
                emit(.number, start, i)
                return
            }
        }
        let digit: (UInt8) -> Bool = { b in b &- 0x30 < 10 }
        skipDigits(digit)
        if i < n && buf[i] == 0x2E {  // .
            i += 1
            skipDigits(digit)
        }
        if i < n && buf[i] | 0x20 == 0x65 {  // e
            var j = i + 1
            if j < n && (buf[j] == 0x2B || buf[j] == 0x2D) { j += 1 }  // + -
            if j < n && isDigit(buf[j]) {
                i = j
                skipDigits(digit)
            }
        }
        if i < n && buf[i] | 0x20 == 0x6A { i += 1 }  // j
        emit(.number, start, i)
    }

    // MARK: Strings

    /// Scans a string whose opening quote is at `quoteAt`. A plain string is
    /// consumed whole; an f-string pushes a frame and leaves its text to
    /// `scanLiteral`.
    mutating func scanString(prefixStart: Int, quoteAt: Int, fString: Bool, raw: Bool) {
        let q = buf[quoteAt]
        let triple = quoteAt + 2 < n && buf[quoteAt + 1] == q && buf[quoteAt + 2] == q
        i = quoteAt + (triple ? 3 : 1)
        if fString {
            stack.append(Frame(kind: .fstring, quote: q, triple: triple, raw: raw, start: prefixStart))
            partStart = prefixStart
            lineHasTokens = true
            return
        }
        // Raw or not, a backslash keeps the next byte from closing the string.
        while i < n {
            // Plain bytes in a tight loop of locals: fast even in debug builds.
            var j = i
            while j < n {
                let c = buf[j]
                if c == q || c == 0x5C || c == 0x0A || c == 0x0D { break }  // \
                j &+= 1
            }
            i = j
            guard i < n else { break }
            let b = buf[i]
            if b == q {
                if !triple {
                    i += 1
                    break
                }
                if i + 2 < n && buf[i + 1] == q && buf[i + 2] == q {
                    i += 3
                    break
                }
                i += 1
            } else if b == 0x5C {  // \
                i += (i + 2 < n && buf[i + 1] == 0x0D && buf[i + 2] == 0x0A) ? 3 : 2
            } else if (b == 0x0A || b == 0x0D) && !triple {
                break  // unterminated: ends before the line end
            } else {
                i += 1
            }
        }
        if i > n { i = n }
        emit(.string, prefixStart, i)
    }

    /// Scans literal f-string text (the string's own text or a format spec)
    /// until the piece ends or a field opens or closes. The stack top is an
    /// `.fstring` frame or a `.field` frame in its format spec.
    mutating func scanLiteral() {
        let top = stack[stack.count - 1]
        let inSpec = top.kind == .field
        let q = top.quote
        while i < n {
            var j = i
            while j < n {
                let c = buf[j]
                if c == q || c == 0x5C || c == 0x0A || c == 0x0D || c == 0x7B || c == 0x7D { break }  // \ { }
                j &+= 1
            }
            i = j
            guard i < n else { break }
            let b = buf[i]
            if b == q {
                if !top.triple {
                    i += 1
                    endString()
                    return
                }
                if i + 2 < n && buf[i + 1] == q && buf[i + 2] == q {
                    i += 3
                    endString()
                    return
                }
                i += 1
            } else if b == 0x5C {  // \
                let next: UInt8 = i + 1 < n ? buf[i + 1] : 0
                if next == 0x7B || next == 0x7D {  // { }
                    i += 1  // a backslash does not escape a brace
                } else if next == 0x4E && !top.raw && i + 2 < n && buf[i + 2] == 0x7B {  // N {
                    // `\N{NAME}`: the braces are part of the escape.
                    i += 3
                    while i < n {
                        let c = buf[i]
                        if c == 0x7D { i += 1; break }  // }
                        if c == q || c == 0x0A || c == 0x0D { break }
                        i += 1
                    }
                } else if next == 0x0D && i + 2 < n && buf[i + 2] == 0x0A {
                    i += 3
                } else {
                    i = min(i + 2, n)
                }
            } else if b == 0x0A || b == 0x0D {
                if !top.triple {
                    endString()  // unterminated: ends before the line end
                    return
                }
                i += 1
            } else if b == 0x7B {  // {
                if !inSpec && i + 1 < n && buf[i + 1] == 0x7B {  // {
                    i += 2
                    continue
                }
                i += 1
                emit(.stringPart, partStart, i)
                stack.append(Frame(kind: .field, quote: q, triple: top.triple, raw: top.raw))
                return
            } else if b == 0x7D {  // }
                if inSpec {
                    // Ends the field; the piece goes on in the enclosing text.
                    stack.removeLast()
                    i += 1
                    return
                }
                i += (i + 1 < n && buf[i + 1] == 0x7D) ? 2 : 1  // }
            } else {
                i += 1
            }
        }
        endString()  // unterminated at EOF
    }

    /// Emits the piece that ends at `i` and leaves the f-string.
    mutating func endString() {
        var stringStart = -1
        for index in stride(from: stack.count - 1, through: 0, by: -1) where stack[index].kind == .fstring {
            stringStart = stack[index].start
            break
        }
        emit(partStart == stringStart ? .string : .stringPart, partStart, i)
        popFString()
    }
}
