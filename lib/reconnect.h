/* reconnect.h: the connection state machine behind reconnecting clients
 * and servers (jsonrpc sessions, OpenFlow connections).
 *
 * What: this module does no I/O.  The owner tells it what happened
 * (reconnect_connecting(), _connected(), _connect_failed(),
 * _disconnected(), _activity(), ...) and asks it, through
 * reconnect_run(), what to do next: connect, disconnect, or send an
 * inactivity probe.  Every function takes the current monotonic time
 * 'now' (time_msec()) so that tests can drive it with a fake clock.
 *
 * States and transitions:
 *
 *     VOID --enable--> BACKOFF --(backoff expired: CONNECT)--> caller
 *       caller --connecting--> CONNECTING --connected--> ACTIVE
 *       caller --listening--> LISTENING (passive)
 *     CONNECTING --(timeout: DISCONNECT)/connect_failed--> BACKOFF
 *     ACTIVE --(no activity for probe_interval: PROBE)--> IDLE
 *     IDLE --activity--> ACTIVE
 *     IDLE --(no activity for another probe_interval: DISCONNECT)
 *     ACTIVE/IDLE --force_reconnect--> RECONNECT --(DISCONNECT)
 *     any --disconnected--> BACKOFF (or VOID when out of tries)
 *     any --disable--> VOID
 *
 * Backoff: the first connection attempt happens at once.  After a
 * failure or disconnection the owner waits 'backoff' msec before the
 * next attempt, where 'backoff' starts at the minimum (default 1000) and
 * doubles with each consecutive failure up to the maximum (default
 * 8000).  A connection that stayed up for at least the current backoff
 * resets it to the minimum (to 0 for passive listeners).
 *
 * Probes: with a nonzero probe interval (default 5000 msec), a connected
 * session that has had no activity for that long while its owner was
 * trying to receive gets a PROBE action (the owner sends something that
 * requires a reply, e.g. a JSON-RPC echo); if another interval passes
 * without activity, DISCONNECT.  0 disables probes.
 *
 * Thread-safety: none; one owner at a time. */
#ifndef SVS_RECONNECT_H
#define SVS_RECONNECT_H 1

#include <stdbool.h>

struct reconnect;

enum reconnect_action {
    RECONNECT_NONE = 0,
    RECONNECT_CONNECT = 1,      /* Start a connection attempt. */
    RECONNECT_DISCONNECT,       /* Drop the connection (or attempt). */
    RECONNECT_PROBE             /* Send an inactivity probe. */
};

#define RECONNECT_DEFAULT_MIN_BACKOFF 1000
#define RECONNECT_DEFAULT_MAX_BACKOFF 8000
#define RECONNECT_DEFAULT_PROBE_INTERVAL 5000

struct reconnect *reconnect_create(long long int now);
void reconnect_destroy(struct reconnect *);

/* Configuration. */
void reconnect_set_name(struct reconnect *, const char *name);
const char *reconnect_get_name(const struct reconnect *);
/* Quiet: log state changes at DBG instead of INFO/WARN. */
void reconnect_set_quiet(struct reconnect *, bool quiet);
/* Sets the backoff range in msec.  'min_backoff' <= 0 takes the
 * default; 'max_backoff' is raised to at least 'min_backoff'. */
void reconnect_set_backoff(struct reconnect *, int min_backoff,
                           int max_backoff);
int reconnect_get_min_backoff(const struct reconnect *);
int reconnect_get_max_backoff(const struct reconnect *);
/* The first 'n' reconnection attempts after a disconnection happen
 * without backoff. */
void reconnect_set_backoff_free_tries(struct reconnect *, unsigned int n);
/* Probe interval in msec, 0 to disable; values 1..999 become 1000. */
void reconnect_set_probe_interval(struct reconnect *, int probe_interval);
int reconnect_get_probe_interval(const struct reconnect *);
/* Maximum number of connection attempts, UINT_MAX (the default) for no
 * limit.  With 0 remaining tries, a disconnection leads to VOID. */
void reconnect_set_max_tries(struct reconnect *, unsigned int max_tries);
unsigned int reconnect_get_max_tries(const struct reconnect *);
void reconnect_set_passive(struct reconnect *, bool passive,
                           long long int now);
bool reconnect_is_passive(const struct reconnect *);

/* Enabling. */
void reconnect_enable(struct reconnect *, long long int now);
void reconnect_disable(struct reconnect *, long long int now);
bool reconnect_is_enabled(const struct reconnect *);
void reconnect_force_reconnect(struct reconnect *, long long int now);
/* Makes the next attempt happen without waiting out the backoff. */
void reconnect_skip_backoff(struct reconnect *);

/* Events.  'error' is a positive errno value, EOF for an orderly close by
 * the peer, or 0 if unknown or deliberate. */
void reconnect_connecting(struct reconnect *, long long int now);
void reconnect_listening(struct reconnect *, long long int now);
void reconnect_listen_error(struct reconnect *, long long int now,
                            int error);
void reconnect_connected(struct reconnect *, long long int now);
void reconnect_connect_failed(struct reconnect *, long long int now,
                              int error);
void reconnect_disconnected(struct reconnect *, long long int now,
                            int error);
/* Data arrived (or the peer otherwise showed it is alive). */
void reconnect_activity(struct reconnect *, long long int now);
/* The owner tried to receive; see "Probes" above. */
void reconnect_receive_attempted(struct reconnect *, long long int now);

/* Decisions. */
enum reconnect_action reconnect_run(struct reconnect *, long long int now);
void reconnect_wait(struct reconnect *, long long int now);
/* Msec until reconnect_run() will have something to do, or -1 if
 * never. */
int reconnect_timeout(struct reconnect *, long long int now);

/* Queries. */
bool reconnect_is_connected(const struct reconnect *);
const char *reconnect_get_state_name(const struct reconnect *);
unsigned int reconnect_get_last_connect_elapsed(const struct reconnect *,
                                                long long int now);
unsigned int reconnect_get_last_disconnect_elapsed(const struct reconnect *,
                                                   long long int now);

struct reconnect_stats {
    long long int creation_time;        /* When created. */
    long long int last_activity;        /* Last activity, or LLONG_MIN. */
    long long int last_connected;       /* Last connection, or LLONG_MIN. */
    long long int last_disconnected;    /* Last disconnect, or LLONG_MIN. */
    int backoff;                        /* Current backoff, msec. */
    unsigned int seqno;                 /* Bumped on each connect and
                                         * disconnect. */
    bool is_connected;
    unsigned int msec_since_connect;    /* UINT_MAX if never. */
    unsigned int msec_since_disconnect; /* UINT_MAX if never. */
    unsigned int total_connected_duration; /* Seconds. */
    unsigned int n_attempted_connections;
    unsigned int n_successful_connections;
    const char *state;                  /* "ACTIVE", "BACKOFF", ... */
    unsigned int state_elapsed;         /* Msec in current state. */
};
void reconnect_get_stats(const struct reconnect *, long long int now,
                         struct reconnect_stats *);

#endif /* reconnect.h */
