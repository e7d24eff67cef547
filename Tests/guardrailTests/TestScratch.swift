import Foundation

/// This test process's folder under the system temp directory: every tree a
/// test makes lives in it, and it is removed when the process exits, so a
/// test run leaves nothing behind in /tmp.
let testScratch: String = {
    let path = NSTemporaryDirectory() + "guardrail-tests-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "guardrail-tests-\(getpid())") }
    return path
}()
