import ArgumentParser
import Foundation
import GuardrailEngine
import GuardrailReporters
import GuardrailRules

// MARK: - check

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check files against the rules (the default command)."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github, junit
    }

    @Argument(help: "Files or directories to check (default: the project root found from the current directory).")
    var paths: [String] = []

    @Option(help: "Use this configuration file instead of the project's .guardrail.yml.")
    var config: String?

    @Option(help: "Output format: text, json, sarif, github or junit.")
    var format: Format = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Only these rule ids (comma-separated).")
    var select: String?

    @Option(help: "Skip these rule ids (comma-separated).")
    var ignore: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit code 1: error or warning.")
    var failOn: Severity = .error

    @Option(help: "Worker threads (default: one per core; at most 64).")
    var jobs: Int = 0

    @Flag(help: "Print per-run statistics on standard error.")
    var stats = false

    @Flag(help: "Exit 2 when a file could not be understood (binary, not UTF-8).")
    var strict = false

    @Flag(name: .customLong("no-exclude"), help: "Check files named on the command line even when the configuration excludes them.")
    var noExclude = false

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write the result cache (.guardrail_cache/).")
    var noCache = false

    @Option(name: .customLong("diff"), help: ArgumentHelp("Only findings on lines added or changed since the merge base of REV and HEAD (work tree and untracked files included).", valueName: "REV"))
    var diffBase: String?

    @Flag(help: "Check the staged (index) content of staged files, not the work tree (the pre-commit hook).")
    var staged = false

    @Option(help: ArgumentHelp("Hide the findings recorded in this baseline file.", valueName: "FILE"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record this run's findings in this baseline file (and hide them).", valueName: "FILE"))
    var writeBaseline: String?

    @Option(name: .customLong("report"), help: ArgumentHelp("Also write a report in FORMAT to FILE (repeatable), e.g. sarif=guardrail.sarif.", valueName: "FORMAT=FILE"))
    var reports: [ReportTarget] = []

    /// What was asked, as a plain value (the fast path builds the same).
    var request: CheckRequest {
        CheckRequest(paths: paths, config: config, format: format, output: output, select: select, ignore: ignore,
                     failOn: failOn, jobs: jobs, stats: stats, strict: strict, noExclude: noExclude, noCache: noCache,
                     diffBase: diffBase, staged: staged, baseline: baseline, writeBaseline: writeBaseline, reports: reports)
    }

    func validate() throws {
        if let problem = request.problem { throw ValidationError(problem) }
    }

    func run() throws {
        try request.run()
    }
}

// MARK: - CheckRequest

/// A `check` run's arguments, parsed.
struct CheckRequest: Equatable {
    var paths: [String] = []
    var config: String?
    var format: CheckCommand.Format = .text
    var output: String?
    var select: String?
    var ignore: String?
    var failOn: Severity = .error
    var jobs = 0
    var stats = false
    var strict = false
    var noExclude = false
    var noCache = false
    var diffBase: String?
    var staged = false
    var baseline: String?
    var writeBaseline: String?
    var reports: [ReportTarget] = []

    /// Why these arguments cannot run together, or nil.
    var problem: String? {
        if jobs < 0 { return "--jobs must be 0 or more" }
        if staged && diffBase != nil { return "--diff and --staged cannot be combined" }
        if writeBaseline != nil && (staged || diffBase != nil) {
            return "--write-baseline records a whole run; it cannot be combined with --diff or --staged"
        }
        return nil
    }

    func run() throws {
        var options = CheckOptions()
        options.paths = paths
        options.configPath = config
        options.select = select.map(splitIDs)
        options.ignore = ignore.map(splitIDs) ?? []
        options.jobs = jobs
        options.noExclude = noExclude
        options.diffBase = diffBase
        options.staged = staged
        options.baselinePath = baseline
        options.writeBaselinePath = writeBaseline
        if !noCache { options.cacheTool = "\(ToolInfo.version) \(CacheKey.executableStamp())" }
        // The report is rendered and written while the result cache is.
        try Engine.check(options) { result in
            let input = ReportInput(findings: result.findings, files: result.files, durationMs: result.durationMs,
                                    skipped: result.skipped, notes: result.notes,
                                    rules: result.rules.map(\.rule) + MetaRuleInfo.reportRules,
                                    baselineGone: result.baselineGone, baselined: result.baselined, root: result.root)
            let rendered = format.renderBytes(input, color: output == nil && Output.colorOnStdout)
            if let output {
                try CheckCommand.write(rendered, to: output)
            } else {
                Output.stdout(rendered)
            }
            for report in reports {
                try CheckCommand.write(report.format.renderBytes(input, color: false), to: report.path)
            }
            if let writeBaseline {
                Output.stderr("guardrail: wrote \(result.baselined) finding\(result.baselined == 1 ? "" : "s") to the baseline \(writeBaseline)")
            }
            if stats {
                Output.stderr("stats: \(result.files) files, \(result.analyzed) tokenized, \(result.cacheHits) from the cache (\(result.cacheUnread) unread), \(result.rules.count) rules, \(result.findings.count) findings, \(result.durationMs) ms")
                if result.frontEndFiles > 0 { Output.stderr(VersionText.frontEndStats(result)) }
                if let first = result.firstFrontEndError {
                    Output.stderr("stats: libclang: \(result.frontEndErrorFiles) file\(result.frontEndErrorFiles == 1 ? "" : "s") with errors (first: \(first))")
                }
            }
            if strict, let first = result.skipped.first {
                throw GuardrailError.unreadable(path: first.path, message: "could not be understood (\(first.reason)); --strict")
            }
            if result.findings.contains(where: { $0.severity >= failOn }) { throw ExitCode(1) }
        }
    }
}

extension CheckRequest {
    /// The arguments after `check`, read without ArgumentParser — whose
    /// reflection over the command tree costs a few milliseconds a run,
    /// most of a pre-commit check of a few files — or nil for anything but
    /// the plain forms: `--option value`, `--option=value`, flags, and
    /// paths, each option at most once (`--report` repeatable), no value
    /// that starts with `-` or is empty, no unknown word. ArgumentParser
    /// takes every other case, so errors, help and edge cases read as they
    /// always did; a test holds the two to the same answer.
    init?(fastArguments arguments: ArraySlice<String>) {
        self.init()
        var seen = Set<String>()
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let argument = arguments[i]
            i += 1
            guard argument.hasPrefix("-") else {
                guard !argument.isEmpty, argument != "help" else { return nil }
                paths.append(argument)
                continue
            }
            guard argument.hasPrefix("--") else { return nil }
            var name = String(argument.dropFirst(2))
            var inline: String?
            if let eq = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if name != "report" {
                guard seen.insert(name).inserted else { return nil }
            }
            switch name {
            case "stats", "strict", "no-exclude", "no-cache", "staged":
                guard inline == nil else { return nil }
                switch name {
                case "stats": stats = true
                case "strict": strict = true
                case "no-exclude": noExclude = true
                case "no-cache": noCache = true
                default: staged = true
                }
                continue
            default:
                break
            }
            let value: String
            if let inline {
                value = inline
            } else {
                guard i < arguments.endIndex else { return nil }
                value = arguments[i]
                i += 1
            }
            guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
            switch name {
            case "config": config = value
            case "format":
                guard let f = CheckCommand.Format(rawValue: value) else { return nil }
                format = f
            case "output": output = value
            case "select": select = value
            case "ignore": ignore = value
            case "fail-on":
                guard let s = Severity(rawValue: value) else { return nil }
                failOn = s
            case "jobs":
                guard let n = Int(value) else { return nil }
                jobs = n
            case "diff": diffBase = value
            case "baseline": baseline = value
            case "write-baseline": writeBaseline = value
            case "report":
                guard let r = ReportTarget(argument: value) else { return nil }
                reports.append(r)
            default:
                return nil
            }
        }
    }
}

func splitIDs(_ s: String) -> [String] {
    s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

extension Severity: ExpressibleByArgument {}
