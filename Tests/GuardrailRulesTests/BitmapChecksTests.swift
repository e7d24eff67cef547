import Foundation
import Testing
@testable import GuardrailEngine
@testable import GuardrailRules
@testable import GuardrailSyntax

/// The three `bitmap-*` checks on single files: what they evaluate, where
/// they point, and that no input makes them crash or hang.
@Suite struct BitmapChecksTests {
    func findings(_ text: String, _ path: String, _ rule: String, config: String = "") throws -> [Finding] {
        try findings(Array(text.utf8), path, rule, config: config)
    }

    func findings(_ bytes: [UInt8], _ path: String, _ rule: String, config: String = "") throws -> [Finding] {
        let settings = try Configuration.parse(config, displayPath: "test.yml").runSettings
        let active = try ActiveRule(rule: RuleSet.builtin().first { $0.id == rule }!)
        let source = SourceFile(path: path, bytes: bytes, language: Language.forPath(path)!)
        return Analyzer.analyze(source, rules: [active], settings: settings).findings
    }

    // MARK: - bitmap-geometry

    @Test func geometryExpressions() throws {
        let right = [
            "BYTES_PER_DAY = 180", "BYTES_PER_DAY = 0xB4", "BYTES_PER_DAY = 1_8_0", "BYTES_PER_DAY = -(-1440 // 8)",
            "BYTES_PER_DAY = math.ceil(1440 / 8)", "BYTES_PER_DAY = ceil(1440 / 8)", "BYTES_PER_DAY = int(1440 / 8)",
            "BYTES_PER_DAY = (BITS_PER_DAY + 7) // 8", "BYTES_PER_DAY = BITS_PER_DAY >> 3", "BYTES_PER_DAY = 1440 / 8",
            "MINUTES_PER_DAY = 24 * 60", "SLOTS_PER_DAY = MINUTES_PER_DAY // MINUTES_PER_SLOT", "MINUTES_PER_SLOT = 1441 % 1440",
            // Unevaluable: skipped.
            "BYTES_PER_DAY = settings.bytes", "BYTES_PER_DAY = 6.0", "BYTES_PER_DAY = 99999999999999999999999",
            "BYTES_PER_DAY = 1 // 0", "BYTES_PER_DAY = compute(6)", "BYTES_PER_DAY = 6 if x else 7", "BYTES_PER_DAY = A = 6",
            "BYTES_PER_DAY = 2 ** 3", "BYTES_PER_DAY: int", "BYTES_PER_DAY = (((6)", "BYTES_PER_DAY =",
        ]
        for line in right {
            #expect(try findings(line + "\n", "a.py", "bitmap-geometry").isEmpty, "\(line)")
        }
        let wrong = [
            ("BYTES_PER_DAY = 6", "6"), ("BYTES_PER_DAY = 1440 // 7", "205"), ("BYTES_PER_DAY = 1440 / 7", "1440/7"),
            ("BITS_PER_DAY = -1440", "-1440"), ("SLOTS_PER_DAY = (24 * 60) // 30", "48"),
            ("BYTES_PER_DAY = math.floor(BITS_PER_DAY / 7)", "205"), ("MINUTES_PER_SLOT = -7 % 3", "2"),
        ]
        for (line, value) in wrong {
            let found = try findings(line + "\n", "a.py", "bitmap-geometry")
            #expect(found.count == 1, "\(line)")
            #expect(found.first?.message.contains("is \(value),") == true, "\(line): \(found.map(\.message))")
        }
    }

    @Test func geometryMessageAndPosition() throws {
        let found = try findings("x = 1\nBYTES_PER_DAY: int = 6  # 30-minute\n", "a.py", "bitmap-geometry")
        #expect(found.map { "\($0.line):\($0.column)-\($0.endColumn) \($0.message)" } == [
            "2:1-14 `BYTES_PER_DAY` is 6, but the configured bitmap geometry (1-minute slots: 1440 bits, 180 bytes per day) needs 180",
        ])
        let half = try findings("BYTES_PER_DAY = 180\nSLOTS_PER_DAY = 48\n", "a.py", "bitmap-geometry",
                                config: "bitmap: {minutes_per_slot: 30}")
        #expect(half.map(\.message) == [
            "`BYTES_PER_DAY` is 180, but the configured bitmap geometry (30-minute slots: 48 bits, 6 bytes per day) needs 6",
        ])
    }

    @Test func geometryScriptDeclarations() throws {
        let ts = """
        export const BYTES_PER_DAY = 36
        export const SLOTS_PER_DAY = 1440
        const a = 1, BITS_PER_DAY: number = 48, c = 2;
        function f() { const MINUTES_PER_SLOT = 30; return MINUTES_PER_SLOT }
        let MINUTES_PER_DAY = 7;
        export const { BYTES_PER_DAY: x } = y;
        const MINUTES_PER_DAY = 1440
        (foo)

        """
        let found = try findings(ts, "a.ts", "bitmap-geometry")
        #expect(found.map { "\($0.line):\($0.flaggedText)" } == ["1:BYTES_PER_DAY", "3:BITS_PER_DAY", "4:MINUTES_PER_SLOT"])
    }

    @Test func geometryAliasesComeFromTheConfiguration() throws {
        let config = "bitmap:\n  aliases:\n    BYTES_PER_DAY: [BITMAP_BYTES]\n"
        #expect(try findings("BITMAP_BYTES = 6\n", "a.py", "bitmap-geometry").isEmpty)
        let found = try findings("BITMAP_BYTES = 6\n", "a.py", "bitmap-geometry", config: config)
        #expect(found.map(\.message) == [
            "`BITMAP_BYTES` is 6, but the configured bitmap geometry (1-minute slots: 1440 bits, 180 bytes per day) needs 180",
        ])
        // The prefilter lets the alias through.
        let settings = try Configuration.parse(config, displayPath: "t").runSettings
        let check = try RuleSet.builtin().first { $0.id == "bitmap-geometry" }!.check
        #expect(check.triggers(in: settings).contains(Array("BITMAP_BYTES".utf8)))
        #expect(!check.triggers.contains(Array("BITMAP_BYTES".utf8)))
    }

    @Test func geometryRecordsFactsWithTheFilesOwnValues() {
        let source = SourceFile(path: "a.py", bytes: Array("SLOTS_PER_DAY = 48\nBYTES_PER_DAY = -(-SLOTS_PER_DAY // 8)\nX = 1\n".utf8),
                                language: .python)
        let context = FileContext(source: source)
        var hits: [Hit] = []
        BitmapGeometryCheck(message: "{name}").run(context, into: &hits)
        // Only SLOTS_PER_DAY is wrong by itself; the file's BYTES_PER_DAY is 6.
        #expect(hits.map(\.message) == ["SLOTS_PER_DAY"])
        #expect(context.facts.map { "\($0.key)=\($0.value)@\($0.start)" } == ["SLOTS_PER_DAY=48@0", "BYTES_PER_DAY=6@19"])
    }

    // MARK: - bitmap-magic-number

    @Test func magicNumberForms() throws {
        let py = """
        a = bytes(180)
        b = x.len(y) == 180
        c = len(y) == 180
        d = (len(y)) == 180
        e = 180 != len(y) + 1
        f = -180 == len(y)
        g = len(y) == 180 .bit_length()
        h = postgresql.BIT(1440)
        i = BIT(1440, varying=False)

        """
        #expect(try findings(py, "a.py", "bitmap-magic-number").map(\.line) == [1, 3, 8, 9])
        let ts = """
        const a = new Uint8Array(180);
        const b = new window.Uint8Array(180);
        const c = !x.length === 180;
        const d = x.length === 180;
        const e = x?.y[0].length == 180;
        const f = f(x).length !== 180;
        const g = 180n === BigInt(x.length);

        """
        #expect(try findings(ts, "a.ts", "bitmap-magic-number").map(\.line) == [1, 2, 4, 5, 6])
    }

    // MARK: - bitmap-window-literal

    @Test func windowLiteralsInYAMLPointAtTheRightBytes() throws {
        let yaml = "\u{FEFF}# é😀\r\nwindows:\r\n  - {note: \"é😀\", start_time: \"24:00\"}\r\n  - ['10:00', \"09:00\"]\r\n"
        let found = try findings(yaml, "seed.yaml", "bitmap-window-literal")
        #expect(found.map { "\($0.line):\($0.column)-\($0.endColumn) \($0.flaggedText)" } == [
            "3:30-37 \"24:00\"", "4:5-23 ['10:00', \"09:00\"]",
        ])
    }

    @Test func windowLiteralsInJSON() throws {
        let json = #"{"windows": [["24:00", "06:00"]], "other": [["24:00", "06:00"]], "a": {"start_time": "09:00", "end_time": "08:00"}}"#
        let found = try findings(json, "seed.json", "bitmap-window-literal")
        #expect(found.map(\.flaggedText) == [#"["24:00", "06:00"]"#, #""08:00""#])
    }

    // MARK: - Robustness

    @Test func noInputCrashesOrHangs() throws {
        let deep = String(repeating: "(", count: 10_000) + "180" + String(repeating: ")", count: 10_000)
        let deepList = String(repeating: "[", count: 10_000) + "\"09:00\", \"24:00\"" + String(repeating: "]", count: 10_000)
        let inputs: [(String, String)] = [
            ("BYTES_PER_DAY = \(deep)\n", "a.py"), ("export const BYTES_PER_DAY = \(deep);", "a.ts"),
            ("x = \(deepList)\nlen(x) == \(deep)\n", "a.py"), ("const x = \(deepList); x.length === \(deep)", "a.ts"),
            ("BYTES_PER_DAY = (", "a.py"), ("BYTES_PER_DAY = 9223372036854775807 * 9223372036854775807\n", "a.py"),
            ("BYTES_PER_DAY = -9223372036854775808 // -1\n", "a.py"), ("BYTES_PER_DAY = 0x\n", "a.py"),
            ("export const BYTES_PER_DAY", "a.ts"), ("const", "a.ts"), ("x = (\"09:00\", \"", "a.py"),
            ("windows: [[\"09:00\", \"10:00\"", "a.yaml"), (String(repeating: "[", count: 10_000), "a.yaml"),
            (String(repeating: "- ", count: 5_000) + "\"24:00\"", "a.yaml"), ("{\"start_time\": \"24:00\"", "a.json"),
            (String(repeating: "{\"windows\": [", count: 5_000), "a.json"), ("a: *undefined\n", "a.yaml"),
            ("a: &x {start_time: \"24:00\"}\nb: *x\n", "a.yaml"), ("start_time: \"24:00\"\n", "a.yaml"),
        ]
        for (text, path) in inputs {
            for rule in ["bitmap-geometry", "bitmap-magic-number", "bitmap-window-literal"] {
                _ = try findings(text, path, rule)
            }
        }
        // Not UTF-8, NUL-free: YAML is left alone; the others are skipped by the engine.
        _ = try findings([0x77, 0x3A, 0x20, 0xFF, 0x32, 0x34, 0x3A, 0x30, 0x30], "a.yaml", "bitmap-window-literal")
        // An anchor's mapping is reported once, not once per alias.
        #expect(try findings("a: &x {start_time: \"24:00\"}\nb: *x\n", "a.yaml", "bitmap-window-literal").count == 1)
    }
}
