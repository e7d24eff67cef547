import GuardrailRules

// MARK: - ReportInput

/// Everything a reporter may print, computed once by the engine. Reporters
/// are stateless functions of this value.
public struct ReportInput: Sendable {
    public var findings: [Finding]
    /// Files considered.
    public var files: Int
    public var durationMs: Int
    /// Files read but not understood, with why.
    public var skipped: [(path: String, reason: String)]
    public var notes: [String]
    /// The rules that ran (SARIF lists each once).
    public var rules: [Rule]
    /// Baselined findings that no longer occur (nil without `--baseline`).
    public var baselineGone: Int?
    /// Findings hidden by the baseline.
    public var baselined: Int
    /// The project root's absolute path (SARIF's `%SRCROOT%`), when known.
    public var root: String?

    public init(findings: [Finding], files: Int, durationMs: Int, skipped: [(path: String, reason: String)] = [],
                notes: [String] = [], rules: [Rule] = [], baselineGone: Int? = nil, baselined: Int = 0,
                root: String? = nil) {
        self.findings = findings
        self.files = files
        self.durationMs = durationMs
        self.skipped = skipped
        self.notes = notes
        self.rules = rules
        self.baselineGone = baselineGone
        self.baselined = baselined
        self.root = root
    }

    // Counted, not filtered: a filter copies every finding it keeps.
    public var errors: Int { findings.reduce(0) { $1.severity == .error ? $0 + 1 : $0 } }
    public var warnings: Int { findings.reduce(0) { $1.severity == .warning ? $0 + 1 : $0 } }
}

/// The tool's identity in reports.
public enum ToolInfo {
    public static let name = "guardrail"
    public static let version = "0.1.0"
    public static let informationURI = "https://github.com/guardrail-lint/guardrail"
}
