/* netdev-linux.c: Linux network devices, types "system", "internal" and
 * "tap" (see netdev.h).
 *
 * "system" is an existing device (a veth, say).  Each receive queue is an
 * AF_PACKET socket bound to the device's ifindex with a TPACKET_V3 ring
 * mapped into memory, PACKET_IGNORE_OUTGOING (so the switch does not see
 * what it or the host sends out of the device) and promiscuous membership.
 * Sending goes through a second AF_PACKET socket with sendmmsg().  Both
 * sockets use PACKET_VNET_HDR: every packet carries a virtio_net_hdr, so
 * a partial checksum or a TSO super-packet from a veth keeps that state in
 * the dp_packet (DP_PACKET_OL_CSUM_PARTIAL, DP_PACKET_OL_TSO) and is
 * passed back to the kernel as such on output.
 *
 * "internal" and "tap" are tap devices opened through /dev/net/tun with
 * IFF_TAP | IFF_NO_PI | IFF_VNET_HDR and TUNSETOFFLOAD, so the kernel hands
 * partial-checksum and TSO packets through in both directions.  The switch
 * creates the device if it does not exist but leaves it administratively
 * down, as ovs-vswitchd does, until the user brings it up ("ip link set
 * br0 up"): so the host sends nothing into the switch through a bridge's
 * own port unless asked to.  A tap that the switch created vanishes when it
 * closes it (the tap is not persistent).
 *
 * Changes of flags, carrier, MTU and address, and the device going away,
 * arrive as rtnetlink link notifications, read in netdev_run(), which bump
 * the device's change sequence number.
 *
 * Thread-safety: each device's mutable state is under its mutex; the list
 * of open devices under 'linux_list_mutex'.  The file descriptors are
 * fixed for the device's lifetime. */
#include <config.h>
#include "netdev-linux-private.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/ethtool.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <linux/virtio_net.h>
#include <net/ethernet.h>
#include <net/if_arp.h>
#include <net/if.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>
#include "dp-packet.h"
#include "list.h"
#include "netdev-provider.h"
#include "packets.h"
#include "poll-loop.h"
#include "smap.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(netdev_linux);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

/* The TPACKET_V3 receive ring of each queue: RING_BLOCKS blocks of
 * RING_BLOCK_SIZE bytes (a block holds many packets, or one TSO packet of
 * up to 64 kB), handed to userspace when full or after RING_TIMEOUT_MS. */
#define RING_BLOCK_SIZE (1u << 18)
#define RING_BLOCKS 32
#define RING_FRAME_SIZE 2048
#define RING_TIMEOUT_MS 1

/* Largest packet read from a tap: a 64 kB TSO packet and its headers. */
#define TAP_MAX_PACKET (65536 + 1024)

struct netdev_linux {
    struct netdev up;
    struct netdev_linux_watch watch;   /* Link changes. */
    bool is_tap;                /* "internal" or "tap". */

    /* Fixed after construct. */
    int tx_fd;                  /* "system": AF_PACKET socket for output.
                                 * "internal"/"tap": the tap's fd. */
    bool created;               /* A tap the switch created. */

    pthread_mutex_t mutex;      /* Guards the members below. */
    uint64_t tx_dropped;        /* Packets the kernel refused. */
};

struct netdev_rxq_linux {
    struct netdev_rxq up;
    int fd;                     /* AF_PACKET socket or the tap's fd. */
    bool dead;                  /* The device went away. */
    int ifindex;                /* "system": the bound device. */

    /* "system": the mapped ring and where reading stands. */
    uint8_t *ring;
    size_t ring_size;
    unsigned int block;         /* Current block index. */
    uint32_t pkts_left;         /* Packets still to read in it, or 0. */
    uint8_t *next_pkt;          /* Next tpacket3_hdr in it. */

    bool is_tap;                /* "internal"/"tap": reads the tap. */
};

/* Watched links (struct netdev_linux_watch). */
static pthread_mutex_t linux_list_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct svs_list linux_watches = SVS_LIST_INITIALIZER(&linux_watches);

static const struct netdev_class netdev_linux_class;
static const struct netdev_class netdev_internal_class;
static const struct netdev_class netdev_tap_class;

static struct netdev_linux *
netdev_linux_cast(const struct netdev *netdev)
{
    return CONTAINER_OF(netdev, struct netdev_linux, up);
}

static struct netdev_rxq_linux *
netdev_rxq_linux_cast(const struct netdev_rxq *rxq)
{
    return CONTAINER_OF(rxq, struct netdev_rxq_linux, up);
}

/* ioctl and ethtool helpers. */

static int inet_sock = -1;
static int inet_sock_error;

static void
af_inet_sock_create(void)
{
    inet_sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    inet_sock_error = inet_sock < 0 ? errno : 0;
}

/* A datagram socket for interface ioctls, created once, or a negative
 * errno value. */
static int
af_inet_sock(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, af_inet_sock_create);
    return inet_sock < 0 ? -inet_sock_error : inet_sock;
}

static int
linux_ifreq(const char *name, unsigned long cmd, struct ifreq *ifr)
{
    int sock = af_inet_sock();

    if (sock < 0) {
        return -sock;
    }
    if (strlen(name) >= IFNAMSIZ) {
        return ENAMETOOLONG;
    }
    strncpy(ifr->ifr_name, name, IFNAMSIZ - 1);
    ifr->ifr_name[IFNAMSIZ - 1] = '\0';
    return ioctl(sock, cmd, ifr) < 0 ? errno : 0;
}

int
netdev_linux_ifindex(const char *name)
{
    struct ifreq ifr;
    int error;

    memset(&ifr, 0, sizeof ifr);
    error = linux_ifreq(name, SIOCGIFINDEX, &ifr);
    return error ? -error : ifr.ifr_ifindex;
}

int
netdev_linux_ifflags_get(const char *name, unsigned int *ifflags)
{
    struct ifreq ifr;
    int error;

    memset(&ifr, 0, sizeof ifr);
    error = linux_ifreq(name, SIOCGIFFLAGS, &ifr);
    *ifflags = error ? 0 : (unsigned short) ifr.ifr_flags;
    return error;
}

int
netdev_linux_ifflags_set(const char *name, unsigned int off, unsigned int on)
{
    struct ifreq ifr;
    unsigned int flags;
    int error;

    error = netdev_linux_ifflags_get(name, &flags);
    if (error) {
        return error;
    }
    if (((flags & ~off) | on) == flags) {
        return 0;
    }
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = (flags & ~off) | on;
    return linux_ifreq(name, SIOCSIFFLAGS, &ifr);
}

int
netdev_linux_hwaddr_get(const char *name, struct eth_addr *mac)
{
    struct ifreq ifr;
    int error;

    memset(&ifr, 0, sizeof ifr);
    error = linux_ifreq(name, SIOCGIFHWADDR, &ifr);
    if (!error) {
        memcpy(mac->ea, ifr.ifr_hwaddr.sa_data, ETH_ADDR_LEN);
    }
    return error;
}

int
netdev_linux_hwaddr_set(const char *name, struct eth_addr mac)
{
    struct ifreq ifr;

    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
    memcpy(ifr.ifr_hwaddr.sa_data, mac.ea, ETH_ADDR_LEN);
    return linux_ifreq(name, SIOCSIFHWADDR, &ifr);
}

int
netdev_linux_mtu_get(const char *name, int *mtu)
{
    struct ifreq ifr;
    int error;

    memset(&ifr, 0, sizeof ifr);
    error = linux_ifreq(name, SIOCGIFMTU, &ifr);
    *mtu = error ? 0 : ifr.ifr_mtu;
    return error;
}

int
netdev_linux_mtu_set(const char *name, int mtu)
{
    struct ifreq ifr;

    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_mtu = mtu;
    return linux_ifreq(name, SIOCSIFMTU, &ifr);
}

static int
linux_ethtool(const char *name, void *cmd)
{
    struct ifreq ifr;

    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_data = cmd;
    return linux_ifreq(name, SIOCETHTOOL, &ifr);
}

int
netdev_linux_speed_get(const char *name, uint32_t *mbps)
{
    struct ethtool_cmd ecmd;
    uint32_t speed;
    int error;

    memset(&ecmd, 0, sizeof ecmd);
    ecmd.cmd = ETHTOOL_GSET;
    error = linux_ethtool(name, &ecmd);
    if (error) {
        *mbps = 0;
        return error;
    }
    speed = ethtool_cmd_speed(&ecmd);
    *mbps = speed == (uint32_t) SPEED_UNKNOWN || speed == 0xffff ? 0 : speed;
    return 0;
}

int
netdev_linux_drvinfo_get(const char *name, struct smap *smap)
{
    struct ethtool_drvinfo info;
    int error;

    memset(&info, 0, sizeof info);
    info.cmd = ETHTOOL_GDRVINFO;
    error = linux_ethtool(name, &info);
    if (!error) {
        info.driver[sizeof info.driver - 1] = '\0';
        info.version[sizeof info.version - 1] = '\0';
        info.fw_version[sizeof info.fw_version - 1] = '\0';
        smap_replace(smap, "driver_name", info.driver);
        smap_replace(smap, "driver_version", info.version);
        smap_replace(smap, "firmware_version", info.fw_version);
    }
    return error;
}

enum netdev_flags
netdev_linux_flags_to_netdev(unsigned int ifflags)
{
    return ((ifflags & IFF_UP ? NETDEV_UP : 0)
            | (ifflags & IFF_PROMISC ? NETDEV_PROMISC : 0)
            | (ifflags & IFF_LOOPBACK ? NETDEV_LOOPBACK : 0));
}

unsigned int
netdev_linux_flags_from_netdev(enum netdev_flags flags)
{
    return ((flags & NETDEV_UP ? IFF_UP : 0)
            | (flags & NETDEV_PROMISC ? IFF_PROMISC : 0)
            | (flags & NETDEV_LOOPBACK ? IFF_LOOPBACK : 0));
}

/* rtnetlink. */

static void
linux_stats_from_rtnl(struct netdev_stats *dst,
                      const struct rtnl_link_stats64 *s)
{
    dst->rx_packets = s->rx_packets;
    dst->tx_packets = s->tx_packets;
    dst->rx_bytes = s->rx_bytes;
    dst->tx_bytes = s->tx_bytes;
    dst->rx_errors = s->rx_errors;
    dst->tx_errors = s->tx_errors;
    dst->rx_dropped = s->rx_dropped;
    dst->tx_dropped = s->tx_dropped;
    dst->multicast = s->multicast;
    dst->collisions = s->collisions;
    dst->rx_length_errors = s->rx_length_errors;
    dst->rx_over_errors = s->rx_over_errors;
    dst->rx_crc_errors = s->rx_crc_errors;
    dst->rx_frame_errors = s->rx_frame_errors;
    dst->rx_fifo_errors = s->rx_fifo_errors;
    dst->rx_missed_errors = s->rx_missed_errors;
    dst->tx_aborted_errors = s->tx_aborted_errors;
    dst->tx_carrier_errors = s->tx_carrier_errors;
    dst->tx_fifo_errors = s->tx_fifo_errors;
    dst->tx_heartbeat_errors = s->tx_heartbeat_errors;
    dst->tx_window_errors = s->tx_window_errors;
}

/* Parses the RTM_NEWLINK message 'nlh' into 'info'. */
static void
linux_parse_link(const struct nlmsghdr *nlh,
                 struct netdev_linux_link_info *info)
{
    const struct ifinfomsg *ifi = NLMSG_DATA(nlh);
    int len = nlh->nlmsg_len - NLMSG_LENGTH(sizeof *ifi);

    memset(info, 0, sizeof *info);
    netdev_stats_init_unknown(&info->stats);
    info->ifindex = ifi->ifi_index;
    info->ifi_flags = ifi->ifi_flags;
    for (const struct rtattr *rta = IFLA_RTA(ifi); RTA_OK(rta, len);
         rta = RTA_NEXT(rta, len)) {
        size_t plen = RTA_PAYLOAD(rta);

        if (rta->rta_type == IFLA_MTU && plen >= 4) {
            uint32_t mtu;
            memcpy(&mtu, RTA_DATA(rta), 4);
            info->mtu = mtu;
        } else if (rta->rta_type == IFLA_ADDRESS && plen == ETH_ADDR_LEN) {
            memcpy(info->mac.ea, RTA_DATA(rta), ETH_ADDR_LEN);
        } else if (rta->rta_type == IFLA_STATS64
                   && plen >= sizeof(struct rtnl_link_stats64)) {
            struct rtnl_link_stats64 s;
            memcpy(&s, RTA_DATA(rta), sizeof s);
            linux_stats_from_rtnl(&info->stats, &s);
        }
    }
}

int
netdev_linux_link_query(const char *name, int ifindex,
                        struct netdev_linux_link_info *info)
{
    struct {
        struct nlmsghdr nlh;
        struct ifinfomsg ifi;
        char attrs[RTA_SPACE(IFNAMSIZ)];
    } req;
    struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
    static uint32_t seq;
    uint32_t my_seq = __atomic_add_fetch(&seq, 1, __ATOMIC_RELAXED);
    size_t bufsize = 16384;
    uint8_t *buf;
    int fd, error;

    fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd < 0) {
        return errno;
    }
    memset(&req, 0, sizeof req);
    req.nlh.nlmsg_len = NLMSG_LENGTH(sizeof req.ifi);
    req.nlh.nlmsg_type = RTM_GETLINK;
    req.nlh.nlmsg_flags = NLM_F_REQUEST;
    req.nlh.nlmsg_seq = my_seq;
    req.ifi.ifi_family = AF_UNSPEC;
    if (name) {
        struct rtattr *rta;
        size_t len = strlen(name) + 1;

        if (len > IFNAMSIZ) {
            close(fd);
            return ENODEV;
        }
        rta = (struct rtattr *) ((char *) &req
                                 + NLMSG_ALIGN(req.nlh.nlmsg_len));
        rta->rta_type = IFLA_IFNAME;
        rta->rta_len = RTA_LENGTH(len);
        memcpy(RTA_DATA(rta), name, len);
        req.nlh.nlmsg_len = (NLMSG_ALIGN(req.nlh.nlmsg_len)
                             + RTA_ALIGN(rta->rta_len));
    } else {
        req.ifi.ifi_index = ifindex;
    }
    if (sendto(fd, &req, req.nlh.nlmsg_len, 0, (struct sockaddr *) &sa,
               sizeof sa) < 0) {
        error = errno;
        close(fd);
        return error;
    }

    buf = xmalloc(bufsize);
    error = EPROTO;
    for (;;) {
        ssize_t n = recv(fd, buf, bufsize, 0);
        struct nlmsghdr *nlh;
        int len;

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            error = errno;
            break;
        }
        len = n;
        for (nlh = (struct nlmsghdr *) buf; NLMSG_OK(nlh, len);
             nlh = NLMSG_NEXT(nlh, len)) {
            if (nlh->nlmsg_seq != my_seq) {
                continue;
            }
            if (nlh->nlmsg_type == NLMSG_ERROR) {
                const struct nlmsgerr *e = NLMSG_DATA(nlh);
                error = e->error ? -e->error : EPROTO;
                goto done;
            } else if (nlh->nlmsg_type == RTM_NEWLINK) {
                linux_parse_link(nlh, info);
                error = 0;
                goto done;
            }
        }
    }
done:
    free(buf);
    close(fd);
    return error;
}

/* The notification socket: RTMGRP_LINK, read in netdev_linux_run(). */
static int notify_fd = -1;

static void
linux_notify_open(void)
{
    struct sockaddr_nl sa = { .nl_family = AF_NETLINK,
                              .nl_groups = RTMGRP_LINK };
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
                    NETLINK_ROUTE);

    if (fd < 0) {
        VLOG_WARN("rtnetlink socket failed (%s): no link notifications",
                  svs_strerror(errno));
        return;
    }
    if (bind(fd, (struct sockaddr *) &sa, sizeof sa) < 0) {
        VLOG_WARN("rtnetlink bind failed (%s): no link notifications",
                  svs_strerror(errno));
        close(fd);
        return;
    }
    notify_fd = fd;
}

/* Refreshes 'w''s cached link state from 'info' (NULL: the link is
 * gone), bumping the change sequence number on a change. */
static void
linux_watch_update(struct netdev_linux_watch *w,
                   const struct netdev_linux_link_info *info)
{
    bool changed = false;

    pthread_mutex_lock(&w->mutex);
    if (!info) {
        if (!w->gone) {
            __atomic_store_n(&w->gone, true, __ATOMIC_RELAXED);
            w->ifindex = 0;
            changed = true;
            VLOG_INFO("%s: device removed", w->netdev->name);
        }
    } else {
        changed = (w->gone
                   || w->cache.ifi_flags != info->ifi_flags
                   || w->cache.mtu != info->mtu
                   || !eth_addr_equals(w->cache.mac, info->mac)
                   || w->ifindex != info->ifindex);
        __atomic_store_n(&w->gone, false, __ATOMIC_RELAXED);
        w->ifindex = info->ifindex;
        w->cache = *info;
    }
    pthread_mutex_unlock(&w->mutex);
    if (changed) {
        netdev_change_seq_bump(w->netdev);
    }
}

void
netdev_linux_watch_add(struct netdev_linux_watch *w, struct netdev *netdev)
{
    struct netdev_linux_link_info info;

    w->netdev = netdev;
    pthread_mutex_init(&w->mutex, NULL);
    w->gone = false;
    w->ifindex = 0;
    memset(&w->cache, 0, sizeof w->cache);
    if (!netdev_linux_link_query(netdev->name, 0, &info)) {
        w->cache = info;
        w->ifindex = info.ifindex;
    }
    pthread_mutex_lock(&linux_list_mutex);
    svs_list_push_back(&linux_watches, &w->node);
    pthread_mutex_unlock(&linux_list_mutex);
}

void
netdev_linux_watch_remove(struct netdev_linux_watch *w)
{
    pthread_mutex_lock(&linux_list_mutex);
    svs_list_remove(&w->node);
    pthread_mutex_unlock(&linux_list_mutex);
    pthread_mutex_destroy(&w->mutex);
}

/* Whether rtnetlink reported the link deleted.  Lock-free, for the
 * receive path. */
bool
netdev_linux_watch_is_gone(struct netdev_linux_watch *w)
{
    return __atomic_load_n(&w->gone, __ATOMIC_RELAXED);
}

/* Applies one rtnetlink link notification. */
static void
linux_notify_apply(const struct nlmsghdr *nlh)
{
    struct netdev_linux_link_info info;
    const struct ifinfomsg *ifi = NLMSG_DATA(nlh);
    const char *ifname = NULL;
    struct netdev_linux_watch *w;
    int len = nlh->nlmsg_len - NLMSG_LENGTH(sizeof *ifi);

    if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof *ifi)) {
        return;
    }
    for (const struct rtattr *rta = IFLA_RTA(ifi); RTA_OK(rta, len);
         rta = RTA_NEXT(rta, len)) {
        if (rta->rta_type == IFLA_IFNAME) {
            ifname = RTA_DATA(rta);
        }
    }
    linux_parse_link(nlh, &info);

    pthread_mutex_lock(&linux_list_mutex);
    LIST_FOR_EACH (w, node, &linux_watches) {
        bool match = (ifname ? !strcmp(w->netdev->name, ifname)
                      : w->ifindex == ifi->ifi_index);
        if (match) {
            linux_watch_update(w, nlh->nlmsg_type == RTM_DELLINK
                                  ? NULL : &info);
        }
    }
    pthread_mutex_unlock(&linux_list_mutex);
}

/* Drains the notification socket.  Every Linux-based class calls this
 * from its 'run': whichever runs first in a main loop iteration finds the
 * messages, the others none. */
void
netdev_linux_notify_run(void)
{
    uint8_t buf[16384];

    if (notify_fd < 0 || !poll_fd_may_be_ready(notify_fd, POLLIN)) {
        return;
    }
    for (;;) {
        ssize_t n = recv(notify_fd, buf, sizeof buf, 0);
        int len;

        if (n < 0) {
            if (errno == EAGAIN) {
                /* The other classes' calls in this pass skip the recv. */
                poll_fd_mark_drained(notify_fd, POLLIN);
            }
            if (errno == ENOBUFS) {
                /* Lost notifications: re-read every link. */
                struct netdev_linux_watch *w;

                pthread_mutex_lock(&linux_list_mutex);
                LIST_FOR_EACH (w, node, &linux_watches) {
                    struct netdev_linux_link_info info;

                    int error = netdev_linux_link_query(w->netdev->name, 0,
                                                        &info);

                    linux_watch_update(w, error ? NULL : &info);
                }
                pthread_mutex_unlock(&linux_list_mutex);
                continue;
            }
            break;
        }
        len = n;
        for (struct nlmsghdr *nlh = (struct nlmsghdr *) buf;
             NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
            if (nlh->nlmsg_type == RTM_NEWLINK
                || nlh->nlmsg_type == RTM_DELLINK) {
                linux_notify_apply(nlh);
            }
        }
    }
}

void
netdev_linux_notify_wait(void)
{
    if (notify_fd >= 0) {
        poll_fd_wait(notify_fd, POLLIN);
    }
}

static void
netdev_linux_run(const struct netdev_class *class)
{
    netdev_linux_notify_run();
}

static void
netdev_linux_wait(const struct netdev_class *class)
{
    netdev_linux_notify_wait();
}

/* Device lifecycle. */

static struct netdev *
netdev_linux_alloc(void)
{
    struct netdev_linux *dev = xzalloc(sizeof *dev);
    return &dev->up;
}

static void
netdev_linux_common_construct(struct netdev_linux *dev)
{
    pthread_mutex_init(&dev->mutex, NULL);
    netdev_linux_watch_add(&dev->watch, &dev->up);
}

static int
netdev_linux_construct(struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    struct sockaddr_ll sll;
    int ifindex = netdev_linux_ifindex(netdev->name);
    int one = 1;
    int error;

    if (ifindex < 0) {
        return -ifindex;
    }
    dev->tx_fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
                        0);
    if (dev->tx_fd < 0) {
        return errno;
    }
    if (setsockopt(dev->tx_fd, SOL_PACKET, PACKET_VNET_HDR, &one,
                   sizeof one) < 0) {
        error = errno;
        VLOG_ERR("%s: PACKET_VNET_HDR failed (%s)", netdev->name,
                 svs_strerror(error));
        goto error;
    }
    memset(&sll, 0, sizeof sll);
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = 0;       /* Send only. */
    sll.sll_ifindex = ifindex;
    if (bind(dev->tx_fd, (struct sockaddr *) &sll, sizeof sll) < 0) {
        error = errno;
        VLOG_ERR("%s: binding packet socket failed (%s)", netdev->name,
                 svs_strerror(error));
        goto error;
    }
    netdev_linux_common_construct(dev);
    return 0;

error:
    close(dev->tx_fd);
    return error;
}

/* Opens (creating if needed) the tap 'netdev->name'. */
static int
netdev_tap_construct(struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    unsigned int offloads = TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6;
    bool existed = netdev_linux_ifindex(netdev->name) > 0;
    struct ifreq ifr;
    int error;

    dev->is_tap = true;
    if (strlen(netdev->name) >= IFNAMSIZ) {
        return ENAMETOOLONG;
    }
    dev->tx_fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
    if (dev->tx_fd < 0) {
        error = errno;
        VLOG_WARN("opening /dev/net/tun failed (%s)", svs_strerror(error));
        return error;
    }
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR;
    strncpy(ifr.ifr_name, netdev->name, IFNAMSIZ - 1);
    if (ioctl(dev->tx_fd, TUNSETIFF, &ifr) < 0) {
        error = errno;
        VLOG_WARN("%s: creating tap device failed (%s)", netdev->name,
                  svs_strerror(error));
        goto error;
    }
    dev->created = !existed;
    if (ioctl(dev->tx_fd, TUNSETOFFLOAD, offloads) < 0) {
        error = errno;
        VLOG_WARN("%s: TUNSETOFFLOAD failed (%s)", netdev->name,
                  svs_strerror(error));
        goto error;
    }
    if (fcntl(dev->tx_fd, F_SETFL, O_NONBLOCK) < 0) {
        error = errno;
        goto error;
    }
    netdev_linux_common_construct(dev);
    return 0;

error:
    close(dev->tx_fd);
    return error;
}

static void
netdev_linux_destruct(struct netdev *netdev)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);

    netdev_linux_watch_remove(&dev->watch);
    if (dev->is_tap && netdev->remove_on_close && !dev->created) {
        /* An existing persistent tap the switch was asked to remove. */
        if (ioctl(dev->tx_fd, TUNSETPERSIST, 0) < 0) {
            VLOG_WARN_RL(&rl, "%s: TUNSETPERSIST failed (%s)", netdev->name,
                         svs_strerror(errno));
        }
    }
    close(dev->tx_fd);
    pthread_mutex_destroy(&dev->mutex);
}

static void
netdev_linux_dealloc(struct netdev *netdev)
{
    free(netdev_linux_cast(netdev));
}

/* Properties. */

static int
netdev_linux_set_etheraddr(struct netdev *netdev, struct eth_addr mac)
{
    return netdev_linux_hwaddr_set(netdev->name, mac);
}

static int
netdev_linux_get_etheraddr(const struct netdev *netdev, struct eth_addr *mac)
{
    return netdev_linux_hwaddr_get(netdev->name, mac);
}

static int
netdev_linux_get_mtu(const struct netdev *netdev, int *mtup)
{
    return netdev_linux_mtu_get(netdev->name, mtup);
}

static int
netdev_linux_set_mtu(struct netdev *netdev, int mtu)
{
    return netdev_linux_mtu_set(netdev->name, mtu);
}

static int
netdev_linux_get_ifindex(const struct netdev *netdev)
{
    return netdev_linux_ifindex(netdev->name);
}

static int
netdev_linux_get_carrier(const struct netdev *netdev, bool *carrier)
{
    unsigned int flags;
    int error = netdev_linux_ifflags_get(netdev->name, &flags);

    *carrier = !error && (flags & IFF_RUNNING);
    return error;
}

static int
netdev_linux_get_speed(const struct netdev *netdev, uint32_t *mbps)
{
    return netdev_linux_speed_get(netdev->name, mbps);
}

static int
netdev_linux_get_stats(const struct netdev *netdev,
                       struct netdev_stats *stats)
{
    struct netdev_linux *dev = netdev_linux_cast(netdev);
    struct netdev_linux_link_info info;
    int error = netdev_linux_link_query(netdev->name, 0, &info);

    if (error) {
        return error;
    }
    *stats = info.stats;
    if (dev->is_tap) {
        /* The kernel counts from its side of the tap: what it transmits,
         * the switch receives. */
        uint64_t t;

#define SWAP(A, B) (t = stats->A, stats->A = stats->B, stats->B = t)
        SWAP(rx_packets, tx_packets);
        SWAP(rx_bytes, tx_bytes);
        SWAP(rx_errors, tx_errors);
        SWAP(rx_dropped, tx_dropped);
#undef SWAP
    }
    pthread_mutex_lock(&dev->mutex);
    if (stats->tx_dropped != UINT64_MAX) {
        stats->tx_dropped += dev->tx_dropped;
    }
    pthread_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_linux_get_status(const struct netdev *netdev, struct smap *smap)
{
    return netdev_linux_drvinfo_get(netdev->name, smap);
}

static int
netdev_linux_update_flags(struct netdev *netdev, enum netdev_flags off,
                          enum netdev_flags on, enum netdev_flags *old)
{
    unsigned int ifflags;
    int error = netdev_linux_ifflags_get(netdev->name, &ifflags);

    if (error) {
        return error;
    }
    *old = netdev_linux_flags_to_netdev(ifflags);
    if (off || on) {
        error = netdev_linux_ifflags_set(
            netdev->name, netdev_linux_flags_from_netdev(off),
            netdev_linux_flags_from_netdev(on));
        if (!error && ((*old & ~off) | on) != *old) {
            netdev_change_seq_bump(netdev);
        }
    }
    return error;
}

/* Buffers for big received packets.
 *
 * A TSO packet is up to 64 kB.  Allocating and freeing that much per
 * packet makes malloc grow and trim its heap, and every new page costs a
 * fault (expensive in virtual machines): a pool of big buffers, returned
 * by the packets' 'release' callback from whatever thread frees them,
 * avoids that.  Small packets use malloc. */
#define BIG_BUF_SIZE (DP_PACKET_HEADROOM + TAP_MAX_PACKET + 8)
#define BIG_BUF_MIN 2048        /* Smaller packets are malloc'd. */
#define BIG_BUF_POOL_MAX 256    /* Buffers kept for reuse. */

static pthread_mutex_t big_buf_mutex = PTHREAD_MUTEX_INITIALIZER;
static void *big_bufs[BIG_BUF_POOL_MAX];    /* Under 'big_buf_mutex'. */
static size_t n_big_bufs;                   /* Under 'big_buf_mutex'. */

/* The 'release' callback of big packets.  dp_packet_delete() passes the
 * packet itself, whose struct is freed here too; dp-packet's reallocation
 * passes a copy with 'release' cleared, of which only the buffer is
 * ours. */
static void
linux_big_buf_release(struct dp_packet *p)
{
    void *buf = p->base;

    pthread_mutex_lock(&big_buf_mutex);
    if (n_big_bufs < BIG_BUF_POOL_MAX) {
        big_bufs[n_big_bufs++] = buf;
        buf = NULL;
    }
    pthread_mutex_unlock(&big_buf_mutex);
    free(buf);
    if (p->release) {
        free(p);
    }
}

/* Returns a new empty packet with room for 'size' bytes and the default
 * headroom. */
static struct dp_packet *
linux_packet_alloc(size_t size)
{
    struct dp_packet *p;
    void *buf = NULL;

    if (size < BIG_BUF_MIN || size > BIG_BUF_SIZE - DP_PACKET_HEADROOM) {
        return dp_packet_new_with_headroom(size, DP_PACKET_HEADROOM);
    }
    pthread_mutex_lock(&big_buf_mutex);
    if (n_big_bufs) {
        buf = big_bufs[--n_big_bufs];
    }
    pthread_mutex_unlock(&big_buf_mutex);
    if (!buf) {
        buf = xmalloc(BIG_BUF_SIZE);
    }
    p = xmalloc(sizeof *p);
    dp_packet_use(p, buf, BIG_BUF_SIZE, DP_PACKET_HEADROOM, 0);
    p->release = linux_big_buf_release;
    return p;
}

/* Offload state <-> virtio_net_hdr. */

/* Returns the IP version (4 or 6) of Ethernet frame 'p', or 0. */
static int
linux_ip_version(const struct dp_packet *p)
{
    const uint8_t *data = dp_packet_data(p);
    size_t ofs = 12;

    while (ofs + 2 <= dp_packet_size(p)) {
        uint16_t type = (data[ofs] << 8) | data[ofs + 1];

        if (type == ETH_TYPE_VLAN_8021Q || type == ETH_TYPE_VLAN_8021AD) {
            ofs += 4;
        } else {
            return (type == ETH_TYPE_IP ? 4 : type == ETH_TYPE_IPV6 ? 6 : 0);
        }
    }
    return 0;
}

/* Fills 'vh' to describe 'p''s offload state.  Returns false if 'p' has
 * state that 'vh' cannot describe. */
static bool
linux_vnet_hdr_from_packet(const struct dp_packet *p,
                           struct virtio_net_hdr *vh)
{
    memset(vh, 0, sizeof *vh);
    if (p->ol_flags & DP_PACKET_OL_CSUM_PARTIAL) {
        vh->flags = VIRTIO_NET_HDR_F_NEEDS_CSUM;
        vh->csum_start = p->csum_start;
        vh->csum_offset = p->csum_offset;
    }
    if (p->ol_flags & DP_PACKET_OL_TSO) {
        int version = linux_ip_version(p);

        if (!(p->ol_flags & DP_PACKET_OL_CSUM_PARTIAL) || !version) {
            return false;
        }
        vh->gso_type = (version == 4 ? VIRTIO_NET_HDR_GSO_TCPV4
                        : VIRTIO_NET_HDR_GSO_TCPV6);
        vh->gso_size = p->gso_size;
        if (p->csum_start + TCP_HEADER_LEN <= dp_packet_size(p)) {
            const uint8_t *tcp = (const uint8_t *) dp_packet_data(p)
                                 + p->csum_start;
            vh->hdr_len = p->csum_start + (tcp[12] >> 4) * 4;
        }
    }
    return true;
}

/* Applies the virtio_net_hdr 'vh' of a received packet to 'p'. */
static void
linux_vnet_hdr_to_packet(const struct virtio_net_hdr *vh, struct dp_packet *p)
{
    if (vh->flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) {
        if (vh->csum_start + vh->csum_offset + 2 <= dp_packet_size(p)) {
            p->ol_flags |= DP_PACKET_OL_CSUM_PARTIAL;
            p->csum_start = vh->csum_start;
            p->csum_offset = vh->csum_offset;
        }
    } else if (vh->flags & VIRTIO_NET_HDR_F_DATA_VALID) {
        p->ol_flags |= DP_PACKET_OL_CSUM_GOOD;
    }
    switch (vh->gso_type & ~VIRTIO_NET_HDR_GSO_ECN) {
    case VIRTIO_NET_HDR_GSO_TCPV4:
    case VIRTIO_NET_HDR_GSO_TCPV6:
        if (vh->gso_size && (p->ol_flags & DP_PACKET_OL_CSUM_PARTIAL)) {
            p->ol_flags |= DP_PACKET_OL_TSO;
            p->gso_size = vh->gso_size;
        }
        break;
    default:
        break;
    }
}

/* Prepares 'p' for a device reached through a vnet header: state that the
 * header cannot describe is completed in software.  Returns false if 'p'
 * must be segmented first. */
static bool
linux_prepare_tx(struct dp_packet *p, struct virtio_net_hdr *vh)
{
    if (linux_vnet_hdr_from_packet(p, vh)) {
        return true;
    }
    if (p->ol_flags & DP_PACKET_OL_TSO) {
        return false;
    }
    dp_packet_csum_complete(p);
    memset(vh, 0, sizeof *vh);
    return true;
}

/* Sending. */

struct linux_tx {
    struct netdev_linux *dev;
    struct dp_packet *pkts[DP_PACKET_BATCH_SIZE];
    struct virtio_net_hdr vh[DP_PACKET_BATCH_SIZE];
    size_t n;
    int error;
};

/* Sends the packets queued in 'tx' through the AF_PACKET socket. */
static void
linux_tx_flush_packet(struct linux_tx *tx)
{
    struct netdev_linux *dev = tx->dev;
    struct mmsghdr mmsg[DP_PACKET_BATCH_SIZE];
    struct iovec iov[DP_PACKET_BATCH_SIZE][2];
    size_t i = 0;

    for (size_t k = 0; k < tx->n; k++) {
        iov[k][0].iov_base = &tx->vh[k];
        iov[k][0].iov_len = sizeof tx->vh[k];
        iov[k][1].iov_base = dp_packet_data(tx->pkts[k]);
        iov[k][1].iov_len = dp_packet_size(tx->pkts[k]);
        memset(&mmsg[k], 0, sizeof mmsg[k]);
        mmsg[k].msg_hdr.msg_iov = iov[k];
        mmsg[k].msg_hdr.msg_iovlen = 2;
    }
    while (i < tx->n) {
        int n = sendmmsg(dev->tx_fd, &mmsg[i], tx->n - i, 0);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno == EAGAIN || errno == ENOBUFS) {
                /* The device queue is full: wait for room once. */
                struct pollfd pfd = { .fd = dev->tx_fd, .events = POLLOUT };

                if (poll(&pfd, 1, 100) > 0) {
                    n = sendmmsg(dev->tx_fd, &mmsg[i], tx->n - i, 0);
                }
                if (n >= 0) {
                    i += n;
                    continue;
                }
            }
            /* Skip the packet the kernel refused. */
            tx->error = errno;
            VLOG_WARN_RL(&rl, "%s: send failed (%s)", dev->up.name,
                         svs_strerror(errno));
            pthread_mutex_lock(&dev->mutex);
            dev->tx_dropped++;
            pthread_mutex_unlock(&dev->mutex);
            i++;
        } else {
            i += n;
        }
    }
    for (size_t k = 0; k < tx->n; k++) {
        dp_packet_delete(tx->pkts[k]);
    }
    tx->n = 0;
}

/* Writes the packets queued in 'tx' to the tap. */
static void
linux_tx_flush_tap(struct linux_tx *tx)
{
    struct netdev_linux *dev = tx->dev;

    for (size_t k = 0; k < tx->n; k++) {
        struct iovec iov[2] = {
            { &tx->vh[k], sizeof tx->vh[k] },
            { dp_packet_data(tx->pkts[k]), dp_packet_size(tx->pkts[k]) },
        };
        ssize_t n;

        do {
            n = writev(dev->tx_fd, iov, 2);
        } while (n < 0 && errno == EINTR);
        if (n < 0) {
            /* EIO: the tap is down, and the kernel counts the drop itself
             * (its rx_dropped, our tx_dropped); others: a bad packet. */
            tx->error = errno;
            if (errno != EIO) {
                VLOG_WARN_RL(&rl, "%s: write failed (%s)", dev->up.name,
                             svs_strerror(errno));
                pthread_mutex_lock(&dev->mutex);
                dev->tx_dropped++;
                pthread_mutex_unlock(&dev->mutex);
            }
        }
        dp_packet_delete(tx->pkts[k]);
    }
    tx->n = 0;
}

static void
linux_tx_flush(struct linux_tx *tx)
{
    if (tx->dev->is_tap) {
        linux_tx_flush_tap(tx);
    } else {
        linux_tx_flush_packet(tx);
    }
}

/* Queues 'p' (prepared, with vnet header 'vh') in 'tx'. */
static void
linux_tx_add(struct linux_tx *tx, struct dp_packet *p,
             const struct virtio_net_hdr *vh)
{
    if (tx->n >= DP_PACKET_BATCH_SIZE) {
        linux_tx_flush(tx);
    }
    tx->pkts[tx->n] = p;
    tx->vh[tx->n] = *vh;
    tx->n++;
}

static void
linux_tx_add_segment(struct dp_packet *seg, void *tx)
{
    struct virtio_net_hdr vh;

    memset(&vh, 0, sizeof vh);
    linux_tx_add(tx, seg, &vh);
}

static int
netdev_linux_send(struct netdev *netdev, int qid, struct dp_packet_batch *b,
                  bool concurrent_txq)
{
    struct linux_tx tx = { .dev = netdev_linux_cast(netdev) };
    struct dp_packet *p;

    DP_PACKET_BATCH_FOR_EACH (i, p, b) {
        struct virtio_net_hdr vh;

        if (linux_prepare_tx(p, &vh)) {
            linux_tx_add(&tx, p, &vh);
        } else if (dp_packet_segment_tso_each(p, linux_tx_add_segment,
                                              &tx)) {
            tx.error = EINVAL;
        }
    }
    linux_tx_flush(&tx);
    b->count = 0;
    return tx.error;
}

static void
netdev_linux_send_wait(struct netdev *netdev, int qid)
{
    poll_fd_wait(netdev_linux_cast(netdev)->tx_fd, POLLOUT);
}

/* Receive queues. */

static struct netdev_rxq *
netdev_linux_rxq_alloc(void)
{
    struct netdev_rxq_linux *rx = xzalloc(sizeof *rx);
    return &rx->up;
}

static int
netdev_linux_rxq_construct(struct netdev_rxq *rxq)
{
    struct netdev_rxq_linux *rx = netdev_rxq_linux_cast(rxq);
    struct netdev_linux *dev = netdev_linux_cast(rxq->netdev);
    const char *name = rxq->netdev->name;
    struct tpacket_req3 req;
    struct packet_mreq mreq;
    struct sockaddr_ll sll;
    int version = TPACKET_V3;
    int one = 1;
    int ifindex;
    int error;

    if (dev->is_tap) {
        rx->fd = dev->tx_fd;
        rx->is_tap = true;
        return 0;
    }

    ifindex = netdev_linux_ifindex(name);
    if (ifindex < 0) {
        return -ifindex;
    }
    rx->ifindex = ifindex;
    rx->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (rx->fd < 0) {
        return errno;
    }
    if (setsockopt(rx->fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof one)
        || setsockopt(rx->fd, SOL_PACKET, PACKET_VERSION, &version,
                      sizeof version)
        || setsockopt(rx->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
                      sizeof one)) {
        error = errno;
        VLOG_ERR("%s: packet socket options failed (%s)", name,
                 svs_strerror(error));
        goto error;
    }
    memset(&req, 0, sizeof req);
    req.tp_block_size = RING_BLOCK_SIZE;
    req.tp_block_nr = RING_BLOCKS;
    req.tp_frame_size = RING_FRAME_SIZE;
    req.tp_frame_nr = RING_BLOCK_SIZE / RING_FRAME_SIZE * RING_BLOCKS;
    req.tp_retire_blk_tov = RING_TIMEOUT_MS;
    if (setsockopt(rx->fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof req)) {
        error = errno;
        VLOG_ERR("%s: PACKET_RX_RING failed (%s)", name,
                 svs_strerror(error));
        goto error;
    }
    rx->ring_size = (size_t) RING_BLOCK_SIZE * RING_BLOCKS;
    rx->ring = mmap(NULL, rx->ring_size, PROT_READ | PROT_WRITE,
                    MAP_SHARED | MAP_LOCKED, rx->fd, 0);
    if (rx->ring == MAP_FAILED) {
        /* MAP_LOCKED may exceed RLIMIT_MEMLOCK; try without. */
        rx->ring = mmap(NULL, rx->ring_size, PROT_READ | PROT_WRITE,
                        MAP_SHARED, rx->fd, 0);
    }
    if (rx->ring == MAP_FAILED) {
        error = errno;
        rx->ring = NULL;
        VLOG_ERR("%s: mapping the packet ring failed (%s)", name,
                 svs_strerror(error));
        goto error;
    }

    memset(&sll, 0, sizeof sll);
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(ETH_P_ALL);
    sll.sll_ifindex = ifindex;
    if (bind(rx->fd, (struct sockaddr *) &sll, sizeof sll) < 0) {
        error = errno;
        VLOG_ERR("%s: binding packet socket failed (%s)", name,
                 svs_strerror(error));
        goto error;
    }
    memset(&mreq, 0, sizeof mreq);
    mreq.mr_ifindex = ifindex;
    mreq.mr_type = PACKET_MR_PROMISC;
    if (setsockopt(rx->fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mreq,
                   sizeof mreq)) {
        error = errno;
        VLOG_ERR("%s: enabling promiscuous mode failed (%s)", name,
                 svs_strerror(error));
        goto error;
    }
    return 0;

error:
    if (rx->ring) {
        munmap(rx->ring, rx->ring_size);
    }
    close(rx->fd);
    return error;
}

static void
netdev_linux_rxq_destruct(struct netdev_rxq *rxq)
{
    struct netdev_rxq_linux *rx = netdev_rxq_linux_cast(rxq);

    if (!rx->is_tap) {          /* A tap's fd is the device's. */
        munmap(rx->ring, rx->ring_size);
        close(rx->fd);
    }
}

static void
netdev_linux_rxq_dealloc(struct netdev_rxq *rxq)
{
    free(netdev_rxq_linux_cast(rxq));
}

static struct tpacket_block_desc *
rxq_block(const struct netdev_rxq_linux *rx, unsigned int i)
{
    return (struct tpacket_block_desc *) (rx->ring
                                          + (size_t) i * RING_BLOCK_SIZE);
}

/* Builds a dp_packet from the ring entry 'h'.  Returns NULL for a
 * truncated packet. */
static struct dp_packet *
rxq_packet_from_ring(const struct tpacket3_hdr *h)
{
    const uint8_t *frame = (const uint8_t *) h + h->tp_mac;
    struct virtio_net_hdr vh;
    struct dp_packet *p;
    bool vlan = (h->tp_status & TP_STATUS_VLAN_VALID) != 0;

    if (h->tp_snaplen < h->tp_len || h->tp_snaplen < 2 * ETH_ADDR_LEN) {
        return NULL;
    }
    memcpy(&vh, frame - sizeof vh, sizeof vh);
    p = linux_packet_alloc(h->tp_snaplen + (vlan ? 4 : 0));
    if (vlan) {
        /* The kernel took the tag out into metadata: put it back. */
        uint16_t tpid = (h->tp_status & TP_STATUS_VLAN_TPID_VALID
                         && h->hv1.tp_vlan_tpid
                         ? h->hv1.tp_vlan_tpid : ETH_TYPE_VLAN_8021Q);
        uint8_t tag[4] = { tpid >> 8, tpid, h->hv1.tp_vlan_tci >> 8,
                           h->hv1.tp_vlan_tci };

        dp_packet_put(p, frame, 2 * ETH_ADDR_LEN);
        dp_packet_put(p, tag, sizeof tag);
        dp_packet_put(p, frame + 2 * ETH_ADDR_LEN,
                      h->tp_snaplen - 2 * ETH_ADDR_LEN);
        if (vh.flags & VIRTIO_NET_HDR_F_NEEDS_CSUM) {
            /* The kernel's offset did not count the tag. */
            vh.csum_start += 4;
        }
    } else {
        dp_packet_put(p, frame, h->tp_snaplen);
    }
    linux_vnet_hdr_to_packet(&vh, p);
    return p;
}

/* Checks whether the device behind 'rx' went away: after the socket
 * reported an error, or rtnetlink said so.  Clears the socket error. */
static void
rxq_check_gone(struct netdev_rxq_linux *rx)
{
    struct netdev_linux *dev = netdev_linux_cast(rx->up.netdev);
    int err = 0;
    socklen_t len = sizeof err;

    if (getsockopt(rx->fd, SOL_SOCKET, SO_ERROR, &err, &len)) {
        err = 0;
    }
    if (err || netdev_linux_watch_is_gone(&dev->watch)) {
        rx->dead = netdev_linux_ifindex(dev->up.name) != rx->ifindex;
        if (rx->dead) {
            VLOG_WARN_RL(&rl, "%s: device went away", dev->up.name);
        }
    }
}

static int
netdev_linux_rxq_recv_ring(struct netdev_rxq_linux *rx,
                           struct dp_packet_batch *batch)
{
    if (rx->dead) {
        return ENODEV;
    }
    while (!dp_packet_batch_is_full(batch)) {
        struct tpacket_block_desc *bd = rxq_block(rx, rx->block);

        if (!rx->pkts_left) {
            uint32_t status = __atomic_load_n(&bd->hdr.bh1.block_status,
                                              __ATOMIC_ACQUIRE);
            if (!(status & TP_STATUS_USER)) {
                break;
            }
            rx->pkts_left = bd->hdr.bh1.num_pkts;
            rx->next_pkt = (uint8_t *) bd + bd->hdr.bh1.offset_to_first_pkt;
            if (!rx->pkts_left) {
                goto next_block;
            }
        }

        const struct tpacket3_hdr *h = (const void *) rx->next_pkt;
        struct dp_packet *p = rxq_packet_from_ring(h);
        if (p) {
            dp_packet_batch_add(batch, p);
        } else {
            VLOG_WARN_RL(&rl, "%s: dropped truncated packet (%u of %u "
                         "bytes)", rx->up.netdev->name, h->tp_snaplen,
                         h->tp_len);
        }
        rx->next_pkt += h->tp_next_offset;
        if (--rx->pkts_left) {
            continue;
        }
    next_block:
        __atomic_store_n(&bd->hdr.bh1.block_status, TP_STATUS_KERNEL,
                         __ATOMIC_RELEASE);
        rx->block = (rx->block + 1) % RING_BLOCKS;
    }
    if (!batch->count
        && (poll_fd_may_be_ready(rx->fd, POLLIN)
            || netdev_linux_watch_is_gone(
                   &netdev_linux_cast(rx->up.netdev)->watch))) {
        rxq_check_gone(rx);
        if (rx->dead) {
            return ENODEV;
        }
    }
    return batch->count ? 0 : EAGAIN;
}

static int
netdev_linux_rxq_recv_tap(struct netdev_rxq_linux *rx,
                          struct dp_packet_batch *batch)
{
    struct virtio_net_hdr vh;

    while (!dp_packet_batch_is_full(batch)) {
        /* Read straight into a big buffer; copy small packets out. */
        struct dp_packet *p = linux_packet_alloc(TAP_MAX_PACKET);
        struct iovec iov[2] = {
            { &vh, sizeof vh },
            { dp_packet_data(p), TAP_MAX_PACKET },
        };
        ssize_t n = readv(rx->fd, iov, 2);
        size_t size;

        if (n < 0) {
            int error = errno;

            dp_packet_delete(p);
            if (error == EINTR) {
                continue;
            }
            if (error != EAGAIN) {
                VLOG_WARN_RL(&rl, "%s: read failed (%s)",
                             rx->up.netdev->name, svs_strerror(error));
                if (!batch->count) {
                    return error;
                }
            }
            break;
        }
        if ((size_t) n < sizeof vh + ETH_HEADER_LEN) {
            dp_packet_delete(p);
            continue;
        }
        size = n - sizeof vh;
        if (size < BIG_BUF_MIN) {
            struct dp_packet *small = dp_packet_clone_data(dp_packet_data(p),
                                                           size);
            dp_packet_delete(p);
            p = small;
        } else {
            dp_packet_set_size(p, size);
        }
        linux_vnet_hdr_to_packet(&vh, p);
        dp_packet_batch_add(batch, p);
    }
    return batch->count ? 0 : EAGAIN;
}

static int
netdev_linux_rxq_recv(struct netdev_rxq *rxq, struct dp_packet_batch *batch)
{
    struct netdev_rxq_linux *rx = netdev_rxq_linux_cast(rxq);

    return (rx->is_tap
            ? netdev_linux_rxq_recv_tap(rx, batch)
            : netdev_linux_rxq_recv_ring(rx, batch));
}

static void
netdev_linux_rxq_wait(struct netdev_rxq *rxq)
{
    struct netdev_rxq_linux *rx = netdev_rxq_linux_cast(rxq);

    if (rx->dead) {
        return;                 /* Nothing will ever arrive. */
    }
    if (!rx->is_tap && rx->pkts_left) {
        poll_immediate_wake();
    } else {
        poll_fd_wait(rx->fd, POLLIN);
    }
}

static int
netdev_linux_rxq_get_fd(const struct netdev_rxq *rxq)
{
    return netdev_rxq_linux_cast(rxq)->fd;
}

#define NETDEV_LINUX_CLASS(TYPE, CONSTRUCT)                     \
    {                                                           \
        .type = TYPE,                                           \
        .run = netdev_linux_run,                                \
        .wait = netdev_linux_wait,                              \
        .alloc = netdev_linux_alloc,                            \
        .construct = CONSTRUCT,                                 \
        .destruct = netdev_linux_destruct,                      \
        .dealloc = netdev_linux_dealloc,                        \
        .send = netdev_linux_send,                              \
        .send_wait = netdev_linux_send_wait,                    \
        .set_etheraddr = netdev_linux_set_etheraddr,            \
        .get_etheraddr = netdev_linux_get_etheraddr,            \
        .get_mtu = netdev_linux_get_mtu,                        \
        .set_mtu = netdev_linux_set_mtu,                        \
        .get_ifindex = netdev_linux_get_ifindex,                \
        .get_carrier = netdev_linux_get_carrier,                \
        .get_speed = netdev_linux_get_speed,                    \
        .get_stats = netdev_linux_get_stats,                    \
        .get_status = netdev_linux_get_status,                  \
        .update_flags = netdev_linux_update_flags,              \
        .rxq_alloc = netdev_linux_rxq_alloc,                    \
        .rxq_construct = netdev_linux_rxq_construct,            \
        .rxq_destruct = netdev_linux_rxq_destruct,              \
        .rxq_dealloc = netdev_linux_rxq_dealloc,                \
        .rxq_recv = netdev_linux_rxq_recv,                      \
        .rxq_wait = netdev_linux_rxq_wait,                      \
        .rxq_get_fd = netdev_linux_rxq_get_fd,                  \
    }

static const struct netdev_class netdev_linux_class
    = NETDEV_LINUX_CLASS("system", netdev_linux_construct);
static const struct netdev_class netdev_internal_class
    = NETDEV_LINUX_CLASS("internal", netdev_tap_construct);
static const struct netdev_class netdev_tap_class
    = NETDEV_LINUX_CLASS("tap", netdev_tap_construct);

void
netdev_linux_register(void)
{
    linux_notify_open();
    netdev_register_provider(&netdev_linux_class);
    netdev_register_provider(&netdev_internal_class);
    netdev_register_provider(&netdev_tap_class);
}
