// MARK: - JSONText

/// JSON string literals, for the writers that emit JSON by hand (reports,
/// baselines) so that key order and bytes stay deterministic.
public enum JSONText {
    /// A JSON string literal: quotes, backslashes and control characters
    /// escaped, and U+2028/U+2029 (which JavaScript parsers once rejected).
    /// Works on the UTF-8 bytes; a string with nothing to escape is copied
    /// once.
    public static func quote(_ s: String) -> String {
        var s = s
        return s.withUTF8 { buf in
            var needs = false
            for b in buf where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { needs = true; break }
            if !needs {
                return String(unsafeUninitializedCapacity: buf.count + 2) { out in
                    out[0] = 0x22
                    _ = UnsafeMutableBufferPointer(rebasing: out[1...]).initialize(from: buf)
                    out[buf.count + 1] = 0x22
                    return buf.count + 2
                }
            }
            var out: [UInt8] = [0x22]
            out.reserveCapacity(buf.count + 16)
            var i = 0
            while i < buf.count {
                let b = buf[i]
                switch b {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, UInt8(ascii: "n")]
                case 0x0D: out += [0x5C, UInt8(ascii: "r")]
                case 0x09: out += [0x5C, UInt8(ascii: "t")]
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
            return String(decoding: out, as: UTF8.self)
        }
    }
}
