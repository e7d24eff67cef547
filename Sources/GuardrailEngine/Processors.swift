#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Processors

/// How many processors a run may keep busy: the ones the calling thread may
/// run on (its CPU affinity: `taskset`, a cpuset), capped by a cgroup CPU
/// quota (a container started with `--cpus 2` on a large host), v2's
/// `cpu.max` or v1's CFS quota, of the cgroup root the process sees.
/// `ProcessInfo.activeProcessorCount` (FoundationEssentials on Linux) was
/// used before: it reads only the v1 files, through `URL` and `Data` (most
/// of a millisecond on the path to the first file), and neither the
/// affinity nor `cpu.max`.
public enum Processors {
    /// Computed once per process, by the first thread that asks (the
    /// calling thread of a run, before it starts any other).
    public static let available: Int = count()

    static func count() -> Int {
        var count = 0
        #if os(Linux)
        // `sched_getaffinity` is a GNU extension the Glibc module does not
        // declare: found in the C library already loaded.
        typealias GetAffinity = @convention(c) (pid_t, Int, UnsafeMutableRawPointer?) -> Int32
        if let process = dlopen(nil, RTLD_LAZY), let symbol = dlsym(process, "sched_getaffinity") {
            let getAffinity = unsafeBitCast(symbol, to: GetAffinity.self)
            var set = cpu_set_t()
            if getAffinity(0, MemoryLayout<cpu_set_t>.size, &set) == 0 {
                count = withUnsafeBytes(of: &set) { raw in raw.reduce(0) { $0 + $1.nonzeroBitCount } }
            }
        }
        #endif
        if count <= 0 { count = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
        if let quota = cgroupQuota() { count = min(count, quota) }
        return max(1, count)
    }

    /// The cgroup CPU quota in whole processors (rounded up), if one is set:
    /// cgroup v2's `cpu.max` (`max 100000` is none, `150000 100000` is 2),
    /// else cgroup v1's `cpu.cfs_quota_us` over `cpu.cfs_period_us`.
    static func cgroupQuota() -> Int? {
        #if os(Linux)
        return quota(cpuMax: smallFile("/sys/fs/cgroup/cpu.max"),
                     cfsQuota: smallFile("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"),
                     cfsPeriod: smallFile("/sys/fs/cgroup/cpu/cpu.cfs_period_us"))
        #else
        return nil
        #endif
    }

    /// The quota those files state (each its first line, nil when absent):
    /// `cpu.max` when present, whatever it says; else the v1 pair.
    static func quota(cpuMax: String?, cfsQuota: String?, cfsPeriod: String?) -> Int? {
        if let cpuMax {
            let fields = cpuMax.split(separator: " ")
            guard fields.count == 2, let quota = Int(fields[0]), let period = Int(fields[1]) else { return nil }
            return quotient(quota, period)
        }
        guard let quota = cfsQuota.flatMap({ Int($0) }), let period = cfsPeriod.flatMap({ Int($0) }) else { return nil }
        return quotient(quota, period)
    }

    /// `quota / period` rounded up; nil when either is not positive (`-1`: no quota).
    static func quotient(_ quota: Int, _ period: Int) -> Int? {
        guard quota > 0, period > 0 else { return nil }
        return (quota + period - 1) / period
    }

    /// The first line of a small file, without its line end; nil when it
    /// cannot be read.
    private static func smallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        let line = buffer[0..<n].prefix { $0 != 0x0A }
        return String(decoding: line, as: UTF8.self)
    }
}
