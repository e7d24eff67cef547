import Testing
@testable import GuardrailSyntax

// MARK: - Helpers

private struct Scanned {
    let bytes: [UInt8]
    let tokens: [Token]
    let imports: [ImportStatement]

    init(_ source: String) {
        self.init(bytes: Array(source.utf8))
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.tokens = PythonLexer.tokenize(bytes)
        self.imports = PythonImports.scan(tokens, in: bytes)
    }

    func text(_ index: Int?) -> String? {
        guard let index else { return nil }
        let t = tokens[index]
        return String(decoding: bytes[Int(t.start)..<Int(t.end)], as: UTF8.self)
    }

    /// `module: name[ as alias], …` per statement, for compact assertions.
    var brief: [String] {
        imports.map { s in
            let names = s.names.map { n in n.alias.map { "\(n.name) as \($0)" } ?? n.name }
            return "\(s.module ?? "-"): " + names.joined(separator: ", ")
        }
    }

    /// Line of each statement's first token.
    var lines: [Int] {
        let at = located(tokens, bytes)
        return imports.map { at[$0.firstToken].line }
    }
}

// MARK: - import

@Suite struct PythonImportFormTests {
    @Test func plainImportWithAliases() {
        let s = Scanned("import a.b.c as d, e\n")
        #expect(s.imports.count == 1)
        let statement = s.imports[0]
        #expect(statement.form == .pythonImport)
        #expect(statement.module == nil && statement.moduleToken == nil)
        #expect(statement.firstToken == 0 && s.text(statement.firstToken) == "import")
        #expect(s.text(statement.lastToken) == "e")
        #expect(statement.names == [
            ImportStatement.Name(name: "a.b.c", nameToken: 1, alias: "d", aliasToken: 7),
            ImportStatement.Name(name: "e", nameToken: 9),
        ])
        #expect(statement.names[1].localName == "e")
    }

    @Test func dottedNameJoinedAcrossSpacesAndContinuations() {
        let s = Scanned("import a . b \\\n  .c as \\\n d\n")
        #expect(s.brief == ["-: a.b.c as d"])
        #expect(s.text(s.imports[0].names[0].nameToken) == "a")
        #expect(s.text(s.imports[0].names[0].aliasToken) == "d")
        #expect(s.text(s.imports[0].lastToken) == "d")
    }

    @Test func fromImportParenthesisedMultiLine() {
        let source = "from ..pkg.mod import (A as B,  # the A\n    C,  # trailing comma\n)\nx = 1\n"
        let s = Scanned(source)
        #expect(s.imports.count == 1)
        let statement = s.imports[0]
        #expect(statement.form == .pythonFrom)
        #expect(statement.module == "..pkg.mod")
        #expect(s.text(statement.moduleToken) == ".")
        #expect(statement.moduleToken == 1)
        #expect(s.text(statement.lastToken) == ")")
        #expect(located(s.tokens, s.bytes)[statement.lastToken].line == 3)
        #expect(statement.names.map(\.name) == ["A", "C"])
        #expect(statement.names.map(\.alias) == ["B", nil])
        #expect(s.text(statement.names[0].nameToken) == "A")
        #expect(s.text(statement.names[0].aliasToken) == "B")
        #expect(s.text(statement.names[1].nameToken) == "C")
    }

    @Test func relativeModules() {
        let s = Scanned("from . import x\nfrom .. import y\nfrom ... import z\nfrom .... import w\nfrom .a import b\nfrom ...a.b import c\n")
        #expect(s.brief == [".: x", "..: y", "...: z", "....: w", ".a: b", "...a.b: c"])
        #expect(s.imports.allSatisfy { s.text($0.moduleToken)?.first == "." })
        #expect(s.lines == [1, 2, 3, 4, 5, 6])
    }

    @Test func starImport() {
        let s = Scanned("from m import *\n")
        #expect(s.imports.count == 1)
        #expect(s.imports[0].names == [ImportStatement.Name(name: "*", nameToken: 3)])
        #expect(s.imports[0].names[0].localName == nil)
        #expect(s.text(s.imports[0].lastToken) == "*")
        #expect(s.text(s.imports[0].moduleToken) == "m")
    }

    @Test func fromImportUnparenthesisedWithAliases() {
        let s = Scanned("from app.models.availability_slot import AvailabilitySlot as S, Other  # note\n")
        #expect(s.brief == ["app.models.availability_slot: AvailabilitySlot as S, Other"])
        #expect(s.text(s.imports[0].lastToken) == "Other")
        #expect(s.text(s.imports[0].moduleToken) == "app")
    }

    @Test func explicitSameNameAliasIsKept() {
        let s = Scanned("from m import a as a\n")
        #expect(s.imports[0].names[0].alias == "a")
    }
}

// MARK: - Where statements start

@Suite struct PythonImportPlacementTests {
    @Test func afterSemicolons() {
        let s = Scanned("x = 1; import os; from a import b ;import c\n")
        #expect(s.brief == ["-: os", "a: b", "-: c"])
        #expect(s.text(s.imports[0].lastToken) == "os")
    }

    /// Inside brackets a `:` or `;` starts no statement (a slice, a dict, a
    /// lambda, or a broken file): the words after it are no import, and the
    /// statements after the brackets close still are.
    @Test func notInsideBrackets() {
        let s = Scanned("x = f(1 :\nimport os)\ny = {2: from_, 3 ; import q}\nz = a[1:2]; import ok\n")
        #expect(s.brief == ["-: ok"])
        // `[` counts as a bracket; `:=` and `->` are no `:`.
        #expect(Scanned("a[1; import q]\n").brief == [])
        #expect(Scanned("(x := 1); import ok\n").brief == ["-: ok"])
        #expect(Scanned("def f() -> int: import x\n").brief == ["-: x"])
        #expect(Scanned("y = (x := import z)\n").brief == [])
    }

    @Test func afterCompoundHeaders() {
        let source = """
            if TYPE_CHECKING: import x
            try: from a import b
            except ImportError: b = None
            else: import y
            while True: import z; from q import r
            class C: from m import n

            """
        let s = Scanned(source)
        #expect(s.brief == ["-: x", "a: b", "-: y", "-: z", "q: r", "m: n"])
        #expect(s.lines == [1, 2, 4, 5, 5, 6])
    }

    @Test func indentedBlocks() {
        let source = """
            from __future__ import annotations
            from typing import TYPE_CHECKING

            if TYPE_CHECKING:
                from app.models import AvailabilitySlot

            def f():
                import json
                try:
                    from .slot_manager import SlotManager as SM
                except ImportError:
                    pass
                return json

            """
        let s = Scanned(source)
        #expect(s.brief == [
            "__future__: annotations", "typing: TYPE_CHECKING", "app.models: AvailabilitySlot", "-: json",
            ".slot_manager: SlotManager as SM",
        ])
        #expect(s.lines == [1, 2, 5, 8, 10])
        #expect(located(s.tokens, s.bytes)[s.imports[4].firstToken].column == 9)
    }

    @Test func afterDocstringAndComments() {
        let s = Scanned("\"\"\"Doc.\"\"\"\n# comment\nimport os\n")
        #expect(s.brief == ["-: os"])
        #expect(s.lines == [3])
    }

    @Test func notImports() {
        let source = """
            def g():
                yield from x
                raise E from e
            y = x.import_
            z = obj.from_
            w = a.b if c else d
            s = "import os"  # import sys
            t = f"{x}" ; u = f"{'from a import b'}"
            print(import_, from_)

            """
        #expect(Scanned(source).imports.isEmpty)
    }

    @Test func keywordUsedAsAttributeOrInBrackets() {
        // Invalid Python, but a keyword after `.` or inside brackets never starts a statement.
        #expect(Scanned("x.import\nx.from\nf(import)\n[from]\n{a: import}\n").imports.isEmpty)
    }

    @Test func raiseFromOnOneLineAfterColon() {
        #expect(Scanned("try: pass\nexcept E as e: raise F from e\n").imports.isEmpty)
    }

    @Test func crlfAndLoneCR() {
        let s = Scanned("import a\r\nfrom b import (c,\r\n d)\rimport e\r")
        #expect(s.brief == ["-: a", "b: c, d", "-: e"])
        #expect(s.lines == [1, 2, 4])
    }

    @Test func byteOrderMark() {
        let s = Scanned(bytes: [0xEF, 0xBB, 0xBF] + Array("import os\n".utf8))
        #expect(s.brief == ["-: os"])
        #expect(located(s.tokens, s.bytes)[s.imports[0].firstToken].column == 1)
    }
}

// MARK: - Malformed input

@Suite struct PythonImportGarbageTests {
    @Test func incompleteStatements() {
        #expect(Scanned("import\n").imports.isEmpty)
        #expect(Scanned("import").imports.isEmpty)
        #expect(Scanned("from x\n").imports.isEmpty)
        #expect(Scanned("from x import\n").imports.isEmpty)
        #expect(Scanned("from import x\n").imports.isEmpty)
        #expect(Scanned("from").imports.isEmpty)
        #expect(Scanned("import ,\n").imports.isEmpty)
    }

    @Test func partialStatementsKeepWhatParses() {
        #expect(Scanned("import a as\n").brief == ["-: a"])
        #expect(Scanned("import a,\n").brief == ["-: a"])
        #expect(Scanned("from x import (a, b").brief == ["x: a, b"])
        #expect(Scanned("from x import (a,\nb\nimport c").brief == ["x: a, b"])
        #expect(Scanned("from . import").imports.isEmpty)
    }

    @Test func trailingGarbageExtendsTheStatement() {
        let s = Scanned("import a b c  # x\nimport d\n")
        #expect(s.brief == ["-: a", "-: d"])
        #expect(s.text(s.imports[0].lastToken) == "c")
    }

    @Test func garbageTokensNeverCrash() {
        let sources = [
            "from .", "from ...", "import .", "from (", "from a import )", "import a.", "import a..b",
            "from a import b as", "from a import *,", "from a import (*)", "; ; import", ":import x",
            "import $", "from \u{0} import x", "from a import (", "import 'x'",
        ]
        for source in sources {
            _ = Scanned(source)
        }
        #expect(Scanned(":import x").brief == ["-: x"])
        #expect(Scanned("import a.").brief == ["-: a"])
    }

    @Test func emptyTokenStream() {
        #expect(PythonImports.scan([], in: []).isEmpty)
    }

    @Test func manyImportsAreLinear() {
        var source = ""
        for i in 0..<5_000 { source += "from pkg.m\(i) import (a\(i) as b, c)\n" }
        let s = Scanned(source)
        #expect(s.imports.count == 5_000)
        #expect(s.lines.last == 5_000)
    }
}
