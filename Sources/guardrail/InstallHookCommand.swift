import ArgumentParser
import Foundation
import GuardrailEngine
import GuardrailRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - install-hook

/// Writes a git pre-commit hook that runs `guardrail check --staged`, where
/// git looks for hooks (`git rev-parse --git-path hooks`: honours
/// `core.hooksPath` and linked worktrees). It replaces only a hook it wrote
/// itself, unless `--force`.
struct InstallHookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install-hook",
        abstract: "Install a git pre-commit hook that runs `guardrail check --staged`."
    )

    /// The line that marks a hook as guardrail's own.
    static let marker = "# guardrail-managed pre-commit hook"

    @Flag(help: "Replace an existing pre-commit hook that guardrail did not write.")
    var force = false

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let probe = try GitProcess(directory: cwd).attempt(["rev-parse", "--show-toplevel"])
        guard probe.status == 0, !probe.text.isEmpty else {
            throw GuardrailError.git("install-hook needs a git work tree, and \(cwd) is not in one")
        }
        let topLevel = probe.text
        // Relative to the top level, where git runs hooks from.
        let hooks = String(decoding: try GitProcess(directory: topLevel).run(["rev-parse", "--git-path", "hooks"]),
                           as: UTF8.self).trimmingCharacters(in: .newlines)
        let hooksDir = hooks.hasPrefix("/") ? hooks : topLevel + "/" + hooks
        let hookPath = (hooksDir as NSString).standardizingPath + "/pre-commit"
        let display = displayPath(hookPath, cwd: cwd)

        if FileManager.default.fileExists(atPath: hookPath) {
            let existing = (try? String(contentsOfFile: hookPath, encoding: .utf8)) ?? ""
            if !existing.contains(Self.marker) && !force {
                throw GuardrailError.io(path: display,
                                        message: "a pre-commit hook that guardrail did not write is already there; pass --force to replace it")
            }
        }
        let command = Self.guardrailCommand()
        let script = Self.script(command: command)
        do {
            try FileManager.default.createDirectory(atPath: hooksDir, withIntermediateDirectories: true)
            try Data(script.utf8).write(to: URL(fileURLWithPath: hookPath), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hookPath)
        } catch {
            throw GuardrailError.io(path: display, message: "cannot write the hook: \(error.localizedDescription)")
        }
        Output.stdout("installed \(display): runs `\(command) check --staged` before each commit (skip once with `git commit --no-verify`)\n")
    }

    /// The hook's text: POSIX sh, no bashisms.
    static func script(command: String) -> String {
        """
        #!/bin/sh
        \(marker) (written by `guardrail install-hook`).
        # Checks what the commit will contain: the staged content of the staged
        # files, whatever the work tree holds. Skip once with
        # `git commit --no-verify`; uninstall by deleting this file.
        exec \(command) check --staged

        """
    }

    /// `guardrail` when that name on PATH is found, else this binary's
    /// absolute path, shell-quoted.
    static func guardrailCommand() -> String {
        if let path = ProcessInfo.processInfo.environment["PATH"] {
            for dir in path.split(separator: ":") where !dir.isEmpty {
                if FileManager.default.isExecutableFile(atPath: "\(dir)/guardrail") { return "guardrail" }
            }
        }
        return shellQuote(executablePath())
    }

    static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 {
            return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        let arg0 = CommandLine.arguments[0]
        let absolute = arg0.hasPrefix("/") ? arg0 : FileManager.default.currentDirectoryPath + "/" + arg0
        return (absolute as NSString).standardizingPath
    }

    static func shellQuote(_ s: String) -> String {
        let safe = s.unicodeScalars.allSatisfy { u in
            (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9") || "/._-+".unicodeScalars.contains(u)
        }
        return safe ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private func displayPath(_ path: String, cwd: String) -> String {
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
