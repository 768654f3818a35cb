/* sset.c: string sets. */
#include <config.h>
#include "sset.h"

#include <stdlib.h>
#include "hash.h"

static struct sset_node *
sset_find__(const struct sset *set, const char *name, size_t hash)
{
    struct sset_node *node;
    HMAP_FOR_EACH_WITH_HASH (node, hmap_node, hash, &set->map) {
        if (!strcmp(node->name, name)) {
            return node;
        }
    }
    return NULL;
}

static struct sset_node *
sset_add__(struct sset *set, const char *name, size_t length, size_t hash)
{
    struct sset_node *node = xmalloc(length + sizeof *node + 1);
    memcpy(node->name, name, length + 1);
    hmap_insert(&set->map, &node->hmap_node, hash);
    return node;
}

void
sset_init(struct sset *set)
{
    hmap_init(&set->map);
}

void
sset_destroy(struct sset *set)
{
    if (set) {
        sset_clear(set);
        hmap_destroy(&set->map);
    }
}

void
sset_clone(struct sset *set, const struct sset *orig)
{
    struct sset_node *node;
    sset_init(set);
    HMAP_FOR_EACH (node, hmap_node, &orig->map) {
        sset_add__(set, node->name, strlen(node->name), node->hmap_node.hash);
    }
}

void
sset_swap(struct sset *a, struct sset *b)
{
    hmap_swap(&a->map, &b->map);
}

void
sset_moved(struct sset *set)
{
    hmap_moved(&set->map);
}

void
sset_clear(struct sset *set)
{
    struct sset_node *node;
    HMAP_FOR_EACH_POP (node, hmap_node, &set->map) {
        free(node);
    }
}

bool
sset_is_empty(const struct sset *set)
{
    return hmap_is_empty(&set->map);
}

size_t
sset_count(const struct sset *set)
{
    return hmap_count(&set->map);
}

struct sset_node *
sset_add(struct sset *set, const char *name)
{
    size_t length = strlen(name);
    size_t hash = hash_bytes(name, length, 0);
    return (sset_find__(set, name, hash)
            ? NULL
            : sset_add__(set, name, length, hash));
}

struct sset_node *
sset_add_and_free(struct sset *set, char *name)
{
    struct sset_node *node = sset_add(set, name);
    free(name);
    return node;
}

void
sset_add_assert(struct sset *set, const char *name)
{
    bool added = sset_add(set, name) != NULL;
    svs_assert(added);
}

void
sset_add_array(struct sset *set, char **names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sset_add(set, names[i]);
    }
}

void
sset_delete(struct sset *set, struct sset_node *node)
{
    hmap_remove(&set->map, &node->hmap_node);
    free(node);
}

bool
sset_find_and_delete(struct sset *set, const char *name)
{
    struct sset_node *node = sset_find(set, name);
    if (node) {
        sset_delete(set, node);
    }
    return node != NULL;
}

struct sset_node *
sset_find(const struct sset *set, const char *name)
{
    return sset_find__(set, name, hash_string(name, 0));
}

bool
sset_contains(const struct sset *set, const char *name)
{
    return sset_find(set, name) != NULL;
}

bool
sset_equals(const struct sset *a, const struct sset *b)
{
    struct sset_node *node;

    if (sset_count(a) != sset_count(b)) {
        return false;
    }
    HMAP_FOR_EACH (node, hmap_node, &a->map) {
        if (!sset_find__(b, node->name, node->hmap_node.hash)) {
            return false;
        }
    }
    return true;
}

const char **
sset_array(const struct sset *set)
{
    size_t n = sset_count(set);
    const char **array = xmalloc(sizeof *array * (n + 1));
    struct sset_node *node;
    size_t i = 0;

    HMAP_FOR_EACH (node, hmap_node, &set->map) {
        array[i++] = node->name;
    }
    array[n] = NULL;
    return array;
}

static int
compare_string_pointers(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

const char **
sset_sort(const struct sset *set)
{
    const char **array = sset_array(set);
    qsort(array, sset_count(set), sizeof *array, compare_string_pointers);
    return array;
}

const char *
sset_first(const struct sset *set)
{
    struct hmap_node *hmap_node = hmap_first(&set->map);
    return hmap_node ? SSET_NAME_FROM_HMAP_NODE(hmap_node) : NULL;
}
