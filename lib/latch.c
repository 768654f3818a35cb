/* latch.c: pipe-based wakeup flag. */
#include <config.h>
#include "latch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include "poll-loop.h"
#include "util.h"

void
latch_init(struct latch *latch)
{
    if (pipe2(latch->fds, O_CLOEXEC | O_NONBLOCK)) {
        svs_fatal(errno, "latch: pipe failed");
    }
}

void
latch_destroy(struct latch *latch)
{
    close(latch->fds[0]);
    close(latch->fds[1]);
}

bool
latch_poll(struct latch *latch)
{
    char buf[64];
    bool was_set = false;
    ssize_t n;

    while ((n = read(latch->fds[0], buf, sizeof buf)) > 0
           || (n < 0 && errno == EINTR)) {
        was_set |= n > 0;
    }
    return was_set;
}

bool
latch_poll_if_ready(struct latch *latch)
{
    return (poll_fd_may_be_ready(latch->fds[0], POLLIN)
            && latch_poll(latch));
}

void
latch_set(struct latch *latch)
{
    int save_errno = errno;
    /* EAGAIN (pipe full) means already set. */
    (void) !write(latch->fds[1], "", 1);
    errno = save_errno;
}

bool
latch_is_set(const struct latch *latch)
{
    struct pollfd pfd = { .fd = latch->fds[0], .events = POLLIN };
    int retval;

    do {
        retval = poll(&pfd, 1, 0);
    } while (retval < 0 && errno == EINTR);
    return retval > 0 && (pfd.revents & POLLIN);
}

void
latch_wait_at(const struct latch *latch, const char *where)
{
    poll_fd_wait_at(latch->fds[0], POLLIN, where);
}
