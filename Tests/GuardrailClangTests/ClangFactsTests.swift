import Dispatch
import Foundation
import Testing
@testable import GuardrailClang
import GuardrailSyntax

/// `CFacts`: macros, enum constants, constant integers and constant-size
/// arrays of the main file only.
@Suite struct ClangFactsTests {
    static let header = """
    #include <stdint.h>
    #include "missing_header.h"
    #define MINUTES_PER_DAY 1440
    #define BYTES_PER_DAY (180u) /* bytes */
    #define BITS_PER_DAY (MINUTES_PER_DAY)
    #define EMPTY
    #define SLOT(i) ((i) * 30)
    enum geometry { SLOTS_PER_DAY = 48, MINUTES_PER_SLOT = 30, NEXT, NEG = -(2) };
    typedef enum { A_ONE = 1 } anon_t;
    static const uint16_t K_MINUTES = 1440;
    const int K_EXPR = 24 * 60;
    extern const int K_DECLARED_ONLY;
    static int not_const = 5;
    uint8_t day_bits[180];
    uint8_t week[7][BYTES_PER_DAY];
    struct day { uint8_t bits[0xB4]; int n; };
    typedef uint8_t day_t[180];

    """

    @Test func factsOfTheMainFile() throws {
        let bytes = Array(Self.header.utf8)
        let unit = try ClangTranslationUnit.parse(fileName: "geometry.h", bytes: bytes).get()
        let tokens = unit.tokens()
        let facts = unit.facts(tokens: tokens)
        func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }

        #expect(facts.macros.map(\.name) == ["MINUTES_PER_DAY", "BYTES_PER_DAY", "BITS_PER_DAY", "EMPTY", "SLOT"],
                "no macro of <stdint.h> or a builtin")
        #expect(facts.macros.map(\.literalValue) == [1440, 180, nil, nil, nil])
        #expect(text(facts.macros[1].valueRange) == "(180u)")
        #expect(text(facts.macros[1].nameRange) == "BYTES_PER_DAY")
        #expect(facts.macros[3].valueTokens.isEmpty)
        #expect(facts.macros[4].isFunctionLike && text(facts.macros[4].valueRange) == "((i) * 30)")

        #expect(facts.enumConstants.map(\.name) == ["SLOTS_PER_DAY", "MINUTES_PER_SLOT", "NEXT", "NEG", "A_ONE"])
        #expect(facts.enumConstants.map(\.value) == [48, 30, 31, -2, 1])
        #expect(facts.enumConstants.map(\.literalValue) == [48, 30, nil, -2, 1])
        #expect(facts.enumConstants[2].initializerRange == nil)

        #expect(facts.constants.map(\.name) == ["K_MINUTES", "K_EXPR"])
        #expect(facts.constants.map(\.value) == [1440, 1440])
        #expect(facts.constants.map(\.literalValue) == [1440, nil])
        #expect(facts.constants.map(\.isStatic) == [true, false])
        #expect(text(facts.constants[1].initializerRange) == "24 * 60")

        #expect(facts.arrays.map(\.name) == ["day_bits", "week", "bits", "day_t"])
        #expect(facts.arrays.map(\.kind) == [.variable, .variable, .field, .typedef])
        #expect(facts.arrays[0].dimensions == [CArray.Dimension(size: 180, sizeRange: facts.arrays[0].dimensions[0].sizeRange, literalValue: 180)])
        #expect(text(facts.arrays[0].dimensions[0].sizeRange) == "180")
        #expect(facts.arrays[1].dimensions.map(\.size) == [7, 180])
        #expect(facts.arrays[1].dimensions.map(\.literalValue) == [7, nil])
        #expect(facts.arrays[2].dimensions.map(\.literalValue) == [180])
        #expect(facts.arrays[0].elementType == "uint8_t")
    }

    @Test func compileCommandsFlagsApply() throws {
        let text = "#ifdef GEOMETRY_30\nenum { SLOTS = 48 };\n#else\nenum { SLOTS = 1440 };\n#endif\n"
        let withFlag = try ClangTranslationUnit.parse(fileName: "g.h", bytes: Array(text.utf8), arguments: ["-DGEOMETRY_30"]).get()
        let without = try ClangTranslationUnit.parse(fileName: "g.h", bytes: Array(text.utf8)).get()
        #expect(withFlag.facts(tokens: withFlag.tokens()).enumConstants.map(\.value) == [48])
        #expect(without.facts(tokens: without.tokens()).enumConstants.map(\.value) == [1440])
    }

    /// Many files on many threads at once: each thread has its own index,
    /// results are the same as one at a time.
    @Test func parallelParsesAgree() throws {
        let sources = (0..<24).map { i in Self.header + "enum { EXTRA_\(i) = \(i) };\n" }
        let serial = try sources.enumerated().map { i, s in try summary(s, "f\(i).h") }
        let results = ParallelResults(count: sources.count)
        DispatchQueue.concurrentPerform(iterations: sources.count) { i in
            results.store(i, (try? summary(sources[i], "f\(i).h")) ?? "failed")
        }
        #expect(results.values == serial)
    }

    @Test func compileDatabase() throws {
        let json = """
        [{"directory": "/proj/build", "file": "../native/a.h", "arguments": ["cc", "-I", "inc", "-I/abs", "-DX=1", "-c", "-o", "a.o", "../native/a.h", "-std=c11", "-MD"]},
         {"directory": "/proj", "file": "/proj/native/b.h", "command": "clang -Iinc -D 'NAME=\\"v w\\"' -x c++ native/b.h"}]
        """
        let db = try CompileCommands.parse(Data(json.utf8))
        #expect(db.arguments(for: "/proj/native/a.h") == ["-I", "/proj/build/inc", "-I/abs", "-DX=1", "-std=c11"])
        #expect(db.arguments(for: "/proj/native/b.h") == ["-I/proj/inc", "-D", "NAME=\"v w\"", "-x", "c++"])
        #expect(db.arguments(for: "/proj/other.h") == [])
        #expect(throws: CompileCommands.Invalid.self) { try CompileCommands.parse(Data("{".utf8)) }
        #expect(throws: CompileCommands.Invalid.self) { try CompileCommands.parse(Data("[{\"file\": \"x\"}]".utf8)) }
    }

    /// A C++ compiler or a C++ `-std=` reads the file as C++ unless `-x`
    /// says otherwise; only allow-listed flags reach libclang.
    @Test func compileDatabaseLanguageAndAllowList() throws {
        let json = """
        [{"directory": "/p", "file": "a.h", "arguments": ["/usr/bin/clang++", "-std=c++17", "-fplugin=/x/evil.so", "-fpass-plugin=/x/p.so", "-fprofile-instr-generate", "-fno-exceptions", "-isystem/sys", "-iquote", "q", "-include", "pre.h", "-target", "x86_64", "-Xclang", "-load", "-MF", "dep.d", "a.h"]},
         {"directory": "/p", "file": "b.h", "command": "cc -std=gnu++20 -Wall -O2 b.h"},
         {"directory": "/p", "file": "c.h", "command": "g++ -x c c.h"},
         {"directory": "/p", "file": "d.h", "command": "ccache c++ d.h"},
         {"directory": "/p", "file": "e.h", "command": "gcc -std=c11 e.h"}]
        """
        let db = try CompileCommands.parse(Data(json.utf8))
        #expect(db.arguments(for: "/p/a.h") == ["-std=c++17", "-fno-exceptions", "-isystem/sys", "-iquote", "/p/q", "-include", "/p/pre.h", "-x", "c++"])
        #expect(db.arguments(for: "/p/b.h") == ["-std=gnu++20", "-x", "c++"])
        #expect(db.arguments(for: "/p/c.h") == ["-x", "c"])
        #expect(db.arguments(for: "/p/d.h") == ["-x", "c++"])
        #expect(db.arguments(for: "/p/e.h") == ["-std=c11"])
        // The C++ header parses (before: `-x c -std=c++17` was refused).
        let text = "namespace n { class SlotManager {}; }\n"
        let unit = try ClangTranslationUnit.parse(fileName: "/p/a.h", bytes: Array(text.utf8), arguments: db.arguments(for: "/p/a.h")).get()
        #expect(unit.diagnostics().filter { $0.severity >= 3 }.isEmpty)
    }

    @Test func libraryInfo() throws {
        let info = try ClangLibrary.load().get()
        #expect(info.version.contains("clang version \(ClangLibrary.builtAgainstMajor)."))
        #expect(info.resolvedPath.hasPrefix("/"))
        #expect(ClangLibrary.builtAgainst.hasPrefix("/usr/lib/llvm-"))
        #expect(ClangLibrary.candidates.first?.hasPrefix(ClangLibrary.builtAgainst) == true)
    }

    private func summary(_ source: String, _ name: String) throws -> String {
        let unit = try ClangTranslationUnit.parse(fileName: name, bytes: Array(source.utf8)).get()
        let tokens = unit.tokens()
        let facts = unit.facts(tokens: tokens)
        return "\(tokens.count) \(facts.macros.map(\.name)) \(facts.enumConstants.map { "\($0.name)=\($0.value)" }) \(facts.arrays.map(\.name))"
    }
}

/// One slot per iteration, written by exactly one thread.
private final class ParallelResults: @unchecked Sendable {
    private var storage: [String]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: "", count: count) }
    func store(_ i: Int, _ value: String) { lock.lock(); storage[i] = value; lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}
