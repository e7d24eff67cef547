// MARK: - TokenSink

/// Where a lexer writes its tokens: straight into the storage of the array
/// it returns, so that a token costs a compare and a store — no uniqueness
/// check, and while the reservation lasts no growth and no copy.
///
/// The reservation is half a token per source byte (plus 16): real code has
/// about one token per five bytes, so only token-dense input (`((((`, long
/// runs of one-byte operators) outgrows it. Above 16 MiB of source it is a
/// quarter token per byte (5 bytes of address space per source byte). A
/// lexer that emits more than the reservation makes the sink move the
/// tokens to a buffer of its own that doubles, but not past one token per
/// source byte (plus 2: the most a lexer emits, since token starts
/// increase) unless it must, and `collect` copies them out once at the end:
/// slower, never wrong.
struct TokenSink {
    private var base: UnsafeMutablePointer<Token>
    private var capacity: Int
    /// Where doubling stops: one token per source byte, plus 2.
    private let ceiling: Int
    private(set) var count = 0
    /// The tokens outgrew the array's storage and live in `base`, ours.
    private var spilled = false

    private init(_ out: UnsafeMutableBufferPointer<Token>, ceiling: Int) {
        self.ceiling = ceiling
        // An empty reservation may come with or without an address: either
        // way the first token takes the growth path.
        base = out.baseAddress ?? UnsafeMutablePointer<Token>.allocate(capacity: 1)
        capacity = out.baseAddress == nil ? 1 : out.count
        spilled = out.baseAddress == nil
    }

    @inline(__always) mutating func append(_ token: Token) {
        if count == capacity { grow() }
        (base + count).initialize(to: token)
        count &+= 1
    }

    @inline(never) private mutating func grow() {
        let doubled = max(16, capacity * 2)
        let larger = capacity < ceiling ? min(doubled, ceiling) : doubled
        let storage = UnsafeMutablePointer<Token>.allocate(capacity: larger)
        storage.moveInitialize(from: base, count: count)
        if spilled { base.deallocate() }
        base = storage
        capacity = larger
        spilled = true
    }

    /// The first reservation for `bytes` bytes of source (see above).
    static func reservation(bytes: Int) -> Int {
        bytes <= 1 << 24 ? bytes / 2 + 16 : bytes / 4
    }

    /// The tokens `fill` appends to a sink reserved for `bytes` bytes of
    /// source (or `capacity` tokens, for tests).
    static func collect(bytes: Int, capacity: Int? = nil, _ fill: (inout TokenSink) -> Void) -> [Token] {
        var copied: [Token]?
        let tokens = [Token](unsafeUninitializedCapacity: capacity ?? reservation(bytes: bytes)) { out, initialized in
            var sink = TokenSink(out, ceiling: bytes + 2)
            fill(&sink)
            if sink.spilled {
                copied = Array(UnsafeBufferPointer(start: sink.base, count: sink.count))
                sink.base.deinitialize(count: sink.count)
                sink.base.deallocate()
                initialized = 0
            } else {
                initialized = sink.count
            }
        }
        return copied ?? tokens
    }
}
