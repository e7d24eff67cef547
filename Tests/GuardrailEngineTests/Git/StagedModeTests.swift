import Foundation
import Testing
@testable import GuardrailEngine
import GuardrailRules

/// `--staged` against real git repositories: the index's content, never the
/// work tree's, and never a write to the index.
@Suite struct StagedModeTests {
    func repo() throws -> GitSandbox {
        let repo = try GitSandbox("staged")
        repo.write("exclude: [\"vendor/**\"]\n", ".guardrail.yml")
        repo.write("x = 1\n", "app/a.py")
        try repo.commitAll("base")
        return repo
    }

    @Test func theStagedContentIsJudgedNotTheWorkTree() throws {
        let repo = try repo()
        repo.write("x = 1\ny = repo.slot_exists()\n", "app/a.py")
        try repo.git("add", "app/a.py")
        repo.write("x = 1\n", "app/a.py")   // the working copy is clean again
        #expect(try repo.check().findings.isEmpty)
        let staged = try repo.check { $0.staged = true }
        #expect(brief(staged.findings) == ["app/a.py:2:slot-era-symbol"])
        #expect(staged.findings.first?.sourceLine == "y = repo.slot_exists()")
    }

    @Test func aViolationOnlyInTheWorkTreeDoesNotCount() throws {
        let repo = try repo()
        repo.write("x = 2\n", "app/a.py")
        try repo.git("add", "app/a.py")
        repo.write("x = 2\nrepo.slot_exists()\n", "app/a.py")  // unstaged
        repo.write("repo.slot_exists()\n", "app/untracked.py")   // never added
        let result = try repo.check { $0.staged = true }
        #expect(result.findings.isEmpty)
        #expect(result.files == 1)
    }

    @Test func onlyStagedFilesAndExcludeStillApplies() throws {
        let repo = try repo()
        repo.write("repo.slot_exists()\n", "app/committed.py")
        try repo.commitAll("an old violation, not staged now")
        repo.write("repo.slot_exists()\n", "vendor/v.py")
        repo.write("repo.slot_exists()\n", "app/b.py")
        repo.write("repo.slot_exists()\n", "lib/c.py")
        repo.write("not code\n", "README.md")
        try repo.git("add", "-A")
        #expect(brief(try repo.check { $0.staged = true }.findings) == ["app/b.py:1:slot-era-symbol", "lib/c.py:1:slot-era-symbol"])
        // Named paths narrow to those staged paths.
        #expect(brief(try repo.check { $0.staged = true; $0.paths = ["lib"] }.findings) == ["lib/c.py:1:slot-era-symbol"])
        #expect(brief(try repo.check { $0.staged = true; $0.paths = ["app/b.py"] }.findings) == ["app/b.py:1:slot-era-symbol"])
        #expect(brief(try repo.check { $0.staged = true; $0.noExclude = true }.findings).contains("vendor/v.py:1:slot-era-symbol"))
    }

    @Test func deletionsRenamesAndAFileGoneFromTheWorkTree() throws {
        let repo = try repo()
        repo.write("repo.slot_exists()\n", "app/old.py")
        try repo.commitAll("old")
        try repo.git("mv", "app/old.py", "app/renamed.py")
        try repo.git("rm", "-q", "app/a.py")
        repo.write("from m import SlotManager\n", "app/new.py")
        try repo.git("add", "app/new.py")
        try repo.remove("app/new.py")  // staged, then deleted from the work tree
        let result = try repo.check { $0.staged = true }
        #expect(brief(result.findings) == ["app/new.py:1:slot-era-import", "app/renamed.py:1:slot-era-symbol"])
    }

    @Test func beforeTheFirstCommit() throws {
        let repo = try GitSandbox("unborn")
        repo.write("", ".guardrail.yml")
        repo.write("from m import SlotManager\n", "a.py")
        try repo.git("add", "a.py")
        #expect(brief(try repo.check { $0.staged = true }.findings) == ["a.py:1:slot-era-import"])
    }

    @Test func theIndexIsNeverWritten() throws {
        let repo = try repo()
        repo.write("repo.slot_exists()\n", "app/a.py")
        try repo.git("add", "app/a.py")
        // Make the index stat-dirty: a refresh (as `git status` does) would rewrite it.
        Thread.sleep(forTimeInterval: 1.1)
        repo.write("repo.slot_exists()\n", "app/a.py")
        let index = repo.path + "/.git/index"
        let before = try FileManager.default.attributesOfItem(atPath: index)[.modificationDate] as? Date
        let bytes = try Data(contentsOf: URL(fileURLWithPath: index))
        _ = try repo.check { $0.staged = true }
        _ = try repo.check { $0.diffBase = "HEAD" }
        let after = try FileManager.default.attributesOfItem(atPath: index)[.modificationDate] as? Date
        #expect(before == after)
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == bytes)
        #expect(!FileManager.default.fileExists(atPath: repo.path + "/.git/index.lock"))
    }

    @Test func rawRecordsParse() {
        let z = "\u{0}"
        let raw = ":000000 100644 \(String(repeating: "0", count: 40)) \(String(repeating: "a", count: 40)) A\(z)n.py\(z)"
            + ":100644 100644 \(String(repeating: "b", count: 40)) \(String(repeating: "c", count: 40)) R090\(z)o.py\(z)r.py\(z)"
            + ":100644 000000 \(String(repeating: "d", count: 40)) \(String(repeating: "0", count: 40)) D\(z)d.py\(z)"
            + ":000000 120000 \(String(repeating: "0", count: 40)) \(String(repeating: "e", count: 40)) A\(z)link.py\(z)"
            + ":000000 160000 \(String(repeating: "0", count: 40)) \(String(repeating: "f", count: 40)) A\(z)sub\(z)"
        let parsed = StagedFiles.parseRaw(Array(raw.utf8))
        #expect(parsed.files.map(\.path) == ["n.py", "r.py"])
        #expect(parsed.files.map(\.blob) == [String(repeating: "a", count: 40), String(repeating: "c", count: 40)])
        #expect(parsed.removed == ["o.py", "d.py"])
    }
}
