import Testing
@testable import GuardrailEngine
@testable import GuardrailRules
@testable import GuardrailSyntax

/// `banned-call` drops a call before resolving names when its arguments rule
/// out every target it could be. That must never drop one a target reports.
@Suite struct BannedCallTests {
    static let rule = """
    id: calls
    severity: error
    languages: [python]
    summary: s
    why: w
    help: h
    check:
      kind: banned-call
      calls:
        - {callee: pkg.tools.run, missing: {argument: 2, keyword: check}, message: "run without check"}
        - {callee: pkg.tools.spawn, message: "spawn"}
    """

    func messages(_ code: String) throws -> [String] {
        let active = try ActiveRule(rule: RuleLoader.parse(Self.rule, path: "calls.yml"))
        let source = SourceFile(path: "a.py", bytes: Array(code.utf8), language: .python)
        return Analyzer.analyze(source, rules: [active]).findings.map { "\($0.line) \($0.message)" }
    }

    @Test func argumentsDecideBeforeNames() throws {
        let code = """
        import pkg.tools
        from pkg.tools import spawn as run
        pkg.tools.run(["a"])
        pkg.tools.run(["a"], True)
        pkg.tools.run(["a"], check=True)
        run(["a"], True)
        """
        // Line 4 and 5: their arguments rule `run` out. Line 6 has the same
        // arguments, but a lone name may be an alias of any target: it is
        // `spawn`, which has no condition.
        #expect(try messages(code) == ["3 run without check", "6 spawn"])
    }
}
