import Foundation
import GuardrailRules

// MARK: - Baseline

/// Findings accepted as they are today (`--write-baseline FILE`), hidden in
/// later runs (`--baseline FILE`) by fingerprint — rule, path,
/// whitespace-normalised flagged text and occurrence index — so an entry
/// survives its line moving and unrelated edits (SPEC §7).
///
/// The file is pretty JSON, one finding per line, sorted by path, rule and
/// fingerprint, with no line numbers, so it only changes when findings
/// appear or go and its diff reads well in review.
public struct Baseline: Sendable, Equatable {
    /// One accepted finding.
    public struct Entry: Sendable, Equatable {
        /// The finding's fingerprint: what matching uses.
        public var fingerprint: String
        /// Rule id, root-relative path and message: for readers of the file,
        /// and to tell which entries a narrower run could have seen.
        public var rule: String
        public var path: String
        public var message: String

        /// An entry.
        public init(fingerprint: String, rule: String, path: String, message: String) {
            self.fingerprint = fingerprint
            self.rule = rule
            self.path = path
            self.message = message
        }
    }

    /// The format's version; a file with another is rejected.
    public static let formatVersion = 1

    /// The entries, in file order (sorted).
    public var entries: [Entry]

    /// A baseline of these entries (sorted).
    public init(entries: [Entry]) {
        self.entries = entries.sorted(by: Baseline.order)
    }

    /// The baseline of these findings.
    public init(findings: [Finding]) {
        self.init(entries: findings.map {
            Entry(fingerprint: $0.fingerprint, rule: $0.rule, path: $0.path, message: $0.message)
        })
    }

    static func order(_ a: Entry, _ b: Entry) -> Bool {
        if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
        if a.rule != b.rule { return a.rule.utf8.lexicographicallyPrecedes(b.rule.utf8) }
        if a.fingerprint != b.fingerprint { return a.fingerprint < b.fingerprint }
        return a.message.utf8.lexicographicallyPrecedes(b.message.utf8)
    }

    // MARK: Applying

    /// What applying a baseline did.
    public struct Outcome: Sendable, Equatable {
        /// Findings hidden because the baseline lists them.
        public var hidden: Int
        /// Baseline entries in scope that no longer occur.
        public var gone: Int
    }

    /// Removes the findings the baseline lists (each entry hides at most one
    /// finding) and counts the entries that no longer occur among those
    /// `inScope` says this run could have seen again.
    public func apply(to findings: inout [Finding], inScope: (Entry) -> Bool) -> Outcome {
        var remaining: [String: Int] = [:]
        for entry in entries { remaining[entry.fingerprint, default: 0] += 1 }
        var hidden = 0
        findings.removeAll { finding in
            guard let n = remaining[finding.fingerprint], n > 0 else { return false }
            remaining[finding.fingerprint] = n - 1
            hidden += 1
            return true
        }
        var gone = 0
        for entry in entries.reversed() {
            guard let n = remaining[entry.fingerprint], n > 0 else { continue }
            remaining[entry.fingerprint] = n - 1
            if inScope(entry) { gone += 1 }
        }
        return Outcome(hidden: hidden, gone: gone)
    }

    // MARK: Reading and writing

    /// The file's text: stable, one entry per line.
    public func render() -> String {
        var out = "{\"formatVersion\": \(Baseline.formatVersion),\n \"tool\": \"guardrail\",\n \"findings\": ["
        for (i, e) in entries.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "  {\"fingerprint\": \(quote(e.fingerprint)), \"rule\": \(quote(e.rule)), "
            out += "\"path\": \(quote(e.path)), \"message\": \(quote(e.message))}"
        }
        out += entries.isEmpty ? "]}\n" : "\n ]}\n"
        return out
    }

    /// Writes the file; `display` names it in errors.
    public func write(to path: String, display: String) throws(GuardrailError) {
        do {
            try Data(render().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw GuardrailError.io(path: display, message: "cannot write the baseline")
        }
    }

    /// Reads a baseline file. A missing or invalid file is
    /// `GuardrailError.io` naming it (`display`).
    public static func load(path: String, display: String) throws(GuardrailError) -> Baseline {
        let bytes: [UInt8]
        do throws(FileReader.Failure) { bytes = try FileReader.readAll(path) } catch {
            if error == .vanished {
                throw GuardrailError.io(path: display, message: "baseline not found (create it with --write-baseline)")
            }
            if case .other(let m) = error { throw GuardrailError.io(path: display, message: "cannot read the baseline: \(m)") }
            throw GuardrailError.io(path: display, message: "cannot read the baseline")
        }
        func invalid(_ why: String) -> GuardrailError {
            .io(path: display, message: "not a valid guardrail baseline: \(why) (recreate it with --write-baseline)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let root = object as? [String: Any] else {
            throw invalid("not a JSON object")
        }
        guard let version = root["formatVersion"] as? Int else { throw invalid("no `formatVersion`") }
        guard version == formatVersion else { throw invalid("`formatVersion` \(version) is not \(formatVersion)") }
        guard let list = root["findings"] as? [Any] else { throw invalid("no `findings` array") }
        var entries: [Entry] = []
        entries.reserveCapacity(list.count)
        for (i, item) in list.enumerated() {
            guard let f = item as? [String: Any], let fingerprint = f["fingerprint"] as? String, !fingerprint.isEmpty else {
                throw invalid("finding \(i + 1) has no `fingerprint`")
            }
            entries.append(Entry(fingerprint: fingerprint, rule: f["rule"] as? String ?? "",
                                 path: f["path"] as? String ?? "", message: f["message"] as? String ?? ""))
        }
        return Baseline(entries: entries)
    }
}

// MARK: - JSON strings

private func quote(_ s: String) -> String { JSONText.quote(s) }
