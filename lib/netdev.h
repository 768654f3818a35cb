/* netdev.h: network devices, as the userspace datapath and the bridge see
 * them.
 *
 * What: a 'struct netdev' is an open network device of some type:
 *   "system"   an existing Linux device, packets through an AF_PACKET
 *              socket with a TPACKET_V3 ring and PACKET_VNET_HDR, so that
 *              checksum-offloaded (partial checksum) and TSO packets from
 *              a veth are carried, not dropped;
 *   "internal" a tap device the switch creates with the bridge's or
 *              port's name (the bridge's local port);
 *   "tap"      an existing or new tap device;
 *   "afxdp"    an existing Linux device through an AF_XDP socket (libxdp);
 *   "dummy", "dummy-internal"  in-memory devices for tests: packets are
 *              injected with the unixctl command netdev-dummy/receive and
 *              captured with options:tx_pcap / rx_pcap, as in ovs-vswitchd.
 * Each type is a provider (netdev-provider.h).  Opening the same name
 * twice returns the same device with a reference count.
 *
 * Receive: a device has one or more receive queues; netdev_rxq_recv()
 * fills a batch with whatever packets are ready (EAGAIN if none), and
 * netdev_rxq_wait() arranges a poll-loop wake-up when more arrive.
 * Send: netdev_send() takes ownership of a batch.  A packet with a partial
 * checksum or TSO state (dp-packet.h) is passed on as such where the
 * device can take it (a vnet header), and completed in software where it
 * cannot.
 *
 * Errors: functions return 0 or a positive errno value.
 *
 * Thread-safety: netdev_open(), netdev_close(), configuration and the
 * registry are for the main thread (they take a global mutex, so other
 * threads may call them, too).  netdev_rxq_recv() may be called by one
 * thread per queue at a time; netdev_send() by any thread when
 * 'concurrent_txq' is true, else by one thread per 'qid' at a time; the
 * statistics and status getters by any thread. */
#ifndef SVS_NETDEV_H
#define SVS_NETDEV_H 1

#include <stdbool.h>
#include <stdint.h>
#include "svs-types.h"

struct dp_packet_batch;
struct ds;
struct netdev;
struct netdev_rxq;
struct smap;
struct sset;

/* Device flags. */
enum netdev_flags {
    NETDEV_UP = 1 << 0,         /* Administratively up. */
    NETDEV_PROMISC = 1 << 1,    /* Promiscuous. */
    NETDEV_LOOPBACK = 1 << 2,
};

struct netdev_stats {
    uint64_t rx_packets, tx_packets;
    uint64_t rx_bytes, tx_bytes;
    uint64_t rx_errors, tx_errors;
    uint64_t rx_dropped, tx_dropped;
    uint64_t multicast, collisions;
    uint64_t rx_length_errors, rx_over_errors, rx_crc_errors;
    uint64_t rx_frame_errors, rx_fifo_errors, rx_missed_errors;
    uint64_t tx_aborted_errors, tx_carrier_errors, tx_fifo_errors;
    uint64_t tx_heartbeat_errors, tx_window_errors;
};
/* Counters a device does not keep read as UINT64_MAX. */
void netdev_stats_init_unknown(struct netdev_stats *);

/* Registry. */
void netdev_register_default_providers(void);   /* Idempotent. */
void netdev_enumerate_types(struct sset *types);
bool netdev_is_known_type(const char *type);

/* Opening and closing.  'type' NULL or "" means "system". */
int netdev_open(const char *name, const char *type, struct netdev **);
struct netdev *netdev_ref(const struct netdev *);
void netdev_close(struct netdev *);
const char *netdev_get_name(const struct netdev *);
const char *netdev_get_type(const struct netdev *);
/* Removes the device from the system where the switch created it (an
 * internal port's tap) once the last reference goes. */
void netdev_remove_on_close(struct netdev *);

/* Configuration: the Interface's options column.  On error, '*errp' gets
 * a malloc'd message for the Interface's error column. */
int netdev_set_config(struct netdev *, const struct smap *args,
                      char **errp);
int netdev_get_config(const struct netdev *, struct smap *args);

/* Properties and status. */
int netdev_get_etheraddr(const struct netdev *, struct eth_addr *);
int netdev_set_etheraddr(struct netdev *, struct eth_addr);
int netdev_get_mtu(const struct netdev *, int *mtup);
int netdev_set_mtu(struct netdev *, int mtu);
int netdev_get_ifindex(const struct netdev *);   /* Or negative errno. */
int netdev_get_flags(const struct netdev *, enum netdev_flags *);
int netdev_turn_flags_on(struct netdev *, enum netdev_flags);
int netdev_turn_flags_off(struct netdev *, enum netdev_flags);
int netdev_get_carrier(const struct netdev *, bool *carrier);
/* Current link speed in Mbit/s, 0 if unknown. */
int netdev_get_speed(const struct netdev *, uint32_t *mbps);
int netdev_get_stats(const struct netdev *, struct netdev_stats *);
/* Fills 'smap' with the Interface status column's key-value pairs
 * (driver_name, ...). */
int netdev_get_status(const struct netdev *, struct smap *);
/* Bumps whenever carrier, flags, address or MTU change, so that the
 * bridge knows to refresh the database. */
uint64_t netdev_get_change_seq(const struct netdev *);

/* Receiving. */
int netdev_n_rxq(const struct netdev *);
int netdev_rxq_open(struct netdev *, struct netdev_rxq **, int id);
void netdev_rxq_close(struct netdev_rxq *);
struct netdev *netdev_rxq_get_netdev(const struct netdev_rxq *);
int netdev_rxq_get_id(const struct netdev_rxq *);
/* Adds up to DP_PACKET_BATCH_SIZE packets to the empty 'batch'.  Returns
 * 0 if it added any, EAGAIN if none were ready, or another errno. */
int netdev_rxq_recv(struct netdev_rxq *, struct dp_packet_batch *);
void netdev_rxq_wait(struct netdev_rxq *);
/* The file descriptor a poll thread can wait on, or -1. */
int netdev_rxq_get_fd(const struct netdev_rxq *);

/* Sending. */
int netdev_n_txq(const struct netdev *);
int netdev_send(struct netdev *, int qid, struct dp_packet_batch *,
                bool concurrent_txq);
void netdev_send_wait(struct netdev *, int qid);

/* Periodic work of every provider (carrier polling, dummy commands). */
void netdev_run(void);
void netdev_wait(void);

/* Tests: makes the dummy types available (ovs-vswitchd's --enable-dummy)
 * and registers the netdev-dummy/ unixctl commands.  With 'override',
 * the "system" type is served by dummy devices, too. */
void netdev_dummy_register(bool override);

#endif /* netdev.h */
