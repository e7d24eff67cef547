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
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return false }
        guard (1...2).contains(parts[0].count), parts.dropFirst().allSatisfy({ $0.count == 2 }) else { return false }
        return parts.allSatisfy { $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
    }

    /// Minutes of the day, or the problem.
    public static func minutes(_ text: String, as role: Role) -> Result<Int, Problem> {
        // `9:00` looks like a time (so it is checked) but is not `HH:MM`.
        guard looksLikeTime(text), text.utf8.count == 5 || text.utf8.count == 8 else { return .failure(.malformed(text)) }
        let parts = text.split(separator: ":").map { Int($0)! }
        let (h, m) = (parts[0], parts[1])
        let s = parts.count == 3 ? parts[2] : 0
        guard m < 60, s < 60, h <= 24 else { return .failure(.outOfRange(text)) }
        if h == 24 {
            guard m == 0, s == 0 else { return .failure(.outOfRange(text)) }
            return role == .end ? .success(BitmapGeometry.minutesPerDay) : .failure(.midnightAsStart)
        }
        guard s == 0 else { return .failure(.secondsNotZero(text)) }
        return .success(h * 60 + m)
    }

    /// `HH:MM` for a minute of the day (1440 → `24:00`).
    public static func format(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }
}
