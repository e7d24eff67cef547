import GuardrailRules

// MARK: - GitRepository

/// The work tree a run's root lies in, and the mapping between git's paths
/// (relative to the work tree's top level) and guardrail's (relative to the
/// project root, which may be the top level, a folder below it, or above it).
public struct GitRepository: Sendable {
    /// The work tree's top level, as git reports it (symlinks resolved).
    public let topLevel: String
    /// The project root with symlinks resolved, for mapping paths.
    let realRoot: String
    /// Runs git at the top level, so every path it prints is top-relative.
    public let git: GitProcess

    /// The work tree containing `directory` (a folder of the run: where the
    /// project root was searched from). `purpose` names the flag for the
    /// error when there is none, e.g. `--diff`.
    public init(containing directory: String, root: String, purpose: String) throws(GuardrailError) {
        let probe = GitProcess(directory: directory)
        let output = try probe.attempt(["rev-parse", "--show-toplevel"])
        guard output.status == 0, !output.text.isEmpty else {
            let reason = output.reason
            throw GuardrailError.git("\(purpose) needs a git work tree, and \(directory) is not in one"
                                     + (reason.isEmpty || reason.contains("not a git repository") ? "" : " (\(reason))"))
        }
        self.topLevel = ProjectRoot.standardize(output.text)
        self.realRoot = ProjectRoot.realPath(root) ?? root
        self.git = GitProcess(directory: topLevel)
    }

    /// A git path (relative to the top level) as a path relative to the
    /// project root; nil when it lies outside the root.
    public func rootRelative(_ gitPath: String) -> String? {
        guard let rel = ProjectRoot.relative(ProjectRoot.join(topLevel, gitPath), to: realRoot), !rel.isEmpty else {
            return nil
        }
        return rel
    }

    /// Resolves a revision to a full commit id, or explains what to fetch.
    public func commit(_ revision: String) throws(GuardrailError) -> String {
        let output = try git.attempt(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"])
        guard output.status == 0, !output.text.isEmpty else {
            throw GuardrailError.git("`\(revision)` is not a commit in \(topLevel) (in CI, fetch it first: `git fetch origin <branch>`, or check out with `fetch-depth: 0`)")
        }
        return output.text
    }

    /// The merge base of `revision` and HEAD: where a branch forked.
    public func mergeBase(_ revision: String) throws(GuardrailError) -> String {
        let commit = try commit(revision)
        let head = try git.attempt(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
        guard head.status == 0 else {
            throw GuardrailError.git("HEAD has no commit yet in \(topLevel); --diff needs one")
        }
        let output = try git.attempt(["merge-base", commit, "HEAD"])
        guard output.status == 0, !output.text.isEmpty else {
            throw GuardrailError.git("`\(revision)` and HEAD have no merge base (a shallow clone? fetch more history, e.g. `fetch-depth: 0`)")
        }
        return output.text
    }
}

// MARK: - Quoted paths

extension GitRepository {
    /// Undoes git's C-style quoting of a path in patch headers (`"a/t\303\251st.py"`):
    /// `\a \b \t \n \v \f \r \" \\` and three-digit octal bytes. An unquoted
    /// path is returned as it is.
    static func unquote(_ field: ArraySlice<UInt8>) -> [UInt8] {
        guard field.count >= 2, field.first == UInt8(ascii: "\""), field.last == UInt8(ascii: "\"") else {
            return Array(field)
        }
        var out: [UInt8] = []
        var i = field.startIndex + 1
        let end = field.endIndex - 1
        while i < end {
            let b = field[i]
            guard b == UInt8(ascii: "\\"), i + 1 < end else {
                out.append(b)
                i += 1
                continue
            }
            let e = field[i + 1]
            switch e {
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value: UInt8 = 0
                var j = i + 1
                while j < min(i + 4, end), field[j] >= UInt8(ascii: "0"), field[j] <= UInt8(ascii: "7") {
                    value = value &* 8 &+ (field[j] - UInt8(ascii: "0"))
                    j += 1
                }
                out.append(value)
                i = j
                continue
            default: out.append(e)
            }
            i += 2
        }
        return out
    }
}
