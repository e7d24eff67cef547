import GuardrailDomain
import GuardrailSyntax

// MARK: - BitmapGeometryCheck

/// `bitmap-geometry`: a definition of a day-bitmap geometry constant
/// (`MINUTES_PER_DAY`, `MINUTES_PER_SLOT`, `SLOTS_PER_DAY`, `BITS_PER_DAY`,
/// `BYTES_PER_DAY`, or a configured alias) whose value differs from the
/// configured geometry (`RunSettings.geometry`).
///
/// Definitions: Python module-level `NAME = expr` / `NAME: int = expr`
/// (first token at column 1); TS/JS `const NAME = expr` (also `export`,
/// with a type annotation, several declarators); C/C++ object-like macros,
/// enum constants with an initializer and `const` integers (from `CFacts`).
/// The value is a `ConstantExpression`; other geometry constants in it take
/// their configured values, so a definition is reported only when it is wrong
/// by itself (`BYTES_PER_DAY = -(-SLOTS_PER_DAY // 8)` is right whatever the
/// file's `SLOTS_PER_DAY` says — that one is reported instead). Unevaluable
/// definitions are skipped. The hit is the definition's name.
///
/// Every definition whose own value the file determines (references bound to
/// the file's own definitions) is also recorded as a `CrossFileFact`, so the
/// engine can name, in each finding, the other files that disagree with it.
public struct BitmapGeometryCheck: Check {
    /// `{name}`, `{constant}`, `{value}`, `{expected}` and `{geometry}` are filled in.
    public let message: String

    public init(message: String) {
        self.message = message
    }

    /// The canonical constant names.
    public var triggers: [[UInt8]] { BitmapGeometry.Constant.allCases.map { Array($0.rawValue.utf8) } }

    /// The canonical names and the configured aliases.
    public func triggers(in settings: RunSettings) -> [[UInt8]] { settings.constantNames.map(\.name) }
    /// Its words are whole identifiers (or numbers) wherever it reports.
    public var triggersAreTokens: Bool { true }

    /// Reports the file's wrong definitions and records all of them as facts.
    public func run(_ file: FileContext, into hits: inout [Hit]) {
        let names = file.settings.constantNames
        let definitions: [Definition]
        switch file.language {
        case .python: definitions = pythonDefinitions(file, names)
        case .typescript: definitions = scriptDefinitions(file, names)
        case .c: definitions = cDefinitions(file, names)
        case .json, .yaml: return
        }
        guard !definitions.isEmpty else { return }
        let geometry = file.settings.geometry
        let bytes = file.bytes
        let owner = OwnValues(definitions: definitions, names: names, bytes: bytes)
        for (index, definition) in definitions.enumerated() {
            let expected = geometry.value(of: definition.constant)
            // Whether the definition is right by itself: other constants at
            // their configured values.
            let configured = ConstantExpression(tokens: definition.expression, bytes: bytes, flavor: definition.flavor) { token in
                constant(named: token, names, bytes).map { Fraction(geometry.value(of: $0)) }
            }
            var value = Self.wholeValue(configured)
            if value == nil, definition.expression.isEmpty || !mentionsConstant(definition.expression, names, bytes) {
                value = definition.compilerValue.map { Fraction($0) }
            }
            if let own = owner.value(of: index)?.integer {
                file.facts.append(CrossFileFact(key: definition.constant.rawValue, name: definition.name(bytes), value: own,
                                                start: definition.nameRange.lowerBound, end: definition.nameRange.upperBound))
            }
            guard let value, value != Fraction(expected) else { continue }
            let text = message
                .replacingPlaceholder("{name}", with: definition.name(bytes))
                .replacingPlaceholder("{constant}", with: definition.constant.rawValue)
                .replacingPlaceholder("{value}", with: value.text)
                .replacingPlaceholder("{expected}", with: String(expected))
                .replacingPlaceholder("{geometry}", with: geometry.description)
            hits.append(Hit(start: definition.nameRange.lowerBound, end: definition.nameRange.upperBound, message: text))
        }
    }

    // MARK: - Definitions

    /// One definition: its name, the constant, the expression's code tokens.
    struct Definition {
        var nameRange: Range<Int>
        var constant: BitmapGeometry.Constant
        var expression: [Token]
        var flavor: ConstantExpression.Flavor
        /// C: the value the compiler computed, used when the expression is
        /// beyond `ConstantExpression` (a cast) and names no other constant.
        var compilerValue: Int?

        func name(_ bytes: [UInt8]) -> String { String(decoding: bytes[nameRange], as: UTF8.self) }
    }

    /// The expression's value when it is evaluable and uses the whole token
    /// list (TS/JS: or stops where a statement may end: a new line, `as const`).
    static func wholeValue(_ expression: ConstantExpression) -> Fraction? {
        guard !expression.tokens.isEmpty, let (value, used) = expression.evaluate() else { return nil }
        if used == expression.tokens.count { return value }
        guard expression.flavor == .script else { return nil }
        let next = expression.tokens[used]
        if TokenText.onLaterLine(next, than: expression.tokens[used - 1], expression.bytes) { return value }
        if next.kind == .name, TokenText.equals(next, "as", expression.bytes) { return value }
        return nil
    }

    // MARK: Python

    /// Module-level `NAME = expr` and `NAME: annotation = expr`.
    private func pythonDefinitions(_ file: FileContext, _ names: ConstantNames) -> [Definition] {
        let tokens = file.tokens, bytes = file.bytes, view = file.codeView
        var out: [Definition] = []
        var k = 0
        while k < view.count {
            defer { k += 1 }
            let t = view.token(k, in: tokens)
            // The cheap tests first: `startsLine` walks back to the line start,
            // which after a `.newline` is a few blanks, but after a `;` on a
            // megabyte line is the whole line.
            guard t.kind == .name, view.parent(k) == nil,
                  k == 0 || view.token(k - 1, in: tokens).kind == .newline,
                  TokenText.startsLine(t, bytes),
                  let constant = constant(named: t, names, bytes) else { continue }
            // `=` directly, or after an annotation on the same logical line.
            var p = k + 1
            if p < view.count, isOp(view.token(p, in: tokens), ":", bytes) {
                while p < view.count {
                    let u = view.token(p, in: tokens)
                    if u.kind == .newline || isOp(u, "=", bytes) { break }
                    p += 1
                }
            }
            guard p < view.count, isOp(view.token(p, in: tokens), "=", bytes) else { continue }
            var expression: [Token] = []
            var q = p + 1
            while q < view.count {
                let u = view.token(q, in: tokens)
                if u.kind == .newline { break }
                expression.append(u)
                q += 1
            }
            out.append(Definition(nameRange: Int(t.start)..<Int(t.end), constant: constant, expression: expression,
                                  flavor: .python))
            k = q - 1
        }
        return out
    }

    // MARK: TS/JS

    /// `const NAME [: T] = expr[, NAME2 = expr2]`.
    private func scriptDefinitions(_ file: FileContext, _ names: ConstantNames) -> [Definition] {
        let tokens = file.tokens, bytes = file.bytes, view = file.codeView
        var out: [Definition] = []
        var k = 0
        while k < view.count {
            defer { k += 1 }
            let keyword = view.token(k, in: tokens)
            guard keyword.kind == .name, TokenText.equals(keyword, "const", bytes) else { continue }
            var p = k + 1
            // Declarators: NAME [: type] = expr, separated by `,`.
            while p < view.count, view.token(p, in: tokens).kind == .name {
                let name = view.token(p, in: tokens)
                var q = p + 1
                if q < view.count, isOp(view.token(q, in: tokens), ":", bytes) {
                    q = skipToDepthZero(view, tokens, bytes, from: q + 1, stopAtEquals: true)
                }
                guard q < view.count, isOp(view.token(q, in: tokens), "=", bytes) else { break }
                let end = skipToDepthZero(view, tokens, bytes, from: q + 1, stopAtEquals: false)
                if let constant = constant(named: name, names, bytes) {
                    // Without semicolons the range may run on; an expression is short.
                    let expression = ((q + 1)..<min(end, q + 1 + 512)).map { view.token($0, in: tokens) }
                    out.append(Definition(nameRange: Int(name.start)..<Int(name.end), constant: constant,
                                          expression: expression, flavor: .script))
                }
                guard end < view.count, isOp(view.token(end, in: tokens), ",", bytes) else { break }
                p = end + 1
            }
            k = max(k, p - 1)
        }
        return out
    }

    /// The first position at bracket depth 0 (relative to `from`) holding
    /// `,` or `;` (or `=` when asked), a closer of an enclosing group, a
    /// statement break by automatic semicolon insertion (a line break between
    /// two operands), or the end.
    private func skipToDepthZero(_ view: CodeView, _ tokens: [Token], _ bytes: [UInt8], from: Int, stopAtEquals: Bool) -> Int {
        var depth = 0
        var p = from
        while p < view.count {
            let u = view.token(p, in: tokens)
            if depth == 0, p > from, isOperand(u.kind) {
                let previous = view.token(p - 1, in: tokens)
                if isOperand(previous.kind) || isOp(previous, ")", bytes) || isOp(previous, "]", bytes),
                   TokenText.onLaterLine(u, than: previous, bytes) {
                    return p
                }
            }
            switch view.roles[p] {
            case .open: depth += 1
            case .close:
                if depth == 0 { return p }
                depth -= 1
            default:
                if depth == 0, u.kind == .op {
                    if isOp(u, ",", bytes) || isOp(u, ";", bytes) { return p }
                    if stopAtEquals, isOp(u, "=", bytes) { return p }
                }
            }
            p += 1
        }
        return p
    }

    private func isOperand(_ kind: TokenKind) -> Bool { kind == .name || kind == .number || kind == .string }

    // MARK: C and C++

    /// Object-like macros, enum constants with initializers, `const` integers.
    private func cDefinitions(_ file: FileContext, _ names: ConstantNames) -> [Definition] {
        let facts = file.cFacts
        let tokens = file.tokens, bytes = file.bytes
        var out: [Definition] = []
        func lookup(_ range: Range<Int>) -> BitmapGeometry.Constant? {
            guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
            return names.first { bytes[range].elementsEqual($0.name) }?.constant
        }
        func code(_ range: Range<Int>) -> [Token] {
            guard range.lowerBound >= 0, range.upperBound <= tokens.count else { return [] }
            return tokens[range].filter { $0.kind != .comment }
        }
        for macro in facts.macros where !macro.isFunctionLike {
            guard let constant = lookup(macro.nameRange) else { continue }
            out.append(Definition(nameRange: macro.nameRange, constant: constant, expression: code(macro.valueTokens), flavor: .c))
        }
        for enumerator in facts.enumConstants {
            guard let initializer = enumerator.initializerRange, let constant = lookup(enumerator.nameRange) else { continue }
            out.append(Definition(nameRange: enumerator.nameRange, constant: constant,
                                  expression: code(tokenRange(covering: initializer, tokens)), flavor: .c,
                                  compilerValue: Int(exactly: enumerator.value)))
        }
        for constant in facts.constants {
            guard let which = lookup(constant.nameRange) else { continue }
            out.append(Definition(nameRange: constant.nameRange, constant: which,
                                  expression: code(tokenRange(covering: constant.initializerRange, tokens)), flavor: .c,
                                  compilerValue: constant.value.flatMap { Int(exactly: $0) }))
        }
        out.sort { $0.nameRange.lowerBound < $1.nameRange.lowerBound }
        return out
    }

    /// The indices of the tokens inside a byte range.
    private func tokenRange(covering bytes: Range<Int>, _ tokens: [Token]) -> Range<Int> {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(tokens[mid].start) < bytes.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < tokens.count && Int(tokens[end].end) <= bytes.upperBound { end += 1 }
        return lo..<end
    }

    // MARK: - Helpers

    private func isOp(_ t: Token, _ literal: StaticString, _ bytes: [UInt8]) -> Bool {
        t.kind == .op && TokenText.equals(t, literal, bytes)
    }

    private func mentionsConstant(_ tokens: [Token], _ names: ConstantNames, _ bytes: [UInt8]) -> Bool {
        tokens.contains { constant(named: $0, names, bytes) != nil }
    }
}

/// Names of the geometry constants with the constant each stands for
/// (`RunSettings.constantNames`).
typealias ConstantNames = [(name: [UInt8], constant: BitmapGeometry.Constant)]

/// The geometry constant a name token spells, if any (no allocation).
func constant(named token: Token, _ names: ConstantNames, _ bytes: [UInt8]) -> BitmapGeometry.Constant? {
    guard token.kind == .name else { return nil }
    let s = Int(token.start), n = token.length
    for entry in names where entry.name.count == n {
        var k = 0
        while k < n && bytes[s + k] == entry.name[k] { k += 1 }
        if k == n { return entry.constant }
    }
    return nil
}

// MARK: - OwnValues

/// The values a file gives its own constants: a reference resolves to the
/// file's last definition of that constant before the referring one (the
/// first after it when there is none: a C macro expands where it is used),
/// recursively; cycles and names the file does not define make a value
/// unknown.
private final class OwnValues {
    let definitions: [BitmapGeometryCheck.Definition]
    let names: ConstantNames
    let bytes: [UInt8]
    private var memo: [Int: Fraction?] = [:]
    private var visiting: Set<Int> = []

    init(definitions: [BitmapGeometryCheck.Definition], names: ConstantNames, bytes: [UInt8]) {
        self.definitions = definitions
        self.names = names
        self.bytes = bytes
    }

    /// The index of the definition a reference at `offset` reads.
    func definition(of constant: BitmapGeometry.Constant, before offset: Int) -> Int? {
        var found: Int?
        for (i, d) in definitions.enumerated() where d.constant == constant {
            if d.nameRange.lowerBound < offset { found = i } else { return found ?? i }
        }
        return found
    }

    func value(of index: Int) -> Fraction? {
        if let known = memo[index] { return known }
        guard visiting.count < 16, visiting.insert(index).inserted else { return nil }
        defer { visiting.remove(index) }
        let definition = definitions[index]
        let expression = ConstantExpression(tokens: definition.expression, bytes: bytes, flavor: definition.flavor) { token in
            guard let c = constant(named: token, self.names, self.bytes),
                  let source = self.definition(of: c, before: definition.nameRange.lowerBound) else { return nil }
            return self.value(of: source)
        }
        var result = BitmapGeometryCheck.wholeValue(expression)
        if result == nil, let compiler = definition.compilerValue { result = Fraction(compiler) }
        memo[index] = result
        return result
    }
}
