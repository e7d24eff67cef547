import ArgumentParser
import GuardrailEngine
import GuardrailReporters
import GuardrailRules

// MARK: - rules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rules.")

    enum Format: String, ExpressibleByArgument { case text, json }

    @Option(help: "text or json.")
    var format: Format = .text

    func run() throws {
        let rules = try RuleSet.builtin()
        let meta = MetaRuleInfo.all
        switch format {
        case .text:
            var out = ""
            let width = (rules.map(\.id) + meta.map(\.id)).map(\.count).max() ?? 0
            for r in rules {
                let langs = r.languages.map(\.rawValue).sorted().joined(separator: ",")
                out += r.id.padding(width) + "  " + r.severity.rawValue.padding(7) + "  " + langs.padding(22) + "  " + r.summary + "\n"
            }
            for m in meta {
                out += m.id.padding(width) + "  " + "warning".padding(7) + "  " + "(engine)".padding(22) + "  " + m.summary + "\n"
            }
            Output.stdout(out)
        case .json:
            var items: [String] = []
            for r in rules {
                let langs = r.languages.map(\.rawValue).sorted().map(JSONReporter.quote).joined(separator: ", ")
                items.append("  {\"id\": \(JSONReporter.quote(r.id)), \"severity\": \(JSONReporter.quote(r.severity.rawValue)), \"languages\": [\(langs)], \"check\": \(JSONReporter.quote(r.checkKind)), \"summary\": \(JSONReporter.quote(r.summary))}")
            }
            for m in meta {
                items.append("  {\"id\": \(JSONReporter.quote(m.id)), \"severity\": \"warning\", \"languages\": [], \"check\": \"engine\", \"summary\": \(JSONReporter.quote(m.summary))}")
            }
            Output.stdout("{\"formatVersion\": 1, \"rules\": [\n" + items.joined(separator: ",\n") + "\n]}\n")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}

/// The engine's own findings, documented like rules.
enum MetaRuleInfo {
    struct Info { let id: String; let summary: String; let why: String }
    static let all = [
        Info(id: MetaRule.unusedSuppression, summary: "A `guardrail: ignore[…]` comment that suppressed nothing",
             why: "A suppression that no longer suppresses anything hides the next real finding on that line. Remove it."),
        Info(id: MetaRule.suppressionWithoutReason, summary: "A suppression without a `-- reason` where the configuration requires one",
             why: "`suppressions.require_reason: true` asks every suppression to say why, so reviewers can judge it. Add `-- why this is fine`."),
    ]
}
