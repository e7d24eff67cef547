import ArgumentParser
import Foundation
import GuardrailRules

// MARK: - init

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter .guardrail.yml in the current directory."
    )

    @Flag(help: "Overwrite an existing .guardrail.yml.")
    var force = false

    func run() throws {
        let path = FileManager.default.currentDirectoryPath + "/.guardrail.yml"
        if FileManager.default.fileExists(atPath: path) && !force {
            throw GuardrailError.io(path: ".guardrail.yml", message: "already exists; edit it, or pass --force to replace it")
        }
        do { try Data(StarterConfig.text.utf8).write(to: URL(fileURLWithPath: path)) } catch {
            throw GuardrailError.io(path: ".guardrail.yml", message: "cannot write")
        }
        Output.stdout("wrote .guardrail.yml\n")
    }
}

/// The starter configuration: every setting, commented, with its default.
enum StarterConfig {
    static let text = """
    # Guardrail configuration. Paths and globs are relative to this file's
    # folder (the project root) and use gitignore syntax: *, **, ?, [...].
    # `guardrail rules` lists the rule ids; `guardrail explain <id>` explains one.

    # Files never checked (on top of .gitignore).
    exclude: []
    #  - "backend/alembic/versions/**"
    #  - "**/generated/**"

    # A folder of extra rule files (<id>/rule.yml), optional.
    # rules_dir: tools/guardrail-rules

    # Per-rule settings: `off`, a severity, or `allow` globs where the rule
    # does not apply (the blessed helpers).
    rules:
    #  midnight-unsafe-time-parse:
    #    allow: ["backend/app/utils/time_helpers.py"]
    #  uncached-fetch:
    #    severity: warning
    #    allow: ["frontend/lib/api/fetch.ts"]
    #  naive-today: off

    # The availability bitmap's geometry, for the bitmap rules:
    # minutes per slot (1 → 1440 bits / 180 bytes per day; 30 → 48 / 6).
    bitmap:
      minutes_per_slot: 1
    #  aliases:
    #    BYTES_PER_DAY: [BITMAP_BYTES]

    # Inline suppressions: `# guardrail: ignore[rule-id] -- reason`.
    suppressions:
      require_reason: false

    """
}
