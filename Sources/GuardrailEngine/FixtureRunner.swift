import Foundation
import GuardrailRules
import GuardrailSyntax

// MARK: - FixtureReport

/// The outcome of `guardrail test`.
public struct FixtureReport: Sendable {
    /// Rule folders walked.
    public var rules = 0
    /// Fixture files run.
    public var fixtures = 0
    /// Annotated lines checked (each `expect:` / `ok:` target line).
    public var expectations = 0
    /// Variant runs (comment, CRLF, emoji) checked.
    public var variants = 0
    /// One line per mismatch: `file:line: expected … got …`.
    public var failures: [String] = []

    public init() {}
}

// MARK: - FixtureRunner

/// Runs every rule folder's fixtures (SPEC §5). A fixture runs with its
/// folder's rule plus every rule its annotations name; `expect:` lines must
/// be matched exactly, every other line must be clean. Each flagged line is
/// also re-run commented out (must not fire), the whole file with CRLF
/// endings (same findings), and — in TS/JS — behind an emoji (columns shift
/// by exactly the inserted code points).
public enum FixtureRunner {
    public static func run(rulesDirectory: String, display: String) throws -> FixtureReport {
        let onDisk = try RuleSet.load(directory: rulesDirectory, display: display)
        var byID: [String: Rule] = [:]
        for rule in try RuleSet.builtin() { byID[rule.id] = rule }
        for rule in onDisk { byID[rule.id] = rule }
        var report = FixtureReport()
        for rule in onDisk.sorted(by: { $0.id < $1.id }) {
            report.rules += 1
            let folder = rulesDirectory + "/" + rule.id + "/fixtures"
            let files = fixtureFiles(in: folder)
            if files.isEmpty {
                report.failures.append("\(display)/\(rule.id): no fixtures (every rule needs fixtures for what it flags and what it must not)")
                continue
            }
            for file in files {
                let shown = "\(display)/\(rule.id)/fixtures/\(file)"
                try runFixture(path: folder + "/" + file, relative: file, shown: shown, folderRule: rule,
                               rules: byID, fixturesRoot: folder, report: &report)
            }
        }
        return report
    }

    /// Fixture files below `folder`, relative and sorted; sidecars and configs excluded.
    static func fixtureFiles(in folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var out: [String] = []
        while let entry = walker.nextObject() as? String {
            let name = (entry as NSString).lastPathComponent
            if name.hasPrefix(".") || name.hasSuffix(".expect.yml") || name.hasSuffix(".expect.yaml") { continue }
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder + "/" + entry, isDirectory: &isDir)
            if exists && !isDir.boolValue && Language.forPath(entry) != nil { out.append(entry) }
        }
        return out.sorted()
    }

    // MARK: - One fixture

    static func runFixture(path: String, relative: String, shown: String, folderRule: Rule, rules: [String: Rule],
                           fixturesRoot: String, report: inout FixtureReport) throws {
        report.fixtures += 1
        let bytes: [UInt8]
        do { bytes = try FileReader.readAll(path) } catch {
            throw GuardrailError.io(path: shown, message: "cannot read fixture")
        }
        guard let language = Language.forPath(relative) else { return }
        let parsed = Annotations.parse(bytes)
        var expected = parsed.expected
        if let sidecar = try Annotations.sidecar(for: path, shown: shown) {
            for (line, ids) in sidecar { expected[line, default: []] += ids }
        }
        for problem in parsed.problems { report.failures.append("\(shown):\(problem)") }
        var ids: Set<String> = [folderRule.id]
        for (line, list) in expected {
            for id in list where rules[id] == nil {
                report.failures.append("\(shown):\(line): `expect:` names unknown rule `\(id)`")
            }
            ids.formUnion(list.filter { rules[$0] != nil })
        }
        for (line, id) in parsed.ok where rules[id] == nil {
            report.failures.append("\(shown):\(line): `ok:` names unknown rule `\(id)`")
        }
        let config = try fixtureConfig(for: path, fixturesRoot: fixturesRoot)
        let active = try ids.sorted().compactMap { id -> ActiveRule? in
            guard let rule = rules[id] else { return nil }
            return try ActiveRule(rule: rule, severity: config.rules[id]?.severity)
        }
        let policy = SuppressionPolicy(unused: .warning, withoutReason: config.requireReason ? .warning : nil,
                                       knownRules: Set(rules.keys).union([MetaRule.unusedSuppression, MetaRule.suppressionWithoutReason]))
        // The fixture folder's `bitmap:` geometry, like a project's.
        let settings = config.runSettings
        let findings = Analyzer.analyze(SourceFile(path: relative, bytes: bytes, language: language), rules: active,
                                        policy: policy, settings: settings).findings
        var actual: [Int: [String]] = [:]
        for f in findings { actual[f.line, default: []].append(f.rule) }
        var failing = Set<Int>()
        for line in Set(expected.keys).union(actual.keys).sorted() {
            let want = (expected[line] ?? []).sorted(), got = (actual[line] ?? []).sorted()
            if want != got {
                failing.insert(line)
                report.failures.append("\(shown):\(line): expected [\(want.joined(separator: ", "))] got [\(got.joined(separator: ", "))]")
            }
        }
        report.expectations += expected.count + parsed.ok.count
        guard language == .python || language == .typescript || language == .c else { return }
        try runVariants(bytes: bytes, relative: relative, shown: shown, language: language, active: active,
                        policy: policy, settings: settings, findings: findings, expected: expected, report: &report)
    }

    // MARK: - Variants

    static func runVariants(bytes: [UInt8], relative: String, shown: String, language: Language, active: [ActiveRule],
                            policy: SuppressionPolicy, settings: RunSettings = RunSettings(),
                            findings: [Finding], expected: [Int: [String]],
                            report: inout FixtureReport) throws {
        let lines = splitLines(bytes)
        let comment: [UInt8] = language == .python ? Array("# ".utf8) : Array("// ".utf8)
        func analyze(_ b: [UInt8]) -> [Finding] {
            Analyzer.analyze(SourceFile(path: relative, bytes: b, language: language), rules: active, policy: policy,
                             settings: settings).findings
        }
        // Under an inline suppression on the line above, a flagged line is
        // silenced and the suppression counts as used.
        for line in expected.keys.sorted() where line >= 1 && line <= lines.count {
            let ids = Array(Set(expected[line] ?? [])).sorted()
            guard !ids.isEmpty, !ids.contains(where: { $0 == MetaRule.unusedSuppression || $0 == MetaRule.suppressionWithoutReason }) else { continue }
            var copy = lines
            let content = copy[line - 1]
            let indent = Array(content.prefix { $0 == 0x20 || $0 == 0x09 })
            let body = "guardrail: ignore[\(ids.joined(separator: ", "))] -- fixture variant"
            let startsJSX = content.dropFirst(indent.count).first == UInt8(ascii: "<")
            let text = language == .python ? "# " + body : (startsJSX ? "{/* " + body + " */}" : "// " + body)
            copy.insert(indent + Array(text.utf8), at: line - 1)
            let got = analyze(joinLines(copy, crlf: false)).filter { $0.line == line || $0.line == line + 1 }
            report.variants += 1
            if !got.isEmpty {
                report.failures.append("\(shown):\(line): under `guardrail: ignore[\(ids.joined(separator: ", "))]` still reports \(got.map { "\($0.rule): \($0.message)" })")
            }
        }
        // Commented out, a flagged line must not fire.
        for line in expected.keys.sorted() where line >= 1 && line <= lines.count {
            var copy = lines
            let content = copy[line - 1]
            let indent = content.prefix { $0 == 0x20 || $0 == 0x09 }
            copy[line - 1] = Array(indent) + comment + content.dropFirst(indent.count)
            let got = analyze(joinLines(copy, crlf: false)).filter { $0.line == line }
            report.variants += 1
            if !got.isEmpty {
                report.failures.append("\(shown):\(line): commented out, still reports [\(got.map(\.rule).joined(separator: ", "))]")
            }
        }
        // CRLF endings: the same findings at the same places.
        if !bytes.contains(0x0D) {
            let got = analyze(joinLines(lines, crlf: true))
            report.variants += 1
            if got.map(position) != findings.map(position) {
                report.failures.append("\(shown): with CRLF line endings the findings differ: \(got.map(position)) vs \(findings.map(position))")
            }
        }
        // Behind an emoji (TS/JS and C, where a block comment can sit inside a
        // line): columns move by exactly the inserted code points.
        if language == .typescript || language == .c {
            let marker = Array("/*😀*/ ".utf8)
            let shift = 6
            for line in expected.keys.sorted() where line >= 1 && line <= lines.count {
                var copy = lines
                let content = copy[line - 1]
                let indent = content.prefix { $0 == 0x20 || $0 == 0x09 }
                copy[line - 1] = Array(indent) + marker + content.dropFirst(indent.count)
                let got = analyze(joinLines(copy, crlf: false)).filter { $0.line == line }
                let want = findings.filter { $0.line == line }
                report.variants += 1
                let moved = want.map { "\($0.rule)@\($0.column + shift)" }
                if got.map({ "\($0.rule)@\($0.column)" }) != moved {
                    report.failures.append("\(shown):\(line): behind an emoji expected \(moved) got \(got.map { "\($0.rule)@\($0.column)" })")
                }
            }
        }
    }

    static func position(_ f: Finding) -> String { "\(f.rule)@\(f.line):\(f.column)-\(f.endLine):\(f.endColumn)" }

    static func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        for b in bytes {
            if b == 0x0A { lines.append(current); current = [] } else { current.append(b) }
        }
        lines.append(current)
        return lines
    }

    static func joinLines(_ lines: [[UInt8]], crlf: Bool) -> [UInt8] {
        var out: [UInt8] = []
        for (i, line) in lines.enumerated() {
            if i > 0 { out += crlf ? [0x0D, 0x0A] : [0x0A] }
            out += line
        }
        return out
    }

    /// The nearest `.guardrail.yml` between the fixture's folder and the fixtures root.
    static func fixtureConfig(for path: String, fixturesRoot: String) throws -> Configuration {
        var dir = (path as NSString).deletingLastPathComponent
        while dir.count >= fixturesRoot.count {
            let candidate = dir + "/.guardrail.yml"
            if FileManager.default.fileExists(atPath: candidate) {
                return try Configuration.load(path: candidate, displayPath: candidate)
            }
            if dir == fixturesRoot { break }
            dir = (dir as NSString).deletingLastPathComponent
        }
        return Configuration()
    }
}

// MARK: - Annotations

/// `expect:` / `ok:` comment lines and `<name>.expect.yml` sidecars.
enum Annotations {
    struct Parsed {
        /// Target line → expected rule ids (an id twice means two findings).
        var expected: [Int: [String]] = [:]
        /// (target line, id) pairs that must stay clean.
        var ok: [(Int, String)] = []
        /// `line: what is wrong` for malformed annotations.
        var problems: [String] = []
    }

    static func parse(_ bytes: [UInt8]) -> Parsed {
        var parsed = Parsed()
        var lines = FixtureRunner.splitLines(bytes).map { String(decoding: $0, as: UTF8.self) }
        // The empty "line" after a final newline is not a line an `expect:` can announce.
        if lines.count > 1 && lines.last == "" { lines.removeLast() }
        var pendingExpect: [String] = [], pendingExpectLine = 0
        var pendingOK: [String] = [], pendingOKLine = 0
        for (i, raw) in lines.enumerated() {
            let number = i + 1
            if let (kind, ids) = annotation(raw) {
                if ids.isEmpty { parsed.problems.append("\(number): `\(kind):` lists no rule id") }
                if kind == "expect" {
                    if pendingExpect.isEmpty { pendingExpectLine = number }
                    pendingExpect += ids
                } else {
                    if pendingOK.isEmpty { pendingOKLine = number }
                    pendingOK += ids
                }
                continue
            }
            if !pendingExpect.isEmpty { parsed.expected[number, default: []] += pendingExpect; pendingExpect = [] }
            for id in pendingOK { parsed.ok.append((number, id)) }
            pendingOK = []
        }
        if !pendingExpect.isEmpty { parsed.problems.append("\(pendingExpectLine): `expect:` is followed by no line") }
        if !pendingOK.isEmpty { parsed.problems.append("\(pendingOKLine): `ok:` is followed by no line") }
        return parsed
    }

    /// `("expect", ids)` / `("ok", ids)` when the line is a comment-only annotation.
    static func annotation(_ line: String) -> (String, [String])? {
        var s = Substring(line).drop { $0 == " " || $0 == "\t" }
        var matched = false
        for marker in ["{/*", "/*", "//", "#", "*"] where s.hasPrefix(marker) {
            s = s.dropFirst(marker.count); matched = true; break
        }
        guard matched else { return nil }
        s = s.drop { $0 == " " || $0 == "\t" }
        let kind: String
        if s.hasPrefix("expect:") { kind = "expect"; s = s.dropFirst(7) } else if s.hasPrefix("ok:") { kind = "ok"; s = s.dropFirst(3) } else { return nil }
        var body = String(s)
        for closer in ["*/}", "*/"] {
            if let r = body.range(of: closer) { body = String(body[..<r.lowerBound]) }
        }
        let ids = body.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return (kind, ids)
    }

    /// `<file>.expect.yml`: `line: [ids]` for data files that hold no comments.
    static func sidecar(for path: String, shown: String) throws -> [Int: [String]]? {
        let candidate = path + ".expect.yml"
        let alt = ((path as NSString).deletingPathExtension) + ".expect.yml"
        guard let file = [candidate, alt].first(where: { FileManager.default.fileExists(atPath: $0) }) else { return nil }
        let bytes = (try? FileReader.readAll(file)) ?? []
        let reader = YAMLReader(path: shown + " sidecar")
        guard let root = try reader.parse(String(decoding: bytes, as: UTF8.self)) else { return [:] }
        var out: [Int: [String]] = [:]
        for (key, keyNode, value) in try reader.mapping(root, what: "sidecar", allowed: nil) {
            guard let line = Int(key) else { throw reader.error(keyNode, "sidecar keys must be line numbers") }
            out[line] = try reader.strings(value, what: "line \(line)")
        }
        return out
    }
}
