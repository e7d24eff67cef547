import GuardrailSyntax

// MARK: - BannedImportCheck

/// `banned-import`: an import statement that brings in a banned name (by its
/// exported name, whatever the alias) or a banned module (by the last segment
/// of its dotted or `/` path). One hit per statement, spanning it.
public struct BannedImportCheck: Check {
    public let matcher: BannedImportMatcher
    /// Message templates: `{name}` is replaced by the offending name or module.
    public let nameMessage: String
    public let moduleMessage: String

    public init(matcher: BannedImportMatcher, nameMessage: String, moduleMessage: String) {
        self.matcher = matcher
        self.nameMessage = nameMessage
        self.moduleMessage = moduleMessage
    }

    public var triggers: [[UInt8]] { matcher.triggers }
    /// Its words are whole identifiers (or numbers) wherever it reports.
    public var triggersAreTokens: Bool { true }

    public func run(_ file: FileContext, into hits: inout [Hit]) {
        let imports = file.imports
        guard !imports.isEmpty else { return }
        let tokens = file.tokens
        for statement in imports {
            guard let offence = matcher.offence(in: statement) else { continue }
            let first = tokens[statement.firstToken], last = tokens[max(statement.firstToken, statement.lastToken)]
            let template = offence.isModule ? moduleMessage : nameMessage
            hits.append(Hit(start: Int(first.start), end: Int(last.end),
                            message: template.replacingPlaceholder("{name}", with: offence.name)))
        }
    }
}

// MARK: - BannedImportMatcher

/// Decides whether an import statement imports a banned name or module.
/// Shared by `banned-import` and `banned-symbol` (which leaves the tokens of
/// such statements to the import rule).
public struct BannedImportMatcher: Sendable {
    public let names: Set<String>
    public let modules: Set<String>

    public init(names: [String], modules: [String]) {
        self.names = Set(names)
        self.modules = Set(modules)
    }

    public var triggers: [[UInt8]] { (names.sorted() + modules.sorted()).map { Array($0.utf8) } }

    /// The first banned thing the statement imports, if any.
    public func offence(in statement: ImportStatement) -> (name: String, isModule: Bool)? {
        switch statement.form {
        case .pythonImport:
            for entry in statement.names {
                let last = Self.lastDottedSegment(entry.name)
                if modules.contains(last) { return (entry.name, true) }
                if names.contains(last) { return (last, false) }
            }
            return nil
        case .pythonFrom:
            if let module = statement.module, modules.contains(Self.lastDottedSegment(module)) {
                return (module, true)
            }
        case .esImport, .esExport, .require, .dynamicImport, .include:
            if let module = statement.module, modules.contains(Self.lastPathSegment(module)) {
                return (module, true)
            }
        }
        for entry in statement.names {
            if names.contains(entry.name) { return (entry.name, false) }
            if modules.contains(entry.name) { return (entry.name, true) }
        }
        return nil
    }

    /// `a.b.c` → `c`; `..` → ``.
    static func lastDottedSegment(_ path: String) -> String {
        // ASCII (every real module name): a byte search, not a grapheme walk.
        let utf8 = path.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            guard let dot = utf8.lastIndex(of: UInt8(ascii: ".")) else { return path }
            return String(path[utf8.index(after: dot)...])
        }
        guard let dot = path.lastIndex(of: ".") else { return path }
        return String(path[path.index(after: dot)...])
    }

    /// `./models/availability_slot.ts` → `availability_slot`; `slot_manager.h` → `slot_manager`.
    static func lastPathSegment(_ path: String) -> String {
        var segment = Substring(path)
        while segment.hasSuffix("/") { segment = segment.dropLast() }
        if let slash = segment.lastIndex(where: { $0 == "/" || $0 == "\\" }) {
            segment = segment[segment.index(after: slash)...]
        }
        for ext in [".d.ts", ".tsx", ".ts", ".mts", ".cts", ".jsx", ".js", ".mjs", ".cjs", ".json",
                    ".py", ".pyi", ".hpp", ".hxx", ".hh", ".h", ".c"] where segment.hasSuffix(ext) {
            segment = segment.dropLast(ext.count)
            break
        }
        return String(segment)
    }
}

extension String {
    /// Replaces every occurrence of `placeholder` (used for message
    /// templates), on UTF-8 bytes: it runs once per finding.
    func replacingPlaceholder(_ placeholder: String, with value: String) -> String {
        let text = Array(utf8), needle = Array(placeholder.utf8)
        let m = needle.count
        guard m > 0, text.count >= m else { return self }
        var out: [UInt8] = []
        var i = 0, copied = 0
        while i + m <= text.count {
            if text[i] == needle[0] && text[i..<(i + m)].elementsEqual(needle) {
                out += text[copied..<i]
                out += value.utf8
                i += m
                copied = i
            } else {
                i += 1
            }
        }
        guard copied > 0 else { return self }
        out += text[copied...]
        return String(decoding: out, as: UTF8.self)
    }
}
