/* openflow-1.0.h: wire structures and constants of OpenFlow 1.0.
 *
 * See openflow-common.h for conventions.  Bodies of OpenFlow 1.0
 * statistics messages follow a 12-byte header, so their 64-bit counters
 * are only 32-bit aligned and are declared as ofp_be64_32. */
#ifndef SVS_OPENFLOW_1_0_H
#define SVS_OPENFLOW_1_0_H 1

#include "compiler.h"
#include "openflow-common.h"

/* Message types specific to OpenFlow 1.0. */
enum ofp10_type {
    OFPT10_PORT_MOD = 15,
    OFPT10_STATS_REQUEST = 16,
    OFPT10_STATS_REPLY = 17,
    OFPT10_BARRIER_REQUEST = 18,
    OFPT10_BARRIER_REPLY = 19,
    OFPT10_QUEUE_GET_CONFIG_REQUEST = 20,
    OFPT10_QUEUE_GET_CONFIG_REPLY = 21,
};

/* Statistics types. */
enum ofp10_stats_type {
    OFPST10_DESC = 0,
    OFPST10_FLOW = 1,
    OFPST10_AGGREGATE = 2,
    OFPST10_TABLE = 3,
    OFPST10_PORT = 4,
    OFPST10_QUEUE = 5,
    OFPST10_PORT_DESC = 13,         /* Open vSwitch extension. */
};

/* Switch capabilities (features reply). */
enum ofp10_capabilities {
    OFPC10_FLOW_STATS = 1 << 0,
    OFPC10_TABLE_STATS = 1 << 1,
    OFPC10_PORT_STATS = 1 << 2,
    OFPC10_STP = 1 << 3,
    OFPC10_RESERVED = 1 << 4,
    OFPC10_IP_REASM = 1 << 5,
    OFPC10_QUEUE_STATS = 1 << 6,
    OFPC10_ARP_MATCH_IP = 1 << 7,
};

/* Port features (curr, advertised, supported, peer). */
enum ofp10_port_features {
    OFPPF10_10MB_HD = 1 << 0,
    OFPPF10_10MB_FD = 1 << 1,
    OFPPF10_100MB_HD = 1 << 2,
    OFPPF10_100MB_FD = 1 << 3,
    OFPPF10_1GB_HD = 1 << 4,
    OFPPF10_1GB_FD = 1 << 5,
    OFPPF10_10GB_FD = 1 << 6,
    OFPPF10_COPPER = 1 << 7,
    OFPPF10_FIBER = 1 << 8,
    OFPPF10_AUTONEG = 1 << 9,
    OFPPF10_PAUSE = 1 << 10,
    OFPPF10_PAUSE_ASYM = 1 << 11,
};

/* Description of a physical port. */
struct ofp10_phy_port {
    be16 port_no;
    struct eth_addr hw_addr;
    char name[OFP_MAX_PORT_NAME_LEN];
    be32 config;                /* OFPPC_*. */
    be32 state;                 /* OFPPS_*. */
    be32 curr;                  /* OFPPF10_*. */
    be32 advertised;
    be32 supported;
    be32 peer;
};
OFP_ASSERT(sizeof(struct ofp10_phy_port) == 48);

/* OFPT_FEATURES_REPLY, followed by ofp10_phy_port[]. */
struct ofp10_switch_features {
    be64 datapath_id;
    be32 n_buffers;
    uint8_t n_tables;
    uint8_t pad[3];
    be32 capabilities;          /* OFPC10_*. */
    be32 actions;               /* Bitmap of supported OFPAT10_*. */
};
OFP_ASSERT(sizeof(struct ofp10_switch_features) == 24);

/* OFPT_PORT_STATUS body. */
struct ofp10_port_status {
    uint8_t reason;             /* OFPPR_*. */
    uint8_t pad[7];
    struct ofp10_phy_port desc;
};
OFP_ASSERT(sizeof(struct ofp10_port_status) == 56);

/* OFPT_PORT_MOD body. */
struct ofp10_port_mod {
    be16 port_no;
    struct eth_addr hw_addr;
    be32 config;
    be32 mask;
    be32 advertise;             /* Zero: do not change. */
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp10_port_mod) == 24);

/* OFPT_PACKET_IN body, followed by the packet.  Packed because the
 * packet follows at offset 10 (18 in the message). */
struct SVS_PACKED ofp10_packet_in {
    be32 buffer_id;
    be16 total_len;
    be16 in_port;
    uint8_t reason;             /* OFPR_*. */
    uint8_t pad;
};
OFP_ASSERT(sizeof(struct ofp10_packet_in) == 10);

/* OFPT_PACKET_OUT body, followed by actions then the packet. */
struct ofp10_packet_out {
    be32 buffer_id;
    be16 in_port;
    be16 actions_len;
};
OFP_ASSERT(sizeof(struct ofp10_packet_out) == 8);

/* Wildcards of ofp10_match. */
enum ofp10_flow_wildcards {
    OFPFW10_IN_PORT = 1 << 0,
    OFPFW10_DL_VLAN = 1 << 1,
    OFPFW10_DL_SRC = 1 << 2,
    OFPFW10_DL_DST = 1 << 3,
    OFPFW10_DL_TYPE = 1 << 4,
    OFPFW10_NW_PROTO = 1 << 5,
    OFPFW10_TP_SRC = 1 << 6,
    OFPFW10_TP_DST = 1 << 7,
    OFPFW10_NW_SRC_SHIFT = 8,
    OFPFW10_NW_SRC_BITS = 6,
    OFPFW10_NW_SRC_MASK = ((1 << OFPFW10_NW_SRC_BITS) - 1)
                          << OFPFW10_NW_SRC_SHIFT,
    OFPFW10_NW_SRC_ALL = 32 << OFPFW10_NW_SRC_SHIFT,
    OFPFW10_NW_DST_SHIFT = 14,
    OFPFW10_NW_DST_BITS = 6,
    OFPFW10_NW_DST_MASK = ((1 << OFPFW10_NW_DST_BITS) - 1)
                          << OFPFW10_NW_DST_SHIFT,
    OFPFW10_NW_DST_ALL = 32 << OFPFW10_NW_DST_SHIFT,
    OFPFW10_DL_VLAN_PCP = 1 << 20,
    OFPFW10_NW_TOS = 1 << 21,
    OFPFW10_ALL = ((1 << 22) - 1)
};

/* OpenFlow 1.0 match. */
struct ofp10_match {
    be32 wildcards;             /* OFPFW10_*. */
    be16 in_port;
    struct eth_addr dl_src;
    struct eth_addr dl_dst;
    be16 dl_vlan;
    uint8_t dl_vlan_pcp;
    uint8_t pad1[1];
    be16 dl_type;
    uint8_t nw_tos;
    uint8_t nw_proto;
    uint8_t pad2[2];
    be32 nw_src;
    be32 nw_dst;
    be16 tp_src;
    be16 tp_dst;
};
OFP_ASSERT(sizeof(struct ofp10_match) == 40);

#define OFP10_VLAN_NONE 0xffff

/* Flow-mod flags. */
enum ofp10_flow_mod_flags {
    OFPFF10_SEND_FLOW_REM = 1 << 0,
    OFPFF10_CHECK_OVERLAP = 1 << 1,
    OFPFF10_EMERG = 1 << 2,
};

/* OFPT_FLOW_MOD body, followed by actions. */
struct ofp10_flow_mod {
    struct ofp10_match match;
    be64 cookie;
    be16 command;
    be16 idle_timeout;
    be16 hard_timeout;
    be16 priority;
    be32 buffer_id;
    be16 out_port;
    be16 flags;
};
OFP_ASSERT(sizeof(struct ofp10_flow_mod) == 64);

/* OFPT_FLOW_REMOVED body. */
struct ofp10_flow_removed {
    struct ofp10_match match;
    be64 cookie;
    be16 priority;
    uint8_t reason;             /* OFPRR_*. */
    uint8_t pad[1];
    be32 duration_sec;
    be32 duration_nsec;
    be16 idle_timeout;
    uint8_t pad2[2];
    be64 packet_count;
    be64 byte_count;
};
OFP_ASSERT(sizeof(struct ofp10_flow_removed) == 80);

/* Body of OFPST_FLOW and OFPST_AGGREGATE requests. */
struct ofp10_flow_stats_request {
    struct ofp10_match match;
    uint8_t table_id;
    uint8_t pad;
    be16 out_port;
};
OFP_ASSERT(sizeof(struct ofp10_flow_stats_request) == 44);

/* One entry in an OFPST_FLOW reply, followed by actions. */
struct ofp10_flow_stats {
    be16 length;
    uint8_t table_id;
    uint8_t pad;
    struct ofp10_match match;
    be32 duration_sec;
    be32 duration_nsec;
    be16 priority;
    be16 idle_timeout;
    be16 hard_timeout;
    uint8_t pad2[6];
    ofp_be64_32 cookie;
    ofp_be64_32 packet_count;
    ofp_be64_32 byte_count;
};
OFP_ASSERT(sizeof(struct ofp10_flow_stats) == 88);

/* Body of OFPST_AGGREGATE reply. */
struct ofp10_aggregate_stats_reply {
    ofp_be64_32 packet_count;
    ofp_be64_32 byte_count;
    be32 flow_count;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp10_aggregate_stats_reply) == 24);

/* One entry in an OFPST_TABLE reply. */
struct ofp10_table_stats {
    uint8_t table_id;
    uint8_t pad[3];
    char name[OFP_MAX_TABLE_NAME_LEN];
    be32 wildcards;             /* OFPFW10_*. */
    be32 max_entries;
    be32 active_count;
    ofp_be64_32 lookup_count;
    ofp_be64_32 matched_count;
};
OFP_ASSERT(sizeof(struct ofp10_table_stats) == 64);

/* Body of OFPST_PORT request. */
struct ofp10_port_stats_request {
    be16 port_no;
    uint8_t pad[6];
};
OFP_ASSERT(sizeof(struct ofp10_port_stats_request) == 8);

/* One entry in an OFPST_PORT reply. */
struct ofp10_port_stats {
    be16 port_no;
    uint8_t pad[6];
    ofp_be64_32 rx_packets;
    ofp_be64_32 tx_packets;
    ofp_be64_32 rx_bytes;
    ofp_be64_32 tx_bytes;
    ofp_be64_32 rx_dropped;
    ofp_be64_32 tx_dropped;
    ofp_be64_32 rx_errors;
    ofp_be64_32 tx_errors;
    ofp_be64_32 rx_frame_err;
    ofp_be64_32 rx_over_err;
    ofp_be64_32 rx_crc_err;
    ofp_be64_32 collisions;
};
OFP_ASSERT(sizeof(struct ofp10_port_stats) == 104);

/* Body of OFPST_QUEUE request. */
struct ofp10_queue_stats_request {
    be16 port_no;               /* OFPP_ALL for all ports. */
    uint8_t pad[2];
    be32 queue_id;              /* OFPQ_ALL for all queues. */
};
OFP_ASSERT(sizeof(struct ofp10_queue_stats_request) == 8);

#define OFPQ_ALL 0xffffffff

/* One entry in an OFPST_QUEUE reply. */
struct ofp10_queue_stats {
    be16 port_no;
    uint8_t pad[2];
    be32 queue_id;
    ofp_be64_32 tx_bytes;
    ofp_be64_32 tx_packets;
    ofp_be64_32 tx_errors;
};
OFP_ASSERT(sizeof(struct ofp10_queue_stats) == 32);

/* Body of OFPST_PORT_DESC request (Open vSwitch extension to 1.0). */
struct ofp10_port_desc_request {
    be16 port_no;
    uint8_t pad[2];
};
OFP_ASSERT(sizeof(struct ofp10_port_desc_request) == 4);

/* OFPT_QUEUE_GET_CONFIG_REQUEST body. */
struct ofp10_queue_get_config_request {
    be16 port;
    uint8_t pad[2];
};
OFP_ASSERT(sizeof(struct ofp10_queue_get_config_request) == 4);

/* OFPT_QUEUE_GET_CONFIG_REPLY body, followed by ofp10_packet_queue[]. */
struct ofp10_queue_get_config_reply {
    be16 port;
    uint8_t pad[6];
};
OFP_ASSERT(sizeof(struct ofp10_queue_get_config_reply) == 8);

/* A queue in OFPT_QUEUE_GET_CONFIG_REPLY, followed by properties. */
struct ofp10_packet_queue {
    be32 queue_id;
    be16 len;
    uint8_t pad[2];
};
OFP_ASSERT(sizeof(struct ofp10_packet_queue) == 8);

/* Actions. */
enum ofp10_action_type {
    OFPAT10_OUTPUT,
    OFPAT10_SET_VLAN_VID,
    OFPAT10_SET_VLAN_PCP,
    OFPAT10_STRIP_VLAN,
    OFPAT10_SET_DL_SRC,
    OFPAT10_SET_DL_DST,
    OFPAT10_SET_NW_SRC,
    OFPAT10_SET_NW_DST,
    OFPAT10_SET_NW_TOS,
    OFPAT10_SET_TP_SRC,
    OFPAT10_SET_TP_DST,
    OFPAT10_ENQUEUE,
    OFPAT10_VENDOR = 0xffff,
};

/* Common header of actions (all versions). */
struct ofp_action_header {
    be16 type;
    be16 len;                   /* Multiple of 8. */
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp_action_header) == 8);

/* OFPAT10_OUTPUT. */
struct ofp10_action_output {
    be16 type;
    be16 len;
    be16 port;
    be16 max_len;
};
OFP_ASSERT(sizeof(struct ofp10_action_output) == 8);

/* OFPAT10_ENQUEUE. */
struct ofp10_action_enqueue {
    be16 type;
    be16 len;
    be16 port;
    uint8_t pad[6];
    be32 queue_id;
};
OFP_ASSERT(sizeof(struct ofp10_action_enqueue) == 16);

/* Vendor action header (OFPAT10_VENDOR / OFPAT11_EXPERIMENTER). */
struct ofp_action_vendor_header {
    be16 type;
    be16 len;
    be32 vendor;
};
OFP_ASSERT(sizeof(struct ofp_action_vendor_header) == 8);

#endif /* openflow-1.0.h */
