/* odp-util.h: datapath flow keys and actions, and their text form.
 *
 * What: the datapath caches megaflows: a key (a 'struct flow' whose
 * 'in_port' is a datapath port number) under a mask (a 'struct
 * flow_wildcards', 1-bits significant), with a list of datapath actions.
 * Actions are Netlink attributes (netlink.h) numbered as in
 * <linux/openvswitch.h>: OVS_ACTION_ATTR_OUTPUT (u32 port),
 * OVS_ACTION_ATTR_USERSPACE (nested OVS_USERSPACE_ATTR_*),
 * OVS_ACTION_ATTR_SET and _SET_MASKED (one nested OVS_KEY_ATTR_* with the
 * kernel's struct ovs_key_* layouts; for _SET_MASKED the value is followed
 * by a mask of the same size), OVS_ACTION_ATTR_PUSH_VLAN, _POP_VLAN,
 * _RECIRC, _HASH, _SAMPLE, _CLONE, _CT, _TRUNC, _PUSH_MPLS, _POP_MPLS,
 * _CHECK_PKT_LEN, _DROP.  An empty list drops.
 *
 * The text forms are those of ovs-dpctl and the dpctl/ commands of ovs-appctl:
 *   key:     recirc_id(0),in_port(1),eth(src=..,dst=..),eth_type(0x0800),
 *            ipv4(src=10.0.0.1,dst=10.0.0.2,proto=1,tos=0,ttl=64,frag=no),
 *            icmp(type=8,code=0)
 *            with "/mask" after masked fields and, unless 'verbose',
 *            wildcarded fields and attributes left out;
 *   actions: "2", "drop", "push_vlan(vid=10,pcp=0),3",
 *            "set(eth(src=..,dst=..))", "userspace(pid=0,...)",
 *            "recirc(0x1)", "clone(...)".
 * Port numbers print as numbers, or as names where a 'port_names' map
 * (odp_port_t -> name) is given; parsing accepts names found in a
 * 'port_numbers' map (name -> odp_port_t).
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_ODP_UTIL_H
#define SVS_ODP_UTIL_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/openvswitch.h>
#include "flow.h"
#include "svs-types.h"

struct ds;
struct hmap;
struct nlattr;
struct ofpbuf;
struct simap;

#define ODPP_LOCAL ODP_PORT_C(0)        /* The datapath's local port. */
#define ODPP_NONE ODP_PORT_C(UINT32_MAX)

/* Actions that only userspace datapaths implement, numbered after the
 * kernel's OVS_ACTION_ATTR_* (as Open vSwitch's userspace numbers them):
 * tnl_pop(PORT) (u32), lb_output(ID) (u32), and an explicit drop (u32
 * reason, printed as "drop"). */
enum {
    ODP_ACTION_ATTR_TUNNEL_PUSH = OVS_ACTION_ATTR_DEC_TTL + 1,
    ODP_ACTION_ATTR_TUNNEL_POP,
    ODP_ACTION_ATTR_LB_OUTPUT,
    ODP_ACTION_ATTR_DROP,
};

/* struct ovs_action_hash algorithms beyond the kernel's OVS_HASH_ALG_L4. */
#define ODP_HASH_ALG_SYM_L4 1

/* A map between datapath port numbers and names, for the text forms. */
struct odp_portno_names;
struct odp_portno_names *odp_portno_names_create(void);
void odp_portno_names_set(struct odp_portno_names *, odp_port_t,
                          const char *name);
const char *odp_portno_names_get(const struct odp_portno_names *,
                                 odp_port_t);
/* Looks 'name' up; returns ODPP_NONE if absent. */
odp_port_t odp_portno_names_find(const struct odp_portno_names *,
                                 const char *name);
void odp_portno_names_destroy(struct odp_portno_names *);

/* Keys. */

/* Appends the text form of 'key' under 'mask' (NULL: exact match) to 's'.
 * Without 'verbose', attributes and fields that 'mask' wildcards entirely
 * are left out, as ovs-dpctl dump-flows does without -m. */
void odp_flow_format(const struct flow *key, const struct flow_wildcards *mask,
                     const struct odp_portno_names *, struct ds *s,
                     bool verbose);

/* Parses the text form of a key (with optional "/mask"s) into 'key' and
 * 'mask'.  Attributes absent from 's' are wildcarded.  Key bits outside
 * the mask stay as written (as Open vSwitch keeps them, so that a flow
 * prints back as it was given); flow_zero_wildcards() clears them.  A key
 * without packet_type() is Ethernet if it has eth(), else a bare L3 packet
 * of its eth_type().  Returns NULL or a malloc'd error message. */
char *odp_flow_from_string(const char *s, const struct odp_portno_names *,
                           struct flow *key, struct flow_wildcards *mask)
    SVS_WARN_UNUSED_RESULT;

/* The mask bits that a datapath megaflow always keeps, whatever the
 * pipeline consulted: it cannot match an L3 field without the EtherType
 * that says which protocol it is, and so on.  Adds them to 'mask'. */
void odp_flow_mask_add_prerequisites(const struct flow *key,
                                     struct flow_wildcards *mask);

/* A 128-bit unique flow identifier derived from a masked key, as
 * ovs-dpctl prints with -m ("ufid:8-4-4-4-12 hex"). */
void odp_flow_key_hash_ufid(const struct flow *key,
                            const struct flow_wildcards *mask,
                            svs_u128 *ufid);
void odp_format_ufid(const svs_u128 *, struct ds *);
bool odp_ufid_from_string(const char *s, svs_u128 *);

/* The struct ovs_key_* of set action attributes.
 *
 * odp_key_attr_size() is the size of attribute 'type' (OVS_KEY_ATTR_*) in
 * a set action, or 0 if svs cannot set it.  odp_key_from_flow() writes the
 * fields of 'type' from 'flow' (a mask if 'is_mask') into 'out';
 * odp_key_to_flow() does the reverse for the fields 'type' covers. */
size_t odp_key_attr_size(uint16_t type);
void odp_key_from_flow(uint16_t type, const struct flow *, bool is_mask,
                       void *out);
void odp_key_to_flow(uint16_t type, const void *in, bool is_mask,
                     struct flow *);

/* Actions. */

/* Appends the text form of the action list to 's' ("drop" if empty). */
void format_odp_actions(struct ds *s, const struct nlattr *actions,
                        size_t actions_len, const struct odp_portno_names *);

/* Parses the text form of an action list, appending the attributes to
 * 'actions'.  Returns NULL or a malloc'd error message. */
char *odp_actions_from_string(const char *s, const struct odp_portno_names *,
                              struct ofpbuf *actions)
    SVS_WARN_UNUSED_RESULT;

/* Checks that an action list from outside (svs-dpctl, a peer) is well
 * formed: attribute lengths, known types, nested lists.  Returns 0 or
 * EINVAL. */
int odp_actions_validate(const struct nlattr *actions, size_t actions_len);

/* The cookie that svs, like Open vSwitch, puts in the userdata of the
 * userspace actions it generates, so that the upcall says why the packet
 * came up.  The layout is Open vSwitch 3.1's (48 bytes, host byte order
 * except 'rule_cookie' and 'vlan_tci'), so that the text forms agree:
 * userdata of exactly this size with a known 'type' prints as
 * "controller(...)", "slow_path(...)", "sFlow(...)", "flow_sample(...)"
 * or "ipfix(...)", any other as "userdata(HEX)". */
enum odp_cookie_type {
    ODP_COOKIE_UNSPEC = 0,
    ODP_COOKIE_SFLOW = 1,
    ODP_COOKIE_SLOW_PATH = 2,
    ODP_COOKIE_FLOW_SAMPLE = 3,
    ODP_COOKIE_IPFIX = 4,
    ODP_COOKIE_CONTROLLER = 5,
};

/* Reasons in a slow_path cookie (bits). */
#define ODP_SLOW_CFM (1 << 0)
#define ODP_SLOW_BFD (1 << 1)
#define ODP_SLOW_LACP (1 << 2)
#define ODP_SLOW_STP (1 << 3)
#define ODP_SLOW_LLDP (1 << 4)
#define ODP_SLOW_ACTION (1 << 5)
#define ODP_SLOW_MATCH (1 << 6)

struct odp_cookie {
    uint16_t type;              /* ODP_COOKIE_*. */
    uint16_t ofp_in_port;       /* OpenFlow input port, or OFPP_NONE. */
    uint8_t ofproto_uuid[16];   /* The bridge's ofproto. */
    uint8_t pad[4];
    union {
        struct {
            be16 vlan_tci;
            uint16_t pad;
            uint32_t output;    /* sFlow output port encoding. */
        } sflow;
        struct {
            uint16_t unused;
            uint16_t pad;
            uint32_t reason;    /* ODP_SLOW_* bits. */
        } slow_path;
        struct {
            uint16_t probability;
            uint16_t pad;
            uint32_t collector_set_id;
            uint32_t obs_domain_id;
            uint32_t obs_point_id;
            odp_port_t output_odp_port;
            uint32_t direction; /* 0: default, 1: ingress, 2: egress. */
        } flow_sample;
        struct {
            odp_port_t output_odp_port;
        } ipfix;
        struct {
            uint8_t dont_send;  /* Nonzero: do not send (pause). */
            uint8_t continuation;   /* Nonzero: send a continuation. */
            uint16_t reason;    /* OpenFlow packet-in reason. */
            uint32_t recirc_id;
            be64 rule_cookie;
            uint16_t controller_id;
            uint16_t max_len;
        } controller;
    };
};
_Static_assert(sizeof(struct odp_cookie) == 48, "odp_cookie layout");

/* Building actions. */
void odp_put_output_action(struct ofpbuf *, odp_port_t);
/* A userspace action sending the packet to the handler whose upcall id
 * is 'pid', with 'userdata' (may be NULL), padded with zeros to at least
 * 8 bytes as Open vSwitch pads it. */
void odp_put_userspace_action(struct ofpbuf *, uint32_t pid,
                              const void *userdata, size_t userdata_len);
void odp_put_push_vlan_action(struct ofpbuf *, be16 tpid, be16 tci);
void odp_put_pop_vlan_action(struct ofpbuf *);
void odp_put_recirc_action(struct ofpbuf *, uint32_t recirc_id);
void odp_put_drop_action(struct ofpbuf *);

/* Emits into 'actions' the set/set_masked actions that turn a packet
 * whose headers are 'base' into one whose headers are 'flow' (Ethernet
 * addresses, IPv4/IPv6 fields, transport ports, ARP, ND, skb_priority,
 * pkt_mark, ...; VLAN and MPLS changes are the caller's business), then
 * sets '*base' to 'flow' for those fields.
 *
 * As Open vSwitch does: an action covers only the fields that changed;
 * each changed field is masked by its bits in 'wc' (the bits the caller's
 * actions wrote or matched, e.g. only DSCP for mod_nw_tos), or whole if
 * 'wc' has none of them; a header whose every byte is covered gets a plain
 * set, any other a set_masked.  On return 'wc' also holds what the
 * datapath must match for the rewrites (the EtherType, IP protocol and
 * fragment state that select the header).  'wc' may be NULL (whole
 * fields, nothing recorded). */
void odp_commit_set_actions(const struct flow *flow, struct flow *base,
                            struct ofpbuf *actions, struct flow_wildcards *wc);

#endif /* odp-util.h */
