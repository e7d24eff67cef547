import Foundation
import Testing
@testable import GuardrailEngine

/// The worker count a run starts by default.
@Suite struct ProcessorsTests {
    /// The same answer as Foundation's, which also counts the affinity mask
    /// and a cgroup quota (on a host where either limits the run, the two
    /// would differ if one were ignored).
    @Test func agreesWithFoundation() {
        #expect(Processors.count() == ProcessInfo.processInfo.activeProcessorCount)
        #expect(Processors.available >= 1)
    }

    @Test func aQuotaIsRoundedUpToWholeProcessors() {
        #expect(Processors.quotient(150_000, 100_000) == 2)
        #expect(Processors.quotient(100_000, 100_000) == 1)
        #expect(Processors.quotient(50_000, 100_000) == 1)
        #expect(Processors.quotient(400_000, 100_000) == 4)
        // `-1` (v1) is no quota; so is a period of 0.
        #expect(Processors.quotient(-1, 100_000) == nil)
        #expect(Processors.quotient(100_000, 0) == nil)
    }

    #if os(Linux)
    /// A thread allowed on one processor counts one (`taskset -c 0`).
    @Test func anAffinityOfOneProcessorCountsOne() throws {
        typealias SetAffinity = @convention(c) (pid_t, Int, UnsafeRawPointer?) -> Int32
        let process = try #require(dlopen(nil, RTLD_NOW))
        let setAffinity = unsafeBitCast(try #require(dlsym(process, "sched_setaffinity")), to: SetAffinity.self)
        let counted = LockedBox()
        let thread = Thread {
            var mask = cpu_set_t()
            withUnsafeMutableBytes(of: &mask) { $0[0] = 1 }
            // pid 0: the calling thread only.
            if setAffinity(0, MemoryLayout<cpu_set_t>.size, &mask) == 0 { counted.set(Processors.count()) }
            counted.done.signal()
        }
        thread.start()
        counted.done.wait()
        #expect(counted.get() == 1)
    }
    #endif
}

private final class LockedBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int?
    let done = DispatchSemaphore(value: 0)
    func set(_ v: Int) { lock.lock(); value = v; lock.unlock() }
    func get() -> Int? { lock.lock(); defer { lock.unlock() }; return value }
}
