/* match.h: a flow plus a mask, the "match" part of an OpenFlow rule.
 *
 * What: 'struct match' pairs a 'struct flow' with a 'struct flow_wildcards'
 * (1-bits of the mask are significant).  Setters match one field exactly
 * or under a mask; match_format() prints a match exactly as ovs-ofctl
 * prints it (protocol shorthands such as "tcp6", dl_vlan versus vlan_tci,
 * CIDR prefixes); match_parse() reads ovs-ofctl's "field=value[/mask]"
 * lists, including protocol shorthands.
 *
 * Design: the invariant "flow bits outside the mask are zero" is kept by
 * every setter (they store value & mask), so two matches that match the
 * same packets compare equal with match_equal() and hash alike.  Code that
 * writes 'flow' or 'wc' directly must restore it with
 * match_zero_wildcarded_fields().
 *
 * Prerequisites are not enforced by the setters: a match may name tp_dst
 * without nw_proto.  match_clear_unmet_prereqs() (what ovs-ofctl calls
 * normalization) drops such fields; the NXM/OXM encoders skip them too.
 *
 * Thread-safety: plain data; functions touch only their arguments. */
#ifndef SVS_MATCH_H
#define SVS_MATCH_H 1

#include <stdbool.h>
#include <stdint.h>
#include "flow.h"
#include "svs-types.h"

struct ds;

/* The default OpenFlow priority; match_format() omits it. */
#define MATCH_DEFAULT_PRIORITY 32768

/* The values of the tun_metadata fields a match names (the presence bits
 * are flow.tunnel.md_present under wc.masks.tunnel.md_present).  Without a
 * TLV mapping table an option's length is that of the value it is matched
 * on (its significant bytes, or those of its mask if larger), and the
 * options of one match share TUN_METADATA_TOT_LEN bytes, handed out in
 * the order the fields are set, as in Open vSwitch: "tun_metadata0" with
 * no value or a zero mask only asks for the option's presence.  Only the
 * locations of options whose bit is set in wc.masks.tunnel.md_present are
 * meaningful. */
struct match_tun_md {
    uint64_t masked;            /* Bit i: tun_metadata<i> has a mask (sent
                                 * with one on the wire). */
    uint16_t used;              /* Bytes of 'value' and 'mask' handed out. */
    struct {
        uint16_t ofs;           /* Offset in 'value' and 'mask'. */
        uint8_t len;            /* Length, 0..TUN_METADATA_MAX_LEN. */
    } loc[TUN_METADATA_NUM_OPTS];
    uint8_t value[TUN_METADATA_TOT_LEN];  /* Values (already masked). */
    uint8_t mask[TUN_METADATA_TOT_LEN];   /* Masks. */
};

struct match {
    struct flow flow;
    struct flow_wildcards wc;
    struct match_tun_md tun_md;
};

/* Initialization. */
void match_init(struct match *, const struct flow *,
                const struct flow_wildcards *);
void match_init_catchall(struct match *);
void match_init_exact(struct match *, const struct flow *);
void match_zero_wildcarded_fields(struct match *);
bool match_is_catchall(const struct match *);
bool match_equal(const struct match *, const struct match *);
uint32_t match_hash(const struct match *, uint32_t basis);
/* True if 'flow' is matched by 'match'. */
bool match_matches_flow(const struct match *, const struct flow *);

/* Setters: metadata. */
void match_set_dp_hash(struct match *, uint32_t);
void match_set_dp_hash_masked(struct match *, uint32_t, uint32_t mask);
void match_set_recirc_id(struct match *, uint32_t);
void match_set_conj_id(struct match *, uint32_t);
void match_set_reg(struct match *, unsigned int reg_idx, uint32_t value);
void match_set_reg_masked(struct match *, unsigned int reg_idx,
                          uint32_t value, uint32_t mask);
void match_set_xreg(struct match *, unsigned int xreg_idx, uint64_t value);
void match_set_xreg_masked(struct match *, unsigned int xreg_idx,
                           uint64_t value, uint64_t mask);
void match_set_xxreg(struct match *, unsigned int xxreg_idx, svs_u128 value);
void match_set_xxreg_masked(struct match *, unsigned int xxreg_idx,
                            svs_u128 value, svs_u128 mask);
void match_set_metadata(struct match *, be64);
void match_set_metadata_masked(struct match *, be64 metadata, be64 mask);
void match_set_tun_id(struct match *, be64);
void match_set_tun_id_masked(struct match *, be64 tun_id, be64 mask);
void match_set_tun_src(struct match *, be32);
void match_set_tun_src_masked(struct match *, be32 src, be32 mask);
void match_set_tun_dst(struct match *, be32);
void match_set_tun_dst_masked(struct match *, be32 dst, be32 mask);
void match_set_tun_ipv6_src(struct match *, const struct in6_addr *);
void match_set_tun_ipv6_src_masked(struct match *, const struct in6_addr *,
                                   const struct in6_addr *);
void match_set_tun_ipv6_dst(struct match *, const struct in6_addr *);
void match_set_tun_ipv6_dst_masked(struct match *, const struct in6_addr *,
                                   const struct in6_addr *);
void match_set_tun_flags(struct match *, uint16_t flags);
void match_set_tun_flags_masked(struct match *, uint16_t flags,
                                uint16_t mask);
void match_set_tun_ttl(struct match *, uint8_t);
void match_set_tun_tos(struct match *, uint8_t);
void match_set_tun_gbp_id_masked(struct match *, be16 id, be16 mask);
void match_set_tun_gbp_flags_masked(struct match *, uint8_t, uint8_t mask);
void match_set_in_port(struct match *, ofp_port_t);
void match_set_actset_output(struct match *, ofp_port_t);
void match_set_pkt_mark(struct match *, uint32_t);
void match_set_pkt_mark_masked(struct match *, uint32_t, uint32_t mask);
void match_set_skb_priority(struct match *, uint32_t);
void match_set_ct_state(struct match *, uint32_t);
void match_set_ct_state_masked(struct match *, uint32_t, uint32_t mask);
void match_set_ct_zone(struct match *, uint16_t);
void match_set_ct_mark(struct match *, uint32_t);
void match_set_ct_mark_masked(struct match *, uint32_t, uint32_t mask);
void match_set_ct_label(struct match *, svs_u128);
void match_set_ct_label_masked(struct match *, svs_u128, svs_u128 mask);
void match_set_packet_type(struct match *, be32 packet_type);
/* tun_metadata<idx>: 'value' and 'mask' are TUN_METADATA_MAX_LEN bytes, a
 * number right-aligned in them.  A null 'mask' matches exactly, an
 * all-zeros one only the option's presence.  Returns NULL, or a malloc'd
 * error (the options' total length would exceed TUN_METADATA_TOT_LEN) and
 * leaves 'match' unchanged. */
char *match_set_tun_metadata(struct match *, int idx, const uint8_t *value,
                             const uint8_t *mask) SVS_WARN_UNUSED_RESULT;
/* Stores the value and mask of tun_metadata<idx> (all zeros if not
 * matched) and, if nonnull, its length (0..TUN_METADATA_MAX_LEN) and
 * whether it has a mask.  Returns false if 'match' does not name it. */
bool match_get_tun_metadata(const struct match *, int idx, uint8_t *value,
                            uint8_t *mask, unsigned int *len, bool *masked);
void match_clear_tun_metadata(struct match *, int idx);
/* The options 'match' requires to be present (bit i: tun_metadata<i>). */
static inline uint64_t
match_tun_metadata_map(const struct match *m)
{
    return m->wc.masks.tunnel.md_present & m->flow.tunnel.md_present;
}

/* Setters: L2. */
void match_set_dl_type(struct match *, be16);
void match_set_dl_src(struct match *, struct eth_addr);
void match_set_dl_src_masked(struct match *, struct eth_addr,
                             struct eth_addr mask);
void match_set_dl_dst(struct match *, struct eth_addr);
void match_set_dl_dst_masked(struct match *, struct eth_addr,
                             struct eth_addr mask);
/* The whole outer TCI (VLAN_CFI = tag present). */
void match_set_dl_tci(struct match *, be16 tci);
void match_set_dl_tci_masked(struct match *, be16 tci, be16 mask);
/* Matches packets with any VLAN tag (vlan_tci=0x1000/0x1000). */
void match_set_any_vid(struct match *);
/* OF1.0 dl_vlan: 'vid' 0..4095 matches that VID in a tagged packet;
 * OFP10_VLAN_NONE (0xffff) matches untagged packets. */
#define OFP10_VLAN_NONE 0xffff
void match_set_dl_vlan(struct match *, be16 vid);
/* OF1.2 vlan_vid with OFPVID_PRESENT (0x1000) meaning a tag is present. */
#define OFPVID12_PRESENT 0x1000
void match_set_vlan_vid(struct match *, be16 vid);
void match_set_vlan_vid_masked(struct match *, be16 vid, be16 mask);
void match_set_any_pcp(struct match *);
/* PCP 0..7 of a tagged packet. */
void match_set_dl_vlan_pcp(struct match *, uint8_t pcp);
void match_set_mpls_lse(struct match *, int idx, be32 lse);
void match_set_mpls_label(struct match *, int idx, be32 label);
void match_set_mpls_tc(struct match *, int idx, uint8_t tc);
void match_set_mpls_bos(struct match *, int idx, uint8_t bos);
void match_set_mpls_ttl(struct match *, int idx, uint8_t ttl);

/* Setters: L3. */
void match_set_nw_src(struct match *, be32);
void match_set_nw_src_masked(struct match *, be32 ip, be32 mask);
void match_set_nw_dst(struct match *, be32);
void match_set_nw_dst_masked(struct match *, be32 ip, be32 mask);
void match_set_ipv6_src(struct match *, const struct in6_addr *);
void match_set_ipv6_src_masked(struct match *, const struct in6_addr *,
                               const struct in6_addr *);
void match_set_ipv6_dst(struct match *, const struct in6_addr *);
void match_set_ipv6_dst_masked(struct match *, const struct in6_addr *,
                               const struct in6_addr *);
void match_set_ipv6_label(struct match *, be32);
void match_set_ipv6_label_masked(struct match *, be32, be32 mask);
void match_set_nw_proto(struct match *, uint8_t);
/* nw_tos's DSCP bits (high 6 bits of 'tos'); ECN (low 2 bits). */
void match_set_nw_dscp(struct match *, uint8_t tos);
void match_set_nw_ecn(struct match *, uint8_t ecn);
void match_set_nw_ttl(struct match *, uint8_t);
void match_set_nw_frag(struct match *, uint8_t);
void match_set_nw_frag_masked(struct match *, uint8_t, uint8_t mask);
void match_set_arp_opcode_masked(struct match *, uint8_t, uint8_t mask);
void match_set_arp_sha(struct match *, struct eth_addr);
void match_set_arp_sha_masked(struct match *, struct eth_addr,
                              struct eth_addr mask);
void match_set_arp_tha(struct match *, struct eth_addr);
void match_set_arp_tha_masked(struct match *, struct eth_addr,
                              struct eth_addr mask);
void match_set_nd_target(struct match *, const struct in6_addr *);
void match_set_nd_target_masked(struct match *, const struct in6_addr *,
                                const struct in6_addr *);

/* Setters: L4. */
void match_set_tp_src(struct match *, be16);
void match_set_tp_src_masked(struct match *, be16 port, be16 mask);
void match_set_tp_dst(struct match *, be16);
void match_set_tp_dst_masked(struct match *, be16 port, be16 mask);
void match_set_tcp_flags(struct match *, be16);
void match_set_tcp_flags_masked(struct match *, be16 flags, be16 mask);
void match_set_icmp_type(struct match *, uint8_t);
void match_set_icmp_code(struct match *, uint8_t);

/* Prerequisites.  Wildcards every field whose prerequisites the match
 * does not guarantee (tp_dst without nw_proto, nw_src without eth_type,
 * ...), as ovs-ofctl's normalization does.  Returns true if the match
 * changed. */
bool match_clear_unmet_prereqs(struct match *);

/* Text. */

/* Appends 'match' to 's' as ovs-ofctl prints it: "priority=N," when
 * 'priority' is not MATCH_DEFAULT_PRIORITY (pass MATCH_DEFAULT_PRIORITY to
 * omit it), then a protocol shorthand if any ("tcp", "ipv6", "arp", ...),
 * then the fields in ovs-ofctl's order.  A catch-all match with the default
 * priority appends nothing. */
void match_format(const struct match *, struct ds *s, int priority);
/* Same, into a new malloc'd string. */
char *match_to_string(const struct match *, int priority);

/* A protocol shorthand of ovs-ofctl's syntax. */
struct match_protocol {
    const char *name;           /* "ip", "tcp6", "rarp", ... */
    uint16_t dl_type;           /* Host order. */
    uint8_t nw_proto;           /* 0: none. */
};
/* The shorthand named 'name' (case-sensitive like ovs-ofctl), or NULL. */
const struct match_protocol *match_protocol_from_name(const char *name);

/* Applies one item of a match list: a protocol shorthand ('value' must be
 * NULL or empty) or "FIELD=VALUE[/MASK]" ('name' is a field name or
 * alias).  Returns NULL or a malloc'd error in ovs-ofctl's wording, e.g.
 * "unknown keyword foo" (for unknown names the caller, which knows other
 * keywords such as "priority", may prefer its own message). */
char *match_parse_field(struct match *, const char *name, const char *value)
    SVS_WARN_UNUSED_RESULT;
/* Parses a comma- or space-separated list of such items ("tcp,
 * nw_src=10.0.0.0/8,tp_dst=80") into 'match' (initialized to catch-all
 * first).  Returns NULL or a malloc'd error. */
char *match_parse(struct match *, const char *s) SVS_WARN_UNUSED_RESULT;
/* Parses 's' as an exact flow, as ovs-ofctl compose-packet takes one:
 * protocol keywords and FIELD=VALUE items without masks, each field's
 * prerequisites met by the items before it, no field given twice.  Fields
 * not given are zero; in_port is OFPP_NONE unless given nonzero.  Returns
 * NULL or a malloc'd error message that starts with 's'. */
char *flow_parse_exact(struct flow *, const char *s) SVS_WARN_UNUSED_RESULT;

#endif /* match.h */
