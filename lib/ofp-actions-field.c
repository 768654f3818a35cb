/* ofp-actions-field.c: actions that name fields: set_field and load
 * (OFPAT_SET_FIELD, NXAST_REG_LOAD, NXAST_REG_LOAD2), move (NXAST_REG_MOVE,
 * ONF and OpenFlow 1.5 copy-field), push/pop (stack), output to a
 * register, check_pkt_larger and delete_field. */

#include <config.h>
#include "ofp-actions.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "bitwise.h"
#include "dynamic-string.h"
#include "match.h"
#include "meta-flow.h"
#include "nx-match.h"
#include "ofp-actions-private.h"
#include "openflow.h"
#include "packets.h"

/* True if 'mask' covers all 'n_bits' significant bits of 'field'. */
static bool
mask_is_whole(const struct mf_field *field, const union mf_value *mask)
{
    unsigned int n = field->n_bytes;
    return bitwise_scan(mask, n, false, 0, field->n_bits) == field->n_bits;
}

/* Set-field and load. */

/* Pulls one OXM/NXM entry ('allow_mask': may have a mask) from the 'left'
 * bytes at '*p'. */
static enum ofperr
pull_entry(const uint8_t **p, size_t *left, bool allow_mask,
           const struct mf_field **fieldp, union mf_value *value,
           union mf_value *mask, bool *maskedp)
{
    const uint8_t *start = *p;
    const struct mf_field *field;
    uint64_t header;
    unsigned int hlen, payload;
    bool masked;

    if (*left < 4) {
        return OFPERR_OFPBAC_BAD_SET_LEN;
    }
    header = ofpact_rd32(start);
    hlen = 4;
    if (nxm_class(header) == 0xffff) {
        if (*left < 8) {
            return OFPERR_OFPBAC_BAD_SET_LEN;
        }
        header |= (uint64_t) ofpact_rd32(start + 4) << 32;
        hlen = 8;
    }
    payload = nxm_payload_len(header);
    masked = nxm_hasmask(header);
    if (nxm_is_experimenter(header) && nxm_length(header) < 4) {
        return OFPERR_OFPBAC_BAD_SET_LEN;
    }
    if (*left < hlen + payload) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    field = mf_from_nxm_header(header, NULL);
    if (!field) {
        return OFPERR_OFPBAC_BAD_SET_LEN;
    }
    if (masked && !allow_mask) {
        return OFPERR_OFPBAC_BAD_SET_MASK;
    }
    unsigned int w = masked ? payload / 2 : payload;
    if (field->variable_len) {
        /* tun_metadata: as long as the value sent. */
        if (masked && payload % 2) {
            return OFPERR_OFPBAC_BAD_SET_LEN;
        }
        if (w >= 128) {
            /* Open vSwitch knows no such header. */
            return OFPERR_OFPBAC_BAD_SET_TYPE;
        }
    } else if (payload != (masked ? 2 : 1) * field->n_bytes) {
        return OFPERR_OFPBAC_BAD_SET_LEN;
    }
    enum ofperr error = nx_read_entry_value(field, start + hlen, w, masked,
                                            value, mask);
    if (error) {
        return error;
    }
    *maskedp = masked;
    *p += hlen + payload;
    *left -= hlen + payload;
    *fieldp = field;
    return 0;
}

static enum ofperr
decode_set_field(const uint8_t *p, size_t left, bool allow_mask,
                 enum ofpact_raw raw, struct ofpbuf *out)
{
    const struct mf_field *field;
    union mf_value value, mask;
    struct ofpact_set_field *sf;
    bool masked = false;
    enum ofperr error;

    error = pull_entry(&p, &left, allow_mask, &field, &value, &mask,
                       &masked);
    if (error) {
        return error;
    }
    if (!ofpact_is_all_zeros(p, left)) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    if (field->id == MFF_IN_PORT_OXM || !field->writable) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    if (field->id == MFF_VLAN_VID
        && (!(ntohs(value.be16) & OFPVID12_PRESENT)
            || !(ntohs(mask.be16) & OFPVID12_PRESENT))) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    union mf_value v = value;
    for (unsigned int i = 0; i < field->n_bytes; i++) {
        v.b[i] &= mask.b[i];
    }
    if (!mf_is_value_valid(field, &v)) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    sf = ofpact_put_set_field(out, field, &value, masked ? &mask : NULL);
    sf->ofpact.raw = raw;
    return 0;
}

enum ofperr
ofpact_decode_OFPAT12_SET_FIELD(const void *a, size_t len,
                                uint64_t arg SVS_UNUSED,
                                const struct ofpact_decode_ctx *ctx)
{
    return decode_set_field((const uint8_t *) a + 4, len - 4, false,
                            OFPACT_RAW_OFPAT12_SET_FIELD, ctx->out);
}

enum ofperr
ofpact_decode_OFPAT15_SET_FIELD(const void *a, size_t len,
                                uint64_t arg SVS_UNUSED,
                                const struct ofpact_decode_ctx *ctx)
{
    return decode_set_field((const uint8_t *) a + 4, len - 4, true,
                            OFPACT_RAW_OFPAT15_SET_FIELD, ctx->out);
}

enum ofperr
ofpact_decode_NXAST_REG_LOAD2(const void *a, size_t len,
                              uint64_t arg SVS_UNUSED,
                              const struct ofpact_decode_ctx *ctx)
{
    return decode_set_field((const uint8_t *) a + 10, len - 10, true,
                            OFPACT_RAW_NXAST_REG_LOAD2, ctx->out);
}

enum ofperr
ofpact_decode_NXAST_REG_LOAD(const void *a, size_t len SVS_UNUSED,
                             uint64_t arg SVS_UNUSED,
                             const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    struct mf_subfield dst;
    uint64_t value = ofpact_rd64(p + 16);
    union mf_subvalue sv;
    enum ofperr error;

    ofpact_decode_subfield(ofpact_rd32(p + 12), ofpact_rd16(p + 10), &dst);
    error = ofpact_check_dst(&dst, NULL);
    if (error) {
        return error;
    }
    if (dst.n_bits < 64 && value >> dst.n_bits) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    memset(&sv, 0, sizeof sv);
    sv.integer = htonll(value);
    ofpact_put_reg_load(ctx->out, &dst, &sv);
    return 0;
}

/* Iterates over the contiguous runs (of at most 64 bits) of 1-bits in
 * 'sf''s mask: starting after 'dst' (initially zero-width at offset 0),
 * stores the next run in 'dst' and its value in '*value'. */
static bool
next_load_segment(const struct ofpact_set_field *sf, struct mf_subfield *dst,
                  uint64_t *value)
{
    unsigned int n_bits = sf->field->n_bits;
    unsigned int n_bytes = sf->field->n_bytes;
    unsigned int start = dst->ofs + dst->n_bits;

    if (start < n_bits) {
        dst->field = sf->field;
        dst->ofs = bitwise_scan(&sf->mask, n_bytes, true, start, n_bits);
        if (dst->ofs < n_bits) {
            unsigned int end = MIN(dst->ofs + 64, n_bits);
            dst->n_bits = bitwise_scan(&sf->mask, n_bytes, false,
                                       dst->ofs + 1, end) - dst->ofs;
            *value = bitwise_get(&sf->value, n_bytes, dst->ofs, dst->n_bits);
            return true;
        }
    }
    return false;
}

static void
set_field_to_nxast(const struct ofpact_set_field *sf, struct ofpbuf *out)
{
    if (sf->ofpact.raw == OFPACT_RAW_NXAST_REG_LOAD2
        || !ofpact_nxm_header32(sf->field) || sf->field->variable_len) {
        size_t start = out->size;

        ofpact_raw_put(out, OFP10_VERSION, OFPACT_RAW_NXAST_REG_LOAD2, 0);
        out->size -= 6;
        nx_put_entry(out, sf->field, OFP10_VERSION, &sf->value,
                     mask_is_whole(sf->field, &sf->mask) ? NULL : &sf->mask);
        ofpact_raw_finish(out, start);
    } else {
        struct mf_subfield dst = { .ofs = 0, .n_bits = 0 };
        uint64_t value;

        while (next_load_segment(sf, &dst, &value)) {
            ofpact_put_reg_load_action(out, &dst, value);
        }
    }
}

static void
set_field_to_set_field(const struct ofpact_set_field *sf,
                       enum ofp_version version, struct ofpbuf *out)
{
    size_t start = out->size;

    ofpact_raw_put(out, version, version >= OFP15_VERSION
                   ? OFPACT_RAW_OFPAT15_SET_FIELD
                   : OFPACT_RAW_OFPAT12_SET_FIELD, 0);
    out->size -= 4;
    nx_put_entry(out, sf->field, version, &sf->value,
                 mask_is_whole(sf->field, &sf->mask) ? NULL : &sf->mask);
    ofpact_raw_finish(out, start);
}

static void
set_field_to_legacy(const struct ofpact_set_field *sf,
                    enum ofp_version version, struct ofpbuf *out)
{
    bool v10 = version == OFP10_VERSION;

    switch (sf->field->id) {
    case MFF_VLAN_TCI: {
        uint16_t tci = ntohs(sf->value.be16);
        bool cfi = (tci & VLAN_CFI) != 0;
        uint16_t vid = tci & VLAN_VID_MASK;
        uint8_t pcp = tci >> VLAN_PCP_SHIFT;

        if (v10) {
            if (cfi) {
                ofpact_raw_put(out, version,
                               OFPACT_RAW_OFPAT10_SET_VLAN_VID, vid);
                ofpact_raw_put(out, version,
                               OFPACT_RAW_OFPAT10_SET_VLAN_PCP, pcp);
            } else {
                ofpact_raw_put(out, version,
                               OFPACT_RAW_OFPAT10_STRIP_VLAN, 0);
            }
        } else {
            if (cfi) {
                if (!sf->flow_has_vlan) {
                    ofpact_raw_put(out, version,
                                   OFPACT_RAW_OFPAT11_PUSH_VLAN,
                                   ETH_TYPE_VLAN_8021Q);
                }
                ofpact_raw_put(out, version,
                               OFPACT_RAW_OFPAT11_SET_VLAN_VID, vid);
                ofpact_raw_put(out, version,
                               OFPACT_RAW_OFPAT11_SET_VLAN_PCP, pcp);
            } else {
                ofpact_raw_put(out, version, OFPACT_RAW_OFPAT11_POP_VLAN, 0);
            }
        }
        break;
    }

    case MFF_VLAN_VID:
    case MFF_DL_VLAN:
        ofpact_raw_put(out, version, v10 ? OFPACT_RAW_OFPAT10_SET_VLAN_VID
                       : OFPACT_RAW_OFPAT11_SET_VLAN_VID,
                       ntohs(sf->value.be16) & VLAN_VID_MASK);
        break;

    case MFF_VLAN_PCP:
    case MFF_DL_VLAN_PCP:
        ofpact_raw_put(out, version, v10 ? OFPACT_RAW_OFPAT10_SET_VLAN_PCP
                       : OFPACT_RAW_OFPAT11_SET_VLAN_PCP, sf->value.u8);
        break;

    case MFF_ETH_SRC:
    case MFF_ETH_DST: {
        bool src = sf->field->id == MFF_ETH_SRC;
        enum ofpact_raw raw = (v10
                               ? (src ? OFPACT_RAW_OFPAT10_SET_DL_SRC
                                  : OFPACT_RAW_OFPAT10_SET_DL_DST)
                               : (src ? OFPACT_RAW_OFPAT11_SET_DL_SRC
                                  : OFPACT_RAW_OFPAT11_SET_DL_DST));
        uint8_t *p = ofpact_raw_put(out, version, raw, 0);
        memcpy(p + 4, sf->value.mac.ea, ETH_ADDR_LEN);
        break;
    }

    case MFF_IPV4_SRC:
        ofpact_raw_put(out, version, v10 ? OFPACT_RAW_OFPAT10_SET_NW_SRC
                       : OFPACT_RAW_OFPAT11_SET_NW_SRC,
                       ntohl(sf->value.be32));
        break;

    case MFF_IPV4_DST:
        ofpact_raw_put(out, version, v10 ? OFPACT_RAW_OFPAT10_SET_NW_DST
                       : OFPACT_RAW_OFPAT11_SET_NW_DST,
                       ntohl(sf->value.be32));
        break;

    case MFF_IP_DSCP:
        ofpact_raw_put(out, version, v10 ? OFPACT_RAW_OFPAT10_SET_NW_TOS
                       : OFPACT_RAW_OFPAT11_SET_NW_TOS, sf->value.u8);
        break;

    case MFF_IP_DSCP_SHIFTED:
        ofpact_raw_put(out, version, v10 ? OFPACT_RAW_OFPAT10_SET_NW_TOS
                       : OFPACT_RAW_OFPAT11_SET_NW_TOS, sf->value.u8 << 2);
        break;

    case MFF_IP_ECN: {
        struct ofpact_ecn ecn = { .ecn = sf->value.u8 };
        ofpact_encode_SET_IP_ECN(&ecn, version, out);
        break;
    }

    case MFF_TCP_SRC:
    case MFF_UDP_SRC:
        ofpact_raw_put(out, version, v10 ? OFPACT_RAW_OFPAT10_SET_TP_SRC
                       : OFPACT_RAW_OFPAT11_SET_TP_SRC,
                       ntohs(sf->value.be16));
        break;

    case MFF_TCP_DST:
    case MFF_UDP_DST:
        ofpact_raw_put(out, version, v10 ? OFPACT_RAW_OFPAT10_SET_TP_DST
                       : OFPACT_RAW_OFPAT11_SET_TP_DST,
                       ntohs(sf->value.be16));
        break;

    default:
        set_field_to_nxast(sf, out);
        break;
    }
}

void
ofpact_encode_SET_FIELD(const struct ofpact_set_field *sf,
                        enum ofp_version version, struct ofpbuf *out)
{
    if (version >= OFP15_VERSION) {
        set_field_to_set_field(sf, version, out);
    } else if (sf->ofpact.raw == OFPACT_RAW_NXAST_REG_LOAD
               || sf->ofpact.raw == OFPACT_RAW_NXAST_REG_LOAD2) {
        set_field_to_nxast(sf, out);
    } else if (version < OFP12_VERSION) {
        set_field_to_legacy(sf, version, out);
    } else if (mask_is_whole(sf->field, &sf->mask)
               && mf_oxm_header(sf->field, version)) {
        set_field_to_set_field(sf, version, out);
    } else {
        set_field_to_nxast(sf, out);
    }
}

char *
ofpact_parse_SET_FIELD(char *arg, const struct ofpact_parse_params *pp)
{
    char *delim = strstr(arg, "->");
    const struct mf_field *mf;
    union mf_value value, mask;
    char *key, *error;

    if (!delim) {
        return xasprintf("%s: missing `->'", arg);
    }
    if (strlen(delim) <= strlen("->")) {
        return xasprintf("%s: missing field name following `->'", arg);
    }
    key = delim + strlen("->");
    mf = mf_from_name(key);
    if (!mf) {
        return xasprintf("%s is not a valid OXM field name", key);
    }
    if (!mf->writable) {
        return xasprintf("%s is read-only", key);
    }
    *delim = '\0';
    error = mf_parse(mf, arg, &value, &mask);
    if (error) {
        return error;
    }
    /* Keep the value as written, even its bits outside the mask. */
    char *slash = strchr(arg, '/');
    if (slash) {
        union mf_value raw_value;
        char *value_s = xmemdup0(arg, slash - arg);
        char *value_error = mf_parse_value(mf, value_s, &raw_value);
        if (!value_error) {
            value = raw_value;
        }
        free(value_error);
        free(value_s);
    }
    if (!mf_is_value_valid(mf, &value)) {
        return xasprintf("%s is not a valid value for field %s", arg, key);
    }
    *pp->usable_protocols &= ofpact_field_protocols(mf);
    ofpact_put_set_field(pp->ofpacts, mf, &value, &mask);
    return NULL;
}

char *
ofpact_parse_load(char *arg, const struct ofpact_parse_params *pp)
{
    char *arrow = strstr(arg, "->");
    struct mf_subfield dst;
    union mf_subvalue value;
    char *error;

    if (!arrow) {
        return xasprintf("%s: missing `->'", arg);
    }
    *arrow = '\0';
    error = mf_parse_subfield(&dst, arrow + 2);
    if (error) {
        return error;
    }
    /* As ovs-ofctl: messages name the whole "VALUE->DST" argument; a value
     * wider than the whole field is not an integer for it, one that only
     * exceeds the subfield is shown in the field's own format. */
    error = mf_parse_subvalue(arg, &value);
    *arrow = '-';
    if (error || mf_subvalue_width(&value) > (int) dst.field->n_bytes * 8) {
        free(error);
        return xasprintf("%s: cannot parse integer value", arg);
    }
    if (mf_subvalue_width(&value) > (int) dst.n_bits) {
        struct ds ds = DS_EMPTY_INITIALIZER;
        union mf_value v;

        mf_subvalue_to_value(dst.field, &value, &v);
        mf_format(dst.field, &v, NULL, &ds);
        error = xasprintf("%s: value %s does not fit into %u bits",
                          arg, ds_cstr(&ds), dst.n_bits);
        ds_destroy(&ds);
        return error;
    }
    ofpact_put_reg_load(pp->ofpacts, &dst, &value);
    return NULL;
}

void
ofpact_format_SET_FIELD(const struct ofpact_set_field *sf, struct ds *s)
{
    if (sf->ofpact.raw == OFPACT_RAW_NXAST_REG_LOAD) {
        struct mf_subfield dst = { .ofs = 0, .n_bits = 0 };
        uint64_t value;
        bool any = false;

        while (next_load_segment(sf, &dst, &value)) {
            if (any) {
                ds_put_char(s, ',');
            }
            ds_put_format(s, "load:%#"PRIx64"->", value);
            mf_format_subfield(&dst, s);
            any = true;
        }
    } else {
        ds_put_cstr(s, "set_field:");
        mf_format(sf->field, &sf->value,
                  mask_is_whole(sf->field, &sf->mask) ? NULL : &sf->mask, s);
        ds_put_format(s, "->%s", sf->field->name);
    }
}

enum ofperr
ofpact_check_SET_FIELD(struct ofpact_set_field *sf,
                       struct ofpact_check_params *cp)
{
    if (!cp->match) {
        return 0;
    }

    const struct mf_field *mf = sf->field;
    struct flow *flow = &cp->match->flow;
    be16 *tci = &flow->vlans[0].tci;

    if (!mf_are_prereqs_ok(mf, flow, NULL)
        || (mf->id == MFF_VLAN_VID && !(*tci & htons(VLAN_CFI)))) {
        return OFPERR_OFPBAC_MATCH_INCONSISTENT;
    }
    sf->flow_has_vlan = (*tci & htons(VLAN_CFI)) != 0;
    if (mf->id == MFF_VLAN_TCI) {
        *tci = sf->value.be16;
    }
    return 0;
}

/* Move. */

static enum ofperr
decode_copy_field(const uint8_t *headers, size_t left, uint16_t n_bits,
                  uint16_t src_ofs, uint16_t dst_ofs, enum ofpact_raw raw,
                  struct ofpbuf *out)
{
    struct ofpact_reg_move *move = ofpact_put_REG_MOVE(out);
    enum ofperr error;

    move->ofpact.raw = raw;
    move->src.ofs = src_ofs;
    move->src.n_bits = n_bits;
    move->dst.ofs = dst_ofs;
    move->dst.n_bits = n_bits;

    error = ofpact_pull_header(&headers, &left, &move->src.field, NULL);
    if (error) {
        return error;
    }
    error = ofpact_pull_header(&headers, &left, &move->dst.field, NULL);
    if (error) {
        return error;
    }
    if (!ofpact_is_all_zeros(headers, left)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    error = ofpact_check_src(&move->src, NULL);
    return error ? error : ofpact_check_dst(&move->dst, NULL);
}

enum ofperr
ofpact_decode_NXAST_REG_MOVE(const void *a, size_t len,
                             uint64_t arg SVS_UNUSED,
                             const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    return decode_copy_field(p + 16, len - 16, ofpact_rd16(p + 10),
                             ofpact_rd16(p + 12), ofpact_rd16(p + 14),
                             OFPACT_RAW_NXAST_REG_MOVE, ctx->out);
}

enum ofperr
ofpact_decode_ONFACT_COPY_FIELD(const void *a, size_t len,
                                uint64_t arg SVS_UNUSED,
                                const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    return decode_copy_field(p + 20, len - 20, ofpact_rd16(p + 12),
                             ofpact_rd16(p + 14), ofpact_rd16(p + 16),
                             OFPACT_RAW_ONFACT_COPY_FIELD, ctx->out);
}

enum ofperr
ofpact_decode_OFPAT15_COPY_FIELD(const void *a, size_t len,
                                 uint64_t arg SVS_UNUSED,
                                 const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    return decode_copy_field(p + 12, len - 12, ofpact_rd16(p + 4),
                             ofpact_rd16(p + 6), ofpact_rd16(p + 8),
                             OFPACT_RAW_OFPAT15_COPY_FIELD, ctx->out);
}

void
ofpact_encode_REG_MOVE(const struct ofpact_reg_move *move,
                       enum ofp_version version, struct ofpbuf *out)
{
    size_t start = out->size;
    uint8_t *p;

    if (version >= OFP15_VERSION) {
        p = ofpact_raw_put(out, version, OFPACT_RAW_OFPAT15_COPY_FIELD, 0);
        ofpact_wr16(p + 4, move->dst.n_bits);
        ofpact_wr16(p + 6, move->src.ofs);
        ofpact_wr16(p + 8, move->dst.ofs);
        out->size = start + 12;
        nx_put_header(out, move->src.field, version, false);
        nx_put_header(out, move->dst.field, version, false);
    } else if (version >= OFP13_VERSION
               && move->ofpact.raw == OFPACT_RAW_ONFACT_COPY_FIELD) {
        p = ofpact_raw_put(out, version, OFPACT_RAW_ONFACT_COPY_FIELD, 0);
        ofpact_wr16(p + 12, move->dst.n_bits);
        ofpact_wr16(p + 14, move->src.ofs);
        ofpact_wr16(p + 16, move->dst.ofs);
        out->size = start + 20;
        nx_put_header(out, move->src.field, version, false);
        nx_put_header(out, move->dst.field, version, false);
    } else {
        p = ofpact_raw_put(out, version, OFPACT_RAW_NXAST_REG_MOVE, 0);
        ofpact_wr16(p + 10, move->dst.n_bits);
        ofpact_wr16(p + 12, move->src.ofs);
        ofpact_wr16(p + 14, move->dst.ofs);
        nx_put_header(out, move->src.field, OFP10_VERSION, false);
        nx_put_header(out, move->dst.field, OFP10_VERSION, false);
    }
    ofpact_raw_finish(out, start);
}

char *
ofpact_parse_REG_MOVE(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_reg_move *move = ofpact_put_REG_MOVE(pp->ofpacts);
    const char *s = arg;
    char *error;

    error = mf_parse_subfield__(&move->src, &s);
    if (error) {
        return error;
    }
    if (strncmp(s, "->", 2)) {
        return xasprintf("%s: missing `->' following source", arg);
    }
    s += 2;
    error = mf_parse_subfield(&move->dst, s);
    if (error) {
        return error;
    }
    if (move->src.n_bits != move->dst.n_bits) {
        return xasprintf("%s: source field is %u bits wide but destination "
                         "is %u bits wide", arg, move->src.n_bits,
                         move->dst.n_bits);
    }
    return NULL;
}

void
ofpact_format_REG_MOVE(const struct ofpact_reg_move *move, struct ds *s)
{
    ds_put_cstr(s, "move:");
    mf_format_subfield(&move->src, s);
    ds_put_cstr(s, "->");
    mf_format_subfield(&move->dst, s);
}

enum ofperr
ofpact_check_REG_MOVE(struct ofpact_reg_move *move,
                      struct ofpact_check_params *cp)
{
    enum ofperr error = ofpact_check_src(&move->src, cp->match);
    return error ? error : ofpact_check_dst(&move->dst, cp->match);
}

/* Stack push and pop. */

static enum ofperr
decode_stack(const uint8_t *p, size_t len, enum ofpact_type type,
             struct ofpbuf *out)
{
    struct ofpact_stack *st = (struct ofpact_stack *)
        ofpact_put(out, type, sizeof *st);
    const uint8_t *h = p + 12;
    size_t left = len - 12;
    enum ofperr error;

    st->subfield.ofs = ofpact_rd16(p + 10);
    error = ofpact_pull_header(&h, &left, &st->subfield.field, NULL);
    if (error) {
        return error;
    }
    if (left < 2) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    st->subfield.n_bits = ofpact_rd16(h);
    if (!ofpact_is_all_zeros(h + 2, left - 2)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    return type == OFPACT_STACK_PUSH
           ? ofpact_check_src(&st->subfield, NULL)
           : ofpact_check_dst(&st->subfield, NULL);
}

enum ofperr
ofpact_decode_NXAST_STACK_PUSH(const void *a, size_t len,
                               uint64_t arg SVS_UNUSED,
                               const struct ofpact_decode_ctx *ctx)
{
    return decode_stack(a, len, OFPACT_STACK_PUSH, ctx->out);
}

enum ofperr
ofpact_decode_NXAST_STACK_POP(const void *a, size_t len,
                              uint64_t arg SVS_UNUSED,
                              const struct ofpact_decode_ctx *ctx)
{
    return decode_stack(a, len, OFPACT_STACK_POP, ctx->out);
}

static void
encode_stack(const struct ofpact_stack *st, enum ofpact_raw raw,
             enum ofp_version version, struct ofpbuf *out)
{
    size_t start = out->size;
    uint8_t *p = ofpact_raw_put(out, version, raw, 0);
    uint8_t nb[2];

    ofpact_wr16(p + 10, st->subfield.ofs);
    out->size = start + 12;
    nx_put_header(out, st->subfield.field, OFP10_VERSION, false);
    ofpact_wr16(nb, st->subfield.n_bits);
    ofpbuf_put(out, nb, 2);
    if (out->size - start < 24) {
        ofpbuf_put_zeros(out, 24 - (out->size - start));
    }
    ofpact_raw_finish(out, start);
}

void
ofpact_encode_STACK_PUSH(const struct ofpact_stack *st,
                         enum ofp_version version, struct ofpbuf *out)
{
    encode_stack(st, OFPACT_RAW_NXAST_STACK_PUSH, version, out);
}

void
ofpact_encode_STACK_POP(const struct ofpact_stack *st,
                        enum ofp_version version, struct ofpbuf *out)
{
    encode_stack(st, OFPACT_RAW_NXAST_STACK_POP, version, out);
}

char *
ofpact_parse_STACK_PUSH(char *arg, const struct ofpact_parse_params *pp)
{
    return mf_parse_subfield(&ofpact_put_STACK_PUSH(pp->ofpacts)->subfield,
                             arg);
}

char *
ofpact_parse_STACK_POP(char *arg, const struct ofpact_parse_params *pp)
{
    return mf_parse_subfield(&ofpact_put_STACK_POP(pp->ofpacts)->subfield,
                             arg);
}

void
ofpact_format_STACK_PUSH(const struct ofpact_stack *st, struct ds *s)
{
    ds_put_cstr(s, "push:");
    mf_format_subfield(&st->subfield, s);
}

void
ofpact_format_STACK_POP(const struct ofpact_stack *st, struct ds *s)
{
    ds_put_cstr(s, "pop:");
    mf_format_subfield(&st->subfield, s);
}

enum ofperr
ofpact_check_STACK_PUSH(struct ofpact_stack *st,
                        struct ofpact_check_params *cp)
{
    return ofpact_check_src(&st->subfield, cp->match);
}

enum ofperr
ofpact_check_STACK_POP(struct ofpact_stack *st,
                       struct ofpact_check_params *cp)
{
    return ofpact_check_dst(&st->subfield, cp->match);
}

/* Output to a register. */

enum ofperr
ofpact_decode_NXAST_OUTPUT_REG(const void *a, size_t len SVS_UNUSED,
                               uint64_t arg SVS_UNUSED,
                               const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    struct ofpact_output_reg *or;

    if (!ofpact_is_all_zeros(p + 18, 6)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    or = ofpact_put_OUTPUT_REG(ctx->out);
    or->ofpact.raw = OFPACT_RAW_NXAST_OUTPUT_REG;
    ofpact_decode_subfield(ofpact_rd32(p + 12), ofpact_rd16(p + 10),
                           &or->src);
    or->max_len = ofpact_rd16(p + 16);
    return ofpact_check_src(&or->src, NULL);
}

enum ofperr
ofpact_decode_NXAST_OUTPUT_REG2(const void *a, size_t len,
                                uint64_t arg SVS_UNUSED,
                                const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    const uint8_t *h = p + 14;
    size_t left = len - 14;
    struct ofpact_output_reg *or = ofpact_put_OUTPUT_REG(ctx->out);
    uint16_t ofs_nbits = ofpact_rd16(p + 10);
    enum ofperr error;

    or->ofpact.raw = OFPACT_RAW_NXAST_OUTPUT_REG2;
    or->max_len = ofpact_rd16(p + 12);
    or->src.ofs = ofs_nbits >> 6;
    or->src.n_bits = (ofs_nbits & 0x3f) + 1;
    error = ofpact_pull_header(&h, &left, &or->src.field, NULL);
    if (error) {
        return error;
    }
    if (!ofpact_is_all_zeros(h, left)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    return ofpact_check_src(&or->src, NULL);
}

void
ofpact_encode_OUTPUT_REG(const struct ofpact_output_reg *or,
                         enum ofp_version version, struct ofpbuf *out)
{
    uint32_t header = ofpact_nxm_header32(or->src.field);

    if (or->ofpact.raw == OFPACT_RAW_NXAST_OUTPUT_REG2 || !header) {
        size_t start = out->size;
        uint8_t *p = ofpact_raw_put(out, version,
                                    OFPACT_RAW_NXAST_OUTPUT_REG2, 0);

        ofpact_wr16(p + 10, ofpact_ofs_nbits(or->src.ofs, or->src.n_bits));
        ofpact_wr16(p + 12, or->max_len);
        out->size = start + 14;
        nx_put_header(out, or->src.field, OFP10_VERSION, false);
        if (out->size - start < 24) {
            ofpbuf_put_zeros(out, 24 - (out->size - start));
        }
        ofpact_raw_finish(out, start);
    } else {
        uint8_t *p = ofpact_raw_put(out, version,
                                    OFPACT_RAW_NXAST_OUTPUT_REG, 0);
        ofpact_wr16(p + 10, ofpact_ofs_nbits(or->src.ofs, or->src.n_bits));
        ofpact_wr32(p + 12, header);
        ofpact_wr16(p + 16, or->max_len);
    }
}

char *
ofpact_parse_OUTPUT_REG(char *arg, const struct ofpact_parse_params *pp)
{
    return ofpact_parse_OUTPUT(arg, pp);
}

void
ofpact_format_OUTPUT_REG(const struct ofpact_output_reg *or, struct ds *s)
{
    ds_put_cstr(s, "output:");
    mf_format_subfield(&or->src, s);
}

enum ofperr
ofpact_check_OUTPUT_REG(struct ofpact_output_reg *or,
                        struct ofpact_check_params *cp)
{
    return ofpact_check_src(&or->src, cp->match);
}

/* check_pkt_larger. */

enum ofperr
ofpact_decode_NXAST_CHECK_PKT_LARGER(const void *a, size_t len,
                                     uint64_t arg SVS_UNUSED,
                                     const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    const uint8_t *h = p + 14;
    size_t left = len - 14;
    struct ofpact_check_pkt_larger *cpl
        = ofpact_put_CHECK_PKT_LARGER(ctx->out);
    enum ofperr error;

    cpl->pkt_len = ofpact_rd16(p + 10);
    cpl->dst.ofs = ofpact_rd16(p + 12);
    cpl->dst.n_bits = 1;
    error = ofpact_pull_header(&h, &left, &cpl->dst.field, NULL);
    if (error) {
        return error;
    }
    if (!ofpact_is_all_zeros(h, left)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    return ofpact_check_dst(&cpl->dst, NULL);
}

void
ofpact_encode_CHECK_PKT_LARGER(const struct ofpact_check_pkt_larger *cpl,
                               enum ofp_version version, struct ofpbuf *out)
{
    size_t start = out->size;
    uint8_t *p = ofpact_raw_put(out, version,
                                OFPACT_RAW_NXAST_CHECK_PKT_LARGER, 0);

    ofpact_wr16(p + 10, cpl->pkt_len);
    ofpact_wr16(p + 12, cpl->dst.ofs);
    out->size = start + 14;
    nx_put_header(out, cpl->dst.field, OFP10_VERSION, false);
    if (out->size - start < 24) {
        ofpbuf_put_zeros(out, 24 - (out->size - start));
    }
    ofpact_raw_finish(out, start);
}

char *
ofpact_parse_CHECK_PKT_LARGER(char *arg, const struct ofpact_parse_params *pp)
{
    char *arrow = strstr(arg, ")->");
    struct ofpact_check_pkt_larger *cpl;
    struct mf_subfield dst;
    uint16_t pkt_len;
    char *error;

    if (!arrow) {
        return xstrdup("check_pkt_larger: \"->\" expected after packet "
                       "length");
    }
    *arrow = '\0';
    error = ofpact_str_to_u16(arg, "check_pkt_larger length", &pkt_len);
    if (error) {
        return error;
    }
    error = mf_parse_subfield(&dst, arrow + 3);
    if (error) {
        return error;
    }
    if (dst.n_bits != 1) {
        return xstrdup("Only 1-bit destination field is allowed");
    }
    cpl = ofpact_put_CHECK_PKT_LARGER(pp->ofpacts);
    cpl->pkt_len = pkt_len;
    cpl->dst = dst;
    return NULL;
}

void
ofpact_format_CHECK_PKT_LARGER(const struct ofpact_check_pkt_larger *cpl,
                               struct ds *s)
{
    ds_put_format(s, "check_pkt_larger(%u)->", cpl->pkt_len);
    mf_format_subfield(&cpl->dst, s);
}

enum ofperr
ofpact_check_CHECK_PKT_LARGER(struct ofpact_check_pkt_larger *cpl,
                              struct ofpact_check_params *cp)
{
    return ofpact_check_dst(&cpl->dst, cp->match);
}

/* delete_field.  Only tunnel metadata (tun_metadata0..63) may be deleted,
 * and svs's field catalogue has none, so no field qualifies. */

enum ofperr
ofpact_decode_NXAST_DELETE_FIELD(const void *a, size_t len,
                                 uint64_t arg SVS_UNUSED,
                                 const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *h = (const uint8_t *) a + 10;
    size_t left = len - 10;
    const struct mf_field *field;
    enum ofperr error = ofpact_pull_header(&h, &left, &field, NULL);

    if (error) {
        return error;
    }
    /* Only Geneve options can be deleted. */
    if (!field->variable_len) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (!ofpact_is_all_zeros(h, left)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    ofpact_put_DELETE_FIELD(ctx->out)->field = field;
    return 0;
}

void
ofpact_encode_DELETE_FIELD(const struct ofpact_delete_field *df,
                           enum ofp_version version, struct ofpbuf *out)
{
    size_t start = out->size;

    /* The header right after the subtype, in a 24-byte action. */
    ofpact_raw_put(out, version, OFPACT_RAW_NXAST_DELETE_FIELD, 0);
    out->size = start + 10;
    nx_put_header(out, df->field, OFP10_VERSION, false);
    ofpbuf_put_zeros(out, 24 - (out->size - start));
    ofpact_raw_finish(out, start);
}

char *
ofpact_parse_DELETE_FIELD(char *arg, const struct ofpact_parse_params *pp)
{
    const struct mf_field *field = mf_from_any_name(arg, strlen(arg));

    if (!field) {
        return xasprintf("unknown field `%s'", arg);
    }
    /* Other fields parse but fail the check, as with ovs-ofctl. */
    ofpact_put_DELETE_FIELD(pp->ofpacts)->field = field;
    return NULL;
}

void
ofpact_format_DELETE_FIELD(const struct ofpact_delete_field *df,
                           struct ds *s)
{
    ds_put_format(s, "delete_field:%s", df->field->name);
}

enum ofperr
ofpact_check_DELETE_FIELD(struct ofpact_delete_field *df,
                          struct ofpact_check_params *cp SVS_UNUSED)
{
    return df->field->variable_len ? 0 : OFPERR_OFPBAC_BAD_ARGUMENT;
}
