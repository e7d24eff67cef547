import GuardrailRules

// MARK: - SARIFReporter

/// SARIF 2.1.0 as GitHub code scanning takes it (SPEC §8): one run; the
/// driver with name, version, information URI and each rule once
/// (descriptions, help, default level, string tags); results with rule id and
/// index, level, message, a root-relative URI under `%SRCROOT%`, a region in
/// Unicode code points, and partial fingerprints; `invocations` saying the
/// run succeeded. No timestamps, so the same findings give the same bytes.
public enum SARIFReporter {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The key of guardrail's fingerprint in `partialFingerprints`.
    public static let fingerprintKey = "guardrailFingerprint/v1"
    static let rootBase = "%SRCROOT%"

    public static func render(_ input: ReportInput) -> String {
        let rules = descriptors(input)
        var index: [String: Int] = [:]
        for (i, rule) in rules.enumerated() { index[rule.id] = i }

        var driver: [(String, Node)] = [
            ("name", .string(ToolInfo.name)),
            ("version", .string(ToolInfo.version)),
            ("semanticVersion", .string(ToolInfo.version)),
            ("informationUri", .string(ToolInfo.informationURI)),
        ]
        driver.append(("rules", .array(rules.map(ruleNode))))

        var invocation: [(String, Node)] = [("executionSuccessful", .bool(true))]
        var notifications: [Node] = input.skipped.map { skipped in
            .object([
                ("level", .string("warning")),
                ("message", .object([("text", .string("skipped, \(skipped.reason)"))])),
                ("locations", .array([.object([("physicalLocation", .object([("artifactLocation", artifact(skipped.path))]))])])),
            ])
        }
        notifications += input.notes.map { note in
            .object([("level", .string("note")), ("message", .object([("text", .string(note))]))])
        }
        if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }

        var base: [(String, Node)] = []
        if let root = input.root {
            base.append(("uri", .string("file://" + encode(root.hasSuffix("/") ? root : root + "/"))))
        }
        base.append(("description", .object([("text", .string("The project root: the folder holding .guardrail.yml, else the git work tree"))])))

        let run: Node = .object([
            ("tool", .object([("driver", .object(driver))])),
            ("invocations", .array([.object(invocation)])),
            ("originalUriBaseIds", .object([(rootBase, .object(base))])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(input.findings.map { result($0, ruleIndex: index[$0.rule] ?? 0) })),
        ])
        let log: Node = .object([
            ("$schema", .string(schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        var out = ""
        log.write(into: &out, indent: 0)
        return out + "\n"
    }
}

// MARK: - Building the log

private extension SARIFReporter {
    struct Descriptor {
        var id: String
        var short: String
        var full: String
        var help: String
        var level: String
        var tags: [String]
    }

    /// Every rule that ran, once, sorted by id; then any rule id a finding
    /// names that is not among them (engine findings), so every result's
    /// `ruleIndex` points at its rule.
    static func descriptors(_ input: ReportInput) -> [Descriptor] {
        var seen = Set<String>()
        var out: [Descriptor] = []
        for rule in input.rules.sorted(by: { $0.id < $1.id }) where seen.insert(rule.id).inserted {
            let summary = rule.summary.isEmpty ? rule.id : rule.summary
            let why = rule.why.trimmingTrailingNewlines
            out.append(Descriptor(
                id: rule.id, short: summary, full: why.isEmpty ? summary : why,
                help: rule.help.isEmpty ? summary : rule.help,
                level: level(rule.severity),
                tags: ["guardrail", rule.checkKind] + rule.languages.map(\.rawValue).sorted()))
        }
        let extra = Set(input.findings.map(\.rule)).subtracting(seen).sorted()
        for id in extra {
            let severity = input.findings.first { $0.rule == id }?.severity ?? .warning
            out.append(Descriptor(id: id, short: "Guardrail finding `\(id)`", full: "Reported by the guardrail engine; see `guardrail explain \(id)`.",
                                  help: "see `guardrail explain \(id)`", level: level(severity), tags: ["guardrail", "engine"]))
        }
        return out
    }

    static func ruleNode(_ d: Descriptor) -> Node {
        let markdown = "\(d.full)\n\n**How to fix:** \(d.help)\n\nRun `guardrail explain \(d.id)` for examples."
        return .object([
            ("id", .string(d.id)),
            ("name", .string(pascalCase(d.id))),
            ("shortDescription", .object([("text", .string(d.short))])),
            ("fullDescription", .object([("text", .string(d.full))])),
            ("help", .object([("text", .string(d.help)), ("markdown", .string(markdown))])),
            ("defaultConfiguration", .object([("level", .string(d.level))])),
            ("properties", .object([
                ("tags", .array(d.tags.map { .string($0) })),
                ("precision", .string("high")),
                ("problem.severity", .string(d.level)),
            ])),
        ])
    }

    static func result(_ f: Finding, ruleIndex: Int) -> Node {
        var region: [(String, Node)] = [
            ("startLine", .int(f.line)),
            ("startColumn", .int(f.column)),
            ("endLine", .int(max(f.endLine, f.line))),
            ("endColumn", .int(f.endLine == f.line ? max(f.endColumn, f.column + 1) : max(f.endColumn, 1))),
        ]
        if !f.sourceLine.isEmpty && f.endLine == f.line {
            region.append(("snippet", .object([("text", .string(snippet(f)))])))
        }
        var node: [(String, Node)] = [
            ("ruleId", .string(f.rule)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(level(f.severity))),
            ("message", .object([("text", .string(f.message))])),
            ("locations", .array([.object([("physicalLocation", .object([
                ("artifactLocation", artifact(f.path)),
                ("region", .object(region)),
            ]))])])),
        ]
        if !f.fingerprint.isEmpty {
            node.append(("partialFingerprints", .object([(fingerprintKey, .string(f.fingerprint))])))
        }
        return .object(node)
    }

    /// A root-relative path under `%SRCROOT%`; an absolute one (a file named
    /// outside the root) as a `file:` URI.
    static func artifact(_ path: String) -> Node {
        if path.hasPrefix("/") { return .object([("uri", .string("file://" + encode(path)))]) }
        return .object([("uri", .string(encode(path))), ("uriBaseId", .string(rootBase))])
    }

    /// The flagged text of a one-line finding, cut from its source line.
    static func snippet(_ f: Finding) -> String {
        let scalars = Array(f.sourceLine.unicodeScalars)
        let start = min(max(f.column - f.sourceLineColumn, 0), scalars.count)
        let end = min(max(f.endColumn - f.sourceLineColumn, start), scalars.count)
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[start..<end])
        return String(s)
    }

    static func level(_ s: Severity) -> String { s == .error ? "error" : "warning" }

    /// `slot-era-import` → `SlotEraImport`.
    static func pascalCase(_ id: String) -> String {
        id.split(whereSeparator: { $0 == "-" || $0 == "_" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters and `/`.
    static func encode(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(b)
            default:
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

private extension String {
    var trimmingTrailingNewlines: String {
        var s = Substring(self)
        while let last = s.last, last.isNewline || last == " " { s = s.dropLast() }
        return String(s)
    }
}

// MARK: - Node

/// A JSON value with ordered keys, printed with two-space indentation.
private indirect enum Node {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([Node])
    case object([(String, Node)])

    func write(into out: inout String, indent: Int) {
        switch self {
        case .string(let s): out += JSONReporter.quote(s)
        case .int(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            if items.allSatisfy(\.isScalar) {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    item.write(into: &out, indent: indent)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(into: &out, indent: indent + 2)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2) + JSONReporter.quote(key) + ": "
                value.write(into: &out, indent: indent + 2)
                out += i == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    var isScalar: Bool {
        switch self {
        case .string, .int, .bool: return true
        case .array, .object: return false
        }
    }
}
