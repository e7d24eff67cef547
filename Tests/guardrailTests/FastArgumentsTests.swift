import GuardrailTestSupport
import Testing
@testable import guardrail

/// `check`'s fast argument path must answer exactly as ArgumentParser does
/// whenever it answers at all, and must answer for the plain forms the
/// benchmark, CI and the pre-commit hook use.
@Suite struct FastArgumentsTests {
    /// ArgumentParser's reading of `guardrail check <arguments>`: the request, or nil when it refuses.
    static func parsed(_ arguments: [String]) -> CheckRequest? {
        guard let command = try? Guardrail.parseAsRoot(["check"] + arguments) as? CheckCommand else { return nil }
        return command.request
    }

    @Test func plainFormsTakeTheFastPath() {
        let cases: [[String]] = [
            [], ["."], ["--no-cache", "/tmp/tree"], ["/tmp/tree", "--format", "json", "--output", "/dev/null"],
            ["--staged"], ["--diff", "origin/main", "--format=sarif", "--report", "junit=out.xml", "--report=github=gh.txt"],
            ["--select", "naive-today,slot-era-import", "--ignore", "x", "--fail-on", "warning", "--jobs", "8", "--stats",
             "--strict", "--no-exclude", "--config", "c.yml", "--baseline", "b.json", "a.py", "b.ts"],
            ["--write-baseline", "b.json", "src"],
        ]
        for arguments in cases {
            let fast = CheckRequest(fastArguments: arguments[...])
            #expect(fast != nil, "\(arguments)")
            #expect(fast == Self.parsed(arguments), "\(arguments)")
        }
    }

    @Test func everyAnswerIsArgumentParsersAnswer() {
        // Words that make valid, invalid and odd argument lists.
        let words = [
            "--format", "json", "JSON", "sarif", "--format=text", "--format=", "--output", "out.txt", "-", "--",
            "--select", "a,b", "--ignore", "--fail-on", "warning", "fatal", "--jobs", "4", "-1", "x", "--stats",
            "--stats=true", "--strict", "--no-exclude", "--no-cache", "--staged", "--diff", "main", "--baseline",
            "--write-baseline", "b.json", "--report", "sarif=s.json", "sarif=", "pdf=x", "--config", "c.yml",
            "--unknown", "-h", "--help", "help", "check", "src", "a.py", "", "--jobs=2", "--report=junit=j.xml",
        ]
        var rng = SplitMix(seed: 3)
        var fastAnswers = 0
        for _ in 0..<700 {
            let arguments = (0..<Int(rng.next() % 6)).map { _ in words[Int(rng.next() % UInt64(words.count))] }
            guard let fast = CheckRequest(fastArguments: arguments[...]) else { continue }
            fastAnswers += 1
            // A request with a problem is ArgumentParser's to refuse (the
            // fast path hands it over); any other must be its answer.
            #expect(Self.parsed(arguments) == (fast.problem == nil ? fast : nil), "\(arguments)")
        }
        // The generator reaches the fast path often enough to mean something.
        #expect(fastAnswers > 60)
    }
}
