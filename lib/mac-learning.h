/* mac-learning.h: the MAC learning table of the NORMAL action.
 *
 * What: maps (VLAN, Ethernet address) to the port the address was last
 * seen on, so that NORMAL forwards a frame to one port instead of
 * flooding it.  Entries age out after an idle time (default 300 s), and
 * the table holds at most a maximum number of entries (default 8192),
 * evicting the oldest when full.  Statistics follow ovs-appctl
 * fdb/stats-show.
 *
 * Ports are opaque pointers supplied by the caller (the bridge's port
 * objects), with the OpenFlow port number kept beside them for fdb/show.
 *
 * Thread-safety: every function is thread-safe: handler threads look up
 * and learn concurrently with the main thread's aging and flushing (a
 * read-write lock inside).  mac_learning_get_seq() changes whenever the
 * table changes in a way that can change a forwarding decision, so that
 * cached datapath flows made from older decisions can be revalidated. */
#ifndef SVS_MAC_LEARNING_H
#define SVS_MAC_LEARNING_H 1

#include <stdbool.h>
#include <stdint.h>
#include "svs-types.h"

struct ds;
struct mac_learning;

#define MAC_ENTRY_DEFAULT_IDLE_TIME 300     /* Seconds. */
#define MAC_DEFAULT_MAX 8192

struct mac_learning *mac_learning_create(unsigned int idle_time);
void mac_learning_destroy(struct mac_learning *);

void mac_learning_set_idle_time(struct mac_learning *, unsigned int secs);
void mac_learning_set_max_entries(struct mac_learning *, size_t max);

/* Learns that 'src' on 'vlan' is behind 'port' (OpenFlow port number
 * 'ofp_port').  Multicast sources are never learned.  Returns true if
 * the table changed (a new entry or a move). */
bool mac_learning_learn(struct mac_learning *, struct eth_addr src,
                        uint16_t vlan, void *port, ofp_port_t ofp_port);
/* The port 'dst' on 'vlan' was learned behind, or NULL. */
void *mac_learning_lookup(const struct mac_learning *, struct eth_addr dst,
                          uint16_t vlan);

/* Forgets every entry, or every entry on 'port', or one entry. */
void mac_learning_flush(struct mac_learning *);
void mac_learning_flush_port(struct mac_learning *, void *port);
bool mac_learning_forget(struct mac_learning *, struct eth_addr,
                         uint16_t vlan);

/* Expires idle entries.  Returns true if any went. */
bool mac_learning_run(struct mac_learning *);
void mac_learning_wait(struct mac_learning *);
uint64_t mac_learning_get_seq(const struct mac_learning *);
size_t mac_learning_count(const struct mac_learning *);

/* fdb/show and fdb/stats-show text, as ovs-appctl prints them.
 * 'port_name' may give a port's name for fdb/show (NULL: numbers). */
void mac_learning_format(const struct mac_learning *, struct ds *);
void mac_learning_format_stats(const struct mac_learning *,
                               const char *bridge, struct ds *);

#endif /* mac-learning.h */
