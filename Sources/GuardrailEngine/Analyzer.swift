import GuardrailClang
import GuardrailRules
import GuardrailSyntax

// MARK: - ActiveRule

/// A rule as configured for this run: effective severity and compiled path scope.
public struct ActiveRule: Sendable {
    public let rule: Rule
    public let severity: Severity
    let include: [Glob]
    let exclude: [Glob]
    let allow: [Glob]
    /// `allow` as configured (for the result cache's key).
    let allowPatterns: [String]
    /// One bit per language of `rule.languages` (asked for every file and
    /// rule: a `Set` lookup hashed each time).
    let languageBits: UInt32

    public init(rule: Rule, severity: Severity? = nil, allow: [String] = []) throws {
        self.rule = rule
        self.allowPatterns = allow
        self.severity = severity ?? rule.severity
        self.languageBits = rule.languages.reduce(0) { $0 | Self.bit($1) }
        func compile(_ globs: [String], _ what: String) throws -> [Glob] {
            try globs.map { g in
                do throws(GlobError) { return try Glob(g) } catch let e {
                    throw GuardrailError.config(path: rule.origin, line: 0, column: 0,
                                                message: "rule `\(rule.id)`: invalid \(what) glob `\(g)`: \(e.message)")
                }
            }
        }
        self.include = try compile(rule.include, "include")
        self.exclude = try compile(rule.exclude, "exclude")
        self.allow = try compile(allow, "allow")
    }

    public var id: String { rule.id }

    @inline(__always) private static func bit(_ language: Language) -> UInt32 {
        switch language {
        case .python: return 1
        case .typescript: return 2
        case .c: return 4
        case .json: return 8
        case .yaml: return 16
        }
    }

    /// Whether the rule looks at this file at all. Not inlined: inlined into
    /// `Plan.applicable`, the rule was copied out of the plan's array (a
    /// dozen retains) for every file and rule.
    @inline(never)
    public func applies(to path: String, language: Language) -> Bool {
        guard languageBits & Self.bit(language) != 0 else { return false }
        if include.isEmpty && exclude.isEmpty && allow.isEmpty { return true }
        return Self.inScope(path, include: include, exclude: exclude, allow: allow)
    }

    /// The globs' verdict on a path, its bytes read once. Apart from
    /// `applies`, and given the arrays only: a closure that captured the
    /// rule copied it, for every file and rule.
    @inline(never)
    private static func inScope(_ path: String, include: [Glob], exclude: [Glob], allow: [Glob]) -> Bool {
        var path = path
        return path.withUTF8 { buf in
            func any(_ globs: [Glob]) -> Bool {
                for k in globs.indices where globs[k].matchesPathOrAncestor(buf, isDirectory: false) { return true }
                return false
            }
            if !include.isEmpty && !any(include) { return false }
            return !any(exclude) && !any(allow)
        }
    }
}

// MARK: - FileOutcome

/// What checking one file produced.
public struct FileOutcome: Sendable {
    public var findings: [Finding] = []
    /// Set when the file was read but could not be understood.
    public var skipped: String?
    /// Whether the file was tokenized (it passed the prefilter).
    public var analyzed = false
    /// Set when the file needs a front end that is missing (libclang): the
    /// run stops with this error (exit 2).
    public var error: GuardrailError?
    /// Time libclang spent parsing the file (C/C++ files it parsed).
    public var frontEndDuration: Duration?
    /// Statements other files may contradict (see `CrossFileFact`), located.
    public var facts: [CrossFileFact] = []
    /// C/C++: the first error or fatal diagnostic libclang reported for the
    /// file (`line: message`), and how many there were.
    public var frontEndError: String?
    public var frontEndErrorCount = 0
    /// C/C++: a line for the run's notes (the file was read only without its
    /// database flags).
    public var frontEndNote: String?

    public init() {}
}

// MARK: - Analyzer

/// Runs rules over one file: language and path scope, the literal prefilter,
/// binary and UTF-8 checks, the checks themselves, then positions, snippets
/// and fingerprints. Pure: no I/O, no shared state.
public enum Analyzer {
    /// What every file of a run is analyzed with, prepared once: the rules,
    /// their compiled prefilter, the suppression policy and the run settings.
    public struct Plan: Sendable {
        public let rules: [ActiveRule]
        public let policy: SuppressionPolicy
        public let settings: RunSettings
        let triggers: TriggerIndex

        /// Compiles the run's prefilter from `rules` under `settings`.
        public init(rules: [ActiveRule], policy: SuppressionPolicy = SuppressionPolicy(),
                    settings: RunSettings = RunSettings()) {
            self.rules = rules
            self.policy = policy
            self.settings = settings
            self.triggers = TriggerIndex(triggers: rules.map { $0.rule.check.triggers(in: settings) },
                                         tokens: rules.map { $0.rule.check.triggersAreTokens },
                                         marker: Suppressions.marker)
        }

        /// Indexes of the rules that look at this file at all.
        public func applicable(to path: String, language: Language) -> [Int] {
            rules.indices.filter { rules[$0].applies(to: path, language: language) }
        }
    }

    /// Analyzes one file with a plan made for it alone (tests, fixtures).
    public static func analyze(_ source: SourceFile, rules: [ActiveRule],
                               policy: SuppressionPolicy = SuppressionPolicy(),
                               cSettings: CParseSettings = CParseSettings(),
                               settings: RunSettings = RunSettings()) -> FileOutcome {
        analyze(source, plan: Plan(rules: rules, policy: policy, settings: settings), cSettings: cSettings)
    }

    /// Analyzes one file; `applicable` is `plan.applicable(to:language:)`
    /// when the caller has it already.
    public static func analyze(_ source: SourceFile, plan: Plan, applicable: [Int]? = nil,
                               cSettings: CParseSettings = CParseSettings()) -> FileOutcome {
        analyze(source, plan: plan, applicable: applicable, cSettings: cSettings, containsNUL: nil)
    }

    /// `analyze`, told by the engine whether the bytes hold a NUL when its
    /// hash pass over them found out (nil: search them).
    static func analyze(_ source: SourceFile, plan: Plan, applicable: [Int]?, cSettings: CParseSettings,
                        containsNUL: Bool?) -> FileOutcome {
        var outcome = FileOutcome()
        let applicable = applicable ?? plan.applicable(to: source.path, language: source.language)
        guard !applicable.isEmpty else { return outcome }
        let (policy, settings) = (plan.policy, plan.settings)
        // Indexes into `plan.rules`: an `ActiveRule` copied per file and rule
        // retained a dozen strings and arrays shared by every worker.
        var candidates: [Int] = []
        var binary = false
        var valid = true
        var mentionsGuardrail = false
        source.bytes.withUnsafeBufferPointer { buf in
            if containsNUL ?? ByteScan.hasNUL(buf) { binary = true; return }
            // A file with a suppression runs every applicable rule, so an
            // unused suppression is known to be unused.
            let selected = plan.triggers.select(applicable, in: buf)
            mentionsGuardrail = selected.marker
            candidates = selected.rules
            if !candidates.isEmpty && (source.language == .python || source.language == .typescript) {
                valid = ByteScan.isValidUTF8(buf)
            }
        }
        if binary { outcome.skipped = "binary (NUL bytes)"; return outcome }
        guard !candidates.isEmpty else { return outcome }
        guard valid else { outcome.skipped = "not valid UTF-8"; return outcome }
        outcome.analyzed = true

        let context = FileContext(source: source, cSettings: cSettings)
        context.settings = settings
        var raw: [(rule: Int, hit: Hit)] = []
        var hits: [Hit] = []
        for r in candidates {
            hits.removeAll(keepingCapacity: true)
            let factsBefore = context.facts.count
            plan.rules[r].rule.check.run(context, into: &hits)
            for hit in hits { raw.append((r, hit)) }
            if factsBefore < context.facts.count {
                let id = plan.rules[r].id
                for k in factsBefore..<context.facts.count { context.facts[k].rule = id }
            }
        }
        outcome.frontEndDuration = context.frontEndDuration
        outcome.frontEndNote = context.frontEndNote
        let errors = context.frontEndErrors
        if let first = errors.first {
            let line = source.bytes.prefix(min(first.offset, source.bytes.count)).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            outcome.frontEndError = "\(line): \(first.message)"
            outcome.frontEndErrorCount = errors.count
        }
        if let reason = context.notUnderstood, raw.isEmpty {
            outcome.skipped = reason
            return outcome
        }
        switch context.frontEndFailure {
        case .unavailable(let message)?:
            outcome.error = .io(path: source.path, message: message)
            return outcome
        case .parseFailed(let message)?:
            outcome.skipped = message
            return outcome
        case nil:
            break
        }
        let factIndex = context.facts.isEmpty ? nil : LineIndex(source.bytes)
        if let factIndex { outcome.facts = CrossFileFacts.locate(context.facts, in: source, index: factIndex) }
        guard !raw.isEmpty || mentionsGuardrail else { return outcome }
        let index = factIndex ?? LineIndex(source.bytes)
        outcome.findings = makeFindings(raw, rules: plan.rules, source: source, index: index)
        if mentionsGuardrail {
            let suppressions = Suppressions.parse(tokens: context.tokens, source: source, index: index)
            if !suppressions.isEmpty {
                outcome.findings = Suppressions.apply(outcome.findings, suppressions: suppressions,
                                                      ran: Set(candidates.map { plan.rules[$0].id }), policy: policy,
                                                      source: source, index: index)
            }
        }
        return outcome
    }

    /// Hits → findings with positions, the quoted source line and fingerprints.
    static func makeFindings(_ raw: [(rule: Int, hit: Hit)], rules: [ActiveRule], source: SourceFile, index: LineIndex) -> [Finding] {
        let bytes = source.bytes
        // Every offset a finding needs a position for, resolved together.
        var excerpts: [Range<Int>] = []
        var offsets: [Int] = []
        excerpts.reserveCapacity(raw.count)
        offsets.reserveCapacity(raw.count * 3)
        for (_, hit) in raw {
            let start = min(max(hit.start, 0), bytes.count)
            let end = min(max(hit.end, start), bytes.count)
            let line = index.lineRange(index.line(of: start), in: bytes)
            let excerpt = Excerpt.range(around: start..<end, in: line, bytes: bytes)
            excerpts.append(excerpt)
            offsets.append(start); offsets.append(end); offsets.append(excerpt.lowerBound)
        }
        let positions = Positions(bytes: bytes, offsets: offsets, index: index)
        var findings: [Finding] = []
        findings.reserveCapacity(raw.count)
        for (n, (r, hit)) in raw.enumerated() {
            let startOffset = min(max(hit.start, 0), bytes.count)
            let start = positions[startOffset]
            let end = positions[min(max(hit.end, startOffset), bytes.count)]
            let excerpt = excerpts[n]
            var finding = Finding(rule: rules[r].id, severity: rules[r].severity, path: source.path,
                                  line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
                                  message: hit.message, help: rules[r].rule.help,
                                  sourceLine: source.text(excerpt.lowerBound, excerpt.upperBound),
                                  flaggedText: normalizeWhitespace(bytes, hit.start, min(hit.end, hit.start + Excerpt.maxFlagged)))
            finding.fingerprintBasis = fingerprintText(bytes, hit: startOffset..<min(max(hit.end, startOffset), bytes.count),
                                                       excerpt: excerpt, index: index)
            finding.sourceLineColumn = positions[excerpt.lowerBound].column
            findings.append(finding)
        }
        findings.sort(by: Finding.reportOrder)
        assignFingerprints(&findings)
        return findings
    }

    /// Fingerprint = hash of rule, path, whitespace-normalised flagged text and
    /// the occurrence index among identical (rule, text) pairs in the file, so
    /// it survives the finding's line moving.
    static func assignFingerprints(_ findings: inout [Finding]) {
        var seen: [String: Int] = [:]
        for i in findings.indices {
            let basis = findings[i].fingerprintBasis.isEmpty ? findings[i].flaggedText : findings[i].fingerprintBasis
            let key = findings[i].rule + "\u{0}" + basis
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            findings[i].fingerprint = Fingerprint.make(rule: findings[i].rule, path: findings[i].path,
                                                       text: basis, occurrence: occurrence)
        }
    }

    /// What a fingerprint remembers of a finding: its whole source line(s),
    /// whitespace-normalised — so `w = SlotManager()` and `x = SlotManager()`
    /// differ even though the flagged token is the same — or, on a very long
    /// line, the quoted excerpt.
    static func fingerprintText(_ bytes: [UInt8], hit: Range<Int>, excerpt: Range<Int>, index: LineIndex) -> String {
        let firstLine = index.lineRange(index.line(of: hit.lowerBound), in: bytes)
        if firstLine != excerpt { return normalizeWhitespace(bytes, excerpt.lowerBound, excerpt.upperBound) }
        let lastLine = index.lineRange(index.line(of: max(hit.lowerBound, hit.upperBound - 1)), in: bytes)
        let end = min(max(lastLine.upperBound, hit.upperBound), firstLine.lowerBound + Excerpt.maxFlagged)
        return normalizeWhitespace(bytes, firstLine.lowerBound, end)
    }

    /// The bytes `[start, end)` with every run of whitespace folded to one space.
    static func normalizeWhitespace(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        var out: [UInt8] = []
        var pendingSpace = false
        var i = max(0, start)
        let e = min(end, bytes.count)
        while i < e {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

// MARK: - Fingerprint

/// 64-bit FNV-1a, printed as 16 hex digits: stable across runs and platforms.
public enum Fingerprint {
    public static func make(rule: String, path: String, text: String, occurrence: Int) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ s: String) {
            for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            h = (h ^ 0xFF) &* 0x0000_0100_0000_01B3
        }
        mix(rule); mix(path); mix(text); mix(String(occurrence))
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

// MARK: - Positions

/// Line and column of many offsets: the line from the file's line index, the
/// column from one forward walk per line that has offsets, so a long line
/// with many findings costs O(its bytes + findings), not their product.
struct Positions {
    private var table: [Int: (line: Int, column: Int)] = [:]

    /// The offsets' lines from the file's line index, and their columns
    /// from a walk that starts at the line's start: only the lines with
    /// findings are walked, not the whole file up to the last of them.
    init(bytes: [UInt8], offsets: [Int], index: LineIndex) {
        let sorted = Array(Set(offsets)).sorted()
        // A byte-order mark is not a character: columns on line 1 start after it.
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        var tracker = PositionTracker(start: bom ? 3 : 0)
        var trackerLine = 1
        bytes.withUnsafeBufferPointer { buf in
            for offset in sorted {
                let target = min(offset, buf.count)
                let line = index.line(of: target)
                if line != trackerLine {
                    tracker = PositionTracker(start: index.lineStarts[line - 1])
                    trackerLine = line
                }
                if target >= tracker.offset { tracker.advance(to: target, in: buf) }
                table[offset] = (line, offset < tracker.offset && offset < 3 ? 1 : tracker.column)
            }
        }
    }

    subscript(_ offset: Int) -> (line: Int, column: Int) { table[offset] ?? (1, 1) }
}

// MARK: - Excerpt

/// The part of a source line a finding quotes: the whole line, or on a very
/// long line (minified code) a window around the flagged text, so findings
/// never copy megabytes each.
enum Excerpt {
    static let maxLine = 400
    static let context = 120
    /// Flagged text beyond this many bytes is not part of the fingerprint.
    static let maxFlagged = 4096

    static func range(around hit: Range<Int>, in line: Range<Int>, bytes: [UInt8]) -> Range<Int> {
        var line = line
        // A byte-order mark is not text to quote.
        if line.lowerBound == 0 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            line = min(3, line.upperBound)..<line.upperBound
        }
        guard line.count > maxLine else { return line }
        var lo = max(line.lowerBound, hit.lowerBound - context)
        var hi = min(line.upperBound, max(hit.upperBound, hit.lowerBound) + context)
        hi = min(hi, max(lo, hit.lowerBound) + maxLine)
        if hi < hit.lowerBound { hi = min(line.upperBound, hit.lowerBound + 1) }
        // Snap to character boundaries.
        while lo > line.lowerBound && lo < bytes.count && bytes[lo] & 0xC0 == 0x80 { lo -= 1 }
        while hi < line.upperBound && hi < bytes.count && bytes[hi] & 0xC0 == 0x80 { hi += 1 }
        return lo..<hi
    }
}
