// MARK: - CFacts

/// What a C or C++ file itself defines that the bitmap rules ask about:
/// macros, enum constants, constant integer variables and arrays with
/// constant sizes. Only the file's own declarations (never those of headers
/// it includes), in source order. Byte ranges are `[start, end)` offsets into
/// the file's bytes; token ranges index the file's token array.
public struct CFacts: Sendable, Equatable {
    /// `#define`s of the file, in order.
    public var macros: [CMacro] = []
    /// Enumerators of the file's enums.
    public var enumConstants: [CEnumConstant] = []
    /// `const` integer variables defined with an initializer.
    public var constants: [CConstant] = []
    /// Variables, fields and typedefs of constant-size array type.
    public var arrays: [CArray] = []

    /// No facts (a file that is not C, or could not be parsed).
    public init() {}

    public init(macros: [CMacro], enumConstants: [CEnumConstant], constants: [CConstant], arrays: [CArray]) {
        self.macros = macros
        self.enumConstants = enumConstants
        self.constants = constants
        self.arrays = arrays
    }
}

/// `#define NAME value-tokens` (object-like) or `#define NAME(a, b) …`.
public struct CMacro: Sendable, Equatable {
    /// The macro's name.
    public var name: String
    /// Bytes of the macro's name.
    public var nameRange: Range<Int>
    /// `#define NAME(…)`: takes arguments.
    public var isFunctionLike: Bool
    /// Bytes from the first to the end of the last replacement token (empty
    /// at the name's end when the macro has no value).
    public var valueRange: Range<Int>
    /// Indices of the replacement tokens (comments between them included).
    public var valueTokens: Range<Int>
    /// The value when it is one integer literal, possibly signed and
    /// parenthesised: `180`, `(1440)`, `-1`, `0xB4u`.
    public var literalValue: Int64?

    public init(name: String, nameRange: Range<Int>, isFunctionLike: Bool, valueRange: Range<Int>,
                valueTokens: Range<Int>, literalValue: Int64?) {
        self.name = name
        self.nameRange = nameRange
        self.isFunctionLike = isFunctionLike
        self.valueRange = valueRange
        self.valueTokens = valueTokens
        self.literalValue = literalValue
    }
}

/// One enumerator: `NAME [= initializer]` with the value the compiler gives it.
public struct CEnumConstant: Sendable, Equatable {
    /// The enumerator's name.
    public var name: String
    /// Bytes of the name.
    public var nameRange: Range<Int>
    /// The enumerator's value as the compiler computed it.
    public var value: Int64
    /// Bytes of the initializer after `=`, nil when there is none.
    public var initializerRange: Range<Int>?
    /// The initializer's value when it is one integer literal.
    public var literalValue: Int64?

    public init(name: String, nameRange: Range<Int>, value: Int64, initializerRange: Range<Int>?, literalValue: Int64?) {
        self.name = name
        self.nameRange = nameRange
        self.value = value
        self.initializerRange = initializerRange
        self.literalValue = literalValue
    }
}

/// A `const` (often `static const`) integer variable defined with an
/// initializer: `static const uint16_t MINUTES_PER_DAY = 1440;`.
public struct CConstant: Sendable, Equatable {
    /// The variable's name.
    public var name: String
    /// Bytes of the name.
    public var nameRange: Range<Int>
    /// Declared `static`.
    public var isStatic: Bool
    /// The declared type as written (`uint16_t`, `const int`).
    public var type: String
    /// The initializer's value when the compiler can evaluate it
    /// (`24 * 60` → 1440), else nil.
    public var value: Int64?
    /// Bytes of the initializer after `=`.
    public var initializerRange: Range<Int>
    /// The initializer's value when it is one integer literal.
    public var literalValue: Int64?

    public init(name: String, nameRange: Range<Int>, isStatic: Bool, type: String, value: Int64?,
                initializerRange: Range<Int>, literalValue: Int64?) {
        self.name = name
        self.nameRange = nameRange
        self.isStatic = isStatic
        self.type = type
        self.value = value
        self.initializerRange = initializerRange
        self.literalValue = literalValue
    }
}

/// A declarator of an array with constant sizes: a variable, a struct field
/// or a typedef (`uint8_t bits[180]`, `typedef uint8_t day_bits[BYTES_PER_DAY]`).
public struct CArray: Sendable, Equatable {
    /// Which declarator: a variable, a struct/union field or a typedef.
    public enum Kind: UInt8, Sendable {
        case variable, field, typedef
    }

    /// One `[size]`, outermost first.
    public struct Dimension: Sendable, Equatable {
        /// The size the compiler computed, nil when it did not.
        public var size: Int64?
        /// Bytes between the brackets.
        public var sizeRange: Range<Int>
        /// The size when it is written as one integer literal (`[180]`, not
        /// `[BYTES_PER_DAY]`).
        public var literalValue: Int64?

        public init(size: Int64?, sizeRange: Range<Int>, literalValue: Int64?) {
            self.size = size
            self.sizeRange = sizeRange
            self.literalValue = literalValue
        }
    }

    /// Which declarator it is.
    public var kind: Kind
    /// The declared name.
    public var name: String
    /// Bytes of the name.
    public var nameRange: Range<Int>
    /// The innermost element type as written (`uint8_t`).
    public var elementType: String
    /// The `[size]`s, outermost first.
    public var dimensions: [Dimension]

    public init(kind: Kind, name: String, nameRange: Range<Int>, elementType: String, dimensions: [Dimension]) {
        self.kind = kind
        self.name = name
        self.nameRange = nameRange
        self.elementType = elementType
        self.dimensions = dimensions
    }
}
