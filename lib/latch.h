/* latch.h: a cross-thread (or signal-safe) wakeup flag.
 *
 * What: a latch is either set or clear.  Any thread may latch_set() it;
 * the thread that owns it waits for it with latch_wait() (which registers
 * with that thread's poll loop) and consumes it with latch_poll().
 *
 * Design: a nonblocking pipe; "set" means at least one byte is buffered.
 * Setting is async-signal-safe.
 *
 * Thread-safety: latch_set() and latch_is_set() may be called from any
 * thread; latch_poll() and latch_wait() by the owning thread;
 * latch_init() and latch_destroy() with no concurrent users. */
#ifndef SVS_LATCH_H
#define SVS_LATCH_H 1

#include <stdbool.h>

struct latch {
    int fds[2];                 /* Pipe: [0] read end, [1] write end. */
};

void latch_init(struct latch *);
void latch_destroy(struct latch *);

/* Clears the latch and returns true if it was set. */
bool latch_poll(struct latch *);
/* Like latch_poll(), but without a system call when this thread's last
 * poll_block() watched the latch and saw it clear.  Only for an owner
 * that latch_wait()s every pass: a latch set since then wakes the next
 * poll_block() at once and is consumed on the following pass. */
bool latch_poll_if_ready(struct latch *);
/* Sets the latch (no-op if already set). */
void latch_set(struct latch *);
/* Returns true if the latch is set, without clearing it. */
bool latch_is_set(const struct latch *);
/* Makes the calling thread's next poll_block() wake when the latch is
 * set. */
void latch_wait_at(const struct latch *, const char *where);
#define latch_wait(LATCH) \
    latch_wait_at(LATCH, __FILE__ ":" SVS_STRINGIZE(__LINE__))

#endif /* latch.h */
