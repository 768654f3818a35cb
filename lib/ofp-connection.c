/* ofp-connection.c: controller connection messages (see
 * ofp-connection.h). */
#include <config.h>
#include "ofp-connection.h"

#include <inttypes.h>
#include <string.h>
#include "dynamic-string.h"
#include "ofp-msgs.h"
#include "ofp-print.h"
#include "ofp-prop.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_connection);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Roles. */

/* Returns the name of 'role' as ovs-ofctl prints it. */
const char *
ofputil_role_to_string(enum ofp12_controller_role role)
{
    switch (role) {
    case OFPCR12_ROLE_NOCHANGE:
        return "nochange";
    case OFPCR12_ROLE_EQUAL:
        return "equal";
    case OFPCR12_ROLE_MASTER:
        return "primary";
    case OFPCR12_ROLE_SLAVE:
        return "secondary";
    }
    return "<unknown>";
}

/* Decodes a role request or reply (OFPT_ROLE_* or NXT_ROLE_*) into 'rr'.
 * Returns OFPRRFC_BAD_ROLE for an unknown role. */
enum ofperr
ofputil_decode_role_message(const struct ofp_header *oh,
                            struct ofputil_role_request *rr)
{
    enum ofpraw raw = ofpraw_decode_assert(oh);

    memset(rr, 0, sizeof *rr);
    if (raw == OFPRAW_OFPT12_ROLE_REQUEST || raw == OFPRAW_OFPT12_ROLE_REPLY) {
        const struct ofp12_role_request *orr = ofpmsg_body(oh);
        uint32_t role = ntohl(orr->role);

        if (role > OFPCR12_ROLE_SLAVE) {
            return OFPERR_OFPRRFC_BAD_ROLE;
        }
        rr->role = role;
        rr->generation_id = ntohll(orr->generation_id);
        rr->have_generation_id = ((raw == OFPRAW_OFPT12_ROLE_REPLY
                                   || role != OFPCR12_ROLE_NOCHANGE)
                                  && rr->generation_id != UINT64_MAX);
    } else {
        const struct nx_role_request *nrr = ofpmsg_body(oh);
        uint32_t role = ntohl(nrr->role);

        switch (role) {
        case NX_ROLE_OTHER:
            rr->role = OFPCR12_ROLE_EQUAL;
            break;
        case NX_ROLE_MASTER:
            rr->role = OFPCR12_ROLE_MASTER;
            break;
        case NX_ROLE_SLAVE:
            rr->role = OFPCR12_ROLE_SLAVE;
            break;
        default:
            return OFPERR_OFPRRFC_BAD_ROLE;
        }
        rr->generation_id = UINT64_MAX;
    }
    return 0;
}

static uint32_t
role_to_nx(enum ofp12_controller_role role)
{
    return (role == OFPCR12_ROLE_MASTER ? NX_ROLE_MASTER
            : role == OFPCR12_ROLE_SLAVE ? NX_ROLE_SLAVE
            : NX_ROLE_OTHER);
}

static void
put_role(struct ofpbuf *b, enum ofpraw raw,
         const struct ofputil_role_request *rr)
{
    if (raw == OFPRAW_OFPT12_ROLE_REQUEST || raw == OFPRAW_OFPT12_ROLE_REPLY) {
        struct ofp12_role_request *orr = ofpbuf_put_zeros(b, sizeof *orr);
        orr->role = htonl(rr->role);
        orr->generation_id = htonll(rr->have_generation_id
                                    ? rr->generation_id : UINT64_MAX);
    } else {
        struct nx_role_request *nrr = ofpbuf_put_zeros(b, sizeof *nrr);
        nrr->role = htonl(role_to_nx(rr->role));
    }
    ofpmsg_update_length(b);
}

/* Returns a role request of 'version' (OFPT_ROLE_REQUEST in 1.2+,
 * NXT_ROLE_REQUEST before). */
struct ofpbuf *
ofputil_encode_role_request(enum ofp_version version,
                            const struct ofputil_role_request *rr)
{
    enum ofpraw raw = (version >= OFP12_VERSION ? OFPRAW_OFPT12_ROLE_REQUEST
                       : OFPRAW_NXT_ROLE_REQUEST);
    struct ofpbuf *b = ofpraw_alloc(raw, version, 0);
    put_role(b, raw, rr);
    return b;
}

/* Returns the reply to role request 'request' (of the same kind). */
struct ofpbuf *
ofputil_encode_role_reply(const struct ofp_header *request,
                          const struct ofputil_role_request *rr)
{
    enum ofpraw raw = ofpraw_decode_assert(request);
    enum ofpraw reply_raw = (raw == OFPRAW_OFPT12_ROLE_REQUEST
                             ? OFPRAW_OFPT12_ROLE_REPLY
                             : OFPRAW_NXT_ROLE_REPLY);
    struct ofpbuf *b = ofpraw_alloc_reply(reply_raw, request, 0);
    put_role(b, reply_raw, rr);
    return b;
}

/* Appends 'rr' as ovs-ofctl prints it. */
void
ofputil_role_request_format(struct ds *s, const struct ofputil_role_request *rr)
{
    ds_put_format(s, " role=%s", ofputil_role_to_string(rr->role));
    if (rr->have_generation_id) {
        ds_put_format(s, " generation_id=%"PRIu64, rr->generation_id);
    }
}

/* Role status. */

/* Returns the name of role-status reason 'reason'. */
const char *
ofputil_role_status_reason_to_string(enum ofp14_controller_role_reason reason)
{
    switch (reason) {
    case OFPCRR_MASTER_REQUEST:
        return "primary_request";
    case OFPCRR_CONFIG:
        return "configuration_changed";
    case OFPCRR_EXPERIMENTER:
        return "experimenter_data_changed";
    }
    return "(unknown)";
}

/* Decodes a role-status message (OFPT_ROLE_STATUS or ONFT_ROLE_STATUS).
 * Its properties, if any, are ignored (as Open vSwitch does). */
enum ofperr
ofputil_decode_role_status(const struct ofp_header *oh,
                           struct ofputil_role_status *rs)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);

    const struct ofp14_role_status *r = ofpbuf_pull(&b, sizeof *r);
    uint32_t role = ntohl(r->role);
    if (role > OFPCR12_ROLE_SLAVE) {
        return OFPERR_OFPRRFC_BAD_ROLE;
    }
    rs->role = role;
    rs->reason = r->reason;
    rs->generation_id = ntohll(r->generation_id);
    return 0;
}

/* Returns a role-status message of 'version' (ONFT_ROLE_STATUS for 1.3,
 * OFPT_ROLE_STATUS for 1.4+). */
struct ofpbuf *
ofputil_encode_role_status(const struct ofputil_role_status *rs,
                           enum ofp_version version)
{
    enum ofpraw raw = (version >= OFP14_VERSION ? OFPRAW_OFPT14_ROLE_STATUS
                       : OFPRAW_ONFT_ROLE_STATUS);
    struct ofpbuf *b = ofpraw_alloc_xid(raw, version, 0, 0);
    struct ofp14_role_status *r = ofpbuf_put_zeros(b, sizeof *r);
    r->role = htonl(rs->role);
    r->reason = rs->reason;
    r->generation_id = htonll(rs->generation_id);
    ofpmsg_update_length(b);
    return b;
}

/* Appends 'rs' as ovs-ofctl prints it. */
void
ofputil_role_status_format(struct ds *s, const struct ofputil_role_status *rs)
{
    ds_put_format(s, " role=%s", ofputil_role_to_string(rs->role));
    if (rs->generation_id != UINT64_MAX) {
        ds_put_format(s, " generation_id=%"PRIu64, rs->generation_id);
    }
    ds_put_format(s, " reason=%s",
                  ofputil_role_status_reason_to_string(rs->reason));
}

/* Asynchronous configuration. */

/* Returns the name of 'type' as ovs-ofctl prints it. */
const char *
ofputil_async_msg_type_to_string(enum ofputil_async_msg_type type)
{
    switch (type) {
    case OAM_PACKET_IN:
        return "PACKET_IN";
    case OAM_PORT_STATUS:
        return "PORT_STATUS";
    case OAM_FLOW_REMOVED:
        return "FLOW_REMOVED";
    case OAM_ROLE_STATUS:
        return "ROLE_STATUS";
    case OAM_TABLE_STATUS:
        return "TABLE_STATUS";
    case OAM_REQUESTFORWARD:
        return "REQUESTFORWARD";
    case OAM_N_TYPES:
        break;
    }
    SVS_NOT_REACHED();
}

/* Returns the reasons of 'type' that 'version' can express, as a
 * bitmap. */
static uint32_t
async_valid_reasons(enum ofputil_async_msg_type type, enum ofp_version version)
{
    bool of14 = version >= OFP14_VERSION;

    switch (type) {
    case OAM_PACKET_IN:
        return of14 ? 0x3f : 0x7;
    case OAM_PORT_STATUS:
        return 0x7;
    case OAM_FLOW_REMOVED:
        return 0x3f;
    case OAM_ROLE_STATUS:
        return of14 ? 0x7 : 0;
    case OAM_TABLE_STATUS:
        return of14 ? 0x18 : 0;
    case OAM_REQUESTFORWARD:
        return of14 ? 0x3 : 0;
    case OAM_N_TYPES:
        break;
    }
    SVS_NOT_REACHED();
}

static const char *
async_reason_to_string(enum ofputil_async_msg_type type, uint32_t bit)
{
    static const char *const packet_in[] = {
        "no_match", "action", "invalid_ttl", "action_set", "group",
        "packet_out",
    };
    static const char *const port_status[] = { "add", "delete", "modify" };
    static const char *const flow_removed[] = {
        "idle", "hard", "delete", "group_delete", "meter_delete", "eviction",
    };
    static const char *const role_status[] = {
        "primary_request", "configuration_changed",
        "experimenter_data_changed",
    };
    static const char *const table_status[] = {
        NULL, NULL, NULL, "vacancy_down", "vacancy_up",
    };
    static const char *const requestforward[] = {
        "group_mod_request", "meter_mod_request",
    };
    static const struct {
        const char *const *names;
        size_t n;
    } tables[OAM_N_TYPES] = {
        { packet_in, ARRAY_SIZE(packet_in) },
        { port_status, ARRAY_SIZE(port_status) },
        { flow_removed, ARRAY_SIZE(flow_removed) },
        { role_status, ARRAY_SIZE(role_status) },
        { table_status, ARRAY_SIZE(table_status) },
        { requestforward, ARRAY_SIZE(requestforward) },
    };

    unsigned int idx = raw_ctz(bit);
    return idx < tables[type].n ? tables[type].names[idx] : NULL;
}

/* Decodes an asynchronous configuration message (OFPT_SET_ASYNC,
 * OFPT_GET_ASYNC_REPLY, NXT_SET_ASYNC_CONFIG or NXT_SET_ASYNC_CONFIG2) into
 * 'ac'.  Message types absent from a property-based message are left 0.
 * With 'loose' (for replies), unknown properties and reasons are ignored;
 * otherwise they are rejected with OFPACFC_UNSUPPORTED,
 * OFPBPC_BAD_EXP_TYPE or OFPACFC_INVALID. */
enum ofperr
ofputil_decode_set_async_config(const struct ofp_header *oh, bool loose,
                                struct ofputil_async_cfg *ac)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    enum ofpraw raw = ofpraw_pull_assert(&b);

    memset(ac, 0, sizeof *ac);
    if (raw == OFPRAW_OFPT13_SET_ASYNC || raw == OFPRAW_OFPT13_GET_ASYNC_REPLY
        || raw == OFPRAW_NXT_SET_ASYNC_CONFIG) {
        const struct ofp13_async_config *msg = b.data;
        const be32 *masks[3] = {
            msg->packet_in_mask, msg->port_status_mask,
            msg->flow_removed_mask,
        };
        for (int t = 0; t < 3; t++) {
            uint32_t valid = async_valid_reasons(t, oh->version);
            ac->primary[t] = ntohl(masks[t][0]) & valid;
            ac->secondary[t] = ntohl(masks[t][1]) & valid;
        }
        return 0;
    }

    while (b.size > 0) {
        struct ofpbuf property;
        uint64_t type;
        enum ofperr error = ofpprop_pull(&b, &property, &type);
        if (error) {
            return error;
        }

        if (OFPPROP_IS_EXP(type)) {
            if (loose) {
                continue;
            }
            VLOG_WARN_RL(&rl, "unknown async config property type for exp_id "
                         "%#"PRIx64", exp_type %"PRIu64,
                         (type >> 32) & 0x7fffffff, type & 0xffffffff);
            return OFPERR_OFPBPC_BAD_EXP_TYPE;
        }
        if (type >= 2 * OAM_N_TYPES) {
            if (loose) {
                continue;
            }
            VLOG_WARN_RL(&rl, "unknown async config property type %"PRIu64,
                         type);
            return OFPERR_OFPACFC_UNSUPPORTED;
        }

        uint32_t mask;
        error = ofpprop_parse_u32(&property, &mask);
        if (error) {
            return error;
        }
        enum ofputil_async_msg_type t = type / 2;
        uint32_t valid = async_valid_reasons(t, OFP14_VERSION);
        if (mask & ~valid) {
            if (!loose) {
                return OFPERR_OFPACFC_INVALID;
            }
            mask &= valid;
        }
        if (type & 1) {
            ac->primary[t] = mask;
        } else {
            ac->secondary[t] = mask;
        }
    }
    return 0;
}

static void
put_async_cfg(struct ofpbuf *b, enum ofpraw raw,
              const struct ofputil_async_cfg *ac)
{
    const struct ofp_header *oh = b->header;

    if (raw == OFPRAW_OFPT13_SET_ASYNC || raw == OFPRAW_OFPT13_GET_ASYNC_REPLY
        || raw == OFPRAW_NXT_SET_ASYNC_CONFIG) {
        struct ofp13_async_config *msg = ofpbuf_put_zeros(b, sizeof *msg);
        be32 *masks[3] = {
            msg->packet_in_mask, msg->port_status_mask,
            msg->flow_removed_mask,
        };
        for (int t = 0; t < 3; t++) {
            uint32_t valid = async_valid_reasons(t, oh->version);
            masks[t][0] = htonl(ac->primary[t] & valid);
            masks[t][1] = htonl(ac->secondary[t] & valid);
        }
    } else {
        for (int t = 0; t < OAM_N_TYPES; t++) {
            uint32_t valid = async_valid_reasons(t, OFP14_VERSION);
            ofpprop_put_u32(b, 2 * t, ac->secondary[t] & valid);
            ofpprop_put_u32(b, 2 * t + 1, ac->primary[t] & valid);
        }
    }
    ofpmsg_update_length(b);
}

/* Returns the OFPT_GET_ASYNC_REPLY to 'request'. */
struct ofpbuf *
ofputil_encode_get_async_reply(const struct ofp_header *request,
                               const struct ofputil_async_cfg *ac)
{
    enum ofpraw raw = (request->version >= OFP14_VERSION
                       ? OFPRAW_OFPT14_GET_ASYNC_REPLY
                       : OFPRAW_OFPT13_GET_ASYNC_REPLY);
    struct ofpbuf *b = ofpraw_alloc_reply(raw, request, 0);
    put_async_cfg(b, raw, ac);
    return b;
}

/* Returns a message of 'version' that sets the asynchronous configuration
 * to 'ac': OFPT_SET_ASYNC in 1.3+, NXT_SET_ASYNC_CONFIG before. */
struct ofpbuf *
ofputil_encode_set_async_config(const struct ofputil_async_cfg *ac,
                                enum ofp_version version)
{
    enum ofpraw raw = (version >= OFP14_VERSION ? OFPRAW_OFPT14_SET_ASYNC
                       : version == OFP13_VERSION ? OFPRAW_OFPT13_SET_ASYNC
                       : OFPRAW_NXT_SET_ASYNC_CONFIG);
    struct ofpbuf *b = ofpraw_alloc(raw, version, 0);
    put_async_cfg(b, raw, ac);
    return b;
}

static void
put_async_role(struct ds *s, const char *role, const uint32_t *masks)
{
    ds_put_format(s, "\n %s:\n", role);
    for (int t = 0; t < OAM_N_TYPES; t++) {
        ds_put_format(s, "%16s:", ofputil_async_msg_type_to_string(t));
        uint32_t mask = masks[t];
        if (!mask) {
            ds_put_cstr(s, " (off)");
        }
        while (mask) {
            uint32_t bit = mask & -mask;
            const char *name = async_reason_to_string(t, bit);
            if (name) {
                ds_put_format(s, " %s", name);
            } else {
                ds_put_format(s, " 0x%"PRIx32, bit);
            }
            mask &= ~bit;
        }
        ds_put_char(s, '\n');
    }
}

/* Appends 'ac' as ovs-ofctl prints it. */
void
ofputil_async_cfg_format(struct ds *s, const struct ofputil_async_cfg *ac)
{
    put_async_role(s, "primary", ac->primary);
    put_async_role(s, "secondary", ac->secondary);
}

/* NXT_SET_CONTROLLER_ID. */

/* Returns the controller id in NXT_SET_CONTROLLER_ID 'oh'. */
uint16_t
ofputil_decode_set_controller_id(const struct ofp_header *oh)
{
    const struct nx_controller_id *nci = ofpmsg_body(oh);
    return ntohs(nci->controller_id);
}

/* Returns an NXT_SET_CONTROLLER_ID of 'version'. */
struct ofpbuf *
ofputil_encode_set_controller_id(enum ofp_version version, uint16_t id)
{
    struct ofpbuf *b = ofpraw_alloc(OFPRAW_NXT_SET_CONTROLLER_ID, version, 0);
    struct nx_controller_id *nci = ofpbuf_put_zeros(b, sizeof *nci);
    nci->controller_id = htons(id);
    ofpmsg_update_length(b);
    return b;
}

/* Printers. */

static enum ofperr
print_role(struct ds *s, const struct ofp_header *oh,
           enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_role_request rr;
    enum ofperr error = ofputil_decode_role_message(oh, &rr);
    if (!error) {
        ofputil_role_request_format(s, &rr);
    }
    return error;
}

static enum ofperr
print_role_status(struct ds *s, const struct ofp_header *oh,
                  enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_role_status rs;
    enum ofperr error = ofputil_decode_role_status(oh, &rs);
    if (!error) {
        ofputil_role_status_format(s, &rs);
    }
    return error;
}

static enum ofperr
print_async(struct ds *s, const struct ofp_header *oh, enum ofpraw raw,
            int verbosity SVS_UNUSED)
{
    struct ofputil_async_cfg ac;
    bool loose = (raw == OFPRAW_OFPT13_GET_ASYNC_REPLY
                  || raw == OFPRAW_OFPT14_GET_ASYNC_REPLY);
    enum ofperr error = ofputil_decode_set_async_config(oh, loose, &ac);
    if (!error) {
        ofputil_async_cfg_format(s, &ac);
    }
    return error;
}

static enum ofperr
print_set_controller_id(struct ds *s, const struct ofp_header *oh,
                        enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    ds_put_format(s, " id=%"PRIu16, ofputil_decode_set_controller_id(oh));
    return 0;
}

/* Registers the printers of this module's messages with ofp-print. */
void
ofputil_connection_print_register(void)
{
    ofp_print_register_default(OFPTYPE_ROLE_REQUEST, print_role);
    ofp_print_register_default(OFPTYPE_ROLE_REPLY, print_role);
    ofp_print_register_default(OFPTYPE_ROLE_STATUS, print_role_status);
    ofp_print_register_default(OFPTYPE_GET_ASYNC_REPLY, print_async);
    ofp_print_register_default(OFPTYPE_SET_ASYNC_CONFIG, print_async);
    ofp_print_register_default(OFPTYPE_SET_CONTROLLER_ID,
                               print_set_controller_id);
}
