/* vlog.c: logging with per-module levels, destinations and rate limits.
 *
 * Locking: 'log_mutex' guards the module list, patterns, the log file,
 * syslog settings and the message sequence number.  Module levels are
 * written under the mutex but read without it by the VLOG macros: a racing
 * reader sees either the old or the new level, which is harmless. */
#include <config.h>
#include "vlog.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>
#include "dirs.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(vlog);

/* Messages from svs_error() and svs_fatal() are logged under this
 * module's name. */
static VLOG_DEFINE_MODULE(util);

/* Level names and syslog priorities. */
static const char *const level_names[VLL_N_LEVELS] = {
#define VLOG_LEVEL(NAME, SYSLOG_LEVEL, RFC5424) #NAME,
    VLOG_LEVELS
#undef VLOG_LEVEL
};

static const int syslog_levels[VLL_N_LEVELS] = {
#define VLOG_LEVEL(NAME, SYSLOG_LEVEL, RFC5424) SYSLOG_LEVEL,
    VLOG_LEVELS
#undef VLOG_LEVEL
};

static const int rfc5424_levels[VLL_N_LEVELS] = {
#define VLOG_LEVEL(NAME, SYSLOG_LEVEL, RFC5424) RFC5424,
    VLOG_LEVELS
#undef VLOG_LEVEL
};

/* Destination names and default patterns. */
static const char *const destination_names[VLF_N_DESTINATIONS] = {
#define VLOG_DESTINATION(NAME, PATTERN) #NAME,
    VLOG_DESTINATIONS
#undef VLOG_DESTINATION
};

static const char *const default_patterns[VLF_N_DESTINATIONS] = {
#define VLOG_DESTINATION(NAME, PATTERN) PATTERN,
    VLOG_DESTINATIONS
#undef VLOG_DESTINATION
};

/* The prefix of each message sent to a syslog daemon over a socket (not
 * through libc's syslog(), which adds its own). */
#define SYSLOG_PREFIX "<%B> %D{%h %e %T} %E %A:"

/* Syslog facilities accepted by "FACILITY:name". */
static const struct {
    const char *name;
    int value;
} facilities[] = {
    { "kern", LOG_KERN }, { "user", LOG_USER }, { "mail", LOG_MAIL },
    { "daemon", LOG_DAEMON }, { "auth", LOG_AUTH },
    { "syslog", LOG_SYSLOG }, { "lpr", LOG_LPR }, { "news", LOG_NEWS },
    { "uucp", LOG_UUCP }, { "clock", LOG_CRON }, { "ftp", LOG_FTP },
    { "ntp", 12 << 3 }, { "audit", 13 << 3 }, { "alert", 14 << 3 },
    { "clock2", 15 << 3 }, { "local0", LOG_LOCAL0 },
    { "local1", LOG_LOCAL1 }, { "local2", LOG_LOCAL2 },
    { "local3", LOG_LOCAL3 }, { "local4", LOG_LOCAL4 },
    { "local5", LOG_LOCAL5 }, { "local6", LOG_LOCAL6 },
    { "local7", LOG_LOCAL7 },
};

/* How messages reach syslog. */
enum syslog_method {
    SYSLOG_LIBC,                /* syslog(3). */
    SYSLOG_SOCKET,              /* A datagram socket ('syslog_fd'). */
    SYSLOG_NULL                 /* Nowhere. */
};

static pthread_mutex_t log_mutex = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

static struct svs_list vlog_modules SVS_GUARDED_BY(log_mutex)
    = SVS_LIST_INITIALIZER(&vlog_modules);
/* Levels given to modules registered later, after a global change. */
static int default_levels[VLF_N_DESTINATIONS] = {
    VLL_INFO, VLL_OFF, VLL_INFO
};
static char *patterns[VLF_N_DESTINATIONS] SVS_GUARDED_BY(log_mutex);

static char *log_file_name SVS_GUARDED_BY(log_mutex);
static int log_fd SVS_GUARDED_BY(log_mutex) = -1;

static enum syslog_method syslog_method = SYSLOG_LIBC;
static int syslog_fd = -1;          /* For SYSLOG_SOCKET. */
static int syslog_target_fd = -1;   /* --syslog-target copy, or -1. */
static int syslog_facility = LOG_DAEMON;
static bool syslog_opened;

static unsigned long long int msg_num SVS_GUARDED_BY(log_mutex);
static long long int start_msec;
static __thread char *subprogram_name;

static void update_min_level(struct vlog_module *) SVS_REQUIRES(log_mutex);
static void vlog_error_hook(const char *msg, bool fatal);
static void vlog_valist__(const struct vlog_module *, enum vlog_level,
                          bool console_ok, const char *format, va_list)
    SVS_PRINTF_FORMAT(4, 0);

static struct vlog_module *
module_from_node(struct svs_list *node)
{
    return CONTAINER_OF(node, struct vlog_module, list);
}

/* Runs before main(), after the modules' own constructors or before them:
 * order does not matter, since it touches no module. */
__attribute__((constructor)) static void
vlog_init(void)
{
    start_msec = time_wall_msec();
    svs_set_error_hook(vlog_error_hook);
}

/* Levels and destinations. */

const char *
vlog_get_level_name(enum vlog_level level)
{
    return level < VLL_N_LEVELS ? level_names[level] : "<invalid>";
}

enum vlog_level
vlog_get_level_val(const char *name)
{
    for (int i = 0; i < VLL_N_LEVELS; i++) {
        if (!strcasecmp(level_names[i], name)) {
            return i;
        }
    }
    return VLL_N_LEVELS;
}

const char *
vlog_get_destination_name(enum vlog_destination destination)
{
    return (destination >= 0 && destination < VLF_N_DESTINATIONS
            ? destination_names[destination] : "any");
}

/* Returns the destination named 'name' (case-insensitive), or
 * VLF_ANY_DESTINATION for "any", or VLF_N_DESTINATIONS if unknown. */
enum vlog_destination
vlog_get_destination_val(const char *name)
{
    for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
        if (!strcasecmp(destination_names[i], name)) {
            return i;
        }
    }
    if (!strcasecmp(name, "any")) {
        return VLF_ANY_DESTINATION;
    }
    return VLF_N_DESTINATIONS;
}

/* Modules. */

void
vlog_insert_module(struct svs_list *node)
{
    struct vlog_module *module = module_from_node(node);

    pthread_mutex_lock(&log_mutex);
    for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
        module->levels[i] = default_levels[i];
    }
    update_min_level(module);
    svs_list_push_back(&vlog_modules, node);
    pthread_mutex_unlock(&log_mutex);
}

/* Returns the (first) module named 'name' (case-insensitive), or NULL. */
struct vlog_module *
vlog_module_from_name(const char *name)
{
    struct vlog_module *found = NULL;
    struct vlog_module *m;

    pthread_mutex_lock(&log_mutex);
    LIST_FOR_EACH (m, list, &vlog_modules) {
        if (!strcasecmp(m->name, name)) {
            found = m;
            break;
        }
    }
    pthread_mutex_unlock(&log_mutex);
    return found;
}

static bool
destination_active(enum vlog_destination destination)
    SVS_REQUIRES(log_mutex)
{
    switch (destination) {
    case VLF_CONSOLE:
        return true;
    case VLF_SYSLOG:
        return syslog_method != SYSLOG_NULL || syslog_target_fd >= 0;
    case VLF_FILE:
        return log_fd >= 0;
    case VLF_N_DESTINATIONS:
    case VLF_ANY_DESTINATION:
    default:
        return false;
    }
}

static void
update_min_level(struct vlog_module *module)
{
    int min_level = VLL_OFF;

    for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
        if (destination_active(i) && module->levels[i] > min_level) {
            min_level = module->levels[i];
        }
    }
    module->min_level = min_level;
}

static void
update_all_min_levels(void) SVS_REQUIRES(log_mutex)
{
    struct vlog_module *m;

    LIST_FOR_EACH (m, list, &vlog_modules) {
        update_min_level(m);
    }
}

static void
set_module_level(struct vlog_module *module,
                 enum vlog_destination destination, enum vlog_level level)
    SVS_REQUIRES(log_mutex)
{
    if (destination == VLF_ANY_DESTINATION) {
        for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
            module->levels[i] = level;
        }
    } else {
        module->levels[destination] = level;
    }
    update_min_level(module);
}

void
vlog_set_levels(struct vlog_module *module,
                enum vlog_destination destination, enum vlog_level level)
{
    svs_assert(destination == VLF_ANY_DESTINATION
               || (destination >= 0 && destination < VLF_N_DESTINATIONS));
    svs_assert(level < VLL_N_LEVELS);

    pthread_mutex_lock(&log_mutex);
    struct vlog_module *m;
    if (!module) {
        if (destination == VLF_ANY_DESTINATION) {
            for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
                default_levels[i] = level;
            }
        } else {
            default_levels[destination] = level;
        }
        LIST_FOR_EACH (m, list, &vlog_modules) {
            set_module_level(m, destination, level);
        }
    } else {
        /* Several modules may share a name (e.g. a test program's own
         * module with a library's); they are configured together. */
        LIST_FOR_EACH (m, list, &vlog_modules) {
            if (m == module || !strcmp(m->name, module->name)) {
                set_module_level(m, destination, level);
            }
        }
    }
    pthread_mutex_unlock(&log_mutex);
}

bool
vlog_is_enabled(const struct vlog_module *module, enum vlog_level level)
{
    return module->min_level >= level;
}

/* Patterns. */

static const char *
get_pattern(enum vlog_destination destination) SVS_REQUIRES(log_mutex)
{
    return patterns[destination] ? patterns[destination]
                                 : default_patterns[destination];
}

void
vlog_set_pattern(enum vlog_destination destination, const char *pattern)
{
    pthread_mutex_lock(&log_mutex);
    for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
        if (destination == VLF_ANY_DESTINATION || destination == i) {
            free(patterns[i]);
            patterns[i] = xstrdup(pattern);
        }
    }
    pthread_mutex_unlock(&log_mutex);
}

/* Returns the text printed by vlog/list-pattern; the caller frees it. */
char *
vlog_get_patterns(void)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    pthread_mutex_lock(&log_mutex);
    ds_put_format(&s, "%-9s%-34s%s\n", "", "prefix", "format");
    ds_put_format(&s, "%-9s%-34s%s\n", "", "------", "------");
    for (int i = 0; i < VLF_N_DESTINATIONS; i++) {
        char *name = xstrdup(destination_names[i]);
        for (char *p = name; *p; p++) {
            *p = (*p >= 'a' && *p <= 'z') ? *p - 'a' + 'A' : *p;
        }
        ds_put_format(&s, "%-9s%-34s%s\n", name,
                      i == VLF_SYSLOG ? SYSLOG_PREFIX : "none",
                      get_pattern(i));
        free(name);
    }
    pthread_mutex_unlock(&log_mutex);
    return ds_steal_cstr(&s);
}

/* Parsing level specifications. */

static char *
set_facility(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(facilities); i++) {
        if (!strcasecmp(facilities[i].name, name)) {
            pthread_mutex_lock(&log_mutex);
            syslog_facility = facilities[i].value;
            if (syslog_opened) {
                closelog();
                syslog_opened = false;
            }
            pthread_mutex_unlock(&log_mutex);
            return NULL;
        }
    }
    return xstrdup("invalid facility");
}

char *
vlog_set_levels_from_string(const char *s_)
{
    static const char delimiters[] = " ,:\t";
    char *s = xstrdup(s_);
    char *save_ptr = NULL;
    char *msg = NULL;
    char *word = strtok_r(s, delimiters, &save_ptr);

    if (word && !strcasecmp(word, "PATTERN")) {
        char *dest_name = strtok_r(NULL, delimiters, &save_ptr);
        if (!dest_name) {
            msg = xstrdup("missing destination");
            goto exit;
        }
        enum vlog_destination destination
            = vlog_get_destination_val(dest_name);
        if (destination == VLF_N_DESTINATIONS) {
            msg = xasprintf("unknown destination \"%s\"", dest_name);
            goto exit;
        }
        char *pattern = strtok_r(NULL, "", &save_ptr);
        if (!pattern) {
            msg = xstrdup("missing pattern");
            goto exit;
        }
        vlog_set_pattern(destination, pattern);
    } else if (word && !strcasecmp(word, "FACILITY")) {
        char *facility = strtok_r(NULL, delimiters, &save_ptr);
        if (!facility) {
            msg = xstrdup("missing facility");
            goto exit;
        }
        msg = set_facility(facility);
    } else {
        enum vlog_destination destination = VLF_N_DESTINATIONS;
        enum vlog_level level = VLL_N_LEVELS;
        struct vlog_module *module = NULL;

        for (; word; word = strtok_r(NULL, delimiters, &save_ptr)) {
            enum vlog_destination d;
            enum vlog_level l;
            struct vlog_module *m;

            if (!strcasecmp(word, "ANY")) {
                continue;
            } else if ((d = vlog_get_destination_val(word))
                       != VLF_N_DESTINATIONS) {
                if (destination != VLF_N_DESTINATIONS) {
                    msg = xstrdup("cannot specify multiple destinations");
                    goto exit;
                }
                destination = d;
            } else if ((l = vlog_get_level_val(word)) != VLL_N_LEVELS) {
                if (level != VLL_N_LEVELS) {
                    msg = xstrdup("cannot specify multiple levels");
                    goto exit;
                }
                level = l;
            } else if ((m = vlog_module_from_name(word))) {
                if (module) {
                    msg = xstrdup("cannot specify multiple modules");
                    goto exit;
                }
                module = m;
            } else {
                msg = xasprintf("no destination, level, or module \"%s\"",
                                word);
                goto exit;
            }
        }

        vlog_set_levels(module,
                        (destination == VLF_N_DESTINATIONS
                         ? VLF_ANY_DESTINATION : destination),
                        level == VLL_N_LEVELS ? VLL_DBG : level);
    }

exit:
    free(s);
    return msg;
}

void
vlog_set_levels_from_string_assert(const char *spec)
{
    char *msg = vlog_set_levels_from_string(spec);
    if (msg) {
        svs_abort(0, "%s: %s", spec, msg);
    }
}

void
vlog_set_verbosity(const char *arg)
{
    if (arg) {
        char *msg = vlog_set_levels_from_string(arg);
        if (msg) {
            svs_fatal(0, "processing \"%s\": %s", arg, msg);
        }
    } else {
        vlog_set_levels(NULL, VLF_ANY_DESTINATION, VLL_DBG);
    }
}

static int
compare_module_names(const void *a_, const void *b_)
{
    const struct vlog_module *const *a = a_;
    const struct vlog_module *const *b = b_;
    return strcmp((*a)->name, (*b)->name);
}

char *
vlog_get_levels(void)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct vlog_module **modules = NULL;
    size_t n = 0, allocated = 0;
    struct vlog_module *m;

    pthread_mutex_lock(&log_mutex);
    LIST_FOR_EACH (m, list, &vlog_modules) {
        if (n >= allocated) {
            modules = x2nrealloc(modules, &allocated, sizeof *modules);
        }
        modules[n++] = m;
    }
    qsort(modules, n, sizeof *modules, compare_module_names);

    ds_put_cstr(&s, "                 console    syslog    file\n");
    ds_put_cstr(&s, "                 -------    ------    ------\n");
    for (size_t i = 0; i < n; i++) {
        m = modules[i];
        if (i > 0 && !strcmp(m->name, modules[i - 1]->name)) {
            continue;
        }
        ds_put_format(&s, "%-16s  %4s       %4s       %4s\n", m->name,
                      vlog_get_level_name(m->levels[VLF_CONSOLE]),
                      vlog_get_level_name(m->levels[VLF_SYSLOG]),
                      vlog_get_level_name(m->levels[VLF_FILE]));
    }
    pthread_mutex_unlock(&log_mutex);

    free(modules);
    return ds_steal_cstr(&s);
}

/* Log file. */

int
vlog_set_log_file(const char *file_name)
{
    char *new_name = (file_name
                      ? abs_file_name(NULL, file_name)
                      : xasprintf("%s/%s.log", svs_logdir(), program_name));
    int fd = open(new_name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
                  0660);
    if (fd < 0) {
        int error = errno;
        VLOG_WARN("failed to open %s for logging (%s)", new_name,
                  svs_strerror(error));
        free(new_name);
        return error;
    }

    pthread_mutex_lock(&log_mutex);
    if (log_fd >= 0) {
        close(log_fd);
    }
    free(log_file_name);
    log_file_name = new_name;
    log_fd = fd;
    update_all_min_levels();
    pthread_mutex_unlock(&log_mutex);

    VLOG_INFO("opened log file %s", new_name);
    return 0;
}

/* Returns a copy of the log file's name, or NULL if none was configured.
 * The caller frees it. */
char *
vlog_get_log_file(void)
{
    pthread_mutex_lock(&log_mutex);
    char *name = log_file_name ? xstrdup(log_file_name) : NULL;
    pthread_mutex_unlock(&log_mutex);
    return name;
}

int
vlog_reopen_log_file(void)
{
    char *name = vlog_get_log_file();
    if (!name) {
        return 0;
    }

    /* Skip the reopen if the open file is still the one with that name
     * (logrotate has not moved it away), to avoid a needless "opened log
     * file" message. */
    struct stat a, b;
    bool same = false;
    pthread_mutex_lock(&log_mutex);
    if (log_fd >= 0 && !fstat(log_fd, &a) && !stat(name, &b)
        && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
        same = true;
    }
    pthread_mutex_unlock(&log_mutex);

    int error = same ? 0 : vlog_set_log_file(name);
    free(name);
    return error;
}

void
vlog_close_log_file(void)
{
    pthread_mutex_lock(&log_mutex);
    if (log_fd >= 0) {
        close(log_fd);
        log_fd = -1;
        update_all_min_levels();
    }
    pthread_mutex_unlock(&log_mutex);
}

/* Syslog. */

static int
open_syslog_socket(const char *spec, bool *is_udp)
{
    int fd;

    if (str_startswith(spec, "unix:")) {
        struct sockaddr_un sun = { .sun_family = AF_UNIX };
        const char *path = spec + 5;

        *is_udp = false;
        if (strlen(path) >= sizeof sun.sun_path) {
            return -ENAMETOOLONG;
        }
        svs_strlcpy(sun.sun_path, path, sizeof sun.sun_path);
        fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0) {
            return -errno;
        }
        if (connect(fd, (struct sockaddr *) &sun, sizeof sun)) {
            int error = errno;
            close(fd);
            return -error;
        }
        return fd;
    }

    /* [udp:]HOST:PORT, HOST possibly an IPv6 address in brackets. */
    const char *hostport = (str_startswith(spec, "udp:") ? spec + 4 : spec);
    char *copy = xstrdup(hostport);
    char *host = copy;
    char *port;

    *is_udp = true;
    if (host[0] == '[') {
        char *end = strchr(host, ']');
        if (!end || end[1] != ':') {
            free(copy);
            return -EINVAL;
        }
        *end = '\0';
        host++;
        port = end + 2;
    } else {
        port = strrchr(host, ':');
        if (!port) {
            free(copy);
            return -EINVAL;
        }
        *port++ = '\0';
    }

    struct addrinfo hints = { .ai_family = AF_UNSPEC,
                              .ai_socktype = SOCK_DGRAM };
    struct addrinfo *ai;
    if (getaddrinfo(host, port, &hints, &ai)) {
        free(copy);
        return -EINVAL;
    }
    fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen)) {
        int error = errno;
        if (fd >= 0) {
            close(fd);
        }
        freeaddrinfo(ai);
        free(copy);
        return -error;
    }
    freeaddrinfo(ai);
    free(copy);
    return fd;
}

void
vlog_set_syslog_method(const char *method)
{
    pthread_mutex_lock(&log_mutex);
    if (syslog_fd >= 0) {
        close(syslog_fd);
        syslog_fd = -1;
    }
    if (!strcmp(method, "libc")) {
        syslog_method = SYSLOG_LIBC;
    } else if (!strcmp(method, "null")) {
        syslog_method = SYSLOG_NULL;
    } else {
        bool is_udp;
        int fd = open_syslog_socket(method, &is_udp);
        if (fd < 0) {
            pthread_mutex_unlock(&log_mutex);
            svs_fatal(-fd, "%s: bad syslog method", method);
        }
        syslog_fd = fd;
        syslog_method = SYSLOG_SOCKET;
    }
    update_all_min_levels();
    pthread_mutex_unlock(&log_mutex);
}

void
vlog_set_syslog_target(const char *target)
{
    bool is_udp;
    int fd = open_syslog_socket(target, &is_udp);
    if (fd < 0) {
        svs_fatal(-fd, "%s: bad syslog target", target);
    }

    pthread_mutex_lock(&log_mutex);
    if (syslog_target_fd >= 0) {
        close(syslog_target_fd);
    }
    syslog_target_fd = fd;
    update_all_min_levels();
    pthread_mutex_unlock(&log_mutex);
}

/* Message formatting. */

void
vlog_set_subprogram_name(const char *name)
{
    free(subprogram_name);
    subprogram_name = name && name[0] ? xstrdup(name) : NULL;
}

/* Appends 'when_ms' formatted by strftime() 'fmt' to 's', where a run of
 * N '#' characters stands for the first N digits of the milliseconds. */
static void
put_time(struct ds *s, const char *fmt, long long int when_ms, bool utc)
{
    struct ds f = DS_EMPTY_INITIALIZER;
    char msec[24];

    snprintf(msec, sizeof msec, "%03lld", (when_ms % 1000 + 1000) % 1000);
    for (const char *p = fmt; *p; p++) {
        if (*p == '#') {
            int n = 0;
            while (p[n] == '#') {
                ds_put_char(&f, n < 3 ? msec[n] : '0');
                n++;
            }
            p += n - 1;
        } else {
            ds_put_char(&f, *p);
        }
    }

    time_t when = when_ms / 1000;
    struct tm tm;
    if (utc) {
        gmtime_r(&when, &tm);
    } else {
        localtime_r(&when, &tm);
    }

    char buf[256];
    size_t n = strftime(buf, sizeof buf, ds_cstr(&f), &tm);
    ds_put_buffer(s, buf, n);
    ds_destroy(&f);
}

/* Copies the brace-enclosed argument starting at 'p' (if *p == '{') into
 * 'out' and returns a pointer past it; otherwise returns 'p' with 'out'
 * set to 'def'. */
static const char *
fetch_braces(const char *p, const char *def, struct ds *out)
{
    ds_clear(out);
    if (*p == '{') {
        const char *end = strchr(p + 1, '}');
        if (end) {
            ds_put_buffer(out, p + 1, end - (p + 1));
            return end + 1;
        }
        ds_put_cstr(out, p + 1);
        return p + strlen(p);
    }
    ds_put_cstr(out, def);
    return p;
}

struct log_msg {
    const struct vlog_module *module;
    enum vlog_level level;
    const char *message;
    unsigned long long int seq;
    long long int when;         /* Wall-clock msec. */
};

static void
format_log_message(const struct log_msg *msg, const char *pattern,
                   struct ds *s)
{
    struct ds arg = DS_EMPTY_INITIALIZER;

    for (const char *p = pattern; *p; ) {
        if (*p != '%') {
            ds_put_char(s, *p++);
            continue;
        }
        p++;

        bool left = false;
        char pad = ' ';
        int width = 0;
        if (*p == '-') {
            left = true;
            p++;
        }
        if (*p == '0') {
            pad = '0';
            p++;
        }
        while (*p >= '0' && *p <= '9') {
            width = width * 10 + (*p++ - '0');
        }

        size_t start = s->length;
        char c = *p ? *p++ : '%';
        switch (c) {
        case 'A':
            ds_put_cstr(s, program_name);
            break;
        case 'B':
            ds_put_format(s, "%d", syslog_facility
                          + rfc5424_levels[msg->level]);
            break;
        case 'c':
            ds_put_cstr(s, msg->module->name);
            break;
        case 'd':
            p = fetch_braces(p, "%Y-%m-%d %H:%M:%S", &arg);
            put_time(s, ds_cstr(&arg), msg->when, false);
            break;
        case 'D':
            p = fetch_braces(p, "%Y-%m-%d %H:%M:%S", &arg);
            put_time(s, ds_cstr(&arg), msg->when, true);
            break;
        case 'E': {
            char host[256];
            if (gethostname(host, sizeof host)) {
                svs_strlcpy(host, "localhost", sizeof host);
            }
            host[sizeof host - 1] = '\0';
            ds_put_cstr(s, host);
            break;
        }
        case 'm':
            ds_put_cstr(s, msg->message);
            break;
        case 'N':
            ds_put_format(s, "%llu", msg->seq);
            break;
        case 'n':
            ds_put_char(s, '\n');
            break;
        case 'p':
            ds_put_cstr(s, vlog_get_level_name(msg->level));
            break;
        case 'P':
            ds_put_format(s, "%ld", (long int) getpid());
            break;
        case 'r':
            ds_put_format(s, "%lld", msg->when - start_msec);
            break;
        case 't':
            ds_put_cstr(s, subprogram_name ? subprogram_name : "main");
            break;
        case 'T':
            if (subprogram_name) {
                ds_put_format(s, "(%s)", subprogram_name);
            }
            break;
        default:
            ds_put_char(s, c);
            break;
        }

        size_t len = s->length - start;
        if (len < width) {
            size_t n_pad = width - len;
            if (left) {
                ds_put_char_multiple(s, ' ', n_pad);
            } else {
                ds_put_char_multiple(s, pad, n_pad);
                memmove(&s->string[start + n_pad], &s->string[start], len);
                memset(&s->string[start], pad, n_pad);
            }
        }
    }
    ds_destroy(&arg);
}

static void
send_syslog(const struct log_msg *msg, int fd) SVS_REQUIRES(log_mutex)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    format_log_message(msg, SYSLOG_PREFIX " ", &s);
    format_log_message(msg, get_pattern(VLF_SYSLOG), &s);
    (void) !send(fd, s.string, s.length, MSG_DONTWAIT);
    ds_destroy(&s);
}

static void
vlog_valist__(const struct vlog_module *module, enum vlog_level level,
              bool console_ok, const char *format, va_list args)
{
    bool to_console = console_ok && module->levels[VLF_CONSOLE] >= level;
    bool to_syslog = module->levels[VLF_SYSLOG] >= level;
    bool to_file = module->levels[VLF_FILE] >= level;

    if (!to_console && !to_syslog && !to_file) {
        return;
    }

    int save_errno = errno;
    char *message = xvasprintf(format, args);
    struct ds s = DS_EMPTY_INITIALIZER;
    struct log_msg msg = {
        .module = module,
        .level = level,
        .message = message,
        .when = time_wall_msec(),
    };

    pthread_mutex_lock(&log_mutex);
    msg.seq = ++msg_num;

    if (to_console) {
        format_log_message(&msg, get_pattern(VLF_CONSOLE), &s);
        ds_put_char(&s, '\n');
        (void) !write(STDERR_FILENO, s.string, s.length);
    }

    if (to_syslog) {
        if (syslog_method == SYSLOG_LIBC) {
            if (!syslog_opened) {
                openlog(program_name, LOG_NDELAY, syslog_facility);
                syslog_opened = true;
            }
            ds_clear(&s);
            format_log_message(&msg, get_pattern(VLF_SYSLOG), &s);
            syslog(syslog_levels[level], "%s", ds_cstr(&s));
        } else if (syslog_method == SYSLOG_SOCKET) {
            send_syslog(&msg, syslog_fd);
        }
        if (syslog_target_fd >= 0) {
            send_syslog(&msg, syslog_target_fd);
        }
    }

    if (to_file && log_fd >= 0) {
        ds_clear(&s);
        format_log_message(&msg, get_pattern(VLF_FILE), &s);
        ds_put_char(&s, '\n');
        (void) !write(log_fd, s.string, s.length);
    }
    pthread_mutex_unlock(&log_mutex);

    ds_destroy(&s);
    free(message);
    errno = save_errno;
}

void
vlog_valist(const struct vlog_module *module, enum vlog_level level,
            const char *format, va_list args)
{
    vlog_valist__(module, level, true, format, args);
}

void
vlog(const struct vlog_module *module, enum vlog_level level,
     const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vlog_valist(module, level, format, args);
    va_end(args);
}

/* Logs without the console, for messages that util already printed on
 * stderr. */
static void
vlog_no_console(const struct vlog_module *module, enum vlog_level level,
                const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vlog_valist__(module, level, false, format, args);
    va_end(args);
}

static void
vlog_error_hook(const char *msg, bool fatal)
{
    vlog_no_console(&VLM_util, fatal ? VLL_EMER : VLL_ERR, "%s", msg);
}

static void SVS_PRINTF_FORMAT(2, 0)
vlog_fatal_valist(const struct vlog_module *module, const char *format,
                  va_list args)
{
    va_list args2;

    va_copy(args2, args);
    vlog_valist(module, VLL_EMER, format, args);
    if (module->levels[VLF_CONSOLE] < VLL_EMER) {
        char *msg = xvasprintf(format, args2);
        fprintf(stderr, "%s: %s\n", program_name, msg);
        fflush(stderr);
        free(msg);
    }
    va_end(args2);
}

void
vlog_fatal(const struct vlog_module *module, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vlog_fatal_valist(module, format, args);
    va_end(args);
    fatal_signal_cleanup();
    exit(EXIT_FAILURE);
}

void
vlog_abort(const struct vlog_module *module, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vlog_fatal_valist(module, format, args);
    va_end(args);
    abort();
}

/* Rate limiting. */

#define VLOG_MSG_TOKENS 1000    /* Tokens per message (see vlog.h). */

static void
rl_lock(struct vlog_rate_limit *rl)
{
    while (__atomic_exchange_n(&rl->lock, 1, __ATOMIC_ACQUIRE)) {
        continue;
    }
}

static void
rl_unlock(struct vlog_rate_limit *rl)
{
    __atomic_store_n(&rl->lock, 0, __ATOMIC_RELEASE);
}

bool
vlog_should_drop(const struct vlog_module *module, enum vlog_level level,
                 struct vlog_rate_limit *rl)
{
    if (!module->honor_rate_limits) {
        return false;
    }
    if (!vlog_is_enabled(module, level)) {
        return true;
    }

    rl_lock(rl);
    long long int now = time_msec();
    long long int max_tokens = (long long int) rl->burst * VLOG_MSG_TOKENS;
    if (rl->tokens < max_tokens) {
        long long int elapsed = now - rl->last_fill;
        long long int tokens;

        /* 'rate' messages per minute = 'rate' * 1000 tokens per 60000 ms,
         * i.e. 'rate' / 60 tokens per ms. */
        if (elapsed >= 60000LL * MAX(rl->burst, 1) || elapsed < 0) {
            tokens = max_tokens;
        } else {
            tokens = rl->tokens + elapsed * rl->rate / 60;
        }
        if (tokens > rl->tokens) {
            rl->tokens = MIN(tokens, max_tokens);
            rl->last_fill = now;
        }
    } else {
        rl->last_fill = now;
    }

    if (rl->tokens >= VLOG_MSG_TOKENS) {
        rl->tokens -= VLOG_MSG_TOKENS;
        unsigned int n_dropped = rl->n_dropped;
        long long int first_dropped = rl->first_dropped;
        long long int last_dropped = rl->last_dropped;
        rl->n_dropped = 0;
        rl_unlock(rl);

        if (n_dropped) {
            long long int wall = time_wall_msec();
            vlog(module, level, "Dropped %u log messages in last %lld "
                 "seconds (most recently, %lld seconds ago) due to "
                 "excessive rate", n_dropped,
                 (wall - first_dropped) / 1000,
                 (wall - last_dropped) / 1000);
        }
        return false;
    }

    long long int wall = time_wall_msec();
    if (!rl->n_dropped) {
        rl->first_dropped = wall;
    }
    rl->last_dropped = wall;
    rl->n_dropped++;
    rl_unlock(rl);
    return true;
}

void
vlog_rate_limit(const struct vlog_module *module, enum vlog_level level,
                struct vlog_rate_limit *rl, const char *format, ...)
{
    if (!vlog_should_drop(module, level, rl)) {
        va_list args;

        va_start(args, format);
        vlog_valist(module, level, format, args);
        va_end(args);
    }
}

/* Enables ('enable') or disables rate limits for 'module', or for every
 * module if 'module' is NULL. */
void
vlog_set_rate_limits(struct vlog_module *module, bool enable)
{
    struct vlog_module *m;

    pthread_mutex_lock(&log_mutex);
    LIST_FOR_EACH (m, list, &vlog_modules) {
        if (!module || m == module || !strcmp(m->name, module->name)) {
            m->honor_rate_limits = enable;
        }
    }
    pthread_mutex_unlock(&log_mutex);
}

void
vlog_usage(void)
{
    printf("\nLogging options:\n"
           "  -vSPEC, --verbose=SPEC   set logging levels\n"
           "  -v, --verbose            set maximum verbosity level\n"
           "  --log-file[=FILE]        enable logging to specified FILE\n"
           "                           (default: %s/%s.log)\n"
           "  --syslog-method=(libc|unix:file|udp:ip:port|null)\n"
           "                           specify how to send messages to "
           "syslog daemon\n"
           "  --syslog-target=HOST:PORT  also send syslog msgs to "
           "HOST:PORT via UDP\n",
           svs_logdir(), program_name);
}

/* unixctl commands. */

static void
vlog_unixctl_set(struct unixctl_conn *conn, int argc, const char *argv[],
                 void *aux SVS_UNUSED)
{
    for (int i = 1; i < argc; i++) {
        char *msg = vlog_set_levels_from_string(argv[i]);
        if (msg) {
            unixctl_command_reply_error(conn, msg);
            free(msg);
            return;
        }
    }
    unixctl_command_reply(conn, NULL);
}

static void
vlog_unixctl_list(struct unixctl_conn *conn, int argc SVS_UNUSED,
                  const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    char *msg = vlog_get_levels();
    unixctl_command_reply(conn, msg);
    free(msg);
}

static void
vlog_unixctl_list_pattern(struct unixctl_conn *conn, int argc SVS_UNUSED,
                          const char *argv[] SVS_UNUSED,
                          void *aux SVS_UNUSED)
{
    char *msg = vlog_get_patterns();
    unixctl_command_reply(conn, msg);
    free(msg);
}

static void
vlog_unixctl_reopen(struct unixctl_conn *conn, int argc SVS_UNUSED,
                    const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    char *name = vlog_get_log_file();
    if (name) {
        int error = vlog_reopen_log_file();
        if (error) {
            unixctl_command_reply_error(conn, svs_strerror(error));
        } else {
            unixctl_command_reply(conn, NULL);
        }
        free(name);
    } else {
        unixctl_command_reply_error(conn, "Logging to file not configured");
    }
}

static void
vlog_unixctl_close(struct unixctl_conn *conn, int argc SVS_UNUSED,
                   const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    char *name = vlog_get_log_file();
    if (name) {
        vlog_close_log_file();
        unixctl_command_reply(conn, NULL);
        free(name);
    } else {
        unixctl_command_reply_error(conn, "Logging to file not configured");
    }
}

static void
set_rate_limits(struct unixctl_conn *conn, int argc, const char *argv[],
                bool enable)
{
    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            if (!strcasecmp(argv[i], "ANY")) {
                vlog_set_rate_limits(NULL, enable);
                continue;
            }
            struct vlog_module *module = vlog_module_from_name(argv[i]);
            if (!module) {
                unixctl_command_reply_error(conn, "unknown module");
                return;
            }
            vlog_set_rate_limits(module, enable);
        }
    } else {
        vlog_set_rate_limits(NULL, enable);
    }
    unixctl_command_reply(conn, NULL);
}

static void
vlog_unixctl_enable_rate_limit(struct unixctl_conn *conn, int argc,
                               const char *argv[], void *aux SVS_UNUSED)
{
    set_rate_limits(conn, argc, argv, true);
}

static void
vlog_unixctl_disable_rate_limit(struct unixctl_conn *conn, int argc,
                                const char *argv[], void *aux SVS_UNUSED)
{
    set_rate_limits(conn, argc, argv, false);
}

void
vlog_init_unixctl(void)
{
    unixctl_command_register("vlog/set",
                             "{spec | PATTERN:destination:pattern}",
                             0, INT_MAX, vlog_unixctl_set, NULL);
    unixctl_command_register("vlog/list", "", 0, 0, vlog_unixctl_list,
                             NULL);
    unixctl_command_register("vlog/list-pattern", "", 0, 0,
                             vlog_unixctl_list_pattern, NULL);
    unixctl_command_register("vlog/enable-rate-limit", "[module]...",
                             0, INT_MAX, vlog_unixctl_enable_rate_limit,
                             NULL);
    unixctl_command_register("vlog/disable-rate-limit", "[module]...",
                             0, INT_MAX, vlog_unixctl_disable_rate_limit,
                             NULL);
    unixctl_command_register("vlog/reopen", "", 0, 0, vlog_unixctl_reopen,
                             NULL);
    unixctl_command_register("vlog/close", "", 0, 0, vlog_unixctl_close,
                             NULL);
}
