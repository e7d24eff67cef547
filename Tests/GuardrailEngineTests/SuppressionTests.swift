import Testing
@testable import GuardrailEngine
@testable import GuardrailRules
@testable import GuardrailSyntax

@Suite struct SuppressionTests {
    let rules: [ActiveRule] = try! RuleSet.builtin().filter { $0.id.hasPrefix("slot-era") }.map { try ActiveRule(rule: $0) }
    let known: Set<String> = ["slot-era-import", "slot-era-symbol", "unused-suppression", "suppression-without-reason"]

    func run(_ text: String, _ path: String = "a.py", requireReason: Bool = false) -> [String] {
        let language = Language.forPath(path)!
        let policy = SuppressionPolicy(unused: .warning, withoutReason: requireReason ? .warning : nil, knownRules: known)
        return Analyzer.analyze(SourceFile(path: path, bytes: Array(text.utf8), language: language), rules: rules, policy: policy)
            .findings.map { "\($0.line):\($0.rule)" }
    }

    @Test func sameLineAndLineAbove() {
        #expect(run("slot_exists()  # guardrail: ignore[slot-era-symbol] -- legacy shim\n") == [])
        #expect(run("# guardrail: ignore[slot-era-symbol] -- legacy shim\nslot_exists()\n") == [])
        // Two lines above is too far: the finding stays and the suppression is unused.
        #expect(run("# guardrail: ignore[slot-era-symbol]\n\nslot_exists()\n") == ["1:unused-suppression", "3:slot-era-symbol"])
    }

    @Test func onlyTheListedRulesAreSilenced() {
        #expect(run("from m import AvailabilitySlot; slot_exists()  # guardrail: ignore[slot-era-import]\n") == ["1:slot-era-symbol"])
        #expect(run("from m import AvailabilitySlot; slot_exists()  # guardrail: ignore[slot-era-import, slot-era-symbol]\n") == [])
    }

    @Test func everyCommentForm() {
        #expect(run("slot_exists(); // guardrail: ignore[slot-era-symbol] -- why\n", "a.ts") == [])
        #expect(run("/* guardrail: ignore[slot-era-symbol] -- why */\nslot_exists();\n", "a.ts") == [])
        #expect(run("const x = (\n  <div>\n    {/* guardrail: ignore[slot-era-symbol] -- why */}\n    <SlotManager />\n  </div>\n);\n", "a.tsx") == [])
    }

    @Test func fileLevel() {
        #expect(run("# guardrail: ignore-file[slot-era-symbol] -- generated\nslot_exists()\nslot_exists()\n") == [])
        let late = String(repeating: "x = 1\n", count: 10) + "# guardrail: ignore-file[slot-era-symbol] -- too late\nslot_exists()\n"
        #expect(run(late) == ["11:unused-suppression", "12:slot-era-symbol"])
    }

    @Test func unusedUnknownBareAndReasons() {
        #expect(run("x = 1  # guardrail: ignore[slot-era-symbol] -- stale\n") == ["1:unused-suppression"])
        #expect(run("slot_exists()  # guardrail: ignore[slot-era-symbl]\n") == ["1:slot-era-symbol", "1:unused-suppression"])
        #expect(run("slot_exists()  # guardrail: ignore\n") == ["1:slot-era-symbol", "1:unused-suppression"])
        #expect(run("slot_exists()  # guardrail: ignore[slot-era-symbol]\n", requireReason: true) == ["1:suppression-without-reason"])
        #expect(run("slot_exists()  # guardrail: ignore[slot-era-symbol] --   \n", requireReason: true) == ["1:suppression-without-reason"])
        #expect(run("slot_exists()  # guardrail: ignore[slot-era-symbol] -- kept for the v1 API\n", requireReason: true) == [])
        // A rule that did not run on the file (here: a language it does not cover) is not "unused".
        let policy = SuppressionPolicy(unused: .warning, knownRules: known)
        let py = try! RuleSet.builtin().filter { $0.id == "slot-era-symbol" }.map { try ActiveRule(rule: $0) }
        let out = Analyzer.analyze(SourceFile(path: "a.py", bytes: Array("x = 1  # guardrail: ignore[slot-era-import]\n".utf8), language: .python),
                                   rules: py, policy: policy).findings
        #expect(out.isEmpty)
    }

    @Test func suppressionTextInAStringIsNotASuppression() {
        #expect(run("x = 'guardrail: ignore[slot-era-symbol]'; slot_exists()\n") == ["1:slot-era-symbol"])
    }
}
