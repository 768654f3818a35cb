/* test-ofp-actions.c: drives lib/ofp-actions for tests/test_ofp_actions.py.
 *
 * Usage:
 *   test-ofp-actions encode VERSION                  (lines on stdin)
 *       Each input line is "[MATCH ]actions=ACTIONS" where MATCH is a
 *       comma-separated list of FIELD=VALUE or protocol shorthands (ip,
 *       tcp...).  For each line prints one line:
 *         "ok HEX TEXT"  the encoded instructions (actions in OpenFlow
 *                        1.0; "-" if empty) and the text of decoding them
 *                        again ("decode-error:NAME" if that fails);
 *         "error MESSAGE" if parsing, checking or re-decoding failed.
 *   test-ofp-actions decode VERSION                  (hex lines on stdin)
 *       Decodes each line as actions (OpenFlow 1.0) or instructions and
 *       prints "ok TEXT HEX" (text, then the re-encoding, "-" if empty) or
 *       "error OFPERR_NAME".
 *   test-ofp-actions decode-actions VERSION          (hex lines on stdin)
 *       Same, always as an action list.
 *
 * VERSION is OpenFlow10 ... OpenFlow15.  An optional third argument,
 * INITIAL_SIZE, sets the initial allocation of every ofpbuf the program
 * uses (64 by default): a tiny one makes lib/ofp-actions reallocate its
 * output while it builds an action, which shakes out pointers into the
 * buffer kept across a reallocation (the output must not change). */

#include <config.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "match.h"
#include "meta-flow.h"
#include "ofp-actions.h"
#include "ofp-errors.h"
#include "ofpbuf.h"
#include "packets.h"
#include "util.h"

/* Initial allocation of the program's ofpbufs (see the usage comment). */
static size_t initial_size = 64;

static enum ofp_version
parse_version(const char *s)
{
    static const char *const names[] = {
        "OpenFlow10", "OpenFlow11", "OpenFlow12", "OpenFlow13",
        "OpenFlow14", "OpenFlow15",
    };
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        if (!strcmp(s, names[i])) {
            return OFP10_VERSION + i;
        }
    }
    svs_fatal(0, "%s: unknown OpenFlow version", s);
}

static uint32_t
version_protocols(enum ofp_version v)
{
    switch (v) {
    case OFP10_VERSION: return OFPACT_P_OF10_ANY;
    case OFP11_VERSION: return OFPACT_P_OF11_STD;
    case OFP12_VERSION: return OFPACT_P_OF12_OXM;
    case OFP13_VERSION: return OFPACT_P_OF13_OXM;
    case OFP14_VERSION: return OFPACT_P_OF14_OXM;
    case OFP15_VERSION: return OFPACT_P_OF15_OXM;
    default: return 0;
    }
}

static void
set_u16(struct match *m, enum mf_field_id id, uint16_t x)
{
    union mf_value v = { .be16 = htons(x) };
    mf_set_value(mf_from_id(id), &v, m, NULL);
}

static void
set_u8(struct match *m, enum mf_field_id id, uint8_t x)
{
    union mf_value v = { .u8 = x };
    mf_set_value(mf_from_id(id), &v, m, NULL);
}

/* Parses a small subset of ovs-ofctl's match syntax into 'm'. */
static char *
parse_match(char *s, struct match *m)
{
    static const struct {
        const char *name;
        uint16_t dl_type;
        uint8_t nw_proto;
    } protos[] = {
        { "ip", ETH_TYPE_IP, 0 }, { "ipv6", ETH_TYPE_IPV6, 0 },
        { "tcp", ETH_TYPE_IP, 6 }, { "udp", ETH_TYPE_IP, 17 },
        { "sctp", ETH_TYPE_IP, 132 }, { "icmp", ETH_TYPE_IP, 1 },
        { "tcp6", ETH_TYPE_IPV6, 6 }, { "udp6", ETH_TYPE_IPV6, 17 },
        { "sctp6", ETH_TYPE_IPV6, 132 }, { "icmp6", ETH_TYPE_IPV6, 58 },
        { "arp", ETH_TYPE_ARP, 0 }, { "rarp", ETH_TYPE_RARP, 0 },
        { "mpls", ETH_TYPE_MPLS, 0 }, { "mplsm", ETH_TYPE_MPLS_MCAST, 0 },
    };
    char *sp = NULL;

    match_init_catchall(m);
    for (char *tok = strtok_r(s, ",", &sp); tok;
         tok = strtok_r(NULL, ",", &sp)) {
        char *eq = strchr(tok, '=');
        bool found = false;

        if (!eq) {
            for (size_t i = 0; i < ARRAY_SIZE(protos); i++) {
                if (!strcmp(tok, protos[i].name)) {
                    set_u16(m, MFF_ETH_TYPE, protos[i].dl_type);
                    if (protos[i].nw_proto) {
                        set_u8(m, MFF_IP_PROTO, protos[i].nw_proto);
                    }
                    found = true;
                }
            }
            if (!found) {
                return xasprintf("%s: unknown match keyword", tok);
            }
            continue;
        }
        *eq = '\0';
        const struct mf_field *mf = mf_from_name(tok);
        if (!mf) {
            return xasprintf("%s: unknown field", tok);
        }
        char *error = mf_parse_field(mf, eq + 1, m);
        if (error) {
            return error;
        }
    }
    return NULL;
}

static void
put_hex(struct ds *s, const void *data_, size_t n)
{
    const uint8_t *data = data_;
    for (size_t i = 0; i < n; i++) {
        ds_put_format(s, "%02x", data[i]);
    }
}

static char *
encode_line(char *line, enum ofp_version version, struct ds *out)
{
    char *actions = strstr(line, "actions=");
    struct ofpbuf ofpacts, wire, decoded;
    struct match match;
    uint32_t usable = OFPACT_P_ANY;
    char *error;

    if (!actions) {
        return xstrdup("missing actions=");
    }
    *actions = '\0';
    actions += strlen("actions=");
    while (*line && isspace((unsigned char) line[strlen(line) - 1])) {
        line[strlen(line) - 1] = '\0';
    }
    if (*line && line[strlen(line) - 1] == ',') {
        line[strlen(line) - 1] = '\0';
    }
    error = parse_match(line, &match);
    if (error) {
        return error;
    }
    struct match orig_match = match;

    ofpbuf_init(&ofpacts, initial_size);
    ofpbuf_init(&wire, initial_size);
    ofpbuf_init(&decoded, initial_size);
    struct ofpact_parse_params pp = {
        .ofpacts = &ofpacts, .usable_protocols = &usable,
    };
    error = ofpacts_parse_instructions(actions, &pp);
    if (!error) {
        struct ofpact_check_params cp = {
            .match = &match, .max_ports = OFPP_MAX, .table_id = 255,
            .n_tables = 255, .usable_protocols = usable,
        };
        enum ofperr err = ofpacts_check(ofpacts.data, ofpacts.size, &cp);
        if (err) {
            error = xasprintf("check failed (%s)", ofperr_get_name(err));
        } else if (!(cp.usable_protocols & version_protocols(version))) {
            error = xstrdup("no usable protocol");
        }
    }
    if (!error) {
        enum ofperr err;

        ofpacts_put_openflow_instructions(ofpacts.data, ofpacts.size, &wire,
                                          version);
        put_hex(out, wire.data, wire.size);
        if (!wire.size) {
            ds_put_char(out, '-');
        }
        ds_put_char(out, ' ');
        struct ofpbuf b = OFPBUF_CONST_INITIALIZER(wire.data, wire.size);
        err = ofpacts_pull_openflow_instructions(&b, wire.size, version,
                                                 &decoded);
        if (!err) {
            /* As ovs-ofctl does when it decodes a flow_mod. */
            struct match copy;
            match_init_catchall(&copy);
            copy = orig_match;
            struct ofpact_check_params cp = {
                .match = &copy, .max_ports = OFPP_MAX, .table_id = 255,
                .n_tables = 255,
            };
            err = ofpacts_check_consistency(decoded.data, decoded.size,
                                            version_protocols(version), &cp);
        }
        if (err) {
            ds_put_format(out, "decode-error:%s", ofperr_get_name(err));
        } else {
            ofpacts_format(decoded.data, decoded.size, out);
        }
    }
    ofpbuf_uninit(&ofpacts);
    ofpbuf_uninit(&wire);
    ofpbuf_uninit(&decoded);
    return error;
}

static void
decode_line(const char *line, enum ofp_version version, bool instructions,
            struct ds *out)
{
    struct ofpbuf hex, ofpacts, wire;
    enum ofperr err;

    ofpbuf_init(&hex, initial_size);
    ofpbuf_init(&ofpacts, initial_size);
    ofpbuf_init(&wire, initial_size);
    for (const char *p = line; *p; ) {
        unsigned int byte;
        if (isspace((unsigned char) *p) || *p == '-') {
            p++;
            continue;
        }
        if (sscanf(p, "%2x", &byte) != 1) {
            break;
        }
        uint8_t b = byte;
        ofpbuf_put(&hex, &b, 1);
        p += 2;
    }
    struct ofpbuf b = OFPBUF_CONST_INITIALIZER(hex.data, hex.size);
    err = (instructions
           ? ofpacts_pull_openflow_instructions(&b, hex.size, version,
                                                &ofpacts)
           : ofpacts_pull_openflow_actions(&b, hex.size, version, &ofpacts));
    if (err) {
        ds_put_format(out, "error %s", ofperr_get_name(err));
    } else {
        ds_put_cstr(out, "ok ");
        ofpacts_format(ofpacts.data, ofpacts.size, out);
        if (instructions) {
            ofpacts_put_openflow_instructions(ofpacts.data, ofpacts.size,
                                              &wire, version);
        } else {
            ofpacts_put_openflow_actions(ofpacts.data, ofpacts.size, &wire,
                                         version);
        }
        ds_put_char(out, ' ');
        put_hex(out, wire.data, wire.size);
        if (!wire.size) {
            ds_put_char(out, '-');
        }
    }
    ofpbuf_uninit(&hex);
    ofpbuf_uninit(&ofpacts);
    ofpbuf_uninit(&wire);
}

int
main(int argc, char *argv[])
{
    struct ds line = DS_EMPTY_INITIALIZER;
    enum ofp_version version;
    const char *cmd;

    set_program_name(argv[0]);
    if (argc != 3 && argc != 4) {
        svs_fatal(0, "usage: %s encode|decode|decode-actions VERSION "
                  "[INITIAL_SIZE]", argv[0]);
    }
    if (argc == 4) {
        unsigned int n;
        if (!str_to_uint(argv[3], 10, &n) || n > 65536) {
            svs_fatal(0, "%s: bad initial buffer size", argv[3]);
        }
        initial_size = n;
    }
    cmd = argv[1];
    version = parse_version(argv[2]);

    while (!ds_get_line(&line, stdin)) {
        struct ds out = DS_EMPTY_INITIALIZER;

        if (!strcmp(cmd, "encode")) {
            char *copy = xstrdup(ds_cstr(&line));
            char *error = encode_line(copy, version, &out);
            if (error) {
                printf("error %s\n", error);
                free(error);
            } else {
                printf("ok %s\n", ds_cstr(&out));
            }
            free(copy);
        } else if (!strcmp(cmd, "decode")) {
            decode_line(ds_cstr(&line), version, true, &out);
            printf("%s\n", ds_cstr(&out));
        } else if (!strcmp(cmd, "decode-actions")) {
            decode_line(ds_cstr(&line), version, false, &out);
            printf("%s\n", ds_cstr(&out));
        } else {
            svs_fatal(0, "%s: unknown command", cmd);
        }
        ds_destroy(&out);
        fflush(stdout);
    }
    ds_destroy(&line);
    return 0;
}
