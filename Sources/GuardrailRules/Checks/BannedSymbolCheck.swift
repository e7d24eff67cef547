import GuardrailSyntax

// MARK: - BannedSymbolCheck

/// `banned-symbol`: each code token naming a banned symbol — definitions,
/// references, attribute access, calls, keyword arguments, JSX tags. Never
/// comments or strings. Leaves alone the tokens of import statements that the
/// paired import rule reports, and later plain uses of names those imports
/// bound (the import is the one finding).
public struct BannedSymbolCheck: Check {
    public let names: [[UInt8]]
    public let importMatcher: BannedImportMatcher?
    public let message: String
    /// Bit `min(n, 63)` set when some name is `n` bytes long: most tokens
    /// are ruled out by their length alone.
    let lengths: UInt64

    public init(names: [String], importMatcher: BannedImportMatcher?, message: String) {
        self.names = names.map { Array($0.utf8) }
        var lengths: UInt64 = 0
        for name in self.names { lengths |= 1 << UInt64(min(name.count, 63)) }
        self.lengths = lengths
        self.importMatcher = importMatcher
        self.message = message
    }

    public var triggers: [[UInt8]] { names }
    /// Its words are whole identifiers (or numbers) wherever it reports.
    public var triggersAreTokens: Bool { true }

    public func run(_ file: FileContext, into hits: inout [Hit]) {
        let tokens = file.tokens
        let bytes = file.bytes
        // Token ranges of reported imports, and the names they bind.
        var skipped: [ClosedRange<Int>] = []
        // Names bound by those imports, and the token index from which each
        // binding holds: a Python import binds from where it runs, an ES
        // import for the whole module.
        var bound: [(name: [UInt8], from: Int)] = []
        if let importMatcher {
            for statement in file.imports where importMatcher.offence(in: statement) != nil {
                skipped.append(statement.firstToken...max(statement.firstToken, statement.lastToken))
                for entry in statement.names {
                    if let local = entry.localName {
                        bound.append((Array(local.utf8), file.language == .python ? statement.lastToken : -1))
                    }
                }
            }
        }
        var skipIndex = 0
        var previousCode: Token? = nil
        bytes.withUnsafeBufferPointer { buf in
            for i in tokens.indices {
                let token = tokens[i]
                guard token.kind.isCode else { continue }
                defer { previousCode = token }
                guard token.kind == .name, let name = match(token, buf) else { continue }
                while skipIndex < skipped.count && skipped[skipIndex].upperBound < i { skipIndex += 1 }
                if skipIndex < skipped.count && skipped[skipIndex].contains(i) { continue }
                if bound.contains(where: { i > $0.from && $0.name == names[name] }), !Self.isMemberAccess(previousCode, buf) {
                    continue
                }
                let text = String(decoding: names[name], as: UTF8.self)
                hits.append(Hit(start: Int(token.start), end: Int(token.end),
                                message: message.replacingPlaceholder("{name}", with: text)))
            }
        }
    }

    /// Index into `names` of the token's text, if it is one of them.
    @inline(__always)
    private func match(_ token: Token, _ buf: UnsafeBufferPointer<UInt8>) -> Int? {
        let length = token.length
        guard length >= 0, lengths & (1 << UInt64(min(length, 63))) != 0 else { return nil }
        let start = Int(token.start)
        outer: for (n, name) in names.enumerated() where name.count == length {
            for j in 0..<length where buf[start + j] != name[j] { continue outer }
            return n
        }
        return nil
    }

    private static func isMemberAccess(_ previous: Token?, _ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let previous, previous.kind == .op else { return false }
        let start = Int(previous.start)
        switch previous.length {
        case 1: return buf[start] == UInt8(ascii: ".")
        case 2: return buf[start] == UInt8(ascii: "?") && buf[start + 1] == UInt8(ascii: ".")
        default: return false
        }
    }
}
