// MARK: - ContentHash

/// XXH64 (Yann Collet's xxHash, 64-bit variant, written from its published
/// specification): the result cache's key for file contents and for the
/// cache file's own integrity check. Several GB/s on whole buffers, and the
/// same value on every platform and run.
public enum ContentHash {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// XXH64 of `bytes` with `seed`.
    public static func xxh64(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBufferPointer { xxh64($0, seed: seed) }
    }

    /// XXH64 of the bytes in `buf` with `seed` (little-endian lanes, as the
    /// reference implementation on every platform).
    public static func xxh64(_ buf: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> UInt64 {
        hash(buf, seed: seed, findNUL: false).hash
    }

    /// XXH64 of `bytes` (seed 0), and whether a NUL byte is among them: the
    /// binary-file test rides on the hash's pass over a file, the ALU work
    /// hidden in the multiplies' latency, instead of a pass of its own.
    public static func xxh64FindingNUL(_ bytes: [UInt8]) -> (hash: UInt64, nul: Bool) {
        bytes.withUnsafeBufferPointer { hash($0, seed: 0, findNUL: true) }
    }

    @inline(__always)
    private static func hash(_ buf: UnsafeBufferPointer<UInt8>, seed: UInt64, findNUL: Bool) -> (hash: UInt64, nul: Bool) {
        let n = buf.count
        guard let base = buf.baseAddress, n > 0 else { return (avalanche(seed &+ p5), false) }
        let raw = UnsafeRawPointer(base)
        // Bit 7 of a byte of `zeros` is set where a word had a zero byte
        // (exact as to whether any had: a borrow starts only at a zero byte).
        var zeros: UInt64 = 0
        @inline(__always) func note(_ w: UInt64) {
            if findNUL { zeros |= (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080 }
        }
        var i = 0
        var h: UInt64
        if n >= 32 {
            var v1 = seed &+ p1 &+ p2, v2 = seed &+ p2, v3 = seed, v4 = seed &- p1
            while i + 32 <= n {
                let w1 = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
                let w2 = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self).littleEndian
                let w3 = raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self).littleEndian
                let w4 = raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self).littleEndian
                v1 = round(v1, w1)
                v2 = round(v2, w2)
                v3 = round(v3, w3)
                v4 = round(v4, w4)
                note(w1); note(w2); note(w3); note(w4)
                i += 32
            }
            h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            h = merge(h, v1); h = merge(h, v2); h = merge(h, v3); h = merge(h, v4)
        } else {
            h = seed &+ p5
        }
        h = h &+ UInt64(n)
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian
            h ^= round(0, w)
            h = rotl(h, 27) &* p1 &+ p4
            note(w)
            i += 8
        }
        var nul = zeros != 0
        if i + 4 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian
            h ^= UInt64(w) &* p1
            h = rotl(h, 23) &* p2 &+ p3
            if findNUL { nul = nul || (w &- 0x0101_0101) & ~w & 0x8080_8080 != 0 }
            i += 4
        }
        while i < n {
            h ^= UInt64(base[i]) &* p5
            h = rotl(h, 11) &* p1
            if findNUL && base[i] == 0 { nul = true }
            i += 1
        }
        return (avalanche(h), nul)
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        rotl(acc &+ input &* p2, 31) &* p1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ v: UInt64) -> UInt64 {
        (acc ^ round(0, v)) &* p1 &+ p4
    }

    @inline(__always) private static func avalanche(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33; h = h &* p2
        h ^= h >> 29; h = h &* p3
        h ^= h >> 32
        return h
    }
}
