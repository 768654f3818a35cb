/* ofproto-dpif.c: the ofproto provider over a datapath (see
 * ofproto-dpif.h).
 *
 * Design:
 *   - Backers: one datapath per datapath type ("netdev@svs-netdev"),
 *     shared by the bridges of that type, with a map from datapath port
 *     to bridge port for upcalls.
 *   - Upcalls: the datapath calls upcall_cb() from its poll threads on a
 *     miss; it translates the packet through the bridge's tables (xlate.c)
 *     and returns the actions and the megaflow mask, which the datapath
 *     installs.  Userspace actions come back the same way and become
 *     packet-ins.
 *   - Revalidation, in the main thread: when the OpenFlow tables, ports
 *     or MAC tables change (need_revalidate), every datapath flow is
 *     translated again; a flow whose actions changed, or whose mask no
 *     longer covers what the translation needs, is deleted.  While it
 *     runs, upcalls are held off (dpif_disable_upcall()), so no flow
 *     translated from the old tables can be installed after the pass: when
 *     get_synced_seq() reports a change, the datapath follows it (the
 *     barrier property).  Periodically (every 500 ms) the same dump pushes
 *     statistics to the OpenFlow rules each flow went through (kept per
 *     flow in a "ukey"), and deletes flows idle for 10 s or beyond the
 *     flow limit.
 *   - Ukeys: the upcall that makes a megaflow also makes its ukey, with
 *     the rules of its translation, and queues it ('new_ukeys'); the next
 *     pass adopts it, so that a new flow is not translated a second time
 *     just to learn its rules.  A flow without a ukey (one put by hand, or
 *     one whose upcall's ukey was dropped) is translated when first seen.
 *
 * Thread-safety: provider callbacks run in the main thread; upcall_cb()
 * in poll threads (see ofproto-dpif-private.h for the locking). */
#include <config.h>
#include "ofproto-dpif.h"

#include <errno.h>
#include <inttypes.h>
#include <linux/openvswitch.h>
#include <stdlib.h>
#include <string.h>
#include "cls-rcu.h"
#include "dp-packet.h"
#include "dpif.h"
#include "dynamic-string.h"
#include "flow.h"
#include "hash.h"
#include "hmap.h"
#include "mac-learning.h"
#include "match.h"
#include "netdev.h"
#include "netlink.h"
#include "odp-util.h"
#include "ofp-actions.h"
#include "ofp-packet.h"
#include "ofp-port.h"
#include "ofpbuf.h"
#include "ofproto-dpif-private.h"
#include "ofproto-provider.h"
#include "ofproto.h"
#include "packets.h"
#include "poll-loop.h"
#include "smap.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"
#include "xlate.h"

VLOG_DEFINE_THIS_MODULE(ofproto_dpif);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

#define REVALIDATE_INTERVAL 500     /* ms between periodic passes. */
#define MAX_IDLE 10000              /* ms a datapath flow may sit idle. */
#define DEFAULT_FLOW_LIMIT 200000

pthread_rwlock_t xlate_rwlock = PTHREAD_RWLOCK_INITIALIZER;

static struct hmap all_backers = HMAP_INITIALIZER(&all_backers);
static struct hmap all_ofproto_dpifs = HMAP_INITIALIZER(&all_ofproto_dpifs);
static uint32_t next_index = 1;
static unsigned int flow_limit = DEFAULT_FLOW_LIMIT;

/* Counters for coverage/show. */
static uint64_t n_upcalls, n_upcall_errors, n_revalidations, n_flows_deleted;
static uint64_t n_packet_ins, n_packet_outs;

/* What revalidation remembers about a datapath flow. */
struct ukey {
    struct hmap_node node;          /* In 'backer->ukeys' by ufid. */
    struct ukey *next_new;          /* In 'backer->new_ukeys'. */
    svs_u128 ufid;
    struct dpif_flow_stats pushed;  /* Statistics credited so far. */
    struct xlate_rules rules;       /* Rules of its last translation. */
    uint64_t dump_seq;              /* Last pass that saw it. */
};

static void unixctl_register(void);

/* Lookups. */

static struct ofproto_dpif *
ofproto_dpif_cast(const struct ofproto *up)
{
    struct ofproto_dpif *p;

    HMAP_FOR_EACH_WITH_HASH (p, node, hash_pointer(up, 0),
                             &all_ofproto_dpifs) {
        if (p->up == up) {
            return p;
        }
    }
    return NULL;
}

struct ofproto_dpif *
ofproto_dpif_by_index(uint32_t index)
{
    struct ofproto_dpif *p;

    HMAP_FOR_EACH (p, node, &all_ofproto_dpifs) {
        if (p->index == index) {
            return p;
        }
    }
    return NULL;
}

static struct ofproto_dpif *
ofproto_dpif_by_name(const char *name)
{
    struct ofproto_dpif *p;

    HMAP_FOR_EACH (p, node, &all_ofproto_dpifs) {
        if (!strcmp(p->name, name)) {
            return p;
        }
    }
    return NULL;
}

struct ofport_dpif *
ofproto_dpif_port(const struct ofproto_dpif *ofproto, ofp_port_t ofp_port)
{
    struct ofport_dpif *port;

    HMAP_FOR_EACH_WITH_HASH (port, ofp_node, hash_int(ofp_port, 0),
                             &ofproto->ports) {
        if (port->ofp_port == ofp_port) {
            return port;
        }
    }
    return NULL;
}

struct ofport_dpif *
ofproto_dpif_port_by_odp(const struct dpif_backer *backer,
                         odp_port_t odp_port)
{
    struct ofport_dpif *port;

    HMAP_FOR_EACH_WITH_HASH (port, odp_node, hash_int(odp_port, 0),
                             &backer->odp_ports) {
        if (port->odp_port == odp_port) {
            return port;
        }
    }
    return NULL;
}

struct ofport_dpif *
ofproto_dpif_patch_peer(const struct ofport_dpif *port)
{
    struct ofproto_dpif *p;

    if (!port->peer) {
        return NULL;
    }
    HMAP_FOR_EACH (p, node, &all_ofproto_dpifs) {
        struct ofport_dpif *peer;

        if (p == port->ofproto || p->backer != port->ofproto->backer) {
            continue;
        }
        HMAP_FOR_EACH (peer, ofp_node, &p->ports) {
            if (!strcmp(peer->name, port->peer) && peer->peer
                && !strcmp(peer->peer, port->name)) {
                return peer;
            }
        }
    }
    return NULL;
}

/* Main thread, while the main loop runs: wait_() then asks for another
 * pass (unless sync_datapath() caught up first, saving that pass). */
static void
backer_need_revalidate(struct dpif_backer *backer)
{
    backer->need_revalidate++;
}

/* Upcalls (poll threads). */

static void
handle_controller_userdata(const struct dp_packet *packet,
                           const struct controller_userdata *ud)
{
    struct ofputil_packet_in pin;
    struct ofproto_dpif *ofproto;

    pthread_rwlock_rdlock(&xlate_rwlock);
    ofproto = ofproto_dpif_by_index(ud->bridge_index);
    if (!ofproto) {
        pthread_rwlock_unlock(&xlate_rwlock);
        return;
    }
    memset(&pin, 0, sizeof pin);
    pin.packet = dp_packet_data(packet);
    pin.packet_len = dp_packet_size(packet);
    pin.total_len = dp_packet_size(packet);
    pin.buffer_id = UINT32_MAX;
    pin.reason = ud->reason;
    pin.table_id = ud->table_id;
    pin.cookie = ud->cookie;
    match_init_catchall(&pin.flow_metadata);
    match_set_in_port(&pin.flow_metadata, ud->in_port);
    if (ud->metadata) {
        match_set_metadata(&pin.flow_metadata, ud->metadata);
    }
    for (int i = 0; i < 16; i++) {
        if (ud->regs[i]) {
            match_set_reg(&pin.flow_metadata, i, ud->regs[i]);
        }
    }
    ofproto_send_packet_in(ofproto->up, &pin, ud->max_len,
                           ud->controller_id);
    __atomic_fetch_add(&n_packet_ins, 1, __ATOMIC_RELAXED);
    pthread_rwlock_unlock(&xlate_rwlock);
}

static int
upcall_cb(const struct dp_packet *packet, const struct flow *flow,
          const svs_u128 *ufid SVS_UNUSED, int pmd_id SVS_UNUSED,
          enum dpif_upcall_type type, const struct nlattr *userdata,
          size_t userdata_len, struct ofpbuf *actions,
          struct flow_wildcards *wc, struct ofpbuf *put_actions SVS_UNUSED,
          void *aux)
{
    struct dpif_backer *backer = aux;
    struct flow_wildcards ukey_wc;
    struct ofport_dpif *in;
    struct xlate_out xout;
    struct xlate_in xin;
    struct ukey *ukey;
    int error;

    if (type == DPIF_UC_ACTION) {
        if (userdata && userdata_len == sizeof(struct controller_userdata)) {
            struct controller_userdata ud;

            memcpy(&ud, userdata, sizeof ud);
            if (ud.kind == USERDATA_CONTROLLER) {
                handle_controller_userdata(packet, &ud);
            }
        }
        return 0;
    }

    __atomic_fetch_add(&n_upcalls, 1, __ATOMIC_RELAXED);
    pthread_rwlock_rdlock(&xlate_rwlock);
    in = ofproto_dpif_port_by_odp(backer, flow->in_port);
    if (!in) {
        pthread_rwlock_unlock(&xlate_rwlock);
        /* A packet from a port no bridge has (yet): drop it, and cache the
         * drop for this port only. */
        flow_wildcards_init_catchall(wc);
        wc->masks.in_port = UINT32_MAX;
        return 0;
    }
    ukey = xmalloc(sizeof *ukey);
    xlate_rules_init(&ukey->rules);
    memset(&xin, 0, sizeof xin);
    xin.ofproto = in->ofproto;
    xin.flow = *flow;
    xin.flow.in_port = in->ofp_port;
    xin.packet = packet;
    xin.may_learn = true;
    xin.allow_side_effects = true;
    xin.rules = &ukey->rules;
    pthread_rwlock_unlock(&xlate_rwlock);

    error = xlate_actions(&xin, &xout, actions);
    if (error) {
        __atomic_fetch_add(&n_upcall_errors, 1, __ATOMIC_RELAXED);
        xlate_rules_destroy(&ukey->rules);
        free(ukey);
        ofpbuf_clear(actions);
        flow_wildcards_init_catchall(wc);
        wc->masks.in_port = UINT32_MAX;
        return 0;
    }
    *wc = xout.wc;

    /* The ukey of the megaflow the datapath is about to install, under
     * the ufid it will have (the datapath always matches in_port and
     * recirc_id exactly; see dpif.h). */
    ukey_wc = xout.wc;
    ukey_wc.masks.in_port = UINT32_MAX;
    ukey_wc.masks.recirc_id = UINT32_MAX;
    odp_flow_key_hash_ufid(flow, &ukey_wc, &ukey->ufid);
    memset(&ukey->pushed, 0, sizeof ukey->pushed);
    ukey->dump_seq = 0;
    pthread_mutex_lock(&backer->new_ukeys_mutex);
    ukey->next_new = backer->new_ukeys;
    backer->new_ukeys = ukey;
    pthread_mutex_unlock(&backer->new_ukeys_mutex);
    return 0;
}

/* Backers. */

static struct dpif_backer *
backer_get(const char *type)
{
    struct dpif_backer *backer;
    char *name;
    int error;

    HMAP_FOR_EACH_WITH_HASH (backer, node, hash_string(type, 0),
                             &all_backers) {
        if (!strcmp(backer->type, type)) {
            backer->refcount++;
            return backer;
        }
    }
    backer = xzalloc(sizeof *backer);
    backer->type = xstrdup(type);
    backer->refcount = 1;
    hmap_init(&backer->odp_ports);
    hmap_init(&backer->ukeys);
    pthread_mutex_init(&backer->new_ukeys_mutex, NULL);
    backer->new_ukeys = NULL;
    backer->flow_limit = flow_limit;
    name = xasprintf("svs-%s", type);
    error = dpif_create_and_open(name, type, &backer->dpif);
    free(name);
    if (error) {
        hmap_destroy(&backer->odp_ports);
        hmap_destroy(&backer->ukeys);
        pthread_mutex_destroy(&backer->new_ukeys_mutex);
        free(backer->type);
        free(backer);
        return NULL;
    }
    /* Start from an empty cache: flows left by an earlier process were
     * made from tables this one does not have. */
    dpif_flow_flush(backer->dpif);
    dpif_register_upcall_cb(backer->dpif, upcall_cb, backer);
    hmap_insert(&all_backers, &backer->node, hash_string(type, 0));
    return backer;
}

static void
ukey_free(struct ukey *ukey)
{
    xlate_rules_destroy(&ukey->rules);
    free(ukey);
}

static void
ukey_destroy(struct dpif_backer *backer, struct ukey *ukey)
{
    hmap_remove(&backer->ukeys, &ukey->node);
    ukey_free(ukey);
}

static struct ukey *ukey_lookup(const struct dpif_backer *,
                                const svs_u128 *ufid);

/* Moves the ukeys that upcalls made into 'backer->ukeys', marked as seen
 * in pass 'dump_seq' (so that a pass that started before their flow was
 * installed does not forget them).  A ukey for a ufid that already has
 * one is dropped: the older one holds the statistics pushed so far. */
static void
backer_adopt_new_ukeys(struct dpif_backer *backer, uint64_t dump_seq)
{
    struct ukey *ukey, *next;

    pthread_mutex_lock(&backer->new_ukeys_mutex);
    ukey = backer->new_ukeys;
    backer->new_ukeys = NULL;
    pthread_mutex_unlock(&backer->new_ukeys_mutex);
    for (; ukey; ukey = next) {
        next = ukey->next_new;
        if (ukey_lookup(backer, &ukey->ufid)) {
            ukey_free(ukey);
        } else {
            ukey->dump_seq = dump_seq;
            hmap_insert(&backer->ukeys, &ukey->node, ukey->ufid.u32[0]);
        }
    }
}

static void
backer_unref(struct dpif_backer *backer)
{
    struct ukey *ukey, *next;

    if (!backer || --backer->refcount) {
        return;
    }
    hmap_remove(&all_backers, &backer->node);
    dpif_register_upcall_cb(backer->dpif, NULL, NULL);
    backer_adopt_new_ukeys(backer, 0);
    HMAP_FOR_EACH_SAFE (ukey, next, node, &backer->ukeys) {
        ukey_destroy(backer, ukey);
    }
    dpif_flow_flush(backer->dpif);
    dpif_close(backer->dpif);
    hmap_destroy(&backer->odp_ports);
    hmap_destroy(&backer->ukeys);
    pthread_mutex_destroy(&backer->new_ukeys_mutex);
    free(backer->type);
    free(backer);
}

/* Revalidation. */

static struct ukey *
ukey_lookup(const struct dpif_backer *backer, const svs_u128 *ufid)
{
    struct ukey *ukey;

    HMAP_FOR_EACH_WITH_HASH (ukey, node, ufid->u32[0], &backer->ukeys) {
        if (!memcmp(&ukey->ufid, ufid, sizeof *ufid)) {
            return ukey;
        }
    }
    return NULL;
}

/* Credits the traffic 'flow' saw since the last push to the rules of its
 * last translation. */
static void
push_stats(struct ukey *ukey, const struct dpif_flow *flow)
{
    uint64_t packets = flow->stats.n_packets - ukey->pushed.n_packets;
    uint64_t bytes = flow->stats.n_bytes - ukey->pushed.n_bytes;

    if (flow->stats.n_packets < ukey->pushed.n_packets) {
        /* The datapath's counters were reset. */
        packets = flow->stats.n_packets;
        bytes = flow->stats.n_bytes;
    }
    if (packets) {
        for (size_t i = 0; i < ukey->rules.n; i++) {
            ofproto_rule_credit_stats(ukey->rules.rules[i], packets, bytes,
                                      flow->stats.used);
        }
    }
    ukey->pushed = flow->stats;
}

/* True if every bit of 'need' is in 'have'. */
static bool
mask_covers(const struct flow_wildcards *have,
            const struct flow_wildcards *need)
{
    const uint64_t *h = (const uint64_t *) &have->masks;
    const uint64_t *n = (const uint64_t *) &need->masks;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (n[i] & ~h[i]) {
            return false;
        }
    }
    return true;
}

/* Translates 'flow' again.  Returns true if the datapath flow is still
 * right, with the new rules in 'ukey'. */
static bool
revalidate_flow(struct dpif_backer *backer, const struct dpif_flow *flow,
                struct ukey *ukey)
{
    uint64_t stub[1024 / 8];
    struct ofport_dpif *in;
    struct xlate_out xout;
    struct xlate_in xin;
    struct ofpbuf actions;
    bool ok;

    pthread_rwlock_rdlock(&xlate_rwlock);
    in = ofproto_dpif_port_by_odp(backer, flow->key.in_port);
    if (!in) {
        pthread_rwlock_unlock(&xlate_rwlock);
        /* A drop cached for a port without a bridge stays right while the
         * port has none. */
        return flow->actions_len == 0;
    }
    memset(&xin, 0, sizeof xin);
    xin.ofproto = in->ofproto;
    xin.flow = flow->key;
    xin.flow.in_port = in->ofp_port;
    xlate_rules_clear(&ukey->rules);
    xin.rules = &ukey->rules;
    pthread_rwlock_unlock(&xlate_rwlock);

    ofpbuf_use_stub(&actions, stub, sizeof stub);
    ok = !xlate_actions(&xin, &xout, &actions)
         && actions.size == flow->actions_len
         && (!actions.size
             || !memcmp(actions.data, flow->actions, actions.size))
         && mask_covers(&flow->mask, &xout.wc);
    ofpbuf_uninit(&actions);
    return ok;
}

static uint64_t
backer_mac_seq(const struct dpif_backer *backer)
{
    const struct ofproto_dpif *p;
    uint64_t sum = 0;

    HMAP_FOR_EACH (p, node, &all_ofproto_dpifs) {
        if (p->backer == backer) {
            sum += mac_learning_get_seq(p->ml);
        }
    }
    return sum;
}

/* One pass over the datapath's flows.  With 'full', each is translated
 * again; otherwise only statistics and expiry. */
static void
backer_revalidate(struct dpif_backer *backer, bool full, bool purge)
{
    static uint64_t dump_seq;
    long long int now = time_msec();
    long long int start = now;
    struct dpif_flow_dump *dump;
    struct dpif_flow flows[64];
    struct ukey *ukey, *next;
    uint64_t n_flows = 0;
    uint64_t target = backer->need_revalidate;
    int n;

    dump_seq++;
    if (full) {
        /* No upcall may install a flow translated from older tables while
         * this pass runs, or after it has checked the flows. */
        dpif_disable_upcall(backer->dpif);
        n_revalidations++;
    }
    backer_adopt_new_ukeys(backer, dump_seq);
    dump = dpif_flow_dump_create(backer->dpif);
    while ((n = dpif_flow_dump_next(dump, flows, ARRAY_SIZE(flows))) > 0) {
        for (int i = 0; i < n; i++) {
            const struct dpif_flow *f = &flows[i];
            bool translated = false;
            bool keep = true;

            n_flows++;
            ukey = ukey_lookup(backer, &f->ufid);
            if (!ukey) {
                ukey = xzalloc(sizeof *ukey);
                ukey->ufid = f->ufid;
                xlate_rules_init(&ukey->rules);
                hmap_insert(&backer->ukeys, &ukey->node, f->ufid.u32[0]);
                /* First sight: learn which rules it goes through. */
                keep = revalidate_flow(backer, f, ukey) || !full;
                translated = true;
            }
            ukey->dump_seq = dump_seq;
            push_stats(ukey, f);
            if (purge) {
                keep = false;
            } else if (full && keep && !translated) {
                keep = revalidate_flow(backer, f, ukey);
            }
            if (keep) {
                long long int used = f->stats.used ? f->stats.used
                                                   : now;

                if (now - used > MAX_IDLE
                    || n_flows > backer->flow_limit) {
                    keep = false;
                }
            }
            if (!keep) {
                struct dpif_flow_stats stats;

                if (!dpif_flow_del(backer->dpif, NULL, NULL, &f->ufid,
                                   &stats)) {
                    struct dpif_flow last = *f;

                    last.stats = stats;
                    push_stats(ukey, &last);
                    n_flows_deleted++;
                }
                ukey_destroy(backer, ukey);
            }
        }
    }
    dpif_flow_dump_destroy(dump);
    if (full) {
        backer->revalidated = target;
        dpif_enable_upcall(backer->dpif);
    }

    /* Forget flows the datapath no longer has. */
    HMAP_FOR_EACH_SAFE (ukey, next, node, &backer->ukeys) {
        if (ukey->dump_seq != dump_seq) {
            ukey_destroy(backer, ukey);
        }
    }
    backer->n_flows = n_flows;
    backer->max_flows = MAX(backer->max_flows, n_flows);
    backer->avg_flows = (backer->avg_flows + n_flows) / 2;
    backer->dump_duration = time_msec() - start;
}

static void
backer_run(struct dpif_backer *backer)
{
    long long int now = time_msec();
    uint64_t mac_seq = backer_mac_seq(backer);

    if (mac_seq != backer->last_mac_seq) {
        backer->last_mac_seq = mac_seq;
        backer->need_revalidate++;
    }
    dpif_run(backer->dpif);
    if (backer->need_revalidate != backer->revalidated) {
        backer_revalidate(backer, true, false);
        backer->next_dump = now + REVALIDATE_INTERVAL;
    } else if (now >= backer->next_dump) {
        backer_revalidate(backer, false, false);
        backer->next_dump = now + REVALIDATE_INTERVAL;
    }
}

/* ofproto_class. */

static int
construct(struct ofproto *up)
{
    struct ofproto_dpif *ofproto = xzalloc(sizeof *ofproto);

    ofproto->backer = backer_get(ofproto_get_type(up));
    if (!ofproto->backer) {
        free(ofproto);
        return ENODEV;
    }
    unixctl_register();
    ofproto->up = up;
    ofproto->name = xstrdup(ofproto_get_name(up));
    ofproto->index = next_index++;
    ofproto->ml = mac_learning_create(MAC_ENTRY_DEFAULT_IDLE_TIME);
    hmap_init(&ofproto->ports);
    pthread_rwlock_wrlock(&xlate_rwlock);
    hmap_insert(&all_ofproto_dpifs, &ofproto->node, hash_pointer(up, 0));
    pthread_rwlock_unlock(&xlate_rwlock);
    return 0;
}

static void
destruct(struct ofproto *up)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);
    struct dpif_backer *backer;

    if (!ofproto) {
        return;
    }
    backer = ofproto->backer;
    pthread_rwlock_wrlock(&xlate_rwlock);
    hmap_remove(&all_ofproto_dpifs, &ofproto->node);
    pthread_rwlock_unlock(&xlate_rwlock);
    /* Flows through this bridge must go before its memory does. */
    backer_need_revalidate(backer);
    backer_revalidate(backer, true, false);
    cls_rcu_synchronize();
    mac_learning_destroy(ofproto->ml);
    hmap_destroy(&ofproto->ports);
    free(ofproto->name);
    free(ofproto);
    backer_unref(backer);
}

static int
run(struct ofproto *up)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);

    if (!ofproto) {
        return 0;
    }
    if (mac_learning_run(ofproto->ml)) {
        backer_need_revalidate(ofproto->backer);
    }
    /* Run each backer once per main-loop pass: by its first bridge. */
    struct ofproto_dpif *first = NULL, *p;
    HMAP_FOR_EACH (p, node, &all_ofproto_dpifs) {
        if (p->backer == ofproto->backer
            && (!first || p->index < first->index)) {
            first = p;
        }
    }
    if (first == ofproto) {
        backer_run(ofproto->backer);
    }
    if (ofproto->backer->revalidated == ofproto->backer->need_revalidate
        && ofproto->synced_seq != ofproto->wanted_seq) {
        __atomic_store_n(&ofproto->synced_seq, ofproto->wanted_seq,
                         __ATOMIC_RELEASE);
        poll_immediate_wake();
    }
    return 0;
}

static void
wait_(struct ofproto *up)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);

    if (!ofproto) {
        return;
    }
    mac_learning_wait(ofproto->ml);
    dpif_wait(ofproto->backer->dpif);
    poll_timer_wait_until(ofproto->backer->next_dump);
    if (ofproto->backer->revalidated != ofproto->backer->need_revalidate
        || ofproto->synced_seq != ofproto->wanted_seq) {
        poll_immediate_wake();
    }
}

static int
port_add(struct ofproto *up, struct ofport *ofport)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);
    struct ofport_dpif *port;
    odp_port_t odp_port = ODPP_NONE;

    if (!ofproto) {
        return ENODEV;
    }
    if (ofport->netdev) {
        struct dpif_port dp_port;
        const char *name = netdev_get_name(ofport->netdev);

        if (!dpif_port_query_by_name(ofproto->backer->dpif, name,
                                     &dp_port)) {
            /* Left over from an earlier run (or the local port of the
             * datapath itself): take it over. */
            odp_port = dp_port.port_no;
            dpif_port_destroy(&dp_port);
        } else {
            int error = dpif_port_add(ofproto->backer->dpif, ofport->netdev,
                                      &odp_port);

            if (error) {
                return error;
            }
        }
    }

    port = xzalloc(sizeof *port);
    port->ofproto = ofproto;
    port->up = ofport;
    port->ofp_port = ofport->ofp_port;
    port->odp_port = odp_port;
    port->name = xstrdup(ofport->pp.name);
    port->vlan_mode = PORT_VLAN_TRUNK;
    port->tag = -1;
    port->all_trunks = true;

    pthread_rwlock_wrlock(&xlate_rwlock);
    hmap_insert(&ofproto->ports, &port->ofp_node,
                hash_int(port->ofp_port, 0));
    if (odp_port != ODPP_NONE) {
        hmap_insert(&ofproto->backer->odp_ports, &port->odp_node,
                    hash_int(odp_port, 0));
    }
    pthread_rwlock_unlock(&xlate_rwlock);
    backer_need_revalidate(ofproto->backer);
    return 0;
}

static void
port_del(struct ofproto *up, struct ofport *ofport)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);
    struct ofport_dpif *port;

    if (!ofproto) {
        return;
    }
    port = ofproto_dpif_port(ofproto, ofport->ofp_port);
    if (!port) {
        return;
    }
    pthread_rwlock_wrlock(&xlate_rwlock);
    hmap_remove(&ofproto->ports, &port->ofp_node);
    if (port->odp_port != ODPP_NONE) {
        hmap_remove(&ofproto->backer->odp_ports, &port->odp_node);
    }
    pthread_rwlock_unlock(&xlate_rwlock);
    mac_learning_flush_port(ofproto->ml, port);
    if (port->odp_port != ODPP_NONE && port->odp_port != ODPP_LOCAL) {
        dpif_port_del(ofproto->backer->dpif, port->odp_port);
    }
    backer_need_revalidate(ofproto->backer);
    /* Translations in progress may still hold 'port'. */
    pthread_rwlock_wrlock(&xlate_rwlock);
    pthread_rwlock_unlock(&xlate_rwlock);
    free(port->name);
    free(port->peer);
    free(port);
}

static int
port_get_stats(const struct ofport *ofport, struct ofputil_port_stats *ps)
{
    struct netdev_stats st;

    if (!ofport->netdev || netdev_get_stats(ofport->netdev, &st)) {
        return EOPNOTSUPP;
    }
    ps->port_no = ofport->ofp_port;
    ps->rx_packets = st.rx_packets;
    ps->tx_packets = st.tx_packets;
    ps->rx_bytes = st.rx_bytes;
    ps->tx_bytes = st.tx_bytes;
    ps->rx_dropped = st.rx_dropped;
    ps->tx_dropped = st.tx_dropped;
    ps->rx_errors = st.rx_errors;
    ps->tx_errors = st.tx_errors;
    ps->rx_frame_errors = st.rx_frame_errors;
    ps->rx_over_errors = st.rx_over_errors;
    ps->rx_crc_errors = st.rx_crc_errors;
    ps->collisions = st.collisions;
    return 0;
}

static void
port_reconfigured(struct ofport *ofport,
                  enum ofputil_port_config old_config SVS_UNUSED)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(ofport->ofproto);

    if (ofproto) {
        backer_need_revalidate(ofproto->backer);
    }
}

static void
tables_changed(struct ofproto *up)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);

    if (ofproto) {
        ofproto->wanted_seq = up->tables_seq;
        backer_need_revalidate(ofproto->backer);
    }
}

static uint64_t
get_synced_seq(const struct ofproto *up)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);

    return ofproto ? __atomic_load_n(&ofproto->synced_seq, __ATOMIC_ACQUIRE)
                   : up->tables_seq;
}

/* Revalidates now what run() would on its next pass, so that a barrier
 * reply need not wait for it. */
static void
sync_datapath(struct ofproto *up)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);

    if (!ofproto) {
        return;
    }
    struct dpif_backer *backer = ofproto->backer;
    if (backer->need_revalidate != backer->revalidated) {
        backer_revalidate(backer, true, false);
        backer->next_dump = time_msec() + REVALIDATE_INTERVAL;
    }
    if (backer->revalidated == backer->need_revalidate
        && ofproto->synced_seq != ofproto->wanted_seq) {
        __atomic_store_n(&ofproto->synced_seq, ofproto->wanted_seq,
                         __ATOMIC_RELEASE);
    }
}

static enum ofperr
packet_out(struct ofproto *up, const struct ofputil_packet_out *po,
           const struct flow *flow)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);
    uint64_t stub[1024 / 8];
    struct ofpbuf actions;
    struct xlate_out xout;
    struct xlate_in xin;
    struct dp_packet *packet;
    struct dpif_execute execute;
    const struct ofport_dpif *in;
    int error;

    if (!ofproto) {
        return OFPERR_OFPBRC_EPERM;
    }
    memset(&xin, 0, sizeof xin);
    xin.ofproto = ofproto;
    xin.flow = *flow;
    xin.ofpacts = po->ofpacts;
    xin.ofpacts_len = po->ofpacts_len;
    xin.may_learn = true;
    xin.allow_side_effects = true;
    packet = dp_packet_clone_data(po->packet, po->packet_len);
    xin.packet = packet;

    ofpbuf_use_stub(&actions, stub, sizeof stub);
    xlate_actions(&xin, &xout, &actions);

    pthread_rwlock_rdlock(&xlate_rwlock);
    in = ofproto_dpif_port(ofproto, flow->in_port);
    packet->in_port = in && in->odp_port != ODPP_NONE ? in->odp_port
                                                     : ODPP_LOCAL;
    pthread_rwlock_unlock(&xlate_rwlock);

    memset(&execute, 0, sizeof execute);
    execute.actions = actions.data;
    execute.actions_len = actions.size;
    execute.packet = packet;
    execute.flow = flow;
    error = dp_packet_size(packet) >= ETH_HEADER_LEN && actions.size
            ? dpif_execute(ofproto->backer->dpif, &execute) : 0;
    if (error) {
        VLOG_WARN_RL(&rl, "%s: packet-out failed (%s)", ofproto->name,
                     strerror(error));
    }
    n_packet_outs++;
    ofpbuf_uninit(&actions);
    dp_packet_delete(packet);
    return 0;
}

static void
group_changed(struct ofproto *up, const struct ofgroup *group SVS_UNUSED,
              const struct ofgroup *old SVS_UNUSED)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);

    if (ofproto) {
        backer_need_revalidate(ofproto->backer);
    }
}

static void
get_memory_usage(const struct ofproto *up, struct smap *usage)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);

    if (ofproto) {
        smap_add_format(usage, "udpif keys", "%zu",
                        hmap_count(&ofproto->backer->ukeys));
        smap_add_format(usage, "ports", "%zu", hmap_count(&ofproto->ports));
    }
}

const struct ofproto_class ofproto_dpif_class = {
    .type = "netdev",
    .construct = construct,
    .destruct = destruct,
    .run = run,
    .wait = wait_,
    .port_add = port_add,
    .port_del = port_del,
    .port_get_stats = port_get_stats,
    .port_reconfigured = port_reconfigured,
    .tables_changed = tables_changed,
    .get_synced_seq = get_synced_seq,
    .sync_datapath = sync_datapath,
    .packet_out = packet_out,
    .group_changed = group_changed,
    .get_memory_usage = get_memory_usage,
};

/* Configuration from the bridge. */

void
ofproto_dpif_set_port_vlan(struct ofproto *up, ofp_port_t ofp_port,
                           const struct ofproto_port_vlan *vlan)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);
    struct ofport_dpif *port = ofproto ? ofproto_dpif_port(ofproto, ofp_port)
                                       : NULL;
    uint64_t trunks[VLAN_BITMAP_WORDS];
    bool all = !vlan->n_trunks;

    if (!port) {
        return;
    }
    memset(trunks, 0, sizeof trunks);
    for (size_t i = 0; i < vlan->n_trunks; i++) {
        int64_t v = vlan->trunks[i];

        if (v >= 0 && v < 4096) {
            trunks[v / 64] |= UINT64_C(1) << (v % 64);
        }
    }
    if (port->vlan_mode == vlan->mode && port->tag == vlan->tag
        && port->all_trunks == all
        && !memcmp(port->trunks, trunks, sizeof trunks)) {
        return;
    }
    pthread_rwlock_wrlock(&xlate_rwlock);
    port->vlan_mode = vlan->mode;
    port->tag = vlan->tag;
    port->all_trunks = all;
    memcpy(port->trunks, trunks, sizeof trunks);
    pthread_rwlock_unlock(&xlate_rwlock);
    mac_learning_flush_port(ofproto->ml, port);
    backer_need_revalidate(ofproto->backer);
}

void
ofproto_dpif_set_patch_peer(struct ofproto *up, ofp_port_t ofp_port,
                            const char *peer)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);
    struct ofport_dpif *port = ofproto ? ofproto_dpif_port(ofproto, ofp_port)
                                       : NULL;

    if (!port || (port->peer && peer && !strcmp(port->peer, peer))) {
        return;
    }
    pthread_rwlock_wrlock(&xlate_rwlock);
    free(port->peer);
    port->peer = peer ? xstrdup(peer) : NULL;
    pthread_rwlock_unlock(&xlate_rwlock);
    backer_need_revalidate(ofproto->backer);
}

void
ofproto_dpif_set_mac_config(struct ofproto *up, unsigned int idle_time,
                            size_t max_entries)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);

    if (ofproto) {
        mac_learning_set_idle_time(ofproto->ml, idle_time);
        mac_learning_set_max_entries(ofproto->ml, max_entries);
    }
}

void
ofproto_dpif_set_flow_limit(unsigned int limit)
{
    struct dpif_backer *backer;

    flow_limit = limit ? limit : DEFAULT_FLOW_LIMIT;
    HMAP_FOR_EACH (backer, node, &all_backers) {
        backer->flow_limit = flow_limit;
    }
}

odp_port_t
ofproto_dpif_get_odp_port(const struct ofproto *up, ofp_port_t ofp_port)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_cast(up);
    struct ofport_dpif *port = ofproto ? ofproto_dpif_port(ofproto, ofp_port)
                                       : NULL;

    return port ? port->odp_port : ODPP_NONE;
}

/* unixctl commands. */

static struct ofproto_dpif *
lookup_bridge(struct unixctl_conn *conn, const char *name)
{
    struct ofproto_dpif *ofproto = ofproto_dpif_by_name(name);

    if (!ofproto) {
        unixctl_command_reply_error(conn, "no such bridge");
    }
    return ofproto;
}

static void
unixctl_fdb_show(struct unixctl_conn *conn, int argc SVS_UNUSED,
                 const char *argv[], void *aux SVS_UNUSED)
{
    struct ofproto_dpif *ofproto = lookup_bridge(conn, argv[1]);
    struct ds s = DS_EMPTY_INITIALIZER;

    if (ofproto) {
        mac_learning_format(ofproto->ml, &s);
        unixctl_command_reply(conn, ds_cstr(&s));
    }
    ds_destroy(&s);
}

static void
unixctl_fdb_stats_show(struct unixctl_conn *conn, int argc SVS_UNUSED,
                       const char *argv[], void *aux SVS_UNUSED)
{
    struct ofproto_dpif *ofproto = lookup_bridge(conn, argv[1]);
    struct ds s = DS_EMPTY_INITIALIZER;

    if (ofproto) {
        mac_learning_format_stats(ofproto->ml, ofproto->name, &s);
        unixctl_command_reply(conn, ds_cstr(&s));
    }
    ds_destroy(&s);
}

static void
unixctl_fdb_flush(struct unixctl_conn *conn, int argc, const char *argv[],
                  void *aux SVS_UNUSED)
{
    struct ofproto_dpif *ofproto;

    if (argc > 1) {
        ofproto = lookup_bridge(conn, argv[1]);
        if (!ofproto) {
            return;
        }
        mac_learning_flush(ofproto->ml);
    } else {
        HMAP_FOR_EACH (ofproto, node, &all_ofproto_dpifs) {
            mac_learning_flush(ofproto->ml);
        }
    }
    unixctl_command_reply(conn, "table successfully flushed");
}

static int
compare_ports_by_name(const void *a_, const void *b_)
{
    const struct ofport_dpif *const *a = a_, *const *b = b_;

    return strcmp((*a)->name, (*b)->name);
}

static void
unixctl_dpif_show(struct unixctl_conn *conn, int argc SVS_UNUSED,
                  const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct dpif_backer *backer;

    HMAP_FOR_EACH (backer, node, &all_backers) {
        struct dpif_dp_stats stats;
        struct ofproto_dpif *ofproto;

        dpif_get_dp_stats(backer->dpif, &stats);
        ds_put_format(&s, "%s: hit:%"PRIu64" missed:%"PRIu64"\n",
                      dpif_name(backer->dpif), stats.n_hit, stats.n_missed);
        HMAP_FOR_EACH (ofproto, node, &all_ofproto_dpifs) {
            struct ofport_dpif **ports, *port;
            size_t n = 0;

            if (ofproto->backer != backer) {
                continue;
            }
            ds_put_format(&s, "  %s:\n", ofproto->name);
            ports = xmalloc((hmap_count(&ofproto->ports) + 1)
                            * sizeof *ports);
            HMAP_FOR_EACH (port, ofp_node, &ofproto->ports) {
                ports[n++] = port;
            }
            qsort(ports, n, sizeof *ports, compare_ports_by_name);
            for (size_t i = 0; i < n; i++) {
                struct dpif_port dp_port;

                port = ports[i];
                ds_put_format(&s, "    %s %u/", port->name,
                              port->ofp_port == OFPP_LOCAL ? 65534
                              : port->ofp_port);
                if (port->odp_port != ODPP_NONE) {
                    ds_put_format(&s, "%"PRIu32":", port->odp_port);
                } else {
                    ds_put_cstr(&s, "none:");
                }
                if (port->peer) {
                    ds_put_format(&s, " (patch: peer=%s)", port->peer);
                } else if (!dpif_port_query_by_number(backer->dpif,
                                                      port->odp_port,
                                                      &dp_port)) {
                    ds_put_format(&s, " (%s)",
                                  !strcmp(dp_port.type, "internal")
                                  ? "tap" : dp_port.type);
                    dpif_port_destroy(&dp_port);
                }
                ds_put_char(&s, '\n');
            }
            free(ports);
        }
    }
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
unixctl_dpif_dump_flows(struct unixctl_conn *conn, int argc,
                        const char *argv[], void *aux SVS_UNUSED)
{
    struct ofproto_dpif *ofproto;
    struct odp_portno_names *names;
    struct ds s = DS_EMPTY_INITIALIZER;
    struct dpif_flow_dump *dump;
    struct dpif_flow flows[64];
    bool verbose = false;
    const char *br = NULL;
    int n;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-m")) {
            verbose = true;
        } else {
            br = argv[i];
        }
    }
    if (!br) {
        unixctl_command_reply_error(conn, "bridge name required");
        return;
    }
    ofproto = lookup_bridge(conn, br);
    if (!ofproto) {
        return;
    }
    names = odp_portno_names_create();
    dump = dpif_flow_dump_create(ofproto->backer->dpif);
    while ((n = dpif_flow_dump_next(dump, flows, ARRAY_SIZE(flows))) > 0) {
        for (int i = 0; i < n; i++) {
            const struct ofport_dpif *in;

            pthread_rwlock_rdlock(&xlate_rwlock);
            in = ofproto_dpif_port_by_odp(ofproto->backer,
                                          flows[i].key.in_port);
            pthread_rwlock_unlock(&xlate_rwlock);
            if (!in || in->ofproto != ofproto) {
                continue;
            }
            dpif_flow_format(&flows[i], names, verbose, &s);
            ds_put_char(&s, '\n');
        }
    }
    dpif_flow_dump_destroy(dump);
    odp_portno_names_destroy(names);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
unixctl_upcall_show(struct unixctl_conn *conn, int argc SVS_UNUSED,
                    const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct dpif_backer *backer;

    HMAP_FOR_EACH (backer, node, &all_backers) {
        ds_put_format(&s, "%s:\n", dpif_name(backer->dpif));
        ds_put_format(&s, "  flows         : (current %"PRIu64") (avg %"
                      PRIu64") (max %"PRIu64") (limit %u)\n",
                      backer->n_flows, backer->avg_flows, backer->max_flows,
                      backer->flow_limit);
        ds_put_format(&s, "  dump duration : %lldms\n",
                      backer->dump_duration);
        ds_put_cstr(&s, "  ufid enabled : true\n");
        ds_put_format(&s, "\n  %d: (keys %zu)\n", 0,
                      hmap_count(&backer->ukeys));
    }
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
unixctl_revalidator_purge(struct unixctl_conn *conn, int argc SVS_UNUSED,
                          const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    struct dpif_backer *backer;

    HMAP_FOR_EACH (backer, node, &all_backers) {
        backer_revalidate(backer, true, true);
    }
    unixctl_command_reply(conn, NULL);
}

static void
unixctl_coverage_show(struct unixctl_conn *conn, int argc SVS_UNUSED,
                      const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_cstr(&s, "Event coverage (totals since start):\n");
    ds_put_format(&s, "upcall_handled             total: %"PRIu64"\n",
                  __atomic_load_n(&n_upcalls, __ATOMIC_RELAXED));
    ds_put_format(&s, "upcall_translation_error   total: %"PRIu64"\n",
                  __atomic_load_n(&n_upcall_errors, __ATOMIC_RELAXED));
    ds_put_format(&s, "revalidate_full            total: %"PRIu64"\n",
                  n_revalidations);
    ds_put_format(&s, "dpif_flow_del              total: %"PRIu64"\n",
                  n_flows_deleted);
    ds_put_format(&s, "packet_in                  total: %"PRIu64"\n",
                  __atomic_load_n(&n_packet_ins, __ATOMIC_RELAXED));
    ds_put_format(&s, "packet_out                 total: %"PRIu64"\n",
                  n_packet_outs);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

/* ofproto/trace [DP] BRIDGE FLOW [PACKET]. */
static void
unixctl_trace(struct unixctl_conn *conn, int argc, const char *argv[],
              void *aux SVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct ofproto_dpif *ofproto;
    const char *flow_s = argv[argc - 1];
    const char *br_name = argv[1];
    struct xlate_out xout;
    struct xlate_in xin;
    struct ofpbuf actions;
    struct flow flow;
    char *copy, *error;

    if (argc == 4) {
        br_name = argv[1];
        flow_s = argv[2];
    } else if (argc == 2) {
        /* Only a flow: the one bridge. */
        if (hmap_count(&all_ofproto_dpifs) != 1) {
            unixctl_command_reply_error(conn, "Must specify bridge name");
            return;
        }
        ofproto = CONTAINER_OF(hmap_first(&all_ofproto_dpifs),
                               struct ofproto_dpif, node);
        br_name = ofproto->name;
    }
    ofproto = lookup_bridge(conn, br_name);
    if (!ofproto) {
        return;
    }

    /* Port names in "in_port=NAME" become numbers. */
    copy = xstrdup(flow_s);
    {
        char *p = strstr(copy, "in_port=");

        if (p) {
            char *v = p + strlen("in_port=");
            size_t len = strcspn(v, ", ");
            char *name = xmemdup0(v, len);
            struct ofport_dpif *port;

            HMAP_FOR_EACH (port, ofp_node, &ofproto->ports) {
                if (!strcmp(port->name, name)) {
                    char *new = xasprintf("%.*s%u%s", (int) (v - copy), copy,
                                          port->ofp_port, v + len);
                    free(copy);
                    copy = new;
                    break;
                }
            }
            free(name);
        }
    }
    error = flow_parse_exact(&flow, copy);
    free(copy);
    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
        return;
    }

    memset(&xin, 0, sizeof xin);
    xin.ofproto = ofproto;
    xin.flow = flow;
    xin.trace = &s;

    ds_put_cstr(&s, "Flow: ");
    flow_format(&s, &flow);
    ds_put_format(&s, "\n\nbridge(\"%s\")\n-------------\n", ofproto->name);
    ofpbuf_init(&actions, 256);
    if (xlate_actions(&xin, &xout, &actions)) {
        ds_put_cstr(&s, "No input port: dropping\n");
        flow_wildcards_init_catchall(&xout.wc);
        xout.final_flow = flow;
    }

    ds_put_cstr(&s, "\nFinal flow: ");
    if (flow_equal(&flow, &xout.final_flow)) {
        ds_put_cstr(&s, "unchanged");
    } else {
        flow_format(&s, &xout.final_flow);
    }
    ds_put_cstr(&s, "\nMegaflow: ");
    {
        struct match match;

        xout.wc.masks.recirc_id = UINT32_MAX;
        match_init(&match, &flow, &xout.wc);
        match_format(&match, &s, MATCH_DEFAULT_PRIORITY);
    }
    ds_put_cstr(&s, "\nDatapath actions: ");
    format_odp_actions(&s, actions.data, actions.size, NULL);
    ds_put_char(&s, '\n');
    ofpbuf_uninit(&actions);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
unixctl_register(void)
{
    static bool registered;

    if (registered) {
        return;
    }
    registered = true;
    unixctl_command_register("fdb/show", "bridge", 1, 1, unixctl_fdb_show,
                             NULL);
    unixctl_command_register("fdb/stats-show", "bridge", 1, 1,
                             unixctl_fdb_stats_show, NULL);
    unixctl_command_register("fdb/flush", "[bridge]", 0, 1,
                             unixctl_fdb_flush, NULL);
    unixctl_command_register("dpif/show", "", 0, 0, unixctl_dpif_show,
                             NULL);
    unixctl_command_register("dpif/dump-flows", "[-m] bridge", 1, 2,
                             unixctl_dpif_dump_flows, NULL);
    unixctl_command_register("upcall/show", "", 0, 0, unixctl_upcall_show,
                             NULL);
    unixctl_command_register("revalidator/purge", "", 0, 0,
                             unixctl_revalidator_purge, NULL);
    unixctl_command_register("coverage/show", "", 0, 0,
                             unixctl_coverage_show, NULL);
    unixctl_command_register("ofproto/trace", "[dp] bridge br_flow", 1, 3,
                             unixctl_trace, NULL);
}
