import Foundation
import GuardrailRules
import GuardrailSyntax
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Results

/// One file to check.
public struct DiscoveredFile: Sendable, Equatable {
    /// The path relative to the project root with `/` — or, for a file named
    /// on the command line that lies outside the root, its absolute path.
    public var relativePath: String
    /// The absolute path to open (lexically standardized, symlinks kept).
    public var absolutePath: String
    /// Named on the command line rather than found by walking a directory.
    public var explicit: Bool

    /// Creates a discovered file.
    public init(relativePath: String, absolutePath: String, explicit: Bool) {
        self.relativePath = relativePath
        self.absolutePath = absolutePath
        self.explicit = explicit
    }
}

/// What discovery found.
public struct DiscoveryResult: Sendable {
    /// The files to check, sorted by the bytes of `relativePath`, each once.
    public var files: [DiscoveredFile]
    /// Things skipped that are worth a line in the summary, sorted.
    public var notes: [String]
    /// Per file, what `FileDiscovery.onFile` answered when the walk found it
    /// (-1: not handed over; named files never are). Empty without `onFile`.
    var streams: [Int] = []

    /// Creates a result.
    public init(files: [DiscoveredFile], notes: [String]) {
        self.files = files
        self.notes = notes
    }
}

// MARK: - FileDiscovery

/// Finds the files a run checks, honouring ignore files and the
/// configuration's `exclude` (SPEC §4).
///
/// - Ignore files: `.gitignore` in every directory (patterns relative to that
///   directory; a deeper file overrides a shallower one, within a file the
///   last matching line wins) and the root's `.git/info/exclude` (below every
///   `.gitignore`). Whether or not the tree is a checkout: no index, no
///   global excludes, no `core.excludesFile` — as ripgrep does. An ignored
///   directory is never entered, so nothing below it can be re-included.
/// - Never entered: `.git`, `node_modules`, `.venv`, `venv`, `__pycache__`,
///   `.guardrail_cache` (at any depth, unless named on the command line).
///   Hidden files are otherwise walked like any other.
/// - `exclude` (gitignore-style, relative to the root, `!` re-includes)
///   applies to everything walked, and to paths named on the command line
///   (and their parent directories) unless `honourExcludeForExplicitFiles`
///   is false (`--no-exclude`). It is independent of the ignore files: a
///   `!` line in a `.gitignore` cannot undo it.
/// - A path named on the command line is checked even when an ignore file
///   ignores it (as ripgrep does); ignore files still apply below a named
///   directory, including those of its parent directories up to the root.
/// - Symlinks: a symlink to a directory is never followed while walking (a
///   named one is entered), so loops cannot happen; a symlink to a regular
///   file is checked; a broken or looping one is skipped with a note.
/// - Each file once: files are identified by their real path. When two
///   names reach the same file (`check a a/b.py`, `link.py -> b.py`, or a
///   named directory symlink and its target), the name reached without any
///   symlink is kept, else one that is not itself a symlink, else the
///   byte-wise smallest; it is `explicit` when any of the names was.
/// - Paths outside the root are still checked; their `relativePath` is the
///   absolute path (`exclude` cannot match them), and below a named
///   directory out there only that directory's own ignore files apply.
public struct FileDiscovery: Sendable {
    /// Directory names never entered while walking.
    public static let skippedDirectoryNames: Set<String> = [
        ".git", "node_modules", ".venv", "venv", "__pycache__", ".guardrail_cache",
    ]

    /// The project root: absolute, standardized, no trailing slash.
    public let root: String
    /// Whether `exclude` applies to paths named on the command line.
    public let honourExcludeForExplicitFiles: Bool
    /// The compiled `exclude` globs.
    public let excludes: IgnoreRules
    /// Threads that list directories at once (`--jobs`); 0: one per core.
    public var jobs = 0
    /// Called, on the listing threads, for each file the walk finds, the
    /// moment it is found, so analysis can start before the walk ends; it
    /// answers a number to find the file by in `DiscoveryResult.streams`, or
    /// nil to leave the file for later. A file handed over may still be
    /// dropped from the result (a second name of a file seen twice).
    var onFile: (@Sendable (DiscoveredFile) -> Int?)?
    let realRoot: String?

    /// Compiles `exclude`. A glob that does not compile throws
    /// `GuardrailError.config` naming `.guardrail.yml` without a line — the
    /// configuration layer normally rejects it earlier, with its location.
    public init(root: String, exclude: [String], honourExcludeForExplicitFiles: Bool = true) throws {
        self.root = ProjectRoot.absolutePath(root)
        do {
            self.excludes = try IgnoreRules(patterns: exclude)
        } catch {
            throw GuardrailError.config(path: ProjectRoot.configFileName, line: 0, column: 0,
                                        message: "invalid `exclude` glob `\(error.pattern)`: \(error.message)")
        }
        self.honourExcludeForExplicitFiles = honourExcludeForExplicitFiles
        self.realRoot = ProjectRoot.realPath(self.root)
    }

    /// Files to check under `paths` (absolute or cwd-relative; default: the
    /// root). Returns repo-relative `/` paths, sorted by byte order,
    /// deduplicated, only files whose extension `Language.forPath` knows.
    ///
    /// Throws `GuardrailError.io` for a named path that does not exist and
    /// for a directory or ignore file that cannot be read.
    public func discover(paths: [String]) throws -> DiscoveryResult {
        var walk = Walk(discovery: self)
        walk.infoExclude = try walk.loadInfoExclude()
        if paths.isEmpty {
            try walk.walkNamedDirectory(given: root, absolute: root, explicit: false)
        } else {
            for given in paths {
                try walk.visitNamed(given)
            }
        }
        return walk.result()
    }
}

// MARK: - The walk

/// Per-directory results of one depth, each slot written by the one worker
/// that took its index, read after `concurrentPerform` returns.
private final class ListingSlots: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<Result<Walk.Listed, GuardrailError>?>
    init(_ slots: UnsafeMutableBufferPointer<Result<Walk.Listed, GuardrailError>?>) { self.slots = slots }
}

private struct Walk {
    /// One ignore file in effect: its directory's length in the walk's
    /// relative path bytes (0 for the base) and its rules.
    struct Level {
        var baseLength: Int
        var rules: IgnoreRules
    }

    struct Pending {
        var rel: [UInt8]
        var levels: [Level]
    }

    struct Candidate {
        var file: DiscoveredFile
        var isSymlink: Bool
        var identity: String
        /// What `onFile` answered (-1: not handed over).
        var stream = -1
    }

    struct Entry {
        var name: [UInt8]
        var type: UInt8
    }

    let discovery: FileDiscovery
    var infoExclude: IgnoreRules?
    var candidates: [Candidate] = []
    var notes: [String] = []
    /// Set once a second named path or a symlinked file is seen.
    var mayHaveDuplicates = false
    var namedPathsVisited = 0

    init(discovery: FileDiscovery) {
        self.discovery = discovery
    }

    var root: String { discovery.root }

    // MARK: Named paths

    mutating func visitNamed(_ given: String) throws {
        namedPathsVisited += 1
        if namedPathsVisited > 1 { mayHaveDuplicates = true }
        let absolute = ProjectRoot.absolutePath(given)
        var st = stat()
        guard lstat(absolute, &st) == 0 else {
            throw GuardrailError.io(path: given, message: Walk.describe(errno))
        }
        let isLink = (st.st_mode & S_IFMT) == S_IFLNK
        if isLink, stat(absolute, &st) != 0 {
            throw GuardrailError.io(path: given, message: Walk.describe(errno))
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            try walkNamedDirectory(given: given, absolute: absolute, explicit: true)
        case S_IFREG:
            addNamedFile(absolute: absolute, isSymlink: isLink)
        default:
            notes.append("skipped \(given): not a regular file or directory")
        }
    }

    /// `absolute` relative to the root: lexically, else through the real
    /// paths of its parent and of the root (so `/link/proj/x.py` still lands
    /// in `/real/proj`). nil when outside.
    func rootRelative(_ absolute: String) -> String? {
        if let rel = ProjectRoot.relative(absolute, to: root) { return rel }
        guard let realRoot = discovery.realRoot, absolute != "/" else { return nil }
        guard let realParent = ProjectRoot.realPath(ProjectRoot.parent(absolute)) else { return nil }
        let name = absolute.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(absolute[absolute.utf8.index(after: $0)...]) } ?? absolute
        return ProjectRoot.relative(ProjectRoot.join(realParent, name), to: realRoot)
    }

    mutating func addNamedFile(absolute: String, isSymlink: Bool) {
        let rel = rootRelative(absolute)
        let display = rel ?? absolute
        if let rel, discovery.honourExcludeForExplicitFiles, isExcluded(rel, isDirectory: false) {
            return
        }
        guard Language.forPath(absolute) != nil else {
            notes.append("skipped \(display): not a file type guardrail reads")
            return
        }
        candidates.append(Candidate(
            file: DiscoveredFile(relativePath: display, absolutePath: absolute, explicit: true),
            isSymlink: isSymlink,
            identity: ProjectRoot.realPath(absolute) ?? absolute
        ))
    }

    mutating func walkNamedDirectory(given: String, absolute: String, explicit: Bool) throws {
        let realStart = ProjectRoot.realPath(absolute) ?? absolute
        guard let rel = rootRelative(absolute) else {
            // Outside the root: the directory is its own base; only its own
            // ignore files apply and `exclude` cannot match.
            try walkTree(base: absolute, startRel: [], levels: [], realStart: realStart,
                         applyExcludes: false, displayPrefix: absolute == "/" ? "/" : absolute + "/", explicit: explicit)
            return
        }
        if explicit, !rel.isEmpty, discovery.honourExcludeForExplicitFiles, isExcluded(rel, isDirectory: true) {
            notes.append("skipped \(rel): matches `exclude`")
            return
        }
        // The ignore files of the root and of every directory above `rel`;
        // `rel`'s own is read when it is listed.
        var levels: [Level] = []
        if let infoExclude { levels.append(Level(baseLength: 0, rules: infoExclude)) }
        let relBytes = Array(rel.utf8)
        var ancestors: [Int] = relBytes.isEmpty ? [] : [0]
        for (i, b) in relBytes.enumerated() where b == UInt8(ascii: "/") { ancestors.append(i) }
        for length in ancestors {
            let dir = length == 0 ? root : root + "/" + String(decoding: relBytes[0..<length], as: UTF8.self)
            if let rules = try readIgnoreFile(ProjectRoot.join(dir, ".gitignore")) {
                levels.append(Level(baseLength: length, rules: rules))
            }
        }
        try walkTree(base: root, startRel: relBytes, levels: levels, realStart: realStart,
                     applyExcludes: true, displayPrefix: "", explicit: explicit)
    }

    // MARK: Walking

    /// Walks the directory `base/startRel` without recursion (deep trees
    /// must not exhaust a small thread stack), one depth at a time: each
    /// depth's directories are listed (each closed before the next depth)
    /// on up to `jobs` threads. With several failures, the one reported is
    /// the first of the shallowest depth in listing order.
    mutating func walkTree(
        base: String, startRel: [UInt8], levels: [Level], realStart: String,
        applyExcludes: Bool, displayPrefix: String, explicit: Bool
    ) throws {
        // Usually no symlink leads to the start, and a file's absolute path
        // is its real path: no string to build per file for its identity.
        let startAbsolute = ProjectRoot.join(base, String(decoding: startRel, as: UTF8.self))
        let tree = Tree(base: base, basePrefix: base == "/" ? "/" : base + "/", startRel: startRel,
                        realStart: realStart, startIsReal: realStart == startAbsolute,
                        applyExcludes: applyExcludes, displayPrefix: displayPrefix)
        // One depth at a time: the directories of a depth are listed on all
        // cores, and their results taken in the order they were queued, so
        // what is found does not depend on scheduling. (Files are sorted and
        // notes deduplicated and sorted afterwards anyway.)
        var frontier = [Pending(rel: startRel, levels: levels)]
        while !frontier.isEmpty {
            var next: [Pending] = []
            for outcome in listAll(frontier, tree) {
                let listed = try outcome.get()
                candidates.append(contentsOf: listed.candidates)
                notes.append(contentsOf: listed.notes)
                if listed.mayHaveDuplicates { mayHaveDuplicates = true }
                next.append(contentsOf: listed.subdirectories)
            }
            frontier = next
        }
    }

    /// What `walkTree` walks, fixed for the whole walk.
    struct Tree {
        var base: String
        var basePrefix: String
        var startRel: [UInt8]
        var realStart: String
        var startIsReal: Bool
        var applyExcludes: Bool
        var displayPrefix: String
    }

    /// One directory's contribution.
    struct Listed {
        var candidates: [Candidate] = []
        var notes: [String] = []
        var subdirectories: [Pending] = []
        var mayHaveDuplicates = false
    }

    /// `visit` for every directory of `frontier`, in its order; on all cores
    /// when there are several.
    func listAll(_ frontier: [Pending], _ tree: Tree) -> [Result<Listed, GuardrailError>] {
        let workers = min(frontier.count, discovery.jobs > 0 ? discovery.jobs : Processors.available)
        if workers < 2 { return frontier.map { visit($0, tree) } }
        let results = UnsafeMutableBufferPointer<Result<Listed, GuardrailError>?>.allocate(capacity: frontier.count)
        results.initialize(repeating: nil)
        defer { results.deinitialize().deallocate() }
        let shared = ListingSlots(results)
        let taken = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = taken.wrappingAdd(1, ordering: .relaxed).oldValue
                if i >= frontier.count { break }
                shared.slots[i] = visit(frontier[i], tree)
            }
        }
        return results.map { $0! }
    }

    /// Lists one directory: the files to check in it, the directories to
    /// walk next, and notes. Reads only `self`'s fixed state, so several run
    /// at once.
    func visit(_ item: Pending, _ tree: Tree) -> Result<Listed, GuardrailError> {
        let slash = UInt8(ascii: "/")
        var listed = Listed()
        let relString = String(decoding: item.rel, as: UTF8.self)
        let dirAbsolute = item.rel.isEmpty ? tree.base : tree.basePrefix + relString
        let entries: [Entry]
        switch Walk.list(dirAbsolute) {
        case .success(let list):
            entries = list
        case .failure(let error):
            let code = error.code
            let display = item.rel.isEmpty ? (tree.displayPrefix.isEmpty ? tree.base : dirAbsolute) : tree.displayPrefix + relString
            if (code == ENOENT || code == ENOTDIR) && item.rel != tree.startRel {
                listed.notes.append("skipped \(display): vanished during discovery")
                return .success(listed)
            }
            return .failure(GuardrailError.io(path: display, message: Walk.describe(code)))
        }
        var levels = item.levels
        if entries.contains(where: { $0.name == Walk.gitignoreName && $0.type != UInt8(DT_DIR) }) {
            do {
                if let rules = try readIgnoreFile(dirAbsolute + "/.gitignore") {
                    levels.append(Level(baseLength: item.rel.count, rules: rules))
                }
            } catch let error as GuardrailError {
                return .failure(error)
            } catch {
                return .failure(GuardrailError.io(path: displayPath(dirAbsolute + "/.gitignore"), message: "\(error)"))
            }
        }
        for entry in entries {
            var rel = item.rel
            if !rel.isEmpty { rel.append(slash) }
            rel.append(contentsOf: entry.name)
            guard let name = String(validating: entry.name, as: UTF8.self) else {
                listed.notes.append("skipped \(tree.displayPrefix)\(String(decoding: rel, as: UTF8.self)): name is not valid UTF-8")
                continue
            }
            var type = entry.type
            if type == UInt8(DT_UNKNOWN) {
                type = Walk.lstatType(dirAbsolute + "/" + name)
            }
            switch type {
            case UInt8(DT_DIR):
                if FileDiscovery.skippedDirectoryNames.contains(name) { continue }
                if isSkipped(rel, isDirectory: true, levels: levels, applyExcludes: tree.applyExcludes) { continue }
                listed.subdirectories.append(Pending(rel: rel, levels: levels))
            case UInt8(DT_REG), UInt8(DT_LNK):
                guard Language.forPath(name) != nil else { continue }
                if isSkipped(rel, isDirectory: false, levels: levels, applyExcludes: tree.applyExcludes) { continue }
                let relPath = String(decoding: rel, as: UTF8.self)
                let absolute = tree.basePrefix + relPath
                let isLink = type == UInt8(DT_LNK)
                let identity: String
                if isLink {
                    var st = stat()
                    guard stat(absolute, &st) == 0 else {
                        listed.notes.append("skipped \(tree.displayPrefix)\(relPath): broken symbolic link (\(Walk.describe(errno)))")
                        continue
                    }
                    guard (st.st_mode & S_IFMT) == S_IFREG else { continue }
                    identity = ProjectRoot.realPath(absolute) ?? absolute
                    listed.mayHaveDuplicates = true
                } else if tree.startIsReal {
                    identity = absolute
                } else {
                    // No directory symlink is followed below the start,
                    // so the real path is the start's plus the rest.
                    let below = tree.startRel.isEmpty ? rel[...] : rel[(tree.startRel.count + 1)...]
                    identity = ProjectRoot.join(tree.realStart, String(decoding: below, as: UTF8.self))
                }
                let file = DiscoveredFile(relativePath: tree.displayPrefix.isEmpty ? relPath : tree.displayPrefix + relPath,
                                          absolutePath: absolute, explicit: false)
                listed.candidates.append(Candidate(file: file, isSymlink: isLink, identity: identity,
                                                   stream: discovery.onFile?(file) ?? -1))
            default:
                continue
            }
        }
        return .success(listed)
    }

    /// Ignored by the ignore files in effect (deepest decides), or excluded.
    func isSkipped(_ rel: [UInt8], isDirectory: Bool, levels: [Level], applyExcludes: Bool) -> Bool {
        rel.withUnsafeBufferPointer { buf in
            let basename = Glob.basenameStart(buf)
            if applyExcludes,
               discovery.excludes.match(path: buf, basenameStart: basename, isDirectory: isDirectory) == true {
                return true
            }
            var i = levels.count
            while i > 0 {
                i -= 1
                let start = levels[i].baseLength == 0 ? 0 : levels[i].baseLength + 1
                let sub = UnsafeBufferPointer(rebasing: buf[start...])
                if let verdict = levels[i].rules.match(path: sub, basenameStart: basename - start, isDirectory: isDirectory) {
                    return verdict
                }
            }
            return false
        }
    }

    /// `exclude` for a named path: it or one of its parent directories.
    func isExcluded(_ rel: String, isDirectory: Bool) -> Bool {
        discovery.excludes.isIgnored(rel, isDirectory: isDirectory)
    }

    // MARK: Ignore files

    static let gitignoreName = Array(".gitignore".utf8)

    /// The rules of an ignore file; nil when it is missing or has none.
    func readIgnoreFile(_ path: String) throws -> IgnoreRules? {
        switch Walk.readAll(path) {
        case .success(let bytes):
            let rules = IgnoreRules(gitignore: bytes)
            return rules.isEmpty ? nil : rules
        case .failure(let error):
            let code = error.code
            if code == ENOENT || code == ENOTDIR || code == EISDIR { return nil }
            throw GuardrailError.io(path: displayPath(path), message: Walk.describe(code))
        }
    }

    /// The root's `.git/info/exclude`; `.git` may be a directory or a
    /// `gitdir:` file (worktree, submodule), whose `commondir` is followed.
    func loadInfoExclude() throws -> IgnoreRules? {
        let dotGit = root + "/.git"
        var gitDir = dotGit
        if !ProjectRoot.isDirectory(dotGit) {
            guard case .success(let bytes) = Walk.readAll(dotGit) else { return nil }
            let text = String(decoding: bytes, as: UTF8.self)
            guard let line = text.split(whereSeparator: \.isNewline).first, line.hasPrefix("gitdir:") else { return nil }
            let target = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
            gitDir = target.hasPrefix("/") ? ProjectRoot.standardize(target)
                : ProjectRoot.standardize(root + "/" + target)
            if case .success(let common) = Walk.readAll(gitDir + "/commondir") {
                let dir = String(decoding: common, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if !dir.isEmpty {
                    gitDir = dir.hasPrefix("/") ? ProjectRoot.standardize(dir) : ProjectRoot.standardize(gitDir + "/" + dir)
                }
            }
        }
        return try readIgnoreFile(gitDir + "/info/exclude")
    }

    func displayPath(_ absolute: String) -> String {
        rootRelative(absolute) ?? absolute
    }

    // MARK: Result

    /// One file per identity: prefer a name that is not a symlink, then the
    /// byte-wise smallest; explicit when any name was.
    func result() -> DiscoveryResult {
        // One walk without symlinked files cannot reach a file twice.
        if !mayHaveDuplicates {
            let order = Walk.pathOrder(candidates.map(\.file))
            var result = DiscoveryResult(files: order.map { candidates[$0].file },
                                         notes: Set(notes).sorted { byteLess($0, $1) })
            if discovery.onFile != nil { result.streams = order.map { candidates[$0].stream } }
            return result
        }
        var chosen: [Candidate] = []
        chosen.reserveCapacity(candidates.count)
        var indexByIdentity: [String: Int] = [:]
        indexByIdentity.reserveCapacity(candidates.count)
        for candidate in candidates {
            guard let index = indexByIdentity[candidate.identity] else {
                indexByIdentity[candidate.identity] = chosen.count
                chosen.append(candidate)
                continue
            }
            let current = chosen[index]
            let explicit = current.file.explicit || candidate.file.explicit
            let (kept, offered) = (rank(current), rank(candidate))
            if offered < kept || (offered == kept && byteLess(candidate.file.relativePath, current.file.relativePath)) {
                chosen[index] = candidate
            }
            chosen[index].file.explicit = explicit
        }
        let order = Walk.pathOrder(chosen.map(\.file))
        // Two identities can share a name only through odd mounts; keep one.
        var unique: [DiscoveredFile] = []
        var streams: [Int] = []
        unique.reserveCapacity(order.count)
        for candidate in order.map({ chosen[$0] }) {
            if let last = unique.last, last.relativePath == candidate.file.relativePath {
                unique[unique.count - 1].explicit = last.explicit || candidate.file.explicit
            } else {
                unique.append(candidate.file)
                streams.append(candidate.stream)
            }
        }
        var result = DiscoveryResult(files: unique, notes: Set(notes).sorted { byteLess($0, $1) })
        if discovery.onFile != nil { result.streams = streams }
        return result
    }

    /// Lower is better. First the kind of name — 0: it is the file's real
    /// path (no symlink on the way); 1: not a symlink itself (reached through
    /// a named directory symlink); 2: a symlink to the file — then a name
    /// under the root before an absolute one outside it.
    func rank(_ candidate: Candidate) -> Int {
        let outside = candidate.file.relativePath.hasPrefix("/") ? 1 : 0
        if candidate.identity == candidate.file.absolutePath { return outside }
        if let realRoot = discovery.realRoot, candidate.identity == ProjectRoot.join(realRoot, candidate.file.relativePath) {
            return outside
        }
        return (candidate.isSymlink ? 4 : 2) + outside
    }

    /// The indexes of `files` in the order of the bytes of `relativePath`.
    /// The paths are copied into one buffer first so the comparisons are
    /// plain `memcmp`s (sorting the strings directly spends most of its time
    /// retaining them).
    static func pathOrder(_ files: [DiscoveredFile]) -> [Int] {
        var arena: [UInt8] = []
        var spans: [(start: Int, count: Int)] = []
        spans.reserveCapacity(files.count)
        for file in files {
            spans.append((arena.count, file.relativePath.utf8.count))
            arena.append(contentsOf: file.relativePath.utf8)
        }
        var order = Array(files.indices)
        arena.withUnsafeBufferPointer { bytes in
            spans.withUnsafeBufferPointer { spans in
                order.sort { i, j in
                    let (a, b) = (spans[i], spans[j])
                    let n = min(a.count, b.count)
                    if n > 0, let base = bytes.baseAddress {
                        let c = memcmp(base + a.start, base + b.start, n)
                        if c != 0 { return c < 0 }
                    }
                    return a.count < b.count
                }
            }
        }
        return order
    }
}

/// Byte order of the UTF-8 (not `String`'s Unicode order).
func byteLess(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    return a.withUTF8 { pa in
        b.withUTF8 { pb in
            let n = min(pa.count, pb.count)
            if n > 0, let x = pa.baseAddress, let y = pb.baseAddress {
                let c = memcmp(x, y, n)
                if c != 0 { return c < 0 }
            }
            return pa.count < pb.count
        }
    }
}

// MARK: - POSIX helpers

private extension Walk {
    /// `readAll`'s code for a path that is not a regular file (a FIFO, a
    /// device, a socket): reading it could block forever or never end.
    static let notRegularFile: Int32 = -1

    static func describe(_ code: Int32) -> String {
        if code == ENOENT || code == ENOTDIR { return "no such file or directory" }
        if code == notRegularFile { return "not a regular file" }
        let text = String(cString: strerror(code))
        guard let first = text.first else { return "error \(code)" }
        return first.lowercased() + text.dropFirst()
    }

    static func lstatType(_ path: String) -> UInt8 {
        var st = stat()
        guard lstat(path, &st) == 0 else { return UInt8(DT_UNKNOWN) }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return UInt8(DT_DIR)
        case S_IFREG: return UInt8(DT_REG)
        case S_IFLNK: return UInt8(DT_LNK)
        default: return UInt8(DT_UNKNOWN)
        }
    }

    /// The entries of a directory, without `.` and `..`.
    static func list(_ path: String) -> Result<[Entry], Int32Error> {
        guard let dir = opendir(path) else { return .failure(Int32Error(errno)) }
        defer { closedir(dir) }
        var entries: [Entry] = []
        while true {
            errno = 0
            guard let ent = readdir(dir) else {
                if errno != 0 { return .failure(Int32Error(errno)) }
                break
            }
            let type = ent.pointee.d_type
            let name: [UInt8] = withUnsafeBytes(of: ent.pointee.d_name) { raw in
                let length = raw.firstIndex(of: 0) ?? raw.count
                return Array(raw[0..<length])
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            entries.append(Entry(name: name, type: type))
        }
        return .success(entries)
    }

    static func readAll(_ path: String) -> Result<[UInt8], Int32Error> {
        // Non-blocking, so that opening a FIFO named `.gitignore` returns
        // at once; only a regular file (or a link to one) is read.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(Int32Error(errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(Int32Error(errno)) }
        if (st.st_mode & S_IFMT) == S_IFDIR { return .failure(Int32Error(EISDIR)) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .failure(Int32Error(notRegularFile)) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(Int32Error(errno))
            }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
        }
        return .success(out)
    }
}

/// An `errno` value as an `Error`, so it fits `Result`.
private struct Int32Error: Error {
    var code: Int32
    init(_ code: Int32) { self.code = code }
}
