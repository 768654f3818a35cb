/* dynamic-string.c: growable strings. */
#include <config.h>
#include "dynamic-string.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "util.h"

void
ds_init(struct ds *ds)
{
    ds->string = NULL;
    ds->length = 0;
    ds->allocated = 0;
}

void
ds_clear(struct ds *ds)
{
    ds->length = 0;
    if (ds->string) {
        ds->string[0] = '\0';
    }
}

void
ds_truncate(struct ds *ds, size_t new_length)
{
    if (ds->length > new_length) {
        ds->length = new_length;
        ds->string[new_length] = '\0';
    }
}

void
ds_reserve(struct ds *ds, size_t min_length)
{
    if (min_length > ds->allocated || !ds->string) {
        ds->allocated += MAX(min_length, ds->allocated);
        ds->allocated = MAX(8, ds->allocated);
        ds->string = xrealloc(ds->string, ds->allocated + 1);
    }
}

char *
ds_put_uninit(struct ds *ds, size_t n)
{
    ds_reserve(ds, ds->length + n);
    ds->length += n;
    ds->string[ds->length] = '\0';
    return &ds->string[ds->length - n];
}

void
ds_put_char_multiple(struct ds *ds, char c, size_t n)
{
    memset(ds_put_uninit(ds, n), c, n);
}

void
ds_put_buffer(struct ds *ds, const char *s, size_t n)
{
    if (n) {
        memcpy(ds_put_uninit(ds, n), s, n);
    }
}

void
ds_put_cstr(struct ds *ds, const char *s)
{
    ds_put_buffer(ds, s, strlen(s));
}

void
ds_put_and_free_cstr(struct ds *ds, char *s)
{
    ds_put_cstr(ds, s);
    free(s);
}

void
ds_put_format(struct ds *ds, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    ds_put_format_valist(ds, format, args);
    va_end(args);
}

void
ds_put_format_valist(struct ds *ds, const char *format, va_list args_)
{
    va_list args;
    size_t available = ds->string ? ds->allocated - ds->length + 1 : 0;

    va_copy(args, args_);
    int needed = vsnprintf(ds->string ? &ds->string[ds->length] : NULL,
                           available, format, args);
    va_end(args);

    if (needed < 0) {
        return;
    }
    if ((size_t) needed < available) {
        ds->length += needed;
    } else {
        ds_reserve(ds, ds->length + needed);
        va_copy(args, args_);
        vsnprintf(&ds->string[ds->length], ds->allocated - ds->length + 1,
                  format, args);
        va_end(args);
        ds->length += needed;
    }
}

void
ds_put_strftime_msec(struct ds *ds, const char *template, long long when_ms,
                     bool utc)
{
    time_t when = when_ms / 1000;
    struct tm tm;
    if (utc) {
        gmtime_r(&when, &tm);
    } else {
        localtime_r(&when, &tm);
    }

    /* Expand "%.###" (milliseconds) and "%.N" forms ourselves. */
    struct ds fmt = DS_EMPTY_INITIALIZER;
    for (const char *p = template; *p; p++) {
        if (p[0] == '%' && p[1] == '.' && p[2] == '#') {
            int n = 0;
            p += 2;
            while (*p == '#') {
                n++;
                p++;
            }
            p--;
            char msec[16];
            snprintf(msec, sizeof msec, ".%03lld", when_ms % 1000);
            ds_put_buffer(&fmt, msec, MIN((size_t) n + 1, strlen(msec)));
        } else {
            ds_put_char(&fmt, *p);
        }
    }

    for (size_t size = 64; ; size *= 2) {
        size_t used;
        ds_reserve(ds, ds->length + size);
        used = strftime(&ds->string[ds->length], ds->allocated - ds->length
                        + 1, ds_cstr(&fmt), &tm);
        if (used) {
            ds->length += used;
            break;
        }
        if (size > 4096) {
            break;
        }
    }
    ds_destroy(&fmt);
}

char *
xastrftime_msec(const char *template, long long when_ms, bool utc)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    ds_put_strftime_msec(&s, template, when_ms, utc);
    return ds_steal_cstr(&s);
}

void
ds_put_hex(struct ds *ds, const void *buf_, size_t size)
{
    const uint8_t *buf = buf_;
    for (size_t i = 0; i < size; i++) {
        ds_put_format(ds, "%02x", buf[i]);
    }
}

void
ds_put_hex_dump(struct ds *ds, const void *buf_, size_t size,
                size_t ofs, bool ascii)
{
    const uint8_t *buf = buf_;
    const size_t per_line = 16;

    while (size > 0) {
        size_t start = ofs % per_line;
        size_t end = per_line;
        if (end - start > size) {
            end = start + size;
        }
        size_t n = end - start;

        ds_put_format(ds, "%08zx  ", ROUND_UP(ofs, per_line) == ofs
                      ? ofs : ofs - start);
        for (size_t i = 0; i < start; i++) {
            ds_put_format(ds, "   ");
        }
        for (size_t i = start; i < end; i++) {
            ds_put_format(ds, "%02x%c", buf[i - start],
                          i == per_line / 2 - 1 ? '-' : ' ');
        }
        if (ascii) {
            for (size_t i = end; i < per_line; i++) {
                ds_put_format(ds, "   ");
            }
            ds_put_format(ds, "|");
            for (size_t i = 0; i < start; i++) {
                ds_put_format(ds, " ");
            }
            for (size_t i = start; i < end; i++) {
                int c = buf[i - start];
                ds_put_char(ds, c >= 32 && c < 127 ? c : '.');
            }
            for (size_t i = end; i < per_line; i++) {
                ds_put_format(ds, " ");
            }
            ds_put_format(ds, "|");
        } else {
            /* Without the ASCII column, nothing after the last byte, not
             * even the '-' that separates the halves of a line. */
            ds_chomp(ds, ' ');
            ds_chomp(ds, '-');
        }
        ds_put_format(ds, "\n");

        ofs += n;
        buf += n;
        size -= n;
    }
}

int
ds_get_line(struct ds *ds, FILE *stream)
{
    ds_clear(ds);
    for (;;) {
        int c = getc(stream);
        if (c == EOF) {
            return ds->length ? 0 : EOF;
        } else if (c == '\n') {
            return 0;
        } else {
            ds_put_char(ds, c);
        }
    }
}

char *
ds_cstr(struct ds *ds)
{
    if (!ds->string) {
        ds_reserve(ds, 0);
    }
    ds->string[ds->length] = '\0';
    return ds->string;
}

const char *
ds_cstr_ro(const struct ds *ds)
{
    return ds_cstr((struct ds *) ds);
}

char *
ds_steal_cstr(struct ds *ds)
{
    char *s = ds_cstr(ds);
    ds_init(ds);
    return s;
}

void
ds_destroy(struct ds *ds)
{
    free(ds->string);
}

void
ds_swap(struct ds *a, struct ds *b)
{
    struct ds temp = *a;
    *a = *b;
    *b = temp;
}

int
ds_last(const struct ds *ds)
{
    return ds->length > 0 ? (unsigned char) ds->string[ds->length - 1] : EOF;
}

bool
ds_chomp(struct ds *ds, int c)
{
    if (ds->length > 0 && ds->string[ds->length - 1] == (char) c) {
        ds->string[--ds->length] = '\0';
        return true;
    }
    return false;
}

void
ds_clone(struct ds *dst, struct ds *src)
{
    ds_init(dst);
    ds_put_buffer(dst, src->string ? src->string : "", src->length);
}
