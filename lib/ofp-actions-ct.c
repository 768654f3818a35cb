/* ofp-actions-ct.c: connection tracking (ct, nat, ct_clear), clone, and
 * generic encapsulation (encap, decap). */

#include <config.h>
#include "ofp-actions.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include "dynamic-string.h"
#include "match.h"
#include "meta-flow.h"
#include "nx-match.h"
#include "ofp-actions-private.h"
#include "openflow.h"
#include "packets.h"

#define CT_PORT_FTP 21
#define CT_PORT_TFTP 69

/* NXAST_NAT range_present bits. */
enum {
    NX_NAT_RANGE_IPV4_MIN = 1 << 0,
    NX_NAT_RANGE_IPV4_MAX = 1 << 1,
    NX_NAT_RANGE_IPV6_MIN = 1 << 2,
    NX_NAT_RANGE_IPV6_MAX = 1 << 3,
    NX_NAT_RANGE_PROTO_MIN = 1 << 4,
    NX_NAT_RANGE_PROTO_MAX = 1 << 5,
};

static bool
flow_is_ip_any(const struct flow *flow)
{
    return flow->dl_type == htons(ETH_TYPE_IP)
        || flow->dl_type == htons(ETH_TYPE_IPV6);
}

/* ct. */

static size_t
ct_actions_len(const struct ofpact_conntrack *ct)
{
    return ct->ofpact.len - offsetof(struct ofpact_conntrack, actions);
}

enum ofperr
ofpact_decode_NXAST_CT(const void *a, size_t len, uint64_t arg SVS_UNUSED,
                       const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    size_t start = ctx->out->size;
    struct ofpact_conntrack *ct = ofpact_put_CT(ctx->out);
    uint32_t zone_src = ofpact_rd32(p + 12);
    enum ofperr error;

    ct->flags = ofpact_rd16(p + 10);
    if (zone_src) {
        ofpact_decode_subfield(zone_src, ofpact_rd16(p + 16), &ct->zone_src);
        error = ofpact_check_src(&ct->zone_src, NULL);
        if (error) {
            return error;
        }
        if (ct->zone_src.n_bits != 16) {
            return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
        }
    } else {
        ct->zone_imm = ofpact_rd16(p + 16);
    }
    ct->recirc_table = p[18];
    ct->alg = ofpact_rd16(p + 22);

    error = ofpact_decode_nested(p + 24, len - 24, ctx);
    if (error) {
        return error;
    }
    ct = ofpbuf_at_assert(ctx->out, start, sizeof *ct);
    ofpact_finish_CT(ctx->out, &ct);

    error = ofpacts_verify_nested(ct->actions, ct_actions_len(ct),
                                  OFPACT_CT, NULL);
    if (error) {
        return error;
    }
    if (ct_actions_len(ct) && !(ct->flags & NX_CT_F_COMMIT)) {
        const struct ofpact *na;

        OFPACT_FOR_EACH (na, ct->actions, ct_actions_len(ct)) {
            if (na->type != OFPACT_NAT
                || ofpact_get_NAT(na)->flags
                || ofpact_get_NAT(na)->range_af != AF_UNSPEC) {
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            }
        }
    }
    return 0;
}

void
ofpact_encode_CT(const struct ofpact_conntrack *ct, enum ofp_version version,
                 struct ofpbuf *out)
{
    size_t start = out->size;
    uint8_t *p = ofpact_raw_put(out, version, OFPACT_RAW_NXAST_CT, 0);

    ofpact_wr16(p + 10, ct->flags);
    if (ct->zone_src.field) {
        ofpact_wr32(p + 12, ofpact_nxm_header32(ct->zone_src.field));
        ofpact_wr16(p + 16, ofpact_ofs_nbits(ct->zone_src.ofs,
                                             ct->zone_src.n_bits));
    } else {
        ofpact_wr16(p + 16, ct->zone_imm);
    }
    p[18] = ct->recirc_table;
    ofpact_wr16(p + 22, ct->alg);
    ofpact_encode_nested(ct->actions, ct_actions_len(ct), version, out);
    ofpact_raw_finish(out, start);
}

char *
ofpact_parse_CT(char *arg, const struct ofpact_parse_params *pp)
{
    size_t start = pp->ofpacts->size;
    struct ofpact_conntrack *ct = ofpact_put_CT(pp->ofpacts);
    char *key, *value;
    char *error = NULL;
    uint16_t flags = 0, zone_imm = 0, alg = 0;
    uint8_t recirc_table = NX_CT_RECIRC_NONE;
    struct mf_subfield zone_src = { .field = NULL };

    (void) ct;
    while (!error && ofpact_parse_key_value(&arg, &key, &value)) {
        if (!strcmp(key, "commit")) {
            flags |= NX_CT_F_COMMIT;
        } else if (!strcmp(key, "force")) {
            flags |= NX_CT_F_FORCE;
        } else if (!strcmp(key, "table")) {
            error = ofpact_str_to_u8(value, "recirc_table", &recirc_table);
            if (!error && recirc_table == NX_CT_RECIRC_NONE) {
                error = xstrdup("invalid table 0xff");
            }
        } else if (!strcmp(key, "zone")) {
            if (value[0] >= '0' && value[0] <= '9') {
                error = ofpact_str_to_u16(value, "zone", &zone_imm);
            } else {
                error = mf_parse_subfield(&zone_src, value);
                if (!error && zone_src.n_bits != 16) {
                    error = xasprintf("%s: zone subfield must be 16 bits",
                                      value);
                }
            }
        } else if (!strcmp(key, "alg")) {
            if (!strcmp(value, "ftp")) {
                alg = CT_PORT_FTP;
            } else if (!strcmp(value, "tftp")) {
                alg = CT_PORT_TFTP;
            } else {
                error = ofpact_str_to_u16(value, "alg", &alg);
            }
        } else if (!strcmp(key, "exec")) {
            uint32_t usable2 = *pp->usable_protocols;
            struct ofpact_parse_params pp2 = *pp;

            pp2.usable_protocols = &usable2;
            error = ofpact_parse_nested(value, &pp2, OFPACT_CT);
            *pp->usable_protocols &= usable2;
        } else if (!strcmp(key, "nat")) {
            error = ofpact_parse_NAT(value, pp);
        } else {
            error = xasprintf("invalid argument to \"ct\" action: `%s'",
                              key);
        }
    }
    if (error) {
        return error;
    }
    if ((flags & NX_CT_F_FORCE) && !(flags & NX_CT_F_COMMIT)) {
        return xstrdup("\"force\" flag requires \"commit\" flag.");
    }
    ct = ofpbuf_at_assert(pp->ofpacts, start, sizeof *ct);
    ct->flags = flags;
    ct->zone_imm = zone_imm;
    ct->zone_src = zone_src;
    ct->alg = alg;
    ct->recirc_table = recirc_table;
    ofpact_finish_CT(pp->ofpacts, &ct);
    return NULL;
}

static void
format_alg(uint16_t alg, struct ds *s)
{
    if (alg == CT_PORT_FTP) {
        ds_put_cstr(s, "alg=ftp,");
    } else if (alg == CT_PORT_TFTP) {
        ds_put_cstr(s, "alg=tftp,");
    } else if (alg) {
        ds_put_format(s, "alg=%u,", alg);
    }
}

void
ofpact_format_CT(const struct ofpact_conntrack *ct, struct ds *s)
{
    const struct ofpact *na = ct->actions;
    size_t len = ct_actions_len(ct);

    ds_put_cstr(s, "ct(");
    if (ct->flags & NX_CT_F_COMMIT) {
        ds_put_cstr(s, "commit,");
    }
    if (ct->flags & NX_CT_F_FORCE) {
        ds_put_cstr(s, "force,");
    }
    if (ct->recirc_table != NX_CT_RECIRC_NONE) {
        ds_put_format(s, "table=%u,", ct->recirc_table);
    }
    if (ct->zone_src.field) {
        ds_put_cstr(s, "zone=");
        mf_format_subfield(&ct->zone_src, s);
        ds_put_char(s, ',');
    } else if (ct->zone_imm) {
        ds_put_format(s, "zone=%u,", ct->zone_imm);
    }
    if (len && na->type == OFPACT_NAT) {
        const struct ofpact *end = ofpact_end(ct->actions, len);

        ofpact_format_NAT(ofpact_get_NAT(na), s);
        ds_put_char(s, ',');
        na = ofpact_next(na);
        len = na < end ? (size_t) ((const uint8_t *) end
                                   - (const uint8_t *) na) : 0;
    }
    if (len) {
        ds_put_cstr(s, "exec(");
        ofpacts_format(na, len, s);
        ds_put_cstr(s, "),");
    }
    format_alg(ct->alg, s);
    ds_chomp(s, ',');
    ds_put_char(s, ')');
}

enum ofperr
ofpact_check_CT(struct ofpact_conntrack *ct, struct ofpact_check_params *cp)
{
    if (cp->match) {
        const struct flow *flow = &cp->match->flow;

        if (!flow_is_ip_any(flow)
            || ((flow->ct_state & CS_INVALID)
                && (ct->flags & NX_CT_F_COMMIT))
            || (ct->alg == CT_PORT_FTP && flow->nw_proto != IPPROTO_TCP)
            || (ct->alg == CT_PORT_TFTP && flow->nw_proto != IPPROTO_UDP)) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
    }
    if (ct->zone_src.field) {
        enum ofperr error = ofpact_check_src(&ct->zone_src, cp->match);
        if (error) {
            return error;
        }
    }
    return ofpacts_check(ct->actions, ct_actions_len(ct), cp);
}

/* ct_clear. */

enum ofperr
ofpact_decode_NXAST_CT_CLEAR(const void *a SVS_UNUSED, size_t len SVS_UNUSED,
                             uint64_t arg SVS_UNUSED,
                             const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_CT_CLEAR(ctx->out);
    return 0;
}

void
ofpact_encode_CT_CLEAR(const struct ofpact_null *n SVS_UNUSED,
                       enum ofp_version version, struct ofpbuf *out)
{
    ofpact_raw_put(out, version, OFPACT_RAW_NXAST_CT_CLEAR, 0);
}

char *
ofpact_parse_CT_CLEAR(char *arg SVS_UNUSED,
                      const struct ofpact_parse_params *pp)
{
    ofpact_put_CT_CLEAR(pp->ofpacts);
    return NULL;
}

void
ofpact_format_CT_CLEAR(const struct ofpact_null *n SVS_UNUSED, struct ds *s)
{
    ds_put_cstr(s, "ct_clear");
}

enum ofperr
ofpact_check_CT_CLEAR(struct ofpact_null *n SVS_UNUSED,
                      struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* nat. */

enum ofperr
ofpact_decode_NXAST_NAT(const void *a, size_t len, uint64_t arg SVS_UNUSED,
                        const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    const uint8_t *q = p + 16, *end = p + len;
    uint16_t flags = ofpact_rd16(p + 12);
    uint16_t present = ofpact_rd16(p + 14);
    struct ofpact_nat *nat;

    if ((flags & ~NX_NAT_F_MASK)
        || ((flags & NX_NAT_F_SRC) && (flags & NX_NAT_F_DST))
        || ((flags & NX_NAT_F_PROTO_HASH)
            && (flags & NX_NAT_F_PROTO_RANDOM))) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }

    nat = ofpact_put_NAT(ctx->out);
    nat->flags = flags;
    nat->range_af = AF_UNSPEC;

    if (present & NX_NAT_RANGE_IPV4_MIN) {
        if (q + 4 > end) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        nat->range_af = AF_INET;
        nat->range.ipv4.min = htonl(ofpact_rd32(q));
        q += 4;
        if (present & NX_NAT_RANGE_IPV4_MAX) {
            if (q + 4 > end) {
                return OFPERR_OFPBAC_BAD_LEN;
            }
            nat->range.ipv4.max = htonl(ofpact_rd32(q));
            q += 4;
        }
    } else if (present & NX_NAT_RANGE_IPV4_MAX) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }

    if (present & NX_NAT_RANGE_IPV6_MIN) {
        if (nat->range_af != AF_UNSPEC) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        if (q + 16 > end) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        nat->range_af = AF_INET6;
        memcpy(&nat->range.ipv6.min, q, 16);
        q += 16;
        if (present & NX_NAT_RANGE_IPV6_MAX) {
            if (q + 16 > end) {
                return OFPERR_OFPBAC_BAD_LEN;
            }
            memcpy(&nat->range.ipv6.max, q, 16);
            q += 16;
        }
    } else if (present & NX_NAT_RANGE_IPV6_MAX) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }

    if (present & NX_NAT_RANGE_PROTO_MIN) {
        if (q + 2 > end) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        nat->range.proto.min = ofpact_rd16(q);
        q += 2;
        if (present & NX_NAT_RANGE_PROTO_MAX) {
            if (q + 2 > end) {
                return OFPERR_OFPBAC_BAD_LEN;
            }
            nat->range.proto.max = ofpact_rd16(q);
            q += 2;
        }
    } else if (present & NX_NAT_RANGE_PROTO_MAX) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return 0;
}

void
ofpact_encode_NAT(const struct ofpact_nat *nat, enum ofp_version version,
                  struct ofpbuf *out)
{
    size_t start = out->size;
    uint16_t present = 0;
    uint8_t *p;

    ofpact_raw_put(out, version, OFPACT_RAW_NXAST_NAT, 0);
    if (nat->range_af == AF_INET) {
        if (nat->range.ipv4.min) {
            uint8_t v[4];
            ofpact_wr32(v, ntohl(nat->range.ipv4.min));
            ofpbuf_put(out, v, 4);
            present |= NX_NAT_RANGE_IPV4_MIN;
        }
        if (nat->range.ipv4.max) {
            uint8_t v[4];
            ofpact_wr32(v, ntohl(nat->range.ipv4.max));
            ofpbuf_put(out, v, 4);
            present |= NX_NAT_RANGE_IPV4_MAX;
        }
    } else if (nat->range_af == AF_INET6) {
        if (!ipv6_is_zero(&nat->range.ipv6.min)) {
            ofpbuf_put(out, &nat->range.ipv6.min, 16);
            present |= NX_NAT_RANGE_IPV6_MIN;
        }
        if (!ipv6_is_zero(&nat->range.ipv6.max)) {
            ofpbuf_put(out, &nat->range.ipv6.max, 16);
            present |= NX_NAT_RANGE_IPV6_MAX;
        }
    }
    if (nat->range_af != AF_UNSPEC) {
        if (nat->range.proto.min) {
            uint8_t v[2];
            ofpact_wr16(v, nat->range.proto.min);
            ofpbuf_put(out, v, 2);
            present |= NX_NAT_RANGE_PROTO_MIN;
        }
        if (nat->range.proto.max) {
            uint8_t v[2];
            ofpact_wr16(v, nat->range.proto.max);
            ofpbuf_put(out, v, 2);
            present |= NX_NAT_RANGE_PROTO_MAX;
        }
    }
    ofpact_raw_finish(out, start);
    p = (uint8_t *) out->data + start;
    ofpact_wr16(p + 12, nat->flags);
    ofpact_wr16(p + 14, present);
}

/* Parses "IP[-IP][:PORT[-PORT]]" (IPv6 addresses in brackets, or bare if
 * there is no port) into 'nat'. */
static char *
parse_nat_range(char *s, struct ofpact_nat *nat)
{
    char *ports = NULL;
    char *addr = s;

    if (*s == '[') {
        /* [v6]-[v6]:ports */
        char *min = s + 1;
        char *close = strchr(min, ']');
        if (!close) {
            return xasprintf("%s: missing ']'", s);
        }
        *close = '\0';
        if (!ipv6_parse(min, &nat->range.ipv6.min)) {
            return xasprintf("%s: invalid IP address", min);
        }
        nat->range_af = AF_INET6;
        s = close + 1;
        if (*s == '-') {
            s++;
            if (*s != '[') {
                return xasprintf("%s: invalid IP address", s);
            }
            char *max = s + 1;
            close = strchr(max, ']');
            if (!close) {
                return xasprintf("%s: missing ']'", s);
            }
            *close = '\0';
            if (!ipv6_parse(max, &nat->range.ipv6.max)) {
                return xasprintf("%s: invalid IP address", max);
            }
            s = close + 1;
        }
        if (*s == ':') {
            ports = s + 1;
        } else if (*s) {
            return xasprintf("%s: invalid NAT range", s);
        }
    } else {
        char *colon;
        bool v6 = strchr(addr, ':') && (strchr(addr, ':') != strrchr(addr,
                                                                      ':'));
        if (v6) {
            char *dash = strchr(addr, '-');
            if (dash) {
                *dash = '\0';
            }
            if (!ipv6_parse(addr, &nat->range.ipv6.min)) {
                return xasprintf("%s: invalid IP address", addr);
            }
            if (dash && !ipv6_parse(dash + 1, &nat->range.ipv6.max)) {
                return xasprintf("%s: invalid IP address", dash + 1);
            }
            nat->range_af = AF_INET6;
        } else {
            colon = strchr(addr, ':');
            if (colon) {
                *colon = '\0';
                ports = colon + 1;
            }
            char *dash = strchr(addr, '-');
            if (dash) {
                *dash = '\0';
            }
            if (!ip_parse(addr, &nat->range.ipv4.min)) {
                return xasprintf("%s: invalid IP address", addr);
            }
            if (dash && !ip_parse(dash + 1, &nat->range.ipv4.max)) {
                return xasprintf("%s: invalid IP address", dash + 1);
            }
            nat->range_af = AF_INET;
        }
    }

    if (ports) {
        char *dash = strchr(ports, '-');
        char *error;

        if (dash) {
            *dash = '\0';
        }
        error = ofpact_str_to_u16(ports, "port", &nat->range.proto.min);
        if (error) {
            return error;
        }
        if (dash) {
            error = ofpact_str_to_u16(dash + 1, "port",
                                      &nat->range.proto.max);
            if (error) {
                return error;
            }
        }
    }
    return NULL;
}

char *
ofpact_parse_NAT(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_nat *nat = ofpact_put_NAT(pp->ofpacts);
    char *key, *value;

    nat->range_af = AF_UNSPEC;
    while (ofpact_parse_key_value(&arg, &key, &value)) {
        char *error = NULL;

        if (!strcmp(key, "src") || !strcmp(key, "dst")) {
            if (nat->flags & (NX_NAT_F_SRC | NX_NAT_F_DST)) {
                return xasprintf("%s: both src and dst NAT flags "
                                 "specified", key);
            }
            nat->flags |= !strcmp(key, "src") ? NX_NAT_F_SRC : NX_NAT_F_DST;
            if (*value) {
                error = parse_nat_range(value, nat);
            }
        } else if (!strcmp(key, "persistent")) {
            nat->flags |= NX_NAT_F_PERSISTENT;
        } else if (!strcmp(key, "hash")) {
            nat->flags |= NX_NAT_F_PROTO_HASH;
        } else if (!strcmp(key, "random")) {
            nat->flags |= NX_NAT_F_PROTO_RANDOM;
        } else {
            error = xasprintf("invalid key \"%s\" in \"nat\" argument", key);
        }
        if (error) {
            return error;
        }
    }
    if (nat->range_af == AF_UNSPEC && nat->flags & ~(NX_NAT_F_SRC
                                                      | NX_NAT_F_DST)
        && !(nat->flags & (NX_NAT_F_SRC | NX_NAT_F_DST))) {
        return xstrdup("NAT flags may be specified only with src or dst");
    }
    if ((nat->flags & NX_NAT_F_PROTO_HASH)
        && (nat->flags & NX_NAT_F_PROTO_RANDOM)) {
        return xstrdup("Both \"hash\" and \"random\" are specified for ct "
                       "NAT action");
    }
    return NULL;
}

static void
format_ipv6_bracket(const struct in6_addr *addr, bool bracket, struct ds *s)
{
    if (bracket) {
        ds_put_char(s, '[');
    }
    ipv6_format_addr(addr, s);
    if (bracket) {
        ds_put_char(s, ']');
    }
}

void
ofpact_format_NAT(const struct ofpact_nat *nat, struct ds *s)
{
    ds_put_cstr(s, "nat");
    if (!(nat->flags & (NX_NAT_F_SRC | NX_NAT_F_DST))) {
        return;
    }
    ds_put_format(s, "(%s", nat->flags & NX_NAT_F_SRC ? "src" : "dst");
    if (nat->range_af != AF_UNSPEC) {
        ds_put_char(s, '=');
        if (nat->range_af == AF_INET) {
            ds_put_format(s, IP_FMT, IP_ARGS(nat->range.ipv4.min));
            if (nat->range.ipv4.max
                && nat->range.ipv4.max != nat->range.ipv4.min) {
                ds_put_format(s, "-"IP_FMT, IP_ARGS(nat->range.ipv4.max));
            }
        } else {
            bool bracket = nat->range.proto.min != 0;
            format_ipv6_bracket(&nat->range.ipv6.min, bracket, s);
            if (!ipv6_is_zero(&nat->range.ipv6.max)
                && !ipv6_addr_equals(&nat->range.ipv6.max,
                                     &nat->range.ipv6.min)) {
                ds_put_char(s, '-');
                format_ipv6_bracket(&nat->range.ipv6.max, bracket, s);
            }
        }
        if (nat->range.proto.min) {
            ds_put_format(s, ":%u", nat->range.proto.min);
            if (nat->range.proto.max
                && nat->range.proto.max != nat->range.proto.min) {
                ds_put_format(s, "-%u", nat->range.proto.max);
            }
        }
    }
    ds_put_char(s, ',');
    if (nat->flags & NX_NAT_F_PERSISTENT) {
        ds_put_cstr(s, "persistent,");
    }
    if (nat->flags & NX_NAT_F_PROTO_HASH) {
        ds_put_cstr(s, "hash,");
    }
    if (nat->flags & NX_NAT_F_PROTO_RANDOM) {
        ds_put_cstr(s, "random,");
    }
    ds_chomp(s, ',');
    ds_put_char(s, ')');
}

enum ofperr
ofpact_check_NAT(struct ofpact_nat *nat, struct ofpact_check_params *cp)
{
    if (cp->match) {
        be16 dl_type = cp->match->flow.dl_type;

        if (!flow_is_ip_any(&cp->match->flow)
            || (nat->range_af == AF_INET && dl_type != htons(ETH_TYPE_IP))
            || (nat->range_af == AF_INET6
                && dl_type != htons(ETH_TYPE_IPV6))) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
    }
    return 0;
}

/* clone. */

enum ofperr
ofpact_decode_NXAST_CLONE(const void *a, size_t len, uint64_t arg SVS_UNUSED,
                          const struct ofpact_decode_ctx *ctx)
{
    size_t start = ctx->out->size;
    struct ofpact_nest *clone;
    enum ofperr error;

    ofpact_put_CLONE(ctx->out);
    error = ofpact_decode_nested((const uint8_t *) a + 16, len - 16, ctx);
    if (error) {
        return error;
    }
    clone = ofpbuf_at_assert(ctx->out, start, sizeof *clone);
    ofpact_finish_CLONE(ctx->out, &clone);
    return ofpacts_verify_nested(clone->actions,
                                 clone->ofpact.len
                                 - offsetof(struct ofpact_nest, actions),
                                 OFPACT_CLONE, NULL);
}

void
ofpact_encode_CLONE(const struct ofpact_nest *clone,
                    enum ofp_version version, struct ofpbuf *out)
{
    size_t start = out->size;

    ofpact_raw_put(out, version, OFPACT_RAW_NXAST_CLONE, 0);
    ofpact_encode_nested(clone->actions,
                         clone->ofpact.len
                         - offsetof(struct ofpact_nest, actions),
                         version, out);
    ofpact_raw_finish(out, start);
}

char *
ofpact_parse_CLONE(char *arg, const struct ofpact_parse_params *pp)
{
    size_t start = pp->ofpacts->size;
    struct ofpact_nest *clone;
    char *error;

    ofpact_put_CLONE(pp->ofpacts);
    error = ofpact_parse_nested(arg, pp, OFPACT_CLONE);
    if (error) {
        return error;
    }
    clone = ofpbuf_at_assert(pp->ofpacts, start, sizeof *clone);
    ofpact_finish_CLONE(pp->ofpacts, &clone);
    return NULL;
}

void
ofpact_format_CLONE(const struct ofpact_nest *clone, struct ds *s)
{
    ds_put_cstr(s, "clone(");
    ofpacts_format(clone->actions,
                   clone->ofpact.len - offsetof(struct ofpact_nest, actions),
                   s);
    ds_put_char(s, ')');
}

enum ofperr
ofpact_check_CLONE(struct ofpact_nest *clone, struct ofpact_check_params *cp)
{
    return ofpacts_check(clone->actions,
                         clone->ofpact.len
                         - offsetof(struct ofpact_nest, actions), cp);
}

/* encap and decap. */

/* The packet types that encap accepts, by name. */
static const struct {
    const char *name;
    uint32_t packet_type;
} encap_types[] = {
    { "ethernet", PT_ETH },
    { "nsh", PT_NSH },
    { "mpls", PT_MPLS },
    { "mpls_mc", PACKET_TYPE(PT_NS_ETHERTYPE, ETH_TYPE_MPLS_MCAST) },
};

static const char *
encap_type_name(uint32_t pt)
{
    for (size_t i = 0; i < ARRAY_SIZE(encap_types); i++) {
        if (encap_types[i].packet_type == pt) {
            return encap_types[i].name;
        }
    }
    return NULL;
}

static size_t
ed_prop_size(const struct ofpact_ed_prop *prop)
{
    return ROUND_UP(prop->len, 8);
}

enum ofperr
ofpact_decode_NXAST_ENCAP(const void *a, size_t len, uint64_t arg SVS_UNUSED,
                          const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    const uint8_t *q = p + 16;
    size_t left = len - 16;
    size_t start = ctx->out->size;
    struct ofpact_encap *encap = ofpact_put_ENCAP(ctx->out);
    uint32_t pt = ofpact_rd32(p + 12);
    uint16_t n_props = 0;

    if (!encap_type_name(pt)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    encap->new_pkt_type = htonl(pt);
    encap->hdr_size = ofpact_rd16(p + 10);

    while (left) {
        uint16_t class;
        uint8_t type, plen;

        if (left < 4) {
            return OFPERR_NXBAC_BAD_ED_PROP;
        }
        class = ofpact_rd16(q);
        type = q[2];
        plen = q[3];
        if (plen < 4 || ROUND_UP(plen, 8) > left) {
            return OFPERR_NXBAC_BAD_ED_PROP;
        }
        if (class != OFPPPC_NSH || pt != PT_NSH) {
            return OFPERR_NXBAC_UNKNOWN_ED_PROP;
        }
        if (type == OFPPPT_PROP_NSH_MDTYPE) {
            struct ofpact_ed_prop_nsh_md_type *md;
            if (plen != 5) {
                return OFPERR_NXBAC_BAD_ED_PROP;
            }
            md = ofpbuf_put_zeros(ctx->out, sizeof *md);
            md->header.prop_class = class;
            md->header.type = type;
            md->header.len = sizeof *md;
            md->md_type = q[4];
        } else if (type == OFPPPT_PROP_NSH_TLV) {
            struct ofpact_ed_prop_nsh_tlv *tlv;
            uint8_t tlv_len;
            size_t size;

            if (plen < 8) {
                return OFPERR_NXBAC_BAD_ED_PROP;
            }
            tlv_len = q[7];
            if (8 + (size_t) tlv_len > plen) {
                return OFPERR_NXBAC_BAD_ED_PROP;
            }
            size = ROUND_UP(sizeof *tlv + tlv_len, 8);
            tlv = ofpbuf_put_zeros(ctx->out, size);
            tlv->header.prop_class = class;
            tlv->header.type = type;
            tlv->header.len = sizeof *tlv + tlv_len;
            tlv->tlv_class = htons(ofpact_rd16(q + 4));
            tlv->tlv_type = q[6];
            tlv->tlv_len = tlv_len;
            memcpy(tlv->data, q + 8, tlv_len);
        } else {
            return OFPERR_NXBAC_UNKNOWN_ED_PROP;
        }
        n_props++;
        q += ROUND_UP(plen, 8);
        left -= ROUND_UP(plen, 8);
    }
    encap = ofpbuf_at_assert(ctx->out, start, sizeof *encap);
    encap->n_props = n_props;
    ofpact_finish_ENCAP(ctx->out, &encap);
    return 0;
}

void
ofpact_encode_ENCAP(const struct ofpact_encap *encap,
                    enum ofp_version version, struct ofpbuf *out)
{
    size_t start = out->size;
    uint8_t *p = ofpact_raw_put(out, version, OFPACT_RAW_NXAST_ENCAP, 0);
    const struct ofpact_ed_prop *prop = encap->props;

    ofpact_wr16(p + 10, encap->hdr_size);
    ofpact_wr32(p + 12, ntohl(encap->new_pkt_type));
    for (uint16_t i = 0; i < encap->n_props; i++) {
        if (prop->type == OFPPPT_PROP_NSH_MDTYPE) {
            const struct ofpact_ed_prop_nsh_md_type *md = (const void *) prop;
            uint8_t *q = ofpbuf_put_zeros(out, 8);
            ofpact_wr16(q, prop->prop_class);
            q[2] = prop->type;
            q[3] = 5;
            q[4] = md->md_type;
        } else if (prop->type == OFPPPT_PROP_NSH_TLV) {
            const struct ofpact_ed_prop_nsh_tlv *tlv = (const void *) prop;
            size_t plen = ROUND_UP(8 + tlv->tlv_len, 8);
            uint8_t *q = ofpbuf_put_zeros(out, plen);
            ofpact_wr16(q, prop->prop_class);
            q[2] = prop->type;
            q[3] = plen;
            ofpact_wr16(q + 4, ntohs(tlv->tlv_class));
            q[6] = tlv->tlv_type;
            q[7] = tlv->tlv_len;
            memcpy(q + 8, tlv->data, tlv->tlv_len);
        }
        prop = (const void *) ((const uint8_t *) prop + ed_prop_size(prop));
    }
    ofpact_raw_finish(out, start);
}

/* Parses "hexstring" after "0x" into 'data'; returns the byte count or -1. */
static int
parse_hex_value(const char *s, uint8_t *data, size_t max)
{
    size_t n = strlen(s);
    size_t i;

    if (n < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || n % 2) {
        return -1;
    }
    s += 2;
    n = (n - 2) / 2;
    if (n > max) {
        return -1;
    }
    for (i = 0; i < n; i++) {
        unsigned int byte;
        if (sscanf(s + 2 * i, "%2x", &byte) != 1) {
            return -1;
        }
        data[i] = byte;
    }
    return n;
}

static char *
parse_nsh_props(char *arg, struct ofpbuf *ofpacts, uint16_t *n_props)
{
    char *key, *value;

    while (ofpact_parse_key_value(&arg, &key, &value)) {
        if (!strcmp(key, "md_type")) {
            struct ofpact_ed_prop_nsh_md_type *md;
            uint8_t md_type;
            char *error = ofpact_str_to_u8(value, "md_type", &md_type);

            if (error) {
                return error;
            }
            if (md_type < 1 || md_type > 2) {
                return xstrdup("invalid md_type");
            }
            md = ofpbuf_put_zeros(ofpacts, sizeof *md);
            md->header.prop_class = OFPPPC_NSH;
            md->header.type = OFPPPT_PROP_NSH_MDTYPE;
            md->header.len = sizeof *md;
            md->md_type = md_type;
        } else if (!strcmp(key, "tlv")) {
            char *sp = NULL;
            char *cls = strtok_r(value, ",", &sp);
            char *typ = strtok_r(NULL, ",", &sp);
            char *dat = strtok_r(NULL, ",", &sp);
            uint16_t tlv_class;
            uint8_t tlv_type, data[255];
            struct ofpact_ed_prop_nsh_tlv *tlv;
            char *error;
            int n;

            if (!cls || !typ || !dat) {
                return xstrdup("Invalid NSH TLV header.");
            }
            error = ofpact_str_to_u16(cls, "tlv class", &tlv_class);
            if (!error) {
                error = ofpact_str_to_u8(typ, "tlv type", &tlv_type);
            }
            if (error) {
                return error;
            }
            n = parse_hex_value(dat, data, sizeof data);
            if (n < 0) {
                return xstrdup("Invalid NSH TLV data.");
            }
            tlv = ofpbuf_put_zeros(ofpacts, ROUND_UP(sizeof *tlv + n, 8));
            tlv->header.prop_class = OFPPPC_NSH;
            tlv->header.type = OFPPPT_PROP_NSH_TLV;
            tlv->header.len = sizeof *tlv + n;
            tlv->tlv_class = htons(tlv_class);
            tlv->tlv_type = tlv_type;
            tlv->tlv_len = n;
            memcpy(tlv->data, data, n);
        } else {
            return xasprintf("Invalid NSH property: %s", key);
        }
        (*n_props)++;
    }
    return NULL;
}

char *
ofpact_parse_ENCAP(char *arg, const struct ofpact_parse_params *pp)
{
    size_t start = pp->ofpacts->size;
    struct ofpact_encap *encap = ofpact_put_ENCAP(pp->ofpacts);
    char *key, *value;
    uint16_t n_props = 0;
    uint32_t pt = 0;
    bool found = false;

    (void) encap;
    if (!ofpact_parse_key_value(&arg, &key, &value)) {
        return xstrdup("Missing encap arguments");
    }
    for (size_t i = 0; i < ARRAY_SIZE(encap_types); i++) {
        if (!strcmp(key, encap_types[i].name)) {
            pt = encap_types[i].packet_type;
            found = true;
            break;
        }
    }
    if (!found) {
        return xasprintf("Invalid encap header: %s", key);
    }
    *pp->usable_protocols &= OFPACT_P_OF13_UP;
    if (*value) {
        if (pt != PT_NSH) {
            return xasprintf("Invalid property for %s header", key);
        }
        char *error = parse_nsh_props(value, pp->ofpacts, &n_props);
        if (error) {
            return error;
        }
    }
    encap = ofpbuf_at_assert(pp->ofpacts, start, sizeof *encap);
    encap->new_pkt_type = htonl(pt);
    encap->n_props = n_props;
    ofpact_finish_ENCAP(pp->ofpacts, &encap);
    return NULL;
}

void
ofpact_format_ENCAP(const struct ofpact_encap *encap, struct ds *s)
{
    const char *name = encap_type_name(ntohl(encap->new_pkt_type));
    const struct ofpact_ed_prop *prop = encap->props;

    ds_put_cstr(s, "encap(");
    if (name) {
        ds_put_cstr(s, name);
    } else {
        packet_type_format(encap->new_pkt_type, s);
    }
    if (encap->n_props) {
        ds_put_char(s, '(');
        for (uint16_t i = 0; i < encap->n_props; i++) {
            if (i) {
                ds_put_char(s, ',');
            }
            if (prop->type == OFPPPT_PROP_NSH_MDTYPE) {
                const struct ofpact_ed_prop_nsh_md_type *md
                    = (const void *) prop;
                ds_put_format(s, "md_type=%u", md->md_type);
            } else if (prop->type == OFPPPT_PROP_NSH_TLV) {
                const struct ofpact_ed_prop_nsh_tlv *tlv
                    = (const void *) prop;
                ds_put_format(s, "tlv(%#"PRIx16",%u,0x",
                              ntohs(tlv->tlv_class), tlv->tlv_type);
                for (uint8_t j = 0; j < tlv->tlv_len; j++) {
                    ds_put_format(s, "%02x", tlv->data[j]);
                }
                ds_put_char(s, ')');
            }
            prop = (const void *) ((const uint8_t *) prop
                                   + ed_prop_size(prop));
        }
        ds_put_char(s, ')');
    }
    ds_put_char(s, ')');
}

enum ofperr
ofpact_check_ENCAP(struct ofpact_encap *encap, struct ofpact_check_params *cp)
{
    if (cp->match) {
        struct flow *flow = &cp->match->flow;
        uint32_t pt = ntohl(encap->new_pkt_type);

        flow->packet_type = encap->new_pkt_type;
        if (pt_ns(encap->new_pkt_type) == PT_NS_ETHERTYPE) {
            flow->dl_type = htons(pt & 0xffff);
        }
        if (!flow_is_ip_any(flow)) {
            flow->nw_proto = 0;
            flow->nw_frag = 0;
            flow->nw_tos = 0;
            flow->nw_ttl = 0;
        }
    }
    return 0;
}

/* "Use the next protocol field of the header" packet type of decap(). */
#define PT_USE_NEXT_PROTO PACKET_TYPE(0, 0xfffe)

enum ofperr
ofpact_decode_NXAST_DECAP(const void *a, size_t len SVS_UNUSED,
                          uint64_t arg SVS_UNUSED,
                          const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    struct ofpact_decap *decap;

    if (!ofpact_is_all_zeros(p + 10, 2)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    decap = ofpact_put_DECAP(ctx->out);
    decap->new_pkt_type = htonl(ofpact_rd32(p + 12));
    return 0;
}

void
ofpact_encode_DECAP(const struct ofpact_decap *decap,
                    enum ofp_version version, struct ofpbuf *out)
{
    uint8_t *p = ofpact_raw_put(out, version, OFPACT_RAW_NXAST_DECAP, 0);
    ofpact_wr32(p + 12, ntohl(decap->new_pkt_type));
}

char *
ofpact_parse_DECAP(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_decap *decap = ofpact_put_DECAP(pp->ofpacts);
    char *key, *value;

    decap->new_pkt_type = htonl(PT_USE_NEXT_PROTO);
    while (ofpact_parse_key_value(&arg, &key, &value)) {
        if (!strcmp(key, "packet_type")) {
            char *sp = NULL, *tok;
            unsigned int ns = 0, type = 0;
            bool have_ns = false, have_type = false;

            for (tok = strtok_r(value, ",", &sp); tok;
                 tok = strtok_r(NULL, ",", &sp)) {
                if (sscanf(tok, "ns=%i", (int *) &ns) == 1) {
                    have_ns = true;
                } else if (sscanf(tok, "type=%i", (int *) &type) == 1) {
                    have_type = true;
                } else {
                    return xasprintf("Invalid packet_type: %s", tok);
                }
            }
            if (!have_ns || !have_type || ns > 0xffff || type > 0xffff) {
                return xstrdup("Missing packet_type attributes");
            }
            decap = pp->ofpacts->header;
            decap->new_pkt_type = htonl(PACKET_TYPE(ns, type));
        } else {
            return xasprintf("Invalid decap argument: %s", key);
        }
    }
    return NULL;
}

void
ofpact_format_DECAP(const struct ofpact_decap *decap, struct ds *s)
{
    uint32_t pt = ntohl(decap->new_pkt_type);

    ds_put_cstr(s, "decap(");
    if (pt != PT_USE_NEXT_PROTO) {
        ds_put_format(s, "packet_type(ns=%u,type=%#x)", pt >> 16, pt & 0xffff);
    }
    ds_put_char(s, ')');
}

enum ofperr
ofpact_check_DECAP(struct ofpact_decap *decap SVS_UNUSED,
                   struct ofpact_check_params *cp)
{
    if (cp->match) {
        struct flow *flow = &cp->match->flow;

        if (flow->packet_type == htonl(PT_ETH)) {
            flow->packet_type = htonl(PACKET_TYPE(PT_NS_ETHERTYPE,
                                                  ntohs(flow->dl_type)));
        } else {
            flow->packet_type = htonl(PT_UNKNOWN);
            flow->dl_type = htons(0xffff);
        }
    }
    return 0;
}
