// MARK: - NameKey

/// How `PythonScopes` compares names: as Swift strings compare, by canonical
/// equivalence (`café` precomposed equals `cafe` + U+0301; the Kelvin sign
/// K equals `K`), without making a string for the common all-ASCII name.
///
/// An ASCII name equals another only byte for byte. A non-ASCII name can
/// equal an ASCII one only when every non-ASCII scalar in it decomposes to
/// ASCII — U+212A KELVIN SIGN (`K`), U+037E GREEK QUESTION MARK (`;`) and
/// U+1FEF GREEK VARIA (`` ` ``) are the only such scalars — so such a name
/// hashes as its ASCII spelling; any other non-ASCII name hashes as a
/// `String` (normalization-aware). Hashes come from `Hasher`, seeded per
/// process, so no input can be crafted to pile names into one bucket; what
/// the hash decides (bucket order) never reaches the output.
enum NameKey {
    @inline(__always) static func isASCII(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        var bits: UInt8 = 0
        for b in name { bits |= b }
        return bits < 0x80
    }

    /// The ASCII spelling a non-ASCII name is canonically equal to, if any.
    static func asciiEquivalent(_ name: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        for scalar in String(decoding: name, as: UTF8.self).unicodeScalars {
            switch scalar.value {
            case 0..<0x80: out.append(UInt8(scalar.value))
            case 0x212A: out.append(UInt8(ascii: "K"))
            case 0x037E: out.append(UInt8(ascii: ";"))
            case 0x1FEF: out.append(UInt8(ascii: "`"))
            default: return nil
            }
        }
        return out
    }

    static func hash(_ name: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        if isASCII(name) {
            hasher.combine(bytes: UnsafeRawBufferPointer(name))
        } else if let ascii = asciiEquivalent(name) {
            ascii.withUnsafeBytes { hasher.combine(bytes: $0) }
        } else {
            hasher.combine(String(decoding: name, as: UTF8.self))
        }
        return hasher.finalize()
    }

    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.count == b.count && a.elementsEqual(b) { return true }
        if isASCII(a) && isASCII(b) { return false }
        return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
    }
}

// MARK: - NameTable

/// Distinct names, each with a dense id (in order of first insertion), found
/// by an open-addressing table over `NameKey` hashes: expected constant time
/// per lookup whatever the names.
struct NameTable: Sendable {
    private(set) var names: [[UInt8]] = []
    private var hashes: [Int] = []
    /// 1 + name id, 0 empty.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { names.count }

    /// The id of `name`, or nil.
    func id(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        find(name, NameKey.hash(name)).id
    }

    /// The id of `name`, added if new.
    mutating func insert(_ name: UnsafeBufferPointer<UInt8>) -> Int {
        let hash = NameKey.hash(name)
        let (found, slot) = find(name, hash)
        if let found { return found }
        names.append(Array(name))
        hashes.append(hash)
        slots[slot] = Int32(truncatingIfNeeded: names.count)
        if names.count * 2 > slots.count { grow() }
        return names.count - 1
    }

    private func find(_ name: UnsafeBufferPointer<UInt8>, _ hash: Int) -> (id: Int?, slot: Int) {
        var slot = hash & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return (nil, slot) }
            if hashes[entry - 1] == hash, names[entry - 1].withUnsafeBufferPointer({ NameKey.equal($0, name) }) {
                return (entry - 1, slot)
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (k, hash) in hashes.enumerated() {
            var slot = hash & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: k + 1)
        }
    }
}

// MARK: - NameSet

/// Names, tested against a token by length and first byte (one bit test for
/// most tokens) before a table lookup. The bits come from each name's ASCII
/// spelling where it has one; a token with a non-ASCII byte can match a name
/// of another length, so `contains` takes the lookup for it.
struct NameSet: Sendable {
    let names: [[UInt8]]
    private let shapes: UInt64
    private let table: NameTable

    init(_ names: [[UInt8]]) {
        self.names = names
        var shapes: UInt64 = 0
        var table = NameTable(capacity: names.count)
        for name in names {
            name.withUnsafeBufferPointer { buf in
                let spelling = NameKey.isASCII(buf) ? name : (NameKey.asciiEquivalent(buf) ?? name)
                shapes |= Self.shape(spelling.count, spelling.first ?? 0)
                _ = table.insert(buf)
            }
        }
        self.shapes = shapes
        self.table = table
    }

    @inline(__always) static func shape(_ length: Int, _ first: UInt8) -> UInt64 {
        1 << ((UInt64(truncatingIfNeeded: length) &* 7 &+ UInt64(first)) & 63)
    }

    /// Whether an all-ASCII token may be one of the names (the bit test only).
    @inline(__always) func mayContain(_ token: Token, _ bytes: [UInt8]) -> Bool {
        token.length > 0 && shapes & Self.shape(token.length, bytes[Int(token.start)]) != 0
    }

    /// Whether the token's text is one of the names.
    func contains(_ token: Token, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { contains(UnsafeBufferPointer(rebasing: $0[Int(token.start)..<Int(token.end)])) }
    }

    func contains(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !name.isEmpty else { return false }
        if NameKey.isASCII(name) && shapes & Self.shape(name.count, name[0]) == 0 { return false }
        return table.id(of: name) != nil
    }
}
