import Foundation
import Testing

/// SPEC §9's hostile inputs, each generated, run through the real binary
/// with every rule: the run must end with 0, 1 or 2 (never a signal), and
/// the file must be either checked or named in the summary.
@Suite struct HostileInputTests {
    let cli = CLITests()

    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let file: String
        let bytes: @Sendable () -> [UInt8]
        var description: String { name }
    }

    static let cases: [Case] = {
        func text(_ s: String) -> @Sendable () -> [UInt8] { { Array(s.utf8) } }
        let deep = 10_000
        return [
            Case(name: "invalid UTF-8 in Python", file: "a.py", bytes: { Array("x = '".utf8) + [0xC3, 0x28, 0xFF, 0xFE] + Array("'\nslot_exists()\n".utf8) }),
            Case(name: "NUL bytes", file: "b.ts", bytes: { Array("fetch(u)".utf8) + [0, 0, 1] + Array("fetch(v)".utf8) }),
            Case(name: "BOM, CRLF and lone CR", file: "c.py", bytes: { [0xEF, 0xBB, 0xBF] + Array("import os\r\nslot_exists()\rx = 1\r\n".utf8) }),
            Case(name: "unterminated string", file: "d.py", bytes: text("x = 'get_week_slots\ny = \"\"\"never closed\nslot_exists()\n")),
            Case(name: "unterminated f-string field", file: "e.py", bytes: text("x = f\"{slot_exists(\n" + String(repeating: "y\n", count: 100))),
            Case(name: "unterminated template", file: "f.ts", bytes: text("const a = `${fetch(u)} ${ `${")),
            Case(name: "unterminated comment and regex", file: "g.js", bytes: text("/* fetch(u)\nconst r = /abc")),
            Case(name: "unterminated JSX", file: "h.tsx", bytes: text("const x = <div><SlotManager a={fetch(u)")),
            // Shapes the fuzzers found quadratic (fixed): every inner `let`
            // re-recorded the outer pattern; every name re-scanned the tuple.
            Case(name: "nested let destructuring (TS)", file: "nl.ts",
                 bytes: text(String(repeating: "let{", count: 6_000) + "\nfetch(u, o);\n")),
            Case(name: "long tuple target (Python)", file: "tt.py",
                 bytes: text("from datetime import datetime\n" + String(repeating: "a, ", count: 20_000) + "a = 1\ndatetime.now()\n")),
            // Found by reading and timing the fuzz targets' inputs: each
            // lambda re-scanned its line, each `def (` walked every token.
            Case(name: "lambdas on one line (Python)", file: "lm.py",
                 bytes: text("from datetime import datetime\n" + String(repeating: "a=lambda:1;", count: 20_000) + "\ndatetime.now()\n")),
            Case(name: "nested def parameters (Python)", file: "nd.py",
                 bytes: text("from datetime import datetime\n" + String(repeating: "def a(", count: 20_000) + "\ndatetime.now()\n")),
            // Found by review: every call re-walked the name's bindings, or
            // its comprehension ranges; crafted names shared a hash bucket.
            Case(name: "one name rebound many times (Python)", file: "rb.py",
                 bytes: text(String(repeating: "time = t\ntime.fromisoformat(s)\nfrom datetime import time\ntime.fromisoformat(s)\n", count: 5_000))),
            Case(name: "many comprehensions binding one name (Python)", file: "cm.py",
                 bytes: text("from datetime import time\n" + String(repeating: "[time.fromisoformat(s) for time in a]\n", count: 10_000))),
            Case(name: "deep brackets (Python)", file: "i.py", bytes: text(String(repeating: "(", count: deep) + "slot_exists()" + String(repeating: ")", count: deep) + "\n")),
            Case(name: "deep braces and templates (TS)", file: "j.ts", bytes: text("x = " + String(repeating: "{a:`${", count: deep / 4) + "fetch(u)")),
            Case(name: "deep JSX", file: "k.tsx", bytes: text("x = " + String(repeating: "<a>", count: deep) + "{fetch(u)}" + String(repeating: "</a>", count: deep))),
            Case(name: "deep f-strings", file: "l.py", bytes: text(String(repeating: "f'{", count: 2_000) + "x" + String(repeating: "}'", count: 2_000) + "\n")),
            Case(name: "deep JSON", file: "m.json", bytes: text(String(repeating: "[", count: deep) + "\"24:00\"" + String(repeating: "]", count: deep))),
            Case(name: "malformed YAML", file: "n.yaml", bytes: text("windows:\n  - [\"10:00\", \"09:00\"\n  bad: [\n")),
            Case(name: "one long minified line", file: "o.js", bytes: {
                Array(String(repeating: "a=fetch(u,{cache:\"no-store\"});b=c/d/e;", count: 30_000).utf8) + Array("fetch(x)".utf8)
            }),
            // Found by review: bitmap-geometry walked back to the line start
            // from every top-level name of a line (`a=1;a=1;…`).
            Case(name: "one long line of statements (Python)", file: "q.py",
                 bytes: text("BITS_PER_DAY = 1440\n" + String(repeating: "a=1;", count: 250_000) + "\n")),
            Case(name: "random bytes", file: "p.py", bytes: {
                var seed: UInt64 = 0x9E3779B97F4A7C15
                return (0..<200_000).map { _ in
                    seed = seed &* 6364136223846793005 &+ 1442695040888963407
                    return UInt8(truncatingIfNeeded: seed >> 56)
                }
            }),
        ]
    }()

    @Test(arguments: HostileInputTests.cases)
    func neverCrashesOrHangs(_ c: Case) throws {
        let dir = cli.temp()
        cli.put("", dir + "/.guardrail.yml")
        try Data(c.bytes()).write(to: URL(fileURLWithPath: dir + "/" + c.file))
        let started = Date()
        let r = try cli.run(["check", dir, "--format", "json"])
        #expect([0, 1, 2].contains(r.code), "\(c.name): exit \(r.code)\n\(r.err)")
        #expect(Date().timeIntervalSince(started) < 60, "\(c.name) took too long")
        if r.code == 2 {
            #expect(r.err.split(separator: "\n").count == 1 && r.err.contains(c.file), "\(c.name): \(r.err)")
        } else {
            let json = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
            #expect(json != nil, "\(c.name): output is not JSON")
        }
    }

    @Test func symlinkLoopsAndVanishedTargetsAreHarmless() throws {
        let dir = cli.temp()
        cli.put("", dir + "/.guardrail.yml")
        cli.put("slot_exists()\n", dir + "/a/x.py")
        try FileManager.default.createSymbolicLink(atPath: dir + "/a/loop", withDestinationPath: dir + "/a")
        try FileManager.default.createSymbolicLink(atPath: dir + "/a/gone.py", withDestinationPath: dir + "/nowhere.py")
        let r = try cli.run(["check", dir, "--format", "json"])
        #expect(r.code == 1)
        let findings = (try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any])["findings"] as! [[String: Any]]
        #expect(findings.map { $0["path"] as! String } == ["a/x.py"])
    }

    @Test func sameOutputWhateverTheJobCount() throws {
        let dir = cli.temp()
        cli.put("", dir + "/.guardrail.yml")
        for i in 0..<300 {
            cli.put("from m import AvailabilitySlot\nx = date.today() if \(i) else time(24)\nfetch(u\(i))\n",
                    dir + "/p\(i % 11)/f\(i).\(i % 2 == 0 ? "py" : "ts")")
        }
        let one = try cli.run(["check", dir, "--format", "json", "--jobs", "1"])
        let eight = try cli.run(["check", dir, "--format", "json", "--jobs", "8"])
        func strip(_ s: String) -> String { s.replacingOccurrences(of: #""durationMs": \d+"#, with: "", options: .regularExpression) }
        #expect(one.code == 1 && eight.code == 1)
        #expect(strip(one.out) == strip(eight.out))
    }
}
