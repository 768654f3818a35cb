/* fuzz-packet: libFuzzer target over packet parsing and the NXM/OXM match
 * decoder.
 *
 * The first input byte selects how the rest is read:
 *   - bits 0-2 choose the packet type flow_extract() starts from
 *     (Ethernet, or a bare IPv4, IPv6, ARP, MPLS, NSH or unknown L3
 *     packet);
 *   - bit 3 also decodes the rest as bare NXM entries, bit 4 as an OXM
 *     match (with its header), each loose and strict, and re-encodes any
 *     match that decodes, for every OpenFlow version;
 * and the rest is the packet.  The packet is copied into a block of its
 * exact size so that any read past its end trips AddressSanitizer.  The
 * extracted flow is formatted, composed back into a packet and parsed
 * again; the second parse must give the same flow for the fields a
 * composed packet carries (checked for plain Ethernet IPv4/IPv6 TCP/UDP
 * packets, whose every field survives).  Nothing may crash, leak or trip
 * the sanitizers. */
#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "flow.h"
#include "match.h"
#include "meta-flow.h"
#include "nx-match.h"
#include "ofpbuf.h"
#include "packets.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint32_t packet_types[8] = {
    PT_ETH, PT_IPV4, PT_IPV6, PACKET_TYPE(PT_NS_ETHERTYPE, ETH_TYPE_ARP),
    PT_MPLS, PT_NSH, PACKET_TYPE(PT_NS_ETHERTYPE, 0x1234), PT_ETH,
};

static void
check_match_codec(const uint8_t *p, size_t n)
{
    for (int pass = 0; pass < 4; pass++) {
        struct match match;
        struct ofpbuf b;
        int error;

        if (pass < 2) {
            error = oxm_decode_match(p, n, pass, &match);
        } else {
            struct ofpbuf in = OFPBUF_CONST_INITIALIZER(p, n);
            error = (pass == 2 ? oxm_pull_match(&in, false, &match)
                     : oxm_pull_match_loose(&in, false, &match));
        }
        if (error) {
            continue;
        }
        ofpbuf_init(&b, 64);
        nx_put_match(&b, &match, 0, 0);
        for (uint8_t v = MF_OFP12; v <= MF_OFP15; v++) {
            oxm_put_match(&b, &match, v);
        }
        free(match_to_string(&match, MATCH_DEFAULT_PRIORITY));
        ofpbuf_uninit(&b);
    }
    {
        char *s = nx_match_to_string(p, n);
        free(s);
    }
}

static bool
is_simple(const struct flow *flow)
{
    return (flow->packet_type == htonl(PT_ETH)
            && !(flow->vlans[0].tci & htons(VLAN_CFI))
            && (flow->dl_type == htons(ETH_TYPE_IP)
                || flow->dl_type == htons(ETH_TYPE_IPV6))
            && !flow->nw_frag
            && (flow->nw_proto == IP_PROTO_TCP
                || flow->nw_proto == IP_PROTO_UDP));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct flow md, flow, flow2;
    struct flow_layer_ofs ofs;
    struct ofpbuf b;
    uint8_t *packet;
    struct ds s;
    uint8_t mode;

    if (!size) {
        return 0;
    }
    mode = data[0];
    data++;
    size--;

    memset(&md, 0, sizeof md);
    md.packet_type = htonl(packet_types[mode & 7]);
    md.in_port = 3;

    packet = xmalloc(size ? size : 1);
    memcpy(packet, data, size);
    flow_extract_ofs(packet, size, &md, &flow, &ofs);

    ds_init(&s);
    flow_format(&s, &flow);
    ds_destroy(&s);

    ofpbuf_init(&b, 128);
    flow_compose(&b, &flow, 3);
    flow_extract(b.data, b.size, &md, &flow2);
    if (is_simple(&flow)) {
        struct flow_wildcards wc;

        /* The composed packet carries every L2-L4 field of a simple
         * packet (TCP flags beyond the 12 bits aside). */
        flow_wildcards_init_for_packet(&wc, &flow);
        if (!flow_equal_except(&flow, &flow2, &wc)) {
            abort();
        }
    }
    ofpbuf_uninit(&b);
    free(packet);

    if (mode & 0x18) {
        check_match_codec(data, size);
    }
    return 0;
}
