/* packets.h: protocol header layouts, protocol constants, and parsing and
 * formatting of network addresses.
 *
 * What: the wire layout of every header that flow extraction understands
 * (Ethernet, 802.1Q/802.1ad VLAN, MPLS, ARP, IPv4, IPv6 and its extension
 * headers, TCP, UDP, SCTP, ICMP, ICMPv6 with neighbor discovery, IGMP,
 * NSH), the numbers that name protocols (Ethertypes, IP protocols, ICMP
 * types), and helpers that turn Ethernet, IPv4 and IPv6 addresses and
 * masks to and from the text ovs-ofctl uses.
 *
 * Design: header structs are declared SVS_PACKED with fixed-width network
 * byte order members, so that a pointer to one may be laid over any byte
 * in a packet (no alignment assumptions) and every size is checked with
 * _Static_assert.  Constants such as ETH_TYPE_IP are host-order integers:
 * compare them with ntohs() of the wire value, or write htons(X).
 *
 * Text parsers return NULL on success or a malloc'd error message that
 * the caller must free (the messages follow ovs-ofctl's wording where it
 * has one).
 *
 * Thread-safety: all functions are thread-safe (no shared state). */
#ifndef SVS_PACKETS_H
#define SVS_PACKETS_H 1

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"
#include "svs-types.h"

struct ds;

/* Byte order helpers for 64-bit values. */
static inline uint64_t
svs_htonll(uint64_t x)
{
    return htonl(1) == 1 ? x : __builtin_bswap64(x);
}

static inline uint64_t
svs_ntohll(uint64_t x)
{
    return svs_htonll(x);
}

/* ---------------------------------------------------------------- */
/* Ethernet. */

#define ETH_HEADER_LEN 14
#define ETH_TYPE_MIN 0x600          /* Smaller values are 802.3 lengths. */

/* Ethertypes (host byte order). */
#define ETH_TYPE_IP            0x0800
#define ETH_TYPE_ARP           0x0806
#define ETH_TYPE_TEB           0x6558   /* Transparent Ethernet bridging. */
#define ETH_TYPE_VLAN_8021Q    0x8100
#define ETH_TYPE_VLAN          ETH_TYPE_VLAN_8021Q
#define ETH_TYPE_VLAN_8021AD   0x88a8
#define ETH_TYPE_IPV6          0x86dd
#define ETH_TYPE_LACP          0x8809
#define ETH_TYPE_RARP          0x8035
#define ETH_TYPE_MPLS          0x8847
#define ETH_TYPE_MPLS_MCAST    0x8848
#define ETH_TYPE_NSH           0x894f
#define ETH_TYPE_ERSPAN1       0x88be
#define ETH_TYPE_ERSPAN2       0x22eb

/* 802.2 LLC and SNAP, used by frames whose type field is a length. */
#define LLC_DSAP_SNAP 0xaa
#define LLC_SSAP_SNAP 0xaa
#define LLC_CNTL_SNAP 3
#define LLC_HEADER_LEN 3
#define SNAP_HEADER_LEN 5
#define LLC_SNAP_HEADER_LEN (LLC_HEADER_LEN + SNAP_HEADER_LEN)

struct eth_header {
    struct eth_addr eth_dst;
    struct eth_addr eth_src;
    be16 eth_type;
} SVS_PACKED;
_Static_assert(sizeof(struct eth_header) == ETH_HEADER_LEN, "eth_header");

struct llc_snap_header {
    uint8_t llc_dsap;
    uint8_t llc_ssap;
    uint8_t llc_cntl;
    uint8_t snap_org[3];
    be16 snap_type;
} SVS_PACKED;
_Static_assert(sizeof(struct llc_snap_header) == LLC_SNAP_HEADER_LEN,
               "llc_snap_header");

/* The 4 bytes of an 802.1Q or 802.1ad tag that follow the TPID. */
#define VLAN_HEADER_LEN 4
struct vlan_header {
    be16 vlan_tci;              /* PCP (3 bits), DEI (1), VID (12). */
    be16 vlan_next_type;        /* Ethertype of what follows. */
} SVS_PACKED;
_Static_assert(sizeof(struct vlan_header) == VLAN_HEADER_LEN, "vlan_header");

/* An Ethernet header with one VLAN tag. */
#define VLAN_ETH_HEADER_LEN (ETH_HEADER_LEN + VLAN_HEADER_LEN)
struct vlan_eth_header {
    struct eth_addr veth_dst;
    struct eth_addr veth_src;
    be16 veth_type;             /* TPID: ETH_TYPE_VLAN_8021Q or _8021AD. */
    be16 veth_tci;
    be16 veth_next_type;
} SVS_PACKED;
_Static_assert(sizeof(struct vlan_eth_header) == VLAN_ETH_HEADER_LEN,
               "vlan_eth_header");

/* The wire DEI bit shares its position with VLAN_CFI in svs's flow, where
 * VLAN_CFI means "header present"; flow_extract() always sets it. */
static inline uint16_t vlan_tci_to_vid(be16 tci)
{
    return ntohs(tci) & 0x0fff;
}

/* ---------------------------------------------------------------- */
/* MPLS. */

#define MPLS_HLEN 4
#define MPLS_TTL_MASK   0x000000ff
#define MPLS_TTL_SHIFT  0
#define MPLS_BOS_MASK   0x00000100
#define MPLS_BOS_SHIFT  8
#define MPLS_TC_MASK    0x00000e00
#define MPLS_TC_SHIFT   9
#define MPLS_LABEL_MASK 0xfffff000
#define MPLS_LABEL_SHIFT 12

struct mpls_hdr {
    be16 mpls_lse_hi;           /* Label stack entry, split in halves so */
    be16 mpls_lse_lo;           /* the struct needs only 2-byte alignment. */
} SVS_PACKED;
_Static_assert(sizeof(struct mpls_hdr) == MPLS_HLEN, "mpls_hdr");

/* Accessors for a label stack entry in network byte order. */
static inline uint32_t mpls_lse_to_label(be32 lse)
{
    return (ntohl(lse) & MPLS_LABEL_MASK) >> MPLS_LABEL_SHIFT;
}
static inline uint8_t mpls_lse_to_tc(be32 lse)
{
    return (ntohl(lse) & MPLS_TC_MASK) >> MPLS_TC_SHIFT;
}
static inline uint8_t mpls_lse_to_bos(be32 lse)
{
    return (ntohl(lse) & MPLS_BOS_MASK) >> MPLS_BOS_SHIFT;
}
static inline uint8_t mpls_lse_to_ttl(be32 lse)
{
    return (ntohl(lse) & MPLS_TTL_MASK) >> MPLS_TTL_SHIFT;
}
be32 mpls_lse_from_fields(uint32_t label, uint8_t tc, uint8_t bos,
                          uint8_t ttl);

/* ---------------------------------------------------------------- */
/* ARP (for Ethernet and IPv4 only). */

#define ARP_HRD_ETHERNET 1
#define ARP_PRO_IP 0x0800
#define ARP_OP_REQUEST 1
#define ARP_OP_REPLY 2
#define ARP_OP_RARP 3

#define ARP_ETH_HEADER_LEN 28
struct arp_eth_header {
    be16 ar_hrd;                /* ARP_HRD_ETHERNET. */
    be16 ar_pro;                /* ARP_PRO_IP. */
    uint8_t ar_hln;             /* 6. */
    uint8_t ar_pln;             /* 4. */
    be16 ar_op;                 /* ARP_OP_*. */
    struct eth_addr ar_sha;     /* Sender hardware address. */
    be16 ar_spa[2];             /* Sender protocol address (IPv4). */
    struct eth_addr ar_tha;     /* Target hardware address. */
    be16 ar_tpa[2];             /* Target protocol address (IPv4). */
} SVS_PACKED;
_Static_assert(sizeof(struct arp_eth_header) == ARP_ETH_HEADER_LEN,
               "arp_eth_header");

/* ---------------------------------------------------------------- */
/* IPv4. */

/* IP protocol numbers. */
#define IPPROTO_HOPOPTS_ 0
#define IP_PROTO_ICMP 1
#define IP_PROTO_IGMP 2
#define IP_PROTO_TCP 6
#define IP_PROTO_UDP 17
#define IP_PROTO_GRE 47
#define IP_PROTO_ICMPV6 58
#define IP_PROTO_SCTP 132
#define IP_PROTO_UDPLITE 136

#define IP_HEADER_LEN 20
#define IP_VER(IHL_VER) ((IHL_VER) >> 4)
#define IP_IHL(IHL_VER) ((IHL_VER) & 15)
#define IP_IHL_VER(IHL, VER) (((VER) << 4) | (IHL))
#define IP_DSCP_MASK 0xfc
#define IP_ECN_MASK 0x03
#define IP_ECN_NOT_ECT 0x0
#define IP_ECN_ECT_1 0x01
#define IP_ECN_ECT_0 0x02
#define IP_ECN_CE 0x03
#define IP_DONT_FRAGMENT 0x4000
#define IP_MORE_FRAGMENTS 0x2000
#define IP_FRAG_OFF_MASK 0x1fff
#define IP_IS_FRAGMENT(IP_FRAG_OFF) \
    ((IP_FRAG_OFF) & htons(IP_MORE_FRAGMENTS | IP_FRAG_OFF_MASK))

struct ip_header {
    uint8_t ip_ihl_ver;         /* Version (4) and header length / 4. */
    uint8_t ip_tos;             /* DSCP and ECN. */
    be16 ip_tot_len;
    be16 ip_id;
    be16 ip_frag_off;           /* Flags and fragment offset. */
    uint8_t ip_ttl;
    uint8_t ip_proto;
    be16 ip_csum;
    be16 ip_src[2];             /* Split in halves: 2-byte alignment. */
    be16 ip_dst[2];
} SVS_PACKED;
_Static_assert(sizeof(struct ip_header) == IP_HEADER_LEN, "ip_header");

/* Reads or writes a 32-bit network-order value split in two halves. */
static inline be32
get_16aligned_be32(const void *x)
{
    be32 v;
    memcpy(&v, x, sizeof v);
    return v;
}

static inline void
put_16aligned_be32(void *x, be32 v)
{
    memcpy(x, &v, sizeof v);
}

/* ---------------------------------------------------------------- */
/* ICMP. */

#define ICMP_HEADER_LEN 8
#define ICMP4_ECHO_REPLY 0
#define ICMP4_DST_UNREACH 3
#define ICMP4_SOURCEQUENCH 4
#define ICMP4_REDIRECT 5
#define ICMP4_ECHO_REQUEST 8
#define ICMP4_TIME_EXCEEDED 11
#define ICMP4_PARAM_PROB 12
#define ICMP4_TIMESTAMP 13
#define ICMP4_TIMESTAMPREPLY 14
#define ICMP4_INFOREQUEST 15
#define ICMP4_INFOREPLY 16

struct icmp_header {
    uint8_t icmp_type;
    uint8_t icmp_code;
    be16 icmp_csum;
    be16 icmp_fields[2];        /* Rest of header (echo id/seq etc.). */
} SVS_PACKED;
_Static_assert(sizeof(struct icmp_header) == ICMP_HEADER_LEN, "icmp_header");

/* ---------------------------------------------------------------- */
/* IGMP (v1, v2 and v3 membership messages). */

#define IGMP_HEADER_LEN 8
#define IGMP_HOST_MEMBERSHIP_QUERY 0x11
#define IGMPV1_HOST_MEMBERSHIP_REPORT 0x12
#define IGMPV2_HOST_MEMBERSHIP_REPORT 0x16
#define IGMP_HOST_LEAVE_MESSAGE 0x17
#define IGMPV3_HOST_MEMBERSHIP_REPORT 0x22

struct igmp_header {
    uint8_t igmp_type;
    uint8_t igmp_code;          /* Max response time (v2). */
    be16 igmp_csum;
    be16 group[2];              /* Group address (v1/v2 and v3 queries). */
} SVS_PACKED;
_Static_assert(sizeof(struct igmp_header) == IGMP_HEADER_LEN,
               "igmp_header");

/* ---------------------------------------------------------------- */
/* TCP, UDP, SCTP. */

#define TCP_HEADER_LEN 20
#define TCP_FIN 0x001
#define TCP_SYN 0x002
#define TCP_RST 0x004
#define TCP_PSH 0x008
#define TCP_ACK 0x010
#define TCP_URG 0x020
#define TCP_ECE 0x040
#define TCP_CWR 0x080
#define TCP_NS  0x100
#define TCP_FLAGS_MASK 0x0fff        /* The 12 bits svs matches on. */
#define TCP_CTL(FLAGS, OFFSET) htons(((OFFSET) << 12) | (FLAGS))
#define TCP_FLAGS(TCP_CTL) (ntohs(TCP_CTL) & TCP_FLAGS_MASK)
#define TCP_OFFSET(TCP_CTL) (ntohs(TCP_CTL) >> 12)

struct tcp_header {
    be16 tcp_src;
    be16 tcp_dst;
    be16 tcp_seq[2];
    be16 tcp_ack[2];
    be16 tcp_ctl;               /* Data offset (4 bits), flags (12). */
    be16 tcp_winsz;
    be16 tcp_csum;
    be16 tcp_urg;
} SVS_PACKED;
_Static_assert(sizeof(struct tcp_header) == TCP_HEADER_LEN, "tcp_header");

#define UDP_HEADER_LEN 8
struct udp_header {
    be16 udp_src;
    be16 udp_dst;
    be16 udp_len;
    be16 udp_csum;
} SVS_PACKED;
_Static_assert(sizeof(struct udp_header) == UDP_HEADER_LEN, "udp_header");

#define SCTP_HEADER_LEN 12
struct sctp_header {
    be16 sctp_src;
    be16 sctp_dst;
    be16 sctp_vtag[2];
    be16 sctp_csum[2];          /* CRC32c. */
} SVS_PACKED;
_Static_assert(sizeof(struct sctp_header) == SCTP_HEADER_LEN,
               "sctp_header");

/* ---------------------------------------------------------------- */
/* IPv6. */

#define IPV6_HEADER_LEN 40
#define IPV6_LABEL_MASK 0x000fffff

/* Extension header protocol numbers. */
#define IPV6_NH_HOPOPTS 0
#define IPV6_NH_ROUTING 43
#define IPV6_NH_FRAGMENT 44
#define IPV6_NH_ESP 50
#define IPV6_NH_AUTH 51
#define IPV6_NH_NONE 59
#define IPV6_NH_DSTOPTS 60
#define IPV6_NH_MOBILITY 135

struct ipv6_header {
    be16 ip6_vtcfl[2];          /* Version (4), traffic class (8), flow
                                 * label (20). */
    be16 ip6_plen;              /* Payload length. */
    uint8_t ip6_nxt;            /* Next header. */
    uint8_t ip6_hlim;           /* Hop limit. */
    struct in6_addr ip6_src;
    struct in6_addr ip6_dst;
} SVS_PACKED;
_Static_assert(sizeof(struct ipv6_header) == IPV6_HEADER_LEN,
               "ipv6_header");

/* The common start of hop-by-hop, routing and destination options
 * headers: their length is (ip6e_len + 1) * 8 bytes.  The authentication
 * header's length is (ip6e_len + 2) * 4 bytes. */
struct ipv6_ext_header {
    uint8_t ip6e_nxt;
    uint8_t ip6e_len;
} SVS_PACKED;
_Static_assert(sizeof(struct ipv6_ext_header) == 2, "ipv6_ext_header");

#define IPV6_FRAG_HEADER_LEN 8
#define IPV6_FRAG_OFF_MASK 0xfff8   /* In host order of ip6f_offlg. */
#define IPV6_FRAG_MORE 0x0001
struct ipv6_frag_header {
    uint8_t ip6f_nxt;
    uint8_t ip6f_reserved;
    be16 ip6f_offlg;            /* Offset (13 bits, in 8-byte units),
                                 * reserved (2), more fragments (1). */
    be16 ip6f_ident[2];
} SVS_PACKED;
_Static_assert(sizeof(struct ipv6_frag_header) == IPV6_FRAG_HEADER_LEN,
               "ipv6_frag_header");

/* ---------------------------------------------------------------- */
/* ICMPv6 and neighbor discovery. */

#define ICMP6_HEADER_LEN 4
#define ICMP6_DST_UNREACH 1
#define ICMP6_PACKET_TOO_BIG 2
#define ICMP6_TIME_EXCEEDED 3
#define ICMP6_PARAM_PROB 4
#define ICMP6_ECHO_REQUEST 128
#define ICMP6_ECHO_REPLY 129
#define MLD_QUERY 130
#define MLD_REPORT 131
#define MLD_DONE 132
#define ND_ROUTER_SOLICIT 133
#define ND_ROUTER_ADVERT 134
#define ND_NEIGHBOR_SOLICIT 135
#define ND_NEIGHBOR_ADVERT 136
#define ND_REDIRECT 137
#define MLD2_REPORT 143

struct icmp6_header {
    uint8_t icmp6_type;
    uint8_t icmp6_code;
    be16 icmp6_cksum;
} SVS_PACKED;
_Static_assert(sizeof(struct icmp6_header) == ICMP6_HEADER_LEN,
               "icmp6_header");

/* Neighbor solicitation or advertisement: an ICMPv6 header, a 32-bit
 * reserved/flags word and the target address, followed by options. */
#define ND_MSG_LEN 24
struct nd_msg {
    struct icmp6_header icmph;
    be16 rso_flags[2];          /* Router, solicited, override (NA). */
    struct in6_addr target;
} SVS_PACKED;
_Static_assert(sizeof(struct nd_msg) == ND_MSG_LEN, "nd_msg");

#define ND_RSO_ROUTER 0x80000000
#define ND_RSO_SOLICITED 0x40000000
#define ND_RSO_OVERRIDE 0x20000000

/* ND options: type, length in 8-byte units (never 0), data. */
#define ND_OPT_SOURCE_LINKADDR 1
#define ND_OPT_TARGET_LINKADDR 2
#define ND_OPT_PREFIX_INFORMATION 3
#define ND_OPT_REDIRECTED_HEADER 4
#define ND_OPT_MTU 5
#define ND_LLA_OPT_LEN 8
struct nd_opt_header {
    uint8_t nd_opt_type;
    uint8_t nd_opt_len;
} SVS_PACKED;
_Static_assert(sizeof(struct nd_opt_header) == 2, "nd_opt_header");

/* ---------------------------------------------------------------- */
/* NSH (network service header, RFC 8300). */

#define NSH_BASE_HDR_LEN 8
#define NSH_M_TYPE1 1
#define NSH_M_TYPE2 2
#define NSH_M_TYPE1_LEN 24          /* Base + 4 context words. */
#define NSH_VER_MASK 0xc000
#define NSH_VER_SHIFT 14
#define NSH_FLAGS_MASK 0x3000
#define NSH_FLAGS_SHIFT 12
#define NSH_TTL_MASK 0x0fc0
#define NSH_TTL_SHIFT 6
#define NSH_LEN_MASK 0x003f         /* In 4-byte words. */
#define NSH_MDTYPE_MASK 0x0f
#define NSH_SPI_MASK 0xffffff00
#define NSH_SPI_SHIFT 8
#define NSH_SI_MASK 0x000000ff
#define NSH_SI_SHIFT 0

/* Next protocol values. */
#define NSH_P_IPV4 1
#define NSH_P_IPV6 2
#define NSH_P_ETHERNET 3
#define NSH_P_NSH 4
#define NSH_P_MPLS 5

struct nsh_header {
    be16 ver_flags_ttl_len;
    uint8_t md_type;            /* Low 4 bits. */
    uint8_t next_proto;
    be16 path_hdr[2];           /* SPI (24 bits), SI (8 bits). */
    /* MD type 1: four 32-bit context headers follow. */
} SVS_PACKED;
_Static_assert(sizeof(struct nsh_header) == NSH_BASE_HDR_LEN, "nsh_header");

/* ---------------------------------------------------------------- */
/* OpenFlow 1.5 packet types: (namespace << 16) | type. */

#define PT_NS_ETHERNET 0
#define PT_NS_ETHERTYPE 1
#define PACKET_TYPE(NS, TYPE) (((uint32_t) (NS) << 16) | (TYPE))
#define PT_ETH PACKET_TYPE(PT_NS_ETHERNET, 0)
#define PT_IPV4 PACKET_TYPE(PT_NS_ETHERTYPE, ETH_TYPE_IP)
#define PT_IPV6 PACKET_TYPE(PT_NS_ETHERTYPE, ETH_TYPE_IPV6)
#define PT_MPLS PACKET_TYPE(PT_NS_ETHERTYPE, ETH_TYPE_MPLS)
#define PT_NSH PACKET_TYPE(PT_NS_ETHERTYPE, ETH_TYPE_NSH)
#define PT_UNKNOWN 0xffffffffu

static inline uint16_t pt_ns(be32 packet_type)
{
    return ntohl(packet_type) >> 16;
}
static inline uint16_t pt_ns_type(be32 packet_type)
{
    return ntohl(packet_type) & 0xffff;
}

/* ---------------------------------------------------------------- */
/* Checksums. */

/* Adds 'n' bytes at 'data' to the 32-bit one's-complement partial sum
 * 'partial' (which starts at 0); csum_finish() folds and complements it. */
uint32_t csum_continue(uint32_t partial, const void *data, size_t n);
be16 csum_finish(uint32_t partial);
/* The one's-complement checksum of 'n' bytes at 'data'. */
be16 csum(const void *data, size_t n);
/* Partial sums of the IPv4 and IPv6 pseudo-headers for 'proto' with an
 * upper-layer length of 'len' bytes. */
uint32_t packet_csum_pseudoheader(const struct ip_header *, uint8_t proto,
                                  uint16_t len);
uint32_t packet_csum_pseudoheader6(const struct ipv6_header *, uint8_t proto,
                                   uint32_t len);
/* The CRC32c (Castagnoli) of 'n' bytes, as SCTP uses it. */
be32 crc32c(const uint8_t *data, size_t n);

/* ---------------------------------------------------------------- */
/* Addresses: predicates, formatting and parsing. */

static inline bool
eth_addr_is_multicast(struct eth_addr ea)
{
    return ea.ea[0] & 1;
}

static inline bool
eth_addr_is_broadcast(struct eth_addr ea)
{
    return (ea.be16[0] & ea.be16[1] & ea.be16[2]) == 0xffff;
}

static inline struct eth_addr
eth_addr_and(struct eth_addr a, struct eth_addr mask)
{
    struct eth_addr r;
    for (int i = 0; i < 3; i++) {
        r.be16[i] = a.be16[i] & mask.be16[i];
    }
    return r;
}

extern const struct eth_addr eth_addr_zero;
extern const struct eth_addr eth_addr_exact;        /* ff:ff:ff:ff:ff:ff */
extern const struct eth_addr eth_addr_broadcast;    /* Same value. */
extern const struct in6_addr in6addr_exact;         /* All-ones. */

/* Appends "xx:xx:xx:xx:xx:xx" for 'ea' to 's', then "/mask" when 'mask' is
 * not all-ones. */
void eth_format_masked(struct eth_addr ea, const struct eth_addr *mask,
                       struct ds *s);
/* Parses "xx:xx:xx:xx:xx:xx" (the whole of 's').  Returns true if
 * successful. */
bool eth_addr_from_string(const char *s, struct eth_addr *ea);
/* Parses "ADDR[/MASK]" where MASK is an Ethernet address.  Without a mask
 * '*mask' is all-ones.  Returns NULL or a malloc'd error. */
char *eth_parse_masked(const char *s, struct eth_addr *ea,
                       struct eth_addr *mask) SVS_WARN_UNUSED_RESULT;

/* IPv4 addresses 'ip' are network byte order be32. */
#define IP_FMT "%u.%u.%u.%u"
#define IP_ARGS(IP)                             \
    ntohl(IP) >> 24,                            \
    (ntohl(IP) >> 16) & 0xff,                   \
    (ntohl(IP) >> 8) & 0xff,                    \
    ntohl(IP) & 0xff

/* True if 'netmask' is a CIDR mask (ones then zeros, possibly none). */
bool ip_is_cidr(be32 netmask);
/* The prefix length of CIDR mask 'netmask'. */
int ip_count_cidr_bits(be32 netmask);
/* Appends "a.b.c.d" then "/N" (CIDR mask) or "/m.m.m.m" (other mask)
 * unless 'mask' is all-ones. */
void ip_format_masked(be32 ip, be32 mask, struct ds *);
/* Parses the whole of 's' as a dotted-quad IPv4 address. */
bool ip_parse(const char *s, be32 *ip);
/* Parses "IP[/MASK]" where MASK is a dotted quad or a prefix length 0..32.
 * Returns NULL or a malloc'd error. */
char *ip_parse_masked(const char *s, be32 *ip, be32 *mask)
    SVS_WARN_UNUSED_RESULT;
/* Like ip_parse_masked() but requires a CIDR mask; stores the prefix
 * length in '*plen'. */
char *ip_parse_cidr(const char *s, be32 *ip, unsigned int *plen)
    SVS_WARN_UNUSED_RESULT;

bool ipv6_addr_equals(const struct in6_addr *, const struct in6_addr *);
bool ipv6_mask_is_any(const struct in6_addr *);
bool ipv6_mask_is_exact(const struct in6_addr *);
bool ipv6_is_zero(const struct in6_addr *);
bool ipv6_is_cidr(const struct in6_addr *netmask);
int ipv6_count_cidr_bits(const struct in6_addr *netmask);
struct in6_addr ipv6_addr_bitand(const struct in6_addr *,
                                 const struct in6_addr *);
/* The mask with the first 'n' (0..128) bits set. */
struct in6_addr ipv6_create_mask(int n);
/* Appends 'addr' in RFC 5952 form (as inet_ntop() prints it). */
void ipv6_format_addr(const struct in6_addr *addr, struct ds *);
/* Appends 'addr', then "/N" (CIDR) or "/MASK" unless 'mask' is NULL or
 * all-ones. */
void ipv6_format_masked(const struct in6_addr *addr,
                        const struct in6_addr *mask, struct ds *);
/* Parses the whole of 's' as an IPv6 address. */
bool ipv6_parse(const char *s, struct in6_addr *ip);
/* Parses "IPV6[/MASK]" where MASK is an IPv6 address or prefix length.
 * Returns NULL or a malloc'd error. */
char *ipv6_parse_masked(const char *s, struct in6_addr *ip,
                        struct in6_addr *mask) SVS_WARN_UNUSED_RESULT;
/* Like ipv6_parse_masked() but requires a CIDR mask. */
char *ipv6_parse_cidr(const char *s, struct in6_addr *ip, unsigned int *plen)
    SVS_WARN_UNUSED_RESULT;

/* Packet type text: "(NS,TYPE)" as ovs-ofctl prints "packet_type=(1,0x800)";
 * packet_type_parse() accepts the same.  Returns NULL or a malloc'd
 * error. */
void packet_type_format(be32 packet_type, struct ds *);
char *packet_type_parse(const char *s, be32 *packet_type)
    SVS_WARN_UNUSED_RESULT;

/* Name of an IP fragment state as printed by ovs-ofctl ("no", "first",
 * "later", "yes", "not_later") for nw_frag value 'frag' under 'mask', or
 * NULL for a combination that has no name. */
const char *ip_frag_to_string(uint8_t frag, uint8_t mask);

/* The name of the single TCP flag bit 'flag' ("syn", "[200]"), or NULL
 * if 'flag' is not one bit of TCP_FLAGS_MASK. */
const char *packet_tcp_flag_to_string(uint32_t flag);

#endif /* packets.h */
