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
        case text, json
    }

    @Argument(help: "Files or directories to check (default: the project root found from the current directory).")
    var paths: [String] = []

    @Option(help: "Use this configuration file instead of the project's .guardrail.yml.")
    var config: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Only these rule ids (comma-separated).")
    var select: String?

    @Option(help: "Skip these rule ids (comma-separated).")
    var ignore: String?

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit code 1: error or warning.")
    var failOn: Severity = .error

    @Option(help: "Worker threads (default: one per core).")
    var jobs: Int = 0

    @Flag(help: "Print per-run statistics on standard error.")
    var stats = false

    @Flag(help: "Exit 2 when a file could not be understood (binary, not UTF-8).")
    var strict = false

    @Flag(name: .customLong("no-exclude"), help: "Check files named on the command line even when the configuration excludes them.")
    var noExclude = false

    func validate() throws {
        if jobs < 0 { throw ValidationError("--jobs must be 0 or more") }
    }

    func run() throws {
        var options = CheckOptions()
        options.paths = paths
        options.configPath = config
        options.select = select.map(splitIDs)
        options.ignore = ignore.map(splitIDs) ?? []
        options.jobs = jobs
        options.noExclude = noExclude
        let result = try Engine.check(options)
        let input = ReportInput(findings: result.findings, files: result.files, durationMs: result.durationMs,
                                skipped: result.skipped, notes: result.notes, rules: result.rules.map(\.rule))
        let rendered: String
        switch format {
        case .text: rendered = TextReporter.render(input, color: output == nil && Output.colorOnStdout)
        case .json: rendered = JSONReporter.render(input)
        }
        if let output {
            do { try Data(rendered.utf8).write(to: URL(fileURLWithPath: output)) } catch {
                throw GuardrailError.io(path: output, message: "cannot write report")
            }
        } else {
            Output.stdout(rendered)
        }
        if stats {
            Output.stderr("stats: \(result.files) files, \(result.analyzed) tokenized, \(result.rules.count) rules, \(result.findings.count) findings, \(result.durationMs) ms")
        }
        if strict, let first = result.skipped.first {
            throw GuardrailError.unreadable(path: first.path, message: "could not be understood (\(first.reason)); --strict")
        }
        if result.findings.contains(where: { $0.severity >= failOn }) { throw ExitCode(1) }
    }
}

func splitIDs(_ s: String) -> [String] {
    s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

extension Severity: ExpressibleByArgument {}
