/* xlate.c: OpenFlow pipeline -> datapath actions + megaflow mask (see
 * xlate.h).
 *
 * Design: a translation context carries the flow as the pipeline sees it
 * ('flow', modified by set actions), the flow as the datapath packet is
 * right now ('base': what the committed datapath actions have produced),
 * and the mask.  Set actions only change 'flow'; before anything that
 * hands the packet on (output, userspace, a clone), commit() emits the
 * datapath set/push/pop actions that turn 'base' into 'flow'.
 *
 * Every decision unwildcards what it read: table lookups through the
 * classifier, NORMAL the input port, VLAN and Ethernet addresses, dec_ttl
 * the TTL, group selection its hash fields, and so on. */
#include <config.h>
#include "xlate.h"

#include <errno.h>
#include <inttypes.h>
#include <linux/openvswitch.h>
#include <stdlib.h>
#include <string.h>
#include "cls-rcu.h"
#include "connmgr.h"
#include "dp-packet.h"
#include "dynamic-string.h"
#include "hash.h"
#include "mac-learning.h"
#include "match.h"
#include "meta-flow.h"
#include "netlink.h"
#include "odp-util.h"
#include "ofp-actions.h"
#include "ofp-group.h"
#include "ofp-port.h"
#include "ofp-table.h"
#include "ofpbuf.h"
#include "ofproto-dpif-private.h"
#include "ofproto-provider.h"
#include "ofproto.h"
#include "packets.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(xlate);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

#define MAX_RESUBMIT_DEPTH 64
#define MAX_PATCH_DEPTH 8

struct xlate_ctx {
    const struct xlate_in *xin;
    struct ofproto_dpif *ofproto;   /* Current bridge (patch ports move). */
    struct flow flow;               /* As the pipeline sees it. */
    struct flow base;               /* As the datapath packet is. */
    struct flow_wildcards *wc;
    struct ofpbuf *odp_actions;
    cls_version_t version;
    uint8_t table_id;               /* Current table. */
    struct rule *rule;              /* Current rule, or NULL. */
    int depth;                      /* Resubmit depth. */
    int patch_depth;
    bool exit;                      /* An "exit" action ran. */
    bool has_userspace;
    struct ofpbuf action_set;       /* Write-actions of the pipeline. */
    int indent;                     /* Trace indentation. */
};

static void do_xlate_actions(const struct ofpact *, size_t ofpacts_len,
                             struct xlate_ctx *);
static void xlate_table(struct xlate_ctx *, uint8_t table_id,
                        bool may_continue);

/* Rules. */

void
xlate_rules_init(struct xlate_rules *r)
{
    memset(r, 0, sizeof *r);
}

void
xlate_rules_clear(struct xlate_rules *r)
{
    for (size_t i = 0; i < r->n; i++) {
        ofproto_rule_unref(r->rules[i]);
    }
    r->n = 0;
}

void
xlate_rules_destroy(struct xlate_rules *r)
{
    if (r) {
        xlate_rules_clear(r);
        free(r->rules);
        r->rules = NULL;
        r->allocated = 0;
    }
}

static void
xlate_rules_add(struct xlate_rules *r, struct rule *rule)
{
    for (size_t i = 0; i < r->n; i++) {
        if (r->rules[i] == rule) {
            return;
        }
    }
    if (r->n >= r->allocated) {
        r->allocated = r->allocated ? 2 * r->allocated : 4;
        r->rules = xrealloc(r->rules, r->allocated * sizeof *r->rules);
    }
    ofproto_rule_ref(rule);
    r->rules[r->n++] = rule;
}

static size_t
nest_len(const struct ofpact_nest *n)
{
    return n->ofpact.len - offsetof(struct ofpact_nest, actions);
}

/* Tracing. */

static void SVS_PRINTF_FORMAT(2, 3)
trace(struct xlate_ctx *ctx, const char *format, ...)
{
    struct ds *s = ctx->xin->trace;
    va_list args;

    if (!s) {
        return;
    }
    ds_put_char_multiple(s, ' ', ctx->indent);
    va_start(args, format);
    ds_put_format_valist(s, format, args);
    va_end(args);
    ds_put_char(s, '\n');
}

/* Committing 'flow' to the datapath packet. */

static bool
flow_has_vlan(const struct flow *flow)
{
    return (flow->vlans[0].tci & htons(VLAN_CFI)) != 0;
}

static void
commit_vlan(struct xlate_ctx *ctx)
{
    const union flow_vlan_hdr *want = &ctx->flow.vlans[0];
    const union flow_vlan_hdr *have = &ctx->base.vlans[0];

    if (want->qtag == have->qtag) {
        return;
    }
    ctx->wc->masks.vlans[0].qtag = UINT32_MAX;
    if (flow_has_vlan(&ctx->base)) {
        odp_put_pop_vlan_action(ctx->odp_actions);
    }
    if (flow_has_vlan(&ctx->flow)) {
        odp_put_push_vlan_action(ctx->odp_actions,
                                 want->tpid ? want->tpid
                                            : htons(ETH_TYPE_VLAN_8021Q),
                                 want->tci);
    }
    ctx->base.vlans[0] = *want;
}

static void
commit(struct xlate_ctx *ctx)
{
    commit_vlan(ctx);
    odp_commit_set_actions(&ctx->flow, &ctx->base, ctx->odp_actions,
                           ctx->wc);
}

/* Output. */

static bool
port_is_live(const struct ofport_dpif *port)
{
    return port && port->up
           && !(ofproto_port_config(port->up) & OFPUTIL_PC_PORT_DOWN)
           && !(ofproto_port_state(port->up) & OFPUTIL_PS_LINK_DOWN);
}

static void
patch_output(struct xlate_ctx *ctx, const struct ofport_dpif *out)
{
    struct ofport_dpif *peer = ofproto_dpif_patch_peer(out);
    struct ofproto_dpif *old_ofproto = ctx->ofproto;
    struct flow old_flow = ctx->flow;
    uint8_t old_table = ctx->table_id;
    struct rule *old_rule = ctx->rule;
    cls_version_t old_version = ctx->version;
    struct ofpbuf old_set = ctx->action_set;

    if (!peer) {
        trace(ctx, "-> patch port %s has no peer, dropping", out->name);
        return;
    }
    if (ctx->patch_depth >= MAX_PATCH_DEPTH) {
        VLOG_WARN_RL(&rl, "over max patch port depth, dropping");
        return;
    }
    trace(ctx, "-> output to patch port %s, continuing in bridge \"%s\"",
          out->name, peer->ofproto->name);
    ctx->patch_depth++;
    ctx->ofproto = peer->ofproto;
    ctx->version = ofproto_get_version(peer->ofproto->up);
    ctx->flow.in_port = peer->ofp_port;
    ctx->flow.metadata = 0;
    memset(ctx->flow.regs, 0, sizeof ctx->flow.regs);
    ofpbuf_init(&ctx->action_set, 0);
    ctx->indent += 4;
    trace(ctx, "bridge(\"%s\")", peer->ofproto->name);
    trace(ctx, "-------------");
    xlate_table(ctx, 0, true);
    ctx->indent -= 4;
    ofpbuf_uninit(&ctx->action_set);

    ctx->action_set = old_set;
    ctx->ofproto = old_ofproto;
    ctx->version = old_version;
    ctx->table_id = old_table;
    ctx->rule = old_rule;
    /* The packet itself continues as the peer left it in the datapath;
     * the pipeline here continues with its own view. */
    old_flow.vlans[0] = ctx->flow.vlans[0];
    ctx->flow = old_flow;
    ctx->exit = false;
    ctx->patch_depth--;
}

/* Outputs to OpenFlow port 'ofp_port' of the current bridge. */
static void
output_port(struct xlate_ctx *ctx, ofp_port_t ofp_port, bool check_in_port)
{
    const struct ofport_dpif *out = ofproto_dpif_port(ctx->ofproto,
                                                      ofp_port);

    if (check_in_port && ofp_port == ctx->flow.in_port) {
        ctx->wc->masks.in_port = UINT32_MAX;
        trace(ctx, "-> skipping output to input port");
        return;
    }
    if (!out) {
        trace(ctx, "-> output to nonexistent port %"PRIu16, ofp_port);
        return;
    }
    if (out->up && ofproto_port_config(out->up) & OFPUTIL_PC_NO_FWD) {
        trace(ctx, "-> %s is configured not to forward", out->name);
        return;
    }
    if (out->peer) {
        commit(ctx);
        patch_output(ctx, out);
        return;
    }
    if (out->odp_port == ODPP_NONE) {
        return;
    }
    commit(ctx);
    odp_put_output_action(ctx->odp_actions, out->odp_port);
}

static int
compare_ofp_ports(const void *a_, const void *b_)
{
    const struct ofport_dpif *const *a = a_, *const *b = b_;

    return (*a)->ofp_port < (*b)->ofp_port ? -1
           : (*a)->ofp_port > (*b)->ofp_port;
}

/* The ports of the current bridge in OpenFlow port order; free the
 * result. */
static struct ofport_dpif **
sorted_ports(const struct ofproto_dpif *ofproto, size_t *n)
{
    struct ofport_dpif **ports = xmalloc((hmap_count(&ofproto->ports) + 1)
                                         * sizeof *ports);
    struct ofport_dpif *port;

    *n = 0;
    HMAP_FOR_EACH (port, ofp_node, &ofproto->ports) {
        ports[(*n)++] = port;
    }
    qsort(ports, *n, sizeof *ports, compare_ofp_ports);
    return ports;
}

static void
flood_ports(struct xlate_ctx *ctx, bool all)
{
    struct ofport_dpif **ports;
    size_t n;

    ctx->wc->masks.in_port = UINT32_MAX;
    ports = sorted_ports(ctx->ofproto, &n);
    for (size_t i = 0; i < n; i++) {
        const struct ofport_dpif *port = ports[i];

        if (port->ofp_port == ctx->flow.in_port) {
            continue;
        }
        if (!all && port->up
            && ofproto_port_config(port->up) & OFPUTIL_PC_NO_FLOOD) {
            continue;
        }
        output_port(ctx, port->ofp_port, false);
    }
    free(ports);
}

/* The controller. */

static void
execute_controller(struct xlate_ctx *ctx, uint16_t max_len,
                   uint16_t controller_id, uint8_t reason)
{
    struct controller_userdata ud;

    /* A controller action of a table-miss flow (priority 0, matching
     * everything) is reported to OpenFlow 1.3+ controllers as a table
     * miss, as Open vSwitch does. */
    if (reason == OFPR_ACTION && ctx->rule && !ctx->rule->cr.priority
        && cls_rule_is_catchall(&ctx->rule->cr)) {
        reason = OFPROTO_PIN_EXPLICIT_MISS;
    }
    memset(&ud, 0, sizeof ud);
    ud.kind = USERDATA_CONTROLLER;
    ud.bridge_index = ctx->ofproto->index;
    ud.max_len = max_len;
    ud.controller_id = controller_id;
    ud.reason = reason;
    ud.table_id = ctx->table_id;
    ud.cookie = ctx->rule ? ctx->rule->flow_cookie : svs_htonll(UINT64_MAX);
    ud.in_port = ctx->flow.in_port;
    ud.metadata = ctx->flow.metadata;
    memcpy(ud.regs, ctx->flow.regs, sizeof ud.regs);
    commit(ctx);
    odp_put_userspace_action(ctx->odp_actions, 0, &ud, sizeof ud);
    ctx->has_userspace = true;
    trace(ctx, "-> sending to controller");
}

/* NORMAL. */

static bool
port_includes_vlan(const struct ofport_dpif *port, int vlan)
{
    switch (port->vlan_mode) {
    case PORT_VLAN_ACCESS:
        return vlan == port->tag;
    case PORT_VLAN_TRUNK:
    case PORT_VLAN_NATIVE_TAGGED:
    case PORT_VLAN_NATIVE_UNTAGGED:
        if (port->vlan_mode != PORT_VLAN_TRUNK && vlan == port->tag) {
            return true;
        }
        return port->all_trunks
               || (port->trunks[vlan / 64] >> (vlan % 64)) & 1;
    }
    return false;
}

/* The VLAN a packet received on 'in' belongs to, or -1 to drop it. */
static int
input_vlan(struct xlate_ctx *ctx, const struct ofport_dpif *in)
{
    bool tagged = flow_has_vlan(&ctx->flow);
    int vid = tagged ? ntohs(ctx->flow.vlans[0].tci) & VLAN_VID_MASK : 0;

    ctx->wc->masks.vlans[0].tci |= htons(VLAN_VID_MASK | VLAN_CFI);
    switch (in->vlan_mode) {
    case PORT_VLAN_ACCESS:
        if (tagged && vid) {
            trace(ctx, "-> dropping VLAN %d tagged packet received on port "
                  "%s configured as VLAN %d access port", vid, in->name,
                  in->tag);
            return -1;
        }
        return in->tag;
    case PORT_VLAN_NATIVE_TAGGED:
    case PORT_VLAN_NATIVE_UNTAGGED:
        if (!tagged || !vid) {
            return in->tag;
        }
        /* Fall through. */
    case PORT_VLAN_TRUNK:
        if (!port_includes_vlan(in, vid)) {
            trace(ctx, "-> dropping VLAN %d packet received on port %s "
                  "not configured for trunking VLAN %d", vid, in->name,
                  vid);
            return -1;
        }
        return vid;
    }
    return -1;
}

/* Outputs the packet, of VLAN 'vlan', to 'out' with the tagging 'out'
 * wants. */
static void
normal_output(struct xlate_ctx *ctx, const struct ofport_dpif *out,
              int vlan)
{
    union flow_vlan_hdr saved = ctx->flow.vlans[0];
    bool tag;

    switch (out->vlan_mode) {
    case PORT_VLAN_ACCESS:
        tag = false;
        break;
    case PORT_VLAN_NATIVE_UNTAGGED:
        tag = vlan != out->tag;
        break;
    case PORT_VLAN_NATIVE_TAGGED:
    case PORT_VLAN_TRUNK:
    default:
        tag = vlan != 0;
        break;
    }
    if (tag) {
        uint16_t pcp = ntohs(saved.tci) & VLAN_PCP_MASK;

        ctx->flow.vlans[0].tpid = htons(ETH_TYPE_VLAN_8021Q);
        ctx->flow.vlans[0].tci = htons(pcp | VLAN_CFI | vlan);
    } else {
        ctx->flow.vlans[0].qtag = 0;
    }
    output_port(ctx, out->ofp_port, true);
    ctx->flow.vlans[0] = saved;
}

static void
xlate_normal(struct xlate_ctx *ctx)
{
    struct ofproto_dpif *ofproto = ctx->ofproto;
    const struct ofport_dpif *in;
    struct ofport_dpif *dst;
    struct flow_wildcards *wc = ctx->wc;
    int vlan;

    wc->masks.in_port = UINT32_MAX;
    memset(&wc->masks.dl_src, 0xff, sizeof wc->masks.dl_src);
    memset(&wc->masks.dl_dst, 0xff, sizeof wc->masks.dl_dst);
    wc->masks.dl_type = UINT16_MAX;

    in = ofproto_dpif_port(ofproto, ctx->flow.in_port);
    if (!in) {
        trace(ctx, "-> no input port, dropping");
        return;
    }
    if ((ctx->flow.dl_src.ea[0] & 1)) {
        trace(ctx, "-> dropping packet with multicast source address");
        return;
    }
    vlan = input_vlan(ctx, in);
    if (vlan < 0) {
        return;
    }

    if (ctx->xin->may_learn) {
        mac_learning_learn(ofproto->ml, ctx->flow.dl_src, vlan,
                           CONST_CAST(struct ofport_dpif *, in),
                           in->ofp_port);
    }
    trace(ctx, "-> learned that "ETH_ADDR_FMT" is on port %s in VLAN %d",
          ETH_ADDR_ARGS(ctx->flow.dl_src), in->name, vlan);

    dst = mac_learning_lookup(ofproto->ml, ctx->flow.dl_dst, vlan);
    if (dst && ofproto_dpif_port(ofproto, dst->ofp_port) == dst) {
        if (dst == in) {
            trace(ctx, "-> learned port is input port, dropping");
            return;
        }
        trace(ctx, "-> forwarding to learned port");
        normal_output(ctx, dst, vlan);
        return;
    }

    trace(ctx, "-> no learned MAC for destination, flooding");
    struct ofport_dpif **ports;
    size_t n;

    ports = sorted_ports(ofproto, &n);
    for (size_t i = 0; i < n; i++) {
        const struct ofport_dpif *port = ports[i];

        if (port == in || !port_includes_vlan(port, vlan)) {
            continue;
        }
        if (port->up && ofproto_port_config(port->up) & OFPUTIL_PC_NO_FLOOD) {
            continue;
        }
        normal_output(ctx, port, vlan);
    }
    free(ports);
}

/* Groups. */

static void
xlate_bucket(struct xlate_ctx *ctx, const struct ofputil_bucket *bucket)
{
    struct flow old_flow = ctx->flow;
    struct flow old_base = ctx->base;
    struct ofpbuf old_set = ctx->action_set;
    size_t ofs;

    /* Each bucket acts on its own copy of the packet. */
    commit(ctx);
    old_base = ctx->base;
    ofs = nl_msg_start_nested(ctx->odp_actions, OVS_ACTION_ATTR_CLONE);
    ofpbuf_init(&ctx->action_set, 0);
    do_xlate_actions(bucket->ofpacts, bucket->ofpacts_len, ctx);
    ofpbuf_uninit(&ctx->action_set);
    ctx->action_set = old_set;
    if (nl_msg_end_non_empty_nested(ctx->odp_actions, ofs)) {
        /* Nothing happened to this copy. */
    }
    ctx->flow = old_flow;
    ctx->base = old_base;
    ctx->exit = false;
}

static bool
bucket_is_live(struct xlate_ctx *ctx, const struct ofputil_bucket *bucket)
{
    if (bucket->watch_port != OFPP_NONE) {
        return port_is_live(ofproto_dpif_port(ctx->ofproto,
                                              bucket->watch_port));
    }
    return true;
}

static uint32_t
select_hash(struct xlate_ctx *ctx)
{
    struct flow_wildcards *wc = ctx->wc;
    const struct flow *f = &ctx->flow;
    uint32_t hash;

    memset(&wc->masks.dl_src, 0xff, sizeof wc->masks.dl_src);
    memset(&wc->masks.dl_dst, 0xff, sizeof wc->masks.dl_dst);
    wc->masks.dl_type = UINT16_MAX;
    hash = hash_bytes(&f->dl_src, sizeof f->dl_src, 0);
    hash = hash_bytes(&f->dl_dst, sizeof f->dl_dst, hash);
    hash = hash_int(f->dl_type, hash);
    if (f->dl_type == htons(ETH_TYPE_IP)
        || f->dl_type == htons(ETH_TYPE_IPV6)) {
        wc->masks.nw_src = wc->masks.nw_dst = UINT32_MAX;
        memset(&wc->masks.ipv6_src, 0xff, sizeof wc->masks.ipv6_src);
        memset(&wc->masks.ipv6_dst, 0xff, sizeof wc->masks.ipv6_dst);
        wc->masks.nw_proto = UINT8_MAX;
        hash = hash_int(f->nw_src, hash);
        hash = hash_int(f->nw_dst, hash);
        hash = hash_bytes(&f->ipv6_src, sizeof f->ipv6_src, hash);
        hash = hash_bytes(&f->ipv6_dst, sizeof f->ipv6_dst, hash);
        hash = hash_int(f->nw_proto, hash);
        if (f->nw_proto == IPPROTO_TCP || f->nw_proto == IPPROTO_UDP
            || f->nw_proto == IPPROTO_SCTP) {
            wc->masks.tp_src = wc->masks.tp_dst = UINT16_MAX;
            hash = hash_int(((uint32_t) f->tp_src << 16) | f->tp_dst, hash);
        }
    }
    return hash;
}

static void
xlate_group(struct xlate_ctx *ctx, uint32_t group_id)
{
    const struct ofgroup *group;
    const struct ofputil_bucket *bucket;

    group = ofproto_group_lookup(ctx->ofproto->up, group_id, ctx->version);
    if (!group) {
        trace(ctx, "-> group %"PRIu32" does not exist, dropping", group_id);
        return;
    }
    if (ctx->depth >= MAX_RESUBMIT_DEPTH) {
        VLOG_WARN_RL(&rl, "over max translation depth in group %"PRIu32,
                     group_id);
        return;
    }
    ctx->depth++;
    switch (group->type) {
    case OFPGT11_ALL:
    case OFPGT11_INDIRECT:
        LIST_FOR_EACH (bucket, list_node, &group->buckets) {
            xlate_bucket(ctx, bucket);
            if (group->type == OFPGT11_INDIRECT) {
                break;
            }
        }
        break;
    case OFPGT11_FF:
        LIST_FOR_EACH (bucket, list_node, &group->buckets) {
            if (bucket_is_live(ctx, bucket)) {
                xlate_bucket(ctx, bucket);
                break;
            }
        }
        break;
    case OFPGT11_SELECT: {
        uint32_t total = 0, pick;
        uint32_t hash = select_hash(ctx);

        LIST_FOR_EACH (bucket, list_node, &group->buckets) {
            if (bucket_is_live(ctx, bucket)) {
                total += bucket->weight;
            }
        }
        if (!total) {
            break;
        }
        pick = hash % total;
        LIST_FOR_EACH (bucket, list_node, &group->buckets) {
            if (!bucket_is_live(ctx, bucket)) {
                continue;
            }
            if (pick < bucket->weight) {
                xlate_bucket(ctx, bucket);
                break;
            }
            pick -= bucket->weight;
        }
        break;
    }
    default:
        break;
    }
    ctx->depth--;
}

/* Tables. */

static void
xlate_rule_actions(struct xlate_ctx *ctx, struct rule *rule)
{
    const struct rule_actions *actions = rule_get_actions(rule);
    struct rule *old_rule = ctx->rule;

    if (ctx->xin->rules) {
        xlate_rules_add(ctx->xin->rules, rule);
    }
    ctx->rule = rule;
    do_xlate_actions(rule_actions_ofpacts(actions), actions->ofpacts_len,
                     ctx);
    ctx->rule = old_rule;
}

/* Looks the flow up in 'table_id' and runs the rule's actions.  A miss
 * follows the table's miss configuration if 'may_continue'. */
static void
xlate_table(struct xlate_ctx *ctx, uint8_t table_id, bool may_continue)
{
    struct rule *rule;

    if (ctx->depth >= MAX_RESUBMIT_DEPTH) {
        VLOG_WARN_RL(&rl, "over max translation depth %d",
                     MAX_RESUBMIT_DEPTH);
        return;
    }
    ctx->table_id = table_id;
    rule = ofproto_table_lookup(ctx->ofproto->up, table_id, &ctx->flow,
                                ctx->wc, ctx->version);
    ofproto_table_credit_stats(ctx->ofproto->up, table_id, 1, rule != NULL);
    if (rule) {
        if (ctx->xin->trace) {
            struct ds *s = ctx->xin->trace;
            struct flow_wildcards mask;
            struct match match;
            struct flow f;
            size_t start;

            ds_put_char_multiple(s, ' ', ctx->indent);
            ds_put_format(s, "%2d. ", table_id);
            start = s->length;
            cls_rule_expand(&rule->cr, &f, &mask);
            match_init(&match, &f, &mask);
            match_format(&match, s, MATCH_DEFAULT_PRIORITY);
            ds_put_format(s, "%spriority %d", s->length > start ? ", " : "",
                          rule->cr.priority);
            if (rule->flow_cookie) {
                ds_put_format(s, ", cookie %#"PRIx64,
                              svs_ntohll(rule->flow_cookie));
            }
            ds_put_char(s, '\n');
            ctx->indent += 4;
            ds_put_char_multiple(s, ' ', ctx->indent);
            const struct rule_actions *a = rule_get_actions(rule);
            ofpacts_format(rule_actions_ofpacts(a), a->ofpacts_len, s);
            ds_put_char(s, '\n');
        }
        ctx->depth++;
        xlate_rule_actions(ctx, rule);
        ctx->depth--;
        if (ctx->xin->trace) {
            ctx->indent -= 4;
        }
        return;
    }

    int miss = ofproto_table_get_miss_config(ctx->ofproto->up, table_id);

    trace(ctx, "%2d. No match.", table_id);
    if (!may_continue) {
        return;
    }
    switch (miss) {
    case OFPUTIL_TABLE_MISS_CONTINUE:
        if (table_id + 1 < OFPROTO_N_VISIBLE_TABLES) {
            xlate_table(ctx, table_id + 1, true);
        }
        break;
    case OFPUTIL_TABLE_MISS_CONTROLLER:
        execute_controller(ctx, UINT16_MAX, 0, OFPR_NO_MATCH);
        break;
    case OFPUTIL_TABLE_MISS_DEFAULT:
        /* OpenFlow 1.0-1.2: to the controller; 1.3+: drop. */
        if (ofproto_wants_packet_in_on_miss(ctx->ofproto->up)) {
            execute_controller(ctx, UINT16_MAX, 0,
                               OFPROTO_PIN_IMPLICIT_MISS);
        } else {
            trace(ctx, "    drop");
        }
        break;
    case OFPUTIL_TABLE_MISS_DROP:
    default:
        trace(ctx, "    drop");
        break;
    }
}

static void
xlate_resubmit(struct xlate_ctx *ctx, const struct ofpact_resubmit *r)
{
    ofp_port_t old_in_port = ctx->flow.in_port;
    uint8_t old_table = ctx->table_id;
    uint8_t table = r->table_id == 255 ? ctx->table_id : r->table_id;

    if (r->in_port != OFPP_IN_PORT) {
        ctx->flow.in_port = r->in_port;
    }
    xlate_table(ctx, table, false);
    ctx->flow.in_port = old_in_port;
    ctx->table_id = old_table;
}

/* Actions. */

static void
xlate_output(struct xlate_ctx *ctx, ofp_port_t port, uint16_t max_len)
{
    switch (port) {
    case OFPP_IN_PORT:
        output_port(ctx, ctx->flow.in_port, false);
        ctx->wc->masks.in_port = UINT32_MAX;
        break;
    case OFPP_TABLE:
        xlate_table(ctx, 0, true);
        break;
    case OFPP_NORMAL:
        xlate_normal(ctx);
        break;
    case OFPP_FLOOD:
        flood_ports(ctx, false);
        break;
    case OFPP_ALL:
        flood_ports(ctx, true);
        break;
    case OFPP_CONTROLLER:
        execute_controller(ctx, max_len, 0, OFPR_ACTION);
        break;
    case OFPP_NONE:
        break;
    case OFPP_LOCAL:
    default:
        output_port(ctx, port, true);
        break;
    }
}

static bool
is_ip(const struct flow *flow)
{
    return flow->dl_type == htons(ETH_TYPE_IP)
           || flow->dl_type == htons(ETH_TYPE_IPV6);
}

/* Returns false if the packet must stop (TTL expired). */
static bool
xlate_dec_ttl(struct xlate_ctx *ctx, const struct ofpact_cnt_ids *ids)
{
    ctx->wc->masks.dl_type = UINT16_MAX;
    if (!is_ip(&ctx->flow)) {
        return true;
    }
    ctx->wc->masks.nw_ttl = UINT8_MAX;
    if (ctx->flow.nw_ttl > 1) {
        ctx->flow.nw_ttl--;
        return true;
    }
    for (size_t i = 0; i < ids->n_controllers; i++) {
        execute_controller(ctx, UINT16_MAX, ids->cnt_ids[i],
                           OFPR_INVALID_TTL);
    }
    trace(ctx, "-> TTL expired, dropping");
    return false;
}

static void
set_vlan_vid(struct xlate_ctx *ctx, uint16_t vid, bool push_if_needed)
{
    ctx->wc->masks.vlans[0].tci |= htons(VLAN_CFI);
    if (!flow_has_vlan(&ctx->flow)) {
        if (!push_if_needed) {
            return;
        }
        ctx->flow.vlans[0].tpid = htons(ETH_TYPE_VLAN_8021Q);
        ctx->flow.vlans[0].tci = htons(VLAN_CFI);
    }
    ctx->flow.vlans[0].tci = (ctx->flow.vlans[0].tci & ~htons(VLAN_VID_MASK))
                             | htons(vid & VLAN_VID_MASK);
}

static void
set_vlan_pcp(struct xlate_ctx *ctx, uint8_t pcp, bool push_if_needed)
{
    ctx->wc->masks.vlans[0].tci |= htons(VLAN_CFI);
    if (!flow_has_vlan(&ctx->flow)) {
        if (!push_if_needed) {
            return;
        }
        ctx->flow.vlans[0].tpid = htons(ETH_TYPE_VLAN_8021Q);
        ctx->flow.vlans[0].tci = htons(VLAN_CFI);
    }
    ctx->flow.vlans[0].tci = (ctx->flow.vlans[0].tci & ~htons(VLAN_PCP_MASK))
                             | htons((pcp << VLAN_PCP_SHIFT)
                                     & VLAN_PCP_MASK);
}

/* A field an action wrote: the megaflow must match its old value, so
 * that the datapath action computed from it stays right. */
static void
unwildcard_written(struct xlate_ctx *ctx, const struct mf_field *field)
{
    mf_mask_field(field, ctx->wc);
}

static void
execute_action_set(struct xlate_ctx *ctx)
{
    const struct ofpact *a;
    const struct ofpact *output = NULL, *group = NULL;
    uint64_t stub[1024 / 8];
    struct ofpbuf others;

    /* The action set runs in the OpenFlow order: everything else first,
     * then group, or output if there is no group. */
    ofpbuf_use_stub(&others, stub, sizeof stub);
    OFPACT_FOR_EACH (a, ctx->action_set.data, ctx->action_set.size) {
        if (a->type == OFPACT_OUTPUT) {
            output = a;
        } else if (a->type == OFPACT_GROUP) {
            group = a;
        } else {
            ofpbuf_put(&others, a, OFPACT_ALIGN(a->len));
        }
    }
    if (others.size) {
        do_xlate_actions(others.data, others.size, ctx);
    }
    if (group) {
        xlate_group(ctx, ofpact_get_GROUP(group)->group_id);
    } else if (output) {
        const struct ofpact_output *o = ofpact_get_OUTPUT(output);

        xlate_output(ctx, o->port, o->max_len);
    }
    ofpbuf_uninit(&others);
}

static void
do_xlate_actions(const struct ofpact *ofpacts, size_t ofpacts_len,
                 struct xlate_ctx *ctx)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        if (ctx->exit) {
            break;
        }
        switch ((enum ofpact_type) a->type) {
        case OFPACT_OUTPUT: {
            const struct ofpact_output *o = ofpact_get_OUTPUT(a);

            xlate_output(ctx, o->port, o->max_len);
            break;
        }
        case OFPACT_ENQUEUE:
            xlate_output(ctx, ofpact_get_ENQUEUE(a)->port, 0);
            break;
        case OFPACT_OUTPUT_REG: {
            const struct ofpact_output_reg *o = ofpact_get_OUTPUT_REG(a);
            uint64_t port = mf_get_subfield(&o->src, &ctx->flow);

            mf_mask_subfield(&o->src, ctx->wc);
            if (port <= UINT16_MAX) {
                xlate_output(ctx, port, o->max_len);
            }
            break;
        }
        case OFPACT_OUTPUT_TRUNC:
            xlate_output(ctx, ofpact_get_OUTPUT_TRUNC(a)->port, 0);
            break;
        case OFPACT_GROUP:
            xlate_group(ctx, ofpact_get_GROUP(a)->group_id);
            break;
        case OFPACT_CONTROLLER: {
            const struct ofpact_controller *c = ofpact_get_CONTROLLER(a);

            execute_controller(ctx, c->max_len, c->controller_id,
                               c->reason);
            break;
        }
        case OFPACT_SET_FIELD: {
            const struct ofpact_set_field *sf = ofpact_get_SET_FIELD(a);

            unwildcard_written(ctx, sf->field);
            mf_set_flow_value_masked(sf->field, &sf->value, &sf->mask,
                                     &ctx->flow);
            break;
        }
        case OFPACT_SET_VLAN_VID: {
            const struct ofpact_vlan_vid *v = ofpact_get_SET_VLAN_VID(a);

            set_vlan_vid(ctx, v->vlan_vid, v->push_vlan_if_needed);
            break;
        }
        case OFPACT_SET_VLAN_PCP: {
            const struct ofpact_vlan_pcp *v = ofpact_get_SET_VLAN_PCP(a);

            set_vlan_pcp(ctx, v->vlan_pcp, v->push_vlan_if_needed);
            break;
        }
        case OFPACT_STRIP_VLAN:
            ctx->wc->masks.vlans[0].tci |= htons(VLAN_CFI);
            ctx->flow.vlans[0] = ctx->flow.vlans[1];
            ctx->flow.vlans[1].qtag = 0;
            break;
        case OFPACT_PUSH_VLAN:
            ctx->wc->masks.vlans[0].tci |= htons(VLAN_CFI);
            ctx->flow.vlans[1] = ctx->flow.vlans[0];
            ctx->flow.vlans[0].tpid = ofpact_get_PUSH_VLAN(a)->ethertype;
            ctx->flow.vlans[0].tci = htons(VLAN_CFI)
                                     | (ctx->flow.vlans[1].tci
                                        & ~htons(VLAN_CFI));
            break;
        case OFPACT_SET_ETH_SRC:
            memset(&ctx->wc->masks.dl_src, 0xff,
                   sizeof ctx->wc->masks.dl_src);
            ctx->flow.dl_src = ofpact_get_SET_ETH_SRC(a)->mac;
            break;
        case OFPACT_SET_ETH_DST:
            memset(&ctx->wc->masks.dl_dst, 0xff,
                   sizeof ctx->wc->masks.dl_dst);
            ctx->flow.dl_dst = ofpact_get_SET_ETH_DST(a)->mac;
            break;
        case OFPACT_SET_IPV4_SRC:
            ctx->wc->masks.dl_type = UINT16_MAX;
            if (ctx->flow.dl_type == htons(ETH_TYPE_IP)) {
                ctx->wc->masks.nw_src = UINT32_MAX;
                ctx->flow.nw_src = ofpact_get_SET_IPV4_SRC(a)->ipv4;
            }
            break;
        case OFPACT_SET_IPV4_DST:
            ctx->wc->masks.dl_type = UINT16_MAX;
            if (ctx->flow.dl_type == htons(ETH_TYPE_IP)) {
                ctx->wc->masks.nw_dst = UINT32_MAX;
                ctx->flow.nw_dst = ofpact_get_SET_IPV4_DST(a)->ipv4;
            }
            break;
        case OFPACT_SET_IP_DSCP:
            ctx->wc->masks.dl_type = UINT16_MAX;
            if (is_ip(&ctx->flow)) {
                ctx->wc->masks.nw_tos |= 0xfc;
                ctx->flow.nw_tos = (ctx->flow.nw_tos & 0x03)
                                   | ofpact_get_SET_IP_DSCP(a)->dscp;
            }
            break;
        case OFPACT_SET_IP_ECN:
            ctx->wc->masks.dl_type = UINT16_MAX;
            if (is_ip(&ctx->flow)) {
                ctx->wc->masks.nw_tos |= 0x03;
                ctx->flow.nw_tos = (ctx->flow.nw_tos & 0xfc)
                                   | (ofpact_get_SET_IP_ECN(a)->ecn & 3);
            }
            break;
        case OFPACT_SET_IP_TTL:
            ctx->wc->masks.dl_type = UINT16_MAX;
            if (is_ip(&ctx->flow)) {
                ctx->wc->masks.nw_ttl = UINT8_MAX;
                ctx->flow.nw_ttl = ofpact_get_SET_IP_TTL(a)->ttl;
            }
            break;
        case OFPACT_SET_L4_SRC_PORT:
        case OFPACT_SET_L4_DST_PORT: {
            const struct ofpact_l4_port *p = a->type == OFPACT_SET_L4_SRC_PORT
                                             ? ofpact_get_SET_L4_SRC_PORT(a)
                                             : ofpact_get_SET_L4_DST_PORT(a);

            ctx->wc->masks.dl_type = UINT16_MAX;
            ctx->wc->masks.nw_proto = UINT8_MAX;
            if (is_ip(&ctx->flow)
                && (ctx->flow.nw_proto == IPPROTO_TCP
                    || ctx->flow.nw_proto == IPPROTO_UDP
                    || ctx->flow.nw_proto == IPPROTO_SCTP)) {
                if (a->type == OFPACT_SET_L4_SRC_PORT) {
                    ctx->wc->masks.tp_src = UINT16_MAX;
                    ctx->flow.tp_src = htons(p->port);
                } else {
                    ctx->wc->masks.tp_dst = UINT16_MAX;
                    ctx->flow.tp_dst = htons(p->port);
                }
            }
            break;
        }
        case OFPACT_REG_MOVE: {
            const struct ofpact_reg_move *m = ofpact_get_REG_MOVE(a);
            union mf_subvalue value;

            mf_mask_subfield(&m->src, ctx->wc);
            mf_mask_subfield(&m->dst, ctx->wc);
            mf_read_subfield(&m->src, &ctx->flow, &value);
            mf_write_subfield_flow(&m->dst, &value, &ctx->flow);
            break;
        }
        case OFPACT_DEC_TTL:
            if (!xlate_dec_ttl(ctx, ofpact_get_DEC_TTL(a))) {
                ctx->exit = true;
            }
            break;
        case OFPACT_RESUBMIT:
            xlate_resubmit(ctx, ofpact_get_RESUBMIT(a));
            break;
        case OFPACT_WRITE_METADATA: {
            const struct ofpact_metadata *m = ofpact_get_WRITE_METADATA(a);

            ctx->flow.metadata = (ctx->flow.metadata & ~m->mask)
                                 | (m->metadata & m->mask);
            break;
        }
        case OFPACT_CLEAR_ACTIONS:
            ofpbuf_clear(&ctx->action_set);
            break;
        case OFPACT_WRITE_ACTIONS: {
            const struct ofpact_nest *n = ofpact_get_WRITE_ACTIONS(a);
            const struct ofpact *w;

            /* A later action of the same kind replaces an earlier one. */
            OFPACT_FOR_EACH (w, n->actions, nest_len(n)) {
                ofpbuf_put(&ctx->action_set, w, OFPACT_ALIGN(w->len));
            }
            break;
        }
        case OFPACT_GOTO_TABLE: {
            uint8_t table = ofpact_get_GOTO_TABLE(a)->table_id;

            xlate_table(ctx, table, true);
            return;
        }
        case OFPACT_CLONE: {
            const struct ofpact_nest *n = ofpact_get_CLONE(a);
            struct flow old_flow = ctx->flow;
            struct flow old_base;
            size_t ofs;

            commit(ctx);
            old_base = ctx->base;
            ofs = nl_msg_start_nested(ctx->odp_actions,
                                      OVS_ACTION_ATTR_CLONE);
            do_xlate_actions(n->actions, nest_len(n),
                             ctx);
            nl_msg_end_non_empty_nested(ctx->odp_actions, ofs);
            ctx->flow = old_flow;
            ctx->base = old_base;
            ctx->exit = false;
            break;
        }
        case OFPACT_EXIT:
            ctx->exit = true;
            break;
        case OFPACT_NOTE:
        case OFPACT_CONJUNCTION:
        case OFPACT_METER:
        case OFPACT_SET_QUEUE:
        case OFPACT_POP_QUEUE:
        case OFPACT_FIN_TIMEOUT:
        case OFPACT_DEBUG_RECIRC:
        case OFPACT_DEBUG_SLOW:
        case OFPACT_UNROLL_XLATE:
            break;
        case OFPACT_BUNDLE:
        case OFPACT_STACK_PUSH:
        case OFPACT_STACK_POP:
        case OFPACT_SET_MPLS_LABEL:
        case OFPACT_SET_MPLS_TC:
        case OFPACT_SET_MPLS_TTL:
        case OFPACT_DEC_MPLS_TTL:
        case OFPACT_PUSH_MPLS:
        case OFPACT_POP_MPLS:
        case OFPACT_DEC_NSH_TTL:
        case OFPACT_DELETE_FIELD:
        case OFPACT_ENCAP:
        case OFPACT_DECAP:
        case OFPACT_SET_TUNNEL:
        case OFPACT_LEARN:
        case OFPACT_MULTIPATH:
        case OFPACT_SAMPLE:
        case OFPACT_CT:
        case OFPACT_CT_CLEAR:
        case OFPACT_NAT:
        case OFPACT_CHECK_PKT_LARGER:
        default:
            VLOG_WARN_RL(&rl, "%s: action %s is not supported by this "
                         "switch yet; packet dropped", ctx->ofproto->name,
                         ofpact_name(a->type));
            trace(ctx, "-> unsupported action %s, dropping",
                  ofpact_name(a->type));
            ofpbuf_clear(ctx->odp_actions);
            ctx->exit = true;
            break;
        }
    }
}

int
xlate_actions(const struct xlate_in *xin, struct xlate_out *xout,
              struct ofpbuf *odp_actions)
{
    struct xlate_ctx ctx;
    const struct ofport_dpif *in;
    int error = 0;

    memset(&ctx, 0, sizeof ctx);
    ctx.xin = xin;
    ctx.ofproto = xin->ofproto;
    ctx.flow = xin->flow;
    ctx.base = xin->flow;
    flow_wildcards_init_catchall(&xout->wc);
    ctx.wc = &xout->wc;
    ctx.odp_actions = odp_actions;
    ofpbuf_init(&ctx.action_set, 0);

    /* The datapath always matches these. */
    ctx.wc->masks.in_port = UINT32_MAX;
    ctx.wc->masks.recirc_id = UINT32_MAX;
    ctx.wc->masks.dl_type = UINT16_MAX;
    if (is_ip(&ctx.flow)) {
        ctx.wc->masks.nw_frag = UINT8_MAX;
    }

    pthread_rwlock_rdlock(&xlate_rwlock);
    cls_rcu_read_lock();
    ctx.version = ofproto_get_version(ctx.ofproto->up);
    in = ofproto_dpif_port(ctx.ofproto, ctx.flow.in_port);
    if (!xin->ofpacts && !in) {
        error = EINVAL;
        goto out;
    }
    if (!xin->ofpacts && in->up
        && ofproto_port_config(in->up) & OFPUTIL_PC_NO_RECV) {
        trace(&ctx, "port %s is configured not to receive, dropping",
              in->name);
        goto out;
    }

    if (xin->ofpacts) {
        do_xlate_actions(xin->ofpacts, xin->ofpacts_len, &ctx);
    } else {
        xlate_table(&ctx, 0, true);
    }
    if (ctx.action_set.size && !ctx.exit) {
        execute_action_set(&ctx);
    }
    odp_flow_mask_add_prerequisites(&xin->flow, ctx.wc);

out:
    cls_rcu_read_unlock();
    pthread_rwlock_unlock(&xlate_rwlock);
    xout->final_flow = ctx.flow;
    xout->has_userspace = ctx.has_userspace;
    ofpbuf_uninit(&ctx.action_set);
    return error;
}
