// MARK: - TokenSink

/// Where a lexer writes its tokens: straight into the storage of the array
/// it returns, so that a token costs a compare and a store — no uniqueness
/// check, and while the reservation lasts no growth and no copy.
///
/// The reservation is half a token per source byte (plus 16): real code has
/// about one token per five bytes, so only token-dense input (`((((`, long
/// runs of one-byte operators) outgrows it. Above 16 MiB of source it is a
/// quarter token per byte, so that a huge file never asks for more address
/// space than the system grants. A lexer that emits more than the
/// reservation makes the sink move the tokens to a buffer of its own that
/// doubles as needed, and `collect` copies them out once at the end:
/// slower, never wrong.
struct TokenSink {
    private var base: UnsafeMutablePointer<Token>
    private var capacity: Int
    private(set) var count = 0
    /// The tokens outgrew the array's storage and live in `base`, ours.
    private var spilled = false

    private init(_ out: UnsafeMutableBufferPointer<Token>) {
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
        let larger = UnsafeMutablePointer<Token>.allocate(capacity: max(16, capacity * 2))
        larger.moveInitialize(from: base, count: count)
        if spilled { base.deallocate() }
        base = larger
        capacity = max(16, capacity * 2)
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
            var sink = TokenSink(out)
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
