/* cls-cmap.c: RCU-safe hash maps for the classifier (see cls-cmap.h). */
#include <config.h>
#include "cls-cmap.h"

#include <stdlib.h>
#include "util.h"

/* The map with no slots to spare: every map starts with it, and the first
 * insertion replaces it.  It is never written or freed. */
static struct cls_cmap_impl empty_cmap = {
    .mask = 0, .slots = { { 0, NULL } },
};
static struct cls_ccmap_impl empty_ccmap = {
    .mask = 0, .slots = { 0 },
};

/* Returns the number of slots for a rebuilt map with 'n' live entries: a
 * power of 2 at least 16 with 'n' at most half full. */
static size_t
rebuilt_capacity(size_t n)
{
    size_t cap = 16;

    while (cap / 2 < n) {
        cap *= 2;
    }
    return cap;
}

/* True if a map of 'cap' slots with 'n' live entries and 'n_used'
 * non-empty slots must be rebuilt before one more slot is used. */
static bool
must_rebuild(size_t cap, size_t n, size_t n_used)
{
    return ((n_used + 1) * 4 > cap * 3
            || (cap > 16 && (n + 1) * 16 < cap));
}

/* Pointer map. */

static struct cls_cmap_impl *
cmap_impl_alloc(size_t cap)
{
    struct cls_cmap_impl *impl;

    impl = xzalloc(sizeof *impl + cap * sizeof *impl->slots);
    impl->mask = cap - 1;
    return impl;
}

void
cls_cmap_init(struct cls_cmap *map)
{
    map->impl = &empty_cmap;
}

void
cls_cmap_destroy(struct cls_cmap *map, struct cls_garbage *g)
{
    if (map->impl != &empty_cmap) {
        cls_garbage_add(g, map->impl);
    }
    map->impl = &empty_cmap;
}

size_t
cls_cmap_count(const struct cls_cmap *map)
{
    return map->impl->n;
}

size_t
cls_cmap_memory(const struct cls_cmap *map)
{
    const struct cls_cmap_impl *impl = map->impl;

    return (impl == &empty_cmap ? 0
            : sizeof *impl + (impl->mask + 1) * sizeof *impl->slots);
}

static void
cmap_rebuild(struct cls_cmap *map, size_t n, struct cls_garbage *g)
{
    struct cls_cmap_impl *old = map->impl;
    struct cls_cmap_impl *new = cmap_impl_alloc(rebuilt_capacity(n));

    for (size_t i = 0; i <= old->mask; i++) {
        const struct cls_cmap_slot *slot = &old->slots[i];
        if (slot->hash && slot->ptr != CLS_CMAP_TOMB && slot->ptr) {
            size_t j = slot->hash & new->mask;
            while (new->slots[j].hash) {
                j = (j + 1) & new->mask;
            }
            new->slots[j] = *slot;
            new->n++;
        }
    }
    cls_rcu_set(map->impl, new);
    if (old != &empty_cmap) {
        cls_garbage_add(g, old);
    }
}

void
cls_cmap_insert(struct cls_cmap *map, void *ptr, uint32_t hash,
                struct cls_garbage *g)
{
    struct cls_cmap_impl *impl = map->impl;

    if (must_rebuild(impl->mask + 1, impl->n, impl->n + impl->n_tomb)) {
        cmap_rebuild(map, impl->n + 1, g);
        impl = map->impl;
    }

    uint32_t h = cls_cmap_stored_hash(hash);
    size_t i = h & impl->mask;
    while (impl->slots[i].hash && impl->slots[i].ptr != CLS_CMAP_TOMB) {
        i = (i + 1) & impl->mask;
    }
    if (impl->slots[i].hash) {
        impl->n_tomb--;
    }
    /* Pointer first: a reader that sees the new hash sees the pointer. */
    cls_rcu_set(impl->slots[i].ptr, ptr);
    cls_rcu_set(impl->slots[i].hash, h);
    impl->n++;
}

static size_t
cmap_find_slot(const struct cls_cmap_impl *impl, const void *ptr,
               uint32_t hash)
{
    uint32_t h = cls_cmap_stored_hash(hash);

    for (size_t i = h & impl->mask; ; i = (i + 1) & impl->mask) {
        svs_assert(impl->slots[i].hash);
        if (impl->slots[i].hash == h && impl->slots[i].ptr == ptr) {
            return i;
        }
    }
}

void
cls_cmap_remove(struct cls_cmap *map, void *ptr, uint32_t hash)
{
    struct cls_cmap_impl *impl = map->impl;
    size_t i = cmap_find_slot(impl, ptr, hash);

    cls_rcu_set(impl->slots[i].ptr, CLS_CMAP_TOMB);
    impl->n--;
    impl->n_tomb++;
}

void
cls_cmap_replace(struct cls_cmap *map, void *old, void *new, uint32_t hash)
{
    struct cls_cmap_impl *impl = map->impl;
    size_t i = cmap_find_slot(impl, old, hash);

    cls_rcu_set(impl->slots[i].ptr, new);
}

void *
cls_cmap_next_slot(const struct cls_cmap *map, size_t *slot)
{
    const struct cls_cmap_impl *impl = map->impl;

    for (size_t i = *slot; i <= impl->mask; i++) {
        void *ptr = impl->slots[i].ptr;
        if (impl->slots[i].hash && ptr && ptr != CLS_CMAP_TOMB) {
            *slot = i + 1;
            return ptr;
        }
    }
    *slot = impl->mask + 1;
    return NULL;
}

/* Counting map. */

#define CCMAP_USED (UINT64_C(1) << 63)

static inline uint32_t
ccmap_count(uint64_t v)
{
    return (v >> 32) & 0x7fffffff;
}

static inline uint64_t
ccmap_slot(uint32_t hash, uint32_t count)
{
    return CCMAP_USED | ((uint64_t) count << 32) | hash;
}

void
cls_ccmap_init(struct cls_ccmap *map)
{
    map->impl = &empty_ccmap;
}

void
cls_ccmap_destroy(struct cls_ccmap *map, struct cls_garbage *g)
{
    if (map->impl != &empty_ccmap) {
        cls_garbage_add(g, map->impl);
    }
    map->impl = &empty_ccmap;
}

size_t
cls_ccmap_memory(const struct cls_ccmap *map)
{
    const struct cls_ccmap_impl *impl = map->impl;

    return (impl == &empty_ccmap ? 0
            : sizeof *impl + (impl->mask + 1) * sizeof(uint64_t));
}

static void
ccmap_rebuild(struct cls_ccmap *map, size_t n, struct cls_garbage *g)
{
    struct cls_ccmap_impl *old = map->impl;
    size_t cap = rebuilt_capacity(n);
    struct cls_ccmap_impl *new = xzalloc(sizeof *new + cap * sizeof(uint64_t));

    new->mask = cap - 1;
    for (size_t i = 0; i <= old->mask; i++) {
        uint64_t v = old->slots[i];
        if (v && ccmap_count(v)) {
            size_t j = (uint32_t) v & new->mask;
            while (new->slots[j]) {
                j = (j + 1) & new->mask;
            }
            new->slots[j] = v;
            new->n++;
        }
    }
    new->n_used = new->n;
    cls_rcu_set(map->impl, new);
    if (old != &empty_ccmap) {
        cls_garbage_add(g, old);
    }
}

void
cls_ccmap_inc(struct cls_ccmap *map, uint32_t hash, struct cls_garbage *g)
{
    struct cls_ccmap_impl *impl = map->impl;
    size_t free_slot = SIZE_MAX;
    size_t i;

    for (i = hash & impl->mask; impl->slots[i]; i = (i + 1) & impl->mask) {
        uint64_t v = impl->slots[i];
        if ((uint32_t) v == hash) {
            uint32_t count = ccmap_count(v);
            if (!count) {
                impl->n++;
            }
            cls_relaxed_set(impl->slots[i], ccmap_slot(hash, count + 1));
            return;
        }
        if (!ccmap_count(v) && free_slot == SIZE_MAX) {
            free_slot = i;
        }
    }

    if (free_slot != SIZE_MAX) {
        cls_relaxed_set(impl->slots[free_slot], ccmap_slot(hash, 1));
        impl->n++;
        return;
    }
    if (must_rebuild(impl->mask + 1, impl->n, impl->n_used)) {
        ccmap_rebuild(map, impl->n + 1, g);
        impl = map->impl;
        for (i = hash & impl->mask; impl->slots[i];
             i = (i + 1) & impl->mask) {
            continue;
        }
    }
    cls_relaxed_set(impl->slots[i], ccmap_slot(hash, 1));
    impl->n++;
    impl->n_used++;
}

void
cls_ccmap_dec(struct cls_ccmap *map, uint32_t hash)
{
    struct cls_ccmap_impl *impl = map->impl;

    for (size_t i = hash & impl->mask; ; i = (i + 1) & impl->mask) {
        uint64_t v = impl->slots[i];
        svs_assert(v);
        if ((uint32_t) v == hash) {
            uint32_t count = ccmap_count(v);
            svs_assert(count);
            cls_relaxed_set(impl->slots[i], ccmap_slot(hash, count - 1));
            if (count == 1) {
                impl->n--;
            }
            return;
        }
    }
}
