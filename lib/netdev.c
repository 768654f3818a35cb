/* netdev.c: the provider registry and the generic half of every network
 * device call (see netdev.h and netdev-provider.h).
 *
 * Design: two tables, both guarded by 'netdev_mutex': the registered
 * classes by type name, and the open devices by device name.  A device
 * name maps to one 'struct netdev' with a reference count, so opening a
 * name twice shares the device.  Calls on an open device go straight to
 * its class without the mutex: providers guard their own state. */
#include <config.h>
#include "netdev.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "dynamic-string.h"
#include "netdev-provider.h"
#include "shash.h"
#include "smap.h"
#include "sset.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(netdev);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

/* A registered class and how many open devices use it. */
struct netdev_registered_class {
    const struct netdev_class *class;
    int n_devices;                      /* Open devices of this class. */
};

static pthread_mutex_t netdev_mutex = PTHREAD_MUTEX_INITIALIZER;
/* Type name -> struct netdev_registered_class.  Under 'netdev_mutex'. */
static struct shash netdev_classes = SHASH_INITIALIZER(&netdev_classes);
/* Device name -> struct netdev.  Under 'netdev_mutex'. */
static struct shash netdev_devices = SHASH_INITIALIZER(&netdev_devices);

static struct netdev_registered_class *
netdev_lookup_class__(const char *type)
{
    return shash_find_data(&netdev_classes, type);
}

int
netdev_register_provider(const struct netdev_class *class)
{
    int error = 0;

    pthread_mutex_lock(&netdev_mutex);
    if (netdev_lookup_class__(class->type)) {
        error = EEXIST;
    } else {
        struct netdev_registered_class *rc = xzalloc(sizeof *rc);

        rc->class = class;
        shash_add(&netdev_classes, class->type, rc);
    }
    pthread_mutex_unlock(&netdev_mutex);
    return error;
}

int
netdev_unregister_provider(const char *type)
{
    struct netdev_registered_class *rc;
    int error = 0;

    pthread_mutex_lock(&netdev_mutex);
    rc = netdev_lookup_class__(type);
    if (!rc) {
        error = ENOENT;
    } else if (rc->n_devices) {
        error = EBUSY;
    } else {
        shash_find_and_delete(&netdev_classes, type);
        free(rc);
    }
    pthread_mutex_unlock(&netdev_mutex);
    return error;
}

const struct netdev_class *
netdev_lookup_provider(const char *type)
{
    struct netdev_registered_class *rc;

    pthread_mutex_lock(&netdev_mutex);
    rc = netdev_lookup_class__(type);
    pthread_mutex_unlock(&netdev_mutex);
    return rc ? rc->class : NULL;
}

static void
netdev_register_builtin(void)
{
    netdev_linux_register();
    netdev_afxdp_register();
}

void
netdev_register_default_providers(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, netdev_register_builtin);
}

void
netdev_enumerate_types(struct sset *types)
{
    struct shash_node *node;

    netdev_register_default_providers();
    pthread_mutex_lock(&netdev_mutex);
    SHASH_FOR_EACH (node, &netdev_classes) {
        sset_add(types, node->name);
    }
    pthread_mutex_unlock(&netdev_mutex);
}

bool
netdev_is_known_type(const char *type)
{
    netdev_register_default_providers();
    return netdev_lookup_provider(type) != NULL;
}

void
netdev_stats_init_unknown(struct netdev_stats *stats)
{
    memset(stats, 0xff, sizeof *stats);
}

/* Opening and closing. */

/* Opens the device 'name' of type 'type' (NULL or "" for "system", or,
 * when 'name' is already open, whatever type it has) and stores it in
 * '*netdevp' with a new reference.  Returns EEXIST if 'name' is open with
 * another type, EAFNOSUPPORT if 'type' is unknown, or the provider's
 * error (ENODEV: no such device). */
int
netdev_open(const char *name, const char *type, struct netdev **netdevp)
{
    struct netdev *netdev;
    int error = 0;

    *netdevp = NULL;
    netdev_register_default_providers();
    pthread_mutex_lock(&netdev_mutex);
    netdev = shash_find_data(&netdev_devices, name);
    if (netdev) {
        if (type && type[0] && strcmp(type, netdev->netdev_class->type)) {
            error = EEXIST;
        } else {
            netdev->ref_cnt++;
            *netdevp = netdev;
        }
    } else {
        const char *t = type && type[0] ? type : "system";
        struct netdev_registered_class *rc = netdev_lookup_class__(t);

        if (!rc) {
            VLOG_WARN_RL(&rl, "could not create netdev %s of unknown type "
                         "%s", name, t);
            error = EAFNOSUPPORT;
        } else {
            netdev = rc->class->alloc();
            memset(netdev, 0, sizeof *netdev);
            netdev->name = xstrdup(name);
            netdev->netdev_class = rc->class;
            netdev->ref_cnt = 1;
            netdev->n_rxq = netdev->n_txq = 1;
            atomic_init(&netdev->change_seq, 1);
            error = rc->class->construct(netdev);
            if (!error) {
                rc->n_devices++;
                shash_add(&netdev_devices, name, netdev);
                *netdevp = netdev;
            } else {
                free(netdev->name);
                rc->class->dealloc(netdev);
            }
        }
    }
    pthread_mutex_unlock(&netdev_mutex);
    if (error && error != ENODEV) {
        VLOG_WARN_RL(&rl, "failed to open %s (type %s): %s", name,
                     type && type[0] ? type : "system", svs_strerror(error));
    }
    return error;
}

/* Returns 'netdev' with one more reference. */
struct netdev *
netdev_ref(const struct netdev *netdev_)
{
    struct netdev *netdev = CONST_CAST(struct netdev *, netdev_);

    if (netdev) {
        pthread_mutex_lock(&netdev_mutex);
        svs_assert(netdev->ref_cnt > 0);
        netdev->ref_cnt++;
        pthread_mutex_unlock(&netdev_mutex);
    }
    return netdev;
}

/* Drops a reference; the last one destroys the device. */
void
netdev_close(struct netdev *netdev)
{
    if (!netdev) {
        return;
    }
    pthread_mutex_lock(&netdev_mutex);
    svs_assert(netdev->ref_cnt > 0);
    if (!--netdev->ref_cnt) {
        const struct netdev_class *class = netdev->netdev_class;
        struct netdev_registered_class *rc;

        shash_find_and_delete(&netdev_devices, netdev->name);
        rc = netdev_lookup_class__(class->type);
        if (rc && rc->class == class) {
            rc->n_devices--;
        }
        class->destruct(netdev);
        free(netdev->name);
        class->dealloc(netdev);
    }
    pthread_mutex_unlock(&netdev_mutex);
}

void
netdev_remove_on_close(struct netdev *netdev)
{
    netdev->remove_on_close = true;
}

const char *
netdev_get_name(const struct netdev *netdev)
{
    return netdev->name;
}

const char *
netdev_get_type(const struct netdev *netdev)
{
    return netdev->netdev_class->type;
}

struct netdev *
netdev_lookup(const char *name)
{
    struct netdev *netdev;

    pthread_mutex_lock(&netdev_mutex);
    netdev = shash_find_data(&netdev_devices, name);
    if (netdev) {
        netdev->ref_cnt++;
    }
    pthread_mutex_unlock(&netdev_mutex);
    return netdev;
}

struct netdev **
netdev_get_devices(const struct netdev_class *class, size_t *n)
{
    struct netdev **devices;
    struct shash_node *node;

    pthread_mutex_lock(&netdev_mutex);
    devices = xmalloc((shash_count(&netdev_devices) + 1) * sizeof *devices);
    *n = 0;
    SHASH_FOR_EACH (node, &netdev_devices) {
        struct netdev *netdev = node->data;

        if (netdev->netdev_class == class) {
            netdev->ref_cnt++;
            devices[(*n)++] = netdev;
        }
    }
    pthread_mutex_unlock(&netdev_mutex);
    return devices;
}

/* Configuration. */

int
netdev_set_config(struct netdev *netdev, const struct smap *args,
                  char **errp)
{
    const struct netdev_class *class = netdev->netdev_class;
    char *err = NULL;
    int error;

    if (class->set_config) {
        error = class->set_config(netdev, args, &err);
        if (error && !err) {
            err = xasprintf("%s: could not set configuration (%s)",
                            netdev->name, svs_strerror(error));
        }
    } else if (args && !smap_is_empty(args)) {
        err = xasprintf("%s: arguments provided to device that is not "
                        "configurable", netdev->name);
        error = EINVAL;
    } else {
        error = 0;
    }
    if (err) {
        VLOG_WARN_RL(&rl, "%s", err);
    }
    if (errp) {
        *errp = err;
    } else {
        free(err);
    }
    return error;
}

int
netdev_get_config(const struct netdev *netdev, struct smap *args)
{
    smap_clear(args);
    return (netdev->netdev_class->get_config
            ? netdev->netdev_class->get_config(netdev, args) : 0);
}

/* Properties and status. */

int
netdev_get_etheraddr(const struct netdev *netdev, struct eth_addr *mac)
{
    int error = (netdev->netdev_class->get_etheraddr
                 ? netdev->netdev_class->get_etheraddr(netdev, mac)
                 : EOPNOTSUPP);
    if (error) {
        memset(mac, 0, sizeof *mac);
    }
    return error;
}

int
netdev_set_etheraddr(struct netdev *netdev, struct eth_addr mac)
{
    int error = (netdev->netdev_class->set_etheraddr
                 ? netdev->netdev_class->set_etheraddr(netdev, mac)
                 : EOPNOTSUPP);
    if (error) {
        VLOG_WARN_RL(&rl, "failed to set %s Ethernet address to "
                     ETH_ADDR_FMT ": %s", netdev->name, ETH_ADDR_ARGS(mac),
                     svs_strerror(error));
    }
    return error;
}

int
netdev_get_mtu(const struct netdev *netdev, int *mtup)
{
    int error = (netdev->netdev_class->get_mtu
                 ? netdev->netdev_class->get_mtu(netdev, mtup)
                 : EOPNOTSUPP);
    if (error) {
        *mtup = 0;
    }
    return error;
}

int
netdev_set_mtu(struct netdev *netdev, int mtu)
{
    int error = (netdev->netdev_class->set_mtu
                 ? netdev->netdev_class->set_mtu(netdev, mtu)
                 : EOPNOTSUPP);
    if (error && error != EOPNOTSUPP) {
        VLOG_WARN_RL(&rl, "failed to set MTU of %s to %d: %s",
                     netdev->name, mtu, svs_strerror(error));
    }
    return error;
}

int
netdev_get_ifindex(const struct netdev *netdev)
{
    return (netdev->netdev_class->get_ifindex
            ? netdev->netdev_class->get_ifindex(netdev) : -EOPNOTSUPP);
}

static int
netdev_update_flags(struct netdev *netdev, enum netdev_flags off,
                    enum netdev_flags on, enum netdev_flags *old_flags)
{
    enum netdev_flags old = 0;
    int error;

    error = (netdev->netdev_class->update_flags
             ? netdev->netdev_class->update_flags(netdev, off, on, &old)
             : EOPNOTSUPP);
    if (error) {
        VLOG_WARN_RL(&rl, "failed to %s flags of %s: %s",
                     off || on ? "set" : "get", netdev->name,
                     svs_strerror(error));
        old = 0;
    }
    if (old_flags) {
        *old_flags = old;
    }
    return error;
}

int
netdev_get_flags(const struct netdev *netdev, enum netdev_flags *flags)
{
    return netdev_update_flags(CONST_CAST(struct netdev *, netdev), 0, 0,
                               flags);
}

int
netdev_turn_flags_on(struct netdev *netdev, enum netdev_flags flags)
{
    return netdev_update_flags(netdev, 0, flags, NULL);
}

int
netdev_turn_flags_off(struct netdev *netdev, enum netdev_flags flags)
{
    return netdev_update_flags(netdev, flags, 0, NULL);
}

int
netdev_get_carrier(const struct netdev *netdev, bool *carrier)
{
    int error;

    if (!netdev->netdev_class->get_carrier) {
        /* A device that cannot tell is assumed to be up. */
        *carrier = true;
        return 0;
    }
    error = netdev->netdev_class->get_carrier(netdev, carrier);
    if (error) {
        *carrier = false;
    }
    return error;
}

int
netdev_get_speed(const struct netdev *netdev, uint32_t *mbps)
{
    int error = (netdev->netdev_class->get_speed
                 ? netdev->netdev_class->get_speed(netdev, mbps)
                 : EOPNOTSUPP);
    if (error) {
        *mbps = 0;
    }
    return error;
}

int
netdev_get_stats(const struct netdev *netdev, struct netdev_stats *stats)
{
    int error;

    netdev_stats_init_unknown(stats);
    error = (netdev->netdev_class->get_stats
             ? netdev->netdev_class->get_stats(netdev, stats)
             : EOPNOTSUPP);
    if (error) {
        netdev_stats_init_unknown(stats);
    }
    return error;
}

int
netdev_get_status(const struct netdev *netdev, struct smap *smap)
{
    return (netdev->netdev_class->get_status
            ? netdev->netdev_class->get_status(netdev, smap)
            : EOPNOTSUPP);
}

uint64_t
netdev_get_change_seq(const struct netdev *netdev)
{
    return atomic_load(&CONST_CAST(struct netdev *, netdev)->change_seq);
}

/* Receiving. */

int
netdev_n_rxq(const struct netdev *netdev)
{
    return netdev->n_rxq;
}

/* Opens receive queue 'id' of 'netdev' into '*rxqp'.  Returns EINVAL if
 * there is no such queue, EOPNOTSUPP if the device cannot receive. */
int
netdev_rxq_open(struct netdev *netdev, struct netdev_rxq **rxqp, int id)
{
    const struct netdev_class *class = netdev->netdev_class;
    struct netdev_rxq *rxq;
    int error;

    *rxqp = NULL;
    if (!class->rxq_alloc) {
        return EOPNOTSUPP;
    }
    if (id < 0 || id >= netdev->n_rxq) {
        return EINVAL;
    }
    rxq = class->rxq_alloc();
    rxq->netdev = netdev_ref(netdev);
    rxq->queue_id = id;
    error = class->rxq_construct(rxq);
    if (error) {
        class->rxq_dealloc(rxq);
        netdev_close(netdev);
        VLOG_WARN_RL(&rl, "%s: could not open receive queue %d: %s",
                     netdev->name, id, svs_strerror(error));
        return error;
    }
    *rxqp = rxq;
    return 0;
}

void
netdev_rxq_close(struct netdev_rxq *rxq)
{
    if (rxq) {
        struct netdev *netdev = rxq->netdev;

        netdev->netdev_class->rxq_destruct(rxq);
        netdev->netdev_class->rxq_dealloc(rxq);
        netdev_close(netdev);
    }
}

struct netdev *
netdev_rxq_get_netdev(const struct netdev_rxq *rxq)
{
    return rxq->netdev;
}

int
netdev_rxq_get_id(const struct netdev_rxq *rxq)
{
    return rxq->queue_id;
}

int
netdev_rxq_recv(struct netdev_rxq *rxq, struct dp_packet_batch *batch)
{
    int error = rxq->netdev->netdev_class->rxq_recv(rxq, batch);

    if (!error && !batch->count) {
        error = EAGAIN;
    }
    return error;
}

void
netdev_rxq_wait(struct netdev_rxq *rxq)
{
    rxq->netdev->netdev_class->rxq_wait(rxq);
}

int
netdev_rxq_get_fd(const struct netdev_rxq *rxq)
{
    const struct netdev_class *class = rxq->netdev->netdev_class;

    return class->rxq_get_fd ? class->rxq_get_fd(rxq) : -1;
}

/* Sending. */

int
netdev_n_txq(const struct netdev *netdev)
{
    return netdev->n_txq;
}

/* Sends the packets in 'batch' on queue 'qid' (taken modulo the number of
 * queues), taking ownership of them whether or not it succeeds. */
int
netdev_send(struct netdev *netdev, int qid, struct dp_packet_batch *batch,
            bool concurrent_txq)
{
    const struct netdev_class *class = netdev->netdev_class;
    int error;

    if (!batch->count) {
        return 0;
    }
    if (!class->send) {
        dp_packet_batch_destroy(batch);
        return EOPNOTSUPP;
    }
    if (qid < 0 || qid >= netdev->n_txq) {
        qid = (unsigned int) qid % (unsigned int) netdev->n_txq;
    }
    error = class->send(netdev, qid, batch, concurrent_txq);
    batch->count = 0;
    if (error && error != EAGAIN) {
        VLOG_WARN_RL(&rl, "error sending on %s: %s", netdev->name,
                     svs_strerror(error));
    }
    return error;
}

void
netdev_send_wait(struct netdev *netdev, int qid)
{
    if (netdev->netdev_class->send_wait) {
        netdev->netdev_class->send_wait(netdev, qid);
    }
}

/* Periodic work. */

/* Returns the registered classes in a malloc'd array ('*n' of them).  A
 * class stays registered while run/wait use it: providers unregister only
 * from the main thread, which is the thread that calls these. */
static const struct netdev_class **
netdev_snapshot_classes(size_t *n)
{
    const struct netdev_class **classes;
    struct shash_node *node;

    pthread_mutex_lock(&netdev_mutex);
    classes = xmalloc((shash_count(&netdev_classes) + 1) * sizeof *classes);
    *n = 0;
    SHASH_FOR_EACH (node, &netdev_classes) {
        struct netdev_registered_class *rc = node->data;

        classes[(*n)++] = rc->class;
    }
    pthread_mutex_unlock(&netdev_mutex);
    return classes;
}

void
netdev_run(void)
{
    const struct netdev_class **classes;
    size_t n;

    netdev_register_default_providers();
    classes = netdev_snapshot_classes(&n);
    for (size_t i = 0; i < n; i++) {
        if (classes[i]->run) {
            classes[i]->run(classes[i]);
        }
    }
    free(classes);
}

void
netdev_wait(void)
{
    const struct netdev_class **classes;
    size_t n;

    netdev_register_default_providers();
    classes = netdev_snapshot_classes(&n);
    for (size_t i = 0; i < n; i++) {
        if (classes[i]->wait) {
            classes[i]->wait(classes[i]);
        }
    }
    free(classes);
}
