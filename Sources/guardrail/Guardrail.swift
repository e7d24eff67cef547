import ArgumentParser
import GuardrailReporters
import GuardrailRules

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Guardrail

/// The CLI root. Every error ends in one line on stderr and exit code 2;
/// findings at or above `--fail-on` exit 1.
@main
struct Guardrail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guardrail",
        abstract: "Enforce a codebase's \"never again\" rules across Python, TypeScript/JavaScript and C headers.",
        version: "\(ToolInfo.name) \(ToolInfo.version)",
        subcommands: [CheckCommand.self, TestCommand.self, RulesCommand.self, ExplainCommand.self, InitCommand.self,
                      InstallHookCommand.self],
        defaultSubcommand: CheckCommand.self
    )

    static func main() {
        // `--version` also names the libclang in use, which is loaded only
        // for this (and for C files), never for the configuration above.
        if CommandLine.arguments.count == 2 && CommandLine.arguments[1] == "--version" {
            Output.stdout(VersionText.render())
            Output.leave(0)
        }
        do {
            // `check` with plain arguments skips ArgumentParser (see
            // `CheckRequest.init(fastArguments:)`); anything else, and any
            // mistake, goes through it.
            let arguments = CommandLine.arguments
            if arguments.count >= 2, arguments[1] == "check",
               let request = CheckRequest(fastArguments: arguments[2...]), request.problem == nil {
                try request.run()
                Output.leave(0)
            }
            var command = try parseAsRoot()
            try command.run()
        } catch let error as GuardrailError {
            Output.stderr(error.description)
            Output.leave(2)
        } catch let code as ExitCode {
            Output.leave(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Output.stdout(fullMessage(for: error) + "\n")
                Output.leave(0)
            }
            let message = message(for: error)
            Output.stderr("error: " + (message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message)
                          + " (see `guardrail --help`)")
            Output.leave(2)
        }
    }
}

// MARK: - Output

enum Output {
    /// Ends the process. Everything guardrail writes goes out through
    /// `write(2)` here, unbuffered, so no stdio buffer holds any of it, and
    /// `_exit` skips only exit handlers — except where a handler writes a
    /// report of the run: a coverage profile (`LLVM_PROFILE_FILE` is set
    /// for coverage runs, `swift test --enable-code-coverage`), then `exit`.
    static func leave(_ code: Int32) -> Never {
        if getenv("LLVM_PROFILE_FILE") != nil { exit(code) }
        _exit(code)
    }

    static func stdout(_ s: String) { writeAll(1, s) }

    static func stderr(_ line: String) { writeAll(2, line.hasSuffix("\n") ? line : line + "\n") }

    static func stdout(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { writeAll(1, $0) } }

    /// Unbuffered writes straight to the descriptor, retried until complete.
    private static func writeAll(_ fd: Int32, _ s: String) {
        var s = s
        s.withUTF8 { writeAll(fd, $0) }
    }

    private static func writeAll(_ fd: Int32, _ buf: UnsafeBufferPointer<UInt8>) {
        guard let base = buf.baseAddress else { return }
        var done = 0
        while done < buf.count {
            let n = write(fd, base + done, buf.count - done)
            if n < 0 { if errno == EINTR { continue }; return }
            done += n
        }
    }

    /// Colour on a terminal unless `NO_COLOR` is set (and not empty).
    static var colorOnStdout: Bool {
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        return isatty(1) == 1
    }
}
