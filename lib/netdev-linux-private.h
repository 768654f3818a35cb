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
struct netdev_linux_link_info {
    int ifindex;
    unsigned int ifi_flags;     /* IFF_* including IFF_LOWER_UP. */
    int mtu;
    struct eth_addr mac;
    struct netdev_stats stats;  /* UINT64_MAX for counters not given. */
};

/* Queries the link 'name' (or, if 'name' is NULL, 'ifindex').  ENODEV if
 * there is no such link. */
int netdev_linux_link_query(const char *name, int ifindex,
                            struct netdev_linux_link_info *);

int netdev_linux_ifindex(const char *name);    /* Or negative errno. */
int netdev_linux_ifflags_get(const char *name, unsigned int *ifflags);
int netdev_linux_ifflags_set(const char *name, unsigned int off,
                             unsigned int on);
int netdev_linux_hwaddr_get(const char *name, struct eth_addr *);
int netdev_linux_hwaddr_set(const char *name, struct eth_addr);
int netdev_linux_mtu_get(const char *name, int *mtu);
int netdev_linux_mtu_set(const char *name, int mtu);
/* Link speed in Mbit/s (0 if unknown). */
int netdev_linux_speed_get(const char *name, uint32_t *mbps);
/* driver_name, driver_version, firmware_version. */
int netdev_linux_drvinfo_get(const char *name, struct smap *);

/* Link change tracking.  A device that embeds a 'struct
 * netdev_linux_watch' and adds it with netdev_linux_watch_add() gets its
 * change sequence number bumped when rtnetlink reports a change of its
 * flags, carrier, MTU or address, and is marked gone when the link is
 * deleted.  netdev_linux_notify_run() and netdev_linux_notify_wait()
 * belong in the provider's run and wait (main thread). */
struct netdev_linux_watch {
    struct svs_list node;       /* Under the module's list mutex. */
    struct netdev *netdev;
    pthread_mutex_t mutex;      /* Guards the members below. */
    int ifindex;                /* 0 once gone. */
    bool gone;                  /* The link was deleted. */
    struct netdev_linux_link_info cache;   /* Last seen. */
};

void netdev_linux_watch_add(struct netdev_linux_watch *, struct netdev *);
void netdev_linux_watch_remove(struct netdev_linux_watch *);
bool netdev_linux_watch_is_gone(struct netdev_linux_watch *);
void netdev_linux_notify_run(void);
void netdev_linux_notify_wait(void);

/* Translations between IFF_* and enum netdev_flags. */
enum netdev_flags netdev_linux_flags_to_netdev(unsigned int ifflags);
unsigned int netdev_linux_flags_from_netdev(enum netdev_flags);

#endif /* netdev-linux-private.h */
