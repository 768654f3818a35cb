/* cls-trie.c: prefix tries for the classifier (see cls-trie.h). */
#include <config.h>
#include "cls-trie.h"

#include <stdlib.h>
#include "util.h"

/* Returns 'n' (0..32) bits of 'key' starting at bit 'ofs', left-aligned. */
static inline uint32_t
get_bits(const uint32_t key[4], unsigned int ofs, unsigned int n)
{
    if (!n) {
        return 0;
    }

    unsigned int w = ofs / 32, shift = ofs % 32;
    uint32_t bits = key[w] << shift;
    if (shift && w < 3) {
        bits |= key[w + 1] >> (32 - shift);
    }
    return n == 32 ? bits : bits & ~(UINT32_MAX >> n);
}

static inline unsigned int
get_bit(const uint32_t key[4], unsigned int ofs)
{
    return (key[ofs / 32] >> (31 - ofs % 32)) & 1;
}

/* Number of equal leading bits of the 'n'-bit strings 'a' and 'b'. */
static inline unsigned int
common_bits(uint32_t a, uint32_t b, unsigned int n)
{
    uint32_t diff = a ^ b;
    unsigned int c = diff ? __builtin_clz(diff) : 32;
    return c < n ? c : n;
}

void
cls_trie_init(struct cls_trie *trie)
{
    trie->root = NULL;
}

static void
destroy_subtree(struct cls_trie_node *node, struct cls_garbage *g)
{
    while (node) {
        destroy_subtree(node->edges[0], g);
        struct cls_trie_node *next = node->edges[1];
        cls_garbage_add(g, node);
        node = next;
    }
}

void
cls_trie_destroy(struct cls_trie *trie, struct cls_garbage *g)
{
    destroy_subtree(trie->root, g);
    trie->root = NULL;
}

static struct cls_trie_node *
node_new(uint32_t prefix, unsigned int n_bits, unsigned int n_rules)
{
    struct cls_trie_node *node = xmalloc(sizeof *node);

    node->prefix = prefix;
    node->n_bits = n_bits;
    node->n_rules = n_rules;
    node->edges[0] = node->edges[1] = NULL;
    return node;
}

/* Builds the chain of nodes for bits 'ofs'..'plen' - 1 of 'key' with one
 * rule at its end.  Returns it unpublished. */
static struct cls_trie_node *
new_chain(const uint32_t key[4], unsigned int ofs, unsigned int plen)
{
    struct cls_trie_node *head = NULL;
    struct cls_trie_node **tail = &head;

    while (ofs < plen) {
        unsigned int n = plen - ofs < 32 ? plen - ofs : 32;
        struct cls_trie_node *node = node_new(get_bits(key, ofs, n), n, 0);
        *tail = node;
        ofs += n;
        if (ofs < plen) {
            tail = &node->edges[get_bit(key, ofs)];
        } else {
            node->n_rules = 1;
        }
    }
    return head;
}

void
cls_trie_insert(struct cls_trie *trie, const uint32_t key[4],
                unsigned int plen, struct cls_garbage *g)
{
    struct cls_trie_node **edge = &trie->root;
    unsigned int ofs = 0;

    for (;;) {
        struct cls_trie_node *node = *edge;
        if (!node) {
            cls_rcu_set(*edge, new_chain(key, ofs, plen));
            return;
        }

        unsigned int n = (plen - ofs < node->n_bits
                          ? plen - ofs : node->n_bits);
        unsigned int c = common_bits(node->prefix, get_bits(key, ofs, n), n);
        if (c < node->n_bits) {
            /* Split 'node' after its first 'c' bits. */
            struct cls_trie_node *tail, *head;

            tail = node_new(node->prefix << c, node->n_bits - c,
                            node->n_rules);
            tail->edges[0] = node->edges[0];
            tail->edges[1] = node->edges[1];
            head = node_new(c ? node->prefix & ~(UINT32_MAX >> c) : 0, c, 0);
            head->edges[node->prefix >> (31 - c) & 1] = tail;
            if (ofs + c == plen) {
                head->n_rules = 1;
            } else {
                head->edges[get_bit(key, ofs + c)]
                    = new_chain(key, ofs + c, plen);
            }
            cls_rcu_set(*edge, head);
            cls_garbage_add(g, node);
            return;
        }

        ofs += node->n_bits;
        if (ofs == plen) {
            cls_relaxed_set(node->n_rules, node->n_rules + 1);
            return;
        }
        edge = &node->edges[get_bit(key, ofs)];
    }
}

/* If the node at '*edge' has no rules, removes it if it has no children or
 * merges it with its only child if their bits fit in one node.  Returns
 * true if it removed the node. */
static bool
cleanup_node(struct cls_trie_node **edge, struct cls_garbage *g)
{
    struct cls_trie_node *node = *edge;

    if (node->n_rules) {
        return false;
    }
    if (!node->edges[0] && !node->edges[1]) {
        cls_rcu_set(*edge, NULL);
        cls_garbage_add(g, node);
        return true;
    }
    if (node->edges[0] && node->edges[1]) {
        return false;
    }

    struct cls_trie_node *child = node->edges[0] ? node->edges[0]
                                                 : node->edges[1];
    if (node->n_bits + child->n_bits <= 32) {
        struct cls_trie_node *merged;

        merged = node_new(node->prefix | (node->n_bits
                                          ? child->prefix >> node->n_bits
                                          : child->prefix),
                          node->n_bits + child->n_bits, child->n_rules);
        merged->edges[0] = child->edges[0];
        merged->edges[1] = child->edges[1];
        cls_rcu_set(*edge, merged);
        cls_garbage_add(g, node);
        cls_garbage_add(g, child);
    }
    return false;
}

void
cls_trie_remove(struct cls_trie *trie, const uint32_t key[4],
                unsigned int plen, struct cls_garbage *g)
{
    struct cls_trie_node **path[130];
    unsigned int depth = 0;
    struct cls_trie_node **edge = &trie->root;
    unsigned int ofs = 0;

    for (;;) {
        struct cls_trie_node *node = *edge;
        svs_assert(node && depth < ARRAY_SIZE(path));
        path[depth++] = edge;
        ofs += node->n_bits;
        if (ofs == plen) {
            svs_assert(node->n_rules > 0);
            cls_relaxed_set(node->n_rules, node->n_rules - 1);
            break;
        }
        svs_assert(ofs < plen);
        edge = &node->edges[get_bit(key, ofs)];
    }

    /* Clean up from the node upward while nodes disappear. */
    while (depth > 0 && cleanup_node(path[--depth], g)) {
        continue;
    }
}

unsigned int
cls_trie_lookup(const struct cls_trie *trie, const uint32_t key[4],
                unsigned int n_key_bits, struct cls_plens *plens)
{
    const struct cls_trie_node *node = cls_rcu_get(trie->root);
    unsigned int ofs = 0;

    plens->bits[0] = plens->bits[1] = plens->bits[2] = 0;
    if (!node) {
        return 0;
    }
    for (;;) {
        unsigned int n = node->n_bits;
        uint32_t diff = node->prefix ^ get_bits(key, ofs, n);
        if (diff) {
            return ofs + __builtin_clz(diff) + 1;
        }
        ofs += n;
        if (cls_relaxed_get(node->n_rules)) {
            plens->bits[ofs / 64] |= UINT64_C(1) << (ofs % 64);
        }
        if (ofs >= n_key_bits) {
            return n_key_bits;
        }
        unsigned int bit = get_bit(key, ofs);
        const struct cls_trie_node *next = cls_rcu_get(node->edges[bit]);
        if (!next) {
            /* Bit 'ofs' matters only if it could have led elsewhere: at a
             * leaf, every address with these 'ofs' bits ends here. */
            return cls_rcu_get(node->edges[!bit]) ? ofs + 1 : ofs;
        }
        node = next;
    }
}

static size_t
subtree_memory(const struct cls_trie_node *node)
{
    return (node ? sizeof *node + subtree_memory(node->edges[0])
            + subtree_memory(node->edges[1]) : 0);
}

size_t
cls_trie_memory(const struct cls_trie *trie)
{
    return subtree_memory(trie->root);
}
