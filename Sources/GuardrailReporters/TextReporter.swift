import GuardrailRules

// MARK: - TextReporter

/// `path:line:col: severity[rule] message`, the source line with a caret
/// underline and a help line, then a summary. ANSI colour only when asked
/// (the CLI asks on a terminal without `NO_COLOR`).
public enum TextReporter {
    public static func render(_ input: ReportInput, color: Bool) -> String {
        let style = Style(enabled: color)
        var out = ""
        for f in input.findings {
            let sev = f.severity == .error ? style.red("error") : style.yellow("warning")
            out += style.bold("\(f.path):\(f.line):\(f.column):") + " \(sev)[\(f.rule)] \(f.message)\n"
            let gutter = String(f.line)
            let pad = String(repeating: " ", count: gutter.count)
            out += "\(pad) \(style.blue("|"))\n"
            out += "\(style.blue(gutter)) \(style.blue("|")) \(f.sourceLine)\n"
            out += "\(pad) \(style.blue("|")) \(caretLine(f))\n"
            if !f.help.isEmpty { out += "\(pad) \(style.blue("=")) help: \(f.help)\n" }
            out += "\n"
        }
        for s in input.skipped { out += "note: \(s.path): skipped, \(s.reason)\n" }
        for n in input.notes { out += "note: \(n)\n" }
        out += summaryLine(input, style: style) + "\n"
        return out
    }

    static func summaryLine(_ input: ReportInput, style: Style) -> String {
        let n = input.findings.count
        var s: String
        if n == 0 {
            s = style.green("No findings")
        } else {
            s = style.bold("Found \(n) finding\(n == 1 ? "" : "s")") + " (\(input.errors) error\(input.errors == 1 ? "" : "s"), \(input.warnings) warning\(input.warnings == 1 ? "" : "s"))"
        }
        s += " in \(input.files) file\(input.files == 1 ? "" : "s") in \(input.durationMs) ms"
        if !input.skipped.isEmpty { s += "; \(input.skipped.count) skipped (not understood)" }
        if input.baselined > 0 { s += "; \(input.baselined) hidden by the baseline" }
        if let gone = input.baselineGone, gone > 0 {
            s += "; \(gone) baselined finding\(gone == 1 ? " is" : "s are") gone (prune with --write-baseline)"
        }
        return s + "."
    }

    /// Spaces (tabs kept, so the caret lines up) up to the column, then `^`
    /// to the end column, or to the end of the line for multi-line findings.
    static func caretLine(_ f: Finding) -> String {
        let scalars = Array(f.sourceLine.unicodeScalars)
        let column = f.column - f.sourceLineColumn + 1
        var out = ""
        var i = 1
        while i < column && i - 1 < scalars.count {
            out += scalars[i - 1] == "\t" ? "\t" : " "
            i += 1
        }
        let end = f.endLine == f.line ? f.endColumn - f.sourceLineColumn + 1 : scalars.count + 1
        out += String(repeating: "^", count: max(1, min(end, scalars.count + 1) - column))
        return out
    }

    struct Style {
        let enabled: Bool
        func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        func red(_ s: String) -> String { wrap(s, "1;31") }
        func yellow(_ s: String) -> String { wrap(s, "1;33") }
        func blue(_ s: String) -> String { wrap(s, "1;34") }
        func green(_ s: String) -> String { wrap(s, "1;32") }
        func bold(_ s: String) -> String { wrap(s, "1") }
    }
}
