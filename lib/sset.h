/* sset.h: a set of strings, built on hmap.  Not thread-safe. */
#ifndef SVS_SSET_H
#define SVS_SSET_H 1

#include "hmap.h"

struct sset_node {
    struct hmap_node hmap_node;
    char name[];
};

struct sset {
    struct hmap map;
};

#define SSET_INITIALIZER(SSET) { HMAP_INITIALIZER(&(SSET)->map) }

void sset_init(struct sset *);
void sset_destroy(struct sset *);
void sset_clone(struct sset *, const struct sset *);
void sset_swap(struct sset *, struct sset *);
void sset_moved(struct sset *);
void sset_clear(struct sset *);
bool sset_is_empty(const struct sset *);
size_t sset_count(const struct sset *);
/* Adds 'name' if absent; returns its node if added, NULL if present. */
struct sset_node *sset_add(struct sset *, const char *);
struct sset_node *sset_add_and_free(struct sset *, char *);
void sset_add_assert(struct sset *, const char *);
void sset_add_array(struct sset *, char **, size_t);
bool sset_find_and_delete(struct sset *, const char *);
void sset_delete(struct sset *, struct sset_node *);
struct sset_node *sset_find(const struct sset *, const char *);
bool sset_contains(const struct sset *, const char *);
bool sset_equals(const struct sset *, const struct sset *);
/* Returns a null-terminated array of the names, sorted; the caller frees
 * the array only. */
const char **sset_sort(const struct sset *);
const char **sset_array(const struct sset *);
const char *sset_first(const struct sset *);

#define SSET_NODE_FROM_HMAP_NODE(HMAP_NODE) \
    CONTAINER_OF(HMAP_NODE, struct sset_node, hmap_node)
#define SSET_NAME_FROM_HMAP_NODE(HMAP_NODE) \
    (SSET_NODE_FROM_HMAP_NODE(HMAP_NODE)->name)
#define SSET_FOR_EACH(NAME, SSET)                                       \
    for (struct hmap_node *sset_node__ = hmap_first(&(SSET)->map);      \
         (sset_node__                                                   \
          ? ((NAME) = SSET_NAME_FROM_HMAP_NODE(sset_node__), 1) : 0);   \
         sset_node__ = hmap_next(&(SSET)->map, sset_node__))
#define SSET_FOR_EACH_SAFE(NAME, SSET)                                  \
    for (struct hmap_node *sset_node__ = hmap_first(&(SSET)->map),      \
             *sset_next__ = NULL;                                       \
         (sset_node__                                                   \
          ? ((NAME) = SSET_NAME_FROM_HMAP_NODE(sset_node__),            \
             sset_next__ = hmap_next(&(SSET)->map, sset_node__), 1)     \
          : 0);                                                         \
         sset_node__ = sset_next__)

#endif /* sset.h */
