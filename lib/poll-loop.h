/* poll-loop.h: the event loop every svs thread runs.
 *
 * What: a thread's main loop calls each module's X_run() (do work, never
 * block), then each module's X_wait() (register what would make more work
 * possible: fds, timers, immediate wakeups), then poll_block(), which
 * sleeps in poll() until one of the registered events occurs and then
 * clears the registrations.
 *
 *     for (;;) {
 *         a_run(); b_run();
 *         a_wait(); b_wait();
 *         poll_block();
 *     }
 *
 * Design: registrations are per thread (thread-local), so all functions
 * are thread-safe and threads never share a poll set.
 *
 * 'where' arguments (filled in by the macros) name the source location
 * that registered the event that woke the loop; debug logging and
 * coverage use them to explain wakeups. */
#ifndef SVS_POLL_LOOP_H
#define SVS_POLL_LOOP_H 1

#include <poll.h>
#include <stdbool.h>

/* Wakes poll_block() when 'fd' has any of 'events' (POLLIN, POLLOUT). */
void poll_fd_wait_at(int fd, short int events, const char *where);
#define poll_fd_wait(FD, EVENTS) \
    poll_fd_wait_at(FD, EVENTS, __FILE__ ":" SVS_STRINGIZE(__LINE__))

/* Wakes poll_block() after 'msec' milliseconds (0 or less: at once). */
void poll_timer_wait_at(long long int msec, const char *where);
#define poll_timer_wait(MSEC) \
    poll_timer_wait_at(MSEC, __FILE__ ":" SVS_STRINGIZE(__LINE__))

/* Wakes poll_block() at monotonic time 'msec' (see time_msec()). */
void poll_timer_wait_until_at(long long int msec, const char *where);
#define poll_timer_wait_until(MSEC) \
    poll_timer_wait_until_at(MSEC, __FILE__ ":" SVS_STRINGIZE(__LINE__))

/* Makes the next poll_block() return at once. */
void poll_immediate_wake_at(const char *where);
#define poll_immediate_wake() \
    poll_immediate_wake_at(__FILE__ ":" SVS_STRINGIZE(__LINE__))

/* Sleeps until a registered event happens, then clears the
 * registrations. */
void poll_block(void);

/* Readiness hints, to save system calls that would only fail with EAGAIN.
 *
 * poll_fd_may_be_ready() returns false only if the last poll_block() of
 * this thread watched 'fd' for all of 'events' and saw none of them (nor
 * an error or hang-up); otherwise true, since nothing is known.  A caller
 * that got false may skip its recv() or accept() and rely on waiting for
 * 'fd' again.  poll_fd_mark_drained() records that a read came back short,
 * so the fd holds no more input until the next poll_block(). */
bool poll_fd_may_be_ready(int fd, short int events);
void poll_fd_mark_drained(int fd, short int events);

#define SVS_STRINGIZE(ARG) SVS_STRINGIZE2(ARG)
#define SVS_STRINGIZE2(ARG) #ARG

#endif /* poll-loop.h */
