/* util.h: memory allocation that never fails, fatal and nonfatal error
 * reporting, program identity, and small helpers.
 *
 * What: the allocation functions (xmalloc() and friends) abort the
 * process with a message when memory is exhausted, so callers never
 * check for NULL.  svs_fatal() and svs_error() print
 * "<program>: <message>[ (<strerror>)]" to stderr; the daemons route
 * the same text through vlog as well.
 *
 * Thread-safety: every function here is thread-safe. */
#ifndef SVS_UTIL_H
#define SVS_UTIL_H 1

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "compiler.h"

#define ARRAY_SIZE(ARRAY) (sizeof (ARRAY) / sizeof (ARRAY)[0])

/* Given a pointer to 'MEMBER' inside a 'STRUCT', returns the enclosing
 * struct. */
#define CONTAINER_OF(POINTER, STRUCT, MEMBER) \
    ((STRUCT *) (void *) ((char *) (POINTER) - offsetof(STRUCT, MEMBER)))

/* Like CONTAINER_OF, but takes the type from 'OBJECT', which is
 * assigned, and tolerates a null 'POINTER' (yields NULL). */
#define OBJECT_OFFSETOF(OBJECT, MEMBER) \
    offsetof(__typeof__(*(OBJECT)), MEMBER)
#define OBJECT_CONTAINING(POINTER, OBJECT, MEMBER) \
    ((__typeof__(OBJECT)) (void *) \
     ((char *) (POINTER) - OBJECT_OFFSETOF(OBJECT, MEMBER)))
#define ASSIGN_CONTAINER(OBJECT, POINTER, MEMBER) \
    ((OBJECT) = OBJECT_CONTAINING(POINTER, OBJECT, MEMBER), (void) 0)
#define INIT_CONTAINER(OBJECT, POINTER, MEMBER) \
    ((OBJECT) = NULL, ASSIGN_CONTAINER(OBJECT, POINTER, MEMBER))

/* Casts 'POINTER' to 'TYPE', dropping const; documents intent. */
#define CONST_CAST(TYPE, POINTER) ((TYPE) (uintptr_t) (POINTER))

/* Pastes two tokens after expanding them. */
#define SVS_JOIN(A, B) SVS_JOIN__(A, B)
#define SVS_JOIN__(A, B) A##B

#ifndef MIN
#define MIN(X, Y) ((X) < (Y) ? (X) : (Y))
#endif
#ifndef MAX
#define MAX(X, Y) ((X) > (Y) ? (X) : (Y))
#endif
#define DIV_ROUND_UP(X, Y) (((X) + ((Y) - 1)) / (Y))
#define ROUND_UP(X, Y) (DIV_ROUND_UP(X, Y) * (Y))
#define IS_POW2(X) ((X) && !((X) & ((X) - 1)))

/* Checks 'COND' even in optimized builds; on failure reports the source
 * location and aborts. */
#define svs_assert(COND)                                                \
    (SVS_LIKELY(COND) ? (void) 0                                        \
                      : svs_assert_failure(__FILE__, __LINE__, #COND))
void svs_assert_failure(const char *file, int line, const char *cond)
    SVS_NO_RETURN;

/* Marks code that must never be reached. */
#define SVS_NOT_REACHED() svs_assert_failure(__FILE__, __LINE__, "unreachable")

/* Program identity.  set_program_name() must be the first call in
 * main(); it sets 'program_name' to the basename of 'argv0'. */
extern const char *program_name;
void set_program_name(const char *argv0);
const char *svs_get_version(void);
void svs_print_version(void);

/* Allocation.  These never return NULL (except xmalloc(0) style requests,
 * which return a unique non-null pointer). */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xzalloc(size_t size);
void *xrealloc(void *p, size_t size);
void *xmemdup(const void *p, size_t size);
char *xstrdup(const char *s);
char *xmemdup0(const char *s, size_t len);
char *xasprintf(const char *format, ...) SVS_PRINTF_FORMAT(1, 2);
char *xvasprintf(const char *format, va_list args) SVS_PRINTF_FORMAT(1, 0);
void *x2nrealloc(void *p, size_t *n, size_t elem_size);

/* Error reporting.  'err_no' is 0 for none, a positive errno value, or
 * EOF.  svs_fatal() exits with status 1 after running fatal-signal
 * hooks (removing pidfiles and sockets). */
void svs_fatal(int err_no, const char *format, ...)
    SVS_PRINTF_FORMAT(2, 3) SVS_NO_RETURN;
void svs_fatal_valist(int err_no, const char *format, va_list)
    SVS_PRINTF_FORMAT(2, 0) SVS_NO_RETURN;
void svs_error(int err_no, const char *format, ...) SVS_PRINTF_FORMAT(2, 3);
void svs_error_valist(int err_no, const char *format, va_list)
    SVS_PRINTF_FORMAT(2, 0);
void svs_abort(int err_no, const char *format, ...)
    SVS_PRINTF_FORMAT(2, 3) SVS_NO_RETURN;

/* Hook called by svs_fatal() before exiting, installed by fatal-signal so
 * that util does not depend on it. */
void svs_set_fatal_hook(void (*hook)(void));

/* Hook that also receives each message of svs_fatal(), svs_error() and
 * svs_abort(), installed by vlog so that these messages reach the log
 * file.  'msg' lacks the program name prefix. */
void svs_set_error_hook(void (*hook)(const char *msg, bool fatal));

/* Like strerror(), but thread-safe, and handles EOF ("End of file") and 0
 * ("Success"). */
const char *svs_strerror(int error);
/* svs_retval_to_string(): a description for an errno-or-EOF value. */
const char *svs_retval_to_string(int retval);

/* String helpers. */
bool str_to_int(const char *s, int base, int *i);
bool str_to_llong(const char *s, int base, long long *);
bool str_to_uint(const char *s, int base, unsigned int *);
bool str_to_double(const char *s, double *d);
bool str_startswith(const char *s, const char *prefix);
bool str_endswith(const char *s, const char *suffix);
void svs_strlcpy(char *dst, const char *src, size_t size);
char *svs_basename(const char *path);
char *svs_dirname(const char *path);
char *abs_file_name(const char *dir, const char *file_name);
char *svs_get_cwd(void);
/* Returns a malloc'd copy of 'text' with leading and trailing white
 * space removed. */
char *str_strip(const char *text);

/* Reads the whole file 'file_name' into a new null-terminated string,
 * storing its length in '*lenp' if nonnull.  Returns 0 or a positive
 * errno value; on error '*contentsp' is NULL. */
int read_whole_file(const char *file_name, char **contentsp, size_t *lenp);

/* Bit helpers. */
static inline int
count_1bits(uint64_t x)
{
    return __builtin_popcountll(x);
}

static inline int
raw_ctz(uint64_t n)
{
    return __builtin_ctzll(n);
}

/* Sets 'fd' nonblocking.  Returns 0 or a positive errno value. */
int set_nonblocking(int fd);
/* Sets close-on-exec on 'fd'. */
void xset_cloexec(int fd);
/* write() all of 'size' bytes, retrying on EINTR and short writes.
 * Returns 0 or a positive errno value. */
int write_fully(int fd, const void *buf, size_t size, size_t *bytes_written);
int read_fully(int fd, void *buf, size_t size, size_t *bytes_read);

#endif /* util.h */
