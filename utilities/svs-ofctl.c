/* svs-ofctl: OpenFlow utility, offline commands.
 *
 * What: the commands of ovs-ofctl that need no switch: parse-flow and
 * parse-flows (text flows to flow-mods, printed through ofp-print),
 * ofp-parse (a file of binary OpenFlow messages), ofp-print (hex), and
 * the protocol options -O/--protocols and -F/--flow-format that choose
 * how flows are encoded.  Output and error messages follow ovs-ofctl so
 * that the two can be compared line by line.  The commands that talk to
 * a switch come with the switch itself.
 *
 * Design: each command is a function in a svs_cmdl_command table;
 * failures call svs_fatal() ("svs-ofctl: MESSAGE", exit status 1).
 *
 * Thread-safety: single-threaded program. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include "command-line.h"
#include "dynamic-string.h"
#include "flow.h"
#include "match.h"
#include "ofp-flow.h"
#include "ofp-msgs.h"
#include "ofp-packet.h"
#include "ofp-parse.h"
#include "ofp-print.h"
#include "ofp-protocol.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "packets.h"
#include "util.h"
#include "vlog.h"

/* -O, --protocols: the OpenFlow versions allowed. */
static uint32_t allowed_versions = OFPUTIL_DEFAULT_VERSIONS;

/* -F, --flow-format: the protocols allowed. */
static enum ofputil_protocol allowed_protocols = OFPUTIL_P_ANY;

/* -m, --more: verbosity of printed messages. */
static int verbosity;

static void
usage(void)
{
    printf("%s: OpenFlow switch management utility (offline commands)\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "\nCommands:\n"
           "  parse-flow FLOW             parse FLOW as if for add-flow\n"
           "  parse-flows FILE            parse FILE as if for add-flows\n"
           "  ofp-parse FILE              print messages read from FILE\n"
           "  ofp-print HEXSTRING [VERBOSITY]  print OpenFlow message\n"
           "  compose-packet [--pcap] FLOW [L7]  print packet for FLOW\n"
           "  parse-packet                print flow of packet on stdin\n"
           "\nOptions:\n"
           "  -O, --protocols=VERSIONS    set allowed OpenFlow versions\n"
           "  -F, --flow-format=FORMAT    force particular flow format\n"
           "  -m, --more                  be more verbose printing "
           "OpenFlow\n"
           "  --pcap                      compose-packet: write pcap\n"
           "  -h, --help                  display this help message\n"
           "  -V, --version               display version information\n",
           program_name, program_name);
    exit(EXIT_SUCCESS);
}

enum {
    OPT_PCAP = UCHAR_MAX + 1,
};

/* --pcap: compose-packet writes a pcap file. */
static bool print_pcap;

static void
parse_options(int argc, char *argv[])
{
    static const struct option long_options[] = {
        {"protocols", required_argument, NULL, 'O'},
        {"flow-format", required_argument, NULL, 'F'},
        {"more", no_argument, NULL, 'm'},
        {"pcap", no_argument, NULL, OPT_PCAP},
        SVS_CMDL_STD_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options = long_options_to_short_options(long_options);
    char *error;

    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }

        switch (c) {
        case 'O':
            error = ofputil_versions_from_string(optarg, &allowed_versions);
            if (error) {
                svs_fatal(0, "%s", error);
            }
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

        SVS_CMDL_STD_OPTION_HANDLERS

        default:
            SVS_NOT_REACHED();
        }
    }
    free(short_options);

    allowed_protocols &= ofputil_protocols_from_version_bitmap(
        allowed_versions);
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

    if (optind >= argc) {
        svs_fatal(0, "missing command name; use --help for help");
    }
    ctx.argc = argc - optind;
    ctx.argv = argv + optind;
    ctx.pvt = NULL;
    svs_cmdl_run_command(&ctx, commands);
    return 0;
}
