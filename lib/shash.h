/* shash.h: a map from strings to pointers, built on hmap.
 *
 * Each node owns a copy of its name; the data pointer is the caller's.
 * Iteration order is unspecified; shash_sort() gives name order.  Not
 * thread-safe. */
#ifndef SVS_SHASH_H
#define SVS_SHASH_H 1

#include "hmap.h"

struct shash_node {
    struct hmap_node node;
    char *name;
    void *data;
};

struct shash {
    struct hmap map;
};

#define SHASH_INITIALIZER(SHASH) { HMAP_INITIALIZER(&(SHASH)->map) }

#define SHASH_FOR_EACH(NODE, SHASH) \
    HMAP_FOR_EACH (NODE, node, &(SHASH)->map)
#define SHASH_FOR_EACH_SAFE(NODE, NEXT, SHASH) \
    HMAP_FOR_EACH_SAFE (NODE, NEXT, node, &(SHASH)->map)

void shash_init(struct shash *);
/* Frees the nodes but not their data. */
void shash_destroy(struct shash *);
/* Frees the nodes and calls free() on their data. */
void shash_destroy_free_data(struct shash *);
void shash_swap(struct shash *, struct shash *);
void shash_moved(struct shash *);
void shash_clear(struct shash *);
void shash_clear_free_data(struct shash *);
bool shash_is_empty(const struct shash *);
size_t shash_count(const struct shash *);
/* Adds 'name' (copied) even if already present; returns the new node. */
struct shash_node *shash_add(struct shash *, const char *name, const void *);
/* Like shash_add() but takes ownership of 'name'. */
struct shash_node *shash_add_nocopy(struct shash *, char *name, const void *);
/* Adds 'name' only if absent; returns false if it was present. */
bool shash_add_once(struct shash *, const char *name, const void *);
void shash_add_assert(struct shash *, const char *name, const void *);
/* Sets 'name' to 'data', returning the old data or NULL if absent. */
void *shash_replace(struct shash *, const char *name, const void *data);
void shash_delete(struct shash *, struct shash_node *);
/* Removes 'node' and returns its name, which the caller frees. */
char *shash_steal(struct shash *, struct shash_node *);
struct shash_node *shash_find(const struct shash *, const char *name);
struct shash_node *shash_find_len(const struct shash *, const char *name,
                                  size_t len);
void *shash_find_data(const struct shash *, const char *name);
void *shash_find_and_delete(struct shash *, const char *name);
struct shash_node *shash_first(const struct shash *);
/* Returns an array of the nodes sorted by name; the caller frees the
 * array (not the nodes). */
const struct shash_node **shash_sort(const struct shash *);
bool shash_equal_keys(const struct shash *, const struct shash *);

#endif /* shash.h */
