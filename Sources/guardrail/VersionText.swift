import GuardrailClang
import GuardrailEngine
import GuardrailReporters

// MARK: - VersionText

/// `guardrail --version`: the tool, and the libclang it reads C/C++ with
/// (the file the loader mapped, its own version string, and the LLVM this
/// build was compiled against) — what `ldd` would show for a linked library.
enum VersionText {
    static func render() -> String {
        var out = "\(ToolInfo.name) \(ToolInfo.version)\n"
        let built = "built against \(ClangLibrary.builtAgainst) (clang-c API \(ClangLibrary.headerAPIVersion))"
        switch ClangLibrary.load() {
        case .success(let info):
            out += "libclang: \(info.resolvedPath) (\(info.version))\n"
            if info.requestedPath != info.resolvedPath { out += "  loaded as \(info.requestedPath), \(built)\n" } else { out += "  \(built)\n" }
        case .failure(let problem):
            out += "libclang: not available; \(problem.message)\n  \(built)\n"
        }
        return out
    }

    /// The `--stats` line for libclang: files parsed, total and per-file time.
    static func frontEndStats(_ result: CheckResult) -> String {
        let ms = Double(result.frontEndDuration.components.seconds) * 1000
            + Double(result.frontEndDuration.components.attoseconds) / 1e15
        let perFile = ms / Double(max(result.frontEndFiles, 1))
        var line = "stats: libclang parsed \(result.frontEndFiles) C/C++ file\(result.frontEndFiles == 1 ? "" : "s") in "
        line += formatted(ms) + " ms (" + formatted(perFile) + " ms per file, summed over threads)"
        if case .success(let info) = ClangLibrary.load() {
            line += "; loading libclang took " + formatted(Double(info.loadDuration.components.attoseconds) / 1e15
                                                          + Double(info.loadDuration.components.seconds) * 1000) + " ms"
        }
        return line
    }

    private static func formatted(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
