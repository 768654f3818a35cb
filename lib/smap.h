/* smap.h: a map from strings to strings, for the "options" and
 * "other_config" style columns of the database and for provider
 * configuration.
 *
 * What: a thin layer over 'struct shash' whose data are malloc'd strings
 * owned by the map.  Iteration order is unspecified; smap_sort() gives
 * name order.
 *
 * Thread-safety: none; a map belongs to one thread at a time. */
#ifndef SVS_SMAP_H
#define SVS_SMAP_H 1

#include <stdbool.h>
#include <stddef.h>
#include "shash.h"

struct ds;

struct smap {
    struct shash map;           /* Values are malloc'd 'char *'. */
};

#define SMAP_INITIALIZER(SMAP) { SHASH_INITIALIZER(&(SMAP)->map) }
#define SMAP_FOR_EACH(NODE, SMAP) SHASH_FOR_EACH (NODE, &(SMAP)->map)

void smap_init(struct smap *);
void smap_destroy(struct smap *);
void smap_clear(struct smap *);
void smap_clone(struct smap *dst, const struct smap *src);

/* Adds or replaces 'key' with a copy of 'value'. */
void smap_replace(struct smap *, const char *key, const char *value);
void smap_add_format(struct smap *, const char *key, const char *format, ...)
    SVS_PRINTF_FORMAT(3, 4);
bool smap_remove(struct smap *, const char *key);

/* Fills 'smap' from the parallel arrays of a database map column. */
void smap_from_arrays(struct smap *, char **keys, char **values, size_t n);

const char *smap_get(const struct smap *, const char *key);
const char *smap_get_def(const struct smap *, const char *key,
                         const char *def);
bool smap_get_bool(const struct smap *, const char *key, bool def);
int smap_get_int(const struct smap *, const char *key, int def);
unsigned long long smap_get_ullong(const struct smap *, const char *key,
                                   unsigned long long def);
size_t smap_count(const struct smap *);
bool smap_is_empty(const struct smap *);
bool smap_equal(const struct smap *, const struct smap *);

/* Nodes sorted by key; the caller frees the array (not the nodes). */
const struct shash_node **smap_sort(const struct smap *);
/* Appends "k1=v1, k2=v2" in key order. */
void smap_format(const struct smap *, struct ds *);

#endif /* smap.h */
