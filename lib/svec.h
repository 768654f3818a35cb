/* svec.h: a growable vector of owned strings.  Not thread-safe. */
#ifndef SVS_SVEC_H
#define SVS_SVEC_H 1

#include <stdbool.h>
#include <stddef.h>

struct svec {
    char **names;       /* Null-terminated when n < allocated... see
                         * svec_terminate(). */
    size_t n;
    size_t allocated;
};

#define SVEC_EMPTY_INITIALIZER { NULL, 0, 0 }

void svec_init(struct svec *);
void svec_clone(struct svec *, const struct svec *);
void svec_destroy(struct svec *);
void svec_clear(struct svec *);
void svec_add(struct svec *, const char *);
void svec_add_nocopy(struct svec *, char *);
void svec_append(struct svec *, const struct svec *);
void svec_terminate(struct svec *);
void svec_sort(struct svec *);
void svec_sort_unique(struct svec *);
bool svec_contains(const struct svec *, const char *);
/* Splits 'words' at white space into 'svec', honoring double quotes and
 * backslash escapes as a shell would. */
void svec_parse_words(struct svec *, const char *words);
/* Returns the elements joined with 'delimiter' and followed by
 * 'terminator'; the caller frees the result. */
char *svec_join(const struct svec *, const char *delimiter,
                const char *terminator);
void svec_pop_back(struct svec *);
const char *svec_back(const struct svec *);

#define SVEC_FOR_EACH(INDEX, NAME, SVEC)                                \
    for ((INDEX) = 0;                                                   \
         (INDEX) < (SVEC)->n ? ((NAME) = (SVEC)->names[INDEX], 1) : 0;  \
         (INDEX)++)

#endif /* svec.h */
