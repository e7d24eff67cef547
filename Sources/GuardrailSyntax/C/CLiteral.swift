// MARK: - CLiteral

/// C and C++ integer literals, as the facts need them: `180`, `0xB4`, `0264`,
/// `0b1011`, `1'440` (C++14/C23 separators), with any `u`/`l`/`ll`/`z`
/// suffix; and a token run that is one such literal, possibly signed and
/// parenthesised.
public enum CLiteral {
    /// The value of one integer literal token's bytes, nil for anything else
    /// (floating literals, character literals, overflow).
    public static func integerValue(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var digits: [UInt8] = []
        digits.reserveCapacity(bytes.count)
        for b in bytes where b != UInt8(ascii: "'") { digits.append(b) }
        // Suffix: any run of u, l, z (either case) at the end.
        while let last = digits.last, [UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "z")].contains(last | 0x20) {
            digits.removeLast()
        }
        guard let first = digits.first, first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") else { return nil }
        var radix: UInt64 = 10
        var start = 0
        if digits.count > 1 && first == UInt8(ascii: "0") {
            switch digits[1] | 0x20 {
            case UInt8(ascii: "x"): radix = 16; start = 2
            case UInt8(ascii: "b"): radix = 2; start = 2
            default: radix = 8; start = 1
            }
            if start == 2 && digits.count == 2 { return nil }
        }
        var value: UInt64 = 0
        for b in digits[start...] {
            let d: UInt64
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt64(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt64(b - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard d < radix else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (s, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = s
        }
        return value <= UInt64(Int64.max) ? Int64(value) : nil
    }

    /// The value of `tokens` when, comments aside, they are one integer
    /// literal with optional unary `-`/`+` and balanced parentheses around
    /// it: `180`, `(180)`, `-1`, `(-(2))`. Nil for anything else (`24 * 60`,
    /// a name, a cast).
    public static func integerValue(of tokens: ArraySlice<Token>, in bytes: [UInt8]) -> Int64? {
        var code = tokens.filter { $0.kind != .comment }[...]
        var negative = false
        while let first = code.first, first.kind == .op, first.length == 1 {
            let b = bytes[Int(first.start)]
            if b == UInt8(ascii: "(") {
                guard let last = code.last, last.kind == .op, last.length == 1, bytes[Int(last.start)] == UInt8(ascii: ")"),
                      code.count >= 3 else { return nil }
                code = code.dropFirst().dropLast()
            } else if b == UInt8(ascii: "-") || b == UInt8(ascii: "+") {
                if b == UInt8(ascii: "-") { negative.toggle() }
                code = code.dropFirst()
            } else {
                return nil
            }
        }
        guard code.count == 1, let only = code.first, only.kind == .number else { return nil }
        guard let value = integerValue(bytes[Int(only.start)..<Int(only.end)]) else { return nil }
        return negative ? -value : value
    }
}
