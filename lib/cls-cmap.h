/* cls-cmap.h: RCU-safe hash maps for the classifier.
 *
 * What: two open-addressing hash maps that a single writer updates while
 * any number of readers look them up without locks:
 *
 *   - struct cls_cmap maps 32-bit hashes to pointers (several pointers may
 *     share a hash; readers compare the keys of the objects themselves);
 *   - struct cls_ccmap counts 32-bit hashes (a multiset), so that a reader
 *     can ask "is there any entry with this hash?".
 *
 * Design: linear probing over a power-of-two array.  Removal leaves a
 * tombstone, so that entries never move while readers probe; the writer
 * rebuilds the array (and publishes it with RCU, retiring the old one)
 * when live entries plus tombstones exceed 3/4 of the slots, to at most
 * 1/2 load.  Removal never rebuilds: a writer iterating a map may remove
 * the entry it is visiting.  A cls_cmap slot holds a hash beside its
 * pointer, so that a probe compares hashes and usually finds the pointer
 * in the same cache line; the hash value 0 marks an empty slot, so real
 * hashes of 0 are stored as 1.  cls_ccmap packs a hash and its count
 * into one 64-bit slot, written atomically.
 *
 * Thread-safety: lookups (cls_cmap_probe_*, cls_ccmap_contains) may run
 * concurrently with one writer inside an RCU read-side critical section;
 * everything else is for the writer. */
#ifndef SVS_CLS_CMAP_H
#define SVS_CLS_CMAP_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cls-rcu.h"

/* A tombstone in a cls_cmap pointer slot. */
#define CLS_CMAP_TOMB ((void *) 1)

/* One slot: a hash (0 = empty) and a pointer (or CLS_CMAP_TOMB). */
struct cls_cmap_slot {
    uint32_t hash;
    void *ptr;
};

struct cls_cmap_impl {
    size_t mask;                /* Number of slots minus 1. */
    size_t n;                   /* Live entries. */
    size_t n_tomb;              /* Tombstones. */
    struct cls_cmap_slot slots[];
};

struct cls_cmap {
    struct cls_cmap_impl *impl; /* RCU. */
};

static inline uint32_t
cls_cmap_stored_hash(uint32_t hash)
{
    return hash ? hash : 1;
}

/* A reader's iteration over the entries with one hash. */
struct cls_cmap_probe {
    const struct cls_cmap_impl *impl;
    size_t i;
    uint32_t hash;
};

static inline void
cls_cmap_probe_start(const struct cls_cmap *map, uint32_t hash,
                     struct cls_cmap_probe *p)
{
    p->impl = cls_rcu_get(map->impl);
    p->hash = cls_cmap_stored_hash(hash);
    p->i = p->hash & p->impl->mask;
}

/* Returns the next pointer stored with the probe's hash, or NULL. */
static inline void *
cls_cmap_probe_next(struct cls_cmap_probe *p)
{
    const struct cls_cmap_impl *impl = p->impl;

    for (;;) {
        size_t i = p->i;
        uint32_t h = cls_rcu_get(impl->slots[i].hash);

        if (!h) {
            return NULL;
        }
        p->i = (i + 1) & impl->mask;
        if (h == p->hash) {
            void *ptr = cls_rcu_get(impl->slots[i].ptr);
            if (ptr != CLS_CMAP_TOMB) {
                return ptr;
            }
        }
    }
}

void cls_cmap_init(struct cls_cmap *);
/* Retires the map's memory into 'g' (the entries are not touched). */
void cls_cmap_destroy(struct cls_cmap *, struct cls_garbage *g);
size_t cls_cmap_count(const struct cls_cmap *);
void cls_cmap_insert(struct cls_cmap *, void *ptr, uint32_t hash,
                     struct cls_garbage *g);
/* Removes 'ptr', which must be in the map with 'hash'. */
void cls_cmap_remove(struct cls_cmap *, void *ptr, uint32_t hash);
/* Replaces 'old', which must be in the map with 'hash', by 'new'. */
void cls_cmap_replace(struct cls_cmap *, void *old, void *new,
                      uint32_t hash);
size_t cls_cmap_memory(const struct cls_cmap *);

/* Writer's iteration: returns the entry in the first slot at or after
 * '*slot' and sets '*slot' past it, or returns NULL at the end. */
void *cls_cmap_next_slot(const struct cls_cmap *, size_t *slot);

/* Counting map. */
struct cls_ccmap_impl {
    size_t mask;                /* Number of slots minus 1. */
    size_t n;                   /* Hashes with nonzero count. */
    size_t n_used;              /* Slots ever used since rebuild. */
    uint64_t slots[];           /* 0 = empty; else 1 << 63, count << 32,
                                 * hash. */
};

struct cls_ccmap {
    struct cls_ccmap_impl *impl; /* RCU. */
};

/* True if 'hash' has a nonzero count in 'map'. */
static inline bool
cls_ccmap_contains(const struct cls_ccmap *map, uint32_t hash)
{
    const struct cls_ccmap_impl *impl = cls_rcu_get(map->impl);

    for (size_t i = hash & impl->mask; ; i = (i + 1) & impl->mask) {
        uint64_t v = cls_relaxed_get(impl->slots[i]);
        if (!v) {
            return false;
        }
        if ((uint32_t) v == hash && (v >> 32) != (UINT64_C(1) << 31)) {
            return true;
        }
    }
}

void cls_ccmap_init(struct cls_ccmap *);
void cls_ccmap_destroy(struct cls_ccmap *, struct cls_garbage *g);
void cls_ccmap_inc(struct cls_ccmap *, uint32_t hash, struct cls_garbage *g);
/* Decrements the count of 'hash', which must be nonzero. */
void cls_ccmap_dec(struct cls_ccmap *, uint32_t hash);
size_t cls_ccmap_memory(const struct cls_ccmap *);

#endif /* cls-cmap.h */
