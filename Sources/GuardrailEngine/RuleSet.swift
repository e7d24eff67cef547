import Foundation
import GuardrailRules

// MARK: - RuleSet

/// The rules a run can use: the built-in pack (embedded from `Rules/`) plus
/// any from a configured `rules_dir`.
public enum RuleSet {
    /// The built-in pack, parsed from the embedded copies of `Rules/*/rule.yml`.
    public static func builtin() throws -> [Rule] {
        try EmbeddedRules.files.map { try RuleLoader.parse($0.yaml, path: "Rules/\($0.id)/rule.yml") }
    }

    /// Rule files under `directory`: each `<id>/rule.yml` (or `.yaml`) and each
    /// top-level `*.yml` / `*.yaml`. `display` is how errors name the folder.
    public static func load(directory: String, display: String) throws -> [Rule] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw GuardrailError.io(path: display, message: "rules directory not found")
        }
        let entries: [String]
        do { entries = try FileManager.default.contentsOfDirectory(atPath: directory).sorted() } catch {
            throw GuardrailError.io(path: display, message: "cannot list rules directory")
        }
        var rules: [Rule] = []
        for entry in entries where !entry.hasPrefix(".") {
            let full = directory + "/" + entry
            var sub: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &sub) else { continue }
            if sub.boolValue {
                for name in ["rule.yml", "rule.yaml"] where FileManager.default.fileExists(atPath: full + "/" + name) {
                    rules.append(try loadFile(full + "/" + name, display: display + "/" + entry + "/" + name))
                }
            } else if entry.hasSuffix(".yml") || entry.hasSuffix(".yaml") {
                rules.append(try loadFile(full, display: display + "/" + entry))
            }
        }
        return rules
    }

    static func loadFile(_ path: String, display: String) throws -> Rule {
        let bytes: [UInt8]
        do { bytes = try FileReader.readAll(path) } catch {
            throw GuardrailError.io(path: display, message: "cannot read rule file")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw GuardrailError.config(path: display, line: 0, column: 0, message: "not valid UTF-8")
        }
        return try RuleLoader.parse(text, path: display)
    }

    /// Merges rule lists, refusing two rules with one id.
    public static func merge(_ base: [Rule], _ extra: [Rule]) throws -> [Rule] {
        var byID: [String: Rule] = [:]
        for rule in base + extra {
            if let existing = byID[rule.id] {
                throw GuardrailError.config(path: rule.origin, line: 0, column: 0,
                                            message: "rule id `\(rule.id)` is already defined by \(existing.origin)")
            }
            byID[rule.id] = rule
        }
        return byID.values.sorted { $0.id < $1.id }
    }
}
