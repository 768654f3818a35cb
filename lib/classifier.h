/* classifier.h: a tuple-space-search flow classifier.
 *
 * What
 * ====
 *
 * A classifier holds rules.  A rule is a match (a flow plus a mask of the
 * significant bits, see flow.h) with a priority, a range of versions in
 * which it is visible, and optionally a set of conjunctions.
 * classifier_lookup() finds, for a packet's flow, the highest-priority rule
 * visible in a given version whose match the flow satisfies, and reports
 * into a struct flow_wildcards the bits of the flow that the answer
 * depended on: the "megaflow" mask the switch installs in its datapath.
 * Any flow that agrees with the looked-up flow on every reported bit gets
 * the same answer.
 *
 * Rules with equal priorities that can match one packet are ambiguous (as
 * OpenFlow says): the lookup returns one of them.
 *
 * Design
 * ======
 *
 * Tuple space search: rules are grouped into subtables, one per distinct
 * mask; each subtable is a hash table keyed by the masked flow words.  A
 * lookup visits subtables in decreasing order of their highest rule
 * priority and stops as soon as no remaining subtable can beat the best
 * match so far.
 *
 * When the caller asks for wildcards, each subtable lookup is staged over
 * the four segments of struct flow (metadata, L2, L3, L4): a subtable
 * keeps an index of the partial hashes of its rules up to each stage, and a
 * miss in an early stage stops there, so that only the bits of the stages
 * consulted go into the mask.  Prefix tries over configurable address
 * fields (classifier_set_prefix_fields(), like the "prefixes" column of
 * OVSDB's Flow_Table) let a lookup skip a subtable that matches an address
 * by prefix when no rule prefix of that length covers the packet's
 * address, consulting only as many leading address bits as the trie walk
 * needed.  Likewise each subtable whose mask has transport port bits keeps
 * a trie of its rules' masked (tp_src, tp_dst): a miss in its L4 stage
 * consults only the leading port bits that prove it (so that a megaflow
 * matches a port range rather than one port).
 *
 * Each subtable also keeps, per stage, a small Bloom filter of its rules'
 * hashes through that stage; with three or more subtables, a lookup
 * checks it before the subtable's hash table or stage index, so that the
 * common case of a subtable that does not match touches only a few bytes
 * that stay in cache.
 *
 * Versions: each rule is visible from the version it was added in up to,
 * not including, the version it was made invisible in.  A writer adds a
 * batch of rules in version N+1 and marks the rules they replace invisible
 * in N+1; lookups in version N see the old set and lookups in N+1 the new,
 * so the batch becomes visible at once when readers move to N+1.
 *
 * Conjunctive matches (the OpenFlow "conjunction" action): a rule with
 * conjunctions is a "soft" match.  A lookup first finds the best "hard"
 * rule (one without conjunctions) of priority H and all matching soft
 * rules of priority above H.  A conjunction (id, n) at priority P is
 * satisfied if matching soft rules at priority P cover clauses 1..n of it.
 * Satisfied conjunctions are tried by decreasing priority, then increasing
 * id: for each, the flow is looked up again with conj_id set to the id and
 * soft rules ignored; the first such lookup that finds a rule gives the
 * result.  If none does, the result is the hard rule.
 *
 * Thread-safety
 * =============
 *
 * A classifier may be read by many threads concurrently with a single
 * writer, using RCU (liburcu's "bulletproof" flavor, so that no thread
 * needs to register).  Functions are grouped below by their contract.
 * Memory the classifier allocates internally is freed after an RCU grace
 * period; a cls_rule removed from a classifier may still be in use by
 * concurrent readers, so its owner must free it only after a grace period
 * (urcu_bp_call_rcu() or urcu_bp_synchronize_rcu()).
 *
 * A rule returned by a lookup stays valid while the caller stays in an RCU
 * read-side critical section (urcu_bp_read_lock()), or indefinitely in the
 * writer's thread until the writer removes it. */
#ifndef SVS_CLASSIFIER_H
#define SVS_CLASSIFIER_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "hmap.h"
#include "util.h"

struct cls_match;
struct cls_subtable;
struct ds;

/* Versions.  A rule is visible in version V if its add version <= V <
 * its remove version. */
typedef uint64_t cls_version_t;
#define CLS_MIN_VERSION 0
#define CLS_MAX_VERSION (UINT64_MAX - 1)
#define CLS_NOT_REMOVED_VERSION UINT64_MAX

/* Fields usable for prefix tracking (classifier_set_prefix_fields()). */
enum cls_prefix_field {
    CLS_PREFIX_NW_SRC,          /* "nw_src" or "ip_src" (IPv4 and ARP). */
    CLS_PREFIX_NW_DST,          /* "nw_dst" or "ip_dst" (IPv4 and ARP). */
    CLS_PREFIX_IPV6_SRC,        /* "ipv6_src". */
    CLS_PREFIX_IPV6_DST,        /* "ipv6_dst". */
    CLS_PREFIX_TUN_SRC,         /* "tun_src". */
    CLS_PREFIX_TUN_DST,         /* "tun_dst". */
    CLS_PREFIX_TUN_IPV6_SRC,    /* "tun_ipv6_src". */
    CLS_PREFIX_TUN_IPV6_DST,    /* "tun_ipv6_dst". */
    CLS_N_PREFIX_FIELDS
};

/* At most this many prefix fields may be tracked at once. */
#define CLS_MAX_PREFIX_FIELDS 3

/* A match in compact form: the nonzero words of a mask and the
 * corresponding words of a flow ANDed with it (see flow-words.h).
 * 'data' holds popcount(map) flow words, then as many mask words. */
struct cls_minimatch {
    uint64_t map;               /* Bit i: word i of the mask is nonzero. */
    uint64_t data[];            /* Values, then masks. */
};

/* A rule, to be embedded in a larger structure by the client.
 *
 * Only the classifier's writer may change it while it is in a
 * classifier. */
struct cls_rule {
    int priority;               /* Larger numbers are higher priorities. */
    struct cls_match *cls_match;    /* Internal; NULL if not in a
                                     * classifier. */
    struct cls_minimatch *match;    /* The match, owned by the rule. */
};

/* One conjunction a rule takes part in: clause 'clause' (1-based) of
 * 'n_clauses' of conjunction 'id'. */
struct cls_conjunction {
    uint32_t id;
    uint8_t clause;             /* 1 <= clause <= n_clauses. */
    uint8_t n_clauses;          /* 2 <= n_clauses <= 64. */
};

/* A classifier.  Its members are private. */
struct classifier {
    int n_rules;                        /* Rules in the classifier. */
    struct hmap subtables;              /* cls_subtable by mask hash. */
    struct cls_pvec *pvec;              /* RCU: subtables by priority. */
    struct cls_pvec_writer *wvec;       /* Writer's copy of 'pvec'. */
    bool publish;                       /* Publish 'pvec' on changes? */
    int n_empty_subtables;              /* Empty subtables to destroy. */
    struct cls_tries *tries;            /* RCU: prefix tries. */
    struct cls_garbage *garbage;        /* Memory to free after a grace
                                         * period. */
};

/* Rules. */

/* Initializes 'rule' to match 'flow' in the bits set in 'mask', with
 * 'priority'.  'rule' is not in any classifier.  Bits of 'flow' outside
 * 'mask' are ignored. */
void cls_rule_init(struct cls_rule *rule, const struct flow *flow,
                   const struct flow_wildcards *mask, int priority);
void cls_rule_clone(struct cls_rule *dst, const struct cls_rule *src);
void cls_rule_move(struct cls_rule *dst, struct cls_rule *src);
/* Frees the match of 'rule', which must not be in a classifier. */
void cls_rule_destroy(struct cls_rule *rule);

/* Expands the match of 'rule' into 'flow' (masked) and/or 'mask'; either
 * may be null. */
void cls_rule_expand(const struct cls_rule *rule, struct flow *flow,
                     struct flow_wildcards *mask);
bool cls_rule_equal(const struct cls_rule *a, const struct cls_rule *b);
uint32_t cls_rule_hash(const struct cls_rule *rule, uint32_t basis);
bool cls_rule_is_catchall(const struct cls_rule *rule);
/* True if 'rule' matches 'flow'. */
bool cls_rule_matches_flow(const struct cls_rule *rule,
                           const struct flow *flow);
/* True if every packet 'rule' matches is also matched by 'criteria', i.e.
 * 'rule' is at least as specific as 'criteria' and agrees with it on
 * every bit 'criteria' matches (priorities are ignored). */
bool cls_rule_is_loose_match(const struct cls_rule *rule,
                             const struct cls_rule *criteria);
/* True if some packet can match both 'a' and 'b' (priorities ignored). */
bool cls_rule_overlaps(const struct cls_rule *a, const struct cls_rule *b);

/* Versions of a rule that is in a classifier.  The writer may call these;
 * cls_rule_visible_in_version() also readers. */
bool cls_rule_visible_in_version(const struct cls_rule *rule,
                                 cls_version_t version);
void cls_rule_make_invisible_in_version(const struct cls_rule *rule,
                                        cls_version_t version);
void cls_rule_restore_visibility(const struct cls_rule *rule);

/* Prefix field names as in OVSDB's Flow_Table "prefixes" column. */
bool cls_prefix_field_from_name(const char *name,
                                enum cls_prefix_field *field);
const char *cls_prefix_field_name(enum cls_prefix_field field);

/* Constructor and destructor.  No concurrent readers may exist. */
void classifier_init(struct classifier *cls);
void classifier_destroy(struct classifier *cls);

/* Modifiers.  Caller MUST exclude concurrent calls from other threads;
 * lookups may run concurrently. */

/* Sets the fields used for prefix tracking to the 'n' (at most
 * CLS_MAX_PREFIX_FIELDS, no duplicates) 'fields'.  Returns true if that
 * changed the configuration, false if it was already so or the request was
 * invalid. */
bool classifier_set_prefix_fields(struct classifier *cls,
                                  const enum cls_prefix_field *fields,
                                  size_t n);

/* Inserts 'rule', visible from 'version' on, with the 'n_conj'
 * conjunctions 'conj' (copied).  No rule identical to 'rule' (same match
 * and priority) may be visible in 'version'. */
void classifier_insert(struct classifier *cls, const struct cls_rule *rule,
                       cls_version_t version,
                       const struct cls_conjunction *conj, size_t n_conj);

/* Like classifier_insert(), except that if a rule identical to 'rule' is
 * visible in 'version', that rule is removed from 'cls' (for every
 * version) in the same step in which 'rule' is inserted, and is returned;
 * otherwise returns NULL.  Concurrent readers see either rule. */
const struct cls_rule *classifier_replace(
    struct classifier *cls, const struct cls_rule *rule,
    cls_version_t version, const struct cls_conjunction *conj,
    size_t n_conj);

/* Removes 'rule' from 'cls'.  Returns false if 'rule' was not in a
 * classifier.  See "Thread-safety" above about freeing 'rule'. */
bool classifier_remove(struct classifier *cls, const struct cls_rule *rule);
void classifier_remove_assert(struct classifier *cls,
                              const struct cls_rule *rule);

/* Batching: between classifier_defer() and classifier_publish(), changes
 * to the order of subtables are not published to readers, which makes
 * bulk insertion cheaper.  Rules inserted in the meantime may be missed by
 * lookups until classifier_publish().  classifier_publish() also releases
 * memory retired by earlier removals. */
void classifier_defer(struct classifier *cls);
void classifier_publish(struct classifier *cls);

/* Lookups.  These are RCU protected and may run concurrently with
 * modifiers and each other. */

/* Returns the highest-priority rule visible in 'version' that matches
 * 'flow' (see "Conjunctive matches" above), or NULL.  If 'wc' is nonnull,
 * ORs into it the bits of 'flow' that the result depends on; 'wc' is
 * otherwise left as the caller initialized it. */
const struct cls_rule *classifier_lookup(const struct classifier *cls,
                                         cls_version_t version,
                                         const struct flow *flow,
                                         struct flow_wildcards *wc);

/* Returns the rule with the same match and priority as 'target' that is
 * visible in 'version', or NULL. */
const struct cls_rule *classifier_find_rule_exactly(
    const struct classifier *cls, const struct cls_rule *target,
    cls_version_t version);
/* Same, for a match given as 'flow' and 'mask' and 'priority'. */
const struct cls_rule *classifier_find_match_exactly(
    const struct classifier *cls, const struct flow *flow,
    const struct flow_wildcards *mask, int priority, cls_version_t version);

/* True if some rule other than 'target' with 'target''s priority, visible
 * in 'version', overlaps 'target' (a packet could match both). */
bool classifier_rule_overlaps(const struct classifier *cls,
                              const struct cls_rule *target,
                              cls_version_t version);

int classifier_count(const struct classifier *cls);
bool classifier_is_empty(const struct classifier *cls);
/* Number of subtables, for tests and statistics. */
int classifier_n_subtables(const struct classifier *cls);
/* Bytes of memory the classifier uses internally (approximate, excludes
 * the rules themselves). */
size_t classifier_memory_usage(const struct classifier *cls);

/* Iteration, in the writer's thread only.
 *
 * Visits the rules visible in 'version' that are loose matches of 'target'
 * (cls_rule_is_loose_match(), priorities ignored), or every rule visible
 * in 'version' if 'target' is NULL, in no particular order.  During the
 * iteration the writer may remove the rule just visited (and make rules
 * invisible) but must not insert, replace, publish or change prefix
 * fields. */
struct cls_cursor {
    const struct classifier *cls;
    const struct cls_minimatch *target;     /* NULL for every rule. */
    cls_version_t version;
    struct hmap_node *subtable_node;        /* Current subtable. */
    size_t slot;                            /* Next slot in its table. */
    const struct cls_match *next;           /* Next in same-match list. */
    const struct cls_rule *rule;            /* Current rule or NULL. */
};

struct cls_cursor cls_cursor_start(const struct classifier *cls,
                                   const struct cls_rule *target,
                                   cls_version_t version);
void cls_cursor_advance(struct cls_cursor *cursor);

#define CLS_FOR_EACH(RULE, MEMBER, CLS)                                 \
    CLS_FOR_EACH_TARGET(RULE, MEMBER, CLS, NULL, CLS_MAX_VERSION)
#define CLS_FOR_EACH_TARGET(RULE, MEMBER, CLS, TARGET, VERSION)         \
    for (struct cls_cursor cursor__ = cls_cursor_start(CLS, TARGET,     \
                                                       VERSION);        \
         (cursor__.rule                                                 \
          ? (ASSIGN_CONTAINER(RULE, cursor__.rule, MEMBER), true)       \
          : false);                                                     \
         cls_cursor_advance(&cursor__))

#endif /* classifier.h */
