import GuardrailSyntax

// MARK: - ConstantExpression

/// Evaluates the small constant expressions that define bitmap geometry
/// constants: integer literals (`1_440`, `0xB4`, C's `180u`), names the
/// caller resolves, `+ - * / // % << >>`, unary `-`/`+`, parentheses, and
/// `ceil`/`floor` calls (`math.ceil(…)`, `Math.ceil(…)`, Python's `int(…)`).
/// Values are exact fractions, so `BITS_PER_DAY / 8` is 180 and
/// `-(-1440 // 8)` is 180 without floating point. Anything else — another
/// call, an attribute, a float, overflow, nesting deeper than 64 — makes the
/// expression unevaluable (nil), never a guess.
struct ConstantExpression {
    /// Operator semantics: Python (`/` exact, `//` and `%` floor), JS/TS
    /// (`/` exact, `%` truncating), C (`/` and `%` truncating on integers).
    enum Flavor { case python, script, c }

    let tokens: [Token]
    let bytes: [UInt8]
    let flavor: Flavor
    /// The value of a name (a geometry constant), or nil when unknown.
    let resolve: (Token) -> Fraction?

    /// Evaluates the longest expression starting at `tokens[0]` (code tokens
    /// only). Returns the value and how many tokens it used; nil when the
    /// expression cannot be evaluated.
    func evaluate() -> (value: Fraction, used: Int)? {
        var at = 0
        guard let value = expression(&at, depth: 0) else { return nil }
        return (value, at)
    }

    // MARK: - Grammar

    private static let maxDepth = 64

    private func expression(_ at: inout Int, depth: Int) -> Fraction? {
        guard depth < Self.maxDepth, var left = additive(&at, depth: depth) else { return nil }
        while at < tokens.count, let op = shiftOperator(tokens[at]) {
            at += 1
            guard let right = additive(&at, depth: depth), let a = left.integer, let b = right.integer,
                  b >= 0, b < 62 else { return nil }
            if op == 0 {
                let (v, o) = a.multipliedReportingOverflow(by: 1 << b)
                guard !o else { return nil }
                left = Fraction(v)
            } else {
                left = Fraction(a >> b)
            }
        }
        return left
    }

    private func additive(_ at: inout Int, depth: Int) -> Fraction? {
        guard var left = multiplicative(&at, depth: depth) else { return nil }
        while at < tokens.count, isOp(tokens[at], "+") || isOp(tokens[at], "-") {
            let minus = isOp(tokens[at], "-")
            at += 1
            guard let right = multiplicative(&at, depth: depth),
                  let v = minus ? left.subtracting(right) : left.adding(right) else { return nil }
            left = v
        }
        return left
    }

    private func multiplicative(_ at: inout Int, depth: Int) -> Fraction? {
        guard var left = unary(&at, depth: depth) else { return nil }
        while at < tokens.count {
            let t = tokens[at]
            let kind: UInt8
            if isOp(t, "*") { kind = 0 } else if isOp(t, "/") { kind = 1 } else if isOp(t, "%") { kind = 2 } else if flavor == .python && isOp(t, "//") { kind = 3 } else { break }
            at += 1
            guard let right = unary(&at, depth: depth) else { return nil }
            let result: Fraction?
            switch (kind, flavor) {
            case (0, _): result = left.multiplying(right)
            case (1, .c): result = left.dividing(right).flatMap { $0.truncated }
            case (1, _): result = left.dividing(right)
            case (3, _): result = left.dividing(right).flatMap { $0.floored }
            case (2, .python):
                // a - b * floor(a / b)
                result = left.dividing(right).flatMap { $0.floored }.flatMap { right.multiplying($0) }.flatMap { left.subtracting($0) }
            default:
                // a - b * trunc(a / b)
                result = left.dividing(right).flatMap { $0.truncated }.flatMap { right.multiplying($0) }.flatMap { left.subtracting($0) }
            }
            guard let result else { return nil }
            left = result
        }
        return left
    }

    private func unary(_ at: inout Int, depth: Int) -> Fraction? {
        guard at < tokens.count, depth < Self.maxDepth else { return nil }
        if isOp(tokens[at], "-") {
            at += 1
            return unary(&at, depth: depth + 1).flatMap { Fraction(0).subtracting($0) }
        }
        if isOp(tokens[at], "+") {
            at += 1
            return unary(&at, depth: depth + 1)
        }
        return primary(&at, depth: depth)
    }

    private func primary(_ at: inout Int, depth: Int) -> Fraction? {
        guard at < tokens.count else { return nil }
        let t = tokens[at]
        switch t.kind {
        case .number:
            at += 1
            return integerLiteral(t).map { Fraction($0) }
        case .op where isOp(t, "("):
            at += 1
            guard let inner = expression(&at, depth: depth + 1), at < tokens.count, isOp(tokens[at], ")") else { return nil }
            at += 1
            return inner
        case .name:
            if let (rounding, next) = roundingCall(at) {
                at = next
                guard let inner = expression(&at, depth: depth + 1), at < tokens.count, isOp(tokens[at], ")") else { return nil }
                at += 1
                switch rounding {
                case .ceil: return inner.ceiled
                case .floor: return inner.floored
                case .truncate: return inner.truncated
                }
            }
            // A name that is itself called or qualified is something else.
            if at + 1 < tokens.count, isOp(tokens[at + 1], "(") || isOp(tokens[at + 1], ".") { return nil }
            at += 1
            return resolve(t)
        default:
            return nil
        }
    }

    // MARK: - Calls

    private enum Rounding { case ceil, floor, truncate }

    /// `math.ceil(` / `Math.ceil(` / `ceil(` / `int(` … at `at`: the rounding
    /// and the position after `(`.
    private func roundingCall(_ at: Int) -> (Rounding, Int)? {
        guard flavor != .c else { return nil }
        var k = at
        var qualified = false
        if k + 2 < tokens.count, isOp(tokens[k + 1], ".") {
            let module = flavor == .python ? TokenText.equals(tokens[k], "math", bytes) : TokenText.equals(tokens[k], "Math", bytes)
            guard module else { return nil }
            k += 2
            qualified = true
        }
        guard k + 1 < tokens.count, tokens[k].kind == .name, isOp(tokens[k + 1], "(") else { return nil }
        let name = tokens[k]
        // JS has no bare `ceil`; Python's `int(…)` truncates.
        guard qualified || flavor == .python else { return nil }
        if TokenText.equals(name, "ceil", bytes) { return (.ceil, k + 2) }
        if TokenText.equals(name, "floor", bytes) { return (.floor, k + 2) }
        if TokenText.equals(name, "trunc", bytes) { return (.truncate, k + 2) }
        if !qualified && TokenText.equals(name, "int", bytes) { return (.truncate, k + 2) }
        return nil
    }

    // MARK: - Tokens

    private func isOp(_ t: Token, _ literal: StaticString) -> Bool {
        t.kind == .op && TokenText.equals(t, literal, bytes)
    }

    /// `<<` → 0, `>>` → 1.
    private func shiftOperator(_ t: Token) -> Int? {
        if isOp(t, "<<") { return 0 }
        if isOp(t, ">>") { return 1 }
        return nil
    }

    private func integerLiteral(_ t: Token) -> Int? {
        let slice = bytes[Int(t.start)..<Int(t.end)]
        switch flavor {
        case .c: return CLiteral.integerValue(slice).map { Int($0) }
        case .python, .script: return IntegerLiteral.value(slice, bigIntSuffix: flavor == .script)
        }
    }
}

// MARK: - IntegerLiteral

/// Python and JS/TS integer literals: `180`, `1_440`, `0xB4`, `0o264`,
/// `0b1011`, JS's `180n`. Nil for floats, imaginary numbers and overflow.
enum IntegerLiteral {
    /// Generic over the bytes' container, so that a byte gate can pass a
    /// slice of its buffer (an `ArraySlice` retains its array, per number).
    static func value<Bytes: BidirectionalCollection>(_ bytes: Bytes, bigIntSuffix: Bool) -> Int?
        where Bytes.Element == UInt8, Bytes.Index == Int, Bytes.SubSequence == Bytes {
        var digits = bytes
        if bigIntSuffix, digits.last == UInt8(ascii: "n") { digits = digits.dropLast() }
        guard let first = digits.first, first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") else { return nil }
        var radix = 10
        var i = digits.startIndex
        if first == UInt8(ascii: "0"), digits.count > 1 {
            switch digits[i + 1] | 0x20 {
            case UInt8(ascii: "x"): radix = 16; i += 2
            case UInt8(ascii: "o"): radix = 8; i += 2
            case UInt8(ascii: "b"): radix = 2; i += 2
            default: break
            }
        }
        var value = 0
        var any = false
        while i < digits.endIndex {
            let b = digits[i]
            i += 1
            if b == UInt8(ascii: "_") { continue }
            let d: Int
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(b) - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = Int(b) - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = Int(b) - 55
            default: return nil
            }
            guard d < radix else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (s, o2) = m.addingReportingOverflow(d)
            guard !o1, !o2 else { return nil }
            value = s
            any = true
        }
        return any ? value : nil
    }
}

// MARK: - Fraction

/// An exact rational number with overflow-checked arithmetic (nil on overflow
/// or division by zero). Always normalised: positive denominator, lowest terms.
struct Fraction: Equatable {
    let numerator: Int
    let denominator: Int

    init(_ value: Int) {
        numerator = value
        denominator = 1
    }

    init?(_ n: Int, _ d: Int) {
        guard d != 0, n != Int.min, d != Int.min else { return nil }
        let g = Fraction.gcd(abs(n), abs(d))
        let sign = d < 0 ? -1 : 1
        numerator = sign * n / max(g, 1)
        denominator = sign * d / max(g, 1)
    }

    /// The value when it is a whole number.
    var integer: Int? { denominator == 1 ? numerator : nil }

    var floored: Fraction? {
        let q = numerator / denominator, r = numerator % denominator
        return Fraction(r < 0 ? q - 1 : q)
    }

    var ceiled: Fraction? {
        let q = numerator / denominator, r = numerator % denominator
        return Fraction(r > 0 ? q + 1 : q)
    }

    var truncated: Fraction? { Fraction(numerator / denominator) }

    func adding(_ o: Fraction) -> Fraction? {
        guard let a = mul(numerator, o.denominator), let b = mul(o.numerator, denominator),
              let d = mul(denominator, o.denominator) else { return nil }
        let (n, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : Fraction(n, d)
    }

    func subtracting(_ o: Fraction) -> Fraction? {
        guard o.numerator != Int.min else { return nil }
        return adding(Fraction(unchecked: -o.numerator, o.denominator))
    }

    func multiplying(_ o: Fraction) -> Fraction? {
        guard let n = mul(numerator, o.numerator), let d = mul(denominator, o.denominator) else { return nil }
        return Fraction(n, d)
    }

    func dividing(_ o: Fraction) -> Fraction? {
        guard o.numerator != 0, let n = mul(numerator, o.denominator), let d = mul(denominator, o.numerator) else { return nil }
        return Fraction(n, d)
    }

    /// `180`, or `1440/7` for a value that is not whole.
    var text: String { denominator == 1 ? String(numerator) : "\(numerator)/\(denominator)" }

    private init(unchecked n: Int, _ d: Int) {
        numerator = n
        denominator = d
    }

    private func mul(_ a: Int, _ b: Int) -> Int? {
        let (v, o) = a.multipliedReportingOverflow(by: b)
        return o ? nil : v
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
