/* dpctl.c: datapath commands with ovs-dpctl's syntax and output (see
 * dpctl.h). */
#include <config.h>
#include "dpctl.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dpif.h"
#include "dynamic-string.h"
#include "netdev.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "smap.h"
#include "sset.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"

struct dpctl_command {
    const char *name;
    const char *usage;
    int min_args;
    int max_args;
    int (*handler)(int argc, const char *argv[], struct dpctl_params *);
    bool writes;                /* Refused with --read-only. */
};

static void
dpctl_error(struct dpctl_params *p, int error, const char *format, ...)
    SVS_PRINTF_FORMAT(3, 4);

static void
dpctl_error(struct dpctl_params *p, int error, const char *format, ...)
{
    va_list args;

    ds_put_format(p->output, "%s: ", program_name);
    va_start(args, format);
    ds_put_format_valist(p->output, format, args);
    va_end(args);
    if (error) {
        ds_put_format(p->output, " (%s)", strerror(error));
    }
    ds_put_char(p->output, '\n');
}

/* Opens the datapath named 'name' ("type@name" or "name"). */
static int
open_dp(const char *name, struct dpif **dpifp)
{
    char *dp_name, *dp_type;
    int error;

    dpif_parse_type(name, &dp_name, &dp_type);
    error = dpif_open(dp_name, dp_type, dpifp);
    if (error && !strchr(name, '@')) {
        /* A bare name may be a userspace datapath here. */
        error = dpif_open(dp_name, "netdev", dpifp);
    }
    free(dp_name);
    free(dp_type);
    return error;
}

/* Fills 'names' with "type@name" of every datapath. */
static void
all_dps(struct sset *names)
{
    struct sset types = SSET_INITIALIZER(&types);
    const char *type;

    dpif_enumerate_types(&types);
    SSET_FOR_EACH (type, &types) {
        struct sset dps = SSET_INITIALIZER(&dps);
        const char **sorted;

        dpif_enumerate_names(type, &dps);
        sorted = sset_sort(&dps);
        for (size_t i = 0; i < sset_count(&dps); i++) {
            sset_add_and_free(names, xasprintf("%s@%s", type, sorted[i]));
        }
        free(sorted);
        sset_destroy(&dps);
    }
    sset_destroy(&types);
}

/* Opens the one datapath there is, for commands whose DP is optional. */
static int
open_only_dp(struct dpctl_params *p, struct dpif **dpifp)
{
    struct sset names = SSET_INITIALIZER(&names);
    int error;

    all_dps(&names);
    if (sset_count(&names) != 1) {
        error = sset_is_empty(&names) ? ENODEV : EINVAL;
        dpctl_error(p, 0, sset_is_empty(&names)
                    ? "no datapaths exist"
                    : "multiple datapaths, specify one");
        sset_destroy(&names);
        return error;
    }
    const char **sorted = sset_sort(&names);

    error = open_dp(sorted[0], dpifp);
    free(sorted);
    if (error) {
        dpctl_error(p, error, "opening datapath");
    }
    sset_destroy(&names);
    return error;
}

static struct odp_portno_names *
port_names(const struct dpif *dpif)
{
    struct odp_portno_names *names = odp_portno_names_create();
    struct dpif_port *ports;
    size_t n;

    if (!dpif_port_list(dpif, &ports, &n)) {
        for (size_t i = 0; i < n; i++) {
            odp_portno_names_set(names, ports[i].port_no, ports[i].name);
        }
        dpif_ports_free(ports, n);
    }
    return names;
}

/* Type names as ovs-dpctl shows them for the userspace datapath. */
static const char *
port_type_name(const char *type)
{
    return !strcmp(type, "internal") ? "tap" : type;
}

static void
put_stat(struct ds *s, const char *name, uint64_t value)
{
    ds_put_format(s, "%s:", name);
    if (value == UINT64_MAX) {
        ds_put_char(s, '?');
    } else {
        ds_put_format(s, "%"PRIu64, value);
    }
}

static void
show_dpif(struct dpif *dpif, struct dpctl_params *p)
{
    struct ds *s = p->output;
    struct dpif_dp_stats stats;
    struct dpif_port *ports;
    size_t n;

    ds_put_format(s, "%s:\n", dpif_name(dpif));
    if (!dpif_get_dp_stats(dpif, &stats)) {
        ds_put_format(s, "  lookups: hit:%"PRIu64" missed:%"PRIu64
                      " lost:%"PRIu64"\n  flows: %"PRIu64"\n",
                      stats.n_hit, stats.n_missed, stats.n_lost,
                      stats.n_flows);
    }
    if (dpif_port_list(dpif, &ports, &n)) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const struct dpif_port *port = &ports[i];
        struct netdev_stats ns;

        ds_put_format(s, "  port %"PRIu32": %s", port->port_no, port->name);
        if (strcmp(port->type, "system")) {
            ds_put_format(s, " (%s)", port_type_name(port->type));
        }
        ds_put_char(s, '\n');
        if (!p->print_statistics) {
            continue;
        }
        if (dpif_port_get_stats(dpif, port->port_no, &ns)) {
            ds_put_cstr(s, "    (statistics not available)\n");
            continue;
        }
        ds_put_cstr(s, "    RX ");
        put_stat(s, "packets", ns.rx_packets);
        ds_put_char(s, ' ');
        put_stat(s, "errors", ns.rx_errors);
        ds_put_char(s, ' ');
        put_stat(s, "dropped", ns.rx_dropped);
        ds_put_char(s, ' ');
        put_stat(s, "overruns", ns.rx_over_errors);
        ds_put_char(s, ' ');
        put_stat(s, "frame", ns.rx_frame_errors);
        ds_put_cstr(s, "\n    TX ");
        put_stat(s, "packets", ns.tx_packets);
        ds_put_char(s, ' ');
        put_stat(s, "errors", ns.tx_errors);
        ds_put_char(s, ' ');
        put_stat(s, "dropped", ns.tx_dropped);
        ds_put_char(s, ' ');
        put_stat(s, "aborted", ns.tx_aborted_errors);
        ds_put_char(s, ' ');
        put_stat(s, "carrier", ns.tx_carrier_errors);
        ds_put_cstr(s, "\n    ");
        put_stat(s, "collisions", ns.collisions);
        ds_put_cstr(s, "\n    RX ");
        put_stat(s, "bytes", ns.rx_bytes);
        ds_put_cstr(s, "  TX ");
        put_stat(s, "bytes", ns.tx_bytes);
        ds_put_char(s, '\n');
    }
    dpif_ports_free(ports, n);
}

static int
cmd_show(int argc, const char *argv[], struct dpctl_params *p)
{
    int lasterror = 0;

    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            struct dpif *dpif;
            int error = open_dp(argv[i], &dpif);

            if (error) {
                dpctl_error(p, error, "opening datapath %s failed", argv[i]);
                lasterror = error;
                continue;
            }
            show_dpif(dpif, p);
            dpif_close(dpif);
        }
    } else {
        struct sset names = SSET_INITIALIZER(&names);
        const char *name;

        all_dps(&names);
        SSET_FOR_EACH (name, &names) {
            struct dpif *dpif;
            int error = open_dp(name, &dpif);

            if (error) {
                dpctl_error(p, error, "opening datapath %s failed", name);
                lasterror = error;
                continue;
            }
            show_dpif(dpif, p);
            dpif_close(dpif);
        }
        sset_destroy(&names);
    }
    return lasterror;
}

static int
cmd_dump_dps(int argc SVS_UNUSED, const char *argv[] SVS_UNUSED,
             struct dpctl_params *p)
{
    struct sset names = SSET_INITIALIZER(&names);
    const char **sorted;

    all_dps(&names);
    sorted = sset_sort(&names);
    for (size_t i = 0; i < sset_count(&names); i++) {
        ds_put_format(p->output, "%s\n", sorted[i]);
    }
    free(sorted);
    sset_destroy(&names);
    return 0;
}

/* Parses "NAME[,key=value...]" into a name and options. */
static char *
parse_iface(const char *arg, struct smap *options)
{
    char *copy = xstrdup(arg);
    char *save = NULL;
    char *name = strtok_r(copy, ",", &save);
    char *opt;

    smap_init(options);
    name = xstrdup(name ? name : "");
    while ((opt = strtok_r(NULL, ",", &save)) != NULL) {
        char *eq = strchr(opt, '=');

        if (eq) {
            *eq = '\0';
            smap_replace(options, opt, eq + 1);
        } else {
            smap_replace(options, opt, "");
        }
    }
    free(copy);
    return name;
}

static int
add_ifaces(struct dpif *dpif, int argc, const char *argv[],
           struct dpctl_params *p)
{
    int lasterror = 0;

    for (int i = 0; i < argc; i++) {
        struct smap options;
        char *name = parse_iface(argv[i], &options);
        const char *type = smap_get_def(&options, "type", "system");
        odp_port_t port_no = smap_get_int(&options, "port_no", -1) >= 0
                             ? (odp_port_t) smap_get_int(&options, "port_no",
                                                         0)
                             : ODPP_NONE;
        struct netdev *netdev;
        int error;

        smap_remove(&options, "type");
        smap_remove(&options, "port_no");
        error = netdev_open(name, type, &netdev);
        if (error) {
            dpctl_error(p, error, "%s: failed to open network device",
                        name);
        } else {
            char *err_s = NULL;

            error = netdev_set_config(netdev, &options, &err_s);
            if (error) {
                dpctl_error(p, error, "%s: %s", name,
                            err_s ? err_s : "bad configuration");
                free(err_s);
            } else {
                error = dpif_port_add(dpif, netdev, &port_no);
                if (error) {
                    dpctl_error(p, error, "adding %s to %s failed", name,
                                dpif_name(dpif));
                }
            }
            netdev_close(netdev);
        }
        if (error) {
            lasterror = error;
        }
        smap_destroy(&options);
        free(name);
    }
    return lasterror;
}

static int
cmd_add_dp(int argc, const char *argv[], struct dpctl_params *p)
{
    char *dp_name, *dp_type;
    struct dpif *dpif;
    int error;

    dpif_parse_type(argv[1], &dp_name, &dp_type);
    error = dpif_create(dp_name, dp_type, &dpif);
    free(dp_name);
    free(dp_type);
    if (error) {
        dpctl_error(p, error, "add_dp");
        return error;
    }
    error = add_ifaces(dpif, argc - 2, argv + 2, p);
    dpif_close(dpif);
    return error;
}

static int
cmd_del_dp(int argc SVS_UNUSED, const char *argv[], struct dpctl_params *p)
{
    struct dpif *dpif;
    int error = open_dp(argv[1], &dpif);

    if (error) {
        dpctl_error(p, error, "opening datapath");
        return error;
    }
    error = dpif_delete(dpif);
    if (error) {
        dpctl_error(p, error, "del_dp");
    }
    dpif_close(dpif);
    return error;
}

static int
cmd_add_if(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpif *dpif;
    int error = open_dp(argv[1], &dpif);

    if (error) {
        dpctl_error(p, error, "opening datapath");
        return error;
    }
    error = add_ifaces(dpif, argc - 2, argv + 2, p);
    dpif_close(dpif);
    return error;
}

static int
cmd_set_if(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpif *dpif;
    int lasterror = 0;
    int error = open_dp(argv[1], &dpif);

    if (error) {
        dpctl_error(p, error, "opening datapath");
        return error;
    }
    for (int i = 2; i < argc; i++) {
        struct dpif_port port;
        struct smap options;
        char *name = parse_iface(argv[i], &options);

        error = dpif_port_query_by_name(dpif, name, &port);
        if (error) {
            dpctl_error(p, error, "%s: port query failed", name);
        } else {
            const char *type = smap_get(&options, "type");
            const char *port_no = smap_get(&options, "port_no");

            if (type && strcmp(type, port.type)) {
                error = EINVAL;
                dpctl_error(p, 0, "%s: can't change type from %s to %s",
                            name, port.type, type);
            } else if (port_no && strtoul(port_no, NULL, 10)
                                  != port.port_no) {
                error = EINVAL;
                dpctl_error(p, 0, "%s: can't change port number from "
                            "%"PRIu32" to %s", name, port.port_no, port_no);
            } else {
                struct netdev *netdev;

                smap_remove(&options, "type");
                smap_remove(&options, "port_no");
                error = netdev_open(name, port.type, &netdev);
                if (!error) {
                    char *err_s = NULL;

                    error = netdev_set_config(netdev, &options, &err_s);
                    if (error) {
                        dpctl_error(p, error, "%s: %s", name,
                                    err_s ? err_s : "bad configuration");
                    }
                    free(err_s);
                    netdev_close(netdev);
                } else {
                    dpctl_error(p, error, "%s: failed to open network "
                                "device", name);
                }
            }
            dpif_port_destroy(&port);
        }
        if (error) {
            lasterror = error;
        }
        smap_destroy(&options);
        free(name);
    }
    dpif_close(dpif);
    return lasterror;
}

static int
cmd_del_if(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpif *dpif;
    int lasterror = 0;
    int error = open_dp(argv[1], &dpif);

    if (error) {
        dpctl_error(p, error, "opening datapath");
        return error;
    }
    for (int i = 2; i < argc; i++) {
        struct dpif_port port;

        if (dpif_port_query_by_name(dpif, argv[i], &port)) {
            dpctl_error(p, 0, "no port named %s", argv[i]);
            lasterror = ENOENT;
            continue;
        }
        error = dpif_port_del(dpif, port.port_no);
        if (error) {
            dpctl_error(p, error, "deleting port %s from %s failed",
                        argv[i], dpif_name(dpif));
            lasterror = error;
        }
        dpif_port_destroy(&port);
    }
    dpif_close(dpif);
    return lasterror;
}

/* Splits the optional DP argument off a flow command: 'n_fixed' arguments
 * follow it. */
static int
open_dp_for_flows(int argc, const char *argv[], int n_fixed,
                  struct dpctl_params *p, struct dpif **dpifp, int *first)
{
    if (argc > n_fixed + 1) {
        int error = open_dp(argv[1], dpifp);

        if (error) {
            dpctl_error(p, error, "opening datapath");
        }
        *first = 2;
        return error;
    }
    *first = 1;
    return open_only_dp(p, dpifp);
}

/* True if 'f' satisfies the filter 'key'/'mask': every bit the filter
 * matches on is matched the same way by the flow. */
static bool
flow_passes_filter(const struct dpif_flow *f, const struct flow *key,
                   const struct flow_wildcards *mask)
{
    const uint64_t *fk = (const uint64_t *) &f->key;
    const uint64_t *fm = (const uint64_t *) &f->mask.masks;
    const uint64_t *k = (const uint64_t *) key;
    const uint64_t *m = (const uint64_t *) &mask->masks;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        if ((fk[i] ^ k[i]) & m[i] & fm[i]) {
            return false;
        }
    }
    return true;
}

static int
cmd_dump_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    struct odp_portno_names *names;
    struct flow_wildcards filter_mask;
    struct flow filter_key;
    bool have_filter = false;
    struct dpif_flow_dump *dump;
    struct dpif_flow flows[50];
    const char *filter = NULL;
    const char *dp_arg = NULL;
    struct dpif *dpif;
    bool header = false;
    int error;
    int n;

    for (int i = 1; i < argc; i++) {
        if (!strncmp(argv[i], "filter=", 7)) {
            filter = argv[i] + 7;
        } else if (!strncmp(argv[i], "type=", 5)) {
            /* Offload types: every flow here is "ovs". */
        } else {
            dp_arg = argv[i];
        }
    }
    if (dp_arg) {
        error = open_dp(dp_arg, &dpif);
        if (error) {
            dpctl_error(p, error, "opening datapath");
            return error;
        }
    } else {
        error = open_only_dp(p, &dpif);
        if (error) {
            return error;
        }
    }
    names = port_names(dpif);
    if (filter) {
        char *err = odp_flow_from_string(filter, names, &filter_key,
                                         &filter_mask);

        if (err) {
            dpctl_error(p, 0, "Failed to parse filter (%s)", err);
            free(err);
            odp_portno_names_destroy(names);
            dpif_close(dpif);
            return EINVAL;
        }
        have_filter = true;
    }

    dump = dpif_flow_dump_create(dpif);
    while ((n = dpif_flow_dump_next(dump, flows, ARRAY_SIZE(flows))) > 0) {
        for (int i = 0; i < n; i++) {
            if (have_filter
                && !flow_passes_filter(&flows[i], &filter_key,
                                       &filter_mask)) {
                continue;
            }
            if (!header) {
                ds_put_cstr(p->output, "flow-dump from the main thread:\n");
                header = true;
            }
            dpif_flow_format(&flows[i], p->names || p->verbosity
                                        ? names : NULL,
                             p->verbosity > 0, p->output);
            ds_put_char(p->output, '\n');
        }
    }
    dpif_flow_dump_destroy(dump);
    odp_portno_names_destroy(names);
    dpif_close(dpif);
    return 0;
}

/* Parses a key and an action list. */
static int
parse_flow_and_actions(const char *key_s, const char *actions_s,
                       const struct odp_portno_names *names,
                       struct flow *key, struct flow_wildcards *mask,
                       struct ofpbuf *actions, struct dpctl_params *p)
{
    char *err = odp_flow_from_string(key_s, names, key, mask);

    if (err) {
        dpctl_error(p, EINVAL, "parsing flow key (%s)", err);
        free(err);
        return EINVAL;
    }
    if (actions_s) {
        err = odp_actions_from_string(actions_s, names, actions);
        if (err) {
            dpctl_error(p, EINVAL, "parsing actions (%s)", err);
            free(err);
            return EINVAL;
        }
    }
    return 0;
}

/* A key string may start with "ufid:UUID, ". */
static const char *
split_ufid(const char *s, svs_u128 *ufid, bool *have_ufid)
{
    *have_ufid = false;
    if (!strncmp(s, "ufid:", 5)) {
        const char *end = strchr(s, ',');
        char *text = end ? xmemdup0(s + 5, end - (s + 5)) : xstrdup(s + 5);

        *have_ufid = odp_ufid_from_string(text, ufid);
        free(text);
        s = end ? end + 1 : s + strlen(s);
        while (*s == ' ') {
            s++;
        }
    }
    return s;
}

static int
put_flow(int argc, const char *argv[], struct dpctl_params *p,
         enum dpif_flow_put_flags flags)
{
    struct odp_portno_names *names;
    struct flow_wildcards mask;
    struct dpif_flow_stats stats;
    struct ofpbuf actions;
    struct flow key;
    struct dpif *dpif;
    bool have_ufid;
    svs_u128 ufid;
    const char *key_s;
    int first, error;

    error = open_dp_for_flows(argc, argv, 2, p, &dpif, &first);
    if (error) {
        return error;
    }
    names = port_names(dpif);
    ofpbuf_init(&actions, 64);
    key_s = split_ufid(argv[first], &ufid, &have_ufid);
    error = parse_flow_and_actions(key_s, argv[first + 1], names, &key,
                                   &mask, &actions, p);
    if (!error) {
        error = dpif_flow_put(dpif, flags, &key, &mask, actions.data,
                              actions.size, have_ufid ? &ufid : NULL,
                              p->print_statistics ? &stats : NULL);
        if (error) {
            dpctl_error(p, error, "updating flow table");
        } else if (p->print_statistics && (flags & DPIF_FP_MODIFY)) {
            ds_put_format(p->output, "packets:%"PRIu64", bytes:%"PRIu64
                          ", used:", stats.n_packets, stats.n_bytes);
            if (stats.used) {
                ds_put_format(p->output, "%.3fs",
                              (time_msec() - stats.used) / 1000.0);
            } else {
                ds_put_cstr(p->output, "never");
            }
            ds_put_char(p->output, '\n');
        }
    }
    ofpbuf_uninit(&actions);
    odp_portno_names_destroy(names);
    dpif_close(dpif);
    return error;
}

static int
cmd_add_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    return put_flow(argc, argv, p, DPIF_FP_CREATE);
}

static int
cmd_mod_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    enum dpif_flow_put_flags flags = DPIF_FP_MODIFY;

    if (p->may_create) {
        flags |= DPIF_FP_CREATE;
    }
    if (p->zero_statistics) {
        flags |= DPIF_FP_ZERO_STATS;
    }
    return put_flow(argc, argv, p, flags);
}

static int
cmd_get_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    struct odp_portno_names *names;
    struct dpif_flow flow;
    struct ofpbuf buf;
    struct dpif *dpif;
    bool have_ufid;
    svs_u128 ufid;
    int first, error;

    error = open_dp_for_flows(argc, argv, 1, p, &dpif, &first);
    if (error) {
        return error;
    }
    split_ufid(argv[first], &ufid, &have_ufid);
    if (!have_ufid) {
        dpctl_error(p, EINVAL, "failed to parse ufid");
        dpif_close(dpif);
        return EINVAL;
    }
    names = port_names(dpif);
    ofpbuf_init(&buf, 256);
    error = dpif_flow_get(dpif, NULL, NULL, &ufid, &buf, &flow);
    if (error) {
        dpctl_error(p, error, "getting flow");
    } else {
        dpif_flow_format(&flow, names, p->verbosity > 0, p->output);
        ds_put_char(p->output, '\n');
    }
    ofpbuf_uninit(&buf);
    odp_portno_names_destroy(names);
    dpif_close(dpif);
    return error;
}

static int
cmd_del_flow(int argc, const char *argv[], struct dpctl_params *p)
{
    struct odp_portno_names *names;
    struct dpif_flow_stats stats;
    struct flow_wildcards mask;
    struct flow key;
    struct dpif *dpif;
    bool have_ufid;
    svs_u128 ufid;
    const char *key_s;
    int first, error;

    error = open_dp_for_flows(argc, argv, 1, p, &dpif, &first);
    if (error) {
        return error;
    }
    names = port_names(dpif);
    key_s = split_ufid(argv[first], &ufid, &have_ufid);
    if (*key_s) {
        error = parse_flow_and_actions(key_s, NULL, names, &key, &mask,
                                       NULL, p);
    } else if (!have_ufid) {
        dpctl_error(p, EINVAL, "parsing flow key");
        error = EINVAL;
    }
    if (!error) {
        error = dpif_flow_del(dpif, *key_s ? &key : NULL,
                              *key_s ? &mask : NULL,
                              have_ufid ? &ufid : NULL, &stats);
        if (error) {
            dpctl_error(p, error, "deleting flow");
            if (error == ENOENT && !have_ufid) {
                ds_put_cstr(p->output,
                            "Perhaps you need to specify a UFID?\n");
            }
        } else if (p->print_statistics) {
            ds_put_format(p->output, "packets:%"PRIu64", bytes:%"PRIu64
                          "\n", stats.n_packets, stats.n_bytes);
        }
    }
    odp_portno_names_destroy(names);
    dpif_close(dpif);
    return error;
}

/* Reads "[DP] FILE" lines of "FLOW ACTIONS" (add-flows, mod-flows) or
 * "FLOW" (del-flows with a file). */
static int
flows_from_file(int argc, const char *argv[], struct dpctl_params *p,
                int (*one)(int, const char *[], struct dpctl_params *),
                bool with_actions)
{
    const char *file = argv[argc - 1];
    const char *dp = argc > 2 ? argv[1] : NULL;
    FILE *stream = !strcmp(file, "-") ? stdin : fopen(file, "r");
    char line[8192];
    int lasterror = 0;

    if (!stream) {
        dpctl_error(p, errno, "%s: open failed", file);
        return errno;
    }
    while (fgets(line, sizeof line, stream)) {
        const char *args[4];
        char *s = line, *actions = NULL;
        int n = 0;

        s[strcspn(s, "\r\n")] = '\0';
        while (*s == ' ' || *s == '\t') {
            s++;
        }
        if (!*s || *s == '#') {
            continue;
        }
        if (with_actions) {
            /* The actions follow the last space outside parentheses. */
            int depth = 0;
            char *split = NULL;

            for (char *c = s; *c; c++) {
                depth += *c == '(' ? 1 : *c == ')' ? -1 : 0;
                if (*c == ' ' && !depth) {
                    split = c;
                }
            }
            if (!split) {
                dpctl_error(p, EINVAL, "%s: missing actions", s);
                lasterror = EINVAL;
                continue;
            }
            *split = '\0';
            actions = split + 1;
            if (!strncmp(actions, "actions:", 8)) {
                actions += 8;
            }
        }
        args[n++] = argv[0];
        if (dp) {
            args[n++] = dp;
        }
        args[n++] = s;
        if (actions) {
            args[n++] = actions;
        }
        int error = one(n, args, p);
        if (error) {
            lasterror = error;
        }
    }
    if (stream != stdin) {
        fclose(stream);
    }
    return lasterror;
}

static int
cmd_add_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    return flows_from_file(argc, argv, p, cmd_add_flow, true);
}

static int
cmd_mod_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    return flows_from_file(argc, argv, p, cmd_mod_flow, true);
}

static int
cmd_del_flows(int argc, const char *argv[], struct dpctl_params *p)
{
    struct dpif *dpif;
    int error;

    if (argc == 3 || (argc == 2 && !strchr(argv[1], '@')
                      && strchr(argv[1], '/'))) {
        return flows_from_file(argc, argv, p, cmd_del_flow, false);
    }
    if (argc == 2) {
        error = open_dp(argv[1], &dpif);
        if (error) {
            dpctl_error(p, error, "opening datapath");
            return error;
        }
    } else {
        error = open_only_dp(p, &dpif);
        if (error) {
            return error;
        }
    }
    error = dpif_flow_flush(dpif);
    if (error) {
        dpctl_error(p, error, "deleting all flows");
    }
    dpif_close(dpif);
    return error;
}

static const struct dpctl_command all_commands[] = {
    { "add-dp", "dp [iface...]", 1, INT_MAX, cmd_add_dp, true },
    { "del-dp", "dp", 1, 1, cmd_del_dp, true },
    { "add-if", "dp iface...", 2, INT_MAX, cmd_add_if, true },
    { "set-if", "dp iface...", 2, INT_MAX, cmd_set_if, true },
    { "del-if", "dp iface...", 2, INT_MAX, cmd_del_if, true },
    { "dump-dps", "", 0, 0, cmd_dump_dps, false },
    { "show", "[dp...]", 0, INT_MAX, cmd_show, false },
    { "dump-flows", "[dp] [filter=..]", 0, 3, cmd_dump_flows, false },
    { "add-flow", "[dp] flow actions", 2, 3, cmd_add_flow, true },
    { "add-flows", "[dp] file", 1, 2, cmd_add_flows, true },
    { "mod-flow", "[dp] flow actions", 2, 3, cmd_mod_flow, true },
    { "mod-flows", "[dp] file", 1, 2, cmd_mod_flows, true },
    { "get-flow", "[dp] ufid", 1, 2, cmd_get_flow, false },
    { "del-flow", "[dp] flow", 1, 2, cmd_del_flow, true },
    { "del-flows", "[dp] [file]", 0, 2, cmd_del_flows, true },
};

static bool
parse_option(const char *arg, struct dpctl_params *p)
{
    if (!strcmp(arg, "-s") || !strcmp(arg, "--statistics")) {
        p->print_statistics = true;
    } else if (!strcmp(arg, "--clear")) {
        p->zero_statistics = true;
    } else if (!strcmp(arg, "--may-create")) {
        p->may_create = true;
    } else if (!strcmp(arg, "--read-only")) {
        p->read_only = true;
    } else if (!strcmp(arg, "--names")) {
        p->names = true;
    } else if (!strcmp(arg, "--no-names")) {
        p->names = false;
    } else if (!strcmp(arg, "-m") || !strcmp(arg, "--more")) {
        p->verbosity++;
    } else if (!strcmp(arg, "-mm")) {
        p->verbosity += 2;
    } else {
        return false;
    }
    return true;
}

int
dpctl_run_command(int argc, const char *argv[], struct dpctl_params *p)
{
    const char **args = xcalloc(argc + 1, sizeof *args);
    int n = 0;
    int error;

    for (int i = 0; i < argc; i++) {
        if (i && argv[i][0] == '-' && argv[i][1] && parse_option(argv[i],
                                                                 p)) {
            continue;
        }
        if (i && argv[i][0] == '-' && argv[i][1]) {
            dpctl_error(p, 0, "'%s' option unknown", argv[i]);
            free(args);
            return EINVAL;
        }
        args[n++] = argv[i];
    }
    error = EINVAL;
    for (size_t i = 0; i < ARRAY_SIZE(all_commands); i++) {
        const struct dpctl_command *c = &all_commands[i];

        if (strcmp(c->name, args[0])) {
            continue;
        }
        if (n - 1 < c->min_args) {
            dpctl_error(p, 0, "'%s' command requires at least %d "
                        "arguments", c->name, c->min_args);
        } else if (n - 1 > c->max_args) {
            dpctl_error(p, 0, "'%s' command takes at most %d arguments",
                        c->name, c->max_args);
        } else if (c->writes && p->read_only) {
            dpctl_error(p, 0, "'%s' command does not work in read only "
                        "mode", c->name);
        } else {
            error = c->handler(n, args, p);
        }
        free(args);
        return error;
    }
    dpctl_error(p, 0, "unknown command '%s'; use --help for help",
                args[0]);
    free(args);
    return EINVAL;
}

static void
dpctl_unixctl_handler(struct unixctl_conn *conn, int argc,
                      const char *argv[], void *aux SVS_UNUSED)
{
    struct ds output = DS_EMPTY_INITIALIZER;
    struct dpctl_params p = { .output = &output };
    const char **args = xcalloc(argc, sizeof *args);
    int error;

    /* "dpctl/show" -> "show". */
    args[0] = argv[0] + strlen("dpctl/");
    for (int i = 1; i < argc; i++) {
        args[i] = argv[i];
    }
    error = dpctl_run_command(argc, args, &p);
    if (error) {
        unixctl_command_reply_error(conn, ds_cstr(&output));
    } else {
        unixctl_command_reply(conn, ds_cstr(&output));
    }
    free(args);
    ds_destroy(&output);
}

void
dpctl_unixctl_register(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(all_commands); i++) {
        const struct dpctl_command *c = &all_commands[i];
        char *name = xasprintf("dpctl/%s", c->name);

        unixctl_command_register(name, c->usage, c->min_args, INT_MAX,
                                 dpctl_unixctl_handler, NULL);
        free(name);
    }
}
