internal import CClang
import GuardrailSyntax

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - CParseSettings

/// How to parse one C/C++ file: the name libclang gives the main file (its
/// directory is where `#include "…"` looks first) and the compiler flags
/// from `compile_commands.json`, if any.
public struct CParseSettings: Sendable, Equatable {
    /// The main file's name for libclang; nil: the file's project-relative path.
    public var fileName: String?
    /// Compiler flags (`-I`, `-D`, `-std=`…), without compiler, `-c`, `-o` or file.
    public var arguments: [String]

    public init(fileName: String? = nil, arguments: [String] = []) {
        self.fileName = fileName
        self.arguments = arguments
    }
}

// MARK: - ClangFailure

/// Why a C/C++ file could not be read through libclang.
public enum ClangFailure: Error, Sendable, Equatable {
    /// libclang is not installed (or not the version this build needs); the
    /// message says what to install.
    case unavailable(String)
    /// libclang could not parse the file at all (it crashed or refused it);
    /// the file is counted as not understood.
    case parseFailed(String)
}

// MARK: - ClangDiagnostic

/// A diagnostic libclang reported for the main file (a missing header, a
/// syntax error…). Diagnostics never stop guardrail: they are facts.
public struct ClangDiagnostic: Sendable, Equatable {
    /// 2 warning, 3 error, 4 fatal (`CXDiagnosticSeverity`).
    public var severity: Int
    /// Byte offset in the main file.
    public var offset: Int
    /// libclang's text, e.g. `'x.h' file not found`.
    public var message: String
}

// MARK: - ClangTranslationUnit

/// One C or C++ file parsed by libclang from its in-memory bytes (so staged
/// content is what is read, not the working tree). Owns the translation unit
/// and disposes it; belongs to the thread that parsed it, whose index it uses.
///
/// Headers are parsed as C (`-x c`, or `-x c++` for .hpp/.hh/.hxx) with a
/// detailed preprocessing record, function bodies skipped and errors not
/// stopping the parse, so a header with syntax errors or missing includes
/// still yields its tokens and declarations.
public final class ClangTranslationUnit {
    let library: LoadedLibrary
    let unit: CXTranslationUnit
    /// The main file's name as given to libclang.
    public let fileName: String
    /// The bytes that were parsed.
    public let bytes: [UInt8]
    /// Wall time of `clang_parseTranslationUnit2`.
    public let parseDuration: Duration

    private init(library: LoadedLibrary, unit: CXTranslationUnit, fileName: String, bytes: [UInt8], parseDuration: Duration) {
        self.library = library
        self.unit = unit
        self.fileName = fileName
        self.bytes = bytes
        self.parseDuration = parseDuration
    }

    deinit {
        library.api.clang_disposeTranslationUnit!(unit)
    }

    /// The `-x` language for a path: C++ for .hpp/.hh/.hxx/.cc/.cpp/.cxx, else C.
    public static func languageFlag(for path: String) -> String {
        switch Language.pathExtension(path) ?? "" {
        case "hpp", "hh", "hxx", "cc", "cpp", "cxx", "c++", "h++": return "c++"
        default: return "c"
        }
    }

    /// Parses `bytes` as the file `fileName`. Loads libclang on first use.
    public static func parse(fileName: String, bytes: [UInt8], arguments: [String] = []) -> Result<ClangTranslationUnit, ClangFailure> {
        let library: LoadedLibrary
        switch ClangLibrary.loaded {
        case .success(let l): library = l
        case .failure(let e): return .failure(.unavailable(e.message))
        }
        let api = library.api
        let index = ClangIndex.current(library)
        let isHeader = ["h", "hh", "hpp", "hxx"].contains(Language.pathExtension(fileName) ?? "")
        // The file's own flags come after ours, so `-x` or `-std` there win.
        let args = ["-x", languageFlag(for: fileName), "-w", "-ferror-limit=0"] + arguments
        var options = CXTranslationUnit_DetailedPreprocessingRecord.rawValue
            | CXTranslationUnit_SkipFunctionBodies.rawValue
            | CXTranslationUnit_KeepGoing.rawValue
        if isHeader { options |= CXTranslationUnit_Incomplete.rawValue }

        let clock = ContinuousClock()
        let began = clock.now
        var unit: CXTranslationUnit?
        let status: CXErrorCode = withCStrings(args) { argv in
            fileName.withCString { name in
                bytes.withUnsafeBufferPointer { buffer in
                    // libclang copies the unsaved contents while parsing.
                    let empty: StaticString = ""
                    let contents = buffer.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(empty.utf8Start)
                    var unsaved = CXUnsavedFile(Filename: name, Contents: contents.assumingMemoryBound(to: CChar.self),
                                                Length: UInt(buffer.count))
                    return api.clang_parseTranslationUnit2!(index, name, argv, Int32(args.count), &unsaved, 1, options, &unit)
                }
            }
        }
        let duration = clock.now - began
        guard status == CXError_Success, let unit else {
            let why: String
            switch status {
            case CXError_Crashed: why = "libclang crashed while parsing it"
            case CXError_InvalidArguments: why = "libclang rejected the compiler flags"
            case CXError_ASTReadError: why = "libclang could not read it"
            default: why = "libclang could not parse it (error \(status.rawValue))"
            }
            return .failure(.parseFailed(why))
        }
        return .success(ClangTranslationUnit(library: library, unit: unit, fileName: fileName, bytes: bytes,
                                             parseDuration: duration))
    }

    // MARK: - Tokens

    /// The main file's tokens as guardrail's `Token`s, in order:
    /// identifiers and keywords → `.name`; string, character and header-name
    /// literals → `.string` (quotes and prefix included); other literals →
    /// `.number`; punctuation → `.op`; comments and code the preprocessor
    /// skipped (`#if 0`…) → `.comment`. Lines and
    /// columns are 1-based, columns in code points.
    public func tokens() -> [Token] {
        let api = library.api
        guard let file = mainFile() else { return [] }
        let begin = api.clang_getLocationForOffset!(unit, file, 0)
        let end = api.clang_getLocationForOffset!(unit, file, UInt32(truncatingIfNeeded: bytes.count))
        var raw: UnsafeMutablePointer<CXToken>?
        var count: UInt32 = 0
        api.clang_tokenize!(unit, api.clang_getRange!(begin, end), &raw, &count)
        guard let raw, count > 0 else { return [] }
        defer { api.clang_disposeTokens!(unit, raw, count) }
        var tokens: [Token] = []
        tokens.reserveCapacity(Int(count))
        let skipped = skippedRanges(file)
        var nextSkipped = 0
        bytes.withUnsafeBufferPointer { buf in
            var previousEnd = 0
            for i in 0..<Int(count) {
                let extent = api.clang_getTokenExtent!(unit, raw[i])
                let start = offset(of: api.clang_getRangeStart!(extent))
                let stop = offset(of: api.clang_getRangeEnd!(extent))
                // Tokens come in order; anything out of the file or out of
                // order (never seen) is dropped rather than trusted.
                guard start >= previousEnd, stop > start, stop <= buf.count else { continue }
                previousEnd = stop
                var kind = Self.kind(api.clang_getTokenKind!(raw[i]), buf, start, stop)
                // Code the preprocessor skipped (`#if 0`, an undefined
                // `#ifdef`…) is read as a comment.
                while nextSkipped < skipped.count && skipped[nextSkipped].upperBound <= start { nextSkipped += 1 }
                if nextSkipped < skipped.count && skipped[nextSkipped].contains(start) { kind = .comment }
                tokens.append(Token(kind: kind, start: start, end: stop))
            }
        }
        return tokens
    }

    /// The main file's preprocessor-skipped ranges as byte ranges, sorted:
    /// from the line after the opening directive (`#if 0`, `#ifdef X`,
    /// `#else`…; its condition stays code) through the directive that
    /// closes the block. A block opened by a directive libclang reported an
    /// error on (`#if` with no condition) is not trusted to be dead: syntax
    /// errors do not hide code.
    func skippedRanges(_ file: CXFile) -> [Range<Int>] {
        let api = library.api
        guard let list = api.clang_getSkippedRanges!(unit, file) else { return [] }
        defer { api.clang_disposeSourceRangeList!(list) }
        guard list.pointee.count > 0 else { return [] }
        let errors = diagnostics().filter { $0.severity >= 3 }.map(\.offset)
        var out: [Range<Int>] = []
        for k in 0..<Int(list.pointee.count) {
            guard let ranges = list.pointee.ranges else { break }
            let range = ranges[k]
            var from = offset(of: api.clang_getRangeStart!(range))
            let to = min(offset(of: api.clang_getRangeEnd!(range)), bytes.count)
            let directive = from
            while from < to && bytes[from] != UInt8(ascii: "\n") { from += 1 }
            if errors.contains(where: { $0 >= directive && $0 <= from }) { continue }
            if from < to { out.append((from + 1)..<to) }
        }
        return out.sorted { $0.lowerBound < $1.lowerBound }
    }

    private static func kind(_ kind: CXTokenKind, _ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> TokenKind {
        switch kind {
        case CXToken_Identifier, CXToken_Keyword: return .name
        case CXToken_Comment: return .comment
        case CXToken_Punctuation: return .op
        case CXToken_Literal:
            // Numbers start with a digit or `.`; a prefix (L, u, U, u8, R…)
            // then a quote is a string or character literal; `<…>` is a
            // header name.
            let first = buf[start]
            if first == UInt8(ascii: "<") { return .string }
            if (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: ".") { return .number }
            var i = start
            while i < end, isIdentifierByte(buf[i]) { i += 1 }
            if i < end && (buf[i] == UInt8(ascii: "\"") || buf[i] == UInt8(ascii: "'")) { return .string }
            return .number
        default:
            return .invalid
        }
    }

    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
    }

    // MARK: - Diagnostics

    /// Diagnostics located in the main file (missing headers, syntax errors).
    public func diagnostics() -> [ClangDiagnostic] {
        let api = library.api
        var out: [ClangDiagnostic] = []
        let count = api.clang_getNumDiagnostics!(unit)
        for i in 0..<count {
            guard let diagnostic = api.clang_getDiagnostic!(unit, i) else { continue }
            defer { api.clang_disposeDiagnostic!(diagnostic) }
            let location = api.clang_getDiagnosticLocation!(diagnostic)
            guard api.clang_Location_isFromMainFile!(location) != 0 else { continue }
            out.append(ClangDiagnostic(severity: Int(api.clang_getDiagnosticSeverity!(diagnostic).rawValue),
                                       offset: offset(of: location),
                                       message: library.take(api.clang_getDiagnosticSpelling!(diagnostic))))
        }
        return out
    }

    // MARK: - Locations

    func mainFile() -> CXFile? {
        fileName.withCString { library.api.clang_getFile!(unit, $0) }
    }

    /// The byte offset of a location in the file it was written in (for a
    /// macro expansion: where the macro is used).
    func offset(of location: CXSourceLocation) -> Int {
        var offset: UInt32 = 0
        library.api.clang_getFileLocation!(location, nil, nil, nil, &offset)
        return Int(offset)
    }

    func isInMainFile(_ location: CXSourceLocation) -> Bool {
        library.api.clang_Location_isFromMainFile!(location) != 0
    }
}

// MARK: - C strings

/// Calls `body` with an `argv` of C strings (NULL-terminated) that live for
/// the duration of the call.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { for copy in copies { free(copy) } }
    let pointers = copies.map { $0.map { UnsafePointer($0) } } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
