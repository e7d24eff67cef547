import GuardrailSyntax

// MARK: - BannedCallCheck

/// `banned-call`: a Python call whose callee, resolved through the file's
/// imports and scopes, is one of the listed dotted names — optionally only
/// when an argument matches a condition. `from datetime import time as t;
/// t.fromisoformat(x)` resolves to `datetime.time.fromisoformat`; a parameter
/// or local named `time` resolves to nothing and is left alone.
public struct BannedCallCheck: Check {
    /// One banned callee and the condition under which a call is a hit.
    public struct Target: Sendable {
        public var callee: String
        public var condition: Condition
        public var message: String

        public init(callee: String, condition: Condition, message: String) {
            self.callee = callee
            self.condition = condition
            self.message = message
        }
    }

    public enum Condition: Sendable {
        /// Every call.
        case always
        /// Positional argument `position` (1-based), or keyword argument
        /// `keyword`, is the single number literal `literal`.
        case argumentEquals(position: Int, keyword: String?, literal: String)
        /// Positional argument `position` (or keyword `keyword`) is a string
        /// literal containing every one of `all` and none of `none`.
        case stringArgument(position: Int, keyword: String?, all: [String], none: [String])
        /// No positional argument at `position` and no keyword `keyword`.
        case missingArgument(position: Int, keyword: String)
    }

    public let targets: [Target]
    public let triggerWords: [String]
    /// The targets' last callee segments as bytes (`fromisoformat`, `time`, …).
    let lastSegments: [[UInt8]]
    /// Bit `shape(n, first byte)` set for each last segment: a token whose
    /// length and first byte match no segment costs one test.
    let segmentShapes: UInt64
    /// Per target, the last segment of its callee.
    let targetLastSegments: [[UInt8]]
    /// Per target, the segment before the last (empty for a one-segment callee).
    let targetReceivers: [[UInt8]]

    @inline(__always) static func shape(_ length: Int, _ first: UInt8) -> UInt64 {
        1 << ((UInt64(truncatingIfNeeded: length) &* 7 &+ UInt64(first)) & 63)
    }

    public init(targets: [Target], triggers: [String]) {
        self.targets = targets
        self.triggerWords = triggers
        self.targetLastSegments = targets.map { Array(($0.callee.split(separator: ".").last.map(String.init) ?? "").utf8) }
        self.targetReceivers = targets.map { target in
            let segments = target.callee.split(separator: ".")
            return segments.count >= 2 ? Array(segments[segments.count - 2].utf8) : []
        }
        self.lastSegments = Array(Set(targetLastSegments))
        var shapes: UInt64 = 0
        for segment in lastSegments { shapes |= Self.shape(segment.count, segment.first ?? 0) }
        self.segmentShapes = shapes
    }

    private func matches(_ token: Token, _ name: [UInt8], _ bytes: [UInt8]) -> Bool {
        guard token.length == name.count else { return false }
        let s = Int(token.start)
        for k in 0..<name.count where bytes[s + k] != name[k] { return false }
        return true
    }

    public var triggers: [[UInt8]] { triggerWords.map { Array($0.utf8) } }
    /// Its words are whole identifiers (or numbers) wherever it reports.
    public var triggersAreTokens: Bool { true }

    public func run(_ file: FileContext, into hits: inout [Hit]) {
        guard file.language == .python else { return }
        // No call of a target's last name anywhere that could be a hit (`24`
        // or `now` as a number or a variable; `datetime.now(timezone.utc)`):
        // no tokens.
        guard mayHit(file.bytes, aliasShape: file.hasAliasShape) else { return }
        runOnTokens(file, into: &hits)
    }

    /// The argument-first filter of `runOnTokens` on bytes, before any
    /// tokens: whether some call of a target's last name may be a hit.
    /// - The targets a call may be: a name no `as` binds resolves to a
    ///   dotted name ending in it (`from a import b` binds `b` to `a.b`,
    ///   `import a.b` binds `a` to `a`; an unbound name stands for itself). So a call
    ///   `P.name(` is only a target ending in `P.name` unless an alias may
    ///   bind `P`, and any call of `name` only a target ending in `name`
    ///   unless an alias may bind `name` (then any target). A longer chain
    ///   `a.P.name(` is only a target ending in `P.name`: only a chain's
    ///   first name is ever bound.
    /// - A call whose first argument rules out each of those targets is
    ///   none: a positional argument, or the keyword, where one is
    ///   `missing`; no argument, or a first positional argument other than
    ///   the literal (and no such keyword in the file), where one must equal
    ///   a literal; no argument, or a file without the text a string
    ///   argument must contain.
    /// Never false where `runOnTokens` finds a hit.
    /// - Parameter aliasShape: `BytePrefilter.hasAliasShape` on these same
    ///   `bytes`, perhaps remembered across checks (`FileContext`'s); by
    ///   default asked here, once per name.
    func mayHit(_ bytes: [UInt8], aliasShape: (([UInt8]) -> Bool)? = nil) -> Bool {
        // Per file, asked once: names an alias may bind, keywords and texts present.
        var aliasable: [[UInt8]: Bool] = [:]
        func mayBeAlias(_ name: [UInt8]) -> Bool {
            if let aliasShape { return aliasShape(name) }
            if let known = aliasable[name] { return known }
            let found = BytePrefilter.hasAliasShape(bytes, name)
            aliasable[name] = found
            return found
        }
        var keywordPresent: [String: Bool] = [:]
        var textsPresent: [Int: Bool] = [:]
        return BytePrefilter.hasCallShape(bytes, lastSegments, python: true) { buf, k, start, open in
            guard let open else { return true }
            // `P.name(`: the receiver a target must have, unless `P` may be
            // an alias. Otherwise (a lone name, a longer chain) any target
            // ending in the name, or any target when it may be an alias.
            var receiver: [UInt8]?
            if let range = BytePrefilter.memberReceiver(buf, start) {
                let name = Array(buf[range])
                if !mayBeAlias(name) { receiver = name }
            } else if let range = BytePrefilter.innerLink(buf, start) {
                // `a.b.now(`: no alias binds `b`.
                receiver = Array(buf[range])
            } else if mayBeAlias(lastSegments[k]) {
                return true
            }
            let first = BytePrefilter.firstArgument(buf, after: open)
            return targets.indices.contains { t in
                guard targetLastSegments[t] == lastSegments[k], receiver.map({ $0 == targetReceivers[t] }) ?? true else { return false }
                switch targets[t].condition {
                case .always:
                    return true
                case .missingArgument(let position, let keyword):
                    switch first {
                    case .positional: return position > 1
                    case .keyword(let range): return !buf[range].elementsEqual(keyword.utf8)
                    case .none, .unknown: return true
                    }
                case .argumentEquals(let position, let keyword, let literal):
                    guard position == 1, case .positional(let at) = first else { return first != .none }
                    if Self.startsWithNumber(buf, at, literal) { return true }
                    // The first positional argument is something else: only the keyword can be it.
                    guard let keyword else { return false }
                    if keywordPresent[keyword] == nil { keywordPresent[keyword] = BytePrefilter.hasKeywordShape(bytes, Array(keyword.utf8)) }
                    return keywordPresent[keyword]!
                case .stringArgument(_, _, let all, _):
                    guard first != .none else { return false }
                    if textsPresent[t] == nil {
                        textsPresent[t] = all.allSatisfy { BytePrefilter.containsAny(bytes, [Array($0.utf8)]) }
                    }
                    return textsPresent[t]!
                }
            }
        }
    }

    /// Whether the bytes at `at` may be the single number token `literal`:
    /// they start with it, and no letter, digit, `_` or `.` goes on.
    private static func startsWithNumber(_ buf: UnsafeBufferPointer<UInt8>, _ at: Int, _ literal: String) -> Bool {
        let text = Array(literal.utf8)
        guard at + text.count <= buf.count, buf[at..<(at + text.count)].elementsEqual(text) else { return false }
        guard at + text.count < buf.count else { return true }
        let next = buf[at + text.count]
        return !((next | 0x20 >= 0x61 && next | 0x20 <= 0x7A) || next &- 0x30 < 10 || next == 0x5F || next == 0x2E)
    }

    /// The check on the file's tokens, without the byte gate.
    func runOnTokens(_ file: FileContext, into hits: inout [Hit]) {
        let tokens = file.tokens, bytes = file.bytes
        // Only calls whose last name is the last segment of a target are
        // built and resolved; every other token costs one shape test.
        var calls: [(call: PythonCall, head: [UInt8])] = []
        var heads: [[UInt8]] = []
        var seen: Set<[UInt8]> = []
        for i in tokens.indices where tokens[i].kind == .name
            && (tokens[i].length <= 0 || segmentShapes & Self.shape(tokens[i].length, bytes[Int(tokens[i].start)]) != 0)
            && lastSegments.contains(where: { matches(tokens[i], $0, bytes) }) {
            guard let call = PythonCalls.call(endingAt: i, tokens, bytes, brackets: file.brackets) else { continue }
            // A call whose arguments rule out every target it could be is
            // no finding, whatever its names resolve to: it needs no scopes
            // (`datetime.now(timezone.utc)`, most calls of `now`). A chain
            // of two or more names ends in the callee's last segment; a lone
            // name may be an alias of any target.
            guard targets.indices.contains(where: { t in
                (call.chain.count == 1 || matches(tokens[i], targetLastSegments[t], bytes))
                    && matches(targets[t].condition, call, tokens, bytes)
            }) else { continue }
            let head = Array(bytes[Int(tokens[call.chain[0]].start)..<Int(tokens[call.chain[0]].end)])
            calls.append((call, head))
            if seen.insert(head).inserted { heads.append(head) }
        }
        guard !calls.isEmpty else { return }
        // Bindings are collected for the calls' first names only.
        let scopes = file.pythonScopes(resolving: heads)
        for (call, head) in calls {
            let candidates = qualifiedNames(call, head, tokens, bytes, scopes)
            for target in targets where candidates.contains(target.callee) {
                guard matches(target.condition, call, tokens, bytes) else { continue }
                hits.append(Hit(start: Int(tokens[call.chain[0]].start), end: Int(tokens[call.close].end), message: target.message))
                break
            }
        }
    }

    /// The dotted names the callee may stand for.
    private func qualifiedNames(_ call: PythonCall, _ head: [UInt8], _ tokens: [Token], _ bytes: [UInt8],
                                _ scopes: PythonScopes) -> [String] {
        let names = call.chain.map { TokenText.string(tokens[$0], bytes) }
        let rest = names.dropFirst().joined(separator: ".")
        func join(_ head: String) -> String { rest.isEmpty ? head : head + "." + rest }
        switch scopes.resolve(head, at: call.chain[0]) {
        case .imported(let qualified): return [join(qualified)]
        case .local: return []
        case .unbound(let stars): return [join(names[0])] + stars.map { join($0 + "." + names[0]) }
        }
    }

    private func matches(_ condition: Condition, _ call: PythonCall, _ tokens: [Token], _ bytes: [UInt8]) -> Bool {
        switch condition {
        case .always:
            return true
        case .argumentEquals(let position, let keyword, let literal):
            var found: PythonCall.Argument?
            if let keyword, let k = call.arguments.first(where: { $0.keyword == keyword }) { found = k }
            let positional = call.positional
            if found == nil, position <= positional.count { found = positional[position - 1] }
            guard let arg = found else { return false }
            guard arg.end - arg.start == 1, tokens[arg.start].kind == .number else { return false }
            return TokenText.string(tokens[arg.start], bytes) == literal
        case .stringArgument(let position, let keyword, let all, let none):
            var arg: PythonCall.Argument?
            if let keyword, let k = call.arguments.first(where: { $0.keyword == keyword }) { arg = k }
            if arg == nil, position <= call.positional.count, !call.arguments.prefix(position).contains(where: { $0.isStarred }) {
                arg = call.positional[position - 1]
            }
            guard let arg, let text = literalString(arg, tokens, bytes) else { return false }
            return all.allSatisfy { text.contains($0) } && !none.contains { text.contains($0) }
        case .missingArgument(let position, let keyword):
            if call.hasStarred { return false }
            if call.positional.count >= position { return false }
            return !call.arguments.contains { $0.keyword == keyword }
        }
    }

    /// The value of an argument made only of plain string literals (implicit
    /// concatenation allowed); nil for f-strings or anything else.
    private func literalString(_ arg: PythonCall.Argument, _ tokens: [Token], _ bytes: [UInt8]) -> String? {
        var out = ""
        for t in arg.start..<arg.end {
            let token = tokens[t]
            if token.kind == .comment || token.kind == .newline { continue }
            guard token.kind == .string else { return nil }
            var s = Int(token.start)
            let e = Int(token.end)
            var isF = false
            while s < e && bytes[s] != UInt8(ascii: "'") && bytes[s] != UInt8(ascii: "\"") {
                if bytes[s] | 0x20 == UInt8(ascii: "f") || bytes[s] | 0x20 == UInt8(ascii: "t") { isF = true }
                s += 1
            }
            if isF { return nil }
            out += String(decoding: bytes[s..<e], as: UTF8.self)
        }
        return out.isEmpty ? nil : out
    }
}
