/* ofproto.h: one OpenFlow switch (one bridge), for its users: the bridge,
 * the translator (xlate) and the upcall handler and revalidator threads.
 *
 * What
 * ====
 *
 * An ofproto holds what OpenFlow controllers see of a switch: 255 flow
 * tables (0..253 visible, 254 hidden and read-only; 255 is OFPTT_ALL),
 * ports, groups and meters, the switch's description and datapath id, and
 * the OpenFlow connections (connmgr.h): its management socket
 * <rundir>/<bridge>.mgmt, the snoop socket and the controllers.  It
 * implements the OpenFlow semantics of every message (flow-mod, stats,
 * bundles, barriers...).  It knows nothing about packets or datapaths: a
 * provider (ofproto-provider.h, struct ofproto_class) does that part.
 *
 * Design
 * ======
 *
 * Each table is a classifier (lib/classifier.h) with versions.  Every
 * change (one flow-mod, or every message of a bundle) is made in version
 * N+1 of the tables and then published at once by moving the current
 * version to N+1, so lookups in the translator see whole changes only.
 * 'tables_seq' counts changes to rules, groups and port configuration;
 * the provider reports through its get_synced_seq() hook which of them
 * its datapath already reflects, and a barrier reply is sent only once
 * the datapath reflects every change acknowledged before the barrier.
 *
 * Thread-safety
 * =============
 *
 * Functions are grouped below by contract.  Unless a group says
 * otherwise, functions must be called from the main thread (the one that
 * runs ofproto_run()).  Lookups for the translator are RCU-protected:
 * they may run in any thread, inside an RCU read-side critical section
 * (cls_rcu_read_lock()), concurrently with the main thread's changes. */
#ifndef SVS_OFPROTO_H
#define SVS_OFPROTO_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "classifier.h"
#include "flow.h"
#include "ofp-packet.h"
#include "ofp-port.h"
#include "svs-types.h"

struct ds;
struct netdev;
struct ofgroup;
struct ofport;
struct ofproto;
struct ofproto_class;
struct rule;
struct simap;
struct smap;

/* What to do when no controller is reachable (Bridge fail_mode). */
enum ofproto_fail_mode {
    OFPROTO_FAIL_SECURE,        /* Keep the flow tables as they are. */
    OFPROTO_FAIL_STANDALONE     /* Act as a learning switch: with no
                                 * controller configured a visible
                                 * "priority=0 actions=NORMAL" flow exists
                                 * in table 0. */
};

/* Connection role of a controller target. */
enum ofproto_band {
    OFPROTO_IN_BAND,
    OFPROTO_OUT_OF_BAND
};

/* One row of the Controller table, as the bridge passes it. */
struct ofproto_controller {
    const char *target;         /* "tcp:IP:PORT", "ptcp:PORT", ... */
    int max_backoff;            /* Reconnect backoff, seconds (0: 8). */
    int probe_interval;         /* Inactivity probe, seconds (0: 5, <0:
                                 * none). */
    enum ofproto_band band;
    int rate_limit;             /* Packet-ins per second, 0: none. */
    int burst_limit;            /* Packet-in burst, 0: default. */
};

/* Process-wide initialization: registers the unixctl commands
 * (ofproto/list, bridge/dump-flows) and the OpenFlow printers.
 * Idempotent. */
void ofproto_init(void);

/* Lifecycle. */

/* Creates bridge 'name' of datapath 'type' served by provider 'class',
 * opening its management socket punix:<rundir>/<name>.mgmt.  Returns 0
 * and the new ofproto in '*ofprotop', or a positive errno value (EEXIST
 * if an ofproto named 'name' exists, or the provider's error). */
int ofproto_create(const char *name, const char *type,
                   const struct ofproto_class *, struct ofproto **ofprotop);
/* Destroys 'p' (may be NULL): closes its connections, deletes its rules
 * (without flow-removed messages), groups and meters, and calls the
 * provider's destructor. */
void ofproto_destroy(struct ofproto *p);
struct ofproto *ofproto_lookup(const char *name);
const char *ofproto_get_name(const struct ofproto *);
const char *ofproto_get_type(const struct ofproto *);

/* Periodic work: connections, timeouts, barriers, packet-ins queued by
 * other threads, the provider's run().  Returns 0 or the provider's
 * error. */
int ofproto_run(struct ofproto *);
void ofproto_wait(struct ofproto *);

/* Configuration (from the bridge). */
void ofproto_set_datapath_id(struct ofproto *, uint64_t datapath_id);
uint64_t ofproto_get_datapath_id(const struct ofproto *);
void ofproto_set_desc(struct ofproto *, const char *mfr_desc,
                      const char *hw_desc, const char *sw_desc,
                      const char *serial_desc, const char *dp_desc);
/* Replaces the controller targets by the 'n' in 'controllers'.  Passive
 * targets (ptcp:, pssl:, punix:) become listeners whose connections are
 * controllers; active targets connect with reconnect and backoff. */
void ofproto_set_controllers(struct ofproto *,
                             const struct ofproto_controller *, size_t n);
bool ofproto_has_controllers(const struct ofproto *);
/* Sets the OpenFlow versions (bit N for version N, as in the Bridge
 * table's "protocols" column; 0: the default, 1.0 to 1.5) that new
 * connections, the management socket's included, may negotiate. */
void ofproto_set_allowed_versions(struct ofproto *, uint32_t versions);
void ofproto_set_fail_mode(struct ofproto *, enum ofproto_fail_mode);
enum ofproto_fail_mode ofproto_get_fail_mode(const struct ofproto *);

/* The Controller table's status of controller 'target' (see
 * connmgr_get_controller_status()); false if it is not one of 'p''s. */
struct smap;
bool ofproto_get_controller_status(const struct ofproto *,
                                   const char *target, bool *is_connected,
                                   const char **role, struct smap *status);
/* Changes whenever some controller's status changes. */
uint64_t ofproto_get_controller_seqno(const struct ofproto *);
/* Sets the snoop socket to punix:<rundir>/<name>.snoop (the default) or
 * to 'target' (NULL: default, "": none).  Returns 0 or errno. */
int ofproto_set_snoop(struct ofproto *, const char *target);
/* Configures table 'table_id' (the Flow_Table row): 'name' (NULL or "":
 * none), 'max_flows' (UINT32_MAX: unlimited) and the overflow policy: when
 * an add would exceed 'max_flows', it fails with OFPFMFC_TABLE_FULL, unless
 * 'evict' (or a table-mod turned eviction on): then the flow with the
 * lowest importance, and among those the one that would expire first, of
 * the flows with an idle or hard timeout is deleted (reason "eviction")
 * to make room.  Without such a flow the add fails. */
void ofproto_table_set_config(struct ofproto *, uint8_t table_id,
                              const char *name, uint32_t max_flows,
                              bool evict);

/* Ports.  The bridge opens 'netdev' (may be NULL in tests) and describes
 * the port in 'pp' (port_no is ignored: 'ofp_port' is the number).
 * Controllers get OFPPR_ADD / OFPPR_DELETE / OFPPR_MODIFY port-status
 * messages. */
int ofproto_port_add(struct ofproto *, struct netdev *, ofp_port_t ofp_port,
                     const struct ofputil_phy_port *pp);
int ofproto_port_del(struct ofproto *, ofp_port_t ofp_port);
/* Updates the state bits and link properties of port 'ofp_port' (carrier
 * change...) and its PORT_DOWN config bit (the device's administrative
 * state); the other config bits come from port-mod or
 * ofproto_port_set_config.  Sends OFPPR_MODIFY if anything changed. */
int ofproto_port_modify(struct ofproto *, ofp_port_t ofp_port,
                        const struct ofputil_phy_port *pp);
int ofproto_port_set_config(struct ofproto *, ofp_port_t ofp_port,
                            enum ofputil_port_config config);

/* Deletes every flow without flow-removed messages, then restores the
 * fail-mode standalone flow if it applies. */
void ofproto_flush_flows(struct ofproto *);

/* Flows of the switch itself (providers' internal flows in the hidden
 * table 254, the fail-mode flow...): adds (or replaces) a flow with
 * 'match', 'priority' and the 'ofpacts_len' bytes of actions 'ofpacts' in
 * table 'table_id', or deletes the flow with exactly 'match' and
 * 'priority' there, without the checks that apply to controllers'
 * flow-mods (read-only tables included).  Return 0 or an OpenFlow
 * error. */
struct match;
struct ofpact;
enum ofperr ofproto_add_flow(struct ofproto *, uint8_t table_id,
                             const struct match *, int priority,
                             const struct ofpact *ofpacts,
                             size_t ofpacts_len);
enum ofperr ofproto_delete_flow(struct ofproto *, uint8_t table_id,
                                const struct match *, int priority);

/* Adds the memory usage counters of 'ofproto' ("rules", "ofconns", ...)
 * to 'usage'. */
void ofproto_get_memory_usage(const struct ofproto *, struct smap *usage);

/* Appends every flow of every visible table as "ovs-appctl
 * bridge/dump-flows" prints them (hidden tables included) to 'ds'. */
void ofproto_dump_flows(const struct ofproto *, struct ds *);

/* Lookups for the translator.  RCU-protected: call inside
 * cls_rcu_read_lock(); results stay valid until cls_rcu_read_unlock()
 * (use ofproto_rule_ref() to keep a rule longer). */

cls_version_t ofproto_get_version(const struct ofproto *);
/* Returns the highest-priority rule of table 'table_id' visible in
 * 'version' that matches 'flow', ORing into 'wc' (may be NULL) the bits
 * of 'flow' the answer depended on; NULL if none (a table miss). */
struct rule *ofproto_table_lookup(const struct ofproto *, uint8_t table_id,
                                  const struct flow *flow,
                                  struct flow_wildcards *wc,
                                  cls_version_t version);
/* Adds 'n_lookups' lookups and 'n_matches' hits to the table statistics
 * of 'table_id'.  Thread-safe. */
void ofproto_table_credit_stats(struct ofproto *, uint8_t table_id,
                                uint64_t n_lookups, uint64_t n_matches);
/* What a miss in 'table_id' does: OFPUTIL_TABLE_MISS_DEFAULT (OpenFlow
 * 1.0 controllers: send to controller; 1.3+: drop, as Open vSwitch
 * does), _CONTROLLER, _CONTINUE or _DROP as set by table-mod. */
int ofproto_table_get_miss_config(const struct ofproto *, uint8_t table_id);
/* Returns the group 'group_id' visible in 'version', or NULL. */
struct ofgroup *ofproto_group_lookup(const struct ofproto *,
                                     uint32_t group_id,
                                     cls_version_t version);
/* Adds traffic through bucket 'bucket_idx' (0-based, in bucket order)
 * of 'group' to its statistics.  Thread-safe. */
void ofproto_group_credit_stats(struct ofgroup *group, uint32_t bucket_idx,
                                uint64_t packets, uint64_t bytes);

/* Ports.  Main thread only: the port map may be resized by changes, so a
 * provider that needs ports in other threads keeps its own RCU-safe copy,
 * maintained from its port_add/port_del/port_reconfigured hooks. */
struct ofport *ofproto_get_port(const struct ofproto *, ofp_port_t ofp_port);
enum ofputil_port_config ofproto_port_config(const struct ofport *);
enum ofputil_port_state ofproto_port_state(const struct ofport *);

/* Rules.  Thread-safe. */
void ofproto_rule_ref(struct rule *);
void ofproto_rule_unref(struct rule *);
/* Adds traffic to 'rule''s counters and moves its last-used time to
 * 'used' (msec, time_msec() clock) if that is later. */
void ofproto_rule_credit_stats(struct rule *, uint64_t packets,
                               uint64_t bytes, long long int used);

/* Packet-in reason of a controller action in a table-miss flow: sent as
 * OFPR_NO_MATCH to OpenFlow 1.3+ connections, as OFPR_ACTION to older
 * ones. */
#define OFPROTO_PIN_EXPLICIT_MISS 0xfe
/* Packet-in reason of a table miss without a table-miss flow: sent as
 * OFPR_NO_MATCH to OpenFlow 1.0-1.2 connections only. */
#define OFPROTO_PIN_IMPLICIT_MISS 0xfd
/* True if a table miss should go to the controller (see
 * OFPROTO_PIN_IMPLICIT_MISS): some connection would take it.
 * Thread-safe. */
bool ofproto_wants_packet_in_on_miss(const struct ofproto *);

/* Packet-ins.  Thread-safe: queues 'pin' (copied, with 'packet' bytes)
 * for the main thread, which sends it to every controller connection
 * whose asynchronous configuration wants it, in its packet-in format and
 * truncated to 'max_len' (UINT16_MAX: the connection's miss_send_len for
 * table misses (OFPR_NO_MATCH), the whole packet otherwise), subject to
 * the connection's rate limit.  'controller_id' 0 means every
 * controller, otherwise only connections with that controller id. */
void ofproto_send_packet_in(struct ofproto *,
                            const struct ofputil_packet_in *pin,
                            uint16_t max_len, uint16_t controller_id);

#endif /* ofproto.h */
