/* ofp-msgs.c: OpenFlow message identification (see ofp-msgs.h). */
#include <config.h>
#include "ofp-msgs.h"

#include <inttypes.h>
#include <stdatomic.h>
#include "dynamic-string.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_msgs);

/* What kind of header a raw type has. */
enum ofpraw_kind {
    OFPRAW_KIND_MSG,            /* Plain message (or vendor message). */
    OFPRAW_KIND_REQUEST,        /* Statistics/multipart request. */
    OFPRAW_KIND_REPLY,          /* Statistics/multipart reply. */
};

/* Everything about one raw message type. */
struct raw_info {
    const char *name;           /* As ovs-ofctl prints it. */
    uint8_t min_version;        /* First version with this format. */
    uint8_t max_version;        /* Last version with this format. */
    uint8_t kind;               /* enum ofpraw_kind. */
    uint8_t type;               /* ofp_header.type (for statistics, that of
                                 * the first version; the type depends on
                                 * the version). */
    uint16_t stat;              /* Statistics type, for KIND_REQUEST and
                                 * KIND_REPLY; OFPST_VENDOR for vendor
                                 * statistics. */
    uint32_t vendor;            /* Vendor id, 0 for standard messages. */
    uint32_t subtype;           /* Vendor subtype. */
    uint8_t hdrs_len;           /* Length of all the headers. */
    uint16_t min_body;          /* Minimum (or exact) body length. */
    uint16_t multiple;          /* 0: body is exactly 'min_body' bytes;
                                 * else body is 'min_body' plus a multiple
                                 * of this many bytes. */
    enum ofptype ofptype;       /* Meaning. */
};

static const struct raw_info raw_infos[OFPRAW_N_RAWS] = {
    [OFPRAW_OFPT10_HELLO] = {
        "OFPT_HELLO", 1, 255, OFPRAW_KIND_MSG, 0, 0,
        0, 0, 8, 0, 1, OFPTYPE_HELLO },
    [OFPRAW_OFPT10_ERROR] = {
        "OFPT_ERROR", 1, 255, OFPRAW_KIND_MSG, 1, 0,
        0, 0, 8, 4, 1, OFPTYPE_ERROR },
    [OFPRAW_OFPT10_ECHO_REQUEST] = {
        "OFPT_ECHO_REQUEST", 1, 255, OFPRAW_KIND_MSG, 2, 0,
        0, 0, 8, 0, 1, OFPTYPE_ECHO_REQUEST },
    [OFPRAW_OFPT10_ECHO_REPLY] = {
        "OFPT_ECHO_REPLY", 1, 255, OFPRAW_KIND_MSG, 3, 0,
        0, 0, 8, 0, 1, OFPTYPE_ECHO_REPLY },
    [OFPRAW_OFPT10_FEATURES_REQUEST] = {
        "OFPT_FEATURES_REQUEST", 1, 6, OFPRAW_KIND_MSG, 5, 0,
        0, 0, 8, 0, 0, OFPTYPE_FEATURES_REQUEST },
    [OFPRAW_OFPT10_FEATURES_REPLY] = {
        "OFPT_FEATURES_REPLY", 1, 1, OFPRAW_KIND_MSG, 6, 0,
        0, 0, 8, 24, 48, OFPTYPE_FEATURES_REPLY },
    [OFPRAW_OFPT11_FEATURES_REPLY] = {
        "OFPT_FEATURES_REPLY", 2, 3, OFPRAW_KIND_MSG, 6, 0,
        0, 0, 8, 24, 64, OFPTYPE_FEATURES_REPLY },
    [OFPRAW_OFPT13_FEATURES_REPLY] = {
        "OFPT_FEATURES_REPLY", 4, 6, OFPRAW_KIND_MSG, 6, 0,
        0, 0, 8, 24, 0, OFPTYPE_FEATURES_REPLY },
    [OFPRAW_OFPT10_GET_CONFIG_REQUEST] = {
        "OFPT_GET_CONFIG_REQUEST", 1, 6, OFPRAW_KIND_MSG, 7, 0,
        0, 0, 8, 0, 0, OFPTYPE_GET_CONFIG_REQUEST },
    [OFPRAW_OFPT10_GET_CONFIG_REPLY] = {
        "OFPT_GET_CONFIG_REPLY", 1, 6, OFPRAW_KIND_MSG, 8, 0,
        0, 0, 8, 4, 0, OFPTYPE_GET_CONFIG_REPLY },
    [OFPRAW_OFPT10_SET_CONFIG] = {
        "OFPT_SET_CONFIG", 1, 6, OFPRAW_KIND_MSG, 9, 0,
        0, 0, 8, 4, 0, OFPTYPE_SET_CONFIG },
    [OFPRAW_OFPT10_PACKET_IN] = {
        "OFPT_PACKET_IN", 1, 1, OFPRAW_KIND_MSG, 10, 0,
        0, 0, 8, 10, 1, OFPTYPE_PACKET_IN },
    [OFPRAW_OFPT11_PACKET_IN] = {
        "OFPT_PACKET_IN", 2, 2, OFPRAW_KIND_MSG, 10, 0,
        0, 0, 8, 16, 1, OFPTYPE_PACKET_IN },
    [OFPRAW_OFPT12_PACKET_IN] = {
        "OFPT_PACKET_IN", 3, 3, OFPRAW_KIND_MSG, 10, 0,
        0, 0, 8, 8, 1, OFPTYPE_PACKET_IN },
    [OFPRAW_OFPT13_PACKET_IN] = {
        "OFPT_PACKET_IN", 4, 6, OFPRAW_KIND_MSG, 10, 0,
        0, 0, 8, 16, 1, OFPTYPE_PACKET_IN },
    [OFPRAW_OFPT10_FLOW_REMOVED] = {
        "OFPT_FLOW_REMOVED", 1, 1, OFPRAW_KIND_MSG, 11, 0,
        0, 0, 8, 80, 0, OFPTYPE_FLOW_REMOVED },
    [OFPRAW_OFPT11_FLOW_REMOVED] = {
        "OFPT_FLOW_REMOVED", 2, 5, OFPRAW_KIND_MSG, 11, 0,
        0, 0, 8, 40, 8, OFPTYPE_FLOW_REMOVED },
    [OFPRAW_OFPT15_FLOW_REMOVED] = {
        "OFPT_FLOW_REMOVED", 6, 6, OFPRAW_KIND_MSG, 11, 0,
        0, 0, 8, 16, 8, OFPTYPE_FLOW_REMOVED },
    [OFPRAW_OFPT10_PORT_STATUS] = {
        "OFPT_PORT_STATUS", 1, 1, OFPRAW_KIND_MSG, 12, 0,
        0, 0, 8, 56, 0, OFPTYPE_PORT_STATUS },
    [OFPRAW_OFPT11_PORT_STATUS] = {
        "OFPT_PORT_STATUS", 2, 4, OFPRAW_KIND_MSG, 12, 0,
        0, 0, 8, 72, 0, OFPTYPE_PORT_STATUS },
    [OFPRAW_OFPT14_PORT_STATUS] = {
        "OFPT_PORT_STATUS", 5, 6, OFPRAW_KIND_MSG, 12, 0,
        0, 0, 8, 48, 8, OFPTYPE_PORT_STATUS },
    [OFPRAW_OFPT10_PACKET_OUT] = {
        "OFPT_PACKET_OUT", 1, 1, OFPRAW_KIND_MSG, 13, 0,
        0, 0, 8, 8, 1, OFPTYPE_PACKET_OUT },
    [OFPRAW_OFPT11_PACKET_OUT] = {
        "OFPT_PACKET_OUT", 2, 5, OFPRAW_KIND_MSG, 13, 0,
        0, 0, 8, 16, 1, OFPTYPE_PACKET_OUT },
    [OFPRAW_OFPT15_PACKET_OUT] = {
        "OFPT_PACKET_OUT", 6, 6, OFPRAW_KIND_MSG, 13, 0,
        0, 0, 8, 8, 1, OFPTYPE_PACKET_OUT },
    [OFPRAW_OFPT10_FLOW_MOD] = {
        "OFPT_FLOW_MOD", 1, 1, OFPRAW_KIND_MSG, 14, 0,
        0, 0, 8, 64, 8, OFPTYPE_FLOW_MOD },
    [OFPRAW_OFPT11_FLOW_MOD] = {
        "OFPT_FLOW_MOD", 2, 6, OFPRAW_KIND_MSG, 14, 0,
        0, 0, 8, 40, 8, OFPTYPE_FLOW_MOD },
    [OFPRAW_OFPT10_PORT_MOD] = {
        "OFPT_PORT_MOD", 1, 1, OFPRAW_KIND_MSG, 15, 0,
        0, 0, 8, 24, 0, OFPTYPE_PORT_MOD },
    [OFPRAW_OFPT11_GROUP_MOD] = {
        "OFPT_GROUP_MOD", 2, 5, OFPRAW_KIND_MSG, 15, 0,
        0, 0, 8, 8, 8, OFPTYPE_GROUP_MOD },
    [OFPRAW_OFPT15_GROUP_MOD] = {
        "OFPT_GROUP_MOD", 6, 6, OFPRAW_KIND_MSG, 15, 0,
        0, 0, 8, 16, 8, OFPTYPE_GROUP_MOD },
    [OFPRAW_OFPT11_PORT_MOD] = {
        "OFPT_PORT_MOD", 2, 4, OFPRAW_KIND_MSG, 16, 0,
        0, 0, 8, 32, 0, OFPTYPE_PORT_MOD },
    [OFPRAW_OFPT14_PORT_MOD] = {
        "OFPT_PORT_MOD", 5, 6, OFPRAW_KIND_MSG, 16, 0,
        0, 0, 8, 24, 8, OFPTYPE_PORT_MOD },
    [OFPRAW_OFPT11_TABLE_MOD] = {
        "OFPT_TABLE_MOD", 2, 4, OFPRAW_KIND_MSG, 17, 0,
        0, 0, 8, 8, 0, OFPTYPE_TABLE_MOD },
    [OFPRAW_OFPT14_TABLE_MOD] = {
        "OFPT_TABLE_MOD", 5, 6, OFPRAW_KIND_MSG, 17, 0,
        0, 0, 8, 8, 8, OFPTYPE_TABLE_MOD },
    [OFPRAW_OFPT10_BARRIER_REQUEST] = {
        "OFPT_BARRIER_REQUEST", 1, 1, OFPRAW_KIND_MSG, 18, 0,
        0, 0, 8, 0, 0, OFPTYPE_BARRIER_REQUEST },
    [OFPRAW_OFPT10_BARRIER_REPLY] = {
        "OFPT_BARRIER_REPLY", 1, 1, OFPRAW_KIND_MSG, 19, 0,
        0, 0, 8, 0, 0, OFPTYPE_BARRIER_REPLY },
    [OFPRAW_OFPT10_QUEUE_GET_CONFIG_REQUEST] = {
        "OFPT_QUEUE_GET_CONFIG_REQUEST", 1, 1, OFPRAW_KIND_MSG, 20, 0,
        0, 0, 8, 4, 0, OFPTYPE_QUEUE_GET_CONFIG_REQUEST },
    [OFPRAW_OFPT11_BARRIER_REQUEST] = {
        "OFPT_BARRIER_REQUEST", 2, 6, OFPRAW_KIND_MSG, 20, 0,
        0, 0, 8, 0, 0, OFPTYPE_BARRIER_REQUEST },
    [OFPRAW_OFPT10_QUEUE_GET_CONFIG_REPLY] = {
        "OFPT_QUEUE_GET_CONFIG_REPLY", 1, 1, OFPRAW_KIND_MSG, 21, 0,
        0, 0, 8, 8, 8, OFPTYPE_QUEUE_GET_CONFIG_REPLY },
    [OFPRAW_OFPT11_BARRIER_REPLY] = {
        "OFPT_BARRIER_REPLY", 2, 6, OFPRAW_KIND_MSG, 21, 0,
        0, 0, 8, 0, 0, OFPTYPE_BARRIER_REPLY },
    [OFPRAW_OFPT11_QUEUE_GET_CONFIG_REQUEST] = {
        "OFPT_QUEUE_GET_CONFIG_REQUEST", 2, 4, OFPRAW_KIND_MSG, 22, 0,
        0, 0, 8, 8, 0, OFPTYPE_QUEUE_GET_CONFIG_REQUEST },
    [OFPRAW_OFPT11_QUEUE_GET_CONFIG_REPLY] = {
        "OFPT_QUEUE_GET_CONFIG_REPLY", 2, 4, OFPRAW_KIND_MSG, 23, 0,
        0, 0, 8, 8, 8, OFPTYPE_QUEUE_GET_CONFIG_REPLY },
    [OFPRAW_OFPT12_ROLE_REQUEST] = {
        "OFPT_ROLE_REQUEST", 3, 6, OFPRAW_KIND_MSG, 24, 0,
        0, 0, 8, 16, 0, OFPTYPE_ROLE_REQUEST },
    [OFPRAW_OFPT12_ROLE_REPLY] = {
        "OFPT_ROLE_REPLY", 3, 6, OFPRAW_KIND_MSG, 25, 0,
        0, 0, 8, 16, 0, OFPTYPE_ROLE_REPLY },
    [OFPRAW_OFPT13_GET_ASYNC_REQUEST] = {
        "OFPT_GET_ASYNC_REQUEST", 4, 6, OFPRAW_KIND_MSG, 26, 0,
        0, 0, 8, 0, 0, OFPTYPE_GET_ASYNC_REQUEST },
    [OFPRAW_OFPT13_GET_ASYNC_REPLY] = {
        "OFPT_GET_ASYNC_REPLY", 4, 4, OFPRAW_KIND_MSG, 27, 0,
        0, 0, 8, 24, 0, OFPTYPE_GET_ASYNC_REPLY },
    [OFPRAW_OFPT14_GET_ASYNC_REPLY] = {
        "OFPT_GET_ASYNC_REPLY", 5, 6, OFPRAW_KIND_MSG, 27, 0,
        0, 0, 8, 0, 8, OFPTYPE_GET_ASYNC_REPLY },
    [OFPRAW_OFPT13_SET_ASYNC] = {
        "OFPT_SET_ASYNC", 4, 4, OFPRAW_KIND_MSG, 28, 0,
        0, 0, 8, 24, 0, OFPTYPE_SET_ASYNC_CONFIG },
    [OFPRAW_OFPT14_SET_ASYNC] = {
        "OFPT_SET_ASYNC", 5, 6, OFPRAW_KIND_MSG, 28, 0,
        0, 0, 8, 0, 8, OFPTYPE_SET_ASYNC_CONFIG },
    [OFPRAW_OFPT13_METER_MOD] = {
        "OFPT_METER_MOD", 4, 6, OFPRAW_KIND_MSG, 29, 0,
        0, 0, 8, 8, 8, OFPTYPE_METER_MOD },
    [OFPRAW_OFPT14_ROLE_STATUS] = {
        "OFPT_ROLE_STATUS", 5, 6, OFPRAW_KIND_MSG, 30, 0,
        0, 0, 8, 16, 8, OFPTYPE_ROLE_STATUS },
    [OFPRAW_OFPT14_TABLE_STATUS] = {
        "OFPT_TABLE_STATUS", 5, 6, OFPRAW_KIND_MSG, 31, 0,
        0, 0, 8, 8, 8, OFPTYPE_TABLE_STATUS },
    [OFPRAW_OFPT14_REQUESTFORWARD] = {
        "OFPT_REQUESTFORWARD", 5, 6, OFPRAW_KIND_MSG, 32, 0,
        0, 0, 8, 8, 8, OFPTYPE_REQUESTFORWARD },
    [OFPRAW_OFPT14_BUNDLE_CONTROL] = {
        "OFPT_BUNDLE_CONTROL", 5, 6, OFPRAW_KIND_MSG, 33, 0,
        0, 0, 8, 8, 8, OFPTYPE_BUNDLE_CONTROL },
    [OFPRAW_OFPT14_BUNDLE_ADD_MESSAGE] = {
        "OFPT_BUNDLE_ADD_MESSAGE", 5, 6, OFPRAW_KIND_MSG, 34, 0,
        0, 0, 8, 8, 1, OFPTYPE_BUNDLE_ADD_MESSAGE },
    [OFPRAW_NXT_ROLE_REQUEST] = {
        "NXT_ROLE_REQUEST", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 10, 16, 4, 0, OFPTYPE_ROLE_REQUEST },
    [OFPRAW_NXT_ROLE_REPLY] = {
        "NXT_ROLE_REPLY", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 11, 16, 4, 0, OFPTYPE_ROLE_REPLY },
    [OFPRAW_NXT_SET_FLOW_FORMAT] = {
        "NXT_SET_FLOW_FORMAT", 1, 1, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 12, 16, 4, 0, OFPTYPE_SET_FLOW_FORMAT },
    [OFPRAW_NXT_FLOW_MOD] = {
        "NXT_FLOW_MOD", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 13, 16, 32, 8, OFPTYPE_FLOW_MOD },
    [OFPRAW_NXT_FLOW_REMOVED] = {
        "NXT_FLOW_REMOVED", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 14, 16, 40, 8, OFPTYPE_FLOW_REMOVED },
    [OFPRAW_NXT_FLOW_MOD_TABLE_ID] = {
        "NXT_FLOW_MOD_TABLE_ID", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 15, 16, 8, 0, OFPTYPE_FLOW_MOD_TABLE_ID },
    [OFPRAW_NXT_SET_PACKET_IN_FORMAT] = {
        "NXT_SET_PACKET_IN_FORMAT", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 16, 16, 4, 0, OFPTYPE_SET_PACKET_IN_FORMAT },
    [OFPRAW_NXT_PACKET_IN] = {
        "NXT_PACKET_IN", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 17, 16, 24, 1, OFPTYPE_PACKET_IN },
    [OFPRAW_NXT_FLOW_AGE] = {
        "NXT_FLOW_AGE", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 18, 16, 0, 0, OFPTYPE_FLOW_AGE },
    [OFPRAW_NXT_SET_ASYNC_CONFIG] = {
        "NXT_SET_ASYNC_CONFIG", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 19, 16, 24, 0, OFPTYPE_SET_ASYNC_CONFIG },
    [OFPRAW_NXT_SET_CONTROLLER_ID] = {
        "NXT_SET_CONTROLLER_ID", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 20, 16, 8, 0, OFPTYPE_SET_CONTROLLER_ID },
    [OFPRAW_NXT_FLOW_MONITOR_CANCEL] = {
        "NXT_FLOW_MONITOR_CANCEL", 1, 3, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 21, 16, 4, 0, OFPTYPE_FLOW_MONITOR_CANCEL },
    [OFPRAW_NXT_FLOW_MONITOR_PAUSED] = {
        "NXT_FLOW_MONITOR_PAUSED", 1, 3, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 22, 16, 0, 0, OFPTYPE_FLOW_MONITOR_PAUSED },
    [OFPRAW_NXT_FLOW_MONITOR_RESUMED] = {
        "NXT_FLOW_MONITOR_RESUMED", 1, 3, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 23, 16, 0, 0, OFPTYPE_FLOW_MONITOR_RESUMED },
    [OFPRAW_NXT_TLV_TABLE_MOD] = {
        "NXT_TLV_TABLE_MOD", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 24, 16, 8, 8, OFPTYPE_TLV_TABLE_MOD },
    [OFPRAW_NXT_TLV_TABLE_REQUEST] = {
        "NXT_TLV_TABLE_REQUEST", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 25, 16, 0, 0, OFPTYPE_TLV_TABLE_REQUEST },
    [OFPRAW_NXT_TLV_TABLE_REPLY] = {
        "NXT_TLV_TABLE_REPLY", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 26, 16, 16, 8, OFPTYPE_TLV_TABLE_REPLY },
    [OFPRAW_NXT_SET_ASYNC_CONFIG2] = {
        "NXT_SET_ASYNC_CONFIG2", 1, 4, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 27, 16, 0, 8, OFPTYPE_SET_ASYNC_CONFIG },
    [OFPRAW_NXT_RESUME] = {
        "NXT_RESUME", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 28, 16, 0, 8, OFPTYPE_RESUME },
    [OFPRAW_NXT_CT_FLUSH_ZONE] = {
        "NXT_CT_FLUSH_ZONE", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 29, 16, 8, 0, OFPTYPE_CT_FLUSH_ZONE },
    [OFPRAW_NXT_PACKET_IN2] = {
        "NXT_PACKET_IN2", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 30, 16, 0, 8, OFPTYPE_PACKET_IN },
    [OFPRAW_NXT_GROUP_MOD] = {
        "NXT_GROUP_MOD", 1, 1, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 31, 16, 16, 8, OFPTYPE_GROUP_MOD },
    [OFPRAW_NXT_CT_FLUSH] = {
        "NXT_CT_FLUSH", 1, 6, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 32, 16, 8, 8, OFPTYPE_CT_FLUSH },
    [OFPRAW_NXT_REQUESTFORWARD] = {
        "NXT_REQUESTFORWARD", 1, 3, OFPRAW_KIND_MSG, 4, 0,
        NX_VENDOR_ID, 132, 16, 8, 8, OFPTYPE_REQUESTFORWARD },
    [OFPRAW_ONFT_FLOW_MONITOR_CANCEL] = {
        "ONFT_FLOW_MONITOR_CANCEL", 4, 4, OFPRAW_KIND_MSG, 4, 0,
        ONF_VENDOR_ID, 1870, 16, 4, 0, OFPTYPE_FLOW_MONITOR_CANCEL },
    [OFPRAW_ONFT_FLOW_MONITOR_PAUSED] = {
        "ONFT_FLOW_MONITOR_PAUSED", 4, 4, OFPRAW_KIND_MSG, 4, 0,
        ONF_VENDOR_ID, 1871, 16, 0, 0, OFPTYPE_FLOW_MONITOR_PAUSED },
    [OFPRAW_ONFT_FLOW_MONITOR_RESUMED] = {
        "ONFT_FLOW_MONITOR_RESUMED", 4, 4, OFPRAW_KIND_MSG, 4, 0,
        ONF_VENDOR_ID, 1872, 16, 0, 0, OFPTYPE_FLOW_MONITOR_RESUMED },
    [OFPRAW_ONFT_ROLE_STATUS] = {
        "ONFT_ROLE_STATUS", 4, 4, OFPRAW_KIND_MSG, 4, 0,
        ONF_VENDOR_ID, 1911, 16, 16, 8, OFPTYPE_ROLE_STATUS },
    [OFPRAW_ONFT_BUNDLE_CONTROL] = {
        "ONFT_BUNDLE_CONTROL", 4, 4, OFPRAW_KIND_MSG, 4, 0,
        ONF_VENDOR_ID, 2300, 16, 8, 8, OFPTYPE_BUNDLE_CONTROL },
    [OFPRAW_ONFT_BUNDLE_ADD_MESSAGE] = {
        "ONFT_BUNDLE_ADD_MESSAGE", 4, 4, OFPRAW_KIND_MSG, 4, 0,
        ONF_VENDOR_ID, 2301, 16, 8, 1, OFPTYPE_BUNDLE_ADD_MESSAGE },
    [OFPRAW_OFPST10_DESC_REQUEST] = {
        "OFPST_DESC request", 1, 1, OFPRAW_KIND_REQUEST, 16, 0,
        0, 0, 12, 0, 0, OFPTYPE_DESC_STATS_REQUEST },
    [OFPRAW_OFPST10_FLOW_REQUEST] = {
        "OFPST_FLOW request", 1, 1, OFPRAW_KIND_REQUEST, 16, 1,
        0, 0, 12, 44, 0, OFPTYPE_FLOW_STATS_REQUEST },
    [OFPRAW_OFPST10_AGGREGATE_REQUEST] = {
        "OFPST_AGGREGATE request", 1, 1, OFPRAW_KIND_REQUEST, 16, 2,
        0, 0, 12, 44, 0, OFPTYPE_AGGREGATE_STATS_REQUEST },
    [OFPRAW_OFPST10_TABLE_REQUEST] = {
        "OFPST_TABLE request", 1, 1, OFPRAW_KIND_REQUEST, 16, 3,
        0, 0, 12, 0, 0, OFPTYPE_TABLE_STATS_REQUEST },
    [OFPRAW_OFPST10_PORT_REQUEST] = {
        "OFPST_PORT request", 1, 1, OFPRAW_KIND_REQUEST, 16, 4,
        0, 0, 12, 8, 0, OFPTYPE_PORT_STATS_REQUEST },
    [OFPRAW_OFPST10_QUEUE_REQUEST] = {
        "OFPST_QUEUE request", 1, 1, OFPRAW_KIND_REQUEST, 16, 5,
        0, 0, 12, 8, 0, OFPTYPE_QUEUE_STATS_REQUEST },
    [OFPRAW_OFPST10_PORT_DESC_REQUEST] = {
        "OFPST_PORT_DESC request", 1, 1, OFPRAW_KIND_REQUEST, 16, 13,
        0, 0, 12, 0, 0, OFPTYPE_PORT_DESC_STATS_REQUEST },
    [OFPRAW_OFPST10_DESC_REPLY] = {
        "OFPST_DESC reply", 1, 1, OFPRAW_KIND_REPLY, 17, 0,
        0, 0, 12, 1056, 0, OFPTYPE_DESC_STATS_REPLY },
    [OFPRAW_OFPST10_FLOW_REPLY] = {
        "OFPST_FLOW reply", 1, 1, OFPRAW_KIND_REPLY, 17, 1,
        0, 0, 12, 0, 1, OFPTYPE_FLOW_STATS_REPLY },
    [OFPRAW_OFPST10_AGGREGATE_REPLY] = {
        "OFPST_AGGREGATE reply", 1, 1, OFPRAW_KIND_REPLY, 17, 2,
        0, 0, 12, 24, 0, OFPTYPE_AGGREGATE_STATS_REPLY },
    [OFPRAW_OFPST10_TABLE_REPLY] = {
        "OFPST_TABLE reply", 1, 1, OFPRAW_KIND_REPLY, 17, 3,
        0, 0, 12, 0, 64, OFPTYPE_TABLE_STATS_REPLY },
    [OFPRAW_OFPST10_PORT_REPLY] = {
        "OFPST_PORT reply", 1, 1, OFPRAW_KIND_REPLY, 17, 4,
        0, 0, 12, 0, 104, OFPTYPE_PORT_STATS_REPLY },
    [OFPRAW_OFPST10_QUEUE_REPLY] = {
        "OFPST_QUEUE reply", 1, 1, OFPRAW_KIND_REPLY, 17, 5,
        0, 0, 12, 0, 32, OFPTYPE_QUEUE_STATS_REPLY },
    [OFPRAW_OFPST10_PORT_DESC_REPLY] = {
        "OFPST_PORT_DESC reply", 1, 1, OFPRAW_KIND_REPLY, 17, 13,
        0, 0, 12, 0, 48, OFPTYPE_PORT_DESC_STATS_REPLY },
    [OFPRAW_OFPST11_DESC_REQUEST] = {
        "OFPST_DESC request", 2, 6, OFPRAW_KIND_REQUEST, 18, 0,
        0, 0, 16, 0, 0, OFPTYPE_DESC_STATS_REQUEST },
    [OFPRAW_OFPST11_FLOW_REQUEST] = {
        "OFPST_FLOW request", 2, 6, OFPRAW_KIND_REQUEST, 18, 1,
        0, 0, 16, 32, 8, OFPTYPE_FLOW_STATS_REQUEST },
    [OFPRAW_OFPST11_AGGREGATE_REQUEST] = {
        "OFPST_AGGREGATE request", 2, 6, OFPRAW_KIND_REQUEST, 18, 2,
        0, 0, 16, 32, 8, OFPTYPE_AGGREGATE_STATS_REQUEST },
    [OFPRAW_OFPST11_TABLE_REQUEST] = {
        "OFPST_TABLE request", 2, 6, OFPRAW_KIND_REQUEST, 18, 3,
        0, 0, 16, 0, 0, OFPTYPE_TABLE_STATS_REQUEST },
    [OFPRAW_OFPST11_PORT_REQUEST] = {
        "OFPST_PORT request", 2, 6, OFPRAW_KIND_REQUEST, 18, 4,
        0, 0, 16, 8, 0, OFPTYPE_PORT_STATS_REQUEST },
    [OFPRAW_OFPST11_QUEUE_REQUEST] = {
        "OFPST_QUEUE request", 2, 6, OFPRAW_KIND_REQUEST, 18, 5,
        0, 0, 16, 8, 0, OFPTYPE_QUEUE_STATS_REQUEST },
    [OFPRAW_OFPST11_GROUP_REQUEST] = {
        "OFPST_GROUP request", 2, 6, OFPRAW_KIND_REQUEST, 18, 6,
        0, 0, 16, 8, 0, OFPTYPE_GROUP_STATS_REQUEST },
    [OFPRAW_OFPST11_GROUP_DESC_REQUEST] = {
        "OFPST_GROUP_DESC request", 2, 5, OFPRAW_KIND_REQUEST, 18, 7,
        0, 0, 16, 0, 0, OFPTYPE_GROUP_DESC_STATS_REQUEST },
    [OFPRAW_OFPST15_GROUP_DESC_REQUEST] = {
        "OFPST_GROUP_DESC request", 6, 6, OFPRAW_KIND_REQUEST, 18, 7,
        0, 0, 16, 8, 0, OFPTYPE_GROUP_DESC_STATS_REQUEST },
    [OFPRAW_OFPST12_GROUP_FEATURES_REQUEST] = {
        "OFPST_GROUP_FEATURES request", 3, 6, OFPRAW_KIND_REQUEST, 18, 8,
        0, 0, 16, 0, 0, OFPTYPE_GROUP_FEATURES_STATS_REQUEST },
    [OFPRAW_OFPST13_METER_REQUEST] = {
        "OFPST_METER request", 4, 6, OFPRAW_KIND_REQUEST, 18, 9,
        0, 0, 16, 8, 0, OFPTYPE_METER_STATS_REQUEST },
    [OFPRAW_OFPST13_METER_CONFIG_REQUEST] = {
        "OFPST_METER_CONFIG request", 4, 6, OFPRAW_KIND_REQUEST, 18, 10,
        0, 0, 16, 8, 0, OFPTYPE_METER_CONFIG_STATS_REQUEST },
    [OFPRAW_OFPST13_METER_FEATURES_REQUEST] = {
        "OFPST_METER_FEATURES request", 4, 6, OFPRAW_KIND_REQUEST, 18, 11,
        0, 0, 16, 0, 0, OFPTYPE_METER_FEATURES_STATS_REQUEST },
    [OFPRAW_OFPST13_TABLE_FEATURES_REQUEST] = {
        "OFPST_TABLE_FEATURES request", 4, 6, OFPRAW_KIND_REQUEST, 18, 12,
        0, 0, 16, 0, 8, OFPTYPE_TABLE_FEATURES_STATS_REQUEST },
    [OFPRAW_OFPST11_PORT_DESC_REQUEST] = {
        "OFPST_PORT_DESC request", 2, 5, OFPRAW_KIND_REQUEST, 18, 13,
        0, 0, 16, 0, 0, OFPTYPE_PORT_DESC_STATS_REQUEST },
    [OFPRAW_OFPST15_PORT_DESC_REQUEST] = {
        "OFPST_PORT_DESC request", 6, 6, OFPRAW_KIND_REQUEST, 18, 13,
        0, 0, 16, 8, 0, OFPTYPE_PORT_DESC_STATS_REQUEST },
    [OFPRAW_OFPST14_TABLE_DESC_REQUEST] = {
        "OFPST_TABLE_DESC request", 5, 6, OFPRAW_KIND_REQUEST, 18, 14,
        0, 0, 16, 0, 0, OFPTYPE_TABLE_DESC_REQUEST },
    [OFPRAW_OFPST14_QUEUE_DESC_REQUEST] = {
        "OFPST_QUEUE_DESC request", 5, 6, OFPRAW_KIND_REQUEST, 18, 15,
        0, 0, 16, 8, 0, OFPTYPE_QUEUE_GET_CONFIG_REQUEST },
    [OFPRAW_OFPST14_FLOW_MONITOR_REQUEST] = {
        "OFPST_FLOW_MONITOR request", 5, 6, OFPRAW_KIND_REQUEST, 18, 16,
        0, 0, 16, 0, 8, OFPTYPE_FLOW_MONITOR_STATS_REQUEST },
    [OFPRAW_OFPST11_DESC_REPLY] = {
        "OFPST_DESC reply", 2, 6, OFPRAW_KIND_REPLY, 19, 0,
        0, 0, 16, 1056, 0, OFPTYPE_DESC_STATS_REPLY },
    [OFPRAW_OFPST11_FLOW_REPLY] = {
        "OFPST_FLOW reply", 2, 6, OFPRAW_KIND_REPLY, 19, 1,
        0, 0, 16, 0, 1, OFPTYPE_FLOW_STATS_REPLY },
    [OFPRAW_OFPST11_AGGREGATE_REPLY] = {
        "OFPST_AGGREGATE reply", 2, 5, OFPRAW_KIND_REPLY, 19, 2,
        0, 0, 16, 24, 0, OFPTYPE_AGGREGATE_STATS_REPLY },
    [OFPRAW_OFPST15_AGGREGATE_REPLY] = {
        "OFPST_AGGREGATE reply", 6, 6, OFPRAW_KIND_REPLY, 19, 2,
        0, 0, 16, 0, 1, OFPTYPE_AGGREGATE_STATS_REPLY },
    [OFPRAW_OFPST11_TABLE_REPLY] = {
        "OFPST_TABLE reply", 2, 2, OFPRAW_KIND_REPLY, 19, 3,
        0, 0, 16, 0, 88, OFPTYPE_TABLE_STATS_REPLY },
    [OFPRAW_OFPST12_TABLE_REPLY] = {
        "OFPST_TABLE reply", 3, 3, OFPRAW_KIND_REPLY, 19, 3,
        0, 0, 16, 0, 128, OFPTYPE_TABLE_STATS_REPLY },
    [OFPRAW_OFPST13_TABLE_REPLY] = {
        "OFPST_TABLE reply", 4, 6, OFPRAW_KIND_REPLY, 19, 3,
        0, 0, 16, 0, 24, OFPTYPE_TABLE_STATS_REPLY },
    [OFPRAW_OFPST11_PORT_REPLY] = {
        "OFPST_PORT reply", 2, 3, OFPRAW_KIND_REPLY, 19, 4,
        0, 0, 16, 0, 104, OFPTYPE_PORT_STATS_REPLY },
    [OFPRAW_OFPST13_PORT_REPLY] = {
        "OFPST_PORT reply", 4, 4, OFPRAW_KIND_REPLY, 19, 4,
        0, 0, 16, 0, 112, OFPTYPE_PORT_STATS_REPLY },
    [OFPRAW_OFPST14_PORT_REPLY] = {
        "OFPST_PORT reply", 5, 6, OFPRAW_KIND_REPLY, 19, 4,
        0, 0, 16, 0, 8, OFPTYPE_PORT_STATS_REPLY },
    [OFPRAW_OFPST11_QUEUE_REPLY] = {
        "OFPST_QUEUE reply", 2, 3, OFPRAW_KIND_REPLY, 19, 5,
        0, 0, 16, 0, 32, OFPTYPE_QUEUE_STATS_REPLY },
    [OFPRAW_OFPST13_QUEUE_REPLY] = {
        "OFPST_QUEUE reply", 4, 4, OFPRAW_KIND_REPLY, 19, 5,
        0, 0, 16, 0, 40, OFPTYPE_QUEUE_STATS_REPLY },
    [OFPRAW_OFPST14_QUEUE_REPLY] = {
        "OFPST_QUEUE reply", 5, 6, OFPRAW_KIND_REPLY, 19, 5,
        0, 0, 16, 0, 8, OFPTYPE_QUEUE_STATS_REPLY },
    [OFPRAW_OFPST11_GROUP_REPLY] = {
        "OFPST_GROUP reply", 2, 6, OFPRAW_KIND_REPLY, 19, 6,
        0, 0, 16, 0, 8, OFPTYPE_GROUP_STATS_REPLY },
    [OFPRAW_OFPST11_GROUP_DESC_REPLY] = {
        "OFPST_GROUP_DESC reply", 2, 6, OFPRAW_KIND_REPLY, 19, 7,
        0, 0, 16, 0, 8, OFPTYPE_GROUP_DESC_STATS_REPLY },
    [OFPRAW_OFPST12_GROUP_FEATURES_REPLY] = {
        "OFPST_GROUP_FEATURES reply", 3, 6, OFPRAW_KIND_REPLY, 19, 8,
        0, 0, 16, 40, 0, OFPTYPE_GROUP_FEATURES_STATS_REPLY },
    [OFPRAW_OFPST13_METER_REPLY] = {
        "OFPST_METER reply", 4, 6, OFPRAW_KIND_REPLY, 19, 9,
        0, 0, 16, 0, 8, OFPTYPE_METER_STATS_REPLY },
    [OFPRAW_OFPST13_METER_CONFIG_REPLY] = {
        "OFPST_METER_CONFIG reply", 4, 6, OFPRAW_KIND_REPLY, 19, 10,
        0, 0, 16, 0, 8, OFPTYPE_METER_CONFIG_STATS_REPLY },
    [OFPRAW_OFPST13_METER_FEATURES_REPLY] = {
        "OFPST_METER_FEATURES reply", 4, 6, OFPRAW_KIND_REPLY, 19, 11,
        0, 0, 16, 16, 0, OFPTYPE_METER_FEATURES_STATS_REPLY },
    [OFPRAW_OFPST13_TABLE_FEATURES_REPLY] = {
        "OFPST_TABLE_FEATURES reply", 4, 6, OFPRAW_KIND_REPLY, 19, 12,
        0, 0, 16, 64, 8, OFPTYPE_TABLE_FEATURES_STATS_REPLY },
    [OFPRAW_OFPST11_PORT_DESC_REPLY] = {
        "OFPST_PORT_DESC reply", 2, 4, OFPRAW_KIND_REPLY, 19, 13,
        0, 0, 16, 0, 64, OFPTYPE_PORT_DESC_STATS_REPLY },
    [OFPRAW_OFPST14_PORT_DESC_REPLY] = {
        "OFPST_PORT_DESC reply", 5, 6, OFPRAW_KIND_REPLY, 19, 13,
        0, 0, 16, 0, 8, OFPTYPE_PORT_DESC_STATS_REPLY },
    [OFPRAW_OFPST14_TABLE_DESC_REPLY] = {
        "OFPST_TABLE_DESC reply", 5, 6, OFPRAW_KIND_REPLY, 19, 14,
        0, 0, 16, 8, 8, OFPTYPE_TABLE_DESC_REPLY },
    [OFPRAW_OFPST14_QUEUE_DESC_REPLY] = {
        "OFPST_QUEUE_DESC reply", 5, 6, OFPRAW_KIND_REPLY, 19, 15,
        0, 0, 16, 0, 8, OFPTYPE_QUEUE_GET_CONFIG_REPLY },
    [OFPRAW_OFPST14_FLOW_MONITOR_REPLY] = {
        "OFPST_FLOW_MONITOR reply", 5, 6, OFPRAW_KIND_REPLY, 19, 16,
        0, 0, 16, 0, 8, OFPTYPE_FLOW_MONITOR_STATS_REPLY },
    [OFPRAW_NXST_FLOW_REQUEST] = {
        "NXST_FLOW request", 1, 1, OFPRAW_KIND_REQUEST, 16, 0xffff,
        NX_VENDOR_ID, 0, 24, 8, 8, OFPTYPE_FLOW_STATS_REQUEST },
    [OFPRAW_NXST_AGGREGATE_REQUEST] = {
        "NXST_AGGREGATE request", 1, 1, OFPRAW_KIND_REQUEST, 16, 0xffff,
        NX_VENDOR_ID, 1, 24, 8, 8, OFPTYPE_AGGREGATE_STATS_REQUEST },
    [OFPRAW_NXST10_FLOW_MONITOR_REQUEST] = {
        "NXST_FLOW_MONITOR request", 1, 1, OFPRAW_KIND_REQUEST, 16, 0xffff,
        NX_VENDOR_ID, 2, 24, 0, 8, OFPTYPE_FLOW_MONITOR_STATS_REQUEST },
    [OFPRAW_NXST10_IPFIX_BRIDGE_REQUEST] = {
        "NXST_IPFIX_BRIDGE request", 1, 1, OFPRAW_KIND_REQUEST, 16, 0xffff,
        NX_VENDOR_ID, 3, 24, 0, 0, OFPTYPE_IPFIX_BRIDGE_STATS_REQUEST },
    [OFPRAW_NXST10_IPFIX_FLOW_REQUEST] = {
        "NXST_IPFIX_FLOW request", 1, 1, OFPRAW_KIND_REQUEST, 16, 0xffff,
        NX_VENDOR_ID, 4, 24, 0, 0, OFPTYPE_IPFIX_FLOW_STATS_REQUEST },
    [OFPRAW_NXST_GROUP_REQUEST] = {
        "NXST_GROUP request", 1, 1, OFPRAW_KIND_REQUEST, 16, 0xffff,
        NX_VENDOR_ID, 7, 24, 8, 0, OFPTYPE_GROUP_STATS_REQUEST },
    [OFPRAW_NXST_GROUP_DESC_REQUEST] = {
        "NXST_GROUP_DESC request", 1, 1, OFPRAW_KIND_REQUEST, 16, 0xffff,
        NX_VENDOR_ID, 8, 24, 8, 0, OFPTYPE_GROUP_DESC_STATS_REQUEST },
    [OFPRAW_NXST_GROUP_FEATURES_REQUEST] = {
        "NXST_GROUP_FEATURES request", 1, 2, OFPRAW_KIND_REQUEST, 16, 0xffff,
        NX_VENDOR_ID, 9, 24, 0, 0, OFPTYPE_GROUP_FEATURES_STATS_REQUEST },
    [OFPRAW_NXST_FLOW_REPLY] = {
        "NXST_FLOW reply", 1, 1, OFPRAW_KIND_REPLY, 17, 0xffff,
        NX_VENDOR_ID, 0, 24, 0, 1, OFPTYPE_FLOW_STATS_REPLY },
    [OFPRAW_NXST_AGGREGATE_REPLY] = {
        "NXST_AGGREGATE reply", 1, 1, OFPRAW_KIND_REPLY, 17, 0xffff,
        NX_VENDOR_ID, 1, 24, 24, 0, OFPTYPE_AGGREGATE_STATS_REPLY },
    [OFPRAW_NXST10_FLOW_MONITOR_REPLY] = {
        "NXST_FLOW_MONITOR reply", 1, 1, OFPRAW_KIND_REPLY, 17, 0xffff,
        NX_VENDOR_ID, 2, 24, 0, 8, OFPTYPE_FLOW_MONITOR_STATS_REPLY },
    [OFPRAW_NXST10_IPFIX_BRIDGE_REPLY] = {
        "NXST_IPFIX_BRIDGE reply", 1, 1, OFPRAW_KIND_REPLY, 17, 0xffff,
        NX_VENDOR_ID, 3, 24, 88, 0, OFPTYPE_IPFIX_BRIDGE_STATS_REPLY },
    [OFPRAW_NXST10_IPFIX_FLOW_REPLY] = {
        "NXST_IPFIX_FLOW reply", 1, 1, OFPRAW_KIND_REPLY, 17, 0xffff,
        NX_VENDOR_ID, 4, 24, 0, 88, OFPTYPE_IPFIX_FLOW_STATS_REPLY },
    [OFPRAW_NXST_GROUP_REPLY] = {
        "NXST_GROUP reply", 1, 1, OFPRAW_KIND_REPLY, 17, 0xffff,
        NX_VENDOR_ID, 7, 24, 0, 8, OFPTYPE_GROUP_STATS_REPLY },
    [OFPRAW_NXST_GROUP_DESC_REPLY] = {
        "NXST_GROUP_DESC reply", 1, 1, OFPRAW_KIND_REPLY, 17, 0xffff,
        NX_VENDOR_ID, 8, 24, 0, 8, OFPTYPE_GROUP_DESC_STATS_REPLY },
    [OFPRAW_NXST_GROUP_FEATURES_REPLY] = {
        "NXST_GROUP_FEATURES reply", 1, 2, OFPRAW_KIND_REPLY, 17, 0xffff,
        NX_VENDOR_ID, 9, 24, 40, 0, OFPTYPE_GROUP_FEATURES_STATS_REPLY },
    [OFPRAW_NXST11_FLOW_MONITOR_REQUEST] = {
        "NXST_FLOW_MONITOR request", 2, 3, OFPRAW_KIND_REQUEST, 18, 0xffff,
        NX_VENDOR_ID, 2, 24, 0, 8, OFPTYPE_FLOW_MONITOR_STATS_REQUEST },
    [OFPRAW_NXST11_IPFIX_BRIDGE_REQUEST] = {
        "NXST_IPFIX_BRIDGE request", 2, 6, OFPRAW_KIND_REQUEST, 18, 0xffff,
        NX_VENDOR_ID, 3, 24, 0, 0, OFPTYPE_IPFIX_BRIDGE_STATS_REQUEST },
    [OFPRAW_NXST11_IPFIX_FLOW_REQUEST] = {
        "NXST_IPFIX_FLOW request", 2, 6, OFPRAW_KIND_REQUEST, 18, 0xffff,
        NX_VENDOR_ID, 4, 24, 0, 0, OFPTYPE_IPFIX_FLOW_STATS_REQUEST },
    [OFPRAW_NXST11_FLOW_MONITOR_REPLY] = {
        "NXST_FLOW_MONITOR reply", 2, 3, OFPRAW_KIND_REPLY, 19, 0xffff,
        NX_VENDOR_ID, 2, 24, 0, 8, OFPTYPE_FLOW_MONITOR_STATS_REPLY },
    [OFPRAW_NXST11_IPFIX_BRIDGE_REPLY] = {
        "NXST_IPFIX_BRIDGE reply", 2, 6, OFPRAW_KIND_REPLY, 19, 0xffff,
        NX_VENDOR_ID, 3, 24, 88, 0, OFPTYPE_IPFIX_BRIDGE_STATS_REPLY },
    [OFPRAW_NXST11_IPFIX_FLOW_REPLY] = {
        "NXST_IPFIX_FLOW reply", 2, 6, OFPRAW_KIND_REPLY, 19, 0xffff,
        NX_VENDOR_ID, 4, 24, 0, 88, OFPTYPE_IPFIX_FLOW_STATS_REPLY },
    [OFPRAW_ONFST_FLOW_MONITOR_REQUEST] = {
        "ONFST_FLOW_MONITOR request", 4, 4, OFPRAW_KIND_REQUEST, 18, 0xffff,
        ONF_VENDOR_ID, 1870, 24, 0, 8, OFPTYPE_FLOW_MONITOR_STATS_REQUEST },
    [OFPRAW_ONFST_FLOW_MONITOR_REPLY] = {
        "ONFST_FLOW_MONITOR reply", 4, 4, OFPRAW_KIND_REPLY, 19, 0xffff,
        ONF_VENDOR_ID, 1870, 24, 0, 8, OFPTYPE_FLOW_MONITOR_STATS_REPLY },
};

/* The identifying headers of a message. */
struct ofphdrs {
    uint8_t version;
    uint8_t type;
    uint16_t stat;
    uint32_t vendor;
    uint32_t subtype;
};

static struct vlog_rate_limit bad_ofmsg_rl = VLOG_RATE_LIMIT_INIT(1, 5);

static const struct raw_info *
raw_info_get(enum ofpraw raw)
{
    svs_assert((unsigned int) raw < OFPRAW_N_RAWS);
    return &raw_infos[raw];
}

/* Returns true if 'type' is a statistics request or reply in 'version'. */
static bool
ofp_is_stat_type(uint8_t version, uint8_t type)
{
    return (version == OFP10_VERSION
            ? type == OFPT10_STATS_REQUEST || type == OFPT10_STATS_REPLY
            : type == OFPT11_STATS_REQUEST || type == OFPT11_STATS_REPLY);
}

/* Returns the message type of statistics requests (if 'request') or
 * replies in 'version'. */
static uint8_t
ofp_stat_type(uint8_t version, bool request)
{
    return (version == OFP10_VERSION
            ? (request ? OFPT10_STATS_REQUEST : OFPT10_STATS_REPLY)
            : (request ? OFPT11_STATS_REQUEST : OFPT11_STATS_REPLY));
}

/* Returns true if 'vendor' is one whose messages carry a subtype. */
static bool
ofp_is_known_vendor(uint32_t vendor)
{
    return vendor == NX_VENDOR_ID || vendor == ONF_VENDOR_ID;
}

static uint32_t
get_be32_at(const void *p, size_t ofs)
{
    be32 x;
    memcpy(&x, (const char *) p + ofs, sizeof x);
    return ntohl(x);
}

static uint16_t
get_be16_at(const void *p, size_t ofs)
{
    be16 x;
    memcpy(&x, (const char *) p + ofs, sizeof x);
    return ntohs(x);
}

/* Decodes the identifying headers of the 'length' bytes at 'oh' into
 * 'hdrs'. */
static enum ofperr
ofphdrs_decode(struct ofphdrs *hdrs, const struct ofp_header *oh,
               size_t length)
{
    memset(hdrs, 0, sizeof *hdrs);
    if (length < sizeof *oh) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    hdrs->version = oh->version;
    hdrs->type = oh->type;

    if (oh->type == OFPT_VENDOR) {
        /* Open vSwitch requires the subtype to be present even before it
         * looks at the vendor. */
        if (length < sizeof(struct ofp_ext_header)) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        hdrs->vendor = get_be32_at(oh, 8);
        if (!ofp_is_known_vendor(hdrs->vendor)) {
            VLOG_WARN_RL(&bad_ofmsg_rl, "OpenFlow message has unknown "
                         "vendor %#"PRIx32, hdrs->vendor);
            return OFPERR_OFPBRC_BAD_VENDOR;
        }
        hdrs->subtype = get_be32_at(oh, 12);
    } else if (ofp_is_stat_type(oh->version, oh->type)) {
        bool of10 = oh->version == OFP10_VERSION;
        size_t hl = (of10 ? sizeof(struct ofp10_stats_msg)
                     : sizeof(struct ofp11_stats_msg));
        if (length < hl) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        hdrs->stat = get_be16_at(oh, 8);
        if (hdrs->stat == OFPST_VENDOR) {
            /* OpenFlow 1.0 needs the vendor id to identify the vendor, 1.1+
             * needs the whole experimenter header; both need the whole
             * header (with 1.0's padding) for a known vendor. */
            if (length < (of10 ? hl + 4 : hl + 8)) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            hdrs->vendor = get_be32_at(oh, hl);
            if (!ofp_is_known_vendor(hdrs->vendor)) {
                VLOG_WARN_RL(&bad_ofmsg_rl, "OpenFlow message has unknown "
                             "vendor %#"PRIx32, hdrs->vendor);
                return OFPERR_OFPBRC_BAD_VENDOR;
            }
            if (length < sizeof(struct ofp10_vendor_stats_msg)) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            hdrs->subtype = get_be32_at(oh, hl + 4);
        }
    }
    return 0;
}

/* Finds the raw type identified by 'hdrs'. */
static enum ofperr
ofpraw_from_ofphdrs(enum ofpraw *rawp, const struct ofphdrs *hdrs)
{
    for (size_t i = 0; i < OFPRAW_N_RAWS; i++) {
        const struct raw_info *info = &raw_infos[i];
        bool type_ok;
        if (info->kind == OFPRAW_KIND_MSG) {
            type_ok = (info->type == hdrs->type
                       && !ofp_is_stat_type(hdrs->version, hdrs->type));
        } else {
            type_ok = (ofp_is_stat_type(hdrs->version, hdrs->type)
                       && (ofp_stat_type(hdrs->version,
                                         info->kind == OFPRAW_KIND_REQUEST)
                           == hdrs->type));
        }
        if (type_ok
            && hdrs->version >= info->min_version
            && hdrs->version <= info->max_version
            && info->stat == hdrs->stat
            && info->vendor == hdrs->vendor
            && info->subtype == hdrs->subtype) {
            *rawp = i;
            return 0;
        }
    }

    struct ds s = DS_EMPTY_INITIALIZER;
    ds_put_format(&s, "version %"PRIu8", type %"PRIu8,
                  hdrs->version, hdrs->type);
    if (ofp_is_stat_type(hdrs->version, hdrs->type)) {
        ds_put_format(&s, ", stat %"PRIu16, hdrs->stat);
    }
    if (hdrs->vendor) {
        ds_put_format(&s, ", vendor %#"PRIx32", subtype %"PRIu32,
                      hdrs->vendor, hdrs->subtype);
    }
    VLOG_WARN_RL(&bad_ofmsg_rl, "unknown OpenFlow message (%s)",
                 ds_cstr(&s));
    ds_destroy(&s);

    *rawp = 0;
    return (hdrs->vendor ? OFPERR_OFPBRC_BAD_SUBTYPE
            : ofp_is_stat_type(hdrs->version, hdrs->type)
            ? OFPERR_OFPBRC_BAD_STAT
            : OFPERR_OFPBRC_BAD_TYPE);
}

/* Identifies the message of which 'length' bytes are available at 'oh',
 * without checking its length field or body length: only enough bytes to
 * identify the message are needed.  Stores the raw type in '*rawp' and
 * returns 0, or returns an OFPBRC_* error (and stores 0). */
enum ofperr
ofpraw_decode_partial(enum ofpraw *rawp, const struct ofp_header *oh,
                      size_t length)
{
    struct ofphdrs hdrs;
    enum ofperr error = ofphdrs_decode(&hdrs, oh, length);
    if (error) {
        *rawp = 0;
        return error;
    }
    return ofpraw_from_ofphdrs(rawp, &hdrs);
}

/* Checks that 'length' is valid for a message of type 'raw'. */
static enum ofperr
ofpraw_check_length(enum ofpraw raw, size_t length)
{
    const struct raw_info *info = raw_info_get(raw);
    size_t min_len = info->hdrs_len + info->min_body;

    if (!info->multiple) {
        if (length != min_len) {
            VLOG_WARN_RL(&bad_ofmsg_rl, "received %s with incorrect length "
                         "%zu (expected length %zu)", info->name, length,
                         min_len);
            return OFPERR_OFPBRC_BAD_LEN;
        }
    } else if (length < min_len
               || (length - min_len) % info->multiple) {
        if (info->multiple == 1) {
            VLOG_WARN_RL(&bad_ofmsg_rl, "received %s with incorrect length "
                         "%zu (expected length at least %zu bytes)",
                         info->name, length, min_len);
        } else {
            VLOG_WARN_RL(&bad_ofmsg_rl, "received %s with incorrect length "
                         "%zu (must be exactly %zu bytes or longer by an "
                         "integer multiple of %"PRIu16" bytes)",
                         info->name, length, min_len, info->multiple);
        }
        return OFPERR_OFPBRC_BAD_LEN;
    }
    return 0;
}

/* Identifies the complete message 'oh' (its length field tells its size)
 * and checks its length.  Stores its raw type in '*rawp' and returns 0, or
 * returns an OFPBRC_* error (and stores 0). */
enum ofperr
ofpraw_decode(enum ofpraw *rawp, const struct ofp_header *oh)
{
    size_t length = ntohs(oh->length);
    enum ofperr error = ofpraw_decode_partial(rawp, oh, length);
    if (!error) {
        error = ofpraw_check_length(*rawp, length);
        if (error) {
            *rawp = 0;
        }
    }
    return error;
}

/* Like ofpraw_decode(), but aborts on error. */
enum ofpraw
ofpraw_decode_assert(const struct ofp_header *oh)
{
    enum ofpraw raw;
    enum ofperr error = ofpraw_decode(&raw, oh);
    svs_assert(!error);
    return raw;
}

/* Identifies the message that fills 'b' (its size, not its length field,
 * is the message length) and checks its length.  On success, stores its
 * raw type in '*rawp', sets b->header to the start of the message, pulls
 * the headers off 'b' and points b->msg at the body.  On failure, returns
 * an OFPBRC_* error and leaves 'b' unchanged. */
enum ofperr
ofpraw_pull(enum ofpraw *rawp, struct ofpbuf *b)
{
    enum ofpraw raw;
    enum ofperr error = ofpraw_decode_partial(&raw, b->data, b->size);
    if (!error) {
        error = ofpraw_check_length(raw, b->size);
    }
    if (error) {
        *rawp = 0;
        return error;
    }

    b->header = b->data;
    ofpbuf_pull(b, raw_info_get(raw)->hdrs_len);
    b->msg = b->data;
    *rawp = raw;
    return 0;
}

/* Like ofpraw_pull(), but aborts on error. */
enum ofpraw
ofpraw_pull_assert(struct ofpbuf *b)
{
    enum ofpraw raw;
    enum ofperr error = ofpraw_pull(&raw, b);
    svs_assert(!error);
    return raw;
}

/* Like ofpraw_decode(), but yields the ofptype. */
enum ofperr
ofptype_decode(enum ofptype *typep, const struct ofp_header *oh)
{
    enum ofpraw raw;
    enum ofperr error = ofpraw_decode(&raw, oh);
    *typep = error ? 0 : ofptype_from_ofpraw(raw);
    return error;
}

/* Like ofpraw_pull(), but yields the ofptype. */
enum ofperr
ofptype_pull(enum ofptype *typep, struct ofpbuf *b)
{
    enum ofpraw raw;
    enum ofperr error = ofpraw_pull(&raw, b);
    *typep = error ? 0 : ofptype_from_ofpraw(raw);
    return error;
}

/* Returns the meaning of 'raw'. */
enum ofptype
ofptype_from_ofpraw(enum ofpraw raw)
{
    return raw_info_get(raw)->ofptype;
}

/* Returns the name of 'raw' as ovs-ofctl prints it. */
const char *
ofpraw_get_name(enum ofpraw raw)
{
    return raw_info_get(raw)->name;
}

/* Returns the name of 'type': that of the first raw type with its
 * meaning. */
const char *
ofptype_get_name(enum ofptype type)
{
    for (size_t i = 0; i < OFPRAW_N_RAWS; i++) {
        if (raw_infos[i].ofptype == type) {
            return raw_infos[i].name;
        }
    }
    return "<unknown>";
}

/* Returns true if 'raw' exists in OpenFlow 'version'. */
bool
ofpraw_is_valid_version(enum ofpraw raw, uint8_t version)
{
    const struct raw_info *info = raw_info_get(raw);
    return version >= info->min_version && version <= info->max_version;
}

/* Returns the length of the headers of 'raw'. */
size_t
ofpraw_hdrs_len(enum ofpraw raw)
{
    return raw_info_get(raw)->hdrs_len;
}

/* Returns the minimum (or, if ofpraw_body_multiple() is 0, exact) length
 * of the body of 'raw'. */
size_t
ofpraw_min_body(enum ofpraw raw)
{
    return raw_info_get(raw)->min_body;
}

/* Returns the size of the repeated element of the body of 'raw', 1 for a
 * body of any length at least ofpraw_min_body(), or 0 for a fixed-size
 * body. */
size_t
ofpraw_body_multiple(enum ofpraw raw)
{
    return raw_info_get(raw)->multiple;
}

/* Returns the reply raw type that answers the statistics request 'raw' in
 * 'version'. */
enum ofpraw
ofpraw_stats_request_to_reply(enum ofpraw raw, uint8_t version)
{
    const struct raw_info *req = raw_info_get(raw);
    svs_assert(req->kind == OFPRAW_KIND_REQUEST);

    for (size_t i = 0; i < OFPRAW_N_RAWS; i++) {
        const struct raw_info *info = &raw_infos[i];
        if (info->kind == OFPRAW_KIND_REPLY
            && info->stat == req->stat
            && info->vendor == req->vendor
            && info->subtype == req->subtype
            && version >= info->min_version
            && version <= info->max_version) {
            return i;
        }
    }
    SVS_NOT_REACHED();
}

/* Appends the headers of a message of type 'raw' to 'b' (which may already
 * hold data; b->header will point at the new message). */
static void
ofpraw_put__(enum ofpraw raw, uint8_t version, be32 xid, struct ofpbuf *b)
{
    const struct raw_info *info = raw_info_get(raw);
    svs_assert(version >= info->min_version && version <= info->max_version);

    size_t start = b->size;
    ofpbuf_prealloc_tailroom(b, info->hdrs_len + info->min_body);
    struct ofp_header *oh = ofpbuf_put_zeros(b, info->hdrs_len);
    oh->version = version;
    oh->type = (info->kind == OFPRAW_KIND_MSG ? info->type
                : ofp_stat_type(version, info->kind == OFPRAW_KIND_REQUEST));
    oh->xid = xid;

    char *p = (char *) oh;
    if (info->kind == OFPRAW_KIND_MSG) {
        if (info->vendor) {
            struct ofp_ext_header *eh = (struct ofp_ext_header *) oh;
            eh->vendor = htonl(info->vendor);
            eh->subtype = htonl(info->subtype);
        }
    } else {
        be16 stat = htons(info->stat);
        memcpy(p + 8, &stat, 2);
        if (info->vendor) {
            size_t hl = (version == OFP10_VERSION
                         ? sizeof(struct ofp10_stats_msg)
                         : sizeof(struct ofp11_stats_msg));
            be32 vendor = htonl(info->vendor);
            be32 subtype = htonl(info->subtype);
            memcpy(p + hl, &vendor, 4);
            memcpy(p + hl + 4, &subtype, 4);
        }
    }

    b->header = (char *) b->data + start;
    b->msg = ofpbuf_tail(b);
    ofpmsg_update_length(b);
}

/* Returns a new message of type 'raw' and OpenFlow 'version' with a fresh
 * transaction id, holding only its headers, with room for its minimum body
 * plus 'extra_tailroom' bytes. */
struct ofpbuf *
ofpraw_alloc(enum ofpraw raw, uint8_t version, size_t extra_tailroom)
{
    return ofpraw_alloc_xid(raw, version, alloc_xid(), extra_tailroom);
}

/* Like ofpraw_alloc(), with transaction id 'xid'. */
struct ofpbuf *
ofpraw_alloc_xid(enum ofpraw raw, uint8_t version, be32 xid,
                 size_t extra_tailroom)
{
    const struct raw_info *info = raw_info_get(raw);
    struct ofpbuf *b = ofpbuf_new(info->hdrs_len + info->min_body
                                  + extra_tailroom);
    ofpraw_put__(raw, version, xid, b);
    return b;
}

/* Like ofpraw_alloc(), with the version and transaction id of
 * 'request'. */
struct ofpbuf *
ofpraw_alloc_reply(enum ofpraw raw, const struct ofp_header *request,
                   size_t extra_tailroom)
{
    return ofpraw_alloc_xid(raw, request->version, request->xid,
                            extra_tailroom);
}

/* Returns a new reply to the statistics request 'request': same version
 * and transaction id, the matching reply raw type, flags 0. */
struct ofpbuf *
ofpraw_alloc_stats_reply(const struct ofp_header *request,
                         size_t extra_tailroom)
{
    enum ofpraw raw = ofpraw_decode_assert(request);
    return ofpraw_alloc_reply(ofpraw_stats_request_to_reply(
                                  raw, request->version),
                              request, extra_tailroom);
}

/* Appends the headers of a message of type 'raw' to 'b', with a fresh
 * transaction id. */
void
ofpraw_put(enum ofpraw raw, uint8_t version, struct ofpbuf *b)
{
    ofpraw_put__(raw, version, alloc_xid(), b);
}

/* Appends the headers of a message of type 'raw' to 'b', with 'xid'. */
void
ofpraw_put_xid(enum ofpraw raw, uint8_t version, be32 xid, struct ofpbuf *b)
{
    ofpraw_put__(raw, version, xid, b);
}

/* Appends the headers of a reply of type 'raw' to 'request' to 'b'. */
void
ofpraw_put_reply(enum ofpraw raw, const struct ofp_header *request,
                 struct ofpbuf *b)
{
    ofpraw_put__(raw, request->version, request->xid, b);
}

/* Appends the headers of a reply to statistics request 'request' to
 * 'b'. */
void
ofpraw_put_stats_reply(const struct ofp_header *request, struct ofpbuf *b)
{
    enum ofpraw raw = ofpraw_decode_assert(request);
    ofpraw_put__(ofpraw_stats_request_to_reply(raw, request->version),
                 request->version, request->xid, b);
}

/* Sets the length field of the message that starts at b->header to the
 * number of bytes from there to the end of 'b'. */
void
ofpmsg_update_length(struct ofpbuf *b)
{
    struct ofp_header *oh = b->header;
    size_t len = (char *) ofpbuf_tail(b) - (char *) oh;
    svs_assert(len <= UINT16_MAX);
    oh->length = htons(len);
}

/* Returns a fresh transaction id. */
be32
alloc_xid(void)
{
    static atomic_uint next_xid = 1;
    return htonl(atomic_fetch_add(&next_xid, 1));
}

/* Returns the body of the message 'oh' (just past its headers); 'oh' must
 * be a valid message. */
const void *
ofpmsg_body(const struct ofp_header *oh)
{
    enum ofpraw raw = ofpraw_decode_assert(oh);
    return (const char *) oh + raw_info_get(raw)->hdrs_len;
}

/* Returns true if 'oh' is a statistics request or reply. */
bool
ofpmsg_is_stat(const struct ofp_header *oh)
{
    return ofp_is_stat_type(oh->version, oh->type);
}

/* Returns true if 'oh' is a statistics request. */
bool
ofpmsg_is_stat_request(const struct ofp_header *oh)
{
    return (oh->version == OFP10_VERSION
            ? oh->type == OFPT10_STATS_REQUEST
            : oh->type == OFPT11_STATS_REQUEST);
}

/* Returns true if 'oh' is a statistics reply. */
bool
ofpmsg_is_stat_reply(const struct ofp_header *oh)
{
    return (oh->version == OFP10_VERSION
            ? oh->type == OFPT10_STATS_REPLY
            : oh->type == OFPT11_STATS_REPLY);
}

/* Returns the flags of the statistics message 'oh'. */
uint16_t
ofpmp_flags(const struct ofp_header *oh)
{
    return get_be16_at(oh, 10);
}

/* Returns true if the statistics message 'oh' has the "more" flag. */
bool
ofpmp_more(const struct ofp_header *oh)
{
    return (ofpmp_flags(oh) & OFPSF_REPLY_MORE) != 0;
}

/* Sets or clears the "more" flag of the statistics message 'oh'. */
void
ofpmp_set_more(struct ofp_header *oh, bool more)
{
    uint16_t flags = ofpmp_flags(oh);
    flags = more ? flags | OFPSF_REPLY_MORE : flags & ~OFPSF_REPLY_MORE;
    be16 f = htons(flags);
    memcpy((char *) oh + 10, &f, 2);
}

/* Initializes 'replies' as a list holding one empty reply to the
 * statistics request 'request'. */
void
ofpmp_init(struct svs_list *replies, const struct ofp_header *request)
{
    svs_list_init(replies);
    struct ofpbuf *msg = ofpraw_alloc_stats_reply(request, 1000);
    svs_list_push_back(replies, &msg->list_node);
}

static struct ofpbuf *
ofpmp_last(struct svs_list *replies)
{
    return CONTAINER_OF(replies->prev, struct ofpbuf, list_node);
}

/* Returns a message of the 'replies' list with room for 'len' more bytes
 * within the 65535-byte limit of a message: the last message, or a new one
 * with the same headers appended to the list (the "more" flag is then set
 * on its predecessor). */
struct ofpbuf *
ofpmp_reserve(struct svs_list *replies, size_t len)
{
    struct ofpbuf *msg = ofpmp_last(replies);

    if (msg->size + len <= UINT16_MAX) {
        ofpbuf_prealloc_tailroom(msg, len);
        return msg;
    }

    /* A reply this long will likely fill the next message too: make room
     * for a whole one (and the entry that overflows it) at once rather
     * than growing it step by step. */
    size_t hdrs_len = (char *) msg->msg - (char *) msg->header;
    struct ofpbuf *next = ofpbuf_new(MAX(UINT16_MAX + 1 + 2048,
                                         hdrs_len + len));
    ofpbuf_put(next, msg->header, hdrs_len);
    next->header = next->data;
    next->msg = ofpbuf_tail(next);
    ofpmsg_update_length(next);
    ofpmp_set_more(msg->header, true);
    svs_list_push_back(replies, &next->list_node);
    return next;
}

/* Appends 'len' uninitialized bytes to the 'replies' list (starting a new
 * message if needed) and returns a pointer to them. */
void *
ofpmp_append(struct svs_list *replies, size_t len)
{
    struct ofpbuf *msg = ofpmp_reserve(replies, len);
    void *p = ofpbuf_put_uninit(msg, len);
    ofpmsg_update_length(msg);
    return p;
}

/* Called after the caller appended data to the last message of 'replies'
 * starting at offset 'start_ofs' (from msg->data).  If that message has
 * grown beyond 65535 bytes, moves the appended data to a new message. */
void
ofpmp_postappend(struct svs_list *replies, size_t start_ofs)
{
    struct ofpbuf *msg = ofpmp_last(replies);

    if (msg->size > UINT16_MAX) {
        size_t start_len = msg->size - start_ofs;
        const char *start = (const char *) msg->data + start_ofs;
        struct ofpbuf *next = ofpmp_reserve(replies, start_len);
        svs_assert(next != msg);
        ofpbuf_put(next, start, start_len);
        ofpmsg_update_length(next);
        msg->size -= start_len;
    }
    ofpmsg_update_length(msg);
}

/* Returns the OpenFlow version of the replies in 'replies'. */
enum ofp_version
ofpmp_version(struct svs_list *replies)
{
    const struct ofp_header *oh = ofpmp_last(replies)->header;
    return oh->version;
}

/* Returns the raw type of the replies in 'replies'. */
enum ofpraw
ofpmp_decode_raw(struct svs_list *replies)
{
    enum ofpraw raw;
    struct ofpbuf *msg = ofpmp_last(replies);
    enum ofperr error = ofpraw_decode_partial(&raw, msg->header, msg->size);
    svs_assert(!error);
    return raw;
}

/* Initializes 'a' as an empty assembler. */
void
ofpmp_assembler_init(struct ofpmp_assembler *a)
{
    svs_list_init(&a->msgs);
    a->xid = 0;
    a->raw = 0;
    a->busy = false;
}

/* Frees the messages that 'a' holds. */
void
ofpmp_assembler_destroy(struct ofpmp_assembler *a)
{
    ofpbuf_list_delete(&a->msgs);
    a->busy = false;
}

/* Adds 'msg', a statistics request or reply, to 'a', which takes ownership
 * of it.  Sets '*done' to true if 'msg' completes the set (it lacks the
 * "more" flag); the messages are then in a->msgs, in order, for the caller
 * to consume (remove them before adding more).  Returns OFPBRC_BAD_STAT if
 * 'msg' is not a statistics message, OFPBRC_BAD_TYPE if it does not
 * continue the set under way. */
enum ofperr
ofpmp_assembler_add(struct ofpmp_assembler *a, struct ofpbuf *msg,
                    bool *done)
{
    const struct ofp_header *oh = msg->data;
    enum ofpraw raw;
    enum ofperr error;

    *done = false;
    error = ofpraw_decode(&raw, oh);
    if (!error && !ofpmsg_is_stat(oh)) {
        error = OFPERR_OFPBRC_BAD_STAT;
    }
    if (!error && a->busy && (raw != a->raw || oh->xid != a->xid)) {
        error = OFPERR_OFPBRC_BAD_TYPE;
    }
    if (error) {
        ofpbuf_delete(msg);
        return error;
    }

    if (!a->busy) {
        ofpbuf_list_delete(&a->msgs);
        a->busy = true;
        a->raw = raw;
        a->xid = oh->xid;
    }
    msg->header = msg->data;
    svs_list_push_back(&a->msgs, &msg->list_node);
    if (!ofpmp_more(oh)) {
        a->busy = false;
        *done = true;
    }
    return 0;
}
