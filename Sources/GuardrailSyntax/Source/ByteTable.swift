// MARK: - ByteTable

/// A 256-entry byte class for the lexers' per-byte loops: one load and one
/// test per byte instead of several range compares. The tables are built
/// once and live as long as the process (256 bytes each); a lexer copies
/// the pointer once per file, so the loop pays no lazy-global check.
struct ByteTable: @unchecked Sendable {
    private let base: UnsafePointer<Bool>

    private init(_ member: (UInt8) -> Bool) {
        let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
        for b in 0...255 { table[b] = member(UInt8(b)) }
        base = UnsafePointer(table)
    }

    @inline(__always) func contains(_ b: UInt8) -> Bool { base[Int(b)] }

    /// Bytes that continue a Python name: ASCII letters and digits, `_`, and
    /// every non-ASCII byte.
    static let pythonNamePart = ByteTable { b in
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x5F || b >= 0x80
    }

    /// Bytes that continue a TS/JS name without a closer look: ASCII
    /// letters and digits, `_` and `$` (non-ASCII bytes and `\u` escapes
    /// take the slow path).
    static let scriptNamePart = ByteTable { b in
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x5F || b == 0x24
    }
}
