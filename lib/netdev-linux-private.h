/* netdev-linux-private.h: Linux device helpers shared by the "system",
 * "internal" and "tap" providers (netdev-linux.c) and "afxdp"
 * (netdev-afxdp.c).
 *
 * What: ioctl, ethtool and rtnetlink queries of a Linux network device
 * by name or ifindex, in the calling process's network namespace.
 *
 * Errors: 0 or a positive errno value.
 *
 * Thread-safety: every function may be called from any thread. */
#ifndef SVS_NETDEV_LINUX_PRIVATE_H
#define SVS_NETDEV_LINUX_PRIVATE_H 1

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "list.h"
#include "netdev.h"
#include "svs-types.h"

struct smap;

/* What rtnetlink says of a link. */
struct linux_link_info {
    int ifindex;
    unsigned int ifi_flags;     /* IFF_* including IFF_LOWER_UP. */
    int mtu;
    struct eth_addr mac;
    struct netdev_stats stats;  /* UINT64_MAX for counters not given. */
};

/* Queries the link 'name' (or, if 'name' is NULL, 'ifindex').  ENODEV if
 * there is no such link. */
int linux_link_query(const char *name, int ifindex,
                     struct linux_link_info *);

int linux_get_ifindex(const char *name);        /* Or negative errno. */
int linux_get_ifflags(const char *name, unsigned int *ifflags);
int linux_set_ifflags(const char *name, unsigned int off, unsigned int on);
int linux_get_etheraddr(const char *name, struct eth_addr *);
int linux_set_etheraddr(const char *name, struct eth_addr);
int linux_get_mtu(const char *name, int *mtu);
int linux_set_mtu(const char *name, int mtu);
/* Link speed in Mbit/s (0 if unknown). */
int linux_get_speed(const char *name, uint32_t *mbps);
/* driver_name, driver_version, firmware_version. */
int linux_get_drvinfo(const char *name, struct smap *);

/* Link change tracking.  A device that embeds a 'struct linux_watch' and
 * adds it with linux_watch_add() gets its change sequence number bumped
 * when rtnetlink reports a change of its flags, carrier, MTU or address,
 * and is marked gone when the link is deleted.  linux_notify_run() and
 * linux_notify_wait() belong in the provider's run and wait (main
 * thread). */
struct linux_watch {
    struct svs_list node;       /* Under the module's list mutex. */
    struct netdev *netdev;
    pthread_mutex_t mutex;      /* Guards the members below. */
    int ifindex;                /* 0 once gone. */
    bool gone;                  /* The link was deleted. */
    struct linux_link_info cache;   /* Last seen. */
};

void linux_watch_add(struct linux_watch *, struct netdev *);
void linux_watch_remove(struct linux_watch *);
bool linux_watch_is_gone(struct linux_watch *);
void linux_notify_run(void);
void linux_notify_wait(void);

/* Translations between IFF_* and enum netdev_flags. */
enum netdev_flags linux_flags_to_netdev(unsigned int ifflags);
unsigned int linux_flags_from_netdev(enum netdev_flags);

#endif /* netdev-linux-private.h */
