import GuardrailRules
import GuardrailSyntax
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - ResultCache

/// What earlier runs found in each file, so an unchanged file is not
/// tokenized again.
///
/// An entry is keyed by the file's root-relative path, its size and the XXH64
/// of its content; a cache file as a whole by everything else that decides a
/// file's findings (`CacheKey`: the tool's version and build, every active
/// rule's definition, severity and `allow`, the suppression policy and the
/// bitmap settings), so a change to any of them starts a fresh file.
///
/// One file per key, `results-<key>.bin`, in the project's
/// `.guardrail_cache/` (or `$GUARDRAIL_CACHE_DIR`, or the user cache dir when
/// the project is read-only). A run reads it once; it writes a whole new
/// file next to it and renames it into place, so two runs sharing the cache
/// never see a half-written file — the later rename wins, and both are
/// complete. A file that is truncated, damaged or of another format is
/// ignored (and replaced). C/C++ results are never cached: they depend on
/// headers and compile flags the key does not cover.
public final class ResultCache: Sendable {
    /// The folder at the project root that holds the cache.
    public static let directoryName = ".guardrail_cache"
    static let magic = Array("GRCACHE3".utf8)

    /// A file's cached result as stored: where its outcome's bytes are.
    struct Entry: Sendable {
        var size: Int
        var hash: UInt64
        var stamp: FileStamp
        var blob: Range<Int>
    }

    /// A file's identity on disk when its content was hashed, and when that
    /// was. A later run that finds the same size, device, inode, modification
    /// and status-change times takes the entry without reading the file (as
    /// git's index does: `cp -p`, `touch -r` or a `chmod` change the ctime) —
    /// but only when neither time was within a second of the hashing run's
    /// start (git's "racy" rule: a write in the same clock tick could keep
    /// the times).
    struct FileStamp: Sendable, Equatable {
        var mtimeNs: Int64
        var ctimeNs: Int64
        var inode: UInt64
        var device: UInt64
        /// When the run that hashed the content started (ns since 1970).
        var verifiedAt: Int64

        /// What `stat` says of a regular file now (`verifiedAt` left 0).
        static func of(_ path: String) -> (size: Int, stamp: FileStamp)? {
            var st = stat()
            guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
            return of(st)
        }

        /// Size and stamp from what `stat` or `fstat` said.
        static func of(_ st: stat) -> (size: Int, stamp: FileStamp) {
#if canImport(Darwin)
            let (m, c) = (st.st_mtimespec, st.st_ctimespec)
#else
            let (m, c) = (st.st_mtim, st.st_ctim)
#endif
            let stamp = FileStamp(mtimeNs: Int64(m.tv_sec) * 1_000_000_000 + Int64(m.tv_nsec),
                                  ctimeNs: Int64(c.tv_sec) * 1_000_000_000 + Int64(c.tv_nsec),
                                  inode: UInt64(st.st_ino), device: UInt64(st.st_dev), verifiedAt: 0)
            return (Int(st.st_size), stamp)
        }

        /// Whether `other` (a file's stamp now) is this one, unchanged and
        /// not racy.
        func vouches(for other: FileStamp) -> Bool {
            mtimeNs == other.mtimeNs && ctimeNs == other.ctimeNs && inode == other.inode && device == other.device
                && max(mtimeNs, ctimeNs) < verifiedAt - 1_000_000_000
        }

        static func now() -> Int64 {
            var ts = timespec()
            clock_gettime(CLOCK_REALTIME, &ts)
            return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
        }
    }

    /// One file's row for `save`.
    struct Row {
        var path: String
        var size: Int
        var hash: UInt64
        var stamp: FileStamp
        var blob: ArraySlice<UInt8>
    }

    let directory: String
    /// Tests only: microseconds `save` waits first, by cache directory — a
    /// slow disk, to show that a run waits for its cache write.
    static let saveDelays = Mutex<[String: UInt32]>([:])
    let key: UInt64
    /// Whether this run looks at only some of the project's files (named
    /// files, `--diff`, `--staged`): then the entries of the others are kept.
    let partial: Bool
    private let buffer: [UInt8]
    private let entries: [String: Entry]

    var fileName: String { directory + "/results-" + hex(key) + ".bin" }

    /// Opens the cache for `key` under `root` (reading what an earlier run
    /// left); nil when no cache directory can be used.
    public static func load(root: String, key: UInt64, partial: Bool) -> ResultCache? {
        guard let directory = cacheDirectory(root: root) else { return nil }
        return ResultCache(directory: directory, key: key, partial: partial)
    }

    init(directory: String, key: UInt64, partial: Bool) {
        self.directory = directory
        self.key = key
        self.partial = partial
        let path = directory + "/results-" + hex(key) + ".bin"
        let bytes = (try? FileReader.readAll(path)) ?? []
        if let entries = Self.parse(bytes, key: key) {
            buffer = bytes
            self.entries = entries
        } else {
            buffer = []
            entries = [:]
        }
    }

    /// Whether the cache has an entry for this path at all (none in a
    /// cold run: then a file's stamp can wait until it is open).
    func knows(_ path: String) -> Bool {
        !entries.isEmpty && entries[path] != nil
    }

    /// The cached outcome for this path and content, if any.
    func lookup(path: String, size: Int, hash: UInt64) -> (outcome: FileOutcome, blob: ArraySlice<UInt8>)? {
        guard let entry = entries[path], entry.size == size, entry.hash == hash else { return nil }
        let blob = buffer[entry.blob]
        guard let outcome = OutcomeCodec.decode(blob) else { return nil }
        return (outcome, blob)
    }

    /// The cached outcome for this path when the file on disk is unchanged
    /// by its stamp (see `FileStamp`), with the entry's hash and stamp.
    func lookup(path: String, size: Int, stamp: FileStamp)
        -> (outcome: FileOutcome, hash: UInt64, stamp: FileStamp, blob: ArraySlice<UInt8>)? {
        guard let entry = entries[path], entry.size == size, entry.stamp.vouches(for: stamp) else { return nil }
        let blob = buffer[entry.blob]
        guard let outcome = OutcomeCodec.decode(blob) else { return nil }
        return (outcome, entry.hash, entry.stamp, blob)
    }

    /// How many files the cache file holds.
    var count: Int { entries.count }

    /// Writes the cache for this run: `fresh` (this run's files) plus, when
    /// the run is partial, the earlier entries of files it did not look at.
    /// Best effort: a cache that cannot be written is skipped. Nothing is
    /// written when nothing changed.
    func save(_ fresh: [Row], misses: Int) {
        if let delay = Self.saveDelays.withLock({ $0[directory] }) { usleep(delay) }
        let keepOthers = partial
        guard misses > 0 || (!keepOthers && fresh.count != entries.count) else { return }
        var rows = fresh
        if keepOthers {
            let seen = Set(fresh.map(\.path))
            for (path, e) in entries where !seen.contains(path) {
                rows.append(Row(path: path, size: e.size, hash: e.hash, stamp: e.stamp, blob: buffer[e.blob]))
            }
        }
        // The walk lists files in this order already: one pass to see it.
        let precedes = { (a: Row, b: Row) in byteLess(a.path, b.path) }
        if rows.indices.dropFirst().contains(where: { !precedes(rows[$0 - 1], rows[$0]) }) { rows.sort(by: precedes) }
        // Sized first, then written in place: a megabyte of appends, each
        // checking capacity, was most of the cost of a save.
        var size = Self.magic.count + 16
        for row in rows { size += 8 + row.path.utf8.count + 7 * 8 + 8 + row.blob.count }
        var out = [UInt8](unsafeUninitializedCapacity: size + 8) { buffer, initialized in
            var w = RawWriter(base: buffer.baseAddress!)
            Self.magic.withUnsafeBufferPointer { w.bytes($0) }
            w.u64(key)
            w.u64(UInt64(rows.count))
            for row in rows {
                var path = row.path
                path.withUTF8 { w.u64(UInt64($0.count)); w.bytes($0) }
                w.u64(UInt64(row.size))
                w.u64(row.hash)
                w.u64(UInt64(bitPattern: row.stamp.mtimeNs))
                w.u64(UInt64(bitPattern: row.stamp.ctimeNs))
                w.u64(row.stamp.inode)
                w.u64(row.stamp.device)
                w.u64(UInt64(bitPattern: row.stamp.verifiedAt))
                row.blob.withUnsafeBufferPointer { w.u64(UInt64($0.count)); w.bytes($0) }
            }
            precondition(w.offset == size, "cache rows sized \(size), written \(w.offset)")
            initialized = w.offset
        }
        put64(&out, ContentHash.xxh64(out))
        Self.writeAtomically(out, to: fileName)
        Self.prune(directory)
    }

    // MARK: Reading

    /// Entries of a cache file, or nil when it is not one for `key`.
    static func parse(_ bytes: [UInt8], key: UInt64) -> [String: Entry]? {
        guard bytes.count >= magic.count + 24, Array(bytes[0..<magic.count]) == magic else { return nil }
        let body = bytes.count - 8
        var reader = ByteReader(bytes, limit: body)
        reader.offset = magic.count
        guard reader.u64() == key else { return nil }
        var trailer = ByteReader(bytes, limit: bytes.count)
        trailer.offset = body
        let sum = bytes.withUnsafeBufferPointer { ContentHash.xxh64(UnsafeBufferPointer(rebasing: $0[0..<body])) }
        guard trailer.u64() == sum, let count = reader.u64(), count <= UInt64(body) / 80 else { return nil }
        var entries: [String: Entry] = [:]
        // Each entry takes at least 80 bytes: a damaged count cannot ask for more.
        entries.reserveCapacity(Int(count) / 80)
        for _ in 0..<Int(count) {
            guard let path = reader.range(), let size = reader.u64(), let hash = reader.u64(),
                  let mtime = reader.int(), let ctime = reader.int(), let inode = reader.u64(), let device = reader.u64(),
                  let verifiedAt = reader.int(), let blob = reader.range(), let fileSize = Int(exactly: size) else { return nil }
            let stamp = FileStamp(mtimeNs: Int64(mtime), ctimeNs: Int64(ctime), inode: inode, device: device,
                                  verifiedAt: Int64(verifiedAt))
            entries[String(decoding: bytes[path], as: UTF8.self)] = Entry(size: fileSize, hash: hash, stamp: stamp, blob: blob)
        }
        return entries
    }

    // MARK: Files

    /// `$GUARDRAIL_CACHE_DIR`, else `<root>/.guardrail_cache`, else the user
    /// cache dir (`$XDG_CACHE_HOME` or `~/.cache`) `/guardrail/<root hash>`.
    static func cacheDirectory(root: String) -> String? {
        if let explicit = environment("GUARDRAIL_CACHE_DIR"), !explicit.isEmpty {
            return prepare(explicit) ? explicit : nil
        }
        let local = (root.hasSuffix("/") ? root : root + "/") + directoryName
        if prepare(local) { return local }
        // A read-only checkout: the user's cache dir, one folder per project.
        let base = environment("XDG_CACHE_HOME") ?? environment("HOME").map { $0 + "/.cache" }
        guard let base else { return nil }
        let user = base + "/guardrail/" + hex(ContentHash.xxh64(Array(root.utf8)))
        return prepare(user) ? user : nil
    }

    /// Creates the directory (and parents) when missing, marks it as a cache
    /// that version control ignores, and tells whether it can be written.
    static func prepare(_ dir: String) -> Bool {
        var st = stat()
        if stat(dir, &st) != 0 {
            var path = dir.hasPrefix("/") ? "" : "."
            for part in dir.split(separator: "/") {
                path += "/" + part
                if stat(path, &st) != 0 && mkdir(path, 0o755) != 0 && errno != EEXIST { return false }
            }
            writeIfMissing(dir + "/.gitignore", "# Created by guardrail: its result cache, never committed.\n*\n")
            writeIfMissing(dir + "/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# This directory is guardrail's result cache.\n")
        }
        return access(dir, W_OK) == 0
    }

    static func writeIfMissing(_ path: String, _ text: String) {
        var st = stat()
        guard stat(path, &st) != 0 else { return }
        writeAtomically(Array(text.utf8), to: path)
    }

    /// Writes a temporary file beside `path`, then renames it over `path`.
    static func writeAtomically(_ bytes: [UInt8], to path: String) {
        var nonce: UInt64 = 0
        withUnsafeMutableBytes(of: &nonce) { _ = getentropy($0.baseAddress, 8) }
        let temp = path + ".\(getpid()).\(hex(nonce)).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        var ok = true
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { ok = false; return }
                done += n
            }
        }
        if close(fd) != 0 { ok = false }
        if !ok || rename(temp, path) != 0 { unlink(temp) }
    }

    /// Keeps the 8 newest result files (other configurations, older builds)
    /// and removes temporary files older than an hour (a run that died).
    static func prune(_ dir: String) {
        guard let d = opendir(dir) else { return }
        var results: [(mtime: Int, path: String)] = []
        let now = time(nil)
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            var st = stat()
            let path = dir + "/" + name
            guard name.hasPrefix("results-"), stat(path, &st) == 0 else { continue }
            if name.hasSuffix(".tmp") {
#if canImport(Darwin)
                let mtime = st.st_mtimespec.tv_sec
#else
                let mtime = st.st_mtim.tv_sec
#endif
                if now - mtime > 3600 { unlink(path) }
            } else if name.hasSuffix(".bin") {
#if canImport(Darwin)
                results.append((st.st_mtimespec.tv_sec, path))
#else
                results.append((st.st_mtim.tv_sec, path))
#endif
            }
        }
        closedir(d)
        results.sort { ($0.mtime, $0.path) > ($1.mtime, $1.path) }
        for old in results.dropFirst(8) { unlink(old.path) }
    }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

/// `v` as 16 lowercase hex digits.
private func hex(_ v: UInt64) -> String {
    let s = String(v, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
}

// MARK: - CacheKey

/// Everything besides a file's path and content that decides its findings,
/// hashed: the cache file's name.
public struct CacheKey {
    private var bytes: [UInt8] = Array("guardrail-cache-1\u{0}".utf8)

    /// An empty key (the format version only).
    public init() {}

    /// Adds a string, length-prefixed so that `"ab","c"` and `"a","bc"` differ.
    public mutating func add(_ s: String) { putBytes(&bytes, Array(s.utf8)) }
    /// Adds a number.
    public mutating func add(_ n: Int) { put64(&bytes, UInt64(bitPattern: Int64(n))) }

    /// The key: XXH64 of everything added.
    public var value: UInt64 { ContentHash.xxh64(bytes) }

    /// The key of a run: the tool (`tool`: version and build), then its rules,
    /// policy and settings.
    public static func forRun(tool: String, root: String, rules: [ActiveRule], policy: SuppressionPolicy,
                              settings: RunSettings) -> UInt64 {
        var k = CacheKey()
        k.add(tool)
        // Projects sharing one GUARDRAIL_CACHE_DIR keep separate files.
        k.add(root)
        k.add(rules.count)
        for rule in rules {
            k.add(rule.id)
            k.add(rule.severity.rawValue)
            k.add(rule.allowPatterns.joined(separator: "\u{0}"))
            k.add(rule.rule.definition)
            k.add(rule.rule.origin)
        }
        k.add(policy.unused?.rawValue ?? "-")
        k.add(policy.withoutReason?.rawValue ?? "-")
        k.add(policy.knownRules.sorted().joined(separator: "\u{0}"))
        k.add(settings.geometry.minutesPerSlot)
        for alias in settings.aliases.map({ "\($0.key.rawValue)=\($0.value.sorted().joined(separator: ","))" }).sorted() {
            k.add(alias)
        }
        return k.value
    }

    /// The running executable's identity: its GNU build ID (a hash of the
    /// linked code, read from its own note segment in memory), else its
    /// size, inode and times — so two builds of one version never share
    /// results.
    public static func executableStamp() -> String {
        if let id = buildID() { return "build-id " + id }
        var st = stat()
#if canImport(Darwin)
        let path = CommandLine.arguments.first ?? ""
        guard stat(path, &st) == 0 else { return path }
        return "\(st.st_size)-\(st.st_ino)-\(st.st_mtimespec.tv_sec)-\(st.st_mtimespec.tv_nsec)-\(st.st_ctimespec.tv_sec)"
#else
        guard stat("/proc/self/exe", &st) == 0 else { return CommandLine.arguments.first ?? "" }
        return "\(st.st_size)-\(st.st_ino)-\(st.st_mtim.tv_sec)-\(st.st_mtim.tv_nsec)-\(st.st_ctim.tv_sec)"
#endif
    }

    /// The main program's `NT_GNU_BUILD_ID` note, hex, read from the ELF
    /// program headers at the start of `/proc/self/exe`; nil without one.
    static func buildID() -> String? {
        let fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 65536)
        let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) }
        guard n >= 64 else { return nil }
        return head.withUnsafeBytes { raw -> String? in
            // ELF64, little-endian only (what this reads on Linux/x86-64 and arm64).
            guard raw.loadUnaligned(as: UInt32.self) == 0x464C_457F, raw[4] == 2, raw[5] == 1 else { return nil }
            let phoff = Int(raw.loadUnaligned(fromByteOffset: 0x20, as: UInt64.self))
            let phentsize = Int(raw.loadUnaligned(fromByteOffset: 0x36, as: UInt16.self))
            let phnum = Int(raw.loadUnaligned(fromByteOffset: 0x38, as: UInt16.self))
            func align(_ v: Int) -> Int { (v + 3) & ~3 }
            for k in 0..<phnum {
                let ph = phoff + k * phentsize
                guard ph + 56 <= n, raw.loadUnaligned(fromByteOffset: ph, as: UInt32.self) == 4 else { continue }  // PT_NOTE
                let offset = Int(raw.loadUnaligned(fromByteOffset: ph + 8, as: UInt64.self))
                let size = Int(raw.loadUnaligned(fromByteOffset: ph + 32, as: UInt64.self))
                guard offset >= 0, size >= 0, offset + size <= n else { continue }
                var at = offset
                while at + 12 <= offset + size {
                    let nameSize = Int(raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))
                    let descSize = Int(raw.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self))
                    let type = raw.loadUnaligned(fromByteOffset: at + 8, as: UInt32.self)
                    let name = at + 12, desc = name + align(nameSize)
                    guard desc + descSize <= offset + size else { break }
                    if type == 3 && nameSize == 4 && raw.loadUnaligned(fromByteOffset: name, as: UInt32.self) == 0x0055_4E47 {
                        let hexDigits = Array("0123456789abcdef".utf8)
                        var out: [UInt8] = []
                        for i in desc..<(desc + descSize) {
                            out.append(hexDigits[Int(raw[i] >> 4)]); out.append(hexDigits[Int(raw[i] & 15)])
                        }
                        return String(decoding: out, as: UTF8.self)
                    }
                    at = desc + align(descSize)
                }
            }
            return nil
        }
    }
}

// MARK: - Encoding

/// Appends `v`, little-endian.
private func put64(_ out: inout [UInt8], _ v: UInt64) {
    withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
}

/// Writes into memory sized for it beforehand (see `ResultCache.save`).
private struct RawWriter {
    let base: UnsafeMutablePointer<UInt8>
    var offset = 0

    mutating func u64(_ v: UInt64) {
        UnsafeMutableRawPointer(base + offset).storeBytes(of: v.littleEndian, as: UInt64.self)
        offset += 8
    }

    mutating func bytes(_ b: UnsafeBufferPointer<UInt8>) {
        if let source = b.baseAddress { (base + offset).update(from: source, count: b.count) }
        offset += b.count
    }
}

/// Appends `b`, length first.
private func putBytes<C: Collection<UInt8>>(_ out: inout [UInt8], _ b: C) {
    put64(&out, UInt64(b.count))
    out.append(contentsOf: b)
}

/// Bounds-checked reads from a cache file: any read past `limit` yields nil.
struct ByteReader {
    let bytes: [UInt8]
    let limit: Int
    var offset = 0

    init(_ bytes: [UInt8], limit: Int) {
        self.bytes = bytes
        self.limit = min(limit, bytes.count)
    }

    mutating func u64() -> UInt64? {
        guard offset >= 0, offset + 8 <= limit else { return nil }
        let v = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        offset += 8
        return UInt64(littleEndian: v)
    }

    mutating func int() -> Int? {
        guard let v = u64() else { return nil }
        return Int(truncatingIfNeeded: Int64(bitPattern: v))
    }

    mutating func range() -> Range<Int>? {
        guard let n = u64(), n <= UInt64(limit - offset) else { return nil }
        let r = offset..<(offset + Int(n))
        offset += Int(n)
        return r
    }

    mutating func string() -> String? {
        guard let r = range() else { return nil }
        return String(decoding: bytes[r], as: UTF8.self)
    }
}

/// A file's outcome as cache bytes and back.
enum OutcomeCodec {
    static func encode(_ o: FileOutcome) -> [UInt8] {
        // Most files have nothing to record: one of two fixed blobs.
        if o.skipped == nil && o.findings.isEmpty && o.facts.isEmpty {
            return o.analyzed ? analyzedPlain : plain
        }
        // No reservation: the blob is kept until the cache is saved, and a
        // guess would hold its slack for every file with findings.
        var out: [UInt8] = []
        // A string's bytes straight from its storage: no array per string.
        func s(_ v: String) {
            var v = v
            v.withUTF8 { put64(&out, UInt64($0.count)); out.append(contentsOf: $0) }
        }
        func n(_ v: Int) { put64(&out, UInt64(bitPattern: Int64(v))) }
        n(o.analyzed ? 1 : 0)
        s(o.skipped ?? "\u{0}")
        n(o.findings.count)
        for f in o.findings {
            s(f.rule); s(f.severity.rawValue); s(f.path)
            n(f.line); n(f.column); n(f.endLine); n(f.endColumn)
            s(f.message); s(f.help); s(f.fingerprint); s(f.sourceLine); n(f.sourceLineColumn)
            s(f.flaggedText); s(f.fingerprintBasis)
        }
        n(o.facts.count)
        for f in o.facts {
            s(f.key); s(f.name); n(f.value); n(f.start); n(f.end)
            s(f.rule); s(f.path); n(f.line); n(f.column); s(f.language?.rawValue ?? "")
        }
        return out
    }

    /// The blobs of a file analyzed (or not) with nothing to report.
    private static let plain = fixed(analyzed: false)
    private static let analyzedPlain = fixed(analyzed: true)

    private static func fixed(analyzed: Bool) -> [UInt8] {
        var out: [UInt8] = []
        put64(&out, analyzed ? 1 : 0)
        putBytes(&out, [0])  // no skip reason: "\u{0}"
        put64(&out, 0)  // findings
        put64(&out, 0)  // facts
        return out
    }

    static func decode(_ blob: ArraySlice<UInt8>) -> FileOutcome? {
        var r = ByteReader(Array(blob), limit: blob.count)
        var o = FileOutcome()
        guard let analyzed = r.int(), let skipped = r.string(), let count = r.int(), count >= 0 else { return nil }
        o.analyzed = analyzed == 1
        o.skipped = skipped == "\u{0}" ? nil : skipped
        for _ in 0..<count {
            guard let rule = r.string(), let sev = r.string().flatMap(Severity.init(rawValue:)), let path = r.string(),
                  let line = r.int(), let column = r.int(), let endLine = r.int(), let endColumn = r.int(),
                  let message = r.string(), let help = r.string(), let fingerprint = r.string(),
                  let sourceLine = r.string(), let sourceLineColumn = r.int(), let flagged = r.string(),
                  let basis = r.string() else { return nil }
            var f = Finding(rule: rule, severity: sev, path: path, line: line, column: column, endLine: endLine,
                            endColumn: endColumn, message: message, help: help, fingerprint: fingerprint,
                            sourceLine: sourceLine, flaggedText: flagged)
            f.sourceLineColumn = sourceLineColumn
            f.fingerprintBasis = basis
            o.findings.append(f)
        }
        guard let facts = r.int(), facts >= 0 else { return nil }
        for _ in 0..<facts {
            guard let key = r.string(), let name = r.string(), let value = r.int(), let start = r.int(),
                  let end = r.int(), let rule = r.string(), let path = r.string(), let line = r.int(),
                  let column = r.int(), let language = r.string() else { return nil }
            var f = CrossFileFact(key: key, name: name, value: value, start: start, end: end)
            f.rule = rule; f.path = path; f.line = line; f.column = column
            f.language = Language(rawValue: language)
            o.facts.append(f)
        }
        guard r.offset == r.limit else { return nil }
        return o
    }
}
