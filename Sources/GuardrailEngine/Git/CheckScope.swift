import GuardrailRules
import GuardrailSyntax

/// Where `Engine.analyze` gets a file's bytes when not from the work tree.
public typealias FileContentSource = @Sendable (DiscoveredFile) throws(FileReader.Failure) -> [UInt8]

// MARK: - CheckScope

/// What one run reads and which of its findings it keeps: the files
/// discovery finds (narrowed by `--diff` to those with changed lines), or the
/// staged files read from git's object store (`--staged`); then the baseline
/// and the changed-lines filter applied to the findings.
struct CheckScope {
    /// The files to analyze, sorted.
    var files: [DiscoveredFile]
    /// Where their bytes come from (nil: the work tree).
    var read: FileContentSource?
    /// Per file, its number in the discovery's `onFile` stream (-1: not
    /// handed over); empty when nothing was streamed.
    var streams: [Int] = []
    var notes: [String]
    /// `--diff`: the lines findings must touch.
    var changed: ChangedLines?
    /// Root-relative paths whose baseline entries this run could have seen
    /// again (nil: every path).
    var baselineScope: Set<String>?
    /// Root-relative named paths that bound the run ("" for the root; nil
    /// when none were named).
    var namedPrefixes: [String]?
    var baseline: Baseline?

    init(options: CheckOptions, root: String, discovery: FileDiscovery, paths: [String]) throws {
        if options.staged && options.diffBase != nil {
            throw GuardrailError.usage("--diff and --staged cannot be combined")
        }
        if options.writeBaselinePath != nil && (options.staged || options.diffBase != nil) {
            throw GuardrailError.usage("--write-baseline records a whole run; it cannot be combined with --diff or --staged")
        }
        let realRoot = ProjectRoot.realPath(root) ?? root
        let prefixes: [String]? = paths.isEmpty ? nil : paths.compactMap { path in
            ProjectRoot.relative(path, to: root)
                ?? ProjectRoot.realPath(path).flatMap { ProjectRoot.relative($0, to: realRoot) }
        }
        namedPrefixes = prefixes
        if let path = options.baselinePath {
            baseline = try Baseline.load(path: Engine.absolute(path, from: options.workingDirectory), display: path)
        }
        notes = []
        read = nil
        changed = nil
        baselineScope = nil
        // Git runs where the root was searched from: the first named path's
        // folder, else the working directory.
        let start = paths.first ?? options.workingDirectory
        let gitDirectory = ProjectRoot.isDirectory(start) ? start : ProjectRoot.parent(start)

        if options.staged {
            let repository = try GitRepository(containing: gitDirectory, root: root, purpose: "--staged")
            let staged = try StagedFiles.collect(repository: repository)
            let wanted = staged.files.filter { file in
                guard Language.forPath(file.path) != nil, CheckScope.isWithin(file.path, prefixes) else { return false }
                return options.noExclude || !discovery.excludes.isIgnored(file.path, isDirectory: false)
            }
            let contents = try StagedFiles.contents(of: wanted, repository: repository)
            files = wanted.map { DiscoveredFile(relativePath: $0.path, absolutePath: ProjectRoot.join(root, $0.path), explicit: true) }
            read = { file throws(FileReader.Failure) in
                guard let bytes = contents[file.relativePath] else { throw .vanished }
                return bytes
            }
            baselineScope = Set(staged.files.map(\.path)).union(staged.removed)
            return
        }

        let discovered = try discovery.discover(paths: paths)
        files = discovered.files
        notes = discovered.notes
        streams = discovered.streams
        if let revision = options.diffBase {
            let repository = try GitRepository(containing: gitDirectory, root: root, purpose: "--diff")
            let changes = try ChangedLines.collect(repository: repository, since: revision)
            // Files without changed lines are never read.
            files = files.filter { changes.files[$0.relativePath] != nil }
            streams = []
            changed = changes
            baselineScope = Set(files.map(\.relativePath)).union(changes.removed.filter { CheckScope.isWithin($0, prefixes) })
        }
    }

    /// Whether a root-relative path lies under one of the named paths.
    func within(_ path: String) -> Bool { CheckScope.isWithin(path, namedPrefixes) }

    static func isWithin(_ path: String, _ prefixes: [String]?) -> Bool {
        guard let prefixes else { return true }
        return prefixes.contains { prefix in
            prefix.isEmpty || path == prefix || (path.hasPrefix(prefix) && path.utf8.dropFirst(prefix.utf8.count).first == UInt8(ascii: "/"))
        }
    }

    /// Baseline, `--write-baseline`, then the changed-lines filter. The
    /// baseline sees every finding of the files read, so an entry on an
    /// unchanged line still counts as present under `--diff`.
    func finish(_ result: inout CheckResult, options: CheckOptions) throws {
        let all = result.findings
        if let baseline {
            let active = Set(result.rules.map(\.id)).union([MetaRule.unusedSuppression, MetaRule.suppressionWithoutReason])
            let outcome = baseline.apply(to: &result.findings) { entry in
                guard active.contains(entry.rule) else { return false }
                if let baselineScope { return baselineScope.contains(entry.path) }
                return within(entry.path)
            }
            result.baselined = outcome.hidden
            result.baselineGone = outcome.gone
        }
        if let path = options.writeBaselinePath {
            try Baseline(findings: all).write(to: Engine.absolute(path, from: options.workingDirectory), display: path)
            // The run now reads as if run with the baseline just written.
            result.baselined = all.count
            result.baselineGone = result.baselineGone ?? 0
            result.findings = []
        }
        if let changed {
            result.findings.removeAll { f in
                !changed.touches(f.path, lines: f.line...max(f.line, f.endLine))
            }
        }
    }
}
