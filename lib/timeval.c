/* timeval.c: monotonic and wall clocks, sleeping, memory usage. */
#include <config.h>
#include "timeval.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

static long long int
timespec_to_usec(const struct timespec *ts)
{
    return (long long int) ts->tv_sec * 1000000 + ts->tv_nsec / 1000;
}

static long long int
clock_usec(clockid_t id)
{
    struct timespec ts;

    if (clock_gettime(id, &ts)) {
        svs_abort(errno, "clock_gettime failed");
    }
    return timespec_to_usec(&ts);
}

/* Returns the monotonic time in milliseconds.  The origin is arbitrary
 * (boot time on Linux); only differences are meaningful. */
long long int
time_msec(void)
{
    return clock_usec(CLOCK_MONOTONIC) / 1000;
}

/* Returns the monotonic time in microseconds. */
long long int
time_usec(void)
{
    return clock_usec(CLOCK_MONOTONIC);
}

/* Returns the wall-clock time in seconds since the epoch. */
time_t
time_now(void)
{
    return clock_usec(CLOCK_REALTIME) / 1000000;
}

/* Returns the wall-clock time in milliseconds since the epoch. */
long long int
time_wall_msec(void)
{
    return clock_usec(CLOCK_REALTIME) / 1000;
}

/* Returns the wall-clock time in microseconds since the epoch. */
long long int
time_wall_usec(void)
{
    return clock_usec(CLOCK_REALTIME);
}

void
xsleep_msec(unsigned int msec)
{
    struct timespec ts = {
        .tv_sec = msec / 1000,
        .tv_nsec = (long) (msec % 1000) * 1000000,
    };

    while (nanosleep(&ts, &ts) && errno == EINTR) {
        continue;
    }
}

unsigned long long
time_get_rss_kb(void)
{
    char *contents;
    unsigned long long rss = 0;

    if (read_whole_file("/proc/self/status", &contents, NULL)) {
        return 0;
    }
    const char *line = strstr(contents, "\nVmRSS:");
    if (line) {
        rss = strtoull(line + strlen("\nVmRSS:"), NULL, 10);
    }
    free(contents);
    return rss;
}
