import Foundation
import Testing
@testable import GuardrailEngine
@testable import GuardrailRules

/// `swift test` runs `guardrail test` over `Rules/`: every rule's fixtures,
/// with the comment / CRLF / emoji variants.
@Suite struct RuleFixturesTests {
    @Test func everyRuleFolderPassesItsFixtures() throws {
        let report = try FixtureRunner.run(rulesDirectory: packageRoot + "/Rules", display: "Rules")
        #expect(report.failures == [], "fixture mismatches:\n\(report.failures.joined(separator: "\n"))")
        #expect(report.rules >= 2)
        #expect(report.fixtures >= report.rules)
        #expect(report.expectations > 0)
        #expect(report.variants > 0)
    }

    @Test func everyRuleHasFixturesForBothSides() throws {
        let rules = try RuleSet.load(directory: packageRoot + "/Rules", display: "Rules")
        for rule in rules {
            let folder = packageRoot + "/Rules/\(rule.id)/fixtures"
            var expects = 0, oks = 0
            for file in FixtureRunner.fixtureFiles(in: folder) {
                let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
                expects += text.components(separatedBy: "expect: ").count - 1
                oks += text.components(separatedBy: "ok: \(rule.id)").count - 1
            }
            #expect(expects > 0, "\(rule.id) has no `expect:` fixture")
            #expect(oks > 0, "\(rule.id) has no `ok:` near-miss fixture")
        }
    }

    /// The runner itself must catch a wrong expectation, a missing one, an
    /// unknown id and a dangling `expect:` — and name file and line.
    @Test func runnerReportsMismatchesWithFileAndLine() throws {
        let dir = makeTempDir("rules")
        let ruleText = try String(contentsOfFile: packageRoot + "/Rules/slot-era-symbol/rule.yml", encoding: .utf8)
        write(ruleText, to: dir + "/slot-era-symbol/rule.yml")
        write("""
        # expect: slot-era-symbol
        x = 1
        y = get_week_slots()
        # expect: no-such-rule
        z = 2
        # expect: slot-era-symbol
        """, to: dir + "/slot-era-symbol/fixtures/bad.py")
        let report = try FixtureRunner.run(rulesDirectory: dir, display: "R")
        let joined = report.failures.joined(separator: "\n")
        #expect(joined.contains("R/slot-era-symbol/fixtures/bad.py:2: expected [slot-era-symbol] got []"))
        #expect(joined.contains("R/slot-era-symbol/fixtures/bad.py:3: expected [] got [slot-era-symbol]"))
        #expect(joined.contains("bad.py:5: `expect:` names unknown rule `no-such-rule`"))
        #expect(joined.contains("bad.py:6: `expect:` is followed by no line"))
    }

    @Test func annotationParsingAcceptsEveryCommentForm() {
        func parse(_ s: String) -> String? { Annotations.annotation(s).map { "\($0.0):\($0.1.joined(separator: "|"))" } }
        #expect(parse("    # expect: a, b") == "expect:a|b")
        #expect(parse("// expect: a") == "expect:a")
        #expect(parse("/* expect: a */") == "expect:a")
        #expect(parse("{/* ok: a */}") == "ok:a")
        #expect(parse("x = 1  # expect: a") == nil)
        #expect(parse("# expected: a") == nil)
    }
}
