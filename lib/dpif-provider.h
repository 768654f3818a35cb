/* dpif-provider.h: the interface a datapath provider implements.
 *
 * What: a provider is a 'struct dpif_class' of callbacks behind each
 * function of dpif.h, registered under its datapath type ("netdev",
 * "system").  dpif.c does argument checking, logging and the parts common
 * to every provider; the callbacks do the work.  The contracts are those
 * of the matching dpif.h functions: 0 or a positive errno value.
 *
 * A provider's open() allocates a structure that begins with 'struct
 * dpif' and initializes it with dpif_init().  Callbacks that a provider
 * cannot support may be NULL where noted; dpif.c then returns
 * EOPNOTSUPP.
 *
 * Thread-safety: as in dpif.h, callbacks may run in any thread. */
#ifndef SVS_DPIF_PROVIDER_H
#define SVS_DPIF_PROVIDER_H 1

#include "dpif.h"

struct dpif_class;

/* An open datapath.  Providers embed it first in their own structure. */
struct dpif {
    const struct dpif_class *class;
    char *base_name;            /* "svs-netdev". */
    char *full_name;            /* "netdev@svs-netdev". */
};

void dpif_init(struct dpif *, const struct dpif_class *,
               const char *base_name);
void dpif_uninit(struct dpif *);

struct dpif_class {
    const char *type;           /* "netdev". */

    int (*init)(void);          /* Once, at registration; may be NULL. */
    int (*enumerate)(struct sset *all_dps);
    int (*open)(const struct dpif_class *, const char *name, bool create,
                struct dpif **);
    void (*close)(struct dpif *);
    int (*destroy)(struct dpif *);
    void (*run)(struct dpif *);                 /* May be NULL. */
    void (*wait)(struct dpif *);                /* May be NULL. */

    int (*get_stats)(const struct dpif *, struct dpif_dp_stats *);
    void (*get_status)(const struct dpif *, struct smap *);

    int (*port_add)(struct dpif *, struct netdev *, odp_port_t *port_nop);
    int (*port_del)(struct dpif *, odp_port_t);
    int (*port_set_config)(struct dpif *, odp_port_t, const struct smap *);
    int (*port_query_by_number)(const struct dpif *, odp_port_t,
                                struct dpif_port *);
    int (*port_query_by_name)(const struct dpif *, const char *devname,
                              struct dpif_port *);
    int (*port_list)(const struct dpif *, struct dpif_port **, size_t *);
    int (*port_get_stats)(const struct dpif *, odp_port_t,
                          struct netdev_stats *);
    int (*port_poll)(const struct dpif *, char **devnamep);
    void (*port_poll_wait)(const struct dpif *);

    int (*flow_put)(struct dpif *, enum dpif_flow_put_flags,
                    const struct flow *key, const struct flow_wildcards *mask,
                    const struct nlattr *actions, size_t actions_len,
                    const svs_u128 *ufid, struct dpif_flow_stats *);
    int (*flow_del)(struct dpif *, const struct flow *key,
                    const struct flow_wildcards *mask, const svs_u128 *ufid,
                    struct dpif_flow_stats *);
    int (*flow_get)(const struct dpif *, const struct flow *key,
                    const struct flow_wildcards *mask, const svs_u128 *ufid,
                    struct ofpbuf *buf, struct dpif_flow *);
    int (*flow_flush)(struct dpif *);
    struct dpif_flow_dump *(*flow_dump_create)(const struct dpif *);
    int (*flow_dump_next)(struct dpif_flow_dump *, struct dpif_flow *,
                          int max);
    int (*flow_dump_destroy)(struct dpif_flow_dump *);

    int (*execute)(struct dpif *, struct dpif_execute *);

    /* Synchronous upcalls (may be NULL if the provider queues them). */
    void (*register_upcall_cb)(struct dpif *, upcall_callback *, void *);
    void (*disable_upcall)(struct dpif *);
    void (*enable_upcall)(struct dpif *);

    /* Queued upcalls (NULL if the provider calls back instead). */
    int (*handlers_set)(struct dpif *, unsigned int n_handlers);
    int (*recv)(struct dpif *, unsigned int handler_id,
                struct dpif_upcall *);
    void (*recv_wait)(struct dpif *, unsigned int handler_id);
};

/* A dump in progress; providers embed it first in their own. */
struct dpif_flow_dump {
    const struct dpif *dpif;
};

extern const struct dpif_class dpif_netdev_class;

#endif /* dpif-provider.h */
