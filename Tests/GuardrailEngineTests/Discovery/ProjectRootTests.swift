import Foundation
import Testing
@testable import GuardrailEngine

@Suite("Project root")
struct ProjectRootTests {
    @Test("nearest .guardrail.yml wins, even over a nearer .git")
    func configFirst() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file("top/.guardrail.yml", "")
        try t.dir("top/mid/.git")
        try t.dir("top/mid/inner")
        let found = ProjectRoot.find(from: t.path("top/mid/inner"))
        #expect(found.root == t.path("top"))
        #expect(found.config == t.path("top/.guardrail.yml"))

        try t.file("top/mid/.guardrail.yml", "")
        let nearer = ProjectRoot.find(from: t.path("top/mid/inner"))
        #expect(nearer.root == t.path("top/mid"))
        #expect(nearer.config == t.path("top/mid/.guardrail.yml"))
    }

    @Test("else the nearest .git, file or directory")
    func gitNext() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.dir("outer/.git")
        try t.file("outer/sub/.git", "gitdir: ../.git/modules/sub\n")
        try t.file("outer/sub/pkg/x.py")
        #expect(ProjectRoot.find(from: t.path("outer/sub/pkg/x.py")) == (t.path("outer/sub"), nil))
        #expect(ProjectRoot.find(from: t.path("outer/other")).root == t.path("outer"))
    }

    @Test("else the start directory itself; a file starts at its directory; paths are standardized")
    func fallback() throws {
        let t = try DiscoveryTestTree()
        defer { t.remove() }
        try t.file("a/b/c.py")
        // Only meaningful when nothing above the temp directory is a root.
        let aboveHasRoot = ProjectRoot.find(from: t.root).root != t.root
        try #require(!aboveHasRoot, "an ancestor of the temp directory holds .git or .guardrail.yml")
        #expect(ProjectRoot.find(from: t.path("a/b")) == (t.path("a/b"), nil))
        #expect(ProjectRoot.find(from: t.path("a/b/c.py")) == (t.path("a/b"), nil))
        #expect(ProjectRoot.find(from: t.path("a/b/") + "/./../b//").root == t.path("a/b"))
        #expect(ProjectRoot.find(from: t.path("a/missing.py")).root == t.path("a"))
    }

    @Test("a relative start resolves against the current directory")
    func relativeStart() {
        let cwd = FileManager.default.currentDirectoryPath
        let found = ProjectRoot.find(from: ".")
        #expect(found.root.hasPrefix("/"))
        #expect(cwd.hasPrefix(found.root))
        #expect(!found.root.hasSuffix("/") || found.root == "/")
    }
}
