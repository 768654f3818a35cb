/* ofp-protocol.h: OpenFlow versions, protocols (version plus flow format
 * plus table-id extension), packet-in formats, hello messages and version
 * negotiation.
 *
 * What: a "protocol" is what a connection speaks once it is set up: an
 * OpenFlow version and, for OpenFlow 1.0, whether flow messages use the
 * standard ofp10_match or Nicira's NXM (NXT_SET_FLOW_FORMAT) and whether
 * flow-mods carry a table id (NXT_FLOW_MOD_TABLE_ID).  Sets of protocols
 * are bitmaps of 'enum ofputil_protocol', named as ovs-ofctl names them
 * ("OpenFlow10-table_id", "NXM+table_id", "OXM-OpenFlow13", and the
 * groups "any", "OpenFlow10", "NXM", "OXM").  Sets of versions are
 * bitmaps with bit N set for version N (0x12 = OpenFlow 1.0 and 1.3).
 *
 * Hello messages advertise a version bitmap (OpenFlow 1.3+ element
 * OFPHET_VERSIONBITMAP); ofputil_decode_hello() follows Open vSwitch's
 * rules exactly: a hello without elements allows every version up to its
 * header's, each bitmap element replaces the allowed set, and anything
 * unparsable or unknown makes the hello "not ok" (printed as "unknown data
 * in hello").  Negotiation picks the highest version both sides allow.
 *
 * Naming: this module and the message codecs (ofp-port.h, ofp-switch.h,
 * ...) use the prefix ofputil_, as the OpenFlow utility layer.
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_OFP_PROTOCOL_H
#define SVS_OFP_PROTOCOL_H 1

#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"
#include "ofp-errors.h"
#include "openflow-common.h"

struct ds;
struct ofpbuf;

/* Protocols. */
enum ofputil_protocol {
    /* OpenFlow 1.0 with the standard match, without and with table ids
     * in flow-mods. */
    OFPUTIL_P_OF10_STD = 1 << 0,
    OFPUTIL_P_OF10_STD_TID = 1 << 1,

    /* OpenFlow 1.0 with Nicira's NXM match, without and with table ids. */
    OFPUTIL_P_OF10_NXM = 1 << 2,
    OFPUTIL_P_OF10_NXM_TID = 1 << 3,

    /* OpenFlow 1.1 with its standard match. */
    OFPUTIL_P_OF11_STD = 1 << 4,

    /* OpenFlow 1.2 through 1.5 with OXM. */
    OFPUTIL_P_OF12_OXM = 1 << 5,
    OFPUTIL_P_OF13_OXM = 1 << 6,
    OFPUTIL_P_OF14_OXM = 1 << 7,
    OFPUTIL_P_OF15_OXM = 1 << 8,
};

#define OFPUTIL_P_NONE 0
#define OFPUTIL_P_OF10_STD_ANY (OFPUTIL_P_OF10_STD | OFPUTIL_P_OF10_STD_TID)
#define OFPUTIL_P_OF10_NXM_ANY (OFPUTIL_P_OF10_NXM | OFPUTIL_P_OF10_NXM_TID)
#define OFPUTIL_P_OF10_ANY (OFPUTIL_P_OF10_STD_ANY | OFPUTIL_P_OF10_NXM_ANY)
#define OFPUTIL_P_ANY_OXM (OFPUTIL_P_OF12_OXM | OFPUTIL_P_OF13_OXM | \
                           OFPUTIL_P_OF14_OXM | OFPUTIL_P_OF15_OXM)
#define OFPUTIL_P_NXM_OF11_UP (OFPUTIL_P_OF10_NXM_ANY | OFPUTIL_P_OF11_STD | \
                               OFPUTIL_P_ANY_OXM)
#define OFPUTIL_P_NXM_OXM_ANY (OFPUTIL_P_OF10_NXM_ANY | OFPUTIL_P_ANY_OXM)
#define OFPUTIL_P_OF11_UP (OFPUTIL_P_OF11_STD | OFPUTIL_P_ANY_OXM)
#define OFPUTIL_P_OF12_UP OFPUTIL_P_ANY_OXM
#define OFPUTIL_P_OF13_UP (OFPUTIL_P_OF13_OXM | OFPUTIL_P_OF14_OXM | \
                           OFPUTIL_P_OF15_OXM)
#define OFPUTIL_P_OF14_UP (OFPUTIL_P_OF14_OXM | OFPUTIL_P_OF15_OXM)
#define OFPUTIL_P_OF15_UP OFPUTIL_P_OF15_OXM
#define OFPUTIL_P_ANY ((1 << 9) - 1)

/* Protocols that can set the table id in a flow-mod. */
#define OFPUTIL_P_TID (OFPUTIL_P_OF10_STD_TID | OFPUTIL_P_OF10_NXM_TID | \
                       OFPUTIL_P_OF11_STD | OFPUTIL_P_ANY_OXM)

bool ofputil_protocol_is_valid(enum ofputil_protocol);
enum ofp_version ofputil_protocol_to_ofp_version(enum ofputil_protocol);
enum ofputil_protocol ofputil_protocol_from_ofp_version(enum ofp_version);
enum ofputil_protocol ofputil_protocols_from_ofp_version(enum ofp_version);
enum ofputil_protocol ofputil_protocol_set_tid(enum ofputil_protocol,
                                               bool enable);
enum ofputil_protocol ofputil_protocol_to_base(enum ofputil_protocol);
enum ofputil_protocol ofputil_protocol_set_base(
    enum ofputil_protocol cur, enum ofputil_protocol new_base);

const char *ofputil_protocol_to_string(enum ofputil_protocol);
char *ofputil_protocols_to_string(enum ofputil_protocol);
char *ofputil_protocols_from_string(const char *,
                                    enum ofputil_protocol *protocols)
    SVS_WARN_UNUSED_RESULT;
uint32_t ofputil_protocols_to_version_bitmap(enum ofputil_protocol);
enum ofputil_protocol ofputil_protocols_from_version_bitmap(uint32_t);

/* Versions. */
#define OFPUTIL_SUPPORTED_VERSIONS ((1u << OFP10_VERSION) | \
                                    (1u << OFP11_VERSION) | \
                                    (1u << OFP12_VERSION) | \
                                    (1u << OFP13_VERSION) | \
                                    (1u << OFP14_VERSION) | \
                                    (1u << OFP15_VERSION))
#define OFPUTIL_DEFAULT_VERSIONS OFPUTIL_SUPPORTED_VERSIONS

const char *ofputil_version_to_string(enum ofp_version);
enum ofp_version ofputil_version_from_string(const char *);
char *ofputil_versions_from_string(const char *, uint32_t *bitmap)
    SVS_WARN_UNUSED_RESULT;
void ofputil_format_version(struct ds *, enum ofp_version);
void ofputil_format_version_name(struct ds *, enum ofp_version);
void ofputil_format_version_bitmap(struct ds *, uint32_t bitmap);
void ofputil_format_version_bitmap_names(struct ds *, uint32_t bitmap);
uint32_t ofputil_version_bitmap_upto(unsigned int version);

/* Flow formats (NXT_SET_FLOW_FORMAT). */
bool ofputil_nx_flow_format_is_valid(uint32_t format);
const char *ofputil_nx_flow_format_to_string(uint32_t format);
enum ofputil_protocol ofputil_nx_flow_format_to_protocol(uint32_t format);
struct ofpbuf *ofputil_encode_nx_set_flow_format(uint32_t format);
enum ofperr ofputil_decode_nx_set_flow_format(const struct ofp_header *,
                                              enum ofputil_protocol *);
struct ofpbuf *ofputil_encode_set_protocol(enum ofputil_protocol current,
                                           enum ofputil_protocol want,
                                           enum ofputil_protocol *next);

/* NXT_FLOW_MOD_TABLE_ID. */
struct ofpbuf *ofputil_encode_flow_mod_table_id(bool enable,
                                                enum ofp_version);
bool ofputil_decode_flow_mod_table_id(const struct ofp_header *);

/* Packet-in formats (NXT_SET_PACKET_IN_FORMAT). */
enum ofputil_packet_in_format {
    OFPUTIL_PACKET_IN_STD = 0,      /* OFPT_PACKET_IN of the version. */
    OFPUTIL_PACKET_IN_NXT = 1,      /* NXT_PACKET_IN. */
    OFPUTIL_PACKET_IN_NXT2 = 2,     /* NXT_PACKET_IN2. */
};

bool ofputil_packet_in_format_is_valid(uint32_t);
const char *ofputil_packet_in_format_to_string(enum ofputil_packet_in_format);
int ofputil_packet_in_format_from_string(const char *);
struct ofpbuf *ofputil_encode_set_packet_in_format(
    enum ofp_version, enum ofputil_packet_in_format);
enum ofperr ofputil_decode_set_packet_in_format(
    const struct ofp_header *, enum ofputil_packet_in_format *);

/* Hello and negotiation. */
struct ofpbuf *ofputil_encode_hello(uint32_t allowed_versions);
bool ofputil_decode_hello(const struct ofp_header *,
                          uint32_t *allowed_versions);
enum ofp_version ofputil_negotiate_version(uint32_t local_versions,
                                           uint32_t peer_versions);
char *ofputil_hello_incompatible_text(uint32_t local_versions,
                                      uint32_t peer_versions);

#endif /* ofp-protocol.h */
