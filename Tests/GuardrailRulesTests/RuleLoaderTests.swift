import Testing
@testable import GuardrailRules

@Suite struct RuleLoaderTests {
    let valid = """
    id: demo-rule
    severity: warning
    languages: [python]
    summary: demo
    check:
      kind: banned-symbol
      names: [foo]
    """

    @Test func parsesAValidRule() throws {
        let rule = try RuleLoader.parse(valid, path: "r.yml")
        #expect(rule.id == "demo-rule")
        #expect(rule.severity == .warning)
        #expect(rule.languages == [.python])
        #expect(rule.checkKind == "banned-symbol")
    }

    @Test func unknownKeyIsLocated() {
        let text = valid + "\nseverty: error\n"
        #expect(throws: GuardrailError.config(path: "r.yml", line: 8, column: 1,
                                              message: "unknown key `severty` in rule file (expected one of `check`, `example`, `exclude`, `help`, `id`, `include`, `languages`, `severity`, `summary`, `use_instead`, `why`)")) {
            try RuleLoader.parse(text, path: "r.yml")
        }
    }

    @Test func badSeverityAndKindAreLocated() {
        do {
            _ = try RuleLoader.parse(valid.replacingOccurrences(of: "severity: warning", with: "severity: fatal"), path: "r.yml")
            Issue.record("expected an error")
        } catch let error as GuardrailError {
            #expect(error.description == "error: r.yml:2:11: `severity` must be `error` or `warning`, got `fatal`")
        } catch { Issue.record("\(error)") }
        do {
            _ = try RuleLoader.parse(valid.replacingOccurrences(of: "banned-symbol", with: "no-such-check"), path: "r.yml")
            Issue.record("expected an error")
        } catch let error as GuardrailError {
            #expect(error.description.hasPrefix("error: r.yml:6:9: unknown check kind `no-such-check`"))
        } catch { Issue.record("\(error)") }
    }

    @Test func invalidYAMLIsLocated() {
        do {
            _ = try RuleLoader.parse("id: [unclosed\n", path: "r.yml")
            Issue.record("expected an error")
        } catch let error as GuardrailError {
            guard case .config(let path, let line, _, _) = error else { Issue.record("\(error)"); return }
            #expect(path == "r.yml")
            #expect(line >= 1)
        } catch { Issue.record("\(error)") }
    }
}
