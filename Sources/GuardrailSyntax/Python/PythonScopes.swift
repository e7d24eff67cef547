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

    /// One binding: its name (an id in `names`), scope, where it takes
    /// effect, and what it binds to.
    struct Binding {
        var name: Int32
        var scope: Int32
        /// Token index where the binding takes effect.
        var position: Int32
        /// Index into `importTargets`, or -1: a local value.
        var target: Int32
    }

    /// The bindings of one name in one scope, as indexes into `bindings`
    /// (imports first, then the rest in roughly token order: a `def`'s
    /// parameters come before names bound inside its default values).
    struct ScopeBindings {
        /// The first in `bindings` order.
        var first: Int32
        /// All of them by position, ties in `bindings` order, with their
        /// positions: the binding in effect before a use is one binary
        /// search away, however many bindings the name has.
        var byPosition: [Int32]
        var positions: [Int32]
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
    /// The distinct bound names (of bindings and range bindings).
    private var names = NameTable()
    private var bindings: [Binding] = []
    /// What imports bind to.
    private var importTargets: [String] = []
    /// `global` / `nonlocal` names, as `key(name id, scope)`.
    private var globals: Set<Int> = []
    /// Names local to a token range: comprehension targets (a comprehension
    /// is its own scope) and lambda parameters.
    private var rangeBindings: [(name: Int32, range: ClosedRange<Int>)] = []
    private var starModules: [String] = []
    /// Per name id, its range bindings' lower bounds ascending, and at each
    /// the greatest upper bound so far: a token is inside one of them when
    /// the greatest upper bound among those starting at or before it reaches
    /// it (one binary search). Per (name id, scope), its bindings.
    private var rangeStarts: [[Int32]] = []
    private var rangeReach: [[Int32]] = []
    private var byNameAndScope: [Int: ScopeBindings] = [:]

    /// Names bindings are collected for (nil: every name).
    private let only: NameSet?

    /// Builds scopes and bindings from tokens and the file's import
    /// statements. With `names`, only bindings of those names are collected,
    /// and `resolve` answers for those names alone: the file's other names
    /// then cost a bit test each (in a file with non-ASCII bytes, a name
    /// that has some costs a table lookup).
    public init(tokens: [Token], bytes: [UInt8], imports: [ImportStatement], brackets: [Int32],
                names: [[UInt8]]? = nil) {
        self.only = names.map(NameSet.init)
        scopeOf = [Int32](repeating: 0, count: tokens.count)
        buildScopes(tokens, bytes, brackets)
        collectImports(imports, tokens)
        collectBindings(tokens, bytes, brackets, imports)
        index()
    }

    private static func key(_ name: Int32, _ scope: Int32) -> Int { Int(name) << 32 | Int(UInt32(bitPattern: scope)) }

    /// Groups the bindings by name and scope, the range bindings by name.
    private mutating func index() {
        var rangesByName = [[ClosedRange<Int>]](repeating: [], count: names.count)
        for range in rangeBindings { rangesByName[Int(range.name)].append(range.range) }
        rangeStarts = []
        rangeReach = []
        for ranges in rangesByName {
            var reach = Int32.min
            let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
            rangeStarts.append(sorted.map { Int32(truncatingIfNeeded: $0.lowerBound) })
            rangeReach.append(sorted.map { reach = max(reach, Int32(truncatingIfNeeded: $0.upperBound)); return reach })
        }
        var groups: [Int: [Int32]] = [:]
        for (b, binding) in bindings.enumerated() { groups[Self.key(binding.name, binding.scope), default: []].append(Int32(truncatingIfNeeded: b)) }
        for (key, list) in groups {
            let sorted = list.sorted { bindings[Int($0)].position != bindings[Int($1)].position
                ? bindings[Int($0)].position < bindings[Int($1)].position : $0 < $1 }
            byNameAndScope[key] = ScopeBindings(first: list[0], byPosition: sorted,
                                                positions: sorted.map { bindings[Int($0)].position })
        }
    }

    // MARK: - Resolution

    /// What the name token at `index` refers to. With a `names` filter,
    /// `name` must be one of them.
    public func resolve(_ name: String, at index: Int) -> Resolution {
        var name = name
        return name.withUTF8 { resolve($0, at: index) }
    }

    /// What the name token at `index`, spelled `name`, refers to. With a
    /// `names` filter, `name` must be one of them.
    public func resolve(_ name: [UInt8], at index: Int) -> Resolution {
        name.withUnsafeBufferPointer { resolve($0, at: index) }
    }

    private func resolve(_ name: UnsafeBufferPointer<UInt8>, at index: Int) -> Resolution {
        assert(only.map { $0.contains(name) } ?? true, "PythonScopes: `\(String(decoding: name, as: UTF8.self))` was not asked for")
        // Bound nowhere in the file.
        guard let id = names.id(of: name).map({ Int32(truncatingIfNeeded: $0) }) else { return .unbound(starModules: starModules) }
        // Inside a comprehension or lambda that binds the name.
        let starts = rangeStarts[Int(id)]
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if Int(starts[mid]) <= index { low = mid + 1 } else { high = mid }
        }
        if low > 0 && Int(rangeReach[Int(id)][low - 1]) >= index { return .local }
        var scope = Int(scopeOf[index])
        var first = true
        while scope >= 0 {
            let s = scopes[scope]
            if !first && s.kind == .class { scope = s.parent; continue }
            if s.kind != .module && globals.contains(Self.key(id, Int32(truncatingIfNeeded: scope))) {
                scope = 0
                first = false
                continue
            }
            if let here = byNameAndScope[Self.key(id, Int32(truncatingIfNeeded: scope))] {
                // The binding that takes effect last before the use.
                var low = 0, high = here.positions.count
                while low < high {
                    let mid = (low + high) / 2
                    if Int(here.positions[mid]) < index { low = mid + 1 } else { high = mid }
                }
                let lastBefore = low > 0 ? Int(here.byPosition[low - 1]) : -1
                if s.kind == .module {
                    // Module scope: the binding in effect at the use; from a
                    // function body (run later), the module's last one.
                    let usedInside = Int(scopeOf[index]) != 0
                    // A use before every binding (a NameError in Python, unless
                    // a loop comes back to it) takes the first in `bindings`
                    // order, as before.
                    let chosen = usedInside ? Int(here.byPosition[here.byPosition.count - 1])
                        : (lastBefore >= 0 ? lastBefore : Int(here.first))
                    return resolution(bindings[chosen])
                }
                // Function or class scope: the name is local throughout; an
                // import binding counts when it is the last binding before the use.
                if lastBefore >= 0 { return resolution(bindings[lastBefore]) }
                return .local
            }
            first = false
            scope = s.parent
        }
        return .unbound(starModules: starModules)
    }

    private func resolution(_ binding: Binding) -> Resolution {
        binding.target >= 0 ? .imported(importTargets[Int(binding.target)]) : .local
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
            let indent = TokenText.indent(of: tokens[i], bytes)
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
            for t in lineStart..<end { scopeOf[t] = Int32(truncatingIfNeeded: current) }
            if (isDef || isClass) && k + 1 < end {
                let scope = scopes.count
                scopes.append(Scope(kind: isDef ? .function : .class, parent: current))
                // Parameters and a one-line body belong to the new scope; the
                // name itself to the enclosing one.
                for t in (k + 2)..<max(k + 2, end) { scopeOf[t] = Int32(truncatingIfNeeded: scope) }
                open.append((indent, scope))
            }
            i = end + 1
        }
    }

    // MARK: - Bindings

    private mutating func addImport(_ local: String, scope: Int, position: Int, target: String) {
        var local = local
        // With a filter, an import of another name is as useless as any
        // other binding of it.
        if let only, !local.withUTF8({ only.contains($0) }) { return }
        let name = local.withUTF8 { names.insert($0) }
        importTargets.append(target)
        bindings.append(Binding(name: Int32(truncatingIfNeeded: name), scope: Int32(truncatingIfNeeded: scope),
                                position: Int32(truncatingIfNeeded: position), target: Int32(truncatingIfNeeded: importTargets.count - 1)))
    }

    private mutating func collectImports(_ imports: [ImportStatement], _ tokens: [Token]) {
        let only = self.only
        // With a filter, an import binding another name is skipped before
        // its target is spelled out (most of a file's imports).
        func unwanted(_ local: String) -> Bool {
            guard let only else { return false }
            var local = local
            return !local.withUTF8 { only.contains($0) }
        }
        func unwanted(_ local: Substring) -> Bool {
            guard let only else { return false }
            var local = local
            return !local.withUTF8 { only.contains($0) }
        }
        for statement in imports {
            let scope = Int(scopeOf[statement.firstToken])
            for entry in statement.names {
                switch statement.form {
                case .pythonImport:
                    if let alias = entry.alias {
                        if unwanted(alias) { continue }
                        addImport(alias, scope: scope, position: statement.lastToken, target: entry.name)
                    } else {
                        let head = entry.name.split(separator: ".", maxSplits: 1).first ?? entry.name[...]
                        if unwanted(head) { continue }
                        addImport(String(head), scope: scope, position: statement.lastToken, target: String(head))
                    }
                case .pythonFrom:
                    let module = statement.module ?? ""
                    if entry.name == "*" {
                        if scope == 0 { starModules.append(module) }
                        continue
                    }
                    let local = entry.alias ?? entry.name
                    if unwanted(local) { continue }
                    addImport(local, scope: scope, position: statement.lastToken,
                              target: module.hasSuffix(".") ? module + entry.name : module + "." + entry.name)
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
        @inline(__always) func isOp(_ i: Int, _ c: Unicode.Scalar) -> Bool {
            i >= 0 && i < tokens.count && TokenText.isOp(tokens[i], UInt8(truncatingIfNeeded: c.value), bytes)
        }
        @inline(__always) func isName(_ i: Int, _ s: StaticString) -> Bool {
            i >= 0 && i < tokens.count && tokens[i].kind == .name && TokenText.equals(tokens[i], s, bytes)
        }
        @inline(__always) func previousCode(_ i: Int) -> Int {
            var j = i - 1
            while j >= 0 && tokens[j].kind == .comment { j -= 1 }
            return j
        }
        @inline(__always) func nextCode(_ i: Int) -> Int {
            var j = i + 1
            while j < tokens.count && tokens[j].kind == .comment { j += 1 }
            return j
        }
        let only = self.only
        // Whether token `i`'s name is one bindings are collected for.
        @inline(__always) func wanted(_ i: Int) -> Bool {
            guard let only else { return true }
            return only.contains(tokens[i], bytes)
        }
        // With a filter, the names whose tokens may bind others or skip
        // tokens (below) go through in full, as do the wanted names.
        let gate = only.map { NameSet(Self.bindingKeywords + $0.names) }
        // Most files are all ASCII: then no token needs the per-byte test.
        let asciiFile = gate != nil && bytes.withUnsafeBufferPointer { NameKey.isASCII($0) }
        // The name id of token `i` (added to `names`).
        func nameID(_ i: Int) -> Int32 {
            let t = tokens[i]
            return Int32(truncatingIfNeeded: bytes.withUnsafeBufferPointer { names.insert(UnsafeBufferPointer(rebasing: $0[Int(t.start)..<Int(t.end)])) })
        }
        func add(_ i: Int) {
            guard wanted(i) else { return }
            bindings.append(Binding(name: nameID(i), scope: scopeOf[i], position: Int32(truncatingIfNeeded: i), target: -1))
        }
        var depth = 0
        // Open brackets of the logical line, innermost last: a stack in a
        // buffer that holds every token, so pushing costs a store (no
        // uniqueness check or growth per bracket).
        let openers = UnsafeMutablePointer<Int>.allocate(capacity: tokens.count + 1)
        defer { openers.deallocate() }
        var openCount = 0
        var innermost: Int? { openCount > 0 ? openers[openCount - 1] : nil }
        var tupleMemo = (start: -1, end: -2, result: false)
        // The `.newline` ending the current logical line (or tokens.count);
        // found once per line, not once per lambda.
        var lineEnd = -1
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .newline {
                depth = 0
                openCount = 0
                i += 1
                continue
            }
            if t.kind == .op {
                let b = bytes[Int(t.start)]
                if t.length == 1 && (b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{")) {
                    depth += 1
                    openers[openCount] = i
                    openCount += 1
                }
                if t.length == 1 && (b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}")) {
                    depth = max(0, depth - 1)
                    if openCount > 0 { openCount -= 1 }
                }
            }
            guard t.kind == .name, !inImport[i] else { i += 1; continue }
            // With a filter, any other name binds at most itself, which is
            // not wanted — unless it follows `def` / `class` (its parameters
            // bind): one bit test for most names, a look back for a few. A
            // name with a non-ASCII byte may equal a wanted name of another
            // length (see `NameKey`): it goes through.
            if let gate, !gate.mayContain(t, bytes), asciiFile || Self.isASCII(t, bytes) {
                let p = i - 1
                guard p >= 0, tokens[p].kind == .comment || (tokens[p].kind == .name && (tokens[p].length == 3 || tokens[p].length == 5)) else {
                    i += 1
                    continue
                }
                let code = previousCode(i)
                guard isName(code, "def") || isName(code, "class") else { i += 1; continue }
            }
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
                    if tokens[j].kind == .name, wanted(j) { globals.insert(Self.key(nameID(j), scopeOf[j])) }
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
            if isName(i, "for"), let opener = innermost, brackets[opener] > opener {
                let range = opener...Int(brackets[opener])
                var j = next
                while j < tokens.count && !isName(j, "in") && tokens[j].kind != .newline && j < range.upperBound {
                    if tokens[j].kind == .name && !isOp(previousCode(j), "."), wanted(j) {
                        rangeBindings.append((nameID(j), range))
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
                if let opener = innermost, brackets[opener] > opener { end = Int(brackets[opener]) } else {
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
                        if wanted(j) { rangeBindings.append((nameID(j), j...end)) }
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

    @inline(__always) private static func isASCII(_ token: Token, _ bytes: [UInt8]) -> Bool {
        var bits: UInt8 = 0
        for k in Int(token.start)..<Int(token.end) { bits |= bytes[k] }
        return bits < 0x80
    }

    /// The keywords whose branches above bind names other than their own
    /// token or skip tokens: with a filter they are never skipped.
    private static let bindingKeywords = ["global", "for", "lambda", "case"].map { Array($0.utf8) }

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
