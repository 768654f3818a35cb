/* smap.c: string-to-string maps (see smap.h). */
#include <config.h>
#include "smap.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "dynamic-string.h"
#include "util.h"

void
smap_init(struct smap *smap)
{
    shash_init(&smap->map);
}

void
smap_destroy(struct smap *smap)
{
    if (smap) {
        shash_destroy_free_data(&smap->map);
    }
}

void
smap_clear(struct smap *smap)
{
    shash_clear_free_data(&smap->map);
}

void
smap_clone(struct smap *dst, const struct smap *src)
{
    const struct shash_node *node;

    smap_init(dst);
    SMAP_FOR_EACH (node, src) {
        shash_add(&dst->map, node->name, xstrdup(node->data));
    }
}

void
smap_replace(struct smap *smap, const char *key, const char *value)
{
    free(shash_replace(&smap->map, key, xstrdup(value)));
}

void
smap_add_format(struct smap *smap, const char *key, const char *format, ...)
{
    va_list args;
    char *value;

    va_start(args, format);
    value = xvasprintf(format, args);
    va_end(args);
    free(shash_replace(&smap->map, key, value));
}

bool
smap_remove(struct smap *smap, const char *key)
{
    struct shash_node *node = shash_find(&smap->map, key);

    if (!node) {
        return false;
    }
    free(node->data);
    shash_delete(&smap->map, node);
    return true;
}

void
smap_from_arrays(struct smap *smap, char **keys, char **values, size_t n)
{
    smap_init(smap);
    for (size_t i = 0; i < n; i++) {
        smap_replace(smap, keys[i], values[i]);
    }
}

const char *
smap_get(const struct smap *smap, const char *key)
{
    return shash_find_data(&smap->map, key);
}

const char *
smap_get_def(const struct smap *smap, const char *key, const char *def)
{
    const char *value = smap_get(smap, key);

    return value ? value : def;
}

bool
smap_get_bool(const struct smap *smap, const char *key, bool def)
{
    const char *value = smap_get(smap, key);

    if (!value) {
        return def;
    }
    return def ? strcasecmp(value, "false") != 0
               : strcasecmp(value, "true") == 0;
}

int
smap_get_int(const struct smap *smap, const char *key, int def)
{
    const char *value = smap_get(smap, key);
    char *end;
    long n;

    if (!value || !*value) {
        return def;
    }
    errno = 0;
    n = strtol(value, &end, 0);
    return *end || errno || n < INT_MIN || n > INT_MAX ? def : (int) n;
}

unsigned long long
smap_get_ullong(const struct smap *smap, const char *key,
                unsigned long long def)
{
    const char *value = smap_get(smap, key);
    unsigned long long n;
    char *end;

    if (!value || !*value || *value == '-') {
        return def;
    }
    errno = 0;
    n = strtoull(value, &end, 0);
    return *end || errno ? def : n;
}

size_t
smap_count(const struct smap *smap)
{
    return shash_count(&smap->map);
}

bool
smap_is_empty(const struct smap *smap)
{
    return shash_is_empty(&smap->map);
}

bool
smap_equal(const struct smap *a, const struct smap *b)
{
    const struct shash_node *node;

    if (smap_count(a) != smap_count(b)) {
        return false;
    }
    SMAP_FOR_EACH (node, a) {
        const char *value = smap_get(b, node->name);

        if (!value || strcmp(value, node->data)) {
            return false;
        }
    }
    return true;
}

const struct shash_node **
smap_sort(const struct smap *smap)
{
    return shash_sort(&smap->map);
}

void
smap_format(const struct smap *smap, struct ds *s)
{
    const struct shash_node **nodes = smap_sort(smap);
    size_t n = smap_count(smap);

    for (size_t i = 0; i < n; i++) {
        ds_put_format(s, "%s%s=%s", i ? ", " : "", nodes[i]->name,
                      (const char *) nodes[i]->data);
    }
    free(nodes);
}
