// MARK: - BitmapGeometry

/// The shape of one instructor-day bitmap: one bit per slot, `[start, end)`
/// windows in minutes 0–1440. Its invariants hold by construction:
/// slots × minutes per slot = 1440, bytes = ceil(bits / 8).
public struct BitmapGeometry: Sendable, Equatable, CustomStringConvertible {
    public static let minutesPerDay = 1440

    public let minutesPerSlot: Int

    /// A geometry, or nil when `minutesPerSlot` does not divide a day.
    public init?(minutesPerSlot: Int) {
        guard minutesPerSlot > 0, minutesPerSlot <= Self.minutesPerDay, Self.minutesPerDay % minutesPerSlot == 0 else { return nil }
        self.minutesPerSlot = minutesPerSlot
    }

    /// The default: 1 bit per minute, 1440 bits, 180 bytes (the seed's `BIT(1440)`).
    public static let `default` = BitmapGeometry(minutesPerSlot: 1)!

    public var slotsPerDay: Int { Self.minutesPerDay / minutesPerSlot }
    public var bitsPerDay: Int { slotsPerDay }
    public var bytesPerDay: Int { (bitsPerDay + 7) / 8 }

    /// The value a named geometry constant must have.
    public func value(of constant: Constant) -> Int {
        switch constant {
        case .minutesPerDay: return Self.minutesPerDay
        case .minutesPerSlot: return minutesPerSlot
        case .slotsPerDay: return slotsPerDay
        case .bitsPerDay: return bitsPerDay
        case .bytesPerDay: return bytesPerDay
        }
    }

    public var description: String {
        minutesPerSlot == 1 ? "1-minute slots: \(bitsPerDay) bits, \(bytesPerDay) bytes per day"
            : "\(minutesPerSlot)-minute slots: \(bitsPerDay) bits, \(bytesPerDay) bytes per day"
    }

    /// The named constants code defines for the geometry.
    public enum Constant: String, Sendable, CaseIterable {
        case minutesPerDay = "MINUTES_PER_DAY"
        case minutesPerSlot = "MINUTES_PER_SLOT"
        case slotsPerDay = "SLOTS_PER_DAY"
        case bitsPerDay = "BITS_PER_DAY"
        case bytesPerDay = "BYTES_PER_DAY"
    }
}
