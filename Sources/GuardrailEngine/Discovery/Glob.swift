// MARK: - GlobError

/// A glob that cannot be compiled. The configuration layer, which knows where
/// the pattern was written, wraps it in `GuardrailError.config`.
public struct GlobError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. "unterminated `[`".
    public var message: String
    /// The pattern as written.
    public var pattern: String

    /// Creates an error for `pattern`.
    public init(message: String, pattern: String) {
        self.message = message
        self.pattern = pattern
    }

    /// The message alone; callers add the location.
    public var description: String { message }
}

// MARK: - Glob

/// A gitignore-style pattern (`*`, `**`, `?`, `[…]` incl. ranges, POSIX
/// classes and `!`/`^` negation inside brackets, escapes with `\`), matched
/// against `/`-separated paths relative to a base directory.
///
/// The rules are git's (`dir.c` + `wildmatch.c` with `WM_PATHNAME`):
/// - a trailing `/` makes the pattern match directories only;
/// - a pattern with no other `/` matches the last path component at any depth;
/// - a `/` at the start or in the middle anchors the pattern to the base
///   directory (a leading `/` is then dropped);
/// - `*`, `?` and `[…]` never match `/`; `**/` at the start, `/**/` in the
///   middle and `/**` at the end match any number of directories (`/**` at
///   the end needs at least one component below); any other `**` is a `*`.
///
/// Negation (`!`) and ignore-file syntax (comments, trailing spaces) are
/// `IgnoreRules`' business, not a single pattern's.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    /// Matches the whole relative path rather than the last component.
    /// False for `**/name` (no other wildcard), which is the basename `name`.
    public let isAnchored: Bool
    /// Matches directories only (written with a trailing `/`).
    public let isDirectoryOnly: Bool

    /// The wildmatch body: no leading `/` when anchored, no trailing `/`.
    let body: [UInt8]
    let kind: Kind
    /// Bytes every match (and every path with a matching ancestor) holds:
    /// a literal's whole text, else the longest run of plain bytes (no
    /// wildcard, bracket, escape or `/`). A text without them cannot match,
    /// so most non-matches never run wildmatch.
    let required: [UInt8]
    /// The byte every match starts with (of the path when anchored, of the
    /// basename if not), when the pattern starts with a plain one: one
    /// compare turns most paths away before any search.
    let lead: UInt8?

    /// Shortcuts for the common shapes, so most matches never run wildmatch.
    enum Kind: Sendable, Hashable {
        /// No special character at all: plain byte comparison.
        case literal
        /// `*` followed by literal bytes (`*.pyc`), unanchored only.
        case suffix([UInt8])
        case wild
    }

    /// Compiles `pattern`; throws `GlobError` for an empty pattern, an
    /// unterminated `[` or an unknown `[:class:]`, or a trailing lone `\`.
    public init(_ pattern: String) throws(GlobError) {
        self.pattern = pattern
        var bytes = Array(pattern.utf8)
        guard !bytes.isEmpty else { throw GlobError(message: "empty pattern", pattern: pattern) }
        var directoryOnly = false
        if bytes.last == UInt8(ascii: "/") {
            bytes.removeLast()
            directoryOnly = true
        }
        var anchored = bytes.contains(UInt8(ascii: "/"))
        if anchored, bytes.first == UInt8(ascii: "/") {
            bytes.removeFirst()
        }
        // `**/name` matches `name` in every directory, the root's too: the
        // plain basename `name`, compared as such (indexed by name in
        // `IgnoreRules`, where a wildcard pattern is tried on every path).
        if anchored, bytes.count > 3, bytes.starts(with: Array("**/".utf8)),
           !bytes[3...].contains(where: { Glob.isSpecial($0) || $0 == UInt8(ascii: "/") }) {
            bytes.removeFirst(3)
            anchored = false
        }
        guard !bytes.isEmpty else {
            throw GlobError(message: "pattern matches nothing", pattern: pattern)
        }
        if let problem = Glob.syntaxProblem(bytes) {
            throw GlobError(message: problem, pattern: pattern)
        }
        self.isAnchored = anchored
        self.isDirectoryOnly = directoryOnly
        self.body = bytes
        self.kind = Glob.classify(bytes, anchored: anchored)
        self.required = kind == .literal ? bytes : Glob.longestPlainRun(bytes)
        self.lead = bytes.first.flatMap { Glob.isSpecial($0) ? nil : $0 }
    }

    /// Whether the pattern matches `relativePath` itself (not its parents):
    /// a `/`-separated path relative to the base directory, without a leading
    /// or trailing `/`.
    public func matches(_ relativePath: String, isDirectory: Bool) -> Bool {
        var path = relativePath
        return path.withUTF8 { buf in
            matches(path: buf, basenameStart: Glob.basenameStart(buf), isDirectory: isDirectory)
        }
    }

    /// Whether the pattern matches `relativePath` or one of its parent
    /// directories — what "this glob covers that file" means in gitignore
    /// terms (`legacy` or `legacy/` covers `legacy/a/b.py`).
    public func matchesPathOrAncestor(_ relativePath: String, isDirectory: Bool) -> Bool {
        var path = relativePath
        return path.withUTF8 { matchesPathOrAncestor($0, isDirectory: isDirectory) }
    }

    /// `matchesPathOrAncestor` on the path's UTF-8 bytes (a caller trying
    /// several patterns on one path gets its bytes once).
    func matchesPathOrAncestor(_ buf: UnsafeBufferPointer<UInt8>, isDirectory: Bool) -> Bool {
        // Every ancestor is a prefix of the path: without the bytes every
        // match holds (`required`), neither it nor they can match.
        if !Glob.contains(buf, required) { return false }
        var end = 0
        while end < buf.count {
            if buf[end] == UInt8(ascii: "/") {
                let prefix = UnsafeBufferPointer(rebasing: buf[0..<end])
                if matches(path: prefix, basenameStart: Glob.basenameStart(prefix), isDirectory: true) {
                    return true
                }
            }
            end += 1
        }
        return matches(path: buf, basenameStart: Glob.basenameStart(buf), isDirectory: isDirectory)
    }

    /// The pattern as written.
    public var description: String { pattern }

    // MARK: Matching on bytes

    /// The hot-path entry: `path` relative to the base, `basenameStart` the
    /// index just after its last `/` (0 when none).
    func matches(path: UnsafeBufferPointer<UInt8>, basenameStart: Int, isDirectory: Bool) -> Bool {
        if isDirectoryOnly && !isDirectory { return false }
        let text = isAnchored ? path : UnsafeBufferPointer(rebasing: path[basenameStart...])
        switch kind {
        case .literal:
            return text.elementsEqual(body)
        case .suffix(let tail):
            guard text.count >= tail.count else { return false }
            return UnsafeBufferPointer(rebasing: text[(text.count - tail.count)...]).elementsEqual(tail)
        case .wild:
            if let lead, text.first != lead { return false }
            guard Glob.contains(text, required) else { return false }
            return body.withUnsafeBufferPointer { p in
                Glob.wildmatch(p, 0, text, 0) == .match
            }
        }
    }

    /// Whether `needle` occurs in `text` (paths are short: a plain search).
    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let m = needle.count
        guard m > 0 else { return true }
        guard text.count >= m else { return false }
        return needle.withUnsafeBufferPointer { n in
            let first = n[0]
            var i = 0
            let last = text.count - m
            outer: while i <= last {
                if text[i] == first {
                    var k = 1
                    while k < m {
                        if text[i + k] != n[k] { i += 1; continue outer }
                        k += 1
                    }
                    return true
                }
                i += 1
            }
            return false
        }
    }

    /// Index just after the last `/` in `path`, or 0.
    static func basenameStart(_ path: UnsafeBufferPointer<UInt8>) -> Int {
        var i = path.count
        while i > 0 {
            if path[i - 1] == UInt8(ascii: "/") { return i }
            i -= 1
        }
        return 0
    }
}

// MARK: - Compilation helpers

private extension Glob {
    /// The longest run of bytes that match only themselves: outside `[…]`,
    /// not `*`, `?` or an escape, and not `/` (`**/` may match no directory,
    /// so a slash next to it is not required).
    static func longestPlainRun(_ p: [UInt8]) -> [UInt8] {
        var best: Range<Int> = 0..<0
        var start = 0
        var i = 0
        func close(_ end: Int) {
            if end - start > best.count { best = start..<end }
        }
        while i < p.count {
            let b = p[i]
            if b == UInt8(ascii: "[") {
                close(i)
                // Skip the bracket expression (syntaxProblem has checked it closes).
                i += 1
                if i < p.count, p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^") { i += 1 }
                var first = true
                while i < p.count {
                    if p[i] == UInt8(ascii: "]") && !first { break }
                    if p[i] == UInt8(ascii: "\\") { i += 1 }
                    else if p[i] == UInt8(ascii: "["), i + 1 < p.count, p[i + 1] == UInt8(ascii: ":"),
                            let close = p[(i + 2)...].firstIndex(of: UInt8(ascii: "]")), close > i + 2, p[close - 1] == UInt8(ascii: ":") {
                        i = close
                    }
                    first = false
                    i += 1
                }
                i += 1
                start = i
                continue
            }
            if b == UInt8(ascii: "\\") {
                close(i)
                i += 2
                start = i
                continue
            }
            if b == UInt8(ascii: "*") || b == UInt8(ascii: "?") || b == UInt8(ascii: "/") {
                close(i)
                start = i + 1
            }
            i += 1
        }
        close(min(i, p.count))
        return Array(p[best])
    }

    static func isSpecial(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "*") || b == UInt8(ascii: "?") || b == UInt8(ascii: "[") || b == UInt8(ascii: "\\")
    }

    static func classify(_ body: [UInt8], anchored: Bool) -> Kind {
        if !body.contains(where: isSpecial) { return .literal }
        if !anchored, body.first == UInt8(ascii: "*") {
            let tail = body.dropFirst()
            if !tail.contains(where: isSpecial) { return .suffix(Array(tail)) }
        }
        return .wild
    }

    /// Mirrors wildmatch's parse of `[…]` and `\` to find what git would
    /// silently treat as "never matches".
    static func syntaxProblem(_ p: [UInt8]) -> String? {
        var i = 0
        while i < p.count {
            switch p[i] {
            case UInt8(ascii: "\\"):
                if i + 1 >= p.count { return "trailing `\\` escapes nothing" }
                i += 2
            case UInt8(ascii: "["):
                let start = i
                i += 1
                if i < p.count, p[i] == UInt8(ascii: "!") || p[i] == UInt8(ascii: "^") { i += 1 }
                var first = true
                var closed = false
                while i < p.count {
                    let c = p[i]
                    if c == UInt8(ascii: "]") && !first {
                        closed = true
                        break
                    }
                    first = false
                    if c == UInt8(ascii: "\\") {
                        i += 1
                        if i >= p.count { break }
                    } else if c == UInt8(ascii: "["), i + 1 < p.count, p[i + 1] == UInt8(ascii: ":") {
                        var j = i + 2
                        while j < p.count, p[j] != UInt8(ascii: "]") { j += 1 }
                        if j >= p.count { break }
                        if p[j - 1] == UInt8(ascii: ":"), j - 1 >= i + 2 {
                            let name = String(decoding: p[(i + 2)..<(j - 1)], as: UTF8.self)
                            if CharacterClass(rawValue: name) == nil {
                                return "unknown character class `[:\(name):]`"
                            }
                            i = j
                        }
                        // Without `:]` it is a plain `[` inside the set.
                    }
                    i += 1
                }
                if !closed {
                    return "unterminated `[` at offset \(start)"
                }
                i += 1
            default:
                i += 1
            }
        }
        return nil
    }
}

// MARK: - wildmatch

extension Glob {
    enum WildResult: Equatable {
        case match, noMatch, abortAll, abortToStarStar
    }

    enum CharacterClass: String {
        case alnum, alpha, blank, cntrl, digit, graph, lower, print, punct, space, upper, xdigit

        func contains(_ c: UInt8) -> Bool {
            let isLower = c >= 0x61 && c <= 0x7A
            let isUpper = c >= 0x41 && c <= 0x5A
            let isDigit = c >= 0x30 && c <= 0x39
            switch self {
            case .alnum: return isLower || isUpper || isDigit
            case .alpha: return isLower || isUpper
            case .blank: return c == 0x20 || c == 0x09
            case .cntrl: return c < 0x20 || c == 0x7F
            case .digit: return isDigit
            case .graph: return c > 0x20 && c < 0x7F
            case .lower: return isLower
            case .print: return c >= 0x20 && c < 0x7F
            case .punct: return c > 0x20 && c < 0x7F && !(isLower || isUpper || isDigit)
            case .space: return c == 0x20 || (c >= 0x09 && c <= 0x0D)
            case .upper: return isUpper
            case .xdigit: return isDigit || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
            }
        }
    }

    /// A port of git's `dowild` with `WM_PATHNAME` (case-sensitive), over
    /// byte buffers. `pi`/`ti` are the start of this sub-match; the end of a
    /// buffer plays the part of C's NUL.
    static func wildmatch(
        _ p: UnsafeBufferPointer<UInt8>, _ pStart: Int,
        _ t: UnsafeBufferPointer<UInt8>, _ tStart: Int
    ) -> WildResult {
        let slash = UInt8(ascii: "/")
        var pi = pStart
        var ti = tStart
        while pi < p.count {
            let pc = p[pi]
            if ti >= t.count && pc != UInt8(ascii: "*") { return .abortAll }
            var tc: UInt8 = ti < t.count ? t[ti] : 0
            switch pc {
            case UInt8(ascii: "\\"):
                pi += 1
                if pi >= p.count || t[ti] != p[pi] { return .noMatch }
            case UInt8(ascii: "?"):
                if tc == slash { return .noMatch }
            case UInt8(ascii: "*"):
                var matchSlash = false
                pi += 1
                if pi < p.count, p[pi] == UInt8(ascii: "*") {
                    let prev = pi - 2
                    while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
                    let atSegmentStart = prev < pStart || p[prev] == slash
                    let atSegmentEnd = pi >= p.count || p[pi] == slash
                        || (p[pi] == UInt8(ascii: "\\") && pi + 1 < p.count && p[pi + 1] == slash)
                    if atSegmentStart && atSegmentEnd {
                        // `**/` may match no directory at all.
                        if pi < p.count, p[pi] == slash, wildmatch(p, pi + 1, t, ti) == .match {
                            return .match
                        }
                        matchSlash = true
                    }
                }
                if pi >= p.count {
                    // Trailing `**` matches everything; trailing `*` only what has no `/` left.
                    if !matchSlash, UnsafeBufferPointer(rebasing: t[ti...]).contains(slash) {
                        return .noMatch
                    }
                    return .match
                }
                if !matchSlash && p[pi] == slash {
                    // `*/`: the star takes the rest of this component.
                    var s = ti
                    while s < t.count, t[s] != slash { s += 1 }
                    if s >= t.count { return .noMatch }
                    ti = s
                    break  // the loop step consumes the `/` on both sides
                }
                while true {
                    if ti >= t.count { break }
                    let r = wildmatch(p, pi, t, ti)
                    if r != .noMatch {
                        if !matchSlash || r != .abortToStarStar { return r }
                    } else if !matchSlash && tc == slash {
                        return .abortToStarStar
                    }
                    ti += 1
                    tc = ti < t.count ? t[ti] : 0
                }
                return .abortAll
            case UInt8(ascii: "["):
                pi += 1
                if pi >= p.count { return .abortAll }
                var negated = false
                if p[pi] == UInt8(ascii: "!") || p[pi] == UInt8(ascii: "^") {
                    negated = true
                    pi += 1
                }
                var matched = false
                var prevCh: UInt8 = 0
                var pch: UInt8 = pi < p.count ? p[pi] : 0
                repeat {
                    if pi >= p.count { return .abortAll }
                    if pch == UInt8(ascii: "\\") {
                        pi += 1
                        if pi >= p.count { return .abortAll }
                        pch = p[pi]
                        if tc == pch { matched = true }
                    } else if pch == UInt8(ascii: "-"), prevCh != 0, pi + 1 < p.count, p[pi + 1] != UInt8(ascii: "]") {
                        pi += 1
                        pch = p[pi]
                        if pch == UInt8(ascii: "\\") {
                            pi += 1
                            if pi >= p.count { return .abortAll }
                            pch = p[pi]
                        }
                        if tc <= pch && tc >= prevCh { matched = true }
                        pch = 0  // a range cannot start another range
                    } else if pch == UInt8(ascii: "["), pi + 1 < p.count, p[pi + 1] == UInt8(ascii: ":") {
                        let s = pi + 2
                        var q = s
                        while q < p.count, p[q] != UInt8(ascii: "]") { q += 1 }
                        if q >= p.count { return .abortAll }
                        if q - s - 1 < 0 || p[q - 1] != UInt8(ascii: ":") {
                            // No `:]`: a plain `[` in the set.
                            pch = UInt8(ascii: "[")
                            if tc == pch { matched = true }
                        } else {
                            let name = String(decoding: p[s..<(q - 1)], as: UTF8.self)
                            guard let cls = CharacterClass(rawValue: name) else { return .abortAll }
                            if cls.contains(tc) { matched = true }
                            pi = q
                            pch = 0
                        }
                    } else if tc == pch {
                        matched = true
                    }
                    prevCh = pch
                    pi += 1
                    pch = pi < p.count ? p[pi] : 0
                } while pch != UInt8(ascii: "]")
                if matched == negated || tc == slash { return .noMatch }
            default:
                if tc != pc { return .noMatch }
            }
            pi += 1
            ti += 1
        }
        return ti < t.count ? .noMatch : .match
    }
}
