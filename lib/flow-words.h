/* flow-words.h: inline helpers over the 64-bit words of a struct flow.
 *
 * What: a struct flow is FLOW_U64S 64-bit words (flow.h, layout contract
 * 1).  A mask (struct flow_wildcards) usually has few nonzero words, so
 * the classifier keeps masks and masked values in "sparse" form: a bitmap
 * of the nonzero words ('map', bit i = word i) plus the nonzero words in
 * ascending word order.  These helpers build and use that form, and map
 * words to the four lookup stages (segments) of flow.h.
 *
 * Design: everything is inline and branch-light, since the classifier's
 * lookup and insertion paths use it.  FLOW_U64S must fit in one 64-bit
 * map (checked at compile time).
 *
 * Thread-safety: pure functions over caller-owned data. */
#ifndef SVS_FLOW_WORDS_H
#define SVS_FLOW_WORDS_H 1

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "flow.h"
#include "hash.h"

_Static_assert(FLOW_U64S <= 64, "struct flow no longer fits a 64-bit map");

/* Number of lookup stages (flow.h segments): metadata, L2, L3, L4. */
#define FLOW_N_STAGES 4

/* First word of each stage, and one past the last word of the last. */
#define FLOW_STAGE_1_WORD 0
#define FLOW_STAGE_2_WORD (FLOW_SEGMENT_1_ENDS_AT / 8)
#define FLOW_STAGE_3_WORD (FLOW_SEGMENT_2_ENDS_AT / 8)
#define FLOW_STAGE_4_WORD (FLOW_SEGMENT_3_ENDS_AT / 8)

/* Bitmap of all the words of stage 's' (0-based). */
static inline uint64_t
flow_words_stage_map(int s)
{
    static const uint8_t starts[FLOW_N_STAGES + 1] = {
        FLOW_STAGE_1_WORD, FLOW_STAGE_2_WORD, FLOW_STAGE_3_WORD,
        FLOW_STAGE_4_WORD, FLOW_U64S,
    };
    uint64_t hi = (starts[s + 1] >= 64 ? UINT64_MAX
                   : (UINT64_C(1) << starts[s + 1]) - 1);
    uint64_t lo = (UINT64_C(1) << starts[s]) - 1;
    return hi & ~lo;
}

/* Returns the bitmap of the nonzero words of 'flow'. */
static inline uint64_t
flow_words_map(const struct flow *flow)
{
    const uint64_t *w = flow_u64_const(flow);
    uint64_t map = 0;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (w[i]) {
            map |= UINT64_C(1) << i;
        }
    }
    return map;
}

/* Stores into 'dst' the words of 'flow' selected by 'map', in ascending
 * word order, and returns their number. */
static inline int
flow_words_gather(const struct flow *flow, uint64_t map, uint64_t *dst)
{
    const uint64_t *w = flow_u64_const(flow);
    int n = 0;

    for (; map; map &= map - 1) {
        dst[n++] = w[raw_ctz(map)];
    }
    return n;
}

/* Sets to zero the words of 'flow' and then stores 'src' (in ascending word
 * order) into the words selected by 'map': the inverse of
 * flow_words_gather(). */
static inline void
flow_words_scatter(struct flow *flow, uint64_t map, const uint64_t *src)
{
    uint64_t *w = flow_u64(flow);

    memset(flow, 0, sizeof *flow);
    for (int n = 0; map; map &= map - 1) {
        w[raw_ctz(map)] = src[n++];
    }
}

/* Returns true if 'a' and 'b' are equal in every bit set in 'mask'. */
static inline bool
flow_words_equal_in_mask(const struct flow *a, const struct flow *b,
                         const struct flow_wildcards *mask)
{
    const uint64_t *aw = flow_u64_const(a);
    const uint64_t *bw = flow_u64_const(b);
    const uint64_t *mw = flow_u64_const(&mask->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if ((aw[i] ^ bw[i]) & mw[i]) {
            return false;
        }
    }
    return true;
}

/* A fast running hash over 64-bit words: one multiply per word.  Start
 * from 0, add words in order, and finish with the number of words. */
static inline uint64_t
flow_words_hash_add(uint64_t hash, uint64_t word)
{
    return (((hash << 23) | (hash >> 41)) ^ word)
           * UINT64_C(0x9e3779b97f4a7c15);
}

static inline uint32_t
flow_words_hash_finish(uint64_t hash, unsigned int n_words)
{
    hash ^= n_words;
    hash ^= hash >> 33;
    hash *= UINT64_C(0xff51afd7ed558ccd);
    hash ^= hash >> 33;
    hash *= UINT64_C(0xc4ceb9fe1a85ec53);
    hash ^= hash >> 33;
    return hash;
}

/* Hashes the words of 'flow' selected by 'map', each ANDed with the
 * corresponding word of the sparse mask 'mask' (ascending word order). */
static inline uint32_t
flow_words_hash_masked(const struct flow *flow, uint64_t map,
                       const uint64_t *mask, uint32_t basis)
{
    const uint64_t *w = flow_u64_const(flow);
    uint64_t hash = basis;
    int n = 0;

    for (; map; map &= map - 1) {
        hash = flow_words_hash_add(hash, w[raw_ctz(map)] & mask[n++]);
    }
    return flow_words_hash_finish(hash, n);
}

/* ORs the sparse mask words 'mask', selected by 'map', into 'wc'. */
static inline void
flow_words_or_into(struct flow_wildcards *wc, uint64_t map,
                   const uint64_t *mask)
{
    uint64_t *w = flow_u64(&wc->masks);

    for (int n = 0; map; map &= map - 1) {
        w[raw_ctz(map)] |= mask[n++];
    }
}

#endif /* flow-words.h */
