/* match.c: flow plus mask, setters, printing and parsing. */
#include <config.h>
#include "match.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "bitwise.h"
#include "dynamic-string.h"
#include "hash.h"
#include "meta-flow.h"
#include "packets.h"
#include "util.h"

/* Initialization. */

static void
tun_md_init(struct match *match)
{
    memset(&match->tun_md, 0, sizeof match->tun_md);
}

void
match_init(struct match *match, const struct flow *flow,
           const struct flow_wildcards *wc)
{
    match->flow = *flow;
    match->wc = *wc;
    tun_md_init(match);
    /* Option values are not in 'flow': only presence can be matched. */
    match->flow.tunnel.md_present &= match->wc.masks.tunnel.md_present;
    match->tun_md.masked = match->wc.masks.tunnel.md_present;
    match_zero_wildcarded_fields(match);
}

void
match_init_catchall(struct match *match)
{
    memset(&match->flow, 0, sizeof match->flow);
    flow_wildcards_init_catchall(&match->wc);
    tun_md_init(match);
}

void
match_init_exact(struct match *match, const struct flow *flow)
{
    match->flow = *flow;
    flow_wildcards_init_exact(&match->wc);
    match->flow.tunnel.md_present = 0;
    tun_md_init(match);
}

void
match_zero_wildcarded_fields(struct match *match)
{
    flow_zero_wildcards(&match->flow, &match->wc);
}

bool
match_is_catchall(const struct match *match)
{
    return flow_wildcards_is_catchall(&match->wc);
}

/* True if 'a' and 'b' match tun_metadata<i> the same way. */
static bool
tun_md_equal(const struct match *a, const struct match *b, int i)
{
    const struct match_tun_md *x = &a->tun_md, *y = &b->tun_md;
    unsigned int len = x->loc[i].len;
    uint64_t bit = UINT64_C(1) << i;

    return (len == y->loc[i].len
            && (x->masked & bit) == (y->masked & bit)
            && !memcmp(&x->value[x->loc[i].ofs], &y->value[y->loc[i].ofs],
                       len)
            && !memcmp(&x->mask[x->loc[i].ofs], &y->mask[y->loc[i].ofs],
                       len));
}

bool
match_equal(const struct match *a, const struct match *b)
{
    if (!flow_wildcards_equal(&a->wc, &b->wc)
        || !flow_equal(&a->flow, &b->flow)) {
        return false;
    }
    for (uint64_t map = a->wc.masks.tunnel.md_present; map;
         map &= map - 1) {
        if (!tun_md_equal(a, b, __builtin_ctzll(map))) {
            return false;
        }
    }
    return true;
}

uint32_t
match_hash(const struct match *match, uint32_t basis)
{
    uint32_t hash = flow_hash(&match->flow,
                              flow_hash(&match->wc.masks, basis));
    const struct match_tun_md *md = &match->tun_md;

    for (uint64_t map = match->wc.masks.tunnel.md_present; map;
         map &= map - 1) {
        int i = __builtin_ctzll(map);

        hash = hash_bytes(&md->value[md->loc[i].ofs], md->loc[i].len,
                          hash_add(hash, md->loc[i].len));
        hash = hash_bytes(&md->mask[md->loc[i].ofs], md->loc[i].len, hash);
    }
    return hash;
}

/* Tunnel metadata (Geneve options). */

/* The number of significant bytes of the TUN_METADATA_MAX_LEN-byte number
 * at 'p'. */
static unsigned int
tun_md_sig_len(const uint8_t *p)
{
    int n_bits = TUN_METADATA_MAX_LEN * 8;
    return DIV_ROUND_UP(1 + bitwise_rscan(p, TUN_METADATA_MAX_LEN, true,
                                          n_bits - 1, -1), 8);
}

char *
match_set_tun_metadata(struct match *m, int idx, const uint8_t *value,
                       const uint8_t *mask)
{
    struct match_tun_md *md = &m->tun_md;
    uint64_t bit = UINT64_C(1) << idx;
    unsigned int len = tun_md_sig_len(value);
    unsigned int ofs;

    if (mask) {
        len = MAX(len, tun_md_sig_len(mask));
    }
    if (m->wc.masks.tunnel.md_present & bit) {
        /* Open vSwitch allows one value per option and match. */
        return xasprintf("field tun_metadata%d set multiple times", idx);
    }
    if (md->used + len > TUN_METADATA_TOT_LEN) {
        return xasprintf("field tun_metadata%d exceeds maximum size for "
                         "tunnel metadata (used %u, max %d)", idx,
                         md->used + len, TUN_METADATA_TOT_LEN);
    }
    ofs = md->used;
    md->used += len;

    const uint8_t *v = value + TUN_METADATA_MAX_LEN - len;
    const uint8_t *k = mask ? mask + TUN_METADATA_MAX_LEN - len : NULL;
    for (unsigned int i = 0; i < len; i++) {
        md->mask[ofs + i] = k ? k[i] : 0xff;
        md->value[ofs + i] = v[i] & md->mask[ofs + i];
    }
    md->loc[idx].ofs = ofs;
    md->loc[idx].len = len;
    if (mask) {
        md->masked |= bit;
    } else {
        md->masked &= ~bit;
    }
    m->flow.tunnel.md_present |= bit;
    m->wc.masks.tunnel.md_present |= bit;
    return NULL;
}

bool
match_get_tun_metadata(const struct match *m, int idx, uint8_t *value,
                       uint8_t *mask, unsigned int *lenp, bool *maskedp)
{
    const struct match_tun_md *md = &m->tun_md;
    uint64_t bit = UINT64_C(1) << idx;
    bool present = (m->wc.masks.tunnel.md_present & bit) != 0;
    unsigned int len = present ? md->loc[idx].len : 0;

    memset(value, 0, TUN_METADATA_MAX_LEN);
    memset(mask, 0, TUN_METADATA_MAX_LEN);
    memcpy(value + TUN_METADATA_MAX_LEN - len, &md->value[md->loc[idx].ofs],
           len);
    memcpy(mask + TUN_METADATA_MAX_LEN - len, &md->mask[md->loc[idx].ofs],
           len);
    if (lenp) {
        *lenp = len;
    }
    if (maskedp) {
        *maskedp = (md->masked & bit) != 0;
    }
    return present;
}

void
match_clear_tun_metadata(struct match *m, int idx)
{
    uint64_t bit = UINT64_C(1) << idx;

    m->flow.tunnel.md_present &= ~bit;
    m->wc.masks.tunnel.md_present &= ~bit;
    m->tun_md.masked &= ~bit;
    m->tun_md.loc[idx].len = 0;
}

bool
match_matches_flow(const struct match *match, const struct flow *flow)
{
    return flow_equal_except(&match->flow, flow, &match->wc);
}

/* Setters: metadata. */

void
match_set_dp_hash(struct match *m, uint32_t value)
{
    match_set_dp_hash_masked(m, value, UINT32_MAX);
}

void
match_set_dp_hash_masked(struct match *m, uint32_t value, uint32_t mask)
{
    m->wc.masks.dp_hash = mask;
    m->flow.dp_hash = value & mask;
}

void
match_set_recirc_id(struct match *m, uint32_t value)
{
    m->flow.recirc_id = value;
    m->wc.masks.recirc_id = UINT32_MAX;
}

void
match_set_conj_id(struct match *m, uint32_t value)
{
    m->flow.conj_id = value;
    m->wc.masks.conj_id = UINT32_MAX;
}

void
match_set_reg(struct match *m, unsigned int reg_idx, uint32_t value)
{
    match_set_reg_masked(m, reg_idx, value, UINT32_MAX);
}

void
match_set_reg_masked(struct match *m, unsigned int reg_idx, uint32_t value,
                     uint32_t mask)
{
    svs_assert(reg_idx < FLOW_N_REGS);
    m->wc.masks.regs[reg_idx] = mask;
    m->flow.regs[reg_idx] = value & mask;
}

void
match_set_xreg(struct match *m, unsigned int xreg_idx, uint64_t value)
{
    match_set_xreg_masked(m, xreg_idx, value, UINT64_MAX);
}

void
match_set_xreg_masked(struct match *m, unsigned int xreg_idx, uint64_t value,
                      uint64_t mask)
{
    svs_assert(xreg_idx < FLOW_N_XREGS);
    match_set_reg_masked(m, 2 * xreg_idx, value >> 32, mask >> 32);
    match_set_reg_masked(m, 2 * xreg_idx + 1, value, mask);
}

void
match_set_xxreg(struct match *m, unsigned int xxreg_idx, svs_u128 value)
{
    svs_u128 exact = { .u64 = { UINT64_MAX, UINT64_MAX } };
    match_set_xxreg_masked(m, xxreg_idx, value, exact);
}

void
match_set_xxreg_masked(struct match *m, unsigned int xxreg_idx,
                       svs_u128 value, svs_u128 mask)
{
    svs_assert(xxreg_idx < FLOW_N_XXREGS);
    match_set_xreg_masked(m, 2 * xxreg_idx, value.u64.hi, mask.u64.hi);
    match_set_xreg_masked(m, 2 * xxreg_idx + 1, value.u64.lo, mask.u64.lo);
}

void
match_set_metadata(struct match *m, be64 metadata)
{
    match_set_metadata_masked(m, metadata, UINT64_MAX);
}

void
match_set_metadata_masked(struct match *m, be64 metadata, be64 mask)
{
    m->wc.masks.metadata = mask;
    m->flow.metadata = metadata & mask;
}

void
match_set_tun_id(struct match *m, be64 tun_id)
{
    match_set_tun_id_masked(m, tun_id, UINT64_MAX);
}

void
match_set_tun_id_masked(struct match *m, be64 tun_id, be64 mask)
{
    m->wc.masks.tunnel.tun_id = mask;
    m->flow.tunnel.tun_id = tun_id & mask;
}

void
match_set_tun_src(struct match *m, be32 src)
{
    match_set_tun_src_masked(m, src, UINT32_MAX);
}

void
match_set_tun_src_masked(struct match *m, be32 src, be32 mask)
{
    m->wc.masks.tunnel.ip_src = mask;
    m->flow.tunnel.ip_src = src & mask;
}

void
match_set_tun_dst(struct match *m, be32 dst)
{
    match_set_tun_dst_masked(m, dst, UINT32_MAX);
}

void
match_set_tun_dst_masked(struct match *m, be32 dst, be32 mask)
{
    m->wc.masks.tunnel.ip_dst = mask;
    m->flow.tunnel.ip_dst = dst & mask;
}

void
match_set_tun_ipv6_src(struct match *m, const struct in6_addr *src)
{
    match_set_tun_ipv6_src_masked(m, src, &in6addr_exact);
}

void
match_set_tun_ipv6_src_masked(struct match *m, const struct in6_addr *src,
                              const struct in6_addr *mask)
{
    m->wc.masks.tunnel.ipv6_src = *mask;
    m->flow.tunnel.ipv6_src = ipv6_addr_bitand(src, mask);
}

void
match_set_tun_ipv6_dst(struct match *m, const struct in6_addr *dst)
{
    match_set_tun_ipv6_dst_masked(m, dst, &in6addr_exact);
}

void
match_set_tun_ipv6_dst_masked(struct match *m, const struct in6_addr *dst,
                              const struct in6_addr *mask)
{
    m->wc.masks.tunnel.ipv6_dst = *mask;
    m->flow.tunnel.ipv6_dst = ipv6_addr_bitand(dst, mask);
}

void
match_set_tun_flags(struct match *m, uint16_t flags)
{
    match_set_tun_flags_masked(m, flags, FLOW_TNL_F_OAM);
}

void
match_set_tun_flags_masked(struct match *m, uint16_t flags, uint16_t mask)
{
    mask &= FLOW_TNL_F_OAM;
    m->wc.masks.tunnel.flags = mask;
    m->flow.tunnel.flags = flags & mask;
}

void
match_set_tun_ttl(struct match *m, uint8_t ttl)
{
    m->wc.masks.tunnel.ip_ttl = UINT8_MAX;
    m->flow.tunnel.ip_ttl = ttl;
}

void
match_set_tun_tos(struct match *m, uint8_t tos)
{
    m->wc.masks.tunnel.ip_tos = UINT8_MAX;
    m->flow.tunnel.ip_tos = tos;
}

void
match_set_tun_gbp_id_masked(struct match *m, be16 id, be16 mask)
{
    m->wc.masks.tunnel.gbp_id = mask;
    m->flow.tunnel.gbp_id = id & mask;
}

void
match_set_tun_gbp_flags_masked(struct match *m, uint8_t flags, uint8_t mask)
{
    m->wc.masks.tunnel.gbp_flags = mask;
    m->flow.tunnel.gbp_flags = flags & mask;
}

void
match_set_in_port(struct match *m, ofp_port_t port)
{
    m->wc.masks.in_port = UINT32_MAX;
    m->flow.in_port = port;
}

void
match_set_actset_output(struct match *m, ofp_port_t port)
{
    m->wc.masks.actset_output = UINT32_MAX;
    m->flow.actset_output = port;
}

void
match_set_pkt_mark(struct match *m, uint32_t value)
{
    match_set_pkt_mark_masked(m, value, UINT32_MAX);
}

void
match_set_pkt_mark_masked(struct match *m, uint32_t value, uint32_t mask)
{
    m->wc.masks.pkt_mark = mask;
    m->flow.pkt_mark = value & mask;
}

void
match_set_skb_priority(struct match *m, uint32_t value)
{
    m->wc.masks.skb_priority = UINT32_MAX;
    m->flow.skb_priority = value;
}

void
match_set_ct_state(struct match *m, uint32_t value)
{
    match_set_ct_state_masked(m, value, UINT8_MAX);
}

void
match_set_ct_state_masked(struct match *m, uint32_t value, uint32_t mask)
{
    m->wc.masks.ct_state = mask & UINT8_MAX;
    m->flow.ct_state = value & mask & UINT8_MAX;
}

void
match_set_ct_zone(struct match *m, uint16_t zone)
{
    m->wc.masks.ct_zone = UINT16_MAX;
    m->flow.ct_zone = zone;
}

void
match_set_ct_mark(struct match *m, uint32_t value)
{
    match_set_ct_mark_masked(m, value, UINT32_MAX);
}

void
match_set_ct_mark_masked(struct match *m, uint32_t value, uint32_t mask)
{
    m->wc.masks.ct_mark = mask;
    m->flow.ct_mark = value & mask;
}

void
match_set_ct_label(struct match *m, svs_u128 value)
{
    svs_u128 exact = { .u64 = { UINT64_MAX, UINT64_MAX } };
    match_set_ct_label_masked(m, value, exact);
}

void
match_set_ct_label_masked(struct match *m, svs_u128 value, svs_u128 mask)
{
    m->wc.masks.ct_label = mask;
    m->flow.ct_label.u64.hi = value.u64.hi & mask.u64.hi;
    m->flow.ct_label.u64.lo = value.u64.lo & mask.u64.lo;
}

void
match_set_packet_type(struct match *m, be32 packet_type)
{
    m->wc.masks.packet_type = UINT32_MAX;
    m->flow.packet_type = packet_type;
}

/* Setters: L2. */

void
match_set_dl_type(struct match *m, be16 dl_type)
{
    m->wc.masks.dl_type = UINT16_MAX;
    m->flow.dl_type = dl_type;
}

void
match_set_dl_src(struct match *m, struct eth_addr src)
{
    match_set_dl_src_masked(m, src, eth_addr_exact);
}

void
match_set_dl_src_masked(struct match *m, struct eth_addr src,
                        struct eth_addr mask)
{
    m->wc.masks.dl_src = mask;
    m->flow.dl_src = eth_addr_and(src, mask);
}

void
match_set_dl_dst(struct match *m, struct eth_addr dst)
{
    match_set_dl_dst_masked(m, dst, eth_addr_exact);
}

void
match_set_dl_dst_masked(struct match *m, struct eth_addr dst,
                        struct eth_addr mask)
{
    m->wc.masks.dl_dst = mask;
    m->flow.dl_dst = eth_addr_and(dst, mask);
}

void
match_set_dl_tci(struct match *m, be16 tci)
{
    match_set_dl_tci_masked(m, tci, UINT16_MAX);
}

void
match_set_dl_tci_masked(struct match *m, be16 tci, be16 mask)
{
    m->wc.masks.vlans[0].tci = mask;
    m->flow.vlans[0].tci = tci & mask;
}

void
match_set_any_vid(struct match *m)
{
    if (m->wc.masks.vlans[0].tci & htons(VLAN_PCP_MASK)) {
        m->wc.masks.vlans[0].tci &= ~htons(VLAN_VID_MASK);
        m->flow.vlans[0].tci &= ~htons(VLAN_VID_MASK);
    } else {
        match_set_dl_tci_masked(m, htons(0), htons(0));
    }
}

void
match_set_dl_vlan(struct match *m, be16 vid)
{
    if (vid == htons(OFP10_VLAN_NONE)) {
        match_set_dl_tci(m, htons(0));
        return;
    }
    m->flow.vlans[0].tci &= ~htons(VLAN_VID_MASK);
    m->flow.vlans[0].tci |= htons(VLAN_CFI) | (vid & htons(VLAN_VID_MASK));
    m->wc.masks.vlans[0].tci |= htons(VLAN_VID_MASK | VLAN_CFI);
}

void
match_set_vlan_vid(struct match *m, be16 vid)
{
    match_set_vlan_vid_masked(m, vid, htons(VLAN_VID_MASK | VLAN_CFI));
}

void
match_set_vlan_vid_masked(struct match *m, be16 vid, be16 mask)
{
    be16 bits = htons(VLAN_VID_MASK | VLAN_CFI);

    mask &= bits;
    m->wc.masks.vlans[0].tci = (m->wc.masks.vlans[0].tci & ~bits) | mask;
    m->flow.vlans[0].tci = (m->flow.vlans[0].tci & ~bits) | (vid & mask);
}

void
match_set_any_pcp(struct match *m)
{
    if (m->wc.masks.vlans[0].tci & htons(VLAN_VID_MASK)) {
        m->wc.masks.vlans[0].tci &= ~htons(VLAN_PCP_MASK);
        m->flow.vlans[0].tci &= ~htons(VLAN_PCP_MASK);
    } else {
        match_set_dl_tci_masked(m, htons(0), htons(0));
    }
}

void
match_set_dl_vlan_pcp(struct match *m, uint8_t pcp)
{
    m->flow.vlans[0].tci &= ~htons(VLAN_PCP_MASK);
    m->flow.vlans[0].tci |= htons(VLAN_CFI
                                  | ((pcp << VLAN_PCP_SHIFT)
                                     & VLAN_PCP_MASK));
    m->wc.masks.vlans[0].tci |= htons(VLAN_CFI | VLAN_PCP_MASK);
}

static void
match_set_mpls_bits(struct match *m, int idx, uint32_t bits, uint32_t value)
{
    uint32_t lse = ntohl(m->flow.mpls_lse[idx]) & ~bits;
    uint32_t mask = ntohl(m->wc.masks.mpls_lse[idx]) | bits;

    svs_assert(idx >= 0 && idx < FLOW_MAX_MPLS_LABELS);
    m->flow.mpls_lse[idx] = htonl(lse | (value & bits));
    m->wc.masks.mpls_lse[idx] = htonl(mask);
}

void
match_set_mpls_lse(struct match *m, int idx, be32 lse)
{
    svs_assert(idx >= 0 && idx < FLOW_MAX_MPLS_LABELS);
    m->wc.masks.mpls_lse[idx] = UINT32_MAX;
    m->flow.mpls_lse[idx] = lse;
}

void
match_set_mpls_label(struct match *m, int idx, be32 label)
{
    match_set_mpls_bits(m, idx, MPLS_LABEL_MASK,
                        ntohl(label) << MPLS_LABEL_SHIFT);
}

void
match_set_mpls_tc(struct match *m, int idx, uint8_t tc)
{
    match_set_mpls_bits(m, idx, MPLS_TC_MASK,
                        (uint32_t) tc << MPLS_TC_SHIFT);
}

void
match_set_mpls_bos(struct match *m, int idx, uint8_t bos)
{
    match_set_mpls_bits(m, idx, MPLS_BOS_MASK,
                        (uint32_t) bos << MPLS_BOS_SHIFT);
}

void
match_set_mpls_ttl(struct match *m, int idx, uint8_t ttl)
{
    match_set_mpls_bits(m, idx, MPLS_TTL_MASK,
                        (uint32_t) ttl << MPLS_TTL_SHIFT);
}

/* Setters: L3. */

void
match_set_nw_src(struct match *m, be32 ip)
{
    match_set_nw_src_masked(m, ip, UINT32_MAX);
}

void
match_set_nw_src_masked(struct match *m, be32 ip, be32 mask)
{
    m->wc.masks.nw_src = mask;
    m->flow.nw_src = ip & mask;
}

void
match_set_nw_dst(struct match *m, be32 ip)
{
    match_set_nw_dst_masked(m, ip, UINT32_MAX);
}

void
match_set_nw_dst_masked(struct match *m, be32 ip, be32 mask)
{
    m->wc.masks.nw_dst = mask;
    m->flow.nw_dst = ip & mask;
}

void
match_set_ipv6_src(struct match *m, const struct in6_addr *src)
{
    match_set_ipv6_src_masked(m, src, &in6addr_exact);
}

void
match_set_ipv6_src_masked(struct match *m, const struct in6_addr *src,
                          const struct in6_addr *mask)
{
    m->wc.masks.ipv6_src = *mask;
    m->flow.ipv6_src = ipv6_addr_bitand(src, mask);
}

void
match_set_ipv6_dst(struct match *m, const struct in6_addr *dst)
{
    match_set_ipv6_dst_masked(m, dst, &in6addr_exact);
}

void
match_set_ipv6_dst_masked(struct match *m, const struct in6_addr *dst,
                          const struct in6_addr *mask)
{
    m->wc.masks.ipv6_dst = *mask;
    m->flow.ipv6_dst = ipv6_addr_bitand(dst, mask);
}

void
match_set_ipv6_label(struct match *m, be32 label)
{
    match_set_ipv6_label_masked(m, label, htonl(IPV6_LABEL_MASK));
}

void
match_set_ipv6_label_masked(struct match *m, be32 label, be32 mask)
{
    mask &= htonl(IPV6_LABEL_MASK);
    m->wc.masks.ipv6_label = mask;
    m->flow.ipv6_label = label & mask;
}

void
match_set_nw_proto(struct match *m, uint8_t nw_proto)
{
    m->wc.masks.nw_proto = UINT8_MAX;
    m->flow.nw_proto = nw_proto;
}

void
match_set_nw_dscp(struct match *m, uint8_t tos)
{
    m->wc.masks.nw_tos |= IP_DSCP_MASK;
    m->flow.nw_tos = (m->flow.nw_tos & ~IP_DSCP_MASK) | (tos & IP_DSCP_MASK);
}

void
match_set_nw_ecn(struct match *m, uint8_t ecn)
{
    m->wc.masks.nw_tos |= IP_ECN_MASK;
    m->flow.nw_tos = (m->flow.nw_tos & ~IP_ECN_MASK) | (ecn & IP_ECN_MASK);
}

void
match_set_nw_ttl(struct match *m, uint8_t ttl)
{
    m->wc.masks.nw_ttl = UINT8_MAX;
    m->flow.nw_ttl = ttl;
}

void
match_set_nw_frag(struct match *m, uint8_t frag)
{
    match_set_nw_frag_masked(m, frag, FLOW_NW_FRAG_MASK);
}

void
match_set_nw_frag_masked(struct match *m, uint8_t frag, uint8_t mask)
{
    mask &= FLOW_NW_FRAG_MASK;
    m->wc.masks.nw_frag = mask;
    m->flow.nw_frag = frag & mask;
}

void
match_set_arp_opcode_masked(struct match *m, uint8_t opcode, uint8_t mask)
{
    m->wc.masks.nw_proto = mask;
    m->flow.nw_proto = opcode & mask;
}

void
match_set_arp_sha(struct match *m, struct eth_addr sha)
{
    match_set_arp_sha_masked(m, sha, eth_addr_exact);
}

void
match_set_arp_sha_masked(struct match *m, struct eth_addr sha,
                         struct eth_addr mask)
{
    m->wc.masks.arp_sha = mask;
    m->flow.arp_sha = eth_addr_and(sha, mask);
}

void
match_set_arp_tha(struct match *m, struct eth_addr tha)
{
    match_set_arp_tha_masked(m, tha, eth_addr_exact);
}

void
match_set_arp_tha_masked(struct match *m, struct eth_addr tha,
                         struct eth_addr mask)
{
    m->wc.masks.arp_tha = mask;
    m->flow.arp_tha = eth_addr_and(tha, mask);
}

void
match_set_nd_target(struct match *m, const struct in6_addr *target)
{
    match_set_nd_target_masked(m, target, &in6addr_exact);
}

void
match_set_nd_target_masked(struct match *m, const struct in6_addr *target,
                           const struct in6_addr *mask)
{
    m->wc.masks.nd_target = *mask;
    m->flow.nd_target = ipv6_addr_bitand(target, mask);
}

/* Setters: L4. */

void
match_set_tp_src(struct match *m, be16 port)
{
    match_set_tp_src_masked(m, port, UINT16_MAX);
}

void
match_set_tp_src_masked(struct match *m, be16 port, be16 mask)
{
    m->wc.masks.tp_src = mask;
    m->flow.tp_src = port & mask;
}

void
match_set_tp_dst(struct match *m, be16 port)
{
    match_set_tp_dst_masked(m, port, UINT16_MAX);
}

void
match_set_tp_dst_masked(struct match *m, be16 port, be16 mask)
{
    m->wc.masks.tp_dst = mask;
    m->flow.tp_dst = port & mask;
}

void
match_set_tcp_flags(struct match *m, be16 flags)
{
    match_set_tcp_flags_masked(m, flags, htons(TCP_FLAGS_MASK));
}

void
match_set_tcp_flags_masked(struct match *m, be16 flags, be16 mask)
{
    m->wc.masks.tcp_flags = mask;
    m->flow.tcp_flags = flags & mask & htons(TCP_FLAGS_MASK);
}

void
match_set_icmp_type(struct match *m, uint8_t type)
{
    match_set_tp_src(m, htons(type));
}

void
match_set_icmp_code(struct match *m, uint8_t code)
{
    match_set_tp_dst(m, htons(code));
}

/* Prerequisites. */

/* The fields that ovs-ofctl's normalization drops when the rest of the
 * match does not make them meaningful.  (It leaves NSH fields, the
 * connection tracking original tuple and ipv6_label alone; so do we.) */
static const enum mf_field_id normalized_fields[] = {
    MFF_IP_PROTO, MFF_ARP_OP,
    MFF_IPV4_SRC, MFF_IPV4_DST, MFF_ARP_SPA, MFF_ARP_TPA,
    MFF_IPV6_SRC, MFF_IPV6_DST,
    MFF_IP_DSCP, MFF_IP_ECN, MFF_IP_TTL, MFF_IP_FRAG,
    MFF_ARP_SHA, MFF_ARP_THA, MFF_ND_SLL, MFF_ND_TLL,
    MFF_MPLS_LABEL, MFF_MPLS_TC, MFF_MPLS_BOS, MFF_MPLS_TTL,
    MFF_TCP_SRC, MFF_TCP_DST, MFF_TCP_FLAGS,
    MFF_ICMPV6_TYPE, MFF_ICMPV6_CODE,
    MFF_ND_TARGET, MFF_ND_RESERVED, MFF_ND_OPTIONS_TYPE,
};

static bool
is_ip_any(be16 dl_type)
{
    return dl_type == htons(ETH_TYPE_IP) || dl_type == htons(ETH_TYPE_IPV6);
}

static bool
is_arp_type(be16 dl_type)
{
    return (dl_type == htons(ETH_TYPE_ARP)
            || dl_type == htons(ETH_TYPE_RARP));
}

/* Whether 'match''s values make field 'id' meaningful, the way
 * normalization judges it (fragments are not considered). */
static bool
normalize_field_ok(const struct match *m, enum mf_field_id id)
{
    const struct flow *f = &m->flow;
    be16 type = f->dl_type;
    uint8_t proto = f->nw_proto;
    bool ipv6 = type == htons(ETH_TYPE_IPV6);
    uint16_t icmp_type = ntohs(f->tp_src);
    bool nd = (ipv6 && proto == IP_PROTO_ICMPV6 && f->tp_dst == htons(0)
               && (icmp_type == ND_NEIGHBOR_SOLICIT
                   || icmp_type == ND_NEIGHBOR_ADVERT));

    switch (id) {
    case MFF_IP_PROTO:
    case MFF_ARP_OP:
        return is_ip_any(type) || is_arp_type(type);
    case MFF_IPV4_SRC:
    case MFF_IPV4_DST:
    case MFF_ARP_SPA:
    case MFF_ARP_TPA:
        return type == htons(ETH_TYPE_IP) || is_arp_type(type);
    case MFF_IPV6_SRC:
    case MFF_IPV6_DST:
        return ipv6;
    case MFF_IP_DSCP:
    case MFF_IP_ECN:
    case MFF_IP_TTL:
    case MFF_IP_FRAG:
        return is_ip_any(type);
    case MFF_ARP_SHA:
    case MFF_ND_SLL:
        return (is_arp_type(type)
                || (nd && icmp_type == ND_NEIGHBOR_SOLICIT));
    case MFF_ARP_THA:
    case MFF_ND_TLL:
        return (is_arp_type(type)
                || (nd && icmp_type == ND_NEIGHBOR_ADVERT));
    case MFF_MPLS_LABEL:
    case MFF_MPLS_TC:
    case MFF_MPLS_BOS:
    case MFF_MPLS_TTL:
        return (type == htons(ETH_TYPE_MPLS)
                || type == htons(ETH_TYPE_MPLS_MCAST));
    case MFF_TCP_SRC:
    case MFF_TCP_DST:
    case MFF_ICMPV6_TYPE:
    case MFF_ICMPV6_CODE:
        if (type == htons(ETH_TYPE_IP)) {
            return (proto == IP_PROTO_TCP || proto == IP_PROTO_UDP
                    || proto == IP_PROTO_SCTP || proto == IP_PROTO_ICMP);
        } else if (ipv6) {
            return (proto == IP_PROTO_TCP || proto == IP_PROTO_UDP
                    || proto == IP_PROTO_SCTP || proto == IP_PROTO_ICMPV6);
        }
        return false;
    case MFF_TCP_FLAGS:
        return is_ip_any(type) && proto == IP_PROTO_TCP;
    case MFF_ND_TARGET:
    case MFF_ND_RESERVED:
    case MFF_ND_OPTIONS_TYPE:
        return nd;
    default:
        return true;
    }
}

bool
match_clear_unmet_prereqs(struct match *m)
{
    bool changed = false;

    for (size_t i = 0; i < ARRAY_SIZE(normalized_fields); i++) {
        const struct mf_field *mf = mf_from_id(normalized_fields[i]);

        if (!mf_is_all_wild(mf, &m->wc)
            && !normalize_field_ok(m, normalized_fields[i])) {
            mf_set_wild(mf, m, NULL);
            changed = true;
        }
    }
    if (changed) {
        match_zero_wildcarded_fields(m);
    }
    return changed;
}

/* Text output. */

static void
format_be16_masked(struct ds *s, const char *name, be16 value, be16 mask,
                   bool decimal)
{
    if (!mask) {
        return;
    }
    if (mask == UINT16_MAX) {
        ds_put_format(s, decimal ? "%s=%"PRIu16"," : "%s=%#"PRIx16",",
                      name, ntohs(value));
    } else {
        ds_put_format(s, "%s=0x%"PRIx16"/0x%"PRIx16",", name, ntohs(value),
                      ntohs(mask));
    }
}

static void
format_u32_masked(struct ds *s, const char *name, uint32_t value,
                  uint32_t mask, bool decimal)
{
    if (!mask) {
        return;
    }
    if (mask == UINT32_MAX) {
        if (decimal) {
            ds_put_format(s, "%s=%"PRIu32",", name, value);
        } else {
            ds_put_format(s, "%s=%#"PRIx32",", name, value);
        }
    } else {
        ds_put_format(s, "%s=%#"PRIx32"/%#"PRIx32",", name, value, mask);
    }
}

static void
format_u8_masked(struct ds *s, const char *name, uint8_t value, uint8_t mask,
                 bool decimal)
{
    if (!mask) {
        return;
    }
    if (mask == UINT8_MAX) {
        ds_put_format(s, decimal ? "%s=%"PRIu8"," : "%s=%#"PRIx8",",
                      name, value);
    } else {
        ds_put_format(s, "%s=%#"PRIx8"/%#"PRIx8",", name, value, mask);
    }
}

static void
format_be64_masked(struct ds *s, const char *name, be64 value, be64 mask)
{
    if (!mask) {
        return;
    }
    ds_put_format(s, "%s=%#"PRIx64, name, svs_ntohll(value));
    if (mask != UINT64_MAX) {
        ds_put_format(s, "/%#"PRIx64, svs_ntohll(mask));
    }
    ds_put_char(s, ',');
}

/* Appends the tun_metadata fields of 'match': "tun_metadataN" alone when
 * only presence is matched (a mask of zeros), else "=VALUE" and, unless
 * the mask is all-ones over the option's length, "/MASK". */
static void
format_tun_metadata(struct ds *s, const struct match *match)
{
    for (uint64_t map = match_tun_metadata_map(match); map; map &= map - 1) {
        int i = __builtin_ctzll(map);
        const struct mf_field *mf = mf_from_id(MFF_TUN_METADATA(i));
        union mf_value value, mask;
        unsigned int len;
        bool masked;

        match_get_tun_metadata(match, i, value.b, mask.b, &len, &masked);
        const uint8_t *m = &mask.b[TUN_METADATA_MAX_LEN - len];
        bool zeros = true, ones = true;
        for (unsigned int j = 0; j < len; j++) {
            zeros = zeros && !m[j];
            ones = ones && m[j] == 0xff;
        }
        ds_put_format(s, "tun_metadata%d", i);
        if (!masked || !zeros) {
            ds_put_char(s, '=');
            mf_format(mf, &value, ones ? NULL : &mask, s);
        }
        ds_put_char(s, ',');
    }
}

static void
format_ip_masked(struct ds *s, const char *name, be32 ip, be32 mask)
{
    if (mask) {
        ds_put_format(s, "%s=", name);
        ip_format_masked(ip, mask, s);
        ds_put_char(s, ',');
    }
}

static void
format_ipv6_masked(struct ds *s, const char *name,
                   const struct in6_addr *ip, const struct in6_addr *mask)
{
    if (!ipv6_mask_is_any(mask)) {
        ds_put_format(s, "%s=", name);
        ipv6_format_masked(ip, mask, s);
        ds_put_char(s, ',');
    }
}

static void
format_eth_masked(struct ds *s, const char *name, struct eth_addr eth,
                  struct eth_addr mask)
{
    if (!eth_addr_is_zero(mask)) {
        ds_put_format(s, "%s=", name);
        eth_format_masked(eth, &mask, s);
        ds_put_char(s, ',');
    }
}

/* Formats field 'id' of 'm' generically, if it is not wildcarded. */
static void
format_mf(struct ds *s, const struct match *m, enum mf_field_id id,
          const char *name)
{
    const struct mf_field *mf = mf_from_id(id);
    union mf_value value, mask;

    mf_get(mf, m, &value, &mask);
    if (!mf_value_is_zero(mf, &mask)) {
        ds_put_format(s, "%s=", name ? name : mf->name);
        mf_format(mf, &value, &mask, s);
        ds_put_char(s, ',');
    }
}

/* Formats 32-bit NSH field 'id' of 'm' (if matched) as "name=0xVALUE" or
 * "name=0xVALUE/0xMASK", with "0x0" for zero. */
static void
format_nsh_hex(struct ds *s, const struct match *m, enum mf_field_id id)
{
    const struct mf_field *mf = mf_from_id(id);
    union mf_value value, mask;

    mf_get(mf, m, &value, &mask);
    if (!mask.be32) {
        return;
    }
    ds_put_format(s, "%s=0x%"PRIx32, mf->name, ntohl(value.be32));
    if (mask.be32 != UINT32_MAX && !mf_mask_is_exact(mf, &mask)) {
        ds_put_format(s, "/0x%"PRIx32, ntohl(mask.be32));
    }
    ds_put_char(s, ',');
}

static void
format_u128_masked(struct ds *s, const char *name, const svs_u128 *value,
                   const svs_u128 *mask)
{
    union mf_value v, m;

    if (!mask->u64.hi && !mask->u64.lo) {
        return;
    }
    v.be128.be64.hi = svs_htonll(value->u64.hi);
    v.be128.be64.lo = svs_htonll(value->u64.lo);
    m.be128.be64.hi = svs_htonll(mask->u64.hi);
    m.be128.be64.lo = svs_htonll(mask->u64.lo);
    ds_put_format(s, "%s=", name);
    mf_format(mf_from_id(MFF_CT_LABEL), &v,
              (mask->u64.hi == UINT64_MAX && mask->u64.lo == UINT64_MAX
               ? NULL : &m), s);
    ds_put_char(s, ',');
}

static void
format_vlan(struct ds *s, const struct match *m, int idx)
{
    be16 tci = m->flow.vlans[idx].tci;
    uint16_t mask = ntohs(m->wc.masks.vlans[idx].tci);
    uint16_t vid_mask = mask & VLAN_VID_MASK;
    uint16_t pcp_mask = mask & VLAN_PCP_MASK;
    const char *sfx = idx ? "1" : "";

    if (!mask) {
        return;
    }
    if (tci == htons(0) && mask == UINT16_MAX) {
        ds_put_format(s, "vlan_tci%s=0x0000,", sfx);
    } else if ((mask & VLAN_CFI) && (tci & htons(VLAN_CFI))
               && (vid_mask == 0 || vid_mask == VLAN_VID_MASK)
               && (pcp_mask == 0 || pcp_mask == VLAN_PCP_MASK)
               && (vid_mask || pcp_mask)) {
        if (vid_mask) {
            ds_put_format(s, "dl_vlan%s=%"PRIu16",", sfx,
                          ntohs(tci) & VLAN_VID_MASK);
        }
        if (pcp_mask) {
            ds_put_format(s, "dl_vlan_pcp%s=%d,", sfx,
                          ntohs(tci) >> VLAN_PCP_SHIFT);
        }
    } else if (mask == UINT16_MAX) {
        ds_put_format(s, "vlan_tci%s=0x%04"PRIx16",", sfx, ntohs(tci));
    } else {
        ds_put_format(s, "vlan_tci%s=0x%04"PRIx16"/0x%04"PRIx16",", sfx,
                      ntohs(tci), mask);
    }
}

/* The protocol shorthand for 'm', or NULL; '*nw_proto_done' is set when
 * the name implies nw_proto. */
static const char *
match_shorthand(const struct match *m, bool *nw_proto_done)
{
    const struct flow *f = &m->flow;
    bool proto_exact = m->wc.masks.nw_proto == UINT8_MAX;

    *nw_proto_done = false;
    if (m->wc.masks.dl_type != UINT16_MAX) {
        return NULL;
    }
    if (f->dl_type == htons(ETH_TYPE_IP)) {
        if (proto_exact) {
            *nw_proto_done = true;
            switch (f->nw_proto) {
            case IP_PROTO_ICMP: return "icmp";
            case IP_PROTO_TCP: return "tcp";
            case IP_PROTO_UDP: return "udp";
            case IP_PROTO_SCTP: return "sctp";
            }
            *nw_proto_done = false;
        }
        return "ip";
    } else if (f->dl_type == htons(ETH_TYPE_IPV6)) {
        if (proto_exact) {
            *nw_proto_done = true;
            switch (f->nw_proto) {
            case IP_PROTO_ICMPV6: return "icmp6";
            case IP_PROTO_TCP: return "tcp6";
            case IP_PROTO_UDP: return "udp6";
            case IP_PROTO_SCTP: return "sctp6";
            }
            *nw_proto_done = false;
        }
        return "ipv6";
    } else if (f->dl_type == htons(ETH_TYPE_ARP)) {
        return "arp";
    } else if (f->dl_type == htons(ETH_TYPE_RARP)) {
        return "rarp";
    } else if (f->dl_type == htons(ETH_TYPE_MPLS)) {
        return "mpls";
    } else if (f->dl_type == htons(ETH_TYPE_MPLS_MCAST)) {
        return "mplsm";
    }
    return NULL;
}

void
match_format(const struct match *m, struct ds *s, int priority)
{
    const struct flow *f = &m->flow;
    const struct flow_wildcards *wc = &m->wc;
    size_t start_len = s->length;
    bool nw_proto_done, l3_packet_type = false;
    const char *shorthand;
    bool is_arp = is_arp_type(f->dl_type);
    bool is_ipv4 = f->dl_type == htons(ETH_TYPE_IP);
    bool is_ipv6 = f->dl_type == htons(ETH_TYPE_IPV6);
    bool is_icmp = ((is_ipv4 && f->nw_proto == IP_PROTO_ICMP)
                    || (is_ipv6 && f->nw_proto == IP_PROTO_ICMPV6));

    if (priority != MATCH_DEFAULT_PRIORITY) {
        ds_put_format(s, "priority=%d,", priority);
    }

    format_u32_masked(s, "pkt_mark", f->pkt_mark, wc->masks.pkt_mark,
                      false);
    format_u32_masked(s, "recirc_id", f->recirc_id, wc->masks.recirc_id,
                      false);
    format_u32_masked(s, "dp_hash", f->dp_hash, wc->masks.dp_hash, false);
    format_u32_masked(s, "conj_id", f->conj_id, wc->masks.conj_id, true);
    format_u32_masked(s, "skb_priority", f->skb_priority,
                      wc->masks.skb_priority, false);
    if (wc->masks.actset_output) {
        ds_put_cstr(s, "actset_output=");
        mf_format_ofp_port(f->actset_output, s);
        ds_put_char(s, ',');
    }
    format_mf(s, m, MFF_CT_STATE, NULL);
    if (wc->masks.ct_zone) {
        ds_put_format(s, "ct_zone=%"PRIu16",", f->ct_zone);
    }
    format_u32_masked(s, "ct_mark", f->ct_mark, wc->masks.ct_mark, false);
    format_u128_masked(s, "ct_label", &f->ct_label, &wc->masks.ct_label);
    format_ip_masked(s, "ct_nw_src", f->ct_nw_src, wc->masks.ct_nw_src);
    format_ip_masked(s, "ct_nw_dst", f->ct_nw_dst, wc->masks.ct_nw_dst);
    format_ipv6_masked(s, "ct_ipv6_src", &f->ct_ipv6_src,
                       &wc->masks.ct_ipv6_src);
    format_ipv6_masked(s, "ct_ipv6_dst", &f->ct_ipv6_dst,
                       &wc->masks.ct_ipv6_dst);
    format_u8_masked(s, "ct_nw_proto", f->ct_nw_proto, wc->masks.ct_nw_proto,
                     true);
    format_be16_masked(s, "ct_tp_src", f->ct_tp_src, wc->masks.ct_tp_src,
                       true);
    format_be16_masked(s, "ct_tp_dst", f->ct_tp_dst, wc->masks.ct_tp_dst,
                       true);

    /* The packet type shows when it is not Ethernet, or, for datapath
     * flows (exact recirc_id), whenever it is matched. */
    if (wc->masks.packet_type
        && (f->packet_type != htonl(PT_ETH)
            || wc->masks.recirc_id == UINT32_MAX)) {
        if (f->packet_type == htonl(PT_ETH)) {
            ds_put_cstr(s, "eth,");
        } else {
            ds_put_cstr(s, "packet_type=");
            packet_type_format(f->packet_type, s);
            ds_put_char(s, ',');
            l3_packet_type = pt_ns(f->packet_type) == PT_NS_ETHERTYPE;
        }
    }

    shorthand = l3_packet_type ? NULL : match_shorthand(m, &nw_proto_done);
    if (l3_packet_type) {
        nw_proto_done = false;
    }
    if (shorthand) {
        ds_put_format(s, "%s,", shorthand);
    }

    for (int i = 0; i < FLOW_N_REGS; i++) {
        char name[16];

        snprintf(name, sizeof name, "reg%d", i);
        format_u32_masked(s, name, f->regs[i], wc->masks.regs[i], false);
    }

    format_be64_masked(s, "tun_id", f->tunnel.tun_id,
                       wc->masks.tunnel.tun_id);
    format_ip_masked(s, "tun_src", f->tunnel.ip_src,
                     wc->masks.tunnel.ip_src);
    format_ip_masked(s, "tun_dst", f->tunnel.ip_dst,
                     wc->masks.tunnel.ip_dst);
    format_ipv6_masked(s, "tun_ipv6_src", &f->tunnel.ipv6_src,
                       &wc->masks.tunnel.ipv6_src);
    format_ipv6_masked(s, "tun_ipv6_dst", &f->tunnel.ipv6_dst,
                       &wc->masks.tunnel.ipv6_dst);
    format_be16_masked(s, "tun_gbp_id", f->tunnel.gbp_id,
                       wc->masks.tunnel.gbp_id, true);
    if (wc->masks.tunnel.gbp_flags) {
        /* ovs-ofctl prints the value only, even when masked. */
        ds_put_format(s, "tun_gbp_flags=%#"PRIx8",", f->tunnel.gbp_flags);
    }
    format_u8_masked(s, "tun_tos", f->tunnel.ip_tos,
                     wc->masks.tunnel.ip_tos, true);
    format_u8_masked(s, "tun_ttl", f->tunnel.ip_ttl,
                     wc->masks.tunnel.ip_ttl, true);
    /* ovs-ofctl prints these five by value alone, whatever the mask, and
     * the ERSPAN index only for version 1, direction and hardware ID only
     * for version 2. */
    if (wc->masks.tunnel.erspan_ver) {
        ds_put_format(s, "tun_erspan_ver=%"PRIu8",", f->tunnel.erspan_ver);
    }
    if (f->tunnel.erspan_ver == 1 && wc->masks.tunnel.erspan_idx) {
        /* ovs-ofctl prints the value only, even when masked. */
        ds_put_format(s, "tun_erspan_idx=%#"PRIx32",",
                      f->tunnel.erspan_idx);
    }
    if (f->tunnel.erspan_ver == 2 && wc->masks.tunnel.erspan_dir) {
        ds_put_format(s, "tun_erspan_dir=%"PRIu8",", f->tunnel.erspan_dir);
    }
    if (f->tunnel.erspan_ver == 2 && wc->masks.tunnel.erspan_hwid) {
        ds_put_format(s, "tun_erspan_hwid=%#"PRIx8",",
                      f->tunnel.erspan_hwid);
    }
    if (wc->masks.tunnel.gtpu_flags) {
        ds_put_format(s, "gtpu_flags=%#"PRIx8",", f->tunnel.gtpu_flags);
    }
    if (wc->masks.tunnel.gtpu_msgtype) {
        ds_put_format(s, "gtpu_msgtype=%"PRIu8",", f->tunnel.gtpu_msgtype);
    }
    if (wc->masks.tunnel.flags & FLOW_TNL_F_OAM) {
        /* Always in "+flag"/"-flag" form in a match. */
        ds_put_format(s, "tun_flags=%coam,",
                      f->tunnel.flags & FLOW_TNL_F_OAM ? '+' : '-');
    }
    format_tun_metadata(s, m);

    format_be64_masked(s, "metadata", f->metadata, wc->masks.metadata);

    if (wc->masks.in_port) {
        ds_put_cstr(s, "in_port=");
        mf_format_ofp_port(f->in_port, s);
        ds_put_char(s, ',');
    }

    format_vlan(s, m, 0);
    format_vlan(s, m, 1);
    format_eth_masked(s, "dl_src", f->dl_src, wc->masks.dl_src);
    format_eth_masked(s, "dl_dst", f->dl_dst, wc->masks.dl_dst);
    if (!shorthand && !l3_packet_type && wc->masks.dl_type) {
        ds_put_format(s, "dl_type=0x%04"PRIx16",", ntohs(f->dl_type));
    }

    /* NSH, as ovs-ofctl prints it: a masked nsh_flags in hex with two
     * digits each ("0x02/0x03"), hexadecimal fields with "0x" even when
     * zero, and the context headers only for an exact MD type 1. */
    if (wc->masks.nsh.flags == UINT8_MAX) {
        ds_put_format(s, "nsh_flags=%"PRIu8",", f->nsh.flags);
    } else if (wc->masks.nsh.flags) {
        ds_put_format(s, "nsh_flags=0x%02"PRIx8"/0x%02"PRIx8",",
                      f->nsh.flags, wc->masks.nsh.flags);
    }
    format_mf(s, m, MFF_NSH_TTL, NULL);
    format_mf(s, m, MFF_NSH_MDTYPE, NULL);
    format_mf(s, m, MFF_NSH_NP, NULL);
    format_nsh_hex(s, m, MFF_NSH_SPI);
    format_mf(s, m, MFF_NSH_SI, NULL);
    if (wc->masks.nsh.mdtype == UINT8_MAX && f->nsh.mdtype == NSH_M_TYPE1) {
        for (enum mf_field_id id = MFF_NSH_C1; id <= MFF_NSH_C4; id++) {
            format_nsh_hex(s, m, id);
        }
    }

    if (is_ipv6) {
        format_ipv6_masked(s, "ipv6_src", &f->ipv6_src,
                           &wc->masks.ipv6_src);
        format_ipv6_masked(s, "ipv6_dst", &f->ipv6_dst,
                           &wc->masks.ipv6_dst);
        if (wc->masks.ipv6_label) {
            if (wc->masks.ipv6_label == htonl(IPV6_LABEL_MASK)) {
                ds_put_format(s, "ipv6_label=0x%05"PRIx32",",
                              ntohl(f->ipv6_label));
            } else {
                ds_put_format(s, "ipv6_label=0x%05"PRIx32"/0x%05"PRIx32",",
                              ntohl(f->ipv6_label),
                              ntohl(wc->masks.ipv6_label));
            }
        }
    } else if (is_arp) {
        format_ip_masked(s, "arp_spa", f->nw_src, wc->masks.nw_src);
        format_ip_masked(s, "arp_tpa", f->nw_dst, wc->masks.nw_dst);
    } else {
        format_ip_masked(s, "nw_src", f->nw_src, wc->masks.nw_src);
        format_ip_masked(s, "nw_dst", f->nw_dst, wc->masks.nw_dst);
        if (!is_ipv6) {
            format_ipv6_masked(s, "ipv6_src", &f->ipv6_src,
                               &wc->masks.ipv6_src);
            format_ipv6_masked(s, "ipv6_dst", &f->ipv6_dst,
                               &wc->masks.ipv6_dst);
            if (wc->masks.ipv6_label) {
                format_mf(s, m, MFF_IPV6_LABEL, NULL);
            }
        }
    }

    if (!nw_proto_done && wc->masks.nw_proto) {
        format_u8_masked(s, is_arp ? "arp_op" : "nw_proto", f->nw_proto,
                         wc->masks.nw_proto, true);
    }
    if (is_arp) {
        format_eth_masked(s, "arp_sha", f->arp_sha, wc->masks.arp_sha);
        format_eth_masked(s, "arp_tha", f->arp_tha, wc->masks.arp_tha);
    }
    if (wc->masks.nw_tos & IP_DSCP_MASK) {
        ds_put_format(s, "nw_tos=%d,", f->nw_tos & IP_DSCP_MASK);
    }
    if (wc->masks.nw_tos & IP_ECN_MASK) {
        ds_put_format(s, "nw_ecn=%d,", f->nw_tos & IP_ECN_MASK);
    }
    if (wc->masks.nw_ttl) {
        ds_put_format(s, "nw_ttl=%d,", f->nw_ttl);
    }
    if (wc->masks.mpls_lse[0] & htonl(MPLS_LABEL_MASK)) {
        ds_put_format(s, "mpls_label=%"PRIu32",",
                      mpls_lse_to_label(f->mpls_lse[0]));
    }
    if (wc->masks.mpls_lse[0] & htonl(MPLS_TC_MASK)) {
        ds_put_format(s, "mpls_tc=%d,", mpls_lse_to_tc(f->mpls_lse[0]));
    }
    if (wc->masks.mpls_lse[0] & htonl(MPLS_TTL_MASK)) {
        ds_put_format(s, "mpls_ttl=%d,", mpls_lse_to_ttl(f->mpls_lse[0]));
    }
    if (wc->masks.mpls_lse[0] & htonl(MPLS_BOS_MASK)) {
        ds_put_format(s, "mpls_bos=%d,", mpls_lse_to_bos(f->mpls_lse[0]));
    }
    for (int i = 1; i < FLOW_MAX_MPLS_LABELS; i++) {
        uint32_t lse = ntohl(f->mpls_lse[i]);
        uint32_t lse_mask = ntohl(wc->masks.mpls_lse[i]);

        if (lse_mask == UINT32_MAX) {
            ds_put_format(s, "mpls_lse%d=%"PRIu32",", i, lse);
        } else if (lse_mask) {
            ds_put_format(s, "mpls_lse%d=%#"PRIx32"/%#"PRIx32",", i, lse,
                          lse_mask);
        }
    }
    format_mf(s, m, MFF_IP_FRAG, "nw_frag");

    if (is_icmp) {
        if (wc->masks.tp_src) {
            ds_put_format(s, "icmp_type=%"PRIu16",", ntohs(f->tp_src));
        }
        if (wc->masks.tp_dst) {
            ds_put_format(s, "icmp_code=%"PRIu16",", ntohs(f->tp_dst));
        }
    } else {
        format_be16_masked(s, "tp_src", f->tp_src, wc->masks.tp_src, true);
        format_be16_masked(s, "tp_dst", f->tp_dst, wc->masks.tp_dst, true);
    }
    if (wc->masks.tcp_flags) {
        format_mf(s, m, MFF_TCP_FLAGS, NULL);
    }
    if (!is_arp) {
        format_ipv6_masked(s, "nd_target", &f->nd_target,
                           &wc->masks.nd_target);
        format_eth_masked(s, "nd_sll", f->arp_sha, wc->masks.arp_sha);
        format_eth_masked(s, "nd_tll", f->arp_tha, wc->masks.arp_tha);
    }
    if (wc->masks.nd_reserved) {
        ds_put_format(s, "nd_reserved=%"PRIu32",", ntohl(f->nd_reserved));
    }
    if (wc->masks.nd_options_type) {
        ds_put_format(s, "nd_options_type=%"PRIu8",", f->nd_options_type);
    }


    if (s->length > start_len && s->string[s->length - 1] == ',') {
        ds_truncate(s, s->length - 1);
    }
}

char *
match_to_string(const struct match *m, int priority)
{
    struct ds s;

    ds_init(&s);
    match_format(m, &s, priority);
    return ds_steal_cstr(&s);
}

/* Text input. */

static const struct match_protocol protocols[] = {
    { "ip", ETH_TYPE_IP, 0 },
    { "ipv4", ETH_TYPE_IP, 0 },
    { "ip4", ETH_TYPE_IP, 0 },
    { "arp", ETH_TYPE_ARP, 0 },
    { "icmp", ETH_TYPE_IP, IP_PROTO_ICMP },
    { "tcp", ETH_TYPE_IP, IP_PROTO_TCP },
    { "udp", ETH_TYPE_IP, IP_PROTO_UDP },
    { "sctp", ETH_TYPE_IP, IP_PROTO_SCTP },
    { "ipv6", ETH_TYPE_IPV6, 0 },
    { "ip6", ETH_TYPE_IPV6, 0 },
    { "icmp6", ETH_TYPE_IPV6, IP_PROTO_ICMPV6 },
    { "tcp6", ETH_TYPE_IPV6, IP_PROTO_TCP },
    { "udp6", ETH_TYPE_IPV6, IP_PROTO_UDP },
    { "sctp6", ETH_TYPE_IPV6, IP_PROTO_SCTP },
    { "rarp", ETH_TYPE_RARP, 0 },
    { "mpls", ETH_TYPE_MPLS, 0 },
    { "mplsm", ETH_TYPE_MPLS_MCAST, 0 },
};

const struct match_protocol *
match_protocol_from_name(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(protocols); i++) {
        if (!strcmp(protocols[i].name, name)) {
            return &protocols[i];
        }
    }
    return NULL;
}

char *
match_parse_field(struct match *m, const char *name, const char *value)
{
    const struct match_protocol *p = match_protocol_from_name(name);
    const struct mf_field *mf;

    if (p && (!value || !*value)) {
        match_set_dl_type(m, htons(p->dl_type));
        if (p->nw_proto) {
            match_set_nw_proto(m, p->nw_proto);
        }
        return NULL;
    }
    if (!strcmp(name, "eth") && (!value || !*value)) {
        match_set_packet_type(m, htonl(PT_ETH));
        return NULL;
    }
    mf = mf_from_name(name);
    if (!mf) {
        return xasprintf("unknown keyword %s", name);
    }
    if (!value || !*value) {
        /* ovs-ofctl reads a field without a value as "0/0": a wildcard
         * for most fields, an error for some (in_port, addresses), the
         * option's presence for tun_metadata. */
        value = "0/0";
    }
    return mf_parse_field(mf, value, m);
}

/* Takes the next item off '*p' (modified in place): items are separated
 * by commas or white space outside parentheses (so that
 * "packet_type=(1,0x800)" is one item).  Stores its name and its value
 * (after '=', or NULL without one).  Returns false at the end. */
static bool
next_match_item(char **p, char **name, char **value)
{
    char *s = *p + strspn(*p, ", \t\r\n");
    int depth = 0;

    if (!*s) {
        *p = s;
        return false;
    }
    *name = s;
    for (; *s; s++) {
        if (*s == '(') {
            depth++;
        } else if (*s == ')' && depth > 0) {
            depth--;
        } else if (!depth && strchr(", \t\r\n", *s)) {
            break;
        }
    }
    if (*s) {
        *s++ = '\0';
    }
    *p = s;

    char *eq = strchr(*name, '=');
    *value = NULL;
    if (eq) {
        *eq = '\0';
        *value = eq + 1;
    }
    return true;
}

static char *
flow_parse_exact_item(struct flow *flow, const char *name, const char *value)
{
    const struct match_protocol *p = match_protocol_from_name(name);
    if (p && (!value || !*value)) {
        flow->dl_type = htons(p->dl_type);
        if (p->nw_proto) {
            flow->nw_proto = p->nw_proto;
        }
        return NULL;
    }

    const struct mf_field *mf = mf_from_name(name);
    if (!mf) {
        return xasprintf("unknown field %s", name);
    }
    if (!mf_are_prereqs_ok(mf, flow, NULL)) {
        return xasprintf("prerequisites not met for setting %s", name);
    }

    union mf_value v, m;
    mf_get_value(mf, flow, &v);
    if (!bitwise_is_all_zeros(&v, mf->n_bytes, 0, mf->n_bytes * 8)) {
        return xasprintf("field %s set multiple times", name);
    }
    char *error = mf_parse(mf, value ? value : "", &v, &m);
    if (error) {
        char *s = xasprintf("bad value for %s (%s)", name, error);
        free(error);
        return s;
    }
    if (value && strchr(value, '/')) {
        return xasprintf("bad value for %s (%s: wildcards not allowed here)",
                         name, value);
    }
    mf_set_flow_value(mf, &v, flow);
    return NULL;
}

char *
flow_parse_exact(struct flow *flow, const char *s_)
{
    char *s = xstrdup(s_);
    char *error = NULL;
    char *p = s;

    char *name, *value;

    memset(flow, 0, sizeof *flow);
    while (!error && next_match_item(&p, &name, &value)) {
        error = flow_parse_exact_item(flow, name, value);
    }
    free(s);
    if (error) {
        char *full = xasprintf("%s: %s", s_, error);
        free(error);
        return full;
    }
    if (!flow->in_port) {
        flow->in_port = OFPP_NONE;
    }
    for (size_t i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        if (flow->vlans[i].tci & htons(VLAN_CFI) && !flow->vlans[i].tpid) {
            flow->vlans[i].tpid = htons(ETH_TYPE_VLAN_8021Q);
        }
    }
    return NULL;
}

/* Items as next_match_item() splits them. */
char *
match_parse(struct match *m, const char *s_)
{
    char *s = xstrdup(s_);
    char *error = NULL;
    char *p = s;

    char *name, *value;

    match_init_catchall(m);
    while (!error && next_match_item(&p, &name, &value)) {
        error = match_parse_field(m, name, value);
    }
    free(s);
    return error;
}
