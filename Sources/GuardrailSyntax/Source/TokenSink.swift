// MARK: - TokenSink

/// Where a lexer writes its tokens: straight into the storage of the array
/// it returns, reserved for as many tokens as the source has bytes (plus
/// two), so that a token costs a compare and a store — no uniqueness check
/// and, for any token stream whose tokens each start past the previous
/// one's start, no growth and no copy. Pages of the reservation that no
/// token reaches are never touched.
///
/// Should a lexer ever emit more, the sink moves the tokens to a buffer of
/// its own that doubles as needed, and `collect` copies them out once at
/// the end: slower, never wrong.
struct TokenSink {
    private var base: UnsafeMutablePointer<Token>
    private var capacity: Int
    private(set) var count = 0
    /// The tokens outgrew the array's storage and live in `base`, ours.
    private var spilled = false

    private init(_ out: UnsafeMutableBufferPointer<Token>) {
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
        let larger = UnsafeMutablePointer<Token>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        if spilled { base.deallocate() }
        base = larger
        capacity *= 2
        spilled = true
    }

    /// The tokens `fill` appends to a sink reserved for `bytes` bytes of source.
    static func collect(bytes: Int, capacity: Int? = nil, _ fill: (inout TokenSink) -> Void) -> [Token] {
        var copied: [Token]?
        let tokens = [Token](unsafeUninitializedCapacity: capacity ?? (bytes + 2)) { out, initialized in
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
