/* cls-rcu.h: RCU primitives and deferred freeing for the classifier.
 *
 * What: thin wrappers over liburcu's "bulletproof" flavor (urcu-bp: no
 * thread has to register) for read-side critical sections and grace
 * periods, pointer publication with C11-style atomics (inline, so the
 * lookup path makes no library calls for them), and a "garbage" list: the
 * classifier's writer retires memory into it and flushes it with one
 * call_rcu() for the batch, so each block is freed after a grace period.
 *
 * Design: flushing is explicit so that memory retired during an iteration
 * of the writer (for example by removing the rule a cursor just visited)
 * stays valid until the writer flushes at a point where it holds no
 * pointers into the classifier.
 *
 * Thread-safety: cls_rcu_* are thread-safe.  A struct cls_garbage belongs
 * to one writer at a time. */
#ifndef SVS_CLS_RCU_H
#define SVS_CLS_RCU_H 1

#include <stddef.h>

/* Reads an RCU-protected pointer (or any shared word) for dereference. */
#define cls_rcu_get(P) __atomic_load_n(&(P), __ATOMIC_ACQUIRE)
/* Publishes 'V' into RCU-protected pointer 'P': every store the writer
 * made before is visible to readers that see 'V'. */
#define cls_rcu_set(P, V) __atomic_store_n(&(P), (V), __ATOMIC_RELEASE)
/* Relaxed accesses to shared words that need no ordering. */
#define cls_relaxed_get(P) __atomic_load_n(&(P), __ATOMIC_RELAXED)
#define cls_relaxed_set(P, V) __atomic_store_n(&(P), (V), __ATOMIC_RELAXED)

void cls_rcu_read_lock(void);
void cls_rcu_read_unlock(void);
/* Waits for a grace period. */
void cls_rcu_synchronize(void);
/* Waits until every callback queued so far (every flushed garbage list)
 * has run. */
void cls_rcu_barrier(void);

/* Memory retired by the writer, freed with free() after a grace period
 * that starts when the list is flushed. */
struct cls_garbage {
    size_t n, allocated;
    void **ptrs;
};

void cls_garbage_init(struct cls_garbage *);
/* Adds 'p' (may be NULL) to 'g'. */
void cls_garbage_add(struct cls_garbage *g, void *p);
/* Frees the memory in 'g' after a grace period and empties 'g'. */
void cls_garbage_flush(struct cls_garbage *g);
/* Flushes 'g' and frees its own memory. */
void cls_garbage_destroy(struct cls_garbage *g);

#endif /* cls-rcu.h */
