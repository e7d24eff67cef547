import Foundation
import GuardrailRules
import Testing
@testable import GuardrailEngine

@Suite("File discovery")
struct FileDiscoveryTests {
    @Test("nested .gitignore files, anchoring and deeper-overrides-shallower")
    func nestedGitignore() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file(".gitignore", "generated/\n*.gen.ts\n/top_only.py\n")
        try t.file("top_only.py")
        try t.file("sub/top_only.py")
        try t.file("generated/x.py")
        try t.file("a.gen.ts")
        try t.file("src/main.py")
        try t.file("src/.gitignore", "local.py\n!keep.gen.ts\n/anchored.py\nmid/x.py\n")
        try t.file("src/local.py")
        try t.file("src/deep/local.py")
        try t.file("src/keep.gen.ts")
        try t.file("src/anchored.py")
        try t.file("src/deep/anchored.py")
        try t.file("src/mid/x.py")
        try t.file("src/deep/mid/x.py")
        try t.file("notes.md")
        try t.file("data.yml")
        let found = try t.discover().files.map(\.relativePath)
        #expect(found == [
            "data.yml", "src/deep/anchored.py", "src/deep/mid/x.py", "src/keep.gen.ts", "src/main.py",
            "sub/top_only.py",
        ])
    }

    /// Directories of a depth are listed on several threads: a wide, deep
    /// tree with ignore files at several depths, symlinks and notes gives
    /// the same files and notes on one thread and on eight, every time.
    @Test("the same result whatever the number of threads")
    func sameResultWhateverTheThreads() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file(".gitignore", "*.gen.py\nskip*/\n")
        for a in 0..<6 {
            try t.file("d\(a)/.gitignore", "x\(a).py\n!keep.gen.py\n")
            for b in 0..<5 {
                for c in 0..<4 {
                    try t.file("d\(a)/e\(b)/f\(c)/x\(a).py")
                    try t.file("d\(a)/e\(b)/f\(c)/y\(c).py")
                    try t.file("d\(a)/e\(b)/f\(c)/keep.gen.py")
                    try t.file("d\(a)/e\(b)/f\(c)/other.gen.py")
                }
                try t.file("d\(a)/skip\(b)/z.py")
                try t.symlink("d\(a)/e\(b)/link.py", to: "f0/y0.py")
                try t.symlink("d\(a)/e\(b)/broken.py", to: "nowhere.py")
            }
        }
        let one = try t.discover(jobs: 1)
        #expect(one.files.count == 6 * 5 * (4 * 2 + 0) + 0)
        #expect(one.notes.count == 30)
        for _ in 0..<5 {
            let eight = try t.discover(jobs: 8)
            #expect(eight.files == one.files)
            #expect(eight.notes == one.notes)
        }
    }

    @Test("negation and the no-re-include rule")
    func reinclude() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file(".gitignore", "build/\n!build/keep.py\nout/*\n!out/keep.py\n*.json\n!important.json\n")
        try t.file("build/keep.py")
        try t.file("out/keep.py")
        try t.file("out/other.py")
        try t.file("a/important.json")
        try t.file("a/other.json")
        let found = try t.discover().files.map(\.relativePath)
        #expect(found == ["a/important.json", "out/keep.py"])
    }

    @Test("directory-only patterns, ** forms, brackets and escapes in a walk")
    func patternsInWalk() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file(".gitignore", "cache/\n**/tmp/**\ndocs/**/draft.py\n[ab].py\n\\#hash.py\n\\!bang.py\nsp.py\\ \n")
        try t.file("cache/x.py")
        try t.file("lib/cache.py")   // a file named like the dir-only pattern
        try t.file("x/tmp/y.py")
        try t.file("docs/draft.py")
        try t.file("docs/a/b/draft.py")
        try t.file("docs/final.py")
        try t.file("a.py")
        try t.file("c.py")
        try t.file("#hash.py")
        try t.file("!bang.py")
        try t.file("sp.py ")
        try t.file("sp.py")
        let found = try t.discover().files.map(\.relativePath)
        #expect(found == ["c.py", "docs/final.py", "lib/cache.py", "sp.py"])
    }

    @Test(".git/info/exclude applies below every .gitignore; .git is never walked")
    func infoExclude() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file(".git/info/exclude", "*.json\nlocal/\n")
        try t.file(".git/hooks/hook.py")
        try t.file(".gitignore", "!keep.json\n")
        try t.file("keep.json")
        try t.file("data.json")
        try t.file("local/x.py")
        try t.file("main.py")
        #expect(try t.discover().files.map(\.relativePath) == ["keep.json", "main.py"])
    }

    @Test(".git as a gitdir file (worktree) still finds info/exclude")
    func gitdirFile() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file("repo/.git", "gitdir: ../store/worktrees/w\n")
        try t.file("store/worktrees/w/commondir", "../..\n")
        try t.file("store/info/exclude", "skip.py\n")
        try t.file("repo/skip.py")
        try t.file("repo/main.py")
        let discovery = try FileDiscovery(root: t.path("repo"), exclude: [])
        #expect(try discovery.discover(paths: []).files.map(\.relativePath) == ["main.py"])
    }

    @Test("never descends into .git, node_modules, .venv, venv, __pycache__, .guardrail_cache")
    func neverDescend() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        for dir in [".git", "node_modules", "a/node_modules", ".venv", "venv", "b/__pycache__", ".guardrail_cache"] {
            try t.file(dir + "/x.py")
        }
        try t.file("venvy/x.py")
        try t.file(".github/workflows/ci.yml")
        #expect(try t.discover().files.map(\.relativePath) == [".github/workflows/ci.yml", "venvy/x.py"])
        // Named explicitly, it is checked.
        let named = try t.discover([t.path("node_modules/x.py")]).files.map(\.relativePath)
        #expect(named == ["node_modules/x.py"])
    }

    /// A tree with nested ignore files, walked by discovery and listed by
    /// `git ls-files --others --exclude-standard`: the two must agree.
    @Test("a whole walk agrees with git ls-files")
    func walkAgreesWithGit() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        let (status, _) = try runDiscoveryGit(["init", "-q", "."], in: t.root)
        try #require(status == 0, "git init failed")
        try t.file(".git/info/exclude", "local_*.py\n")
        try t.file(".gitignore", "*.gen.py\n/build\ndocs/**/tmp/\n!important.gen.py\nvendor/*\n!vendor/keep/\n# c\n\\#x.py\n")
        try t.file("a/.gitignore", "!x.gen.py\n*.json\n!/keep.json\nb/deep/\n")
        try t.file("a/b/.gitignore", "!*.json\n/only_here.ts\n")
        let files = [
            "main.py", "x.gen.py", "important.gen.py", "build/out.py", "src/build/ok.py", "local_a.py", "src/local_b.py",
            "docs/tmp/t.py", "docs/a/b/tmp/t.py", "docs/a/tmp2/t.py", "vendor/lib.py", "vendor/keep/k.py",
            "vendor/drop/d.py", "#x.py", "a/x.gen.py", "a/y.gen.py", "a/data.json", "a/keep.json", "a/c/keep.json",
            "a/b/data.json", "a/b/only_here.ts", "a/b/c/only_here.ts", "a/b/deep/z.py", "a/deep/z.py", "a/b/c/deep/z.py",
        ]
        for file in files { try t.file(file, "") }
        let ours = try t.discover().files.map(\.relativePath)
        let (_, output) = try runDiscoveryGit(["ls-files", "-z", "--others", "--exclude-standard"], in: t.root)
        let theirs = output.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            .filter { !$0.hasSuffix(".gitignore") }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(ours == theirs)
        #expect(ours.count > 8)
    }

    @Test("config exclude on walked files")
    func excludeWalked() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file("legacy/x.py")
        try t.file("a/legacy/y.py")
        try t.file("backend/alembic/versions/001.py")
        try t.file("backend/alembic/env.py")
        try t.file("z.gen.py")
        try t.file("keep.gen.py")
        try t.file("src/ok.py")
        let exclude = ["legacy", "backend/alembic/versions/**", "*.gen.py", "!keep.gen.py"]
        #expect(try t.discover(exclude: exclude).files.map(\.relativePath) == [
            "backend/alembic/env.py", "keep.gen.py", "src/ok.py",
        ])
        // `**/legacy/**` reaches any depth too.
        #expect(try t.discover(exclude: ["**/legacy/**"]).files.map(\.relativePath).contains { $0.contains("legacy") } == false)
    }

    @Test("config exclude on explicit files, --no-exclude, gitignored and unknown explicit files")
    func excludeExplicit() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file(".gitignore", "ignored.py\n")
        let legacy = try t.file("legacy/x.py")
        let versions = try t.file("backend/alembic/versions/001.py")
        let ok = try t.file("src/a.py")
        let ignored = try t.file("src/ignored.py")
        let readme = try t.file("README.md")
        let exclude = ["legacy/", "backend/alembic/versions/**"]
        let named = [legacy, versions, ok, ignored, readme]

        let honoured = try t.discover(named, exclude: exclude)
        #expect(honoured.files.map(\.relativePath) == ["src/a.py", "src/ignored.py"])
        #expect(honoured.files.allSatisfy { $0.explicit })
        #expect(honoured.notes == ["skipped README.md: not a file type guardrail reads"])

        let all = try t.discover(named, exclude: exclude, honour: false)
        #expect(all.files.map(\.relativePath) == [
            "backend/alembic/versions/001.py", "legacy/x.py", "src/a.py", "src/ignored.py",
        ])

        // Every named file excluded: a clean, empty result.
        #expect(try t.discover([legacy, versions], exclude: exclude).files.isEmpty)

        // A named directory that is excluded is skipped with a note.
        let dir = try t.discover([t.path("legacy")], exclude: exclude)
        #expect(dir.files.isEmpty)
        #expect(dir.notes == ["skipped legacy: matches `exclude`"])
    }

    @Test("a named directory is walked with its parents' ignore files")
    func namedDirectory() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file(".gitignore", "*.gen.py\nbuild/\n")
        try t.file("a/.gitignore", "b/skip.py\n")
        try t.file("a/b/x.py")
        try t.file("a/b/skip.py")
        try t.file("a/b/y.gen.py")
        try t.file("build/out.py")
        #expect(try t.discover([t.path("a/b")]).files.map(\.relativePath) == ["a/b/x.py"])
        // An ignored directory named explicitly is walked (as ripgrep does).
        #expect(try t.discover([t.path("build")]).files.map(\.relativePath) == ["build/out.py"])
    }

    @Test("symlinks: loops harmless, directory links not followed, file links once")
    func symlinks() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file("real/x.py")
        try t.file("real.py")
        try t.symlink("dirlink", to: "real")
        try t.symlink("real/loop", to: "..")
        try t.symlink("self.py", to: "self.py")
        try t.symlink("broken.py", to: "nowhere.py")
        try t.symlink("link.py", to: "real.py")
        try t.symlink("only_link.py", to: "outside/o.py")
        try t.file("outside/o.py")
        try t.file(".gitignore", "outside/\n")
        try t.symlink("pointless.txt", to: "real.py")
        let result = try t.discover()
        #expect(result.files.map(\.relativePath) == ["only_link.py", "real.py", "real/x.py"])
        #expect(result.notes.count == 2)
        #expect(result.notes.contains { $0.hasPrefix("skipped broken.py: broken symbolic link") })
        #expect(result.notes.contains { $0.hasPrefix("skipped self.py: broken symbolic link") })
        // A named directory symlink is entered.
        let named = try t.discover([t.path("dirlink")]).files.map(\.relativePath)
        #expect(named == ["dirlink/x.py"])
        // Named together with its target: the target's name wins.
        let both = try t.discover([t.path("dirlink"), t.path("real")]).files.map(\.relativePath)
        #expect(both == ["real/x.py"])
    }

    @Test("each file once even when reached twice")
    func dedupe() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file("a/b.py")
        try t.file("a/c.py")
        try t.file(".gitignore", "c.py\n")
        let result = try t.discover([t.path("a"), t.path("a/b.py"), t.path("a/./b.py"), t.path("a/c.py"), t.path("a/c.py")])
        #expect(result.files == [
            DiscoveredFile(relativePath: "a/b.py", absolutePath: t.path("a/b.py"), explicit: true),
            DiscoveredFile(relativePath: "a/c.py", absolutePath: t.path("a/c.py"), explicit: true),
        ])
        let walkedTwice = try t.discover([t.path("a"), t.root])
        #expect(walkedTwice.files.map(\.relativePath) == ["a/b.py"])
        #expect(walkedTwice.files.allSatisfy { !$0.explicit })
    }

    @Test("a bad exclude glob is a configuration error")
    func badExclude() {
        #expect(throws: GuardrailError.config(path: ".guardrail.yml", line: 0, column: 0,
                                              message: "invalid `exclude` glob `[x`: unterminated `[` at offset 0")) {
            try FileDiscovery(root: "/", exclude: ["ok/**", "![x"])
        }
    }

    @Test("a path that does not exist is an I/O error")
    func missingPath() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        let missing = t.path("nope/x.py")
        #expect(throws: GuardrailError.io(path: missing, message: "no such file or directory")) {
            try t.discover([missing])
        }
    }

    /// Opening a FIFO blocks until a writer comes: an ignore file that is
    /// not a regular file is an error, at once, named; and a configuration
    /// error is still what a run reports, without waiting on the walk.
    @Test("an ignore file that is a FIFO is an error, not a hang")
    func fifoIgnoreFile() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file("a.py")
        try t.dir("sub")
        #expect(mkfifo(t.path("sub/.gitignore"), 0o644) == 0)
        for jobs in [1, 0] {
            #expect(throws: GuardrailError.io(path: "sub/.gitignore", message: "not a regular file")) {
                try t.discover(jobs: jobs)
            }
        }
        try t.file(".guardrail.yml", "rules_dir: nope\n")
        for jobs in [1, 0] {
            var options = CheckOptions()
            options.paths = [t.root]
            options.jobs = jobs
            #expect(throws: GuardrailError.config(path: ".guardrail.yml", line: 1, column: 12,
                                                  message: "`rules_dir` `nope` is not a directory")) {
                try Engine.check(options)
            }
        }
    }

    @Test("an unreadable directory is an I/O error", .enabled(if: getuid() != 0, "root reads everything"))
    func unreadableDirectory() throws {
        let t = try DiscoveryTestTree()
        defer {
            chmod(t.path("locked"), 0o755)
            t.remove()
        }
        try t.file("locked/x.py")
        chmod(t.path("locked"), 0)
        #expect(throws: GuardrailError.io(path: "locked", message: "permission denied")) {
            try t.discover()
        }
    }

    @Test("paths outside the root keep their absolute path; cwd-relative paths resolve")
    func outsideAndRelative() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file("proj/.guardrail.yml", "")
        try t.file("proj/in.py")
        try t.file("other/.gitignore", "skip.py\n")
        try t.file("other/o.py")
        try t.file("other/skip.py")
        let discovery = try FileDiscovery(root: t.path("proj"), exclude: ["o.py"])
        let result = try discovery.discover(paths: [t.path("proj"), t.path("other")])
        // `.guardrail.yml` is YAML like any other; `exclude` cannot reach outside the root.
        #expect(result.files.map(\.relativePath) == [".guardrail.yml", t.path("other/o.py"), "in.py"])

        // The same file named relative to the current directory.
        let cwd = FileManager.default.currentDirectoryPath
        let ups = cwd.split(separator: "/").map { _ in ".." }.joined(separator: "/")
        let relative = ups + t.path("proj/in.py")
        let named = try discovery.discover(paths: [relative])
        #expect(named.files == [DiscoveredFile(relativePath: "in.py", absolutePath: t.path("proj/in.py"), explicit: true)])
    }

    @Test("a directory above the root named too: in-root names win; deep trees are fine")
    func overlapAndDepth() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file("proj/.git/HEAD", "")
        try t.file("proj/a.py")
        try t.file("side.py")
        var deep = "proj"
        for i in 0..<200 { deep += "/d\(i % 10)" }
        try t.file(deep + "/leaf.ts")
        let discovery = try FileDiscovery(root: t.path("proj"), exclude: [])
        let result = try discovery.discover(paths: [t.path("proj"), t.root])
        // Absolute names sort first ("/" is below every letter).
        #expect(result.files.map(\.relativePath) == [t.path("side.py"), "a.py", String(deep.dropFirst(5)) + "/leaf.ts"])
    }

    @Test("walks 5,000 files quickly")
    func speed() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file(".gitignore", "*.log\nbuild/\n!keep.log\n[0-9]*.tmp.py\n")
        try t.file("pkg/.gitignore", "secret_*.py\n")
        for d in 0..<50 {
            for f in 0..<100 {
                let dir = d % 2 == 0 ? "pkg/m\(d)" : "src/m\(d)/sub"
                try t.file("\(dir)/f\(f).\(f % 3 == 0 ? "ts" : "py")", "")
            }
        }
        let start = ContinuousClock.now
        let result = try t.discover()
        let elapsed = ContinuousClock.now - start
        #expect(result.files.count == 5_000)
        print("discovery of 5,000 files: \(elapsed)")
        #expect(elapsed < .seconds(2))
    }
}
