/* flow.h: the flow key: every header field and metadata value a packet
 * can be matched on.
 *
 * What: a 'struct flow' holds, in host-independent form, all fields of a
 * packet that OpenFlow can match, plus metadata (registers, tunnel,
 * connection tracking, input port...).  flow_extract() fills one in from a
 * packet.  A 'struct flow_wildcards' has the same layout and holds a mask:
 * 1-bits are significant.  A 'struct match' (match.h) is a flow plus
 * wildcards.
 *
 * Layout contract (the classifier and the datapath depend on it):
 *   1. The struct is a whole number of 64-bit words (FLOW_U64S) and is
 *      always fully initialized (padding zeroed), so that flows can be
 *      hashed and compared word by word.
 *   2. Fields are grouped in four segments in this order: metadata, L2, L3,
 *      L4.  FLOW_SEGMENT_1_ENDS_AT, _2_ and _3_ are the byte offsets where
 *      the first three end, each a multiple of 8.  A staged lookup
 *      consults metadata first, then L2, L3 and L4.
 *   3. Fields are in network byte order where the wire has them so (the
 *      'be' types), host order otherwise (registers, metadata counters).
 *   4. ARP reuses nw_src/nw_dst for the protocol addresses, the low 8 bits
 *      of the opcode as nw_proto, and arp_sha/arp_tha; ICMP and ICMPv6
 *      put type and code in the low bytes of tp_src and tp_dst; IPv6
 *      neighbor discovery uses nd_target with arp_sha (source link-layer
 *      address) and arp_tha (target link-layer address).
 *
 * Thread-safety: plain data. */
#ifndef SVS_FLOW_H
#define SVS_FLOW_H 1

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include "svs-types.h"
#include "util.h"

#define FLOW_N_REGS 16          /* reg0..reg15 (32 bits each). */
#define FLOW_N_XREGS 8          /* xreg0..xreg7 are pairs of regs. */
#define FLOW_N_XXREGS 4         /* xxreg0..xxreg3 are quads of regs. */
#define FLOW_MAX_VLAN_HEADERS 2
#define FLOW_MAX_MPLS_LABELS 3

/* Geneve options as OpenFlow fields tun_metadata0..63: up to 124 bytes
 * each, 256 bytes in all in one match. */
#define TUN_METADATA_NUM_OPTS 64
#define TUN_METADATA_MAX_LEN 124
#define TUN_METADATA_TOT_LEN 256

/* Tunnel metadata. */
struct flow_tnl {
    be32 ip_dst;
    be32 ip_src;
    struct in6_addr ipv6_dst;
    struct in6_addr ipv6_src;
    be64 tun_id;
    uint16_t flags;             /* FLOW_TNL_F_*. */
    uint8_t ip_tos;
    uint8_t ip_ttl;
    be16 tp_src;
    be16 tp_dst;
    be16 gbp_id;
    uint8_t gbp_flags;
    uint8_t erspan_ver;
    uint32_t erspan_idx;
    uint8_t erspan_dir;
    uint8_t erspan_hwid;
    uint8_t gtpu_flags;
    uint8_t gtpu_msgtype;
    uint8_t pad[4];
    uint64_t md_present;        /* Bit i: Geneve option tun_metadata<i> is
                                 * present.  The options' values are not in
                                 * the flow; see struct match_tun_md. */
};

/* Tunnel flags visible to OpenFlow (tun_flags). */
#define FLOW_TNL_F_OAM (1 << 0)
/* Internal flags. */
#define FLOW_TNL_F_DONT_FRAGMENT (1 << 1)
#define FLOW_TNL_F_CSUM (1 << 2)
#define FLOW_TNL_F_KEY (1 << 3)

/* One VLAN header. */
union flow_vlan_hdr {
    be32 qtag;
    struct {
        be16 tpid;              /* ETH_TYPE_VLAN_8021Q or _8021AD. */
        be16 tci;               /* PCP, CFI (VLAN_CFI: header present), VID. */
    };
};

/* Network service header (NSH) fields. */
struct flow_nsh {
    uint8_t flags;
    uint8_t ttl;
    uint8_t mdtype;
    uint8_t np;
    be32 path_hdr;              /* SPI (24 bits) and SI (8 bits). */
    be32 context[4];
};

/* The flow key.  Field order and padding are part of the contract above:
 * add fields only with care for the segments. */
struct flow {
    /* Segment 1: metadata. */
    struct flow_tnl tunnel;     /* Encapsulating tunnel's parameters. */
    be64 metadata;              /* OpenFlow metadata field. */
    uint32_t regs[FLOW_N_REGS]; /* Registers. */
    uint32_t skb_priority;      /* Packet priority for QoS. */
    uint32_t pkt_mark;          /* Packet mark. */
    uint32_t dp_hash;           /* Datapath computed hash value. */
    uint32_t in_port;           /* Input port: OpenFlow (ofp_port_t) in
                                 * OpenFlow flows, datapath (odp_port_t)
                                 * in datapath flows. */
    uint32_t recirc_id;         /* Must be zero outside recirculation. */
    uint8_t ct_state;           /* CS_* connection tracking state. */
    uint8_t ct_nw_proto;        /* Original tuple: IP protocol. */
    uint16_t ct_zone;           /* Connection tracking zone. */
    uint32_t ct_mark;           /* Connection mark. */
    svs_u128 ct_label;          /* Connection label. */
    uint32_t conj_id;           /* Conjunction ID. */
    uint32_t actset_output;     /* Output port in the action set
                                 * (ofp_port_t, OFPP_UNSET if none). */
    be32 packet_type;           /* OpenFlow packet type (0 = Ethernet). */
    be32 ct_nw_src;             /* Original tuple: IPv4 source. */
    be32 ct_nw_dst;             /* Original tuple: IPv4 destination. */
    struct in6_addr ct_ipv6_src;    /* Original tuple: IPv6 source. */
    struct in6_addr ct_ipv6_dst;    /* Original tuple: IPv6 destination. */
    be16 ct_tp_src;             /* Original tuple: transport source. */
    be16 ct_tp_dst;             /* Original tuple: transport destination. */
    uint8_t pad1[8];

    /* Segment 2: L2. */
    struct eth_addr dl_dst;     /* Ethernet destination. */
    struct eth_addr dl_src;     /* Ethernet source. */
    be16 dl_type;               /* Ethernet frame type (after VLANs). */
    uint8_t pad2[2];
    union flow_vlan_hdr vlans[FLOW_MAX_VLAN_HEADERS];  /* Outermost first. */
    be32 mpls_lse[FLOW_MAX_MPLS_LABELS + 1];    /* MPLS label stack entries,
                                                 * outermost first; the
                                                 * last is always zero. */

    /* Segment 3: L3. */
    struct in6_addr ipv6_src;
    struct in6_addr ipv6_dst;
    be32 ipv6_label;            /* IPv6 flow label (low 20 bits). */
    be32 nw_src;                /* IPv4 source, or ARP SPA. */
    be32 nw_dst;                /* IPv4 destination, or ARP TPA. */
    uint8_t nw_frag;            /* FLOW_NW_FRAG_* bits. */
    uint8_t nw_tos;             /* DSCP (high 6 bits) and ECN (low 2). */
    uint8_t nw_ttl;             /* IP TTL or hop limit. */
    uint8_t nw_proto;           /* IP protocol or low 8 bits of ARP
                                 * opcode. */
    struct in6_addr nd_target;  /* IPv6 neighbor discovery target. */
    struct eth_addr arp_sha;    /* ARP or ND source hardware address. */
    struct eth_addr arp_tha;    /* ARP or ND target hardware address. */
    be16 tcp_flags;             /* TCP flags (low 12 bits). */
    uint8_t nd_options_type;    /* IPv6 ND option type. */
    uint8_t pad3;
    be32 nd_reserved;           /* IPv6 ND reserved field. */
    struct flow_nsh nsh;        /* Network service header. */
    be32 igmp_group_ip4;        /* IGMP group (for NORMAL snooping). */
    uint8_t pad4[8];

    /* Segment 4: L4. */
    be16 tp_src;                /* TCP/UDP/SCTP source port, ICMP type. */
    be16 tp_dst;                /* TCP/UDP/SCTP destination port, ICMP
                                 * code. */
    uint8_t pad5[4];
};

/* nw_frag bits. */
#define FLOW_NW_FRAG_ANY (1 << 0)   /* Any fragment (first or later). */
#define FLOW_NW_FRAG_LATER (1 << 1) /* A fragment other than the first. */
#define FLOW_NW_FRAG_MASK (FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER)

/* VLAN TCI bits. */
#define VLAN_VID_MASK 0x0fff
#define VLAN_CFI 0x1000             /* In svs: "a VLAN header is present". */
#define VLAN_PCP_MASK 0xe000
#define VLAN_PCP_SHIFT 13

/* Connection tracking state bits (ct_state). */
#define CS_NEW (1 << 0)
#define CS_ESTABLISHED (1 << 1)
#define CS_RELATED (1 << 2)
#define CS_REPLY_DIR (1 << 3)
#define CS_INVALID (1 << 4)
#define CS_TRACKED (1 << 5)
#define CS_SRC_NAT (1 << 6)
#define CS_DST_NAT (1 << 7)

#define FLOW_U64S (sizeof(struct flow) / sizeof(uint64_t))
#define FLOW_SEGMENT_1_ENDS_AT offsetof(struct flow, dl_dst)
#define FLOW_SEGMENT_2_ENDS_AT offsetof(struct flow, ipv6_src)
#define FLOW_SEGMENT_3_ENDS_AT offsetof(struct flow, tp_src)

_Static_assert(sizeof(struct flow) % sizeof(uint64_t) == 0,
               "struct flow must be a whole number of 64-bit words");
_Static_assert(FLOW_SEGMENT_1_ENDS_AT % 8 == 0, "segment 1 alignment");
_Static_assert(FLOW_SEGMENT_2_ENDS_AT % 8 == 0, "segment 2 alignment");
_Static_assert(FLOW_SEGMENT_3_ENDS_AT % 8 == 0, "segment 3 alignment");




/* Views of a flow as 64-bit words. */
static inline const uint64_t *
flow_u64_const(const struct flow *flow)
{
    return (const uint64_t *) (const void *) flow;
}

static inline uint64_t *
flow_u64(struct flow *flow)
{
    return (uint64_t *) (void *) flow;
}

/* A mask over a flow: 1-bits are significant. */
struct flow_wildcards {
    struct flow masks;
};

struct ds;
struct ofpbuf;

/* Flow extraction.
 *
 * flow_extract() parses the 'size' bytes at 'packet' into 'flow'.  The
 * metadata segment (tunnel, registers, in_port, ct_*, recirc_id, dp_hash,
 * skb_priority, pkt_mark, packet_type ...) is copied from 'md' (all zeros
 * if 'md' is NULL); md->packet_type says where parsing starts: PT_ETH (0)
 * for an Ethernet frame, or (1, ETHERTYPE) for a bare L3 packet of that
 * Ethertype (IPv4, IPv6, MPLS, NSH...).  Parsing goes as far as the packet
 * is valid: a truncated or malformed header leaves that header's fields
 * and everything after it zero (for example a short IPv4 header gives an
 * Ethernet-only flow with dl_type 0x0800).  It never reads outside
 * [packet, packet + size).
 *
 * The result is Open vSwitch's, field for field, including its choices
 * for odd packets (tests/test_flow.py checks against `ovs-ofctl
 * parse-packet`): the IPv4/IPv6 version field is not checked; IPv4
 * padding beyond the total length is ignored; L4 headers are parsed by
 * protocol number whatever the IP version; a later IPv6 fragment reports
 * nw_proto 44 (the fragment header); malformed IPv6 extension headers
 * leave only the addresses set; neighbor discovery options stop quietly at
 * a malformed one, but a second nonzero link-layer address of one kind
 * voids the ND fields; MPLS ends parsing after at most 3 labels; the NSH
 * MD type is the whole byte.
 *
 * 'ofs', if nonnull, receives the offsets of the layers found (UINT16_MAX
 * for absent layers), for code that rewrites headers in place. */
struct flow_layer_ofs {
    uint16_t l2;                /* Start of Ethernet header, or UINT16_MAX
                                 * for an L3 packet_type. */
    uint16_t l2_5;              /* First MPLS label stack entry. */
    uint16_t l3;                /* IPv4/IPv6/ARP/NSH header. */
    uint16_t l4;                /* TCP/UDP/SCTP/ICMP/ICMPv6/IGMP header. */
    uint16_t l7;                /* Payload after the L4 header. */
};
void flow_extract(const void *packet, size_t size, const struct flow *md,
                  struct flow *flow);
void flow_extract_ofs(const void *packet, size_t size, const struct flow *md,
                      struct flow *flow, struct flow_layer_ofs *ofs);

/* Builds in 'b' a packet whose flow_extract() gives back 'flow' (for the
 * fields a packet can carry), with 'l7_len' bytes of payload (0, 1, 2, ...)
 * after a TCP (without SYN, FIN or RST), UDP or ICMP echo header and none
 * after other headers (as Open vSwitch's compose-packet does), lengths and
 * checksums filled in.  Used by tests. */
void flow_compose(struct ofpbuf *b, const struct flow *flow, size_t l7_len);
/* The same with the 'payload_len' bytes of 'payload' as payload.  With
 * 'like_ovs', byte for byte what Open vSwitch's compose-packet builds, even
 * where that does not parse back into 'flow': an SCTP CRC left zero, ARP
 * addresses only in requests and replies.  (Unlike Open vSwitch, an IPv6
 * fragment always gets its fragment header.) */
void flow_compose_payload(struct ofpbuf *b, const struct flow *flow,
                          const void *payload, size_t payload_len,
                          bool like_ovs);

/* Text.  flow_format() appends 'flow' as ovs-ofctl prints the flow of a
 * parsed packet (e.g. "tcp,vlan_tci=0x0000,dl_src=...,tp_dst=80,
 * tcp_flags=0"): the match that is exact on the fields a packet of that
 * kind has.  flow_to_string() returns the same as a malloc'd string. */
void flow_format(struct ds *, const struct flow *);
char *flow_to_string(const struct flow *);

/* Comparison and hashing (word by word over the whole struct). */
bool flow_equal(const struct flow *, const struct flow *);
uint32_t flow_hash(const struct flow *, uint32_t basis);
/* Hashes only the bits of 'flow' selected by 'mask'. */
uint32_t flow_hash_in_mask(const struct flow *, const struct flow_wildcards *,
                           uint32_t basis);
/* Zeroes the bits of 'flow' that 'wc' does not select. */
void flow_zero_wildcards(struct flow *, const struct flow_wildcards *);

/* Wildcards. */
void flow_wildcards_init_catchall(struct flow_wildcards *);
void flow_wildcards_init_exact(struct flow_wildcards *);
/* Makes 'wc' exact on every field that a packet like 'flow' carries (its
 * L2, L3 and L4 fields by type) and on the metadata fields that are
 * nonzero in 'flow': the mask flow_format() prints under. */
void flow_wildcards_init_for_packet(struct flow_wildcards *,
                                    const struct flow *);
bool flow_wildcards_is_catchall(const struct flow_wildcards *);
bool flow_wildcards_is_exact(const struct flow_wildcards *);
bool flow_wildcards_equal(const struct flow_wildcards *,
                          const struct flow_wildcards *);
/* 'dst' = 'src1' & 'src2' (intersection of significant bits) or
 * 'src1' | 'src2' (union). */
void flow_wildcards_and(struct flow_wildcards *dst,
                        const struct flow_wildcards *src1,
                        const struct flow_wildcards *src2);
void flow_wildcards_or(struct flow_wildcards *dst,
                       const struct flow_wildcards *src1,
                       const struct flow_wildcards *src2);
/* True if 'a' has a significant bit that 'b' lacks. */
bool flow_wildcards_has_extra(const struct flow_wildcards *a,
                              const struct flow_wildcards *b);
/* True if 'a' and 'b' agree on every bit selected by 'wc'. */
bool flow_equal_except(const struct flow *a, const struct flow *b,
                       const struct flow_wildcards *wc);

/* The number of VLAN headers 'flow' has (0, 1 or 2). */
int flow_count_vlan_headers(const struct flow *);
/* The number of MPLS label stack entries in 'flow' (up to
 * FLOW_MAX_MPLS_LABELS). */
int flow_count_mpls_labels(const struct flow *);

#endif /* flow.h */
