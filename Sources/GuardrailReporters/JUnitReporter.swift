import GuardrailRules

// MARK: - JUnitReporter

/// JUnit XML as CI servers import it (Jenkins, GitLab, Azure, CircleCI): a
/// `<testsuite>` per rule that ran, a `<testcase>` per finding with a
/// `<failure>`; a rule without findings is one passing test case, so a
/// clean run is a valid document with passing tests. Warnings are failures
/// of `type="warning"`.
public enum JUnitReporter {
    public static func render(_ input: ReportInput) -> String {
        var ids = input.rules.map(\.id)
        ids += input.findings.map(\.rule)
        let rules = Array(Set(ids)).sorted()
        var byRule: [String: [Finding]] = [:]
        for f in input.findings { byRule[f.rule, default: []].append(f) }
        let seconds = formatSeconds(input.durationMs)
        let cases = rules.reduce(0) { $0 + max(1, byRule[$1]?.count ?? 0) }

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"guardrail\" tests=\"\(max(cases, 1))\" failures=\"\(input.findings.count)\" errors=\"0\" time=\"\(seconds)\">\n"
        if rules.isEmpty {
            // No rule ran at all: still one passing test, so the report is
            // never an empty suite list.
            out += "  <testsuite name=\"guardrail\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"\(seconds)\">\n"
            out += "    <testcase name=\"no findings\" classname=\"guardrail\" time=\"0\"/>\n"
            out += "  </testsuite>\n"
        }
        for rule in rules {
            let findings = byRule[rule] ?? []
            out += "  <testsuite name=\(attr(rule)) tests=\"\(max(1, findings.count))\" failures=\"\(findings.count)\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
            if findings.isEmpty {
                out += "    <testcase name=\(attr("\(rule): no findings in \(input.files) file\(input.files == 1 ? "" : "s")")) classname=\(attr("guardrail." + rule)) time=\"0\"/>\n"
            }
            for f in findings {
                let location = "\(f.path):\(f.line):\(f.column)"
                out += "    <testcase name=\(attr(location)) classname=\(attr("guardrail." + rule)) file=\(attr(f.path)) line=\"\(f.line)\" time=\"0\">\n"
                out += "      <failure message=\(attr(f.message)) type=\(attr(f.severity.rawValue))>"
                var body = "\(location): \(f.severity.rawValue)[\(f.rule)] \(f.message)\n"
                if !f.sourceLine.isEmpty { body += "  \(f.line) | \(f.sourceLine)\n" }
                if !f.help.isEmpty { body += "  help: \(f.help)\n" }
                out += text(body) + "</failure>\n"
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// `"…"` with `& < > "` escaped, and tab, LF, CR as character references
    /// so attribute normalisation keeps them.
    static func attr(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default: appendLegal(u, to: &out)
            }
        }
        return out + "\""
    }

    /// Element text with `& < >` escaped.
    static func text(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\t", "\n": out.unicodeScalars.append(u)
            case "\r": out += "&#13;"
            default: appendLegal(u, to: &out)
            }
        }
        return out
    }

    /// XML 1.0 cannot carry most control characters even escaped: they
    /// become U+FFFD.
    private static func appendLegal(_ u: Unicode.Scalar, to out: inout String) {
        let v = u.value
        if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
            out += "\u{FFFD}"
        } else {
            out.unicodeScalars.append(u)
        }
    }

    static func formatSeconds(_ ms: Int) -> String {
        let frac = String(ms % 1000)
        return "\(ms / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }
}
