import Dispatch
import Foundation
import GuardrailRules

// MARK: - GitProcess

/// Runs `git` as a child process in one directory. Guardrail never writes the
/// index: every call passes `--no-optional-locks` (and sets
/// `GIT_OPTIONAL_LOCKS=0`), so no command refreshes the index or takes
/// `index.lock`, and only read-only plumbing is run. The environment is
/// inherited on purpose: inside a hook, `GIT_INDEX_FILE` names the index that
/// `git commit` is about to write, and that is the one to read.
public struct GitProcess: Sendable {
    /// The directory git runs in.
    public let directory: String

    /// A runner rooted at `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// What one git invocation returned.
    public struct Output: Sendable {
        /// git's exit status.
        public var status: Int32
        /// Everything git wrote to standard output.
        public var stdout: [UInt8]
        /// Everything git wrote to standard error.
        public var stderr: [UInt8]

        /// Standard output as text without the trailing newline.
        public var text: String {
            var bytes = stdout[...]
            while let last = bytes.last, last == 0x0A || last == 0x0D { bytes = bytes.dropLast() }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// The first line git printed on standard error (its reason).
        public var reason: String {
            let text = String(decoding: stderr, as: UTF8.self)
            let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return line.hasPrefix("fatal: ") ? String(line.dropFirst(7)) : line
        }
    }

    /// Runs `git <arguments>` and returns its output whatever the exit status.
    /// Throws only when git cannot be started at all.
    public func attempt(_ arguments: [String], input: [UInt8]? = nil) throws(GuardrailError) -> Output {
        let process = Process()
        // `env` finds git on PATH the way a shell would.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "--no-optional-locks"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        environment.removeValue(forKey: "GIT_EXTERNAL_DIFF")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        let inPipe = input == nil ? nil : Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe ?? FileHandle.nullDevice
        do { try process.run() } catch {
            throw GuardrailError.git("cannot run git in \(directory): \(error.localizedDescription)")
        }
        // stdin and stderr on their own threads, so a child that fills one
        // pipe while we block on another cannot deadlock.
        let group = DispatchGroup()
        let errBox = Box()
        DispatchQueue.global().async(group: group) {
            errBox.bytes = [UInt8](err.fileHandleForReading.readDataToEndOfFile())
        }
        if let inPipe, let input {
            DispatchQueue.global().async(group: group) {
                let handle = inPipe.fileHandleForWriting
                try? handle.write(contentsOf: Data(input))
                try? handle.close()
            }
        }
        let stdout = [UInt8](out.fileHandleForReading.readDataToEndOfFile())
        group.wait()
        process.waitUntilExit()
        if process.terminationStatus == 127 && stdout.isEmpty {
            throw GuardrailError.git("git is not installed or not on PATH")
        }
        return Output(status: process.terminationStatus, stdout: stdout, stderr: errBox.bytes)
    }

    /// Runs `git <arguments>`; a non-zero exit is `GuardrailError.git` with
    /// `what` (or the command) and git's own reason.
    public func run(_ arguments: [String], input: [UInt8]? = nil, what: String? = nil) throws(GuardrailError) -> [UInt8] {
        let output = try attempt(arguments, input: input)
        guard output.status == 0 else {
            let command = what ?? "`git \(arguments.joined(separator: " "))` failed"
            let reason = output.reason
            throw GuardrailError.git(reason.isEmpty ? command : "\(command): \(reason)")
        }
        return output.stdout
    }
}

/// A mutable cell filled by exactly one background block before
/// `DispatchGroup.wait` returns.
private final class Box: @unchecked Sendable {
    var bytes: [UInt8] = []
}
