/* bridge.c: the database side of svs-vswitchd (see bridge.h).
 *
 * Design: bridge_run() runs the IDL; when the replica changes
 * (db_idl_get_seqno()) it reconfigures everything in one pass, each step
 * linear in the size of the configuration: bridges are matched by name,
 * ports and interfaces by name within their bridge, so that a change
 * touches only what changed.  An interface is torn down and set up again
 * only when its type changes; its options are re-applied when they change.
 * After a reconfiguration, and every few seconds for link state and
 * statistics, one status transaction writes back what changed; cur_cfg is
 * set to next_cfg only once the reconfiguration it answers is complete.
 */
#include <config.h>
#include "bridge.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "db-idl.h"
#include "dpif.h"
#include "dynamic-string.h"
#include "hash.h"
#include "hmap.h"
#include "list.h"
#include "netdev.h"
#include "ofp-port.h"
#include "ofp-protocol.h"
#include "ofproto-dpif.h"
#include "ofproto-provider.h"
#include "ofproto.h"
#include "poll-loop.h"
#include "random.h"
#include "smap.h"
#include "sset.h"
#include "stream-ssl.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"
#include "vswitch-idl.h"

VLOG_DEFINE_THIS_MODULE(bridge);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

#define STATUS_INTERVAL 5000        /* ms between statistics updates. */

struct iface {
    struct hmap_node name_node;     /* In 'br->ifaces' by name. */
    struct port *port;
    char *name;
    char *type;
    const struct svsrec_interface *cfg;
    struct netdev *netdev;          /* NULL for patch ports or on error. */
    ofp_port_t ofp_port;            /* OFPP_NONE if not in the ofproto. */
    char *error;                    /* For the error column, or NULL. */
    struct smap options;            /* As last applied. */
    bool seen;                      /* Scratch for reconfiguration. */
    uint64_t change_seq;            /* netdev_get_change_seq() when the
                                     * OpenFlow port was last updated. */
};

struct port {
    struct hmap_node name_node;     /* In 'br->ports' by name. */
    struct bridge *br;
    char *name;
    const struct svsrec_port *cfg;
    bool seen;
};

struct bridge {
    struct hmap_node node;          /* In 'all_bridges' by name. */
    char *name;
    char *type;                     /* Datapath type. */
    const struct svsrec_bridge *cfg;
    struct ofproto *ofproto;
    struct hmap ports;              /* "struct port"s by name. */
    struct hmap ifaces;             /* "struct iface"s by name. */
    bool seen;
    uint64_t ctl_seqno;             /* ofproto_get_controller_seqno() when
                                     * the Controller rows were written. */

    /* OpenFlow port numbers 1..OFPP_MAX-1: in use by an interface, and
     * requested (ofport_request) by one not set up yet. */
    uint64_t used[OFPP_MAX / 64];
    uint64_t requested[OFPP_MAX / 64];
};

static bool
bit_get(const uint64_t *map, unsigned int i)
{
    return (map[i / 64] >> (i % 64)) & 1;
}

static void
bit_set(uint64_t *map, unsigned int i, bool value)
{
    if (value) {
        map[i / 64] |= UINT64_C(1) << (i % 64);
    } else {
        map[i / 64] &= ~(UINT64_C(1) << (i % 64));
    }
}

static struct db_idl *idl;
static unsigned int idl_seqno;
static struct hmap all_bridges = HMAP_INITIALIZER(&all_bridges);

/* Status writeback. */
static struct db_idl_txn *status_txn;
static bool status_needed;          /* Write status at the next chance. */
static int64_t pending_cur_cfg = -1;    /* cur_cfg to write, or -1. */
static long long int next_stats;

/* Interfaces that could not be opened (a device that does not exist yet)
 * are tried again this often. */
#define RETRY_INTERVAL 2000
static long long int next_retry = LLONG_MAX;

static void bridge_reconfigure(const struct svsrec_open_vswitch *);
static void bridge_destroy_one(struct bridge *);

static uint32_t
name_hash(const char *name)
{
    return hash_string(name, 0);
}

/* Columns svs-vswitchd writes itself: replicated, but their changes need
 * no reconfiguration. */
static void
omit_status_columns(void)
{
    static const struct db_idl_column *const cols[] = {
        &svsrec_interface_col_ofport,
        &svsrec_interface_col_admin_state,
        &svsrec_interface_col_link_state,
        &svsrec_interface_col_link_speed,
        &svsrec_interface_col_link_resets,
        &svsrec_interface_col_mtu,
        &svsrec_interface_col_mac_in_use,
        &svsrec_interface_col_statistics,
        &svsrec_interface_col_status,
        &svsrec_interface_col_error,
        &svsrec_interface_col_ifindex,
        &svsrec_interface_col_duplex,
        &svsrec_bridge_col_datapath_id,
        &svsrec_bridge_col_datapath_version,
        &svsrec_bridge_col_status,
        &svsrec_port_col_statistics,
        &svsrec_controller_col_is_connected,
        &svsrec_controller_col_role,
        &svsrec_controller_col_status,
        &svsrec_port_col_status,
        &svsrec_open_vswitch_col_cur_cfg,
        &svsrec_open_vswitch_col_datapath_types,
        &svsrec_open_vswitch_col_iface_types,
        &svsrec_open_vswitch_col_ovs_version,
        &svsrec_open_vswitch_col_statistics,
    };

    for (size_t i = 0; i < ARRAY_SIZE(cols); i++) {
        db_idl_omit_alert(idl, cols[i]);
    }
}

/* memory/show: the memory counters of every bridge, summed, as
 * "key:value" pairs in key order. */
static void
unixctl_memory_show(struct unixctl_conn *conn, int argc SVS_UNUSED,
                    const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    struct smap total = SMAP_INITIALIZER(&total);
    const struct shash_node **nodes;
    struct bridge *br;
    size_t n_ports = 0;

    HMAP_FOR_EACH (br, node, &all_bridges) {
        struct smap usage = SMAP_INITIALIZER(&usage);
        const struct shash_node *node;

        ofproto_get_memory_usage(br->ofproto, &usage);
        SMAP_FOR_EACH (node, &usage) {
            unsigned long long sum = smap_get_ullong(&total, node->name, 0)
                                     + strtoull(node->data, NULL, 10);

            smap_add_format(&total, node->name, "%llu", sum);
        }
        smap_destroy(&usage);
        n_ports += hmap_count(&br->ifaces);
    }
    smap_add_format(&total, "ports", "%zu", n_ports);
    smap_add_format(&total, "handlers", "%d", 1);
    smap_add_format(&total, "revalidators", "%d", 1);
    nodes = smap_sort(&total);
    for (size_t i = 0; i < smap_count(&total); i++) {
        ds_put_format(&s, "%s%s:%s", i ? " " : "", nodes[i]->name,
                      (const char *) nodes[i]->data);
    }
    ds_put_char(&s, '\n');
    free(nodes);
    smap_destroy(&total);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

void
bridge_init(const char *remote)
{
    unixctl_command_register("memory/show", "", 0, 0, unixctl_memory_show,
                             NULL);
    svsrec_init();
    idl = db_idl_create(remote, &svsrec_idl_class, true, true);
    omit_status_columns();
    idl_seqno = db_idl_get_seqno(idl);
    dpif_register_default_providers();
    ofproto_init();
}

/* Interfaces. */

static struct iface *
iface_lookup(const struct bridge *br, const char *name)
{
    struct iface *iface;

    HMAP_FOR_EACH_WITH_HASH (iface, name_node, name_hash(name),
                             &br->ifaces) {
        if (!strcmp(iface->name, name)) {
            return iface;
        }
    }
    return NULL;
}

/* The datapath side's type for an Interface type. */
static const char *
iface_netdev_type(const struct bridge *br, const char *type)
{
    if (!type || !*type) {
        return "system";
    }
    (void) br;
    return type;
}

static bool
ofp_port_in_use(const struct bridge *br, ofp_port_t ofp_port)
{
    return ofp_port < OFPP_MAX && bit_get(br->used, ofp_port);
}

/* Chooses the OpenFlow port number of 'iface': its ofport_request if that
 * is valid and free, else the lowest number that is neither used nor
 * requested by another interface. */
static ofp_port_t
iface_choose_ofp_port(const struct bridge *br, const struct iface *iface)
{
    const struct svsrec_interface *cfg = iface->cfg;

    if (!strcmp(iface->name, br->name) && !strcmp(iface->type, "internal")) {
        return OFPP_LOCAL;
    }
    if (cfg->n_ofport_request) {
        int64_t req = cfg->ofport_request[0];

        if (req >= 1 && req < OFPP_MAX && !ofp_port_in_use(br, req)) {
            return req;
        }
        VLOG_WARN_RL(&rl, "%s: requested OpenFlow port %"PRId64" is "
                     "taken or invalid; choosing another", iface->name,
                     req);
    }
    for (size_t w = 0; w < ARRAY_SIZE(br->used); w++) {
        uint64_t free_bits = ~(br->used[w] | br->requested[w]);

        if (w == 0) {
            free_bits &= ~UINT64_C(1);      /* Port 0 is not a port. */
        }
        if (free_bits) {
            ofp_port_t p = w * 64 + __builtin_ctzll(free_bits);

            return p < OFPP_MAX ? p : OFPP_NONE;
        }
    }
    return OFPP_NONE;
}

static void
iface_set_ofp_port(struct bridge *br, struct iface *iface, ofp_port_t port)
{
    if (iface->ofp_port < OFPP_MAX) {
        bit_set(br->used, iface->ofp_port, false);
    }
    iface->ofp_port = port;
    if (port < OFPP_MAX) {
        bit_set(br->used, port, true);
    }
}

static void
iface_set_error(struct iface *iface, char *error)
{
    free(iface->error);
    iface->error = error;
    if (error) {
        VLOG_WARN_RL(&rl, "%s", error);
    }
}

static void
fill_phy_port(const struct iface *iface, struct ofputil_phy_port *pp)
{
    enum netdev_flags flags = 0;
    bool carrier = true;
    uint32_t mbps = 0;

    memset(pp, 0, sizeof *pp);
    pp->port_no = iface->ofp_port;
    snprintf(pp->name, sizeof pp->name, "%s", iface->name);
    if (iface->netdev) {
        netdev_get_etheraddr(iface->netdev, &pp->hw_addr);
        netdev_get_flags(iface->netdev, &flags);
        netdev_get_carrier(iface->netdev, &carrier);
        netdev_get_speed(iface->netdev, &mbps);
    }
    pp->config = flags & NETDEV_UP ? 0 : OFPUTIL_PC_PORT_DOWN;
    /* A port that is up with its link up is live (OpenFlow 1.1+). */
    pp->state = (!carrier ? OFPUTIL_PS_LINK_DOWN
                 : flags & NETDEV_UP ? OFPUTIL_PS_LIVE : 0);
    if (!mbps && (!strcmp(iface->type, "internal")
                  || !strcmp(iface->type, "tap"))) {
        /* What Open vSwitch reports for its tap devices. */
        mbps = 10000;
    }
    if (mbps) {
        static const struct {
            uint32_t mbps;
            enum ofputil_port_features feature;
        } rates[] = {
            { 10, OFPUTIL_PF_10MB_FD }, { 100, OFPUTIL_PF_100MB_FD },
            { 1000, OFPUTIL_PF_1GB_FD }, { 10000, OFPUTIL_PF_10GB_FD },
            { 40000, OFPUTIL_PF_40GB_FD }, { 100000, OFPUTIL_PF_100GB_FD },
            { 1000000, OFPUTIL_PF_1TB_FD },
        };

        pp->curr = OFPUTIL_PF_OTHER;
        for (size_t i = 0; i < ARRAY_SIZE(rates); i++) {
            if (rates[i].mbps == mbps) {
                pp->curr = rates[i].feature;
            }
        }
        pp->curr |= OFPUTIL_PF_COPPER;
        pp->curr_speed = mbps * 1000;
    }
}

/* Removes 'iface' from its bridge's ofproto and closes its device. */
static void
iface_destroy(struct bridge *br, struct iface *iface)
{
    if (iface->ofp_port != OFPP_NONE) {
        ofproto_port_del(br->ofproto, iface->ofp_port);
        iface_set_ofp_port(br, iface, OFPP_NONE);
    }
    hmap_remove(&br->ifaces, &iface->name_node);
    netdev_close(iface->netdev);
    smap_destroy(&iface->options);
    free(iface->error);
    free(iface->name);
    free(iface->type);
    free(iface);
}

/* Opens and adds a new interface.  On failure the iface stays, with
 * 'error' set, so that its error column says why. */
static void
iface_setup(struct bridge *br, struct iface *iface)
{
    const struct svsrec_interface *cfg = iface->cfg;
    struct ofputil_phy_port pp;
    char *err_s = NULL;
    int error;

    smap_from_arrays(&iface->options, cfg->key_options, cfg->value_options,
                     cfg->n_options);
    if (!strcmp(iface->type, "patch")) {
        const char *peer = smap_get(&iface->options, "peer");

        if (!peer) {
            iface_set_error(iface, xasprintf("%s: patch port has no peer",
                                             iface->name));
            return;
        }
    } else {
        if (!netdev_is_known_type(iface_netdev_type(br, iface->type))) {
            iface_set_error(iface, xasprintf("could not open network "
                                             "device %s (Address family "
                                             "not supported by protocol)",
                                             iface->name));
            return;
        }
        error = netdev_open(iface->name, iface_netdev_type(br, iface->type),
                            &iface->netdev);
        if (error) {
            iface_set_error(iface, xasprintf("could not open network "
                                             "device %s (%s)", iface->name,
                                             strerror(error)));
            iface->netdev = NULL;
            return;
        }
        if (!strcmp(iface->type, "internal")) {
            netdev_remove_on_close(iface->netdev);
        }
        error = netdev_set_config(iface->netdev, &iface->options, &err_s);
        if (error) {
            iface_set_error(iface, xasprintf("%s: %s", iface->name,
                                             err_s ? err_s
                                             : "bad configuration"));
            free(err_s);
            netdev_close(iface->netdev);
            iface->netdev = NULL;
            return;
        }
        free(err_s);
    }

    iface_set_ofp_port(br, iface, iface_choose_ofp_port(br, iface));
    if (iface->ofp_port == OFPP_NONE) {
        iface_set_error(iface, xasprintf("%s: no OpenFlow port number left",
                                         iface->name));
        netdev_close(iface->netdev);
        iface->netdev = NULL;
        return;
    }
    iface->change_seq = netdev_get_change_seq(iface->netdev);
    fill_phy_port(iface, &pp);
    error = ofproto_port_add(br->ofproto, iface->netdev, iface->ofp_port,
                             &pp);
    if (error) {
        iface_set_error(iface, xasprintf("could not add network device %s "
                                         "to ofproto (%s)", iface->name,
                                         strerror(error)));
        iface_set_ofp_port(br, iface, OFPP_NONE);
        netdev_close(iface->netdev);
        iface->netdev = NULL;
        return;
    }
    if (!strcmp(iface->type, "patch")) {
        ofproto_dpif_set_patch_peer(br->ofproto, iface->ofp_port,
                                    smap_get(&iface->options, "peer"));
    }
    iface_set_error(iface, NULL);
}

/* Re-applies changed options of a working interface. */
static void
iface_reconfigure(struct bridge *br, struct iface *iface)
{
    const struct svsrec_interface *cfg = iface->cfg;
    struct smap options;

    smap_from_arrays(&options, cfg->key_options, cfg->value_options,
                     cfg->n_options);
    if (smap_equal(&options, &iface->options)) {
        smap_destroy(&options);
        return;
    }
    /* (A struct smap must not be copied by assignment: its hash map may
     * point into itself.) */
    smap_destroy(&iface->options);
    smap_clone(&iface->options, &options);
    smap_destroy(&options);
    if (!strcmp(iface->type, "patch")) {
        ofproto_dpif_set_patch_peer(br->ofproto, iface->ofp_port,
                                    smap_get(&iface->options, "peer"));
    } else if (iface->netdev) {
        char *err_s = NULL;
        int error = netdev_set_config(iface->netdev, &iface->options,
                                      &err_s);

        iface_set_error(iface, error
                        ? xasprintf("%s: %s", iface->name,
                                    err_s ? err_s : "bad configuration")
                        : NULL);
        free(err_s);
    }
}

/* Ports. */

static struct port *
port_lookup(const struct bridge *br, const char *name)
{
    struct port *port;

    HMAP_FOR_EACH_WITH_HASH (port, name_node, name_hash(name), &br->ports) {
        if (!strcmp(port->name, name)) {
            return port;
        }
    }
    return NULL;
}

static void
port_configure_vlan(struct bridge *br, struct port *port)
{
    const struct svsrec_port *cfg = port->cfg;
    struct ofproto_port_vlan vlan;
    struct iface *iface;

    vlan.tag = cfg->n_tag && cfg->tag[0] >= 0 && cfg->tag[0] < 4096
               ? cfg->tag[0] : -1;
    vlan.trunks = cfg->trunks;
    vlan.n_trunks = cfg->n_trunks;
    if (cfg->vlan_mode && !strcmp(cfg->vlan_mode, "native-tagged")) {
        vlan.mode = PORT_VLAN_NATIVE_TAGGED;
    } else if (cfg->vlan_mode && !strcmp(cfg->vlan_mode,
                                         "native-untagged")) {
        vlan.mode = PORT_VLAN_NATIVE_UNTAGGED;
    } else if (cfg->vlan_mode && !strcmp(cfg->vlan_mode, "trunk")) {
        vlan.mode = PORT_VLAN_TRUNK;
    } else if (cfg->vlan_mode && !strcmp(cfg->vlan_mode, "access")) {
        vlan.mode = PORT_VLAN_ACCESS;
    } else {
        /* Default: access if tagged, else trunk. */
        vlan.mode = vlan.tag >= 0 ? PORT_VLAN_ACCESS : PORT_VLAN_TRUNK;
    }
    if (vlan.mode != PORT_VLAN_TRUNK && vlan.tag < 0) {
        vlan.tag = 0;
    }
    HMAP_FOR_EACH (iface, name_node, &br->ifaces) {
        if (iface->port == port && iface->ofp_port != OFPP_NONE) {
            ofproto_dpif_set_port_vlan(br->ofproto, iface->ofp_port, &vlan);
        }
    }
}

/* Bridges. */

static struct bridge *
bridge_lookup(const char *name)
{
    struct bridge *br;

    HMAP_FOR_EACH_WITH_HASH (br, node, name_hash(name), &all_bridges) {
        if (!strcmp(br->name, name)) {
            return br;
        }
    }
    return NULL;
}

static const char *
bridge_dp_type(const struct svsrec_bridge *cfg)
{
    const char *type = cfg->datapath_type;

    if (!type || !*type || !strcmp(type, "system")) {
        /* svs's kernel fast path is a later piece of work: bridges of the
         * default type run on the userspace datapath meanwhile. */
        return "netdev";
    }
    return type;
}

static struct bridge *
bridge_create(const struct svsrec_bridge *cfg)
{
    struct bridge *br = xzalloc(sizeof *br);
    int error;

    br->name = xstrdup(cfg->name);
    br->type = xstrdup(bridge_dp_type(cfg));
    br->cfg = cfg;
    hmap_init(&br->ports);
    hmap_init(&br->ifaces);
    error = ofproto_create(br->name, br->type, &ofproto_dpif_class,
                           &br->ofproto);
    if (error) {
        VLOG_ERR("failed to create bridge %s: %s", br->name,
                 strerror(error));
        hmap_destroy(&br->ports);
        hmap_destroy(&br->ifaces);
        free(br->name);
        free(br->type);
        free(br);
        return NULL;
    }
    hmap_insert(&all_bridges, &br->node, name_hash(br->name));
    return br;
}

static void
bridge_destroy_one(struct bridge *br)
{
    struct iface *iface, *next_iface;
    struct port *port, *next_port;

    HMAP_FOR_EACH_SAFE (iface, next_iface, name_node, &br->ifaces) {
        iface_destroy(br, iface);
    }
    HMAP_FOR_EACH_SAFE (port, next_port, name_node, &br->ports) {
        hmap_remove(&br->ports, &port->name_node);
        free(port->name);
        free(port);
    }
    ofproto_destroy(br->ofproto);
    hmap_remove(&all_bridges, &br->node);
    hmap_destroy(&br->ports);
    hmap_destroy(&br->ifaces);
    free(br->name);
    free(br->type);
    free(br);
}

static uint64_t
bridge_pick_datapath_id(const struct bridge *br)
{
    const char *s = NULL;
    struct smap oc;
    uint64_t dpid = 0;

    smap_from_arrays(&oc, br->cfg->key_other_config,
                     br->cfg->value_other_config,
                     br->cfg->n_other_config);
    s = smap_get(&oc, "datapath-id");
    if (s && strlen(s) == 16 && strspn(s, "0123456789abcdefABCDEF") == 16) {
        dpid = strtoull(s, NULL, 16);
    }
    smap_destroy(&oc);
    if (!dpid) {
        const struct iface *local = iface_lookup(br, br->name);
        struct eth_addr ea;

        if (local && local->netdev
            && !netdev_get_etheraddr(local->netdev, &ea)) {
            for (int i = 0; i < 6; i++) {
                dpid = (dpid << 8) | ea.ea[i];
            }
        }
    }
    if (!dpid) {
        dpid = random_uint64() & UINT64_C(0xffffffffffff);
    }
    return dpid;
}

/* As in Open vSwitch, a standalone bridge without controllers acts as a
 * learning switch through a visible "priority=0 actions=NORMAL" flow,
 * which every reconfiguration puts back if it was deleted (ofproto leaves
 * a priority-0 catch-all flow alone, counters and all, if there is one). */
static void
bridge_ensure_normal_flow(struct bridge *br)
{
    ofproto_add_normal_flow(br->ofproto);
}

static void
bridge_configure_controllers(struct bridge *br)
{
    const struct svsrec_bridge *cfg = br->cfg;
    struct ofproto_controller *ctls;

    ctls = xcalloc(cfg->n_controller + 1, sizeof *ctls);
    for (size_t i = 0; i < cfg->n_controller; i++) {
        const struct svsrec_controller *c = cfg->controller[i];

        ctls[i].target = c->target;
        ctls[i].max_backoff = c->n_max_backoff ? c->max_backoff[0] / 1000
                                               : 0;
        /* inactivity_probe is in milliseconds, 0 disables probing. */
        ctls[i].probe_interval = (!c->n_inactivity_probe ? 0
                                  : c->inactivity_probe[0] <= 0 ? -1
                                  : MAX(5, c->inactivity_probe[0] / 1000));
        ctls[i].band = OFPROTO_OUT_OF_BAND;
        ctls[i].rate_limit = (c->n_controller_rate_limit
                              ? MAX(100, c->controller_rate_limit[0]) : 0);
        ctls[i].burst_limit = (c->n_controller_burst_limit
                               ? MAX(25, c->controller_burst_limit[0])
                               : 0);
    }
    ofproto_set_controllers(br->ofproto, ctls, cfg->n_controller);
    free(ctls);

    /* The Bridge's "protocols": the OpenFlow versions connections may
     * negotiate (none listed: the default). */
    uint32_t versions = 0;
    for (size_t i = 0; i < cfg->n_protocols; i++) {
        enum ofp_version v = ofputil_version_from_string(cfg->protocols[i]);

        if (v) {
            versions |= 1u << v;
        }
    }
    ofproto_set_allowed_versions(br->ofproto, versions);
    ofproto_set_fail_mode(br->ofproto,
                          cfg->fail_mode && !strcmp(cfg->fail_mode, "secure")
                          ? OFPROTO_FAIL_SECURE : OFPROTO_FAIL_STANDALONE);
    if (ofproto_get_fail_mode(br->ofproto) == OFPROTO_FAIL_STANDALONE
        && !ofproto_has_controllers(br->ofproto)) {
        bridge_ensure_normal_flow(br);
    }
}

static void
bridge_configure_other(struct bridge *br)
{
    struct smap oc;

    smap_from_arrays(&oc, br->cfg->key_other_config,
                     br->cfg->value_other_config, br->cfg->n_other_config);
    ofproto_dpif_set_mac_config(br->ofproto,
                                smap_get_int(&oc, "mac-aging-time", 300),
                                smap_get_int(&oc, "mac-table-size", 8192));
    smap_destroy(&oc);
    ofproto_set_datapath_id(br->ofproto, bridge_pick_datapath_id(br));
}

/* Brings 'br''s ports and interfaces in line with its configuration. */
static void
bridge_reconfigure_ports(struct bridge *br)
{
    const struct svsrec_bridge *cfg = br->cfg;
    struct iface *iface, *next_iface;
    struct port *port, *next_port;

    HMAP_FOR_EACH (port, name_node, &br->ports) {
        port->seen = false;
    }
    HMAP_FOR_EACH (iface, name_node, &br->ifaces) {
        iface->seen = false;
    }

    /* Mark what stays; note new ports. */
    for (size_t i = 0; i < cfg->n_ports; i++) {
        const struct svsrec_port *pcfg = cfg->ports[i];

        port = port_lookup(br, pcfg->name);
        if (port && port->seen) {
            VLOG_WARN_RL(&rl, "bridge %s: duplicate port %s", br->name,
                         pcfg->name);
            continue;
        }
        if (!port) {
            port = xzalloc(sizeof *port);
            port->br = br;
            port->name = xstrdup(pcfg->name);
            hmap_insert(&br->ports, &port->name_node, name_hash(port->name));
        }
        port->cfg = pcfg;
        port->seen = true;
        for (size_t j = 0; j < pcfg->n_interfaces; j++) {
            const struct svsrec_interface *icfg = pcfg->interfaces[j];
            const char *type = icfg->type && *icfg->type ? icfg->type
                                                         : "system";

            iface = iface_lookup(br, icfg->name);
            if (iface && iface->seen) {
                continue;       /* Listed twice. */
            }
            if (iface && (strcmp(iface->type, type) || iface->port != port
                          || (!iface->netdev && iface->error))) {
                /* Type or port changed, or it failed before: again. */
                iface_destroy(br, iface);
                iface = NULL;
            }
            if (!iface) {
                iface = xzalloc(sizeof *iface);
                iface->name = xstrdup(icfg->name);
                iface->type = xstrdup(type);
                iface->port = port;
                iface->ofp_port = OFPP_NONE;
                smap_init(&iface->options);
                hmap_insert(&br->ifaces, &iface->name_node,
                            name_hash(iface->name));
            }
            iface->cfg = icfg;
            iface->seen = true;
        }
    }

    /* Remove what went, before adding, so that numbers and names free up
     * for the new ones. */
    HMAP_FOR_EACH_SAFE (iface, next_iface, name_node, &br->ifaces) {
        if (!iface->seen) {
            iface_destroy(br, iface);
        }
    }
    HMAP_FOR_EACH_SAFE (port, next_port, name_node, &br->ports) {
        if (!port->seen) {
            hmap_remove(&br->ports, &port->name_node);
            free(port->name);
            free(port);
        }
    }

    /* Numbers requested by interfaces about to be set up are not for
     * others to take. */
    memset(br->requested, 0, sizeof br->requested);
    HMAP_FOR_EACH (iface, name_node, &br->ifaces) {
        if (iface->ofp_port == OFPP_NONE && iface->cfg
            && iface->cfg->n_ofport_request
            && iface->cfg->ofport_request[0] >= 1
            && iface->cfg->ofport_request[0] < OFPP_MAX) {
            bit_set(br->requested, iface->cfg->ofport_request[0], true);
        }
    }

    /* Set up new interfaces (the local port first, so that others may
     * take its MAC), update the others. */
    iface = iface_lookup(br, br->name);
    if (iface && iface->ofp_port == OFPP_NONE && !iface->error) {
        iface_setup(br, iface);
    }
    HMAP_FOR_EACH (iface, name_node, &br->ifaces) {
        if (iface->ofp_port == OFPP_NONE && !iface->error) {
            iface_setup(br, iface);
        } else if (iface->ofp_port != OFPP_NONE) {
            iface_reconfigure(br, iface);
        }
    }
    HMAP_FOR_EACH (port, name_node, &br->ports) {
        port_configure_vlan(br, port);
    }
}

/* The SSL table: the key, certificate and CA certificate of "ssl:" and
 * "pssl:" controller connections (ovs-vsctl set-ssl).  The files are read
 * again when they change. */
static void
bridge_configure_ssl(const struct svsrec_ssl *ssl)
{
    if (!ssl) {
        return;
    }
    if (ssl->private_key && ssl->certificate) {
        stream_ssl_set_key_and_cert(ssl->private_key, ssl->certificate);
    }
    if (ssl->ca_cert) {
        stream_ssl_set_ca_cert_file(ssl->ca_cert, ssl->bootstrap_ca_cert);
    }
}

static void
bridge_reconfigure(const struct svsrec_open_vswitch *ovs_cfg)
{
    struct bridge *br, *next;
    struct smap oc;

    HMAP_FOR_EACH (br, node, &all_bridges) {
        br->seen = false;
    }
    if (ovs_cfg) {
        bridge_configure_ssl(ovs_cfg->ssl);
        smap_from_arrays(&oc, ovs_cfg->key_other_config,
                         ovs_cfg->value_other_config,
                         ovs_cfg->n_other_config);
        ofproto_dpif_set_flow_limit(smap_get_int(&oc, "flow-limit",
                                                 200000));
        smap_destroy(&oc);
        for (size_t i = 0; i < ovs_cfg->n_bridges; i++) {
            const struct svsrec_bridge *cfg = ovs_cfg->bridges[i];

            br = bridge_lookup(cfg->name);
            if (br && strcmp(br->type, bridge_dp_type(cfg))) {
                bridge_destroy_one(br);
                br = NULL;
            }
            if (!br) {
                br = bridge_create(cfg);
                if (!br) {
                    continue;
                }
            }
            br->cfg = cfg;
            br->seen = true;
        }
    }
    HMAP_FOR_EACH_SAFE (br, next, node, &all_bridges) {
        if (!br->seen) {
            bridge_destroy_one(br);
        }
    }
    next_retry = LLONG_MAX;
    HMAP_FOR_EACH (br, node, &all_bridges) {
        struct iface *iface;

        bridge_reconfigure_ports(br);
        bridge_configure_other(br);
        bridge_configure_controllers(br);
        HMAP_FOR_EACH (iface, name_node, &br->ifaces) {
            if (iface->ofp_port == OFPP_NONE) {
                next_retry = time_msec() + RETRY_INTERVAL;
            }
        }
    }
    status_needed = true;
}

/* Status writeback. */

static void
iface_write_status(const struct iface *iface, bool with_stats)
{
    const struct svsrec_interface *cfg = iface->cfg;
    int64_t ofport = iface->ofp_port == OFPP_NONE ? -1
                     : iface->ofp_port == OFPP_LOCAL ? 65534
                     : iface->ofp_port;

    if (cfg->n_ofport != 1 || cfg->ofport[0] != ofport) {
        svsrec_interface_set_ofport(cfg, &ofport, 1);
    }
    if ((iface->error == NULL) != (cfg->error == NULL)
        || (iface->error && strcmp(iface->error, cfg->error))) {
        svsrec_interface_set_error(cfg, iface->error);
    }
    if (!iface->netdev) {
        return;
    }

    enum netdev_flags flags = 0;
    bool carrier = false;
    struct eth_addr ea;
    uint32_t mbps = 0;
    int mtu;

    if (!netdev_get_flags(iface->netdev, &flags)) {
        const char *state = flags & NETDEV_UP ? "up" : "down";

        if (!cfg->admin_state || strcmp(cfg->admin_state, state)) {
            svsrec_interface_set_admin_state(cfg, state);
        }
    }
    if (!netdev_get_carrier(iface->netdev, &carrier)) {
        const char *state = carrier ? "up" : "down";

        if (!cfg->link_state || strcmp(cfg->link_state, state)) {
            svsrec_interface_set_link_state(cfg, state);
        }
    }
    if (!netdev_get_mtu(iface->netdev, &mtu)) {
        int64_t mtu64 = mtu;

        if (cfg->n_mtu != 1 || cfg->mtu[0] != mtu64) {
            svsrec_interface_set_mtu(cfg, &mtu64, 1);
        }
    }
    if (!netdev_get_etheraddr(iface->netdev, &ea)) {
        char mac[18];

        snprintf(mac, sizeof mac, ETH_ADDR_FMT, ETH_ADDR_ARGS(ea));
        if (!cfg->mac_in_use || strcmp(cfg->mac_in_use, mac)) {
            svsrec_interface_set_mac_in_use(cfg, mac);
        }
    }
    if (!netdev_get_speed(iface->netdev, &mbps) && mbps) {
        int64_t bps = (int64_t) mbps * 1000000;

        if (cfg->n_link_speed != 1 || cfg->link_speed[0] != bps) {
            svsrec_interface_set_link_speed(cfg, &bps, 1);
        }
    }
    int ifindex = netdev_get_ifindex(iface->netdev);
    {
        /* 0 for devices without one, as Open vSwitch writes. */
        int64_t ifindex64 = ifindex > 0 ? ifindex : 0;

        if (cfg->n_ifindex != 1 || cfg->ifindex[0] != ifindex64) {
            svsrec_interface_set_ifindex(cfg, &ifindex64, 1);
        }
    }

    struct netdev_stats st;
    if (with_stats && !netdev_get_stats(iface->netdev, &st)) {
        static const char *const keys[] = {
            "rx_packets", "rx_bytes", "rx_dropped", "rx_errors",
            "tx_packets", "tx_bytes", "tx_dropped", "tx_errors",
            "collisions", "rx_frame_err", "rx_over_err", "rx_crc_err",
        };
        const uint64_t values[] = {
            st.rx_packets, st.rx_bytes, st.rx_dropped, st.rx_errors,
            st.tx_packets, st.tx_bytes, st.tx_dropped, st.tx_errors,
            st.collisions, st.rx_frame_errors, st.rx_over_errors,
            st.rx_crc_errors,
        };
        const char *k[ARRAY_SIZE(keys)];
        int64_t v[ARRAY_SIZE(keys)];
        size_t n = 0;

        for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
            if (values[i] != UINT64_MAX) {
                k[n] = keys[i];
                v[n] = values[i];
                n++;
            }
        }
        svsrec_interface_set_statistics(cfg, k, v, n);
    }
}

static void
write_static_status(const struct svsrec_open_vswitch *ovs_cfg)
{
    struct sset types = SSET_INITIALIZER(&types);
    const char **sorted;

    dpif_enumerate_types(&types);
    sorted = sset_sort(&types);
    if (ovs_cfg->n_datapath_types != sset_count(&types)) {
        svsrec_open_vswitch_set_datapath_types(ovs_cfg, sorted,
                                               sset_count(&types));
    }
    free(sorted);
    sset_clear(&types);
    netdev_enumerate_types(&types);
    sorted = sset_sort(&types);
    if (ovs_cfg->n_iface_types != sset_count(&types)) {
        svsrec_open_vswitch_set_iface_types(ovs_cfg, sorted,
                                            sset_count(&types));
    }
    free(sorted);
    sset_destroy(&types);
    if (!ovs_cfg->ovs_version || strcmp(ovs_cfg->ovs_version,
                                        PACKAGE_VERSION)) {
        svsrec_open_vswitch_set_ovs_version(ovs_cfg, PACKAGE_VERSION);
    }
}

/* Writes the status of 'br''s controllers into their Controller rows
 * (is_connected, role, status), touching only what changed. */
static void
bridge_write_controller_status(struct bridge *br)
{
    br->ctl_seqno = ofproto_get_controller_seqno(br->ofproto);
    for (size_t i = 0; i < br->cfg->n_controller; i++) {
        const struct svsrec_controller *c = br->cfg->controller[i];
        struct smap status = SMAP_INITIALIZER(&status);
        struct smap old;
        const char *role;
        bool up;

        if (!ofproto_get_controller_status(br->ofproto, c->target, &up,
                                           &role, &status)) {
            smap_destroy(&status);
            continue;
        }
        if (c->is_connected != up) {
            svsrec_controller_set_is_connected(c, up);
        }
        if (role ? !c->role || strcmp(c->role, role) : c->role != NULL) {
            svsrec_controller_set_role(c, role);
        }
        smap_from_arrays(&old, c->key_status, c->value_status,
                         c->n_status);
        if (!smap_equal(&old, &status)) {
            const struct shash_node **nodes = smap_sort(&status);
            size_t n = smap_count(&status);
            const char **keys = xmalloc((n + 1) * sizeof *keys);
            const char **values = xmalloc((n + 1) * sizeof *values);

            for (size_t j = 0; j < n; j++) {
                keys[j] = nodes[j]->name;
                values[j] = nodes[j]->data;
            }
            svsrec_controller_set_status(c, keys, values, n);
            free(keys);
            free(values);
            free(nodes);
        }
        smap_destroy(&old);
        smap_destroy(&status);
    }
}

static void
bridge_write_status(bool with_stats)
{
    const struct svsrec_open_vswitch *ovs_cfg = svsrec_open_vswitch_first(
        idl);
    struct bridge *br;

    if (!ovs_cfg) {
        return;
    }
    status_txn = db_idl_txn_create(idl);
    HMAP_FOR_EACH (br, node, &all_bridges) {
        struct iface *iface;
        char dpid[17];

        snprintf(dpid, sizeof dpid, "%016"PRIx64,
                 ofproto_get_datapath_id(br->ofproto));
        if (!br->cfg->datapath_id || strcmp(br->cfg->datapath_id, dpid)) {
            svsrec_bridge_set_datapath_id(br->cfg, dpid);
        }
        HMAP_FOR_EACH (iface, name_node, &br->ifaces) {
            iface_write_status(iface, with_stats);
        }
        bridge_write_controller_status(br);
    }
    write_static_status(ovs_cfg);
    if (pending_cur_cfg >= 0 && ovs_cfg->cur_cfg != pending_cur_cfg) {
        svsrec_open_vswitch_set_cur_cfg(ovs_cfg, pending_cur_cfg);
    }
    pending_cur_cfg = -1;
    db_idl_txn_commit(status_txn);
}

static void
status_txn_run(void)
{
    enum db_idl_txn_status status;

    if (!status_txn) {
        return;
    }
    status = db_idl_txn_commit(status_txn);
    if (status == DB_IDL_TXN_INCOMPLETE) {
        return;
    }
    if (status != DB_IDL_TXN_SUCCESS && status != DB_IDL_TXN_UNCHANGED) {
        VLOG_INFO_RL(&rl, "status update: %s%s%s",
                     db_idl_txn_status_to_string(status),
                     db_idl_txn_get_error(status_txn) ? ": " : "",
                     db_idl_txn_get_error(status_txn)
                     ? db_idl_txn_get_error(status_txn) : "");
        /* Try again; cur_cfg comes from the replica's next_cfg again. */
        status_needed = true;
    }
    db_idl_txn_destroy(status_txn);
    status_txn = NULL;
}

/* Brings the OpenFlow ports of 'br' in line with their devices whose
 * state changed (administratively up or down, carrier, address, speed):
 * controllers get a port-status message for each change. */
static void
bridge_refresh_ports(struct bridge *br)
{
    struct iface *iface;

    HMAP_FOR_EACH (iface, name_node, &br->ifaces) {
        if (iface->netdev && iface->ofp_port != OFPP_NONE) {
            uint64_t seq = netdev_get_change_seq(iface->netdev);

            if (seq != iface->change_seq) {
                struct ofputil_phy_port pp;

                iface->change_seq = seq;
                fill_phy_port(iface, &pp);
                ofproto_port_modify(br->ofproto, iface->ofp_port, &pp);
                status_needed = true;
            }
        }
    }
}

void
bridge_run(void)
{
    const struct svsrec_open_vswitch *ovs_cfg;
    struct bridge *br;

    db_idl_run(idl);
    status_txn_run();

    if ((db_idl_get_seqno(idl) != idl_seqno || time_msec() >= next_retry)
        && !status_txn) {
        idl_seqno = db_idl_get_seqno(idl);
        ovs_cfg = svsrec_open_vswitch_first(idl);
        if (db_idl_has_ever_connected(idl)) {
            bridge_reconfigure(ovs_cfg);
            if (ovs_cfg) {
                pending_cur_cfg = ovs_cfg->next_cfg;
            }
        }
    }

    HMAP_FOR_EACH (br, node, &all_bridges) {
        bridge_refresh_ports(br);
        ofproto_run(br->ofproto);
        if (ofproto_get_controller_seqno(br->ofproto) != br->ctl_seqno) {
            status_needed = true;
        }
    }

    if (!status_txn) {
        long long int now = time_msec();
        bool with_stats = now >= next_stats;

        if (status_needed || with_stats) {
            status_needed = false;
            if (with_stats) {
                next_stats = now + STATUS_INTERVAL;
            }
            bridge_write_status(with_stats);
            status_txn_run();
        }
    }
}

void
bridge_wait(void)
{
    struct bridge *br;

    db_idl_wait(idl);
    if (status_txn) {
        db_idl_txn_wait(status_txn);
    } else if (status_needed) {
        poll_immediate_wake();
    }
    poll_timer_wait_until(next_stats);
    poll_timer_wait_until(next_retry);
    HMAP_FOR_EACH (br, node, &all_bridges) {
        ofproto_wait(br->ofproto);
    }
}

void
bridge_exit(bool cleanup)
{
    struct bridge *br, *next;

    if (cleanup) {
        HMAP_FOR_EACH_SAFE (br, next, node, &all_bridges) {
            bridge_destroy_one(br);
        }
    }
}

void
bridge_destroy(void)
{
    struct bridge *br, *next;

    if (status_txn) {
        db_idl_txn_destroy(status_txn);
        status_txn = NULL;
    }
    HMAP_FOR_EACH_SAFE (br, next, node, &all_bridges) {
        bridge_destroy_one(br);
    }
    db_idl_destroy(idl);
    idl = NULL;
}
