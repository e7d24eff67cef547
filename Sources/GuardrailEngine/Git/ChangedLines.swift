import GuardrailRules

// MARK: - ChangedLines

/// The lines added or changed since a base commit, per file, as git's own
/// diff reports them (`--diff REV`). Files whose lines did not change (a pure
/// rename, a mode change) are absent; untracked and binary files count as
/// wholly changed.
public struct ChangedLines: Sendable, Equatable {
    /// Which lines of one file changed.
    public enum Lines: Sendable, Equatable {
        /// The whole file: new and untracked, or binary.
        case all
        /// 1-based inclusive line ranges, sorted, not overlapping.
        case ranges([ClosedRange<Int>])
    }

    /// Path → its changed lines.
    public var files: [String: Lines]
    /// Paths that existed at the base and are gone: deleted, or renamed away.
    public var removed: Set<String>

    /// A set of changes.
    public init(files: [String: Lines] = [:], removed: Set<String> = []) {
        self.files = files
        self.removed = removed
    }

    /// Whether any line of `lines` in `path` was added or changed.
    public func touches(_ path: String, lines: ClosedRange<Int>) -> Bool {
        switch files[path] {
        case nil: return false
        case .all: return true
        case .ranges(let ranges):
            // Few ranges per file: a binary search for the first range that
            // does not end before `lines` starts.
            var lo = 0, hi = ranges.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if ranges[mid].upperBound < lines.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            return lo < ranges.count && ranges[lo].lowerBound <= lines.upperBound
        }
    }
}

// MARK: - Collecting from git

extension ChangedLines {
    /// The changes between the merge base of `revision` and HEAD and the
    /// work tree (uncommitted changes included), plus untracked files that
    /// are not ignored; paths relative to the project root, files outside it
    /// dropped.
    public static func collect(repository: GitRepository, since revision: String) throws(GuardrailError) -> ChangedLines {
        let base = try repository.mergeBase(revision)
        let patch = try repository.git.run([
            "diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-textconv", "-M",
            "--src-prefix=a/", "--dst-prefix=b/", "--no-relative", "--ignore-submodules=all", base, "--",
        ], what: "`git diff` against the merge base \(base.prefix(12)) failed")
        var parsed = parse(patch)
        let untracked = try repository.git.run(["ls-files", "--others", "--exclude-standard", "-z", "--full-name"],
                                               what: "`git ls-files` failed")
        for name in untracked.split(separator: 0) {
            parsed.files[String(decoding: name, as: UTF8.self)] = .all
        }
        var result = ChangedLines()
        for (path, lines) in parsed.files {
            if let rel = repository.rootRelative(path) { result.files[rel] = lines }
        }
        for path in parsed.removed {
            if let rel = repository.rootRelative(path) { result.removed.insert(rel) }
        }
        return result
    }

    /// Reads a `git diff --unified=0` patch: per post-image path, the
    /// post-image line ranges of its hunks. Hunk bodies are skipped by count,
    /// so a changed line that looks like a header cannot confuse it.
    static func parse(_ patch: [UInt8]) -> ChangedLines {
        var result = ChangedLines()
        var file = FileState()
        var oldLeft = 0, newLeft = 0

        func finish(_ file: FileState, into result: inout ChangedLines) {
            guard file.started else { return }
            if let old = file.oldPath, file.renamed || file.deleted { result.removed.insert(old) }
            guard !file.deleted, let path = file.newPath ?? file.headerPath else { return }
            if file.binary {
                result.files[path] = .all
            } else if !file.ranges.isEmpty {
                result.files[path] = .ranges(merge(file.ranges))
            }
        }

        for line in patch.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if oldLeft > 0 || newLeft > 0 {
                switch line.first {
                case UInt8(ascii: "-"): oldLeft -= 1; continue
                case UInt8(ascii: "+"): newLeft -= 1; continue
                case UInt8(ascii: " "): oldLeft -= 1; newLeft -= 1; continue
                case UInt8(ascii: "\\"): continue
                default: oldLeft = 0; newLeft = 0 // a truncated hunk: resync on headers
                }
            }
            if line.starts(with: Prefix.diffGit) {
                finish(file, into: &result)
                file = FileState()
                file.started = true
                file.headerPath = headerPath(line.dropFirst(Prefix.diffGit.count))
            } else if line.starts(with: Prefix.hunk) {
                if let (start, count) = hunkNewRange(line) {
                    if count > 0 { file.ranges.append(start...(start + count - 1)) }
                }
                if let counts = hunkCounts(line) { (oldLeft, newLeft) = counts }
            } else if line.starts(with: Prefix.newFile) {
                file.newPath = path(line.dropFirst(Prefix.newFile.count), prefix: Prefix.b)
            } else if line.starts(with: Prefix.oldFile) {
                if let old = path(line.dropFirst(Prefix.oldFile.count), prefix: Prefix.a) { file.oldPath = old }
            } else if line.starts(with: Prefix.renameFrom) {
                file.oldPath = String(decoding: GitRepository.unquote(line.dropFirst(Prefix.renameFrom.count)), as: UTF8.self)
                file.renamed = true
            } else if line.starts(with: Prefix.renameTo) {
                file.newPath = String(decoding: GitRepository.unquote(line.dropFirst(Prefix.renameTo.count)), as: UTF8.self)
            } else if line.starts(with: Prefix.copyTo) {
                file.newPath = String(decoding: GitRepository.unquote(line.dropFirst(Prefix.copyTo.count)), as: UTF8.self)
            } else if line.starts(with: Prefix.deletedFile) {
                file.deleted = true
            } else if line.starts(with: Prefix.binary) {
                file.binary = true
                if line.reversed().starts(with: Prefix.devNullAndDiffer.reversed()) { file.deleted = true }
            }
        }
        finish(file, into: &result)
        return result
    }
}

// MARK: - Parsing helpers

private struct FileState {
    var started = false
    var headerPath: String?
    var oldPath: String?
    var newPath: String?
    var renamed = false
    var deleted = false
    var binary = false
    var ranges: [ClosedRange<Int>] = []
}

private enum Prefix {
    static let diffGit = Array("diff --git ".utf8)
    static let hunk = Array("@@ ".utf8)
    static let newFile = Array("+++ ".utf8)
    static let oldFile = Array("--- ".utf8)
    static let renameFrom = Array("rename from ".utf8)
    static let renameTo = Array("rename to ".utf8)
    static let copyTo = Array("copy to ".utf8)
    static let deletedFile = Array("deleted file mode".utf8)
    static let binary = Array("Binary files ".utf8)
    static let devNullAndDiffer = Array(" and /dev/null differ".utf8)
    static let a = Array("a/".utf8)
    static let b = Array("b/".utf8)
    static let devNull = Array("/dev/null".utf8)
}

private extension ChangedLines {
    /// `b/path` (possibly quoted) → `path`; nil for `/dev/null`.
    static func path(_ field: ArraySlice<UInt8>, prefix: [UInt8]) -> String? {
        var field = field
        // git appends a tab to `---`/`+++` paths that contain a space.
        if field.last == 0x09 { field = field.dropLast() }
        let bytes = GitRepository.unquote(field)
        if bytes.elementsEqual(Prefix.devNull) { return nil }
        guard bytes.starts(with: prefix) else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.dropFirst(prefix.count), as: UTF8.self)
    }

    /// The post-image path of `diff --git a/P b/P` (both sides equal, as for
    /// anything but a rename or copy), used when no `+++` line follows (a
    /// binary file). Quoted sides are unquoted.
    static func headerPath(_ rest: ArraySlice<UInt8>) -> String? {
        if rest.first == UInt8(ascii: "\"") {
            // "a/…" "b/…": the second quoted field starts after `" "`.
            var i = rest.startIndex + 1
            while i < rest.endIndex {
                if rest[i] == UInt8(ascii: "\\") { i += 2; continue }
                if rest[i] == UInt8(ascii: "\"") { break }
                i += 1
            }
            let second = rest[min(i + 2, rest.endIndex)...]
            return path(second, prefix: Prefix.b)
        }
        // a/P b/P: 2·|P| + 5 bytes.
        let n = rest.count
        guard n >= 5, (n - 5) % 2 == 0 else { return nil }
        let half = (n - 5) / 2
        let first = rest.dropFirst(2).prefix(half)
        let second = rest.suffix(half)
        guard rest.starts(with: Prefix.a), first.elementsEqual(second) else { return nil }
        return String(decoding: second, as: UTF8.self)
    }

    /// `@@ -a[,b] +c[,d] @@` → (c, d), d defaulting to 1.
    static func hunkNewRange(_ line: ArraySlice<UInt8>) -> (Int, Int)? {
        guard let plus = line.firstIndex(of: UInt8(ascii: "+")) else { return nil }
        return numbers(line[(plus + 1)...])
    }

    /// `@@ -a[,b] +c[,d] @@` → (b, d): how many body lines follow.
    static func hunkCounts(_ line: ArraySlice<UInt8>) -> (Int, Int)? {
        guard let minus = line.firstIndex(of: UInt8(ascii: "-")),
              let plus = line.firstIndex(of: UInt8(ascii: "+")),
              let old = numbers(line[(minus + 1)...]), let new = numbers(line[(plus + 1)...]) else { return nil }
        return (old.1, new.1)
    }

    /// `N[,M]` → (N, M), M defaulting to 1.
    static func numbers(_ s: ArraySlice<UInt8>) -> (Int, Int)? {
        var i = s.startIndex
        func int() -> Int? {
            var v = 0
            let start = i
            while i < s.endIndex, s[i] >= UInt8(ascii: "0"), s[i] <= UInt8(ascii: "9") {
                v = v &* 10 &+ Int(s[i] - UInt8(ascii: "0"))
                i += 1
            }
            return i > start ? v : nil
        }
        guard let first = int() else { return nil }
        if i < s.endIndex, s[i] == UInt8(ascii: ",") {
            i += 1
            guard let second = int() else { return nil }
            return (first, second)
        }
        return (first, 1)
    }

    /// Sorted, with overlapping or adjacent ranges joined.
    static func merge(_ ranges: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var out: [ClosedRange<Int>] = []
        for r in sorted {
            if let last = out.last, r.lowerBound <= last.upperBound + 1 {
                out[out.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
