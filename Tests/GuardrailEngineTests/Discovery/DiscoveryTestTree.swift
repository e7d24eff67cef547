import Foundation
import GuardrailTestSupport
@testable import GuardrailEngine

// MARK: - DiscoveryTestTree

/// A throwaway directory tree under the system temp directory (its real
/// path, so symlinked temp dirs do not confuse path comparisons).
struct DiscoveryTestTree {
    let root: String

    init() throws {
        let base = ProjectRoot.realPath(testScratch) ?? testScratch
        root = base + "/guardrail-discovery-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    /// Writes a file (creating parent directories); returns its absolute path.
    @discardableResult
    func file(_ relative: String, _ contents: String = "x = 1\n") throws -> String {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Creates a directory (and parents); returns its absolute path.
    @discardableResult
    func dir(_ relative: String) throws -> String {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Creates a symlink at `relative` whose target is `target` as written.
    func symlink(_ relative: String, to target: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    func path(_ relative: String) -> String { relative.isEmpty ? root : root + "/" + relative }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Runs discovery from the root and returns the relative paths found.
    func discover(
        _ paths: [String] = [], exclude: [String] = [], honour: Bool = true, jobs: Int = 0
    ) throws -> DiscoveryResult {
        var discovery = try FileDiscovery(root: root, exclude: exclude, honourExcludeForExplicitFiles: honour)
        discovery.jobs = jobs
        return try discovery.discover(paths: paths)
    }
}

// MARK: - git

/// Runs git with no global or system configuration; returns exit status and stdout.
func runDiscoveryGit(_ arguments: [String], in directory: String, input: Data? = nil) throws -> (Int32, Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_CONFIG_NOSYSTEM"] = "1"
    environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
    environment["HOME"] = directory
    process.environment = environment
    let out = Pipe()
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(input) }
    try inPipe.fileHandleForWriting.close()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}
