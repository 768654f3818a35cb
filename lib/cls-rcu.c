/* cls-rcu.c: RCU wrappers and deferred freeing (see cls-rcu.h). */
#include <config.h>
#include "cls-rcu.h"

#include <stdlib.h>
#include <urcu/urcu-bp.h>
#include "util.h"

void
cls_rcu_read_lock(void)
{
    urcu_bp_read_lock();
}

void
cls_rcu_read_unlock(void)
{
    urcu_bp_read_unlock();
}

void
cls_rcu_synchronize(void)
{
    urcu_bp_synchronize_rcu();
}

void
cls_rcu_barrier(void)
{
    urcu_bp_barrier();
}

void
cls_garbage_init(struct cls_garbage *g)
{
    g->n = g->allocated = 0;
    g->ptrs = NULL;
}

void
cls_garbage_add(struct cls_garbage *g, void *p)
{
    if (!p) {
        return;
    }
    if (g->n >= g->allocated) {
        g->allocated = g->allocated ? 2 * g->allocated : 16;
        g->ptrs = xrealloc(g->ptrs, g->allocated * sizeof *g->ptrs);
    }
    g->ptrs[g->n++] = p;
}

/* A flushed batch, queued with call_rcu(). */
struct garbage_batch {
    struct rcu_head rcu;
    size_t n;
    void *ptrs[];
};

static void
free_batch(struct rcu_head *head)
{
    struct garbage_batch *b = CONTAINER_OF(head, struct garbage_batch, rcu);

    for (size_t i = 0; i < b->n; i++) {
        free(b->ptrs[i]);
    }
    free(b);
}

void
cls_garbage_flush(struct cls_garbage *g)
{
    if (!g->n) {
        return;
    }

    struct garbage_batch *b = xmalloc(sizeof *b + g->n * sizeof *b->ptrs);
    b->n = g->n;
    memcpy(b->ptrs, g->ptrs, g->n * sizeof *g->ptrs);
    g->n = 0;
    if (g->allocated > 1024) {
        free(g->ptrs);
        g->ptrs = NULL;
        g->allocated = 0;
    }
    urcu_bp_call_rcu(&b->rcu, free_batch);
}

void
cls_garbage_destroy(struct cls_garbage *g)
{
    if (g) {
        cls_garbage_flush(g);
        free(g->ptrs);
        g->ptrs = NULL;
        g->allocated = 0;
    }
}
