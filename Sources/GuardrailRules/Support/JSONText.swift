// MARK: - JSONText

/// JSON string literals, for the writers that emit JSON by hand (reports,
/// baselines) so that key order and bytes stay deterministic.
public enum JSONText {
    /// A JSON string literal: quotes, backslashes and control characters
    /// escaped, and U+2028/U+2029 (which JavaScript parsers once rejected).
    /// Works on the UTF-8 bytes; runs with nothing to escape are copied
    /// whole.
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the JSON string literal of `s` to `out` (see `quote`).
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { buf in
            out.reserveCapacity(out.count + buf.count + 2)
            out.append(0x22)
            var i = 0
            while i < buf.count {
                // The run up to the next byte that may need escaping, at once.
                var j = i
                while j < buf.count {
                    let c = buf[j]
                    if c < 0x20 || c == 0x22 || c == 0x5C || c == 0xE2 { break }
                    j += 1
                }
                if j > i {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                    i = j
                    continue
                }
                let b = buf[i]
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                case 0xE2 where i + 2 < buf.count && buf[i + 1] == 0x80 && (buf[i + 2] == 0xA8 || buf[i + 2] == 0xA9):
                    out += Array((buf[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    i += 2
                default:
                    if b < 0x20 {
                        let digits = Array("0123456789abcdef".utf8)
                        out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, digits[Int(b >> 4)], digits[Int(b & 0xF)]]
                    } else {
                        out.append(b)
                    }
                }
                i += 1
            }
            out.append(0x22)
        }
    }

    /// Appends the decimal digits of `n` to `out`.
    public static func appendInt(_ n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var v = n.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                v /= 10
                count += 1
            } while v > 0
            while count > 0 {
                count -= 1
                out.append(d[count])
            }
        }
    }
}
