// MARK: - TSCall

/// One call site: a plain callee chain `name(.name)*` and its parentheses.
public struct TSCall: Sendable, Equatable {
    /// View positions of the chain's names, first to last (`window`, `fetch`).
    public var callee: [Int]
    /// View position of the call's `(`.
    public var open: Int
    /// View position of the call's `)`.
    public var close: Int

    /// A call site from its parts.
    public init(callee: [Int], open: Int, close: Int) {
        self.callee = callee
        self.open = open
        self.close = close
    }
}

/// One argument of a call: its view positions (without the separating commas).
public struct TSArgument: Sendable, Equatable {
    /// View positions of the argument's tokens.
    public var range: Range<Int>
    /// `...x`: the argument spreads an iterable over any number of positions.
    public var isSpread: Bool

    /// An argument from its parts.
    public init(range: Range<Int>, isSpread: Bool) {
        self.range = range
        self.isSpread = isSpread
    }
}

// MARK: - TSCalls

/// Call sites in a TS/JS view.
///
/// A call site is a `(` whose preceding code tokens form `name(.name)*`
/// (`?.` counts as `.`), optionally with TypeScript type arguments between
/// (`fetch<T>(…)`, only in TypeScript and only when the `<…>` holds nothing
/// but type syntax), where the chain's first name is not itself a member
/// (`a().fetch(…)`, `x[0].fetch(…)` have no plain chain). Not calls:
/// `function f(`, `new f(`, method and signature definitions (`f(a) {`,
/// `async f(a): T {`, interface members `f(a: T): R;`), and parameter lists
/// with type annotations.
public enum TSCalls {
    /// The call sites whose callee's last name is one of `lastNames`, in
    /// source order. `typeArguments`: the file is TypeScript, so `f<T>(` is
    /// a call with type arguments rather than two comparisons.
    public static func calls(named lastNames: [[UInt8]], in code: TSCode, typeArguments: Bool) -> [TSCall] {
        var out: [TSCall] = []
        var k = 0
        while k < code.count {
            defer { k += 1 }
            let t = code.token(k)
            guard t.kind == .name, lastNames.contains(where: { code.equals(t, $0) }) else { continue }
            if let call = call(endingAt: k, in: code, typeArguments: typeArguments) { out.append(call) }
        }
        return out
    }

    /// The call whose callee chain ends with the name at `last`, if that name
    /// is followed by a call's `(`.
    public static func call(endingAt last: Int, in code: TSCode, typeArguments: Bool) -> TSCall? {
        var open = last + 1
        if typeArguments && code.isOp(open, "<") {
            guard let gt = typeArgumentsEnd(open, in: code) else { return nil }
            open = gt + 1
        }
        guard code.isOp(open, "("), let close = code.closer(open) else { return nil }
        // Walk the chain back: name (. name)*
        var first = last
        var names = [last]
        while code.isMemberDot(first - 1) && code.kind(first - 2) == .name {
            first -= 2
            names.append(first)
        }
        if code.isMemberDot(first - 1) { return nil } // `a().fetch(`, `x[0].fetch(`
        names.reverse()
        let before = first - 1
        if code.isName(before, "function") || code.isName(before, "new") { return nil }
        if code.isOp(before, "*") && code.isName(before - 1, "function") { return nil }
        // Definitions: a body or a member's return type follows the `)`.
        if code.isOp(close + 1, "{") { return nil }
        if code.isOp(close + 1, ":") && isMemberPosition(before, in: code) { return nil }
        if hasTypedParameter(open, close, in: code) { return nil }
        return TSCall(callee: names, open: open, close: close)
    }

    /// The arguments between a call's `(` and `)`, split at depth-1 commas
    /// (groups, template substitutions and JSX are skipped whole). A trailing
    /// comma adds no argument; `f()` has none.
    public static func arguments(open: Int, close: Int, in code: TSCode) -> [TSArgument] {
        var out: [TSArgument] = []
        var start = open + 1
        var k = open + 1
        while k < close {
            if code.isOp(k, ",") {
                out.append(TSArgument(range: start..<k, isSpread: code.isOp(start, "...")))
                start = k + 1
                k += 1
            } else {
                k = min(code.skipItem(k), close)
            }
        }
        if start < close { out.append(TSArgument(range: start..<close, isSpread: code.isOp(start, "..."))) }
        return out
    }

    // MARK: Helpers

    /// Where a name followed by `(…): T` is a member signature, not a call in
    /// a conditional: at the start of a class / interface / object-literal
    /// member (after `{`, `}`, `;`, `,`, or a modifier) or of the file.
    static func isMemberPosition(_ before: Int, in code: TSCode) -> Bool {
        guard let kind = code.kind(before) else { return true }
        if kind == .op {
            return code.isOp(before, "{") || code.isOp(before, "}") || code.isOp(before, ";")
                || code.isOp(before, ",") || code.isOp(before, "*")
        }
        guard kind == .name else { return false }
        return code.isName(before, "async") || code.isName(before, "static") || code.isName(before, "public")
            || code.isName(before, "private") || code.isName(before, "protected") || code.isName(before, "readonly")
            || code.isName(before, "override") || code.isName(before, "abstract") || code.isName(before, "declare")
            || code.isName(before, "get") || code.isName(before, "set")
    }

    /// A parameter list, not arguments: some argument has a depth-1 `:` that
    /// no ternary `?` accounts for (`f(url: string)`, `f(a?: T)`). A `:` right
    /// after a `)` is an arrow function's return type and does not count.
    static func hasTypedParameter(_ open: Int, _ close: Int, in code: TSCode) -> Bool {
        var questions = 0, colons = 0
        var k = open + 1
        while k < close {
            if code.kind(k) == .op {
                if code.isOp(k, ",") {
                    if colons > questions { return true }
                    questions = 0
                    colons = 0
                } else if code.isOp(k, "?") {
                    // `a?: T`, `a?,`, `a?)`, `a? = 1` mark optional parameters.
                    let next = k + 1
                    if code.isOp(next, ":") || code.isOp(next, ",") || code.isOp(next, ")") || code.isOp(next, "=") {
                        return true
                    }
                    questions += 1
                } else if code.isOp(k, ":") && !code.isOp(k - 1, ")") {
                    colons += 1
                }
            }
            k = min(code.skipItem(k), close)
        }
        return colons > questions
    }

    /// The `>` closing type arguments opened by the `<` at `lt`, when every
    /// token between is type syntax; nil when it could be a comparison.
    static func typeArgumentsEnd(_ lt: Int, in code: TSCode) -> Int? {
        var depth = 0
        var k = lt
        let limit = min(code.count, lt + 256)
        while k < limit {
            guard let kind = code.kind(k) else { return nil }
            switch kind {
            case .name, .number, .string:
                k += 1
            case .op:
                if code.isOp(k, "<") {
                    depth += 1
                    k += 1
                } else if code.isOp(k, ">") {
                    depth -= 1
                    if depth == 0 { return k }
                    k += 1
                } else if code.isOp(k, "(") || code.isOp(k, "[") || code.isOp(k, "{") {
                    guard let close = code.closer(k) else { return nil }
                    k = close + 1
                } else if code.isOp(k, ".") || code.isOp(k, ",") || code.isOp(k, "|") || code.isOp(k, "&")
                            || code.isOp(k, "=>") || code.isOp(k, "?") || code.isOp(k, ":") || code.isOp(k, "...")
                            || code.isOp(k, "]") {
                    k += 1
                } else {
                    return nil
                }
            default:
                return nil
            }
        }
        return nil
    }
}
