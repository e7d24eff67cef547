import GuardrailDomain
import GuardrailSyntax

// MARK: - BitmapMagicNumberCheck

/// `bitmap-magic-number`: an integer literal equal to the configured bytes
/// per day or bits per day where a bitmap is sized or checked:
/// - the first argument of a sizing call (`bytes(180)`, `bytearray(180)`,
///   `BIT(1440)`, `Buffer.alloc(180)` — `calls`) or constructor
///   (`new Uint8Array(180)` — `constructors`);
/// - one side of a length comparison: Python `len(x) != 180` / `== 180`,
///   TS/JS `x.length !== 180` / `===` / `!=` / `==`, either way round, the
///   literal and the length each a whole operand;
/// - C/C++: a dimension of a byte or bool array (`uint8_t bits[180]`, from
///   `CFacts`; element types in `c_element_types`).
///
/// Literals elsewhere (`bytes(16)`, `x = 180`), in comments or strings, and
/// values the configured geometry does not have are not hits. The hit is
/// the literal.
public struct BitmapMagicNumberCheck: Check {
    /// Callee chains whose first argument sizes a bitmap (`bytes`, `Buffer.alloc`).
    let calls: [[[UInt8]]]
    /// Constructors called with `new` whose first argument sizes one.
    let constructors: [[[UInt8]]]
    /// C element types of bitmap arrays (`uint8_t`, `unsigned char`, …).
    let cElementTypes: Set<String>
    /// `{literal}`, `{what}` (`bytes per day`) and `{constant}` are filled in.
    public let message: String

    /// Callee chains and constructors as written (`Buffer.alloc`), C element types, a message template.
    public init(calls: [String], constructors: [String], cElementTypes: [String], message: String) {
        self.calls = calls.map { $0.split(separator: ".").map { Array($0.utf8) } }
        self.constructors = constructors.map { $0.split(separator: ".").map { Array($0.utf8) } }
        self.cElementTypes = Set(cElementTypes)
        self.message = message
    }

    /// The default geometry's numbers.
    public var triggers: [[UInt8]] { triggers(in: RunSettings()) }

    /// The two values as written: `180`, `1440`, and `1_440` / `1'440`.
    public func triggers(in settings: RunSettings) -> [[UInt8]] {
        var out: [[UInt8]] = []
        for value in [settings.geometry.bytesPerDay, settings.geometry.bitsPerDay] {
            let digits = String(value)
            out.append(Array(digits.utf8))
            if value >= 1000 {
                let head = digits.dropLast(3), tail = digits.suffix(3)
                out.append(Array((head + "_" + tail).utf8))
                out.append(Array((head + "'" + tail).utf8))
            }
        }
        return out
    }

    /// Reports the magic literals of one file.
    public func run(_ file: FileContext, into hits: inout [Hit]) {
        let geometry = file.settings.geometry
        // The number is in the file (the engine's prefilter); without a
        // sizing word as well nothing can match, and no tokens are needed.
        switch file.language {
        case .python:
            guard BytePrefilter.containsAny(file.bytes, contextWords + [Array("len".utf8)]),
                  mayHit(file.bytes, python: true, file.settings) else { return }
            scanCode(file, geometry, &hits)
        case .typescript:
            guard BytePrefilter.containsAny(file.bytes, contextWords + [Array("length".utf8)]),
                  mayHit(file.bytes, python: false, file.settings) else { return }
            scanCode(file, geometry, &hits)
        case .c:
            guard BytePrefilter.containsAny(file.bytes, [[UInt8(ascii: "[")]]) else { return }
            scanArrays(file, geometry, &hits)
        case .json, .yaml: return
        }
    }

    /// Whether some number literal of the file with one of the two values,
    /// in any spelling `scanCode` reads (`180`, `0xB4`, `1_440`, `180n`), stands
    /// where a hit can: right after `(` (a sizing call's first argument), or
    /// next to an equality (`== 180`, `180 !==`); or with a comment, a line
    /// continuation or a non-ASCII byte between, which leaves it unclear.
    /// Numbers are looked for in every run of letters, digits, `_` and `.`
    /// (and `$` in TS/JS) whose first name byte is a digit, from each digit
    /// on: a lexer may end one number and start the next inside such a run
    /// (`180for`, `0180n180`). Digits inside a name (`v2`) are passed over.
    /// A run too long to read cheaply counts as a maybe. Never false where
    /// `scanCode` reports a hit.
    func mayHit(_ bytes: [UInt8], python: Bool, _ settings: RunSettings) -> Bool {
        let values = (settings.geometry.bytesPerDay, settings.geometry.bitsPerDay)
        let maxDigits = String(max(values.0, values.1)).utf8.count
        return bytes.withUnsafeBufferPointer { buf in
            let n = buf.count
            guard let base = buf.baseAddress else { return false }
            let raw = UnsafeRawPointer(base)
            // A name's bytes (letters, digits, `_`; `$` in TS/JS); a number's
            // run also goes over `.` (`1.5`, `x.00_180` is `x`, `.00_180`).
            @inline(__always) func inName(_ b: UInt8) -> Bool {
                (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x5F || (b == 0x24 && !python)
            }
            func isValue(_ range: Range<Int>) -> Bool {
                guard let value = IntegerLiteral.value(buf[range], bigIntSuffix: !python) else { return false }
                return value == values.0 || value == values.1
            }
            var i = 0
            while i < n {
                // To the next digit, eight bytes at a time while none holds one.
                while i &+ 8 <= n && !Self.hasDigit(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { i &+= 8 }
                while i < n && buf[i] &- 0x30 >= 10 { i += 1 }
                guard i < n else { break }
                // A digit inside a name (`v2`, `x180`): past the name.
                var runStart = i
                while runStart > 0 && inName(buf[runStart - 1]) { runStart -= 1 }
                if buf[runStart] &- 0x30 >= 10 {
                    i += 1
                    while i < n && inName(buf[i]) { i += 1 }
                    continue
                }
                var runEnd = i + 1
                while runEnd < n && (inName(buf[runEnd]) || buf[runEnd] == 0x2E) { runEnd += 1 }
                i = runEnd
                if runEnd - runStart > 64 { return true }
                // Where the decimal digits (and `_`) from a start end: the
                // same for every start in one block.
                var decimalEnd = runStart
                for start in runStart..<runEnd where buf[start] &- 0x30 < 10 {
                    // The digits of its base from here (with `_`; after `0x`,
                    // `0o`, `0b` in that base), and the whole rest of the run.
                    var radix: UInt8 = 10
                    if buf[start] == 0x30, start + 1 < runEnd {
                        switch buf[start + 1] | 0x20 {
                        case 0x78: radix = 16
                        case 0x6F: radix = 8
                        case 0x62: radix = 2
                        default: break
                        }
                    }
                    var short = radix == 10 ? max(start, decimalEnd) : start + 2
                    // A decimal number with more digits than the values have
                    // (no leading zero, at most every other byte a `_`) is larger.
                    if radix == 10 && buf[start] != 0x30 {
                        while short < runEnd && (buf[short] &- 0x30 < 10 || buf[short] == 0x5F) { short += 1 }
                        decimalEnd = short
                        if short - start > 2 * maxDigits && runEnd == short { continue }
                    }
                    while short < runEnd {
                        let b = buf[short]
                        let digit: UInt8 = b &- 0x30 < 10 ? b &- 0x30 : ((b | 0x20) &- 0x61 < 6 ? (b | 0x20) &- 0x61 &+ 10 : 255)
                        guard digit < radix || b == 0x5F else { break }
                        short += 1
                    }
                    guard isValue(start..<runEnd) || isValue(start..<short) else { continue }
                    let before = BytePrefilter.previousSignificant(buf, from: start - 1, python: python)
                    if before == -2 { return true }
                    if before >= 0 {
                        if buf[before] == UInt8(ascii: "(") { return true }
                        if buf[before] == UInt8(ascii: "="), before > 0,
                           buf[before - 1] == UInt8(ascii: "=") || buf[before - 1] == UInt8(ascii: "!") { return true }
                    }
                    for tokenEnd in [short, runEnd] {
                        guard let after = BytePrefilter.skipBlanks(buf, from: tokenEnd, python: python) else { continue }
                        if BytePrefilter.isUnclear(buf, after, python: python) { return true }
                        if (buf[after] == UInt8(ascii: "=") || buf[after] == UInt8(ascii: "!")) && after + 1 < n
                            && buf[after + 1] == UInt8(ascii: "=") { return true }
                    }
                }
            }
            return false
        }
    }

    /// Whether one of the eight bytes of `w` is an ASCII digit (the
    /// "has a byte between" bit trick: exact for bounds below 128).
    @inline(__always)
    static func hasDigit(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = w & (ones &* 127)
        return ((ones &* (127 + 0x3A)) &- low) & ~w & (low &+ ones &* (127 - 0x2F)) & (ones &* 128) != 0
    }

    /// The last names of the sizing calls and constructors.
    private var contextWords: [[UInt8]] { (calls + constructors).compactMap(\.last) }

    // MARK: - Python and TS/JS

    func scanCode(_ file: FileContext, _ geometry: BitmapGeometry, _ hits: inout [Hit]) {
        let code = TSCode(tokens: file.tokens, bytes: file.bytes, view: file.codeView)
        let python = file.language == .python
        for k in 0..<code.count where code.kind(k) == .number {
            let t = code.token(k)
            guard let value = IntegerLiteral.value(code.bytes[Int(t.start)..<Int(t.end)], bigIntSuffix: !python),
                  value == geometry.bytesPerDay || value == geometry.bitsPerDay else { continue }
            var bits = false
            if let sizing = sizingCall(k, code, python: python) {
                bits = sizing
            } else if !isLengthComparison(k, code, python: python) {
                continue
            }
            let constant: BitmapGeometry.Constant
            if value == geometry.bytesPerDay && value == geometry.bitsPerDay {
                constant = bits ? .bitsPerDay : .bytesPerDay
            } else {
                constant = value == geometry.bytesPerDay ? .bytesPerDay : .bitsPerDay
            }
            hits.append(Hit(start: Int(t.start), end: Int(t.end), message: text(t, code.bytes, constant)))
        }
    }

    /// Whether the literal at `k` is the first argument of a sizing call or
    /// constructor; the value is whether the callee sizes bits (`BIT`).
    private func sizingCall(_ k: Int, _ code: TSCode, python: Bool) -> Bool? {
        guard code.isOp(k - 1, "("), code.isOp(k + 1, ")") || code.isOp(k + 1, ",") else { return nil }
        // The callee chain before `(`: name (. name)*
        var names: [Int] = []
        var p = k - 2
        while code.kind(p) == .name {
            names.append(p)
            guard code.isMemberDot(p - 1) else { break }
            p -= 2
        }
        guard !names.isEmpty else { return nil }
        let first = names[names.count - 1]
        if !python, code.isName(first - 1, "new") {
            return constructors.contains { chainEnds(names, $0, code) } ? false : nil
        }
        guard let spec = calls.first(where: { chainEnds(names, $0, code) }) else { return nil }
        return spec.last.map { $0.elementsEqual("BIT".utf8) } ?? false
    }

    /// Whether the chain (positions, last first) ends with the names of `spec`.
    private func chainEnds(_ names: [Int], _ spec: [[UInt8]], _ code: TSCode) -> Bool {
        guard !spec.isEmpty, names.count >= spec.count else { return false }
        for (offset, name) in spec.reversed().enumerated() where !code.equals(code.token(names[offset]), name) {
            return false
        }
        return true
    }

    // MARK: Length comparisons

    /// `len(x) == N` / `N != len(x)` (Python), `x.length === N` (TS/JS): the
    /// literal and the length are whole operands of the comparison.
    private func isLengthComparison(_ k: Int, _ code: TSCode, python: Bool) -> Bool {
        // N on the right: `… == N`, nothing binding tighter after it.
        if isEquality(k - 1, code, python: python), !bindsTighter(k + 1, code, python: python, after: true) {
            let end = k - 2
            if let start = operandStart(endingAt: end, code), !bindsTighter(start - 1, code, python: python, after: false),
               isLength(start, end, code, python: python) { return true }
        }
        // N on the left: `N == …`, nothing binding tighter before it.
        if isEquality(k + 1, code, python: python), !bindsTighter(k - 1, code, python: python, after: false) {
            let start = k + 2
            if let end = operandEnd(startingAt: start, code), !bindsTighter(end + 1, code, python: python, after: true),
               isLength(start, end, code, python: python) { return true }
        }
        return false
    }

    private func isEquality(_ p: Int, _ code: TSCode, python: Bool) -> Bool {
        if code.isOp(p, "==") || code.isOp(p, "!=") { return true }
        return !python && (code.isOp(p, "===") || code.isOp(p, "!=="))
    }

    /// Whether the token at `p` is an operator that binds tighter than a
    /// comparison, so the operand next to it is not whole. `after`: the token
    /// follows the operand, where `.`, `(` and `[` continue it too.
    private func bindsTighter(_ p: Int, _ code: TSCode, python: Bool, after: Bool) -> Bool {
        guard code.kind(p) == .op else { return false }
        let t = code.token(p)
        for op: StaticString in ["*", "/", "//", "%", "+", "-", "**", "<<", ">>", "&", "|", "^", "~", "@", ".", "?."]
        where code.equals(t, op) {
            return true
        }
        if after { return code.equals(t, "(") || code.equals(t, "[") }
        return !python && code.equals(t, "!")
    }

    /// The first position of the postfix chain (`a.b(c)[d]`) ending at `end`.
    private func operandStart(endingAt end: Int, _ code: TSCode) -> Int? {
        var p = end
        var steps = 0
        while p >= 0 && steps < 256 {
            steps += 1
            if code.view.roles.indices.contains(p), code.view.roles[p] == .close, let open = code.view.partner(p) {
                // `f(x)`, `a[0]`: the callee / object before the group.
                guard code.kind(open - 1) == .name || code.view.roles.indices.contains(open - 1) && code.view.roles[open - 1] == .close else {
                    return nil
                }
                p = open - 1
                continue
            }
            guard code.kind(p) == .name else { return nil }
            if code.isMemberDot(p - 1) { p -= 2; continue }
            return p
        }
        return nil
    }

    /// The last position of the postfix chain starting at `start`.
    private func operandEnd(startingAt start: Int, _ code: TSCode) -> Int? {
        guard code.kind(start) == .name else { return nil }
        var p = start
        var steps = 0
        while steps < 256 {
            steps += 1
            if code.isMemberDot(p + 1), code.kind(p + 2) == .name { p += 2; continue }
            if code.isOp(p + 1, "(") || code.isOp(p + 1, "["), let close = code.closer(p + 1) { p = close; continue }
            return p
        }
        return nil
    }

    /// `len(…)` exactly (Python), or a chain ending in `.length` (TS/JS).
    private func isLength(_ start: Int, _ end: Int, _ code: TSCode, python: Bool) -> Bool {
        if python {
            return code.isName(start, "len") && code.isOp(start + 1, "(") && code.closer(start + 1) == end
        }
        return end > start && code.isName(end, "length") && code.isMemberDot(end - 1)
    }

    // MARK: - C and C++

    private func scanArrays(_ file: FileContext, _ geometry: BitmapGeometry, _ hits: inout [Hit]) {
        let bytes = file.bytes
        for array in file.cFacts.arrays where cElementTypes.contains(Self.normalizedType(array.elementType)) {
            for dimension in array.dimensions {
                guard let value = dimension.literalValue, value == Int64(geometry.bytesPerDay) || value == Int64(geometry.bitsPerDay),
                      dimension.sizeRange.lowerBound >= 0, dimension.sizeRange.upperBound <= bytes.count else { continue }
                // The literal itself, without surrounding blanks or parentheses.
                var s = dimension.sizeRange.lowerBound, e = dimension.sizeRange.upperBound
                while s < e, !Self.isDigit(bytes[s]) { s += 1 }
                while e > s, !Self.isLiteralByte(bytes[e - 1]) { e -= 1 }
                let constant: BitmapGeometry.Constant = value == Int64(geometry.bytesPerDay) ? .bytesPerDay : .bitsPerDay
                let literal = Token(kind: .number, start: s, end: e)
                hits.append(Hit(start: s, end: e, message: text(literal, bytes, constant)))
            }
        }
    }

    /// `const uint8_t` → `uint8_t`, `std::uint8_t` → `uint8_t`.
    static func normalizedType(_ type: String) -> String {
        var words = type.split(separator: " ").filter { $0 != "const" && $0 != "volatile" }.map(String.init)
        if let last = words.last, last.hasPrefix("std::") { words[words.count - 1] = String(last.dropFirst(5)) }
        return words.joined(separator: " ")
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private static func isLiteralByte(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "'")
    }

    // MARK: - Message

    private func text(_ literal: Token, _ bytes: [UInt8], _ constant: BitmapGeometry.Constant) -> String {
        message
            .replacingPlaceholder("{literal}", with: TokenText.string(literal, bytes))
            .replacingPlaceholder("{what}", with: constant == .bytesPerDay ? "bytes per day" : "bits per day")
            .replacingPlaceholder("{constant}", with: constant.rawValue)
    }
}
