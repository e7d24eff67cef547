import Foundation
import GuardrailRules
import GuardrailSyntax

// MARK: - SuppressionPolicy

/// How the engine treats inline suppressions for one run: which meta
/// findings it reports, at what severity, and which rule ids exist.
public struct SuppressionPolicy: Sendable {
    /// Severity of `unused-suppression`, or nil when that meta rule is off.
    public var unused: Severity?
    /// Severity of `suppression-without-reason`, or nil when reasons are not required.
    public var withoutReason: Severity?
    /// Every rule id the run knows (listing another in a suppression is reported).
    public var knownRules: Set<String>

    public init(unused: Severity? = .warning, withoutReason: Severity? = nil, knownRules: Set<String> = []) {
        self.unused = unused
        self.withoutReason = withoutReason
        self.knownRules = knownRules
    }
}

// MARK: - Suppression

/// One `guardrail: ignore[…]` or `guardrail: ignore-file[…]` comment.
struct Suppression {
    var ids: [String]
    var fileLevel: Bool
    /// The line whose findings it silences (unused for file-level ones).
    var targetLine: Int
    var hasReason: Bool
    /// Byte range of the comment, where meta findings point.
    var start: Int
    var end: Int
    /// A comment that names `guardrail:` but is not well-formed.
    var problem: String?
}

// MARK: - Suppressions

enum Suppressions {
    static let marker = Array("guardrail:".utf8)

    /// Finds suppression comments: in any comment form, on the flagged line or
    /// alone on the line directly above; `ignore-file` only in the first 10 lines.
    static func parse(tokens: [Token], source: SourceFile, index: LineIndex) -> [Suppression] {
        var out: [Suppression] = []
        let bytes = source.bytes
        for i in tokens.indices where tokens[i].kind == .comment {
            let token = tokens[i]
            guard let at = find(marker, in: bytes, from: Int(token.start), to: Int(token.end)) else { continue }
            let startLine = index.line(of: Int(token.start))
            let endLine = index.line(of: max(Int(token.start), Int(token.end) - 1))
            // A JSX comment `{/* … */}` counts as the comment itself.
            var before = i - 1, after = i + 1
            if before >= 0, after < tokens.count, isOp(tokens[before], "{", bytes), isOp(tokens[after], "}", bytes) {
                before -= 1; after += 1
            }
            while before >= 0 && tokens[before].kind == .newline { before -= 1 }
            while after < tokens.count && tokens[after].kind == .newline { after += 1 }
            let sharesLine = (before >= 0 && index.line(of: max(Int(tokens[before].start), Int(tokens[before].end) - 1)) == startLine)
                || (after < tokens.count && index.line(of: Int(tokens[after].start)) == endLine)
            var s = parseBody(bytes, from: at + marker.count, to: Int(token.end))
            s.start = Int(token.start)
            s.end = Int(token.end)
            s.targetLine = sharesLine ? startLine : endLine + 1
            if s.fileLevel && startLine > 10 {
                s.problem = "`guardrail: ignore-file[…]` must stand in the file's first 10 lines"
            }
            out.append(s)
        }
        return out
    }

    /// Parses `ignore[ids] -- reason` / `ignore-file[ids] -- reason` after the marker.
    static func parseBody(_ bytes: [UInt8], from: Int, to: Int) -> Suppression {
        var s = Suppression(ids: [], fileLevel: false, targetLine: 0, hasReason: false, start: 0, end: 0, problem: nil)
        var i = from
        func skipSpaces() { while i < to && (bytes[i] == 0x20 || bytes[i] == 0x09) { i += 1 } }
        skipSpaces()
        let word = Array("ignore".utf8)
        guard to - i >= word.count, Array(bytes[i..<i + word.count]) == word else {
            s.problem = "`guardrail:` must be followed by `ignore[rule-id, …]` or `ignore-file[rule-id, …]`"
            return s
        }
        i += word.count
        let fileSuffix = Array("-file".utf8)
        if to - i >= fileSuffix.count, Array(bytes[i..<i + fileSuffix.count]) == fileSuffix {
            s.fileLevel = true
            i += fileSuffix.count
        }
        skipSpaces()
        guard i < to, bytes[i] == UInt8(ascii: "[") else {
            s.problem = "`guardrail: ignore` needs a bracketed list of rule ids, e.g. `ignore[slot-era-import]`"
            return s
        }
        i += 1
        var close = i
        while close < to && bytes[close] != UInt8(ascii: "]") { close += 1 }
        guard close < to else {
            s.problem = "unterminated `[` in `guardrail: ignore[…]`"
            return s
        }
        s.ids = String(decoding: bytes[i..<close], as: UTF8.self).split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if s.ids.isEmpty { s.problem = "`guardrail: ignore[]` lists no rule id" }
        i = close + 1
        skipSpaces()
        if to - i >= 2, bytes[i] == UInt8(ascii: "-"), bytes[i + 1] == UInt8(ascii: "-") {
            var reason = String(decoding: bytes[(i + 2)..<to], as: UTF8.self)
            for closer in ["*/}", "*/", "-->"] {
                if let r = reason.range(of: closer) { reason = String(reason[..<r.lowerBound]) }
            }
            s.hasReason = !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        return s
    }

    /// Drops suppressed findings and appends the meta findings.
    static func apply(_ findings: [Finding], suppressions: [Suppression], ran: Set<String>, policy: SuppressionPolicy,
                      source: SourceFile, index: LineIndex) -> [Finding] {
        var used = suppressions.map { [Bool](repeating: false, count: $0.ids.count) }
        // The suppressions that can apply to a line: its own and the file's.
        var byLine: [Int: [Int]] = [:]
        var fileLevel: [Int] = []
        for (n, s) in suppressions.enumerated() where s.problem == nil {
            if s.fileLevel { fileLevel.append(n) } else { byLine[s.targetLine, default: []].append(n) }
        }
        var kept: [Finding] = []
        for finding in findings {
            var silenced = false
            for n in (byLine[finding.line] ?? []) + fileLevel {
                let s = suppressions[n]
                if let k = s.ids.firstIndex(of: finding.rule) {
                    used[n][k] = true
                    silenced = true
                }
            }
            if !silenced { kept.append(finding) }
        }
        var meta: [(id: String, severity: Severity, hit: Hit)] = []
        for (n, s) in suppressions.enumerated() {
            if let problem = s.problem {
                if let severity = policy.unused { meta.append((MetaRule.unusedSuppression, severity, Hit(start: s.start, end: s.end, message: problem))) }
                continue
            }
            if let severity = policy.unused {
                for (k, id) in s.ids.enumerated() where !used[n][k] {
                    if !policy.knownRules.isEmpty && !policy.knownRules.contains(id) {
                        meta.append((MetaRule.unusedSuppression, severity, Hit(start: s.start, end: s.end, message: "suppression names unknown rule `\(id)`")))
                    } else if ran.contains(id) {
                        let where_ = s.fileLevel ? "in this file" : "on line \(s.targetLine)"
                        meta.append((MetaRule.unusedSuppression, severity, Hit(start: s.start, end: s.end, message: "suppression of `\(id)` is unused: nothing \(where_) reports it")))
                    }
                }
            }
            if let severity = policy.withoutReason, !s.hasReason {
                meta.append((MetaRule.suppressionWithoutReason, severity, Hit(start: s.start, end: s.end, message: "suppression of `\(s.ids.joined(separator: "`, `"))` gives no reason")))
            }
        }
        guard !meta.isEmpty else { return kept }
        var metaFindings = meta.map { item -> Finding in
            let start = index.position(of: item.hit.start, in: source.bytes)
            let end = index.position(of: item.hit.end, in: source.bytes)
            let range = index.lineRange(start.line, in: source.bytes)
            let help = item.id == MetaRule.unusedSuppression
                ? "remove the suppression, or fix its rule ids"
                : "add a reason: `-- why this is fine`"
            let excerpt = Excerpt.range(around: item.hit.start..<max(item.hit.start, item.hit.end), in: range, bytes: source.bytes)
            var finding = Finding(rule: item.id, severity: item.severity, path: source.path, line: start.line, column: start.column,
                           endLine: end.line, endColumn: end.column, message: item.hit.message, help: help,
                           sourceLine: source.text(excerpt.lowerBound, excerpt.upperBound),
                           flaggedText: Analyzer.normalizeWhitespace(source.bytes, item.hit.start, item.hit.end))
            finding.sourceLineColumn = index.position(of: excerpt.lowerBound, in: source.bytes).column
            return finding
        }
        Analyzer.assignFingerprints(&metaFindings)
        return (kept + metaFindings).sorted(by: Finding.reportOrder)
    }

    static func isOp(_ token: Token, _ char: Character, _ bytes: [UInt8]) -> Bool {
        token.kind == .op && token.length == 1 && bytes[Int(token.start)] == char.asciiValue!
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard to - from >= needle.count else { return nil }
        var i = from
        while i + needle.count <= to {
            if bytes[i] == needle[0] {
                var k = 1
                while k < needle.count && bytes[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
