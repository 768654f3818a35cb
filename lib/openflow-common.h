/* openflow-common.h: wire structures and constants shared by every
 * OpenFlow version (1.0 through 1.5) and by the vendor extensions.
 *
 * What: the OpenFlow header, version numbers, the vendor (experimenter)
 * identifiers svs knows, hello elements, error messages, the common parts
 * of statistics/multipart messages and of vendor messages, and the
 * property TLV header used from OpenFlow 1.3 on.  Version-specific
 * structures live in openflow-1.0.h ... openflow-1.5.h and
 * openflow-nicira.h; include "openflow.h" to get them all.
 *
 * Design: every structure is declared exactly as it is on the wire, in
 * network byte order (be16/be32/be64), with explicit padding, and its size
 * is checked with OFP_ASSERT.  A 64-bit field that the protocol only
 * aligns on a 32-bit boundary is declared as 'ofp_be64_32' (two 32-bit
 * halves) so that no structure here needs to be packed; use
 * get_32aligned_be64()/put_32aligned_be64() to access it.  Constants are
 * host byte order integers.
 *
 * Thread-safety: declarations only. */
#ifndef SVS_OPENFLOW_COMMON_H
#define SVS_OPENFLOW_COMMON_H 1

#include <arpa/inet.h>
#include <endian.h>
#include <stdint.h>
#include "svs-types.h"

/* Checks the size of a wire structure at compile time. */
#define OFP_ASSERT(EXPR) _Static_assert(EXPR, #EXPR)

/* 64-bit integers in network byte order. */
static inline be64 htonll(uint64_t x) { return htobe64(x); }
static inline uint64_t ntohll(be64 x) { return be64toh(x); }

/* A be64 that is only 32-bit aligned on the wire. */
typedef struct {
    be32 hi, lo;
} ofp_be64_32;

static inline be64
get_32aligned_be64(const ofp_be64_32 *x)
{
    uint64_t hi = be32toh(x->hi), lo = be32toh(x->lo);
    return htonll((hi << 32) | lo);
}

static inline void
put_32aligned_be64(ofp_be64_32 *x, be64 value)
{
    uint64_t v = ntohll(value);
    x->hi = htobe32(v >> 32);
    x->lo = htobe32(v & 0xffffffff);
}

/* A 128-bit value that is only 32-bit aligned on the wire. */
typedef struct {
    be32 be32[4];
} ofp_be128_32;

/* OpenFlow version numbers, as in ofp_header.version. */
enum ofp_version {
    OFP10_VERSION = 0x01,
    OFP11_VERSION = 0x02,
    OFP12_VERSION = 0x03,
    OFP13_VERSION = 0x04,
    OFP14_VERSION = 0x05,
    OFP15_VERSION = 0x06,
};
#define OFP_MIN_VERSION OFP10_VERSION
#define OFP_MAX_VERSION OFP15_VERSION

/* Vendor (experimenter) identifiers. */
#define NX_VENDOR_ID    0x00002320  /* Nicira (Open vSwitch). */
#define ONF_VENDOR_ID   0x4f4e4600  /* Open Networking Foundation. */
#define INTEL_VENDOR_ID 0x0000aa01  /* Intel. */
#define HPL_VENDOR_ID   0x000004ea  /* HP Labs. */

/* Default TCP ports. */
#define OFP_OLD_PORT 6633
#define OFP_PORT 6653

#define OFP_MAX_TABLE_NAME_LEN 32
#define OFP_MAX_PORT_NAME_LEN 16
#define DESC_STR_LEN 256
#define SERIAL_NUM_LEN 32
#define OFP_DEFAULT_MISS_SEND_LEN 128
#define OFP_NO_BUFFER 0xffffffff
#define OFP_DEFAULT_PRIORITY 0x8000
#define OFP_FLOW_PERMANENT 0

/* The header that starts every OpenFlow message. */
struct ofp_header {
    uint8_t version;            /* OFPxx_VERSION. */
    uint8_t type;               /* One of the OFPT_* of 'version'. */
    be16 length;                /* Length including this header. */
    be32 xid;                   /* Transaction id. */
};
OFP_ASSERT(sizeof(struct ofp_header) == 8);

/* Message types that every version numbers the same way. */
enum ofp_common_type {
    OFPT_HELLO = 0,
    OFPT_ERROR = 1,
    OFPT_ECHO_REQUEST = 2,
    OFPT_ECHO_REPLY = 3,
    OFPT_VENDOR = 4,            /* OFPT_EXPERIMENTER in 1.1+. */
    OFPT_FEATURES_REQUEST = 5,
    OFPT_FEATURES_REPLY = 6,
    OFPT_GET_CONFIG_REQUEST = 7,
    OFPT_GET_CONFIG_REPLY = 8,
    OFPT_SET_CONFIG = 9,
    OFPT_PACKET_IN = 10,
    OFPT_FLOW_REMOVED = 11,
    OFPT_PORT_STATUS = 12,
    OFPT_PACKET_OUT = 13,
    OFPT_FLOW_MOD = 14,
};

/* Hello elements (OpenFlow 1.3+). */
enum ofp_hello_elem_type {
    OFPHET_VERSIONBITMAP = 1,
};

struct ofp_hello_elem_header {
    be16 type;                  /* OFPHET_*. */
    be16 length;                /* Length of the element, excluding
                                 * padding to a multiple of 8. */
};
OFP_ASSERT(sizeof(struct ofp_hello_elem_header) == 4);

/* OFPT_ERROR.  Followed by data whose meaning depends on the type: usually
 * (up to 64 bytes of) the message that caused the error, or ASCII text for
 * OFPET_HELLO_FAILED. */
struct ofp_error_msg {
    be16 type;
    be16 code;
};
OFP_ASSERT(sizeof(struct ofp_error_msg) == 4);

/* OpenFlow 1.2+ experimenter error: type == OFPET12_EXPERIMENTER. */
struct ofp12_error_experimenter {
    be16 type;                  /* OFPET12_EXPERIMENTER (0xffff). */
    be16 exp_type;              /* Experimenter-defined. */
    be32 experimenter;          /* Experimenter ID. */
};
OFP_ASSERT(sizeof(struct ofp12_error_experimenter) == 8);

#define OFPET12_EXPERIMENTER 0xffff
#define NXET_VENDOR 0xb0c2          /* Nicira vendor error type, 1.0/1.1. */
#define NXVC_VENDOR_ERROR 0         /* Its only code. */

/* Follows ofp_error_msg for NXET_VENDOR/NXVC_VENDOR_ERROR in OpenFlow 1.0
 * and 1.1: the actual vendor error. */
struct nx_vendor_error {
    be32 vendor;
    be16 type;
    be16 code;
};
OFP_ASSERT(sizeof(struct nx_vendor_error) == 8);

/* Vendor (experimenter) message header, OFPT_VENDOR. */
struct ofp_vendor_header {
    struct ofp_header header;
    be32 vendor;
};
OFP_ASSERT(sizeof(struct ofp_vendor_header) == 12);

/* Header of a vendor message of Nicira or ONF: vendor plus subtype. */
struct ofp_ext_header {
    struct ofp_header header;
    be32 vendor;
    be32 subtype;
};
OFP_ASSERT(sizeof(struct ofp_ext_header) == 16);

/* Statistics request/reply header, OpenFlow 1.0 (OFPT10_STATS_*). */
struct ofp10_stats_msg {
    struct ofp_header header;
    be16 type;                  /* OFPST_*. */
    be16 flags;                 /* OFPSF_REPLY_MORE in replies. */
};
OFP_ASSERT(sizeof(struct ofp10_stats_msg) == 12);

/* Multipart request/reply header, OpenFlow 1.1+. */
struct ofp11_stats_msg {
    struct ofp_header header;
    be16 type;                  /* OFPMP_*. */
    be16 flags;                 /* OFPSF_REPLY_MORE / OFPSF_REQ_MORE. */
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp11_stats_msg) == 16);

#define OFPSF_REPLY_MORE 0x0001
#define OFPSF_REQ_MORE 0x0001
#define OFPST_VENDOR 0xffff

/* Vendor statistics, OpenFlow 1.0 (Nicira style: 8 bytes of padding). */
struct ofp10_vendor_stats_msg {
    struct ofp10_stats_msg osm;     /* type == OFPST_VENDOR. */
    be32 vendor;
    be32 subtype;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp10_vendor_stats_msg) == 24);

/* Experimenter multipart messages, OpenFlow 1.1+. */
struct ofp11_vendor_stats_msg {
    struct ofp11_stats_msg osm;     /* type == OFPST_VENDOR. */
    be32 vendor;
    be32 subtype;
};
OFP_ASSERT(sizeof(struct ofp11_vendor_stats_msg) == 24);

/* Common header of properties (OpenFlow 1.3+ TLVs, padded to 8 bytes). */
struct ofp_prop_header {
    be16 type;
    be16 len;                   /* Excluding padding. */
};
OFP_ASSERT(sizeof(struct ofp_prop_header) == 4);

/* Experimenter property header. */
struct ofp_prop_experimenter {
    be16 type;                  /* 0xffff (or 0xfffe in some tables). */
    be16 len;
    be32 experimenter;
    be32 exp_type;
};
OFP_ASSERT(sizeof(struct ofp_prop_experimenter) == 12);

/* Port configuration flags (ofp_phy_port.config, all versions). */
enum ofp_port_config {
    OFPPC_PORT_DOWN = 1 << 0,
    OFPPC10_NO_STP = 1 << 1,        /* 1.0 only. */
    OFPPC_NO_RECV = 1 << 2,
    OFPPC10_NO_RECV_STP = 1 << 3,   /* 1.0 only. */
    OFPPC10_NO_FLOOD = 1 << 4,      /* 1.0 only. */
    OFPPC_NO_FWD = 1 << 5,
    OFPPC_NO_PACKET_IN = 1 << 6,
};

/* Port state flags (ofp_phy_port.state). */
enum ofp_port_state {
    OFPPS_LINK_DOWN = 1 << 0,
    OFPPS11_BLOCKED = 1 << 1,       /* 1.1+. */
    OFPPS11_LIVE = 1 << 2,          /* 1.1+. */
    OFPPS10_STP_LISTEN = 0 << 8,    /* 1.0 STP state (2 bits at 8). */
    OFPPS10_STP_LEARN = 1 << 8,
    OFPPS10_STP_FORWARD = 2 << 8,
    OFPPS10_STP_BLOCK = 3 << 8,
    OFPPS10_STP_MASK = 3 << 8,
};

/* Reasons for OFPT_PORT_STATUS. */
enum ofp_port_reason {
    OFPPR_ADD,
    OFPPR_DELETE,
    OFPPR_MODIFY,
};

/* OFPT_SET_CONFIG / GET_CONFIG_REPLY body (all versions). */
struct ofp_switch_config {
    be16 flags;                 /* OFPC_* flags. */
    be16 miss_send_len;
};
OFP_ASSERT(sizeof(struct ofp_switch_config) == 4);

enum ofp_config_flags {
    OFPC_FRAG_NORMAL = 0,
    OFPC_FRAG_DROP = 1,
    OFPC_FRAG_REASM = 2,
    OFPC_FRAG_NX_MATCH = 3,         /* Nicira extension. */
    OFPC_FRAG_MASK = 3,
    OFPC_INVALID_TTL_TO_CONTROLLER = 1 << 2,    /* 1.1, 1.2 only. */
};

/* Body of OFPST_DESC reply (all versions). */
struct ofp_desc_stats {
    char mfr_desc[DESC_STR_LEN];
    char hw_desc[DESC_STR_LEN];
    char sw_desc[DESC_STR_LEN];
    char serial_num[SERIAL_NUM_LEN];
    char dp_desc[DESC_STR_LEN];
};
OFP_ASSERT(sizeof(struct ofp_desc_stats) == 1056);

/* Queue property header, OFPT_QUEUE_GET_CONFIG_REPLY (1.0-1.3). */
struct ofp_queue_prop_header {
    be16 property;              /* OFPQT_*. */
    be16 len;
    uint8_t pad[4];
};
OFP_ASSERT(sizeof(struct ofp_queue_prop_header) == 8);

enum ofp_queue_properties {
    OFPQT_MIN_RATE = 1,
    OFPQT_MAX_RATE = 2,             /* 1.2+. */
    OFPQT_EXPERIMENTER = 0xffff,
};

/* Min/max rate queue property. */
struct ofp_queue_prop_rate {
    struct ofp_queue_prop_header prop_header;
    be16 rate;                  /* In 1/10 of a percent; >1000 disabled. */
    uint8_t pad[6];
};
OFP_ASSERT(sizeof(struct ofp_queue_prop_rate) == 16);

/* Controller roles (1.2+ and NXT_ROLE_REQUEST). */
enum ofp12_controller_role {
    OFPCR12_ROLE_NOCHANGE,
    OFPCR12_ROLE_EQUAL,
    OFPCR12_ROLE_MASTER,
    OFPCR12_ROLE_SLAVE,
};

/* Reserved group ids (1.1+). */
enum ofp11_group {
    OFPG_MAX = 0xffffff00,
    OFPG_ALL = 0xfffffffc,
    OFPG_ANY = 0xffffffff,
};

/* Group types (1.1+). */
enum ofp11_group_type {
    OFPGT11_ALL,
    OFPGT11_SELECT,
    OFPGT11_INDIRECT,
    OFPGT11_FF,
};

/* Meter ids (1.3+). */
enum ofp13_meter {
    OFPM13_MAX = 0xffff0000,
    OFPM13_SLOWPATH = 0xfffffffd,
    OFPM13_CONTROLLER = 0xfffffffe,
    OFPM13_ALL = 0xffffffff,
};

/* Table numbers. */
enum ofp_table {
    OFPTT_MAX = 0xfe,
    OFPTT_ALL = 0xff,
};

/* Flow removed reasons. */
enum ofp_flow_removed_reason {
    OFPRR_IDLE_TIMEOUT,
    OFPRR_HARD_TIMEOUT,
    OFPRR_DELETE,
    OFPRR_GROUP_DELETE,             /* 1.3+. */
    OFPRR_METER_DELETE,             /* 1.4+. */
    OFPRR_EVICTION,                 /* 1.4+. */
};

/* Packet-in reasons. */
enum ofp_packet_in_reason {
    OFPR_NO_MATCH,                  /* "table_miss" in 1.3+. */
    OFPR_ACTION,                    /* "apply_action" in 1.4+. */
    OFPR_INVALID_TTL,
    OFPR_ACTION_SET,                /* 1.4+. */
    OFPR_GROUP,                     /* 1.4+. */
    OFPR_PACKET_OUT,                /* 1.4+. */
    OFPR_N_REASONS
};

/* Flow-mod commands. */
enum ofp_flow_mod_command {
    OFPFC_ADD,
    OFPFC_MODIFY,
    OFPFC_MODIFY_STRICT,
    OFPFC_DELETE,
    OFPFC_DELETE_STRICT,
};

#endif /* openflow-common.h */
