import Foundation
import GuardrailTestSupport
import Testing
@testable import GuardrailSyntax

/// The lexers write into a `TokenSink` reserved for one token per byte. Its
/// growth path (should a lexer ever emit more) must give the same tokens, and
/// the reservation holds only while token starts strictly increase.
@Suite struct TokenSinkTests {
    static let dialects = [ScriptDialect(jsx: false, typescript: true), ScriptDialect(jsx: true, typescript: true),
                           ScriptDialect(jsx: false, typescript: false), ScriptDialect(jsx: true, typescript: false)]

    /// The fuzz seed corpus (real-looking files of both languages) and
    /// random byte strings over the bytes the lexers care about.
    static func inputs(_ language: String) -> [[UInt8]] {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Fuzz/corpus/\(language)").standardized
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        var out = names.sorted().compactMap { FileManager.default.contents(atPath: corpus.appendingPathComponent($0).path).map { [UInt8]($0) } }
        let alphabet = Array("ab_1 \t\n\r#'\"`{}()[]/\\*:=<>.$rf".utf8) + [0xC3, 0xA9, 0xEF, 0xBB, 0xBF]
        var rng = SplitMix(seed: language == "python" ? 7 : 11)
        for _ in 0..<2_000 {
            out.append((0..<Int.random(in: 0...60, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
        }
        return out
    }

    static func startsIncrease(_ tokens: [Token]) -> Bool {
        zip(tokens, tokens.dropFirst()).allSatisfy { $0.start < $1.start }
    }

    @Test func pythonGrowthGivesTheSameTokens() {
        let inputs = Self.inputs("python")
        #expect(inputs.count > 2_050, "the seed corpus was not found")
        var differ = 0, unordered = 0
        for bytes in inputs {
            let tokens = PythonLexer.tokenize(bytes)
            if !Self.startsIncrease(tokens) || tokens.count > bytes.count + 2 { unordered += 1 }
            for capacity in [0, 1, 3] where PythonLexer.tokenize(bytes, capacity: capacity) != tokens { differ += 1 }
        }
        #expect(differ == 0 && unordered == 0)
    }

    @Test func scriptGrowthGivesTheSameTokens() {
        let inputs = Self.inputs("typescript")
        #expect(inputs.count > 2_050, "the seed corpus was not found")
        var differ = 0, unordered = 0
        for bytes in inputs {
            for dialect in Self.dialects {
                let tokens = TSLexer.tokenize(bytes, dialect: dialect)
                if !Self.startsIncrease(tokens) || tokens.count > bytes.count + 2 { unordered += 1 }
                for capacity in [0, 1, 3] where TSLexer.tokenize(bytes, dialect: dialect, capacity: capacity) != tokens { differ += 1 }
            }
        }
        #expect(differ == 0 && unordered == 0)
    }

    /// Half a token per byte up to 16 MiB of source, a quarter above.
    @Test func reservation() {
        #expect(TokenSink.reservation(bytes: 0) == 16)
        #expect(TokenSink.reservation(bytes: 100) == 66)
        #expect(TokenSink.reservation(bytes: 1 << 24) == (1 << 23) + 16)
        #expect(TokenSink.reservation(bytes: 1 << 30) == 1 << 28)
    }

    /// Token-dense input outgrows the default reservation: the same tokens
    /// as with room to spare, and an empty reservation grows too.
    @Test func denseInputSpills() {
        let dense = Array(String(repeating: "((", count: 3_000).utf8)
        let tokens = PythonLexer.tokenize(dense)
        #expect(tokens.count == dense.count + 1)
        #expect(PythonLexer.tokenize(dense, capacity: dense.count + 2) == tokens)
        #expect(PythonLexer.tokenize(dense, capacity: 0) == tokens)
        let script = TSLexer.tokenize(dense, dialect: Self.dialects[0])
        #expect(script.count == dense.count)
        #expect(TSLexer.tokenize(dense, dialect: Self.dialects[0], capacity: 0) == script)
    }
}
