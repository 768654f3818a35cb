/* test-netdev: drives lib/netdev.c and its providers for
 * tests/test_netdev.py.
 *
 * Subcommands:
 *   bridge DEV[:TYPE[:KEY=VALUE,...]] DEV[:TYPE[:KEY=VALUE,...]]
 *       A two-port forwarder: every packet received on one device is sent
 *       on the other, offload state and all, each device with the options
 *       given, receiving on all of each device's queues.  Prints "ready"
 *       once both devices are open, runs until standard input reaches end
 *       of file, then prints counters: "forwarded N", "csum_partial N" and
 *       "tso N" (packets that arrived with a partial checksum or as TSO
 *       super-packets) and "rxqs N M" (queues of each device).
 *   info DEV TYPE
 *       Opens DEV and prints its properties, one "key: value" a line.
 *   open-close DEV TYPE
 *       Opens DEV, prints "open ifindex=N", closes it, prints "closed".
 *   changes DEV TYPE
 *       Opens DEV and a receive queue, prints "ready", then a line
 *       "change carrier=BOOL mtu=N" whenever its change sequence number
 *       moves and "rxq error ERRNO-NAME" when the queue fails, until
 *       standard input reaches end of file.
 *   dummy UNIXCTL-PATH [KEY=VALUE...]
 *       Registers the dummy providers and their unixctl commands on a
 *       server at UNIXCTL-PATH, opens dummy devices p1 and p2 (options
 *       KEY=VALUE apply to both, with %s replaced by the device name) and
 *       forwards p1 (all its queues) -> p2 until the unixctl command
 *       "exit".  With
 *       test_tso_mss=N, packets are marked TSO with gso_size N on the way.
 *   override DEV TYPE
 *       Registers the dummy providers overriding the others, opens DEV of
 *       TYPE and prints its type and Ethernet address.
 *   tso HEX GSO-SIZE
 *       Segments the TSO packet HEX (an Ethernet frame) into GSO-SIZE
 *       segments and prints each segment in hex, one a line.
 *   types
 *       Prints the registered device types, one a line.
 * The environment variable TEST_NETDEV_VLOG, if set, is a vlog level
 * specification (e.g. "netdev_afxdp:console:dbg"). */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dp-packet.h"
#include "dynamic-string.h"
#include "netdev.h"
#include "netdev-provider.h"
#include "packets.h"
#include "poll-loop.h"
#include "smap.h"
#include "sset.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

static void
check(int error, const char *what)
{
    if (error) {
        fprintf(stderr, "test-netdev: %s: %s\n", what, svs_strerror(error));
        exit(1);
    }
}

/* Opens "DEV[:TYPE[:KEY=VALUE,...]]" with 'options' plus the options in
 * the spec. */
static struct netdev *
open_spec(const char *spec, const struct smap *options)
{
    struct smap dev_options;
    char *name = xstrdup(spec);
    char *type = strchr(name, ':');
    char *opts = NULL;
    struct netdev *netdev;
    char *err = NULL;
    char what[256];

    smap_clone(&dev_options, options);
    if (type) {
        *type++ = '\0';
        opts = strchr(type, ':');
        if (opts) {
            char *save = NULL;

            *opts++ = '\0';
            for (char *kv = strtok_r(opts, ",", &save); kv;
                 kv = strtok_r(NULL, ",", &save)) {
                char *eq = strchr(kv, '=');

                if (!eq) {
                    fprintf(stderr, "test-netdev: %s: not KEY=VALUE\n", kv);
                    exit(1);
                }
                *eq = '\0';
                smap_replace(&dev_options, kv, eq + 1);
            }
        }
    }
    snprintf(what, sizeof what, "open %s", spec);
    check(netdev_open(name, type ? type : "system", &netdev), what);
    if (netdev_set_config(netdev, &dev_options, &err)) {
        fprintf(stderr, "test-netdev: %s\n", err);
        netdev_close(netdev);
        exit(1);
    }
    smap_destroy(&dev_options);
    free(name);
    return netdev;
}

static void
parse_options(int argc, char *argv[], struct smap *options)
{
    for (int i = 0; i < argc; i++) {
        char *eq = strchr(argv[i], '=');

        if (!eq) {
            fprintf(stderr, "test-netdev: %s: not KEY=VALUE\n", argv[i]);
            exit(1);
        }
        *eq = '\0';
        smap_replace(options, argv[i], eq + 1);
        *eq = '=';
    }
}

/* True once standard input reached end of file. */
static bool
stdin_closed(void)
{
    struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
    char buf[256];

    if (poll(&pfd, 1, 0) > 0) {
        ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        return n <= 0;
    }
    return false;
}

#define MAX_RXQS 8

/* Opens every receive queue of 'netdev' (up to MAX_RXQS) into 'rxqs';
 * returns how many. */
static int
open_rxqs(struct netdev *netdev, struct netdev_rxq *rxqs[MAX_RXQS])
{
    int n = netdev_n_rxq(netdev);

    if (n > MAX_RXQS) {
        n = MAX_RXQS;
    }
    for (int q = 0; q < n; q++) {
        check(netdev_rxq_open(netdev, &rxqs[q], q), "rxq_open");
    }
    return n;
}

static int
cmd_bridge(int argc, char *argv[])
{
    struct smap options = SMAP_INITIALIZER(&options);
    struct netdev *devs[2];
    struct netdev_rxq *rxqs[2][MAX_RXQS];
    int n_rxqs[2];
    unsigned long long forwarded = 0, csum_partial = 0, tso = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: bridge DEV[:TYPE[:K=V,...]] "
                "DEV[:TYPE[:K=V,...]]\n");
        return 1;
    }
    for (int i = 0; i < 2; i++) {
        devs[i] = open_spec(argv[i], &options);
    }
    for (int i = 0; i < 2; i++) {
        n_rxqs[i] = open_rxqs(devs[i], rxqs[i]);
    }
    printf("ready\n");
    fflush(stdout);

    while (!stdin_closed()) {
        netdev_run();
        for (int i = 0; i < 2; i++) {
            for (int q = 0; q < n_rxqs[i]; q++) {
                struct dp_packet_batch batch;
                struct dp_packet *p;
                int error;

                dp_packet_batch_init(&batch);
                error = netdev_rxq_recv(rxqs[i][q], &batch);
                if (error == EAGAIN) {
                    continue;
                }
                check(error, "recv");
                DP_PACKET_BATCH_FOR_EACH (k, p, &batch) {
                    csum_partial += ((p->ol_flags & DP_PACKET_OL_CSUM_PARTIAL)
                                     != 0);
                    tso += (p->ol_flags & DP_PACKET_OL_TSO) != 0;
                }
                forwarded += batch.count;
                netdev_send(devs[!i], q, &batch, true);
            }
        }
        for (int i = 0; i < 2; i++) {
            for (int q = 0; q < n_rxqs[i]; q++) {
                netdev_rxq_wait(rxqs[i][q]);
            }
        }
        netdev_wait();
        poll_fd_wait(STDIN_FILENO, POLLIN);
        poll_block();
    }

    printf("forwarded %llu\ncsum_partial %llu\ntso %llu\nrxqs %d %d\n",
           forwarded, csum_partial, tso, n_rxqs[0], n_rxqs[1]);
    for (int i = 0; i < 2; i++) {
        for (int q = 0; q < n_rxqs[i]; q++) {
            netdev_rxq_close(rxqs[i][q]);
        }
        netdev_close(devs[i]);
    }
    smap_destroy(&options);
    return 0;
}

static void
print_stat(const char *name, uint64_t v)
{
    if (v != UINT64_MAX) {
        printf("stats.%s: %llu\n", name, (unsigned long long) v);
    }
}

static int
cmd_info(int argc, char *argv[])
{
    struct smap status = SMAP_INITIALIZER(&status);
    struct netdev_stats stats;
    enum netdev_flags flags;
    struct netdev *netdev;
    struct eth_addr mac;
    uint32_t mbps;
    bool carrier;
    int mtu;

    if (argc != 2) {
        fprintf(stderr, "usage: info DEV TYPE\n");
        return 1;
    }
    check(netdev_open(argv[0], argv[1], &netdev), "open");
    printf("name: %s\ntype: %s\n", netdev_get_name(netdev),
           netdev_get_type(netdev));
    check(netdev_get_etheraddr(netdev, &mac), "get_etheraddr");
    printf("mac: "ETH_ADDR_FMT"\n", ETH_ADDR_ARGS(mac));
    check(netdev_get_mtu(netdev, &mtu), "get_mtu");
    printf("mtu: %d\n", mtu);
    printf("ifindex: %d\n", netdev_get_ifindex(netdev));
    check(netdev_get_flags(netdev, &flags), "get_flags");
    printf("up: %s\npromisc: %s\n", flags & NETDEV_UP ? "true" : "false",
           flags & NETDEV_PROMISC ? "true" : "false");
    check(netdev_get_carrier(netdev, &carrier), "get_carrier");
    printf("carrier: %s\n", carrier ? "true" : "false");
    if (!netdev_get_speed(netdev, &mbps)) {
        printf("speed: %u\n", mbps);
    }
    check(netdev_get_stats(netdev, &stats), "get_stats");
    print_stat("rx_packets", stats.rx_packets);
    print_stat("tx_packets", stats.tx_packets);
    print_stat("rx_bytes", stats.rx_bytes);
    print_stat("tx_bytes", stats.tx_bytes);
    if (!netdev_get_status(netdev, &status)) {
        const struct shash_node **nodes = smap_sort(&status);

        for (size_t i = 0; i < smap_count(&status); i++) {
            printf("status.%s: %s\n", nodes[i]->name,
                   (const char *) nodes[i]->data);
        }
        free(nodes);
    }
    printf("n_rxq: %d\nn_txq: %d\n", netdev_n_rxq(netdev),
           netdev_n_txq(netdev));
    smap_destroy(&status);
    netdev_close(netdev);
    return 0;
}

static int
cmd_open_close(int argc, char *argv[])
{
    struct netdev *netdev, *again;

    if (argc != 2) {
        fprintf(stderr, "usage: open-close DEV TYPE\n");
        return 1;
    }
    check(netdev_open(argv[0], argv[1], &netdev), "open");
    check(netdev_open(argv[0], NULL, &again), "open again");
    if (again != netdev) {
        fprintf(stderr, "test-netdev: second open gave another device\n");
        return 1;
    }
    netdev_close(again);
    printf("open ifindex=%d\n", netdev_get_ifindex(netdev));
    fflush(stdout);
    netdev_close(netdev);
    printf("closed\n");
    return 0;
}

static int
cmd_changes(int argc, char *argv[])
{
    struct netdev *netdev;
    struct netdev_rxq *rxq;
    uint64_t seq;
    bool rxq_failed = false;

    if (argc != 2) {
        fprintf(stderr, "usage: changes DEV TYPE\n");
        return 1;
    }
    check(netdev_open(argv[0], argv[1], &netdev), "open");
    check(netdev_rxq_open(netdev, &rxq, 0), "rxq_open");
    seq = netdev_get_change_seq(netdev);
    printf("ready\n");
    fflush(stdout);
    while (!stdin_closed()) {
        netdev_run();
        if (netdev_get_change_seq(netdev) != seq) {
            bool carrier;
            int mtu;

            seq = netdev_get_change_seq(netdev);
            netdev_get_carrier(netdev, &carrier);
            netdev_get_mtu(netdev, &mtu);
            printf("change carrier=%s mtu=%d\n", carrier ? "true" : "false",
                   mtu);
            fflush(stdout);
        }
        if (!rxq_failed) {
            struct dp_packet_batch batch;
            int error;

            dp_packet_batch_init(&batch);
            error = netdev_rxq_recv(rxq, &batch);
            dp_packet_batch_destroy(&batch);
            if (error && error != EAGAIN) {
                printf("rxq error %s\n", svs_strerror(error));
                fflush(stdout);
                rxq_failed = true;
            } else {
                netdev_rxq_wait(rxq);
            }
        }
        netdev_wait();
        poll_fd_wait(STDIN_FILENO, POLLIN);
        poll_block();
    }
    netdev_rxq_close(rxq);
    netdev_close(netdev);
    return 0;
}

static bool dummy_exiting;

static void
dummy_exit_cb(struct unixctl_conn *conn, int argc, const char *argv[],
              void *aux)
{
    dummy_exiting = true;
    unixctl_command_reply(conn, NULL);
}

static int
cmd_dummy(int argc, char *argv[])
{
    struct smap options = SMAP_INITIALIZER(&options);
    struct unixctl_server *server;
    struct netdev *p1, *p2;
    struct netdev_rxq *rxqs[MAX_RXQS];
    int n_rxqs;
    const char *names[2] = { "p1", "p2" };
    struct netdev *devs[2];
    int tso_mss;

    if (argc < 1) {
        fprintf(stderr, "usage: dummy UNIXCTL-PATH [K=V...]\n");
        return 1;
    }
    netdev_dummy_register(false);
    check(unixctl_server_create(argv[0], &server), "unixctl_server_create");
    unixctl_command_register("exit", "", 0, 0, dummy_exit_cb, NULL);
    parse_options(argc - 1, argv + 1, &options);
    tso_mss = smap_get_int(&options, "test_tso_mss", 0);
    smap_remove(&options, "test_tso_mss");
    for (int i = 0; i < 2; i++) {
        struct smap dev_options = SMAP_INITIALIZER(&dev_options);
        struct shash_node *node;
        char *err = NULL;

        SMAP_FOR_EACH (node, &options) {
            struct ds value = DS_EMPTY_INITIALIZER;
            const char *v = node->data;
            const char *pct = strstr(v, "%s");

            if (pct) {
                ds_put_buffer(&value, v, pct - v);
                ds_put_cstr(&value, names[i]);
                ds_put_cstr(&value, pct + 2);
            } else {
                ds_put_cstr(&value, v);
            }
            smap_replace(&dev_options, node->name, ds_cstr(&value));
            ds_destroy(&value);
        }
        check(netdev_open(names[i], "dummy", &devs[i]), "open");
        if (netdev_set_config(devs[i], &dev_options, &err)) {
            fprintf(stderr, "test-netdev: %s\n", err);
            return 1;
        }
        smap_destroy(&dev_options);
    }
    p1 = devs[0];
    p2 = devs[1];
    n_rxqs = open_rxqs(p1, rxqs);
    printf("ready\n");
    fflush(stdout);

    while (!dummy_exiting) {
        unixctl_server_run(server);
        netdev_run();
        for (int q = 0; q < n_rxqs; q++) {
            struct dp_packet_batch batch;

            dp_packet_batch_init(&batch);
            if (!netdev_rxq_recv(rxqs[q], &batch)) {
                struct dp_packet *p;

                DP_PACKET_BATCH_FOR_EACH (i, p, &batch) {
                    if (tso_mss) {
                        p->ol_flags |= DP_PACKET_OL_TSO;
                        p->gso_size = tso_mss;
                    }
                }
                netdev_send(p2, 0, &batch, true);
            }
        }
        unixctl_server_wait(server);
        for (int q = 0; q < n_rxqs; q++) {
            netdev_rxq_wait(rxqs[q]);
        }
        netdev_wait();
        poll_block();
    }
    for (int q = 0; q < n_rxqs; q++) {
        netdev_rxq_close(rxqs[q]);
    }
    netdev_close(p1);
    netdev_close(p2);
    unixctl_server_destroy(server);
    smap_destroy(&options);
    return 0;
}

static int
cmd_override(int argc, char *argv[])
{
    struct netdev *netdev;
    struct eth_addr mac;

    if (argc != 2) {
        fprintf(stderr, "usage: override DEV TYPE\n");
        return 1;
    }
    netdev_dummy_register(true);
    check(netdev_open(argv[0], argv[1], &netdev), "open");
    check(netdev_get_etheraddr(netdev, &mac), "get_etheraddr");
    printf("%s "ETH_ADDR_FMT"\n", netdev_get_type(netdev),
           ETH_ADDR_ARGS(mac));
    netdev_close(netdev);
    return 0;
}

static int
cmd_tso(int argc, char *argv[])
{
    struct dp_packet_batch batch;
    struct dp_packet *p, *seg;
    const char *hex;
    int error;

    if (argc != 2) {
        fprintf(stderr, "usage: tso HEX GSO-SIZE\n");
        return 1;
    }
    hex = argv[0];
    p = dp_packet_new(strlen(hex) / 2);
    for (size_t i = 0; hex[i] && hex[i + 1]; i += 2) {
        unsigned int byte;
        uint8_t b;

        if (sscanf(hex + i, "%2x", &byte) != 1) {
            fprintf(stderr, "test-netdev: bad hex\n");
            return 1;
        }
        b = byte;
        dp_packet_put(p, &b, 1);
    }
    p->ol_flags = DP_PACKET_OL_TSO;
    p->gso_size = atoi(argv[1]);
    dp_packet_batch_init(&batch);
    error = dp_packet_segment_tso(p, &batch);
    if (error) {
        printf("error %s\n", svs_strerror(error));
        return 0;
    }
    DP_PACKET_BATCH_FOR_EACH (i, seg, &batch) {
        const uint8_t *d = dp_packet_data(seg);

        for (size_t k = 0; k < dp_packet_size(seg); k++) {
            printf("%02x", d[k]);
        }
        printf("\n");
    }
    dp_packet_batch_destroy(&batch);
    return 0;
}

static int
cmd_types(int argc, char *argv[])
{
    struct sset types = SSET_INITIALIZER(&types);
    const char **sorted;

    netdev_dummy_register(false);
    netdev_enumerate_types(&types);
    sorted = sset_sort(&types);
    for (size_t i = 0; i < sset_count(&types); i++) {
        printf("%s\n", sorted[i]);
    }
    free(sorted);
    sset_destroy(&types);
    return 0;
}

int
main(int argc, char *argv[])
{
    static const struct {
        const char *name;
        int (*cb)(int argc, char *argv[]);
    } cmds[] = {
        { "bridge", cmd_bridge },
        { "info", cmd_info },
        { "open-close", cmd_open_close },
        { "changes", cmd_changes },
        { "dummy", cmd_dummy },
        { "tso", cmd_tso },
        { "override", cmd_override },
        { "types", cmd_types },
    };

    set_program_name(argv[0]);
    if (getenv("TEST_NETDEV_VLOG")) {
        /* E.g. TEST_NETDEV_VLOG=netdev_afxdp:console:dbg */
        vlog_set_levels_from_string_assert(getenv("TEST_NETDEV_VLOG"));
    }
    if (argc < 2) {
        fprintf(stderr, "usage: %s COMMAND [ARG...]\n", argv[0]);
        return 1;
    }
    for (size_t i = 0; i < ARRAY_SIZE(cmds); i++) {
        if (!strcmp(argv[1], cmds[i].name)) {
            return cmds[i].cb(argc - 2, argv + 2);
        }
    }
    fprintf(stderr, "%s: unknown command %s\n", argv[0], argv[1]);
    return 1;
}
