/* classifier.c: tuple-space-search classifier (see classifier.h and
 * classifier-private.h). */
#include <config.h>
#include "classifier.h"

#include <arpa/inet.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "classifier-private.h"
#include "hash.h"

_Static_assert(CLS_N_PREFIX_FIELDS <= 8, "stage_fields is 8 bits wide");

/* Garbage is handed to RCU once this many blocks have been retired (and at
 * classifier_publish()). */
#define GARBAGE_BATCH 256

/* Index in a sparse array with 'map' of word 'w', which is in 'map'. */
static inline int
sparse_index(uint64_t map, int w)
{
    return count_1bits(map & ((UINT64_C(1) << w) - 1));
}

/* Prefix fields. */

struct prefix_field_info {
    const char *name;
    const char *alias;
    size_t ofs;                 /* Byte offset in struct flow. */
    unsigned int n_bits;        /* 32 or 128. */
    uint16_t dl_type[2];        /* Ethertypes (host order) in which the
                                 * field is meaningful; 0s: any. */
};

static const struct prefix_field_info prefix_fields[CLS_N_PREFIX_FIELDS] = {
    [CLS_PREFIX_NW_SRC] = { "nw_src", "ip_src",
                            offsetof(struct flow, nw_src), 32,
                            { 0x0800, 0x0806 } },
    [CLS_PREFIX_NW_DST] = { "nw_dst", "ip_dst",
                            offsetof(struct flow, nw_dst), 32,
                            { 0x0800, 0x0806 } },
    [CLS_PREFIX_IPV6_SRC] = { "ipv6_src", NULL,
                              offsetof(struct flow, ipv6_src), 128,
                              { 0x86dd, 0x86dd } },
    [CLS_PREFIX_IPV6_DST] = { "ipv6_dst", NULL,
                              offsetof(struct flow, ipv6_dst), 128,
                              { 0x86dd, 0x86dd } },
    [CLS_PREFIX_TUN_SRC] = { "tun_src", NULL,
                             offsetof(struct flow, tunnel.ip_src), 32,
                             { 0, 0 } },
    [CLS_PREFIX_TUN_DST] = { "tun_dst", NULL,
                             offsetof(struct flow, tunnel.ip_dst), 32,
                             { 0, 0 } },
    [CLS_PREFIX_TUN_IPV6_SRC] = { "tun_ipv6_src", NULL,
                                  offsetof(struct flow, tunnel.ipv6_src), 128,
                                  { 0, 0 } },
    [CLS_PREFIX_TUN_IPV6_DST] = { "tun_ipv6_dst", NULL,
                                  offsetof(struct flow, tunnel.ipv6_dst), 128,
                                  { 0, 0 } },
};

bool
cls_prefix_field_from_name(const char *name, enum cls_prefix_field *field)
{
    for (int i = 0; i < CLS_N_PREFIX_FIELDS; i++) {
        const struct prefix_field_info *pf = &prefix_fields[i];
        if (!strcmp(name, pf->name)
            || (pf->alias && !strcmp(name, pf->alias))) {
            *field = i;
            return true;
        }
    }
    return false;
}

const char *
cls_prefix_field_name(enum cls_prefix_field field)
{
    return field < CLS_N_PREFIX_FIELDS ? prefix_fields[field].name : NULL;
}

/* Stores the value of prefix field 'pf' in 'flow' into 'key' as trie key
 * words (cls-trie.h). */
static void
prefix_field_key(const struct prefix_field_info *pf, const struct flow *flow,
                 uint32_t key[4])
{
    const uint8_t *p = (const uint8_t *) flow + pf->ofs;

    key[1] = key[2] = key[3] = 0;
    for (unsigned int i = 0; i < pf->n_bits / 32; i++) {
        be32 w;
        memcpy(&w, p + 4 * i, 4);
        key[i] = ntohl(w);
    }
}

/* Stores the value of prefix field 'pf' in the sparse flow words 'vals'
 * (with 'map') into 'key' as trie key words. */
static void
prefix_field_key_from_words(const struct prefix_field_info *pf,
                            uint64_t map, const uint64_t *vals,
                            uint32_t key[4])
{
    key[1] = key[2] = key[3] = 0;
    for (unsigned int i = 0; i < pf->n_bits / 32; i++) {
        size_t ofs = pf->ofs + 4 * i;
        int w = ofs / 8;
        be32 v = 0;

        if (map & (UINT64_C(1) << w)) {
            const uint8_t *word = (const uint8_t *) &vals[sparse_index(map,
                                                                       w)];
            memcpy(&v, word + ofs % 8, 4);
        }
        key[i] = ntohl(v);
    }
}

/* Returns the prefix length of the mask 'mask' on field 'pf', or 0 if it is
 * all-zero or not a CIDR prefix. */
static unsigned int
prefix_field_plen(const struct prefix_field_info *pf,
                  const struct flow *mask)
{
    uint32_t key[4];
    unsigned int plen = 0;
    unsigned int i;

    prefix_field_key(pf, mask, key);
    for (i = 0; i < pf->n_bits / 32 && key[i] == UINT32_MAX; i++) {
        plen += 32;
    }
    if (i < pf->n_bits / 32) {
        uint32_t m = key[i];
        unsigned int ones = m ? __builtin_clz(~m) : 0;
        if (ones < 32 && m != ~(UINT32_MAX >> ones)) {
            return 0;
        }
        plen += ones;
        for (i++; i < pf->n_bits / 32; i++) {
            if (key[i]) {
                return 0;
            }
        }
    }
    return plen;
}

/* True if the prefix trie of 'pf' may be used for a flow with Ethertype
 * 'dl_type'. */
static inline bool
prefix_field_applies(const struct prefix_field_info *pf, be16 dl_type)
{
    if (!pf->dl_type[0]) {
        return true;
    }
    uint16_t t = ntohs(dl_type);
    return t == pf->dl_type[0] || t == pf->dl_type[1];
}

/* Sets the leading 'n_bits' bits of field 'pf' in 'wc'. */
static void
prefix_field_unwildcard(const struct prefix_field_info *pf,
                        unsigned int n_bits, struct flow_wildcards *wc)
{
    uint8_t *p = (uint8_t *) &wc->masks + pf->ofs;

    for (; n_bits >= 8; n_bits -= 8) {
        *p++ = 0xff;
    }
    if (n_bits) {
        *p |= (uint8_t) (0xff << (8 - n_bits));
    }
    if (pf->dl_type[0]) {
        /* Bytewise: 'wc' is also written as 64-bit words. */
        memset((uint8_t *) &wc->masks + offsetof(struct flow, dl_type),
               0xff, sizeof wc->masks.dl_type);
    }
}

/* Transport ports as one 32-bit key, tp_src then tp_dst, host order.
 * struct flow is accessed as 64-bit words elsewhere, so these go through
 * memcpy() and whole words, never through the be16 members (strict
 * aliasing). */
_Static_assert(offsetof(struct flow, tp_dst)
               == offsetof(struct flow, tp_src) + 2, "ports adjacent");
_Static_assert(offsetof(struct flow, tp_src) % 8 <= 4, "ports in a word");
#define PORTS_WORD (offsetof(struct flow, tp_src) / 8)
#define PORTS_OFS (offsetof(struct flow, tp_src) % 8)

static inline uint32_t
ports_get(const struct flow *flow)
{
    uint64_t w = flow_u64_const(flow)[PORTS_WORD];
    uint8_t b[4];

    memcpy(b, (const uint8_t *) &w + PORTS_OFS, 4);
    return ((uint32_t) b[0] << 24 | (uint32_t) b[1] << 16
            | (uint32_t) b[2] << 8 | b[3]);
}

/* Un-wildcards the bits of 'm' (as from ports_get()) in 'wc'. */
static inline void
ports_unwildcard(struct flow_wildcards *wc, uint32_t m)
{
    uint8_t b[4] = { m >> 24, m >> 16, m >> 8, m };
    uint64_t w = 0;

    memcpy((uint8_t *) &w + PORTS_OFS, b, 4);
    flow_u64(&wc->masks)[PORTS_WORD] |= w;
}

/* Matches. */

static inline int
minimatch_n(const struct cls_minimatch *mm)
{
    return count_1bits(mm->map);
}

static inline const uint64_t *
minimatch_vals(const struct cls_minimatch *mm)
{
    return mm->data;
}

static inline const uint64_t *
minimatch_masks(const struct cls_minimatch *mm)
{
    return mm->data + minimatch_n(mm);
}

static size_t
minimatch_size(const struct cls_minimatch *mm)
{
    return sizeof *mm + 2 * minimatch_n(mm) * sizeof(uint64_t);
}

/* A sparse match: values and masks of the words in 'map'. */
struct sparse {
    uint64_t map;
    const uint64_t *vals;
    const uint64_t *masks;
};

static inline struct sparse
sparse_from_minimatch(const struct cls_minimatch *mm)
{
    return (struct sparse) { mm->map, minimatch_vals(mm),
                             minimatch_masks(mm) };
}

/* True if every packet 'a' matches, 'b' matches too. */
static bool
sparse_is_loose_match(const struct sparse *a, const struct sparse *b)
{
    if (b->map & ~a->map) {
        return false;
    }
    for (uint64_t map = b->map; map; map &= map - 1) {
        int w = raw_ctz(map);
        int ia = sparse_index(a->map, w);
        int ib = sparse_index(b->map, w);
        uint64_t bm = b->masks[ib];
        if ((bm & ~a->masks[ia]) || ((a->vals[ia] ^ b->vals[ib]) & bm)) {
            return false;
        }
    }
    return true;
}

static bool
sparse_overlaps(const struct sparse *a, const struct sparse *b)
{
    for (uint64_t map = a->map & b->map; map; map &= map - 1) {
        int w = raw_ctz(map);
        int ia = sparse_index(a->map, w);
        int ib = sparse_index(b->map, w);
        if ((a->vals[ia] ^ b->vals[ib]) & a->masks[ia] & b->masks[ib]) {
            return false;
        }
    }
    return true;
}

/* Rules. */

void
cls_rule_init(struct cls_rule *rule, const struct flow *flow,
              const struct flow_wildcards *mask, int priority)
{
    const uint64_t *fw = flow_u64_const(flow);
    const uint64_t *mw = flow_u64_const(&mask->masks);
    uint64_t map = flow_words_map(&mask->masks);
    int n = count_1bits(map);
    struct cls_minimatch *mm = xmalloc(sizeof *mm + 2 * n * sizeof(uint64_t));

    mm->map = map;
    for (int i = 0; map; map &= map - 1, i++) {
        int w = raw_ctz(map);
        mm->data[i] = fw[w] & mw[w];
        mm->data[n + i] = mw[w];
    }
    rule->priority = priority;
    rule->cls_match = NULL;
    rule->match = mm;
}

void
cls_rule_clone(struct cls_rule *dst, const struct cls_rule *src)
{
    dst->priority = src->priority;
    dst->cls_match = NULL;
    dst->match = xmemdup(src->match, minimatch_size(src->match));
}

void
cls_rule_move(struct cls_rule *dst, struct cls_rule *src)
{
    svs_assert(!src->cls_match);
    *dst = *src;
    src->match = NULL;
}

void
cls_rule_destroy(struct cls_rule *rule)
{
    if (rule) {
        svs_assert(!rule->cls_match);
        free(rule->match);
        rule->match = NULL;
    }
}

void
cls_rule_expand(const struct cls_rule *rule, struct flow *flow,
                struct flow_wildcards *mask)
{
    if (flow) {
        flow_words_scatter(flow, rule->match->map,
                           minimatch_vals(rule->match));
    }
    if (mask) {
        flow_words_scatter(&mask->masks, rule->match->map,
                           minimatch_masks(rule->match));
    }
}

bool
cls_rule_equal(const struct cls_rule *a, const struct cls_rule *b)
{
    return (a->priority == b->priority
            && a->match->map == b->match->map
            && !memcmp(a->match->data, b->match->data,
                       2 * minimatch_n(a->match) * sizeof(uint64_t)));
}

uint32_t
cls_rule_hash(const struct cls_rule *rule, uint32_t basis)
{
    const struct cls_minimatch *mm = rule->match;
    uint32_t hash = hash_add64(hash_add(basis, rule->priority), mm->map);
    int n = 2 * minimatch_n(mm);

    for (int i = 0; i < n; i++) {
        hash = hash_add64(hash, mm->data[i]);
    }
    return hash_finish(hash, n * 8 + 12);
}

bool
cls_rule_is_catchall(const struct cls_rule *rule)
{
    return !rule->match->map;
}

bool
cls_rule_matches_flow(const struct cls_rule *rule, const struct flow *flow)
{
    const struct cls_minimatch *mm = rule->match;
    const uint64_t *fw = flow_u64_const(flow);
    const uint64_t *vals = minimatch_vals(mm);
    const uint64_t *masks = minimatch_masks(mm);
    int i = 0;

    for (uint64_t map = mm->map; map; map &= map - 1, i++) {
        if ((fw[raw_ctz(map)] & masks[i]) != vals[i]) {
            return false;
        }
    }
    return true;
}

bool
cls_rule_is_loose_match(const struct cls_rule *rule,
                        const struct cls_rule *criteria)
{
    struct sparse a = sparse_from_minimatch(rule->match);
    struct sparse b = sparse_from_minimatch(criteria->match);

    return sparse_is_loose_match(&a, &b);
}

bool
cls_rule_overlaps(const struct cls_rule *a, const struct cls_rule *b)
{
    struct sparse sa = sparse_from_minimatch(a->match);
    struct sparse sb = sparse_from_minimatch(b->match);

    return sparse_overlaps(&sa, &sb);
}

bool
cls_rule_visible_in_version(const struct cls_rule *rule,
                            cls_version_t version)
{
    const struct cls_match *m = cls_rcu_get(rule->cls_match);

    return m && cls_match_visible_in_version(m, version);
}

void
cls_rule_make_invisible_in_version(const struct cls_rule *rule,
                                   cls_version_t version)
{
    struct cls_match *m = rule->cls_match;

    svs_assert(m && version >= m->add_version);
    cls_relaxed_set(m->remove_version, version);
}

void
cls_rule_restore_visibility(const struct cls_rule *rule)
{
    struct cls_match *m = rule->cls_match;

    svs_assert(m);
    cls_relaxed_set(m->remove_version, CLS_NOT_REMOVED_VERSION);
}

/* Subtables. */

static uint32_t
mask_hash(uint64_t map, const uint64_t *masks, int n)
{
    uint32_t hash = hash_add64(0, map);

    for (int i = 0; i < n; i++) {
        hash = hash_add64(hash, masks[i]);
    }
    return hash_finish(hash, n * 8 + 8);
}

static struct cls_subtable *
find_subtable(const struct classifier *cls, const struct cls_minimatch *mm)
{
    int n = minimatch_n(mm);
    const uint64_t *masks = minimatch_masks(mm);
    struct cls_subtable *st;

    HMAP_FOR_EACH_WITH_HASH (st, hmap_node, mask_hash(mm->map, masks, n),
                             &cls->subtables) {
        if (st->map == mm->map
            && !memcmp(st->mask, masks, n * sizeof(uint64_t))) {
            return st;
        }
    }
    return NULL;
}

/* Subtable filters (see struct cls_filter). */

static void subtable_vals_hashes(const struct cls_subtable *,
                                 const uint64_t *vals,
                                 uint32_t stage_hashes[FLOW_N_STAGES]);

/* Bits per head in a filter: about 1/16 false positives. */
#define FILTER_BITS_PER_HEAD 16

static void
filter_set(struct cls_filter *f, uint32_t hash)
{
    uint32_t b = hash >> f->shift;
    __atomic_fetch_or(&f->bits[b / 64], UINT64_C(1) << (b % 64),
                      __ATOMIC_RELAXED);
}

static size_t
filter_size(const struct cls_filter *f)
{
    return sizeof *f + ((UINT64_C(1) << (32 - f->shift)) / 64
                        * sizeof(uint64_t));
}

/* Returns a new filter for 'capacity' heads. */
static struct cls_filter *
filter_create(int capacity)
{
    unsigned int log2 = 6;
    while (log2 < 26
           && (UINT64_C(1) << log2) < (uint64_t) capacity
                                      * FILTER_BITS_PER_HEAD) {
        log2++;
    }

    size_t n_words = (UINT64_C(1) << log2) / 64;
    struct cls_filter *f = xzalloc(sizeof *f + n_words * sizeof *f->bits);
    f->shift = 32 - log2;
    return f;
}

static int
filter_count(const struct cls_subtable *st)
{
    return st->n_stages ? st->n_stages : 1;
}

/* Sets the bits of 'vals' (a head's values) in 'filters'. */
static void
filters_set(const struct cls_subtable *st, struct cls_filter **filters,
            const uint64_t *vals)
{
    uint32_t hashes[FLOW_N_STAGES];

    subtable_vals_hashes(st, vals, hashes);
    for (int s = 0; s < filter_count(st); s++) {
        filter_set(filters[s], hashes[s]);
    }
}

/* Replaces 'st''s filters by new ones sized for at least 'n_heads' with
 * the bits of the heads now in 'st', retiring the old ones into 'g' (if
 * any). */
static void
filter_rebuild(struct cls_subtable *st, int n_heads, struct cls_garbage *g)
{
    int capacity = n_heads < 32 ? 64 : 2 * n_heads;
    struct cls_filter *filters[FLOW_N_STAGES];

    for (int s = 0; s < filter_count(st); s++) {
        filters[s] = filter_create(capacity);
    }
    size_t slot = 0;
    const struct cls_match *head;
    while ((head = cls_cmap_next_slot(&st->rules, &slot))) {
        filters_set(st, filters, head->vals);
    }
    for (int s = 0; s < filter_count(st); s++) {
        struct cls_filter *old = st->filters[s];
        cls_rcu_set(st->filters[s], filters[s]);
        if (g) {
            cls_garbage_add(g, old);
        }
    }
    st->filter_capacity = capacity;
    st->filter_stale = 0;
}

/* Adds the hashes of new head 'm' to 'st''s filters, before readers can
 * find the head. */
static void
filter_add(struct classifier *cls, struct cls_subtable *st,
           const struct cls_match *m)
{
    int n_heads = cls_cmap_count(&st->rules) + 1;
    if (n_heads > st->filter_capacity) {
        filter_rebuild(st, n_heads, cls->garbage);
    }
    filters_set(st, st->filters, m->vals);
}

/* Notes that a head left 'st' (after it was unlinked). */
static void
filter_note_removal(struct classifier *cls, struct cls_subtable *st)
{
    int n_heads = cls_cmap_count(&st->rules);
    if (++st->filter_stale > st->filter_capacity / 2
        || (n_heads < st->filter_capacity / 8
            && st->filter_capacity > 64)) {
        filter_rebuild(st, n_heads, cls->garbage);
    }
}

static struct cls_subtable *
create_subtable(struct classifier *cls, const struct cls_minimatch *mm)
{
    int n = minimatch_n(mm);
    const uint64_t *masks = minimatch_masks(mm);
    struct cls_subtable *st = xzalloc(sizeof *st + n * sizeof(uint64_t));

    st->map = mm->map;
    st->n_words = n;
    memcpy(st->mask, masks, n * sizeof(uint64_t));

    int i = 0;
    for (uint64_t map = mm->map; map; map &= map - 1) {
        st->idx[i++] = raw_ctz(map);
    }

    /* Stages: the nonempty segments. */
    int end = 0;
    for (int s = 0; s < FLOW_N_STAGES; s++) {
        int k = count_1bits(mm->map & flow_words_stage_map(s));
        if (k) {
            end += k;
            st->stage_of[st->n_stages] = s;
            st->stage_end[st->n_stages] = end;
            st->n_stages++;
        }
    }
    for (int s = 0; s + 1 < st->n_stages; s++) {
        cls_ccmap_init(&st->indices[s]);
    }

    /* Prefix lengths. */
    struct flow_wildcards wc;
    flow_words_scatter(&wc.masks, mm->map, masks);
    for (int f = 0; f < CLS_N_PREFIX_FIELDS; f++) {
        const struct prefix_field_info *pf = &prefix_fields[f];
        st->plens[f] = prefix_field_plen(pf, &wc.masks);
        if (st->plens[f]) {
            int w = pf->ofs / 8;
            for (int s = 0; s < st->n_stages; s++) {
                if (st->idx[s ? st->stage_end[s - 1] : 0] <= w
                    && w <= st->idx[st->stage_end[s] - 1]) {
                    st->stage_fields[s] |= 1u << f;
                }
            }
        }
    }

    st->ports_mask = ports_get(&wc.masks);
    st->ports_plen = st->ports_mask ? 32 - raw_ctz(st->ports_mask) : 0;
    cls_trie_init(&st->ports_trie);

    st->max_priority = INT_MIN;
    hmap_init(&st->prios);
    cls_cmap_init(&st->rules);
    filter_rebuild(st, 0, NULL);
    hmap_insert(&cls->subtables, &st->hmap_node,
                mask_hash(mm->map, masks, n));
    return st;
}

static void
destroy_subtable(struct classifier *cls, struct cls_subtable *st)
{
    struct cls_prio_node *pn;

    hmap_remove(&cls->subtables, &st->hmap_node);
    HMAP_FOR_EACH_POP (pn, node, &st->prios) {
        free(pn);
    }
    hmap_destroy(&st->prios);
    free(st->heap);
    cls_cmap_destroy(&st->rules, cls->garbage);
    for (int s = 0; s + 1 < st->n_stages; s++) {
        cls_ccmap_destroy(&st->indices[s], cls->garbage);
    }
    for (int s = 0; s < filter_count(st); s++) {
        cls_garbage_add(cls->garbage, st->filters[s]);
    }
    cls_trie_destroy(&st->ports_trie, cls->garbage);
    cls_garbage_add(cls->garbage, st);
}

/* Destroys the subtables that became empty. */
static void
destroy_empty_subtables(struct classifier *cls)
{
    if (cls->n_empty_subtables) {
        struct cls_subtable *st, *next;

        HMAP_FOR_EACH_SAFE (st, next, hmap_node, &cls->subtables) {
            if (!st->n_rules) {
                destroy_subtable(cls, st);
            }
        }
        cls->n_empty_subtables = 0;
    }
}

/* The priorities of a subtable's rules. */

static struct cls_prio_node *
prio_find(const struct cls_subtable *st, int priority)
{
    struct cls_prio_node *pn;

    HMAP_FOR_EACH_WITH_HASH (pn, node, hash_int(priority, 0), &st->prios) {
        if (pn->priority == priority) {
            return pn;
        }
    }
    return NULL;
}

static void
heap_push(struct cls_subtable *st, int priority)
{
    if (st->heap_n >= st->heap_allocated) {
        st->heap_allocated = st->heap_allocated ? 2 * st->heap_allocated : 8;
        st->heap = xrealloc(st->heap, st->heap_allocated * sizeof *st->heap);
    }

    size_t i = st->heap_n++;
    while (i > 0 && st->heap[(i - 1) / 2] < priority) {
        st->heap[i] = st->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    st->heap[i] = priority;
}

static void
heap_pop(struct cls_subtable *st)
{
    int last = st->heap[--st->heap_n];
    size_t n = st->heap_n, i = 0;

    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) {
            break;
        }
        if (c + 1 < n && st->heap[c + 1] > st->heap[c]) {
            c++;
        }
        if (st->heap[c] <= last) {
            break;
        }
        st->heap[i] = st->heap[c];
        i = c;
    }
    if (n) {
        st->heap[i] = last;
    }
}

static void
prio_add(struct cls_subtable *st, int priority)
{
    struct cls_prio_node *pn = prio_find(st, priority);

    if (!pn) {
        pn = xmalloc(sizeof *pn);
        pn->priority = priority;
        pn->count = 0;
        hmap_insert(&st->prios, &pn->node, hash_int(priority, 0));
        if (st->heap_n > 2 * hmap_count(&st->prios) + 16) {
            /* Too many stale entries: rebuild. */
            struct cls_prio_node *iter;
            st->heap_n = 0;
            HMAP_FOR_EACH (iter, node, &st->prios) {
                heap_push(st, iter->priority);
            }
        } else {
            heap_push(st, priority);
        }
    }
    pn->count++;
}

/* Removes one rule of 'priority' and returns the subtable's new highest
 * priority (INT_MIN if none). */
static int
prio_remove(struct cls_subtable *st, int priority)
{
    struct cls_prio_node *pn = prio_find(st, priority);

    svs_assert(pn && pn->count > 0);
    if (--pn->count) {
        return st->max_priority;
    }
    hmap_remove(&st->prios, &pn->node);
    free(pn);
    while (st->heap_n && !prio_find(st, st->heap[0])) {
        heap_pop(st);
    }
    return st->heap_n ? st->heap[0] : INT_MIN;
}

/* The subtable vector. */

static int
compare_pvec_entries(const void *a_, const void *b_)
{
    const struct cls_pvec_entry *a = a_, *b = b_;

    return (a->priority > b->priority ? -1
            : a->priority < b->priority ? 1
            : 0);
}

static struct cls_pvec_entry *
wvec_find(struct cls_pvec_writer *w, const struct cls_subtable *st)
{
    for (size_t i = 0; i < w->n; i++) {
        if (w->e[i].subtable == st) {
            return &w->e[i];
        }
    }
    return NULL;
}

static void
wvec_set(struct classifier *cls, struct cls_subtable *st, int priority)
{
    struct cls_pvec_writer *w = cls->wvec;
    struct cls_pvec_entry *e = wvec_find(w, st);

    if (!e) {
        if (w->n >= w->allocated) {
            w->allocated = w->allocated ? 2 * w->allocated : 8;
            w->e = xrealloc(w->e, w->allocated * sizeof *w->e);
        }
        e = &w->e[w->n++];
        e->subtable = st;
    }
    e->priority = priority;
    w->dirty = true;
}

static void
wvec_remove(struct classifier *cls, struct cls_subtable *st)
{
    struct cls_pvec_writer *w = cls->wvec;
    struct cls_pvec_entry *e = wvec_find(w, st);

    svs_assert(e);
    *e = w->e[--w->n];
    w->dirty = true;
}

static void
pvec_publish(struct classifier *cls)
{
    struct cls_pvec_writer *w = cls->wvec;

    if (!w->dirty) {
        return;
    }
    w->dirty = false;
    qsort(w->e, w->n, sizeof *w->e, compare_pvec_entries);

    struct cls_pvec *pvec = xmalloc(sizeof *pvec + w->n * sizeof *pvec->e);
    pvec->n = w->n;
    memcpy(pvec->e, w->e, w->n * sizeof *w->e);

    struct cls_pvec *old = cls->pvec;
    cls_rcu_set(cls->pvec, pvec);
    cls_garbage_add(cls->garbage, old);
}

static void
pvec_maybe_publish(struct classifier *cls)
{
    if (cls->publish) {
        pvec_publish(cls);
    }
}

/* Constructor and destructor. */

void
classifier_init(struct classifier *cls)
{
    cls->n_rules = 0;
    hmap_init(&cls->subtables);
    cls->pvec = xzalloc(sizeof *cls->pvec);
    cls->wvec = xzalloc(sizeof *cls->wvec);
    cls->publish = true;
    cls->n_empty_subtables = 0;
    cls->tries = xzalloc(sizeof *cls->tries);
    cls->garbage = xmalloc(sizeof *cls->garbage);
    cls_garbage_init(cls->garbage);
}

static void
tries_destroy(struct cls_tries *tries, struct cls_garbage *g)
{
    for (size_t i = 0; i < tries->n; i++) {
        cls_trie_destroy(&tries->tries[i], g);
    }
    cls_garbage_add(g, tries);
}

void
classifier_destroy(struct classifier *cls)
{
    if (!cls) {
        return;
    }

    struct cls_subtable *st, *next;
    HMAP_FOR_EACH_SAFE (st, next, hmap_node, &cls->subtables) {
        size_t slot = 0;
        struct cls_match *head;
        while ((head = cls_cmap_next_slot(&st->rules, &slot))) {
            while (head) {
                struct cls_match *m = head;
                head = m->next;
                CONST_CAST(struct cls_rule *, m->cls_rule)->cls_match = NULL;
                cls_garbage_add(cls->garbage,
                                CONST_CAST(struct cls_conj_set *,
                                           m->conj_set));
                cls_garbage_add(cls->garbage, m);
            }
        }
        destroy_subtable(cls, st);
    }
    hmap_destroy(&cls->subtables);
    cls_garbage_add(cls->garbage, cls->pvec);
    free(cls->wvec->e);
    free(cls->wvec);
    tries_destroy(cls->tries, cls->garbage);
    cls_garbage_destroy(cls->garbage);
    free(cls->garbage);
    cls->n_rules = 0;
}

/* Prefix tries. */

static void
trie_update(struct cls_trie *trie, enum cls_prefix_field f,
            const struct cls_subtable *st, const struct cls_rule *rule,
            bool insert, struct cls_garbage *g)
{
    unsigned int plen = st->plens[f];
    if (plen) {
        uint32_t key[4];

        prefix_field_key_from_words(&prefix_fields[f], rule->match->map,
                                    minimatch_vals(rule->match), key);
        if (insert) {
            cls_trie_insert(trie, key, plen, g);
        } else {
            cls_trie_remove(trie, key, plen, g);
        }
    }
}

/* Adds 'rule' to, or removes it from, the ports trie of its subtable
 * 'st'. */
static void
ports_trie_update(struct cls_subtable *st, const struct cls_rule *rule,
                  bool insert, struct cls_garbage *g)
{
    if (st->ports_plen) {
        struct flow flow;
        flow_words_scatter(&flow, rule->match->map,
                           minimatch_vals(rule->match));
        uint32_t key[4] = { ports_get(&flow) & st->ports_mask, 0, 0, 0 };
        if (insert) {
            cls_trie_insert(&st->ports_trie, key, st->ports_plen, g);
        } else {
            cls_trie_remove(&st->ports_trie, key, st->ports_plen, g);
        }
    }
}

bool
classifier_set_prefix_fields(struct classifier *cls,
                             const enum cls_prefix_field *fields, size_t n)
{
    if (n > CLS_MAX_PREFIX_FIELDS) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (fields[i] >= CLS_N_PREFIX_FIELDS) {
            return false;
        }
        for (size_t j = 0; j < i; j++) {
            if (fields[i] == fields[j]) {
                return false;
            }
        }
    }
    if (n == cls->tries->n
        && !memcmp(fields, cls->tries->fields, n * sizeof *fields)) {
        return false;
    }

    /* Build the new tries completely, then publish them at once. */
    struct cls_tries *tries = xzalloc(sizeof *tries);
    tries->n = n;
    for (size_t i = 0; i < n; i++) {
        tries->fields[i] = fields[i];
        cls_trie_init(&tries->tries[i]);
    }

    struct cls_subtable *st;
    HMAP_FOR_EACH (st, hmap_node, &cls->subtables) {
        size_t slot = 0;
        const struct cls_match *head;
        while ((head = cls_cmap_next_slot(&st->rules, &slot))) {
            for (const struct cls_match *m = head; m; m = m->next) {
                for (size_t i = 0; i < n; i++) {
                    trie_update(&tries->tries[i], fields[i], st, m->cls_rule,
                                true, cls->garbage);
                }
            }
        }
    }

    struct cls_tries *old = cls->tries;
    cls_rcu_set(cls->tries, tries);
    tries_destroy(old, cls->garbage);
    destroy_empty_subtables(cls);
    cls_garbage_flush(cls->garbage);
    return true;
}

/* Hashing and finding rules in a subtable. */

/* Hashes words 'start'..'end' - 1 of 'st' from 'fw' into 'hash', storing
 * the masked words into 'vals'. */
static inline uint64_t
subtable_hash_words(const struct cls_subtable *st, const uint64_t *fw,
                    uint64_t *vals, int start, int end, uint64_t hash)
{
    for (int i = start; i < end; i++) {
        vals[i] = fw[st->idx[i]] & st->mask[i];
        hash = flow_words_hash_add(hash, vals[i]);
    }
    return hash;
}

/* Computes the hash of masked values 'vals' through each stage into
 * 'stage_hashes' (the last one is the full hash) */
static void
subtable_vals_hashes(const struct cls_subtable *st, const uint64_t *vals,
                     uint32_t stage_hashes[FLOW_N_STAGES])
{
    uint64_t hash = 0;
    int i = 0;

    for (int s = 0; s < st->n_stages; s++) {
        for (; i < st->stage_end[s]; i++) {
            hash = flow_words_hash_add(hash, vals[i]);
        }
        stage_hashes[s] = flow_words_hash_finish(hash, i);
    }
    if (!st->n_stages) {
        stage_hashes[0] = flow_words_hash_finish(0, 0);
    }
}

static inline uint32_t
subtable_full_hash(const struct cls_subtable *st, const uint64_t *vals)
{
    uint32_t hashes[FLOW_N_STAGES];

    subtable_vals_hashes(st, vals, hashes);
    return hashes[st->n_stages ? st->n_stages - 1 : 0];
}

static inline bool
vals_equal(const uint64_t *a, const uint64_t *b, int n)
{
    for (int i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return false;
        }
    }
    return true;
}

/* Returns the head of the same-match list with 'vals' in 'st', or NULL. */
static inline struct cls_match *
subtable_find(const struct cls_subtable *st, uint32_t hash,
              const uint64_t *vals)
{
    struct cls_cmap_probe p;
    struct cls_match *m;

    cls_cmap_probe_start(&st->rules, hash, &p);
    while ((m = cls_cmap_probe_next(&p))) {
        if (m->hash == hash && vals_equal(m->vals, vals, st->n_words)) {
            return m;
        }
    }
    return NULL;
}

/* Insertion and removal. */

static void
maybe_flush_garbage(struct classifier *cls)
{
    if (cls->garbage->n >= GARBAGE_BATCH) {
        cls_garbage_flush(cls->garbage);
    }
}

/* Adds the index, trie and priority entries of new rule 'm'. */
static void
add_rule_entries(struct classifier *cls, struct cls_subtable *st,
                 struct cls_match *m)
{
    uint32_t hashes[FLOW_N_STAGES];

    subtable_vals_hashes(st, m->vals, hashes);
    for (int s = 0; s + 1 < st->n_stages; s++) {
        cls_ccmap_inc(&st->indices[s], hashes[s], cls->garbage);
    }

    const struct cls_tries *tries = cls->tries;
    for (size_t i = 0; i < tries->n; i++) {
        trie_update(CONST_CAST(struct cls_trie *, &tries->tries[i]),
                    tries->fields[i], st, m->cls_rule, true, cls->garbage);
    }
    ports_trie_update(st, m->cls_rule, true, cls->garbage);

    st->n_rules++;
    prio_add(st, m->priority);
    if (m->priority > st->max_priority || st->n_rules == 1) {
        st->max_priority = m->priority;
        wvec_set(cls, st, m->priority);
    }
    cls->n_rules++;
}

static const struct cls_rule *
insert__(struct classifier *cls, const struct cls_rule *rule,
         cls_version_t version, const struct cls_conjunction *conj,
         size_t n_conj, bool replace)
{
    svs_assert(!rule->cls_match);

    struct cls_subtable *st = find_subtable(cls, rule->match);
    if (!st) {
        st = create_subtable(cls, rule->match);
    } else if (!st->n_rules) {
        cls->n_empty_subtables--;
    }

    int n = st->n_words;
    struct cls_match *new = xmalloc(sizeof *new + n * sizeof(uint64_t));
    new->next = NULL;
    new->cls_rule = rule;
    new->subtable = st;
    new->priority = rule->priority;
    memcpy(new->vals, minimatch_vals(rule->match), n * sizeof(uint64_t));
    new->hash = subtable_full_hash(st, new->vals);
    new->add_version = version;
    new->remove_version = CLS_NOT_REMOVED_VERSION;
    new->conj_set = NULL;
    if (n_conj) {
        struct cls_conj_set *set = xmalloc(sizeof *set
                                           + n_conj * sizeof *set->conj);
        set->n = n_conj;
        memcpy(set->conj, conj, n_conj * sizeof *conj);
        new->conj_set = set;
    }
    CONST_CAST(struct cls_rule *, rule)->cls_match = new;

    struct cls_match *head = subtable_find(st, new->hash, new->vals);
    const struct cls_rule *old_rule = NULL;
    if (!head) {
        /* New match: entries first, so readers that find the rule find
         * its index entries too. */
        add_rule_entries(cls, st, new);
        filter_add(cls, st, new);
        cls_cmap_insert(&st->rules, new, new->hash, cls->garbage);
    } else {
        /* Find the insertion point: before the first rule of lower or
         * equal priority, or at an identical rule to replace. */
        struct cls_match **prevp = NULL;        /* NULL: the head. */
        struct cls_match *iter = head;
        struct cls_match *old = NULL;

        if (replace) {
            struct cls_match **pp = NULL;
            for (struct cls_match *m = head; m; m = m->next) {
                if (m->priority == new->priority
                    && cls_match_visible_in_version(m, version)) {
                    old = m;
                    prevp = pp;
                    iter = m;
                    break;
                }
                if (m->priority < new->priority) {
                    break;
                }
                pp = &m->next;
            }
        }
        if (!old) {
            prevp = NULL;
            iter = head;
            while (iter && iter->priority > new->priority) {
                prevp = &iter->next;
                iter = iter->next;
            }
        }

        new->next = old ? old->next : iter;
        if (!prevp) {
            cls_cmap_replace(&st->rules, head, new, new->hash);
        } else {
            cls_rcu_set(*prevp, new);
        }

        if (old) {
            /* 'new' took 'old''s place in every index. */
            old_rule = old->cls_rule;
            CONST_CAST(struct cls_rule *, old_rule)->cls_match = NULL;
            cls_garbage_add(cls->garbage,
                            CONST_CAST(struct cls_conj_set *, old->conj_set));
            cls_garbage_add(cls->garbage, old);
        } else {
            add_rule_entries(cls, st, new);
        }
    }

    pvec_maybe_publish(cls);
    destroy_empty_subtables(cls);
    maybe_flush_garbage(cls);
    return old_rule;
}

void
classifier_insert(struct classifier *cls, const struct cls_rule *rule,
                  cls_version_t version, const struct cls_conjunction *conj,
                  size_t n_conj)
{
    const struct cls_rule *displaced = insert__(cls, rule, version, conj,
                                                n_conj, false);
    svs_assert(!displaced);
}

const struct cls_rule *
classifier_replace(struct classifier *cls, const struct cls_rule *rule,
                   cls_version_t version, const struct cls_conjunction *conj,
                   size_t n_conj)
{
    return insert__(cls, rule, version, conj, n_conj, true);
}

bool
classifier_remove(struct classifier *cls, const struct cls_rule *rule)
{
    struct cls_match *m = rule->cls_match;
    if (!m) {
        return false;
    }

    struct cls_subtable *st = m->subtable;
    struct cls_match *head = subtable_find(st, m->hash, m->vals);
    svs_assert(head);

    /* Unlink first, so that readers stop finding the rule before its
     * index entries go. */
    if (head == m) {
        if (m->next) {
            cls_cmap_replace(&st->rules, m, m->next, m->hash);
        } else {
            cls_cmap_remove(&st->rules, m, m->hash);
            filter_note_removal(cls, st);
        }
    } else {
        struct cls_match *prev = head;
        while (prev->next != m) {
            prev = prev->next;
            svs_assert(prev);
        }
        cls_rcu_set(prev->next, m->next);
    }

    uint32_t hashes[FLOW_N_STAGES];
    subtable_vals_hashes(st, m->vals, hashes);
    for (int s = 0; s + 1 < st->n_stages; s++) {
        cls_ccmap_dec(&st->indices[s], hashes[s]);
    }
    const struct cls_tries *tries = cls->tries;
    for (size_t i = 0; i < tries->n; i++) {
        trie_update(CONST_CAST(struct cls_trie *, &tries->tries[i]),
                    tries->fields[i], st, rule, false, cls->garbage);
    }
    ports_trie_update(st, rule, false, cls->garbage);

    int max = prio_remove(st, m->priority);
    cls->n_rules--;
    if (!--st->n_rules) {
        st->max_priority = INT_MIN;
        wvec_remove(cls, st);
        cls->n_empty_subtables++;
    } else if (max != st->max_priority) {
        st->max_priority = max;
        wvec_set(cls, st, max);
    }

    CONST_CAST(struct cls_rule *, rule)->cls_match = NULL;
    cls_garbage_add(cls->garbage, CONST_CAST(struct cls_conj_set *,
                                             m->conj_set));
    cls_garbage_add(cls->garbage, m);
    pvec_maybe_publish(cls);
    maybe_flush_garbage(cls);
    return true;
}

void
classifier_remove_assert(struct classifier *cls, const struct cls_rule *rule)
{
    bool removed = classifier_remove(cls, rule);
    svs_assert(removed);
}

void
classifier_defer(struct classifier *cls)
{
    cls->publish = false;
}

void
classifier_publish(struct classifier *cls)
{
    cls->publish = true;
    pvec_publish(cls);
    destroy_empty_subtables(cls);
    cls_garbage_flush(cls->garbage);
}

/* Lookups. */

/* The state of one prefix trie during one lookup. */
struct trie_ctx {
    const struct cls_trie *trie;
    enum cls_prefix_field field;
    bool looked_up;             /* 'plens' and 'checkbits' valid? */
    bool applies;               /* Field meaningful for the flow? */
    unsigned int checkbits;
    struct cls_plens plens;
};

/* Returns false if the trie in 'ctx' proves that no rule whose field has
 * prefix length 'plen' matches 'flow', after un-wildcarding in 'wc' the
 * bits the proof needed; otherwise true. */
static void
trie_ctx_lookup(struct trie_ctx *ctx, const struct flow *flow)
{
    const struct prefix_field_info *pf = &prefix_fields[ctx->field];

    ctx->looked_up = true;
    ctx->applies = prefix_field_applies(pf, flow->dl_type);
    if (ctx->applies) {
        uint32_t key[4];
        prefix_field_key(pf, flow, key);
        ctx->checkbits = cls_trie_lookup(ctx->trie, key, pf->n_bits,
                                         &ctx->plens);
    }
}

/* Inline: a lookup calls this for most subtables it visits, and usually
 * only the first part runs. */
static inline bool
trie_allows(struct trie_ctx *ctx, unsigned int plen,
            const struct flow *flow, struct flow_wildcards *wc)
{
    if (!ctx->looked_up) {
        trie_ctx_lookup(ctx, flow);
    }
    if (!ctx->applies || cls_plens_contains(&ctx->plens, plen)) {
        return true;
    }
    prefix_field_unwildcard(&prefix_fields[ctx->field], ctx->checkbits, wc);
    return false;
}

/* Looks up 'fw' in 'st' without tracking wildcards. */
static inline const struct cls_match *
subtable_lookup(const struct cls_subtable *st, const uint64_t *fw,
                bool use_filters)
{
    uint64_t vals[64];
    uint32_t hash = flow_words_hash_finish(
        subtable_hash_words(st, fw, vals, 0, st->n_words, 0), st->n_words);

    const struct cls_filter *f = cls_rcu_get(st->filters[filter_count(st)
                                                         - 1]);
    if (use_filters && !cls_filter_may_contain(f, hash)) {
        return NULL;
    }
    return subtable_find(st, hash, vals);
}

/* Looks up 'flow' in 'st' stage by stage, ORing into 'wc' the bits the
 * result depends on.
 *
 * A miss in a stage needs only the bits of the stages so far, or, if a
 * prefix trie of a field in the missing stage proves that no rule of 'st'
 * can match, only the address bits the trie examined.  The tries are
 * consulted only on a miss (a hit in a stage implies the trie would allow
 * the match), or up front once a trie has been looked up for this flow. */
static const struct cls_match *
subtable_lookup_wc(const struct cls_subtable *st, const struct flow *flow,
                   struct trie_ctx *tries, size_t n_tries,
                   struct flow_wildcards *wc, bool use_filters)
{
    const uint64_t *fw = flow_u64_const(flow);
    uint64_t *wcw = flow_u64(&wc->masks);
    uint64_t vals[64];
    uint64_t hash = 0;
    int i = 0;
    int s;

    for (s = 0; s < st->n_stages; s++) {
        unsigned int fields = n_tries ? st->stage_fields[s] : 0;
        int end = st->stage_end[s];

        for (size_t t = 0; fields && t < n_tries; t++) {
            if (tries[t].looked_up
                && fields & (1u << tries[t].field)
                && !trie_allows(&tries[t], st->plens[tries[t].field], flow,
                                wc)) {
                return NULL;
            }
        }

        hash = subtable_hash_words(st, fw, vals, i, end, hash);
        i = end;
        if (s + 1 < st->n_stages) {
            uint32_t h = flow_words_hash_finish(hash, i);
            if ((use_filters
                 && !cls_filter_may_contain(cls_rcu_get(st->filters[s]), h))
                || !cls_ccmap_contains(&st->indices[s], h)) {
                break;
            }
        } else {
            uint32_t full = flow_words_hash_finish(hash, i);
            const struct cls_match *m = NULL;
            if (!use_filters
                || cls_filter_may_contain(cls_rcu_get(st->filters[s]),
                                          full)) {
                m = subtable_find(st, full, vals);
            }
            if (m) {
                for (int j = 0; j < st->n_words; j++) {
                    wcw[st->idx[j]] |= st->mask[j];
                }
                return m;
            }
            break;
        }
    }

    if (!st->n_stages) {
        return subtable_find(st, flow_words_hash_finish(0, 0), vals);
    }

    /* Miss in stage 's'.  In the L4 stage, the ports trie may prove it
     * with a few leading port bits, whatever the other fields are. */
    if (st->ports_plen && st->stage_of[s] == FLOW_N_STAGES - 1) {
        struct cls_plens plens;
        uint32_t key[4] = { ports_get(flow) & st->ports_mask, 0, 0, 0 };
        unsigned int checkbits = cls_trie_lookup(&st->ports_trie, key, 32,
                                                 &plens);
        if (!cls_plens_contains(&plens, st->ports_plen)) {
            uint32_t m = (st->ports_mask
                          & (checkbits ? UINT32_MAX << (32 - checkbits)
                                       : 0));
            ports_unwildcard(wc, m);
            return NULL;
        }
    }

    unsigned int fields = n_tries ? st->stage_fields[s] : 0;
    for (size_t t = 0; fields && t < n_tries; t++) {
        if (fields & (1u << tries[t].field)
            && !trie_allows(&tries[t], st->plens[tries[t].field], flow, wc)) {
            return NULL;
        }
    }
    for (int j = 0; j < i; j++) {
        wcw[st->idx[j]] |= st->mask[j];
    }
    return NULL;
}

/* Satisfaction of one conjunction during a lookup. */
struct conj_state {
    uint32_t id;
    uint8_t n_clauses;
    uint64_t clauses;           /* Bit k - 1: clause k matched. */
};

static int
compare_soft(const void *a_, const void *b_)
{
    const struct cls_match *const *a = a_;
    const struct cls_match *const *b = b_;

    return ((*a)->priority > (*b)->priority ? -1
            : (*a)->priority < (*b)->priority ? 1
            : 0);
}

static int
compare_uint32(const void *a_, const void *b_)
{
    const uint32_t *a = a_, *b = b_;

    return *a < *b ? -1 : *a > *b;
}

static const struct cls_match *lookup__(const struct classifier *,
                                        cls_version_t, const struct flow *,
                                        struct flow_wildcards *,
                                        bool allow_conj);

/* Resolves the 'n_soft' soft matches 'soft' against the hard match 'hard'
 * with priority 'hard_pri' (see "Conjunctive matches" in classifier.h). */
static const struct cls_match *
resolve_conjunctions(const struct classifier *cls, cls_version_t version,
                     const struct flow *flow, struct flow_wildcards *wc,
                     const struct cls_match **soft, size_t n_soft,
                     const struct cls_match *hard, int64_t hard_pri)
{
    /* Keep only soft matches that beat the hard match. */
    size_t n = 0;
    for (size_t i = 0; i < n_soft; i++) {
        if (soft[i]->priority > hard_pri) {
            soft[n++] = soft[i];
        }
    }
    qsort(soft, n, sizeof *soft, compare_soft);

    struct conj_state *states = NULL;
    size_t allocated = 0;
    uint32_t *ids = NULL;
    const struct cls_match *result = NULL;

    for (size_t i = 0; i < n && !result; ) {
        /* The soft matches at one priority: soft[i..j-1]. */
        size_t j = i;
        size_t n_states = 0;
        for (; j < n && soft[j]->priority == soft[i]->priority; j++) {
            const struct cls_conj_set *set = soft[j]->conj_set;
            for (size_t k = 0; k < set->n; k++) {
                const struct cls_conjunction *c = &set->conj[k];
                size_t s;
                for (s = 0; s < n_states; s++) {
                    if (states[s].id == c->id
                        && states[s].n_clauses == c->n_clauses) {
                        break;
                    }
                }
                if (s == n_states) {
                    if (n_states >= allocated) {
                        allocated = allocated ? 2 * allocated : 8;
                        states = xrealloc(states,
                                          allocated * sizeof *states);
                        ids = xrealloc(ids, allocated * sizeof *ids);
                    }
                    states[n_states++] = (struct conj_state) {
                        .id = c->id, .n_clauses = c->n_clauses,
                    };
                }
                if (c->clause >= 1 && c->clause <= c->n_clauses
                    && c->clause <= 64) {
                    states[s].clauses |= UINT64_C(1) << (c->clause - 1);
                }
            }
        }
        i = j;

        size_t n_ids = 0;
        for (size_t s = 0; s < n_states; s++) {
            uint8_t nc = states[s].n_clauses;
            uint64_t all = nc >= 64 ? UINT64_MAX : (UINT64_C(1) << nc) - 1;
            if (nc && states[s].clauses == all) {
                ids[n_ids++] = states[s].id;
            }
        }
        qsort(ids, n_ids, sizeof *ids, compare_uint32);
        for (size_t k = 0; k < n_ids && !result; k++) {
            if (k && ids[k] == ids[k - 1]) {
                continue;
            }
            struct flow f = *flow;
            f.conj_id = ids[k];
            result = lookup__(cls, version, &f, wc, false);
        }
    }
    free(states);
    free(ids);
    return result ? result : hard;
}

static const struct cls_match *
lookup__(const struct classifier *cls, cls_version_t version,
         const struct flow *flow, struct flow_wildcards *wc, bool allow_conj)
{
    const struct cls_pvec *pvec = cls_rcu_get(cls->pvec);
    const struct cls_tries *tries = cls_rcu_get(cls->tries);
    const uint64_t *fw = flow_u64_const(flow);
    struct trie_ctx trie_ctx[CLS_MAX_PREFIX_FIELDS];
    size_t n_tries = 0;

    if (wc) {
        n_tries = tries->n;
        for (size_t i = 0; i < n_tries; i++) {
            trie_ctx[i].trie = &tries->tries[i];
            trie_ctx[i].field = tries->fields[i];
            trie_ctx[i].looked_up = false;
        }
    }

    const struct cls_match *hard = NULL;
    int64_t hard_pri = INT64_MIN;
    const struct cls_match *soft_stub[32];
    const struct cls_match **soft = soft_stub;
    size_t n_soft = 0, soft_allocated = ARRAY_SIZE(soft_stub);

    /* The filters pay off when most subtable visits miss, that is, with
     * several subtables; with one or two, they only add a memory access
     * to the hits. */
    bool use_filters = pvec->n > 2;
    for (size_t i = 0; i < pvec->n; i++) {
        const struct cls_pvec_entry *e = &pvec->e[i];
        if (e->priority <= hard_pri) {
            break;
        }

        const struct cls_match *m
            = (wc
               ? subtable_lookup_wc(e->subtable, flow, trie_ctx, n_tries, wc,
                                    use_filters)
               : subtable_lookup(e->subtable, fw, use_filters));
        for (; m; m = cls_rcu_get(m->next)) {
            if (m->priority <= hard_pri) {
                break;
            }
            if (!cls_match_visible_in_version(m, version)) {
                continue;
            }
            if (!m->conj_set) {
                hard = m;
                hard_pri = m->priority;
                break;
            }
            if (allow_conj) {
                if (n_soft >= soft_allocated) {
                    soft_allocated *= 2;
                    if (soft == soft_stub) {
                        soft = xmalloc(soft_allocated * sizeof *soft);
                        memcpy(soft, soft_stub, sizeof soft_stub);
                    } else {
                        soft = xrealloc(soft, soft_allocated * sizeof *soft);
                    }
                }
                soft[n_soft++] = m;
            }
        }
    }

    if (n_soft) {
        hard = resolve_conjunctions(cls, version, flow, wc, soft, n_soft,
                                    hard, hard_pri);
        if (soft != soft_stub) {
            free(soft);
        }
    }
    return hard;
}

const struct cls_rule *
classifier_lookup(const struct classifier *cls, cls_version_t version,
                  const struct flow *flow, struct flow_wildcards *wc)
{
    cls_rcu_read_lock();
    const struct cls_match *m = lookup__(cls, version, flow, wc, true);
    const struct cls_rule *rule = m ? m->cls_rule : NULL;
    cls_rcu_read_unlock();
    return rule;
}

static const struct cls_rule *
find_exactly(const struct classifier *cls, const struct cls_minimatch *mm,
             int priority, cls_version_t version)
{
    const struct cls_rule *rule = NULL;

    cls_rcu_read_lock();
    const struct cls_subtable *st = find_subtable(cls, mm);
    if (st) {
        const uint64_t *vals = minimatch_vals(mm);
        const struct cls_match *m = subtable_find(st,
                                                  subtable_full_hash(st, vals),
                                                  vals);
        for (; m; m = cls_rcu_get(m->next)) {
            if (m->priority == priority
                && cls_match_visible_in_version(m, version)) {
                rule = m->cls_rule;
                break;
            }
            if (m->priority < priority) {
                break;
            }
        }
    }
    cls_rcu_read_unlock();
    return rule;
}

const struct cls_rule *
classifier_find_rule_exactly(const struct classifier *cls,
                             const struct cls_rule *target,
                             cls_version_t version)
{
    return find_exactly(cls, target->match, target->priority, version);
}

const struct cls_rule *
classifier_find_match_exactly(const struct classifier *cls,
                              const struct flow *flow,
                              const struct flow_wildcards *mask,
                              int priority, cls_version_t version)
{
    struct cls_rule rule;

    cls_rule_init(&rule, flow, mask, priority);
    const struct cls_rule *found = classifier_find_rule_exactly(cls, &rule,
                                                                version);
    cls_rule_destroy(&rule);
    return found;
}

bool
classifier_rule_overlaps(const struct classifier *cls,
                         const struct cls_rule *target,
                         cls_version_t version)
{
    struct sparse t = sparse_from_minimatch(target->match);
    const struct cls_subtable *st;

    HMAP_FOR_EACH (st, hmap_node, &cls->subtables) {
        if (!st->n_rules || st->max_priority < target->priority) {
            continue;
        }

        size_t slot = 0;
        const struct cls_match *head;
        while ((head = cls_cmap_next_slot(&st->rules, &slot))) {
            for (const struct cls_match *m = head; m; m = m->next) {
                if (m->priority < target->priority) {
                    break;
                }
                if (m->priority == target->priority
                    && m->cls_rule != target
                    && cls_match_visible_in_version(m, version)) {
                    struct sparse r = { st->map, m->vals, st->mask };
                    if (sparse_overlaps(&t, &r)) {
                        return true;
                    }
                }
            }
        }
    }
    return false;
}

int
classifier_count(const struct classifier *cls)
{
    return cls->n_rules;
}

bool
classifier_is_empty(const struct classifier *cls)
{
    return !cls->n_rules;
}

int
classifier_n_subtables(const struct classifier *cls)
{
    return cls->wvec->n;
}

size_t
classifier_memory_usage(const struct classifier *cls)
{
    size_t total = sizeof *cls->pvec + cls->pvec->n * sizeof *cls->pvec->e;
    total += cls->wvec->allocated * sizeof *cls->wvec->e;
    total += hmap_count(&cls->subtables) * sizeof(struct hmap_node *);

    const struct cls_subtable *st;
    HMAP_FOR_EACH (st, hmap_node, &cls->subtables) {
        total += sizeof *st + st->n_words * sizeof(uint64_t);
        total += cls_cmap_memory(&st->rules);
        for (int s = 0; s < filter_count(st); s++) {
            total += filter_size(st->filters[s]);
        }
        for (int s = 0; s + 1 < st->n_stages; s++) {
            total += cls_ccmap_memory(&st->indices[s]);
        }
        total += hmap_count(&st->prios) * (sizeof(struct cls_prio_node)
                                           + sizeof(struct hmap_node *));
        total += st->heap_allocated * sizeof *st->heap;

        size_t slot = 0;
        const struct cls_match *head;
        while ((head = cls_cmap_next_slot(&st->rules, &slot))) {
            for (const struct cls_match *m = head; m; m = m->next) {
                total += sizeof *m + st->n_words * sizeof(uint64_t);
                if (m->conj_set) {
                    total += (sizeof *m->conj_set
                              + m->conj_set->n * sizeof *m->conj_set->conj);
                }
            }
        }
    }

    const struct cls_tries *tries = cls->tries;
    total += sizeof *tries;
    for (size_t i = 0; i < tries->n; i++) {
        total += cls_trie_memory(&tries->tries[i]);
    }
    return total;
}

/* Iteration. */

static bool
subtable_covers(const struct cls_subtable *st,
                const struct cls_minimatch *target)
{
    if (!target) {
        return true;
    }
    if (target->map & ~st->map) {
        return false;
    }

    const uint64_t *tm = minimatch_masks(target);
    int i = 0;
    for (uint64_t map = target->map; map; map &= map - 1, i++) {
        int w = raw_ctz(map);
        if (tm[i] & ~st->mask[sparse_index(st->map, w)]) {
            return false;
        }
    }
    return true;
}

static bool
cursor_wants(const struct cls_cursor *cursor, const struct cls_match *m)
{
    if (!cls_match_visible_in_version(m, cursor->version)) {
        return false;
    }
    if (!cursor->target) {
        return true;
    }

    const struct cls_subtable *st = m->subtable;
    struct sparse r = { st->map, m->vals, st->mask };
    struct sparse t = sparse_from_minimatch(cursor->target);
    return sparse_is_loose_match(&r, &t);
}

struct cls_cursor
cls_cursor_start(const struct classifier *cls, const struct cls_rule *target,
                 cls_version_t version)
{
    struct cls_cursor cursor = {
        .cls = cls,
        .target = target && target->match->map ? target->match : NULL,
        .version = version,
        .subtable_node = hmap_first(&cls->subtables),
        .slot = 0,
        .next = NULL,
        .rule = NULL,
    };
    cls_cursor_advance(&cursor);
    return cursor;
}

void
cls_cursor_advance(struct cls_cursor *cursor)
{
    for (;;) {
        /* The rest of the current same-match list.  'next' is read before
         * the rule is returned, so that the caller may remove it. */
        while (cursor->next) {
            const struct cls_match *m = cursor->next;
            cursor->next = m->next;
            if (cursor_wants(cursor, m)) {
                cursor->rule = m->cls_rule;
                return;
            }
        }

        /* The next list. */
        while (cursor->subtable_node) {
            const struct cls_subtable *st
                = CONTAINER_OF(cursor->subtable_node, struct cls_subtable,
                               hmap_node);
            if (st->n_rules && subtable_covers(st, cursor->target)) {
                const struct cls_match *head
                    = cls_cmap_next_slot(&st->rules, &cursor->slot);
                if (head) {
                    cursor->next = head;
                    break;
                }
            }
            cursor->subtable_node = hmap_next(&cursor->cls->subtables,
                                              cursor->subtable_node);
            cursor->slot = 0;
        }
        if (!cursor->next) {
            cursor->rule = NULL;
            return;
        }
    }
}

/* Invariants. */

void
classifier_check_invariants(const struct classifier *cls)
{
    int n_rules = 0;
    int n_nonempty = 0;
    const struct cls_subtable *st;

    HMAP_FOR_EACH (st, hmap_node, &cls->subtables) {
        int n = 0;
        int max = INT_MIN;
        size_t slot = 0;
        const struct cls_match *head;

        svs_assert(st->n_words == count_1bits(st->map));
        while ((head = cls_cmap_next_slot(&st->rules, &slot))) {
            svs_assert(head == subtable_find(st, head->hash, head->vals));
            uint32_t head_hashes[FLOW_N_STAGES];
            subtable_vals_hashes(st, head->vals, head_hashes);
            for (int s = 0; s < filter_count(st); s++) {
                svs_assert(cls_filter_may_contain(st->filters[s],
                                                  head_hashes[s]));
            }
            for (const struct cls_match *m = head; m; m = m->next) {
                uint32_t hashes[FLOW_N_STAGES];

                svs_assert(m->subtable == st);
                svs_assert(m->cls_rule->cls_match == m);
                svs_assert(m->cls_rule->match->map == st->map);
                svs_assert(vals_equal(m->vals, head->vals, st->n_words));
                svs_assert(m->hash == head->hash);
                svs_assert(!m->next || m->next->priority <= m->priority);
                subtable_vals_hashes(st, m->vals, hashes);
                for (int s = 0; s + 1 < st->n_stages; s++) {
                    svs_assert(cls_ccmap_contains(&st->indices[s],
                                                  hashes[s]));
                }
                if (m->priority > max) {
                    max = m->priority;
                }
                n++;
            }
        }
        svs_assert(n == st->n_rules);
        n_rules += n;
        if (n) {
            n_nonempty++;
            svs_assert(st->max_priority == max);
            const struct cls_pvec_entry *e
                = wvec_find(cls->wvec, st);
            svs_assert(e && e->priority == max);
        } else {
            svs_assert(!wvec_find(cls->wvec, st));
        }
    }
    svs_assert(n_rules == cls->n_rules);
    svs_assert((int) cls->wvec->n == n_nonempty);
    if (cls->publish) {
        const struct cls_pvec *pvec = cls->pvec;
        svs_assert(pvec->n == cls->wvec->n);
        for (size_t i = 0; i + 1 < pvec->n; i++) {
            svs_assert(pvec->e[i].priority >= pvec->e[i + 1].priority);
        }
    }
}
