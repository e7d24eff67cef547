import Foundation
import Testing
@testable import GuardrailEngine

/// The worker count a run starts by default.
@Suite struct ProcessorsTests {
    #if os(Linux)
    typealias Affinity = @convention(c) (pid_t, Int, UnsafeMutableRawPointer?) -> Int32

    /// `sched_getaffinity` / `sched_setaffinity`, which the Glibc module does not declare.
    static func affinityCall(_ name: String) throws -> Affinity {
        let process = try #require(dlopen(nil, RTLD_NOW))
        return unsafeBitCast(try #require(dlsym(process, name)), to: Affinity.self)
    }

    /// Without a quota, the processors the calling thread may run on: as
    /// many as its affinity mask has bits, and no more than are online.
    @Test func withoutAQuotaItIsTheAffinityMask() throws {
        var mask = cpu_set_t()
        #expect(try Self.affinityCall("sched_getaffinity")(0, MemoryLayout<cpu_set_t>.size, &mask) == 0)
        let allowed = withUnsafeBytes(of: &mask) { $0.reduce(0) { $0 + $1.nonzeroBitCount } }
        let count = Processors.count()
        #expect(count <= Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        if let quota = Processors.cgroupQuota() {
            #expect(count == min(allowed, quota))
        } else {
            #expect(count == allowed)
        }
    }

    /// A thread allowed on one processor (`taskset -c N`) counts one.
    @Test func anAffinityOfOneProcessorCountsOne() throws {
        let getAffinity = try Self.affinityCall("sched_getaffinity")
        let setAffinity = try Self.affinityCall("sched_setaffinity")
        var current = cpu_set_t()
        #expect(getAffinity(0, MemoryLayout<cpu_set_t>.size, &current) == 0)
        // The lowest processor this process may run on (not always CPU 0).
        let lowest = try #require(withUnsafeBytes(of: &current) { raw in
            raw.indices.first { raw[$0] != 0 }.map { $0 * 8 + raw[$0].trailingZeroBitCount }
        })
        let counted = LockedBox()
        let thread = Thread {
            var one = cpu_set_t()
            withUnsafeMutableBytes(of: &one) { $0[lowest / 8] = 1 << UInt8(lowest % 8) }
            // pid 0: the calling thread only.
            if setAffinity(0, MemoryLayout<cpu_set_t>.size, &one) == 0 { counted.set(Processors.count()) }
            counted.done.signal()
        }
        thread.start()
        counted.done.wait()
        #expect(counted.get() == 1)
    }
    #endif

    @Test func theQuotaFilesAreReadAsTheKernelWritesThem() {
        func quota(_ cpuMax: String?, _ cfsQuota: String? = nil, _ cfsPeriod: String? = nil) -> Int? {
            Processors.quota(cpuMax: cpuMax, cfsQuota: cfsQuota, cfsPeriod: cfsPeriod)
        }
        // cgroup v2: `max` is no quota; a quota is rounded up to whole processors.
        #expect(quota("max 100000") == nil)
        #expect(quota("150000 100000") == 2)
        #expect(quota("200000 100000") == 2)
        #expect(quota("50000 100000") == 1)
        #expect(quota("", "200000", "100000") == nil, "cpu.max decides when present")
        #expect(quota("garbage") == nil)
        // cgroup v1: `-1` is no quota; both files are needed.
        #expect(quota(nil, "-1", "100000") == nil)
        #expect(quota(nil, "300000", "100000") == 3)
        #expect(quota(nil, "300000", nil) == nil)
        #expect(quota(nil, nil, nil) == nil)
        #expect(quota(nil, "x", "100000") == nil)
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
}

private final class LockedBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int?
    let done = DispatchSemaphore(value: 0)
    func set(_ v: Int) { lock.lock(); value = v; lock.unlock() }
    func get() -> Int? { lock.lock(); defer { lock.unlock() }; return value }
}
