/* dpif.c: the datapath interface (see dpif.h): registry, argument checks,
 * logging, and dispatch to the providers (dpif-provider.h). */
#include <config.h>
#include "dpif.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "dpif-provider.h"
#include "dynamic-string.h"
#include "netdev.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "smap.h"
#include "sset.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(dpif);

static struct vlog_rate_limit error_rl = VLOG_RATE_LIMIT_INIT(60, 5);

static const struct dpif_class *const base_dpif_classes[] = {
    &dpif_netdev_class,
};

static pthread_once_t register_once = PTHREAD_ONCE_INIT;

static void
dpif_register_once(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(base_dpif_classes); i++) {
        const struct dpif_class *class = base_dpif_classes[i];

        if (class->init) {
            int error = class->init();

            if (error) {
                VLOG_WARN("datapath type %s: initialization failed (%s)",
                          class->type, strerror(error));
            }
        }
    }
}

void
dpif_register_default_providers(void)
{
    pthread_once(&register_once, dpif_register_once);
}

static const struct dpif_class *
dpif_class_lookup(const char *type)
{
    dpif_register_default_providers();
    for (size_t i = 0; i < ARRAY_SIZE(base_dpif_classes); i++) {
        if (!strcmp(base_dpif_classes[i]->type, type)) {
            return base_dpif_classes[i];
        }
    }
    return NULL;
}

void
dpif_enumerate_types(struct sset *types)
{
    dpif_register_default_providers();
    for (size_t i = 0; i < ARRAY_SIZE(base_dpif_classes); i++) {
        sset_add(types, base_dpif_classes[i]->type);
    }
}

int
dpif_enumerate_names(const char *type, struct sset *names)
{
    const struct dpif_class *class = dpif_class_lookup(type);

    if (!class) {
        return EAFNOSUPPORT;
    }
    return class->enumerate ? class->enumerate(names) : 0;
}

void
dpif_parse_type(const char *datapath_name, char **name, char **type)
{
    const char *at = strchr(datapath_name, '@');

    if (at) {
        *type = xmemdup0(datapath_name, at - datapath_name);
        *name = xstrdup(at + 1);
    } else {
        *type = xstrdup("system");
        *name = xstrdup(datapath_name);
    }
}

static int
do_open(const char *name, const char *type, bool create, struct dpif **dpifp)
{
    const struct dpif_class *class;
    int error;

    *dpifp = NULL;
    type = type && *type ? type : "system";
    class = dpif_class_lookup(type);
    if (!class) {
        VLOG_WARN_RL(&error_rl, "could not %s datapath %s of unknown type "
                     "%s", create ? "create" : "open", name, type);
        return EAFNOSUPPORT;
    }
    error = class->open(class, name, create, dpifp);
    if (error) {
        *dpifp = NULL;
    }
    return error;
}

int
dpif_open(const char *name, const char *type, struct dpif **dpifp)
{
    return do_open(name, type, false, dpifp);
}

int
dpif_create(const char *name, const char *type, struct dpif **dpifp)
{
    return do_open(name, type, true, dpifp);
}

int
dpif_create_and_open(const char *name, const char *type,
                     struct dpif **dpifp)
{
    int error = dpif_create(name, type, dpifp);

    if (error == EEXIST) {
        error = dpif_open(name, type, dpifp);
    }
    if (error) {
        VLOG_WARN("datapath %s@%s: could not create or open (%s)",
                  type ? type : "system", name, strerror(error));
    }
    return error;
}

void
dpif_close(struct dpif *dpif)
{
    if (dpif) {
        dpif->class->close(dpif);
    }
}

int
dpif_delete(struct dpif *dpif)
{
    return dpif->class->destroy(dpif);
}

void
dpif_init(struct dpif *dpif, const struct dpif_class *class,
          const char *base_name)
{
    dpif->class = class;
    dpif->base_name = xstrdup(base_name);
    dpif->full_name = xasprintf("%s@%s", class->type, base_name);
}

void
dpif_uninit(struct dpif *dpif)
{
    if (dpif) {
        free(dpif->base_name);
        free(dpif->full_name);
    }
}

const char *
dpif_name(const struct dpif *dpif)
{
    return dpif->full_name;
}

const char *
dpif_base_name(const struct dpif *dpif)
{
    return dpif->base_name;
}

const char *
dpif_type(const struct dpif *dpif)
{
    return dpif->class->type;
}

void
dpif_run(struct dpif *dpif)
{
    if (dpif->class->run) {
        dpif->class->run(dpif);
    }
}

void
dpif_wait(struct dpif *dpif)
{
    if (dpif->class->wait) {
        dpif->class->wait(dpif);
    }
}

int
dpif_get_dp_stats(const struct dpif *dpif, struct dpif_dp_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    return dpif->class->get_stats(dpif, stats);
}

void
dpif_get_status(const struct dpif *dpif, struct smap *status)
{
    if (dpif->class->get_status) {
        dpif->class->get_status(dpif, status);
    }
}

/* Ports. */

void
dpif_port_clone(struct dpif_port *dst, const struct dpif_port *src)
{
    dst->name = xstrdup(src->name);
    dst->type = xstrdup(src->type);
    dst->port_no = src->port_no;
}

void
dpif_port_destroy(struct dpif_port *port)
{
    if (port) {
        free(port->name);
        free(port->type);
        port->name = port->type = NULL;
    }
}

int
dpif_port_add(struct dpif *dpif, struct netdev *netdev, odp_port_t *port_nop)
{
    odp_port_t port_no = port_nop ? *port_nop : ODPP_NONE;
    int error = dpif->class->port_add(dpif, netdev, &port_no);

    if (!error) {
        VLOG_DBG("%s: added %s as port %"PRIu32, dpif_name(dpif),
                 netdev_get_name(netdev), port_no);
        if (port_nop) {
            *port_nop = port_no;
        }
    } else {
        VLOG_WARN_RL(&error_rl, "%s: failed to add %s as port: %s",
                     dpif_name(dpif), netdev_get_name(netdev),
                     strerror(error));
    }
    return error;
}

int
dpif_port_del(struct dpif *dpif, odp_port_t port_no)
{
    int error = dpif->class->port_del(dpif, port_no);

    if (error) {
        VLOG_WARN_RL(&error_rl, "%s: failed to delete port %"PRIu32": %s",
                     dpif_name(dpif), port_no, strerror(error));
    }
    return error;
}

bool
dpif_port_exists(const struct dpif *dpif, const char *devname)
{
    struct dpif_port port;

    if (dpif_port_query_by_name(dpif, devname, &port)) {
        return false;
    }
    dpif_port_destroy(&port);
    return true;
}

int
dpif_port_query_by_number(const struct dpif *dpif, odp_port_t port_no,
                          struct dpif_port *port)
{
    int error = dpif->class->port_query_by_number(dpif, port_no, port);

    if (error) {
        memset(port, 0, sizeof *port);
    }
    return error;
}

int
dpif_port_query_by_name(const struct dpif *dpif, const char *devname,
                        struct dpif_port *port)
{
    int error = dpif->class->port_query_by_name(dpif, devname, port);

    if (error) {
        memset(port, 0, sizeof *port);
    }
    return error;
}

int
dpif_port_list(const struct dpif *dpif, struct dpif_port **ports,
               size_t *n_ports)
{
    *ports = NULL;
    *n_ports = 0;
    return dpif->class->port_list(dpif, ports, n_ports);
}

void
dpif_ports_free(struct dpif_port *ports, size_t n_ports)
{
    for (size_t i = 0; i < n_ports; i++) {
        dpif_port_destroy(&ports[i]);
    }
    free(ports);
}

int
dpif_port_get_stats(const struct dpif *dpif, odp_port_t port_no,
                    struct netdev_stats *stats)
{
    if (!dpif->class->port_get_stats) {
        return EOPNOTSUPP;
    }
    return dpif->class->port_get_stats(dpif, port_no, stats);
}

int
dpif_port_poll(const struct dpif *dpif, char **devnamep)
{
    *devnamep = NULL;
    return dpif->class->port_poll ? dpif->class->port_poll(dpif, devnamep)
                                   : EAGAIN;
}

void
dpif_port_poll_wait(const struct dpif *dpif)
{
    if (dpif->class->port_poll_wait) {
        dpif->class->port_poll_wait(dpif);
    }
}

int
dpif_port_set_config(struct dpif *dpif, odp_port_t port_no,
                     const struct smap *cfg)
{
    return dpif->class->port_set_config
           ? dpif->class->port_set_config(dpif, port_no, cfg) : 0;
}

/* Flows. */

int
dpif_flow_put(struct dpif *dpif, enum dpif_flow_put_flags flags,
              const struct flow *key, const struct flow_wildcards *mask,
              const struct nlattr *actions, size_t actions_len,
              const svs_u128 *ufid, struct dpif_flow_stats *stats)
{
    if (stats) {
        memset(stats, 0, sizeof *stats);
    }
    return dpif->class->flow_put(dpif, flags, key, mask, actions,
                                 actions_len, ufid, stats);
}

int
dpif_flow_del(struct dpif *dpif, const struct flow *key,
              const struct flow_wildcards *mask, const svs_u128 *ufid,
              struct dpif_flow_stats *stats)
{
    if (stats) {
        memset(stats, 0, sizeof *stats);
    }
    return dpif->class->flow_del(dpif, key, mask, ufid, stats);
}

int
dpif_flow_get(const struct dpif *dpif, const struct flow *key,
              const struct flow_wildcards *mask, const svs_u128 *ufid,
              struct ofpbuf *buf, struct dpif_flow *flow)
{
    return dpif->class->flow_get(dpif, key, mask, ufid, buf, flow);
}

int
dpif_flow_flush(struct dpif *dpif)
{
    return dpif->class->flow_flush(dpif);
}

struct dpif_flow_dump *
dpif_flow_dump_create(const struct dpif *dpif)
{
    struct dpif_flow_dump *dump = dpif->class->flow_dump_create(dpif);

    dump->dpif = dpif;
    return dump;
}

int
dpif_flow_dump_next(struct dpif_flow_dump *dump, struct dpif_flow *flows,
                    int max)
{
    return max > 0 ? dump->dpif->class->flow_dump_next(dump, flows, max) : 0;
}

int
dpif_flow_dump_destroy(struct dpif_flow_dump *dump)
{
    return dump ? dump->dpif->class->flow_dump_destroy(dump) : 0;
}

int
dpif_execute(struct dpif *dpif, struct dpif_execute *execute)
{
    return dpif->class->execute(dpif, execute);
}

/* Upcalls. */

void
dpif_register_upcall_cb(struct dpif *dpif, upcall_callback *cb, void *aux)
{
    if (dpif->class->register_upcall_cb) {
        dpif->class->register_upcall_cb(dpif, cb, aux);
    }
}

void
dpif_disable_upcall(struct dpif *dpif)
{
    if (dpif->class->disable_upcall) {
        dpif->class->disable_upcall(dpif);
    }
}

void
dpif_enable_upcall(struct dpif *dpif)
{
    if (dpif->class->enable_upcall) {
        dpif->class->enable_upcall(dpif);
    }
}

bool
dpif_supports_recv(const struct dpif *dpif)
{
    return dpif->class->recv != NULL;
}

int
dpif_handlers_set(struct dpif *dpif, unsigned int n_handlers)
{
    return dpif->class->handlers_set
           ? dpif->class->handlers_set(dpif, n_handlers) : 0;
}

int
dpif_recv(struct dpif *dpif, unsigned int handler_id,
          struct dpif_upcall *upcall)
{
    return dpif->class->recv ? dpif->class->recv(dpif, handler_id, upcall)
                             : EAGAIN;
}

void
dpif_recv_wait(struct dpif *dpif, unsigned int handler_id)
{
    if (dpif->class->recv_wait) {
        dpif->class->recv_wait(dpif, handler_id);
    }
}

void
dpif_upcall_destroy(struct dpif_upcall *upcall)
{
    if (upcall) {
        dp_packet_delete(upcall->packet);
        ofpbuf_delete(upcall->userdata);
        upcall->packet = NULL;
        upcall->userdata = NULL;
    }
}

/* Text. */

static void
format_used(struct ds *s, long long int used, long long int now)
{
    if (used > 0) {
        ds_put_format(s, "%.3fs", (now - used) / 1000.0);
    } else {
        ds_put_cstr(s, "never");
    }
}

static void
format_tcp_flags(struct ds *s, uint16_t flags)
{
    static const char *const names[] = {
        "F", "S", "R", "P", ".", "U", "E", "C"
    };
    bool any = false;

    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        if (flags & (1u << i)) {
            ds_put_cstr(s, names[i]);
            any = true;
        }
    }
    if (!any) {
        ds_put_cstr(s, "none");
    }
}

void
dpif_flow_format(const struct dpif_flow *f,
                 const struct odp_portno_names *names, bool verbose,
                 struct ds *s)
{
    if (verbose) {
        odp_format_ufid(&f->ufid, s);
        ds_put_cstr(s, ", ");
    }
    odp_flow_format(&f->key, &f->mask, names, s, verbose);
    ds_put_format(s, ", packets:%"PRIu64", bytes:%"PRIu64", used:",
                  f->stats.n_packets, f->stats.n_bytes);
    format_used(s, f->stats.used, time_msec());
    if (f->stats.tcp_flags) {
        ds_put_cstr(s, ", flags:");
        format_tcp_flags(s, f->stats.tcp_flags);
    }
    ds_put_cstr(s, ", actions:");
    format_odp_actions(s, f->actions, f->actions_len, names);
}
