import GuardrailRules

// MARK: - JSONReporter

/// The stable JSON format of SPEC §4 (`formatVersion` 1). Keys are written in
/// a fixed order so output is byte-for-byte deterministic.
public enum JSONReporter {
    public static let formatVersion = 1

    public static func render(_ input: ReportInput) -> String {
        var out = "{\"formatVersion\": \(formatVersion),\n"
        out += " \"tool\": {\"name\": \(quote(ToolInfo.name)), \"version\": \(quote(ToolInfo.version))},\n"
        out += " \"findings\": ["
        for (i, f) in input.findings.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "  {\"rule\": \(quote(f.rule)), \"severity\": \(quote(f.severity.rawValue)), "
            out += "\"path\": \(quote(f.path)), \"line\": \(f.line), \"column\": \(f.column), "
            out += "\"endLine\": \(f.endLine), \"endColumn\": \(f.endColumn), "
            out += "\"message\": \(quote(f.message)), \"help\": \(quote(f.help)), \"fingerprint\": \(quote(f.fingerprint))}"
        }
        out += input.findings.isEmpty ? "],\n" : "\n ],\n"
        out += " \"skipped\": ["
        out += input.skipped.map { "{\"path\": \(quote($0.path)), \"reason\": \(quote($0.reason))}" }.joined(separator: ", ")
        out += "],\n"
        out += " \"summary\": {\"files\": \(input.files), \"findings\": \(input.findings.count), "
        out += "\"errors\": \(input.errors), \"warnings\": \(input.warnings), \"durationMs\": \(input.durationMs)"
        if let gone = input.baselineGone { out += ", \"baselined\": \(input.baselined), \"baselineGone\": \(gone)" }
        out += "}}\n"
        return out
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    public static func quote(_ s: String) -> String { JSONText.quote(s) }
}
