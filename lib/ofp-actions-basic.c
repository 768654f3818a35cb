/* ofp-actions-basic.c: outputs (output, group, controller, enqueue,
 * output with truncation), and the VLAN, Ethernet, IP, L4, MPLS and NSH
 * header rewrites.  Each action has its decode, encode, parse, format and
 * check functions together. */

#include <config.h>
#include "ofp-actions.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "dynamic-string.h"
#include "match.h"
#include "meta-flow.h"
#include "ofp-actions-private.h"
#include "openflow.h"
#include "packets.h"

static bool
flow_is_ip_any(const struct flow *flow)
{
    return flow->dl_type == htons(ETH_TYPE_IP)
        || flow->dl_type == htons(ETH_TYPE_IPV6);
}

static bool
flow_is_mpls(const struct flow *flow)
{
    return flow->dl_type == htons(ETH_TYPE_MPLS)
        || flow->dl_type == htons(ETH_TYPE_MPLS_MCAST);
}

static enum ofperr
check_ip_any(struct ofpact_check_params *cp)
{
    if (cp->match && !flow_is_ip_any(&cp->match->flow)) {
        return ofpact_inconsistent_match(&cp->usable_protocols);
    }
    return 0;
}

/* Decodes a 32-bit OpenFlow 1.1+ port. */
static enum ofperr
decode_port11(uint32_t port11, ofp_port_t *port)
{
    if (!mf_ofp11_port_to_ofp(port11, port)) {
        return OFPERR_OFPBAC_BAD_OUT_PORT;
    }
    return 0;
}

/* Output. */

enum ofperr
ofpact_decode_OFPAT10_OUTPUT(const void *a, size_t len SVS_UNUSED,
                             uint64_t arg SVS_UNUSED,
                             const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    struct ofpact_output *o = ofpact_put_OUTPUT(ctx->out);

    o->port = ofpact_rd16(p + 4);
    o->max_len = ofpact_rd16(p + 6);
    return ofpact_check_output_port(o->port, OFPP_MAX);
}

enum ofperr
ofpact_decode_OFPAT11_OUTPUT(const void *a, size_t len SVS_UNUSED,
                             uint64_t arg SVS_UNUSED,
                             const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    struct ofpact_output *o = ofpact_put_OUTPUT(ctx->out);
    enum ofperr error;

    o->max_len = ofpact_rd16(p + 8);
    error = decode_port11(ofpact_rd32(p + 4), &o->port);
    if (error) {
        return error;
    }
    return ofpact_check_output_port(o->port, OFPP_MAX);
}

void
ofpact_encode_OUTPUT(const struct ofpact_output *o, enum ofp_version version,
                     struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        uint8_t *p = ofpact_raw_put(out, version,
                                    OFPACT_RAW_OFPAT10_OUTPUT, 0);
        ofpact_wr16(p + 4, o->port);
        ofpact_wr16(p + 6, o->max_len);
    } else {
        uint8_t *p = ofpact_raw_put(out, version,
                                    OFPACT_RAW_OFPAT11_OUTPUT, 0);
        ofpact_wr32(p + 4, mf_ofp_port_to_ofp11(o->port));
        ofpact_wr16(p + 8, o->max_len);
    }
}

static char *parse_output_trunc(char *arg,
                                const struct ofpact_parse_params *);

char *
ofpact_parse_OUTPUT(char *arg, const struct ofpact_parse_params *pp)
{
    ofp_port_t port;

    if (strstr(arg, "port") && strstr(arg, "max_len")) {
        return parse_output_trunc(arg, pp);
    } else if (ofpact_parse_port(arg, &port)) {
        struct ofpact_output *o = ofpact_put_OUTPUT(pp->ofpacts);
        o->port = port;
        o->max_len = port == OFPP_CONTROLLER ? UINT16_MAX : 0;
        return NULL;
    } else {
        struct mf_subfield src;
        char *error = mf_parse_subfield(&src, arg);

        if (error) {
            /* Neither a port nor a field: ovs-ofctl calls it a port. */
            free(error);
            return xasprintf("%s: output to unknown port", arg);
        }
        struct ofpact_output_reg *or = ofpact_put_OUTPUT_REG(pp->ofpacts);
        or->max_len = UINT16_MAX;
        or->src = src;
        return NULL;
    }
}

void
ofpact_format_OUTPUT(const struct ofpact_output *o, struct ds *s)
{
    if (o->port < OFPP_MAX) {
        ds_put_cstr(s, "output:");
    }
    ofpact_format_port(o->port, s);
    if (o->port == OFPP_CONTROLLER) {
        ds_put_format(s, ":%u", o->max_len);
    }
}

enum ofperr
ofpact_check_OUTPUT(struct ofpact_output *o, struct ofpact_check_params *cp)
{
    return ofpact_check_output_port(o->port, cp->max_ports);
}

/* Output with truncation. */

enum ofperr
ofpact_decode_NXAST_OUTPUT_TRUNC(const void *a, size_t len SVS_UNUSED,
                                 uint64_t arg SVS_UNUSED,
                                 const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    struct ofpact_output_trunc *ot = ofpact_put_OUTPUT_TRUNC(ctx->out);

    ot->ofpact.raw = OFPACT_RAW_NXAST_OUTPUT_TRUNC;
    ot->port = ofpact_rd16(p + 10);
    ot->max_len = ofpact_rd32(p + 12);
    if (ot->max_len < ETH_HEADER_LEN) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return 0;
}

void
ofpact_encode_OUTPUT_TRUNC(const struct ofpact_output_trunc *ot,
                           enum ofp_version version, struct ofpbuf *out)
{
    uint8_t *p = ofpact_raw_put(out, version, OFPACT_RAW_NXAST_OUTPUT_TRUNC,
                                0);
    ofpact_wr16(p + 10, ot->port);
    ofpact_wr32(p + 12, ot->max_len);
}

static char *
parse_output_trunc(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_output_trunc *ot = ofpact_put_OUTPUT_TRUNC(pp->ofpacts);
    char *key, *value;

    while (ofpact_parse_key_value(&arg, &key, &value)) {
        char *error = NULL;

        if (!strcmp(key, "port")) {
            if (!ofpact_parse_port(value, &ot->port)) {
                error = xasprintf("output to unknown truncate port: %s",
                                  value);
            }
        } else if (!strcmp(key, "max_len")) {
            error = ofpact_str_to_u32(value, &ot->max_len);
            if (!error && ot->max_len < ETH_HEADER_LEN) {
                error = xasprintf("max_len %u is less than the minimum "
                                  "value %d", ot->max_len, ETH_HEADER_LEN);
            }
        } else {
            error = xasprintf("invalid key '%s' in output_trunc argument",
                              key);
        }
        if (error) {
            return error;
        }
    }
    return NULL;
}

/* "output_trunc" is the action's name but not a keyword ovs-ofctl accepts
 * (it is written "output(port=N,max_len=M)"): reject it as ovs-ofctl
 * does, naming its argument. */
char *
ofpact_parse_OUTPUT_TRUNC(char *arg,
                          const struct ofpact_parse_params *pp SVS_UNUSED)
{
    return xasprintf("unknown action %s", arg);
}

void
ofpact_format_OUTPUT_TRUNC(const struct ofpact_output_trunc *ot,
                           struct ds *s)
{
    ds_put_cstr(s, "output(port=");
    ofpact_format_port(ot->port, s);
    ds_put_format(s, ",max_len=%u)", ot->max_len);
}

enum ofperr
ofpact_check_OUTPUT_TRUNC(struct ofpact_output_trunc *ot,
                          struct ofpact_check_params *cp)
{
    return ofpact_check_output_port(ot->port, cp->max_ports);
}

/* Group. */

enum ofperr
ofpact_decode_NXAST_GROUP(const void *a SVS_UNUSED, size_t len SVS_UNUSED,
                          uint64_t arg, const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_GROUP(ctx->out)->group_id = arg;
    return 0;
}

enum ofperr
ofpact_decode_OFPAT11_GROUP(const void *a SVS_UNUSED, size_t len SVS_UNUSED,
                            uint64_t arg,
                            const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_GROUP(ctx->out)->group_id = arg;
    return 0;
}

void
ofpact_encode_GROUP(const struct ofpact_group *g, enum ofp_version version,
                    struct ofpbuf *out)
{
    ofpact_raw_put(out, version, version == OFP10_VERSION
                   ? OFPACT_RAW_NXAST_GROUP : OFPACT_RAW_OFPAT11_GROUP,
                   g->group_id);
}

char *
ofpact_parse_GROUP(char *arg, const struct ofpact_parse_params *pp)
{
    return ofpact_str_to_u32(arg, &ofpact_put_GROUP(pp->ofpacts)->group_id);
}

void
ofpact_format_GROUP(const struct ofpact_group *g, struct ds *s)
{
    ds_put_format(s, "group:%u", g->group_id);
}

enum ofperr
ofpact_check_GROUP(struct ofpact_group *g SVS_UNUSED,
                   struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* Controller. */

static const char *const packet_in_reasons[] = {
    "no_match", "action", "invalid_ttl", "action_set", "group",
    "packet_out",
};

enum ofperr
ofpact_decode_NXAST_CONTROLLER(const void *a, size_t len SVS_UNUSED,
                               uint64_t arg SVS_UNUSED,
                               const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    struct ofpact_controller *c = ofpact_put_CONTROLLER(ctx->out);

    c->ofpact.raw = OFPACT_RAW_NXAST_CONTROLLER;
    c->max_len = ofpact_rd16(p + 10);
    c->controller_id = ofpact_rd16(p + 12);
    c->reason = p[14];
    c->meter_id = NX_CTLR_NO_METER;
    return 0;
}

/* NXAST_CONTROLLER2 properties. */
enum {
    NXAC2PT_MAX_LEN,
    NXAC2PT_CONTROLLER_ID,
    NXAC2PT_REASON,
    NXAC2PT_USERDATA,
    NXAC2PT_PAUSE,
    NXAC2PT_METER_ID,
};

enum ofperr
ofpact_decode_NXAST_CONTROLLER2(const void *a, size_t len,
                                uint64_t arg SVS_UNUSED,
                                const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = (const uint8_t *) a + 16;
    size_t left = len - 16;
    size_t start = ctx->out->size;
    struct ofpact_controller *c = ofpact_put_CONTROLLER(ctx->out);

    c->ofpact.raw = OFPACT_RAW_NXAST_CONTROLLER2;
    c->max_len = UINT16_MAX;
    c->reason = OFPR_ACTION;
    c->meter_id = NX_CTLR_NO_METER;

    while (left) {
        uint16_t type, plen;
        size_t padded;

        if (left < 4) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        type = ofpact_rd16(p);
        plen = ofpact_rd16(p + 2);
        padded = ROUND_UP(plen, 8);
        if (plen < 4 || padded > left) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        c = ofpbuf_at_assert(ctx->out, start, sizeof *c);
        switch (type) {
        case NXAC2PT_MAX_LEN:
            if (plen != 6 && plen != 8) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            c->max_len = ofpact_rd16(p + 4);
            break;
        case NXAC2PT_CONTROLLER_ID:
            if (plen != 6 && plen != 8) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            c->controller_id = ofpact_rd16(p + 4);
            break;
        case NXAC2PT_REASON:
            if (plen != 5) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            c->reason = p[4];
            break;
        case NXAC2PT_USERDATA:
            c->userdata_len = plen - 4;
            ofpbuf_put(ctx->out, p + 4, plen - 4);
            break;
        case NXAC2PT_PAUSE:
            c->pause = true;
            break;
        case NXAC2PT_METER_ID:
            if (plen != 8) {
                return OFPERR_OFPBPC_BAD_LEN;
            }
            c->meter_id = ofpact_rd32(p + 4);
            break;
        default:
            return OFPERR_OFPBPC_BAD_TYPE;
        }
        p += padded;
        left -= padded;
    }
    c = ofpbuf_at_assert(ctx->out, start, sizeof *c);
    ofpact_finish_CONTROLLER(ctx->out, &c);
    return 0;
}

static void
put_prop(struct ofpbuf *out, uint16_t type, const void *data, size_t len)
{
    uint8_t *p = ofpbuf_put_zeros(out, ROUND_UP(4 + len, 8));
    ofpact_wr16(p, type);
    ofpact_wr16(p + 2, 4 + len);
    if (len) {                  /* 'data' may be NULL then. */
        memcpy(p + 4, data, len);
    }
}

static void
put_prop_u16(struct ofpbuf *out, uint16_t type, uint16_t x)
{
    /* A 16-bit property carries 2 bytes of padding in its length. */
    uint8_t v[4] = { x >> 8, x, 0, 0 };
    put_prop(out, type, v, 4);
}

void
ofpact_encode_CONTROLLER(const struct ofpact_controller *c,
                         enum ofp_version version, struct ofpbuf *out)
{
    if (!c->userdata_len && !c->pause && c->meter_id == NX_CTLR_NO_METER
        && c->ofpact.raw != OFPACT_RAW_NXAST_CONTROLLER2) {
        uint8_t *p = ofpact_raw_put(out, version,
                                    OFPACT_RAW_NXAST_CONTROLLER, 0);
        ofpact_wr16(p + 10, c->max_len);
        ofpact_wr16(p + 12, c->controller_id);
        p[14] = c->reason;
    } else {
        size_t start = out->size;

        ofpact_raw_put(out, version, OFPACT_RAW_NXAST_CONTROLLER2, 0);
        if (c->max_len != UINT16_MAX) {
            put_prop_u16(out, NXAC2PT_MAX_LEN, c->max_len);
        }
        if (c->controller_id) {
            put_prop_u16(out, NXAC2PT_CONTROLLER_ID, c->controller_id);
        }
        if (c->reason != OFPR_ACTION) {
            put_prop(out, NXAC2PT_REASON, &c->reason, 1);
        }
        if (c->userdata_len) {
            put_prop(out, NXAC2PT_USERDATA, c->userdata, c->userdata_len);
        }
        if (c->pause) {
            put_prop(out, NXAC2PT_PAUSE, NULL, 0);
        }
        if (c->meter_id != NX_CTLR_NO_METER) {
            uint8_t v[4];
            ofpact_wr32(v, c->meter_id);
            put_prop(out, NXAC2PT_METER_ID, v, 4);
        }
        ofpact_raw_finish(out, start);
    }
}

static bool
reason_from_string(const char *s, uint8_t *reason)
{
    for (size_t i = 0; i < ARRAY_SIZE(packet_in_reasons); i++) {
        if (!strcasecmp(s, packet_in_reasons[i])) {
            *reason = i;
            return true;
        }
    }
    return false;
}

char *
ofpact_parse_hex_bytes(const char *s, struct ofpbuf *b, const char *what)
{
    while (*s) {
        int hi, lo;

        if (*s == '.') {
            s++;
            continue;
        }
        hi = s[0] ? (s[0] >= '0' && s[0] <= '9' ? s[0] - '0'
                     : (s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'f'
                     ? (s[0] | 0x20) - 'a' + 10 : -1) : -1;
        lo = hi >= 0 && s[1] ? (s[1] >= '0' && s[1] <= '9' ? s[1] - '0'
                                : (s[1] | 0x20) >= 'a'
                                && (s[1] | 0x20) <= 'f'
                                ? (s[1] | 0x20) - 'a' + 10 : -1) : -1;
        if (hi < 0 || lo < 0) {
            return xasprintf("bad hex digit in `%s' argument", what);
        }
        uint8_t byte = hi * 16 + lo;
        ofpbuf_put(b, &byte, 1);
        s += 2;
    }
    return NULL;
}

void
ofpact_format_hex_bytes(const uint8_t *data, size_t len, struct ds *s)
{
    for (size_t i = 0; i < len; i++) {
        if (i) {
            ds_put_char(s, '.');
        }
        ds_put_format(s, "%02x", data[i]);
    }
}

char *
ofpact_parse_CONTROLLER(char *arg, const struct ofpact_parse_params *pp)
{
    uint8_t reason = OFPR_ACTION;
    uint16_t controller_id = 0;
    uint16_t max_len = UINT16_MAX;
    uint32_t meter_id = NX_CTLR_NO_METER;
    bool pause = false;
    struct ofpbuf userdata;
    char *error = NULL;

    ofpbuf_init(&userdata, 0);
    if (!arg[0]) {
        /* Defaults. */
    } else if (!strchr(arg, '=') && !strchr(arg, ',')
               && strcmp(arg, "pause")) {
        error = ofpact_str_to_u16(arg, "max_len", &max_len);
    } else {
        char *key, *value;

        while (!error && ofpact_parse_key_value(&arg, &key, &value)) {
            if (!strcmp(key, "reason")) {
                if (!reason_from_string(value, &reason)) {
                    error = xasprintf("unknown reason \"%s\"", value);
                }
            } else if (!strcmp(key, "max_len")) {
                error = ofpact_str_to_u16(value, "max_len", &max_len);
            } else if (!strcmp(key, "id")) {
                error = ofpact_str_to_u16(value, "id", &controller_id);
            } else if (!strcmp(key, "userdata")) {
                error = ofpact_parse_hex_bytes(value, &userdata, "userdata");
            } else if (!strcmp(key, "pause")) {
                pause = true;
            } else if (!strcmp(key, "meter_id")) {
                error = ofpact_str_to_u32(value, &meter_id);
            } else {
                error = xasprintf("invalid key '%s' in 'controller' "
                                  "argument", key);
            }
        }
    }

    if (!error) {
        if (reason == OFPR_ACTION && !controller_id && !userdata.size
            && !pause && meter_id == NX_CTLR_NO_METER) {
            struct ofpact_output *o = ofpact_put_OUTPUT(pp->ofpacts);
            o->port = OFPP_CONTROLLER;
            o->max_len = max_len;
        } else {
            struct ofpact_controller *c = ofpact_put_CONTROLLER(pp->ofpacts);
            c->max_len = max_len;
            c->reason = reason;
            c->controller_id = controller_id;
            c->pause = pause;
            c->meter_id = meter_id;
            if (userdata.size) {
                c->userdata_len = userdata.size;
                ofpbuf_put(pp->ofpacts, userdata.data, userdata.size);
                c = pp->ofpacts->header;    /* The put may have moved it. */
                ofpact_finish_CONTROLLER(pp->ofpacts, &c);
            }
        }
    }
    ofpbuf_uninit(&userdata);
    return error;
}

void
ofpact_format_CONTROLLER(const struct ofpact_controller *c, struct ds *s)
{
    if (c->reason == OFPR_ACTION && !c->controller_id && !c->userdata_len
        && !c->pause && c->meter_id == NX_CTLR_NO_METER) {
        ds_put_format(s, "CONTROLLER:%u", c->max_len);
        return;
    }
    ds_put_cstr(s, "controller(");
    if (c->reason != OFPR_ACTION) {
        if (c->reason < ARRAY_SIZE(packet_in_reasons)) {
            ds_put_format(s, "reason=%s,", packet_in_reasons[c->reason]);
        } else {
            ds_put_format(s, "reason=%u,", c->reason);
        }
    }
    if (c->max_len != UINT16_MAX) {
        ds_put_format(s, "max_len=%u,", c->max_len);
    }
    if (c->controller_id) {
        ds_put_format(s, "id=%u,", c->controller_id);
    }
    if (c->userdata_len) {
        ds_put_cstr(s, "userdata=");
        ofpact_format_hex_bytes(c->userdata, c->userdata_len, s);
        ds_put_char(s, ',');
    }
    if (c->pause) {
        ds_put_cstr(s, "pause,");
    }
    if (c->meter_id != NX_CTLR_NO_METER) {
        ds_put_format(s, "meter_id=%u,", c->meter_id);
    }
    ds_chomp(s, ',');
    ds_put_char(s, ')');
}

enum ofperr
ofpact_check_CONTROLLER(struct ofpact_controller *c SVS_UNUSED,
                        struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* Enqueue (OpenFlow 1.0). */

enum ofperr
ofpact_decode_OFPAT10_ENQUEUE(const void *a, size_t len SVS_UNUSED,
                              uint64_t arg SVS_UNUSED,
                              const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    struct ofpact_enqueue *e = ofpact_put_ENQUEUE(ctx->out);

    e->port = ofpact_rd16(p + 4);
    e->queue = ofpact_rd32(p + 12);
    if (e->port >= OFPP_MAX && e->port != OFPP_IN_PORT
        && e->port != OFPP_LOCAL) {
        return OFPERR_OFPBAC_BAD_OUT_PORT;
    }
    return 0;
}

void
ofpact_encode_ENQUEUE(const struct ofpact_enqueue *e,
                      enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        uint8_t *p = ofpact_raw_put(out, version,
                                    OFPACT_RAW_OFPAT10_ENQUEUE, 0);
        ofpact_wr16(p + 4, e->port);
        ofpact_wr32(p + 12, e->queue);
    } else {
        struct ofpact_queue q = { .queue_id = e->queue };
        struct ofpact_output o = { .port = e->port, .max_len = UINT16_MAX };

        ofpact_encode_SET_QUEUE(&q, version, out);
        ofpact_encode_OUTPUT(&o, version, out);
        ofpact_raw_put(out, version, OFPACT_RAW_NXAST_POP_QUEUE, 0);
    }
}

char *
ofpact_parse_ENQUEUE(char *arg, const struct ofpact_parse_params *pp)
{
    char *sp = NULL;
    char *port = strtok_r(arg, ":q,", &sp);
    char *queue = strtok_r(NULL, "", &sp);
    struct ofpact_enqueue *e;

    if (!port || !queue) {
        return xstrdup("\"enqueue\" syntax is \"enqueue:PORT:QUEUE\" or "
                       "\"enqueue(PORT,QUEUE)\"");
    }
    e = ofpact_put_ENQUEUE(pp->ofpacts);
    if (!ofpact_parse_port(port, &e->port)) {
        return xasprintf("%s: enqueue to unknown port", port);
    }
    return ofpact_str_to_u32(queue, &e->queue);
}

void
ofpact_format_ENQUEUE(const struct ofpact_enqueue *e, struct ds *s)
{
    ds_put_cstr(s, "enqueue:");
    ofpact_format_port(e->port, s);
    ds_put_format(s, ":%u", e->queue);
}

enum ofperr
ofpact_check_ENQUEUE(struct ofpact_enqueue *e,
                     struct ofpact_check_params *cp)
{
    if (e->port >= cp->max_ports && e->port != OFPP_IN_PORT
        && e->port != OFPP_LOCAL) {
        return OFPERR_OFPBAC_BAD_OUT_PORT;
    }
    return 0;
}

/* VLAN VID and PCP. */

static enum ofperr
decode_set_vlan_vid(uint16_t vid, bool push, enum ofpact_raw raw,
                    struct ofpbuf *out)
{
    struct ofpact_vlan_vid *v;

    if (vid & ~VLAN_VID_MASK) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    v = ofpact_put_SET_VLAN_VID(out);
    v->ofpact.raw = raw;
    v->vlan_vid = vid;
    v->push_vlan_if_needed = push;
    return 0;
}

enum ofperr
ofpact_decode_OFPAT10_SET_VLAN_VID(const void *a SVS_UNUSED,
                                   size_t len SVS_UNUSED, uint64_t arg,
                                   const struct ofpact_decode_ctx *ctx)
{
    return decode_set_vlan_vid(arg, true, OFPACT_RAW_OFPAT10_SET_VLAN_VID,
                               ctx->out);
}

enum ofperr
ofpact_decode_OFPAT11_SET_VLAN_VID(const void *a SVS_UNUSED,
                                   size_t len SVS_UNUSED, uint64_t arg,
                                   const struct ofpact_decode_ctx *ctx)
{
    return decode_set_vlan_vid(arg, false, OFPACT_RAW_OFPAT11_SET_VLAN_VID,
                               ctx->out);
}

void
ofpact_encode_SET_VLAN_VID(const struct ofpact_vlan_vid *v,
                           enum ofp_version version, struct ofpbuf *out)
{
    if (version > OFP10_VERSION && v->push_vlan_if_needed
        && !v->flow_has_vlan) {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT11_PUSH_VLAN,
                       ETH_TYPE_VLAN_8021Q);
    }
    if (version == OFP10_VERSION) {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT10_SET_VLAN_VID,
                       v->vlan_vid);
    } else if (version == OFP11_VERSION) {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT11_SET_VLAN_VID,
                       v->vlan_vid);
    } else {
        ofpact_put_set_field_action(out, version, MFF_VLAN_VID,
                                    v->vlan_vid | OFPVID12_PRESENT);
    }
}

static char *
parse_set_vlan_vid(char *arg, bool push, const struct ofpact_parse_params *pp)
{
    uint16_t vid;
    char *error = ofpact_str_to_u16(arg, "VLAN VID", &vid);
    struct ofpact_vlan_vid *v;

    if (error) {
        return error;
    }
    if (vid & ~VLAN_VID_MASK) {
        return xasprintf("%s: not a valid VLAN VID", arg);
    }
    v = ofpact_put_SET_VLAN_VID(pp->ofpacts);
    v->vlan_vid = vid;
    v->push_vlan_if_needed = push;
    return NULL;
}

char *
ofpact_parse_SET_VLAN_VID(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_set_vlan_vid(arg, false, pp);
}

char *
ofpact_parse_mod_vlan_vid(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_set_vlan_vid(arg, true, pp);
}

void
ofpact_format_SET_VLAN_VID(const struct ofpact_vlan_vid *v, struct ds *s)
{
    ds_put_format(s, "%s:%u",
                  v->push_vlan_if_needed ? "mod_vlan_vid" : "set_vlan_vid",
                  v->vlan_vid);
}

enum ofperr
ofpact_check_SET_VLAN_VID(struct ofpact_vlan_vid *v,
                          struct ofpact_check_params *cp)
{
    if (!cp->match) {
        return 0;
    }
    be16 *tci = &cp->match->flow.vlans[0].tci;
    v->flow_has_vlan = (*tci & htons(VLAN_CFI)) != 0;
    if (!v->flow_has_vlan && !v->push_vlan_if_needed) {
        enum ofperr error = ofpact_inconsistent_match(&cp->usable_protocols);
        if (error) {
            return error;
        }
    }
    *tci |= htons(VLAN_CFI);
    return 0;
}

static enum ofperr
decode_set_vlan_pcp(uint8_t pcp, bool push, enum ofpact_raw raw,
                    struct ofpbuf *out)
{
    struct ofpact_vlan_pcp *v;

    if (pcp & ~7) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    v = ofpact_put_SET_VLAN_PCP(out);
    v->ofpact.raw = raw;
    v->vlan_pcp = pcp;
    v->push_vlan_if_needed = push;
    return 0;
}

enum ofperr
ofpact_decode_OFPAT10_SET_VLAN_PCP(const void *a SVS_UNUSED,
                                   size_t len SVS_UNUSED, uint64_t arg,
                                   const struct ofpact_decode_ctx *ctx)
{
    return decode_set_vlan_pcp(arg, true, OFPACT_RAW_OFPAT10_SET_VLAN_PCP,
                               ctx->out);
}

enum ofperr
ofpact_decode_OFPAT11_SET_VLAN_PCP(const void *a SVS_UNUSED,
                                   size_t len SVS_UNUSED, uint64_t arg,
                                   const struct ofpact_decode_ctx *ctx)
{
    return decode_set_vlan_pcp(arg, false, OFPACT_RAW_OFPAT11_SET_VLAN_PCP,
                               ctx->out);
}

void
ofpact_encode_SET_VLAN_PCP(const struct ofpact_vlan_pcp *v,
                           enum ofp_version version, struct ofpbuf *out)
{
    if (version > OFP10_VERSION && v->push_vlan_if_needed
        && !v->flow_has_vlan) {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT11_PUSH_VLAN,
                       ETH_TYPE_VLAN_8021Q);
    }
    if (version == OFP10_VERSION) {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT10_SET_VLAN_PCP,
                       v->vlan_pcp);
    } else if (version == OFP11_VERSION) {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT11_SET_VLAN_PCP,
                       v->vlan_pcp);
    } else {
        ofpact_put_set_field_action(out, version, MFF_VLAN_PCP, v->vlan_pcp);
    }
}

static char *
parse_set_vlan_pcp(char *arg, bool push, const struct ofpact_parse_params *pp)
{
    uint8_t pcp;
    char *error = ofpact_str_to_u8(arg, "VLAN PCP", &pcp);
    struct ofpact_vlan_pcp *v;

    if (error) {
        return error;
    }
    if (pcp & ~7) {
        return xasprintf("%s: not a valid VLAN PCP", arg);
    }
    v = ofpact_put_SET_VLAN_PCP(pp->ofpacts);
    v->vlan_pcp = pcp;
    v->push_vlan_if_needed = push;
    return NULL;
}

char *
ofpact_parse_SET_VLAN_PCP(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_set_vlan_pcp(arg, false, pp);
}

char *
ofpact_parse_mod_vlan_pcp(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_set_vlan_pcp(arg, true, pp);
}

void
ofpact_format_SET_VLAN_PCP(const struct ofpact_vlan_pcp *v, struct ds *s)
{
    ds_put_format(s, "%s:%u",
                  v->push_vlan_if_needed ? "mod_vlan_pcp" : "set_vlan_pcp",
                  v->vlan_pcp);
}

enum ofperr
ofpact_check_SET_VLAN_PCP(struct ofpact_vlan_pcp *v,
                          struct ofpact_check_params *cp)
{
    if (!cp->match) {
        return 0;
    }
    be16 *tci = &cp->match->flow.vlans[0].tci;
    v->flow_has_vlan = (*tci & htons(VLAN_CFI)) != 0;
    if (!v->flow_has_vlan && !v->push_vlan_if_needed) {
        enum ofperr error = ofpact_inconsistent_match(&cp->usable_protocols);
        if (error) {
            return error;
        }
    }
    *tci |= htons(VLAN_CFI);
    return 0;
}

/* Strip/pop VLAN. */

enum ofperr
ofpact_decode_OFPAT10_STRIP_VLAN(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED,
                                 uint64_t arg SVS_UNUSED,
                                 const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_STRIP_VLAN(ctx->out)->ofpact.raw
        = OFPACT_RAW_OFPAT10_STRIP_VLAN;
    return 0;
}

enum ofperr
ofpact_decode_OFPAT11_POP_VLAN(const void *a SVS_UNUSED,
                               size_t len SVS_UNUSED,
                               uint64_t arg SVS_UNUSED,
                               const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_STRIP_VLAN(ctx->out)->ofpact.raw
        = OFPACT_RAW_OFPAT11_POP_VLAN;
    return 0;
}

void
ofpact_encode_STRIP_VLAN(const struct ofpact_null *n SVS_UNUSED,
                         enum ofp_version version, struct ofpbuf *out)
{
    ofpact_raw_put(out, version, version == OFP10_VERSION
                   ? OFPACT_RAW_OFPAT10_STRIP_VLAN
                   : OFPACT_RAW_OFPAT11_POP_VLAN, 0);
}

char *
ofpact_parse_STRIP_VLAN(char *arg SVS_UNUSED,
                        const struct ofpact_parse_params *pp)
{
    ofpact_put_STRIP_VLAN(pp->ofpacts)->ofpact.raw
        = OFPACT_RAW_OFPAT10_STRIP_VLAN;
    return NULL;
}

char *
ofpact_parse_pop_vlan(char *arg SVS_UNUSED,
                      const struct ofpact_parse_params *pp)
{
    ofpact_put_STRIP_VLAN(pp->ofpacts)->ofpact.raw
        = OFPACT_RAW_OFPAT11_POP_VLAN;
    return NULL;
}

void
ofpact_format_STRIP_VLAN(const struct ofpact_null *n, struct ds *s)
{
    ds_put_cstr(s, n->ofpact.raw == OFPACT_RAW_OFPAT11_POP_VLAN
                ? "pop_vlan" : "strip_vlan");
}

enum ofperr
ofpact_check_STRIP_VLAN(struct ofpact_null *n SVS_UNUSED,
                        struct ofpact_check_params *cp)
{
    if (!cp->match) {
        return 0;
    }
    struct flow *flow = &cp->match->flow;
    if (!(flow->vlans[0].tci & htons(VLAN_CFI))) {
        enum ofperr error = ofpact_inconsistent_match(&cp->usable_protocols);
        if (error) {
            return error;
        }
    }
    /* Pop the outer tag. */
    flow->vlans[0] = flow->vlans[1];
    memset(&flow->vlans[1], 0, sizeof flow->vlans[1]);
    return 0;
}

/* Push VLAN. */

enum ofperr
ofpact_decode_OFPAT11_PUSH_VLAN(const void *a SVS_UNUSED,
                                size_t len SVS_UNUSED, uint64_t arg,
                                const struct ofpact_decode_ctx *ctx)
{
    if (arg != ETH_TYPE_VLAN_8021Q && arg != ETH_TYPE_VLAN_8021AD) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpact_put_PUSH_VLAN(ctx->out)->ethertype = htons(arg);
    return 0;
}

void
ofpact_encode_PUSH_VLAN(const struct ofpact_push_vlan *pv,
                        enum ofp_version version, struct ofpbuf *out)
{
    if (version > OFP10_VERSION) {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT11_PUSH_VLAN,
                       ntohs(pv->ethertype));
    }
}

char *
ofpact_parse_PUSH_VLAN(char *arg, const struct ofpact_parse_params *pp)
{
    uint16_t ethertype;
    char *error = ofpact_str_to_u16(arg, "ethertype", &ethertype);

    if (error) {
        return error;
    }
    if (ethertype != ETH_TYPE_VLAN_8021Q
        && ethertype != ETH_TYPE_VLAN_8021AD) {
        return xasprintf("%s: not a valid VLAN ethertype", arg);
    }
    *pp->usable_protocols &= OFPACT_P_OF11_UP;
    ofpact_put_PUSH_VLAN(pp->ofpacts)->ethertype = htons(ethertype);
    return NULL;
}

void
ofpact_format_PUSH_VLAN(const struct ofpact_push_vlan *pv, struct ds *s)
{
    ds_put_format(s, "push_vlan:%#"PRIx16, ntohs(pv->ethertype));
}

enum ofperr
ofpact_check_PUSH_VLAN(struct ofpact_push_vlan *pv SVS_UNUSED,
                       struct ofpact_check_params *cp)
{
    if (!cp->match) {
        return 0;
    }
    struct flow *flow = &cp->match->flow;
    if (flow->vlans[FLOW_MAX_VLAN_HEADERS - 1].tci & htons(VLAN_CFI)) {
        return OFPERR_OFPBAC_BAD_TAG;
    }
    flow->vlans[1] = flow->vlans[0];
    flow->vlans[0].tpid = pv->ethertype;
    flow->vlans[0].tci = htons(VLAN_CFI);
    return 0;
}

/* Ethernet addresses. */

static enum ofperr
decode_dl_addr(const void *a, enum ofpact_type type, struct ofpbuf *out)
{
    struct ofpact_mac *m = (struct ofpact_mac *)
        ofpact_put(out, type, sizeof *m);
    memcpy(m->mac.ea, (const uint8_t *) a + 4, ETH_ADDR_LEN);
    return 0;
}

enum ofperr
ofpact_decode_OFPAT10_SET_DL_SRC(const void *a, size_t len SVS_UNUSED,
                                 uint64_t arg SVS_UNUSED,
                                 const struct ofpact_decode_ctx *ctx)
{
    return decode_dl_addr(a, OFPACT_SET_ETH_SRC, ctx->out);
}

enum ofperr
ofpact_decode_OFPAT11_SET_DL_SRC(const void *a, size_t len SVS_UNUSED,
                                 uint64_t arg SVS_UNUSED,
                                 const struct ofpact_decode_ctx *ctx)
{
    return decode_dl_addr(a, OFPACT_SET_ETH_SRC, ctx->out);
}

enum ofperr
ofpact_decode_OFPAT10_SET_DL_DST(const void *a, size_t len SVS_UNUSED,
                                 uint64_t arg SVS_UNUSED,
                                 const struct ofpact_decode_ctx *ctx)
{
    return decode_dl_addr(a, OFPACT_SET_ETH_DST, ctx->out);
}

enum ofperr
ofpact_decode_OFPAT11_SET_DL_DST(const void *a, size_t len SVS_UNUSED,
                                 uint64_t arg SVS_UNUSED,
                                 const struct ofpact_decode_ctx *ctx)
{
    return decode_dl_addr(a, OFPACT_SET_ETH_DST, ctx->out);
}

static void
encode_dl_addr(const struct ofpact_mac *m, enum ofp_version version,
               enum ofpact_raw raw10, enum ofpact_raw raw11,
               enum mf_field_id field, struct ofpbuf *out)
{
    if (version < OFP12_VERSION) {
        uint8_t *p = ofpact_raw_put(out, version,
                                    version == OFP10_VERSION ? raw10 : raw11,
                                    0);
        memcpy(p + 4, m->mac.ea, ETH_ADDR_LEN);
    } else {
        uint64_t x = 0;
        for (int i = 0; i < ETH_ADDR_LEN; i++) {
            x = (x << 8) | m->mac.ea[i];
        }
        ofpact_put_set_field_action(out, version, field, x);
    }
}

void
ofpact_encode_SET_ETH_SRC(const struct ofpact_mac *m,
                          enum ofp_version version, struct ofpbuf *out)
{
    encode_dl_addr(m, version, OFPACT_RAW_OFPAT10_SET_DL_SRC,
                   OFPACT_RAW_OFPAT11_SET_DL_SRC, MFF_ETH_SRC, out);
}

void
ofpact_encode_SET_ETH_DST(const struct ofpact_mac *m,
                          enum ofp_version version, struct ofpbuf *out)
{
    encode_dl_addr(m, version, OFPACT_RAW_OFPAT10_SET_DL_DST,
                   OFPACT_RAW_OFPAT11_SET_DL_DST, MFF_ETH_DST, out);
}

static char *
parse_mac(char *arg, enum ofpact_type type,
          const struct ofpact_parse_params *pp)
{
    struct ofpact_mac *m = (struct ofpact_mac *)
        ofpact_put(pp->ofpacts, type, sizeof *m);
    if (!eth_addr_from_string(arg, &m->mac)) {
        return xasprintf("invalid mac address %s", arg);
    }
    return NULL;
}

char *
ofpact_parse_SET_ETH_SRC(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_mac(arg, OFPACT_SET_ETH_SRC, pp);
}

char *
ofpact_parse_SET_ETH_DST(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_mac(arg, OFPACT_SET_ETH_DST, pp);
}

void
ofpact_format_SET_ETH_SRC(const struct ofpact_mac *m, struct ds *s)
{
    ds_put_format(s, "mod_dl_src:"ETH_ADDR_FMT, ETH_ADDR_ARGS(m->mac));
}

void
ofpact_format_SET_ETH_DST(const struct ofpact_mac *m, struct ds *s)
{
    ds_put_format(s, "mod_dl_dst:"ETH_ADDR_FMT, ETH_ADDR_ARGS(m->mac));
}

enum ofperr
ofpact_check_SET_ETH_SRC(struct ofpact_mac *m SVS_UNUSED,
                         struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

enum ofperr
ofpact_check_SET_ETH_DST(struct ofpact_mac *m SVS_UNUSED,
                         struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* IPv4 addresses. */

static enum ofperr
decode_nw_addr(uint32_t ip, enum ofpact_type type, struct ofpbuf *out)
{
    struct ofpact_ipv4 *a = (struct ofpact_ipv4 *)
        ofpact_put(out, type, sizeof *a);
    a->ipv4 = htonl(ip);
    return 0;
}

enum ofperr
ofpact_decode_OFPAT10_SET_NW_SRC(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    return decode_nw_addr(arg, OFPACT_SET_IPV4_SRC, ctx->out);
}

enum ofperr
ofpact_decode_OFPAT11_SET_NW_SRC(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    return decode_nw_addr(arg, OFPACT_SET_IPV4_SRC, ctx->out);
}

enum ofperr
ofpact_decode_OFPAT10_SET_NW_DST(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    return decode_nw_addr(arg, OFPACT_SET_IPV4_DST, ctx->out);
}

enum ofperr
ofpact_decode_OFPAT11_SET_NW_DST(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    return decode_nw_addr(arg, OFPACT_SET_IPV4_DST, ctx->out);
}

static void
encode_nw_addr(const struct ofpact_ipv4 *a, enum ofp_version version,
               enum ofpact_raw raw10, enum ofpact_raw raw11,
               enum mf_field_id field, struct ofpbuf *out)
{
    if (version < OFP12_VERSION) {
        ofpact_raw_put(out, version, version == OFP10_VERSION ? raw10 : raw11,
                       ntohl(a->ipv4));
    } else {
        ofpact_put_set_field_action(out, version, field, ntohl(a->ipv4));
    }
}

void
ofpact_encode_SET_IPV4_SRC(const struct ofpact_ipv4 *a,
                           enum ofp_version version, struct ofpbuf *out)
{
    encode_nw_addr(a, version, OFPACT_RAW_OFPAT10_SET_NW_SRC,
                   OFPACT_RAW_OFPAT11_SET_NW_SRC, MFF_IPV4_SRC, out);
}

void
ofpact_encode_SET_IPV4_DST(const struct ofpact_ipv4 *a,
                           enum ofp_version version, struct ofpbuf *out)
{
    encode_nw_addr(a, version, OFPACT_RAW_OFPAT10_SET_NW_DST,
                   OFPACT_RAW_OFPAT11_SET_NW_DST, MFF_IPV4_DST, out);
}

static char *
parse_ipv4(char *arg, enum ofpact_type type,
           const struct ofpact_parse_params *pp)
{
    struct ofpact_ipv4 *a = (struct ofpact_ipv4 *)
        ofpact_put(pp->ofpacts, type, sizeof *a);
    if (!ip_parse(arg, &a->ipv4)) {
        return xasprintf("%s: could not convert to IP address", arg);
    }
    return NULL;
}

char *
ofpact_parse_SET_IPV4_SRC(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_ipv4(arg, OFPACT_SET_IPV4_SRC, pp);
}

char *
ofpact_parse_SET_IPV4_DST(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_ipv4(arg, OFPACT_SET_IPV4_DST, pp);
}

void
ofpact_format_SET_IPV4_SRC(const struct ofpact_ipv4 *a, struct ds *s)
{
    ds_put_format(s, "mod_nw_src:"IP_FMT, IP_ARGS(a->ipv4));
}

void
ofpact_format_SET_IPV4_DST(const struct ofpact_ipv4 *a, struct ds *s)
{
    ds_put_format(s, "mod_nw_dst:"IP_FMT, IP_ARGS(a->ipv4));
}

static enum ofperr
check_ipv4(struct ofpact_check_params *cp)
{
    if (cp->match && cp->match->flow.dl_type != htons(ETH_TYPE_IP)) {
        return ofpact_inconsistent_match(&cp->usable_protocols);
    }
    return 0;
}

enum ofperr
ofpact_check_SET_IPV4_SRC(struct ofpact_ipv4 *a SVS_UNUSED,
                          struct ofpact_check_params *cp)
{
    return check_ipv4(cp);
}

enum ofperr
ofpact_check_SET_IPV4_DST(struct ofpact_ipv4 *a SVS_UNUSED,
                          struct ofpact_check_params *cp)
{
    return check_ipv4(cp);
}

/* IP DSCP (nw_tos). */

static enum ofperr
decode_nw_tos(uint8_t tos, struct ofpbuf *out)
{
    if (tos & ~IP_DSCP_MASK) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpact_put_SET_IP_DSCP(out)->dscp = tos;
    return 0;
}

enum ofperr
ofpact_decode_OFPAT10_SET_NW_TOS(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    return decode_nw_tos(arg, ctx->out);
}

enum ofperr
ofpact_decode_OFPAT11_SET_NW_TOS(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    return decode_nw_tos(arg, ctx->out);
}

void
ofpact_encode_SET_IP_DSCP(const struct ofpact_dscp *d,
                          enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT10_SET_NW_TOS, d->dscp);
    } else if (version == OFP11_VERSION) {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT11_SET_NW_TOS, d->dscp);
    } else {
        ofpact_put_set_field_action(out, version, MFF_IP_DSCP_SHIFTED,
                                    d->dscp >> 2);
    }
}

char *
ofpact_parse_SET_IP_DSCP(char *arg, const struct ofpact_parse_params *pp)
{
    uint8_t tos;
    char *error = ofpact_str_to_u8(arg, "TOS", &tos);

    if (error) {
        return error;
    }
    if (tos & ~IP_DSCP_MASK) {
        return xasprintf("%s: not a valid TOS", arg);
    }
    ofpact_put_SET_IP_DSCP(pp->ofpacts)->dscp = tos;
    return NULL;
}

void
ofpact_format_SET_IP_DSCP(const struct ofpact_dscp *d, struct ds *s)
{
    ds_put_format(s, "mod_nw_tos:%d", d->dscp);
}

enum ofperr
ofpact_check_SET_IP_DSCP(struct ofpact_dscp *d SVS_UNUSED,
                         struct ofpact_check_params *cp)
{
    return check_ip_any(cp);
}

/* IP ECN. */

enum ofperr
ofpact_decode_OFPAT11_SET_NW_ECN(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    if (arg & ~IP_ECN_MASK) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpact_put_SET_IP_ECN(ctx->out)->ecn = arg;
    return 0;
}

void
ofpact_encode_SET_IP_ECN(const struct ofpact_ecn *e,
                         enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        struct mf_subfield dst = {
            .field = mf_from_id(MFF_IP_ECN), .ofs = 0, .n_bits = 2,
        };
        ofpact_put_reg_load_action(out, &dst, e->ecn);
    } else if (version == OFP11_VERSION) {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT11_SET_NW_ECN, e->ecn);
    } else {
        ofpact_put_set_field_action(out, version, MFF_IP_ECN, e->ecn);
    }
}

char *
ofpact_parse_SET_IP_ECN(char *arg, const struct ofpact_parse_params *pp)
{
    uint8_t ecn;
    char *error = ofpact_str_to_u8(arg, "ECN", &ecn);

    if (error) {
        return error;
    }
    if (ecn & ~IP_ECN_MASK) {
        return xasprintf("%s: not a valid ECN", arg);
    }
    ofpact_put_SET_IP_ECN(pp->ofpacts)->ecn = ecn;
    return NULL;
}

void
ofpact_format_SET_IP_ECN(const struct ofpact_ecn *e, struct ds *s)
{
    ds_put_format(s, "mod_nw_ecn:%d", e->ecn);
}

enum ofperr
ofpact_check_SET_IP_ECN(struct ofpact_ecn *e SVS_UNUSED,
                        struct ofpact_check_params *cp)
{
    return check_ip_any(cp);
}

/* IP TTL. */

enum ofperr
ofpact_decode_OFPAT11_SET_NW_TTL(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_SET_IP_TTL(ctx->out)->ttl = arg;
    return 0;
}

void
ofpact_encode_SET_IP_TTL(const struct ofpact_ip_ttl *t,
                         enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        struct mf_subfield dst = {
            .field = mf_from_id(MFF_IP_TTL), .ofs = 0, .n_bits = 8,
        };
        ofpact_put_reg_load_action(out, &dst, t->ttl);
    } else {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT11_SET_NW_TTL, t->ttl);
    }
}

char *
ofpact_parse_SET_IP_TTL(char *arg, const struct ofpact_parse_params *pp)
{
    uint8_t ttl;
    char *error = ofpact_str_to_u8(arg, "TTL", &ttl);

    if (error) {
        return error;
    }
    /* Usable with any protocol: OpenFlow 1.0 gets a Nicira reg_load. */
    ofpact_put_SET_IP_TTL(pp->ofpacts)->ttl = ttl;
    return NULL;
}

void
ofpact_format_SET_IP_TTL(const struct ofpact_ip_ttl *t, struct ds *s)
{
    ds_put_format(s, "mod_nw_ttl:%d", t->ttl);
}

enum ofperr
ofpact_check_SET_IP_TTL(struct ofpact_ip_ttl *t SVS_UNUSED,
                        struct ofpact_check_params *cp)
{
    return check_ip_any(cp);
}

/* L4 ports. */

enum ofperr
ofpact_decode_OFPAT10_SET_TP_SRC(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_SET_L4_SRC_PORT(ctx->out)->port = arg;
    return 0;
}

enum ofperr
ofpact_decode_OFPAT11_SET_TP_SRC(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_SET_L4_SRC_PORT(ctx->out)->port = arg;
    return 0;
}

enum ofperr
ofpact_decode_OFPAT10_SET_TP_DST(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_SET_L4_DST_PORT(ctx->out)->port = arg;
    return 0;
}

enum ofperr
ofpact_decode_OFPAT11_SET_TP_DST(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_SET_L4_DST_PORT(ctx->out)->port = arg;
    return 0;
}

static void
encode_l4_port(const struct ofpact_l4_port *l4, bool src,
               enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        ofpact_raw_put(out, version, src ? OFPACT_RAW_OFPAT10_SET_TP_SRC
                       : OFPACT_RAW_OFPAT10_SET_TP_DST, l4->port);
    } else if (version == OFP11_VERSION) {
        ofpact_raw_put(out, version, src ? OFPACT_RAW_OFPAT11_SET_TP_SRC
                       : OFPACT_RAW_OFPAT11_SET_TP_DST, l4->port);
    } else {
        enum mf_field_id field;

        switch (l4->flow_ip_proto) {
        case IPPROTO_TCP:
            field = src ? MFF_TCP_SRC : MFF_TCP_DST;
            break;
        case IPPROTO_UDP:
            field = src ? MFF_UDP_SRC : MFF_UDP_DST;
            break;
        case IPPROTO_SCTP:
            field = src ? MFF_SCTP_SRC : MFF_SCTP_DST;
            break;
        default:
            return;
        }
        ofpact_put_set_field_action(out, version, field, l4->port);
    }
}

void
ofpact_encode_SET_L4_SRC_PORT(const struct ofpact_l4_port *l4,
                              enum ofp_version version, struct ofpbuf *out)
{
    encode_l4_port(l4, true, version, out);
}

void
ofpact_encode_SET_L4_DST_PORT(const struct ofpact_l4_port *l4,
                              enum ofp_version version, struct ofpbuf *out)
{
    encode_l4_port(l4, false, version, out);
}

static char *
parse_l4_port(char *arg, enum ofpact_type type, const char *name,
              const struct ofpact_parse_params *pp)
{
    uint16_t port;
    char *error = ofpact_str_to_u16(arg, name, &port);
    struct ofpact_l4_port *l4;

    if (error) {
        return error;
    }
    l4 = (struct ofpact_l4_port *) ofpact_put(pp->ofpacts, type, sizeof *l4);
    l4->port = port;
    return NULL;
}

char *
ofpact_parse_SET_L4_SRC_PORT(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_l4_port(arg, OFPACT_SET_L4_SRC_PORT, "mod_tp_src", pp);
}

char *
ofpact_parse_SET_L4_DST_PORT(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_l4_port(arg, OFPACT_SET_L4_DST_PORT, "mod_tp_dst", pp);
}

void
ofpact_format_SET_L4_SRC_PORT(const struct ofpact_l4_port *l4, struct ds *s)
{
    ds_put_format(s, "mod_tp_src:%d", l4->port);
}

void
ofpact_format_SET_L4_DST_PORT(const struct ofpact_l4_port *l4, struct ds *s)
{
    ds_put_format(s, "mod_tp_dst:%d", l4->port);
}

static enum ofperr
check_l4_port(struct ofpact_l4_port *l4, struct ofpact_check_params *cp)
{
    if (!cp->match) {
        return 0;
    }
    const struct flow *flow = &cp->match->flow;
    if (!flow_is_ip_any(flow) || (flow->nw_frag & FLOW_NW_FRAG_LATER)
        || (flow->nw_proto != IPPROTO_TCP && flow->nw_proto != IPPROTO_UDP
            && flow->nw_proto != IPPROTO_SCTP)) {
        return ofpact_inconsistent_match(&cp->usable_protocols);
    }
    l4->flow_ip_proto = flow->nw_proto;
    return 0;
}

enum ofperr
ofpact_check_SET_L4_SRC_PORT(struct ofpact_l4_port *l4,
                             struct ofpact_check_params *cp)
{
    return check_l4_port(l4, cp);
}

enum ofperr
ofpact_check_SET_L4_DST_PORT(struct ofpact_l4_port *l4,
                             struct ofpact_check_params *cp)
{
    return check_l4_port(l4, cp);
}

/* Decrement TTL. */

static void
put_plain_dec_ttl(struct ofpbuf *out, enum ofpact_raw raw)
{
    struct ofpact_cnt_ids *ids = ofpact_put_DEC_TTL(out);
    uint16_t id = 0;

    ids->ofpact.raw = raw;
    ids->n_controllers = 1;
    ofpbuf_put(out, &id, sizeof id);
    ids = out->header;          /* The put may have moved it. */
    ofpact_finish_DEC_TTL(out, &ids);
}

enum ofperr
ofpact_decode_NXAST_DEC_TTL(const void *a SVS_UNUSED, size_t len SVS_UNUSED,
                            uint64_t arg SVS_UNUSED,
                            const struct ofpact_decode_ctx *ctx)
{
    put_plain_dec_ttl(ctx->out, OFPACT_RAW_NXAST_DEC_TTL);
    return 0;
}

enum ofperr
ofpact_decode_OFPAT11_DEC_NW_TTL(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED,
                                 uint64_t arg SVS_UNUSED,
                                 const struct ofpact_decode_ctx *ctx)
{
    put_plain_dec_ttl(ctx->out, OFPACT_RAW_OFPAT11_DEC_NW_TTL);
    return 0;
}

enum ofperr
ofpact_decode_NXAST_DEC_TTL_CNT_IDS(const void *a, size_t len,
                                    uint64_t arg SVS_UNUSED,
                                    const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    uint16_t n = ofpact_rd16(p + 10);
    struct ofpact_cnt_ids *ids;

    if (!ofpact_is_all_zeros(p + 12, 4)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    if (len < 16 + 2 * (size_t) n) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    ids = ofpact_put_DEC_TTL(ctx->out);
    ids->ofpact.raw = OFPACT_RAW_NXAST_DEC_TTL_CNT_IDS;
    ids->n_controllers = n;
    for (uint16_t i = 0; i < n; i++) {
        uint16_t id = ofpact_rd16(p + 16 + 2 * i);
        ofpbuf_put(ctx->out, &id, sizeof id);
    }
    ids = ctx->out->header;     /* The puts may have moved it. */
    ofpact_finish_DEC_TTL(ctx->out, &ids);
    if (!ofpact_is_all_zeros(p + 16 + 2 * n, len - 16 - 2 * n)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    return 0;
}

void
ofpact_encode_DEC_TTL(const struct ofpact_cnt_ids *ids,
                      enum ofp_version version, struct ofpbuf *out)
{
    if (ids->ofpact.raw == OFPACT_RAW_NXAST_DEC_TTL_CNT_IDS
        || ids->n_controllers != 1 || ids->cnt_ids[0] != 0) {
        size_t start = out->size;
        uint8_t *p = ofpact_raw_put(out, version,
                                    OFPACT_RAW_NXAST_DEC_TTL_CNT_IDS, 0);
        ofpact_wr16(p + 10, ids->n_controllers);
        for (uint16_t i = 0; i < ids->n_controllers; i++) {
            uint8_t v[2];
            ofpact_wr16(v, ids->cnt_ids[i]);
            ofpbuf_put(out, v, 2);
        }
        ofpact_raw_finish(out, start);
    } else {
        ofpact_raw_put(out, version, version == OFP10_VERSION
                       ? OFPACT_RAW_NXAST_DEC_TTL
                       : OFPACT_RAW_OFPAT11_DEC_NW_TTL, 0);
    }
}

char *
ofpact_parse_DEC_TTL(char *arg, const struct ofpact_parse_params *pp)
{
    if (!arg[0]) {
        put_plain_dec_ttl(pp->ofpacts, OFPACT_RAW_NONE);
        return NULL;
    }

    struct ofpact_cnt_ids *ids = ofpact_put_DEC_TTL(pp->ofpacts);
    char *sp = NULL;
    char *tok;

    ids->ofpact.raw = OFPACT_RAW_NXAST_DEC_TTL_CNT_IDS;
    for (tok = strtok_r(arg, ", ", &sp); tok; tok = strtok_r(NULL, ", ",
                                                               &sp)) {
        uint16_t id;
        char *error = ofpact_str_to_u16(tok, "controller id", &id);
        if (error) {
            return error;
        }
        ofpbuf_put(pp->ofpacts, &id, sizeof id);
        ids = pp->ofpacts->header;
        ids->n_controllers++;
    }
    if (!ids->n_controllers) {
        return xstrdup("dec_ttl_cnt_ids: expected at least one controller "
                       "id.");
    }
    ofpact_finish_DEC_TTL(pp->ofpacts, &ids);
    return NULL;
}

void
ofpact_format_DEC_TTL(const struct ofpact_cnt_ids *ids, struct ds *s)
{
    ds_put_cstr(s, "dec_ttl");
    if (ids->ofpact.raw == OFPACT_RAW_NXAST_DEC_TTL_CNT_IDS) {
        ds_put_char(s, '(');
        for (uint16_t i = 0; i < ids->n_controllers; i++) {
            if (i) {
                ds_put_char(s, ',');
            }
            ds_put_format(s, "%u", ids->cnt_ids[i]);
        }
        ds_put_char(s, ')');
    }
}

enum ofperr
ofpact_check_DEC_TTL(struct ofpact_cnt_ids *ids SVS_UNUSED,
                     struct ofpact_check_params *cp)
{
    return check_ip_any(cp);
}

/* MPLS. */

static enum ofperr
check_mpls(struct ofpact_check_params *cp)
{
    if (cp->match && !flow_is_mpls(&cp->match->flow)) {
        return ofpact_inconsistent_match(&cp->usable_protocols);
    }
    return 0;
}

static enum ofperr
decode_mpls_label(uint32_t label, struct ofpbuf *out)
{
    if (label & ~0xfffff) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpact_put_SET_MPLS_LABEL(out)->label = htonl(label);
    return 0;
}

enum ofperr
ofpact_decode_NXAST_SET_MPLS_LABEL(const void *a SVS_UNUSED,
                                   size_t len SVS_UNUSED, uint64_t arg,
                                   const struct ofpact_decode_ctx *ctx)
{
    return decode_mpls_label(arg, ctx->out);
}

enum ofperr
ofpact_decode_OFPAT11_SET_MPLS_LABEL(const void *a SVS_UNUSED,
                                     size_t len SVS_UNUSED, uint64_t arg,
                                     const struct ofpact_decode_ctx *ctx)
{
    return decode_mpls_label(arg, ctx->out);
}

void
ofpact_encode_SET_MPLS_LABEL(const struct ofpact_mpls_label *l,
                             enum ofp_version version, struct ofpbuf *out)
{
    uint32_t label = ntohl(l->label);

    if (version == OFP10_VERSION) {
        ofpact_raw_put(out, version, OFPACT_RAW_NXAST_SET_MPLS_LABEL, label);
    } else if (version == OFP11_VERSION) {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT11_SET_MPLS_LABEL,
                       label);
    } else {
        ofpact_put_set_field_action(out, version, MFF_MPLS_LABEL, label);
    }
}

char *
ofpact_parse_SET_MPLS_LABEL(char *arg, const struct ofpact_parse_params *pp)
{
    uint32_t label;
    char *error;

    if (!*arg) {
        return xstrdup("set_mpls_label: expected label.");
    }
    error = ofpact_str_to_u32(arg, &label);
    if (error) {
        return error;
    }
    if (label & ~0xfffff) {
        return xasprintf("%s: not a valid MPLS label", arg);
    }
    ofpact_put_SET_MPLS_LABEL(pp->ofpacts)->label = htonl(label);
    return NULL;
}

void
ofpact_format_SET_MPLS_LABEL(const struct ofpact_mpls_label *l, struct ds *s)
{
    ds_put_format(s, "set_mpls_label(%"PRIu32")", ntohl(l->label));
}

enum ofperr
ofpact_check_SET_MPLS_LABEL(struct ofpact_mpls_label *l SVS_UNUSED,
                            struct ofpact_check_params *cp)
{
    return check_mpls(cp);
}

static enum ofperr
decode_mpls_tc(uint8_t tc, struct ofpbuf *out)
{
    if (tc & ~7) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpact_put_SET_MPLS_TC(out)->tc = tc;
    return 0;
}

enum ofperr
ofpact_decode_NXAST_SET_MPLS_TC(const void *a SVS_UNUSED,
                                size_t len SVS_UNUSED, uint64_t arg,
                                const struct ofpact_decode_ctx *ctx)
{
    return decode_mpls_tc(arg, ctx->out);
}

enum ofperr
ofpact_decode_OFPAT11_SET_MPLS_TC(const void *a SVS_UNUSED,
                                  size_t len SVS_UNUSED, uint64_t arg,
                                  const struct ofpact_decode_ctx *ctx)
{
    return decode_mpls_tc(arg, ctx->out);
}

void
ofpact_encode_SET_MPLS_TC(const struct ofpact_mpls_tc *t,
                          enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        ofpact_raw_put(out, version, OFPACT_RAW_NXAST_SET_MPLS_TC, t->tc);
    } else if (version == OFP11_VERSION) {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT11_SET_MPLS_TC, t->tc);
    } else {
        ofpact_put_set_field_action(out, version, MFF_MPLS_TC, t->tc);
    }
}

char *
ofpact_parse_SET_MPLS_TC(char *arg, const struct ofpact_parse_params *pp)
{
    uint8_t tc;
    char *error;

    if (!*arg) {
        return xstrdup("set_mpls_tc: expected tc.");
    }
    error = ofpact_str_to_u8(arg, "MPLS TC", &tc);
    if (error) {
        return error;
    }
    if (tc & ~7) {
        return xasprintf("%s: not a valid MPLS TC", arg);
    }
    ofpact_put_SET_MPLS_TC(pp->ofpacts)->tc = tc;
    return NULL;
}

void
ofpact_format_SET_MPLS_TC(const struct ofpact_mpls_tc *t, struct ds *s)
{
    ds_put_format(s, "set_mpls_tc(%d)", t->tc);
}

enum ofperr
ofpact_check_SET_MPLS_TC(struct ofpact_mpls_tc *t SVS_UNUSED,
                         struct ofpact_check_params *cp)
{
    return check_mpls(cp);
}

enum ofperr
ofpact_decode_NXAST_SET_MPLS_TTL(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_SET_MPLS_TTL(ctx->out)->ttl = arg;
    return 0;
}

enum ofperr
ofpact_decode_OFPAT11_SET_MPLS_TTL(const void *a SVS_UNUSED,
                                   size_t len SVS_UNUSED, uint64_t arg,
                                   const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_SET_MPLS_TTL(ctx->out)->ttl = arg;
    return 0;
}

void
ofpact_encode_SET_MPLS_TTL(const struct ofpact_mpls_ttl *t,
                           enum ofp_version version, struct ofpbuf *out)
{
    ofpact_raw_put(out, version, version == OFP10_VERSION
                   ? OFPACT_RAW_NXAST_SET_MPLS_TTL
                   : OFPACT_RAW_OFPAT11_SET_MPLS_TTL, t->ttl);
}

char *
ofpact_parse_SET_MPLS_TTL(char *arg, const struct ofpact_parse_params *pp)
{
    uint8_t ttl;
    char *error;

    if (!*arg) {
        return xstrdup("set_mpls_ttl: expected ttl.");
    }
    error = ofpact_str_to_u8(arg, "MPLS TTL", &ttl);
    if (error) {
        return error;
    }
    ofpact_put_SET_MPLS_TTL(pp->ofpacts)->ttl = ttl;
    return NULL;
}

void
ofpact_format_SET_MPLS_TTL(const struct ofpact_mpls_ttl *t, struct ds *s)
{
    ds_put_format(s, "set_mpls_ttl(%d)", t->ttl);
}

enum ofperr
ofpact_check_SET_MPLS_TTL(struct ofpact_mpls_ttl *t SVS_UNUSED,
                          struct ofpact_check_params *cp)
{
    return check_mpls(cp);
}

enum ofperr
ofpact_decode_NXAST_DEC_MPLS_TTL(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED,
                                 uint64_t arg SVS_UNUSED,
                                 const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_DEC_MPLS_TTL(ctx->out);
    return 0;
}

enum ofperr
ofpact_decode_OFPAT11_DEC_MPLS_TTL(const void *a SVS_UNUSED,
                                   size_t len SVS_UNUSED,
                                   uint64_t arg SVS_UNUSED,
                                   const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_DEC_MPLS_TTL(ctx->out);
    return 0;
}

void
ofpact_encode_DEC_MPLS_TTL(const struct ofpact_null *n SVS_UNUSED,
                           enum ofp_version version, struct ofpbuf *out)
{
    ofpact_raw_put(out, version, version == OFP10_VERSION
                   ? OFPACT_RAW_NXAST_DEC_MPLS_TTL
                   : OFPACT_RAW_OFPAT11_DEC_MPLS_TTL, 0);
}

char *
ofpact_parse_DEC_MPLS_TTL(char *arg SVS_UNUSED,
                          const struct ofpact_parse_params *pp)
{
    ofpact_put_DEC_MPLS_TTL(pp->ofpacts);
    return NULL;
}

void
ofpact_format_DEC_MPLS_TTL(const struct ofpact_null *n SVS_UNUSED,
                           struct ds *s)
{
    ds_put_cstr(s, "dec_mpls_ttl");
}

enum ofperr
ofpact_check_DEC_MPLS_TTL(struct ofpact_null *n SVS_UNUSED,
                          struct ofpact_check_params *cp)
{
    return check_mpls(cp);
}

static bool
is_mpls_ethertype(uint16_t et)
{
    return et == ETH_TYPE_MPLS || et == ETH_TYPE_MPLS_MCAST;
}

static enum ofperr
decode_push_mpls(uint16_t ethertype, struct ofpbuf *out)
{
    if (!is_mpls_ethertype(ethertype)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpact_put_PUSH_MPLS(out)->ethertype = htons(ethertype);
    return 0;
}

enum ofperr
ofpact_decode_NXAST_PUSH_MPLS(const void *a SVS_UNUSED,
                              size_t len SVS_UNUSED, uint64_t arg,
                              const struct ofpact_decode_ctx *ctx)
{
    return decode_push_mpls(arg, ctx->out);
}

enum ofperr
ofpact_decode_OFPAT11_PUSH_MPLS(const void *a SVS_UNUSED,
                                size_t len SVS_UNUSED, uint64_t arg,
                                const struct ofpact_decode_ctx *ctx)
{
    return decode_push_mpls(arg, ctx->out);
}

void
ofpact_encode_PUSH_MPLS(const struct ofpact_push_mpls *pm,
                        enum ofp_version version, struct ofpbuf *out)
{
    ofpact_raw_put(out, version, version == OFP10_VERSION
                   ? OFPACT_RAW_NXAST_PUSH_MPLS
                   : OFPACT_RAW_OFPAT11_PUSH_MPLS, ntohs(pm->ethertype));
}

char *
ofpact_parse_PUSH_MPLS(char *arg, const struct ofpact_parse_params *pp)
{
    uint16_t ethertype;
    char *error = ofpact_str_to_u16(arg, "push_mpls", &ethertype);

    if (error) {
        return error;
    }
    if (!is_mpls_ethertype(ethertype)) {
        return xasprintf("%s: not a valid MPLS ethertype", arg);
    }
    ofpact_put_PUSH_MPLS(pp->ofpacts)->ethertype = htons(ethertype);
    return NULL;
}

void
ofpact_format_PUSH_MPLS(const struct ofpact_push_mpls *pm, struct ds *s)
{
    ds_put_format(s, "push_mpls:0x%04"PRIx16, ntohs(pm->ethertype));
}

enum ofperr
ofpact_check_PUSH_MPLS(struct ofpact_push_mpls *pm,
                       struct ofpact_check_params *cp)
{
    if (cp->match) {
        struct flow *flow = &cp->match->flow;
        if (flow->packet_type != htonl(PT_ETH)) {
            enum ofperr error
                = ofpact_inconsistent_match(&cp->usable_protocols);
            if (error) {
                return error;
            }
        }
        flow->dl_type = pm->ethertype;
    }
    return 0;
}

enum ofperr
ofpact_decode_NXAST_POP_MPLS(const void *a SVS_UNUSED,
                             size_t len SVS_UNUSED, uint64_t arg,
                             const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_POP_MPLS(ctx->out)->ethertype = htons(arg);
    return 0;
}

enum ofperr
ofpact_decode_OFPAT11_POP_MPLS(const void *a SVS_UNUSED,
                               size_t len SVS_UNUSED, uint64_t arg,
                               const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_POP_MPLS(ctx->out)->ethertype = htons(arg);
    return 0;
}

void
ofpact_encode_POP_MPLS(const struct ofpact_pop_mpls *pm,
                       enum ofp_version version, struct ofpbuf *out)
{
    ofpact_raw_put(out, version, version == OFP10_VERSION
                   ? OFPACT_RAW_NXAST_POP_MPLS
                   : OFPACT_RAW_OFPAT11_POP_MPLS, ntohs(pm->ethertype));
}

char *
ofpact_parse_POP_MPLS(char *arg, const struct ofpact_parse_params *pp)
{
    uint16_t ethertype;
    char *error = ofpact_str_to_u16(arg, "pop_mpls", &ethertype);

    if (error) {
        return error;
    }
    ofpact_put_POP_MPLS(pp->ofpacts)->ethertype = htons(ethertype);
    return NULL;
}

void
ofpact_format_POP_MPLS(const struct ofpact_pop_mpls *pm, struct ds *s)
{
    ds_put_format(s, "pop_mpls:0x%04"PRIx16, ntohs(pm->ethertype));
}

enum ofperr
ofpact_check_POP_MPLS(struct ofpact_pop_mpls *pm,
                      struct ofpact_check_params *cp)
{
    if (cp->match) {
        struct flow *flow = &cp->match->flow;
        if (!flow_is_mpls(flow)) {
            enum ofperr error
                = ofpact_inconsistent_match(&cp->usable_protocols);
            if (error) {
                return error;
            }
        }
        flow->dl_type = pm->ethertype;
    }
    return 0;
}

/* NSH TTL. */

enum ofperr
ofpact_decode_NXAST_DEC_NSH_TTL(const void *a SVS_UNUSED,
                                size_t len SVS_UNUSED,
                                uint64_t arg SVS_UNUSED,
                                const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_DEC_NSH_TTL(ctx->out);
    return 0;
}

void
ofpact_encode_DEC_NSH_TTL(const struct ofpact_null *n SVS_UNUSED,
                          enum ofp_version version, struct ofpbuf *out)
{
    ofpact_raw_put(out, version, OFPACT_RAW_NXAST_DEC_NSH_TTL, 0);
}

char *
ofpact_parse_DEC_NSH_TTL(char *arg SVS_UNUSED,
                         const struct ofpact_parse_params *pp)
{
    ofpact_put_DEC_NSH_TTL(pp->ofpacts);
    return NULL;
}

void
ofpact_format_DEC_NSH_TTL(const struct ofpact_null *n SVS_UNUSED,
                          struct ds *s)
{
    ds_put_cstr(s, "dec_nsh_ttl");
}

enum ofperr
ofpact_check_DEC_NSH_TTL(struct ofpact_null *n SVS_UNUSED,
                         struct ofpact_check_params *cp)
{
    if (cp->match) {
        const struct flow *flow = &cp->match->flow;
        if (flow->packet_type != htonl(PT_NSH)
            && flow->dl_type != htons(ETH_TYPE_NSH)) {
            return ofpact_inconsistent_match(&cp->usable_protocols);
        }
    }
    return 0;
}
