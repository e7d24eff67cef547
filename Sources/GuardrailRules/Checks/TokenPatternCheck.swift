import GuardrailSyntax

// MARK: - TokenPatternCheck

/// `token-pattern`: code matching any of `patterns` (see `TokenPattern`:
/// `$X` operands, `...` balanced wildcards, blind to whitespace and
/// comments). Each pattern is compiled once per language at load time; a
/// file is matched with its own language's compilation. One hit per match,
/// spanning it; where two patterns match overlapping code, the leftmost
/// match wins.
public struct TokenPatternCheck: Check {
    /// The patterns as written.
    public let patterns: [String]
    let python: [TokenPattern]
    let script: [TokenPattern]
    /// The message of every hit.
    public let message: String
    /// Each pattern's longest literal name in each language's compilation
    /// (empty when one has none in either): the compilations can differ —
    /// `$http` is one JS identifier but two Python tokens, `//` starts a TS
    /// comment — and the engine's prefilter asks for any of them.
    public let triggers: [[UInt8]]
    /// Per pattern, its literal names and numbers in each language's
    /// compilation: a file must hold all of one pattern's before its tokens
    /// are worth building. Empty when a pattern has none (it may match
    /// anything).
    let pythonWords: [[[UInt8]]]
    let scriptWords: [[[UInt8]]]
    /// Per pattern, its runs of literal tokens (`TokenPattern.literalRuns`)
    /// in each language's compilation: a file must hold every run of one
    /// pattern, each in a row.
    let pythonRuns: [[[[UInt8]]]]
    let scriptRuns: [[[[UInt8]]]]

    /// Compiles every pattern for Python and for TS/JS; throws on the first that cannot be.
    public init(patterns: [String], message: String) throws(TokenPatternError) {
        self.patterns = patterns
        self.python = try patterns.map { p throws(TokenPatternError) in try TokenPattern(p, language: .python) }
        self.script = try patterns.map { p throws(TokenPatternError) in try TokenPattern(p, language: .typescript) }
        self.message = message
        // Every pattern needs its trigger; a pattern without one means "always run".
        var triggers: [[UInt8]] = []
        for pattern in python + script {
            guard let t = pattern.trigger else { triggers = []; break }
            if !triggers.contains(t) { triggers.append(t) }
        }
        self.triggers = triggers
        func required(_ compiled: [TokenPattern]) -> [[[UInt8]]] {
            // In one order, so patterns with the same words compare equal.
            let words = compiled.map { $0.literalWords.sorted { $0.lexicographicallyPrecedes($1) } }
            return words.contains(where: \.isEmpty) ? [] : words
        }
        self.pythonWords = required(python)
        self.scriptWords = required(script)
        self.pythonRuns = python.map(\.literalRuns)
        self.scriptRuns = script.map(\.literalRuns)
    }

    /// Whether some pattern may match `bytes`: the engine's prefilter found
    /// one pattern's trigger; every word of some pattern must be there too,
    /// each as a whole token (`minute`, not `minutes`), and each of its runs
    /// of literal tokens in a row (`hour * 60 +`). A few byte searches save
    /// the tokens and the match of most files that mention `minute`.
    func mayMatch(_ bytes: [UInt8], _ required: [[[UInt8]]], _ runs: [[[[UInt8]]]], python: Bool) -> Bool {
        guard !required.isEmpty else { return true }
        // Patterns often share their words (the four orders of one sum):
        // each set of words is looked for once.
        var asked: [(words: [[UInt8]], found: Bool)] = []
        return required.indices.contains { p in
            let found: Bool
            if let known = asked.first(where: { $0.words == required[p] }) {
                found = known.found
            } else {
                found = BytePrefilter.containsAllTokens(bytes, required[p])
                asked.append((required[p], found))
            }
            return found && runs[p].allSatisfy { BytePrefilter.containsTokenRun(bytes, $0, python: python) }
        }
    }

    /// Reports every match of any pattern in the file's language.
    public func run(_ file: FileContext, into hits: inout [Hit]) {
        let compiled: [TokenPattern], required: [[[UInt8]]], runs: [[[[UInt8]]]]
        switch file.language {
        case .python: (compiled, required, runs) = (python, pythonWords, pythonRuns)
        case .typescript: (compiled, required, runs) = (script, scriptWords, scriptRuns)
        case .c, .json, .yaml: return
        }
        guard mayMatch(file.bytes, required, runs, python: file.language == .python) else { return }
        let tokens = file.tokens
        guard !tokens.isEmpty else { return }
        let view = file.codeView
        var ranges: [Range<Int>] = []
        for pattern in compiled { ranges += pattern.matches(tokens: tokens, bytes: file.bytes, view: view) }
        guard !ranges.isEmpty else { return }
        // Leftmost first; drop matches overlapping an earlier one.
        ranges.sort { $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.upperBound > $1.upperBound }
        var last = -1
        for range in ranges where range.lowerBound >= last {
            hits.append(Hit(start: range.lowerBound, end: range.upperBound, message: message))
            last = range.upperBound
        }
    }
}
