/* ofproto-provider.h: the inside of an ofproto, for its implementation
 * (ofproto.c, connmgr.c) and for providers (struct ofproto_class).
 *
 * What
 * ====
 *
 * struct ofproto, struct oftable, struct rule, struct rule_actions,
 * struct ofport, struct ofgroup and struct ofmeter, plus the provider
 * interface.  A provider supplies the datapath side of a switch: it
 * receives every change once it is published (tables_changed(),
 * port_reconfigured(), group_changed()), translates packets with the
 * lookups of ofproto.h, executes packet-outs, and reports through
 * get_synced_seq() how far its datapath reflects the tables.
 *
 * Design
 * ======
 *
 * A rule is immutable once published, except for its statistics (under
 * its 'mutex') and its reference count: modifying a flow replaces the
 * rule by a new one in the next version (classifier_insert() of the new
 * rule, cls_rule_make_invisible_in_version() of the old one), so readers
 * see either rule whole.  A rule removed from its classifier is freed
 * after an RCU grace period once its last reference goes.
 *
 * Groups are versioned the same way: each has an add version and a
 * remove version; a group-mod replaces the group object.
 *
 * Thread-safety
 * =============
 *
 * Members are written by the main thread only, except those marked
 * "atomic" or "under 'mutex'".  Readers in other threads use the
 * RCU-protected lookups of ofproto.h. */
#ifndef SVS_OFPROTO_PROVIDER_H
#define SVS_OFPROTO_PROVIDER_H 1

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "classifier.h"
#include "hmap.h"
#include "list.h"
#include "ofp-errors.h"
#include "ofp-group.h"
#include "ofp-meter.h"
#include "ofp-port.h"
#include "ofp-table.h"
#include "ofproto.h"
#include "shash.h"

struct connmgr;
struct ofpact;
struct ofputil_packet_out;
struct smap;

/* Tables 0 to N_TABLES - 1 exist; the last one is hidden and read-only. */
#define OFPROTO_N_TABLES 255
#define OFPROTO_HIDDEN_TABLE (OFPROTO_N_TABLES - 1)
/* Tables a controller sees (the features reply's n_tables). */
#define OFPROTO_N_VISIBLE_TABLES (OFPROTO_N_TABLES - 1)

/* Rules whose priority exceeds 65535 are hidden from controllers (used
 * for in-band control and fail-open flows); none are used now. */
#define OFPROTO_MAX_VISIBLE_PRIORITY 0xffff

/* One flow table. */
struct oftable {
    struct classifier cls;      /* Contains "struct rule"s. */
    char *name;                 /* NULL: the default ("tableN"). */
    uint32_t max_flows;         /* UINT32_MAX: unlimited. */
    int n_flows;                /* Rules visible in the current version. */
    bool hidden;                /* Not reported to controllers. */
    bool readonly;              /* Flow-mods fail with OFPBRC_EPERM. */
    int miss_config;            /* enum ofputil_table_miss. */
    int eviction;               /* enum ofputil_table_eviction as set by
                                 * table-mod. */
    bool evict;                 /* Overflow policy "evict" configured. */
    int vacancy;                /* enum ofputil_table_vacancy. */
    uint8_t vacancy_down, vacancy_up;
    uint64_t n_lookups;         /* Atomic. */
    uint64_t n_matched;         /* Atomic. */
};

/* The actions of a rule, immutable, freed after an RCU grace period. */
struct rule_actions {
    bool has_meter;             /* Contains a meter instruction. */
    bool has_groups;            /* Contains group actions. */
    uint32_t meter_id;          /* 0 if none. */
    uint32_t ofpacts_len;       /* Bytes at 'ofpacts'. */
    uint64_t ofpacts[];         /* Actions, OFPACT_ALIGNTO aligned. */
};

static inline const struct ofpact *
rule_actions_ofpacts(const struct rule_actions *actions)
{
    return (const struct ofpact *) actions->ofpacts;
}

/* A flow. */
struct rule {
    struct cls_rule cr;         /* In its table's classifier.  Priority in
                                 * cr.priority. */
    struct ofproto *ofproto;
    uint8_t table_id;
    unsigned int ref_count;     /* Atomic. */

    be64 flow_cookie;
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    uint16_t importance;
    uint32_t flags;             /* OFPUTIL_FF_*. */
    long long int created;      /* time_msec() at creation (kept by
                                 * modify). */
    long long int modified;     /* time_msec() at the last modify. */

    pthread_mutex_t mutex;      /* Protects the statistics below. */
    uint64_t packet_count;      /* Under 'mutex'. */
    uint64_t byte_count;        /* Under 'mutex'. */
    long long int used;         /* Under 'mutex': time_msec() of the last
                                 * packet (or creation). */

    struct rule_actions *actions;   /* RCU-protected. */

    /* Main thread only. */
    struct svs_list expirable_node; /* In ofproto->expirable if the rule
                                     * has a timeout and is current. */
    bool in_expirable;
    bool removed;               /* Removed from its classifier. */
    uint8_t removed_reason;     /* OFPRR_* for the flow-removed message. */
};

static inline const struct rule_actions *
rule_get_actions(const struct rule *rule)
{
    return __atomic_load_n(&rule->actions, __ATOMIC_ACQUIRE);
}

/* A port. */
struct ofport {
    struct hmap_node hmap_node; /* In ofproto->ports by 'ofp_port'. */
    struct ofproto *ofproto;
    struct netdev *netdev;      /* May be NULL (tests). */
    struct ofputil_phy_port pp; /* pp.port_no == ofp_port. */
    ofp_port_t ofp_port;
    long long int created;      /* time_msec() when added. */
};

/* A group. */
struct ofgroup {
    struct hmap_node hmap_node; /* In ofproto->groups by 'group_id'. */
    struct ofproto *ofproto;
    uint32_t group_id;
    uint8_t type;               /* OFPGT11_*. */
    struct svs_list buckets;    /* "struct ofputil_bucket"s, immutable. */
    uint32_t n_buckets;
    cls_version_t add_version;  /* Visible from this version ... */
    cls_version_t remove_version;   /* ... up to this one (excluded). */
    long long int created;

    pthread_mutex_t mutex;      /* Protects the statistics. */
    uint64_t packet_count;
    uint64_t byte_count;
    uint64_t *bucket_packets;   /* 'n_buckets' counters each. */
    uint64_t *bucket_bytes;
};

/* A meter (stored and reported; not enforced). */
struct ofmeter {
    struct hmap_node hmap_node; /* In ofproto->meters by 'meter_id'. */
    uint32_t meter_id;
    uint16_t flags;             /* OFPMF13_*. */
    uint16_t n_bands;
    struct ofputil_meter_band *bands;
    long long int created;
};

/* A switch. */
struct ofproto {
    struct hmap_node hmap_node; /* In the global map, by name. */
    const struct ofproto_class *ofproto_class;
    char *type;
    char *name;

    uint64_t datapath_id;
    char *mfr_desc, *hw_desc, *sw_desc, *serial_desc, *dp_desc;

    struct oftable *tables;     /* OFPROTO_N_TABLES of them. */
    int n_tables;
    cls_version_t tables_version;   /* Atomic: the current version. */
    uint64_t tables_seq;        /* Bumped by every published change to
                                 * rules, groups or port configuration. */

    struct hmap ports;          /* "struct ofport"s by ofp_port. */
    ofp_port_t max_ports;       /* OFPP_MAX. */

    struct hmap groups;         /* "struct ofgroup"s, guarded by
                                 * 'groups_rwlock' for other threads. */
    pthread_rwlock_t groups_rwlock;
    struct hmap meters;         /* "struct ofmeter"s. */

    struct svs_list expirable;  /* Rules with timeouts. */
    struct svs_list dead;       /* Batches of replaced or deleted rules
                                 * that stay in the classifiers, invisible
                                 * in the current version, until readers
                                 * of older versions are done (ofproto.c). */
    long long int next_expiration;  /* time_msec() of the next check. */

    struct connmgr *connmgr;
    enum ofproto_fail_mode fail_mode;
    int frag_handling;          /* enum ofputil_frag_handling. */

    /* Packet-ins queued by other threads. */
    pthread_mutex_t pin_mutex;
    struct svs_list pins;       /* "struct ofproto_pin"s, under
                                 * 'pin_mutex'. */
    struct latch *pin_latch;    /* Wakes the main thread. */
};

/* Returns the rule that contains 'cr' (may be NULL). */
static inline struct rule *
rule_from_cls_rule(const struct cls_rule *cr)
{
    return cr ? CONTAINER_OF(cr, struct rule, cr) : NULL;
}

/* Used by connmgr: handles one OpenFlow message 'oh' received on
 * 'ofconn' after the hello exchange.  Replies are queued on 'ofconn'.
 * Returns 0 or an OpenFlow error for connmgr to report. */
struct ofconn;
enum ofperr ofproto_handle_openflow(struct ofproto *, struct ofconn *,
                                    const struct ofp_header *oh);
/* Used by connmgr: the change counter the datapath reflects. */
uint64_t ofproto_get_synced_seq(const struct ofproto *);
/* Used by connmgr before deferring a reply: makes the datapath reflect
 * the current tables now, if the provider can. */
void ofproto_sync_datapath(struct ofproto *);
/* Used by connmgr when a connection closes: frees its bundles. */
void ofproto_ofconn_closing(struct ofproto *, struct ofconn *);
/* Adds the "priority=0 actions=NORMAL" flow to table 0 (fail-mode
 * standalone without controllers), unless table 0 already has a
 * priority-0 catch-all flow, which is then left alone (whatever its
 * actions, counters and all): calling it again changes nothing. */
void ofproto_add_normal_flow(struct ofproto *);
/* Adds (or replaces) the flow "actions=NORMAL" matching everything at
 * 'priority' in table 0 (above 65535: hidden from OpenFlow, as the
 * fail-open flow). */
void ofproto_add_catchall_normal_flow(struct ofproto *, int priority);

/* The provider interface.
 *
 * Every function returns 0 or a positive errno value (enum ofperr where
 * the type says so), may be NULL where noted, and runs in the main
 * thread. */
struct ofproto_class {
    const char *type;           /* Datapath type it serves, e.g. "netdev". */

    /* Sets up 'ofproto' (whose generic members are initialized) or fails;
     * on failure 'destruct' is not called. */
    int (*construct)(struct ofproto *ofproto);
    /* Releases what 'construct' set up.  Rules and groups are gone. */
    void (*destruct)(struct ofproto *ofproto);

    /* Periodic work.  May be NULL. */
    int (*run)(struct ofproto *ofproto);
    void (*wait)(struct ofproto *ofproto);

    /* Ports.  'port_add' may refuse a port with an errno value.
     * 'port_del' is called before the port leaves 'ofproto->ports'.
     * 'port_get_stats' fills 'stats' (unknown counters UINT64_MAX) or
     * returns EOPNOTSUPP; may be NULL (every counter unknown). */
    int (*port_add)(struct ofproto *ofproto, struct ofport *port);
    void (*port_del)(struct ofproto *ofproto, struct ofport *port);
    int (*port_get_stats)(const struct ofport *port,
                          struct ofputil_port_stats *stats);
    /* 'port''s config bits changed from 'old_config'.  May be NULL. */
    void (*port_reconfigured)(struct ofport *port,
                              enum ofputil_port_config old_config);

    /* Called after every published change to rules, groups or port
     * configuration, with 'ofproto->tables_seq' already bumped.  The
     * provider revalidates its cached datapath flows against the new
     * version and then makes get_synced_seq() return the new value.
     * May be NULL. */
    void (*tables_changed)(struct ofproto *ofproto);
    /* Returns the value of 'tables_seq' that the datapath fully reflects
     * (every cached flow is consistent with the tables as of that
     * change).  When this value moves, the provider must wake the main
     * thread's poll loop (barrier replies wait for it).  NULL: always
     * in sync. */
    uint64_t (*get_synced_seq)(const struct ofproto *ofproto);
    /* Brings the datapath in line with the tables now, as the next run()
     * would, so that get_synced_seq() returns 'tables_seq' without
     * another pass of the main loop (a barrier reply then goes out at
     * once).  May be NULL: replies then wait for run(). */
    void (*sync_datapath)(struct ofproto *ofproto);

    /* Executes the actions of 'po' on its packet, whose flow is 'flow'
     * (in_port and metadata set).  The actions are already checked. */
    enum ofperr (*packet_out)(struct ofproto *ofproto,
                              const struct ofputil_packet_out *po,
                              const struct flow *flow);

    /* Group 'group' was added, modified (replacing 'old') or deleted
     * ('group' NULL, 'old' the deleted one).  May be NULL. */
    void (*group_changed)(struct ofproto *ofproto,
                          const struct ofgroup *group,
                          const struct ofgroup *old);

    /* Meters: 'meter_set' installs or changes meter 'meter'; 'meter_del'
     * removes it.  Both may be NULL (meters are then only stored). */
    enum ofperr (*meter_set)(struct ofproto *ofproto,
                             const struct ofmeter *meter);
    void (*meter_del)(struct ofproto *ofproto, uint32_t meter_id);

    /* Flushes the connection tracker's entries in zone 'zone'
     * (NXT_CT_FLUSH_ZONE).  May be NULL: the message then fails with
     * OFPBRC_BAD_TYPE. */
    enum ofperr (*ct_flush_zone)(struct ofproto *ofproto, uint16_t zone);

    /* Adds provider memory counters to 'usage'.  May be NULL. */
    void (*get_memory_usage)(const struct ofproto *ofproto,
                             struct smap *usage);
};

#endif /* ofproto-provider.h */
