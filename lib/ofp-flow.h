/* ofp-flow.h: OpenFlow flow messages: flow-mod, flow-removed, flow and
 * aggregate statistics, in every OpenFlow version and in Nicira's NXM
 * variants.
 *
 * What: each message has a version-independent structure
 * (struct ofputil_flow_mod, ofputil_flow_removed, ofputil_flow_stats_request,
 * ofputil_flow_stats, ofputil_aggregate_stats), a decoder that validates the
 * wire bytes and reports a precise OpenFlow error, an encoder for a chosen
 * protocol (enum ofputil_protocol: OpenFlow 1.0 with the standard match or
 * NXM, with or without the table-id extension, OpenFlow 1.1 with its
 * standard match, OpenFlow 1.2 to 1.5 with OXM), and a formatter that
 * prints exactly what `ovs-ofctl ofp-print` prints.  The messages covered
 * are OFPT_FLOW_MOD (1.0, 1.1+), NXT_FLOW_MOD, OFPT_FLOW_REMOVED (1.0,
 * 1.1+), NXT_FLOW_REMOVED, OFPST_FLOW / OFPST_AGGREGATE requests and
 * replies (1.0, 1.1+) and their NXST counterparts.
 *
 * The standard matches of OpenFlow 1.0 (struct ofp10_match, wildcard bits
 * and CIDR prefixes) and 1.1 (struct ofp11_match, with bitwise masks) are
 * converted here too (ofputil_match_from_ofp10_match() and friends), as is
 * the computation of which protocols can express a match
 * (ofputil_match_usable_protocols()).
 *
 * Design: decoded messages borrow nothing from the wire buffer: matches
 * are copied into 'struct match' and actions are appended to an ofpbuf
 * the caller supplies ('ofpacts'); the structure then points into that
 * buffer.  Cookies follow Open vSwitch's model: 'cookie'/'cookie_mask'
 * select flows (modify and delete), 'new_cookie' is the cookie to give
 * new or modified flows (all-ones: leave it alone).
 *
 * Printing: ofputil_flow_print_register() installs the printers of these
 * messages in ofp-print's table; programs call it once at startup.
 *
 * Thread-safety: every function is reentrant (touches only its
 * arguments), except ofputil_flow_print_register() which must run before
 * any thread prints. */
#ifndef SVS_OFP_FLOW_H
#define SVS_OFP_FLOW_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "list.h"
#include "match.h"
#include "meta-flow.h"
#include "ofp-errors.h"
#include "ofp-protocol.h"
#include "openflow-common.h"
#include "svs-types.h"

struct ds;
struct ofpact;
struct ofpbuf;
struct ofp10_match;
struct ofp11_match;

/* Version-independent flow-mod flags. */
enum ofputil_flow_mod_flags {
    OFPUTIL_FF_SEND_FLOW_REM = 1 << 0,  /* All versions. */
    OFPUTIL_FF_CHECK_OVERLAP = 1 << 1,  /* All versions. */
    OFPUTIL_FF_EMERG = 1 << 2,          /* OpenFlow 1.0 only. */
    OFPUTIL_FF_RESET_COUNTS = 1 << 3,   /* OpenFlow 1.2+ (implicit before). */
    OFPUTIL_FF_NO_PKT_COUNTS = 1 << 4,  /* OpenFlow 1.3+. */
    OFPUTIL_FF_NO_BYT_COUNTS = 1 << 5,  /* OpenFlow 1.3+. */
};

/* Appends the names of 'flags' each followed by a space
 * ("send_flow_rem check_overlap "). */
void ofputil_flow_mod_flags_format(struct ds *, uint32_t flags);

/* A flow-mod. */
struct ofputil_flow_mod {
    struct match match;
    int priority;               /* 0..65535. */

    be64 cookie;                /* Cookie bits to match (modify/delete). */
    be64 cookie_mask;           /* 1-bits of 'cookie' that must match. */
    be64 new_cookie;            /* Cookie of new flows; all-ones: none. */
    bool modify_cookie;         /* Set cookie of existing flows. */

    uint8_t table_id;           /* 0xff (OFPTT_ALL): not specified. */
    uint16_t command;           /* OFPFC_*. */
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    uint32_t buffer_id;         /* OFP_NO_BUFFER if none. */
    ofp_port_t out_port;        /* OFPP_ANY (OFPP_NONE): any. */
    uint32_t out_group;         /* OFPG_ANY: any. */
    uint32_t flags;             /* OFPUTIL_FF_*. */
    uint16_t importance;        /* OpenFlow 1.4+. */

    const struct ofpact *ofpacts;   /* Actions and instructions. */
    size_t ofpacts_len;             /* Bytes at 'ofpacts'. */
};

/* Initializes 'fm' to an "add" of a catch-all flow with default values
 * (priority 32768, no timeouts, table unspecified, no actions). */
void ofputil_flow_mod_init(struct ofputil_flow_mod *);

/* Decodes the flow-mod 'oh' (OFPT_FLOW_MOD of any version or
 * NXT_FLOW_MOD), received over a connection speaking 'protocol' (only the
 * table-id extension bit matters for OpenFlow 1.0), appending its actions
 * to 'ofpacts' (cleared first) and pointing fm->ofpacts there.  Validates
 * lengths, the match, the actions and instruction order, the flags and the
 * command.  Returns 0 or an OpenFlow error. */
enum ofperr ofputil_decode_flow_mod(struct ofputil_flow_mod *,
                                    const struct ofp_header *,
                                    enum ofputil_protocol,
                                    struct ofpbuf *ofpacts);

/* Encodes 'fm' for 'protocol' (exactly one protocol bit) as a new message
 * with a fresh transaction id. */
struct ofpbuf *ofputil_encode_flow_mod(const struct ofputil_flow_mod *,
                                       enum ofputil_protocol);

/* Appends the text ovs-ofctl prints after the header line of flow-mod
 * 'oh' (starting with " ADD", " MOD", ...), decoding it first.  Returns 0
 * or the decoding error (nothing useful appended then). */
enum ofperr ofputil_flow_mod_format(struct ds *, const struct ofp_header *,
                                    int verbosity);

/* The name ovs-ofctl prints for flow-mod command 'command' ("ADD",
 * "MOD_STRICT", ...), or NULL if unknown. */
const char *ofputil_flow_mod_command_to_string(uint16_t command);

/* Flow removed. */
struct ofputil_flow_removed {
    struct match match;
    int priority;
    be64 cookie;
    uint8_t reason;             /* OFPRR_*. */
    uint8_t table_id;           /* 255: not known (OpenFlow 1.0). */
    uint32_t duration_sec;
    uint32_t duration_nsec;
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    int idle_age;               /* Seconds idle (OpenFlow 1.5 only, as OXS
                                 * idle time), -1: unknown, not sent. */
    uint64_t packet_count;      /* UINT64_MAX if unknown. */
    uint64_t byte_count;        /* UINT64_MAX if unknown. */
};

enum ofperr ofputil_decode_flow_removed(struct ofputil_flow_removed *,
                                        const struct ofp_header *);
struct ofpbuf *ofputil_encode_flow_removed(const struct ofputil_flow_removed *,
                                           enum ofputil_protocol);
void ofputil_flow_removed_format(struct ds *,
                                 const struct ofputil_flow_removed *);
/* "idle", "hard", "delete", "group_delete", "meter_delete", "eviction",
 * or the number in decimal (in 'buf'). */
const char *ofputil_flow_removed_reason_to_string(uint8_t reason,
                                                  char *buf, size_t bufsize);

/* Flow and aggregate statistics requests. */
struct ofputil_flow_stats_request {
    bool aggregate;             /* Aggregate rather than per-flow. */
    struct match match;
    be64 cookie;
    be64 cookie_mask;
    ofp_port_t out_port;        /* OFPP_ANY: any. */
    uint32_t out_group;         /* OFPG_ANY: any. */
    uint8_t table_id;           /* OFPTT_ALL: all tables. */
};

enum ofperr ofputil_decode_flow_stats_request(
    struct ofputil_flow_stats_request *, const struct ofp_header *);
struct ofpbuf *ofputil_encode_flow_stats_request(
    const struct ofputil_flow_stats_request *, enum ofputil_protocol);
void ofputil_flow_stats_request_format(
    struct ds *, const struct ofputil_flow_stats_request *);

/* One flow of a flow statistics reply. */
struct ofputil_flow_stats {
    struct match match;
    be64 cookie;
    uint8_t table_id;
    uint32_t duration_sec;
    uint32_t duration_nsec;
    int priority;
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    int idle_age;               /* Seconds since last packet, -1: unknown. */
    int hard_age;               /* Seconds since last change, -1: unknown. */
    uint64_t packet_count;      /* UINT64_MAX if unknown. */
    uint64_t byte_count;        /* UINT64_MAX if unknown. */
    uint32_t flags;             /* OFPUTIL_FF_* (OpenFlow 1.3+). */
    uint16_t importance;        /* OpenFlow 1.4+. */
    const struct ofpact *ofpacts;
    size_t ofpacts_len;
};

/* Decodes the next flow of the flow statistics reply in 'msg' (whose
 * 'header' must be set; the first call pulls the headers), appending its
 * actions to 'ofpacts' (cleared first).  Returns 0, EOF after the last
 * flow, or an OpenFlow error. */
int ofputil_decode_flow_stats_reply(struct ofputil_flow_stats *,
                                    struct ofpbuf *msg,
                                    struct ofpbuf *ofpacts);
/* Appends 'fs' to the flow statistics reply being built in 'replies'
 * (ofpmp_init()ed from the request).  The format follows the request's
 * raw type and version, not the protocol: OpenFlow 1.1 to 1.4 with an OXM
 * match (even 1.1, as Open vSwitch answers), 1.5 with an OXM match and
 * OXS statistics. */
void ofputil_append_flow_stats_reply(const struct ofputil_flow_stats *,
                                     struct svs_list *replies,
                                     enum ofputil_protocol);
/* Appends one flow as ovs-ofctl dump-flows prints it (without a leading
 * space); 'show_stats' prints duration, table, n_packets and n_bytes. */
void ofputil_flow_stats_format(struct ds *, const struct ofputil_flow_stats *,
                               bool show_stats);

/* Aggregate statistics reply. */
struct ofputil_aggregate_stats {
    uint64_t packet_count;      /* UINT64_MAX if unknown. */
    uint64_t byte_count;        /* UINT64_MAX if unknown. */
    uint32_t flow_count;
};

enum ofperr ofputil_decode_aggregate_stats_reply(
    struct ofputil_aggregate_stats *, const struct ofp_header *);
struct ofpbuf *ofputil_encode_aggregate_stats_reply(
    const struct ofputil_aggregate_stats *, const struct ofp_header *request);
void ofputil_aggregate_stats_format(struct ds *,
                                    const struct ofputil_aggregate_stats *);

/* Standard matches of OpenFlow 1.0 and 1.1. */
void ofputil_match_from_ofp10_match(const struct ofp10_match *,
                                    struct match *);
void ofputil_match_to_ofp10_match(const struct match *, struct ofp10_match *);
enum ofperr ofputil_match_from_ofp11_match(const struct ofp11_match *,
                                           struct match *);
void ofputil_match_to_ofp11_match(const struct match *, struct ofp11_match *);
/* Appends the raw OpenFlow 1.0 match as ovs-ofctl prints it at high
 * verbosity ("in_port=*,dl_vlan=*,..."). */
void ofputil_ofp10_match_format(struct ds *, const struct ofp10_match *,
                                int verbosity);

/* Pulls a match of OpenFlow 'version' (1.1 standard or OXM) from 'b'. */
enum ofperr ofputil_pull_ofp11_match(struct ofpbuf *b, uint8_t version,
                                     struct match *, uint16_t *padded_len);
/* Appends 'match' in the format of 'protocol' (ofp11_match for OpenFlow
 * 1.1, OXM for 1.2+), returning the bytes appended. */
int ofputil_put_ofp11_match(struct ofpbuf *, const struct match *,
                            enum ofputil_protocol);

/* Usable protocols.
 *
 * ofputil_field_usable_protocols() returns the protocols that can express
 * a match on 'mf' under 'mask' (NULL or all-ones: exact; all-zeros:
 * wildcarded), following the OpenFlow 1.0/1.1 match capabilities recorded
 * in the field table and NXM/OXM for the rest.
 *
 * ofputil_match_usable_protocols() returns the protocols that can express
 * all of 'match'. */
enum ofputil_protocol ofputil_field_usable_protocols(
    const struct mf_field *, const union mf_value *mask);
enum ofputil_protocol ofputil_match_usable_protocols(const struct match *);

/* Registers the printers of this module's messages with ofp-print. */
void ofputil_flow_print_register(void);

#endif /* ofp-flow.h */
