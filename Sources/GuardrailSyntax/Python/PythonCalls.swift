// MARK: - PythonCalls

/// Call sites in Python: a dotted callee chain `a.b.c` followed by `(`, with
/// the arguments split at top-level commas. Calls on other expressions
/// (`f()()`, `x[0]()`) have no simple callee and are not listed.
public struct PythonCall: Sendable {
    /// Token indices of the chain's names (`a`, `b`, `c`).
    public var chain: [Int]
    /// Index of `(` and of the matching `)`.
    public var open: Int
    public var close: Int
    /// Positional and keyword arguments, in order.
    public var arguments: [Argument]

    public struct Argument: Sendable {
        /// The keyword for `name=value`, else nil.
        public var keyword: String?
        /// Token range of the value (after `name=`), half-open; comments excluded at the ends.
        public var start: Int
        public var end: Int
        /// `*args` or `**kwargs`.
        public var isStarred: Bool
    }

    /// Positional arguments (before any starred one makes positions unknown).
    public var positional: [Argument] { arguments.filter { $0.keyword == nil && !$0.isStarred } }
    public var hasStarred: Bool { arguments.contains { $0.isStarred } }
}

public enum PythonCalls {
    static let keywords: Set<String> = [
        "if", "elif", "while", "for", "in", "not", "and", "or", "return", "yield", "await", "assert", "del",
        "is", "lambda", "print_", "with", "as", "else", "raise", "from", "import", "def", "class", "global",
        "nonlocal", "pass", "break", "continue", "try", "except", "finally",
    ]

    /// Every call with a simple dotted callee.
    public static func scan(_ tokens: [Token], _ bytes: [UInt8], brackets: [Int32]) -> [PythonCall] {
        var calls: [PythonCall] = []
        for i in tokens.indices where tokens[i].kind == .name {
            if let call = call(endingAt: i, tokens, bytes, brackets: brackets) { calls.append(call) }
        }
        return calls
    }

    /// The call whose callee chain ends with the name token at `nameIndex`
    /// (the name is directly followed by `(`), or nil. Lets a check look only
    /// at calls of the names it cares about.
    public static func call(endingAt nameIndex: Int, _ tokens: [Token], _ bytes: [UInt8], brackets: [Int32]) -> PythonCall? {
        let i = nextCode(tokens, nameIndex)
        guard i < tokens.count, TokenText.isOp(tokens[i], UInt8(ascii: "("), bytes) else { return nil }
        let close = Int(brackets[i])
        guard close > i else { return nil }
        var j = nameIndex
        var chain = [j]
        while true {
            let dot = previousCode(tokens, j)
            guard dot >= 0, TokenText.isOp(tokens[dot], UInt8(ascii: "."), bytes) else { break }
            let name = previousCode(tokens, dot)
            guard name >= 0, tokens[name].kind == .name else { return nil }
            chain.append(name)
            j = name
        }
        chain.reverse()
        let head = chain[0]
        let before = previousCode(tokens, head)
        if before >= 0, tokens[before].kind == .name,
           TokenText.equals(tokens[before], "def", bytes) || TokenText.equals(tokens[before], "class", bytes) { return nil }
        if before >= 0, TokenText.isOp(tokens[before], UInt8(ascii: ")"), bytes) || TokenText.isOp(tokens[before], UInt8(ascii: "]"), bytes) {
            return nil
        }
        if chain.count == 1, isKeyword(tokens[head], bytes) { return nil }
        return PythonCall(chain: chain, open: i, close: close, arguments: arguments(tokens, bytes, brackets, i, close))
    }

    static func isKeyword(_ token: Token, _ bytes: [UInt8]) -> Bool {
        guard token.length >= 2 && token.length <= 8 else { return false }
        return keywords.contains(TokenText.string(token, bytes))
    }

    static func nextCode(_ tokens: [Token], _ i: Int) -> Int {
        var j = i + 1
        while j < tokens.count && tokens[j].kind == .comment { j += 1 }
        return j
    }

    static func previousCode(_ tokens: [Token], _ i: Int) -> Int {
        var j = i - 1
        while j >= 0 && tokens[j].kind == .comment { j -= 1 }
        return j
    }

    static func arguments(_ tokens: [Token], _ bytes: [UInt8], _ brackets: [Int32], _ open: Int, _ close: Int) -> [PythonCall.Argument] {
        var args: [PythonCall.Argument] = []
        var start = open + 1
        var j = open + 1
        func finish(_ end: Int) {
            var s = start, e = end
            while s < e && (tokens[s].kind == .comment || tokens[s].kind == .newline) { s += 1 }
            while e > s && (tokens[e - 1].kind == .comment || tokens[e - 1].kind == .newline) { e -= 1 }
            guard s < e else { return }
            var keyword: String?
            var starred = false
            if e - s >= 3, tokens[s].kind == .name, TokenText.isOp(tokens[s + 1], UInt8(ascii: "="), bytes) {
                keyword = TokenText.string(tokens[s], bytes)
                s += 2
            } else if tokens[s].kind == .op && (TokenText.equals(tokens[s], "*", bytes) || TokenText.equals(tokens[s], "**", bytes)) {
                starred = true
            }
            args.append(PythonCall.Argument(keyword: keyword, start: s, end: e, isStarred: starred))
        }
        while j < close {
            let t = tokens[j]
            if t.kind == .op, t.length == 1 {
                let b = bytes[Int(t.start)]
                if (b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{")) && brackets[j] > j {
                    j = Int(brackets[j]) + 1
                    continue
                }
                if b == UInt8(ascii: ",") {
                    finish(j)
                    start = j + 1
                }
            }
            j += 1
        }
        finish(close)
        return args
    }
}
