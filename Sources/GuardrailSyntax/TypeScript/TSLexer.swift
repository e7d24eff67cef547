// MARK: - TSLexer

/// The TypeScript / JavaScript tokenizer: bytes in, tokens out, one pass.
///
/// It knows the whole lexical grammar a rule needs to tell code from comments
/// and strings: comments of every form, hashbang, strings with escapes and line
/// continuations, template literals with `${}` nested to any depth, numeric
/// literals (separators, bases, BigInt), regex literals told apart from
/// division by the previous token, and JSX (elements, attributes, text,
/// fragments) where the dialect allows it.
///
/// Nesting (parentheses, braces, template substitutions, JSX elements) lives on
/// an explicit stack, so no input can overflow the call stack, and every step
/// consumes a byte or pops a frame, so the loop always ends.
public enum TSLexer {
    /// Tokenizes TS/JS source. Never traps, always terminates, O(n).
    public static func tokenize(_ bytes: [UInt8], dialect: ScriptDialect) -> [Token] {
        tokenize(bytes, dialect: dialect, capacity: nil)
    }

    /// `capacity`: the sink's first reservation (tests make it small to
    /// exercise the sink's growth).
    static func tokenize(_ bytes: [UInt8], dialect: ScriptDialect, capacity: Int?) -> [Token] {
        bytes.withUnsafeBufferPointer { buffer in
            guard !buffer.isEmpty else { return [] }
            return TokenSink.collect(bytes: buffer.count, capacity: capacity) { sink in
                var lexer = ScriptLexer(buffer, dialect: dialect, sink: sink)
                lexer.run()
                sink = lexer.tokens
            }
        }
    }
}

// MARK: - State

/// What an open bracket on the lexer's stack is.
private enum Frame: UInt8 {
    /// Top level: no bracket open.
    case root
    /// `(` of anything but a statement condition.
    case paren
    /// `(` right after `if`, `while`, `for`, `with`: its `)` is followed by a
    /// statement, so a `/` there starts a regex.
    case conditionParen
    /// `{` of a block, class or function body: a `/` after its `}` is a regex.
    case block
    /// `{` of an object literal or type: a `/` after its `}` is division.
    case objectBrace
    /// `{` of a function or class expression's body: its `}` ends an operand.
    case functionBody
    /// `<` of TS type arguments on a JSX tag name (`<Select<Option> …`).
    case typeArguments
    /// `${` of a template literal: its `}` resumes the template.
    case substitution
    /// `{` of a JSX attribute value or child: its `}` resumes the JSX.
    case jsxExpression
    /// Inside `<name …`, reading attributes.
    case jsxOpenTag
    /// Inside `</name` or after the `/` of `<name … /`, waiting for `>`.
    case jsxCloseTag
    /// Between an opening tag's `>` and its closing tag: text and children.
    case jsxChildren
}

/// How an identifier shapes what may follow it.
private enum NameClass {
    /// An identifier or a keyword that ends an operand (`this`, `null`).
    case plain
    /// A keyword after which an expression starts (`return`, `typeof`…).
    case expression
    /// `await`: an expression keyword that keeps `for await (` a condition.
    case await
    /// `do`, `else`, `try`, `finally`: a `{` after them opens a block.
    case block
    /// `if`, `while`, `with`: the next `(` holds a condition.
    case condition
    /// `for`: a condition keyword that may be followed by `await`.
    case forKeyword
    /// `function`, `class`: an operand, and in expression position the `{`
    /// of its body opens a `functionBody`.
    case function
}

// MARK: - Lexer

private struct ScriptLexer {
    let buf: UnsafeBufferPointer<UInt8>
    let n: Int
    let jsx: Bool
    let typescript: Bool
    let scan: Scan
    var tokens: TokenSink
    /// The innermost open frame; the ones around it are on `outer`.
    var top: Frame = .root
    var outer: [Frame] = []
    var pos = 0

    // What the previous code token allows next.
    /// An expression may start here: `/` is a regex, `<` may open JSX.
    var regexOK = true
    /// A `{` here opens a block rather than an object literal.
    var braceIsBlock = true
    /// A `(` here opens a statement condition.
    var parenIsCondition = false
    /// The previous token was `.` or `?.`: a keyword here is a property name.
    var afterDot = false
    /// The previous token was `for` (so `await` keeps the condition).
    var afterFor = false
    /// The nesting depth at which a function or class expression's body is
    /// expected, or -1.
    var functionBodyDepth = -1

    init(_ buf: UnsafeBufferPointer<UInt8>, dialect: ScriptDialect, sink: TokenSink) {
        self.buf = buf
        self.n = buf.count
        self.jsx = dialect.jsx
        self.typescript = dialect.typescript
        self.scan = Scan(buf: buf, n: buf.count)
        self.tokens = sink
    }

    mutating func run() {
        if n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF {
            pos = 3
        }
        if pos + 1 < n && buf[pos] == 0x23 && buf[pos + 1] == 0x21 { // #!
            let end = scan.lineEnd(pos)
            emit(.comment, pos, end)
            pos = end
        }
        while pos < n {
            switch top {
            case .jsxOpenTag, .jsxCloseTag: lexTag()
            case .jsxChildren: lexChildren()
            default: lexCode()
            }
        }
    }

    @inline(__always) mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
        tokens.append(Token(kind: kind, start: start, end: end))
    }

    /// State after a token that ends an operand (name, literal, `]`, JSX element).
    mutating func endOperand() {
        regexOK = false
        braceIsBlock = false
        parenIsCondition = false
        afterDot = false
        afterFor = false
    }

    // MARK: Code

    mutating func lexCode() {
        let b = buf[pos]
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:  // the whole run: it changes no state
            pos += 1
            while pos < n, buf[pos] <= 0x20, buf[pos] == 0x20 || (buf[pos] >= 0x09 && buf[pos] <= 0x0D) { pos += 1 }
        case 0x2F: // /
            lexSlash()
        case 0x22, 0x27: // " '
            let end = scan.stringEnd(pos, quote: b)
            emit(.string, pos, end)
            pos = end
            endOperand()
        case 0x60: // `
            lexTemplate(from: pos, opening: true)
        case 0x30...0x39:
            lexNumber()
        case 0x2E: // .
            if pos + 1 < n && isDigit(buf[pos + 1]) { lexNumber() } else { lexOperator() }
        case 0x7B: // {
            emit(.op, pos, pos + 1)
            if functionBodyDepth == outer.count {
                functionBodyDepth = -1
                push(.functionBody)
            } else {
                push(braceIsBlock ? .block : .objectBrace)
            }
            pos += 1
            regexOK = true
            braceIsBlock = true
            parenIsCondition = false
            afterDot = false
            afterFor = false
        case 0x7D: // }
            lexCloseBrace()
        case 0x28: // (
            emit(.op, pos, pos + 1)
            push(parenIsCondition ? .conditionParen : .paren)
            pos += 1
            regexOK = true
            braceIsBlock = false
            parenIsCondition = false
            afterDot = false
            afterFor = false
        case 0x29: // )
            var condition = false
            if top == .paren || top == .conditionParen {
                condition = top == .conditionParen
                pop()
            }
            emit(.op, pos, pos + 1)
            pos += 1
            regexOK = condition
            braceIsBlock = true
            parenIsCondition = false
            afterDot = false
            afterFor = false
        case 0x3C: // <
            lexLess()
        case 0x23: // # private name
            if pos + 1 < n && isNameStart(buf[pos + 1]) && scan.unicodeSpace(pos + 1) == 0 {
                lexName(from: pos, nameStart: pos + 1)
            } else {
                emit(.invalid, pos, pos + 1)
                pos += 1
            }
        case 0x5C: // \ starts a name only as \u escape
            if pos + 1 < n && buf[pos + 1] == 0x75 {
                lexName(from: pos, nameStart: pos)
            } else {
                emit(.invalid, pos, pos + 1)
                pos += 1
            }
        case 0x41...0x5A, 0x61...0x7A, 0x5F, 0x24:
            lexName(from: pos, nameStart: pos)
        case 0x80...0xFF:
            let space = scan.unicodeSpace(pos)
            if space > 0 { pos += space } else { lexName(from: pos, nameStart: pos) }
        default:
            lexOperator()
        }
    }

    mutating func lexSlash() {
        let next: UInt8 = pos + 1 < n ? buf[pos + 1] : 0
        if next == 0x2F { // //
            let end = scan.lineEnd(pos)
            emit(.comment, pos, end)
            pos = end
        } else if next == 0x2A { // /*
            let end = scan.blockCommentEnd(pos)
            emit(.comment, pos, end)
            pos = end
        } else if regexOK {
            let end = scan.regexEnd(pos)
            emit(.regex, pos, end)
            pos = end
            endOperand()
        } else {
            lexOperator()
        }
    }

    mutating func lexNumber() {
        let end = scan.numberEnd(pos)
        emit(.number, pos, end)
        pos = end
        endOperand()
    }

    mutating func lexName(from start: Int, nameStart: Int) {
        let end = scan.nameEnd(nameStart, dash: false)
        emit(.name, start, end)
        pos = end
        let kind: NameClass = afterDot || start != nameStart ? .plain : scan.nameClass(start, end)
        let wasFor = afterFor
        afterDot = false
        afterFor = false
        parenIsCondition = false
        switch kind {
        case .plain:
            regexOK = false
            braceIsBlock = true // `class A {`, `): T {`, `extends B {`
        case .function:
            if regexOK && !braceIsBlock { functionBodyDepth = outer.count }
            regexOK = false
            braceIsBlock = true
        case .expression:
            regexOK = true
            braceIsBlock = false
        case .await:
            regexOK = true
            braceIsBlock = false
            parenIsCondition = wasFor
        case .block:
            regexOK = true
            braceIsBlock = true
        case .condition:
            regexOK = true
            braceIsBlock = false
            parenIsCondition = true
        case .forKeyword:
            regexOK = true
            braceIsBlock = false
            parenIsCondition = true
            afterFor = true
        }
    }

    mutating func lexCloseBrace() {
        // Unclosed parentheses inside braces (or `${}`) end with them.
        while top == .paren || top == .conditionParen { pop() }
        switch top {
        case .substitution:
            pop()
            lexTemplate(from: pos, opening: false)
        case .jsxExpression:
            pop()
            emit(.op, pos, pos + 1)
            pos += 1
            if !isJSXFrame(top) { endOperand() }
        case .objectBrace, .functionBody:
            pop()
            emit(.op, pos, pos + 1)
            pos += 1
            endOperand()
        default: // a block, or a stray `}`
            if top == .block { pop() }
            emit(.op, pos, pos + 1)
            pos += 1
            regexOK = true
            braceIsBlock = true
            parenIsCondition = false
            afterDot = false
            afterFor = false
        }
    }

    /// Reads a template piece starting at its opening backtick or at the `}`
    /// that closes a substitution, up to the closing backtick or the next `${`.
    mutating func lexTemplate(from start: Int, opening: Bool) {
        var j = start + 1
        while j < n {
            let c = buf[j]
            if c == 0x5C { // backslash
                j += 2
                continue
            }
            if c == 0x60 {
                j += 1
                emit(opening ? .string : .stringPart, start, j)
                pos = j
                endOperand()
                return
            }
            if c == 0x24 && j + 1 < n && buf[j + 1] == 0x7B { // ${
                j += 2
                emit(.stringPart, start, j)
                push(.substitution)
                pos = j
                regexOK = true
                braceIsBlock = false
                parenIsCondition = false
                afterDot = false
                afterFor = false
                return
            }
            j += 1
        }
        emit(opening ? .string : .stringPart, start, n)
        pos = n
    }

    mutating func lexLess() {
        if top == .typeArguments { // nested: `<Select<Map<K, V>> …`
            emit(.op, pos, pos + 1)
            pos += 1
            push(.typeArguments)
            return
        }
        if jsx && regexOK && pos + 1 < n {
            let c1 = buf[pos + 1]
            if (c1 == 0x3E || isNameStart(c1)) && !(typescript && scan.isGenericParameterList(pos + 1)) {
                emit(.op, pos, pos + 1)
                pos += 1
                push(.jsxOpenTag)
                return
            }
        }
        lexOperator()
    }


    mutating func lexOperator() {
        let start = pos
        if top == .typeArguments && buf[start] == 0x3E {
            emit(.op, start, start + 1)
            pos += 1
            pop()
            return
        }
        let len = scan.operatorLength(start)
        if len == 0 {
            emit(.invalid, start, start + 1)
            pos += 1
            return
        }
        emit(.op, start, start + len)
        pos += len
        let c = buf[start]
        let c1: UInt8 = len > 1 ? buf[start + 1] : 0
        let before = regexOK
        parenIsCondition = false
        afterFor = false
        afterDot = false
        switch c {
        case 0x5D: // ]
            regexOK = false
            braceIsBlock = false
        case 0x2E where len == 1, 0x3F where c1 == 0x2E: // . ?.
            afterDot = true
            regexOK = false
            braceIsBlock = false
        case 0x2B where c1 == 0x2B, 0x2D where c1 == 0x2D: // ++ --: postfix keeps an operand
            braceIsBlock = false
        case 0x21 where len == 1 && typescript && !before && start > 0 && !isASCIISpace(buf[start - 1]):
            // `x!` non-null assertion: still an operand.
            braceIsBlock = false
        default:
            regexOK = true
            // `;` ends a statement, `=>` opens a body, `>` ends `): Promise<T> {`.
            braceIsBlock = c == 0x3B || c == 0x3E || (c == 0x3D && c1 == 0x3E)
        }
    }


    // MARK: JSX

    /// Inside a tag: names, `=`, attribute strings, `{…}`, `/`, `>`.
    mutating func lexTag() {
        let b = buf[pos]
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:  // the whole run: it changes no state
            pos += 1
            while pos < n, buf[pos] <= 0x20, buf[pos] == 0x20 || (buf[pos] >= 0x09 && buf[pos] <= 0x0D) { pos += 1 }
        case 0x2F: // /
            let next: UInt8 = pos + 1 < n ? buf[pos + 1] : 0
            if next == 0x2F {
                let end = scan.lineEnd(pos)
                emit(.comment, pos, end)
                pos = end
            } else if next == 0x2A {
                let end = scan.blockCommentEnd(pos)
                emit(.comment, pos, end)
                pos = end
            } else {
                emit(.op, pos, pos + 1)
                pos += 1
                // `<x … /`: the `>` that follows ends the element, no children.
                top = .jsxCloseTag
            }
        case 0x3E: // >
            emit(.op, pos, pos + 1)
            pos += 1
            if pop() == .jsxOpenTag {
                push(.jsxChildren)
            } else if !isJSXFrame(top) {
                endOperand()
            }
        case 0x3D, 0x2E, 0x3A: // = . :
            emit(.op, pos, pos + 1)
            pos += 1
        case 0x3C where typescript && top == .jsxOpenTag: // type arguments
            emit(.op, pos, pos + 1)
            pos += 1
            push(.typeArguments)
            regexOK = false
        case 0x22, 0x27: // attribute string: no escapes, may span lines
            var j = pos + 1
            while j < n && buf[j] != b { j += 1 }
            let end = min(j + 1, n)
            emit(.string, pos, end)
            pos = end
        case 0x7B: // {
            openJSXExpression()
        default:
            let space = b >= 0x80 ? scan.unicodeSpace(pos) : 0
            if space > 0 {
                pos += space
            } else if isNameStart(b) {
                let end = scan.nameEnd(pos, dash: true)
                emit(.name, pos, end)
                pos = end
            } else {
                // Not a tag after all (a misread `<`, or a TS type argument):
                // give the byte back to the enclosing mode.
                pop()
            }
        }
    }

    /// `{` inside JSX (an attribute value, a child or a spread): code follows,
    /// where an expression may start.
    mutating func openJSXExpression() {
        emit(.op, pos, pos + 1)
        pos += 1
        push(.jsxExpression)
        regexOK = true
        braceIsBlock = false
        parenIsCondition = false
        afterDot = false
        afterFor = false
    }

    /// Between tags: text, child elements, `{…}` children, the closing tag.
    mutating func lexChildren() {
        let b = buf[pos]
        if b == 0x3C { // <
            var k = pos + 1
            while k < n && isASCIISpace(buf[k]) { k += 1 }
            emit(.op, pos, pos + 1)
            if k < n && buf[k] == 0x2F { // </
                emit(.op, k, k + 1)
                top = .jsxCloseTag
                pos = k + 1
            } else {
                push(.jsxOpenTag)
                pos += 1
            }
        } else if b == 0x7B { // {
            openJSXExpression()
        } else {
            var j = pos + 1
            while j < n {
                let c = buf[j]
                if c == 0x3C || c == 0x7B { break }
                j += 1
            }
            var s = pos
            var e = j
            while s < e && isASCIISpace(buf[s]) { s += 1 }
            while e > s && isASCIISpace(buf[e - 1]) { e -= 1 }
            if s < e { emit(.jsxText, s, e) }
            pos = j
        }
    }

    mutating func push(_ frame: Frame) {
        outer.append(top)
        top = frame
    }

    @discardableResult
    mutating func pop() -> Frame {
        let frame = top
        top = outer.popLast() ?? .root
        if outer.count < functionBodyDepth { functionBodyDepth = -1 }
        return frame
    }

    func isJSXFrame(_ frame: Frame) -> Bool {
        frame == .jsxOpenTag || frame == .jsxCloseTag || frame == .jsxChildren
    }

}

// MARK: - Scan

/// Pure look-ahead over the bytes. Kept apart from the lexer's mutable state
/// so calling one copies two words, not the lexer.
private struct Scan {
    let buf: UnsafeBufferPointer<UInt8>
    let n: Int
    let namePart = ByteTable.scriptNamePart

    /// In .tsx, `<T,>` and `<T extends U>` start the type parameters of a
    /// generic arrow function, not an element.
    func isGenericParameterList(_ start: Int) -> Bool {
        if buf[start] == 0x3E { return false }
        var k = nameEnd(start, dash: false)
        if k == start { return false }
        while k < n && isASCIISpace(buf[k]) { k += 1 }
        if k < n && buf[k] == 0x2C { return true } // ,
        return matches(k, "extends") && (k + 7 >= n || !isNamePart(buf[k + 7]))
    }

    /// The length of the operator at `i` (longest match, but `>` always
    /// alone), or 0 when no operator starts there.
    func operatorLength(_ i: Int) -> Int {
        let c = buf[i]
        let c1: UInt8 = i + 1 < n ? buf[i + 1] : 0
        let c2: UInt8 = i + 2 < n ? buf[i + 2] : 0
        switch c {
        case 0x3B, 0x2C, 0x7E, 0x40, 0x3A, 0x5B, 0x5D, 0x3E, 0x28, 0x29, 0x7B, 0x7D: // ; , ~ @ : [ ] > ( ) { }
            return 1
        case 0x2E: // . ...
            return c1 == 0x2E && c2 == 0x2E ? 3 : 1
        case 0x3F: // ? ?? ??= ?.
            if c1 == 0x3F { return c2 == 0x3D ? 3 : 2 }
            if c1 == 0x2E && !isDigit(c2) { return 2 }
            return 1
        case 0x3D: // = == === =>
            if c1 == 0x3D { return c2 == 0x3D ? 3 : 2 }
            return c1 == 0x3E ? 2 : 1
        case 0x21: // ! != !==
            if c1 == 0x3D { return c2 == 0x3D ? 3 : 2 }
            return 1
        case 0x2B, 0x2D: // + ++ += - -- -=
            return c1 == c || c1 == 0x3D ? 2 : 1
        case 0x2A: // * ** **= *=
            if c1 == 0x2A { return c2 == 0x3D ? 3 : 2 }
            return c1 == 0x3D ? 2 : 1
        case 0x2F, 0x25, 0x5E: // / /= % %= ^ ^=
            return c1 == 0x3D ? 2 : 1
        case 0x3C: // < << <<= <=
            if c1 == 0x3C { return c2 == 0x3D ? 3 : 2 }
            return c1 == 0x3D ? 2 : 1
        case 0x26, 0x7C: // & && &&= &= | || ||= |=
            if c1 == c { return c2 == 0x3D ? 3 : 2 }
            return c1 == 0x3D ? 2 : 1
        default:
            return 0
        }
    }

    // MARK: Scanning helpers

    /// End of a line comment / hashbang: the line terminator, not included.
    func lineEnd(_ start: Int) -> Int {
        var j = start
        while j < n {
            let c = buf[j]
            if c == 0x0A || c == 0x0D { break }
            j += 1
        }
        return j
    }

    func blockCommentEnd(_ start: Int) -> Int {
        var j = start + 2
        while j + 1 < n {
            if buf[j] == 0x2A && buf[j + 1] == 0x2F { return j + 2 }
            j += 1
        }
        return n
    }

    /// End of a quoted string; an unescaped line end or EOF ends an
    /// unterminated one (the terminator is not included).
    func stringEnd(_ start: Int, quote: UInt8) -> Int {
        var j = start + 1
        while j < n {
            let c = buf[j]
            if c == quote { return j + 1 }
            if c == 0x5C { // backslash: escape or line continuation (CRLF counts as one)
                if j + 2 < n && buf[j + 1] == 0x0D && buf[j + 2] == 0x0A { j += 3 } else { j += 2 }
                continue
            }
            if c == 0x0A || c == 0x0D { return j }
            j += 1
        }
        return n
    }

    /// End of a regex literal with its flags; an unterminated one ends at the
    /// line end.
    func regexEnd(_ start: Int) -> Int {
        var j = start + 1
        var inClass = false
        while j < n {
            let c = buf[j]
            if c == 0x0A || c == 0x0D { return j }
            if c == 0x5C {
                if j + 1 < n && (buf[j + 1] == 0x0A || buf[j + 1] == 0x0D) { return j + 1 }
                j += 2
                continue
            }
            if c == 0x5B {
                inClass = true
            } else if c == 0x5D {
                inClass = false
            } else if c == 0x2F && !inClass {
                j += 1
                while j < n && isNamePart(buf[j]) { j += 1 }
                return j
            }
            j += 1
        }
        return n
    }

    func numberEnd(_ start: Int) -> Int {
        var j = start
        if buf[j] == 0x30 && j + 1 < n {
            switch buf[j + 1] {
            case 0x78, 0x58, 0x6F, 0x4F, 0x62, 0x42: // x X o O b B
                j += 2
                while j < n && (isHexDigit(buf[j]) || buf[j] == 0x5F) { j += 1 }
                if j < n && buf[j] == 0x6E { j += 1 } // n
                return j
            default:
                break
            }
        }
        while j < n && (isDigit(buf[j]) || buf[j] == 0x5F) { j += 1 }
        if j < n && buf[j] == 0x2E {
            j += 1
            while j < n && (isDigit(buf[j]) || buf[j] == 0x5F) { j += 1 }
        }
        if j < n && (buf[j] == 0x65 || buf[j] == 0x45) { // e E
            var k = j + 1
            if k < n && (buf[k] == 0x2B || buf[k] == 0x2D) { k += 1 }
            if k < n && isDigit(buf[k]) {
                j = k
                while j < n && (isDigit(buf[j]) || buf[j] == 0x5F) { j += 1 }
            }
        }
        if j < n && buf[j] == 0x6E { j += 1 } // BigInt n
        return j
    }

    /// End of an identifier starting at `start` (which must start one).
    /// `dash` admits `-` for JSX names (`data-id`, `my-el`).
    func nameEnd(_ start: Int, dash: Bool) -> Int {
        var j = start
        // The common bytes first, one table test each; the loop below takes
        // `-`, non-ASCII bytes and `\u` escapes.
        while j < n && namePart.contains(buf[j]) { j += 1 }
        guard j < n, dash || buf[j] >= 0x80 || buf[j] == 0x5C else { return j }
        while j < n {
            let c = buf[j]
            if isNamePart(c) || (dash && c == 0x2D) {
                j += 1
            } else if c >= 0x80 {
                if unicodeSpace(j) > 0 { break }
                j += 1
            } else if c == 0x5C && j + 1 < n && buf[j + 1] == 0x75 { // \u escape
                j = unicodeEscapeEnd(j)
            } else {
                break
            }
        }
        return j
    }

    /// End of `\uXXXX` or `\u{X…}` starting at the backslash (at least 2 bytes).
    func unicodeEscapeEnd(_ start: Int) -> Int {
        var k = start + 2
        if k < n && buf[k] == 0x7B {
            k += 1
            while k < n && isHexDigit(buf[k]) { k += 1 }
            if k < n && buf[k] == 0x7D { k += 1 }
        } else {
            var count = 0
            while count < 4 && k < n && isHexDigit(buf[k]) {
                k += 1
                count += 1
            }
        }
        return k
    }

    /// Byte length of a Unicode space or line separator at `i` (NBSP, the
    /// U+2000 block, U+2028/2029, U+202F, U+205F, U+3000, U+1680, BOM), or 0.
    func unicodeSpace(_ i: Int) -> Int {
        let c = buf[i]
        if c == 0xC2 { return i + 1 < n && buf[i + 1] == 0xA0 ? 2 : 0 }
        guard c >= 0xE1 && c <= 0xEF && i + 2 < n else { return 0 }
        let c1 = buf[i + 1], c2 = buf[i + 2]
        switch c {
        case 0xE2:
            if c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) { return 3 }
            if c1 == 0x81 && c2 == 0x9F { return 3 }
        case 0xE3:
            if c1 == 0x80 && c2 == 0x80 { return 3 }
        case 0xE1:
            if c1 == 0x9A && c2 == 0x80 { return 3 }
        case 0xEF:
            if c1 == 0xBB && c2 == 0xBF { return 3 }
        default:
            break
        }
        return 0
    }

    @inline(__always)
    func matches(_ i: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= n else { return false }
        let p = literal.utf8Start
        for k in 0..<count where buf[i + k] != p[k] { return false }
        return true
    }

    /// Keywords that change what may follow them (see `NameClass`).
    func nameClass(_ start: Int, _ end: Int) -> NameClass {
        switch end - start {
        case 2:
            if matches(start, "in") || matches(start, "of") { return .expression }
            if matches(start, "do") { return .block }
            if matches(start, "if") { return .condition }
        case 3:
            if matches(start, "new") { return .expression }
            if matches(start, "try") { return .block }
            if matches(start, "for") { return .forKeyword }
        case 4:
            if matches(start, "void") || matches(start, "case") { return .expression }
            if matches(start, "else") { return .block }
            if matches(start, "with") { return .condition }
        case 5:
            if matches(start, "throw") || matches(start, "yield") { return .expression }
            if matches(start, "class") { return .function }
            if matches(start, "await") { return .await }
            if matches(start, "while") { return .condition }
        case 6:
            if matches(start, "return") || matches(start, "typeof") || matches(start, "delete") { return .expression }
        case 7:
            if matches(start, "default") { return .expression }
            if matches(start, "finally") { return .block }
        case 8:
            if matches(start, "function") { return .function }
        case 10:
            if matches(start, "instanceof") { return .expression }
        default:
            break
        }
        return .plain
    }
}

// MARK: - Byte classes

@inline(__always) private func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

@inline(__always) private func isHexDigit(_ c: UInt8) -> Bool {
    c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 6
}

@inline(__always) private func isASCIISpace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C
}

/// ASCII letters, digits, `_`, `$`.
@inline(__always) private func isNamePart(_ c: UInt8) -> Bool {
    (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 || c == 0x5F || c == 0x24
}

/// ASCII letters, `_`, `$`, and any non-ASCII byte (the caller rules out
/// Unicode spaces where it matters).
@inline(__always) private func isNameStart(_ c: UInt8) -> Bool {
    (c | 0x20) &- 0x61 < 26 || c == 0x5F || c == 0x24 || c >= 0x80
}
