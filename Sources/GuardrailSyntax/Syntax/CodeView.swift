// MARK: - CodeView

/// A file's tokens without its comments, with a matching-bracket table: the
/// shared ground for structural scans (calls and their arguments, object
/// literals, token patterns). Positions ("view positions") index `indices`.
///
/// Brackets are `(` `)`, `[` `]`, `{` `}` op tokens, and interpolated strings:
/// the opening piece of an f-string / template literal opens, its closing
/// piece closes, so the code of its replacement fields sits inside it. Pieces
/// between two fields (`}…${`, `}…{`, a Python format spec `:…{`) neither open
/// nor close. The table is built with an explicit stack in one pass, so any
/// nesting depth is fine; a stray or mismatched closer stays unmatched and
/// never disturbs the pairs around it.
public struct CodeView: Sendable {
    /// What a token is to the bracket structure.
    public enum Role: UInt8, Sendable {
        case none
        /// Opens a group; `partner` is its closer (or -1 when unclosed).
        case open
        /// Closes a group; `partner` is its opener (or -1 when stray).
        case close
        /// Between two replacement fields of one interpolated string.
        case middle
    }

    /// The original token indices of the non-comment tokens, in order.
    public let indices: [Int32]
    /// The matching bracket's view position for openers and closers, else -1.
    public let partners: [Int32]
    /// Each position's bracket role.
    public let roles: [Role]
    /// The view position of the innermost open group around each position
    /// (for an opener or closer: the group around the pair), or -1 at top level.
    public let parents: [Int32]

    /// Builds the view of a token stream over `bytes`.
    public init(tokens: [Token], bytes: [UInt8]) {
        var n = 0
        for token in tokens where token.kind != .comment { n += 1 }
        // Filled through raw buffers: one pass, no per-token appends.
        var indices = [Int32](repeating: 0, count: n)
        var partners = [Int32](repeating: -1, count: n)
        var parents = [Int32](repeating: -1, count: n)
        var roles = [Role](repeating: .none, count: n)
        // Open groups as (view position, bracket kind), plus a count per kind
        // so a closer whose kind is not open anywhere costs nothing.
        var stack: [(position: Int32, kind: UInt8)] = []
        var openCount: (Int, Int, Int, Int) = (0, 0, 0, 0)
        func adjust(_ kind: UInt8, _ delta: Int) {
            switch kind {
            case 0: openCount.0 += delta
            case 1: openCount.1 += delta
            case 2: openCount.2 += delta
            default: openCount.3 += delta
            }
        }
        func isOpen(_ kind: UInt8) -> Bool {
            switch kind {
            case 0: return openCount.0 > 0
            case 1: return openCount.1 > 0
            case 2: return openCount.2 > 0
            default: return openCount.3 > 0
            }
        }
        tokens.withUnsafeBufferPointer { toks in
            bytes.withUnsafeBufferPointer { buf in
                indices.withUnsafeMutableBufferPointer { idx in
                    partners.withUnsafeMutableBufferPointer { part in
                        parents.withUnsafeMutableBufferPointer { par in
                            roles.withUnsafeMutableBufferPointer { rol in
                                var position = 0
                                for index in 0..<toks.count {
                                    let token = toks[index]
                                    if token.kind == .comment { continue }
                                    idx[position] = Int32(index)
                                    par[position] = stack.last?.position ?? -1
                                    let (role, kind) = Self.classify(token, buf)
                                    rol[position] = role
                                    if role == .open {
                                        stack.append((Int32(position), kind))
                                        adjust(kind, 1)
                                    } else if role == .close && isOpen(kind) {
                                        // Unclosed groups inside this one end with it.
                                        while let top = stack.popLast() {
                                            adjust(top.kind, -1)
                                            if top.kind == kind {
                                                part[Int(top.position)] = Int32(position)
                                                part[position] = top.position
                                                break
                                            }
                                        }
                                        par[position] = stack.last?.position ?? -1
                                    }
                                    position += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        self.indices = indices
        self.partners = partners
        self.roles = roles
        self.parents = parents
    }

    /// Number of positions.
    @inlinable public var count: Int { indices.count }

    /// The token at a view position.
    @inlinable public func token(_ position: Int, in tokens: [Token]) -> Token { tokens[Int(indices[position])] }

    /// The matching bracket of `position`, or nil.
    @inlinable public func partner(_ position: Int) -> Int? {
        let p = partners[position]
        return p >= 0 ? Int(p) : nil
    }

    /// The opener of the innermost group around `position`, or nil at top level.
    @inlinable public func parent(_ position: Int) -> Int? {
        let p = parents[position]
        return p >= 0 ? Int(p) : nil
    }

    /// Bracket kinds: 0 `()`, 1 `[]`, 2 `{}`, 3 interpolated string.
    /// Inlined into the one loop that asks it of every token.
    @inline(__always)
    static func classify(_ token: Token, _ buf: UnsafeBufferPointer<UInt8>) -> (Role, UInt8) {
        switch token.kind {
        case .op:
            guard token.length == 1 else { return (.none, 0) }
            switch buf[Int(token.start)] {
            case UInt8(ascii: "("): return (.open, 0)
            case UInt8(ascii: ")"): return (.close, 0)
            case UInt8(ascii: "["): return (.open, 1)
            case UInt8(ascii: "]"): return (.close, 1)
            case UInt8(ascii: "{"): return (.open, 2)
            case UInt8(ascii: "}"): return (.close, 2)
            default: return (.none, 0)
            }
        case .stringPart:
            guard token.length > 0 else { return (.none, 0) }
            let first = buf[Int(token.start)]
            if first != UInt8(ascii: "}") && first != UInt8(ascii: ":") { return (.open, 3) }
            return buf[Int(token.end) - 1] == UInt8(ascii: "{") ? (.middle, 3) : (.close, 3)
        default:
            return (.none, 0)
        }
    }
}
