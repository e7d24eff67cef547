import GuardrailRules

// MARK: - StagedFiles

/// The files a commit would add or change, with their staged (index) content
/// read from git's object store — never the work tree, so a file whose
/// working copy differs is judged by what will be committed (`--staged`).
public struct StagedFiles: Sendable {
    /// One staged regular file.
    public struct File: Sendable, Equatable {
        /// Relative to the project root.
        public var path: String
        /// The staged blob's object id.
        public var blob: String
    }

    /// Staged added, copied, modified, renamed or retyped regular files inside
    /// the root, sorted by path bytes. Symlinks and submodules are left out.
    public var files: [File]
    /// Paths the commit removes (deleted, or renamed away).
    public var removed: Set<String>

    /// What `git diff --cached` (the index against HEAD, or against nothing
    /// before the first commit) lists, mapped to the project root.
    public static func collect(repository: GitRepository) throws(GuardrailError) -> StagedFiles {
        let raw = try repository.git.run([
            "diff", "--cached", "--raw", "-z", "--no-abbrev", "-M", "--no-ext-diff", "--no-relative",
            "--ignore-submodules=all", "--",
        ], what: "`git diff --cached` failed")
        let parsed = parseRaw(raw)
        var files: [File] = []
        var removed = Set<String>()
        for entry in parsed.files {
            if let rel = repository.rootRelative(entry.path) { files.append(File(path: rel, blob: entry.blob)) }
        }
        for path in parsed.removed {
            if let rel = repository.rootRelative(path) { removed.insert(rel) }
        }
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return StagedFiles(files: files, removed: removed)
    }

    /// The staged content of `files`, by root-relative path, from one
    /// `git cat-file --batch`.
    public static func contents(of files: [File], repository: GitRepository) throws(GuardrailError) -> [String: [UInt8]] {
        guard !files.isEmpty else { return [:] }
        var input: [UInt8] = []
        for file in files { input += Array(file.blob.utf8); input.append(0x0A) }
        let out = try repository.git.run(["cat-file", "--batch"], input: input, what: "`git cat-file --batch` failed")
        var contents: [String: [UInt8]] = [:]
        var i = 0
        for file in files {
            // "<oid> <type> <size>\n<content>\n", or "<oid> missing\n".
            guard let newline = out[i...].firstIndex(of: 0x0A) else {
                throw GuardrailError.git("`git cat-file --batch` ended early at \(file.path)")
            }
            let header = out[i..<newline].split(separator: 0x20)
            i = newline + 1
            guard header.count == 3, let size = Int(String(decoding: header[2], as: UTF8.self)),
                  i + size <= out.count else {
                throw GuardrailError.git("\(file.path): staged blob \(file.blob.prefix(12)) cannot be read from the object store")
            }
            contents[file.path] = Array(out[i..<(i + size)])
            i += size + 1
        }
        return contents
    }

    /// Reads `--raw -z` records: `:oldmode newmode oldoid newoid STATUS\0path\0`
    /// (`\0from\0to\0` for renames and copies).
    static func parseRaw(_ raw: [UInt8]) -> (files: [(path: String, blob: String)], removed: [String]) {
        var files: [(path: String, blob: String)] = []
        var removed: [String] = []
        let fields = raw.split(separator: 0, omittingEmptySubsequences: false)
        var i = 0
        while i < fields.count {
            let meta = fields[i]
            i += 1
            guard meta.first == UInt8(ascii: ":") else { continue }
            let parts = meta.dropFirst().split(separator: 0x20)
            guard parts.count >= 5, let status = parts[4].first else { continue }
            let twoPaths = status == UInt8(ascii: "R") || status == UInt8(ascii: "C")
            guard i + (twoPaths ? 1 : 0) < fields.count else { break }
            let from = String(decoding: fields[i], as: UTF8.self)
            let to = twoPaths ? String(decoding: fields[i + 1], as: UTF8.self) : from
            i += twoPaths ? 2 : 1
            let newMode = String(decoding: parts[1], as: UTF8.self)
            let newBlob = String(decoding: parts[3], as: UTF8.self)
            switch status {
            case UInt8(ascii: "D"):
                removed.append(from)
            case UInt8(ascii: "A"), UInt8(ascii: "C"), UInt8(ascii: "M"), UInt8(ascii: "R"), UInt8(ascii: "T"):
                if status == UInt8(ascii: "R") { removed.append(from) }
                // Regular files only: 100644 or 100755 (not 120000 symlinks,
                // not 160000 submodules).
                if newMode.hasPrefix("100") { files.append((to, newBlob)) }
            default:
                continue // U (unmerged), X: nothing committable to read
            }
        }
        return (files, removed)
    }
}
