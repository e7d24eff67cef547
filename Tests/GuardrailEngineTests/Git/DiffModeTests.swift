import Foundation
import Testing
@testable import GuardrailEngine
import GuardrailRules

/// `--diff REV` against real git repositories.
@Suite struct DiffModeTests {
    static let three = """
    from app import repo
    a = repo.get_week_slots()
    b = 1
    c = repo.slot_exists()
    d = 2
    e = repo.get_slots_by_date()

    """

    /// main: a file with three findings; branch `feature` forks from it.
    func forked() throws -> GitSandbox {
        let repo = try GitSandbox("diff")
        repo.write("", ".guardrail.yml")
        repo.write(Self.three, "app/a.py")
        repo.write("x = 1\n", "app/clean.py")
        try repo.commitAll("base")
        try repo.git("checkout", "-q", "-b", "feature")
        return repo
    }

    @Test func aBranchAddingOneViolationToAFileWithThreeReportsExactlyOne() throws {
        let repo = try forked()
        var lines = Self.three.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert("new = repo.count_available_slots()", at: 3)
        repo.write(lines.joined(separator: "\n"), "app/a.py")
        try repo.commitAll("one more")
        #expect(try repo.check().findings.count == 4)
        let result = try repo.check { $0.diffBase = "main" }
        #expect(brief(result.findings) == ["app/a.py:4:slot-era-symbol"])
        #expect(result.findings.first?.message.contains("count_available_slots") == true)
    }

    @Test func uncommittedAndUntrackedChangesCount() throws {
        let repo = try forked()
        repo.write(Self.three + "f = repo.slot_exists()\n", "app/a.py")   // modified, not committed
        repo.write("from m import SlotManager\n", "app/new.py")           // untracked
        repo.write("from m import SlotManager\n", "ignored/x.py")
        repo.write("ignored/\n", ".gitignore")
        let result = try repo.check { $0.diffBase = "main" }
        #expect(brief(result.findings) == ["app/a.py:7:slot-era-symbol", "app/new.py:1:slot-era-import"])
        // Against HEAD itself: only the work tree's changes.
        #expect(brief(try repo.check { $0.diffBase = "HEAD" }.findings) == brief(result.findings))
    }

    @Test func filesWithoutChangedLinesAreNotRead() throws {
        let repo = try forked()
        repo.write("x = 2\n", "app/clean.py")
        let result = try repo.check { $0.diffBase = "main" }
        #expect(result.findings.isEmpty)
        #expect(result.files == 1)
    }

    @Test func theMergeBaseNotTheTipOfREV() throws {
        let repo = try forked()
        try repo.git("checkout", "-q", "main")
        // After the fork, main drops a violating line and adds a new file:
        // neither is the branch's change.
        repo.write(Self.three.replacingOccurrences(of: "c = repo.slot_exists()\n", with: ""), "app/a.py")
        repo.write("from m import SlotManager\n", "app/mainonly.py")
        try repo.commitAll("main moves on")
        try repo.git("checkout", "-q", "feature")
        repo.write("y = 1\n", "app/clean.py")
        try repo.commitAll("feature change")
        #expect(try repo.check { $0.diffBase = "main" }.findings.isEmpty)
    }

    @Test func renamesAreFollowedAndDeletionsAreFine() throws {
        let repo = try forked()
        repo.write("from m import AvailabilitySlot\n", "app/doomed.py")
        try repo.git("checkout", "-q", "main")
        repo.write("from m import AvailabilitySlot\n", "app/doomed.py")
        try repo.commitAll("doomed")
        try repo.git("checkout", "-q", "-b", "feature2")
        try repo.git("mv", "app/a.py", "app/moved.py")
        repo.write(Self.three + "g = repo.slot_exists()\n", "app/moved.py")
        try repo.git("rm", "-q", "app/doomed.py")
        try repo.commitAll("rename, edit, delete")
        let result = try repo.check { $0.diffBase = "main" }
        #expect(brief(result.findings) == ["app/moved.py:7:slot-era-symbol"])
    }

    @Test func aFindingIsKeptWhenAnyOfItsLinesChanged() {
        let changes = ChangedLines(files: ["a.py": .ranges([3...3, 10...12])])
        #expect(changes.touches("a.py", lines: 1...3))
        #expect(changes.touches("a.py", lines: 3...3))
        #expect(changes.touches("a.py", lines: 12...20))
        #expect(!changes.touches("a.py", lines: 4...9))
        #expect(!changes.touches("a.py", lines: 13...13))
        #expect(!changes.touches("b.py", lines: 1...100))
        #expect(ChangedLines(files: ["b.py": .all]).touches("b.py", lines: 7...7))
    }

    @Test func aMultiLineImportTouchedInsideIsReported() throws {
        let repo = try forked()
        repo.write("from app.models import (\n    Other,\n)\n", "app/imp.py")
        try repo.commitAll("import")
        repo.write("from app.models import (\n    Other,\n    AvailabilitySlot,\n)\n", "app/imp.py")
        let result = try repo.check { $0.diffBase = "HEAD" }
        #expect(brief(result.findings) == ["app/imp.py:1:slot-era-import"])
    }

    @Test func aProjectRootBelowTheTopLevelAndAwkwardNames() throws {
        let repo = try GitSandbox("diffsub")
        repo.write("", "proj/.guardrail.yml")
        repo.write("x = 1\n", "proj/dir with space/é \"q\".py")
        repo.write("x = 1\n", "other/o.py")
        try repo.commitAll("base")
        repo.write("x = 1\nrepo.slot_exists()\n", "proj/dir with space/é \"q\".py")
        repo.write("repo.slot_exists()\n", "other/o.py")
        let result = try repo.check {
            $0.paths = ["proj"]
            $0.diffBase = "HEAD"
        }
        #expect(brief(result.findings) == ["dir with space/é \"q\".py:2:slot-era-symbol"])
    }

    @Test func namedPathsNarrowTheDiff() throws {
        let repo = try forked()
        repo.write(Self.three + "f = repo.slot_exists()\n", "app/a.py")
        repo.write("repo.slot_exists()\n", "lib/b.py")
        let result = try repo.check {
            $0.paths = ["lib"]
            $0.diffBase = "main"
        }
        #expect(brief(result.findings) == ["lib/b.py:1:slot-era-symbol"])
    }

    @Test func gitErrorsAreClear() throws {
        let repo = try forked()
        #expect(throws: GuardrailError.self) { try repo.check { $0.diffBase = "no-such-branch" } }
        do {
            _ = try repo.check { $0.diffBase = "no-such-branch" }
        } catch let error as GuardrailError {
            #expect(error.description.hasPrefix("error: git: `no-such-branch` is not a commit"))
        }
        let plain = engineTempDir("nogit")
        writeFile("", to: plain + "/.guardrail.yml")
        var options = CheckOptions()
        options.workingDirectory = plain
        options.diffBase = "main"
        do {
            _ = try Engine.check(options)
            Issue.record("expected an error outside a work tree")
        } catch let error as GuardrailError {
            #expect(error.description.contains("--diff needs a git work tree"))
        }
        options.staged = true
        #expect(throws: GuardrailError.usage("--diff and --staged cannot be combined")) { try Engine.check(options) }
    }
}

// MARK: - Patch parsing

@Suite struct ChangedLinesParserTests {
    @Test func hunksRenamesDeletionsBinaryAndQuotedPaths() {
        let patch = """
        diff --git a/m.py b/m.py
        index 1..2 100644
        --- a/m.py
        +++ b/m.py
        @@ -3,0 +4,2 @@ def f():
        +--- a/not-a-header
        ++++ b/not-a-header
        @@ -10 +12 @@
        -x
        +y
        @@ -20,3 +21,0 @@
        -a
        -b
        -c
        diff --git a/old.py b/new.py
        similarity index 90%
        rename from old.py
        rename to new.py
        index 3..4 100644
        --- a/old.py
        +++ b/new.py
        @@ -5,0 +6 @@
        +z
        diff --git a/pure.py b/pure2.py
        similarity index 100%
        rename from pure.py
        rename to pure2.py
        diff --git a/gone.py b/gone.py
        deleted file mode 100644
        index 5..0
        --- a/gone.py
        +++ /dev/null
        @@ -1 +0,0 @@
        -x
        diff --git a/blob.py b/blob.py
        new file mode 100644
        index 0..6
        Binary files /dev/null and b/blob.py differ
        diff --git "a/sp ace/\\303\\251.py" "b/sp ace/\\303\\251.py"
        index 7..8 100644
        --- "a/sp ace/\\303\\251.py"
        +++ "b/sp ace/\\303\\251.py"
        @@ -0,0 +1 @@
        +w
        \\ No newline at end of file

        """
        let parsed = ChangedLines.parse(Array(patch.utf8))
        #expect(parsed.files["m.py"] == .ranges([4...5, 12...12]))
        #expect(parsed.files["new.py"] == .ranges([6...6]))
        #expect(parsed.files["pure2.py"] == nil)
        #expect(parsed.files["gone.py"] == nil)
        #expect(parsed.files["blob.py"] == .all)
        #expect(parsed.files["sp ace/é.py"] == .ranges([1...1]))
        #expect(parsed.files["not-a-header"] == nil)
        #expect(parsed.removed == ["old.py", "pure.py", "gone.py"])
    }

    @Test func unquoting() {
        #expect(GitRepository.unquote(Array("\"a\\tb\\\"c\\\\d\\303\\251\"".utf8)[...]) == Array("a\tb\"c\\dé".utf8))
        #expect(GitRepository.unquote(Array("plain name".utf8)[...]) == Array("plain name".utf8))
    }
}
