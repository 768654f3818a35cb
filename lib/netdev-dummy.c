/* netdev-dummy.c: in-memory network devices for tests, types "dummy" and
 * "dummy-internal" (netdev_dummy_register() in netdev.h).
 *
 * What: a dummy device has no wire.  Packets reach its receive queues
 * through the unixctl command
 *     netdev-dummy/receive NAME [--qid N] PACKET... [--len N]
 * (PACKET as hex bytes of an Ethernet frame, or as a datapath flow such as
 * "in_port(1),eth(...),eth_type(0x0800),ipv4(...)" composed into a packet
 * of --len bytes, the same bytes as ovs-vswitchd builds), and packets sent
 * to it are counted and, with options:tx_pcap=FILE, appended to a pcap
 * file; options:rxq_pcap=FILE (alias rx_pcap) records received packets
 * and options:pcap=FILE both.  netdev-dummy/set-admin-state [NAME] up|down
 * sets the administrative state, which the carrier follows.  Other
 * options: n_rxq, n_txq, ifindex.
 *
 * Offloads: a dummy device cannot take partial checksums or TSO packets,
 * so sending completes checksums and segments in software; the pcap shows
 * what a wire would carry.
 *
 * Thread-safety: each device has a mutex for its state and queues; the
 * list of devices is netdev.c's (netdev_get_devices()). */
#include <config.h>
#include "netdev.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>
#include "dp-packet.h"
#include "dynamic-string.h"
#include "flow.h"
#include "list.h"
#include "netdev-provider.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "packets.h"
#include "poll-loop.h"
#include "smap.h"
#include "sset.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(netdev_dummy);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* A packet waiting in a receive queue. */
struct dummy_packet {
    struct svs_list node;       /* In netdev_rxq_dummy's 'queue'. */
    struct dp_packet *packet;
};

struct netdev_dummy {
    struct netdev up;

    pthread_mutex_t mutex;      /* Guards all members below. */
    struct eth_addr mac;
    int mtu;
    int ifindex;                /* Negative errno if none. */
    enum netdev_flags flags;
    struct netdev_stats stats;
    struct svs_list rxqs;       /* Open netdev_rxq_dummy's 'node'. */

    char *tx_pcap_name, *rxq_pcap_name;     /* As configured, or NULL. */
    FILE *tx_pcap, *rxq_pcap;   /* May be the same stream. */
    int requested_n_rxq, requested_n_txq;
};

struct netdev_rxq_dummy {
    struct netdev_rxq up;
    struct svs_list node;       /* In netdev_dummy's 'rxqs'. */
    struct svs_list queue;      /* struct dummy_packet, under the device's
                                 * mutex. */
    int fd;                     /* eventfd: readable while 'queue' is not
                                 * empty. */
};

static int netdev_dummy_construct(struct netdev *);

/* The classes registered with dummy devices ("dummy", "dummy-internal" and
 * any types overridden by netdev_dummy_register(true)), NULL-terminated.
 * Written once, by netdev_dummy_register(), main thread. */
static const struct netdev_class *dummy_classes[32];

static bool
is_dummy_class(const struct netdev_class *class)
{
    return class->construct == netdev_dummy_construct;
}

static struct netdev_dummy *
netdev_dummy_cast(const struct netdev *netdev)
{
    return CONTAINER_OF(netdev, struct netdev_dummy, up);
}

static struct netdev_rxq_dummy *
netdev_rxq_dummy_cast(const struct netdev_rxq *rxq)
{
    return CONTAINER_OF(rxq, struct netdev_rxq_dummy, up);
}

/* pcap files. */

struct pcap_hdr {
    uint32_t magic;
    uint16_t version_major, version_minor;
    int32_t thiszone;
    uint32_t sigfigs;
    uint32_t snaplen;
    uint32_t network;
};

struct pcaprec_hdr {
    uint32_t ts_sec, ts_usec;
    uint32_t incl_len, orig_len;
};

/* Opens 'name' for appending packets, writing the pcap file header if the
 * file is empty.  Returns NULL and logs on failure. */
static FILE *
dummy_pcap_open(const char *name)
{
    struct stat st;
    FILE *file = fopen(name, "ab");

    if (!file) {
        VLOG_WARN("%s: failed to open pcap file (%s)", name,
                  svs_strerror(errno));
        return NULL;
    }
    if (!fstat(fileno(file), &st) && st.st_size == 0) {
        struct pcap_hdr h = {
            .magic = 0xa1b2c3d4, .version_major = 2, .version_minor = 4,
            .thiszone = 0, .sigfigs = 0, .snaplen = 262144, .network = 1,
        };
        fwrite(&h, sizeof h, 1, file);
        fflush(file);
    }
    return file;
}

static void
dummy_pcap_write(FILE *file, const struct dp_packet *p)
{
    struct pcaprec_hdr h;
    struct timeval tv;

    gettimeofday(&tv, NULL);
    h.ts_sec = tv.tv_sec;
    h.ts_usec = tv.tv_usec;
    h.incl_len = h.orig_len = dp_packet_size(p);
    fwrite(&h, sizeof h, 1, file);
    fwrite(dp_packet_data(p), dp_packet_size(p), 1, file);
    fflush(file);
}

/* Device lifecycle. */

static struct netdev *
netdev_dummy_alloc(void)
{
    struct netdev_dummy *dev = xzalloc(sizeof *dev);
    return &dev->up;
}

static int
netdev_dummy_construct(struct netdev *netdev)
{
    static unsigned int next_n = 1;
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    unsigned int n = __atomic_fetch_add(&next_n, 1, __ATOMIC_RELAXED);

    pthread_mutex_init(&dev->mutex, NULL);
    /* aa:55:aa:55:00:01, aa:55:aa:55:00:02, ... */
    dev->mac = (struct eth_addr) { { { 0xaa, 0x55, 0xaa, 0x55,
                                       (n >> 8) & 0xff, n & 0xff } } };
    dev->mtu = 1500;
    dev->ifindex = -EOPNOTSUPP;
    dev->flags = NETDEV_UP;
    /* Like ovs-vswitchd's dummies, only packet and byte counters. */
    netdev_stats_init_unknown(&dev->stats);
    dev->stats.rx_packets = dev->stats.tx_packets = 0;
    dev->stats.rx_bytes = dev->stats.tx_bytes = 0;
    svs_list_init(&dev->rxqs);
    dev->requested_n_rxq = dev->requested_n_txq = 1;
    return 0;
}

static void
dummy_close_pcaps(struct netdev_dummy *dev)
{
    if (dev->tx_pcap) {
        fclose(dev->tx_pcap);
    }
    if (dev->rxq_pcap && dev->rxq_pcap != dev->tx_pcap) {
        fclose(dev->rxq_pcap);
    }
    dev->tx_pcap = dev->rxq_pcap = NULL;
    free(dev->tx_pcap_name);
    free(dev->rxq_pcap_name);
    dev->tx_pcap_name = dev->rxq_pcap_name = NULL;
}

static void
netdev_dummy_destruct(struct netdev *netdev)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    dummy_close_pcaps(dev);
    pthread_mutex_destroy(&dev->mutex);
}

static void
netdev_dummy_dealloc(struct netdev *netdev)
{
    free(netdev_dummy_cast(netdev));
}

static bool
dummy_str_equal(const char *a, const char *b)
{
    return a ? b && !strcmp(a, b) : !b;
}

static int
netdev_dummy_set_config(struct netdev *netdev, const struct smap *args,
                        char **errp)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    const char *pcap = smap_get(args, "pcap");
    const char *tx_pcap, *rxq_pcap;
    int n_rxq = smap_get_int(args, "n_rxq", 1);
    int n_txq = smap_get_int(args, "n_txq", 1);
    int ifindex = smap_get_int(args, "ifindex", -EOPNOTSUPP);
    static const char *const known[] = {
        "pcap", "tx_pcap", "rxq_pcap", "rx_pcap", "n_rxq", "n_txq",
        "ifindex",
    };
    struct shash_node *node;

    SMAP_FOR_EACH (node, args) {
        size_t i;

        for (i = 0; i < ARRAY_SIZE(known); i++) {
            if (!strcmp(node->name, known[i])) {
                break;
            }
        }
        if (i == ARRAY_SIZE(known)) {
            *errp = xasprintf("%s: unknown option \"%s\"", netdev->name,
                              node->name);
            return EINVAL;
        }
    }
    if (n_rxq < 1 || n_rxq > 1024 || n_txq < 1 || n_txq > 1024) {
        *errp = xasprintf("%s: n_rxq and n_txq must be between 1 and 1024",
                          netdev->name);
        return EINVAL;
    }
    if (pcap) {
        tx_pcap = rxq_pcap = pcap;
    } else {
        tx_pcap = smap_get(args, "tx_pcap");
        rxq_pcap = smap_get(args, "rxq_pcap");
        if (!rxq_pcap) {
            rxq_pcap = smap_get(args, "rx_pcap");
        }
    }

    pthread_mutex_lock(&dev->mutex);
    if (!dummy_str_equal(tx_pcap, dev->tx_pcap_name)
        || !dummy_str_equal(rxq_pcap, dev->rxq_pcap_name)) {
        dummy_close_pcaps(dev);
        if (tx_pcap) {
            dev->tx_pcap = dummy_pcap_open(tx_pcap);
            dev->tx_pcap_name = xstrdup(tx_pcap);
        }
        if (rxq_pcap) {
            dev->rxq_pcap = (tx_pcap && !strcmp(tx_pcap, rxq_pcap)
                             ? dev->tx_pcap : dummy_pcap_open(rxq_pcap));
            dev->rxq_pcap_name = xstrdup(rxq_pcap);
        }
    }
    dev->ifindex = ifindex;
    dev->requested_n_rxq = n_rxq;
    dev->requested_n_txq = n_txq;
    netdev->n_rxq = n_rxq;
    netdev->n_txq = n_txq;
    pthread_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_dummy_get_config(const struct netdev *netdev, struct smap *args)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    pthread_mutex_lock(&dev->mutex);
    if (dev->tx_pcap_name && dev->rxq_pcap_name
        && !strcmp(dev->tx_pcap_name, dev->rxq_pcap_name)) {
        smap_replace(args, "pcap", dev->tx_pcap_name);
    } else {
        if (dev->tx_pcap_name) {
            smap_replace(args, "tx_pcap", dev->tx_pcap_name);
        }
        if (dev->rxq_pcap_name) {
            smap_replace(args, "rxq_pcap", dev->rxq_pcap_name);
        }
    }
    if (dev->requested_n_rxq != 1) {
        smap_add_format(args, "n_rxq", "%d", dev->requested_n_rxq);
    }
    if (dev->requested_n_txq != 1) {
        smap_add_format(args, "n_txq", "%d", dev->requested_n_txq);
    }
    if (dev->ifindex >= 0) {
        smap_add_format(args, "ifindex", "%d", dev->ifindex);
    }
    pthread_mutex_unlock(&dev->mutex);
    return 0;
}

/* Sending. */

/* Records one complete packet as sent.  Caller holds the mutex. */
static void
dummy_tx_one(struct netdev_dummy *dev, struct dp_packet *p)
{
    dev->stats.tx_packets++;
    dev->stats.tx_bytes += dp_packet_size(p);
    if (dev->tx_pcap) {
        dummy_pcap_write(dev->tx_pcap, p);
    }
    dp_packet_delete(p);
}

static void
dummy_tx_segment(struct dp_packet *seg, void *dev)
{
    dummy_tx_one(dev, seg);
}

static int
netdev_dummy_send(struct netdev *netdev, int qid, struct dp_packet_batch *b,
                  bool concurrent_txq)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    struct dp_packet *p;
    int error = 0;

    pthread_mutex_lock(&dev->mutex);
    DP_PACKET_BATCH_FOR_EACH (i, p, b) {
        if (dp_packet_size(p) < ETH_HEADER_LEN) {
            dp_packet_delete(p);
            error = EMSGSIZE;
        } else if (p->ol_flags & DP_PACKET_OL_TSO) {
            if (dp_packet_segment_tso_each(p, dummy_tx_segment, dev)) {
                error = EINVAL;
            }
        } else {
            dp_packet_csum_complete(p);
            dummy_tx_one(dev, p);
        }
    }
    pthread_mutex_unlock(&dev->mutex);
    b->count = 0;
    return error;
}

/* Properties. */

static int
netdev_dummy_set_etheraddr(struct netdev *netdev, struct eth_addr mac)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    pthread_mutex_lock(&dev->mutex);
    if (!eth_addr_equals(dev->mac, mac)) {
        dev->mac = mac;
        netdev_change_seq_bump(netdev);
    }
    pthread_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_dummy_get_etheraddr(const struct netdev *netdev, struct eth_addr *mac)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    pthread_mutex_lock(&dev->mutex);
    *mac = dev->mac;
    pthread_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_dummy_get_mtu(const struct netdev *netdev, int *mtup)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    pthread_mutex_lock(&dev->mutex);
    *mtup = dev->mtu;
    pthread_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_dummy_set_mtu(struct netdev *netdev, int mtu)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    if (mtu < 68 || mtu > 65535) {
        return EINVAL;
    }
    pthread_mutex_lock(&dev->mutex);
    if (dev->mtu != mtu) {
        dev->mtu = mtu;
        netdev_change_seq_bump(netdev);
    }
    pthread_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_dummy_get_ifindex(const struct netdev *netdev)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    int ifindex;

    pthread_mutex_lock(&dev->mutex);
    ifindex = dev->ifindex;
    pthread_mutex_unlock(&dev->mutex);
    return ifindex;
}

static int
netdev_dummy_get_carrier(const struct netdev *netdev, bool *carrier)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    pthread_mutex_lock(&dev->mutex);
    *carrier = (dev->flags & NETDEV_UP) != 0;
    pthread_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_dummy_get_stats(const struct netdev *netdev,
                       struct netdev_stats *stats)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);

    pthread_mutex_lock(&dev->mutex);
    *stats = dev->stats;
    pthread_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_dummy_update_flags(struct netdev *netdev, enum netdev_flags off,
                          enum netdev_flags on, enum netdev_flags *old)
{
    struct netdev_dummy *dev = netdev_dummy_cast(netdev);
    enum netdev_flags valid = NETDEV_UP | NETDEV_PROMISC;

    if ((off | on) & ~valid) {
        return EINVAL;
    }
    pthread_mutex_lock(&dev->mutex);
    *old = dev->flags;
    dev->flags = (dev->flags & ~off) | on;
    if (dev->flags != *old) {
        netdev_change_seq_bump(netdev);
    }
    pthread_mutex_unlock(&dev->mutex);
    return 0;
}

/* Receive queues. */

static struct netdev_rxq *
netdev_dummy_rxq_alloc(void)
{
    struct netdev_rxq_dummy *rx = xzalloc(sizeof *rx);
    return &rx->up;
}

static int
netdev_dummy_rxq_construct(struct netdev_rxq *rxq)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq);
    struct netdev_dummy *dev = netdev_dummy_cast(rxq->netdev);

    rx->fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (rx->fd < 0) {
        return errno;
    }
    svs_list_init(&rx->queue);
    pthread_mutex_lock(&dev->mutex);
    svs_list_push_back(&dev->rxqs, &rx->node);
    pthread_mutex_unlock(&dev->mutex);
    return 0;
}

static void
netdev_dummy_rxq_destruct(struct netdev_rxq *rxq)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq);
    struct netdev_dummy *dev = netdev_dummy_cast(rxq->netdev);
    struct dummy_packet *dp;

    pthread_mutex_lock(&dev->mutex);
    svs_list_remove(&rx->node);
    LIST_FOR_EACH_POP (dp, node, &rx->queue) {
        dp_packet_delete(dp->packet);
        free(dp);
    }
    pthread_mutex_unlock(&dev->mutex);
    close(rx->fd);
}

static void
netdev_dummy_rxq_dealloc(struct netdev_rxq *rxq)
{
    free(netdev_rxq_dummy_cast(rxq));
}

static int
netdev_dummy_rxq_recv(struct netdev_rxq *rxq, struct dp_packet_batch *batch)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq);
    struct netdev_dummy *dev = netdev_dummy_cast(rxq->netdev);

    pthread_mutex_lock(&dev->mutex);
    while (!dp_packet_batch_is_full(batch) && !svs_list_is_empty(&rx->queue)) {
        struct dummy_packet *dp;

        dp = CONTAINER_OF(svs_list_pop_front(&rx->queue),
                          struct dummy_packet, node);
        dp_packet_batch_add(batch, dp->packet);
        free(dp);
    }
    if (svs_list_is_empty(&rx->queue)) {
        uint64_t n;

        if (read(rx->fd, &n, sizeof n) < 0 && errno != EAGAIN) {
            VLOG_WARN_RL(&rl, "%s: eventfd read failed (%s)",
                         rxq->netdev->name, svs_strerror(errno));
        }
    }
    pthread_mutex_unlock(&dev->mutex);
    return batch->count ? 0 : EAGAIN;
}

static void
netdev_dummy_rxq_wait(struct netdev_rxq *rxq)
{
    struct netdev_rxq_dummy *rx = netdev_rxq_dummy_cast(rxq);
    struct netdev_dummy *dev = netdev_dummy_cast(rxq->netdev);
    bool empty;

    pthread_mutex_lock(&dev->mutex);
    empty = svs_list_is_empty(&rx->queue);
    pthread_mutex_unlock(&dev->mutex);
    if (empty) {
        poll_fd_wait(rx->fd, POLLIN);
    } else {
        poll_immediate_wake();
    }
}

static int
netdev_dummy_rxq_get_fd(const struct netdev_rxq *rxq)
{
    return netdev_rxq_dummy_cast(rxq)->fd;
}

/* Hands 'p' to receive queue 'qid' of 'dev' (taking ownership), recording
 * it in the receive pcap.  Caller holds the mutex. */
static void
dummy_queue_packet(struct netdev_dummy *dev, struct dp_packet *p, int qid)
{
    struct netdev_rxq_dummy *rx;

    dev->stats.rx_packets++;
    dev->stats.rx_bytes += dp_packet_size(p);
    if (dev->rxq_pcap) {
        dummy_pcap_write(dev->rxq_pcap, p);
    }
    LIST_FOR_EACH (rx, node, &dev->rxqs) {
        if (rx->up.queue_id == qid) {
            struct dummy_packet *dp = xmalloc(sizeof *dp);
            uint64_t one = 1;

            dp->packet = p;
            svs_list_push_back(&rx->queue, &dp->node);
            if (write(rx->fd, &one, sizeof one) < 0) {
                VLOG_WARN_RL(&rl, "%s: eventfd write failed (%s)",
                             dev->up.name, svs_strerror(errno));
            }
            return;
        }
    }
    /* Nobody is listening on that queue. */
    dp_packet_delete(p);
}

static int
hexit_value(int c)
{
    return (c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
            : -1);
}

/* Parses 's', hex digits (white space between bytes allowed, an optional
 * leading "0x"), into a new packet.  Returns NULL if 's' is not that or
 * is shorter than an Ethernet header. */
static struct dp_packet *
dummy_packet_from_hex(const char *s)
{
    struct dp_packet *p = dp_packet_new(strlen(s) / 2);

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s += 2;
    }
    for (;;) {
        int hi, lo;
        uint8_t byte;

        while (*s == ' ' || *s == '\t' || *s == '\n') {
            s++;
        }
        if (!*s) {
            break;
        }
        hi = hexit_value(s[0]);
        lo = hi >= 0 ? hexit_value(s[1]) : -1;
        if (lo < 0) {
            dp_packet_delete(p);
            return NULL;
        }
        byte = hi * 16 + lo;
        dp_packet_put(p, &byte, 1);
        s += 2;
    }
    if (dp_packet_size(p) < ETH_HEADER_LEN) {
        dp_packet_delete(p);
        return NULL;
    }
    return p;
}

/* Composes a packet from the datapath flow text 's' (as ovs-dpctl prints
 * flows), with 'len' bytes in all if 'len' >= 0.  Returns NULL with a
 * malloc'd message in '*errp' on failure. */
static struct dp_packet *
dummy_packet_from_flow(const char *s, long len, char **errp)
{
    struct flow_wildcards mask;
    struct dp_packet *p;
    struct flow flow;
    struct ofpbuf b;
    char *error;

    error = odp_flow_from_string(s, NULL, &flow, &mask);
    if (error) {
        *errp = error;
        return NULL;
    }
    ofpbuf_init(&b, 128);
    if (len >= 0) {
        /* Headers first, then a payload that makes up 'len'. */
        flow_compose(&b, &flow, 0);
        if (len < (long) b.size) {
            *errp = xstrdup("too small packet len");
            ofpbuf_uninit(&b);
            return NULL;
        }
        size_t l7_len = len - b.size;
        ofpbuf_uninit(&b);
        ofpbuf_init(&b, len);
        flow_compose(&b, &flow, l7_len);
    } else {
        flow_compose(&b, &flow, 64);
    }
    p = dp_packet_clone_data(b.data, b.size);
    ofpbuf_uninit(&b);
    return p;
}

/* Returns the open dummy device 'name' with a new reference, or NULL. */
static struct netdev *
dummy_find(const char *name)
{
    struct netdev *netdev = netdev_lookup(name);

    if (netdev && !is_dummy_class(netdev->netdev_class)) {
        netdev_close(netdev);
        return NULL;
    }
    return netdev;
}

/* netdev-dummy/receive NAME [--qid N] PACKET... [--len N] */
static void
dummy_unixctl_receive(struct unixctl_conn *conn, int argc, const char *argv[],
                      void *aux)
{
    struct netdev *netdev = dummy_find(argv[1]);
    struct dp_packet_batch batch;
    struct netdev_dummy *dev;
    int qid = 0;
    long len = -1;

    if (!netdev) {
        unixctl_command_reply_error(conn, "no such dummy netdev");
        return;
    }
    dev = netdev_dummy_cast(netdev);
    dp_packet_batch_init(&batch);
    for (int i = 2; i + 1 < argc; i++) {
        /* --len applies to every flow, wherever it is. */
        if (!strcmp(argv[i], "--len")) {
            char *end;

            len = strtol(argv[i + 1], &end, 10);
            if (*end || end == argv[i + 1] || len < 0 || len > 65535) {
                unixctl_command_reply_error(conn, "bad packet length");
                goto out;
            }
        }
    }
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--qid") || !strcmp(argv[i], "--len")) {
            char *end;
            long v;

            if (i + 1 >= argc) {
                unixctl_command_reply_error(conn, "option requires an "
                                            "argument");
                goto out;
            }
            v = strtol(argv[i + 1], &end, 10);
            if (*end || end == argv[i + 1] || v < 0 || v > 65535) {
                unixctl_command_reply_error(conn, !strcmp(argv[i], "--qid")
                                            ? "bad queue id"
                                            : "bad packet length");
                goto out;
            }
            if (argv[i][2] == 'q') {
                qid = v;
            }
            i++;
        } else {
            struct dp_packet *p = dummy_packet_from_hex(argv[i]);

            if (!p) {
                char *error = NULL;

                p = dummy_packet_from_flow(argv[i], len, &error);
                if (!p) {
                    unixctl_command_reply_error(conn, error);
                    free(error);
                    goto out;
                }
            }
            if (dp_packet_batch_is_full(&batch)) {
                unixctl_command_reply_error(conn, "too many packets");
                dp_packet_delete(p);
                goto out;
            }
            dp_packet_batch_add(&batch, p);
        }
    }
    if (!batch.count) {
        unixctl_command_reply_error(conn, "no packet given");
        goto out;
    }

    pthread_mutex_lock(&dev->mutex);
    for (size_t i = 0; i < batch.count; i++) {
        dummy_queue_packet(dev, batch.packets[i], qid);
    }
    batch.count = 0;
    pthread_mutex_unlock(&dev->mutex);
    unixctl_command_reply(conn, NULL);

out:
    dp_packet_batch_destroy(&batch);
    netdev_close(netdev);
}

static void
dummy_set_admin_state(struct netdev *netdev, bool up)
{
    enum netdev_flags old;

    netdev_dummy_update_flags(netdev, up ? 0 : NETDEV_UP,
                              up ? NETDEV_UP : 0, &old);
}

/* netdev-dummy/set-admin-state [NAME] up|down */
static void
dummy_unixctl_set_admin_state(struct unixctl_conn *conn, int argc,
                              const char *argv[], void *aux)
{
    const char *state = argv[argc - 1];
    bool up;

    if (!strcasecmp(state, "up")) {
        up = true;
    } else if (!strcasecmp(state, "down")) {
        up = false;
    } else {
        unixctl_command_reply_error(conn, "Invalid Admin State");
        return;
    }

    if (argc > 2) {
        struct netdev *netdev = dummy_find(argv[1]);

        if (!netdev) {
            unixctl_command_reply_error(conn, "Unknown Dummy Interface");
            return;
        }
        dummy_set_admin_state(netdev, up);
        netdev_close(netdev);
    } else {
        for (size_t i = 0; dummy_classes[i]; i++) {
            struct netdev **devs;
            size_t n;

            devs = netdev_get_devices(dummy_classes[i], &n);
            for (size_t j = 0; j < n; j++) {
                dummy_set_admin_state(devs[j], up);
                netdev_close(devs[j]);
            }
            free(devs);
        }
    }
    unixctl_command_reply(conn, "OK");
}

#define NETDEV_DUMMY_CLASS(TYPE)                        \
    {                                                   \
        .type = TYPE,                                   \
        .alloc = netdev_dummy_alloc,                    \
        .construct = netdev_dummy_construct,            \
        .destruct = netdev_dummy_destruct,              \
        .dealloc = netdev_dummy_dealloc,                \
        .set_config = netdev_dummy_set_config,          \
        .get_config = netdev_dummy_get_config,          \
        .send = netdev_dummy_send,                      \
        .set_etheraddr = netdev_dummy_set_etheraddr,    \
        .get_etheraddr = netdev_dummy_get_etheraddr,    \
        .get_mtu = netdev_dummy_get_mtu,                \
        .set_mtu = netdev_dummy_set_mtu,                \
        .get_ifindex = netdev_dummy_get_ifindex,        \
        .get_carrier = netdev_dummy_get_carrier,        \
        .get_stats = netdev_dummy_get_stats,            \
        .update_flags = netdev_dummy_update_flags,      \
        .rxq_alloc = netdev_dummy_rxq_alloc,            \
        .rxq_construct = netdev_dummy_rxq_construct,    \
        .rxq_destruct = netdev_dummy_rxq_destruct,      \
        .rxq_dealloc = netdev_dummy_rxq_dealloc,        \
        .rxq_recv = netdev_dummy_rxq_recv,              \
        .rxq_wait = netdev_dummy_rxq_wait,              \
        .rxq_get_fd = netdev_dummy_rxq_get_fd,          \
    }

static const struct netdev_class dummy_class = NETDEV_DUMMY_CLASS("dummy");
static const struct netdev_class dummy_internal_class
    = NETDEV_DUMMY_CLASS("dummy-internal");

static void
dummy_add_class(const struct netdev_class *class)
{
    size_t n = 0;

    while (dummy_classes[n]) {
        n++;
    }
    svs_assert(n + 1 < ARRAY_SIZE(dummy_classes));
    dummy_classes[n] = class;
}

/* Replaces the provider of 'type' by dummy devices.  Fails (and logs) if
 * devices of that type are open. */
static void
dummy_override(const char *type)
{
    struct netdev_class *class;
    int error = netdev_unregister_provider(type);

    if (error) {
        VLOG_WARN("failed to override netdev type %s with dummy devices "
                  "(%s)", type, svs_strerror(error));
        return;
    }
    class = xmemdup(&dummy_class, sizeof dummy_class);
    class->type = xstrdup(type);
    netdev_register_provider(class);
    dummy_add_class(class);
}

void
netdev_dummy_register(bool override)
{
    static bool registered;

    if (registered) {
        return;
    }
    registered = true;

    netdev_register_default_providers();
    if (override) {
        struct sset types = SSET_INITIALIZER(&types);
        const char *type;

        netdev_enumerate_types(&types);
        SSET_FOR_EACH (type, &types) {
            dummy_override(type);
        }
        sset_destroy(&types);
    }
    netdev_register_provider(&dummy_class);
    netdev_register_provider(&dummy_internal_class);
    dummy_add_class(&dummy_class);
    dummy_add_class(&dummy_internal_class);

    unixctl_command_register("netdev-dummy/receive",
                             "name [--qid queue_id] packet|flow "
                             "[--len packet_len]",
                             2, INT_MAX, dummy_unixctl_receive, NULL);
    unixctl_command_register("netdev-dummy/set-admin-state",
                             "[netdev] up|down", 1, 2,
                             dummy_unixctl_set_admin_state, NULL);
}
