import Testing
import GuardrailSyntax

// MARK: - Helpers

private func code(_ source: String, tsx: Bool = false, typescript: Bool = true) -> TSCode {
    let bytes = Array(source.utf8)
    let tokens = TSLexer.tokenize(bytes, dialect: ScriptDialect(jsx: tsx || !typescript, typescript: typescript))
    return TSCode(tokens: tokens, bytes: bytes)
}

/// Each call of a name ending in `last`: `callee(arg | arg | …)` with the
/// arguments' texts (spreads marked `…`).
private func calls(_ source: String, _ last: String = "fetch", typescript: Bool = true) -> [String] {
    let c = code(source, typescript: typescript)
    return TSCalls.calls(named: [Array(last.utf8)], in: c, typeArguments: typescript).map { call in
        let callee = call.callee.map { c.text($0) }.joined(separator: ".")
        let args = TSCalls.arguments(open: call.open, close: call.close, in: c).map { arg in
            (arg.isSpread ? "…" : "") + arg.range.map { c.text($0) }.joined(separator: " ")
        }
        return "\(callee)(\(args.joined(separator: " | ")))"
    }
}

/// The members of the first object literal: `kind:key`.
private func members(_ source: String) -> [String] {
    let c = code(source)
    guard let open = (0..<c.count).first(where: { c.isOp($0, "{") }) else { return [] }
    return TSObjectLiterals.members(open: open, in: c).map { m in
        let key = String(decoding: c.bytes[m.key], as: UTF8.self)
        return "\(m.kind):\(m.keyKind):\(key)"
    }
}

/// The bindings of `name`: `kind@line`.
private func bindings(_ name: String, _ source: String) -> [String] {
    let c = code(source)
    let lines = TokenPositions.lines(c.tokens, in: c.bytes)
    return TSBindings.bindings(of: Array(name.utf8), in: c).map { "\($0.kind)@\(lines[Int(c.view.indices[$0.name])])" }
}

// MARK: - CodeView

@Suite struct CodeViewTests {
    @Test func pairsBracketsAndTemplates() {
        let c = code("f(a, [b], { c: `x${(d)}y${e}z` }) // (")
        // The comment is not in the view.
        #expect(c.text(c.count - 1) == ")")
        #expect(c.closer(1) == c.count - 1)
        let opening = (0..<c.count).first { c.kind($0) == .stringPart }!
        let close = c.closer(opening)!
        #expect(c.text(close) == "}z`")
        #expect(c.view.roles[opening + 4] == .middle) // `}y${`
        #expect(c.view.parent(opening + 2) == opening + 1) // `d` is inside `(`
    }

    @Test func strayClosersDoNotBreakPairs() {
        let c = code("a(b]) + c[d)] ")
        #expect(c.closer(1) == 4) // `(` … `)` across the stray `]`
        #expect(c.closer(7) == 10) // `[` … `]` across the stray `)`
    }

    @Test func deepNestingIsIterative() {
        let depth = 10_000
        let c = code(String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth))
        #expect(c.closer(0) == 2 * depth)
        #expect(c.view.parent(depth) == depth - 1)
    }
}

// MARK: - TSCalls

@Suite struct TSCallsTests {
    @Test func findsPlainChainsAndSplitsArguments() {
        #expect(calls("fetch(url)") == ["fetch(url)"])
        #expect(calls("await window.fetch(a, { b: [1, 2], c: f(x, y) }, ...rest,)")
                == ["window.fetch(a | { b : [ 1 , 2 ] , c : f ( x , y ) } | …... rest)"])
        #expect(calls("globalThis?.fetch()") == ["globalThis.fetch()"])
        #expect(calls("fetch(`a${b, c}d`, e)") == ["fetch(`a${ b , c }d` | e)"])
        #expect(calls("fetch(<div a={1}>x, y</div>, z)", "fetch", typescript: false) == ["fetch(< div a = { 1 } > x, y < / div > | z)"])
    }

    @Test func membersOfOtherExpressionsAreNotChains() {
        #expect(calls("this.fetch(a)") == ["this.fetch(a)"])
        #expect(calls("a().fetch(u); x[0].fetch(u); refetch(u); prefetch(u)") == [])
    }

    @Test func definitionsAreNotCalls() {
        let source = """
        function fetch(u) {}
        declare function fetch(u: string): Promise<Response>;
        function* fetch() {}
        const x = new fetch(u);
        class A { async fetch(u) { } static fetch(u: string): void {} get fetch() { return 1 } }
        interface B { fetch(u: string): Promise<R>; fetch(u?: string); }
        const o = { fetch(u) { }, async fetch(u) {} };
        """
        #expect(calls(source) == [])
    }

    @Test func conditionalsAndTypeArguments() {
        #expect(calls("c ? fetch(u) : fetch(v)") == ["fetch(u)", "fetch(v)"])
        #expect(calls("f(fetch(c ? a : b))") == ["fetch(c ? a : b)"])
        #expect(calls("fetch<Data>(u); fetch<Map<string, T[]>>(v)") == ["fetch(u)", "fetch(v)"])
        #expect(calls("fetch < a && b > (c)") == [])
        // In JavaScript, `<` is a comparison.
        #expect(calls("fetch<T>(u)", typescript: false) == [])
    }
}

// MARK: - TSObjectLiterals

@Suite struct TSObjectLiteralsTests {
    @Test func everyKeyForm() {
        let m = members("""
        x = { a: 1, b, "c": 2, 'd': 3, 4: 5, ["e"]: 6, [`f`]: 7, [g]: 8, h() {}, async i() {}, *j() {},
              get k() { return 1 }, set l(v) {}, ...m, get: 1, n = 2, "o\\u0070": 3 }
        """)
        #expect(m == [
            "property:identifier:a", "shorthand:identifier:b", "property:string:c", "property:string:d",
            "property:number:4", "property:computedLiteral:e", "property:computedLiteral:f", "property:computed:",
            "method:identifier:h", "method:identifier:i", "method:identifier:j", "getter:identifier:k",
            "setter:identifier:l", "spread:none:", "property:identifier:get", "shorthand:identifier:n",
            "property:computed:",
        ])
    }

    @Test func nestedKeysAreNotDepthOne() {
        let c = code("x = { headers: { cache: 1 }, mode: 'cache' }")
        let open = (0..<c.count).first { c.isOp($0, "{") }!
        #expect(!TSObjectLiterals.hasKey(Array("cache".utf8), open: open, in: c))
        #expect(TSObjectLiterals.hasKey(Array("headers".utf8), open: open, in: c))
    }
}

// MARK: - TSBindings

@Suite struct TSBindingsTests {
    @Test func declarations() {
        let source = """
        const a = { x: 1 };
        let b: Record<string, number> = { x: 1 }, a2 = 2;
        var c = { x: 1 };
        const d = { x: 1 } as const
        const e = { x: 1 }.x;
        for (const f of list) {}
        const { g, h: i } = obj;
        """
        #expect(bindings("a", source) == ["objectLiteral@1"])
        #expect(bindings("b", source) == ["objectLiteral@2"])
        #expect(bindings("a2", source) == ["other@2"])
        #expect(bindings("c", source) == ["other@3"])
        #expect(bindings("d", source) == ["objectLiteral@4"])
        #expect(bindings("e", source) == ["other@5"])
        #expect(bindings("f", source) == ["other@6"])
        #expect(bindings("g", source) == ["other@7"])
        #expect(bindings("i", source) == ["other@7"])
        #expect(bindings("h", source) == ["other@7"]) // a key of the pattern: conservatively a binding
    }

    @Test func asiEndsAnInitializer() {
        let source = """
        const a = { x: 1 }
        fetch(u, a)
        """
        #expect(bindings("a", source) == ["objectLiteral@1"])
    }

    @Test func otherBindingsAndWrites() {
        let source = """
        const o = { x: 1 };
        function f(o: T) {}
        const g = (p, { o }) => p;
        const h = o => o;
        o = { y: 2 };
        o.cache = 1;
        o["mode"] = 2;
        Object.assign(o, x);
        if (o) { use(o, o.x) }
        catch (o) {}
        """
        #expect(bindings("o", source) == [
            "objectLiteral@1", "other@2", "other@3", "other@4", "other@5", "memberWrite@6", "memberWrite@7",
            "other@8", "other@10",
        ])
    }
}
