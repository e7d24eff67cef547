// MARK: - PythonScopes

/// Which module-level or function-level binding a Python name refers to —
/// enough to tell `from datetime import time as t; t.fromisoformat(x)` from
/// `import time; time.time()` and from a parameter named `time`.
///
/// Scopes come from indentation: a `def` / `class` header opens a scope that
/// holds the following lines indented deeper (or the rest of its own line).
/// Bindings are imports, assignments (`x =`, `x: T =`, `x +=`, `x :=`),
/// `for` targets, `as` targets, `def` / `class` names and parameters.
/// Resolution follows Python: a function-local binding shadows the module's;
/// class scopes are skipped by the functions inside them.
public struct PythonScopes: Sendable {
    public enum Kind: UInt8, Sendable { case module, function, `class` }

    public struct Scope: Sendable {
        public var kind: Kind
        public var parent: Int
    }

    /// What a binding binds the name to.
    public enum Target: Sendable, Equatable {
        /// An import: the dotted name it stands for (`datetime.time`).
        case imported(String)
        /// Anything else: a local value guardrail does not follow.
        case local
    }

    struct Binding {
        var name: String
        var scope: Int
        /// Token index where the binding takes effect.
        var position: Int
        var target: Target
    }

    /// The result of resolving a name.
    public enum Resolution: Sendable, Equatable {
        case imported(String)
        case local
        /// Bound nowhere in the file; `starModules` lists `from M import *` modules that may define it.
        case unbound(starModules: [String])
    }

    public private(set) var scopes: [Scope] = [Scope(kind: .module, parent: -1)]
    /// Scope of every token.
    public private(set) var scopeOf: [Int32]
    var bindings: [Binding] = []
    var globals: Set<String> = []   // "scope:name"
    /// Names local to a token range: comprehension targets (a comprehension
    /// is its own scope) and lambda parameters.
    var rangeBindings: [(name: String, range: ClosedRange<Int>)] = []
    var starModules: [String] = []
    /// `bindings` and `rangeBindings` by name, so that a lookup costs the
    /// bindings of that name, not of the whole file: the first binding of
    /// each name, and for each binding the next one of the same name (-1:
    /// none). One dictionary entry per name and no array per name.
    private var firstBinding: [String: Int] = [:]
    private var nextBinding: [Int] = []
    private var firstRangeBinding: [String: Int] = [:]
    private var nextRangeBinding: [Int] = []

    /// Builds scopes and bindings from tokens and the file's import statements.
    public init(tokens: [Token], bytes: [UInt8], imports: [ImportStatement], brackets: [Int32]) {
        scopeOf = [Int32](repeating: 0, count: tokens.count)
        buildScopes(tokens, bytes, brackets)
        collectImports(imports, tokens)
        collectBindings(tokens, bytes, brackets, imports)
        (firstBinding, nextBinding) = Self.chains(bindings.map(\.name))
        (firstRangeBinding, nextRangeBinding) = Self.chains(rangeBindings.map(\.name))
    }

    // MARK: - Resolution

    /// What the name token at `index` refers to.
    public func resolve(_ name: String, at index: Int) -> Resolution {
        if Self.chain(from: firstRangeBinding[name], nextRangeBinding).contains(where: { rangeBindings[$0].range.contains(index) }) {
            return .local
        }
        let named = Self.chain(from: firstBinding[name], nextBinding)
        var scope = Int(scopeOf[index])
        var first = true
        while scope >= 0 {
            let s = scopes[scope]
            if !first && s.kind == .class { scope = s.parent; continue }
            if s.kind != .module && globals.contains("\(scope):\(name)") {
                scope = 0
                first = false
                continue
            }
            let here = named.lazy.map { bindings[$0] }.filter { $0.scope == scope }
            if !here.isEmpty {
                if s.kind == .module {
                    // Module scope: the binding in effect at the use; from a
                    // function body (run later), the last one in the module.
                    let usedInside = Int(scopeOf[index]) != 0
                    let chosen = usedInside ? here.last! : (here.last { $0.position < index } ?? here.first!)
                    return chosen.target == .local ? .local : resolution(chosen.target)
                }
                // Function or class scope: the name is local throughout; an
                // import binding counts when it is the last binding before the use.
                if let last = here.last(where: { $0.position < index }), case .imported = last.target {
                    return resolution(last.target)
                }
                return .local
            }
            first = false
            scope = s.parent
        }
        return .unbound(starModules: starModules)
    }

    /// Per name its first index, and per index the next one with the same
    /// name, in order (built backwards: each index becomes its name's head).
    private static func chains(_ names: [String]) -> (first: [String: Int], next: [Int]) {
        var first: [String: Int] = [:]
        first.reserveCapacity(names.count)
        var next = [Int](repeating: -1, count: names.count)
        for i in names.indices.reversed() {
            if let old = first.updateValue(i, forKey: names[i]) { next[i] = old }
        }
        return (first, next)
    }

    /// The indexes of a chain, in order.
    private static func chain(from head: Int?, _ next: [Int]) -> [Int] {
        var out: [Int] = []
        var i = head ?? -1
        while i >= 0 {
            out.append(i)
            i = next[i]
        }
        return out
    }

    private func resolution(_ target: Target) -> Resolution {
        if case .imported(let q) = target { return .imported(q) }
        return .local
    }

    // MARK: - Scopes from indentation

    private mutating func buildScopes(_ tokens: [Token], _ bytes: [UInt8], _ brackets: [Int32]) {
        // Open blocks: (header indent, scope id).
        var open: [(indent: Int, scope: Int)] = []
        var i = 0
        let n = tokens.count
        while i < n {
            // Skip comments and stray newlines to the first token of a logical line.
            while i < n && (tokens[i].kind == .comment || tokens[i].kind == .newline) { i += 1 }
            guard i < n else { break }
            let lineStart = i
            let indent = Int(tokens[i].column)
            while let top = open.last, indent <= top.indent { open.removeLast() }
            let current = open.last?.scope ?? 0
            // The logical line's end.
            var end = i
            while end < n && tokens[end].kind != .newline { end += 1 }
            // A header? `def` / `async def` / `class` (decorators are their own lines).
            var k = lineStart
            if TokenText.equals(tokens[k], "async", bytes), k + 1 < end { k += 1 }
            let isDef = tokens[k].kind == .name && TokenText.equals(tokens[k], "def", bytes)
            let isClass = tokens[k].kind == .name && TokenText.equals(tokens[k], "class", bytes)
            for t in lineStart..<end { scopeOf[t] = Int32(current) }
            if (isDef || isClass) && k + 1 < end {
                let scope = scopes.count
                scopes.append(Scope(kind: isDef ? .function : .class, parent: current))
                // Parameters and a one-line body belong to the new scope; the
                // name itself to the enclosing one.
                for t in (k + 2)..<max(k + 2, end) { scopeOf[t] = Int32(scope) }
                open.append((indent, scope))
            }
            i = end + 1
        }
    }

    // MARK: - Bindings

    private mutating func collectImports(_ imports: [ImportStatement], _ tokens: [Token]) {
        for statement in imports {
            let scope = Int(scopeOf[statement.firstToken])
            for entry in statement.names {
                switch statement.form {
                case .pythonImport:
                    if let alias = entry.alias {
                        bindings.append(Binding(name: alias, scope: scope, position: statement.lastToken, target: .imported(entry.name)))
                    } else {
                        let head = entry.name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? entry.name
                        bindings.append(Binding(name: head, scope: scope, position: statement.lastToken, target: .imported(head)))
                    }
                case .pythonFrom:
                    let module = statement.module ?? ""
                    if entry.name == "*" {
                        if scope == 0 { starModules.append(module) }
                        continue
                    }
                    let local = entry.alias ?? entry.name
                    bindings.append(Binding(name: local, scope: scope, position: statement.lastToken,
                                            target: .imported(module.hasSuffix(".") ? module + entry.name : module + "." + entry.name)))
                default:
                    break
                }
            }
        }
    }

    private mutating func collectBindings(_ tokens: [Token], _ bytes: [UInt8], _ brackets: [Int32], _ imports: [ImportStatement]) {
        var inImport = [Bool](repeating: false, count: tokens.count)
        for s in imports where s.firstToken <= s.lastToken && s.lastToken < tokens.count {
            for t in s.firstToken...s.lastToken { inImport[t] = true }
        }
        // A scalar literal, not a `Character`: `Character.asciiValue` costs a
        // grapheme walk per call, and this runs for every name token.
        func isOp(_ i: Int, _ c: Unicode.Scalar) -> Bool {
            i >= 0 && i < tokens.count && TokenText.isOp(tokens[i], UInt8(truncatingIfNeeded: c.value), bytes)
        }
        @inline(__always) func isName(_ i: Int, _ s: StaticString) -> Bool {
            i >= 0 && i < tokens.count && tokens[i].kind == .name && TokenText.equals(tokens[i], s, bytes)
        }
        func previousCode(_ i: Int) -> Int {
            var j = i - 1
            while j >= 0 && tokens[j].kind == .comment { j -= 1 }
            return j
        }
        func nextCode(_ i: Int) -> Int {
            var j = i + 1
            while j < tokens.count && tokens[j].kind == .comment { j += 1 }
            return j
        }
        func add(_ i: Int, scope: Int? = nil) {
            let name = TokenText.string(tokens[i], bytes)
            bindings.append(Binding(name: name, scope: scope ?? Int(scopeOf[i]), position: i, target: .local))
        }
        var depth = 0
        var openers: [Int] = []
        var tupleMemo = (start: -1, end: -2, result: false)
        // The `.newline` ending the current logical line (or tokens.count);
        // found once per line, not once per lambda.
        var lineEnd = -1
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .newline { depth = 0; openers.removeAll(keepingCapacity: true); i += 1; continue }
            if t.kind == .op {
                let b = bytes[Int(t.start)]
                if t.length == 1 && (b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{")) { depth += 1; openers.append(i) }
                if t.length == 1 && (b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}")) {
                    depth = max(0, depth - 1)
                    if !openers.isEmpty { openers.removeLast() }
                }
            }
            guard t.kind == .name, !inImport[i] else { i += 1; continue }
            let prev = previousCode(i), next = nextCode(i)
            if prev >= 0 && (isOp(prev, ".")) { i += 1; continue }
            // `def name(` / `class name`: the name binds in the enclosing scope; parameters in the new one.
            if isName(prev, "def") || isName(prev, "class") {
                add(i)
                if isName(prev, "def"), next < tokens.count, isOp(next, "("), brackets[next] > next {
                    for p in parameters(from: next, to: Int(brackets[next]), tokens, bytes, brackets) { add(p) }
                }
                i += 1
                continue
            }
            // `global name, …` / `nonlocal`: refer past this scope.
            if isName(i, "global") {
                var j = next
                while j < tokens.count && tokens[j].kind != .newline && !isOp(j, ";") {
                    if tokens[j].kind == .name { globals.insert("\(scopeOf[j]):\(TokenText.string(tokens[j], bytes))") }
                    j += 1
                }
                i = j
                continue
            }
            // Walrus anywhere.
            if next < tokens.count, tokens[next].kind == .op, TokenText.equals(tokens[next], ":=", bytes) { add(i); i += 1; continue }
            // `as name` outside imports (with / except).
            if isName(prev, "as") { add(i); i += 1; continue }
            // Comprehension `for a, b in` inside brackets: the targets are
            // local to the comprehension (its own scope in Python 3).
            if isName(i, "for"), let opener = openers.last, brackets[opener] > opener {
                let range = opener...Int(brackets[opener])
                var j = next
                while j < tokens.count && !isName(j, "in") && tokens[j].kind != .newline && j < range.upperBound {
                    if tokens[j].kind == .name && !isOp(previousCode(j), ".") {
                        rangeBindings.append((TokenText.string(tokens[j], bytes), range))
                    }
                    j += 1
                }
                i = j
                continue
            }
            // `lambda a, b=1, *c:` parameters are local to the lambda's body
            // (to the end of the enclosing brackets or of the logical line).
            if isName(i, "lambda") {
                var end = tokens.count - 1
                if let opener = openers.last, brackets[opener] > opener { end = Int(brackets[opener]) } else {
                    if lineEnd < i {
                        lineEnd = i
                        while lineEnd < tokens.count && tokens[lineEnd].kind != .newline { lineEnd += 1 }
                    }
                    end = max(i, lineEnd - 1)
                }
                var j = next, pdepth = 0, expectName = true
                while j < tokens.count && j <= end {
                    let tj = tokens[j]
                    if tj.kind == .op {
                        if pdepth == 0 && TokenText.isOp(tj, UInt8(ascii: ":"), bytes) { break }
                        let b = bytes[Int(tj.start)]
                        if pdepth == 0 && brackets[j] > j && Int(brackets[j]) <= end { j = Int(brackets[j]) + 1; continue }
                        if tj.length == 1 && (b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{")) { pdepth += 1 }
                        else if tj.length == 1 && (b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}")) { pdepth -= 1 }
                        else if pdepth == 0 && tj.length == 1 && b == UInt8(ascii: ",") { expectName = true }
                        else if pdepth == 0 && !(TokenText.equals(tj, "*", bytes) || TokenText.equals(tj, "**", bytes)) { expectName = false }
                    } else if tj.kind == .name && pdepth == 0 && expectName {
                        rangeBindings.append((TokenText.string(tj, bytes), j...end))
                        expectName = false
                    }
                    j += 1
                }
                i += 1
                continue
            }
            // `case time:` / `case Point(x=time) as t:`: capture names bind
            // in the enclosing scope (a soft keyword at a statement start).
            if isName(i, "case"), prev < 0 || tokens[prev].kind == .newline, depth == 0 {
                var j = next
                while j < tokens.count && tokens[j].kind != .newline {
                    if TokenText.isOp(tokens[j], UInt8(ascii: ":"), bytes) && j + 1 < tokens.count && tokens[j + 1].kind == .newline { break }
                    if tokens[j].kind == .name, !isOp(previousCode(j), "."), !isOp(nextCode(j), "."), !isOp(nextCode(j), "("),
                       !isOp(nextCode(j), "="), !isName(j, "as"), !isName(j, "if"), !isName(j, "None"), !isName(j, "True"), !isName(j, "False") {
                        add(j)
                    }
                    j += 1
                }
                i = j
                continue
            }
            // `for a, b in` targets of a `for` statement.
            if isName(i, "for") {
                var j = next
                while j < tokens.count && !isName(j, "in") && tokens[j].kind != .newline {
                    if tokens[j].kind == .name && !isOp(previousCode(j), ".") { add(j) }
                    j += 1
                }
                i = j
                continue
            }
            // Assignment targets at depth 0: `a = …`, `a, b = …`, `a: T = …`, `a += …`.
            if depth == 0, next < tokens.count, tokens[next].kind == .op {
                let nt = tokens[next]
                let isAssign = (nt.length == 1 && bytes[Int(nt.start)] == UInt8(ascii: "="))
                    || (nt.length >= 2 && bytes[Int(nt.end) - 1] == UInt8(ascii: "=")
                        && !TokenText.equals(nt, "==", bytes) && !TokenText.equals(nt, "!=", bytes)
                        && !TokenText.equals(nt, "<=", bytes) && !TokenText.equals(nt, ">=", bytes))
                let isAnnotated = nt.length == 1 && bytes[Int(nt.start)] == UInt8(ascii: ":")
                    && (prev < 0 || tokens[prev].kind == .newline || isOp(prev, ";"))
                let isTuple = nt.length == 1 && bytes[Int(nt.start)] == UInt8(ascii: ",")
                    && (prev < 0 || tokens[prev].kind == .newline || isOp(prev, ";") || isOp(prev, ","))
                if isAssign || isAnnotated || (isTuple && tupleEndsInAssignment(from: next, tokens, bytes, memo: &tupleMemo)) {
                    add(i)
                }
            }
            i += 1
        }
    }

    /// Whether the names-and-commas run from `start` ends in `=`. Every
    /// start inside a run already scanned gets that run's answer (`memo`:
    /// the token that ended it and the answer), so `a, b, …, z = …` costs
    /// one scan, not one per name.
    private func tupleEndsInAssignment(from start: Int, _ tokens: [Token], _ bytes: [UInt8],
                                       memo: inout (start: Int, end: Int, result: Bool)) -> Bool {
        if start >= memo.start && start <= memo.end { return memo.result }
        var j = start
        var result = false
        while j < tokens.count && tokens[j].kind != .newline {
            let t = tokens[j]
            if t.kind == .op {
                if t.length == 1 && bytes[Int(t.start)] == UInt8(ascii: "=") { result = true; break }
                if !(t.length == 1 && (bytes[Int(t.start)] == UInt8(ascii: ",") || bytes[Int(t.start)] == UInt8(ascii: "*"))) { break }
            } else if t.kind != .name && t.kind != .comment {
                break
            }
            j += 1
        }
        memo = (start, j, result)
        return result
    }

    /// Token indices of the parameter names between a `def`'s parentheses.
    private func parameters(from open: Int, to close: Int, _ tokens: [Token], _ bytes: [UInt8], _ brackets: [Int32]) -> [Int] {
        var out: [Int] = []
        var depth = 0
        var expectName = true
        var j = open + 1
        while j < close {
            let t = tokens[j]
            if t.kind == .op {
                let b = bytes[Int(t.start)]
                // A closed group at depth 0 (a default value's call, list…) binds nothing.
                if depth == 0 && brackets[j] > j && Int(brackets[j]) < close { j = Int(brackets[j]) + 1; continue }
                if t.length == 1 && (b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{")) { depth += 1 }
                else if t.length == 1 && (b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}")) { depth -= 1 }
                else if depth == 0 && t.length == 1 && b == UInt8(ascii: ",") { expectName = true }
                else if depth == 0 && (TokenText.equals(t, "*", bytes) || TokenText.equals(t, "**", bytes)) { /* still expecting the name */ }
                else if depth == 0 { expectName = false }
            } else if t.kind == .name && depth == 0 && expectName {
                out.append(j)
                expectName = false
            }
            j += 1
        }
        return out
    }
}
