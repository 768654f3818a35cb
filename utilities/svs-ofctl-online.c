/* svs-ofctl-online.c: the svs-ofctl commands that talk to a switch.
 *
 * What: connections to a SWITCH (a bridge name, a socket file or an active
 * connection name, see svs-ofctl.c) over lib/vconn, flow format
 * negotiation, and the online commands, whose output and errors follow
 * ovs-ofctl's exactly.
 *
 * Design: every command opens its own connection(s) and exits through
 * svs_fatal() on errors.  Like ovs-ofctl, commands that read flows first
 * fetch the switch's table and port descriptions over separate
 * connections (the port descriptions also resolve port names in
 * arguments), so that transaction ids, printed with every reply, are the
 * same as ovs-ofctl's.
 *
 * Thread-safety: single-threaded program. */
#include <config.h>

#include "svs-ofctl.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "command-line.h"
#include "dirs.h"
#include "dynamic-string.h"
#include "match.h"
#include "meta-flow.h"
#include "ofp-actions.h"
#include "ofp-bundle.h"
#include "ofp-errors.h"
#include "ofp-flow.h"
#include "ofp-group.h"
#include "ofp-monitor.h"
#include "ofp-msgs.h"
#include "ofp-packet.h"
#include "ofp-parse.h"
#include "ofp-port.h"
#include "ofp-print.h"
#include "ofp-protocol.h"
#include "ofp-queue.h"
#include "ofp-switch.h"
#include "ofp-table-features.h"
#include "ofp-table.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "packets.h"
#include "util.h"
#include "vconn.h"

/* Connections. */

/* Exits with "talking to NAME (ERROR)" if 'error' is an errno value, or
 * prints the OpenFlow error 'reply' and exits if it is an enum ofperr. */
static void
check_transact(struct vconn *vconn, int error, const struct ofpbuf *reply)
{
    if (!error) {
        return;
    }
    if (error >= OFPERR_OFS && reply) {
        ofp_print(stderr, reply->data, reply->size, verbosity + 2);
        exit(EXIT_FAILURE);
    }
    svs_fatal(0, "talking to %s (%s)", vconn_get_name(vconn),
              error == EOF ? "End of file" : svs_strerror(error));
}

/* Tries to open "unix:PATH".  Returns NULL if there is no such socket
 * file; exits on any other failure. */
static struct vconn *
open_vconn_socket(const char *path, const char *name)
{
    char *vconn_name = xasprintf("unix:%s", path);
    struct vconn *vconn;
    int error;

    error = vconn_open(vconn_name, allowed_versions, 0, &vconn);
    free(vconn_name);
    if (error == ENOENT) {
        return NULL;
    } else if (error) {
        svs_fatal(0, "%s: failed to open socket (%s)", path,
                  svs_strerror(error));
    }
    error = vconn_connect_block(vconn, -1);
    if (error) {
        svs_fatal(0, "%s: failed to connect to socket (%s)", name,
                  error == EOF ? "End of file" : svs_strerror(error));
    }
    return vconn;
}

/* Opens a connection to SWITCH 'name' (see the file comment), with
 * 'suffix' ("mgmt" or "snoop") for bridge names.  Returns the vconn and
 * stores its initial protocol in '*protocolp' (if nonnull). */
static struct vconn *
open_vconn__(const char *name, const char *suffix,
             enum ofputil_protocol *protocolp)
{
    struct vconn *vconn;

    if (strchr(name, ':')) {
        int error = vconn_open_block(name, allowed_versions, 0, -1, &vconn);
        if (error) {
            svs_fatal(0, "connecting to %s (%s)", name,
                      error == EOF ? "End of file" : svs_strerror(error));
        }
    } else {
        char *path = xasprintf("%s/%s.%s", svs_rundir(), name, suffix);
        vconn = open_vconn_socket(name, name);
        if (!vconn) {
            vconn = open_vconn_socket(path, name);
        }
        free(path);
        if (!vconn) {
            svs_fatal(0, "%s is not a bridge or a socket", name);
        }
    }
    if (protocolp) {
        *protocolp = ofputil_protocol_from_ofp_version(
            vconn_get_version(vconn));
    }
    return vconn;
}

static struct vconn *
open_vconn(const char *name, enum ofputil_protocol *protocolp)
{
    return open_vconn__(name, "mgmt", protocolp);
}

static enum ofp_version
vconn_version(const struct vconn *vconn)
{
    return vconn_get_version(vconn);
}

/* Sends 'request' and returns its reply, exiting on any error. */
static struct ofpbuf *
transact(struct vconn *vconn, struct ofpbuf *request)
{
    struct ofpbuf *reply;
    int error = vconn_transact(vconn, request, &reply);
    check_transact(vconn, error, reply);
    return reply;
}

/* Sends 'request' with a barrier, exiting on any error. */
static void
transact_noreply(struct vconn *vconn, struct ofpbuf *request)
{
    struct ofpbuf *reply;
    int error = vconn_transact_noreply(vconn, request, &reply);
    check_transact(vconn, error, reply);
}

/* Sends multipart 'request' and collects its replies into 'replies',
 * exiting on any error. */
static void
dump_multipart(struct vconn *vconn, struct ofpbuf *request,
               struct svs_list *replies)
{
    svs_list_init(replies);
    int error = vconn_dump_multipart(vconn, request, replies);
    if (error) {
        struct ofpbuf *last = svs_list_is_empty(replies) ? NULL
            : CONTAINER_OF(svs_list_back(replies), struct ofpbuf, list_node);
        check_transact(vconn, error, error >= OFPERR_OFS ? last : NULL);
    }
}

/* Prints each message in 'replies' to 'out' and frees them. */
static void
print_replies_to(FILE *out, struct svs_list *replies)
{
    struct ofpbuf *reply;

    LIST_FOR_EACH_POP (reply, list_node, replies) {
        ofp_print(out, reply->data, reply->size, verbosity + 1);
        ofpbuf_delete(reply);
    }
    fflush(out);
}

static void
print_replies(struct svs_list *replies)
{
    print_replies_to(stdout, replies);
}

/* Sends multipart 'request' and prints its replies; an error reply is
 * printed like any other reply, as ovs-ofctl does. */
static void
dump_and_print(struct vconn *vconn, struct ofpbuf *request)
{
    struct svs_list replies;

    svs_list_init(&replies);
    int error = vconn_dump_multipart(vconn, request, &replies);
    if (error && error < OFPERR_OFS) {
        check_transact(vconn, error, NULL);
    }
    print_replies(&replies);
}

/* Opens 'name', sends the request built by 'encode' for the negotiated
 * version and prints every reply (multipart or not). */
static void
dump_transaction(const char *name,
                 struct ofpbuf *(*encode)(enum ofp_version, const void *aux),
                 const void *aux)
{
    struct vconn *vconn = open_vconn(name, NULL);
    struct ofpbuf *request = encode(vconn_version(vconn), aux);

    if (ofpmsg_is_stat_request(request->data)) {
        dump_and_print(vconn, request);
    } else {
        struct ofpbuf *reply = transact(vconn, request);
        ofp_print(stdout, reply->data, reply->size, verbosity + 1);
        ofpbuf_delete(reply);
    }
    vconn_close(vconn);
}

/* The ports and tables of a switch, as ovs-ofctl fetches them to accept
 * and print names. */
struct port_entry {
    ofp_port_t port_no;
    char name[OFP_MAX_PORT_NAME_LEN];
    struct eth_addr hw_addr;
};

struct switch_ports {
    struct port_entry *ports;
    size_t n;
};

static void
add_port(struct switch_ports *sp, const struct ofputil_phy_port *pp)
{
    sp->ports = xrealloc(sp->ports, (sp->n + 1) * sizeof *sp->ports);
    struct port_entry *pe = &sp->ports[sp->n++];
    pe->port_no = pp->port_no;
    memcpy(pe->name, pp->name, sizeof pe->name);
    pe->hw_addr = pp->hw_addr;
}

/* Adds every port described in 'b' (of 'version', headers pulled). */
static void
add_ports_from(struct switch_ports *sp, enum ofp_version version,
               struct ofpbuf *b)
{
    struct ofputil_phy_port pp;
    int retval;

    while (!(retval = ofputil_pull_phy_port(version, b, &pp))) {
        add_port(sp, &pp);
    }
    if (retval != EOF) {
        svs_fatal(0, "received bad port description (%s)",
                  ofperr_to_string(retval));
    }
}

/* Fetches the port descriptions of SWITCH 'name' over a connection of its
 * own: the features reply in OpenFlow 1.0-1.2 (if it lists the ports),
 * otherwise a port description dump. */
static void
fetch_ports(const char *name, struct switch_ports *sp)
{
    struct vconn *vconn = open_vconn(name, NULL);
    enum ofp_version version = vconn_version(vconn);
    bool have_ports = false;

    sp->ports = NULL;
    sp->n = 0;
    if (version < OFP13_VERSION) {
        struct ofpbuf *reply = transact(
            vconn, ofputil_encode_features_request(version));
        if (ofputil_switch_features_has_ports(reply->data)) {
            struct ofputil_switch_features features;
            struct ofpbuf b;
            enum ofperr error = ofputil_decode_switch_features(
                reply->data, &features, &b);
            if (error) {
                svs_fatal(0, "received bad features reply (%s)",
                          ofperr_to_string(error));
            }
            add_ports_from(sp, version, &b);
            have_ports = true;
        }
        ofpbuf_delete(reply);
    }
    if (!have_ports) {
        struct svs_list replies;
        struct ofpbuf *reply;

        dump_multipart(vconn, ofputil_encode_port_desc_stats_request(
                           version, OFPP_NONE), &replies);
        LIST_FOR_EACH_POP (reply, list_node, &replies) {
            struct ofpbuf b = *reply;
            enum ofpraw raw;
            if (!ofpraw_pull(&raw, &b)) {
                add_ports_from(sp, version, &b);
            }
            ofpbuf_delete(reply);
        }
    }
    vconn_close(vconn);
}

static void
switch_ports_destroy(struct switch_ports *sp)
{
    free(sp->ports);
    sp->ports = NULL;
    sp->n = 0;
}

/* Fetches the table descriptions (table statistics before OpenFlow 1.3,
 * table features from 1.3 on) of SWITCH 'name' over a connection of its
 * own.  Returns the number of tables described. */
static size_t
fetch_tables(const char *name)
{
    struct vconn *vconn = open_vconn(name, NULL);
    enum ofp_version version = vconn_version(vconn);
    struct svs_list replies;
    struct ofpbuf *reply;
    size_t n = 0;

    dump_multipart(vconn, version < OFP13_VERSION
                   ? ofputil_encode_table_stats_request(version)
                   : ofputil_encode_table_features_request(version),
                   &replies);
    LIST_FOR_EACH_POP (reply, list_node, &replies) {
        struct ofpbuf b = *reply;
        if (version >= OFP13_VERSION) {
            struct ofputil_table_features tf;
            while (!ofputil_decode_table_features(&b, &tf, true)) {
                n++;
            }
        } else {
            n++;
        }
        ofpbuf_delete(reply);
    }
    vconn_close(vconn);
    return n;
}

/* Fetches ports and tables as ovs-ofctl does before commands that parse
 * flows: tables first if 'tables_first', else ports first.  The ports are
 * stored in '*sp' if it is nonnull (the caller destroys them); they turn
 * port names in flows into numbers (see translate_port_names()).  The
 * tables serve ovs-ofctl to accept table names, which svs-ofctl does not
 * take yet: their fetch keeps the connection pattern, and with it the
 * transaction ids that the output shows, the same as ovs-ofctl's. */
static void
fetch_names(const char *name, bool tables_first, struct switch_ports *sp)
{
    struct switch_ports ports;

    if (tables_first) {
        fetch_tables(name);
        fetch_ports(name, &ports);
    } else {
        fetch_ports(name, &ports);
        fetch_tables(name);
    }
    if (sp) {
        *sp = ports;
    } else {
        switch_ports_destroy(&ports);
    }
}

/* Returns the number, as a string in 'buf', of the port of 'sp' named
 * 's' (which may be in double quotes), or 's' itself if there is none. */
static const char *
port_name_to_number(const struct switch_ports *sp, const char *s,
                    char *buf, size_t bufsize)
{
    size_t len = strlen(s);
    char *unquoted = (len >= 2 && s[0] == '"' && s[len - 1] == '"'
                      ? xmemdup0(s + 1, len - 2) : xstrdup(s));
    const char *result = s;

    for (size_t i = 0; i < sp->n; i++) {
        if (!strcmp(sp->ports[i].name, unquoted)) {
            snprintf(buf, bufsize, "%"PRIu16, sp->ports[i].port_no);
            result = buf;
            break;
        }
    }
    free(unquoted);
    return result;
}

/* Appends action 'a' (one top-level action of a list) to 's' with the port
 * names of 'sp' in output:, enqueue:, resubmit and bare output actions
 * replaced by numbers. */
static void
translate_action(struct ds *s, const struct switch_ports *sp, const char *a)
{
    char buf[16];

    if (!strncmp(a, "output:", 7)) {
        ds_put_format(s, "output:%s",
                      port_name_to_number(sp, a + 7, buf, sizeof buf));
    } else if (!strncmp(a, "enqueue:", 8) && strchr(a + 8, ':')) {
        const char *colon = strrchr(a, ':');
        char *port = xmemdup0(a + 8, colon - (a + 8));
        ds_put_format(s, "enqueue:%s%s",
                      port_name_to_number(sp, port, buf, sizeof buf), colon);
        free(port);
    } else if (!strncmp(a, "resubmit:", 9)) {
        ds_put_format(s, "resubmit:%s",
                      port_name_to_number(sp, a + 9, buf, sizeof buf));
    } else if (!strncmp(a, "resubmit(", 9) && strchr(a, ',')) {
        const char *comma = strchr(a, ',');
        char *port = xmemdup0(a + 9, comma - (a + 9));
        ds_put_format(s, "resubmit(%s%s",
                      port[0] ? port_name_to_number(sp, port, buf,
                                                    sizeof buf) : "",
                      comma);
        free(port);
    } else {
        ds_put_cstr(s, port_name_to_number(sp, a, buf, sizeof buf));
    }
}

/* Returns a copy of flow text 'text' (malloc'd) in which the port names of
 * 'sp' are replaced by their numbers: the values of in_port and out_port
 * and, after "actions=", the ports of the top-level output, enqueue and
 * resubmit actions and bare port names (outputs).  Other items are kept
 * as they are, so that the flow parser reports errors in them. */
static char *
translate_port_names(const char *text, const struct switch_ports *sp)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    char *copy = xstrdup(text);
    char *actions = ofp_parse_extract_actions(copy);
    char *p = copy, *key, *value;
    char buf[16];

    while (ofp_parse_key_value(&p, &key, &value)) {
        if (s.length) {
            ds_put_char(&s, ',');
        }
        ds_put_cstr(&s, key);
        if (value[0]) {
            if (!strcmp(key, "in_port") || !strcmp(key, "out_port")) {
                value = CONST_CAST(char *, port_name_to_number(
                                       sp, value, buf, sizeof buf));
            }
            ds_put_format(&s, "=%s", value);
        }
    }
    if (actions) {
        int depth = 0;
        const char *start = actions;

        ds_put_cstr(&s, s.length ? ",actions=" : "actions=");
        for (const char *c = actions; ; c++) {
            if (*c == '(') {
                depth++;
            } else if (*c == ')') {
                depth--;
            } else if ((*c == ',' && !depth) || !*c) {
                char *a = xmemdup0(start, c - start);
                if (start != actions) {
                    ds_put_char(&s, ',');
                }
                translate_action(&s, sp, a);
                free(a);
                if (!*c) {
                    break;
                }
                start = c + 1;
            }
        }
    }
    free(copy);
    return ds_steal_cstr(&s);
}

/* Returns the name of port number 's' (decimal) among 'sp', or 's' if it
 * is not a number of a port there. */
static const char *
port_number_to_name(const struct switch_ports *sp, const char *s)
{
    char *end;
    unsigned long int n = strtoul(s, &end, 10);

    if (s[0] >= '0' && s[0] <= '9' && !*end) {
        for (size_t i = 0; i < sp->n; i++) {
            if (sp->ports[i].port_no == n) {
                return sp->ports[i].name;
            }
        }
    }
    return s;
}

/* Appends action 'a' (formatted, one top-level action) to 's' with the
 * port numbers of output:, enqueue: and resubmit replaced by names. */
static void
name_ports_in_action(struct ds *s, const struct switch_ports *sp,
                     const char *a)
{
    if (!strncmp(a, "output:", 7)) {
        ds_put_format(s, "output:%s", port_number_to_name(sp, a + 7));
    } else if (!strncmp(a, "enqueue:", 8) && strchr(a + 8, ':')) {
        const char *colon = strrchr(a, ':');
        char *port = xmemdup0(a + 8, colon - (a + 8));
        ds_put_format(s, "enqueue:%s%s", port_number_to_name(sp, port),
                      colon);
        free(port);
    } else if (!strncmp(a, "resubmit:", 9)) {
        ds_put_format(s, "resubmit:%s", port_number_to_name(sp, a + 9));
    } else if (!strncmp(a, "resubmit(", 9) && strchr(a, ',')) {
        const char *comma = strchr(a, ',');
        char *port = xmemdup0(a + 9, comma - (a + 9));
        ds_put_format(s, "resubmit(%s%s", port_number_to_name(sp, port),
                      comma);
        free(port);
    } else {
        ds_put_cstr(s, a);
    }
}

/* Returns a copy of the formatted flow 'line' (as dump-flows prints it)
 * with the port numbers of 'sp' replaced by port names, as ovs-ofctl
 * --names prints them: in_port in the match, and the ports of the
 * top-level output, enqueue and resubmit actions. */
static char *
name_ports_in_flow(const char *line, const struct switch_ports *sp)
{
    const char *actions = strstr(line, " actions=");
    const char *match_end = actions ? actions : line + strlen(line);
    struct ds s = DS_EMPTY_INITIALIZER;
    const char *p = line;

    /* "in_port=N" in the match, as a whole item. */
    while (p < match_end) {
        const char *hit = strstr(p, "in_port=");
        if (!hit || hit >= match_end) {
            break;
        }
        size_t len = strcspn(hit + 8, ", ");
        bool whole = ((hit == line || hit[-1] == ',' || hit[-1] == ' ')
                      && hit + 8 + len <= match_end);
        ds_put_buffer(&s, p, hit + 8 - p);
        if (whole) {
            char *num = xmemdup0(hit + 8, len);
            ds_put_cstr(&s, port_number_to_name(sp, num));
            free(num);
            p = hit + 8 + len;
        } else {
            p = hit + 8;
        }
    }
    ds_put_buffer(&s, p, match_end - p);

    if (actions) {
        const char *list = actions + strlen(" actions=");
        const char *start = list;
        int depth = 0;

        ds_put_cstr(&s, " actions=");
        for (const char *c = list; ; c++) {
            if (*c == '(') {
                depth++;
            } else if (*c == ')') {
                depth--;
            } else if ((*c == ',' && !depth) || !*c) {
                char *a = xmemdup0(start, c - start);
                if (start != list) {
                    ds_put_char(&s, ',');
                }
                name_ports_in_action(&s, sp, a);
                free(a);
                if (!*c) {
                    break;
                }
                start = c + 1;
            }
        }
    }
    return ds_steal_cstr(&s);
}

/* Finds port 'port_name' (a number, a reserved name, or the name of a
 * port of 'sp'); returns false if there is none. */
static bool
lookup_port(const struct switch_ports *sp, const char *port_name,
            ofp_port_t *portp)
{
    if (ofputil_port_from_string(port_name, portp)) {
        return true;
    }
    for (size_t i = 0; sp && i < sp->n; i++) {
        if (!strcmp(sp->ports[i].name, port_name)) {
            *portp = sp->ports[i].port_no;
            return true;
        }
    }
    return false;
}

/* Resolves 'port_name' for SWITCH 'name', fetching its ports if it is not
 * a number or reserved name. */
static ofp_port_t
str_to_port_no(const char *name, const char *port_name)
{
    ofp_port_t port;

    if (ofputil_port_from_string(port_name, &port)) {
        return port;
    }
    struct switch_ports sp;
    fetch_ports(name, &sp);
    bool found = lookup_port(&sp, port_name, &port);
    switch_ports_destroy(&sp);
    if (!found) {
        svs_fatal(0, "%s: unknown port `%s'", name, port_name);
    }
    return port;
}

/* Protocols. */

/* Moves 'vconn' from protocol '*cur' to 'want'.  Returns false if the
 * switch refuses. */
static bool
try_set_protocol(struct vconn *vconn, enum ofputil_protocol want,
                 enum ofputil_protocol *cur)
{
    for (;;) {
        enum ofputil_protocol next;
        struct ofpbuf *request = ofputil_encode_set_protocol(*cur, want,
                                                             &next);
        struct ofpbuf *reply;
        int error;

        if (!request) {
            return *cur == want;
        }
        error = vconn_transact_noreply(vconn, request, &reply);
        if (error) {
            ofpbuf_delete(reply);
            if (error < OFPERR_OFS) {
                check_transact(vconn, error, NULL);
            }
            return false;
        }
        *cur = next;
    }
}

/* Chooses the protocol for flow-mods that 'usable' protocols can express,
 * switching 'vconn' to it if needed. */
static enum ofputil_protocol
set_protocol_for_flow_mod(struct vconn *vconn, enum ofputil_protocol cur,
                          enum ofputil_protocol usable)
{
    if (usable & allowed_protocols & cur) {
        return cur;
    }
    for (int i = 0; i < 32; i++) {
        enum ofputil_protocol p = 1u << i;
        if (p != cur && p & usable & allowed_protocols
            && try_set_protocol(vconn, p, &cur)) {
            return p;
        }
    }

    char *usable_s = ofputil_protocols_to_string(usable);
    svs_fatal(0, "switch does not support any of the usable flow formats "
              "(%s)", usable_s);
}

/* Chooses the protocol for a flow statistics request. */
static enum ofputil_protocol
set_protocol_for_flow_dump(struct vconn *vconn, enum ofputil_protocol cur,
                           enum ofputil_protocol usable)
{
    static const enum ofputil_protocol preference[] = {
        OFPUTIL_P_OF15_OXM, OFPUTIL_P_OF14_OXM, OFPUTIL_P_OF13_OXM,
        OFPUTIL_P_OF12_OXM, OFPUTIL_P_OF11_STD, OFPUTIL_P_OF10_NXM,
        OFPUTIL_P_OF10_STD,
    };

    for (size_t i = 0; i < ARRAY_SIZE(preference); i++) {
        enum ofputil_protocol p = preference[i];
        if (p & usable & allowed_protocols
            && try_set_protocol(vconn, p, &cur)) {
            return p;
        }
    }

    char *usable_s = ofputil_protocols_to_string(usable);
    char *allowed_s = ofputil_protocols_to_string(allowed_protocols);
    svs_fatal(0, "none of the usable flow formats (%s) is among the allowed "
              "flow formats (%s)", usable_s, allowed_s);
}

/* Switch information. */

void
ofctl_show(struct svs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    struct vconn *vconn = open_vconn(name, NULL);
    enum ofp_version version = vconn_version(vconn);
    struct ofpbuf *reply;

    reply = transact(vconn, ofputil_encode_features_request(version));
    ofp_print(stdout, reply->data, reply->size, verbosity + 1);
    bool has_ports = ofputil_switch_features_has_ports(reply->data);
    ofpbuf_delete(reply);
    if (!has_ports) {
        struct svs_list replies;
        dump_multipart(vconn, ofputil_encode_port_desc_stats_request(
                           version, OFPP_NONE), &replies);
        print_replies(&replies);
    }
    vconn_close(vconn);

    vconn = open_vconn(name, NULL);
    reply = transact(vconn, ofputil_encode_get_config_request(
                         vconn_version(vconn)));
    ofp_print(stdout, reply->data, reply->size, verbosity + 1);
    ofpbuf_delete(reply);
    vconn_close(vconn);
}

static struct ofpbuf *
encode_desc_request(enum ofp_version version, const void *aux SVS_UNUSED)
{
    return ofputil_encode_desc_stats_request(version);
}

void
ofctl_dump_desc(struct svs_cmdl_context *ctx)
{
    dump_transaction(ctx->argv[1], encode_desc_request, NULL);
}

static struct ofpbuf *
encode_table_stats_request(enum ofp_version version,
                           const void *aux SVS_UNUSED)
{
    return ofputil_encode_table_stats_request(version);
}

void
ofctl_dump_tables(struct svs_cmdl_context *ctx)
{
    dump_transaction(ctx->argv[1], encode_table_stats_request, NULL);
}

void
ofctl_dump_table_features(struct svs_cmdl_context *ctx)
{
    struct vconn *vconn = open_vconn(ctx->argv[1], NULL);
    enum ofp_version version = vconn_version(vconn);

    if (version < OFP13_VERSION) {
        svs_fatal(0, "dump-table-features needs OpenFlow 1.3 or later "
                  "(\'-O OpenFlow13\')");
    }

    /* The tables of every reply are printed as one list, each compared
     * with its predecessor so that runs of identical tables print as
     * "ditto". */
    struct svs_list replies;
    struct ofpbuf *reply;
    struct ofputil_table_features prev;
    int first_ditto = -1, last_ditto = -1;
    struct ds s = DS_EMPTY_INITIALIZER;
    int n = 0;

    dump_multipart(vconn, ofputil_encode_table_features_request(version),
                   &replies);
    LIST_FOR_EACH_POP (reply, list_node, &replies) {
        struct ofpbuf b;

        ofpbuf_use_const(&b, reply->data, reply->size);
        for (;;) {
            struct ofputil_table_features tf;
            int retval = ofputil_decode_table_features(&b, &tf, true);
            if (retval == EOF) {
                break;
            } else if (retval) {
                svs_fatal(0, "decode error in table features reply (%s)",
                          ofperr_to_string(retval));
            }
            ofputil_table_features_format(&s, &tf, n ? &prev : NULL, NULL,
                                          NULL, &first_ditto, &last_ditto);
            prev = tf;
            n++;
        }
        ofpbuf_delete(reply);
    }
    ofputil_table_features_format_finish(&s, first_ditto, last_ditto);
    const char *text = ds_cstr(&s);
    puts(text[0] == '\n' ? text + 1 : text);
    ds_destroy(&s);
    vconn_close(vconn);
}

static struct ofpbuf *
encode_port_stats_request(enum ofp_version version, const void *aux)
{
    return ofputil_encode_port_stats_request(version,
                                             *(const ofp_port_t *) aux);
}

/* ovs-ofctl --names also names the ports in port and queue statistics,
 * which svs-ofctl does not do yet: refuse rather than print otherwise. */
static void
check_names_unsupported(const char *command)
{
    if (use_names > 0) {
        svs_fatal(0, "%s: --names is not supported yet (use --no-names)",
                  command);
    }
}

void
ofctl_dump_ports(struct svs_cmdl_context *ctx)
{
    check_names_unsupported(ctx->argv[0]);
    ofp_port_t port = (ctx->argc > 2
                       ? str_to_port_no(ctx->argv[1], ctx->argv[2])
                       : OFPP_NONE);
    dump_transaction(ctx->argv[1], encode_port_stats_request, &port);
}

static struct ofpbuf *
encode_port_desc_request(enum ofp_version version, const void *aux)
{
    return ofputil_encode_port_desc_stats_request(
        version, *(const ofp_port_t *) aux);
}

void
ofctl_dump_ports_desc(struct svs_cmdl_context *ctx)
{
    ofp_port_t port = (ctx->argc > 2
                       ? str_to_port_no(ctx->argv[1], ctx->argv[2])
                       : OFPP_NONE);
    dump_transaction(ctx->argv[1], encode_port_desc_request, &port);
}

static struct ofpbuf *
encode_queue_stats_request(enum ofp_version version, const void *aux)
{
    return ofputil_encode_queue_stats_request(version, aux);
}

void
ofctl_queue_stats(struct svs_cmdl_context *ctx)
{
    check_names_unsupported(ctx->argv[0]);
    struct ofputil_queue_stats_request rq = {
        .port_no = OFPP_NONE,
        .queue_id = OFPQ_ALL,
    };

    if (ctx->argc > 2 && ctx->argv[2][0] && strcasecmp(ctx->argv[2], "all")) {
        rq.port_no = str_to_port_no(ctx->argv[1], ctx->argv[2]);
    }
    if (ctx->argc > 3 && ctx->argv[3][0] && strcasecmp(ctx->argv[3], "all")) {
        char *error = ofp_parse_u32(ctx->argv[3], &rq.queue_id);
        if (error) {
            svs_fatal(0, "%s", error);
        }
    }
    dump_transaction(ctx->argv[1], encode_queue_stats_request, &rq);
}

static struct ofpbuf *
encode_group_desc_request(enum ofp_version version, const void *aux)
{
    return ofputil_encode_group_desc_request(version,
                                             *(const uint32_t *) aux);
}

static struct ofpbuf *
encode_group_stats_request(enum ofp_version version, const void *aux)
{
    return ofputil_encode_group_stats_request(version,
                                              *(const uint32_t *) aux);
}

/* Parses group id 's' (a number, "all" or "any"); returns false if it is
 * none of those. */
static bool
parse_group_id(const char *s, uint32_t *group_id)
{
    if (!strcasecmp(s, "all")) {
        *group_id = OFPG_ALL;
    } else if (!strcasecmp(s, "any")) {
        *group_id = OFPG_ANY;
    } else {
        char *error = ofp_parse_u32(s, group_id);
        if (error) {
            free(error);
            return false;
        }
    }
    return true;
}

void
ofctl_dump_groups(struct svs_cmdl_context *ctx)
{
    uint32_t group_id = OFPG_ALL;

    /* Like ovs-ofctl, an invalid GROUP dumps every group. */
    if (ctx->argc > 2 && !parse_group_id(ctx->argv[2], &group_id)) {
        group_id = OFPG_ALL;
    }
    dump_transaction(ctx->argv[1], encode_group_desc_request, &group_id);
}

void
ofctl_dump_group_stats(struct svs_cmdl_context *ctx)
{
    uint32_t group_id = OFPG_ALL;

    /* The argument has the group syntax: "group_id=GROUP". */
    if (ctx->argc > 2) {
        char *string = xstrdup(ctx->argv[2]);
        char *p = string, *key, *value;

        while (ofp_parse_key_value(&p, &key, &value)) {
            if (strcmp(key, "group_id")) {
                svs_fatal(0, "unknown keyword %s", key);
            }
            if (!parse_group_id(value, &group_id)) {
                svs_fatal(0, "invalid group id %s", value);
            }
        }
        free(string);
    }
    fetch_names(ctx->argv[1], true, NULL);
    dump_transaction(ctx->argv[1], encode_group_stats_request, &group_id);
}

/* Fragment handling. */

static void
fetch_switch_config(struct vconn *vconn, struct ofputil_switch_config *config)
{
    struct ofpbuf *reply = transact(
        vconn, ofputil_encode_get_config_request(vconn_version(vconn)));
    enum ofptype type;

    if (ofptype_decode(&type, reply->data)
        || type != OFPTYPE_GET_CONFIG_REPLY) {
        svs_fatal(0, "%s: bad reply to config request",
                  vconn_get_name(vconn));
    }
    enum ofperr error = ofputil_decode_get_config_reply(reply->data, config);
    if (error) {
        svs_fatal(0, "%s: bad reply to config request (%s)",
                  vconn_get_name(vconn), ofperr_to_string(error));
    }
    ofpbuf_delete(reply);
}

static void
set_switch_config(struct vconn *vconn,
                  const struct ofputil_switch_config *config)
{
    transact_noreply(vconn, ofputil_encode_set_config(
                         config, vconn_version(vconn)));
}

void
ofctl_get_frags(struct svs_cmdl_context *ctx)
{
    struct ofputil_switch_config config;
    struct vconn *vconn = open_vconn(ctx->argv[1], NULL);

    fetch_switch_config(vconn, &config);
    puts(ofputil_frag_handling_to_string(config.frag));
    vconn_close(vconn);
}

void
ofctl_set_frags(struct svs_cmdl_context *ctx)
{
    struct ofputil_switch_config config;
    enum ofputil_frag_handling frag;

    if (!ofputil_frag_handling_from_string(ctx->argv[2], &frag)) {
        svs_fatal(0, "%s: unknown fragment handling mode", ctx->argv[2]);
    }

    struct vconn *vconn = open_vconn(ctx->argv[1], NULL);
    fetch_switch_config(vconn, &config);
    if (frag != config.frag) {
        config.frag = frag;
        set_switch_config(vconn, &config);

        /* Verify that the switch took the new mode. */
        fetch_switch_config(vconn, &config);
        if (frag != config.frag) {
            svs_fatal(0, "%s: setting fragment handling mode failed (this "
                      "switch probably doesn't support mode \"%s\")",
                      ctx->argv[1], ofputil_frag_handling_to_string(frag));
        }
    }
    vconn_close(vconn);
}

/* probe. */

void
ofctl_probe(struct svs_cmdl_context *ctx)
{
    struct vconn *vconn = open_vconn(ctx->argv[1], NULL);
    struct ofpbuf *request = ofpraw_alloc_xid(OFPRAW_OFPT10_ECHO_REQUEST,
                                              vconn_version(vconn),
                                              htonl(0), 0);
    ofpmsg_update_length(request);
    struct ofpbuf *reply = transact(vconn, request);
    enum ofptype type;

    if (ofptype_decode(&type, reply->data) || type != OFPTYPE_ECHO_REPLY
        || reply->size != sizeof(struct ofp_header)) {
        svs_fatal(0, "reply does not match request");
    }
    ofpbuf_delete(reply);
    vconn_close(vconn);
}

/* Flow dumps. */

/* Parses the optional FLOW argument of dump-flows and dump-aggregate,
 * fetching the switch's ports and tables first if there is one (as
 * ovs-ofctl does, so port names may be used). */
static void
parse_flow_stats_request_arg(struct svs_cmdl_context *ctx, bool aggregate,
                             struct ofputil_flow_stats_request *fsr,
                             enum ofputil_protocol *usable)
{
    char *text;

    if (ctx->argc > 2) {
        struct switch_ports sp;

        fetch_names(ctx->argv[1], false, &sp);
        text = translate_port_names(ctx->argv[2], &sp);
        switch_ports_destroy(&sp);
    } else {
        text = xstrdup("");
    }
    char *error = ofp_parse_flow_stats_request(fsr, aggregate, text,
                                               usable);
    if (error) {
        svs_fatal(0, "%s", error);
    }
    free(text);
}

/* Opens a connection for a flow dump of 'fsr' and encodes the request. */
/* Flow statistics requests carry a table id in every protocol, so the
 * table-id extension that a "table=" in the request may have asked for is
 * not needed: adds the plain variant of each such protocol to 'usable'. */
static enum ofputil_protocol
dump_usable_protocols(enum ofputil_protocol usable)
{
    for (int i = 0; i < 32; i++) {
        enum ofputil_protocol p = 1u << i;
        if (p & usable) {
            usable |= ofputil_protocol_set_tid(p, false);
        }
    }
    return usable;
}

static struct vconn *
prepare_flow_dump(const char *name, const struct ofputil_flow_stats_request
                  *fsr, enum ofputil_protocol usable,
                  struct ofpbuf **requestp, enum ofputil_protocol *protocolp)
{
    enum ofputil_protocol protocol;
    struct vconn *vconn = open_vconn(name, &protocol);

    protocol = set_protocol_for_flow_dump(vconn, protocol,
                                          dump_usable_protocols(usable));
    *requestp = ofputil_encode_flow_stats_request(fsr, protocol);
    if (protocolp) {
        *protocolp = protocol;
    }
    return vconn;
}

/* A flow from a dump, with its own copy of its actions. */
struct dumped_flow {
    struct ofputil_flow_stats fs;
    size_t index;               /* Position in the dump, for stability. */
};

/* Dumps the flows matching 'fsr' over 'vconn' into a malloc'd array. */
static struct dumped_flow *
collect_flows(struct vconn *vconn, struct ofpbuf *request, size_t *n_flowsp)
{
    struct dumped_flow *flows = NULL;
    size_t n_flows = 0, allocated = 0;
    struct svs_list replies;
    struct ofpbuf *reply;
    struct ofpbuf ofpacts;

    dump_multipart(vconn, request, &replies);
    ofpbuf_init(&ofpacts, 64);
    LIST_FOR_EACH_POP (reply, list_node, &replies) {
        struct ofpbuf b;

        ofpbuf_use_const(&b, reply->data, reply->size);
        b.header = NULL;
        for (;;) {
            struct ofputil_flow_stats fs;
            int retval = ofputil_decode_flow_stats_reply(&fs, &b, &ofpacts);
            if (retval == EOF) {
                break;
            } else if (retval) {
                svs_fatal(0, "parse error in reply (%s)",
                          ofperr_to_string(retval));
            }
            if (n_flows >= allocated) {
                allocated = allocated ? 2 * allocated : 16;
                flows = xrealloc(flows, allocated * sizeof *flows);
            }
            flows[n_flows].fs = fs;
            flows[n_flows].fs.ofpacts = xmemdup(ofpacts.data, ofpacts.size);
            flows[n_flows].fs.ofpacts_len = ofpacts.size;
            flows[n_flows].index = n_flows;
            n_flows++;
        }
        ofpbuf_delete(reply);
    }
    ofpbuf_uninit(&ofpacts);
    *n_flowsp = n_flows;
    return flows;
}

static void
free_flows(struct dumped_flow *flows, size_t n_flows)
{
    for (size_t i = 0; i < n_flows; i++) {
        free(CONST_CAST(struct ofpact *, flows[i].fs.ofpacts));
    }
    free(flows);
}

/* Compares field 'f' of flows 'a' and 'b' for sorting.  Flows that do not
 * match on the field sort after those that do, in either direction; the
 * field values of the others are compared in the criterion's order. */
static int
compare_field(const struct sort_criterion *sc, const struct match *a,
              const struct match *b)
{
    const struct mf_field *f = sc->field;
    bool a_has = (mf_are_prereqs_ok(f, &a->flow, NULL)
                  && !mf_is_all_wild(f, &a->wc));
    bool b_has = (mf_are_prereqs_ok(f, &b->flow, NULL)
                  && !mf_is_all_wild(f, &b->wc));

    if (a_has && b_has) {
        union mf_value av, bv;

        mf_get_value(f, &a->flow, &av);
        mf_get_value(f, &b->flow, &bv);
        int ret = memcmp(&av, &bv, f->n_bytes);
        return sc->descending ? -ret : ret;
    }
    return a_has == b_has ? 0 : a_has ? -1 : 1;
}

static int
compare_flows(const void *a_, const void *b_)
{
    const struct dumped_flow *a = a_;
    const struct dumped_flow *b = b_;

    for (size_t i = 0; i < n_criteria; i++) {
        const struct sort_criterion *sc = &criteria[i];
        int ret;

        if (!sc->field) {
            ret = (a->fs.priority < b->fs.priority ? -1
                   : a->fs.priority > b->fs.priority);
            if (sc->descending) {
                ret = -ret;
            }
        } else {
            ret = compare_field(sc, &a->fs.match, &b->fs.match);
        }
        if (ret) {
            return ret;
        }
    }

    /* Ties: higher priority first, then the switch's order. */
    if (a->fs.priority != b->fs.priority) {
        return a->fs.priority > b->fs.priority ? -1 : 1;
    }
    return a->index < b->index ? -1 : a->index > b->index;
}

void
ofctl_dump_flows(struct svs_cmdl_context *ctx)
{
    struct ofputil_flow_stats_request fsr;
    enum ofputil_protocol usable;
    struct ofpbuf *request;
    const char *name = ctx->argv[1];

    parse_flow_stats_request_arg(ctx, false, &fsr, &usable);
    struct vconn *vconn = prepare_flow_dump(name, &fsr, usable, &request,
                                            NULL);
    if (use_names <= 0 && !n_criteria && !no_stats) {
        dump_and_print(vconn, request);
        vconn_close(vconn);
        return;
    }

    size_t n_flows;
    struct dumped_flow *flows = collect_flows(vconn, request, &n_flows);
    /* Only OpenFlow 1.5 reports idle times in its own right; the ages
     * that Nicira's replies carry are not printed here. */
    bool show_ages = vconn_version(vconn) >= OFP15_VERSION;
    vconn_close(vconn);
    if (n_criteria) {
        qsort(flows, n_flows, sizeof *flows, compare_flows);
    }

    /* With --names, like ovs-ofctl, fetch the names after the dump. */
    struct switch_ports sp = { NULL, 0 };
    if (use_names > 0) {
        fetch_names(name, true, &sp);
    }

    struct ds s = DS_EMPTY_INITIALIZER;
    for (size_t i = 0; i < n_flows; i++) {
        if (!show_ages) {
            flows[i].fs.idle_age = -1;
            flows[i].fs.hard_age = -1;
        }
        ds_clear(&s);
        ds_put_char(&s, ' ');
        ofputil_flow_stats_format(&s, &flows[i].fs, !no_stats);
        if (use_names > 0) {
            char *named = name_ports_in_flow(ds_cstr(&s), &sp);
            puts(named);
            free(named);
        } else {
            puts(ds_cstr(&s));
        }
    }
    ds_destroy(&s);
    switch_ports_destroy(&sp);
    free_flows(flows, n_flows);
}

void
ofctl_dump_aggregate(struct svs_cmdl_context *ctx)
{
    struct ofputil_flow_stats_request fsr;
    enum ofputil_protocol usable;
    struct ofpbuf *request;
    const char *name = ctx->argv[1];

    parse_flow_stats_request_arg(ctx, true, &fsr, &usable);
    struct vconn *vconn = prepare_flow_dump(name, &fsr, usable, &request,
                                            NULL);
    dump_and_print(vconn, request);
    vconn_close(vconn);
}

/* Flow changes. */

static void
bundle_error_reporter(const struct ofp_header *oh)
{
    struct ofpbuf payload;
    enum ofperr error;

    ofpbuf_init(&payload, 0);
    error = ofperr_decode_msg(oh, &payload);
    fprintf(stderr, "Error %s for: ", ofperr_to_string(error));
    if (payload.size >= sizeof(struct ofp_header)) {
        const struct ofp_header *inner = payload.data;
        struct ofputil_bundle_add_msg bam;
        size_t len = payload.size;
        enum ofptype type;

        /* An error about a bundled message names the message itself. */
        if (!ofptype_decode(&type, inner)
            && type == OFPTYPE_BUNDLE_ADD_MESSAGE
            && !ofputil_decode_bundle_add(inner, &bam, NULL)) {
            inner = bam.msg;
            len = ntohs(inner->length);
        }
        ofp_print(stderr, inner, len, verbosity + 1);
    } else {
        fputc('\n', stderr);
    }
    ofpbuf_uninit(&payload);
    fflush(stderr);
}

/* Sends the flow-mods 'fms' over 'vconn' in 'protocol'. */
static void
send_flow_mods(struct vconn *vconn, struct ofputil_flow_mod *fms,
               size_t n_fms, enum ofputil_protocol protocol)
{
    if (bundle) {
        struct svs_list requests;

        svs_list_init(&requests);
        for (size_t i = 0; i < n_fms; i++) {
            struct ofpbuf *msg = ofputil_encode_flow_mod(&fms[i], protocol);
            svs_list_push_back(&requests, &msg->list_node);
        }
        int error = vconn_bundle_transact(vconn, &requests,
                                          OFPBF_ATOMIC | OFPBF_ORDERED,
                                          bundle_error_reporter);
        if (error) {
            svs_fatal(0, "talking to %s (%s)", vconn_get_name(vconn),
                      error >= OFPERR_OFS ? svs_strerror(EPROTO)
                      : svs_strerror(error));
        }
        return;
    }
    for (size_t i = 0; i < n_fms; i++) {
        transact_noreply(vconn, ofputil_encode_flow_mod(&fms[i], protocol));
    }
}

static void
check_bundle_version(struct vconn *vconn)
{
    if (bundle && vconn_version(vconn) < OFP13_VERSION) {
        svs_fatal(0, "%s: --bundle needs OpenFlow 1.3 or later (\'-O "
                  "OpenFlow14\')", vconn_get_name(vconn));
    }
}

/* Opens SWITCH 'name' and sends 'fms' (whose ports and tables the caller
 * fetched). */
static void
change_flows(const char *name, struct ofputil_flow_mod *fms, size_t n_fms,
             enum ofputil_protocol usable)
{
    enum ofputil_protocol protocol;

    struct vconn *vconn = open_vconn(name, &protocol);
    check_bundle_version(vconn);
    if (n_fms) {
        protocol = set_protocol_for_flow_mod(vconn, protocol, usable);
        send_flow_mods(vconn, fms, n_fms, protocol);
    }
    vconn_close(vconn);
}

static void
flow_mod_command(struct svs_cmdl_context *ctx, int command)
{
    struct ofputil_flow_mod fm;
    enum ofputil_protocol usable;
    char *error;

    struct switch_ports sp;
    fetch_names(ctx->argv[1], true, &sp);
    char *text = translate_port_names(ctx->argc > 2 ? ctx->argv[2] : "",
                                      &sp);
    switch_ports_destroy(&sp);

    error = ofp_parse_flow_mod(&fm, text, command, &usable);
    if (error) {
        svs_fatal(0, "%s", error);
    }
    free(text);
    change_flows(ctx->argv[1], &fm, 1, usable);
    free(CONST_CAST(struct ofpact *, fm.ofpacts));
}

void
ofctl_add_flow(struct svs_cmdl_context *ctx)
{
    flow_mod_command(ctx, OFPFC_ADD);
}

void
ofctl_mod_flows(struct svs_cmdl_context *ctx)
{
    flow_mod_command(ctx, strict ? OFPFC_MODIFY_STRICT : OFPFC_MODIFY);
}

void
ofctl_del_flows(struct svs_cmdl_context *ctx)
{
    flow_mod_command(ctx, strict ? OFPFC_DELETE_STRICT : OFPFC_DELETE);
}

void
ofctl_add_flows(struct svs_cmdl_context *ctx)
{
    struct ofputil_flow_mod *fms;
    enum ofputil_protocol usable;
    size_t n_fms;
    char *error;

    fetch_names(ctx->argv[1], true, NULL);
    error = ofp_parse_flow_mod_file(ctx->argv[2], OFPFC_ADD, &fms, &n_fms,
                                    &usable);
    if (error) {
        svs_fatal(0, "%s", error);
    }
    change_flows(ctx->argv[1], fms, n_fms, usable);
    ofp_parse_flow_mods_destroy(fms, n_fms);
}

/* Flow tables compared and replaced: replace-flows and diff-flows. */

/* One flow of a flow table read from a file or a switch. */
struct table_flow {
    uint8_t table_id;
    int priority;
    struct match match;
    be64 cookie;
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    uint16_t importance;
    struct ofpact *ofpacts;
    size_t ofpacts_len;
};

struct flow_table {
    struct table_flow *flows;
    size_t n;
};

static void
flow_table_add(struct flow_table *t, uint8_t table_id, int priority,
               const struct match *match, be64 cookie,
               uint16_t idle_timeout, uint16_t hard_timeout,
               uint16_t importance, const struct ofpact *ofpacts,
               size_t ofpacts_len)
{
    t->flows = xrealloc(t->flows, (t->n + 1) * sizeof *t->flows);
    struct table_flow *f = &t->flows[t->n++];
    f->table_id = table_id;
    f->priority = priority;
    f->match = *match;
    f->cookie = cookie;
    f->idle_timeout = idle_timeout;
    f->hard_timeout = hard_timeout;
    f->importance = importance;
    f->ofpacts = xmemdup(ofpacts, ofpacts_len);
    f->ofpacts_len = ofpacts_len;
}

static void
flow_table_destroy(struct flow_table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->flows[i].ofpacts);
    }
    free(t->flows);
}

/* Reads the flows of 'file_name' into 't'; returns the protocols usable
 * for all of them. */
static enum ofputil_protocol
read_flow_file(const char *file_name, struct flow_table *t)
{
    struct ofputil_flow_mod *fms;
    enum ofputil_protocol usable;
    size_t n_fms;
    char *error;

    error = ofp_parse_flow_mod_file(file_name, OFPFC_ADD, &fms, &n_fms,
                                    &usable);
    if (error) {
        svs_fatal(0, "%s", error);
    }
    for (size_t i = 0; i < n_fms; i++) {
        const struct ofputil_flow_mod *fm = &fms[i];
        be64 cookie = fm->new_cookie == svs_htonll(UINT64_MAX) ? 0 : fm->new_cookie;
        flow_table_add(t, fm->table_id == 0xff ? 0 : fm->table_id,
                       fm->priority, &fm->match, cookie, fm->idle_timeout,
                       fm->hard_timeout, fm->importance, fm->ofpacts,
                       fm->ofpacts_len);
    }
    ofp_parse_flow_mods_destroy(fms, n_fms);
    return usable;
}

/* Dumps every flow of 'vconn' (already set to a dump protocol, as
 * returned in 'protocol') into 't'. */
static void
read_flows_from_switch(struct vconn *vconn, enum ofputil_protocol protocol,
                       struct flow_table *t)
{
    struct ofputil_flow_stats_request fsr;

    memset(&fsr, 0, sizeof fsr);
    match_init_catchall(&fsr.match);
    fsr.out_port = OFPP_NONE;
    fsr.out_group = OFPG_ANY;
    fsr.table_id = 0xff;

    size_t n_flows;
    struct dumped_flow *flows = collect_flows(
        vconn, ofputil_encode_flow_stats_request(&fsr, protocol), &n_flows);
    for (size_t i = 0; i < n_flows; i++) {
        const struct ofputil_flow_stats *fs = &flows[i].fs;
        flow_table_add(t, fs->table_id, fs->priority, &fs->match,
                       fs->cookie, fs->idle_timeout, fs->hard_timeout,
                       fs->importance, fs->ofpacts, fs->ofpacts_len);
    }
    free_flows(flows, n_flows);
}

/* Returns the flow of 't' with the same table, priority and match as
 * 'f', or NULL. */
static const struct table_flow *
flow_table_find(const struct flow_table *t, const struct table_flow *f)
{
    for (size_t i = 0; i < t->n; i++) {
        const struct table_flow *g = &t->flows[i];
        if (g->table_id == f->table_id && g->priority == f->priority
            && match_equal(&g->match, &f->match)) {
            return g;
        }
    }
    return NULL;
}

/* True if 'a' and 'b' (same table, priority, match) differ in what a
 * flow-mod would set. */
static bool
table_flows_differ(const struct table_flow *a, const struct table_flow *b)
{
    return (a->cookie != b->cookie || a->importance != b->importance
            || a->idle_timeout != b->idle_timeout
            || a->hard_timeout != b->hard_timeout
            || !ofpacts_equal(a->ofpacts, a->ofpacts_len,
                              b->ofpacts, b->ofpacts_len));
}

/* Reads SOURCE 'source' (a file, or else a switch) into 't'. */
static void
read_flow_source(const char *source, struct flow_table *t)
{
    struct stat st;

    if (!stat(source, &st) && S_ISREG(st.st_mode)) {
        read_flow_file(source, t);
    } else {
        struct ofputil_flow_stats_request fsr;
        enum ofputil_protocol usable = OFPUTIL_P_ANY;
        enum ofputil_protocol protocol;
        struct ofpbuf *request;

        memset(&fsr, 0, sizeof fsr);
        match_init_catchall(&fsr.match);
        fsr.out_port = OFPP_NONE;
        fsr.out_group = OFPG_ANY;
        fsr.table_id = 0xff;
        struct vconn *vconn = prepare_flow_dump(source, &fsr, usable,
                                                &request, &protocol);
        ofpbuf_delete(request);
        read_flows_from_switch(vconn, protocol, t);
        vconn_close(vconn);
    }
}

static void
format_table_flow(struct ds *s, const struct table_flow *f)
{
    if (f->table_id) {
        ds_put_format(s, "table=%"PRIu8" ", f->table_id);
    }
    match_format(&f->match, s, f->priority);
    if (f->cookie) {
        ds_put_format(s, " cookie=0x%"PRIx64, svs_ntohll(f->cookie));
    }
    if (f->idle_timeout) {
        ds_put_format(s, " idle_timeout=%"PRIu16, f->idle_timeout);
    }
    if (f->hard_timeout) {
        ds_put_format(s, " hard_timeout=%"PRIu16, f->hard_timeout);
    }
    if (f->importance) {
        ds_put_format(s, " importance=%"PRIu16, f->importance);
    }
    ds_put_cstr(s, " actions=");
    ofpacts_format(f->ofpacts, f->ofpacts_len, s);
}

static void
print_table_flow(char sign, const struct table_flow *f)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_char(&s, sign);
    format_table_flow(&s, f);
    puts(ds_cstr(&s));
    ds_destroy(&s);
}

/* One flow of the union of two flow tables, for diff-flows. */
struct diff_entry {
    const struct table_flow *a;     /* In the first source, or NULL. */
    const struct table_flow *b;     /* In the second source, or NULL. */
    size_t index;                   /* Order of first appearance. */
};

static int
compare_diff_entries(const void *x_, const void *y_)
{
    const struct diff_entry *x = x_;
    const struct diff_entry *y = y_;
    uint8_t xt = (x->a ? x->a : x->b)->table_id;
    uint8_t yt = (y->a ? y->a : y->b)->table_id;

    if (xt != yt) {
        return xt < yt ? -1 : 1;
    }
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Prints the flows that differ between the two sources, table by table,
 * each table's flows in the order they first appear (the first source's,
 * then those only in the second): "-" for a flow of the first source,
 * "+" for one of the second.  Exits with status 2 if any differ. */
void
ofctl_diff_flows(struct svs_cmdl_context *ctx)
{
    struct flow_table a = { NULL, 0 }, b = { NULL, 0 };
    bool differ = false;

    read_flow_source(ctx->argv[1], &a);
    read_flow_source(ctx->argv[2], &b);

    struct diff_entry *entries = xmalloc((a.n + b.n + 1) * sizeof *entries);
    size_t n = 0;
    for (size_t i = 0; i < a.n; i++) {
        entries[n].a = &a.flows[i];
        entries[n].b = flow_table_find(&b, &a.flows[i]);
        entries[n].index = n;
        n++;
    }
    for (size_t i = 0; i < b.n; i++) {
        if (!flow_table_find(&a, &b.flows[i])) {
            entries[n].a = NULL;
            entries[n].b = &b.flows[i];
            entries[n].index = n;
            n++;
        }
    }
    qsort(entries, n, sizeof *entries, compare_diff_entries);

    for (size_t i = 0; i < n; i++) {
        const struct diff_entry *e = &entries[i];
        if (e->a && e->b && !table_flows_differ(e->a, e->b)) {
            continue;
        }
        if (e->a) {
            print_table_flow('-', e->a);
        }
        if (e->b) {
            print_table_flow('+', e->b);
        }
        differ = true;
    }
    free(entries);
    flow_table_destroy(&a);
    flow_table_destroy(&b);
    fflush(stdout);
    exit(differ ? 2 : 0);
}

void
ofctl_replace_flows(struct svs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    struct flow_table want = { NULL, 0 }, have = { NULL, 0 };
    enum ofputil_protocol usable, protocol;
    struct ofpbuf *request;

    fetch_names(name, false, NULL);
    usable = read_flow_file(ctx->argv[2], &want);

    struct ofputil_flow_stats_request fsr;
    memset(&fsr, 0, sizeof fsr);
    match_init_catchall(&fsr.match);
    fsr.out_port = OFPP_NONE;
    fsr.out_group = OFPG_ANY;
    fsr.table_id = 0xff;
    struct vconn *vconn = prepare_flow_dump(name, &fsr, OFPUTIL_P_ANY,
                                            &request, &protocol);
    ofpbuf_delete(request);
    check_bundle_version(vconn);
    read_flows_from_switch(vconn, protocol, &have);

    /* Adds for new or changed flows, then strict deletes for flows that
     * the file does not have. */
    struct ofputil_flow_mod *fms = xmalloc((want.n + have.n + 1)
                                           * sizeof *fms);
    size_t n_fms = 0;
    for (size_t i = 0; i < want.n; i++) {
        const struct table_flow *f = &want.flows[i];
        const struct table_flow *g = flow_table_find(&have, f);
        if (!g || table_flows_differ(f, g)) {
            struct ofputil_flow_mod *fm = &fms[n_fms++];
            ofputil_flow_mod_init(fm);
            fm->match = f->match;
            fm->priority = f->priority;
            fm->new_cookie = f->cookie;
            fm->table_id = f->table_id;
            fm->command = OFPFC_ADD;
            fm->idle_timeout = f->idle_timeout;
            fm->hard_timeout = f->hard_timeout;
            fm->importance = f->importance;
            fm->ofpacts = f->ofpacts;
            fm->ofpacts_len = f->ofpacts_len;
        }
    }
    for (size_t i = 0; i < have.n; i++) {
        const struct table_flow *g = &have.flows[i];
        if (!flow_table_find(&want, g)) {
            struct ofputil_flow_mod *fm = &fms[n_fms++];
            ofputil_flow_mod_init(fm);
            fm->match = g->match;
            fm->priority = g->priority;
            fm->table_id = g->table_id;
            fm->command = OFPFC_DELETE_STRICT;
            usable &= ofputil_match_usable_protocols(&g->match);
            if (g->table_id) {
                usable &= OFPUTIL_P_TID;
            }
        }
    }
    if (n_fms) {
        protocol = set_protocol_for_flow_mod(vconn, protocol, usable);
        send_flow_mods(vconn, fms, n_fms, protocol);
    }
    free(fms);
    vconn_close(vconn);
    flow_table_destroy(&want);
    flow_table_destroy(&have);
}

/* Ports. */

void
ofctl_mod_port(struct svs_cmdl_context *ctx)
{
    static const struct {
        const char *name;
        enum ofputil_port_config bit;
        bool on;                /* Setting the bit means "on"? */
    } modes[] = {
        { "up", OFPUTIL_PC_PORT_DOWN, false },
        { "down", OFPUTIL_PC_PORT_DOWN, true },
        { "stp", OFPUTIL_PC_NO_STP, false },
        { "receive", OFPUTIL_PC_NO_RECV, false },
        { "receive-stp", OFPUTIL_PC_NO_RECV_STP, false },
        { "forward", OFPUTIL_PC_NO_FWD, false },
        { "flood", OFPUTIL_PC_NO_FLOOD, false },
        { "packet-in", OFPUTIL_PC_NO_PACKET_IN, false },
    };
    const char *name = ctx->argv[1];
    const char *port_name = ctx->argv[2];
    const char *command = ctx->argv[3];
    struct ofputil_port_mod pm;
    size_t i;

    memset(&pm, 0, sizeof pm);
    for (i = 0; i < ARRAY_SIZE(modes); i++) {
        const char *mode = modes[i].name;
        if (!strcasecmp(command, mode)) {
            pm.mask = modes[i].bit;
            pm.config = modes[i].on ? modes[i].bit : 0;
            break;
        } else if (!strncasecmp(command, "no-", 3)
                   && !strcasecmp(command + 3, mode)) {
            pm.mask = modes[i].bit;
            pm.config = modes[i].on ? 0 : modes[i].bit;
            break;
        } else if (!strncasecmp(command, "no", 2)
                   && !strcasecmp(command + 2, mode)) {
            pm.mask = modes[i].bit;
            pm.config = modes[i].on ? 0 : modes[i].bit;
            break;
        }
    }
    if (i == ARRAY_SIZE(modes)) {
        svs_fatal(0, "unknown mod-port command '%s'", command);
    }

    struct switch_ports sp;
    fetch_ports(name, &sp);
    ofp_port_t port;
    bool found = false;
    if (ofputil_port_from_string(port_name, &port)) {
        for (i = 0; i < sp.n; i++) {
            if (sp.ports[i].port_no == port) {
                found = true;
                break;
            }
        }
    } else {
        for (i = 0; i < sp.n; i++) {
            if (!strcmp(sp.ports[i].name, port_name)) {
                found = true;
                break;
            }
        }
    }
    if (!found) {
        svs_fatal(0, "%s: couldn't find port `%s'", name, port_name);
    }
    pm.port_no = sp.ports[i].port_no;
    pm.hw_addr = sp.ports[i].hw_addr;
    switch_ports_destroy(&sp);

    struct vconn *vconn = open_vconn(name, NULL);
    transact_noreply(vconn, ofputil_encode_port_mod(&pm,
                                                    vconn_version(vconn)));
    vconn_close(vconn);
}

/* packet-out. */

/* Parses hex 'hex' into 'packet' (cleared first); exits on error with
 * 'what' naming the argument. */
static void
parse_packet_hex(const char *hex, struct ofpbuf *packet, const char *what)
{
    ofpbuf_clear(packet);
    if (ofpbuf_put_hex(packet, hex, NULL)[0] != '\0') {
        svs_fatal(0, "%s: Trailing garbage in packet data", what);
    }
    if (packet->size < ETH_HEADER_LEN) {
        svs_fatal(0, "%s: Packet data too short for Ethernet", what);
    }
}

static void
parse_packet_out_actions(const char *s, struct ofpbuf *ofpacts)
{
    uint32_t usable = UINT32_MAX;
    struct ofpact_parse_params pp = {
        .ofpacts = ofpacts,
        .usable_protocols = &usable,
    };
    char *error = ofpacts_parse_actions(s, &pp);
    if (error) {
        svs_fatal(0, "%s", error);
    }
}

static void
send_packet_outs(const char *name, const struct ofputil_packet_out *pos,
                 size_t n)
{
    struct vconn *vconn = open_vconn(name, NULL);
    for (size_t i = 0; i < n; i++) {
        transact_noreply(vconn, ofputil_encode_packet_out(
                             &pos[i], vconn_version(vconn)));
    }
    vconn_close(vconn);
}

void
ofctl_packet_out(struct svs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    struct ofpbuf ofpacts;
    struct ofpbuf packet;

    ofpbuf_init(&ofpacts, 64);
    ofpbuf_init(&packet, 64);
    if (ctx->argc == 3) {
        /* packet-out SWITCH "in_port=PORT packet=HEX actions=ACTIONS". */
        struct switch_ports sp;
        fetch_tables(name);
        fetch_ports(name, &sp);

        char *string = xstrdup(ctx->argv[2]);
        char *actions = ofp_parse_extract_actions(string);
        char *p = string, *key, *value;
        ofp_port_t in_port = OFPP_CONTROLLER;
        bool have_packet = false;

        while (ofp_parse_key_value(&p, &key, &value)) {
            if (!strcmp(key, "in_port")) {
                if (!lookup_port(&sp, value, &in_port)) {
                    svs_fatal(0, "%s is not a valid OpenFlow port", value);
                }
            } else if (!strcmp(key, "packet")) {
                parse_packet_hex(value, &packet, "packet");
                have_packet = true;
            } else {
                svs_fatal(0, "unknown keyword %s", key);
            }
        }
        if (!have_packet) {
            svs_fatal(0, "must specify packet");
        }
        if (actions) {
            char *acts = xasprintf("actions=%s", actions);
            char *translated = translate_port_names(acts, &sp);
            parse_packet_out_actions(translated + strlen("actions="),
                                     &ofpacts);
            free(translated);
            free(acts);
        }
        free(string);
        switch_ports_destroy(&sp);

        struct ofputil_packet_out po = {
            .packet = packet.data,
            .packet_len = packet.size,
            .buffer_id = UINT32_MAX,
            .ofpacts = ofpacts.data,
            .ofpacts_len = ofpacts.size,
        };
        match_init_catchall(&po.flow_metadata);
        match_set_in_port(&po.flow_metadata, in_port);
        send_packet_outs(name, &po, 1);
    } else if (ctx->argc >= 5) {
        /* packet-out SWITCH IN_PORT ACTIONS PACKET...: one packet-out per
         * packet. */
        ofp_port_t in_port;
        if (!ofputil_port_from_string(ctx->argv[2], &in_port)) {
            svs_fatal(0, "%s: invalid or unknown port for in_port",
                      ctx->argv[2]);
        }
        parse_packet_out_actions(ctx->argv[3], &ofpacts);

        size_t n = ctx->argc - 4;
        struct ofputil_packet_out *pos = xcalloc(n, sizeof *pos);
        struct ofpbuf *packets = xcalloc(n, sizeof *packets);
        for (size_t i = 0; i < n; i++) {
            ofpbuf_init(&packets[i], 64);
            parse_packet_hex(ctx->argv[4 + i], &packets[i], ctx->argv[4 + i]);
            pos[i].packet = packets[i].data;
            pos[i].packet_len = packets[i].size;
            pos[i].buffer_id = UINT32_MAX;
            pos[i].ofpacts = ofpacts.data;
            pos[i].ofpacts_len = ofpacts.size;
            match_init_catchall(&pos[i].flow_metadata);
            match_set_in_port(&pos[i].flow_metadata, in_port);
        }
        fetch_names(name, false, NULL);
        send_packet_outs(name, pos, n);
        for (size_t i = 0; i < n; i++) {
            ofpbuf_uninit(&packets[i]);
        }
        free(packets);
        free(pos);
    } else {
        svs_fatal(0, "'packet-out' command requires 2 or at least 4 "
                  "arguments");
    }
    ofpbuf_uninit(&ofpacts);
    ofpbuf_uninit(&packet);
}

/* monitor and snoop. */

/* Parses "watch:[SPEC]" into 'rq' for a connection of 'version'.  SPEC is
 * a comma-separated list of !initial, !add, !delete, !modify, !actions,
 * !own and a flow match with table=N and out_port=PORT. */
static void
parse_watch(const char *spec, enum ofp_version version,
            struct ofputil_flow_monitor_request *rq)
{
    uint16_t flags = (NXFMF_INITIAL | NXFMF_ADD | NXFMF_DELETE
                      | NXFMF_MODIFY | NXFMF_ACTIONS | NXFMF_OWN);
    struct ds match_s = DS_EMPTY_INITIALIZER;
    char *copy = xstrdup(spec);
    char *p = copy, *key, *value;

    while (ofp_parse_key_value(&p, &key, &value)) {
        static const struct {
            const char *name;
            uint16_t flag;
        } negations[] = {
            { "!initial", NXFMF_INITIAL }, { "!add", NXFMF_ADD },
            { "!delete", NXFMF_DELETE }, { "!modify", NXFMF_MODIFY },
            { "!actions", NXFMF_ACTIONS }, { "!own", NXFMF_OWN },
        };
        size_t i;

        for (i = 0; i < ARRAY_SIZE(negations); i++) {
            if (!strcmp(key, negations[i].name)) {
                flags &= ~negations[i].flag;
                break;
            }
        }
        if (i == ARRAY_SIZE(negations)) {
            if (match_s.length) {
                ds_put_char(&match_s, ',');
            }
            ds_put_cstr(&match_s, key);
            if (value[0]) {
                ds_put_format(&match_s, "=%s", value);
            }
        }
    }
    free(copy);

    struct ofputil_flow_stats_request fsr;
    enum ofputil_protocol usable;
    char *error = ofp_parse_flow_stats_request(&fsr, false,
                                               ds_cstr(&match_s), &usable);
    if (error) {
        svs_fatal(0, "%s", error);
    }
    ds_destroy(&match_s);

    memset(rq, 0, sizeof *rq);
    rq->id = 0;
    if (version >= OFP14_VERSION) {
        /* OpenFlow 1.4 has the same bits except "own". */
        rq->flags = (flags & 0x1f) | (flags & NXFMF_OWN
                                      ? OFPFMF14_ONLY_OWN : 0);
    } else {
        rq->flags = flags;
    }
    rq->command = OFPFMC14_ADD;
    rq->out_port = fsr.out_port;
    rq->out_group = OFPG_ANY;
    rq->table_id = fsr.table_id;
    rq->match = fsr.match;
}

static struct ofpbuf *
encode_flow_monitor_request(enum ofp_version version,
                            const struct ofputil_flow_monitor_request *rq)
{
    enum ofpraw raw = (version < OFP13_VERSION
                       ? OFPRAW_NXST10_FLOW_MONITOR_REQUEST
                       : version == OFP13_VERSION
                       ? OFPRAW_ONFST_FLOW_MONITOR_REQUEST
                       : OFPRAW_OFPST14_FLOW_MONITOR_REQUEST);
    struct ofpbuf *msg = ofpraw_alloc(raw, version, 0);

    ofputil_append_flow_monitor_request(rq, msg);
    ofpmsg_update_length(msg);
    return msg;
}

/* Where monitor and snoop print: standard output, except that when it is
 * a pipe the messages go to standard error, as ovs-ofctl prints them. */
static FILE *
monitor_output(void)
{
    struct stat st;

    return (!fstat(STDOUT_FILENO, &st) && S_ISFIFO(st.st_mode)
            ? stderr : stdout);
}

/* Prints every message that arrives on 'vconn' until the connection
 * closes, then exits. */
static void
monitor_loop(struct vconn *vconn)
{
    FILE *out = monitor_output();

    for (;;) {
        struct ofpbuf *msg;
        int error = vconn_recv_block(vconn, &msg);
        if (error == EOF) {
            svs_fatal(0, "%s: connection closed", vconn_get_name(vconn));
        } else if (error) {
            svs_fatal(0, "%s: receive failed (%s)", vconn_get_name(vconn),
                      svs_strerror(error));
        }
        ofp_print(out, msg->data, msg->size, verbosity + 2);
        fflush(out);
        ofpbuf_delete(msg);
    }
}

/* Asks the switch for NXT_PACKET_IN2 packet-ins, which carry the most
 * information; a switch that refuses keeps its default format. */
static void
set_packet_in_format(struct vconn *vconn)
{
    struct ofpbuf *reply;
    int error = vconn_transact_noreply(
        vconn, ofputil_encode_set_packet_in_format(vconn_version(vconn),
                                                   OFPUTIL_PACKET_IN_NXT2),
        &reply);
    if (error && error < OFPERR_OFS) {
        check_transact(vconn, error, NULL);
    }
    ofpbuf_delete(reply);
}

void
ofctl_monitor(struct svs_cmdl_context *ctx)
{
    const char *name = ctx->argv[1];
    struct vconn *vconn = open_vconn(name, NULL);
    enum ofp_version version = vconn_version(vconn);

    for (int i = 2; i < ctx->argc; i++) {
        const char *arg = ctx->argv[i];

        if (isdigit((unsigned char) arg[0])) {
            struct ofputil_switch_config config;
            int miss_send_len = atoi(arg);

            if (miss_send_len < 0 || miss_send_len > UINT16_MAX) {
                svs_fatal(0, "%s: miss-len out of range", arg);
            }
            fetch_switch_config(vconn, &config);
            config.miss_send_len = miss_send_len;
            set_switch_config(vconn, &config);
        } else if (!strcmp(arg, "invalid_ttl")) {
            struct ofputil_switch_config config;

            fetch_switch_config(vconn, &config);
            config.invalid_ttl_to_controller = 1;
            set_switch_config(vconn, &config);

            /* Check that the switch took the setting. */
            fetch_switch_config(vconn, &config);
            if (config.invalid_ttl_to_controller != 1) {
                svs_fatal(0, "setting invalid_ttl_to_controller failed (this "
                          "switch probably doesn't support this OpenFlow "
                          "1.1 feature)");
            }
        } else if (!strncmp(arg, "watch:", 6)) {
            struct ofputil_flow_monitor_request rq;
            struct svs_list replies;

            fetch_names(name, true, NULL);
            parse_watch(arg + 6, version, &rq);
            dump_multipart(vconn, encode_flow_monitor_request(version, &rq),
                           &replies);
            print_replies(&replies);
        } else {
            svs_fatal(0, "%s: unsupported \"monitor\" argument", arg);
        }
    }
    set_packet_in_format(vconn);
    monitor_loop(vconn);
}

void
ofctl_snoop(struct svs_cmdl_context *ctx)
{
    struct vconn *vconn = open_vconn__(ctx->argv[1], "snoop", NULL);

    /* The switch relays the messages of controllers of any version,
     * including their echo requests, which are not for us. */
    vconn_set_recv_any_version(vconn);
    vconn_set_pass_echo(vconn);
    monitor_loop(vconn);
}
