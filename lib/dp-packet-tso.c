/* dp-packet-tso.c: software TCP segmentation of TSO packets (see
 * dp_packet_segment_tso() in dp-packet.h and dp_packet_segment_tso_each()
 * in netdev-provider.h).
 *
 * Design: a TSO super-packet is Ethernet (with any VLAN tags), IPv4 or
 * IPv6 (hop-by-hop, routing and destination options headers allowed),
 * TCP, then up to 64 kB of payload.  Each segment is a fresh malloc'd
 * packet with a copy of the headers and 'gso_size' bytes of payload: IPv4
 * total length, id (incremented per segment) and header checksum, IPv6
 * payload length, the TCP sequence number and flags (CWR only on the
 * first segment, FIN and PSH only on the last) and the TCP checksum are
 * rewritten.
 *
 * Thread-safety: the packet belongs to the calling thread. */
#include <config.h>
#include "dp-packet.h"

#include <errno.h>
#include <string.h>
#include "netdev-provider.h"
#include "packets.h"

/* Where the headers of a TCP packet are. */
struct tso_layout {
    size_t l3;                  /* Offset of the IP header. */
    size_t l4;                  /* Offset of the TCP header. */
    size_t hdr_len;             /* Bytes of headers, through TCP's. */
    bool ipv6;
};

/* Finds the IP and TCP headers of 'p'.  Returns false if it is not a TCP
 * packet over IPv4 or IPv6 with complete headers. */
static bool
tso_parse(const struct dp_packet *p, struct tso_layout *lo)
{
    const uint8_t *data = dp_packet_data(p);
    size_t size = dp_packet_size(p);
    size_t ofs = 2 * ETH_ADDR_LEN;
    uint16_t type;

    if (size < ofs + 2) {
        return false;
    }
    memcpy(&type, data + ofs, 2);
    type = ntohs(type);
    ofs += 2;
    while (type == ETH_TYPE_VLAN_8021Q || type == ETH_TYPE_VLAN_8021AD) {
        if (size < ofs + 4) {
            return false;
        }
        memcpy(&type, data + ofs + 2, 2);
        type = ntohs(type);
        ofs += 4;
    }
    lo->l3 = ofs;
    if (type == ETH_TYPE_IP) {
        const struct ip_header *ip = (const void *) (data + ofs);
        size_t ihl;

        if (size < ofs + IP_HEADER_LEN || (ip->ip_ihl_ver >> 4) != 4
            || ip->ip_proto != IPPROTO_TCP
            || IP_IS_FRAGMENT(ip->ip_frag_off)) {
            return false;
        }
        ihl = (ip->ip_ihl_ver & 0xf) * 4;
        if (ihl < IP_HEADER_LEN) {
            return false;
        }
        lo->l4 = ofs + ihl;
        lo->ipv6 = false;
    } else if (type == ETH_TYPE_IPV6) {
        const struct ipv6_header *ip6 = (const void *) (data + ofs);
        uint8_t nxt;

        if (size < ofs + IPV6_HEADER_LEN) {
            return false;
        }
        nxt = ip6->ip6_nxt;
        ofs += IPV6_HEADER_LEN;
        while (nxt == IPV6_NH_HOPOPTS || nxt == IPV6_NH_ROUTING
               || nxt == IPV6_NH_DSTOPTS) {
            if (size < ofs + 2) {
                return false;
            }
            nxt = data[ofs];
            ofs += (data[ofs + 1] + 1) * 8;
        }
        if (nxt != IPPROTO_TCP) {
            return false;
        }
        lo->l4 = ofs;
        lo->ipv6 = true;
    } else {
        return false;
    }
    if (size < lo->l4 + TCP_HEADER_LEN) {
        return false;
    }
    const struct tcp_header *tcp = (const void *) (data + lo->l4);
    size_t tcp_len = TCP_OFFSET(tcp->tcp_ctl) * 4;
    if (tcp_len < TCP_HEADER_LEN || size < lo->l4 + tcp_len) {
        return false;
    }
    lo->hdr_len = lo->l4 + tcp_len;
    return true;
}

/* Returns a new packet with the headers of 'p' (per 'lo') and 'n' bytes of
 * its payload from payload offset 'ofs', the 'i'th of 'n_segs' segments,
 * with lengths, sequence number, flags and checksums fixed. */
static struct dp_packet *
tso_make_segment(const struct dp_packet *p, const struct tso_layout *lo,
                 size_t ofs, size_t n, size_t i, size_t n_segs)
{
    const uint8_t *data = dp_packet_data(p);
    struct dp_packet *seg;
    struct tcp_header *tcp;
    uint8_t *sd;
    uint32_t partial;
    size_t l4_len = lo->hdr_len - lo->l4 + n;

    seg = dp_packet_new_with_headroom(lo->hdr_len + n, DP_PACKET_HEADROOM);
    dp_packet_put(seg, data, lo->hdr_len);
    dp_packet_put(seg, data + lo->hdr_len + ofs, n);
    sd = dp_packet_data(seg);

    seg->in_port = p->in_port;
    seg->recirc_id = p->recirc_id;
    seg->dp_hash = p->dp_hash;
    seg->skb_priority = p->skb_priority;
    seg->pkt_mark = p->pkt_mark;
    seg->rss_hash = p->rss_hash;
    seg->rss_valid = p->rss_valid;
    seg->l3_ofs = lo->l3;
    seg->l4_ofs = lo->l4;
    seg->ol_flags = DP_PACKET_OL_CSUM_GOOD;

    tcp = (struct tcp_header *) (sd + lo->l4);
    if (lo->ipv6) {
        struct ipv6_header *ip6 = (struct ipv6_header *) (sd + lo->l3);

        ip6->ip6_plen = htons(dp_packet_size(seg) - lo->l3
                              - IPV6_HEADER_LEN);
        partial = packet_csum_pseudoheader6(ip6, IPPROTO_TCP, l4_len);
    } else {
        struct ip_header *ip = (struct ip_header *) (sd + lo->l3);
        size_t ihl = lo->l4 - lo->l3;

        ip->ip_tot_len = htons(dp_packet_size(seg) - lo->l3);
        ip->ip_id = htons(ntohs(ip->ip_id) + i);
        ip->ip_csum = 0;
        ip->ip_csum = csum(ip, ihl);
        partial = packet_csum_pseudoheader(ip, IPPROTO_TCP, l4_len);
    }

    uint32_t seq = ntohl(get_16aligned_be32(tcp->tcp_seq));
    put_16aligned_be32(tcp->tcp_seq, htonl(seq + ofs));
    uint16_t ctl = ntohs(tcp->tcp_ctl);
    if (i + 1 < n_segs) {
        ctl &= ~(TCP_FIN | TCP_PSH);
    }
    if (i > 0) {
        ctl &= ~TCP_CWR;
    }
    tcp->tcp_ctl = htons(ctl);
    tcp->tcp_csum = 0;
    tcp->tcp_csum = csum_finish(csum_continue(partial, tcp, l4_len));
    return seg;
}

int
dp_packet_segment_tso_each(struct dp_packet *p, dp_packet_segment_cb *cb,
                           void *aux)
{
    struct tso_layout lo;
    size_t payload, mss, n_segs;

    if (!tso_parse(p, &lo)) {
        dp_packet_delete(p);
        return EINVAL;
    }
    payload = dp_packet_size(p) - lo.hdr_len;
    mss = p->gso_size ? p->gso_size : payload;
    n_segs = payload ? (payload + mss - 1) / mss : 1;
    for (size_t i = 0; i < n_segs; i++) {
        size_t ofs = i * mss;
        size_t n = MIN(mss, payload - ofs);

        cb(tso_make_segment(p, &lo, ofs, n, i, n_segs), aux);
    }
    dp_packet_delete(p);
    return 0;
}

/* Appends 'seg' to the batch 'aux'; dp_packet_segment_tso() has checked
 * that there is room. */
static void
tso_add_to_batch(struct dp_packet *seg, void *batch)
{
    dp_packet_batch_add(batch, seg);
}

int
dp_packet_segment_tso(struct dp_packet *p, struct dp_packet_batch *batch)
{
    struct tso_layout lo;
    size_t payload, mss, n_segs;

    if (!tso_parse(p, &lo)) {
        dp_packet_delete(p);
        return EINVAL;          /* Not TCP: nothing could hold it. */
    }
    payload = dp_packet_size(p) - lo.hdr_len;
    mss = p->gso_size ? p->gso_size : payload;
    n_segs = payload ? (payload + mss - 1) / mss : 1;
    if (n_segs > DP_PACKET_BATCH_SIZE - batch->count) {
        dp_packet_delete(p);
        return ENOBUFS;
    }
    return dp_packet_segment_tso_each(p, tso_add_to_batch, batch);
}
