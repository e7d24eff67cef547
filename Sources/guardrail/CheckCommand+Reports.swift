import ArgumentParser
import Foundation
import GuardrailReporters
import GuardrailRules

// MARK: - Report targets

/// `--report FORMAT=FILE`: one more report of the same run, written to FILE.
struct ReportTarget: ExpressibleByArgument, Equatable {
    var format: CheckCommand.Format
    var path: String

    init?(argument: String) {
        guard let eq = argument.firstIndex(of: "="),
              let format = CheckCommand.Format(rawValue: String(argument[..<eq])) else { return nil }
        let path = String(argument[argument.index(after: eq)...])
        guard !path.isEmpty else { return nil }
        self.format = format
        self.path = path
    }

    static var defaultValueDescription: String { "FORMAT=FILE" }
}

extension CheckCommand.Format {
    /// The report in this format; colour only for text on a terminal.
    func render(_ input: ReportInput, color: Bool) -> String {
        switch self {
        case .text: return TextReporter.render(input, color: color)
        case .json: return JSONReporter.render(input)
        case .sarif: return SARIFReporter.render(input)
        case .github: return GitHubReporter.render(input)
        case .junit: return JUnitReporter.render(input)
        }
    }

    /// `render` as the UTF-8 bytes to write.
    func renderBytes(_ input: ReportInput, color: Bool) -> [UInt8] {
        if case .json = self { return JSONReporter.renderBytes(input) }
        return Array(render(input, color: color).utf8)
    }
}

extension CheckCommand {
    /// Writes a report file; a failure is exit 2 naming it. Plain
    /// `open`/`write`/`close`: `Data.write` also `fsync`s, which waits for
    /// the disk on every run for a file a CI step reads a moment later.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let failure = GuardrailError.io(path: path, message: "cannot write report")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure }
        var complete = true
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            var done = 0
            while done < buf.count {
                let n = Foundation.write(fd, base + done, buf.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    complete = false
                    return
                }
                done += n
            }
        }
        // `close` reports what the file system found late (a full disk on NFS).
        guard close(fd) == 0, complete else { throw failure }
    }
}

// MARK: - Engine findings as rules

extension MetaRuleInfo {
    /// The engine's own finding kinds as rules, so SARIF lists them with
    /// their descriptions and JUnit gives them a suite.
    static var reportRules: [Rule] {
        all.map { info in
            Rule(id: info.id, severity: .warning, languages: [], summary: info.summary,
                 why: info.why, help: "", include: [], exclude: [], checkKind: "engine", check: NoCheck(),
                 origin: "(engine)")
        }
    }
}

/// The check behind engine-reported rules: the engine reports them itself.
private struct NoCheck: Check {
    var triggers: [[UInt8]] { [] }
    func run(_ file: FileContext, into hits: inout [Hit]) {}
}
