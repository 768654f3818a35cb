/* multipath.c: the multipath action (see multipath.h), its NXAST_MULTIPATH
 * encoding, and the flow-field hash shared with bundle. */

#include <config.h>
#include "multipath.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "dynamic-string.h"
#include "flow.h"
#include "hash.h"
#include "match.h"
#include "meta-flow.h"
#include "ofp-actions-private.h"
#include "packets.h"

/* Hash field names, indexed by enum nx_hash_fields. */
static const char *const hash_field_names[] = {
    "eth_src", "symmetric_l4", "symmetric_l3l4", "symmetric_l3l4+udp",
    "nw_src", "nw_dst", "symmetric_l3",
};

bool
nx_hash_fields_from_string(const char *s, enum nx_hash_fields *fields)
{
    for (size_t i = 0; i < ARRAY_SIZE(hash_field_names); i++) {
        if (!strcasecmp(s, hash_field_names[i])) {
            *fields = i;
            return true;
        }
    }
    return false;
}

const char *
nx_hash_fields_to_string(enum nx_hash_fields fields)
{
    return (unsigned int) fields < ARRAY_SIZE(hash_field_names)
           ? hash_field_names[fields] : "<unknown>";
}

bool
nx_hash_fields_is_valid(uint16_t fields)
{
    return fields < ARRAY_SIZE(hash_field_names);
}

static const char *const algorithm_names[] = {
    "modulo_n", "hash_threshold", "hrw", "iter_hash",
};

/* The number of bits needed to hold values 0..n-1 (n >= 1). */
static unsigned int
bits_for(uint32_t n)
{
    unsigned int bits = 0;
    while (bits < 32 && (1ull << bits) < n) {
        bits++;
    }
    return bits;
}

/* Wire encoding. */

enum ofperr
ofpact_decode_NXAST_MULTIPATH(const void *a, size_t len SVS_UNUSED,
                              uint64_t arg SVS_UNUSED,
                              const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    struct ofpact_multipath *mp = ofpact_put_MULTIPATH(ctx->out);
    uint16_t fields = ofpact_rd16(p + 10);
    uint16_t algorithm = ofpact_rd16(p + 16);

    mp->fields = fields;
    mp->basis = ofpact_rd16(p + 12);
    mp->algorithm = algorithm;
    mp->max_link = ofpact_rd16(p + 18);
    mp->arg = ofpact_rd32(p + 20);
    ofpact_decode_subfield(ofpact_rd32(p + 28), ofpact_rd16(p + 26),
                           &mp->dst);

    if (!nx_hash_fields_is_valid(fields)
        || algorithm > NX_MP_ALG_ITER_HASH) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (mp->dst.n_bits < bits_for(mp->max_link + 1)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return multipath_check(mp, NULL);
}

void
ofpact_encode_MULTIPATH(const struct ofpact_multipath *mp,
                        enum ofp_version version, struct ofpbuf *out)
{
    uint8_t *p = ofpact_raw_put(out, version, OFPACT_RAW_NXAST_MULTIPATH, 0);

    ofpact_wr16(p + 10, mp->fields);
    ofpact_wr16(p + 12, mp->basis);
    ofpact_wr16(p + 16, mp->algorithm);
    ofpact_wr16(p + 18, mp->max_link);
    ofpact_wr32(p + 20, mp->arg);
    ofpact_wr16(p + 26, ofpact_ofs_nbits(mp->dst.ofs, mp->dst.n_bits));
    ofpact_wr32(p + 28, ofpact_nxm_header32(mp->dst.field));
}

char *
ofpact_parse_MULTIPATH(char *arg, const struct ofpact_parse_params *pp)
{
    return multipath_parse(arg, pp->ofpacts);
}

void
ofpact_format_MULTIPATH(const struct ofpact_multipath *mp, struct ds *s)
{
    multipath_format(mp, s);
}

enum ofperr
ofpact_check_MULTIPATH(struct ofpact_multipath *mp,
                       struct ofpact_check_params *cp)
{
    return multipath_check(mp, cp->match);
}

/* Text. */

char *
multipath_parse(const char *arg_, struct ofpbuf *ofpacts)
{
    char *arg = xstrdup(arg_);
    char *sp = NULL;
    char *fields = strtok_r(arg, ", ", &sp);
    char *basis = strtok_r(NULL, ", ", &sp);
    char *algorithm = strtok_r(NULL, ", ", &sp);
    char *n_links_s = strtok_r(NULL, ", ", &sp);
    char *arg_s = strtok_r(NULL, ", ", &sp);
    char *dst = strtok_r(NULL, ", ", &sp);
    struct ofpact_multipath *mp;
    enum nx_hash_fields hf;
    char *error = NULL;
    int n_links;
    size_t i;

    if (!dst) {
        error = xasprintf("%s: not enough arguments to multipath action",
                          arg_);
        goto out;
    }
    if (!nx_hash_fields_from_string(fields, &hf)) {
        error = xasprintf("%s: unknown fields `%s'", arg_, fields);
        goto out;
    }
    for (i = 0; i < ARRAY_SIZE(algorithm_names); i++) {
        if (!strcasecmp(algorithm, algorithm_names[i])) {
            break;
        }
    }
    if (i == ARRAY_SIZE(algorithm_names)) {
        error = xasprintf("%s: unknown algorithm `%s'", arg_, algorithm);
        goto out;
    }
    n_links = atoi(n_links_s);
    if (n_links <= 0 || n_links > 65536) {
        error = xasprintf("%s: n_links %d is not in valid range 1 to 65536",
                          arg_, n_links);
        goto out;
    }

    mp = ofpact_put_MULTIPATH(ofpacts);
    mp->fields = hf;
    mp->basis = atoi(basis);
    mp->algorithm = i;
    mp->max_link = n_links - 1;
    mp->arg = atoi(arg_s);
    error = mf_parse_subfield(&mp->dst, dst);
    if (error) {
        goto out;
    }
    if (mp->dst.n_bits < 16 && n_links > (1 << mp->dst.n_bits)) {
        error = xasprintf("%s: %u-bit destination field has %u possible "
                          "values, less than specified n_links %d",
                          arg_, mp->dst.n_bits, 1u << mp->dst.n_bits,
                          n_links);
    }

out:
    free(arg);
    return error;
}

void
multipath_format(const struct ofpact_multipath *mp, struct ds *s)
{
    const char *algorithm
        = ((unsigned int) mp->algorithm < ARRAY_SIZE(algorithm_names)
           ? algorithm_names[mp->algorithm] : "<unknown>");

    ds_put_format(s, "multipath(%s,%u,%s,%d,%u,",
                  nx_hash_fields_to_string(mp->fields), mp->basis,
                  algorithm, mp->max_link + 1, mp->arg);
    mf_format_subfield(&mp->dst, s);
    ds_put_char(s, ')');
}

enum ofperr
multipath_check(const struct ofpact_multipath *mp, const struct match *match)
{
    return ofpact_check_dst(&mp->dst, match);
}

/* Execution. */

uint32_t
multipath_hash_fields(const struct flow *flow, enum nx_hash_fields fields,
                      uint16_t basis, struct flow_wildcards *wc)
{
    struct flow_wildcards dummy;
    uint32_t hash = basis;
    bool is_ip = (flow->dl_type == htons(ETH_TYPE_IP)
                  || flow->dl_type == htons(ETH_TYPE_IPV6));
    bool is_tcp_udp = is_ip && (flow->nw_proto == IPPROTO_TCP
                                || flow->nw_proto == IPPROTO_UDP
                                || flow->nw_proto == IPPROTO_SCTP);

    if (!wc) {
        wc = &dummy;
    }

    switch (fields) {
    case NX_HASH_FIELDS_ETH_SRC:
        memset(&wc->masks.dl_src, 0xff, sizeof wc->masks.dl_src);
        return hash_bytes(flow->dl_src.ea, ETH_ADDR_LEN, basis);

    case NX_HASH_FIELDS_SYMMETRIC_L4:
    case NX_HASH_FIELDS_SYMMETRIC_L3L4:
    case NX_HASH_FIELDS_SYMMETRIC_L3L4_UDP:
    case NX_HASH_FIELDS_SYMMETRIC_L3: {
        bool l2 = fields == NX_HASH_FIELDS_SYMMETRIC_L4;
        bool l4 = fields != NX_HASH_FIELDS_SYMMETRIC_L3;
        bool udp_ok = fields != NX_HASH_FIELDS_SYMMETRIC_L3L4;

        if (l2) {
            for (int i = 0; i < ETH_ADDR_LEN; i++) {
                hash = hash_add(hash, flow->dl_src.ea[i]
                                ^ flow->dl_dst.ea[i]);
            }
            memset(&wc->masks.dl_src, 0xff, sizeof wc->masks.dl_src);
            memset(&wc->masks.dl_dst, 0xff, sizeof wc->masks.dl_dst);
            hash = hash_add(hash, ntohs(flow->dl_type));
            wc->masks.dl_type = htons(0xffff);
        }
        if (is_ip) {
            wc->masks.dl_type = htons(0xffff);
            if (flow->dl_type == htons(ETH_TYPE_IP)) {
                hash = hash_add(hash, ntohl(flow->nw_src ^ flow->nw_dst));
                wc->masks.nw_src = wc->masks.nw_dst = htonl(UINT32_MAX);
            } else {
                for (int i = 0; i < 16; i++) {
                    hash = hash_add(hash, flow->ipv6_src.s6_addr[i]
                                    ^ flow->ipv6_dst.s6_addr[i]);
                }
                memset(&wc->masks.ipv6_src, 0xff, 16);
                memset(&wc->masks.ipv6_dst, 0xff, 16);
            }
            hash = hash_add(hash, flow->nw_proto);
            wc->masks.nw_proto = 0xff;
            if (l4 && is_tcp_udp
                && (udp_ok || flow->nw_proto != IPPROTO_UDP)) {
                hash = hash_add(hash, ntohs(flow->tp_src ^ flow->tp_dst));
                wc->masks.tp_src = wc->masks.tp_dst = htons(0xffff);
            }
        }
        return hash_finish(hash, 64);
    }

    case NX_HASH_FIELDS_NW_SRC:
        if (flow->dl_type == htons(ETH_TYPE_IP)) {
            wc->masks.nw_src = htonl(UINT32_MAX);
            return hash_int(ntohl(flow->nw_src), basis);
        } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
            memset(&wc->masks.ipv6_src, 0xff, 16);
            return hash_bytes(&flow->ipv6_src, 16, basis);
        }
        return basis;

    case NX_HASH_FIELDS_NW_DST:
        if (flow->dl_type == htons(ETH_TYPE_IP)) {
            wc->masks.nw_dst = htonl(UINT32_MAX);
            return hash_int(ntohl(flow->nw_dst), basis);
        } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
            memset(&wc->masks.ipv6_dst, 0xff, 16);
            return hash_bytes(&flow->ipv6_dst, 16, basis);
        }
        return basis;

    default:
        return basis;
    }
}

/* Maps 'hash' to a link in [0, n_links). */
static uint16_t
select_link(const struct ofpact_multipath *mp, uint32_t hash)
{
    unsigned int n_links = mp->max_link + 1;

    switch (mp->algorithm) {
    case NX_MP_ALG_MODULO_N:
        return hash % n_links;

    case NX_MP_ALG_HASH_THRESHOLD:
        if (n_links == 1) {
            return 0;
        }
        return hash / (UINT32_MAX / n_links + 1);

    case NX_MP_ALG_HRW:
        if (n_links <= 64 || !mp->arg) {
            uint32_t best_weight = 0;
            uint16_t best = 0;
            for (unsigned int i = 0; i < n_links; i++) {
                uint32_t weight = hash_int(i, hash);
                if (!i || weight > best_weight) {
                    best_weight = weight;
                    best = i;
                }
            }
            return best;
        }
        return hash % n_links;

    case NX_MP_ALG_ITER_HASH: {
        unsigned int bits = bits_for(n_links);
        uint32_t mask = bits >= 32 ? UINT32_MAX : (1u << bits) - 1;
        uint32_t link = hash & mask;
        for (int i = 0; link >= n_links; i++) {
            hash = hash_int(hash, i);
            link = hash & mask;
        }
        return link;
    }

    default:
        return 0;
    }
}

void
multipath_execute(const struct ofpact_multipath *mp, struct flow *flow,
                  struct flow_wildcards *wc)
{
    uint32_t hash = multipath_hash_fields(flow, mp->fields, mp->basis, wc);
    uint16_t link = select_link(mp, hash);

    if (wc) {
        mf_mask_subfield(&mp->dst, wc);
    }
    mf_set_subfield(&mp->dst, link, flow);
}
