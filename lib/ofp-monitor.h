/* ofp-monitor.h: messages that tell a controller about changes made by
 * other controllers: flow monitors (NXST_FLOW_MONITOR for OpenFlow 1.0 to
 * 1.2, ONFST_FLOW_MONITOR for 1.3, OFPMP_FLOW_MONITOR for 1.4+, and the
 * cancel/paused/resumed messages) and request forwarding
 * (OFPT_REQUESTFORWARD of OpenFlow 1.4+ and NXT_REQUESTFORWARD for 1.0 to
 * 1.2).
 *
 * Flow monitors: a request asks for updates about flows that match a
 * match, a table and an output port; replies carry updates, each a full
 * flow description (added, deleted, modified) or an abbreviation that
 * names the xid of the controller's own change.  Flags and events keep
 * their wire values of the message's version (the NX/ONF and the OpenFlow
 * 1.4 encodings number them differently) so that a decoded message encodes
 * back to the same bytes; printing names them as ovs-ofctl does.  Decoding
 * checks the framing (OFPBRC_BAD_LEN), the flags (OFPMOFC_BAD_FLAGS: an
 * unknown bit, or none of add/delete/modify), the events
 * (NXBRC_FM_BAD_EVENT), the matches (OFPBMC_*) and actions (OFPBAC_*).
 *
 * What: a forwarded request carries a whole group-mod or meter-mod
 * message, decoded here with the codecs of ofp-group.h and ofp-meter.h.
 * Decoding checks the carried message's framing (OFPBFC_MSG_BAD_LEN if it
 * overruns the outer message, OFPBRC_BAD_VERSION if its version differs)
 * and type (OFPBFC_MSG_UNSUP unless a group-mod or meter-mod); bytes after
 * the carried message are ignored.
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_OFP_MONITOR_H
#define SVS_OFP_MONITOR_H 1

#include <stdint.h>
#include "ofp-errors.h"
#include "ofp-group.h"
#include "ofp-meter.h"
#include "match.h"
#include "ofpbuf.h"
#include "openflow.h"

struct ds;

/* Reasons for forwarding a request (OFPRFR_*). */
enum ofp14_requestforward_reason {
    OFPRFR_GROUP_MOD = 0,
    OFPRFR_METER_MOD = 1,
};

struct ofputil_requestforward {
    be32 xid;                   /* Of the carried message. */
    enum ofp14_requestforward_reason reason;
    union {
        struct ofputil_group_mod *group_mod;    /* OFPRFR_GROUP_MOD. */
        struct {                                /* OFPRFR_METER_MOD. */
            struct ofputil_meter_mod *meter_mod;
            struct ofpbuf bands;
        };
    };
};

enum ofperr ofputil_decode_requestforward(const struct ofp_header *,
                                          struct ofputil_requestforward *);
struct ofpbuf *ofputil_encode_requestforward(
    const struct ofputil_requestforward *, enum ofp_version);
void ofputil_format_requestforward(struct ds *, enum ofp_version,
                                   const struct ofputil_requestforward *);
void ofputil_destroy_requestforward(struct ofputil_requestforward *);

/* A flow monitor request. */
struct ofputil_flow_monitor_request {
    uint32_t id;
    uint16_t flags;             /* Wire flags of the version. */
    uint8_t command;            /* OFPFMC14_* (1.4+), else OFPFMC14_ADD. */
    ofp_port_t out_port;        /* OFPP_NONE (1.0-1.3) / OFPP_ANY: any. */
    uint32_t out_group;         /* OFPG_ANY: any (1.4+). */
    uint8_t table_id;           /* 0xff: all tables. */
    struct match match;
};

int ofputil_decode_flow_monitor_request(struct ofputil_flow_monitor_request *,
                                        struct ofpbuf *msg);
void ofputil_append_flow_monitor_request(
    const struct ofputil_flow_monitor_request *, struct ofpbuf *msg);
void ofputil_flow_monitor_request_format(
    struct ds *, const struct ofputil_flow_monitor_request *,
    enum ofp_version);

/* One update in a flow monitor reply. */
struct ofputil_flow_update {
    uint16_t event;             /* Wire event of the version. */
    /* Full updates. */
    uint8_t reason;             /* OFPRR_* for deletions. */
    uint16_t idle_timeout;
    uint16_t hard_timeout;
    uint16_t priority;
    uint8_t table_id;
    be64 cookie;
    struct match match;
    const struct ofpact *ofpacts;
    size_t ofpacts_len;
    /* Abbreviated updates. */
    be32 xid;
};

int ofputil_decode_flow_update(struct ofputil_flow_update *,
                               struct ofpbuf *msg, struct ofpbuf *ofpacts);
void ofputil_append_flow_update(const struct ofputil_flow_update *,
                                struct ofpbuf *msg, enum ofp_version);
void ofputil_flow_update_format(struct ds *,
                                const struct ofputil_flow_update *,
                                enum ofp_version);

enum ofperr ofputil_flow_monitor_reencode(const struct ofp_header *,
                                          struct ofpbuf **out);

void ofputil_monitor_print_register(void);

#endif /* ofp-monitor.h */
