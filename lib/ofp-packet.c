/* ofp-packet.c: packet-in and packet-out messages (see ofp-packet.h). */
#include <config.h>
#include "ofp-packet.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "flow.h"
#include "nx-match.h"
#include "ofp-actions.h"
#include "ofp-msgs.h"
#include "ofp-port.h"
#include "ofp-print.h"
#include "ofp-prop.h"
#include "ofpbuf.h"
#include "packets.h"
#include "util.h"

#define BE64_MAX ((be64) UINT64_MAX)

/* The 2 bytes of zeros between a packet-in's match and its packet. */
#define PACKET_IN_PAD 2

/* Packet-in. */

static void
packet_in_init(struct ofputil_packet_in *pin)
{
    memset(pin, 0, sizeof *pin);
    pin->buffer_id = UINT32_MAX;
    pin->cookie = BE64_MAX;
    match_init_catchall(&pin->flow_metadata);
}

/* Pulls the 2-byte pad and takes the rest of 'b' as the packet. */
static enum ofperr
pull_packet_in_data(struct ofpbuf *b, struct ofputil_packet_in *pin)
{
    if (!ofpbuf_try_pull(b, PACKET_IN_PAD)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    pin->packet = b->data;
    pin->packet_len = b->size;
    return 0;
}

static enum ofperr
decode_nxt_packet_in2(struct ofpbuf *b, struct ofputil_packet_in *pin)
{
    bool have_packet = false;
    bool have_full_len = false;

    while (b->size > 0) {
        struct ofpbuf payload;
        uint64_t type;
        enum ofperr error = ofpprop_pull(b, &payload, &type);
        if (error) {
            return error;
        }

        switch (type) {
        case NXPINT_PACKET:
            pin->packet = payload.msg;
            pin->packet_len = payload.size;
            have_packet = true;
            break;

        case NXPINT_FULL_LEN: {
            uint32_t full_len;
            error = ofpprop_parse_u32(&payload, &full_len);
            pin->total_len = full_len;
            have_full_len = true;
            break;
        }

        case NXPINT_BUFFER_ID:
            error = ofpprop_parse_u32(&payload, &pin->buffer_id);
            break;

        case NXPINT_TABLE_ID:
            error = ofpprop_parse_u8(&payload, &pin->table_id);
            break;

        case NXPINT_COOKIE:
            error = ofpprop_parse_be64(&payload, &pin->cookie);
            break;

        case NXPINT_REASON:
            error = ofpprop_parse_u8(&payload, &pin->reason);
            break;

        case NXPINT_METADATA:
            error = oxm_decode_match(payload.msg, payload.size, false,
                                     &pin->flow_metadata);
            break;

        case NXPINT_USERDATA:
            pin->userdata = payload.msg;
            pin->userdata_len = payload.size;
            break;

        case NXPINT_CONTINUATION:
            pin->continuation = payload.msg;
            pin->continuation_len = payload.size;
            break;

        default:
            /* Unknown properties are ignored, as Open vSwitch does. */
            break;
        }
        if (error) {
            return error;
        }
    }

    if (!have_packet) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    if (!have_full_len) {
        pin->total_len = pin->packet_len;
    } else if (pin->total_len < pin->packet_len) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    return 0;
}

/* Decodes packet-in 'oh' (of any raw type) into '*pin', whose pointers
 * then point into 'oh', and stores its format in '*format' if nonnull.
 * Returns 0 or an OpenFlow error. */
enum ofperr
ofputil_decode_packet_in(const struct ofp_header *oh,
                         struct ofputil_packet_in *pin,
                         enum ofputil_packet_in_format *format)
{
    struct ofpbuf b;
    enum ofpraw raw;
    enum ofperr error;
    enum ofputil_packet_in_format fmt = OFPUTIL_PACKET_IN_STD;

    packet_in_init(pin);
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    error = ofpraw_pull(&raw, &b);
    if (error) {
        return error;
    }

    switch ((int) raw) {
    case OFPRAW_OFPT10_PACKET_IN: {
        const struct ofp10_packet_in *opi = ofpbuf_pull(&b, sizeof *opi);
        pin->buffer_id = ntohl(opi->buffer_id);
        pin->total_len = ntohs(opi->total_len);
        pin->reason = opi->reason;
        match_set_in_port(&pin->flow_metadata, ntohs(opi->in_port));
        pin->packet = b.data;
        pin->packet_len = b.size;
        break;
    }

    case OFPRAW_OFPT11_PACKET_IN: {
        const struct ofp11_packet_in *opi = ofpbuf_pull(&b, sizeof *opi);
        ofp_port_t in_port;
        error = ofputil_port_from_ofp11(opi->in_port, &in_port);
        if (error) {
            return error;
        }
        pin->buffer_id = ntohl(opi->buffer_id);
        pin->total_len = ntohs(opi->total_len);
        pin->reason = opi->reason;
        pin->table_id = opi->table_id;
        match_set_in_port(&pin->flow_metadata, in_port);
        pin->packet = b.data;
        pin->packet_len = b.size;
        break;
    }

    case OFPRAW_OFPT12_PACKET_IN:
    case OFPRAW_OFPT13_PACKET_IN: {
        const struct ofp12_packet_in *opi = ofpbuf_pull(&b, sizeof *opi);
        pin->buffer_id = ntohl(opi->buffer_id);
        pin->total_len = ntohs(opi->total_len);
        pin->reason = opi->reason;
        pin->table_id = opi->table_id;
        if (raw == OFPRAW_OFPT13_PACKET_IN) {
            const be64 *cookie = ofpbuf_pull(&b, sizeof *cookie);
            pin->cookie = *cookie;
        }
        error = oxm_pull_match_loose(&b, true, &pin->flow_metadata);
        if (error) {
            return error;
        }
        error = pull_packet_in_data(&b, pin);
        if (error) {
            return error;
        }
        break;
    }

    case OFPRAW_NXT_PACKET_IN: {
        const struct nx_packet_in *npi = ofpbuf_pull(&b, sizeof *npi);
        fmt = OFPUTIL_PACKET_IN_NXT;
        pin->buffer_id = ntohl(npi->buffer_id);
        pin->total_len = ntohs(npi->total_len);
        pin->reason = npi->reason;
        pin->table_id = npi->table_id;
        pin->cookie = npi->cookie;
        error = nx_pull_match_loose(&b, ntohs(npi->match_len),
                                    &pin->flow_metadata, NULL, NULL, true);
        if (error) {
            return error;
        }
        error = pull_packet_in_data(&b, pin);
        if (error) {
            return error;
        }
        break;
    }

    case OFPRAW_NXT_PACKET_IN2:
        fmt = OFPUTIL_PACKET_IN_NXT2;
        error = decode_nxt_packet_in2(&b, pin);
        if (error) {
            return error;
        }
        break;

    default:
        return OFPERR_OFPBRC_BAD_TYPE;
    }

    if (format) {
        *format = fmt;
    }
    return 0;
}

/* Returns the in_port of 'match' (OFPP_NONE if wildcarded). */
static ofp_port_t
metadata_in_port(const struct match *match)
{
    return match->wc.masks.in_port ? match->flow.in_port : OFPP_NONE;
}

static void
put_packet_in_data(struct ofpbuf *msg, const struct ofputil_packet_in *pin)
{
    ofpbuf_put_zeros(msg, PACKET_IN_PAD);
    ofpbuf_put(msg, pin->packet, pin->packet_len);
}

static struct ofpbuf *
encode_nxt_packet_in2(const struct ofputil_packet_in *pin,
                      enum ofp_version version)
{
    struct ofpbuf *msg = ofpraw_alloc_xid(OFPRAW_NXT_PACKET_IN2, version,
                                          0, pin->packet_len + 128);

    ofpprop_put(msg, NXPINT_PACKET, pin->packet, pin->packet_len);
    if (pin->total_len != pin->packet_len) {
        ofpprop_put_u32(msg, NXPINT_FULL_LEN, pin->total_len);
    }
    if (pin->buffer_id != UINT32_MAX) {
        ofpprop_put_u32(msg, NXPINT_BUFFER_ID, pin->buffer_id);
    }
    /* One-byte properties are 5 bytes long (then padded), as Open vSwitch
     * writes them. */
    ofpprop_put(msg, NXPINT_TABLE_ID, &pin->table_id, 1);
    if (pin->cookie != BE64_MAX) {
        ofpprop_put_u64(msg, NXPINT_COOKIE, ntohll(pin->cookie));
    }
    ofpprop_put(msg, NXPINT_REASON, &pin->reason, 1);

    size_t start = ofpprop_start(msg, NXPINT_METADATA);
    /* The metadata is OXM (OpenFlow 1.5 headers) whatever the version. */
    oxm_put_raw(msg, &pin->flow_metadata, OFP15_VERSION);
    ofpprop_end(msg, start);

    if (pin->userdata_len) {
        ofpprop_put(msg, NXPINT_USERDATA, pin->userdata, pin->userdata_len);
    }
    if (pin->continuation_len) {
        ofpprop_put(msg, NXPINT_CONTINUATION, pin->continuation,
                    pin->continuation_len);
    }
    ofpmsg_update_length(msg);
    return msg;
}

/* Encodes 'pin' as a packet-in for 'version' in 'format', with xid 0.
 * NXT_PACKET_IN2-only members (userdata, continuation) are dropped in the
 * other formats. */
struct ofpbuf *
ofputil_encode_packet_in(const struct ofputil_packet_in *pin,
                         enum ofp_version version,
                         enum ofputil_packet_in_format format)
{
    struct ofpbuf *msg;

    if (format == OFPUTIL_PACKET_IN_NXT2) {
        return encode_nxt_packet_in2(pin, version);
    } else if (format == OFPUTIL_PACKET_IN_NXT) {
        msg = ofpraw_alloc_xid(OFPRAW_NXT_PACKET_IN, version, 0,
                               pin->packet_len + 64);
        struct nx_packet_in *npi = ofpbuf_put_zeros(msg, sizeof *npi);
        npi->buffer_id = htonl(pin->buffer_id);
        npi->total_len = htons(pin->total_len);
        npi->reason = pin->reason;
        npi->table_id = pin->table_id;
        npi->cookie = pin->cookie;
        size_t ofs = msg->size;
        int match_len = nx_put_match(msg, &pin->flow_metadata, 0, 0);
        npi = ofpbuf_at_assert(msg, ofs - sizeof *npi, sizeof *npi);
        npi->match_len = htons(match_len);
        put_packet_in_data(msg, pin);
    } else if (version == OFP10_VERSION) {
        msg = ofpraw_alloc_xid(OFPRAW_OFPT10_PACKET_IN, version, 0,
                               pin->packet_len + 16);
        struct ofp10_packet_in *opi = ofpbuf_put_zeros(msg, sizeof *opi);
        opi->buffer_id = htonl(pin->buffer_id);
        opi->total_len = htons(pin->total_len);
        opi->in_port = htons(metadata_in_port(&pin->flow_metadata));
        opi->reason = pin->reason;
        ofpbuf_put(msg, pin->packet, pin->packet_len);
    } else if (version == OFP11_VERSION) {
        msg = ofpraw_alloc_xid(OFPRAW_OFPT11_PACKET_IN, version, 0,
                               pin->packet_len + 16);
        struct ofp11_packet_in *opi = ofpbuf_put_zeros(msg, sizeof *opi);
        opi->buffer_id = htonl(pin->buffer_id);
        opi->in_port = ofputil_port_to_ofp11(
            metadata_in_port(&pin->flow_metadata));
        opi->in_phy_port = opi->in_port;
        opi->total_len = htons(pin->total_len);
        opi->reason = pin->reason;
        opi->table_id = pin->table_id;
        ofpbuf_put(msg, pin->packet, pin->packet_len);
    } else {
        enum ofpraw raw = (version == OFP12_VERSION
                           ? OFPRAW_OFPT12_PACKET_IN
                           : OFPRAW_OFPT13_PACKET_IN);
        msg = ofpraw_alloc_xid(raw, version, 0, pin->packet_len + 64);
        struct ofp12_packet_in *opi = ofpbuf_put_zeros(msg, sizeof *opi);
        opi->buffer_id = htonl(pin->buffer_id);
        opi->total_len = htons(pin->total_len);
        opi->reason = pin->reason;
        opi->table_id = pin->table_id;
        if (raw == OFPRAW_OFPT13_PACKET_IN) {
            ofpbuf_put(msg, &pin->cookie, sizeof pin->cookie);
        }
        oxm_put_match(msg, &pin->flow_metadata, version);
        put_packet_in_data(msg, pin);
    }
    ofpmsg_update_length(msg);
    return msg;
}

/* Returns the name of packet-in reason 'reason' ("no_match", "action",
 * ...), or its number formatted into 'buf'. */
const char *
ofputil_packet_in_reason_to_string(uint8_t reason, char *buf, size_t bufsize)
{
    switch (reason) {
    case OFPR_NO_MATCH:
        return "no_match";
    case OFPR_ACTION:
        return "action";
    case OFPR_INVALID_TTL:
        return "invalid_ttl";
    case OFPR_ACTION_SET:
        return "action_set";
    case OFPR_GROUP:
        return "group";
    case OFPR_PACKET_OUT:
        return "packet_out";
    default:
        snprintf(buf, bufsize, "%d", reason);
        return buf;
    }
}

/* Appends colon-separated hex bytes ("01.02.03" uses dots, as ovs-ofctl's
 * userdata= does). */
static void
put_hex_arg(struct ds *s, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i) {
            ds_put_char(s, '.');
        }
        ds_put_format(s, "%02"PRIx8, p[i]);
    }
}

/* Appends the text of continuation properties 'data' ('len' bytes), the
 * parts ovs-ofctl shows: bridge, stack depth, mirrors, conntracked, table,
 * cookie.  Unparseable continuations print as hex. */
static void
format_continuation(struct ds *s, const void *data, size_t len)
{
    struct ofpbuf b;

    ofpbuf_use_const(&b, data, len);
    while (b.size > 0) {
        struct ofpbuf payload;
        uint64_t type;
        if (ofpprop_pull(&b, &payload, &type)) {
            ds_put_cstr(s, " continuation=");
            put_hex_arg(s, data, len);
            ds_put_char(s, '\n');
            return;
        }
        switch (type) {
        case NXCPT_BRIDGE:
            if (payload.size == 16) {
                const uint8_t *u = payload.msg;
                ds_put_format(s, " continuation.bridge=%02x%02x%02x%02x-"
                              "%02x%02x-%02x%02x-%02x%02x-"
                              "%02x%02x%02x%02x%02x%02x\n",
                              u[0], u[1], u[2], u[3], u[4], u[5], u[6],
                              u[7], u[8], u[9], u[10], u[11], u[12], u[13],
                              u[14], u[15]);
            }
            break;
        case NXCPT_MIRRORS: {
            uint32_t mirrors;
            if (!ofpprop_parse_u32(&payload, &mirrors)) {
                ds_put_format(s, " continuation.mirrors=0x%"PRIx32"\n",
                              mirrors);
            }
            break;
        }
        case NXCPT_CONNTRACKED:
            ds_put_cstr(s, " continuation.conntracked=true\n");
            break;
        case NXCPT_TABLE_ID: {
            uint8_t table_id;
            if (!ofpprop_parse_u8(&payload, &table_id)) {
                ds_put_format(s, " continuation.table=%"PRIu8"\n", table_id);
            }
            break;
        }
        case NXCPT_COOKIE: {
            be64 cookie;
            if (!ofpprop_parse_be64(&payload, &cookie)) {
                ds_put_format(s, " continuation.cookie=0x%"PRIx64"\n",
                              ntohll(cookie));
            }
            break;
        }
        default:
            break;
        }
    }
}

/* Appends the text of 'pin' as ovs-ofctl prints the body of a packet-in
 * (starting with a space). */
void
ofputil_packet_in_format(struct ds *s, const struct ofputil_packet_in *pin,
                         int verbosity)
{
    char buf[16];

    if (pin->table_id) {
        ds_put_format(s, " table_id=%"PRIu8, pin->table_id);
    }
    if (pin->cookie != BE64_MAX) {
        ds_put_format(s, " cookie=0x%"PRIx64, ntohll(pin->cookie));
    }
    ds_put_format(s, " total_len=%zu ", pin->total_len);
    match_format(&pin->flow_metadata, s, OFP_DEFAULT_PRIORITY);
    ds_put_format(s, " (via %s)",
                  ofputil_packet_in_reason_to_string(pin->reason, buf,
                                                     sizeof buf));
    ds_put_format(s, " data_len=%zu", pin->packet_len);
    if (pin->buffer_id == UINT32_MAX) {
        ds_put_cstr(s, " (unbuffered)");
        if (pin->total_len != pin->packet_len) {
            ds_put_cstr(s, " (***total_len != data_len***)");
        }
    } else {
        ds_put_format(s, " buffer=0x%08"PRIx32, pin->buffer_id);
        if (pin->total_len < pin->packet_len) {
            ds_put_cstr(s, " (***total_len < data_len***)");
        }
    }
    ds_put_char(s, '\n');

    if (pin->userdata_len) {
        ds_put_cstr(s, " userdata=");
        put_hex_arg(s, pin->userdata, pin->userdata_len);
        ds_put_char(s, '\n');
    }
    if (pin->continuation_len) {
        format_continuation(s, pin->continuation, pin->continuation_len);
    }

    if (verbosity > 0) {
        char *packet = ofputil_packet_to_string(
            pin->packet, pin->packet_len, pin->flow_metadata.flow.packet_type);
        ds_put_cstr(s, packet);
        free(packet);
    }
    if (verbosity > 2) {
        ds_put_hex_dump(s, pin->packet, pin->packet_len, 0, false);
    }
}

/* Packet-out. */

static enum ofperr
check_packet_out_in_port(ofp_port_t in_port)
{
    if (in_port < OFPP_MAX || in_port == OFPP_LOCAL
        || in_port == OFPP_NONE || in_port == OFPP_CONTROLLER) {
        return 0;
    }
    return OFPERR_OFPBRC_BAD_PORT;
}

/* Decodes packet-out 'oh' into '*po', storing its actions in 'ofpacts'
 * (which '*po' then points into, as it points into 'oh' for the packet).
 * Returns 0 or an OpenFlow error. */
enum ofperr
ofputil_decode_packet_out(struct ofputil_packet_out *po,
                          const struct ofp_header *oh,
                          struct ofpbuf *ofpacts)
{
    struct ofpbuf b;
    enum ofpraw raw;
    enum ofperr error;
    size_t actions_len;

    memset(po, 0, sizeof *po);
    match_init_catchall(&po->flow_metadata);
    ofpbuf_clear(ofpacts);
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    error = ofpraw_pull(&raw, &b);
    if (error) {
        return error;
    }

    if (raw == OFPRAW_OFPT10_PACKET_OUT) {
        const struct ofp10_packet_out *opo = ofpbuf_pull(&b, sizeof *opo);
        po->buffer_id = ntohl(opo->buffer_id);
        match_set_in_port(&po->flow_metadata, ntohs(opo->in_port));
        actions_len = ntohs(opo->actions_len);
    } else if (raw == OFPRAW_OFPT11_PACKET_OUT) {
        const struct ofp11_packet_out *opo = ofpbuf_pull(&b, sizeof *opo);
        ofp_port_t in_port;
        error = ofputil_port_from_ofp11(opo->in_port, &in_port);
        if (error) {
            return error;
        }
        po->buffer_id = ntohl(opo->buffer_id);
        match_set_in_port(&po->flow_metadata, in_port);
        actions_len = ntohs(opo->actions_len);
    } else if (raw == OFPRAW_OFPT15_PACKET_OUT) {
        const struct ofp15_packet_out *opo = ofpbuf_pull(&b, sizeof *opo);
        po->buffer_id = ntohl(opo->buffer_id);
        actions_len = ntohs(opo->actions_len);
        error = oxm_pull_match_loose(&b, true, &po->flow_metadata);
        if (error) {
            return error;
        }
    } else {
        return OFPERR_OFPBRC_BAD_TYPE;
    }

    /* In 1.5 a match without in_port means port 0, which is invalid. */
    error = check_packet_out_in_port(raw == OFPRAW_OFPT15_PACKET_OUT
                                     ? po->flow_metadata.flow.in_port
                                     : metadata_in_port(&po->flow_metadata));
    if (error) {
        return error;
    }
    if (actions_len > b.size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    error = ofpacts_pull_openflow_actions(&b, actions_len, oh->version,
                                          ofpacts);
    if (error) {
        return error;
    }
    po->ofpacts = ofpacts->data;
    po->ofpacts_len = ofpacts->size;

    if (po->buffer_id == UINT32_MAX) {
        po->packet = b.data;
        po->packet_len = b.size;
    }
    return 0;
}

/* Encodes 'po' as a packet-out for 'version', with xid 0. */
struct ofpbuf *
ofputil_encode_packet_out(const struct ofputil_packet_out *po,
                          enum ofp_version version)
{
    ofp_port_t in_port = metadata_in_port(&po->flow_metadata);
    struct ofpbuf *msg;

    if (version == OFP10_VERSION) {
        msg = ofpraw_alloc_xid(OFPRAW_OFPT10_PACKET_OUT, version, 0,
                               po->packet_len + 64);
        struct ofp10_packet_out *opo = ofpbuf_put_zeros(msg, sizeof *opo);
        opo->buffer_id = htonl(po->buffer_id);
        opo->in_port = htons(in_port);
    } else if (version < OFP15_VERSION) {
        msg = ofpraw_alloc_xid(OFPRAW_OFPT11_PACKET_OUT, version, 0,
                               po->packet_len + 64);
        struct ofp11_packet_out *opo = ofpbuf_put_zeros(msg, sizeof *opo);
        opo->buffer_id = htonl(po->buffer_id);
        opo->in_port = ofputil_port_to_ofp11(in_port);
    } else {
        msg = ofpraw_alloc_xid(OFPRAW_OFPT15_PACKET_OUT, version, 0,
                               po->packet_len + 64);
        struct ofp15_packet_out *opo = ofpbuf_put_zeros(msg, sizeof *opo);
        opo->buffer_id = htonl(po->buffer_id);
        oxm_put_match(msg, &po->flow_metadata, version);
    }
    size_t actions_len = ofpacts_put_openflow_actions(po->ofpacts,
                                                      po->ofpacts_len, msg,
                                                      version);
    /* Fill in actions_len, whose offset depends on the version. */
    uint8_t *body = (uint8_t *) msg->data + sizeof(struct ofp_header);
    be16 len16 = htons(actions_len);
    if (version == OFP10_VERSION) {
        memcpy(body + offsetof(struct ofp10_packet_out, actions_len),
               &len16, 2);
    } else if (version < OFP15_VERSION) {
        memcpy(body + offsetof(struct ofp11_packet_out, actions_len),
               &len16, 2);
    } else {
        memcpy(body + offsetof(struct ofp15_packet_out, actions_len),
               &len16, 2);
    }
    if (po->buffer_id == UINT32_MAX) {
        ofpbuf_put(msg, po->packet, po->packet_len);
    }
    ofpmsg_update_length(msg);
    return msg;
}

/* Appends the text of 'po' as ovs-ofctl prints the body of a packet-out
 * (starting with a space). */
void
ofputil_packet_out_format(struct ds *s, const struct ofputil_packet_out *po,
                          int verbosity)
{
    ds_put_char(s, ' ');
    match_format(&po->flow_metadata, s, OFP_DEFAULT_PRIORITY);
    ds_put_cstr(s, " actions=");
    ofpacts_format(po->ofpacts, po->ofpacts_len, s);

    if (po->buffer_id == UINT32_MAX) {
        ds_put_format(s, " data_len=%zu", po->packet_len);
        if (verbosity > 0 && po->packet_len > 0) {
            char *packet = ofputil_packet_to_string(
                po->packet, po->packet_len,
                po->flow_metadata.flow.packet_type);
            ds_put_char(s, '\n');
            ds_put_cstr(s, packet);
            free(packet);
        }
        if (verbosity > 2) {
            ds_put_hex_dump(s, po->packet, po->packet_len, 0, false);
        }
    } else {
        ds_put_format(s, " buffer=0x%08"PRIx32, po->buffer_id);
    }
}

/* Packets as text. */

/* Returns a malloc'd string describing the 'len'-byte packet at 'data' of
 * OpenFlow packet type 'packet_type', as ovs-ofctl prints packets in
 * packet-in and packet-out messages: the flow of the packet followed by the
 * TCP, UDP or SCTP checksum, and a newline. */
char *
ofputil_packet_to_string(const void *data, size_t len, be32 packet_type)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct flow md;
    struct flow flow;
    struct flow_layer_ofs ofs;

    memset(&md, 0, sizeof md);
    md.packet_type = packet_type;
    flow_extract_ofs(data, len, &md, &flow, &ofs);
    flow_format(&s, &flow);

    bool is_ip = (flow.dl_type == htons(0x0800)
                  || flow.dl_type == htons(0x86dd));
    if (is_ip && ofs.l4 != UINT16_MAX && ofs.l4 <= len) {
        const uint8_t *l4 = (const uint8_t *) data + ofs.l4;
        size_t l4_size = len - ofs.l4;

        if (flow.nw_proto == 6 && l4_size >= 20) {
            ds_put_format(&s, " tcp_csum:%"PRIx16,
                          (uint16_t) ((l4[16] << 8) | l4[17]));
        } else if (flow.nw_proto == 17 && l4_size >= 8) {
            ds_put_format(&s, " udp_csum:%"PRIx16,
                          (uint16_t) ((l4[6] << 8) | l4[7]));
        } else if (flow.nw_proto == 132 && l4_size >= 12) {
            ds_put_format(&s, " sctp_csum:%"PRIx32,
                          ((uint32_t) l4[8] << 24) | ((uint32_t) l4[9] << 16)
                          | ((uint32_t) l4[10] << 8) | l4[11]);
        } else if (flow.nw_proto == 1 && l4_size >= 8) {
            ds_put_format(&s, " icmp_csum:%"PRIx16,
                          (uint16_t) ((l4[2] << 8) | l4[3]));
        } else if (flow.nw_proto == 58 && l4_size >= 8) {
            ds_put_format(&s, " icmp6_csum:%"PRIx16,
                          (uint16_t) ((l4[2] << 8) | l4[3]));
        }
    }
    ds_put_char(&s, '\n');
    return ds_steal_cstr(&s);
}

/* Printers. */

static enum ofperr
print_packet_in(struct ds *s, const struct ofp_header *oh,
                enum ofpraw raw SVS_UNUSED, int verbosity)
{
    struct ofputil_packet_in pin;
    enum ofperr error = ofputil_decode_packet_in(oh, &pin, NULL);
    if (!error) {
        ofputil_packet_in_format(s, &pin, verbosity);
    }
    return error;
}

static enum ofperr
print_packet_out(struct ds *s, const struct ofp_header *oh,
                 enum ofpraw raw SVS_UNUSED, int verbosity)
{
    struct ofputil_packet_out po;
    struct ofpbuf ofpacts;
    enum ofperr error;

    ofpbuf_init(&ofpacts, 64);
    error = ofputil_decode_packet_out(&po, oh, &ofpacts);
    if (!error) {
        ofputil_packet_out_format(s, &po, verbosity);
    }
    ofpbuf_uninit(&ofpacts);
    return error;
}

/* Registers the packet-in and packet-out printers with ofp-print. */
void
ofputil_packet_print_register(void)
{
    ofp_print_register_default(OFPTYPE_PACKET_IN, print_packet_in);
    ofp_print_register_default(OFPTYPE_PACKET_OUT, print_packet_out);
}
