// MARK: - IgnoreRules

/// The patterns of one ignore file (or of the configuration's `exclude`),
/// all relative to one base directory. The last pattern that matches a path
/// decides: ignored, or — for a `!` pattern — re-included.
///
/// This type answers for one path at a time. Git's rule that nothing below
/// an ignored directory can be re-included is kept by the walk (it never
/// enters such a directory) and by `isIgnored(_:isDirectory:)`, which looks
/// at every parent first.
public struct IgnoreRules: Sendable {
    /// One compiled line.
    public struct Rule: Sendable, Hashable {
        /// The pattern without its `!`.
        public let glob: Glob
        /// Written with a leading `!`: re-includes what an earlier line ignored.
        public let isNegated: Bool
    }

    /// The rules in file order.
    public private(set) var rules: [Rule] {
        didSet { index = Index(rules) }
    }
    /// Where a path's possibly-matching rules are, so a path is not tried
    /// against every line of a long ignore file.
    private var index = Index([])

    /// Rules grouped by what a path must look like for them to match: plain
    /// basenames (`.env`, `node_modules/`) and whole paths (`backend/certs/`)
    /// by hash, `*.ext` by the basename's extension; the rest are tried in
    /// turn. The last matching rule still decides.
    struct Index: Sendable {
        var basenames: [UInt64: [Int]] = [:]
        var paths: [UInt64: [Int]] = [:]
        var extensions: [UInt64: [Int]] = [:]
        var others: [Int] = []

        init(_ rules: [Rule]) {
            for (i, rule) in rules.enumerated() {
                let glob = rule.glob
                switch glob.kind {
                case .literal:
                    if glob.isAnchored { paths[Self.hash(glob.body[...]), default: []].append(i) }
                    else { basenames[Self.hash(glob.body[...]), default: []].append(i) }
                case .suffix(let tail) where tail.first == UInt8(ascii: ".") && tail.dropFirst().firstIndex(of: UInt8(ascii: ".")) == nil:
                    extensions[Self.hash(tail[...]), default: []].append(i)
                default:
                    others.append(i)
                }
            }
        }

        /// FNV-1a of a byte run.
        @inline(__always)
        static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h
        }
    }

    /// True when no line is in effect.
    public var isEmpty: Bool { rules.isEmpty }

    /// Parses an ignore file with git's line rules: a UTF-8 BOM is skipped,
    /// lines end at `\n` (a `\r` before it is dropped, as ripgrep does), blank
    /// lines and lines starting with `#` are skipped, trailing spaces are cut
    /// unless escaped with `\`, a leading `!` negates (`\!` and `\#` are
    /// literal). A line git would never match (unterminated `[`, trailing
    /// `\`) is dropped, which is the same thing.
    public init(gitignore contents: [UInt8]) {
        var rules: [Rule] = []
        var start = 0
        if contents.count >= 3, contents[0] == 0xEF, contents[1] == 0xBB, contents[2] == 0xBF {
            start = 3
        }
        while start < contents.count {
            var end = start
            while end < contents.count, contents[end] != UInt8(ascii: "\n") { end += 1 }
            var line = Array(contents[start..<end])
            start = end + 1
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.isEmpty || line[0] == UInt8(ascii: "#") { continue }
            IgnoreRules.trimTrailingSpaces(&line)
            if let rule = IgnoreRules.rule(line) { rules.append(rule) }
        }
        self.rules = rules
        self.index = Index(rules)
    }

    /// Parses ignore-file text; see `init(gitignore:)` for the rules.
    public init(gitignore text: String) {
        self.init(gitignore: Array(text.utf8))
    }

    /// Builds rules from a list of patterns, one per entry, as the
    /// configuration's `exclude` holds them: no comments and no space
    /// trimming, but `!` still negates. A pattern that does not compile
    /// throws, so the caller can point at it.
    public init(patterns: [String]) throws(GlobError) {
        var rules: [Rule] = []
        for pattern in patterns {
            var body = Substring(pattern)
            var negated = false
            if body.first == "!" {
                negated = true
                body = body.dropFirst()
            }
            rules.append(Rule(glob: try Glob(String(body)), isNegated: negated))
        }
        self.rules = rules
        self.index = Index(rules)
    }

    /// The verdict of the last pattern matching `relativePath` itself:
    /// true = ignored, false = re-included by a `!` line, nil = no line
    /// matches (parents are not consulted).
    public func match(_ relativePath: String, isDirectory: Bool) -> Bool? {
        var path = relativePath
        return path.withUTF8 { buf in
            match(path: buf, basenameStart: Glob.basenameStart(buf), isDirectory: isDirectory)
        }
    }

    /// Whether `relativePath` is ignored by these rules alone, gitignore
    /// style: a parent directory that is ignored ignores everything below
    /// it, whatever later `!` lines say.
    public func isIgnored(_ relativePath: String, isDirectory: Bool) -> Bool {
        var path = relativePath
        return path.withUTF8 { buf in
            var end = 0
            while end < buf.count {
                if buf[end] == UInt8(ascii: "/") {
                    let prefix = UnsafeBufferPointer(rebasing: buf[0..<end])
                    if match(path: prefix, basenameStart: Glob.basenameStart(prefix), isDirectory: true) == true {
                        return true
                    }
                }
                end += 1
            }
            return match(path: buf, basenameStart: Glob.basenameStart(buf), isDirectory: isDirectory) == true
        }
    }

    /// The hot-path form of `match(_:isDirectory:)`.
    func match(path: UnsafeBufferPointer<UInt8>, basenameStart: Int, isDirectory: Bool) -> Bool? {
        var best = -1
        func consider(_ list: [Int]?) {
            guard let list else { return }
            for i in list.reversed() where i > best {
                if rules[i].glob.matches(path: path, basenameStart: basenameStart, isDirectory: isDirectory) {
                    best = i
                    return
                }
            }
        }
        let basename = path[basenameStart...]
        if !index.basenames.isEmpty { consider(index.basenames[Index.hash(basename)]) }
        if !index.paths.isEmpty { consider(index.paths[Index.hash(path)]) }
        if !index.extensions.isEmpty, let dot = basename.lastIndex(of: UInt8(ascii: ".")) {
            consider(index.extensions[Index.hash(path[dot...])])
        }
        consider(index.others)
        return best >= 0 ? !rules[best].isNegated : nil
    }
}

// MARK: - Line parsing

private extension IgnoreRules {
    /// Git's `trim_trailing_spaces`: cut the run of trailing spaces, except
    /// one escaped by `\` (which stays, backslash and all, for wildmatch).
    static func trimTrailingSpaces(_ line: inout [UInt8]) {
        var lastSpace: Int?
        var i = 0
        while i < line.count {
            switch line[i] {
            case UInt8(ascii: " "):
                if lastSpace == nil { lastSpace = i }
            case UInt8(ascii: "\\"):
                i += 1
                if i >= line.count { return }
                lastSpace = nil
            default:
                lastSpace = nil
            }
            i += 1
        }
        if let cut = lastSpace { line.removeSubrange(cut...) }
    }

    static func rule(_ line: [UInt8]) -> Rule? {
        var body = line[...]
        var negated = false
        if body.first == UInt8(ascii: "!") {
            negated = true
            body = body.dropFirst()
        }
        guard !body.isEmpty, let text = String(validating: body, as: UTF8.self) else { return nil }
        guard let glob = try? Glob(text) else { return nil }
        return Rule(glob: glob, isNegated: negated)
    }
}
