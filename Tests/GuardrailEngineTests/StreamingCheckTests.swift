import Foundation
import Testing
@testable import GuardrailEngine
@testable import GuardrailRules
@testable import GuardrailSyntax

/// A run with several jobs analyzes files while the walk is still finding
/// them (`Engine.checkStreaming`); `--jobs 1` does one step after the other.
/// Both must give the same result, errors included.
@Suite struct StreamingCheckTests {
    /// Files of every kind a walk can hand over, or not: findings in
    /// Python and TS, a big file, a binary and a non-UTF-8 one, a file
    /// reached through a symlink as well, an ignored directory.
    func tree() -> String {
        let root = engineTempDir("stream")
        writeFile("", to: root + "/.guardrail.yml")
        // More files than one chunk of `NumberedResults` holds.
        for i in 0..<150 {
            writeFile("from m import AvailabilitySlot\nrepo.slot_exists(\(i))\n", to: root + "/p\(i % 9)/d\(i % 4)/f\(i).py")
            writeFile("import { SlotManager } from './x';\nconst n = \(i);\n", to: root + "/web/w\(i % 5)/c\(i).ts")
        }
        for i in 0..<900 { writeFile("x = \(i)\n", to: root + "/clean/c\(i % 30)/c\(i).py") }
        writeFile(String(repeating: "y = 1\n", count: 40_000) + "from m import AvailabilitySlot\n", to: root + "/zz/deep/er/big.py")
        try! Data([0x41, 0x00] + Array("AvailabilitySlot".utf8)).write(to: URL(fileURLWithPath: root + "/bin.py"))
        try! Data(Array("from m import AvailabilitySlot\n".utf8) + [0xFF]).write(to: URL(fileURLWithPath: root + "/latin.py"))
        writeFile("ignored/\n", to: root + "/.gitignore")
        writeFile("from m import AvailabilitySlot\n", to: root + "/ignored/e.py")
        _ = symlink(root + "/p0/d0/f0.py", root + "/p0/link.py")
        return root
    }

    struct Summary: Equatable {
        var findings: [Finding]
        var notes: [String]
        var skipped: [String]
        var files: Int
        var analyzed: Int
    }

    /// With `cached`, the result cache in the tree's own `.guardrail_cache`.
    func run(_ paths: [String], jobs: Int, cached: Bool = false) throws -> (Summary, CheckResult) {
        var options = CheckOptions()
        options.paths = paths
        options.jobs = jobs
        if cached { options.cacheTool = "streaming-test" }
        let r = try Engine.check(options)
        return (Summary(findings: r.findings, notes: r.notes, skipped: r.skipped.map { "\($0.path): \($0.reason)" },
                        files: r.files, analyzed: r.analyzed), r)
    }

    @Test(.timeLimit(.minutes(1)))
    func theSameResultWhetherTheWalkAndAnalysisOverlapOrNot() throws {
        let root = tree()
        let (one, _) = try run([root], jobs: 1)
        #expect(one.findings.count == 2 * 150 + 150 + 1)  // two per f*.py, one per c*.ts, big.py; link.py is f0.py
        #expect(one.skipped == ["bin.py: binary (NUL bytes)", "latin.py: not valid UTF-8"])
        #expect(one.files > 1_024)
        // `--jobs 100000` starts no more than `maxWorkers` threads.
        for jobs in [0, 2, 3, 8, 100_000] {
            let (many, _) = try run([root], jobs: jobs)
            #expect(many == one, "jobs \(jobs)")
        }
    }

    /// Named files are not handed over by the walk: they are analyzed after
    /// it, with the rest, and a file named twice (and found by the walk
    /// too) is reported once.
    @Test(.timeLimit(.minutes(1)))
    func namedFilesAndDirectoriesTogether() throws {
        let root = tree()
        let paths = [root + "/web", root + "/p1/d2/f10.py", root + "/p1", root + "/zz/deep/er/big.py"]
        let (one, _) = try run(paths, jobs: 1)
        let (many, _) = try run(paths, jobs: 4)
        #expect(many == one)
        #expect(one.findings.filter { $0.path == "p1/d2/f10.py" }.count == 2)
        #expect(one.findings.contains { $0.path == "zz/deep/er/big.py" })
    }

    /// Cold and warm cache runs give what an uncached run gives. (That the
    /// warm run reads nothing again once the stamps are old enough is the
    /// CLI's `ResultCacheTests`.)
    @Test(.timeLimit(.minutes(1)))
    func cachedRunsMatchUncachedOnes() throws {
        let root = tree()
        let (plain, _) = try run([root], jobs: 0)
        let (cold, coldResult) = try run([root], jobs: 0, cached: true)
        #expect(cold == plain)
        #expect(coldResult.cacheHits == 0)
        let (warm, warmResult) = try run([root], jobs: 0, cached: true)
        #expect(warm.findings == plain.findings)
        #expect(warm.skipped == plain.skipped)
        #expect(warm.files == plain.files)
        #expect(warmResult.cacheHits == plain.files)
    }

    /// The CLI renders and writes its report while the result cache is
    /// written: `check` returns, or rethrows what the report threw, only
    /// once the cache is complete.
    @Test(.timeLimit(.minutes(1)))
    func theCacheIsCompleteWhenCheckRethrowsWhatItsUserThrew() throws {
        struct Stop: Error {}
        let root = tree()
        var options = CheckOptions()
        options.paths = [root]
        options.cacheTool = "streaming-test"
        var files = 0
        // A slow disk: without the wait, `check` would be long gone.
        ResultCache.saveDelays.withLock { $0[root + "/.guardrail_cache"] = 300_000 }
        defer { _ = ResultCache.saveDelays.withLock { $0.removeValue(forKey: root + "/.guardrail_cache") } }
        #expect(throws: Stop.self) {
            try Engine.check(options) { result in
                files = result.files
                throw Stop()
            }
        }
        // At once: no other run has had a chance to write it.
        let written = try FileManager.default.contentsOfDirectory(atPath: root + "/.guardrail_cache")
        #expect(written.contains { $0.hasPrefix("results-") && $0.hasSuffix(".bin") }, "\(written)")
        let (_, warm) = try run([root], jobs: 0, cached: true)
        #expect(files > 1_024)
        #expect(warm.cacheHits == files)
    }

    /// A rule error wins over a discovery error, as when they run in turn;
    /// a discovery error stops the workers already started (no hang).
    @Test(.timeLimit(.minutes(1)))
    func errorsInTheSameOrderAsInTurn() throws {
        let root = tree()
        for jobs in [1, 0, 4] {
            var options = CheckOptions()
            options.paths = [root, root + "/missing"]
            options.jobs = jobs
            options.select = ["nope"]
            #expect(throws: GuardrailError.usage("unknown rule id `nope` (see `guardrail rules`)")) { try Engine.check(options) }
            options.select = nil
            #expect(throws: GuardrailError.io(path: root + "/missing", message: "no such file or directory")) {
                try Engine.check(options)
            }
        }
    }
}
