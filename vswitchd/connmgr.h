/* connmgr.h: the OpenFlow connections of one ofproto.
 *
 * What
 * ====
 *
 * A connmgr owns every OpenFlow connection of a switch ("ofconn"):
 *   - service connections, accepted on the management socket
 *     punix:<rundir>/<bridge>.mgmt (always open) and on passive
 *     controller targets of type service (none yet); they get no
 *     asynchronous messages unless they set a nonzero miss_send_len;
 *   - controller ("primary") connections: accepted on passive targets
 *     (ptcp:, pssl:, punix:) or made to active targets (tcp:, ssl:,
 *     unix:) with reconnect and backoff, with inactivity probes;
 *   - snoop connections, accepted on <rundir>/<bridge>.snoop, which get
 *     a copy of every message exchanged with the controllers.
 * It frames messages on the byte streams, negotiates versions with
 * HELLO, answers ECHO, keeps each connection's protocol state (version,
 * flow format, table-id extension, packet-in format, controller id,
 * role, asynchronous configuration, miss_send_len), and handles the
 * messages about that state itself (NXT_SET_FLOW_FORMAT,
 * NXT_FLOW_MOD_TABLE_ID, NXT_SET_PACKET_IN_FORMAT, NXT_SET_CONTROLLER_ID,
 * role requests, async config).  Every other message goes to
 * ofproto_handle_openflow(); an error it returns goes back as OFPT_ERROR
 * and the connection keeps serving.
 *
 * Barriers: a reply may be deferred until the datapath reflects a given
 * change counter (ofconn_defer_until_synced()); until then the
 * connection processes none of its later messages, so replies keep their
 * order and a barrier reply proves that every earlier change is in
 * effect in the datapath.
 *
 * Thread-safety: main thread only. */
#ifndef SVS_CONNMGR_H
#define SVS_CONNMGR_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "list.h"
#include "ofp-connection.h"
#include "ofp-errors.h"
#include "ofp-protocol.h"
#include "openflow.h"

struct connmgr;
struct ds;
struct hmap;
struct ofconn;
struct ofpbuf;
struct ofproto;
struct ofproto_controller;
struct ofputil_flow_removed;
struct ofputil_packet_in;
struct ofputil_phy_port;
struct rule;
struct smap;

enum ofconn_type {
    OFCONN_PRIMARY,             /* A controller. */
    OFCONN_SERVICE,             /* A management client (ovs-ofctl). */
    OFCONN_SNOOP                /* Watches the controllers' traffic. */
};

/* Creates the connection manager of 'ofproto' named 'name' and opens
 * its management socket punix:<rundir>/<name>.mgmt.  Returns 0 or a
 * positive errno value; '*mgrp' is set in every case (listeners that
 * failed are retried by connmgr_run()). */
int connmgr_create(struct ofproto *, const char *name,
                   struct connmgr **mgrp);
void connmgr_destroy(struct connmgr *);     /* NULL is allowed. */
void connmgr_run(struct connmgr *);
void connmgr_wait(struct connmgr *);

void connmgr_set_controllers(struct connmgr *,
                             const struct ofproto_controller *, size_t n);
bool connmgr_has_controllers(const struct connmgr *);
/* True if a table miss with the default miss configuration (no table-miss
 * flow) goes to the controller: while a connection of OpenFlow 1.0 to 1.2
 * is open.  Any thread may call it. */
bool connmgr_wants_packet_in_on_miss(const struct connmgr *);
/* Sets the OpenFlow versions that new connections may negotiate (bit N
 * for version N; 0: the default, OpenFlow 1.0 to 1.5).  A change drops
 * the connections to controllers (active and passive targets) so that
 * they renegotiate within the new set; active targets reconnect at once.
 * Management connections are kept. */
void connmgr_set_allowed_versions(struct connmgr *, uint32_t versions);
/* 'target' NULL: the default <rundir>/<name>.snoop; "": none. */
int connmgr_set_snoop(struct connmgr *, const char *target);
void connmgr_get_memory_usage(const struct connmgr *, struct smap *);

/* The status of controller 'target' as the Controller table reports it:
 * '*is_connected', '*role' ("master", "slave", "other"; NULL while not
 * connected) and the "state", "last_error", "sec_since_connect" and
 * "sec_since_disconnect" pairs added to 'status' (none for a listener).
 * Returns false if 'target' is not a controller of 'mgr'. */
bool connmgr_get_controller_status(const struct connmgr *,
                                   const char *target, bool *is_connected,
                                   const char **role, struct smap *status);
/* A number that changes whenever a controller connects, disconnects,
 * fails, starts talking or changes role. */
uint64_t connmgr_get_status_seqno(const struct connmgr *);
/* Tells 'mgr' that every flow was deleted (the fail-open flow too). */
void connmgr_flows_flushed(struct connmgr *);
/* Appends one line per connection ("name type version role") to 'ds'. */
void connmgr_format_conns(const struct connmgr *, struct ds *);

/* Asynchronous messages, to every connection that wants them. */
void connmgr_send_port_status(struct connmgr *,
                              const struct ofputil_phy_port *,
                              uint8_t reason);
/* Sends flow-removed 'fr' to every connection whose asynchronous
 * configuration wants its reason, in the connection's protocol. */
void connmgr_send_flow_removed(struct connmgr *,
                               const struct ofputil_flow_removed *);
/* Sends 'pin' to every connection that wants its reason ('pin->reason' may
 * also be OFPROTO_PIN_EXPLICIT_MISS or OFPROTO_PIN_IMPLICIT_MISS, see
 * ofproto.h).  The switch buffers no packets, so
 * packet-ins carry the whole packet (buffer_id OFP_NO_BUFFER) whatever
 * 'max_len' (the controller action's) or the connection's miss_send_len
 * say, as OpenFlow requires for unbuffered packet-ins and Open vSwitch
 * does. */
void connmgr_send_packet_in(struct connmgr *,
                            const struct ofputil_packet_in *,
                            uint16_t max_len, uint16_t controller_id);

/* Flow monitors (NXST_FLOW_MONITOR / OFPMP_FLOW_MONITOR). */
enum connmgr_flow_event {
    CONNMGR_FLOW_ADDED,
    CONNMGR_FLOW_DELETED,
    CONNMGR_FLOW_MODIFIED
};
/* Reports that 'rule' was added, deleted (for 'reason', OFPRR_*) or
 * modified by a request from 'source' (NULL if none) with transaction id
 * 'xid', to every monitor that watches it. */
void connmgr_report_flow_change(struct connmgr *, const struct rule *,
                                enum connmgr_flow_event, uint8_t reason,
                                const struct ofconn *source, be32 xid);
/* Sends the updates reported since the last call, one message (or
 * more, if large) per connection: call it once a change (a flow-mod, a
 * bundle, an expiration) is complete. */
void connmgr_flush_flow_changes(struct connmgr *);
/* Handles a flow monitor request on 'ofconn': registers the monitors
 * and replies with the initial flows (from ofproto).  Returns 0 or an
 * OpenFlow error. */
enum ofperr connmgr_handle_flow_monitor_request(struct ofconn *,
                                                const struct ofp_header *);
enum ofperr connmgr_handle_flow_monitor_cancel(struct ofconn *,
                                               const struct ofp_header *);

/* One connection. */
struct connmgr *ofconn_get_connmgr(const struct ofconn *);
enum ofconn_type ofconn_get_type(const struct ofconn *);
enum ofputil_protocol ofconn_get_protocol(const struct ofconn *);
enum ofp_version ofconn_get_version(const struct ofconn *);
enum ofp12_controller_role ofconn_get_role(const struct ofconn *);
uint16_t ofconn_get_miss_send_len(const struct ofconn *);
void ofconn_set_miss_send_len(struct ofconn *, uint16_t);
/* Whether the connection, as a primary (or equal), gets packet-ins for
 * packets whose TTL expired: the OpenFlow 1.0-1.2 switch config flag
 * OFPC_INVALID_TTL_TO_CONTROLLER, kept as that bit of its asynchronous
 * configuration (off by default). */
bool ofconn_get_invalid_ttl_to_controller(const struct ofconn *);
void ofconn_set_invalid_ttl_to_controller(struct ofconn *, bool enable);
/* The connection's bundles (ofproto's, freed by
 * ofproto_ofconn_closing()). */
struct hmap *ofconn_get_bundles(struct ofconn *);

/* Sends 'msg' (takes ownership) on 'ofconn'. */
void ofconn_send_reply(struct ofconn *, struct ofpbuf *msg);
/* Sends the multipart replies in 'replies' (a list of ofpbufs, taken). */
void ofconn_send_replies(struct ofconn *, struct svs_list *replies);
/* Sends the complete messages of 'replies', a multipart reply still
 * being built with ofpmp_*(): all but its last message, which stays in
 * 'replies'.  Writes them out at once, so that the peer can start on a
 * long reply while the rest is encoded. */
void ofconn_send_replies_early(struct ofconn *, struct svs_list *replies);
/* Sends an OFPT_ERROR for 'request'. */
void ofconn_send_error(struct ofconn *, const struct ofp_header *request,
                       enum ofperr);
/* Queues 'reply' (taken) to be sent only once the datapath reflects
 * change counter 'seq' (ofproto_get_synced_seq() >= 'seq'); until then
 * no further message from 'ofconn' is processed. */
void ofconn_defer_until_synced(struct ofconn *, struct ofpbuf *reply,
                               uint64_t seq);

#endif /* connmgr.h */
