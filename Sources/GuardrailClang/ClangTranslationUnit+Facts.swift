internal import CClang
import GuardrailSyntax

// MARK: - Facts

extension ClangTranslationUnit {
    /// The file's own macros, enum constants, constant integer variables and
    /// constant-size arrays (`CFacts`), from the preprocessing record and the
    /// declarations. `tokens` must be this unit's `tokens()`: byte ranges of
    /// initializers and array sizes are read from them. Declarations of
    /// included headers are never visited.
    public func facts(tokens: [Token]) -> CFacts {
        let collector = FactCollector(unit: self, tokens: tokens)
        let root = library.api.clang_getTranslationUnitCursor!(unit)
        let visitor: CXCursorVisitor = { cursor, _, data in
            let collector = Unmanaged<FactCollector>.fromOpaque(data!).takeUnretainedValue()
            return collector.visit(cursor)
        }
        _ = library.api.clang_visitChildren!(root, visitor, Unmanaged.passUnretained(collector).toOpaque())
        return collector.finish()
    }
}

// MARK: - FactCollector

/// Walks the cursors of one translation unit (on the parsing thread) and
/// gathers the main file's facts.
private final class FactCollector {
    let unit: ClangTranslationUnit
    let api: GuardrailClangAPI
    let tokens: [Token]
    let bytes: [UInt8]
    var facts = CFacts()
    /// Name offsets already recorded: a tag defined inside a typedef can be
    /// reached twice.
    var seen: Set<Int> = []

    init(unit: ClangTranslationUnit, tokens: [Token]) {
        self.unit = unit
        self.api = unit.library.api
        self.tokens = tokens
        self.bytes = unit.bytes
    }

    func finish() -> CFacts {
        facts.macros.sort { $0.nameRange.lowerBound < $1.nameRange.lowerBound }
        facts.enumConstants.sort { $0.nameRange.lowerBound < $1.nameRange.lowerBound }
        facts.constants.sort { $0.nameRange.lowerBound < $1.nameRange.lowerBound }
        facts.arrays.sort { $0.nameRange.lowerBound < $1.nameRange.lowerBound }
        return facts
    }

    func visit(_ cursor: CXCursor) -> CXChildVisitResult {
        let location = api.clang_getCursorLocation!(cursor)
        guard unit.isInMainFile(location) else { return CXChildVisit_Continue }
        switch api.clang_getCursorKind!(cursor) {
        case CXCursor_MacroDefinition:
            macro(cursor, location)
        case CXCursor_EnumConstantDecl:
            enumConstant(cursor, location)
        case CXCursor_VarDecl:
            variable(cursor, location)
        case CXCursor_FieldDecl:
            array(cursor, location, type: api.clang_getCursorType!(cursor), kind: .field)
        case CXCursor_TypedefDecl:
            array(cursor, location, type: api.clang_getTypedefDeclUnderlyingType!(cursor), kind: .typedef)
        case CXCursor_EnumDecl, CXCursor_StructDecl, CXCursor_UnionDecl, CXCursor_ClassDecl,
             CXCursor_LinkageSpec, CXCursor_Namespace:
            return CXChildVisit_Recurse
        default:
            break
        }
        return CXChildVisit_Continue
    }

    // MARK: - Kinds

    func macro(_ cursor: CXCursor, _ location: CXSourceLocation) {
        guard let (name, nameIndex) = nameToken(cursor, location) else { return }
        let extentEnd = unit.offset(of: api.clang_getRangeEnd!(api.clang_getCursorExtent!(cursor)))
        let functionLike = api.clang_Cursor_isMacroFunctionLike!(cursor) != 0
        var first = nameIndex + 1
        if functionLike, first < tokens.count, isOp(tokens[first], "(") {
            first = matching(from: first).map { $0 + 1 } ?? first
        }
        // The replacement list: the tokens up to the definition's end.
        var last = first - 1
        var j = first
        while j < tokens.count && Int(tokens[j].start) < extentEnd {
            if tokens[j].kind != .comment { last = j }
            j += 1
        }
        let nameEnd = Int(tokens[nameIndex].end)
        let value = last >= first ? Int(tokens[first].start)..<Int(tokens[last].end) : nameEnd..<nameEnd
        let valueTokens = last >= first ? first..<(last + 1) : first..<first
        facts.macros.append(CMacro(name: name, nameRange: range(tokens[nameIndex]), isFunctionLike: functionLike,
                                   valueRange: value, valueTokens: valueTokens,
                                   literalValue: CLiteral.integerValue(of: tokens[valueTokens], in: bytes)))
    }

    func enumConstant(_ cursor: CXCursor, _ location: CXSourceLocation) {
        guard let (name, nameIndex) = nameToken(cursor, location) else { return }
        let value = api.clang_getEnumConstantDeclValue!(cursor)
        let initializer = initializerTokens(after: nameIndex, stopAt: [",", "}"])
        facts.enumConstants.append(CEnumConstant(
            name: name, nameRange: range(tokens[nameIndex]), value: value,
            initializerRange: initializer.map(byteRange),
            literalValue: initializer.flatMap { CLiteral.integerValue(of: tokens[$0], in: bytes) }))
    }

    func variable(_ cursor: CXCursor, _ location: CXSourceLocation) {
        let type = api.clang_getCursorType!(cursor)
        if type.kind == CXType_ConstantArray {
            array(cursor, location, type: type, kind: .variable)
            return
        }
        guard api.clang_isConstQualifiedType!(type) != 0, isInteger(api.clang_getCanonicalType!(type)) else { return }
        let initCursor = api.clang_Cursor_getVarDeclInitializer!(cursor)
        guard api.clang_Cursor_isNull!(initCursor) == 0,
              let (name, nameIndex) = nameToken(cursor, location),
              let initializer = initializerTokens(after: nameIndex, stopAt: [";", ","]) else { return }
        facts.constants.append(CConstant(
            name: name, nameRange: range(tokens[nameIndex]),
            isStatic: api.clang_Cursor_getStorageClass!(cursor) == CX_SC_Static,
            type: unit.library.take(api.clang_getTypeSpelling!(type)),
            value: evaluate(initCursor), initializerRange: byteRange(initializer),
            literalValue: CLiteral.integerValue(of: tokens[initializer], in: bytes)))
    }

    func array(_ cursor: CXCursor, _ location: CXSourceLocation, type: CXType, kind: CArray.Kind) {
        guard type.kind == CXType_ConstantArray, let (name, nameIndex) = nameToken(cursor, location) else { return }
        var sizes: [Int64] = []
        var element = type
        while element.kind == CXType_ConstantArray {
            sizes.append(api.clang_getArraySize!(element))
            element = api.clang_getArrayElementType!(element)
        }
        // `[size]` groups written right after the name, outermost first.
        var dimensions: [CArray.Dimension] = []
        var j = nextCode(after: nameIndex)
        while let open = j, isOp(tokens[open], "["), let close = matching(from: open) {
            let inside = (open + 1)..<close
            let written = close > open + 1 ? Int(tokens[open].end)..<Int(tokens[close].start) : Int(tokens[open].end)..<Int(tokens[open].end)
            let size = dimensions.count < sizes.count ? sizes[dimensions.count] : nil
            dimensions.append(CArray.Dimension(size: size.flatMap { $0 >= 0 ? $0 : nil }, sizeRange: written,
                                               literalValue: CLiteral.integerValue(of: tokens[inside], in: bytes)))
            j = nextCode(after: close)
        }
        guard !dimensions.isEmpty else { return }
        facts.arrays.append(CArray(kind: kind, name: name, nameRange: range(tokens[nameIndex]),
                                   elementType: unit.library.take(api.clang_getTypeSpelling!(element)),
                                   dimensions: dimensions))
    }

    // MARK: - Helpers

    /// The cursor's spelling and the index of the token that spells it at its
    /// location; nil when the name is not written there (macro-generated) or
    /// was seen already.
    func nameToken(_ cursor: CXCursor, _ location: CXSourceLocation) -> (String, Int)? {
        let offset = unit.offset(of: location)
        guard let index = tokenIndex(startingAt: offset), tokens[index].kind == .name, !seen.contains(offset) else { return nil }
        let name = unit.library.take(api.clang_getCursorSpelling!(cursor))
        guard bytes[Int(tokens[index].start)..<Int(tokens[index].end)].elementsEqual(name.utf8) else { return nil }
        seen.insert(offset)
        return (name, index)
    }

    /// The tokens after `= ` that follows the name, up to a stop character at
    /// bracket depth 0.
    func initializerTokens(after nameIndex: Int, stopAt stopCharacters: [Character]) -> Range<Int>? {
        let stops = stopCharacters.map { $0.asciiValue! }
        guard let equals = nextCode(after: nameIndex), isOp(tokens[equals], "=") else { return nil }
        var depth = 0
        var j = equals + 1
        var last = equals
        while j < tokens.count {
            let t = tokens[j]
            if t.kind == .op && t.length == 1 {
                let b = bytes[Int(t.start)]
                if depth == 0 && stops.contains(b) { break }
                if b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{") { depth += 1 }
                if b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") {
                    if depth == 0 { break }
                    depth -= 1
                }
            }
            if t.kind != .comment { last = j }
            j += 1
        }
        return last > equals ? (equals + 1)..<(last + 1) : nil
    }

    func evaluate(_ cursor: CXCursor) -> Int64? {
        guard let result = api.clang_Cursor_Evaluate!(cursor) else { return nil }
        defer { api.clang_EvalResult_dispose!(result) }
        guard api.clang_EvalResult_getKind!(result) == CXEval_Int else { return nil }
        if api.clang_EvalResult_isUnsignedInt!(result) != 0 {
            let value = api.clang_EvalResult_getAsUnsigned!(result)
            return value <= UInt64(Int64.max) ? Int64(value) : nil
        }
        return api.clang_EvalResult_getAsLongLong!(result)
    }

    func isInteger(_ type: CXType) -> Bool {
        type.kind.rawValue >= CXType_Bool.rawValue && type.kind.rawValue <= CXType_Int128.rawValue
            || type.kind == CXType_Enum
    }

    /// Binary search for the token that starts at `offset`.
    func tokenIndex(startingAt offset: Int) -> Int? {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(tokens[mid].start) < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < tokens.count && Int(tokens[lo].start) == offset ? lo : nil
    }

    func nextCode(after i: Int) -> Int? {
        var j = i + 1
        while j < tokens.count {
            if tokens[j].kind != .comment { return j }
            j += 1
        }
        return nil
    }

    /// The index of the bracket closing the one at `open`.
    func matching(from open: Int) -> Int? {
        let opener = bytes[Int(tokens[open].start)]
        let closer: UInt8 = opener == UInt8(ascii: "(") ? UInt8(ascii: ")") : opener == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
        var depth = 0
        var j = open
        while j < tokens.count {
            let t = tokens[j]
            if t.kind == .op && t.length == 1 {
                let b = bytes[Int(t.start)]
                if b == opener { depth += 1 } else if b == closer {
                    depth -= 1
                    if depth == 0 { return j }
                }
            }
            j += 1
        }
        return nil
    }

    func isOp(_ token: Token, _ char: Character) -> Bool {
        token.kind == .op && token.length == 1 && bytes[Int(token.start)] == char.asciiValue!
    }

    func range(_ token: Token) -> Range<Int> { Int(token.start)..<Int(token.end) }

    func byteRange(_ tokenRange: Range<Int>) -> Range<Int> {
        Int(tokens[tokenRange.lowerBound].start)..<Int(tokens[tokenRange.upperBound - 1].end)
    }
}
