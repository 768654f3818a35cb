/* daemon.c: --detach, --pidfile, --monitor, --no-chdir, --user.
 *
 * Processes (with both --detach and --monitor):
 *
 *   invoker --fork--> monitor --fork--> daemon
 *
 * Each parent waits on a pipe for its child's startup notification: the
 * daemon writes a byte in daemonize_complete(), the monitor passes the
 * news on to the invoker, and the invoker exits 0.  If a child dies
 * before writing, its parent reads EOF, collects the child's exit status
 * and exits with it.  Without --detach the invoker is the monitor; without
 * --monitor the invoker forks the daemon directly. */
#include <config.h>
#include "daemon.h"

#include <cap-ng.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "dirs.h"
#include "fatal-signal.h"
#include "poll-loop.h"
#include "socket-util.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(daemon);

/* Configuration. */
static bool detach;
static bool no_chdir;
static bool overwrite_pidfile;
static bool monitor;
static char *pidfile;

/* --user. */
static bool switch_user;
static uid_t new_uid;
static gid_t new_gid;
static char *new_user;
static int *keep_caps;
static size_t n_keep_caps, allocated_keep_caps;

/* Write end of the pipe to the process waiting for our startup, or -1. */
static int notify_fd = -1;

/* Our locked pidfile, while we hold it. */
static int pidfile_fd = -1;
static dev_t pidfile_dev;
static ino_t pidfile_ino;

/* Monitor state. */
static pid_t monitored_pid;
static int sigchld_fds[2] = { -1, -1 };

void
daemon_set_detach(bool b)
{
    detach = b;
}

bool
daemon_get_detach(void)
{
    return detach;
}

void
daemon_set_no_chdir(bool b)
{
    no_chdir = b;
}

void
daemon_set_pidfile(const char *name)
{
    free(pidfile);
    pidfile = (name
               ? abs_file_name(svs_rundir(), name)
               : xasprintf("%s/%s.pid", svs_rundir(), program_name));
}

const char *
daemon_get_pidfile(void)
{
    return pidfile;
}

void
daemon_set_overwrite_pidfile(bool b)
{
    overwrite_pidfile = b;
}

void
daemon_set_monitor(bool b)
{
    monitor = b;
}

void
daemon_set_new_user(const char *spec)
{
    char *copy = xstrdup(spec);
    char *colon = strchr(copy, ':');
    char *group = NULL;

    if (colon) {
        *colon = '\0';
        group = colon + 1;
    }

    struct passwd *pw = copy[0] ? getpwnam(copy) : NULL;
    if (!pw) {
        svs_fatal(0, "%s: unknown user", copy[0] ? copy : spec);
    }
    new_uid = pw->pw_uid;
    new_gid = pw->pw_gid;

    if (group && group[0]) {
        struct group *gr = getgrnam(group);
        if (!gr) {
            svs_fatal(0, "%s: unknown group", group);
        }
        new_gid = gr->gr_gid;
    }

    free(new_user);
    new_user = xstrdup(copy);
    switch_user = true;
    free(copy);
}

void
daemon_add_capability(int cap)
{
    if (n_keep_caps >= allocated_keep_caps) {
        keep_caps = x2nrealloc(keep_caps, &allocated_keep_caps,
                               sizeof *keep_caps);
    }
    keep_caps[n_keep_caps++] = cap;
}

/* Process status. */

char *
daemon_status_to_string(int status)
{
    if (WIFEXITED(status)) {
        return xasprintf("exit status %d", WEXITSTATUS(status));
    } else if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        const char *name = strsignal(sig);
        return xasprintf("killed (%s)%s", name ? name : "unknown signal",
                         WCOREDUMP(status) ? ", core dumped" : "");
    }
    return xasprintf("terminated abnormally (%x)", (unsigned int) status);
}

static pid_t
waitpid_retry(pid_t pid, int *status, int flags)
{
    pid_t retval;

    do {
        retval = waitpid(pid, status, flags);
    } while (retval < 0 && errno == EINTR);
    return retval;
}

/* Forks.  In the child returns 0 with '*child_notify_fdp' set to the fd
 * on which to report startup.  In the parent waits for that report and
 * returns the child's pid; if the child dies first, exits with the
 * child's exit status (1 if it died of a signal). */
static pid_t
fork_and_wait_for_startup(int *child_notify_fdp)
{
    int fds[2];

    xpipe(fds);
    fflush(stdout);
    fflush(stderr);

    pid_t pid = fork();
    if (pid < 0) {
        svs_fatal(errno, "could not fork");
    } else if (pid == 0) {
        close(fds[0]);
        *child_notify_fdp = fds[1];
        return 0;
    }

    close(fds[1]);
    char c;
    ssize_t n;
    do {
        n = read(fds[0], &c, 1);
    } while (n < 0 && errno == EINTR);
    close(fds[0]);

    if (n != 1) {
        int status;
        if (waitpid_retry(pid, &status, 0) != pid) {
            svs_error(errno, "waitpid failed");
            _exit(EXIT_FAILURE);
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            /* The child finished without ever completing startup: that
             * was not a failure. */
            _exit(0);
        }
        /* One message: svs_error() also logs it. */
        char *s = daemon_status_to_string(status);
        svs_error(0, "fork child died before signaling startup (%s)", s);
        free(s);
        _exit(WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_FAILURE);
    }
    return pid;
}

/* Tells the process waiting for our startup that we started fine. */
static void
notify_parent(void)
{
    if (notify_fd >= 0) {
        ssize_t n;
        do {
            n = write(notify_fd, "", 1);
        } while (n < 0 && errno == EINTR);
        close(notify_fd);
        notify_fd = -1;
    }
}

/* Pidfile. */

/* Like read_pidfile(), logging problems only if 'verbose'. */
static pid_t
read_pidfile__(const char *path, bool verbose)
{
    enum vlog_level level = verbose ? VLL_WARN : VLL_DBG;
    struct stat st;

    /* Our own pidfile: F_GETLK does not report our own lock. */
    if (pidfile_fd >= 0 && !stat(path, &st) && st.st_dev == pidfile_dev
        && st.st_ino == pidfile_ino) {
        return getpid();
    }

    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int error = errno;
        VLOG(level, "%s: open: %s", path, svs_strerror(error));
        return -error;
    }

    struct flock lck = {
        .l_type = F_WRLCK,
        .l_whence = SEEK_SET,
        .l_start = 0,
        .l_len = 0,
    };
    if (fcntl(fd, F_GETLK, &lck)) {
        int error = errno;
        VLOG(level, "%s: fcntl: %s", path, svs_strerror(error));
        close(fd);
        return -error;
    }
    if (lck.l_type == F_UNLCK) {
        /* Not locked: the process that wrote it is gone. */
        VLOG(level, "%s: pid file is stale", path);
        close(fd);
        return -ESRCH;
    }

    char buf[32];
    ssize_t n;
    do {
        n = read(fd, buf, sizeof buf - 1);
    } while (n < 0 && errno == EINTR);
    close(fd);
    if (n < 0) {
        int error = errno;
        VLOG(level, "%s: read: %s", path, svs_strerror(error));
        return -error;
    }
    buf[n] = '\0';

    char *end;
    errno = 0;
    long int pid = strtol(buf, &end, 10);
    if (errno || end == buf || (*end && *end != '\n') || pid <= 0) {
        VLOG(level, "%s: invalid pid file contents", path);
        return -EINVAL;
    }
    if (pid != lck.l_pid) {
        VLOG(level, "%s: locked by pid %ld instead of %ld", path,
             (long int) lck.l_pid, pid);
        return -ESRCH;
    }
    return pid;
}

pid_t
read_pidfile(const char *path)
{
    return read_pidfile__(path, true);
}

static void
make_pidfile(void)
{
    if (!pidfile) {
        return;
    }

    if (!overwrite_pidfile) {
        pid_t pid = read_pidfile__(pidfile, false);
        if (pid > 0) {
            svs_fatal(0, "%s: already running as pid %ld, aborting",
                      pidfile, (long int) pid);
        }
    }

    char *tmpfile = xasprintf("%s.tmp%ld", pidfile, (long int) getpid());
    int fd = open(tmpfile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        svs_fatal(errno, "%s: create failed", tmpfile);
    }
    fatal_signal_add_file_to_unlink(tmpfile);

    struct flock lck = {
        .l_type = F_WRLCK,
        .l_whence = SEEK_SET,
        .l_start = 0,
        .l_len = 0,
    };
    if (fcntl(fd, F_SETLK, &lck)) {
        svs_fatal(errno, "%s: fcntl(F_SETLK) failed", tmpfile);
    }

    char buf[32];
    int len = snprintf(buf, sizeof buf, "%ld\n", (long int) getpid());
    int error = write_fully(fd, buf, len, NULL);
    if (error) {
        svs_fatal(error, "%s: write failed", tmpfile);
    }

    fatal_signal_add_file_to_unlink(pidfile);
    if (rename(tmpfile, pidfile)) {
        svs_fatal(errno, "failed to rename \"%s\" to \"%s\"", tmpfile,
                  pidfile);
    }
    fatal_signal_remove_file_to_unlink(tmpfile);
    free(tmpfile);

    struct stat st;
    if (fstat(fd, &st)) {
        svs_fatal(errno, "%s: fstat failed", pidfile);
    }
    pidfile_fd = fd;
    pidfile_dev = st.st_dev;
    pidfile_ino = st.st_ino;
}

/* --user. */

static void
become_new_user(void)
{
    if (!switch_user) {
        return;
    }
    switch_user = false;

    if (geteuid() == new_uid && getegid() == new_gid) {
        return;
    }
    if (geteuid() != 0) {
        svs_fatal(0, "--user %s requires root privileges", new_user);
    }

    capng_clear(CAPNG_SELECT_BOTH);
    for (size_t i = 0; i < n_keep_caps; i++) {
        if (capng_update(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED,
                         keep_caps[i])) {
            svs_fatal(0, "capng_update(%d) failed", keep_caps[i]);
        }
    }
    int retval = capng_change_id(new_uid, new_gid,
                                 CAPNG_INIT_SUPP_GRP | CAPNG_CLEAR_BOUNDING);
    if (retval) {
        svs_fatal(0, "capng_change_id to user %s (uid %ld, gid %ld) failed "
                  "(%d)", new_user, (long int) new_uid, (long int) new_gid,
                  retval);
    }
    VLOG_INFO("switched to user %s (uid %ld, gid %ld)", new_user,
              (long int) new_uid, (long int) new_gid);
}

/* Monitor. */

static bool
should_restart(int status)
{
    static const int crash_signals[] = {
        SIGABRT, SIGALRM, SIGBUS, SIGFPE, SIGILL, SIGPIPE, SIGSEGV,
        SIGXCPU, SIGXFSZ
    };

    if (WIFSIGNALED(status)) {
        for (size_t i = 0; i < ARRAY_SIZE(crash_signals); i++) {
            if (WTERMSIG(status) == crash_signals[i]) {
                return true;
            }
        }
    }
    return false;
}

static void
sigchld_handler(int sig SVS_UNUSED)
{
    int save_errno = errno;
    (void) !write(sigchld_fds[1], "", 1);
    errno = save_errno;
}

/* Fatal-signal hook of the monitor: take the daemon down with us. */
static void
monitor_kill_daemon(void *aux SVS_UNUSED)
{
    if (monitored_pid > 0) {
        kill(monitored_pid, SIGTERM);
    }
}

static void
monitor_setup(void)
{
    vlog_set_subprogram_name("monitor");
    fatal_signal_fork();
    fatal_signal_add_hook(monitor_kill_daemon, NULL, NULL, false);

    xpipe_nonblocking(sigchld_fds);
    struct sigaction sa = { .sa_handler = sigchld_handler };
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    if (sigaction(SIGCHLD, &sa, NULL)) {
        svs_fatal(errno, "sigaction(SIGCHLD) failed");
    }
}

/* Undoes monitor_setup() in a freshly forked daemon. */
static void
monitor_teardown_in_child(void)
{
    signal(SIGCHLD, SIG_DFL);
    close(sigchld_fds[0]);
    close(sigchld_fds[1]);
    sigchld_fds[0] = sigchld_fds[1] = -1;
    fatal_signal_fork();
    vlog_set_subprogram_name(NULL);
    monitored_pid = 0;
}

/* Waits for the daemon to die and returns its wait status. */
static int
monitor_wait_for_daemon(void)
{
    for (;;) {
        int status;
        pid_t retval = waitpid_retry(monitored_pid, &status, WNOHANG);
        if (retval == monitored_pid) {
            return status;
        } else if (retval < 0) {
            svs_fatal(errno, "waitpid failed");
        }

        char buf[64];
        while (read(sigchld_fds[0], buf, sizeof buf) > 0) {
            continue;
        }
        poll_fd_wait(sigchld_fds[0], POLLIN);
        poll_timer_wait(1000);
        poll_block();
    }
}

/* Runs the monitor loop in the parent of the daemon 'daemon_pid'.
 * Returns only in a newly forked daemon, which goes on to run. */
static void
monitor_daemon(pid_t daemon_pid)
{
    long long int last_restart = LLONG_MIN;
    int backoff = 0;

    monitored_pid = daemon_pid;
    for (;;) {
        int status = monitor_wait_for_daemon();
        char *s = daemon_status_to_string(status);

        if (!should_restart(status)) {
            VLOG_INFO("pid %ld died, %s, exiting", (long int) monitored_pid,
                      s);
            free(s);
            if (pidfile) {
                /* A daemon killed by a signal may have left its pidfile. */
                pid_t pid = read_pidfile__(pidfile, false);
                if (pid < 0 && pid != -ENOENT) {
                    unlink(pidfile);
                }
            }
            exit(WIFEXITED(status) ? WEXITSTATUS(status) : 0);
        }

        long long int now = time_msec();
        if (last_restart != LLONG_MIN && now - last_restart < 10000) {
            backoff = backoff ? MIN(backoff * 2, 60000) : 1000;
            VLOG_WARN("pid %ld died, %s, waiting %d ms before restarting",
                      (long int) monitored_pid, s, backoff);
            xsleep_msec(backoff);
            fatal_signal_run();
        } else {
            backoff = 0;
            VLOG_ERR("pid %ld died, %s, restarting",
                     (long int) monitored_pid, s);
        }
        free(s);
        last_restart = time_msec();

        int child_notify_fd;
        pid_t pid = fork_and_wait_for_startup(&child_notify_fd);
        if (!pid) {
            monitor_teardown_in_child();
            notify_fd = child_notify_fd;
            return;
        }
        monitored_pid = pid;
        VLOG_INFO("restarted daemon as pid %ld", (long int) pid);
    }
}

/* Daemonizing. */

static void close_standard_fds(void);

/* Changes to "/" unless --no-chdir, points the standard fds at /dev/null
 * and turns off console logging. */
static void
detach_from_invoker(void)
{
    if (!no_chdir && chdir("/")) {
        VLOG_WARN("chdir(\"/\") failed: %s", svs_strerror(errno));
    }
    close_standard_fds();
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_OFF);
}

void
daemonize_start(void)
{
    if (switch_user && geteuid() != 0
        && (geteuid() != new_uid || getegid() != new_gid)) {
        svs_fatal(0, "--user %s requires root privileges", new_user);
    }

    if (detach) {
        int child_notify_fd;
        pid_t pid = fork_and_wait_for_startup(&child_notify_fd);
        if (pid > 0) {
            /* The invoker: the daemon started fine. */
            _exit(0);
        }
        notify_fd = child_notify_fd;
        if (setsid() < 0) {
            svs_fatal(errno, "setsid failed");
        }
    }

    if (monitor) {
        int child_notify_fd;
        pid_t pid = fork_and_wait_for_startup(&child_notify_fd);
        if (pid > 0) {
            /* The monitor.  The daemon started fine: tell the invoker, and
             * detach from the terminal and the invoker's output just as
             * the daemon does. */
            monitor_setup();
            notify_parent();
            if (detach) {
                detach_from_invoker();
            }
            monitor_daemon(pid);
            /* Returns only in a restarted daemon. */
        } else {
            /* The first daemon: report startup to the monitor, not to the
             * invoker. */
            if (notify_fd >= 0) {
                close(notify_fd);
            }
            notify_fd = child_notify_fd;
        }
    }

    become_new_user();
    make_pidfile();
}

static void
close_standard_fds(void)
{
    int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        svs_fatal(errno, "could not open /dev/null");
    }
    dup2(fd, STDIN_FILENO);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    if (fd > STDERR_FILENO) {
        close(fd);
    }
}

void
daemonize_complete(void)
{
    notify_parent();
    if (detach) {
        detach = false;     /* Only once. */
        detach_from_invoker();
    }
}

void
daemonize(void)
{
    daemonize_start();
    daemonize_complete();
}

void
daemon_usage(void)
{
    printf("\nDaemon options:\n"
           "  --detach                run in background as daemon\n"
           "  --monitor               creates a process to monitor this "
           "daemon\n"
           "  --user=username[:group] changes the effective daemon "
           "user:group\n"
           "  --no-chdir              do not chdir to '/'\n"
           "  --pidfile[=FILE]        create pidfile (default: %s/%s.pid)\n"
           "  --overwrite-pidfile     with --pidfile, start even if already "
           "running\n",
           svs_rundir(), program_name);
}
