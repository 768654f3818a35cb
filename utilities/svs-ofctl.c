/* svs-ofctl: OpenFlow switch management utility.
 *
 * What: the commands of ovs-ofctl, with its syntax, output and error
 * messages, so that the two can be compared line by line.  Offline
 * commands need no switch: parse-flow and parse-flows (text flows to
 * flow-mods, printed through ofp-print), ofp-parse (a file of binary
 * OpenFlow messages), ofp-print (hex), compose-packet and parse-packet.
 * Online commands talk to a switch over an OpenFlow connection (lib/vconn):
 * show, dump-desc, dump-tables, dump-table-features, dump-flows,
 * dump-aggregate, add-flow(s), mod-flows, del-flows, replace-flows,
 * diff-flows, dump-ports, dump-ports-desc, mod-port, packet-out, monitor,
 * snoop, probe, get-frags, set-frags, queue-stats, dump-groups,
 * dump-group-stats.
 *
 * Design: each command is a function in a svs_cmdl_command table;
 * failures call svs_fatal() ("svs-ofctl: MESSAGE", exit status 1).  This
 * file has main(), the options (shared through svs-ofctl.h) and the
 * offline commands; svs-ofctl-online.c has the online commands.
 *
 * Targets: SWITCH is an active connection name (unix:FILE, tcp:IP:PORT,
 * ssl:IP:PORT), a Unix socket file, or a bridge name, meaning
 * <rundir>/<bridge>.mgmt (<rundir>/<bridge>.snoop for snoop), the rundir
 * coming from SVS_RUNDIR or, for Open vSwitch scripts, OVS_RUNDIR.
 *
 * Protocols: without -O the connection allows OpenFlow 1.0 only (1.4 with
 * --bundle when no version given supports bundles), as ovs-ofctl does.
 * Flow messages use the connection's protocol when the flows can be
 * expressed in it and otherwise switch the flow format
 * (NXT_SET_FLOW_FORMAT, NXT_FLOW_MOD_TABLE_ID); flow dumps on OpenFlow 1.0
 * prefer NXM.
 *
 * Thread-safety: single-threaded program. */
#include <config.h>

#include "svs-ofctl.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include "command-line.h"
#include "dynamic-string.h"
#include "flow.h"
#include "match.h"
#include "meta-flow.h"
#include "ofp-flow.h"
#include "ofp-msgs.h"
#include "ofp-packet.h"
#include "ofp-parse.h"
#include "ofp-print.h"
#include "ofp-protocol.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "packets.h"
#include "stream-ssl.h"
#include "util.h"
#include "vlog.h"

/* -O, --protocols: the OpenFlow versions allowed.  0 until given, then
 * the default (OpenFlow 1.0) applies; --bundle without any version that
 * supports bundles uses OpenFlow 1.4. */
uint32_t allowed_versions;

/* -F, --flow-format: the protocols allowed. */
enum ofputil_protocol allowed_protocols = OFPUTIL_P_ANY;

/* -m, --more: verbosity of printed messages. */
int verbosity;

/* --strict: use strict matching for mod-flows and del-flows. */
bool strict;

/* --bundle: send flow changes in one atomic bundle. */
bool bundle;

/* --names, --no-names: print port names in dump-flows. */
int use_names = -1;

/* --no-stats: dump-flows omits the statistics. */
bool no_stats;

/* --sort, --rsort: sort criteria of dump-flows. */
struct sort_criterion *criteria;
size_t n_criteria;

/* --timeout: give up after this many seconds (0: never). */
int timeout;

static void
usage(void)
{
    printf("%s: OpenFlow switch management utility\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "\nFor OpenFlow switches:\n"
           "  show SWITCH                 show OpenFlow information\n"
           "  dump-desc SWITCH            print switch description\n"
           "  dump-tables SWITCH          print table stats\n"
           "  dump-table-features SWITCH  print table features\n"
           "  mod-port SWITCH IFACE ACT   modify port behavior\n"
           "  get-frags SWITCH            print fragment handling behavior\n"
           "  set-frags SWITCH FRAG_MODE  set fragment handling behavior\n"
           "  dump-ports SWITCH [PORT]    print port statistics\n"
           "  dump-ports-desc SWITCH [PORT]  print port descriptions\n"
           "  dump-flows SWITCH           print all flow entries\n"
           "  dump-flows SWITCH FLOW      print matching FLOWs\n"
           "  dump-aggregate SWITCH       print aggregate flow statistics\n"
           "  dump-aggregate SWITCH FLOW  print aggregate stats for FLOWs\n"
           "  queue-stats SWITCH [PORT [QUEUE]]  dump queue stats\n"
           "  add-flow SWITCH FLOW        add flow described by FLOW\n"
           "  add-flows SWITCH FILE       add flows from FILE\n"
           "  mod-flows SWITCH FLOW       modify actions of matching FLOWs\n"
           "  del-flows SWITCH [FLOW]     delete matching FLOWs\n"
           "  replace-flows SWITCH FILE   replace flows with those in FILE\n"
           "  diff-flows SOURCE1 SOURCE2  compare flows from two sources\n"
           "  packet-out SWITCH IN_PORT ACTIONS PACKET...\n"
           "  packet-out SWITCH \"in_port=PORT packet=HEX "
           "actions=ACTIONS\"\n"
           "                              execute ACTIONS on PACKET\n"
           "  monitor SWITCH [MISSLEN] [invalid_ttl] [watch:[...]]\n"
           "                              print packets received from "
           "SWITCH\n"
           "  snoop SWITCH                snoop on SWITCH and its "
           "controller\n"
           "  dump-groups SWITCH [GROUP]  print group description\n"
           "  dump-group-stats SWITCH [GROUP]  print group statistics\n"
           "\nFor OpenFlow switches and controllers:\n"
           "  probe TARGET                probe whether TARGET is up\n"
           "\nOther commands:\n"
           "  parse-flow FLOW             parse FLOW as if for add-flow\n"
           "  parse-flows FILE            parse FILE as if for add-flows\n"
           "  ofp-parse FILE              print messages read from FILE\n"
           "  ofp-print HEXSTRING [VERBOSITY]  print OpenFlow message\n"
           "  compose-packet [--pcap] FLOW [L7]  print packet for FLOW\n"
           "  parse-packet                print flow of packet on stdin\n"
           "\nSWITCH is a bridge name (for <rundir>/BRIDGE.mgmt), a Unix "
           "socket file,\nor unix:FILE, tcp:IP:PORT or ssl:IP:PORT.\n"
           "\nOptions:\n"
           "  --strict                    use strict match for flow "
           "commands\n"
           "  --bundle                    use bundle for flow commands\n"
           "  --names, --no-names         show port names or numbers "
           "(default:\n"
           "                              numbers)\n"
           "  --sort[=FIELD]              sort dump-flows by FIELD\n"
           "  --rsort[=FIELD]             reverse sort dump-flows by "
           "FIELD\n"
           "  --no-stats                  dump-flows without statistics\n"
           "  -t, --timeout=SECS          give up after SECS seconds\n"
           "  -O, --protocols=VERSIONS    set allowed OpenFlow versions\n"
           "  -F, --flow-format=FORMAT    force particular flow format\n"
           "  -m, --more                  be more verbose printing "
           "OpenFlow\n"
           "  -p, --private-key=FILE      SSL private key\n"
           "  -c, --certificate=FILE      SSL certificate\n"
           "  -C, --ca-cert=FILE          SSL CA certificate\n"
           "  -v, --verbose=[SPEC]        set logging levels\n"
           "  --pcap                      compose-packet: write pcap\n"
           "  -h, --help                  display this help message\n"
           "  -V, --version               display version information\n",
           program_name, program_name);
    exit(EXIT_SUCCESS);
}

enum {
    OPT_PCAP = UCHAR_MAX + 1,
    OPT_STRICT,
    OPT_BUNDLE,
    OPT_NAMES,
    OPT_NO_NAMES,
    OPT_SORT,
    OPT_RSORT,
    OPT_NO_STATS,
    VLOG_OPTION_ENUMS,
};

/* --pcap: compose-packet writes a pcap file. */
static bool print_pcap;

static void
add_sort_criterion(const char *field_name, bool descending)
{
    const struct mf_field *field = NULL;

    if (field_name && strcmp(field_name, "priority")) {
        field = mf_from_name(field_name);
        if (!field) {
            svs_fatal(0, "%s: unknown field name", field_name);
        }
    }
    criteria = xrealloc(criteria, (n_criteria + 1) * sizeof *criteria);
    criteria[n_criteria].field = field;
    criteria[n_criteria].descending = descending;
    n_criteria++;
}

static void
parse_options(int argc, char *argv[])
{
    static const struct option long_options[] = {
        {"timeout", required_argument, NULL, 't'},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"bundle", no_argument, NULL, OPT_BUNDLE},
        {"names", no_argument, NULL, OPT_NAMES},
        {"no-names", no_argument, NULL, OPT_NO_NAMES},
        {"sort", optional_argument, NULL, OPT_SORT},
        {"rsort", optional_argument, NULL, OPT_RSORT},
        {"no-stats", no_argument, NULL, OPT_NO_STATS},
        {"protocols", required_argument, NULL, 'O'},
        {"flow-format", required_argument, NULL, 'F'},
        {"more", no_argument, NULL, 'm'},
        {"pcap", no_argument, NULL, OPT_PCAP},
        {"private-key", required_argument, NULL, 'p'},
        {"certificate", required_argument, NULL, 'c'},
        {"ca-cert", required_argument, NULL, 'C'},
        VLOG_LONG_OPTIONS,
        SVS_CMDL_STD_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options = long_options_to_short_options(long_options);
    uint32_t versions = 0;
    char *error;

    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }

        switch (c) {
        case 't':
            timeout = atoi(optarg);
            if (timeout <= 0) {
                svs_fatal(0, "value %s on -t or --timeout is not at least 1",
                          optarg);
            }
            break;

        case 'O':
            error = ofputil_versions_from_string(optarg, &versions);
            if (error) {
                svs_fatal(0, "%s", error);
            }
            allowed_versions = versions;
            break;

        case 'F':
            error = ofputil_protocols_from_string(optarg,
                                                  &allowed_protocols);
            if (error) {
                svs_fatal(0, "%s", error);
            }
            if (!allowed_protocols) {
                svs_fatal(0, "%s: invalid flow format(s)", optarg);
            }
            break;

        case 'm':
            verbosity++;
            break;

        case OPT_PCAP:
            print_pcap = true;
            break;

        case OPT_STRICT:
            strict = true;
            break;

        case OPT_BUNDLE:
            bundle = true;
            break;

        case OPT_NAMES:
            use_names = 1;
            break;

        case OPT_NO_NAMES:
            use_names = 0;
            break;

        case OPT_SORT:
            add_sort_criterion(optarg, false);
            break;

        case OPT_RSORT:
            add_sort_criterion(optarg, true);
            break;

        case OPT_NO_STATS:
            no_stats = true;
            break;

        case 'p':
            stream_ssl_set_private_key_file(optarg);
            break;

        case 'c':
            stream_ssl_set_certificate_file(optarg);
            break;

        case 'C':
            stream_ssl_set_ca_cert_file(optarg, false);
            break;

        VLOG_OPTION_HANDLERS
        SVS_CMDL_STD_OPTION_HANDLERS

        default:
            SVS_NOT_REACHED();
        }
    }
    free(short_options);

    if (!allowed_versions) {
        allowed_versions = 1u << OFP10_VERSION;
    }
    if (bundle && !(allowed_versions & ~((1u << OFP13_VERSION) - 1))) {
        /* Bundles need OpenFlow 1.3 (with the ONF extension) or later:
         * like ovs-ofctl, use OpenFlow 1.4 instead. */
        allowed_versions = 1u << OFP14_VERSION;
    }
    enum ofputil_protocol given = allowed_protocols;
    allowed_protocols &= ofputil_protocols_from_version_bitmap(
        allowed_versions);
    if (!allowed_protocols) {
        struct ds versions_s = DS_EMPTY_INITIALIZER;
        char *protocols_s;
        ofputil_format_version_bitmap_names(&versions_s, allowed_versions);
        protocols_s = ofputil_protocols_to_string(given);
        svs_fatal(0, "None of the enabled OpenFlow versions (%s) supports "
                  "any of the enabled flow formats (%s).  (Use -O to enable "
                  "additional OpenFlow versions or -F to enable additional "
                  "flow formats.)", ds_cstr(&versions_s), protocols_s);
    }
}
/* parse-flow(s). */

static void
print_flow_mods(struct ofputil_flow_mod *fms, size_t n_fms,
                enum ofputil_protocol usable)
{
    enum ofputil_protocol protocol = 0;
    char *usable_s = ofputil_protocols_to_string(usable);

    printf("usable protocols: %s\n", usable_s);
    free(usable_s);
    fflush(stdout);

    if (!(usable & allowed_protocols)) {
        svs_fatal(0, "no usable protocol");
    }
    for (int i = 0; i < 32; i++) {
        protocol = 1u << i;
        if (protocol & usable & allowed_protocols) {
            break;
        }
    }
    printf("chosen protocol: %s\n", ofputil_protocol_to_string(protocol));

    for (size_t i = 0; i < n_fms; i++) {
        struct ofpbuf *msg = ofputil_encode_flow_mod(&fms[i], protocol);
        ofp_print(stdout, msg->data, msg->size, verbosity);
        ofpbuf_delete(msg);
    }
}

static void
cmd_parse_flow(struct svs_cmdl_context *ctx)
{
    struct ofputil_flow_mod fm;
    enum ofputil_protocol usable;
    char *error;

    error = ofp_parse_flow_mod(&fm, ctx->argv[1], OFPFC_ADD, &usable);
    if (error) {
        svs_fatal(0, "%s", error);
    }
    print_flow_mods(&fm, 1, usable);
    free(CONST_CAST(struct ofpact *, fm.ofpacts));
}

static void
cmd_parse_flows(struct svs_cmdl_context *ctx)
{
    struct ofputil_flow_mod *fms;
    enum ofputil_protocol usable;
    size_t n_fms;
    char *error;

    error = ofp_parse_flow_mod_file(ctx->argv[1], OFPFC_ADD, &fms, &n_fms,
                                    &usable);
    if (error) {
        svs_fatal(0, "%s", error);
    }
    print_flow_mods(fms, n_fms, usable);
    ofp_parse_flow_mods_destroy(fms, n_fms);
}

/* ofp-parse. */

static void
cmd_ofp_parse(struct svs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    FILE *file = !strcmp(name, "-") ? stdin : fopen(name, "rb");
    struct ofpbuf b;

    if (!file) {
        svs_fatal(errno, "%s: open", name);
    }
    ofpbuf_init(&b, 65536);
    for (;;) {
        struct ofp_header *oh;
        size_t length, n;

        ofpbuf_clear(&b);
        oh = ofpbuf_put_uninit(&b, sizeof *oh);
        n = fread(oh, 1, sizeof *oh, file);
        if (n == 0) {
            break;
        } else if (n < sizeof *oh) {
            svs_fatal(0, "%s: unexpected end of file mid-message", name);
        }
        length = ntohs(oh->length);
        if (length < sizeof *oh) {
            svs_fatal(0, "%s: %zu-byte message is too short for "
                      "OpenFlow", name, length);
        }
        n = fread(ofpbuf_put_uninit(&b, length - sizeof *oh), 1,
                  length - sizeof *oh, file);
        if (n < length - sizeof *oh) {
            svs_fatal(0, "%s: unexpected end of file mid-message", name);
        }
        ofp_print(stdout, b.data, b.size, verbosity + 2);
    }
    ofpbuf_uninit(&b);
    if (file != stdin) {
        fclose(file);
    }
}

/* ofp-print. */

static void
cmd_ofp_print(struct svs_cmdl_context *ctx)
{
    struct ofpbuf packet;
    char *buffer;
    size_t size;
    int level = ctx->argc > 2 ? atoi(ctx->argv[2]) : verbosity;

    if (!strcmp(ctx->argv[1], "-")) {
        struct ds line = DS_EMPTY_INITIALIZER;
        if (ds_get_line(&line, stdin) == EOF) {
            svs_fatal(0, "failed to read stdin");
        }
        buffer = ds_steal_cstr(&line);
    } else {
        buffer = xstrdup(ctx->argv[1]);
    }

    /* Remove white space. */
    char *dst = buffer;
    for (const char *src = buffer; *src; src++) {
        if (!strchr(" \t\r\n", *src)) {
            *dst++ = *src;
        }
    }
    *dst = '\0';

    ofpbuf_init(&packet, strlen(buffer) / 2);
    if (ofpbuf_put_hex(&packet, buffer, &size)[0] != '\0') {
        svs_fatal(0, "trailing garbage in hex data");
    }
    if (!packet.size) {
        svs_fatal(0, "OpenFlow message is empty");
    }
    ofp_print(stdout, packet.data, packet.size, level);
    ofpbuf_uninit(&packet);
    free(buffer);
}

/* compose-packet and parse-packet. */

static void
put_le32(FILE *f, uint32_t x)
{
    uint8_t b[4] = { x, x >> 8, x >> 16, x >> 24 };
    fwrite(b, 1, 4, f);
}

static void
put_le16(FILE *f, uint16_t x)
{
    uint8_t b[2] = { x, x >> 8 };
    fwrite(b, 1, 2, f);
}

/* Writes a pcap file (Ethernet link type) holding one packet. */
static void
write_pcap(FILE *f, const void *data, size_t size)
{
    struct timeval now;

    put_le32(f, 0xa1b2c3d4);    /* Magic. */
    put_le16(f, 2);             /* Version 2.4. */
    put_le16(f, 4);
    put_le32(f, 0);             /* GMT offset. */
    put_le32(f, 0);             /* Timestamp accuracy. */
    put_le32(f, 1518);          /* Snapshot length. */
    put_le32(f, 1);             /* Ethernet. */

    gettimeofday(&now, NULL);
    put_le32(f, now.tv_sec);
    put_le32(f, now.tv_usec);
    put_le32(f, size);
    put_le32(f, size);
    fwrite(data, 1, size, f);
}

static void
cmd_compose_packet(struct svs_cmdl_context *ctx)
{
    struct flow flow;
    char *error = flow_parse_exact(&flow, ctx->argv[1]);
    if (error) {
        svs_fatal(0, "%s", error);
    }

    struct ofpbuf payload;
    const void *l7 = NULL;
    size_t l7_len = 64;
    ofpbuf_init(&payload, 0);
    if (ctx->argc > 2) {
        if (ofpbuf_put_hex(&payload, ctx->argv[2], NULL)[0] != '\0') {
            svs_fatal(0, "%s: trailing garbage in packet data",
                      ctx->argv[2]);
        }
        l7 = payload.data;
        l7_len = payload.size;
    }

    struct ofpbuf packet;
    ofpbuf_init(&packet, 0);
    flow_compose_payload(&packet, &flow, l7, l7_len, true);
    ofpbuf_uninit(&payload);

    if (print_pcap) {
        write_pcap(stdout, packet.data, packet.size);
    } else {
        struct ds s = DS_EMPTY_INITIALIZER;
        ds_put_hex_dump(&s, packet.data, packet.size, 0, false);
        fputs(ds_cstr(&s), stdout);
        ds_destroy(&s);
    }
    fflush(stdout);

    /* The packet must parse back into the flow it came from. */
    struct flow md, extracted;
    memset(&md, 0, sizeof md);
    md.in_port = OFPP_NONE;
    flow_extract(packet.data, packet.size, &md, &extracted);
    int status = 0;
    if (!flow_equal(&flow, &extracted)) {
        char *a = flow_to_string(&flow);
        char *b = flow_to_string(&extracted);
        /* No newline at the end, as ovs-ofctl prints it. */
        fprintf(stderr, "specified and extracted flows differ:\n"
                "specified: %s\nextracted: %s", a, b);
        free(a);
        free(b);
        status = 1;
    }
    ofpbuf_uninit(&packet);
    if (status) {
        exit(status);
    }
}

static void
cmd_parse_packet(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    struct ofpbuf packet;

    /* The raw bytes of one Ethernet frame (ovs-ofctl reads no pcap
     * here either). */
    ofpbuf_init(&packet, 0);
    for (;;) {
        size_t n = fread(ofpbuf_put_uninit(&packet, 65536), 1, 65536,
                         stdin);
        packet.size -= 65536 - n;
        if (!n || packet.size > 1 << 20) {
            break;
        }
    }
    char *s = ofputil_packet_to_string(packet.data, packet.size,
                                       htonl(PT_ETH));
    fputs(s, stdout);
    free(s);
    ofpbuf_uninit(&packet);
}


static const struct svs_cmdl_command commands[] = {
    { "show", "SWITCH", 1, 1, ofctl_show },
    { "dump-desc", "SWITCH", 1, 1, ofctl_dump_desc },
    { "dump-tables", "SWITCH", 1, 1, ofctl_dump_tables },
    { "dump-table-features", "SWITCH", 1, 1, ofctl_dump_table_features },
    { "dump-flows", "SWITCH", 1, 2, ofctl_dump_flows },
    { "dump-aggregate", "SWITCH", 1, 2, ofctl_dump_aggregate },
    { "queue-stats", "SWITCH [PORT [QUEUE]]", 1, 3, ofctl_queue_stats },
    { "add-flow", "SWITCH FLOW", 2, 2, ofctl_add_flow },
    { "add-flows", "SWITCH FILE", 2, 2, ofctl_add_flows },
    { "mod-flows", "SWITCH FLOW", 2, 2, ofctl_mod_flows },
    { "del-flows", "SWITCH [FLOW]", 1, 2, ofctl_del_flows },
    { "replace-flows", "SWITCH FILE", 2, 2, ofctl_replace_flows },
    { "diff-flows", "SOURCE1 SOURCE2", 2, 2, ofctl_diff_flows },
    { "mod-port", "SWITCH PORT ACTION", 3, 3, ofctl_mod_port },
    { "packet-out", "SWITCH IN_PORT ACTIONS PACKET...", 2, INT_MAX,
      ofctl_packet_out },
    { "monitor", "SWITCH [MISSLEN] [invalid_ttl] [watch:[...]]", 1, 3,
      ofctl_monitor },
    { "snoop", "SWITCH", 1, 1, ofctl_snoop },
    { "dump-ports", "SWITCH [PORT]", 1, 2, ofctl_dump_ports },
    { "dump-ports-desc", "SWITCH [PORT]", 1, 2, ofctl_dump_ports_desc },
    { "get-frags", "SWITCH", 1, 1, ofctl_get_frags },
    { "set-frags", "SWITCH MODE", 2, 2, ofctl_set_frags },
    { "probe", "TARGET", 1, 1, ofctl_probe },
    { "dump-groups", "SWITCH [GROUP]", 1, 2, ofctl_dump_groups },
    { "dump-group-stats", "SWITCH [GROUP]", 1, 2, ofctl_dump_group_stats },
    { "parse-flow", "FLOW", 1, 1, cmd_parse_flow },
    { "parse-flows", "FILE", 1, 1, cmd_parse_flows },
    { "ofp-parse", "FILE", 1, 1, cmd_ofp_parse },
    { "ofp-print", "HEXSTRING [VERBOSITY]", 1, 2, cmd_ofp_print },
    { "compose-packet", "FLOW [L7]", 1, 2, cmd_compose_packet },
    { "parse-packet", "", 0, 0, cmd_parse_packet },
    { NULL, NULL, 0, 0, NULL },
};

int
main(int argc, char *argv[])
{
    struct svs_cmdl_context ctx;

    set_program_name(argv[0]);
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);
    vlog_set_levels(NULL, VLF_SYSLOG, VLL_OFF);
    parse_options(argc, argv);
    ofputil_flow_print_register();
    signal(SIGPIPE, SIG_IGN);
    if (timeout) {
        alarm(timeout);
    }

    if (optind >= argc) {
        svs_fatal(0, "missing command name; use --help for help");
    }
    ctx.argc = argc - optind;
    ctx.argv = argv + optind;
    ctx.pvt = NULL;
    svs_cmdl_run_command(&ctx, commands);
    return 0;
}
