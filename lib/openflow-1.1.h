/* openflow-1.1.h: wire structures and constants of OpenFlow 1.1 and 1.2
 * (and the parts of them that later versions keep).
 *
 * See openflow-common.h for conventions. */
#ifndef SVS_OPENFLOW_1_1_H
#define SVS_OPENFLOW_1_1_H 1

#include "openflow-common.h"

/* Message types of OpenFlow 1.1 and later that differ from 1.0. */
enum ofp11_type {
    OFPT11_GROUP_MOD = 15,
    OFPT11_PORT_MOD = 16,
    OFPT11_TABLE_MOD = 17,
    OFPT11_STATS_REQUEST = 18,          /* MULTIPART_REQUEST in 1.3+. */
    OFPT11_STATS_REPLY = 19,            /* MULTIPART_REPLY in 1.3+. */
    OFPT11_BARRIER_REQUEST = 20,
    OFPT11_BARRIER_REPLY = 21,
    OFPT11_QUEUE_GET_CONFIG_REQUEST = 22,   /* Until 1.3. */
    OFPT11_QUEUE_GET_CONFIG_REPLY = 23,     /* Until 1.3. */
    OFPT12_ROLE_REQUEST = 24,
    OFPT12_ROLE_REPLY = 25,
};

/* Statistics (multipart) types of OpenFlow 1.1 and later. */
enum ofp11_stats_type {
    OFPMP_DESC = 0,
    OFPMP_FLOW = 1,
    OFPMP_AGGREGATE = 2,
    OFPMP_TABLE = 3,
    OFPMP_PORT_STATS = 4,
    OFPMP_QUEUE = 5,
    OFPMP_GROUP = 6,
    OFPMP_GROUP_DESC = 7,
    OFPMP_GROUP_FEATURES = 8,       /* 1.2+. */
    OFPMP_METER = 9,                /* 1.3+. */
    OFPMP_METER_CONFIG = 10,
    OFPMP_METER_FEATURES = 11,
    OFPMP_TABLE_FEATURES = 12,
    OFPMP_PORT_DESC = 13,
    OFPMP_TABLE_DESC = 14,          /* 1.4+. */
    OFPMP_QUEUE_DESC = 15,
    OFPMP_FLOW_MONITOR = 16,
    OFPMP_EXPERIMENTER = 0xffff,
};

/* Port numbers in 1.1+ are 32 bits. */
#define OFPP11_ANY 0xffffffff
#define OFPP11_CONTROLLER 0xfffffffd

/* Capabilities (features reply), 1.1+. */
enum ofp11_capabilities {
    OFPC11_FLOW_STATS = 1 << 0,
    OFPC11_TABLE_STATS = 1 << 1,
    OFPC11_PORT_STATS = 1 << 2,
    OFPC11_GROUP_STATS = 1 << 3,
    OFPC11_IP_REASM = 1 << 5,
    OFPC11_QUEUE_STATS = 1 << 6,
    OFPC11_ARP_MATCH_IP = 1 << 7,   /* 1.1 only. */
    OFPC12_PORT_BLOCKED = 1 << 8,   /* 1.2+. */
};

/* Port features, 1.1+. */
enum ofp11_port_features {
    OFPPF11_10MB_HD = 1 << 0,
    OFPPF11_10MB_FD = 1 << 1,
    OFPPF11_100MB_HD = 1 << 2,
    OFPPF11_100MB_FD = 1 << 3,
    OFPPF11_1GB_HD = 1 << 4,
    OFPPF11_1GB_FD = 1 << 5,
    OFPPF11_10GB_FD = 1 << 6,
    OFPPF11_40GB_FD = 1 << 7,
    OFPPF11_100GB_FD = 1 << 8,
    OFPPF11_1TB_FD = 1 << 9,
    OFPPF11_OTHER = 1 << 10,
    OFPPF11_COPPER = 1 << 11,
    OFPPF11_FIBER = 1 << 12,
    OFPPF11_AUTONEG = 1 << 13,
    OFPPF11_PAUSE = 1 << 14,
    OFPPF11_PAUSE_ASYM = 1 << 15,
};

/* Description of a port, 1.1 to 1.3. */
struct ofp11_port {
    be32 port_no;
    uint8_t pad[4];
    struct eth_addr hw_addr;
    uint8_t pad2[2];
    char name[OFP_MAX_PORT_NAME_LEN];
    be32 config;
    be32 state;
    be32 curr;
    be32 advertised;
    be32 supported;
    be32 peer;
    be32 curr_speed;            /* kbps. */
    be32 max_speed;             /* kbps. */
};
OFP_ASSERT(sizeof(struct ofp11_port) == 64);

/* OFPT_FEATURES_REPLY body, 1.1+ (followed by ports in 1.1 and 1.2). */
struct ofp11_switch_features {
    be64 datapath_id;
    be32 n_buffers;
    uint8_t n_tables;
    uint8_t auxiliary_id;       /* 1.3+; padding before. */
    uint8_t pad[2];
    be32 capabilities;
    be32 reserved;              /* 'actions' bitmap in 1.1. */
};
OFP_ASSERT(sizeof(struct ofp11_switch_features) == 24);

/* OFPT_PORT_STATUS body, 1.1 to 1.3. */
struct ofp11_port_status {
    uint8_t reason;
    uint8_t pad[7];
    struct ofp11_port desc;
};
OFP_ASSERT(sizeof(struct ofp11_port_status) == 72);

/* OFPT_PORT_MOD body, 1.1 to 1.3. */
struct ofp11_port_mod {
    be32 port_no;
    uint8_t pad[4];
    struct eth_addr hw_addr;
    uint8_t pad2[2];
    be32 config;
    be32 mask;
    be32 advertise;
    uint8_t pad3[4];
};
OFP_ASSERT(sizeof(struct ofp11_port_mod) == 32);

/* OFPT_PACKET_IN body, 1.1. */
struct ofp11_packet_in {
    be32 buffer_id;
    be32 in_port;
    be32 in_phy_port;
    be16 total_len;
    uint8_t reason;
    uint8_t table_id;
};
OFP_ASSERT(sizeof(struct ofp11_packet_in) == 16);

/* OFPT_PACKET_IN body, 1.2 (followed by an OXM match, 2 bytes of padding
 * and the packet). */
struct ofp12_packet_in {
    be32 buffer_id;
    be16 total_len;
    uint8_t reason;
    uint8_t table_id;
};
OFP_ASSERT(sizeof(struct ofp12_packet_in) == 8);

/* OFPT_PACKET_OUT body, 1.1 to 1.4 (followed by actions and packet). */
struct ofp11_packet_out {
    be32 buffer_id;
    be32 in_port;
    be16 actions_len;
    uint8_t pad[6];
};
OFP_ASSERT(sizeof(struct ofp11_packet_out) == 16);

/* The OpenFlow 1.1 standard match. */
struct ofp11_match_header {
    be16 type;                  /* OFPMT_*. */
    be16 length;
};
OFP_ASSERT(sizeof(struct ofp11_match_header) == 4);

/* Match types (macros, so that other headers may repeat them). */
#define OFPMT_STANDARD 0        /* 1.1. */
#define OFPMT_OXM 1             /* 1.2+. */

#define OFPMT11_STANDARD_LENGTH 88

struct ofp11_match {
    struct ofp11_match_header omh;
    be32 in_port;
    be32 wildcards;
    struct eth_addr dl_src;
    struct eth_addr dl_src_mask;
    struct eth_addr dl_dst;
    struct eth_addr dl_dst_mask;
    be16 dl_vlan;
    uint8_t dl_vlan_pcp;
    uint8_t pad1[1];
    be16 dl_type;
    uint8_t nw_tos;
    uint8_t nw_proto;
    be32 nw_src;
    be32 nw_src_mask;
    be32 nw_dst;
    be32 nw_dst_mask;
    be16 tp_src;
    be16 tp_dst;
    be32 mpls_label;
    uint8_t mpls_tc;
    uint8_t pad2[3];
    be64 metadata;
    be64 metadata_mask;
};
OFP_ASSERT(sizeof(struct ofp11_match) == OFPMT11_STANDARD_LENGTH);

/* OXM match header, 1.2+ (followed by OXM TLVs, padded to 8 bytes). */
struct ofp11_match_oxm {
    be16 type;                  /* OFPMT_OXM. */
    be16 length;                /* Excluding padding. */
};

/* Flow-mod flags, 1.1+. */
enum ofp11_flow_mod_flags {
    OFPFF11_SEND_FLOW_REM = 1 << 0,
    OFPFF11_CHECK_OVERLAP = 1 << 1,
    OFPFF11_RESET_COUNTS = 1 << 2,      /* 1.2+. */
    OFPFF13_NO_PKT_COUNTS = 1 << 3,     /* 1.3+. */
    OFPFF13_NO_BYT_COUNTS = 1 << 4,     /* 1.3+. */
};

/* OFPT_FLOW_MOD body, 1.1+ (followed by a match and instructions). */
struct ofp11_flow_mod {
    be64 cookie;
    be64 cookie_mask;
    uint8_t table_id;
    uint8_t command;
    be16 idle_timeout;
    be16 hard_timeout;
    be16 priority;
    be32 buffer_id;
    be32 out_port;
    be32 out_group;
    be16 flags;
    be16 importance;            /* 1.4+; padding before. */
};
OFP_ASSERT(sizeof(struct ofp11_flow_mod) == 40);

/* OFPT_FLOW_REMOVED body, 1.1 to 1.4 (followed by a match). */
struct ofp11_flow_removed {
    be64 cookie;
    be16 priority;
    uint8_t reason;
    uint8_t table_id;
    be32 duration_sec;
    be32 duration_nsec;
    be16 idle_timeout;
    be16 hard_timeout;
    be64 packet_count;
    be64 byte_count;
};
OFP_ASSERT(sizeof(struct ofp11_flow_removed) == 40);

/* OFPT_GROUP_MOD body, 1.1 to 1.4 (followed by buckets). */
struct ofp11_group_mod {
    be16 command;               /* OFPGC11_*. */
    uint8_t type;               /* OFPGT11_*. */
    uint8_t pad;
    be32 group_id;
};
OFP_ASSERT(sizeof(struct ofp11_group_mod) == 8);

enum ofp11_group_mod_command {
    OFPGC11_ADD,
    OFPGC11_MODIFY,
    OFPGC11_DELETE,
    OFPGC15_INSERT_BUCKET = 3,
    OFPGC15_REMOVE_BUCKET = 5,
    OFPGC11_ADD_OR_MOD = 0x8000,    /* Open vSwitch extension. */
};

/* A bucket, 1.1 to 1.4 (followed by actions). */
struct ofp11_bucket {
    be16 len;
    be16 weight;
    be32 watch_port;
    be32 watch_group;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp11_bucket) == 16);

/* OFPT_TABLE_MOD body, 1.1+ (followed by properties in 1.4+). */
struct ofp11_table_mod {
    uint8_t table_id;
    uint8_t pad[3];
    be32 config;
};
OFP_ASSERT(sizeof(struct ofp11_table_mod) == 8);

enum ofp11_table_config {
    OFPTC11_TABLE_MISS_CONTROLLER = 0,
    OFPTC11_TABLE_MISS_CONTINUE = 1 << 0,
    OFPTC11_TABLE_MISS_DROP = 1 << 1,
    OFPTC11_TABLE_MISS_MASK = 3,
    OFPTC14_EVICTION = 1 << 2,
    OFPTC14_VACANCY_EVENTS = 1 << 3,
};

/* Body of OFPMP_FLOW and OFPMP_AGGREGATE requests, 1.1+ (followed by a
 * match). */
struct ofp11_flow_stats_request {
    uint8_t table_id;
    uint8_t pad[3];
    be32 out_port;
    be32 out_group;
    uint8_t pad2[4];
    be64 cookie;
    be64 cookie_mask;
};
OFP_ASSERT(sizeof(struct ofp11_flow_stats_request) == 32);

/* One entry in an OFPMP_FLOW reply, 1.1 to 1.4 (followed by a match and
 * instructions). */
struct ofp11_flow_stats {
    be16 length;
    uint8_t table_id;
    uint8_t pad;
    be32 duration_sec;
    be32 duration_nsec;
    be16 priority;
    be16 idle_timeout;
    be16 hard_timeout;
    be16 flags;                 /* 1.3+; padding before. */
    be16 importance;            /* 1.4+; padding before. */
    uint8_t pad2[2];
    be64 cookie;
    be64 packet_count;
    be64 byte_count;
};
OFP_ASSERT(sizeof(struct ofp11_flow_stats) == 48);

/* Body of OFPMP_AGGREGATE reply, 1.1 to 1.4. */
struct ofp11_aggregate_stats_reply {
    be64 packet_count;
    be64 byte_count;
    be32 flow_count;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp11_aggregate_stats_reply) == 24);

/* One entry in an OFPMP_TABLE reply, 1.1. */
struct ofp11_table_stats {
    uint8_t table_id;
    uint8_t pad[7];
    char name[OFP_MAX_TABLE_NAME_LEN];
    be32 wildcards;
    be32 match;
    be32 instructions;
    be32 write_actions;
    be32 apply_actions;
    be32 config;
    be32 max_entries;
    be32 active_count;
    be64 lookup_count;
    be64 matched_count;
};
OFP_ASSERT(sizeof(struct ofp11_table_stats) == 88);

/* One entry in an OFPMP_TABLE reply, 1.2. */
struct ofp12_table_stats {
    uint8_t table_id;
    uint8_t pad[7];
    char name[OFP_MAX_TABLE_NAME_LEN];
    be64 match;
    be64 wildcards;
    be32 write_actions;
    be32 apply_actions;
    be64 write_setfields;
    be64 apply_setfields;
    be64 metadata_match;
    be64 metadata_write;
    be32 instructions;
    be32 config;
    be32 max_entries;
    be32 active_count;
    be64 lookup_count;
    be64 matched_count;
};
OFP_ASSERT(sizeof(struct ofp12_table_stats) == 128);

/* Body of OFPMP_PORT_STATS request (also OFPMP_PORT_DESC in 1.5). */
struct ofp11_port_stats_request {
    be32 port_no;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp11_port_stats_request) == 8);

/* One entry in an OFPMP_PORT_STATS reply, 1.1 and 1.2. */
struct ofp11_port_stats {
    be32 port_no;
    uint8_t pad[4];
    be64 rx_packets;
    be64 tx_packets;
    be64 rx_bytes;
    be64 tx_bytes;
    be64 rx_dropped;
    be64 tx_dropped;
    be64 rx_errors;
    be64 tx_errors;
    be64 rx_frame_err;
    be64 rx_over_err;
    be64 rx_crc_err;
    be64 collisions;
};
OFP_ASSERT(sizeof(struct ofp11_port_stats) == 104);

/* Body of OFPMP_QUEUE request, 1.1+. */
struct ofp11_queue_stats_request {
    be32 port_no;
    be32 queue_id;
};
OFP_ASSERT(sizeof(struct ofp11_queue_stats_request) == 8);

/* One entry in an OFPMP_QUEUE reply, 1.1 and 1.2. */
struct ofp11_queue_stats {
    be32 port_no;
    be32 queue_id;
    be64 tx_bytes;
    be64 tx_packets;
    be64 tx_errors;
};
OFP_ASSERT(sizeof(struct ofp11_queue_stats) == 32);

/* Body of OFPMP_GROUP request (and OFPMP_GROUP_DESC in 1.5). */
struct ofp11_group_stats_request {
    be32 group_id;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp11_group_stats_request) == 8);

/* Counters of a bucket in OFPMP_GROUP reply. */
struct ofp11_bucket_counter {
    be64 packet_count;
    be64 byte_count;
};
OFP_ASSERT(sizeof(struct ofp11_bucket_counter) == 16);

/* One entry in an OFPMP_GROUP reply, 1.1 and 1.2 (followed by bucket
 * counters). */
struct ofp11_group_stats {
    be16 length;
    uint8_t pad[2];
    be32 group_id;
    be32 ref_count;
    uint8_t pad2[4];
    be64 packet_count;
    be64 byte_count;
};
OFP_ASSERT(sizeof(struct ofp11_group_stats) == 32);

/* One entry in an OFPMP_GROUP_DESC reply, 1.1 to 1.4 (followed by
 * buckets). */
struct ofp11_group_desc_stats {
    be16 length;
    uint8_t type;
    uint8_t pad;
    be32 group_id;
};
OFP_ASSERT(sizeof(struct ofp11_group_desc_stats) == 8);

/* Body of OFPMP_GROUP_FEATURES reply, 1.2+. */
struct ofp12_group_features_stats {
    be32 types;
    be32 capabilities;
    be32 max_groups[4];
    be32 actions[4];
};
OFP_ASSERT(sizeof(struct ofp12_group_features_stats) == 40);

enum ofp12_group_capabilities {
    OFPGFC12_SELECT_WEIGHT = 1 << 0,
    OFPGFC12_SELECT_LIVENESS = 1 << 1,
    OFPGFC12_CHAINING = 1 << 2,
    OFPGFC12_CHAINING_CHECKS = 1 << 3,
};

/* OFPT_QUEUE_GET_CONFIG_REQUEST body, 1.1 to 1.3. */
struct ofp11_queue_get_config_request {
    be32 port;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp11_queue_get_config_request) == 8);

/* OFPT_QUEUE_GET_CONFIG_REPLY body, 1.1 to 1.3 (followed by queues). */
struct ofp11_queue_get_config_reply {
    be32 port;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp11_queue_get_config_reply) == 8);

/* A queue in OFPT_QUEUE_GET_CONFIG_REPLY, 1.2 and 1.3 (1.1 uses
 * ofp10_packet_queue). */
struct ofp12_packet_queue {
    be32 queue_id;
    be32 port;
    be16 len;
    uint8_t pad[6];
};
OFP_ASSERT(sizeof(struct ofp12_packet_queue) == 16);

/* OFPT_ROLE_REQUEST / ROLE_REPLY body, 1.2+. */
struct ofp12_role_request {
    be32 role;                  /* OFPCR12_ROLE_*. */
    uint8_t pad[4];
    be64 generation_id;
};
OFP_ASSERT(sizeof(struct ofp12_role_request) == 16);

/* Instructions, 1.1+. */
enum ofp11_instruction_type {
    OFPIT11_GOTO_TABLE = 1,
    OFPIT11_WRITE_METADATA = 2,
    OFPIT11_WRITE_ACTIONS = 3,
    OFPIT11_APPLY_ACTIONS = 4,
    OFPIT11_CLEAR_ACTIONS = 5,
    OFPIT13_METER = 6,
    OFPIT11_EXPERIMENTER = 0xffff,
};

struct ofp11_instruction {
    be16 type;
    be16 len;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp11_instruction) == 8);

/* Action types, 1.1+. */
enum ofp11_action_type {
    OFPAT11_OUTPUT = 0,
    OFPAT11_SET_VLAN_VID = 1,       /* 1.1 only. */
    OFPAT11_SET_VLAN_PCP = 2,
    OFPAT11_SET_DL_SRC = 3,
    OFPAT11_SET_DL_DST = 4,
    OFPAT11_SET_NW_SRC = 5,
    OFPAT11_SET_NW_DST = 6,
    OFPAT11_SET_NW_TOS = 7,
    OFPAT11_SET_NW_ECN = 8,
    OFPAT11_SET_TP_SRC = 9,
    OFPAT11_SET_TP_DST = 10,        /* ... through 1.1. */
    OFPAT11_COPY_TTL_OUT = 11,
    OFPAT11_COPY_TTL_IN = 12,
    OFPAT11_SET_MPLS_LABEL = 13,
    OFPAT11_SET_MPLS_TC = 14,
    OFPAT11_SET_MPLS_TTL = 15,
    OFPAT11_DEC_MPLS_TTL = 16,
    OFPAT11_PUSH_VLAN = 17,
    OFPAT11_POP_VLAN = 18,
    OFPAT11_PUSH_MPLS = 19,
    OFPAT11_POP_MPLS = 20,
    OFPAT11_SET_QUEUE = 21,
    OFPAT11_GROUP = 22,
    OFPAT11_SET_NW_TTL = 23,
    OFPAT11_DEC_NW_TTL = 24,
    OFPAT12_SET_FIELD = 25,
    OFPAT13_PUSH_PBB = 26,
    OFPAT13_POP_PBB = 27,
    OFPAT15_COPY_FIELD = 28,
    OFPAT15_METER = 29,
    OFPAT11_EXPERIMENTER = 0xffff,
};

/* OFPAT11_OUTPUT. */
struct ofp11_action_output {
    be16 type;
    be16 len;
    be32 port;
    be16 max_len;
    uint8_t pad[6];
};
OFP_ASSERT(sizeof(struct ofp11_action_output) == 16);

/* Controller max_len meaning "send the whole packet". */
#define OFPCML12_NO_BUFFER 0xffff

#endif /* openflow-1.1.h */
