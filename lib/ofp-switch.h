/* ofp-switch.h: switch-wide OpenFlow messages: features request/reply,
 * get/set config, and the switch description (OFPST_DESC).
 *
 * What: 'struct ofputil_switch_features' is the features reply of any
 * version (the OpenFlow 1.0-1.2 replies also carry the port list, decoded
 * with ofp-port.h); 'struct ofputil_switch_config' is the body of
 * OFPT_GET_CONFIG_REPLY and OFPT_SET_CONFIG; 'struct ofputil_switch_desc'
 * is the OFPST_DESC reply.  Capabilities and 1.0 action bits use internal
 * layouts that cover every version (see the enums below).
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_OFP_SWITCH_H
#define SVS_OFP_SWITCH_H 1

#include <stdbool.h>
#include <stdint.h>
#include "ofp-errors.h"
#include "openflow-common.h"

struct ds;
struct ofpbuf;
struct ofputil_phy_port;

/* Capabilities, the union of every version's bits (same positions as on
 * the wire; STP exists in 1.0, GROUP_STATS in 1.1+, ARP_MATCH_IP in 1.0 and
 * 1.1, PORT_BLOCKED in 1.2+). */
enum ofputil_capabilities {
    OFPUTIL_C_FLOW_STATS = 1 << 0,
    OFPUTIL_C_TABLE_STATS = 1 << 1,
    OFPUTIL_C_PORT_STATS = 1 << 2,
    OFPUTIL_C_IP_REASM = 1 << 5,
    OFPUTIL_C_QUEUE_STATS = 1 << 6,
    OFPUTIL_C_ARP_MATCH_IP = 1 << 7,
    OFPUTIL_C_STP = 1 << 16,            /* 1.0 bit 3. */
    OFPUTIL_C_GROUP_STATS = 1 << 17,    /* 1.1+ bit 3. */
    OFPUTIL_C_PORT_BLOCKED = 1 << 8,
    OFPUTIL_C_BUNDLES = 1 << 9,         /* 1.4+. */
    OFPUTIL_C_FLOW_MONITORING = 1 << 10, /* 1.4+. */
};

/* OpenFlow 1.0 action bitmap of the features reply (wire bit numbers). */
enum ofputil_action_bitmap {
    OFPUTIL_A_OUTPUT = 1 << 0,
    OFPUTIL_A_SET_VLAN_VID = 1 << 1,
    OFPUTIL_A_SET_VLAN_PCP = 1 << 2,
    OFPUTIL_A_STRIP_VLAN = 1 << 3,
    OFPUTIL_A_SET_DL_SRC = 1 << 4,
    OFPUTIL_A_SET_DL_DST = 1 << 5,
    OFPUTIL_A_SET_NW_SRC = 1 << 6,
    OFPUTIL_A_SET_NW_DST = 1 << 7,
    OFPUTIL_A_SET_NW_TOS = 1 << 8,
    OFPUTIL_A_SET_TP_SRC = 1 << 9,
    OFPUTIL_A_SET_TP_DST = 1 << 10,
    OFPUTIL_A_ENQUEUE = 1 << 11,
};

/* OFPT_FEATURES_REPLY. */
struct ofputil_switch_features {
    uint64_t datapath_id;
    uint32_t n_buffers;
    uint8_t n_tables;
    uint8_t auxiliary_id;               /* 1.3+. */
    enum ofputil_capabilities capabilities;
    uint32_t ofpacts;                   /* ofputil_action_bitmap, 1.0. */
};

enum ofperr ofputil_decode_switch_features(const struct ofp_header *,
                                           struct ofputil_switch_features *,
                                           struct ofpbuf *ports);
struct ofpbuf *ofputil_encode_switch_features(
    const struct ofputil_switch_features *, enum ofp_version, be32 xid);
void ofputil_put_switch_features_port(const struct ofputil_phy_port *,
                                      struct ofpbuf *);
bool ofputil_switch_features_has_ports(const struct ofp_header *);
void ofputil_switch_features_format(struct ds *,
                                    const struct ofputil_switch_features *,
                                    enum ofp_version);
struct ofpbuf *ofputil_encode_features_request(enum ofp_version);

/* OFPT_GET_CONFIG_REPLY and OFPT_SET_CONFIG. */
enum ofputil_frag_handling {
    OFPUTIL_FRAG_NORMAL = OFPC_FRAG_NORMAL,
    OFPUTIL_FRAG_DROP = OFPC_FRAG_DROP,
    OFPUTIL_FRAG_REASM = OFPC_FRAG_REASM,
    OFPUTIL_FRAG_NX_MATCH = OFPC_FRAG_NX_MATCH,
};

struct ofputil_switch_config {
    enum ofputil_frag_handling frag;
    int invalid_ttl_to_controller;      /* -1: cannot be set (1.3+);
                                         * otherwise 0 or 1. */
    uint16_t miss_send_len;
};

const char *ofputil_frag_handling_to_string(enum ofputil_frag_handling);
bool ofputil_frag_handling_from_string(const char *,
                                       enum ofputil_frag_handling *);
enum ofperr ofputil_decode_get_config_reply(const struct ofp_header *,
                                            struct ofputil_switch_config *);
enum ofperr ofputil_decode_set_config(const struct ofp_header *,
                                      struct ofputil_switch_config *);
struct ofpbuf *ofputil_encode_get_config_request(enum ofp_version);
struct ofpbuf *ofputil_encode_get_config_reply(
    const struct ofp_header *request, const struct ofputil_switch_config *);
struct ofpbuf *ofputil_encode_set_config(const struct ofputil_switch_config *,
                                         enum ofp_version);
void ofputil_switch_config_format(struct ds *,
                                  const struct ofputil_switch_config *);

/* OFPST_DESC reply. */
struct ofputil_switch_desc {
    char mfr_desc[DESC_STR_LEN + 1];
    char hw_desc[DESC_STR_LEN + 1];
    char sw_desc[DESC_STR_LEN + 1];
    char serial_num[SERIAL_NUM_LEN + 1];
    char dp_desc[DESC_STR_LEN + 1];
};

enum ofperr ofputil_decode_switch_desc(const struct ofp_header *,
                                       struct ofputil_switch_desc *);
struct ofpbuf *ofputil_encode_switch_desc(const struct ofputil_switch_desc *,
                                          const struct ofp_header *request);
void ofputil_switch_desc_format(struct ds *,
                                const struct ofputil_switch_desc *);
struct ofpbuf *ofputil_encode_desc_stats_request(enum ofp_version);

void ofputil_switch_print_register(void);

#endif /* ofp-switch.h */
