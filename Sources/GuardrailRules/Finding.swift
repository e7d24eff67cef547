import GuardrailSyntax

// MARK: - Severity

/// How serious a finding is. `--fail-on` compares against it.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case warning
    case error

    private var rank: Int { self == .error ? 2 : 1 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

// MARK: - Finding

/// One reported problem, complete: everything a reporter needs, so reporters
/// never re-read files.
public struct Finding: Sendable, Equatable {
    public var rule: String
    public var severity: Severity
    /// Root-relative path with `/`.
    public var path: String
    /// 1-based line and column (code points); `endColumn` is exclusive.
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int
    /// One line, code in backticks, no trailing period.
    public var message: String
    /// An imperative help line, or empty.
    public var help: String
    /// Stable identity across line moves: see `Fingerprint`.
    public var fingerprint: String
    /// The source line of `line`, without its terminator — or, on a very long
    /// line, the part of it around the flagged text.
    public var sourceLine: String
    /// The column at which `sourceLine` starts (1 unless it is an excerpt).
    public var sourceLineColumn: Int = 1
    /// The flagged text, whitespace-normalised.
    public var flaggedText: String
    /// The flagged line(s), whitespace-normalised: what the fingerprint
    /// remembers, so `w = SlotManager()` and `x = SlotManager()` differ.
    public var fingerprintBasis: String = ""

    public init(rule: String, severity: Severity, path: String, line: Int, column: Int, endLine: Int,
                endColumn: Int, message: String, help: String, fingerprint: String = "",
                sourceLine: String = "", flaggedText: String = "") {
        self.rule = rule
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.message = message
        self.help = help
        self.fingerprint = fingerprint
        self.sourceLine = sourceLine
        self.flaggedText = flaggedText
    }

    /// The deterministic report order: path, line, column, rule, then message.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
        if a.line != b.line { return a.line < b.line }
        if a.column != b.column { return a.column < b.column }
        if a.rule != b.rule { return a.rule < b.rule }
        if a.endLine != b.endLine { return a.endLine < b.endLine }
        if a.endColumn != b.endColumn { return a.endColumn < b.endColumn }
        return a.message < b.message
    }
}

/// What a check reports: a byte range in the file and a message. The engine
/// turns it into a `Finding` (positions, snippet, fingerprint, severity).
public struct Hit: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var message: String

    public init(start: Int, end: Int, message: String) {
        self.start = start
        self.end = end
        self.message = message
    }
}
