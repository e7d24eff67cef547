import ArgumentParser
import GuardrailEngine
import GuardrailRules

// MARK: - explain

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Print a rule's page.")

    @Argument(help: "The rule id.")
    var ruleID: String

    func run() throws {
        let rules = try RuleSet.builtin()
        if let meta = MetaRuleInfo.all.first(where: { $0.id == ruleID }) {
            Output.stdout("# \(meta.id) (warning, reported by the engine)\n\n\(meta.summary)\n\n## Why is this bad?\n\(meta.why)\n")
            return
        }
        guard let rule = rules.first(where: { $0.id == ruleID }) else {
            throw GuardrailError.usage("unknown rule id `\(ruleID)` (see `guardrail rules`)")
        }
        var out = "# \(rule.id)\n\n"
        out += "Severity: \(rule.severity.rawValue) · Languages: \(rule.languages.map(\.rawValue).sorted().joined(separator: ", ")) · Check: \(rule.checkKind)\n\n"
        out += "## What it does\n\(rule.summary)\n\n"
        if !rule.why.isEmpty { out += "## Why is this bad?\n\(rule.why.trimmedTrailingNewlines)\n\n" }
        if !rule.example.isEmpty { out += "## Example\n\(indent(rule.example))\n\n" }
        if !rule.useInstead.isEmpty { out += "## Use instead\n\(indent(rule.useInstead))\n\n" }
        if !rule.help.isEmpty { out += "## How to fix\n\(rule.help)\n\n" }
        out += "## Options\nIn `.guardrail.yml`:\n    rules:\n      \(rule.id):\n        severity: warning      # or error\n        allow: [\"path/to/blessed/**\"]\n    # or `\(rule.id): off`\n"
        Output.stdout(out)
    }

    private func indent(_ s: String) -> String {
        s.trimmedTrailingNewlines.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}

extension String {
    var trimmedTrailingNewlines: String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
