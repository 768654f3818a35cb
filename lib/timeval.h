/* timeval.h: clocks.
 *
 * time_msec() is monotonic milliseconds (CLOCK_MONOTONIC), for timers and
 * timeouts; time_wall_msec() is wall-clock milliseconds since the epoch,
 * for timestamps shown to users or stored.  Both are thread-safe. */
#ifndef SVS_TIMEVAL_H
#define SVS_TIMEVAL_H 1

#include <stdint.h>
#include <time.h>

long long int time_msec(void);
long long int time_usec(void);
time_t time_now(void);
long long int time_wall_msec(void);
long long int time_wall_usec(void);
/* Sleeps 'msec' milliseconds, restarting after signals. */
void xsleep_msec(unsigned int msec);
/* Returns the resident set size of this process in KiB, or 0. */
unsigned long long time_get_rss_kb(void);

#endif /* timeval.h */
