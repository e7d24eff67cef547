// The vector half of the trigger-word prefilter (`TriggerIndex` in
// GuardrailEngine): 32 positions per step instead of one pair per step.
// Each step loads 32 bytes and the 32 after them shifted by one, looks up
// every byte's nibbles in the bucket tables (one `pshufb` per nibble and
// table), and keeps the positions whose two bytes agree on a bucket. Only
// those few are checked against the exact 65,536-bit pair table. Modelled
// on the Teddy algorithm of Hyperscan and Rust's aho-corasick crate.

#include "CPairScan.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define GR_HAVE_AVX2_PATH 1
#endif

static inline int gr_bit(const uint64_t *bits, const uint8_t *p) {
    unsigned key = (unsigned)p[0] | (unsigned)p[1] << 8;
    return (int)((bits[key >> 6] >> (key & 63)) & 1);
}

#ifdef GR_HAVE_AVX2_PATH

int gr_pair_scan_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") ? 1 : 0;
}

// AVX2 only: the runtime check asks for nothing else (`bmi` would let the
// compiler use `blsr`, which a processor may lack even with AVX2).
__attribute__((target("avx2")))
ptrdiff_t gr_pair_scan(const uint8_t *base, ptrdiff_t from, ptrdiff_t to, const uint64_t *bits,
                       const gr_pair_masks *masks) {
    const __m256i lo0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)masks->lo0));
    const __m256i hi0 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)masks->hi0));
    const __m256i lo1 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)masks->lo1));
    const __m256i hi1 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)masks->hi1));
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    const __m256i zero = _mm256_setzero_si256();
    if (from >= to) return to;
    ptrdiff_t i = from;
    // The second load reads `base[i + 1 ... i + 32]`: up to `to`, no further.
    while (i + 32 <= to) {
        const __m256i x0 = _mm256_loadu_si256((const __m256i *)(base + i));
        const __m256i x1 = _mm256_loadu_si256((const __m256i *)(base + i + 1));
        const __m256i first = _mm256_and_si256(
            _mm256_shuffle_epi8(lo0, _mm256_and_si256(x0, nibble)),
            _mm256_shuffle_epi8(hi0, _mm256_and_si256(_mm256_srli_epi16(x0, 4), nibble)));
        const __m256i second = _mm256_and_si256(
            _mm256_shuffle_epi8(lo1, _mm256_and_si256(x1, nibble)),
            _mm256_shuffle_epi8(hi1, _mm256_and_si256(_mm256_srli_epi16(x1, 4), nibble)));
        const __m256i both = _mm256_and_si256(first, second);
        uint32_t candidates = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(both, zero));
        while (candidates != 0) {
            const ptrdiff_t p = i + __builtin_ctz(candidates);
            if (gr_bit(bits, base + p)) return p;
            candidates &= candidates - 1;
        }
        i += 32;
    }
    while (i < to) {
        if (gr_bit(bits, base + i)) return i;
        i += 1;
    }
    return i;
}

#else

int gr_pair_scan_available(void) { return 0; }

ptrdiff_t gr_pair_scan(const uint8_t *base, ptrdiff_t from, ptrdiff_t to, const uint64_t *bits,
                       const gr_pair_masks *masks) {
    (void)masks;
    if (from >= to) return to;
    ptrdiff_t i = from;
    while (i < to) {
        if (gr_bit(bits, base + i)) return i;
        i += 1;
    }
    return i;
}

#endif
