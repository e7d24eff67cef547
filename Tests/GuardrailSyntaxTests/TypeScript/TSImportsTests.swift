import Testing
import GuardrailSyntax

// MARK: - Helpers

private typealias Name = ImportStatement.Name

private struct Scanned {
    let bytes: [UInt8]
    let tokens: [Token]
    let imports: [ImportStatement]

    init(_ source: String, _ dialect: ScriptDialect = ScriptDialect(jsx: true, typescript: true)) {
        bytes = Array(source.utf8)
        tokens = TSLexer.tokenize(bytes, dialect: dialect)
        imports = TSImports.scan(tokens, in: bytes)
    }

    func text(_ index: Int?) -> String? {
        guard let index else { return nil }
        let t = tokens[index]
        return String(decoding: bytes[Int(t.start)..<Int(t.end)], as: UTF8.self)
    }

    /// The one statement; records an issue when there is not exactly one.
    var only: ImportStatement? {
        #expect(imports.count == 1)
        return imports.count == 1 ? imports[0] : nil
    }

    /// `first…last` token texts of the only statement.
    var extent: [String?] {
        guard let s = only else { return [] }
        return [text(s.firstToken), text(s.lastToken)]
    }

    /// Names as `name` or `name>alias`.
    var names: [String] {
        (only?.names ?? []).map { n in n.alias.map { "\(n.name)>\($0)" } ?? n.name }
    }

    /// Every name token and alias token points at its own text.
    var nameTokensMatch: Bool {
        imports.allSatisfy { s in
            s.names.allSatisfy { n in
                (n.nameToken.map { text($0)?.contains(n.name) ?? false } ?? true)
                    && (n.aliasToken.map { text($0)?.contains(n.alias ?? "\u{0}") ?? false } ?? true)
            }
        }
    }
}

// MARK: - Static imports

@Suite struct TSStaticImportTests {
    @Test func defaultImport() {
        let s = Scanned("import X from \"m\";")
        #expect(s.only == ImportStatement(form: .esImport, firstToken: 0, lastToken: 3, module: "m", moduleToken: 3,
                                          names: [Name(name: "default", nameToken: nil, alias: "X", aliasToken: 1)]))
        #expect(s.only?.names.first?.localName == "X")
    }

    @Test func namedImportsWithAliasesTypeModifiersAndStrings() {
        let s = Scanned("import X, { A as B, type C, \"str-name\" as D, E, } from 'm'")
        #expect(s.names == ["default>X", "A>B", "C", "str-name>D", "E"])
        #expect(s.only?.typeOnly == false)
        #expect(s.extent == ["import", "'m'"])
        #expect(s.text(s.only?.moduleToken) == "'m'")
        #expect(s.nameTokensMatch)
        #expect(s.only?.names[1].nameToken == 4)
        #expect(s.only?.names[1].aliasToken == 6)
    }

    @Test func typeModifierEdgeCases() {
        #expect(Scanned("import { type } from 'm'").names == ["type"])
        #expect(Scanned("import { type as T } from 'm'").names == ["type>T"])
        #expect(Scanned("import { type as } from 'm'").names == ["as"])
        #expect(Scanned("import { type as as T } from 'm'").names == ["as>T"])
        #expect(Scanned("import type from 'm'").names == ["default>type"])
        #expect(Scanned("import type from 'm'").only?.typeOnly == false)
        #expect(Scanned("import type, { A } from 'm'").names == ["default>type", "A"])
    }

    @Test func namespaceImport() {
        let s = Scanned("import * as NS from \"m\"")
        #expect(s.names == ["*>NS"])
        #expect(s.only?.names[0].nameToken == nil)
        #expect(s.only?.names[0].aliasToken == 3)
        #expect(Scanned("import D, * as NS from \"m\"").names == ["default>D", "*>NS"])
    }

    @Test func typeOnlyImports() {
        let a = Scanned("import type { A, B as C } from \"m\"")
        #expect(a.only?.typeOnly == true)
        #expect(a.names == ["A", "B>C"])
        let b = Scanned("import type X from \"m\"")
        #expect(b.only?.typeOnly == true)
        #expect(b.names == ["default>X"])
        #expect(Scanned("import type * as T from \"m\"").only?.typeOnly == true)
    }

    @Test func sideEffectImport() {
        let s = Scanned("import \"./polyfill\"; import './b'")
        #expect(s.imports.map(\.module) == ["./polyfill", "./b"])
        #expect(s.imports.map(\.names) == [[], []])
        #expect(s.imports.map(\.lastToken) == [1, 4])
    }

    @Test func importEqualsRequire() {
        let s = Scanned("import fs = require(\"fs\");", ScriptDialect(jsx: false, typescript: true))
        #expect(s.only?.form == .esImport)
        #expect(s.names == ["*>fs"])
        #expect(s.extent == ["import", ")"])
        #expect(s.only?.module == "fs")
        #expect(Scanned("import type T = require('t')").only?.typeOnly == true)
        // A namespace alias reads no module.
        #expect(Scanned("import A = B.C;").imports.isEmpty)
    }

    @Test func importAttributes() {
        let s = Scanned("import data from \"./d.json\" with { type: \"json\" };")
        #expect(s.extent == ["import", "}"])
        #expect(s.only?.module == "./d.json")
        #expect(Scanned("import d from './d.json' assert { type: 'json' }").extent == ["import", "}"])
        #expect(Scanned("export { a } from './d.json' with { type: 'json' }").extent == ["export", "}"])
    }

    @Test func multiLineAndPositions() {
        let s = Scanned("// header\nfunction f() {}\nimport {\n  AvailabilitySlot as S,\n  // c\n  Other,\n} from \"../models\"\n")
        #expect(s.names == ["AvailabilitySlot>S", "Other"])
        let at = located(s.tokens, s.bytes)
        #expect(s.only.map { at[$0.firstToken].line } == 3)
        #expect(s.only.map { at[$0.lastToken].line } == 7)
    }

    @Test func moduleEscapesAreDecoded() {
        #expect(Scanned(#"import a from "./slot\u005fmanager""#).only?.module == "./slot_manager")
        #expect(Scanned(#"import a from './x\x41\'y'"#).only?.module == "./xA'y")
    }
}

// MARK: - Re-exports

@Suite struct TSExportFromTests {
    @Test func namedReExport() {
        let s = Scanned("export { A as B, C, default as D } from \"m\";")
        #expect(s.only?.form == .esExport)
        #expect(s.names == ["A>B", "C", "default>D"])
        #expect(s.extent == ["export", "\"m\""])
        #expect(s.nameTokensMatch)
    }

    @Test func starReExports() {
        let a = Scanned("export * from \"m\"")
        #expect(a.only?.form == .esExport)
        #expect(a.names == ["*"])
        #expect(Scanned("export * as ns from \"m\"").names == ["*>ns"])
    }

    @Test func typeReExport() {
        let s = Scanned("export type { A } from \"m\"")
        #expect(s.only?.typeOnly == true)
        #expect(s.names == ["A"])
        #expect(Scanned("export { type A, B } from \"m\"").names == ["A", "B"])
    }

    @Test func localExportsAreNotImports() {
        #expect(Scanned("export { A, B as C };").imports.isEmpty)
        #expect(Scanned("export const from = 'm';").imports.isEmpty)
        #expect(Scanned("export default x;").imports.isEmpty)
        #expect(Scanned("export type { A };\nconst x = 1").imports.isEmpty)
    }
}

// MARK: - require() and import()

@Suite struct TSCallImportTests {
    @Test func bareRequire() {
        let s = Scanned("require(\"./side\");")
        #expect(s.only == ImportStatement(form: .require, firstToken: 0, lastToken: 3, module: "./side",
                                          moduleToken: 2, names: []))
    }

    @Test func destructuringRequire() {
        let s = Scanned("const { A, B: C, D = 1, 'e-f': g, ...rest } = require(\"m\");")
        #expect(s.only?.form == .require)
        #expect(s.names == ["A", "B>C", "D", "e-f>g"])
        #expect(s.extent == ["const", ")"])
        #expect(s.nameTokensMatch)
        #expect(Scanned("let { A: { x } } = require('m')").names == ["A"])
    }

    @Test func namespaceRequire() {
        let s = Scanned("var X = require('m')")
        #expect(s.only?.names == [Name(name: "*", nameToken: nil, alias: "X", aliasToken: 1)])
        #expect(s.extent == ["var", ")"])
    }

    @Test func onlyAWholeInitializerBinds() {
        // The module's call result, not the module, is bound here.
        let s = Scanned("const compare = require('cmp')('en')")
        #expect(s.names == [])
        #expect(s.extent == ["require", ")"])
        #expect(Scanned("const a = require('a') || {}").names == [])
        #expect(Scanned("var a = require('a'), b = a.b").names == ["*>a"])
        #expect(Scanned("const a = require('a')\nfoo()").names == ["*>a"])
        #expect(Scanned("const { x } = require('a')[0]").names == [])
    }

    @Test func memberOfRequire() {
        let s = Scanned("require(\"m\").Foo")
        #expect(s.names == ["Foo"])
        #expect(s.extent == ["require", "Foo"])
        let t = Scanned("const X = require(\"m\").Foo;")
        #expect(t.names == ["Foo>X"])
        #expect(t.extent == ["const", "Foo"])
    }

    @Test func requireOfNonLiteral() {
        let s = Scanned("const m = require(path.join(a, 'b'));")
        #expect(s.only?.module == nil)
        #expect(s.only?.moduleToken == nil)
        #expect(s.extent == ["const", ")"])
        #expect(Scanned("require(`./${x}`)").only?.module == nil)
        #expect(Scanned("require(`./plain`)").only?.module == "./plain")
    }

    @Test func dynamicImport() {
        let s = Scanned("const mod = import(\"./lazy\").then(m => m.default)")
        #expect(s.imports.count == 1)
        #expect(s.imports.first?.form == .dynamicImport)
        #expect(s.imports.first?.module == "./lazy")
        #expect(s.imports.first.map { s.text($0.firstToken) } == "import")
        #expect(s.imports.first.map { s.text($0.lastToken) } == ")")
        let a = Scanned("const { A, B: C } = await import('m')")
        #expect(a.names == ["A", "B>C"])
        #expect(a.extent == ["const", ")"])
        let b = Scanned("await import('m')")
        #expect(b.extent == ["import", ")"])
        #expect(Scanned("import(name)").only?.module == nil)
        #expect(Scanned("import('./x', { with: { type: 'json' } })").only?.module == "./x")
        #expect(Scanned("const L = lazy(() => import('./Page'))").only?.module == "./Page")
    }

    @Test func nestedCallsInSourceOrder() {
        let s = Scanned("require(require('a')); import('b'); require('c')")
        #expect(s.imports.map(\.module) == [nil, "a", "b", "c"])
        #expect(s.imports.map(\.firstToken) == s.imports.map(\.firstToken).sorted())
    }
}

// MARK: - Not imports

@Suite struct TSNonImportTests {
    @Test func memberAndPropertyUses() {
        let sources = [
            "const u = import.meta.url",
            "x.import('m')",
            "x.import",
            "obj.require('m')",
            "obj?.require('m')",
            "const o = { import: 1, require: 2 }",
            "class A { import() { return 1 } require(x) { } }",
            "function require(m) { }",
            "// import X from 'm'\n/* require('m') */",
            "const s = \"import X from 'm'\"",
            "const t = `require('m')`",
            "x = <p>import x from 'y' require('z')</p>",
            "foo import 'x'",
        ]
        for source in sources {
            #expect(Scanned(source).imports.isEmpty, "\(source)")
        }
    }

    @Test func statementStarts() {
        #expect(Scanned("let a = 1\nimport b from 'b'").imports.count == 1)
        #expect(Scanned("if (x) {} import b from 'b'").imports.count == 1)
        #expect(Scanned("declare module 'x' { import b from 'b' }").imports.count == 1)
    }

    @Test func emptyAndCommentOnlyInputs() {
        #expect(TSImports.scan([], in: []).isEmpty)
        #expect(Scanned("import").imports.isEmpty)
        #expect(Scanned("import {").imports.isEmpty)
        #expect(Scanned("import { A } from").imports.isEmpty)
        #expect(Scanned("require(").only?.module == nil)
        #expect(Scanned("import X from 'm").only?.module == "m")
    }
}
