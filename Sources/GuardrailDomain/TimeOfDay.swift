// MARK: - TimeOfDay

/// `HH:MM` / `HH:MM:SS` times as minutes of the day. `24:00[:00]` is valid
/// only as a window's end, where it is minute 1440.
public enum TimeOfDay {
    public enum Role: Sendable { case start, end }

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case outOfRange(String)
        case midnightAsStart
        case secondsNotZero(String)

        public var description: String {
            switch self {
            case .malformed(let s): return "`\(s)` is not `HH:MM` or `HH:MM:SS`"
            case .outOfRange(let s): return "`\(s)` is not a time of day"
            case .midnightAsStart: return "`24:00` is valid only as an end"
            case .secondsNotZero(let s): return "`\(s)` has seconds; windows are whole minutes"
            }
        }
    }

    /// Whether `text` has the shape of a time (`H:MM`, `HH:MM`, `HH:MM:SS`),
    /// valid or not: how literals are recognised as times at all.
    public static func looksLikeTime(_ text: String) -> Bool {
        fields(text) != nil
    }

    /// Minutes of the day, or the problem.
    public static func minutes(_ text: String, as role: Role) -> Result<Int, Problem> {
        // `9:00` looks like a time (so it is checked) but is not `HH:MM`.
        guard let (h, m, s, length) = fields(text), length == 5 || length == 8 else { return .failure(.malformed(text)) }
        guard m < 60, s < 60, h <= 24 else { return .failure(.outOfRange(text)) }
        if h == 24 {
            guard m == 0, s == 0 else { return .failure(.outOfRange(text)) }
            return role == .end ? .success(BitmapGeometry.minutesPerDay) : .failure(.midnightAsStart)
        }
        guard s == 0 else { return .failure(.secondsNotZero(text)) }
        return .success(h * 60 + m)
    }

    /// The numbers of a time-shaped text — one or two digits, a colon, two
    /// digits, optionally a colon and two more — with its length in bytes
    /// (seconds 0 when absent); nil for any other text. One pass over the
    /// bytes, nothing allocated: it runs for every time-shaped literal.
    static func fields(_ text: String) -> (hours: Int, minutes: Int, seconds: Int, length: Int)? {
        var values = (0, 0, 0)
        var field = 0, digits = 0, value = 0, length = 0
        for b in text.utf8 {
            length += 1
            if b == UInt8(ascii: ":") {
                // A field ends: the hours take one or two digits, the minutes two.
                guard field < 2, digits == 2 || (field == 0 && digits == 1) else { return nil }
                if field == 0 { values.0 = value } else { values.1 = value }
                field += 1
                digits = 0
                value = 0
            } else if b &- UInt8(ascii: "0") < 10 {
                digits += 1
                guard digits <= 2 else { return nil }
                value = value * 10 + Int(b &- UInt8(ascii: "0"))
            } else {
                return nil
            }
        }
        guard field >= 1, digits == 2 else { return nil }
        if field == 1 { values.1 = value } else { values.2 = value }
        return (values.0, values.1, values.2, length)
    }

    /// `HH:MM` for a minute of the day (1440 → `24:00`).
    public static func format(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}
