/* svs-vsctl: a command-line tool to query and configure svs-vswitchd
 * through its database, compatible with ovs-vsctl.
 *
 * What: "svs-vsctl [OPTIONS] COMMAND [ARG...] [-- [OPTIONS] COMMAND
 * [ARG...]]..." runs every command in one transaction against the
 * Open_vSwitch database.  The database commands (list, get, set, ...)
 * come from lib/db-ctl; this file adds the switch-level commands
 * (bridges, ports, interfaces, controllers, managers, SSL, show) and the
 * main loop.
 *
 * Design: before connecting, every command registers the tables and
 * columns it reads (its 'prerequisites'), so that the replica holds only
 * those.  The bridge/port/interface commands work on a cache of the
 * replica ('struct vsctl_cache': hash tables by name of bridges,
 * including "fake" VLAN bridges, ports and interfaces), built once per
 * attempt and kept up to date by the commands themselves, so that adding
 * N ports in one invocation costs O(N).  Bridges' port sets are changed
 * with "mutate" operations.  Unless --no-wait, the transaction increments
 * Open_vSwitch.next_cfg and, if it changed anything, the tool waits until
 * svs-vswitchd sets cur_cfg to at least that value.
 *
 * Thread-safety: single-threaded program. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "command-line.h"
#include "db-ctl.h"
#include "db-data.h"
#include "db-idl.h"
#include "dirs.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "hmap.h"
#include <jansson.h>
#include "list.h"
#include "poll-loop.h"
#include "shash.h"
#include "sset.h"
#include "stream-ssl.h"
#include "svec.h"
#include "table.h"
#include "timeval.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"
#include "vswitch-idl.h"
#include "svs-vsctl.h"

VLOG_DEFINE_THIS_MODULE(vsctl);

/* ovs-vsctl's IDL logs transaction errors under this name. */
static VLOG_DEFINE_MODULE(ovsdb_idl);

/* --db: the database remote. */
static char *db;

/* --no-wait: don't wait for svs-vswitchd to reconfigure. */
static bool wait_for_reload = true;

/* --dry-run: abort the transaction at the server. */
static bool dry_run;

/* --oneline: one line of output per command. */
static bool oneline;

/* --retry: keep trying to connect. */
static bool retry;

/* --timeout: seconds before giving up (0: forever). */
static int timeout;

/* --format and friends. */
static struct table_style table_style = TABLE_STYLE_DEFAULT;

static void parse_options(int argc, char *argv[], struct shash *local);
static void usage(void) SVS_NO_RETURN;
static void vsctl_register_commands(void);
static bool do_vsctl(const char *args, struct db_ctl_command *, size_t n,
                     struct db_idl *);

/* The tables of the database as ovs-vsctl names their rows. */
static struct db_ctl_table_class vsctl_tables[SVSREC_N_TABLES + 1];

static void
init_vsctl_tables(void)
{
    struct db_ctl_table_class *t = vsctl_tables;

#define ROW_ID(TABLE, NAME, UUID) { &(TABLE), NAME, UUID }
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_bridge,
        { ROW_ID(svsrec_table_bridge, &svsrec_bridge_col_name, NULL),
          { NULL, NULL, NULL } } };
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_controller,
        { ROW_ID(svsrec_table_bridge, &svsrec_bridge_col_name,
                 &svsrec_bridge_col_controller),
          { NULL, NULL, NULL } } };
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_interface,
        { ROW_ID(svsrec_table_interface, &svsrec_interface_col_name, NULL),
          { NULL, NULL, NULL } } };
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_mirror,
        { ROW_ID(svsrec_table_mirror, &svsrec_mirror_col_name, NULL),
          { NULL, NULL, NULL } } };
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_manager,
        { ROW_ID(svsrec_table_manager, &svsrec_manager_col_target, NULL),
          { NULL, NULL, NULL } } };
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_netflow,
        { ROW_ID(svsrec_table_bridge, &svsrec_bridge_col_name,
                 &svsrec_bridge_col_netflow),
          { NULL, NULL, NULL } } };
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_open_vswitch,
        { ROW_ID(svsrec_table_open_vswitch, NULL, NULL),
          { NULL, NULL, NULL } } };
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_port,
        { ROW_ID(svsrec_table_port, &svsrec_port_col_name, NULL),
          { NULL, NULL, NULL } } };
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_qos,
        { ROW_ID(svsrec_table_port, &svsrec_port_col_name,
                 &svsrec_port_col_qos),
          { NULL, NULL, NULL } } };
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_ssl,
        { ROW_ID(svsrec_table_open_vswitch, NULL,
                 &svsrec_open_vswitch_col_ssl),
          { NULL, NULL, NULL } } };
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_sflow,
        { ROW_ID(svsrec_table_bridge, &svsrec_bridge_col_name,
                 &svsrec_bridge_col_sflow),
          { NULL, NULL, NULL } } };
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_flow_table,
        { ROW_ID(svsrec_table_flow_table, &svsrec_flow_table_col_name, NULL),
          { NULL, NULL, NULL } } };
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_ipfix,
        { ROW_ID(svsrec_table_bridge, &svsrec_bridge_col_name,
                 &svsrec_bridge_col_ipfix),
          { NULL, NULL, NULL } } };
    *t++ = (struct db_ctl_table_class) {
        &svsrec_table_autoattach,
        { ROW_ID(svsrec_table_bridge, &svsrec_bridge_col_name,
                 &svsrec_bridge_col_auto_attach),
          { NULL, NULL, NULL } } };
#undef ROW_ID
    t->table = NULL;
}

/* The cache of bridges, ports and interfaces. */

struct vsctl_bridge {
    const struct svsrec_bridge *br_cfg; /* NULL for a fake bridge. */
    char *name;
    struct svs_list ports;      /* struct vsctl_port's 'ports_node'. */
    struct svs_list children;   /* Fake bridges: 'children_node'. */
    struct svs_list children_node;
    struct vsctl_bridge *parent; /* For a fake bridge, its real bridge. */
    int vlan;                   /* For a fake bridge, its VLAN. */
};

struct vsctl_port {
    struct svs_list ports_node; /* In its bridge's 'ports'. */
    struct svs_list ifaces;     /* struct vsctl_iface's 'ifaces_node'. */
    struct vsctl_bridge *bridge;
    const struct svsrec_port *port_cfg;
};

struct vsctl_iface {
    struct svs_list ifaces_node;
    const struct svsrec_interface *iface_cfg;
    struct vsctl_port *port;
};

/* The cache, valid while 'cache_valid'. */
static struct shash cache_bridges = SHASH_INITIALIZER(&cache_bridges);
static struct shash cache_ports = SHASH_INITIALIZER(&cache_ports);
static struct shash cache_ifaces = SHASH_INITIALIZER(&cache_ifaces);
static bool cache_valid;
static bool verified_ports;

/* The Open_vSwitch row of the current attempt. */
static const struct svsrec_open_vswitch *cur_ovs;

/* Whether do_vsctl() already retried after a constraint violation, and
 * whether the next attempt should start without waiting for a change of
 * the replica. */
static bool retried_error;
static bool retry_now;

/* Interfaces added by the current attempt, to check after reload. */
static struct svec added_ifaces = SVEC_EMPTY_INITIALIZER;

static struct vsctl_bridge *
add_bridge_to_cache(const struct svsrec_bridge *br_cfg, const char *name,
                    struct vsctl_bridge *parent, int vlan)
{
    struct vsctl_bridge *br = xzalloc(sizeof *br);
    br->br_cfg = br_cfg;
    br->name = xstrdup(name);
    svs_list_init(&br->ports);
    svs_list_init(&br->children);
    br->parent = parent;
    br->vlan = vlan;
    if (parent) {
        svs_list_push_back(&parent->children, &br->children_node);
    }
    shash_add(&cache_bridges, br->name, br);
    return br;
}

static struct vsctl_port *
add_port_to_cache(struct vsctl_bridge *parent,
                  const struct svsrec_port *port_cfg)
{
    struct vsctl_port *port = xmalloc(sizeof *port);
    svs_list_push_back(&parent->ports, &port->ports_node);
    svs_list_init(&port->ifaces);
    port->bridge = parent;
    port->port_cfg = port_cfg;
    shash_add(&cache_ports, port_cfg->name, port);
    return port;
}

static struct vsctl_iface *
add_iface_to_cache(struct vsctl_port *parent,
                   const struct svsrec_interface *iface_cfg)
{
    struct vsctl_iface *iface = xmalloc(sizeof *iface);
    svs_list_push_back(&parent->ifaces, &iface->ifaces_node);
    iface->iface_cfg = iface_cfg;
    iface->port = parent;
    shash_add(&cache_ifaces, iface_cfg->name, iface);
    return iface;
}

static void
del_cached_iface(struct vsctl_iface *iface)
{
    svs_list_remove(&iface->ifaces_node);
    shash_find_and_delete(&cache_ifaces, iface->iface_cfg->name);
    free(iface);
}

static void
del_cached_port(struct vsctl_port *port)
{
    svs_list_remove(&port->ports_node);
    shash_find_and_delete(&cache_ports, port->port_cfg->name);
    free(port);
}

static void
del_cached_bridge(struct vsctl_bridge *br)
{
    if (br->parent) {
        svs_list_remove(&br->children_node);
    }
    shash_find_and_delete(&cache_bridges, br->name);
    free(br->name);
    free(br);
}

static void
vsctl_invalidate_cache(struct db_ctl_context *ctx SVS_UNUSED)
{
    if (!cache_valid) {
        return;
    }
    struct shash_node *node;
    SHASH_FOR_EACH (node, &cache_ifaces) {
        free(node->data);
    }
    shash_clear(&cache_ifaces);
    SHASH_FOR_EACH (node, &cache_ports) {
        free(node->data);
    }
    shash_clear(&cache_ports);
    SHASH_FOR_EACH (node, &cache_bridges) {
        struct vsctl_bridge *br = node->data;
        free(br->name);
        free(br);
    }
    shash_clear(&cache_bridges);
    cache_valid = false;
}

static bool
port_is_fake_bridge(const struct svsrec_port *port_cfg)
{
    return (port_cfg->fake_bridge && port_cfg->n_tag == 1
            && *port_cfg->tag >= 0 && *port_cfg->tag <= 4095);
}

static struct vsctl_bridge *
find_vlan_bridge(struct vsctl_bridge *parent, int vlan)
{
    struct vsctl_bridge *child;
    LIST_FOR_EACH (child, children_node, &parent->children) {
        if (child->vlan == vlan) {
            return child;
        }
    }
    return NULL;
}

static void
populate_cache(struct db_idl *idl)
{
    const struct svsrec_open_vswitch *ovs = cur_ovs;
    struct sset bridges = SSET_INITIALIZER(&bridges);

    if (cache_valid) {
        return;
    }
    cache_valid = true;

    /* Real bridges, then fake bridges. */
    for (size_t i = 0; ovs && i < ovs->n_bridges; i++) {
        const struct svsrec_bridge *br_cfg = ovs->bridges[i];
        if (!sset_add(&bridges, br_cfg->name)) {
            VLOG_WARN("%s: database contains duplicate bridge name",
                      br_cfg->name);
            continue;
        }
        struct vsctl_bridge *br = add_bridge_to_cache(br_cfg, br_cfg->name,
                                                      NULL, 0);
        for (size_t j = 0; j < br_cfg->n_ports; j++) {
            const struct svsrec_port *port_cfg = br_cfg->ports[j];
            if (port_is_fake_bridge(port_cfg)
                && sset_add(&bridges, port_cfg->name)) {
                add_bridge_to_cache(NULL, port_cfg->name, br,
                                    *port_cfg->tag);
            }
        }
    }
    sset_destroy(&bridges);

    /* Ports and interfaces. */
    for (size_t i = 0; ovs && i < ovs->n_bridges; i++) {
        const struct svsrec_bridge *br_cfg = ovs->bridges[i];
        struct vsctl_bridge *br = shash_find_data(&cache_bridges,
                                                  br_cfg->name);
        if (!br || br->br_cfg != br_cfg) {
            continue;
        }
        for (size_t j = 0; j < br_cfg->n_ports; j++) {
            const struct svsrec_port *port_cfg = br_cfg->ports[j];
            struct vsctl_port *port = shash_find_data(&cache_ports,
                                                      port_cfg->name);
            if (port) {
                if (port_cfg == port->port_cfg) {
                    VLOG_WARN("%s: port is in multiple bridges (%s and %s)",
                              port_cfg->name, br->name, port->bridge->name);
                } else {
                    VLOG_ERR("%s: database contains duplicate port name",
                             port_cfg->name);
                }
                continue;
            }
            if (port_is_fake_bridge(port_cfg)
                && shash_find_data(&cache_bridges, port_cfg->name)
                   == NULL) {
                continue;
            }

            struct vsctl_bridge *owner = br;
            if (port_cfg->n_tag == 1 && *port_cfg->tag >= 0
                && *port_cfg->tag <= 4095) {
                struct vsctl_bridge *vlan_br = find_vlan_bridge(
                    br, *port_cfg->tag);
                if (vlan_br) {
                    owner = vlan_br;
                }
            }

            port = add_port_to_cache(owner, port_cfg);
            for (size_t k = 0; k < port_cfg->n_interfaces; k++) {
                const struct svsrec_interface *iface_cfg
                    = port_cfg->interfaces[k];
                struct vsctl_iface *iface = shash_find_data(&cache_ifaces,
                                                            iface_cfg->name);
                if (iface) {
                    if (iface_cfg == iface->iface_cfg) {
                        VLOG_WARN("%s: interface is in multiple ports "
                                  "(%s and %s)", iface_cfg->name,
                                  iface->port->port_cfg->name,
                                  port->port_cfg->name);
                    } else {
                        VLOG_ERR("%s: database contains duplicate "
                                 "interface name", iface_cfg->name);
                    }
                    continue;
                }
                add_iface_to_cache(port, iface_cfg);
            }
        }
    }
    (void) idl;
}

static struct vsctl_bridge *
find_bridge(struct db_ctl_context *ctx, const char *name, bool must_exist)
{
    populate_cache(ctx->idl);
    struct vsctl_bridge *br = shash_find_data(&cache_bridges, name);
    if (must_exist && !br) {
        db_ctl_fatal("no bridge named %s", name);
    }
    svsrec_open_vswitch_verify_bridges(cur_ovs);
    return br;
}

static struct vsctl_bridge *
find_real_bridge(struct db_ctl_context *ctx, const char *name,
                 bool must_exist)
{
    struct vsctl_bridge *br = find_bridge(ctx, name, must_exist);
    if (br && br->parent) {
        db_ctl_fatal("%s is a fake bridge", name);
    }
    return br;
}

/* Records what port and interface lookups rely on.
 *
 * ovs-vsctl verifies here every bridge's ports and every port's
 * interfaces: O(N) "wait" operations that the server must check on every
 * transaction.  svs-vsctl verifies only the set of bridges.  Bridges'
 * port sets are changed with "mutate", which composes with concurrent
 * changes, and names are unique by the schema's indexes: a transaction
 * that collides with a concurrent one on a name fails with a constraint
 * violation, which do_vsctl() treats as "try again", so that the retry
 * sees the other row and reports the conflict as ovs-vsctl would. */
static void
verify_ports(struct db_ctl_context *ctx SVS_UNUSED)
{
    if (!verified_ports) {
        svsrec_open_vswitch_verify_bridges(cur_ovs);
        verified_ports = true;
    }
}

static struct vsctl_port *
find_port(struct db_ctl_context *ctx, const char *name, bool must_exist)
{
    populate_cache(ctx->idl);
    struct vsctl_port *port = shash_find_data(&cache_ports, name);
    if (port && !strcmp(name, port->bridge->name)) {
        port = NULL;
    }
    if (must_exist && !port) {
        db_ctl_fatal("no port named %s", name);
    }
    verify_ports(ctx);
    return port;
}

static struct vsctl_iface *
find_iface(struct db_ctl_context *ctx, const char *name, bool must_exist)
{
    populate_cache(ctx->idl);
    struct vsctl_iface *iface = shash_find_data(&cache_ifaces, name);
    if (iface && !strcmp(name, iface->port->bridge->name)) {
        iface = NULL;
    }
    if (must_exist && !iface) {
        db_ctl_fatal("no interface named %s", name);
    }
    verify_ports(ctx);
    return iface;
}

/* Fails with 'msg' + an explanation if 'name' names a bridge, port or
 * interface.  Frees 'msg'. */
static void
check_conflicts(struct db_ctl_context *ctx, const char *name, char *msg)
{
    struct vsctl_iface *iface;
    struct vsctl_port *port;

    verify_ports(ctx);
    if (shash_find(&cache_bridges, name)) {
        db_ctl_fatal("%s because a bridge named %s already exists",
                     msg, name);
    }
    port = shash_find_data(&cache_ports, name);
    if (port) {
        db_ctl_fatal("%s because a port named %s already exists on "
                     "bridge %s", msg, name, port->bridge->name);
    }
    iface = shash_find_data(&cache_ifaces, name);
    if (iface) {
        db_ctl_fatal("%s because an interface named %s already exists "
                     "on bridge %s", msg, name, iface->port->bridge->name);
    }
    free(msg);
}

/* Prerequisites of the cache. */
static void
pre_get_info(struct db_ctl_context *ctx)
{
    db_idl_add_column(ctx->idl, &svsrec_open_vswitch_col_bridges);

    db_idl_add_column(ctx->idl, &svsrec_bridge_col_name);
    db_idl_add_column(ctx->idl, &svsrec_bridge_col_controller);
    db_idl_add_column(ctx->idl, &svsrec_bridge_col_fail_mode);
    db_idl_add_column(ctx->idl, &svsrec_bridge_col_ports);

    db_idl_add_column(ctx->idl, &svsrec_port_col_name);
    db_idl_add_column(ctx->idl, &svsrec_port_col_fake_bridge);
    db_idl_add_column(ctx->idl, &svsrec_port_col_tag);
    db_idl_add_column(ctx->idl, &svsrec_port_col_interfaces);

    db_idl_add_column(ctx->idl, &svsrec_interface_col_name);
    db_idl_add_column(ctx->idl, &svsrec_interface_col_ofport);
    db_idl_add_column(ctx->idl, &svsrec_interface_col_error);
}

/* Writing the database. */

/* Ports added to bridges by add-port and add-bond but not yet written
 * into the bridges' rows: adding them one by one would rebuild each
 * bridge's port array once per port, O(N^2) for N ports added in one
 * invocation.  flush_pending_ports() writes them, one partial update per
 * bridge, before any other command and before commit. */
struct pending_ports {
    const struct svsrec_bridge *br;
    struct db_datum ports;      /* Set of Port UUIDs, unsorted. */
};
static struct pending_ports *pending;
static size_t n_pending, allocated_pending;

static void
bridge_insert_port(const struct svsrec_bridge *br,
                   const struct svsrec_port *port)
{
    const struct db_type *type = &svsrec_bridge_col_ports.type;
    struct pending_ports *pp = NULL;

    for (size_t i = 0; i < n_pending; i++) {
        if (pending[i].br == br) {
            pp = &pending[i];
            break;
        }
    }
    if (!pp) {
        if (n_pending >= allocated_pending) {
            pending = x2nrealloc(pending, &allocated_pending,
                                 sizeof *pending);
        }
        pp = &pending[n_pending++];
        pp->br = br;
        db_datum_init_empty(&pp->ports);
    }
    union db_atom atom = { .uuid = port->header_.uuid };
    db_datum_add_unsafe(&pp->ports, &atom, NULL, type);
}

static void
flush_pending_ports(void)
{
    const struct db_type *type = &svsrec_bridge_col_ports.type;

    for (size_t i = 0; i < n_pending; i++) {
        db_datum_sort_unique(&pending[i].ports, type);
        db_idl_txn_write_partial_set(&pending[i].br->header_,
                                     &svsrec_bridge_col_ports,
                                     &pending[i].ports);
    }
    n_pending = 0;
}

/* Forgets the pending ports of an abandoned attempt. */
static void
discard_pending_ports(void)
{
    const struct db_type *type = &svsrec_bridge_col_ports.type;

    for (size_t i = 0; i < n_pending; i++) {
        db_datum_destroy(&pending[i].ports, type);
    }
    n_pending = 0;
}

static void
bridge_delete_port(const struct svsrec_bridge *br,
                   const struct svsrec_port *port)
{
    svsrec_bridge_update_ports_delvalue(br, port);
}

static void
del_port(struct vsctl_port *port)
{
    struct vsctl_iface *iface, *next;
    const struct svsrec_bridge *br_cfg = (port->bridge->parent
                                          ? port->bridge->parent->br_cfg
                                          : port->bridge->br_cfg);

    bridge_delete_port(br_cfg, port->port_cfg);
    LIST_FOR_EACH_SAFE (iface, next, ifaces_node, &port->ifaces) {
        svsrec_interface_delete(iface->iface_cfg);
        del_cached_iface(iface);
    }
    svsrec_port_delete(port->port_cfg);
    del_cached_port(port);
}

static void
del_bridge(struct vsctl_bridge *br)
{
    struct vsctl_bridge *child, *next_child;
    struct vsctl_port *port, *next_port;

    LIST_FOR_EACH_SAFE (child, next_child, children_node, &br->children) {
        del_bridge(child);
    }
    LIST_FOR_EACH_SAFE (port, next_port, ports_node, &br->ports) {
        del_port(port);
    }
    if (br->br_cfg) {
        svsrec_bridge_delete(br->br_cfg);
        svsrec_open_vswitch_update_bridges_delvalue(cur_ovs, br->br_cfg);
    }
    del_cached_bridge(br);
}

/* Commands. */

static void
cmd_init(struct db_ctl_context *ctx SVS_UNUSED)
{
}

static void
pre_cmd_emer_reset(struct db_ctl_context *ctx)
{
    db_idl_add_column(ctx->idl, &svsrec_open_vswitch_col_manager_options);
    db_idl_add_column(ctx->idl, &svsrec_open_vswitch_col_ssl);

    db_idl_add_column(ctx->idl, &svsrec_bridge_col_controller);
    db_idl_add_column(ctx->idl, &svsrec_bridge_col_fail_mode);
    db_idl_add_column(ctx->idl, &svsrec_bridge_col_mirrors);
    db_idl_add_column(ctx->idl, &svsrec_bridge_col_netflow);
    db_idl_add_column(ctx->idl, &svsrec_bridge_col_sflow);
    db_idl_add_column(ctx->idl, &svsrec_bridge_col_ipfix);
    db_idl_add_column(ctx->idl, &svsrec_bridge_col_flood_vlans);
    db_idl_add_column(ctx->idl, &svsrec_bridge_col_other_config);

    db_idl_add_column(ctx->idl, &svsrec_port_col_other_config);

    db_idl_add_column(ctx->idl, &svsrec_interface_col_ingress_policing_rate);
    db_idl_add_column(ctx->idl,
                      &svsrec_interface_col_ingress_policing_burst);

    db_idl_add_table(ctx->idl, &svsrec_table_mirror);
    db_idl_add_table(ctx->idl, &svsrec_table_controller);
    db_idl_add_table(ctx->idl, &svsrec_table_manager);
    db_idl_add_table(ctx->idl, &svsrec_table_netflow);
    db_idl_add_table(ctx->idl, &svsrec_table_sflow);
    db_idl_add_table(ctx->idl, &svsrec_table_ipfix);
    db_idl_add_table(ctx->idl, &svsrec_table_flow_sample_collector_set);
}

static void
cmd_emer_reset(struct db_ctl_context *ctx)
{
    const struct db_idl *idl = ctx->idl;
    const struct svsrec_bridge *br;
    const struct svsrec_port *port;
    const struct svsrec_interface *iface;

    svsrec_open_vswitch_set_manager_options(cur_ovs, NULL, 0);
    svsrec_open_vswitch_set_ssl(cur_ovs, NULL);

    SVSREC_BRIDGE_FOR_EACH (br, idl) {
        svsrec_bridge_set_controller(br, NULL, 0);
        svsrec_bridge_set_fail_mode(br, NULL);
        svsrec_bridge_set_mirrors(br, NULL, 0);
        svsrec_bridge_set_netflow(br, NULL);
        svsrec_bridge_set_sflow(br, NULL);
        svsrec_bridge_set_ipfix(br, NULL);
        svsrec_bridge_set_flood_vlans(br, NULL, 0);

        /* Keep only "hwaddr" in other_config. */
        const char *hwaddr = NULL;
        for (size_t i = 0; i < br->n_other_config; i++) {
            if (!strcmp(br->key_other_config[i], "hwaddr")) {
                hwaddr = br->value_other_config[i];
            }
        }
        if (hwaddr) {
            const char *key = "hwaddr";
            char *value = xstrdup(hwaddr);
            svsrec_bridge_set_other_config(br, &key,
                                           (const char **) &value, 1);
            free(value);
        } else {
            svsrec_bridge_set_other_config(br, NULL, NULL, 0);
        }
    }

    SVSREC_PORT_FOR_EACH (port, idl) {
        svsrec_port_set_other_config(port, NULL, NULL, 0);
    }

    SVSREC_INTERFACE_FOR_EACH (iface, idl) {
        svsrec_interface_set_ingress_policing_rate(iface, 0);
        svsrec_interface_set_ingress_policing_burst(iface, 0);
    }

    const struct svsrec_mirror *mirror, *next_mirror;
    SVSREC_MIRROR_FOR_EACH_SAFE (mirror, next_mirror, idl) {
        svsrec_mirror_delete(mirror);
    }
    const struct svsrec_controller *ctrl, *next_ctrl;
    SVSREC_CONTROLLER_FOR_EACH_SAFE (ctrl, next_ctrl, idl) {
        svsrec_controller_delete(ctrl);
    }
    const struct svsrec_manager *mgr, *next_mgr;
    SVSREC_MANAGER_FOR_EACH_SAFE (mgr, next_mgr, idl) {
        svsrec_manager_delete(mgr);
    }
    const struct svsrec_netflow *nf, *next_nf;
    SVSREC_NETFLOW_FOR_EACH_SAFE (nf, next_nf, idl) {
        svsrec_netflow_delete(nf);
    }
    const struct svsrec_sflow *sf, *next_sf;
    SVSREC_SFLOW_FOR_EACH_SAFE (sf, next_sf, idl) {
        svsrec_sflow_delete(sf);
    }
    const struct svsrec_flow_sample_collector_set *fs, *next_fs;
    SVSREC_FLOW_SAMPLE_COLLECTOR_SET_FOR_EACH_SAFE (fs, next_fs, idl) {
        svsrec_flow_sample_collector_set_delete(fs);
    }
    const struct svsrec_ipfix *ipfix, *next_ipfix;
    SVSREC_IPFIX_FOR_EACH_SAFE (ipfix, next_ipfix, idl) {
        svsrec_ipfix_delete(ipfix);
    }

    vsctl_invalidate_cache(ctx);
}

static void
cmd_add_br(struct db_ctl_context *ctx)
{
    bool may_exist = db_ctl_has_option(ctx, "--may-exist");
    const char *br_name, *parent_name;
    int vlan;

    br_name = ctx->argv[1];
    if (ctx->argc == 2) {
        parent_name = NULL;
        vlan = 0;
    } else if (ctx->argc == 4) {
        parent_name = ctx->argv[2];
        vlan = atoi(ctx->argv[3]);
        if (vlan < 0 || vlan > 4095) {
            db_ctl_fatal("%s: vlan must be between 0 and 4095",
                         ctx->argv[0]);
        }
    } else {
        db_ctl_fatal("'%s' command takes exactly 1 or 3 arguments",
                     ctx->argv[0]);
    }

    populate_cache(ctx->idl);
    if (may_exist) {
        struct vsctl_bridge *br = find_bridge(ctx, br_name, false);
        if (br) {
            if (!parent_name) {
                if (br->parent) {
                    db_ctl_fatal("\"--may-exist add-br %s\" but %s is "
                                 "a VLAN bridge for VLAN %d",
                                 br_name, br_name, br->vlan);
                }
            } else {
                if (!br->parent) {
                    db_ctl_fatal("\"--may-exist add-br %s %s %d\" but %s "
                                 "is not a VLAN bridge",
                                 br_name, parent_name, vlan, br_name);
                } else if (strcmp(br->parent->name, parent_name)) {
                    db_ctl_fatal("\"--may-exist add-br %s %s %d\" but %s "
                                 "has the wrong parent %s",
                                 br_name, parent_name, vlan,
                                 br_name, br->parent->name);
                } else if (br->vlan != vlan) {
                    db_ctl_fatal("\"--may-exist add-br %s %s %d\" but %s "
                                 "is a VLAN bridge for the wrong VLAN %d",
                                 br_name, parent_name, vlan, br_name,
                                 br->vlan);
                }
            }
            return;
        }
    }
    check_conflicts(ctx, br_name,
                    xasprintf("cannot create a bridge named %s", br_name));

    if (!parent_name) {
        const struct svsrec_interface *iface;
        const struct svsrec_port *port;
        const struct svsrec_bridge *br;

        iface = svsrec_interface_insert(ctx->txn);
        svsrec_interface_set_name(iface, br_name);
        svsrec_interface_set_type(iface, "internal");

        port = svsrec_port_insert(ctx->txn);
        svsrec_port_set_name(port, br_name);
        svsrec_port_set_interfaces(port,
                                   (struct svsrec_interface **) &iface, 1);

        br = svsrec_bridge_insert(ctx->txn);
        svsrec_bridge_set_name(br, br_name);
        svsrec_bridge_set_ports(br, (struct svsrec_port **) &port, 1);

        svsrec_open_vswitch_update_bridges_addvalue(cur_ovs, br);

        struct vsctl_bridge *vbr = add_bridge_to_cache(br, br_name, NULL, 0);
        struct vsctl_port *vport = add_port_to_cache(vbr, port);
        add_iface_to_cache(vport, iface);
        svec_add(&added_ifaces, br_name);
    } else {
        struct vsctl_bridge *parent = find_bridge(ctx, parent_name, false);
        const struct svsrec_interface *iface;
        const struct svsrec_port *port;
        int64_t tag = vlan;

        if (parent && parent->parent) {
            db_ctl_fatal("cannot create bridge with fake bridge as parent");
        }
        if (!parent) {
            db_ctl_fatal("parent bridge %s does not exist", parent_name);
        }

        iface = svsrec_interface_insert(ctx->txn);
        svsrec_interface_set_name(iface, br_name);
        svsrec_interface_set_type(iface, "internal");

        port = svsrec_port_insert(ctx->txn);
        svsrec_port_set_name(port, br_name);
        svsrec_port_set_interfaces(port,
                                   (struct svsrec_interface **) &iface, 1);
        svsrec_port_set_fake_bridge(port, true);
        svsrec_port_set_tag(port, &tag, 1);

        bridge_insert_port(parent->br_cfg, port);

        struct vsctl_bridge *vbr = add_bridge_to_cache(NULL, br_name, parent,
                                                       vlan);
        struct vsctl_port *vport = add_port_to_cache(vbr, port);
        add_iface_to_cache(vport, iface);
        svec_add(&added_ifaces, br_name);
    }
}

static void
cmd_del_br(struct db_ctl_context *ctx)
{
    bool must_exist = !db_ctl_has_option(ctx, "--if-exists");
    struct vsctl_bridge *bridge = find_bridge(ctx, ctx->argv[1], must_exist);
    if (bridge) {
        verify_ports(ctx);
        del_bridge(bridge);
    }
}

/* Appends the sorted names in 'names' to 'output', one per line. */
static void
output_sorted(struct svec *names, struct ds *output)
{
    svec_sort(names);
    for (size_t i = 0; i < names->n; i++) {
        ds_put_format(output, "%s\n", names->names[i]);
    }
}

static void
cmd_list_br(struct db_ctl_context *ctx)
{
    bool real = db_ctl_has_option(ctx, "--real");
    bool fake = db_ctl_has_option(ctx, "--fake");
    struct svec bridges = SVEC_EMPTY_INITIALIZER;
    struct shash_node *node;

    if (!real && !fake) {
        real = fake = true;
    }
    populate_cache(ctx->idl);
    svsrec_open_vswitch_verify_bridges(cur_ovs);
    SHASH_FOR_EACH (node, &cache_bridges) {
        struct vsctl_bridge *br = node->data;
        if (br->parent ? fake : real) {
            svec_add(&bridges, br->name);
        }
    }
    output_sorted(&bridges, &ctx->output);
    svec_destroy(&bridges);
}

static void
cmd_br_exists(struct db_ctl_context *ctx)
{
    if (!find_bridge(ctx, ctx->argv[1], false)) {
        exit(2);
    }
}

static void
cmd_br_to_vlan(struct db_ctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge(ctx, ctx->argv[1], true);
    ds_put_format(&ctx->output, "%d\n", br->vlan);
}

static void
cmd_br_to_parent(struct db_ctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge(ctx, ctx->argv[1], true);
    if (br->parent) {
        br = br->parent;
    }
    ds_put_format(&ctx->output, "%s\n", br->name);
}

/* Auto Attach mappings (I-SID to VLAN) of a bridge. */

static void
pre_aa_mapping(struct db_ctl_context *ctx)
{
    pre_get_info(ctx);
    db_idl_add_column(ctx->idl, &svsrec_bridge_col_auto_attach);
    db_idl_add_column(ctx->idl, &svsrec_autoattach_col_mappings);
}

/* Parses a decimal argument the way ovs-vsctl does: leading digits, the
 * rest ignored; none at all is an error. */
static int64_t
parse_aa_number(const char *arg)
{
    char *end;
    unsigned long long int x = strtoull(arg, &end, 10);
    if (end == arg) {
        db_ctl_fatal("Invalid argument %s", arg);
    }
    return (int64_t) x;
}

/* The real bridge of 'name' (a fake bridge's parent). */
static const struct svsrec_bridge *
aa_bridge(struct db_ctl_context *ctx, const char *name)
{
    struct vsctl_bridge *br = find_bridge(ctx, name, true);
    if (br->parent) {
        br = br->parent;
    }
    return br->br_cfg;
}

static void
cmd_add_aa_mapping(struct db_ctl_context *ctx)
{
    int64_t isid = parse_aa_number(ctx->argv[2]);
    int64_t vlan = parse_aa_number(ctx->argv[3]);
    const struct svsrec_bridge *br = aa_bridge(ctx, ctx->argv[1]);

    if (br) {
        if (!br->auto_attach) {
            struct svsrec_autoattach *aa = svsrec_autoattach_insert(ctx->txn);
            svsrec_bridge_set_auto_attach(br, aa);
        }
        /* An I-SID already mapped keeps its VLAN, as with ovs-vsctl. */
        const struct svsrec_autoattach *aa = br->auto_attach;
        for (size_t i = 0; i < aa->n_mappings; i++) {
            if (aa->key_mappings[i] == isid) {
                return;
            }
        }
        svsrec_autoattach_update_mappings_setkey(aa, isid, vlan);
    }
}

static void
cmd_del_aa_mapping(struct db_ctl_context *ctx)
{
    int64_t isid = parse_aa_number(ctx->argv[2]);
    int64_t vlan = parse_aa_number(ctx->argv[3]);
    const struct svsrec_bridge *br = aa_bridge(ctx, ctx->argv[1]);

    if (br && br->auto_attach) {
        const struct svsrec_autoattach *aa = br->auto_attach;
        for (size_t i = 0; i < aa->n_mappings; i++) {
            if (aa->key_mappings[i] == isid && aa->value_mappings[i] == vlan) {
                svsrec_autoattach_update_mappings_delkey(aa, isid);
                break;
            }
        }
    }
}

static void
cmd_get_aa_mapping(struct db_ctl_context *ctx)
{
    const struct svsrec_bridge *br = aa_bridge(ctx, ctx->argv[1]);

    if (br && br->auto_attach) {
        const struct svsrec_autoattach *aa = br->auto_attach;
        for (size_t i = 0; i < aa->n_mappings; i++) {
            ds_put_format(&ctx->output, "%"PRId64" %"PRId64"\n",
                          aa->key_mappings[i], aa->value_mappings[i]);
        }
    }
}

static void
pre_cmd_br_external_id(struct db_ctl_context *ctx)
{
    pre_get_info(ctx);
    db_idl_add_column(ctx->idl, &svsrec_bridge_col_external_ids);
    db_idl_add_column(ctx->idl, &svsrec_port_col_external_ids);
}

#define FAKE_BRIDGE_PREFIX "fake-bridge-"

static void
cmd_br_set_external_id(struct db_ctl_context *ctx)
{
    struct vsctl_bridge *bridge = find_bridge(ctx, ctx->argv[1], true);
    const char *key = ctx->argv[2];
    const char *value = ctx->argc > 3 ? ctx->argv[3] : NULL;

    if (bridge->br_cfg) {
        if (value) {
            svsrec_bridge_update_external_ids_setkey(bridge->br_cfg, key,
                                                     value);
        } else {
            svsrec_bridge_update_external_ids_delkey(bridge->br_cfg, key);
        }
    } else {
        char *full_key = xasprintf(FAKE_BRIDGE_PREFIX"%s", key);
        struct vsctl_port *port = shash_find_data(&cache_ports,
                                                  bridge->name);
        if (value) {
            svsrec_port_update_external_ids_setkey(port->port_cfg, full_key,
                                                   value);
        } else {
            svsrec_port_update_external_ids_delkey(port->port_cfg, full_key);
        }
        free(full_key);
    }
}

/* Outputs the sorted "key=value" pairs of the 'n' keys and values whose
 * keys start with 'prefix' (removed), or just the value of 'key' + prefix
 * if 'key' is nonnull. */
static void
get_external_id(char **keys, char **values, size_t n, const char *prefix,
                const char *key, struct ds *output)
{
    size_t prefix_len = strlen(prefix);
    if (key) {
        char *full_key = xasprintf("%s%s", prefix, key);
        for (size_t i = 0; i < n; i++) {
            if (!strcmp(keys[i], full_key)) {
                ds_put_format(output, "%s\n", values[i]);
                break;
            }
        }
        free(full_key);
    } else {
        struct svec lines = SVEC_EMPTY_INITIALIZER;
        for (size_t i = 0; i < n; i++) {
            if (!strncmp(keys[i], prefix, prefix_len)) {
                svec_add_nocopy(&lines, xasprintf("%s=%s",
                                                  keys[i] + prefix_len,
                                                  values[i]));
            }
        }
        output_sorted(&lines, output);
        svec_destroy(&lines);
    }
}

static void
cmd_br_get_external_id(struct db_ctl_context *ctx)
{
    struct vsctl_bridge *bridge = find_bridge(ctx, ctx->argv[1], true);
    const char *key = ctx->argc > 2 ? ctx->argv[2] : NULL;

    if (bridge->br_cfg) {
        svsrec_bridge_verify_external_ids(bridge->br_cfg);
        get_external_id(bridge->br_cfg->key_external_ids,
                        bridge->br_cfg->value_external_ids,
                        bridge->br_cfg->n_external_ids, "", key,
                        &ctx->output);
    } else {
        struct vsctl_port *port = shash_find_data(&cache_ports,
                                                  bridge->name);
        svsrec_port_verify_external_ids(port->port_cfg);
        get_external_id(port->port_cfg->key_external_ids,
                        port->port_cfg->value_external_ids,
                        port->port_cfg->n_external_ids, FAKE_BRIDGE_PREFIX,
                        key, &ctx->output);
    }
}

static void
cmd_list_ports(struct db_ctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge(ctx, ctx->argv[1], true);
    struct svec ports = SVEC_EMPTY_INITIALIZER;
    struct vsctl_port *port;

    verify_ports(ctx);
    LIST_FOR_EACH (port, ports_node, &br->ports) {
        if (strcmp(port->port_cfg->name, br->name)) {
            svec_add(&ports, port->port_cfg->name);
        }
    }
    output_sorted(&ports, &ctx->output);
    svec_destroy(&ports);
}

static void
add_port(struct db_ctl_context *ctx, const char *br_name,
         const char *port_name, bool may_exist, bool fake_iface,
         char *iface_names[], int n_ifaces, char *settings[],
         int n_settings)
{
    struct vsctl_bridge *bridge;

    populate_cache(ctx->idl);
    if (may_exist) {
        struct vsctl_port *vsctl_port = find_port(ctx, port_name, false);
        if (vsctl_port) {
            struct svec want_names, have_names;
            struct vsctl_iface *iface;

            svec_init(&want_names);
            for (int i = 0; i < n_ifaces; i++) {
                svec_add(&want_names, iface_names[i]);
            }
            svec_sort(&want_names);

            svec_init(&have_names);
            LIST_FOR_EACH (iface, ifaces_node, &vsctl_port->ifaces) {
                svec_add(&have_names, iface->iface_cfg->name);
            }
            svec_sort(&have_names);

            struct ds command = DS_EMPTY_INITIALIZER;
            ds_put_format(&command, "--may-exist add-%s %s %s",
                          n_ifaces == 1 ? "port" : "bond",
                          br_name, port_name);
            if (n_ifaces > 1) {
                for (int i = 0; i < n_ifaces; i++) {
                    ds_put_format(&command, " %s", iface_names[i]);
                }
            }

            if (strcmp(vsctl_port->bridge->name, br_name)) {
                db_ctl_fatal("\"%s\" but %s is actually attached to "
                             "bridge %s", ds_cstr(&command), port_name,
                             vsctl_port->bridge->name);
            }

            bool equal = want_names.n == have_names.n;
            for (size_t i = 0; equal && i < want_names.n; i++) {
                equal = !strcmp(want_names.names[i], have_names.names[i]);
            }
            if (!equal) {
                struct ds have = DS_EMPTY_INITIALIZER;
                for (size_t i = 0; i < have_names.n; i++) {
                    ds_put_format(&have, "%s%s", i ? ", " : "",
                                  have_names.names[i]);
                }
                db_ctl_fatal("\"%s\" but %s actually has interface(s) %s",
                             ds_cstr(&command), port_name, ds_cstr(&have));
            }

            ds_destroy(&command);
            svec_destroy(&want_names);
            svec_destroy(&have_names);
            return;
        }
    }
    check_conflicts(ctx, port_name,
                    xasprintf("cannot create a port named %s", port_name));
    for (int i = 0; i < n_ifaces; i++) {
        check_conflicts(ctx, iface_names[i],
                        xasprintf("cannot create an interface named %s",
                                  iface_names[i]));
    }
    bridge = find_bridge(ctx, br_name, true);

    const struct svsrec_interface **ifaces = xmalloc(n_ifaces
                                                     * sizeof *ifaces);
    for (int i = 0; i < n_ifaces; i++) {
        ifaces[i] = svsrec_interface_insert(ctx->txn);
        svsrec_interface_set_name(ifaces[i], iface_names[i]);
    }

    const struct svsrec_port *port = svsrec_port_insert(ctx->txn);
    svsrec_port_set_name(port, port_name);
    svsrec_port_set_interfaces(port, (struct svsrec_interface **) ifaces,
                               n_ifaces);
    if (fake_iface) {
        svsrec_port_set_bond_fake_iface(port, fake_iface);
    }

    if (bridge->parent) {
        int64_t tag = bridge->vlan;
        svsrec_port_set_tag(port, &tag, 1);
    }

    for (int i = 0; i < n_settings; i++) {
        db_ctl_set_column(ctx, &svsrec_table_port, &port->header_,
                          settings[i]);
    }

    bridge_insert_port((bridge->parent ? bridge->parent->br_cfg
                        : bridge->br_cfg), port);

    struct vsctl_port *vport = add_port_to_cache(bridge, port);
    for (int i = 0; i < n_ifaces; i++) {
        add_iface_to_cache(vport, ifaces[i]);
        svec_add(&added_ifaces, iface_names[i]);
    }
    free(ifaces);
}

static void
cmd_add_port(struct db_ctl_context *ctx)
{
    bool may_exist = db_ctl_has_option(ctx, "--may-exist");

    add_port(ctx, ctx->argv[1], ctx->argv[2], may_exist, false,
             &ctx->argv[2], 1, &ctx->argv[3], ctx->argc - 3);
}

static void
cmd_add_bond(struct db_ctl_context *ctx)
{
    bool may_exist = db_ctl_has_option(ctx, "--may-exist");
    bool fake_iface = db_ctl_has_option(ctx, "--fake-iface");
    int n_ifaces;
    int i;

    n_ifaces = ctx->argc - 3;
    for (i = 3; i < ctx->argc; i++) {
        if (strchr(ctx->argv[i], '=')) {
            n_ifaces = i - 3;
            break;
        }
    }
    if (n_ifaces < 2) {
        db_ctl_fatal("add-bond requires at least 2 interfaces, but only "
                     "%d were specified", n_ifaces);
    }

    add_port(ctx, ctx->argv[1], ctx->argv[2], may_exist, fake_iface,
             &ctx->argv[3], n_ifaces,
             &ctx->argv[n_ifaces + 3], ctx->argc - 3 - n_ifaces);
}

static void
cmd_del_port(struct db_ctl_context *ctx)
{
    bool must_exist = !db_ctl_has_option(ctx, "--if-exists");
    bool with_iface = db_ctl_has_option(ctx, "--with-iface");
    const char *target = ctx->argv[ctx->argc - 1];
    struct vsctl_port *port;

    if (!with_iface) {
        port = find_port(ctx, target, must_exist);
    } else {
        port = find_port(ctx, target, false);
        if (!port) {
            struct vsctl_iface *iface = find_iface(ctx, target, false);
            if (iface) {
                port = iface->port;
            }
        }
        if (must_exist && !port) {
            db_ctl_fatal("no port or interface named %s", target);
        }
    }

    if (port) {
        if (ctx->argc == 3) {
            struct vsctl_bridge *bridge = find_bridge(ctx, ctx->argv[1],
                                                      true);
            if (port->bridge != bridge) {
                if (port->bridge->parent == bridge) {
                    db_ctl_fatal("bridge %s does not have a port %s "
                                 "(although its child bridge %s does)",
                                 ctx->argv[1], ctx->argv[2],
                                 port->bridge->name);
                } else {
                    db_ctl_fatal("bridge %s does not have a port %s",
                                 ctx->argv[1], ctx->argv[2]);
                }
            }
        }
        del_port(port);
    }
}

/* add-bond-iface BOND IFACE: adds a new interface IFACE to the existing
 * port BOND (a port with one interface becomes a bond). */
static void
cmd_add_bond_iface(struct db_ctl_context *ctx)
{
    bool may_exist = db_ctl_has_option(ctx, "--may-exist");
    const char *iface_name = ctx->argv[2];
    struct vsctl_port *port = find_port(ctx, ctx->argv[1], true);

    if (may_exist) {
        struct vsctl_iface *iface = find_iface(ctx, iface_name, false);
        if (iface) {
            if (iface->port == port) {
                return;
            }
            db_ctl_fatal("\"--may-exist add-bond-iface %s %s\" but %s is "
                         "actually attached to port %s", ctx->argv[1],
                         iface_name, iface_name,
                         iface->port->port_cfg->name);
        }
    }
    check_conflicts(ctx, iface_name,
                    xasprintf("cannot create an interface named %s",
                              iface_name));

    const struct svsrec_interface *iface_cfg
        = svsrec_interface_insert(ctx->txn);
    svsrec_interface_set_name(iface_cfg, iface_name);
    svsrec_port_update_interfaces_addvalue(port->port_cfg, iface_cfg);
    add_iface_to_cache(port, iface_cfg);
    svec_add(&added_ifaces, iface_name);
}

/* del-bond-iface [BOND] IFACE: removes IFACE from its port, which must
 * keep at least one interface. */
static void
cmd_del_bond_iface(struct db_ctl_context *ctx)
{
    bool must_exist = !db_ctl_has_option(ctx, "--if-exists");
    const char *iface_name = ctx->argv[ctx->argc - 1];
    struct vsctl_iface *iface = find_iface(ctx, iface_name, must_exist);

    if (!iface) {
        return;
    }
    struct vsctl_port *port = iface->port;
    if (ctx->argc == 3) {
        struct vsctl_port *want = find_port(ctx, ctx->argv[1], true);
        if (want != port) {
            db_ctl_fatal("port %s does not have an interface %s",
                         ctx->argv[1], iface_name);
        }
    }
    if (svs_list_size(&port->ifaces) <= 1) {
        db_ctl_fatal("cannot delete last interface from port %s",
                     port->port_cfg->name);
    }
    svsrec_port_update_interfaces_delvalue(port->port_cfg,
                                           iface->iface_cfg);
    svsrec_interface_delete(iface->iface_cfg);
    del_cached_iface(iface);
}

static void
cmd_port_to_br(struct db_ctl_context *ctx)
{
    struct vsctl_port *port = find_port(ctx, ctx->argv[1], true);
    ds_put_format(&ctx->output, "%s\n", port->bridge->name);
}

static void
cmd_list_ifaces(struct db_ctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge(ctx, ctx->argv[1], true);
    struct svec ifaces = SVEC_EMPTY_INITIALIZER;
    struct vsctl_port *port;

    verify_ports(ctx);
    LIST_FOR_EACH (port, ports_node, &br->ports) {
        struct vsctl_iface *iface;
        LIST_FOR_EACH (iface, ifaces_node, &port->ifaces) {
            if (strcmp(iface->iface_cfg->name, br->name)) {
                svec_add(&ifaces, iface->iface_cfg->name);
            }
        }
    }
    output_sorted(&ifaces, &ctx->output);
    svec_destroy(&ifaces);
}

static void
cmd_iface_to_br(struct db_ctl_context *ctx)
{
    struct vsctl_iface *iface = find_iface(ctx, ctx->argv[1], true);
    ds_put_format(&ctx->output, "%s\n", iface->port->bridge->name);
}

/* Controllers. */

static void
pre_controller(struct db_ctl_context *ctx)
{
    pre_get_info(ctx);
    db_idl_add_column(ctx->idl, &svsrec_controller_col_target);
    db_idl_add_column(ctx->idl, &svsrec_controller_col_inactivity_probe);
}

/* The value of the --inactivity-probe=MSECS option, read as ovs-vsctl
 * reads it (leading decimal digits; none gives 0), or NULL without one. */
static bool
get_inactivity_probe(struct db_ctl_context *ctx, int64_t *msecs)
{
    const char *s = db_ctl_get_option(ctx, "--inactivity-probe");
    if (!s) {
        return false;
    }
    *msecs = strtoll(s, NULL, 10);
    return true;
}

static void
cmd_get_controller(struct db_ctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge(ctx, ctx->argv[1], true);
    struct svec targets = SVEC_EMPTY_INITIALIZER;

    if (br->parent) {
        br = br->parent;
    }
    svsrec_bridge_verify_controller(br->br_cfg);
    for (size_t i = 0; i < br->br_cfg->n_controller; i++) {
        svec_add(&targets, br->br_cfg->controller[i]->target);
    }
    output_sorted(&targets, &ctx->output);
    svec_destroy(&targets);
}

static void
delete_controllers(const struct svsrec_bridge *br)
{
    for (size_t i = 0; i < br->n_controller; i++) {
        svsrec_controller_delete(br->controller[i]);
    }
}

static void
cmd_del_controller(struct db_ctl_context *ctx)
{
    struct vsctl_bridge *br = find_real_bridge(ctx, ctx->argv[1], true);

    svsrec_bridge_verify_controller(br->br_cfg);
    if (br->br_cfg->n_controller) {
        delete_controllers(br->br_cfg);
        svsrec_bridge_set_controller(br->br_cfg, NULL, 0);
    }
}

static void
cmd_set_controller(struct db_ctl_context *ctx)
{
    struct vsctl_bridge *br = find_real_bridge(ctx, ctx->argv[1], true);
    size_t n = ctx->argc - 2;
    int64_t msecs;
    bool probe = get_inactivity_probe(ctx, &msecs);

    svsrec_bridge_verify_controller(br->br_cfg);
    delete_controllers(br->br_cfg);

    struct svsrec_controller **controllers = xmalloc(n * sizeof
                                                     *controllers);
    for (size_t i = 0; i < n; i++) {
        const char *target = ctx->argv[i + 2];
        controllers[i] = (struct svsrec_controller *)
            svsrec_controller_insert(ctx->txn);
        svsrec_controller_set_target(controllers[i], target);
        if (probe) {
            svsrec_controller_set_inactivity_probe(controllers[i], &msecs,
                                                   1);
        }
    }
    svsrec_bridge_set_controller(br->br_cfg, controllers, n);
    free(controllers);
}

/* Fail mode. */

static void
cmd_get_fail_mode(struct db_ctl_context *ctx)
{
    struct vsctl_bridge *br = find_bridge(ctx, ctx->argv[1], true);

    if (br->parent) {
        br = br->parent;
    }
    svsrec_bridge_verify_fail_mode(br->br_cfg);
    if (br->br_cfg->fail_mode && br->br_cfg->fail_mode[0]) {
        ds_put_format(&ctx->output, "%s\n", br->br_cfg->fail_mode);
    }
}

static void
cmd_del_fail_mode(struct db_ctl_context *ctx)
{
    struct vsctl_bridge *br = find_real_bridge(ctx, ctx->argv[1], true);
    svsrec_bridge_set_fail_mode(br->br_cfg, NULL);
}

static void
cmd_set_fail_mode(struct db_ctl_context *ctx)
{
    struct vsctl_bridge *br = find_real_bridge(ctx, ctx->argv[1], true);
    const char *fail_mode = ctx->argv[2];

    if (strcmp(fail_mode, "standalone") && strcmp(fail_mode, "secure")) {
        db_ctl_fatal("fail-mode must be \"standalone\" or \"secure\"");
    }
    svsrec_bridge_set_fail_mode(br->br_cfg, fail_mode);
}

/* Managers. */

static void
pre_manager(struct db_ctl_context *ctx)
{
    db_idl_add_column(ctx->idl, &svsrec_open_vswitch_col_manager_options);
    db_idl_add_column(ctx->idl, &svsrec_manager_col_target);
    db_idl_add_column(ctx->idl, &svsrec_manager_col_inactivity_probe);
}

static void
cmd_get_manager(struct db_ctl_context *ctx)
{
    struct svec targets = SVEC_EMPTY_INITIALIZER;

    svsrec_open_vswitch_verify_manager_options(cur_ovs);
    for (size_t i = 0; i < cur_ovs->n_manager_options; i++) {
        svec_add(&targets, cur_ovs->manager_options[i]->target);
    }
    svec_sort_unique(&targets);
    output_sorted(&targets, &ctx->output);
    svec_destroy(&targets);
}

static void
delete_managers(void)
{
    for (size_t i = 0; i < cur_ovs->n_manager_options; i++) {
        svsrec_manager_delete(cur_ovs->manager_options[i]);
    }
    svsrec_open_vswitch_set_manager_options(cur_ovs, NULL, 0);
}

static void
cmd_del_manager(struct db_ctl_context *ctx SVS_UNUSED)
{
    svsrec_open_vswitch_verify_manager_options(cur_ovs);
    delete_managers();
}

static void
cmd_set_manager(struct db_ctl_context *ctx)
{
    size_t n = ctx->argc - 1;
    int64_t msecs;
    bool probe = get_inactivity_probe(ctx, &msecs);

    svsrec_open_vswitch_verify_manager_options(cur_ovs);
    delete_managers();

    struct svsrec_manager **managers = xmalloc(n * sizeof *managers);
    for (size_t i = 0; i < n; i++) {
        const char *target = ctx->argv[i + 1];
        managers[i] = (struct svsrec_manager *)
            svsrec_manager_insert(ctx->txn);
        svsrec_manager_set_target(managers[i], target);
        if (probe) {
            svsrec_manager_set_inactivity_probe(managers[i], &msecs, 1);
        }
    }
    svsrec_open_vswitch_set_manager_options(cur_ovs, managers, n);
    free(managers);
}

/* SSL. */

static void
pre_cmd_ssl(struct db_ctl_context *ctx)
{
    db_idl_add_column(ctx->idl, &svsrec_open_vswitch_col_ssl);
    db_idl_add_column(ctx->idl, &svsrec_ssl_col_private_key);
    db_idl_add_column(ctx->idl, &svsrec_ssl_col_certificate);
    db_idl_add_column(ctx->idl, &svsrec_ssl_col_ca_cert);
    db_idl_add_column(ctx->idl, &svsrec_ssl_col_bootstrap_ca_cert);
}

static void
cmd_get_ssl(struct db_ctl_context *ctx)
{
    const struct svsrec_ssl *ssl = svsrec_ssl_first(ctx->idl);

    svsrec_open_vswitch_verify_ssl(cur_ovs);
    if (ssl) {
        svsrec_ssl_verify_private_key(ssl);
        svsrec_ssl_verify_certificate(ssl);
        svsrec_ssl_verify_ca_cert(ssl);
        svsrec_ssl_verify_bootstrap_ca_cert(ssl);

        ds_put_format(&ctx->output, "Private key: %s\n", ssl->private_key);
        ds_put_format(&ctx->output, "Certificate: %s\n", ssl->certificate);
        ds_put_format(&ctx->output, "CA Certificate: %s\n", ssl->ca_cert);
        ds_put_format(&ctx->output, "Bootstrap: %s\n",
                      ssl->bootstrap_ca_cert ? "true" : "false");
    }
}

static void
cmd_del_ssl(struct db_ctl_context *ctx)
{
    const struct svsrec_ssl *ssl = svsrec_ssl_first(ctx->idl);

    if (ssl) {
        svsrec_open_vswitch_verify_ssl(cur_ovs);
        svsrec_ssl_delete(ssl);
        svsrec_open_vswitch_set_ssl(cur_ovs, NULL);
    }
}

static void
cmd_set_ssl(struct db_ctl_context *ctx)
{
    bool bootstrap = db_ctl_has_option(ctx, "--bootstrap");
    const struct svsrec_ssl *ssl = svsrec_ssl_first(ctx->idl);

    svsrec_open_vswitch_verify_ssl(cur_ovs);
    if (ssl) {
        svsrec_ssl_delete(ssl);
    }
    ssl = svsrec_ssl_insert(ctx->txn);

    svsrec_ssl_set_private_key(ssl, ctx->argv[1]);
    svsrec_ssl_set_certificate(ssl, ctx->argv[2]);
    svsrec_ssl_set_ca_cert(ssl, ctx->argv[3]);
    svsrec_ssl_set_bootstrap_ca_cert(ssl, bootstrap);

    svsrec_open_vswitch_set_ssl(cur_ovs, ssl);
}

static const struct db_ctl_command_syntax vsctl_commands[] = {
    /* Open vSwitch commands. */
    {"init", 0, 0, "", NULL, cmd_init, NULL, "", DB_CTL_RW},

    /* Bridge commands. */
    {"add-br", 1, 3, "NEW-BRIDGE [PARENT] [NEW-VLAN]", pre_get_info,
     cmd_add_br, NULL, "--may-exist", DB_CTL_RW},
    {"del-br", 1, 1, "BRIDGE", pre_get_info, cmd_del_br,
     NULL, "--if-exists", DB_CTL_RW},
    {"list-br", 0, 0, "", pre_get_info, cmd_list_br, NULL,
     "--real,--fake", DB_CTL_RO},
    {"br-exists", 1, 1, "BRIDGE", pre_get_info, cmd_br_exists, NULL, "",
     DB_CTL_RO},
    {"br-to-vlan", 1, 1, "BRIDGE", pre_get_info, cmd_br_to_vlan, NULL, "",
     DB_CTL_RO},
    {"br-to-parent", 1, 1, "BRIDGE", pre_get_info, cmd_br_to_parent, NULL,
     "", DB_CTL_RO},
    {"br-set-external-id", 2, 3, "BRIDGE KEY [VALUE]",
     pre_cmd_br_external_id, cmd_br_set_external_id, NULL, "",
     DB_CTL_RW},
    {"br-get-external-id", 1, 2, "BRIDGE [KEY]", pre_cmd_br_external_id,
     cmd_br_get_external_id, NULL, "", DB_CTL_RO},

    /* Port commands. */
    {"list-ports", 1, 1, "BRIDGE", pre_get_info, cmd_list_ports, NULL, "",
     DB_CTL_RO},
    {"add-port", 2, INT_MAX, "BRIDGE NEW-PORT [COLUMN[:KEY]=VALUE]...",
     pre_get_info, cmd_add_port, NULL, "--may-exist", DB_CTL_RW},
    {"add-bond", 4, INT_MAX,
     "BRIDGE NEW-BOND-PORT SYSIFACE... [COLUMN[:KEY]=VALUE]...",
     pre_get_info, cmd_add_bond, NULL, "--may-exist,--fake-iface",
     DB_CTL_RW},
    {"del-port", 1, 2, "[BRIDGE] PORT|IFACE", pre_get_info, cmd_del_port,
     NULL, "--if-exists,--with-iface", DB_CTL_RW},
    {"port-to-br", 1, 1, "PORT", pre_get_info, cmd_port_to_br, NULL, "",
     DB_CTL_RO},
    {"add-bond-iface", 2, 2, "BOND IFACE", pre_get_info, cmd_add_bond_iface,
     NULL, "--may-exist", DB_CTL_RW},
    {"del-bond-iface", 1, 2, "[BOND] IFACE", pre_get_info,
     cmd_del_bond_iface, NULL, "--if-exists", DB_CTL_RW},

    /* Interface commands. */
    {"list-ifaces", 1, 1, "BRIDGE", pre_get_info, cmd_list_ifaces, NULL,
     "", DB_CTL_RO},
    {"iface-to-br", 1, 1, "IFACE", pre_get_info, cmd_iface_to_br, NULL, "",
     DB_CTL_RO},

    /* Controller commands. */
    {"get-controller", 1, 1, "BRIDGE", pre_controller, cmd_get_controller,
     NULL, "", DB_CTL_RO},
    {"del-controller", 1, 1, "BRIDGE", pre_controller, cmd_del_controller,
     NULL, "", DB_CTL_RW},
    {"set-controller", 1, INT_MAX, "BRIDGE TARGET...", pre_controller,
     cmd_set_controller, NULL, "--inactivity-probe=", DB_CTL_RW},
    {"get-fail-mode", 1, 1, "BRIDGE", pre_get_info, cmd_get_fail_mode,
     NULL, "", DB_CTL_RO},
    {"del-fail-mode", 1, 1, "BRIDGE", pre_get_info, cmd_del_fail_mode,
     NULL, "", DB_CTL_RW},
    {"set-fail-mode", 2, 2, "BRIDGE MODE", pre_get_info, cmd_set_fail_mode,
     NULL, "", DB_CTL_RW},

    /* Manager commands. */
    {"get-manager", 0, 0, "", pre_manager, cmd_get_manager, NULL, "",
     DB_CTL_RO},
    {"del-manager", 0, 0, "", pre_manager, cmd_del_manager, NULL, "",
     DB_CTL_RW},
    {"set-manager", 1, INT_MAX, "TARGET...", pre_manager, cmd_set_manager,
     NULL, "--inactivity-probe=", DB_CTL_RW},

    /* SSL commands. */
    {"get-ssl", 0, 0, "", pre_cmd_ssl, cmd_get_ssl, NULL, "", DB_CTL_RO},
    {"del-ssl", 0, 0, "", pre_cmd_ssl, cmd_del_ssl, NULL, "", DB_CTL_RW},
    {"set-ssl", 3, 3, "PRIVATE-KEY CERTIFICATE CA-CERT", pre_cmd_ssl,
     cmd_set_ssl, NULL, "--bootstrap", DB_CTL_RW},

    /* Auto Attach commands. */
    {"add-aa-mapping", 3, 3, "BRIDGE ARG ARG", pre_aa_mapping,
     cmd_add_aa_mapping, NULL, "", DB_CTL_RW},
    {"del-aa-mapping", 3, 3, "BRIDGE ARG ARG", pre_aa_mapping,
     cmd_del_aa_mapping, NULL, "", DB_CTL_RW},
    {"get-aa-mapping", 1, 1, "BRIDGE", pre_aa_mapping, cmd_get_aa_mapping,
     NULL, "", DB_CTL_RO},

    /* Switch commands. */
    {"emer-reset", 0, 0, "", pre_cmd_emer_reset, cmd_emer_reset, NULL, "",
     DB_CTL_RW},

    {NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, DB_CTL_RO},
};

static void
vsctl_register_commands(void)
{
    db_ctl_register_commands(vsctl_commands);
}

/* Main. */

/* --timeout expired: logs as ovs-vsctl does, then dies of SIGALRM.
 * Uses only async-signal-safe functions. */
static void
alarm_handler(int sig_nr)
{
    char msg[128];
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    size_t len = strftime(msg, sizeof msg, "%Y-%m-%dT%H:%M:%SZ", &tm);
    static const char text[] = "|00001|fatal_signal|WARN|terminating "
                               "with signal 14 (Alarm clock)\n";
    if (len + sizeof text < sizeof msg) {
        memcpy(msg + len, text, sizeof text);
        len += sizeof text - 1;
        ssize_t retval = write(STDERR_FILENO, msg, len);
        (void) retval;
    }
    signal(sig_nr, SIG_DFL);
    raise(sig_nr);
}

static char *
default_db(void)
{
    return xasprintf("unix:%s/db.sock", svs_rundir());
}

int
main(int argc, char *argv[])
{
    struct shash local_options = SHASH_INITIALIZER(&local_options);

    set_program_name(argv[0]);
    fatal_ignore_sigpipe();
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);
    vlog_set_levels_from_string_assert("reconnect:warn");

    svsrec_init();
    init_vsctl_tables();
    vsctl_show_register();
    db_ctl_init(&svsrec_idl_class, vsctl_tables, vsctl_invalidate_cache);
    vsctl_register_commands();

    /* The command line, for the transaction's comment. */
    struct ds args = DS_EMPTY_INITIALIZER;
    for (int i = 1; i < argc; i++) {
        if (i > 1) {
            ds_put_char(&args, ' ');
        }
        ds_put_cstr(&args, argv[i]);
    }

    parse_options(argc, argv, &local_options);

    /* Like ovs-vsctl, record the command line in the log (not on the
     * console by default); this also numbers console messages alike. */
    VLOG_INFO("Called as %s %s", program_name, ds_cstr(&args));

    size_t n_commands;
    struct db_ctl_command *commands = db_ctl_parse_commands(
        argc - optind, argv + optind, &local_options, &n_commands);
    shash_destroy_free_data(&local_options);

    if (timeout) {
        signal(SIGALRM, alarm_handler);
        alarm(timeout);
    }

    struct db_idl *idl = db_idl_create(db, &svsrec_idl_class, false, retry);

    db_idl_add_table(idl, &svsrec_table_open_vswitch);
    if (wait_for_reload) {
        db_idl_add_column(idl, &svsrec_open_vswitch_col_cur_cfg);
    }
    db_ctl_run_prerequisites(commands, n_commands, idl);

    for (;;) {
        if (!db_idl_sync_block(idl)) {
            int error = db_idl_get_last_error(idl);
            db_ctl_fatal("%s: database connection failed (%s)", db,
                         svs_retval_to_string(error));
        }
        unsigned int seqno = db_idl_get_seqno(idl);
        if (do_vsctl(ds_cstr(&args), commands, n_commands, idl)) {
            break;
        }
        if (retry_now) {
            retry_now = false;
            continue;
        }
        /* Try again once the replica changes. */
        while (db_idl_get_seqno(idl) == seqno) {
            db_idl_run(idl);
            if (!db_idl_is_alive(idl)) {
                break;
            }
            if (db_idl_get_seqno(idl) != seqno) {
                break;
            }
            db_idl_wait(idl);
            poll_block();
        }
    }

    db_ctl_free_commands(commands, n_commands);
    db_idl_destroy(idl);
    ds_destroy(&args);
    free(db);
    return 0;
}

static void
warn_unreferenced(const char *name)
{
    VLOG_WARN("row id \"%s\" was created but no reference to it was "
              "inserted, so it will not actually appear in the database",
              name);
}

/* After a reload: reports interfaces added by this run that
 * svs-vswitchd failed to set up. */
static void
check_added_ifaces(struct db_idl *idl)
{
    for (size_t i = 0; i < added_ifaces.n; i++) {
        const struct svsrec_interface *iface;
        SVSREC_INTERFACE_FOR_EACH (iface, idl) {
            if (!strcmp(iface->name, added_ifaces.names[i])) {
                if (iface->n_ofport && *iface->ofport == -1) {
                    fprintf(stderr, "%s: Error detected while setting up "
                            "'%s': %s.  See svs-vswitchd log for details.\n",
                            program_name, iface->name,
                            iface->error ? iface->error : "unknown error");
                }
                break;
            }
        }
    }
}

/* Returns the server's error 'error', given by the IDL as "TAG: DETAILS"
 * or "TAG", as the JSON object the server sent, with sorted members. */
static char *
txn_error_to_json(const char *error)
{
    const char *sep = strstr(error, ": ");
    json_t *obj = json_object();
    json_t *tag = error[0] == '"' ? json_loads(error, JSON_DECODE_ANY,
                                               NULL) : NULL;
    if (json_is_string(tag)) {
        json_object_set(obj, "error", tag);
    } else if (sep) {
        char *tag_s = xmemdup0(error, sep - error);
        json_object_set_new(obj, "details", json_string(sep + 2));
        json_object_set_new(obj, "error", json_string(tag_s));
        free(tag_s);
    } else {
        json_object_set_new(obj, "error", json_string(error));
    }
    char *s = json_dumps(obj, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(tag);
    json_decref(obj);
    return s;
}

/* Runs the commands once.  Returns true when done (the process then
 * exits), false to try again after the replica changes. */
static bool
do_vsctl(const char *args, struct db_ctl_command *commands, size_t n,
         struct db_idl *idl)
{
    struct db_idl_txn *txn = db_idl_txn_create(idl);
    struct db_symbol_table *symtab = db_symbol_table_create();
    enum db_idl_txn_status status;
    int64_t next_cfg = 0;
    struct db_ctl_context ctx;

    if (dry_run) {
        db_idl_txn_set_dry_run(txn);
    }
    /* Nothing reads the replica after a successful commit (the wait for
     * cur_cfg runs the IDL itself), so don't wait for it to catch up. */
    db_idl_txn_set_wait_for_replica(txn, false);
    db_idl_txn_add_comment(txn, "%s: %s", program_name, args);

    bool inserted_ovs = false;
    cur_ovs = svsrec_open_vswitch_first(idl);
    if (!cur_ovs) {
        cur_ovs = svsrec_open_vswitch_insert(txn);
        inserted_ovs = true;
    }
    if (wait_for_reload) {
        if (inserted_ovs) {
            /* The new row starts at the value an increment would give
             * (lib/db-idl increments only rows that already exist). */
            svsrec_open_vswitch_set_next_cfg(cur_ovs, 1);
        } else {
            db_idl_txn_increment(txn, &cur_ovs->header_,
                                 &svsrec_open_vswitch_col_next_cfg, false);
        }
    }
    verified_ports = false;
    svec_clear(&added_ifaces);

    db_ctl_context_init(&ctx, idl, txn, symtab);
    for (size_t i = 0; i < n; i++) {
        struct db_ctl_command *c = &commands[i];
        if (c->syntax->run != cmd_add_port
            && c->syntax->run != cmd_add_bond) {
            flush_pending_ports();
        }
        db_ctl_context_init_command(&ctx, c);
        c->syntax->run(&ctx);
        db_ctl_context_done_command(&ctx, c);
        if (ctx.try_again) {
            db_ctl_context_done(&ctx);
            goto try_again;
        }
    }
    db_ctl_context_done(&ctx);
    flush_pending_ports();

    db_ctl_check_symbols(symtab, warn_unreferenced);

    /* Without --wait nothing reads the replica after a successful commit,
     * so the server's echo of the changes need not be parsed (it is as
     * big as the transaction). */
    db_idl_set_lazy_updates(idl, !wait_for_reload);
    status = db_idl_txn_commit_block(txn);
    if (status != DB_IDL_TXN_SUCCESS) {
        db_idl_set_lazy_updates(idl, false);
    }
    if (wait_for_reload && status == DB_IDL_TXN_SUCCESS) {
        next_cfg = (inserted_ovs ? 1
                    : db_idl_txn_get_increment_new_value(txn));
    }
    if (status == DB_IDL_TXN_UNCHANGED || status == DB_IDL_TXN_SUCCESS) {
        for (size_t i = 0; i < n; i++) {
            struct db_ctl_command *c = &commands[i];
            if (c->syntax->postprocess) {
                db_ctl_context_init(&ctx, idl, txn, symtab);
                db_ctl_context_init_command(&ctx, c);
                c->syntax->postprocess(&ctx);
                db_ctl_context_done_command(&ctx, c);
                db_ctl_context_done(&ctx);
            }
        }
    }

    switch (status) {
    case DB_IDL_TXN_UNCOMMITTED:
    case DB_IDL_TXN_INCOMPLETE:
        SVS_NOT_REACHED();

    case DB_IDL_TXN_ABORTED:
        db_ctl_fatal("transaction aborted");

    case DB_IDL_TXN_UNCHANGED:
    case DB_IDL_TXN_SUCCESS:
        break;

    case DB_IDL_TXN_TRY_AGAIN:
        goto try_again;

    case DB_IDL_TXN_ERROR: {
        /* A constraint violation may come from a name index: another
         * client created the same name meanwhile (see verify_ports()).
         * Run the commands once more against the updated replica, which
         * then reports the conflict itself. */
        if (!retried_error
            && strstr(db_idl_txn_get_error(txn), "constraint violation")) {
            retried_error = true;
            retry_now = true;
            goto try_again;
        }
        char *error = txn_error_to_json(db_idl_txn_get_error(txn));
        vlog(&VLM_ovsdb_idl, VLL_WARN, "transaction error: %s", error);
        db_ctl_fatal("transaction error: %s", error);
    }

    case DB_IDL_TXN_NOT_LOCKED:
        db_ctl_fatal("database not locked");

    default:
        SVS_NOT_REACHED();
    }

    db_ctl_print_outputs(commands, n, &table_style, oneline);
    db_symbol_table_destroy(symtab);

    if (wait_for_reload && status != DB_IDL_TXN_UNCHANGED && !dry_run) {
        db_idl_txn_destroy(txn);
        vsctl_invalidate_cache(NULL);
        for (;;) {
            db_idl_run(idl);
            const struct svsrec_open_vswitch *ovs;
            SVSREC_OPEN_VSWITCH_FOR_EACH (ovs, idl) {
                if (ovs->cur_cfg >= next_cfg) {
                    check_added_ifaces(idl);
                    return true;
                }
            }
            db_idl_wait(idl);
            poll_block();
        }
    }
    db_idl_txn_destroy(txn);
    return true;

try_again:
    /* Discard everything from this attempt and run again. */
    discard_pending_ports();
    db_idl_txn_abort(txn);
    db_idl_txn_destroy(txn);
    db_symbol_table_destroy(symtab);
    db_ctl_clear_outputs(commands, n);
    vsctl_invalidate_cache(NULL);
    return false;
}

/* Options. */

static void
parse_options(int argc, char *argv[], struct shash *local_options)
{
    enum {
        OPT_DB = UCHAR_MAX + 1,
        OPT_ONELINE,
        OPT_NO_SYSLOG,
        OPT_NO_WAIT,
        OPT_DRY_RUN,
        OPT_BOOTSTRAP_CA_CERT_,
        OPT_PEER_CA_CERT_,
        OPT_LOCAL,
        OPT_RETRY,
        OPT_COMMANDS,
        OPT_OPTIONS,
        VLOG_OPTION_ENUMS,
        TABLE_OPTION_ENUMS,
        STREAM_SSL_OPTION_ENUMS,
    };
    static const struct option global_long_options[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"no-syslog", no_argument, NULL, OPT_NO_SYSLOG},
        {"no-wait", no_argument, NULL, OPT_NO_WAIT},
        {"dry-run", no_argument, NULL, OPT_DRY_RUN},
        {"oneline", no_argument, NULL, OPT_ONELINE},
        {"timeout", required_argument, NULL, 't'},
        {"retry", no_argument, NULL, OPT_RETRY},
        {"help", no_argument, NULL, 'h'},
        {"commands", no_argument, NULL, OPT_COMMANDS},
        {"options", no_argument, NULL, OPT_OPTIONS},
        {"version", no_argument, NULL, 'V'},
        VLOG_LONG_OPTIONS,
        TABLE_LONG_OPTIONS,
        STREAM_SSL_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const int n_global = ARRAY_SIZE(global_long_options) - 1;
    struct option *options;
    size_t n_options, allocated_options;

    /* Global options plus the command options, to accept the latter
     * before the first command. */
    allocated_options = n_global + 32;
    options = xmalloc(allocated_options * sizeof *options);
    memcpy(options, global_long_options, n_global * sizeof *options);
    n_options = n_global;
    db_ctl_add_cmd_options(&options, &n_options, &allocated_options,
                           OPT_LOCAL);
    if (n_options >= allocated_options) {
        options = x2nrealloc(options, &allocated_options, sizeof *options);
    }
    memset(&options[n_options], 0, sizeof options[n_options]);

    char *tmp = long_options_to_short_options(options);
    char *short_options = xasprintf("+%s", tmp);
    free(tmp);

    table_style.format = TF_LIST;

    for (;;) {
        int idx;
        int c = getopt_long(argc, argv, short_options, options, &idx);
        if (c == -1) {
            break;
        }

        switch (c) {
        case OPT_DB:
            free(db);
            db = xstrdup(optarg);
            break;

        case OPT_ONELINE:
            oneline = true;
            break;

        case OPT_NO_SYSLOG:
            break;

        case OPT_NO_WAIT:
            wait_for_reload = false;
            break;

        case OPT_DRY_RUN:
            dry_run = true;
            break;

        case OPT_LOCAL:
            db_ctl_add_local_option(local_options, options[idx].name,
                                    optarg);
            break;

        case 'h':
            usage();

        case OPT_COMMANDS:
            db_ctl_print_commands();

        case OPT_OPTIONS:
            db_ctl_print_options(global_long_options);

        case 'V':
            svs_print_version();
            printf("DB Schema %s\n", svsrec_idl_class.version);
            exit(EXIT_SUCCESS);

        case 't':
            if (!str_to_int(optarg, 10, &timeout) || timeout < 0) {
                db_ctl_fatal("value %s on -t or --timeout is invalid",
                             optarg);
            }
            break;

        case OPT_RETRY:
            retry = true;
            break;

        VLOG_OPTION_HANDLERS
        TABLE_OPTION_HANDLERS(&table_style)
        STREAM_SSL_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
    free(short_options);

    if (!db) {
        db = default_db();
    }

    for (size_t i = n_global; i < n_options; i++) {
        free(CONST_CAST(char *, options[i].name));
    }
    free(options);
}

static void
usage(void)
{
    printf("\
%s: svs switch management utility\n\
usage: %s [OPTIONS] COMMAND [ARG...]\n\
\n\
Open vSwitch commands:\n\
  init                        initialize database, if not yet initialized\n\
  show                        print overview of database contents\n\
  emer-reset                  reset configuration to clean state\n\
\n\
Bridge commands:\n\
  add-br BRIDGE               create a new bridge named BRIDGE\n\
  add-br BRIDGE PARENT VLAN   create new fake BRIDGE in PARENT on VLAN\n\
  del-br BRIDGE               delete BRIDGE and all of its ports\n\
  list-br                     print the names of all the bridges\n\
  br-exists BRIDGE            exit 2 if BRIDGE does not exist\n\
  br-to-vlan BRIDGE           print the VLAN which BRIDGE is on\n\
  br-to-parent BRIDGE         print the parent of BRIDGE\n\
  br-set-external-id BRIDGE KEY VALUE  set KEY on BRIDGE to VALUE\n\
  br-set-external-id BRIDGE KEY  unset KEY on BRIDGE\n\
  br-get-external-id BRIDGE KEY  print value of KEY on BRIDGE\n\
  br-get-external-id BRIDGE  list key-value pairs on BRIDGE\n\
\n\
Port commands (a bond is considered to be a single port):\n\
  list-ports BRIDGE           print the names of all the ports on BRIDGE\n\
  add-port BRIDGE PORT        add network device PORT to BRIDGE\n\
  add-bond BRIDGE PORT IFACE...  add bonded port PORT in BRIDGE from IFACES\n\
  del-port [BRIDGE] PORT      delete PORT (which may be bonded) from BRIDGE\n\
  port-to-br PORT             print name of bridge that contains PORT\n\
\n\
Interface commands (a bond consists of multiple interfaces):\n\
  list-ifaces BRIDGE          print the names of all interfaces on BRIDGE\n\
  iface-to-br IFACE           print name of bridge that contains IFACE\n\
\n\
Controller commands:\n\
  get-controller BRIDGE      print the controllers for BRIDGE\n\
  del-controller BRIDGE      delete the controllers for BRIDGE\n\
  [--inactivity-probe=MSECS]\n\
  set-controller BRIDGE TARGET...  set the controllers for BRIDGE\n\
  get-fail-mode BRIDGE       print the fail-mode for BRIDGE\n\
  del-fail-mode BRIDGE       delete the fail-mode for BRIDGE\n\
  set-fail-mode BRIDGE MODE  set the fail-mode for BRIDGE to MODE\n\
\n\
Manager commands:\n\
  get-manager                print the managers\n\
  del-manager                delete the managers\n\
  [--inactivity-probe=MSECS]\n\
  set-manager TARGET...      set the list of managers to TARGET...\n\
\n\
SSL commands:\n\
  get-ssl                     print the SSL configuration\n\
  del-ssl                     delete the SSL configuration\n\
  set-ssl PRIV-KEY CERT CA-CERT  set the SSL configuration\n\
\n\
Auto Attach commands:\n\
  add-aa-mapping BRIDGE I-SID VLAN   add Auto Attach mapping to BRIDGE\n\
  del-aa-mapping BRIDGE I-SID VLAN   delete Auto Attach mapping VLAN from BRIDGE\n\
  get-aa-mapping BRIDGE              get Auto Attach mappings from BRIDGE\n\
\n\
Switch commands:\n\
  emer-reset                  reset switch to known good state\n\
\n", program_name, program_name);
    db_ctl_print_db_commands_help();
    printf("\
\n\
Options:\n\
  --db=DATABASE               connect to DATABASE\n\
                              (default: unix:%s/db.sock)\n\
  --no-wait                   do not wait for svs-vswitchd to reconfigure\n\
  --retry                     keep trying to connect to server forever\n\
  -t, --timeout=SECS          wait at most SECS seconds for svs-vswitchd\n\
  --dry-run                   do not commit changes to database\n\
  --oneline                   print exactly one line of output per command\n\
  -f, --format=FORMAT         output in FORMAT: table list html csv json\n\
  -d, --data=FORMAT           cell data in FORMAT: string bare json\n\
  --no-headings               omit table headings\n\
  --pretty                    pretty-print JSON\n\
  --bare                      print only the values (--format=list\n\
                              --data=bare --no-headings)\n\
  -p, --private-key=FILE      file with private key\n\
  -c, --certificate=FILE      file with certificate for private key\n\
  -C, --ca-cert=FILE          file with peer CA certificate\n\
  --bootstrap-ca-cert=FILE    file with CA certificate to bootstrap\n\
  -v, --verbose[=SPEC]        set logging levels\n\
  -h, --help                  display this help message\n\
  -V, --version               display version information\n",
           svs_rundir());
    exit(EXIT_SUCCESS);
}
