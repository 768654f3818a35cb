/* test-classifier: unit and randomized tests of lib/classifier, driven by
 * tests/test_classifier.py.
 *
 * Usage: test-classifier COMMAND [SEED [SCALE]]
 *
 * Commands:
 *   basic       fixed scenarios: insert, replace, remove, versions,
 *               find exactly, cursors with targets, overlaps, defer.
 *   trie        prefix tries against brute force.
 *   random      random rule sets (random masks, priorities, prefix and
 *               arbitrary bit masks) with inserts, removes, replaces and
 *               version changes interleaved with lookups; every lookup is
 *               checked against a linear search, and the reported
 *               wildcards by perturbing the flow outside them.
 *   conjunction random conjunctive matches against a linear model.
 *   threads     reader threads look up while the writer changes the rule
 *               set in versioned batches; every sampled lookup is checked
 *               afterward against the rules visible in its version.
 *
 * Each command prints a summary line and exits 0, or aborts with the
 * failed check. */
#include <config.h>
#include "classifier.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "classifier-private.h"
#include "cls-trie.h"
#include "flow-words.h"
#include "random.h"
#include "util.h"

#define CHECK(COND)                                                     \
    do {                                                                \
        if (!(COND)) {                                                  \
            fprintf(stderr, "%s:%d: check failed: %s (seed %u)\n",      \
                    __FILE__, __LINE__, #COND, seed);                   \
            abort();                                                    \
        }                                                               \
    } while (0)

static unsigned int seed = 1;
static int scale = 1;

/* Test rules and the linear-search reference. */

struct test_rule {
    struct cls_rule cls_rule;
    int id;
    int priority;
    int n_words;
    uint8_t idx[FLOW_U64S];
    uint64_t vals[FLOW_U64S];
    uint64_t masks[FLOW_U64S];
    cls_version_t add, remove;  /* The reference's idea of visibility. */
    bool in_cls;
    size_t n_conj;
    struct cls_conjunction conj[3];
};

static void
test_rule_init(struct test_rule *r, int id, const struct flow *flow,
               const struct flow_wildcards *mask, int priority)
{
    const uint64_t *fw = flow_u64_const(flow);
    const uint64_t *mw = flow_u64_const(&mask->masks);

    memset(r, 0, sizeof *r);
    r->id = id;
    r->priority = priority;
    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (mw[i]) {
            r->idx[r->n_words] = i;
            r->masks[r->n_words] = mw[i];
            r->vals[r->n_words] = fw[i] & mw[i];
            r->n_words++;
        }
    }
    r->remove = CLS_NOT_REMOVED_VERSION;
    cls_rule_init(&r->cls_rule, flow, mask, priority);
}

static bool
test_rule_matches(const struct test_rule *r, const struct flow *flow)
{
    const uint64_t *fw = flow_u64_const(flow);

    for (int i = 0; i < r->n_words; i++) {
        if ((fw[r->idx[i]] & r->masks[i]) != r->vals[i]) {
            return false;
        }
    }
    return true;
}

static bool
test_rule_visible(const struct test_rule *r, cls_version_t v)
{
    return r->add <= v && v < r->remove;
}

static int
compare_ints(const void *a_, const void *b_)
{
    const int *a = a_, *b = b_;
    return *a < *b ? -1 : *a > *b;
}

/* The reference lookup: the semantics of classifier.h, by linear search
 * over the 'n' rules in 'rules'. */
static const struct test_rule *
ref_lookup(struct test_rule **rules, size_t n, cls_version_t version,
           const struct flow *flow, bool allow_conj)
{
    const struct test_rule *hard = NULL;

    for (size_t i = 0; i < n; i++) {
        const struct test_rule *r = rules[i];
        if (!r->n_conj && test_rule_visible(r, version)
            && (!hard || r->priority > hard->priority)
            && test_rule_matches(r, flow)) {
            hard = r;
        }
    }
    if (!allow_conj) {
        return hard;
    }

    /* Soft priorities above the hard match, in decreasing order. */
    int64_t hard_pri = hard ? hard->priority : INT64_MIN;
    int *prios = xmalloc((n + 1) * sizeof *prios);
    size_t n_prios = 0;
    for (size_t i = 0; i < n; i++) {
        const struct test_rule *r = rules[i];
        if (r->n_conj && r->priority > hard_pri
            && test_rule_visible(r, version) && test_rule_matches(r, flow)) {
            prios[n_prios++] = r->priority;
        }
    }
    qsort(prios, n_prios, sizeof *prios, compare_ints);

    const struct test_rule *result = NULL;
    for (size_t p = n_prios; p-- > 0 && !result; ) {
        if (p + 1 < n_prios && prios[p] == prios[p + 1]) {
            continue;
        }

        /* Candidate (id, n_clauses) pairs at this priority, ascending id,
         * and whether all clauses matched. */
        uint32_t ids[256];
        size_t n_ids = 0;
        for (size_t i = 0; i < n; i++) {
            const struct test_rule *r = rules[i];
            if (r->priority != prios[p] || !r->n_conj
                || !test_rule_visible(r, version)
                || !test_rule_matches(r, flow)) {
                continue;
            }
            for (size_t k = 0; k < r->n_conj; k++) {
                const struct cls_conjunction *c = &r->conj[k];
                uint64_t clauses = 0;
                for (size_t j = 0; j < n; j++) {
                    const struct test_rule *q = rules[j];
                    if (q->priority != prios[p] || !q->n_conj
                        || !test_rule_visible(q, version)
                        || !test_rule_matches(q, flow)) {
                        continue;
                    }
                    for (size_t l = 0; l < q->n_conj; l++) {
                        if (q->conj[l].id == c->id
                            && q->conj[l].n_clauses == c->n_clauses) {
                            clauses |= UINT64_C(1) << (q->conj[l].clause - 1);
                        }
                    }
                }
                if (clauses == (UINT64_C(1) << c->n_clauses) - 1
                    && n_ids < ARRAY_SIZE(ids)) {
                    ids[n_ids++] = c->id;
                }
            }
        }
        qsort(ids, n_ids, sizeof *ids, compare_ints);
        for (size_t k = 0; k < n_ids && !result; k++) {
            if (k && ids[k] == ids[k - 1]) {
                continue;
            }
            struct flow f = *flow;
            f.conj_id = ids[k];
            result = ref_lookup(rules, n, version, &f, false);
        }
    }
    free(prios);
    return result ? result : hard;
}

/* Random flows and masks over a small value space, so that rules and
 * packets often overlap. */

static uint32_t
pick(const uint32_t *values, size_t n)
{
    return values[random_range(n)];
}

static void
random_ipv6(struct in6_addr *a)
{
    static const uint32_t nets[] = { 0x20010db8, 0x20010db9, 0xfe800000 };
    uint32_t w[4] = {
        pick(nets, ARRAY_SIZE(nets)),
        random_range(4) << 28,
        random_range(2) ? 0 : random_uint32(),
        random_range(3) ? random_range(8) : random_uint32(),
    };
    for (int i = 0; i < 4; i++) {
        w[i] = htonl(w[i]);
    }
    memcpy(a, w, sizeof w);
}

static void
random_flow(struct flow *flow)
{
    static const uint32_t dl_types[] = { 0x0800, 0x0800, 0x86dd, 0x0806,
                                         0x88cc };
    static const uint32_t protos[] = { 6, 17, 1, 58 };
    static const uint32_t ports[] = { 80, 443, 53, 22, 8080 };
    static const uint32_t nets[] = { 0x0a000000, 0x0a010000, 0xc0a80000,
                                     0xac100000 };

    memset(flow, 0, sizeof *flow);
    flow->in_port = 1 + random_range(4);
    flow->metadata = random_range(3);
    flow->regs[0] = random_range(4);
    flow->regs[5] = random_range(2) ? 0 : random_uint32();
    flow->tunnel.tun_id = random_range(2);
    flow->tunnel.ip_dst = htonl(pick(nets, ARRAY_SIZE(nets))
                                | random_range(256));
    for (int i = 0; i < 6; i++) {
        flow->dl_src.ea[i] = i == 5 ? random_range(4) : 0x50;
        flow->dl_dst.ea[i] = i == 5 ? random_range(4) : 0x52;
    }
    flow->dl_type = htons(pick(dl_types, ARRAY_SIZE(dl_types)));
    if (random_range(3) == 0) {
        flow->vlans[0].tpid = htons(0x8100);
        flow->vlans[0].tci = htons(VLAN_CFI | random_range(8));
    }
    flow->nw_src = htonl(pick(nets, ARRAY_SIZE(nets))
                         | (random_range(4) << 8) | random_range(256));
    flow->nw_dst = htonl(pick(nets, ARRAY_SIZE(nets))
                         | (random_range(16) << 4) | random_range(16));
    if (random_range(4) == 0) {
        flow->nw_dst = htonl(random_uint32());
    }
    random_ipv6(&flow->ipv6_src);
    random_ipv6(&flow->ipv6_dst);
    flow->nw_proto = pick(protos, ARRAY_SIZE(protos));
    flow->nw_tos = random_range(2) * 4;
    flow->nw_ttl = 64;
    flow->tp_src = htons(random_range(2) ? pick(ports, ARRAY_SIZE(ports))
                         : random_range(65536));
    flow->tp_dst = htons(random_range(2) ? pick(ports, ARRAY_SIZE(ports))
                         : random_range(65536));
}

static uint32_t
prefix_mask32(unsigned int plen)
{
    return plen ? UINT32_MAX << (32 - plen) : 0;
}

static void
set_prefix6(struct in6_addr *mask, unsigned int plen)
{
    uint32_t w[4];
    for (int i = 0; i < 4; i++) {
        unsigned int n = plen > 32 * i ? plen - 32 * i : 0;
        w[i] = htonl(prefix_mask32(n > 32 ? 32 : n));
    }
    memcpy(mask, w, sizeof w);
}

/* Masks a random set of fields, each exactly, by prefix or by random
 * bits. */
static void
random_mask(struct flow_wildcards *wc)
{
    struct flow *m = &wc->masks;

    memset(wc, 0, sizeof *wc);
    int n_fields = random_range(40) ? 1 + random_range(5) : 0;
    for (int k = 0; k < n_fields; k++) {
        switch (random_range(16)) {
        case 0: m->in_port = UINT32_MAX; break;
        case 1: m->metadata = random_range(2) ? UINT64_MAX : 1; break;
        case 2: m->regs[0] = random_range(2) ? UINT32_MAX : 3; break;
        case 3: m->tunnel.tun_id = UINT64_MAX; break;
        case 4:
            m->tunnel.ip_dst = htonl(prefix_mask32(8 + random_range(25)));
            break;
        case 5: memset(&m->dl_src, 0xff, sizeof m->dl_src); break;
        case 6: memset(&m->dl_dst, 0xff, sizeof m->dl_dst); break;
        case 7: m->dl_type = 0xffff; break;
        case 8: m->vlans[0].tci = htons(random_range(2) ? 0xffff : VLAN_CFI);
            break;
        case 9:
            m->nw_src = htonl(random_range(6)
                              ? prefix_mask32(random_range(33))
                              : random_uint32());
            break;
        case 10:
            m->nw_dst = htonl(random_range(6)
                              ? prefix_mask32(random_range(33))
                              : random_uint32());
            break;
        case 11: set_prefix6(&m->ipv6_src, random_range(129)); break;
        case 12: set_prefix6(&m->ipv6_dst, random_range(129)); break;
        case 13: m->nw_proto = 0xff; break;
        case 14:
            m->tp_src = htons(random_range(2) ? 0xffff : random_uint32());
            break;
        case 15:
            m->tp_dst = htons(random_range(3) ? 0xffff
                              : prefix_mask32(random_range(17)) >> 16);
            break;
        }
    }
}

/* A flow that matches 'r' in its masked bits and is random elsewhere. */
static void
flow_near_rule(const struct test_rule *r, struct flow *flow)
{
    uint64_t *fw = flow_u64(flow);

    random_flow(flow);
    for (int i = 0; i < r->n_words; i++) {
        fw[r->idx[i]] = (fw[r->idx[i]] & ~r->masks[i]) | r->vals[i];
    }
}

/* Checks that every flow that agrees with 'flow' on 'wc' gets 'result'
 * from 'cls' and that a linear search agrees on its priority. */
static void
check_wildcards(const struct classifier *cls, struct test_rule **rules,
                size_t n, cls_version_t version, const struct flow *flow,
                const struct flow_wildcards *wc,
                const struct cls_rule *result, int n_tries)
{
    const uint64_t *fw = flow_u64_const(flow);
    const uint64_t *ww = flow_u64_const(&wc->masks);

    for (int k = 0; k < n_tries; k++) {
        struct flow other;
        uint64_t *ow = flow_u64(&other);

        switch (k % 4) {
        case 0:
            random_bytes(&other, sizeof other);
            break;
        case 1:
            random_flow(&other);
            break;
        case 2:
            /* Near a random rule: the flows most likely to get another
             * answer if 'wc' missed a bit. */
            if (n) {
                flow_near_rule(rules[random_range(n)], &other);
            } else {
                random_flow(&other);
            }
            break;
        case 3:
            /* 'flow' with one bit flipped that some rule looks at. */
            other = *flow;
            if (n) {
                const struct test_rule *r = rules[random_range(n)];
                if (r->n_words) {
                    int j = random_range(r->n_words);
                    uint64_t bits = r->masks[j] & ~ww[r->idx[j]];
                    if (bits) {
                        int b;
                        do {
                            b = random_range(64);
                        } while (!(bits >> b & 1));
                        ow[r->idx[j]] ^= UINT64_C(1) << b;
                    }
                }
            }
            break;
        }
        for (size_t i = 0; i < FLOW_U64S; i++) {
            ow[i] = (fw[i] & ww[i]) | (ow[i] & ~ww[i]);
        }
        other.conj_id = flow->conj_id;

        const struct cls_rule *r2 = classifier_lookup(cls, version, &other,
                                                      NULL);
        CHECK(r2 == result);
        const struct test_rule *ref = ref_lookup(rules, n, version, &other,
                                                 true);
        CHECK(!ref == !result);
        CHECK(!ref || ref->priority == result->priority);
    }
}

/* Checks one lookup of 'flow' against the reference, with and without
 * wildcards. */
static void
check_lookup(const struct classifier *cls, struct test_rule **rules,
             size_t n, cls_version_t version, const struct flow *flow,
             bool check_wc, int *n_hits)
{
    struct flow_wildcards wc;
    memset(&wc, 0, sizeof wc);

    const struct cls_rule *r1 = classifier_lookup(cls, version, flow, NULL);
    const struct cls_rule *r2 = classifier_lookup(cls, version, flow, &wc);
    const struct test_rule *ref = ref_lookup(rules, n, version, flow, true);

    CHECK(!ref == !r1);
    CHECK(!ref == !r2);
    if (ref) {
        CHECK(r1->priority == ref->priority);
        CHECK(r2->priority == ref->priority);
        CHECK(r1 == r2);
        (*n_hits)++;
    }
    if (check_wc) {
        check_wildcards(cls, rules, n, version, flow, &wc, r2, 8);
    }
}

/* "basic". */

static void
make_flow(struct flow *flow, uint32_t nw_src, uint32_t nw_dst,
          uint16_t tp_dst)
{
    memset(flow, 0, sizeof *flow);
    flow->dl_type = htons(0x0800);
    flow->nw_proto = 6;
    flow->nw_src = htonl(nw_src);
    flow->nw_dst = htonl(nw_dst);
    flow->tp_dst = htons(tp_dst);
}

static void
make_rule(struct test_rule *r, int id, int priority, uint32_t nw_dst,
          int plen, int tp_dst)
{
    struct flow flow;
    struct flow_wildcards wc;

    make_flow(&flow, 0, nw_dst, tp_dst < 0 ? 0 : tp_dst);
    memset(&wc, 0, sizeof wc);
    wc.masks.dl_type = 0xffff;
    wc.masks.nw_dst = htonl(prefix_mask32(plen));
    if (tp_dst >= 0) {
        wc.masks.nw_proto = 0xff;
        wc.masks.tp_dst = 0xffff;
    }
    test_rule_init(r, id, &flow, &wc, priority);
}

static void
cmd_basic(void)
{
    struct classifier cls;
    struct test_rule r[8];
    struct flow flow;
    struct flow_wildcards wc;
    enum cls_prefix_field fields[] = { CLS_PREFIX_NW_DST, CLS_PREFIX_NW_SRC };

    classifier_init(&cls);
    CHECK(classifier_set_prefix_fields(&cls, fields, 2));
    CHECK(!classifier_set_prefix_fields(&cls, fields, 2));
    CHECK(classifier_is_empty(&cls));

    make_rule(&r[0], 0, 100, 0x0a000000, 8, -1);        /* 10/8 */
    make_rule(&r[1], 1, 200, 0x0a010000, 16, 80);       /* 10.1/16:80 */
    make_rule(&r[2], 2, 50, 0, 0, -1);                  /* ip */
    for (int i = 0; i < 3; i++) {
        classifier_insert(&cls, &r[i].cls_rule, 1, NULL, 0);
    }
    classifier_check_invariants(&cls);
    CHECK(classifier_count(&cls) == 3);
    CHECK(classifier_n_subtables(&cls) == 3);

    /* Lookups and wildcards. */
    make_flow(&flow, 0x01020304, 0x0a010203, 80);
    memset(&wc, 0, sizeof wc);
    CHECK(classifier_lookup(&cls, 1, &flow, &wc) == &r[1].cls_rule);
    CHECK(wc.masks.tp_dst == 0xffff && wc.masks.nw_src == 0);
    CHECK(!classifier_lookup(&cls, 0, &flow, NULL));

    make_flow(&flow, 0x01020304, 0x0b010203, 80);       /* 11.1.2.3 */
    memset(&wc, 0, sizeof wc);
    CHECK(classifier_lookup(&cls, 1, &flow, &wc) == &r[2].cls_rule);
    /* The tries prove 11.x misses 10/8 and 10.1/16 after a few bits, so
     * neither tp_dst nor all of nw_dst is needed. */
    CHECK(wc.masks.tp_dst == 0);
    CHECK(ntohl(wc.masks.nw_dst) != UINT32_MAX);
    CHECK(ntohl(wc.masks.nw_dst) == prefix_mask32(8)
          || __builtin_clz(~ntohl(wc.masks.nw_dst)) <= 8);

    /* Find exactly. */
    struct test_rule probe;
    make_rule(&probe, 9, 200, 0x0a010000, 16, 80);
    CHECK(classifier_find_rule_exactly(&cls, &probe.cls_rule, 1)
          == &r[1].cls_rule);
    CHECK(!classifier_find_rule_exactly(&cls, &probe.cls_rule, 0));
    probe.cls_rule.priority = 201;
    CHECK(!classifier_find_rule_exactly(&cls, &probe.cls_rule, 1));
    cls_rule_destroy(&probe.cls_rule);

    /* Replace: same match and priority. */
    make_rule(&r[3], 3, 200, 0x0a010000, 16, 80);
    CHECK(classifier_replace(&cls, &r[3].cls_rule, 1, NULL, 0)
          == &r[1].cls_rule);
    CHECK(!r[1].cls_rule.cls_match);
    CHECK(classifier_count(&cls) == 3);
    make_flow(&flow, 0, 0x0a010203, 80);
    CHECK(classifier_lookup(&cls, 1, &flow, NULL) == &r[3].cls_rule);
    classifier_check_invariants(&cls);

    /* Versions: make r[3] invisible in 2 and add r[4] (same match, lower
     * priority) in 2. */
    make_rule(&r[4], 4, 150, 0x0a010000, 16, 80);
    classifier_insert(&cls, &r[4].cls_rule, 2, NULL, 0);
    cls_rule_make_invisible_in_version(&r[3].cls_rule, 2);
    CHECK(classifier_lookup(&cls, 1, &flow, NULL) == &r[3].cls_rule);
    CHECK(classifier_lookup(&cls, 2, &flow, NULL) == &r[4].cls_rule);
    CHECK(cls_rule_visible_in_version(&r[3].cls_rule, 1));
    CHECK(!cls_rule_visible_in_version(&r[3].cls_rule, 2));
    cls_rule_restore_visibility(&r[3].cls_rule);
    CHECK(classifier_lookup(&cls, 2, &flow, NULL) == &r[3].cls_rule);
    cls_rule_make_invisible_in_version(&r[3].cls_rule, 2);
    classifier_check_invariants(&cls);

    /* Cursor: every rule, and rules within 10/8. */
    int n = 0;
    struct test_rule *tr;
    CLS_FOR_EACH (tr, cls_rule, &cls) {
        n++;
    }
    CHECK(n == 3);              /* r[3] is invisible in the max version. */
    struct test_rule target;
    make_rule(&target, 10, 0, 0x0a000000, 8, -1);
    n = 0;
    CLS_FOR_EACH_TARGET (tr, cls_rule, &cls, &target.cls_rule, 1) {
        CHECK(tr == &r[0] || tr == &r[3]);
        n++;
    }
    CHECK(n == 2);
    cls_rule_destroy(&target.cls_rule);

    /* Overlaps: a rule with 10.1.2/24 at priority 100 overlaps r[0]. */
    make_rule(&r[5], 5, 100, 0x0a010200, 24, -1);
    CHECK(classifier_rule_overlaps(&cls, &r[5].cls_rule, 1));
    r[5].cls_rule.priority = 99;
    CHECK(!classifier_rule_overlaps(&cls, &r[5].cls_rule, 1));
    cls_rule_destroy(&r[5].cls_rule);

    /* Remove everything while iterating. */
    CLS_FOR_EACH_TARGET (tr, cls_rule, &cls, NULL, 2) {
        classifier_remove_assert(&cls, &tr->cls_rule);
        classifier_check_invariants(&cls);
    }
    CHECK(classifier_count(&cls) == 1);   /* r[3], invisible in 2. */
    CHECK(classifier_remove(&cls, &r[3].cls_rule));
    CHECK(!classifier_remove(&cls, &r[3].cls_rule));
    CHECK(classifier_is_empty(&cls));
    classifier_publish(&cls);
    CHECK(classifier_n_subtables(&cls) == 0);
    classifier_check_invariants(&cls);

    /* Deferred publication. */
    classifier_defer(&cls);
    for (int i = 0; i < 3; i++) {
        classifier_insert(&cls, &r[i].cls_rule, 1, NULL, 0);
    }
    classifier_publish(&cls);
    classifier_check_invariants(&cls);
    make_flow(&flow, 0, 0x0a010203, 80);
    CHECK(classifier_lookup(&cls, 1, &flow, NULL) == &r[1].cls_rule);

    classifier_destroy(&cls);
    for (int i = 0; i < 5; i++) {
        CHECK(!r[i].cls_rule.cls_match);
        cls_rule_destroy(&r[i].cls_rule);
    }
    cls_rcu_barrier();
    printf("basic: ok\n");
}

/* "trie". */

static void
cmd_trie(void)
{
    struct cls_garbage g;
    struct cls_trie trie;
    enum { N = 400 };
    uint32_t keys[N][4];
    unsigned int plens[N];
    bool present[N];
    int checks = 0;

    cls_garbage_init(&g);
    cls_trie_init(&trie);
    memset(present, 0, sizeof present);
    for (int i = 0; i < N; i++) {
        plens[i] = 1 + random_range(random_range(2) ? 32 : 128);
        for (int j = 0; j < 4; j++) {
            keys[i][j] = (random_range(4) ? 0x20010000 : random_uint32())
                         | random_range(4);
        }
        if (i > 0 && random_range(3) == 0) {
            /* Share a prefix with an earlier key. */
            memcpy(keys[i], keys[random_range(i)], sizeof keys[i]);
            keys[i][3] ^= random_uint32();
        }
    }

    for (int round = 0; round < 20 * N * scale; round++) {
        int i = random_range(N);
        if (present[i]) {
            cls_trie_remove(&trie, keys[i], plens[i], &g);
        } else {
            cls_trie_insert(&trie, keys[i], plens[i], &g);
        }
        present[i] = !present[i];

        if (round % 16) {
            continue;
        }

        /* Look up a random address near a key and compare. */
        uint32_t addr[4];
        memcpy(addr, keys[random_range(N)], sizeof addr);
        addr[random_range(4)] ^= 1u << random_range(32);
        unsigned int n_bits = 128;

        struct cls_plens p;
        unsigned int checkbits = cls_trie_lookup(&trie, addr, n_bits, &p);
        CHECK(checkbits <= n_bits);

        /* Every present prefix no longer than 'n_bits' that covers 'addr'
         * must be reported, and no other length.  Another address that
         * agrees on 'checkbits' bits must get the same lengths. */
        uint32_t other[4];
        for (int j = 0; j < 4; j++) {
            other[j] = random_uint32();
        }
        for (unsigned int b = 0; b < checkbits; b++) {
            uint32_t bit = 1u << (31 - b % 32);
            other[b / 32] = (other[b / 32] & ~bit) | (addr[b / 32] & bit);
        }
        for (int k = 0; k < 2; k++) {
            const uint32_t *a = k ? other : addr;
            struct cls_plens expect = { { 0, 0, 0 } };
            for (int j = 0; j < N; j++) {
                if (!present[j]) {
                    continue;
                }
                bool covers = true;
                for (unsigned int b = 0; b < plens[j] && covers; b++) {
                    uint32_t bit = 1u << (31 - b % 32);
                    covers = !((a[b / 32] ^ keys[j][b / 32]) & bit);
                }
                if (covers) {
                    expect.bits[plens[j] / 64] |= UINT64_C(1)
                                                  << (plens[j] % 64);
                }
            }
            CHECK(!memcmp(&expect, &p, sizeof p));
            checks++;
        }
    }

    cls_trie_destroy(&trie, &g);
    cls_garbage_destroy(&g);
    cls_rcu_barrier();
    printf("trie: ok, %d checks\n", checks);
}

/* "random". */

struct model {
    struct classifier cls;
    struct test_rule **rules;   /* All rules in the classifier. */
    size_t n, allocated;
    int next_id;
    struct flow_wildcards masks[48];
    size_t n_masks;
};

static void
model_add(struct model *m, struct test_rule *r)
{
    if (m->n >= m->allocated) {
        m->allocated = m->allocated ? 2 * m->allocated : 64;
        m->rules = xrealloc(m->rules, m->allocated * sizeof *m->rules);
    }
    m->rules[m->n++] = r;
}

static void
model_del(struct model *m, size_t i)
{
    m->rules[i] = m->rules[--m->n];
}

static struct test_rule *
model_new_rule(struct model *m, int priority)
{
    struct test_rule *r = xmalloc(sizeof *r);
    struct flow flow;

    random_flow(&flow);
    if (m->n && random_range(2)) {
        /* Near an existing rule, for duplicate matches and same-match
         * lists. */
        flow_near_rule(m->rules[random_range(m->n)], &flow);
    }
    test_rule_init(r, m->next_id++, &flow,
                   &m->masks[random_range(m->n_masks)], priority);
    return r;
}

static void
free_rule(struct test_rule *r)
{
    cls_rule_destroy(&r->cls_rule);
    free(r);
}

static void
cmd_random(void)
{
    struct model m;
    enum cls_prefix_field all_fields[] = {
        CLS_PREFIX_NW_DST, CLS_PREFIX_NW_SRC, CLS_PREFIX_IPV6_DST,
        CLS_PREFIX_IPV6_SRC, CLS_PREFIX_TUN_DST,
    };
    int target = 3000 * scale;
    int n_ops = 12000 * scale;
    int n_lookups = 0, n_hits = 0, n_replaced = 0;
    cls_version_t version = 1;

    memset(&m, 0, sizeof m);
    classifier_init(&m.cls);
    m.n_masks = 8 + random_range(ARRAY_SIZE(m.masks) - 8);
    for (size_t i = 0; i < m.n_masks; i++) {
        /* Odd seeds have no catch-all mask, so that lookups also miss
         * (a catch-all rule makes every lookup hit). */
        do {
            random_mask(&m.masks[i]);
        } while (seed % 2 && flow_wildcards_is_catchall(&m.masks[i]));
    }
    classifier_set_prefix_fields(&m.cls, all_fields, 3);

    /* Fill, deferred for speed. */
    classifier_defer(&m.cls);
    while (m.n < (size_t) target / 2) {
        struct test_rule *r = model_new_rule(&m, random_range(1000));
        r->add = version;
        classifier_insert(&m.cls, &r->cls_rule, version, NULL, 0);
        r->in_cls = true;
        model_add(&m, r);
    }
    classifier_publish(&m.cls);
    classifier_check_invariants(&m.cls);

    for (int op = 0; op < n_ops; op++) {
        unsigned int what = random_range(100);

        if (what < 25 && m.n < (size_t) target) {
            /* Insert in the current version. */
            struct test_rule *r = model_new_rule(&m, random_range(1000));
            r->add = version;
            const struct cls_rule *old = classifier_replace(
                &m.cls, &r->cls_rule, version, NULL, 0);
            if (old) {
                for (size_t i = 0; i < m.n; i++) {
                    if (&m.rules[i]->cls_rule == old) {
                        free_rule(m.rules[i]);
                        model_del(&m, i);
                        break;
                    }
                }
                n_replaced++;
            }
            r->in_cls = true;
            model_add(&m, r);
        } else if (what < 45 && m.n) {
            /* Remove. */
            size_t i = random_range(m.n);
            classifier_remove_assert(&m.cls, &m.rules[i]->cls_rule);
            free_rule(m.rules[i]);
            model_del(&m, i);
        } else if (what < 48) {
            /* A versioned batch: add some rules and hide others in
             * version + 1; check both versions; then drop the hidden. */
            cls_version_t next = version + 1;
            for (int k = 0; k < 5; k++) {
                struct test_rule *r = model_new_rule(&m, random_range(1000));
                if (classifier_find_rule_exactly(&m.cls, &r->cls_rule,
                                                 next)) {
                    /* classifier_insert() forbids an identical rule. */
                    free_rule(r);
                    continue;
                }
                r->add = next;
                classifier_insert(&m.cls, &r->cls_rule, next, NULL, 0);
                r->in_cls = true;
                model_add(&m, r);
            }
            for (int k = 0; k < 5 && m.n; k++) {
                struct test_rule *r = m.rules[random_range(m.n)];
                if (r->remove == CLS_NOT_REMOVED_VERSION
                    && r->add <= version) {
                    r->remove = next;
                    cls_rule_make_invisible_in_version(&r->cls_rule, next);
                }
            }
            for (int k = 0; k < 20; k++) {
                struct flow flow;
                flow_near_rule(m.rules[random_range(m.n)], &flow);
                check_lookup(&m.cls, m.rules, m.n, version, &flow, true,
                             &n_hits);
                check_lookup(&m.cls, m.rules, m.n, next, &flow, true,
                             &n_hits);
                n_lookups += 2;
            }
            version = next;
            for (size_t i = 0; i < m.n; ) {
                if (m.rules[i]->remove <= version) {
                    classifier_remove_assert(&m.cls, &m.rules[i]->cls_rule);
                    free_rule(m.rules[i]);
                    model_del(&m, i);
                } else {
                    i++;
                }
            }
        } else if (what < 49) {
            /* Change the prefix fields. */
            enum cls_prefix_field fields[3];
            size_t n = random_range(4);
            for (size_t k = 0; k < n; k++) {
                fields[k] = all_fields[(op + k) % ARRAY_SIZE(all_fields)];
            }
            classifier_set_prefix_fields(&m.cls, fields, n);
        } else if (m.n) {
            struct flow flow;
            unsigned int kind = random_range(8);
            if (kind < 5) {
                flow_near_rule(m.rules[random_range(m.n)], &flow);
            } else if (kind < 7) {
                random_flow(&flow);
            } else {
                random_bytes(&flow, sizeof flow);
                flow.conj_id = 0;
            }
            check_lookup(&m.cls, m.rules, m.n, version, &flow,
                         random_range(4) == 0, &n_hits);
            n_lookups++;
        }

        if (op % 1000 == 0) {
            classifier_check_invariants(&m.cls);

            /* The cursor visits every rule, and a target's loose matches. */
            size_t n_seen = 0;
            struct test_rule *r;
            CLS_FOR_EACH (r, cls_rule, &m.cls) {
                n_seen++;
            }
            CHECK(n_seen == m.n);
            if (m.n) {
                const struct test_rule *t = m.rules[random_range(m.n)];
                size_t expect = 0;
                for (size_t i = 0; i < m.n; i++) {
                    expect += cls_rule_is_loose_match(&m.rules[i]->cls_rule,
                                                      &t->cls_rule);
                }
                n_seen = 0;
                CLS_FOR_EACH_TARGET (r, cls_rule, &m.cls, &t->cls_rule,
                                     version) {
                    CHECK(cls_rule_is_loose_match(&r->cls_rule,
                                                  &t->cls_rule));
                    n_seen++;
                }
                CHECK(n_seen == expect);

                bool overlap = false;
                for (size_t i = 0; i < m.n; i++) {
                    overlap |= (m.rules[i] != t
                                && m.rules[i]->priority == t->priority
                                && cls_rule_overlaps(&m.rules[i]->cls_rule,
                                                     &t->cls_rule));
                }
                CHECK(overlap == classifier_rule_overlaps(&m.cls,
                                                          &t->cls_rule,
                                                          version));
                CHECK(classifier_find_rule_exactly(&m.cls, &t->cls_rule,
                                                   version)
                      == &t->cls_rule);
            }
        }
    }
    classifier_check_invariants(&m.cls);

    /* Empty it again. */
    while (m.n) {
        classifier_remove_assert(&m.cls, &m.rules[m.n - 1]->cls_rule);
        free_rule(m.rules[m.n - 1]);
        m.n--;
    }
    classifier_publish(&m.cls);
    CHECK(classifier_n_subtables(&m.cls) == 0);
    classifier_check_invariants(&m.cls);
    classifier_destroy(&m.cls);
    free(m.rules);
    cls_rcu_barrier();
    printf("random: ok, %d lookups (%d hits), %d replaced, %zu masks\n",
           n_lookups, n_hits, n_replaced, m.n_masks);
}

/* "conjunction". */

static void
cmd_conjunction(void)
{
    struct model m;
    int n_lookups = 0, n_hits = 0, n_conj_results = 0;

    memset(&m, 0, sizeof m);
    classifier_init(&m.cls);
    enum cls_prefix_field fields[] = { CLS_PREFIX_NW_SRC, CLS_PREFIX_NW_DST };
    classifier_set_prefix_fields(&m.cls, fields, 2);

    /* Masks for clauses: single fields. */
    m.n_masks = 0;
    for (int i = 0; i < 6; i++) {
        struct flow_wildcards *wc = &m.masks[m.n_masks++];
        memset(wc, 0, sizeof *wc);
        switch (i) {
        case 0: wc->masks.nw_src = htonl(prefix_mask32(24)); break;
        case 1: wc->masks.nw_dst = htonl(prefix_mask32(28)); break;
        case 2: wc->masks.tp_dst = 0xffff; break;
        case 3: wc->masks.in_port = UINT32_MAX; break;
        case 4: wc->masks.nw_src = UINT32_MAX; break;
        case 5: wc->masks.nw_proto = 0xff; wc->masks.dl_type = 0xffff; break;
        }
    }

    for (int round = 0; round < 30 * scale; round++) {
        /* Conjunctions 1..6 at a few priorities, 2 or 3 clauses, each
         * clause a few rules on random single-field masks; conj_id rules
         * for most ids; some hard rules. */
        for (uint32_t id = 1; id <= 6; id++) {
            int priority = 100 + 10 * random_range(3);
            int n_clauses = 2 + random_range(2);
            for (int c = 1; c <= n_clauses; c++) {
                int n_rules = 1 + random_range(4);
                for (int k = 0; k < n_rules; k++) {
                    struct test_rule *r = model_new_rule(&m, priority);
                    r->conj[0] = (struct cls_conjunction) {
                        .id = id, .clause = c, .n_clauses = n_clauses,
                    };
                    r->n_conj = 1;
                    if (random_range(4) == 0) {
                        /* A second conjunction on the same rule. */
                        uint32_t id2 = 1 + random_range(6);
                        r->conj[1] = (struct cls_conjunction) {
                            .id = id2 + 10, .clause = 1 + random_range(2),
                            .n_clauses = 2,
                        };
                        r->n_conj = 2;
                    }
                    r->add = 1;
                    classifier_insert(&m.cls, &r->cls_rule, 1, r->conj,
                                      r->n_conj);
                    model_add(&m, r);
                }
            }
            if (random_range(5)) {
                struct flow flow;
                struct flow_wildcards wc;
                memset(&flow, 0, sizeof flow);
                memset(&wc, 0, sizeof wc);
                flow.conj_id = random_range(2) ? id : id + 10;
                wc.masks.conj_id = UINT32_MAX;
                struct test_rule *r = xmalloc(sizeof *r);
                test_rule_init(r, m.next_id++, &flow, &wc,
                               random_range(200));
                r->add = 1;
                classifier_insert(&m.cls, &r->cls_rule, 1, NULL, 0);
                model_add(&m, r);
            }
        }
        for (int k = 0; k < 20; k++) {
            struct test_rule *r = model_new_rule(&m, 50 + random_range(100));
            r->add = 1;
            classifier_insert(&m.cls, &r->cls_rule, 1, NULL, 0);
            model_add(&m, r);
        }
        classifier_check_invariants(&m.cls);

        for (int k = 0; k < 300; k++) {
            struct flow flow;
            random_flow(&flow);
            /* Take fields from several rules so that several clauses of
             * one conjunction tend to match. */
            for (int j = 0; j < 4; j++) {
                const struct test_rule *r = m.rules[random_range(m.n)];
                uint64_t *fw = flow_u64(&flow);
                for (int i = 0; i < r->n_words; i++) {
                    if (r->idx[i] != offsetof(struct flow, conj_id) / 8) {
                        fw[r->idx[i]] = ((fw[r->idx[i]] & ~r->masks[i])
                                         | r->vals[i]);
                    }
                }
            }
            flow.conj_id = 0;
            int before = n_hits;
            check_lookup(&m.cls, m.rules, m.n, 1, &flow, true, &n_hits);
            n_lookups++;
            if (n_hits > before) {
                const struct cls_rule *res = classifier_lookup(&m.cls, 1,
                                                               &flow, NULL);
                struct flow_wildcards wc;
                cls_rule_expand(res, NULL, &wc);
                n_conj_results += wc.masks.conj_id != 0;
            }
        }

        /* Remove everything. */
        while (m.n) {
            classifier_remove_assert(&m.cls, &m.rules[m.n - 1]->cls_rule);
            free_rule(m.rules[m.n - 1]);
            m.n--;
        }
        classifier_check_invariants(&m.cls);
    }
    classifier_destroy(&m.cls);
    free(m.rules);
    cls_rcu_barrier();
    CHECK(n_conj_results > 0);
    printf("conjunction: ok, %d lookups (%d hits, %d via conjunctions)\n",
           n_lookups, n_hits, n_conj_results);
}

/* "threads". */

/* One sampled lookup of a reader. */
struct sample {
    cls_version_t version;
    int flow_rule;              /* Index of the rule the flow is near. */
    uint32_t flow_seed;
    const struct cls_rule *result;
    struct flow_wildcards *wc;  /* Reported wildcards, or NULL. */
};

struct thread_ctx {
    const struct classifier *cls;
    struct test_rule **all;     /* Every rule ever created, by id. */
    const int *n_all;           /* Number of rules in 'all' readers may use
                                 * to make flows (atomic). */
    const cls_version_t *version;   /* Atomic. */
    const bool *stop;           /* Atomic. */
    unsigned int id;
    struct sample *samples;
    size_t n_samples, max_samples;
    long long n_lookups;
};

/* Makes the flow of a sample, deterministically from its fields. */
static void
sample_flow(struct test_rule **all, int flow_rule, uint32_t flow_seed,
            struct flow *flow)
{
    random_set_seed(flow_seed);
    flow_near_rule(all[flow_rule], flow);
}

static void *
reader_main(void *ctx_)
{
    struct thread_ctx *ctx = ctx_;
    uint32_t state = 12345 + ctx->id;

    while (!__atomic_load_n(ctx->stop, __ATOMIC_ACQUIRE)) {
        int n_all = __atomic_load_n(ctx->n_all, __ATOMIC_ACQUIRE);
        state = state * 1103515245 + 12345;
        int flow_rule = (state >> 8) % n_all;
        uint32_t flow_seed = state | 1;
        struct flow flow;
        struct flow_wildcards wc;

        sample_flow(ctx->all, flow_rule, flow_seed, &flow);
        memset(&wc, 0, sizeof wc);

        cls_rcu_read_lock();
        cls_version_t v = __atomic_load_n(ctx->version, __ATOMIC_ACQUIRE);
        bool use_wc = ctx->n_lookups & 1;
        const struct cls_rule *result = classifier_lookup(
            ctx->cls, v, &flow, use_wc ? &wc : NULL);
        if (result) {
            /* The rule must match and be visible in 'v'. */
            const struct test_rule *tr
                = CONTAINER_OF(result, struct test_rule, cls_rule);
            CHECK(test_rule_matches(tr, &flow));
            CHECK(test_rule_visible(tr, v));
        }
        cls_rcu_read_unlock();
        ctx->n_lookups++;

        if (ctx->n_samples < ctx->max_samples && state % 7 == 0) {
            size_t k = ctx->n_samples++;
            ctx->samples[k] = (struct sample) {
                .version = v, .flow_rule = flow_rule,
                .flow_seed = flow_seed, .result = result,
                .wc = (use_wc && k % 16 == 0
                       ? xmemdup(&wc, sizeof wc) : NULL),
            };
        }
    }
    return NULL;
}

static void
cmd_threads(void)
{
    enum { N_READERS = 3, MAX_RULES = 60000 };
    struct model m;
    struct test_rule **all = xmalloc(MAX_RULES * sizeof *all);
    int n_all = 0;
    cls_version_t version = 1;
    bool stop = false;
    int n_batches = 300 * scale;

    memset(&m, 0, sizeof m);
    classifier_init(&m.cls);
    m.n_masks = 24;
    for (size_t i = 0; i < m.n_masks; i++) {
        random_mask(&m.masks[i]);
    }
    enum cls_prefix_field fields[] = { CLS_PREFIX_NW_DST, CLS_PREFIX_NW_SRC,
                                       CLS_PREFIX_IPV6_DST };
    classifier_set_prefix_fields(&m.cls, fields, 3);

    for (int i = 0; i < 1500; i++) {
        struct test_rule *r = model_new_rule(&m, random_range(500));
        r->add = version;
        classifier_insert(&m.cls, &r->cls_rule, version, NULL, 0);
        model_add(&m, r);
        all[n_all++] = r;
        CHECK(r->id == n_all - 1);
    }

    struct thread_ctx ctx[N_READERS];
    pthread_t threads[N_READERS];
    for (int i = 0; i < N_READERS; i++) {
        ctx[i] = (struct thread_ctx) {
            .cls = &m.cls, .all = all, .n_all = &n_all,
            .version = &version, .stop = &stop, .id = i,
            .max_samples = 20000, .n_lookups = 0,
        };
        ctx[i].samples = xmalloc(ctx[i].max_samples
                                 * sizeof *ctx[i].samples);
        ctx[i].n_samples = 0;
        pthread_create(&threads[i], NULL, reader_main, &ctx[i]);
    }

    /* The writer: batches of changes, each visible at once in a new
     * version; rules hidden in an older version are removed once no
     * reader can use that version any more.  Rules are never freed before
     * the end, so that samples can be checked. */
    for (int b = 0; b < n_batches && n_all + 40 < MAX_RULES; b++) {
        cls_version_t next = version + 1;
        int n_add = random_range(20);
        for (int k = 0; k < n_add; k++) {
            struct test_rule *r = model_new_rule(&m, random_range(500));
            r->add = next;
            classifier_insert(&m.cls, &r->cls_rule, next, NULL, 0);
            model_add(&m, r);
            all[n_all] = r;
            __atomic_store_n(&n_all, n_all + 1, __ATOMIC_RELEASE);
        }
        int n_del = random_range(20);
        for (int k = 0; k < n_del && m.n; k++) {
            struct test_rule *r = m.rules[random_range(m.n)];
            if (r->remove == CLS_NOT_REMOVED_VERSION && r->add <= version) {
                r->remove = next;
                cls_rule_make_invisible_in_version(&r->cls_rule, next);
            }
        }
        /* A few changes outside versioning: the replaced rule and its
         * replacement are identical for lookups. */
        __atomic_store_n(&version, next, __ATOMIC_RELEASE);
        cls_rcu_synchronize();

        for (size_t i = 0; i < m.n; ) {
            if (m.rules[i]->remove <= version) {
                classifier_remove_assert(&m.cls, &m.rules[i]->cls_rule);
                model_del(&m, i);
            } else {
                i++;
            }
        }
        if (b % 50 == 0) {
            classifier_publish(&m.cls);
        }
    }
    __atomic_store_n(&stop, true, __ATOMIC_RELEASE);

    long long n_lookups = 0;
    size_t n_checked = 0, n_wc_checked = 0;
    for (int i = 0; i < N_READERS; i++) {
        pthread_join(threads[i], NULL);
        n_lookups += ctx[i].n_lookups;
    }
    classifier_check_invariants(&m.cls);

    /* Check the samples against the rules visible in their versions. */
    for (int i = 0; i < N_READERS; i++) {
        for (size_t k = 0; k < ctx[i].n_samples; k += 1 + 3 * (k % 2)) {
            const struct sample *s = &ctx[i].samples[k];
            struct flow flow;
            sample_flow(all, s->flow_rule, s->flow_seed, &flow);
            const struct test_rule *ref = ref_lookup(all, n_all, s->version,
                                                     &flow, true);
            CHECK(!ref == !s->result);
            CHECK(!ref || ref->priority == s->result->priority);
            n_checked++;
        }
        for (size_t k = 0; k < ctx[i].n_samples; k++) {
            const struct sample *s = &ctx[i].samples[k];
            if (!s->wc) {
                continue;
            }
            struct flow flow;
            sample_flow(all, s->flow_rule, s->flow_seed, &flow);
            const struct test_rule *ref = ref_lookup(all, n_all, s->version,
                                                     &flow, true);

            /* Wildcards reported during concurrent changes must still be
             * sufficient for the sample's version: flows that agree with
             * the sample's flow on them get a rule of the same priority
             * (or none). */
            for (int t = 0; t < 4; t++) {
                const uint64_t *fw = flow_u64_const(&flow);
                const uint64_t *ww = flow_u64_const(&s->wc->masks);
                struct flow other;
                uint64_t *ow = flow_u64(&other);

                flow_near_rule(all[random_range(n_all)], &other);
                for (size_t w = 0; w < FLOW_U64S; w++) {
                    ow[w] = (fw[w] & ww[w]) | (ow[w] & ~ww[w]);
                }
                const struct test_rule *ref2 = ref_lookup(all, n_all,
                                                          s->version,
                                                          &other, true);
                CHECK(!ref2 == !ref);
                CHECK(!ref2 || ref2->priority == ref->priority);
                n_wc_checked++;
            }
        }
    }

    classifier_destroy(&m.cls);
    cls_rcu_barrier();
    for (int i = 0; i < n_all; i++) {
        free_rule(all[i]);
    }
    for (int i = 0; i < N_READERS; i++) {
        for (size_t k = 0; k < ctx[i].n_samples; k++) {
            free(ctx[i].samples[k].wc);
        }
        free(ctx[i].samples);
    }
    free(all);
    free(m.rules);
    CHECK(n_wc_checked > 0);
    printf("threads: ok, %lld lookups in %d readers during %llu versions, "
           "%zu checked (%zu wildcard checks)\n", n_lookups, N_READERS,
           (unsigned long long) version, n_checked, n_wc_checked);
}

int
main(int argc, char *argv[])
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s basic|trie|random|conjunction|threads "
                "[SEED [SCALE]]\n", argv[0]);
        return 1;
    }
    seed = argc > 2 ? strtoul(argv[2], NULL, 10) : (unsigned int) time(NULL);
    scale = argc > 3 ? atoi(argv[3]) : 1;
    random_set_seed(seed);

    const char *cmd = argv[1];
    if (!strcmp(cmd, "basic")) {
        cmd_basic();
    } else if (!strcmp(cmd, "trie")) {
        cmd_trie();
    } else if (!strcmp(cmd, "random")) {
        cmd_random();
    } else if (!strcmp(cmd, "conjunction")) {
        cmd_conjunction();
    } else if (!strcmp(cmd, "threads")) {
        cmd_threads();
    } else {
        fprintf(stderr, "unknown command '%s'\n", cmd);
        return 1;
    }
    return 0;
}
