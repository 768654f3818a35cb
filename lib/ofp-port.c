/* ofp-port.c: OpenFlow ports and port messages (see ofp-port.h). */
#include <config.h>
#include "ofp-port.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "dynamic-string.h"
#include "list.h"
#include "ofp-msgs.h"
#include "ofp-print.h"
#include "ofp-prop.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_port);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Port numbers. */

/* Converts the OpenFlow 1.1+ port number 'ofp11_port' to a 16-bit port in
 * '*ofp10_port'.  Returns OFPBAC_BAD_OUT_PORT for a number that has no
 * 16-bit equivalent (0xff00 through 0xfffffeff). */
enum ofperr
ofputil_port_from_ofp11(be32 ofp11_port, ofp_port_t *ofp10_port)
{
    uint32_t p = ntohl(ofp11_port);

    if (p < OFPP_MAX) {
        *ofp10_port = p;
        return 0;
    } else if (p >= OFPP11_MAX) {
        *ofp10_port = p - OFPP11_OFFSET;
        return 0;
    }
    *ofp10_port = OFPP_NONE;
    VLOG_WARN_RL(&rl, "port %"PRIu32" is outside the supported range 0 "
                 "through %d or 0x%"PRIx32" through 0x%"PRIx32, p,
                 OFPP_MAX - 1, (uint32_t) OFPP11_MAX, UINT32_MAX);
    return OFPERR_OFPBAC_BAD_OUT_PORT;
}

/* Returns the OpenFlow 1.1+ number of 16-bit port 'port'. */
be32
ofputil_port_to_ofp11(ofp_port_t port)
{
    return htonl(port < OFPP_MAX ? port : port + OFPP11_OFFSET);
}

/* Returns the name of reserved port 'port' ("LOCAL", "ANY", ...), or NULL
 * for an ordinary port number. */
const char *
ofputil_port_name(ofp_port_t port)
{
    switch (port) {
    case OFPP_IN_PORT:
        return "IN_PORT";
    case OFPP_TABLE:
        return "TABLE";
    case OFPP_NORMAL:
        return "NORMAL";
    case OFPP_FLOOD:
        return "FLOOD";
    case OFPP_ALL:
        return "ALL";
    case OFPP_CONTROLLER:
        return "CONTROLLER";
    case OFPP_LOCAL:
        return "LOCAL";
    case OFPP_NONE:
        return "ANY";
    case OFPP_UNSET:
        return "UNSET";
    }
    return NULL;
}

/* Parses 's' as a port: a reserved port name (case-insensitive; "NONE" is
 * accepted for "ANY") or a decimal number, 16-bit or, for numbers
 * 0xffffff00 and up, OpenFlow 1.1+ 32-bit.  Returns true if successful. */
bool
ofputil_port_from_string(const char *s, ofp_port_t *port)
{
    static const ofp_port_t named[] = {
        OFPP_IN_PORT, OFPP_TABLE, OFPP_NORMAL, OFPP_FLOOD, OFPP_ALL,
        OFPP_CONTROLLER, OFPP_LOCAL, OFPP_NONE, OFPP_UNSET,
    };
    unsigned int u;

    for (size_t i = 0; i < ARRAY_SIZE(named); i++) {
        if (!strcasecmp(s, ofputil_port_name(named[i]))) {
            *port = named[i];
            return true;
        }
    }
    if (!strcasecmp(s, "NONE")) {
        *port = OFPP_NONE;
        return true;
    }
    if (str_to_uint(s, 10, &u)) {
        if (u <= UINT16_MAX) {
            *port = u;
            return true;
        } else if (u >= OFPP11_MAX) {
            *port = u - OFPP11_OFFSET;
            return true;
        }
    }
    return false;
}

/* Appends 'port' as a reserved name or a decimal number. */
void
ofputil_format_port(ofp_port_t port, struct ds *s)
{
    const char *name = ofputil_port_name(port);
    if (name) {
        ds_put_cstr(s, name);
    } else {
        ds_put_format(s, "%"PRIu16, port);
    }
}

/* Stores 'port' as text in the 'bufsize' bytes at 'buf'. */
void
ofputil_port_to_string(ofp_port_t port, char *buf, size_t bufsize)
{
    const char *name = ofputil_port_name(port);
    if (name) {
        svs_strlcpy(buf, name, bufsize);
    } else {
        snprintf(buf, bufsize, "%"PRIu16, port);
    }
}

/* Port descriptions. */

/* Converts OpenFlow 1.0 features 'f' to the internal layout. */
static enum ofputil_port_features
features_from_ofp10(be32 f)
{
    uint32_t x = ntohl(f);
    return (x & 0x7f) | ((x & 0xf80) << 4);
}

static be32
features_to_ofp10(enum ofputil_port_features f)
{
    return htonl((f & 0x7f) | ((f >> 4) & 0xf80));
}

static enum ofputil_port_features
features_from_ofp11(be32 f)
{
    return ntohl(f) & 0xffff;
}

static be32
features_to_ofp11(enum ofputil_port_features f)
{
    return htonl(f & 0xffff);
}

/* Returns the speed, in kbps, of the fastest rate in 'features', or 0. */
uint32_t
ofputil_port_features_to_speed(enum ofputil_port_features features)
{
    static const struct {
        enum ofputil_port_features bits;
        uint32_t kbps;
    } speeds[] = {
        { OFPUTIL_PF_1TB_FD, 1000000000 },
        { OFPUTIL_PF_100GB_FD, 100000000 },
        { OFPUTIL_PF_40GB_FD, 40000000 },
        { OFPUTIL_PF_10GB_FD, 10000000 },
        { OFPUTIL_PF_1GB_HD | OFPUTIL_PF_1GB_FD, 1000000 },
        { OFPUTIL_PF_100MB_HD | OFPUTIL_PF_100MB_FD, 100000 },
        { OFPUTIL_PF_10MB_HD | OFPUTIL_PF_10MB_FD, 10000 },
    };

    for (size_t i = 0; i < ARRAY_SIZE(speeds); i++) {
        if (features & speeds[i].bits) {
            return speeds[i].kbps;
        }
    }
    return 0;
}

/* Copies the port name in the 'size'-byte field 'src' to 'dst' (of
 * OFP_MAX_PORT_NAME_LEN bytes), stopping at the first byte that is not
 * printable ASCII, as Open vSwitch does. */
static void
copy_port_name(char *dst, const char *src, size_t size)
{
    size_t i;
    for (i = 0; i < size && i < OFP_MAX_PORT_NAME_LEN - 1; i++) {
        unsigned char c = src[i];
        if (c < 32 || c >= 127) {
            break;
        }
        dst[i] = c;
    }
    dst[i] = '\0';
}

/* Returns the size of a port description (without properties) in
 * 'version'. */
size_t
ofputil_phy_port_size(enum ofp_version version)
{
    return (version == OFP10_VERSION ? sizeof(struct ofp10_phy_port)
            : version <= OFP13_VERSION ? sizeof(struct ofp11_port)
            : sizeof(struct ofp14_port));
}

static void
ofputil_decode_ofp10_phy_port(struct ofputil_phy_port *pp,
                              const struct ofp10_phy_port *opp)
{
    memset(pp, 0, sizeof *pp);
    pp->port_no = ntohs(opp->port_no);
    pp->hw_addr = opp->hw_addr;
    copy_port_name(pp->name, opp->name, sizeof opp->name);
    pp->config = ntohl(opp->config) & 0x7f;
    pp->state = ntohl(opp->state) & (OFPUTIL_PS_LINK_DOWN
                                     | OFPUTIL_PS_STP_MASK);
    pp->curr = features_from_ofp10(opp->curr);
    pp->advertised = features_from_ofp10(opp->advertised);
    pp->supported = features_from_ofp10(opp->supported);
    pp->peer = features_from_ofp10(opp->peer);
    pp->curr_speed = ofputil_port_features_to_speed(pp->curr);
    pp->max_speed = ofputil_port_features_to_speed(pp->supported);
}

static enum ofperr
ofputil_decode_ofp11_port(struct ofputil_phy_port *pp,
                          const struct ofp11_port *op)
{
    memset(pp, 0, sizeof *pp);
    enum ofperr error = ofputil_port_from_ofp11(op->port_no, &pp->port_no);
    if (error) {
        return error;
    }
    pp->hw_addr = op->hw_addr;
    copy_port_name(pp->name, op->name, sizeof op->name);
    pp->config = ntohl(op->config) & (OFPUTIL_PC_PORT_DOWN
                                      | OFPUTIL_PC_NO_RECV
                                      | OFPUTIL_PC_NO_FWD
                                      | OFPUTIL_PC_NO_PACKET_IN);
    pp->state = ntohl(op->state) & (OFPUTIL_PS_LINK_DOWN | OFPUTIL_PS_BLOCKED
                                    | OFPUTIL_PS_LIVE);
    pp->curr = features_from_ofp11(op->curr);
    pp->advertised = features_from_ofp11(op->advertised);
    pp->supported = features_from_ofp11(op->supported);
    pp->peer = features_from_ofp11(op->peer);
    pp->curr_speed = ntohl(op->curr_speed);
    pp->max_speed = ntohl(op->max_speed);
    return 0;
}

static enum ofperr
parse_ofp14_port_ethernet_property(const struct ofpbuf *payload,
                                   struct ofputil_phy_port *pp)
{
    const struct ofp14_port_desc_prop_ethernet *eth = payload->header;

    if (payload->size != sizeof *eth - sizeof(struct ofp_prop_header)) {
        return OFPERR_OFPBPC_BAD_LEN;
    }
    pp->curr = features_from_ofp11(eth->curr);
    pp->advertised = features_from_ofp11(eth->advertised);
    pp->supported = features_from_ofp11(eth->supported);
    pp->peer = features_from_ofp11(eth->peer);
    pp->curr_speed = ntohl(eth->curr_speed);
    pp->max_speed = ntohl(eth->max_speed);
    return 0;
}

static enum ofperr
ofputil_pull_ofp14_port(struct ofputil_phy_port *pp, struct ofpbuf *msg)
{
    const struct ofp14_port *op = msg->data;
    if (msg->size < sizeof *op) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    size_t len = ntohs(op->length);
    if (len < sizeof *op || len > msg->size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }

    struct ofpbuf properties;
    ofpbuf_use_const(&properties, ofpbuf_pull(msg, len), len);
    ofpbuf_pull(&properties, sizeof *op);

    memset(pp, 0, sizeof *pp);
    enum ofperr error = ofputil_port_from_ofp11(op->port_no, &pp->port_no);
    if (error) {
        return error;
    }
    pp->hw_addr = op->hw_addr;
    copy_port_name(pp->name, op->name, sizeof op->name);
    pp->config = ntohl(op->config) & (OFPUTIL_PC_PORT_DOWN
                                      | OFPUTIL_PC_NO_RECV
                                      | OFPUTIL_PC_NO_FWD
                                      | OFPUTIL_PC_NO_PACKET_IN);
    pp->state = ntohl(op->state) & (OFPUTIL_PS_LINK_DOWN | OFPUTIL_PS_BLOCKED
                                    | OFPUTIL_PS_LIVE);

    while (properties.size > 0) {
        struct ofpbuf payload;
        uint64_t type;

        error = ofpprop_pull(&properties, &payload, &type);
        if (error) {
            return error;
        }
        if (type == OFPPDPT14_ETHERNET) {
            error = parse_ofp14_port_ethernet_property(&payload, pp);
            if (error) {
                return error;
            }
        }
        /* Other properties (optical, experimenter) are ignored. */
    }
    return 0;
}

/* Pulls the next port description of OpenFlow 'version' off 'b' into
 * 'pp'.  Returns 0 if successful, EOF if 'b' is empty, or an OpenFlow
 * error (OFPBRC_BAD_LEN, OFPBPC_BAD_LEN, OFPBAC_BAD_OUT_PORT). */
int
ofputil_pull_phy_port(enum ofp_version version, struct ofpbuf *b,
                      struct ofputil_phy_port *pp)
{
    if (!b->size) {
        return EOF;
    }
    if (version == OFP10_VERSION) {
        const struct ofp10_phy_port *opp = ofpbuf_try_pull(b, sizeof *opp);
        if (!opp) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        ofputil_decode_ofp10_phy_port(pp, opp);
        return 0;
    } else if (version <= OFP13_VERSION) {
        const struct ofp11_port *op = ofpbuf_try_pull(b, sizeof *op);
        if (!op) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        return ofputil_decode_ofp11_port(pp, op);
    } else {
        return ofputil_pull_ofp14_port(pp, b);
    }
}

/* Appends 'pp' to 'b' as a port description of OpenFlow 'version'. */
void
ofputil_put_phy_port(enum ofp_version version,
                     const struct ofputil_phy_port *pp, struct ofpbuf *b)
{
    if (version == OFP10_VERSION) {
        struct ofp10_phy_port *opp = ofpbuf_put_zeros(b, sizeof *opp);
        opp->port_no = htons(pp->port_no);
        opp->hw_addr = pp->hw_addr;
        svs_strlcpy(opp->name, pp->name, sizeof opp->name);
        opp->config = htonl(pp->config & 0x7f);
        opp->state = htonl(pp->state & (OFPUTIL_PS_LINK_DOWN
                                        | OFPUTIL_PS_STP_MASK));
        opp->curr = features_to_ofp10(pp->curr);
        opp->advertised = features_to_ofp10(pp->advertised);
        opp->supported = features_to_ofp10(pp->supported);
        opp->peer = features_to_ofp10(pp->peer);
    } else if (version <= OFP13_VERSION) {
        struct ofp11_port *op = ofpbuf_put_zeros(b, sizeof *op);
        op->port_no = ofputil_port_to_ofp11(pp->port_no);
        op->hw_addr = pp->hw_addr;
        svs_strlcpy(op->name, pp->name, sizeof op->name);
        op->config = htonl(pp->config & 0x65);
        op->state = htonl(pp->state & 0x7);
        op->curr = features_to_ofp11(pp->curr);
        op->advertised = features_to_ofp11(pp->advertised);
        op->supported = features_to_ofp11(pp->supported);
        op->peer = features_to_ofp11(pp->peer);
        op->curr_speed = htonl(pp->curr_speed);
        op->max_speed = htonl(pp->max_speed);
    } else {
        size_t start_ofs = b->size;
        struct ofp14_port *op = ofpbuf_put_zeros(b, sizeof *op);
        op->port_no = ofputil_port_to_ofp11(pp->port_no);
        op->hw_addr = pp->hw_addr;
        svs_strlcpy(op->name, pp->name, sizeof op->name);
        op->config = htonl(pp->config & 0x65);
        op->state = htonl(pp->state & 0x7);

        struct ofp14_port_desc_prop_ethernet *eth
            = ofpbuf_put_zeros(b, sizeof *eth);
        eth->type = htons(OFPPDPT14_ETHERNET);
        eth->length = htons(sizeof *eth);
        eth->curr = features_to_ofp11(pp->curr);
        eth->advertised = features_to_ofp11(pp->advertised);
        eth->supported = features_to_ofp11(pp->supported);
        eth->peer = features_to_ofp11(pp->peer);
        eth->curr_speed = htonl(pp->curr_speed);
        eth->max_speed = htonl(pp->max_speed);

        op = ofpbuf_at_assert(b, start_ofs, sizeof *op);
        op->length = htons(b->size - start_ofs);
    }
}

/* Returns the name of port config bit 'bit', or NULL. */
const char *
ofputil_port_config_bit_name(uint32_t bit)
{
    switch (bit) {
    case OFPUTIL_PC_PORT_DOWN:
        return "PORT_DOWN";
    case OFPUTIL_PC_NO_STP:
        return "NO_STP";
    case OFPUTIL_PC_NO_RECV:
        return "NO_RECV";
    case OFPUTIL_PC_NO_RECV_STP:
        return "NO_RECV_STP";
    case OFPUTIL_PC_NO_FLOOD:
        return "NO_FLOOD";
    case OFPUTIL_PC_NO_FWD:
        return "NO_FWD";
    case OFPUTIL_PC_NO_PACKET_IN:
        return "NO_PACKET_IN";
    }
    return NULL;
}

static const char *
port_state_bit_name(uint32_t bit)
{
    switch (bit) {
    case OFPUTIL_PS_LINK_DOWN:
        return "LINK_DOWN";
    case OFPUTIL_PS_BLOCKED:
        return "BLOCKED";
    case OFPUTIL_PS_LIVE:
        return "LIVE";
    }
    return NULL;
}

/* Returns the name of port feature bit 'bit', or NULL. */
const char *
ofputil_port_features_bit_name(uint32_t bit)
{
    switch (bit) {
    case OFPUTIL_PF_10MB_HD:
        return "10MB-HD";
    case OFPUTIL_PF_10MB_FD:
        return "10MB-FD";
    case OFPUTIL_PF_100MB_HD:
        return "100MB-HD";
    case OFPUTIL_PF_100MB_FD:
        return "100MB-FD";
    case OFPUTIL_PF_1GB_HD:
        return "1GB-HD";
    case OFPUTIL_PF_1GB_FD:
        return "1GB-FD";
    case OFPUTIL_PF_10GB_FD:
        return "10GB-FD";
    case OFPUTIL_PF_40GB_FD:
        return "40GB-FD";
    case OFPUTIL_PF_100GB_FD:
        return "100GB-FD";
    case OFPUTIL_PF_1TB_FD:
        return "1TB-FD";
    case OFPUTIL_PF_OTHER:
        return "OTHER";
    case OFPUTIL_PF_COPPER:
        return "COPPER";
    case OFPUTIL_PF_FIBER:
        return "FIBER";
    case OFPUTIL_PF_AUTONEG:
        return "AUTO_NEG";
    case OFPUTIL_PF_PAUSE:
        return "AUTO_PAUSE";
    case OFPUTIL_PF_PAUSE_ASYM:
        return "AUTO_PAUSE_ASYM";
    }
    return NULL;
}

/* Appends the names of the bits in 'bits', or "0" if there are none. */
static void
put_bits_or_zero(struct ds *s, uint32_t bits,
                 const char *(*bit_to_name)(uint32_t))
{
    if (bits) {
        ofp_print_bit_names(s, bits, bit_to_name, ' ');
    } else {
        ds_put_char(s, '0');
    }
}

/* Appends 'state' as Open vSwitch prints it: the STP state (OpenFlow 1.0
 * only, omitted when "listen") immediately followed, without a space, by
 * the names of the other bits; "0" if there is nothing to print. */
static void
put_port_state(struct ds *s, enum ofputil_port_state state)
{
    enum ofputil_port_state stp = state & OFPUTIL_PS_STP_MASK;

    state &= ~OFPUTIL_PS_STP_MASK;
    if (stp) {
        ds_put_cstr(s, (stp == OFPUTIL_PS_STP_LEARN ? "STP_LEARN"
                        : stp == OFPUTIL_PS_STP_FORWARD ? "STP_FORWARD"
                        : "STP_BLOCK"));
    }
    if (state) {
        ofp_print_bit_names(s, state, port_state_bit_name, ' ');
    } else if (!stp) {
        ds_put_char(s, '0');
    }
}

static void
put_port_features(struct ds *s, const char *label,
                  enum ofputil_port_features features)
{
    if (features) {
        ds_put_format(s, "     %-12s", label);
        ofp_print_bit_names(s, features, ofputil_port_features_bit_name, ' ');
        ds_put_char(s, '\n');
    }
}

/* Appends 'pp' as ovs-ofctl prints a port: " NUM(NAME): addr:..." and
 * indented lines for its config, state, features and speed. */
void
ofputil_phy_port_format(struct ds *s, const struct ofputil_phy_port *pp)
{
    ds_put_char(s, ' ');
    ofputil_format_port(pp->port_no, s);
    ds_put_format(s, "(%s): addr:"ETH_ADDR_FMT"\n", pp->name,
                  ETH_ADDR_ARGS(pp->hw_addr));

    ds_put_cstr(s, "     config:     ");
    put_bits_or_zero(s, pp->config, ofputil_port_config_bit_name);
    ds_put_cstr(s, "\n     state:      ");
    put_port_state(s, pp->state);
    ds_put_char(s, '\n');

    put_port_features(s, "current:", pp->curr);
    put_port_features(s, "advertised:", pp->advertised);
    put_port_features(s, "supported:", pp->supported);
    put_port_features(s, "peer:", pp->peer);

    ds_put_format(s, "     speed: %"PRIu32" Mbps now, %"PRIu32" Mbps max\n",
                  pp->curr_speed / 1000, pp->max_speed / 1000);
}

static int
compare_ports(const void *a_, const void *b_)
{
    const struct ofputil_phy_port *a = a_;
    const struct ofputil_phy_port *b = b_;
    return a->port_no < b->port_no ? -1 : a->port_no > b->port_no;
}

/* Pulls every port description of 'version' off 'b' and appends them,
 * sorted by port number, as ovs-ofctl prints them.  If a port does not
 * decode, the ports before it are printed and the error is returned. */
enum ofperr
ofputil_phy_ports_format(struct ds *s, enum ofp_version version,
                         struct ofpbuf *b)
{
    struct ofputil_phy_port *ports = NULL;
    size_t n = 0, allocated = 0;
    int retval;

    for (;;) {
        struct ofputil_phy_port pp;
        retval = ofputil_pull_phy_port(version, b, &pp);
        if (retval) {
            break;
        }
        if (n >= allocated) {
            ports = x2nrealloc(ports, &allocated, sizeof *ports);
        }
        ports[n++] = pp;
    }

    if (n) {
        qsort(ports, n, sizeof *ports, compare_ports);
    }
    for (size_t i = 0; i < n; i++) {
        ofputil_phy_port_format(s, &ports[i]);
    }
    free(ports);
    return retval == EOF ? 0 : retval;
}

/* OFPT_PORT_STATUS. */

/* Decodes the port-status message 'oh' into 'ps'.  Returns
 * NXBRC_BAD_REASON for an unknown reason. */
enum ofperr
ofputil_decode_port_status(const struct ofp_header *oh,
                           struct ofputil_port_status *ps)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);

    const uint8_t *reason = ofpbuf_pull(&b, 8);
    if (*reason != OFPPR_ADD && *reason != OFPPR_DELETE
        && *reason != OFPPR_MODIFY) {
        return OFPERR_NXBRC_BAD_REASON;
    }
    ps->reason = *reason;

    int retval = ofputil_pull_phy_port(oh->version, &b, &ps->desc);
    if (retval == EOF) {
        return OFPERR_OFPBRC_BAD_LEN;
    } else if (!retval && b.size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    return retval;
}

/* Returns a port-status message of 'version' for 'ps'. */
struct ofpbuf *
ofputil_encode_port_status(const struct ofputil_port_status *ps,
                           enum ofp_version version)
{
    enum ofpraw raw = (version == OFP10_VERSION ? OFPRAW_OFPT10_PORT_STATUS
                       : version <= OFP13_VERSION
                       ? OFPRAW_OFPT11_PORT_STATUS
                       : OFPRAW_OFPT14_PORT_STATUS);
    struct ofpbuf *b = ofpraw_alloc_xid(raw, version, 0, 128);
    uint8_t *reason = ofpbuf_put_zeros(b, 8);
    *reason = ps->reason;
    ofputil_put_phy_port(version, &ps->desc, b);
    ofpmsg_update_length(b);
    return b;
}

/* Appends 'ps' as ovs-ofctl prints it (after the header). */
void
ofputil_port_status_format(struct ds *s, const struct ofputil_port_status *ps)
{
    ds_put_cstr(s, (ps->reason == OFPPR_ADD ? " ADD:"
                    : ps->reason == OFPPR_DELETE ? " DEL:"
                    : ps->reason == OFPPR_MODIFY ? " MOD:"
                    : " UNKNOWN:"));
    ofputil_phy_port_format(s, &ps->desc);
}

/* OFPT_PORT_MOD. */

/* Decodes the port-mod message 'oh' into 'pm'.  With 'loose', unknown
 * properties are ignored instead of rejected. */
enum ofperr
ofputil_decode_port_mod(const struct ofp_header *oh,
                        struct ofputil_port_mod *pm, bool loose)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    enum ofpraw raw = ofpraw_pull_assert(&b);

    memset(pm, 0, sizeof *pm);
    if (raw == OFPRAW_OFPT10_PORT_MOD) {
        const struct ofp10_port_mod *opm = b.data;
        pm->port_no = ntohs(opm->port_no);
        pm->hw_addr = opm->hw_addr;
        pm->mask = ntohl(opm->mask) & 0x7f;
        pm->config = ntohl(opm->config) & pm->mask;
        pm->advertise = features_from_ofp10(opm->advertise);
    } else if (raw == OFPRAW_OFPT11_PORT_MOD) {
        const struct ofp11_port_mod *opm = b.data;
        enum ofperr error = ofputil_port_from_ofp11(opm->port_no,
                                                    &pm->port_no);
        if (error) {
            return error;
        }
        pm->hw_addr = opm->hw_addr;
        pm->mask = ntohl(opm->mask) & 0x65;
        pm->config = ntohl(opm->config) & pm->mask;
        pm->advertise = features_from_ofp11(opm->advertise);
    } else {
        const struct ofp14_port_mod *opm = ofpbuf_pull(&b, sizeof *opm);
        enum ofperr error = ofputil_port_from_ofp11(opm->port_no,
                                                    &pm->port_no);
        if (error) {
            return error;
        }
        pm->hw_addr = opm->hw_addr;
        pm->mask = ntohl(opm->mask) & 0x65;
        pm->config = ntohl(opm->config) & pm->mask;

        while (b.size > 0) {
            struct ofpbuf property;
            uint64_t type;

            error = ofpprop_pull(&b, &property, &type);
            if (error) {
                return error;
            }
            if (type == OFPPMPT14_ETHERNET) {
                uint32_t advertise;
                error = ofpprop_parse_u32(&property, &advertise);
                if (error) {
                    return error;
                }
                pm->advertise = advertise & 0xffff;
            } else if (!loose) {
                return OFPERR_OFPBPC_BAD_TYPE;
            }
        }
    }
    return 0;
}

/* Returns a port-mod message of 'version' for 'pm'. */
struct ofpbuf *
ofputil_encode_port_mod(const struct ofputil_port_mod *pm,
                        enum ofp_version version)
{
    struct ofpbuf *b;

    if (version == OFP10_VERSION) {
        b = ofpraw_alloc(OFPRAW_OFPT10_PORT_MOD, version, 0);
        struct ofp10_port_mod *opm = ofpbuf_put_zeros(b, sizeof *opm);
        opm->port_no = htons(pm->port_no);
        opm->hw_addr = pm->hw_addr;
        opm->config = htonl(pm->config & 0x7f);
        opm->mask = htonl(pm->mask & 0x7f);
        opm->advertise = features_to_ofp10(pm->advertise);
    } else if (version <= OFP13_VERSION) {
        b = ofpraw_alloc(OFPRAW_OFPT11_PORT_MOD, version, 0);
        struct ofp11_port_mod *opm = ofpbuf_put_zeros(b, sizeof *opm);
        opm->port_no = ofputil_port_to_ofp11(pm->port_no);
        opm->hw_addr = pm->hw_addr;
        opm->config = htonl(pm->config & 0x65);
        opm->mask = htonl(pm->mask & 0x65);
        opm->advertise = features_to_ofp11(pm->advertise);
    } else {
        b = ofpraw_alloc(OFPRAW_OFPT14_PORT_MOD, version, 16);
        struct ofp14_port_mod *opm = ofpbuf_put_zeros(b, sizeof *opm);
        opm->port_no = ofputil_port_to_ofp11(pm->port_no);
        opm->hw_addr = pm->hw_addr;
        opm->config = htonl(pm->config & 0x65);
        opm->mask = htonl(pm->mask & 0x65);
        if (pm->advertise) {
            ofpprop_put_u32(b, OFPPMPT14_ETHERNET, pm->advertise);
        }
    }
    ofpmsg_update_length(b);
    return b;
}

/* Appends 'pm' as ovs-ofctl prints it (after the header). */
void
ofputil_port_mod_format(struct ds *s, const struct ofputil_port_mod *pm)
{
    ds_put_cstr(s, " port: ");
    ofputil_format_port(pm->port_no, s);
    ds_put_format(s, ": addr:"ETH_ADDR_FMT"\n", ETH_ADDR_ARGS(pm->hw_addr));
    ds_put_cstr(s, "     config: ");
    put_bits_or_zero(s, pm->config, ofputil_port_config_bit_name);
    ds_put_cstr(s, "\n     mask:   ");
    put_bits_or_zero(s, pm->mask, ofputil_port_config_bit_name);
    ds_put_cstr(s, "\n     advertise: ");
    if (pm->advertise) {
        ofp_print_bit_names(s, pm->advertise, ofputil_port_features_bit_name,
                            ' ');
    } else {
        ds_put_cstr(s, "UNCHANGED");
    }
    ds_put_char(s, '\n');
}

/* OFPST_PORT_DESC. */

/* Decodes the port-desc request 'oh': '*port' is the port it asks about
 * (OFPP_NONE, printed "ANY", for all ports). */
enum ofperr
ofputil_decode_port_desc_stats_request(const struct ofp_header *oh,
                                       ofp_port_t *port)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    enum ofpraw raw = ofpraw_pull_assert(&b);

    if (raw == OFPRAW_OFPST15_PORT_DESC_REQUEST) {
        const struct ofp11_port_stats_request *req = b.data;
        return ofputil_port_from_ofp11(req->port_no, port);
    }
    *port = OFPP_NONE;
    return 0;
}

/* Returns a port-desc request of 'version' for 'port' (OFPP_NONE: all;
 * only OpenFlow 1.5 can ask about one port). */
struct ofpbuf *
ofputil_encode_port_desc_stats_request(enum ofp_version version,
                                       ofp_port_t port)
{
    struct ofpbuf *b;

    if (version == OFP10_VERSION) {
        b = ofpraw_alloc(OFPRAW_OFPST10_PORT_DESC_REQUEST, version, 0);
    } else if (version <= OFP14_VERSION) {
        b = ofpraw_alloc(OFPRAW_OFPST11_PORT_DESC_REQUEST, version, 0);
    } else {
        b = ofpraw_alloc(OFPRAW_OFPST15_PORT_DESC_REQUEST, version, 0);
        struct ofp11_port_stats_request *req = ofpbuf_put_zeros(b,
                                                                sizeof *req);
        req->port_no = ofputil_port_to_ofp11(port);
    }
    ofpmsg_update_length(b);
    return b;
}

/* Appends 'pp' to the port-desc replies in 'replies'. */
void
ofputil_append_port_desc_stats_reply(const struct ofputil_phy_port *pp,
                                     struct svs_list *replies)
{
    struct ofpbuf *reply = CONTAINER_OF(replies->prev, struct ofpbuf,
                                        list_node);
    size_t start_ofs = reply->size;
    ofputil_put_phy_port(ofpmp_version(replies), pp, reply);
    ofpmp_postappend(replies, start_ofs);
}

/* OFPST_PORT. */

/* Decodes the port-stats request 'oh': '*port' is the port it asks about
 * (OFPP_NONE for all). */
enum ofperr
ofputil_decode_port_stats_request(const struct ofp_header *oh,
                                  ofp_port_t *port)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    enum ofpraw raw = ofpraw_pull_assert(&b);

    if (raw == OFPRAW_OFPST10_PORT_REQUEST) {
        const struct ofp10_port_stats_request *req = b.data;
        *port = ntohs(req->port_no);
        return 0;
    }
    const struct ofp11_port_stats_request *req = b.data;
    return ofputil_port_from_ofp11(req->port_no, port);
}

/* Returns a port-stats request of 'version' for 'port' (OFPP_NONE:
 * all). */
struct ofpbuf *
ofputil_encode_port_stats_request(enum ofp_version version, ofp_port_t port)
{
    struct ofpbuf *b;

    if (version == OFP10_VERSION) {
        b = ofpraw_alloc(OFPRAW_OFPST10_PORT_REQUEST, version, 0);
        struct ofp10_port_stats_request *req = ofpbuf_put_zeros(b,
                                                                sizeof *req);
        req->port_no = htons(port);
    } else {
        b = ofpraw_alloc(OFPRAW_OFPST11_PORT_REQUEST, version, 0);
        struct ofp11_port_stats_request *req = ofpbuf_put_zeros(b,
                                                                sizeof *req);
        req->port_no = ofputil_port_to_ofp11(port);
    }
    ofpmsg_update_length(b);
    return b;
}

static uint64_t
get64a(const ofp_be64_32 *x)
{
    return ntohll(get_32aligned_be64(x));
}

static void
put64a(ofp_be64_32 *x, uint64_t value)
{
    put_32aligned_be64(x, htonll(value));
}

static void
port_stats_from_ofp11(struct ofputil_port_stats *ps,
                      const struct ofp11_port_stats *o)
{
    ps->rx_packets = ntohll(o->rx_packets);
    ps->tx_packets = ntohll(o->tx_packets);
    ps->rx_bytes = ntohll(o->rx_bytes);
    ps->tx_bytes = ntohll(o->tx_bytes);
    ps->rx_dropped = ntohll(o->rx_dropped);
    ps->tx_dropped = ntohll(o->tx_dropped);
    ps->rx_errors = ntohll(o->rx_errors);
    ps->tx_errors = ntohll(o->tx_errors);
    ps->rx_frame_errors = ntohll(o->rx_frame_err);
    ps->rx_over_errors = ntohll(o->rx_over_err);
    ps->rx_crc_errors = ntohll(o->rx_crc_err);
    ps->collisions = ntohll(o->collisions);
}

static void
port_stats_to_ofp11(const struct ofputil_port_stats *ps,
                    struct ofp11_port_stats *o)
{
    o->port_no = ofputil_port_to_ofp11(ps->port_no);
    o->rx_packets = htonll(ps->rx_packets);
    o->tx_packets = htonll(ps->tx_packets);
    o->rx_bytes = htonll(ps->rx_bytes);
    o->tx_bytes = htonll(ps->tx_bytes);
    o->rx_dropped = htonll(ps->rx_dropped);
    o->tx_dropped = htonll(ps->tx_dropped);
    o->rx_errors = htonll(ps->rx_errors);
    o->tx_errors = htonll(ps->tx_errors);
    o->rx_frame_err = htonll(ps->rx_frame_errors);
    o->rx_over_err = htonll(ps->rx_over_errors);
    o->rx_crc_err = htonll(ps->rx_crc_errors);
    o->collisions = htonll(ps->collisions);
}

/* The custom statistics property of port statistics (Intel). */
#define CUSTOM_STATS_PROP OFPPROP_EXP(0x0000aa01, 2)

/* Returns the next counter of custom statistics 'b' (name and value), or
 * false at the end or if the rest is malformed ('*error' then set). */
static bool
pull_custom_counter(struct ofpbuf *b, const char **name, size_t *name_len,
                    uint64_t *value, bool *error)
{
    *error = false;
    if (!b->size) {
        return false;
    }
    const uint8_t *len = ofpbuf_try_pull(b, 1);
    *name_len = *len;
    *name = ofpbuf_try_pull(b, *name_len);
    const uint8_t *v = *name ? ofpbuf_try_pull(b, 8) : NULL;
    if (!v) {
        *error = true;
        return false;
    }
    be64 x;
    memcpy(&x, v, 8);
    *value = ntohll(x);
    return true;
}

/* Checks the payload of a custom statistics property: a 32-bit counter
 * count then that many counters (length byte, name, 64-bit value). */
static enum ofperr
check_custom_stats(const struct ofpbuf *payload)
{
    struct ofpbuf b;
    const char *name;
    size_t name_len;
    uint64_t value;
    bool error;

    ofpbuf_use_const(&b, payload->data, payload->size);
    const be32 *count = ofpbuf_try_pull(&b, 4);
    if (!count) {
        return OFPERR_OFPBPC_BAD_LEN;
    }
    uint32_t n = 0;
    while (pull_custom_counter(&b, &name, &name_len, &value, &error)) {
        n++;
    }
    return error || n != ntohl(*count) ? OFPERR_OFPBPC_BAD_LEN : 0;
}

static enum ofperr
pull_ofp14_port_stats(struct ofputil_port_stats *ps, struct ofpbuf *msg)
{
    const struct ofp14_port_stats *o = msg->data;
    if (msg->size < sizeof *o) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    size_t len = ntohs(o->length);
    if (len < sizeof *o || len > msg->size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }

    struct ofpbuf properties;
    ofpbuf_use_const(&properties, ofpbuf_pull(msg, len), len);
    ofpbuf_pull(&properties, sizeof *o);

    enum ofperr error = ofputil_port_from_ofp11(o->port_no, &ps->port_no);
    if (error) {
        return error;
    }
    ps->duration_sec = ntohl(o->duration_sec);
    ps->duration_nsec = ntohl(o->duration_nsec);
    ps->rx_packets = ntohll(o->rx_packets);
    ps->tx_packets = ntohll(o->tx_packets);
    ps->rx_bytes = ntohll(o->rx_bytes);
    ps->tx_bytes = ntohll(o->tx_bytes);
    ps->rx_dropped = ntohll(o->rx_dropped);
    ps->tx_dropped = ntohll(o->tx_dropped);
    ps->rx_errors = ntohll(o->rx_errors);
    ps->tx_errors = ntohll(o->tx_errors);
    ps->rx_frame_errors = UINT64_MAX;
    ps->rx_over_errors = UINT64_MAX;
    ps->rx_crc_errors = UINT64_MAX;
    ps->collisions = UINT64_MAX;

    while (properties.size > 0) {
        struct ofpbuf payload;
        uint64_t type;

        error = ofpprop_pull(&properties, &payload, &type);
        if (error) {
            return error;
        }
        if (type == OFPPSPT14_ETHERNET) {
            const struct ofp14_port_stats_prop_ethernet *eth
                = payload.header;
            if (payload.size != sizeof *eth - sizeof(struct ofp_prop_header)) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            ps->rx_frame_errors = ntohll(eth->rx_frame_err);
            ps->rx_over_errors = ntohll(eth->rx_over_err);
            ps->rx_crc_errors = ntohll(eth->rx_crc_err);
            ps->collisions = ntohll(eth->collisions);
        } else {
            if (type == CUSTOM_STATS_PROP) {
                error = check_custom_stats(&payload);
                if (error) {
                    return error;
                }
            }
            if (!ps->custom_stats) {
                ps->custom_stats = payload.header;
            }
            ps->custom_stats_len = ((const uint8_t *) properties.data
                                    - ps->custom_stats);
        }
        /* Other properties are ignored. */
    }
    return 0;
}

/* Pulls the next port statistics off 'msg', a port-stats reply
 * (ofpraw_pull() is applied first if msg->header is not yet set).  Returns
 * 0, EOF at the end, or an OpenFlow error. */
int
ofputil_decode_port_stats(struct ofputil_port_stats *ps, struct ofpbuf *msg)
{
    enum ofpraw raw;
    enum ofperr error;

    memset(ps, 0, sizeof *ps);
    error = (msg->header ? ofpraw_decode(&raw, msg->header)
             : ofpraw_pull(&raw, msg));
    if (error) {
        return error;
    }
    if (!msg->size) {
        return EOF;
    }

    ps->duration_sec = ps->duration_nsec = UINT32_MAX;
    if (raw == OFPRAW_OFPST10_PORT_REPLY) {
        const struct ofp10_port_stats *o = ofpbuf_try_pull(msg, sizeof *o);
        if (!o) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        ps->port_no = ntohs(o->port_no);
        ps->rx_packets = get64a(&o->rx_packets);
        ps->tx_packets = get64a(&o->tx_packets);
        ps->rx_bytes = get64a(&o->rx_bytes);
        ps->tx_bytes = get64a(&o->tx_bytes);
        ps->rx_dropped = get64a(&o->rx_dropped);
        ps->tx_dropped = get64a(&o->tx_dropped);
        ps->rx_errors = get64a(&o->rx_errors);
        ps->tx_errors = get64a(&o->tx_errors);
        ps->rx_frame_errors = get64a(&o->rx_frame_err);
        ps->rx_over_errors = get64a(&o->rx_over_err);
        ps->rx_crc_errors = get64a(&o->rx_crc_err);
        ps->collisions = get64a(&o->collisions);
        return 0;
    } else if (raw == OFPRAW_OFPST11_PORT_REPLY) {
        const struct ofp11_port_stats *o = ofpbuf_try_pull(msg, sizeof *o);
        if (!o) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        port_stats_from_ofp11(ps, o);
        return ofputil_port_from_ofp11(o->port_no, &ps->port_no);
    } else if (raw == OFPRAW_OFPST13_PORT_REPLY) {
        const struct ofp13_port_stats *o = ofpbuf_try_pull(msg, sizeof *o);
        if (!o) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        port_stats_from_ofp11(ps, &o->ps);
        ps->duration_sec = ntohl(o->duration_sec);
        ps->duration_nsec = ntohl(o->duration_nsec);
        return ofputil_port_from_ofp11(o->ps.port_no, &ps->port_no);
    } else if (raw == OFPRAW_OFPST14_PORT_REPLY) {
        return pull_ofp14_port_stats(ps, msg);
    }
    SVS_NOT_REACHED();
}

/* Appends 'ps' to the port-stats replies in 'replies'. */
void
ofputil_append_port_stat(struct svs_list *replies,
                         const struct ofputil_port_stats *ps)
{
    enum ofp_version version = ofpmp_version(replies);

    if (version == OFP10_VERSION) {
        struct ofp10_port_stats *o = ofpmp_append(replies, sizeof *o);
        memset(o, 0, sizeof *o);
        o->port_no = htons(ps->port_no);
        put64a(&o->rx_packets, ps->rx_packets);
        put64a(&o->tx_packets, ps->tx_packets);
        put64a(&o->rx_bytes, ps->rx_bytes);
        put64a(&o->tx_bytes, ps->tx_bytes);
        put64a(&o->rx_dropped, ps->rx_dropped);
        put64a(&o->tx_dropped, ps->tx_dropped);
        put64a(&o->rx_errors, ps->rx_errors);
        put64a(&o->tx_errors, ps->tx_errors);
        put64a(&o->rx_frame_err, ps->rx_frame_errors);
        put64a(&o->rx_over_err, ps->rx_over_errors);
        put64a(&o->rx_crc_err, ps->rx_crc_errors);
        put64a(&o->collisions, ps->collisions);
    } else if (version <= OFP12_VERSION) {
        struct ofp11_port_stats *o = ofpmp_append(replies, sizeof *o);
        memset(o, 0, sizeof *o);
        port_stats_to_ofp11(ps, o);
    } else if (version == OFP13_VERSION) {
        struct ofp13_port_stats *o = ofpmp_append(replies, sizeof *o);
        memset(o, 0, sizeof *o);
        port_stats_to_ofp11(ps, &o->ps);
        o->duration_sec = htonl(ps->duration_sec);
        o->duration_nsec = htonl(ps->duration_nsec);
    } else {
        size_t len = (sizeof(struct ofp14_port_stats)
                      + sizeof(struct ofp14_port_stats_prop_ethernet)
                      + ps->custom_stats_len);
        struct ofp14_port_stats *o = ofpmp_append(replies, len);
        memset(o, 0, len);
        o->length = htons(len);
        o->port_no = ofputil_port_to_ofp11(ps->port_no);
        o->duration_sec = htonl(ps->duration_sec);
        o->duration_nsec = htonl(ps->duration_nsec);
        o->rx_packets = htonll(ps->rx_packets);
        o->tx_packets = htonll(ps->tx_packets);
        o->rx_bytes = htonll(ps->rx_bytes);
        o->tx_bytes = htonll(ps->tx_bytes);
        o->rx_dropped = htonll(ps->rx_dropped);
        o->tx_dropped = htonll(ps->tx_dropped);
        o->rx_errors = htonll(ps->rx_errors);
        o->tx_errors = htonll(ps->tx_errors);

        struct ofp14_port_stats_prop_ethernet *eth = (void *) (o + 1);
        eth->type = htons(OFPPSPT14_ETHERNET);
        eth->length = htons(sizeof *eth);
        eth->rx_frame_err = htonll(ps->rx_frame_errors);
        eth->rx_over_err = htonll(ps->rx_over_errors);
        eth->rx_crc_err = htonll(ps->rx_crc_errors);
        eth->collisions = htonll(ps->collisions);
        if (ps->custom_stats_len) {
            memcpy(eth + 1, ps->custom_stats, ps->custom_stats_len);
        }
    }
}

/* Returns the number of port statistics entries in the port-stats reply
 * 'oh' (counting until the first that does not decode). */
size_t
ofputil_count_port_stats(const struct ofp_header *oh)
{
    struct ofputil_port_stats ps;
    struct ofpbuf b;
    size_t n = 0;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);
    while (!ofputil_decode_port_stats(&ps, &b)) {
        n++;
    }
    return n;
}

static void
put_stat(struct ds *s, const char *label, uint64_t value, const char *sep)
{
    ds_put_cstr(s, label);
    if (value == UINT64_MAX) {
        ds_put_char(s, '?');
    } else {
        ds_put_format(s, "%"PRIu64, value);
    }
    ds_put_cstr(s, sep);
}

/* Appends 'ps' as ovs-ofctl prints one port's statistics. */
void
ofputil_port_stats_format(struct ds *s, const struct ofputil_port_stats *ps)
{
    char port[32];

    ofputil_port_to_string(ps->port_no, port, sizeof port);
    ds_put_format(s, "  port %2s: ", port);

    put_stat(s, "rx pkts=", ps->rx_packets, ", ");
    put_stat(s, "bytes=", ps->rx_bytes, ", ");
    put_stat(s, "drop=", ps->rx_dropped, ", ");
    put_stat(s, "errs=", ps->rx_errors, ", ");
    put_stat(s, "frame=", ps->rx_frame_errors, ", ");
    put_stat(s, "over=", ps->rx_over_errors, ", ");
    put_stat(s, "crc=", ps->rx_crc_errors, "\n");

    ds_put_cstr(s, "           ");
    put_stat(s, "tx pkts=", ps->tx_packets, ", ");
    put_stat(s, "bytes=", ps->tx_bytes, ", ");
    put_stat(s, "drop=", ps->tx_dropped, ", ");
    put_stat(s, "errs=", ps->tx_errors, ", ");
    put_stat(s, "coll=", ps->collisions, "\n");

    if (ps->duration_sec != UINT32_MAX) {
        ds_put_cstr(s, "           duration=");
        ofp_print_duration(s, ps->duration_sec, ps->duration_nsec);
        ds_put_char(s, '\n');
    }

    if (ps->custom_stats_len) {
        /* Counters three to a line, each followed by a comma. */
        struct ofpbuf b;
        const char *name;
        size_t name_len;
        uint64_t value;
        bool error;

        struct ofpbuf props, payload;
        uint64_t type;

        ofpbuf_use_const(&props, ps->custom_stats, ps->custom_stats_len);
        while (props.size && !ofpprop_pull(&props, &payload, &type)) {
            if (type != CUSTOM_STATS_PROP) {
                continue;
            }
            ofpbuf_use_const(&b, payload.data, payload.size);
            ofpbuf_pull(&b, 4);
            ds_put_cstr(s, "           CUSTOM Statistics");
            for (size_t i = 0;
                 pull_custom_counter(&b, &name, &name_len, &value, &error);
                 i++) {
                ds_put_cstr(s, i % 3 ? " " : "\n                      ");
                if (name_len && name[0]) {
                    ds_put_buffer(s, name, strnlen(name, name_len));
                    ds_put_format(s, "=%"PRIu64",", value);
                }
            }
            ds_put_char(s, '\n');
        }
    }
}

/* Printers. */

static enum ofperr
print_port_status(struct ds *s, const struct ofp_header *oh,
                  enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_port_status ps;
    enum ofperr error = ofputil_decode_port_status(oh, &ps);
    if (!error) {
        ofputil_port_status_format(s, &ps);
    }
    return error;
}

static enum ofperr
print_port_mod(struct ds *s, const struct ofp_header *oh,
               enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_port_mod pm;
    enum ofperr error = ofputil_decode_port_mod(oh, &pm, true);
    if (!error) {
        ofputil_port_mod_format(s, &pm);
    }
    return error;
}

static enum ofperr
print_port_desc_request(struct ds *s, const struct ofp_header *oh,
                        enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    ofp_port_t port;
    enum ofperr error = ofputil_decode_port_desc_stats_request(oh, &port);
    if (!error) {
        ds_put_cstr(s, " port=");
        ofputil_format_port(port, s);
    }
    return error;
}

static enum ofperr
print_port_desc_reply(struct ds *s, const struct ofp_header *oh,
                      enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);
    ds_put_char(s, '\n');
    return ofputil_phy_ports_format(s, oh->version, &b);
}

static enum ofperr
print_port_stats_request(struct ds *s, const struct ofp_header *oh,
                         enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    ofp_port_t port;
    enum ofperr error = ofputil_decode_port_stats_request(oh, &port);
    if (!error) {
        ds_put_cstr(s, " port_no=");
        ofputil_format_port(port, s);
    }
    return error;
}

static enum ofperr
print_port_stats_reply(struct ds *s, const struct ofp_header *oh,
                       enum ofpraw raw SVS_UNUSED, int verbosity)
{
    ds_put_format(s, " %zu ports\n", ofputil_count_port_stats(oh));
    if (verbosity < 1) {
        return 0;
    }

    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_port_stats ps;
        int retval = ofputil_decode_port_stats(&ps, &b);
        if (retval) {
            return retval == EOF ? 0 : retval;
        }
        ofputil_port_stats_format(s, &ps);
    }
}

/* Registers the printers of this module's messages with ofp-print. */
void
ofputil_port_print_register(void)
{
    ofp_print_register_default(OFPTYPE_PORT_STATUS, print_port_status);
    ofp_print_register_default(OFPTYPE_PORT_MOD, print_port_mod);
    ofp_print_register_default(OFPTYPE_PORT_DESC_STATS_REQUEST,
                               print_port_desc_request);
    ofp_print_register_default(OFPTYPE_PORT_DESC_STATS_REPLY,
                               print_port_desc_reply);
    ofp_print_register_default(OFPTYPE_PORT_STATS_REQUEST,
                               print_port_stats_request);
    ofp_print_register_default(OFPTYPE_PORT_STATS_REPLY,
                               print_port_stats_reply);
}
