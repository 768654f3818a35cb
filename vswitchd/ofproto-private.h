/* ofproto-private.h: what ofproto.c and ofproto-handle.c share: versioned
 * transactions over the flow tables and groups, and helpers.
 *
 * A transaction ('struct ofproto_txn') makes each change in version
 * 'version', one past the current version of the tables; readers keep
 * seeing the current version until ofproto_txn_commit() publishes the
 * new one, so a flow-mod, a group-mod or a whole bundle becomes visible
 * at once.  ofproto_txn_abort() undoes every change instead.
 *
 * Thread-safety: main thread only. */
#ifndef SVS_OFPROTO_PRIVATE_H
#define SVS_OFPROTO_PRIVATE_H 1

#include "list.h"
#include "ofproto-provider.h"

struct ofputil_flow_mod;

/* Reason code that suppresses the flow-removed message of a deletion
 * (replacement by an identical flow, flushing). */
#define OFPRR_NONE_INTERNAL 0xff

/* One change to a rule: 'new_rule' inserted (NULL if none) and/or
 * 'old_rule' made invisible (NULL if none). */
struct ofproto_op {
    struct svs_list node;       /* In ofproto_txn->ops. */
    struct rule *new_rule;
    struct rule *old_rule;
    uint8_t reason;             /* OFPRR_* for a deletion. */
};

/* One change to a group: 'new_group' added and/or 'old_group'
 * removed. */
struct ofproto_group_op {
    struct svs_list node;       /* In ofproto_txn->group_ops. */
    struct ofgroup *new_group;
    struct ofgroup *old_group;
};

struct ofproto_txn {
    struct ofproto *ofproto;
    cls_version_t version;      /* The version being built. */
    struct svs_list ops;        /* "struct ofproto_op"s. */
    struct svs_list group_ops;  /* "struct ofproto_group_op"s. */
    struct ofconn *source;      /* Requester, NULL if internal. */
    be32 xid;                   /* The request's transaction id. */
    size_t n_changes;           /* Rule operations. */
    size_t group_changes;       /* Group operations. */
};

void ofproto_txn_init(struct ofproto_txn *, struct ofproto *,
                      struct ofconn *source, be32 xid);
void ofproto_txn_replace(struct ofproto_txn *, struct rule *new_rule,
                         struct rule *old_rule);
void ofproto_txn_delete(struct ofproto_txn *, struct rule *,
                        uint8_t reason);
void ofproto_txn_commit(struct ofproto_txn *);
void ofproto_txn_abort(struct ofproto_txn *);

/* Applies flow-mod 'fm' within 'txn'.  Returns 0 or an OpenFlow error
 * (then the caller aborts 'txn'). */
enum ofperr ofproto_flow_mod_start(struct ofproto_txn *,
                                   const struct ofputil_flow_mod *fm);

/* Initializes 'cr' from 'match' and 'priority'.  Decoders disagree on
 * whether a match on an Ethernet-only field states packet_type=Ethernet
 * (NXM and OXM do, OpenFlow 1.0's standard match does not), so the
 * default packet type is dropped here to give one form to rules and to
 * the criteria that select them. */
void ofproto_cls_rule_init(struct cls_rule *cr, const struct match *match,
                           int priority);

/* Rules. */
struct rule *rule_alloc(struct ofproto *, uint8_t table_id);
struct rule_actions *rule_actions_create(const struct ofpact *,
                                         size_t ofpacts_len);
void rule_remove_from_table(struct ofproto *, struct rule *);
void rule_get_stats(struct rule *, uint64_t *packets, uint64_t *bytes,
                    long long int *used);
void ofproto_expire(struct ofproto *);

/* Groups and meters (ofproto-group.c). */
void group_txn_commit(struct ofproto_txn *);
void group_txn_abort(struct ofproto_txn *);
void group_destroy_all(struct ofproto *);
void meter_destroy_all(struct ofproto *);
struct ofgroup *group_find_in_version(const struct ofproto *,
                                      uint32_t group_id,
                                      cls_version_t version);

/* Message handlers of ofproto-group.c. */
enum ofptype;
enum ofperr ofproto_handle_group_mod(struct ofproto *, struct ofconn *,
                                     const struct ofp_header *);
/* Applies group-mod 'oh' within 'txn' (or only validates it if
 * 'check_only', 'txn' then NULL). */
enum ofperr ofproto_group_mod_msg(struct ofproto *, struct ofproto_txn *,
                                  const struct ofp_header *,
                                  bool check_only);
enum ofperr ofproto_handle_group_stats_request(struct ofproto *,
                                               struct ofconn *,
                                               const struct ofp_header *);
enum ofperr ofproto_handle_group_desc_request(struct ofproto *,
                                              struct ofconn *,
                                              const struct ofp_header *);
enum ofperr ofproto_handle_group_features_request(
    struct ofproto *, struct ofconn *, const struct ofp_header *);
enum ofperr ofproto_handle_meter_mod(struct ofproto *, struct ofconn *,
                                     const struct ofp_header *);
enum ofperr ofproto_handle_meter_request(struct ofproto *, struct ofconn *,
                                         const struct ofp_header *,
                                         enum ofptype);

/* Ports and change tracking. */
void ofport_set_config(struct ofport *, enum ofputil_port_config);
void ofproto_bump_tables_seq(struct ofproto *);

#endif /* ofproto-private.h */
