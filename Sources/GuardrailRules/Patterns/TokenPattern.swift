import GuardrailSyntax

// MARK: - TokenPattern

/// A token sequence with metavariables and balanced wildcards, compiled with
/// one language's lexer (SPEC §5):
/// - `$NAME` (`$` and an upper-case name: `$A`, `$URL`, `$_1`) matches one
///   operand: an identifier or literal (number, string, a whole f-string or
///   template, a parenthesised / bracketed / braced group) with any chain of
///   `.name`, `?.name`, `(…)` and `[…]` after it. The same name twice must
///   match the same tokens; `$_` matches any operand each time.
/// - `...` matches any balanced token sequence (possibly empty) that stays
///   inside its group and its statement.
/// - Any other token matches a code token with the same kind and bytes, so a
///   pattern's names and operators never match inside strings or comments.
///
/// Matching is blind to whitespace and comments, does not start right after
/// a `.` (the middle of a chain), and reports the leftmost non-overlapping
/// matches. It walks brackets through the file's `CodeView` table, so input
/// nesting costs no stack; recursion is bounded by the pattern's length, and
/// each start position has a fixed step budget, so no input makes it blow up.
public struct TokenPattern: Sendable {
    /// One element of a compiled pattern.
    public enum Element: Sendable, Equatable {
        /// A code token to match by kind and bytes.
        case token(TokenKind, [UInt8])
        /// A metavariable: its binding slot, or -1 for `$_`.
        case metavariable(Int)
        /// `...`
        case wildcard
    }

    /// The pattern as written.
    public let text: String
    /// The language whose lexer compiled it.
    public let language: Language
    /// The compiled elements, comments and line ends dropped.
    public let elements: [Element]
    /// Metavariable names by slot (without `$`).
    public let metavariables: [String]
    /// `elements` flattened for the matcher: one `Step` per element, literal
    /// bytes in one buffer (no per-token arrays to retain while matching).
    let steps: [Step]
    let literals: [UInt8]
    /// Offsets into `literals` of the pattern's literal names: a file whose
    /// code has none of the longest one cannot match.
    let anchor: Range<Int>?
    /// The literal step (no wildcard before it) whose occurrences seed the
    /// start positions; nil when the pattern starts with a wildcard.
    let seed: Int?

    /// The binding strength of the loosest binary operator at the pattern's
    /// top level (`+` in `$A.hour * 60 + $B.minute`), or nil when it has none.
    /// A match must be a whole expression: the token after it may not bind
    /// its last operand tighter (`… + s.minute * 2`, `… + s.minute()`), nor
    /// may the token before bind its first operand tighter (`x / a.hour * 60 + …`).
    let loosestOperator: Int?

    /// Binding strength of a binary operator's bytes (higher binds tighter), or nil.
    static func precedence(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> Int? {
        func at(_ k: Int) -> UInt8 { bytes(b, start + k) }
        func bytes(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt8 { b[i] }
        switch length {
        case 1:
            switch at(0) {
            case UInt8(ascii: "|"): return 1
            case UInt8(ascii: "^"): return 2
            case UInt8(ascii: "&"): return 3
            case UInt8(ascii: "+"), UInt8(ascii: "-"): return 5
            case UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "%"), UInt8(ascii: "@"): return 6
            default: return nil
            }
        case 2:
            if at(0) == UInt8(ascii: "*") && at(1) == UInt8(ascii: "*") { return 8 }
            if at(0) == UInt8(ascii: "/") && at(1) == UInt8(ascii: "/") { return 6 }
            if at(0) == UInt8(ascii: "<") && at(1) == UInt8(ascii: "<") { return 4 }
            return nil
        default:
            return nil
        }
    }

    /// Steps one start position may take before it is abandoned.
    static let stepBudget = 20_000

    /// Compiles `text` with `language`'s lexer (TS/JS patterns use the
    /// TypeScript dialect without JSX).
    public init(_ text: String, language: Language) throws(TokenPatternError) {
        self.text = text
        self.language = language
        let bytes = Array(text.utf8)
        let tokens: [Token]
        switch language {
        case .python: tokens = PythonLexer.tokenize(bytes)
        case .typescript: tokens = TSLexer.tokenize(bytes, dialect: ScriptDialect(jsx: false, typescript: true))
        case .c, .json, .yaml: throw TokenPatternError(message: "token patterns apply to Python and TS/JS only")
        }
        var elements: [Element] = []
        var names: [String] = []
        var i = 0
        func slot(_ name: String) -> Int {
            if name == "_" { return -1 }
            if let s = names.firstIndex(of: name) { return s }
            names.append(name)
            return names.count - 1
        }
        while i < tokens.count {
            let t = tokens[i]
            let s = Int(t.start), e = Int(t.end)
            defer { i += 1 }
            switch t.kind {
            case .comment, .newline:
                continue
            case .invalid where language == .python && e - s == 1 && bytes[s] == UInt8(ascii: "$")
                && i + 1 < tokens.count && tokens[i + 1].kind == .name && Int(tokens[i + 1].start) == e
                && Self.isMetavariableName(bytes[e..<Int(tokens[i + 1].end)]):
                elements.append(.metavariable(slot(String(decoding: bytes[e..<Int(tokens[i + 1].end)], as: UTF8.self))))
                i += 1
            case .name where language == .typescript && bytes[s] == UInt8(ascii: "$")
                && Self.isMetavariableName(bytes[(s + 1)..<e]):
                elements.append(.metavariable(slot(String(decoding: bytes[(s + 1)..<e], as: UTF8.self))))
            case .op where e - s == 3 && bytes[s] == UInt8(ascii: ".") && bytes[s + 1] == UInt8(ascii: ".")
                && bytes[s + 2] == UInt8(ascii: "."):
                if elements.last != .wildcard { elements.append(.wildcard) }
            default:
                elements.append(.token(t.kind, Array(bytes[s..<e])))
            }
        }
        guard !elements.isEmpty else { throw TokenPatternError(message: "empty token pattern") }
        guard elements.contains(where: { if case .token = $0 { return true } else { return false } }) else {
            throw TokenPatternError(message: "token pattern `\(text)` has no literal token: it would match everywhere")
        }
        // Brackets must balance, or the pattern could never match balanced code.
        var depth: [UInt8] = []
        for element in elements {
            guard case .token(let kind, let b) = element, kind == .op, b.count == 1 else { continue }
            switch b[0] {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth.append(b[0])
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                let open: UInt8 = b[0] == UInt8(ascii: ")") ? UInt8(ascii: "(") : b[0] - 2
                guard depth.popLast() == open else {
                    throw TokenPatternError(message: "token pattern `\(text)` has an unbalanced `\(Character(UnicodeScalar(b[0])))`")
                }
            default: break
            }
        }
        guard depth.isEmpty else { throw TokenPatternError(message: "token pattern `\(text)` has an unclosed bracket") }
        self.elements = elements
        self.metavariables = names
        var steps: [Step] = []
        var literals: [UInt8] = []
        var anchor: Range<Int>? = nil
        for element in elements {
            switch element {
            case .token(let kind, let b):
                let range = literals.count..<(literals.count + b.count)
                literals += b
                steps.append(Step(kind: .token, tokenKind: kind, literal: range, slot: -1))
                if kind == .name && b.count > (anchor?.count ?? 0) { anchor = range }
            case .metavariable(let slot):
                steps.append(Step(kind: .metavariable, tokenKind: .name, literal: 0..<0, slot: slot))
            case .wildcard:
                steps.append(Step(kind: .wildcard, tokenKind: .name, literal: 0..<0, slot: -1))
            }
        }
        self.steps = steps
        self.literals = literals
        self.anchor = anchor
        // Rather than trying a start at every token, seed the starts from
        // one literal step, the longest name before any wildcard: each of its
        // occurrences walks back over the steps before it.
        var seed: Int? = nil
        for (e, step) in steps.enumerated() {
            if step.kind == .wildcard { break }
            guard step.kind == .token else { continue }
            if let s = seed {
                let current = steps[s]
                if step.tokenKind == .name
                    && (current.tokenKind != .name || step.literal.count > current.literal.count) { seed = e }
            } else {
                seed = e
            }
        }
        self.seed = seed
        var loosest: Int? = nil
        var level = 0
        for element in elements {
            guard case .token(let kind, let b) = element, kind == .op else { continue }
            if b.count == 1 && (b[0] == UInt8(ascii: "(") || b[0] == UInt8(ascii: "[") || b[0] == UInt8(ascii: "{")) { level += 1; continue }
            if b.count == 1 && (b[0] == UInt8(ascii: ")") || b[0] == UInt8(ascii: "]") || b[0] == UInt8(ascii: "}")) { level -= 1; continue }
            guard level == 0 else { continue }
            let p = b.withUnsafeBufferPointer { Self.precedence($0, 0, b.count) }
            if let p { loosest = min(loosest ?? p, p) }
        }
        self.loosestOperator = loosest
    }

    /// One element in the matcher's flat form.
    struct Step: Sendable {
        enum Kind: UInt8, Sendable { case token, metavariable, wildcard }
        var kind: Kind
        var tokenKind: TokenKind
        /// `.token`: its bytes in `literals`.
        var literal: Range<Int>
        /// `.metavariable`: the binding slot, -1 for `$_`.
        var slot: Int
    }

    /// `[A-Z_][A-Z0-9_]*`
    static func isMetavariableName(_ name: ArraySlice<UInt8>) -> Bool {
        guard let first = name.first, first == UInt8(ascii: "_") || (first >= 0x41 && first <= 0x5A) else { return false }
        return name.allSatisfy { $0 == UInt8(ascii: "_") || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// Every literal name and number of the pattern, once each: a file
    /// lacking any of them cannot match.
    public var literalWords: [[UInt8]] {
        var words: [[UInt8]] = []
        for case .token(let kind, let b) in elements where (kind == .name || kind == .number) && !words.contains(b) {
            words.append(b)
        }
        return words
    }

    /// The pattern's runs of consecutive literal tokens (`hour * 60 +` in
    /// `$A.hour * 60 + $B.minute`), each from its first name or number on
    /// and only when another token follows that: the code of a match holds
    /// each run's tokens one after the other, with only blanks and comments
    /// between.
    public var literalRuns: [[[UInt8]]] {
        var runs: [[[UInt8]]] = []
        var run: [[UInt8]] = []
        func close() {
            if run.count >= 2 { runs.append(run) }
            run = []
        }
        for element in elements {
            guard case .token(let kind, let b) = element else { close(); continue }
            if run.isEmpty && kind != .name && kind != .number { continue }
            run.append(b)
        }
        close()
        return runs
    }

    /// The longest literal name or number of the pattern: a file without it
    /// cannot match (for the prefilter).
    public var trigger: [UInt8]? {
        var best: [UInt8]? = nil
        for case .token(let kind, let b) in elements where kind == .name || kind == .number {
            if b.count > (best?.count ?? 0) { best = b }
        }
        return best
    }

    // MARK: Matching

    /// The byte ranges of the pattern's leftmost non-overlapping matches in
    /// a file of the pattern's language.
    public func matches(tokens: [Token], bytes: [UInt8], view: CodeView) -> [Range<Int>] {
        guard view.count > 0 else { return [] }
        return tokens.withUnsafeBufferPointer { t in
            bytes.withUnsafeBufferPointer { b in
                view.indices.withUnsafeBufferPointer { i in
                    view.partners.withUnsafeBufferPointer { p in
                        view.roles.withUnsafeBufferPointer { r in
                            steps.withUnsafeBufferPointer { s in
                                literals.withUnsafeBufferPointer { l in
                                    var matcher = Matcher(steps: s, literals: l, anchor: anchor, seed: seed, loosest: loosestOperator,
                                                          python: language == .python, slots: metavariables.count,
                                                          tokens: t, bytes: b, indices: i, partners: p, roles: r)
                                    return matcher.all()
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A token pattern that cannot be compiled.
public struct TokenPatternError: Error, Sendable {
    /// What is wrong, naming the pattern.
    public var message: String
}

// MARK: - Matcher

/// Backtracking over one file's view, on raw buffers: the debug build spends
/// its time in retain/release otherwise.
private struct Matcher {
    let steps: UnsafeBufferPointer<TokenPattern.Step>
    let literals: UnsafeBufferPointer<UInt8>
    let anchor: Range<Int>?
    let seed: Int?
    let loosest: Int?
    let python: Bool
    let tokens: UnsafeBufferPointer<Token>
    let bytes: UnsafeBufferPointer<UInt8>
    let indices: UnsafeBufferPointer<Int32>
    let partners: UnsafeBufferPointer<Int32>
    let roles: UnsafeBufferPointer<CodeView.Role>
    let count: Int
    /// Bound view ranges by slot (empty range: unbound).
    var bound: [Range<Int>]
    /// Candidate operand ends, shared by the recursion levels as a stack.
    var ends: [Int] = []
    var work = 0

    init(steps: UnsafeBufferPointer<TokenPattern.Step>, literals: UnsafeBufferPointer<UInt8>, anchor: Range<Int>?,
         seed: Int?, loosest: Int?, python: Bool, slots: Int, tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>,
         indices: UnsafeBufferPointer<Int32>, partners: UnsafeBufferPointer<Int32>,
         roles: UnsafeBufferPointer<CodeView.Role>) {
        self.steps = steps
        self.literals = literals
        self.anchor = anchor
        self.seed = seed
        self.loosest = loosest
        self.python = python
        self.tokens = tokens
        self.bytes = bytes
        self.indices = indices
        self.partners = partners
        self.roles = roles
        self.count = indices.count
        self.bound = Array(repeating: 0..<0, count: slots)
    }

    mutating func all() -> [Range<Int>] {
        // A seed scan finds every occurrence of its literal anyway: when that
        // is the anchor name, the separate presence scan is redundant.
        if let anchor, seed.map({ steps[$0].literal != anchor }) ?? true, !hasName(anchor) { return [] }
        if let seed, let starts = seededStarts(seed) { return matches(at: starts) }
        var out: [Range<Int>] = []
        var start = 0
        while start < count {
            if isMemberDot(start - 1) || !canStart(start) {
                start += 1
                continue
            }
            work = 0
            for s in bound.indices { bound[s] = 0..<0 }
            if let end = match(0, start), end > start, isWholeExpression(start, end) {
                out.append(Int(token(start).start)..<Int(token(end - 1).end))
                start = end
            } else {
                start += 1
            }
        }
        return out
    }

    /// Leftmost non-overlapping matches among candidate starts (sorted):
    /// the same matches as trying every position when no other position
    /// can start one.
    mutating func matches(at starts: [Int]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var next = 0
        var previous = -1
        for start in starts where start >= next && start != previous {
            previous = start
            if isMemberDot(start - 1) || !canStart(start) { continue }
            work = 0
            for s in bound.indices { bound[s] = 0..<0 }
            if let end = match(0, start), end > start, isWholeExpression(start, end) {
                out.append(Int(token(start).start)..<Int(token(end - 1).end))
                next = end
            }
        }
        return out
    }

    /// Every position from which steps `0…seed` could reach an occurrence
    /// of the seed step's literal (a superset of the match starts), sorted;
    /// nil when collecting them costs more than a plain scan would.
    func seededStarts(_ seed: Int) -> [Int]? {
        var starts: [Int] = []
        var budget = 8 * count + 10_000
        let step = steps[seed]
        var k = 0
        while k < count {
            if literal(k, step) {
                collectStarts(seed - 1, k, into: &starts, budget: &budget)
                if budget < 0 { return nil }
            }
            k += 1
        }
        starts.sort()
        return starts
    }

    /// Adds every position `s` from which steps `0…e` can end exactly at `p`,
    /// ignoring metavariable bindings (a superset): literal steps walk back
    /// one token, an operand walks back over its chain (`.name`, `(…)`,
    /// `[…]`, TS `!`) offering each head it passes.
    func collectStarts(_ e: Int, _ p: Int, into starts: inout [Int], budget: inout Int) {
        budget -= 1
        if budget < 0 { return }
        if e < 0 {
            starts.append(p)
            return
        }
        let step = steps[e]
        switch step.kind {
        case .token:
            if p > 0 && literal(p - 1, step) { collectStarts(e - 1, p - 1, into: &starts, budget: &budget) }
        case .metavariable:
            var c = p
            walk: while c > 0 && budget >= 0 {
                budget -= 1
                let q = c - 1
                switch token(q).kind {
                case .name:
                    collectStarts(e - 1, q, into: &starts, budget: &budget)
                    if isMemberDot(q - 1) { c = q - 1; continue walk }
                case .number, .string, .regex:
                    collectStarts(e - 1, q, into: &starts, budget: &budget)
                default:
                    if roles[q] == .close, let o = partner(q) {
                        collectStarts(e - 1, o, into: &starts, budget: &budget)
                        if isOp(o, UInt8(ascii: "(")) || isOp(o, UInt8(ascii: "[")) { c = o; continue walk }
                    } else if !python && isOp(q, UInt8(ascii: "!")) {
                        c = q
                        continue walk
                    }
                }
                break walk
            }
        case .wildcard:
            // Seeds have no wildcard before them; stay a superset anyway.
            for s in 0...p { starts.append(s) }
        }
    }

    /// For a pattern with a top-level binary operator: the match is not the
    /// operand of something binding tighter on either side.
    func isWholeExpression(_ start: Int, _ end: Int) -> Bool {
        guard let loosest else { return true }
        if end < count {
            let t = token(end)
            if t.kind == .op {
                let s = Int(t.start)
                if t.length == 1 && (bytes[s] == UInt8(ascii: ".") || bytes[s] == UInt8(ascii: "(") || bytes[s] == UInt8(ascii: "[")) { return false }
                if t.length == 2 && bytes[s] == UInt8(ascii: "?") && bytes[s + 1] == UInt8(ascii: ".") { return false }
                if let p = TokenPattern.precedence(bytes, s, t.length), p > loosest { return false }
            }
        }
        if start > 0 {
            let t = token(start - 1)
            if t.kind == .op, let p = TokenPattern.precedence(bytes, Int(t.start), t.length), p > loosest { return false }
        }
        return true
    }

    /// Whether some code name token spells `literals[range]`.
    func hasName(_ range: Range<Int>) -> Bool {
        let n = range.count
        var k = 0
        while k < count {
            let t = token(k)
            if t.kind == .name && t.length == n && sameBytes(Int(t.start), range) { return true }
            k += 1
        }
        return false
    }

    /// A cheap test of the first step before the full match.
    func canStart(_ k: Int) -> Bool {
        let step = steps[0]
        switch step.kind {
        case .token: return literal(k, step)
        case .metavariable: return operandHead(k) != nil
        case .wildcard: return true
        }
    }

    // MARK: Tokens

    @inline(__always) func token(_ k: Int) -> Token { tokens[Int(indices[k])] }

    @inline(__always) func partner(_ k: Int) -> Int? {
        let p = partners[k]
        return p >= 0 ? Int(p) : nil
    }

    func isOp(_ k: Int, _ c: UInt8) -> Bool {
        guard k >= 0 && k < count else { return false }
        let t = token(k)
        return t.kind == .op && t.length == 1 && bytes[Int(t.start)] == c
    }

    func isMemberDot(_ k: Int) -> Bool {
        guard k >= 0 && k < count else { return false }
        let t = token(k)
        guard t.kind == .op else { return false }
        let s = Int(t.start)
        return (t.length == 1 && bytes[s] == UInt8(ascii: "."))
            || (t.length == 2 && bytes[s] == UInt8(ascii: "?") && bytes[s + 1] == UInt8(ascii: "."))
    }

    @inline(__always) func sameBytes(_ start: Int, _ range: Range<Int>) -> Bool {
        var i = start
        for j in range {
            if bytes[i] != literals[j] { return false }
            i += 1
        }
        return true
    }

    func literal(_ k: Int, _ step: TokenPattern.Step) -> Bool {
        guard k < count else { return false }
        let t = token(k)
        return t.kind == step.tokenKind && t.length == step.literal.count && sameBytes(Int(t.start), step.literal)
    }

    /// Whether two view ranges hold the same tokens (kind and bytes).
    func sameTokens(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        var j = b.lowerBound
        for i in a {
            let x = token(i), y = token(j)
            j += 1
            guard x.kind == y.kind, x.length == y.length else { return false }
            let xs = Int(x.start), ys = Int(y.start)
            for o in 0..<x.length where bytes[xs + o] != bytes[ys + o] { return false }
        }
        return true
    }

    // MARK: Backtracking

    /// Matches steps `e…` from view position `k`; the end position or nil.
    /// Recursion depth is at most the pattern's length.
    mutating func match(_ e: Int, _ k: Int) -> Int? {
        if e == steps.count { return k }
        work += 1
        if work > TokenPattern.stepBudget { return nil }
        let step = steps[e]
        switch step.kind {
        case .token:
            return literal(k, step) ? match(e + 1, k + 1) : nil
        case .metavariable:
            guard let head = operandHead(k) else { return nil }
            // Candidate ends, longest first, on the shared stack.
            let base = ends.count
            defer { ends.removeLast(ends.count - base) }
            ends.append(head)
            var end = head
            while let next = chainStep(end) {
                end = next
                ends.append(end)
            }
            let slot = step.slot
            let next: TokenPattern.Step? = e + 1 < steps.count && steps[e + 1].kind == .token ? steps[e + 1] : nil
            var c = ends.count
            while c > base {
                c -= 1
                let candidate = k..<ends[c]
                if let next, !literal(candidate.upperBound, next) { continue }
                if slot >= 0 {
                    let previous = bound[slot]
                    if !previous.isEmpty {
                        if sameTokens(previous, candidate), let r = match(e + 1, candidate.upperBound) { return r }
                        continue
                    }
                    bound[slot] = candidate
                    if let r = match(e + 1, candidate.upperBound) { return r }
                    bound[slot] = previous
                } else if let r = match(e + 1, candidate.upperBound) {
                    return r
                }
                if work > TokenPattern.stepBudget { return nil }
            }
            return nil
        case .wildcard:
            // Lazy: the shortest balanced run that lets the rest match.
            var end = k
            while true {
                if let r = match(e + 1, end) { return r }
                if work > TokenPattern.stepBudget { return nil }
                guard end < count, !stopsWildcard(end) else { return nil }
                end = roles[end] == .open ? (partner(end).map { $0 + 1 } ?? count) : end + 1
                work += 1
            }
        }
    }

    /// A token a wildcard cannot cross: the end of its group, or of its
    /// statement (Python's logical line end, a `;`).
    func stopsWildcard(_ k: Int) -> Bool {
        let role = roles[k]
        if role == .close || role == .middle { return true }
        if role == .open && partner(k) == nil { return true }
        return token(k).kind == .newline || isOp(k, UInt8(ascii: ";"))
    }

    // MARK: Operands

    /// The end of an operand's head at `k` (a name that is not a keyword, a
    /// literal, a whole interpolated string, or a group), or nil.
    func operandHead(_ k: Int) -> Int? {
        guard k >= 0 && k < count else { return nil }
        let t = token(k)
        switch t.kind {
        case .name:
            return isKeyword(t) ? nil : k + 1
        case .number, .string, .regex:
            return k + 1
        case .stringPart, .op:
            guard roles[k] == .open, let close = partner(k) else { return nil }
            return close + 1
        case .comment, .newline, .jsxText, .invalid:
            return nil
        }
    }

    /// One more link of a chain after position `end`: `.name`, `?.name`,
    /// `(…)`, `[…]`, and in TS a `!` before one of them; nil when none.
    func chainStep(_ end: Int) -> Int? {
        guard end < count else { return nil }
        if isMemberDot(end) {
            guard end + 1 < count, token(end + 1).kind == .name else { return nil }
            return end + 2
        }
        if isOp(end, UInt8(ascii: "(")) || isOp(end, UInt8(ascii: "[")) {
            guard let close = partner(end) else { return nil }
            return close + 1
        }
        // TS non-null assertion `x!` before another link.
        if !python && isOp(end, UInt8(ascii: "!")) && (isMemberDot(end + 1) || isOp(end + 1, UInt8(ascii: "("))
                                                        || isOp(end + 1, UInt8(ascii: "["))) {
            return end + 1
        }
        return nil
    }

    /// Keywords that cannot start an operand.
    func isKeyword(_ t: Token) -> Bool {
        let n = t.length
        guard n >= 2 && n <= 10 else { return false }
        let s = Int(t.start)
        let first = bytes[s]
        guard first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") else { return false }
        func isWord(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == n else { return false }
            let p = word.utf8Start
            for i in 0..<n where bytes[s + i] != p[i] { return false }
            return true
        }
        if python {
            switch n {
            case 2: return isWord("or") || isWord("in") || isWord("is") || isWord("if") || isWord("as")
            case 3: return isWord("and") || isWord("not") || isWord("for") || isWord("def") || isWord("del")
                || isWord("try")
            case 4: return isWord("else") || isWord("elif") || isWord("from") || isWord("with") || isWord("pass")
            case 5: return isWord("while") || isWord("yield") || isWord("await") || isWord("class") || isWord("raise")
                || isWord("break") || isWord("async")
            case 6: return isWord("return") || isWord("lambda") || isWord("import") || isWord("global")
                || isWord("assert") || isWord("except")
            case 7: return isWord("finally")
            case 8: return isWord("nonlocal") || isWord("continue")
            default: return false
            }
        }
        switch n {
        case 2: return isWord("in") || isWord("of") || isWord("if") || isWord("do") || isWord("as")
        case 3: return isWord("new") || isWord("for") || isWord("let") || isWord("var")
        case 4: return isWord("void") || isWord("case") || isWord("else")
        case 5: return isWord("await") || isWord("yield") || isWord("throw") || isWord("while") || isWord("const")
            || isWord("class") || isWord("keyof")
        case 6: return isWord("return") || isWord("typeof") || isWord("delete") || isWord("switch")
            || isWord("export") || isWord("import")
        case 7: return isWord("default") || isWord("extends")
        case 8: return isWord("function")
        case 9: return isWord("satisfies")
        case 10: return isWord("instanceof")
        default: return false
        }
    }
}
