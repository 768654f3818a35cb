/* test-ofproto: a switch daemon made of the real ofproto and connmgr with
 * an in-memory provider, for tests/test_ofproto.py.
 *
 * What: "test-ofproto [OPTIONS] BRIDGE[:PORT,PORT...]..." creates one
 * ofproto per BRIDGE (management socket <rundir>/BRIDGE.mgmt, rundir from
 * SVS_RUNDIR) with the local port BRIDGE and ports PORT on OpenFlow ports
 * 1, 2, ..., then runs the daemon loop with a unixctl server.
 *
 * The provider here is a TEST DOUBLE: it has no datapath.  Ports live in
 * memory, packet-outs are only counted, and the "datapath" is in sync
 * with the tables at once unless a test freezes it with
 * "ofproto-test/freeze-sync BRIDGE on", which lets tests check that
 * barrier replies wait for the datapath.
 *
 * unixctl commands (besides ofproto's own):
 *   exit
 *   ofproto-test/freeze-sync BRIDGE on|off
 *   ofproto-test/packet-outs BRIDGE     "N in_port=P ct_flush_zone=Z"
 *                                       (the last packet-out and
 *                                       NXT_CT_FLUSH_ZONE)
 *   ofproto-test/port-mod BRIDGE PORT up|down   link state change
 *   ofproto-test/credit BRIDGE PACKETS BYTES    credits every flow and
 *                                               group (bucket 0)
 *   ofproto-test/packet-in BRIDGE HEX           a table-miss packet-in
 *   ofproto-test/fail-mode BRIDGE secure|standalone
 *   ofproto-test/set-controller BRIDGE [TARGET...]
 *   ofproto-test/table-config BRIDGE TABLE MAX_FLOWS refuse|evict
 *   ofproto-test/protocols BRIDGE OpenFlow10,OpenFlow13...  */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "command-line.h"
#include "daemon.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "hash.h"
#include "ofp-actions.h"
#include "ofp-packet.h"
#include "ofpbuf.h"
#include "ofproto-provider.h"
#include "poll-loop.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(test_ofproto);

static char *unixctl_path;
static bool exiting;
static bool standalone;

/* The in-memory provider's state per ofproto. */
struct test_dp {
    struct ofproto *ofproto;
    bool frozen;                /* Datapath sync held back. */
    uint64_t synced_seq;
    unsigned int n_packet_outs;
    int last_ct_flush_zone;     /* -1 if none. */
    ofp_port_t last_in_port;
};

#define MAX_BRIDGES 8
static struct test_dp dps[MAX_BRIDGES];
static size_t n_dps;

static struct test_dp *
test_dp_find(const struct ofproto *p)
{
    for (size_t i = 0; i < n_dps; i++) {
        if (dps[i].ofproto == p) {
            return &dps[i];
        }
    }
    return NULL;
}

/* Adds an internal flow to the hidden table, as a real provider does
 * for its own use. */
static int
test_construct(struct ofproto *p)
{
    uint64_t stub[64 / 8];
    struct ofpbuf ofpacts;
    ofpbuf_use_stub(&ofpacts, stub, sizeof stub);
    struct match match;
    match_init_catchall(&match);
    match_set_reg(&match, 0, 2);
    enum ofperr error = ofproto_add_flow(p, OFPROTO_HIDDEN_TABLE, &match, 0,
                                         ofpacts.data, ofpacts.size);
    ofpbuf_uninit(&ofpacts);
    return error ? EPROTO : 0;
}

static void
test_destruct(struct ofproto *p SVS_UNUSED)
{
}

static void
test_tables_changed(struct ofproto *p)
{
    struct test_dp *dp = test_dp_find(p);
    if (dp && !dp->frozen) {
        dp->synced_seq = p->tables_seq;
    }
}

static uint64_t
test_get_synced_seq(const struct ofproto *p)
{
    struct test_dp *dp = test_dp_find(p);
    return dp ? dp->synced_seq : p->tables_seq;
}

static enum ofperr
test_packet_out(struct ofproto *p,
                const struct ofputil_packet_out *po SVS_UNUSED,
                const struct flow *flow)
{
    struct test_dp *dp = test_dp_find(p);
    dp->n_packet_outs++;
    dp->last_in_port = flow->in_port;
    return 0;
}

static int
test_port_get_stats(const struct ofport *port SVS_UNUSED,
                    struct ofputil_port_stats *stats)
{
    /* Nothing moves through this datapath: every counter is zero. */
    memset(stats, 0, sizeof *stats);
    return 0;
}

static enum ofperr
test_ct_flush_zone(struct ofproto *p, uint16_t zone)
{
    test_dp_find(p)->last_ct_flush_zone = zone;
    return 0;
}

static const struct ofproto_class test_class = {
    .ct_flush_zone = test_ct_flush_zone,
    .type = "test",
    .construct = test_construct,
    .destruct = test_destruct,
    .tables_changed = test_tables_changed,
    .get_synced_seq = test_get_synced_seq,
    .packet_out = test_packet_out,
    .port_get_stats = test_port_get_stats,
};

static void
make_port(const char *name, ofp_port_t port_no, struct ofputil_phy_port *pp)
{
    memset(pp, 0, sizeof *pp);
    pp->port_no = port_no;
    snprintf(pp->name, sizeof pp->name, "%s", name);
    uint32_t h = hash_string(name, 0);
    pp->hw_addr = (struct eth_addr) { { { 0xaa, 0x55,
                                          h >> 24, h >> 16, h >> 8, h } } };
    pp->hw_addr.ea[2] &= 0xfe;
    pp->state = OFPUTIL_PS_LIVE;
    pp->curr = OFPUTIL_PF_10GB_FD | OFPUTIL_PF_COPPER;
    pp->curr_speed = 10000000;
}

static void
add_bridge(const char *spec)
{
    if (n_dps >= MAX_BRIDGES) {
        svs_fatal(0, "too many bridges");
    }
    char *copy = xstrdup(spec);
    char *ports = strchr(copy, ':');
    if (ports) {
        *ports++ = '\0';
    }
    struct test_dp *dp = &dps[n_dps++];
    dp->last_ct_flush_zone = -1;
    int error = ofproto_create(copy, "test", &test_class, &dp->ofproto);
    if (error) {
        svs_fatal(error, "%s: could not create bridge", copy);
    }
    ofproto_set_datapath_id(dp->ofproto, 0x1234 + n_dps);
    struct ofputil_phy_port pp;
    make_port(copy, OFPP_LOCAL, &pp);
    ofproto_port_add(dp->ofproto, NULL, OFPP_LOCAL, &pp);
    if (ports) {
        int n = 0;
        char *save = NULL;
        for (char *p = strtok_r(ports, ",", &save); p;
             p = strtok_r(NULL, ",", &save)) {
            make_port(p, ++n, &pp);
            ofproto_port_add(dp->ofproto, NULL, n, &pp);
        }
    }
    if (standalone) {
        ofproto_set_fail_mode(dp->ofproto, OFPROTO_FAIL_STANDALONE);
    }
    ofproto_flush_flows(dp->ofproto);
    free(copy);
}

static struct test_dp *
lookup_dp(struct unixctl_conn *conn, const char *name)
{
    struct ofproto *p = ofproto_lookup(name);
    struct test_dp *dp = p ? test_dp_find(p) : NULL;
    if (!dp) {
        unixctl_command_reply_error(conn, "no such bridge");
    }
    return dp;
}

static void
cmd_freeze_sync(struct unixctl_conn *conn, int argc SVS_UNUSED,
                const char *argv[], void *aux SVS_UNUSED)
{
    struct test_dp *dp = lookup_dp(conn, argv[1]);
    if (!dp) {
        return;
    }
    dp->frozen = !strcmp(argv[2], "on");
    if (!dp->frozen) {
        dp->synced_seq = dp->ofproto->tables_seq;
        /* The provider's duty: wake the main loop when sync moves. */
        poll_immediate_wake();
    }
    unixctl_command_reply(conn, NULL);
}

static void
cmd_packet_outs(struct unixctl_conn *conn, int argc SVS_UNUSED,
                const char *argv[], void *aux SVS_UNUSED)
{
    struct test_dp *dp = lookup_dp(conn, argv[1]);
    if (dp) {
        char *s = xasprintf("%u in_port=%"PRIu16" ct_flush_zone=%d",
                            dp->n_packet_outs, dp->last_in_port,
                            dp->last_ct_flush_zone);
        unixctl_command_reply(conn, s);
        free(s);
    }
}

static void
cmd_port_link(struct unixctl_conn *conn, int argc SVS_UNUSED,
              const char *argv[], void *aux SVS_UNUSED)
{
    struct test_dp *dp = lookup_dp(conn, argv[1]);
    if (!dp) {
        return;
    }
    int port_no = atoi(argv[2]);
    struct ofport *port = ofproto_get_port(dp->ofproto, port_no);
    if (!port) {
        unixctl_command_reply_error(conn, "no such port");
        return;
    }
    struct ofputil_phy_port pp = port->pp;
    if (!strcmp(argv[3], "down")) {
        pp.state = OFPUTIL_PS_LINK_DOWN;
    } else {
        pp.state = OFPUTIL_PS_LIVE;
    }
    ofproto_port_modify(dp->ofproto, port_no, &pp);
    unixctl_command_reply(conn, NULL);
}

static void
cmd_credit(struct unixctl_conn *conn, int argc SVS_UNUSED,
           const char *argv[], void *aux SVS_UNUSED)
{
    struct test_dp *dp = lookup_dp(conn, argv[1]);
    if (!dp) {
        return;
    }
    uint64_t packets = strtoull(argv[2], NULL, 10);
    uint64_t bytes = strtoull(argv[3], NULL, 10);
    struct ofproto *p = dp->ofproto;
    for (int t = 0; t < p->n_tables; t++) {
        struct rule *rule;
        CLS_FOR_EACH_TARGET (rule, cr, &p->tables[t].cls, NULL,
                             ofproto_get_version(p)) {
            ofproto_rule_credit_stats(rule, packets, bytes, time_msec());
        }
    }
    struct ofgroup *g;
    HMAP_FOR_EACH (g, hmap_node, &p->groups) {
        ofproto_group_credit_stats(g, 0, packets, bytes);
    }
    unixctl_command_reply(conn, NULL);
}

static void
cmd_packet_in(struct unixctl_conn *conn, int argc SVS_UNUSED,
              const char *argv[], void *aux SVS_UNUSED)
{
    struct test_dp *dp = lookup_dp(conn, argv[1]);
    if (!dp) {
        return;
    }
    struct ofpbuf packet;
    ofpbuf_init(&packet, 0);
    if (ofpbuf_put_hex(&packet, argv[2], NULL)[0] != '\0') {
        ofpbuf_uninit(&packet);
        unixctl_command_reply_error(conn, "bad hex packet");
        return;
    }
    struct ofputil_packet_in pin;
    memset(&pin, 0, sizeof pin);
    pin.packet = packet.data;
    pin.packet_len = packet.size;
    pin.total_len = packet.size;
    pin.buffer_id = UINT32_MAX;
    pin.reason = OFPR_NO_MATCH;
    pin.table_id = 0;
    pin.cookie = 0;             /* As from a table-miss flow. */
    match_init_catchall(&pin.flow_metadata);
    match_set_in_port(&pin.flow_metadata, 1);
    ofproto_send_packet_in(dp->ofproto, &pin, UINT16_MAX, 0);
    ofpbuf_uninit(&packet);
    unixctl_command_reply(conn, NULL);
}

static void
cmd_fail_mode(struct unixctl_conn *conn, int argc SVS_UNUSED,
              const char *argv[], void *aux SVS_UNUSED)
{
    struct test_dp *dp = lookup_dp(conn, argv[1]);
    if (dp) {
        ofproto_set_fail_mode(dp->ofproto,
                              (!strcmp(argv[2], "standalone")
                               ? OFPROTO_FAIL_STANDALONE
                               : OFPROTO_FAIL_SECURE));
        ofproto_flush_flows(dp->ofproto);
        unixctl_command_reply(conn, NULL);
    }
}

static void
cmd_set_controller(struct unixctl_conn *conn, int argc,
                   const char *argv[], void *aux SVS_UNUSED)
{
    struct test_dp *dp = lookup_dp(conn, argv[1]);
    if (!dp) {
        return;
    }
    size_t n = argc - 2;
    struct ofproto_controller *c = xcalloc(n + 1, sizeof *c);
    for (size_t i = 0; i < n; i++) {
        c[i].target = argv[i + 2];
    }
    ofproto_set_controllers(dp->ofproto, c, n);
    free(c);
    unixctl_command_reply(conn, NULL);
}

static void
cmd_table_config(struct unixctl_conn *conn, int argc SVS_UNUSED,
                 const char *argv[], void *aux SVS_UNUSED)
{
    struct test_dp *dp = lookup_dp(conn, argv[1]);
    if (dp) {
        ofproto_table_set_config(dp->ofproto, atoi(argv[2]), NULL,
                                 strtoul(argv[3], NULL, 10),
                                 !strcmp(argv[4], "evict"));
        unixctl_command_reply(conn, NULL);
    }
}

static void
cmd_protocols(struct unixctl_conn *conn, int argc SVS_UNUSED,
              const char *argv[], void *aux SVS_UNUSED)
{
    struct test_dp *dp = lookup_dp(conn, argv[1]);
    if (!dp) {
        return;
    }
    uint32_t versions;
    char *error = ofputil_versions_from_string(argv[2], &versions);
    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
        return;
    }
    ofproto_set_allowed_versions(dp->ofproto, versions);
    unixctl_command_reply(conn, NULL);
}

static void
cmd_exit(struct unixctl_conn *conn, int argc SVS_UNUSED,
         const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void usage(void) SVS_NO_RETURN;

static void
usage(void)
{
    printf("%s: an ofproto with an in-memory provider, for tests\n"
           "usage: %s [OPTIONS] BRIDGE[:PORT,PORT...]...\n"
           "  --unixctl=SOCKET        override default control socket\n"
           "  --standalone            fail-mode standalone\n",
           program_name, program_name);
    daemon_usage();
    vlog_usage();
    exit(EXIT_SUCCESS);
}

static void
parse_options(int argc, char *argv[])
{
    enum {
        OPT_UNIXCTL = UCHAR_MAX + 1,
        OPT_STANDALONE,
        DAEMON_OPTION_ENUMS,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"unixctl", required_argument, NULL, OPT_UNIXCTL},
        {"standalone", no_argument, NULL, OPT_STANDALONE},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        SVS_CMDL_STD_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options = long_options_to_short_options(long_options);
    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_UNIXCTL:
            unixctl_path = optarg;
            break;
        case OPT_STANDALONE:
            standalone = true;
            break;
        DAEMON_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS
        SVS_CMDL_STD_OPTION_HANDLERS
        default:
            abort();
        }
    }
    free(short_options);
}

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    fatal_signal_init();
    parse_options(argc, argv);
    if (optind >= argc) {
        svs_fatal(0, "usage: %s [OPTIONS] BRIDGE[:PORT,...]...",
                  program_name);
    }
    daemonize_start();

    struct unixctl_server *server;
    int error = unixctl_server_create(unixctl_path, &server);
    if (error) {
        svs_fatal(error, "could not create unixctl server");
    }
    ofproto_init();
    unixctl_command_register("exit", "", 0, 0, cmd_exit, NULL);
    unixctl_command_register("ofproto-test/freeze-sync", "BRIDGE on|off",
                             2, 2, cmd_freeze_sync, NULL);
    unixctl_command_register("ofproto-test/packet-outs", "BRIDGE", 1, 1,
                             cmd_packet_outs, NULL);
    unixctl_command_register("ofproto-test/port-link", "BRIDGE PORT up|down",
                             3, 3, cmd_port_link, NULL);
    unixctl_command_register("ofproto-test/credit", "BRIDGE PACKETS BYTES",
                             3, 3, cmd_credit, NULL);
    unixctl_command_register("ofproto-test/packet-in", "BRIDGE HEX", 2, 2,
                             cmd_packet_in, NULL);
    unixctl_command_register("ofproto-test/fail-mode",
                             "BRIDGE secure|standalone", 2, 2,
                             cmd_fail_mode, NULL);
    unixctl_command_register("ofproto-test/protocols", "BRIDGE VERSIONS",
                             2, 2, cmd_protocols, NULL);
    unixctl_command_register("ofproto-test/table-config",
                             "BRIDGE TABLE MAX_FLOWS refuse|evict", 4, 4,
                             cmd_table_config, NULL);
    unixctl_command_register("ofproto-test/set-controller",
                             "BRIDGE [TARGET...]", 1, INT_MAX,
                             cmd_set_controller, NULL);

    for (int i = optind; i < argc; i++) {
        add_bridge(argv[i]);
    }
    daemonize_complete();

    while (!exiting) {
        unixctl_server_run(server);
        for (size_t i = 0; i < n_dps; i++) {
            ofproto_run(dps[i].ofproto);
        }
        unixctl_server_wait(server);
        for (size_t i = 0; i < n_dps; i++) {
            ofproto_wait(dps[i].ofproto);
        }
        if (exiting) {
            poll_immediate_wake();
        }
        poll_block();
    }
    for (size_t i = 0; i < n_dps; i++) {
        ofproto_destroy(dps[i].ofproto);
    }
    unixctl_server_destroy(server);
    return 0;
}
