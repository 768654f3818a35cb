/* openflow-1.4.h: wire structures and constants that OpenFlow 1.4 and 1.5
 * introduced (property-based ports, role and table status, table and queue
 * descriptions, bundles, request forwarding, flow monitoring, and the 1.5
 * packet-out, flow-removed, group and statistics layouts).
 *
 * See openflow-common.h for conventions. */
#ifndef SVS_OPENFLOW_1_4_H
#define SVS_OPENFLOW_1_4_H 1

#include "openflow-1.3.h"

/* Message types added in 1.4 and 1.5. */
enum ofp14_type {
    OFPT14_ROLE_STATUS = 30,
    OFPT14_TABLE_STATUS = 31,
    OFPT14_REQUESTFORWARD = 32,
    OFPT14_BUNDLE_CONTROL = 33,
    OFPT14_BUNDLE_ADD_MESSAGE = 34,
    OFPT15_CONTROLLER_STATUS = 35,
};

/* Port description, 1.4+ (followed by properties). */
struct ofp14_port {
    be32 port_no;
    be16 length;
    uint8_t pad[2];
    struct eth_addr hw_addr;
    uint8_t pad2[2];
    char name[OFP_MAX_PORT_NAME_LEN];
    be32 config;
    be32 state;
};
OFP_ASSERT(sizeof(struct ofp14_port) == 40);

enum ofp14_port_desc_prop_type {
    OFPPDPT14_ETHERNET = 0,
    OFPPDPT14_OPTICAL = 1,
    OFPPDPT14_EXPERIMENTER = 0xffff,
};

struct ofp14_port_desc_prop_ethernet {
    be16 type;
    be16 length;
    uint8_t pad[4];
    be32 curr;
    be32 advertised;
    be32 supported;
    be32 peer;
    be32 curr_speed;
    be32 max_speed;
};
OFP_ASSERT(sizeof(struct ofp14_port_desc_prop_ethernet) == 32);

/* OFPT_PORT_STATUS body, 1.4+. */
struct ofp14_port_status {
    uint8_t reason;
    uint8_t pad[7];
    /* Followed by struct ofp14_port. */
};
OFP_ASSERT(sizeof(struct ofp14_port_status) == 8);

/* OFPT_PORT_MOD body, 1.4+ (followed by properties). */
struct ofp14_port_mod {
    be32 port_no;
    uint8_t pad[4];
    struct eth_addr hw_addr;
    uint8_t pad2[2];
    be32 config;
    be32 mask;
};
OFP_ASSERT(sizeof(struct ofp14_port_mod) == 24);

enum ofp14_port_mod_prop_type {
    OFPPMPT14_ETHERNET = 0,
    OFPPMPT14_OPTICAL = 1,
    OFPPMPT14_EXPERIMENTER = 0xffff,
};

struct ofp14_port_mod_prop_ethernet {
    be16 type;
    be16 length;
    be32 advertise;
};
OFP_ASSERT(sizeof(struct ofp14_port_mod_prop_ethernet) == 8);

/* One entry of an OFPMP_PORT_STATS reply, 1.4+ (followed by
 * properties). */
struct ofp14_port_stats {
    be16 length;
    uint8_t pad[2];
    be32 port_no;
    be32 duration_sec;
    be32 duration_nsec;
    be64 rx_packets;
    be64 tx_packets;
    be64 rx_bytes;
    be64 tx_bytes;
    be64 rx_dropped;
    be64 tx_dropped;
    be64 rx_errors;
    be64 tx_errors;
};
OFP_ASSERT(sizeof(struct ofp14_port_stats) == 80);

enum ofp14_port_stats_prop_type {
    OFPPSPT14_ETHERNET = 0,
    OFPPSPT14_OPTICAL = 1,
    OFPPSPT14_EXPERIMENTER = 0xffff,
};

struct ofp14_port_stats_prop_ethernet {
    be16 type;
    be16 length;
    uint8_t pad[4];
    be64 rx_frame_err;
    be64 rx_over_err;
    be64 rx_crc_err;
    be64 collisions;
};
OFP_ASSERT(sizeof(struct ofp14_port_stats_prop_ethernet) == 40);

/* One entry of an OFPMP_QUEUE reply, 1.4+ (followed by properties). */
struct ofp14_queue_stats {
    be16 length;
    uint8_t pad[6];
    struct ofp13_queue_stats qs;
};
OFP_ASSERT(sizeof(struct ofp14_queue_stats) == 48);

/* Body of OFPMP_QUEUE_DESC request, 1.4+. */
struct ofp14_queue_desc_request {
    be32 port;
    be32 queue;
};
OFP_ASSERT(sizeof(struct ofp14_queue_desc_request) == 8);

/* One entry of an OFPMP_QUEUE_DESC reply (followed by properties). */
struct ofp14_queue_desc {
    be32 port_no;
    be32 queue_id;
    be16 len;
    uint8_t pad[6];
};
OFP_ASSERT(sizeof(struct ofp14_queue_desc) == 16);

enum ofp14_queue_desc_prop_type {
    OFPQDPT14_MIN_RATE = 1,
    OFPQDPT14_MAX_RATE = 2,
    OFPQDPT14_EXPERIMENTER = 0xffff,
};

struct ofp14_queue_desc_prop_rate {
    be16 type;
    be16 length;
    be16 rate;
    uint8_t pad[2];
};
OFP_ASSERT(sizeof(struct ofp14_queue_desc_prop_rate) == 8);

/* Table mod properties, 1.4+. */
enum ofp14_table_mod_prop_type {
    OFPTMPT14_EVICTION = 0x2,
    OFPTMPT14_VACANCY = 0x3,
    OFPTMPT14_EXPERIMENTER = 0xffff,
};

struct ofp14_table_mod_prop_eviction {
    be16 type;
    be16 length;
    be32 flags;
};
OFP_ASSERT(sizeof(struct ofp14_table_mod_prop_eviction) == 8);

struct ofp14_table_mod_prop_vacancy {
    be16 type;
    be16 length;
    uint8_t vacancy_down;
    uint8_t vacancy_up;
    uint8_t vacancy;
    uint8_t pad[1];
};
OFP_ASSERT(sizeof(struct ofp14_table_mod_prop_vacancy) == 8);

enum ofp14_table_mod_prop_eviction_flag {
    OFPTMPEF14_OTHER = 1 << 0,
    OFPTMPEF14_IMPORTANCE = 1 << 1,
    OFPTMPEF14_LIFETIME = 1 << 2,
};

/* One entry of an OFPMP_TABLE_DESC reply (followed by properties). */
struct ofp14_table_desc {
    be16 length;
    uint8_t table_id;
    uint8_t pad[1];
    be32 config;
};
OFP_ASSERT(sizeof(struct ofp14_table_desc) == 8);

/* OFPT_TABLE_STATUS body (followed by ofp14_table_desc). */
struct ofp14_table_status {
    uint8_t reason;
    uint8_t pad[7];
};
OFP_ASSERT(sizeof(struct ofp14_table_status) == 8);

enum ofp14_table_reason {
    OFPTR_VACANCY_DOWN = 3,
    OFPTR_VACANCY_UP = 4,
};

/* OFPT_ROLE_STATUS body (followed by properties). */
struct ofp14_role_status {
    be32 role;
    uint8_t reason;
    uint8_t pad[3];
    be64 generation_id;
};
OFP_ASSERT(sizeof(struct ofp14_role_status) == 16);

enum ofp14_controller_role_reason {
    OFPCRR_MASTER_REQUEST = 0,
    OFPCRR_CONFIG = 1,
    OFPCRR_EXPERIMENTER = 2,
};

/* Asynchronous configuration properties, 1.4+. */
enum ofp14_async_config_prop_type {
    OFPACPT_PACKET_IN_SLAVE = 0,
    OFPACPT_PACKET_IN_MASTER = 1,
    OFPACPT_PORT_STATUS_SLAVE = 2,
    OFPACPT_PORT_STATUS_MASTER = 3,
    OFPACPT_FLOW_REMOVED_SLAVE = 4,
    OFPACPT_FLOW_REMOVED_MASTER = 5,
    OFPACPT_ROLE_STATUS_SLAVE = 6,
    OFPACPT_ROLE_STATUS_MASTER = 7,
    OFPACPT_TABLE_STATUS_SLAVE = 8,
    OFPACPT_TABLE_STATUS_MASTER = 9,
    OFPACPT_REQUESTFORWARD_SLAVE = 10,
    OFPACPT_REQUESTFORWARD_MASTER = 11,
    OFPACPT_EXPERIMENTER_SLAVE = 0xfffe,
    OFPACPT_EXPERIMENTER_MASTER = 0xffff,
};

struct ofp14_async_config_prop_reasons {
    be16 type;
    be16 length;
    be32 mask;
};
OFP_ASSERT(sizeof(struct ofp14_async_config_prop_reasons) == 8);

/* Bundles. */
enum ofp14_bundle_ctrl_type {
    OFPBCT_OPEN_REQUEST = 0,
    OFPBCT_OPEN_REPLY = 1,
    OFPBCT_CLOSE_REQUEST = 2,
    OFPBCT_CLOSE_REPLY = 3,
    OFPBCT_COMMIT_REQUEST = 4,
    OFPBCT_COMMIT_REPLY = 5,
    OFPBCT_DISCARD_REQUEST = 6,
    OFPBCT_DISCARD_REPLY = 7,
};

enum ofp14_bundle_flags {
    OFPBF_ATOMIC = 1 << 0,
    OFPBF_ORDERED = 1 << 1,
    OFPBF_TIME = 1 << 2,        /* 1.5+. */
};

/* OFPT_BUNDLE_CONTROL body (followed by properties). */
struct ofp14_bundle_ctrl_msg {
    be32 bundle_id;
    be16 type;
    be16 flags;
};
OFP_ASSERT(sizeof(struct ofp14_bundle_ctrl_msg) == 8);

/* OFPT_BUNDLE_ADD_MESSAGE body (followed by the message, then
 * properties). */
struct ofp14_bundle_add_msg {
    be32 bundle_id;
    uint8_t pad[2];
    be16 flags;
};
OFP_ASSERT(sizeof(struct ofp14_bundle_add_msg) == 8);

/* Flow monitoring, 1.4+. */
struct ofp14_flow_monitor_request {
    be32 monitor_id;
    be32 out_port;
    be32 out_group;
    be16 flags;
    uint8_t table_id;
    uint8_t command;
};
OFP_ASSERT(sizeof(struct ofp14_flow_monitor_request) == 16);

enum ofp14_flow_monitor_command {
    OFPFMC14_ADD = 0,
    OFPFMC14_MODIFY = 1,
    OFPFMC14_DELETE = 2,
};

enum ofp14_flow_monitor_flags {
    OFPFMF14_INITIAL = 1 << 0,
    OFPFMF14_ADD = 1 << 1,
    OFPFMF14_REMOVED = 1 << 2,
    OFPFMF14_MODIFY = 1 << 3,
    OFPFMF14_INSTRUCTIONS = 1 << 4,
    OFPFMF14_NO_ABBREV = 1 << 5,
    OFPFMF14_ONLY_OWN = 1 << 6,
};

/* OpenFlow 1.5 packet-out body (followed by a match, actions, packet). */
struct ofp15_packet_out {
    be32 buffer_id;
    be16 actions_len;
    uint8_t pad[2];
};
OFP_ASSERT(sizeof(struct ofp15_packet_out) == 8);

/* OpenFlow 1.5 flow-removed body (followed by a match and OXS stats). */
struct ofp15_flow_removed {
    uint8_t table_id;
    uint8_t reason;
    be16 priority;
    be16 idle_timeout;
    be16 hard_timeout;
    be64 cookie;
};
OFP_ASSERT(sizeof(struct ofp15_flow_removed) == 16);

/* OpenFlow 1.5 group mod body (followed by buckets, then properties). */
struct ofp15_group_mod {
    be16 command;
    uint8_t type;
    uint8_t pad;
    be32 group_id;
    be16 bucket_array_len;
    uint8_t pad1[2];
    be32 command_bucket_id;
};
OFP_ASSERT(sizeof(struct ofp15_group_mod) == 16);

/* Bucket ids, 1.5. */
enum ofp15_group_bucket {
    OFPG15_BUCKET_MAX = 0xffffff00,
    OFPG15_BUCKET_FIRST = 0xfffffffd,
    OFPG15_BUCKET_LAST = 0xfffffffe,
    OFPG15_BUCKET_ALL = 0xffffffff,
};

/* OpenFlow 1.5 bucket (followed by actions, then properties). */
struct ofp15_bucket {
    be16 len;
    be16 action_array_len;
    be32 bucket_id;
};
OFP_ASSERT(sizeof(struct ofp15_bucket) == 8);

enum ofp15_group_bucket_prop_type {
    OFPGBPT15_WEIGHT = 0,
    OFPGBPT15_WATCH_PORT = 1,
    OFPGBPT15_WATCH_GROUP = 2,
    OFPGBPT15_EXPERIMENTER = 0xffff,
};

struct ofp15_group_bucket_prop_weight {
    be16 type;
    be16 length;
    be16 weight;
    uint8_t pad[2];
};
OFP_ASSERT(sizeof(struct ofp15_group_bucket_prop_weight) == 8);

struct ofp15_group_bucket_prop_watch {
    be16 type;
    be16 length;
    be32 watch;
};
OFP_ASSERT(sizeof(struct ofp15_group_bucket_prop_watch) == 8);

/* One entry of an OFPMP_GROUP_DESC reply, 1.5 (followed by buckets, then
 * properties). */
struct ofp15_group_desc_stats {
    be16 length;
    uint8_t type;
    uint8_t pad;
    be32 group_id;
    be16 bucket_list_len;
    uint8_t pad2[6];
};
OFP_ASSERT(sizeof(struct ofp15_group_desc_stats) == 16);

#endif /* openflow-1.4.h */
