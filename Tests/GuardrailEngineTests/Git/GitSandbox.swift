import Foundation
@testable import GuardrailEngine
import GuardrailRules

/// A throwaway git repository driven by the real `git`: no global or system
/// configuration, a fixed identity, branch `main`.
struct GitSandbox {
    let path: String

    init(_ name: String = "git") throws {
        path = engineTempDir(name)
        try git("init", "-q", "-b", "main")
    }

    static let environment: [String: String] = {
        var env = ProcessInfo.processInfo.environment
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_AUTHOR_NAME"] = "t"
        env["GIT_AUTHOR_EMAIL"] = "t@t"
        env["GIT_COMMITTER_NAME"] = "t"
        env["GIT_COMMITTER_EMAIL"] = "t@t"
        env["GIT_AUTHOR_DATE"] = "2024-01-01T00:00:00Z"
        env["GIT_COMMITTER_DATE"] = "2024-01-01T00:00:00Z"
        return env
    }()

    /// Runs git in the sandbox; throws with git's stderr when it fails.
    @discardableResult
    func git(_ args: String..., input: String? = nil) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + args
        p.currentDirectoryURL = URL(fileURLWithPath: path)
        p.environment = Self.environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw SandboxError(message: "git \(args.joined(separator: " ")): \(String(decoding: e, as: UTF8.self))")
        }
        return String(decoding: o, as: UTF8.self)
    }

    func write(_ text: String, _ rel: String) {
        writeFile(text, to: path + "/" + rel)
    }

    func remove(_ rel: String) throws {
        try FileManager.default.removeItem(atPath: path + "/" + rel)
    }

    func commitAll(_ message: String) throws {
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
    }

    /// Runs the engine with the sandbox as working directory.
    func check(_ configure: (inout CheckOptions) -> Void = { _ in }) throws -> CheckResult {
        var options = CheckOptions()
        options.workingDirectory = path
        configure(&options)
        return try Engine.check(options)
    }
}

struct SandboxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
