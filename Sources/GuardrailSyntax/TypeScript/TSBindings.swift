// MARK: - TSBinding

/// One place in a file that binds (or writes into) a name.
public struct TSBinding: Sendable, Equatable {
    /// What the place does to the name.
    public enum Kind: UInt8, Sendable {
        /// `const`/`let NAME[: Type] = { … }`: the initializer is exactly an
        /// object literal (a trailing `as T` / `satisfies T` allowed).
        case objectLiteral
        /// `NAME.key = …` or `NAME["key"] = …`: a member written after the
        /// binding; `member` is the key token.
        case memberWrite
        /// Any other binding or write: another initializer, `var`, no
        /// initializer, a parameter, a destructured name, a function or class
        /// name, `catch (NAME)`, an assignment, `Object.assign(NAME, …)`.
        case other
    }

    /// What the place does to the name.
    public var kind: Kind
    /// View position of the name.
    public var name: Int
    /// `.objectLiteral`: view position of the initializer's `{`; else -1.
    public var object: Int
    /// `.memberWrite`: view position of the key token (a name or a string); else -1.
    public var member: Int

    /// A binding from its parts.
    public init(kind: Kind, name: Int, object: Int = -1, member: Int = -1) {
        self.kind = kind
        self.name = name
        self.object = object
        self.member = member
    }
}

// MARK: - TSBindings

/// Same-file bindings of one name, without scopes: every `const`/`let`/`var`
/// declarator, parameter, destructuring target, function / class name,
/// assignment and member write of the name anywhere in the file. A caller
/// that wants "bound to an object literal" asks that every binding is one.
public enum TSBindings {
    /// Every binding of `name` in the file, in source order. For several
    /// names, build one `TSBindingIndex` instead.
    public static func bindings(of name: [UInt8], in code: TSCode) -> [TSBinding] {
        TSBindingIndex(code).bindings(of: name)
    }
}

// MARK: - TSBindingIndex

/// The file's declarators and name mentions, gathered in one pass, so asking
/// for the bindings of many names stays linear in the file.
public struct TSBindingIndex: Sendable {
    let code: TSCode
    /// `const`/`let`/`var` declarator bindings, by name hash.
    var declarators: [UInt64: [TSBinding]] = [:]
    /// View positions of names bound by a declarator.
    var declared = Set<Int32>()
    /// View positions of every name that is not a member (`x.name`), by name hash.
    var mentions: [UInt64: [Int32]] = [:]
    /// The end of the last destructuring pattern whose names were recorded:
    /// a pattern nested inside it (`let {a: {b}} …` seen again from an inner
    /// keyword) is already recorded, so deep nesting stays linear.
    var destructuredUntil = -1

    /// Indexes a file in one pass.
    public init(_ code: TSCode) {
        self.code = code
        var k = 0
        while k < code.count {
            let t = code.token(k)
            if t.kind == .name && !code.isMemberDot(k - 1) {
                mentions[hash(Int(t.start), Int(t.end)), default: []].append(Int32(k))
                if code.isName(k, "const") || code.isName(k, "let") || code.isName(k, "var") {
                    scanDeclarations(keyword: k)
                }
            }
            k += 1
        }
    }

    /// Every binding of `name`, in source order.
    public func bindings(of name: [UInt8]) -> [TSBinding] {
        let h = Self.hash(name)
        var out = (declarators[h] ?? []).filter { code.isName($0.name, name) }
        for position in mentions[h] ?? [] where !declared.contains(position) {
            let k = Int(position)
            guard code.isName(k, name), let binding = TSBindings.classify(occurrence: k, in: code) else { continue }
            out.append(binding)
        }
        out.sort { $0.name < $1.name }
        return out
    }

    // MARK: Hashing

    /// FNV-1a of bytes `[start, end)` of the file.
    func hash(_ start: Int, _ end: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in start..<end { h = (h ^ UInt64(code.bytes[i])) &* 0x0000_0100_0000_01B3 }
        return h
    }

    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    // MARK: Declarations

    mutating func record(_ binding: TSBinding) {
        let t = code.token(binding.name)
        declarators[hash(Int(t.start), Int(t.end)), default: []].append(binding)
        declared.insert(Int32(binding.name))
    }

    /// Parses the `const|let|var` declarator list from `keyword` on.
    mutating func scanDeclarations(keyword: Int) {
        let literalAllowed = !code.isName(keyword, "var")
        var d = keyword + 1
        while d < code.count {
            var j: Int
            var bound: Int? = nil
            if code.kind(d) == .name {
                bound = d
                j = d + 1
            } else if code.isOp(d, "{") || code.isOp(d, "[") {
                // A destructuring pattern: every name in it may be bound
                // (keys included: conservative).
                guard let close = code.closer(d) else { return }
                if close > destructuredUntil {
                    for p in max(d + 1, destructuredUntil + 1)..<close where code.kind(p) == .name && !code.isMemberDot(p - 1) {
                        record(TSBinding(kind: .other, name: p))
                    }
                    destructuredUntil = close
                }
                j = close + 1
            } else {
                return
            }
            if code.isOp(j, "!") { j += 1 }
            if code.isOp(j, ":") { j = TSBindings.skipType(from: j + 1, in: code) }
            var end = j
            var literal: Int? = nil
            if code.isOp(j, "=") {
                let initializer = j + 1
                end = TSBindings.declaratorEnd(from: initializer, in: code)
                if literalAllowed, code.isOp(initializer, "{"), let close = code.closer(initializer),
                   TSBindings.endsInitializer(after: close, end: end, in: code) {
                    literal = initializer
                }
            }
            if let bound {
                if let literal {
                    record(TSBinding(kind: .objectLiteral, name: bound, object: literal))
                } else {
                    record(TSBinding(kind: .other, name: bound))
                }
            }
            guard code.isOp(end, ",") else { return }
            d = end + 1
        }
    }
}

extension TSBindings {
    /// After a type annotation's first token: the position of the `=`, `,`,
    /// `;` or closer that ends it (angle brackets counted, groups skipped).
    static func skipType(from start: Int, in code: TSCode) -> Int {
        var k = start
        var angles = 0
        while k < code.count {
            if code.view.roles[k] == .close || code.view.roles[k] == .middle { return k }
            if code.kind(k) == .op {
                if code.isOp(k, "<") {
                    angles += 1
                } else if code.isOp(k, ">") {
                    angles = max(0, angles - 1)
                } else if angles == 0 && (code.isOp(k, "=") || code.isOp(k, ",") || code.isOp(k, ";")) {
                    return k
                }
            } else if angles == 0 && (code.isName(k, "of") || code.isName(k, "in")) {
                return k
            }
            k = code.skipItem(k)
        }
        return k
    }

    /// The `,`, `;`, closer or next statement keyword that ends an
    /// initializer starting at `start`.
    static func declaratorEnd(from start: Int, in code: TSCode) -> Int {
        var k = start
        while k < code.count {
            if code.view.roles[k] == .close || code.view.roles[k] == .middle { return k }
            if code.isOp(k, ",") || code.isOp(k, ";") { return k }
            if k > start && code.kind(k) == .name && !code.isMemberDot(k - 1) && isStatementKeyword(k, in: code) {
                return k
            }
            k = code.skipItem(k)
        }
        return k
    }

    /// Whether the object literal closing at `close` is the whole initializer
    /// (up to `end`): nothing after it but `as T` / `satisfies T`, or the
    /// initializer ends at a line break.
    static func endsInitializer(after close: Int, end: Int, in code: TSCode) -> Bool {
        let next = close + 1
        if next >= end { return true }
        if code.isName(next, "as") || code.isName(next, "satisfies") { return true }
        // ASI: the next statement starts on a later line with a name.
        return code.kind(next) == .name && TokenText.onLaterLine(code.token(next), than: code.token(close), code.bytes)
            && !code.isName(next, "in") && !code.isName(next, "instanceof")
    }

    static func isStatementKeyword(_ k: Int, in code: TSCode) -> Bool {
        code.isName(k, "const") || code.isName(k, "let") || code.isName(k, "var") || code.isName(k, "function")
            || code.isName(k, "class") || code.isName(k, "return") || code.isName(k, "if") || code.isName(k, "for")
            || code.isName(k, "while") || code.isName(k, "export") || code.isName(k, "import")
    }

    // MARK: Other occurrences

    /// What a mention of the name outside `const`/`let`/`var` declarators
    /// binds, if anything (nil: a plain use).
    static func classify(occurrence k: Int, in code: TSCode) -> TSBinding? {
        let before = k - 1, after = k + 1
        if code.isName(before, "function") || code.isName(before, "class") {
            return TSBinding(kind: .other, name: k)
        }
        if code.isOp(after, "=>") { return TSBinding(kind: .other, name: k) } // `name => …`
        if isAssignment(after, in: code) { return TSBinding(kind: .other, name: k) }
        // `NAME.key = …`, `NAME["key"] = …`
        if code.isMemberDot(after) && code.kind(after + 1) == .name && isAssignment(after + 2, in: code) {
            return TSBinding(kind: .memberWrite, name: k, member: after + 1)
        }
        if code.isOp(after, "["), let close = code.closer(after), isAssignment(close + 1, in: code) {
            if close == after + 2 && code.plainStringContents(after + 1) != nil {
                return TSBinding(kind: .memberWrite, name: k, member: after + 1)
            }
            return TSBinding(kind: .other, name: k)
        }
        // `Object.assign(NAME, …)`
        if code.isOp(before, "("), code.isName(before - 1, "assign"), code.isMemberDot(before - 2),
           code.isName(before - 3, "Object") {
            return TSBinding(kind: .other, name: k)
        }
        if isParameter(k, in: code) { return TSBinding(kind: .other, name: k) }
        return nil
    }

    /// An assignment operator at `k` (`=`, `+=`, `??=`, …; not `==`, `<=`, `=>`).
    static func isAssignment(_ k: Int, in code: TSCode) -> Bool {
        guard code.kind(k) == .op else { return false }
        let t = code.token(k)
        let s = Int(t.start), e = Int(t.end)
        guard code.bytes[e - 1] == UInt8(ascii: "=") else { return false }
        if t.length == 1 { return true }
        let c = code.bytes[s]
        if c == UInt8(ascii: "=") || c == UInt8(ascii: "!") { return false } // == === != !==
        if t.length == 2 && (c == UInt8(ascii: "<") || c == UInt8(ascii: ">")) { return false } // <= >=
        return true
    }

    /// A parameter (or a name in a parameter's destructuring pattern): inside
    /// a `( … )` followed by `=>`, `{` or a return-type `:` that is not a
    /// statement's condition, in binding position (after `(`, `,`, `...`,
    /// `{`, `[`; before `,`, `)`, `:`, `=`, `?`, `}`, `]`).
    static func isParameter(_ k: Int, in code: TSCode) -> Bool {
        let beforeOK = code.isOp(k - 1, "(") || code.isOp(k - 1, ",") || code.isOp(k - 1, "...")
            || code.isOp(k - 1, "{") || code.isOp(k - 1, "[")
        let afterOK = code.isOp(k + 1, ",") || code.isOp(k + 1, ")") || code.isOp(k + 1, ":") || code.isOp(k + 1, "=")
            || code.isOp(k + 1, "?") || code.isOp(k + 1, "}") || code.isOp(k + 1, "]")
        guard beforeOK && afterOK else { return false }
        // Climb out of destructuring patterns to the parameter list.
        var group = code.view.parent(k)
        while let g = group, code.isOp(g, "{") || code.isOp(g, "[") { group = code.view.parent(g) }
        guard let open = group, code.isOp(open, "("), let close = code.closer(open) else { return false }
        guard code.isOp(close + 1, "=>") || code.isOp(close + 1, "{") || code.isOp(close + 1, ":") else { return false }
        let head = open - 1
        return !(code.isName(head, "if") || code.isName(head, "while") || code.isName(head, "for")
                 || code.isName(head, "switch") || code.isName(head, "with"))
    }
}
