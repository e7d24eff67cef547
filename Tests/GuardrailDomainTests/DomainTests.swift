import Testing
@testable import GuardrailDomain

@Suite struct DomainTests {
    let minute = BitmapGeometry.default
    let half = BitmapGeometry(minutesPerSlot: 30)!

    @Test func geometryInvariants() {
        #expect(minute.bitsPerDay == 1440 && minute.bytesPerDay == 180)
        #expect(half.bitsPerDay == 48 && half.bytesPerDay == 6)
        let five = BitmapGeometry(minutesPerSlot: 5)!
        #expect(five.bitsPerDay == 288 && five.bytesPerDay == 36)
        for m in [1, 2, 3, 5, 7, 15, 30, 45, 60, 90, 1440, 0, -1, 2000] {
            guard let g = BitmapGeometry(minutesPerSlot: m) else {
                #expect(m <= 0 || 1440 % m != 0 || m > 1440)
                continue
            }
            #expect(g.slotsPerDay * g.minutesPerSlot == 1440)
            #expect(g.bytesPerDay == (g.bitsPerDay + 7) / 8)
            #expect(g.bytesPerDay * 8 >= g.bitsPerDay && (g.bytesPerDay - 1) * 8 < g.bitsPerDay)
        }
    }

    @Test func lastHourBeforeMidnight() throws {
        let w = try Window.parse("23:00", "24:00", geometry: minute).get()
        #expect(w.start == 1380 && w.end == 1440)
        let bits = DayBitmap(windows: [w], geometry: minute)
        #expect((0..<1380).allSatisfy { !bits.isSet(slot: $0) })
        #expect((1380..<1440).allSatisfy { bits.isSet(slot: $0) })
        #expect(bits.windows == [w])
    }

    @Test func fullDay() throws {
        let w = try Window.parse("00:00", "24:00", geometry: half).get()
        let bits = DayBitmap(windows: [w], geometry: half)
        #expect(bits.bytes == [UInt8](repeating: 0xFF, count: 6))
        #expect(try Window.parse("00:00:00", "24:00:00", geometry: minute).get() == Window(start: 0, end: 1440, geometry: minute))
    }

    @Test func invalidWindows() {
        func problem(_ a: String, _ b: String, _ g: BitmapGeometry) -> String? {
            if case .failure(let p) = Window.parse(a, b, geometry: g) { return p.description }
            return nil
        }
        #expect(problem("10:00", "09:00", minute) == "start `10:00` is not before end `09:00`")
        #expect(problem("10:00", "10:00", minute) == "start `10:00` is not before end `10:00`")
        #expect(problem("25:00", "26:00", minute) == "`25:00` is not a time of day")
        #expect(problem("24:00", "24:00", minute) == "`24:00` is valid only as an end")
        #expect(problem("09:07", "10:00", half) == "`09:07` is not on a 30-minute slot boundary")
        #expect(problem("09:00", "24:30", minute) == "`24:30` is not a time of day")
        #expect(problem("09:60", "10:00", minute) == "`09:60` is not a time of day")
        #expect(problem("9am", "10:00", minute) == "`9am` is not `HH:MM` or `HH:MM:SS`")
        #expect(problem("09:00:30", "10:00", minute) == "`09:00:30` has seconds; windows are whole minutes")
        #expect(problem("09:07", "10:00", minute) == nil)
    }

    @Test func roundTripIsIdentityOnValidSets() {
        // Deterministic pseudo-random sets of disjoint, non-adjacent windows.
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        for g in [minute, half, BitmapGeometry(minutesPerSlot: 5)!, BitmapGeometry(minutesPerSlot: 60)!] {
            for _ in 0..<200 {
                var windows: [Window] = []
                var slot = next(4)
                while slot < g.slotsPerDay {
                    let length = 1 + next(6)
                    let end = min(slot + length, g.slotsPerDay)
                    windows.append(Window(start: slot * g.minutesPerSlot, end: end * g.minutesPerSlot, geometry: g)!)
                    slot = end + 1 + next(5)
                }
                let bits = DayBitmap(windows: windows, geometry: g)
                #expect(bits.windows == windows)
                #expect(DayBitmap(windows: bits.windows, geometry: g) == bits)
            }
        }
    }

    @Test func packingMatchesTheBackend() {
        var bits = DayBitmap(geometry: half)
        bits.set(slot: 0); bits.set(slot: 9); bits.set(slot: 47)
        #expect(bits.bytes == [0x01, 0x02, 0, 0, 0, 0x80])
        #expect(DayBitmap(bytes: [0, 0, 0], geometry: half) == nil)
        #expect(TimeOfDay.format(1440) == "24:00" && TimeOfDay.format(545) == "09:05")
    }
}

@Suite struct TimeShapeTests {
    @Test func singleDigitHoursLookLikeTimesButAreMalformed() {
        #expect(TimeOfDay.looksLikeTime("9:00"))
        if case .failure(let p) = TimeOfDay.minutes("9:00", as: .start) {
            #expect(p == .malformed("9:00"))
        } else { Issue.record("9:00 accepted") }
        #expect((try? TimeOfDay.minutes("09:00", as: .start).get()) == 540)
    }

    /// The one-pass byte reading against the definition it replaced: split
    /// at colons, 2 or 3 parts, 1–2 then exactly 2 digits each, digits
    /// only. 200,000 random texts of digits, colons and a few other bytes,
    /// lengths 0–10, plus every text of up to 5 bytes over `0`, `9`, `:`.
    @Test func fieldsAgreeWithTheSplitDefinition() {
        func reference(_ text: String) -> Bool {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3 else { return false }
            guard (1...2).contains(parts[0].count), parts.dropFirst().allSatisfy({ $0.count == 2 }) else { return false }
            return parts.allSatisfy { $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
        }
        func referenceMinutes(_ text: String) -> Int? {
            guard reference(text), text.utf8.count == 5 || text.utf8.count == 8 else { return nil }
            let parts = text.split(separator: ":").map { Int($0)! }
            return parts[0] * 60 + parts[1] + (parts.count == 3 ? parts[2] * 100_000 : 0)
        }
        var texts: [String] = []
        var level = [""]
        for _ in 0..<5 {
            level = level.flatMap { t in ["0", "9", ":"].map { t + $0 } }
            texts += level
        }
        let alphabet: [String] = ["0", "1", "2", "4", "5", "9", ":", ":", ":", " ", "x", "/", "\u{301}", "\u{0660}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<200_000 {
            texts.append((0..<next(11)).map { _ in alphabet[next(alphabet.count)] }.joined())
        }
        var mismatches: [String] = []
        for text in texts {
            let fields = TimeOfDay.fields(text)
            let mine = fields.flatMap { f -> Int? in
                (f.length == 5 || f.length == 8) ? f.hours * 60 + f.minutes + f.seconds * 100_000 : nil
            }
            if (fields != nil) != reference(text) || mine != referenceMinutes(text) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) texts differ, e.g. \(mismatches.prefix(5))")
        #expect(texts.count > 200_000)
    }
}
