/* ofp-packet.h: packet-in and packet-out messages of every OpenFlow
 * version, and the Nicira packet-in formats.
 *
 * What: a packet-in carries a packet from the switch to a controller with
 * its metadata (input port, registers, tunnel fields...), the reason, the
 * table and the cookie of the flow that sent it.  It has four wire forms,
 * chosen by the packet-in format that the controller negotiated with
 * NXT_SET_PACKET_IN_FORMAT (ofp-protocol.h):
 *   - "standard": OFPT_PACKET_IN of the connection's version (1.0: just
 *     the input port; 1.1: ports as 32-bit values; 1.2: an OXM match; 1.3+:
 *     also a cookie);
 *   - "nxt_packet_in": NXT_PACKET_IN, an NXM match plus cookie and table;
 *   - "nxt_packet_in2": NXT_PACKET_IN2, a list of properties (packet, full
 *     length, buffer id, table, cookie, reason, metadata, userdata and an
 *     opaque continuation used by NXT_RESUME).
 * A packet-out carries a packet (or a buffer id) and a list of actions;
 * its input port is a 16-bit field in 1.0, 32-bit in 1.1 to 1.4 and an OXM
 * match (metadata) in 1.5.
 *
 * Design: decoding fills a 'struct ofputil_packet_in' / 'ofputil_packet_out'
 * whose packet (and userdata, continuation) pointers point INTO the
 * decoded message, which must therefore outlive the struct.  Encoding
 * produces the canonical form Open vSwitch produces (so that decoding a
 * message and encoding it again gives the same bytes).  Decoders validate
 * lengths and values and return precise errors: OFPBRC_BAD_LEN for
 * framing, OFPBMC_* from the match decoders, OFPBAC_* from the action
 * decoders, OFPBRC_BAD_PORT for an invalid packet-out input port,
 * OFPBPC_* for bad NXT_PACKET_IN2 properties.
 *
 * ofputil_packet_to_string() renders a packet the way ovs-ofctl does in
 * packet-in and packet-out messages: the flow of the packet, then the L4
 * checksum.
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_OFP_PACKET_H
#define SVS_OFP_PACKET_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "match.h"
#include "ofp-errors.h"
#include "ofp-protocol.h"
#include "openflow.h"

struct ds;
struct ofpbuf;
struct ofpact;

/* A packet-in, in any format. */
struct ofputil_packet_in {
    const void *packet;         /* The packet (possibly truncated). */
    size_t packet_len;          /* Bytes at 'packet'. */
    size_t total_len;           /* Length of the whole original packet. */
    uint32_t buffer_id;         /* UINT32_MAX if not buffered. */
    uint8_t reason;             /* OFPR_* (raw value). */
    uint8_t table_id;
    be64 cookie;                /* All-ones if none. */
    struct match flow_metadata; /* Pipeline metadata, e.g. in_port. */

    /* NXT_PACKET_IN2 only. */
    const void *userdata;       /* controller(userdata=...) bytes. */
    size_t userdata_len;
    const void *continuation;   /* NXPINT_CONTINUATION payload, opaque. */
    size_t continuation_len;
};

enum ofperr ofputil_decode_packet_in(const struct ofp_header *,
                                     struct ofputil_packet_in *,
                                     enum ofputil_packet_in_format *);
struct ofpbuf *ofputil_encode_packet_in(const struct ofputil_packet_in *,
                                        enum ofp_version,
                                        enum ofputil_packet_in_format);
void ofputil_packet_in_format(struct ds *, const struct ofputil_packet_in *,
                              int verbosity);
const char *ofputil_packet_in_reason_to_string(uint8_t reason, char *buf,
                                               size_t bufsize);

/* A packet-out. */
struct ofputil_packet_out {
    const void *packet;         /* Data, if 'buffer_id' is UINT32_MAX. */
    size_t packet_len;
    uint32_t buffer_id;         /* UINT32_MAX if not buffered. */
    struct match flow_metadata; /* in_port and, in 1.5, other metadata. */
    const struct ofpact *ofpacts;
    size_t ofpacts_len;
};

enum ofperr ofputil_decode_packet_out(struct ofputil_packet_out *,
                                      const struct ofp_header *,
                                      struct ofpbuf *ofpacts);
struct ofpbuf *ofputil_encode_packet_out(const struct ofputil_packet_out *,
                                         enum ofp_version);
void ofputil_packet_out_format(struct ds *, const struct ofputil_packet_out *,
                               int verbosity);

char *ofputil_packet_to_string(const void *data, size_t len,
                               be32 packet_type);

void ofputil_packet_print_register(void);

#endif /* ofp-packet.h */
