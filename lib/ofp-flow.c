/* ofp-flow.c: OpenFlow flow messages (see ofp-flow.h). */
#include <config.h>
#include "ofp-flow.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "meta-flow.h"
#include "nx-match.h"
#include "ofp-actions.h"
#include "ofp-msgs.h"
#include "ofp-port.h"
#include "ofp-print.h"
#include "ofp-table.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "packets.h"
#include "util.h"

/* OpenFlow 1.1 standard match wildcard bits. */
#define OFPFW11_IN_PORT     (1u << 0)
#define OFPFW11_DL_VLAN     (1u << 1)
#define OFPFW11_DL_VLAN_PCP (1u << 2)
#define OFPFW11_DL_TYPE     (1u << 3)
#define OFPFW11_NW_TOS      (1u << 4)
#define OFPFW11_NW_PROTO    (1u << 5)
#define OFPFW11_TP_SRC      (1u << 6)
#define OFPFW11_TP_DST      (1u << 7)
#define OFPFW11_MPLS_LABEL  (1u << 8)
#define OFPFW11_MPLS_TC     (1u << 9)
#define OFPFW11_ALL         ((1u << 10) - 1)
#define OFPVID11_ANY  0xfffe
#define OFPVID11_NONE 0xffff

/* The "not an Ethernet type" value of OpenFlow 1.0 dl_type. */
#define OFP_DL_TYPE_NOT_ETH_TYPE 0x05ff

static bool
eth_is_zero(struct eth_addr a)
{
    static const struct eth_addr zero;
    return !memcmp(&a, &zero, sizeof a);
}

static struct eth_addr
eth_invert(struct eth_addr a)
{
    for (size_t i = 0; i < sizeof a.ea; i++) {
        a.ea[i] = ~a.ea[i];
    }
    return a;
}

/* Number of wildcarded low bits of IPv4 netmask 'mask' (32 for zero,
 * 0 for all-ones); 'mask' must be CIDR. */
static int
netmask_to_wcbits(be32 mask)
{
    return 32 - ip_count_cidr_bits(mask);
}

static be32
wcbits_to_netmask(int wcbits)
{
    wcbits &= 0x3f;
    return wcbits < 32 ? htonl(~((1u << wcbits) - 1)) : htonl(0);
}

/* ---- OpenFlow 1.0 match. ---- */

void
ofputil_match_from_ofp10_match(const struct ofp10_match *om,
                               struct match *match)
{
    uint32_t wc = ntohl(om->wildcards) & OFPFW10_ALL;

    match_init_catchall(match);
    if (!(wc & OFPFW10_IN_PORT)) {
        match_set_in_port(match, ntohs(om->in_port));
    }
    if (!(wc & OFPFW10_DL_SRC)) {
        match_set_dl_src(match, om->dl_src);
    }
    if (!(wc & OFPFW10_DL_DST)) {
        match_set_dl_dst(match, om->dl_dst);
    }
    if (!(wc & OFPFW10_DL_TYPE)) {
        match_set_dl_type(match, om->dl_type);
    }
    if (!(wc & OFPFW10_NW_TOS)) {
        match_set_nw_dscp(match, om->nw_tos);
    }
    if (!(wc & OFPFW10_NW_PROTO)) {
        match_set_nw_proto(match, om->nw_proto);
    }
    if (!(wc & OFPFW10_TP_SRC)) {
        match_set_tp_src(match, om->tp_src);
    }
    if (!(wc & OFPFW10_TP_DST)) {
        match_set_tp_dst(match, om->tp_dst);
    }
    match_set_nw_src_masked(match, om->nw_src,
                            wcbits_to_netmask(wc >> OFPFW10_NW_SRC_SHIFT));
    match_set_nw_dst_masked(match, om->nw_dst,
                            wcbits_to_netmask(wc >> OFPFW10_NW_DST_SHIFT));

    /* VLAN: dl_vlan 0xffff means "no tag" (regardless of the PCP). */
    uint16_t tci_mask = 0;
    if (!(wc & OFPFW10_DL_VLAN)) {
        tci_mask |= VLAN_VID_MASK | VLAN_CFI;
    }
    if (!(wc & OFPFW10_DL_VLAN_PCP)) {
        tci_mask |= VLAN_PCP_MASK | VLAN_CFI;
    }
    if (!(wc & OFPFW10_DL_VLAN) && om->dl_vlan == htons(OFP10_VLAN_NONE)) {
        match_set_dl_tci_masked(match, htons(0), htons(0xffff));
    } else if (tci_mask) {
        uint16_t tci = (ntohs(om->dl_vlan) & VLAN_VID_MASK)
                       | ((om->dl_vlan_pcp << VLAN_PCP_SHIFT) & VLAN_PCP_MASK)
                       | VLAN_CFI;
        match_set_dl_tci_masked(match, htons(tci), htons(tci_mask));
    }
    match_zero_wildcarded_fields(match);
}

void
ofputil_match_to_ofp10_match(const struct match *match,
                             struct ofp10_match *om)
{
    const struct flow_wildcards *wc = &match->wc;
    uint16_t tci_mask = ntohs(wc->masks.vlans[0].tci);
    uint16_t tci = ntohs(match->flow.vlans[0].tci);
    uint32_t ofpfw = 0;

    memset(om, 0, sizeof *om);
    if (!wc->masks.in_port) {
        ofpfw |= OFPFW10_IN_PORT;
    }
    if (!tci_mask) {
        ofpfw |= OFPFW10_DL_VLAN | OFPFW10_DL_VLAN_PCP;
    } else if (tci_mask & VLAN_CFI && !(tci & VLAN_CFI)) {
        om->dl_vlan = htons(OFP10_VLAN_NONE);
    } else {
        if (!(tci_mask & VLAN_VID_MASK)) {
            ofpfw |= OFPFW10_DL_VLAN;
        } else {
            om->dl_vlan = htons(tci & VLAN_VID_MASK);
        }
        if (!(tci_mask & VLAN_PCP_MASK)) {
            ofpfw |= OFPFW10_DL_VLAN_PCP;
        } else {
            om->dl_vlan_pcp = (tci & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT;
        }
    }
    if (eth_is_zero(wc->masks.dl_src)) {
        ofpfw |= OFPFW10_DL_SRC;
    }
    if (eth_is_zero(wc->masks.dl_dst)) {
        ofpfw |= OFPFW10_DL_DST;
    }
    if (!wc->masks.dl_type) {
        ofpfw |= OFPFW10_DL_TYPE;
    }
    ofpfw |= netmask_to_wcbits(wc->masks.nw_src) << OFPFW10_NW_SRC_SHIFT;
    ofpfw |= netmask_to_wcbits(wc->masks.nw_dst) << OFPFW10_NW_DST_SHIFT;
    if (!(wc->masks.nw_tos & IP_DSCP_MASK)) {
        ofpfw |= OFPFW10_NW_TOS;
    }
    if (!wc->masks.nw_proto) {
        ofpfw |= OFPFW10_NW_PROTO;
    }
    if (!wc->masks.tp_src) {
        ofpfw |= OFPFW10_TP_SRC;
    }
    if (!wc->masks.tp_dst) {
        ofpfw |= OFPFW10_TP_DST;
    }

    om->wildcards = htonl(ofpfw);
    om->in_port = htons(match->flow.in_port);
    om->dl_src = match->flow.dl_src;
    om->dl_dst = match->flow.dl_dst;
    om->dl_type = match->flow.dl_type;
    om->nw_src = match->flow.nw_src;
    om->nw_dst = match->flow.nw_dst;
    om->nw_tos = match->flow.nw_tos & IP_DSCP_MASK;
    om->nw_proto = match->flow.nw_proto;
    om->tp_src = match->flow.tp_src;
    om->tp_dst = match->flow.tp_dst;
}

static void
format_wild_eth(struct ds *s, const char *name, bool wild,
                struct eth_addr ea)
{
    if (wild) {
        ds_put_format(s, "%s=*,", name);
    } else {
        ds_put_format(s, "%s="ETH_ADDR_FMT",", name, ETH_ADDR_ARGS(ea));
    }
}

static void
format_wild_u(struct ds *s, const char *name, bool wild, const char *fmt,
              unsigned int value)
{
    if (wild) {
        ds_put_format(s, "%s=*,", name);
    } else {
        ds_put_format(s, "%s=", name);
        ds_put_format(s, fmt, value);
        ds_put_char(s, ',');
    }
}

static void
format_ip_netmask(struct ds *s, const char *name, be32 ip, int wcbits)
{
    if (wcbits >= 32) {
        ds_put_format(s, "%s=*,", name);
        return;
    }
    ds_put_format(s, "%s="IP_FMT, name, IP_ARGS(ip));
    if (wcbits) {
        ds_put_format(s, "/%d", 32 - wcbits);
    }
    ds_put_char(s, ',');
}

void
ofputil_ofp10_match_format(struct ds *s, const struct ofp10_match *om,
                           int verbosity)
{
    uint32_t w = ntohl(om->wildcards);
    bool skip_type = false;
    bool skip_proto = false;

    if (!(w & OFPFW10_DL_TYPE)) {
        uint16_t dl_type = ntohs(om->dl_type);
        skip_type = true;
        if (dl_type == ETH_TYPE_IP) {
            if (!(w & OFPFW10_NW_PROTO)) {
                skip_proto = true;
                switch (om->nw_proto) {
                case 1: ds_put_cstr(s, "icmp,"); break;
                case 6: ds_put_cstr(s, "tcp,"); break;
                case 17: ds_put_cstr(s, "udp,"); break;
                case 132: ds_put_cstr(s, "sctp,"); break;
                default:
                    ds_put_cstr(s, "ip,");
                    skip_proto = false;
                    break;
                }
            } else {
                ds_put_cstr(s, "ip,");
            }
        } else if (dl_type == ETH_TYPE_ARP) {
            ds_put_cstr(s, "arp,");
        } else if (dl_type == 0x8035) {
            ds_put_cstr(s, "rarp,");
        } else if (dl_type == ETH_TYPE_MPLS) {
            ds_put_cstr(s, "mpls,");
        } else if (dl_type == ETH_TYPE_MPLS_MCAST) {
            ds_put_cstr(s, "mplsm,");
        } else {
            skip_type = false;
        }
    }
    if (w & OFPFW10_IN_PORT) {
        ds_put_cstr(s, "in_port=*,");
    } else {
        ds_put_cstr(s, "in_port=");
        ofputil_format_port(ntohs(om->in_port), s);
        ds_put_char(s, ',');
    }
    format_wild_u(s, "dl_vlan", w & OFPFW10_DL_VLAN, "%u",
                  ntohs(om->dl_vlan));
    format_wild_u(s, "dl_vlan_pcp", w & OFPFW10_DL_VLAN_PCP, "%u",
                  om->dl_vlan_pcp);
    format_wild_eth(s, "dl_src", w & OFPFW10_DL_SRC, om->dl_src);
    format_wild_eth(s, "dl_dst", w & OFPFW10_DL_DST, om->dl_dst);
    if (!skip_type) {
        format_wild_u(s, "dl_type", w & OFPFW10_DL_TYPE, "0x%04x",
                      ntohs(om->dl_type));
    }
    format_ip_netmask(s, "nw_src", om->nw_src,
                      (w & OFPFW10_NW_SRC_MASK) >> OFPFW10_NW_SRC_SHIFT);
    format_ip_netmask(s, "nw_dst", om->nw_dst,
                      (w & OFPFW10_NW_DST_MASK) >> OFPFW10_NW_DST_SHIFT);
    if (!skip_proto) {
        if (om->dl_type == htons(ETH_TYPE_ARP)
            || om->dl_type == htons(0x8035)) {
            format_wild_u(s, "arp_op", w & OFPFW10_NW_PROTO, "%u",
                          om->nw_proto);
        } else {
            format_wild_u(s, "nw_proto", w & OFPFW10_NW_PROTO, "%u",
                          om->nw_proto);
        }
    }
    format_wild_u(s, "nw_tos", w & OFPFW10_NW_TOS, "%u", om->nw_tos);
    if (om->nw_proto == 1) {
        format_wild_u(s, "icmp_type", w & OFPFW10_TP_SRC, "%u",
                      ntohs(om->tp_src));
        format_wild_u(s, "icmp_code", w & OFPFW10_TP_DST, "%u",
                      ntohs(om->tp_dst));
    } else {
        format_wild_u(s, "tp_src", w & OFPFW10_TP_SRC, "%u",
                      ntohs(om->tp_src));
        format_wild_u(s, "tp_dst", w & OFPFW10_TP_DST, "%u",
                      ntohs(om->tp_dst));
    }
    (void) verbosity;
    ds_chomp(s, ',');
}

/* ---- OpenFlow 1.1 match. ---- */

enum ofperr
ofputil_match_from_ofp11_match(const struct ofp11_match *om,
                               struct match *match)
{
    uint32_t wc = ntohl(om->wildcards);

    match_init_catchall(match);
    if (!(wc & OFPFW11_IN_PORT)) {
        ofp_port_t port;
        if (ofputil_port_from_ofp11(om->in_port, &port)) {
            return OFPERR_OFPBMC_BAD_VALUE;
        }
        match_set_in_port(match, port);
    }
    match_set_dl_src_masked(match, om->dl_src, eth_invert(om->dl_src_mask));
    match_set_dl_dst_masked(match, om->dl_dst, eth_invert(om->dl_dst_mask));

    if (!(wc & OFPFW11_DL_VLAN)) {
        uint16_t vid = ntohs(om->dl_vlan);
        if (vid == OFPVID11_NONE) {
            match_set_dl_tci_masked(match, htons(0), htons(0xffff));
        } else {
            uint16_t tci, mask;
            if (vid == OFPVID11_ANY) {
                tci = VLAN_CFI;
                mask = VLAN_CFI;
            } else if (vid < 4096) {
                tci = VLAN_CFI | vid;
                mask = VLAN_CFI | VLAN_VID_MASK;
            } else {
                return OFPERR_OFPBMC_BAD_VALUE;
            }
            if (!(wc & OFPFW11_DL_VLAN_PCP)) {
                if (om->dl_vlan_pcp > 7) {
                    return OFPERR_OFPBMC_BAD_VALUE;
                }
                tci |= om->dl_vlan_pcp << VLAN_PCP_SHIFT;
                mask |= VLAN_PCP_MASK;
            }
            match_set_dl_tci_masked(match, htons(tci), htons(mask));
        }
    }
    if (!(wc & OFPFW11_DL_TYPE)) {
        match_set_dl_type(match, om->dl_type);
    }

    bool ipv4 = match->flow.dl_type == htons(ETH_TYPE_IP);
    bool arp = match->flow.dl_type == htons(ETH_TYPE_ARP);
    if (ipv4 && !(wc & OFPFW11_NW_TOS)) {
        if (om->nw_tos & ~IP_DSCP_MASK) {
            return OFPERR_OFPBMC_BAD_VALUE;
        }
        match_set_nw_dscp(match, om->nw_tos);
    }
    if (ipv4 || arp) {
        if (!(wc & OFPFW11_NW_PROTO)) {
            match_set_nw_proto(match, om->nw_proto);
        }
        match_set_nw_src_masked(match, om->nw_src, ~om->nw_src_mask);
        match_set_nw_dst_masked(match, om->nw_dst, ~om->nw_dst_mask);
    }
    if (ipv4 && (wc & (OFPFW11_TP_SRC | OFPFW11_TP_DST))
                != (OFPFW11_TP_SRC | OFPFW11_TP_DST)) {
        switch (match->flow.nw_proto) {
        case 1:
            if (!(wc & OFPFW11_TP_SRC)) {
                if (ntohs(om->tp_src) >= 0x100) {
                    return OFPERR_OFPBMC_BAD_FIELD;
                }
                match_set_icmp_type(match, ntohs(om->tp_src));
            }
            if (!(wc & OFPFW11_TP_DST)) {
                if (ntohs(om->tp_dst) >= 0x100) {
                    return OFPERR_OFPBMC_BAD_FIELD;
                }
                match_set_icmp_code(match, ntohs(om->tp_dst));
            }
            break;
        case 6: case 17: case 132:
            if (!(wc & OFPFW11_TP_SRC)) {
                match_set_tp_src(match, om->tp_src);
            }
            if (!(wc & OFPFW11_TP_DST)) {
                match_set_tp_dst(match, om->tp_dst);
            }
            break;
        default:
            break;
        }
    }
    if (match->flow.dl_type == htons(ETH_TYPE_MPLS)
        || match->flow.dl_type == htons(ETH_TYPE_MPLS_MCAST)) {
        if (!(wc & OFPFW11_MPLS_LABEL)) {
            match_set_mpls_label(match, 0, om->mpls_label);
        }
        if (!(wc & OFPFW11_MPLS_TC)) {
            match_set_mpls_tc(match, 0, om->mpls_tc);
        }
    }
    match_set_metadata_masked(match, om->metadata, ~om->metadata_mask);
    return 0;
}

void
ofputil_match_to_ofp11_match(const struct match *match,
                             struct ofp11_match *om)
{
    const struct flow_wildcards *wc = &match->wc;
    uint16_t tci_mask = ntohs(wc->masks.vlans[0].tci);
    uint16_t tci = ntohs(match->flow.vlans[0].tci);
    uint32_t w = 0;

    memset(om, 0, sizeof *om);
    om->omh.type = htons(OFPMT_STANDARD);
    om->omh.length = htons(OFPMT11_STANDARD_LENGTH);

    if (!wc->masks.in_port) {
        w |= OFPFW11_IN_PORT;
    } else {
        om->in_port = ofputil_port_to_ofp11(match->flow.in_port);
    }
    om->dl_src = match->flow.dl_src;
    om->dl_src_mask = eth_invert(wc->masks.dl_src);
    om->dl_dst = match->flow.dl_dst;
    om->dl_dst_mask = eth_invert(wc->masks.dl_dst);

    if (!tci_mask) {
        w |= OFPFW11_DL_VLAN | OFPFW11_DL_VLAN_PCP;
    } else if (tci_mask & VLAN_CFI && !(tci & VLAN_CFI)) {
        om->dl_vlan = htons(OFPVID11_NONE);
        w |= OFPFW11_DL_VLAN_PCP;
    } else {
        if (!(tci_mask & VLAN_VID_MASK)) {
            om->dl_vlan = htons(OFPVID11_ANY);
        } else {
            om->dl_vlan = htons(tci & VLAN_VID_MASK);
        }
        if (!(tci_mask & VLAN_PCP_MASK)) {
            w |= OFPFW11_DL_VLAN_PCP;
        } else {
            om->dl_vlan_pcp = (tci & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT;
        }
    }
    if (!wc->masks.dl_type) {
        w |= OFPFW11_DL_TYPE;
    } else {
        om->dl_type = match->flow.dl_type;
    }
    if (!(wc->masks.nw_tos & IP_DSCP_MASK)) {
        w |= OFPFW11_NW_TOS;
    } else {
        om->nw_tos = match->flow.nw_tos & IP_DSCP_MASK;
    }
    if (!wc->masks.nw_proto) {
        w |= OFPFW11_NW_PROTO;
    } else {
        om->nw_proto = match->flow.nw_proto;
    }
    om->nw_src = match->flow.nw_src;
    om->nw_src_mask = ~wc->masks.nw_src;
    om->nw_dst = match->flow.nw_dst;
    om->nw_dst_mask = ~wc->masks.nw_dst;
    if (!wc->masks.tp_src) {
        w |= OFPFW11_TP_SRC;
    } else {
        om->tp_src = match->flow.tp_src;
    }
    if (!wc->masks.tp_dst) {
        w |= OFPFW11_TP_DST;
    } else {
        om->tp_dst = match->flow.tp_dst;
    }
    if (!(wc->masks.mpls_lse[0] & htonl(0xfffff000))) {
        w |= OFPFW11_MPLS_LABEL;
    } else {
        om->mpls_label = htonl(ntohl(match->flow.mpls_lse[0]) >> 12);
    }
    if (!(wc->masks.mpls_lse[0] & htonl(0xe00))) {
        w |= OFPFW11_MPLS_TC;
    } else {
        om->mpls_tc = (ntohl(match->flow.mpls_lse[0]) >> 9) & 7;
    }
    om->metadata = match->flow.metadata;
    om->metadata_mask = ~wc->masks.metadata;
    om->wildcards = htonl(w);
}

enum ofperr
ofputil_pull_ofp11_match(struct ofpbuf *b, uint8_t version,
                         struct match *match, uint16_t *padded_len)
{
    const struct ofp11_match_header *omh = b->data;

    if (b->size < sizeof *omh) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    uint16_t match_len = ntohs(omh->length);
    switch (ntohs(omh->type)) {
    case OFPMT_STANDARD: {
        if (match_len != sizeof(struct ofp11_match)
            || b->size < sizeof(struct ofp11_match)) {
            return OFPERR_OFPBMC_BAD_LEN;
        }
        const struct ofp11_match *om = ofpbuf_pull(b, sizeof *om);
        if (padded_len) {
            *padded_len = match_len;
        }
        return ofputil_match_from_ofp11_match(om, match);
    }
    case OFPMT_OXM:
        if (version < OFP12_VERSION) {
            return OFPERR_OFPBMC_BAD_TYPE;
        }
        if (padded_len) {
            *padded_len = ROUND_UP(match_len, 8);
        }
        return oxm_pull_match(b, false, match);
    default:
        return OFPERR_OFPBMC_BAD_TYPE;
    }
}

int
ofputil_put_ofp11_match(struct ofpbuf *b, const struct match *match,
                        enum ofputil_protocol protocol)
{
    if (protocol == OFPUTIL_P_OF11_STD) {
        struct ofp11_match *om = ofpbuf_put_uninit(b, sizeof *om);
        ofputil_match_to_ofp11_match(match, om);
        return sizeof *om;
    }
    return oxm_put_match(b, match, ofputil_protocol_to_ofp_version(protocol));
}

/* ---- Usable protocols. ---- */

enum ofputil_protocol
ofputil_field_usable_protocols(const struct mf_field *mf,
                               const union mf_value *mask)
{
    /* Fields without NXM/OXM headers of their own that OpenFlow 1.0 or 1.1
     * can match (dl_vlan, dl_vlan_pcp) are views of fields that NXM and OXM
     * carry (vlan_tci). */
    enum ofputil_protocol nxm_oxm = (mf->n_headers
                                     || mf->of10 != MFO_NONE
                                     || mf->of11 != MFO_NONE
                                     ? OFPUTIL_P_NXM_OXM_ANY : 0);

    if (!mask || mf_mask_is_exact(mf, mask)) {
        return ((mf->of10 != MFO_NONE ? OFPUTIL_P_OF10_ANY : 0)
                | (mf->of11 != MFO_NONE ? OFPUTIL_P_OF11_STD : 0)
                | nxm_oxm);
    } else if (mf_value_is_zero(mf, mask)) {
        return OFPUTIL_P_ANY;
    }
    if (mf->maskable == MFM_NONE) {
        return OFPUTIL_P_NONE;
    }
    enum ofputil_protocol cidr = ((mf->of10 == MFO_CIDR
                                   ? OFPUTIL_P_OF10_ANY : 0)
                                  | (mf->of11 == MFO_CIDR
                                     || mf->of11 == MFO_BITWISE
                                     ? OFPUTIL_P_OF11_STD : 0)
                                  | nxm_oxm);
    enum ofputil_protocol bitwise = ((mf->of11 == MFO_BITWISE
                                      ? OFPUTIL_P_OF11_STD : 0)
                                     | nxm_oxm);
    return (cidr == bitwise || ip_is_cidr(mask->be32)) ? cidr : bitwise;
}

enum ofputil_protocol
ofputil_match_usable_protocols(const struct match *match)
{
    enum ofputil_protocol usable = OFPUTIL_P_ANY;
    struct match m = *match;

    /* Fields that alias others are checked through one view only. */
    for (int i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = mf_from_id(i);
        union mf_value value, mask;

        if (mf_is_all_wild(mf, &m.wc)) {
            continue;
        }
        mf_get(mf, &m, &value, &mask);
        usable &= ofputil_field_usable_protocols(mf, &mask);
        mf_set_wild(mf, &m, NULL);
    }
    return usable;
}

/* ---- Flow-mod flags. ---- */

struct flag_bit {
    uint32_t util;              /* OFPUTIL_FF_*. */
    uint16_t wire;
};

/* The flag bits of version 'version'. */
static const struct flag_bit *
flags_for_version(enum ofp_version version, size_t *n)
{
    static const struct flag_bit of10[] = {
        { OFPUTIL_FF_SEND_FLOW_REM, 1 << 0 },
        { OFPUTIL_FF_CHECK_OVERLAP, 1 << 1 },
        { OFPUTIL_FF_EMERG, 1 << 2 },
    };
    static const struct flag_bit of11[] = {
        { OFPUTIL_FF_SEND_FLOW_REM, 1 << 0 },
        { OFPUTIL_FF_CHECK_OVERLAP, 1 << 1 },
    };
    static const struct flag_bit of12[] = {
        { OFPUTIL_FF_SEND_FLOW_REM, 1 << 0 },
        { OFPUTIL_FF_CHECK_OVERLAP, 1 << 1 },
        { OFPUTIL_FF_RESET_COUNTS, 1 << 2 },
    };
    static const struct flag_bit of13[] = {
        { OFPUTIL_FF_SEND_FLOW_REM, 1 << 0 },
        { OFPUTIL_FF_CHECK_OVERLAP, 1 << 1 },
        { OFPUTIL_FF_RESET_COUNTS, 1 << 2 },
        { OFPUTIL_FF_NO_PKT_COUNTS, 1 << 3 },
        { OFPUTIL_FF_NO_BYT_COUNTS, 1 << 4 },
    };

    switch (version) {
    case OFP10_VERSION:
        *n = ARRAY_SIZE(of10);
        return of10;
    case OFP11_VERSION:
        *n = ARRAY_SIZE(of11);
        return of11;
    case OFP12_VERSION:
        *n = ARRAY_SIZE(of12);
        return of12;
    default:
        *n = ARRAY_SIZE(of13);
        return of13;
    }
}

static be16
encode_flags(uint32_t flags, enum ofp_version version)
{
    size_t n;
    const struct flag_bit *bits = flags_for_version(version, &n);
    uint16_t wire = 0;

    for (size_t i = 0; i < n; i++) {
        if (flags & bits[i].util) {
            wire |= bits[i].wire;
        }
    }
    return htons(wire);
}

static enum ofperr
decode_flags(be16 wire_, enum ofp_version version, uint32_t *flags)
{
    size_t n;
    const struct flag_bit *bits = flags_for_version(version, &n);
    uint16_t wire = ntohs(wire_);

    *flags = 0;
    for (size_t i = 0; i < n; i++) {
        if (wire & bits[i].wire) {
            *flags |= bits[i].util;
            wire &= ~bits[i].wire;
        }
    }
    return wire ? OFPERR_OFPFMFC_BAD_FLAGS : 0;
}

void
ofputil_flow_mod_flags_format(struct ds *s, uint32_t flags)
{
    static const struct {
        uint32_t bit;
        const char *name;
    } names[] = {
        { OFPUTIL_FF_SEND_FLOW_REM, "send_flow_rem" },
        { OFPUTIL_FF_CHECK_OVERLAP, "check_overlap" },
        { OFPUTIL_FF_RESET_COUNTS, "reset_counts" },
        { OFPUTIL_FF_NO_PKT_COUNTS, "no_packet_counts" },
        { OFPUTIL_FF_NO_BYT_COUNTS, "no_byte_counts" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        if (flags & names[i].bit) {
            ds_put_format(s, "%s ", names[i].name);
        }
    }
}

/* ---- Flow-mod. ---- */

void
ofputil_flow_mod_init(struct ofputil_flow_mod *fm)
{
    memset(fm, 0, sizeof *fm);
    match_init_catchall(&fm->match);
    fm->priority = OFP_DEFAULT_PRIORITY;
    fm->new_cookie = svs_htonll(UINT64_MAX);
    fm->table_id = 0xff;
    fm->command = OFPFC_ADD;
    fm->buffer_id = OFP_NO_BUFFER;
    fm->out_port = OFPP_NONE;
    fm->out_group = OFPG_ANY;
}

const char *
ofputil_flow_mod_command_to_string(uint16_t command)
{
    switch (command) {
    case OFPFC_ADD: return "ADD";
    case OFPFC_MODIFY: return "MOD";
    case OFPFC_MODIFY_STRICT: return "MOD_STRICT";
    case OFPFC_DELETE: return "DEL";
    case OFPFC_DELETE_STRICT: return "DEL_STRICT";
    default: return NULL;
    }
}

static be16
tid_command(const struct ofputil_flow_mod *fm,
            enum ofputil_protocol protocol)
{
    return htons(protocol & OFPUTIL_P_TID
                 ? (fm->command & 0xff) | (fm->table_id << 8)
                 : fm->command);
}

struct ofpbuf *
ofputil_encode_flow_mod(const struct ofputil_flow_mod *fm,
                        enum ofputil_protocol protocol)
{
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    be16 raw_flags = encode_flags(fm->flags, version);
    struct ofpbuf *msg;

    switch (protocol) {
    case OFPUTIL_P_OF11_STD:
    case OFPUTIL_P_OF12_OXM:
    case OFPUTIL_P_OF13_OXM:
    case OFPUTIL_P_OF14_OXM:
    case OFPUTIL_P_OF15_OXM: {
        struct ofp11_flow_mod *ofm;
        int tailroom = (protocol == OFPUTIL_P_OF11_STD
                        ? sizeof(struct ofp11_match) : 64)
                       + fm->ofpacts_len;

        msg = ofpraw_alloc(OFPRAW_OFPT11_FLOW_MOD, version, tailroom);
        ofm = ofpbuf_put_zeros(msg, sizeof *ofm);
        if ((protocol == OFPUTIL_P_OF11_STD
             && (fm->command == OFPFC_MODIFY
                 || fm->command == OFPFC_MODIFY_STRICT)
             && fm->cookie_mask == svs_htonll(0))
            || fm->command == OFPFC_ADD) {
            ofm->cookie = fm->new_cookie;
        } else {
            ofm->cookie = fm->cookie & fm->cookie_mask;
        }
        ofm->cookie_mask = fm->cookie_mask;
        if (fm->table_id != OFPTT_ALL
            || (protocol != OFPUTIL_P_OF11_STD
                && (fm->command == OFPFC_DELETE
                    || fm->command == OFPFC_DELETE_STRICT))) {
            ofm->table_id = fm->table_id;
        } else {
            ofm->table_id = 0;
        }
        ofm->command = fm->command;
        ofm->idle_timeout = htons(fm->idle_timeout);
        ofm->hard_timeout = htons(fm->hard_timeout);
        ofm->priority = htons(fm->priority);
        ofm->buffer_id = htonl(fm->buffer_id);
        ofm->out_port = ofputil_port_to_ofp11(fm->out_port);
        ofm->out_group = htonl(fm->out_group);
        ofm->flags = raw_flags;
        if (version >= OFP14_VERSION && fm->command == OFPFC_ADD) {
            ofm->importance = htons(fm->importance);
        } else {
            ofm->importance = 0;
        }
        ofputil_put_ofp11_match(msg, &fm->match, protocol);
        ofpacts_put_openflow_instructions(fm->ofpacts, fm->ofpacts_len,
                                          msg, version);
        break;
    }

    case OFPUTIL_P_OF10_STD:
    case OFPUTIL_P_OF10_STD_TID: {
        struct ofp10_flow_mod *ofm;

        msg = ofpraw_alloc(OFPRAW_OFPT10_FLOW_MOD, OFP10_VERSION,
                           fm->ofpacts_len);
        ofm = ofpbuf_put_zeros(msg, sizeof *ofm);
        ofputil_match_to_ofp10_match(&fm->match, &ofm->match);
        ofm->cookie = fm->new_cookie;
        ofm->command = tid_command(fm, protocol);
        ofm->idle_timeout = htons(fm->idle_timeout);
        ofm->hard_timeout = htons(fm->hard_timeout);
        ofm->priority = htons(fm->priority);
        ofm->buffer_id = htonl(fm->buffer_id);
        ofm->out_port = htons(fm->out_port);
        ofm->flags = raw_flags;
        ofpacts_put_openflow_actions(fm->ofpacts, fm->ofpacts_len, msg,
                                     version);
        break;
    }

    case OFPUTIL_P_OF10_NXM:
    case OFPUTIL_P_OF10_NXM_TID: {
        struct nx_flow_mod *nfm;
        int match_len;

        msg = ofpraw_alloc(OFPRAW_NXT_FLOW_MOD, OFP10_VERSION,
                           64 + fm->ofpacts_len);
        nfm = ofpbuf_put_zeros(msg, sizeof *nfm);
        nfm->command = tid_command(fm, protocol);
        nfm->cookie = fm->new_cookie;
        match_len = nx_put_match(msg, &fm->match, fm->cookie,
                                 fm->cookie_mask);
        nfm = msg->msg;
        nfm->idle_timeout = htons(fm->idle_timeout);
        nfm->hard_timeout = htons(fm->hard_timeout);
        nfm->priority = htons(fm->priority);
        nfm->buffer_id = htonl(fm->buffer_id);
        nfm->out_port = htons(fm->out_port);
        nfm->flags = raw_flags;
        nfm->match_len = htons(match_len);
        ofpacts_put_openflow_actions(fm->ofpacts, fm->ofpacts_len, msg,
                                     version);
        break;
    }

    default:
        SVS_NOT_REACHED();
    }

    ofpmsg_update_length(msg);
    return msg;
}

enum ofperr
ofputil_decode_flow_mod(struct ofputil_flow_mod *fm,
                        const struct ofp_header *oh,
                        enum ofputil_protocol protocol,
                        struct ofpbuf *ofpacts)
{
    struct ofpbuf b;
    enum ofpraw raw;
    enum ofperr error;
    uint16_t command;
    uint16_t raw_flags_u = 0;
    be16 raw_flags = 0;

    ofputil_flow_mod_init(fm);
    ofpbuf_clear(ofpacts);
    /* Work around a use-after-realloc in ofp-actions' NXAST_NOTE decoder:
     * make sure decoding never needs to grow 'ofpacts'. */
    ofpbuf_prealloc_tailroom(ofpacts, 8 * ntohs(oh->length) + 4096);
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    error = ofpraw_pull(&raw, &b);
    if (error) {
        return error;
    }

    if (raw == OFPRAW_OFPT11_FLOW_MOD) {
        const struct ofp11_flow_mod *ofm = ofpbuf_try_pull(&b, sizeof *ofm);
        if (!ofm) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = ofputil_pull_ofp11_match(&b, oh->version, &fm->match, NULL);
        if (error) {
            return error;
        }
        fm->priority = ntohs(ofm->priority);
        if (ofm->command == OFPFC_ADD
            || (oh->version == OFP11_VERSION
                && (ofm->command == OFPFC_MODIFY
                    || ofm->command == OFPFC_MODIFY_STRICT)
                && ofm->cookie_mask == svs_htonll(0))) {
            fm->cookie = svs_htonll(0);
            fm->cookie_mask = svs_htonll(0);
            fm->new_cookie = ofm->cookie;
        } else {
            fm->cookie = ofm->cookie;
            fm->cookie_mask = ofm->cookie_mask;
            fm->new_cookie = svs_htonll(UINT64_MAX);
        }
        fm->modify_cookie = false;
        fm->command = ofm->command;
        fm->table_id = ofm->table_id;
        if (fm->table_id == OFPTT_ALL
            && fm->command != OFPFC_DELETE
            && fm->command != OFPFC_DELETE_STRICT) {
            return OFPERR_OFPFMFC_BAD_TABLE_ID;
        }
        fm->idle_timeout = ntohs(ofm->idle_timeout);
        fm->hard_timeout = ntohs(ofm->hard_timeout);
        if (oh->version >= OFP14_VERSION && ofm->command == OFPFC_ADD) {
            fm->importance = ntohs(ofm->importance);
        }
        fm->buffer_id = ntohl(ofm->buffer_id);
        error = ofputil_port_from_ofp11(ofm->out_port, &fm->out_port);
        if (error) {
            return error;
        }
        fm->out_group = ntohl(ofm->out_group);
        if ((ofm->command == OFPFC_DELETE
             || ofm->command == OFPFC_DELETE_STRICT)
            && fm->out_group != OFPG_ANY
            && fm->out_group > OFPG_MAX) {
            /* Reserved groups other than "any" select nothing. */
        }
        raw_flags = ofm->flags;
        error = ofpacts_pull_openflow_instructions(&b, b.size, oh->version,
                                                   ofpacts);
        if (error) {
            return error;
        }
    } else {
        if (raw == OFPRAW_OFPT10_FLOW_MOD) {
            const struct ofp10_flow_mod *ofm = ofpbuf_pull(&b, sizeof *ofm);

            ofputil_match_from_ofp10_match(&ofm->match, &fm->match);
            command = ntohs(ofm->command);
            fm->cookie = svs_htonll(0);
            fm->cookie_mask = svs_htonll(0);
            fm->new_cookie = ofm->cookie;
            fm->idle_timeout = ntohs(ofm->idle_timeout);
            fm->hard_timeout = ntohs(ofm->hard_timeout);
            fm->priority = ntohs(ofm->priority);
            fm->buffer_id = ntohl(ofm->buffer_id);
            fm->out_port = ntohs(ofm->out_port);
            raw_flags = ofm->flags;
        } else if (raw == OFPRAW_NXT_FLOW_MOD) {
            const struct nx_flow_mod *nfm = ofpbuf_pull(&b, sizeof *nfm);

            error = nx_pull_match(&b, ntohs(nfm->match_len), &fm->match,
                                  &fm->cookie, &fm->cookie_mask, false);
            if (error) {
                return error;
            }
            command = ntohs(nfm->command);
            if ((command & 0xff) == OFPFC_ADD && fm->cookie_mask) {
                return OFPERR_NXBRC_NXM_INVALID;
            }
            fm->new_cookie = nfm->cookie;
            fm->idle_timeout = ntohs(nfm->idle_timeout);
            fm->hard_timeout = ntohs(nfm->hard_timeout);
            fm->priority = ntohs(nfm->priority);
            fm->buffer_id = ntohl(nfm->buffer_id);
            fm->out_port = ntohs(nfm->out_port);
            raw_flags = nfm->flags;
        } else {
            return OFPERR_OFPBRC_BAD_TYPE;
        }
        fm->modify_cookie = fm->new_cookie != svs_htonll(UINT64_MAX);
        if (protocol & OFPUTIL_P_TID) {
            fm->command = command & 0xff;
            fm->table_id = command >> 8;
        } else {
            fm->command = command;
            fm->table_id = 0xff;
        }
        fm->out_group = OFPG_ANY;
        error = ofpacts_pull_openflow_actions(&b, b.size, oh->version,
                                              ofpacts);
        if (error) {
            return error;
        }
    }
    (void) raw_flags_u;

    error = decode_flags(raw_flags, oh->version, &fm->flags);
    if (error) {
        return error;
    }
    if (fm->flags & OFPUTIL_FF_EMERG) {
        /* Open vSwitch has no emergency flow cache. */
        return (fm->idle_timeout || fm->hard_timeout
                ? OFPERR_OFPFMFC_BAD_EMERG_TIMEOUT
                : OFPERR_OFPFMFC_TABLE_FULL);
    }
    if (oh->version < OFP12_VERSION) {
        /* Counters always reset on modification before OpenFlow 1.2. */
        fm->flags |= OFPUTIL_FF_RESET_COUNTS;
    }
    if (fm->command > OFPFC_DELETE_STRICT) {
        return OFPERR_OFPFMFC_BAD_COMMAND;
    }

    fm->ofpacts = ofpacts->data;
    fm->ofpacts_len = ofpacts->size;

    struct ofpact_check_params cp = {
        .match = &fm->match,
        .max_ports = OFPP_MAX,
        .table_id = fm->table_id,
        .n_tables = 255,
    };
    error = ofpacts_check_consistency(ofpacts->data, ofpacts->size,
                                      protocol, &cp);
    if (error) {
        return error;
    }
    return ofpacts_verify(ofpacts->data, ofpacts->size, oh->version, 0);
}

enum ofperr
ofputil_flow_mod_format(struct ds *s, const struct ofp_header *oh,
                        int verbosity)
{
    struct ofputil_flow_mod fm;
    struct ofpbuf ofpacts;
    enum ofputil_protocol protocol;
    enum ofpraw raw;
    enum ofperr error;
    bool need_priority;

    protocol = ofputil_protocol_from_ofp_version(oh->version);
    protocol = ofputil_protocol_set_tid(protocol, true);

    ofpbuf_init(&ofpacts, 64);
    error = ofputil_decode_flow_mod(&fm, oh, protocol, &ofpacts);
    if (error) {
        ofpbuf_uninit(&ofpacts);
        return error;
    }
    raw = ofpraw_decode_assert(oh);

    ds_put_char(s, ' ');
    const char *cmd = ofputil_flow_mod_command_to_string(fm.command);
    if (cmd) {
        ds_put_cstr(s, cmd);
    } else {
        ds_put_format(s, "cmd:%d", fm.command);
    }
    if (fm.table_id != 0) {
        ds_put_format(s, " table:%"PRIu8, fm.table_id);
    }

    ds_put_char(s, ' ');
    if (verbosity >= 3 && raw == OFPRAW_OFPT10_FLOW_MOD) {
        const struct ofp10_flow_mod *ofm = ofpmsg_body(oh);
        ofputil_ofp10_match_format(s, &ofm->match, verbosity);
        need_priority = true;
    } else if (verbosity >= 3 && raw == OFPRAW_NXT_FLOW_MOD) {
        const struct nx_flow_mod *nfm = ofpmsg_body(oh);
        char *nxm_s = nx_match_to_string((const uint8_t *) (nfm + 1),
                                         ntohs(nfm->match_len));
        ds_put_cstr(s, nxm_s);
        free(nxm_s);
        need_priority = true;
    } else {
        match_format(&fm.match, s, fm.priority);
        need_priority = false;
    }

    if (s->length && s->string[s->length - 1] != ' ') {
        ds_put_char(s, ' ');
    }
    if (fm.new_cookie != svs_htonll(0)
        && fm.new_cookie != svs_htonll(UINT64_MAX)) {
        ds_put_format(s, "cookie:0x%"PRIx64" ", svs_ntohll(fm.new_cookie));
    }
    if (fm.cookie_mask != svs_htonll(0)) {
        ds_put_format(s, "cookie:0x%"PRIx64"/0x%"PRIx64" ",
                      svs_ntohll(fm.cookie), svs_ntohll(fm.cookie_mask));
    }
    if (fm.idle_timeout != OFP_FLOW_PERMANENT) {
        ds_put_format(s, "idle:%"PRIu16" ", fm.idle_timeout);
    }
    if (fm.hard_timeout != OFP_FLOW_PERMANENT) {
        ds_put_format(s, "hard:%"PRIu16" ", fm.hard_timeout);
    }
    if (fm.importance != 0) {
        ds_put_format(s, "importance:%"PRIu16" ", fm.importance);
    }
    if (fm.priority != OFP_DEFAULT_PRIORITY && need_priority) {
        ds_put_format(s, "pri:%d ", fm.priority);
    }
    if (fm.buffer_id != OFP_NO_BUFFER) {
        ds_put_format(s, "buf:0x%"PRIx32" ", fm.buffer_id);
    }
    if (fm.out_port != OFPP_NONE) {
        ds_put_cstr(s, "out_port:");
        ofputil_format_port(fm.out_port, s);
        ds_put_char(s, ' ');
    }
    if (oh->version != OFP10_VERSION && oh->version != OFP11_VERSION
        && fm.out_group != OFPG_ANY) {
        ds_put_format(s, "out_group:%"PRIu32" ", fm.out_group);
    }
    if (oh->version == OFP10_VERSION || oh->version == OFP11_VERSION) {
        fm.flags &= ~OFPUTIL_FF_RESET_COUNTS;
    }
    ofputil_flow_mod_flags_format(s, fm.flags);
    ds_put_cstr(s, "actions=");
    ofpacts_format(fm.ofpacts, fm.ofpacts_len, s);
    ofpbuf_uninit(&ofpacts);
    return 0;
}

/* ---- Flow removed. ---- */

const char *
ofputil_flow_removed_reason_to_string(uint8_t reason, char *buf,
                                      size_t bufsize)
{
    switch (reason) {
    case OFPRR_IDLE_TIMEOUT: return "idle";
    case OFPRR_HARD_TIMEOUT: return "hard";
    case OFPRR_DELETE: return "delete";
    case OFPRR_GROUP_DELETE: return "group_delete";
    case OFPRR_METER_DELETE: return "meter_delete";
    case OFPRR_EVICTION: return "eviction";
    default:
        snprintf(buf, bufsize, "%d", (int) reason);
        return buf;
    }
}

/* ---- OpenFlow 1.5 flow descriptions and OXS statistics. ---- */

static uint64_t unknown_to_zero(uint64_t count);

/* A flow in an OpenFlow 1.5 flow statistics reply; followed by an OXM
 * match, an ofp_stats (OXS) block and instructions. */
struct ofp15_flow_desc {
    be16 length;                /* Of the whole flow. */
    uint8_t pad[2];
    uint8_t table_id;
    uint8_t reason;
    be16 priority;
    be16 idle_timeout;
    be16 hard_timeout;
    be16 flags;
    be16 importance;
    be64 cookie;
};
OFP_ASSERT(sizeof(struct ofp15_flow_desc) == 24);

/* OXS: statistics as TLVs of class OFPXSC_OPENFLOW_BASIC. */
#define OXS_CLASS_BASIC 0x8002
enum oxs_field {
    OXS_DURATION = 0,           /* be32 seconds, be32 nanoseconds. */
    OXS_IDLE_TIME = 1,          /* be32 seconds, be32 nanoseconds. */
    OXS_FLOW_COUNT = 3,         /* be32. */
    OXS_PACKET_COUNT = 4,       /* be64. */
    OXS_BYTE_COUNT = 5,         /* be64. */
};

/* The statistics an ofp_stats block carries. */
struct oxs_stats {
    uint32_t duration_sec;
    uint32_t duration_nsec;
    int idle_age;               /* Seconds, -1 if absent. */
    uint64_t packet_count;      /* UINT64_MAX if absent. */
    uint64_t byte_count;        /* UINT64_MAX if absent. */
    uint32_t flow_count;
};

static uint32_t
oxs_get32(const uint8_t *p)
{
    return ((uint32_t) p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
}

/* Pulls an ofp_stats block (with its padding to 8 bytes) from 'b' into
 * 'st'.  Fields of other classes and unknown fields are skipped. */
static enum ofperr
pull_oxs_stats(struct ofpbuf *b, struct oxs_stats *st)
{
    memset(st, 0, sizeof *st);
    st->idle_age = -1;
    st->packet_count = UINT64_MAX;
    st->byte_count = UINT64_MAX;

    const uint8_t *p = b->size >= 4 ? b->data : NULL;
    if (!p) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    size_t len = (p[2] << 8) | p[3];
    if (len < 4 || ROUND_UP(len, 8) > b->size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    ofpbuf_pull(b, ROUND_UP(len, 8));
    p += 4;
    len -= 4;
    while (len) {
        if (len < 4) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        uint32_t header = oxs_get32(p);
        size_t plen = header & 0xff;
        if (plen + 4 > len) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        const uint8_t *v = p + 4;
        if (header >> 16 == OXS_CLASS_BASIC && !(header & 0x100)) {
            size_t need;
            switch ((header >> 9) & 0x7f) {
            case OXS_DURATION:
            case OXS_IDLE_TIME:
            case OXS_PACKET_COUNT:
            case OXS_BYTE_COUNT:
                need = 8;
                break;
            case OXS_FLOW_COUNT:
                need = 4;
                break;
            default:
                need = plen;
                break;
            }
            if (plen != need) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            uint64_t v64 = plen == 8
                ? ((uint64_t) oxs_get32(v) << 32) | oxs_get32(v + 4) : 0;
            switch ((header >> 9) & 0x7f) {
            case OXS_DURATION:
                st->duration_sec = oxs_get32(v);
                st->duration_nsec = oxs_get32(v + 4);
                break;
            case OXS_IDLE_TIME:
                st->idle_age = MIN(oxs_get32(v), INT32_MAX);
                break;
            case OXS_FLOW_COUNT:
                st->flow_count = oxs_get32(v);
                break;
            case OXS_PACKET_COUNT:
                st->packet_count = v64;
                break;
            case OXS_BYTE_COUNT:
                st->byte_count = v64;
                break;
            }
        }
        p += 4 + plen;
        len -= 4 + plen;
    }
    return 0;
}

static void
put_oxs(struct ofpbuf *b, enum oxs_field field, uint64_t value, size_t n)
{
    be32 header = htonl(((uint32_t) OXS_CLASS_BASIC << 16) | (field << 9)
                        | n);
    ofpbuf_put(b, &header, sizeof header);
    if (n == 4) {
        be32 v = htonl(value);
        ofpbuf_put(b, &v, sizeof v);
    } else {
        be64 v = svs_htonll(value);
        ofpbuf_put(b, &v, sizeof v);
    }
}

/* Appends an ofp_stats block to 'b': for a flow (duration, idle time if
 * known, packet and byte counts if known) or, if 'aggregate', the packet,
 * byte and flow counts, in the order Open vSwitch uses. */
static void
put_oxs_stats(struct ofpbuf *b, const struct oxs_stats *st, bool aggregate)
{
    size_t start = b->size;

    ofpbuf_put_zeros(b, 4);
    if (!aggregate) {
        put_oxs(b, OXS_DURATION,
                ((uint64_t) st->duration_sec << 32) | st->duration_nsec, 8);
        if (st->idle_age >= 0) {
            put_oxs(b, OXS_IDLE_TIME, (uint64_t) st->idle_age << 32, 8);
        }
    }
    if (aggregate || st->packet_count != UINT64_MAX) {
        put_oxs(b, OXS_PACKET_COUNT, unknown_to_zero(st->packet_count), 8);
    }
    if (aggregate || st->byte_count != UINT64_MAX) {
        put_oxs(b, OXS_BYTE_COUNT, unknown_to_zero(st->byte_count), 8);
    }
    if (aggregate) {
        put_oxs(b, OXS_FLOW_COUNT, st->flow_count, 4);
    }
    size_t len = b->size - start;
    uint8_t *hdr = (uint8_t *) b->data + start;
    hdr[2] = len >> 8;
    hdr[3] = len;
    ofpbuf_put_zeros(b, ROUND_UP(len, 8) - len);
}

enum ofperr
ofputil_decode_flow_removed(struct ofputil_flow_removed *fr,
                            const struct ofp_header *oh)
{
    struct ofpbuf b;
    enum ofpraw raw;
    enum ofperr error;

    memset(fr, 0, sizeof *fr);
    fr->idle_age = -1;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    error = ofpraw_pull(&raw, &b);
    if (error) {
        return error;
    }
    if (raw == OFPRAW_OFPT11_FLOW_REMOVED) {
        const struct ofp11_flow_removed *ofr = ofpbuf_try_pull(&b,
                                                               sizeof *ofr);
        if (!ofr) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = ofputil_pull_ofp11_match(&b, oh->version, &fr->match, NULL);
        if (error) {
            return error;
        }
        fr->priority = ntohs(ofr->priority);
        fr->cookie = ofr->cookie;
        fr->reason = ofr->reason;
        fr->table_id = ofr->table_id;
        fr->duration_sec = ntohl(ofr->duration_sec);
        fr->duration_nsec = ntohl(ofr->duration_nsec);
        fr->idle_timeout = ntohs(ofr->idle_timeout);
        fr->hard_timeout = ntohs(ofr->hard_timeout);
        fr->packet_count = svs_ntohll(ofr->packet_count);
        fr->byte_count = svs_ntohll(ofr->byte_count);
    } else if (raw == OFPRAW_OFPT10_FLOW_REMOVED) {
        const struct ofp10_flow_removed *ofr = ofpbuf_pull(&b, sizeof *ofr);

        ofputil_match_from_ofp10_match(&ofr->match, &fr->match);
        fr->priority = ntohs(ofr->priority);
        fr->cookie = ofr->cookie;
        fr->reason = ofr->reason;
        fr->table_id = 255;
        fr->duration_sec = ntohl(ofr->duration_sec);
        fr->duration_nsec = ntohl(ofr->duration_nsec);
        fr->idle_timeout = ntohs(ofr->idle_timeout);
        fr->packet_count = svs_ntohll(ofr->packet_count);
        fr->byte_count = svs_ntohll(ofr->byte_count);
    } else if (raw == OFPRAW_NXT_FLOW_REMOVED) {
        const struct nx_flow_removed *nfr = ofpbuf_pull(&b, sizeof *nfr);

        error = nx_pull_match(&b, ntohs(nfr->match_len), &fr->match,
                              NULL, NULL, false);
        if (error) {
            return error;
        }
        if (b.size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        fr->priority = ntohs(nfr->priority);
        fr->cookie = nfr->cookie;
        fr->reason = nfr->reason;
        fr->table_id = nfr->table_id ? nfr->table_id - 1 : 255;
        fr->duration_sec = ntohl(nfr->duration_sec);
        fr->duration_nsec = ntohl(nfr->duration_nsec);
        fr->idle_timeout = ntohs(nfr->idle_timeout);
        fr->packet_count = svs_ntohll(nfr->packet_count);
        fr->byte_count = svs_ntohll(nfr->byte_count);
    } else if (raw == OFPRAW_OFPT15_FLOW_REMOVED) {
        const struct ofp15_flow_removed *ofr = ofpbuf_try_pull(&b,
                                                               sizeof *ofr);
        if (!ofr) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = oxm_pull_match(&b, false, &fr->match);
        if (error) {
            return error;
        }
        struct oxs_stats st;
        error = pull_oxs_stats(&b, &st);
        if (error) {
            return error;
        }
        fr->priority = ntohs(ofr->priority);
        fr->cookie = ofr->cookie;
        fr->reason = ofr->reason;
        fr->table_id = ofr->table_id;
        fr->duration_sec = st.duration_sec;
        fr->duration_nsec = st.duration_nsec;
        fr->idle_timeout = ntohs(ofr->idle_timeout);
        fr->hard_timeout = ntohs(ofr->hard_timeout);
        fr->idle_age = st.idle_age;
        fr->packet_count = st.packet_count;
        fr->byte_count = st.byte_count;
    } else {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    return 0;
}

struct ofpbuf *
ofputil_encode_flow_removed(const struct ofputil_flow_removed *fr,
                            enum ofputil_protocol protocol)
{
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    struct ofpbuf *msg;

    switch (protocol) {
    case OFPUTIL_P_OF15_OXM: {
        struct ofp15_flow_removed *ofr;
        struct oxs_stats st = {
            .duration_sec = fr->duration_sec,
            .duration_nsec = fr->duration_nsec,
            .idle_age = fr->idle_age,
            .packet_count = fr->packet_count,
            .byte_count = fr->byte_count,
        };

        msg = ofpraw_alloc_xid(OFPRAW_OFPT15_FLOW_REMOVED, version,
                               htonl(0), 128);
        ofr = ofpbuf_put_zeros(msg, sizeof *ofr);
        ofr->table_id = fr->table_id;
        ofr->reason = fr->reason;
        ofr->priority = htons(fr->priority);
        ofr->idle_timeout = htons(fr->idle_timeout);
        ofr->hard_timeout = htons(fr->hard_timeout);
        ofr->cookie = fr->cookie;
        oxm_put_match(msg, &fr->match, version);
        put_oxs_stats(msg, &st, false);
        break;
    }
    case OFPUTIL_P_OF11_STD:
    case OFPUTIL_P_OF12_OXM:
    case OFPUTIL_P_OF13_OXM:
    case OFPUTIL_P_OF14_OXM: {
        struct ofp11_flow_removed *ofr;

        msg = ofpraw_alloc_xid(OFPRAW_OFPT11_FLOW_REMOVED, version,
                               htonl(0), 128);
        ofr = ofpbuf_put_zeros(msg, sizeof *ofr);
        ofr->cookie = fr->cookie;
        ofr->priority = htons(fr->priority);
        ofr->reason = fr->reason;
        ofr->table_id = fr->table_id;
        ofr->duration_sec = htonl(fr->duration_sec);
        ofr->duration_nsec = htonl(fr->duration_nsec);
        ofr->idle_timeout = htons(fr->idle_timeout);
        ofr->hard_timeout = htons(fr->hard_timeout);
        ofr->packet_count = svs_htonll(fr->packet_count);
        ofr->byte_count = svs_htonll(fr->byte_count);
        ofputil_put_ofp11_match(msg, &fr->match, protocol);
        break;
    }
    case OFPUTIL_P_OF10_STD:
    case OFPUTIL_P_OF10_STD_TID: {
        struct ofp10_flow_removed *ofr;

        msg = ofpraw_alloc_xid(OFPRAW_OFPT10_FLOW_REMOVED, OFP10_VERSION,
                               htonl(0), 0);
        ofr = ofpbuf_put_zeros(msg, sizeof *ofr);
        ofputil_match_to_ofp10_match(&fr->match, &ofr->match);
        ofr->cookie = fr->cookie;
        ofr->priority = htons(fr->priority);
        ofr->reason = fr->reason;
        ofr->duration_sec = htonl(fr->duration_sec);
        ofr->duration_nsec = htonl(fr->duration_nsec);
        ofr->idle_timeout = htons(fr->idle_timeout);
        ofr->packet_count = svs_htonll(fr->packet_count);
        ofr->byte_count = svs_htonll(fr->byte_count);
        break;
    }
    case OFPUTIL_P_OF10_NXM:
    case OFPUTIL_P_OF10_NXM_TID: {
        struct nx_flow_removed *nfr;
        int match_len;

        msg = ofpraw_alloc_xid(OFPRAW_NXT_FLOW_REMOVED, OFP10_VERSION,
                               htonl(0), 64);
        nfr = ofpbuf_put_zeros(msg, sizeof *nfr);
        match_len = nx_put_match(msg, &fr->match, 0, 0);
        nfr = msg->msg;
        nfr->cookie = fr->cookie;
        nfr->priority = htons(fr->priority);
        nfr->reason = fr->reason;
        nfr->table_id = fr->table_id + 1;
        nfr->duration_sec = htonl(fr->duration_sec);
        nfr->duration_nsec = htonl(fr->duration_nsec);
        nfr->idle_timeout = htons(fr->idle_timeout);
        nfr->match_len = htons(match_len);
        nfr->packet_count = svs_htonll(fr->packet_count);
        nfr->byte_count = svs_htonll(fr->byte_count);
        break;
    }
    default:
        SVS_NOT_REACHED();
    }
    ofpmsg_update_length(msg);
    return msg;
}

void
ofputil_flow_removed_format(struct ds *s,
                            const struct ofputil_flow_removed *fr)
{
    char reasonbuf[16];

    ds_put_char(s, ' ');
    match_format(&fr->match, s, fr->priority);
    ds_put_format(s, " reason=%s",
                  ofputil_flow_removed_reason_to_string(fr->reason,
                                                        reasonbuf,
                                                        sizeof reasonbuf));
    if (fr->table_id != 255) {
        ds_put_format(s, " table_id=%"PRIu8, fr->table_id);
    }
    if (fr->cookie != svs_htonll(0)) {
        ds_put_format(s, " cookie:0x%"PRIx64, svs_ntohll(fr->cookie));
    }
    ds_put_cstr(s, " duration");
    ofp_print_duration(s, fr->duration_sec, fr->duration_nsec);
    ds_put_format(s, " idle%"PRIu16, fr->idle_timeout);
    if (fr->hard_timeout) {
        ds_put_format(s, " hard%"PRIu16, fr->hard_timeout);
    }
    ds_put_format(s, " pkts%"PRIu64" bytes%"PRIu64"\n",
                  fr->packet_count, fr->byte_count);
}

/* ---- Flow and aggregate statistics. ---- */

enum ofperr
ofputil_decode_flow_stats_request(struct ofputil_flow_stats_request *fsr,
                                  const struct ofp_header *oh)
{
    struct ofpbuf b;
    enum ofpraw raw;
    enum ofperr error;

    memset(fsr, 0, sizeof *fsr);
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    error = ofpraw_pull(&raw, &b);
    if (error) {
        return error;
    }
    switch (raw) {
    case OFPRAW_OFPST10_FLOW_REQUEST:
    case OFPRAW_OFPST10_AGGREGATE_REQUEST: {
        const struct ofp10_flow_stats_request *ofsr
            = ofpbuf_pull(&b, sizeof *ofsr);
        fsr->aggregate = raw == OFPRAW_OFPST10_AGGREGATE_REQUEST;
        ofputil_match_from_ofp10_match(&ofsr->match, &fsr->match);
        fsr->out_port = ntohs(ofsr->out_port);
        fsr->out_group = OFPG_ANY;
        fsr->table_id = ofsr->table_id;
        return 0;
    }
    case OFPRAW_OFPST11_FLOW_REQUEST:
    case OFPRAW_OFPST11_AGGREGATE_REQUEST: {
        const struct ofp11_flow_stats_request *ofsr
            = ofpbuf_try_pull(&b, sizeof *ofsr);
        if (!ofsr) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        fsr->aggregate = raw == OFPRAW_OFPST11_AGGREGATE_REQUEST;
        fsr->table_id = ofsr->table_id;
        error = ofputil_port_from_ofp11(ofsr->out_port, &fsr->out_port);
        if (error) {
            return error;
        }
        fsr->out_group = ntohl(ofsr->out_group);
        fsr->cookie = ofsr->cookie;
        fsr->cookie_mask = ofsr->cookie_mask;
        return ofputil_pull_ofp11_match(&b, oh->version, &fsr->match, NULL);
    }
    case OFPRAW_NXST_FLOW_REQUEST:
    case OFPRAW_NXST_AGGREGATE_REQUEST: {
        const struct nx_flow_stats_request *nfsr
            = ofpbuf_pull(&b, sizeof *nfsr);
        error = nx_pull_match(&b, ntohs(nfsr->match_len), &fsr->match,
                              &fsr->cookie, &fsr->cookie_mask, false);
        if (error) {
            return error;
        }
        if (b.size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        fsr->aggregate = raw == OFPRAW_NXST_AGGREGATE_REQUEST;
        fsr->out_port = ntohs(nfsr->out_port);
        fsr->out_group = OFPG_ANY;
        fsr->table_id = nfsr->table_id;
        return 0;
    }
    default:
        return OFPERR_OFPBRC_BAD_TYPE;
    }
}

struct ofpbuf *
ofputil_encode_flow_stats_request(const struct ofputil_flow_stats_request *fsr,
                                  enum ofputil_protocol protocol)
{
    enum ofp_version version = ofputil_protocol_to_ofp_version(protocol);
    struct ofpbuf *msg;
    enum ofpraw raw;

    switch (protocol) {
    case OFPUTIL_P_OF11_STD:
    case OFPUTIL_P_OF12_OXM:
    case OFPUTIL_P_OF13_OXM:
    case OFPUTIL_P_OF14_OXM:
    case OFPUTIL_P_OF15_OXM: {
        struct ofp11_flow_stats_request *ofsr;

        raw = (fsr->aggregate
               ? OFPRAW_OFPST11_AGGREGATE_REQUEST
               : OFPRAW_OFPST11_FLOW_REQUEST);
        msg = ofpraw_alloc(raw, version, 128);
        ofsr = ofpbuf_put_zeros(msg, sizeof *ofsr);
        ofsr->table_id = fsr->table_id;
        ofsr->out_port = ofputil_port_to_ofp11(fsr->out_port);
        ofsr->out_group = htonl(fsr->out_group);
        ofsr->cookie = fsr->cookie;
        ofsr->cookie_mask = fsr->cookie_mask;
        ofputil_put_ofp11_match(msg, &fsr->match, protocol);
        break;
    }
    case OFPUTIL_P_OF10_STD:
    case OFPUTIL_P_OF10_STD_TID: {
        struct ofp10_flow_stats_request *ofsr;

        raw = (fsr->aggregate
               ? OFPRAW_OFPST10_AGGREGATE_REQUEST
               : OFPRAW_OFPST10_FLOW_REQUEST);
        msg = ofpraw_alloc(raw, OFP10_VERSION, 0);
        ofsr = ofpbuf_put_zeros(msg, sizeof *ofsr);
        ofputil_match_to_ofp10_match(&fsr->match, &ofsr->match);
        ofsr->table_id = fsr->table_id;
        ofsr->out_port = htons(fsr->out_port);
        break;
    }
    case OFPUTIL_P_OF10_NXM:
    case OFPUTIL_P_OF10_NXM_TID: {
        struct nx_flow_stats_request *nfsr;
        int match_len;

        raw = (fsr->aggregate
               ? OFPRAW_NXST_AGGREGATE_REQUEST
               : OFPRAW_NXST_FLOW_REQUEST);
        msg = ofpraw_alloc(raw, OFP10_VERSION, 64);
        ofpbuf_put_zeros(msg, sizeof *nfsr);
        match_len = nx_put_match(msg, &fsr->match, fsr->cookie,
                                 fsr->cookie_mask);
        nfsr = msg->msg;
        nfsr->out_port = htons(fsr->out_port);
        nfsr->match_len = htons(match_len);
        nfsr->table_id = fsr->table_id;
        break;
    }
    default:
        SVS_NOT_REACHED();
    }
    ofpmsg_update_length(msg);
    return msg;
}

void
ofputil_flow_stats_request_format(struct ds *s,
                                  const struct ofputil_flow_stats_request *fsr)
{
    if (fsr->table_id != 0xff) {
        ds_put_format(s, " table=%"PRIu8, fsr->table_id);
    }
    if (fsr->out_port != OFPP_NONE) {
        ds_put_cstr(s, " out_port=");
        ofputil_format_port(fsr->out_port, s);
    }
    struct ds m = DS_EMPTY_INITIALIZER;
    match_format(&fsr->match, &m, OFP_DEFAULT_PRIORITY);
    if (m.length) {
        ds_put_char(s, ' ');
        ds_put_cstr(s, ds_cstr(&m));
    }
    ds_destroy(&m);
}

int
ofputil_decode_flow_stats_reply(struct ofputil_flow_stats *fs,
                                struct ofpbuf *msg, struct ofpbuf *ofpacts)
{
    enum ofperr error;
    enum ofpraw raw;

    memset(fs, 0, sizeof *fs);
    ofpbuf_clear(ofpacts);
    /* See ofputil_decode_flow_mod() (NXAST_NOTE decoder workaround). */
    ofpbuf_prealloc_tailroom(ofpacts, 8 * msg->size + 4096);
    error = (msg->header ? ofpraw_decode(&raw, msg->header)
             : ofpraw_pull(&raw, msg));
    if (error) {
        return error;
    }
    const struct ofp_header *oh = msg->header;

    if (!msg->size) {
        return EOF;
    }
    if (raw == OFPRAW_OFPST11_FLOW_REPLY && oh->version >= OFP15_VERSION) {
        const struct ofp15_flow_desc *fd = ofpbuf_try_pull(msg, sizeof *fd);
        if (!fd) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        size_t length = ntohs(fd->length);
        if (length < sizeof *fd || length - sizeof *fd > msg->size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        size_t start = msg->size;
        error = oxm_pull_match(msg, false, &fs->match);
        if (error) {
            return error;
        }
        struct oxs_stats st;
        error = pull_oxs_stats(msg, &st);
        if (error) {
            return error;
        }
        size_t used = start - msg->size;
        if (length - sizeof *fd < used) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = ofpacts_pull_openflow_instructions(
            msg, length - sizeof *fd - used, oh->version, ofpacts);
        if (error) {
            return error;
        }
        error = decode_flags(fd->flags, oh->version, &fs->flags);
        if (error) {
            return error;
        }
        fs->priority = ntohs(fd->priority);
        fs->table_id = fd->table_id;
        fs->idle_timeout = ntohs(fd->idle_timeout);
        fs->hard_timeout = ntohs(fd->hard_timeout);
        fs->importance = ntohs(fd->importance);
        fs->cookie = fd->cookie;
        fs->duration_sec = st.duration_sec;
        fs->duration_nsec = st.duration_nsec;
        fs->idle_age = st.idle_age;
        fs->hard_age = -1;
        fs->packet_count = st.packet_count;
        fs->byte_count = st.byte_count;
    } else if (raw == OFPRAW_OFPST11_FLOW_REPLY) {
        const struct ofp11_flow_stats *ofs = ofpbuf_try_pull(msg,
                                                             sizeof *ofs);
        uint16_t padded_match_len;

        if (!ofs) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        /* A length beyond the message shows up as an instruction list
         * longer than what is left, an instruction error (as in Open
         * vSwitch). */
        size_t length = ntohs(ofs->length);
        if (length < sizeof *ofs) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        size_t start = msg->size;
        const struct ofp11_match_header *omh = msg->data;
        if (oh->version == OFP11_VERSION && msg->size >= sizeof *omh
            && omh->type == htons(OFPMT_OXM)) {
            /* Open vSwitch answers OpenFlow 1.1 flow statistics requests
             * with OXM matches; accept them as well as standard ones. */
            error = oxm_pull_match(msg, false, &fs->match);
        } else {
            error = ofputil_pull_ofp11_match(msg, oh->version, &fs->match,
                                             &padded_match_len);
        }
        if (error) {
            return error;
        }
        size_t used = start - msg->size;
        if (length - sizeof *ofs < used) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = ofpacts_pull_openflow_instructions(
            msg, length - sizeof *ofs - used, oh->version, ofpacts);
        if (error) {
            return error;
        }
        fs->priority = ntohs(ofs->priority);
        fs->table_id = ofs->table_id;
        fs->duration_sec = ntohl(ofs->duration_sec);
        fs->duration_nsec = ntohl(ofs->duration_nsec);
        fs->idle_timeout = ntohs(ofs->idle_timeout);
        fs->hard_timeout = ntohs(ofs->hard_timeout);
        if (oh->version >= OFP14_VERSION) {
            fs->importance = ntohs(ofs->importance);
        }
        if (oh->version >= OFP13_VERSION) {
            error = decode_flags(ofs->flags, oh->version, &fs->flags);
            if (error) {
                return error;
            }
        }
        fs->idle_age = -1;
        fs->hard_age = -1;
        fs->cookie = ofs->cookie;
        fs->packet_count = svs_ntohll(ofs->packet_count);
        fs->byte_count = svs_ntohll(ofs->byte_count);
    } else if (raw == OFPRAW_OFPST10_FLOW_REPLY) {
        const struct ofp10_flow_stats *ofs = ofpbuf_try_pull(msg,
                                                             sizeof *ofs);
        if (!ofs) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        size_t length = ntohs(ofs->length);
        if (length < sizeof *ofs || length - sizeof *ofs > msg->size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = ofpacts_pull_openflow_actions(msg, length - sizeof *ofs,
                                              oh->version, ofpacts);
        if (error) {
            return error;
        }
        fs->cookie = get_32aligned_be64(&ofs->cookie);
        ofputil_match_from_ofp10_match(&ofs->match, &fs->match);
        fs->priority = ntohs(ofs->priority);
        fs->table_id = ofs->table_id;
        fs->duration_sec = ntohl(ofs->duration_sec);
        fs->duration_nsec = ntohl(ofs->duration_nsec);
        fs->idle_timeout = ntohs(ofs->idle_timeout);
        fs->hard_timeout = ntohs(ofs->hard_timeout);
        fs->idle_age = -1;
        fs->hard_age = -1;
        fs->packet_count = svs_ntohll(get_32aligned_be64(&ofs->packet_count));
        fs->byte_count = svs_ntohll(get_32aligned_be64(&ofs->byte_count));
    } else if (raw == OFPRAW_NXST_FLOW_REPLY) {
        const struct nx_flow_stats *nfs = ofpbuf_try_pull(msg, sizeof *nfs);
        if (!nfs) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        size_t length = ntohs(nfs->length);
        size_t match_len = ntohs(nfs->match_len);
        if (length < sizeof *nfs + ROUND_UP(match_len, 8)
            || length - sizeof *nfs > msg->size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = nx_pull_match(msg, match_len, &fs->match, NULL, NULL, false);
        if (error) {
            return error;
        }
        error = ofpacts_pull_openflow_actions(
            msg, length - sizeof *nfs - ROUND_UP(match_len, 8),
            oh->version, ofpacts);
        if (error) {
            return error;
        }
        fs->cookie = nfs->cookie;
        fs->table_id = nfs->table_id;
        fs->duration_sec = ntohl(nfs->duration_sec);
        fs->duration_nsec = ntohl(nfs->duration_nsec);
        fs->priority = ntohs(nfs->priority);
        fs->idle_timeout = ntohs(nfs->idle_timeout);
        fs->hard_timeout = ntohs(nfs->hard_timeout);
        fs->idle_age = -1;
        fs->hard_age = -1;
        if (nfs->idle_age) {
            fs->idle_age = ntohs(nfs->idle_age) - 1;
        }
        if (nfs->hard_age) {
            fs->hard_age = ntohs(nfs->hard_age) - 1;
        }
        fs->packet_count = svs_ntohll(nfs->packet_count);
        fs->byte_count = svs_ntohll(nfs->byte_count);
    } else {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    fs->ofpacts = ofpacts->data;
    fs->ofpacts_len = ofpacts->size;
    return 0;
}

static uint64_t
unknown_to_zero(uint64_t count)
{
    return count != UINT64_MAX ? count : 0;
}

/* Appends 'match' to flow statistics reply 'b' of 'version' as an OXM
 * match.  Open vSwitch does so even in OpenFlow 1.1, where the fields go
 * with their NXM headers except the input port, which keeps its 32-bit
 * OXM header (as in OpenFlow 1.2). */
static void
put_flow_stats_match(struct ofpbuf *b, const struct match *match,
                     enum ofp_version version)
{
    if (version >= OFP12_VERSION || !match->wc.masks.in_port) {
        oxm_put_match(b, match, version);
        return;
    }

    size_t start = b->size;
    struct match rest = *match;
    be32 header = htonl(0x80000004);    /* OXM_OF_IN_PORT, 4 bytes. */
    be32 port = ofputil_port_to_ofp11(match->flow.in_port);

    ofpbuf_put_zeros(b, 4);
    ofpbuf_put(b, &header, sizeof header);
    ofpbuf_put(b, &port, sizeof port);
    rest.flow.in_port = 0;
    rest.wc.masks.in_port = 0;
    oxm_put_raw(b, &rest, version);

    size_t match_len = b->size - start;
    uint8_t *hdr = (uint8_t *) b->data + start;
    hdr[1] = OFPMT_OXM;
    hdr[2] = match_len >> 8;
    hdr[3] = match_len;
    ofpbuf_put_zeros(b, ROUND_UP(match_len, 8) - match_len);
}

void
ofputil_append_flow_stats_reply(const struct ofputil_flow_stats *fs,
                                struct svs_list *replies,
                                enum ofputil_protocol protocol SVS_UNUSED)
{
    struct ofpbuf *reply = CONTAINER_OF(svs_list_back(replies),
                                        struct ofpbuf, list_node);
    enum ofp_version version = ofpmp_version(replies);
    size_t start_ofs = reply->size;
    enum ofpraw raw = ofpmp_decode_raw(replies);

    if (raw == OFPRAW_OFPST11_FLOW_REPLY && version >= OFP15_VERSION) {
        struct ofp15_flow_desc *fd;
        struct oxs_stats st = {
            .duration_sec = fs->duration_sec,
            .duration_nsec = fs->duration_nsec,
            .idle_age = fs->idle_age,
            .packet_count = fs->packet_count,
            .byte_count = fs->byte_count,
        };

        ofpbuf_put_uninit(reply, sizeof *fd);
        oxm_put_match(reply, &fs->match, version);
        put_oxs_stats(reply, &st, false);
        ofpacts_put_openflow_instructions(fs->ofpacts, fs->ofpacts_len,
                                          reply, version);
        fd = ofpbuf_at_assert(reply, start_ofs, sizeof *fd);
        memset(fd, 0, sizeof *fd);
        fd->length = htons(reply->size - start_ofs);
        fd->table_id = fs->table_id;
        fd->priority = htons(fs->priority);
        fd->idle_timeout = htons(fs->idle_timeout);
        fd->hard_timeout = htons(fs->hard_timeout);
        fd->flags = encode_flags(fs->flags, version);
        fd->importance = htons(fs->importance);
        fd->cookie = fs->cookie;
    } else if (raw == OFPRAW_OFPST11_FLOW_REPLY) {
        struct ofp11_flow_stats *ofs;

        ofpbuf_put_uninit(reply, sizeof *ofs);
        put_flow_stats_match(reply, &fs->match, version);
        ofpacts_put_openflow_instructions(fs->ofpacts, fs->ofpacts_len,
                                          reply, version);
        ofs = ofpbuf_at_assert(reply, start_ofs, sizeof *ofs);
        memset(ofs, 0, sizeof *ofs);
        ofs->length = htons(reply->size - start_ofs);
        ofs->table_id = fs->table_id;
        ofs->duration_sec = htonl(fs->duration_sec);
        ofs->duration_nsec = htonl(fs->duration_nsec);
        ofs->priority = htons(fs->priority);
        ofs->idle_timeout = htons(fs->idle_timeout);
        ofs->hard_timeout = htons(fs->hard_timeout);
        if (version >= OFP14_VERSION) {
            ofs->importance = htons(fs->importance);
        }
        if (version >= OFP13_VERSION) {
            ofs->flags = encode_flags(fs->flags, version);
        }
        ofs->cookie = fs->cookie;
        ofs->packet_count = svs_htonll(unknown_to_zero(fs->packet_count));
        ofs->byte_count = svs_htonll(unknown_to_zero(fs->byte_count));
    } else if (raw == OFPRAW_OFPST10_FLOW_REPLY) {
        struct ofp10_flow_stats *ofs;

        ofpbuf_put_uninit(reply, sizeof *ofs);
        ofpacts_put_openflow_actions(fs->ofpacts, fs->ofpacts_len, reply,
                                     version);
        ofs = ofpbuf_at_assert(reply, start_ofs, sizeof *ofs);
        memset(ofs, 0, sizeof *ofs);
        ofs->length = htons(reply->size - start_ofs);
        ofs->table_id = fs->table_id;
        ofputil_match_to_ofp10_match(&fs->match, &ofs->match);
        ofs->duration_sec = htonl(fs->duration_sec);
        ofs->duration_nsec = htonl(fs->duration_nsec);
        ofs->priority = htons(fs->priority);
        ofs->idle_timeout = htons(fs->idle_timeout);
        ofs->hard_timeout = htons(fs->hard_timeout);
        put_32aligned_be64(&ofs->cookie, fs->cookie);
        put_32aligned_be64(&ofs->packet_count,
                           svs_htonll(unknown_to_zero(fs->packet_count)));
        put_32aligned_be64(&ofs->byte_count,
                           svs_htonll(unknown_to_zero(fs->byte_count)));
    } else if (raw == OFPRAW_NXST_FLOW_REPLY) {
        struct nx_flow_stats *nfs;
        int match_len;

        ofpbuf_put_uninit(reply, sizeof *nfs);
        match_len = nx_put_match(reply, &fs->match, 0, 0);
        ofpacts_put_openflow_actions(fs->ofpacts, fs->ofpacts_len, reply,
                                     version);
        nfs = ofpbuf_at_assert(reply, start_ofs, sizeof *nfs);
        memset(nfs, 0, sizeof *nfs);
        nfs->length = htons(reply->size - start_ofs);
        nfs->table_id = fs->table_id;
        nfs->duration_sec = htonl(fs->duration_sec);
        nfs->duration_nsec = htonl(fs->duration_nsec);
        nfs->priority = htons(fs->priority);
        nfs->idle_timeout = htons(fs->idle_timeout);
        nfs->hard_timeout = htons(fs->hard_timeout);
        nfs->idle_age = htons(fs->idle_age < 0 ? 0
                              : fs->idle_age < UINT16_MAX
                              ? fs->idle_age + 1 : UINT16_MAX);
        nfs->hard_age = htons(fs->hard_age < 0 ? 0
                              : fs->hard_age < UINT16_MAX
                              ? fs->hard_age + 1 : UINT16_MAX);
        nfs->match_len = htons(match_len);
        nfs->cookie = fs->cookie;
        nfs->packet_count = svs_htonll(fs->packet_count);
        nfs->byte_count = svs_htonll(fs->byte_count);
    } else {
        SVS_NOT_REACHED();
    }
    ofpmp_postappend(replies, start_ofs);
}

void
ofputil_flow_stats_format(struct ds *s, const struct ofputil_flow_stats *fs,
                          bool show_stats)
{
    if (show_stats || fs->cookie) {
        ds_put_format(s, "cookie=0x%"PRIx64", ", svs_ntohll(fs->cookie));
    }
    if (show_stats) {
        ds_put_cstr(s, "duration=");
        ofp_print_duration(s, fs->duration_sec, fs->duration_nsec);
        ds_put_cstr(s, ", ");
    }
    if (show_stats || fs->table_id) {
        ds_put_cstr(s, "table=");
        ofputil_format_table(s, fs->table_id);
        ds_put_cstr(s, ", ");
    }
    if (show_stats) {
        ds_put_format(s, "n_packets=%"PRIu64", ", fs->packet_count);
        ds_put_format(s, "n_bytes=%"PRIu64", ", fs->byte_count);
    }
    if (fs->idle_timeout != OFP_FLOW_PERMANENT) {
        ds_put_format(s, "idle_timeout=%"PRIu16", ", fs->idle_timeout);
    }
    if (fs->hard_timeout != OFP_FLOW_PERMANENT) {
        ds_put_format(s, "hard_timeout=%"PRIu16", ", fs->hard_timeout);
    }
    if (fs->flags) {
        ofputil_flow_mod_flags_format(s, fs->flags);
    }
    if (fs->importance != 0) {
        ds_put_format(s, "importance=%"PRIu16", ", fs->importance);
    }
    if (show_stats && fs->idle_age >= 0) {
        ds_put_format(s, "idle_age=%d, ", fs->idle_age);
    }
    if (show_stats && fs->hard_age >= 0
        && (unsigned int) fs->hard_age != fs->duration_sec) {
        ds_put_format(s, "hard_age=%d, ", fs->hard_age);
    }

    size_t length = s->length;
    match_format(&fs->match, s, fs->priority);
    if (s->length != length) {
        ds_put_char(s, ' ');
    }
    ds_put_cstr(s, "actions=");
    ofpacts_format(fs->ofpacts, fs->ofpacts_len, s);
}

enum ofperr
ofputil_decode_aggregate_stats_reply(struct ofputil_aggregate_stats *as,
                                     const struct ofp_header *oh)
{
    struct ofpbuf b;
    enum ofpraw raw;
    enum ofperr error;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    error = ofpraw_pull(&raw, &b);
    if (error) {
        return error;
    }
    if (raw == OFPRAW_OFPST10_AGGREGATE_REPLY) {
        const struct ofp10_aggregate_stats_reply *asr = b.data;
        as->packet_count = svs_ntohll(get_32aligned_be64(&asr->packet_count));
        as->byte_count = svs_ntohll(get_32aligned_be64(&asr->byte_count));
        as->flow_count = ntohl(asr->flow_count);
    } else if (raw == OFPRAW_OFPST11_AGGREGATE_REPLY
               || raw == OFPRAW_NXST_AGGREGATE_REPLY) {
        const struct ofp11_aggregate_stats_reply *asr = b.data;
        as->packet_count = svs_ntohll(asr->packet_count);
        as->byte_count = svs_ntohll(asr->byte_count);
        as->flow_count = ntohl(asr->flow_count);
    } else if (raw == OFPRAW_OFPST15_AGGREGATE_REPLY) {
        struct oxs_stats st;
        error = pull_oxs_stats(&b, &st);
        if (error) {
            return error;
        }
        as->packet_count = st.packet_count;
        as->byte_count = st.byte_count;
        as->flow_count = st.flow_count;
    } else {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    return 0;
}

struct ofpbuf *
ofputil_encode_aggregate_stats_reply(const struct ofputil_aggregate_stats *as,
                                     const struct ofp_header *request)
{
    struct ofpbuf *msg = ofpraw_alloc_stats_reply(request, 0);
    enum ofpraw raw;

    ofpraw_decode(&raw, request);
    if (raw == OFPRAW_OFPST10_AGGREGATE_REQUEST) {
        struct ofp10_aggregate_stats_reply *asr
            = ofpbuf_put_zeros(msg, sizeof *asr);
        put_32aligned_be64(&asr->packet_count,
                           svs_htonll(unknown_to_zero(as->packet_count)));
        put_32aligned_be64(&asr->byte_count,
                           svs_htonll(unknown_to_zero(as->byte_count)));
        asr->flow_count = htonl(as->flow_count);
    } else if (request->version >= OFP15_VERSION) {
        struct oxs_stats st = {
            .packet_count = as->packet_count,
            .byte_count = as->byte_count,
            .flow_count = as->flow_count,
        };
        put_oxs_stats(msg, &st, true);
    } else {
        struct ofp11_aggregate_stats_reply *asr
            = ofpbuf_put_zeros(msg, sizeof *asr);
        asr->packet_count = svs_htonll(unknown_to_zero(as->packet_count));
        asr->byte_count = svs_htonll(unknown_to_zero(as->byte_count));
        asr->flow_count = htonl(as->flow_count);
    }
    ofpmsg_update_length(msg);
    return msg;
}

void
ofputil_aggregate_stats_format(struct ds *s,
                               const struct ofputil_aggregate_stats *as)
{
    ds_put_format(s, " packet_count=%"PRIu64, as->packet_count);
    ds_put_format(s, " byte_count=%"PRIu64, as->byte_count);
    ds_put_format(s, " flow_count=%"PRIu32, as->flow_count);
}

/* ---- Printers. ---- */

static enum ofperr
print_flow_mod(struct ds *s, const struct ofp_header *oh,
               enum ofpraw raw SVS_UNUSED, int verbosity)
{
    return ofputil_flow_mod_format(s, oh, verbosity);
}

static enum ofperr
print_flow_removed(struct ds *s, const struct ofp_header *oh,
                   enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_flow_removed fr;
    enum ofperr error = ofputil_decode_flow_removed(&fr, oh);
    if (!error) {
        ofputil_flow_removed_format(s, &fr);
    }
    return error;
}

static enum ofperr
print_flow_stats_request(struct ds *s, const struct ofp_header *oh,
                         enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_flow_stats_request fsr;
    enum ofperr error = ofputil_decode_flow_stats_request(&fsr, oh);
    if (!error) {
        ofputil_flow_stats_request_format(s, &fsr);
    }
    return error;
}

static enum ofperr
print_flow_stats_reply(struct ds *s, const struct ofp_header *oh,
                       enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofpbuf ofpacts;
    struct ofpbuf b;
    int retval;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpbuf_init(&ofpacts, 64);
    bool any = false;
    for (;;) {
        struct ofputil_flow_stats fs;

        retval = ofputil_decode_flow_stats_reply(&fs, &b, &ofpacts);
        if (retval) {
            break;
        }
        ds_put_cstr(s, "\n ");
        ofputil_flow_stats_format(s, &fs, true);
        any = true;
    }
    ofpbuf_uninit(&ofpacts);
    if (retval == EOF) {
        return 0;
    }
    if (any) {
        /* Like ovs-ofctl: the error of a bad entry gets a line of its own
         * after the good ones. */
        ds_put_char(s, '\n');
    }
    return retval;
}

static enum ofperr
print_aggregate_reply(struct ds *s, const struct ofp_header *oh,
                      enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_aggregate_stats as;
    enum ofperr error = ofputil_decode_aggregate_stats_reply(&as, oh);
    if (!error) {
        ofputil_aggregate_stats_format(s, &as);
    }
    return error;
}

void
ofputil_flow_print_register(void)
{
    ofp_print_register(OFPTYPE_FLOW_MOD, print_flow_mod);
    ofp_print_register(OFPTYPE_FLOW_REMOVED, print_flow_removed);
    ofp_print_register(OFPTYPE_FLOW_STATS_REQUEST, print_flow_stats_request);
    ofp_print_register(OFPTYPE_AGGREGATE_STATS_REQUEST,
                       print_flow_stats_request);
    ofp_print_register(OFPTYPE_FLOW_STATS_REPLY, print_flow_stats_reply);
    ofp_print_register(OFPTYPE_AGGREGATE_STATS_REPLY, print_aggregate_reply);
}
