// MARK: - TSObjectMember

/// One member of an object literal, at depth 1 of its braces.
public struct TSObjectMember: Sendable, Equatable {
    /// The member's form.
    public enum Kind: UInt8, Sendable {
        /// `key: value`
        case property
        /// `key` alone (or `key = default` in a pattern).
        case shorthand
        /// `key() {}`, `async key() {}`, `*key() {}`
        case method
        /// `get key() {}`
        case getter
        /// `set key(v) {}`
        case setter
        /// `...expr`
        case spread
        /// Something this scan does not understand.
        case unknown
    }

    /// How the key is written.
    public enum KeyKind: UInt8, Sendable {
        /// `key`
        case identifier
        /// `"key"`, `'key'`: `key` holds the contents.
        case string
        /// `1`, `0x1`
        case number
        /// `["key"]`, `` [`key`] ``: `key` holds the contents.
        case computedLiteral
        /// `[expr]`, or a string with escapes: the key is not known statically.
        case computed
        /// A spread or unknown member has no key.
        case none
    }

    /// The member's form.
    public var kind: Kind
    /// How its key is written.
    public var keyKind: KeyKind
    /// The key's name as a byte range of the file (quotes excluded); empty
    /// when the key is not known statically.
    public var key: Range<Int>
    /// The member's view positions (without the separating comma).
    public var range: Range<Int>

    /// A member from its parts.
    public init(kind: Kind, keyKind: KeyKind, key: Range<Int>, range: Range<Int>) {
        self.kind = kind
        self.keyKind = keyKind
        self.key = key
        self.range = range
    }

    /// Whether the key is statically known (identifier, string, number or a
    /// computed string literal).
    public var hasKnownKey: Bool {
        switch keyKind {
        case .identifier, .string, .number, .computedLiteral: return true
        case .computed, .none: return false
        }
    }
}

// MARK: - TSObjectLiterals

/// The members of an object literal `{ … }`: keys in every written form
/// (identifier, shorthand, quoted, numeric, computed, methods, accessors) and
/// spreads. Nested values are skipped whole, so only depth-1 keys count.
public enum TSObjectLiterals {
    /// The members of the object literal whose `{` is at view position
    /// `open`; empty when `open` is not a closed `{`.
    public static func members(open: Int, in code: TSCode) -> [TSObjectMember] {
        guard code.isOp(open, "{"), let close = code.closer(open) else { return [] }
        var out: [TSObjectMember] = []
        var start = open + 1
        var k = open + 1
        while k < close {
            if code.isOp(k, ",") {
                if start < k { out.append(member(start..<k, in: code)) }
                start = k + 1
                k += 1
            } else {
                k = min(code.skipItem(k), close)
            }
        }
        if start < close { out.append(member(start..<close, in: code)) }
        return out
    }

    /// Whether the object literal at `open` has a member whose known key is
    /// `name`.
    public static func hasKey(_ name: [UInt8], open: Int, in code: TSCode) -> Bool {
        members(open: open, in: code).contains { $0.hasKnownKey && code.bytesEqual($0.key.lowerBound, $0.key.upperBound, name) }
    }

    /// Parses one member from its view positions.
    static func member(_ range: Range<Int>, in code: TSCode) -> TSObjectMember {
        var k = range.lowerBound
        let end = range.upperBound
        func unknown() -> TSObjectMember { TSObjectMember(kind: .unknown, keyKind: .none, key: 0..<0, range: range) }
        if code.isOp(k, "...") {
            return TSObjectMember(kind: .spread, keyKind: .none, key: 0..<0, range: range)
        }
        // Modifiers, only when a key follows them (`get: 1` is a key named get).
        var kind: TSObjectMember.Kind = .property
        var modified = false
        while k + 1 < end && isKeyStart(k + 1, in: code) {
            if code.isName(k, "get") {
                kind = .getter
            } else if code.isName(k, "set") {
                kind = .setter
            } else if code.isName(k, "async") || code.isOp(k, "*") {
                kind = .method
            } else {
                break
            }
            modified = true
            k += 1
        }
        // The key.
        var keyKind: TSObjectMember.KeyKind
        var key = 0..<0
        guard let tokenKind = code.kind(k), k < end else { return unknown() }
        switch tokenKind {
        case .name:
            keyKind = .identifier
            let t = code.token(k)
            key = Int(t.start)..<Int(t.end)
            k += 1
        case .number:
            keyKind = .number
            let t = code.token(k)
            key = Int(t.start)..<Int(t.end)
            k += 1
        case .string:
            if let contents = code.plainStringContents(k), code.bytes[Int(code.token(k).start)] != 0x60 {
                keyKind = .string
                key = contents
            } else {
                keyKind = .computed
            }
            k += 1
        case .op where code.isOp(k, "["):
            guard let close = code.closer(k), close < end else { return unknown() }
            if close == k + 2, let contents = code.plainStringContents(k + 1) {
                keyKind = .computedLiteral
                key = contents
            } else {
                keyKind = .computed
            }
            k = close + 1
        default:
            return unknown()
        }
        // What follows the key decides the form.
        if k >= end {
            guard !modified, keyKind == .identifier else { return unknown() }
            return TSObjectMember(kind: .shorthand, keyKind: keyKind, key: key, range: range)
        }
        if code.isOp(k, "?") || code.isOp(k, "!") { k += 1 } // TS optional / definite markers
        if code.isOp(k, ":") && !modified {
            return TSObjectMember(kind: .property, keyKind: keyKind, key: key, range: range)
        }
        if code.isOp(k, "=") && !modified && keyKind == .identifier {
            return TSObjectMember(kind: .shorthand, keyKind: keyKind, key: key, range: range)
        }
        if code.isOp(k, "(") || code.isOp(k, "<") {
            return TSObjectMember(kind: kind == .property ? .method : kind, keyKind: keyKind, key: key, range: range)
        }
        return unknown()
    }

    /// A token that can start a key: name, string, number or `[`.
    static func isKeyStart(_ k: Int, in code: TSCode) -> Bool {
        switch code.kind(k) {
        case .name, .string, .number: return true
        case .op: return code.isOp(k, "[") || code.isOp(k, "*")
        default: return false
        }
    }
}
