/* ofproto.c: the OpenFlow switch core (see ofproto.h and
 * ofproto-provider.h): lifecycle, ports, rules and their versioned
 * changes, timeouts, lookups for the translator and the unixctl
 * commands.  Message handling is in ofproto-handle.c. */
#include <config.h>
#include "ofproto.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <urcu/urcu-bp.h>
#include "connmgr.h"
#include "dynamic-string.h"
#include "hash.h"
#include "latch.h"
#include "ofp-actions.h"
#include "ofp-flow.h"
#include "ofp-print.h"
#include "ofp-switch.h"
#include "packets.h"
#include "ofpbuf.h"
#include "ofproto-private.h"
#include "ofproto-provider.h"
#include "poll-loop.h"
#include "smap.h"
#include "svec.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofproto);

/* Every ofproto, by name. */
static struct hmap all_ofprotos = HMAP_INITIALIZER(&all_ofprotos);

/* Rules and groups with their RCU heads (private to this file). */
struct rule_box {
    struct rule rule;
    struct rcu_head rcu;
};

/* A packet-in queued by another thread. */
struct ofproto_pin {
    struct svs_list node;       /* In ofproto->pins. */
    struct ofputil_packet_in pin;   /* 'packet' and 'userdata' point into
                                     * 'data'. */
    uint16_t max_len;
    uint16_t controller_id;
    uint8_t data[];
};

/* Rules that a published change replaced or deleted.  A reader that read
 * the previous version before the change was published may still look it
 * up, so the rules stay in their classifiers (invisible in the new
 * version) until an RCU grace period has passed; then the main thread
 * removes them. */
struct dead_rules {
    struct rcu_head rcu;
    struct svs_list node;       /* In ofproto->dead. */
    bool ready;                 /* Atomic: the grace period is over. */
    struct latch *latch;        /* Set when ready, to wake the main
                                 * thread. */
    size_t n;
    struct rule *rules[];
};

static void dead_rules_ready_cb(struct rcu_head *);
static void dead_rules_run(struct ofproto *, bool wait);
static void ofproto_unixctl_init(void);

/* Lifecycle. */

void
ofproto_init(void)
{
    static bool inited;
    if (!inited) {
        inited = true;
        ofproto_unixctl_init();
    }
}

static void
oftable_init(struct oftable *table)
{
    memset(table, 0, sizeof *table);
    classifier_init(&table->cls);
    table->max_flows = UINT32_MAX;
    table->miss_config = OFPUTIL_TABLE_MISS_DEFAULT;
}

int
ofproto_create(const char *name, const char *type,
               const struct ofproto_class *class, struct ofproto **ofprotop)
{
    *ofprotop = NULL;
    ofproto_init();
    if (ofproto_lookup(name)) {
        return EEXIST;
    }

    struct ofproto *p = xzalloc(sizeof *p);
    p->ofproto_class = class;
    p->name = xstrdup(name);
    p->type = xstrdup(type ? type : class->type);
    p->mfr_desc = xstrdup("svs");
    p->hw_desc = xstrdup("svs");
    p->sw_desc = xstrdup(PACKAGE_VERSION);
    p->serial_desc = xstrdup("None");
    p->dp_desc = xstrdup("None");
    p->n_tables = OFPROTO_N_TABLES;
    p->tables = xmalloc(p->n_tables * sizeof *p->tables);
    for (int i = 0; i < p->n_tables; i++) {
        oftable_init(&p->tables[i]);
    }
    p->tables[OFPROTO_HIDDEN_TABLE].hidden = true;
    p->tables[OFPROTO_HIDDEN_TABLE].readonly = true;
    p->tables_version = CLS_MIN_VERSION;
    hmap_init(&p->ports);
    p->max_ports = OFPP_MAX;
    hmap_init(&p->groups);
    pthread_rwlock_init(&p->groups_rwlock, NULL);
    hmap_init(&p->meters);
    svs_list_init(&p->expirable);
    svs_list_init(&p->dead);
    p->fail_mode = OFPROTO_FAIL_SECURE;
    p->frag_handling = OFPUTIL_FRAG_NORMAL;
    pthread_mutex_init(&p->pin_mutex, NULL);
    svs_list_init(&p->pins);
    p->pin_latch = xmalloc(sizeof *p->pin_latch);
    latch_init(p->pin_latch);

    int error = connmgr_create(p, name, &p->connmgr);
    if (error) {
        VLOG_WARN("%s: could not open management socket (%s)", name,
                  strerror(error));
    }

    error = class->construct ? class->construct(p) : 0;
    if (error) {
        VLOG_ERR("failed to create bridge %s: %s", name, strerror(error));
        p->ofproto_class = NULL;
        ofproto_destroy(p);
        return error;
    }
    hmap_insert(&all_ofprotos, &p->hmap_node, hash_string(name, 0));
    *ofprotop = p;
    return 0;
}

struct ofproto *
ofproto_lookup(const char *name)
{
    struct ofproto *p;
    HMAP_FOR_EACH_WITH_HASH (p, hmap_node, hash_string(name, 0),
                             &all_ofprotos) {
        if (!strcmp(p->name, name)) {
            return p;
        }
    }
    return NULL;
}

const char *
ofproto_get_name(const struct ofproto *p)
{
    return p->name;
}

const char *
ofproto_get_type(const struct ofproto *p)
{
    return p->type;
}

void
ofproto_destroy(struct ofproto *p)
{
    if (!p) {
        return;
    }
    connmgr_destroy(p->connmgr);
    p->connmgr = NULL;
    dead_rules_run(p, true);

    /* Rules, without flow-removed messages. */
    for (int i = 0; i < p->n_tables; i++) {
        struct oftable *table = &p->tables[i];
        struct rule *rule;
        CLS_FOR_EACH (rule, cr, &table->cls) {
            rule_remove_from_table(p, rule);
        }
        classifier_destroy(&table->cls);
        free(table->name);
    }
    free(p->tables);

    group_destroy_all(p);
    pthread_rwlock_destroy(&p->groups_rwlock);
    meter_destroy_all(p);

    struct ofport *port, *next_port;
    HMAP_FOR_EACH_SAFE (port, next_port, hmap_node, &p->ports) {
        hmap_remove(&p->ports, &port->hmap_node);
        if (p->ofproto_class && p->ofproto_class->port_del) {
            p->ofproto_class->port_del(p, port);
        }
        free(port);
    }
    hmap_destroy(&p->ports);

    if (p->ofproto_class) {
        hmap_remove(&all_ofprotos, &p->hmap_node);
        if (p->ofproto_class->destruct) {
            p->ofproto_class->destruct(p);
        }
    }

    /* Rules and groups are freed after a grace period; wait for that so
     * that nothing refers to 'p' afterward. */
    urcu_bp_barrier();

    struct ofproto_pin *pin;
    LIST_FOR_EACH_POP (pin, node, &p->pins) {
        free(pin);
    }
    pthread_mutex_destroy(&p->pin_mutex);
    latch_destroy(p->pin_latch);
    free(p->pin_latch);

    free(p->mfr_desc);
    free(p->hw_desc);
    free(p->sw_desc);
    free(p->serial_desc);
    free(p->dp_desc);
    free(p->name);
    free(p->type);
    free(p);
}

/* Running. */

static void
ofproto_run_pins(struct ofproto *p)
{
    latch_poll_if_ready(p->pin_latch);
    struct svs_list pins;
    svs_list_init(&pins);
    pthread_mutex_lock(&p->pin_mutex);
    svs_list_splice_back(&pins, &p->pins);
    pthread_mutex_unlock(&p->pin_mutex);

    struct ofproto_pin *pin;
    LIST_FOR_EACH_POP (pin, node, &pins) {
        connmgr_send_packet_in(p->connmgr, &pin->pin, pin->max_len,
                               pin->controller_id);
        free(pin);
    }
}

int
ofproto_run(struct ofproto *p)
{
    int error = 0;
    if (p->ofproto_class->run) {
        error = p->ofproto_class->run(p);
    }
    ofproto_run_pins(p);
    dead_rules_run(p, false);
    ofproto_expire(p);
    connmgr_run(p->connmgr);
    return error;
}

void
ofproto_wait(struct ofproto *p)
{
    if (p->ofproto_class->wait) {
        p->ofproto_class->wait(p);
    }
    latch_wait(p->pin_latch);
    if (!svs_list_is_empty(&p->expirable)) {
        poll_timer_wait_until(p->next_expiration);
    }
    connmgr_wait(p->connmgr);
}

/* Configuration. */

void
ofproto_set_datapath_id(struct ofproto *p, uint64_t datapath_id)
{
    p->datapath_id = datapath_id;
}

uint64_t
ofproto_get_datapath_id(const struct ofproto *p)
{
    return p->datapath_id;
}

static void
replace_string(char **dst, const char *src)
{
    if (src) {
        free(*dst);
        *dst = xstrdup(src);
    }
}

void
ofproto_set_desc(struct ofproto *p, const char *mfr_desc,
                 const char *hw_desc, const char *sw_desc,
                 const char *serial_desc, const char *dp_desc)
{
    replace_string(&p->mfr_desc, mfr_desc);
    replace_string(&p->hw_desc, hw_desc);
    replace_string(&p->sw_desc, sw_desc);
    replace_string(&p->serial_desc, serial_desc);
    replace_string(&p->dp_desc, dp_desc);
}

void
ofproto_set_controllers(struct ofproto *p,
                        const struct ofproto_controller *controllers,
                        size_t n)
{
    connmgr_set_controllers(p->connmgr, controllers, n);
}

void
ofproto_set_allowed_versions(struct ofproto *p, uint32_t versions)
{
    connmgr_set_allowed_versions(p->connmgr, versions);
}

bool
ofproto_has_controllers(const struct ofproto *p)
{
    return connmgr_has_controllers(p->connmgr);
}

void
ofproto_set_fail_mode(struct ofproto *p, enum ofproto_fail_mode mode)
{
    /* As in Open vSwitch, a bridge without controllers that changes its
     * fail mode starts from an empty flow table (plus the NORMAL flow if
     * it becomes standalone). */
    if (p->fail_mode != mode) {
        p->fail_mode = mode;
        if (!connmgr_has_controllers(p->connmgr)) {
            ofproto_flush_flows(p);
        }
    }
}

bool
ofproto_get_controller_status(const struct ofproto *p, const char *target,
                              bool *is_connected, const char **role,
                              struct smap *status)
{
    return connmgr_get_controller_status(p->connmgr, target, is_connected,
                                         role, status);
}

bool
ofproto_wants_packet_in_on_miss(const struct ofproto *p)
{
    return connmgr_wants_packet_in_on_miss(p->connmgr);
}

uint64_t
ofproto_get_controller_seqno(const struct ofproto *p)
{
    return connmgr_get_status_seqno(p->connmgr);
}

enum ofproto_fail_mode
ofproto_get_fail_mode(const struct ofproto *p)
{
    return p->fail_mode;
}

int
ofproto_set_snoop(struct ofproto *p, const char *target)
{
    return connmgr_set_snoop(p->connmgr, target);
}

void
ofproto_table_set_config(struct ofproto *p, uint8_t table_id,
                         const char *name, uint32_t max_flows,
                         bool evict)
{
    if (table_id >= p->n_tables) {
        return;
    }
    struct oftable *table = &p->tables[table_id];
    free(table->name);
    table->name = name && name[0] ? xstrdup(name) : NULL;
    table->max_flows = max_flows;
    table->evict = evict;
}

/* Ports. */

struct ofport *
ofproto_get_port(const struct ofproto *p, ofp_port_t ofp_port)
{
    struct ofport *port;
    HMAP_FOR_EACH_WITH_HASH (port, hmap_node, hash_int(ofp_port, 0),
                             &p->ports) {
        if (port->ofp_port == ofp_port) {
            return port;
        }
    }
    return NULL;
}

enum ofputil_port_config
ofproto_port_config(const struct ofport *port)
{
    return port->pp.config;
}

enum ofputil_port_state
ofproto_port_state(const struct ofport *port)
{
    return port->pp.state;
}

int
ofproto_port_add(struct ofproto *p, struct netdev *netdev,
                 ofp_port_t ofp_port, const struct ofputil_phy_port *pp)
{
    if (ofp_port == OFPP_NONE
        || (ofp_port >= p->max_ports && ofp_port != OFPP_LOCAL)) {
        return EINVAL;
    }
    if (ofproto_get_port(p, ofp_port)) {
        return EEXIST;
    }
    struct ofport *port = xzalloc(sizeof *port);
    port->ofproto = p;
    port->netdev = netdev;
    port->pp = *pp;
    port->pp.port_no = ofp_port;
    port->ofp_port = ofp_port;
    port->created = time_msec();
    if (p->ofproto_class->port_add) {
        int error = p->ofproto_class->port_add(p, port);
        if (error) {
            free(port);
            return error;
        }
    }
    hmap_insert(&p->ports, &port->hmap_node, hash_int(ofp_port, 0));
    connmgr_send_port_status(p->connmgr, &port->pp, OFPPR_ADD);
    ofproto_bump_tables_seq(p);
    return 0;
}

int
ofproto_port_del(struct ofproto *p, ofp_port_t ofp_port)
{
    struct ofport *port = ofproto_get_port(p, ofp_port);
    if (!port) {
        return ENOENT;
    }
    if (p->ofproto_class->port_del) {
        p->ofproto_class->port_del(p, port);
    }
    hmap_remove(&p->ports, &port->hmap_node);
    connmgr_send_port_status(p->connmgr, &port->pp, OFPPR_DELETE);
    ofproto_bump_tables_seq(p);
    /* Readers in other threads may still hold the port. */
    urcu_bp_synchronize_rcu();
    free(port);
    return 0;
}

int
ofproto_port_modify(struct ofproto *p, ofp_port_t ofp_port,
                    const struct ofputil_phy_port *pp)
{
    struct ofport *port = ofproto_get_port(p, ofp_port);
    if (!port) {
        return ENOENT;
    }
    struct ofputil_phy_port new = *pp;
    new.port_no = ofp_port;
    /* The device's administrative state is the truth for PORT_DOWN; the
     * other config bits belong to OpenFlow (port-mod). */
    new.config = ((port->pp.config & ~OFPUTIL_PC_PORT_DOWN)
                  | (pp->config & OFPUTIL_PC_PORT_DOWN));
    if (memcmp(&new, &port->pp, sizeof new)) {
        port->pp = new;
        connmgr_send_port_status(p->connmgr, &port->pp, OFPPR_MODIFY);
        ofproto_bump_tables_seq(p);
    }
    return 0;
}

int
ofproto_port_set_config(struct ofproto *p, ofp_port_t ofp_port,
                        enum ofputil_port_config config)
{
    struct ofport *port = ofproto_get_port(p, ofp_port);
    if (!port) {
        return ENOENT;
    }
    ofport_set_config(port, config);
    return 0;
}

/* Sets 'port''s config bits to 'config', telling the provider and the
 * controllers if anything changed. */
void
ofport_set_config(struct ofport *port, enum ofputil_port_config config)
{
    struct ofproto *p = port->ofproto;
    enum ofputil_port_config old = port->pp.config;
    if (old == config) {
        return;
    }
    port->pp.config = config;
    if ((old ^ config) & OFPUTIL_PC_PORT_DOWN) {
        if (config & OFPUTIL_PC_PORT_DOWN) {
            port->pp.state |= OFPUTIL_PS_LINK_DOWN;
            port->pp.state &= ~OFPUTIL_PS_LIVE;
        } else {
            port->pp.state &= ~OFPUTIL_PS_LINK_DOWN;
        }
    }
    if (p->ofproto_class->port_reconfigured) {
        p->ofproto_class->port_reconfigured(port, old);
    }
    connmgr_send_port_status(p->connmgr, &port->pp, OFPPR_MODIFY);
    ofproto_bump_tables_seq(p);
}

/* Change tracking. */

void
ofproto_bump_tables_seq(struct ofproto *p)
{
    p->tables_seq++;
    if (p->ofproto_class->tables_changed) {
        p->ofproto_class->tables_changed(p);
    }
}

uint64_t
ofproto_get_synced_seq(const struct ofproto *p)
{
    return (p->ofproto_class->get_synced_seq
            ? p->ofproto_class->get_synced_seq(p)
            : p->tables_seq);
}

void
ofproto_sync_datapath(struct ofproto *p)
{
    if (p->ofproto_class->sync_datapath) {
        p->ofproto_class->sync_datapath(p);
    }
}

/* Lookups. */

cls_version_t
ofproto_get_version(const struct ofproto *p)
{
    return __atomic_load_n(&p->tables_version, __ATOMIC_ACQUIRE);
}

struct rule *
ofproto_table_lookup(const struct ofproto *p, uint8_t table_id,
                     const struct flow *flow, struct flow_wildcards *wc,
                     cls_version_t version)
{
    if (table_id >= p->n_tables) {
        return NULL;
    }
    return rule_from_cls_rule(classifier_lookup(&p->tables[table_id].cls,
                                                version, flow, wc));
}

void
ofproto_table_credit_stats(struct ofproto *p, uint8_t table_id,
                           uint64_t n_lookups, uint64_t n_matches)
{
    if (table_id < p->n_tables) {
        __atomic_add_fetch(&p->tables[table_id].n_lookups, n_lookups,
                           __ATOMIC_RELAXED);
        __atomic_add_fetch(&p->tables[table_id].n_matched, n_matches,
                           __ATOMIC_RELAXED);
    }
}

int
ofproto_table_get_miss_config(const struct ofproto *p, uint8_t table_id)
{
    return (table_id < p->n_tables
            ? __atomic_load_n(&p->tables[table_id].miss_config,
                              __ATOMIC_RELAXED)
            : OFPUTIL_TABLE_MISS_DEFAULT);
}

/* Rules: lifetime. */

void
ofproto_cls_rule_init(struct cls_rule *cr, const struct match *match,
                      int priority)
{
    struct flow flow = match->flow;
    struct flow_wildcards wc = match->wc;
    if (wc.masks.packet_type == UINT32_MAX
        && flow.packet_type == htonl(PT_ETH)) {
        wc.masks.packet_type = 0;
        flow.packet_type = 0;
    }
    cls_rule_init(cr, &flow, &wc, priority);
}

struct rule *
rule_alloc(struct ofproto *p, uint8_t table_id)
{
    struct rule_box *box = xzalloc(sizeof *box);
    struct rule *rule = &box->rule;
    rule->ofproto = p;
    rule->table_id = table_id;
    rule->ref_count = 1;
    pthread_mutex_init(&rule->mutex, NULL);
    return rule;
}

struct rule_actions *
rule_actions_create(const struct ofpact *ofpacts, size_t ofpacts_len)
{
    struct rule_actions *a = xzalloc(sizeof *a + ofpacts_len);
    a->ofpacts_len = ofpacts_len;
    memcpy(a->ofpacts, ofpacts, ofpacts_len);
    a->meter_id = ofpacts_get_meter(ofpacts, ofpacts_len);
    a->has_meter = a->meter_id != 0;
    const struct ofpact *pos;
    OFPACT_FOR_EACH (pos, ofpacts, ofpacts_len) {
        if (pos->type == OFPACT_GROUP) {
            a->has_groups = true;
        } else {
            size_t nested_len;
            const struct ofpact *nested = ofpact_get_nested(pos,
                                                            &nested_len);
            const struct ofpact *n;
            if (nested) {
                OFPACT_FOR_EACH (n, nested, nested_len) {
                    if (n->type == OFPACT_GROUP) {
                        a->has_groups = true;
                    }
                }
            }
        }
    }
    return a;
}

static void
rule_free_cb(struct rcu_head *head)
{
    struct rule_box *box = CONTAINER_OF(head, struct rule_box, rcu);
    struct rule *rule = &box->rule;
    cls_rule_destroy(&rule->cr);
    free(rule->actions);
    pthread_mutex_destroy(&rule->mutex);
    free(box);
}

void
ofproto_rule_ref(struct rule *rule)
{
    if (rule) {
        __atomic_add_fetch(&rule->ref_count, 1, __ATOMIC_RELAXED);
    }
}

void
ofproto_rule_unref(struct rule *rule)
{
    if (rule && __atomic_sub_fetch(&rule->ref_count, 1,
                                   __ATOMIC_ACQ_REL) == 0) {
        struct rule_box *box = CONTAINER_OF(rule, struct rule_box, rule);
        urcu_bp_call_rcu(&box->rcu, rule_free_cb);
    }
}

void
ofproto_rule_credit_stats(struct rule *rule, uint64_t packets,
                          uint64_t bytes, long long int used)
{
    pthread_mutex_lock(&rule->mutex);
    rule->packet_count += packets;
    rule->byte_count += bytes;
    if (used > rule->used) {
        rule->used = used;
    }
    pthread_mutex_unlock(&rule->mutex);
}

void
rule_get_stats(struct rule *rule, uint64_t *packets, uint64_t *bytes,
               long long int *used)
{
    pthread_mutex_lock(&rule->mutex);
    *packets = rule->packet_count;
    *bytes = rule->byte_count;
    *used = rule->used;
    pthread_mutex_unlock(&rule->mutex);
}

/* Removes 'rule' from its table right away (no versions, no messages)
 * and drops the table's reference.  For destruction and flushing. */
void
rule_remove_from_table(struct ofproto *p, struct rule *rule)
{
    if (rule->in_expirable) {
        svs_list_remove(&rule->expirable_node);
        rule->in_expirable = false;
    }
    classifier_remove_assert(&p->tables[rule->table_id].cls, &rule->cr);
    p->tables[rule->table_id].n_flows--;
    rule->removed = true;
    ofproto_rule_unref(rule);
}

/* Rules: versioned changes.
 *
 * A transaction makes every change in version 'txn->version' (one past
 * the current one); ofproto_txn_commit() publishes that version and then
 * finishes each operation (drops replaced rules, sends flow-removed and
 * monitor updates); ofproto_txn_abort() undoes every operation instead. */

void
ofproto_txn_init(struct ofproto_txn *txn, struct ofproto *p,
                 struct ofconn *source, be32 xid)
{
    txn->ofproto = p;
    txn->version = ofproto_get_version(p) + 1;
    svs_list_init(&txn->ops);
    svs_list_init(&txn->group_ops);
    txn->source = source;
    txn->xid = xid;
    txn->n_changes = 0;
    txn->group_changes = 0;
    txn->internal = false;
}

static struct ofproto_op *
txn_add_op(struct ofproto_txn *txn, struct rule *new_rule,
           struct rule *old_rule, uint8_t reason)
{
    struct ofproto_op *op = xzalloc(sizeof *op);
    op->new_rule = new_rule;
    op->old_rule = old_rule;
    op->reason = reason;
    svs_list_push_back(&txn->ops, &op->node);
    txn->n_changes++;
    return op;
}

/* Inserts 'new_rule' (fully initialized) into its table in 'txn',
 * replacing 'old_rule' (may be NULL) which must be visible there. */
void
ofproto_txn_replace(struct ofproto_txn *txn, struct rule *new_rule,
                    struct rule *old_rule)
{
    struct classifier *cls = &txn->ofproto->tables[new_rule->table_id].cls;
    if (old_rule) {
        cls_rule_make_invisible_in_version(&old_rule->cr, txn->version);
    }
    /* A rule with "conjunction" actions is a soft match of the
     * classifier's conjunctive matching, clause numbers from 1. */
    const struct rule_actions *actions = rule_get_actions(new_rule);
    const struct ofpact *a;
    struct cls_conjunction *conj = NULL;
    size_t n_conj = 0;

    OFPACT_FOR_EACH_TYPE (a, CONJUNCTION, rule_actions_ofpacts(actions),
                          actions->ofpacts_len) {
        const struct ofpact_conjunction *c = ofpact_get_CONJUNCTION(a);

        conj = xrealloc(conj, (n_conj + 1) * sizeof *conj);
        conj[n_conj].id = c->id;
        conj[n_conj].clause = c->clause + 1;
        conj[n_conj].n_clauses = c->n_clauses;
        n_conj++;
    }
    classifier_insert(cls, &new_rule->cr, txn->version, conj, n_conj);
    free(conj);
    txn_add_op(txn, new_rule, old_rule, 0);
}

/* Deletes 'rule' in 'txn' for 'reason' (OFPRR_*). */
void
ofproto_txn_delete(struct ofproto_txn *txn, struct rule *rule,
                   uint8_t reason)
{
    cls_rule_make_invisible_in_version(&rule->cr, txn->version);
    txn_add_op(txn, NULL, rule, reason);
}

void
ofproto_txn_abort(struct ofproto_txn *txn)
{
    struct ofproto_op *op;
    LIST_FOR_EACH_REVERSE (op, node, &txn->ops) {
        if (op->new_rule) {
            classifier_remove_assert(
                &txn->ofproto->tables[op->new_rule->table_id].cls,
                &op->new_rule->cr);
            op->new_rule->removed = true;
            ofproto_rule_unref(op->new_rule);
        }
        if (op->old_rule) {
            cls_rule_restore_visibility(&op->old_rule->cr);
        }
    }
    LIST_FOR_EACH_POP (op, node, &txn->ops) {
        free(op);
    }
    group_txn_abort(txn);
}

static void
rule_send_flow_removed(struct ofproto *p, struct rule *rule,
                       uint8_t reason)
{
    struct ofputil_flow_removed fr;
    memset(&fr, 0, sizeof fr);
    struct flow flow;
    struct flow_wildcards wc;
    cls_rule_expand(&rule->cr, &flow, &wc);
    match_init(&fr.match, &flow, &wc);
    fr.priority = rule->cr.priority;
    fr.cookie = rule->flow_cookie;
    fr.reason = reason;
    fr.table_id = rule->table_id;
    long long int now = time_msec();
    long long int age = now - rule->created;
    fr.duration_sec = age / 1000;
    fr.duration_nsec = (age % 1000) * 1000000;
    fr.idle_timeout = rule->idle_timeout;
    fr.hard_timeout = rule->hard_timeout;
    long long int used;
    rule_get_stats(rule, &fr.packet_count, &fr.byte_count, &used);
    fr.idle_age = (now - used) / 1000;
    connmgr_send_flow_removed(p->connmgr, &fr);
}

static void
rule_update_expirable(struct ofproto *p, struct rule *rule)
{
    if ((rule->idle_timeout || rule->hard_timeout) && !rule->in_expirable) {
        svs_list_push_back(&p->expirable, &rule->expirable_node);
        rule->in_expirable = true;
        p->next_expiration = time_msec();
    }
}

/* Marks table 'table_id' in bitmap 'touched'. */
static void
table_mark(uint64_t touched[256 / 64], uint8_t table_id)
{
    touched[table_id / 64] |= UINT64_C(1) << (table_id % 64);
}

/* Publishes the classifiers of the tables marked in 'touched' (of every
 * table, if 'all'). */
static void
publish_tables(struct ofproto *p, const uint64_t touched[256 / 64],
               bool all)
{
    for (int i = 0; i < p->n_tables; i++) {
        if (all || touched[i / 64] & (UINT64_C(1) << (i % 64))) {
            classifier_publish(&p->tables[i].cls);
        }
    }
}

void
ofproto_txn_commit(struct ofproto_txn *txn)
{
    struct ofproto *p = txn->ofproto;
    if (!txn->n_changes && !txn->group_changes) {
        return;
    }

    /* Publish the tables that the rule operations changed (every table
     * if groups changed too, to be safe: a flow-mod touches one table,
     * and publishing all of them costs more than the change itself). */
    uint64_t touched[256 / 64] = { 0, 0, 0, 0 };
    const struct ofproto_op *top;
    LIST_FOR_EACH (top, node, &txn->ops) {
        if (top->new_rule) {
            table_mark(touched, top->new_rule->table_id);
        }
        if (top->old_rule) {
            table_mark(touched, top->old_rule->table_id);
        }
    }
    publish_tables(p, touched, txn->group_changes != 0);
    __atomic_store_n(&p->tables_version, txn->version, __ATOMIC_RELEASE);

    /* Finish. */
    size_t n_dead = 0;
    struct dead_rules *dead = xmalloc(sizeof *dead
                                      + txn->n_changes * sizeof *dead->rules);
    struct ofproto_op *op;
    LIST_FOR_EACH_POP (op, node, &txn->ops) {
        struct rule *new = op->new_rule, *old = op->old_rule;
        if (new) {
            p->tables[new->table_id].n_flows++;
            rule_update_expirable(p, new);
            connmgr_report_flow_change(p->connmgr, new,
                                       (old ? CONNMGR_FLOW_MODIFIED
                                        : CONNMGR_FLOW_ADDED),
                                       0, txn->source, txn->xid);
        }
        if (old) {
            if (!new) {
                if (old->flags & OFPUTIL_FF_SEND_FLOW_REM
                    && op->reason != OFPRR_NONE_INTERNAL) {
                    rule_send_flow_removed(p, old, op->reason);
                }
                connmgr_report_flow_change(p->connmgr, old,
                                           CONNMGR_FLOW_DELETED,
                                           op->reason, txn->source,
                                           txn->xid);
            }
            if (old->in_expirable) {
                svs_list_remove(&old->expirable_node);
                old->in_expirable = false;
            }
            dead->rules[n_dead++] = old;
        }
        free(op);
    }
    if (n_dead) {
        dead->n = n_dead;
        dead->ready = false;
        dead->latch = p->pin_latch;
        svs_list_push_back(&p->dead, &dead->node);
        urcu_bp_call_rcu(&dead->rcu, dead_rules_ready_cb);
    } else {
        free(dead);
    }
    group_txn_commit(txn);
    connmgr_flush_flow_changes(p->connmgr);
    ofproto_bump_tables_seq(p);
}

/* Called by liburcu after a grace period: any reader that could still
 * see the rules of a batch has finished. */
static void
dead_rules_ready_cb(struct rcu_head *head)
{
    struct dead_rules *dead = CONTAINER_OF(head, struct dead_rules, rcu);
    struct latch *latch = dead->latch;
    __atomic_store_n(&dead->ready, true, __ATOMIC_RELEASE);
    latch_set(latch);
}

/* Removes the rules of every batch whose grace period is over (of every
 * batch, after waiting for them, if 'wait'). */
static void
dead_rules_run(struct ofproto *p, bool wait)
{
    if (wait && !svs_list_is_empty(&p->dead)) {
        urcu_bp_barrier();
    }
    struct dead_rules *dead, *next;
    LIST_FOR_EACH_SAFE (dead, next, node, &p->dead) {
        if (!__atomic_load_n(&dead->ready, __ATOMIC_ACQUIRE)) {
            continue;
        }
        svs_list_remove(&dead->node);
        uint64_t touched[256 / 64] = { 0, 0, 0, 0 };
        for (size_t i = 0; i < dead->n; i++) {
            table_mark(touched, dead->rules[i]->table_id);
            rule_remove_from_table(p, dead->rules[i]);
        }
        /* Frees what the removals left for after a grace period. */
        publish_tables(p, touched, false);
        free(dead);
    }
}

/* Rules: timeouts. */

/* Returns the time_msec() at which 'rule' expires, and its reason in
 * '*reason'. */
static long long int
rule_expiration(struct rule *rule, uint8_t *reason)
{
    long long int when = LLONG_MAX;
    if (rule->hard_timeout) {
        when = rule->modified + rule->hard_timeout * 1000LL;
        *reason = OFPRR_HARD_TIMEOUT;
    }
    if (rule->idle_timeout) {
        long long int used;
        uint64_t packets, bytes;
        rule_get_stats(rule, &packets, &bytes, &used);
        long long int idle = used + rule->idle_timeout * 1000LL;
        if (idle < when) {
            when = idle;
            *reason = OFPRR_IDLE_TIMEOUT;
        }
    }
    return when;
}

void
ofproto_expire(struct ofproto *p)
{
    long long int now = time_msec();
    if (svs_list_is_empty(&p->expirable) || now < p->next_expiration) {
        return;
    }
    struct ofproto_txn txn;
    ofproto_txn_init(&txn, p, NULL, 0);
    long long int next = LLONG_MAX;
    struct rule *rule, *next_rule;
    LIST_FOR_EACH_SAFE (rule, next_rule, expirable_node, &p->expirable) {
        uint8_t reason = 0;
        long long int when = rule_expiration(rule, &reason);
        if (when <= now) {
            svs_list_remove(&rule->expirable_node);
            rule->in_expirable = false;
            ofproto_txn_delete(&txn, rule, reason);
        } else if (when < next) {
            next = when;
        }
    }
    ofproto_txn_commit(&txn);
    p->next_expiration = next;
}

/* Flushing. */

void
ofproto_flush_flows(struct ofproto *p)
{
    for (int i = 0; i < p->n_tables; i++) {
        if (p->tables[i].hidden) {
            continue;
        }
        struct rule *rule;
        CLS_FOR_EACH (rule, cr, &p->tables[i].cls) {
            rule_remove_from_table(p, rule);
        }
        classifier_publish(&p->tables[i].cls);
    }
    ofproto_bump_tables_seq(p);
    connmgr_flows_flushed(p->connmgr);
    if (p->fail_mode == OFPROTO_FAIL_STANDALONE
        && !connmgr_has_controllers(p->connmgr)) {
        ofproto_add_normal_flow(p);
    }
}

void
ofproto_add_normal_flow(struct ofproto *p)
{
    struct flow_wildcards catchall;
    struct flow flow;
    memset(&flow, 0, sizeof flow);
    flow_wildcards_init_catchall(&catchall);
    if (classifier_find_match_exactly(&p->tables[0].cls, &flow, &catchall,
                                      0, ofproto_get_version(p))) {
        return;
    }

    ofproto_add_catchall_normal_flow(p, 0);
}

void
ofproto_add_catchall_normal_flow(struct ofproto *p, int priority)
{
    uint64_t stub[64 / 8];
    struct ofpbuf ofpacts;
    ofpbuf_use_stub(&ofpacts, stub, sizeof stub);
    struct ofpact_output *out = ofpact_put_OUTPUT(&ofpacts);
    out->port = OFPP_NORMAL;
    out->max_len = 0;
    struct match match;
    match_init_catchall(&match);
    ofproto_add_flow(p, 0, &match, priority, ofpacts.data, ofpacts.size);
    ofpbuf_uninit(&ofpacts);
}

/* Applies 'fm' as a change by the switch itself. */
static enum ofperr
ofproto_internal_flow_mod(struct ofproto *p, const struct ofputil_flow_mod *fm)
{
    struct ofproto_txn txn;
    ofproto_txn_init(&txn, p, NULL, 0);
    txn.internal = true;
    enum ofperr error = ofproto_flow_mod_start(&txn, fm);
    if (error) {
        ofproto_txn_abort(&txn);
    } else {
        ofproto_txn_commit(&txn);
    }
    return error;
}

enum ofperr
ofproto_add_flow(struct ofproto *p, uint8_t table_id,
                 const struct match *match, int priority,
                 const struct ofpact *ofpacts, size_t ofpacts_len)
{
    if (table_id >= p->n_tables) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    struct ofputil_flow_mod fm;
    ofputil_flow_mod_init(&fm);
    fm.match = *match;
    fm.priority = priority;
    fm.table_id = table_id;
    fm.new_cookie = 0;
    fm.command = OFPFC_ADD;
    fm.ofpacts = ofpacts;
    fm.ofpacts_len = ofpacts_len;
    return ofproto_internal_flow_mod(p, &fm);
}

enum ofperr
ofproto_delete_flow(struct ofproto *p, uint8_t table_id,
                    const struct match *match, int priority)
{
    if (table_id >= p->n_tables) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    struct ofputil_flow_mod fm;
    ofputil_flow_mod_init(&fm);
    fm.match = *match;
    fm.priority = priority;
    fm.table_id = table_id;
    fm.command = OFPFC_DELETE_STRICT;
    fm.cookie_mask = 0;
    fm.out_port = OFPP_NONE;
    fm.out_group = OFPG_ANY;
    return ofproto_internal_flow_mod(p, &fm);
}

/* Packet-ins. */

void
ofproto_send_packet_in(struct ofproto *p,
                       const struct ofputil_packet_in *pin,
                       uint16_t max_len, uint16_t controller_id)
{
    struct ofproto_pin *q = xmalloc(sizeof *q + pin->packet_len
                                    + pin->userdata_len);
    q->pin = *pin;
    memcpy(q->data, pin->packet, pin->packet_len);
    q->pin.packet = q->data;
    if (pin->userdata_len) {
        memcpy(q->data + pin->packet_len, pin->userdata, pin->userdata_len);
        q->pin.userdata = q->data + pin->packet_len;
    }
    q->pin.continuation = NULL;
    q->pin.continuation_len = 0;
    q->max_len = max_len;
    q->controller_id = controller_id;
    pthread_mutex_lock(&p->pin_mutex);
    svs_list_push_back(&p->pins, &q->node);
    pthread_mutex_unlock(&p->pin_mutex);
    latch_set(p->pin_latch);
}

/* Memory and dumps. */

void
ofproto_get_memory_usage(const struct ofproto *p, struct smap *usage)
{
    size_t n_rules = 0;
    for (int i = 0; i < p->n_tables; i++) {
        n_rules += classifier_count(&p->tables[i].cls);
    }
    smap_add_format(usage, "rules", "%zu", n_rules);
    connmgr_get_memory_usage(p->connmgr, usage);
    if (p->ofproto_class->get_memory_usage) {
        p->ofproto_class->get_memory_usage(p, usage);
    }
}

void
ofproto_dump_flows(const struct ofproto *p, struct ds *ds)
{
    cls_version_t version = ofproto_get_version(p);
    long long int now = time_msec();
    for (int i = 0; i < p->n_tables; i++) {
        struct rule *rule;
        CLS_FOR_EACH_TARGET (rule, cr, &p->tables[i].cls, NULL, version) {
            uint64_t packets, bytes;
            long long int used;
            rule_get_stats(rule, &packets, &bytes, &used);
            if (rule->table_id) {
                ds_put_format(ds, "table_id=%d, ", rule->table_id);
            }
            ds_put_format(ds, "duration=%llds, n_packets=%"PRIu64", "
                          "n_bytes=%"PRIu64", ",
                          (now - rule->created) / 1000, packets, bytes);
            struct match match;
            struct flow flow;
            struct flow_wildcards wc;
            cls_rule_expand(&rule->cr, &flow, &wc);
            match_init(&match, &flow, &wc);
            match_format(&match, ds, rule->cr.priority);
            ds_put_cstr(ds, ",actions=");
            const struct rule_actions *actions = rule_get_actions(rule);
            ofpacts_format(rule_actions_ofpacts(actions),
                           actions->ofpacts_len, ds);
            ds_put_char(ds, '\n');
        }
    }
}

/* unixctl commands. */

static void
ofproto_unixctl_list(struct unixctl_conn *conn, int argc SVS_UNUSED,
                     const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct ofproto *p;
    struct svec names;
    svec_init(&names);
    HMAP_FOR_EACH (p, hmap_node, &all_ofprotos) {
        svec_add(&names, p->name);
    }
    svec_sort(&names);
    for (size_t i = 0; i < names.n; i++) {
        ds_put_format(&ds, "%s\n", names.names[i]);
    }
    svec_destroy(&names);
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
ofproto_unixctl_dump_flows(struct unixctl_conn *conn, int argc SVS_UNUSED,
                           const char *argv[], void *aux SVS_UNUSED)
{
    struct ofproto *p = ofproto_lookup(argv[1]);
    if (!p) {
        unixctl_command_reply_error(conn, "Unknown bridge");
        return;
    }
    struct ds ds = DS_EMPTY_INITIALIZER;
    ofproto_dump_flows(p, &ds);
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
ofproto_unixctl_conns(struct unixctl_conn *conn, int argc SVS_UNUSED,
                      const char *argv[], void *aux SVS_UNUSED)
{
    struct ofproto *p = ofproto_lookup(argv[1]);
    if (!p) {
        unixctl_command_reply_error(conn, "Unknown bridge");
        return;
    }
    struct ds ds = DS_EMPTY_INITIALIZER;
    connmgr_format_conns(p->connmgr, &ds);
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
ofproto_unixctl_init(void)
{
    unixctl_command_register("ofproto/list", "", 0, 0,
                             ofproto_unixctl_list, NULL);
    unixctl_command_register("bridge/dump-flows", "bridge", 1, 1,
                             ofproto_unixctl_dump_flows, NULL);
    unixctl_command_register("ofproto/list-connections", "bridge", 1, 1,
                             ofproto_unixctl_conns, NULL);
}
