/* daemon.h: running as a daemon: --detach, --pidfile, --monitor,
 * --no-chdir, --user.
 *
 * What: a daemon's main() adds DAEMON_OPTION_ENUMS, DAEMON_LONG_OPTIONS
 * and DAEMON_OPTION_HANDLERS to its option parsing (or calls the setters
 * directly), then:
 *
 *     daemonize_start();      fork/monitor/pidfile/user as configured
 *     ... initialize: open files, bind sockets; on failure svs_fatal() ...
 *     daemonize_complete();   tell the invoker we started fine
 *     main loop
 *
 * --detach: daemonize_start() forks; the invoking process waits until
 *   the child calls daemonize_complete() and then exits 0, or exits with
 *   the child's failure status if the child dies first (so that a
 *   startup failure shows in the exit status of the command that started
 *   the daemon).  The child starts a new session; daemonize_complete()
 *   changes to "/" (unless --no-chdir), points stdin, stdout and stderr
 *   at /dev/null and turns console logging off.
 * --pidfile[=FILE]: writes the daemon's pid to FILE (default
 *   <rundir>/<program>.pid), atomically (written to a temporary file,
 *   then renamed), and holds an fcntl() write lock on it for the life of
 *   the process; the file is removed at exit.  If FILE is locked by a
 *   running process, the daemon refuses to start ("already running as
 *   pid N") unless --overwrite-pidfile.
 * --monitor: a monitor process forks the daemon and restarts it when it
 *   dies of a crash signal (SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL,
 *   SIGXCPU, SIGXFSZ, SIGALRM, SIGPIPE), logging each restart, with
 *   backoff (1 s doubling to 60 s) when crashes come within 10 s of each
 *   other.  The monitor exits when the daemon exits or is killed by any
 *   other signal; SIGTERM to the monitor is passed on to the daemon.
 *   Log lines of the monitor carry the subprogram name "monitor".
 * --user=USER[:GROUP]: after forking, switches to USER (and GROUP, or
 *   USER's primary group), keeping only the capabilities registered
 *   with daemon_add_capability() (libcap-ng).  Requires root unless
 *   USER is already the current user.
 *
 * Thread-safety: call these from the main thread, before creating other
 * threads (fork() and setuid affect the whole process). */
#ifndef SVS_DAEMON_H
#define SVS_DAEMON_H 1

#include <stdbool.h>
#include <sys/types.h>

#define DAEMON_OPTION_ENUMS                     \
    OPT_DETACH,                                 \
    OPT_NO_CHDIR,                               \
    OPT_OVERWRITE_PIDFILE,                      \
    OPT_PIDFILE,                                \
    OPT_MONITOR,                                \
    OPT_USER_GROUP,                             \
    OPT_NO_SELF_CONFINEMENT

#define DAEMON_LONG_OPTIONS                                               \
    {"detach",            no_argument, NULL, OPT_DETACH},                 \
    {"no-chdir",          no_argument, NULL, OPT_NO_CHDIR},               \
    {"pidfile",           optional_argument, NULL, OPT_PIDFILE},          \
    {"overwrite-pidfile", no_argument, NULL, OPT_OVERWRITE_PIDFILE},      \
    {"monitor",           no_argument, NULL, OPT_MONITOR},                \
    {"user",              required_argument, NULL, OPT_USER_GROUP},       \
    {"no-self-confinement", no_argument, NULL, OPT_NO_SELF_CONFINEMENT}

#define DAEMON_OPTION_HANDLERS                  \
    case OPT_DETACH:                            \
        daemon_set_detach(true);                \
        break;                                  \
                                                \
    case OPT_NO_CHDIR:                          \
        daemon_set_no_chdir(true);              \
        break;                                  \
                                                \
    case OPT_PIDFILE:                           \
        daemon_set_pidfile(optarg);             \
        break;                                  \
                                                \
    case OPT_OVERWRITE_PIDFILE:                 \
        daemon_set_overwrite_pidfile(true);     \
        break;                                  \
                                                \
    case OPT_MONITOR:                           \
        daemon_set_monitor(true);               \
        break;                                  \
                                                \
    case OPT_USER_GROUP:                        \
        daemon_set_new_user(optarg);            \
        break;                                  \
                                                \
    case OPT_NO_SELF_CONFINEMENT:               \
        /* Accepted for Open vSwitch            \
         * compatibility; svs does not set up   \
         * SELinux/AppArmor confinement. */     \
        break;

/* Setters (for the option handlers or direct use, before
 * daemonize_start()). */
void daemon_set_detach(bool);
bool daemon_get_detach(void);
void daemon_set_no_chdir(bool);
/* 'name' NULL selects the default <rundir>/<program>.pid; a relative
 * name is relative to the rundir. */
void daemon_set_pidfile(const char *name);
/* The pidfile's absolute name, or NULL if none was requested. */
const char *daemon_get_pidfile(void);
void daemon_set_overwrite_pidfile(bool);
void daemon_set_monitor(bool);
/* Parses "USER[:GROUP]"; exits with an error if unknown. */
void daemon_set_new_user(const char *user_spec);
/* Keeps capability 'cap' (e.g. CAP_NET_ADMIN from <linux/capability.h>)
 * when --user drops privileges. */
void daemon_add_capability(int cap);

void daemonize_start(void);
void daemonize_complete(void);
/* daemonize_start() followed by daemonize_complete(). */
void daemonize(void);

/* Prints help for the options above. */
void daemon_usage(void);

/* Returns a description of wait() status 'status', e.g. "exit status 3"
 * or "killed (Segmentation fault)"; the caller frees it. */
char *daemon_status_to_string(int status);

/* Returns the pid of the process that holds a lock on pidfile 'path', or
 * a negative errno value: -ENOENT (no such file), -ESRCH (the file is not
 * locked: the daemon is gone), -EINVAL (bad contents), other -errno. */
pid_t read_pidfile(const char *path);

#endif /* daemon.h */
