/* netdev-provider.h: the interface between netdev.c and the network
 * device providers (netdev-linux.c, netdev-afxdp.c, netdev-dummy.c).
 *
 * What: a provider is a 'struct netdev_class' registered under a type name
 * ("system", "tap", ...).  Its devices and receive queues are derived
 * structs that embed 'struct netdev' and 'struct netdev_rxq' first.
 *
 * Lifecycle (devices and receive queues alike): netdev.c calls 'alloc',
 * initializes the base members, then calls 'construct'.  'construct' may
 * fail, in which case netdev.c calls 'dealloc' but not 'destruct'.  When
 * the last reference goes, netdev.c calls 'destruct' then 'dealloc'.
 *
 * Errors: members return 0 or a positive errno value; a member that is
 * NULL makes the corresponding netdev.c function return EOPNOTSUPP.
 *
 * Thread-safety: netdev.c serializes open, close and construct/destruct
 * under its global registry mutex.  Every other member may be called from
 * any thread (rxq_recv by one thread per queue, send per the
 * 'concurrent_txq' contract of netdev.h), so providers guard their mutable
 * device state with their own locks. */
#ifndef SVS_NETDEV_PROVIDER_H
#define SVS_NETDEV_PROVIDER_H 1

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include "netdev.h"

struct netdev_class;

/* The base of every device. */
struct netdev {
    char *name;                         /* Device name, e.g. "eth0". */
    const struct netdev_class *netdev_class;
    int ref_cnt;                        /* Under the registry mutex. */
    bool remove_on_close;               /* netdev_remove_on_close(). */
    atomic_uint_least64_t change_seq;   /* netdev_change_seq_bump(). */
    int n_rxq;                          /* Receive queues; set by
                                         * 'construct' or 'set_config'. */
    int n_txq;                          /* Transmit queues, likewise. */
};

/* The base of every receive queue. */
struct netdev_rxq {
    struct netdev *netdev;              /* Holds a reference. */
    int queue_id;                       /* 0 <= queue_id < n_rxq. */
};

/* Bumps 'netdev''s change sequence number (carrier, flags, address or MTU
 * changed).  Thread-safe. */
static inline void
netdev_change_seq_bump(struct netdev *netdev)
{
    atomic_fetch_add(&netdev->change_seq, 1);
}

struct netdev_class {
    /* Type name, e.g. "system".  Unique among registered classes. */
    const char *type;

    /* Called once per registered class from netdev_run()/netdev_wait(),
     * main thread.  May be NULL. */
    void (*run)(const struct netdev_class *);
    void (*wait)(const struct netdev_class *);

    /* Device lifecycle (see the file comment).  'construct' finds
     * netdev->name and netdev->netdev_class set and must set n_rxq and
     * n_txq (both default to 1).  A 'construct' failing with ENODEV means
     * the device does not exist. */
    struct netdev *(*alloc)(void);
    int (*construct)(struct netdev *);
    void (*destruct)(struct netdev *);
    void (*dealloc)(struct netdev *);

    /* Configuration ('args' is the Interface's options).  On error
     * '*errp' may receive a malloc'd message.  May be NULL, in which case
     * any non-empty 'args' is rejected. */
    int (*set_config)(struct netdev *, const struct smap *args,
                      char **errp);
    int (*get_config)(const struct netdev *, struct smap *args);

    /* Sends 'batch' on queue 'qid', taking ownership of its packets (also
     * on error).  May be NULL for receive-only devices. */
    int (*send)(struct netdev *, int qid, struct dp_packet_batch *,
                bool concurrent_txq);
    void (*send_wait)(struct netdev *, int qid);

    /* Properties. */
    int (*set_etheraddr)(struct netdev *, struct eth_addr);
    int (*get_etheraddr)(const struct netdev *, struct eth_addr *);
    int (*get_mtu)(const struct netdev *, int *mtup);
    int (*set_mtu)(struct netdev *, int mtu);
    int (*get_ifindex)(const struct netdev *);  /* Or negative errno. */
    int (*get_carrier)(const struct netdev *, bool *carrier);
    int (*get_speed)(const struct netdev *, uint32_t *mbps);
    int (*get_stats)(const struct netdev *, struct netdev_stats *);
    int (*get_status)(const struct netdev *, struct smap *);

    /* Turns 'off' off and 'on' on, storing the previous flags in
     * '*old_flags'. */
    int (*update_flags)(struct netdev *, enum netdev_flags off,
                        enum netdev_flags on, enum netdev_flags *old_flags);

    /* Receive queue lifecycle; netdev.c sets 'netdev' and 'queue_id'
     * before 'rxq_construct'. */
    struct netdev_rxq *(*rxq_alloc)(void);
    int (*rxq_construct)(struct netdev_rxq *);
    void (*rxq_destruct)(struct netdev_rxq *);
    void (*rxq_dealloc)(struct netdev_rxq *);

    /* See netdev_rxq_recv() and netdev_rxq_wait() in netdev.h. */
    int (*rxq_recv)(struct netdev_rxq *, struct dp_packet_batch *);
    void (*rxq_wait)(struct netdev_rxq *);
    /* May be NULL (no file descriptor). */
    int (*rxq_get_fd)(const struct netdev_rxq *);
};

/* Registers 'class', which must stay valid until it is unregistered.
 * Returns EEXIST if its type is taken. */
int netdev_register_provider(const struct netdev_class *);
/* Returns ENOENT if 'type' is not registered, EBUSY if devices of that
 * type are open. */
int netdev_unregister_provider(const char *type);
/* The class registered for 'type', or NULL. */
const struct netdev_class *netdev_lookup_provider(const char *type);

/* Returns the open device 'name' with a new reference, or NULL if no
 * device of that name is open. */
struct netdev *netdev_lookup(const char *name);

/* Returns the open devices whose class is 'class', each with a new
 * reference, in a malloc'd array ('*n' entries); release each with
 * netdev_close() and free the array. */
struct netdev **netdev_get_devices(const struct netdev_class *, size_t *n);

/* Provider registration entry points. */
void netdev_linux_register(void);       /* "system", "internal", "tap". */
void netdev_afxdp_register(void);       /* "afxdp". */

/* Software segmentation for devices that cannot take TSO packets
 * (implemented in dp-packet-tso.c beside dp_packet_segment_tso(), which
 * is bounded by a batch): calls 'cb' with each MSS-sized segment of the
 * TSO packet 'p', complete with checksums, passing ownership of the
 * segment.  'p' is consumed.  Returns 0, or EINVAL if 'p' is not a TCP
 * packet that can be segmented (no segments are produced then). */
typedef void dp_packet_segment_cb(struct dp_packet *segment, void *aux);
int dp_packet_segment_tso_each(struct dp_packet *p,
                               dp_packet_segment_cb *cb, void *aux);

#endif /* netdev-provider.h */
