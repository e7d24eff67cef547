import GuardrailSyntax
import Yams

// MARK: - StringLiteralPatternCheck

/// `string-literal-pattern`: a string literal that uses a name as SQL — the
/// word right after one of the SQL keywords (`FROM`, `JOIN`, `INTO`,
/// `UPDATE`, `TABLE`; optionally quoted or schema-qualified) — or declares it
/// as an ORM table: `__tablename__ = "word"`, the first argument of
/// `Table(…)` / `op.create_table(…)`, or a `ForeignKey("word.column")`.
/// A string that merely contains the word (a header or metric name) is not a hit.
public struct StringLiteralPatternCheck: Check {
    public let word: [UInt8]
    /// Uppercased SQL keywords that may precede the word.
    public let keywords: [[UInt8]]
    public let assignments: [[UInt8]]
    public let firstArgumentOf: [[UInt8]]
    public let prefixArgumentOf: [[UInt8]]
    public let sqlMessage: String
    public let declarationMessage: String

    public var triggers: [[UInt8]] { [word] }

    public func run(_ file: FileContext, into hits: inout [Hit]) {
        let tokens = file.tokens, bytes = file.bytes
        for i in tokens.indices where tokens[i].kind.isStringLike {
            let token = tokens[i]
            if file.language == .python && token.kind == .string
                && (isBareStatement(i, tokens) || isMembershipProbe(i, tokens, bytes)) { continue }
            var at = Int(token.start)
            let end = Int(token.end)
            var reported = false
            let raw = token.kind == .string && openingEnd(token, bytes)?.raw == true
            while let found = find(bytes, from: at, to: end) {
                at = found + word.count
                guard isBoundary(bytes, found - 1, lower: Int(token.start)) || (!raw && isWhitespaceEscape(bytes, before: found, lower: Int(token.start))),
                      isBoundary(bytes, found + word.count, lower: 0, upper: end) else { continue }
                if let keyword = keywordBefore(found, in: i, tokens, bytes, language: file.language) {
                    hits.append(Hit(start: found, end: found + word.count,
                                    message: sqlMessage.replacingPlaceholder("{keyword}", with: keyword)))
                    reported = true
                }
            }
            if !reported, token.kind == .string, let kind = declaration(i, tokens, bytes, brackets: file.brackets) {
                hits.append(Hit(start: Int(token.start), end: end, message: declarationMessage.replacingPlaceholder("{form}", with: kind)))
            }
        }
    }

    /// A Python string that is a whole statement by itself: a docstring (or
    /// a string used as a comment), documentation rather than SQL.
    private func isBareStatement(_ i: Int, _ tokens: [Token]) -> Bool {
        var p = i - 1
        while p >= 0 && tokens[p].kind == .comment { p -= 1 }
        var n = i + 1
        while n < tokens.count && tokens[n].kind == .comment { n += 1 }
        let startsLine = p < 0 || tokens[p].kind == .newline
        let endsLine = n >= tokens.count || tokens[n].kind == .newline
        return startsLine && endsLine
    }

    /// `"from availability_slots" in sql`: a substring probe (a runtime
    /// guard looking for the table in a query), not SQL itself.
    private func isMembershipProbe(_ i: Int, _ tokens: [Token], _ bytes: [UInt8]) -> Bool {
        var n = i + 1
        while n < tokens.count && (tokens[n].kind == .comment || tokens[n].kind == .string) { n += 1 }
        guard n < tokens.count, tokens[n].kind == .name else { return false }
        if TokenText.equals(tokens[n], "in", bytes) { return true }
        return TokenText.equals(tokens[n], "not", bytes) && n + 1 < tokens.count && TokenText.equals(tokens[n + 1], "in", bytes)
    }

    // MARK: - SQL

    /// Case-insensitive search for the word.
    private func find(_ bytes: [UInt8], from: Int, to: Int) -> Int? {
        let n = word.count
        guard n > 0, to - from >= n else { return nil }
        let first = word[0] | 0x20
        var i = from
        while i + n <= to {
            if bytes[i] | 0x20 == first {
                var k = 1
                while k < n && lower(bytes[i + k]) == lower(word[k]) { k += 1 }
                if k == n { return i }
            }
            i += 1
        }
        return nil
    }

    @inline(__always) private func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b | 0x20 : b }

    private func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
    }

    private func isBoundary(_ bytes: [UInt8], _ i: Int, lower: Int, upper: Int = Int.max) -> Bool {
        guard i >= lower, i < min(upper, bytes.count) else { return true }
        return !isIdentifierByte(bytes[i])
    }

    /// The SQL keyword before the word at `found` in string token `i`: read
    /// back through the literal and, in Python and C, the adjacent literals
    /// before it (`"SELECT * FROM " "word"` is one string), with the escapes
    /// `\n`, `\t`, `\r` read as the white space they stand for (not in raw
    /// strings).
    private func keywordBefore(_ found: Int, in i: Int, _ tokens: [Token], _ bytes: [UInt8], language: Language) -> String? {
        let token = tokens[i]
        let opening = token.kind == .string ? openingEnd(token, bytes) : nil
        var text: [UInt8] = []
        if let opening, language == .python || language == .c {
            var pieces: [ArraySlice<UInt8>] = []
            var p = i - 1
            while pieces.count < 4 {
                while p >= 0 && tokens[p].kind == .comment { p -= 1 }
                guard p >= 0, tokens[p].kind == .string, let (from, raw) = openingEnd(tokens[p], bytes) else { break }
                let to = Int(tokens[p].end) - (from - Int(tokens[p].start) - prefixLength(tokens[p], bytes))
                guard to >= from else { break }
                pieces.append(raw ? bytes[from..<to] : ArraySlice(unescapingWhitespace(bytes[from..<to])))
                p -= 1
            }
            for piece in pieces.reversed() { text += piece }
            let own = bytes[opening.end..<found]
            text += opening.raw ? Array(own) : unescapingWhitespace(own)
        } else {
            let own = bytes[Int(token.start)..<found]
            text = opening?.raw == true ? Array(own) : unescapingWhitespace(own)
        }
        return precedingKeyword(text, before: text.count, lower: 0)
    }

    /// The offset after a string literal's prefix and opening quote(s), and
    /// whether it is raw (an `r`/`R` prefix); nil for other tokens.
    private func openingEnd(_ token: Token, _ bytes: [UInt8]) -> (end: Int, raw: Bool)? {
        let s = Int(token.start), e = Int(token.end)
        let q = s + prefixLength(token, bytes)
        guard q < e, bytes[q] == UInt8(ascii: "\"") || bytes[q] == UInt8(ascii: "'") || bytes[q] == UInt8(ascii: "`") else { return nil }
        let raw = bytes[s..<q].contains { $0 | 0x20 == UInt8(ascii: "r") }
        let triple = q + 2 < e && bytes[q + 1] == bytes[q] && bytes[q + 2] == bytes[q] && e - q >= 6
        return (q + (triple ? 3 : 1), raw)
    }

    private func prefixLength(_ token: Token, _ bytes: [UInt8]) -> Int {
        var q = Int(token.start)
        while q < Int(token.end) && isIdentifierByte(bytes[q]) { q += 1 }
        return q - Int(token.start)
    }

    /// Whether `\n`, `\t` or `\r` (an odd run of backslashes, then the
    /// letter) ends right before `offset`.
    private func isWhitespaceEscape(_ bytes: [UInt8], before offset: Int, lower: Int) -> Bool {
        let letter = offset - 1
        guard letter - 1 >= lower, bytes[letter] == UInt8(ascii: "n") || bytes[letter] == UInt8(ascii: "t") || bytes[letter] == UInt8(ascii: "r") else { return false }
        var k = letter - 1, backslashes = 0
        while k >= lower && bytes[k] == UInt8(ascii: "\\") { backslashes += 1; k -= 1 }
        return backslashes % 2 == 1
    }

    /// The bytes with the escapes `\n`, `\t` and `\r` replaced by a space
    /// (an escaped backslash stays as it is).
    private func unescapingWhitespace(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var k = bytes.startIndex
        while k < bytes.endIndex {
            if bytes[k] == UInt8(ascii: "\\"), k + 1 < bytes.endIndex {
                let next = bytes[k + 1]
                if next == UInt8(ascii: "n") || next == UInt8(ascii: "t") || next == UInt8(ascii: "r") {
                    out.append(0x20)
                } else {
                    out.append(bytes[k]); out.append(next)
                }
                k += 2
                continue
            }
            out.append(bytes[k])
            k += 1
        }
        return out
    }

    /// The SQL keyword before the word: skipping white space, an opening
    /// quote (`"`, `` ` ``, `[`) and a `schema.` qualifier.
    private func precedingKeyword(_ bytes: [UInt8], before start: Int, lower: Int) -> String? {
        var i = start - 1
        if i >= lower, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "`") || bytes[i] == UInt8(ascii: "[") { i -= 1 }
        if i >= lower, bytes[i] == UInt8(ascii: ".") {
            // schema qualifier: `public.availability_slots`, `"public"."availability_slots"`
            i -= 1
            if i >= lower, bytes[i] == UInt8(ascii: "\"") { i -= 1 }
            while i >= lower && isIdentifierByte(bytes[i]) { i -= 1 }
            if i >= lower, bytes[i] == UInt8(ascii: "\"") { i -= 1 }
        }
        var sawSpace = false
        while i >= lower && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D) { i -= 1; sawSpace = true }
        guard sawSpace else { return nil }
        let wordEnd = i + 1
        while i >= lower && isIdentifierByte(bytes[i]) { i -= 1 }
        let wordStart = i + 1
        guard wordEnd > wordStart else { return nil }
        for keyword in keywords where keyword.count == wordEnd - wordStart {
            var k = 0
            while k < keyword.count && (bytes[wordStart + k] & 0xDF) == keyword[k] { k += 1 }
            if k == keyword.count { return String(decoding: keyword, as: UTF8.self) }
        }
        return nil
    }

    // MARK: - ORM declarations

    /// `__tablename__ = "word"`, `Table("word", …)`, `ForeignKey("word.id")`.
    private func declaration(_ i: Int, _ tokens: [Token], _ bytes: [UInt8], brackets: [Int32]) -> String? {
        guard let content = contentRange(tokens[i], bytes) else { return nil }
        let exact = content.count == word.count && bytes[content] .elementsEqual(word)
        let prefixed = content.count > word.count && bytes[content.lowerBound..<(content.lowerBound + word.count)].elementsEqual(word)
            && bytes[content.lowerBound + word.count] == UInt8(ascii: ".")
        guard exact || prefixed else { return nil }
        let prev = previousCode(tokens, i)
        guard prev >= 0 else { return nil }
        if exact, TokenText.isOp(tokens[prev], UInt8(ascii: "="), bytes) {
            let target = previousCode(tokens, prev)
            if target >= 0, tokens[target].kind == .name, assignments.contains(where: { equal(tokens[target], $0, bytes) }) {
                return TokenText.string(tokens[target], bytes) + " ="
            }
            return nil
        }
        // First argument of a call: `(` right before, a callee name before that.
        guard TokenText.isOp(tokens[prev], UInt8(ascii: "("), bytes) else { return nil }
        let callee = previousCode(tokens, prev)
        guard callee >= 0, tokens[callee].kind == .name else { return nil }
        let names = exact ? firstArgumentOf : prefixArgumentOf
        if names.contains(where: { equal(tokens[callee], $0, bytes) }) {
            return TokenText.string(tokens[callee], bytes) + "(…)"
        }
        return nil
    }

    /// The bytes between the quotes of a plain string literal (nil for f/t-strings).
    private func contentRange(_ token: Token, _ bytes: [UInt8]) -> Range<Int>? {
        var s = Int(token.start)
        let e = Int(token.end)
        while s < e && bytes[s] != UInt8(ascii: "'") && bytes[s] != UInt8(ascii: "\"") && bytes[s] != UInt8(ascii: "`") {
            if bytes[s] | 0x20 == UInt8(ascii: "f") || bytes[s] | 0x20 == UInt8(ascii: "t") { return nil }
            s += 1
        }
        guard s < e else { return nil }
        let q = bytes[s]
        var quoteLength = 1
        if s + 2 < e && bytes[s + 1] == q && bytes[s + 2] == q && e - s >= 6 { quoteLength = 3 }
        let lo = s + quoteLength, hi = e - quoteLength
        guard hi >= lo, bytes[e - 1] == q else { return nil }
        return lo..<hi
    }

    private func previousCode(_ tokens: [Token], _ i: Int) -> Int {
        var j = i - 1
        while j >= 0 && (tokens[j].kind == .comment || tokens[j].kind == .newline) { j -= 1 }
        return j
    }

    private func equal(_ token: Token, _ name: [UInt8], _ bytes: [UInt8]) -> Bool {
        guard token.length == name.count else { return false }
        let s = Int(token.start)
        for k in 0..<name.count where bytes[s + k] != name[k] { return false }
        return true
    }
}

// MARK: - Loading

extension StringLiteralPatternCheck {
    /// ```yaml
    /// check:
    ///   kind: string-literal-pattern
    ///   word: availability_slots
    ///   sql_keywords: [FROM, JOIN, INTO, UPDATE, TABLE]
    ///   assignments: [__tablename__]
    ///   first_argument_of: [Table, table, create_table]
    ///   prefix_argument_of: [ForeignKey]
    ///   sql_message: "…{keyword}…"
    ///   declaration_message: "…{form}…"
    /// ```
    static func load(_ node: Node, reader: YAMLReader) throws -> StringLiteralPatternCheck {
        let entries = try reader.mapping(node, what: "`check` (string-literal-pattern)", allowed: [
            "kind", "word", "sql_keywords", "assignments", "first_argument_of", "prefix_argument_of",
            "sql_message", "declaration_message",
        ])
        var word = "", keywords: [String] = [], assignments: [String] = [], first: [String] = [], prefix: [String] = []
        var sqlMessage = "string uses `{word}` as SQL", declarationMessage = "string declares `{word}`"
        for (key, _, value) in entries {
            switch key {
            case "word": word = try reader.string(value, what: "`word`")
            case "sql_keywords": keywords = try reader.strings(value, what: "`sql_keywords`")
            case "assignments": assignments = try reader.strings(value, what: "`assignments`")
            case "first_argument_of": first = try reader.strings(value, what: "`first_argument_of`")
            case "prefix_argument_of": prefix = try reader.strings(value, what: "`prefix_argument_of`")
            case "sql_message": sqlMessage = try reader.string(value, what: "`sql_message`")
            case "declaration_message": declarationMessage = try reader.string(value, what: "`declaration_message`")
            default: break
            }
        }
        guard !word.isEmpty else { throw reader.error(node, "string-literal-pattern needs `word`") }
        return StringLiteralPatternCheck(
            word: Array(word.utf8), keywords: keywords.map { Array($0.uppercased().utf8) },
            assignments: assignments.map { Array($0.utf8) }, firstArgumentOf: first.map { Array($0.utf8) },
            prefixArgumentOf: prefix.map { Array($0.utf8) },
            sqlMessage: sqlMessage.replacingPlaceholder("{word}", with: word),
            declarationMessage: declarationMessage.replacingPlaceholder("{word}", with: word))
    }
}
