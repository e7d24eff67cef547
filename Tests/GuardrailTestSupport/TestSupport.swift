import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// What several test targets share. Not part of any product.

/// This test process's folder under the system temp directory, made fresh
/// by `mkdtemp`: every tree a test makes lives in it, and it is removed when
/// the process exits, so a test run leaves nothing behind in /tmp.
public let testScratch: String = makeScratch()

private func makeScratch() -> String {
    var template = Array((NSTemporaryDirectory() + "guardrail-tests-XXXXXX").utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
        fatalError("mkdtemp failed: \(String(cString: strerror(errno)))")
    }
    atexit { try? FileManager.default.removeItem(atPath: testScratch) }
    return String(cString: made)
}

/// Runs `body` on a copy of `bytes` that ends exactly where an unreadable
/// page begins, so that reading even one byte past the end traps (an
/// `Array`'s spare capacity would hide it).
public func withGuardedBytes<R>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let dataPages = (bytes.count + page - 1) / page
    let total = (dataPages + 1) * page
    guard let raw = mmap(nil, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
          raw != MAP_FAILED else { fatalError("mmap failed") }
    defer { munmap(raw, total) }
    guard mprotect(raw + dataPages * page, page, PROT_NONE) == 0 else { fatalError("mprotect failed") }
    let start = (raw + dataPages * page - bytes.count).assumingMemoryBound(to: UInt8.self)
    bytes.withUnsafeBufferPointer { src in if let base = src.baseAddress { start.update(from: base, count: src.count) } }
    return body(UnsafeBufferPointer(start: start, count: bytes.count))
}

/// SplitMix64: a deterministic generator, so that a failing random case
/// names a reproducible seed.
public struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
