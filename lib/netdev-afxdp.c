/* netdev-afxdp.c: Linux devices through AF_XDP sockets, type "afxdp" (see
 * netdev.h).
 *
 * What: one AF_XDP socket per receive queue, created with libxdp's xsk API
 * (which loads its default XDP program, redirecting each queue to its
 * socket), each with its own umem: UMEM_FRAMES frames of FRAME_SIZE bytes.
 * Options: n_rxq (sockets on queues 0..n_rxq-1) and xdp-mode:
 * "best-effort" (the default: native, then generic), "native" or
 * "generic".  Zero-copy is tried first in native mode and copy mode used
 * where the driver lacks it (veth).
 *
 * Receive: the RX ring's descriptors become dp_packets over the umem
 * frames themselves, without a copy; a packet's 'release' callback puts
 * its frame back on the umem's free list, from which the fill ring is
 * refilled.  A umem lives until its socket is closed and its last packet
 * released.  AF_XDP carries no checksum metadata, and a veth peer with
 * checksum offload sends TCP and UDP with only the pseudo-header sum in
 * the checksum field: a received packet whose L4 checksum is wrong but
 * holds exactly that sum is marked DP_PACKET_OL_CSUM_PARTIAL, so that the
 * output port completes it (or passes it on as such).
 *
 * Send: packets are copied into free frames of the queue's umem (TSO
 * packets segmented and partial checksums completed first: the TX ring
 * takes only complete frames), placed on the TX ring and the kernel
 * kicked; the completion ring gives the frames back.
 *
 * Close: the sockets are deleted and the XDP program is detached if it is
 * still the one this device attached.
 *
 * Limits: a packet must fit one frame, so the MTU is at most about 3.8 kB;
 * generic mode hands whole GSO packets to the socket, which do not fit,
 * so TCP from a peer with TSO on needs native mode (best-effort picks it
 * on veth).  Changing xdp-mode or n_rxq recreates the sockets: it fails
 * with EBUSY while receive queues are open, and must not race with
 * netdev_send().
 *
 * Thread-safety: a device's configuration under its mutex; each queue's
 * TX ring under the queue's 'tx_mutex'; each umem's free list under its
 * 'mutex' (packets are released by whatever thread holds them). */
#include <config.h>
#include "netdev.h"

#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <linux/if_link.h>
#include <linux/if_xdp.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include <xdp/libxdp.h>
#include <xdp/xsk.h>
#include "dp-packet.h"
#include "netdev-linux-private.h"
#include "netdev-provider.h"
#include "packets.h"
#include "poll-loop.h"
#include "smap.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(netdev_afxdp);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

#define FRAME_SIZE XSK_UMEM__DEFAULT_FRAME_SIZE     /* 4096. */
#define UMEM_FRAMES 4096
#define RING_SIZE 2048          /* Fill, completion, RX and TX rings. */

enum afxdp_mode {
    AFXDP_BEST_EFFORT,
    AFXDP_NATIVE,
    AFXDP_GENERIC,
};

static const char *const afxdp_mode_names[] = {
    [AFXDP_BEST_EFFORT] = "best-effort",
    [AFXDP_NATIVE] = "native",
    [AFXDP_GENERIC] = "generic",
};

/* A umem and the frames not in use. */
struct afxdp_umem {
    void *area;                 /* UMEM_FRAMES * FRAME_SIZE bytes. */
    struct xsk_umem *umem;
    struct xsk_ring_prod fill;
    struct xsk_ring_cons comp;  /* Under the queue's 'tx_mutex'. */

    pthread_mutex_t mutex;      /* Guards the members below. */
    uint64_t *free;             /* Frame addresses not in use. */
    size_t n_free;
    int refcnt;                 /* 1 for the socket + packets out. */
};

/* One AF_XDP socket. */
struct afxdp_queue {
    struct xsk_socket *xsk;
    struct xsk_ring_cons rx;    /* The receive queue's thread only. */
    struct afxdp_umem *umem;
    pthread_mutex_t tx_mutex;   /* Guards 'tx' and umem->comp. */
    struct xsk_ring_prod tx;
    uint32_t tx_outstanding;    /* Frames on the TX ring, not completed. */
};

struct netdev_afxdp {
    struct netdev up;
    struct netdev_linux_watch watch;   /* Link changes. */

    pthread_mutex_t mutex;      /* Guards the members below. */
    int ifindex;
    int requested_n_rxq;
    enum afxdp_mode requested_mode;
    const char *mode_in_use;    /* "native" or "generic", NULL before. */
    bool zero_copy;
    uint32_t xdp_flags;         /* XDP_FLAGS_* the program is under. */
    uint32_t prog_id;           /* Program attached, 0 if none. */
    struct afxdp_queue **queues;    /* 'n_queues' sockets. */
    int n_queues;
    int n_open_rxqs;

    /* Counters (atomic). */
    uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
    uint64_t tx_dropped, rx_csum_fixed;
};

struct netdev_rxq_afxdp {
    struct netdev_rxq up;
    struct afxdp_queue *queue;
};

static struct netdev_afxdp *
netdev_afxdp_cast(const struct netdev *netdev)
{
    return CONTAINER_OF(netdev, struct netdev_afxdp, up);
}

static struct netdev_rxq_afxdp *
netdev_rxq_afxdp_cast(const struct netdev_rxq *rxq)
{
    return CONTAINER_OF(rxq, struct netdev_rxq_afxdp, up);
}

static void
counter_add(uint64_t *c, uint64_t n)
{
    __atomic_fetch_add(c, n, __ATOMIC_RELAXED);
}

/* Library messages go to the log, not to stderr. */
static void
afxdp_log_library(enum vlog_level level, const char *format, va_list args)
{
    char buf[512];
    size_t len;

    vsnprintf(buf, sizeof buf, format, args);
    len = strlen(buf);
    while (len && buf[len - 1] == '\n') {
        buf[--len] = '\0';
    }
    if (len) {
        vlog(THIS_MODULE, level, "%s", buf);
    }
}

static int
afxdp_libxdp_print(enum libxdp_print_level level, const char *format,
                   va_list args)
{
    afxdp_log_library(level == LIBXDP_WARN ? VLL_INFO : VLL_DBG, format,
                      args);
    return 0;
}

static int
afxdp_libbpf_print(enum libbpf_print_level level, const char *format,
                   va_list args)
{
    afxdp_log_library(level == LIBBPF_WARN ? VLL_INFO : VLL_DBG, format,
                      args);
    return 0;
}

/* umems. */

static void
afxdp_umem_unref(struct afxdp_umem *u)
{
    int refcnt;

    pthread_mutex_lock(&u->mutex);
    refcnt = --u->refcnt;
    pthread_mutex_unlock(&u->mutex);
    if (!refcnt) {
        int error = xsk_umem__delete(u->umem);

        if (error) {
            VLOG_WARN("deleting umem failed (%s)", svs_strerror(-error));
        }
        munmap(u->area, (size_t) UMEM_FRAMES * FRAME_SIZE);
        pthread_mutex_destroy(&u->mutex);
        free(u->free);
        free(u);
    }
}

static void
afxdp_umem_put_frame(struct afxdp_umem *u, uint64_t addr)
{
    pthread_mutex_lock(&u->mutex);
    u->free[u->n_free++] = addr & ~(uint64_t) (FRAME_SIZE - 1);
    pthread_mutex_unlock(&u->mutex);
}

/* Returns a free frame's address in '*addr', or false if none is free. */
static bool
afxdp_umem_get_frame(struct afxdp_umem *u, uint64_t *addr)
{
    bool ok;

    pthread_mutex_lock(&u->mutex);
    ok = u->n_free > 0;
    if (ok) {
        *addr = u->free[--u->n_free];
    }
    pthread_mutex_unlock(&u->mutex);
    return ok;
}

/* The 'release' callback of received packets: the frame goes back to the
 * free list.  dp_packet_delete() passes the packet itself (whose struct
 * this module allocated, and frees here); a packet moved into malloc'd
 * memory passes a copy with 'release' cleared, whose struct is not ours to
 * free. */
static void
afxdp_packet_release(struct dp_packet *p)
{
    struct afxdp_umem *u = p->release_aux;

    afxdp_umem_put_frame(u, (uint8_t *) p->base - (uint8_t *) u->area);
    if (p->release) {
        free(p);
    }
    afxdp_umem_unref(u);
}

/* Moves free frames to the fill ring. */
static void
afxdp_refill(struct afxdp_queue *q)
{
    struct afxdp_umem *u = q->umem;
    uint32_t idx, n;

    pthread_mutex_lock(&u->mutex);
    n = xsk_prod_nb_free(&u->fill, u->n_free);
    n = MIN(n, u->n_free);
    if (n && xsk_ring_prod__reserve(&u->fill, n, &idx) == n) {
        for (uint32_t i = 0; i < n; i++) {
            *xsk_ring_prod__fill_addr(&u->fill, idx + i)
                = u->free[--u->n_free];
        }
        xsk_ring_prod__submit(&u->fill, n);
    }
    pthread_mutex_unlock(&u->mutex);
    if (xsk_ring_prod__needs_wakeup(&u->fill)) {
        recvfrom(xsk_socket__fd(q->xsk), NULL, 0, MSG_DONTWAIT, NULL,
                 NULL);
    }
}

static struct afxdp_umem *
afxdp_umem_create(int *errorp)
{
    struct xsk_umem_config cfg = {
        .fill_size = RING_SIZE,
        .comp_size = RING_SIZE,
        .frame_size = FRAME_SIZE,
        .frame_headroom = 0,
        .flags = 0,
    };
    struct afxdp_umem *u = xzalloc(sizeof *u);
    size_t size = (size_t) UMEM_FRAMES * FRAME_SIZE;
    int error;

    u->area = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (u->area == MAP_FAILED) {
        *errorp = errno;
        free(u);
        return NULL;
    }
    error = xsk_umem__create(&u->umem, u->area, size, &u->fill, &u->comp,
                             &cfg);
    if (error) {
        *errorp = -error;
        munmap(u->area, size);
        free(u);
        return NULL;
    }
    pthread_mutex_init(&u->mutex, NULL);
    u->free = xmalloc(UMEM_FRAMES * sizeof *u->free);
    for (size_t i = 0; i < UMEM_FRAMES; i++) {
        u->free[u->n_free++] = (uint64_t) (UMEM_FRAMES - 1 - i) * FRAME_SIZE;
    }
    u->refcnt = 1;
    return u;
}

/* Sockets. */

static void
afxdp_queue_destroy(struct afxdp_queue *q)
{
    if (q) {
        xsk_socket__delete(q->xsk);
        pthread_mutex_destroy(&q->tx_mutex);
        afxdp_umem_unref(q->umem);
        free(q);
    }
}

/* Creates the socket on queue 'qid' of 'name' with 'xdp_flags' and
 * 'bind_flags'. */
static int
afxdp_queue_create(const char *name, int qid, uint32_t xdp_flags,
                   uint16_t bind_flags, struct afxdp_queue **qp)
{
    struct xsk_socket_config cfg = {
        .rx_size = RING_SIZE,
        .tx_size = RING_SIZE,
        .libxdp_flags = 0,
        .xdp_flags = xdp_flags,
        .bind_flags = bind_flags,
    };
    struct afxdp_queue *q = xzalloc(sizeof *q);
    int error = 0;

    *qp = NULL;
    q->umem = afxdp_umem_create(&error);
    if (!q->umem) {
        free(q);
        return error;
    }
    for (int i = 0; ; i++) {
        error = -xsk_socket__create(&q->xsk, name, qid, q->umem->umem,
                                    &q->rx, &q->tx, &cfg);
        if (error != EBUSY || i >= 200) {
            break;
        }
        /* A socket closed just now releases its queue asynchronously. */
        usleep(10 * 1000);
    }
    if (error) {
        afxdp_umem_unref(q->umem);
        free(q);
        return error;
    }
    pthread_mutex_init(&q->tx_mutex, NULL);
    afxdp_refill(q);
    *qp = q;
    return 0;
}

/* Destroys 'dev''s sockets and detaches the XDP program if it is still
 * the one they used.  Caller holds the mutex. */
static void
afxdp_destroy_queues(struct netdev_afxdp *dev)
{
    for (int i = 0; i < dev->n_queues; i++) {
        afxdp_queue_destroy(dev->queues[i]);
    }
    free(dev->queues);
    dev->queues = NULL;
    dev->n_queues = 0;
    dev->mode_in_use = NULL;

    if (dev->prog_id) {
        uint32_t id = 0;

        if (!bpf_xdp_query_id(dev->ifindex, dev->xdp_flags, &id)
            && id == dev->prog_id) {
            int error = bpf_xdp_detach(dev->ifindex, dev->xdp_flags, NULL);

            if (error) {
                VLOG_WARN("%s: detaching XDP program failed (%s)",
                          dev->up.name, svs_strerror(-error));
            }
        }
        dev->prog_id = 0;
    }
}

/* Creates 'dev''s sockets as configured.  Caller holds the mutex. */
static int
afxdp_create_queues(struct netdev_afxdp *dev, char **errp)
{
    struct attempt {
        enum afxdp_mode mode;
        uint32_t xdp_flags;
        uint16_t bind_flags;
    };
    static const struct attempt attempts[] = {
        { AFXDP_NATIVE, XDP_FLAGS_DRV_MODE, XDP_ZEROCOPY },
        { AFXDP_NATIVE, XDP_FLAGS_DRV_MODE, XDP_COPY },
        { AFXDP_GENERIC, XDP_FLAGS_SKB_MODE, XDP_COPY },
    };
    int error = EINVAL;

    for (size_t a = 0; a < ARRAY_SIZE(attempts); a++) {
        const struct attempt *at = &attempts[a];

        if (dev->requested_mode != AFXDP_BEST_EFFORT
            && dev->requested_mode != at->mode) {
            continue;
        }
        dev->queues = xcalloc(dev->requested_n_rxq, sizeof *dev->queues);
        dev->xdp_flags = at->xdp_flags;
        for (int i = 0; i < dev->requested_n_rxq; i++) {
            error = afxdp_queue_create(dev->up.name, i, at->xdp_flags,
                                       at->bind_flags
                                       | XDP_USE_NEED_WAKEUP,
                                       &dev->queues[i]);
            if (error) {
                VLOG_INFO("%s: AF_XDP socket on queue %d in %s%s mode "
                          "failed (%s)", dev->up.name, i,
                          afxdp_mode_names[at->mode],
                          at->bind_flags == XDP_ZEROCOPY
                          ? " zero-copy" : "", svs_strerror(error));
                break;
            }
            dev->n_queues = i + 1;
            if (!dev->prog_id) {
                bpf_xdp_query_id(dev->ifindex, at->xdp_flags,
                                 &dev->prog_id);
            }
        }
        if (!error) {
            dev->mode_in_use = afxdp_mode_names[at->mode];
            dev->zero_copy = at->bind_flags == XDP_ZEROCOPY;
            dev->up.n_rxq = dev->up.n_txq = dev->n_queues;
            VLOG_INFO("%s: %d AF_XDP socket(s) in %s mode%s", dev->up.name,
                      dev->n_queues, dev->mode_in_use,
                      dev->zero_copy ? " (zero-copy)" : "");
            return 0;
        }
        afxdp_destroy_queues(dev);
    }
    *errp = xasprintf("%s: could not create AF_XDP sockets in %s mode "
                      "(%s)", dev->up.name,
                      afxdp_mode_names[dev->requested_mode],
                      svs_strerror(error));
    return error;
}

/* Device lifecycle. */

static struct netdev *
netdev_afxdp_alloc(void)
{
    struct netdev_afxdp *dev = xzalloc(sizeof *dev);
    return &dev->up;
}

/* The sockets are created by the first of set_config, rxq_open and send,
 * so that opening and configuring a device creates them once. */
static int
netdev_afxdp_construct(struct netdev *netdev)
{
    struct netdev_afxdp *dev = netdev_afxdp_cast(netdev);
    int ifindex = netdev_linux_ifindex(netdev->name);

    if (ifindex < 0) {
        return -ifindex;
    }
    pthread_mutex_init(&dev->mutex, NULL);
    dev->ifindex = ifindex;
    dev->requested_n_rxq = 1;
    dev->requested_mode = AFXDP_BEST_EFFORT;
    netdev_linux_watch_add(&dev->watch, netdev);
    return 0;
}

/* Creates the sockets if they do not exist yet.  Caller holds the
 * mutex. */
static int
afxdp_ensure_queues(struct netdev_afxdp *dev)
{
    char *err = NULL;
    int error;

    if (dev->n_queues) {
        return 0;
    }
    error = afxdp_create_queues(dev, &err);
    if (error) {
        VLOG_WARN_RL(&rl, "%s", err);
        free(err);
    }
    return error;
}

static void
netdev_afxdp_destruct(struct netdev *netdev)
{
    struct netdev_afxdp *dev = netdev_afxdp_cast(netdev);

    netdev_linux_watch_remove(&dev->watch);
    pthread_mutex_lock(&dev->mutex);
    afxdp_destroy_queues(dev);
    pthread_mutex_unlock(&dev->mutex);
    pthread_mutex_destroy(&dev->mutex);
}

static void
netdev_afxdp_dealloc(struct netdev *netdev)
{
    free(netdev_afxdp_cast(netdev));
}

static int
netdev_afxdp_set_config(struct netdev *netdev, const struct smap *args,
                        char **errp)
{
    struct netdev_afxdp *dev = netdev_afxdp_cast(netdev);
    const char *mode_s = smap_get_def(args, "xdp-mode", "best-effort");
    int n_rxq = smap_get_int(args, "n_rxq", 1);
    enum afxdp_mode mode;
    struct shash_node *node;
    int error = 0;

    SMAP_FOR_EACH (node, args) {
        if (strcmp(node->name, "xdp-mode") && strcmp(node->name, "n_rxq")) {
            *errp = xasprintf("%s: unknown option \"%s\"", netdev->name,
                              node->name);
            return EINVAL;
        }
    }
    for (mode = 0; mode < ARRAY_SIZE(afxdp_mode_names); mode++) {
        if (!strcmp(mode_s, afxdp_mode_names[mode])) {
            break;
        }
    }
    if (mode >= ARRAY_SIZE(afxdp_mode_names)) {
        *errp = xasprintf("%s: unknown xdp-mode \"%s\" (use best-effort, "
                          "native or generic)", netdev->name, mode_s);
        return EINVAL;
    }
    if (n_rxq < 1 || n_rxq > 64) {
        *errp = xasprintf("%s: n_rxq must be between 1 and 64",
                          netdev->name);
        return EINVAL;
    }

    pthread_mutex_lock(&dev->mutex);
    if (mode != dev->requested_mode || n_rxq != dev->requested_n_rxq
        || !dev->n_queues) {
        if (dev->n_open_rxqs) {
            *errp = xasprintf("%s: cannot change xdp-mode or n_rxq while "
                              "receive queues are open", netdev->name);
            error = EBUSY;
        } else {
            dev->requested_mode = mode;
            dev->requested_n_rxq = n_rxq;
            netdev->n_rxq = netdev->n_txq = n_rxq;
            afxdp_destroy_queues(dev);
            error = afxdp_create_queues(dev, errp);
        }
    }
    pthread_mutex_unlock(&dev->mutex);
    return error;
}

static int
netdev_afxdp_get_config(const struct netdev *netdev, struct smap *args)
{
    struct netdev_afxdp *dev = netdev_afxdp_cast(netdev);

    pthread_mutex_lock(&dev->mutex);
    smap_replace(args, "xdp-mode", afxdp_mode_names[dev->requested_mode]);
    smap_add_format(args, "n_rxq", "%d", dev->requested_n_rxq);
    pthread_mutex_unlock(&dev->mutex);
    return 0;
}

/* Properties: those of the Linux device. */

static int
netdev_afxdp_set_etheraddr(struct netdev *netdev, struct eth_addr mac)
{
    return netdev_linux_hwaddr_set(netdev->name, mac);
}

static int
netdev_afxdp_get_etheraddr(const struct netdev *netdev, struct eth_addr *mac)
{
    return netdev_linux_hwaddr_get(netdev->name, mac);
}

static int
netdev_afxdp_get_mtu(const struct netdev *netdev, int *mtup)
{
    return netdev_linux_mtu_get(netdev->name, mtup);
}

static int
netdev_afxdp_set_mtu(struct netdev *netdev, int mtu)
{
    /* A frame must fit one umem frame. */
    if (mtu > FRAME_SIZE - 256 - ETH_HEADER_LEN - 4) {
        return EINVAL;
    }
    return netdev_linux_mtu_set(netdev->name, mtu);
}

static int
netdev_afxdp_get_ifindex(const struct netdev *netdev)
{
    return netdev_linux_ifindex(netdev->name);
}

static int
netdev_afxdp_get_carrier(const struct netdev *netdev, bool *carrier)
{
    unsigned int flags;
    int error = netdev_linux_ifflags_get(netdev->name, &flags);

    *carrier = !error && (flags & IFF_RUNNING);
    return error;
}

static int
netdev_afxdp_get_speed(const struct netdev *netdev, uint32_t *mbps)
{
    return netdev_linux_speed_get(netdev->name, mbps);
}

static int
netdev_afxdp_update_flags(struct netdev *netdev, enum netdev_flags off,
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

static int
netdev_afxdp_get_stats(const struct netdev *netdev,
                       struct netdev_stats *stats)
{
    struct netdev_afxdp *dev = netdev_afxdp_cast(netdev);

    netdev_stats_init_unknown(stats);
    stats->rx_packets = __atomic_load_n(&dev->rx_packets, __ATOMIC_RELAXED);
    stats->rx_bytes = __atomic_load_n(&dev->rx_bytes, __ATOMIC_RELAXED);
    stats->tx_packets = __atomic_load_n(&dev->tx_packets, __ATOMIC_RELAXED);
    stats->tx_bytes = __atomic_load_n(&dev->tx_bytes, __ATOMIC_RELAXED);
    stats->tx_dropped = __atomic_load_n(&dev->tx_dropped, __ATOMIC_RELAXED);
    return 0;
}

static int
netdev_afxdp_get_status(const struct netdev *netdev, struct smap *smap)
{
    struct netdev_afxdp *dev = netdev_afxdp_cast(netdev);

    netdev_linux_drvinfo_get(netdev->name, smap);
    pthread_mutex_lock(&dev->mutex);
    if (dev->mode_in_use) {
        smap_replace(smap, "xdp-mode", dev->mode_in_use);
        smap_replace(smap, "zero-copy", dev->zero_copy ? "true" : "false");
    }
    pthread_mutex_unlock(&dev->mutex);
    return 0;
}

/* Checksums of received packets. */

/* Returns the folded one's-complement sum 'partial' (not complemented). */
static uint16_t
afxdp_fold(uint64_t partial)
{
    while (partial >> 16) {
        partial = (partial & 0xffff) + (partial >> 16);
    }
    return partial;
}

/* Returns the one's-complement sum of the 'n' bytes at 'data', as 16-bit
 * big-endian words, folded.  Reads 8 bytes at a time: the one's-complement
 * sum does not depend on byte order except for a final swap (RFC 1071). */
static uint16_t
afxdp_csum_bytes(const uint8_t *data, size_t n)
{
    uint64_t sum = 0;
    uint16_t folded;

    for (; n >= 8; n -= 8, data += 8) {
        uint64_t w;

        memcpy(&w, data, 8);
        sum += (w & 0xffffffff) + (w >> 32);
    }
    for (; n >= 2; n -= 2, data += 2) {
        uint16_t w;

        memcpy(&w, data, 2);
        sum += w;
    }
    if (n) {
        uint8_t last[2] = { data[0], 0 };
        uint16_t w;

        memcpy(&w, last, 2);
        sum += w;
    }
    folded = afxdp_fold(sum);
    return ntohs(folded);       /* Native to big-endian word sum. */
}

/* Finishes 'p''s partial L4 checksum, as dp_packet_csum_complete() does,
 * with the faster sum above: every packet to an AF_XDP socket needs it. */
static void
afxdp_csum_complete(struct dp_packet *p)
{
    uint8_t *d = dp_packet_data(p);
    size_t start = p->csum_start;
    size_t at = start + p->csum_offset;
    uint16_t sum;
    be16 csum;

    if (!(p->ol_flags & DP_PACKET_OL_CSUM_PARTIAL)) {
        return;
    }
    p->ol_flags &= ~DP_PACKET_OL_CSUM_PARTIAL;
    if (at + 2 > dp_packet_size(p)) {
        return;
    }
    /* The field holds the pseudo-header sum: sum from 'csum_start' to the
     * end with it in place, and store the complement. */
    sum = afxdp_csum_bytes(d + start, dp_packet_size(p) - start);
    csum = htons(~sum & 0xffff);
    if (!csum && p->csum_offset == offsetof(struct udp_header, udp_csum)) {
        csum = htons(0xffff);   /* UDP sends a zero checksum as all-ones. */
    }
    memcpy(d + at, &csum, sizeof csum);
}

/* Marks 'p' DP_PACKET_OL_CSUM_PARTIAL if its TCP or UDP checksum field
 * holds only the pseudo-header sum, as a sender with checksum offload
 * leaves it (see the file comment).  Packets with a correct checksum, or
 * a wrong one of another kind, are left alone. */
static bool
afxdp_detect_partial_csum(struct dp_packet *p)
{
    const uint8_t *d = dp_packet_data(p);
    size_t size = dp_packet_size(p);
    size_t l3 = ETH_HEADER_LEN, l4, l4_len, csum_ofs;
    uint32_t pseudo;
    uint8_t proto;
    uint16_t type;
    be16 field;

    if (size < ETH_HEADER_LEN) {
        return false;
    }
    type = (d[12] << 8) | d[13];
    if (type == ETH_TYPE_VLAN_8021Q && size >= l3 + 4) {
        type = (d[16] << 8) | d[17];
        l3 += 4;
    }
    if (type == ETH_TYPE_IP) {
        const struct ip_header *ip = (const void *) (d + l3);
        size_t ihl, tot_len;

        if (size < l3 + IP_HEADER_LEN) {
            return false;
        }
        ihl = (ip->ip_ihl_ver & 0xf) * 4;
        tot_len = ntohs(ip->ip_tot_len);
        if (ihl < IP_HEADER_LEN || tot_len < ihl || l3 + tot_len > size
            || IP_IS_FRAGMENT(ip->ip_frag_off)) {
            return false;
        }
        proto = ip->ip_proto;
        l4 = l3 + ihl;
        l4_len = tot_len - ihl;
        pseudo = packet_csum_pseudoheader(ip, proto, l4_len);
    } else if (type == ETH_TYPE_IPV6) {
        const struct ipv6_header *ip6 = (const void *) (d + l3);

        if (size < l3 + IPV6_HEADER_LEN) {
            return false;
        }
        proto = ip6->ip6_nxt;
        l4 = l3 + IPV6_HEADER_LEN;
        l4_len = ntohs(ip6->ip6_plen);
        if (l4 + l4_len > size) {
            return false;
        }
        pseudo = packet_csum_pseudoheader6(ip6, proto, l4_len);
    } else {
        return false;
    }
    if (proto == IPPROTO_TCP && l4_len >= TCP_HEADER_LEN) {
        csum_ofs = offsetof(struct tcp_header, tcp_csum);
    } else if (proto == IPPROTO_UDP && l4_len >= UDP_HEADER_LEN) {
        csum_ofs = offsetof(struct udp_header, udp_csum);
    } else {
        return false;
    }
    memcpy(&field, d + l4 + csum_ofs, 2);
    if (proto == IPPROTO_UDP && !field) {
        return false;           /* No checksum. */
    }
    if (afxdp_fold((uint64_t) pseudo + afxdp_csum_bytes(d + l4, l4_len))
        == 0xffff) {
        return false;           /* Correct. */
    }
    if (ntohs(field) != afxdp_fold(pseudo)) {
        return false;           /* Corrupt; leave it to the receiver. */
    }
    p->ol_flags |= DP_PACKET_OL_CSUM_PARTIAL;
    p->csum_start = l4;
    p->csum_offset = csum_ofs;
    return true;
}

/* Receive queues. */

static struct netdev_rxq *
netdev_afxdp_rxq_alloc(void)
{
    struct netdev_rxq_afxdp *rx = xzalloc(sizeof *rx);
    return &rx->up;
}

static int
netdev_afxdp_rxq_construct(struct netdev_rxq *rxq)
{
    struct netdev_rxq_afxdp *rx = netdev_rxq_afxdp_cast(rxq);
    struct netdev_afxdp *dev = netdev_afxdp_cast(rxq->netdev);
    int error = 0;

    pthread_mutex_lock(&dev->mutex);
    error = afxdp_ensure_queues(dev);
    if (error) {
        /* Logged. */
    } else if (rxq->queue_id >= dev->n_queues) {
        error = EINVAL;
    } else {
        rx->queue = dev->queues[rxq->queue_id];
        dev->n_open_rxqs++;
    }
    pthread_mutex_unlock(&dev->mutex);
    return error;
}

static void
netdev_afxdp_rxq_destruct(struct netdev_rxq *rxq)
{
    struct netdev_afxdp *dev = netdev_afxdp_cast(rxq->netdev);

    pthread_mutex_lock(&dev->mutex);
    dev->n_open_rxqs--;
    pthread_mutex_unlock(&dev->mutex);
}

static void
netdev_afxdp_rxq_dealloc(struct netdev_rxq *rxq)
{
    free(netdev_rxq_afxdp_cast(rxq));
}

static int
netdev_afxdp_rxq_recv(struct netdev_rxq *rxq, struct dp_packet_batch *batch)
{
    struct netdev_rxq_afxdp *rx = netdev_rxq_afxdp_cast(rxq);
    struct netdev_afxdp *dev = netdev_afxdp_cast(rxq->netdev);
    struct afxdp_queue *q = rx->queue;
    struct afxdp_umem *u = q->umem;
    uint32_t idx, n;
    uint64_t bytes = 0;

    n = xsk_ring_cons__peek(&q->rx, DP_PACKET_BATCH_SIZE - batch->count,
                            &idx);
    if (!n) {
        if (netdev_linux_watch_is_gone(&dev->watch)) {
            return ENODEV;      /* The device went away. */
        }
        afxdp_refill(q);
        return EAGAIN;
    }
    pthread_mutex_lock(&u->mutex);
    u->refcnt += n;
    pthread_mutex_unlock(&u->mutex);
    for (uint32_t i = 0; i < n; i++) {
        const struct xdp_desc *desc = xsk_ring_cons__rx_desc(&q->rx,
                                                             idx + i);
        uint64_t addr = xsk_umem__add_offset_to_addr(desc->addr);
        uint64_t frame = addr & ~(uint64_t) (FRAME_SIZE - 1);
        struct dp_packet *p = xmalloc(sizeof *p);

        dp_packet_use(p, (uint8_t *) u->area + frame, FRAME_SIZE,
                      addr - frame, desc->len);
        p->release = afxdp_packet_release;
        p->release_aux = u;
        if (afxdp_detect_partial_csum(p)) {
            counter_add(&dev->rx_csum_fixed, 1);
        }
        bytes += desc->len;
        dp_packet_batch_add(batch, p);
    }
    xsk_ring_cons__release(&q->rx, n);
    afxdp_refill(q);
    counter_add(&dev->rx_packets, n);
    counter_add(&dev->rx_bytes, bytes);
    return 0;
}

static void
netdev_afxdp_rxq_wait(struct netdev_rxq *rxq)
{
    struct netdev_rxq_afxdp *rx = netdev_rxq_afxdp_cast(rxq);

    poll_fd_wait(xsk_socket__fd(rx->queue->xsk), POLLIN);
}

static int
netdev_afxdp_rxq_get_fd(const struct netdev_rxq *rxq)
{
    return xsk_socket__fd(netdev_rxq_afxdp_cast(rxq)->queue->xsk);
}

/* Sending. */

/* Takes completed TX frames back.  Caller holds q->tx_mutex. */
static void
afxdp_reclaim(struct afxdp_queue *q)
{
    struct afxdp_umem *u = q->umem;
    uint32_t idx;
    uint32_t n = xsk_ring_cons__peek(&u->comp, RING_SIZE, &idx);

    if (n) {
        pthread_mutex_lock(&u->mutex);
        for (uint32_t i = 0; i < n; i++) {
            uint64_t addr = *xsk_ring_cons__comp_addr(&u->comp, idx + i);
            u->free[u->n_free++] = addr & ~(uint64_t) (FRAME_SIZE - 1);
        }
        pthread_mutex_unlock(&u->mutex);
        xsk_ring_cons__release(&u->comp, n);
        q->tx_outstanding -= n;
    }
}

static void
afxdp_kick(struct afxdp_queue *q)
{
    if (sendto(xsk_socket__fd(q->xsk), NULL, 0, MSG_DONTWAIT, NULL, 0) < 0
        && errno != EAGAIN && errno != EBUSY && errno != ENOBUFS
        && errno != ENETDOWN) {
        VLOG_WARN_RL(&rl, "AF_XDP kick failed (%s)", svs_strerror(errno));
    }
}

/* What afxdp_tx_one() needs. */
struct afxdp_tx {
    struct netdev_afxdp *dev;
    struct afxdp_queue *q;
    uint32_t n_queued;          /* Descriptors reserved and written, not
                                 * yet submitted. */
};

static void
afxdp_tx_submit(struct afxdp_tx *tx)
{
    if (tx->n_queued) {
        xsk_ring_prod__submit(&tx->q->tx, tx->n_queued);
        tx->q->tx_outstanding += tx->n_queued;
        tx->n_queued = 0;
        afxdp_kick(tx->q);
    }
}

/* Copies the complete packet 'p' into a frame on the TX ring; consumes
 * 'p'. */
static void
afxdp_tx_one(struct dp_packet *p, void *tx_)
{
    struct afxdp_tx *tx = tx_;
    struct afxdp_queue *q = tx->q;
    uint32_t size = dp_packet_size(p);
    uint64_t addr;
    uint32_t idx;

    if (size > FRAME_SIZE) {
        VLOG_WARN_RL(&rl, "%s: dropped %"PRIu32"-byte packet (too long "
                     "for an AF_XDP frame)", tx->dev->up.name, size);
        counter_add(&tx->dev->tx_dropped, 1);
        dp_packet_delete(p);
        return;
    }
    for (int attempt = 0; ; attempt++) {
        if (afxdp_umem_get_frame(q->umem, &addr)) {
            if (xsk_ring_prod__reserve(&q->tx, 1, &idx) == 1) {
                break;
            }
            afxdp_umem_put_frame(q->umem, addr);
        }
        /* No room: let the kernel catch up, a bounded number of times. */
        afxdp_tx_submit(tx);
        afxdp_reclaim(q);
        if (attempt >= 1000) {
            counter_add(&tx->dev->tx_dropped, 1);
            dp_packet_delete(p);
            return;
        }
        if (attempt) {
            struct pollfd pfd = { .fd = xsk_socket__fd(q->xsk),
                                  .events = POLLOUT };
            poll(&pfd, 1, 1);
        }
    }

    struct xdp_desc *desc = xsk_ring_prod__tx_desc(&q->tx, idx);
    memcpy((uint8_t *) q->umem->area + addr, dp_packet_data(p), size);
    desc->addr = addr;
    desc->len = size;
    desc->options = 0;
    tx->n_queued++;
    counter_add(&tx->dev->tx_packets, 1);
    counter_add(&tx->dev->tx_bytes, size);
    dp_packet_delete(p);
}

static int
netdev_afxdp_send(struct netdev *netdev, int qid, struct dp_packet_batch *b,
                  bool concurrent_txq)
{
    struct netdev_afxdp *dev = netdev_afxdp_cast(netdev);
    struct afxdp_tx tx = { .dev = dev };
    struct dp_packet *p;
    int error = 0;

    pthread_mutex_lock(&dev->mutex);
    error = afxdp_ensure_queues(dev);
    if (error) {
        pthread_mutex_unlock(&dev->mutex);
        dp_packet_batch_destroy(b);
        return error;
    }
    tx.q = dev->queues[qid % dev->n_queues];
    pthread_mutex_unlock(&dev->mutex);

    pthread_mutex_lock(&tx.q->tx_mutex);
    afxdp_reclaim(tx.q);
    DP_PACKET_BATCH_FOR_EACH (i, p, b) {
        if (p->ol_flags & DP_PACKET_OL_TSO) {
            if (dp_packet_segment_tso_each(p, afxdp_tx_one, &tx)) {
                counter_add(&dev->tx_dropped, 1);
                error = EINVAL;
            }
        } else {
            afxdp_csum_complete(p);
            afxdp_tx_one(p, &tx);
        }
    }
    afxdp_tx_submit(&tx);
    afxdp_reclaim(tx.q);
    pthread_mutex_unlock(&tx.q->tx_mutex);
    b->count = 0;
    return error;
}

static void
netdev_afxdp_send_wait(struct netdev *netdev, int qid)
{
    struct netdev_afxdp *dev = netdev_afxdp_cast(netdev);

    pthread_mutex_lock(&dev->mutex);
    if (dev->n_queues) {
        poll_fd_wait(xsk_socket__fd(dev->queues[qid % dev->n_queues]->xsk),
                     POLLOUT);
    }
    pthread_mutex_unlock(&dev->mutex);
}

static void
netdev_afxdp_run(const struct netdev_class *class)
{
    netdev_linux_notify_run();
}

static void
netdev_afxdp_wait(const struct netdev_class *class)
{
    netdev_linux_notify_wait();
}

static const struct netdev_class netdev_afxdp_class = {
    .type = "afxdp",
    .run = netdev_afxdp_run,
    .wait = netdev_afxdp_wait,
    .alloc = netdev_afxdp_alloc,
    .construct = netdev_afxdp_construct,
    .destruct = netdev_afxdp_destruct,
    .dealloc = netdev_afxdp_dealloc,
    .set_config = netdev_afxdp_set_config,
    .get_config = netdev_afxdp_get_config,
    .send = netdev_afxdp_send,
    .send_wait = netdev_afxdp_send_wait,
    .set_etheraddr = netdev_afxdp_set_etheraddr,
    .get_etheraddr = netdev_afxdp_get_etheraddr,
    .get_mtu = netdev_afxdp_get_mtu,
    .set_mtu = netdev_afxdp_set_mtu,
    .get_ifindex = netdev_afxdp_get_ifindex,
    .get_carrier = netdev_afxdp_get_carrier,
    .get_speed = netdev_afxdp_get_speed,
    .get_stats = netdev_afxdp_get_stats,
    .get_status = netdev_afxdp_get_status,
    .update_flags = netdev_afxdp_update_flags,
    .rxq_alloc = netdev_afxdp_rxq_alloc,
    .rxq_construct = netdev_afxdp_rxq_construct,
    .rxq_destruct = netdev_afxdp_rxq_destruct,
    .rxq_dealloc = netdev_afxdp_rxq_dealloc,
    .rxq_recv = netdev_afxdp_rxq_recv,
    .rxq_wait = netdev_afxdp_rxq_wait,
    .rxq_get_fd = netdev_afxdp_rxq_get_fd,
};

void
netdev_afxdp_register(void)
{
    libxdp_set_print(afxdp_libxdp_print);
    libbpf_set_print(afxdp_libbpf_print);
    netdev_register_provider(&netdev_afxdp_class);
}
