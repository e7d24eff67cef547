import GuardrailSyntax

// MARK: - CrossFileFact

/// Something one file states that other files may contradict — today a
/// bitmap geometry constant's value. A check appends facts to the
/// `FileContext` while it runs (`key`, `name`, `value`, byte range); the
/// engine fills in where they are (`rule`, `path`, `line`, `column`,
/// `language`), gathers them from every file and, after the whole run,
/// appends to each finding of the same rule at a fact's position the facts
/// of other files with the same key and a different value.
public struct CrossFileFact: Sendable, Equatable {
    /// What is stated, e.g. `BYTES_PER_DAY` (the canonical name).
    public var key: String
    /// The name as written (an alias, or the key itself).
    public var name: String
    /// The value the file gives it.
    public var value: Int
    /// Byte range `[start, end)` of the statement's name in its file.
    public var start: Int
    public var end: Int
    /// The rule whose check stated it (filled in by the engine).
    public var rule = ""
    /// Root-relative path, 1-based line and column of `start`, and the
    /// file's language (filled in by the engine).
    public var path = ""
    public var line = 0
    public var column = 0
    public var language: Language?

    /// A fact as a check states it; the engine fills in the rest.
    public init(key: String, name: String, value: Int, start: Int, end: Int) {
        self.key = key
        self.name = name
        self.value = value
        self.start = start
        self.end = end
    }
}
