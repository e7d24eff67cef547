import GuardrailDomain
import GuardrailSyntax

// MARK: - BitmapWindowLiteralCheck

/// `bitmap-window-literal`: a literal availability window that fails the
/// domain's own checks (`Window.parse` / `TimeOfDay.minutes` under the
/// configured geometry): malformed or out-of-range times, `24:00` as a
/// start, start not before end, times off the slot grid.
///
/// What counts as a literal window:
/// - Python / TS/JS: a two-element tuple or array of strings that both look
///   like times (`TimeOfDay.looksLikeTime`): `("09:00", "24:00")`,
///   `["10:00", "09:00"]` — not call arguments (`f("09:00", "10:00")`) or
///   subscripts;
/// - Python / TS/JS / JSON: an object or dict literal with `start_time` /
///   `end_time` keys (`start_keys` / `end_keys`) whose values are literal
///   times, and Python keyword arguments (`Window(start_time="…", …)`); a
///   lone start or end is checked on its own;
/// - JSON: two-string arrays only below a key containing `window`
///   (`pair_key_contains`, case-insensitive);
/// - YAML (`+YAML.swift`): the same mappings and pairs, from Yams' node tree.
///
/// The hit is the whole pair, or the offending value of a keyed window.
public struct BitmapWindowLiteralCheck: Check {
    let startKeys: [[UInt8]]
    let endKeys: [[UInt8]]
    /// Lowercased; JSON/YAML pairs count only below a key containing it.
    let pairKeyContains: [UInt8]
    /// `{problem}` is filled in.
    public let message: String

    /// Keys naming a window's start and end, the JSON/YAML pair key fragment, a message template.
    public init(startKeys: [String], endKeys: [String], pairKeyContains: String, message: String) {
        self.startKeys = startKeys.map { Array($0.utf8) }
        self.endKeys = endKeys.map { Array($0.utf8) }
        self.pairKeyContains = Array(pairKeyContains.lowercased().utf8)
        self.message = message
    }

    /// A time literal has a colon followed by a digit.
    public var triggers: [[UInt8]] { (0...9).map { [UInt8(ascii: ":"), UInt8(48 + $0)] } }

    /// Reports the invalid literal windows of one file.
    public func run(_ file: FileContext, into hits: inout [Hit]) {
        let geometry = file.settings.geometry
        switch file.language {
        case .python, .typescript, .json:
            // Only valid windows, or no time literal at all: no tokens.
            guard mayHit(file.bytes, python: file.language == .python, json: file.language == .json, geometry) else { return }
            scanCode(file, geometry, &hits)
        case .yaml:
            // Only keyed windows and pairs below a `window` key are read,
            // and only values shaped like times: a file with neither key or
            // no `d:dd` anywhere is not parsed (Yams is ~2,000 instructions
            // a byte).
            guard BytePrefilter.hasTimeShape(file.bytes),
                  BytePrefilter.containsAny(file.bytes, startKeys + endKeys)
                    || BytePrefilter.containsIgnoringCase(file.bytes, pairKeyContains) else { return }
            scanYAML(file, geometry, &hits)
        case .c: return
        }
    }

    // MARK: - Code (Python, TS/JS, JSON)

    private enum Flavor { case python, script, json }

    private struct Keyed {
        var start: Int?
        var end: Int?
    }

    func scanCode(_ file: FileContext, _ geometry: BitmapGeometry, _ hits: inout [Hit]) {
        let code = TSCode(tokens: file.tokens, bytes: file.bytes, view: file.codeView)
        let flavor: Flavor = file.language == .python ? .python : (file.language == .json ? .json : .script)
        // Keyed windows by the view position of their `{` / `(`, in order.
        var keyed: [Int: Keyed] = [:]
        var order: [Int] = []
        for k in 0..<code.count {
            // Most tokens are no string, or too short for a time (4 bytes
            // and two quotes): one load each, no call.
            let t = code.token(k)
            guard t.kind == .string, t.length >= 6, let time = timeContents(k, code, flavor) else { continue }
            let parent = code.view.parent(k) ?? -1
            // `key: "09:00"` / `key="09:00"`, the value one whole token.
            if let role = keyRole(k, parent, code, flavor) {
                if keyed[parent] == nil { order.append(parent) }
                if role == .start { keyed[parent, default: Keyed()].start = k } else { keyed[parent, default: Keyed()].end = k }
                continue
            }
            // A pair: this is the first of exactly two elements.
            guard parent >= 0, k == parent + 1, code.isOp(k + 1, ","), let second = timeContents(k + 2, code, flavor),
                  let close = code.closer(parent), close == k + 3 || (close == k + 4 && code.isOp(k + 3, ",")),
                  isPairBracket(parent, code, flavor) else { continue }
            if case .failure(let problem) = Window.parse(time, second, geometry: geometry) {
                let open = code.token(parent), end = code.token(close)
                hits.append(Hit(start: Int(open.start), end: Int(end.end), message: text(problem)))
            }
        }
        for parent in order {
            guard let window = keyed[parent] else { continue }
            let start = window.start.flatMap { timeContents($0, code, flavor) }
            let end = window.end.flatMap { timeContents($0, code, flavor) }
            guard let (problem, blamed) = check(start: start, end: end, geometry),
                  let position = blamed == .start ? window.start : window.end else { continue }
            let t = code.token(position)
            hits.append(Hit(start: Int(t.start), end: Int(t.end), message: text(problem)))
        }
    }

    /// Whether the string at `k` is the value of a start or end key: `key:`
    /// inside `{…}` or (Python) `key=` inside a call's parentheses, followed
    /// by `,` or the closer.
    private func keyRole(_ k: Int, _ parent: Int, _ code: TSCode, _ flavor: Flavor) -> TimeOfDay.Role? {
        guard parent >= 0, let close = code.closer(parent), k + 1 == close || code.isOp(k + 1, ",") else { return nil }
        let keyPosition = k - 2
        if code.isOp(k - 1, ":") && code.isOp(parent, "{") {
            if code.kind(keyPosition) == .name && flavor == .script {
                return role(of: code.token(keyPosition), in: code.bytes)
            }
            if let contents = stringContents(keyPosition, code, flavor) {
                return role(ofBytes: contents, in: code.bytes)
            }
            return nil
        }
        if flavor == .python, code.isOp(k - 1, "="), code.isOp(parent, "("), code.kind(keyPosition) == .name,
           isCall(parent, code, flavor) {
            return role(of: code.token(keyPosition), in: code.bytes)
        }
        return nil
    }

    private func role(of token: Token, in bytes: [UInt8]) -> TimeOfDay.Role? {
        role(ofBytes: Int(token.start)..<Int(token.end), in: bytes)
    }

    private func role(ofBytes range: Range<Int>, in bytes: [UInt8]) -> TimeOfDay.Role? {
        if startKeys.contains(where: { bytes[range].elementsEqual($0) }) { return .start }
        if endKeys.contains(where: { bytes[range].elementsEqual($0) }) { return .end }
        return nil
    }

    /// A tuple or list (Python), an array literal (TS/JS), or an array below
    /// a `window` key (JSON) — not call parentheses or subscripts.
    private func isPairBracket(_ open: Int, _ code: TSCode, _ flavor: Flavor) -> Bool {
        switch flavor {
        case .python:
            guard code.isOp(open, "(") || code.isOp(open, "[") else { return false }
            return !isCall(open, code, flavor)
        case .script:
            guard code.isOp(open, "[") else { return false }
            return !isCall(open, code, flavor)
        case .json:
            guard code.isOp(open, "[") else { return false }
            return underPairKey(open, code)
        }
    }

    /// Whether the bracket at `open` follows an operand (a call's or a
    /// subscript's bracket) rather than starting one.
    private func isCall(_ open: Int, _ code: TSCode, _ flavor: Flavor) -> Bool {
        let before = open - 1
        guard let kind = code.kind(before) else { return false }
        switch kind {
        case .name:
            let t = code.token(before)
            let keywords: [StaticString] = flavor == .python
                ? ["return", "in", "yield", "and", "or", "not", "if", "elif", "else", "assert", "is", "await", "lambda"]
                : ["return", "in", "of", "case", "typeof", "yield", "await", "void", "delete", "throw", "else", "do"]
            return !keywords.contains { code.equals(t, $0) }
        case .string, .number: return true
        case .op:
            let t = code.token(before)
            return code.equals(t, ")") || code.equals(t, "]")
        default: return false
        }
    }

    /// JSON: whether some enclosing member's key contains `pairKeyContains`.
    private func underPairKey(_ position: Int, _ code: TSCode) -> Bool {
        var group: Int? = position
        var steps = 0
        while let g = group, steps < 10_000 {
            steps += 1
            if code.isOp(g - 1, ":"), let key = stringContents(g - 2, code, .json), containsPairKey(code.bytes[key]) { return true }
            group = code.view.parent(g)
        }
        return false
    }

    /// Whether `text` contains `pairKeyContains`, ignoring ASCII case.
    func containsPairKey(_ text: ArraySlice<UInt8>) -> Bool {
        let n = pairKeyContains.count
        guard n > 0 else { return true }
        guard text.count >= n else { return false }
        var i = text.startIndex
        while i + n <= text.endIndex {
            var k = 0
            while k < n && Self.lower(text[i + k]) == pairKeyContains[k] { k += 1 }
            if k == n { return true }
            i += 1
        }
        return false
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }

    // MARK: - Literals

    /// The text of a string literal that looks like a time, else nil. The
    /// byte test comes first, so other strings cost no allocation.
    private func timeContents(_ k: Int, _ code: TSCode, _ flavor: Flavor) -> String? {
        guard let range = stringContents(k, code, flavor), Self.timeShaped(code.bytes, range) else { return nil }
        let text = String(decoding: code.bytes[range], as: UTF8.self)
        return TimeOfDay.looksLikeTime(text) ? text : nil
    }

    /// 4–8 bytes of digits and colons with at least one colon.
    static func timeShaped(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard range.count >= 4, range.count <= 8 else { return false }
        var colon = false
        for i in range {
            let b = bytes[i]
            if b == UInt8(ascii: ":") { colon = true } else if b < 48 || b > 57 { return false }
        }
        return colon
    }

    /// The contents of a plain one-line string literal (no escapes, no
    /// interpolation, no bytes prefix).
    private func stringContents(_ k: Int, _ code: TSCode, _ flavor: Flavor) -> Range<Int>? {
        guard code.kind(k) == .string else { return nil }
        if flavor != .python { return code.plainStringContents(k) }
        let t = code.token(k)
        let bytes = code.bytes
        var s = Int(t.start)
        let e = Int(t.end)
        // Prefixes: r, u, f (no fields: a plain `.string` token); not b.
        while s < e, bytes[s] != 0x22, bytes[s] != 0x27 {
            let p = bytes[s] | 0x20
            guard p == UInt8(ascii: "r") || p == UInt8(ascii: "u") || p == UInt8(ascii: "f") else { return nil }
            s += 1
        }
        guard e - s >= 2, bytes[e - 1] == bytes[s] else { return nil }
        if e - s >= 6, bytes[s + 1] == bytes[s], bytes[s + 2] == bytes[s] { return nil }  // triple-quoted
        for i in (s + 1)..<(e - 1) where bytes[i] == 0x5C { return nil }
        return (s + 1)..<(e - 1)
    }

    // MARK: - The domain's verdict

    /// The problem with a keyed window (both ends, or one on its own) and
    /// which end to blame, or nil when it is valid.
    func check(start: String?, end: String?, _ geometry: BitmapGeometry) -> (Window.Problem, TimeOfDay.Role)? {
        if let start, let end {
            guard case .failure(let problem) = Window.parse(start, end, geometry: geometry) else { return nil }
            return (problem, blame(problem, start: start, end: end))
        }
        if let start { return alone(start, .start, geometry).map { ($0, .start) } }
        if let end { return alone(end, .end, geometry).map { ($0, .end) } }
        return nil
    }

    /// The problem of one end on its own: its time, or its alignment.
    private func alone(_ time: String, _ role: TimeOfDay.Role, _ geometry: BitmapGeometry) -> Window.Problem? {
        switch TimeOfDay.minutes(time, as: role) {
        case .failure(let problem): return .time(problem)
        case .success(let minutes):
            return minutes % geometry.minutesPerSlot == 0 ? nil : .misaligned(time, geometry.minutesPerSlot)
        }
    }

    /// The end a problem is about: a bad start time or misaligned start →
    /// start; everything else (a bad end, start not before end) → end.
    private func blame(_ problem: Window.Problem, start: String, end: String) -> TimeOfDay.Role {
        switch problem {
        case .time:
            if case .failure = TimeOfDay.minutes(start, as: .start) { return .start }
            return .end
        case .misaligned(let t, _): return t == start ? .start : .end
        case .notIncreasing: return .end
        }
    }

    func text(_ problem: Window.Problem) -> String {
        message.replacingPlaceholder("{problem}", with: problem.description)
    }
}
