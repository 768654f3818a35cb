/* hmap.c: hash map resizing and iteration. */
#include <config.h>
#include "hmap.h"

#include <stdlib.h>
#include "random.h"

void
hmap_init(struct hmap *hmap)
{
    hmap->buckets = &hmap->one;
    hmap->one = NULL;
    hmap->mask = 0;
    hmap->n = 0;
}

void
hmap_destroy(struct hmap *hmap)
{
    if (hmap && hmap->buckets != &hmap->one) {
        free(hmap->buckets);
    }
}

void
hmap_clear(struct hmap *hmap)
{
    if (hmap->n > 0) {
        hmap->n = 0;
        memset(hmap->buckets, 0, (hmap->mask + 1) * sizeof *hmap->buckets);
    }
}

void
hmap_swap(struct hmap *a, struct hmap *b)
{
    struct hmap tmp = *a;
    *a = *b;
    *b = tmp;
    hmap_moved(a);
    hmap_moved(b);
}

void
hmap_moved(struct hmap *hmap)
{
    if (!hmap->mask) {
        hmap->buckets = &hmap->one;
    }
}

static void
resize(struct hmap *hmap, size_t new_mask)
{
    struct hmap tmp;

    tmp.n = 0;
    tmp.mask = new_mask;
    if (new_mask) {
        tmp.buckets = xcalloc(new_mask + 1, sizeof *tmp.buckets);
        tmp.one = NULL;
    } else {
        tmp.buckets = &tmp.one;
        tmp.one = NULL;
    }
    for (size_t i = 0; i <= hmap->mask; i++) {
        struct hmap_node *node, *next;
        for (node = hmap->buckets[i]; node; node = next) {
            next = node->next;
            hmap_insert_fast(&tmp, node, node->hash);
        }
    }
    hmap_swap(hmap, &tmp);
    hmap_destroy(&tmp);
}

static size_t
calc_mask(size_t capacity)
{
    size_t mask = capacity / 2;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
#if SIZE_MAX > UINT32_MAX
    mask |= mask >> 32;
#endif
    /* Allow a load factor of up to 2 with at least 4 buckets once the
     * table holds anything. */
    if (mask) {
        mask = MAX(mask, 3);
    }
    return mask;
}

void
hmap_expand_at(struct hmap *hmap, const char *where SVS_UNUSED)
{
    size_t new_mask = calc_mask(hmap->n);
    if (new_mask > hmap->mask) {
        resize(hmap, new_mask);
    }
}

void
hmap_shrink_at(struct hmap *hmap, const char *where SVS_UNUSED)
{
    size_t new_mask = calc_mask(hmap->n);
    if (new_mask < hmap->mask) {
        resize(hmap, new_mask);
    }
}

void
hmap_reserve_at(struct hmap *hmap, size_t n, const char *where SVS_UNUSED)
{
    size_t new_mask = calc_mask(n);
    if (new_mask > hmap->mask) {
        resize(hmap, new_mask);
    }
}

void
hmap_replace(struct hmap *hmap, const struct hmap_node *old_node,
             struct hmap_node *new_node)
{
    struct hmap_node **bucket = &hmap->buckets[old_node->hash & hmap->mask];
    while (*bucket != old_node) {
        bucket = &(*bucket)->next;
    }
    *bucket = new_node;
    new_node->hash = old_node->hash;
    new_node->next = old_node->next;
}

bool
hmap_contains(const struct hmap *hmap, const struct hmap_node *node)
{
    for (struct hmap_node *p = hmap_first_with_hash(hmap, node->hash); p;
         p = hmap_next_with_hash(p)) {
        if (p == node) {
            return true;
        }
    }
    return false;
}

static struct hmap_node *
first_from_bucket(const struct hmap *hmap, size_t start)
{
    for (size_t i = start; i <= hmap->mask; i++) {
        if (hmap->buckets[i]) {
            return hmap->buckets[i];
        }
    }
    return NULL;
}

struct hmap_node *
hmap_first(const struct hmap *hmap)
{
    return first_from_bucket(hmap, 0);
}

struct hmap_node *
hmap_next(const struct hmap *hmap, const struct hmap_node *node)
{
    return (node->next
            ? node->next
            : first_from_bucket(hmap, (node->hash & hmap->mask) + 1));
}

struct hmap_node *
hmap_random_node(const struct hmap *hmap)
{
    if (!hmap->n) {
        return NULL;
    }
    for (;;) {
        struct hmap_node *bucket = hmap->buckets[random_uint32() & hmap->mask];
        if (bucket) {
            size_t n = 0;
            for (struct hmap_node *p = bucket; p; p = p->next) {
                n++;
            }
            size_t k = random_range(n);
            while (k--) {
                bucket = bucket->next;
            }
            return bucket;
        }
    }
}
