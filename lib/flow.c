/* flow.c: flow extraction, composition, formatting and wildcard helpers. */
#include <config.h>
#include "flow.h"

#include <inttypes.h>
#include <string.h>
#include "dynamic-string.h"
#include "hash.h"
#include "match.h"
#include "ofpbuf.h"
#include "packets.h"
#include "util.h"

_Static_assert(FLOW_SEGMENT_1_ENDS_AT < FLOW_SEGMENT_2_ENDS_AT
               && FLOW_SEGMENT_2_ENDS_AT < FLOW_SEGMENT_3_ENDS_AT
               && FLOW_SEGMENT_3_ENDS_AT < sizeof(struct flow),
               "flow segments in order");

/* Comparison and hashing. */

bool
flow_equal(const struct flow *a, const struct flow *b)
{
    return !memcmp(a, b, sizeof *a);
}

uint32_t
flow_hash(const struct flow *flow, uint32_t basis)
{
    const uint64_t *p = flow_u64_const(flow);
    uint32_t hash = basis;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        hash = hash_add64(hash, p[i]);
    }
    return hash_finish(hash, sizeof *flow);
}

uint32_t
flow_hash_in_mask(const struct flow *flow, const struct flow_wildcards *wc,
                  uint32_t basis)
{
    const uint64_t *p = flow_u64_const(flow);
    const uint64_t *m = flow_u64_const(&wc->masks);
    uint32_t hash = basis;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (m[i]) {
            hash = hash_add64(hash, p[i] & m[i]);
        }
    }
    return hash_finish(hash, sizeof *flow);
}

void
flow_zero_wildcards(struct flow *flow, const struct flow_wildcards *wc)
{
    uint64_t *p = flow_u64(flow);
    const uint64_t *m = flow_u64_const(&wc->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        p[i] &= m[i];
    }
}

bool
flow_equal_except(const struct flow *a, const struct flow *b,
                  const struct flow_wildcards *wc)
{
    const uint64_t *pa = flow_u64_const(a);
    const uint64_t *pb = flow_u64_const(b);
    const uint64_t *m = flow_u64_const(&wc->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if ((pa[i] ^ pb[i]) & m[i]) {
            return false;
        }
    }
    return true;
}

/* Wildcards. */

void
flow_wildcards_init_catchall(struct flow_wildcards *wc)
{
    memset(&wc->masks, 0, sizeof wc->masks);
}

void
flow_wildcards_init_exact(struct flow_wildcards *wc)
{
    memset(&wc->masks, 0xff, sizeof wc->masks);
    /* Padding stays zero so that masks compare and hash cleanly. */
    memset(wc->masks.tunnel.pad, 0, sizeof wc->masks.tunnel.pad);
    /* Tunnel options are not part of an exact flow (their values are not
     * in struct flow either). */
    wc->masks.tunnel.md_present = 0;
    memset(wc->masks.pad1, 0, sizeof wc->masks.pad1);
    memset(wc->masks.pad2, 0, sizeof wc->masks.pad2);
    wc->masks.pad3 = 0;
    memset(wc->masks.pad4, 0, sizeof wc->masks.pad4);
    memset(wc->masks.pad5, 0, sizeof wc->masks.pad5);
}

bool
flow_wildcards_is_catchall(const struct flow_wildcards *wc)
{
    const uint64_t *m = flow_u64_const(&wc->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (m[i]) {
            return false;
        }
    }
    return true;
}

bool
flow_wildcards_is_exact(const struct flow_wildcards *wc)
{
    struct flow_wildcards exact;

    flow_wildcards_init_exact(&exact);
    return flow_wildcards_equal(wc, &exact);
}

bool
flow_wildcards_equal(const struct flow_wildcards *a,
                     const struct flow_wildcards *b)
{
    return flow_equal(&a->masks, &b->masks);
}

void
flow_wildcards_and(struct flow_wildcards *dst,
                   const struct flow_wildcards *src1,
                   const struct flow_wildcards *src2)
{
    uint64_t *d = flow_u64(&dst->masks);
    const uint64_t *a = flow_u64_const(&src1->masks);
    const uint64_t *b = flow_u64_const(&src2->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        d[i] = a[i] & b[i];
    }
}

void
flow_wildcards_or(struct flow_wildcards *dst,
                  const struct flow_wildcards *src1,
                  const struct flow_wildcards *src2)
{
    uint64_t *d = flow_u64(&dst->masks);
    const uint64_t *a = flow_u64_const(&src1->masks);
    const uint64_t *b = flow_u64_const(&src2->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        d[i] = a[i] | b[i];
    }
}

bool
flow_wildcards_has_extra(const struct flow_wildcards *a,
                         const struct flow_wildcards *b)
{
    const uint64_t *pa = flow_u64_const(&a->masks);
    const uint64_t *pb = flow_u64_const(&b->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (pa[i] & ~pb[i]) {
            return true;
        }
    }
    return false;
}

int
flow_count_vlan_headers(const struct flow *flow)
{
    int n = 0;

    while (n < FLOW_MAX_VLAN_HEADERS
           && (flow->vlans[n].tci & htons(VLAN_CFI))) {
        n++;
    }
    return n;
}

int
flow_count_mpls_labels(const struct flow *flow)
{
    int n = 0;

    if (flow->dl_type != htons(ETH_TYPE_MPLS)
        && flow->dl_type != htons(ETH_TYPE_MPLS_MCAST)) {
        return 0;
    }
    while (n < FLOW_MAX_MPLS_LABELS) {
        n++;
        if (flow->mpls_lse[n - 1] & htonl(MPLS_BOS_MASK)) {
            break;
        }
    }
    return n;
}

#define WC_EXACT(FIELD) memset(&wc->masks.FIELD, 0xff, sizeof wc->masks.FIELD)

void
flow_wildcards_init_for_packet(struct flow_wildcards *wc,
                               const struct flow *flow)
{
    flow_wildcards_init_catchall(wc);

    /* Metadata: only what is set. */
    if (flow->tunnel.ip_dst || flow->tunnel.ip_src
        || !ipv6_is_zero(&flow->tunnel.ipv6_dst)
        || !ipv6_is_zero(&flow->tunnel.ipv6_src)) {
        WC_EXACT(tunnel.tun_id);
        WC_EXACT(tunnel.ip_src);
        WC_EXACT(tunnel.ip_dst);
        WC_EXACT(tunnel.ipv6_src);
        WC_EXACT(tunnel.ipv6_dst);
        wc->masks.tunnel.flags = FLOW_TNL_F_OAM;
        WC_EXACT(tunnel.ip_tos);
        WC_EXACT(tunnel.ip_ttl);
        WC_EXACT(tunnel.tp_src);
        WC_EXACT(tunnel.tp_dst);
        if (flow->tunnel.gbp_id || flow->tunnel.gbp_flags) {
            WC_EXACT(tunnel.gbp_id);
            WC_EXACT(tunnel.gbp_flags);
        }
    } else if (flow->tunnel.tun_id) {
        WC_EXACT(tunnel.tun_id);
    }
#define WC_IF_SET(FIELD) \
    if (flow->FIELD) { WC_EXACT(FIELD); }
    WC_IF_SET(metadata);
    for (int i = 0; i < FLOW_N_REGS; i++) {
        WC_IF_SET(regs[i]);
    }
    WC_IF_SET(skb_priority);
    WC_IF_SET(pkt_mark);
    WC_IF_SET(dp_hash);
    WC_IF_SET(in_port);
    WC_IF_SET(recirc_id);
    WC_IF_SET(ct_state);
    WC_IF_SET(ct_zone);
    WC_IF_SET(ct_mark);
    if (flow->ct_label.u64.hi || flow->ct_label.u64.lo) {
        WC_EXACT(ct_label);
    }
    if (flow->packet_type != htonl(PT_ETH)) {
        WC_EXACT(packet_type);
    }
#undef WC_IF_SET

    /* L2. */
    if (flow->packet_type == htonl(PT_ETH)) {
        WC_EXACT(dl_dst);
        WC_EXACT(dl_src);
        WC_EXACT(dl_type);
        WC_EXACT(vlans[0].tci);
        if (flow->vlans[0].tci & htons(VLAN_CFI)) {
            WC_EXACT(vlans[0].tpid);
            WC_EXACT(vlans[1].qtag);
        }
    } else {
        WC_EXACT(dl_type);
    }

    /* L2.5 and L3. */
    if (flow->dl_type == htons(ETH_TYPE_IP)) {
        WC_EXACT(nw_src);
        WC_EXACT(nw_dst);
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
        WC_EXACT(ipv6_src);
        WC_EXACT(ipv6_dst);
        wc->masks.ipv6_label = htonl(IPV6_LABEL_MASK);
    } else if (flow->dl_type == htons(ETH_TYPE_ARP)
               || flow->dl_type == htons(ETH_TYPE_RARP)) {
        WC_EXACT(nw_src);
        WC_EXACT(nw_dst);
        WC_EXACT(nw_proto);
        WC_EXACT(arp_sha);
        WC_EXACT(arp_tha);
        return;
    } else if (flow->dl_type == htons(ETH_TYPE_MPLS)
               || flow->dl_type == htons(ETH_TYPE_MPLS_MCAST)) {
        for (int i = 0; i < flow_count_mpls_labels(flow); i++) {
            WC_EXACT(mpls_lse[i]);
        }
        return;
    } else if (flow->dl_type == htons(ETH_TYPE_NSH)) {
        WC_EXACT(nsh.flags);
        WC_EXACT(nsh.ttl);
        WC_EXACT(nsh.mdtype);
        WC_EXACT(nsh.np);
        WC_EXACT(nsh.path_hdr);
        if (flow->nsh.mdtype == NSH_M_TYPE1) {
            WC_EXACT(nsh.context);
        }
        /* Open vSwitch prints these for NSH packets too. */
        WC_EXACT(nw_ttl);
        WC_EXACT(nw_proto);
        WC_EXACT(nw_frag);
        WC_EXACT(nw_tos);
        return;
    } else {
        return;
    }

    WC_EXACT(nw_ttl);
    WC_EXACT(nw_proto);
    WC_EXACT(nw_frag);
    WC_EXACT(nw_tos);
    if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
        return;
    }

    /* L4. */
    switch (flow->nw_proto) {
    case IP_PROTO_TCP:
        WC_EXACT(tcp_flags);
        /* Fall through. */
    case IP_PROTO_UDP:
    case IP_PROTO_SCTP:
        WC_EXACT(tp_src);
        WC_EXACT(tp_dst);
        break;
    case IP_PROTO_ICMP:
        WC_EXACT(tp_src);
        WC_EXACT(tp_dst);
        break;
    case IP_PROTO_IGMP:
        WC_EXACT(tp_src);
        WC_EXACT(tp_dst);
        WC_EXACT(igmp_group_ip4);
        break;
    case IP_PROTO_ICMPV6:
        WC_EXACT(tp_src);
        WC_EXACT(tp_dst);
        if (flow->dl_type == htons(ETH_TYPE_IPV6) && flow->tp_dst == htons(0)
            && (flow->tp_src == htons(ND_NEIGHBOR_SOLICIT)
                || flow->tp_src == htons(ND_NEIGHBOR_ADVERT))) {
            WC_EXACT(nd_target);
            WC_EXACT(arp_sha);
            WC_EXACT(arp_tha);
        }
        break;
    }
}
#undef WC_EXACT

/* Flow extraction. */

/* A cursor over the packet: [data, data + size) remains to be parsed. */
struct pkt_cursor {
    const uint8_t *start;
    const uint8_t *data;
    size_t size;
};

static const void *
cursor_pull(struct pkt_cursor *c, size_t n)
{
    const void *p;

    if (c->size < n) {
        return NULL;
    }
    p = c->data;
    c->data += n;
    c->size -= n;
    return p;
}

static const void *
cursor_peek(const struct pkt_cursor *c, size_t n)
{
    return c->size >= n ? c->data : NULL;
}

static uint16_t
cursor_ofs(const struct pkt_cursor *c)
{
    size_t ofs = c->data - c->start;
    return ofs < UINT16_MAX ? ofs : UINT16_MAX - 1;
}

static be16
get_be16(const void *p)
{
    be16 x;
    memcpy(&x, p, sizeof x);
    return x;
}

static be32
get_be32(const void *p)
{
    be32 x;
    memcpy(&x, p, sizeof x);
    return x;
}

/* Parses the Ethertype after the MAC addresses and VLAN tags, handling
 * 802.2 LLC/SNAP frames whose type field is a length.  Returns false if
 * the frame is too short for its type field. */
static bool
parse_ethertype(struct pkt_cursor *c, be16 *typep)
{
    const be16 *type = cursor_pull(c, sizeof *type);
    const struct llc_snap_header *llc;

    if (!type) {
        return false;
    }
    if (ntohs(get_be16(type)) >= ETH_TYPE_MIN) {
        *typep = get_be16(type);
        return true;
    }

    /* 802.3 frame: only SNAP with a zero OUI carries an Ethertype. */
    llc = cursor_peek(c, sizeof *llc);
    if (llc && llc->llc_dsap == LLC_DSAP_SNAP
        && llc->llc_ssap == LLC_SSAP_SNAP
        && llc->llc_cntl == LLC_CNTL_SNAP
        && !llc->snap_org[0] && !llc->snap_org[1] && !llc->snap_org[2]
        && ntohs(llc->snap_type) >= ETH_TYPE_MIN) {
        cursor_pull(c, sizeof *llc);
        *typep = llc->snap_type;
    } else {
        *typep = htons(0x05ff);     /* "No Ethertype" (FLOW_DL_TYPE_NONE). */
    }
    return true;
}

/* Parses the neighbor discovery message at 'c' (after the 8-byte ICMPv6
 * header) into 'flow'. */
static void
parse_nd(struct pkt_cursor *c, struct flow *flow)
{
    const uint8_t *target = cursor_pull(c, sizeof flow->nd_target);

    if (!target) {
        return;
    }
    memcpy(&flow->nd_target, target, sizeof flow->nd_target);

    /* Options.  Like Open vSwitch, stop quietly at a malformed or
     * overlong option, but treat a second nonzero link-layer address of
     * the same kind as an invalid message. */
    while (c->size >= 8) {
        const struct nd_opt_header *opt = cursor_peek(c, 2);
        size_t opt_len = opt->nd_opt_len * 8;

        if (!opt_len || opt_len > c->size) {
            break;
        }
        if (opt_len == ND_LLA_OPT_LEN) {
            struct eth_addr lla;

            memcpy(&lla, c->data + 2, ETH_ADDR_LEN);
            if (opt->nd_opt_type == ND_OPT_SOURCE_LINKADDR) {
                if (!eth_addr_is_zero(flow->arp_sha)) {
                    goto invalid;
                }
                flow->arp_sha = lla;
            } else if (opt->nd_opt_type == ND_OPT_TARGET_LINKADDR) {
                if (!eth_addr_is_zero(flow->arp_tha)) {
                    goto invalid;
                }
                flow->arp_tha = lla;
            }
            if (opt->nd_opt_type == ND_OPT_SOURCE_LINKADDR
                || opt->nd_opt_type == ND_OPT_TARGET_LINKADDR) {
                flow->nd_options_type = opt->nd_opt_type;
            }
        }
        cursor_pull(c, opt_len);
    }
    return;

invalid:
    memset(&flow->nd_target, 0, sizeof flow->nd_target);
    flow->arp_sha = eth_addr_zero;
    flow->arp_tha = eth_addr_zero;
    flow->nd_options_type = 0;
    flow->nd_reserved = 0;
}

/* Parses the L4 header.  As in Open vSwitch, the protocol number alone
 * selects the parser, whatever the IP version. */
static void
parse_l4(struct pkt_cursor *c, struct flow *flow,
         struct flow_layer_ofs *ofs)
{
    ofs->l4 = cursor_ofs(c);
    switch (flow->nw_proto) {
    case IP_PROTO_TCP: {
        const struct tcp_header *tcp = cursor_peek(c, TCP_HEADER_LEN);
        if (tcp) {
            size_t hlen = TCP_OFFSET(tcp->tcp_ctl) * 4;
            if (hlen >= TCP_HEADER_LEN && hlen <= c->size) {
                flow->tp_src = tcp->tcp_src;
                flow->tp_dst = tcp->tcp_dst;
                flow->tcp_flags = tcp->tcp_ctl & htons(TCP_FLAGS_MASK);
                cursor_pull(c, hlen);
                ofs->l7 = cursor_ofs(c);
            }
        }
        break;
    }
    case IP_PROTO_UDP: {
        const struct udp_header *udp = cursor_pull(c, UDP_HEADER_LEN);
        if (udp) {
            flow->tp_src = udp->udp_src;
            flow->tp_dst = udp->udp_dst;
            ofs->l7 = cursor_ofs(c);
        }
        break;
    }
    case IP_PROTO_SCTP: {
        const struct sctp_header *sctp = cursor_pull(c, SCTP_HEADER_LEN);
        if (sctp) {
            flow->tp_src = sctp->sctp_src;
            flow->tp_dst = sctp->sctp_dst;
            ofs->l7 = cursor_ofs(c);
        }
        break;
    }
    case IP_PROTO_ICMP: {
        const struct icmp_header *icmp = cursor_pull(c, ICMP_HEADER_LEN);
        if (icmp) {
            flow->tp_src = htons(icmp->icmp_type);
            flow->tp_dst = htons(icmp->icmp_code);
            ofs->l7 = cursor_ofs(c);
        }
        break;
    }
    case IP_PROTO_IGMP: {
        const struct igmp_header *igmp = cursor_pull(c, IGMP_HEADER_LEN);
        if (igmp) {
            flow->tp_src = htons(igmp->igmp_type);
            flow->tp_dst = htons(igmp->igmp_code);
            flow->igmp_group_ip4 = get_16aligned_be32(igmp->group);
            ofs->l7 = cursor_ofs(c);
        }
        break;
    }
    case IP_PROTO_ICMPV6: {
        /* The ICMPv6 header plus its first 32-bit word (for neighbor
         * discovery, the reserved/flags word). */
        const uint8_t *icmp6 = cursor_pull(c, 8);

        if (!icmp6) {
            break;
        }
        flow->tp_src = htons(icmp6[0]);
        flow->tp_dst = htons(icmp6[1]);
        if (icmp6[1] == 0 && (icmp6[0] == ND_NEIGHBOR_SOLICIT
                              || icmp6[0] == ND_NEIGHBOR_ADVERT)) {
            flow->nd_reserved = get_be32(icmp6 + 4);
            parse_nd(c, flow);
        }
        ofs->l7 = cursor_ofs(c);
        break;
    }
    default:
        break;
    }
}

/* Parses an IPv4 header.  Returns false if it is invalid. */
static bool
parse_ipv4(struct pkt_cursor *c, struct flow *flow)
{
    const struct ip_header *ip = cursor_peek(c, IP_HEADER_LEN);
    size_t ihl, tot_len;

    if (!ip) {
        return false;
    }
    /* Like Open vSwitch, do not insist on version 4: the Ethertype says
     * what the header is. */
    ihl = IP_IHL(ip->ip_ihl_ver) * 4;
    tot_len = ntohs(ip->ip_tot_len);
    if (ihl < IP_HEADER_LEN || ihl > c->size || tot_len < ihl
        || tot_len > c->size) {
        return false;
    }
    /* Ethernet padding beyond the IP datagram is not part of it. */
    c->size = tot_len;

    flow->nw_src = get_16aligned_be32(ip->ip_src);
    flow->nw_dst = get_16aligned_be32(ip->ip_dst);
    flow->nw_proto = ip->ip_proto;
    flow->nw_tos = ip->ip_tos;
    flow->nw_ttl = ip->ip_ttl;
    if (IP_IS_FRAGMENT(ip->ip_frag_off)) {
        flow->nw_frag = FLOW_NW_FRAG_ANY;
        if (ip->ip_frag_off & htons(IP_FRAG_OFF_MASK)) {
            flow->nw_frag |= FLOW_NW_FRAG_LATER;
        }
    }
    cursor_pull(c, ihl);
    return true;
}

/* Parses an IPv6 header and its extension headers.  Returns false if they
 * are invalid: then only the addresses are set, as in Open vSwitch (which
 * does not check the version field either). */
static bool
parse_ipv6(struct pkt_cursor *c, struct flow *flow)
{
    const struct ipv6_header *ip6 = cursor_peek(c, IPV6_HEADER_LEN);
    uint8_t nw_frag = 0;
    uint32_t vtcfl;
    size_t plen;
    uint8_t nh;

    if (!ip6) {
        return false;
    }
    vtcfl = ntohl(get_16aligned_be32(ip6->ip6_vtcfl));
    plen = ntohs(ip6->ip6_plen);
    if (plen > c->size - IPV6_HEADER_LEN) {
        return false;
    }
    cursor_pull(c, IPV6_HEADER_LEN);
    c->size = plen;
    flow->ipv6_src = ip6->ip6_src;
    flow->ipv6_dst = ip6->ip6_dst;

    /* Extension headers. */
    nh = ip6->ip6_nxt;
    for (;;) {
        if (nh == IPV6_NH_HOPOPTS || nh == IPV6_NH_ROUTING
            || nh == IPV6_NH_DSTOPTS || nh == IPV6_NH_AUTH) {
            const struct ipv6_ext_header *ext = cursor_peek(c, 8);
            size_t len;

            if (!ext) {
                return false;
            }
            len = (nh == IPV6_NH_AUTH
                   ? (ext->ip6e_len + 2) * 4
                   : (ext->ip6e_len + 1) * 8);
            if (len > c->size) {
                return false;
            }
            nh = ext->ip6e_nxt;
            cursor_pull(c, len);
        } else if (nh == IPV6_NH_FRAGMENT) {
            const struct ipv6_frag_header *frag;

            frag = cursor_pull(c, IPV6_FRAG_HEADER_LEN);
            if (!frag) {
                return false;
            }
            nw_frag = FLOW_NW_FRAG_ANY;
            if (frag->ip6f_offlg & htons(IPV6_FRAG_OFF_MASK)) {
                /* A later fragment: what follows is not a header.  Open
                 * vSwitch reports the fragment header as the protocol. */
                nw_frag |= FLOW_NW_FRAG_LATER;
                nh = IPV6_NH_FRAGMENT;
                break;
            }
            nh = frag->ip6f_nxt;
        } else {
            break;
        }
    }

    flow->ipv6_label = htonl(vtcfl & IPV6_LABEL_MASK);
    flow->nw_tos = (vtcfl >> 20) & 0xff;
    flow->nw_ttl = ip6->ip6_hlim;
    flow->nw_proto = nh;
    flow->nw_frag = nw_frag;
    return true;
}

static void
parse_arp(struct pkt_cursor *c, struct flow *flow)
{
    const struct arp_eth_header *arp = cursor_peek(c, ARP_ETH_HEADER_LEN);

    if (arp && arp->ar_hrd == htons(ARP_HRD_ETHERNET)
        && arp->ar_pro == htons(ARP_PRO_IP)
        && arp->ar_hln == ETH_ADDR_LEN && arp->ar_pln == 4) {
        if (ntohs(arp->ar_op) <= 0xff) {
            flow->nw_proto = ntohs(arp->ar_op);
        }
        flow->nw_src = get_16aligned_be32(arp->ar_spa);
        flow->nw_dst = get_16aligned_be32(arp->ar_tpa);
        flow->arp_sha = arp->ar_sha;
        flow->arp_tha = arp->ar_tha;
        cursor_pull(c, ARP_ETH_HEADER_LEN);
    }
}

static void
parse_nsh(struct pkt_cursor *c, struct flow *flow)
{
    const struct nsh_header *nsh = cursor_peek(c, NSH_BASE_HDR_LEN);
    uint16_t vftl;
    size_t len;
    uint8_t mdtype;

    if (!nsh) {
        return;
    }
    vftl = ntohs(nsh->ver_flags_ttl_len);
    len = (vftl & NSH_LEN_MASK) * 4;
    /* Open vSwitch keeps the whole MD type byte and accepts unknown MD
     * types (with no context headers). */
    mdtype = nsh->md_type;
    if (vftl >> NSH_VER_SHIFT || len > c->size || len < NSH_BASE_HDR_LEN) {
        return;
    }
    if (mdtype == NSH_M_TYPE1 && len != NSH_M_TYPE1_LEN) {
        return;
    }
    flow->nsh.flags = (vftl & NSH_FLAGS_MASK) >> NSH_FLAGS_SHIFT;
    flow->nsh.ttl = (vftl & NSH_TTL_MASK) >> NSH_TTL_SHIFT;
    flow->nsh.mdtype = mdtype;
    flow->nsh.np = nsh->next_proto;
    flow->nsh.path_hdr = get_16aligned_be32(nsh->path_hdr);
    if (mdtype == NSH_M_TYPE1) {
        for (int i = 0; i < 4; i++) {
            flow->nsh.context[i] = get_be32((const uint8_t *) nsh
                                            + NSH_BASE_HDR_LEN + 4 * i);
        }
    }
    cursor_pull(c, len);
}

void
flow_extract_ofs(const void *packet, size_t size, const struct flow *md,
                 struct flow *flow, struct flow_layer_ofs *ofsp)
{
    struct pkt_cursor c = { packet, packet, size };
    struct flow_layer_ofs ofs_buf;
    struct flow_layer_ofs *ofs = ofsp ? ofsp : &ofs_buf;

    memset(flow, 0, sizeof *flow);
    if (md) {
        memcpy(flow, md, FLOW_SEGMENT_1_ENDS_AT);
    }
    ofs->l2 = ofs->l2_5 = ofs->l3 = ofs->l4 = ofs->l7 = UINT16_MAX;
    if (!packet) {
        c.size = 0;
    }

    if (flow->packet_type == htonl(PT_ETH)) {
        const struct eth_addr *addrs = cursor_peek(&c, ETH_HEADER_LEN);
        be16 type;

        if (!addrs) {
            return;
        }
        ofs->l2 = 0;
        memcpy(&flow->dl_dst, c.data, ETH_ADDR_LEN);
        memcpy(&flow->dl_src, c.data + ETH_ADDR_LEN, ETH_ADDR_LEN);
        cursor_pull(&c, 2 * ETH_ADDR_LEN);

        /* VLAN tags. */
        for (int n = 0; n < FLOW_MAX_VLAN_HEADERS; n++) {
            const uint8_t *tag = cursor_peek(&c, 4);
            be16 tpid;

            if (!tag) {
                break;
            }
            tpid = get_be16(tag);
            if (tpid != htons(ETH_TYPE_VLAN_8021Q)
                && tpid != htons(ETH_TYPE_VLAN_8021AD)) {
                break;
            }
            if (c.size < 6) {
                /* A tag with nothing after it: not a valid tag. */
                break;
            }
            flow->vlans[n].tpid = tpid;
            flow->vlans[n].tci = get_be16(tag + 2) | htons(VLAN_CFI);
            cursor_pull(&c, 4);
        }
        if (!parse_ethertype(&c, &type)) {
            return;
        }
        flow->dl_type = type;
    } else if (pt_ns(flow->packet_type) == PT_NS_ETHERTYPE) {
        flow->dl_type = htons(pt_ns_type(flow->packet_type));
    } else {
        return;
    }

    /* MPLS: the label stack ends parsing. */
    if (flow->dl_type == htons(ETH_TYPE_MPLS)
        || flow->dl_type == htons(ETH_TYPE_MPLS_MCAST)) {
        ofs->l2_5 = cursor_ofs(&c);
        for (int i = 0; i < FLOW_MAX_MPLS_LABELS; i++) {
            const void *lse = cursor_pull(&c, MPLS_HLEN);

            if (!lse) {
                break;
            }
            flow->mpls_lse[i] = get_be32(lse);
            if (flow->mpls_lse[i] & htonl(MPLS_BOS_MASK)) {
                break;
            }
        }
        return;
    }

    ofs->l3 = cursor_ofs(&c);
    if (flow->dl_type == htons(ETH_TYPE_IP)) {
        if (!parse_ipv4(&c, flow)) {
            return;
        }
    } else if (flow->dl_type == htons(ETH_TYPE_IPV6)) {
        if (!parse_ipv6(&c, flow)) {
            return;
        }
    } else if (flow->dl_type == htons(ETH_TYPE_ARP)
               || flow->dl_type == htons(ETH_TYPE_RARP)) {
        parse_arp(&c, flow);
        return;
    } else if (flow->dl_type == htons(ETH_TYPE_NSH)) {
        parse_nsh(&c, flow);
        return;
    } else {
        return;
    }

    if (!(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
        parse_l4(&c, flow, ofs);
    }
}

void
flow_extract(const void *packet, size_t size, const struct flow *md,
             struct flow *flow)
{
    flow_extract_ofs(packet, size, md, flow, NULL);
}

/* Formatting. */

void
flow_format(struct ds *s, const struct flow *flow)
{
    struct match match;
    struct flow_wildcards wc;

    flow_wildcards_init_for_packet(&wc, flow);
    match_init(&match, flow, &wc);
    match_format(&match, s, MATCH_DEFAULT_PRIORITY);
}

char *
flow_to_string(const struct flow *flow)
{
    struct ds s;

    ds_init(&s);
    flow_format(&s, flow);
    return ds_steal_cstr(&s);
}

/* Composition. */

/* The payload: 'len' bytes of 'data', or 0, 1, 2, ... if 'data' is
 * NULL. */
struct compose_l7 {
    const uint8_t *data;
    size_t len;
    bool like_ovs;              /* See flow_compose_payload(). */
};

static void
compose_l7(struct ofpbuf *b, const struct compose_l7 *l7)
{
    if (l7->data) {
        ofpbuf_put(b, l7->data, l7->len);
    } else {
        uint8_t *p = ofpbuf_put_uninit(b, l7->len);
        for (size_t i = 0; i < l7->len; i++) {
            p[i] = i;
        }
    }
}

/* Whether the L4 header of 'flow' is followed by the payload, as Open
 * vSwitch's compose-packet decides: after TCP segments without SYN, FIN or
 * RST, UDP datagrams, and ICMP and ICMPv6 echo requests and replies (code
 * 0); not
 * after other L4 headers (SCTP, IGMP, other ICMP messages). */
static bool
compose_l4_has_payload(const struct flow *flow, bool ipv6)
{
    uint8_t type = ntohs(flow->tp_src);
    uint8_t code = ntohs(flow->tp_dst);

    switch (flow->nw_proto) {
    case IP_PROTO_TCP:
        return !(ntohs(flow->tcp_flags) & (TCP_SYN | TCP_FIN | TCP_RST));
    case IP_PROTO_UDP:
        return true;
    case IP_PROTO_ICMP:
        return !ipv6 && !code && (type == ICMP4_ECHO_REQUEST
                                  || type == ICMP4_ECHO_REPLY);
    case IP_PROTO_ICMPV6:
        return ipv6 && !code && (type == ICMP6_ECHO_REQUEST
                                 || type == ICMP6_ECHO_REPLY);
    default:
        return false;
    }
}

/* Appends the L4 header (and payload) for 'flow' to 'b'.  'l3' is the
 * offset of the IP header in 'b' (for checksums).  Returns nothing; fixes
 * the L4 checksum itself. */
static void
compose_l4(struct ofpbuf *b, const struct flow *flow, size_t l3,
           const struct compose_l7 *l7)
{
    bool ipv6 = flow->dl_type == htons(ETH_TYPE_IPV6);
    size_t l4 = b->size;
    uint32_t partial;
    size_t len;

    switch (flow->nw_proto) {
    case IP_PROTO_TCP: {
        struct tcp_header *tcp = ofpbuf_put_zeros(b, sizeof *tcp);
        tcp->tcp_src = flow->tp_src;
        tcp->tcp_dst = flow->tp_dst;
        tcp->tcp_ctl = TCP_CTL(ntohs(flow->tcp_flags) & TCP_FLAGS_MASK, 5);
        break;
    }
    case IP_PROTO_UDP: {
        struct udp_header *udp = ofpbuf_put_zeros(b, sizeof *udp);
        udp->udp_src = flow->tp_src;
        udp->udp_dst = flow->tp_dst;
        break;
    }
    case IP_PROTO_SCTP: {
        struct sctp_header *sctp = ofpbuf_put_zeros(b, sizeof *sctp);
        sctp->sctp_src = flow->tp_src;
        sctp->sctp_dst = flow->tp_dst;
        break;
    }
    case IP_PROTO_ICMP:
        if (!ipv6) {
            struct icmp_header *icmp = ofpbuf_put_zeros(b, sizeof *icmp);
            icmp->icmp_type = ntohs(flow->tp_src);
            icmp->icmp_code = ntohs(flow->tp_dst);
        }
        break;
    case IP_PROTO_IGMP:
        if (!ipv6) {
            struct igmp_header *igmp = ofpbuf_put_zeros(b, sizeof *igmp);
            igmp->igmp_type = ntohs(flow->tp_src);
            igmp->igmp_code = ntohs(flow->tp_dst);
            put_16aligned_be32(igmp->group, flow->igmp_group_ip4);
        }
        break;
    case IP_PROTO_ICMPV6:
        if (ipv6) {
            /* The 4-byte header and the message's first word (the
             * reserved/flags word for neighbor discovery). */
            uint8_t *icmp6 = ofpbuf_put_zeros(b, 8);
            uint8_t type = ntohs(flow->tp_src);
            uint8_t code = ntohs(flow->tp_dst);

            icmp6[0] = type;
            icmp6[1] = code;
            if (code == 0 && (type == ND_NEIGHBOR_SOLICIT
                              || type == ND_NEIGHBOR_ADVERT)) {
                /* 'icmp6' is not used after 'b' grows. */
                memcpy(icmp6 + 4, &flow->nd_reserved, 4);
                ofpbuf_put(b, &flow->nd_target, 16);
                if (type == ND_NEIGHBOR_SOLICIT
                    && !eth_addr_is_zero(flow->arp_sha)) {
                    uint8_t *opt = ofpbuf_put_zeros(b, ND_LLA_OPT_LEN);
                    opt[0] = ND_OPT_SOURCE_LINKADDR;
                    opt[1] = 1;
                    memcpy(opt + 2, &flow->arp_sha, ETH_ADDR_LEN);
                }
                if (type == ND_NEIGHBOR_ADVERT
                    && !eth_addr_is_zero(flow->arp_tha)) {
                    uint8_t *opt = ofpbuf_put_zeros(b, ND_LLA_OPT_LEN);
                    opt[0] = ND_OPT_TARGET_LINKADDR;
                    opt[1] = 1;
                    memcpy(opt + 2, &flow->arp_tha, ETH_ADDR_LEN);
                }
            }
        }
        break;
    default:
        break;
    }
    if (compose_l4_has_payload(flow, ipv6)) {
        compose_l7(b, l7);
    }

    /* Lengths and checksums over the final buffer. */
    len = b->size - l4;
    {
        uint8_t *base = b->data;
        uint8_t *l4p = base + l4;
        void *l3p = base + l3;

        if (ipv6) {
            partial = packet_csum_pseudoheader6(l3p, flow->nw_proto, len);
        } else {
            partial = packet_csum_pseudoheader(l3p, flow->nw_proto, len);
        }
        switch (flow->nw_proto) {
        case IP_PROTO_TCP: {
            struct tcp_header *tcp = (struct tcp_header *) l4p;
            tcp->tcp_csum = csum_finish(csum_continue(partial, l4p, len));
            break;
        }
        case IP_PROTO_UDP: {
            struct udp_header *udp = (struct udp_header *) l4p;
            udp->udp_len = htons(len);
            udp->udp_csum = csum_finish(csum_continue(partial, l4p, len));
            if (!udp->udp_csum) {
                udp->udp_csum = htons(0xffff);
            }
            break;
        }
        case IP_PROTO_SCTP:
            if (!l7->like_ovs) {
                struct sctp_header *sctp = (struct sctp_header *) l4p;
                put_16aligned_be32(sctp->sctp_csum, crc32c(l4p, len));
            }
            break;
        case IP_PROTO_ICMP:
        case IP_PROTO_IGMP:
            if (!ipv6) {
                be16 c = csum(l4p, len);
                memcpy(l4p + 2, &c, 2);
            }
            break;
        case IP_PROTO_ICMPV6:
            if (ipv6) {
                be16 c = csum_finish(csum_continue(partial, l4p, len));
                memcpy(l4p + 2, &c, 2);
            }
            break;
        }
    }
}

void
flow_compose(struct ofpbuf *b, const struct flow *flow, size_t l7_len)
{
    flow_compose_payload(b, flow, NULL, l7_len, false);
}

void
flow_compose_payload(struct ofpbuf *b, const struct flow *flow,
                     const void *payload, size_t payload_len, bool like_ovs)
{
    const struct compose_l7 l7_ = { payload, payload_len, like_ovs };
    const struct compose_l7 *l7 = &l7_;
    be16 dl_type = flow->dl_type;

    if (flow->packet_type == htonl(PT_ETH)) {
        ofpbuf_put(b, &flow->dl_dst, ETH_ADDR_LEN);
        ofpbuf_put(b, &flow->dl_src, ETH_ADDR_LEN);
        for (int i = 0; i < flow_count_vlan_headers(flow); i++) {
            be16 tpid = (flow->vlans[i].tpid ? flow->vlans[i].tpid
                         : htons(ETH_TYPE_VLAN_8021Q));
            be16 tci = flow->vlans[i].tci & ~htons(VLAN_CFI);

            ofpbuf_put(b, &tpid, 2);
            ofpbuf_put(b, &tci, 2);
        }
        ofpbuf_put(b, &dl_type, 2);
    } else if (pt_ns(flow->packet_type) != PT_NS_ETHERTYPE) {
        return;
    }

    if (dl_type == htons(ETH_TYPE_MPLS)
        || dl_type == htons(ETH_TYPE_MPLS_MCAST)) {
        int n = flow_count_mpls_labels(flow);

        /* The label stack as the flow has it (without a bottom-of-stack
         * bit, every label slot), and no payload, as Open vSwitch's
         * compose-packet does. */
        for (int i = 0; i < n; i++) {
            ofpbuf_put(b, &flow->mpls_lse[i], 4);
        }
    } else if (dl_type == htons(ETH_TYPE_IP)) {
        size_t l3 = b->size;
        struct ip_header *ip = ofpbuf_put_zeros(b, sizeof *ip);

        ip->ip_ihl_ver = IP_IHL_VER(5, 4);
        ip->ip_tos = flow->nw_tos;
        ip->ip_ttl = flow->nw_ttl;
        ip->ip_proto = flow->nw_proto;
        put_16aligned_be32(ip->ip_src, flow->nw_src);
        put_16aligned_be32(ip->ip_dst, flow->nw_dst);
        if (flow->nw_frag & FLOW_NW_FRAG_ANY) {
            ip->ip_frag_off = htons(IP_MORE_FRAGMENTS);
            if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
                ip->ip_frag_off |= htons(100);
            }
        }
        if (!(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
            compose_l4(b, flow, l3, l7);
        }
        ip = (struct ip_header *) ((uint8_t *) b->data + l3);
        ip->ip_tot_len = htons(b->size - l3);
        ip->ip_csum = csum(ip, sizeof *ip);
    } else if (dl_type == htons(ETH_TYPE_IPV6)) {
        size_t l3 = b->size;
        struct ipv6_header *ip6 = ofpbuf_put_zeros(b, sizeof *ip6);
        uint32_t vtcfl = (6u << 28) | ((uint32_t) flow->nw_tos << 20)
                         | (ntohl(flow->ipv6_label) & IPV6_LABEL_MASK);

        put_16aligned_be32(ip6->ip6_vtcfl, htonl(vtcfl));
        ip6->ip6_hlim = flow->nw_ttl;
        ip6->ip6_src = flow->ipv6_src;
        ip6->ip6_dst = flow->ipv6_dst;
        ip6->ip6_nxt = flow->nw_proto;
        if (flow->nw_frag & FLOW_NW_FRAG_ANY) {
            struct ipv6_frag_header *frag;

            ip6->ip6_nxt = IPV6_NH_FRAGMENT;
            frag = ofpbuf_put_zeros(b, sizeof *frag);
            frag->ip6f_nxt = flow->nw_proto;
            frag->ip6f_offlg = htons(IPV6_FRAG_MORE);
            if (flow->nw_frag & FLOW_NW_FRAG_LATER) {
                frag->ip6f_offlg |= htons(100 << 3);
            }
        }
        if (!(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
            compose_l4(b, flow, l3, l7);
        }
        ip6 = (struct ipv6_header *) ((uint8_t *) b->data + l3);
        ip6->ip6_plen = htons(b->size - l3 - IPV6_HEADER_LEN);
    } else if (dl_type == htons(ETH_TYPE_ARP)
               || dl_type == htons(ETH_TYPE_RARP)) {
        struct arp_eth_header *arp = ofpbuf_put_zeros(b, sizeof *arp);

        arp->ar_hrd = htons(ARP_HRD_ETHERNET);
        arp->ar_pro = htons(ARP_PRO_IP);
        arp->ar_hln = ETH_ADDR_LEN;
        arp->ar_pln = 4;
        arp->ar_op = htons(flow->nw_proto);
        /* Open vSwitch fills in the addresses of requests and replies
         * only. */
        if (!like_ovs || flow->nw_proto == ARP_OP_REQUEST
            || flow->nw_proto == ARP_OP_REPLY) {
            arp->ar_sha = flow->arp_sha;
            arp->ar_tha = flow->arp_tha;
            put_16aligned_be32(arp->ar_spa, flow->nw_src);
            put_16aligned_be32(arp->ar_tpa, flow->nw_dst);
        }
    } else if (dl_type == htons(ETH_TYPE_NSH)) {
        struct nsh_header *nsh = ofpbuf_put_zeros(b, sizeof *nsh);
        bool md1 = flow->nsh.mdtype != NSH_M_TYPE2;
        size_t words = md1 ? NSH_M_TYPE1_LEN / 4 : NSH_BASE_HDR_LEN / 4;

        nsh->ver_flags_ttl_len = htons(((flow->nsh.flags << NSH_FLAGS_SHIFT)
                                        & NSH_FLAGS_MASK)
                                       | ((flow->nsh.ttl << NSH_TTL_SHIFT)
                                          & NSH_TTL_MASK)
                                       | words);
        nsh->md_type = md1 ? NSH_M_TYPE1 : NSH_M_TYPE2;
        nsh->next_proto = flow->nsh.np;
        put_16aligned_be32(nsh->path_hdr, flow->nsh.path_hdr);
        if (md1) {
            ofpbuf_put(b, flow->nsh.context, sizeof flow->nsh.context);
        }
        compose_l7(b, l7);
    }
    /* Other Ethernet types: the Ethernet header alone. */
}
