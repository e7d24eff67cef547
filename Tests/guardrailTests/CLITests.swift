import Foundation
import GuardrailTestSupport
import Testing

/// End-to-end: the built `guardrail` binary, its exit codes and its output.
@Suite struct CLITests {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The binary SwiftPM built beside this test bundle.
    static let binary: String = {
        var candidates: [String] = []
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("guardrail").path)
            dir.deleteLastPathComponent()
        }
        candidates.append(packageRoot + "/.build/debug/guardrail")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    struct Run { var code: Int32; var out: String; var err: String }

    static let cacheDirectory = testScratch + "/guardrail-test-cache"

    func run(_ args: [String], cwd: String? = nil, env: [String: String] = [:]) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = args
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var environment = ProcessInfo.processInfo.environment
        // Runs in this repository (the demo tree) keep their result cache
        // out of the work tree; ResultCacheTests set their own.
        environment["GUARDRAIL_CACHE_DIR"] = Self.cacheDirectory
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    func temp() -> String {
        let path = testScratch + "/cli-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func put(_ text: String, _ path: String) {
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func demoTreeReportsFindingsAndExitsOne() throws {
        let r = try run(["check", "Examples/demo-monorepo"], cwd: Self.packageRoot, env: ["NO_COLOR": "1"])
        #expect(r.code == 1)
        #expect(r.out.contains("backend/app/services/availability_service.py:4:1: error[slot-era-import]"))
        #expect(r.out.contains("frontend/src/components/WeekView.tsx:2:1: error[slot-era-import]"))
        #expect(!r.out.contains("backend/build/"), "a .gitignore'd folder was checked")
        #expect(!r.out.contains("\u{1B}["))
        #expect(r.out.contains("Found "))
    }

    @Test func jsonOutputParses() throws {
        let r = try run(["check", "Examples/demo-monorepo", "--format", "json"], cwd: Self.packageRoot)
        #expect(r.code == 1)
        let object = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let findings = object["findings"] as! [[String: Any]]
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { f in ["backend/", "frontend/", "native/"].contains { (f["path"] as! String).hasPrefix($0) } })
    }

    @Test func cleanTreeExitsZeroAndFailOnWarning() throws {
        let dir = temp()
        put("x = 1\n", dir + "/a.py")
        put("", dir + "/.guardrail.yml")
        #expect(try run(["check", dir]).code == 0)
        put("rules:\n  slot-era-symbol:\n    severity: warning\n", dir + "/.guardrail.yml")
        put("slot_exists()\n", dir + "/b.py")
        #expect(try run(["check", dir]).code == 0)
        #expect(try run(["check", dir, "--fail-on", "warning"]).code == 1)
    }

    @Test func configErrorsExitTwoWithLocation() throws {
        let dir = temp()
        put("rules:\n  slot-era-imprt: off\n", dir + "/.guardrail.yml")
        let r = try run(["check", dir])
        #expect(r.code == 2)
        #expect(r.err == "error: .guardrail.yml:2:3: unknown rule id `slot-era-imprt` (did you mean `slot-era-import`?)\n")
        put("exclude: [\n", dir + "/.guardrail.yml")
        let bad = try run(["check", dir])
        #expect(bad.code == 2)
        #expect(bad.err.hasPrefix("error: .guardrail.yml:"))
        #expect(bad.err.split(separator: "\n").count == 1)
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try run(["check", "--select", "nope", Self.packageRoot + "/Examples/demo-monorepo"]).code == 2)
        #expect(try run(["check", "--format", "xml"]).code == 2)
        let missing = try run(["check", "/nonexistent/path/x.py"])
        #expect(missing.code == 2)
        #expect(missing.err.contains("/nonexistent/path/x.py"))
        let explain = try run(["explain", "nope"])
        #expect(explain.code == 2)
        #expect(explain.err == "error: unknown rule id `nope` (see `guardrail rules`)\n")
    }

    @Test func excludedExplicitFilesAreCleanUnlessNoExclude() throws {
        let dir = temp()
        put("exclude: [\"legacy/**\"]\n", dir + "/.guardrail.yml")
        put("from m import AvailabilitySlot\n", dir + "/legacy/a.py")
        #expect(try run(["check", dir + "/legacy/a.py"]).code == 0)
        #expect(try run(["check", "--no-exclude", dir + "/legacy/a.py"]).code == 1)
    }

    @Test func strictTurnsUnderstoodFailuresIntoExitTwo() throws {
        let dir = temp()
        put("", dir + "/.guardrail.yml")
        try Data([0x00, 0x01] + Array("SlotManager".utf8)).write(to: URL(fileURLWithPath: dir + "/blob.py"))
        let lenient = try run(["check", dir], env: ["NO_COLOR": "1"])
        #expect(lenient.code == 0)
        #expect(lenient.out.contains("blob.py: skipped, binary"))
        let strict = try run(["check", "--strict", dir])
        #expect(strict.code == 2)
        #expect(strict.err.contains("blob.py"))
    }

    @Test func testRulesListAndExplain() throws {
        let t = try run(["test", "Rules"], cwd: Self.packageRoot)
        #expect(t.code == 0, "\(t.out)")
        #expect(t.out.contains("all passed"))
        let rules = try run(["rules", "--format", "json"])
        #expect(rules.code == 0)
        let object = try JSONSerialization.jsonObject(with: Data(rules.out.utf8)) as! [String: Any]
        let ids = (object["rules"] as! [[String: Any]]).map { $0["id"] as! String }
        #expect(ids.contains("slot-era-import") && ids.contains("unused-suppression"))
        let explain = try run(["explain", "slot-era-import"])
        #expect(explain.code == 0)
        #expect(explain.out.contains("## Why is this bad?"))
        #expect(explain.out.contains("## Example"))
        #expect(try run(["--version"]).out.hasPrefix("guardrail "))
    }
}
