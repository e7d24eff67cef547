#ifndef GUARDRAIL_CPAIRSCAN_H
#define GUARDRAIL_CPAIRSCAN_H

#include <stddef.h>
#include <stdint.h>

/// The nibble tables of a Teddy-style filter over pairs of adjacent bytes:
/// a pair (a, b) may be wanted only if some bucket bit is set in all four of
/// `lo0[a & 15]`, `hi0[a >> 4]`, `lo1[b & 15]` and `hi1[b >> 4]`. Each bucket
/// is a group of wanted pairs; the tables only ever let through more pairs
/// than are wanted, never fewer.
typedef struct {
    uint8_t lo0[16];
    uint8_t hi0[16];
    uint8_t lo1[16];
    uint8_t hi1[16];
} gr_pair_masks;

/// Whether `gr_pair_scan` can run on this processor (x86-64 with AVX2; the
/// scalar search runs elsewhere).
int gr_pair_scan_available(void);

/// The first position `p`, `from <= p < to`, whose pair
/// `base[p] | base[p + 1] << 8` has its bit set in `bits` (65,536 bits), or
/// `to` when there is none; `base[0 ... to]` is readable. `masks` must let
/// through every pair whose bit is set. Only call it when
/// `gr_pair_scan_available()` says so.
ptrdiff_t gr_pair_scan(const uint8_t *base, ptrdiff_t from, ptrdiff_t to, const uint64_t *bits,
                       const gr_pair_masks *masks);

#endif
