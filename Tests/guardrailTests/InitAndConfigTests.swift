import Foundation
import Testing

@Suite struct InitAndConfigTests {
    let cli = CLITests()

    @Test func initWritesAStarterThatLoadsAndRefusesToOverwrite() throws {
        let dir = cli.temp()
        let first = try cli.run(["init"], cwd: dir)
        #expect(first.code == 0)
        let text = try String(contentsOfFile: dir + "/.guardrail.yml", encoding: .utf8)
        #expect(text.contains("suppressions:"))
        cli.put("x = 1\n", dir + "/a.py")
        #expect(try cli.run(["check", dir]).code == 0)
        let again = try cli.run(["init"], cwd: dir)
        #expect(again.code == 2)
        #expect(again.err == "error: .guardrail.yml: already exists; edit it, or pass --force to replace it\n")
        #expect(try cli.run(["init", "--force"], cwd: dir).code == 0)
    }

    @Test func theInstaInstruExampleConfigIsValid() throws {
        let dir = cli.temp()
        let example = try String(contentsOfFile: CLITests.packageRoot + "/Examples/instainstru.guardrail.yml", encoding: .utf8)
        cli.put(example, dir + "/.guardrail.yml")
        cli.put("x = 1\n", dir + "/backend/app/a.py")
        let r = try cli.run(["check", dir])
        #expect(r.code == 0, "\(r.err)")
    }

    @Test func explicitConfigFlagErrorsNameThatFile() throws {
        let dir = cli.temp()
        cli.put("rules:\n  naive-today:\n    allow: \"not-a-list\"\n", dir + "/custom.yml")
        let r = try cli.run(["check", "--config", dir + "/custom.yml", dir])
        #expect(r.code == 2)
        #expect(r.err == "error: \(dir)/custom.yml:3:12: `allow` must be a list of strings\n")
    }
}
