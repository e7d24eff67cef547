import Foundation
import Testing
@testable import GuardrailRules

/// The binary embeds `Rules/*/rule.yml`; this fails when the generated file is
/// stale. `GUARDRAIL_UPDATE_GOLDEN=1 swift test --filter EmbeddedRulesTests`
/// regenerates it.
@Suite struct EmbeddedRulesTests {
    static let generatedPath = packageRoot + "/Sources/GuardrailRules/Generated/EmbeddedRules.swift"

    static func generate() throws -> String {
        let ids = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Rules")
            .filter { FileManager.default.fileExists(atPath: packageRoot + "/Rules/\($0)/rule.yml") }
            .sorted()
        var out = """
        // Generated from Rules/*/rule.yml — do not edit.
        // Regenerate: GUARDRAIL_UPDATE_GOLDEN=1 swift test --filter EmbeddedRulesTests

        /// The built-in rule pack: `Rules/<id>/rule.yml`, embedded so the binary works
        /// from any directory. A test fails when this file is stale.
        public enum EmbeddedRules {
            public static let files: [(id: String, yaml: String)] = [

        """
        for id in ids {
            let text = try String(contentsOfFile: packageRoot + "/Rules/\(id)/rule.yml", encoding: .utf8)
            precondition(!text.contains("\"\"\"#"), "rule.yml may not contain the raw-string delimiter")
            out += "        (\"\(id)\", #\"\"\"\n\(text)\n\"\"\"#),\n"
        }
        out += "    ]\n}\n"
        return out
    }

    @Test func embeddedRulesMatchRulesFolder() throws {
        let expected = try Self.generate()
        if ProcessInfo.processInfo.environment["GUARDRAIL_UPDATE_GOLDEN"] == "1" {
            try Data(expected.utf8).write(to: URL(fileURLWithPath: Self.generatedPath))
        }
        let actual = try String(contentsOfFile: Self.generatedPath, encoding: .utf8)
        #expect(actual == expected, "EmbeddedRules.swift is stale: run GUARDRAIL_UPDATE_GOLDEN=1 swift test --filter EmbeddedRulesTests")
        // And the compiled-in copy is the same text as the files on disk.
        for (id, yaml) in EmbeddedRules.files {
            let disk = try String(contentsOfFile: packageRoot + "/Rules/\(id)/rule.yml", encoding: .utf8)
            #expect(yaml == disk, "embedded \(id) differs from Rules/\(id)/rule.yml")
        }
    }
}
