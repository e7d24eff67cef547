import GuardrailSyntax

// MARK: - Check

/// An engine check kind (`banned-import`, `banned-symbol`, …). A rule is a
/// configuration of one check; the Swift behind a kind is one file in
/// `Checks/`. Checks see one file at a time and know nothing of paths,
/// threads or output.
public protocol Check: Sendable {
    /// Byte strings at least one of which must occur in a file for the check
    /// to possibly report anything there (the prefilter). Empty: always run.
    var triggers: [[UInt8]] { get }
    /// The triggers under a run's settings (a check whose trigger words come
    /// from the configuration, like the bitmap constants' aliases). Default:
    /// `triggers`.
    func triggers(in settings: RunSettings) -> [[UInt8]]
    /// Whether a trigger word that starts or ends with an identifier byte
    /// (`A-Z a-z 0-9 _ $`, non-ASCII) must do so at a word boundary to count:
    /// true for checks whose words are whole identifiers or numbers in any
    /// file they report (`now` in `known` or `fetch` in `refetch` then
    /// cannot make a file worth tokenizing). Default: false (substrings).
    var triggersAreTokens: Bool { get }
    /// Reports the check's hits in one file.
    func run(_ file: FileContext, into hits: inout [Hit])
}

extension Check {
    public func triggers(in settings: RunSettings) -> [[UInt8]] { triggers }
    public var triggersAreTokens: Bool { false }
}

// MARK: - Rule

/// One rule: identity, documentation, scope and the check it configures.
/// Loaded from `Rules/<id>/rule.yml` (built in) or a `rules_dir`.
public struct Rule: Sendable {
    public var id: String
    public var severity: Severity
    public var languages: Set<Language>
    /// One line: what the rule flags.
    public var summary: String
    /// Why it matters (the explain page's "Why is this bad?").
    public var why: String
    /// Imperative help line shown under each finding.
    public var help: String
    /// Path globs the rule is limited to (empty: everywhere) and those it skips.
    public var include: [String]
    public var exclude: [String]
    /// The check kind's name, e.g. `banned-import`.
    public var checkKind: String
    public var check: any Check
    /// Where the rule file came from (for error messages and `guardrail rules`).
    public var origin: String
    /// An example that triggers the rule and one that does not, for `explain`.
    public var example: String
    public var useInstead: String
    /// The rule file's text (empty for rules built in code): what the result
    /// cache's key remembers of the rule.
    public var definition = ""

    public init(id: String, severity: Severity, languages: Set<Language>, summary: String, why: String,
                help: String, include: [String], exclude: [String], checkKind: String, check: any Check,
                origin: String, example: String = "", useInstead: String = "") {
        self.id = id
        self.severity = severity
        self.languages = languages
        self.summary = summary
        self.why = why
        self.help = help
        self.include = include
        self.exclude = exclude
        self.checkKind = checkKind
        self.check = check
        self.origin = origin
        self.example = example
        self.useInstead = useInstead
    }
}

/// Rule ids that the engine itself reports (suppression bookkeeping).
public enum MetaRule {
    public static let unusedSuppression = "unused-suppression"
    public static let suppressionWithoutReason = "suppression-without-reason"
}
