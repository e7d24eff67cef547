// MARK: - TSImports

/// Finds the import statements of a TS/JS token stream: static `import` and
/// `export … from`, TypeScript `import X = require("m")`, CommonJS
/// `require("m")` and dynamic `import("m")`, with the names each binds.
///
/// Statement extents (`firstToken`…`lastToken`, inclusive):
/// - static forms run from `import` / `export` to the module string, or to the
///   `}` of an attributes clause (`with { type: "json" }`); a trailing `;` is
///   not included;
/// - calls run from `require` / `import` to the call's closing `)`; when the
///   call is the whole initializer of `const|let|var X = …` or of a
///   destructuring `const { A, B: C } = …` (also `= await import(…)`), they start
///   at `const`/`let`/`var`; `require("m").Foo` ends at `Foo`.
///
/// Names: a default import is `default` with the local name as alias, a
/// namespace (`* as NS`, `import NS = require(…)`, `const NS = require(…)`,
/// `const NS = await import(…)`) is `*` with alias, `export * from` is a bare
/// `*`; inline `type` modifiers are not names. A call that is not a whole
/// initializer (`require("m")("en")`, `require("m") || {}`) binds no names.
/// A method or function named `import`/`require` and member accesses
/// (`x.require(…)`, `import.meta`) are not imports.
public enum TSImports {
    /// Every import/export-from/require/dynamic-import in the token stream, in source order.
    public static func scan(_ tokens: [Token], in bytes: [UInt8]) -> [ImportStatement] {
        var scanner = ImportScanner(tokens: tokens, bytes: bytes)
        return scanner.run()
    }
}

// MARK: - Scanner

private struct ImportScanner {
    let tokens: [Token]
    let bytes: [UInt8]
    /// Indices of the tokens that are not comments; positions below index this.
    var code: [Int] = []
    var results: [ImportStatement] = []
    /// For each `(` position, the position of its `)` (built on first use).
    var parenMatch: [Int32] = []

    init(tokens: [Token], bytes: [UInt8]) {
        self.tokens = tokens
        self.bytes = bytes
    }

    mutating func run() -> [ImportStatement] {
        code.reserveCapacity(tokens.count)
        var candidate = false
        for index in 0..<tokens.count {
            let token = tokens[index]
            if token.kind == .comment { continue }
            code.append(index)
            if !candidate && token.kind == .name && isKeyword(token) { candidate = true }
        }
        guard candidate else { return [] }
        var k = 0
        while k < code.count {
            let t = tok(k)
            var next = k + 1
            if t.kind == .name {
                if equals(t, "import") {
                    next = scanImport(k)
                } else if equals(t, "export") {
                    next = scanExport(k)
                } else if equals(t, "require") {
                    scanRequire(k)
                }
            }
            k = max(next, k + 1)
        }
        return results
    }

    /// Whether a name token is one the scan starts from (cheap prefilter).
    func isKeyword(_ t: Token) -> Bool {
        equals(t, "import") || equals(t, "export") || equals(t, "require")
    }

    // MARK: Token access

    func tok(_ k: Int) -> Token { tokens[code[k]] }

    func kind(_ k: Int) -> TokenKind? { k >= 0 && k < code.count ? tokens[code[k]].kind : nil }

    func equals(_ t: Token, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard t.length == count else { return false }
        let p = literal.utf8Start
        let s = Int(t.start)
        for i in 0..<count where bytes[s + i] != p[i] { return false }
        return true
    }

    func isName(_ k: Int, _ literal: StaticString) -> Bool {
        kind(k) == .name && equals(tok(k), literal)
    }

    func isOp(_ k: Int, _ literal: StaticString) -> Bool {
        kind(k) == .op && equals(tok(k), literal)
    }

    func text(_ k: Int) -> String {
        let t = tok(k)
        return String(decoding: bytes[Int(t.start)..<Int(t.end)], as: UTF8.self)
    }

    /// A quoted string token (`'…'` / `"…"`), or with `template`, also a
    /// template literal without substitutions.
    func isModuleString(_ k: Int, template: Bool) -> Bool {
        guard kind(k) == .string else { return false }
        let q = bytes[Int(tok(k).start)]
        return q == 0x22 || q == 0x27 || (template && q == 0x60)
    }

    /// The original token index of position `k`.
    func index(_ k: Int) -> Int { code[k] }

    /// The previous significant token is a member access (`x.import`, `a?.require`).
    func isMember(_ k: Int) -> Bool { isOp(k - 1, ".") || isOp(k - 1, "?.") }

    /// `import`/`export` can start a statement here.
    func atStatementStart(_ k: Int) -> Bool {
        if k == 0 { return true }
        let prev = tok(k - 1)
        if prev.kind == .op {
            if isMember(k) { return false }
            if equals(prev, ";") || equals(prev, "{") || equals(prev, "}") || equals(prev, ")") { return true }
        }
        return TokenText.onLaterLine(tok(k), than: prev, bytes)
    }

    // MARK: Static import / export

    /// Returns the position to continue from.
    mutating func scanImport(_ k: Int) -> Int {
        if isMember(k) { return k + 1 }
        if isOp(k + 1, "(") {
            scanCall(k, form: .dynamicImport)
            return k + 1
        }
        if isOp(k + 1, ".") || isOp(k + 1, ":") || !atStatementStart(k) { return k + 1 }
        var j = k + 1
        var typeOnly = false
        var names: [ImportStatement.Name] = []
        if isModuleString(j, template: false) { // import "m"
            return finish(.esImport, first: k, from: j - 1, names: [], typeOnly: false)
        }
        if isName(j, "type") && typeModifiesImport(j + 1) {
            typeOnly = true
            j += 1
        }
        if kind(j) == .name {
            if isOp(j + 1, "=") { // TS import X = require("m")
                guard isName(j + 2, "require"), isOp(j + 3, "("), isModuleString(j + 4, template: false),
                      isOp(j + 5, ")") else { return k + 1 }
                let name = ImportStatement.Name(name: "*", nameToken: nil, alias: text(j), aliasToken: index(j))
                results.append(ImportStatement(
                    form: .esImport, firstToken: index(k), lastToken: index(j + 5),
                    module: stringValue(j + 4), moduleToken: index(j + 4), names: [name], typeOnly: typeOnly))
                return j + 6
            }
            names.append(ImportStatement.Name(name: "default", nameToken: nil, alias: text(j), aliasToken: index(j)))
            j += 1
            if isOp(j, ",") { j += 1 }
        }
        if isOp(j, "*") {
            guard isName(j + 1, "as"), kind(j + 2) == .name else { return k + 1 }
            names.append(ImportStatement.Name(name: "*", nameToken: nil, alias: text(j + 2), aliasToken: index(j + 2)))
            j += 3
        } else if isOp(j, "{") {
            guard let close = parseSpecifiers(j, into: &names) else { return k + 1 }
            j = close + 1
        }
        guard isName(j, "from") else { return k + 1 }
        return finish(.esImport, first: k, from: j, names: names, typeOnly: typeOnly)
    }

    /// Returns the position to continue from.
    mutating func scanExport(_ k: Int) -> Int {
        if isMember(k) || !atStatementStart(k) { return k + 1 }
        var j = k + 1
        var typeOnly = false
        var names: [ImportStatement.Name] = []
        if isName(j, "type") && (isOp(j + 1, "{") || isOp(j + 1, "*")) {
            typeOnly = true
            j += 1
        }
        if isOp(j, "*") {
            if isName(j + 1, "as") && (kind(j + 2) == .name || kind(j + 2) == .string) {
                names.append(ImportStatement.Name(name: "*", nameToken: nil, alias: specifierText(j + 2),
                                                  aliasToken: index(j + 2)))
                j += 3
            } else {
                names.append(ImportStatement.Name(name: "*", nameToken: nil))
                j += 1
            }
        } else if isOp(j, "{") {
            guard let close = parseSpecifiers(j, into: &names) else { return k + 1 }
            j = close + 1
        } else {
            return k + 1
        }
        guard isName(j, "from") else { return k + 1 } // `export { A }` exports, imports nothing
        return finish(.esExport, first: k, from: j, names: names, typeOnly: typeOnly)
    }

    /// Completes a static statement at `from` (the `from` keyword, or the
    /// token before a side-effect import's string): module string, then an
    /// optional `with { … }` / `assert { … }` clause.
    mutating func finish(_ form: ImportStatement.Form, first: Int, from: Int,
                         names: [ImportStatement.Name], typeOnly: Bool) -> Int {
        let m = from + 1
        guard isModuleString(m, template: false) else { return first + 1 }
        var last = m
        if (isName(m + 1, "with") || isName(m + 1, "assert")) && isOp(m + 2, "{") {
            var j = m + 3
            while j < code.count && !isOp(j, "}") && j < m + 3 + 256 { j += 1 }
            if isOp(j, "}") { last = j }
        }
        results.append(ImportStatement(form: form, firstToken: index(first), lastToken: index(last),
                                       module: stringValue(m), moduleToken: index(m), names: names,
                                       typeOnly: typeOnly))
        return last + 1
    }

    /// After `import type`, whether `type` is the modifier (`import type X from`,
    /// `import type { … }`) rather than a default import named `type`.
    func typeModifiesImport(_ j: Int) -> Bool {
        if isOp(j, "{") || isOp(j, "*") { return true }
        guard kind(j) == .name else { return false }
        if equals(tok(j), "from") { return !isModuleString(j + 1, template: false) }
        return true
    }

    /// Parses `{ A, B as C, type D, "s" as E }` starting at `{`; returns the
    /// position of `}`, or nil when the list is not one.
    func parseSpecifiers(_ open: Int, into names: inout [ImportStatement.Name]) -> Int? {
        var j = open + 1
        while j < code.count {
            if isOp(j, "}") { return j }
            if isOp(j, ",") {
                j += 1
                continue
            }
            if isName(j, "type") && typeModifiesSpecifier(j) { j += 1 }
            guard kind(j) == .name || kind(j) == .string else { return nil }
            var name = ImportStatement.Name(name: specifierText(j), nameToken: index(j))
            j += 1
            if isName(j, "as") && (kind(j + 1) == .name || kind(j + 1) == .string) {
                name.alias = specifierText(j + 1)
                name.aliasToken = index(j + 1)
                j += 2
            }
            names.append(name)
        }
        return nil
    }

    /// Inside braces, whether `type` at `j` is an inline modifier: `{ type A }`,
    /// `{ type as }`, `{ type as as B }` — not `{ type }` or `{ type as B }`.
    func typeModifiesSpecifier(_ j: Int) -> Bool {
        if isName(j + 1, "as") {
            return isOp(j + 2, ",") || isOp(j + 2, "}") || isName(j + 2, "as")
        }
        return kind(j + 1) == .name || kind(j + 1) == .string
    }

    func specifierText(_ k: Int) -> String {
        kind(k) == .string ? stringValue(k) : text(k)
    }

    // MARK: require() / import()

    mutating func scanRequire(_ k: Int) {
        guard !isMember(k), isOp(k + 1, "("), !isName(k - 1, "function") else { return }
        scanCall(k, form: .require)
    }

    /// A call of `require` / `import` at `k` (its `(` at `k + 1`).
    mutating func scanCall(_ k: Int, form: ImportStatement.Form) {
        var module: String?
        var moduleToken: Int?
        let close: Int
        if isModuleString(k + 2, template: true) && isOp(k + 3, ")") {
            close = k + 3
        } else {
            close = matchingParen(k + 1)
        }
        if isModuleString(k + 2, template: true) && (isOp(k + 3, ")") || isOp(k + 3, ",")) {
            module = stringValue(k + 2)
            moduleToken = index(k + 2)
        }
        // `require(x) { … }` / `import() { … }` define a method of that name.
        if isOp(close + 1, "{") { return }

        var first = k
        var last = close
        var names: [ImportStatement.Name] = []
        var member: ImportStatement.Name?
        if form == .require && isOp(close + 1, "."), kind(close + 2) == .name { // require("m").Foo
            member = ImportStatement.Name(name: text(close + 2), nameToken: index(close + 2))
            last = close + 2
        }
        var b = k - 1
        if form == .dynamicImport {
            // `import()` yields a promise: only an awaited one binds the module.
            b = isName(b, "await") ? b - 1 : -1
        }
        if isOp(b, "="), endsInitializer(last + 1) {
            let target = b - 1
            if kind(target) == .name && isDeclaration(target - 1) { // const X = require("m")
                first = target - 1
                var name = member ?? ImportStatement.Name(name: "*", nameToken: nil)
                name.alias = text(target)
                name.aliasToken = index(target)
                member = name
            } else if member == nil && isOp(target, "}"),
                      let open = matchingBraceBackward(target), isDeclaration(open - 1) {
                first = open - 1
                names = destructuredNames(open, target)
            }
        }
        if let member { names = [member] }
        results.append(ImportStatement(form: form, firstToken: index(first), lastToken: index(last),
                                       module: module, moduleToken: moduleToken, names: names))
    }

    /// The token at `k` ends a declaration's initializer: `;`, `,`, a closing
    /// bracket, the end, or a name on a later line (`const x = require("m")`
    /// but not `require("m")("en")` or `require("m") || {}`).
    func endsInitializer(_ k: Int) -> Bool {
        guard let kind = kind(k) else { return true }
        if kind == .op {
            let t = tok(k)
            return equals(t, ";") || equals(t, ",") || equals(t, ")") || equals(t, "}") || equals(t, "]")
        }
        return kind == .name && TokenText.onLaterLine(tok(k), than: tok(k - 1), bytes)
    }

    func isDeclaration(_ k: Int) -> Bool {
        isName(k, "const") || isName(k, "let") || isName(k, "var")
    }

    /// The `)` matching the `(` at `open`, or the last position when unclosed.
    mutating func matchingParen(_ open: Int) -> Int {
        if parenMatch.isEmpty { buildParenMatch() }
        let m = Int(parenMatch[open])
        return m >= 0 ? m : code.count - 1
    }

    mutating func buildParenMatch() {
        parenMatch = [Int32](repeating: -1, count: code.count)
        var stack: [Int] = []
        for k in 0..<code.count where tok(k).kind == .op {
            let t = tok(k)
            if equals(t, "(") {
                stack.append(k)
            } else if equals(t, ")"), let open = stack.popLast() {
                parenMatch[open] = Int32(k)
            }
        }
    }

    /// The `{` matching the `}` at `close`, looking back a bounded distance
    /// (destructuring patterns are short).
    func matchingBraceBackward(_ close: Int) -> Int? {
        var depth = 0
        var j = close
        let limit = max(0, close - 512)
        while j >= limit {
            if isOp(j, "}") {
                depth += 1
            } else if isOp(j, "{") {
                depth -= 1
                if depth == 0 { return j }
            }
            j -= 1
        }
        return nil
    }

    /// The keys of an object pattern `{ A, B: C, D = 1, "e": F, ...rest }`
    /// between `open` and `close`: the key is the exported name, a plain
    /// identifier target its alias.
    func destructuredNames(_ open: Int, _ close: Int) -> [ImportStatement.Name] {
        var names: [ImportStatement.Name] = []
        var j = open + 1
        while j < close {
            if isOp(j, ",") {
                j += 1
                continue
            }
            if kind(j) == .name || isModuleString(j, template: false) {
                var name = ImportStatement.Name(name: specifierText(j), nameToken: index(j))
                j += 1
                if isOp(j, ":") && kind(j + 1) == .name && (isOp(j + 2, ",") || isOp(j + 2, "=") || j + 2 == close) {
                    name.alias = text(j + 1)
                    name.aliasToken = index(j + 1)
                }
                names.append(name)
            }
            // Skip the rest of the entry (default value, nested pattern, spread).
            var depth = 0
            while j < close {
                if tok(j).kind == .op {
                    let t = tok(j)
                    if equals(t, ",") && depth == 0 { break }
                    if equals(t, "(") || equals(t, "[") || equals(t, "{") {
                        depth += 1
                    } else if equals(t, ")") || equals(t, "]") || equals(t, "}") {
                        depth -= 1
                    }
                }
                j += 1
            }
        }
        return names
    }

    // MARK: String contents

    /// The contents of a string token without its quotes, escapes decoded.
    func stringValue(_ k: Int) -> String {
        let t = tok(k)
        var s = Int(t.start) + 1
        var e = Int(t.end)
        if e - s >= 1 && bytes[e - 1] == bytes[s - 1] { e -= 1 }
        if s > e { s = e }
        var out: [UInt8] = []
        out.reserveCapacity(e - s)
        var i = s
        while i < e {
            let c = bytes[i]
            guard c == 0x5C, i + 1 < e else {
                out.append(c)
                i += 1
                continue
            }
            let d = bytes[i + 1]
            i += 2
            switch d {
            case 0x6E: out.append(0x0A) // n
            case 0x74: out.append(0x09) // t
            case 0x72: out.append(0x0D) // r
            case 0x62: out.append(0x08) // b
            case 0x66: out.append(0x0C) // f
            case 0x76: out.append(0x0B) // v
            case 0x30 where !(i < e && bytes[i] &- 0x30 < 10): out.append(0)
            case 0x0A: break // line continuation
            case 0x0D:
                if i < e && bytes[i] == 0x0A { i += 1 }
            case 0x78: // \xHH
                var v: UInt32 = 0
                var count = 0
                while count < 2, i < e, let h = hexValue(bytes[i]) {
                    v = v * 16 + h
                    i += 1
                    count += 1
                }
                appendScalar(v, to: &out)
            case 0x75: // \uXXXX, \u{X…}
                var v: UInt32 = 0
                if i < e && bytes[i] == 0x7B {
                    i += 1
                    while i < e, let h = hexValue(bytes[i]) {
                        v = v &* 16 &+ h
                        i += 1
                    }
                    if i < e && bytes[i] == 0x7D { i += 1 }
                } else {
                    var count = 0
                    while count < 4, i < e, let h = hexValue(bytes[i]) {
                        v = v * 16 + h
                        i += 1
                        count += 1
                    }
                }
                appendScalar(v, to: &out)
            default:
                out.append(d)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        default: return nil
        }
    }

    func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        UTF8.encode(scalar) { out.append($0) }
    }
}
