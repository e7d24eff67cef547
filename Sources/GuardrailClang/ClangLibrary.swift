internal import CClang

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - ClangLibrary

/// libclang, `dlopen`ed the first time a C or C++ file needs it (SPEC §9):
/// runs that see no C file never pay its start-up, and the binary works on a
/// machine without it until a C file comes along. The library loaded is the
/// one of the LLVM whose headers this build was compiled against
/// (`GUARDRAIL_LLVM_DIR`, found by Package.swift), checked by its version.
public enum ClangLibrary {
    /// The libclang in use.
    public struct Info: Sendable, Equatable {
        /// The path guardrail asked `dlopen` for.
        public let requestedPath: String
        /// The file the dynamic loader actually mapped, symlinks resolved.
        public let resolvedPath: String
        /// `clang_getClangVersion()`, e.g. `Debian clang version 14.0.6`.
        public let version: String
        /// Time spent in `dlopen`, `dlsym` and the version check.
        public let loadDuration: Duration
    }

    /// Why libclang could not be used: one line that says what to install.
    public struct Unavailable: Error, Sendable, Equatable, CustomStringConvertible {
        /// The line to show, ending in what to install.
        public let message: String
        /// The message.
        public var description: String { message }
    }

    /// The LLVM directory this build was compiled against, e.g. `/usr/lib/llvm-14`.
    public static var builtAgainst: String { String(cString: guardrail_llvm_dir()) }

    /// The major LLVM version of `builtAgainst` (`14`), empty when the
    /// directory is not named `llvm-<N>`.
    public static var builtAgainstMajor: String {
        guard let dash = builtAgainst.lastIndex(of: "-") else { return "" }
        let tail = builtAgainst[builtAgainst.index(after: dash)...]
        return tail.allSatisfy(\.isNumber) ? String(tail) : ""
    }

    /// The clang-c API version of the headers (`CINDEX_VERSION`), e.g. `0.62`.
    public static var headerAPIVersion: String { "\(CINDEX_VERSION_MAJOR).\(CINDEX_VERSION_MINOR)" }

    /// Loads libclang on first use (thread-safe, once per process) and says
    /// which one, or why not.
    public static func load() -> Result<Info, Unavailable> {
        switch loaded {
        case .success(let library): return .success(library.info)
        case .failure(let error): return .failure(error)
        }
    }

    /// The libraries tried, in order: `GUARDRAIL_LIBCLANG` when set (one
    /// path, for unusual installs and tests), else the build's own LLVM
    /// directory first, then the same major version through the loader's path.
    public static var candidates: [String] {
        if let override = getenv("GUARDRAIL_LIBCLANG"), override.pointee != 0 {
            return [String(cString: override)]
        }
        let dir = builtAgainst, major = builtAgainstMajor
        guard !major.isEmpty else { return [dir + "/lib/libclang.so.1", dir + "/lib/libclang.so"] }
        return [
            "\(dir)/lib/libclang-\(major).so.1",
            "\(dir)/lib/libclang.so.1",
            "libclang-\(major).so.1",
            "\(dir)/lib/libclang.so",
            "libclang-\(major).so",
        ]
    }

    // MARK: - Loading

    static let loaded: Result<LoadedLibrary, Unavailable> = open()

    private static func open() -> Result<LoadedLibrary, Unavailable> {
        let clock = ContinuousClock()
        let began = clock.now
        let major = builtAgainstMajor
        var problems: [String] = []
        for path in candidates {
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
                continue
            }
            var api = GuardrailClangAPI()
            if let missing = guardrail_clang_bind(handle, &api) {
                problems.append("\(path) lacks `\(String(cString: missing))`")
                dlclose(handle)
                continue
            }
            let versionString = api.clang_getClangVersion!()
            let version = String(cString: api.clang_getCString!(versionString)!)
            api.clang_disposeString!(versionString)
            if !major.isEmpty && !version.contains("version \(major).") {
                problems.append("\(path) is \(version), not LLVM \(major)")
                dlclose(handle)
                continue
            }
            let info = Info(requestedPath: path, resolvedPath: resolvedPath(of: handle, fallback: path),
                            version: version, loadDuration: clock.now - began)
            return .success(LoadedLibrary(handle: handle, api: api, info: info))
        }
        let wanted = major.isEmpty ? "libclang" : "libclang \(major) (libclang-\(major).so.1)"
        let detail = problems.isEmpty ? "" : " (" + problems.joined(separator: "; ") + ")"
        return .failure(Unavailable(message: "C/C++ files need \(wanted), which is not installed\(detail): apt-get install libclang-dev"))
    }

    /// The real file behind a handle: the mapping in `/proc/self/maps` that
    /// holds one of its symbols (the loader may have found a bare soname
    /// anywhere on its path), else the requested path; symlinks resolved.
    private static func resolvedPath(of handle: UnsafeMutableRawPointer, fallback: String) -> String {
        var name = fallback
        if let symbol = dlsym(handle, "clang_getClangVersion"), let maps = fopen("/proc/self/maps", "r") {
            defer { fclose(maps) }
            let address = UInt(bitPattern: symbol)
            var line: UnsafeMutablePointer<CChar>?
            var capacity = 0
            defer { free(line) }
            while getline(&line, &capacity, maps) > 0, let line {
                // `start-end perms offset dev inode   path`
                let fields = String(cString: line).split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count >= 6, let dash = fields[0].firstIndex(of: "-"),
                      let low = UInt(fields[0][..<dash], radix: 16),
                      let high = UInt(fields[0][fields[0].index(after: dash)...], radix: 16),
                      address >= low && address < high else { continue }
                name = fields[5...].joined(separator: " ").trimmingCharacters(in: "\n")
                break
            }
        }
        guard let real = realpath(name, nil) else { return name }
        defer { free(real) }
        return String(cString: real)
    }
}

private extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

// MARK: - LoadedLibrary

/// The loaded library and its entry points. Immutable after loading and
/// never unloaded, so it is safe to share between threads; libclang itself
/// is used through one index per thread (`ClangIndex`).
final class LoadedLibrary: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    let api: GuardrailClangAPI
    let info: ClangLibrary.Info

    init(handle: UnsafeMutableRawPointer, api: GuardrailClangAPI, info: ClangLibrary.Info) {
        self.handle = handle
        self.api = api
        self.info = info
    }

    /// A libclang string as a Swift string; the `CXString` is disposed.
    func take(_ string: CXString) -> String {
        defer { api.clang_disposeString!(string) }
        guard let c = api.clang_getCString!(string) else { return "" }
        return String(cString: c)
    }
}
