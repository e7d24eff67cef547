import GuardrailDomain
import GuardrailSyntax
import GuardrailTestSupport
import Testing
@testable import GuardrailRules

/// The checks' own byte gates, which decide before any tokens whether a file
/// can have a hit: over random code built from the pieces around hits and
/// their look-alikes, whenever a gate says no, the check on the tokens finds
/// nothing. Each test also makes sure the gate says no often and that the
/// token check does find hits, so neither half is vacuous.
@Suite struct ByteGateTests {
    static func pick(_ pieces: [String], _ rng: inout SplitMix, count: Int) -> String {
        (0..<Int(rng.next() % UInt64(count))).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
    }

    /// naive-today and midnight-unsafe-time-parse's targets in one check.
    static let bannedCalls = BannedCallCheck(targets: [
        .init(callee: "datetime.date.today", condition: .always, message: "today"),
        .init(callee: "datetime.datetime.now", condition: .missingArgument(position: 1, keyword: "tz"), message: "now"),
        .init(callee: "datetime.datetime.utcnow", condition: .always, message: "utcnow"),
        .init(callee: "datetime.time", condition: .argumentEquals(position: 1, keyword: "hour", literal: "24"), message: "time"),
        .init(callee: "datetime.datetime.strptime",
              condition: .stringArgument(position: 2, keyword: "format", all: ["%H"], none: ["%d"]), message: "strptime"),
        .init(callee: "datetime.datetime.fromtimestamp", condition: .missingArgument(position: 2, keyword: "tz"),
              message: "fromtimestamp"),
    ], triggers: ["today", "now", "utcnow", "time", "strptime", "fromtimestamp"])

    @Test func bannedCallGateNeverHidesAHit() {
        var rng = SplitMix(seed: 21)
        let headers = ["from datetime import datetime, date, time\n", "import datetime\n", "import datetime as dt\n",
                       "from datetime.datetime import now\nfrom datetime.date import today as utcnow\n", "from datetime import *\n",
                       "from datetime import time as clock, datetime as now\n", "from datetime import (\n  time as\n  today)\n",
                       "from datetime.date import today as now\n", "from datetime import date as day, time as datetime\n",
                       "import datetime as moment\nfrom datetime import date\n"]
        let pieces = ["datetime.now(", "datetime.", "dt.datetime.", "date.today(", ".now(", "now(", "today(", "utcnow(",
                      "time(", "strptime(", ")", "(", ",", " ", "\n", "\t", "tz=", "tz =", "tz==", "foo=", "x", "timezone.utc",
                      "*a", "**kw", "24", "hour=", "\"%H:%M\"", "# c\n", "\\\n", "1.", "...", ".", "now", "é", "\"", "'",
                      "=", "-1", "[", "]", "lambda: 0", "def ", "class ", "datetime.now()", "date.today()",
                      "dt.datetime.now()", "datetime.utcnow()", "time(24, 0)", "dt.time(hour=24)", "datetime.strptime(s, \"%H:%M\")",
                      "now()", "datetime.now(tz)", "datetime . now ( )", "time(9, 0)", "time(hour=24)", "time(minute=0, hour=24)",
                      "time(24)", "time( 24 )", "time(240)", "time(24.0)", "clock(24, 0)", "clock(9)", "today(24)", "today(9)",
                      "dt.time(9, hour=24)", "\"%H\"", "\"%Y\"", "datetime.strptime(s, f)", "strptime(x, \"%H%d\")",
                      " as ", "as", "hour", "hour=", "timezone.now()", "self.today()", "time.fromisoformat(s)", "datetime.fromisoformat(s)",
                      "date.fromisoformat(s)", "day.today()", "moment.date.today()", "datetime.datetime.now()", "day.", "moment.",
                      "datetime.fromtimestamp(", "tz # c\n=", "tz=)", "tz\u{0B}=", "\u{0B}", "\r", "\r\n", "\\\r\n",
                      "\u{00A0}", "datetime.fromtimestamp(t, tz=utc)", "datetime.fromtimestamp(t)",
                      "sa.func.now()", "a.datetime.now()", "f().datetime.now()", "x[0].date.today()", "1.datetime.now()",
                      "1 .datetime.now()", "....datetime.now()", "a . datetime . now()", "a.\\\ndatetime.now()", "é.datetime.now()",
                      "aé.datetime.now()", "'s'.datetime.now()", "moment.datetime.now()", "dt.datetime.utcnow()", "a.b."]
        var gated = 0, hits = 0
        for _ in 0..<12_000 {
            let text = headers[Int(rng.next() % UInt64(headers.count))] + Self.pick(pieces, &rng, count: 10)
            let bytes = Array(text.utf8)
            var found: [Hit] = []
            Self.bannedCalls.runOnTokens(FileContext(source: SourceFile(path: "a.py", bytes: bytes, language: .python)), into: &found)
            if !found.isEmpty { hits += 1 }
            // The run's way: alias shapes remembered by the file's context.
            let context = FileContext(source: SourceFile(path: "a.py", bytes: bytes, language: .python))
            #expect(Self.bannedCalls.mayHit(bytes, aliasShape: context.hasAliasShape) == Self.bannedCalls.mayHit(bytes))
            guard !Self.bannedCalls.mayHit(bytes) else { continue }
            gated += 1
            #expect(found.isEmpty, "\(text)")
        }
        #expect(gated > 1_500)
        #expect(hits > 300)
        // The common safe calls are ruled out, and calls no alias binds
        // (`now(tz)`, `1 .now(tz)`, `timezone.now()`); the unsafe ones are not.
        let safe = "from datetime import datetime, time, timezone\nx = datetime.now(timezone.utc)\ny = datetime.now(\n  tz=UTC)\n"
            + "t = time(9, 30)\nu = datetime.time(23, 59)\nv = time.time()\nd = datetime.strptime(s, \"%Y-%m-%d\")\n"
            + "w = now(tz)\nz = 1 .now(tz)\na = timezone.now()\nb = datetime.fromisoformat(s)\nc = self.today()\n"
            + "e = sa.func.now()\nf = x.y.today()\n"
        #expect(!Self.bannedCalls.mayHit(Array(safe.utf8)))
        for unsafe in ["from datetime import time\nx = time(24, 0)", "import datetime as d\nd.time(9, hour=24)",
                       "from datetime.date import today as now\nx = now(timezone.utc)",
                       "from datetime.date import (today as\n  now)\nx = now(tz)", "from datetime import date as day\nday.today()",
                       "from datetime import datetime\ndatetime.strptime(s, \"%H:%M\")", "import datetime\ndatetime.date.today()",
                       "x = datetime.now()", "x = datetime.now( # c\n)", "x = datetime.now(*a)", "x = datetime.now(foo=1)",
                       "from datetime import datetime\ndatetime.fromtimestamp(tz  # zone\n = utc)",
                       "from datetime import datetime\ndatetime.fromtimestamp(tz=)",
                       "from datetime import datetime\ndatetime.fromtimestamp(tz\u{0B}= utc)",
                       // `1.` is a number: `day` heads the chain, and an alias binds it.
                       "from datetime import datetime as day\nx = 1.day.now()",
                       "import datetime as a\nx = a.datetime.now()"] {
            #expect(Self.bannedCalls.mayHit(Array(unsafe.utf8)), "\(unsafe)")
        }
    }

    static let windows = BitmapWindowLiteralCheck(startKeys: ["start_time"], endKeys: ["end_time"], pairKeyContains: "window",
                                                  message: "{problem}")

    @Test func windowLiteralGateNeverHidesAHit() throws {
        var rng = SplitMix(seed: 23)
        let times = ["\"09:00\"", "'10:00'", "\"24:00\"", "\"09:07\"", "`11:00`", "\"9:00\"", "\"25:00\"", "\"10:00:30\"",
                     "r\"12:00\"", "f'08:30'", "\"08:00\"", "\"00:00\""]
        let pieces = ["(", ")", "[", "]", "{", "}", ",", ", ", " ", "\n", ":", ": ", "=", "start_time", "end_time",
                      "\"start_time\"", "'end_time'", "x_start_time", "window", "\"window\"", "f", "return ", "# c\n",
                      "// c\n", "/* c */", "\\\n", "x", "\"", "'", "`", "/", "é", "\u{00A0}", "\u{3000}", "\u{2028}", "\r",
                      "\r\n", "\u{0B}", "\u{0C}", "\"\"\"", "'''", "${", "<p>", "}", "\n  ", "start_time: ", "'end_time': ",
                      "end_time=", "\\"]
        let geometries = [BitmapGeometry.default, try #require(BitmapGeometry(minutesPerSlot: 30))]
        var gated = 0, hits = 0
        for _ in 0..<20_000 {
            func time() -> String { times[Int(rng.next() % UInt64(times.count))] }
            func piece() -> String { pieces[Int(rng.next() % UInt64(pieces.count))] }
            func gap() -> String { rng.next() % 2 == 0 ? " " : piece() }
            // Window shapes with random times and random gaps, among noise.
            let text = (0..<Int(rng.next() % 10)).map { _ in
                switch rng.next() % 10 {
                case 0: return "(" + time() + "," + gap() + time() + ")"
                case 1: return "[" + time() + gap() + "," + gap() + time() + "]"
                case 2: return "{\"start_time\":" + gap() + time() + ", \"end_time\": " + time() + "}"
                case 3: return "Window(start_time=" + time() + "," + gap() + "end_time=" + time() + ")"
                case 4: return time()
                // Keyed values next to each other, over lines, after noise
                // on their line: one window to the gate, or not.
                case 5: return "\n" + gap() + "start_time: " + time() + "," + gap() + "end_time: " + time() + gap()
                case 6: return "\n  'end_time': " + time() + ",\n" + gap() + "'start_time': " + time() + ",\n"
                case 7: return gap() + "start_time=" + time() + gap()
                case 8: return "{start_time: " + time() + ", n: 60," + gap() + "k: 'a" + piece() + "', end_time: " + time() + "}"
                default: return piece()
                }
            }.joined()
            let bytes = Array(text.utf8)
            let geometry = geometries[Int(rng.next() % 2)]
            for (path, language) in [("a.py", Language.python), ("a.ts", .typescript), ("a.json", .json)] {
                let file = FileContext(source: SourceFile(path: path, bytes: bytes, language: language))
                file.settings = RunSettings(geometry: geometry)
                var found: [Hit] = []
                Self.windows.scanCode(file, geometry, &found)
                if !found.isEmpty { hits += 1 }
                guard !Self.windows.mayHit(bytes, python: language == .python, json: language == .json, geometry) else { continue }
                gated += 1
                #expect(found.isEmpty, "\(language): \(text)")
            }
        }
        #expect(gated > 10_000)
        #expect(hits > 1_000)
        // Valid data is ruled out; each kind of invalid window is not.
        let valid = "SLOTS = [(\"09:00\", \"10:00\"), (\"18:00\", \"24:00\")]\nw = {\"start_time\": \"08:00\", \"end_time\": \"09:00\"}\n"
        #expect(!Self.windows.mayHit(Array(valid.utf8), python: true, .default))
        for invalid in ["(\"10:00\", \"09:00\")", "(\"24:00\", # c\n \"06:00\")", "{\"start_time\": \"24:00\"}",
                        "Window(end_time=\"09:00\", start_time=\"10:00\")", "{\"end_time\":\n  \"25:00\"}"] {
            #expect(Self.windows.mayHit(Array(invalid.utf8), python: true, .default), "\(invalid)")
        }
        // A Unicode space is a blank to the TS/JS lexer (and JSON's).
        for invalid in ["const w = [\"10:00\",\u{00A0}\"09:00\"];", "{\"start_time\":\u{00A0}\"24:00\"}",
                        "const w = [\"10:00\"\u{3000}, \"09:00\"];"] {
            #expect(Self.windows.mayHit(Array(invalid.utf8), python: false, .default), "\(invalid)")
        }
        for invalid in ["x = (\"10:00\",\r\"09:00\")", "x = (\"10:00\",\r\n \"09:00\")"] {
            #expect(Self.windows.mayHit(Array(invalid.utf8), python: true, .default), "\(invalid)")
        }
    }

    /// Keyed values next to each other are one window to the gate only when
    /// nothing can make one of them code and the other not. Each case holds
    /// a real invalid window (last start 15:00, last end 11:00) and a
    /// look-alike pair (09:00, 11:00) that must not hide it.
    @Test func windowGateMatchesNeighboursOnlyWhenBothAreCode() throws {
        let geometry = BitmapGeometry.default
        let cases: [(String, Language)] = [
            // The later start is no neighbour of an end: against all ends.
            ("w = {'start_time': '10:00', 'end_time': '11:00', 'start_time': '12:00'}\n", .python),
            // The look-alike start is in a comment begun on its line.
            ("w = {'start_time': '15:00', 'end_time': '16:00',\n# start_time: '09:00',\n'end_time': '11:00'}\n", .python),
            ("const w = {start_time: '15:00', end_time: '16:00',\n// start_time: '09:00',\nend_time: '11:00'};\n", .typescript),
            // … in a string continued from the line before, ended by the line break.
            ("w = {'start_time': '15:00', 'end_time': '16:00', 'k': 'a\\\n start_time: '09:00',\n 'end_time': '11:00'}\n", .python),
            // … in a string begun on its line.
            ("w = {'start_time': '15:00', 'end_time': '16:00', 'k': 'a, start_time: '09:00',\n 'end_time': '11:00'}\n", .python),
            ("w = {'start_time': '15:00', 'end_time': '16:00', 'k': 'a\\', start_time: '09:00',\n 'end_time': '11:00'}\n", .python),
            // The look-alike values are no keyed values to the check: a key
            // that only ends in one, a bytes value, a value followed by
            // more, a name key in a Python dict or in JSON.
            ("{\n  \"end_time\": \"11:00\",\n  \"break_start_time\": \"09:00\",\n  \"start_time\": \"15:00\",\n  \"break_end_time\": \"16:00\"\n}\n", .json),
            ("const w = {end_time: '11:00', slot_start_time: '09:00', start_time: '15:00', slot_end_time: '16:00'};\n", .typescript),
            ("w = {'end_time': '11:00', 'start_time': '09:00' if a else b, 'start_time': '15:00', 'end_time': '16:00' if a else b}\n", .python),
            ("w = {'end_time': '11:00', 'start_time': b'09:00',\n     'start_time': '15:00', 'end_time': b'16:00'}\n", .python),
            ("w = {'end_time': '11:00', start_time: '09:00', 'start_time': '15:00', end_time: '16:00'}\n", .python),
            ("{\"end_time\": \"11:00\", start_time: \"09:00\", \"start_time\": \"15:00\", end_time: \"16:00\"}\n", .json),
            // … or a key on the line before the value: the tail of a string
            // a line break ends, a private name.
            ("{\"start_time\": \"15:00\", \"end_time\": \"16:00\", \"k\": \"x 'start_time'\n: \"09:00\", \"end_time\": \"11:00\"}\n", .json),
            ("w = {'start_time': '15:00', 'end_time': '16:00', 'k': \"x 'start_time'\n: '09:00', 'end_time': '11:00'}\n", .python),
            ("const w = {start_time: '15:00', end_time: '16:00', k: \"x 'start_time'\n: '09:00', end_time: '11:00'};\n", .typescript),
            ("const w = {start_time: '15:00', end_time: '16:00', #start_time\n: '09:00', end_time: '11:00'};\n", .typescript),
            // … or one in brackets of the other separator's kind.
            ("x = f(end_time='16:00', start_time='15:00', 'start_time': '09:00', end_time='11:00')\n", .python),
            // The look-alike start is in another object.
            ("w = {'start_time': '15:00', 'end_time': '16:00', 'n': {'start_time': '09:00', 'k': ''}, 'end_time': '11:00'}\n", .python),
        ]
        for (text, language) in cases {
            let bytes = Array(text.utf8)
            let path = language == .python ? "a.py" : (language == .json ? "a.json" : "a.ts")
            let file = FileContext(source: SourceFile(path: path, bytes: bytes, language: language))
            var found: [Hit] = []
            Self.windows.scanCode(file, geometry, &found)
            #expect(!found.isEmpty, "no invalid window in: \(text)")
            #expect(Self.windows.mayHit(bytes, python: language == .python, json: language == .json, geometry), "\(text)")
        }
        // A key that ends in a start key and is an end key: its minutes as an end.
        let both = BitmapWindowLiteralCheck(startKeys: ["start_time", "time"], endKeys: ["end_time", "time"],
                                            pairKeyContains: "window", message: "{problem}")
        let swapped = Array("{\"end_time\": \"16:00\", \"start_time\": \"17:00\"}\n".utf8)
        var swappedHits: [Hit] = []
        both.scanCode(FileContext(source: SourceFile(path: "a.json", bytes: swapped, language: .json)), geometry, &swappedHits)
        #expect(!swappedHits.isEmpty)
        #expect(both.mayHit(swapped, python: false, json: true, geometry))
        // Test data of valid windows, one object after another: no tokens.
        let script = """
        const slots = [
          { start_time: '15:00', end_time: '16:00' },
          {
            start_time: '09:00',
            end_time: '11:00',
          },
          {"end_time": "08:00", "start_time": "07:00"},
          {"start_time": "09:00", "duration": 60, "room": 'b-2', "end_time": "10:00"},
        ];

        """
        #expect(!Self.windows.mayHit(Array(script.utf8), python: false, geometry))
        let python = """
        SLOTS = [{"start_time": "18:00", "end_time": "24:00"}, {"end_time": "08:00", "start_time": "07:00"}]
        w = Window(start_time="10:00",
                   end_time="10:30")
        {'start_time': '09:00', 'duration': 60, 'room': 'b-2', 'end_time': '10:00'}

        """
        #expect(!Self.windows.mayHit(Array(python.utf8), python: true, geometry))
        let json = """
        [{"start_time": "18:00", "end_time": "24:00"},
         {"end_time": "08:00", "start_time": "07:00"}]

        """
        #expect(!Self.windows.mayHit(Array(json.utf8), python: false, json: true, geometry))
    }

    static let fetchOptions = RequiredCallOptionCheck(callees: ["fetch", "window.fetch", "globalThis.fetch", "self.fetch"],
                                                      argument: 2, key: "cache", message: "{callee}")

    /// uncached-fetch's gate (member receivers, a spread first) never keeps
    /// out a file the check reports on, over random TS/JS around calls.
    @Test func requiredOptionGateNeverHidesAHit() {
        var rng = SplitMix(seed: 31)
        let pieces = ["fetch(", "fetch(u)", "fetch(u, o)", "fetch(...a)", "fetch( ...a, o)", "fetch(/* c */...a)", "(", ")",
                      "...a", "...", "..", ".", "?.", "window.", "self.", "globalThis.", "a.window.", "this.", "obj.", "$.", "#x.",
                      "window .", "window\n.", "{ cache: 'no-store' }", "{}", "{ method: 'GET' }", "u", ",", ", ", " ", "\n",
                      "/* c */", "// c\n", "\u{00A0}", "é", "x", "1.", "const o = {};\n", "`${", "}`", "'", "\"", "<T>", "/", "</p>"]
        var gated = 0, hits = 0
        for _ in 0..<12_000 {
            let text = Self.pick(pieces, &rng, count: 10)
            let bytes = Array(text.utf8)
            for dialect in ["a.ts", "a.tsx", "a.js"] {
                let file = FileContext(source: SourceFile(path: dialect, bytes: bytes, language: .typescript))
                var found: [Hit] = []
                Self.fetchOptions.runOnTokens(file, into: &found)
                if !found.isEmpty { hits += 1 }
                guard !Self.fetchOptions.mayHit(bytes) else { continue }
                gated += 1
                #expect(found.isEmpty, "\(dialect): \(text)")
            }
        }
        #expect(gated > 10_000)
        #expect(hits > 1_000)
        // Other functions named `fetch`, and calls that may pass options.
        #expect(!Self.fetchOptions.mayHit(Array("this.fetch(u); obj.fetch(u); fetch(...args)".utf8)))
        for call in ["fetch(u)", "window.fetch(u)", "self . fetch(u)", "x?.fetch(u)", "fetch(.5)", "fetch(u, ...o)"] {
            #expect(Self.fetchOptions.mayHit(Array(call.utf8)), "\(call)")
        }
    }

    static let magicNumbers = BitmapMagicNumberCheck(calls: ["bytes", "bytearray", "BIT", "Buffer.alloc"], constructors: ["Uint8Array"],
                                                     cElementTypes: [], message: "{literal}")

    @Test func magicNumberGateNeverHidesAHit() {
        var rng = SplitMix(seed: 25)
        let pieces = ["bytes(", "bytearray(", "BIT(", "Buffer.alloc(", "new Uint8Array(", "len(x)", "x.length", "180", "1440",
                      "1_440", "0_180", "180.0", "180n", "(", ")", ",", " ", "\n", "==", "!=", "===", "!==", "=", "<=", "+",
                      "# c\n", "// c\n", "/* c */", "\\\n", "x", ".", "return ", "len(bits) != 180", "180 === b.length",
                      "bytes(180)", "new Uint8Array(1440)", "0xB4", "0o264", "0b10110100", "1_8_0", "0180", "0x5A0", "$180",
                      "\u{00A0}", "\u{3000}", "\r", "\r\n", "\u{0B}", "bytearray(0xB4)"]
        var gated = 0, hits = 0
        for _ in 0..<10_000 {
            let text = Self.pick(pieces, &rng, count: 10)
            let bytes = Array(text.utf8)
            for (path, language) in [("a.py", Language.python), ("a.ts", .typescript)] {
                let file = FileContext(source: SourceFile(path: path, bytes: bytes, language: language))
                var found: [Hit] = []
                Self.magicNumbers.scanCode(file, .default, &found)
                if !found.isEmpty { hits += 1 }
                guard !Self.magicNumbers.mayHit(bytes, python: language == .python, RunSettings()) else { continue }
                gated += 1
                #expect(found.isEmpty, "\(language): \(text)")
            }
        }
        #expect(gated > 5_000)
        #expect(hits > 1_000)
        let plain = "BYTES_PER_DAY = 180\nMINUTES = 1440  # a day\nx = f(n=180) + 1_440\n"
        #expect(!Self.magicNumbers.mayHit(Array(plain.utf8), python: true, RunSettings()))
        // Any spelling of the value counts, and a Unicode space is a TS/JS blank.
        #expect(Self.magicNumbers.mayHit(Array("BYTES_PER_DAY = 180\nbuf = bytearray(0xB4)\n".utf8), python: true, RunSettings()))
        #expect(Self.magicNumbers.mayHit(Array("if (buf.length ===\u{00A0}180) {}".utf8), python: false, RunSettings()))
        #expect(Self.magicNumbers.mayHit(Array("const b = Buffer.alloc(\u{00A0}180);".utf8), python: false, RunSettings()))
    }

    /// The eight-byte digit test is exact: every byte value at every place,
    /// among bytes that are no digits (`/` and `:` sit just outside).
    @Test func eightByteDigitTestIsExact() {
        for filler: UInt8 in [0x2F, 0x3A, 0x00, 0xFF, 0x41] {
            for b in 0...255 {
                for place in 0..<8 {
                    var bytes = [UInt8](repeating: filler, count: 8)
                    bytes[place] = UInt8(b)
                    let w = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    #expect(BitmapMagicNumberCheck.hasDigit(w) == (UInt8(b) &- 0x30 < 10), "\(b) at \(place) among \(filler)")
                }
            }
        }
    }
}
