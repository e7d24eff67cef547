import GuardrailRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - ByteScan

/// Whole-buffer byte scans used before tokenizing: the literal prefilter,
/// binary detection and UTF-8 validation.
enum ByteScan {
    /// Whether `needle` occurs in `haystack` (the rules' own byte search).
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        BytePrefilter.contains(haystack, needle)
    }

    /// Whether the buffer holds a NUL byte (the binary-file test).
    static func hasNUL(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buf.baseAddress, buf.count > 0 else { return false }
        return memchr(base, 0, buf.count) != nil
    }

    /// Whether the buffer is well-formed UTF-8 (no overlongs, no surrogates).
    static func isValidUTF8(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = buf.count
        var i = 0
        while i < n {
            // ASCII fast path: 32 bytes at a time, then 8.
            if i + 32 <= n {
                let raw = UnsafeRawPointer(buf.baseAddress! + i)
                let any = raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                if any & 0x8080_8080_8080_8080 == 0 { i += 32; continue }
            }
            if i + 8 <= n {
                let word = UnsafeRawPointer(buf.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let b = buf[i]
            if b < 0x80 { i += 1; continue }
            var need = 0
            var minNext: UInt8 = 0x80, maxNext: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; minNext = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; maxNext = 0x9F
            case 0xF0: need = 3; minNext = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; maxNext = 0x8F
            default: return false
            }
            guard i + need < n else { return false }
            let c = buf[i + 1]
            guard c >= minNext && c <= maxNext else { return false }
            var k = 2
            while k <= need {
                guard buf[i + k] & 0xC0 == 0x80 else { return false }
                k += 1
            }
            i += need + 1
        }
        return true
    }
}
