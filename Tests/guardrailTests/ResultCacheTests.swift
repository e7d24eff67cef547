import Foundation
import Synchronization
import Testing

/// The result cache through the binary: a warm run reports exactly what a
/// cold one did, a change to a file or to the configuration is never served
/// stale, a damaged cache is ignored, and runs sharing it do not break it.
@Suite struct ResultCacheTests {
    let cli = CLITests()

    /// A cold run stamps every file it reads (from the open file, not a
    /// second look-up of its path), so the next run reads none of the files
    /// that were old enough when it ran.
    @Test(arguments: ["1", "0"])
    func aColdRunStampsTheFilesItReads(jobs: String) throws {
        let root = project()
        let env = ["GUARDRAIL_CACHE_DIR": root + "/.guardrail_cache"]
        Thread.sleep(forTimeInterval: 1.2)
        let cold = try cli.run(["check", root, "--format", "json", "--stats", "--jobs", jobs], env: env)
        #expect(hits(cold) == 0)
        let warm = try cli.run(["check", root, "--format", "json", "--stats", "--jobs", jobs], env: env)
        #expect(hits(warm) == 5)
        #expect(unread(warm) == 5)
        #expect(json(warm) == json(cold))
    }

    /// A project with findings in several files, a suppression, a clean file
    /// and a cross-file geometry disagreement.
    func project() -> String {
        let root = cli.temp()
        cli.put("rules:\n  naive-today:\n    severity: warning\n", root + "/.guardrail.yml")
        cli.put("from app.models import AvailabilitySlot\nfrom datetime import date\nd = date.today()\n", root + "/b/a.py")
        cli.put("x = repo.get_week_slots()  # guardrail: ignore[slot-era-symbol] -- legacy shim\ny = 1\n", root + "/b/s.py")
        cli.put("SLOTS_PER_DAY = 1440\nBYTES_PER_DAY = 180\n", root + "/b/bitset.py")
        cli.put("export const BYTES_PER_DAY = 181;\nfetch(url);\n", root + "/f/bits.ts")
        cli.put("x = 1\n", root + "/b/clean.py")
        return root
    }

    func json(_ r: CLITests.Run) -> String {
        r.out.replacingOccurrences(of: #""durationMs"\s*:\s*\d+"#, with: "", options: .regularExpression)
    }

    func hits(_ r: CLITests.Run) -> Int? {
        guard let line = r.err.split(separator: "\n").first(where: { $0.hasPrefix("stats:") }),
              let part = line.split(separator: ",").first(where: { $0.contains("from the cache") }) else { return nil }
        return Int(part.trimmingCharacters(in: .whitespaces).split(separator: " ")[0])
    }

    @Test func warmRunMatchesColdAndRereadsOnlyChangedFiles() throws {
        let root = project()
        let env = ["GUARDRAIL_CACHE_DIR": root + "/.guardrail_cache"]
        let cold = try cli.run(["check", root, "--format", "json", "--stats"], env: env)
        #expect(cold.code == 1)
        #expect(hits(cold) == 0)
        let warm = try cli.run(["check", root, "--format", "json", "--stats"], env: env)
        #expect(warm.code == cold.code)
        #expect(hits(warm) == 5)
        #expect(json(warm) == json(cold))
        #expect(json(cold).contains("elsewhere"), "the cross-file note is made after the cache, on every run")
        let nocache = try cli.run(["check", root, "--format", "json", "--no-cache"], env: env)
        #expect(json(nocache) == json(cold))

        // One file changes: it alone is analyzed again, and its new finding shows.
        cli.put("from app.models import AvailabilitySlot\nfrom datetime import date\nd = date.today()\nfrom x import SlotManager\n", root + "/b/a.py")
        let changed = try cli.run(["check", root, "--format", "json", "--stats"], env: env)
        #expect(hits(changed) == 4)
        #expect(changed.out.contains("SlotManager"))
        #expect(json(changed) == json(try cli.run(["check", root, "--format", "json", "--no-cache"], env: env)))

        // Same size, other content: still a miss.
        cli.put("y = 2\n", root + "/b/clean.py")
        #expect(hits(try cli.run(["check", root, "--stats"], env: env)) == 4)
    }

    func unread(_ r: CLITests.Run) -> Int? {
        guard let line = r.err.split(separator: "\n").first(where: { $0.hasPrefix("stats:") }),
              let open = line.range(of: "from the cache ("), let close = line[open.upperBound...].firstIndex(of: " ") else { return nil }
        return Int(line[open.upperBound..<close])
    }

    /// Files changed well before the run that hashed them are taken by their
    /// stamp (size, device, inode, mtime, ctime) without being read; a file
    /// changed within a second of that run is read again (the racy rule); a
    /// file touched, rewritten with its old mtime (`cp -p`) or chmod'ed since
    /// is read again (its ctime moved).
    @Test func unchangedFilesAreNotReadAgain() throws {
        let root = project()
        let env = ["GUARDRAIL_CACHE_DIR": root + "/.guardrail_cache"]
        let cold = try cli.run(["check", root, "--format", "json", "--stats"], env: env)
        #expect(unread(cold) == 0)
        // The files were written just before that run: too close to trust.
        let racy = try cli.run(["check", root, "--stats"], env: env)
        #expect(hits(racy) == 5)
        #expect(unread(racy) == 0)
        Thread.sleep(forTimeInterval: 1.2)
        _ = try cli.run(["check", root, "--stats"], env: env)     // hashes them again, now well after
        let warm = try cli.run(["check", root, "--format", "json", "--stats"], env: env)
        #expect(hits(warm) == 5)
        #expect(unread(warm) == 5)
        #expect(json(warm) == json(cold))
        // Touched (new times, same bytes): read again, still served from the cache.
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: root + "/b/a.py")
        let touched = try cli.run(["check", root, "--stats"], env: env)
        #expect(hits(touched) == 5)
        #expect(unread(touched) == 4)
        // Rewritten in place, same size, the old mtime put back (`cp -p`):
        // the ctime moved, so the new content is read and its finding shows.
        Thread.sleep(forTimeInterval: 1.2)
        _ = try cli.run(["check", root, "--stats"], env: env)
        let path = root + "/b/a.py"
        let before = try FileManager.default.attributesOfItem(atPath: path)
        let mtime = try #require(before[.modificationDate] as? Date)
        #expect(unread(try cli.run(["check", root, "--stats"], env: env)) == 5)
        cli.put("from app.models import AvailabilityXlot\nfrom datetime import date\nd = date.today()\n", path)
        try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: path)
        let after = try FileManager.default.attributesOfItem(atPath: path)
        #expect(after[.size] as? Int == before[.size] as? Int)
        #expect(after[.modificationDate] as? Date == mtime)
        let rewritten = try cli.run(["check", root, "--format", "json", "--stats"], env: env)
        #expect(unread(rewritten) == 4)
        #expect(!rewritten.out.contains("AvailabilitySlot`"))
        #expect(json(rewritten) == json(try cli.run(["check", root, "--format", "json", "--no-cache"], env: env)))
    }

    @Test func configurationChangesAreNeverServedStale() throws {
        let root = project()
        let env = ["GUARDRAIL_CACHE_DIR": root + "/.guardrail_cache"]
        _ = try cli.run(["check", root, "--stats"], env: env)
        // Severity of a rule changes: a new key, nothing reused.
        cli.put("rules:\n  naive-today:\n    severity: error\n", root + "/.guardrail.yml")
        let sev = try cli.run(["check", root, "--format", "json", "--stats"], env: env)
        #expect(hits(sev) == 0)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(sev.out.utf8)) as? [String: Any])["findings"] as? [[String: Any]]
        let today = try #require(findings?.first { $0["rule"] as? String == "naive-today" })
        #expect(today["severity"] as? String == "error")
        // `allow` and the bitmap geometry are part of the key too.
        cli.put("rules:\n  slot-era-import:\n    allow: [\"b/**\"]\n", root + "/.guardrail.yml")
        let allow = try cli.run(["check", root, "--format", "json", "--stats"], env: env)
        #expect(hits(allow) == 0)
        #expect(!allow.out.contains("AvailabilitySlot`"))
        cli.put("bitmap:\n  minutes_per_slot: 30\n", root + "/.guardrail.yml")
        let geometry = try cli.run(["check", root, "--format", "json", "--stats"], env: env)
        #expect(hits(geometry) == 0)
        #expect(json(geometry) == json(try cli.run(["check", root, "--format", "json", "--no-cache"], env: env)))
        // A selection is another configuration.
        let select = try cli.run(["check", root, "--select", "slot-era-import", "--stats"], env: env)
        #expect(hits(select) == 0)
    }

    @Test func damagedCacheFilesAreIgnoredAndReplaced() throws {
        let root = project()
        let dir = root + "/.guardrail_cache"
        let env = ["GUARDRAIL_CACHE_DIR": dir]
        let cold = try cli.run(["check", root, "--format", "json"], env: env)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".bin") }
        #expect(files.count == 1)
        let file = dir + "/" + files[0]
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        var flipped = good
        flipped[good.count / 2] ^= 0x20
        for damaged in [good.prefix(good.count - 9), flipped, Data(), Data("GRCACHE1 not really".utf8), Data(repeating: 0xFF, count: 4096)] {
            try damaged.write(to: URL(fileURLWithPath: file))
            let r = try cli.run(["check", root, "--format", "json", "--stats"], env: env)
            #expect(r.code == 1)
            #expect(hits(r) == 0)
            #expect(json(r) == json(cold))
            // …and the next run is served from the rewritten file.
            #expect(hits(try cli.run(["check", root, "--stats"], env: env)) == 5)
        }
    }

    @Test func concurrentRunsShareTheCacheSafely() throws {
        let root = project()
        for i in 0..<40 { cli.put("from m import SlotManager\nd = date.today()  # \(i)\n", root + "/many/m\(i).py") }
        let env = ["GUARDRAIL_CACHE_DIR": root + "/.guardrail_cache"]
        let expected = json(try cli.run(["check", root, "--format", "json", "--no-cache"], env: env))
        let results = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { k in
            // Half the runs see a file edited between them: different caches race.
            if k == 3 { cli.put("x = 2\n", root + "/b/clean.py") }
            let r = try! cli.run(["check", root, "--format", "json"], env: env)
            results.withLock { $0.append(json(r)) }
        }
        cli.put("x = 1\n", root + "/b/clean.py")
        for r in results.withLock({ $0 }) { #expect(r == expected) }
        let after = try cli.run(["check", root, "--format", "json", "--stats"], env: env)
        #expect(json(after) == expected)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root + "/.guardrail_cache").filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func defaultLocationIsIgnoredByGitAndNotCheckedAndNoCacheWritesNothing() throws {
        let root = project()
        // Without GUARDRAIL_CACHE_DIR: the project's .guardrail_cache.
        let r = try cli.run(["check", root, "--no-cache"], env: ["GUARDRAIL_CACHE_DIR": ""])
        #expect(r.code == 1)
        #expect(!FileManager.default.fileExists(atPath: root + "/.guardrail_cache"))
        _ = try cli.run(["check", root], env: ["GUARDRAIL_CACHE_DIR": ""])
        let dir = root + "/.guardrail_cache"
        #expect(try String(contentsOfFile: dir + "/.gitignore", encoding: .utf8).contains("*"))
        #expect(FileManager.default.fileExists(atPath: dir + "/CACHEDIR.TAG"))
        // A source-looking file inside the cache is never checked.
        cli.put("from m import SlotManager\n", dir + "/planted.py")
        let again = try cli.run(["check", root, "--format", "json"], env: ["GUARDRAIL_CACHE_DIR": ""])
        #expect(!again.out.contains("planted.py"))
    }

    @Test func cFilesAreNeverServedFromTheCache() throws {
        let root = cli.temp()
        cli.put("#include \"availability_slot.h\"\n", root + "/native/a.h")
        let env = ["GUARDRAIL_CACHE_DIR": root + "/.guardrail_cache"]
        let first = try cli.run(["check", root, "--stats"], env: env)
        #expect(first.code == 1)
        let second = try cli.run(["check", root, "--stats"], env: env)
        #expect(hits(second) == 0)
        #expect(second.code == first.code)
    }
}
