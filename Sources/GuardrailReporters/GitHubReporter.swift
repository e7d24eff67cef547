import GuardrailRules

// MARK: - GitHubReporter

/// GitHub Actions workflow commands: one `::error` / `::warning` annotation
/// per finding (`file`, `line`, `col`, `endLine`, `endColumn`, `title`), with
/// the escaping the runner requires; then, because a step shows only a few
/// annotations, every finding again as a plain log line, and the summary.
public enum GitHubReporter {
    public static func render(_ input: ReportInput) -> String {
        var out = ""
        for f in input.findings {
            let command = f.severity == .error ? "error" : "warning"
            var properties = [
                "file=" + property(f.path),
                "line=\(f.line)",
                "col=\(f.column)",
            ]
            if f.endLine >= f.line {
                properties.append("endLine=\(f.endLine)")
                properties.append("endColumn=\(f.endColumn)")
            }
            properties.append("title=" + property("guardrail \(f.rule)"))
            var message = f.message
            if !f.help.isEmpty { message += "\nhelp: " + f.help }
            out += "::\(command) \(properties.joined(separator: ","))::\(data(message))\n"
        }
        // Plain lines start with `guardrail:` so that no path (a file may be
        // named `::stop-commands::x.py`) can begin a workflow command.
        for f in input.findings {
            out += "guardrail: \(oneLine(f.path)):\(f.line):\(f.column): \(f.severity.rawValue)[\(f.rule)] \(oneLine(f.message))\n"
        }
        for s in input.skipped { out += "note: \(oneLine(s.path)): skipped, \(s.reason)\n" }
        for n in input.notes { out += "note: \(oneLine(n))\n" }
        out += TextReporter.summaryLine(input, style: TextReporter.Style(enabled: false)) + "\n"
        return out
    }

    /// A command's message: `%`, CR and LF escaped.
    public static func data(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A property value: as `data`, and `:` and `,` too.
    public static func property(_ s: String) -> String {
        var out = ""
        for u in data(s).unicodeScalars {
            switch u {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A plain log line must not start a workflow command of its own.
    static func oneLine(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            out += u == "\n" || u == "\r" ? " " : String(u)
        }
        return out
    }
}
