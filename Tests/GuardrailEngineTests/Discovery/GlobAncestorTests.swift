import GuardrailTestSupport
import Testing
@testable import GuardrailEngine

/// `Glob.matchesPathOrAncestor` (a rule's include/exclude/allow) against a
/// one-line ignore file (`IgnoreRules`, itself checked against
/// `git check-ignore`): a path matches when it or a directory above it does.
@Suite struct GlobAncestorTests {
    @Test func agreesWithAOneLineIgnoreFileOnRandomPaths() throws {
        let patterns = ["a", "b.py", "**/.guardrail.yml", "**/package-lock.json", "*.py", "x*y", "a/b", "/a", "a/**",
                        "**/b/**", "b?", "*.json", "lock", "a/*.py", "**/x/y", "y/", "[ab]y", "\\*.py", "[[:alpha:]]y",
                        "a/**/b", "**/x/", "x/a/b", "/x/y"]
        let parts = ["a", "b", "x", "y", "b.py", "ab", "xy", ".guardrail.yml", "package-lock.json", "lock.json", "by",
                     "ay", "*.py", "1y"]
        var rng = SplitMix(seed: 0x676C_6F62)
        for pattern in patterns {
            let glob = try Glob(pattern)
            let rules = IgnoreRules(gitignore: pattern + "\n")
            for _ in 0..<300 {
                let depth = Int.random(in: 1...4, using: &rng)
                let path = (0..<depth).map { _ in parts[Int.random(in: 0..<parts.count, using: &rng)] }.joined(separator: "/")
                #expect(glob.matchesPathOrAncestor(path, isDirectory: false) == rules.isIgnored(path, isDirectory: false),
                        "\(pattern) on \(path)")
            }
        }
    }
}
