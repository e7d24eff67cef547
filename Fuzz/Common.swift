// MARK: - Shared fuzz checks
//
// Compiled by Fuzz/run.sh into the GuardrailSyntax module itself, together
// with Sources/GuardrailSyntax/**/*.swift and one target file (python.swift or
// typescript.swift). This is not a SwiftPM target: `swift build` never sees it.
//
// Every check below is a property the sources document or their tests assert
// for all inputs. A failed check calls `fuzzFail`, which traps, so libFuzzer
// reports the input as a crash and writes it out.

/// Traps with a message naming the broken invariant.
@inline(never)
func fuzzFail(_ what: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError("fuzz invariant violated: \(what)", file: file, line: line)
}

/// Traps unless `condition` holds. The message is built only on failure.
@inline(__always)
func fuzzCheck(_ condition: Bool, _ what: @autoclosure () -> String,
               file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fuzzFail(what(), file: file, line: line) }
}

/// Evenly spaced sample of `0..<count`, at most `limit` long (all of it when short).
func fuzzSample(_ count: Int, _ limit: Int) -> [Int] {
    guard count > limit else { return Array(0..<count) }
    var out: [Int] = []
    out.reserveCapacity(limit)
    for i in 0..<limit { out.append(i * (count - 1) / (limit - 1)) }
    return out
}

enum FuzzChecks {
    // MARK: Tokens

    /// Tokens are in order, do not overlap, lie inside the buffer, and are
    /// non-empty unless `mayBeEmpty` says their kind may be.
    static func tokens(_ tokens: [Token], _ bytes: [UInt8], mayBeEmpty: (Token) -> Bool) {
        var previousEnd: Int32 = 0
        for (i, t) in tokens.enumerated() {
            fuzzCheck(t.start >= previousEnd, "token \(i) (\(t.kind)) starts at \(t.start), before the previous end \(previousEnd)")
            fuzzCheck(t.end >= t.start, "token \(i) (\(t.kind)) ends at \(t.end) before its start \(t.start)")
            fuzzCheck(Int(t.end) <= bytes.count, "token \(i) (\(t.kind)) ends at \(t.end), past the input (\(bytes.count) bytes)")
            fuzzCheck(t.end > t.start || mayBeEmpty(t), "token \(i) (\(t.kind)) at \(t.start) is empty")
            previousEnd = t.end
        }
    }

    /// `TokenPositions` gives every token the line and column of its first
    /// byte, as an independent walk over the line starts computes them
    /// (code points, a leading BOM not counted), and as `LineIndex.position`
    /// computes them for a sample of tokens. The line helpers the rules use
    /// instead of positions agree with that walk too: `onLaterLine` compares
    /// neighbours' lines; on a sample, `TokenText.indent` is the bytes before
    /// the token on its line and `startsLine` says there are none. Returns
    /// the positions.
    @discardableResult
    static func positions(_ tokens: [Token], _ bytes: [UInt8], _ index: LineIndex) -> [(line: Int, column: Int)] {
        let at = TokenPositions.of(tokens, in: bytes)
        fuzzCheck(at.count == tokens.count, "TokenPositions gave \(at.count) positions for \(tokens.count) tokens")
        let starts = index.lineStarts
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        var line = 0                 // 0-based index into `starts`
        var scan = bom ? 3 : 0       // bytes before `scan` on this line are counted
        var column = 1
        for (i, t) in tokens.enumerated() {
            let offset = Int(t.start)
            if line + 1 < starts.count && starts[line + 1] <= offset {
                while line + 1 < starts.count && starts[line + 1] <= offset { line += 1 }
                scan = starts[line]
                column = 1
            }
            while scan < offset {
                if bytes[scan] & 0xC0 != 0x80 { column += 1 }
                scan += 1
            }
            fuzzCheck(at[i].line == line + 1 && at[i].column == column,
                      "token \(i) (\(t.kind)) at byte \(offset): TokenPositions says \(at[i].line):\(at[i].column), the line starts say \(line + 1):\(column)")
            if i > 0 {
                fuzzCheck(TokenText.onLaterLine(t, than: tokens[i - 1], bytes) == (at[i].line > at[i - 1].line),
                          "TokenText.onLaterLine of tokens \(i - 1), \(i) disagrees with their lines")
            }
        }
        // `indent` and `startsLine` walk back to the line start: a sample,
        // so that a long line costs the harness linear time too.
        for i in fuzzSample(tokens.count, 64) {
            let t = tokens[i]
            let offset = Int(t.start)
            let line = index.line(of: offset) - 1
            let lineStart = line == 0 && bom ? min(3, offset) : starts[line]
            let indent = TokenText.indent(of: t, bytes)
            fuzzCheck(indent == offset - lineStart, "TokenText.indent of token \(i) is \(indent), want \(offset - lineStart)")
            fuzzCheck(TokenText.startsLine(t, bytes) == (offset == lineStart), "TokenText.startsLine of token \(i) is wrong")
        }
        for i in fuzzSample(tokens.count, 48) {
            let t = tokens[i]
            let p = index.position(of: Int(t.start), in: bytes)
            fuzzCheck(p.line == at[i].line && p.column == at[i].column,
                      "token \(i) at byte \(t.start): TokenPositions says \(at[i].line):\(at[i].column), LineIndex.position says \(p.line):\(p.column)")
            fuzzCheck(index.line(of: Int(t.start)) == at[i].line, "LineIndex.line(of: \(t.start)) disagrees with token \(i)")
        }
        return at
    }

    /// The text helpers agree with the token ranges.
    static func text(_ tokens: [Token], _ source: SourceFile) {
        let bytes = source.bytes
        for i in fuzzSample(tokens.count, 32) {
            let t = tokens[i]
            let a = source.text(of: t)
            let b = TokenText.string(t, bytes)
            fuzzCheck(a == b, "SourceFile.text(of:) and TokenText.string disagree on token \(i)")
            let own = Array(bytes[Int(t.start)..<Int(t.end)])
            fuzzCheck(source.tokenEquals(t, own), "SourceFile.tokenEquals(token, its own bytes) is false for token \(i)")
            fuzzCheck(source.tokenEquals(t, "(") == TokenText.equals(t, "(", bytes),
                      "SourceFile.tokenEquals and TokenText.equals disagree on token \(i)")
            fuzzCheck(TokenText.isOp(t, UInt8(ascii: "("), bytes) == (t.kind == .op && source.tokenEquals(t, "(")),
                      "TokenText.isOp disagrees with tokenEquals on token \(i)")
        }
    }

    // MARK: LineIndex

    /// `lineStarts` are exactly the offsets after each `\n`, `\r\n` and lone
    /// `\r` (plus 0); `line(of:)` and `lineRange` agree with them.
    static func lineIndex(_ index: LineIndex, _ bytes: [UInt8]) {
        let n = bytes.count
        var expected = [0]
        var i = 0
        while i < n {
            if bytes[i] == 0x0A {
                expected.append(i + 1)
            } else if bytes[i] == 0x0D {
                if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                expected.append(i + 1)
            }
            i += 1
        }
        let starts = index.lineStarts
        fuzzCheck(starts == expected, "LineIndex.lineStarts (\(starts.count) lines) differ from the line terminators (\(expected.count) lines)")
        for l in fuzzSample(starts.count, 64) {
            let s = starts[l]
            fuzzCheck(index.line(of: s) == l + 1, "LineIndex.line(of: \(s)) is \(index.line(of: s)), want \(l + 1)")
            if s > 0 { fuzzCheck(index.line(of: s - 1) == l, "LineIndex.line(of: \(s - 1)) is not \(l)") }
            let r = index.lineRange(l + 1, in: bytes)
            let next = l + 1 < starts.count ? starts[l + 1] : n
            fuzzCheck(r.lowerBound == s && r.upperBound <= next && r.upperBound >= r.lowerBound,
                      "LineIndex.lineRange(\(l + 1)) is \(r), the line spans \(s)..<\(next)")
            for k in r where bytes[k] == 0x0A || bytes[k] == 0x0D {
                fuzzFail("LineIndex.lineRange(\(l + 1)) = \(r) holds a line terminator at \(k)")
            }
        }
        fuzzCheck(index.line(of: n) == starts.count, "LineIndex.line(of: end) is not the last line")
        fuzzCheck(index.lineRange(0, in: bytes) == 0..<0, "LineIndex.lineRange(0) is not empty")
        fuzzCheck(index.lineRange(starts.count + 1, in: bytes) == 0..<0, "LineIndex.lineRange(past the end) is not empty")
        let end = index.position(of: n, in: bytes)
        fuzzCheck(end.line == starts.count && end.column >= 1, "LineIndex.position(of: end) is \(end)")
    }

    // MARK: Brackets

    /// Bracket kind of a token for `CodeView` (0 `()`, 1 `[]`, 2 `{}`, 3
    /// interpolated string), or nil for a non-bracket.
    static func bracketKind(_ t: Token, _ bytes: [UInt8]) -> UInt8? {
        switch t.kind {
        case .op:
            guard t.length == 1 else { return nil }
            switch bytes[Int(t.start)] {
            case UInt8(ascii: "("), UInt8(ascii: ")"): return 0
            case UInt8(ascii: "["), UInt8(ascii: "]"): return 1
            case UInt8(ascii: "{"), UInt8(ascii: "}"): return 2
            default: return nil
            }
        case .stringPart:
            return 3
        default:
            return nil
        }
    }

    /// `CodeView`: the comment-free positions in order; partners pair an
    /// opener with a later closer of the same bracket kind, both ways; pairs
    /// nest; each position's parent is an open group around it, and a pair's
    /// closer has its opener's parent.
    static func codeView(_ view: CodeView, _ tokens: [Token], _ bytes: [UInt8]) {
        let n = view.count
        fuzzCheck(view.partners.count == n && view.roles.count == n && view.parents.count == n,
                  "CodeView tables have different lengths")
        var expected = 0
        for t in tokens where t.kind != .comment { expected += 1 }
        fuzzCheck(n == expected, "CodeView has \(n) positions for \(expected) non-comment tokens")
        var previous: Int32 = -1
        for p in 0..<n {
            let index = view.indices[p]
            fuzzCheck(index > previous && Int(index) < tokens.count, "CodeView.indices[\(p)] = \(index) is out of order")
            previous = index
            let t = view.token(p, in: tokens)
            fuzzCheck(t.kind != .comment, "CodeView position \(p) is a comment")
            let role = view.roles[p]
            let partner = Int(view.partners[p])
            switch role {
            case .none, .middle:
                fuzzCheck(partner == -1, "CodeView position \(p) (\(role)) has a partner")
                if role == .middle { fuzzCheck(t.kind == .stringPart, "CodeView middle at \(p) is a \(t.kind)") }
                else { fuzzCheck(bracketKind(t, bytes) == nil || t.kind == .stringPart, "CodeView: bracket at \(p) has role none") }
            case .open:
                fuzzCheck(bracketKind(t, bytes) != nil, "CodeView opener at \(p) is not a bracket")
                if partner != -1 {
                    fuzzCheck(partner > p && partner < n, "CodeView opener \(p) has partner \(partner)")
                    fuzzCheck(view.roles[partner] == .close && Int(view.partners[partner]) == p,
                              "CodeView pair \(p)-\(partner) is not mutual")
                    fuzzCheck(bracketKind(t, bytes) == bracketKind(view.token(partner, in: tokens), bytes),
                              "CodeView pair \(p)-\(partner) mixes bracket kinds")
                    fuzzCheck(view.parents[partner] == view.parents[p],
                              "CodeView closer \(partner) has parent \(view.parents[partner]), its opener \(p) has \(view.parents[p])")
                }
            case .close:
                fuzzCheck(bracketKind(t, bytes) != nil, "CodeView closer at \(p) is not a bracket")
                if partner != -1 {
                    fuzzCheck(partner < p && view.roles[partner] == .open && Int(view.partners[partner]) == p,
                              "CodeView closer \(p) has partner \(partner), which does not point back")
                }
            }
            let parent = Int(view.parents[p])
            if parent != -1 {
                fuzzCheck(parent < p && view.roles[parent] == .open, "CodeView parent \(parent) of \(p) is not an earlier opener")
                let end = Int(view.partners[parent])
                fuzzCheck(end == -1 || p < end, "CodeView position \(p) lies after its parent's closer \(end)")
            }
            fuzzCheck(view.parent(p) == (parent >= 0 ? parent : nil), "CodeView.parent(\(p)) disagrees with parents")
            fuzzCheck(view.partner(p) == (partner >= 0 ? partner : nil), "CodeView.partner(\(p)) disagrees with partners")
        }
    }

    /// `TokenText.matchBrackets`: an opener's match is a later closer of its
    /// kind, and matched pairs nest.
    static func matchBrackets(_ match: [Int32], _ tokens: [Token], _ bytes: [UInt8]) {
        fuzzCheck(match.count == tokens.count, "matchBrackets has \(match.count) entries for \(tokens.count) tokens")
        var open: [Int] = []  // closers of the enclosing pairs
        for i in 0..<tokens.count {
            while let last = open.last, last < i { open.removeLast() }
            let m = Int(match[i])
            guard m != -1 else { continue }
            let t = tokens[i]
            fuzzCheck(m > i && m < tokens.count, "matchBrackets[\(i)] = \(m)")
            fuzzCheck(t.kind == .op && t.length == 1, "matchBrackets pairs non-bracket token \(i)")
            let c = tokens[m]
            fuzzCheck(c.kind == .op && c.length == 1, "matchBrackets pairs \(i) with non-bracket token \(m)")
            let pair = (bytes[Int(t.start)], bytes[Int(c.start)])
            fuzzCheck(pair == (UInt8(ascii: "("), UInt8(ascii: ")")) || pair == (UInt8(ascii: "["), UInt8(ascii: "]"))
                      || pair == (UInt8(ascii: "{"), UInt8(ascii: "}")), "matchBrackets pairs \(pair) at \(i)-\(m)")
            if let outer = open.last { fuzzCheck(m < outer, "matchBrackets pair \(i)-\(m) crosses the pair ending at \(outer)") }
            open.append(m)
        }
    }

    // MARK: Imports

    /// Shared import checks: token indices are in range and inside the
    /// statement's extent; aliases come with their tokens.
    static func imports(_ imports: [ImportStatement], _ tokens: [Token]) {
        for (s, statement) in imports.enumerated() {
            let first = statement.firstToken, last = statement.lastToken
            fuzzCheck(first >= 0 && first <= last && last < tokens.count,
                      "import \(s): extent \(first)...\(last) of \(tokens.count) tokens")
            if let m = statement.moduleToken {
                fuzzCheck(m >= first && m <= last, "import \(s): module token \(m) outside \(first)...\(last)")
            }
            if statement.module != nil {
                fuzzCheck(statement.moduleToken != nil, "import \(s): a module without its token")
            }
            for (k, name) in statement.names.enumerated() {
                if let t = name.nameToken {
                    fuzzCheck(t >= first && t <= last, "import \(s) name \(k): token \(t) outside \(first)...\(last)")
                }
                fuzzCheck((name.alias == nil) == (name.aliasToken == nil), "import \(s) name \(k): alias and alias token disagree")
                if let t = name.aliasToken {
                    fuzzCheck(t >= first && t <= last, "import \(s) name \(k): alias token \(t) outside \(first)...\(last)")
                }
                _ = name.localName
            }
        }
    }
}
