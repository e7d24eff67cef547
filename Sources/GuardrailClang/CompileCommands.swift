import Foundation

// MARK: - CompileCommands

/// A JSON compilation database (`compile_commands.json` at the project
/// root): per source file, the flags that matter for reading it — include
/// paths, macros, language standard. A file not listed is parsed with no
/// extra flags.
public struct CompileCommands: Sendable {
    /// Standardized absolute path → flags.
    private let entries: [String: [String]]

    /// The file's name at the project root.
    public static let fileName = "compile_commands.json"

    /// A database that failed to load: one line saying why.
    public struct Invalid: Error, Sendable, Equatable {
        /// What is wrong, e.g. `not valid JSON`.
        public let message: String
    }

    /// A database from standardized absolute paths to flags.
    public init(entries: [String: [String]]) {
        self.entries = entries
    }

    /// Number of files the database lists.
    public var count: Int { entries.count }

    /// The flags for a file (absolute path), empty when it is not listed.
    public func arguments(for absolutePath: String) -> [String] {
        entries[(absolutePath as NSString).standardizingPath] ?? []
    }

    /// Loads `<root>/compile_commands.json`; nil when there is none.
    public static func load(root: String) throws(Invalid) -> CompileCommands? {
        let path = (root as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Invalid(message: "cannot read")
        }
        return try parse(data)
    }

    /// Parses a database's JSON: an array of `{directory, file, arguments | command}`.
    public static func parse(_ data: Data) throws(Invalid) -> CompileCommands {
        let json: Any
        do { json = try JSONSerialization.jsonObject(with: data) } catch {
            throw Invalid(message: "not valid JSON")
        }
        guard let list = json as? [[String: Any]] else {
            throw Invalid(message: "expected an array of {directory, file, arguments or command} objects")
        }
        var entries: [String: [String]] = [:]
        for (n, entry) in list.enumerated() {
            guard let directory = entry["directory"] as? String, let file = entry["file"] as? String else {
                throw Invalid(message: "entry \(n + 1) needs `directory` and `file`")
            }
            let argv: [String]
            if let arguments = entry["arguments"] as? [String] {
                argv = arguments
            } else if let command = entry["command"] as? String {
                argv = splitCommand(command)
            } else {
                throw Invalid(message: "entry \(n + 1) needs `arguments` or `command`")
            }
            let absolute = absolutize(file, in: directory)
            // The first entry for a file wins, as in clang's tools.
            if entries[absolute] == nil {
                entries[absolute] = relevantFlags(argv, directory: directory, file: absolute)
            }
        }
        return CompileCommands(entries: entries)
    }

    // MARK: - Flags

    /// The flags libclang gets, from an allow-list: include paths (`-I`,
    /// `-isystem`, `-iquote`, `-include`, separate or glued, made absolute
    /// against `directory`), macros (`-D`, `-U`), the language (`-x`,
    /// `-std=`) and `-f…`/`-fno-…` options other than plugins and profiling
    /// (`-fplugin…`, `-fpass-plugin…`, `-fprofile…` are never passed).
    /// Everything else — the compiler, the file, outputs, dependency files,
    /// unknown flags — is dropped. A C++ compiler (`clang++`, `g++`, `c++`)
    /// or a C++ `-std=` without an explicit `-x` adds `-x c++`, so a header
    /// of a C++ project is read as C++.
    static func relevantFlags(_ argv: [String], directory: String, file: String) -> [String] {
        let pathFlags = ["-isystem", "-iquote", "-include", "-I"]
        let valueFlags: Set<String> = ["-D", "-U", "-x", "-std", "--std"]
        var out: [String] = []
        var i = 1
        // A compiler launcher (`ccache clang++ …`) names the compiler next.
        var compiler = argv.first.map { ($0 as NSString).lastPathComponent } ?? ""
        if ["ccache", "sccache", "distcc", "icecc"].contains(compiler), argv.count > 1 {
            compiler = (argv[1] as NSString).lastPathComponent
            i = 2
        }
        var language: String?
        var cxxStandard = false
        while i < argv.count {
            let arg = argv[i]
            defer { i += 1 }
            if pathFlags.contains(arg) {
                guard i + 1 < argv.count else { break }
                out += [arg, absolutize(argv[i + 1], in: directory)]
                i += 1
            } else if valueFlags.contains(arg) {
                guard i + 1 < argv.count else { break }
                let value = argv[i + 1]
                if arg == "-x" { language = value } else if arg != "-D" && arg != "-U" { cxxStandard = isCxxStandard(value) }
                out += [arg == "--std" ? "-std" : arg, value]
                i += 1
            } else if let flag = pathFlags.first(where: { arg.hasPrefix($0) && arg.count > $0.count }) {
                out.append(flag + absolutize(String(arg.dropFirst(flag.count)), in: directory))
            } else if arg.hasPrefix("-std=") || arg.hasPrefix("--std=") {
                let value = String(arg[arg.index(after: arg.firstIndex(of: "=")!)...])
                cxxStandard = isCxxStandard(value)
                out.append("-std=" + value)
            } else if arg.hasPrefix("-x") && arg.count > 2 {
                language = String(arg.dropFirst(2))
                out.append(arg)
            } else if (arg.hasPrefix("-D") || arg.hasPrefix("-U")) && arg.count > 2 {
                out.append(arg)
            } else if arg.hasPrefix("-f") && arg.count > 2 {
                let option = arg.hasPrefix("-fno-") ? String(arg.dropFirst(5)) : String(arg.dropFirst(2))
                guard !option.hasPrefix("plugin"), !option.hasPrefix("pass-plugin"), !option.hasPrefix("profile") else { continue }
                out.append(arg)
            }
        }
        if language == nil && (compiler.hasSuffix("++") || compiler.contains("++-") || compiler == "c++" || cxxStandard) {
            out += ["-x", "c++"]
        }
        return out
    }

    /// `c++17`, `gnu++20`, `c++2b`…: a C++ language standard.
    static func isCxxStandard(_ value: String) -> Bool {
        value.hasPrefix("c++") || value.hasPrefix("gnu++")
    }

    static func absolutize(_ path: String, in directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }

    /// Splits a shell command line the way a POSIX shell would for plain
    /// words, single and double quotes and backslash escapes.
    static func splitCommand(_ command: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in command {
            if escaped { current.append(c); escaped = false; inWord = true; continue }
            if c == "\\" && quote != "'" { escaped = true; continue }
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            if c == "'" || c == "\"" { quote = c; inWord = true; continue }
            if c == " " || c == "\t" || c == "\n" {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(c)
            inWord = true
        }
        if inWord { words.append(current) }
        return words
    }
}
