import Testing
@testable import GuardrailClang
import GuardrailSyntax

/// The main file's tokens through libclang, mapped to guardrail's `Token`.
@Suite struct ClangTokensTests {
    @Test func kindsAndPositions() throws {
        let text = """
        #include <slot_manager.h>
        const char *s = u8"SlotManager"; char c = 'x'; // SlotManager
        int a = 0x1F + 2.5e3; /* c */ wchar_t w = L'x';

        """
        let tokens = try tokenize(text, "kinds.h")
        let at = TokenPositions.of(tokens, in: Array(text.utf8))
        let shown = tokens.indices.map { "\(tokens[$0].kind):\(at[$0].line):\(at[$0].column):\(text.utf8Slice(tokens[$0]))" }
        #expect(Array(shown.prefix(7)) == ["op:1:1:#", "name:1:2:include", "op:1:10:<", "name:1:11:slot_manager",
                                           "op:1:23:.", "name:1:24:h", "op:1:25:>"])
        #expect(shown.contains("string:2:17:u8\"SlotManager\""))
        #expect(shown.contains("string:2:43:'x'"))
        #expect(shown.contains("comment:2:48:// SlotManager"))
        #expect(shown.contains("number:3:9:0x1F"))
        #expect(shown.contains("number:3:16:2.5e3"))
        #expect(shown.contains("comment:3:23:/* c */"))
        #expect(shown.contains("string:3:43:L'x'"))
        #expect(shown.contains("name:2:1:const"), "keywords are names")
    }

    @Test func columnsCountCodePointsAndCRLF() throws {
        let text = "/* é😀 */ int SlotManager;\r\nint x;\rint y;\n"
        let tokens = try tokenize(text, "cols.h")
        let at = TokenPositions.of(tokens, in: Array(text.utf8))
        let names = tokens.indices.filter { tokens[$0].kind == .name }.map { "\(text.utf8Slice(tokens[$0]))@\(at[$0].line):\(at[$0].column)" }
        #expect(names == ["int@1:10", "SlotManager@1:14", "int@2:1", "x@2:5", "int@3:1", "y@3:5"])
    }

    @Test func onlyTheMainFilesTokens() throws {
        // <stdint.h> is parsed, but none of its tokens come back.
        let text = "#include <stdint.h>\nuint8_t day[180];\n"
        let tokens = try tokenize(text, "main.h")
        #expect(tokens.allSatisfy { Int($0.end) <= text.utf8.count })
        #expect(tokens.count == 13)
    }

    @Test func syntaxErrorsAndMissingIncludesAreDiagnosticsNotCrashes() throws {
        let text = """
        #include "no/such/header.h"
        struct broken { int x
        int f(int a, {
        "unterminated
        @@@ $$$
        #if
        int SlotManager;
        """
        let unit = try ClangTranslationUnit.parse(fileName: "broken.h", bytes: Array(text.utf8)).get()
        let diagnostics = unit.diagnostics()
        #expect(diagnostics.contains { $0.message.contains("not found") })
        #expect(diagnostics.contains { $0.severity >= 3 })
        let tokens = unit.tokens()
        #expect(tokens.contains { $0.kind == .name && text.utf8Slice($0) == "SlotManager" })
    }

    @Test func inMemoryBytesWinOverTheDisk() throws {
        // The file name does not exist on disk; the bytes are what is parsed.
        let tokens = try tokenize("int staged_only;\n", "/nonexistent/dir/staged.h")
        #expect(tokens.count == 3)
    }

    @Test func emptyAndOddFiles() throws {
        #expect(try tokenize("", "empty.h").isEmpty)
        let bom = try tokenize("\u{FEFF}int x;\n", "bom.h")
        #expect(TokenPositions.of(bom, in: Array("\u{FEFF}int x;\n".utf8)).first?.column == 1)
        let deep = String(repeating: "(", count: 10_000) + "\n"
        #expect(try tokenize(deep, "deep.h").count == 10_000)
        let long = "int a[] = {" + String(repeating: "1,", count: 200_000) + "};\n"
        #expect(try tokenize(long, "long.h").count > 400_000)
    }

    @Test func cxxHeadersParseAsCxx() throws {
        #expect(ClangTranslationUnit.languageFlag(for: "a/b.hpp") == "c++")
        #expect(ClangTranslationUnit.languageFlag(for: "a/b.hh") == "c++")
        #expect(ClangTranslationUnit.languageFlag(for: "a/b.h") == "c")
        let unit = try ClangTranslationUnit.parse(fileName: "t.hpp", bytes: Array("namespace n { class K {}; }\n".utf8)).get()
        #expect(unit.diagnostics().filter { $0.severity >= 3 }.isEmpty)
    }

    @Test func includesFromTokens() throws {
        let text = """
        #include "a/slot_manager.h"
          #  include <sys/availability_slots.h> // why
        /* c */ #include_next <x.h>
        #include MACRO
        int x; #include "not_a_directive.h"
        #import "objc.h"

        """
        let tokens = try tokenize(text, "inc.h")
        let includes = CIncludes.scan(tokens, in: Array(text.utf8))
        #expect(includes.map { $0.module ?? "<computed>" } == ["a/slot_manager.h", "sys/availability_slots.h", "x.h", "<computed>", "objc.h"])
        #expect(includes.allSatisfy { $0.form == .include })
        let lines = TokenPositions.lines(tokens, in: Array(text.utf8))
        #expect(includes.map { lines[$0.firstToken] } == [1, 2, 3, 4, 6])
        // The statement ends at its last code token, not at the trailing comment.
        #expect(text.utf8Slice(tokens[includes[1].lastToken]) == ">")
    }

    /// Preprocessor-skipped code (`#if 0`, an undefined `#ifdef`, the dead
    /// branch of `#if 1 … #else`) reads as comments, includes in it too; the
    /// line of the directive that opens it stays code.
    @Test func skippedRangesAreComments() throws {
        let text = """
        #if 0
        int dead_one;
        #include "dead.h"
        #endif
        #ifdef NOT_DEFINED
        int dead_two;
        #else
        int live_one;
        #endif
        #if 1
        int live_two;
        #else
        int dead_three;
        #endif

        """
        let tokens = try tokenize(text, "skip.h")
        let names = tokens.filter { $0.kind == .name }.map { text.utf8Slice($0) }
        // The directive closing a dead block (`#endif`, `#else`) is part of it.
        #expect(names == ["if", "ifdef", "NOT_DEFINED", "int", "live_one", "endif", "if", "int", "live_two", "else"])
        #expect(CIncludes.scan(tokens, in: Array(text.utf8)).isEmpty)
        let defined = try ClangTranslationUnit.parse(fileName: "skip.h", bytes: Array(text.utf8), arguments: ["-DNOT_DEFINED"]).get().tokens()
        #expect(defined.filter { $0.kind == .name }.map { text.utf8Slice($0) }.contains("dead_two"))
    }

    private func tokenize(_ text: String, _ name: String) throws -> [Token] {
        try ClangTranslationUnit.parse(fileName: name, bytes: Array(text.utf8)).get().tokens()
    }
}

extension String {
    func utf8Slice(_ token: Token) -> String {
        String(decoding: Array(utf8)[Int(token.start)..<Int(token.end)], as: UTF8.self)
    }
}
