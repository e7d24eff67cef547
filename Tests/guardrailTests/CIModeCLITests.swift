import Foundation
import Testing

/// The CI gate and the pre-commit hook end to end: the built binary in real
/// git repositories (`--diff`, `--staged`, baselines, the CI formats,
/// `--report`, `install-hook`).
@Suite struct CIModeCLITests {
    let cli = CLITests()

    // MARK: Helpers

    static let gitEnvironment: [String: String] = [
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
        "NO_COLOR": "1",
    ]

    /// Runs a program (git, a hook) in `cwd` with the sandbox environment.
    @discardableResult
    func sh(_ args: [String], in cwd: String, env: [String: String] = [:]) throws -> CLITests.Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var environment = ProcessInfo.processInfo.environment
        for (k, v) in Self.gitEnvironment.merging(env, uniquingKeysWith: { $1 }) { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLITests.Run(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    func git(_ args: String..., in repo: String) throws {
        let r = try sh(["git"] + args, in: repo)
        if r.code != 0 { throw GitFailed(message: "git \(args): \(r.err)") }
    }

    func repo() throws -> String {
        let dir = (cli.temp() as NSString).resolvingSymlinksInPath
        try git("init", "-q", "-b", "main", in: dir)
        cli.put("", dir + "/.guardrail.yml")
        return dir
    }

    func guardrail(_ args: [String], in cwd: String) throws -> CLITests.Run {
        try cli.run(args, cwd: cwd, env: Self.gitEnvironment)
    }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    // MARK: --diff

    @Test func diffOnABranchAddingOneViolationToAFileWithThreeReportsExactlyOne() throws {
        let dir = try repo()
        let three = "a = repo.get_week_slots()\nb = 1\nc = repo.slot_exists()\nd = repo.get_slots_by_date()\n"
        cli.put(three, dir + "/app/a.py")
        try git("add", "-A", in: dir)
        try git("commit", "-q", "-m", "base", in: dir)
        try git("checkout", "-q", "-b", "feature", in: dir)
        cli.put(three.replacingOccurrences(of: "b = 1\n", with: "b = 1\nnew = repo.count_available_slots()\n"), dir + "/app/a.py")
        try git("commit", "-q", "-am", "one more", in: dir)
        let full = try guardrail(["check", "--format", "json"], in: dir)
        #expect((try json(full.out)["findings"] as! [Any]).count == 4)
        let r = try guardrail(["check", "--diff", "main", "--format", "json"], in: dir)
        #expect(r.code == 1)
        let findings = try json(r.out)["findings"] as! [[String: Any]]
        #expect(findings.count == 1)
        #expect(findings.first?["line"] as? Int == 3)
        #expect(findings.first?["path"] as? String == "app/a.py")
        let bad = try guardrail(["check", "--diff", "nope"], in: dir)
        #expect(bad.code == 2)
        #expect(bad.err.hasPrefix("error: git: `nope` is not a commit"))
        #expect(bad.err.split(separator: "\n").count == 1)
        #expect(try guardrail(["check", "--diff", "main", "--staged"], in: dir).code == 2)
    }

    // MARK: --staged

    @Test func stagedJudgesWhatWillBeCommitted() throws {
        let dir = try repo()
        cli.put("x = 1\n", dir + "/a.py")
        try git("add", "-A", in: dir)
        try git("commit", "-q", "-m", "base", in: dir)
        cli.put("x = 1\nrepo.slot_exists()\n", dir + "/a.py")
        try git("add", "a.py", in: dir)
        cli.put("x = 1\n", dir + "/a.py")
        let staged = try guardrail(["check", "--staged"], in: dir)
        #expect(staged.code == 1)
        #expect(staged.out.contains("a.py:2:6: error[slot-era-symbol]"))
        #expect(try guardrail(["check"], in: dir).code == 0)
        // The other way round: clean in the index, dirty in the work tree.
        cli.put("x = 2\n", dir + "/a.py")
        try git("add", "a.py", in: dir)
        cli.put("x = 2\nrepo.slot_exists()\n", dir + "/a.py")
        #expect(try guardrail(["check", "--staged"], in: dir).code == 0)
        // Named paths restrict to those staged paths; a named path that is
        // not staged gives a clean run.
        #expect(try guardrail(["check", "--staged", "a.py"], in: dir).code == 0)
    }

    // MARK: Baselines

    @Test func baselinesThroughTheCLI() throws {
        let dir = cli.temp()
        cli.put("", dir + "/.guardrail.yml")
        cli.put("a = repo.slot_exists()\nb = repo.get_week_slots()\n", dir + "/a.py")
        let written = try guardrail(["check", "--write-baseline", "baseline.json"], in: dir)
        #expect(written.code == 0)
        #expect(written.err.contains("wrote 2 findings to the baseline baseline.json"))
        let text = try String(contentsOfFile: dir + "/baseline.json", encoding: .utf8)
        #expect(text.split(separator: "\n").filter { $0.contains("\"fingerprint\"") }.count == 2)

        cli.put((1...20).map { "# \($0)" }.joined(separator: "\n") + "\na = repo.slot_exists()\nb = 2\n", dir + "/a.py")
        let hidden = try guardrail(["check", "--baseline", "baseline.json"], in: dir)
        #expect(hidden.code == 0)
        #expect(hidden.out.contains("1 hidden by the baseline"))
        #expect(hidden.out.contains("1 baselined finding is gone (prune with --write-baseline)"))
        let j = try json(try guardrail(["check", "--baseline", "baseline.json", "--format", "json"], in: dir).out)
        let summary = j["summary"] as! [String: Any]
        #expect(summary["baselined"] as? Int == 1)
        #expect(summary["baselineGone"] as? Int == 1)

        let missing = try guardrail(["check", "--baseline", "missing.json"], in: dir)
        #expect(missing.code == 2)
        #expect(missing.err == "error: missing.json: baseline not found (create it with --write-baseline)\n")
        cli.put("{\"formatVersion\": 1}", dir + "/broken.json")
        let broken = try guardrail(["check", "--baseline", "broken.json"], in: dir)
        #expect(broken.code == 2)
        #expect(broken.err.hasPrefix("error: broken.json: not a valid guardrail baseline"))
    }

    // MARK: Formats

    @Test func sarifOfTheDemoTreeAndOfACleanRun() throws {
        let r = try cli.run(["check", "Examples/demo-monorepo", "--format", "sarif"], cwd: CLITests.packageRoot)
        #expect(r.code == 1)
        let log = try json(r.out)
        #expect(log["version"] as? String == "2.1.0")
        let run = (log["runs"] as! [[String: Any]])[0]
        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        let ids = rules.map { $0["id"] as! String }
        #expect(Set(ids).count == ids.count)
        let results = run["results"] as! [[String: Any]]
        #expect(!results.isEmpty)
        for result in results {
            #expect(ids[result["ruleIndex"] as! Int] == result["ruleId"] as! String)
            let artifact = ((result["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["artifactLocation"] as! [String: Any]
            #expect(["backend/", "frontend/", "native/"].contains { (artifact["uri"] as! String).hasPrefix($0) })
        }
        let clean = cli.temp()
        cli.put("", clean + "/.guardrail.yml")
        cli.put("x = 1\n", clean + "/a.py")
        let empty = try cli.run(["check", clean, "--format", "sarif"])
        #expect(empty.code == 0)
        let emptyRun = (try json(empty.out)["runs"] as! [[String: Any]])
        #expect(emptyRun.count == 1)
        #expect((emptyRun[0]["results"] as! [Any]).isEmpty)
    }

    @Test func severalReportsFromOneRun() throws {
        let out = cli.temp()
        // A longer file where the JSON report goes: replaced whole, no tail left.
        try String(repeating: "stale ", count: 200_000).write(toFile: out + "/g.json", atomically: false, encoding: .utf8)
        let r = try cli.run(["check", "Examples/demo-monorepo", "--format", "github",
                             "--report", "sarif=\(out)/g.sarif", "--report", "junit=\(out)/g.xml",
                             "--report", "json=\(out)/g.json", "--report", "text=\(out)/g.txt"],
                            cwd: CLITests.packageRoot, env: ["NO_COLOR": "1"])
        #expect(r.code == 1)
        #expect(r.out.hasPrefix("::error file=backend/"))
        #expect(r.out.contains("\nFound "))
        let sarif = try json(try String(contentsOfFile: out + "/g.sarif", encoding: .utf8))
        let jsonReport = try json(try String(contentsOfFile: out + "/g.json", encoding: .utf8))
        let results = (sarif["runs"] as! [[String: Any]])[0]["results"] as! [Any]
        #expect(results.count == (jsonReport["findings"] as! [Any]).count)
        let xml = try String(contentsOfFile: out + "/g.xml", encoding: .utf8)
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"))
        #expect(xml.components(separatedBy: "<failure ").count - 1 == results.count)
        #expect(!(try String(contentsOfFile: out + "/g.txt", encoding: .utf8)).contains("\u{1B}["))
        let bad = try cli.run(["check", "--report", "xml=x", "Examples/demo-monorepo"], cwd: CLITests.packageRoot)
        #expect(bad.code == 2)
        let unwritable = try cli.run(["check", "--report", "sarif=/nonexistent/dir/x.sarif", "Examples/demo-monorepo"],
                                     cwd: CLITests.packageRoot)
        #expect(unwritable.code == 2)
        #expect(unwritable.err.contains("/nonexistent/dir/x.sarif"))
    }

    // MARK: install-hook

    func hookRepo() throws -> String {
        let dir = try repo()
        cli.put("x = 1\n", dir + "/a.py")
        try git("add", "-A", in: dir)
        try git("commit", "-q", "-m", "base", in: dir)
        return dir
    }

    @Test func installedHookBlocksStagedViolationsOnly() throws {
        let dir = try hookRepo()
        let installed = try guardrail(["install-hook"], in: dir)
        #expect(installed.code == 0, "\(installed.err)")
        let hook = dir + "/.git/hooks/pre-commit"
        let script = try String(contentsOfFile: hook, encoding: .utf8)
        #expect(script.hasPrefix("#!/bin/sh\n"))
        #expect(script.contains("check --staged"))
        #expect(FileManager.default.isExecutableFile(atPath: hook))

        // A staged violation blocks the commit.
        cli.put("x = 1\nrepo.slot_exists()\n", dir + "/a.py")
        try git("add", "a.py", in: dir)
        let blocked = try sh(["git", "commit", "-q", "-m", "bad"], in: dir)
        #expect(blocked.code != 0)
        #expect((blocked.out + blocked.err).contains("a.py:2:6: error[slot-era-symbol]"))
        // The same violation only in the work tree does not.
        cli.put("x = 2\n", dir + "/a.py")
        try git("add", "a.py", in: dir)
        cli.put("x = 2\nrepo.slot_exists()\n", dir + "/a.py")
        let passed = try sh(["git", "commit", "-q", "-m", "good"], in: dir)
        #expect(passed.code == 0, "\(passed.out)\(passed.err)")
        // Reinstalling over its own hook is fine.
        #expect(try guardrail(["install-hook"], in: dir).code == 0)
    }

    @Test func refusesAForeignHookUnlessForced() throws {
        let dir = try hookRepo()
        cli.put("#!/bin/sh\necho mine\n", dir + "/.git/hooks/pre-commit")
        let refused = try guardrail(["install-hook"], in: dir)
        #expect(refused.code == 2)
        #expect(refused.err == "error: .git/hooks/pre-commit: a pre-commit hook that guardrail did not write is already there; pass --force to replace it\n")
        #expect(try String(contentsOfFile: dir + "/.git/hooks/pre-commit", encoding: .utf8) == "#!/bin/sh\necho mine\n")
        #expect(try guardrail(["install-hook", "--force"], in: dir).code == 0)
        #expect(try String(contentsOfFile: dir + "/.git/hooks/pre-commit", encoding: .utf8).contains("check --staged"))
    }

    @Test func honoursHooksPathAndWorktrees() throws {
        let dir = try hookRepo()
        try git("config", "core.hooksPath", ".githooks", in: dir)
        cli.put("", dir + "/sub/.keep")
        #expect(try guardrail(["install-hook"], in: dir + "/sub").code == 0)
        #expect(FileManager.default.isExecutableFile(atPath: dir + "/.githooks/pre-commit"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/.git/hooks/pre-commit"))
        try git("config", "--unset", "core.hooksPath", in: dir)

        let worktree = dir + "-wt"
        try git("worktree", "add", "-q", worktree, in: dir)
        #expect(try guardrail(["install-hook"], in: worktree).code == 0)
        #expect(FileManager.default.isExecutableFile(atPath: dir + "/.git/hooks/pre-commit"))
        // The hook works in the worktree.
        cli.put("from m import SlotManager\n", worktree + "/b.py")
        try git("add", "b.py", in: worktree)
        #expect(try sh(["git", "commit", "-q", "-m", "bad"], in: worktree).code != 0)

        let plain = cli.temp()
        let outside = try guardrail(["install-hook"], in: plain)
        #expect(outside.code == 2)
        #expect(outside.err.contains("needs a git work tree"))
    }
}

struct GitFailed: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
