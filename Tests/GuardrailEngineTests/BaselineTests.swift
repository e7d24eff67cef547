import Foundation
import Testing
@testable import GuardrailEngine
import GuardrailRules

/// `--write-baseline` / `--baseline`: fingerprints that survive line moves.
@Suite struct BaselineTests {
    static let a = """
    from app.models import AvailabilitySlot
    x = 1
    y = repo.slot_exists()
    z = repo.slot_exists()

    """
    static let b = "import { SlotManager } from './m';\nconst w = get_week_slots();\n"

    func tree() -> String {
        let root = engineTempDir("baseline")
        writeFile("", to: root + "/.guardrail.yml")
        writeFile(Self.a, to: root + "/app/a.py")
        writeFile(Self.b, to: root + "/web/b.ts")
        return root
    }

    func run(_ root: String, _ configure: (inout CheckOptions) -> Void) throws -> CheckResult {
        var options = CheckOptions()
        options.workingDirectory = root
        configure(&options)
        return try Engine.check(options)
    }

    /// Twenty unrelated lines above every line of the file.
    func padded(_ text: String, comment: String) -> String {
        let pad = (1...20).map { "\(comment) padding \($0)" }.joined(separator: "\n") + "\n"
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }

    @Test func twentyLinesAboveEveryFindingStillHidesAllAndAFixReportsOneGone() throws {
        let root = tree()
        let before = try run(root) { _ in }
        #expect(before.findings.count == 5)
        let written = try run(root) { $0.writeBaselinePath = "guardrail-baseline.json" }
        #expect(written.findings.isEmpty)
        #expect(written.baselined == 5)

        writeFile(padded(Self.a, comment: "#"), to: root + "/app/a.py")
        writeFile(padded(Self.b, comment: "//"), to: root + "/web/b.ts")
        let moved = try run(root) { _ in }
        #expect(moved.findings.count == 5)
        #expect(Set(moved.findings.map(\.line)).isDisjoint(with: Set(before.findings.map(\.line))))
        let hidden = try run(root) { $0.baselinePath = "guardrail-baseline.json" }
        #expect(hidden.findings.isEmpty)
        #expect(hidden.baselined == 5)
        #expect(hidden.baselineGone == 0)

        // Fix one; add an unrelated line elsewhere; add one new violation.
        writeFile(padded(Self.a, comment: "#").replacingOccurrences(of: "y = repo.slot_exists()", with: "y = 2"),
                  to: root + "/app/a.py")
        writeFile(padded(Self.b, comment: "//") + "const n = 1;\n", to: root + "/web/b.ts")
        writeFile("repo.count_available_slots()\n", to: root + "/app/new.py")
        let fixed = try run(root) { $0.baselinePath = "guardrail-baseline.json" }
        #expect(brief(fixed.findings) == ["app/new.py:1:slot-era-symbol"])
        #expect(fixed.baselined == 4)
        #expect(fixed.baselineGone == 1)
    }

    @Test func theFileIsStableSortedAndOneFindingPerLine() throws {
        let root = tree()
        _ = try run(root) { $0.writeBaselinePath = "b1.json" }
        _ = try run(root) { $0.writeBaselinePath = "b2.json"; $0.jobs = 1 }
        let one = try String(contentsOfFile: root + "/b1.json", encoding: .utf8)
        #expect(one == (try String(contentsOfFile: root + "/b2.json", encoding: .utf8)))
        let lines = one.split(separator: "\n")
        #expect(lines.first == "{\"formatVersion\": 1,")
        let entries = lines.filter { $0.hasPrefix("  {\"fingerprint\": ") }
        #expect(entries.count == 5)
        #expect(!one.contains("\"line\""), "line numbers would churn the file on every edit")
        let paths = entries.map { $0.components(separatedBy: "\"path\": \"")[1].prefix(while: { $0 != "\"" }) }
        #expect(paths == paths.sorted())
        let object = try JSONSerialization.jsonObject(with: Data(one.utf8)) as! [String: Any]
        #expect((object["findings"] as! [[String: Any]]).allSatisfy { $0["rule"] is String && $0["message"] is String })
        #expect(try Baseline.load(path: root + "/b1.json", display: "b1.json").render() == one)
    }

    @Test func goneCountsOnlyWhatThisRunCouldSee() throws {
        let root = tree()
        _ = try run(root) { $0.writeBaselinePath = "base.json" }
        // Only web/ is checked: a.py's entries are not "gone".
        let narrowed = try run(root) { $0.baselinePath = "base.json"; $0.paths = [root + "/web"] }
        #expect(narrowed.baselineGone == 0)
        #expect(narrowed.baselined == 2)
        // Only one rule runs: the others' entries are not "gone".
        let selected = try run(root) { $0.baselinePath = "base.json"; $0.select = ["slot-era-import"] }
        #expect(selected.baselineGone == 0)
        #expect(selected.baselined == 2)
        // A deleted file's entries are gone.
        try FileManager.default.removeItem(atPath: root + "/web/b.ts")
        #expect(try run(root) { $0.baselinePath = "base.json" }.baselineGone == 2)
    }

    @Test func aMissingOrInvalidBaselineIsAnErrorNamingIt() throws {
        let root = tree()
        #expect(throws: GuardrailError.io(path: "nope.json", message: "baseline not found (create it with --write-baseline)")) {
            try run(root) { $0.baselinePath = "nope.json" }
        }
        for bad in ["not json", "[]", "{\"formatVersion\": 1}", "{\"formatVersion\": 2, \"findings\": []}",
                    "{\"formatVersion\": 1, \"findings\": [{\"rule\": \"x\"}]}"] {
            writeFile(bad, to: root + "/bad.json")
            do {
                _ = try run(root) { $0.baselinePath = "bad.json" }
                Issue.record("accepted \(bad)")
            } catch let error as GuardrailError {
                #expect(error.description.hasPrefix("error: bad.json: not a valid guardrail baseline"))
            }
        }
    }
}

func brief(_ findings: [Finding]) -> [String] {
    findings.map { "\($0.path):\($0.line):\($0.rule)" }
}
