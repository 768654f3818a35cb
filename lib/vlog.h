/* vlog.h: logging with per-module levels, destinations and rate limits.
 *
 * What: each source file that logs declares its module once with
 * VLOG_DEFINE_THIS_MODULE(name) and then logs with VLOG_ERR(), VLOG_WARN(),
 * VLOG_INFO(), VLOG_DBG() and their _RL (rate-limited) forms.  Every
 * module has a level per destination (console = stderr, syslog, file);
 * messages above that level are dropped cheaply.  Levels are set from the
 * command line (-v/--verbose=SPEC, same syntax as ovs-appctl vlog/set) and
 * at run time through the unixctl commands vlog/set, vlog/list,
 * vlog/reopen, vlog/close, vlog/enable-rate-limit and
 * vlog/disable-rate-limit, registered by vlog_init_unixctl().
 *
 * Log line format (file default; the console omits the milliseconds):
 *   2024-01-01T12:00:00.123Z|00042|module|INFO|message
 *
 * Default levels: console OFF (tools usually raise it to WARN), syslog
 * INFO (through syslog(3) unless --syslog-method says otherwise), file
 * INFO (used only once --log-file or vlog_set_log_file() opened a file).
 * svs_error(), svs_fatal() and svs_abort() messages also reach syslog and
 * the log file (module "util"), through util's error hook.
 *
 * Thread-safety: all functions are thread-safe. */
#ifndef SVS_VLOG_H
#define SVS_VLOG_H 1

#include <stdarg.h>
#include <stdbool.h>
#include <time.h>
#include "compiler.h"
#include "list.h"
#include "util.h"

/* Levels, most severe first.  A module logs a message at level L to a
 * destination whose level is L or a less severe one (larger value). */
#define VLOG_LEVELS                             \
    VLOG_LEVEL(OFF, LOG_ALERT, 1)               \
    VLOG_LEVEL(EMER, LOG_ALERT, 1)              \
    VLOG_LEVEL(ERR, LOG_ERR, 3)                 \
    VLOG_LEVEL(WARN, LOG_WARNING, 4)            \
    VLOG_LEVEL(INFO, LOG_NOTICE, 5)             \
    VLOG_LEVEL(DBG, LOG_DEBUG, 7)

enum vlog_level {
#define VLOG_LEVEL(NAME, SYSLOG_LEVEL, RFC5424) VLL_##NAME,
    VLOG_LEVELS
#undef VLOG_LEVEL
    VLL_N_LEVELS
};

const char *vlog_get_level_name(enum vlog_level);
/* Returns the level named 'name' (case-insensitive), or VLL_N_LEVELS. */
enum vlog_level vlog_get_level_val(const char *name);

/* Destinations. */
#define VLOG_DESTINATIONS                       \
    VLOG_DESTINATION(SYSLOG, "ovs|%05N|%c%T|%p|%m") \
    VLOG_DESTINATION(CONSOLE, "%D{%Y-%m-%dT%H:%M:%SZ}|%05N|%c%T|%p|%m") \
    VLOG_DESTINATION(FILE, "%D{%Y-%m-%dT%H:%M:%S.###Z}|%05N|%c%T|%p|%m")

enum vlog_destination {
#define VLOG_DESTINATION(NAME, PATTERN) VLF_##NAME,
    VLOG_DESTINATIONS
#undef VLOG_DESTINATION
    VLF_N_DESTINATIONS,
    VLF_ANY_DESTINATION = -1
};

const char *vlog_get_destination_name(enum vlog_destination);
/* Returns the destination named 'name' (case-insensitive), or
 * VLF_ANY_DESTINATION for "any", or VLF_N_DESTINATIONS if unknown. */
enum vlog_destination vlog_get_destination_val(const char *name);

/* A logging module.  Define with VLOG_DEFINE_THIS_MODULE. */
struct vlog_module {
    struct svs_list list;                 /* In the list of all modules. */
    const char *name;
    int levels[VLF_N_DESTINATIONS];       /* Minimum level per
                                           * destination. */
    int min_level;                        /* Least severe of 'levels'. */
    bool honor_rate_limits;
};

void vlog_insert_module(struct svs_list *);

#define VLOG_DEFINE_MODULE(MODULE)                                      \
    struct vlog_module VLM_##MODULE = {                                 \
        SVS_LIST_INITIALIZER(&VLM_##MODULE.list),                       \
        #MODULE,                                                        \
        { VLL_INFO, VLL_OFF, VLL_INFO },                                \
        VLL_INFO,                                                       \
        true                                                            \
    };                                                                  \
    __attribute__((constructor)) static void                            \
    init_vlog_module_##MODULE(void)                                     \
    {                                                                   \
        vlog_insert_module(&VLM_##MODULE.list);                         \
    }                                                                   \
    struct vlog_dummy_##MODULE

#define VLOG_DEFINE_THIS_MODULE(MODULE)                                 \
    static VLOG_DEFINE_MODULE(MODULE);                                  \
    static struct vlog_module *const THIS_MODULE SVS_UNUSED = &VLM_##MODULE

/* A token bucket rate limiter: at most BURST messages at once, refilled
 * at RATE messages per minute.  Messages dropped are counted and reported
 * with the next message that passes. */
struct vlog_rate_limit {
    unsigned int rate;              /* Tokens per minute. */
    unsigned int burst;             /* Max tokens. */
    unsigned int tokens;            /* Current tokens (times 1000). */
    long long last_fill;            /* Monotonic msec of last refill. */
    long long first_dropped;        /* Wall msec of first dropped msg. */
    long long last_dropped;         /* Wall msec of last dropped msg. */
    unsigned int n_dropped;         /* Dropped since the last report. */
    int lock;                       /* Spin lock (0 unlocked). */
};

#define VLOG_RATE_LIMIT_INIT(RATE, BURST) \
    { RATE, BURST, (BURST) * 1000, 0, 0, 0, 0, 0 }

bool vlog_is_enabled(const struct vlog_module *, enum vlog_level);
bool vlog_should_drop(const struct vlog_module *, enum vlog_level,
                      struct vlog_rate_limit *);

void vlog(const struct vlog_module *, enum vlog_level, const char *format,
          ...) SVS_PRINTF_FORMAT(3, 4);
void vlog_valist(const struct vlog_module *, enum vlog_level,
                 const char *, va_list) SVS_PRINTF_FORMAT(3, 0);
void vlog_rate_limit(const struct vlog_module *, enum vlog_level,
                     struct vlog_rate_limit *, const char *, ...)
    SVS_PRINTF_FORMAT(4, 5);
/* Logs at EMER and aborts/exits. */
void vlog_fatal(const struct vlog_module *, const char *, ...)
    SVS_PRINTF_FORMAT(2, 3) SVS_NO_RETURN;
void vlog_abort(const struct vlog_module *, const char *, ...)
    SVS_PRINTF_FORMAT(2, 3) SVS_NO_RETURN;

#define VLOG_EMER(...) VLOG(VLL_EMER, __VA_ARGS__)
#define VLOG_ERR(...) VLOG(VLL_ERR, __VA_ARGS__)
#define VLOG_WARN(...) VLOG(VLL_WARN, __VA_ARGS__)
#define VLOG_INFO(...) VLOG(VLL_INFO, __VA_ARGS__)
#define VLOG_DBG(...) VLOG(VLL_DBG, __VA_ARGS__)
#define VLOG_FATAL(...) vlog_fatal(THIS_MODULE, __VA_ARGS__)
#define VLOG_ABORT(...) vlog_abort(THIS_MODULE, __VA_ARGS__)

#define VLOG_ERR_RL(RL, ...) VLOG_RL(RL, VLL_ERR, __VA_ARGS__)
#define VLOG_WARN_RL(RL, ...) VLOG_RL(RL, VLL_WARN, __VA_ARGS__)
#define VLOG_INFO_RL(RL, ...) VLOG_RL(RL, VLL_INFO, __VA_ARGS__)
#define VLOG_DBG_RL(RL, ...) VLOG_RL(RL, VLL_DBG, __VA_ARGS__)

#define VLOG_IS_ERR_ENABLED() vlog_is_enabled(THIS_MODULE, VLL_ERR)
#define VLOG_IS_WARN_ENABLED() vlog_is_enabled(THIS_MODULE, VLL_WARN)
#define VLOG_IS_INFO_ENABLED() vlog_is_enabled(THIS_MODULE, VLL_INFO)
#define VLOG_IS_DBG_ENABLED() vlog_is_enabled(THIS_MODULE, VLL_DBG)

#define VLOG(LEVEL, ...)                                                \
    do {                                                                \
        enum vlog_level level__ = LEVEL;                                \
        if (THIS_MODULE->min_level >= level__) {                        \
            vlog(THIS_MODULE, level__, __VA_ARGS__);                    \
        }                                                               \
    } while (0)
#define VLOG_RL(RL, LEVEL, ...)                                         \
    do {                                                                \
        enum vlog_level level__ = LEVEL;                                \
        if (THIS_MODULE->min_level >= level__) {                        \
            vlog_rate_limit(THIS_MODULE, level__, RL, __VA_ARGS__);     \
        }                                                               \
    } while (0)

/* Configuration. */
/* Sets the level of 'module' (NULL for all) at 'destination'
 * (VLF_ANY_DESTINATION for all) to 'level'. */
void vlog_set_levels(struct vlog_module *, enum vlog_destination,
                     enum vlog_level);
/* Parses and applies a vlog/set or -v SPEC ("module:destination:level",
 * "PATTERN:destination:pattern", "FACILITY:facility", "ANY:dbg", ...).
 * Returns NULL on success or a malloc'd error message. */
char *vlog_set_levels_from_string(const char *spec) SVS_WARN_UNUSED_RESULT;
void vlog_set_levels_from_string_assert(const char *spec);
/* Sets the maximum verbosity (-v with no argument). */
void vlog_set_verbosity(const char *arg);
struct vlog_module *vlog_module_from_name(const char *name);
/* Returns the text printed by vlog/list; the caller frees it. */
char *vlog_get_levels(void);
/* Sets the pattern of 'destination' (VLF_ANY_DESTINATION for all).
 * Pattern escapes, each optionally with '-' (left-justify), '0' (zero
 * pad) and a field width between '%' and the letter:
 *   %A program name      %B syslog PRI        %c module name
 *   %d{FMT} local time   %D{FMT} UTC time     %E host name
 *   %m message           %N sequence number   %n new-line
 *   %p level             %P process id        %r msec since start
 *   %t subprogram name ("main" if none)       %T "(subprogram)" or ""
 *   %% a percent sign
 * FMT is a strftime() format in which a run of '#' after the seconds
 * stands for milliseconds; the default is "%Y-%m-%d %H:%M:%S". */
void vlog_set_pattern(enum vlog_destination, const char *pattern);
/* Returns the text printed by vlog/list-pattern; the caller frees it. */
char *vlog_get_patterns(void);
/* Enables or disables rate limiting for 'module' (NULL: all modules). */
void vlog_set_rate_limits(struct vlog_module *, bool enable);
/* Names the calling thread or process for %t and %T (NULL: the main
 * thread of the main process).  For example, the --monitor process is
 * "monitor". */
void vlog_set_subprogram_name(const char *name);

/* Log file.  'file_name' NULL means the default
 * <logdir>/<program_name>.log.  Returns 0 or a positive errno value. */
int vlog_set_log_file(const char *file_name);
/* Returns a malloc'd copy of the log file name, or NULL if none. */
char *vlog_get_log_file(void);
/* Reopens the log file by name (after rotation).  Returns 0 if no log
 * file is configured or on success, otherwise a positive errno value. */
int vlog_reopen_log_file(void);
void vlog_close_log_file(void);

/* Registers the vlog/ unixctl commands (unixctl commands are global).
 * unixctl_server_create() calls it, so daemons need not; calling it again
 * is harmless. */
void vlog_init_unixctl(void);

/* Options: VLOG_OPTION_ENUMS in the option enum, VLOG_LONG_OPTIONS in the
 * struct option array, VLOG_OPTION_HANDLERS in the switch. */
#define VLOG_OPTION_ENUMS OPT_LOG_FILE, OPT_SYSLOG_IMPL, OPT_SYSLOG_TARGET
#define VLOG_LONG_OPTIONS                                               \
    {"verbose",       optional_argument, NULL, 'v'},                    \
    {"log-file",      optional_argument, NULL, OPT_LOG_FILE},           \
    {"syslog-method", required_argument, NULL, OPT_SYSLOG_IMPL},        \
    {"syslog-target", required_argument, NULL, OPT_SYSLOG_TARGET}
#define VLOG_OPTION_HANDLERS                                            \
    case 'v':                                                           \
        vlog_set_verbosity(optarg);                                     \
        break;                                                          \
    case OPT_LOG_FILE:                                                  \
        vlog_set_log_file(optarg);                                      \
        break;                                                          \
    case OPT_SYSLOG_IMPL:                                               \
        vlog_set_syslog_method(optarg);                                 \
        break;                                                          \
    case OPT_SYSLOG_TARGET:                                             \
        vlog_set_syslog_target(optarg);                                 \
        break;
void vlog_set_syslog_method(const char *method);
void vlog_set_syslog_target(const char *target);
void vlog_usage(void);

#endif /* vlog.h */
