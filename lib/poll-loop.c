/* poll-loop.c: the per-thread poll set behind poll_block().
 *
 * Each thread has its own 'struct poll_loop', created on first use and
 * freed when the thread exits.  File descriptors registered more than once
 * are merged into one pollfd entry; a table indexed by fd, stamped with a
 * generation number that poll_block() bumps, finds the entry in O(1)
 * without clearing the table each iteration. */
#include <config.h>
#include "poll-loop.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "socket-util.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(poll_loop);

/* A loop iteration that spends longer than this between two
 * poll_block() calls is reported as unreasonably long. */
#define LONG_POLL_INTERVAL_MSEC 1000

struct poll_loop {
    /* Registered file descriptors. */
    struct pollfd *pollfds;     /* 'n_fds' entries in use. */
    const char **wheres;        /* Registration site of each entry. */
    size_t n_fds, allocated_fds;

    /* fd -> index in 'pollfds', valid when stamp[fd] == 'generation'. */
    unsigned int *fd_index;
    unsigned int *fd_stamp;
    size_t fd_table_size;
    unsigned int generation;

    /* What the last poll() said of each fd it watched: 'ready_stamp[fd]'
     * equals 'ready_generation' if the fd was watched for 'ready_events'
     * and got 'ready_revents'.  See poll_fd_may_be_ready(). */
    unsigned int *ready_stamp;
    short int *ready_events;
    short int *ready_revents;
    size_t ready_table_size;
    unsigned int ready_generation;

    /* Earliest timer: monotonic msec, LLONG_MAX if none. */
    long long int deadline;
    const char *deadline_where;

    /* Statistics for the "long poll interval" warning. */
    long long int last_wakeup;  /* time_msec() when poll() last returned,
                                 * 0 before the first poll_block(). */
    long long int last_user_usec;   /* Thread user CPU time at
                                     * 'last_wakeup'. */
    long long int last_system_usec; /* Thread system CPU time then. */
    long long int last_cpu_sample;  /* time_msec() of that sample. */
};

static pthread_key_t poll_loop_key;
static pthread_once_t poll_loop_once = PTHREAD_ONCE_INIT;

static void
poll_loop_free(void *loop_)
{
    struct poll_loop *loop = loop_;

    if (loop) {
        free(loop->pollfds);
        free(loop->wheres);
        free(loop->fd_index);
        free(loop->fd_stamp);
        free(loop->ready_stamp);
        free(loop->ready_events);
        free(loop->ready_revents);
        free(loop);
    }
}

static void
poll_loop_create_key(void)
{
    int error = pthread_key_create(&poll_loop_key, poll_loop_free);
    if (error) {
        svs_abort(error, "pthread_key_create failed");
    }
}

static struct poll_loop *
poll_loop(void)
{
    pthread_once(&poll_loop_once, poll_loop_create_key);

    struct poll_loop *loop = pthread_getspecific(poll_loop_key);
    if (!loop) {
        loop = xzalloc(sizeof *loop);
        loop->deadline = LLONG_MAX;
        loop->generation = 1;
        pthread_setspecific(poll_loop_key, loop);
    }
    return loop;
}

void
poll_fd_wait_at(int fd, short int events, const char *where)
{
    struct poll_loop *loop = poll_loop();

    svs_assert(fd >= 0);
    if (fd >= loop->fd_table_size) {
        size_t new_size = MAX(64, loop->fd_table_size);
        while (new_size <= fd) {
            new_size *= 2;
        }
        loop->fd_index = xrealloc(loop->fd_index,
                                  new_size * sizeof *loop->fd_index);
        loop->fd_stamp = xrealloc(loop->fd_stamp,
                                  new_size * sizeof *loop->fd_stamp);
        memset(&loop->fd_stamp[loop->fd_table_size], 0,
               (new_size - loop->fd_table_size) * sizeof *loop->fd_stamp);
        loop->fd_table_size = new_size;
    }

    if (loop->fd_stamp[fd] == loop->generation) {
        loop->pollfds[loop->fd_index[fd]].events |= events;
        return;
    }

    if (loop->n_fds >= loop->allocated_fds) {
        size_t n = loop->allocated_fds;
        loop->pollfds = x2nrealloc(loop->pollfds, &n, sizeof *loop->pollfds);
        loop->wheres = xrealloc(loop->wheres, n * sizeof *loop->wheres);
        loop->allocated_fds = n;
    }
    loop->fd_stamp[fd] = loop->generation;
    loop->fd_index[fd] = loop->n_fds;
    loop->pollfds[loop->n_fds] = (struct pollfd) { .fd = fd,
                                                   .events = events };
    loop->wheres[loop->n_fds] = where;
    loop->n_fds++;
}

void
poll_timer_wait_until_at(long long int when, const char *where)
{
    struct poll_loop *loop = poll_loop();

    if (when < loop->deadline) {
        loop->deadline = when;
        loop->deadline_where = where;
    }
}

void
poll_timer_wait_at(long long int msec, const char *where)
{
    long long int now = time_msec();
    long long int when;

    if (msec <= 0) {
        when = now;
    } else if (msec >= LLONG_MAX - now) {
        when = LLONG_MAX - 1;
    } else {
        when = now + msec;
    }
    poll_timer_wait_until_at(when, where);
}

void
poll_immediate_wake_at(const char *where)
{
    poll_timer_wait_until_at(LLONG_MIN, where);
}

/* Records what poll() reported, for poll_fd_may_be_ready(). */
static void
record_ready(struct poll_loop *loop)
{
    if (++loop->ready_generation == 0) {
        memset(loop->ready_stamp, 0,
               loop->ready_table_size * sizeof *loop->ready_stamp);
        loop->ready_generation = 1;
    }
    for (size_t i = 0; i < loop->n_fds; i++) {
        const struct pollfd *pfd = &loop->pollfds[i];
        int fd = pfd->fd;
        if (fd >= loop->ready_table_size) {
            size_t new_size = MAX(64, loop->ready_table_size);
            while (new_size <= (size_t) fd) {
                new_size *= 2;
            }
            loop->ready_stamp = xrealloc(loop->ready_stamp,
                                         new_size * sizeof *loop->ready_stamp);
            loop->ready_events = xrealloc(loop->ready_events, new_size
                                          * sizeof *loop->ready_events);
            loop->ready_revents = xrealloc(loop->ready_revents, new_size
                                           * sizeof *loop->ready_revents);
            memset(&loop->ready_stamp[loop->ready_table_size], 0,
                   (new_size - loop->ready_table_size)
                   * sizeof *loop->ready_stamp);
            loop->ready_table_size = new_size;
        }
        loop->ready_stamp[fd] = loop->ready_generation;
        loop->ready_events[fd] = pfd->events;
        loop->ready_revents[fd] = pfd->revents;
    }
}

bool
poll_fd_may_be_ready(int fd, short int events)
{
    struct poll_loop *loop = poll_loop();
    if (fd < 0 || (size_t) fd >= loop->ready_table_size
        || loop->ready_stamp[fd] != loop->ready_generation
        || (loop->ready_events[fd] & events) != events) {
        return true;            /* Not watched for that: unknown. */
    }
    return (loop->ready_revents[fd]
            & (events | POLLERR | POLLHUP | POLLNVAL)) != 0;
}

void
poll_fd_mark_drained(int fd, short int events)
{
    struct poll_loop *loop = poll_loop();
    if (fd >= 0 && (size_t) fd < loop->ready_table_size
        && loop->ready_stamp[fd] == loop->ready_generation) {
        loop->ready_revents[fd] &= ~events;
    }
}

/* Returns the calling thread's user and system CPU time in usec. */
static void
thread_cpu_usec(long long int *user, long long int *system)
{
    struct rusage ru;

    if (getrusage(RUSAGE_THREAD, &ru)) {
        *user = *system = 0;
        return;
    }
    *user = (long long int) ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec;
    *system = ((long long int) ru.ru_stime.tv_sec * 1000000
               + ru.ru_stime.tv_usec);
}

static void
log_wakeup(const struct poll_loop *loop, int retval, long long int timeout,
           int cpu_pct)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 10);
    struct ds s = DS_EMPTY_INITIALIZER;

    if (retval > 0) {
        for (size_t i = 0; i < loop->n_fds; i++) {
            const struct pollfd *p = &loop->pollfds[i];
            if (!p->revents) {
                continue;
            }
            ds_put_cstr(&s, "wakeup due to ");
            if (p->revents & POLLIN) {
                ds_put_cstr(&s, "[POLLIN]");
            }
            if (p->revents & POLLOUT) {
                ds_put_cstr(&s, "[POLLOUT]");
            }
            if (p->revents & POLLERR) {
                ds_put_cstr(&s, "[POLLERR]");
            }
            if (p->revents & POLLHUP) {
                ds_put_cstr(&s, "[POLLHUP]");
            }
            if (p->revents & POLLNVAL) {
                ds_put_cstr(&s, "[POLLNVAL]");
            }
            char *desc = describe_fd(p->fd);
            ds_put_format(&s, " on fd %d (%s) at %s", p->fd, desc,
                          loop->wheres[i]);
            free(desc);
            break;
        }
    } else {
        ds_put_format(&s, "wakeup due to %lld-ms timeout at %s",
                      timeout, loop->deadline_where ? loop->deadline_where
                                                    : "<unknown>");
    }
    ds_put_format(&s, " (%d%% CPU usage)", cpu_pct);
    VLOG_DBG_RL(&rl, "%s", ds_cstr(&s));
    ds_destroy(&s);
}

void
poll_block(void)
{
    static struct vlog_rate_limit long_rl = VLOG_RATE_LIMIT_INIT(3, 3);
    struct poll_loop *loop = poll_loop();

    /* Handle a pending termination signal before sleeping, and make one
     * that arrives while sleeping wake us. */
    fatal_signal_run();
    fatal_signal_wait();

    long long int start = time_msec();
    long long int user = 0, system = 0;
    int cpu_pct = 0;

    /* getrusage() costs a system call: sample it only when an interval
     * may be long enough to report. */
    bool sample = start - loop->last_cpu_sample >= LONG_POLL_INTERVAL_MSEC;
    if (sample) {
        thread_cpu_usec(&user, &system);
    }
    if (loop->last_wakeup && sample) {
        long long int busy = start - loop->last_wakeup;
        long long int user_used = user - loop->last_user_usec;
        long long int system_used = system - loop->last_system_usec;
        if (busy > 0) {
            cpu_pct = MIN(100, MAX(0, (user_used + system_used) / 10
                                      / busy));
        }
        if (busy > LONG_POLL_INTERVAL_MSEC) {
            VLOG_WARN_RL(&long_rl, "Unreasonably long %lldms poll interval "
                         "(%lldms user, %lldms system)", busy,
                         user_used / 1000, system_used / 1000);
        }
    }

    int timeout;
    long long int timeout_ms = 0;
    if (loop->deadline == LLONG_MAX) {
        timeout = -1;
    } else if (loop->deadline <= start) {
        timeout = 0;
    } else {
        timeout_ms = loop->deadline - start;
        timeout = timeout_ms > INT_MAX ? INT_MAX : timeout_ms;
    }

    /* A signal (EINTR) just ends the wait early: signal handlers that
     * need attention wake the loop through a pipe anyway. */
    int retval = poll(loop->pollfds, loop->n_fds, timeout);
    if (retval < 0) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
        if (errno != EINTR) {
            VLOG_ERR_RL(&rl, "poll: %s", svs_strerror(errno));
        }
    } else if (VLOG_IS_DBG_ENABLED()) {
        log_wakeup(loop, retval, timeout_ms, cpu_pct);
    }

    if (retval >= 0) {
        record_ready(loop);
    } else if (++loop->ready_generation == 0) {
        /* Interrupted: nothing is known about the fds. */
        loop->ready_generation = 1;
        memset(loop->ready_stamp, 0,
               loop->ready_table_size * sizeof *loop->ready_stamp);
    }

    /* Clear the registrations for the next iteration. */
    loop->n_fds = 0;
    loop->deadline = LLONG_MAX;
    loop->deadline_where = NULL;
    if (++loop->generation == 0) {
        memset(loop->fd_stamp, 0, loop->fd_table_size
               * sizeof *loop->fd_stamp);
        loop->generation = 1;
    }
    loop->last_wakeup = time_msec();
    if (sample) {
        thread_cpu_usec(&loop->last_user_usec, &loop->last_system_usec);
        loop->last_cpu_sample = loop->last_wakeup;
    }

    fatal_signal_run();
}
