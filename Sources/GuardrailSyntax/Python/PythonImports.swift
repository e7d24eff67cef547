// MARK: - PythonImports

/// Finds Python `import` / `from … import` statements in a token stream.
///
/// A statement starts at an `import` or `from` name that opens a simple
/// statement: the file's first token, or one after a `.newline`, a `;`, or a
/// `:` ending a compound-statement header (`if TYPE_CHECKING: import x`).
/// That rules out `yield from x`, `raise E from e` and `x.import`. Indented
/// imports (in functions, `try`, `if TYPE_CHECKING:`) are just lines.
public enum PythonImports {
    /// Every import statement in the token stream, in source order.
    public static func scan(_ tokens: [Token], in bytes: [UInt8]) -> [ImportStatement] {
        var scanner = Scanner(tokens: tokens, bytes: bytes)
        return scanner.run()
    }
}

// MARK: - Scanner

private struct Scanner {
    let tokens: [Token]
    let bytes: [UInt8]
    var result: [ImportStatement] = []

    init(tokens: [Token], bytes: [UInt8]) {
        self.tokens = tokens
        self.bytes = bytes
    }

    mutating func run() -> [ImportStatement] {
        var atStart = true
        var depth = 0
        var k = 0
        while k < tokens.count {
            let t = tokens[k]
            switch t.kind {
            case .comment:
                k += 1
                continue
            case .newline:
                atStart = true
                depth = 0
                k += 1
                continue
            case .name:
                if atStart && depth == 0 {
                    if equals(t, "import") {
                        k = parseImport(k)
                        atStart = false
                        continue
                    }
                    if equals(t, "from") {
                        k = parseFrom(k)
                        atStart = false
                        continue
                    }
                }
                atStart = false
            case .op:
                // One byte looked at, not up to eight literals compared.
                let b: UInt8 = t.length == 1 && t.start >= 0 && Int(t.start) < bytes.count ? bytes[Int(t.start)] : 0
                switch b {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    atStart = false
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth = max(0, depth - 1)
                    atStart = false
                case UInt8(ascii: ";"), UInt8(ascii: ":"):
                    atStart = depth == 0
                default:
                    atStart = false
                }
            default:
                atStart = false
            }
            k += 1
        }
        return result
    }

    // MARK: Statements

    /// `import a.b [as c], d …` starting at the `import` token `first`.
    /// Returns the index of the first token after the statement.
    mutating func parseImport(_ first: Int) -> Int {
        var k = next(first)
        var names: [ImportStatement.Name] = []
        var last = first
        while let (name, nameToken, end) = dottedName(k) {
            last = end
            var entry = ImportStatement.Name(name: name, nameToken: nameToken)
            k = parseAlias(of: &entry, at: next(end), last: &last)
            names.append(entry)
            guard isOpAt(k, ",") else { break }
            last = k
            k = next(k)
        }
        let (after, lastToken) = finish(k, last: last)
        if !names.isEmpty {
            result.append(ImportStatement(form: .pythonImport, firstToken: first, lastToken: lastToken,
                                          module: nil, moduleToken: nil, names: names))
        }
        return after
    }

    /// An optional `as alias` at `k` for `entry`; returns the index after it.
    mutating func parseAlias(of entry: inout ImportStatement.Name, at k: Int, last: inout Int) -> Int {
        guard isName(k, "as") else { return k }
        last = k
        let aliasIndex = next(k)
        guard aliasIndex < tokens.count && tokens[aliasIndex].kind == .name else { return aliasIndex }
        entry.alias = text(tokens[aliasIndex])
        entry.aliasToken = aliasIndex
        last = aliasIndex
        return next(aliasIndex)
    }

    /// `from [.…]m import …` starting at the `from` token `first`.
    mutating func parseFrom(_ first: Int) -> Int {
        var k = next(first)
        var module = ""
        var moduleToken: Int?
        var last = first
        // Leading dots: `.` or `...` tokens.
        while k < tokens.count && tokens[k].kind == .op && (isOp(tokens[k], ".") || isOp(tokens[k], "...")) {
            if moduleToken == nil { moduleToken = k }
            module += tokens[k].length == 3 ? "..." : "."
            last = k
            k = next(k)
        }
        if !isName(k, "import"), let (name, nameToken, end) = dottedName(k) {
            if moduleToken == nil { moduleToken = nameToken }
            module += name
            last = end
            k = next(end)
        }
        guard moduleToken != nil, isName(k, "import") else {
            return finish(k, last: last).after
        }
        last = k
        k = next(k)
        var names: [ImportStatement.Name] = []
        if isOpAt(k, "*") {
            names.append(ImportStatement.Name(name: "*", nameToken: k))
            last = k
            k = next(k)
        } else {
            let parenthesised = isOpAt(k, "(")
            if parenthesised {
                last = k
                k = next(k)
            }
            while k < tokens.count && tokens[k].kind == .name {
                var entry = ImportStatement.Name(name: text(tokens[k]), nameToken: k)
                last = k
                k = parseAlias(of: &entry, at: next(k), last: &last)
                names.append(entry)
                guard isOpAt(k, ",") else { break }
                last = k
                k = next(k)
            }
            if parenthesised && isOpAt(k, ")") {
                last = k
                k = next(k)
            }
        }
        let (after, lastToken) = finish(k, last: last)
        if !names.isEmpty {
            result.append(ImportStatement(form: .pythonFrom, firstToken: first, lastToken: lastToken,
                                          module: module, moduleToken: moduleToken, names: names))
        }
        return after
    }

    /// Skips anything left before the statement's terminator (`.newline` or
    /// `;`), so garbage extends the statement rather than starting another.
    /// Returns the index of the terminator (not consumed) and the last
    /// non-comment token of the statement.
    func finish(_ k: Int, last: Int) -> (after: Int, lastToken: Int) {
        var k = k
        var last = last
        while k < tokens.count {
            let t = tokens[k]
            if t.kind == .newline || isOp(t, ";") { break }
            if t.kind != .comment { last = k }
            k += 1
        }
        return (k, last)
    }

    /// A dotted name starting at `k`: its joined text, first and last token.
    func dottedName(_ k: Int) -> (String, Int, Int)? {
        guard k < tokens.count && tokens[k].kind == .name else { return nil }
        var text = self.text(tokens[k])
        var end = k
        while true {
            let dot = next(end)
            guard isOpAt(dot, ".") else { break }
            let part = next(dot)
            guard part < tokens.count && tokens[part].kind == .name else { break }
            text += "."
            text += self.text(tokens[part])
            end = part
        }
        return (text, k, end)
    }

    // MARK: Token helpers

    /// The next non-comment token index after `k` (may be `tokens.count`).
    func next(_ k: Int) -> Int {
        var j = k + 1
        while j < tokens.count && tokens[j].kind == .comment { j += 1 }
        return j
    }

    func text(_ t: Token) -> String {
        let s = max(0, min(Int(t.start), bytes.count))
        let e = max(s, min(Int(t.end), bytes.count))
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    func equals(_ t: Token, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard t.length == count, Int(t.start) >= 0, Int(t.end) <= bytes.count else { return false }
        let p = literal.utf8Start
        let s = Int(t.start)
        for j in 0..<count where bytes[s + j] != p[j] { return false }
        return true
    }

    func isOp(_ t: Token, _ literal: StaticString) -> Bool {
        t.kind == .op && equals(t, literal)
    }

    func isOpAt(_ k: Int, _ literal: StaticString) -> Bool {
        k < tokens.count && isOp(tokens[k], literal)
    }

    func isName(_ k: Int, _ literal: StaticString) -> Bool {
        k < tokens.count && tokens[k].kind == .name && equals(tokens[k], literal)
    }
}
