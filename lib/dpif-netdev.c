/* dpif-netdev.c: the userspace datapath (datapath type "netdev").
 *
 * What: a datapath that lives inside the process that opens it: ports are
 * netdevs (netdev.h), poll threads receive packets from their receive
 * queues in batches, look each packet up in a per-thread exact-match cache
 * (EMC) and then in the megaflow classifier, and execute the flow's
 * datapath actions (odp-execute.h).  A packet that matches no megaflow is
 * handed to the upcall callback (dpif.h) in the poll thread itself; the
 * callback returns the actions and the megaflow mask, and the poll thread
 * installs the megaflow and executes the actions.
 *
 * Design:
 *   - Datapaths are named; each has port 0, its local port, an internal
 *     device with the datapath's name.  Every dpif_open() of the same
 *     name shares one 'struct dp_netdev' (reference counted).
 *   - Megaflows are in one lib/classifier (priority 0, one version) that
 *     poll threads read under RCU; writers (upcalls in poll threads,
 *     flow_put/del from the main thread) serialize on 'flow_mutex'.  A
 *     hash by ufid finds flows for get/del.  A flow is freed after an RCU
 *     grace period once its last reference (the table's, and one per EMC
 *     entry) is gone.
 *   - The EMC is per poll thread: 'EMC_ENTRIES' slots indexed by the hash
 *     of the whole extracted key, each holding a reference to a flow; a
 *     dead flow found there is evicted.
 *   - Ports: 'port_mutex' guards the port map.  Poll threads work on their
 *     own snapshot (which receive queues to poll, which ports to send to)
 *     that the main thread makes them reload: after a deletion at once,
 *     waiting for them, so that a port's queues are closed only after no
 *     thread polls them; after additions at the next dpif_run() (or when a
 *     poll thread idles), without waiting.
 *   - Output: a poll thread queues what it sends per port and sends at the
 *     end of each batch it received.
 *   - Statistics: per flow with atomic adds (several threads may hit one
 *     megaflow), per thread for hits, misses and losses.
 *
 * Thread-safety: as dpif.h promises; see the locks above. */
#include <config.h>
#include "dpif-provider.h"

#include <errno.h>
#include <inttypes.h>
#include <linux/openvswitch.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <urcu/urcu-bp.h>
#include "classifier.h"
#include "cls-rcu.h"
#include "dp-packet.h"
#include "dynamic-string.h"
#include "flow.h"
#include "hash.h"
#include "hmap.h"
#include "latch.h"
#include "netdev.h"
#include "netlink.h"
#include "odp-execute.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "packets.h"
#include "poll-loop.h"
#include "shash.h"
#include "smap.h"
#include "sset.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(dpif_netdev);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 20);

#define MAX_PORTS 65535
#define MAX_FLOWS 200000            /* Megaflows per datapath. */
#define MAX_RECIRC_DEPTH 6
#define EMC_SHIFT 13
#define EMC_ENTRIES (1u << EMC_SHIFT)
#define EMC_MASK (EMC_ENTRIES - 1)
#define DEFAULT_N_PMDS 1
#define MAX_PMDS 64
#define IDLE_SPINS 64               /* Empty polls before sleeping. */

/* Datapath actions of a flow, immutable once published. */
struct dp_netdev_actions {
    struct rcu_head rcu;
    size_t size;
    struct nlattr actions[];
};

/* The megaflow cache ("dpcls"): megaflows grouped by mask into subtables,
 * each a hash table of masked keys.  A lookup probes each subtable once;
 * there are no priorities (megaflows do not overlap, and where they do
 * any of them is right) and none of lib/classifier's wildcard tracking,
 * which the datapath does not need, so that installing a megaflow on the
 * miss path is cheap.  Readers (poll threads) walk it under RCU; writers
 * hold 'flow_mutex'.  A bucket array is replaced as a whole when it
 * grows, with new chain nodes, so that readers always see a consistent
 * chain. */
struct dpcls_node {
    struct dpcls_node *next;        /* RCU. */
    uint32_t hash;
    struct dp_netdev_flow *flow;
    struct rcu_head rcu;
};

struct dpcls_buckets {
    struct rcu_head rcu;
    size_t mask;                    /* Number of buckets - 1. */
    struct dpcls_node *b[];         /* RCU. */
};

struct dpcls_subtable {
    struct rcu_head rcu;
    uint64_t map;                   /* Words of the mask that are nonzero. */
    int n_words;                    /* count_1bits('map'). */
    uint8_t idx[FLOW_U64S];         /* Their positions. */
    uint64_t mask[FLOW_U64S];       /* Their values. */
    struct dpcls_buckets *buckets;  /* RCU. */
    size_t n_flows;                 /* Writer only. */
};

/* The published set of subtables, replaced as a whole. */
struct dpcls_vec {
    struct rcu_head rcu;
    size_t n;
    struct dpcls_subtable *st[];
};

/* A megaflow.  Its masked key and mask are only in 'cr', in compact form
 * (a full 'struct flow' of each would make the flow several times larger
 * and slower to allocate on the miss path); 'cr' is never in a
 * classifier. */
struct dp_netdev_flow {
    struct cls_rule cr;             /* Key and mask. */
    struct dpcls_node *node;        /* In its subtable, under flow_mutex. */
    struct hmap_node ufid_node;     /* In 'dp->flows', under flow_mutex. */
    svs_u128 ufid;
    struct dp_netdev_actions *actions;  /* RCU. */
    int pmd_id;                     /* Thread that installed it, or -1. */
    bool dead;                      /* Removed from the table. */
    int ref_cnt;                    /* Atomic. */
    struct rcu_head rcu;

    /* Statistics, updated with atomic adds. */
    uint64_t n_packets;
    uint64_t n_bytes;
    long long int used;
    uint16_t tcp_flags;
};

/* A port. */
struct dp_netdev_port {
    struct hmap_node node;          /* In 'dp->ports' by port_no. */
    odp_port_t port_no;
    struct netdev *netdev;
    char *type;
    int n_rxq;
    struct netdev_rxq **rxqs;
    pthread_mutex_t tx_mutex;       /* Serializes sends on one queue. */
};

/* A port a poll thread may send to, in its own snapshot.  Packets a poll
 * thread outputs wait in 'out' until the end of the batch it is working on
 * (or until 'out' is full), so that a batch of misses, executed one packet
 * at a time, still leaves in one send per port. */
struct pmd_tx_port {
    struct hmap_node node;          /* In 'pmd->tx_ports' by port_no. */
    odp_port_t port_no;
    struct netdev *netdev;          /* A reference of its own. */
    struct dp_packet_batch out;     /* Packets waiting to be sent. */
    bool queued;                    /* In 'pmd->out_ports'. */
    struct pmd_tx_port *next_out;   /* Next in 'pmd->out_ports'. */
};

/* One slot of an exact-match cache. */
struct emc_entry {
    uint32_t hash;
    struct dp_netdev_flow *flow;    /* Holds a reference; NULL if empty. */
    struct flow key;
};

/* A poll thread. */
struct dp_netdev_pmd {
    struct dp_netdev *dp;
    int id;
    pthread_t thread;
    struct latch exit_latch;
    struct latch reload_latch;

    /* Reload handshake with the main thread, under 'dp->reload_mutex'. */
    uint64_t reload_seq;            /* Wanted. */
    uint64_t reload_ack;            /* Done. */

    /* The thread's own snapshot, touched only by it. */
    struct netdev_rxq **rxqs;
    odp_port_t *rxq_ports;
    bool *rxq_more;                 /* A full batch came last time. */
    struct pollfd *pfds;            /* One per rxq (fd -1 if none), then
                                     * room for the two latches. */
    size_t n_fds;                   /* rxqs with a descriptor. */
    bool all_have_fds;
    size_t n_rxqs;
    struct hmap tx_ports;           /* pmd_tx_port by port_no. */
    struct pmd_tx_port *out_ports;  /* Ports with packets waiting. */
    uint64_t loaded_port_seq;       /* 'dp->port_seq' of the snapshot. */
    bool exiting;                   /* Atomic: stop the thread. */

    struct emc_entry *emc;

    /* Statistics, written by the thread, read with relaxed loads. */
    uint64_t n_hit, n_missed, n_lost, n_emc_hit, n_mask_hit;
};

struct dp_netdev {
    char *name;
    int ref_cnt;                    /* Under dp_netdev_mutex. */
    bool destroyed;

    pthread_mutex_t port_mutex;
    struct hmap ports;              /* dp_netdev_port by port_no. */
    uint64_t port_seq;              /* Bumped on every port change;
                                     * written under 'port_mutex' with
                                     * atomic stores. */
    bool reload_pending;            /* Atomic: ports were added without a
                                     * reload of the poll threads. */

    pthread_mutex_t flow_mutex;
    struct dpcls_vec *cls;          /* Megaflows, RCU for readers. */
    struct hmap flows;              /* dp_netdev_flow by ufid. */
    int n_flows;

    pthread_rwlock_t upcall_rwlock;
    upcall_callback *upcall_cb;
    void *upcall_aux;

    pthread_mutex_t reload_mutex;
    pthread_cond_t reload_cond;
    struct dp_netdev_pmd *pmds[MAX_PMDS];
    int n_pmds;

    /* Statistics of packets executed outside the poll threads. */
    uint64_t n_lost_other;
};

/* An open dpif on a dp_netdev. */
struct dpif_netdev {
    struct dpif dpif;
    struct dp_netdev *dp;
    uint64_t last_port_seq;
};

static pthread_mutex_t dp_netdev_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct shash dp_netdevs = SHASH_INITIALIZER(&dp_netdevs);

/* What a thread executing actions needs. */
struct exec_ctx {
    struct dp_netdev *dp;
    struct dp_netdev_pmd *pmd;      /* NULL outside poll threads. */
    int depth;                      /* Recirculation depth. */
};

static void dp_netdev_input(struct dp_netdev_pmd *, struct exec_ctx *,
                            struct dp_packet_batch *, bool recirc);
static void dp_netdev_execute(struct exec_ctx *, struct dp_packet_batch *,
                              const struct nlattr *actions, size_t size);
static void dp_netdev_reload_pmds(struct dp_netdev *);

static struct dpif_netdev *
dpif_netdev_cast(const struct dpif *dpif)
{
    return CONTAINER_OF(dpif, struct dpif_netdev, dpif);
}

static struct dp_netdev *
get_dp(const struct dpif *dpif)
{
    return dpif_netdev_cast(dpif)->dp;
}

/* Flows. */

static struct dp_netdev_actions *
actions_create(const struct nlattr *actions, size_t size)
{
    struct dp_netdev_actions *a = xmalloc(sizeof *a + size);

    a->size = size;
    if (size) {
        memcpy(a->actions, actions, size);
    }
    return a;
}

static void
actions_free_rcu(struct rcu_head *rcu)
{
    free(CONTAINER_OF(rcu, struct dp_netdev_actions, rcu));
}

static void
flow_free_rcu(struct rcu_head *rcu)
{
    struct dp_netdev_flow *flow = CONTAINER_OF(rcu, struct dp_netdev_flow,
                                               rcu);

    cls_rule_destroy(&flow->cr);
    free(flow->actions);
    free(flow);
}

static void
flow_ref(struct dp_netdev_flow *flow)
{
    __atomic_fetch_add(&flow->ref_cnt, 1, __ATOMIC_RELAXED);
}

static void
flow_unref(struct dp_netdev_flow *flow)
{
    if (flow && __atomic_sub_fetch(&flow->ref_cnt, 1, __ATOMIC_ACQ_REL) == 0) {
        urcu_bp_call_rcu(&flow->rcu, flow_free_rcu);
    }
}

static void
flow_get_stats(const struct dp_netdev_flow *flow,
               struct dpif_flow_stats *stats)
{
    stats->n_packets = __atomic_load_n(&flow->n_packets, __ATOMIC_RELAXED);
    stats->n_bytes = __atomic_load_n(&flow->n_bytes, __ATOMIC_RELAXED);
    stats->used = __atomic_load_n(&flow->used, __ATOMIC_RELAXED);
    stats->tcp_flags = __atomic_load_n(&flow->tcp_flags, __ATOMIC_RELAXED);
}

static void
flow_clear_stats(struct dp_netdev_flow *flow)
{
    __atomic_store_n(&flow->n_packets, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&flow->n_bytes, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&flow->used, 0, __ATOMIC_RELAXED);
    __atomic_store_n(&flow->tcp_flags, 0, __ATOMIC_RELAXED);
}

static void
flow_credit(struct dp_netdev_flow *flow, uint64_t packets, uint64_t bytes,
            uint16_t tcp_flags, long long int now)
{
    __atomic_fetch_add(&flow->n_packets, packets, __ATOMIC_RELAXED);
    __atomic_fetch_add(&flow->n_bytes, bytes, __ATOMIC_RELAXED);
    __atomic_store_n(&flow->used, now, __ATOMIC_RELAXED);
    if (tcp_flags) {
        __atomic_fetch_or(&flow->tcp_flags, tcp_flags, __ATOMIC_RELAXED);
    }
}

static uint32_t
ufid_hash(const svs_u128 *ufid)
{
    return ufid->u32[0];
}

/* Finds a flow by 'ufid', or by exact masked key and mask.  Caller holds
 * 'flow_mutex'. */
static struct dp_netdev_flow *
flow_find(const struct dp_netdev *dp, const struct flow *key,
          const struct flow_wildcards *mask, const svs_u128 *ufid_)
{
    struct dp_netdev_flow *flow;
    svs_u128 ufid;

    if (!ufid_) {
        if (!key || !mask) {
            return NULL;
        }
        odp_flow_key_hash_ufid(key, mask, &ufid);
        ufid_ = &ufid;
    }
    HMAP_FOR_EACH_WITH_HASH (flow, ufid_node, ufid_hash(ufid_), &dp->flows) {
        if (!memcmp(&flow->ufid, ufid_, sizeof flow->ufid)) {
            return flow;
        }
    }
    return NULL;
}

/* The megaflow cache. */

static const uint64_t *
flow_vals(const struct dp_netdev_flow *flow)
{
    return flow->cr.match->data;
}

static const uint64_t *
flow_masks(const struct dp_netdev_flow *flow, int n_words)
{
    return flow->cr.match->data + n_words;
}

/* The hash of 'key' under 'st''s mask. */
static uint32_t
dpcls_hash(const struct dpcls_subtable *st, const struct flow *key)
{
    const uint64_t *k = (const uint64_t *) key;
    uint32_t hash = st->map;

    for (int i = 0; i < st->n_words; i++) {
        hash = hash_add64(hash, k[st->idx[i]] & st->mask[i]);
    }
    return hash_finish(hash, st->n_words * 8);
}

/* The hash of masked values 'vals' in the layout of 'st'. */
static uint32_t
dpcls_hash_vals(const struct dpcls_subtable *st, const uint64_t *vals)
{
    uint32_t hash = st->map;

    for (int i = 0; i < st->n_words; i++) {
        hash = hash_add64(hash, vals[i]);
    }
    return hash_finish(hash, st->n_words * 8);
}

static bool
dpcls_matches(const struct dpcls_subtable *st, const struct flow *key,
              const uint64_t *vals)
{
    const uint64_t *k = (const uint64_t *) key;

    for (int i = 0; i < st->n_words; i++) {
        if ((k[st->idx[i]] & st->mask[i]) != vals[i]) {
            return false;
        }
    }
    return true;
}

static struct dpcls_buckets *
dpcls_buckets_create(size_t n)
{
    struct dpcls_buckets *b = xzalloc(sizeof *b + n * sizeof b->b[0]);

    b->mask = n - 1;
    return b;
}

static void
dpcls_node_free_rcu(struct rcu_head *rcu)
{
    free(CONTAINER_OF(rcu, struct dpcls_node, rcu));
}

/* Frees a bucket array that readers no longer see, with its nodes. */
static void
dpcls_buckets_free_rcu(struct rcu_head *rcu)
{
    struct dpcls_buckets *b = CONTAINER_OF(rcu, struct dpcls_buckets, rcu);

    for (size_t i = 0; i <= b->mask; i++) {
        struct dpcls_node *node, *next;

        for (node = b->b[i]; node; node = next) {
            next = node->next;
            free(node);
        }
    }
    free(b);
}

static void
dpcls_subtable_free_rcu(struct rcu_head *rcu)
{
    struct dpcls_subtable *st = CONTAINER_OF(rcu, struct dpcls_subtable,
                                             rcu);

    /* Empty: its nodes went one by one. */
    free(st->buckets);
    free(st);
}

static void
dpcls_vec_free_rcu(struct rcu_head *rcu)
{
    free(CONTAINER_OF(rcu, struct dpcls_vec, rcu));
}

/* Publishes a copy of 'dp''s subtables with 'add' added (if nonnull) and
 * 'del' left out (if nonnull). */
static void
dpcls_vec_replace(struct dp_netdev *dp, struct dpcls_subtable *add,
                  const struct dpcls_subtable *del)
{
    struct dpcls_vec *old = dp->cls;
    struct dpcls_vec *vec = xmalloc(sizeof *vec
                                    + (old->n + 1) * sizeof vec->st[0]);

    vec->n = 0;
    for (size_t i = 0; i < old->n; i++) {
        if (old->st[i] != del) {
            vec->st[vec->n++] = old->st[i];
        }
    }
    if (add) {
        vec->st[vec->n++] = add;
    }
    cls_rcu_set(dp->cls, vec);
    urcu_bp_call_rcu(&old->rcu, dpcls_vec_free_rcu);
}

/* Returns the subtable of 'dp' for mask words 'masks' laid out as 'map',
 * creating it if 'create'. */
static struct dpcls_subtable *
dpcls_subtable_find(struct dp_netdev *dp, uint64_t map,
                    const uint64_t *masks, bool create)
{
    struct dpcls_subtable *st;
    int n = count_1bits(map);

    for (size_t i = 0; i < dp->cls->n; i++) {
        st = dp->cls->st[i];
        if (st->map == map
            && !memcmp(st->mask, masks, n * sizeof *masks)) {
            return st;
        }
    }
    if (!create) {
        return NULL;
    }
    st = xzalloc(sizeof *st);
    st->map = map;
    st->n_words = n;
    for (int i = 0; map; map &= map - 1, i++) {
        st->idx[i] = raw_ctz(map);
        st->mask[i] = masks[i];
    }
    st->buckets = dpcls_buckets_create(256);
    dpcls_vec_replace(dp, st, NULL);
    return st;
}

/* Replaces 'st''s buckets by twice as many. */
static void
dpcls_grow(struct dpcls_subtable *st)
{
    struct dpcls_buckets *old = st->buckets;
    struct dpcls_buckets *new = dpcls_buckets_create(2 * (old->mask + 1));

    for (size_t i = 0; i <= old->mask; i++) {
        for (struct dpcls_node *node = old->b[i]; node; node = node->next) {
            struct dpcls_node *copy = xmemdup(node, sizeof *node);
            struct dpcls_node **head = &new->b[copy->hash & new->mask];

            copy->next = *head;
            *head = copy;
            copy->flow->node = copy;
        }
    }
    cls_rcu_set(st->buckets, new);
    urcu_bp_call_rcu(&old->rcu, dpcls_buckets_free_rcu);
}

/* Adds 'flow' to the cache.  Caller holds 'flow_mutex'. */
static void
dpcls_insert(struct dp_netdev *dp, struct dp_netdev_flow *flow)
{
    uint64_t map = flow->cr.match->map;
    int n = count_1bits(map);
    struct dpcls_subtable *st = dpcls_subtable_find(dp, map,
                                                    flow_masks(flow, n),
                                                    true);
    struct dpcls_node *node = xmalloc(sizeof *node);
    struct dpcls_node **head;

    if (st->n_flows >= 2 * (st->buckets->mask + 1)) {
        dpcls_grow(st);
    }
    node->hash = dpcls_hash_vals(st, flow_vals(flow));
    node->flow = flow;
    head = &st->buckets->b[node->hash & st->buckets->mask];
    node->next = *head;
    cls_rcu_set(*head, node);
    flow->node = node;
    st->n_flows++;
}

/* Removes 'flow' from the cache.  Caller holds 'flow_mutex'. */
static void
dpcls_remove(struct dp_netdev *dp, struct dp_netdev_flow *flow)
{
    uint64_t map = flow->cr.match->map;
    int n = count_1bits(map);
    struct dpcls_subtable *st = dpcls_subtable_find(dp, map,
                                                    flow_masks(flow, n),
                                                    false);
    struct dpcls_node *node = flow->node;
    struct dpcls_node **p;

    svs_assert(st);
    p = &st->buckets->b[node->hash & st->buckets->mask];
    while (*p != node) {
        p = &(*p)->next;
    }
    cls_rcu_set(*p, node->next);
    urcu_bp_call_rcu(&node->rcu, dpcls_node_free_rcu);
    flow->node = NULL;
    if (!--st->n_flows) {
        dpcls_vec_replace(dp, NULL, st);
        urcu_bp_call_rcu(&st->rcu, dpcls_subtable_free_rcu);
    }
}

/* Returns the flow in 'dp' whose masked key and mask are exactly 'key'
 * (masked) and 'mask', or NULL.  Caller holds 'flow_mutex'. */
static struct dp_netdev_flow *
dpcls_find_exactly(struct dp_netdev *dp, const struct flow *key,
                   const struct flow_wildcards *mask)
{
    struct cls_rule cr;
    struct dpcls_subtable *st;
    struct dp_netdev_flow *found = NULL;
    int n;

    cls_rule_init(&cr, key, mask, 0);
    n = count_1bits(cr.match->map);
    st = dpcls_subtable_find(dp, cr.match->map, cr.match->data + n, false);
    if (st) {
        uint32_t hash = dpcls_hash_vals(st, cr.match->data);

        for (struct dpcls_node *node = st->buckets->b[hash
                                                      & st->buckets->mask];
             node; node = node->next) {
            if (node->hash == hash
                && !memcmp(flow_vals(node->flow), cr.match->data,
                           n * sizeof(uint64_t))) {
                found = node->flow;
                break;
            }
        }
    }
    cls_rule_destroy(&cr);
    return found;
}

/* Returns a megaflow that matches 'key', or NULL.  Caller is in an RCU
 * read-side section or holds 'flow_mutex'. */
static struct dp_netdev_flow *
flow_lookup(const struct dp_netdev *dp, const struct flow *key)
{
    const struct dpcls_vec *vec = cls_rcu_get(dp->cls);

    for (size_t i = 0; i < vec->n; i++) {
        const struct dpcls_subtable *st = vec->st[i];
        const struct dpcls_buckets *b = cls_rcu_get(st->buckets);
        uint32_t hash = dpcls_hash(st, key);
        const struct dpcls_node *node;

        for (node = cls_rcu_get(b->b[hash & b->mask]); node;
             node = cls_rcu_get(node->next)) {
            if (node->hash == hash
                && dpcls_matches(st, key, flow_vals(node->flow))) {
                return node->flow;
            }
        }
    }
    return NULL;
}

/* Caller holds 'flow_mutex'. */
static void
flow_remove(struct dp_netdev *dp, struct dp_netdev_flow *flow)
{
    dpcls_remove(dp, flow);
    hmap_remove(&dp->flows, &flow->ufid_node);
    dp->n_flows--;
    __atomic_store_n(&flow->dead, true, __ATOMIC_RELEASE);
    flow_unref(flow);
}

/* Installs a new flow with key 'key' (bits outside 'mask' are ignored).
 * Caller holds 'flow_mutex'. */
static struct dp_netdev_flow *
flow_add(struct dp_netdev *dp, const struct flow *key,
         const struct flow_wildcards *mask, const struct nlattr *actions,
         size_t actions_len, const svs_u128 *ufid, int pmd_id)
{
    struct dp_netdev_flow *flow = xzalloc(sizeof *flow);

    cls_rule_init(&flow->cr, key, mask, 0);
    flow->ufid = *ufid;
    flow->actions = actions_create(actions, actions_len);
    flow->pmd_id = pmd_id;
    flow->ref_cnt = 1;
    hmap_insert(&dp->flows, &flow->ufid_node, ufid_hash(ufid));
    dpcls_insert(dp, flow);
    dp->n_flows++;
    return flow;
}

/* EMC. */

static struct emc_entry *
emc_slot(struct dp_netdev_pmd *pmd, uint32_t hash)
{
    return &pmd->emc[hash & EMC_MASK];
}

static struct dp_netdev_flow *
emc_lookup(struct dp_netdev_pmd *pmd, const struct flow *key, uint32_t hash)
{
    struct emc_entry *e = emc_slot(pmd, hash);

    if (e->flow && e->hash == hash && flow_equal(&e->key, key)) {
        if (!__atomic_load_n(&e->flow->dead, __ATOMIC_ACQUIRE)) {
            return e->flow;
        }
        flow_unref(e->flow);
        e->flow = NULL;
    }
    return NULL;
}

static void
emc_insert(struct dp_netdev_pmd *pmd, const struct flow *key, uint32_t hash,
           struct dp_netdev_flow *flow)
{
    struct emc_entry *e = emc_slot(pmd, hash);

    if (e->flow != flow) {
        flow_unref(e->flow);
        flow_ref(flow);
        e->flow = flow;
    }
    e->hash = hash;
    e->key = *key;
}

static void
emc_clear(struct dp_netdev_pmd *pmd)
{
    for (size_t i = 0; i < EMC_ENTRIES; i++) {
        flow_unref(pmd->emc[i].flow);
        pmd->emc[i].flow = NULL;
    }
}

/* Ports. */

static struct dp_netdev_port *
port_lookup(const struct dp_netdev *dp, odp_port_t port_no)
{
    struct dp_netdev_port *port;

    HMAP_FOR_EACH_WITH_HASH (port, node, hash_int(port_no, 0), &dp->ports) {
        if (port->port_no == port_no) {
            return port;
        }
    }
    return NULL;
}

static struct dp_netdev_port *
port_lookup_by_name(const struct dp_netdev *dp, const char *name)
{
    struct dp_netdev_port *port;

    HMAP_FOR_EACH (port, node, &dp->ports) {
        if (!strcmp(netdev_get_name(port->netdev), name)) {
            return port;
        }
    }
    return NULL;
}

static odp_port_t
choose_port(const struct dp_netdev *dp)
{
    for (odp_port_t port_no = 1; port_no < MAX_PORTS; port_no++) {
        if (!port_lookup(dp, port_no)) {
            return port_no;
        }
    }
    return ODPP_NONE;
}

/* Caller holds 'port_mutex'. */
static int
do_add_port(struct dp_netdev *dp, struct netdev *netdev, odp_port_t port_no)
{
    struct dp_netdev_port *port;
    int error = 0;
    int n_rxq;

    if (port_lookup_by_name(dp, netdev_get_name(netdev))) {
        return EEXIST;
    }
    port = xzalloc(sizeof *port);
    port->port_no = port_no;
    port->netdev = netdev_ref(netdev);
    port->type = xstrdup(netdev_get_type(netdev));
    pthread_mutex_init(&port->tx_mutex, NULL);
    n_rxq = netdev_n_rxq(netdev);
    port->rxqs = xcalloc(n_rxq > 0 ? n_rxq : 1, sizeof *port->rxqs);
    for (int i = 0; i < n_rxq; i++) {
        error = netdev_rxq_open(netdev, &port->rxqs[i], i);
        if (error) {
            VLOG_WARN("%s: cannot receive from port %s (%s)", dp->name,
                      netdev_get_name(netdev), strerror(error));
            break;
        }
        port->n_rxq++;
    }
    if (error == EOPNOTSUPP) {
        error = 0;              /* A port that only sends. */
    }
    if (error) {
        for (int i = 0; i < port->n_rxq; i++) {
            netdev_rxq_close(port->rxqs[i]);
        }
        free(port->rxqs);
        free(port->type);
        netdev_close(port->netdev);
        pthread_mutex_destroy(&port->tx_mutex);
        free(port);
        return error;
    }
    netdev_turn_flags_on(netdev, NETDEV_PROMISC);
    hmap_insert(&dp->ports, &port->node, hash_int(port_no, 0));
    __atomic_add_fetch(&dp->port_seq, 1, __ATOMIC_RELEASE);
    return 0;
}

/* Caller holds 'port_mutex' and has reloaded the poll threads after
 * removing the port from the map. */
static void
port_destroy(struct dp_netdev_port *port)
{
    for (int i = 0; i < port->n_rxq; i++) {
        netdev_rxq_close(port->rxqs[i]);
    }
    free(port->rxqs);
    netdev_close(port->netdev);
    free(port->type);
    pthread_mutex_destroy(&port->tx_mutex);
    free(port);
}

static void
port_to_dpif_port(const struct dp_netdev_port *port, struct dpif_port *dp)
{
    dp->name = xstrdup(netdev_get_name(port->netdev));
    dp->type = xstrdup(port->type);
    dp->port_no = port->port_no;
}

/* Sending. */

static struct pmd_tx_port *
pmd_tx_port_lookup(const struct dp_netdev_pmd *pmd, odp_port_t port_no)
{
    struct pmd_tx_port *tx;

    HMAP_FOR_EACH_WITH_HASH (tx, node, hash_int(port_no, 0),
                             &pmd->tx_ports) {
        if (tx->port_no == port_no) {
            return tx;
        }
    }
    return NULL;
}

/* Sends the packets waiting on 'tx'. */
static void
pmd_tx_port_send(const struct dp_netdev_pmd *pmd, struct pmd_tx_port *tx)
{
    int n_txq = netdev_n_txq(tx->netdev);
    int qid = n_txq > 0 ? pmd->id % n_txq : 0;

    netdev_send(tx->netdev, qid, &tx->out, true);
    dp_packet_batch_init(&tx->out);
}

/* Appends the packets of 'batch' (consumed) to those waiting on 'tx'. */
static void
pmd_tx_port_queue(struct dp_netdev_pmd *pmd, struct pmd_tx_port *tx,
                  struct dp_packet_batch *batch)
{
    struct dp_packet *packet;

    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        if (dp_packet_batch_is_full(&tx->out)) {
            pmd_tx_port_send(pmd, tx);
        }
        if (!tx->queued) {
            tx->queued = true;
            tx->next_out = pmd->out_ports;
            pmd->out_ports = tx;
        }
        dp_packet_batch_add(&tx->out, packet);
    }
    batch->count = 0;
}

/* Sends every packet waiting in 'pmd''s output queues. */
static void
pmd_flush_output(struct dp_netdev_pmd *pmd)
{
    while (pmd->out_ports) {
        struct pmd_tx_port *tx = pmd->out_ports;

        pmd->out_ports = tx->next_out;
        tx->next_out = NULL;
        tx->queued = false;
        if (tx->out.count) {
            pmd_tx_port_send(pmd, tx);
        }
    }
}

static void
port_send(struct exec_ctx *ctx, odp_port_t port_no,
          struct dp_packet_batch *batch)
{
    struct dp_netdev *dp = ctx->dp;
    struct dp_netdev_port *port;
    struct netdev *netdev;
    int n_txq, qid;

    /* A poll thread sends through its own snapshot of the ports; other
     * threads hold 'port_mutex' while they execute actions. */
    if (ctx->pmd) {
        struct pmd_tx_port *tx = pmd_tx_port_lookup(ctx->pmd, port_no);

        if (tx) {
            pmd_tx_port_queue(ctx->pmd, tx, batch);
            return;
        }
        /* Not in the snapshot (yet): a port added since the last reload
         * is in the port map. */
        pthread_mutex_lock(&dp->port_mutex);
    }
    port = port_lookup(dp, port_no);
    netdev = port ? port->netdev : NULL;
    if (!netdev) {
        VLOG_DBG_RL(&rl, "%s: output to missing port %"PRIu32, dp->name,
                    port_no);
        dp_packet_batch_destroy(batch);
    } else {
        n_txq = netdev_n_txq(netdev);
        qid = (ctx->pmd ? ctx->pmd->id : dp->n_pmds);
        qid = n_txq > 0 ? qid % n_txq : 0;
        netdev_send(netdev, qid, batch, true);
    }
    if (ctx->pmd) {
        pthread_mutex_unlock(&dp->port_mutex);
    }
}

/* Upcalls and execution. */

static void
packet_md_to_flow(const struct dp_packet *packet, struct flow *md)
{
    memset(md, 0, sizeof *md);
    md->in_port = packet->in_port;
    md->recirc_id = packet->recirc_id;
    md->dp_hash = packet->dp_hash;
    md->skb_priority = packet->skb_priority;
    md->pkt_mark = packet->pkt_mark;
}

static void
dp_execute_cb(void *aux_, struct dp_packet_batch *batch,
              const struct nlattr *a, bool should_steal)
{
    struct exec_ctx *ctx = aux_;
    struct dp_netdev *dp = ctx->dp;
    struct dp_packet_batch copy;

    if (!should_steal) {
        dp_packet_batch_clone(&copy, batch);
        batch = &copy;
    }

    switch (nl_attr_type(a)) {
    case OVS_ACTION_ATTR_OUTPUT:
        port_send(ctx, nl_attr_get_u32(a), batch);
        return;

    case OVS_ACTION_ATTR_USERSPACE: {
        const struct nlattr *userdata;
        struct dp_packet *packet;

        userdata = nl_attr_find(nl_attr_get(a), nl_attr_get_size(a),
                                OVS_USERSPACE_ATTR_USERDATA);
        pthread_rwlock_rdlock(&dp->upcall_rwlock);
        if (dp->upcall_cb) {
            DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                struct ofpbuf actions, put_actions;
                struct flow_wildcards wc;
                struct flow flow, md;

                packet_md_to_flow(packet, &md);
                flow_extract(dp_packet_data(packet), dp_packet_size(packet),
                             &md, &flow);
                ofpbuf_init(&actions, 0);
                ofpbuf_init(&put_actions, 0);
                flow_wildcards_init_catchall(&wc);
                dp->upcall_cb(packet, &flow, NULL,
                              ctx->pmd ? ctx->pmd->id : -1, DPIF_UC_ACTION,
                              userdata ? nl_attr_get(userdata) : NULL,
                              userdata ? nl_attr_get_size(userdata) : 0,
                              &actions, &wc, &put_actions, dp->upcall_aux);
                ofpbuf_uninit(&actions);
                ofpbuf_uninit(&put_actions);
            }
        }
        pthread_rwlock_unlock(&dp->upcall_rwlock);
        dp_packet_batch_destroy(batch);
        return;
    }

    case OVS_ACTION_ATTR_RECIRC: {
        struct dp_packet *packet;

        if (ctx->depth >= MAX_RECIRC_DEPTH) {
            VLOG_WARN_RL(&rl, "%s: recirculation nested too deeply",
                         dp->name);
            dp_packet_batch_destroy(batch);
            return;
        }
        DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
            packet->recirc_id = nl_attr_get_u32(a);
        }
        ctx->depth++;
        dp_netdev_input(ctx->pmd, ctx, batch, true);
        ctx->depth--;
        return;
    }

    default:
        /* Connection tracking and tunnels are not in this datapath. */
        VLOG_WARN_RL(&rl, "%s: unsupported datapath action %d, packets "
                     "dropped", dp->name, nl_attr_type(a));
        dp_packet_batch_destroy(batch);
        return;
    }
}

static void
dp_netdev_execute(struct exec_ctx *ctx, struct dp_packet_batch *batch,
                  const struct nlattr *actions, size_t size)
{
    odp_execute_actions(ctx, batch, true, actions, size, dp_execute_cb);
}


/* Handles a packet that missed: asks the callback, installs the megaflow,
 * executes.  Consumes 'packet'. */
static void
handle_miss(struct exec_ctx *ctx, struct dp_packet *packet,
            const struct flow *key, uint32_t hash)
{
    struct dp_netdev *dp = ctx->dp;
    struct dp_netdev_pmd *pmd = ctx->pmd;
    uint64_t actions_stub[256 / 8], put_stub[256 / 8];
    struct ofpbuf actions, put_actions;
    struct dp_packet_batch batch;
    struct flow_wildcards wc;
    int error;

    pthread_rwlock_rdlock(&dp->upcall_rwlock);
    if (!dp->upcall_cb) {
        pthread_rwlock_unlock(&dp->upcall_rwlock);
        if (pmd) {
            pmd->n_lost++;
        }
        dp_packet_delete(packet);
        return;
    }
    ofpbuf_use_stub(&actions, actions_stub, sizeof actions_stub);
    ofpbuf_use_stub(&put_actions, put_stub, sizeof put_stub);
    flow_wildcards_init_catchall(&wc);
    error = dp->upcall_cb(packet, key, NULL, pmd ? pmd->id : -1,
                          DPIF_UC_MISS, NULL, 0, &actions, &wc,
                          &put_actions, dp->upcall_aux);
    if (error && error != ENOSPC) {
        pthread_rwlock_unlock(&dp->upcall_rwlock);
        if (pmd) {
            pmd->n_lost++;
        }
        dp_packet_delete(packet);
        goto out;
    }
    if (pmd) {
        pmd->n_missed++;
    }

    if (!error) {
        const struct ofpbuf *cache = put_actions.size ? &put_actions
                                                      : &actions;
        struct dp_netdev_flow *flow;
        struct flow masked = *key;
        svs_u128 ufid;

        /* The in_port and recirc_id are always part of a megaflow. */
        wc.masks.in_port = UINT32_MAX;
        wc.masks.recirc_id = UINT32_MAX;
        flow_zero_wildcards(&masked, &wc);
        odp_flow_key_hash_ufid(&masked, &wc, &ufid);

        pthread_mutex_lock(&dp->flow_mutex);
        flow = flow_lookup(dp, key);
        if (!flow && dp->n_flows < MAX_FLOWS) {
            flow = flow_add(dp, &masked, &wc, cache->data, cache->size,
                            &ufid, pmd ? pmd->id : -1);
        }
        if (flow && pmd) {
            emc_insert(pmd, key, hash, flow);
        }
        if (flow) {
            flow_credit(flow, 1, dp_packet_size(packet),
                        ntohs(key->tcp_flags), time_msec());
        }
        pthread_mutex_unlock(&dp->flow_mutex);
    }
    /* The flow is in place before upcalls can be disabled again: whoever
     * disables them (to revalidate) sees every flow its callback made. */
    pthread_rwlock_unlock(&dp->upcall_rwlock);

    dp_packet_batch_init(&batch);
    dp_packet_batch_add(&batch, packet);
    dp_netdev_execute(ctx, &batch, actions.data, actions.size);
out:
    ofpbuf_uninit(&actions);
    ofpbuf_uninit(&put_actions);
}

/* Packets of one batch that matched the same flow. */
struct flow_batch {
    struct dp_netdev_flow *flow;
    struct dp_packet_batch packets;
    uint64_t bytes;
    uint16_t tcp_flags;
};

/* Runs 'batch' through the caches, executing hits in groups by flow and
 * misses one by one.  Consumes the packets. */
static void
dp_netdev_input(struct dp_netdev_pmd *pmd, struct exec_ctx *ctx,
                struct dp_packet_batch *batch, bool recirc)
{
    struct dp_netdev *dp = ctx->dp;
    struct flow_batch groups[DP_PACKET_BATCH_SIZE];
    size_t n_groups = 0;
    struct dp_packet *packet;
    long long int now = time_msec();
    struct flow md;

    cls_rcu_read_lock();
    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        struct dp_netdev_flow *flow = NULL;
        struct flow key;
        uint32_t hash;
        size_t g;

        if (!recirc) {
            packet->recirc_id = 0;
        }
        packet_md_to_flow(packet, &md);
        flow_extract(dp_packet_data(packet), dp_packet_size(packet), &md,
                     &key);
        hash = flow_hash(&key, 0);
        if (pmd) {
            flow = emc_lookup(pmd, &key, hash);
            if (flow) {
                pmd->n_emc_hit++;
            }
        }
        if (!flow) {
            flow = flow_lookup(dp, &key);
            if (flow && pmd) {
                emc_insert(pmd, &key, hash, flow);
            }
        }
        if (!flow) {
            handle_miss(ctx, packet, &key, hash);
            continue;
        }
        if (pmd) {
            pmd->n_hit++;
        }
        for (g = 0; g < n_groups; g++) {
            if (groups[g].flow == flow) {
                break;
            }
        }
        if (g == n_groups) {
            groups[g].flow = flow;
            dp_packet_batch_init(&groups[g].packets);
            groups[g].bytes = 0;
            groups[g].tcp_flags = 0;
            n_groups++;
        }
        dp_packet_batch_add(&groups[g].packets, packet);
        groups[g].bytes += dp_packet_size(packet);
        groups[g].tcp_flags |= ntohs(key.tcp_flags);
    }

    for (size_t g = 0; g < n_groups; g++) {
        struct dp_netdev_flow *flow = groups[g].flow;
        struct dp_netdev_actions *actions = cls_rcu_get(flow->actions);

        flow_credit(flow, groups[g].packets.count, groups[g].bytes,
                    groups[g].tcp_flags, now);
        dp_netdev_execute(ctx, &groups[g].packets, actions->actions,
                          actions->size);
    }
    cls_rcu_read_unlock();
    batch->count = 0;
}

/* Poll threads. */

static void
pmd_clear_tx_ports(struct dp_netdev_pmd *pmd)
{
    struct pmd_tx_port *tx, *next;

    pmd_flush_output(pmd);
    HMAP_FOR_EACH_SAFE (tx, next, node, &pmd->tx_ports) {
        hmap_remove(&pmd->tx_ports, &tx->node);
        netdev_close(tx->netdev);
        free(tx);
    }
}

/* Re-reads which receive queues this thread polls and which ports it may
 * send to.  Caller holds 'port_mutex'. */
static void
pmd_load_queues(struct dp_netdev_pmd *pmd)
{
    struct dp_netdev *dp = pmd->dp;
    struct dp_netdev_port *port;
    size_t n = 0, idx = 0;

    pmd_clear_tx_ports(pmd);
    pmd->loaded_port_seq = dp->port_seq;
    HMAP_FOR_EACH (port, node, &dp->ports) {
        struct pmd_tx_port *tx = xmalloc(sizeof *tx);

        tx->port_no = port->port_no;
        tx->netdev = netdev_ref(port->netdev);
        dp_packet_batch_init(&tx->out);
        tx->queued = false;
        tx->next_out = NULL;
        hmap_insert(&pmd->tx_ports, &tx->node, hash_int(port->port_no, 0));
    }
    free(pmd->rxqs);
    free(pmd->rxq_ports);
    free(pmd->rxq_more);
    free(pmd->pfds);
    HMAP_FOR_EACH (port, node, &dp->ports) {
        n += port->n_rxq;
    }
    pmd->rxqs = xcalloc(n ? n : 1, sizeof *pmd->rxqs);
    pmd->rxq_ports = xcalloc(n ? n : 1, sizeof *pmd->rxq_ports);
    pmd->rxq_more = xcalloc(n ? n : 1, sizeof *pmd->rxq_more);
    pmd->pfds = xcalloc(n + 2, sizeof *pmd->pfds);
    pmd->n_rxqs = 0;
    pmd->n_fds = 0;
    HMAP_FOR_EACH (port, node, &dp->ports) {
        for (int i = 0; i < port->n_rxq; i++, idx++) {
            if (idx % dp->n_pmds == (size_t) pmd->id) {
                int fd = netdev_rxq_get_fd(port->rxqs[i]);

                pmd->rxqs[pmd->n_rxqs] = port->rxqs[i];
                pmd->rxq_ports[pmd->n_rxqs] = port->port_no;
                pmd->pfds[pmd->n_rxqs].fd = fd;
                pmd->pfds[pmd->n_rxqs].events = POLLIN;
                pmd->n_fds += fd >= 0;
                pmd->n_rxqs++;
            }
        }
    }
    pmd->all_have_fds = pmd->n_fds == pmd->n_rxqs;
}

/* Receives from rxq 'i' and processes what came.  Returns the number of
 * packets. */
static size_t
pmd_rx(struct dp_netdev_pmd *pmd, struct exec_ctx *ctx, size_t i)
{
    struct dp_packet_batch batch;
    struct dp_packet *packet;
    size_t n;

    dp_packet_batch_init(&batch);
    if (netdev_rxq_recv(pmd->rxqs[i], &batch) || !batch.count) {
        pmd->rxq_more[i] = false;
        return 0;
    }
    n = batch.count;
    /* A full batch may leave packets that the queue's file descriptor no
     * longer signals (the rest of a ring block): come back without
     * waiting. */
    pmd->rxq_more[i] = n == DP_PACKET_BATCH_SIZE;
    DP_PACKET_BATCH_FOR_EACH (j, packet, &batch) {
        packet->in_port = pmd->rxq_ports[i];
    }
    dp_netdev_input(pmd, ctx, &batch, false);
    pmd_flush_output(pmd);
    return n;
}

/* Waits until a queue may have packets or the thread must reload or exit:
 * one poll() over the queues' descriptors and the latches, or, if some
 * queue has no descriptor, the poll loop's general mechanism. */
static void
pmd_block(struct dp_netdev_pmd *pmd)
{
    size_t n = pmd->n_rxqs;

    if (pmd->all_have_fds) {
        pmd->pfds[n].fd = pmd->exit_latch.fds[0];
        pmd->pfds[n].events = POLLIN;
        pmd->pfds[n + 1].fd = pmd->reload_latch.fds[0];
        pmd->pfds[n + 1].events = POLLIN;
        poll(pmd->pfds, n + 2, 1000);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        netdev_rxq_wait(pmd->rxqs[i]);
    }
    latch_wait(&pmd->exit_latch);
    latch_wait(&pmd->reload_latch);
    poll_timer_wait(1000);
    poll_block();
}

static void *
pmd_main(void *pmd_)
{
    struct dp_netdev_pmd *pmd = pmd_;
    struct dp_netdev *dp = pmd->dp;
    struct exec_ctx ctx = { .dp = dp, .pmd = pmd, .depth = 0 };
    unsigned int idle = 0;
    unsigned int rounds = 0;
    uint64_t loaded = UINT64_MAX;

    for (;;) {
        uint64_t want;
        size_t got = 0;

        if (__atomic_load_n(&pmd->exiting, __ATOMIC_ACQUIRE)) {
            break;
        }
        if (!(++rounds % 1024)
            && __atomic_load_n(&dp->port_seq, __ATOMIC_ACQUIRE)
               != pmd->loaded_port_seq) {
            /* Ports added by a user of the dpif that does not call
             * dpif_run(), while this thread is busy. */
            pthread_mutex_lock(&dp->port_mutex);
            pmd_load_queues(pmd);
            pthread_mutex_unlock(&dp->port_mutex);
        }
        want = __atomic_load_n(&pmd->reload_seq, __ATOMIC_ACQUIRE);
        if (want != loaded) {
            latch_poll(&pmd->reload_latch);
            pthread_mutex_lock(&dp->port_mutex);
            pmd_load_queues(pmd);
            pthread_mutex_unlock(&dp->port_mutex);
            loaded = want;
            pthread_mutex_lock(&dp->reload_mutex);
            pmd->reload_ack = want;
            pthread_cond_broadcast(&dp->reload_cond);
            pthread_mutex_unlock(&dp->reload_mutex);
        }

        /* One poll() tells which descriptors have packets, instead of one
         * receive system call per queue. */
        if (pmd->n_fds) {
            for (size_t i = 0; i < pmd->n_rxqs; i++) {
                pmd->pfds[i].revents = 0;
            }
            poll(pmd->pfds, pmd->n_rxqs, 0);
        }
        for (size_t i = 0; i < pmd->n_rxqs; i++) {
            if (pmd->pfds[i].fd < 0 || pmd->rxq_more[i]
                || pmd->pfds[i].revents & (POLLIN | POLLERR | POLLHUP)) {
                got += pmd_rx(pmd, &ctx, i);
            }
        }

        if (got) {
            idle = 0;
            continue;
        }
        if (++idle < IDLE_SPINS) {
            continue;
        }
        idle = 0;
        pmd_block(pmd);
        if (__atomic_load_n(&dp->port_seq, __ATOMIC_ACQUIRE)
            != pmd->loaded_port_seq) {
            /* Ports added by a user of the dpif that does not call
             * dpif_run(): take them in while idle. */
            pthread_mutex_lock(&dp->port_mutex);
            pmd_load_queues(pmd);
            pthread_mutex_unlock(&dp->port_mutex);
        }
    }
    emc_clear(pmd);
    pmd_clear_tx_ports(pmd);
    return NULL;
}

/* Makes every poll thread reload its queues, without waiting.  Caller
 * holds 'reload_mutex'. */
static void
dp_netdev_request_reload(struct dp_netdev *dp)
{
    for (int i = 0; i < dp->n_pmds; i++) {
        __atomic_fetch_add(&dp->pmds[i]->reload_seq, 1, __ATOMIC_RELEASE);
        latch_set(&dp->pmds[i]->reload_latch);
    }
}

/* Makes every poll thread reload its queues and, if 'wait', waits until
 * all have.  A port may be destroyed only after a reload that waited;
 * a new port needs none (the threads pick it up on their next round, and
 * until then send to it through the port map).  Caller must not hold
 * 'port_mutex'. */
static void
dp_netdev_reload_pmds__(struct dp_netdev *dp, bool wait)
{
    pthread_mutex_lock(&dp->reload_mutex);
    dp_netdev_request_reload(dp);
    for (int i = 0; wait && i < dp->n_pmds; i++) {
        struct dp_netdev_pmd *pmd = dp->pmds[i];

        while (pmd->reload_ack != pmd->reload_seq) {
            pthread_cond_wait(&dp->reload_cond, &dp->reload_mutex);
        }
    }
    pthread_mutex_unlock(&dp->reload_mutex);
}

static void
dp_netdev_reload_pmds(struct dp_netdev *dp)
{
    dp_netdev_reload_pmds__(dp, true);
}

static void
dp_netdev_start_pmds(struct dp_netdev *dp, int n)
{
    dp->n_pmds = n;
    for (int i = 0; i < n; i++) {
        struct dp_netdev_pmd *pmd = xzalloc(sizeof *pmd);

        pmd->dp = dp;
        pmd->id = i;
        latch_init(&pmd->exit_latch);
        latch_init(&pmd->reload_latch);
        pmd->emc = xzalloc(EMC_ENTRIES * sizeof *pmd->emc);
        hmap_init(&pmd->tx_ports);
        pmd->reload_seq = 1;
        pmd->reload_ack = 0;
        dp->pmds[i] = pmd;
        svs_assert(!pthread_create(&pmd->thread, NULL, pmd_main, pmd));
    }
}

static void
dp_netdev_stop_pmds(struct dp_netdev *dp)
{
    for (int i = 0; i < dp->n_pmds; i++) {
        struct dp_netdev_pmd *pmd = dp->pmds[i];

        __atomic_store_n(&pmd->exiting, true, __ATOMIC_RELEASE);
        latch_set(&pmd->exit_latch);
        pthread_join(pmd->thread, NULL);
        latch_destroy(&pmd->exit_latch);
        latch_destroy(&pmd->reload_latch);
        free(pmd->emc);
        hmap_destroy(&pmd->tx_ports);
        free(pmd->rxqs);
        free(pmd->rxq_ports);
        free(pmd->rxq_more);
        free(pmd->pfds);
        free(pmd);
        dp->pmds[i] = NULL;
    }
    dp->n_pmds = 0;
}

/* Datapaths. */

static int
create_dp_netdev(const char *name, const struct dpif_class *class,
                 struct dp_netdev **dpp)
{
    struct dp_netdev *dp = xzalloc(sizeof *dp);
    struct netdev *local;
    const char *n_pmds_env = getenv("SVS_DPIF_NETDEV_PMDS");
    int n_pmds = n_pmds_env ? atoi(n_pmds_env) : DEFAULT_N_PMDS;
    int error;

    (void) class;
    dp->name = xstrdup(name);
    dp->ref_cnt = 1;
    pthread_mutex_init(&dp->port_mutex, NULL);
    hmap_init(&dp->ports);
    pthread_mutex_init(&dp->flow_mutex, NULL);
    dp->cls = xzalloc(sizeof *dp->cls);
    hmap_init(&dp->flows);
    pthread_rwlock_init(&dp->upcall_rwlock, NULL);
    pthread_mutex_init(&dp->reload_mutex, NULL);
    pthread_cond_init(&dp->reload_cond, NULL);

    error = netdev_open(name, "internal", &local);
    if (!error) {
        pthread_mutex_lock(&dp->port_mutex);
        error = do_add_port(dp, local, ODPP_LOCAL);
        pthread_mutex_unlock(&dp->port_mutex);
        netdev_remove_on_close(local);
        netdev_close(local);
    }
    if (error) {
        VLOG_WARN("%s: could not create the local port (%s)", name,
                  strerror(error));
        hmap_destroy(&dp->ports);
        free(dp->cls);
        hmap_destroy(&dp->flows);
        free(dp->name);
        free(dp);
        return error;
    }
    n_pmds = n_pmds < 1 ? 1 : n_pmds > MAX_PMDS ? MAX_PMDS : n_pmds;
    dp_netdev_start_pmds(dp, n_pmds);
    dp_netdev_reload_pmds(dp);
    shash_add(&dp_netdevs, name, dp);
    *dpp = dp;
    return 0;
}

static void
dp_netdev_free(struct dp_netdev *dp)
{
    struct dp_netdev_port *port, *next_port;
    struct dp_netdev_flow *flow, *next_flow;

    dp_netdev_stop_pmds(dp);
    pthread_mutex_lock(&dp->flow_mutex);
    HMAP_FOR_EACH_SAFE (flow, next_flow, ufid_node, &dp->flows) {
        flow_remove(dp, flow);
    }
    pthread_mutex_unlock(&dp->flow_mutex);
    pthread_mutex_lock(&dp->port_mutex);
    HMAP_FOR_EACH_SAFE (port, next_port, node, &dp->ports) {
        hmap_remove(&dp->ports, &port->node);
        port_destroy(port);
    }
    pthread_mutex_unlock(&dp->port_mutex);
    urcu_bp_barrier();
    free(dp->cls);
    hmap_destroy(&dp->flows);
    hmap_destroy(&dp->ports);
    pthread_mutex_destroy(&dp->port_mutex);
    pthread_mutex_destroy(&dp->flow_mutex);
    pthread_rwlock_destroy(&dp->upcall_rwlock);
    pthread_mutex_destroy(&dp->reload_mutex);
    pthread_cond_destroy(&dp->reload_cond);
    free(dp->name);
    free(dp);
}

static void
dp_netdev_unref(struct dp_netdev *dp)
{
    bool free_it;

    pthread_mutex_lock(&dp_netdev_mutex);
    free_it = --dp->ref_cnt == 0 && dp->destroyed;
    if (free_it) {
        shash_find_and_delete(&dp_netdevs, dp->name);
    }
    pthread_mutex_unlock(&dp_netdev_mutex);
    if (free_it) {
        dp_netdev_free(dp);
    }
}

/* dpif_class callbacks. */

static int
dpif_netdev_init(void)
{
    netdev_register_default_providers();
    return 0;
}

static int
dpif_netdev_enumerate(struct sset *all_dps)
{
    struct shash_node *node;

    pthread_mutex_lock(&dp_netdev_mutex);
    SHASH_FOR_EACH (node, &dp_netdevs) {
        const struct dp_netdev *dp = node->data;

        if (!dp->destroyed) {
            sset_add(all_dps, node->name);
        }
    }
    pthread_mutex_unlock(&dp_netdev_mutex);
    return 0;
}

static int
dpif_netdev_open(const struct dpif_class *class, const char *name,
                 bool create, struct dpif **dpifp)
{
    struct dpif_netdev *dpif;
    struct dp_netdev *dp;
    int error = 0;

    pthread_mutex_lock(&dp_netdev_mutex);
    dp = shash_find_data(&dp_netdevs, name);
    if (dp && dp->destroyed) {
        dp = NULL;
        error = EBUSY;
    } else if (!dp) {
        error = create ? create_dp_netdev(name, class, &dp) : ENODEV;
    } else if (create) {
        error = EEXIST;
    } else {
        dp->ref_cnt++;
    }
    pthread_mutex_unlock(&dp_netdev_mutex);
    if (error) {
        return error;
    }
    dpif = xzalloc(sizeof *dpif);
    dpif_init(&dpif->dpif, class, name);
    dpif->dp = dp;
    dpif->last_port_seq = 0;
    *dpifp = &dpif->dpif;
    return 0;
}

static void
dpif_netdev_close(struct dpif *dpif_)
{
    struct dpif_netdev *dpif = dpif_netdev_cast(dpif_);

    dp_netdev_unref(dpif->dp);
    dpif_uninit(&dpif->dpif);
    free(dpif);
}

static int
dpif_netdev_destroy(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp(dpif);

    pthread_mutex_lock(&dp_netdev_mutex);
    if (!dp->destroyed) {
        dp->destroyed = true;
        /* The registry's reference of creation goes with it. */
        dp->ref_cnt--;
    }
    pthread_mutex_unlock(&dp_netdev_mutex);
    return 0;
}

static int
dpif_netdev_get_stats(const struct dpif *dpif, struct dpif_dp_stats *stats)
{
    struct dp_netdev *dp = get_dp(dpif);

    pthread_mutex_lock(&dp->flow_mutex);
    stats->n_flows = dp->n_flows;
    stats->n_masks = dp->cls->n;
    pthread_mutex_unlock(&dp->flow_mutex);
    for (int i = 0; i < dp->n_pmds; i++) {
        const struct dp_netdev_pmd *pmd = dp->pmds[i];

        stats->n_hit += __atomic_load_n(&pmd->n_hit, __ATOMIC_RELAXED);
        stats->n_missed += __atomic_load_n(&pmd->n_missed,
                                           __ATOMIC_RELAXED);
        stats->n_lost += __atomic_load_n(&pmd->n_lost, __ATOMIC_RELAXED);
        stats->n_cache_hit += __atomic_load_n(&pmd->n_emc_hit,
                                              __ATOMIC_RELAXED);
        stats->n_mask_hit += __atomic_load_n(&pmd->n_mask_hit,
                                             __ATOMIC_RELAXED);
    }
    stats->n_lost += __atomic_load_n(&dp->n_lost_other, __ATOMIC_RELAXED);
    return 0;
}

static void
dpif_netdev_get_status(const struct dpif *dpif, struct smap *status)
{
    struct dp_netdev *dp = get_dp(dpif);

    smap_add_format(status, "n_pmd_threads", "%d", dp->n_pmds);
    smap_add_format(status, "emc_entries", "%u", EMC_ENTRIES);
    smap_add_format(status, "max_flows", "%d", MAX_FLOWS);
}

static int
dpif_netdev_port_add(struct dpif *dpif, struct netdev *netdev,
                     odp_port_t *port_nop)
{
    struct dp_netdev *dp = get_dp(dpif);
    odp_port_t port_no;
    int error;

    pthread_mutex_lock(&dp->port_mutex);
    if (*port_nop != ODPP_NONE) {
        port_no = *port_nop;
        error = port_no >= MAX_PORTS ? EINVAL
                : port_lookup(dp, port_no) ? EBUSY : 0;
    } else {
        port_no = choose_port(dp);
        error = port_no == ODPP_NONE ? EFBIG : 0;
    }
    if (!error) {
        error = do_add_port(dp, netdev, port_no);
    }
    pthread_mutex_unlock(&dp->port_mutex);
    if (!error) {
        *port_nop = port_no;
        /* The poll threads take the port in at the next dpif_run(), so
         * that adding many ports (a bridge's reconfiguration) reloads them
         * once, not once per port; until then they send to it through the
         * port map. */
        __atomic_store_n(&dp->reload_pending, true, __ATOMIC_RELEASE);
    }
    return error;
}

static void
dpif_netdev_run(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp(dpif);

    if (__atomic_exchange_n(&dp->reload_pending, false, __ATOMIC_ACQ_REL)) {
        dp_netdev_reload_pmds__(dp, false);
    }
}

static int
dpif_netdev_port_del(struct dpif *dpif, odp_port_t port_no)
{
    struct dp_netdev *dp = get_dp(dpif);
    struct dp_netdev_port *port;

    if (port_no == ODPP_LOCAL) {
        return EINVAL;
    }
    pthread_mutex_lock(&dp->port_mutex);
    port = port_lookup(dp, port_no);
    if (port) {
        hmap_remove(&dp->ports, &port->node);
        __atomic_add_fetch(&dp->port_seq, 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&dp->port_mutex);
    if (!port) {
        return ENOENT;
    }
    /* No poll thread may still poll the port's queues or send to it. */
    dp_netdev_reload_pmds(dp);
    urcu_bp_synchronize_rcu();
    port_destroy(port);
    return 0;
}

static int
dpif_netdev_port_query_by_number(const struct dpif *dpif,
                                 odp_port_t port_no,
                                 struct dpif_port *dpif_port)
{
    struct dp_netdev *dp = get_dp(dpif);
    struct dp_netdev_port *port;

    pthread_mutex_lock(&dp->port_mutex);
    port = port_lookup(dp, port_no);
    if (port) {
        port_to_dpif_port(port, dpif_port);
    }
    pthread_mutex_unlock(&dp->port_mutex);
    return port ? 0 : ENOENT;
}

static int
dpif_netdev_port_query_by_name(const struct dpif *dpif, const char *devname,
                               struct dpif_port *dpif_port)
{
    struct dp_netdev *dp = get_dp(dpif);
    struct dp_netdev_port *port;

    pthread_mutex_lock(&dp->port_mutex);
    port = port_lookup_by_name(dp, devname);
    if (port) {
        port_to_dpif_port(port, dpif_port);
    }
    pthread_mutex_unlock(&dp->port_mutex);
    return port ? 0 : ENODEV;
}

static int
compare_dpif_ports(const void *a_, const void *b_)
{
    const struct dpif_port *a = a_, *b = b_;

    return a->port_no < b->port_no ? -1 : a->port_no > b->port_no;
}

static int
dpif_netdev_port_list(const struct dpif *dpif, struct dpif_port **portsp,
                      size_t *n_portsp)
{
    struct dp_netdev *dp = get_dp(dpif);
    struct dp_netdev_port *port;
    struct dpif_port *ports;
    size_t n = 0;

    pthread_mutex_lock(&dp->port_mutex);
    ports = xcalloc(hmap_count(&dp->ports) + 1, sizeof *ports);
    HMAP_FOR_EACH (port, node, &dp->ports) {
        port_to_dpif_port(port, &ports[n++]);
    }
    pthread_mutex_unlock(&dp->port_mutex);
    qsort(ports, n, sizeof *ports, compare_dpif_ports);
    *portsp = ports;
    *n_portsp = n;
    return 0;
}

static int
dpif_netdev_port_get_stats(const struct dpif *dpif, odp_port_t port_no,
                           struct netdev_stats *stats)
{
    struct dp_netdev *dp = get_dp(dpif);
    struct dp_netdev_port *port;
    int error;

    pthread_mutex_lock(&dp->port_mutex);
    port = port_lookup(dp, port_no);
    error = port ? netdev_get_stats(port->netdev, stats) : ENOENT;
    pthread_mutex_unlock(&dp->port_mutex);
    return error;
}

static int
dpif_netdev_port_poll(const struct dpif *dpif_, char **devnamep)
{
    struct dpif_netdev *dpif = dpif_netdev_cast(dpif_);
    struct dp_netdev *dp = dpif->dp;
    uint64_t seq;

    seq = __atomic_load_n(&dp->port_seq, __ATOMIC_ACQUIRE);
    *devnamep = NULL;
    if (seq != dpif->last_port_seq) {
        dpif->last_port_seq = seq;
        return ENOBUFS;
    }
    return EAGAIN;
}

static int
dpif_netdev_flow_put(struct dpif *dpif, enum dpif_flow_put_flags flags,
                     const struct flow *key,
                     const struct flow_wildcards *mask_,
                     const struct nlattr *actions, size_t actions_len,
                     const svs_u128 *ufid_, struct dpif_flow_stats *stats)
{
    struct dp_netdev *dp = get_dp(dpif);
    struct flow_wildcards mask = *mask_;
    struct dp_netdev_flow *flow;
    struct flow masked = *key;
    svs_u128 ufid;
    int error = 0;

    if (odp_actions_validate(actions, actions_len)) {
        return EINVAL;
    }
    mask.masks.in_port = UINT32_MAX;
    mask.masks.recirc_id = UINT32_MAX;
    flow_zero_wildcards(&masked, &mask);
    if (ufid_) {
        ufid = *ufid_;
    } else {
        odp_flow_key_hash_ufid(&masked, &mask, &ufid);
    }

    pthread_mutex_lock(&dp->flow_mutex);
    flow = flow_find(dp, &masked, &mask, &ufid);
    if (!flow) {
        flow = dpcls_find_exactly(dp, &masked, &mask);
    }
    if (!flow) {
        if (!(flags & DPIF_FP_CREATE)) {
            error = ENOENT;
        } else if (dp->n_flows >= MAX_FLOWS) {
            error = EFBIG;
        } else {
            flow_add(dp, &masked, &mask, actions, actions_len, &ufid, -1);
        }
    } else if (!(flags & DPIF_FP_MODIFY)) {
        error = EEXIST;
    } else {
        struct dp_netdev_actions *old = flow->actions;

        if (stats) {
            flow_get_stats(flow, stats);
        }
        if (flags & DPIF_FP_ZERO_STATS) {
            flow_clear_stats(flow);
        }
        cls_rcu_set(flow->actions, actions_create(actions, actions_len));
        urcu_bp_call_rcu(&old->rcu, actions_free_rcu);
    }
    pthread_mutex_unlock(&dp->flow_mutex);
    return error;
}

static int
dpif_netdev_flow_del(struct dpif *dpif, const struct flow *key,
                     const struct flow_wildcards *mask, const svs_u128 *ufid,
                     struct dpif_flow_stats *stats)
{
    struct dp_netdev *dp = get_dp(dpif);
    struct dp_netdev_flow *flow;
    struct flow_wildcards m;
    struct flow masked;

    if (!ufid && key && mask) {
        m = *mask;
        m.masks.in_port = UINT32_MAX;
        m.masks.recirc_id = UINT32_MAX;
        masked = *key;
        flow_zero_wildcards(&masked, &m);
        key = &masked;
        mask = &m;
    }
    pthread_mutex_lock(&dp->flow_mutex);
    flow = flow_find(dp, key, mask, ufid);
    if (flow) {
        if (stats) {
            flow_get_stats(flow, stats);
        }
        flow_remove(dp, flow);
    }
    pthread_mutex_unlock(&dp->flow_mutex);
    return flow ? 0 : ENOENT;
}

static void
flow_to_dpif_flow(const struct dp_netdev_flow *flow, struct ofpbuf *buf,
                  struct dpif_flow *f)
{
    const struct dp_netdev_actions *actions = cls_rcu_get(flow->actions);
    size_t ofs = buf->size;

    ofpbuf_put(buf, actions->actions, actions->size);
    cls_rule_expand(&flow->cr, &f->key, &f->mask);
    /* An empty action list (drop) may leave the buffer unallocated. */
    f->actions = buf->data
                 ? (const struct nlattr *) ((uint8_t *) buf->data + ofs)
                 : NULL;
    f->actions_len = actions->size;
    f->ufid = flow->ufid;
    f->pmd_id = flow->pmd_id;
    flow_get_stats(flow, &f->stats);
}

static int
dpif_netdev_flow_get(const struct dpif *dpif, const struct flow *key,
                     const struct flow_wildcards *mask, const svs_u128 *ufid,
                     struct ofpbuf *buf, struct dpif_flow *f)
{
    struct dp_netdev *dp = get_dp(dpif);
    struct dp_netdev_flow *flow;

    pthread_mutex_lock(&dp->flow_mutex);
    flow = flow_find(dp, key, mask, ufid);
    if (!flow && key && mask) {
        struct flow_wildcards m = *mask;
        struct flow masked = *key;

        m.masks.in_port = UINT32_MAX;
        m.masks.recirc_id = UINT32_MAX;
        flow_zero_wildcards(&masked, &m);
        flow = dpcls_find_exactly(dp, &masked, &m);
    }
    if (flow) {
        flow_to_dpif_flow(flow, buf, f);
    }
    pthread_mutex_unlock(&dp->flow_mutex);
    return flow ? 0 : ENOENT;
}

static int
dpif_netdev_flow_flush(struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp(dpif);
    struct dp_netdev_flow *flow, *next;

    pthread_mutex_lock(&dp->flow_mutex);
    HMAP_FOR_EACH_SAFE (flow, next, ufid_node, &dp->flows) {
        flow_remove(dp, flow);
    }
    pthread_mutex_unlock(&dp->flow_mutex);
    return 0;
}

/* A dump: references to every flow at the time of creation. */
struct dpif_netdev_flow_dump {
    struct dpif_flow_dump up;
    struct dp_netdev_flow **flows;
    size_t n, next;
    struct ofpbuf buf;              /* Actions of the last batch. */
};

static struct dpif_flow_dump *
dpif_netdev_flow_dump_create(const struct dpif *dpif)
{
    struct dp_netdev *dp = get_dp(dpif);
    struct dpif_netdev_flow_dump *dump = xzalloc(sizeof *dump);
    struct dp_netdev_flow *flow;

    pthread_mutex_lock(&dp->flow_mutex);
    dump->flows = xcalloc(hmap_count(&dp->flows) + 1, sizeof *dump->flows);
    HMAP_FOR_EACH (flow, ufid_node, &dp->flows) {
        flow_ref(flow);
        dump->flows[dump->n++] = flow;
    }
    pthread_mutex_unlock(&dp->flow_mutex);
    ofpbuf_init(&dump->buf, 0);
    return &dump->up;
}

static int
dpif_netdev_flow_dump_next(struct dpif_flow_dump *dump_,
                           struct dpif_flow *flows, int max)
{
    struct dpif_netdev_flow_dump *dump
        = CONTAINER_OF(dump_, struct dpif_netdev_flow_dump, up);
    size_t ofs[64];
    int n = 0;

    if (max > (int) ARRAY_SIZE(ofs)) {
        max = ARRAY_SIZE(ofs);
    }
    ofpbuf_clear(&dump->buf);
    cls_rcu_read_lock();
    while (n < max && dump->next < dump->n) {
        struct dp_netdev_flow *flow = dump->flows[dump->next++];

        if (__atomic_load_n(&flow->dead, __ATOMIC_ACQUIRE)) {
            continue;
        }
        ofs[n] = dump->buf.size;
        flow_to_dpif_flow(flow, &dump->buf, &flows[n]);
        n++;
    }
    cls_rcu_read_unlock();
    /* The buffer may have moved while it grew: fix up the pointers. */
    for (int i = 0; i < n; i++) {
        flows[i].actions = dump->buf.data
                           ? (const struct nlattr *)
                             ((uint8_t *) dump->buf.data + ofs[i])
                           : NULL;
    }
    return n;
}

static int
dpif_netdev_flow_dump_destroy(struct dpif_flow_dump *dump_)
{
    struct dpif_netdev_flow_dump *dump
        = CONTAINER_OF(dump_, struct dpif_netdev_flow_dump, up);

    for (size_t i = 0; i < dump->n; i++) {
        flow_unref(dump->flows[i]);
    }
    free(dump->flows);
    ofpbuf_uninit(&dump->buf);
    free(dump);
    return 0;
}

static int
dpif_netdev_execute(struct dpif *dpif, struct dpif_execute *execute)
{
    struct dp_netdev *dp = get_dp(dpif);
    struct exec_ctx ctx = { .dp = dp, .pmd = NULL, .depth = 0 };
    struct dp_packet_batch batch;

    if (odp_actions_validate(execute->actions, execute->actions_len)) {
        return EINVAL;
    }
    if (dp_packet_size(execute->packet) < ETH_HEADER_LEN) {
        return EINVAL;
    }
    dp_packet_batch_init(&batch);
    dp_packet_batch_add(&batch, dp_packet_clone(execute->packet));
    /* Holding 'port_mutex' keeps the ports this thread sends to. */
    pthread_mutex_lock(&dp->port_mutex);
    cls_rcu_read_lock();
    dp_netdev_execute(&ctx, &batch, execute->actions, execute->actions_len);
    cls_rcu_read_unlock();
    pthread_mutex_unlock(&dp->port_mutex);
    return 0;
}

static void
dpif_netdev_register_upcall_cb(struct dpif *dpif, upcall_callback *cb,
                               void *aux)
{
    struct dp_netdev *dp = get_dp(dpif);

    pthread_rwlock_wrlock(&dp->upcall_rwlock);
    dp->upcall_cb = cb;
    dp->upcall_aux = aux;
    pthread_rwlock_unlock(&dp->upcall_rwlock);
}

static void
dpif_netdev_disable_upcall(struct dpif *dpif)
{
    pthread_rwlock_wrlock(&get_dp(dpif)->upcall_rwlock);
}

static void
dpif_netdev_enable_upcall(struct dpif *dpif)
{
    pthread_rwlock_unlock(&get_dp(dpif)->upcall_rwlock);
}

const struct dpif_class dpif_netdev_class = {
    .type = "netdev",
    .init = dpif_netdev_init,
    .enumerate = dpif_netdev_enumerate,
    .open = dpif_netdev_open,
    .close = dpif_netdev_close,
    .destroy = dpif_netdev_destroy,
    .run = dpif_netdev_run,
    .get_stats = dpif_netdev_get_stats,
    .get_status = dpif_netdev_get_status,
    .port_add = dpif_netdev_port_add,
    .port_del = dpif_netdev_port_del,
    .port_query_by_number = dpif_netdev_port_query_by_number,
    .port_query_by_name = dpif_netdev_port_query_by_name,
    .port_list = dpif_netdev_port_list,
    .port_get_stats = dpif_netdev_port_get_stats,
    .port_poll = dpif_netdev_port_poll,
    .flow_put = dpif_netdev_flow_put,
    .flow_del = dpif_netdev_flow_del,
    .flow_get = dpif_netdev_flow_get,
    .flow_flush = dpif_netdev_flow_flush,
    .flow_dump_create = dpif_netdev_flow_dump_create,
    .flow_dump_next = dpif_netdev_flow_dump_next,
    .flow_dump_destroy = dpif_netdev_flow_dump_destroy,
    .execute = dpif_netdev_execute,
    .register_upcall_cb = dpif_netdev_register_upcall_cb,
    .disable_upcall = dpif_netdev_disable_upcall,
    .enable_upcall = dpif_netdev_enable_upcall,
};
