/* dynamic-string.h: a growable, always null-terminated string buffer.
 *
 * 'string' is NULL until the first append; ds_cstr() always returns a
 * valid string.  Not thread-safe: one owner at a time. */
#ifndef SVS_DYNAMIC_STRING_H
#define SVS_DYNAMIC_STRING_H 1

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "compiler.h"

struct ds {
    char *string;       /* Null-terminated, or NULL if never written. */
    size_t length;      /* Bytes used, not counting the null. */
    size_t allocated;   /* Bytes allocated, not counting the null. */
};

#define DS_EMPTY_INITIALIZER { NULL, 0, 0 }

void ds_init(struct ds *);
void ds_clear(struct ds *);
void ds_truncate(struct ds *, size_t new_length);
void ds_reserve(struct ds *, size_t min_length);
/* Makes room for 'n' more bytes and returns a pointer to them; the caller
 * fills them in.  The length grows by 'n'. */
char *ds_put_uninit(struct ds *, size_t n);
static inline void
ds_put_char(struct ds *ds, char c)
{
    if (ds->length < ds->allocated) {
        ds->string[ds->length++] = c;
        ds->string[ds->length] = '\0';
    } else {
        *ds_put_uninit(ds, 1) = c;
    }
}
void ds_put_char_multiple(struct ds *, char, size_t n);
void ds_put_buffer(struct ds *, const char *, size_t n);
void ds_put_cstr(struct ds *, const char *);
void ds_put_and_free_cstr(struct ds *, char *);
void ds_put_format(struct ds *, const char *, ...) SVS_PRINTF_FORMAT(2, 3);
void ds_put_format_valist(struct ds *, const char *, va_list)
    SVS_PRINTF_FORMAT(2, 0);
/* Appends the local time 'when' (seconds since the epoch) formatted by
 * strftime() 'template'; "%.###" in the template is replaced by
 * milliseconds from 'when_ms' when given as ..._msec. */
void ds_put_strftime_msec(struct ds *, const char *template, long long when_ms,
                          bool utc);
char *xastrftime_msec(const char *template, long long when_ms, bool utc);
/* Appends a hex dump of 'size' bytes starting at 'buf', 'ofs' being the
 * offset to print for the first byte, with ASCII on the right if
 * 'ascii'. */
void ds_put_hex_dump(struct ds *, const void *buf, size_t size,
                     size_t ofs, bool ascii);
void ds_put_hex(struct ds *, const void *buf, size_t size);
/* Reads a line from 'file' into 'ds' (replacing its contents), without
 * the newline.  Returns 0 on success, EOF at end of file. */
int ds_get_line(struct ds *, FILE *);

char *ds_cstr(struct ds *);
const char *ds_cstr_ro(const struct ds *);
/* Returns the string and reinitializes 'ds'; the caller frees it. */
char *ds_steal_cstr(struct ds *);
void ds_destroy(struct ds *);
void ds_swap(struct ds *, struct ds *);
int ds_last(const struct ds *);
bool ds_chomp(struct ds *, int c);
void ds_clone(struct ds *dst, struct ds *src);

#endif /* dynamic-string.h */
