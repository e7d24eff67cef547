// MARK: - Window

/// An availability window `[start, end)` in minutes, aligned to the geometry.
public struct Window: Sendable, Equatable, Hashable {
    public let start: Int
    public let end: Int

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case time(TimeOfDay.Problem)
        case notIncreasing(String, String)
        case misaligned(String, Int)

        public var description: String {
            switch self {
            case .time(let p): return p.description
            case .notIncreasing(let a, let b): return "start `\(a)` is not before end `\(b)`"
            case .misaligned(let t, let m): return "`\(t)` is not on a \(m)-minute slot boundary"
            }
        }
    }

    /// Parses and checks a window of `HH:MM[:SS]` strings for a geometry.
    public static func parse(_ start: String, _ end: String, geometry: BitmapGeometry) -> Result<Window, Problem> {
        let s: Int, e: Int
        switch TimeOfDay.minutes(start, as: .start) {
        case .success(let v): s = v
        case .failure(let p): return .failure(.time(p))
        }
        switch TimeOfDay.minutes(end, as: .end) {
        case .success(let v): e = v
        case .failure(let p): return .failure(.time(p))
        }
        guard s < e else { return .failure(.notIncreasing(start, end)) }
        if s % geometry.minutesPerSlot != 0 { return .failure(.misaligned(start, geometry.minutesPerSlot)) }
        if e % geometry.minutesPerSlot != 0 { return .failure(.misaligned(end, geometry.minutesPerSlot)) }
        return .success(Window(uncheckedStart: s, end: e))
    }

    public init?(start: Int, end: Int, geometry: BitmapGeometry) {
        guard start >= 0, end <= BitmapGeometry.minutesPerDay, start < end,
              start % geometry.minutesPerSlot == 0, end % geometry.minutesPerSlot == 0 else { return nil }
        self.start = start
        self.end = end
    }

    init(uncheckedStart: Int, end: Int) {
        self.start = uncheckedStart
        self.end = end
    }
}
