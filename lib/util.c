/* util.c: allocation, error reporting and small helpers. */
#include <config.h>
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

const char *program_name = "svs";

static void (*fatal_hook)(void);
static void (*error_hook)(const char *msg, bool fatal);

void
set_program_name(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');
    program_name = slash ? slash + 1 : argv0;
    if (str_startswith(program_name, "lt-")) {
        program_name += 3;      /* libtool wrapper */
    }
}

const char *
svs_get_version(void)
{
    return PACKAGE_VERSION;
}

void
svs_print_version(void)
{
    printf("%s (svs) %s\n", program_name, PACKAGE_VERSION);
}

void
svs_assert_failure(const char *file, int line, const char *cond)
{
    svs_abort(0, "%s:%d: assertion %s failed", file, line, cond);
}

static void
out_of_memory(void)
{
    static const char msg[] = ": virtual memory exhausted\n";
    (void) !write(STDERR_FILENO, program_name, strlen(program_name));
    (void) !write(STDERR_FILENO, msg, sizeof msg - 1);
    abort();
}

void *
xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xcalloc(size_t count, size_t size)
{
    void *p = count && size ? calloc(count, size) : malloc(1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xzalloc(size_t size)
{
    return xcalloc(1, size);
}

void *
xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *
xmemdup(const void *p, size_t size)
{
    void *q = xmalloc(size);
    if (size) {
        memcpy(q, p, size);
    }
    return q;
}

char *
xmemdup0(const char *s, size_t len)
{
    char *q = xmalloc(len + 1);
    memcpy(q, s, len);
    q[len] = '\0';
    return q;
}

char *
xstrdup(const char *s)
{
    return xmemdup0(s, strlen(s));
}

char *
xvasprintf(const char *format, va_list args)
{
    va_list args2;
    va_copy(args2, args);
    int needed = vsnprintf(NULL, 0, format, args);
    char *s = xmalloc(needed + 1);
    vsnprintf(s, needed + 1, format, args2);
    va_end(args2);
    return s;
}

char *
xasprintf(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *s = xvasprintf(format, args);
    va_end(args);
    return s;
}

/* Doubles the capacity '*n' of array 'p' of 'elem_size'-byte elements
 * (at least 1... or 4 to start) and returns the reallocated array. */
void *
x2nrealloc(void *p, size_t *n, size_t elem_size)
{
    if (!*n) {
        *n = MAX(1, 64 / elem_size);
    } else {
        if (*n >= SIZE_MAX / 2 / elem_size) {
            out_of_memory();
        }
        *n *= 2;
    }
    return xrealloc(p, *n * elem_size);
}

void
svs_set_fatal_hook(void (*hook)(void))
{
    fatal_hook = hook;
}

void
svs_set_error_hook(void (*hook)(const char *msg, bool fatal))
{
    error_hook = hook;
}

static void
report_valist(int err_no, bool fatal, const char *format, va_list args)
{
    char *msg = xvasprintf(format, args);
    if (err_no) {
        char *full = xasprintf("%s (%s)", msg, svs_retval_to_string(err_no));
        free(msg);
        msg = full;
    }
    fprintf(stderr, "%s: %s\n", program_name, msg);
    fflush(stderr);
    if (error_hook) {
        error_hook(msg, fatal);
    }
    free(msg);
}

/* True once svs_fatal() has decided to exit. */
static volatile bool fatal_exiting;

void
svs_fatal_valist(int err_no, const char *format, va_list args)
{
    report_valist(err_no, true, format, args);
    if (fatal_hook) {
        fatal_hook();
    }
    fatal_exiting = true;
    exit(EXIT_FAILURE);
}

/* LeakSanitizer calls this (if a program defines it) before its check at
 * exit, and skips the check if it returns nonzero.  A fatal error abandons
 * whatever the program holds at that moment by design, so only normal
 * exits are checked for leaks.  Unused in builds without sanitizers. */
int __lsan_is_turned_off(void);

int
__lsan_is_turned_off(void)
{
    return fatal_exiting;
}

void
svs_fatal(int err_no, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    svs_fatal_valist(err_no, format, args);
}

void
svs_error_valist(int err_no, const char *format, va_list args)
{
    int save_errno = errno;
    report_valist(err_no, false, format, args);
    errno = save_errno;
}

void
svs_error(int err_no, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    svs_error_valist(err_no, format, args);
    va_end(args);
}

void
svs_abort(int err_no, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    report_valist(err_no, true, format, args);
    va_end(args);
    abort();
}

const char *
svs_strerror(int error)
{
    static __thread char buf[128];

    if (!error) {
        return "Success";
    } else if (error == EOF) {
        return "End of file";
    }
    /* GNU strerror_r() returns a pointer that may or may not be 'buf'. */
    return strerror_r(error, buf, sizeof buf);
}

const char *
svs_retval_to_string(int retval)
{
    return retval == EOF ? "End of file" : svs_strerror(retval);
}

bool
str_to_llong(const char *s, int base, long long *x)
{
    char *tail;
    int save_errno = errno;

    errno = 0;
    *x = strtoll(s, &tail, base);
    if (errno == EINVAL || errno == ERANGE || tail == s || *tail != '\0') {
        errno = save_errno;
        *x = 0;
        return false;
    }
    errno = save_errno;
    return true;
}

bool
str_to_int(const char *s, int base, int *i)
{
    long long ll;
    bool ok = str_to_llong(s, base, &ll);
    if (!ok || ll < INT_MIN || ll > INT_MAX) {
        *i = 0;
        return false;
    }
    *i = ll;
    return true;
}

bool
str_to_uint(const char *s, int base, unsigned int *u)
{
    long long ll;
    bool ok = str_to_llong(s, base, &ll);
    if (!ok || ll < 0 || ll > UINT_MAX) {
        *u = 0;
        return false;
    }
    *u = ll;
    return true;
}

bool
str_to_double(const char *s, double *d)
{
    char *tail;
    int save_errno = errno;

    errno = 0;
    *d = strtod(s, &tail);
    if (errno == EINVAL || (errno == ERANGE && *d != 0)
        || tail == s || *tail != '\0') {
        errno = save_errno;
        *d = 0;
        return false;
    }
    errno = save_errno;
    return true;
}

bool
str_startswith(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

bool
str_endswith(const char *s, const char *suffix)
{
    size_t s_len = strlen(s);
    size_t suffix_len = strlen(suffix);
    return suffix_len <= s_len && !strcmp(s + s_len - suffix_len, suffix);
}

void
svs_strlcpy(char *dst, const char *src, size_t size)
{
    if (size > 0) {
        size_t len = strnlen(src, size - 1);
        memcpy(dst, src, len);
        dst[len] = '\0';
    }
}

char *
svs_basename(const char *path)
{
    size_t end = strlen(path);
    while (end > 1 && path[end - 1] == '/') {
        end--;
    }
    size_t start = end;
    while (start > 0 && path[start - 1] != '/') {
        start--;
    }
    if (start == end) {
        return xstrdup(end ? "/" : "");
    }
    return xmemdup0(path + start, end - start);
}

char *
svs_dirname(const char *path)
{
    size_t end = strlen(path);
    while (end > 1 && path[end - 1] == '/') {
        end--;
    }
    while (end > 0 && path[end - 1] != '/') {
        end--;
    }
    if (!end) {
        return xstrdup(path[0] == '/' ? "/" : ".");
    }
    while (end > 1 && path[end - 1] == '/') {
        end--;
    }
    return xmemdup0(path, end);
}

char *
svs_get_cwd(void)
{
    size_t size = 256;
    for (;;) {
        char *buf = xmalloc(size);
        if (getcwd(buf, size)) {
            return buf;
        }
        int error = errno;
        free(buf);
        if (error != ERANGE) {
            return NULL;
        }
        size *= 2;
    }
}

/* Returns 'file_name' made absolute relative to 'dir' (or the current
 * directory if 'dir' is NULL).  The caller frees the result. */
char *
abs_file_name(const char *dir, const char *file_name)
{
    if (file_name[0] == '/') {
        return xstrdup(file_name);
    } else if (dir && dir[0]) {
        const char *sep = dir[strlen(dir) - 1] == '/' ? "" : "/";
        return xasprintf("%s%s%s", dir, sep, file_name);
    } else {
        char *cwd = svs_get_cwd();
        if (!cwd) {
            return xstrdup(file_name);
        }
        const char *sep = cwd[strlen(cwd) - 1] == '/' ? "" : "/";
        char *abs = xasprintf("%s%s%s", cwd, sep, file_name);
        free(cwd);
        return abs;
    }
}

char *
str_strip(const char *text)
{
    while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r') {
        text++;
    }
    size_t len = strlen(text);
    while (len > 0 && strchr(" \t\r\n", text[len - 1])) {
        len--;
    }
    return xmemdup0(text, len);
}

int
read_whole_file(const char *file_name, char **contentsp, size_t *lenp)
{
    *contentsp = NULL;
    int fd = open(file_name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return errno;
    }

    size_t allocated = 4096, len = 0;
    char *buf = xmalloc(allocated);
    for (;;) {
        if (len + 1 >= allocated) {
            allocated *= 2;
            buf = xrealloc(buf, allocated);
        }
        ssize_t n = read(fd, buf + len, allocated - len - 1);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            int error = errno;
            close(fd);
            free(buf);
            return error;
        } else if (!n) {
            break;
        }
        len += n;
    }
    close(fd);
    buf[len] = '\0';
    *contentsp = buf;
    if (lenp) {
        *lenp = len;
    }
    return 0;
}

int
set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);
    if (flags == -1 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) == -1) {
        return errno;
    }
    return 0;
}

void
xset_cloexec(int fd)
{
    int flags = fcntl(fd, F_GETFD, 0);
    if (flags == -1 || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) == -1) {
        svs_fatal(errno, "fcntl(F_SETFD) failed on fd %d", fd);
    }
}

int
write_fully(int fd, const void *p_, size_t size, size_t *bytes_written)
{
    const char *p = p_;
    size_t done = 0;
    int error = 0;

    while (done < size) {
        ssize_t n = write(fd, p + done, size - done);
        if (n > 0) {
            done += n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            error = n < 0 ? errno : EPROTO;
            break;
        }
    }
    if (bytes_written) {
        *bytes_written = done;
    }
    return error;
}

int
read_fully(int fd, void *p_, size_t size, size_t *bytes_read)
{
    char *p = p_;
    size_t done = 0;
    int error = 0;

    while (done < size) {
        ssize_t n = read(fd, p + done, size - done);
        if (n > 0) {
            done += n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            error = n < 0 ? errno : EOF;
            break;
        }
    }
    if (bytes_read) {
        *bytes_read = done;
    }
    return error;
}
