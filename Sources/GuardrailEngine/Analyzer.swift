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

    public init(rule: Rule, severity: Severity? = nil, allow: [String] = []) throws {
        self.rule = rule
        self.severity = severity ?? rule.severity
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

    /// Whether the rule looks at this file at all.
    public func applies(to path: String, language: Language) -> Bool {
        guard rule.languages.contains(language) else { return false }
        if !include.isEmpty && !include.contains(where: { $0.matchesPathOrAncestor(path, isDirectory: false) }) { return false }
        if exclude.contains(where: { $0.matchesPathOrAncestor(path, isDirectory: false) }) { return false }
        if allow.contains(where: { $0.matchesPathOrAncestor(path, isDirectory: false) }) { return false }
        return true
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

    public init() {}
}

// MARK: - Analyzer

/// Runs rules over one file: language and path scope, the literal prefilter,
/// binary and UTF-8 checks, the checks themselves, then positions, snippets
/// and fingerprints. Pure: no I/O, no shared state.
public enum Analyzer {
    public static func analyze(_ source: SourceFile, rules: [ActiveRule],
                               policy: SuppressionPolicy = SuppressionPolicy()) -> FileOutcome {
        var outcome = FileOutcome()
        let applicable = rules.filter { $0.applies(to: source.path, language: source.language) }
        guard !applicable.isEmpty else { return outcome }
        var candidates: [ActiveRule] = []
        var binary = false
        var valid = true
        var mentionsGuardrail = false
        source.bytes.withUnsafeBufferPointer { buf in
            if ByteScan.hasNUL(buf) { binary = true; return }
            // A file with a suppression runs every applicable rule, so an
            // unused suppression is known to be unused.
            mentionsGuardrail = ByteScan.contains(buf, Suppressions.marker)
            for rule in applicable {
                let triggers = rule.rule.check.triggers
                if mentionsGuardrail || triggers.isEmpty || triggers.contains(where: { ByteScan.contains(buf, $0) }) {
                    candidates.append(rule)
                }
            }
            if !candidates.isEmpty && (source.language == .python || source.language == .typescript) {
                valid = ByteScan.isValidUTF8(buf)
            }
        }
        if binary { outcome.skipped = "binary (NUL bytes)"; return outcome }
        guard !candidates.isEmpty else { return outcome }
        guard valid else { outcome.skipped = "not valid UTF-8"; return outcome }
        outcome.analyzed = true

        let context = FileContext(source: source)
        var raw: [(rule: ActiveRule, hit: Hit)] = []
        var hits: [Hit] = []
        for rule in candidates {
            hits.removeAll(keepingCapacity: true)
            rule.rule.check.run(context, into: &hits)
            for hit in hits { raw.append((rule, hit)) }
        }
        guard !raw.isEmpty || mentionsGuardrail else { return outcome }
        let index = LineIndex(source.bytes)
        outcome.findings = makeFindings(raw, source: source, index: index)
        if mentionsGuardrail {
            let suppressions = Suppressions.parse(tokens: context.tokens, source: source, index: index)
            if !suppressions.isEmpty {
                outcome.findings = Suppressions.apply(outcome.findings, suppressions: suppressions,
                                                      ran: Set(candidates.map(\.id)), policy: policy,
                                                      source: source, index: index)
            }
        }
        return outcome
    }

    /// Hits → findings with positions, the quoted source line and fingerprints.
    static func makeFindings(_ raw: [(rule: ActiveRule, hit: Hit)], source: SourceFile, index: LineIndex) -> [Finding] {
        var findings: [Finding] = raw.map { rule, hit in
            let start = index.position(of: hit.start, in: source.bytes)
            let end = index.position(of: max(hit.start, hit.end), in: source.bytes)
            let lineRange = index.lineRange(start.line, in: source.bytes)
            return Finding(rule: rule.id, severity: rule.severity, path: source.path,
                           line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
                           message: hit.message, help: rule.rule.help,
                           sourceLine: source.text(lineRange.lowerBound, lineRange.upperBound),
                           flaggedText: normalizeWhitespace(source.bytes, hit.start, hit.end))
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
            let key = findings[i].rule + "\u{0}" + findings[i].flaggedText
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            findings[i].fingerprint = Fingerprint.make(rule: findings[i].rule, path: findings[i].path,
                                                       text: findings[i].flaggedText, occurrence: occurrence)
        }
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
