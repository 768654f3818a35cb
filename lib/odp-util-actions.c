/* odp-util-actions.c: datapath actions: text form, validation, builders
 * and set-action commit (the actions half of odp-util.h).
 *
 * Design: set and set_masked actions reuse the key attribute field tables
 * of odp-util-private.h through the conversions between struct flow and
 * the kernel's struct ovs_key_* layouts (odp_key_from_flow(),
 * odp_key_to_flow()), so that "set(ipv4(ttl=3))" is printed and parsed by
 * the same code as the key "ipv4(ttl=3)". */
#include <config.h>
#include "odp-util.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "netlink.h"
#include "odp-util-private.h"
#include "ofpbuf.h"
#include "packets.h"
#include "util.h"

/* ---------------------------------------------------------------- */
/* Action formatting. */

static const char *
set_attr_name(uint16_t type)
{
    switch (type) {
    case OVS_KEY_ATTR_PRIORITY: return "skb_priority";
    case OVS_KEY_ATTR_SKB_MARK: return "skb_mark";
    case OVS_KEY_ATTR_MPLS: return "mpls";
    }
    const struct odp_table_attr *ta = odp_table_attr_by_type(type);
    return ta ? ta->name : NULL;
}

static void
format_set_key(struct ds *s, const struct nlattr *a, bool masked)
{
    uint16_t type = nl_attr_type(a);
    size_t size = odp_set_key_size(type);
    size_t have = nl_attr_get_size(a);
    const uint8_t *value = nl_attr_get(a);
    uint8_t ones[64];

    if (!size || have != (masked ? 2 * size : size)) {
        ds_put_format(s, "key%"PRIu16"(bad length %zu)", type, have);
        return;
    }
    const uint8_t *maskp = masked ? value + size : ones;
    memset(ones, 0xff, sizeof ones);
    bool exact = odp_is_all_ones(maskp, size);

    if (type == OVS_KEY_ATTR_TCP_FLAGS) {
        be16 v, m;
        memcpy(&v, value, 2);
        memcpy(&m, maskp, 2);
        ds_put_cstr(s, "tcp_flags(");
        odp_format_flags(s, odp_tcp_flag_name, ntohs(v),
                         exact ? TCP_FLAGS_MASK : ntohs(m), TCP_FLAGS_MASK);
        ds_put_char(s, ')');
        return;
    }
    if (type == OVS_KEY_ATTR_PRIORITY || type == OVS_KEY_ATTR_SKB_MARK) {
        uint32_t v = 0, m = 0;
        memcpy(&v, value, 4);
        memcpy(&m, maskp, 4);
        ds_put_format(s, "%s(%#"PRIx32, set_attr_name(type), v);
        if (!exact) {
            ds_put_format(s, "/%#"PRIx32, m);
        }
        ds_put_char(s, ')');
        return;
    }

    struct flow key, mask;
    memset(&key, 0, sizeof key);
    memset(&mask, 0, sizeof mask);
    odp_key_to_flow(type, value, false, &key);
    odp_key_to_flow(type, maskp, true, &mask);
    if (type == OVS_KEY_ATTR_MPLS) {
        ds_put_cstr(s, "mpls(");
        odp_format_mpls(s, key.mpls_lse, mask.mpls_lse, 1);
        ds_put_char(s, ')');
        return;
    }
    if (exact) {
        /* Every field, without masks. */
        struct flow_wildcards wc;
        flow_wildcards_init_exact(&wc);
        odp_format_table_attr(s, odp_table_attr_by_type(type), &key, &wc.masks,
                          true);
    } else {
        odp_format_table_attr(s, odp_table_attr_by_type(type), &key, &mask,
                              false);
    }
}

/* Appends "tunnel(...)" for the nested OVS_TUNNEL_KEY_ATTR_* attributes
 * of set action key 'k', in their order, with "flags(...)" at the end. */
static void
format_set_tunnel(struct ds *s, const struct nlattr *k)
{
    const struct nlattr *a;
    uint32_t flags = 0;
    bool any_flag = false;
    size_t left;

    ds_put_cstr(s, "tunnel(");
    NL_NESTED_FOR_EACH (a, left, k) {
        size_t size = nl_attr_get_size(a);
        switch (nl_attr_type(a)) {
        case OVS_TUNNEL_KEY_ATTR_ID:
            if (size == 8) {
                ds_put_format(s, "tun_id=0x%"PRIx64",",
                              svs_ntohll(nl_attr_get_be64(a)));
                flags |= FLOW_TNL_F_KEY;
                any_flag = true;
            }
            break;
        case OVS_TUNNEL_KEY_ATTR_IPV4_SRC:
        case OVS_TUNNEL_KEY_ATTR_IPV4_DST:
            if (size == 4) {
                be32 ip = nl_attr_get_be32(a);
                ds_put_format(s, "%s="IP_FMT",",
                              nl_attr_type(a) == OVS_TUNNEL_KEY_ATTR_IPV4_SRC
                              ? "src" : "dst", IP_ARGS(ip));
            }
            break;
        case OVS_TUNNEL_KEY_ATTR_IPV6_SRC:
        case OVS_TUNNEL_KEY_ATTR_IPV6_DST:
            if (size == 16) {
                struct in6_addr ip6;
                memcpy(&ip6, nl_attr_get(a), 16);
                ds_put_format(s, "%s=",
                              nl_attr_type(a) == OVS_TUNNEL_KEY_ATTR_IPV6_SRC
                              ? "ipv6_src" : "ipv6_dst");
                ipv6_format_addr(&ip6, s);
                ds_put_char(s, ',');
            }
            break;
        case OVS_TUNNEL_KEY_ATTR_TOS:
            if (size == 1) {
                ds_put_format(s, "tos=%#"PRIx8",", nl_attr_get_u8(a));
            }
            break;
        case OVS_TUNNEL_KEY_ATTR_TTL:
            if (size == 1) {
                ds_put_format(s, "ttl=%"PRIu8",", nl_attr_get_u8(a));
            }
            break;
        case OVS_TUNNEL_KEY_ATTR_TP_SRC:
        case OVS_TUNNEL_KEY_ATTR_TP_DST:
            if (size == 2) {
                ds_put_format(s, "%s=%"PRIu16",",
                              nl_attr_type(a) == OVS_TUNNEL_KEY_ATTR_TP_SRC
                              ? "tp_src" : "tp_dst",
                              ntohs(nl_attr_get_be16(a)));
            }
            break;
        case OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT:
            flags |= FLOW_TNL_F_DONT_FRAGMENT;
            any_flag = true;
            break;
        case OVS_TUNNEL_KEY_ATTR_CSUM:
            flags |= FLOW_TNL_F_CSUM;
            any_flag = true;
            break;
        case OVS_TUNNEL_KEY_ATTR_OAM:
            flags |= FLOW_TNL_F_OAM;
            any_flag = true;
            break;
        }
    }
    if (any_flag) {
        ds_put_cstr(s, "flags(");
        odp_format_flags(s, odp_tun_flag_name, flags, UINT32_MAX,
                         ODP_TNL_FLAGS);
        ds_put_cstr(s, "),");
    }
    ds_chomp(s, ',');
    ds_put_char(s, ')');
}

/* Appends a set(tunnel(...)) action for the tunnel fields that 'key' and
 * 'mask' give, in Open vSwitch's attribute order. */
static void
put_set_tunnel(struct ofpbuf *b, const struct flow_tnl *k,
               const struct flow_tnl *m)
{
    size_t ofs = nl_msg_start_nested(b, OVS_ACTION_ATTR_SET);
    size_t tofs = nl_msg_start_nested(b, OVS_KEY_ATTR_TUNNEL);

    if (m->tun_id || k->flags & FLOW_TNL_F_KEY) {
        nl_msg_put_be64(b, OVS_TUNNEL_KEY_ATTR_ID, k->tun_id);
    }
    if (k->ip_src) {
        nl_msg_put_be32(b, OVS_TUNNEL_KEY_ATTR_IPV4_SRC, k->ip_src);
    }
    if (k->ip_dst) {
        nl_msg_put_be32(b, OVS_TUNNEL_KEY_ATTR_IPV4_DST, k->ip_dst);
    }
    if (!ipv6_is_zero(&k->ipv6_src)) {
        nl_msg_put_unspec(b, OVS_TUNNEL_KEY_ATTR_IPV6_SRC, &k->ipv6_src, 16);
    }
    if (!ipv6_is_zero(&k->ipv6_dst)) {
        nl_msg_put_unspec(b, OVS_TUNNEL_KEY_ATTR_IPV6_DST, &k->ipv6_dst, 16);
    }
    if (k->ip_tos) {
        nl_msg_put_u8(b, OVS_TUNNEL_KEY_ATTR_TOS, k->ip_tos);
    }
    if (m->ip_ttl) {
        nl_msg_put_u8(b, OVS_TUNNEL_KEY_ATTR_TTL, k->ip_ttl);
    }
    if (k->flags & FLOW_TNL_F_DONT_FRAGMENT) {
        nl_msg_put_flag(b, OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT);
    }
    if (k->flags & FLOW_TNL_F_CSUM) {
        nl_msg_put_flag(b, OVS_TUNNEL_KEY_ATTR_CSUM);
    }
    if (k->tp_src) {
        nl_msg_put_be16(b, OVS_TUNNEL_KEY_ATTR_TP_SRC, k->tp_src);
    }
    if (k->tp_dst) {
        nl_msg_put_be16(b, OVS_TUNNEL_KEY_ATTR_TP_DST, k->tp_dst);
    }
    if (k->flags & FLOW_TNL_F_OAM) {
        nl_msg_put_flag(b, OVS_TUNNEL_KEY_ATTR_OAM);
    }
    nl_msg_end_nested(b, tofs);
    nl_msg_end_nested(b, ofs);
}

static void format_actions__(struct ds *, const struct nlattr *, size_t,
                             const struct odp_portno_names *);

/* Appends 'size' bytes of userdata, padded with zeros to at least 8
 * bytes. */
static void
put_userdata(struct ofpbuf *b, const void *data, size_t size)
{
    uint8_t *p = nl_msg_put_unspec_zero(b, OVS_USERSPACE_ATTR_USERDATA,
                                        size < 8 ? 8 : size);
    if (size) {
        memcpy(p, data, size);
    }
}

static const char *
slow_path_reason_name(uint32_t bit)
{
    switch (bit) {
    case ODP_SLOW_CFM: return "cfm";
    case ODP_SLOW_BFD: return "bfd";
    case ODP_SLOW_LACP: return "lacp";
    case ODP_SLOW_STP: return "stp";
    case ODP_SLOW_LLDP: return "lldp";
    case ODP_SLOW_ACTION: return "action";
    case ODP_SLOW_MATCH: return "match";
    }
    return NULL;
}

/* Appends the decoded form of 'userdata' if it is an odp_cookie of a known
 * type and returns true, otherwise returns false. */
static bool
format_cookie(struct ds *s, const void *userdata, size_t size)
{
    struct odp_cookie c;

    if (size != sizeof c) {
        return false;
    }
    memcpy(&c, userdata, sizeof c);
    switch (c.type) {
    case ODP_COOKIE_SFLOW: {
        uint16_t tci = ntohs(c.sflow.vlan_tci);
        ds_put_format(s, "sFlow(vid=%d,pcp=%d,output=%"PRIu32")",
                      tci & VLAN_VID_MASK, tci >> VLAN_PCP_SHIFT,
                      c.sflow.output);
        return true;
    }
    case ODP_COOKIE_SLOW_PATH: {
        uint32_t reason = c.slow_path.reason;
        ds_put_cstr(s, "slow_path(");
        if (!reason) {
            ds_put_char(s, '0');
        }
        while (reason) {
            uint32_t bit = reason & -reason;
            const char *name = slow_path_reason_name(bit);
            if (name) {
                ds_put_cstr(s, name);
            } else {
                ds_put_format(s, "0x%"PRIx32, bit);
            }
            reason &= ~bit;
            ds_put_char(s, reason ? ',' : ')');
        }
        if (!c.slow_path.reason) {
            ds_put_char(s, ')');
        }
        return true;
    }
    case ODP_COOKIE_FLOW_SAMPLE:
        ds_put_format(s, "flow_sample(probability=%"PRIu16
                      ",collector_set_id=%"PRIu32",obs_domain_id=%"PRIu32
                      ",obs_point_id=%"PRIu32",output_port=%"PRIu32,
                      c.flow_sample.probability,
                      c.flow_sample.collector_set_id,
                      c.flow_sample.obs_domain_id,
                      c.flow_sample.obs_point_id,
                      c.flow_sample.output_odp_port);
        if (c.flow_sample.direction == 1) {
            ds_put_cstr(s, ",ingress");
        } else if (c.flow_sample.direction == 2) {
            ds_put_cstr(s, ",egress");
        }
        ds_put_char(s, ')');
        return true;
    case ODP_COOKIE_IPFIX:
        ds_put_format(s, "ipfix(output_port=%"PRIu32")",
                      c.ipfix.output_odp_port);
        return true;
    case ODP_COOKIE_CONTROLLER:
        ds_put_format(s, "controller(reason=%"PRIu16",dont_send=%d,"
                      "continuation=%d,recirc_id=%"PRIu32",rule_cookie=%#"
                      PRIx64",controller_id=%"PRIu16",max_len=%"PRIu16")",
                      c.controller.reason, !!c.controller.dont_send,
                      !!c.controller.continuation, c.controller.recirc_id,
                      svs_ntohll(c.controller.rule_cookie),
                      c.controller.controller_id, c.controller.max_len);
        return true;
    }
    return false;
}

static void
format_userspace(struct ds *s, const struct nlattr *a)
{
    const struct nlattr *nla;
    const struct nlattr *pid = NULL, *userdata = NULL, *tun_port = NULL;
    bool actions = false;
    size_t left;

    NL_NESTED_FOR_EACH (nla, left, a) {
        switch (nl_attr_type(nla)) {
        case OVS_USERSPACE_ATTR_PID:
            pid = nla;
            break;
        case OVS_USERSPACE_ATTR_USERDATA:
            userdata = nla;
            break;
        case OVS_USERSPACE_ATTR_EGRESS_TUN_PORT:
            tun_port = nla;
            break;
        case OVS_USERSPACE_ATTR_ACTIONS:
            actions = true;
            break;
        }
    }
    ds_put_cstr(s, "userspace(");
    if (pid) {
        ds_put_format(s, "pid=%"PRIu32, nl_attr_get_u32(pid));
    }
    if (userdata) {
        ds_put_char(s, ',');
        if (!format_cookie(s, nl_attr_get(userdata),
                           nl_attr_get_size(userdata))) {
            ds_put_cstr(s, "userdata(");
            ds_put_hex(s, nl_attr_get(userdata), nl_attr_get_size(userdata));
            ds_put_char(s, ')');
        }
    }
    if (actions) {
        ds_put_cstr(s, ",actions");
    }
    if (tun_port) {
        ds_put_format(s, ",tunnel_out_port=%"PRIu32,
                      nl_attr_get_u32(tun_port));
    }
    ds_put_char(s, ')');
}

static void
format_ct(struct ds *s, const struct nlattr *a)
{
    const struct nlattr *nla;
    size_t left;
    size_t start;

    ds_put_cstr(s, "ct(");
    start = s->length;
    NL_NESTED_FOR_EACH (nla, left, a) {
        switch (nl_attr_type(nla)) {
        case OVS_CT_ATTR_COMMIT:
            ds_put_cstr(s, "commit,");
            break;
        case OVS_CT_ATTR_FORCE_COMMIT:
            ds_put_cstr(s, "force_commit,");
            break;
        case OVS_CT_ATTR_ZONE:
            ds_put_format(s, "zone=%"PRIu16",", nl_attr_get_u16(nla));
            break;
        case OVS_CT_ATTR_MARK: {
            const uint32_t *mk = nl_attr_get(nla);
            ds_put_format(s, "mark=%#"PRIx32"/%#"PRIx32",", mk[0], mk[1]);
            break;
        }
        case OVS_CT_ATTR_LABELS: {
            svs_u128 v, m;
            memcpy(&v, nl_attr_get(nla), 16);
            memcpy(&m, (const uint8_t *) nl_attr_get(nla) + 16, 16);
            ds_put_cstr(s, "label=");
            odp_format_u128_hex(s, v);
            if (!odp_u128_is_ones(m)) {
                ds_put_char(s, '/');
                odp_format_u128_hex(s, m);
            }
            ds_put_char(s, ',');
            break;
        }
        case OVS_CT_ATTR_HELPER:
            ds_put_format(s, "helper=%s,", nl_attr_get_string(nla)
                          ? nl_attr_get_string(nla) : "");
            break;
        case OVS_CT_ATTR_TIMEOUT:
            ds_put_format(s, "timeout=%s,", nl_attr_get_string(nla)
                          ? nl_attr_get_string(nla) : "");
            break;
        case OVS_CT_ATTR_NAT: {
            const struct nlattr *n;
            size_t nleft;
            be32 min4 = 0, max4 = 0;
            struct in6_addr min6 = IN6ADDR_ANY_INIT, max6 = IN6ADDR_ANY_INIT;
            bool v6 = false;
            uint16_t pmin = 0, pmax = 0;
            const char *kind = NULL;
            bool persistent = false, hash = false, random = false;

            NL_NESTED_FOR_EACH (n, nleft, nla) {
                switch (nl_attr_type(n)) {
                case OVS_NAT_ATTR_SRC: kind = "src"; break;
                case OVS_NAT_ATTR_DST: kind = "dst"; break;
                case OVS_NAT_ATTR_IP_MIN:
                    if (nl_attr_get_size(n) == 16) {
                        memcpy(&min6, nl_attr_get(n), 16);
                        v6 = true;
                    } else {
                        min4 = nl_attr_get_be32(n);
                    }
                    break;
                case OVS_NAT_ATTR_IP_MAX:
                    if (nl_attr_get_size(n) == 16) {
                        memcpy(&max6, nl_attr_get(n), 16);
                        v6 = true;
                    } else {
                        max4 = nl_attr_get_be32(n);
                    }
                    break;
                case OVS_NAT_ATTR_PROTO_MIN: pmin = nl_attr_get_u16(n); break;
                case OVS_NAT_ATTR_PROTO_MAX: pmax = nl_attr_get_u16(n); break;
                case OVS_NAT_ATTR_PERSISTENT: persistent = true; break;
                case OVS_NAT_ATTR_PROTO_HASH: hash = true; break;
                case OVS_NAT_ATTR_PROTO_RANDOM: random = true; break;
                }
            }
            ds_put_cstr(s, "nat");
            if (kind) {
                ds_put_format(s, "(%s", kind);
                if (min4 || v6) {
                    ds_put_char(s, '=');
                    if (v6) {
                        bool brackets = pmin != 0;
                        if (brackets) {
                            ds_put_char(s, '[');
                        }
                        ipv6_format_addr(&min6, s);
                        if (!ipv6_is_zero(&max6)
                            && !ipv6_addr_equals(&min6, &max6)) {
                            ds_put_char(s, '-');
                            ipv6_format_addr(&max6, s);
                        }
                        if (brackets) {
                            ds_put_char(s, ']');
                        }
                    } else {
                        ds_put_format(s, IP_FMT, IP_ARGS(min4));
                        if (max4 && max4 != min4) {
                            ds_put_format(s, "-"IP_FMT, IP_ARGS(max4));
                        }
                    }
                    if (pmin) {
                        ds_put_format(s, ":%"PRIu16, pmin);
                        if (pmax && pmax != pmin) {
                            ds_put_format(s, "-%"PRIu16, pmax);
                        }
                    }
                }
                if (persistent) {
                    ds_put_cstr(s, ",persistent");
                }
                if (hash) {
                    ds_put_cstr(s, ",hash");
                }
                if (random) {
                    ds_put_cstr(s, ",random");
                }
                ds_put_char(s, ')');
            }
            ds_put_char(s, ',');
            break;
        }
        }
    }
    if (s->length == start) {
        ds_truncate(s, start - 1);
    } else {
        ds_chomp(s, ',');
        ds_put_char(s, ')');
    }
}

static void
format_action(struct ds *s, const struct nlattr *a,
              const struct odp_portno_names *names)
{
    uint16_t type = nl_attr_type(a);
    size_t size = nl_attr_get_size(a);

    switch (type) {
    case OVS_ACTION_ATTR_OUTPUT:
        odp_format_port(s, nl_attr_get_u32(a), names);
        break;
    case OVS_ACTION_ATTR_USERSPACE:
        format_userspace(s, a);
        break;
    case OVS_ACTION_ATTR_SET:
    case OVS_ACTION_ATTR_SET_MASKED: {
        const struct nlattr *k = nl_attr_get(a);
        ds_put_cstr(s, "set(");
        if (type == OVS_ACTION_ATTR_SET
            && nl_attr_type(k) == OVS_KEY_ATTR_TUNNEL) {
            format_set_tunnel(s, k);
        } else {
            format_set_key(s, k, type == OVS_ACTION_ATTR_SET_MASKED);
        }
        ds_put_char(s, ')');
        break;
    }
    case OVS_ACTION_ATTR_PUSH_VLAN: {
        const struct ovs_action_push_vlan *pv = nl_attr_get(a);
        uint16_t tci = ntohs(pv->vlan_tci);
        ds_put_cstr(s, "push_vlan(");
        if (pv->vlan_tpid != htons(ETH_TYPE_VLAN_8021Q)) {
            ds_put_format(s, "tpid=0x%04"PRIx16",", ntohs(pv->vlan_tpid));
        }
        ds_put_format(s, "vid=%d,pcp=%d", tci & VLAN_VID_MASK,
                      tci >> VLAN_PCP_SHIFT);
        if (!(tci & VLAN_CFI)) {
            ds_put_cstr(s, ",cfi=0");
        }
        ds_put_char(s, ')');
        break;
    }
    case OVS_ACTION_ATTR_POP_VLAN:
        ds_put_cstr(s, "pop_vlan");
        break;
    case OVS_ACTION_ATTR_SAMPLE: {
        const struct nlattr *nla;
        size_t left;
        ds_put_cstr(s, "sample(");
        NL_NESTED_FOR_EACH (nla, left, a) {
            if (nl_attr_type(nla) == OVS_SAMPLE_ATTR_PROBABILITY) {
                ds_put_format(s, "sample=%.1f%%,",
                              nl_attr_get_u32(nla) / (double) UINT32_MAX
                              * 100.0);
            } else if (nl_attr_type(nla) == OVS_SAMPLE_ATTR_ACTIONS) {
                ds_put_cstr(s, "actions(");
                format_actions__(s, nl_attr_get(nla), nl_attr_get_size(nla),
                                 names);
                ds_put_cstr(s, "),");
            }
        }
        ds_chomp(s, ',');
        ds_put_char(s, ')');
        break;
    }
    case OVS_ACTION_ATTR_RECIRC:
        ds_put_format(s, "recirc(%#"PRIx32")", nl_attr_get_u32(a));
        break;
    case OVS_ACTION_ATTR_HASH: {
        const struct ovs_action_hash *h = nl_attr_get(a);
        ds_put_format(s, "hash(%s(%"PRIu32"))",
                      h->hash_alg == ODP_HASH_ALG_SYM_L4 ? "sym_l4" : "l4",
                      h->hash_basis);
        break;
    }
    case OVS_ACTION_ATTR_PUSH_MPLS: {
        const struct ovs_action_push_mpls *pm = nl_attr_get(a);
        be32 lse = pm->mpls_lse;
        ds_put_format(s, "push_mpls(label=%"PRIu32",tc=%d,ttl=%d,bos=%d,"
                      "eth_type=0x%"PRIx16")", mpls_lse_to_label(lse),
                      mpls_lse_to_tc(lse), mpls_lse_to_ttl(lse),
                      mpls_lse_to_bos(lse), ntohs(pm->mpls_ethertype));
        break;
    }
    case OVS_ACTION_ATTR_POP_MPLS:
        ds_put_format(s, "pop_mpls(eth_type=0x%"PRIx16")",
                      ntohs(nl_attr_get_be16(a)));
        break;
    case OVS_ACTION_ATTR_CT:
        format_ct(s, a);
        break;
    case OVS_ACTION_ATTR_CT_CLEAR:
        ds_put_cstr(s, "ct_clear");
        break;
    case OVS_ACTION_ATTR_TRUNC: {
        const struct ovs_action_trunc *t = nl_attr_get(a);
        ds_put_format(s, "trunc(%"PRIu32")", t->max_len);
        break;
    }
    case OVS_ACTION_ATTR_METER:
        ds_put_format(s, "meter(%"PRIu32")", nl_attr_get_u32(a));
        break;
    case OVS_ACTION_ATTR_CLONE:
        ds_put_cstr(s, "clone(");
        format_actions__(s, nl_attr_get(a), size, names);
        ds_put_char(s, ')');
        break;
    case OVS_ACTION_ATTR_CHECK_PKT_LEN: {
        const struct nlattr *nla;
        size_t left;
        ds_put_cstr(s, "check_pkt_len(");
        NL_NESTED_FOR_EACH (nla, left, a) {
            switch (nl_attr_type(nla)) {
            case OVS_CHECK_PKT_LEN_ATTR_PKT_LEN:
                ds_put_format(s, "size=%"PRIu16",", nl_attr_get_u16(nla));
                break;
            case OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER:
                ds_put_cstr(s, "gt(");
                format_actions__(s, nl_attr_get(nla), nl_attr_get_size(nla),
                                 names);
                ds_put_cstr(s, "),");
                break;
            case OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL:
                ds_put_cstr(s, "le(");
                format_actions__(s, nl_attr_get(nla), nl_attr_get_size(nla),
                                 names);
                ds_put_cstr(s, "),");
                break;
            }
        }
        ds_chomp(s, ',');
        ds_put_char(s, ')');
        break;
    }
    case ODP_ACTION_ATTR_TUNNEL_POP:
        ds_put_format(s, "tnl_pop(%"PRIu32")", nl_attr_get_u32(a));
        break;
    case ODP_ACTION_ATTR_LB_OUTPUT:
        ds_put_format(s, "lb_output(%"PRIu32")", nl_attr_get_u32(a));
        break;
    case ODP_ACTION_ATTR_DROP:
        ds_put_cstr(s, "drop");
        break;
    default:
        ds_put_format(s, "action%"PRIu16"(", type);
        ds_put_hex(s, nl_attr_get(a), size);
        ds_put_char(s, ')');
        break;
    }
}

static void
format_actions__(struct ds *s, const struct nlattr *actions, size_t len,
                 const struct odp_portno_names *names)
{
    const struct nlattr *a;
    size_t left;

    if (!len) {
        ds_put_cstr(s, "drop");
        return;
    }
    NL_ATTR_FOR_EACH (a, left, actions, len) {
        if (a != actions) {
            ds_put_char(s, ',');
        }
        format_action(s, a, names);
    }
    if (left) {
        ds_put_format(s, ",***%zu leftover bytes***", left);
    }
}

void
format_odp_actions(struct ds *s, const struct nlattr *actions,
                   size_t actions_len, const struct odp_portno_names *names)
{
    format_actions__(s, actions, actions_len, names);
}

/* ---------------------------------------------------------------- */
/* Action parsing. */

static char *parse_actions(const char *s, size_t len,
                           const struct odp_portno_names *,
                           struct ofpbuf *, int depth);

static char *
parse_set(const char *in, size_t ilen, struct ofpbuf *actions)
{
    const char *open = memchr(in, '(', ilen);
    if (!open || in[ilen - 1] != ')') {
        return xasprintf("set: syntax error at %.*s", (int) ilen, in);
    }
    size_t nlen = open - in;
    const char *fin = open + 1;
    size_t flen = ilen - nlen - 2;
    uint16_t type = 0;
    uint8_t value[64], mask[64];

    if (nlen == 6 && !memcmp(in, "tunnel", 6)) {
        struct flow key, fmask;
        struct odp_key_parse kp = { NULL, &key, &fmask, 0 };
        memset(&key, 0, sizeof key);
        memset(&fmask, 0, sizeof fmask);
        char *error = odp_parse_tunnel(&kp, fin, flen);
        if (error) {
            return error;
        }
        put_set_tunnel(actions, &key.tunnel, &fmask.tunnel);
        return NULL;
    }
    if (nlen == 12 && !memcmp(in, "skb_priority", 12)) {
        type = OVS_KEY_ATTR_PRIORITY;
    } else if (nlen == 8 && !memcmp(in, "skb_mark", 8)) {
        type = OVS_KEY_ATTR_SKB_MARK;
    } else if (nlen == 9 && !memcmp(in, "tcp_flags", 9)) {
        uint32_t f, fm;
        char *error = odp_parse_flags(fin, flen, odp_tcp_flag_name,
                                      TCP_FLAGS_MASK, &f, &fm);
        if (error) {
            return error;
        }
        if (f > UINT16_MAX || fm > UINT16_MAX) {
            return xstrdup("tcp_flags: value out of range");
        }
        /* Flags given by name cover the 12 flag bits: exact. */
        be16 v16 = htons(f);
        be16 m16 = htons(fm == TCP_FLAGS_MASK ? 0xffff : fm);
        type = OVS_KEY_ATTR_TCP_FLAGS;
        memcpy(value, &v16, 2);
        memcpy(mask, &m16, 2);
    }
    if (type == OVS_KEY_ATTR_TCP_FLAGS) {
        /* Already parsed. */
    } else if (type) {
        uint32_t v = 0, m = 0;
        char *error = odp_parse_u32_value(fin, flen, &v, &m);
        if (error) {
            return error;
        }
        memcpy(value, &v, 4);
        memcpy(mask, &m, 4);
    } else {
        struct flow key, fmask;
        struct odp_key_parse kp = { NULL, &key, &fmask, 0 };
        const struct odp_table_attr *ta = odp_table_attr_by_name(in, nlen);
        char *error;

        memset(&key, 0, sizeof key);
        memset(&fmask, 0, sizeof fmask);
        if (ta && odp_set_key_size(ta->type)) {
            type = ta->type;
            error = odp_parse_table_fields(ta, fin, flen, &key, &fmask);
        } else if (nlen == 4 && !memcmp(in, "mpls", 4)) {
            type = OVS_KEY_ATTR_MPLS;
            error = odp_parse_mpls(&kp, fin, flen);
        } else {
            return xasprintf("set: unsupported field \"%.*s\"", (int) nlen,
                             in);
        }
        if (error) {
            return error;
        }
        odp_key_from_flow(type, &key, false, value);
        odp_key_from_flow(type, &fmask, true, mask);
    }

    /* Value bits outside the mask stay as written, as Open vSwitch keeps
     * them; executing the action ignores them. */
    size_t size = odp_set_key_size(type);
    if (odp_is_all_ones(mask, size)) {
        size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_SET);
        nl_msg_put_unspec(actions, type, value, size);
        nl_msg_end_nested(actions, ofs);
    } else {
        size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_SET_MASKED);
        uint8_t *p = nl_msg_put_unspec_uninit(actions, type, 2 * size);
        memcpy(p, value, size);
        memcpy(p + size, mask, size);
        nl_msg_end_nested(actions, ofs);
    }
    return NULL;
}

/* Parses "NAME=VALUE,..." in the 'len' bytes at 's' against the 'n'
 * names in 'names', storing each value (no larger than the matching
 * 'maxes' entry) in 'values'.  Every name must appear, in any order, and
 * once; 'n_flags' trailing words of 'flags' may appear bare, setting the
 * bits of '*flag_bits'. */
static char *
parse_named_values(const char *what, const char *s, size_t len,
                   const char *const names[], const uint64_t maxes[],
                   uint64_t values[], size_t n, const char *const flags[],
                   size_t n_flags, uint32_t *flag_bits)
{
    const char *end = s + len;
    uint64_t seen = 0;

    if (flag_bits) {
        *flag_bits = 0;
    }
    while (s < end) {
        size_t item = odp_span_item(s);
        const char *eq = memchr(s, '=', item);
        bool ok = false;
        for (size_t i = 0; !ok && eq && i < n; i++) {
            if (strlen(names[i]) == (size_t) (eq - s)
                && !memcmp(names[i], s, eq - s) && !(seen & (1u << i))
                && odp_parse_uint(eq + 1, item - (eq + 1 - s), maxes[i],
                                  &values[i])) {
                seen |= 1u << i;
                ok = true;
            }
        }
        for (size_t i = 0; !ok && !eq && i < n_flags; i++) {
            if (strlen(flags[i]) == item && !memcmp(flags[i], s, item)) {
                *flag_bits |= 1u << i;
                ok = true;
            }
        }
        if (!ok) {
            return xasprintf("%s: bad argument \"%.*s\"", what, (int) item,
                             s);
        }
        s += item;
        if (s < end && *s == ',') {
            s++;
        }
    }
    if (seen != (UINT64_C(1) << n) - 1) {
        return xasprintf("%s: missing arguments", what);
    }
    return NULL;
}

/* Parses a cookie form ("controller(...)" and the like) at 's' of 'n'
 * bytes into '*c'.  Returns 1 if 's' is one (with '*error' set on a bad
 * one), 0 if it is not. */
static int
parse_cookie(const char *s, size_t n, struct odp_cookie *c, char **error)
{
    const char *in;
    int len;

    memset(c, 0, sizeof *c);
    *error = NULL;
#define COOKIE(NAME) ((len = odp_scan_parens(s, NAME, &in)) >= 0 \
                      && (size_t) len + strlen(NAME) + 2 == n)
    if (COOKIE("controller")) {
        static const char *const names[] = {
            "reason", "dont_send", "continuation", "recirc_id",
            "rule_cookie", "controller_id", "max_len" };
        static const uint64_t maxes[] = {
            UINT16_MAX, 1, 1, UINT32_MAX, UINT64_MAX, UINT16_MAX,
            UINT16_MAX };
        uint64_t v[7];
        *error = parse_named_values("controller", in, len, names, maxes, v,
                                    7, NULL, 0, NULL);
        c->type = ODP_COOKIE_CONTROLLER;
        if (!*error) {
            c->controller.reason = v[0];
            c->controller.dont_send = v[1];
            c->controller.continuation = v[2];
            c->controller.recirc_id = v[3];
            c->controller.rule_cookie = svs_htonll(v[4]);
            c->controller.controller_id = v[5];
            c->controller.max_len = v[6];
        }
    } else if (COOKIE("sFlow")) {
        static const char *const names[] = { "vid", "pcp", "output" };
        static const uint64_t maxes[] = { VLAN_VID_MASK, 7, UINT32_MAX };
        uint64_t v[3];
        *error = parse_named_values("sFlow", in, len, names, maxes, v, 3,
                                    NULL, 0, NULL);
        c->type = ODP_COOKIE_SFLOW;
        if (!*error) {
            c->sflow.vlan_tci = htons(v[0] | (v[1] << VLAN_PCP_SHIFT));
            c->sflow.output = v[2];
        }
    } else if (COOKIE("slow_path")) {
        /* Reasons separated by ',' (as printed) or '|'. */
        char *copy = xmemdup0(in, len);
        for (char *p = copy; *p; p++) {
            if (*p == '|') {
                *p = ',';
            }
        }
        uint32_t reason = 0;
        const char *end = copy + len;
        in = copy;
        c->type = ODP_COOKIE_SLOW_PATH;
        while (in < end && !*error) {
            size_t item = odp_span_item(in);
            size_t k = 0;
            uint64_t x;
            for (uint32_t bit = 1; bit <= ODP_SLOW_MATCH; bit <<= 1) {
                const char *name = slow_path_reason_name(bit);
                if (strlen(name) == item && !memcmp(name, in, item)) {
                    reason |= bit;
                    k = item;
                }
            }
            if (!k) {
                if (odp_parse_uint(in, item, UINT32_MAX, &x)) {
                    reason |= x;
                } else {
                    *error = xasprintf("slow_path: bad reason \"%.*s\"",
                                       (int) item, in);
                }
            }
            in += item;
            if (in < end && *in == ',') {
                in++;
            }
        }
        c->slow_path.reason = reason;
        free(copy);
    } else if (COOKIE("flow_sample")) {
        static const char *const names[] = {
            "probability", "collector_set_id", "obs_domain_id",
            "obs_point_id", "output_port" };
        static const uint64_t maxes[] = {
            UINT16_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX };
        static const char *const dirs[] = { "ingress", "egress" };
        uint64_t v[5];
        uint32_t dir;
        *error = parse_named_values("flow_sample", in, len, names, maxes, v,
                                    5, dirs, 2, &dir);
        c->type = ODP_COOKIE_FLOW_SAMPLE;
        if (!*error && dir == 3) {
            *error = xstrdup("flow_sample: both ingress and egress");
        }
        if (!*error) {
            c->flow_sample.probability = v[0];
            c->flow_sample.collector_set_id = v[1];
            c->flow_sample.obs_domain_id = v[2];
            c->flow_sample.obs_point_id = v[3];
            c->flow_sample.output_odp_port = v[4];
            c->flow_sample.direction = dir == 1 ? 1 : dir == 2 ? 2 : 0;
        }
    } else if (COOKIE("ipfix")) {
        static const char *const names[] = { "output_port" };
        static const uint64_t maxes[] = { UINT32_MAX };
        uint64_t v[1];
        *error = parse_named_values("ipfix", in, len, names, maxes, v, 1,
                                    NULL, 0, NULL);
        c->type = ODP_COOKIE_IPFIX;
        if (!*error) {
            c->ipfix.output_odp_port = v[0];
        }
    } else {
        return 0;
    }
#undef COOKIE
    return 1;
}

static char *
parse_userspace(const char *in, size_t ilen, struct ofpbuf *actions)
{
    const char *end = in + ilen;
    uint64_t pid = 0;
    bool have_pid = false, have_actions = false, have_tun_port = false;
    uint64_t tun_port = 0;
    struct ofpbuf userdata;
    bool have_userdata = false;
    char *error = NULL;

    ofpbuf_init(&userdata, 64);
    while (in < end && !error) {
        size_t n = odp_span_item(in);
        const char *inside;
        int len;
        struct odp_cookie cookie;

        if (!have_pid && n > 4 && !strncmp(in, "pid=", 4)
            && odp_parse_uint(in + 4, n - 4, UINT32_MAX, &pid)) {
            have_pid = true;
        } else if (!have_userdata
                   && (len = odp_scan_parens(in, "userdata", &inside)) >= 0
                   && (size_t) len + 10 == n) {
            if (len % 2) {
                error = xstrdup("userspace: odd number of hex digits");
            }
            for (int i = 0; !error && i < len / 2; i++) {
                int hi = odp_hexit(inside[2 * i]);
                int lo = odp_hexit(inside[2 * i + 1]);
                if (hi < 0 || lo < 0) {
                    error = xstrdup("userspace: bad userdata");
                } else {
                    uint8_t byte = hi * 16 + lo;
                    ofpbuf_put(&userdata, &byte, 1);
                }
            }
            have_userdata = true;
        } else if (!have_userdata && parse_cookie(in, n, &cookie, &error)) {
            ofpbuf_put(&userdata, &cookie, sizeof cookie);
            have_userdata = true;
        } else if (n > 16 && !strncmp(in, "tunnel_out_port=", 16)
                   && odp_parse_uint(in + 16, n - 16, UINT32_MAX,
                                     &tun_port)) {
            have_tun_port = true;
        } else if (n == 7 && !strncmp(in, "actions", 7)) {
            have_actions = true;
        } else if (!error) {
            error = xasprintf("userspace: bad argument \"%.*s\"", (int) n,
                              in);
        }
        in += n;
        if (in < end && *in == ',') {
            in++;
        }
    }
    if (!error && !have_pid) {
        error = xstrdup("userspace: missing pid");
    }
    if (!error) {
        /* Without userdata, an unspecified cookie, as Open vSwitch puts. */
        if (!have_userdata) {
            ofpbuf_put_zeros(&userdata, sizeof(struct odp_cookie));
        }
        size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_USERSPACE);
        nl_msg_put_u32(actions, OVS_USERSPACE_ATTR_PID, pid);
        put_userdata(actions, userdata.data, userdata.size);
        if (have_tun_port) {
            nl_msg_put_u32(actions, OVS_USERSPACE_ATTR_EGRESS_TUN_PORT,
                           tun_port);
        }
        if (have_actions) {
            nl_msg_put_flag(actions, OVS_USERSPACE_ATTR_ACTIONS);
        }
        nl_msg_end_nested(actions, ofs);
    }
    ofpbuf_uninit(&userdata);
    return error;
}

static char *
parse_nat(const char *in, size_t ilen, struct ofpbuf *actions)
{
    size_t ofs = nl_msg_start_nested(actions, OVS_CT_ATTR_NAT);
    const char *end = in + ilen;
    char *error = NULL;

    while (in < end && !error) {
        size_t n = odp_span_item(in);
        char *item = xmemdup0(in, n);
        if (!strncmp(item, "src", 3) || !strncmp(item, "dst", 3)) {
            nl_msg_put_flag(actions, item[0] == 's' ? OVS_NAT_ATTR_SRC
                            : OVS_NAT_ATTR_DST);
            if (item[3] == '=') {
                char *addr = item + 4;
                char *ports = NULL;
                if (addr[0] == '[') {
                    char *close = strchr(addr, ']');
                    if (!close) {
                        error = xstrdup("nat: missing ]");
                        free(item);
                        break;
                    }
                    *close = '\0';
                    addr++;
                    if (close[1] == ':') {
                        ports = close + 2;
                    }
                } else if (!strchr(addr, '.') && strchr(addr, ':')) {
                    /* A bare IPv6 address without ports. */
                } else {
                    ports = strchr(addr, ':');
                    if (ports) {
                        *ports++ = '\0';
                    }
                }
                char *dash = strchr(addr, '-');
                if (dash) {
                    *dash++ = '\0';
                }
                be32 a4;
                struct in6_addr a6;
                if (ip_parse(addr, &a4)) {
                    nl_msg_put_be32(actions, OVS_NAT_ATTR_IP_MIN, a4);
                    if (dash) {
                        if (!ip_parse(dash, &a4)) {
                            error = xasprintf("nat: bad address %s", dash);
                        } else {
                            nl_msg_put_be32(actions, OVS_NAT_ATTR_IP_MAX, a4);
                        }
                    }
                } else if (ipv6_parse(addr, &a6)) {
                    nl_msg_put_unspec(actions, OVS_NAT_ATTR_IP_MIN, &a6, 16);
                    if (dash) {
                        if (!ipv6_parse(dash, &a6)) {
                            error = xasprintf("nat: bad address %s", dash);
                        } else {
                            nl_msg_put_unspec(actions, OVS_NAT_ATTR_IP_MAX,
                                              &a6, 16);
                        }
                    }
                } else {
                    error = xasprintf("nat: bad address %s", addr);
                }
                if (!error && ports) {
                    char *pdash = strchr(ports, '-');
                    uint64_t lo, hi;
                    if (pdash) {
                        *pdash++ = '\0';
                    }
                    if (!odp_parse_uint(ports, strlen(ports), UINT16_MAX, &lo)
                        || (pdash && !odp_parse_uint(pdash, strlen(pdash),
                                                 UINT16_MAX, &hi))) {
                        error = xstrdup("nat: bad port range");
                    } else {
                        nl_msg_put_u16(actions, OVS_NAT_ATTR_PROTO_MIN, lo);
                        if (pdash) {
                            nl_msg_put_u16(actions, OVS_NAT_ATTR_PROTO_MAX,
                                           hi);
                        }
                    }
                }
            } else if (item[3]) {
                error = xasprintf("nat: bad argument %s", item);
            }
        } else if (!strcmp(item, "persistent")) {
            nl_msg_put_flag(actions, OVS_NAT_ATTR_PERSISTENT);
        } else if (!strcmp(item, "hash")) {
            nl_msg_put_flag(actions, OVS_NAT_ATTR_PROTO_HASH);
        } else if (!strcmp(item, "random")) {
            nl_msg_put_flag(actions, OVS_NAT_ATTR_PROTO_RANDOM);
        } else {
            error = xasprintf("nat: bad argument %s", item);
        }
        free(item);
        in += n;
        if (in < end && *in == ',') {
            in++;
        }
    }
    nl_msg_end_nested(actions, ofs);
    return error;
}

static char *
parse_ct(const char *in, size_t ilen, struct ofpbuf *actions)
{
    size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_CT);
    const char *end = in + ilen;

    while (in < end) {
        size_t n = odp_span_item(in);
        const char *inside;
        int len;
        uint64_t x, xm;
        char *error = NULL;

        if (n == 6 && !strncmp(in, "commit", 6)) {
            nl_msg_put_flag(actions, OVS_CT_ATTR_COMMIT);
        } else if (n == 12 && !strncmp(in, "force_commit", 12)) {
            nl_msg_put_flag(actions, OVS_CT_ATTR_FORCE_COMMIT);
        } else if (n > 5 && !strncmp(in, "zone=", 5)
                   && odp_parse_uint_dec(in + 5, n - 5, UINT16_MAX, &x)) {
            nl_msg_put_u16(actions, OVS_CT_ATTR_ZONE, x);
        } else if (n > 5 && !strncmp(in, "mark=", 5)
                   && odp_parse_uint_masked(in + 5, n - 5, UINT32_MAX, &x,
                                            &xm)) {
            uint32_t mk[2] = { x, xm };
            nl_msg_put_unspec(actions, OVS_CT_ATTR_MARK, mk, sizeof mk);
        } else if (n > 6 && !strncmp(in, "label=", 6)) {
            svs_u128 lv[2];
            error = odp_parse_u128_value(in + 6, n - 6, &lv[0], &lv[1]);
            if (!error) {
                nl_msg_put_unspec(actions, OVS_CT_ATTR_LABELS, lv, sizeof lv);
            }
        } else if (n > 7 && !strncmp(in, "helper=", 7)) {
            char *h = xmemdup0(in + 7, n - 7);
            nl_msg_put_string(actions, OVS_CT_ATTR_HELPER, h);
            free(h);
        } else if (n > 8 && !strncmp(in, "timeout=", 8)) {
            char *h = xmemdup0(in + 8, n - 8);
            nl_msg_put_string(actions, OVS_CT_ATTR_TIMEOUT, h);
            free(h);
        } else if (n == 3 && !strncmp(in, "nat", 3)) {
            size_t nofs = nl_msg_start_nested(actions, OVS_CT_ATTR_NAT);
            nl_msg_end_nested(actions, nofs);
        } else if ((len = odp_scan_parens(in, "nat", &inside)) >= 0
                   && (size_t) len + 5 == n) {
            error = parse_nat(inside, len, actions);
        } else {
            error = xasprintf("ct: bad argument \"%.*s\"", (int) n, in);
        }
        if (error) {
            return error;
        }
        in += n;
        if (in < end && *in == ',') {
            in++;
        }
    }
    const struct nlattr *ct = ofpbuf_at_assert(actions, ofs, NLA_HDRLEN);
    size_t ct_len = actions->size - ofs - NLA_HDRLEN;
    if (nl_attr_find((const struct nlattr *) (ct + 1), ct_len,
                     OVS_CT_ATTR_COMMIT)
        && nl_attr_find((const struct nlattr *) (ct + 1), ct_len,
                        OVS_CT_ATTR_FORCE_COMMIT)) {
        return xstrdup("ct: commit and force_commit exclude each other");
    }
    nl_msg_end_nested(actions, ofs);
    return NULL;
}

static char *
parse_push_vlan(const char *in, size_t ilen, struct ofpbuf *actions)
{
    const char *end = in + ilen;
    uint16_t tpid = ETH_TYPE_VLAN_8021Q, vid = 0, pcp = 0, cfi = 1;

    while (in < end) {
        size_t n = odp_span_item(in);
        const char *eq = memchr(in, '=', n);
        uint64_t x;
        if (!eq || !odp_parse_uint(eq + 1, n - (eq + 1 - in), UINT16_MAX,
                                   &x)) {
            return xasprintf("push_vlan: bad argument \"%.*s\"", (int) n, in);
        }
        size_t nlen = eq - in;
        if (nlen == 4 && !memcmp(in, "tpid", 4)) {
            tpid = x;
        } else if (nlen == 3 && !memcmp(in, "vid", 3) && x <= VLAN_VID_MASK) {
            vid = x;
        } else if (nlen == 3 && !memcmp(in, "pcp", 3) && x <= 7) {
            pcp = x;
        } else if (nlen == 3 && !memcmp(in, "cfi", 3) && x <= 1) {
            cfi = x;
        } else {
            return xasprintf("push_vlan: bad argument \"%.*s\"", (int) n, in);
        }
        in += n;
        if (in < end && *in == ',') {
            in++;
        }
    }
    odp_put_push_vlan_action(actions, htons(tpid),
                             htons(vid | (pcp << VLAN_PCP_SHIFT)
                                   | (cfi ? VLAN_CFI : 0)));
    return NULL;
}

static char *
parse_push_mpls(const char *in, size_t ilen, struct ofpbuf *actions)
{
    const char *end = in + ilen;
    uint64_t label = 0, tc = 0, ttl = 0, bos = 0, eth_type = ETH_TYPE_MPLS;

    while (in < end) {
        size_t n = odp_span_item(in);
        const char *eq = memchr(in, '=', n);
        uint64_t x;
        if (!eq || !odp_parse_uint(eq + 1, n - (eq + 1 - in), UINT32_MAX,
                                   &x)) {
            return xasprintf("push_mpls: bad argument \"%.*s\"", (int) n, in);
        }
        size_t nlen = eq - in;
        if (nlen == 5 && !memcmp(in, "label", 5) && x < (1 << 20)) {
            label = x;
        } else if (nlen == 2 && !memcmp(in, "tc", 2) && x < 8) {
            tc = x;
        } else if (nlen == 3 && !memcmp(in, "ttl", 3) && x < 256) {
            ttl = x;
        } else if (nlen == 3 && !memcmp(in, "bos", 3) && x < 2) {
            bos = x;
        } else if (nlen == 8 && !memcmp(in, "eth_type", 8) && x <= 0xffff) {
            eth_type = x;
        } else {
            return xasprintf("push_mpls: bad argument \"%.*s\"", (int) n, in);
        }
        in += n;
        if (in < end && *in == ',') {
            in++;
        }
    }
    struct ovs_action_push_mpls pm = {
        .mpls_lse = mpls_lse_from_fields(label, tc, bos, ttl),
        .mpls_ethertype = htons(eth_type),
    };
    nl_msg_put_unspec(actions, OVS_ACTION_ATTR_PUSH_MPLS, &pm, sizeof pm);
    return NULL;
}

/* Parses a check_pkt_len() branch, where (unlike in clone() and sample(),
 * as in Open vSwitch) "drop" stands for an empty list. */
static char *
parse_branch(const char *s, size_t len, const struct odp_portno_names *names,
             struct ofpbuf *actions, int depth)
{
    if (len == 4 && !strncmp(s, "drop", 4)) {
        return NULL;
    }
    return parse_actions(s, len, names, actions, depth);
}

static char *
parse_check_pkt_len(const char *in, size_t ilen,
                    const struct odp_portno_names *names,
                    struct ofpbuf *actions, int depth)
{
    const char *end = in + ilen;
    size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_CHECK_PKT_LEN);
    int stage = 0;

    while (in < end) {
        size_t n = odp_span_item(in);
        const char *inside;
        int len;
        uint64_t x;
        char *error = NULL;

        if (stage == 0 && n > 5 && !strncmp(in, "size=", 5)
            && odp_parse_uint(in + 5, n - 5, UINT16_MAX, &x)) {
            nl_msg_put_u16(actions, OVS_CHECK_PKT_LEN_ATTR_PKT_LEN, x);
        } else if (stage == 1
                   && (len = odp_scan_parens(in, "gt", &inside)) >= 0
                   && (size_t) len + 4 == n) {
            size_t o = nl_msg_start_nested(
                actions, OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER);
            error = parse_branch(inside, len, names, actions, depth + 1);
            nl_msg_end_nested(actions, o);
        } else if (stage == 2
                   && (len = odp_scan_parens(in, "le", &inside)) >= 0
                   && (size_t) len + 4 == n) {
            size_t o = nl_msg_start_nested(
                actions, OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL);
            error = parse_branch(inside, len, names, actions, depth + 1);
            nl_msg_end_nested(actions, o);
        } else {
            error = xasprintf("check_pkt_len: bad argument \"%.*s\"",
                              (int) n, in);
        }
        if (error) {
            return error;
        }
        stage++;
        in += n;
        if (in < end && *in == ',') {
            in++;
        }
    }
    if (stage != 3) {
        return xstrdup("check_pkt_len: needs size, gt() and le()");
    }
    nl_msg_end_nested(actions, ofs);
    return NULL;
}

static char *
parse_action(const char *s, size_t n, const struct odp_portno_names *names,
             struct ofpbuf *actions, int depth)
{
    const char *in;
    int len;
    uint64_t x;
    char *error = NULL;

#define PARENS(NAME) ((len = odp_scan_parens(s, NAME, &in)) >= 0 \
                      && (size_t) len + strlen(NAME) + 2 == n)
    if (odp_parse_uint(s, n, UINT32_MAX, &x)) {
        odp_put_output_action(actions, x);
    } else if (n == 8 && !strncmp(s, "pop_vlan", 8)) {
        odp_put_pop_vlan_action(actions);
    } else if (n == 8 && !strncmp(s, "ct_clear", 8)) {
        nl_msg_put_flag(actions, OVS_ACTION_ATTR_CT_CLEAR);
    } else if (n == 2 && !strncmp(s, "ct", 2)) {
        size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_CT);
        nl_msg_end_nested(actions, ofs);
    } else if (PARENS("set")) {
        error = parse_set(in, len, actions);
    } else if (PARENS("userspace")) {
        error = parse_userspace(in, len, actions);
    } else if (PARENS("push_vlan")) {
        error = parse_push_vlan(in, len, actions);
    } else if (PARENS("recirc")) {
        if (!odp_parse_uint_dec_or_hex(in, len, UINT32_MAX, &x)) {
            return xasprintf("recirc: bad id \"%.*s\"", len, in);
        }
        odp_put_recirc_action(actions, x);
    } else if (PARENS("trunc")) {
        if (!odp_parse_uint(in, len, UINT32_MAX, &x)) {
            return xasprintf("trunc: bad length \"%.*s\"", len, in);
        }
        struct ovs_action_trunc t = { .max_len = x };
        nl_msg_put_unspec(actions, OVS_ACTION_ATTR_TRUNC, &t, sizeof t);
    } else if (PARENS("meter")) {
        if (!odp_parse_uint(in, len, UINT32_MAX, &x)) {
            return xasprintf("meter: bad id \"%.*s\"", len, in);
        }
        nl_msg_put_u32(actions, OVS_ACTION_ATTR_METER, x);
    } else if (PARENS("tnl_pop")) {
        if (!odp_parse_uint(in, len, UINT32_MAX, &x)) {
            return xasprintf("tnl_pop: bad port \"%.*s\"", len, in);
        }
        nl_msg_put_u32(actions, ODP_ACTION_ATTR_TUNNEL_POP, x);
    } else if (PARENS("lb_output")) {
        if (!odp_parse_uint(in, len, UINT32_MAX, &x)) {
            return xasprintf("lb_output: bad id \"%.*s\"", len, in);
        }
        nl_msg_put_u32(actions, ODP_ACTION_ATTR_LB_OUTPUT, x);
    } else if (PARENS("hash")) {
        const char *alg;
        int alen;
        struct ovs_action_hash h;
        if ((alen = odp_scan_parens(in, "l4", &alg)) >= 0 && alen + 4 == len) {
            h.hash_alg = OVS_HASH_ALG_L4;
        } else if ((alen = odp_scan_parens(in, "sym_l4", &alg)) >= 0
                   && alen + 8 == len) {
            h.hash_alg = ODP_HASH_ALG_SYM_L4;
        } else {
            return xasprintf("hash: bad argument \"%.*s\"", len, in);
        }
        if (!odp_parse_uint(alg, alen, UINT32_MAX, &x)) {
            return xasprintf("hash: bad basis \"%.*s\"", alen, alg);
        }
        h.hash_basis = x;
        nl_msg_put_unspec(actions, OVS_ACTION_ATTR_HASH, &h, sizeof h);
    } else if (PARENS("push_mpls")) {
        error = parse_push_mpls(in, len, actions);
    } else if (PARENS("pop_mpls")) {
        if (len < 9 || strncmp(in, "eth_type=", 9)
            || !odp_parse_uint(in + 9, len - 9, UINT16_MAX, &x)) {
            return xasprintf("pop_mpls: bad argument \"%.*s\"", len, in);
        }
        nl_msg_put_be16(actions, OVS_ACTION_ATTR_POP_MPLS, htons(x));
    } else if (PARENS("ct")) {
        error = parse_ct(in, len, actions);
    } else if (PARENS("clone")) {
        size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_CLONE);
        error = parse_actions(in, len, names, actions, depth + 1);
        nl_msg_end_nested(actions, ofs);
    } else if (PARENS("sample")) {
        double pct;
        char *pend;
        const char *acts;
        int alen;
        if (strncmp(in, "sample=", 7)) {
            return xasprintf("sample: bad argument \"%.*s\"", len, in);
        }
        pct = strtod(in + 7, &pend);
        if (pend == in + 7 || *pend != '%' || pend[1] != ','
            || pct < 0 || pct > 100
            || (alen = odp_scan_parens(pend + 2, "actions", &acts)) < 0
            || pend + 2 + alen + 9 != in + len) {
            return xasprintf("sample: bad argument \"%.*s\"", len, in);
        }
        size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_SAMPLE);
        nl_msg_put_u32(actions, OVS_SAMPLE_ATTR_PROBABILITY,
                       pct / 100.0 * UINT32_MAX + 0.5);
        size_t aofs = nl_msg_start_nested(actions, OVS_SAMPLE_ATTR_ACTIONS);
        error = parse_actions(acts, alen, names, actions, depth + 1);
        nl_msg_end_nested(actions, aofs);
        nl_msg_end_nested(actions, ofs);
    } else if (PARENS("check_pkt_len")) {
        error = parse_check_pkt_len(in, len, names, actions, depth);
    } else {
        char *name = xmemdup0(s, n);
        odp_port_t port = odp_portno_names_find(names, name);
        free(name);
        if (port == ODPP_NONE) {
            return xasprintf("syntax error at %.*s", (int) n, s);
        }
        odp_put_output_action(actions, port);
    }
#undef PARENS
    return error;
}

static char *
parse_actions(const char *s, size_t len, const struct odp_portno_names *names,
              struct ofpbuf *actions, int depth)
{
    const char *end = s + len;

    if (depth > 32) {
        return xstrdup("actions nested too deeply");
    }
    /* "drop" stands for the whole (empty) top-level list; like Open
     * vSwitch, empty items between commas are skipped and an empty nested
     * list is allowed. */
    if (!depth && len == 4 && !strncmp(s, "drop", 4)) {
        return NULL;
    }
    while (s < end) {
        size_t n = odp_span_item(s);
        if (s + n > end) {
            return xasprintf("syntax error at %.*s", (int) (end - s), s);
        }
        if (n) {
            char *error = parse_action(s, n, names, actions, depth);
            if (error) {
                return error;
            }
        }
        s += n;
        if (s < end) {
            if (*s != ',') {
                return xasprintf("syntax error at %.*s", (int) (end - s), s);
            }
            s++;
        }
    }
    return NULL;
}

char *
odp_actions_from_string(const char *s, const struct odp_portno_names *names,
                        struct ofpbuf *actions)
{
    size_t old_size = actions->size;
    while (*s == ' ') {
        s++;
    }
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\n')) {
        len--;
    }
    if (!len) {
        return xstrdup("empty action list");
    }
    char *error = parse_actions(s, len, names, actions, 0);
    if (error) {
        actions->size = old_size;
    }
    return error;
}

/* ---------------------------------------------------------------- */
/* Validation. */

static int validate_actions(const struct nlattr *, size_t, int depth);

static int
validate_nested(const struct nlattr *a)
{
    const struct nlattr *nla;
    size_t left;

    NL_NESTED_FOR_EACH (nla, left, a) {
        continue;
    }
    return left ? EINVAL : 0;
}

/* Checks the nested OVS_TUNNEL_KEY_ATTR_* of a set(tunnel()) key. */
static int
validate_tunnel(const struct nlattr *k)
{
    const struct nlattr *a;
    size_t left;

    NL_NESTED_FOR_EACH (a, left, k) {
        size_t size = nl_attr_get_size(a), want;
        switch (nl_attr_type(a)) {
        case OVS_TUNNEL_KEY_ATTR_ID: want = 8; break;
        case OVS_TUNNEL_KEY_ATTR_IPV4_SRC: want = 4; break;
        case OVS_TUNNEL_KEY_ATTR_IPV4_DST: want = 4; break;
        case OVS_TUNNEL_KEY_ATTR_IPV6_SRC: want = 16; break;
        case OVS_TUNNEL_KEY_ATTR_IPV6_DST: want = 16; break;
        case OVS_TUNNEL_KEY_ATTR_TOS: want = 1; break;
        case OVS_TUNNEL_KEY_ATTR_TTL: want = 1; break;
        case OVS_TUNNEL_KEY_ATTR_TP_SRC: want = 2; break;
        case OVS_TUNNEL_KEY_ATTR_TP_DST: want = 2; break;
        case OVS_TUNNEL_KEY_ATTR_DONT_FRAGMENT:
        case OVS_TUNNEL_KEY_ATTR_CSUM:
        case OVS_TUNNEL_KEY_ATTR_OAM:
            want = 0;
            break;
        default:
            return EINVAL;
        }
        if (size != want) {
            return EINVAL;
        }
    }
    return left ? EINVAL : 0;
}

static int
validate_action(const struct nlattr *a, int depth)
{
    uint16_t type = nl_attr_type(a);
    size_t size = nl_attr_get_size(a);
    const struct nlattr *nla;
    size_t left;

    switch (type) {
    case OVS_ACTION_ATTR_OUTPUT:
    case OVS_ACTION_ATTR_RECIRC:
    case OVS_ACTION_ATTR_METER:
    case ODP_ACTION_ATTR_TUNNEL_POP:
    case ODP_ACTION_ATTR_LB_OUTPUT:
        return size == 4 ? 0 : EINVAL;
    case OVS_ACTION_ATTR_POP_VLAN:
    case OVS_ACTION_ATTR_CT_CLEAR:
    case ODP_ACTION_ATTR_DROP:
        return size == 0 || type == ODP_ACTION_ATTR_DROP ? 0 : EINVAL;
    case OVS_ACTION_ATTR_PUSH_VLAN:
        /* Any TPID, as userspace datapaths allow (the kernel's only
         * takes 802.1Q and 802.1ad). */
        return size == sizeof(struct ovs_action_push_vlan) ? 0 : EINVAL;
    case OVS_ACTION_ATTR_HASH:
        return size == sizeof(struct ovs_action_hash) ? 0 : EINVAL;
    case OVS_ACTION_ATTR_TRUNC:
        return size == sizeof(struct ovs_action_trunc) ? 0 : EINVAL;
    case OVS_ACTION_ATTR_PUSH_MPLS:
        return size == sizeof(struct ovs_action_push_mpls) ? 0 : EINVAL;
    case OVS_ACTION_ATTR_POP_MPLS:
        return size == 2 ? 0 : EINVAL;
    case OVS_ACTION_ATTR_USERSPACE: {
        bool pid = false;
        NL_NESTED_FOR_EACH (nla, left, a) {
            uint16_t t = nl_attr_type(nla);
            size_t sz = nl_attr_get_size(nla);
            if ((t == OVS_USERSPACE_ATTR_PID
                 || t == OVS_USERSPACE_ATTR_EGRESS_TUN_PORT) && sz != 4) {
                return EINVAL;
            }
            pid |= t == OVS_USERSPACE_ATTR_PID;
        }
        return left || !pid ? EINVAL : 0;
    }
    case OVS_ACTION_ATTR_SET:
    case OVS_ACTION_ATTR_SET_MASKED: {
        const struct nlattr *k = nl_attr_get(a);
        if (!nl_attr_is_valid(k, size)
            || NLA_ALIGN(k->nla_len) < size - (size - k->nla_len)
            || size < NLA_HDRLEN || NLA_ALIGN(k->nla_len) != NLA_ALIGN(size)) {
            return EINVAL;
        }
        if (type == OVS_ACTION_ATTR_SET
            && nl_attr_type(k) == OVS_KEY_ATTR_TUNNEL) {
            return validate_tunnel(k);
        }
        size_t ks = odp_set_key_size(nl_attr_type(k));
        size_t want = type == OVS_ACTION_ATTR_SET ? ks : 2 * ks;
        return ks && nl_attr_get_size(k) == want ? 0 : EINVAL;
    }
    case OVS_ACTION_ATTR_SAMPLE: {
        bool prob = false, acts = false;
        NL_NESTED_FOR_EACH (nla, left, a) {
            uint16_t t = nl_attr_type(nla);
            if (t == OVS_SAMPLE_ATTR_PROBABILITY) {
                if (nl_attr_get_size(nla) != 4) {
                    return EINVAL;
                }
                prob = true;
            } else if (t == OVS_SAMPLE_ATTR_ACTIONS) {
                int error = validate_actions(nl_attr_get(nla),
                                             nl_attr_get_size(nla),
                                             depth + 1);
                if (error) {
                    return error;
                }
                acts = true;
            } else {
                return EINVAL;
            }
        }
        return left || !prob || !acts ? EINVAL : 0;
    }
    case OVS_ACTION_ATTR_CLONE:
        return validate_actions(nl_attr_get(a), size, depth + 1);
    case OVS_ACTION_ATTR_CHECK_PKT_LEN: {
        int seen = 0;
        NL_NESTED_FOR_EACH (nla, left, a) {
            uint16_t t = nl_attr_type(nla);
            if (t == OVS_CHECK_PKT_LEN_ATTR_PKT_LEN) {
                if (nl_attr_get_size(nla) != 2) {
                    return EINVAL;
                }
                seen |= 1;
            } else if (t == OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER
                       || t == OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL) {
                int error = validate_actions(nl_attr_get(nla),
                                             nl_attr_get_size(nla),
                                             depth + 1);
                if (error) {
                    return error;
                }
                seen |= t == OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER
                        ? 2 : 4;
            } else {
                return EINVAL;
            }
        }
        return left || seen != 7 ? EINVAL : 0;
    }
    case OVS_ACTION_ATTR_CT:
        NL_NESTED_FOR_EACH (nla, left, a) {
            uint16_t t = nl_attr_type(nla);
            size_t sz = nl_attr_get_size(nla);
            if ((t == OVS_CT_ATTR_ZONE && sz != 2)
                || (t == OVS_CT_ATTR_MARK && sz != 8)
                || (t == OVS_CT_ATTR_LABELS && sz != 32)
                || ((t == OVS_CT_ATTR_HELPER || t == OVS_CT_ATTR_TIMEOUT)
                    && !nl_attr_get_string(nla))
                || (t == OVS_CT_ATTR_NAT && validate_nested(nla))) {
                return EINVAL;
            }
        }
        return left ? EINVAL : 0;
    }
    return EINVAL;
}

static int
validate_actions(const struct nlattr *actions, size_t len, int depth)
{
    const struct nlattr *a;
    size_t left;

    if (depth > 32) {
        return EINVAL;
    }
    NL_ATTR_FOR_EACH_UNSAFE (a, left, actions, len) {
        int error = validate_action(a, depth);
        if (error) {
            return error;
        }
    }
    return left ? EINVAL : 0;
}

int
odp_actions_validate(const struct nlattr *actions, size_t actions_len)
{
    return validate_actions(actions, actions_len, 0);
}

/* ---------------------------------------------------------------- */
/* Building actions. */

void
odp_put_output_action(struct ofpbuf *b, odp_port_t port)
{
    nl_msg_put_u32(b, OVS_ACTION_ATTR_OUTPUT, port);
}

void
odp_put_userspace_action(struct ofpbuf *b, uint32_t pid,
                         const void *userdata, size_t userdata_len)
{
    size_t ofs = nl_msg_start_nested(b, OVS_ACTION_ATTR_USERSPACE);
    nl_msg_put_u32(b, OVS_USERSPACE_ATTR_PID, pid);
    if (userdata) {
        put_userdata(b, userdata, userdata_len);
    }
    nl_msg_end_nested(b, ofs);
}

void
odp_put_push_vlan_action(struct ofpbuf *b, be16 tpid, be16 tci)
{
    struct ovs_action_push_vlan pv = { .vlan_tpid = tpid, .vlan_tci = tci };
    nl_msg_put_unspec(b, OVS_ACTION_ATTR_PUSH_VLAN, &pv, sizeof pv);
}

void
odp_put_pop_vlan_action(struct ofpbuf *b)
{
    nl_msg_put_flag(b, OVS_ACTION_ATTR_POP_VLAN);
}

void
odp_put_recirc_action(struct ofpbuf *b, uint32_t recirc_id)
{
    nl_msg_put_u32(b, OVS_ACTION_ATTR_RECIRC, recirc_id);
}

void
odp_put_drop_action(struct ofpbuf *b)
{
    nl_msg_put_u32(b, ODP_ACTION_ATTR_DROP, 0);
}

/* ---------------------------------------------------------------- */
/* Committing header changes as set actions. */

/* Emits a set or set_masked action for attribute 'type' if 'flow' and
 * 'base' differ in the fields it covers (its 'n_fields' 'fields', of which
 * those named in 'settable' may be written; NULL 'fields' for attributes
 * with a single value).  Each changed field is masked by its bits in
 * 'wc' (the bits the caller's actions wrote), or whole if 'wc' has none
 * of them; the action is a plain set if that masks every byte.  Then
 * copies the changed fields from 'flow' to 'base'.  Returns true if it
 * emitted an action. */
static bool
commit_attr(uint16_t type, const struct flow *flow, struct flow *base,
            const struct flow_wildcards *wc, struct ofpbuf *actions,
            const struct odp_field *fields, size_t n_fields,
            const char *const *settable)
{
    size_t size = odp_set_key_size(type);
    uint8_t value[64], old[64], mask[64];

    /* Zeroed, so that padding in the key layouts compares equal and never
     * reaches a mask. */
    memset(value, 0, sizeof value);
    memset(old, 0, sizeof old);
    memset(mask, 0, sizeof mask);

    odp_key_from_flow(type, flow, false, value);
    odp_key_from_flow(type, base, false, old);
    if (!memcmp(value, old, size)) {
        return false;
    }

    struct flow fmask;
    memset(&fmask, 0, sizeof fmask);
    if (fields) {
        for (size_t i = 0; i < n_fields; i++) {
            const struct odp_field *f = &fields[i];
            size_t fsize = odp_field_size(f->kind);
            bool ok = false;
            for (const char *const *p = settable; *p; p++) {
                ok |= !strcmp(*p, f->name);
            }
            if (!ok || !memcmp(odp_field_ptr(flow, f),
                               odp_field_ptr(base, f), fsize)) {
                continue;
            }
            uint8_t *m = odp_field_ptr_rw(&fmask, f);
            if (wc && !odp_field_mask_is_zero(f, &wc->masks)) {
                memcpy(m, odp_field_ptr(&wc->masks, f), fsize);
            } else if (f->kind == OFK_LABEL) {
                put_16aligned_be32(m, htonl(IPV6_LABEL_MASK));
            } else {
                memset(m, 0xff, fsize);
            }
        }
        odp_key_from_flow(type, &fmask, true, mask);
    } else {
        memset(mask, 0xff, size);
    }
    if (odp_is_all_zeros(mask, size)) {
        return false;
    }
    for (size_t i = 0; i < size; i++) {
        value[i] &= mask[i];
    }
    if (odp_is_all_ones(mask, size)) {
        size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_SET);
        nl_msg_put_unspec(actions, type, value, size);
        nl_msg_end_nested(actions, ofs);
    } else {
        size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_SET_MASKED);
        uint8_t *p = nl_msg_put_unspec_uninit(actions, type, 2 * size);
        memcpy(p, value, size);
        memcpy(p + size, mask, size);
        nl_msg_end_nested(actions, ofs);
    }
    if (fields) {
        for (size_t i = 0; i < n_fields; i++) {
            const struct odp_field *f = &fields[i];
            if (!odp_field_mask_is_zero(f, &fmask)) {
                memcpy(odp_field_ptr_rw(base, f), odp_field_ptr(flow, f),
                       odp_field_size(f->kind));
            }
        }
    } else {
        odp_key_to_flow(type, value, false, base);
    }
    return true;
}

void
odp_commit_set_actions(const struct flow *flow, struct flow *base,
                       struct ofpbuf *actions, struct flow_wildcards *wc)
{
    static const char *const eth_set[] = { "src", "dst", NULL };
    static const char *const ip4_set[] = { "src", "dst", "tos", "ttl", NULL };
    static const char *const ip6_set[] = { "src", "dst", "label", "tclass",
                                           "hlimit", NULL };
    static const char *const tp_set[] = { "src", "dst", NULL };
    static const char *const icmp_set[] = { "type", "code", NULL };
    static const char *const arp_set[] = { "sip", "tip", "op", "sha", "tha",
                                           NULL };
    static const char *const nd_set[] = { "target", "sll", "tll", NULL };
    uint16_t dl_type = ntohs(flow->dl_type);

    if (flow->packet_type == htonl(PT_ETH)) {
        commit_attr(OVS_KEY_ATTR_ETHERNET, flow, base, wc, actions,
                    odp_eth_fields, ARRAY_SIZE(odp_eth_fields), eth_set);
    }
    if (dl_type == ETH_TYPE_IP || dl_type == ETH_TYPE_IPV6) {
        bool v4 = dl_type == ETH_TYPE_IP;
        bool set = v4
            ? commit_attr(OVS_KEY_ATTR_IPV4, flow, base, wc, actions,
                          odp_ipv4_fields, ARRAY_SIZE(odp_ipv4_fields),
                          ip4_set)
            : commit_attr(OVS_KEY_ATTR_IPV6, flow, base, wc, actions,
                          odp_ipv6_fields, ARRAY_SIZE(odp_ipv6_fields),
                          ip6_set);
        if (set && wc) {
            /* The datapath's IP key includes the protocol: Open vSwitch's
             * megaflows for IP rewrites match it, too. */
            wc->masks.dl_type = UINT16_MAX;
            wc->masks.nw_proto = UINT8_MAX;
            wc->masks.nw_frag |= FLOW_NW_FRAG_MASK;
        }
        if (!(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
            uint16_t l4 = 0;
            const struct odp_field *fields = odp_tp_fields;
            size_t nf = ARRAY_SIZE(odp_tp_fields);
            const char *const *settable = tp_set;
            switch (flow->nw_proto) {
            case IP_PROTO_TCP: l4 = OVS_KEY_ATTR_TCP; break;
            case IP_PROTO_UDP: l4 = OVS_KEY_ATTR_UDP; break;
            case IP_PROTO_SCTP: l4 = OVS_KEY_ATTR_SCTP; break;
            case IP_PROTO_ICMP:
                if (v4) {
                    l4 = OVS_KEY_ATTR_ICMP;
                    fields = odp_icmp_fields;
                    nf = ARRAY_SIZE(odp_icmp_fields);
                    settable = icmp_set;
                }
                break;
            case IP_PROTO_ICMPV6:
                if (!v4) {
                    l4 = OVS_KEY_ATTR_ICMPV6;
                    fields = odp_icmp_fields;
                    nf = ARRAY_SIZE(odp_icmp_fields);
                    settable = icmp_set;
                }
                break;
            }
            if (l4 && commit_attr(l4, flow, base, wc, actions, fields, nf,
                                  settable) && wc) {
                wc->masks.dl_type = UINT16_MAX;
                wc->masks.nw_proto = UINT8_MAX;
                wc->masks.nw_frag |= FLOW_NW_FRAG_MASK;
            }
            uint8_t type = ntohs(flow->tp_src) & 0xff;
            if (l4 == OVS_KEY_ATTR_ICMPV6 && !(ntohs(flow->tp_dst) & 0xff)
                && (type == ND_NEIGHBOR_SOLICIT
                    || type == ND_NEIGHBOR_ADVERT)
                && commit_attr(OVS_KEY_ATTR_ND, flow, base, wc, actions,
                               odp_nd_fields, ARRAY_SIZE(odp_nd_fields),
                               nd_set)
                && wc) {
                wc->masks.dl_type = UINT16_MAX;
                wc->masks.nw_proto = UINT8_MAX;
                wc->masks.tp_src = wc->masks.tp_dst = UINT16_MAX;
            }
        }
    } else if (dl_type == ETH_TYPE_ARP || dl_type == ETH_TYPE_RARP) {
        if (commit_attr(OVS_KEY_ATTR_ARP, flow, base, wc, actions,
                        odp_arp_fields,
                        ARRAY_SIZE(odp_arp_fields), arp_set) && wc) {
            wc->masks.dl_type = UINT16_MAX;
        }
    } else if ((dl_type == ETH_TYPE_MPLS || dl_type == ETH_TYPE_MPLS_MCAST)
               && base->mpls_lse[0] && flow->mpls_lse[0] != base->mpls_lse[0]
               && (ntohs(base->dl_type) == ETH_TYPE_MPLS
                   || ntohs(base->dl_type) == ETH_TYPE_MPLS_MCAST)) {
        commit_attr(OVS_KEY_ATTR_MPLS, flow, base, wc, actions, NULL, 0, NULL);
    }
    commit_attr(OVS_KEY_ATTR_PRIORITY, flow, base, wc, actions, NULL, 0, NULL);
    if (flow->pkt_mark != base->pkt_mark) {
        uint32_t v = flow->pkt_mark, m = UINT32_MAX;
        size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_SET_MASKED);
        uint8_t *p = nl_msg_put_unspec_uninit(actions, OVS_KEY_ATTR_SKB_MARK,
                                              8);
        memcpy(p, &v, 4);
        memcpy(p + 4, &m, 4);
        nl_msg_end_nested(actions, ofs);
        base->pkt_mark = flow->pkt_mark;
    }
}
