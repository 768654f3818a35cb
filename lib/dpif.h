/* dpif.h: the datapath interface, the one boundary between svs-vswitchd
 * (and svs-dpctl) and a fast path.
 *
 * What: a datapath has ports (numbered odp_port_t; port 0 is the local
 * port, named after the datapath) and a cache of megaflows: key + mask ->
 * datapath actions (odp-util.h), with statistics.  A packet that matches
 * no megaflow is an upcall: the provider hands it to svs-vswitchd, which
 * translates it through the OpenFlow tables and installs a megaflow.
 *
 * Providers (dpif-provider.h), chosen by datapath type:
 *   "netdev"  the userspace datapath inside svs-vswitchd (dpif-netdev.c);
 *   "system"  the kernel fast path (a later issue).
 * Datapaths are named "<type>@<name>" in text ("netdev@ovs-netdev"); a
 * name without a type means "system".
 *
 * Upcalls: a provider delivers misses either synchronously, calling the
 * callback registered with dpif_register_upcall_cb() from its own thread
 * (the userspace datapath does this: the callback returns the actions to
 * execute and the megaflow to install), or through dpif_recv() queues read
 * by handler threads.
 *
 * Errors: functions return 0 or a positive errno value.
 *
 * Thread-safety: every function may be called from any thread, except
 * where a comment says otherwise; providers serialize what needs it. */
#ifndef SVS_DPIF_H
#define SVS_DPIF_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "svs-types.h"

struct dp_packet;
struct ds;
struct netdev;
struct nlattr;
struct ofpbuf;
struct smap;
struct sset;
struct netdev_stats;
struct odp_portno_names;

struct dpif;

/* Registry and lifetime. */
void dpif_register_default_providers(void);     /* Idempotent. */
void dpif_enumerate_types(struct sset *types);
/* Adds the names of the datapaths of 'type' to 'names'. */
int dpif_enumerate_names(const char *type, struct sset *names);
/* "type@name" or "name" -> name and type (malloc'd). */
void dpif_parse_type(const char *datapath_name, char **name, char **type);
int dpif_open(const char *name, const char *type, struct dpif **);
int dpif_create(const char *name, const char *type, struct dpif **);
/* Opens the datapath, creating it if it does not exist. */
int dpif_create_and_open(const char *name, const char *type, struct dpif **);
void dpif_close(struct dpif *);
/* Destroys the datapath itself (it goes once the last dpif closes). */
int dpif_delete(struct dpif *);
const char *dpif_name(const struct dpif *);       /* "netdev@br0". */
const char *dpif_base_name(const struct dpif *);  /* "br0". */
const char *dpif_type(const struct dpif *);       /* "netdev". */
void dpif_run(struct dpif *);
void dpif_wait(struct dpif *);

/* Statistics of the whole datapath. */
struct dpif_dp_stats {
    uint64_t n_hit;             /* Packets that matched a megaflow. */
    uint64_t n_missed;          /* Packets that went up as misses. */
    uint64_t n_lost;            /* Misses dropped before vswitchd saw them. */
    uint64_t n_flows;           /* Megaflows now cached. */
    uint64_t n_masks;           /* Distinct masks now cached. */
    uint64_t n_mask_hit;        /* Masks tried over all lookups. */
    uint64_t n_cache_hit;       /* Hits in the exact-match cache. */
};
int dpif_get_dp_stats(const struct dpif *, struct dpif_dp_stats *);
/* Key-value pairs about the provider's state for dpif/show and
 * dpctl/show -s (poll threads, cache sizes...). */
void dpif_get_status(const struct dpif *, struct smap *);

/* Ports. */
struct dpif_port {
    char *name;
    char *type;                 /* netdev type ("system", "internal"...). */
    odp_port_t port_no;
};
void dpif_port_clone(struct dpif_port *dst, const struct dpif_port *src);
void dpif_port_destroy(struct dpif_port *);

/* Adds 'netdev' as a port.  If '*port_nop' is not ODPP_NONE it is the
 * number wanted; the number assigned is stored there. */
int dpif_port_add(struct dpif *, struct netdev *, odp_port_t *port_nop);
int dpif_port_del(struct dpif *, odp_port_t);
bool dpif_port_exists(const struct dpif *, const char *devname);
int dpif_port_query_by_number(const struct dpif *, odp_port_t,
                              struct dpif_port *);
int dpif_port_query_by_name(const struct dpif *, const char *devname,
                            struct dpif_port *);
/* All ports, sorted by number, in a malloc'd array the caller frees with
 * dpif_ports_free(). */
int dpif_port_list(const struct dpif *, struct dpif_port **ports,
                   size_t *n_ports);
void dpif_ports_free(struct dpif_port *, size_t n_ports);
/* Per-port statistics as the datapath counts them. */
int dpif_port_get_stats(const struct dpif *, odp_port_t,
                        struct netdev_stats *);
/* Returns 0 and a malloc'd name in '*devnamep' when a port was added or
 * removed since the last call, EAGAIN if nothing changed, ENOBUFS if the
 * caller must re-read every port. */
int dpif_port_poll(const struct dpif *, char **devnamep);
void dpif_port_poll_wait(const struct dpif *);
/* Applies the Interface options that concern the datapath (n_rxq,
 * pmd-rxq-affinity...) to port 'port_no'. */
int dpif_port_set_config(struct dpif *, odp_port_t, const struct smap *);

/* Flows. */
struct dpif_flow_stats {
    uint64_t n_packets;
    uint64_t n_bytes;
    long long int used;         /* Last use, in ms (time_msec()); 0 never. */
    uint16_t tcp_flags;         /* OR of the TCP flags seen. */
};

struct dpif_flow {
    struct flow key;            /* Masked key; in_port is an odp_port_t. */
    struct flow_wildcards mask;
    const struct nlattr *actions;   /* Valid until the next call on the
                                     * same dump, or as the call says. */
    size_t actions_len;
    svs_u128 ufid;
    struct dpif_flow_stats stats;
    int pmd_id;                 /* Poll thread that owns it, or -1. */
};

enum dpif_flow_put_flags {
    DPIF_FP_CREATE = 1 << 0,        /* Allow creating a flow. */
    DPIF_FP_MODIFY = 1 << 1,        /* Allow modifying an existing one. */
    DPIF_FP_ZERO_STATS = 1 << 2,    /* Zero the statistics of a modified
                                     * flow. */
};

/* Installs key/mask -> actions.  'ufid' may be NULL (derived from the
 * key).  Returns EEXIST if the flow exists and DPIF_FP_MODIFY is not set,
 * ENOENT if it does not and DPIF_FP_CREATE is not set, EINVAL for a bad
 * key, mask or action list, EFBIG when the datapath is full.  If 'stats'
 * is nonnull it receives the statistics of a modified flow before the
 * change. */
int dpif_flow_put(struct dpif *, enum dpif_flow_put_flags,
                  const struct flow *key, const struct flow_wildcards *mask,
                  const struct nlattr *actions, size_t actions_len,
                  const svs_u128 *ufid, struct dpif_flow_stats *stats);
/* Deletes the flow with 'ufid', or with exactly this masked 'key' and
 * 'mask' when 'ufid' is NULL.  ENOENT if there is none. */
int dpif_flow_del(struct dpif *, const struct flow *key,
                  const struct flow_wildcards *mask, const svs_u128 *ufid,
                  struct dpif_flow_stats *stats);
/* Looks a flow up as dpif_flow_del() does; its actions are copied into
 * 'buf', which must outlive the use of 'flow->actions'. */
int dpif_flow_get(const struct dpif *, const struct flow *key,
                  const struct flow_wildcards *mask, const svs_u128 *ufid,
                  struct ofpbuf *buf, struct dpif_flow *flow);
int dpif_flow_flush(struct dpif *);

/* Dumping every flow: a consistent snapshot is not promised; a flow that
 * exists for the whole dump is reported exactly once. */
struct dpif_flow_dump;
struct dpif_flow_dump *dpif_flow_dump_create(const struct dpif *);
/* Fills up to 'max' flows; returns how many, 0 at the end. */
int dpif_flow_dump_next(struct dpif_flow_dump *, struct dpif_flow *flows,
                        int max);
int dpif_flow_dump_destroy(struct dpif_flow_dump *);

/* Executing actions on one packet that is not (necessarily) in a flow. */
struct dpif_execute {
    const struct nlattr *actions;
    size_t actions_len;
    struct dp_packet *packet;   /* Not consumed; its in_port is used. */
    const struct flow *flow;    /* The packet's flow, or NULL. */
};
int dpif_execute(struct dpif *, struct dpif_execute *);

/* Upcalls. */
enum dpif_upcall_type {
    DPIF_UC_MISS,               /* No megaflow matched. */
    DPIF_UC_ACTION,             /* An OVS_ACTION_ATTR_USERSPACE action. */
};

/* The synchronous upcall callback of the userspace datapath.  Called from
 * a poll thread with a packet ('flow' is its key, in_port an odp_port_t)
 * that missed (userdata NULL) or hit a userspace action.  For a miss the
 * callback appends to 'actions' what to do with this packet and sets
 * 'wc' to the megaflow mask; 'put_actions' (may stay empty, meaning the
 * same as 'actions') is what the megaflow caches.  Returns 0, or ENOSPC
 * to execute the actions without installing a flow, or another errno to
 * drop the packet.  The megaflow is installed (unless an equal one is
 * already there) with in_port and recirc_id matched exactly whatever 'wc'
 * says, under the ufid odp_flow_key_hash_ufid() gives for 'flow' and that
 * mask, so the callback can tell which flow it made. */
typedef int upcall_callback(const struct dp_packet *packet,
                            const struct flow *flow, const svs_u128 *ufid,
                            int pmd_id, enum dpif_upcall_type type,
                            const struct nlattr *userdata,
                            size_t userdata_len, struct ofpbuf *actions,
                            struct flow_wildcards *wc,
                            struct ofpbuf *put_actions, void *aux);
void dpif_register_upcall_cb(struct dpif *, upcall_callback *, void *aux);
/* Stops and restarts the delivery of upcalls.  dpif_disable_upcall()
 * waits for the upcalls in progress, including the installation of the
 * flows their callbacks returned, so that a caller that then checks the
 * datapath's flows (revalidation) sees every flow made before. */
void dpif_disable_upcall(struct dpif *);
void dpif_enable_upcall(struct dpif *);

/* Queued upcalls, for providers without a callback. */
struct dpif_upcall {
    enum dpif_upcall_type type;
    struct dp_packet *packet;   /* Owned by the caller after dpif_recv(). */
    struct flow key;
    svs_u128 ufid;
    struct ofpbuf *userdata;    /* Owned by the caller; NULL if none. */
};
bool dpif_supports_recv(const struct dpif *);
int dpif_handlers_set(struct dpif *, unsigned int n_handlers);
int dpif_recv(struct dpif *, unsigned int handler_id, struct dpif_upcall *);
void dpif_recv_wait(struct dpif *, unsigned int handler_id);
void dpif_upcall_destroy(struct dpif_upcall *);

/* Text. */
/* "recirc_id(0),in_port(1),..., packets:0, bytes:0, used:never,
 * actions:2" as ovs-dpctl dump-flows prints a flow ('verbose' adds the
 * ufid and wildcarded fields, as -m does). */
void dpif_flow_format(const struct dpif_flow *, const struct odp_portno_names *,
                      bool verbose, struct ds *);

#endif /* dpif.h */
