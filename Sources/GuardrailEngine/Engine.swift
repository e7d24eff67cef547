import Dispatch
import Foundation
import GuardrailClang
import GuardrailRules
import GuardrailSyntax
import Synchronization

// MARK: - CheckOptions

/// What `guardrail check` was asked to do, minus output concerns.
public struct CheckOptions: Sendable {
    public var paths: [String] = []
    public var configPath: String?
    /// Only these rule ids (nil: all enabled).
    public var select: [String]?
    public var ignore: [String] = []
    /// Worker threads; 0 means one per core.
    public var jobs = 0
    public var noExclude = false
    /// `--diff REV`: only findings on lines added or changed since the merge
    /// base of REV and HEAD, work tree and untracked files included.
    public var diffBase: String?
    /// `--staged`: check the staged (index) content of staged files.
    public var staged = false
    /// `--baseline FILE`: hide the findings it lists.
    public var baselinePath: String?
    /// `--write-baseline FILE`: record this run's findings there (and hide them).
    public var writeBaselinePath: String?
    /// The directory relative paths are resolved against.
    public var workingDirectory = FileManager.default.currentDirectoryPath
    /// The tool's identity (version and build) for the result cache; nil
    /// runs without the cache (`--no-cache`, tests, fixtures).
    public var cacheTool: String?

    public init() {}
}

// MARK: - CheckResult

/// Everything a run found, in report order.
public struct CheckResult: Sendable {
    public var root: String
    public var findings: [Finding]
    /// Files discovered and considered.
    public var files: Int
    /// Files that passed the prefilter and were tokenized.
    public var analyzed: Int
    /// Files read but not understood, with why (binary, not UTF-8).
    public var skipped: [(path: String, reason: String)]
    /// Things worth a line in the summary (a file vanished mid-run, …).
    public var notes: [String]
    public var durationMs: Int
    /// The rules that ran, sorted by id.
    public var rules: [ActiveRule]
    /// Findings hidden by the baseline.
    public var baselined = 0
    /// Baselined findings that no longer occur (nil without a baseline).
    public var baselineGone: Int?
    /// C/C++ files libclang parsed, and the time it spent parsing them.
    public var frontEndFiles = 0
    public var frontEndDuration: Duration = .zero
    /// C/C++ files with libclang errors, and the first of them (`path:line: message`).
    public var frontEndErrorFiles = 0
    public var firstFrontEndError: String?
    /// Files whose results came from the result cache, and how many of
    /// those were not even read (unchanged by size, inode and time).
    public var cacheHits = 0
    public var cacheUnread = 0
}

// MARK: - Engine

/// Ties it together: root, configuration, rules, discovery, parallel analysis,
/// deterministic order.
public enum Engine {
    /// What a run is set up with.
    public struct Prepared: Sendable {
        public var root: String
        public var config: Configuration
        public var rules: [ActiveRule]
        public var policy: SuppressionPolicy
    }

    /// Loads the root, configuration, active rules and suppression policy for a run.
    public static func prepare(_ options: CheckOptions) throws -> Prepared {
        let (root, config) = try locate(options)
        return try prepare(options, root: root, config: config)
    }

    /// The project root and its configuration.
    static func locate(_ options: CheckOptions) throws -> (root: String, config: Configuration) {
        let start = options.paths.first.map { absolute($0, from: options.workingDirectory) } ?? options.workingDirectory
        let found = ProjectRoot.find(from: start)
        let root = found.root
        var config = Configuration()
        if let explicit = options.configPath {
            config = try Configuration.load(path: absolute(explicit, from: options.workingDirectory), displayPath: explicit)
        } else if let path = found.config {
            config = try Configuration.load(path: path, displayPath: relative(path, to: root))
        }
        return (root, config)
    }

    /// The active rules and suppression policy, once root and configuration are known.
    static func prepare(_ options: CheckOptions, root: String, config: Configuration) throws -> Prepared {
        var rules = try RuleSet.builtin()
        if let dir = config.rulesDir {
            var isDirectory: ObjCBool = false
            let full = absolute(dir, from: root)
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw GuardrailError.config(path: config.path ?? ".guardrail.yml", line: config.rulesDirLine,
                                            column: config.rulesDirColumn, message: "`rules_dir` `\(dir)` is not a directory")
            }
            rules = try RuleSet.merge(rules, RuleSet.load(directory: full, display: dir))
        }
        let known = Set(rules.map(\.id)).union([MetaRule.unusedSuppression, MetaRule.suppressionWithoutReason])
        try config.validateRuleIDs(known)
        for id in (options.select ?? []) + options.ignore where !known.contains(id) {
            throw GuardrailError.usage("unknown rule id `\(id)` (see `guardrail rules`)")
        }
        let selected = options.select.map(Set.init)
        var active: [ActiveRule] = []
        for rule in rules {
            let settings = config.rules[rule.id] ?? .init()
            if settings.off && selected?.contains(rule.id) != true { continue }
            if let selected, !selected.contains(rule.id) { continue }
            if options.ignore.contains(rule.id) { continue }
            active.append(try ActiveRule(rule: rule, severity: settings.severity, allow: settings.allow))
        }
        func metaSeverity(_ id: String, enabled: Bool) -> Severity? {
            let settings = config.rules[id] ?? .init()
            guard enabled, !settings.off || selected?.contains(id) == true else { return nil }
            if let selected, !selected.contains(id) { return nil }
            if options.ignore.contains(id) { return nil }
            return settings.severity ?? .warning
        }
        let policy = SuppressionPolicy(unused: metaSeverity(MetaRule.unusedSuppression, enabled: true),
                                       withoutReason: metaSeverity(MetaRule.suppressionWithoutReason, enabled: config.requireReason),
                                       knownRules: known)
        return Prepared(root: root, config: config, rules: active, policy: policy)
    }

    /// Runs a check.
    public static func check(_ options: CheckOptions) throws -> CheckResult {
        let clock = ContinuousClock()
        let began = clock.now
        let (root, config) = try locate(options)
        let paths = options.paths.map { absolute($0, from: options.workingDirectory) }
        // The rules (the built-in pack is YAML to parse) and the files (a walk
        // of the tree) do not depend on each other: both at once. A rule
        // error is reported before a discovery one, as when they ran one
        // after the other.
        let setUp = SetUp()
        @Sendable func parseRules() {
            setUp.prepared = Result { try prepare(options, root: root, config: config) }
        }
        @Sendable func findFiles() {
            setUp.scope = Result {
                var discovery = try FileDiscovery(root: root, exclude: config.exclude,
                                                  honourExcludeForExplicitFiles: !options.noExclude)
                discovery.jobs = options.jobs
                // What to read and from where (work tree, `--diff`,
                // `--staged`); then baseline and diff filtering
                // (Git/CheckScope.swift).
                return try CheckScope(options: options, root: root, discovery: discovery, paths: paths)
            }
        }
        if options.jobs == 1 {
            parseRules()
            // A rule error is the answer: no walk or git run behind it.
            if case .success = setUp.prepared { findFiles() }
        } else {
            // The rules on another thread, the walk on this one: the walk's
            // own parallel listing must not be nested inside another
            // `concurrentPerform`, which would leave it one thread.
            let rulesDone = DispatchGroup()
            DispatchQueue.global().async(group: rulesDone, execute: parseRules)
            findFiles()
            rulesDone.wait()
        }
        let prepared = try setUp.prepared!.get()
        let scope = try setUp.scope!.get()
        let rules = prepared.rules
        let compileCommands = try loadCompileCommands(root: root, files: scope.files)
        let cache = options.cacheTool.flatMap { tool in
            ResultCache.load(root: root,
                             key: CacheKey.forRun(tool: tool, root: root, rules: rules, policy: prepared.policy,
                                                  settings: config.runSettings),
                             partial: !(paths.isEmpty || paths == [root]) || options.staged || options.diffBase != nil)
        }
        var result = try analyze(files: scope.files, rules: rules, jobs: options.jobs, policy: prepared.policy,
                                 read: scope.read, compileCommands: compileCommands, settings: config.runSettings,
                                 cache: cache)
        result.root = root
        result.notes = scope.notes + result.notes
        try scope.finish(&result, options: options)
        result.durationMs = Int((clock.now - began) / .milliseconds(1))
        return result
    }

    /// Reads and analyzes files on all cores; the result order does not
    /// depend on scheduling.
    public static func analyze(files: [DiscoveredFile], rules: [ActiveRule], jobs: Int,
                               policy: SuppressionPolicy = SuppressionPolicy(),
                               read: FileContentSource? = nil,
                               compileCommands: CompileCommands? = nil,
                               settings: RunSettings = RunSettings(),
                               cache: ResultCache? = nil) throws -> CheckResult {
        let slots = Slots(count: files.count)
        let plan = Analyzer.Plan(rules: rules, policy: policy, settings: settings)
        let started = ResultCache.FileStamp.now()
        let workers = max(1, min(jobs > 0 ? jobs : ProcessInfo.processInfo.activeProcessorCount, max(files.count, 1)))
        // Biggest files first, so that one large file does not run alone at
        // the end while the other cores idle: every file is stat'ed (on all
        // cores), then handed out by size. The stat also serves the cache.
        var sizeOrder = Array(files.indices)
        if read == nil && workers > 1 {
            let sizing = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let i = sizing.wrappingAdd(1, ordering: .relaxed).oldValue
                    if i >= files.count { break }
                    if let st = ResultCache.FileStamp.of(files[i].absolutePath) { slots.stat(i, st) }
                }
            }
            sizeOrder.sort { (slots.size(of: $0), $1) > (slots.size(of: $1), $0) }
        }
        let order = sizeOrder
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let next = slots.next.wrappingAdd(1, ordering: .relaxed).oldValue
                if next >= files.count { break }
                let i = order[next]
                let file = files[i]
                // The configuration file is guardrail's input, not a source to check.
                guard !file.relativePath.hasSuffix(".guardrail.yml"),
                      let language = Language.forPath(file.relativePath) else { continue }
                let applicable = plan.applicable(to: file.relativePath, language: language)
                if applicable.isEmpty { continue }
                let cacheable = cache != nil && language != .c
                // On disk and unchanged by size, device, inode and times since
                // a run hashed it: not even read (see `FileStamp`).
                var stamp = ResultCache.FileStamp(mtimeNs: 0, ctimeNs: 0, inode: 0, device: 0, verifiedAt: started)
                if cacheable, read == nil, let cache, let st = slots.statResult(i) ?? ResultCache.FileStamp.of(file.absolutePath) {
                    if let hit = cache.lookup(path: file.relativePath, size: st.size, stamp: st.stamp) {
                        slots.store(i, .done(hit.outcome))
                        slots.record(i, CacheRecord(size: st.size, hash: hit.hash, stamp: hit.stamp, blob: hit.blob,
                                                    hit: true, unread: true))
                        continue
                    }
                    stamp = st.stamp
                    stamp.verifiedAt = started
                }
                let bytes: [UInt8]
                do throws(FileReader.Failure) {
                    if let read {
                        bytes = try read(file)
                    } else {
                        bytes = try FileReader.readAll(file.absolutePath, expectedSize: slots.statResult(i)?.size)
                    }
                } catch {
                    slots.store(i, error == .vanished ? .vanished : .failed(error))
                    continue
                }
                // Unchanged since a run with the same rules and settings: its
                // results as they were (C/C++ results depend on headers too).
                var hash: UInt64 = 0
                if cacheable, let cache {
                    hash = ContentHash.xxh64(bytes)
                    if let hit = cache.lookup(path: file.relativePath, size: bytes.count, hash: hash) {
                        slots.store(i, .done(hit.outcome))
                        slots.record(i, CacheRecord(size: bytes.count, hash: hash, stamp: stamp, blob: hit.blob,
                                                    hit: true, unread: false))
                        continue
                    }
                }
                let source = SourceFile(path: file.relativePath, bytes: bytes, language: language)
                // C/C++: libclang reads the bytes under the file's real name
                // (for `#include "…"` next to it) with its database flags.
                let cSettings = language == .c
                    ? CParseSettings(fileName: file.absolutePath, arguments: compileCommands?.arguments(for: file.absolutePath) ?? [])
                    : CParseSettings()
                let outcome = Analyzer.analyze(source, plan: plan, applicable: applicable, cSettings: cSettings)
                slots.store(i, .done(outcome))
                if cacheable && outcome.error == nil {
                    slots.record(i, CacheRecord(size: bytes.count, hash: hash, stamp: stamp,
                                                blob: OutcomeCodec.encode(outcome)[...], hit: false, unread: false))
                }
            }
        }
        var findings: [Finding] = []
        var skipped: [(String, String)] = []
        var notes: [String] = []
        var analyzed = 0
        var considered = 0
        var frontEndFiles = 0
        var frontEndDuration: Duration = .zero
        var frontEndErrorFiles = 0
        var firstFrontEndError: String?
        var facts: [CrossFileFact] = []
        for i in 0..<files.count {
            switch slots.take(i) {
            case .done(let outcome):
                if let error = outcome.error { throw error }
                if let parse = outcome.frontEndDuration { frontEndFiles += 1; frontEndDuration += parse }
                if let error = outcome.frontEndError {
                    frontEndErrorFiles += 1
                    if firstFrontEndError == nil { firstFrontEndError = files[i].relativePath + ":" + error }
                }
                if let note = outcome.frontEndNote { notes.append("\(files[i].relativePath): \(note)") }
                considered += 1
                findings.append(contentsOf: outcome.findings)
                facts.append(contentsOf: outcome.facts)
                if let reason = outcome.skipped { skipped.append((files[i].relativePath, reason)) }
                if outcome.analyzed && slots.cacheRecord(i)?.hit != true { analyzed += 1 }
            case .vanished:
                notes.append("\(files[i].relativePath): vanished before it could be read; skipped")
            case .failed(let failure):
                let message: String
                if case .other(let m) = failure { message = m } else { message = "cannot read" }
                throw GuardrailError.io(path: files[i].relativePath, message: "cannot read: \(message)")
            case .none:
                break
            }
        }
        var cacheHits = 0
        var cacheUnread = 0
        if let cache {
            var fresh: [ResultCache.Row] = []
            var misses = 0
            for i in 0..<files.count {
                guard let r = slots.cacheRecord(i) else { continue }
                fresh.append(ResultCache.Row(path: files[i].relativePath, size: r.size, hash: r.hash, stamp: r.stamp, blob: r.blob))
                if r.hit { cacheHits += 1 } else { misses += 1 }
                if r.unread { cacheUnread += 1 }
            }
            // Files read again (new stamps) are worth a rewrite too.
            cache.save(fresh, misses: misses + (cacheHits - cacheUnread))
        }
        // After every file: name the other files' disagreeing definitions.
        CrossFileFacts.annotate(&findings, with: facts)
        findings.sort(by: Finding.reportOrder)
        return CheckResult(root: "", findings: findings, files: considered, analyzed: analyzed, skipped: skipped,
                           notes: notes, durationMs: 0, rules: rules,
                           frontEndFiles: frontEndFiles, frontEndDuration: frontEndDuration,
                           frontEndErrorFiles: frontEndErrorFiles, firstFrontEndError: firstFrontEndError,
                           cacheHits: cacheHits, cacheUnread: cacheUnread)
    }

    /// `compile_commands.json` at the root, read only when a C/C++ file is
    /// to be checked; a malformed one is a configuration error.
    static func loadCompileCommands(root: String, files: [DiscoveredFile]) throws -> CompileCommands? {
        guard files.contains(where: { Language.forPath($0.relativePath) == .c }) else { return nil }
        do throws(CompileCommands.Invalid) { return try CompileCommands.load(root: root) } catch {
            throw GuardrailError.config(path: CompileCommands.fileName, line: 0, column: 0, message: error.message)
        }
    }

    // MARK: - Paths

    static func absolute(_ path: String, from base: String) -> String {
        let joined = path.hasPrefix("/") ? path : (base.hasSuffix("/") ? base + path : base + "/" + path)
        return (joined as NSString).standardizingPath
    }

    static func relative(_ path: String, to root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

// MARK: - SetUp

/// The two halves of a run's set-up: `prepared` written by the rule-parsing
/// thread, `scope` by the calling one, both read after the group's wait.
private final class SetUp: @unchecked Sendable {
    var prepared: Result<Engine.Prepared, any Error>?
    var scope: Result<CheckScope, any Error>?
}

// MARK: - Slots

/// A file's result as the cache stores it, and whether it came from there.
struct CacheRecord {
    var size: Int
    var hash: UInt64
    var stamp: ResultCache.FileStamp
    var blob: ArraySlice<UInt8>
    var hit: Bool
    /// Taken by its stamp, without reading the file.
    var unread: Bool
}

/// One result slot per file, written by exactly one worker each, read after
/// all workers finished (`concurrentPerform` returns only then).
private final class Slots: @unchecked Sendable {
    enum Outcome {
        case done(FileOutcome)
        case vanished
        case failed(FileReader.Failure)
    }

    let next = Atomic<Int>(0)
    private let storage: UnsafeMutablePointer<Outcome?>
    private let records: UnsafeMutablePointer<CacheRecord?>
    private let stats: UnsafeMutablePointer<(size: Int, stamp: ResultCache.FileStamp)?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: max(count, 1))
        storage.initialize(repeating: nil, count: max(count, 1))
        records = .allocate(capacity: max(count, 1))
        records.initialize(repeating: nil, count: max(count, 1))
        stats = .allocate(capacity: max(count, 1))
        stats.initialize(repeating: nil, count: max(count, 1))
    }

    deinit {
        storage.deinitialize(count: max(count, 1))
        storage.deallocate()
        records.deinitialize(count: max(count, 1))
        records.deallocate()
        stats.deinitialize(count: max(count, 1))
        stats.deallocate()
    }

    func stat(_ i: Int, _ result: (size: Int, stamp: ResultCache.FileStamp)) { stats[i] = result }
    func statResult(_ i: Int) -> (size: Int, stamp: ResultCache.FileStamp)? { stats[i] }
    func size(of i: Int) -> Int { stats[i]?.size ?? 0 }

    func store(_ i: Int, _ outcome: Outcome) { storage[i] = outcome }
    func take(_ i: Int) -> Outcome? { storage[i] }
    func record(_ i: Int, _ record: CacheRecord) { records[i] = record }
    func cacheRecord(_ i: Int) -> CacheRecord? { records[i] }
}
