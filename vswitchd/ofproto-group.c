/* ofproto-group.c: groups (versioned like rules: a group-mod replaces the
 * group object in the transaction's version) and meters (stored and
 * reported; enforcement is the provider's). */
#include <config.h>
#include "ofproto-provider.h"

#include <stdlib.h>
#include <string.h>
#include <urcu/urcu-bp.h>
#include "connmgr.h"
#include "hash.h"
#include "ofp-actions.h"
#include "ofp-group.h"
#include "ofp-meter.h"
#include "ofp-msgs.h"
#include "ofpbuf.h"
#include "ofproto-private.h"
#include "timeval.h"
#include "util.h"

/* A group with its RCU head. */
struct group_box {
    struct ofgroup group;
    struct rcu_head rcu;
};

/* Deep-copies bucket list 'src' to 'dst' (initialized here). */
static void
buckets_clone(struct svs_list *dst, const struct svs_list *src)
{
    svs_list_init(dst);
    const struct ofputil_bucket *b;
    LIST_FOR_EACH (b, list_node, src) {
        struct ofputil_bucket *copy = xmemdup(b, sizeof *b);
        copy->ofpacts = xmemdup(b->ofpacts, b->ofpacts_len);
        svs_list_push_back(dst, &copy->list_node);
    }
}

static struct ofgroup *
group_create(struct ofproto *p, uint32_t group_id, uint8_t type,
             const struct svs_list *buckets, cls_version_t version)
{
    struct group_box *box = xzalloc(sizeof *box);
    struct ofgroup *g = &box->group;
    g->ofproto = p;
    g->group_id = group_id;
    g->type = type;
    buckets_clone(&g->buckets, buckets);
    g->n_buckets = svs_list_size(&g->buckets);
    g->add_version = version;
    g->remove_version = CLS_NOT_REMOVED_VERSION;
    g->created = time_msec();
    pthread_mutex_init(&g->mutex, NULL);
    g->bucket_packets = xcalloc(g->n_buckets + 1, sizeof *g->bucket_packets);
    g->bucket_bytes = xcalloc(g->n_buckets + 1, sizeof *g->bucket_bytes);
    return g;
}

static void
group_free_cb(struct rcu_head *head)
{
    struct group_box *box = CONTAINER_OF(head, struct group_box, rcu);
    struct ofgroup *g = &box->group;
    ofputil_bucket_list_destroy(&g->buckets);
    pthread_mutex_destroy(&g->mutex);
    free(g->bucket_packets);
    free(g->bucket_bytes);
    free(box);
}

static void
group_free(struct ofgroup *g)
{
    struct group_box *box = CONTAINER_OF(g, struct group_box, group);
    urcu_bp_call_rcu(&box->rcu, group_free_cb);
}

static void
group_insert(struct ofproto *p, struct ofgroup *g)
{
    pthread_rwlock_wrlock(&p->groups_rwlock);
    hmap_insert(&p->groups, &g->hmap_node, hash_int(g->group_id, 0));
    pthread_rwlock_unlock(&p->groups_rwlock);
}

static void
group_remove(struct ofproto *p, struct ofgroup *g)
{
    pthread_rwlock_wrlock(&p->groups_rwlock);
    hmap_remove(&p->groups, &g->hmap_node);
    pthread_rwlock_unlock(&p->groups_rwlock);
}

static bool
group_visible(const struct ofgroup *g, cls_version_t version)
{
    return (g->add_version <= version
            && version < __atomic_load_n(&g->remove_version,
                                         __ATOMIC_ACQUIRE));
}

/* Main thread. */
struct ofgroup *
group_find_in_version(const struct ofproto *p, uint32_t group_id,
                      cls_version_t version)
{
    struct ofgroup *g;
    HMAP_FOR_EACH_WITH_HASH (g, hmap_node, hash_int(group_id, 0),
                             &p->groups) {
        if (g->group_id == group_id && group_visible(g, version)) {
            return g;
        }
    }
    return NULL;
}

struct ofgroup *
ofproto_group_lookup(const struct ofproto *p, uint32_t group_id,
                     cls_version_t version)
{
    struct ofproto *q = CONST_CAST(struct ofproto *, p);
    pthread_rwlock_rdlock(&q->groups_rwlock);
    struct ofgroup *g = group_find_in_version(p, group_id, version);
    pthread_rwlock_unlock(&q->groups_rwlock);
    return g;
}

void
ofproto_group_credit_stats(struct ofgroup *g, uint32_t bucket_idx,
                           uint64_t packets, uint64_t bytes)
{
    pthread_mutex_lock(&g->mutex);
    g->packet_count += packets;
    g->byte_count += bytes;
    if (bucket_idx < g->n_buckets) {
        g->bucket_packets[bucket_idx] += packets;
        g->bucket_bytes[bucket_idx] += bytes;
    }
    pthread_mutex_unlock(&g->mutex);
}

void
group_destroy_all(struct ofproto *p)
{
    struct ofgroup *g, *next;
    HMAP_FOR_EACH_SAFE (g, next, hmap_node, &p->groups) {
        group_remove(p, g);
        group_free(g);
    }
    hmap_destroy(&p->groups);
}

static void
txn_add_group_op(struct ofproto_txn *txn, struct ofgroup *new_group,
                 struct ofgroup *old_group)
{
    struct ofproto_group_op *op = xzalloc(sizeof *op);
    op->new_group = new_group;
    op->old_group = old_group;
    if (old_group) {
        __atomic_store_n(&old_group->remove_version, txn->version,
                         __ATOMIC_RELEASE);
    }
    if (new_group) {
        group_insert(txn->ofproto, new_group);
    }
    svs_list_push_back(&txn->group_ops, &op->node);
    txn->group_changes++;
}

void
group_txn_abort(struct ofproto_txn *txn)
{
    struct ofproto_group_op *op;
    LIST_FOR_EACH_POP (op, node, &txn->group_ops) {
        if (op->new_group) {
            group_remove(txn->ofproto, op->new_group);
            group_free(op->new_group);
        }
        if (op->old_group) {
            __atomic_store_n(&op->old_group->remove_version,
                             CLS_NOT_REMOVED_VERSION, __ATOMIC_RELEASE);
        }
        free(op);
    }
}

void
group_txn_commit(struct ofproto_txn *txn)
{
    struct ofproto *p = txn->ofproto;
    struct ofproto_group_op *op;
    LIST_FOR_EACH_POP (op, node, &txn->group_ops) {
        if (p->ofproto_class->group_changed) {
            p->ofproto_class->group_changed(p, op->new_group,
                                            op->old_group);
        }
        if (op->old_group) {
            group_remove(p, op->old_group);
            group_free(op->old_group);
        }
        free(op);
    }
}

/* Deletes the rules that use group 'group_id' in 'txn'. */
static void
delete_rules_of_group(struct ofproto_txn *txn, uint32_t group_id)
{
    struct ofproto *p = txn->ofproto;
    for (int t = 0; t < p->n_tables; t++) {
        struct rule **rules = NULL;
        size_t n = 0, allocated = 0;
        struct rule *rule;
        CLS_FOR_EACH_TARGET (rule, cr, &p->tables[t].cls, NULL,
                             txn->version) {
            const struct rule_actions *a = rule_get_actions(rule);
            if (a->has_groups
                && ofpacts_output_to_group(rule_actions_ofpacts(a),
                                           a->ofpacts_len, group_id)) {
                if (n >= allocated) {
                    rules = x2nrealloc(rules, &allocated, sizeof *rules);
                }
                rules[n++] = rule;
            }
        }
        for (size_t i = 0; i < n; i++) {
            ofproto_txn_delete(txn, rules[i], OFPRR_GROUP_DELETE);
        }
        free(rules);
    }
}

static enum ofperr
check_buckets(const struct ofproto *p, const struct ofputil_group_mod *gm,
              cls_version_t version)
{
    const struct ofputil_bucket *b;
    LIST_FOR_EACH (b, list_node, &gm->buckets) {
        const struct ofpact *a;
        OFPACT_FOR_EACH (a, b->ofpacts, b->ofpacts_len) {
            if (a->type == OFPACT_GROUP) {
                uint32_t id = ofpact_get_GROUP(a)->group_id;
                if (id == gm->group_id) {
                    return OFPERR_OFPGMFC_LOOP;
                }
                if (!group_find_in_version(p, id, version)) {
                    return OFPERR_OFPGMFC_CHAINED_GROUP;
                }
            }
        }
    }
    return 0;
}

/* Builds in 'out' the bucket list of 'old' changed by insert-bucket or
 * remove-bucket 'gm'. */
static enum ofperr
edit_buckets(const struct ofgroup *old, const struct ofputil_group_mod *gm,
             struct svs_list *out)
{
    buckets_clone(out, &old->buckets);
    uint32_t id = gm->command_bucket_id;
    if (gm->command == OFPUTIL_GC_INSERT_BUCKET) {
        struct svs_list new;
        buckets_clone(&new, &gm->buckets);
        const struct ofputil_bucket *nb;
        LIST_FOR_EACH (nb, list_node, &new) {
            struct ofputil_bucket *b;
            LIST_FOR_EACH (b, list_node, out) {
                if (b->bucket_id == nb->bucket_id) {
                    ofputil_bucket_list_destroy(&new);
                    ofputil_bucket_list_destroy(out);
                    return OFPERR_OFPGMFC_BUCKET_EXISTS;
                }
            }
        }
        if (id == OFPG15_BUCKET_FIRST) {
            svs_list_splice_back(&new, out);
            svs_list_init(out);
            svs_list_splice_back(out, &new);
        } else if (id == OFPG15_BUCKET_LAST || id == OFPG15_BUCKET_ALL) {
            svs_list_splice_back(out, &new);
        } else {
            struct ofputil_bucket *b, *after = NULL;
            LIST_FOR_EACH (b, list_node, out) {
                if (b->bucket_id == id) {
                    after = b;
                }
            }
            if (!after) {
                ofputil_bucket_list_destroy(&new);
                ofputil_bucket_list_destroy(out);
                return OFPERR_OFPGMFC_UNKNOWN_BUCKET;
            }
            struct ofputil_bucket *x;
            LIST_FOR_EACH_POP (x, list_node, &new) {
                svs_list_insert(after->list_node.next, &x->list_node);
                after = x;
            }
        }
        return 0;
    }
    /* Remove bucket. */
    if (svs_list_is_empty(out)) {
        return 0;
    }
    struct ofputil_bucket *b, *next;
    if (id == OFPG15_BUCKET_ALL) {
        ofputil_bucket_list_destroy(out);
        svs_list_init(out);
        return 0;
    }
    bool found = false;
    LIST_FOR_EACH_SAFE (b, next, list_node, out) {
        bool hit = (id == OFPG15_BUCKET_FIRST
                    ? &b->list_node == svs_list_front(out)
                    : id == OFPG15_BUCKET_LAST
                    ? &b->list_node == svs_list_back(out)
                    : b->bucket_id == id);
        if (hit) {
            svs_list_remove(&b->list_node);
            free(b->ofpacts);
            free(b);
            found = true;
            break;
        }
    }
    if (!found) {
        ofputil_bucket_list_destroy(out);
        return OFPERR_OFPGMFC_UNKNOWN_BUCKET;
    }
    return 0;
}

static enum ofperr
group_mod_apply(struct ofproto *p, struct ofproto_txn *txn,
                const struct ofputil_group_mod *gm)
{
    cls_version_t version = txn->version;
    uint16_t command = gm->command;
    if (command == OFPUTIL_GC_DELETE) {
        if (gm->group_id == OFPG_ALL) {
            struct ofgroup *g;
            HMAP_FOR_EACH (g, hmap_node, &p->groups) {
                if (group_visible(g, version)) {
                    delete_rules_of_group(txn, g->group_id);
                }
            }
            /* Collect first: txn_add_group_op() doesn't change the map
             * for deletions. */
            HMAP_FOR_EACH (g, hmap_node, &p->groups) {
                if (group_visible(g, version)) {
                    txn_add_group_op(txn, NULL, g);
                }
            }
        } else {
            struct ofgroup *g = group_find_in_version(p, gm->group_id,
                                                      version);
            if (g) {
                delete_rules_of_group(txn, g->group_id);
                txn_add_group_op(txn, NULL, g);
            }
        }
        return 0;
    }

    if (gm->group_id > OFPG_MAX) {
        return OFPERR_OFPGMFC_INVALID_GROUP;
    }
    if (gm->type > OFPGT11_FF) {
        return OFPERR_OFPGMFC_BAD_TYPE;
    }
    struct ofgroup *old = group_find_in_version(p, gm->group_id, version);
    if (command == OFPUTIL_GC_ADD_OR_MOD) {
        command = old ? OFPUTIL_GC_MODIFY : OFPUTIL_GC_ADD;
    }
    enum ofperr error = check_buckets(p, gm, version);
    if (error) {
        return error;
    }
    if (command == OFPUTIL_GC_ADD) {
        if (old) {
            return OFPERR_OFPGMFC_GROUP_EXISTS;
        }
    } else if (!old) {
        return OFPERR_OFPGMFC_UNKNOWN_GROUP;
    }
    if (gm->type == OFPGT11_INDIRECT
        && (command == OFPUTIL_GC_ADD || command == OFPUTIL_GC_MODIFY)
        && svs_list_size(&gm->buckets) != 1) {
        return OFPERR_OFPGMFC_INVALID_GROUP;
    }

    struct ofgroup *g;
    if (command == OFPUTIL_GC_INSERT_BUCKET
        || command == OFPUTIL_GC_REMOVE_BUCKET) {
        struct svs_list buckets;
        error = edit_buckets(old, gm, &buckets);
        if (error) {
            return error;
        }
        g = group_create(p, old->group_id, old->type, &buckets, version);
        ofputil_bucket_list_destroy(&buckets);
    } else {
        g = group_create(p, gm->group_id, gm->type, &gm->buckets, version);
    }
    txn_add_group_op(txn, g, old);
    return 0;
}

enum ofperr
ofproto_group_mod_msg(struct ofproto *p, struct ofproto_txn *txn,
                      const struct ofp_header *oh, bool check_only)
{
    struct ofputil_group_mod gm;
    enum ofperr error = ofputil_decode_group_mod(oh, &gm);
    if (!error && !check_only) {
        error = group_mod_apply(p, txn, &gm);
    }
    if (!error || error != OFPERR_OFPBRC_BAD_LEN) {
        ofputil_uninit_group_mod(&gm);
    }
    return error;
}

enum ofperr
ofproto_handle_group_mod(struct ofproto *p, struct ofconn *ofconn,
                         const struct ofp_header *oh)
{
    if (ofconn_get_role(ofconn) == OFPCR12_ROLE_SLAVE) {
        return OFPERR_OFPBRC_IS_SECONDARY;
    }
    struct ofproto_txn txn;
    ofproto_txn_init(&txn, p, ofconn, oh->xid);
    enum ofperr error = ofproto_group_mod_msg(p, &txn, oh, false);
    if (error) {
        ofproto_txn_abort(&txn);
    } else {
        ofproto_txn_commit(&txn);
    }
    return error;
}

/* Number of rules that refer to group 'group_id'. */
static uint32_t
group_ref_count(const struct ofproto *p, uint32_t group_id)
{
    uint32_t n = 0;
    cls_version_t version = ofproto_get_version(p);
    for (int t = 0; t < p->n_tables; t++) {
        const struct rule *rule;
        CLS_FOR_EACH_TARGET (rule, cr, &p->tables[t].cls, NULL, version) {
            const struct rule_actions *a = rule_get_actions(rule);
            if (a->has_groups
                && ofpacts_output_to_group(rule_actions_ofpacts(a),
                                           a->ofpacts_len, group_id)) {
                n++;
            }
        }
    }
    return n;
}

/* The visible groups matching 'group_id' (OFPG_ALL: all), sorted by id. */
static size_t
collect_groups(const struct ofproto *p, uint32_t group_id,
               struct ofgroup ***groupsp)
{
    cls_version_t version = ofproto_get_version(p);
    size_t n = 0;
    struct ofgroup **groups = xmalloc((hmap_count(&p->groups) + 1)
                                      * sizeof *groups);
    struct ofgroup *g;
    HMAP_FOR_EACH (g, hmap_node, &p->groups) {
        if (group_visible(g, version)
            && (group_id == OFPG_ALL || group_id == g->group_id)) {
            groups[n++] = g;
        }
    }
    /* Insertion sort: groups are few. */
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0
                 && groups[j - 1]->group_id > groups[j]->group_id; j--) {
            struct ofgroup *tmp = groups[j];
            groups[j] = groups[j - 1];
            groups[j - 1] = tmp;
        }
    }
    *groupsp = groups;
    return n;
}

enum ofperr
ofproto_handle_group_stats_request(struct ofproto *p, struct ofconn *ofconn,
                                   const struct ofp_header *oh)
{
    uint32_t group_id = ofputil_decode_group_stats_request(oh);
    struct svs_list replies;
    ofpmp_init(&replies, oh);
    struct ofgroup **groups;
    size_t n = collect_groups(p, group_id, &groups);
    long long int now = time_msec();
    for (size_t i = 0; i < n; i++) {
        struct ofgroup *g = groups[i];
        struct ofputil_group_stats gs;
        memset(&gs, 0, sizeof gs);
        gs.group_id = g->group_id;
        gs.ref_count = group_ref_count(p, g->group_id);
        long long int age = now - g->created;
        gs.duration_sec = age / 1000;
        gs.duration_nsec = (age % 1000) * 1000000;
        gs.n_buckets = g->n_buckets;
        gs.bucket_stats = xcalloc(g->n_buckets + 1,
                                  sizeof *gs.bucket_stats);
        pthread_mutex_lock(&g->mutex);
        gs.packet_count = g->packet_count;
        gs.byte_count = g->byte_count;
        for (uint32_t j = 0; j < g->n_buckets; j++) {
            gs.bucket_stats[j].packet_count = g->bucket_packets[j];
            gs.bucket_stats[j].byte_count = g->bucket_bytes[j];
        }
        pthread_mutex_unlock(&g->mutex);
        ofputil_append_group_stats(&replies, &gs);
        free(gs.bucket_stats);
    }
    free(groups);
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

enum ofperr
ofproto_handle_group_desc_request(struct ofproto *p, struct ofconn *ofconn,
                                  const struct ofp_header *oh)
{
    uint32_t group_id = ofputil_decode_group_desc_request(oh);
    struct svs_list replies;
    ofpmp_init(&replies, oh);
    struct ofgroup **groups;
    size_t n = collect_groups(p, group_id, &groups);
    for (size_t i = 0; i < n; i++) {
        struct ofputil_group_desc gd;
        gd.type = groups[i]->type;
        gd.group_id = groups[i]->group_id;
        buckets_clone(&gd.buckets, &groups[i]->buckets);
        ofputil_append_group_desc_reply(&gd, &replies);
        ofputil_bucket_list_destroy(&gd.buckets);
    }
    free(groups);
    ofconn_send_replies(ofconn, &replies);
    return 0;
}

enum ofperr
ofproto_handle_group_features_request(struct ofproto *p SVS_UNUSED,
                                      struct ofconn *ofconn,
                                      const struct ofp_header *oh)
{
    struct ofputil_group_features gf;
    memset(&gf, 0, sizeof gf);
    gf.types = ((1 << OFPGT11_ALL) | (1 << OFPGT11_SELECT)
                | (1 << OFPGT11_INDIRECT) | (1 << OFPGT11_FF));
    gf.capabilities = (OFPGFC12_SELECT_WEIGHT | OFPGFC12_SELECT_LIVENESS
                       | OFPGFC12_CHAINING);
    for (int i = 0; i < 4; i++) {
        gf.max_groups[i] = OFPG_MAX;
        gf.ofpacts[i] = (UINT64_C(1) << OFPUTIL_AB_N) - 1;
    }
    ofconn_send_reply(ofconn, ofputil_encode_group_features_reply(&gf, oh));
    return 0;
}

/* Meters. */

static struct ofmeter *
meter_find(const struct ofproto *p, uint32_t meter_id)
{
    struct ofmeter *m;
    HMAP_FOR_EACH_WITH_HASH (m, hmap_node, hash_int(meter_id, 0),
                             &p->meters) {
        if (m->meter_id == meter_id) {
            return m;
        }
    }
    return NULL;
}

static void
meter_destroy(struct ofproto *p, struct ofmeter *m)
{
    hmap_remove(&p->meters, &m->hmap_node);
    if (p->ofproto_class && p->ofproto_class->meter_del) {
        p->ofproto_class->meter_del(p, m->meter_id);
    }
    free(m->bands);
    free(m);
}

void
meter_destroy_all(struct ofproto *p)
{
    struct ofmeter *m, *next;
    HMAP_FOR_EACH_SAFE (m, next, hmap_node, &p->meters) {
        meter_destroy(p, m);
    }
    hmap_destroy(&p->meters);
}

/* Deletes the rules that use meter 'meter_id'. */
static void
delete_rules_of_meter(struct ofproto *p, uint32_t meter_id)
{
    struct ofproto_txn txn;
    ofproto_txn_init(&txn, p, NULL, 0);
    for (int t = 0; t < p->n_tables; t++) {
        struct rule **rules = NULL;
        size_t n = 0, allocated = 0;
        struct rule *rule;
        CLS_FOR_EACH_TARGET (rule, cr, &p->tables[t].cls, NULL,
                             txn.version) {
            if (rule_get_actions(rule)->meter_id == meter_id) {
                if (n >= allocated) {
                    rules = x2nrealloc(rules, &allocated, sizeof *rules);
                }
                rules[n++] = rule;
            }
        }
        for (size_t i = 0; i < n; i++) {
            ofproto_txn_delete(&txn, rules[i], OFPRR_METER_DELETE);
        }
        free(rules);
    }
    ofproto_txn_commit(&txn);
}

enum ofperr
ofproto_handle_meter_mod(struct ofproto *p, struct ofconn *ofconn,
                         const struct ofp_header *oh)
{
    if (ofconn_get_role(ofconn) == OFPCR12_ROLE_SLAVE) {
        return OFPERR_OFPBRC_IS_SECONDARY;
    }
    uint64_t stub[256 / 8];
    struct ofpbuf bands;
    ofpbuf_use_stub(&bands, stub, sizeof stub);
    struct ofputil_meter_mod mm;
    enum ofperr error = ofputil_decode_meter_mod(oh, &mm, &bands);
    if (error) {
        goto exit;
    }
    uint32_t id = mm.meter.meter_id;
    if (mm.command != OFPMC13_DELETE
        && (id == 0 || id > OFPM13_MAX)) {
        error = OFPERR_OFPMMFC_INVALID_METER;
        goto exit;
    }
    struct ofmeter *m = meter_find(p, id);
    switch (mm.command) {
    case OFPMC13_ADD:
    case OFPMC13_MODIFY:
        if (mm.command == OFPMC13_ADD ? m != NULL : m == NULL) {
            error = (m ? OFPERR_OFPMMFC_METER_EXISTS
                     : OFPERR_OFPMMFC_UNKNOWN_METER);
            goto exit;
        }
        if (!(mm.meter.flags & (OFPMF13_KBPS | OFPMF13_PKTPS))
            || (mm.meter.flags & OFPMF13_KBPS
                && mm.meter.flags & OFPMF13_PKTPS)) {
            error = OFPERR_OFPMMFC_BAD_FLAGS;
            goto exit;
        }
        if (!m) {
            m = xzalloc(sizeof *m);
            m->meter_id = id;
            m->created = time_msec();
            hmap_insert(&p->meters, &m->hmap_node, hash_int(id, 0));
        }
        free(m->bands);
        m->flags = mm.meter.flags;
        m->n_bands = mm.meter.n_bands;
        m->bands = xmemdup(mm.meter.bands,
                           mm.meter.n_bands * sizeof *mm.meter.bands);
        if (p->ofproto_class->meter_set) {
            error = p->ofproto_class->meter_set(p, m);
        }
        break;
    case OFPMC13_DELETE:
        if (id == OFPM13_ALL) {
            struct ofmeter *next;
            HMAP_FOR_EACH_SAFE (m, next, hmap_node, &p->meters) {
                delete_rules_of_meter(p, m->meter_id);
                meter_destroy(p, m);
            }
        } else if (m) {
            delete_rules_of_meter(p, id);
            meter_destroy(p, m);
        }
        break;
    default:
        error = OFPERR_OFPMMFC_BAD_COMMAND;
        break;
    }
exit:
    ofpbuf_uninit(&bands);
    return error;
}

enum ofperr
ofproto_handle_meter_request(struct ofproto *p, struct ofconn *ofconn,
                             const struct ofp_header *oh, enum ofptype type)
{
    if (type == OFPTYPE_METER_FEATURES_STATS_REQUEST) {
        struct ofputil_meter_features mf = {
            .max_meters = 262144,
            .band_types = 1 << OFPMBT13_DROP,
            .capabilities = (OFPMF13_KBPS | OFPMF13_PKTPS | OFPMF13_BURST
                             | OFPMF13_STATS),
            .max_bands = 8,
            .max_color = 0,
        };
        ofconn_send_reply(ofconn,
                          ofputil_encode_meter_features_reply(&mf, oh));
        return 0;
    }
    uint32_t meter_id = ofputil_decode_meter_request(oh);
    struct svs_list replies;
    ofpmp_init(&replies, oh);
    /* In meter id order. */
    size_t n = 0;
    struct ofmeter **meters = xmalloc((hmap_count(&p->meters) + 1)
                                      * sizeof *meters);
    struct ofmeter *m;
    HMAP_FOR_EACH (m, hmap_node, &p->meters) {
        if (meter_id == OFPM13_ALL || meter_id == m->meter_id) {
            meters[n++] = m;
        }
    }
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0
                 && meters[j - 1]->meter_id > meters[j]->meter_id; j--) {
            struct ofmeter *tmp = meters[j];
            meters[j] = meters[j - 1];
            meters[j - 1] = tmp;
        }
    }
    long long int now = time_msec();
    for (size_t i = 0; i < n; i++) {
        m = meters[i];
        if (type == OFPTYPE_METER_CONFIG_STATS_REQUEST) {
            struct ofputil_meter_config mc = {
                .meter_id = m->meter_id,
                .flags = m->flags,
                .n_bands = m->n_bands,
                .bands = m->bands,
            };
            ofputil_append_meter_config(&replies, &mc);
        } else {
            struct ofputil_meter_band_stats *bs
                = xcalloc(m->n_bands + 1, sizeof *bs);
            struct ofputil_meter_stats ms = {
                .meter_id = m->meter_id,
                .flow_count = 0,
                .duration_sec = (now - m->created) / 1000,
                .duration_nsec = ((now - m->created) % 1000) * 1000000,
                .n_bands = m->n_bands,
                .bands = bs,
            };
            cls_version_t version = ofproto_get_version(p);
            for (int t = 0; t < p->n_tables; t++) {
                const struct rule *rule;
                CLS_FOR_EACH_TARGET (rule, cr, &p->tables[t].cls, NULL,
                                     version) {
                    if (rule_get_actions(rule)->meter_id == m->meter_id) {
                        ms.flow_count++;
                    }
                }
            }
            ofputil_append_meter_stats(&replies, &ms);
            free(bs);
        }
    }
    free(meters);
    ofconn_send_replies(ofconn, &replies);
    return 0;
}
