/* meta-flow.h: the catalogue of matchable and settable fields.
 *
 * What: one 'struct mf_field' per field that OpenFlow (with the Nicira and
 * other extensions Open vSwitch supports) can match or set: its names as
 * ovs-ofctl spells them, its width, whether it may be masked, how its value
 * is written as text, its prerequisites, whether actions may write it, and
 * the NXM/OXM headers that carry it on the wire.  Around the table, generic
 * accessors read and write a field in a 'struct flow', a
 * 'struct flow_wildcards' or a 'struct match', and parse and format values
 * in ovs-ofctl's syntax.  Subfields ("NXM_NX_REG0[0..15]", "reg0[0..15]")
 * name a bit range of a field for the move/load/learn/multipath/bundle
 * actions.
 *
 * Design: the table (mf_fields[], indexed by enum mf_field_id) is constant
 * data in meta-flow.c.  Values are exchanged in 'union mf_value', in the
 * field's wire representation: network byte order, occupying the first
 * 'n_bytes' bytes of the union.  Fields narrower than their storage (for
 * example vlan_vid, 12 bits in 16) must have the extra high bits zero;
 * mf_is_value_valid() checks that.  A mask has the same representation;
 * 1-bits are significant.
 *
 * Some fields are views of the same flow bits: vlan_tci, dl_vlan,
 * vlan_vid, dl_vlan_pcp and vlan_pcp all live in flow->vlans[0].tci;
 * nw_tos, ip_dscp and nw_ecn share flow->nw_tos; xreg and xxreg fields are
 * pairs and quads of 32-bit registers (xreg0 = reg0:reg1, reg0 being the
 * most significant half); in_port and in_port_oxm are both flow->in_port;
 * tcp_src/udp_src/sctp_src share flow->tp_src; icmp_type and icmpv6_type
 * are the low byte of tp_src, icmp_code and icmpv6_code that of tp_dst;
 * nd_sll and arp_sha share flow->arp_sha, nd_tll and arp_tha share
 * flow->arp_tha; arp_spa/arp_tpa are nw_src/nw_dst; arp_op is nw_proto.
 *
 * tun_metadata0..63 are Geneve options of variable length (up to 124
 * bytes each, 256 bytes in all per match): 'variable_len' fields.  A value
 * is a 992-bit big-endian number, right-aligned in the field's 124 bytes;
 * its length on the wire is its number of significant bytes (that of the
 * mask too, when masked), as Open vSwitch decides without a TLV mapping
 * table.  Their values live in the match (struct match_tun_md, match.h),
 * not in struct flow, which has only the presence bits
 * (flow->tunnel.md_present): mf_get_value() reads them as zero from a
 * flow and mf_set_flow_value() only sets the presence bit.  mf_get(),
 * mf_set() and the other match-level functions see the values.
 *
 * Errors: text parsers return NULL on success or a malloc'd message the
 * caller frees.  Validation functions return 0 or an OpenFlow error code
 * (enum ofperr, see ofp-errors.h).
 *
 * Thread-safety: the table is immutable; every function is reentrant and
 * touches only the objects passed to it. */
#ifndef SVS_META_FLOW_H
#define SVS_META_FLOW_H 1

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "ofp-errors.h"
#include "svs-types.h"

struct ds;
struct match;

/* Field identifiers.  The order is that of the table in meta-flow.c; code
 * may rely on MFF_REG0..MFF_REG15, MFF_XREG0..MFF_XREG7 and
 * MFF_XXREG0..MFF_XXREG3 being consecutive. */
enum mf_field_id {
    /* Metadata. */
    MFF_DP_HASH,                /* "dp_hash": datapath hash. */
    MFF_RECIRC_ID,              /* "recirc_id". */
    MFF_PACKET_TYPE,            /* "packet_type" (OXM_OF_PACKET_TYPE). */
    MFF_CONJ_ID,                /* "conj_id". */
    MFF_TUN_ID,                 /* "tun_id", alias "tunnel_id". */
    MFF_TUN_SRC,                /* "tun_src". */
    MFF_TUN_DST,                /* "tun_dst". */
    MFF_TUN_IPV6_SRC,           /* "tun_ipv6_src". */
    MFF_TUN_IPV6_DST,           /* "tun_ipv6_dst". */
    MFF_TUN_FLAGS,              /* "tun_flags". */
    MFF_TUN_TTL,                /* "tun_ttl" (no OpenFlow encoding). */
    MFF_TUN_TOS,                /* "tun_tos" (no OpenFlow encoding). */
    MFF_TUN_GBP_ID,             /* "tun_gbp_id". */
    MFF_TUN_GBP_FLAGS,          /* "tun_gbp_flags". */
    MFF_TUN_ERSPAN_IDX,         /* "tun_erspan_idx". */
    MFF_TUN_ERSPAN_VER,         /* "tun_erspan_ver". */
    MFF_TUN_ERSPAN_DIR,         /* "tun_erspan_dir". */
    MFF_TUN_ERSPAN_HWID,        /* "tun_erspan_hwid". */
    MFF_TUN_GTPU_FLAGS,         /* "tun_gtpu_flags". */
    MFF_TUN_GTPU_MSGTYPE,       /* "tun_gtpu_msgtype". */
    MFF_TUN_METADATA0,          /* "tun_metadata0".."tun_metadata63". */
    MFF_TUN_METADATA1, MFF_TUN_METADATA2, MFF_TUN_METADATA3,
    MFF_TUN_METADATA4, MFF_TUN_METADATA5, MFF_TUN_METADATA6,
    MFF_TUN_METADATA7, MFF_TUN_METADATA8, MFF_TUN_METADATA9,
    MFF_TUN_METADATA10, MFF_TUN_METADATA11, MFF_TUN_METADATA12,
    MFF_TUN_METADATA13, MFF_TUN_METADATA14, MFF_TUN_METADATA15,
    MFF_TUN_METADATA16, MFF_TUN_METADATA17, MFF_TUN_METADATA18,
    MFF_TUN_METADATA19, MFF_TUN_METADATA20, MFF_TUN_METADATA21,
    MFF_TUN_METADATA22, MFF_TUN_METADATA23, MFF_TUN_METADATA24,
    MFF_TUN_METADATA25, MFF_TUN_METADATA26, MFF_TUN_METADATA27,
    MFF_TUN_METADATA28, MFF_TUN_METADATA29, MFF_TUN_METADATA30,
    MFF_TUN_METADATA31, MFF_TUN_METADATA32, MFF_TUN_METADATA33,
    MFF_TUN_METADATA34, MFF_TUN_METADATA35, MFF_TUN_METADATA36,
    MFF_TUN_METADATA37, MFF_TUN_METADATA38, MFF_TUN_METADATA39,
    MFF_TUN_METADATA40, MFF_TUN_METADATA41, MFF_TUN_METADATA42,
    MFF_TUN_METADATA43, MFF_TUN_METADATA44, MFF_TUN_METADATA45,
    MFF_TUN_METADATA46, MFF_TUN_METADATA47, MFF_TUN_METADATA48,
    MFF_TUN_METADATA49, MFF_TUN_METADATA50, MFF_TUN_METADATA51,
    MFF_TUN_METADATA52, MFF_TUN_METADATA53, MFF_TUN_METADATA54,
    MFF_TUN_METADATA55, MFF_TUN_METADATA56, MFF_TUN_METADATA57,
    MFF_TUN_METADATA58, MFF_TUN_METADATA59, MFF_TUN_METADATA60,
    MFF_TUN_METADATA61, MFF_TUN_METADATA62, MFF_TUN_METADATA63,
    MFF_METADATA,               /* "metadata". */
    MFF_IN_PORT,                /* "in_port": 16-bit OpenFlow 1.0 port. */
    MFF_IN_PORT_OXM,            /* "in_port_oxm": 32-bit OF1.1+ port. */
    MFF_ACTSET_OUTPUT,          /* "actset_output". */
    MFF_SKB_PRIORITY,           /* "skb_priority" (no OpenFlow encoding). */
    MFF_PKT_MARK,               /* "pkt_mark". */
    MFF_CT_STATE,               /* "ct_state". */
    MFF_CT_ZONE,                /* "ct_zone". */
    MFF_CT_MARK,                /* "ct_mark". */
    MFF_CT_LABEL,               /* "ct_label". */
    MFF_CT_NW_PROTO,            /* "ct_nw_proto". */
    MFF_CT_NW_SRC,              /* "ct_nw_src". */
    MFF_CT_NW_DST,              /* "ct_nw_dst". */
    MFF_CT_IPV6_SRC,            /* "ct_ipv6_src". */
    MFF_CT_IPV6_DST,            /* "ct_ipv6_dst". */
    MFF_CT_TP_SRC,              /* "ct_tp_src". */
    MFF_CT_TP_DST,              /* "ct_tp_dst". */
    MFF_REG0,                   /* "reg0".."reg15": 32 bits each. */
    MFF_REG1, MFF_REG2, MFF_REG3, MFF_REG4, MFF_REG5, MFF_REG6, MFF_REG7,
    MFF_REG8, MFF_REG9, MFF_REG10, MFF_REG11, MFF_REG12, MFF_REG13,
    MFF_REG14, MFF_REG15,
    MFF_XREG0,                  /* "xreg0".."xreg7": 64 bits each. */
    MFF_XREG1, MFF_XREG2, MFF_XREG3, MFF_XREG4, MFF_XREG5, MFF_XREG6,
    MFF_XREG7,
    MFF_XXREG0,                 /* "xxreg0".."xxreg3": 128 bits each. */
    MFF_XXREG1, MFF_XXREG2, MFF_XXREG3,

    /* L2. */
    MFF_ETH_SRC,                /* "eth_src", alias "dl_src". */
    MFF_ETH_DST,                /* "eth_dst", alias "dl_dst". */
    MFF_ETH_TYPE,               /* "eth_type", alias "dl_type". */
    MFF_VLAN_TCI,               /* "vlan_tci": the whole TCI, with
                                 * VLAN_CFI meaning "tag present". */
    MFF_DL_VLAN,                /* "dl_vlan": OF1.0 VID (12 bits). */
    MFF_VLAN_VID,               /* "vlan_vid": OF1.2 VID (13 bits, with
                                 * OFPVID_PRESENT = 0x1000). */
    MFF_DL_VLAN_PCP,            /* "dl_vlan_pcp": OF1.0 PCP. */
    MFF_VLAN_PCP,               /* "vlan_pcp": OF1.2 PCP. */
    MFF_MPLS_LABEL,             /* "mpls_label". */
    MFF_MPLS_TC,                /* "mpls_tc". */
    MFF_MPLS_BOS,               /* "mpls_bos". */
    MFF_MPLS_TTL,               /* "mpls_ttl". */

    /* L3. */
    MFF_IPV4_SRC,               /* "ip_src", alias "nw_src". */
    MFF_IPV4_DST,               /* "ip_dst", alias "nw_dst". */
    MFF_IPV6_SRC,               /* "ipv6_src". */
    MFF_IPV6_DST,               /* "ipv6_dst". */
    MFF_IPV6_LABEL,             /* "ipv6_label". */
    MFF_IP_PROTO,               /* "nw_proto", alias "ip_proto". */
    MFF_IP_DSCP,                /* "nw_tos": DSCP in the high 6 bits. */
    MFF_IP_DSCP_SHIFTED,        /* "ip_dscp": DSCP in the low 6 bits. */
    MFF_IP_ECN,                 /* "nw_ecn", alias "ip_ecn". */
    MFF_IP_TTL,                 /* "nw_ttl". */
    MFF_IP_FRAG,                /* "ip_frag", alias "nw_frag". */
    MFF_ARP_OP,                 /* "arp_op". */
    MFF_ARP_SPA,                /* "arp_spa". */
    MFF_ARP_TPA,                /* "arp_tpa". */
    MFF_ARP_SHA,                /* "arp_sha". */
    MFF_ARP_THA,                /* "arp_tha". */
    MFF_NSH_FLAGS,              /* "nsh_flags". */
    MFF_NSH_TTL,                /* "nsh_ttl". */
    MFF_NSH_MDTYPE,             /* "nsh_mdtype". */
    MFF_NSH_NP,                 /* "nsh_np". */
    MFF_NSH_SPI,                /* "nsh_spi", alias "nsp". */
    MFF_NSH_SI,                 /* "nsh_si", alias "nsi". */
    MFF_NSH_C1,                 /* "nsh_c1".."nsh_c4", aliases "nshc1".. */
    MFF_NSH_C2, MFF_NSH_C3, MFF_NSH_C4,

    /* L4. */
    MFF_TCP_SRC,                /* "tcp_src", alias "tp_src". */
    MFF_TCP_DST,                /* "tcp_dst", alias "tp_dst". */
    MFF_TCP_FLAGS,              /* "tcp_flags". */
    MFF_UDP_SRC,                /* "udp_src". */
    MFF_UDP_DST,                /* "udp_dst". */
    MFF_SCTP_SRC,               /* "sctp_src". */
    MFF_SCTP_DST,               /* "sctp_dst". */
    MFF_ICMPV4_TYPE,            /* "icmp_type". */
    MFF_ICMPV4_CODE,            /* "icmp_code". */
    MFF_ICMPV6_TYPE,            /* "icmpv6_type". */
    MFF_ICMPV6_CODE,            /* "icmpv6_code". */
    MFF_ND_TARGET,              /* "nd_target". */
    MFF_ND_SLL,                 /* "nd_sll". */
    MFF_ND_TLL,                 /* "nd_tll". */
    MFF_ND_RESERVED,            /* "nd_reserved". */
    MFF_ND_OPTIONS_TYPE,        /* "nd_options_type". */

    MFF_N_IDS
};

#define MFF_TUN_METADATA(N) ((enum mf_field_id) (MFF_TUN_METADATA0 + (N)))
#define MFF_REG(N) ((enum mf_field_id) (MFF_REG0 + (N)))
#define MFF_XREG(N) ((enum mf_field_id) (MFF_XREG0 + (N)))
#define MFF_XXREG(N) ((enum mf_field_id) (MFF_XXREG0 + (N)))

/* Whether a field may be matched with a mask. */
enum mf_maskable {
    MFM_NONE,                   /* Exact match or wildcard only. */
    MFM_FULLY                   /* Arbitrary bitwise masks. */
};

/* How a field's value is written as text. */
enum mf_string {
    MFS_DECIMAL,
    MFS_HEXADECIMAL,
    MFS_CT_STATE,               /* "+new-est" / "new|est" (ct_state). */
    MFS_ETHERNET,               /* xx:xx:xx:xx:xx:xx. */
    MFS_IPV4,                   /* a.b.c.d. */
    MFS_IPV6,                   /* RFC 5952. */
    MFS_OFP_PORT,               /* 16-bit port number or reserved name. */
    MFS_OFP_PORT_OXM,           /* 32-bit port number or reserved name. */
    MFS_FRAG,                   /* "no", "first", "later", "yes",
                                 * "not_later". */
    MFS_TNL_FLAGS,              /* "oam" flags (tun_flags). */
    MFS_TCP_FLAGS,              /* "+syn-ack" / "syn|ack" or hex. */
    MFS_PACKET_TYPE,            /* "(NS,TYPE)". */
};

/* Prerequisites: what the rest of a match must say for a field to be
 * meaningful.  E.g. MFP_TCP means "eth_type is IPv4 or IPv6 and nw_proto
 * is 6". */
enum mf_prereqs {
    MFP_NONE,

    /* L2 requirements. */
    MFP_ETHERNET,               /* packet_type is Ethernet. */
    MFP_ARP,                    /* eth_type is ARP or RARP. */
    MFP_VLAN_VID,               /* A VLAN header is present (vlan_tci has
                                 * VLAN_CFI matched to 1). */
    MFP_IPV4,
    MFP_IPV6,
    MFP_IP_ANY,                 /* IPv4 or IPv6. */
    MFP_MPLS,                   /* eth_type is MPLS unicast or
                                 * multicast. */
    MFP_NSH,                    /* eth_type is NSH. */

    /* L2.5 requirements: connection tracking original tuple. */
    MFP_CT_VALID,               /* ct_state has +trk (tracked) and not
                                 * +inv. */

    /* L3 requirements.  TCP, UDP and SCTP also require that the packet
     * is not a later fragment (nw_frag without FLOW_NW_FRAG_LATER); the
     * ICMP ones do not. */
    MFP_TCP,                    /* IP_ANY and nw_proto 6. */
    MFP_UDP,                    /* IP_ANY and nw_proto 17. */
    MFP_SCTP,                   /* IP_ANY and nw_proto 132. */
    MFP_ICMPV4,                 /* IPV4 and nw_proto 1. */
    MFP_ICMPV6,                 /* IPV6 and nw_proto 58. */

    /* L4 requirements. */
    MFP_ND,                     /* ICMPV6 and icmp_type 135 or 136,
                                 * icmp_code 0. */
    MFP_ND_SOLICIT,             /* ICMPV6, icmp_type 135, code 0. */
    MFP_ND_ADVERT,              /* ICMPV6, icmp_type 136, code 0. */
};

/* How OpenFlow 1.0's and 1.1's fixed match structures can express a
 * match on a field. */
enum mf_ofp1x_support {
    MFO_NONE,                   /* Not at all. */
    MFO_EXACT,                  /* Exact match or wildcard. */
    MFO_CIDR,                   /* CIDR masks (IPv4 addresses in 1.0). */
    MFO_BITWISE,                /* Arbitrary masks (1.1's dl/nw/metadata
                                 * masks). */
};

/* OpenFlow version numbers as they appear on the wire (ofp_header.version),
 * used to select NXM/OXM headers. */
#define MF_OFP10 0x01
#define MF_OFP11 0x02
#define MF_OFP12 0x03
#define MF_OFP13 0x04
#define MF_OFP14 0x05
#define MF_OFP15 0x06

/* One NXM or OXM header that can carry a field.
 *
 * 'header' is the 64-bit form that nx-match.h uses for every header: the
 * 32-bit wire header (class << 16 | field << 9 | hasmask << 8 | length) in
 * the low 32 bits, exactly as it appears on the wire for an unmasked
 * occurrence (hasmask 0; length = the field's n_bytes, plus 4 for the
 * experimenter ID of class 0xffff), and, for the experimenter class
 * 0xffff, the 32-bit experimenter ID in the high 32 bits. */
struct mf_nxm_header {
    uint64_t header;
    const char *name;           /* "NXM_OF_ETH_SRC", "OXM_OF_ETH_SRC". */
    uint8_t version;            /* MF_OFP10 for NXM headers (usable in any
                                 * version); for OXM headers the first
                                 * OpenFlow version that defines it. */
};

#define MF_MAX_HEADERS 3

/* A field. */
struct mf_field {
    enum mf_field_id id;
    const char *name;           /* Preferred name, e.g. "eth_src". */
    const char *extra_name;     /* Alias, e.g. "dl_src", or NULL. */

    /* Size.  'n_bytes' is the width of the value in 'union mf_value';
     * 'n_bits' is the number of significant low-order bits (e.g. 12 for
     * dl_vlan, stored in 2 bytes). */
    unsigned int n_bytes;
    unsigned int n_bits;

    enum mf_maskable maskable;
    enum mf_string string;
    enum mf_prereqs prereqs;
    bool writable;              /* Writable by set_field/load/move/learn. */

    /* Support in OpenFlow 1.0's and 1.1's fixed matches. */
    enum mf_ofp1x_support of10;
    enum mf_ofp1x_support of11;

    /* NXM/OXM headers, in increasing 'version' order (NXM headers first);
     * 'n_headers' may be 0 for fields that cannot be sent in OpenFlow
     * (tun_ttl, tun_tos, skb_priority). */
    struct mf_nxm_header headers[MF_MAX_HEADERS];
    unsigned int n_headers;

    /* True for tun_metadata0..63: on the wire, the length in the header is
     * that of the value sent (see the top of this file). */
    bool variable_len;
};

/* The table, indexed by enum mf_field_id. */
extern const struct mf_field mf_fields[MFF_N_IDS];

static inline const struct mf_field *
mf_from_id(enum mf_field_id id)
{
    return &mf_fields[id];
}

/* Returns the option number (0..63) of 'mf' if it is tun_metadata<N>,
 * else -1. */
static inline int
mf_tun_metadata_idx(const struct mf_field *mf)
{
    return (mf->id >= MFF_TUN_METADATA0
            && mf->id < MFF_TUN_METADATA0 + TUN_METADATA_NUM_OPTS
            ? (int) (mf->id - MFF_TUN_METADATA0) : -1);
}

/* A field value or mask, in network byte order, occupying the first
 * 'n_bytes' bytes of the union (for tun_metadata, the value is
 * right-aligned in those 124 bytes). */
union mf_value {
    uint8_t b[128];
    uint8_t u8;
    be16 be16;
    be32 be32;
    be64 be64;
    struct eth_addr mac;
    struct in6_addr ipv6;
    svs_be128 be128;
};
_Static_assert(sizeof(union mf_value) == 128, "mf_value");

/* A big-endian 1024-bit value for subfield operations: bit 0 is the
 * least significant bit of u8[127].  A field value of 'n_bytes' converts
 * to a subvalue by right-aligning it (placing it in the last 'n_bytes').
 * The named members at the end give the low 8, 16, 32 and 64 bits. */
#define MF_SUBVALUE_BYTES 128
union mf_subvalue {
    uint8_t u8[MF_SUBVALUE_BYTES];
    be16 be16[MF_SUBVALUE_BYTES / 2];
    be32 be32[MF_SUBVALUE_BYTES / 4];
    be64 be64[MF_SUBVALUE_BYTES / 8];
    struct {
        uint8_t dummy_u8[MF_SUBVALUE_BYTES - 1];
        uint8_t u8_val;
    };
    struct {
        be16 dummy_be16[MF_SUBVALUE_BYTES / 2 - 1];
        be16 be16_int;
    };
    struct {
        be32 dummy_be32[MF_SUBVALUE_BYTES / 4 - 1];
        be32 be32_int;
    };
    struct {
        be64 dummy_integer[MF_SUBVALUE_BYTES / 8 - 1];
        be64 integer;
    };
    struct {
        uint8_t dummy_mac[MF_SUBVALUE_BYTES - 6];
        struct eth_addr mac;
    };
};
_Static_assert(sizeof(union mf_subvalue) == MF_SUBVALUE_BYTES, "mf_subvalue");

/* Finding fields. */
const struct mf_field *mf_from_name(const char *name);
const struct mf_field *mf_from_name_len(const char *name, size_t len);
/* The field named 'name' ('len' bytes) by its name, alias or the name of
 * one of its NXM/OXM headers (with or without "_W"), or NULL. */
const struct mf_field *mf_from_any_name(const char *name, size_t len);
/* The field carried by NXM/OXM header 'header' (hasmask and length bits
 * ignored), or NULL; '*hdrp', if nonnull, receives the table entry of the
 * header (for its name). */
const struct mf_field *mf_from_nxm_header(uint64_t header,
                                          const struct mf_nxm_header **hdrp);
/* The field's header for OpenFlow version 'version' (MF_OFP10...): the
 * last of its headers whose 'version' is <= 'version', or its first header
 * if none qualifies, or NULL if it has none.  NXM matches (OF1.0/1.1 with
 * the NXM flow format) use version MF_OFP10. */
const struct mf_nxm_header *mf_nxm_header_for_version(
    const struct mf_field *, uint8_t version);
/* The name of 'mf' as subfields print it: the name of its first header
 * (e.g. "NXM_NX_REG0", "OXM_OF_PKT_REG0"), or its own name if it has no
 * header. */
const char *mf_nxm_name(const struct mf_field *);

/* Wildcards and masks. */
bool mf_is_all_wild(const struct mf_field *, const struct flow_wildcards *);
bool mf_is_mask_valid(const struct mf_field *, const union mf_value *mask);
void mf_get_mask(const struct mf_field *, const struct flow_wildcards *,
                 union mf_value *mask);
/* True if 'value' has no bits set beyond the field's 'n_bits' and is an
 * allowed value (e.g. ip_frag is not "later without any"). */
bool mf_is_value_valid(const struct mf_field *, const union mf_value *);
/* True if 'mask' is all-zeros (of the field's width) / all-ones (of its
 * 'n_bits'). */
bool mf_value_is_zero(const struct mf_field *, const union mf_value *);
bool mf_mask_is_exact(const struct mf_field *, const union mf_value *mask);

/* Prerequisites. */
/* True if the prerequisites of 'mf' are satisfied by 'flow'.  If 'wc' is
 * nonnull, the bits of 'flow' consulted are set in it (for megaflows). */
bool mf_are_prereqs_ok(const struct mf_field *, const struct flow *,
                       struct flow_wildcards *wc);
/* True if 'match' guarantees the prerequisites of 'mf': the fields they
 * involve are matched exactly with suitable values. */
bool mf_are_match_prereqs_ok(const struct mf_field *, const struct match *);
/* Makes 'wc' exact on 'mf' and on every field of its prerequisites. */
void mf_mask_field_and_prereqs(const struct mf_field *,
                               struct flow_wildcards *wc);
/* Sets in 'match' exact matches for the prerequisites of 'mf' (the ones
 * that have a unique value, e.g. eth_type=0x800,nw_proto=6 for tcp_src
 * with 'ipv6' false).  Used by the learn action and by tests. */
void mf_set_prereqs(const struct mf_field *, bool ipv6, struct match *);
/* The name ("tcp", "ip", ...) of a prerequisite. */
const char *mf_prereqs_to_string(enum mf_prereqs);

/* Reading and writing values. */
void mf_get_value(const struct mf_field *, const struct flow *,
                  union mf_value *value);
void mf_set_flow_value(const struct mf_field *, const union mf_value *value,
                       struct flow *);
/* Sets only the bits of 'flow' selected by 'mask'. */
void mf_set_flow_value_masked(const struct mf_field *,
                              const union mf_value *value,
                              const union mf_value *mask, struct flow *);
/* Matches 'match' exactly on 'value'.  If 'err_str' is nonnull it receives
 * NULL, or a malloc'd explanation when a field's side effect on other
 * fields is worth a warning (none today). */
void mf_set_value(const struct mf_field *, const union mf_value *value,
                  struct match *, char **err_str);
/* Matches 'match' on 'value' under 'mask' (all-zeros 'mask' wildcards the
 * field, all-ones matches exactly).  Returns the field's 'maskable'
 * possibility actually used: MFM_FULLY for a proper mask, MFM_NONE for an
 * exact match or wildcard.  'mask' must pass mf_is_mask_valid(). */
enum mf_maskable mf_set(const struct mf_field *, const union mf_value *value,
                        const union mf_value *mask, struct match *,
                        char **err_str);
/* Wildcards 'mf' in 'match'. */
void mf_set_wild(const struct mf_field *, struct match *, char **err_str);
/* Reads 'value' and 'mask' of 'mf' from 'match'. */
void mf_get(const struct mf_field *, const struct match *,
            union mf_value *value, union mf_value *mask);
/* Sets the flow and mask bits of 'mf' in 'match' to those of 'value' and
 * 'mask' exactly (a mask of all-ones in 'n_bits' matches exactly). */
void mf_mask_field_masked(const struct mf_field *, const union mf_value *mask,
                          struct flow_wildcards *);
/* Makes 'wc' exact on 'mf'. */
void mf_mask_field(const struct mf_field *, struct flow_wildcards *);

/* Text.  Both accept the syntax of ovs-ofctl. */
/* Parses 's' as "VALUE[/MASK]" for 'mf' into 'value' and 'mask' (all-ones
 * when no mask is given).  A mask on a non-maskable field is an error,
 * except that an all-ones mask is accepted.  Returns NULL or a malloc'd
 * error message, e.g. "0x12345: value too large for field vlan_vid". */
char *mf_parse(const struct mf_field *, const char *s,
               union mf_value *value, union mf_value *mask)
    SVS_WARN_UNUSED_RESULT;
/* Parses 's' as a value only (no mask allowed). */
char *mf_parse_value(const struct mf_field *, const char *s,
                     union mf_value *value) SVS_WARN_UNUSED_RESULT;
/* Parses 's' as "VALUE[/MASK]" and applies it to 'match' with mf_set(). */
char *mf_parse_field(const struct mf_field *, const char *s,
                     struct match *) SVS_WARN_UNUSED_RESULT;
/* Appends 'value' (and "/MASK" unless 'mask' is NULL or exact; "ANY" for
 * an all-zeros mask) to 's' as ovs-ofctl prints a field value, e.g. the
 * argument of set_field: decimal fields in decimal with a hex mask
 * ("80/0xff"), hexadecimal ones as "0x5/0xff", addresses with CIDR
 * prefixes where possible, ports by reserved name, flags as "syn|ack"
 * (exact) or "+syn-ack" (masked).  match_format() has its own rules for
 * some fields. */
void mf_format(const struct mf_field *, const union mf_value *value,
               const union mf_value *mask, struct ds *s);

/* OpenFlow ports as text: a decimal number or a reserved port name
 * ("IN_PORT", "TABLE", "NORMAL", "FLOOD", "ALL", "CONTROLLER", "LOCAL",
 * "ANY"/"NONE"), case-insensitive.  Returns true if successful.
 * mf_format_ofp_port() appends a number or the reserved name. */
bool mf_parse_ofp_port(const char *s, ofp_port_t *port);
void mf_format_ofp_port(ofp_port_t port, struct ds *);
/* The reserved name of 'port' (e.g. "LOCAL"), or NULL. */
const char *mf_ofp_port_name(ofp_port_t port);
/* Converts between 16-bit and OpenFlow 1.1+ 32-bit port numbers.
 * mf_ofp11_port_to_ofp() returns false for a port that has no 16-bit
 * equivalent (0xff00..0xfffffff7). */
ofp11_port_t mf_ofp_port_to_ofp11(ofp_port_t);
bool mf_ofp11_port_to_ofp(ofp11_port_t, ofp_port_t *);

/* Names of ct_state bits ("new", "est", "rel", "rpl", "inv", "trk",
 * "snat", "dnat"), indexed by bit number, NULL past the end. */
const char *mf_ct_state_bit_name(uint32_t bit);

/* Subfields.
 *
 * A subfield is bits [ofs, ofs + n_bits) of a field, bit 0 being the
 * least significant bit of its value.  Its text form is "FIELD[]" (all
 * bits), "FIELD[BIT]" or "FIELD[START..END]" (inclusive), where FIELD is
 * a field name ("reg0"), alias ("dl_src") or NXM/OXM name
 * ("NXM_NX_REG0"). */
struct mf_subfield {
    const struct mf_field *field;
    unsigned int ofs;           /* Bit offset. */
    unsigned int n_bits;        /* Number of bits. */
};

/* Parses a subfield at '*s', advancing '*s' past it.  Returns NULL or a
 * malloc'd error. */
char *mf_parse_subfield__(struct mf_subfield *, const char **s)
    SVS_WARN_UNUSED_RESULT;
/* Parses the whole of 's' as a subfield.  Returns NULL or a malloc'd
 * error. */
char *mf_parse_subfield(struct mf_subfield *, const char *s)
    SVS_WARN_UNUSED_RESULT;
/* Appends e.g. "NXM_NX_REG0[0..5]" (the field's mf_nxm_name(), "[]" for a
 * whole field, "[N]" for one bit). */
void mf_format_subfield(const struct mf_subfield *, struct ds *);
/* True if 'sf' covers all of its field. */
bool mf_subfield_is_whole(const struct mf_subfield *);

/* Checks 'sf' as a source (read) or destination (write) in an action
 * executed against flows matching 'match' (NULL: prerequisites are not
 * checked): bits in range, field readable/writable, prerequisites
 * satisfied.  Returns 0 or OFPERR_OFPBAC_BAD_SET_ARGUMENT
 * (out of range or not writable) / OFPERR_OFPBAC_MATCH_INCONSISTENT
 * (prerequisites). */
enum ofperr mf_check_src(const struct mf_subfield *, const struct match *);
enum ofperr mf_check_dst(const struct mf_subfield *, const struct match *);

/* Reads the bits of 'sf' from 'flow' into the low bits of 'x' (the rest
 * zero). */
void mf_read_subfield(const struct mf_subfield *, const struct flow *,
                      union mf_subvalue *x);
/* Same, returning at most 64 bits as an integer. */
uint64_t mf_get_subfield(const struct mf_subfield *, const struct flow *);
/* Writes the low 'sf->n_bits' bits of 'x' into the bits of 'sf' in
 * 'match' and makes those bits exact. */
void mf_write_subfield(const struct mf_subfield *, const union mf_subvalue *,
                       struct match *);
/* Writes the low bits of 'x' into 'sf' in 'flow' only. */
void mf_write_subfield_flow(const struct mf_subfield *,
                            const union mf_subvalue *, struct flow *);
/* Same with an integer of at most 64 bits. */
void mf_set_subfield(const struct mf_subfield *, uint64_t x, struct flow *);
/* Makes the bits of 'sf' exact in 'wc'. */
void mf_mask_subfield(const struct mf_subfield *, struct flow_wildcards *);

/* Converting between field values and subvalues. */
void mf_value_to_subvalue(const struct mf_field *, const union mf_value *,
                          union mf_subvalue *);
void mf_subvalue_to_value(const struct mf_field *, const union mf_subvalue *,
                          union mf_value *);
/* Parses a hex or decimal integer of up to 1024 bits ("0x..." or decimal)
 * into 'x', right-aligned.  Returns NULL or a malloc'd error. */
char *mf_parse_subvalue(const char *s, union mf_subvalue *x)
    SVS_WARN_UNUSED_RESULT;
/* Appends 'x' as "0x..." without leading zeros ("0" for zero). */
void mf_format_subvalue(const union mf_subvalue *, struct ds *);
/* The number of significant bits of 'x' (position of the highest 1-bit
 * plus one, 0 for zero). */
int mf_subvalue_width(const union mf_subvalue *);

#endif /* meta-flow.h */
