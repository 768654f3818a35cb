/* connmgr.c: the OpenFlow connections of one ofproto (see connmgr.h). */
#include <config.h>
#include "connmgr.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "dirs.h"
#include "dynamic-string.h"
#include "hmap.h"
#include "hash.h"
#include "match.h"
#include "ofp-actions.h"
#include "ofp-flow.h"
#include "ofp-monitor.h"
#include "ofp-msgs.h"
#include "ofp-packet.h"
#include "ofp-port.h"
#include "ofpbuf.h"
#include "ofproto-private.h"
#include "ofproto-provider.h"
#include "poll-loop.h"
#include "reconnect.h"
#include "smap.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(connmgr);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* Bytes a connection may have queued for sending before packet-ins and
 * other asynchronous messages are dropped for it. */
#define OFCONN_TXQ_ASYNC_LIMIT (1024 * 1024)
/* Messages processed per connection per run, for fairness among
 * connections. */
#define OFCONN_MSGS_PER_RUN 1000
/* Bytes asked of a connection's stream per read. */
#define OFCONN_RX_CHUNK 65536

/* A flow monitor of one connection. */
struct ofmonitor {
    struct hmap_node hmap_node;     /* In ofconn->monitors by 'id'. */
    uint32_t id;
    uint16_t flags;                 /* NXFMF_* as decoded. */
    ofp_port_t out_port;
    uint32_t out_group;
    uint8_t table_id;
    struct cls_rule criteria;       /* Match, priority 0. */
};

/* One OpenFlow connection. */
struct ofconn {
    struct svs_list node;           /* In connmgr->conns. */
    struct connmgr *mgr;
    enum ofconn_type type;
    char *name;
    struct stream *stream;          /* NULL once closed. */
    struct ofcontroller *controller;    /* Active target, or NULL. */

    /* Framing. */
    struct ofpbuf rxbuf;            /* Received bytes not yet handled. */
    struct svs_list txq;            /* "struct ofpbuf"s to send. */
    size_t txq_bytes;

    /* Version negotiation. */
    bool hello_received;
    uint32_t allowed_versions;
    enum ofp_version version;       /* 0 until negotiated. */

    /* Protocol state. */
    enum ofputil_protocol protocol;
    enum ofputil_packet_in_format pin_format;
    uint16_t controller_id;
    enum ofp12_controller_role role;
    bool async_set;                 /* 'async' explicitly configured. */
    struct ofputil_async_cfg async;
    uint16_t miss_send_len;

    /* Deferred reply (barrier): processing stops until synced. */
    struct ofpbuf *deferred;
    uint64_t deferred_seq;

    /* Controller admission, for fail-open and the database status. */
    bool admitted;                  /* Sent more than hellos and echoes. */
    int close_error;                /* Why the stream closed: positive
                                     * errno, EOF, or 0. */

    /* Probes. */
    int probe_interval;             /* Seconds, 0: none. */
    long long int last_rx;
    bool probe_sent;

    /* Packet-in rate limit (token bucket), 0: unlimited. */
    int rate_limit, burst_limit;
    long long int tokens;           /* Thousandths of a packet. */
    long long int last_fill;

    struct hmap bundles;            /* ofproto.c's. */
    struct hmap monitors;           /* "struct ofmonitor"s. */
    struct svs_list updates;        /* Flow monitor updates of the change
                                     * being reported ("struct ofpbuf"s),
                                     * sent by connmgr_flush_flow_changes(). */
    bool abbrev_sent;               /* 'updates' has an abbreviated one. */
};

/* A passive listener. */
struct ofservice {
    struct svs_list node;           /* In connmgr->services. */
    char *target;
    struct pstream *pstream;        /* NULL while failing. */
    enum ofconn_type type;
    long long int retry_at;
    int probe_interval;
    int rate_limit, burst_limit;
    bool mark;                      /* For reconfiguration. */
};

/* An active controller target. */
struct ofcontroller {
    struct svs_list node;           /* In connmgr->controllers. */
    char *target;
    struct reconnect *reconnect;
    struct stream *connecting;      /* Stream being connected. */
    struct ofconn *ofconn;          /* Connected connection. */
    int probe_interval;
    int rate_limit, burst_limit;
    bool mark;
    long long int last_admitted;    /* Connection or last message other
                                     * than hello and echo, for fail-open. */
    int last_error;                 /* Of the last failure: positive errno,
                                     * EOF for the peer's close, 0 none. */
};

/* Priority of the flow that makes a standalone bridge whose controllers
 * are unreachable act as a learning switch ("fail open").  Above every
 * OpenFlow priority, so hidden from OpenFlow. */
#define FAIL_OPEN_PRIORITY 0xf0f0f0

struct connmgr {
    struct ofproto *ofproto;
    char *name;
    struct svs_list conns;          /* "struct ofconn"s. */
    struct svs_list services;       /* "struct ofservice"s. */
    struct svs_list controllers;    /* "struct ofcontroller"s. */
    struct ofservice *mgmt;         /* The management socket. */
    struct ofservice *snoop;        /* The snoop socket or NULL. */
    uint64_t master_generation_id;
    bool have_generation_id;
    uint32_t allowed_versions;      /* Bitmap of versions to negotiate. */
    bool fail_open;                 /* The fail-open flow is installed. */
    bool pin_on_miss;               /* connmgr_wants_packet_in_on_miss(),
                                     * read by other threads. */
    uint64_t status_seqno;          /* Bumped on each controller connection
                                     * change (connmgr_get_status_seqno()). */
};

static void ofconn_destroy(struct ofconn *);
static void ofconn_run(struct ofconn *);
static void ofconn_wait(struct ofconn *);
static struct ofconn *ofconn_create(struct connmgr *, struct stream *,
                                    enum ofconn_type, const char *name);
static void ofconn_send(struct ofconn *, struct ofpbuf *);
static void ofservice_destroy(struct ofservice *);
static struct ofservice *ofservice_create(struct connmgr *,
                                          const char *target,
                                          enum ofconn_type);
static void ofcontroller_destroy(struct ofcontroller *);
static void snoop_copy(struct connmgr *, const struct ofpbuf *);

/* Lifecycle. */

int
connmgr_create(struct ofproto *ofproto, const char *name,
               struct connmgr **mgrp)
{
    struct connmgr *mgr = xzalloc(sizeof *mgr);
    mgr->ofproto = ofproto;
    mgr->name = xstrdup(name);
    mgr->allowed_versions = OFPUTIL_DEFAULT_VERSIONS;
    svs_list_init(&mgr->conns);
    svs_list_init(&mgr->services);
    svs_list_init(&mgr->controllers);

    char *target = xasprintf("punix:%s/%s.mgmt", svs_rundir(), name);
    mgr->mgmt = ofservice_create(mgr, target, OFCONN_SERVICE);
    free(target);
    *mgrp = mgr;
    int error = connmgr_set_snoop(mgr, NULL);
    if (!mgr->mgmt->pstream) {
        return EADDRNOTAVAIL;
    }
    return error;
}

void
connmgr_destroy(struct connmgr *mgr)
{
    if (!mgr) {
        return;
    }
    struct ofconn *ofconn, *next_conn;
    LIST_FOR_EACH_SAFE (ofconn, next_conn, node, &mgr->conns) {
        ofconn_destroy(ofconn);
    }
    struct ofservice *svc, *next_svc;
    LIST_FOR_EACH_SAFE (svc, next_svc, node, &mgr->services) {
        ofservice_destroy(svc);
    }
    struct ofcontroller *c, *next_c;
    LIST_FOR_EACH_SAFE (c, next_c, node, &mgr->controllers) {
        ofcontroller_destroy(c);
    }
    free(mgr->name);
    free(mgr);
}

/* Listeners. */

static void
ofservice_open(struct ofservice *svc)
{
    int error = pstream_open(svc->target, &svc->pstream, 0);
    if (error) {
        VLOG_WARN_RL(&rl, "%s: listen failed (%s)", svc->target,
                     strerror(error));
        svc->pstream = NULL;
        svc->retry_at = time_msec() + 1000;
    }
}

static struct ofservice *
ofservice_create(struct connmgr *mgr, const char *target,
                 enum ofconn_type type)
{
    struct ofservice *svc = xzalloc(sizeof *svc);
    svc->target = xstrdup(target);
    svc->type = type;
    svs_list_push_back(&mgr->services, &svc->node);
    ofservice_open(svc);
    return svc;
}

static void
ofservice_destroy(struct ofservice *svc)
{
    if (svc) {
        svs_list_remove(&svc->node);
        pstream_close(svc->pstream);
        free(svc->target);
        free(svc);
    }
}

static void
ofservice_run(struct connmgr *mgr, struct ofservice *svc)
{
    if (!svc->pstream) {
        if (time_msec() >= svc->retry_at) {
            ofservice_open(svc);
        }
        return;
    }
    for (int i = 0; i < 10; i++) {
        struct stream *stream;
        int error = pstream_accept(svc->pstream, &stream);
        if (error) {
            if (error != EAGAIN) {
                VLOG_WARN_RL(&rl, "%s: accept failed (%s)", svc->target,
                             strerror(error));
            }
            break;
        }
        struct ofconn *ofconn = ofconn_create(mgr, stream, svc->type,
                                              stream_get_name(stream));
        ofconn->probe_interval = svc->probe_interval;
        ofconn->rate_limit = svc->rate_limit;
        ofconn->burst_limit = svc->burst_limit;
    }
}

static void
ofservice_wait(struct ofservice *svc)
{
    if (svc->pstream) {
        pstream_wait(svc->pstream);
    } else {
        poll_timer_wait_until(svc->retry_at);
    }
}

int
connmgr_set_snoop(struct connmgr *mgr, const char *target)
{
    char *name = (target ? xstrdup(target)
                  : xasprintf("punix:%s/%s.snoop", svs_rundir(),
                              mgr->name));
    if (mgr->snoop && !strcmp(mgr->snoop->target, name)) {
        free(name);
        return 0;
    }
    ofservice_destroy(mgr->snoop);
    mgr->snoop = NULL;
    int error = 0;
    if (name[0]) {
        mgr->snoop = ofservice_create(mgr, name, OFCONN_SNOOP);
        error = mgr->snoop->pstream ? 0 : EADDRNOTAVAIL;
    }
    free(name);
    return error;
}

/* Controllers. */

static void
ofcontroller_destroy(struct ofcontroller *c)
{
    if (c) {
        svs_list_remove(&c->node);
        if (c->ofconn) {
            c->ofconn->controller = NULL;
            ofconn_destroy(c->ofconn);
        }
        stream_close(c->connecting);
        reconnect_destroy(c->reconnect);
        free(c->target);
        free(c);
    }
}

void
connmgr_set_controllers(struct connmgr *mgr,
                        const struct ofproto_controller *ctrls, size_t n)
{
    bool had_controllers = connmgr_has_controllers(mgr);
    struct ofservice *svc;
    LIST_FOR_EACH (svc, node, &mgr->services) {
        svc->mark = svc->type == OFCONN_PRIMARY;
    }
    struct ofcontroller *c;
    LIST_FOR_EACH (c, node, &mgr->controllers) {
        c->mark = true;
    }

    for (size_t i = 0; i < n; i++) {
        const struct ofproto_controller *oc = &ctrls[i];
        int probe = (oc->probe_interval < 0 ? 0
                     : oc->probe_interval ? oc->probe_interval : 5);
        if (stream_is_passive_name(oc->target)) {
            struct ofservice *found = NULL;
            LIST_FOR_EACH (svc, node, &mgr->services) {
                if (svc->type == OFCONN_PRIMARY
                    && !strcmp(svc->target, oc->target)) {
                    found = svc;
                }
            }
            if (!found) {
                if (pstream_verify_name(oc->target)) {
                    VLOG_WARN_RL(&rl, "%s: bad controller target",
                                 oc->target);
                    continue;
                }
                found = ofservice_create(mgr, oc->target, OFCONN_PRIMARY);
            }
            found->mark = false;
            found->probe_interval = probe;
            found->rate_limit = oc->rate_limit;
            found->burst_limit = oc->burst_limit;
        } else {
            struct ofcontroller *found = NULL;
            LIST_FOR_EACH (c, node, &mgr->controllers) {
                if (!strcmp(c->target, oc->target)) {
                    found = c;
                }
            }
            if (!found) {
                if (stream_verify_name(oc->target)) {
                    VLOG_WARN_RL(&rl, "%s: bad controller target",
                                 oc->target);
                    continue;
                }
                found = xzalloc(sizeof *found);
                found->target = xstrdup(oc->target);
                found->reconnect = reconnect_create(time_msec());
                found->last_admitted = time_msec();
                reconnect_set_name(found->reconnect, oc->target);
                reconnect_enable(found->reconnect, time_msec());
                svs_list_push_back(&mgr->controllers, &found->node);
            }
            found->mark = false;
            found->probe_interval = probe;
            found->rate_limit = oc->rate_limit;
            found->burst_limit = oc->burst_limit;
            reconnect_set_backoff(found->reconnect, 1000,
                                  (oc->max_backoff ? oc->max_backoff : 8)
                                  * 1000);
            reconnect_set_probe_interval(found->reconnect, probe * 1000);
        }
    }

    struct ofservice *next_svc;
    LIST_FOR_EACH_SAFE (svc, next_svc, node, &mgr->services) {
        if (svc->mark) {
            ofservice_destroy(svc);
        }
    }
    struct ofcontroller *next_c;
    LIST_FOR_EACH_SAFE (c, next_c, node, &mgr->controllers) {
        if (c->mark) {
            ofcontroller_destroy(c);
        }
    }
    /* As in Open vSwitch, a bridge that gains its first controller or
     * loses its last one starts from an empty flow table (plus the
     * standalone NORMAL flow when it has no controller). */
    if (had_controllers != connmgr_has_controllers(mgr)) {
        ofproto_flush_flows(mgr->ofproto);
    }
    mgr->status_seqno++;
}

void
connmgr_set_allowed_versions(struct connmgr *mgr, uint32_t versions)
{
    versions &= OFPUTIL_SUPPORTED_VERSIONS;
    if (!versions) {
        versions = OFPUTIL_DEFAULT_VERSIONS;
    }
    if (versions == mgr->allowed_versions) {
        return;
    }
    mgr->allowed_versions = versions;

    long long int now = time_msec();
    struct ofconn *ofconn, *next;
    LIST_FOR_EACH_SAFE (ofconn, next, node, &mgr->conns) {
        if (ofconn->type == OFCONN_PRIMARY) {
            struct ofcontroller *c = ofconn->controller;

            ofconn_destroy(ofconn);
            if (c) {
                reconnect_disconnected(c->reconnect, now, 0);
                reconnect_skip_backoff(c->reconnect);
            }
        }
    }
}

bool
connmgr_has_controllers(const struct connmgr *mgr)
{
    if (!svs_list_is_empty(&mgr->controllers)) {
        return true;
    }
    const struct ofservice *svc;
    LIST_FOR_EACH (svc, node, &mgr->services) {
        if (svc->type == OFCONN_PRIMARY) {
            return true;
        }
    }
    return false;
}

static void
ofcontroller_run(struct connmgr *mgr, struct ofcontroller *c)
{
    long long int now = time_msec();
    if (c->connecting) {
        int error = stream_connect(c->connecting);
        if (!error) {
            reconnect_connected(c->reconnect, now);
            c->last_admitted = now;
            mgr->status_seqno++;
            c->ofconn = ofconn_create(mgr, c->connecting, OFCONN_PRIMARY,
                                      c->target);
            c->ofconn->controller = c;
            c->ofconn->probe_interval = 0;  /* reconnect probes. */
            c->ofconn->rate_limit = c->rate_limit;
            c->ofconn->burst_limit = c->burst_limit;
            c->connecting = NULL;
        } else if (error != EAGAIN) {
            reconnect_connect_failed(c->reconnect, now, error);
            c->last_error = error;
            mgr->status_seqno++;
            stream_close(c->connecting);
            c->connecting = NULL;
        }
    }

    switch (reconnect_run(c->reconnect, now)) {
    case RECONNECT_CONNECT: {
        struct stream *stream;
        int error = stream_open(c->target, &stream, 0);
        if (error) {
            reconnect_connect_failed(c->reconnect, now, error);
            c->last_error = error;
            mgr->status_seqno++;
        } else {
            reconnect_connecting(c->reconnect, now);
            c->connecting = stream;
        }
        break;
    }
    case RECONNECT_DISCONNECT:
        if (c->ofconn) {
            c->ofconn->controller = NULL;
            ofconn_destroy(c->ofconn);
            c->ofconn = NULL;
        }
        stream_close(c->connecting);
        c->connecting = NULL;
        reconnect_disconnected(c->reconnect, now, 0);
        c->last_error = ETIMEDOUT;
        mgr->status_seqno++;
        break;
    case RECONNECT_PROBE:
        if (c->ofconn && c->ofconn->version) {
            struct ofpbuf *echo = ofpraw_alloc(OFPRAW_OFPT10_ECHO_REQUEST,
                                               c->ofconn->version, 0);
            ofpmsg_update_length(echo);
            ofconn_send(c->ofconn, echo);
        }
        break;
    default:
        break;
    }
}

/* Fail open.
 *
 * A bridge in fail mode "standalone" whose controllers have all been
 * unreachable (or connected but silent beyond echoes) for three times
 * the longest inactivity probe interval acts as a learning switch through
 * a hidden NORMAL flow, until a controller is back and talking. */

/* Milliseconds of controller silence after which a standalone bridge
 * fails open. */
static long long int
connmgr_fail_open_trigger(const struct connmgr *mgr)
{
    int max_probe = 0;
    const struct ofcontroller *c;
    LIST_FOR_EACH (c, node, &mgr->controllers) {
        max_probe = MAX(max_probe, c->probe_interval);
    }
    return (max_probe ? max_probe : 5) * 3 * 1000LL;
}

/* The time at which the bridge fails open if no controller shows up,
 * LLONG_MAX if it does not apply (or already happened), 0 if some
 * controller is connected and has talked since it connected. */
static long long int
connmgr_fail_open_deadline(const struct connmgr *mgr)
{
    if (mgr->fail_open || svs_list_is_empty(&mgr->controllers)
        || mgr->ofproto->fail_mode != OFPROTO_FAIL_STANDALONE) {
        return LLONG_MAX;
    }
    long long int last = LLONG_MIN;
    const struct ofcontroller *c;
    LIST_FOR_EACH (c, node, &mgr->controllers) {
        last = MAX(last, c->last_admitted);
    }
    return last + connmgr_fail_open_trigger(mgr);
}

/* True if some controller of 'mgr' is connected and has sent more than
 * hellos and echoes since it connected. */
static bool
connmgr_controller_admitted(const struct connmgr *mgr)
{
    const struct ofcontroller *c;
    LIST_FOR_EACH (c, node, &mgr->controllers) {
        if (c->ofconn && c->ofconn->stream && c->ofconn->admitted) {
            return true;
        }
    }
    return false;
}

static void
connmgr_fail_open_flow(struct connmgr *mgr, bool add)
{
    if (add) {
        ofproto_add_catchall_normal_flow(mgr->ofproto, FAIL_OPEN_PRIORITY);
    } else {
        struct match match;
        match_init_catchall(&match);
        ofproto_delete_flow(mgr->ofproto, 0, &match, FAIL_OPEN_PRIORITY);
    }
}

static void
connmgr_run_fail_open(struct connmgr *mgr)
{
    bool applies = (!svs_list_is_empty(&mgr->controllers)
                    && mgr->ofproto->fail_mode == OFPROTO_FAIL_STANDALONE);
    if (mgr->fail_open) {
        if (!applies || connmgr_controller_admitted(mgr)) {
            VLOG_INFO("%s: %s, leaving fail-open mode", mgr->name,
                      applies ? "controller connected" : "no longer "
                      "standalone with controllers");
            connmgr_fail_open_flow(mgr, false);
            mgr->fail_open = false;
        }
    } else if (applies && !connmgr_controller_admitted(mgr)
               && time_msec() >= connmgr_fail_open_deadline(mgr)) {
        VLOG_WARN("%s: no controller reachable for %lld seconds, failing "
                  "open (acting as a learning switch)", mgr->name,
                  connmgr_fail_open_trigger(mgr) / 1000);
        connmgr_fail_open_flow(mgr, true);
        mgr->fail_open = true;
    }
}

void
connmgr_flows_flushed(struct connmgr *mgr)
{
    /* The flush took the fail-open flow too: put it back on the next
     * run if it still applies. */
    mgr->fail_open = false;
}

/* Controller status, for the database. */

static const char *
ofconn_role_name(enum ofp12_controller_role role)
{
    return (role == OFPCR12_ROLE_MASTER ? "master"
            : role == OFPCR12_ROLE_SLAVE ? "slave" : "other");
}

bool
connmgr_get_controller_status(const struct connmgr *mgr, const char *target,
                              bool *is_connected, const char **role,
                              struct smap *status)
{
    *is_connected = false;
    *role = NULL;
    const struct ofcontroller *c;
    LIST_FOR_EACH (c, node, &mgr->controllers) {
        if (strcmp(c->target, target)) {
            continue;
        }
        long long int now = time_msec();
        struct reconnect_stats st;
        reconnect_get_stats(c->reconnect, now, &st);
        const char *state = st.state;
        if (!strcmp(state, "CONNECT_IN_PROGRESS")) {
            state = "CONNECTING";
        } else if (!strcmp(state, "RECONNECT")) {
            state = "BACKOFF";
        }
        bool up = c->ofconn && c->ofconn->stream && c->ofconn->version;
        *is_connected = up;
        if (up) {
            *role = ofconn_role_name(c->ofconn->role);
        }
        if (c->last_error) {
            smap_replace(status, "last_error",
                     c->last_error == EOF ? "End of file"
                     : strerror(c->last_error));
        }
        smap_replace(status, "state", state);
        if (st.msec_since_connect != UINT_MAX) {
            smap_add_format(status, "sec_since_connect", "%u",
                            st.msec_since_connect / 1000);
        }
        if (st.msec_since_disconnect != UINT_MAX) {
            smap_add_format(status, "sec_since_disconnect", "%u",
                            st.msec_since_disconnect / 1000);
        }
        return true;
    }
    const struct ofservice *svc;
    LIST_FOR_EACH (svc, node, &mgr->services) {
        if (svc->type == OFCONN_PRIMARY && !strcmp(svc->target, target)) {
            return true;
        }
    }
    return false;
}

uint64_t
connmgr_get_status_seqno(const struct connmgr *mgr)
{
    return mgr->status_seqno;
}

/* True if some connection takes table-miss packet-ins: one of OpenFlow
 * 1.0 to 1.2 (where a table miss goes to the controller by default; in
 * 1.3+ it drops) or still negotiating, that is a controller or a
 * service connection that asked for asynchronous messages, without a
 * controller id of its own. */
static bool
connmgr_compute_pin_on_miss(const struct connmgr *mgr)
{
    const struct ofconn *ofconn;
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        if (ofconn->stream && ofconn->type != OFCONN_SNOOP
            && !ofconn->controller_id
            && (!ofconn->version || ofconn->version < OFP13_VERSION)
            && (ofconn->type == OFCONN_PRIMARY || ofconn->miss_send_len)) {
            return true;
        }
    }
    return false;
}

/* Running. */

static uint64_t
connmgr_synced_seq(const struct connmgr *mgr)
{
    return ofproto_get_synced_seq(mgr->ofproto);
}

void
connmgr_run(struct connmgr *mgr)
{
    struct ofservice *svc;
    LIST_FOR_EACH (svc, node, &mgr->services) {
        ofservice_run(mgr, svc);
    }
    struct ofcontroller *c;
    LIST_FOR_EACH (c, node, &mgr->controllers) {
        ofcontroller_run(mgr, c);
    }
    struct ofconn *ofconn, *next;
    LIST_FOR_EACH_SAFE (ofconn, next, node, &mgr->conns) {
        ofconn_run(ofconn);
        if (!ofconn->stream) {
            if (ofconn->controller) {
                reconnect_disconnected(ofconn->controller->reconnect,
                                       time_msec(), EPIPE);
                ofconn->controller->last_error = ofconn->close_error;
                ofconn->controller->ofconn = NULL;
                mgr->status_seqno++;
            }
            ofconn_destroy(ofconn);
        }
    }
    connmgr_run_fail_open(mgr);

    /* Table misses go to the controller (the datapath must send them up)
     * only while some connection wants them. */
    bool pin_on_miss = connmgr_compute_pin_on_miss(mgr);
    if (pin_on_miss != mgr->pin_on_miss) {
        __atomic_store_n(&mgr->pin_on_miss, pin_on_miss, __ATOMIC_RELAXED);
        ofproto_bump_tables_seq(mgr->ofproto);
    }
}

bool
connmgr_wants_packet_in_on_miss(const struct connmgr *mgr)
{
    return __atomic_load_n(&mgr->pin_on_miss, __ATOMIC_RELAXED);
}

void
connmgr_wait(struct connmgr *mgr)
{
    struct ofservice *svc;
    LIST_FOR_EACH (svc, node, &mgr->services) {
        ofservice_wait(svc);
    }
    struct ofcontroller *c;
    LIST_FOR_EACH (c, node, &mgr->controllers) {
        reconnect_wait(c->reconnect, time_msec());
        if (c->connecting) {
            stream_connect_wait(c->connecting);
        }
    }
    struct ofconn *ofconn;
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        ofconn_wait(ofconn);
    }
    long long int when = connmgr_fail_open_deadline(mgr);
    if (when != LLONG_MAX) {
        poll_timer_wait_until(when);
    }
}

void
connmgr_get_memory_usage(const struct connmgr *mgr, struct smap *usage)
{
    size_t n = svs_list_size(&mgr->conns), packets = 0;
    const struct ofconn *ofconn;
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        packets += svs_list_size(&ofconn->txq);
    }
    smap_add_format(usage, "ofconns", "%zu", n);
    smap_add_format(usage, "ofconn_backlog", "%zu", packets);
}

static const char *
ofconn_type_name(enum ofconn_type type)
{
    return (type == OFCONN_PRIMARY ? "primary"
            : type == OFCONN_SERVICE ? "service" : "snoop");
}

void
connmgr_format_conns(const struct connmgr *mgr, struct ds *ds)
{
    const struct ofconn *ofconn;
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        ds_put_format(ds, "%s %s ", ofconn->name,
                      ofconn_type_name(ofconn->type));
        if (ofconn->version) {
            ofputil_format_version_name(ds, ofconn->version);
        } else {
            ds_put_cstr(ds, "negotiating");
        }
        ds_put_format(ds, " %s\n", ofputil_role_to_string(ofconn->role));
    }
}

/* Connections. */

static struct ofconn *
ofconn_create(struct connmgr *mgr, struct stream *stream,
              enum ofconn_type type, const char *name)
{
    struct ofconn *ofconn = xzalloc(sizeof *ofconn);
    ofconn->mgr = mgr;
    ofconn->type = type;
    ofconn->name = xstrdup(name);
    ofconn->stream = stream;
    ofpbuf_init(&ofconn->rxbuf, 128);
    svs_list_init(&ofconn->txq);
    ofconn->allowed_versions = mgr->allowed_versions;
    ofconn->role = OFPCR12_ROLE_EQUAL;
    ofconn->miss_send_len = (type == OFCONN_PRIMARY
                             ? OFP_DEFAULT_MISS_SEND_LEN : 0);
    ofconn->last_rx = time_msec();
    hmap_init(&ofconn->bundles);
    hmap_init(&ofconn->monitors);
    svs_list_init(&ofconn->updates);
    svs_list_push_back(&mgr->conns, &ofconn->node);

    /* Our hello goes out first. */
    ofconn_send(ofconn, ofputil_encode_hello(ofconn->allowed_versions));
    return ofconn;
}

static void
ofconn_close_stream(struct ofconn *ofconn)
{
    if (!ofconn->close_error) {
        ofconn->close_error = EPROTO;
    }
    stream_close(ofconn->stream);
    ofconn->stream = NULL;
}

static void
ofconn_destroy(struct ofconn *ofconn)
{
    if (!ofconn) {
        return;
    }
    ofproto_ofconn_closing(ofconn->mgr->ofproto, ofconn);
    hmap_destroy(&ofconn->bundles);
    struct ofmonitor *m, *next_m;
    HMAP_FOR_EACH_SAFE (m, next_m, hmap_node, &ofconn->monitors) {
        hmap_remove(&ofconn->monitors, &m->hmap_node);
        cls_rule_destroy(&m->criteria);
        free(m);
    }
    hmap_destroy(&ofconn->monitors);
    ofpbuf_list_delete(&ofconn->updates);
    if (ofconn->controller) {
        ofconn->controller->ofconn = NULL;
    }
    svs_list_remove(&ofconn->node);
    ofconn_close_stream(ofconn);
    ofpbuf_uninit(&ofconn->rxbuf);
    ofpbuf_list_delete(&ofconn->txq);
    ofpbuf_delete(ofconn->deferred);
    free(ofconn->name);
    free(ofconn);
}

/* Queues 'msg' (taken) on 'ofconn'; with a negotiated version below the
 * message's, the message is still sent as is. */
static void
ofconn_send(struct ofconn *ofconn, struct ofpbuf *msg)
{
    if (!ofconn->stream) {
        ofpbuf_delete(msg);
        return;
    }
    if (ofconn->type == OFCONN_PRIMARY) {
        snoop_copy(ofconn->mgr, msg);
    }
    ofconn->txq_bytes += msg->size;
    svs_list_push_back(&ofconn->txq, &msg->list_node);
}

static void
ofconn_flush(struct ofconn *ofconn)
{
    while (ofconn->stream && !svs_list_is_empty(&ofconn->txq)) {
        struct ofpbuf *msg = CONTAINER_OF(svs_list_front(&ofconn->txq),
                                          struct ofpbuf, list_node);
        ssize_t n = stream_send(ofconn->stream, msg->data, msg->size);
        if (n == -EAGAIN) {
            return;
        } else if (n < 0) {
            VLOG_DBG("%s: send failed (%s)", ofconn->name,
                     strerror(-n));
            ofconn_close_stream(ofconn);
            return;
        }
        ofconn->txq_bytes -= n;
        ofpbuf_pull(msg, n);
        if (!msg->size) {
            svs_list_remove(&msg->list_node);
            ofpbuf_delete(msg);
        }
    }
}

/* The length field of the OpenFlow header at 'p', which may be at any
 * alignment (messages are parsed where they lie in the receive buffer). */
static size_t
rx_header_length(const void *p)
{
    be16 length;
    memcpy(&length, (const uint8_t *) p
           + offsetof(struct ofp_header, length), sizeof length);
    return ntohs(length);
}

/* Returns the length of the complete message at the front of 'ofconn''s
 * receive buffer, or 0 if none is complete yet.  Closes the connection
 * (and returns 0) if the message's length field is impossible. */
static size_t
ofconn_rx_msg_len(struct ofconn *ofconn)
{
    if (ofconn->rxbuf.size < sizeof(struct ofp_header)) {
        return 0;
    }
    size_t len = rx_header_length(ofconn->rxbuf.data);
    if (len < sizeof(struct ofp_header)) {
        VLOG_WARN_RL(&rl, "%s: received message with length %zu "
                     "shorter than an OpenFlow header", ofconn->name, len);
        ofconn_close_stream(ofconn);
        return 0;
    }
    return ofconn->rxbuf.size >= len ? len : 0;
}

/* Reads from the stream whatever it has, up to OFCONN_RX_CHUNK bytes (at
 * least enough room for the partial message already buffered), so that a
 * burst of small messages costs one system call.  Returns true if bytes
 * arrived; false if none did (the stream would block, or it failed or
 * ended, in which case the stream is closed). */
static bool
ofconn_rx_fill(struct ofconn *ofconn)
{
    struct ofpbuf *rx = &ofconn->rxbuf;
    size_t want = OFCONN_RX_CHUNK;

    if (rx->size >= sizeof(struct ofp_header)) {
        want = MAX(want, rx_header_length(rx->data));
    }
    /* Keep the partial message at the start of the buffer. */
    if (!rx->size) {
        ofpbuf_clear(rx);
    } else if (ofpbuf_headroom(rx)) {
        ofpbuf_shift(rx, -(int) ofpbuf_headroom(rx));
    }
    ofpbuf_prealloc_tailroom(rx, want - rx->size);

    ssize_t n = stream_recv(ofconn->stream, ofpbuf_tail(rx),
                            ofpbuf_tailroom(rx));
    if (n > 0) {
        rx->size += n;
        ofconn->last_rx = time_msec();
        ofconn->probe_sent = false;
        if (ofconn->controller) {
            reconnect_activity(ofconn->controller->reconnect, time_msec());
        }
        return true;
    }
    if (n != -EAGAIN) {
        VLOG_DBG("%s: connection closed (%s)", ofconn->name,
                 n ? strerror(-n) : "end of stream");
        ofconn->close_error = n ? -n : EOF;
        ofconn_close_stream(ofconn);
    }
    return false;
}

static void
ofconn_set_version(struct ofconn *ofconn, enum ofp_version version)
{
    ofconn->version = version;
    ofconn->protocol = ofputil_protocol_from_ofp_version(version);
}

/* Handles the peer's hello.  Returns false if the connection must
 * close. */
static bool
ofconn_handle_hello(struct ofconn *ofconn, const struct ofp_header *oh)
{
    uint32_t peer_versions;
    bool ok = ofputil_decode_hello(oh, &peer_versions);
    if (!ok) {
        VLOG_WARN_RL(&rl, "%s: received hello with unknown data",
                     ofconn->name);
    }
    enum ofp_version version
        = ofputil_negotiate_version(ofconn->allowed_versions,
                                    peer_versions);
    if (!version) {
        char *text = ofputil_hello_incompatible_text(
            ofconn->allowed_versions, peer_versions);
        VLOG_WARN_RL(&rl, "%s: %s", ofconn->name, text);
        enum ofp_version ev = oh->version;
        if (ev < OFP10_VERSION || ev > OFP15_VERSION) {
            ev = OFP10_VERSION;
        }
        ofconn_send(ofconn, ofperr_encode_hello(OFPERR_OFPHFC_INCOMPATIBLE,
                                                ev, text));
        free(text);
        ofconn_flush(ofconn);
        return false;
    }
    ofconn_set_version(ofconn, version);
    ofconn->hello_received = true;
    return true;
}

static void ofconn_handle_msg(struct ofconn *, struct ofpbuf *);

static void
ofconn_run(struct ofconn *ofconn)
{
    if (!ofconn->stream) {
        return;
    }
    stream_run(ofconn->stream);
    ofconn_flush(ofconn);

    /* Deferred reply? */
    if (ofconn->deferred) {
        if (connmgr_synced_seq(ofconn->mgr) < ofconn->deferred_seq) {
            return;
        }
        struct ofpbuf *reply = ofconn->deferred;
        ofconn->deferred = NULL;
        ofconn_send(ofconn, reply);
    }

    for (int i = 0; i < OFCONN_MSGS_PER_RUN && ofconn->stream
             && !ofconn->deferred; i++) {
        /* Do not read more while a lot of output is pending. */
        if (ofconn->txq_bytes > OFCONN_TXQ_ASYNC_LIMIT) {
            break;
        }
        size_t len = ofconn_rx_msg_len(ofconn);
        if (!len) {
            if (!ofconn->stream || !ofconn_rx_fill(ofconn)) {
                break;
            }
            len = ofconn_rx_msg_len(ofconn);
            if (!len) {
                continue;
            }
        }

        /* Handle the message where it lies in the receive buffer, unless
         * it is misaligned there for the decoders' structs. */
        const void *data = ofconn->rxbuf.data;
        struct ofpbuf view, *msg;
        if ((uintptr_t) data % 8) {
            msg = ofpbuf_clone_data(data, len);
        } else {
            ofpbuf_use_const(&view, data, len);
            msg = &view;
        }
        ofconn_handle_msg(ofconn, msg);
        if (msg != &view) {
            ofpbuf_delete(msg);
        }
        ofpbuf_pull(&ofconn->rxbuf, len);
    }
    ofconn_flush(ofconn);

    /* Inactivity probes of accepted controller connections. */
    if (ofconn->stream && ofconn->probe_interval && ofconn->version) {
        long long int idle = time_msec() - ofconn->last_rx;
        if (idle >= 2LL * ofconn->probe_interval * 1000) {
            VLOG_INFO("%s: no response to inactivity probe, "
                      "disconnecting", ofconn->name);
            ofconn_close_stream(ofconn);
        } else if (idle >= ofconn->probe_interval * 1000LL
                   && !ofconn->probe_sent) {
            struct ofpbuf *echo = ofpraw_alloc(OFPRAW_OFPT10_ECHO_REQUEST,
                                               ofconn->version, 0);
            ofpmsg_update_length(echo);
            ofconn_send(ofconn, echo);
            ofconn->probe_sent = true;
            ofconn_flush(ofconn);
        }
    }
}

static void
ofconn_wait(struct ofconn *ofconn)
{
    if (!ofconn->stream) {
        poll_immediate_wake();
        return;
    }
    stream_run_wait(ofconn->stream);
    if (!svs_list_is_empty(&ofconn->txq)) {
        stream_send_wait(ofconn->stream);
    }
    /* While a reply is deferred, the provider wakes us when the datapath
     * catches up (see ofproto-provider.h get_synced_seq), unless it did
     * so for another connection in this pass already. */
    if (ofconn->deferred
        && connmgr_synced_seq(ofconn->mgr) >= ofconn->deferred_seq) {
        poll_immediate_wake();
    }
    if (!ofconn->deferred && ofconn->txq_bytes <= OFCONN_TXQ_ASYNC_LIMIT) {
        if (ofconn->rxbuf.size >= sizeof(struct ofp_header)
            && ofconn->rxbuf.size >= rx_header_length(
                   ofconn->rxbuf.data)) {
            poll_immediate_wake();
        } else {
            stream_recv_wait(ofconn->stream);
        }
    }
    if (ofconn->probe_interval && ofconn->version) {
        long long int base = ofconn->last_rx;
        poll_timer_wait_until(base + (ofconn->probe_sent ? 2LL : 1LL)
                              * ofconn->probe_interval * 1000);
    }
}

/* Connection-state messages. */

static struct ofputil_async_cfg
async_cfg_default(enum ofp_version version)
{
    struct ofputil_async_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    /* Packet-ins for an invalid TTL only on request (set-config's
     * invalid_ttl_to_controller, or an async config), as ovs-vswitchd. */
    uint32_t pin = (1u << OFPR_NO_MATCH) | (1u << OFPR_ACTION);
    uint32_t fr = ((1u << OFPRR_IDLE_TIMEOUT) | (1u << OFPRR_HARD_TIMEOUT)
                   | (1u << OFPRR_DELETE));
    if (version >= OFP13_VERSION) {
        fr |= 1u << OFPRR_GROUP_DELETE;
    }
    if (version >= OFP14_VERSION) {
        pin |= ((1u << OFPR_ACTION_SET) | (1u << OFPR_GROUP)
                | (1u << OFPR_PACKET_OUT));
        fr |= 1u << OFPRR_METER_DELETE;
        cfg.primary[OAM_ROLE_STATUS] = 1u << OFPCRR_MASTER_REQUEST;
        cfg.primary[OAM_ROLE_STATUS] |= 1u << OFPCRR_CONFIG;
        cfg.primary[OAM_ROLE_STATUS] |= 1u << OFPCRR_EXPERIMENTER;
        cfg.primary[OAM_TABLE_STATUS] = ((1u << OFPTR_VACANCY_DOWN)
                                         | (1u << OFPTR_VACANCY_UP));
        cfg.primary[OAM_REQUESTFORWARD] = ((1u << OFPRFR_GROUP_MOD)
                                           | (1u << OFPRFR_METER_MOD));
        cfg.secondary[OAM_ROLE_STATUS] = cfg.primary[OAM_ROLE_STATUS];
    }
    cfg.primary[OAM_PACKET_IN] = pin;
    cfg.primary[OAM_FLOW_REMOVED] = fr;
    cfg.primary[OAM_PORT_STATUS] = ((1u << OFPPR_ADD) | (1u << OFPPR_DELETE)
                                    | (1u << OFPPR_MODIFY));
    cfg.secondary[OAM_PORT_STATUS] = cfg.primary[OAM_PORT_STATUS];
    return cfg;
}

static struct ofputil_async_cfg
ofconn_get_async(const struct ofconn *ofconn)
{
    return (ofconn->async_set ? ofconn->async
            : async_cfg_default(ofconn->version));
}

/* True if 'ofconn' wants an asynchronous message of 'type' for
 * 'reason'. */
static bool
ofconn_wants(const struct ofconn *ofconn, enum ofputil_async_msg_type type,
             unsigned int reason)
{
    if (!ofconn->stream || !ofconn->version
        || ofconn->type == OFCONN_SNOOP) {
        return false;
    }
    if (ofconn->type == OFCONN_SERVICE && !ofconn->miss_send_len) {
        /* Service connections get asynchronous messages only after
         * asking for them with a nonzero miss_send_len. */
        return false;
    }
    if (ofconn->txq_bytes > OFCONN_TXQ_ASYNC_LIMIT) {
        return false;
    }
    struct ofputil_async_cfg cfg = ofconn_get_async(ofconn);
    const uint32_t *masks = (ofconn->role == OFPCR12_ROLE_SLAVE
                             ? cfg.secondary : cfg.primary);
    return reason < 32 && (masks[type] & (1u << reason)) != 0;
}

static enum ofperr
handle_role_request(struct ofconn *ofconn, const struct ofp_header *oh)
{
    struct ofputil_role_request req;
    enum ofperr error = ofputil_decode_role_message(oh, &req);
    if (error) {
        return error;
    }
    struct connmgr *mgr = ofconn->mgr;
    if (req.role != OFPCR12_ROLE_NOCHANGE) {
        if (req.role != OFPCR12_ROLE_EQUAL && req.have_generation_id) {
            if (mgr->have_generation_id
                && (int64_t) (req.generation_id
                              - mgr->master_generation_id) < 0) {
                return OFPERR_OFPRRFC_STALE;
            }
            mgr->master_generation_id = req.generation_id;
            mgr->have_generation_id = true;
        }
        if (req.role == OFPCR12_ROLE_MASTER) {
            struct ofconn *other;
            LIST_FOR_EACH (other, node, &mgr->conns) {
                if (other != ofconn && other->role == OFPCR12_ROLE_MASTER) {
                    other->role = OFPCR12_ROLE_SLAVE;
                    if (other->version >= OFP14_VERSION
                        && ofconn_wants(other, OAM_ROLE_STATUS,
                                        OFPCRR_MASTER_REQUEST)) {
                        struct ofputil_role_status rs = {
                            .role = OFPCR12_ROLE_SLAVE,
                            .reason = OFPCRR_MASTER_REQUEST,
                            .generation_id = (mgr->have_generation_id
                                              ? mgr->master_generation_id
                                              : UINT64_MAX),
                        };
                        ofconn_send(other, ofputil_encode_role_status(
                                        &rs, other->version));
                    }
                }
            }
        }
        ofconn->role = req.role;
        ofconn->mgr->status_seqno++;
    }
    struct ofputil_role_request reply = {
        .role = ofconn->role,
        .have_generation_id = mgr->have_generation_id,
        .generation_id = mgr->master_generation_id,
    };
    ofconn_send(ofconn, ofputil_encode_role_reply(oh, &reply));
    return 0;
}

/* Handles the messages about the connection itself.  Returns true if it
 * handled 'oh' (setting '*error'), false to pass it on to ofproto. */
static bool
ofconn_handle_own(struct ofconn *ofconn, const struct ofp_header *oh,
                  enum ofptype type, enum ofperr *errorp)
{
    enum ofperr error = 0;
    switch (type) {
    case OFPTYPE_HELLO:
        /* A second hello is ignored. */
        break;
    case OFPTYPE_ECHO_REQUEST: {
        size_t len = ntohs(oh->length) - sizeof *oh;
        struct ofpbuf *reply = ofpraw_alloc_reply(OFPRAW_OFPT10_ECHO_REPLY,
                                                  oh, len);
        ofpbuf_put(reply, oh + 1, len);
        ofpmsg_update_length(reply);
        ofconn_send(ofconn, reply);
        break;
    }
    case OFPTYPE_ECHO_REPLY:
        break;
    case OFPTYPE_ERROR:
        VLOG_INFO_RL(&rl, "%s: received an OpenFlow error message",
                     ofconn->name);
        break;
    case OFPTYPE_SET_FLOW_FORMAT: {
        enum ofputil_protocol next;
        error = ofputil_decode_nx_set_flow_format(oh, &next);
        if (!error) {
            ofconn->protocol = ofputil_protocol_set_base(ofconn->protocol,
                                                         next);
        }
        break;
    }
    case OFPTYPE_FLOW_MOD_TABLE_ID: {
        bool enable = ofputil_decode_flow_mod_table_id(oh);
        ofconn->protocol = ofputil_protocol_set_tid(ofconn->protocol,
                                                    enable);
        break;
    }
    case OFPTYPE_SET_PACKET_IN_FORMAT: {
        enum ofputil_packet_in_format format;
        error = ofputil_decode_set_packet_in_format(oh, &format);
        if (!error) {
            ofconn->pin_format = format;
        }
        break;
    }
    case OFPTYPE_SET_CONTROLLER_ID:
        ofconn->controller_id = ofputil_decode_set_controller_id(oh);
        break;
    case OFPTYPE_ROLE_REQUEST:
        error = handle_role_request(ofconn, oh);
        break;
    case OFPTYPE_GET_ASYNC_REQUEST: {
        struct ofputil_async_cfg cfg = ofconn_get_async(ofconn);
        ofconn_send(ofconn, ofputil_encode_get_async_reply(oh, &cfg));
        break;
    }
    case OFPTYPE_SET_ASYNC_CONFIG: {
        struct ofputil_async_cfg cfg = ofconn_get_async(ofconn);
        error = ofputil_decode_set_async_config(oh, false, &cfg);
        if (!error) {
            ofconn->async = cfg;
            ofconn->async_set = true;
            if (ofconn->type == OFCONN_SERVICE && !ofconn->miss_send_len) {
                /* Asking for asynchronous messages implies wanting
                 * them on a service connection too. */
                ofconn->miss_send_len = OFP_DEFAULT_MISS_SEND_LEN;
            }
        }
        break;
    }
    case OFPTYPE_BARRIER_REQUEST: {
        struct ofpbuf *reply = ofpraw_alloc_reply(
            (oh->version == OFP10_VERSION ? OFPRAW_OFPT10_BARRIER_REPLY
             : OFPRAW_OFPT11_BARRIER_REPLY), oh, 0);
        ofpmsg_update_length(reply);
        ofconn_defer_until_synced(ofconn, reply,
                                  ofconn->mgr->ofproto->tables_seq);
        break;
    }
    default:
        return false;
    }
    *errorp = error;
    return true;
}

static void
ofconn_handle_msg(struct ofconn *ofconn, struct ofpbuf *msg)
{
    const struct ofp_header *oh = msg->data;
    if (ofconn->type == OFCONN_PRIMARY) {
        snoop_copy(ofconn->mgr, msg);
    }

    if (!ofconn->hello_received) {
        if (oh->type == OFPT_HELLO) {
            if (!ofconn_handle_hello(ofconn, oh)) {
                ofconn_close_stream(ofconn);
            }
        } else {
            /* Open vSwitch also insists on a hello first. */
            VLOG_WARN_RL(&rl, "%s: received message of type %u before "
                         "hello", ofconn->name, oh->type);
            ofconn_send(ofconn, ofperr_encode_hello(
                            OFPERR_OFPHFC_EPERM,
                            (oh->version >= OFP10_VERSION
                             && oh->version <= OFP15_VERSION
                             ? oh->version : OFP10_VERSION),
                            "hello expected"));
            ofconn_flush(ofconn);
            ofconn_close_stream(ofconn);
        }
        return;
    }
    if (ofconn->type == OFCONN_SNOOP) {
        /* Snoopers only watch. */
        return;
    }
    if (ofconn->controller && oh->type != OFPT_ECHO_REQUEST
        && oh->type != OFPT_ECHO_REPLY && oh->type != OFPT_HELLO) {
        if (!ofconn->admitted) {
            ofconn->admitted = true;
            ofconn->mgr->status_seqno++;
        }
        ofconn->controller->last_admitted = time_msec();
    }

    enum ofperr error;
    if (oh->version != ofconn->version) {
        error = OFPERR_OFPBRC_BAD_VERSION;
    } else {
        enum ofptype type;
        error = ofptype_decode(&type, oh);
        if (!error && !ofconn_handle_own(ofconn, oh, type, &error)) {
            error = ofproto_handle_openflow(ofconn->mgr->ofproto, ofconn,
                                            oh);
        }
    }
    if (error) {
        ofconn_send_error(ofconn, oh, error);
    }
}

/* Snooping. */

static void
snoop_copy(struct connmgr *mgr, const struct ofpbuf *msg)
{
    struct ofconn *ofconn;
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        if (ofconn->type == OFCONN_SNOOP && ofconn->version
            && ofconn->stream
            && ofconn->txq_bytes <= OFCONN_TXQ_ASYNC_LIMIT) {
            ofconn_send(ofconn, ofpbuf_clone(msg));
        }
    }
}

/* Accessors. */

struct connmgr *
ofconn_get_connmgr(const struct ofconn *ofconn)
{
    return ofconn->mgr;
}

enum ofconn_type
ofconn_get_type(const struct ofconn *ofconn)
{
    return ofconn->type;
}

enum ofputil_protocol
ofconn_get_protocol(const struct ofconn *ofconn)
{
    return ofconn->protocol;
}

enum ofp_version
ofconn_get_version(const struct ofconn *ofconn)
{
    return ofconn->version;
}

enum ofp12_controller_role
ofconn_get_role(const struct ofconn *ofconn)
{
    return ofconn->role;
}

uint16_t
ofconn_get_miss_send_len(const struct ofconn *ofconn)
{
    return ofconn->miss_send_len;
}

void
ofconn_set_miss_send_len(struct ofconn *ofconn, uint16_t miss_send_len)
{
    ofconn->miss_send_len = miss_send_len;
}

bool
ofconn_get_invalid_ttl_to_controller(const struct ofconn *ofconn)
{
    struct ofputil_async_cfg cfg = ofconn_get_async(ofconn);
    return (cfg.primary[OAM_PACKET_IN] & (1u << OFPR_INVALID_TTL)) != 0;
}

void
ofconn_set_invalid_ttl_to_controller(struct ofconn *ofconn, bool enable)
{
    struct ofputil_async_cfg cfg = ofconn_get_async(ofconn);
    if (enable) {
        cfg.primary[OAM_PACKET_IN] |= 1u << OFPR_INVALID_TTL;
    } else {
        cfg.primary[OAM_PACKET_IN] &= ~(1u << OFPR_INVALID_TTL);
    }
    ofconn->async = cfg;
    ofconn->async_set = true;
}

struct hmap *
ofconn_get_bundles(struct ofconn *ofconn)
{
    return &ofconn->bundles;
}

void
ofconn_send_reply(struct ofconn *ofconn, struct ofpbuf *msg)
{
    ofconn_send(ofconn, msg);
}

void
ofconn_send_replies(struct ofconn *ofconn, struct svs_list *replies)
{
    struct ofpbuf *msg;
    LIST_FOR_EACH_POP (msg, list_node, replies) {
        ofconn_send(ofconn, msg);
    }
}

void
ofconn_send_replies_early(struct ofconn *ofconn, struct svs_list *replies)
{
    bool sent = false;
    while (svs_list_front(replies) != svs_list_back(replies)) {
        struct ofpbuf *msg = CONTAINER_OF(svs_list_pop_front(replies),
                                          struct ofpbuf, list_node);
        ofconn_send(ofconn, msg);
        sent = true;
    }
    if (sent) {
        ofconn_flush(ofconn);
    }
}

void
ofconn_send_error(struct ofconn *ofconn, const struct ofp_header *request,
                  enum ofperr error)
{
    VLOG_DBG("%s: sending %s error", ofconn->name, ofperr_get_name(error));
    ofconn_send(ofconn, ofperr_encode_reply(error, request));
}

void
ofconn_defer_until_synced(struct ofconn *ofconn, struct ofpbuf *reply,
                          uint64_t seq)
{
    if (!ofconn->deferred) {
        struct ofproto *ofproto = ofconn->mgr->ofproto;
        if (connmgr_synced_seq(ofconn->mgr) < seq) {
            ofproto_sync_datapath(ofproto);
        }
        if (connmgr_synced_seq(ofconn->mgr) >= seq) {
            ofconn_send(ofconn, reply);
            return;
        }
    }
    svs_assert(!ofconn->deferred);
    ofconn->deferred = reply;
    ofconn->deferred_seq = seq;
}

/* Asynchronous messages. */

void
connmgr_send_port_status(struct connmgr *mgr,
                         const struct ofputil_phy_port *pp, uint8_t reason)
{
    struct ofputil_port_status ps = { .reason = reason, .desc = *pp };
    struct ofconn *ofconn;
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        if (ofconn_wants(ofconn, OAM_PORT_STATUS, reason)) {
            ofconn_send(ofconn, ofputil_encode_port_status(
                            &ps, ofconn->version));
        }
    }
}

void
connmgr_send_flow_removed(struct connmgr *mgr,
                          const struct ofputil_flow_removed *fr)
{
    struct ofconn *ofconn;
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        if (ofconn_wants(ofconn, OAM_FLOW_REMOVED, fr->reason)) {
            ofconn_send(ofconn, ofputil_encode_flow_removed(
                            fr, ofconn->protocol));
        }
    }
}

/* Token bucket: true if 'ofconn' may send one more packet-in now. */
static bool
ofconn_pin_allowed(struct ofconn *ofconn)
{
    if (!ofconn->rate_limit) {
        return true;
    }
    long long int now = time_msec();
    long long int burst = (ofconn->burst_limit
                           ? ofconn->burst_limit
                           : MAX(ofconn->rate_limit / 4, 1)) * 1000LL;
    if (!ofconn->last_fill) {
        ofconn->tokens = burst;
    } else {
        ofconn->tokens += (now - ofconn->last_fill) * ofconn->rate_limit;
        ofconn->tokens = MIN(ofconn->tokens, burst);
    }
    ofconn->last_fill = now;
    if (ofconn->tokens >= 1000) {
        ofconn->tokens -= 1000;
        return true;
    }
    return false;
}

void
connmgr_send_packet_in(struct connmgr *mgr,
                       const struct ofputil_packet_in *pin,
                       uint16_t max_len SVS_UNUSED, uint16_t controller_id)
{
    struct ofconn *ofconn;
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        uint8_t reason = pin->reason;
        if (reason == OFPROTO_PIN_EXPLICIT_MISS) {
            reason = (ofconn->version >= OFP13_VERSION ? OFPR_NO_MATCH
                      : OFPR_ACTION);
        } else if (reason == OFPROTO_PIN_IMPLICIT_MISS) {
            if (ofconn->version >= OFP13_VERSION) {
                continue;       /* OpenFlow 1.3+ drops table misses. */
            }
            reason = OFPR_NO_MATCH;
        }
        if ((controller_id && ofconn->controller_id != controller_id)
            || !ofconn_wants(ofconn, OAM_PACKET_IN, reason)
            || !ofconn_pin_allowed(ofconn)) {
            continue;
        }
        /* The whole packet: OpenFlow sends all of an unbuffered packet
         * whatever the max_len or miss_send_len, and nothing is buffered
         * here. */
        struct ofputil_packet_in copy = *pin;
        copy.reason = reason;
        ofconn_send(ofconn, ofputil_encode_packet_in(&copy, ofconn->version,
                                                     ofconn->pin_format));
    }
}

/* Flow monitors. */

static bool
ofmonitor_matches(const struct ofmonitor *m, const struct rule *rule,
                  const struct rule_actions *actions)
{
    if (m->table_id != 0xff && m->table_id != rule->table_id) {
        return false;
    }
    if (!cls_rule_is_loose_match(&rule->cr, &m->criteria)) {
        return false;
    }
    if (m->out_port != OFPP_NONE
        && !ofpacts_output_to_port(rule_actions_ofpacts(actions),
                                   actions->ofpacts_len, m->out_port)) {
        return false;
    }
    if (m->out_group != OFPG_ANY
        && !ofpacts_output_to_group(rule_actions_ofpacts(actions),
                                    actions->ofpacts_len, m->out_group)) {
        return false;
    }
    return true;
}

/* Converts flow monitor request flags of 'version' to NXFMF_* flags. */
static uint16_t
monitor_flags_to_nx(uint16_t flags, enum ofp_version version)
{
    if (version < OFP14_VERSION) {
        return flags;
    }
    return ((flags & (OFPFMF14_INITIAL | OFPFMF14_ADD | OFPFMF14_REMOVED
                      | OFPFMF14_MODIFY | OFPFMF14_INSTRUCTIONS))
            | (flags & OFPFMF14_ONLY_OWN ? NXFMF_OWN : 0));
}

/* The wire event of 'event' for 'version' ('initial' for the updates of
 * the reply to the request). */
static uint16_t
monitor_event(enum connmgr_flow_event event, bool initial,
              enum ofp_version version)
{
    if (version < OFP14_VERSION) {
        return (event == CONNMGR_FLOW_ADDED ? NXFME_ADDED
                : event == CONNMGR_FLOW_DELETED ? NXFME_DELETED
                : NXFME_MODIFIED);
    }
    return (initial ? 0                             /* OFPFME14_INITIAL */
            : event == CONNMGR_FLOW_ADDED ? 1       /* OFPFME14_ADDED */
            : event == CONNMGR_FLOW_DELETED ? 2     /* OFPFME14_REMOVED */
            : 3);                                   /* OFPFME14_MODIFIED */
}

/* The raw type of asynchronous flow monitor updates for 'version'. */
static enum ofpraw
monitor_reply_raw(enum ofp_version version)
{
    return (version == OFP10_VERSION ? OFPRAW_NXST10_FLOW_MONITOR_REPLY
            : version < OFP13_VERSION ? OFPRAW_NXST11_FLOW_MONITOR_REPLY
            : version == OFP13_VERSION ? OFPRAW_ONFST_FLOW_MONITOR_REPLY
            : OFPRAW_OFPST14_FLOW_MONITOR_REPLY);
}

/* Appends a full update for 'rule' to 'msgs'. */
static void
ofmonitor_append_full(struct svs_list *msgs, const struct rule *rule,
                      uint16_t event, uint8_t reason, uint16_t flags,
                      enum ofp_version version)
{
    const struct rule_actions *actions = rule_get_actions(rule);
    struct ofputil_flow_update fu;
    memset(&fu, 0, sizeof fu);
    fu.event = event;
    fu.reason = reason;
    fu.idle_timeout = rule->idle_timeout;
    fu.hard_timeout = rule->hard_timeout;
    fu.priority = rule->cr.priority;
    fu.table_id = rule->table_id;
    fu.cookie = rule->flow_cookie;
    struct flow flow;
    struct flow_wildcards wc;
    cls_rule_expand(&rule->cr, &flow, &wc);
    match_init(&fu.match, &flow, &wc);
    if (flags & NXFMF_ACTIONS) {
        fu.ofpacts = rule_actions_ofpacts(actions);
        fu.ofpacts_len = actions->ofpacts_len;
    }
    struct ofpbuf *msg = CONTAINER_OF(svs_list_back(msgs), struct ofpbuf,
                                      list_node);
    size_t start = msg->size;
    ofputil_append_flow_update(&fu, msg, version);
    ofpmp_postappend(msgs, start);
}

void
connmgr_report_flow_change(struct connmgr *mgr, const struct rule *rule,
                           enum connmgr_flow_event event, uint8_t reason,
                           const struct ofconn *source, be32 xid)
{
    static const uint16_t flag_of_event[] = {
        [CONNMGR_FLOW_ADDED] = NXFMF_ADD,
        [CONNMGR_FLOW_DELETED] = NXFMF_DELETE,
        [CONNMGR_FLOW_MODIFIED] = NXFMF_MODIFY,
    };
    const struct rule_actions *actions = rule_get_actions(rule);
    struct ofconn *ofconn;
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        if (!ofconn->stream || hmap_is_empty(&ofconn->monitors)) {
            continue;
        }
        uint16_t flags = 0;
        struct ofmonitor *m;
        HMAP_FOR_EACH (m, hmap_node, &ofconn->monitors) {
            if ((m->flags & flag_of_event[event])
                && (ofconn != source || (m->flags & NXFMF_OWN))
                && ofmonitor_matches(m, rule, actions)) {
                flags |= m->flags;
            }
        }
        if (!flags) {
            continue;
        }
        /* The updates of one change go out together (see
         * connmgr_flush_flow_changes()). */
        enum ofp_version version = ofconn->version;
        if (svs_list_is_empty(&ofconn->updates)) {
            struct ofpbuf *msg = ofpraw_alloc_xid(
                monitor_reply_raw(version), version, htonl(0), 0);
            svs_list_push_back(&ofconn->updates, &msg->list_node);
            ofconn->abbrev_sent = false;
        }
        if (ofconn == source) {
            /* The requester learns of its own changes in brief, once. */
            if (!ofconn->abbrev_sent) {
                struct ofputil_flow_update fu;
                memset(&fu, 0, sizeof fu);
                fu.event = version >= OFP14_VERSION ? 4 : NXFME_ABBREV;
                fu.xid = xid;
                struct ofpbuf *msg = CONTAINER_OF(
                    svs_list_back(&ofconn->updates), struct ofpbuf,
                    list_node);
                size_t start = msg->size;
                ofputil_append_flow_update(&fu, msg, version);
                ofpmp_postappend(&ofconn->updates, start);
                ofconn->abbrev_sent = true;
            }
        } else {
            ofmonitor_append_full(&ofconn->updates, rule,
                                  monitor_event(event, false, version),
                                  reason, flags, version);
        }
    }
}

void
connmgr_flush_flow_changes(struct connmgr *mgr)
{
    struct ofconn *ofconn;
    LIST_FOR_EACH (ofconn, node, &mgr->conns) {
        struct ofpbuf *msg;
        LIST_FOR_EACH_POP (msg, list_node, &ofconn->updates) {
            ofpmsg_update_length(msg);
            ofconn_send(ofconn, msg);
        }
    }
}

enum ofperr
connmgr_handle_flow_monitor_request(struct ofconn *ofconn,
                                    const struct ofp_header *oh)
{
    struct ofproto *ofproto = ofconn->mgr->ofproto;
    struct ofpbuf b = OFPBUF_CONST_INITIALIZER(oh, ntohs(oh->length));
    struct svs_list added;
    svs_list_init(&added);
    struct svs_list replies;
    ofpmp_init(&replies, oh);
    enum ofperr error = 0;

    for (;;) {
        struct ofputil_flow_monitor_request req;
        int retval = ofputil_decode_flow_monitor_request(&req, &b);
        if (retval == EOF) {
            break;
        } else if (retval) {
            error = retval;
            goto error;
        }
        if (req.table_id != 0xff && req.table_id >= ofproto->n_tables) {
            error = OFPERR_OFPBRC_BAD_TABLE_ID;
            goto error;
        }
        struct ofmonitor *m, *found = NULL;
        HMAP_FOR_EACH_WITH_HASH (m, hmap_node, req.id, &ofconn->monitors) {
            if (m->id == req.id) {
                found = m;
            }
        }
        if (req.command == OFPFMC14_DELETE
            || (req.command == OFPFMC14_MODIFY && found)) {
            if (!found) {
                error = OFPERR_OFPMOFC_UNKNOWN_MONITOR;
                goto error;
            }
            hmap_remove(&ofconn->monitors, &found->hmap_node);
            cls_rule_destroy(&found->criteria);
            free(found);
            if (req.command == OFPFMC14_DELETE) {
                continue;
            }
        } else if (found) {
            error = OFPERR_OFPMOFC_MONITOR_EXISTS;
            goto error;
        }
        m = xzalloc(sizeof *m);
        m->id = req.id;
        m->flags = monitor_flags_to_nx(req.flags, oh->version);
        m->out_port = req.out_port;
        m->out_group = req.out_group;
        m->table_id = req.table_id;
        ofproto_cls_rule_init(&m->criteria, &req.match, 0);
        hmap_insert(&ofconn->monitors, &m->hmap_node, m->id);
        /* Remember for rollback. */
        struct ofpbuf *mark = ofpbuf_new(sizeof m->id);
        ofpbuf_put(mark, &m->id, sizeof m->id);
        svs_list_push_back(&added, &mark->list_node);

        if (m->flags & NXFMF_INITIAL) {
            cls_version_t version = ofproto_get_version(ofproto);
            for (int t = 0; t < ofproto->n_tables; t++) {
                if (ofproto->tables[t].hidden
                    || (req.table_id != 0xff && req.table_id != t)) {
                    continue;
                }
                struct rule *rule;
                CLS_FOR_EACH_TARGET (rule, cr, &ofproto->tables[t].cls,
                                     &m->criteria, version) {
                    if (ofmonitor_matches(m, rule,
                                          rule_get_actions(rule))) {
                        ofmonitor_append_full(
                            &replies, rule,
                            monitor_event(CONNMGR_FLOW_ADDED, true,
                                          oh->version),
                            0, m->flags, oh->version);
                    }
                }
            }
        }
    }
    ofpbuf_list_delete(&added);
    ofconn_send_replies(ofconn, &replies);
    return 0;

error: ;
    struct ofpbuf *mark;
    LIST_FOR_EACH_POP (mark, list_node, &added) {
        uint32_t id;
        memcpy(&id, mark->data, sizeof id);
        struct ofmonitor *m;
        HMAP_FOR_EACH_WITH_HASH (m, hmap_node, id, &ofconn->monitors) {
            if (m->id == id) {
                hmap_remove(&ofconn->monitors, &m->hmap_node);
                cls_rule_destroy(&m->criteria);
                free(m);
                break;
            }
        }
        ofpbuf_delete(mark);
    }
    ofpbuf_list_delete(&replies);
    return error;
}

enum ofperr
connmgr_handle_flow_monitor_cancel(struct ofconn *ofconn,
                                   const struct ofp_header *oh)
{
    if (ntohs(oh->length) < sizeof(struct nx_flow_monitor_cancel)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    const struct nx_flow_monitor_cancel *nfmc = (const void *) oh;
    uint32_t id = ntohl(nfmc->id);
    struct ofmonitor *m;
    HMAP_FOR_EACH_WITH_HASH (m, hmap_node, id, &ofconn->monitors) {
        if (m->id == id) {
            hmap_remove(&ofconn->monitors, &m->hmap_node);
            cls_rule_destroy(&m->criteria);
            free(m);
            return 0;
        }
    }
    return OFPERR_OFPMOFC_UNKNOWN_MONITOR;
}
