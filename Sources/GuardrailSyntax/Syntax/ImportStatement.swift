// MARK: - ImportStatement

/// One import statement of any language, reduced to what rules ask of it:
/// where it is, which module it names and which names it binds.
public struct ImportStatement: Sendable, Equatable {
    /// The statement's form.
    public enum Form: UInt8, Sendable {
        /// Python `import a.b [as c], d` — each entry of `names` is a module.
        case pythonImport
        /// Python `from m import x [as y], …` / `from . import x`.
        case pythonFrom
        /// ES `import … from "m"`, `import type …`, side-effect `import "m"`.
        case esImport
        /// ES `export … from "m"` / `export * [as ns] from "m"`.
        case esExport
        /// CommonJS `require("m")`, with its destructuring when it has one.
        case require
        /// `import("m")`.
        case dynamicImport
        /// C/C++ `#include`.
        case include
    }

    /// One imported name: the exported (source) name and the local alias.
    public struct Name: Sendable, Equatable {
        /// The name as the module exports it: `A` in `import { A as B }`,
        /// `default` for a default import, `*` for a namespace import, a
        /// dotted module path for a Python `import a.b`.
        public var name: String
        /// Index of the token holding `name` (the first one for a dotted path),
        /// or nil when the name is implicit (`default`, `*`).
        public var nameToken: Int?
        /// The local binding when it differs in spelling or is explicit
        /// (`B` in `{ A as B }`, `D` in `import D from`, `ns` in `* as ns`).
        public var alias: String?
        /// Index of the alias token.
        public var aliasToken: Int?

        public init(name: String, nameToken: Int?, alias: String? = nil, aliasToken: Int? = nil) {
            self.name = name
            self.nameToken = nameToken
            self.alias = alias
            self.aliasToken = aliasToken
        }

        /// The name this import binds locally, if any.
        public var localName: String? {
            if let alias { return alias }
            if name == "*" || name == "default" { return nil }
            return name
        }
    }

    public var form: Form
    /// Index of the statement's first token (`import`, `from`, `export`,
    /// `const`, `require`, `#`…).
    public var firstToken: Int
    /// Index of the statement's last token (inclusive).
    public var lastToken: Int
    /// The module the statement reads from: a dotted Python path (with its
    /// leading dots for relative imports) or the contents of a TS/JS or C
    /// module string, without quotes. Nil for Python `import a.b` (see `names`)
    /// and for a dynamic `import()` / `require()` of a non-literal.
    public var module: String?
    /// Index of the token holding the module (the first one of a dotted path).
    public var moduleToken: Int?
    /// The imported names, in source order.
    public var names: [Name]
    /// TypeScript `import type` / `export type` (the whole statement).
    public var typeOnly: Bool

    public init(form: Form, firstToken: Int, lastToken: Int, module: String?, moduleToken: Int?,
                names: [Name], typeOnly: Bool = false) {
        self.form = form
        self.firstToken = firstToken
        self.lastToken = lastToken
        self.module = module
        self.moduleToken = moduleToken
        self.names = names
        self.typeOnly = typeOnly
    }
}
