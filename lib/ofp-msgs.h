/* ofp-msgs.h: OpenFlow message identification, headers and multipart
 * messages, for every version and the Nicira/ONF extensions.
 *
 * What: two enumerations name messages.
 *   - 'enum ofpraw' names one wire format: a version range plus the header
 *     that identifies the message (OpenFlow type; statistics/multipart
 *     type; vendor and subtype) and the length rule of its body.  For
 *     example OFPRAW_OFPT10_FEATURES_REPLY (OpenFlow 1.0, a 24-byte body
 *     then 48-byte ports) and OFPRAW_OFPT13_FEATURES_REPLY (OpenFlow 1.3+,
 *     exactly 24 bytes) are two raw types of one message.
 *   - 'enum ofptype' names what a message means, across versions and
 *     extensions: OFPTYPE_FLOW_MOD covers OFPT_FLOW_MOD of every version
 *     and NXT_FLOW_MOD.  Code that handles messages switches on ofptype;
 *     codecs switch on ofpraw.
 * Each raw type has a name as ovs-ofctl prints it ("OFPT_FLOW_MOD",
 * "OFPST_PORT reply", "NXT_PACKET_IN2"); an ofptype's name is that of its
 * first raw type.
 *
 * Design: decoding is table-driven.  ofpraw_decode() identifies a message
 * from its headers and checks its length against the raw type's rule
 * (exact size, minimum size, or minimum plus a multiple of a fixed
 * element size), returning OFPBRC_BAD_TYPE, OFPBRC_BAD_STAT,
 * OFPBRC_BAD_VENDOR, OFPBRC_BAD_SUBTYPE or OFPBRC_BAD_LEN exactly where
 * Open vSwitch does.  Message bodies are decoded by the codecs
 * (ofp-*.c) after ofpraw_pull() has consumed the headers.
 *
 * Encoding: ofpraw_alloc*() return a buffer holding the complete headers
 * of a message (length field still 0), with 'header' pointing at the
 * OpenFlow header and 'msg' just past the raw type's headers; the caller
 * appends the body and calls ofpmsg_update_length().
 *
 * Multipart (statistics) replies larger than 65535 bytes are split with
 * the ofpmp_*() functions, which keep a list of messages and set the
 * "more" flag on all but the last.  ofpmp_assembler collects multipart
 * requests or replies that arrive in several messages.
 *
 * Thread-safety: all functions are thread-safe; alloc_xid() uses an atomic
 * counter. */
#ifndef SVS_OFP_MSGS_H
#define SVS_OFP_MSGS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "list.h"
#include "ofp-errors.h"
#include "openflow-common.h"

struct ofpbuf;

/* Raw message types: one per wire format.  The name gives the message and
 * the first version that uses the format (OFPT13_* applies to 1.3 and
 * later until a newer raw type of the same message). */
enum ofpraw {
    OFPRAW_OFPT10_HELLO,
    OFPRAW_OFPT10_ERROR,
    OFPRAW_OFPT10_ECHO_REQUEST,
    OFPRAW_OFPT10_ECHO_REPLY,
    OFPRAW_OFPT10_FEATURES_REQUEST,
    OFPRAW_OFPT10_FEATURES_REPLY,
    OFPRAW_OFPT11_FEATURES_REPLY,
    OFPRAW_OFPT13_FEATURES_REPLY,
    OFPRAW_OFPT10_GET_CONFIG_REQUEST,
    OFPRAW_OFPT10_GET_CONFIG_REPLY,
    OFPRAW_OFPT10_SET_CONFIG,
    OFPRAW_OFPT10_PACKET_IN,
    OFPRAW_OFPT11_PACKET_IN,
    OFPRAW_OFPT12_PACKET_IN,
    OFPRAW_OFPT13_PACKET_IN,
    OFPRAW_OFPT10_FLOW_REMOVED,
    OFPRAW_OFPT11_FLOW_REMOVED,
    OFPRAW_OFPT15_FLOW_REMOVED,
    OFPRAW_OFPT10_PORT_STATUS,
    OFPRAW_OFPT11_PORT_STATUS,
    OFPRAW_OFPT14_PORT_STATUS,
    OFPRAW_OFPT10_PACKET_OUT,
    OFPRAW_OFPT11_PACKET_OUT,
    OFPRAW_OFPT15_PACKET_OUT,
    OFPRAW_OFPT10_FLOW_MOD,
    OFPRAW_OFPT11_FLOW_MOD,
    OFPRAW_OFPT10_PORT_MOD,
    OFPRAW_OFPT11_GROUP_MOD,
    OFPRAW_OFPT15_GROUP_MOD,
    OFPRAW_OFPT11_PORT_MOD,
    OFPRAW_OFPT14_PORT_MOD,
    OFPRAW_OFPT11_TABLE_MOD,
    OFPRAW_OFPT14_TABLE_MOD,
    OFPRAW_OFPT10_BARRIER_REQUEST,
    OFPRAW_OFPT10_BARRIER_REPLY,
    OFPRAW_OFPT10_QUEUE_GET_CONFIG_REQUEST,
    OFPRAW_OFPT11_BARRIER_REQUEST,
    OFPRAW_OFPT10_QUEUE_GET_CONFIG_REPLY,
    OFPRAW_OFPT11_BARRIER_REPLY,
    OFPRAW_OFPT11_QUEUE_GET_CONFIG_REQUEST,
    OFPRAW_OFPT11_QUEUE_GET_CONFIG_REPLY,
    OFPRAW_OFPT12_ROLE_REQUEST,
    OFPRAW_OFPT12_ROLE_REPLY,
    OFPRAW_OFPT13_GET_ASYNC_REQUEST,
    OFPRAW_OFPT13_GET_ASYNC_REPLY,
    OFPRAW_OFPT14_GET_ASYNC_REPLY,
    OFPRAW_OFPT13_SET_ASYNC,
    OFPRAW_OFPT14_SET_ASYNC,
    OFPRAW_OFPT13_METER_MOD,
    OFPRAW_OFPT14_ROLE_STATUS,
    OFPRAW_OFPT14_TABLE_STATUS,
    OFPRAW_OFPT14_REQUESTFORWARD,
    OFPRAW_OFPT14_BUNDLE_CONTROL,
    OFPRAW_OFPT14_BUNDLE_ADD_MESSAGE,
    OFPRAW_NXT_ROLE_REQUEST,
    OFPRAW_NXT_ROLE_REPLY,
    OFPRAW_NXT_SET_FLOW_FORMAT,
    OFPRAW_NXT_FLOW_MOD,
    OFPRAW_NXT_FLOW_REMOVED,
    OFPRAW_NXT_FLOW_MOD_TABLE_ID,
    OFPRAW_NXT_SET_PACKET_IN_FORMAT,
    OFPRAW_NXT_PACKET_IN,
    OFPRAW_NXT_FLOW_AGE,
    OFPRAW_NXT_SET_ASYNC_CONFIG,
    OFPRAW_NXT_SET_CONTROLLER_ID,
    OFPRAW_NXT_FLOW_MONITOR_CANCEL,
    OFPRAW_NXT_FLOW_MONITOR_PAUSED,
    OFPRAW_NXT_FLOW_MONITOR_RESUMED,
    OFPRAW_NXT_TLV_TABLE_MOD,
    OFPRAW_NXT_TLV_TABLE_REQUEST,
    OFPRAW_NXT_TLV_TABLE_REPLY,
    OFPRAW_NXT_SET_ASYNC_CONFIG2,
    OFPRAW_NXT_RESUME,
    OFPRAW_NXT_CT_FLUSH_ZONE,
    OFPRAW_NXT_PACKET_IN2,
    OFPRAW_NXT_GROUP_MOD,
    OFPRAW_NXT_CT_FLUSH,
    OFPRAW_NXT_REQUESTFORWARD,
    OFPRAW_ONFT_FLOW_MONITOR_CANCEL,
    OFPRAW_ONFT_FLOW_MONITOR_PAUSED,
    OFPRAW_ONFT_FLOW_MONITOR_RESUMED,
    OFPRAW_ONFT_ROLE_STATUS,
    OFPRAW_ONFT_BUNDLE_CONTROL,
    OFPRAW_ONFT_BUNDLE_ADD_MESSAGE,
    OFPRAW_OFPST10_DESC_REQUEST,
    OFPRAW_OFPST10_FLOW_REQUEST,
    OFPRAW_OFPST10_AGGREGATE_REQUEST,
    OFPRAW_OFPST10_TABLE_REQUEST,
    OFPRAW_OFPST10_PORT_REQUEST,
    OFPRAW_OFPST10_QUEUE_REQUEST,
    OFPRAW_OFPST10_PORT_DESC_REQUEST,
    OFPRAW_OFPST10_DESC_REPLY,
    OFPRAW_OFPST10_FLOW_REPLY,
    OFPRAW_OFPST10_AGGREGATE_REPLY,
    OFPRAW_OFPST10_TABLE_REPLY,
    OFPRAW_OFPST10_PORT_REPLY,
    OFPRAW_OFPST10_QUEUE_REPLY,
    OFPRAW_OFPST10_PORT_DESC_REPLY,
    OFPRAW_OFPST11_DESC_REQUEST,
    OFPRAW_OFPST11_FLOW_REQUEST,
    OFPRAW_OFPST11_AGGREGATE_REQUEST,
    OFPRAW_OFPST11_TABLE_REQUEST,
    OFPRAW_OFPST11_PORT_REQUEST,
    OFPRAW_OFPST11_QUEUE_REQUEST,
    OFPRAW_OFPST11_GROUP_REQUEST,
    OFPRAW_OFPST11_GROUP_DESC_REQUEST,
    OFPRAW_OFPST15_GROUP_DESC_REQUEST,
    OFPRAW_OFPST12_GROUP_FEATURES_REQUEST,
    OFPRAW_OFPST13_METER_REQUEST,
    OFPRAW_OFPST13_METER_CONFIG_REQUEST,
    OFPRAW_OFPST13_METER_FEATURES_REQUEST,
    OFPRAW_OFPST13_TABLE_FEATURES_REQUEST,
    OFPRAW_OFPST11_PORT_DESC_REQUEST,
    OFPRAW_OFPST15_PORT_DESC_REQUEST,
    OFPRAW_OFPST14_TABLE_DESC_REQUEST,
    OFPRAW_OFPST14_QUEUE_DESC_REQUEST,
    OFPRAW_OFPST14_FLOW_MONITOR_REQUEST,
    OFPRAW_OFPST11_DESC_REPLY,
    OFPRAW_OFPST11_FLOW_REPLY,
    OFPRAW_OFPST11_AGGREGATE_REPLY,
    OFPRAW_OFPST15_AGGREGATE_REPLY,
    OFPRAW_OFPST11_TABLE_REPLY,
    OFPRAW_OFPST12_TABLE_REPLY,
    OFPRAW_OFPST13_TABLE_REPLY,
    OFPRAW_OFPST11_PORT_REPLY,
    OFPRAW_OFPST13_PORT_REPLY,
    OFPRAW_OFPST14_PORT_REPLY,
    OFPRAW_OFPST11_QUEUE_REPLY,
    OFPRAW_OFPST13_QUEUE_REPLY,
    OFPRAW_OFPST14_QUEUE_REPLY,
    OFPRAW_OFPST11_GROUP_REPLY,
    OFPRAW_OFPST11_GROUP_DESC_REPLY,
    OFPRAW_OFPST12_GROUP_FEATURES_REPLY,
    OFPRAW_OFPST13_METER_REPLY,
    OFPRAW_OFPST13_METER_CONFIG_REPLY,
    OFPRAW_OFPST13_METER_FEATURES_REPLY,
    OFPRAW_OFPST13_TABLE_FEATURES_REPLY,
    OFPRAW_OFPST11_PORT_DESC_REPLY,
    OFPRAW_OFPST14_PORT_DESC_REPLY,
    OFPRAW_OFPST14_TABLE_DESC_REPLY,
    OFPRAW_OFPST14_QUEUE_DESC_REPLY,
    OFPRAW_OFPST14_FLOW_MONITOR_REPLY,
    OFPRAW_NXST_FLOW_REQUEST,
    OFPRAW_NXST_AGGREGATE_REQUEST,
    OFPRAW_NXST10_FLOW_MONITOR_REQUEST,
    OFPRAW_NXST10_IPFIX_BRIDGE_REQUEST,
    OFPRAW_NXST10_IPFIX_FLOW_REQUEST,
    OFPRAW_NXST_GROUP_REQUEST,
    OFPRAW_NXST_GROUP_DESC_REQUEST,
    OFPRAW_NXST_GROUP_FEATURES_REQUEST,
    OFPRAW_NXST_FLOW_REPLY,
    OFPRAW_NXST_AGGREGATE_REPLY,
    OFPRAW_NXST10_FLOW_MONITOR_REPLY,
    OFPRAW_NXST10_IPFIX_BRIDGE_REPLY,
    OFPRAW_NXST10_IPFIX_FLOW_REPLY,
    OFPRAW_NXST_GROUP_REPLY,
    OFPRAW_NXST_GROUP_DESC_REPLY,
    OFPRAW_NXST_GROUP_FEATURES_REPLY,
    OFPRAW_NXST11_FLOW_MONITOR_REQUEST,
    OFPRAW_NXST11_IPFIX_BRIDGE_REQUEST,
    OFPRAW_NXST11_IPFIX_FLOW_REQUEST,
    OFPRAW_NXST11_FLOW_MONITOR_REPLY,
    OFPRAW_NXST11_IPFIX_BRIDGE_REPLY,
    OFPRAW_NXST11_IPFIX_FLOW_REPLY,
    OFPRAW_ONFST_FLOW_MONITOR_REQUEST,
    OFPRAW_ONFST_FLOW_MONITOR_REPLY,
    OFPRAW_N_RAWS
};

/* Semantic message types. */
enum ofptype {
    OFPTYPE_HELLO,
    OFPTYPE_ERROR,
    OFPTYPE_ECHO_REQUEST,
    OFPTYPE_ECHO_REPLY,
    OFPTYPE_FEATURES_REQUEST,
    OFPTYPE_FEATURES_REPLY,
    OFPTYPE_GET_CONFIG_REQUEST,
    OFPTYPE_GET_CONFIG_REPLY,
    OFPTYPE_SET_CONFIG,
    OFPTYPE_PACKET_IN,
    OFPTYPE_FLOW_REMOVED,
    OFPTYPE_PORT_STATUS,
    OFPTYPE_PACKET_OUT,
    OFPTYPE_FLOW_MOD,
    OFPTYPE_PORT_MOD,
    OFPTYPE_GROUP_MOD,
    OFPTYPE_TABLE_MOD,
    OFPTYPE_BARRIER_REQUEST,
    OFPTYPE_BARRIER_REPLY,
    OFPTYPE_QUEUE_GET_CONFIG_REQUEST,
    OFPTYPE_QUEUE_GET_CONFIG_REPLY,
    OFPTYPE_ROLE_REQUEST,
    OFPTYPE_ROLE_REPLY,
    OFPTYPE_GET_ASYNC_REQUEST,
    OFPTYPE_GET_ASYNC_REPLY,
    OFPTYPE_SET_ASYNC_CONFIG,
    OFPTYPE_METER_MOD,
    OFPTYPE_ROLE_STATUS,
    OFPTYPE_TABLE_STATUS,
    OFPTYPE_REQUESTFORWARD,
    OFPTYPE_BUNDLE_CONTROL,
    OFPTYPE_BUNDLE_ADD_MESSAGE,
    OFPTYPE_SET_FLOW_FORMAT,
    OFPTYPE_FLOW_MOD_TABLE_ID,
    OFPTYPE_SET_PACKET_IN_FORMAT,
    OFPTYPE_FLOW_AGE,
    OFPTYPE_SET_CONTROLLER_ID,
    OFPTYPE_FLOW_MONITOR_CANCEL,
    OFPTYPE_FLOW_MONITOR_PAUSED,
    OFPTYPE_FLOW_MONITOR_RESUMED,
    OFPTYPE_TLV_TABLE_MOD,
    OFPTYPE_TLV_TABLE_REQUEST,
    OFPTYPE_TLV_TABLE_REPLY,
    OFPTYPE_RESUME,
    OFPTYPE_CT_FLUSH_ZONE,
    OFPTYPE_CT_FLUSH,
    OFPTYPE_DESC_STATS_REQUEST,
    OFPTYPE_FLOW_STATS_REQUEST,
    OFPTYPE_AGGREGATE_STATS_REQUEST,
    OFPTYPE_TABLE_STATS_REQUEST,
    OFPTYPE_PORT_STATS_REQUEST,
    OFPTYPE_QUEUE_STATS_REQUEST,
    OFPTYPE_PORT_DESC_STATS_REQUEST,
    OFPTYPE_DESC_STATS_REPLY,
    OFPTYPE_FLOW_STATS_REPLY,
    OFPTYPE_AGGREGATE_STATS_REPLY,
    OFPTYPE_TABLE_STATS_REPLY,
    OFPTYPE_PORT_STATS_REPLY,
    OFPTYPE_QUEUE_STATS_REPLY,
    OFPTYPE_PORT_DESC_STATS_REPLY,
    OFPTYPE_GROUP_STATS_REQUEST,
    OFPTYPE_GROUP_DESC_STATS_REQUEST,
    OFPTYPE_GROUP_FEATURES_STATS_REQUEST,
    OFPTYPE_METER_STATS_REQUEST,
    OFPTYPE_METER_CONFIG_STATS_REQUEST,
    OFPTYPE_METER_FEATURES_STATS_REQUEST,
    OFPTYPE_TABLE_FEATURES_STATS_REQUEST,
    OFPTYPE_TABLE_DESC_REQUEST,
    OFPTYPE_FLOW_MONITOR_STATS_REQUEST,
    OFPTYPE_GROUP_STATS_REPLY,
    OFPTYPE_GROUP_DESC_STATS_REPLY,
    OFPTYPE_GROUP_FEATURES_STATS_REPLY,
    OFPTYPE_METER_STATS_REPLY,
    OFPTYPE_METER_CONFIG_STATS_REPLY,
    OFPTYPE_METER_FEATURES_STATS_REPLY,
    OFPTYPE_TABLE_FEATURES_STATS_REPLY,
    OFPTYPE_TABLE_DESC_REPLY,
    OFPTYPE_FLOW_MONITOR_STATS_REPLY,
    OFPTYPE_IPFIX_BRIDGE_STATS_REQUEST,
    OFPTYPE_IPFIX_FLOW_STATS_REQUEST,
    OFPTYPE_IPFIX_BRIDGE_STATS_REPLY,
    OFPTYPE_IPFIX_FLOW_STATS_REPLY,
    OFPTYPE_N_TYPES
};

/* Identifying messages. */
enum ofperr ofpraw_decode(enum ofpraw *, const struct ofp_header *);
enum ofpraw ofpraw_decode_assert(const struct ofp_header *);
enum ofperr ofpraw_decode_partial(enum ofpraw *, const struct ofp_header *,
                                  size_t length);
enum ofperr ofpraw_pull(enum ofpraw *, struct ofpbuf *);
enum ofpraw ofpraw_pull_assert(struct ofpbuf *);
enum ofperr ofptype_decode(enum ofptype *, const struct ofp_header *);
enum ofperr ofptype_pull(enum ofptype *, struct ofpbuf *);
enum ofptype ofptype_from_ofpraw(enum ofpraw);

const char *ofpraw_get_name(enum ofpraw);
const char *ofptype_get_name(enum ofptype);
bool ofpraw_is_valid_version(enum ofpraw, uint8_t version);
size_t ofpraw_hdrs_len(enum ofpraw);
size_t ofpraw_min_body(enum ofpraw);
size_t ofpraw_body_multiple(enum ofpraw);
enum ofpraw ofpraw_stats_request_to_reply(enum ofpraw, uint8_t version);

/* Building messages. */
struct ofpbuf *ofpraw_alloc(enum ofpraw, uint8_t version,
                            size_t extra_tailroom);
struct ofpbuf *ofpraw_alloc_xid(enum ofpraw, uint8_t version, be32 xid,
                                size_t extra_tailroom);
struct ofpbuf *ofpraw_alloc_reply(enum ofpraw,
                                  const struct ofp_header *request,
                                  size_t extra_tailroom);
struct ofpbuf *ofpraw_alloc_stats_reply(const struct ofp_header *request,
                                        size_t extra_tailroom);
void ofpraw_put(enum ofpraw, uint8_t version, struct ofpbuf *);
void ofpraw_put_xid(enum ofpraw, uint8_t version, be32 xid,
                    struct ofpbuf *);
void ofpraw_put_reply(enum ofpraw, const struct ofp_header *request,
                      struct ofpbuf *);
void ofpraw_put_stats_reply(const struct ofp_header *request,
                            struct ofpbuf *);
void ofpmsg_update_length(struct ofpbuf *);
be32 alloc_xid(void);

/* Inspecting messages. */
const void *ofpmsg_body(const struct ofp_header *);
bool ofpmsg_is_stat(const struct ofp_header *);
bool ofpmsg_is_stat_request(const struct ofp_header *);
bool ofpmsg_is_stat_reply(const struct ofp_header *);

/* Multipart messages. */
uint16_t ofpmp_flags(const struct ofp_header *);
bool ofpmp_more(const struct ofp_header *);
void ofpmp_set_more(struct ofp_header *, bool more);

void ofpmp_init(struct svs_list *, const struct ofp_header *request);
struct ofpbuf *ofpmp_reserve(struct svs_list *, size_t len);
void *ofpmp_append(struct svs_list *, size_t len);
void ofpmp_postappend(struct svs_list *, size_t start_ofs);
enum ofp_version ofpmp_version(struct svs_list *);
enum ofpraw ofpmp_decode_raw(struct svs_list *);

/* Assembles a multipart request or reply that arrives as several messages
 * with the "more" flag.  Feed each message to ofpmp_assembler_add(); when
 * it returns true the list 'msgs' holds the complete set. */
struct ofpmp_assembler {
    struct svs_list msgs;       /* Contains "struct ofpbuf"s. */
    be32 xid;                   /* Transaction id of the messages. */
    enum ofpraw raw;            /* Raw type of the messages. */
    bool busy;                  /* True if collecting. */
};

void ofpmp_assembler_init(struct ofpmp_assembler *);
void ofpmp_assembler_destroy(struct ofpmp_assembler *);
enum ofperr ofpmp_assembler_add(struct ofpmp_assembler *, struct ofpbuf *,
                                bool *done);

#endif /* ofp-msgs.h */
