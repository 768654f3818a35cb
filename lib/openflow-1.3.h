/* openflow-1.3.h: wire structures and constants that OpenFlow 1.3
 * introduced (meters, table features, asynchronous configuration, and the
 * 1.3 versions of statistics).
 *
 * See openflow-common.h for conventions. */
#ifndef SVS_OPENFLOW_1_3_H
#define SVS_OPENFLOW_1_3_H 1

#include "openflow-1.1.h"

/* Message types added in 1.3. */
enum ofp13_type {
    OFPT13_GET_ASYNC_REQUEST = 26,
    OFPT13_GET_ASYNC_REPLY = 27,
    OFPT13_SET_ASYNC = 28,
    OFPT13_METER_MOD = 29,
};

/* Capabilities added in 1.3. */
#define OFPC13_PORT_BLOCKED OFPC12_PORT_BLOCKED

/* OFPT_PACKET_IN body, 1.3+ (followed by an OXM match, 2 bytes of padding
 * and the packet). */
struct ofp13_packet_in {
    struct ofp12_packet_in pi;
    be64 cookie;
};
OFP_ASSERT(sizeof(struct ofp13_packet_in) == 16);

/* One entry of an OFPMP_PORT_STATS reply, 1.3. */
struct ofp13_port_stats {
    struct ofp11_port_stats ps;
    be32 duration_sec;
    be32 duration_nsec;
};
OFP_ASSERT(sizeof(struct ofp13_port_stats) == 112);

/* One entry of an OFPMP_QUEUE reply, 1.3. */
struct ofp13_queue_stats {
    struct ofp11_queue_stats qs;
    be32 duration_sec;
    be32 duration_nsec;
};
OFP_ASSERT(sizeof(struct ofp13_queue_stats) == 40);

/* One entry of an OFPMP_GROUP reply, 1.3+ (followed by bucket counters). */
struct ofp13_group_stats {
    struct ofp11_group_stats gs;
    be32 duration_sec;
    be32 duration_nsec;
};
OFP_ASSERT(sizeof(struct ofp13_group_stats) == 40);

/* One entry of an OFPMP_TABLE reply, 1.3+. */
struct ofp13_table_stats {
    uint8_t table_id;
    uint8_t pad[3];
    be32 active_count;
    be64 lookup_count;
    be64 matched_count;
};
OFP_ASSERT(sizeof(struct ofp13_table_stats) == 24);

/* Meters. */
enum ofp13_meter_mod_command {
    OFPMC13_ADD,
    OFPMC13_MODIFY,
    OFPMC13_DELETE,
};

enum ofp13_meter_flags {
    OFPMF13_KBPS = 1 << 0,
    OFPMF13_PKTPS = 1 << 1,
    OFPMF13_BURST = 1 << 2,
    OFPMF13_STATS = 1 << 3,
};

enum ofp13_meter_band_type {
    OFPMBT13_DROP = 1,
    OFPMBT13_DSCP_REMARK = 2,
    OFPMBT13_EXPERIMENTER = 0xffff,
};

/* OFPT_METER_MOD body (followed by bands). */
struct ofp13_meter_mod {
    be16 command;
    be16 flags;
    be32 meter_id;
};
OFP_ASSERT(sizeof(struct ofp13_meter_mod) == 8);

/* Common header of meter bands. */
struct ofp13_meter_band_header {
    be16 type;
    be16 len;
    be32 rate;
    be32 burst_size;
};
OFP_ASSERT(sizeof(struct ofp13_meter_band_header) == 12);

struct ofp13_meter_band_drop {
    be16 type;
    be16 len;
    be32 rate;
    be32 burst_size;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp13_meter_band_drop) == 16);

struct ofp13_meter_band_dscp_remark {
    be16 type;
    be16 len;
    be32 rate;
    be32 burst_size;
    uint8_t prec_level;
    uint8_t pad[3];
};
OFP_ASSERT(sizeof(struct ofp13_meter_band_dscp_remark) == 16);

struct ofp13_meter_band_experimenter {
    be16 type;
    be16 len;
    be32 rate;
    be32 burst_size;
    be32 experimenter;
};
OFP_ASSERT(sizeof(struct ofp13_meter_band_experimenter) == 16);

/* Body of OFPMP_METER and OFPMP_METER_CONFIG requests. */
struct ofp13_meter_multipart_request {
    be32 meter_id;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp13_meter_multipart_request) == 8);

/* Statistics of one band. */
struct ofp13_meter_band_stats {
    be64 packet_band_count;
    be64 byte_band_count;
};
OFP_ASSERT(sizeof(struct ofp13_meter_band_stats) == 16);

/* One entry of an OFPMP_METER reply (followed by band stats). */
struct ofp13_meter_stats {
    be32 meter_id;
    be16 len;
    uint8_t pad[6];
    be32 flow_count;
    be64 packet_in_count;
    be64 byte_in_count;
    be32 duration_sec;
    be32 duration_nsec;
};
OFP_ASSERT(sizeof(struct ofp13_meter_stats) == 40);

/* One entry of an OFPMP_METER_CONFIG reply (followed by bands). */
struct ofp13_meter_config {
    be16 length;
    be16 flags;
    be32 meter_id;
};
OFP_ASSERT(sizeof(struct ofp13_meter_config) == 8);

/* Body of OFPMP_METER_FEATURES reply. */
struct ofp13_meter_features {
    be32 max_meter;
    be32 band_types;
    be32 capabilities;
    uint8_t max_bands;
    uint8_t max_color;
    uint8_t pad[2];
};
OFP_ASSERT(sizeof(struct ofp13_meter_features) == 16);

/* Table features. */
struct ofp13_table_features {
    be16 length;
    uint8_t table_id;
    uint8_t command;            /* 1.5+ (OFPTFC15_*); padding before. */
    be32 features;              /* 1.5+ (OFPTFF15_*); padding before. */
    char name[OFP_MAX_TABLE_NAME_LEN];
    be64 metadata_match;
    be64 metadata_write;
    be32 capabilities;          /* OFPTC_*. */
    be32 max_entries;
};
OFP_ASSERT(sizeof(struct ofp13_table_features) == 64);

enum ofp15_table_features_command {
    OFPTFC15_REPLACE = 0,
    OFPTFC15_MODIFY = 1,
    OFPTFC15_ENABLE = 2,
    OFPTFC15_DISABLE = 3,
};

enum ofp13_table_feature_prop_type {
    OFPTFPT13_INSTRUCTIONS = 0,
    OFPTFPT13_INSTRUCTIONS_MISS = 1,
    OFPTFPT13_NEXT_TABLES = 2,
    OFPTFPT13_NEXT_TABLES_MISS = 3,
    OFPTFPT13_WRITE_ACTIONS = 4,
    OFPTFPT13_WRITE_ACTIONS_MISS = 5,
    OFPTFPT13_APPLY_ACTIONS = 6,
    OFPTFPT13_APPLY_ACTIONS_MISS = 7,
    OFPTFPT13_MATCH = 8,
    OFPTFPT13_WILDCARDS = 10,
    OFPTFPT13_WRITE_SETFIELD = 12,
    OFPTFPT13_WRITE_SETFIELD_MISS = 13,
    OFPTFPT13_APPLY_SETFIELD = 14,
    OFPTFPT13_APPLY_SETFIELD_MISS = 15,
    OFPTFPT15_TABLE_SYNC_FROM = 16,
    OFPTFPT15_WRITE_COPYFIELD = 18,
    OFPTFPT15_WRITE_COPYFIELD_MISS = 19,
    OFPTFPT15_APPLY_COPYFIELD = 20,
    OFPTFPT15_APPLY_COPYFIELD_MISS = 21,
    OFPTFPT15_PACKET_TYPES = 22,
    OFPTFPT13_EXPERIMENTER = 0xfffe,
    OFPTFPT13_EXPERIMENTER_MISS = 0xffff,
};

/* Asynchronous message configuration, 1.3 (OFPT_GET_ASYNC_REPLY,
 * OFPT_SET_ASYNC): index 0 is for master/equal, 1 for slave. */
struct ofp13_async_config {
    be32 packet_in_mask[2];
    be32 port_status_mask[2];
    be32 flow_removed_mask[2];
};
OFP_ASSERT(sizeof(struct ofp13_async_config) == 24);

#endif /* openflow-1.3.h */
