/* ofproto-dpif-private.h: the inside of ofproto-dpif, shared by
 * ofproto-dpif.c (the provider, upcalls, revalidation) and xlate.c.
 *
 * Locking: 'xlate_rwlock' guards the configuration the translator reads
 * (bridges, their ports, VLAN settings, patch peers, the datapath port
 * maps).  Translations hold it for reading; the main thread takes it for
 * writing only around changes to these structures, and never while it
 * calls into the datapath (whose poll threads may be waiting for the read
 * side). */
#ifndef SVS_OFPROTO_DPIF_PRIVATE_H
#define SVS_OFPROTO_DPIF_PRIVATE_H 1

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "hmap.h"
#include "ofproto-dpif.h"
#include "svs-types.h"

struct dpif;
struct mac_learning;
struct ofport;
struct ofproto;
struct ukey;

extern pthread_rwlock_t xlate_rwlock;

/* A datapath shared by the bridges of one datapath type. */
struct dpif_backer {
    struct hmap_node node;          /* In 'all_backers' by type. */
    char *type;
    int refcount;                   /* Bridges using it. */
    struct dpif *dpif;
    struct hmap odp_ports;          /* "struct ofport_dpif"s by odp_port,
                                     * under 'xlate_rwlock'. */
    struct hmap ukeys;              /* "struct ukey"s by ufid (main
                                     * thread). */
    pthread_mutex_t new_ukeys_mutex;
    struct ukey *new_ukeys;         /* Made by upcalls, not yet in 'ukeys',
                                     * under 'new_ukeys_mutex'. */
    uint64_t need_revalidate;       /* Bumped when flows may be stale. */
    uint64_t revalidated;           /* 'need_revalidate' at the last full
                                     * revalidation. */
    long long int next_dump;        /* time_msec() of the next periodic
                                     * pass (statistics, idle expiry). */
    unsigned int flow_limit;
    uint64_t last_mac_seq;          /* Sum of MAC table seqs seen. */

    /* Statistics for upcall/show. */
    uint64_t n_flows, max_flows, avg_flows;
    long long int dump_duration;
};

/* A bridge's provider state. */
struct ofproto_dpif {
    struct hmap_node node;          /* In 'all_ofproto_dpifs' by name. */
    struct ofproto *up;
    char *name;
    uint32_t index;                 /* For controller userdata. */
    struct dpif_backer *backer;
    struct mac_learning *ml;
    struct hmap ports;              /* "struct ofport_dpif"s by ofp_port. */
    uint64_t synced_seq;            /* Atomic: tables_seq reflected. */
    uint64_t wanted_seq;            /* tables_seq to reflect. */
};

/* Bitmap of 4096 VLANs. */
#define VLAN_BITMAP_WORDS (4096 / 64)

struct ofport_dpif {
    struct hmap_node ofp_node;      /* In 'ofproto->ports' by ofp_port. */
    struct hmap_node odp_node;      /* In 'backer->odp_ports' if a
                                     * datapath port. */
    struct ofproto_dpif *ofproto;
    struct ofport *up;
    ofp_port_t ofp_port;
    odp_port_t odp_port;            /* ODPP_NONE for patch ports. */
    char *name;
    char *peer;                     /* Patch peer port name, or NULL. */

    /* VLAN treatment for NORMAL. */
    enum port_vlan_mode vlan_mode;
    int tag;                        /* Access/native VLAN, -1 none. */
    bool all_trunks;                /* Trunk of every VLAN. */
    uint64_t trunks[VLAN_BITMAP_WORDS];
};

/* Lookups, under 'xlate_rwlock' (read). */
struct ofport_dpif *ofproto_dpif_port(const struct ofproto_dpif *,
                                      ofp_port_t);
struct ofport_dpif *ofproto_dpif_port_by_odp(const struct dpif_backer *,
                                             odp_port_t);
/* The patch peer of 'port' (a port of another bridge), or NULL. */
struct ofport_dpif *ofproto_dpif_patch_peer(const struct ofport_dpif *);
struct ofproto_dpif *ofproto_dpif_by_index(uint32_t index);

/* Userdata of the userspace actions xlate emits for the controller. */
struct controller_userdata {
    uint32_t kind;                  /* USERDATA_CONTROLLER. */
    uint32_t bridge_index;          /* ofproto_dpif 'index'. */
    uint16_t max_len;
    uint16_t controller_id;
    uint8_t reason;                 /* OFPR_*. */
    uint8_t table_id;
    uint8_t pad[2];
    be64 cookie;
    uint32_t in_port;               /* OpenFlow port. */
    uint32_t pad2;
    be64 metadata;
    uint32_t regs[16];
};
#define USERDATA_CONTROLLER 1

#endif /* ofproto-dpif-private.h */
