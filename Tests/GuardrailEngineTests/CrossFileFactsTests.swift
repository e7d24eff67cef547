import Foundation
import Testing
@testable import GuardrailEngine
@testable import GuardrailRules
@testable import GuardrailSyntax

/// The bitmap rules over whole trees: the configured geometry reaches the
/// checks, and `bitmap-geometry` findings name the other files' definitions.
@Suite struct CrossFileFactsTests {
    func run(_ root: String, select: [String]? = nil, configPath: String? = nil, jobs: Int = 0) throws -> [Finding] {
        var options = CheckOptions()
        options.paths = [root]
        options.select = select
        options.configPath = configPath
        options.jobs = jobs
        return try Engine.check(options).findings
    }

    // MARK: - The configured geometry flips which literals are magic

    func sizingTree(config: String) -> String {
        let root = engineTempDir("bitmap-flip")
        writeFile(config, to: root + "/.guardrail.yml")
        writeFile("""
        def check(bits: bytes) -> bytes:
            if len(bits) != 180:
                raise ValueError("1-minute day")
            if len(bits) != 6:
                raise ValueError("30-minute day")
            return bytes(1440 // 8) + bytes(48)

        a = bytes(180)
        b = bytes(6)
        c = BIT(1440)
        d = BIT(48)

        """, to: root + "/backend/bitset.py")
        writeFile("""
        export const a = new Uint8Array(180);
        export const b = new Uint8Array(6);
        export const ok = (bits: Uint8Array) => bits.length === 1440 || bits.length === 48;

        """, to: root + "/frontend/bitmap.ts")
        return root
    }

    @Test func minutesPerSlotFlipsWhichLiteralsAreMagic() throws {
        func magic(_ config: String) throws -> [String] {
            try run(sizingTree(config: config), select: ["bitmap-magic-number"])
                .map { "\($0.path):\($0.line) \($0.flaggedText)" }
        }
        let byDefault = try magic("")
        #expect(byDefault == [
            "backend/bitset.py:2 180", "backend/bitset.py:8 180", "backend/bitset.py:10 1440",
            "frontend/bitmap.ts:1 180", "frontend/bitmap.ts:3 1440",
        ])
        let halfHours = try magic("bitmap: {minutes_per_slot: 30}\n")
        #expect(halfHours == [
            "backend/bitset.py:4 6", "backend/bitset.py:6 48", "backend/bitset.py:9 6", "backend/bitset.py:11 48",
            "frontend/bitmap.ts:2 6", "frontend/bitmap.ts:3 48",
        ])
        // And `--config FILE` wins over the root's file.
        let other = engineTempDir("bitmap-config")
        writeFile("bitmap:\n  minutes_per_slot: 30\n", to: other + "/half.yml")
        let root = sizingTree(config: "")
        let viaFlag = try run(root, select: ["bitmap-magic-number"], configPath: other + "/half.yml").map(\.flaggedText)
        #expect(viaFlag == ["6", "48", "6", "48", "6", "48"])
    }

    @Test func minutesPerSlotFlipsWhichWindowsAreAligned() throws {
        let root = engineTempDir("bitmap-windows")
        writeFile("A = (\"09:07\", \"10:00\")\nB = (\"09:30\", \"24:00\")\n", to: root + "/w.py")
        writeFile("windows:\n  - [\"09:15\", \"10:00\"]\n", to: root + "/seed.yaml")
        #expect(try run(root, select: ["bitmap-window-literal"]).isEmpty)
        writeFile("bitmap: {minutes_per_slot: 30}\n", to: root + "/.guardrail.yml")
        let found = try run(root, select: ["bitmap-window-literal"])
        #expect(found.map { "\($0.path):\($0.line): \($0.message)" } == [
            "seed.yaml:2: invalid availability window: `09:15` is not on a 30-minute slot boundary",
            "w.py:1: invalid availability window: `09:07` is not on a 30-minute slot boundary",
        ])
    }

    // MARK: - Cross-file disagreement

    func mismatchTree() -> String {
        let root = engineTempDir("bitmap-cross")
        writeFile("", to: root + "/.guardrail.yml")
        writeFile("# The backend\nSLOTS_PER_DAY = 1440\nBYTES_PER_DAY = 180\n", to: root + "/backend/app/utils/bitset.py")
        writeFile("export const SLOTS_PER_DAY = 288;\nexport const BYTES_PER_DAY = 36;\n", to: root + "/frontend/src/lib/bitmap.ts")
        writeFile("#define BYTES_PER_DAY 181\n#define BITS_PER_DAY (24 * 60)\n", to: root + "/native/include/bitmap.h")
        writeFile("BYTES_PER_DAY = 36  # agrees with the frontend\n", to: root + "/tools/legacy.py")
        return root
    }

    @Test func geometryFindingsNameTheOtherFilesThatDisagree() throws {
        let findings = try run(mismatchTree(), select: ["bitmap-geometry"])
        let byPlace = Dictionary(uniqueKeysWithValues: findings.map { ("\($0.path):\($0.line)", $0.message) })
        #expect(findings.map { "\($0.path):\($0.line)" } == [
            "frontend/src/lib/bitmap.ts:1", "frontend/src/lib/bitmap.ts:2", "native/include/bitmap.h:1", "tools/legacy.py:1",
        ])
        // The frontend's 36 names the definitions that say otherwise, sorted
        // by path, with their languages — not the one that agrees.
        #expect(byPlace["frontend/src/lib/bitmap.ts:2"] ==
            "`BYTES_PER_DAY` is 36, but the configured bitmap geometry (1-minute slots: 1440 bits, 180 bytes per day) needs 180; "
            + "elsewhere `backend/app/utils/bitset.py:3` (python) says 180, `native/include/bitmap.h:1` (c) says 181")
        #expect(byPlace["native/include/bitmap.h:1"]?.hasSuffix(
            "elsewhere `backend/app/utils/bitset.py:3` (python) says 180, `frontend/src/lib/bitmap.ts:2` (typescript) says 36, "
            + "`tools/legacy.py:1` (python) says 36") == true)
        #expect(byPlace["frontend/src/lib/bitmap.ts:1"]?.hasSuffix("elsewhere `backend/app/utils/bitset.py:2` (python) says 1440") == true)
    }

    @Test func crossFileMessagesDoNotDependOnScheduling() throws {
        let root = mismatchTree()
        let one = try run(root, select: ["bitmap-geometry"], jobs: 1)
        let many = try run(root, select: ["bitmap-geometry"], jobs: 8)
        #expect(one == many)
    }

    @Test func suppressionsStillApplyAndFingerprintsIgnoreTheMessage() throws {
        let root = mismatchTree()
        let before = try run(root, select: ["bitmap-geometry"])
        // Suppress the frontend's BYTES_PER_DAY; change another file so its message changes.
        writeFile("export const SLOTS_PER_DAY = 288;\n// guardrail: ignore[bitmap-geometry] -- migrating\nexport const BYTES_PER_DAY = 36;\n",
                  to: root + "/frontend/src/lib/bitmap.ts")
        writeFile("BYTES_PER_DAY = 37\n", to: root + "/tools/legacy.py")
        let after = try run(root, select: ["bitmap-geometry"])
        #expect(!after.contains { $0.path == "frontend/src/lib/bitmap.ts" && $0.line == 3 })
        #expect(!after.contains { $0.rule == MetaRule.unusedSuppression })
        let headerBefore = before.first { $0.path == "native/include/bitmap.h" }!
        let headerAfter = after.first { $0.path == "native/include/bitmap.h" }!
        #expect(headerBefore.fingerprint == headerAfter.fingerprint)
        #expect(headerBefore.message.hasSuffix("`tools/legacy.py:1` (python) says 36"))
        #expect(headerAfter.message.hasSuffix("`tools/legacy.py:1` (python) says 37"))
    }

    @Test func annotateIsAPureFunctionOfFindingsAndFacts() {
        func fact(_ path: String, _ line: Int, _ value: Int, _ language: Language, name: String = "BYTES_PER_DAY") -> CrossFileFact {
            var f = CrossFileFact(key: "BYTES_PER_DAY", name: name, value: value, start: 0, end: 0)
            f.rule = "bitmap-geometry"
            f.path = path
            f.line = line
            f.column = 1
            f.language = language
            return f
        }
        var findings = [Finding(rule: "bitmap-geometry", severity: .error, path: "b.ts", line: 4, column: 1, endLine: 4,
                                endColumn: 5, message: "m", help: "")]
        let facts = [fact("z.h", 9, 181, .c), fact("b.ts", 4, 36, .typescript), fact("a.py", 2, 6, .python, name: "BITMAP_BYTES"),
                     fact("b.ts", 7, 6, .typescript), fact("c.js", 1, 36, .typescript)]
        CrossFileFacts.annotate(&findings, with: facts)
        #expect(findings[0].message == "m; elsewhere `a.py:2` (python) says 6 (as `BITMAP_BYTES`), `z.h:9` (c) says 181")
        // Another rule at the same place learns nothing.
        var other = [Finding(rule: "x", severity: .error, path: "b.ts", line: 4, column: 1, endLine: 4, endColumn: 5,
                             message: "m", help: "")]
        CrossFileFacts.annotate(&other, with: facts)
        #expect(other[0].message == "m")
    }
}
