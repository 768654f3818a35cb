/* openflow-nicira.h: wire structures and constants of the Nicira (Open
 * vSwitch) and ONF extensions to OpenFlow that ovs-ofctl uses.
 *
 * What: NXT_* vendor messages (vendor NX_VENDOR_ID, then a 32-bit subtype;
 * see struct ofp_ext_header), NXST_* vendor statistics, ONFT_* messages
 * (vendor ONF_VENDOR_ID), and their bodies.  The structures below are the
 * bodies that follow the 16-byte extension header (or the 24-byte vendor
 * statistics header).
 *
 * See openflow-common.h for conventions. */
#ifndef SVS_OPENFLOW_NICIRA_H
#define SVS_OPENFLOW_NICIRA_H 1

#include "openflow-common.h"

/* Nicira vendor message subtypes. */
enum nicira_type {
    NXT_ROLE_REQUEST = 10,
    NXT_ROLE_REPLY = 11,
    NXT_SET_FLOW_FORMAT = 12,
    NXT_FLOW_MOD = 13,
    NXT_FLOW_REMOVED = 14,
    NXT_FLOW_MOD_TABLE_ID = 15,
    NXT_SET_PACKET_IN_FORMAT = 16,
    NXT_PACKET_IN = 17,
    NXT_FLOW_AGE = 18,
    NXT_SET_ASYNC_CONFIG = 19,
    NXT_SET_CONTROLLER_ID = 20,
    NXT_FLOW_MONITOR_CANCEL = 21,
    NXT_FLOW_MONITOR_PAUSED = 22,
    NXT_FLOW_MONITOR_RESUMED = 23,
    NXT_TLV_TABLE_MOD = 24,
    NXT_TLV_TABLE_REQUEST = 25,
    NXT_TLV_TABLE_REPLY = 26,
    NXT_SET_ASYNC_CONFIG2 = 27,
    NXT_RESUME = 28,
    NXT_CT_FLUSH_ZONE = 29,
    NXT_PACKET_IN2 = 30,
    NXT_GROUP_MOD = 31,
    NXT_CT_FLUSH = 32,
    NXT_REQUESTFORWARD = 132,
};

/* Nicira vendor statistics subtypes. */
enum nicira_stats_type {
    NXST_FLOW = 0,
    NXST_AGGREGATE = 1,
    NXST_FLOW_MONITOR = 2,
    NXST_IPFIX_BRIDGE = 3,
    NXST_IPFIX_FLOW = 4,
    NXST_GROUP = 7,
};

/* ONF extension subtypes (OpenFlow 1.3 backports of 1.4 features). */
enum onf_type {
    ONFT_FLOW_MONITOR_CANCEL = 1870,
    ONFT_FLOW_MONITOR_PAUSED = 1871,
    ONFT_FLOW_MONITOR_RESUMED = 1872,
    ONFT_ROLE_STATUS = 1911,
    ONFT_BUNDLE_CONTROL = 2300,
    ONFT_BUNDLE_ADD_MESSAGE = 2301,
};

enum onf_stats_type {
    ONFST_FLOW_MONITOR = 1870,
};

/* NXT_ROLE_REQUEST / NXT_ROLE_REPLY. */
struct nx_role_request {
    be32 role;                  /* NX_ROLE_*. */
};
OFP_ASSERT(sizeof(struct nx_role_request) == 4);

enum nx_role {
    NX_ROLE_OTHER,
    NX_ROLE_MASTER,
    NX_ROLE_SLAVE,
};

/* NXT_SET_FLOW_FORMAT. */
struct nx_set_flow_format {
    be32 format;                /* NXFF_*. */
};
OFP_ASSERT(sizeof(struct nx_set_flow_format) == 4);

enum nx_flow_format {
    NXFF_OPENFLOW10 = 0,
    NXFF_NXM = 2,
};

/* NXT_FLOW_MOD_TABLE_ID. */
struct nx_flow_mod_table_id {
    uint8_t set;                /* Nonzero: enable. */
    uint8_t pad[7];
};
OFP_ASSERT(sizeof(struct nx_flow_mod_table_id) == 8);

/* NXT_SET_PACKET_IN_FORMAT. */
struct nx_set_packet_in_format {
    be32 format;                /* NXPIF_*. */
};
OFP_ASSERT(sizeof(struct nx_set_packet_in_format) == 4);

enum nx_packet_in_format {
    NXPIF_STANDARD = 0,         /* OFPT_PACKET_IN of the version. */
    NXPIF_NXT_PACKET_IN = 1,    /* NXT_PACKET_IN. */
    NXPIF_NXT_PACKET_IN2 = 2,   /* NXT_PACKET_IN2. */
};

/* NXT_FLOW_MOD (followed by an NXM match, padded, and actions). */
struct nx_flow_mod {
    be64 cookie;
    be16 command;
    be16 idle_timeout;
    be16 hard_timeout;
    be16 priority;
    be32 buffer_id;
    be16 out_port;
    be16 flags;
    be16 match_len;
    uint8_t pad[6];
};
OFP_ASSERT(sizeof(struct nx_flow_mod) == 32);

/* NXT_FLOW_REMOVED (followed by an NXM match). */
struct nx_flow_removed {
    be64 cookie;
    be16 priority;
    uint8_t reason;
    uint8_t table_id;
    be32 duration_sec;
    be32 duration_nsec;
    be16 idle_timeout;
    be16 match_len;
    be64 packet_count;
    be64 byte_count;
};
OFP_ASSERT(sizeof(struct nx_flow_removed) == 40);

/* NXT_PACKET_IN (followed by an NXM match, padding to 8 bytes, 2 bytes
 * of zeros, and the packet). */
struct nx_packet_in {
    be32 buffer_id;
    be16 total_len;
    uint8_t reason;
    uint8_t table_id;
    be64 cookie;
    be16 match_len;
    uint8_t pad[6];
};
OFP_ASSERT(sizeof(struct nx_packet_in) == 24);

/* NXT_PACKET_IN2 / NXT_RESUME property types. */
enum nx_packet_in2_prop_type {
    NXPINT_PACKET = 0,
    NXPINT_FULL_LEN = 1,
    NXPINT_BUFFER_ID = 2,
    NXPINT_TABLE_ID = 3,
    NXPINT_COOKIE = 4,
    NXPINT_REASON = 5,
    NXPINT_METADATA = 6,
    NXPINT_USERDATA = 7,
    NXPINT_CONTINUATION = 8,
};

/* Continuation sub-properties. */
enum nx_continuation_prop_type {
    NXCPT_BRIDGE = 0x8000,
    NXCPT_STACK = 0x8001,
    NXCPT_MIRRORS = 0x8002,
    NXCPT_CONNTRACKED = 0x8003,
    NXCPT_TABLE_ID = 0x8004,
    NXCPT_COOKIE = 0x8005,
    NXCPT_ACTIONS = 0x8006,
    NXCPT_ACTION_SET = 0x8007,
    NXCPT_ODP_PORT = 0x8008,
};

/* NXT_SET_ASYNC_CONFIG: index 0 for master/equal, 1 for slave. */
struct nx_async_config {
    be32 packet_in_mask[2];
    be32 port_status_mask[2];
    be32 flow_removed_mask[2];
};
OFP_ASSERT(sizeof(struct nx_async_config) == 24);

/* NXT_SET_CONTROLLER_ID. */
struct nx_controller_id {
    uint8_t zero[6];
    be16 controller_id;
};
OFP_ASSERT(sizeof(struct nx_controller_id) == 8);

/* NXT_FLOW_MONITOR_CANCEL (and ONFT_FLOW_MONITOR_CANCEL). */
struct nx_flow_monitor_cancel {
    be32 id;
};
OFP_ASSERT(sizeof(struct nx_flow_monitor_cancel) == 4);

/* NXT_TLV_TABLE_MOD (followed by nx_tlv_map[]). */
struct nx_tlv_table_mod {
    be16 command;               /* NXTTMC_*. */
    uint8_t pad[6];
};
OFP_ASSERT(sizeof(struct nx_tlv_table_mod) == 8);

enum nx_tlv_table_mod_command {
    NXTTMC_ADD,
    NXTTMC_DELETE,
    NXTTMC_CLEAR,
};

struct nx_tlv_map {
    be16 option_class;
    uint8_t option_type;
    uint8_t option_len;
    be16 index;
    uint8_t pad[2];
};
OFP_ASSERT(sizeof(struct nx_tlv_map) == 8);

/* NXT_TLV_TABLE_REPLY (followed by nx_tlv_map[]). */
struct nx_tlv_table_reply {
    be32 max_option_space;
    be16 max_fields;
    uint8_t reserved[10];
};
OFP_ASSERT(sizeof(struct nx_tlv_table_reply) == 16);

/* NXT_CT_FLUSH_ZONE. */
struct nx_zone_id {
    uint8_t zero[6];
    be16 zone_id;
};
OFP_ASSERT(sizeof(struct nx_zone_id) == 8);

/* NXT_CT_FLUSH (followed by properties). */
struct nx_ct_flush {
    be16 zone_id;
    uint8_t pad[6];
};
OFP_ASSERT(sizeof(struct nx_ct_flush) == 8);

/* NXST_FLOW and NXST_AGGREGATE request body (followed by an NXM match,
 * padded to 8). */
struct nx_flow_stats_request {
    be16 out_port;
    be16 match_len;
    uint8_t table_id;
    uint8_t pad[3];
};
OFP_ASSERT(sizeof(struct nx_flow_stats_request) == 8);

/* One entry in an NXST_FLOW reply (followed by the match and actions). */
struct nx_flow_stats {
    be16 length;
    uint8_t table_id;
    uint8_t pad;
    be32 duration_sec;
    be32 duration_nsec;
    be16 priority;
    be16 idle_timeout;
    be16 hard_timeout;
    be16 match_len;
    be16 idle_age;
    be16 hard_age;
    be64 cookie;
    be64 packet_count;
    be64 byte_count;
};
OFP_ASSERT(sizeof(struct nx_flow_stats) == 48);

/* NXST_AGGREGATE reply body. */
struct nx_aggregate_stats_reply {
    be64 packet_count;
    be64 byte_count;
    be32 flow_count;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct nx_aggregate_stats_reply) == 24);

/* NXST_FLOW_MONITOR request entry (followed by an NXM match, padded). */
struct nx_flow_monitor_request {
    be32 id;
    be16 flags;                 /* NXFMF_*. */
    be16 out_port;
    be16 match_len;
    uint8_t table_id;
    uint8_t zeros[5];
};
OFP_ASSERT(sizeof(struct nx_flow_monitor_request) == 16);

enum nx_flow_monitor_flags {
    NXFMF_INITIAL = 1 << 0,
    NXFMF_ADD = 1 << 1,
    NXFMF_DELETE = 1 << 2,
    NXFMF_MODIFY = 1 << 3,
    NXFMF_ACTIONS = 1 << 4,
    NXFMF_OWN = 1 << 5,
};

enum nx_flow_update_event {
    NXFME_ADDED = 0,
    NXFME_DELETED = 1,
    NXFME_MODIFIED = 2,
    NXFME_ABBREV = 3,
};

struct nx_flow_update_header {
    be16 length;
    be16 event;
};
OFP_ASSERT(sizeof(struct nx_flow_update_header) == 4);

/* A full flow update (followed by a match and actions). */
struct nx_flow_update_full {
    be16 length;
    be16 event;
    be16 reason;
    be16 priority;
    be16 idle_timeout;
    be16 hard_timeout;
    be16 match_len;
    uint8_t table_id;
    uint8_t pad;
    be64 cookie;
};
OFP_ASSERT(sizeof(struct nx_flow_update_full) == 24);

/* An abbreviated flow update. */
struct nx_flow_update_abbrev {
    be16 length;
    be16 event;
    be32 xid;
};
OFP_ASSERT(sizeof(struct nx_flow_update_abbrev) == 8);

/* NXST_IPFIX_BRIDGE reply body and NXST_IPFIX_FLOW reply entry. */
struct nx_ipfix_stats_reply {
    be64 total_flows;
    be64 current_flows;
    be64 pkts;
    be64 ipv4_pkts;
    be64 ipv6_pkts;
    be64 error_pkts;
    be64 ipv4_error_pkts;
    be64 ipv6_error_pkts;
    be64 tx_pkts;
    be64 tx_errors;
    be32 collector_set_id;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct nx_ipfix_stats_reply) == 88);

/* NXST_GROUP request body (OpenFlow 1.0 extension). */
struct nx_group_stats_request {
    be32 group_id;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct nx_group_stats_request) == 8);

#endif /* openflow-nicira.h */
