/* hmap.h: intrusive hash map with chaining.
 *
 * What: a 'struct hmap_node' is embedded in each element; the caller
 * computes the hash and compares keys itself, so one element type can sit
 * in several maps under different keys.  The table doubles when the load
 * factor passes 2 and halves when it falls under 1/2 (only on explicit
 * hmap_shrink() or removal-driven hmap_remove_and_shrink()).
 *
 * Iteration: HMAP_FOR_EACH visits every node once, in no particular
 * order.  The loop body must not insert or remove nodes (use
 * HMAP_FOR_EACH_SAFE to remove the current node, or HMAP_FOR_EACH_POP to
 * drain the map).  HMAP_FOR_EACH_WITH_HASH visits the nodes with a given
 * hash value; the caller still compares keys.
 *
 * Thread-safety: none; callers serialize access to a map. */
#ifndef SVS_HMAP_H
#define SVS_HMAP_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util.h"

/* A node in a hash map: embed it inside the mapped structure. */
struct hmap_node {
    size_t hash;                /* Hash value, as the caller computed it. */
    struct hmap_node *next;     /* Next node in the same bucket. */
};

/* A hash map. */
struct hmap {
    struct hmap_node **buckets; /* 'mask' + 1 bucket heads. */
    struct hmap_node *one;      /* Storage for the single bucket of an
                                 * empty-capacity map. */
    size_t mask;                /* Number of buckets minus one. */
    size_t n;                   /* Number of nodes. */
};

#define HMAP_INITIALIZER(HMAP) \
    { (struct hmap_node **const) &(HMAP)->one, NULL, 0, 0 }

void hmap_init(struct hmap *);
void hmap_destroy(struct hmap *);
void hmap_clear(struct hmap *);
void hmap_swap(struct hmap *a, struct hmap *b);
/* Moves 'src''s contents into 'dst' (which must not be initialized);
 * 'src' becomes garbage that may only be reinitialized. */
void hmap_moved(struct hmap *);

static inline size_t hmap_count(const struct hmap *hmap) { return hmap->n; }
static inline bool hmap_is_empty(const struct hmap *hmap) { return !hmap->n; }

/* Capacity management. */
void hmap_expand_at(struct hmap *, const char *where);
void hmap_shrink_at(struct hmap *, const char *where);
void hmap_reserve_at(struct hmap *, size_t capacity, const char *where);
#define hmap_expand(HMAP) hmap_expand_at(HMAP, __func__)
#define hmap_shrink(HMAP) hmap_shrink_at(HMAP, __func__)
#define hmap_reserve(HMAP, CAP) hmap_reserve_at(HMAP, CAP, __func__)

/* Inserts 'node' with 'hash' without growing the table. */
static inline void
hmap_insert_fast(struct hmap *hmap, struct hmap_node *node, size_t hash)
{
    struct hmap_node **bucket = &hmap->buckets[hash & hmap->mask];
    node->hash = hash;
    node->next = *bucket;
    *bucket = node;
    hmap->n++;
}

/* Inserts 'node' with 'hash', growing the table if needed. */
static inline void
hmap_insert(struct hmap *hmap, struct hmap_node *node, size_t hash)
{
    hmap_insert_fast(hmap, node, hash);
    if (hmap->n / 2 > hmap->mask) {
        hmap_expand(hmap);
    }
}

/* Removes 'node', which must be in 'hmap'. */
static inline void
hmap_remove(struct hmap *hmap, struct hmap_node *node)
{
    struct hmap_node **bucket = &hmap->buckets[node->hash & hmap->mask];
    while (*bucket != node) {
        bucket = &(*bucket)->next;
    }
    *bucket = node->next;
    hmap->n--;
}

/* Puts 'new_node' in the position of 'old_node'; both have equal hash. */
void hmap_replace(struct hmap *, const struct hmap_node *old_node,
                  struct hmap_node *new_node);

/* Searching. */
static inline struct hmap_node *
hmap_first_with_hash(const struct hmap *hmap, size_t hash)
{
    struct hmap_node *node = hmap->buckets[hash & hmap->mask];
    while (node && node->hash != hash) {
        node = node->next;
    }
    return node;
}

static inline struct hmap_node *
hmap_next_with_hash(const struct hmap_node *node)
{
    size_t hash = node->hash;
    node = node->next;
    while (node && node->hash != hash) {
        node = node->next;
    }
    return (struct hmap_node *) node;
}

bool hmap_contains(const struct hmap *, const struct hmap_node *);
struct hmap_node *hmap_first(const struct hmap *);
struct hmap_node *hmap_next(const struct hmap *, const struct hmap_node *);
/* Returns some node in 'hmap' chosen pseudo-randomly, or NULL if empty. */
struct hmap_node *hmap_random_node(const struct hmap *);

/* The iteration macros walk 'struct hmap_node' pointers in a hidden
 * variable (unique per source line) and convert each to the element only
 * when it is not null, so no null pointer is ever offset.  After the loop
 * ends, NODE holds the last element visited (or is unchanged if none): do
 * not use it to tell whether the loop found something. */
#define HMAP_FOR_EACH_WITH_HASH(NODE, MEMBER, HASH, HMAP)               \
    HMAP_FOR_EACH_WITH_HASH__(NODE, MEMBER, HASH, HMAP,                 \
                              SVS_JOIN(hmap_iter__, __LINE__))
#define HMAP_FOR_EACH_WITH_HASH__(NODE, MEMBER, HASH, HMAP, V)          \
    for (struct hmap_node *V = hmap_first_with_hash(HMAP, HASH);        \
         V ? (ASSIGN_CONTAINER(NODE, V, MEMBER), 1) : 0;                \
         V = hmap_next_with_hash(V))

#define HMAP_FOR_EACH(NODE, MEMBER, HMAP)                               \
    HMAP_FOR_EACH__(NODE, MEMBER, HMAP, SVS_JOIN(hmap_iter__, __LINE__))
#define HMAP_FOR_EACH__(NODE, MEMBER, HMAP, V)                          \
    for (struct hmap_node *V = hmap_first(HMAP);                        \
         V ? (ASSIGN_CONTAINER(NODE, V, MEMBER), 1) : 0;                \
         V = hmap_next(HMAP, V))

/* Like HMAP_FOR_EACH, but the body may remove NODE from the map.  NEXT is
 * set to the following element (or NULL). */
#define HMAP_FOR_EACH_SAFE(NODE, NEXT, MEMBER, HMAP)                    \
    HMAP_FOR_EACH_SAFE__(NODE, NEXT, MEMBER, HMAP,                      \
                         SVS_JOIN(hmap_iter__, __LINE__),               \
                         SVS_JOIN(hmap_next__, __LINE__))
#define HMAP_FOR_EACH_SAFE__(NODE, NEXT, MEMBER, HMAP, V, W)            \
    for (struct hmap_node *V = hmap_first(HMAP), *W = NULL;             \
         (V                                                             \
          ? (ASSIGN_CONTAINER(NODE, V, MEMBER),                         \
             W = hmap_next(HMAP, V),                                    \
             (W ? ASSIGN_CONTAINER(NEXT, W, MEMBER)                     \
                : (void) ((NEXT) = NULL)), 1)                           \
          : 0);                                                         \
         V = W)

/* Removes each node in turn; the body may free it.  Linear in the number
 * of buckets overall (it resumes where the previous pop left off). */
#define HMAP_FOR_EACH_POP(NODE, MEMBER, HMAP)                           \
    HMAP_FOR_EACH_POP__(NODE, MEMBER, HMAP, SVS_JOIN(hmap_pop__, __LINE__))
#define HMAP_FOR_EACH_POP__(NODE, MEMBER, HMAP, V)                      \
    for (struct { size_t bucket; struct hmap_node *node; } V = { 0, NULL }; \
         ((V).node = hmap_pop_helper__(HMAP, &(V).bucket))              \
         ? (ASSIGN_CONTAINER(NODE, (V).node, MEMBER), 1) : 0; )

static inline struct hmap_node *
hmap_pop_helper__(struct hmap *hmap, size_t *bucket)
{
    for (; *bucket <= hmap->mask; (*bucket)++) {
        struct hmap_node *node = hmap->buckets[*bucket];
        if (node) {
            hmap_remove(hmap, node);
            return node;
        }
    }
    return NULL;
}

#endif /* hmap.h */
