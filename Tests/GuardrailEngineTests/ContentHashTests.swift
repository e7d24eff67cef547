import GuardrailTestSupport
import Testing
@testable import GuardrailEngine

/// XXH64 against the reference implementation's values (python-xxhash),
/// covering the short paths (< 4, < 8, < 32 bytes) and the 32-byte stripes.
@Suite struct ContentHashTests {
    @Test func matchesReferenceValues() {
        let fox = Array("The quick brown fox jumps over the lazy dog".utf8)
        let long = Array((0..<256).map { UInt8($0) }) + Array((0..<256).map { UInt8($0) }) + Array((0..<256).map { UInt8($0) }) + Array("xyz".utf8)
        #expect(ContentHash.xxh64([]) == 0xEF46_DB37_51D8_E999)
        #expect(ContentHash.xxh64([], seed: 7) == 0x95F0_626F_6F0A_4409)
        #expect(ContentHash.xxh64(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(ContentHash.xxh64(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(ContentHash.xxh64(Array("abc".utf8), seed: 7) == 0x9E75_5206_1566_76D7)
        #expect(ContentHash.xxh64(fox) == 0x0B24_2D36_1FDA_71BC)
        #expect(ContentHash.xxh64(fox, seed: 7) == 0x7322_9526_FB86_A735)
        #expect(ContentHash.xxh64(long) == 0xE921_A1B4_5BD7_79F8)
        #expect(ContentHash.xxh64(long, seed: 7) == 0xB635_55D1_BF05_377F)
        #expect(ContentHash.xxh64FindingNUL(fox) == (0x0B24_2D36_1FDA_71BC, false))
        #expect(ContentHash.xxh64FindingNUL(long) == (0xE921_A1B4_5BD7_79F8, true))
    }

    /// The hash with the NUL test is the hash, and finds a NUL wherever it
    /// is (stripes, 8- and 4-byte tails, last bytes), and no other byte.
    @Test func findingNULAgreesWithTheHashAndWithASearch() {
        var rng = SplitMix(seed: 0x6E75_6C6C)
        for length in Array(0..<100) + [255, 256, 257, 4_095] {
            for round in 0..<8 {
                // Bytes 1…255 (0x80 and 0x01 included: the borrows' edge cases).
                var bytes = (0..<length).map { _ in UInt8.random(in: 1...255, using: &rng) }
                if round % 2 == 1, length > 0 { bytes[Int.random(in: 0..<length, using: &rng)] = 0 }
                if round == 2 { bytes = bytes.map { $0 & 1 == 0 ? 0x80 : 0x01 } }
                let found = ContentHash.xxh64FindingNUL(bytes)
                #expect(found.hash == ContentHash.xxh64(bytes), "\(length)/\(round)")
                #expect(found.nul == bytes.contains(0), "\(length)/\(round)")
            }
        }
    }
}

/// The tool part of the result cache's key.
@Suite struct ExecutableStampTests {
    @Test func theTestBinaryHasAGNUBuildID() throws {
#if os(Linux)
        let id = try #require(CacheKey.buildID())
        #expect(id.count >= 32 && id.count % 2 == 0)
        let hexDigits = Set("0123456789abcdef".utf8)
        #expect(id.utf8.allSatisfy { hexDigits.contains($0) })
        #expect(CacheKey.executableStamp() == "build-id " + id)
#endif
    }
}
