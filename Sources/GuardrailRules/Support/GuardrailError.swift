// MARK: - GuardrailError

/// The one error type. Every case names the file (and, for configuration and
/// rule files, the line and column) and reads as one line on stderr. All of
/// them end the run with exit code 2.
public enum GuardrailError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A command-line mistake.
    case usage(String)
    /// A configuration or rule file that is not valid: file, 1-based line and
    /// column (0 when unknown), and what is wrong.
    case config(path: String, line: Int, column: Int, message: String)
    /// A file or directory that could not be read or written.
    case io(path: String, message: String)
    /// A file that could not be understood under `--strict`.
    case unreadable(path: String, message: String)
    /// A git command that failed (diff and staged modes).
    case git(String)

    public var description: String {
        switch self {
        case .usage(let m):
            return "error: \(m)"
        case .config(let path, let line, let column, let message):
            if line > 0 {
                return "error: \(path):\(line):\(max(column, 1)): \(message)"
            }
            return "error: \(path): \(message)"
        case .io(let path, let message):
            return "error: \(path): \(message)"
        case .unreadable(let path, let message):
            return "error: \(path): \(message)"
        case .git(let m):
            return "error: git: \(m)"
        }
    }
}
