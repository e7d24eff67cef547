// MARK: - CIncludes

/// `#include` directives (and `#include_next`, `#import`) found in a C file's
/// tokens: `#` first on its line (comments aside), the directive name, then
/// `"path"` or `<path>` as written. Working from the tokens means a missing
/// header is still seen, and so is an include in a file with syntax errors.
/// A computed include (`#include MACRO`) has no module.
public enum CIncludes {
    /// The include directives among `tokens` (a C file's tokens, comments
    /// included), in order, as `.include` import statements.
    public static func scan(_ tokens: [Token], in bytes: [UInt8]) -> [ImportStatement] {
        var out: [ImportStatement] = []
        // Directives are lines: the line of every token, in one walk.
        let lines = TokenPositions.lines(tokens, in: bytes)
        var previousCodeLine = 0
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            if token.kind == .comment { i += 1; continue }
            let line = lines[i]
            let startsLine = line != previousCodeLine
            previousCodeLine = line
            guard startsLine, token.kind == .op, token.length == 1, bytes[Int(token.start)] == UInt8(ascii: "#"),
                  let name = nextCode(tokens, lines, after: i), tokens[name].kind == .name,
                  isIncludeDirective(tokens[name], bytes) else {
                i += 1
                continue
            }
            // The directive's tokens: everything on this line.
            var last = name
            var j = name + 1
            while j < tokens.count && lines[j] == line {
                if tokens[j].kind != .comment { last = j }
                j += 1
            }
            var module: String?
            var moduleToken: Int?
            if let target = nextCode(tokens, lines, after: name) {
                let t = tokens[target]
                let first = bytes[Int(t.start)]
                if t.kind == .string && first == UInt8(ascii: "\"") && t.length >= 2 {
                    module = String(decoding: bytes[Int(t.start) + 1..<Int(t.end) - 1], as: UTF8.self)
                    moduleToken = target
                } else if first == UInt8(ascii: "<") {
                    // `<a/b.h>`: one header-name token or several punctuation
                    // and name tokens, depending on the lexer; read the bytes.
                    let lineEnd = Int(tokens[last].end)
                    var k = Int(t.start) + 1
                    while k < lineEnd && bytes[k] != UInt8(ascii: ">") { k += 1 }
                    if k < lineEnd {
                        module = String(decoding: bytes[Int(t.start) + 1..<k], as: UTF8.self)
                        moduleToken = target
                    }
                }
            }
            out.append(ImportStatement(form: .include, firstToken: i, lastToken: last, module: module,
                                       moduleToken: moduleToken, names: []))
            i = j
        }
        return out
    }

    /// The index of the next non-comment token after `i` on `i`'s line.
    private static func nextCode(_ tokens: [Token], _ lines: [Int], after i: Int) -> Int? {
        var j = i + 1
        while j < tokens.count && lines[j] == lines[i] {
            if tokens[j].kind != .comment { return j }
            j += 1
        }
        return nil
    }

    private static func isIncludeDirective(_ token: Token, _ bytes: [UInt8]) -> Bool {
        let text = bytes[Int(token.start)..<Int(token.end)]
        return text.elementsEqual("include".utf8) || text.elementsEqual("include_next".utf8)
            || text.elementsEqual("import".utf8)
    }
}
