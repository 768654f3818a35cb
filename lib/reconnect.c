/* reconnect.c: connection state machine with backoff and probes. */
#include <config.h>
#include "reconnect.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include "poll-loop.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(reconnect);

enum state {
    S_VOID,                     /* Disabled. */
    S_BACKOFF,                  /* Waiting before the next attempt. */
    S_CONNECTING,               /* Attempt in progress. */
    S_ACTIVE,                   /* Connected, recent activity. */
    S_IDLE,                     /* Connected, probe sent. */
    S_RECONNECT,                /* Connected, asked to reconnect. */
    S_LISTENING                 /* Passive: listening. */
};

struct reconnect {
    /* Configuration. */
    char *name;
    int min_backoff;
    int max_backoff;
    int probe_interval;
    bool passive;
    bool quiet;
    unsigned int max_tries;
    unsigned int backoff_free_tries;

    /* State. */
    enum state state;
    long long int state_entered;
    int backoff;
    long long int last_activity;
    long long int last_connected;
    long long int last_disconnected;
    long long int last_receive_attempt;
    bool suppressing;           /* Backoff maxed out: log less. */
    unsigned int seqno;

    /* Statistics. */
    long long int creation_time;
    unsigned int n_attempted_connections;
    unsigned int n_successful_connections;
    long long int total_connected_duration;     /* Msec, closed periods. */
};

static const char *
state_name(enum state state)
{
    switch (state) {
    case S_VOID: return "VOID";
    case S_BACKOFF: return "BACKOFF";
    case S_CONNECTING: return "CONNECTING";
    case S_ACTIVE: return "ACTIVE";
    case S_IDLE: return "IDLE";
    case S_RECONNECT: return "RECONNECT";
    case S_LISTENING: return "LISTENING";
    }
    return "***ERROR***";
}

static bool
is_connected_state(enum state state)
{
    return state == S_ACTIVE || state == S_IDLE || state == S_RECONNECT;
}

static void
transition(struct reconnect *fsm, long long int now, enum state state)
{
    if (fsm->state == S_CONNECTING) {
        fsm->n_attempted_connections++;
        if (state == S_ACTIVE) {
            fsm->n_successful_connections++;
        }
    }
    if (is_connected_state(fsm->state) != is_connected_state(state)) {
        if (is_connected_state(fsm->state)) {
            fsm->total_connected_duration += now - fsm->last_connected;
        }
        fsm->seqno++;
    }
    VLOG_DBG("%s: entering %s", fsm->name, state_name(state));
    fsm->state = state;
    fsm->state_entered = now;
}

struct reconnect *
reconnect_create(long long int now)
{
    struct reconnect *fsm = xzalloc(sizeof *fsm);

    fsm->name = xstrdup("void");
    fsm->min_backoff = RECONNECT_DEFAULT_MIN_BACKOFF;
    fsm->max_backoff = RECONNECT_DEFAULT_MAX_BACKOFF;
    fsm->probe_interval = RECONNECT_DEFAULT_PROBE_INTERVAL;
    fsm->max_tries = UINT_MAX;
    fsm->state = S_VOID;
    fsm->state_entered = now;
    fsm->last_activity = now;
    fsm->last_connected = LLONG_MIN;
    fsm->last_disconnected = LLONG_MIN;
    fsm->last_receive_attempt = now;
    fsm->creation_time = now;
    return fsm;
}

void
reconnect_destroy(struct reconnect *fsm)
{
    if (fsm) {
        free(fsm->name);
        free(fsm);
    }
}

void
reconnect_set_name(struct reconnect *fsm, const char *name)
{
    free(fsm->name);
    fsm->name = xstrdup(name ? name : "void");
}

const char *
reconnect_get_name(const struct reconnect *fsm)
{
    return fsm->name;
}

void
reconnect_set_quiet(struct reconnect *fsm, bool quiet)
{
    fsm->quiet = quiet;
}

void
reconnect_set_backoff(struct reconnect *fsm, int min_backoff,
                      int max_backoff)
{
    fsm->min_backoff = (min_backoff > 0 ? min_backoff
                        : RECONNECT_DEFAULT_MIN_BACKOFF);
    fsm->max_backoff = (max_backoff > 0 ? max_backoff
                        : RECONNECT_DEFAULT_MAX_BACKOFF);
    if (fsm->max_backoff < fsm->min_backoff) {
        fsm->max_backoff = fsm->min_backoff;
    }
    if (fsm->state == S_BACKOFF && fsm->backoff > fsm->max_backoff) {
        fsm->backoff = fsm->max_backoff;
    }
}

int
reconnect_get_min_backoff(const struct reconnect *fsm)
{
    return fsm->min_backoff;
}

int
reconnect_get_max_backoff(const struct reconnect *fsm)
{
    return fsm->max_backoff;
}

void
reconnect_set_backoff_free_tries(struct reconnect *fsm, unsigned int n)
{
    fsm->backoff_free_tries = n;
}

void
reconnect_set_probe_interval(struct reconnect *fsm, int probe_interval)
{
    fsm->probe_interval = probe_interval > 0 ? MAX(1000, probe_interval) : 0;
}

int
reconnect_get_probe_interval(const struct reconnect *fsm)
{
    return fsm->probe_interval;
}

void
reconnect_set_max_tries(struct reconnect *fsm, unsigned int max_tries)
{
    fsm->max_tries = max_tries;
}

unsigned int
reconnect_get_max_tries(const struct reconnect *fsm)
{
    return fsm->max_tries;
}

void
reconnect_set_passive(struct reconnect *fsm, bool passive,
                      long long int now)
{
    if (fsm->passive != passive) {
        fsm->passive = passive;
        if (fsm->state == S_CONNECTING || fsm->state == S_LISTENING) {
            /* The attempt in progress is of the wrong kind: start over. */
            transition(fsm, now, S_BACKOFF);
            fsm->backoff = 0;
        }
    }
}

bool
reconnect_is_passive(const struct reconnect *fsm)
{
    return fsm->passive;
}

/* Consumes one try, if tries are limited.  Returns false if none is
 * left, after moving to VOID. */
static bool
may_retry(struct reconnect *fsm, long long int now)
{
    if (fsm->max_tries == UINT_MAX) {
        return true;
    } else if (fsm->max_tries > 0) {
        fsm->max_tries--;
        return true;
    }
    transition(fsm, now, S_VOID);
    return false;
}

void
reconnect_enable(struct reconnect *fsm, long long int now)
{
    if (fsm->state == S_VOID && may_retry(fsm, now)) {
        transition(fsm, now, S_BACKOFF);
        fsm->backoff = 0;
    }
}

void
reconnect_disable(struct reconnect *fsm, long long int now)
{
    if (fsm->state != S_VOID) {
        transition(fsm, now, S_VOID);
    }
}

bool
reconnect_is_enabled(const struct reconnect *fsm)
{
    return fsm->state != S_VOID;
}

void
reconnect_force_reconnect(struct reconnect *fsm, long long int now)
{
    if (fsm->state == S_CONNECTING || fsm->state == S_ACTIVE
        || fsm->state == S_IDLE) {
        transition(fsm, now, S_RECONNECT);
    }
}

void
reconnect_skip_backoff(struct reconnect *fsm)
{
    if (fsm->state == S_BACKOFF) {
        fsm->backoff = 0;
    }
}

#define LOG(FSM, LEVEL, ...)                                            \
    do {                                                                \
        if ((FSM)->quiet || (FSM)->suppressing) {                       \
            VLOG_DBG(__VA_ARGS__);                                      \
        } else {                                                        \
            VLOG(LEVEL, __VA_ARGS__);                                   \
        }                                                               \
    } while (0)

void
reconnect_disconnected(struct reconnect *fsm, long long int now, int error)
{
    if (fsm->state == S_BACKOFF || fsm->state == S_VOID) {
        return;
    }

    /* Report what happened. */
    if (fsm->state == S_CONNECTING) {
        if (error > 0) {
            LOG(fsm, VLL_INFO, "%s: connection attempt failed (%s)",
                fsm->name, svs_strerror(error));
        } else {
            LOG(fsm, VLL_INFO, "%s: connection attempt failed", fsm->name);
        }
    } else if (fsm->state == S_LISTENING) {
        if (error > 0) {
            LOG(fsm, VLL_WARN, "%s: error listening for connections (%s)",
                fsm->name, svs_strerror(error));
        } else {
            LOG(fsm, VLL_WARN, "%s: error listening for connections",
                fsm->name);
        }
    } else if (error == EOF) {
        LOG(fsm, VLL_INFO, "%s: connection closed by peer", fsm->name);
    } else if (error > 0) {
        LOG(fsm, VLL_WARN, "%s: connection dropped (%s)", fsm->name,
            svs_strerror(error));
    } else {
        LOG(fsm, VLL_INFO, "%s: connection dropped", fsm->name);
    }

    /* Choose the next backoff.  A connection that lasted at least as long
     * as the current backoff proves the peer healthy: start over. */
    bool was_connected = is_connected_state(fsm->state);
    if (was_connected) {
        fsm->last_disconnected = now;
    }
    if (fsm->backoff_free_tries > 1) {
        fsm->backoff_free_tries--;
        fsm->backoff = 0;
    } else if (was_connected
               && (fsm->passive
                   || now - fsm->last_connected >= fsm->backoff)) {
        fsm->backoff = fsm->passive ? 0 : fsm->min_backoff;
    } else if (fsm->backoff < fsm->min_backoff) {
        fsm->backoff = fsm->min_backoff;
    } else if (fsm->backoff < fsm->max_backoff / 2) {
        fsm->backoff *= 2;
    } else {
        if (fsm->backoff >= fsm->max_backoff && !fsm->suppressing
            && !fsm->quiet) {
            VLOG_INFO("%s: continuing to reconnect in the background but "
                      "suppressing further logging", fsm->name);
            fsm->suppressing = true;
        }
        fsm->backoff = fsm->max_backoff;
    }

    if (fsm->backoff > 0) {
        LOG(fsm, VLL_INFO, "%s: waiting %.3g seconds before %s", fsm->name,
            fsm->backoff / 1000.0,
            fsm->passive ? "trying to listen again" : "reconnect");
    }

    if (may_retry(fsm, now)) {
        transition(fsm, now, S_BACKOFF);
    }
}

void
reconnect_connecting(struct reconnect *fsm, long long int now)
{
    if (fsm->state != S_CONNECTING) {
        LOG(fsm, VLL_INFO, "%s: connecting...", fsm->name);
        transition(fsm, now, S_CONNECTING);
    }
}

void
reconnect_listening(struct reconnect *fsm, long long int now)
{
    if (fsm->state != S_LISTENING) {
        LOG(fsm, VLL_INFO, "%s: listening...", fsm->name);
        transition(fsm, now, S_LISTENING);
    }
}

void
reconnect_listen_error(struct reconnect *fsm, long long int now, int error)
{
    if (fsm->state != S_LISTENING) {
        transition(fsm, now, S_LISTENING);
    }
    reconnect_disconnected(fsm, now, error);
}

void
reconnect_connected(struct reconnect *fsm, long long int now)
{
    if (!is_connected_state(fsm->state)) {
        reconnect_connecting(fsm, now);
        fsm->suppressing = false;
        LOG(fsm, VLL_INFO, "%s: connected", fsm->name);
        transition(fsm, now, S_ACTIVE);
        fsm->last_connected = now;
        fsm->last_activity = now;
    }
}

void
reconnect_connect_failed(struct reconnect *fsm, long long int now,
                         int error)
{
    reconnect_connecting(fsm, now);
    reconnect_disconnected(fsm, now, error);
}

void
reconnect_activity(struct reconnect *fsm, long long int now)
{
    if (fsm->state == S_IDLE) {
        transition(fsm, now, S_ACTIVE);
    }
    fsm->last_activity = now;
}

void
reconnect_receive_attempted(struct reconnect *fsm, long long int now)
{
    fsm->last_receive_attempt = now;
}

/* Returns the time at which reconnect_run() next has something to do, or
 * LLONG_MAX. */
static long long int
deadline(const struct reconnect *fsm)
{
    switch (fsm->state) {
    case S_VOID:
    case S_LISTENING:
        return LLONG_MAX;

    case S_BACKOFF:
        return fsm->state_entered + fsm->backoff;

    case S_CONNECTING:
        return fsm->state_entered + MAX(1000, fsm->backoff);

    case S_ACTIVE:
        if (fsm->probe_interval) {
            long long int base = MAX(fsm->last_activity, fsm->state_entered);
            return base + fsm->probe_interval;
        }
        return LLONG_MAX;

    case S_IDLE:
        return (fsm->probe_interval
                ? fsm->state_entered + fsm->probe_interval : LLONG_MAX);

    case S_RECONNECT:
        return fsm->state_entered;
    }
    SVS_NOT_REACHED();
}

enum reconnect_action
reconnect_run(struct reconnect *fsm, long long int now)
{
    long long int when = deadline(fsm);

    if (now < when) {
        return RECONNECT_NONE;
    }

    switch (fsm->state) {
    case S_VOID:
    case S_LISTENING:
        return RECONNECT_NONE;

    case S_BACKOFF:
        return RECONNECT_CONNECT;

    case S_CONNECTING:
        LOG(fsm, VLL_INFO, "%s: connection attempt timed out", fsm->name);
        return RECONNECT_DISCONNECT;

    case S_ACTIVE:
        /* Probe only if the owner has been trying to receive since the
         * deadline: an owner that stopped reading on purpose (flow
         * control) must not be mistaken for a dead peer. */
        if (fsm->last_receive_attempt < when) {
            return RECONNECT_NONE;
        }
        VLOG_DBG("%s: idle %lld ms, sending inactivity probe", fsm->name,
                 now - MAX(fsm->last_activity, fsm->state_entered));
        transition(fsm, now, S_IDLE);
        return RECONNECT_PROBE;

    case S_IDLE:
        VLOG_ERR("%s: no response to inactivity probe after %.3g seconds, "
                 "disconnecting", fsm->name,
                 (now - fsm->state_entered) / 1000.0);
        return RECONNECT_DISCONNECT;

    case S_RECONNECT:
        return RECONNECT_DISCONNECT;
    }
    SVS_NOT_REACHED();
}

int
reconnect_timeout(struct reconnect *fsm, long long int now)
{
    long long int when = deadline(fsm);

    if (when == LLONG_MAX) {
        return -1;
    }
    if (fsm->state == S_ACTIVE && fsm->last_receive_attempt < when
        && now >= when) {
        /* Waiting for the owner to try to receive; nothing to time. */
        return -1;
    }
    long long int msec = when - now;
    return msec <= 0 ? 0 : msec > INT_MAX ? INT_MAX : msec;
}

void
reconnect_wait(struct reconnect *fsm, long long int now)
{
    int timeout = reconnect_timeout(fsm, now);
    if (timeout >= 0) {
        poll_timer_wait(timeout);
    }
}

bool
reconnect_is_connected(const struct reconnect *fsm)
{
    return is_connected_state(fsm->state);
}

const char *
reconnect_get_state_name(const struct reconnect *fsm)
{
    return state_name(fsm->state);
}

unsigned int
reconnect_get_last_connect_elapsed(const struct reconnect *fsm,
                                   long long int now)
{
    return (fsm->last_connected == LLONG_MIN ? UINT_MAX
            : MIN(now - fsm->last_connected, UINT_MAX));
}

unsigned int
reconnect_get_last_disconnect_elapsed(const struct reconnect *fsm,
                                      long long int now)
{
    return (fsm->last_disconnected == LLONG_MIN ? UINT_MAX
            : MIN(now - fsm->last_disconnected, UINT_MAX));
}

void
reconnect_get_stats(const struct reconnect *fsm, long long int now,
                    struct reconnect_stats *stats)
{
    stats->creation_time = fsm->creation_time;
    stats->last_activity = fsm->last_activity;
    stats->last_connected = fsm->last_connected;
    stats->last_disconnected = fsm->last_disconnected;
    stats->backoff = fsm->backoff;
    stats->seqno = fsm->seqno;
    stats->is_connected = reconnect_is_connected(fsm);
    stats->msec_since_connect = reconnect_get_last_connect_elapsed(fsm, now);
    stats->msec_since_disconnect
        = reconnect_get_last_disconnect_elapsed(fsm, now);
    long long int total = fsm->total_connected_duration;
    if (is_connected_state(fsm->state)) {
        total += now - fsm->last_connected;
    }
    stats->total_connected_duration = total / 1000;
    stats->n_attempted_connections = fsm->n_attempted_connections;
    stats->n_successful_connections = fsm->n_successful_connections;
    stats->state = state_name(fsm->state);
    stats->state_elapsed = MIN(now - fsm->state_entered, UINT_MAX);
}
