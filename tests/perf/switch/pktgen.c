/* pktgen: a small-packet generator (and counter) over AF_PACKET sockets.
 *
 * What: sends IPv4/UDP frames of a fixed size (64 bytes by default, from
 * the Ethernet header to the end of the payload, no FCS) out of one
 * network device for a given time or a given number of packets, in
 * batches of sendmmsg(), optionally paced to a rate, and prints one line
 * of JSON: packets and bytes handed to the kernel, seconds, packets per
 * second, sendmmsg() calls, the number of times the device queue pushed
 * back (ENOBUFS/EAGAIN), and the CPU time this program used.  The switch
 * benchmark (tests/perf/switch/run.py) counts what arrived at the receiver
 * itself, from the receiving device's statistics.
 *
 * The UDP source port of packet i is 'sport + i % sport_count', so that a
 * stream can consist of distinct flows ('--sport-count' large) or of one
 * flow (the default).  The UDP checksum is 0 (none, valid for IPv4); the
 * IPv4 header checksum is computed.
 *
 * Design: all frames of one batch are built once into a ring of
 * 'batch' buffers; only the UDP source port is rewritten per packet (it
 * is not covered by the IPv4 header checksum, and the UDP checksum is
 * not used).  The socket uses PACKET_QDISC_BYPASS so that the frames go
 * straight to the device's transmit function: the generator should not
 * be the bottleneck of what it measures.  Pacing, when asked, sleeps until
 * each batch's due time (CLOCK_MONOTONIC, absolute), with batches of at
 * most a millisecond's worth of packets.
 *
 * With --recv it is the other end instead: it counts the IPv4/UDP frames
 * to '--dport' that arrive on the device (not those it sends) and prints
 * their number and the CLOCK_MONOTONIC times of the first and the last,
 * which the sender also prints ("start"), so that a driver can tell how
 * long a switch took to deliver a stream.  Its socket gets a large
 * receive buffer (SO_RCVBUFFORCE) so that it is not where frames are
 * lost.  It prints "ready" once it is receiving and stops after '--idle'
 * seconds without a frame (once one came), after '--count' frames or
 * after '--seconds'.
 *
 * Needs CAP_NET_RAW.  Thread-safety: single-threaded program. */

#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MIN_FRAME 42            /* Ethernet + IPv4 + UDP headers. */
#define MAX_FRAME 1514
#define MAX_BATCH 1024

/* What to send, from the command line. */
struct pktgen_opts {
    const char *dev;            /* Network device to send on. */
    uint8_t src_mac[6];         /* Ethernet source. */
    uint8_t dst_mac[6];         /* Ethernet destination. */
    struct in_addr src_ip;      /* IPv4 source. */
    struct in_addr dst_ip;      /* IPv4 destination. */
    unsigned int sport;         /* First UDP source port. */
    unsigned int sport_count;   /* Number of distinct source ports. */
    unsigned int dport;         /* UDP destination port. */
    unsigned int size;          /* Frame size in bytes, without FCS. */
    unsigned int batch;         /* Packets per sendmmsg(). */
    double seconds;             /* Time limit (0: none). */
    unsigned long long count;   /* Packet limit (0: none). */
    double rate;                /* Packets per second (0: as fast as
                                 * possible). */
    bool recv;                  /* Count arriving frames instead. */
    double idle;                /* --recv: stop after this many seconds
                                 * without a frame. */
};

static void
usage(void)
{
    printf("usage: pktgen --dev DEV --src-mac MAC --dst-mac MAC\n"
           "              --src-ip IP --dst-ip IP [options]\n"
           "Sends IPv4/UDP frames through an AF_PACKET socket and prints "
           "one JSON line.\n"
           "  --sport N          first UDP source port (default 1024)\n"
           "  --sport-count N    distinct source ports, cycled "
           "(default 1)\n"
           "  --dport N          UDP destination port (default 9)\n"
           "  --size N           frame size without FCS, %d..%d "
           "(default 64)\n"
           "  --batch N          packets per sendmmsg, 1..%d "
           "(default 256)\n"
           "  --seconds S        stop after S seconds\n"
           "  --count N          stop after N packets\n"
           "  --rate PPS         pace to PPS packets per second\n"
           "At least one of --seconds and --count is required.\n"
           "usage: pktgen --recv --dev DEV [--dport N] [--idle S] "
           "[--seconds S] [--count N]\n"
           "Counts arriving IPv4/UDP frames to --dport (default 9); "
           "prints \"ready\",\nthen one JSON line.  --idle: stop after "
           "S seconds without a frame (1).\n",
           MIN_FRAME, MAX_FRAME, MAX_BATCH);
}

static void
die(const char *msg)
{
    fprintf(stderr, "pktgen: %s\n", msg);
    exit(EXIT_FAILURE);
}

static bool
parse_mac(const char *s, uint8_t mac[6])
{
    unsigned int b[6];
    char extra;

    if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3],
               &b[4], &b[5], &extra) != 6) {
        return false;
    }
    for (int i = 0; i < 6; i++) {
        if (b[i] > 255) {
            return false;
        }
        mac[i] = b[i];
    }
    return true;
}

/* Parses 's' as an unsigned integer in [min, max] into '*out'; returns
 * false if it is not one. */
static bool
parse_uint(const char *s, unsigned long long min, unsigned long long max,
           unsigned long long *out)
{
    char *end;

    if (!*s || *s == '-') {
        return false;
    }
    errno = 0;
    *out = strtoull(s, &end, 10);
    return !errno && !*end && *out >= min && *out <= max;
}

static bool
parse_double(const char *s, double *out)
{
    char *end;

    errno = 0;
    *out = strtod(s, &end);
    return *s && !errno && !*end && *out >= 0 && *out < 1e12;
}

static void
parse_options(int argc, char *argv[], struct pktgen_opts *o)
{
    enum {
        OPT_DEV = 256, OPT_SRC_MAC, OPT_DST_MAC, OPT_SRC_IP, OPT_DST_IP,
        OPT_SPORT, OPT_SPORT_COUNT, OPT_DPORT, OPT_SIZE, OPT_BATCH,
        OPT_SECONDS, OPT_COUNT, OPT_RATE, OPT_RECV, OPT_IDLE,
    };
    static const struct option long_options[] = {
        {"dev", required_argument, NULL, OPT_DEV},
        {"src-mac", required_argument, NULL, OPT_SRC_MAC},
        {"dst-mac", required_argument, NULL, OPT_DST_MAC},
        {"src-ip", required_argument, NULL, OPT_SRC_IP},
        {"dst-ip", required_argument, NULL, OPT_DST_IP},
        {"sport", required_argument, NULL, OPT_SPORT},
        {"sport-count", required_argument, NULL, OPT_SPORT_COUNT},
        {"dport", required_argument, NULL, OPT_DPORT},
        {"size", required_argument, NULL, OPT_SIZE},
        {"batch", required_argument, NULL, OPT_BATCH},
        {"seconds", required_argument, NULL, OPT_SECONDS},
        {"count", required_argument, NULL, OPT_COUNT},
        {"rate", required_argument, NULL, OPT_RATE},
        {"recv", no_argument, NULL, OPT_RECV},
        {"idle", required_argument, NULL, OPT_IDLE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    bool have_src_mac = false, have_dst_mac = false;
    bool have_src_ip = false, have_dst_ip = false;
    unsigned long long v;

    memset(o, 0, sizeof *o);
    o->sport = 1024;
    o->sport_count = 1;
    o->dport = 9;
    o->size = 64;
    o->batch = 256;
    o->idle = 1.0;

    for (;;) {
        int c = getopt_long(argc, argv, "h", long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_DEV:
            o->dev = optarg;
            break;
        case OPT_SRC_MAC:
            if (!parse_mac(optarg, o->src_mac)) {
                die("--src-mac: not a MAC address");
            }
            have_src_mac = true;
            break;
        case OPT_DST_MAC:
            if (!parse_mac(optarg, o->dst_mac)) {
                die("--dst-mac: not a MAC address");
            }
            have_dst_mac = true;
            break;
        case OPT_SRC_IP:
            if (inet_pton(AF_INET, optarg, &o->src_ip) != 1) {
                die("--src-ip: not an IPv4 address");
            }
            have_src_ip = true;
            break;
        case OPT_DST_IP:
            if (inet_pton(AF_INET, optarg, &o->dst_ip) != 1) {
                die("--dst-ip: not an IPv4 address");
            }
            have_dst_ip = true;
            break;
        case OPT_SPORT:
            if (!parse_uint(optarg, 0, 65535, &v)) {
                die("--sport: want 0..65535");
            }
            o->sport = v;
            break;
        case OPT_SPORT_COUNT:
            if (!parse_uint(optarg, 1, 65536, &v)) {
                die("--sport-count: want 1..65536");
            }
            o->sport_count = v;
            break;
        case OPT_DPORT:
            if (!parse_uint(optarg, 0, 65535, &v)) {
                die("--dport: want 0..65535");
            }
            o->dport = v;
            break;
        case OPT_SIZE:
            if (!parse_uint(optarg, MIN_FRAME, MAX_FRAME, &v)) {
                die("--size: out of range");
            }
            o->size = v;
            break;
        case OPT_BATCH:
            if (!parse_uint(optarg, 1, MAX_BATCH, &v)) {
                die("--batch: out of range");
            }
            o->batch = v;
            break;
        case OPT_SECONDS:
            if (!parse_double(optarg, &o->seconds)) {
                die("--seconds: want a non-negative number");
            }
            break;
        case OPT_COUNT:
            if (!parse_uint(optarg, 1, ULLONG_MAX, &v)) {
                die("--count: want a positive integer");
            }
            o->count = v;
            break;
        case OPT_RATE:
            if (!parse_double(optarg, &o->rate)) {
                die("--rate: want a non-negative number");
            }
            break;
        case OPT_RECV:
            o->recv = true;
            break;
        case OPT_IDLE:
            if (!parse_double(optarg, &o->idle) || o->idle <= 0) {
                die("--idle: want a positive number");
            }
            break;
        case 'h':
            usage();
            exit(EXIT_SUCCESS);
        default:
            usage();
            exit(EXIT_FAILURE);
        }
    }
    if (optind != argc) {
        die("no positional arguments are accepted (try --help)");
    }
    if (o->recv) {
        if (!o->dev) {
            die("--dev is required (try --help)");
        }
        return;
    }
    if (!o->dev || !have_src_mac || !have_dst_mac || !have_src_ip
        || !have_dst_ip) {
        die("--dev, --src-mac, --dst-mac, --src-ip and --dst-ip are "
            "required (try --help)");
    }
    if (o->seconds <= 0 && !o->count) {
        die("give --seconds or --count");
    }
    if ((unsigned long long) o->sport + o->sport_count > 65536) {
        die("--sport + --sport-count exceeds the port space");
    }
}

/* Internet checksum of 'n' bytes at 'p' (n even). */
static uint16_t
ip_csum(const uint8_t *p, size_t n)
{
    uint32_t sum = 0;

    for (size_t i = 0; i < n; i += 2) {
        sum += (p[i] << 8) | p[i + 1];
    }
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return ~sum & 0xffff;
}

static void
put16(uint8_t *p, unsigned int v)
{
    p[0] = v >> 8;
    p[1] = v;
}

/* Writes the frame template into 'f' ('o->size' bytes). */
static void
build_frame(const struct pktgen_opts *o, uint8_t *f)
{
    unsigned int ip_len = o->size - 14;

    memset(f, 0, o->size);
    memcpy(f, o->dst_mac, 6);
    memcpy(f + 6, o->src_mac, 6);
    put16(f + 12, ETHERTYPE_IP);

    uint8_t *ip = f + 14;
    ip[0] = 0x45;               /* Version 4, 5-word header. */
    put16(ip + 2, ip_len);
    put16(ip + 6, 0x4000);      /* Don't fragment. */
    ip[8] = 64;                 /* TTL. */
    ip[9] = IPPROTO_UDP;
    memcpy(ip + 12, &o->src_ip, 4);
    memcpy(ip + 16, &o->dst_ip, 4);
    put16(ip + 10, ip_csum(ip, 20));

    uint8_t *udp = ip + 20;
    put16(udp, o->sport);
    put16(udp + 2, o->dport);
    put16(udp + 4, ip_len - 20);
    /* Checksum 0: none. */
    for (unsigned int i = 8; i < ip_len - 20; i++) {
        udp[i] = i;
    }
}

static double
now_mono(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
sleep_until(double t)
{
    struct timespec ts;

    ts.tv_sec = t;
    ts.tv_nsec = (t - ts.tv_sec) * 1e9;
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL)
           == EINTR) {
        continue;
    }
}

/* Returns true if the 'len' bytes at 'f' are an IPv4/UDP frame to UDP
 * port 'dport'. */
static bool
is_udp_to(const uint8_t *f, size_t len, unsigned int dport)
{
    if (len < MIN_FRAME || f[12] != 0x08 || f[13] != 0x00) {
        return false;
    }
    const uint8_t *ip = f + 14;
    size_t ihl = (ip[0] & 0x0f) * 4;
    if ((ip[0] >> 4) != 4 || ihl < 20 || ip[9] != IPPROTO_UDP
        || len < 14 + ihl + 8
        || (((ip[6] << 8) | ip[7]) & 0x1fff)) {   /* Non-first fragment. */
        return false;
    }
    const uint8_t *udp = ip + ihl;
    return ((udp[2] << 8) | udp[3]) == dport;
}

/* The --recv mode: see the comment at the top. */
static int
run_receiver(const struct pktgen_opts *o, unsigned int ifindex)
{
    static uint8_t bufs[MAX_BATCH][2048];
    static struct mmsghdr msgs[MAX_BATCH];
    static struct iovec iovs[MAX_BATCH];
    static struct sockaddr_ll addrs[MAX_BATCH];
    struct sockaddr_ll sll;
    int bufsize = 256 << 20;

    int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_IP));
    if (fd < 0) {
        fprintf(stderr, "pktgen: socket: %s\n", strerror(errno));
        return EXIT_FAILURE;
    }
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bufsize,
                   sizeof bufsize) < 0) {
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufsize, sizeof bufsize);
    }
    struct timeval tv = { .tv_sec = 0, .tv_usec = 50 * 1000 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    memset(&sll, 0, sizeof sll);
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = htons(ETH_P_IP);
    sll.sll_ifindex = ifindex;
    if (bind(fd, (struct sockaddr *) &sll, sizeof sll) < 0) {
        fprintf(stderr, "pktgen: bind to %s: %s\n", o->dev, strerror(errno));
        return EXIT_FAILURE;
    }
    for (int i = 0; i < MAX_BATCH; i++) {
        iovs[i].iov_base = bufs[i];
        iovs[i].iov_len = sizeof bufs[i];
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    printf("ready\n");
    fflush(stdout);

    unsigned long long n = 0, bytes = 0;
    double start = now_mono(), first = 0, last = 0;
    for (;;) {
        for (int i = 0; i < MAX_BATCH; i++) {
            msgs[i].msg_hdr.msg_name = &addrs[i];
            msgs[i].msg_hdr.msg_namelen = sizeof addrs[i];
        }
        int r = recvmmsg(fd, msgs, MAX_BATCH, MSG_WAITFORONE, NULL);
        double now = now_mono();
        if (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK
            && errno != EINTR) {
            fprintf(stderr, "pktgen: recvmmsg: %s\n", strerror(errno));
            return EXIT_FAILURE;
        }
        for (int i = 0; i < r; i++) {
            if (addrs[i].sll_pkttype != PACKET_OUTGOING
                && is_udp_to(bufs[i], msgs[i].msg_len, o->dport)) {
                if (!n) {
                    first = now;
                }
                n++;
                bytes += msgs[i].msg_len;
                last = now;
            }
        }
        if ((n && now - last >= o->idle)
            || (o->count && n >= o->count)
            || (o->seconds > 0 && now - start >= o->seconds)) {
            break;
        }
    }
    printf("{\"packets\": %llu, \"bytes\": %llu, \"start\": %.6f, "
           "\"first\": %.6f, \"last\": %.6f, \"seconds\": %.6f}\n",
           n, bytes, start, first, last, n ? last - first : 0.0);
    close(fd);
    return EXIT_SUCCESS;
}

int
main(int argc, char *argv[])
{
    static uint8_t frames[MAX_BATCH][MAX_FRAME];
    static struct mmsghdr msgs[MAX_BATCH];
    static struct iovec iovs[MAX_BATCH];
    struct pktgen_opts o;
    struct sockaddr_ll sll;
    int one = 1;

    parse_options(argc, argv, &o);

    unsigned int ifindex = if_nametoindex(o.dev);
    if (!ifindex) {
        fprintf(stderr, "pktgen: %s: %s\n", o.dev, strerror(errno));
        return EXIT_FAILURE;
    }
    if (o.recv) {
        return run_receiver(&o, ifindex);
    }
    int fd = socket(AF_PACKET, SOCK_RAW, 0);
    if (fd < 0) {
        fprintf(stderr, "pktgen: socket: %s\n", strerror(errno));
        return EXIT_FAILURE;
    }
    /* Bypassing the qdisc is an optimisation; without it we still work. */
    setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one);
    memset(&sll, 0, sizeof sll);
    sll.sll_family = AF_PACKET;
    sll.sll_protocol = 0;       /* Transmit only: receive nothing. */
    sll.sll_ifindex = ifindex;
    if (bind(fd, (struct sockaddr *) &sll, sizeof sll) < 0) {
        fprintf(stderr, "pktgen: bind to %s: %s\n", o.dev, strerror(errno));
        return EXIT_FAILURE;
    }

    /* Pace with batches of at most a millisecond's worth of packets. */
    unsigned int batch = o.batch;
    if (o.rate > 0 && o.rate / 1000 < batch) {
        batch = o.rate / 1000 < 1 ? 1 : o.rate / 1000;
    }
    for (unsigned int i = 0; i < batch; i++) {
        build_frame(&o, frames[i]);
        iovs[i].iov_base = frames[i];
        iovs[i].iov_len = o.size;
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }

    unsigned long long sent = 0, calls = 0, pushback = 0;
    unsigned int port_index = 0;
    double start = now_mono();
    double deadline = o.seconds > 0 ? start + o.seconds : 0;
    for (;;) {
        unsigned int n = batch;
        if (o.count && o.count - sent < n) {
            n = o.count - sent;
        }
        if (!n) {
            break;
        }
        if (o.rate > 0) {
            sleep_until(start + sent / o.rate);
        }
        if (deadline && now_mono() >= deadline) {
            break;
        }
        /* Stamp source ports: packet number 'sent + i' gets index
         * (sent + i) % sport_count. */
        if (o.sport_count > 1) {
            unsigned int k = port_index;
            for (unsigned int i = 0; i < n; i++) {
                put16(frames[i] + 34, o.sport + k);
                if (++k == o.sport_count) {
                    k = 0;
                }
            }
        }
        int r = sendmmsg(fd, msgs, n, 0);
        calls++;
        if (r < 0) {
            if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR) {
                pushback++;
                continue;
            }
            fprintf(stderr, "pktgen: sendmmsg: %s\n", strerror(errno));
            return EXIT_FAILURE;
        }
        if (o.sport_count > 1) {
            port_index = (port_index + r) % o.sport_count;
        }
        if ((unsigned int) r < n) {
            pushback++;
        }
        sent += r;
    }
    double elapsed = now_mono() - start;

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6
                 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    printf("{\"packets\": %llu, \"bytes\": %llu, \"start\": %.6f, "
           "\"seconds\": %.6f, \"pps\": %.1f, \"calls\": %llu, "
           "\"pushback\": %llu, \"cpu_seconds\": %.3f, \"size\": %u, "
           "\"batch\": %u}\n",
           sent, sent * o.size, start, elapsed,
           elapsed > 0 ? sent / elapsed : 0,
           calls, pushback, cpu, o.size, batch);
    close(fd);
    return EXIT_SUCCESS;
}
