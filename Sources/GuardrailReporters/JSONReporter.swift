import GuardrailRules

// MARK: - JSONReporter

/// The stable JSON format of SPEC §4 (`formatVersion` 1). Keys are written in
/// a fixed order so output is byte-for-byte deterministic.
public enum JSONReporter {
    public static let formatVersion = 1

    public static func render(_ input: ReportInput) -> String {
        String(decoding: renderBytes(input), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes, as written to a file or stdout: without the
    /// `String`, whose validation of a large report costs more than writing it.
    public static func renderBytes(_ input: ReportInput) -> [UInt8] {
        // Bytes appended straight into one buffer: string interpolation of
        // every number and field cost ~25k instructions a finding, on the
        // one thread that renders after the run.
        var out: [UInt8] = []
        out.reserveCapacity(512 + input.findings.count * 320)
        func raw(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        func str(_ s: String) { JSONText.appendQuoted(s, to: &out) }
        func int(_ n: Int) { JSONText.appendInt(n, to: &out) }
        raw("{\"formatVersion\": "); int(formatVersion); raw(",\n")
        raw(" \"tool\": {\"name\": "); str(ToolInfo.name); raw(", \"version\": "); str(ToolInfo.version); raw("},\n")
        raw(" \"findings\": [")
        for (i, f) in input.findings.enumerated() {
            raw(i == 0 ? "\n" : ",\n")
            raw("  {\"rule\": "); str(f.rule); raw(", \"severity\": "); str(f.severity.rawValue)
            raw(", \"path\": "); str(f.path); raw(", \"line\": "); int(f.line); raw(", \"column\": "); int(f.column)
            raw(", \"endLine\": "); int(f.endLine); raw(", \"endColumn\": "); int(f.endColumn)
            raw(", \"message\": "); str(f.message); raw(", \"help\": "); str(f.help)
            raw(", \"fingerprint\": "); str(f.fingerprint); raw("}")
        }
        raw(input.findings.isEmpty ? "],\n" : "\n ],\n")
        raw(" \"skipped\": [")
        for (i, s) in input.skipped.enumerated() {
            if i > 0 { raw(", ") }
            raw("{\"path\": "); str(s.path); raw(", \"reason\": "); str(s.reason); raw("}")
        }
        raw("],\n")
        raw(" \"summary\": {\"files\": "); int(input.files); raw(", \"findings\": "); int(input.findings.count)
        raw(", \"errors\": "); int(input.errors); raw(", \"warnings\": "); int(input.warnings)
        raw(", \"durationMs\": "); int(input.durationMs)
        if let gone = input.baselineGone {
            raw(", \"baselined\": "); int(input.baselined); raw(", \"baselineGone\": "); int(gone)
        }
        raw("}}\n")
        return out
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    public static func quote(_ s: String) -> String { JSONText.quote(s) }
}
