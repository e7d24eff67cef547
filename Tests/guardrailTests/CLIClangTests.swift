import Foundation
import GuardrailTestSupport
import Testing

/// End-to-end for C/C++ files: the libclang `--version` names, the demo's
/// native header, and a machine without libclang (simulated by pointing
/// `GUARDRAIL_LIBCLANG` at a file that does not exist).
@Suite struct CLIClangTests {
    func run(_ args: [String], cwd: String? = nil, env: [String: String] = [:]) throws -> CLITests.Run {
        try CLITests().run(args, cwd: cwd, env: env)
    }

    func tree(_ files: [String: String]) -> String {
        let dir = testScratch + "/cli-clang-\(UUID().uuidString)"
        for (path, text) in files.merging([".guardrail.yml": ""], uniquingKeysWith: { a, _ in a }) {
            let full = dir + "/" + path
            try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try! Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        return dir
    }

    @Test func versionNamesTheLibclangInUse() throws {
        let r = try run(["--version"])
        #expect(r.code == 0)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("guardrail ") == true)
        #expect(lines.count >= 2 && lines[1].hasPrefix("libclang: /") && lines[1].contains("clang version"))
        #expect(r.out.contains("built against /usr/lib/llvm-"))
    }

    @Test func demoNativeHeaderIsChecked() throws {
        let r = try run(["check", "Examples/demo-monorepo", "--stats"], cwd: CLITests.packageRoot, env: ["NO_COLOR": "1"])
        #expect(r.code == 1)
        #expect(r.out.contains("native/availability/availability_bitmap.h:12:1: error[slot-era-import]"))
        #expect(r.out.contains("native/availability/availability_bitmap.h:31:62: error[slot-era-symbol]"))
        #expect(r.err.contains("stats: libclang parsed 1 C/C++ file in "))
    }

    @Test func withoutLibclangACFileIsOneClearError() throws {
        let dir = tree(["native/shim.h": "#include \"slot_manager.h\"\n", "app/x.py": "x = 1\n"])
        let missing = ["GUARDRAIL_LIBCLANG": "/nonexistent/libclang-missing.so.1"]
        let r = try run(["check", dir], env: missing)
        #expect(r.code == 2)
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(r.err.hasPrefix("error: native/shim.h: "))
        #expect(r.err.contains("apt-get install libclang-dev"))
        // Python and TypeScript still work there, and --version says what is missing.
        let python = tree(["app/x.py": "from app.models import AvailabilitySlot\n"])
        #expect(try run(["check", python], env: missing).code == 1)
        let version = try run(["--version"], env: missing)
        #expect(version.code == 0)
        #expect(version.out.contains("libclang: not available; ") && version.out.contains("apt-get install libclang-dev"))
    }

    @Test func brokenHeadersNeverCrash() throws {
        let dir = tree([
            "a.h": "#include \"nope.h\"\nstruct SlotManager { int x\n#if\n\"unterminated\n@@@\n",
            "b.hpp": "template <class T struct SlotManager : { ;;; }\n#include <availability_slots.h>\n",
            "c.h": String(repeating: "{", count: 20_000) + " SlotManager " + String(repeating: "(", count: 5_000),
            "d.c": "int slot_exists(void) { return \"SlotManager\"[0]; }\n",
            "compile_commands.json": "[{\"directory\": \".\", \"file\": \"a.h\", \"arguments\": [\"cc\", \"-DX\", \"-Iinc\", \"a.h\"]}]",
        ])
        let r = try run(["check", dir, "--format", "json", "--jobs", "2"])
        #expect(r.code == 1, "stderr: \(r.err)")
        let object = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let findings = (object["findings"] as! [[String: Any]]).map { "\($0["path"]!):\($0["line"]!):\($0["rule"]!)" }
        #expect(findings == ["a.h:2:slot-era-symbol", "b.hpp:1:slot-era-symbol", "b.hpp:2:slot-era-import",
                             "c.h:1:slot-era-symbol", "d.c:1:slot-era-symbol"])
    }

    /// A header of a C++ project (`clang++ -std=c++17` in the database) is
    /// read as C++, not skipped; flags libclang refuses are dropped for a
    /// second try, with a note; libclang's errors show under `--stats`.
    @Test func cxxProjectHeadersAndLibclangErrors() throws {
        let dir = tree([
            "a.h": "namespace legacy { class SlotManager {}; }\n",
            "b.h": "int get_week_slots(void);\n",
            "c.h": "#include \"nowhere.h\"\nint slot_exists(void);\n",
        ])
        let db = """
        [{"directory": "\(dir)", "file": "a.h", "arguments": ["clang++", "-std=c++17", "-fplugin=/nonexistent/plugin.so", "a.h"]},
         {"directory": "\(dir)", "file": "b.h", "arguments": ["cc", "-x", "c", "-std=c++17", "b.h"]}]
        """
        try Data(db.utf8).write(to: URL(fileURLWithPath: dir + "/compile_commands.json"))
        let r = try run(["check", dir, "--stats"], env: ["NO_COLOR": "1"])
        #expect(r.code == 1, "stderr: \(r.err)")
        #expect(r.out.contains("a.h:1:26: error[slot-era-symbol]"))
        #expect(r.out.contains("b.h:1:5: error[slot-era-symbol]"))
        #expect(r.out.contains("c.h:2:5: error[slot-era-symbol]"))
        #expect(r.out.contains("b.h: libclang could not read it with its compile_commands.json flags (-x c -std=c++17); read without them"))
        #expect(!r.out.contains("skipped"))
        #expect(r.err.contains("stats: libclang: 1 file with errors (first: c.h:1: 'nowhere.h' file not found)\n"))
        let plain = try run(["check", dir], env: ["NO_COLOR": "1"])
        #expect(!plain.err.contains("libclang"))
    }

    @Test func malformedCompileDatabaseIsAConfigError() throws {
        let dir = tree(["a.h": "int SlotManager;\n", "compile_commands.json": "{ not json"])
        let r = try run(["check", dir])
        #expect(r.code == 2)
        #expect(r.err == "error: compile_commands.json: not valid JSON\n")
    }
}
