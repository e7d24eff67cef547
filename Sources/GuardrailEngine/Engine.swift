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
    /// The result cache being written, on another thread; waited for
    /// before `Engine.check` returns.
    var cacheWrite: DispatchGroup?
    /// Frees what the run kept (thousands of paths and results); called on
    /// another thread once the result has been used and the cache written.
    var leftovers: (@Sendable () -> Void)?
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
        try check(options) { $0 }
    }

    /// Runs a check and hands the result to `use` (a report to render and
    /// write) while the result cache may still be being written on another
    /// thread; returns, or rethrows, once both are done.
    public static func check<T>(_ options: CheckOptions, while use: (CheckResult) throws -> T) throws -> T {
        let clock = ContinuousClock()
        let began = clock.now
        let (root, config) = try locate(options)
        let paths = options.paths.map { absolute($0, from: options.workingDirectory) }
        // The result, too, is freed on another thread once used: the box
        // holds its only copy, and lets go of it there.
        let held = Held(options.jobs == 1 || options.staged || options.diffBase != nil
            ? try checkInTurn(options, root: root, config: config, paths: paths)
            : try checkStreaming(options, root: root, config: config, paths: paths))
        let (writing, leftovers) = (held.value!.cacheWrite, held.value!.leftovers)
        (held.value!.cacheWrite, held.value!.leftovers) = (nil, nil)
        held.value!.root = root
        held.value!.durationMs = Int((clock.now - began) / .milliseconds(1))
        defer {
            writing?.wait()
            DispatchQueue.global().async {
                held.value = nil
                leftovers?()
            }
        }
        return try use(held.value!)
    }

    /// The result cache of a run, or nil (`--no-cache`, or no usable directory).
    static func openCache(_ options: CheckOptions, root: String, paths: [String], prepared: Prepared) -> ResultCache? {
        options.cacheTool.flatMap { tool in
            ResultCache.load(root: root,
                             key: CacheKey.forRun(tool: tool, root: root, rules: prepared.rules, policy: prepared.policy,
                                                  settings: prepared.config.runSettings),
                             partial: !(paths.isEmpty || paths == [root]) || options.staged || options.diffBase != nil)
        }
    }

    /// The files to check, narrowed and read as the options say (see `CheckScope`).
    static func findScope(_ options: CheckOptions, root: String, config: Configuration, paths: [String],
                          onFile: (@Sendable (DiscoveredFile) -> Int?)? = nil) throws -> CheckScope {
        var discovery = try FileDiscovery(root: root, exclude: config.exclude,
                                          honourExcludeForExplicitFiles: !options.noExclude)
        discovery.jobs = options.jobs
        discovery.onFile = onFile
        // What to read and from where (work tree, `--diff`, `--staged`);
        // then baseline and diff filtering (Git/CheckScope.swift).
        return try CheckScope(options: options, root: root, discovery: discovery, paths: paths)
    }

    /// One step after the other: rules, files, then the files analyzed on
    /// all cores (`--jobs 1`, and `--diff` and `--staged`, which know their
    /// files only once git has answered).
    static func checkInTurn(_ options: CheckOptions, root: String, config: Configuration,
                            paths: [String]) throws -> CheckResult {
        // The rules (the built-in pack is YAML to parse) and the files (a walk
        // of the tree) do not depend on each other: both at once. A rule
        // error is reported before a discovery one, as when they ran one
        // after the other.
        let setUp = SetUp()
        @Sendable func parseRules() {
            setUp.prepared = Result { try prepare(options, root: root, config: config) }
        }
        @Sendable func findFiles() {
            setUp.scope = Result { try findScope(options, root: root, config: config, paths: paths) }
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
        let compileCommands = try loadCompileCommands(root: root, files: scope.files)
        let cache = openCache(options, root: root, paths: paths, prepared: prepared)
        var result = try analyzeWritingCache(files: scope.files, rules: prepared.rules, jobs: options.jobs,
                                             policy: prepared.policy, read: scope.read, compileCommands: compileCommands,
                                             settings: config.runSettings, cache: cache)
        result.notes = scope.notes + result.notes
        do { try scope.finish(&result, options: options) } catch { result.cacheWrite?.wait(); throw error }
        return result
    }

    /// The most worker threads a streaming run starts.
    static let maxWorkers = 64

    /// The walk and the analysis at once: each file the walk finds is
    /// analyzed at once, on worker threads started as soon as the rules are
    /// parsed, so the cores are busy while the walk waits for the disk and
    /// between its depths. C/C++ files wait for the walk's end (their
    /// `compile_commands.json` is read only when there are some), and so
    /// do files named on the command line. Results are put in the walk's
    /// sorted order afterwards, so nothing depends on scheduling; errors
    /// come in the same precedence as in `checkInTurn`.
    static func checkStreaming(_ options: CheckOptions, root: String, config: Configuration,
                               paths: [String]) throws -> CheckResult {
        let feed = FileFeed()
        let pool = WorkerPool()
        let setUp = SetUp()
        // One thread per job, and no more than `maxWorkers` (`--jobs 100000`
        // is a machine's thread limit, not a plan).
        let workers = min(options.jobs > 0 ? options.jobs : Processors.available, maxWorkers)
        @Sendable func parseRulesAndStart() {
            setUp.prepared = Result { try prepare(options, root: root, config: config) }
            guard case .success(let prepared) = setUp.prepared else { return }
            let plan = Analyzer.Plan(rules: prepared.rules, policy: prepared.policy, settings: config.runSettings)
            let cache = openCache(options, root: root, paths: paths, prepared: prepared)
            setUp.cache = cache
            let started = ResultCache.FileStamp.now()
            let work: @Sendable () -> Void = {
                while let next = feed.next() {
                    if let (outcome, record) = analyzeFile(next.file, plan: plan, read: nil, cache: cache, stat: next.stat,
                                                           started: started, compileCommands: next.compileCommands) {
                        pool.results.store(next.number, outcome: outcome, record: record)
                    }
                }
            }
            setUp.work = work
            // A thread the system refuses is one worker fewer; with none,
            // the calling thread does the work after the walk.
            setUp.workers = (0..<workers).reduce(0) { count, _ in pool.spawn(work) ? count + 1 : count }
        }
        let rulesDone = DispatchGroup()
        DispatchQueue.global().async(group: rulesDone, execute: parseRulesAndStart)
        setUp.scope = Result {
            try findScope(options, root: root, config: config, paths: paths) { file in
                Language.forPath(file.relativePath) == .c ? nil : feed.push(file)
            }
        }
        // The workers are behind the walk: what they have not taken yet
        // goes biggest first.
        if case .success = setUp.scope { feed.biggestFirst() }
        rulesDone.wait()
        // Workers run only when the rules parsed; stop them on any error.
        func stop() {
            feed.close(consumers: setUp.workers, discardingRest: true)
            pool.wait()
        }
        let prepared: Prepared
        do { prepared = try setUp.prepared!.get() } catch { feed.close(consumers: 0, discardingRest: true); throw error }
        let scope: CheckScope
        let compileCommands: CompileCommands?
        do {
            scope = try setUp.scope!.get()
            compileCommands = try loadCompileCommands(root: root, files: scope.files)
        } catch {
            stop()
            throw error
        }
        feed.compileCommands(compileCommands)
        var numbers = scope.streams.count == scope.files.count ? scope.streams : Array(repeating: -1, count: scope.files.count)
        for i in scope.files.indices where numbers[i] < 0 { numbers[i] = feed.push(scope.files[i]) }
        if setUp.workers > 0 {
            feed.close(consumers: setUp.workers, discardingRest: false)
        } else {
            feed.close(consumers: 1, discardingRest: false)
            setUp.work?()
        }
        pool.wait()
        // In the walk's order; a file handed over twice (a second name of
        // one file) is not asked for.
        let results = pool.results
        // The walk's files (twice: the feed's and the scope's) and the
        // results, freed on another thread once the report is out.
        let leftovers: @Sendable () -> Void = {
            feed.drain()
            setUp.drain()
            results.free()
        }
        var result: CheckResult
        do {
            let sealed = results.sealed()
            result = try collect(files: scope.files, summary: { sealed.summary(numbers[$0]) },
                                 outcome: { sealed.outcome(numbers[$0]) },
                                 record: { [numbers] in sealed.record(numbers[$0]) }, rules: prepared.rules,
                                 cache: setUp.cache)
        } catch {
            // `collect` has waited for the cache write.
            DispatchQueue.global().async(execute: leftovers)
            throw error
        }
        result.leftovers = leftovers
        result.notes = scope.notes + result.notes
        do { try scope.finish(&result, options: options) } catch {
            result.cacheWrite?.wait()
            DispatchQueue.global().async(execute: leftovers)
            throw error
        }
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
        var result = try analyzeWritingCache(files: files, rules: rules, jobs: jobs, policy: policy, read: read,
                                             compileCommands: compileCommands, settings: settings, cache: cache)
        result.cacheWrite?.wait()
        result.cacheWrite = nil
        return result
    }

    /// `analyze`, returning while the cache may still be being written.
    static func analyzeWritingCache(files: [DiscoveredFile], rules: [ActiveRule], jobs: Int, policy: SuppressionPolicy,
                                    read: FileContentSource?, compileCommands: CompileCommands?,
                                    settings: RunSettings, cache: ResultCache?) throws -> CheckResult {
        let slots = Slots(count: files.count)
        let plan = Analyzer.Plan(rules: rules, policy: policy, settings: settings)
        let started = ResultCache.FileStamp.now()
        let workers = max(1, min(jobs > 0 ? jobs : Processors.available, max(files.count, 1)))
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
                if let (outcome, record) = analyzeFile(files[i], plan: plan, read: read, cache: cache, stat: slots.statResult(i),
                                                       started: started, compileCommands: compileCommands) {
                    slots.store(i, outcome, record)
                }
            }
        }
        return try collect(files: files, summary: slots.summary, outcome: slots.take, record: { slots.cacheRecord($0) },
                           rules: rules, cache: cache)
    }

    /// One file, as a worker analyzes it: from the cache, or read (from
    /// `read`, else the work tree) and analyzed; nil when no rule looks at
    /// it. `stat` is what a `stat` of the file said a moment ago, if known.
    static func analyzeFile(_ file: DiscoveredFile, plan: Analyzer.Plan, read: FileContentSource?, cache: ResultCache?,
                            stat: (size: Int, stamp: ResultCache.FileStamp)?, started: Int64,
                            compileCommands: CompileCommands?) -> (FileResult, CacheRecord?)? {
        // The configuration file is guardrail's input, not a source to check.
        guard !file.relativePath.hasSuffix(".guardrail.yml"),
              let language = Language.forPath(file.relativePath) else { return nil }
        let applicable = plan.applicable(to: file.relativePath, language: language)
        if applicable.isEmpty { return nil }
        let cacheable = cache != nil && language != .c
        var known = stat
        // On disk and unchanged by size, device, inode and times since
        // a run hashed it: not even read (see `FileStamp`).
        var stamp = ResultCache.FileStamp(mtimeNs: 0, ctimeNs: 0, inode: 0, device: 0, verifiedAt: started)
        if cacheable, read == nil, let cache {
            // Only an entry of the cache can vouch for a stamp; without one
            // (a cold run), the stamp is what `fstat` says once the file is open.
            if known == nil && cache.knows(file.relativePath) { known = ResultCache.FileStamp.of(file.absolutePath) }
            if let st = known {
                if let hit = cache.lookup(path: file.relativePath, size: st.size, stamp: st.stamp) {
                    return (.done(hit.outcome), CacheRecord(size: st.size, hash: hit.hash, stamp: hit.stamp, blob: hit.blob,
                                                            hit: true, unread: true))
                }
                stamp = st.stamp
                stamp.verifiedAt = started
            }
        }
        let bytes: [UInt8]
        do throws(FileReader.Failure) {
            if let read {
                bytes = try read(file)
            } else if cacheable && known == nil {
                let stamped = try FileReader.readAllStamped(file.absolutePath)
                bytes = stamped.bytes
                if let st = stamped.stamp {
                    stamp = st
                    stamp.verifiedAt = started
                }
            } else {
                bytes = try FileReader.readAll(file.absolutePath, expectedSize: known?.size)
            }
        } catch {
            return (error == .vanished ? .vanished : .failed(error), nil)
        }
        // Unchanged since a run with the same rules and settings: its
        // results as they were (C/C++ results depend on headers too).
        var hash: UInt64 = 0
        var containsNUL: Bool?
        if cacheable, let cache {
            (hash, containsNUL) = ContentHash.xxh64FindingNUL(bytes)
            if let hit = cache.lookup(path: file.relativePath, size: bytes.count, hash: hash) {
                return (.done(hit.outcome), CacheRecord(size: bytes.count, hash: hash, stamp: stamp, blob: hit.blob,
                                                        hit: true, unread: false))
            }
        }
        let source = SourceFile(path: file.relativePath, bytes: bytes, language: language)
        // C/C++: libclang reads the bytes under the file's real name
        // (for `#include "…"` next to it) with its database flags.
        let cSettings = language == .c
            ? CParseSettings(fileName: file.absolutePath, arguments: compileCommands?.arguments(for: file.absolutePath) ?? [])
            : CParseSettings()
        let outcome = Analyzer.analyze(source, plan: plan, applicable: applicable, cSettings: cSettings,
                                       containsNUL: containsNUL)
        guard cacheable && outcome.error == nil else { return (.done(outcome), nil) }
        return (.done(outcome), CacheRecord(size: bytes.count, hash: hash, stamp: stamp,
                                            blob: OutcomeCodec.encode(outcome)[...], hit: false, unread: false))
    }

    /// The files' results in their order: findings, notes, counts, and the
    /// cache written back.
    private static func collect(files: [DiscoveredFile], summary: (Int) -> FileSummary?, outcome: (Int) -> FileResult?,
                                record: @escaping @Sendable (Int) -> CacheRecord?,
                                rules: [ActiveRule], cache: ResultCache?) throws -> CheckResult {
        var cacheHits = 0
        var cacheUnread = 0
        var cacheWrite: DispatchGroup?
        if let cache {
            var misses = 0
            for i in 0..<files.count {
                guard let s = summary(i), s.recorded else { continue }
                if s.hit { cacheHits += 1 } else { misses += 1 }
                if s.unread { cacheUnread += 1 }
            }
            // Files read again (new stamps) are worth a rewrite too; the
            // rows are gathered and written on another thread while the
            // findings are collected and sorted (and the run is finished:
            // see `CheckResult.cacheWrite`).
            let writing = DispatchGroup()
            writing.enter()
            DispatchQueue.global().async { [misses, cacheHits, cacheUnread] in
                var fresh: [ResultCache.Row] = []
                fresh.reserveCapacity(files.count)
                for i in 0..<files.count {
                    guard let r = record(i) else { continue }
                    fresh.append(ResultCache.Row(path: files[i].relativePath, size: r.size, hash: r.hash, stamp: r.stamp, blob: r.blob))
                }
                cache.save(fresh, misses: misses + (cacheHits - cacheUnread))
                // Written: the rows are freed after the run is told so.
                writing.leave()
            }
            cacheWrite = writing
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
        do {
            for i in 0..<files.count {
                // Most files have nothing to report: counted from their
                // summary, their results not copied.
                if let s = summary(i), s.plain {
                    considered += 1
                    if s.analyzed && !s.hit { analyzed += 1 }
                    continue
                }
                switch outcome(i) {
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
                    if outcome.analyzed && record(i)?.hit != true { analyzed += 1 }
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
        } catch {
            // A file the run cannot go on without (unreadable, no front
            // end): the error, once the cache is written.
            cacheWrite?.wait()
            throw error
        }
        // After every file: name the other files' disagreeing definitions.
        CrossFileFacts.annotate(&findings, with: facts)
        // Each file's findings are sorted, and the files come in path order:
        // a sort only for what breaks that (a path `reportOrder` ranks
        // differently).
        if findings.indices.dropFirst().contains(where: { Finding.reportOrder(findings[$0], findings[$0 - 1]) }) {
            findings.sort(by: Finding.reportOrder)
        }
        var result = CheckResult(root: "", findings: findings, files: considered, analyzed: analyzed, skipped: skipped,
                                 notes: notes, durationMs: 0, rules: rules,
                                 frontEndFiles: frontEndFiles, frontEndDuration: frontEndDuration,
                                 frontEndErrorFiles: frontEndErrorFiles, firstFrontEndError: firstFrontEndError,
                                 cacheHits: cacheHits, cacheUnread: cacheUnread)
        result.cacheWrite = cacheWrite
        return result
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

/// The two halves of a run's set-up: `prepared` (and `cache`) written by
/// the rule-parsing thread, `scope` by the calling one, all read after the
/// group's wait.
private final class SetUp: @unchecked Sendable {
    var prepared: Result<Engine.Prepared, any Error>?
    var cache: ResultCache?
    var scope: Result<CheckScope, any Error>?
    /// A streaming run's worker loop, and how many threads run it.
    var work: (@Sendable () -> Void)?
    var workers = 0

    /// Lets go of the rules, the cache and the files.
    func drain() {
        prepared = nil
        cache = nil
        scope = nil
        work = nil
    }
}

/// A run's result, until the thread that frees it lets go.
private final class Held: @unchecked Sendable {
    var value: CheckResult?

    init(_ value: CheckResult) { self.value = value }
}

// MARK: - FileFeed

/// The files of a streaming run, in the order they were handed over: the
/// walk's threads (and then the calling one) push, workers take. Each push
/// and each closing token is one semaphore signal, and each take one wait,
/// so a worker that wakes to find nothing left knows the feed is closed.
final class FileFeed: Sendable {
    private struct State {
        /// By number.
        var files: [DiscoveredFile] = []
        var stats: [(size: Int, stamp: ResultCache.FileStamp)?] = []
        /// Numbers in the order they are handed out; `order[..<taken]` are.
        var order: [Int] = []
        var taken = 0
        var compileCommands: CompileCommands?
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)

    /// Hands `file` over; its number in the feed.
    func push(_ file: DiscoveredFile) -> Int {
        let number = state.withLock { state in
            state.files.append(file)
            state.stats.append(nil)
            state.order.append(state.files.count - 1)
            return state.files.count - 1
        }
        available.signal()
        return number
    }

    /// What C/C++ files pushed from now on are parsed with.
    func compileCommands(_ commands: CompileCommands?) {
        state.withLock { $0.compileCommands = commands }
    }

    /// The next file, its number and what `stat` said of it (if asked), or
    /// nil once the feed is closed and empty. Blocks while it is open and
    /// empty.
    func next() -> Next? {
        available.wait()
        return state.withLock { state in
            guard state.taken < state.order.count else { return nil }
            let number = state.order[state.taken]
            state.taken += 1
            return Next(number: number, file: state.files[number], stat: state.stats[number],
                        compileCommands: state.compileCommands)
        }
    }

    struct Next {
        var number: Int
        var file: DiscoveredFile
        var stat: (size: Int, stamp: ResultCache.FileStamp)?
        var compileCommands: CompileCommands?
    }

    /// The files not yet taken, biggest first, so that no big file found
    /// late by the walk runs alone at the end while the other cores idle.
    /// Their `stat`s (taken here, without holding the lock) go to the
    /// workers, for the cache and to size the read.
    func biggestFirst() {
        let rest = state.withLock { state in state.order[state.taken...].map { ($0, state.files[$0].absolutePath) } }
        var found: [(number: Int, stat: (size: Int, stamp: ResultCache.FileStamp))] = []
        found.reserveCapacity(rest.count)
        for (number, path) in rest {
            if let st = ResultCache.FileStamp.of(path) { found.append((number, st)) }
        }
        state.withLock { state in
            for (number, st) in found { state.stats[number] = st }
            let stats = state.stats
            func size(_ number: Int) -> Int { stats[number]?.size ?? 0 }
            state.order[state.taken...].sort { (size($0), $1) > (size($1), $0) }
        }
    }

    /// Lets go of every file (after the run).
    func drain() {
        let files = state.withLock { state in
            defer { state = State() }
            return state
        }
        _ = files
    }

    /// No more pushes: each of `consumers` workers wakes to nil once the
    /// files are gone (at once, when `discardingRest`).
    func close(consumers: Int, discardingRest: Bool) {
        if discardingRest { state.withLock { $0.taken = $0.files.count } }
        for _ in 0..<consumers { available.signal() }
    }

}

// MARK: - WorkerPool

/// Threads of a streaming run, and where they put each file's result: by
/// its number in the feed.
final class WorkerPool: Sendable {
    let results = NumberedResults()
    private let running = DispatchGroup()

    /// Starts a thread running `work` (stack as large as the main thread's:
    /// deeply nested sources recurse in places); false when the system
    /// creates none (a thread limit), which Foundation's `Thread` would not
    /// tell, leaving `wait` to wait forever.
    func spawn(_ work: @escaping @Sendable () -> Void) -> Bool {
        running.enter()
        let job = Unmanaged.passRetained(WorkerJob(work: work, running: running)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 8 << 20)
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            let job = Unmanaged<WorkerJob>.fromOpaque(raw).takeRetainedValue()
            job.work()
            job.running.leave()
            return nil
        }, job)
        guard status == 0 else {
            Unmanaged<WorkerJob>.fromOpaque(job).release()
            running.leave()
            return false
        }
        pthread_detach(thread)
        return true
    }

    /// Waits for every thread.
    func wait() {
        running.wait()
    }
}

/// What one worker thread runs, handed to `pthread_create`.
private final class WorkerJob: Sendable {
    let work: @Sendable () -> Void
    let running: DispatchGroup

    init(work: @escaping @Sendable () -> Void, running: DispatchGroup) {
        self.work = work
        self.running = running
    }
}

/// Results by number, in chunks allocated as numbers grow (the count is
/// known only when the walk ends). Each number is written by one worker
/// and read after all of them finished, through `sealed()`.
final class NumberedResults: @unchecked Sendable {
    /// One chunk's slots: outcomes, cache records and summaries apart, so
    /// that reading a summary or a record copies nothing else of the file's.
    struct Chunk {
        let outcomes: UnsafeMutablePointer<FileResult?>
        let records: UnsafeMutablePointer<CacheRecord?>
        let summaries: UnsafeMutablePointer<FileSummary?>
    }

    fileprivate static let chunkSize = 1024
    private let chunks = Mutex<[Chunk]>([])

    private func chunk(_ number: Int) -> (Chunk, Int) {
        let (index, offset) = number.quotientAndRemainder(dividingBy: Self.chunkSize)
        let chunk = chunks.withLock { list in
            while list.count <= index {
                let fresh = Chunk(outcomes: .allocate(capacity: Self.chunkSize), records: .allocate(capacity: Self.chunkSize),
                                  summaries: .allocate(capacity: Self.chunkSize))
                fresh.outcomes.initialize(repeating: nil, count: Self.chunkSize)
                fresh.records.initialize(repeating: nil, count: Self.chunkSize)
                fresh.summaries.initialize(repeating: nil, count: Self.chunkSize)
                list.append(fresh)
            }
            return list[index]
        }
        return (chunk, offset)
    }

    func store(_ number: Int, outcome: FileResult, record: CacheRecord?) {
        let (chunk, offset) = chunk(number)
        chunk.summaries[offset] = FileSummary(outcome, record)
        chunk.records[offset] = record
        chunk.outcomes[offset] = outcome
    }

    /// The results as they are once every worker is done: read with no
    /// lock, from any thread. It keeps the results alive, but not from
    /// `free`: every reader must be done before that is called.
    struct Sealed: @unchecked Sendable {
        fileprivate let owner: NumberedResults
        fileprivate let chunks: [Chunk]

        @inline(__always) private func at(_ number: Int) -> (Chunk, Int)? {
            let (index, offset) = number.quotientAndRemainder(dividingBy: NumberedResults.chunkSize)
            return index < chunks.count ? (chunks[index], offset) : nil
        }

        func outcome(_ number: Int) -> FileResult? { at(number).flatMap { $0.0.outcomes[$0.1] } }
        func record(_ number: Int) -> CacheRecord? { at(number).flatMap { $0.0.records[$0.1] } }
        func summary(_ number: Int) -> FileSummary? { at(number).flatMap { $0.0.summaries[$0.1] } }
    }

    func sealed() -> Sealed { Sealed(owner: self, chunks: chunks.withLock { $0 }) }

    /// Frees the results (after the run, which need not wait for it: see
    /// `CheckResult.leftovers`), once every reader through `sealed()` is
    /// done. Empty afterwards.
    func free() {
        let list = chunks.withLock { list in
            defer { list = [] }
            return list
        }
        for chunk in list {
            chunk.outcomes.deinitialize(count: Self.chunkSize)
            chunk.records.deinitialize(count: Self.chunkSize)
            chunk.summaries.deinitialize(count: Self.chunkSize)
            chunk.outcomes.deallocate()
            chunk.records.deallocate()
            chunk.summaries.deallocate()
        }
    }

    deinit {
        free()
    }
}

// MARK: - Slots

/// What became of one file.
enum FileResult: Sendable {
    case done(FileOutcome)
    case vanished
    case failed(FileReader.Failure)
}

/// What `collect` needs of most files, read without copying their
/// results: whether there is anything to report, and the counts.
struct FileSummary: Sendable {
    /// Done, with no findings, facts, skip, error, or front-end detail.
    var plain = false
    var analyzed = false
    /// With a cache record; from the cache; from it without being read.
    var recorded = false
    var hit = false
    var unread = false

    init(_ outcome: FileResult, _ record: CacheRecord?) {
        if case .done(let o) = outcome {
            plain = o.findings.isEmpty && o.facts.isEmpty && o.skipped == nil && o.error == nil
                && o.frontEndDuration == nil && o.frontEndError == nil && o.frontEndNote == nil
            analyzed = o.analyzed
        }
        if let record {
            recorded = true
            hit = record.hit
            unread = record.unread
        }
    }
}

/// A file's result as the cache stores it, and whether it came from there.
struct CacheRecord: Sendable {
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
    typealias Outcome = FileResult

    let next = Atomic<Int>(0)
    private let storage: UnsafeMutablePointer<Outcome?>
    private let records: UnsafeMutablePointer<CacheRecord?>
    private let stats: UnsafeMutablePointer<(size: Int, stamp: ResultCache.FileStamp)?>
    private let summaries: UnsafeMutablePointer<FileSummary?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: max(count, 1))
        storage.initialize(repeating: nil, count: max(count, 1))
        records = .allocate(capacity: max(count, 1))
        records.initialize(repeating: nil, count: max(count, 1))
        stats = .allocate(capacity: max(count, 1))
        stats.initialize(repeating: nil, count: max(count, 1))
        summaries = .allocate(capacity: max(count, 1))
        summaries.initialize(repeating: nil, count: max(count, 1))
    }

    deinit {
        storage.deinitialize(count: max(count, 1))
        storage.deallocate()
        records.deinitialize(count: max(count, 1))
        records.deallocate()
        stats.deinitialize(count: max(count, 1))
        stats.deallocate()
        summaries.deinitialize(count: max(count, 1))
        summaries.deallocate()
    }

    func stat(_ i: Int, _ result: (size: Int, stamp: ResultCache.FileStamp)) { stats[i] = result }
    func statResult(_ i: Int) -> (size: Int, stamp: ResultCache.FileStamp)? { stats[i] }
    func size(of i: Int) -> Int { stats[i]?.size ?? 0 }

    func store(_ i: Int, _ outcome: Outcome, _ record: CacheRecord?) {
        storage[i] = outcome
        records[i] = record
        summaries[i] = FileSummary(outcome, record)
    }
    func take(_ i: Int) -> Outcome? { storage[i] }
    func cacheRecord(_ i: Int) -> CacheRecord? { records[i] }
    func summary(_ i: Int) -> FileSummary? { summaries[i] }
}
