/* fatal-signal.c: cleanup on fatal signals, svs_fatal() and exit. */
#include <config.h>
#include "fatal-signal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "poll-loop.h"
#include "sset.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(fatal_signal);

static const int fatal_signals[] = { SIGTERM, SIGINT, SIGHUP, SIGALRM };

struct hook {
    void (*hook_cb)(void *aux);
    void (*cancel_cb)(void *aux);
    void *aux;
    bool run_at_exit;
};

/* Guards everything below except 'stored_sig_nr' and 'signal_fds', which
 * the signal handler touches. */
static pthread_mutex_t mutex = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static struct hook *hooks;
static size_t n_hooks, allocated_hooks;
static struct sset files = SSET_INITIALIZER(&files);
static bool cleaned_up;

static volatile sig_atomic_t stored_sig_nr;
static int signal_fds[2] = { -1, -1 };

static void fatal_signal_handler(int sig_nr);
static void fatal_signal_atexit(void);
static void fatal_hook(void);
static void call_hooks(int sig_nr);
static void init_once(void);

void
fatal_signal_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, init_once);
}

static void
init_once(void)
{
    if (pipe2(signal_fds, O_CLOEXEC | O_NONBLOCK)) {
        svs_fatal(errno, "could not create pipe");
    }

    fatal_ignore_sigpipe();
    for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++) {
        int sig_nr = fatal_signals[i];
        struct sigaction old_sa;

        if (sigaction(sig_nr, NULL, &old_sa)) {
            svs_fatal(errno, "sigaction(%d) failed", sig_nr);
        }
        /* Leave alone signals that the invoker asked us to ignore, as
         * nohup does with SIGHUP. */
        if (old_sa.sa_handler == SIG_DFL) {
            struct sigaction sa = { .sa_handler = fatal_signal_handler };
            sigemptyset(&sa.sa_mask);
            sa.sa_flags = SA_RESTART;
            if (sigaction(sig_nr, &sa, NULL)) {
                svs_fatal(errno, "sigaction(%d) failed", sig_nr);
            }
        }
    }
    svs_set_fatal_hook(fatal_hook);
    atexit(fatal_signal_atexit);
}

void
fatal_ignore_sigpipe(void)
{
    signal(SIGPIPE, SIG_IGN);
}

void
fatal_signal_add_hook(void (*hook_cb)(void *aux),
                      void (*cancel_cb)(void *aux), void *aux,
                      bool run_at_exit)
{
    fatal_signal_init();

    pthread_mutex_lock(&mutex);
    if (n_hooks >= allocated_hooks) {
        hooks = x2nrealloc(hooks, &allocated_hooks, sizeof *hooks);
    }
    hooks[n_hooks++] = (struct hook) { hook_cb, cancel_cb, aux,
                                       run_at_exit };
    pthread_mutex_unlock(&mutex);
}

void
fatal_signal_add_file_to_unlink(const char *file)
{
    fatal_signal_init();

    pthread_mutex_lock(&mutex);
    sset_add(&files, file);
    pthread_mutex_unlock(&mutex);
}

void
fatal_signal_remove_file_to_unlink(const char *file)
{
    pthread_mutex_lock(&mutex);
    sset_find_and_delete(&files, file);
    pthread_mutex_unlock(&mutex);
}

int
fatal_signal_unlink_file_now(const char *file)
{
    int error = unlink(file) ? errno : 0;
    if (error && error != ENOENT) {
        VLOG_WARN("could not unlink \"%s\" (%s)", file, svs_strerror(error));
    }
    fatal_signal_remove_file_to_unlink(file);
    return error;
}

/* The signal handler: async-signal-safe, so it only records the signal
 * and wakes the poll loop. */
static void
fatal_signal_handler(int sig_nr)
{
    int save_errno = errno;
    char c = 0;

    stored_sig_nr = sig_nr;
    (void) !write(signal_fds[1], &c, 1);
    errno = save_errno;
}

void
fatal_signal_run(void)
{
    int sig_nr = stored_sig_nr;

    if (sig_nr) {
        char namebuf[64];
        const char *name = strsignal(sig_nr);

        svs_strlcpy(namebuf, name ? name : "unknown", sizeof namebuf);
        VLOG_WARN("terminating with signal %d (%s)", sig_nr, namebuf);
        call_hooks(sig_nr);

        /* Re-raise with the default action, so that our parent sees that
         * we died of the signal. */
        signal(sig_nr, SIG_DFL);
        raise(sig_nr);
        /* Not reached unless the signal is blocked. */
        _exit(128 + sig_nr);
    }
}

void
fatal_signal_wait(void)
{
    if (signal_fds[0] >= 0) {
        /* The pipe only ever holds bytes after a signal, and then
         * 'stored_sig_nr' is set and fatal_signal_run() ends the process,
         * so it never needs draining. */
        if (stored_sig_nr) {
            poll_immediate_wake();
        } else {
            poll_fd_wait(signal_fds[0], POLLIN);
        }
    }
}

static void
call_hooks(int sig_nr)
{
    pthread_mutex_lock(&mutex);
    if (!cleaned_up) {
        cleaned_up = true;
        for (size_t i = 0; i < n_hooks; i++) {
            if (sig_nr || hooks[i].run_at_exit) {
                hooks[i].hook_cb(hooks[i].aux);
            }
        }

        const char *file;
        SSET_FOR_EACH (file, &files) {
            unlink(file);
        }
    }
    pthread_mutex_unlock(&mutex);
}

void
fatal_signal_cleanup(void)
{
    call_hooks(-1);
}

static void
fatal_hook(void)
{
    call_hooks(-1);
}

static void
fatal_signal_atexit(void)
{
    call_hooks(0);
}

void
fatal_signal_fork(void)
{
    pthread_mutex_lock(&mutex);
    for (size_t i = 0; i < n_hooks; i++) {
        if (hooks[i].cancel_cb) {
            hooks[i].cancel_cb(hooks[i].aux);
        }
    }
    n_hooks = 0;
    sset_clear(&files);
    pthread_mutex_unlock(&mutex);

    /* The child needs its own wakeup pipe, since a signal delivered to the
     * parent must not wake the child and vice versa. */
    if (signal_fds[0] >= 0) {
        close(signal_fds[0]);
        close(signal_fds[1]);
        if (pipe2(signal_fds, O_CLOEXEC | O_NONBLOCK)) {
            svs_fatal(errno, "could not create pipe");
        }
    }
}
