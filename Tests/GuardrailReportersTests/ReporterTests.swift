import Foundation
import Testing
@testable import GuardrailReporters
@testable import GuardrailRules

let goldenDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    url.deleteLastPathComponent()
    return url.path + "/Golden"
}()

/// Compares with `Golden/<name>`; `GUARDRAIL_UPDATE_GOLDEN=1` rewrites it.
func assertGolden(_ actual: String, _ name: String) throws {
    let path = goldenDirectory + "/" + name
    if ProcessInfo.processInfo.environment["GUARDRAIL_UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(atPath: goldenDirectory, withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: URL(fileURLWithPath: path))
    }
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    #expect(actual == expected, "golden \(name) differs; GUARDRAIL_UPDATE_GOLDEN=1 to accept")
}

let sampleInput = ReportInput(findings: [
    Finding(rule: "slot-era-import", severity: .error, path: "backend/app/x.py", line: 3, column: 1, endLine: 3,
            endColumn: 40, message: "import of slot-era `AvailabilitySlot`", help: "use the bitmap API",
            fingerprint: "0123456789abcdef", sourceLine: "from app.models import AvailabilitySlot"),
    Finding(rule: "slot-era-symbol", severity: .warning, path: "front/é \"q\".ts", line: 12, column: 5, endLine: 12,
            endColumn: 16, message: "slot-era API `slot_exists`\twith tab", help: "",
            fingerprint: "fedcba9876543210", sourceLine: "\tx.slot_exists() // 😀"),
], files: 42, durationMs: 7, skipped: [(path: "bin.py", reason: "binary (NUL bytes)")], notes: [])

@Suite struct ReporterTests {
    @Test func jsonGoldenAndSchema() throws {
        let out = JSONReporter.render(sampleInput)
        try assertGolden(out, "sample.json")
        let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        #expect(object["formatVersion"] as? Int == 1)
        let tool = object["tool"] as! [String: Any]
        #expect(tool["name"] as? String == "guardrail")
        #expect(tool["version"] as? String == ToolInfo.version)
        let findings = object["findings"] as! [[String: Any]]
        #expect(findings.count == 2)
        let keys: Set<String> = ["rule", "severity", "path", "line", "column", "endLine", "endColumn", "message", "fingerprint"]
        for f in findings { #expect(keys.isSubset(of: Set(f.keys))) }
        #expect(findings[1]["path"] as? String == "front/é \"q\".ts")
        #expect(findings[1]["message"] as? String == "slot-era API `slot_exists`\twith tab")
        let summary = object["summary"] as! [String: Any]
        #expect(summary["files"] as? Int == 42)
        #expect(summary["findings"] as? Int == 2)
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["warnings"] as? Int == 1)
        #expect(summary["durationMs"] as? Int == 7)
    }

    @Test func emptyJSONIsValid() throws {
        let out = JSONReporter.render(ReportInput(findings: [], files: 0, durationMs: 0))
        let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        #expect((object["findings"] as! [Any]).isEmpty)
    }

    @Test func textGoldenWithoutColour() throws {
        let out = TextReporter.render(sampleInput, color: false)
        try assertGolden(out, "sample.txt")
        #expect(!out.contains("\u{1B}["))
        #expect(out.contains("backend/app/x.py:3:1: error[slot-era-import] import of slot-era `AvailabilitySlot`"))
        // The caret keeps the tab so it lines up under a tab-indented line.
        #expect(out.contains("| \t   ^^^^^^^^^^^"))
    }

    @Test func textColourOnlyWhenAsked() {
        #expect(TextReporter.render(sampleInput, color: true).contains("\u{1B}[1;31merror"))
    }
}
