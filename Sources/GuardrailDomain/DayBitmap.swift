// MARK: - DayBitmap

/// One instructor-day: `bitsPerDay` bits, slot `i` at byte `i / 8`, bit
/// `i % 8` (least significant first), as the backend's `bitset.py` packs them.
public struct DayBitmap: Sendable, Equatable {
    public let geometry: BitmapGeometry
    public private(set) var bytes: [UInt8]

    public init(geometry: BitmapGeometry) {
        self.geometry = geometry
        self.bytes = [UInt8](repeating: 0, count: geometry.bytesPerDay)
    }

    /// A bitmap from stored bytes, or nil when the length is wrong.
    public init?(bytes: [UInt8], geometry: BitmapGeometry) {
        guard bytes.count == geometry.bytesPerDay else { return nil }
        self.geometry = geometry
        self.bytes = bytes
    }

    public func isSet(slot: Int) -> Bool {
        bytes[slot / 8] & (1 << UInt8(slot % 8)) != 0
    }

    public mutating func set(slot: Int, _ value: Bool = true) {
        if value { bytes[slot / 8] |= 1 << UInt8(slot % 8) } else { bytes[slot / 8] &= ~(1 << UInt8(slot % 8)) }
    }

    /// Sets every slot of the window.
    public mutating func insert(_ window: Window) {
        let m = geometry.minutesPerSlot
        for slot in (window.start / m)..<(window.end / m) { set(slot: slot) }
    }

    /// A bitmap holding the windows.
    public init(windows: [Window], geometry: BitmapGeometry) {
        self.init(geometry: geometry)
        for w in windows { insert(w) }
    }

    /// The set slots as merged, sorted windows (adjacent windows join).
    public var windows: [Window] {
        var out: [Window] = []
        var runStart: Int?
        let m = geometry.minutesPerSlot
        for slot in 0...geometry.slotsPerDay {
            let on = slot < geometry.slotsPerDay && isSet(slot: slot)
            if on, runStart == nil { runStart = slot }
            if !on, let s = runStart {
                out.append(Window(uncheckedStart: s * m, end: slot * m))
                runStart = nil
            }
        }
        return out
    }
}
