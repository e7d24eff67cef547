import Foundation
import Testing
import GuardrailTestSupport
@testable import GuardrailEngine
@testable import GuardrailRules
@testable import GuardrailSyntax

@Suite struct EngineTests {
    func tree() -> String {
        let root = engineTempDir("engine")
        writeFile("exclude: [\"skip/**\"]\n", to: root + "/.guardrail.yml")
        writeFile("from app.models import AvailabilitySlot\nx = repo.get_week_slots()\n", to: root + "/b/a.py")
        writeFile("# AvailabilitySlot only in a comment\ns = 'get_week_slots'\n", to: root + "/b/clean.py")
        writeFile("import { SlotManager } from './x';\n", to: root + "/f/c.ts")
        writeFile("from app.models import AvailabilitySlot\n", to: root + "/skip/d.py")
        writeFile("ignored/\n", to: root + "/.gitignore")
        writeFile("from app.models import AvailabilitySlot\n", to: root + "/ignored/e.py")
        return root
    }

    @Test func checksATreeInReportOrder() throws {
        var options = CheckOptions()
        options.paths = [tree()]
        let result = try Engine.check(options)
        #expect(result.findings.map { "\($0.path):\($0.line):\($0.column):\($0.rule)" } == [
            "b/a.py:1:1:slot-era-import",
            "b/a.py:2:10:slot-era-symbol",
            "f/c.ts:1:1:slot-era-import",
        ])
        #expect(result.files == 3)
    }

    /// A file deleted between discovery and reading is named in the notes,
    /// the others are still checked, and the cache records nothing for it.
    @Test func aFileThatVanishesBeforeItIsReadIsANoteNotAFailure() throws {
        let root = engineTempDir("vanish")
        writeFile("from m import AvailabilitySlot\n", to: root + "/a.py")
        writeFile("from m import SlotManager\n", to: root + "/b.py")
        let files = ["a.py", "b.py", "gone.py"].map {
            DiscoveredFile(relativePath: $0, absolutePath: root + "/" + $0, explicit: false)
        }
        let rules = try RuleSet.builtin().filter { $0.id == "slot-era-import" }.map { try ActiveRule(rule: $0) }
        let cache = ResultCache(directory: root + "/.cache", key: 1, partial: false)
        _ = ResultCache.prepare(root + "/.cache")
        let result = try Engine.analyze(files: files, rules: rules, jobs: 2, cache: cache)
        #expect(result.findings.map(\.path) == ["a.py", "b.py"])
        #expect(result.notes == ["gone.py: vanished before it could be read; skipped"])
        let again = ResultCache(directory: root + "/.cache", key: 1, partial: false)
        #expect(again.count == 2)
    }

    @Test func outputIsTheSameWhateverTheJobCount() throws {
        let root = engineTempDir("jobs")
        for i in 0..<200 {
            writeFile("from m import AvailabilitySlot\nrepo.slot_exists(\(i))\n", to: root + "/p\(i % 7)/f\(i).py")
        }
        var options = CheckOptions()
        options.paths = [root]
        options.jobs = 1
        let one = try Engine.check(options).findings
        options.jobs = 8
        let eight = try Engine.check(options).findings
        #expect(one == eight)
        #expect(one.count == 400)
    }

    @Test func selectIgnoreAndUnknownIDs() throws {
        var options = CheckOptions()
        options.paths = [tree()]
        options.select = ["slot-era-symbol"]
        #expect(try Engine.check(options).findings.map(\.rule) == ["slot-era-symbol"])
        options.select = nil
        options.ignore = ["slot-era-import"]
        #expect(try Engine.check(options).findings.map(\.rule) == ["slot-era-symbol"])
        options.ignore = ["nope"]
        #expect(throws: GuardrailError.usage("unknown rule id `nope` (see `guardrail rules`)")) { try Engine.check(options) }
    }

    @Test func binaryAndInvalidUTF8FilesAreCountedNotDropped() throws {
        let root = engineTempDir("binary")
        writeFile("", to: root + "/.guardrail.yml")
        try Data([0x41, 0x00, 0x42] + Array("AvailabilitySlot".utf8)).write(to: URL(fileURLWithPath: root + "/bin.py"))
        try Data(Array("from m import AvailabilitySlot\n".utf8) + [0xFF, 0xFE]).write(to: URL(fileURLWithPath: root + "/latin.py"))
        var options = CheckOptions()
        options.paths = [root]
        let result = try Engine.check(options)
        #expect(result.findings.isEmpty)
        #expect(result.skipped.map(\.path) == ["bin.py", "latin.py"])
        #expect(result.skipped.map(\.reason) == ["binary (NUL bytes)", "not valid UTF-8"])
    }

    @Test func unreadableFileIsAnError() throws {
        guard getuid() != 0 else { return }  // root reads everything; the CLI test covers the message
        let root = engineTempDir("unreadable")
        writeFile("x = 1\n", to: root + "/a.py")
        chmod(root + "/a.py", 0)
        var options = CheckOptions()
        options.paths = [root]
        #expect(throws: GuardrailError.self) { try Engine.check(options) }
    }

    @Test func prefilterSkipsFilesWithoutTriggerWords() throws {
        let rule = try RuleSet.builtin().first { $0.id == "slot-era-symbol" }!
        let active = try ActiveRule(rule: rule)
        let clean = Analyzer.analyze(SourceFile(path: "a.py", bytes: Array("x = 1\n".utf8), language: .python), rules: [active])
        #expect(!clean.analyzed)
        let hit = Analyzer.analyze(SourceFile(path: "a.py", bytes: Array("slot_exists()\n".utf8), language: .python), rules: [active])
        #expect(hit.analyzed)
        #expect(hit.findings.count == 1)
    }

    @Test func fingerprintsSurviveLineMoves() throws {
        let rule = try ActiveRule(rule: RuleSet.builtin().first { $0.id == "slot-era-symbol" }!)
        let a = Analyzer.analyze(SourceFile(path: "a.py", bytes: Array("slot_exists()\nslot_exists()\n".utf8), language: .python), rules: [rule]).findings
        let b = Analyzer.analyze(SourceFile(path: "a.py", bytes: Array("\n\n\nx = 1\nslot_exists()\n  slot_exists()\n".utf8), language: .python), rules: [rule]).findings
        #expect(a.map(\.fingerprint) == b.map(\.fingerprint))
        #expect(Set(a.map(\.fingerprint)).count == 2)
    }

    @Test func byteScanHelpers() {
        let text = Array("hello AvailabilitySlot world".utf8)
        text.withUnsafeBufferPointer { buf in
            #expect(ByteScan.contains(buf, Array("AvailabilitySlot".utf8)))
            #expect(!ByteScan.contains(buf, Array("SlotManager".utf8)))
            #expect(ByteScan.contains(buf, Array("hello".utf8)))
            #expect(ByteScan.contains(buf, Array("d".utf8)))
            #expect(!ByteScan.hasNUL(buf))
            #expect(ByteScan.isValidUTF8(buf))
        }
        for (bytes, valid) in [([0xC3, 0xA9], true), ([0xE2, 0x82, 0xAC], true), ([0xF0, 0x9F, 0x98, 0x80], true),
                               ([0xC0, 0x80], false), ([0xED, 0xA0, 0x80], false), ([0xE2, 0x82], false), ([0xFF], false)] as [([UInt8], Bool)] {
            bytes.withUnsafeBufferPointer { #expect(ByteScan.isValidUTF8($0) == valid, "\(bytes)") }
        }
    }

    /// Long ASCII runs (the 32- and 8-byte steps) with a sequence, valid or
    /// not, anywhere: the same answer as the standard library's decoder.
    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        var rng = SplitMix(seed: 0x07F8)
        let pieces: [[UInt8]] = [[0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80],
                                 [0xE2, 0x82], [0xFF], [0x80], [0xF4, 0x90, 0x80, 0x80]]
        for _ in 0..<3_000 {
            var bytes = (0..<Int.random(in: 0...100, using: &rng)).map { _ in UInt8.random(in: 0x20...0x7E, using: &rng) }
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                bytes.insert(contentsOf: pieces.randomElement(using: &rng)!, at: Int.random(in: 0...bytes.count, using: &rng))
            }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(withGuardedBytes(bytes) { ByteScan.isValidUTF8($0) } == expected, "\(bytes)")
        }
    }
}
