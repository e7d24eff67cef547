import Foundation
import Testing
@testable import GuardrailReporters
@testable import GuardrailRules
#if canImport(FoundationXML)
import FoundationXML
#endif

private struct NoCheck: Check {
    var triggers: [[UInt8]] { [] }
    func run(_ file: FileContext, into hits: inout [Hit]) {}
}

private func rule(_ id: String, _ severity: Severity, why: String) -> Rule {
    Rule(id: id, severity: severity, languages: [.python, .typescript], summary: "Summary of `\(id)`", why: why,
         help: "do the right thing", include: [], exclude: [], checkKind: "banned-symbol", check: NoCheck(),
         origin: "Rules/\(id)/rule.yml")
}

/// `sampleInput` plus the rules that ran, a root, a multi-line finding and a
/// finding whose text needs every escape.
let ciInput: ReportInput = {
    var input = sampleInput
    input.rules = [rule("slot-era-symbol", .error, why: "Why symbol.\n"), rule("slot-era-import", .error, why: "Why import.")]
    input.root = "/work/repo"
    input.findings.append(Finding(
        rule: "unused-suppression", severity: .warning, path: "web/a,b:c%d.tsx", line: 2, column: 3, endLine: 4,
        endColumn: 2, message: "50% done: `x`, <y> & \"z\"\r\nnext line\u{1}", help: "",
        fingerprint: "00000000000000aa", sourceLine: "  {/* guardrail: ignore[x] */}"))
    return input
}()

@Suite struct SARIFReporterTests {
    @Test func golden() throws {
        try assertGolden(SARIFReporter.render(ciInput), "sample.sarif")
    }

    /// The structure GitHub code scanning needs (SPEC §8); `.ci/run` also
    /// validates against the SARIF 2.1.0 schema.
    @Test func structureForCodeScanning() throws {
        let log = try JSONSerialization.jsonObject(with: Data(SARIFReporter.render(ciInput).utf8)) as! [String: Any]
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == SARIFReporter.schemaURI)
        let runs = log["runs"] as! [[String: Any]]
        #expect(runs.count == 1)
        let run = runs[0]
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = (run["tool"] as! [String: Any])["driver"] as! [String: Any]
        #expect(driver["name"] as? String == "guardrail")
        #expect(driver["version"] as? String == ToolInfo.version)
        #expect(driver["informationUri"] as? String == ToolInfo.informationURI)
        let rules = driver["rules"] as! [[String: Any]]
        let ids = rules.map { $0["id"] as! String }
        #expect(ids == ["slot-era-import", "slot-era-symbol", "unused-suppression"])
        #expect(Set(ids).count == ids.count, "each rule once")
        for r in rules {
            #expect(!(((r["shortDescription"] as! [String: Any])["text"] as! String).isEmpty))
            #expect(!(((r["fullDescription"] as! [String: Any])["text"] as! String).isEmpty))
            #expect(!(((r["help"] as! [String: Any])["text"] as! String).isEmpty))
            #expect(["error", "warning", "note"].contains((r["defaultConfiguration"] as! [String: Any])["level"] as! String))
            let tags = (r["properties"] as! [String: Any])["tags"] as! [Any]
            #expect(!tags.isEmpty && tags.allSatisfy { $0 is String })
        }
        let invocations = run["invocations"] as! [[String: Any]]
        #expect(invocations.first?["executionSuccessful"] as? Bool == true)
        let base = (run["originalUriBaseIds"] as! [String: Any])["%SRCROOT%"] as! [String: Any]
        #expect(base["uri"] as? String == "file:///work/repo/")
        let results = run["results"] as! [[String: Any]]
        #expect(results.count == ciInput.findings.count)
        for (result, finding) in zip(results, ciInput.findings) {
            #expect(result["ruleId"] as? String == finding.rule)
            #expect(ids[result["ruleIndex"] as! Int] == finding.rule)
            #expect(result["level"] as? String == finding.severity.rawValue)
            #expect((result["message"] as! [String: Any])["text"] as? String == finding.message)
            let location = (result["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any]
            let artifact = location["artifactLocation"] as! [String: Any]
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            let uri = artifact["uri"] as! String
            #expect(!uri.hasPrefix("/") && !uri.contains(" ") && !uri.contains("\""))
            #expect(uri.removingPercentEncoding == finding.path)
            let region = location["region"] as! [String: Any]
            #expect(region["startLine"] as? Int == finding.line)
            #expect(region["startColumn"] as? Int == finding.column)
            #expect(region["endLine"] as? Int == finding.endLine)
            #expect(region["endColumn"] as? Int == finding.endColumn)
            #expect((result["partialFingerprints"] as! [String: String])[SARIFReporter.fingerprintKey] == finding.fingerprint)
        }
    }

    @Test func anEmptyRunIsStillOneValidRun() throws {
        let out = SARIFReporter.render(ReportInput(findings: [], files: 0, durationMs: 0))
        let log = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        let runs = log["runs"] as! [[String: Any]]
        #expect(runs.count == 1)
        #expect((runs[0]["results"] as! [Any]).isEmpty)
        #expect(((runs[0]["tool"] as! [String: Any])["driver"] as! [String: Any])["name"] as? String == "guardrail")
    }
}

@Suite struct GitHubReporterTests {
    @Test func golden() throws {
        try assertGolden(GitHubReporter.render(ciInput), "sample.github.txt")
    }

    @Test func commandsAndEscaping() {
        let lines = GitHubReporter.render(ciInput).split(separator: "\n").map(String.init)
        #expect(lines[0] == "::error file=backend/app/x.py,line=3,col=1,endLine=3,endColumn=40,title=guardrail slot-era-import::import of slot-era `AvailabilitySlot`%0Ahelp: use the bitmap API")
        #expect(lines[1].hasPrefix("::warning file=front/é \"q\".ts,line=12,col=5,"))
        #expect(lines[2] == "::warning file=web/a%2Cb%3Ac%25d.tsx,line=2,col=3,endLine=4,endColumn=2,title=guardrail unused-suppression::50%25 done: `x`, <y> & \"z\"%0D%0Anext line\u{1}")
        #expect(GitHubReporter.property("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
        #expect(GitHubReporter.data("a:b,c%\r") == "a:b,c%25%0D")
        // Then plain lines and the summary, none of them a command.
        #expect(lines.dropFirst(3).allSatisfy { !$0.hasPrefix("::") })
        #expect(lines.last!.hasPrefix("Found 3 findings"))
    }

    @Test func aCleanRunIsJustTheSummary() {
        #expect(GitHubReporter.render(ReportInput(findings: [], files: 4, durationMs: 2)) == "No findings in 4 files in 2 ms.\n")
    }
}

@Suite struct JUnitReporterTests {
    @Test func golden() throws {
        try assertGolden(JUnitReporter.render(ciInput), "sample.junit.xml")
    }

    @Test func wellFormedWithAFailurePerFinding() throws {
        let xml = JUnitReporter.render(ciInput)
        let counts = try parse(xml)
        #expect(counts.failures == 3)
        #expect(counts.suites == 3)
        #expect(counts.cases == 3)
        #expect(!xml.contains("\u{1}"))
    }

    @Test func aCleanRunIsAValidDocumentWithAPassingTest() throws {
        for input in [ReportInput(findings: [], files: 0, durationMs: 0),
                      ReportInput(findings: [], files: 3, durationMs: 1, rules: ciInput.rules)] {
            let counts = try parse(JUnitReporter.render(input))
            #expect(counts.failures == 0)
            #expect(counts.cases >= 1)
        }
    }

    struct Counts { var suites = 0, cases = 0, failures = 0 }

    func parse(_ xml: String) throws -> Counts {
        final class Delegate: NSObject, XMLParserDelegate {
            var counts = Counts()
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) {
                switch name {
                case "testsuite": counts.suites += 1
                case "testcase": counts.cases += 1
                case "failure": counts.failures += 1
                default: break
                }
            }
        }
        let parser = XMLParser(data: Data(xml.utf8))
        let delegate = Delegate()
        parser.delegate = delegate
        #expect(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
        return delegate.counts
    }
}
