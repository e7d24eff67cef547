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

    /// One binding. Its name is the file's bytes `[nameStart, nameStart +
    /// nameLength)`, or for an import `importNames[-nameStart - 1]`: no
    /// string is made per binding.
    struct Binding {
        var nameStart: Int32
        var nameLength: Int32
        var scope: Int32
        /// Token index where the binding takes effect.
        var position: Int32
        /// Index into `importTargets`, or -1: a local value.
        var target: Int32
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
    private let bytes: [UInt8]
    private var bindings: [Binding] = []
    /// Local names of import bindings, and what imports bind to.
    private var importNames: [String] = []
    private var importTargets: [String] = []
    private var globals: Set<String> = []   // "scope:name"
    /// Names local to a token range: comprehension targets (a comprehension
    /// is its own scope) and lambda parameters. `name` is a token index.
    private var rangeBindings: [(name: Int32, range: ClosedRange<Int>)] = []
    /// Byte ranges of the range bindings' names (start, length).
    private var rangeNames: [(Int32, Int)] = []
    private var starModules: [String] = []
    /// `bindings` and `rangeBindings` by hash of their name, so that a lookup
    /// costs the bindings of that name (and the few others sharing its
    /// bucket), not the whole file's: per bucket the first binding, per
    /// binding the next in its bucket, in file order.
    private var bindingIndex = NameIndex()
    private var rangeIndex = NameIndex()

    /// Names bindings are collected for (nil: every name).
    private let only: NameSet?

    /// Builds scopes and bindings from tokens and the file's import
    /// statements. With `names`, only bindings of those names are collected
    /// (imports excepted), and `resolve` answers for those names alone: the
    /// file's other names then cost a bit test each.
    public init(tokens: [Token], bytes: [UInt8], imports: [ImportStatement], brackets: [Int32],
                names: [[UInt8]]? = nil) {
        self.bytes = bytes
        self.only = names.map(NameSet.init)
        scopeOf = [Int32](repeating: 0, count: tokens.count)
        buildScopes(tokens, bytes, brackets)
        collectImports(imports, tokens)
        collectBindings(tokens, bytes, brackets, imports)
        let (bindings, importNames) = (self.bindings, self.importNames)
        bindingIndex = bytes.withUnsafeBufferPointer { file in
            NameIndex(count: bindings.count) { i in
                let b = bindings[i]
                if b.nameStart < 0 { return NameIndex.hash(importNames[Int(-b.nameStart - 1)]) }
                return NameIndex.hash(UnsafeBufferPointer(rebasing: file[Int(b.nameStart)..<Int(b.nameStart + b.nameLength)]))
            }
        }
        let ranges = rangeBindings
        rangeIndex = bytes.withUnsafeBufferPointer { file in
            NameIndex(count: ranges.count) { i in
                let t = tokens[Int(ranges[i].name)]
                return NameIndex.hash(UnsafeBufferPointer(rebasing: file[Int(t.start)..<Int(t.end)]))
            }
        }
        rangeNames = ranges.map { (tokens[Int($0.name)].start, tokens[Int($0.name)].length) }
    }

    // MARK: - Resolution

    /// What the name token at `index` refers to. With a `names` filter,
    /// `name` must be one of them.
    public func resolve(_ name: String, at index: Int) -> Resolution {
        var name = name
        return name.withUTF8 { name in
            assert(only.map { $0.contains(name) } ?? true, "PythonScopes: `\(String(decoding: name, as: UTF8.self))` was not asked for")
            return resolve(name, at: index)
        }
    }

    private func resolve(_ name: UnsafeBufferPointer<UInt8>, at index: Int) -> Resolution {
        let hash = NameIndex.hash(name)
        var r = rangeIndex.first(hash)
        while r >= 0 {
            let (start, length) = rangeNames[r]
            if rangeBindings[r].range.contains(index) && equals(start, length, name) { return .local }
            r = rangeIndex.next(r)
        }
        var scope = Int(scopeOf[index])
        var first = true
        var globalKey: String?
        while scope >= 0 {
            let s = scopes[scope]
            if !first && s.kind == .class { scope = s.parent; continue }
            if s.kind != .module && !globals.isEmpty {
                if globalKey == nil { globalKey = String(decoding: name, as: UTF8.self) }
                if globals.contains("\(scope):\(globalKey!)") {
                    scope = 0
                    first = false
                    continue
                }
            }
            // This scope's bindings of the name: the first, the last, and
            // the last one before the use.
            var firstHere = -1, lastHere = -1, lastBefore = -1
            var b = bindingIndex.first(hash)
            while b >= 0 {
                let binding = bindings[b]
                if Int(binding.scope) == scope && matches(binding, name) {
                    if firstHere < 0 { firstHere = b }
                    lastHere = b
                    if Int(binding.position) < index { lastBefore = b }
                }
                b = bindingIndex.next(b)
            }
            if firstHere >= 0 {
                if s.kind == .module {
                    // Module scope: the binding in effect at the use; from a
                    // function body (run later), the last one in the module.
                    let usedInside = Int(scopeOf[index]) != 0
                    let chosen = usedInside ? lastHere : (lastBefore >= 0 ? lastBefore : firstHere)
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

    private func matches(_ binding: Binding, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        if binding.nameStart < 0 {
            var local = importNames[Int(-binding.nameStart - 1)]
            return local.withUTF8 { $0.elementsEqual(name) }
        }
        return equals(binding.nameStart, Int(binding.nameLength), name)
    }

    private func equals(_ start: Int32, _ length: Int, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard length == name.count else { return false }
        let s = Int(start)
        for k in 0..<length where bytes[s + k] != name[k] { return false }
        return true
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

    private mutating func addImport(_ local: String, scope: Int, position: Int, target: String) {
        importNames.append(local)
        importTargets.append(target)
        bindings.append(Binding(nameStart: Int32(-importNames.count), nameLength: Int32(local.utf8.count),
                                scope: Int32(scope), position: Int32(position), target: Int32(importTargets.count - 1)))
    }

    private mutating func collectImports(_ imports: [ImportStatement], _ tokens: [Token]) {
        for statement in imports {
            let scope = Int(scopeOf[statement.firstToken])
            for entry in statement.names {
                switch statement.form {
                case .pythonImport:
                    if let alias = entry.alias {
                        addImport(alias, scope: scope, position: statement.lastToken, target: entry.name)
                    } else {
                        let head = entry.name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? entry.name
                        addImport(head, scope: scope, position: statement.lastToken, target: head)
                    }
                case .pythonFrom:
                    let module = statement.module ?? ""
                    if entry.name == "*" {
                        if scope == 0 { starModules.append(module) }
                        continue
                    }
                    let local = entry.alias ?? entry.name
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
        func add(_ i: Int, scope: Int? = nil) {
            guard wanted(i) else { return }
            bindings.append(Binding(nameStart: tokens[i].start, nameLength: Int32(tokens[i].length),
                                    scope: scope.map(Int32.init) ?? scopeOf[i], position: Int32(i), target: -1))
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
            // bind): one bit test for most names, a look back for a few.
            if let gate, !gate.mayContain(t, bytes) {
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
            if isName(i, "for"), let opener = innermost, brackets[opener] > opener {
                let range = opener...Int(brackets[opener])
                var j = next
                while j < tokens.count && !isName(j, "in") && tokens[j].kind != .newline && j < range.upperBound {
                    if tokens[j].kind == .name && !isOp(previousCode(j), "."), wanted(j) {
                        rangeBindings.append((Int32(j), range))
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
                        if wanted(j) { rangeBindings.append((Int32(j), j...end)) }
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

// MARK: - NameIndex

/// Chains of items by the hash of their name: per bucket the first item,
/// per item the next one in its bucket, in increasing order. A lookup
/// compares names along its bucket's chain (the hash only narrows it).
struct NameIndex {
    private var heads: [Int32] = []
    private var links: [Int32] = []
    private var mask = 0

    init() {}

    /// Indexes items `0..<count`, `hash(i)` being item i's name hash.
    init(count: Int, hash: (Int) -> UInt64) {
        guard count > 0 else { return }
        var buckets = 4
        while buckets < count { buckets <<= 1 }
        mask = buckets - 1
        heads = [Int32](repeating: -1, count: buckets)
        links = [Int32](repeating: -1, count: count)
        for i in stride(from: count - 1, through: 0, by: -1) {
            let b = Int(truncatingIfNeeded: hash(i)) & mask
            links[i] = heads[b]
            heads[b] = Int32(i)
        }
    }

    /// The first item whose name may hash to `hash`, or -1.
    @inline(__always) func first(_ hash: UInt64) -> Int {
        heads.isEmpty ? -1 : Int(heads[Int(truncatingIfNeeded: hash) & mask])
    }

    /// The next item in the same bucket as `item`, or -1.
    @inline(__always) func next(_ item: Int) -> Int { Int(links[item]) }

    /// FNV-1a over the name's bytes.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h ^ (h >> 29)
    }

    static func hash(_ name: String) -> UInt64 {
        var name = name
        return name.withUTF8 { hash($0) }
    }
}

// MARK: - NameSet

/// Names, tested against a token by length and first byte (one bit test
/// for most tokens) before a hash lookup: any number of names costs a token
/// about the same.
struct NameSet: Sendable {
    let names: [[UInt8]]
    private let shapes: UInt64
    private let index: NameIndex

    init(_ names: [[UInt8]]) {
        self.names = names
        var shapes: UInt64 = 0
        for name in names { shapes |= Self.shape(name.count, name.first ?? 0) }
        self.shapes = shapes
        index = NameIndex(count: names.count) { i in names[i].withUnsafeBufferPointer { NameIndex.hash($0) } }
    }

    @inline(__always) static func shape(_ length: Int, _ first: UInt8) -> UInt64 {
        1 << ((UInt64(truncatingIfNeeded: length) &* 7 &+ UInt64(first)) & 63)
    }

    /// Whether the token's text may be one of the names (the bit test only).
    @inline(__always) func mayContain(_ token: Token, _ bytes: [UInt8]) -> Bool {
        token.length > 0 && shapes & Self.shape(token.length, bytes[Int(token.start)]) != 0
    }

    /// Whether the token's text is one of the names.
    @inline(__always) func contains(_ token: Token, _ bytes: [UInt8]) -> Bool {
        guard mayContain(token, bytes) else { return false }
        return bytes.withUnsafeBufferPointer { contains(UnsafeBufferPointer(rebasing: $0[Int(token.start)..<Int(token.end)])) }
    }

    func contains(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !name.isEmpty, shapes & Self.shape(name.count, name[0]) != 0 else { return false }
        var i = index.first(NameIndex.hash(name))
        while i >= 0 {
            if names[i].elementsEqual(name) { return true }
            i = index.next(i)
        }
        return false
    }
}
