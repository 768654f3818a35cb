/* svec.c: string vectors. */
#include <config.h>
#include "svec.h"

#include <ctype.h>
#include <stdlib.h>
#include "dynamic-string.h"
#include "util.h"

void
svec_init(struct svec *svec)
{
    svec->names = NULL;
    svec->n = 0;
    svec->allocated = 0;
}

void
svec_clone(struct svec *svec, const struct svec *other)
{
    svec_init(svec);
    svec_append(svec, other);
}

void
svec_destroy(struct svec *svec)
{
    svec_clear(svec);
    free(svec->names);
}

void
svec_clear(struct svec *svec)
{
    for (size_t i = 0; i < svec->n; i++) {
        free(svec->names[i]);
    }
    svec->n = 0;
}

void
svec_add_nocopy(struct svec *svec, char *name)
{
    if (svec->n >= svec->allocated) {
        svec->names = x2nrealloc(svec->names, &svec->allocated,
                                 sizeof *svec->names);
    }
    svec->names[svec->n++] = name;
}

void
svec_add(struct svec *svec, const char *name)
{
    svec_add_nocopy(svec, xstrdup(name));
}

void
svec_append(struct svec *svec, const struct svec *other)
{
    for (size_t i = 0; i < other->n; i++) {
        svec_add(svec, other->names[i]);
    }
}

void
svec_terminate(struct svec *svec)
{
    if (svec->n >= svec->allocated) {
        svec->names = x2nrealloc(svec->names, &svec->allocated,
                                 sizeof *svec->names);
    }
    svec->names[svec->n] = NULL;
}

static int
compare_strings(const void *a_, const void *b_)
{
    char *const *a = a_;
    char *const *b = b_;
    return strcmp(*a, *b);
}

void
svec_sort(struct svec *svec)
{
    if (svec->n) {
        qsort(svec->names, svec->n, sizeof *svec->names, compare_strings);
    }
}

void
svec_sort_unique(struct svec *svec)
{
    svec_sort(svec);
    size_t j = 0;
    for (size_t i = 0; i < svec->n; i++) {
        if (j && !strcmp(svec->names[i], svec->names[j - 1])) {
            free(svec->names[i]);
        } else {
            svec->names[j++] = svec->names[i];
        }
    }
    svec->n = j;
}

bool
svec_contains(const struct svec *svec, const char *name)
{
    for (size_t i = 0; i < svec->n; i++) {
        if (!strcmp(svec->names[i], name)) {
            return true;
        }
    }
    return false;
}

void
svec_parse_words(struct svec *svec, const char *words)
{
    struct ds word = DS_EMPTY_INITIALIZER;
    const char *p = words;

    for (;;) {
        while (isspace((unsigned char) *p)) {
            p++;
        }
        if (!*p) {
            break;
        }
        int quote = 0;
        ds_clear(&word);
        for (; *p != '\0'; p++) {
            if (*p == quote) {
                quote = 0;
            } else if (*p == '\'' || *p == '"') {
                if (!quote) {
                    quote = *p;
                } else {
                    ds_put_char(&word, *p);
                }
            } else if (*p == '\\' && (!quote || quote == '"')) {
                p++;
                if (*p == '\0') {
                    break;
                }
                ds_put_char(&word, *p);
            } else if (isspace((unsigned char) *p) && !quote) {
                p++;
                break;
            } else {
                ds_put_char(&word, *p);
            }
        }
        svec_add(svec, ds_cstr(&word));
    }
    ds_destroy(&word);
}

char *
svec_join(const struct svec *svec, const char *delimiter,
          const char *terminator)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    for (size_t i = 0; i < svec->n; i++) {
        if (i) {
            ds_put_cstr(&ds, delimiter);
        }
        ds_put_cstr(&ds, svec->names[i]);
    }
    ds_put_cstr(&ds, terminator);
    return ds_steal_cstr(&ds);
}

void
svec_pop_back(struct svec *svec)
{
    svs_assert(svec->n);
    free(svec->names[--svec->n]);
}

const char *
svec_back(const struct svec *svec)
{
    svs_assert(svec->n);
    return svec->names[svec->n - 1];
}
