import ArgumentParser
import Foundation
import GuardrailEngine
import GuardrailRules

// MARK: - test

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every rule's fixtures; exit 1 on any mismatch."
    )

    @Argument(help: "The rules directory (default: Rules).")
    var rulesDir: String = "Rules"

    func run() throws {
        let path = rulesDir.hasPrefix("/") ? rulesDir : FileManager.default.currentDirectoryPath + "/" + rulesDir
        let report = try FixtureRunner.run(rulesDirectory: path, display: rulesDir)
        for failure in report.failures { Output.stdout(failure + "\n") }
        let counts = "\(report.rules) rules, \(report.fixtures) fixtures, \(report.expectations) annotated lines, \(report.variants) variants"
        if report.failures.isEmpty {
            Output.stdout("guardrail test: \(counts): all passed\n")
        } else {
            Output.stdout("guardrail test: \(counts): \(report.failures.count) mismatch\(report.failures.count == 1 ? "" : "es")\n")
            throw ExitCode(1)
        }
    }
}
