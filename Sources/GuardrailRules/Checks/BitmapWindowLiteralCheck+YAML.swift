import GuardrailDomain
import GuardrailSyntax
import Yams

// MARK: - YAML

extension BitmapWindowLiteralCheck {
    /// YAML seed files: every document's `start_time` / `end_time` mappings
    /// and, below a key containing `window`, two-element sequences of times
    /// (`["10:00", "09:00"]`, or a block sequence). Yams gives node marks
    /// (1-based line, column in Unicode scalars); they are turned back into
    /// byte offsets. A file that is not UTF-8 or not YAML is left alone.
    func scanYAML(_ file: FileContext, _ geometry: BitmapGeometry, _ hits: inout [Hit]) {
        let bytes = file.bytes
        guard let yaml = String(validating: bytes, as: UTF8.self) else {
            file.notUnderstood = "not valid UTF-8"
            return
        }
        let documents: [Node]
        do {
            // The parser itself, not `compose_all`'s sequence, so that a syntax
            // error part-way through a file is an error, not an early end.
            // Only scalars' text is read (see `YAMLReader.parser`).
            let parser = try YAMLReader.parser(yaml)
            var roots: [Node] = []
            while let root = try parser.nextRoot() { roots.append(root) }
            documents = roots
        } catch {
            // Named in the summary (and exit 2 under --strict), never a silent pass.
            file.notUnderstood = "not valid YAML"
            return
        }
        let places = YAMLPlaces(bytes)
        var seen: Set<Int> = []
        func report(_ problem: Window.Problem, from start: Mark?, to end: Mark?, _ endNode: Node.Scalar?) {
            guard let s = start.flatMap(places.offset) else { return }
            let last = end.flatMap(places.offset) ?? s
            var e = places.scalarEnd(at: last, scalar: endNode)
            // A flow pair ends at its `]`.
            if s < bytes.count, bytes[s] == UInt8(ascii: "[") {
                var i = e
                while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { e = i + 1 }
            }
            guard seen.insert(s).inserted else { return }
            hits.append(Hit(start: s, end: max(s, e), message: text(problem)))
        }
        for root in documents {
            // An explicit stack: nesting is bounded by the parser, not by us.
            var stack: [(node: Node, underPairKey: Bool)] = [(root, false)]
            while let (node, underPairKey) = stack.popLast() {
                switch node {
                case .mapping(let mapping):
                    var start: Node.Scalar?, end: Node.Scalar?
                    for (key, value) in mapping {
                        let name = key.scalar?.string ?? ""
                        if let scalar = value.scalar, TimeOfDay.looksLikeTime(scalar.string) {
                            let utf8 = Array(name.utf8)
                            if startKeys.contains(utf8) { start = scalar } else if endKeys.contains(utf8) { end = scalar }
                        }
                        stack.append((value, underPairKey || keyContains(name)))
                    }
                    if let (problem, blamed) = check(start: start?.string, end: end?.string, geometry) {
                        let scalar = blamed == .start ? start : end
                        report(problem, from: scalar?.mark, to: scalar?.mark, scalar)
                    }
                case .sequence(let sequence):
                    if underPairKey, sequence.count == 2,
                       let a = sequence[sequence.startIndex].scalar, let b = sequence[sequence.index(after: sequence.startIndex)].scalar,
                       TimeOfDay.looksLikeTime(a.string), TimeOfDay.looksLikeTime(b.string),
                       case .failure(let problem) = Window.parse(a.string, b.string, geometry: geometry) {
                        report(problem, from: sequence.mark, to: b.mark, b)
                    }
                    for child in sequence { stack.append((child, underPairKey)) }
                case .scalar, .alias:
                    break
                }
            }
        }
    }

    private func keyContains(_ key: String) -> Bool { containsPairKey(Array(key.utf8)[...]) }
}

// MARK: - YAMLPlaces

/// Byte offsets for libyaml marks: its lines break at `\n`, `\r\n`, `\r`
/// and the Unicode breaks NEL, LS, PS; its columns count scalars; a BOM at
/// the start is not counted.
struct YAMLPlaces {
    let bytes: [UInt8]
    let lineStarts: [Int]
    let bom: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var starts = [bom]
        var i = bom
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                starts.append(i + 1)
            } else if b == 0x0D {
                if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            } else if b == 0xC2, i + 1 < n, bytes[i + 1] == 0x85 {
                i += 1
                starts.append(i + 1)
            } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                i += 2
                starts.append(i + 1)
            }
            i += 1
        }
        lineStarts = starts
    }

    /// The byte offset of a mark, nil when it lies outside the file.
    func offset(_ mark: Mark) -> Int? {
        guard mark.line >= 1, mark.line <= lineStarts.count, mark.column >= 1 else { return nil }
        var i = lineStarts[mark.line - 1]
        var column = 1
        while column < mark.column {
            guard i < bytes.count else { return nil }
            i += 1
            while i < bytes.count && bytes[i] & 0xC0 == 0x80 { i += 1 }
            column += 1
        }
        return min(i, bytes.count)
    }

    /// Where the scalar starting at `start` ends: after its closing quote,
    /// or its plain text (at most to the end of the line).
    func scalarEnd(at start: Int, scalar: Node.Scalar?) -> Int {
        guard start < bytes.count else { return start }
        var lineEnd = start
        while lineEnd < bytes.count && bytes[lineEnd] != 0x0A && bytes[lineEnd] != 0x0D { lineEnd += 1 }
        let q = bytes[start]
        if q == 0x22 || q == 0x27 {
            var i = start + 1
            while i < lineEnd {
                if q == 0x22 && bytes[i] == 0x5C { i += 2; continue }
                if bytes[i] == q {
                    if q == 0x27 && i + 1 < lineEnd && bytes[i + 1] == 0x27 { i += 2; continue }
                    return i + 1
                }
                i += 1
            }
            return lineEnd
        }
        return min(lineEnd, start + (scalar?.string.utf8.count ?? 0))
    }
}
