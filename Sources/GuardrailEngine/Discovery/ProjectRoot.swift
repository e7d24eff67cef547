import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - ProjectRoot

/// Where a run is rooted: output paths, `exclude` globs and `allow` lists are
/// relative to this directory.
public enum ProjectRoot {
    /// The configuration file's name.
    public static let configFileName = ".guardrail.yml"

    /// Nearest ancestor of `start` (a file or directory path, absolute or
    /// relative to cwd) holding `.guardrail.yml`, else `.git` (file or dir),
    /// else `start`'s directory itself. Returns an absolute, standardized path
    /// without trailing slash, and the config path if any.
    ///
    /// The search for `.guardrail.yml` runs all the way up before `.git` is
    /// considered, so a configuration above a nested checkout (a submodule
    /// in a monorepo) still applies. "`start`'s directory" is `start` when it
    /// is a directory, else its parent (also when `start` does not exist).
    /// Paths are standardized lexically (`.`, `..`, repeated `/`); symlinks
    /// are not resolved.
    public static func find(from start: String) -> (root: String, config: String?) {
        let absolute = absolutePath(start)
        let startDir = isDirectory(absolute) ? absolute : parent(absolute)
        var dir = startDir
        while true {
            let candidate = join(dir, configFileName)
            if exists(candidate), !isDirectory(candidate) { return (dir, candidate) }
            if dir == "/" { break }
            dir = parent(dir)
        }
        dir = startDir
        while true {
            if exists(join(dir, ".git")) { return (dir, nil) }
            if dir == "/" { break }
            dir = parent(dir)
        }
        return (startDir, nil)
    }
}

// MARK: - Path helpers (shared with FileDiscovery)

extension ProjectRoot {
    /// `path` made absolute against the current directory and standardized
    /// lexically: no `.`, no `..`, no empty or trailing components.
    static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return standardize(path) }
        return standardize(join(FileManager.default.currentDirectoryPath, path))
    }

    /// Lexical standardization of an absolute path. `..` above `/` stays `/`.
    static func standardize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `dir` + `/` + `name`, without doubling the slash of `/`.
    static func join(_ dir: String, _ name: String) -> String {
        if name.isEmpty { return dir }
        return dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    /// The parent of a standardized absolute path (`/` for `/`).
    static func parent(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "/" }
        if slash == path.utf8.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// `path` relative to `base` when it is `base` itself ("") or below it.
    static func relative(_ path: String, to base: String) -> String? {
        if path == base { return "" }
        if base == "/" { return String(path.dropFirst()) }
        guard path.hasPrefix(base) else { return nil }
        let rest = path.utf8.dropFirst(base.utf8.count)
        guard rest.first == UInt8(ascii: "/") else { return nil }
        return String(Substring(rest.dropFirst()))
    }

    /// The path with every symlink resolved, or nil when it cannot be.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}
