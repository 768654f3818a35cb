/* cls-trie.h: prefix tries for the classifier's prefix tracking.
 *
 * What: a binary trie of address prefixes (up to 128 bits) that counts
 * the rules at each prefix.  A lookup of an address reports the lengths of
 * the prefixes in the trie that cover it, and how many leading bits of the
 * address it had to examine to know that: any address that agrees with it
 * on those bits gets the same set of lengths.  The classifier uses this to
 * skip a subtable whose rules match the field with a prefix length that is
 * not in the set, consulting only the examined bits.
 *
 * Design: a path-compressed trie.  Each node holds up to 32 bits of prefix
 * (left-aligned), the number of rules whose prefix ends exactly there, and
 * two children chosen by the next bit (a child's bits start with the bit
 * that chose it).  The root may hold zero bits.  Keys are arrays of four
 * 32-bit words in host order, most significant bits first, zero-padded.
 * The writer never changes a published node's bits: splitting and merging
 * build new nodes, publish them with one pointer store, and retire the old
 * ones, so readers always see a consistent trie.  Rule counts change in
 * place, atomically.
 *
 * Thread-safety: cls_trie_lookup() may run concurrently with one writer
 * inside an RCU read-side critical section; the rest is for the writer. */
#ifndef SVS_CLS_TRIE_H
#define SVS_CLS_TRIE_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cls-rcu.h"

struct cls_trie_node {
    uint32_t prefix;            /* Left-aligned bits; the rest are 0. */
    uint8_t n_bits;             /* 0..32 (0 only for the root). */
    unsigned int n_rules;       /* Rules whose prefix ends here. */
    struct cls_trie_node *edges[2];     /* RCU: children. */
};

struct cls_trie {
    struct cls_trie_node *root; /* RCU. */
};

/* A set of prefix lengths 0..128. */
struct cls_plens {
    uint64_t bits[3];
};

static inline bool
cls_plens_contains(const struct cls_plens *p, unsigned int plen)
{
    return (p->bits[plen / 64] >> (plen % 64)) & 1;
}

void cls_trie_init(struct cls_trie *);
/* Retires every node into 'g'. */
void cls_trie_destroy(struct cls_trie *, struct cls_garbage *g);
/* Adds one rule with the 'plen'-bit (1..128) prefix of 'key'. */
void cls_trie_insert(struct cls_trie *, const uint32_t key[4],
                     unsigned int plen, struct cls_garbage *g);
/* Removes one rule added by cls_trie_insert() with the same arguments. */
void cls_trie_remove(struct cls_trie *, const uint32_t key[4],
                     unsigned int plen, struct cls_garbage *g);

/* Sets 'plens' to the lengths of the rule prefixes in 'trie' that are
 * prefixes of the 'n_key_bits'-bit 'key' and returns the number of leading
 * bits of 'key' examined (0..n_key_bits). */
unsigned int cls_trie_lookup(const struct cls_trie *trie,
                             const uint32_t key[4], unsigned int n_key_bits,
                             struct cls_plens *plens);

/* Memory used by the nodes. */
size_t cls_trie_memory(const struct cls_trie *);

#endif /* cls-trie.h */
