/* nx-match.c: NXM and OXM encoding and decoding of matches. */
#include <config.h>
#include "nx-match.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "bitwise.h"
#include "dynamic-string.h"
#include "match.h"
#include "ofp-errors.h"
#include "ofpbuf.h"
#include "packets.h"
#include "util.h"

/* The cookie pseudo-field of NXM flow stats and flow mods. */
#define NXM_NX_COOKIE ((uint64_t) ((0x0001 << 16) | (30 << 9) | 8))

/* NXM_NX_COOKIE shares class and field number with NXM_NX_MPLS_TTL; the
 * length tells them apart. */
static bool
is_cookie_header(uint64_t header)
{
    return ((header & ~(uint64_t) 0x1ff) == (NXM_NX_COOKIE & ~0x1ffu)
            && nxm_payload_len(header) == (nxm_hasmask(header) ? 16 : 8));
}

/* Length of an ofp11_match_header (type, length). */
#define OXM_MATCH_HEADER_LEN 4

uint64_t
nxm_make_wild_header(uint64_t header)
{
    unsigned int payload = nxm_payload_len(header);

    if (nxm_hasmask(header)) {
        return header;
    }
    return (header & ~(uint64_t) 0xff) | (1u << 8)
           | (payload * 2 + (nxm_is_experimenter(header) ? 4 : 0));
}

uint64_t
nxm_make_exact_header(uint64_t header)
{
    unsigned int payload = nxm_payload_len(header);

    if (!nxm_hasmask(header)) {
        return header;
    }
    return (header & ~(uint64_t) 0x1ff)
           | (payload / 2 + (nxm_is_experimenter(header) ? 4 : 0));
}

uint64_t
mf_oxm_header(const struct mf_field *mf, uint8_t version)
{
    const struct mf_nxm_header *h = mf_nxm_header_for_version(mf, version);
    return h ? h->header : 0;
}

/* Writing. */

static void
put_header__(struct ofpbuf *b, uint64_t header)
{
    be32 h = htonl((uint32_t) header);

    ofpbuf_put(b, &h, 4);
    if (nxm_is_experimenter(header)) {
        be32 e = htonl(nxm_experimenter(header));
        ofpbuf_put(b, &e, 4);
    }
}

void
nx_put_header(struct ofpbuf *b, const struct mf_field *mf, uint8_t version,
              bool masked)
{
    uint64_t header = mf_oxm_header(mf, version);

    svs_assert(header);
    put_header__(b, masked ? nxm_make_wild_header(header) : header);
}

/* Appends an entry for 'mf' with 'value' and, if 'masked', 'mask'. */
static void
put_entry__(struct ofpbuf *b, const struct mf_field *mf, uint8_t version,
            const void *value, const void *mask, bool masked)
{
    nx_put_header(b, mf, version, masked);
    ofpbuf_put(b, value, mf->n_bytes);
    if (masked) {
        ofpbuf_put(b, mask, mf->n_bytes);
    }
}

/* The number of significant bytes of the 'n'-byte number at 'p'. */
static unsigned int
sig_len(const uint8_t *p, unsigned int n)
{
    return DIV_ROUND_UP(1 + bitwise_rscan(p, n, true, n * 8 - 1, -1), 8);
}

/* Appends an entry for the variable-length field 'mf' (tun_metadata) whose
 * value and mask are the last 'len' bytes of 'value' and 'mask'. */
static void
put_var_entry(struct ofpbuf *b, const struct mf_field *mf, uint8_t version,
              const uint8_t *value, const uint8_t *mask, unsigned int len)
{
    uint64_t header = mf_oxm_header(mf, version) & ~(uint64_t) 0x1ff;
    unsigned int skip = mf->n_bytes - len;

    svs_assert(header);
    put_header__(b, header | (mask ? 0x100 | 2 * len : len));
    ofpbuf_put(b, value + skip, len);
    if (mask) {
        ofpbuf_put(b, mask + skip, len);
    }
}

void
nx_put_entry(struct ofpbuf *b, const struct mf_field *mf, uint8_t version,
             const union mf_value *value, const union mf_value *mask)
{
    bool masked = mask && !mf_mask_is_exact(mf, mask);

    if (mf->variable_len) {
        /* As long as the value's (and mask's) significant bytes. */
        unsigned int len = sig_len(value->b, mf->n_bytes);
        if (masked) {
            len = MAX(len, sig_len(mask->b, mf->n_bytes));
        }
        put_var_entry(b, mf, version, value->b, masked ? mask->b : NULL,
                      len);
        return;
    }
    put_entry__(b, mf, version, value, mask, masked);
}

/* Puts the tun_metadata fields of 'match', each as long as the match
 * says, with a mask if it has one. */
static void
put_tun_metadata(struct ofpbuf *b, const struct match *match,
                 uint8_t version)
{
    for (uint64_t map = match_tun_metadata_map(match); map; map &= map - 1) {
        int i = __builtin_ctzll(map);
        const struct mf_field *mf = mf_from_id(MFF_TUN_METADATA(i));
        union mf_value value, mask;
        unsigned int len;
        bool masked;

        match_get_tun_metadata(match, i, value.b, mask.b, &len, &masked);
        put_var_entry(b, mf, version, value.b, masked ? mask.b : NULL, len);
    }
}

static bool
is_all_ones(const void *p_, size_t n)
{
    const uint8_t *p = p_;
    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0xff) {
            return false;
        }
    }
    return true;
}

static bool
is_all_zeros(const void *p_, size_t n)
{
    const uint8_t *p = p_;
    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

/* Whether a field with 'mask' goes on the wire without a mask, following
 * Open vSwitch's choices so that encodings are byte-identical: always for
 * fields that cannot be masked; for the others when the mask covers the
 * whole value, where "whole" means all of the wire width for tcp_flags,
 * ct_state and tun_flags, the two defined bits for ip_frag, and the
 * field's significant bits otherwise. */
static bool
wire_mask_is_exact(const struct mf_field *mf, const union mf_value *mask)
{
    if (mf->maskable == MFM_NONE || is_all_ones(mask, mf->n_bytes)) {
        return true;
    }
    switch (mf->id) {
    case MFF_TCP_FLAGS:
    case MFF_CT_STATE:
    case MFF_TUN_FLAGS:
        return false;
    case MFF_IP_FRAG:
        return (mask->u8 & FLOW_NW_FRAG_MASK) == FLOW_NW_FRAG_MASK;
    default:
        return mf_mask_is_exact(mf, mask);
    }
}

/* Puts field 'id' of 'match' if it is not wildcarded. */
static void
put_field(struct ofpbuf *b, const struct match *match, enum mf_field_id id,
          uint8_t version)
{
    const struct mf_field *mf = mf_from_id(id);
    union mf_value value, mask;

    if (!mf->n_headers || mf->variable_len) {
        return;
    }
    /* Most fields of a match are wildcarded: the mask alone says so. */
    mf_get_mask(mf, &match->wc, &mask);
    if (is_all_zeros(&mask, mf->n_bytes)) {
        return;
    }
    mf_get(mf, match, &value, &mask);
    put_entry__(b, mf, version, &value, &mask, !wire_mask_is_exact(mf, &mask));
}

/* Open vSwitch 3.1 sends these tunnel fields with their value as the mask
 * (and not at all when the value is zero).  svs does the same, so that
 * encodings stay byte-identical. */
static void
put_value_masked_field(struct ofpbuf *b, const struct match *match,
                       enum mf_field_id id, uint8_t version)
{
    const struct mf_field *mf = mf_from_id(id);
    union mf_value value, mask;

    mf_get(mf, match, &value, &mask);
    if (is_all_zeros(&mask, mf->n_bytes) || !value.u8) {
        return;
    }
    /* A value (so mask) of all-ones is a fully-masked one: sent exact. */
    put_entry__(b, mf, version, &value, &value,
                !is_all_ones(&value, mf->n_bytes));
}

static bool
flow_is_mpls(const struct flow *f)
{
    return (f->dl_type == htons(ETH_TYPE_MPLS)
            || f->dl_type == htons(ETH_TYPE_MPLS_MCAST));
}

static unsigned int read_header(const uint8_t *, size_t, uint64_t *);

/* Whether the entries in 'p' ('len' bytes, as encoded by oxm_put_raw())
 * include a field with prerequisites: every such field implies an
 * Ethernet packet (or at least a packet type to check), so that a
 * default packet_type=Ethernet need not be stated. */
static bool
entries_imply_ethernet(const uint8_t *p, size_t len)
{
    while (len) {
        uint64_t header;
        unsigned int hlen = read_header(p, len, &header);
        const struct mf_field *mf;
        size_t n;

        if (!hlen) {
            break;
        }
        mf = mf_from_nxm_header(header, NULL);
        if (mf && mf->prereqs != MFP_NONE) {
            return true;
        }
        n = 4 + nxm_length(header);
        if (n > len) {
            break;
        }
        p += n;
        len -= n;
    }
    return false;
}

static void
put_vlan(struct ofpbuf *b, const struct match *match, uint8_t version)
{
    be16 tci = match->flow.vlans[0].tci;
    be16 mask = match->wc.masks.vlans[0].tci;

    if (version < MF_OFP12) {
        put_field(b, match, MFF_VLAN_TCI, version);
        return;
    }

    /* OXM: VID (with OFPVID_PRESENT) and PCP. */
    {
        be16 vid = tci & htons(VLAN_VID_MASK | VLAN_CFI);
        be16 vid_mask = mask & htons(VLAN_VID_MASK | VLAN_CFI);

        if (vid_mask == htons(VLAN_VID_MASK | VLAN_CFI)) {
            put_entry__(b, mf_from_id(MFF_VLAN_VID), version, &vid, NULL,
                        false);
        } else if (vid_mask) {
            put_entry__(b, mf_from_id(MFF_VLAN_VID), version, &vid,
                        &vid_mask, true);
        }
        if (vid && (mask & htons(VLAN_PCP_MASK))) {
            uint8_t pcp = ntohs(tci) >> VLAN_PCP_SHIFT;
            put_entry__(b, mf_from_id(MFF_VLAN_PCP), version, &pcp, NULL,
                        false);
        }
    }
}

/* Puts the tunnel fields of 'match' (all of them in 'flow.tunnel'). */
static void
put_tunnel(struct ofpbuf *b, const struct match *match, uint8_t version)
{
    put_field(b, match, MFF_TUN_ID, version);
    put_field(b, match, MFF_TUN_FLAGS, version);
    put_field(b, match, MFF_TUN_SRC, version);
    put_field(b, match, MFF_TUN_DST, version);
    put_field(b, match, MFF_TUN_IPV6_SRC, version);
    put_field(b, match, MFF_TUN_IPV6_DST, version);
    put_field(b, match, MFF_TUN_GBP_ID, version);
    put_field(b, match, MFF_TUN_GBP_FLAGS, version);
    put_tun_metadata(b, match, version);
    put_field(b, match, MFF_TUN_ERSPAN_IDX, version);
    put_value_masked_field(b, match, MFF_TUN_ERSPAN_VER, version);
    put_value_masked_field(b, match, MFF_TUN_ERSPAN_DIR, version);
    put_value_masked_field(b, match, MFF_TUN_ERSPAN_HWID, version);
    put_value_masked_field(b, match, MFF_TUN_GTPU_FLAGS, version);
    put_value_masked_field(b, match, MFF_TUN_GTPU_MSGTYPE, version);
}

void
oxm_put_raw(struct ofpbuf *b, const struct match *match, uint8_t version)
{
    const struct flow *f = &match->flow;
    bool nxm = version < MF_OFP12;

    /* Metadata.  The packet type goes first in every version (NXM too,
     * with its OXM header), as Open vSwitch sends it.  An exact Ethernet
     * packet type (the default one) is left implicit when the match puts
     * a field with prerequisites (see the end of this function). */
    size_t start = b->size;
    bool default_pt = (match->wc.masks.packet_type == UINT32_MAX
                       && f->packet_type == htonl(PT_ETH));
    if (match->wc.masks.packet_type && !default_pt) {
        put_field(b, match, MFF_PACKET_TYPE, version);
    }
    put_field(b, match, MFF_DP_HASH, version);
    put_field(b, match, MFF_RECIRC_ID, version);
    put_field(b, match, MFF_CONJ_ID, version);
    put_field(b, match, nxm ? MFF_IN_PORT : MFF_IN_PORT_OXM, version);
    put_field(b, match, MFF_ACTSET_OUTPUT, version);

    /* L2. */
    put_field(b, match, MFF_ETH_SRC, version);
    put_field(b, match, MFF_ETH_DST, version);
    put_field(b, match, MFF_ETH_TYPE, version);
    put_vlan(b, match, version);

    /* L2.5: MPLS. */
    if (flow_is_mpls(f)) {
        put_field(b, match, MFF_MPLS_TC, version);
        put_field(b, match, MFF_MPLS_BOS, version);
        put_field(b, match, MFF_MPLS_TTL, version);
        put_field(b, match, MFF_MPLS_LABEL, version);
    }

    /* L3 and L4. */
    if (f->dl_type == htons(ETH_TYPE_IP)
        || f->dl_type == htons(ETH_TYPE_IPV6)) {
        bool ipv6 = f->dl_type == htons(ETH_TYPE_IPV6);

        if (ipv6) {
            put_field(b, match, MFF_IPV6_SRC, version);
            put_field(b, match, MFF_IPV6_DST, version);
            put_field(b, match, MFF_IP_FRAG, version);
        } else {
            put_field(b, match, MFF_IPV4_SRC, version);
            put_field(b, match, MFF_IPV4_DST, version);
            put_field(b, match, MFF_IP_FRAG, version);
        }
        if (match->wc.masks.nw_tos & IP_DSCP_MASK) {
            if (nxm) {
                put_field(b, match, MFF_IP_DSCP, version);
            } else {
                put_field(b, match, MFF_IP_DSCP_SHIFTED, version);
            }
        }
        if (match->wc.masks.nw_tos & IP_ECN_MASK) {
            put_field(b, match, MFF_IP_ECN, version);
        }
        put_field(b, match, MFF_IP_TTL, version);
        /* Open vSwitch puts the IPv6 flow label after the IP header fields
         * common to both versions. */
        if (ipv6) {
            put_field(b, match, MFF_IPV6_LABEL, version);
        }
        put_field(b, match, MFF_IP_PROTO, version);

        if (match->wc.masks.nw_proto) {
            switch (f->nw_proto) {
            case IP_PROTO_TCP:
                put_field(b, match, MFF_TCP_SRC, version);
                put_field(b, match, MFF_TCP_DST, version);
                put_field(b, match, MFF_TCP_FLAGS, version);
                break;
            case IP_PROTO_UDP:
                put_field(b, match, MFF_UDP_SRC, version);
                put_field(b, match, MFF_UDP_DST, version);
                break;
            case IP_PROTO_SCTP:
                put_field(b, match, MFF_SCTP_SRC, version);
                put_field(b, match, MFF_SCTP_DST, version);
                break;
            case IP_PROTO_ICMP:
                if (!ipv6) {
                    put_field(b, match, MFF_ICMPV4_TYPE, version);
                    put_field(b, match, MFF_ICMPV4_CODE, version);
                }
                break;
            case IP_PROTO_ICMPV6:
                if (ipv6) {
                    put_field(b, match, MFF_ICMPV6_TYPE, version);
                    put_field(b, match, MFF_ICMPV6_CODE, version);
                    if (f->tp_dst == htons(0)
                        && (f->tp_src == htons(ND_NEIGHBOR_SOLICIT)
                            || f->tp_src == htons(ND_NEIGHBOR_ADVERT))) {
                        put_field(b, match, MFF_ND_RESERVED, version);
                        put_field(b, match, MFF_ND_TARGET, version);
                        put_field(b, match, MFF_ND_OPTIONS_TYPE, version);
                        if (f->tp_src == htons(ND_NEIGHBOR_SOLICIT)) {
                            put_field(b, match, MFF_ND_SLL, version);
                        } else {
                            put_field(b, match, MFF_ND_TLL, version);
                        }
                    }
                }
                break;
            }
        }
    } else if (f->dl_type == htons(ETH_TYPE_ARP)
               || f->dl_type == htons(ETH_TYPE_RARP)) {
        if (match->wc.masks.nw_proto) {
            put_field(b, match, MFF_ARP_OP, version);
        }
        put_field(b, match, MFF_ARP_SPA, version);
        put_field(b, match, MFF_ARP_TPA, version);
        put_field(b, match, MFF_ARP_SHA, version);
        put_field(b, match, MFF_ARP_THA, version);
    }

    /* NSH.  Open vSwitch puts whatever NSH fields are matched, whatever
     * the Ethernet type and MD type (the decoder then checks the
     * prerequisites). */
    if (!is_all_zeros(&match->wc.masks.nsh, sizeof match->wc.masks.nsh)) {
        for (enum mf_field_id id = MFF_NSH_FLAGS; id <= MFF_NSH_C4; id++) {
            put_field(b, match, id, version);
        }
    }

    /* Tunnel. */
    if (!is_all_zeros(&match->wc.masks.tunnel,
                      sizeof match->wc.masks.tunnel)) {
        put_tunnel(b, match, version);
    }

    /* Registers. */
    if (is_all_zeros(match->wc.masks.regs, sizeof match->wc.masks.regs)) {
        /* None matched. */
    } else if (version < MF_OFP15) {
        for (int i = 0; i < FLOW_N_REGS; i++) {
            put_field(b, match, MFF_REG(i), version);
        }
    } else {
        for (int i = 0; i < FLOW_N_XREGS; i++) {
            put_field(b, match, MFF_XREG(i), version);
        }
    }

    /* Packet mark and connection tracking. */
    put_field(b, match, MFF_PKT_MARK, version);
    put_field(b, match, MFF_CT_STATE, version);
    put_field(b, match, MFF_CT_ZONE, version);
    put_field(b, match, MFF_CT_MARK, version);
    put_field(b, match, MFF_CT_LABEL, version);
    put_field(b, match, MFF_CT_NW_SRC, version);
    put_field(b, match, MFF_CT_NW_DST, version);
    put_field(b, match, MFF_CT_IPV6_SRC, version);
    put_field(b, match, MFF_CT_IPV6_DST, version);
    put_field(b, match, MFF_CT_NW_PROTO, version);
    if (match->wc.masks.ct_nw_proto) {
        put_field(b, match, MFF_CT_TP_SRC, version);
        put_field(b, match, MFF_CT_TP_DST, version);
    }

    /* OpenFlow metadata. */
    put_field(b, match, MFF_METADATA, version);

    if (default_pt
        && !entries_imply_ethernet((const uint8_t *) b->data + start,
                                   b->size - start)) {
        struct ofpbuf pt;
        uint64_t stub[2];

        ofpbuf_use_stack(&pt, stub, sizeof stub);
        put_field(&pt, match, MFF_PACKET_TYPE, version);
        ofpbuf_insert(b, start, pt.data, pt.size);
        ofpbuf_uninit(&pt);
    }
}

int
nx_put_match(struct ofpbuf *b, const struct match *match, be64 cookie,
             be64 cookie_mask)
{
    size_t start = b->size;
    int match_len;

    oxm_put_raw(b, match, MF_OFP10);
    if (cookie_mask) {
        bool masked = cookie_mask != UINT64_MAX;

        put_header__(b, masked ? nxm_make_wild_header(NXM_NX_COOKIE)
                     : NXM_NX_COOKIE);
        cookie &= cookie_mask;
        ofpbuf_put(b, &cookie, 8);
        if (masked) {
            ofpbuf_put(b, &cookie_mask, 8);
        }
    }
    match_len = b->size - start;
    ofpbuf_put_zeros(b, ROUND_UP(match_len, 8) - match_len);
    return match_len;
}

int
oxm_put_match(struct ofpbuf *b, const struct match *match, uint8_t version)
{
    size_t start = b->size;
    uint8_t *hdr;
    int match_len;

    ofpbuf_put_zeros(b, OXM_MATCH_HEADER_LEN);
    oxm_put_raw(b, match, version);
    match_len = b->size - start;
    hdr = (uint8_t *) b->data + start;
    hdr[0] = 0;
    hdr[1] = OFPMT_OXM;
    hdr[2] = match_len >> 8;
    hdr[3] = match_len;
    ofpbuf_put_zeros(b, ROUND_UP(match_len, 8) - match_len);
    return match_len;
}

/* Reading. */

/* Reads a header at 'p' ('len' bytes available).  Returns the header
 * length (4 or 8) or 0 if truncated. */
static unsigned int
read_header(const uint8_t *p, size_t len, uint64_t *header)
{
    uint32_t h;

    if (len < 4) {
        return 0;
    }
    h = ((uint32_t) p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
    *header = h;
    if ((h >> 16) == 0xffff) {
        uint32_t e;

        if (len < 8 || (h & 0xff) < 4) {
            return 0;
        }
        e = ((uint32_t) p[4] << 24) | (p[5] << 16) | (p[6] << 8) | p[7];
        *header |= (uint64_t) e << 32;
        return 8;
    }
    return 4;
}

enum ofperr
nx_pull_header(struct ofpbuf *b, const struct mf_field **mfp, bool *masked,
               uint64_t *headerp)
{
    uint64_t header;
    unsigned int hlen = read_header(b->data, b->size, &header);
    const struct mf_field *mf;

    if (mfp) {
        *mfp = NULL;
    }
    if (!hlen) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    ofpbuf_pull(b, hlen);
    if (headerp) {
        *headerp = header;
    }
    if (masked) {
        *masked = nxm_hasmask(header);
    }
    if (nxm_length(header) == 0 || (nxm_hasmask(header)
                                    && nxm_payload_len(header) % 2)) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    mf = mf_from_nxm_header(header, NULL);
    if (!mf) {
        return OFPERR_OFPBMC_BAD_FIELD;
    }
    if (mfp) {
        *mfp = mf;
    }
    return 0;
}

/* Pulls one entry.  On success '*mfp' is the field (NULL for the cookie
 * pseudo-field, whose value and mask then occupy the first 8 bytes of
 * 'value' and 'mask').  For an unknown field the entry is still consumed
 * (when its length is sane) and OFPBMC_BAD_FIELD returned. */
static enum ofperr
pull_entry__(struct ofpbuf *b, const struct mf_field **mfp,
             union mf_value *value, union mf_value *mask, uint64_t *headerp,
             bool *is_cookie)
{
    uint64_t header;
    unsigned int hlen = read_header(b->data, b->size, &header);
    unsigned int payload, width;
    const struct mf_field *mf;
    const uint8_t *p;
    bool masked;

    *mfp = NULL;
    *is_cookie = false;
    if (!hlen) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    if (headerp) {
        *headerp = header;
    }
    payload = nxm_payload_len(header);
    if (nxm_is_experimenter(header) && nxm_length(header) < 4) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    masked = nxm_hasmask(header);
    mf = mf_from_nxm_header(header, NULL);
    if ((!payload && !(mf && mf->variable_len)) || (masked && payload % 2)
        || b->size < hlen + payload) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    p = (const uint8_t *) b->data + hlen;
    ofpbuf_pull(b, hlen + payload);
    width = masked ? payload / 2 : payload;

    memset(value, 0, sizeof *value);
    memset(mask, 0xff, sizeof *mask);
    if (is_cookie_header(header)) {
        memcpy(value, p, 8);
        if (masked) {
            memcpy(mask, p + 8, 8);
        }
        *is_cookie = true;
        return 0;
    }

    mf = mf_from_nxm_header(header, NULL);
    if (!mf) {
        return OFPERR_OFPBMC_BAD_FIELD;
    }
    if (mf->variable_len) {
        /* Any length up to 127 bytes, as Open vSwitch takes it: the first
         * n_bytes of a longer value, right-aligned. */
        if (!masked && width >= 128) {
            return OFPERR_OFPBMC_BAD_FIELD;
        }
        *mfp = mf;
        return nx_read_entry_value(mf, p, width, masked, value, mask);
    }
    if (width != mf->n_bytes) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    *mfp = mf;
    memcpy(value, p, width);
    if (masked) {
        memset(mask, 0, sizeof *mask);
        memcpy(mask, p + width, width);
        if (mf->maskable == MFM_NONE && !mf_mask_is_exact(mf, mask)
            && !is_all_ones(mask, width)) {
            return OFPERR_OFPBMC_BAD_MASK;
        }
        for (unsigned int i = 0; i < width; i++) {
            if (value->b[i] & ~mask->b[i]) {
                return OFPERR_OFPBMC_BAD_WILDCARDS;
            }
        }
    } else {
        memset(mask, 0, sizeof *mask);
        memset(mask, 0xff, width);
    }
    if (!mf_is_value_valid(mf, value)) {
        return OFPERR_OFPBMC_BAD_VALUE;
    }
    return 0;
}

enum ofperr
nx_pull_entry(struct ofpbuf *b, const struct mf_field **mfp,
              union mf_value *value, union mf_value *mask, uint64_t *header)
{
    const struct mf_field *mf;
    union mf_value v, m;
    bool is_cookie;
    int error;

    error = pull_entry__(b, &mf, value ? value : &v, mask ? mask : &m,
                         header, &is_cookie);
    if (!error && is_cookie) {
        error = OFPERR_OFPBMC_BAD_FIELD;
    }
    if (mfp) {
        *mfp = mf;
    }
    return error;
}

enum ofperr
nx_read_entry_value(const struct mf_field *mf, const uint8_t *p, unsigned int w,
                  bool masked, union mf_value *value, union mf_value *mask)
{
    unsigned int n = MIN(w, mf->n_bytes);
    unsigned int skip = mf->n_bytes - n;

    memset(value, 0, sizeof *value);
    memset(mask, 0, sizeof *mask);
    memcpy(&value->b[skip], p, n);
    if (!masked) {
        memset(mask, 0xff, mf->n_bytes);
        return 0;
    }
    memcpy(&mask->b[skip], p + w, n);
    for (unsigned int i = skip; i < mf->n_bytes; i++) {
        if (value->b[i] & ~mask->b[i]) {
            return OFPERR_OFPBMC_BAD_WILDCARDS;
        }
    }
    return 0;
}

/* Whether 'mf' may appear in the pipeline metadata of a packet-in. */
static bool
is_pipeline_field(const struct mf_field *mf)
{
    return mf->id < MFF_ETH_SRC && mf->id != MFF_PACKET_TYPE;
}

/* Decodes the 'len' bytes of entries at 'p' into 'match' (already
 * initialized). */
static enum ofperr
pull_raw(const uint8_t *p, size_t len, bool strict,
         bool pipeline_fields_only, struct match *match, be64 *cookie,
         be64 *cookie_mask)
{
    struct ofpbuf b = OFPBUF_CONST_INITIALIZER(p, len);

    while (b.size) {
        const struct mf_field *mf;
        union mf_value value, mask;
        bool is_cookie;
        enum ofperr error;

        error = pull_entry__(&b, &mf, &value, &mask, NULL, &is_cookie);
        if (error) {
            if (error == OFPERR_OFPBMC_BAD_FIELD && !strict) {
                continue;
            }
            return error;
        }
        if (is_cookie) {
            if (!cookie) {
                if (!strict) {
                    continue;
                }
                return OFPERR_OFPBMC_BAD_FIELD;
            } else if (*cookie_mask) {
                return OFPERR_OFPBMC_DUP_FIELD;
            }
            memcpy(cookie, &value, 8);
            memcpy(cookie_mask, &mask, 8);
            *cookie &= *cookie_mask;
            continue;
        }
        if (pipeline_fields_only && !is_pipeline_field(mf)) {
            return OFPERR_OFPBMC_BAD_FIELD;
        }
        if (!mf_are_match_prereqs_ok(mf, match) && strict) {
            return OFPERR_OFPBMC_BAD_PREREQ;
        }
        /* Checking a packet prerequisite consults the packet type, which
         * Open vSwitch records in the match (the encoder leaves it out
         * again when Ethernet fields imply it, and datapath flows show it
         * as "eth").  The loose decoder keeps fields whose prerequisites
         * fail; the encoder then omits them.  Both are mirrored here so
         * that decoding and re-encoding give Open vSwitch's bytes. */
        if (mf->prereqs != MFP_NONE && mf->prereqs != MFP_CT_VALID
            && !match->wc.masks.packet_type) {
            match->wc.masks.packet_type = UINT32_MAX;
        }
        if (!mf_is_all_wild(mf, &match->wc)) {
            return OFPERR_OFPBMC_DUP_FIELD;
        }
        char *err_str;
        mf_set(mf, &value, &mask, match, &err_str);
        if (err_str) {
            /* The options' total length is too large. */
            free(err_str);
            return OFPERR_OFPBMC_BAD_VALUE;
        }
    }
    return 0;
}

static enum ofperr
nx_pull_match__(struct ofpbuf *b, unsigned int match_len, bool strict,
                struct match *match, be64 *cookie, be64 *cookie_mask,
                bool pipeline_fields_only)
{
    const uint8_t *p = NULL;

    match_init_catchall(match);
    if (cookie) {
        *cookie = *cookie_mask = 0;
    }
    if (match_len) {
        p = ofpbuf_try_pull(b, ROUND_UP(match_len, 8));
        if (!p) {
            return OFPERR_OFPBMC_BAD_LEN;
        }
    }
    return pull_raw(p, match_len, strict, pipeline_fields_only, match,
                    cookie, cookie_mask);
}

enum ofperr
nx_pull_match(struct ofpbuf *b, unsigned int match_len, struct match *match,
              be64 *cookie, be64 *cookie_mask, bool pipeline_fields_only)
{
    return nx_pull_match__(b, match_len, true, match, cookie, cookie_mask,
                           pipeline_fields_only);
}

enum ofperr
nx_pull_match_loose(struct ofpbuf *b, unsigned int match_len,
                    struct match *match, be64 *cookie, be64 *cookie_mask,
                    bool pipeline_fields_only)
{
    return nx_pull_match__(b, match_len, false, match, cookie, cookie_mask,
                           pipeline_fields_only);
}

static enum ofperr
oxm_pull_match__(struct ofpbuf *b, bool strict, bool pipeline_fields_only,
                 struct match *match)
{
    const uint8_t *hdr = b->size >= OXM_MATCH_HEADER_LEN ? b->data : NULL;
    unsigned int match_len;
    const uint8_t *p;

    match_init_catchall(match);
    if (!hdr) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    match_len = (hdr[2] << 8) | hdr[3];
    if (match_len < OXM_MATCH_HEADER_LEN) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    if (((hdr[0] << 8) | hdr[1]) != OFPMT_OXM) {
        return OFPERR_OFPBMC_BAD_TYPE;
    }
    p = ofpbuf_try_pull(b, ROUND_UP(match_len, 8));
    if (!p) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    return pull_raw(p + OXM_MATCH_HEADER_LEN,
                    match_len - OXM_MATCH_HEADER_LEN, strict,
                    pipeline_fields_only, match, NULL, NULL);
}

enum ofperr
oxm_pull_match(struct ofpbuf *b, bool pipeline_fields_only,
               struct match *match)
{
    return oxm_pull_match__(b, true, pipeline_fields_only, match);
}

enum ofperr
oxm_pull_match_loose(struct ofpbuf *b, bool pipeline_fields_only,
                     struct match *match)
{
    return oxm_pull_match__(b, false, pipeline_fields_only, match);
}

enum ofperr
oxm_decode_match(const void *p, size_t len, bool loose, struct match *match)
{
    match_init_catchall(match);
    return pull_raw(p, len, !loose, false, match, NULL, NULL);
}

/* Text. */

/* The name of 'header' (without "_W"), or NULL if unknown. */
static const char *
header_name(uint64_t header)
{
    const struct mf_nxm_header *h;

    if (is_cookie_header(header)) {
        return "NXM_NX_COOKIE";
    }
    return mf_from_nxm_header(header, &h) ? h->name : NULL;
}

void
nx_format_field_name(const struct mf_field *mf, uint8_t version,
                     struct ds *s)
{
    const struct mf_nxm_header *h = mf_nxm_header_for_version(mf, version);
    ds_put_cstr(s, h ? h->name : mf->name);
}

static void
format_hex(struct ds *s, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ds_put_format(s, "%02"PRIx8, p[i]);
    }
}

/* Appends, for the 'w' bytes at 'p' of variable-length field 'mf', the
 * first 'w' bytes of the field's n_bytes with those bytes right-aligned
 * in it (and zeros past n_bytes). */
static void
format_var_value(struct ds *s, const struct mf_field *mf, const uint8_t *p,
                 unsigned int w)
{
    unsigned int n = MIN(w, mf->n_bytes);
    unsigned int start = mf->n_bytes - n;

    for (unsigned int i = 0; i < w; i++) {
        ds_put_format(s, "%02"PRIx8, i >= start && i < mf->n_bytes
                      ? p[i - start] : 0);
    }
}

/* Appends the entries in 'p' (of 'len' bytes) to 's'. */
static void
format_entries(struct ds *s, const uint8_t *p, size_t len)
{
    size_t start_len = s->length;

    while (len) {
        uint64_t header;
        unsigned int hlen = read_header(p, len, &header);
        unsigned int payload;
        const char *name;

        if (!hlen) {
            break;
        }
        payload = nxm_payload_len(header);
        if (nxm_is_experimenter(header) && nxm_length(header) < 4) {
            break;
        }
        if (len < hlen + payload) {
            break;
        }
        if (s->length > start_len) {
            ds_put_cstr(s, ", ");
        }
        name = header_name(header);
        if (name) {
            ds_put_format(s, "%s%s", name, nxm_hasmask(header) ? "_W" : "");
        } else if (nxm_is_experimenter(header)) {
            ds_put_format(s, "%"PRIu32":%d:%d:%d:%d",
                          nxm_experimenter(header), nxm_class(header),
                          nxm_field(header), nxm_hasmask(header),
                          nxm_length(header));
        } else {
            ds_put_format(s, "%d:%d:%d:%d", nxm_class(header),
                          nxm_field(header), nxm_hasmask(header),
                          nxm_length(header));
        }
        ds_put_char(s, '(');
        const struct mf_field *mf = mf_from_nxm_header(header, NULL);
        if (mf && mf->variable_len) {
            /* Open vSwitch prints as many bytes as the entry has, but from
             * the start of the field's whole width, where the value sits
             * right-aligned: leading zeros, mostly. */
            unsigned int w = nxm_hasmask(header) ? payload / 2 : payload;
            format_var_value(s, mf, p + hlen, w);
            if (nxm_hasmask(header)) {
                ds_put_char(s, '/');
                format_var_value(s, mf, p + hlen + w, w);
            }
        } else if (nxm_hasmask(header)) {
            format_hex(s, p + hlen, payload / 2);
            ds_put_char(s, '/');
            format_hex(s, p + hlen + payload / 2, payload / 2);
        } else {
            format_hex(s, p + hlen, payload);
        }
        ds_put_char(s, ')');
        p += hlen + payload;
        len -= hlen + payload;
    }
    if (len) {
        if (s->length > start_len) {
            ds_put_cstr(s, ", ");
        }
        ds_put_format(s, "<%zu invalid bytes>", len);
    }
}

char *
nx_match_to_string(const uint8_t *p, unsigned int match_len)
{
    struct ds s;

    if (!match_len) {
        return xstrdup("<any>");
    }
    ds_init(&s);
    format_entries(&s, p, match_len);
    return ds_steal_cstr(&s);
}

char *
oxm_match_to_string(const struct ofpbuf *b, unsigned int match_len)
{
    const uint8_t *p = b->data;
    struct ds s;

    if (match_len < OXM_MATCH_HEADER_LEN || b->size < match_len) {
        return xasprintf("<%u invalid bytes>", match_len);
    }
    if (((p[0] << 8) | p[1]) != OFPMT_OXM
        || (unsigned int) ((p[2] << 8) | p[3]) != match_len) {
        return xstrdup("<bad OXM match header>");
    }
    if (match_len == OXM_MATCH_HEADER_LEN) {
        return xstrdup("<any>");
    }
    ds_init(&s);
    format_entries(&s, p + OXM_MATCH_HEADER_LEN,
                   match_len - OXM_MATCH_HEADER_LEN);
    return ds_steal_cstr(&s);
}

/* Looks up a header by name ("NXM_OF_ETH_SRC", "..._W"). */
static bool
header_from_name(const char *name, size_t len, uint64_t *header)
{
    bool masked = false;

    if (len == 13 && !memcmp(name, "NXM_NX_COOKIE", 13)) {
        *header = NXM_NX_COOKIE;
        return true;
    }
    if (len == 15 && !memcmp(name, "NXM_NX_COOKIE_W", 15)) {
        *header = nxm_make_wild_header(NXM_NX_COOKIE);
        return true;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < MFF_N_IDS; i++) {
            const struct mf_field *mf = mf_from_id(i);

            for (size_t j = 0; j < mf->n_headers; j++) {
                const char *hn = mf->headers[j].name;

                if (strlen(hn) == len && !memcmp(hn, name, len)) {
                    *header = mf->headers[j].header;
                    if (masked) {
                        *header = nxm_make_wild_header(*header);
                    }
                    return true;
                }
            }
        }
        /* Second pass: "_W" names of maskable fields. */
        if (len > 2 && !memcmp(name + len - 2, "_W", 2)) {
            const struct mf_field *mf;
            uint64_t h;

            masked = true;
            len -= 2;
            if (header_from_name(name, len, &h)) {
                mf = mf_from_nxm_header(h, NULL);
                if ((mf && mf->maskable == MFM_FULLY)
                    || h == NXM_NX_COOKIE) {
                    *header = nxm_make_wild_header(h);
                    return true;
                }
            }
            return false;
        }
        break;
    }
    return false;
}

/* Parses hex digits at '*sp' into exactly 'n' bytes, advancing '*sp'. */
static char *
parse_hex_bytes(const char **sp, uint8_t *out, size_t n)
{
    const char *s = *sp;
    size_t i = 0;

    while (isxdigit((unsigned char) s[0]) && isxdigit((unsigned char) s[1])
           && i < n) {
        char buf[3] = { s[0], s[1], 0 };
        out[i++] = strtoul(buf, NULL, 16);
        s += 2;
    }
    if (i != n) {
        return xasprintf("expected to read %zu bytes but got %zu", n, i);
    }
    *sp = s;
    return NULL;
}

static char *
match_from_string__(const char *s_, struct ofpbuf *b)
{
    const char *s = s_;

    if (!strcmp(s, "<any>")) {
        return NULL;
    }
    for (s += strspn(s, ", \t\r\n"); *s; s += strspn(s, ", \t\r\n")) {
        const char *name = s;
        size_t name_len = strcspn(s, "(");
        uint64_t header;
        unsigned int payload;
        uint8_t buf[32];
        char *error;

        if (!s[name_len]) {
            return xasprintf("%s: missing ( at end of nx_match", s_);
        }
        if (!header_from_name(name, name_len, &header)) {
            return xasprintf("%s: unknown field `%.*s'", s_,
                             (int) name_len, name);
        }
        s += name_len + 1;
        payload = nxm_payload_len(header);
        put_header__(b, header);
        if (nxm_hasmask(header)) {
            error = parse_hex_bytes(&s, buf, payload / 2);
            if (error) {
                return error;
            }
            if (*s != '/') {
                return xasprintf("%s: missing / in masked field %.*s", s_,
                                 (int) name_len, name);
            }
            s++;
            error = parse_hex_bytes(&s, buf + payload / 2, payload / 2);
        } else {
            error = parse_hex_bytes(&s, buf, payload);
        }
        if (error) {
            return error;
        }
        if (*s != ')') {
            return xasprintf("%s: missing ) following field %.*s", s_,
                             (int) name_len, name);
        }
        s++;
        ofpbuf_put(b, buf, payload);
    }
    return NULL;
}

char *
nx_match_from_string(const char *s, struct ofpbuf *b, int *match_len)
{
    size_t start = b->size;
    char *error = match_from_string__(s, b);

    if (error) {
        ofpbuf_truncate(b, start);
        return error;
    }
    *match_len = b->size - start;
    ofpbuf_put_zeros(b, ROUND_UP(*match_len, 8) - *match_len);
    return NULL;
}

char *
oxm_match_from_string(const char *s, struct ofpbuf *b, int *match_len)
{
    size_t start = b->size;
    uint8_t *hdr;
    char *error;

    ofpbuf_put_zeros(b, OXM_MATCH_HEADER_LEN);
    error = match_from_string__(s, b);
    if (error) {
        ofpbuf_truncate(b, start);
        return error;
    }
    *match_len = b->size - start;
    hdr = (uint8_t *) b->data + start;
    hdr[1] = OFPMT_OXM;
    hdr[2] = *match_len >> 8;
    hdr[3] = *match_len;
    ofpbuf_put_zeros(b, ROUND_UP(*match_len, 8) - *match_len);
    return NULL;
}
