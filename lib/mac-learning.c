/* mac-learning.c: the MAC learning table (see mac-learning.h).
 *
 * Entries are in a hash table by (address, VLAN) and on a list in order of
 * last use (oldest first), so that aging and eviction look only at the
 * front of the list. */
#include <config.h>
#include "mac-learning.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include "dynamic-string.h"
#include "hash.h"
#include "hmap.h"
#include "list.h"
#include "poll-loop.h"
#include "timeval.h"
#include "util.h"

struct mac_entry {
    struct hmap_node hmap_node;     /* In 'ml->table'. */
    struct svs_list lru_node;       /* In 'ml->lru', oldest first. */
    struct eth_addr mac;
    uint16_t vlan;
    void *port;
    ofp_port_t ofp_port;
    long long int used;             /* time_msec() of the last sighting. */
};

struct mac_learning {
    pthread_rwlock_t rwlock;
    struct hmap table;
    struct svs_list lru;
    unsigned int idle_time;         /* Seconds. */
    size_t max_entries;
    uint64_t seq;                   /* Bumped on decision changes. */

    /* Statistics. */
    uint64_t n_learned, n_expired, n_evicted, n_moved;
};

static uint32_t
mac_hash(struct eth_addr mac, uint16_t vlan)
{
    uint64_t x = ((uint64_t) mac.be16[0] << 32) | ((uint64_t) mac.be16[1]
                 << 16) | mac.be16[2];

    return hash_uint64_basis(x, vlan);
}

struct mac_learning *
mac_learning_create(unsigned int idle_time)
{
    struct mac_learning *ml = xzalloc(sizeof *ml);

    pthread_rwlock_init(&ml->rwlock, NULL);
    hmap_init(&ml->table);
    svs_list_init(&ml->lru);
    ml->idle_time = idle_time ? idle_time : MAC_ENTRY_DEFAULT_IDLE_TIME;
    ml->max_entries = MAC_DEFAULT_MAX;
    ml->seq = 1;
    return ml;
}

static void
entry_remove(struct mac_learning *ml, struct mac_entry *e)
{
    hmap_remove(&ml->table, &e->hmap_node);
    svs_list_remove(&e->lru_node);
    free(e);
    ml->seq++;
}

void
mac_learning_destroy(struct mac_learning *ml)
{
    if (ml) {
        mac_learning_flush(ml);
        hmap_destroy(&ml->table);
        pthread_rwlock_destroy(&ml->rwlock);
        free(ml);
    }
}

void
mac_learning_set_idle_time(struct mac_learning *ml, unsigned int secs)
{
    pthread_rwlock_wrlock(&ml->rwlock);
    ml->idle_time = secs < 15 ? 15 : secs > 3600 ? 3600 : secs;
    pthread_rwlock_unlock(&ml->rwlock);
}

void
mac_learning_set_max_entries(struct mac_learning *ml, size_t max)
{
    pthread_rwlock_wrlock(&ml->rwlock);
    ml->max_entries = max < 10 ? 10 : max;
    while (hmap_count(&ml->table) > ml->max_entries) {
        struct mac_entry *e = CONTAINER_OF(svs_list_front(&ml->lru),
                                           struct mac_entry, lru_node);

        entry_remove(ml, e);
        ml->n_evicted++;
    }
    pthread_rwlock_unlock(&ml->rwlock);
}

static struct mac_entry *
entry_find(const struct mac_learning *ml, struct eth_addr mac, uint16_t vlan)
{
    struct mac_entry *e;

    HMAP_FOR_EACH_WITH_HASH (e, hmap_node, mac_hash(mac, vlan),
                             &ml->table) {
        if (e->vlan == vlan && eth_addr_equals(e->mac, mac)) {
            return e;
        }
    }
    return NULL;
}

bool
mac_learning_learn(struct mac_learning *ml, struct eth_addr src,
                   uint16_t vlan, void *port, ofp_port_t ofp_port)
{
    long long int now = time_msec();
    struct mac_entry *e;
    bool changed = false;

    if (src.ea[0] & 1) {
        return false;           /* Multicast or broadcast source. */
    }

    /* The common case, an address already known on the same port, only
     * needs the read lock; its timestamp is a relaxed store. */
    pthread_rwlock_rdlock(&ml->rwlock);
    e = entry_find(ml, src, vlan);
    if (e && e->port == port) {
        __atomic_store_n(&e->used, now, __ATOMIC_RELAXED);
        pthread_rwlock_unlock(&ml->rwlock);
        return false;
    }
    pthread_rwlock_unlock(&ml->rwlock);

    pthread_rwlock_wrlock(&ml->rwlock);
    e = entry_find(ml, src, vlan);
    if (!e) {
        if (hmap_count(&ml->table) >= ml->max_entries) {
            struct mac_entry *old = CONTAINER_OF(svs_list_front(&ml->lru),
                                                 struct mac_entry, lru_node);

            entry_remove(ml, old);
            ml->n_evicted++;
        }
        e = xzalloc(sizeof *e);
        e->mac = src;
        e->vlan = vlan;
        hmap_insert(&ml->table, &e->hmap_node, mac_hash(src, vlan));
        svs_list_push_back(&ml->lru, &e->lru_node);
        ml->n_learned++;
        changed = true;
    } else if (e->port != port) {
        ml->n_moved++;
        changed = true;
    }
    if (changed) {
        e->port = port;
        e->ofp_port = ofp_port;
        ml->seq++;
    }
    e->used = now;
    svs_list_remove(&e->lru_node);
    svs_list_push_back(&ml->lru, &e->lru_node);
    pthread_rwlock_unlock(&ml->rwlock);
    return changed;
}

void *
mac_learning_lookup(const struct mac_learning *ml_, struct eth_addr dst,
                    uint16_t vlan)
{
    struct mac_learning *ml = CONST_CAST(struct mac_learning *, ml_);
    struct mac_entry *e;
    void *port;

    if (dst.ea[0] & 1) {
        return NULL;
    }
    pthread_rwlock_rdlock(&ml->rwlock);
    e = entry_find(ml, dst, vlan);
    port = e ? e->port : NULL;
    pthread_rwlock_unlock(&ml->rwlock);
    return port;
}

void
mac_learning_flush(struct mac_learning *ml)
{
    struct mac_entry *e, *next;

    pthread_rwlock_wrlock(&ml->rwlock);
    HMAP_FOR_EACH_SAFE (e, next, hmap_node, &ml->table) {
        entry_remove(ml, e);
    }
    pthread_rwlock_unlock(&ml->rwlock);
}

void
mac_learning_flush_port(struct mac_learning *ml, void *port)
{
    struct mac_entry *e, *next;

    pthread_rwlock_wrlock(&ml->rwlock);
    HMAP_FOR_EACH_SAFE (e, next, hmap_node, &ml->table) {
        if (e->port == port) {
            entry_remove(ml, e);
        }
    }
    pthread_rwlock_unlock(&ml->rwlock);
}

bool
mac_learning_forget(struct mac_learning *ml, struct eth_addr mac,
                    uint16_t vlan)
{
    struct mac_entry *e;

    pthread_rwlock_wrlock(&ml->rwlock);
    e = entry_find(ml, mac, vlan);
    if (e) {
        entry_remove(ml, e);
    }
    pthread_rwlock_unlock(&ml->rwlock);
    return e != NULL;
}

bool
mac_learning_run(struct mac_learning *ml)
{
    long long int now = time_msec();
    bool changed = false;
    struct mac_entry *e, *next;

    pthread_rwlock_wrlock(&ml->rwlock);
    /* Entries refreshed under the read lock are not moved in the list, so
     * look at every entry's own timestamp, oldest first. */
    LIST_FOR_EACH_SAFE (e, next, lru_node, &ml->lru) {
        long long int used = __atomic_load_n(&e->used, __ATOMIC_RELAXED);

        if (now - used >= (long long int) ml->idle_time * 1000) {
            entry_remove(ml, e);
            ml->n_expired++;
            changed = true;
        }
    }
    pthread_rwlock_unlock(&ml->rwlock);
    return changed;
}

void
mac_learning_wait(struct mac_learning *ml)
{
    long long int now = time_msec();

    pthread_rwlock_rdlock(&ml->rwlock);
    if (!svs_list_is_empty(&ml->lru)) {
        /* Check again a second after the oldest entry could expire; an
         * entry refreshed meanwhile only makes the wake-up early. */
        struct mac_entry *e = CONTAINER_OF(svs_list_front(&ml->lru),
                                           struct mac_entry, lru_node);
        long long int when = e->used + (long long int) ml->idle_time * 1000;

        poll_timer_wait_until(when > now ? when : now + 1000);
    }
    pthread_rwlock_unlock(&ml->rwlock);
}

uint64_t
mac_learning_get_seq(const struct mac_learning *ml_)
{
    struct mac_learning *ml = CONST_CAST(struct mac_learning *, ml_);
    uint64_t seq;

    pthread_rwlock_rdlock(&ml->rwlock);
    seq = ml->seq;
    pthread_rwlock_unlock(&ml->rwlock);
    return seq;
}

size_t
mac_learning_count(const struct mac_learning *ml_)
{
    struct mac_learning *ml = CONST_CAST(struct mac_learning *, ml_);
    size_t n;

    pthread_rwlock_rdlock(&ml->rwlock);
    n = hmap_count(&ml->table);
    pthread_rwlock_unlock(&ml->rwlock);
    return n;
}

void
mac_learning_format(const struct mac_learning *ml_, struct ds *s)
{
    struct mac_learning *ml = CONST_CAST(struct mac_learning *, ml_);
    long long int now = time_msec();
    const struct mac_entry *e;

    ds_put_cstr(s, " port  VLAN  MAC                Age\n");
    pthread_rwlock_rdlock(&ml->rwlock);
    LIST_FOR_EACH (e, lru_node, &ml->lru) {
        long long int used = __atomic_load_n(&e->used, __ATOMIC_RELAXED);

        ds_put_format(s, "%5"PRIu16"  %4"PRIu16"  "ETH_ADDR_FMT"  %3lld\n",
                      e->ofp_port, e->vlan, ETH_ADDR_ARGS(e->mac),
                      (now - used) / 1000);
    }
    pthread_rwlock_unlock(&ml->rwlock);
}

void
mac_learning_format_stats(const struct mac_learning *ml_, const char *bridge,
                          struct ds *s)
{
    struct mac_learning *ml = CONST_CAST(struct mac_learning *, ml_);

    pthread_rwlock_rdlock(&ml->rwlock);
    ds_put_format(s, "Statistics for bridge \"%s\":\n", bridge);
    ds_put_format(s, "  Current/maximum MAC entries in the table: "
                  "%zu/%zu\n", hmap_count(&ml->table),
                  ml->max_entries);
    ds_put_cstr(s, "  Current static MAC entries in the table : 0\n");
    ds_put_format(s, "  Total number of learned MAC entries     : "
                  "%"PRIu64"\n", ml->n_learned);
    ds_put_format(s, "  Total number of expired MAC entries     : "
                  "%"PRIu64"\n", ml->n_expired);
    ds_put_format(s, "  Total number of evicted MAC entries     : "
                  "%"PRIu64"\n", ml->n_evicted);
    ds_put_format(s, "  Total number of port moved MAC entries  : "
                  "%"PRIu64"\n", ml->n_moved);
    pthread_rwlock_unlock(&ml->rwlock);
}
