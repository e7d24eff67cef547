import Testing
@testable import GuardrailEngine
@testable import GuardrailRules

@Suite struct ConfigTests {
    @Test func parsesTheSpecExample() throws {
        let config = try Configuration.parse("""
        exclude: ["backend/alembic/versions/**", "**/legacy/**"]
        rules_dir: tools/guardrail-rules
        rules:
          slot-era-import:
            allow: ["backend/app/utils/time_helpers.py"]
          slot-era-symbol: off
          other:
            severity: warning
        bitmap:
          minutes_per_slot: 30
          aliases:
            BYTES_PER_DAY: [BITMAP_BYTES]
        suppressions:
          require_reason: true
        """, displayPath: ".guardrail.yml")
        #expect(config.exclude == ["backend/alembic/versions/**", "**/legacy/**"])
        #expect(config.rulesDir == "tools/guardrail-rules")
        #expect(config.rules["slot-era-import"]?.allow == ["backend/app/utils/time_helpers.py"])
        #expect(config.rules["slot-era-symbol"]?.off == true)
        #expect(config.rules["other"]?.severity == .warning)
        #expect(config.bitmap.minutesPerSlot == 30)
        #expect(config.bitmap.aliases["BYTES_PER_DAY"] == ["BITMAP_BYTES"])
        #expect(config.requireReason)
    }

    @Test func errorsNameFileLineAndColumn() {
        func message(_ text: String) -> String {
            do { _ = try Configuration.parse(text, displayPath: ".guardrail.yml"); return "no error" } catch {
                return "\(error)"
            }
        }
        #expect(message("exclude: []\nrulez: {}\n") .hasPrefix("error: .guardrail.yml:2:1: unknown key `rulez` in configuration"))
        #expect(message("rules:\n  slot-era-import:\n    severity: fatal\n") == "error: .guardrail.yml:3:15: `severity` must be `error` or `warning`, got `fatal`")
        #expect(message("exclude: 3\n") == "error: .guardrail.yml:1:10: `exclude` must be a list of strings")
        #expect(message("bitmap:\n  minutes_per_slot: 7\n") == "error: .guardrail.yml:2:21: `bitmap.minutes_per_slot` must divide 1440 (1, 5, 15, 30, 60, …), got 7")
        #expect(message("exclude: [\"[abc\"]\n").hasPrefix("error: .guardrail.yml:1:11: invalid glob `[abc`"))
        #expect(message("rules: [unclosed\n").hasPrefix("error: .guardrail.yml:"))
    }

    @Test func unknownRuleIDIsLocatedWithSuggestion() throws {
        let config = try Configuration.parse("rules:\n  slot-era-imports: off\n", displayPath: ".guardrail.yml")
        #expect(throws: GuardrailError.config(path: ".guardrail.yml", line: 2, column: 3,
                                              message: "unknown rule id `slot-era-imports` (did you mean `slot-era-import`?)")) {
            try config.validateRuleIDs(["slot-era-import", "slot-era-symbol"])
        }
    }
}
