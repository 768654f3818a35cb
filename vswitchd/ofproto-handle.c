/* ofproto-handle.c: OpenFlow message handling of an ofproto, with Open
 * vSwitch's semantics and errors: switch features and configuration,
 * flow-mods, statistics, ports, packet-out, tables and bundles.  Groups
 * and meters are in ofproto-group.c. */
#include <config.h>
#include "ofproto-provider.h"

#include <errno.h>
#include <limits.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "connmgr.h"
#include "dynamic-string.h"
#include "hash.h"
#include "meta-flow.h"
#include "ofp-actions.h"
#include "ofp-bundle.h"
#include "ofp-flow.h"
#include "ofp-msgs.h"
#include "ofp-packet.h"
#include "ofp-port.h"
#include "ofp-queue.h"
#include "ofp-switch.h"
#include "ofp-table-features.h"
#include "ofp-table.h"
#include "ofpbuf.h"
#include "ofproto-private.h"
#include "timeval.h"
#include "util.h"

/* An all-ones 64-bit big-endian value ("no cookie"). */
#define SVS_BE64_MAX ((be64) UINT64_MAX)
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofproto_handle);

/* A bundle of one connection. */
struct ofp_bundle {
    struct hmap_node hmap_node;     /* In the ofconn's bundles. */
    uint32_t id;
    uint16_t flags;
    bool closed;
    struct svs_list msgs;           /* "struct ofpbuf"s: the bundle-add
                                     * messages, each with its message. */
};

static enum ofperr
reject_secondary(const struct ofconn *ofconn)
{
    return (ofconn_get_role(ofconn) == OFPCR12_ROLE_SLAVE
            ? OFPERR_OFPBRC_IS_SECONDARY : 0);
}

/* Converts a time difference in msec to seconds and nanoseconds. */
static void
msec_to_duration(long long int msec, uint32_t *sec, uint32_t *nsec)
{
    if (msec < 0) {
        msec = 0;
    }
    *sec = msec / 1000;
    *nsec = (msec % 1000) * 1000000;
}

/* Features, configuration, description. */

static enum ofperr
handle_features_request(struct ofproto *p, struct ofconn *ofconn,
                        const struct ofp_header *oh)
{
    struct ofputil_switch_features features = {
        .datapath_id = p->datapath_id,
        .n_buffers = 0,
        .n_tables = OFPROTO_N_VISIBLE_TABLES,
        .capabilities = (OFPUTIL_C_FLOW_STATS | OFPUTIL_C_TABLE_STATS
                         | OFPUTIL_C_PORT_STATS | OFPUTIL_C_QUEUE_STATS
                         | OFPUTIL_C_GROUP_STATS | OFPUTIL_C_BUNDLES
                         | OFPUTIL_C_ARP_MATCH_IP),
        .ofpacts = 0xfff,
    };
    struct ofpbuf *b = ofputil_encode_switch_features(&features, oh->version,
                                                      oh->xid);
    if (ofputil_switch_features_has_ports(b->data)) {
        /* In port number order, as ovs-ofctl shows them anyway. */
        size_t n = hmap_count(&p->ports), i = 0;
        const struct ofport **ports = xmalloc(n * sizeof *ports);
        const struct ofport *port;
        HMAP_FOR_EACH (port, hmap_node, &p->ports) {
            ports[i++] = port;
        }
        for (i = 0; i < n; i++) {
            ofputil_put_switch_features_port(&ports[i]->pp, b);
        }
        free(ports);
    }
    ofpmsg_update_length(b);
    ofconn_send_reply(ofconn, b);
    return 0;
}

static enum ofperr
handle_get_config_request(struct ofproto *p, struct ofconn *ofconn,
                          const struct ofp_header *oh)
{
    struct ofputil_switch_config config = {
        .frag = p->frag_handling,
        .invalid_ttl_to_controller
            = (oh->version < OFP13_VERSION
               ? ofconn_get_invalid_ttl_to_controller(ofconn) : -1),
        .miss_send_len = ofconn_get_miss_send_len(ofconn),
    };
    ofconn_send_reply(ofconn, ofputil_encode_get_config_reply(oh, &config));
    return 0;
}

static enum ofperr
handle_set_config(struct ofproto *p, struct ofconn *ofconn,
                  const struct ofp_header *oh)
{
    struct ofputil_switch_config config;
    enum ofperr error = ofputil_decode_set_config(oh, &config);
    if (error) {
        return error;
    }
    if (ofconn_get_type(ofconn) != OFCONN_PRIMARY
        || ofconn_get_role(ofconn) != OFPCR12_ROLE_SLAVE) {
        if (config.frag != OFPUTIL_FRAG_REASM) {
            p->frag_handling = config.frag;
        } else {
            VLOG_WARN("%s: unsupported fragment handling mode reassemble",
                      p->name);
        }
    }
    if (config.invalid_ttl_to_controller >= 0) {
        ofconn_set_invalid_ttl_to_controller(ofconn,
                                             config.invalid_ttl_to_controller);
    }
    ofconn_set_miss_send_len(ofconn, config.miss_send_len);
    return 0;
}

static void
copy_desc(char *dst, const char *src, size_t size)
{
    memset(dst, 0, size);
    strncpy(dst, src, size - 1);
}

static enum ofperr
handle_desc_stats_request(struct ofproto *p, struct ofconn *ofconn,
                          const struct ofp_header *oh)
{
    struct ofputil_switch_desc desc;
    copy_desc(desc.mfr_desc, p->mfr_desc, sizeof desc.mfr_desc);
    copy_desc(desc.hw_desc, p->hw_desc, sizeof desc.hw_desc);
    copy_desc(desc.sw_desc, p->sw_desc, sizeof desc.sw_desc);
    copy_desc(desc.serial_num, p->serial_desc, sizeof desc.serial_num);
    copy_desc(desc.dp_desc, p->dp_desc, sizeof desc.dp_desc);
    ofconn_send_reply(ofconn, ofputil_encode_switch_desc(&desc, oh));
    return 0;
}

/* Flow-mods. */

/* Checks that the groups and meters 'ofpacts' refers to exist. */
static enum ofperr
check_ofpacts_refs(const struct ofproto *p, const struct ofpact *ofpacts,
                   size_t ofpacts_len, cls_version_t version)
{
    const struct ofpact *a;
    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        if (a->type == OFPACT_GROUP) {
            const struct ofpact_group *g = ofpact_get_GROUP(a);
            if (!group_find_in_version(p, g->group_id, version)) {
                return OFPERR_OFPBAC_BAD_OUT_GROUP;
            }
        } else if (a->type == OFPACT_METER) {
            uint32_t id = ofpact_get_METER(a)->meter_id;
            const struct ofmeter *m;
            bool found = false;
            HMAP_FOR_EACH_WITH_HASH (m, hmap_node, hash_int(id, 0),
                                     &p->meters) {
                found |= m->meter_id == id;
            }
            if (!found) {
                return OFPERR_OFPMMFC_INVALID_METER;
            }
        } else {
            size_t nested_len;
            const struct ofpact *nested = ofpact_get_nested(a, &nested_len);
            if (nested) {
                enum ofperr error = check_ofpacts_refs(p, nested, nested_len,
                                                       version);
                if (error) {
                    return error;
                }
            }
        }
    }
    return 0;
}

static bool
rule_matches_filters(const struct rule *rule, const struct rule_actions *a,
                     be64 cookie, be64 cookie_mask, ofp_port_t out_port,
                     uint32_t out_group)
{
    if ((rule->flow_cookie & cookie_mask) != (cookie & cookie_mask)) {
        return false;
    }
    if (out_port != OFPP_NONE
        && !ofpacts_output_to_port(rule_actions_ofpacts(a), a->ofpacts_len,
                                   out_port)) {
        return false;
    }
    if (out_group != OFPG_ANY
        && !ofpacts_output_to_group(rule_actions_ofpacts(a), a->ofpacts_len,
                                    out_group)) {
        return false;
    }
    return true;
}

/* A growable array of rules. */
struct rule_collection {
    struct rule **rules;
    size_t n, allocated;
};

static void
rule_collection_add(struct rule_collection *c, struct rule *rule)
{
    if (c->n >= c->allocated) {
        c->rules = x2nrealloc(c->rules, &c->allocated, sizeof *c->rules);
    }
    c->rules[c->n++] = rule;
}

/* Collects into 'c' the rules visible in 'version' of table 'table_id'
 * (OFPTT_ALL: every visible table) that match 'match' (loosely, or
 * exactly with 'priority' if 'strict') and the cookie and output
 * filters. */
static void
collect_rules(const struct ofproto *p, uint8_t table_id,
              const struct match *match, int priority, bool strict,
              be64 cookie, be64 cookie_mask, ofp_port_t out_port,
              uint32_t out_group, cls_version_t version,
              struct rule_collection *c)
{
    struct cls_rule criteria;
    ofproto_cls_rule_init(&criteria, match, priority);
    for (int t = 0; t < p->n_tables; t++) {
        const struct oftable *table = &p->tables[t];
        if (table_id == OFPTT_ALL ? table->hidden : table_id != t) {
            continue;
        }
        if (strict) {
            struct rule *rule = rule_from_cls_rule(
                classifier_find_rule_exactly(&table->cls, &criteria,
                                             version));
            if (rule && rule_matches_filters(rule, rule_get_actions(rule),
                                             cookie, cookie_mask, out_port,
                                             out_group)) {
                rule_collection_add(c, rule);
            }
        } else {
            struct rule *rule;
            CLS_FOR_EACH_TARGET (rule, cr, &table->cls, &criteria,
                                 version) {
                if (rule->cr.priority <= OFPROTO_MAX_VISIBLE_PRIORITY
                    && rule_matches_filters(rule, rule_get_actions(rule),
                                            cookie, cookie_mask, out_port,
                                            out_group)) {
                    rule_collection_add(c, rule);
                }
            }
        }
    }
    cls_rule_destroy(&criteria);
}

/* Number of flows of 'table' visible in 'version'. */
static uint32_t
table_count_flows(const struct oftable *table, cls_version_t version)
{
    uint32_t n = 0;
    const struct rule *rule;
    CLS_FOR_EACH_TARGET (rule, cr, &table->cls, NULL, version) {
        n++;
    }
    return n;
}

/* The time_msec() at which 'rule' would expire. */
static long long int
rule_expires(struct rule *rule)
{
    long long int when = LLONG_MAX;
    if (rule->hard_timeout) {
        when = rule->modified + rule->hard_timeout * 1000LL;
    }
    if (rule->idle_timeout) {
        uint64_t packets, bytes;
        long long int used;
        rule_get_stats(rule, &packets, &bytes, &used);
        when = MIN(when, used + rule->idle_timeout * 1000LL);
    }
    return when;
}

/* Chooses the flow of 'table' to evict in 'version': of those with a
 * timeout, the least important, then the first to expire.  NULL if none
 * has a timeout. */
static struct rule *
choose_rule_to_evict(const struct oftable *table, cls_version_t version)
{
    struct rule *best = NULL;
    long long int best_when = 0;
    struct rule *rule;
    CLS_FOR_EACH_TARGET (rule, cr, &table->cls, NULL, version) {
        if (!rule->idle_timeout && !rule->hard_timeout) {
            continue;
        }
        long long int when = rule_expires(rule);
        if (!best || rule->importance < best->importance
            || (rule->importance == best->importance && when < best_when)) {
            best = rule;
            best_when = when;
        }
    }
    return best;
}

static enum ofperr
add_flow(struct ofproto_txn *txn, const struct ofputil_flow_mod *fm)
{
    struct ofproto *p = txn->ofproto;
    uint8_t table_id = fm->table_id == OFPTT_ALL ? 0 : fm->table_id;
    if (table_id >= p->n_tables) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    struct oftable *table = &p->tables[table_id];
    if (table->readonly && !txn->internal) {
        return OFPERR_OFPBRC_EPERM;
    }

    struct rule *rule = rule_alloc(p, table_id);
    ofproto_cls_rule_init(&rule->cr, &fm->match, fm->priority);
    if (fm->flags & OFPUTIL_FF_CHECK_OVERLAP
        && classifier_rule_overlaps(&table->cls, &rule->cr, txn->version)) {
        ofproto_rule_unref(rule);
        return OFPERR_OFPFMFC_OVERLAP;
    }
    struct rule *old = rule_from_cls_rule(
        classifier_find_rule_exactly(&table->cls, &rule->cr, txn->version));
    if (!old && table->max_flows != UINT32_MAX
        && table_count_flows(table, txn->version) >= table->max_flows) {
        struct rule *victim = (table->evict
                               || table->eviction == OFPUTIL_TABLE_EVICTION_ON
                               ? choose_rule_to_evict(table, txn->version)
                               : NULL);
        if (!victim) {
            ofproto_rule_unref(rule);
            return OFPERR_OFPFMFC_TABLE_FULL;
        }
        ofproto_txn_delete(txn, victim, OFPRR_EVICTION);
    }

    long long int now = time_msec();
    /* A flow that replaces another one takes the new cookie, in every
     * OpenFlow version (modify_cookie concerns the flows a modify
     * changes, not an add), unless that is all-ones ("none"): then it
     * keeps the old one.  A new flow takes it as it is. */
    rule->flow_cookie = (old && fm->new_cookie == SVS_BE64_MAX
                         ? old->flow_cookie : fm->new_cookie);
    rule->idle_timeout = fm->idle_timeout;
    rule->hard_timeout = fm->hard_timeout;
    rule->importance = fm->importance;
    rule->flags = fm->flags & (OFPUTIL_FF_SEND_FLOW_REM
                               | OFPUTIL_FF_RESET_COUNTS
                               | OFPUTIL_FF_NO_PKT_COUNTS
                               | OFPUTIL_FF_NO_BYT_COUNTS);
    rule->created = rule->modified = rule->used = now;
    if (old && !(fm->flags & OFPUTIL_FF_RESET_COUNTS)) {
        long long int used;
        rule_get_stats(old, &rule->packet_count, &rule->byte_count, &used);
    }
    rule->actions = rule_actions_create(fm->ofpacts, fm->ofpacts_len);
    ofproto_txn_replace(txn, rule, old);
    return 0;
}

/* Replaces 'old' by a rule with 'fm''s actions in 'txn'. */
static void
modify_rule(struct ofproto_txn *txn, const struct ofputil_flow_mod *fm,
            struct rule *old)
{
    struct rule *rule = rule_alloc(txn->ofproto, old->table_id);
    cls_rule_clone(&rule->cr, &old->cr);
    rule->flow_cookie = (fm->modify_cookie && fm->new_cookie != SVS_BE64_MAX
                         ? fm->new_cookie : old->flow_cookie);
    rule->idle_timeout = old->idle_timeout;
    rule->hard_timeout = old->hard_timeout;
    rule->importance = old->importance;
    rule->flags = old->flags;
    rule->created = old->created;
    rule->modified = time_msec();
    long long int used;
    uint64_t packets, bytes;
    rule_get_stats(old, &packets, &bytes, &used);
    rule->used = used;
    if (!(fm->flags & OFPUTIL_FF_RESET_COUNTS)) {
        rule->packet_count = packets;
        rule->byte_count = bytes;
    }
    rule->actions = rule_actions_create(fm->ofpacts, fm->ofpacts_len);
    ofproto_txn_replace(txn, rule, old);
}

static enum ofperr
modify_flows(struct ofproto_txn *txn, const struct ofputil_flow_mod *fm,
             bool strict)
{
    struct ofproto *p = txn->ofproto;
    if (fm->table_id != OFPTT_ALL && fm->table_id >= p->n_tables) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    if (fm->table_id != OFPTT_ALL && p->tables[fm->table_id].readonly
        && !txn->internal) {
        return OFPERR_OFPBRC_EPERM;
    }
    struct rule_collection c = { NULL, 0, 0 };
    collect_rules(p, fm->table_id, &fm->match, fm->priority, strict,
                  fm->cookie, fm->cookie_mask, OFPP_NONE, OFPG_ANY,
                  txn->version, &c);
    enum ofperr error = 0;
    if (c.n) {
        for (size_t i = 0; i < c.n; i++) {
            modify_rule(txn, fm, c.rules[i]);
        }
    } else if (!fm->cookie_mask && fm->new_cookie != SVS_BE64_MAX) {
        /* No match: add a new flow. */
        error = add_flow(txn, fm);
    }
    free(c.rules);
    return error;
}

static enum ofperr
delete_flows(struct ofproto_txn *txn, const struct ofputil_flow_mod *fm,
             bool strict)
{
    struct ofproto *p = txn->ofproto;
    if (fm->table_id != OFPTT_ALL && fm->table_id >= p->n_tables) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    if (fm->table_id != OFPTT_ALL && p->tables[fm->table_id].readonly
        && !txn->internal) {
        return OFPERR_OFPBRC_EPERM;
    }
    struct rule_collection c = { NULL, 0, 0 };
    collect_rules(p, fm->table_id, &fm->match, fm->priority, strict,
                  fm->cookie, fm->cookie_mask, fm->out_port, fm->out_group,
                  txn->version, &c);
    for (size_t i = 0; i < c.n; i++) {
        ofproto_txn_delete(txn, c.rules[i], OFPRR_DELETE);
    }
    free(c.rules);
    return 0;
}

/* Checks what of flow-mod 'fm' does not depend on the flows, groups and
 * meters of 'p': that an add or modify names a table that exists and that
 * a controller may change, and that its goto_table instructions go forward
 * within the tables.  A bundle checks its flow-mods this way when they are
 * added to it, as ovs-vswitchd does; the rest is checked at commit.
 * 'internal' allows the read-only tables. */
static enum ofperr
flow_mod_check(const struct ofproto *p, const struct ofputil_flow_mod *fm,
               bool internal)
{
    if (fm->command != OFPFC_ADD && fm->command != OFPFC_MODIFY
        && fm->command != OFPFC_MODIFY_STRICT) {
        return 0;
    }
    uint8_t cur = fm->table_id == OFPTT_ALL ? 0 : fm->table_id;
    if (fm->table_id != OFPTT_ALL || fm->command == OFPFC_ADD) {
        if (cur >= p->n_tables) {
            return OFPERR_OFPBRC_BAD_TABLE_ID;
        }
        if (p->tables[cur].readonly && !internal) {
            return OFPERR_OFPBRC_EPERM;
        }
    }
    /* goto_table must go forward and stay within the tables. */
    const struct ofpact *a;
    OFPACT_FOR_EACH (a, fm->ofpacts, fm->ofpacts_len) {
        if (a->type == OFPACT_GOTO_TABLE) {
            uint8_t next = ofpact_get_GOTO_TABLE(a)->table_id;
            if (next <= cur || next >= p->n_tables) {
                return OFPERR_OFPBIC_BAD_TABLE_ID;
            }
        }
    }
    return 0;
}

enum ofperr
ofproto_flow_mod_start(struct ofproto_txn *txn,
                       const struct ofputil_flow_mod *fm)
{
    struct ofproto *p = txn->ofproto;
    if (fm->command == OFPFC_ADD || fm->command == OFPFC_MODIFY
        || fm->command == OFPFC_MODIFY_STRICT) {
        enum ofperr error = check_ofpacts_refs(p, fm->ofpacts,
                                               fm->ofpacts_len,
                                               txn->version);
        if (!error) {
            error = flow_mod_check(p, fm, txn->internal);
        }
        if (error) {
            return error;
        }
    }
    switch (fm->command) {
    case OFPFC_ADD:
        return add_flow(txn, fm);
    case OFPFC_MODIFY:
        return modify_flows(txn, fm, false);
    case OFPFC_MODIFY_STRICT:
        return modify_flows(txn, fm, true);
    case OFPFC_DELETE:
        return delete_flows(txn, fm, false);
    case OFPFC_DELETE_STRICT:
        return delete_flows(txn, fm, true);
    default:
        return OFPERR_OFPFMFC_BAD_COMMAND;
    }
}

static enum ofperr
handle_flow_mod(struct ofproto *p, struct ofconn *ofconn,
                const struct ofp_header *oh)
{
    enum ofperr error = reject_secondary(ofconn);
    if (error) {
        return error;
    }
    /* The decoder wants room for 8 times the message plus 4 kB: with a
     * stub that large, a typical flow-mod needs no heap allocation. */
    uint64_t stub[8192 / 8];
    struct ofpbuf ofpacts;
    ofpbuf_use_stub(&ofpacts, stub, sizeof stub);
    struct ofputil_flow_mod fm;
    error = ofputil_decode_flow_mod(&fm, oh, ofconn_get_protocol(ofconn),
                                    &ofpacts);
    if (!error && fm.buffer_id != UINT32_MAX) {
        /* The switch buffers no packets (packet-ins carry no buffer id), so
         * any buffer id is unknown; the flow-mod is not applied either. */
        error = OFPERR_OFPBRC_BUFFER_UNKNOWN;
    }
    if (!error) {
        struct ofproto_txn txn;
        ofproto_txn_init(&txn, p, ofconn, oh->xid);
        error = ofproto_flow_mod_start(&txn, &fm);
        if (error) {
            ofproto_txn_abort(&txn);
        } else {
            ofproto_txn_commit(&txn);
        }
    }
    ofpbuf_uninit(&ofpacts);
    return error;
}

/* Flow statistics. */

static void
rule_to_flow_stats(const struct rule *rule, long long int now,
                   struct ofputil_flow_stats *fs)
{
    memset(fs, 0, sizeof *fs);
    struct flow flow;
    struct flow_wildcards wc;
    cls_rule_expand(&rule->cr, &flow, &wc);
    match_init(&fs->match, &flow, &wc);
    fs->priority = rule->cr.priority;
    fs->cookie = rule->flow_cookie;
    fs->table_id = rule->table_id;
    msec_to_duration(now - rule->created, &fs->duration_sec,
                     &fs->duration_nsec);
    fs->idle_timeout = rule->idle_timeout;
    fs->hard_timeout = rule->hard_timeout;
    long long int used;
    rule_get_stats(CONST_CAST(struct rule *, rule), &fs->packet_count,
                   &fs->byte_count, &used);
    fs->idle_age = MAX(now - used, 0) / 1000;
    fs->hard_age = MAX(now - rule->modified, 0) / 1000;
    fs->flags = rule->flags;
    fs->importance = rule->importance;
    const struct rule_actions *a = rule_get_actions(rule);
    fs->ofpacts = rule_actions_ofpacts(a);
    fs->ofpacts_len = a->ofpacts_len;
}

static enum ofperr
handle_flow_stats_request(struct ofproto *p, struct ofconn *ofconn,
                          const struct ofp_header *oh)
{
    struct ofputil_flow_stats_request fsr;
    enum ofperr error = ofputil_decode_flow_stats_request(&fsr, oh);
    if (error) {
        return error;
    }
    if (fsr.table_id != OFPTT_ALL && fsr.table_id >= p->n_tables) {
        return OFPERR_OFPBRC_BAD_TABLE_ID;
    }
    struct rule_collection c = { NULL, 0, 0 };
    collect_rules(p, fsr.table_id, &fsr.match, 0, false, fsr.cookie,
                  fsr.cookie_mask, fsr.out_port, fsr.out_group,
                  ofproto_get_version(p), &c);

    long long int now = time_msec();
    if (fsr.aggregate) {
        struct ofputil_aggregate_stats stats = { 0, 0, 0 };
        for (size_t i = 0; i < c.n; i++) {
            uint64_t packets, bytes;
            long long int used;
            rule_get_stats(c.rules[i], &packets, &bytes, &used);
            stats.packet_count += packets;
            stats.byte_count += bytes;
            stats.flow_count++;
        }
        ofconn_send_reply(ofconn,
                          ofputil_encode_aggregate_stats_reply(&stats, oh));
    } else {
        struct svs_list replies;
        ofpmp_init(&replies, oh);
        for (size_t i = 0; i < c.n; i++) {
            struct ofputil_flow_stats fs;
            rule_to_flow_stats(c.rules[i], now, &fs);
            ofputil_append_flow_stats_reply(&fs, &replies,
                                            ofconn_get_protocol(ofconn));
            if (svs_list_front(&replies) != svs_list_back(&replies)) {
                ofconn_send_replies_early(ofconn, &replies);
            }
        }
        ofconn_send_replies(ofconn, &replies);
    }
    free(c.rules);
    return 0;
}

/* Ports. */

static enum ofperr
handle_port_desc_stats_request(struct ofproto *p, struct ofconn *ofconn,
                               const struct ofp_header *oh)
{
    ofp_port_t port_no;
    enum ofperr error = ofputil_decode_port_desc_stats_request(oh, &port_no);
    if (error) {
        return error;
    }
    struct svs_list replies;
    ofpmp_init(&replies, oh);
    const struct ofport *port;
    HMAP_FOR_EACH (port, hmap_node, &p->ports) {
        if (port_no == OFPP_NONE || port_no == port->ofp_port) {
            ofputil_append_port_desc_stats_reply(&port->pp, &replies);
        }
    }
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

static void
append_port_stats(struct ofproto *p, const struct ofport *port,
                  struct svs_list *replies)
{
    struct ofputil_port_stats ps;
    memset(&ps, 0xff, sizeof ps);
    ps.custom_stats = NULL;
    ps.custom_stats_len = 0;
    if (!p->ofproto_class->port_get_stats
        || p->ofproto_class->port_get_stats(port, &ps)) {
        memset(&ps, 0xff, sizeof ps);
        ps.custom_stats = NULL;
        ps.custom_stats_len = 0;
    }
    ps.port_no = port->ofp_port;
    msec_to_duration(time_msec() - port->created, &ps.duration_sec,
                     &ps.duration_nsec);
    ofputil_append_port_stat(replies, &ps);
}

static enum ofperr
handle_port_stats_request(struct ofproto *p, struct ofconn *ofconn,
                          const struct ofp_header *oh)
{
    ofp_port_t port_no;
    enum ofperr error = ofputil_decode_port_stats_request(oh, &port_no);
    if (error) {
        return error;
    }
    struct svs_list replies;
    ofpmp_init(&replies, oh);
    if (port_no != OFPP_NONE) {
        const struct ofport *port = ofproto_get_port(p, port_no);
        if (port) {
            append_port_stats(p, port, &replies);
        }
    } else {
        const struct ofport *port;
        HMAP_FOR_EACH (port, hmap_node, &p->ports) {
            append_port_stats(p, port, &replies);
        }
    }
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

static enum ofperr
port_mod_apply(struct ofproto *p, const struct ofputil_port_mod *pm,
               bool check_only)
{
    struct ofport *port = ofproto_get_port(p, pm->port_no);
    if (!port) {
        return OFPERR_OFPPMFC_BAD_PORT;
    }
    if (!eth_addr_equals(port->pp.hw_addr, pm->hw_addr)) {
        return OFPERR_OFPPMFC_BAD_HW_ADDR;
    }
    if (!check_only) {
        enum ofputil_port_config config = ((port->pp.config & ~pm->mask)
                                           | (pm->config & pm->mask));
        ofport_set_config(port, config);
    }
    return 0;
}

static enum ofperr
handle_port_mod(struct ofproto *p, struct ofconn *ofconn,
                const struct ofp_header *oh)
{
    enum ofperr error = reject_secondary(ofconn);
    if (error) {
        return error;
    }
    struct ofputil_port_mod pm;
    error = ofputil_decode_port_mod(oh, &pm, false);
    return error ? error : port_mod_apply(p, &pm, false);
}

static enum ofperr
handle_queue_stats_request(struct ofproto *p SVS_UNUSED,
                           struct ofconn *ofconn,
                           const struct ofp_header *oh)
{
    /* No port has queues. */
    struct svs_list replies;
    ofpmp_init(&replies, oh);
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

/* Every port has just the default queue 0 (no QoS is configured through
 * ofproto), which is what ovs-vswitchd reports for such ports. */
static enum ofperr
handle_queue_get_config_request(struct ofproto *p, struct ofconn *ofconn,
                                const struct ofp_header *oh)
{
    ofp_port_t port_no;
    uint32_t queue_id;
    enum ofperr error = ofputil_decode_queue_get_config_request(oh, &port_no,
                                                                &queue_id);
    if (error) {
        return error;
    }
    if (port_no != OFPP_NONE && !ofproto_get_port(p, port_no)) {
        return OFPERR_OFPQOFC_BAD_PORT;
    }
    if (queue_id != OFPQ_ALL && queue_id != 0) {
        return OFPERR_OFPQOFC_BAD_QUEUE;
    }
    struct svs_list replies;
    ofputil_start_queue_get_config_reply(oh, &replies);
    const struct ofport *port;
    HMAP_FOR_EACH (port, hmap_node, &p->ports) {
        if (port_no == OFPP_NONE || port_no == port->ofp_port) {
            struct ofputil_queue_config qc = {
                .port = port->ofp_port,
                .queue = 0,
                .min_rate = UINT16_MAX,
                .max_rate = UINT16_MAX,
            };
            ofputil_append_queue_get_config_reply(&qc, &replies);
        }
    }
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

/* Packet-out. */

static enum ofperr
handle_packet_out(struct ofproto *p, struct ofconn *ofconn,
                  const struct ofp_header *oh)
{
    enum ofperr error = reject_secondary(ofconn);
    if (error) {
        return error;
    }
    uint64_t stub[1024 / 8];
    struct ofpbuf ofpacts;
    ofpbuf_use_stub(&ofpacts, stub, sizeof stub);
    struct ofputil_packet_out po;
    error = ofputil_decode_packet_out(&po, oh, &ofpacts);
    if (error) {
        goto exit;
    }
    if (po.buffer_id != UINT32_MAX) {
        error = OFPERR_OFPBRC_BUFFER_UNKNOWN;
        goto exit;
    }
    ofp_port_t in_port = (ofp_port_t) po.flow_metadata.flow.in_port;
    if (in_port >= p->max_ports && in_port != OFPP_LOCAL
        && in_port != OFPP_NONE && in_port != OFPP_CONTROLLER) {
        error = OFPERR_OFPBRC_BAD_PORT;
        goto exit;
    }
    error = check_ofpacts_refs(p, po.ofpacts, po.ofpacts_len,
                               ofproto_get_version(p));
    if (error) {
        goto exit;
    }
    struct flow flow;
    flow_extract(po.packet, po.packet_len, &po.flow_metadata.flow, &flow);
    if (p->ofproto_class->packet_out) {
        error = p->ofproto_class->packet_out(p, &po, &flow);
    } else {
        error = OFPERR_OFPBRC_EPERM;
    }
exit:
    ofpbuf_uninit(&ofpacts);
    return error;
}

/* Tables. */

static void
table_features_init(const struct ofproto *p, uint8_t table_id,
                    struct ofputil_table_features *tf)
{
    memset(tf, 0, sizeof *tf);
    tf->table_id = table_id;
    const struct oftable *table = &p->tables[table_id];
    /* Unnamed tables have an empty name, as in Open vSwitch. */
    snprintf(tf->name, sizeof tf->name, "%s",
             table->name ? table->name : "");
    tf->metadata_match = SVS_BE64_MAX;
    tf->metadata_write = SVS_BE64_MAX;
    tf->miss_config = OFPUTIL_TABLE_MISS_DEFAULT;
    tf->supports_eviction = -1;
    tf->supports_vacancy_events = -1;
    tf->max_entries = 1000000;
}

/* Fills in what every visible table supports, in Open vSwitch's terms:
 * every field with an NXM/OXM header can be matched (arbitrary masks
 * where meta-flow allows them), every writable one set; all instructions
 * (goto_table only to later tables). */
static void
table_features_fill(uint8_t table_id, enum ofp_version version,
                    struct ofputil_table_features *tf)
{
    static struct ofputil_field_set match, mask, writable;
    static bool inited;
    if (!inited) {
        inited = true;
        for (int i = 0; i < MFF_N_IDS; i++) {
            const struct mf_field *mf = mf_from_id(i);
            int index = ofputil_field_index_from_name(mf->name);
            if (index < 0 || !mf->n_headers) {
                continue;
            }
            ofputil_field_set_add(&match, index);
            if (mf->maskable == MFM_FULLY) {
                ofputil_field_set_add(&mask, index);
            }
            if (mf->writable) {
                ofputil_field_set_add(&writable, index);
            }
        }
    }
    /* Every action; each version's encoding keeps what it can say. */
    uint64_t ofpacts = (UINT64_C(1) << OFPUTIL_AB_N) - 1;

    struct ofputil_table_instruction_features *f = &tf->nonmiss;
    memset(f, 0, sizeof *f);
    for (int t = table_id + 1; t < OFPROTO_N_VISIBLE_TABLES; t++) {
        f->next[t / 8] |= 1 << (t % 8);
    }
    f->instructions = (1u << OFPUTIL_IB_N) - 1;
    if (table_id + 1 >= OFPROTO_N_VISIBLE_TABLES) {
        f->instructions &= ~(1u << OFPUTIL_IB_GOTO_TABLE);
    }
    if (version >= OFP15_VERSION) {
        /* OpenFlow 1.5 meters are actions, not instructions. */
        f->instructions &= ~(1u << OFPUTIL_IB_METER);
    }
    f->write.ofpacts = f->apply.ofpacts = ofpacts;
    f->write.set_fields = f->apply.set_fields = writable;
    tf->miss = *f;
    tf->match = match;
    tf->mask = mask;
    tf->wildcard = match;
}

static enum ofperr
handle_table_stats_request(struct ofproto *p, struct ofconn *ofconn,
                           const struct ofp_header *oh)
{
    struct ofpbuf *reply = ofpraw_alloc_stats_reply(oh, 0);
    for (int i = 0; i < OFPROTO_N_VISIBLE_TABLES; i++) {
        const struct oftable *table = &p->tables[i];
        struct ofputil_table_stats stats = {
            .table_id = i,
            .active_count = classifier_count(&table->cls),
            .lookup_count = __atomic_load_n(&table->n_lookups,
                                            __ATOMIC_RELAXED),
            .matched_count = __atomic_load_n(&table->n_matched,
                                             __ATOMIC_RELAXED),
        };
        struct ofputil_table_features tf;
        table_features_init(p, i, &tf);
        table_features_fill(i, oh->version, &tf);
        ofputil_append_table_stats_reply(reply, &stats, &tf);
    }
    ofpmsg_update_length(reply);
    ofconn_send_reply(ofconn, reply);
    return 0;
}

static enum ofperr
handle_table_features_request(struct ofproto *p, struct ofconn *ofconn,
                              const struct ofp_header *oh)
{
    if (ntohs(oh->length) > ofpraw_hdrs_len(ofpraw_decode_assert(oh))) {
        /* Setting table features is not supported. */
        return OFPERR_OFPTFFC_EPERM;
    }
    struct svs_list replies;
    ofpmp_init(&replies, oh);
    for (int i = 0; i < OFPROTO_N_VISIBLE_TABLES; i++) {
        struct ofputil_table_features tf;
        table_features_init(p, i, &tf);
        table_features_fill(i, oh->version, &tf);
        ofputil_append_table_features(&tf, &replies);
    }
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

static enum ofperr
handle_table_mod(struct ofproto *p, struct ofconn *ofconn,
                 const struct ofp_header *oh)
{
    enum ofperr error = reject_secondary(ofconn);
    if (error) {
        return error;
    }
    struct ofputil_table_mod tm;
    error = ofputil_decode_table_mod(oh, &tm);
    if (error) {
        return error;
    }
    if (tm.table_id != OFPTT_ALL) {
        if (tm.table_id >= p->n_tables) {
            return OFPERR_OFPTMFC_BAD_TABLE;
        } else if (p->tables[tm.table_id].readonly) {
            return OFPERR_OFPTMFC_EPERM;
        }
    }
    if (tm.eviction != OFPUTIL_TABLE_EVICTION_DEFAULT
        && tm.eviction != OFPUTIL_TABLE_EVICTION_ON
        && tm.eviction != OFPUTIL_TABLE_EVICTION_OFF) {
        return OFPERR_OFPTMFC_BAD_CONFIG;
    }
    for (int i = 0; i < OFPROTO_N_VISIBLE_TABLES; i++) {
        if (tm.table_id != OFPTT_ALL && tm.table_id != i) {
            continue;
        }
        struct oftable *table = &p->tables[i];
        if (tm.miss != OFPUTIL_TABLE_MISS_DEFAULT) {
            __atomic_store_n(&table->miss_config, tm.miss,
                             __ATOMIC_RELAXED);
        }
        if (tm.eviction != OFPUTIL_TABLE_EVICTION_DEFAULT) {
            table->eviction = tm.eviction;
        }
        if (tm.vacancy != OFPUTIL_TABLE_VACANCY_DEFAULT) {
            table->vacancy = tm.vacancy;
            table->vacancy_down = tm.table_vacancy_down;
            table->vacancy_up = tm.table_vacancy_up;
        }
    }
    ofproto_bump_tables_seq(p);
    return 0;
}

static enum ofperr
handle_table_desc_request(struct ofproto *p, struct ofconn *ofconn,
                          const struct ofp_header *oh)
{
    struct svs_list replies;
    ofpmp_init(&replies, oh);
    for (int i = 0; i < OFPROTO_N_VISIBLE_TABLES; i++) {
        const struct oftable *table = &p->tables[i];
        struct ofputil_table_desc td = {
            .table_id = i,
            .eviction = (table->eviction == OFPUTIL_TABLE_EVICTION_ON
                         ? OFPUTIL_TABLE_EVICTION_ON
                         : OFPUTIL_TABLE_EVICTION_OFF),
            .eviction_flags = (OFPTMPEF14_OTHER | OFPTMPEF14_IMPORTANCE
                               | OFPTMPEF14_LIFETIME),
            .vacancy = (table->vacancy == OFPUTIL_TABLE_VACANCY_ON
                        ? OFPUTIL_TABLE_VACANCY_ON
                        : OFPUTIL_TABLE_VACANCY_OFF),
            .table_vacancy_down = table->vacancy_down,
            .table_vacancy_up = table->vacancy_up,
            .table_vacancy = 100,
        };
        ofputil_append_table_desc_reply(&td, &replies, oh->version);
    }
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

/* Bundles. */

static struct ofp_bundle *
bundle_find(struct ofconn *ofconn, uint32_t id)
{
    struct ofp_bundle *b;
    HMAP_FOR_EACH_WITH_HASH (b, hmap_node, hash_int(id, 0),
                             ofconn_get_bundles(ofconn)) {
        if (b->id == id) {
            return b;
        }
    }
    return NULL;
}

static void
bundle_destroy(struct ofconn *ofconn, struct ofp_bundle *b)
{
    hmap_remove(ofconn_get_bundles(ofconn), &b->hmap_node);
    ofpbuf_list_delete(&b->msgs);
    free(b);
}

static struct ofp_bundle *
bundle_open(struct ofconn *ofconn, uint32_t id, uint16_t flags)
{
    struct ofp_bundle *b = xzalloc(sizeof *b);
    b->id = id;
    b->flags = flags;
    svs_list_init(&b->msgs);
    hmap_insert(ofconn_get_bundles(ofconn), &b->hmap_node, hash_int(id, 0));
    return b;
}

void
ofproto_ofconn_closing(struct ofproto *p SVS_UNUSED, struct ofconn *ofconn)
{
    struct ofp_bundle *b, *next;
    HMAP_FOR_EACH_SAFE (b, next, hmap_node, ofconn_get_bundles(ofconn)) {
        bundle_destroy(ofconn, b);
    }
}

/* Applies one bundled message 'oh' of 'type' within 'txn', or with
 * 'check_only' (and a null 'txn') checks what can be checked of it before
 * the commit. */
static enum ofperr
bundle_apply_msg(struct ofproto *p, struct ofconn *ofconn,
                 struct ofproto_txn *txn, const struct ofp_header *oh,
                 enum ofptype type, bool check_only)
{
    enum ofperr error;
    if (type == OFPTYPE_FLOW_MOD) {
        uint64_t stub[1024 / 8];
        struct ofpbuf ofpacts;
        ofpbuf_use_stub(&ofpacts, stub, sizeof stub);
        struct ofputil_flow_mod fm;
        error = ofputil_decode_flow_mod(&fm, oh, ofconn_get_protocol(ofconn),
                                        &ofpacts);
        if (!error && fm.buffer_id != UINT32_MAX) {
            error = OFPERR_OFPBRC_BUFFER_UNKNOWN;
        }
        if (!error) {
            error = (check_only
                     ? flow_mod_check(p, &fm, false)
                     : ofproto_flow_mod_start(txn, &fm));
        }
        ofpbuf_uninit(&ofpacts);
    } else if (type == OFPTYPE_GROUP_MOD) {
        error = ofproto_group_mod_msg(p, txn, oh, check_only);
    } else if (type == OFPTYPE_PORT_MOD) {
        struct ofputil_port_mod pm;
        error = ofputil_decode_port_mod(oh, &pm, false);
        if (!error) {
            error = port_mod_apply(p, &pm, true);
        }
    } else {
        error = OFPERR_OFPBFC_MSG_UNSUP;
    }
    return error;
}

static enum ofperr
bundle_commit(struct ofproto *p, struct ofconn *ofconn,
              struct ofp_bundle *b)
{
    struct ofproto_txn txn;
    ofproto_txn_init(&txn, p, ofconn, 0);
    struct ofpbuf *msg;
    LIST_FOR_EACH (msg, list_node, &b->msgs) {
        /* The error about a message of the bundle carries its bundle-add
         * message, as ovs-vswitchd's does. */
        const struct ofp_header *add = msg->data;
        struct ofputil_bundle_add_msg badd;
        enum ofptype type;
        enum ofperr error = ofputil_decode_bundle_add(add, &badd, &type);
        if (!error) {
            txn.xid = badd.msg->xid;
            error = bundle_apply_msg(p, ofconn, &txn, badd.msg, type, false);
        }
        if (error) {
            ofproto_txn_abort(&txn);
            ofconn_send_error(ofconn, add, error);
            return OFPERR_OFPBFC_MSG_FAILED;
        }
    }
    ofproto_txn_commit(&txn);
    /* Port-mods take effect after the flow changes. */
    LIST_FOR_EACH (msg, list_node, &b->msgs) {
        struct ofputil_bundle_add_msg badd;
        enum ofptype type;
        if (!ofputil_decode_bundle_add(msg->data, &badd, &type)
            && type == OFPTYPE_PORT_MOD) {
            struct ofputil_port_mod pm;
            if (!ofputil_decode_port_mod(badd.msg, &pm, false)) {
                port_mod_apply(p, &pm, false);
            }
        }
    }
    return 0;
}

static enum ofperr
handle_bundle_control(struct ofproto *p, struct ofconn *ofconn,
                      const struct ofp_header *oh)
{
    enum ofperr error = reject_secondary(ofconn);
    if (error) {
        return error;
    }
    struct ofputil_bundle_ctrl_msg bctrl;
    error = ofputil_decode_bundle_ctrl(oh, &bctrl);
    if (error) {
        return error;
    }
    struct ofp_bundle *b = bundle_find(ofconn, bctrl.bundle_id);
    /* Replies carry no flags, as ovs-vswitchd's do. */
    struct ofputil_bundle_ctrl_msg reply = bctrl;
    reply.flags = 0;
    switch (bctrl.type) {
    case OFPBCT_OPEN_REQUEST:
        if (b) {
            bundle_destroy(ofconn, b);
            return OFPERR_OFPBFC_BAD_ID;
        }
        bundle_open(ofconn, bctrl.bundle_id, bctrl.flags);
        reply.type = OFPBCT_OPEN_REPLY;
        break;
    case OFPBCT_CLOSE_REQUEST:
        if (!b) {
            return OFPERR_OFPBFC_BAD_ID;
        } else if (b->closed) {
            bundle_destroy(ofconn, b);
            return OFPERR_OFPBFC_BUNDLE_CLOSED;
        } else if (b->flags != bctrl.flags) {
            bundle_destroy(ofconn, b);
            return OFPERR_OFPBFC_BAD_FLAGS;
        }
        b->closed = true;
        reply.type = OFPBCT_CLOSE_REPLY;
        break;
    case OFPBCT_COMMIT_REQUEST:
        if (!b) {
            return OFPERR_OFPBFC_BAD_ID;
        } else if (b->flags != bctrl.flags) {
            bundle_destroy(ofconn, b);
            return OFPERR_OFPBFC_BAD_FLAGS;
        }
        error = bundle_commit(p, ofconn, b);
        bundle_destroy(ofconn, b);
        if (error) {
            return error;
        }
        reply.type = OFPBCT_COMMIT_REPLY;
        /* The reply says the whole bundle is in effect: wait for the
         * datapath, as for a barrier. */
        ofconn_defer_until_synced(ofconn,
                                  ofputil_encode_bundle_ctrl_reply(oh,
                                                                   &reply),
                                  p->tables_seq);
        return 0;
    case OFPBCT_DISCARD_REQUEST:
        if (!b) {
            return OFPERR_OFPBFC_BAD_ID;
        }
        bundle_destroy(ofconn, b);
        reply.type = OFPBCT_DISCARD_REPLY;
        break;
    default:
        return OFPERR_OFPBFC_BAD_TYPE;
    }
    ofconn_send_reply(ofconn, ofputil_encode_bundle_ctrl_reply(oh, &reply));
    return 0;
}

static enum ofperr
handle_bundle_add(struct ofproto *p, struct ofconn *ofconn,
                  const struct ofp_header *oh)
{
    enum ofperr error = reject_secondary(ofconn);
    if (error) {
        return error;
    }
    struct ofputil_bundle_add_msg badd;
    enum ofptype type;
    error = ofputil_decode_bundle_add(oh, &badd, &type);
    if (error) {
        return error;
    }
    struct ofp_bundle *b = bundle_find(ofconn, badd.bundle_id);
    if (!b) {
        b = bundle_open(ofconn, badd.bundle_id, badd.flags);
    } else if (b->closed) {
        bundle_destroy(ofconn, b);
        return OFPERR_OFPBFC_BUNDLE_CLOSED;
    } else if (b->flags != badd.flags) {
        bundle_destroy(ofconn, b);
        return OFPERR_OFPBFC_BAD_FLAGS;
    }
    /* A message that fails its checks is left out and the bundle stays
     * open: the controller learns of the failure and may still discard or
     * commit the bundle (ovs-vswitchd does the same). */
    error = bundle_apply_msg(p, ofconn, NULL, badd.msg, type, true);
    if (error) {
        return error;
    }
    svs_list_push_back(&b->msgs, &ofpbuf_clone_data(
                           oh, ntohs(oh->length))->list_node);
    return 0;
}

/* Connection tracking. */

static enum ofperr
handle_ct_flush_zone(struct ofproto *p, struct ofconn *ofconn,
                     const struct ofp_header *oh)
{
    enum ofperr error = reject_secondary(ofconn);
    if (error) {
        return error;
    }
    if (!p->ofproto_class->ct_flush_zone) {
        return OFPERR_OFPBRC_BAD_TYPE;
    }
    struct ofpbuf b = OFPBUF_CONST_INITIALIZER(oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);
    const struct nx_zone_id *nzi = ofpbuf_try_pull(&b, sizeof *nzi);
    if (!nzi || b.size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    for (size_t i = 0; i < sizeof nzi->zero; i++) {
        if (nzi->zero[i]) {
            return OFPERR_NXBRC_MUST_BE_ZERO;
        }
    }
    return p->ofproto_class->ct_flush_zone(p, ntohs(nzi->zone_id));
}

/* Dispatch. */

enum ofperr
ofproto_handle_openflow(struct ofproto *p, struct ofconn *ofconn,
                        const struct ofp_header *oh)
{
    enum ofptype type;
    enum ofperr error = ofptype_decode(&type, oh);
    if (error) {
        return error;
    }
    switch (type) {
    case OFPTYPE_FEATURES_REQUEST:
        return handle_features_request(p, ofconn, oh);
    case OFPTYPE_GET_CONFIG_REQUEST:
        return handle_get_config_request(p, ofconn, oh);
    case OFPTYPE_SET_CONFIG:
        return handle_set_config(p, ofconn, oh);
    case OFPTYPE_DESC_STATS_REQUEST:
        return handle_desc_stats_request(p, ofconn, oh);
    case OFPTYPE_FLOW_MOD:
        return handle_flow_mod(p, ofconn, oh);
    case OFPTYPE_FLOW_STATS_REQUEST:
    case OFPTYPE_AGGREGATE_STATS_REQUEST:
        return handle_flow_stats_request(p, ofconn, oh);
    case OFPTYPE_PORT_DESC_STATS_REQUEST:
        return handle_port_desc_stats_request(p, ofconn, oh);
    case OFPTYPE_PORT_STATS_REQUEST:
        return handle_port_stats_request(p, ofconn, oh);
    case OFPTYPE_PORT_MOD:
        return handle_port_mod(p, ofconn, oh);
    case OFPTYPE_QUEUE_STATS_REQUEST:
        return handle_queue_stats_request(p, ofconn, oh);
    case OFPTYPE_QUEUE_GET_CONFIG_REQUEST:
        return handle_queue_get_config_request(p, ofconn, oh);
    case OFPTYPE_IPFIX_BRIDGE_STATS_REQUEST:
    case OFPTYPE_IPFIX_FLOW_STATS_REQUEST:
        /* IPFIX is configured by the bridge, which has none yet. */
        return OFPERR_NXST_NOT_CONFIGURED;
    case OFPTYPE_PACKET_OUT:
        return handle_packet_out(p, ofconn, oh);
    case OFPTYPE_CT_FLUSH_ZONE:
        return handle_ct_flush_zone(p, ofconn, oh);
    case OFPTYPE_TABLE_STATS_REQUEST:
        return handle_table_stats_request(p, ofconn, oh);
    case OFPTYPE_TABLE_MOD:
        return handle_table_mod(p, ofconn, oh);
    case OFPTYPE_TABLE_FEATURES_STATS_REQUEST:
        return handle_table_features_request(p, ofconn, oh);
    case OFPTYPE_TABLE_DESC_REQUEST:
        return handle_table_desc_request(p, ofconn, oh);
    case OFPTYPE_GROUP_MOD:
        return ofproto_handle_group_mod(p, ofconn, oh);
    case OFPTYPE_GROUP_STATS_REQUEST:
        return ofproto_handle_group_stats_request(p, ofconn, oh);
    case OFPTYPE_GROUP_DESC_STATS_REQUEST:
        return ofproto_handle_group_desc_request(p, ofconn, oh);
    case OFPTYPE_GROUP_FEATURES_STATS_REQUEST:
        return ofproto_handle_group_features_request(p, ofconn, oh);
    case OFPTYPE_METER_MOD:
        return ofproto_handle_meter_mod(p, ofconn, oh);
    case OFPTYPE_METER_STATS_REQUEST:
    case OFPTYPE_METER_CONFIG_STATS_REQUEST:
    case OFPTYPE_METER_FEATURES_STATS_REQUEST:
        return ofproto_handle_meter_request(p, ofconn, oh, type);
    case OFPTYPE_BUNDLE_CONTROL:
        return handle_bundle_control(p, ofconn, oh);
    case OFPTYPE_BUNDLE_ADD_MESSAGE:
        return handle_bundle_add(p, ofconn, oh);
    case OFPTYPE_FLOW_MONITOR_STATS_REQUEST:
        return connmgr_handle_flow_monitor_request(ofconn, oh);
    case OFPTYPE_FLOW_MONITOR_CANCEL:
        return connmgr_handle_flow_monitor_cancel(ofconn, oh);
    default:
        if (ofpmsg_is_stat_request(oh)) {
            return OFPERR_OFPBRC_BAD_STAT;
        }
        return OFPERR_OFPBRC_BAD_TYPE;
    }
}
