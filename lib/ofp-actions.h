/* ofp-actions.h: OpenFlow actions and instructions, in an internal form
 * common to every OpenFlow version.
 *
 * What: svs represents a list of actions (and the instructions that wrap
 * them) as a sequence of "ofpacts": variable-length structures, each
 * starting with a 'struct ofpact' header, laid end to end in a buffer (an
 * ofpbuf while building, then a plain array).  This module converts that
 * form to and from
 *   - the wire encodings of OpenFlow 1.0, 1.1, 1.2, 1.3, 1.4 and 1.5,
 *     including the Nicira (NXAST_*) and ONF experimenter actions, exactly
 *     as Open vSwitch 3.1 encodes them (byte for byte);
 *   - the text syntax of ovs-ofctl ("mod_vlan_vid:5,output:3",
 *     "resubmit(,2)", "load:0x1->NXM_NX_REG0[0..15]", "learn(...)",
 *     "ct(commit,nat(src=10.0.0.1))", ...);
 * and it validates actions: on decoding (lengths, reserved bits, ranges,
 * with precise enum ofperr errors), against a flow match's prerequisites
 * (ofpacts_check()), and for instruction order (ofpacts_verify()).
 *
 * Design:
 *   - Each action type has one 'enum ofpact_type' value, one structure
 *     ("struct ofpact_output" ...) and helpers generated from the OFPACTS
 *     X-macro: ofpact_put_OUTPUT(buf) appends and initializes one,
 *     ofpact_get_OUTPUT(ofpact) casts a header to it.
 *   - Every ofpact is padded to OFPACT_ALIGNTO bytes; 'len' is the length
 *     without the final padding, so the next one is at
 *     OFPACT_ALIGN(len).  Nested action lists (clone, ct(exec(...)),
 *     write_actions) are stored inline after their container's fixed part.
 *   - 'raw' remembers which wire encoding an ofpact was decoded from (for
 *     example NXAST_RESUBMIT vs NXAST_RESUBMIT_TABLE, reg_load vs
 *     set_field, strip_vlan vs pop_vlan), so that re-encoding gives the
 *     same bytes and printing the same text as Open vSwitch; 0xff means
 *     "no preference" (the default encoding for the target version).
 *   - Instructions are ofpacts too: OFPACT_METER, then the apply-actions
 *     (ordinary ofpacts), OFPACT_CLEAR_ACTIONS, OFPACT_WRITE_ACTIONS,
 *     OFPACT_WRITE_METADATA and OFPACT_GOTO_TABLE, in that order.
 *
 * Errors: decoders and validators return 0 or an enum ofperr; text parsers
 * return NULL or a malloc'd error message in ovs-ofctl's words.
 *
 * Thread-safety: every function is reentrant: it touches only the buffers
 * passed to it (the name tables are constant). */
#ifndef SVS_OFP_ACTIONS_H
#define SVS_OFP_ACTIONS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"
#include "meta-flow.h"
#include "ofp-errors.h"
#include "ofpbuf.h"
#include "openflow-common.h"
#include "svs-types.h"
#include "util.h"

struct ds;
struct match;

/* Every action and instruction type, with its structure and name:
 *     OFPACT(ENUM, STRUCT, MEMBER, NAME)
 * ENUM is the suffix of OFPACT_<ENUM>, STRUCT the structure that
 * represents it, MEMBER the name of its variable-length trailing array
 * ("ofpact" if it has none), NAME its main text keyword.
 *
 * The order matters: it is the order in which an action set executes
 * (OpenFlow 1.1+ write_actions) for the actions that may appear in one, and
 * the instructions at the end are in the order OpenFlow requires. */
#define OFPACTS                                                         \
    /* Output. */                                                       \
    OFPACT(OUTPUT,          ofpact_output,      ofpact, "output")       \
    OFPACT(GROUP,           ofpact_group,       ofpact, "group")        \
    OFPACT(CONTROLLER,      ofpact_controller,  userdata, "controller") \
    OFPACT(ENQUEUE,         ofpact_enqueue,     ofpact, "enqueue")      \
    OFPACT(OUTPUT_REG,      ofpact_output_reg,  ofpact, "output_reg")   \
    OFPACT(BUNDLE,          ofpact_bundle,      members, "bundle")      \
                                                                        \
    /* Header changes. */                                               \
    OFPACT(SET_FIELD,       ofpact_set_field,   ofpact, "set_field")    \
    OFPACT(SET_VLAN_VID,    ofpact_vlan_vid,    ofpact, "set_vlan_vid") \
    OFPACT(SET_VLAN_PCP,    ofpact_vlan_pcp,    ofpact, "set_vlan_pcp") \
    OFPACT(STRIP_VLAN,      ofpact_null,        ofpact, "strip_vlan")   \
    OFPACT(PUSH_VLAN,       ofpact_push_vlan,   ofpact, "push_vlan")    \
    OFPACT(SET_ETH_SRC,     ofpact_mac,         ofpact, "mod_dl_src")   \
    OFPACT(SET_ETH_DST,     ofpact_mac,         ofpact, "mod_dl_dst")   \
    OFPACT(SET_IPV4_SRC,    ofpact_ipv4,        ofpact, "mod_nw_src")   \
    OFPACT(SET_IPV4_DST,    ofpact_ipv4,        ofpact, "mod_nw_dst")   \
    OFPACT(SET_IP_DSCP,     ofpact_dscp,        ofpact, "mod_nw_tos")   \
    OFPACT(SET_IP_ECN,      ofpact_ecn,         ofpact, "mod_nw_ecn")   \
    OFPACT(SET_IP_TTL,      ofpact_ip_ttl,      ofpact, "mod_nw_ttl")   \
    OFPACT(SET_L4_SRC_PORT, ofpact_l4_port,     ofpact, "mod_tp_src")   \
    OFPACT(SET_L4_DST_PORT, ofpact_l4_port,     ofpact, "mod_tp_dst")   \
    OFPACT(REG_MOVE,        ofpact_reg_move,    ofpact, "move")         \
    OFPACT(STACK_PUSH,      ofpact_stack,       ofpact, "push")         \
    OFPACT(STACK_POP,       ofpact_stack,       ofpact, "pop")          \
    OFPACT(DEC_TTL,         ofpact_cnt_ids,     cnt_ids, "dec_ttl")     \
    OFPACT(SET_MPLS_LABEL,  ofpact_mpls_label,  ofpact, "set_mpls_label") \
    OFPACT(SET_MPLS_TC,     ofpact_mpls_tc,     ofpact, "set_mpls_tc")  \
    OFPACT(SET_MPLS_TTL,    ofpact_mpls_ttl,    ofpact, "set_mpls_ttl") \
    OFPACT(DEC_MPLS_TTL,    ofpact_null,        ofpact, "dec_mpls_ttl") \
    OFPACT(PUSH_MPLS,       ofpact_push_mpls,   ofpact, "push_mpls")    \
    OFPACT(POP_MPLS,        ofpact_pop_mpls,    ofpact, "pop_mpls")     \
    OFPACT(DEC_NSH_TTL,     ofpact_null,        ofpact, "dec_nsh_ttl")  \
    OFPACT(DELETE_FIELD,    ofpact_delete_field, ofpact, "delete_field") \
                                                                        \
    /* Generic encapsulation and decapsulation. */                      \
    OFPACT(ENCAP,           ofpact_encap,       props, "encap")         \
    OFPACT(DECAP,           ofpact_decap,       ofpact, "decap")        \
                                                                        \
    /* Metadata. */                                                     \
    OFPACT(SET_TUNNEL,      ofpact_tunnel,      ofpact, "set_tunnel")   \
    OFPACT(SET_QUEUE,       ofpact_queue,       ofpact, "set_queue")    \
    OFPACT(POP_QUEUE,       ofpact_null,        ofpact, "pop_queue")    \
    OFPACT(FIN_TIMEOUT,     ofpact_fin_timeout, ofpact, "fin_timeout")  \
                                                                        \
    /* Flow table interaction. */                                       \
    OFPACT(RESUBMIT,        ofpact_resubmit,    ofpact, "resubmit")     \
    OFPACT(LEARN,           ofpact_learn,       specs, "learn")         \
    OFPACT(CONJUNCTION,     ofpact_conjunction, ofpact, "conjunction")  \
                                                                        \
    /* Arithmetic. */                                                   \
    OFPACT(MULTIPATH,       ofpact_multipath,   ofpact, "multipath")    \
                                                                        \
    /* Other. */                                                        \
    OFPACT(NOTE,            ofpact_note,        data, "note")           \
    OFPACT(EXIT,            ofpact_null,        ofpact, "exit")         \
    OFPACT(SAMPLE,          ofpact_sample,      ofpact, "sample")       \
    OFPACT(UNROLL_XLATE,    ofpact_unroll_xlate, ofpact, "unroll_xlate") \
    OFPACT(CT,              ofpact_conntrack,   ofpact, "ct")           \
    OFPACT(CT_CLEAR,        ofpact_null,        ofpact, "ct_clear")     \
    OFPACT(NAT,             ofpact_nat,         ofpact, "nat")          \
    OFPACT(OUTPUT_TRUNC,    ofpact_output_trunc, ofpact, "output_trunc") \
    OFPACT(CLONE,           ofpact_nest,        actions, "clone")       \
    OFPACT(CHECK_PKT_LARGER, ofpact_check_pkt_larger, ofpact,           \
           "check_pkt_larger")                                          \
                                                                        \
    /* Debugging. */                                                    \
    OFPACT(DEBUG_RECIRC,    ofpact_null,        ofpact, "debug_recirc") \
    OFPACT(DEBUG_SLOW,      ofpact_null,        ofpact, "debug_slow")   \
                                                                        \
    /* Instructions, in the order OpenFlow 1.1+ requires. */            \
    OFPACT(METER,           ofpact_meter,       ofpact, "meter")        \
    OFPACT(CLEAR_ACTIONS,   ofpact_null,        ofpact, "clear_actions") \
    OFPACT(WRITE_ACTIONS,   ofpact_nest,        actions, "write_actions") \
    OFPACT(WRITE_METADATA,  ofpact_metadata,    ofpact, "write_metadata") \
    OFPACT(GOTO_TABLE,      ofpact_goto_table,  ofpact, "goto_table")

/* The action and instruction types. */
enum ofpact_type {
#define OFPACT(ENUM, STRUCT, MEMBER, NAME) OFPACT_##ENUM,
    OFPACTS
#undef OFPACT
    N_OFPACTS                   /* Number of types; also "none". */
};

/* The header of every ofpact. */
struct ofpact {
    uint8_t type;               /* enum ofpact_type. */
    uint8_t raw;                /* Wire encoding it came from (internal
                                 * enum ofp_raw_action), or OFPACT_RAW_NONE. */
    uint16_t len;               /* Length in bytes, without final padding. */
};
_Static_assert(sizeof(struct ofpact) == 4, "struct ofpact");

#define OFPACT_RAW_NONE 0xff

/* Every ofpact starts on a multiple of OFPACT_ALIGNTO bytes. */
#define OFPACT_ALIGNTO 8

/* Marks the variable-length trailing array of an ofpact structure: it
 * starts right at the (8-byte aligned) end of the fixed part, so that
 * sizeof the structure is the offset of its variable data. */
#define OFPACT_FLEX __attribute__((__aligned__(OFPACT_ALIGNTO)))
#define OFPACT_ALIGN(SIZE) ROUND_UP(SIZE, OFPACT_ALIGNTO)
/* Iteration. */
static inline struct ofpact *
ofpact_next(const struct ofpact *a)
{
    return (void *) ((uint8_t *) a + OFPACT_ALIGN(a->len));
}

static inline const struct ofpact *
ofpact_end(const struct ofpact *ofpacts, size_t ofpacts_len)
{
    /* An empty list may be NULL (the data of an empty ofpbuf): no
     * arithmetic on it then. */
    return (ofpacts_len
            ? (const void *) ((const uint8_t *) ofpacts + ofpacts_len)
            : ofpacts);
}

/* Iterates 'POS' over the 'LEN' bytes of ofpacts at 'OFPACTS'. */
#define OFPACT_FOR_EACH(POS, OFPACTS, LEN)                              \
    for ((POS) = (OFPACTS); (POS) < ofpact_end(OFPACTS, LEN);           \
         (POS) = ofpact_next(POS))

/* Iterates 'POS' over the ofpacts of type OFPACT_<TYPE> only. */
#define OFPACT_FOR_EACH_TYPE(POS, TYPE, OFPACTS, LEN)                   \
    for ((POS) = ofpact_find_type(OFPACTS, OFPACT_##TYPE,               \
                                  ofpact_end(OFPACTS, LEN));            \
         (POS);                                                         \
         (POS) = ofpact_find_type(ofpact_next(POS), OFPACT_##TYPE,      \
                                  ofpact_end(OFPACTS, LEN)))

const struct ofpact *ofpact_find_type(const struct ofpact *,
                                      enum ofpact_type,
                                      const struct ofpact *end);

/* Actions with no arguments: OFPACT_STRIP_VLAN (strip_vlan or pop_vlan,
 * depending on 'raw'), OFPACT_DEC_MPLS_TTL, OFPACT_POP_QUEUE, OFPACT_EXIT,
 * OFPACT_CT_CLEAR, OFPACT_DEC_NSH_TTL, OFPACT_CLEAR_ACTIONS,
 * OFPACT_DEBUG_RECIRC, OFPACT_DEBUG_SLOW. */
struct ofpact_null {
    struct ofpact ofpact;
};

/* OFPACT_OUTPUT: output to a port.  'max_len' is the number of bytes sent
 * to the controller when 'port' is OFPP_CONTROLLER. */
struct ofpact_output {
    struct ofpact ofpact;
    ofp_port_t port;
    uint16_t max_len;
};

/* OFPACT_GROUP. */
struct ofpact_group {
    struct ofpact ofpact;
    uint32_t group_id;
};

/* OFPACT_CONTROLLER: send to the controller with a reason, an id, and
 * optional userdata; 'pause' asks for a continuation. */
struct ofpact_controller {
    struct ofpact ofpact;
    uint16_t max_len;           /* Bytes of packet to send. */
    uint16_t controller_id;     /* Controller connection id. */
    uint8_t reason;             /* enum ofp_packet_in_reason. */
    bool pause;
    uint8_t pad[2];
    uint32_t meter_id;          /* NX_CTLR_NO_METER: none. */
    uint16_t userdata_len;
    uint8_t pad2[2];
    uint8_t userdata[] OFPACT_FLEX;
};
#define NX_CTLR_NO_METER 0

/* OFPACT_ENQUEUE (OpenFlow 1.0). */
struct ofpact_enqueue {
    struct ofpact ofpact;
    ofp_port_t port;
    uint32_t queue;
};

/* OFPACT_OUTPUT_REG: output to the port in a subfield. */
struct ofpact_output_reg {
    struct ofpact ofpact;
    uint16_t max_len;
    struct mf_subfield src;
};

/* OFPACT_OUTPUT_TRUNC: output with truncation. */
struct ofpact_output_trunc {
    struct ofpact ofpact;
    ofp_port_t port;
    uint32_t max_len;
};

/* Bundle (OFPACT_BUNDLE) algorithms and hash fields are declared in
 * bundle.h; multipath and learn in multipath.h and learn.h. */

/* Hash fields shared by bundle and multipath (values are the wire
 * encoding). */
enum nx_hash_fields {
    NX_HASH_FIELDS_ETH_SRC = 0,
    NX_HASH_FIELDS_SYMMETRIC_L4 = 1,
    NX_HASH_FIELDS_SYMMETRIC_L3L4 = 2,
    NX_HASH_FIELDS_SYMMETRIC_L3L4_UDP = 3,
    NX_HASH_FIELDS_NW_SRC = 4,
    NX_HASH_FIELDS_NW_DST = 5,
    NX_HASH_FIELDS_SYMMETRIC_L3 = 6,
};
bool nx_hash_fields_from_string(const char *, enum nx_hash_fields *);
const char *nx_hash_fields_to_string(enum nx_hash_fields);
bool nx_hash_fields_is_valid(uint16_t);

/* Bundle member selection algorithms. */
enum nx_bd_algorithm {
    NX_BD_ALG_ACTIVE_BACKUP = 0,
    NX_BD_ALG_HRW = 1,
};

/* OFPACT_BUNDLE. */
struct ofpact_bundle {
    struct ofpact ofpact;
    enum nx_bd_algorithm algorithm;
    enum nx_hash_fields fields;
    uint16_t basis;
    struct mf_subfield dst;     /* For bundle_load; 'field' NULL for
                                 * bundle. */
    unsigned int n_members;
    ofp_port_t members[] OFPACT_FLEX;
};

/* OFPACT_SET_FIELD: set (part of) a field.  Also the internal form of
 * "load" (raw NXAST_REG_LOAD) and of OpenFlow 1.2+ set-field.  Bits of
 * 'value' outside 'mask' are zero. */
struct ofpact_set_field {
    struct ofpact ofpact;
    bool flow_has_vlan;         /* For vlan fields in OF1.0/1.1 encoding. */
    uint8_t pad[3];
    const struct mf_field *field;
    union mf_value value;
    union mf_value mask;
};

/* OFPACT_SET_VLAN_VID and OFPACT_SET_VLAN_PCP.  'push_vlan_if_needed'
 * gives OpenFlow 1.0 semantics (add a tag when there is none);
 * 'flow_has_vlan' is set by ofpacts_check() when the match guarantees a
 * tag. */
struct ofpact_vlan_vid {
    struct ofpact ofpact;
    uint16_t vlan_vid;
    bool push_vlan_if_needed;
    bool flow_has_vlan;
};

struct ofpact_vlan_pcp {
    struct ofpact ofpact;
    uint8_t vlan_pcp;
    bool push_vlan_if_needed;
    bool flow_has_vlan;
};

/* OFPACT_PUSH_VLAN. */
struct ofpact_push_vlan {
    struct ofpact ofpact;
    be16 ethertype;
};

/* OFPACT_SET_ETH_SRC, OFPACT_SET_ETH_DST. */
struct ofpact_mac {
    struct ofpact ofpact;
    struct eth_addr mac;
};

/* OFPACT_SET_IPV4_SRC, OFPACT_SET_IPV4_DST. */
struct ofpact_ipv4 {
    struct ofpact ofpact;
    be32 ipv4;
};

/* OFPACT_SET_IP_DSCP: 'dscp' is the DSCP in the high 6 bits (as nw_tos). */
struct ofpact_dscp {
    struct ofpact ofpact;
    uint8_t dscp;
};

/* OFPACT_SET_IP_ECN. */
struct ofpact_ecn {
    struct ofpact ofpact;
    uint8_t ecn;
};

/* OFPACT_SET_IP_TTL. */
struct ofpact_ip_ttl {
    struct ofpact ofpact;
    uint8_t ttl;
};

/* OFPACT_SET_L4_SRC_PORT, OFPACT_SET_L4_DST_PORT.  'flow_ip_proto' is set
 * by ofpacts_check() to the IP protocol the match guarantees. */
struct ofpact_l4_port {
    struct ofpact ofpact;
    uint16_t port;
    uint8_t flow_ip_proto;
};

/* OFPACT_REG_MOVE. */
struct ofpact_reg_move {
    struct ofpact ofpact;
    struct mf_subfield src;
    struct mf_subfield dst;
};

/* OFPACT_STACK_PUSH, OFPACT_STACK_POP. */
struct ofpact_stack {
    struct ofpact ofpact;
    struct mf_subfield subfield;
};

/* OFPACT_DEC_TTL: 'cnt_ids' are the controller ids that receive a
 * packet-in when the TTL expires. */
struct ofpact_cnt_ids {
    struct ofpact ofpact;
    uint16_t n_controllers;
    uint16_t cnt_ids[] OFPACT_FLEX;
};

/* OFPACT_SET_MPLS_LABEL: 'label' in network order (low 20 bits). */
struct ofpact_mpls_label {
    struct ofpact ofpact;
    be32 label;
};

/* OFPACT_SET_MPLS_TC. */
struct ofpact_mpls_tc {
    struct ofpact ofpact;
    uint8_t tc;
};

/* OFPACT_SET_MPLS_TTL. */
struct ofpact_mpls_ttl {
    struct ofpact ofpact;
    uint8_t ttl;
};

/* OFPACT_PUSH_MPLS. */
struct ofpact_push_mpls {
    struct ofpact ofpact;
    be16 ethertype;
};

/* OFPACT_POP_MPLS. */
struct ofpact_pop_mpls {
    struct ofpact ofpact;
    be16 ethertype;
};

/* OFPACT_DELETE_FIELD. */
struct ofpact_delete_field {
    struct ofpact ofpact;
    const struct mf_field *field;
};

/* OFPACT_ENCAP: a property of the new header.  Properties are decoded
 * into 'struct ofpact_ed_prop' entries laid end to end (each padded to 8
 * bytes). */
struct ofpact_ed_prop {
    uint16_t prop_class;
    uint8_t type;
    uint8_t len;                /* Total length, this header included. */
};

/* NSH properties of encap(nsh(...)). */
enum ofpact_ed_prop_type {
    OFPPPT_PROP_NSH_MDTYPE = 1,
    OFPPPT_PROP_NSH_TLV = 2,
};
#define OFPPPC_NSH 4            /* Property class of NSH properties. */

struct ofpact_ed_prop_nsh_md_type {
    struct ofpact_ed_prop header;
    uint8_t md_type;
    uint8_t pad[3];
};

struct ofpact_ed_prop_nsh_tlv {
    struct ofpact_ed_prop header;
    be16 tlv_class;
    uint8_t tlv_type;
    uint8_t tlv_len;
    uint8_t data[];             /* 'tlv_len' bytes. */
};

struct ofpact_encap {
    struct ofpact ofpact;
    be32 new_pkt_type;          /* PACKET_TYPE(namespace, type). */
    uint16_t hdr_size;          /* 0: default. */
    uint16_t n_props;
    uint8_t pad[4];
    struct ofpact_ed_prop props[] OFPACT_FLEX;
};

/* OFPACT_DECAP. */
struct ofpact_decap {
    struct ofpact ofpact;
    be32 new_pkt_type;          /* PT_USE_NEXT_PROTO: from the header. */
};

/* OFPACT_SET_TUNNEL. */
struct ofpact_tunnel {
    struct ofpact ofpact;
    uint8_t pad[4];
    uint64_t tun_id;
};

/* OFPACT_SET_QUEUE. */
struct ofpact_queue {
    struct ofpact ofpact;
    uint32_t queue_id;
};

/* OFPACT_FIN_TIMEOUT. */
struct ofpact_fin_timeout {
    struct ofpact ofpact;
    uint16_t fin_idle_timeout;
    uint16_t fin_hard_timeout;
};

/* OFPACT_RESUBMIT.  'table_id' 255 means the current table. */
struct ofpact_resubmit {
    struct ofpact ofpact;
    ofp_port_t in_port;         /* OFPP_IN_PORT: the packet's own. */
    uint8_t table_id;
    bool with_ct_orig;          /* resubmit(,,ct). */
};

/* OFPACT_CONJUNCTION. */
struct ofpact_conjunction {
    struct ofpact ofpact;
    uint8_t clause;             /* 0-based. */
    uint8_t n_clauses;
    uint8_t pad[2];
    uint32_t id;
};

/* OFPACT_NOTE. */
struct ofpact_note {
    struct ofpact ofpact;
    uint16_t length;
    uint8_t pad[2];
    uint8_t data[] OFPACT_FLEX;
};

/* OFPACT_SAMPLE. */
enum nx_action_sample_direction {
    NX_ACTION_SAMPLE_DEFAULT = 0,
    NX_ACTION_SAMPLE_INGRESS = 1,
    NX_ACTION_SAMPLE_EGRESS = 2,
};

struct ofpact_sample {
    struct ofpact ofpact;
    uint16_t probability;       /* Number of packets out of 65535. */
    ofp_port_t sampling_port;   /* OFPP_NONE: none. */
    uint32_t collector_set_id;
    uint32_t obs_domain_id;
    uint32_t obs_point_id;
    enum nx_action_sample_direction direction;
};

/* OFPACT_UNROLL_XLATE: internal, inserted by translation only. */
struct ofpact_unroll_xlate {
    struct ofpact ofpact;
    uint8_t rule_table_id;
    uint8_t pad[3];
    be64 rule_cookie;
};

/* OFPACT_CT. */
enum nx_conntrack_flags {
    NX_CT_F_COMMIT = 1 << 0,
    NX_CT_F_FORCE = 1 << 1,
};

struct ofpact_conntrack {
    struct ofpact ofpact;
    uint16_t flags;             /* NX_CT_F_*. */
    uint16_t zone_imm;          /* Zone, if 'zone_src.field' is NULL. */
    struct mf_subfield zone_src;
    uint16_t alg;               /* L4 port of the ALG (21 ftp, 69 tftp). */
    uint8_t recirc_table;       /* NX_CT_RECIRC_NONE: don't recirculate. */
    uint8_t pad[5];
    struct ofpact actions[] OFPACT_FLEX;    /* exec(...): nested actions. */
};
#define NX_CT_RECIRC_NONE 0xff

/* OFPACT_NAT. */
enum nx_nat_flags {
    NX_NAT_F_SRC = 1 << 0,
    NX_NAT_F_DST = 1 << 1,
    NX_NAT_F_PERSISTENT = 1 << 2,
    NX_NAT_F_PROTO_HASH = 1 << 3,
    NX_NAT_F_PROTO_RANDOM = 1 << 4,
    NX_NAT_F_MASK = 0x1f,
};

struct ofpact_nat {
    struct ofpact ofpact;
    uint8_t range_af;           /* AF_UNSPEC, AF_INET or AF_INET6. */
    uint8_t pad;
    uint16_t flags;             /* NX_NAT_F_*. */
    struct {
        struct {
            be32 min, max;
        } ipv4;
        struct {
            struct in6_addr min, max;
        } ipv6;
        struct {
            uint16_t min, max;
        } proto;
    } range;
};

/* OFPACT_CLONE and OFPACT_WRITE_ACTIONS: a nested list of actions. */
struct ofpact_nest {
    struct ofpact ofpact;
    uint8_t pad[4];
    struct ofpact actions[] OFPACT_FLEX;
};
_Static_assert(offsetof(struct ofpact_nest, actions) % OFPACT_ALIGNTO == 0,
               "ofpact_nest");

/* OFPACT_CHECK_PKT_LARGER. */
struct ofpact_check_pkt_larger {
    struct ofpact ofpact;
    uint16_t pkt_len;
    struct mf_subfield dst;
};

/* OFPACT_METER. */
struct ofpact_meter {
    struct ofpact ofpact;
    uint32_t meter_id;
    uint32_t provider_meter_id;
};

/* OFPACT_WRITE_METADATA. */
struct ofpact_metadata {
    struct ofpact ofpact;
    uint8_t pad[4];
    be64 metadata;
    be64 mask;
};

/* OFPACT_GOTO_TABLE. */
struct ofpact_goto_table {
    struct ofpact ofpact;
    uint8_t table_id;
};

/* OFPACT_MULTIPATH (see multipath.h). */
enum nx_mp_algorithm {
    NX_MP_ALG_MODULO_N = 0,
    NX_MP_ALG_HASH_THRESHOLD = 1,
    NX_MP_ALG_HRW = 2,
    NX_MP_ALG_ITER_HASH = 3,
};

struct ofpact_multipath {
    struct ofpact ofpact;
    enum nx_hash_fields fields;
    uint16_t basis;
    enum nx_mp_algorithm algorithm;
    uint16_t max_link;          /* Number of output links, minus 1. */
    uint32_t arg;               /* Algorithm-specific argument. */
    struct mf_subfield dst;
};

/* OFPACT_LEARN (see learn.h).  Each spec adds a match field, a load or an
 * output to the learned flow. */
enum nx_learn_flags {
    NX_LEARN_F_SEND_FLOW_REM = 1 << 0,
    NX_LEARN_F_DELETE_LEARNED = 1 << 1,
    NX_LEARN_F_WRITE_RESULT = 1 << 2,
};

/* A spec's source and destination (bits of the wire 'header'). */
#define NX_LEARN_SRC_FIELD     (0 << 13)
#define NX_LEARN_SRC_IMMEDIATE (1 << 13)
#define NX_LEARN_SRC_MASK      (1 << 13)
#define NX_LEARN_DST_MATCH     (0 << 11)
#define NX_LEARN_DST_LOAD      (1 << 11)
#define NX_LEARN_DST_OUTPUT    (2 << 11)
#define NX_LEARN_DST_RESERVED  (3 << 11)
#define NX_LEARN_DST_MASK      (3 << 11)
#define NX_LEARN_N_BITS_MASK   0x3ff

struct ofpact_learn_spec {
    struct mf_subfield src;     /* NX_LEARN_SRC_FIELD only. */
    struct mf_subfield dst;     /* NX_LEARN_DST_MATCH or _LOAD only. */
    uint16_t src_type;          /* NX_LEARN_SRC_*. */
    uint16_t dst_type;          /* NX_LEARN_DST_*. */
    uint16_t n_bits;            /* Number of bits in source and dest (the
                                 * wire allows up to 1023). */
    uint8_t pad[6];
    union mf_subvalue src_imm;  /* NX_LEARN_SRC_IMMEDIATE only: the value,
                                 * right-aligned. */
};

struct ofpact_learn {
    struct ofpact ofpact;
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    uint16_t priority;
    uint8_t table_id;
    uint8_t pad;
    be64 cookie;
    uint16_t flags;             /* NX_LEARN_F_*. */
    uint16_t fin_idle_timeout;
    uint16_t fin_hard_timeout;
    uint16_t n_specs;
    uint32_t limit;             /* 0: no limit. */
    uint32_t result_dst_ofs;    /* Wire value (unused with dst field). */
    struct mf_subfield result_dst;  /* NX_LEARN_F_WRITE_RESULT only. */
    uint8_t pad2[4];
    struct ofpact_learn_spec specs[] OFPACT_FLEX;
};

/* Appends a zeroed ofpact of 'type' and 'len' bytes to 'ofpacts' (padding
 * it first to OFPACT_ALIGNTO) and returns it; 'ofpacts->header' points to
 * it afterward. */
struct ofpact *ofpact_put(struct ofpbuf *, enum ofpact_type, size_t len);
/* Initializes the 'len' bytes at 'a' as a zeroed ofpact of 'type'. */
void ofpact_init(struct ofpact *, enum ofpact_type, size_t len);
/* Finishes the variable-length 'a', the last top-level ofpact of 'ofpacts',
 * whose extra data was appended after it; returns 'a' at its current
 * address (unchanged).  Any ofpbuf_put*() or ofpact_put*() may reallocate
 * 'ofpacts': a pointer into it taken before such a call is dangling after
 * it and must be re-fetched ('ofpacts->header' for the last ofpact put, or
 * an offset saved beforehand) before it is used or passed here. */
struct ofpact *ofpact_finish(struct ofpbuf *, struct ofpact *);

/* Helpers generated for every type:
 *
 *   struct STRUCT *ofpact_get_ENUM(const struct ofpact *a)
 *       Casts 'a', which must be of type OFPACT_ENUM.
 *   struct STRUCT *ofpact_put_ENUM(struct ofpbuf *ofpacts)
 *       Appends a zeroed, initialized ofpact of type OFPACT_ENUM to
 *       'ofpacts' (whose size must be a multiple of OFPACT_ALIGNTO, as it
 *       is between appends) and returns it.  Variable-length ones are
 *       grown with ofpbuf_put() followed by ofpact_finish_ENUM().
 *   void ofpact_finish_ENUM(struct ofpbuf *ofpacts, struct STRUCT **ap)
 *       Finishes a variable-length ofpact that is the last in 'ofpacts':
 *       updates its length and pads 'ofpacts'.  '*ap' must be current (see
 *       ofpact_finish()); it is updated in case padding moved the buffer. */
#define OFPACT(ENUM, STRUCT, MEMBER, NAME)                              \
    _Static_assert(sizeof(struct STRUCT) <= UINT16_MAX, #STRUCT);       \
    _Static_assert(offsetof(struct STRUCT, MEMBER) == 0                 \
                   || offsetof(struct STRUCT, MEMBER)                   \
                      == sizeof(struct STRUCT), #STRUCT " layout");     \
    static inline struct STRUCT *                                       \
    ofpact_get_##ENUM(const struct ofpact *ofpact)                      \
    {                                                                   \
        svs_assert(ofpact->type == OFPACT_##ENUM);                      \
        return CONST_CAST(struct STRUCT *, (const void *) ofpact);      \
    }                                                                   \
                                                                        \
    static inline struct STRUCT *                                       \
    ofpact_put_##ENUM(struct ofpbuf *ofpacts)                           \
    {                                                                   \
        return (struct STRUCT *) ofpact_put(ofpacts, OFPACT_##ENUM,     \
                                            sizeof(struct STRUCT));     \
    }                                                                   \
                                                                        \
    static inline void                                                  \
    ofpact_finish_##ENUM(struct ofpbuf *ofpbuf, struct STRUCT **ofpactp) \
    {                                                                   \
        struct ofpact *ofpact = &(*ofpactp)->ofpact;                    \
        svs_assert(ofpact->type == OFPACT_##ENUM);                      \
        *ofpactp = (struct STRUCT *) ofpact_finish(ofpbuf, ofpact);     \
    }
OFPACTS
#undef OFPACT

/* Building. */
/* Appends a copy of 'a' to 'ofpacts'. */
void ofpact_copy(struct ofpbuf *ofpacts, const struct ofpact *a);
/* Appends OFPACT_SET_FIELD setting all of 'field' to 'value' (mask NULL)
 * or the bits under 'mask'. */
struct ofpact_set_field *ofpact_put_set_field(struct ofpbuf *,
                                              const struct mf_field *,
                                              const void *value,
                                              const void *mask);
/* Appends OFPACT_SET_FIELD in the "load" form (raw NXAST_REG_LOAD) writing
 * the low bits of 'value' into 'dst'. */
struct ofpact_set_field *ofpact_put_reg_load(struct ofpbuf *,
                                             const struct mf_subfield *dst,
                                             const union mf_subvalue *value);

/* Names. */
const char *ofpact_name(enum ofpact_type);
bool ofpact_type_from_name(const char *name, enum ofpact_type *);

/* Decoding.
 *
 * ofpacts_pull_openflow_actions() pulls 'actions_len' bytes of OpenFlow
 * 'version' actions from the front of 'openflow' and appends their
 * internal form to 'ofpacts' (which it clears first).  It validates each
 * action's encoding and arguments, and the nesting depth.  On error,
 * 'ofpacts' is cleared and 'openflow' is left pulled past the actions as
 * far as possible.
 *
 * ofpacts_pull_openflow_instructions() does the same with a list of
 * OpenFlow 1.1+ instructions (in OpenFlow 1.0, with actions: they are an
 * apply-actions), checking that each instruction appears at most once. */
enum ofperr ofpacts_pull_openflow_actions(struct ofpbuf *openflow,
                                          unsigned int actions_len,
                                          enum ofp_version version,
                                          struct ofpbuf *ofpacts);
enum ofperr ofpacts_pull_openflow_instructions(struct ofpbuf *openflow,
                                               unsigned int instructions_len,
                                               enum ofp_version version,
                                               struct ofpbuf *ofpacts);

/* Encoding.
 *
 * ofpacts_put_openflow_actions() appends the 'ofpacts_len' bytes of
 * ofpacts (which must contain no instructions other than as a whole
 * apply-actions list) as OpenFlow 'version' actions to 'openflow' and
 * returns the number of bytes appended.
 *
 * ofpacts_put_openflow_instructions() appends them as instructions
 * (OpenFlow 1.1+; the plain actions become an apply-actions instruction;
 * in 1.0 the actions only). */
size_t ofpacts_put_openflow_actions(const struct ofpact[], size_t ofpacts_len,
                                    struct ofpbuf *openflow,
                                    enum ofp_version);
void ofpacts_put_openflow_instructions(const struct ofpact[],
                                       size_t ofpacts_len,
                                       struct ofpbuf *openflow,
                                       enum ofp_version);

/* Protocols that can express a set of actions, as a bitmap of
 * OFPACT_PROTOS_* (which are the same bits as ofp-protocol.h's
 * OFPUTIL_P_*: OpenFlow 1.0 with the standard match, with NXM, both with
 * the table-id extension, then OpenFlow 1.1, 1.2, 1.3, 1.4, 1.5 with
 * OXM). */
#define OFPACT_P_OF10_STD     (1u << 0)
#define OFPACT_P_OF10_STD_TID (1u << 1)
#define OFPACT_P_OF10_NXM     (1u << 2)
#define OFPACT_P_OF10_NXM_TID (1u << 3)
#define OFPACT_P_OF11_STD     (1u << 4)
#define OFPACT_P_OF12_OXM     (1u << 5)
#define OFPACT_P_OF13_OXM     (1u << 6)
#define OFPACT_P_OF14_OXM     (1u << 7)
#define OFPACT_P_OF15_OXM     (1u << 8)
#define OFPACT_P_OF10_ANY \
    (OFPACT_P_OF10_STD | OFPACT_P_OF10_STD_TID | OFPACT_P_OF10_NXM \
     | OFPACT_P_OF10_NXM_TID)
#define OFPACT_P_OF10_NXM_ANY (OFPACT_P_OF10_NXM | OFPACT_P_OF10_NXM_TID)
#define OFPACT_P_OF12_UP \
    (OFPACT_P_OF12_OXM | OFPACT_P_OF13_OXM | OFPACT_P_OF14_OXM \
     | OFPACT_P_OF15_OXM)
#define OFPACT_P_OF11_UP (OFPACT_P_OF11_STD | OFPACT_P_OF12_UP)
#define OFPACT_P_OF13_UP (OFPACT_P_OF13_OXM | OFPACT_P_OF14_OXM \
                          | OFPACT_P_OF15_OXM)
#define OFPACT_P_OF15_UP OFPACT_P_OF15_OXM
#define OFPACT_P_ANY ((1u << 9) - 1)

/* Checking.
 *
 * ofpacts_check() checks the 'ofpacts_len' bytes at 'ofpacts' for use in a
 * flow with 'match' (which it may temporarily modify, to follow the
 * effects of actions such as push_vlan on later prerequisites, but
 * restores), in a switch with 'max_ports' ports (ofp_port_t) and
 * 'n_tables' tables, the flow living in table 'table_id' (255: unknown).
 * It also fills in what encodings need from the match (flow_has_vlan,
 * flow_ip_proto) and narrows '*usable_protocols' to the protocols that
 * can express the actions with this match.  Returns 0 or an error such
 * as OFPBAC_BAD_OUT_PORT, OFPBAC_MATCH_INCONSISTENT,
 * OFPBIC_BAD_TABLE_ID.
 *
 * ofpacts_check_consistency() additionally rejects actions that the
 * protocols in 'usable_protocols' cannot express (OFPBAC_BAD_TYPE...).
 *
 * ofpacts_verify() checks the instruction order and nesting, returning 0
 * or OFPBIC_UNSUP_INST / OFPBAC_UNSUPPORTED_ORDER ...; 'allowed' is a
 * bitmap of (1 << OFPACT_*) permitted at top level ('0' for all). */
struct ofpact_check_params {
    struct match *match;        /* Flow's match; may be modified and then
                                 * restored. */
    ofp_port_t max_ports;       /* OFPP_MAX if unknown. */
    uint8_t table_id;           /* 255 if unknown. */
    uint8_t n_tables;           /* 255 if unknown. */
    uint32_t usable_protocols;  /* OFPACT_P_*: narrowed by the check. */
};

enum ofperr ofpacts_check(struct ofpact[], size_t ofpacts_len,
                          struct ofpact_check_params *);
enum ofperr ofpacts_check_consistency(struct ofpact[], size_t ofpacts_len,
                                      uint32_t usable_protocols,
                                      struct ofpact_check_params *);
enum ofperr ofpacts_verify(const struct ofpact[], size_t ofpacts_len,
                           enum ofp_version, uint64_t allowed_ofpacts);

/* Text.
 *
 * ofpacts_parse_actions() parses 's' (the part after "actions=") into
 * ofpacts appended to 'pp->ofpacts', accepting instructions too
 * (write_actions(...), goto_table:N, ...).  It narrows
 * '*pp->usable_protocols' (OFPACT_P_*) to the protocols that can express
 * what it parsed.  Returns NULL or a malloc'd error message; on error
 * 'pp->ofpacts' is restored to its original size.
 *
 * ofpacts_format() appends the text form ("output:3,resubmit(,2)"; "drop"
 * for an empty list) to 's'. */
struct ofpact_parse_params {
    struct ofpbuf *ofpacts;     /* Output. */
    uint32_t *usable_protocols; /* In/out: OFPACT_P_* bitmap. */
    int depth;                  /* Nesting depth (internal, start at 0). */
};

char *ofpacts_parse_actions(const char *s, const struct ofpact_parse_params *)
    SVS_WARN_UNUSED_RESULT;
char *ofpacts_parse_instructions(const char *s,
                                 const struct ofpact_parse_params *)
    SVS_WARN_UNUSED_RESULT;
void ofpacts_format(const struct ofpact[], size_t ofpacts_len, struct ds *);
/* Appends just one ofpact. */
void ofpact_format(const struct ofpact *, struct ds *);

/* Queries. */
bool ofpacts_equal(const struct ofpact a[], size_t a_len,
                   const struct ofpact b[], size_t b_len);
/* True if the actions (or the instructions' actions) may output to
 * 'port' / to 'group' (for flow filters with out_port / out_group). */
bool ofpacts_output_to_port(const struct ofpact[], size_t ofpacts_len,
                            ofp_port_t port);
bool ofpacts_output_to_group(const struct ofpact[], size_t ofpacts_len,
                             uint32_t group_id);
/* The meter of an OFPACT_METER instruction, or 0. */
uint32_t ofpacts_get_meter(const struct ofpact[], size_t ofpacts_len);
/* True if 'a' may appear in an action set (write_actions). */
bool ofpact_is_allowed_in_actions_set(const struct ofpact *);
/* True if 'type' is an instruction rather than an action. */
bool ofpact_is_instruction(enum ofpact_type);
/* The nested actions of a clone, ct, or write_actions, or NULL. */
const struct ofpact *ofpact_get_nested(const struct ofpact *,
                                       size_t *nested_len);

/* The ports and port text of actions.  ofpact_parse_port() accepts a
 * number or reserved name (mf_parse_ofp_port()); ofpact_format_port()
 * prints one. */
bool ofpact_parse_port(const char *s, ofp_port_t *port);
void ofpact_format_port(ofp_port_t port, struct ds *);

/* Whether decoding accepts the debugging actions debug_recirc and
 * debug_slow (false by default, as Open vSwitch without --enable-dummy).
 * Set once at startup. */
extern bool ofpacts_allow_debug;

/* The maximum nesting depth of actions (clone, ct exec, write_actions). */
#define OFPACTS_MAX_DEPTH 100

#endif /* ofp-actions.h */
