/* classifier-private.h: the classifier's internal data structures.
 *
 * For classifier.c and tests that check internal invariants only; clients
 * use classifier.h.
 *
 * Invariants (the writer keeps them; each is checked by
 * classifier_check_invariants()):
 *   1. Every rule in a classifier has exactly one struct cls_match, in the
 *      subtable whose mask equals the rule's mask, reachable from that
 *      subtable's 'rules' map through the same-match list of its masked
 *      values, and cls_rule->cls_match points to it.
 *   2. A same-match list is sorted by decreasing priority; its head is the
 *      entry in 'rules', under the hash of the masked values.
 *   3. For each stage s below the subtable's last, 'indices[s]' counts,
 *      for each rule, the hash of its values through stage s.
 *   4. For each tracked prefix field with a nonzero prefix length in a
 *      subtable's mask, the trie counts each rule of the subtable once at
 *      that length.
 *   4a. If a subtable's mask has port bits, its ports trie counts each
 *      rule of the subtable once, at 'ports_plen'.
 *   5. For each stage s, 'filters[s]' of a subtable has the bit of the
 *      hash through stage s of every same-match list head set.
 *   6. The published subtable vector holds every nonempty subtable (unless
 *      publication is deferred) with its highest rule priority, sorted by
 *      decreasing priority; empty subtables are in no vector.
 *
 * Readers only follow RCU pointers: 'pvec', a subtable's maps and tries,
 * same-match lists ('next'), and read 'remove_version' atomically;
 * everything else they read is immutable while they can see it. */
#ifndef SVS_CLASSIFIER_PRIVATE_H
#define SVS_CLASSIFIER_PRIVATE_H 1

#include "classifier.h"
#include "cls-cmap.h"
#include "cls-rcu.h"
#include "cls-trie.h"
#include "flow-words.h"

/* A rule's conjunctions. */
struct cls_conj_set {
    size_t n;
    struct cls_conjunction conj[];
};

/* A rule in a classifier. */
struct cls_match {
    struct cls_match *next;     /* RCU: next lower-or-equal priority rule
                                 * with the same match. */
    const struct cls_rule *cls_rule;
    struct cls_subtable *subtable;
    int priority;
    uint32_t hash;              /* Hash of 'vals'. */
    cls_version_t add_version;
    cls_version_t remove_version;       /* Atomic. */
    const struct cls_conj_set *conj_set;        /* NULL for a hard rule. */
    uint64_t vals[];            /* Masked flow words, subtable order. */
};

static inline bool
cls_match_visible_in_version(const struct cls_match *m, cls_version_t v)
{
    return m->add_version <= v && v < cls_relaxed_get(m->remove_version);
}

/* A filter of the hashes of a subtable's matches through one stage (the
 * last stage: the full hashes): a Bloom filter with one hash function,
 * 'hash >> shift' selecting the bit.  A clear bit
 * proves that no rule has that hash, so that a lookup that misses (the
 * common case when there are many subtables) usually stops here, in a
 * small array that stays in cache, instead of probing the subtable's hash
 * table.  Bits are only ever set in place; removals make the filter stale
 * and the writer rebuilds it (a new copy, published with RCU) when it has
 * gone stale or too full. */
struct cls_filter {
    unsigned int shift;         /* 32 - log2(number of bits), 0..26. */
    uint64_t bits[];
};

static inline bool
cls_filter_may_contain(const struct cls_filter *f, uint32_t hash)
{
    uint32_t b = hash >> f->shift;
    return (cls_relaxed_get(f->bits[b / 64]) >> (b % 64)) & 1;
}

/* One distinct priority of a subtable's rules. */
struct cls_prio_node {
    struct hmap_node node;      /* In cls_subtable 'prios'. */
    int priority;
    int count;
};

/* All the rules with one mask. */
struct cls_subtable {
    struct hmap_node hmap_node; /* In struct classifier 'subtables'. */
    uint64_t map;               /* Nonzero words of the mask. */
    int n_words;                /* popcount(map). */
    int n_stages;               /* Nonempty stages, 1..4. */
    uint8_t stage_end[FLOW_N_STAGES];   /* Words through each stage. */
    uint8_t stage_of[FLOW_N_STAGES];    /* Flow stage of each stage. */
    uint8_t plens[CLS_N_PREFIX_FIELDS]; /* Prefix length of the mask on
                                         * each prefix field, 0 if none or
                                         * not a CIDR prefix. */
    uint8_t stage_fields[FLOW_N_STAGES];    /* Bit f: prefix field f (with
                                             * a nonzero 'plens[f]') is in
                                             * the stage. */
    uint8_t ports_plen;         /* 32 - ctz('ports_mask'); 0 if none. */
    uint32_t ports_mask;        /* tp_src:tp_dst mask, host order. */
    struct cls_trie ports_trie; /* The rules' masked tp_src:tp_dst at
                                 * 'ports_plen' bits: on a miss in the L4
                                 * stage, proves the miss with only the
                                 * leading port bits it needs. */
    int n_rules;
    int max_priority;           /* Highest rule priority (writer). */
    struct hmap prios;          /* cls_prio_node (writer). */
    int *heap;                  /* Max-heap of priorities, lazily pruned
                                 * against 'prios' (writer). */
    size_t heap_n, heap_allocated;
    struct cls_cmap rules;      /* Same-match list heads. */
    struct cls_filter *filters[FLOW_N_STAGES];  /* RCU: for each stage,
                                                 * the filter of the
                                                 * heads' hashes through
                                                 * that stage. */
    int filter_capacity;        /* Heads the filter is sized for
                                 * (writer). */
    int filter_stale;           /* Heads removed since it was built
                                 * (writer). */
    struct cls_ccmap indices[FLOW_N_STAGES - 1];
    uint8_t idx[64];            /* Word index of each mask word. */
    uint64_t mask[];            /* 'n_words' mask words. */
};

/* One element of a subtable vector. */
struct cls_pvec_entry {
    int priority;
    struct cls_subtable *subtable;
};

/* The published, immutable subtable vector. */
struct cls_pvec {
    size_t n;
    struct cls_pvec_entry e[];
};

/* The writer's copy, unsorted until published. */
struct cls_pvec_writer {
    size_t n, allocated;
    struct cls_pvec_entry *e;
    bool dirty;                 /* Differs from the published vector. */
};

/* The prefix tries, replaced as a whole when the fields change. */
struct cls_tries {
    size_t n;
    enum cls_prefix_field fields[CLS_MAX_PREFIX_FIELDS];
    struct cls_trie tries[CLS_MAX_PREFIX_FIELDS];
};

/* Checks the invariants above, aborting on failure (for tests). */
void classifier_check_invariants(const struct classifier *cls);

#endif /* classifier-private.h */
