/* odp-execute.c: executing datapath actions on packets.
 *
 * Design: each packet's headers are located afresh with flow_extract_ofs()
 * before a rewrite, so that no stale parse offset can point outside the
 * packet, and every write is bounds-checked against the packet's size: a
 * truncated header is left alone.  Rewrites of addresses, ports and other
 * checksummed fields update the IPv4 header checksum and the TCP, UDP and
 * ICMP checksums incrementally (RFC 1624); SCTP's CRC32c is recomputed.
 * A packet whose L4 checksum is still partial (offloaded) gets it
 * completed before its headers change.
 *
 * Ownership follows odp-execute.h: when the caller keeps the packets
 * ('steal' false), the first action that would change them replaces the
 * batch by clones, which this module then owns. */
#include <config.h>
#include "odp-execute.h"

#include <string.h>
#include "dp-packet.h"
#include "flow.h"
#include "hash.h"
#include "netlink.h"
#include "odp-util.h"
#include "packets.h"
#include "random.h"
#include "util.h"

/* ---------------------------------------------------------------- */
/* Checksum updates (one's complement arithmetic, RFC 1624). */

static be16
csum_update16(be16 csum, be16 old, be16 new)
{
    uint32_t sum = (uint16_t) ~ntohs(csum) + (uint16_t) ~ntohs(old)
                   + ntohs(new);
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    return htons(~sum & 0xffff);
}

static be16
csum_update_bytes(be16 csum, const void *old_, const void *new_, size_t n)
{
    const uint8_t *old = old_, *new = new_;
    for (size_t i = 0; i + 1 < n; i += 2) {
        be16 o, w;
        memcpy(&o, old + i, 2);
        memcpy(&w, new + i, 2);
        csum = csum_update16(csum, o, w);
    }
    return csum;
}

/* The packet and the offsets of its layers. */
struct pkt {
    struct dp_packet *p;
    uint8_t *data;
    size_t size;
    struct flow flow;
    struct flow_layer_ofs ofs;
};

static void
pkt_parse(struct pkt *pk, struct dp_packet *p)
{
    struct flow md;

    memset(&md, 0, sizeof md);
    pk->p = p;
    pk->data = dp_packet_data(p);
    pk->size = dp_packet_size(p);
    flow_extract_ofs(pk->data, pk->size, &md, &pk->flow, &pk->ofs);
}

static bool
pkt_has(const struct pkt *pk, uint16_t ofs, size_t len)
{
    return ofs != UINT16_MAX && ofs + len <= pk->size;
}

/* Writes the masked bits of 'value' over 'n' bytes at 'dst'. */
static void
apply_masked(uint8_t *dst, const uint8_t *value, const uint8_t *mask,
             size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dst[i] = (dst[i] & ~mask[i]) | (value[i] & mask[i]);
    }
}

/* Where the L4 checksum of 'pk' is, or NULL if it has none to update. */
static uint8_t *
l4_csum_ptr(struct pkt *pk)
{
    uint16_t l4 = pk->ofs.l4;
    if (pk->flow.nw_frag & FLOW_NW_FRAG_LATER) {
        return NULL;
    }
    switch (pk->flow.nw_proto) {
    case IP_PROTO_TCP:
        return pkt_has(pk, l4, TCP_HEADER_LEN) ? pk->data + l4 + 16 : NULL;
    case IP_PROTO_UDP:
        if (pkt_has(pk, l4, UDP_HEADER_LEN)) {
            uint8_t *c = pk->data + l4 + 6;
            /* A zero UDP checksum over IPv4 means "none". */
            return c[0] || c[1] || pk->flow.dl_type == htons(ETH_TYPE_IPV6)
                   ? c : NULL;
        }
        return NULL;
    case IP_PROTO_ICMPV6:
        return (pk->flow.dl_type == htons(ETH_TYPE_IPV6)
                && pkt_has(pk, l4, ICMP6_HEADER_LEN)
                ? pk->data + l4 + 2 : NULL);
    }
    return NULL;
}

/* Rewrites 'n' bytes at 'field' (in the IP header) to the masked 'value',
 * keeping the L4 checksum right if 'pseudo' (the field is part of the
 * pseudo-header) and the IPv4 header checksum right if 'ip_csum' is
 * nonnull. */
static void
rewrite_ip_field(struct pkt *pk, uint8_t *field, const void *value,
                 const void *mask, size_t n, bool pseudo, uint8_t *ip_csum)
{
    uint8_t old[16];

    memcpy(old, field, n);
    apply_masked(field, value, mask, n);
    if (!memcmp(old, field, n)) {
        return;
    }
    if (ip_csum) {
        be16 c;
        memcpy(&c, ip_csum, 2);
        c = csum_update_bytes(c, old, field, n);
        memcpy(ip_csum, &c, 2);
    }
    uint8_t *l4c = pseudo ? l4_csum_ptr(pk) : NULL;
    if (l4c) {
        be16 c;
        memcpy(&c, l4c, 2);
        c = csum_update_bytes(c, old, field, n);
        if (pk->flow.nw_proto == IP_PROTO_UDP && !c) {
            c = htons(0xffff);
        }
        memcpy(l4c, &c, 2);
    }
}

/* The same for one byte, which checksums see as half of a 16-bit word: the
 * word that starts at 'word' (an even offset from the header start). */
static void
rewrite_ip_byte(uint8_t *word, int half, uint8_t value, uint8_t mask,
                uint8_t *ip_csum)
{
    uint8_t old[2] = { word[0], word[1] };
    word[half] = (word[half] & ~mask) | (value & mask);
    if (ip_csum) {
        be16 c;
        memcpy(&c, ip_csum, 2);
        c = csum_update_bytes(c, old, word, 2);
        memcpy(ip_csum, &c, 2);
    }
}

static void
sctp_recompute(struct pkt *pk)
{
    uint16_t l4 = pk->ofs.l4;
    if (!pkt_has(pk, l4, SCTP_HEADER_LEN)) {
        return;
    }
    uint8_t *sh = pk->data + l4;
    memset(sh + 8, 0, 4);
    be32 crc = crc32c(sh, pk->size - l4);
    memcpy(sh + 8, &crc, 4);
}

/* ---------------------------------------------------------------- */
/* Set actions. */

static void
set_ipv4(struct pkt *pk, const struct ovs_key_ipv4 *v,
         const struct ovs_key_ipv4 *m)
{
    uint16_t l3 = pk->ofs.l3;
    if (pk->flow.dl_type != htons(ETH_TYPE_IP)
        || !pkt_has(pk, l3, IP_HEADER_LEN)) {
        return;
    }
    uint8_t *ip = pk->data + l3;
    uint8_t *csum = ip + 10;
    rewrite_ip_field(pk, ip + 12, &v->ipv4_src, &m->ipv4_src, 4, true, csum);
    rewrite_ip_field(pk, ip + 16, &v->ipv4_dst, &m->ipv4_dst, 4, true, csum);
    rewrite_ip_byte(ip, 1, v->ipv4_tos, m->ipv4_tos, csum);
    rewrite_ip_byte(ip + 8, 0, v->ipv4_ttl, m->ipv4_ttl, csum);
}

static void
set_ipv6(struct pkt *pk, const struct ovs_key_ipv6 *v,
         const struct ovs_key_ipv6 *m)
{
    uint16_t l3 = pk->ofs.l3;
    if (pk->flow.dl_type != htons(ETH_TYPE_IPV6)
        || !pkt_has(pk, l3, IPV6_HEADER_LEN)) {
        return;
    }
    uint8_t *ip6 = pk->data + l3;
    rewrite_ip_field(pk, ip6 + 8, v->ipv6_src, m->ipv6_src, 16, true, NULL);
    rewrite_ip_field(pk, ip6 + 24, v->ipv6_dst, m->ipv6_dst, 16, true, NULL);

    /* Version (4) | traffic class (8) | flow label (20). */
    be32 w;
    memcpy(&w, ip6, 4);
    uint32_t word = ntohl(w);
    uint32_t label = ntohl(v->ipv6_label) & IPV6_LABEL_MASK;
    uint32_t lmask = ntohl(m->ipv6_label) & IPV6_LABEL_MASK;
    word = (word & ~lmask) | (label & lmask);
    uint32_t tc = (uint32_t) v->ipv6_tclass << 20;
    uint32_t tcm = (uint32_t) m->ipv6_tclass << 20;
    word = (word & ~tcm) | (tc & tcm);
    w = htonl(word);
    memcpy(ip6, &w, 4);
    ip6[7] = (ip6[7] & ~m->ipv6_hlimit) | (v->ipv6_hlimit & m->ipv6_hlimit);
}

static void
set_ports(struct pkt *pk, uint8_t proto, const be16 *v, const be16 *m)
{
    size_t hlen = (proto == IP_PROTO_TCP ? TCP_HEADER_LEN
                   : proto == IP_PROTO_UDP ? UDP_HEADER_LEN
                   : SCTP_HEADER_LEN);
    uint16_t l4 = pk->ofs.l4;

    if (pk->flow.nw_proto != proto || pk->flow.nw_frag & FLOW_NW_FRAG_LATER
        || !pkt_has(pk, l4, hlen)) {
        return;
    }
    uint8_t *th = pk->data + l4;
    uint8_t old[4];
    memcpy(old, th, 4);
    apply_masked(th, (const uint8_t *) v, (const uint8_t *) m, 4);
    if (proto == IP_PROTO_SCTP) {
        if (memcmp(old, th, 4)) {
            sctp_recompute(pk);
        }
        return;
    }
    uint8_t *c = l4_csum_ptr(pk);
    if (c) {
        be16 cs;
        memcpy(&cs, c, 2);
        cs = csum_update_bytes(cs, old, th, 4);
        if (proto == IP_PROTO_UDP && !cs) {
            cs = htons(0xffff);
        }
        memcpy(c, &cs, 2);
    }
}

static void
set_icmp(struct pkt *pk, bool v6, const uint8_t *v, const uint8_t *m)
{
    uint16_t l4 = pk->ofs.l4;
    uint8_t proto = v6 ? IP_PROTO_ICMPV6 : IP_PROTO_ICMP;

    if (pk->flow.nw_proto != proto
        || pk->flow.dl_type != htons(v6 ? ETH_TYPE_IPV6 : ETH_TYPE_IP)
        || pk->flow.nw_frag & FLOW_NW_FRAG_LATER
        || !pkt_has(pk, l4, 4)) {
        return;
    }
    uint8_t *h = pk->data + l4;
    uint8_t old[2] = { h[0], h[1] };
    apply_masked(h, v, m, 2);
    be16 cs;
    memcpy(&cs, h + 2, 2);
    cs = csum_update_bytes(cs, old, h, 2);
    memcpy(h + 2, &cs, 2);
}

static void
set_arp(struct pkt *pk, const struct ovs_key_arp *v,
        const struct ovs_key_arp *m)
{
    uint16_t l3 = pk->ofs.l3;
    uint16_t t = ntohs(pk->flow.dl_type);
    if ((t != ETH_TYPE_ARP && t != ETH_TYPE_RARP)
        || !pkt_has(pk, l3, ARP_ETH_HEADER_LEN)) {
        return;
    }
    uint8_t *a = pk->data + l3;
    apply_masked(a + 6, (const uint8_t *) &v->arp_op,
                 (const uint8_t *) &m->arp_op, 2);
    apply_masked(a + 8, v->arp_sha, m->arp_sha, 6);
    apply_masked(a + 14, (const uint8_t *) &v->arp_sip,
                 (const uint8_t *) &m->arp_sip, 4);
    apply_masked(a + 18, v->arp_tha, m->arp_tha, 6);
    apply_masked(a + 24, (const uint8_t *) &v->arp_tip,
                 (const uint8_t *) &m->arp_tip, 4);
}

static void
set_nd(struct pkt *pk, const struct ovs_key_nd *v, const struct ovs_key_nd *m)
{
    uint16_t l4 = pk->ofs.l4;
    if (pk->flow.dl_type != htons(ETH_TYPE_IPV6)
        || pk->flow.nw_proto != IP_PROTO_ICMPV6
        || !pkt_has(pk, l4, ND_MSG_LEN)) {
        return;
    }
    uint8_t type = pk->data[l4];
    if (type != ND_NEIGHBOR_SOLICIT && type != ND_NEIGHBOR_ADVERT) {
        return;
    }
    uint8_t *csum = pk->data + l4 + 2;
    rewrite_ip_field(pk, pk->data + l4 + 8, v->nd_target, m->nd_target, 16,
                     false, csum);

    /* Link-layer address options. */
    size_t ofs = l4 + ND_MSG_LEN;
    while (ofs + 8 <= pk->size) {
        uint8_t otype = pk->data[ofs];
        size_t olen = pk->data[ofs + 1] * 8;
        if (!olen || ofs + olen > pk->size) {
            break;
        }
        if (olen == 8 && (otype == ND_OPT_SOURCE_LINKADDR
                          || otype == ND_OPT_TARGET_LINKADDR)) {
            const uint8_t *val = otype == ND_OPT_SOURCE_LINKADDR
                                 ? v->nd_sll : v->nd_tll;
            const uint8_t *msk = otype == ND_OPT_SOURCE_LINKADDR
                                 ? m->nd_sll : m->nd_tll;
            uint8_t now[6];
            memcpy(now, pk->data + ofs + 2, 6);
            apply_masked(now, val, msk, 6);
            rewrite_ip_field(pk, pk->data + ofs + 2, now,
                             (const uint8_t[6]) { 0xff, 0xff, 0xff, 0xff,
                                                  0xff, 0xff },
                             6, false, csum);
        }
        ofs += olen;
    }
}

static void
set_mpls(struct pkt *pk, const be32 *v, const be32 *m)
{
    uint16_t ofs = pk->ofs.l2_5;
    if (!pkt_has(pk, ofs, MPLS_HLEN)) {
        return;
    }
    apply_masked(pk->data + ofs, (const uint8_t *) v, (const uint8_t *) m,
                 4);
}

static void
set_tcp_flags(struct pkt *pk, const be16 *v, const be16 *m)
{
    uint16_t l4 = pk->ofs.l4;
    if (pk->flow.nw_proto != IP_PROTO_TCP
        || pk->flow.nw_frag & FLOW_NW_FRAG_LATER
        || !pkt_has(pk, l4, TCP_HEADER_LEN)) {
        return;
    }
    /* The 12 flag bits share a 16-bit word with the data offset. */
    uint8_t *ctl = pk->data + l4 + 12;
    be16 flag_mask = *m & htons(TCP_FLAGS_MASK);
    uint8_t old[2] = { ctl[0], ctl[1] };
    apply_masked(ctl, (const uint8_t *) v, (const uint8_t *) &flag_mask, 2);
    uint8_t *c = l4_csum_ptr(pk);
    if (c) {
        be16 cs;
        memcpy(&cs, c, 2);
        cs = csum_update_bytes(cs, old, ctl, 2);
        memcpy(c, &cs, 2);
    }
}

/* Applies set action key 'type' with 'value' and 'mask' (each of the
 * attribute's struct size) to 'p'. */
static void
execute_set(struct dp_packet *p, uint16_t type, const void *value,
            const void *mask)
{
    struct pkt pk;

    if (type == OVS_KEY_ATTR_PRIORITY || type == OVS_KEY_ATTR_SKB_MARK) {
        uint32_t v, m;
        uint32_t *field = type == OVS_KEY_ATTR_PRIORITY
                          ? &p->skb_priority : &p->pkt_mark;
        memcpy(&v, value, 4);
        memcpy(&m, mask, 4);
        *field = (*field & ~m) | (v & m);
        return;
    }
    if (p->ol_flags & DP_PACKET_OL_CSUM_PARTIAL) {
        dp_packet_csum_complete(p);
    }
    pkt_parse(&pk, p);
    switch (type) {
    case OVS_KEY_ATTR_ETHERNET: {
        const struct ovs_key_ethernet *v = value, *m = mask;
        if (pkt_has(&pk, pk.ofs.l2, ETH_HEADER_LEN)) {
            apply_masked(pk.data + pk.ofs.l2, v->eth_dst, m->eth_dst, 6);
            apply_masked(pk.data + pk.ofs.l2 + 6, v->eth_src, m->eth_src, 6);
        }
        break;
    }
    case OVS_KEY_ATTR_IPV4:
        set_ipv4(&pk, value, mask);
        break;
    case OVS_KEY_ATTR_IPV6:
        set_ipv6(&pk, value, mask);
        break;
    case OVS_KEY_ATTR_TCP:
        set_ports(&pk, IP_PROTO_TCP, value, mask);
        break;
    case OVS_KEY_ATTR_UDP:
        set_ports(&pk, IP_PROTO_UDP, value, mask);
        break;
    case OVS_KEY_ATTR_SCTP:
        set_ports(&pk, IP_PROTO_SCTP, value, mask);
        break;
    case OVS_KEY_ATTR_ICMP:
        set_icmp(&pk, false, value, mask);
        break;
    case OVS_KEY_ATTR_ICMPV6:
        set_icmp(&pk, true, value, mask);
        break;
    case OVS_KEY_ATTR_ARP:
        set_arp(&pk, value, mask);
        break;
    case OVS_KEY_ATTR_ND:
        set_nd(&pk, value, mask);
        break;
    case OVS_KEY_ATTR_MPLS:
        set_mpls(&pk, value, mask);
        break;
    case OVS_KEY_ATTR_TCP_FLAGS:
        set_tcp_flags(&pk, value, mask);
        break;
    }
}

/* ---------------------------------------------------------------- */
/* VLAN and MPLS. */

/* The offset of the EtherType that follows the VLAN tags of Ethernet
 * frame 'p', or 0 if 'p' is too short. */
static size_t
inner_eth_type_ofs(const struct dp_packet *p)
{
    const uint8_t *d = dp_packet_data(p);
    size_t ofs = 12;

    while (ofs + 2 <= dp_packet_size(p)) {
        uint16_t t = (d[ofs] << 8) | d[ofs + 1];
        if ((t != ETH_TYPE_VLAN_8021Q && t != ETH_TYPE_VLAN_8021AD)
            || ofs + 6 > dp_packet_size(p)) {
            return ofs;
        }
        ofs += 4;
    }
    return 0;
}

static void
push_vlan(struct dp_packet *p, const struct ovs_action_push_vlan *pv)
{
    if (dp_packet_size(p) < ETH_HEADER_LEN) {
        return;
    }
    if (p->ol_flags & DP_PACKET_OL_CSUM_PARTIAL) {
        dp_packet_csum_complete(p);
    }
    uint8_t *tag = dp_packet_insert_at(p, 12, VLAN_HEADER_LEN);
    be16 tci = pv->vlan_tci & ~htons(VLAN_CFI);
    memcpy(tag, &pv->vlan_tpid, 2);
    memcpy(tag + 2, &tci, 2);
}

static void
pop_vlan(struct dp_packet *p)
{
    const uint8_t *d = dp_packet_data(p);
    if (dp_packet_size(p) < VLAN_ETH_HEADER_LEN) {
        return;
    }
    uint16_t t = (d[12] << 8) | d[13];
    if (t == ETH_TYPE_VLAN_8021Q || t == ETH_TYPE_VLAN_8021AD) {
        if (p->ol_flags & DP_PACKET_OL_CSUM_PARTIAL) {
            dp_packet_csum_complete(p);
        }
        dp_packet_remove_at(p, 12, VLAN_HEADER_LEN);
    }
}

static void
push_mpls(struct dp_packet *p, const struct ovs_action_push_mpls *pm)
{
    size_t ofs = inner_eth_type_ofs(p);
    if (!ofs || ofs + 2 > dp_packet_size(p)) {
        return;
    }
    if (p->ol_flags & DP_PACKET_OL_CSUM_PARTIAL) {
        dp_packet_csum_complete(p);
    }
    uint8_t *lse = dp_packet_insert_at(p, ofs + 2, MPLS_HLEN);
    memcpy(lse, &pm->mpls_lse, 4);
    uint8_t *d = dp_packet_data(p);
    memcpy(d + ofs, &pm->mpls_ethertype, 2);
}

static void
pop_mpls(struct dp_packet *p, be16 eth_type)
{
    size_t ofs = inner_eth_type_ofs(p);
    uint8_t *d = dp_packet_data(p);
    if (!ofs || ofs + 2 + MPLS_HLEN > dp_packet_size(p)) {
        return;
    }
    uint16_t t = (d[ofs] << 8) | d[ofs + 1];
    if (t != ETH_TYPE_MPLS && t != ETH_TYPE_MPLS_MCAST) {
        return;
    }
    memcpy(d + ofs, &eth_type, 2);
    dp_packet_remove_at(p, ofs + 2, MPLS_HLEN);
}

/* ---------------------------------------------------------------- */
/* Hash. */

static uint32_t
l4_hash(struct dp_packet *p, uint32_t basis, bool symmetric)
{
    struct flow md, f;
    uint32_t h = basis;

    memset(&md, 0, sizeof md);
    flow_extract(dp_packet_data(p), dp_packet_size(p), &md, &f);
    if (f.dl_type == htons(ETH_TYPE_IP)) {
        uint32_t a = f.nw_src, b = f.nw_dst;
        if (symmetric) {
            h = hash_add(h, a ^ b);
        } else {
            h = hash_add(hash_add(h, a), b);
        }
    } else if (f.dl_type == htons(ETH_TYPE_IPV6)) {
        for (int i = 0; i < 4; i++) {
            uint32_t a, b;
            memcpy(&a, (const uint8_t *) &f.ipv6_src + 4 * i, 4);
            memcpy(&b, (const uint8_t *) &f.ipv6_dst + 4 * i, 4);
            h = symmetric ? hash_add(h, a ^ b)
                          : hash_add(hash_add(h, a), b);
        }
    } else {
        return hash_finish(hash_bytes(&f.dl_dst, 12, basis), 12);
    }
    h = hash_add(h, f.nw_proto);
    if (symmetric) {
        h = hash_add(h, f.tp_src ^ f.tp_dst);
    } else {
        h = hash_add(h, ((uint32_t) f.tp_src << 16) | f.tp_dst);
    }
    h = hash_finish(h, 40);
    return h ? h : 1;
}

/* ---------------------------------------------------------------- */
/* The interpreter. */

struct exec_ctx {
    void *aux;
    odp_execute_cb *cb;
};

static void do_execute(struct exec_ctx *, struct dp_packet_batch *,
                       bool steal, const struct nlattr *, size_t);

/* True if action 'a' is the datapath's business: it goes to the
 * callback.  A set(tunnel(...)) sets tunnel metadata for a later output
 * to a tunnel port, which only the datapath keeps. */
static bool
action_needs_datapath(const struct nlattr *a)
{
    uint16_t type = nl_attr_type(a);

    if (type == OVS_ACTION_ATTR_SET
        && nl_attr_get_size(a) >= NLA_HDRLEN
        && nl_attr_type(nl_attr_get(a)) == OVS_KEY_ATTR_TUNNEL) {
        return true;
    }
    switch (type) {
    case OVS_ACTION_ATTR_OUTPUT:
    case OVS_ACTION_ATTR_USERSPACE:
    case OVS_ACTION_ATTR_RECIRC:
    case OVS_ACTION_ATTR_CT:
    case OVS_ACTION_ATTR_CT_CLEAR:
    case OVS_ACTION_ATTR_METER:
    case ODP_ACTION_ATTR_TUNNEL_PUSH:
    case ODP_ACTION_ATTR_TUNNEL_POP:
    case ODP_ACTION_ATTR_LB_OUTPUT:
    case OVS_ACTION_ATTR_PUSH_ETH:
    case OVS_ACTION_ATTR_POP_ETH:
    case OVS_ACTION_ATTR_PUSH_NSH:
    case OVS_ACTION_ATTR_POP_NSH:
    case OVS_ACTION_ATTR_DEC_TTL:
    case OVS_ACTION_ATTR_ADD_MPLS:
        return true;
    }
    return false;
}

/* True if the argument of action 'a' has the size its type needs. */
static bool
arg_size_ok(const struct nlattr *a)
{
    size_t size = nl_attr_get_size(a);

    switch (nl_attr_type(a)) {
    case OVS_ACTION_ATTR_PUSH_VLAN:
        return size == sizeof(struct ovs_action_push_vlan);
    case OVS_ACTION_ATTR_PUSH_MPLS:
        return size == sizeof(struct ovs_action_push_mpls);
    case OVS_ACTION_ATTR_POP_MPLS:
        return size == sizeof(be16);
    case OVS_ACTION_ATTR_HASH:
        return size == sizeof(struct ovs_action_hash);
    case OVS_ACTION_ATTR_TRUNC:
        return size == sizeof(struct ovs_action_trunc);
    case OVS_ACTION_ATTR_SET:
    case OVS_ACTION_ATTR_SET_MASKED:
        return size >= NLA_HDRLEN
               && ((const struct nlattr *) nl_attr_get(a))->nla_len <= size;
    }
    return true;
}

/* Moves the packets of 'batch' that satisfy 'pred' (or all, for a NULL
 * 'pred') into 'out', or clones of them if '!steal'. */
static void
batch_select(struct dp_packet_batch *batch, bool steal,
             bool (*pred)(const struct dp_packet *, const void *),
             const void *aux, struct dp_packet_batch *out, bool negate)
{
    size_t keep = 0;

    dp_packet_batch_init(out);
    for (size_t i = 0; i < batch->count; i++) {
        struct dp_packet *p = batch->packets[i];
        bool sel = !pred || pred(p, aux) != negate;
        if (!sel) {
            batch->packets[keep++] = p;
        } else if (steal) {
            dp_packet_batch_add(out, p);
        } else {
            dp_packet_batch_add(out, dp_packet_clone(p));
            batch->packets[keep++] = p;
        }
    }
    batch->count = keep;
}

static bool
sample_pred(const struct dp_packet *p SVS_UNUSED, const void *aux)
{
    const uint32_t *prob = aux;
    return *prob == UINT32_MAX || random_uint32() < *prob;
}

static bool
longer_pred(const struct dp_packet *p, const void *aux)
{
    const uint16_t *len = aux;
    return dp_packet_size(p) > *len;
}

static void
execute_sample(struct exec_ctx *ctx, struct dp_packet_batch *batch,
               bool last, const struct nlattr *a)
{
    const struct nlattr *nla, *acts = NULL;
    uint32_t prob = 0;
    size_t left;

    NL_NESTED_FOR_EACH (nla, left, a) {
        if (nl_attr_type(nla) == OVS_SAMPLE_ATTR_PROBABILITY) {
            prob = nl_attr_get_u32(nla);
        } else if (nl_attr_type(nla) == OVS_SAMPLE_ATTR_ACTIONS) {
            acts = nla;
        }
    }
    if (!acts) {
        return;
    }
    struct dp_packet_batch sub;
    batch_select(batch, last, prob ? sample_pred : NULL, &prob, &sub, false);
    if (!prob) {
        /* Probability 0 samples nothing. */
        dp_packet_batch_destroy(&sub);
        return;
    }
    do_execute(ctx, &sub, true, nl_attr_get(acts), nl_attr_get_size(acts));
}

static void
execute_check_pkt_len(struct exec_ctx *ctx, struct dp_packet_batch *batch,
                      bool last, const struct nlattr *a)
{
    const struct nlattr *nla, *gt = NULL, *le = NULL;
    uint16_t len = 0;
    size_t left;

    NL_NESTED_FOR_EACH (nla, left, a) {
        switch (nl_attr_type(nla)) {
        case OVS_CHECK_PKT_LEN_ATTR_PKT_LEN:
            len = nl_attr_get_u16(nla);
            break;
        case OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER:
            gt = nla;
            break;
        case OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL:
            le = nla;
            break;
        }
    }
    struct dp_packet_batch big, small;
    batch_select(batch, last, longer_pred, &len, &big, false);
    batch_select(batch, last, longer_pred, &len, &small, true);
    if (gt) {
        do_execute(ctx, &big, true, nl_attr_get(gt), nl_attr_get_size(gt));
    } else {
        dp_packet_batch_destroy(&big);
    }
    if (le) {
        do_execute(ctx, &small, true, nl_attr_get(le), nl_attr_get_size(le));
    } else {
        dp_packet_batch_destroy(&small);
    }
}

/* Replaces the packets of 'batch' by clones. */
static void
batch_make_own(struct dp_packet_batch *batch)
{
    for (size_t i = 0; i < batch->count; i++) {
        batch->packets[i] = dp_packet_clone(batch->packets[i]);
    }
}

static void
do_execute(struct exec_ctx *ctx, struct dp_packet_batch *batch, bool steal,
           const struct nlattr *actions, size_t actions_len)
{
    const struct nlattr *a;
    size_t left;
    uint32_t cutlen = 0;

    NL_ATTR_FOR_EACH_UNSAFE (a, left, actions, actions_len) {
        uint16_t type = nl_attr_type(a);
        bool last = left <= NLA_ALIGN(a->nla_len);

        if (!batch->count) {
            return;
        }
        if (action_needs_datapath(a)) {
            if (cutlen && (type == OVS_ACTION_ATTR_OUTPUT
                           || type == OVS_ACTION_ATTR_USERSPACE
                           || type == ODP_ACTION_ATTR_TUNNEL_PUSH
                           || type == ODP_ACTION_ATTR_LB_OUTPUT)) {
                struct dp_packet_batch cut;
                dp_packet_batch_init(&cut);
                for (size_t i = 0; i < batch->count; i++) {
                    struct dp_packet *c = dp_packet_clone(batch->packets[i]);
                    if (dp_packet_size(c) > cutlen) {
                        dp_packet_set_size(c, cutlen);
                    }
                    dp_packet_batch_add(&cut, c);
                }
                ctx->cb(ctx->aux, &cut, a, true);
                cutlen = 0;
                continue;
            }
            ctx->cb(ctx->aux, batch, a, steal && last);
            if (steal && last) {
                batch->count = 0;
                return;
            }
            continue;
        }

        /* A malformed argument makes the action a no-op (callers are to
         * pass lists that odp_actions_validate() accepts). */
        if (!arg_size_ok(a)) {
            continue;
        }

        /* Everything below may change the packets. */
        if (!steal && type != OVS_ACTION_ATTR_CLONE
            && type != OVS_ACTION_ATTR_SAMPLE
            && type != OVS_ACTION_ATTR_TRUNC
            && type != OVS_ACTION_ATTR_CHECK_PKT_LEN) {
            batch_make_own(batch);
            steal = true;
        }
        struct dp_packet *p;
        switch (type) {
        case OVS_ACTION_ATTR_SET: {
            const struct nlattr *k = nl_attr_get(a);
            size_t size = odp_key_attr_size(nl_attr_type(k));
            uint8_t ones[64];
            memset(ones, 0xff, sizeof ones);
            if (size && nl_attr_get_size(k) == size) {
                DP_PACKET_BATCH_FOR_EACH (i, p, batch) {
                    execute_set(p, nl_attr_type(k), nl_attr_get(k), ones);
                }
            }
            break;
        }
        case OVS_ACTION_ATTR_SET_MASKED: {
            const struct nlattr *k = nl_attr_get(a);
            size_t size = odp_key_attr_size(nl_attr_type(k));
            if (size && nl_attr_get_size(k) == 2 * size) {
                const uint8_t *v = nl_attr_get(k);
                DP_PACKET_BATCH_FOR_EACH (i, p, batch) {
                    execute_set(p, nl_attr_type(k), v, v + size);
                }
            }
            break;
        }
        case OVS_ACTION_ATTR_PUSH_VLAN:
            DP_PACKET_BATCH_FOR_EACH (i, p, batch) {
                push_vlan(p, nl_attr_get(a));
            }
            break;
        case OVS_ACTION_ATTR_POP_VLAN:
            DP_PACKET_BATCH_FOR_EACH (i, p, batch) {
                pop_vlan(p);
            }
            break;
        case OVS_ACTION_ATTR_PUSH_MPLS:
            DP_PACKET_BATCH_FOR_EACH (i, p, batch) {
                push_mpls(p, nl_attr_get(a));
            }
            break;
        case OVS_ACTION_ATTR_POP_MPLS:
            DP_PACKET_BATCH_FOR_EACH (i, p, batch) {
                pop_mpls(p, nl_attr_get_be16(a));
            }
            break;
        case OVS_ACTION_ATTR_HASH: {
            const struct ovs_action_hash *h = nl_attr_get(a);
            DP_PACKET_BATCH_FOR_EACH (i, p, batch) {
                p->dp_hash = l4_hash(p, h->hash_basis,
                                     h->hash_alg == ODP_HASH_ALG_SYM_L4);
            }
            break;
        }
        case OVS_ACTION_ATTR_TRUNC: {
            const struct ovs_action_trunc *t = nl_attr_get(a);
            cutlen = t->max_len;
            break;
        }
        case OVS_ACTION_ATTR_SAMPLE:
            execute_sample(ctx, batch, steal && last, a);
            break;
        case OVS_ACTION_ATTR_CLONE:
            if (steal && last) {
                do_execute(ctx, batch, true, nl_attr_get(a),
                           nl_attr_get_size(a));
                batch->count = 0;
                return;
            } else {
                struct dp_packet_batch copy;
                dp_packet_batch_clone(&copy, batch);
                do_execute(ctx, &copy, true, nl_attr_get(a),
                           nl_attr_get_size(a));
            }
            break;
        case OVS_ACTION_ATTR_CHECK_PKT_LEN:
            execute_check_pkt_len(ctx, batch, steal && last, a);
            break;
        case ODP_ACTION_ATTR_DROP:
            dp_packet_batch_destroy(batch);
            return;
        default:
            break;
        }
    }
    if (steal) {
        dp_packet_batch_destroy(batch);
    }
}

void
odp_execute_actions(void *aux, struct dp_packet_batch *batch, bool steal,
                    const struct nlattr *actions, size_t actions_len,
                    odp_execute_cb *dp_execute_action)
{
    struct exec_ctx ctx = { aux, dp_execute_action };

    if (steal) {
        do_execute(&ctx, batch, true, actions, actions_len);
        batch->count = 0;
    } else {
        /* The caller's batch must keep its packets: work on a copy of the
         * array, whose entries become clones before the first change. */
        struct dp_packet_batch local = *batch;
        do_execute(&ctx, &local, false, actions, actions_len);
    }
}
