import GuardrailSyntax

// MARK: - RequiredCallOptionCheck

/// `required-call-option` (TS/JS): a call of one of `callees` whose options
/// argument (1-based `argument`) provably lacks `key`:
/// - the call has fewer arguments;
/// - the argument is an object literal with no `key` (identifier, shorthand,
///   quoted, computed-literal, method or accessor) and no spread or unknown
///   computed key;
/// - the argument is an identifier that every same-file binding binds, by
///   `const`/`let`, to such an object literal (and no `NAME.key = …` writes it).
///
/// Anything else — a spread argument, a call, a parameter, an imported name —
/// is unknown and not reported. The hit spans the callee's first token to the
/// closing `)`.
public struct RequiredCallOptionCheck: Check {
    /// Callee chains as written in the rule (`window.fetch`) and split into names.
    public let callees: [String]
    let chains: [[[UInt8]]]
    /// 1-based position of the options argument.
    public let argument: Int
    /// The option key that must be present.
    public let key: [UInt8]
    /// Message template: `{callee}` and `{key}` are filled in.
    public let message: String

    /// A check for `key` in argument `argument` of calls of `callees`.
    public init(callees: [String], argument: Int, key: String, message: String) {
        self.callees = callees
        self.chains = callees.map { $0.split(separator: ".").map { Array($0.utf8) } }
        self.argument = max(1, argument)
        self.key = Array(key.utf8)
        self.message = message
    }

    /// Its words are whole identifiers (or numbers) wherever it reports.
    public var triggersAreTokens: Bool { true }
    /// The callees' last names (a file without one cannot call them).
    public var triggers: [[UInt8]] {
        var out: [[UInt8]] = []
        for chain in chains { if let last = chain.last, !out.contains(last) { out.append(last) } }
        return out
    }

    /// Reports each matching call whose options provably lack the key.
    public func run(_ file: FileContext, into hits: inout [Hit]) {
        guard file.language == .typescript else { return }
        // Most files that name `fetch` never call it (`// fetch the list`,
        // `{ fetch: … }`, `this.fetch(…)`, `fetch(...args)`): no tokens.
        guard mayHit(file.bytes) else { return }
        runOnTokens(file, into: &hits)
    }

    /// Whether the bytes may hold a reported call: a callee's last name
    /// called (see `BytePrefilter.hasCallShape`), not as a member of a name
    /// that is no link before it in a callee (`obj.fetch(`, `a.window.fetch(`
    /// are other functions), and not with a spread before the options
    /// (`fetch(...args)` may pass them).
    func mayHit(_ bytes: [UInt8]) -> Bool {
        let names = triggers
        return BytePrefilter.hasCallShape(bytes, names, python: false) { buf, k, start, open in
            if let receiver = BytePrefilter.memberReceiver(buf, start) {
                let link = UnsafeBufferPointer(rebasing: buf[receiver])
                guard chains.contains(where: { $0.count == 2 && $0[1] == names[k] && $0[0].elementsEqual(link) }) else { return false }
            }
            guard let open else { return true }
            // `(...` — the first argument a spread: at or before the options.
            guard let first = BytePrefilter.skipBlanks(buf, from: open + 1, python: false), first + 2 < buf.count else { return true }
            return !(buf[first] == UInt8(ascii: ".") && buf[first + 1] == UInt8(ascii: ".") && buf[first + 2] == UInt8(ascii: "."))
        }
    }

    /// `run` past the byte gate.
    func runOnTokens(_ file: FileContext, into hits: inout [Hit]) {
        let names = triggers
        let code = TSCode(tokens: file.tokens, bytes: file.bytes, view: file.codeView)
        var identifiers = IdentifierCache()
        for call in TSCalls.calls(named: names, in: code, typeArguments: file.dialect.typescript) {
            guard let chain = chains.firstIndex(where: { matches(call, $0, code) }) else { continue }
            let arguments = TSCalls.arguments(open: call.open, close: call.close, in: code)
            guard verdict(arguments, code, &identifiers) == .missing else { continue }
            let first = code.token(call.callee[0]), close = code.token(call.close)
            let text = message.replacingPlaceholder("{callee}", with: callees[chain])
                .replacingPlaceholder("{key}", with: String(decoding: key, as: UTF8.self))
            hits.append(Hit(start: Int(first.start), end: Int(close.end), message: text))
        }
    }

    // MARK: Verdicts

    /// Whether the options provably lack the key.
    enum Verdict { case present, missing, unknown }

    func matches(_ call: TSCall, _ chain: [[UInt8]], _ code: TSCode) -> Bool {
        guard call.callee.count == chain.count else { return false }
        for (position, name) in zip(call.callee, chain) where !code.equals(code.token(position), name) { return false }
        return true
    }

    /// Verdicts of identifiers already asked about, and the file's binding
    /// index (built on the first identifier).
    struct IdentifierCache {
        var verdicts: [[UInt8]: Verdict] = [:]
        var index: TSBindingIndex?
    }

    func verdict(_ arguments: [TSArgument], _ code: TSCode, _ identifiers: inout IdentifierCache) -> Verdict {
        // A spread up to the options position may supply them.
        if arguments.prefix(argument).contains(where: \.isSpread) { return .unknown }
        guard arguments.count >= argument else { return .missing }
        var range = arguments[argument - 1].range
        // `(opts)` is `opts`.
        while range.count >= 2 && code.isOp(range.lowerBound, "(") && code.closer(range.lowerBound) == range.upperBound - 1 {
            range = (range.lowerBound + 1)..<(range.upperBound - 1)
        }
        guard !range.isEmpty else { return .unknown }
        let first = range.lowerBound
        if code.isOp(first, "{"), let close = code.closer(first), close < range.upperBound {
            // `{ … }`, `{ … } as RequestInit`, `{ … } satisfies RequestInit`
            guard close == range.upperBound - 1 || code.isName(close + 1, "as") || code.isName(close + 1, "satisfies") else {
                return .unknown
            }
            return objectVerdict(first, code)
        }
        if range.count == 1 && code.kind(first) == .name {
            let t = code.token(first)
            let name = Array(code.bytes[Int(t.start)..<Int(t.end)])
            if let known = identifiers.verdicts[name] { return known }
            let index = identifiers.index ?? TSBindingIndex(code)
            identifiers.index = index
            let result = identifierVerdict(index.bindings(of: name), code)
            identifiers.verdicts[name] = result
            return result
        }
        return .unknown
    }

    func objectVerdict(_ open: Int, _ code: TSCode) -> Verdict {
        var unknown = false
        for member in TSObjectLiterals.members(open: open, in: code) {
            if member.hasKnownKey {
                if code.bytesEqual(member.key.lowerBound, member.key.upperBound, key) { return .present }
                if member.kind == .unknown { unknown = true }
            } else {
                unknown = true // spread, computed key, or a form this scan does not know
            }
        }
        return unknown ? .unknown : .missing
    }

    func identifierVerdict(_ bindings: [TSBinding], _ code: TSCode) -> Verdict {
        guard !bindings.isEmpty else { return .unknown }
        var literals = 0
        for binding in bindings {
            switch binding.kind {
            case .other:
                return .unknown
            case .memberWrite:
                let member = binding.member
                if code.kind(member) == .name {
                    let t = code.token(member)
                    if code.bytesEqual(Int(t.start), Int(t.end), key) { return .present }
                } else if let contents = code.plainStringContents(member),
                          code.bytesEqual(contents.lowerBound, contents.upperBound, key) {
                    return .present
                }
            case .objectLiteral:
                literals += 1
                let v = objectVerdict(binding.object, code)
                if v != .missing { return v }
            }
        }
        return literals > 0 ? .missing : .unknown
    }
}
