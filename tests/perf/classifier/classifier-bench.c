/* classifier-bench: measures lib/classifier (see README.md here).
 *
 * For each rule-set shape, builds the rules, inserts them one by one
 * (and again with deferred publication), then looks up a fixed set of
 * packets for a fixed time without and with wildcard (megaflow mask)
 * tracking, in one thread.  Prints one line per shape, or JSON with
 * --json.
 *
 * Usage: classifier-bench [--quick] [--json] [--no-tries] [--seconds S]
 *                         [--seed N] [SHAPE...]
 * Shapes: exact-1x10k 8sub-100prio 32sub-100prio acl-5tuple l2-100k
 *         l3-100k (default: all). */
#include <config.h>
#include "classifier.h"
#include "heap-thp.h"

#include <arpa/inet.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cls-rcu.h"
#include "flow-words.h"
#include "random.h"
#include "util.h"

/* Track prefixes of nw_dst and nw_src?  (--no-tries turns it off.) */
static bool use_tries = true;

struct bench_rule {
    struct cls_rule cls_rule;
    int id;
};

/* A generated rule set with its lookup packets. */
struct shape {
    const char *name;
    const char *description;
    size_t n_rules;
    struct flow *flows;         /* Rule values. */
    struct flow_wildcards *masks;   /* Rule masks (may repeat). */
    int *priorities;
    size_t n_packets;
    struct flow *packets;
    /* Reference figures (OVS 3.1 benchmark on this machine), 0 if none. */
    double ref_lookups, ref_lookups_wc, ref_insert_us;
};

/* The benchmark measures the CPU time of its (only) thread, so that
 * figures stay meaningful on a shared, loaded machine. */
static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static uint32_t
prefix_mask32(unsigned int plen)
{
    return plen ? UINT32_MAX << (32 - plen) : 0;
}

static void
shape_alloc(struct shape *s, size_t n_rules, size_t n_packets)
{
    s->n_rules = n_rules;
    s->flows = xzalloc(n_rules * sizeof *s->flows);
    s->masks = xzalloc(n_rules * sizeof *s->masks);
    s->priorities = xzalloc(n_rules * sizeof *s->priorities);
    s->n_packets = n_packets;
    s->packets = xzalloc(n_packets * sizeof *s->packets);
}

static void
shape_free(struct shape *s)
{
    free(s->flows);
    free(s->masks);
    free(s->priorities);
    free(s->packets);
}

/* Fields for the generic shapes, each set exactly in a mask. */
enum { N_GENERIC_FIELDS = 12 };

static void
generic_set_mask(struct flow_wildcards *wc, int field)
{
    struct flow *m = &wc->masks;

    switch (field) {
    case 0: m->in_port = UINT32_MAX; break;
    case 1: memset(&m->dl_src, 0xff, 6); break;
    case 2: memset(&m->dl_dst, 0xff, 6); break;
    case 3: m->dl_type = 0xffff; break;
    case 4: m->vlans[0].tci = htons(0x1fff); break;
    case 5: m->nw_src = UINT32_MAX; break;
    case 6: m->nw_dst = UINT32_MAX; break;
    case 7: m->nw_proto = 0xff; break;
    case 8: m->tp_src = 0xffff; break;
    case 9: m->tp_dst = 0xffff; break;
    case 10: m->metadata = UINT64_MAX; break;
    case 11: m->tunnel.tun_id = UINT64_MAX; break;
    }
}

/* Size of the value pool of each generic field: like Open vSwitch's own
 * classifier benchmark, field values come from small per-field pools, so
 * that rules and packets overlap and address tries stay small. */
#define POOL 16

/* A random packet-like flow with every generic field from its pool. */
static void
generic_random_flow(struct flow *f)
{
    memset(f, 0, sizeof *f);
    f->in_port = 1 + random_range(POOL);
    for (int i = 0; i < 6; i++) {
        f->dl_src.ea[i] = i < 5 ? 0x02 : random_range(POOL);
        f->dl_dst.ea[i] = i < 5 ? 0x04 : random_range(POOL);
    }
    f->dl_type = htons(random_range(2) ? 0x0800 : 0x86dd);
    f->vlans[0].tci = htons(VLAN_CFI | random_range(POOL));
    f->nw_src = htonl(0xc0a80000 | random_range(POOL) * 0x1011);
    f->nw_dst = htonl(0x0a000000 | random_range(POOL) * 0x10203);
    f->nw_proto = random_range(2) ? 6 : 17;
    f->nw_ttl = 64;
    f->tp_src = htons(1024 + random_range(POOL) * 7);
    f->tp_dst = htons(random_range(POOL) * 13);
    f->metadata = random_range(POOL);
    f->tunnel.tun_id = random_range(POOL);
}

/* A random flow for the L2 and L3 shapes' other fields. */
static void
wide_random_flow(struct flow *f)
{
    memset(f, 0, sizeof *f);
    f->in_port = 1 + random_range(64);
    for (int i = 0; i < 6; i++) {
        f->dl_src.ea[i] = random_range(256) & 0xfe;
        f->dl_dst.ea[i] = random_range(256) & 0xfe;
    }
    f->dl_type = htons(0x0800);
    f->nw_src = htonl(random_uint32());
    f->nw_dst = htonl(random_uint32());
    f->nw_proto = random_range(2) ? 6 : 17;
    f->nw_ttl = 64;
    f->tp_src = htons(random_range(65536));
    f->tp_dst = htons(random_range(65536));
}

/* Masks a flow in the bits of 'mask' onto 'dst' (other bits unchanged). */
static void
flow_overlay(struct flow *dst, const struct flow *src,
             const struct flow_wildcards *mask)
{
    uint64_t *d = flow_u64(dst);
    const uint64_t *s = flow_u64_const(src);
    const uint64_t *m = flow_u64_const(&mask->masks);

    for (size_t i = 0; i < FLOW_U64S; i++) {
        d[i] = (d[i] & ~m[i]) | (s[i] & m[i]);
    }
}

/* Packets: half derived from a random rule (so they usually hit that rule
 * or a better one), half random. */
static void
make_packets(struct shape *s, int hit_percent)
{
    for (size_t i = 0; i < s->n_packets; i++) {
        generic_random_flow(&s->packets[i]);
        if ((int) random_range(100) < hit_percent) {
            size_t r = random_range(s->n_rules);
            flow_overlay(&s->packets[i], &s->flows[r], &s->masks[r]);
        }
    }
}

/* 'n_subtables' random masks over the generic fields, 'n_rules' rules with
 * random values and 'n_prios' distinct priorities. */
static void
make_generic(struct shape *s, size_t n_rules, int n_subtables, int n_prios,
             size_t n_packets)
{
    struct flow_wildcards *masks = xzalloc(n_subtables * sizeof *masks);

    for (int i = 0; i < n_subtables; i++) {
        if (n_subtables == 1) {
            /* All of a 5-tuple flow with its L2 addresses and port. */
            static const int fields[] = { 0, 1, 2, 3, 5, 6, 7, 8, 9 };
            for (size_t k = 0; k < ARRAY_SIZE(fields); k++) {
                generic_set_mask(&masks[i], fields[k]);
            }
            continue;
        }

        /* A distinct random subset of 3..8 fields. */
        for (;;) {
            memset(&masks[i], 0, sizeof masks[i]);
            int n = 3 + random_range(6);
            for (int k = 0; k < n; k++) {
                generic_set_mask(&masks[i], random_range(N_GENERIC_FIELDS));
            }
            int j;
            for (j = 0; j < i; j++) {
                if (!memcmp(&masks[j], &masks[i], sizeof masks[i])) {
                    break;
                }
            }
            if (j == i) {
                break;
            }
        }
    }

    shape_alloc(s, n_rules, n_packets);
    for (size_t r = 0; r < n_rules; r++) {
        generic_random_flow(&s->flows[r]);
        s->masks[r] = masks[r % n_subtables];
        s->priorities[r] = n_prios > 1 ? (int) random_range(n_prios) : 0;
    }
    free(masks);
    make_packets(s, 50);
}

/* ACLs over 5-tuples: prefixes of various lengths on both addresses,
 * protocols, exact and range-like port masks, unique priorities in rule
 * order (as a firewall), and a default rule. */
static void
make_acl(struct shape *s, size_t n_rules, size_t n_packets)
{
    static const int plens[] = { 0, 8, 16, 16, 24, 24, 24, 28, 32, 32 };
    static const uint16_t port_masks[] = { 0, 0xffff, 0xffff, 0xffff,
                                           0xff00, 0xfff0, 0xfc00 };

    shape_alloc(s, n_rules, n_packets);
    for (size_t r = 0; r < n_rules; r++) {
        struct flow *f = &s->flows[r];
        struct flow *m = &s->masks[r].masks;

        memset(f, 0, sizeof *f);
        memset(m, 0, sizeof *m);
        if (r == n_rules - 1) {
            s->priorities[r] = 0;       /* Default rule: catch-all. */
            continue;
        }
        f->dl_type = htons(0x0800);
        m->dl_type = 0xffff;
        f->nw_src = htonl(0x0a000000 | random_range(1 << 20) << 4);
        f->nw_dst = htonl(0xac100000 | random_range(1 << 16));
        m->nw_src = htonl(prefix_mask32(plens[random_range(10)]));
        m->nw_dst = htonl(prefix_mask32(plens[random_range(10)]));
        if (random_range(5)) {
            f->nw_proto = random_range(3) ? 6 : 17;
            m->nw_proto = 0xff;
            f->tp_dst = htons(random_range(3) ? random_range(1024)
                              : random_range(65536));
            m->tp_dst = htons(port_masks[random_range(ARRAY_SIZE(port_masks))]);
            if (random_range(6) == 0) {
                f->tp_src = htons(random_range(65536));
                m->tp_src = htons(port_masks[1 + random_range(5)]);
            }
        }
        s->priorities[r] = n_rules - r;
    }

    for (size_t i = 0; i < n_packets; i++) {
        struct flow *p = &s->packets[i];
        memset(p, 0, sizeof *p);
        p->in_port = 1 + random_range(4);
        p->dl_type = htons(0x0800);
        p->nw_proto = random_range(3) ? 6 : 17;
        p->nw_ttl = 64;
        p->nw_src = htonl(0x0a000000 | random_range(1 << 24));
        p->nw_dst = htonl(0xac100000 | random_range(1 << 16));
        p->tp_src = htons(1024 + random_range(60000));
        p->tp_dst = htons(random_range(2) ? random_range(1024)
                          : random_range(65536));
        if (random_range(2)) {
            /* Near a rule. */
            size_t r = random_range(n_rules - 1);
            flow_overlay(p, &s->flows[r], &s->masks[r]);
        }
    }
}

/* An L2 forwarding table: (VLAN, destination MAC) exact, plus a flood
 * rule. */
static void
make_l2(struct shape *s, size_t n_rules, size_t n_packets)
{
    shape_alloc(s, n_rules, n_packets);
    for (size_t r = 0; r < n_rules; r++) {
        struct flow *f = &s->flows[r];
        struct flow *m = &s->masks[r].masks;

        if (r == n_rules - 1) {
            s->priorities[r] = 0;
            continue;
        }
        f->vlans[0].tci = htons(VLAN_CFI | (r % 100));
        m->vlans[0].tci = htons(0x1fff);
        f->dl_dst.ea[0] = 0x02;
        f->dl_dst.ea[2] = r >> 24;
        f->dl_dst.ea[3] = r >> 16;
        f->dl_dst.ea[4] = r >> 8;
        f->dl_dst.ea[5] = r;
        memset(&m->dl_dst, 0xff, 6);
        s->priorities[r] = 100;
    }
    for (size_t i = 0; i < n_packets; i++) {
        struct flow *p = &s->packets[i];
        wide_random_flow(p);
        p->vlans[0].tci = htons(VLAN_CFI | random_range(100));
        if (random_range(10)) {
            size_t r = random_range(n_rules - 1);
            flow_overlay(p, &s->flows[r], &s->masks[r]);
        }
    }
}

/* An L3 routing table: destination prefixes with priority = length
 * (longest prefix match), mostly /24, plus a default route. */
static void
make_l3(struct shape *s, size_t n_rules, size_t n_packets)
{
    static const int plens[] = { 24, 24, 24, 24, 24, 24, 23, 22, 20, 16,
                                 32, 32, 28, 26, 19, 12 };

    shape_alloc(s, n_rules, n_packets);
    for (size_t r = 0; r < n_rules; r++) {
        struct flow *f = &s->flows[r];
        struct flow *m = &s->masks[r].masks;
        int plen = r == n_rules - 1 ? 0 : plens[random_range(16)];

        f->dl_type = htons(0x0800);
        m->dl_type = 0xffff;
        f->nw_dst = htonl(random_uint32() & prefix_mask32(plen));
        m->nw_dst = htonl(prefix_mask32(plen));
        s->priorities[r] = plen;
    }
    for (size_t i = 0; i < n_packets; i++) {
        struct flow *p = &s->packets[i];
        wide_random_flow(p);
        size_t r = random_range(n_rules);
        p->nw_dst = htonl(random_uint32());
        if (random_range(10)) {
            flow_overlay(p, &s->flows[r], &s->masks[r]);
        }
    }
}

struct result {
    double insert_us, insert_deferred_us, remove_us;
    double lookups, lookups_wc;
    double hit_rate;
    double bytes_per_rule, heap_bytes_per_rule;
    int n_subtables;
    size_t n_megaflows;
};

static size_t
heap_in_use(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

static double
measure_lookups(const struct classifier *cls, const struct shape *s,
                bool wc_tracking, double seconds, size_t *hits)
{
    struct flow_wildcards wc;
    size_t n = 0, h = 0;
    double start = now(), elapsed;

    do {
        for (size_t i = 0; i < s->n_packets; i++) {
            const struct cls_rule *rule;
            if (wc_tracking) {
                memset(&wc, 0, sizeof wc);
                rule = classifier_lookup(cls, 1, &s->packets[i], &wc);
            } else {
                rule = classifier_lookup(cls, 1, &s->packets[i], NULL);
            }
            h += rule != NULL;
        }
        n += s->n_packets;
        elapsed = now() - start;
    } while (elapsed < seconds);

    *hits = h;
    return n / elapsed;
}

/* Distinct megaflows (masked packets) the lookups of 's' produce. */
static size_t
count_megaflows(const struct classifier *cls, const struct shape *s)
{
    struct hmap set;
    struct mf {
        struct hmap_node node;
        struct flow key;
        struct flow_wildcards wc;
    };
    size_t n = 0;

    hmap_init(&set);
    for (size_t i = 0; i < s->n_packets; i++) {
        struct mf *mf = xmalloc(sizeof *mf);
        memset(&mf->wc, 0, sizeof mf->wc);
        classifier_lookup(cls, 1, &s->packets[i], &mf->wc);
        const uint64_t *p = flow_u64_const(&s->packets[i]);
        const uint64_t *w = flow_u64_const(&mf->wc.masks);
        uint64_t *k = flow_u64(&mf->key);
        uint32_t hash = 0;
        for (size_t j = 0; j < FLOW_U64S; j++) {
            k[j] = p[j] & w[j];
            hash = hash_add64(hash_add64(hash, k[j]), w[j]);
        }

        struct mf *old;
        bool dup = false;
        HMAP_FOR_EACH_WITH_HASH (old, node, hash, &set) {
            if (!memcmp(&old->key, &mf->key, sizeof mf->key)
                && !memcmp(&old->wc, &mf->wc, sizeof mf->wc)) {
                dup = true;
                break;
            }
        }
        if (dup) {
            free(mf);
        } else {
            hmap_insert(&set, &mf->node, hash);
            n++;
        }
    }
    struct mf *mf;
    HMAP_FOR_EACH_POP (mf, node, &set) {
        free(mf);
    }
    hmap_destroy(&set);
    return n;
}

static void
run_shape(struct shape *s, double seconds, struct result *res)
{
    static const enum cls_prefix_field fields[] = { CLS_PREFIX_NW_DST,
                                                    CLS_PREFIX_NW_SRC };
    struct bench_rule *rules;
    struct classifier cls;
    size_t heap0 = heap_in_use();

    /* Rules, then insertion one at a time (published after each). */
    rules = xmalloc(s->n_rules * sizeof *rules);
    for (size_t i = 0; i < s->n_rules; i++) {
        rules[i].id = i;
        cls_rule_init(&rules[i].cls_rule, &s->flows[i], &s->masks[i],
                      s->priorities[i]);
    }
    classifier_init(&cls);
    if (use_tries) {
        classifier_set_prefix_fields(&cls, fields, ARRAY_SIZE(fields));
    }

    heap_thp_run();
    double start = now();
    for (size_t i = 0; i < s->n_rules; i++) {
        /* A rule identical to an earlier one (rare) replaces it. */
        classifier_replace(&cls, &rules[i].cls_rule, 1, NULL, 0);
        if (!(i % 1024)) {
            /* A daemon's main loop does this once per iteration. */
            heap_thp_run();
        }
    }
    res->insert_us = (now() - start) * 1e6 / s->n_rules;
    res->n_subtables = classifier_n_subtables(&cls);

    size_t heap1 = heap_in_use();
    res->heap_bytes_per_rule = (double) (heap1 - heap0) / s->n_rules;
    res->bytes_per_rule = ((double) classifier_memory_usage(&cls)
                           / s->n_rules);

    size_t hits;
    res->lookups = measure_lookups(&cls, s, false, seconds, &hits);
    res->lookups_wc = measure_lookups(&cls, s, true, seconds, &hits);
    res->hit_rate = 0;
    for (size_t i = 0; i < s->n_packets; i++) {
        res->hit_rate += classifier_lookup(&cls, 1, &s->packets[i], NULL)
                         != NULL;
    }
    res->hit_rate /= s->n_packets;
    res->n_megaflows = count_megaflows(&cls, s);

    /* Removal. */
    start = now();
    for (size_t i = 0; i < s->n_rules; i++) {
        classifier_remove(&cls, &rules[i].cls_rule);
    }
    res->remove_us = (now() - start) * 1e6 / s->n_rules;

    /* Insertion again, deferred. */
    start = now();
    classifier_defer(&cls);
    for (size_t i = 0; i < s->n_rules; i++) {
        classifier_replace(&cls, &rules[i].cls_rule, 1, NULL, 0);
    }
    classifier_publish(&cls);
    res->insert_deferred_us = (now() - start) * 1e6 / s->n_rules;

    classifier_destroy(&cls);
    cls_rcu_barrier();
    for (size_t i = 0; i < s->n_rules; i++) {
        cls_rule_destroy(&rules[i].cls_rule);
    }
    free(rules);
}

int
main(int argc, char *argv[])
{
    bool quick = false, json = false, list = false, thp_heap = false;
    double seconds = 1.0;
    uint32_t seed = 1;
    const char *only[16];
    int n_only = 0;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quick")) {
            quick = true;
        } else if (!strcmp(argv[i], "--no-tries")) {
            use_tries = false;
        } else if (!strcmp(argv[i], "--json")) {
            json = true;
        } else if (!strcmp(argv[i], "--list")) {
            list = true;
        } else if (!strcmp(argv[i], "--thp-heap")) {
            thp_heap = true;
        } else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) {
            seconds = atof(argv[++i]);
        } else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
            seed = strtoul(argv[++i], NULL, 10);
        } else if (argv[i][0] != '-' && n_only < 16) {
            only[n_only++] = argv[i];
        } else {
            fprintf(stderr, "usage: %s [--quick] [--json] [--no-tries] "
                    "[--seconds S] [--seed N] [--list] [--thp-heap] "
                    "[SHAPE...]\n",
                    argv[0]);
            return 1;
        }
    }
    if (quick) {
        seconds = 0.05;
    }
    if (thp_heap) {
        /* As a long-running daemon would: see lib/heap-thp.h. */
        heap_thp_enable(64 << 20);
    }

    /* Sizes shrink with --quick (a smoke test, not a measurement). */
    size_t k = quick ? 10 : 1;
    struct shape shapes[] = {
        { .name = "exact-1x10k", .description =
          "1 subtable, 10,000 exact 5-tuple+L2 rules, 1 priority",
          .ref_lookups = 10e6, .ref_lookups_wc = 4e6, .ref_insert_us = 1.2 },
        { .name = "8sub-100prio", .description =
          "8 subtables, 100 priorities, 10,000 rules",
          .ref_lookups = 3e6, .ref_lookups_wc = 1.3e6, .ref_insert_us = 1.2 },
        { .name = "32sub-100prio", .description =
          "32 subtables, 100 priorities, 10,000 rules",
          .ref_lookups = 1e6, .ref_lookups_wc = 0.5e6, .ref_insert_us = 1.2 },
        { .name = "acl-5tuple", .description =
          "5,000 ACL rules over 5-tuples, prefixes and port masks, "
          "unique priorities" },
        { .name = "l2-100k", .description =
          "100,000 (VLAN, MAC) exact rules plus flood" },
        { .name = "l3-100k", .description =
          "100,000 IPv4 routes, priority = prefix length" },
    };

    if (list) {
        for (size_t i = 0; i < ARRAY_SIZE(shapes); i++) {
            printf("%s\n", shapes[i].name);
        }
        return 0;
    }
    if (json) {
        printf("[\n");
    } else {
        printf("%-14s %7s %5s %9s %9s %9s %12s %12s %6s %7s %7s %9s\n",
               "shape", "rules", "subt", "ins_us", "insdef_us", "rem_us",
               "lookups/s", "lookups_wc/s", "hit%", "B/rule", "heapB/r",
               "megaflows");
    }
    bool first = true;
    for (size_t i = 0; i < ARRAY_SIZE(shapes); i++) {
        struct shape *s = &shapes[i];
        if (n_only) {
            bool want = false;
            for (int j = 0; j < n_only; j++) {
                want |= !strcmp(only[j], s->name);
            }
            if (!want) {
                continue;
            }
        }

        random_set_seed(seed + i);
        size_t n_packets = 1 << 16;
        switch (i) {
        case 0: make_generic(s, 10000 / k, 1, 1, n_packets / k); break;
        case 1: make_generic(s, 10000 / k, 8, 100, n_packets / k); break;
        case 2: make_generic(s, 10000 / k, 32, 100, n_packets / k); break;
        case 3: make_acl(s, 5000 / k, n_packets / k); break;
        case 4: make_l2(s, 100000 / k, n_packets / k); break;
        case 5: make_l3(s, 100000 / k, n_packets / k); break;
        }

        struct result r;
        run_shape(s, seconds, &r);
        if (json) {
            printf("%s  {\"shape\": \"%s\", \"description\": \"%s\", "
                   "\"rules\": %zu, \"subtables\": %d, "
                   "\"insert_us\": %.3f, \"insert_deferred_us\": %.3f, "
                   "\"remove_us\": %.3f, "
                   "\"lookups_per_s\": %.0f, \"lookups_wc_per_s\": %.0f, "
                   "\"hit_rate\": %.3f, \"bytes_per_rule\": %.1f, "
                   "\"heap_bytes_per_rule\": %.1f, \"packets\": %zu, "
                   "\"megaflows\": %zu, "
                   "\"ref_lookups_per_s\": %.0f, "
                   "\"ref_lookups_wc_per_s\": %.0f, "
                   "\"ref_insert_us\": %.2f}",
                   first ? "" : ",\n", s->name, s->description, s->n_rules,
                   r.n_subtables, r.insert_us, r.insert_deferred_us,
                   r.remove_us, r.lookups, r.lookups_wc, r.hit_rate,
                   r.bytes_per_rule, r.heap_bytes_per_rule, s->n_packets,
                   r.n_megaflows, s->ref_lookups, s->ref_lookups_wc,
                   s->ref_insert_us);
        } else {
            printf("%-14s %7zu %5d %9.3f %9.3f %9.3f %12.0f %12.0f %6.1f "
                   "%7.0f %7.0f %9zu\n",
                   s->name, s->n_rules, r.n_subtables, r.insert_us,
                   r.insert_deferred_us, r.remove_us, r.lookups,
                   r.lookups_wc, 100 * r.hit_rate, r.bytes_per_rule,
                   r.heap_bytes_per_rule, r.n_megaflows);
            if (s->ref_lookups) {
                printf("%-14s %7s %5s %9.3f %9s %9s %12.0f %12.0f   "
                       "(OVS 3.1 reference; ratio %.2fx / %.2fx, "
                       "insert %.2fx)\n",
                       "  reference", "", "", s->ref_insert_us, "", "",
                       s->ref_lookups, s->ref_lookups_wc,
                       r.lookups / s->ref_lookups,
                       r.lookups_wc / s->ref_lookups_wc,
                       s->ref_insert_us / r.insert_us);
            }
        }
        first = false;
        fflush(stdout);
        shape_free(s);
    }
    if (json) {
        printf("\n]\n");
    }
    return 0;
}
