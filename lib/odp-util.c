/* odp-util.c: datapath flow keys and actions, and their text form.
 *
 * Design: keys never take a Netlink form here.  A datapath key is a
 * 'struct flow' plus a 'struct flow_wildcards', and the text form is
 * produced from them attribute by attribute, in the order in which Open
 * vSwitch's datapaths emit OVS_KEY_ATTR_* attributes.  Each attribute with
 * named fields ("ipv4(src=..,dst=..)") is described once by a table of
 * fields (name, kind, offset in struct flow) that serves the formatter,
 * the parser and, through conversions to the kernel's struct ovs_key_*
 * layouts, the set and set_masked actions. */
#include <config.h>
#include "odp-util.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "hash.h"
#include "netlink.h"
#include "odp-util-private.h"
#include "ofpbuf.h"
#include "packets.h"
#include "util.h"

/* ---------------------------------------------------------------- */
/* Port names. */

struct odp_portno_name {
    odp_port_t port;
    char *name;
};

struct odp_portno_names {
    struct odp_portno_name *names;
    size_t n, allocated;
};

struct odp_portno_names *
odp_portno_names_create(void)
{
    return xzalloc(sizeof(struct odp_portno_names));
}

/* Maps 'port' to a copy of 'name', replacing an earlier name of 'port'. */
void
odp_portno_names_set(struct odp_portno_names *map, odp_port_t port,
                     const char *name)
{
    for (size_t i = 0; i < map->n; i++) {
        if (map->names[i].port == port) {
            free(map->names[i].name);
            map->names[i].name = xstrdup(name);
            return;
        }
    }
    if (map->n >= map->allocated) {
        map->names = x2nrealloc(map->names, &map->allocated,
                                sizeof *map->names);
    }
    map->names[map->n].port = port;
    map->names[map->n].name = xstrdup(name);
    map->n++;
}

const char *
odp_portno_names_get(const struct odp_portno_names *map, odp_port_t port)
{
    for (size_t i = 0; map && i < map->n; i++) {
        if (map->names[i].port == port) {
            return map->names[i].name;
        }
    }
    return NULL;
}

odp_port_t
odp_portno_names_find(const struct odp_portno_names *map, const char *name)
{
    for (size_t i = 0; map && i < map->n; i++) {
        if (!strcmp(map->names[i].name, name)) {
            return map->names[i].port;
        }
    }
    return ODPP_NONE;
}

void
odp_portno_names_destroy(struct odp_portno_names *map)
{
    if (map) {
        for (size_t i = 0; i < map->n; i++) {
            free(map->names[i].name);
        }
        free(map->names);
        free(map);
    }
}

void
odp_format_port(struct ds *s, odp_port_t port,
            const struct odp_portno_names *names)
{
    const char *name = odp_portno_names_get(names, port);
    if (name) {
        ds_put_cstr(s, name);
    } else {
        ds_put_format(s, "%"PRIu32, port);
    }
}

/* ---------------------------------------------------------------- */
/* Fields of attributes, as tables. */

#define F(NAME, KIND, MEMBER) { NAME, KIND, offsetof(struct flow, MEMBER) }

const struct odp_field odp_eth_fields[2] = {
    F("src", OFK_ETH, dl_src), F("dst", OFK_ETH, dl_dst),
};
const struct odp_field odp_ipv4_fields[6] = {
    F("src", OFK_IPV4, nw_src), F("dst", OFK_IPV4, nw_dst),
    F("proto", OFK_U8D, nw_proto), F("tos", OFK_U8X, nw_tos),
    F("ttl", OFK_U8D, nw_ttl), F("frag", OFK_FRAG, nw_frag),
};
const struct odp_field odp_ipv6_fields[7] = {
    F("src", OFK_IPV6, ipv6_src), F("dst", OFK_IPV6, ipv6_dst),
    F("label", OFK_LABEL, ipv6_label), F("proto", OFK_U8D, nw_proto),
    F("tclass", OFK_U8X, nw_tos), F("hlimit", OFK_U8D, nw_ttl),
    F("frag", OFK_FRAG, nw_frag),
};
const struct odp_field odp_tp_fields[2] = {
    F("src", OFK_BE16D, tp_src), F("dst", OFK_BE16D, tp_dst),
};
const struct odp_field odp_icmp_fields[2] = {
    F("type", OFK_LOW8, tp_src), F("code", OFK_LOW8, tp_dst),
};
const struct odp_field odp_arp_fields[5] = {
    F("sip", OFK_IPV4, nw_src), F("tip", OFK_IPV4, nw_dst),
    F("op", OFK_U8D, nw_proto), F("sha", OFK_ETH, arp_sha),
    F("tha", OFK_ETH, arp_tha),
};
const struct odp_field odp_nd_fields[3] = {
    F("target", OFK_IPV6, nd_target), F("sll", OFK_ETH, arp_sha),
    F("tll", OFK_ETH, arp_tha),
};
static const struct odp_field ct_tuple4_fields[] = {
    F("src", OFK_IPV4, ct_nw_src), F("dst", OFK_IPV4, ct_nw_dst),
    F("proto", OFK_U8D, ct_nw_proto), F("tp_src", OFK_BE16D, ct_tp_src),
    F("tp_dst", OFK_BE16D, ct_tp_dst),
};
/* (Open vSwitch names the IPv6 tuple's ports differently.) */
static const struct odp_field ct_tuple6_fields[] = {
    F("src", OFK_IPV6, ct_ipv6_src), F("dst", OFK_IPV6, ct_ipv6_dst),
    F("proto", OFK_U8D, ct_nw_proto), F("src_port", OFK_BE16D, ct_tp_src),
    F("dst_port", OFK_BE16D, ct_tp_dst),
};

#undef F

#define TA(NAME, TYPE, FIELDS) { NAME, TYPE, FIELDS, ARRAY_SIZE(FIELDS) }
static const struct odp_table_attr table_attrs[] = {
    TA("eth", OVS_KEY_ATTR_ETHERNET, odp_eth_fields),
    TA("ipv4", OVS_KEY_ATTR_IPV4, odp_ipv4_fields),
    TA("ipv6", OVS_KEY_ATTR_IPV6, odp_ipv6_fields),
    TA("tcp", OVS_KEY_ATTR_TCP, odp_tp_fields),
    TA("udp", OVS_KEY_ATTR_UDP, odp_tp_fields),
    TA("sctp", OVS_KEY_ATTR_SCTP, odp_tp_fields),
    TA("icmp", OVS_KEY_ATTR_ICMP, odp_icmp_fields),
    TA("icmpv6", OVS_KEY_ATTR_ICMPV6, odp_icmp_fields),
    TA("arp", OVS_KEY_ATTR_ARP, odp_arp_fields),
    TA("nd", OVS_KEY_ATTR_ND, odp_nd_fields),
    TA("ct_tuple4", OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4, ct_tuple4_fields),
    TA("ct_tuple6", OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6, ct_tuple6_fields),
};
#undef TA

const struct odp_table_attr *
odp_table_attr_by_type(uint16_t type)
{
    for (size_t i = 0; i < ARRAY_SIZE(table_attrs); i++) {
        if (table_attrs[i].type == type) {
            return &table_attrs[i];
        }
    }
    return NULL;
}

const struct odp_table_attr *
odp_table_attr_by_name(const char *name, size_t len)
{
    for (size_t i = 0; i < ARRAY_SIZE(table_attrs); i++) {
        if (strlen(table_attrs[i].name) == len
            && !memcmp(table_attrs[i].name, name, len)) {
            return &table_attrs[i];
        }
    }
    return NULL;
}

size_t
odp_field_size(enum odp_field_kind kind)
{
    switch (kind) {
    case OFK_ETH: return 6;
    case OFK_IPV4: return 4;
    case OFK_IPV6: return 16;
    case OFK_U8D: case OFK_U8X: case OFK_FRAG: return 1;
    case OFK_BE16D: case OFK_LOW8: return 2;
    case OFK_LABEL: return 4;
    }
    return 0;
}

const uint8_t *
odp_field_ptr(const struct flow *flow, const struct odp_field *f)
{
    return (const uint8_t *) flow + f->ofs;
}

uint8_t *
odp_field_ptr_rw(struct flow *flow, const struct odp_field *f)
{
    return (uint8_t *) flow + f->ofs;
}

bool
odp_is_all_zeros(const void *p_, size_t n)
{
    const uint8_t *p = p_;
    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

bool
odp_is_all_ones(const void *p_, size_t n)
{
    const uint8_t *p = p_;
    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0xff) {
            return false;
        }
    }
    return true;
}

bool
odp_field_mask_is_zero(const struct odp_field *f, const struct flow *mask)
{
    const uint8_t *m = odp_field_ptr(mask, f);
    if (f->kind == OFK_LOW8) {
        return !m[1];
    } else if (f->kind == OFK_FRAG) {
        return !(m[0] & FLOW_NW_FRAG_MASK);
    }
    return odp_is_all_zeros(m, odp_field_size(f->kind));
}

static bool
field_mask_is_exact(const struct odp_field *f, const struct flow *mask)
{
    const uint8_t *m = odp_field_ptr(mask, f);
    switch (f->kind) {
    case OFK_LOW8:
        return m[1] == 0xff;
    case OFK_FRAG:
        return (m[0] & FLOW_NW_FRAG_MASK) == FLOW_NW_FRAG_MASK;
    case OFK_LABEL: {
        be32 label;
        memcpy(&label, m, 4);
        return (ntohl(label) & IPV6_LABEL_MASK) == IPV6_LABEL_MASK;
    }
    case OFK_ETH: case OFK_IPV4: case OFK_IPV6: case OFK_U8D: case OFK_U8X:
    case OFK_BE16D:
        break;
    }
    return odp_is_all_ones(m, odp_field_size(f->kind));
}

static const char *
frag_name(uint8_t frag)
{
    return (!(frag & FLOW_NW_FRAG_ANY) ? "no"
            : frag & FLOW_NW_FRAG_LATER ? "later" : "first");
}

/* Appends "name=value[/mask]," for field 'f' of 'key' under 'mask'. */
static void
format_field(struct ds *s, const struct odp_field *f, const struct flow *key,
             const struct flow *mask, bool verbose)
{
    bool zero = odp_field_mask_is_zero(f, mask);
    bool exact = field_mask_is_exact(f, mask);
    const uint8_t *k = odp_field_ptr(key, f);
    const uint8_t *m = odp_field_ptr(mask, f);

    if (zero && (!verbose || f->kind == OFK_FRAG)) {
        return;
    }
    ds_put_format(s, "%s=", f->name);
    switch (f->kind) {
    case OFK_ETH: {
        struct eth_addr ea, em;
        memcpy(&ea, k, 6);
        memcpy(&em, m, 6);
        ds_put_format(s, ETH_ADDR_FMT, ETH_ADDR_ARGS(ea));
        if (!exact) {
            ds_put_format(s, "/"ETH_ADDR_FMT, ETH_ADDR_ARGS(em));
        }
        break;
    }
    case OFK_IPV4: {
        be32 ip = get_16aligned_be32(k), ipm = get_16aligned_be32(m);
        ds_put_format(s, IP_FMT, IP_ARGS(ip));
        if (!exact) {
            ds_put_format(s, "/"IP_FMT, IP_ARGS(ipm));
        }
        break;
    }
    case OFK_IPV6: {
        struct in6_addr a, am;
        memcpy(&a, k, 16);
        memcpy(&am, m, 16);
        ipv6_format_addr(&a, s);
        if (!exact) {
            ds_put_char(s, '/');
            ipv6_format_addr(&am, s);
        }
        break;
    }
    case OFK_U8D:
        ds_put_format(s, "%"PRIu8, k[0]);
        if (!exact) {
            ds_put_format(s, "/%#"PRIx8, m[0]);
        }
        break;
    case OFK_U8X:
        ds_put_format(s, "%#"PRIx8, k[0]);
        if (!exact) {
            ds_put_format(s, "/%#"PRIx8, m[0]);
        }
        break;
    case OFK_BE16D: {
        be16 v, vm;
        memcpy(&v, k, 2);
        memcpy(&vm, m, 2);
        ds_put_format(s, "%"PRIu16, ntohs(v));
        if (!exact) {
            ds_put_format(s, "/%#"PRIx16, ntohs(vm));
        }
        break;
    }
    case OFK_LOW8:
        ds_put_format(s, "%"PRIu8, k[1]);
        if (!exact) {
            ds_put_format(s, "/%#"PRIx8, m[1]);
        }
        break;
    case OFK_LABEL: {
        be32 v = get_16aligned_be32(k), vm = get_16aligned_be32(m);
        ds_put_format(s, "%#"PRIx32, ntohl(v));
        if (!exact) {
            ds_put_format(s, "/%#"PRIx32, ntohl(vm));
        }
        break;
    }
    case OFK_FRAG:
        ds_put_cstr(s, frag_name(k[0]));
        break;
    }
    ds_put_char(s, ',');
}

void
odp_format_table_attr(struct ds *s, const struct odp_table_attr *ta,
                  const struct flow *key, const struct flow *mask,
                  bool verbose)
{
    ds_put_format(s, "%s(", ta->name);
    for (size_t i = 0; i < ta->n_fields; i++) {
        format_field(s, &ta->fields[i], key, mask, verbose);
    }
    ds_chomp(s, ',');
    ds_put_char(s, ')');
}

static bool
table_attr_mask_is_zero(const struct odp_table_attr *ta,
                        const struct flow *mask)
{
    for (size_t i = 0; i < ta->n_fields; i++) {
        if (!odp_field_mask_is_zero(&ta->fields[i], mask)) {
            return false;
        }
    }
    return true;
}

/* ---------------------------------------------------------------- */
/* Text scanning helpers. */

/* Returns the length of the balanced text at 's' up to (not including) the
 * first ',' or ')' at nesting depth 0, or the end of the string. */
size_t
odp_span_item(const char *s)
{
    int depth = 0;
    size_t i;
    for (i = 0; s[i]; i++) {
        if (s[i] == '(') {
            depth++;
        } else if (s[i] == ')') {
            if (!depth) {
                break;
            }
            depth--;
        } else if (s[i] == ',' && !depth) {
            break;
        }
    }
    return i;
}

/* If 's' starts with "NAME(", returns the length of the text inside the
 * balanced parentheses and stores its start in '*inside'; returns -1 if
 * the parentheses do not balance, -2 if 's' does not start that way. */
int
odp_scan_parens(const char *s, const char *name, const char **inside)
{
    size_t n = strlen(name);
    if (strncmp(s, name, n) || s[n] != '(') {
        return -2;
    }
    const char *p = s + n + 1;
    size_t len = odp_span_item(p);
    while (p[len] == ',') {
        len += 1 + odp_span_item(p + len + 1);
    }
    if (p[len] != ')') {
        return -1;
    }
    *inside = p;
    return len;
}

static bool parse_uint__(const char *s, size_t len, uint64_t max,
                         uint64_t *value, int base);

/* Parses the 'len' bytes at 's' as an unsigned integer no larger than
 * 'max', in decimal, hex ("0x...") or octal ("0..."). */
bool
odp_parse_uint(const char *s, size_t len, uint64_t max, uint64_t *value)
{
    return parse_uint__(s, len, max, value, 0);
}

/* The same, in decimal only (leading zeros allowed), for the arguments
 * that Open vSwitch reads as decimal. */
bool
odp_parse_uint_dec(const char *s, size_t len, uint64_t max, uint64_t *value)
{
    return parse_uint__(s, len, max, value, 10);
}

/* Decimal (leading zeros allowed) or hex with "0x": recirc ids, which
 * Open vSwitch reads in decimal but prints in hex. */
bool
odp_parse_uint_dec_or_hex(const char *s, size_t len, uint64_t max,
                      uint64_t *value)
{
    bool hex = len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    return parse_uint__(s, len, max, value, hex ? 16 : 10);
}

static bool
parse_uint__(const char *s, size_t len, uint64_t max, uint64_t *value,
             int base)
{
    char buf[64];
    char *end;

    if (!len || len >= sizeof buf) {
        return false;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (buf[0] == '-' || buf[0] == '+' || buf[0] == ' ') {
        return false;
    }
    errno = 0;
    unsigned long long v = strtoull(buf, &end, base);
    if (errno || *end || v > max) {
        return false;
    }
    *value = v;
    return true;
}

/* Parses "VALUE[/MASK]" of 'len' bytes at 's' as unsigned integers no
 * larger than 'max'; without a mask, '*mask' is 'max'. */
bool
odp_parse_uint_masked(const char *s, size_t len, uint64_t max, uint64_t *value,
                  uint64_t *mask)
{
    const char *slash = memchr(s, '/', len);
    if (!slash) {
        *mask = max;
        return odp_parse_uint(s, len, max, value);
    }
    return (odp_parse_uint(s, slash - s, max, value)
            && odp_parse_uint(slash + 1, len - (slash - s) - 1, max, mask));
}

/* Parses "NAME=VALUE[/MASK]" field text into 'key' and 'mask'. */
static char *
parse_field(const struct odp_field *f, const char *v, size_t len,
            struct flow *key, struct flow *mask)
{
    char *text = xmemdup0(v, len);
    const char *slash = memchr(v, '/', len);
    char *value_text = xmemdup0(v, slash ? (size_t) (slash - v) : len);
    uint8_t *k = odp_field_ptr_rw(key, f);
    uint8_t *m = odp_field_ptr_rw(mask, f);
    char *error = NULL;
    uint64_t x, xm;

    switch (f->kind) {
    case OFK_ETH: {
        struct eth_addr ea, em;
        error = eth_parse_masked(text, &ea, &em);
        if (!error && !eth_addr_from_string(value_text, &ea)) {
            goto bad;
        }
        if (!error) {
            memcpy(k, &ea, 6);
            memcpy(m, &em, 6);
        }
        break;
    }
    case OFK_IPV4: {
        be32 ip, ipm;
        error = ip_parse_masked(text, &ip, &ipm);
        if (!error && !ip_parse(value_text, &ip)) {
            goto bad;
        }
        if (!error) {
            put_16aligned_be32(k, ip);
            put_16aligned_be32(m, ipm);
        }
        break;
    }
    case OFK_IPV6: {
        struct in6_addr a, am;
        error = ipv6_parse_masked(text, &a, &am);
        if (!error && !ipv6_parse(value_text, &a)) {
            goto bad;
        }
        if (!error) {
            memcpy(k, &a, 16);
            memcpy(m, &am, 16);
        }
        break;
    }
    case OFK_U8D: case OFK_U8X:
        if (!odp_parse_uint_masked(text, len, UINT8_MAX, &x, &xm)) {
            goto bad;
        }
        k[0] = x;
        m[0] = xm;
        break;
    case OFK_BE16D: {
        if (!odp_parse_uint_masked(text, len, UINT16_MAX, &x, &xm)) {
            goto bad;
        }
        be16 v16 = htons(x), m16 = htons(xm);
        memcpy(k, &v16, 2);
        memcpy(m, &m16, 2);
        break;
    }
    case OFK_LOW8: {
        if (!odp_parse_uint_masked(text, len, UINT8_MAX, &x, &xm)) {
            goto bad;
        }
        be16 v16 = htons(x), m16 = htons(xm == UINT8_MAX ? 0xffff : xm);
        memcpy(k, &v16, 2);
        memcpy(m, &m16, 2);
        break;
    }
    case OFK_LABEL:
        if (!odp_parse_uint_masked(text, len, UINT32_MAX, &x, &xm)
            || x > IPV6_LABEL_MASK) {
            goto bad;
        }
        put_16aligned_be32(k, htonl(x));
        put_16aligned_be32(m, htonl(xm == UINT32_MAX ? IPV6_LABEL_MASK
                                    : xm));
        break;
    case OFK_FRAG:
        if (!strcmp(text, "no")) {
            k[0] = 0;
        } else if (!strcmp(text, "first")) {
            k[0] = FLOW_NW_FRAG_ANY;
        } else if (!strcmp(text, "later")) {
            k[0] = FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER;
        } else {
            goto bad;
        }
        m[0] = FLOW_NW_FRAG_MASK;
        break;
    }
    if (error) {
        char *e = xasprintf("%s: %s", f->name, error);
        free(error);
        error = e;
    }
    free(text);
    free(value_text);
    return error;

bad:
    error = xasprintf("%s: bad value \"%s\"", f->name, text);
    free(text);
    free(value_text);
    return error;
}

/* Parses the comma-separated fields of table attribute 'ta' in the 'len'
 * bytes at 's'. */
char *
odp_parse_table_fields(const struct odp_table_attr *ta, const char *s,
                   size_t len, struct flow *key, struct flow *mask)
{
    const char *end = s + len;

    while (s < end) {
        size_t n = odp_span_item(s);
        if (s + n > end) {
            n = end - s;
        }
        const char *eq = memchr(s, '=', n);
        const struct odp_field *f = NULL;
        if (eq) {
            const char *fname = s;
            size_t flen = eq - s;
            /* Open vSwitch reads the IPv6 tuple's ports by the IPv4
             * tuple's names, though it prints them otherwise. */
            if (ta->type == OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6 && flen == 6
                && (!memcmp(s, "tp_src", 6) || !memcmp(s, "tp_dst", 6))) {
                fname = s[3] == 's' ? "src_port" : "dst_port";
                flen = 8;
            }
            for (size_t i = 0; i < ta->n_fields; i++) {
                const char *name = ta->fields[i].name;
                if (strlen(name) == flen && !memcmp(name, fname, flen)) {
                    f = &ta->fields[i];
                    break;
                }
            }
        }
        if (!f) {
            return xasprintf("%s: unknown field \"%.*s\"", ta->name,
                             (int) n, s);
        }
        char *error = parse_field(f, eq + 1, n - (eq + 1 - s), key, mask);
        if (error) {
            char *e = xasprintf("%s: %s", ta->name, error);
            free(error);
            return e;
        }
        s += n;
        if (s < end && *s == ',') {
            s++;
        }
    }
    return NULL;
}

/* ---------------------------------------------------------------- */
/* Flags. */

static const char *
ct_state_name(uint32_t bit)
{
    switch (bit) {
    case CS_NEW: return "new";
    case CS_ESTABLISHED: return "est";
    case CS_RELATED: return "rel";
    case CS_REPLY_DIR: return "rpl";
    case CS_INVALID: return "inv";
    case CS_TRACKED: return "trk";
    case CS_SRC_NAT: return "snat";
    case CS_DST_NAT: return "dnat";
    }
    return NULL;
}

const char *
odp_tun_flag_name(uint32_t bit)
{
    switch (bit) {
    case FLOW_TNL_F_OAM: return "oam";
    case FLOW_TNL_F_DONT_FRAGMENT: return "df";
    case FLOW_TNL_F_CSUM: return "csum";
    case FLOW_TNL_F_KEY: return "key";
    }
    return NULL;
}

const char *
odp_tcp_flag_name(uint32_t bit)
{
    return packet_tcp_flag_to_string(bit);
}

/* Appends 'flags' under 'mask': "a|b" if 'mask' covers 'all', otherwise
 * "+a-b" for each bit in 'mask'. */
void
odp_format_flags(struct ds *s, const char *(*name)(uint32_t),
                    uint32_t flags, uint32_t mask, uint32_t all)
{
    if ((mask & all) == all) {
        flags &= all;
        if (!flags) {
            ds_put_char(s, '0');
            return;
        }
        bool first = true;
        while (flags) {
            uint32_t bit = flags & -flags;
            const char *n = name(bit);
            if (!first) {
                ds_put_char(s, '|');
            }
            if (n) {
                ds_put_cstr(s, n);
            } else {
                ds_put_format(s, "0x%"PRIx32, bit);
            }
            first = false;
            flags &= ~bit;
        }
        return;
    }
    mask &= all;
    while (mask) {
        uint32_t bit = mask & -mask;
        const char *n = name(bit);
        ds_put_char(s, flags & bit ? '+' : '-');
        if (n) {
            ds_put_cstr(s, n);
        } else {
            ds_put_format(s, "0x%"PRIx32, bit);
        }
        mask &= ~bit;
    }
}

/* Parses flags text ("a|b", "+a-b", or a number with optional "/mask")
 * into '*flags' and '*mask', with 'all' the full mask. */
char *
odp_parse_flags(const char *s, size_t len, const char *(*name)(uint32_t),
            uint32_t all, uint32_t *flags, uint32_t *mask)
{
    uint64_t v, m;

    *flags = *mask = 0;
    if (!len) {
        return xstrdup("empty flags");
    }
    if (s[0] >= '0' && s[0] <= '9') {
        if (!odp_parse_uint_masked(s, len, UINT32_MAX, &v, &m)) {
            return xasprintf("bad flags \"%.*s\"", (int) len, s);
        }
        *flags = v;
        *mask = m == UINT32_MAX ? all : m;
        return NULL;
    }
    bool plusminus = s[0] == '+' || s[0] == '-';
    const char *end = s + len;
    while (s < end) {
        bool set = true;
        if (plusminus) {
            if (*s != '+' && *s != '-') {
                return xasprintf("bad flags \"%.*s\"", (int) (end - s), s);
            }
            set = *s++ == '+';
        }
        size_t n = 0;
        while (s + n < end && s[n] != '|' && s[n] != '+' && s[n] != '-') {
            n++;
        }
        uint32_t bit = 0;
        for (uint32_t b = 1; b && b <= all; b <<= 1) {
            const char *bn = (b & all) ? name(b) : NULL;
            if (bn && strlen(bn) == n && !memcmp(bn, s, n)) {
                bit = b;
                break;
            }
        }
        if (!bit) {
            return xasprintf("unknown flag \"%.*s\"", (int) n, s);
        }
        if (set) {
            *flags |= bit;
        }
        *mask |= bit;
        s += n;
        if (!plusminus && s < end) {
            if (*s != '|') {
                return xstrdup("bad flags separator");
            }
            s++;
        }
    }
    if (!plusminus) {
        *mask = all;
    }
    return NULL;
}

/* ---------------------------------------------------------------- */
/* Key formatting. */

struct key_fmt {
    struct ds *s;
    const struct flow *key;
    const struct flow *mask;
    const struct odp_portno_names *names;
    bool verbose;
};

static void
put_sep(struct ds *s)
{
    int last = ds_last(s);
    if (last != EOF && last != '(' && last != ',' && last != '\n'
        && last != ' ') {
        ds_put_char(s, ',');
    }
}

static void
format_u32_attr(struct key_fmt *kf, const char *name, uint32_t v,
                uint32_t m, uint32_t exact)
{
    if (!kf->verbose && !m) {
        return;
    }
    put_sep(kf->s);
    ds_put_format(kf->s, "%s(%#"PRIx32, name, v);
    if (m != exact) {
        ds_put_format(kf->s, "/%#"PRIx32, m);
    }
    ds_put_char(kf->s, ')');
}

void
odp_format_u128_hex(struct ds *s, svs_u128 v)
{
    if (v.u64.hi) {
        ds_put_format(s, "0x%"PRIx64"%016"PRIx64, v.u64.hi, v.u64.lo);
    } else {
        ds_put_format(s, "%#"PRIx64, v.u64.lo);
    }
}

static bool
u128_is_zero(svs_u128 v)
{
    return !v.u64.hi && !v.u64.lo;
}

bool
odp_u128_is_ones(svs_u128 v)
{
    return v.u64.hi == UINT64_MAX && v.u64.lo == UINT64_MAX;
}

static bool
tunnel_is_set(const struct flow_tnl *t)
{
    return t->ip_dst || !ipv6_is_zero(&t->ipv6_dst);
}

static void
format_tunnel(struct key_fmt *kf)
{
    const struct flow_tnl *k = &kf->key->tunnel;
    const struct flow_tnl *m = &kf->mask->tunnel;
    struct ds *s = kf->s;

    if (!tunnel_is_set(k)
        || (!kf->verbose && odp_is_all_zeros(m, sizeof *m))) {
        return;
    }
    put_sep(s);
    ds_put_cstr(s, "tunnel(");
    if (k->flags & FLOW_TNL_F_KEY || m->tun_id) {
        ds_put_format(s, "tun_id=%#"PRIx64, svs_ntohll(k->tun_id));
        if (m->tun_id != UINT64_MAX) {
            ds_put_format(s, "/%#"PRIx64, svs_ntohll(m->tun_id));
        }
        ds_put_char(s, ',');
    }
    if (k->ip_src) {
        ds_put_format(s, "src="IP_FMT, IP_ARGS(k->ip_src));
        if (m->ip_src != UINT32_MAX) {
            ds_put_format(s, "/"IP_FMT, IP_ARGS(m->ip_src));
        }
        ds_put_char(s, ',');
    }
    if (k->ip_dst) {
        ds_put_format(s, "dst="IP_FMT, IP_ARGS(k->ip_dst));
        if (m->ip_dst != UINT32_MAX) {
            ds_put_format(s, "/"IP_FMT, IP_ARGS(m->ip_dst));
        }
        ds_put_char(s, ',');
    }
    if (!ipv6_is_zero(&k->ipv6_src)) {
        ds_put_cstr(s, "ipv6_src=");
        ipv6_format_masked(&k->ipv6_src, &m->ipv6_src, s);
        ds_put_char(s, ',');
    }
    if (!ipv6_is_zero(&k->ipv6_dst)) {
        ds_put_cstr(s, "ipv6_dst=");
        ipv6_format_masked(&k->ipv6_dst, &m->ipv6_dst, s);
        ds_put_char(s, ',');
    }
    if (k->ip_tos) {
        ds_put_format(s, "tos=%#"PRIx8, k->ip_tos);
        if (m->ip_tos != UINT8_MAX) {
            ds_put_format(s, "/%#"PRIx8, m->ip_tos);
        }
        ds_put_char(s, ',');
    }
    if (k->ip_ttl || m->ip_ttl) {
        ds_put_format(s, "ttl=%"PRIu8, k->ip_ttl);
        if (m->ip_ttl != UINT8_MAX) {
            ds_put_format(s, "/%#"PRIx8, m->ip_ttl);
        }
        ds_put_char(s, ',');
    }
    if (k->tp_src) {
        ds_put_format(s, "tp_src=%"PRIu16, ntohs(k->tp_src));
        if (m->tp_src != UINT16_MAX) {
            ds_put_format(s, "/%#"PRIx16, ntohs(m->tp_src));
        }
        ds_put_char(s, ',');
    }
    if (k->tp_dst) {
        ds_put_format(s, "tp_dst=%"PRIu16, ntohs(k->tp_dst));
        if (m->tp_dst != UINT16_MAX) {
            ds_put_format(s, "/%#"PRIx16, ntohs(m->tp_dst));
        }
        ds_put_char(s, ',');
    }
    ds_put_cstr(s, "flags(");
    odp_format_flags(s, odp_tun_flag_name, k->flags, m->flags,
                        ODP_TNL_FLAGS);
    ds_put_cstr(s, "))");
}

static void
format_vlan_tci(struct ds *s, be16 tci_, be16 mask_, bool verbose)
{
    uint16_t tci = ntohs(tci_), mask = ntohs(mask_);
    uint16_t vid_mask = mask & VLAN_VID_MASK;
    uint16_t pcp_mask = (mask & VLAN_PCP_MASK) >> VLAN_PCP_SHIFT;

    if (verbose || vid_mask) {
        ds_put_format(s, "vid=%"PRIu16, tci & VLAN_VID_MASK);
        if (vid_mask != VLAN_VID_MASK) {
            ds_put_format(s, "/0x%"PRIx16, vid_mask);
        }
        ds_put_char(s, ',');
    }
    if (verbose || pcp_mask) {
        ds_put_format(s, "pcp=%d", tci >> VLAN_PCP_SHIFT);
        if (pcp_mask != 7) {
            ds_put_format(s, "/0x%x", pcp_mask);
        }
        ds_put_char(s, ',');
    }
    if (!(tci & VLAN_CFI)) {
        ds_put_cstr(s, "cfi=0");
        if (!(mask & VLAN_CFI)) {
            ds_put_cstr(s, "/0");
        }
        ds_put_char(s, ',');
    }
    ds_chomp(s, ',');
}

void
odp_format_mpls(struct ds *s, const be32 *lses, const be32 *masks, int n)
{
    if (n == 1) {
        be32 k = lses[0], m = masks[0];
        bool exact = m == UINT32_MAX;
        ds_put_format(s, "label=%"PRIu32, mpls_lse_to_label(k));
        if (!exact) {
            ds_put_format(s, "/0x%"PRIx32, mpls_lse_to_label(m));
        }
        ds_put_format(s, ",tc=%d", mpls_lse_to_tc(k));
        if (!exact) {
            ds_put_format(s, "/%x", mpls_lse_to_tc(m));
        }
        ds_put_format(s, ",ttl=%d", mpls_lse_to_ttl(k));
        if (!exact) {
            ds_put_format(s, "/0x%x", mpls_lse_to_ttl(m));
        }
        ds_put_format(s, ",bos=%d", mpls_lse_to_bos(k));
        if (!exact) {
            ds_put_format(s, "/%x", mpls_lse_to_bos(m));
        }
        return;
    }
    for (int i = 0; i < n; i++) {
        ds_put_format(s, "%slse%d=%#"PRIx32, i ? "," : "", i,
                      ntohl(lses[i]));
        if (masks[i] != UINT32_MAX) {
            ds_put_format(s, "/%#"PRIx32, ntohl(masks[i]));
        }
    }
}

static void
format_l3_l4(struct key_fmt *kf)
{
    const struct flow *k = kf->key, *m = kf->mask;
    uint16_t dl_type = ntohs(k->dl_type);
    const struct odp_table_attr *ta = NULL;
    bool is_ip = false;

    if (dl_type == ETH_TYPE_IP) {
        ta = odp_table_attr_by_type(OVS_KEY_ATTR_IPV4);
        is_ip = true;
    } else if (dl_type == ETH_TYPE_IPV6) {
        ta = odp_table_attr_by_type(OVS_KEY_ATTR_IPV6);
        is_ip = true;
    } else if (dl_type == ETH_TYPE_ARP || dl_type == ETH_TYPE_RARP) {
        ta = odp_table_attr_by_type(OVS_KEY_ATTR_ARP);
    } else if (dl_type == ETH_TYPE_MPLS || dl_type == ETH_TYPE_MPLS_MCAST) {
        int n = flow_count_mpls_labels(k);
        if (n < 1) {
            n = 1;
        }
        if (kf->verbose || !odp_is_all_zeros(m->mpls_lse, n * 4)) {
            put_sep(kf->s);
            ds_put_cstr(kf->s, "mpls(");
            odp_format_mpls(kf->s, k->mpls_lse, m->mpls_lse, n);
            ds_put_char(kf->s, ')');
        }
        return;
    }
    if (!ta) {
        return;
    }
    if (kf->verbose || !table_attr_mask_is_zero(ta, m)) {
        put_sep(kf->s);
        odp_format_table_attr(kf->s, ta, k, m, kf->verbose);
    }
    if (!is_ip || k->nw_frag & FLOW_NW_FRAG_LATER) {
        return;
    }

    uint16_t l4 = 0;
    switch (k->nw_proto) {
    case IP_PROTO_TCP: l4 = OVS_KEY_ATTR_TCP; break;
    case IP_PROTO_UDP: l4 = OVS_KEY_ATTR_UDP; break;
    case IP_PROTO_SCTP: l4 = OVS_KEY_ATTR_SCTP; break;
    case IP_PROTO_ICMP:
        l4 = dl_type == ETH_TYPE_IP ? OVS_KEY_ATTR_ICMP : 0;
        break;
    case IP_PROTO_ICMPV6:
        l4 = dl_type == ETH_TYPE_IPV6 ? OVS_KEY_ATTR_ICMPV6 : 0;
        break;
    }
    if (!l4) {
        return;
    }
    ta = odp_table_attr_by_type(l4);
    if (kf->verbose || !table_attr_mask_is_zero(ta, m)) {
        put_sep(kf->s);
        odp_format_table_attr(kf->s, ta, k, m, kf->verbose);
    }
    if (l4 == OVS_KEY_ATTR_TCP && (k->tcp_flags || m->tcp_flags)) {
        put_sep(kf->s);
        ds_put_cstr(kf->s, "tcp_flags(");
        odp_format_flags(kf->s, odp_tcp_flag_name, ntohs(k->tcp_flags),
                            ntohs(m->tcp_flags), TCP_FLAGS_MASK);
        ds_put_char(kf->s, ')');
    }
    if (l4 == OVS_KEY_ATTR_ICMPV6 && !(ntohs(k->tp_dst) & 0xff)) {
        uint8_t type = ntohs(k->tp_src) & 0xff;
        if (type == ND_NEIGHBOR_SOLICIT || type == ND_NEIGHBOR_ADVERT) {
            ta = odp_table_attr_by_type(OVS_KEY_ATTR_ND);
            if (kf->verbose || !table_attr_mask_is_zero(ta, m)) {
                put_sep(kf->s);
                odp_format_table_attr(kf->s, ta, k, m, kf->verbose);
            }
        }
    }
}

static void
format_eth_type(struct key_fmt *kf, be16 type, be16 mask)
{
    if (!kf->verbose && !mask) {
        return;
    }
    put_sep(kf->s);
    ds_put_format(kf->s, "eth_type(0x%04"PRIx16, ntohs(type));
    if (mask != UINT16_MAX) {
        ds_put_format(kf->s, "/0x%04"PRIx16, ntohs(mask));
    }
    ds_put_char(kf->s, ')');
}

void
odp_flow_format(const struct flow *key, const struct flow_wildcards *wc,
                const struct odp_portno_names *names, struct ds *s,
                bool verbose)
{
    struct flow_wildcards exact;
    bool exact_key = !wc;
    if (!wc) {
        flow_wildcards_init_exact(&exact);
        wc = &exact;
    }
    const struct flow *m = &wc->masks;
    struct key_fmt kf = { s, key, m, names, verbose };
    size_t start = s->length;

    format_u32_attr(&kf, "skb_priority", key->skb_priority,
                    m->skb_priority, UINT32_MAX);
    format_tunnel(&kf);
    format_u32_attr(&kf, "skb_mark", key->pkt_mark, m->pkt_mark, UINT32_MAX);

    if (verbose || m->ct_state) {
        put_sep(s);
        ds_put_cstr(s, "ct_state(");
        /* Open vSwitch's ct_state mask has 32 bits, of which a flow's
         * mask never sets more than these 8: only a key without a mask
         * prints as exact. */
        uint32_t all = exact_key ? UINT8_MAX : UINT32_MAX;
        if (verbose) {
            ds_put_format(s, "%#"PRIx8, key->ct_state);
            if (!exact_key) {
                ds_put_format(s, "/%#"PRIx8, m->ct_state);
            }
        } else {
            odp_format_flags(s, ct_state_name, key->ct_state,
                                m->ct_state, all);
        }
        ds_put_char(s, ')');
    }
    if (verbose || m->ct_zone) {
        put_sep(s);
        ds_put_format(s, "ct_zone(%#"PRIx16, key->ct_zone);
        if (m->ct_zone != UINT16_MAX) {
            ds_put_format(s, "/%#"PRIx16, m->ct_zone);
        }
        ds_put_char(s, ')');
    }
    format_u32_attr(&kf, "ct_mark", key->ct_mark, m->ct_mark, UINT32_MAX);
    if (verbose || !u128_is_zero(m->ct_label)) {
        put_sep(s);
        ds_put_cstr(s, "ct_label(");
        odp_format_u128_hex(s, key->ct_label);
        if (!odp_u128_is_ones(m->ct_label)) {
            ds_put_char(s, '/');
            odp_format_u128_hex(s, m->ct_label);
        }
        ds_put_char(s, ')');
    }
    if (key->ct_nw_proto && (key->dl_type == htons(ETH_TYPE_IP)
                             || key->dl_type == htons(ETH_TYPE_IPV6))) {
        const struct odp_table_attr *ta = odp_table_attr_by_type(
            key->dl_type == htons(ETH_TYPE_IP)
            ? OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV4
            : OVS_KEY_ATTR_CT_ORIG_TUPLE_IPV6);
        if (verbose || !table_attr_mask_is_zero(ta, m)) {
            put_sep(s);
            odp_format_table_attr(s, ta, key, m, verbose);
        }
    }
    format_u32_attr(&kf, "recirc_id", key->recirc_id, m->recirc_id,
                    UINT32_MAX);
    format_u32_attr(&kf, "dp_hash", key->dp_hash, m->dp_hash, UINT32_MAX);

    if (verbose || m->in_port) {
        put_sep(s);
        ds_put_cstr(s, "in_port(");
        odp_format_port(s, key->in_port, names);
        if (m->in_port != UINT32_MAX) {
            ds_put_format(s, "/%#"PRIx32, m->in_port);
        }
        ds_put_char(s, ')');
    }
    if (verbose || m->packet_type) {
        put_sep(s);
        ds_put_format(s, "packet_type(ns=%"PRIu16, pt_ns(key->packet_type));
        if (pt_ns(m->packet_type) != UINT16_MAX) {
            ds_put_format(s, "/%#"PRIx16, pt_ns(m->packet_type));
        }
        ds_put_format(s, ",id=%#"PRIx16, pt_ns_type(key->packet_type));
        if (pt_ns_type(m->packet_type) != UINT16_MAX) {
            ds_put_format(s, "/%#"PRIx16, pt_ns_type(m->packet_type));
        }
        ds_put_char(s, ')');
    }

    int n_encaps = 0;
    if (key->packet_type == htonl(PT_ETH)) {
        const struct odp_table_attr *eth
            = odp_table_attr_by_type(OVS_KEY_ATTR_ETHERNET);
        if (verbose || !table_attr_mask_is_zero(eth, m)) {
            put_sep(s);
            odp_format_table_attr(s, eth, key, m, verbose);
        } else if (!m->packet_type) {
            put_sep(s);
            ds_put_cstr(s, "eth()");
        }
        for (int i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
            const union flow_vlan_hdr *v = &key->vlans[i];
            const union flow_vlan_hdr *vm = &m->vlans[i];
            if (!(v->tci & htons(VLAN_CFI)) && !vm->tci) {
                break;
            }
            format_eth_type(&kf, v->tpid, vm->tpid);
            if (verbose || vm->tci) {
                put_sep(s);
                ds_put_cstr(s, "vlan(");
                format_vlan_tci(s, v->tci, vm->tci, verbose);
                ds_put_char(s, ')');
            }
            put_sep(s);
            ds_put_cstr(s, "encap(");
            n_encaps++;
        }
    }
    if (key->packet_type != htonl(PT_ETH)
        || ntohs(key->dl_type) >= ETH_TYPE_MIN || m->dl_type) {
        format_eth_type(&kf, key->dl_type, m->dl_type);
    }
    format_l3_l4(&kf);
    for (int i = 0; i < n_encaps; i++) {
        ds_put_char(s, ')');
    }
    if (s->length == start) {
        ds_put_cstr(s, "<empty>");
    }
}

/* ---------------------------------------------------------------- */
/* Key parsing. */

char *
odp_parse_u32_value(const char *s, size_t len, uint32_t *v, uint32_t *m)
{
    uint64_t x, xm;
    if (!odp_parse_uint_masked(s, len, UINT32_MAX, &x, &xm)) {
        return xasprintf("bad value \"%.*s\"", (int) len, s);
    }
    *v = x;
    *m = xm;
    return NULL;
}

char *
odp_parse_u128_value(const char *s, size_t len, svs_u128 *v, svs_u128 *m)
{
    const char *slash = memchr(s, '/', len);
    size_t vlen = slash ? (size_t) (slash - s) : len;

    for (int pass = 0; pass < 2; pass++) {
        svs_u128 *out = pass ? m : v;
        if (pass && !slash) {
            out->u64.hi = out->u64.lo = UINT64_MAX;
            break;
        }
        const char *p = pass ? slash + 1 : s;
        size_t n = pass ? len - vlen - 1 : vlen;
        out->u64.hi = out->u64.lo = 0;
        if (n > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
            p += 2;
            n -= 2;
            if (n > 32) {
                return xasprintf("bad value \"%.*s\"", (int) len, s);
            }
            for (size_t i = 0; i < n; i++) {
                int d;
                char c = p[i];
                if (c >= '0' && c <= '9') {
                    d = c - '0';
                } else if (c >= 'a' && c <= 'f') {
                    d = c - 'a' + 10;
                } else if (c >= 'A' && c <= 'F') {
                    d = c - 'A' + 10;
                } else {
                    return xasprintf("bad value \"%.*s\"", (int) len, s);
                }
                out->u64.hi = (out->u64.hi << 4) | (out->u64.lo >> 60);
                out->u64.lo = (out->u64.lo << 4) | d;
            }
        } else {
            uint64_t x;
            if (!odp_parse_uint(p, n, UINT64_MAX, &x)) {
                return xasprintf("bad value \"%.*s\"", (int) len, s);
            }
            out->u64.lo = x;
        }
    }
    return NULL;
}

static char *parse_key_list(struct odp_key_parse *, const char *s, size_t len);

char *
odp_parse_tunnel(struct odp_key_parse *kp, const char *s, size_t len)
{
    struct flow_tnl *k = &kp->key->tunnel, *m = &kp->mask->tunnel;
    const char *end = s + len;

    while (s < end) {
        size_t n = odp_span_item(s);
        const char *eq = memchr(s, '=', n);
        const char *inside;
        int ilen = odp_scan_parens(s, "flags", &inside);
        char *error = NULL;
        if (ilen >= 0) {
            uint32_t f, fm;
            error = odp_parse_flags(inside, ilen, odp_tun_flag_name,
                                ODP_TNL_FLAGS, &f, &fm);
            k->flags = f;
            m->flags = fm;
        } else if (!eq) {
            error = xasprintf("bad tunnel field \"%.*s\"", (int) n, s);
        } else {
            size_t nlen = eq - s;
            char *val = xmemdup0(eq + 1, n - nlen - 1);
            uint64_t x, xm;
#define NAME_IS(NAME) (nlen == strlen(NAME) && !memcmp(s, NAME, nlen))
            if (NAME_IS("tun_id")) {
                if (odp_parse_uint_masked(val, strlen(val), UINT64_MAX, &x,
                                          &xm)) {
                    k->tun_id = svs_htonll(x);
                    m->tun_id = svs_htonll(xm);
                } else {
                    error = xasprintf("tunnel: bad tun_id \"%s\"", val);
                }
            } else if (NAME_IS("src") || NAME_IS("dst")) {
                be32 *ip = NAME_IS("src") ? &k->ip_src : &k->ip_dst;
                be32 *ipm = NAME_IS("src") ? &m->ip_src : &m->ip_dst;
                error = ip_parse_masked(val, ip, ipm);
            } else if (NAME_IS("ipv6_src") || NAME_IS("ipv6_dst")) {
                bool src = NAME_IS("ipv6_src");
                error = ipv6_parse_masked(val,
                                          src ? &k->ipv6_src : &k->ipv6_dst,
                                          src ? &m->ipv6_src : &m->ipv6_dst);
            } else if (NAME_IS("tos") || NAME_IS("ttl")) {
                if (odp_parse_uint_masked(val, strlen(val), UINT8_MAX, &x,
                                          &xm)) {
                    *(NAME_IS("tos") ? &k->ip_tos : &k->ip_ttl) = x;
                    *(NAME_IS("tos") ? &m->ip_tos : &m->ip_ttl) = xm;
                } else {
                    error = xasprintf("tunnel: bad value \"%s\"", val);
                }
            } else if (NAME_IS("tp_src") || NAME_IS("tp_dst")) {
                if (odp_parse_uint_masked(val, strlen(val), UINT16_MAX, &x,
                                      &xm)) {
                    *(NAME_IS("tp_src") ? &k->tp_src : &k->tp_dst) = htons(x);
                    *(NAME_IS("tp_src") ? &m->tp_src : &m->tp_dst)
                        = htons(xm);
                } else {
                    error = xasprintf("tunnel: bad value \"%s\"", val);
                }
            } else {
                error = xasprintf("tunnel: unknown field \"%.*s\"",
                                  (int) nlen, s);
            }
#undef NAME_IS
            free(val);
        }
        if (error) {
            return error;
        }
        s += n;
        if (s < end && *s == ',') {
            s++;
        }
    }
    return NULL;
}

static char *
parse_vlan(struct odp_key_parse *kp, const char *s, size_t len)
{
    int i = kp->n_vlans;
    uint16_t tci = VLAN_CFI, mask = VLAN_CFI;
    const char *end = s + len;

    if (i >= FLOW_MAX_VLAN_HEADERS) {
        return xstrdup("too many VLAN headers");
    }
    while (s < end) {
        size_t n = odp_span_item(s);
        const char *eq = memchr(s, '=', n);
        uint64_t x, xm;
        if (!eq || !odp_parse_uint_masked(eq + 1, n - (eq + 1 - s), UINT16_MAX,
                                      &x, &xm)) {
            return xasprintf("vlan: bad field \"%.*s\"", (int) n, s);
        }
        size_t nlen = eq - s;
        if (nlen == 3 && !memcmp(s, "vid", 3) && x <= VLAN_VID_MASK) {
            tci = (tci & ~VLAN_VID_MASK) | x;
            mask = (mask & ~VLAN_VID_MASK) | (xm & VLAN_VID_MASK);
        } else if (nlen == 3 && !memcmp(s, "pcp", 3) && x <= 7) {
            tci = (tci & ~VLAN_PCP_MASK) | (x << VLAN_PCP_SHIFT);
            mask = (mask & ~VLAN_PCP_MASK)
                   | ((xm & 7) << VLAN_PCP_SHIFT);
        } else if (nlen == 3 && !memcmp(s, "cfi", 3) && x <= 1) {
            tci = (tci & ~VLAN_CFI) | (x ? VLAN_CFI : 0);
            mask = (mask & ~VLAN_CFI) | (xm & 1 ? VLAN_CFI : 0);
        } else {
            return xasprintf("vlan: bad field \"%.*s\"", (int) n, s);
        }
        s += n;
        if (s < end && *s == ',') {
            s++;
        }
    }
    kp->key->vlans[i].tpid = kp->key->dl_type;
    kp->mask->vlans[i].tpid = kp->mask->dl_type;
    kp->key->vlans[i].tci = htons(tci);
    kp->mask->vlans[i].tci = htons(mask);
    kp->key->dl_type = kp->mask->dl_type = 0;
    kp->n_vlans++;
    return NULL;
}

char *
odp_parse_mpls(struct odp_key_parse *kp, const char *s, size_t len)
{
    const char *end = s + len;
    uint32_t lse = 0, lmask = 0;
    bool fields = false;

    while (s < end) {
        size_t n = odp_span_item(s);
        const char *eq = memchr(s, '=', n);
        uint64_t x, xm;
        if (!eq || !odp_parse_uint_masked(eq + 1, n - (eq + 1 - s), UINT32_MAX,
                                      &x, &xm)) {
            return xasprintf("mpls: bad field \"%.*s\"", (int) n, s);
        }
        size_t nlen = eq - s;
        if (nlen == 4 && !memcmp(s, "lse", 3) && s[3] >= '0'
            && s[3] < '0' + FLOW_MAX_MPLS_LABELS) {
            int idx = s[3] - '0';
            kp->key->mpls_lse[idx] = htonl(x);
            kp->mask->mpls_lse[idx] = htonl(xm);
        } else {
            int shift, width;
            if (nlen == 5 && !memcmp(s, "label", 5)) {
                shift = MPLS_LABEL_SHIFT, width = 20;
            } else if (nlen == 2 && !memcmp(s, "tc", 2)) {
                shift = MPLS_TC_SHIFT, width = 3;
            } else if (nlen == 3 && !memcmp(s, "ttl", 3)) {
                shift = MPLS_TTL_SHIFT, width = 8;
            } else if (nlen == 3 && !memcmp(s, "bos", 3)) {
                shift = MPLS_BOS_SHIFT, width = 1;
            } else {
                return xasprintf("mpls: bad field \"%.*s\"", (int) n, s);
            }
            uint32_t max = (1u << width) - 1;
            if (x > max) {
                return xasprintf("mpls: bad field \"%.*s\"", (int) n, s);
            }
            if (xm == UINT32_MAX) {
                xm = max;
            }
            lse = (lse & ~(max << shift)) | (x << shift);
            lmask = (lmask & ~(max << shift)) | ((xm & max) << shift);
            fields = true;
        }
        s += n;
        if (s < end && *s == ',') {
            s++;
        }
    }
    if (fields) {
        kp->key->mpls_lse[0] = htonl(lse);
        kp->mask->mpls_lse[0] = htonl(lmask);
    }
    return NULL;
}

static char *
parse_key_attr(struct odp_key_parse *kp, const char *s, size_t n)
{
    struct flow *k = kp->key, *m = kp->mask;
    const char *open = memchr(s, '(', n);
    if (!open || s[n - 1] != ')') {
        return xasprintf("syntax error at %.*s", (int) n, s);
    }
    size_t nlen = open - s;
    const char *in = open + 1;
    size_t ilen = n - nlen - 2;
    char *error = NULL;
    uint32_t v = 0, vm = 0;

#define IS(NAME) (nlen == strlen(NAME) && !memcmp(s, NAME, nlen))
    const struct odp_table_attr *ta = odp_table_attr_by_name(s, nlen);
    if (ta) {
        error = odp_parse_table_fields(ta, in, ilen, k, m);
    } else if (IS("skb_priority") || IS("skb_mark") || IS("recirc_id")
               || IS("dp_hash") || IS("ct_mark")) {
        error = odp_parse_u32_value(in, ilen, &v, &vm);
        if (!error) {
            uint32_t *kv = (IS("skb_priority") ? &k->skb_priority
                            : IS("skb_mark") ? &k->pkt_mark
                            : IS("recirc_id") ? &k->recirc_id
                            : IS("dp_hash") ? &k->dp_hash : &k->ct_mark);
            uint32_t *mv = (uint32_t *) ((uint8_t *) m
                                         + ((uint8_t *) kv - (uint8_t *) k));
            *kv = v;
            *mv = vm;
        }
    } else if (IS("ct_zone")) {
        error = odp_parse_u32_value(in, ilen, &v, &vm);
        if (!error && (v > UINT16_MAX || (vm != UINT32_MAX
                                          && vm > UINT16_MAX))) {
            error = xstrdup("ct_zone: value out of range");
        }
        if (!error) {
            k->ct_zone = v;
            m->ct_zone = vm;
        }
    } else if (IS("ct_state")) {
        error = odp_parse_flags(in, ilen, ct_state_name, UINT8_MAX, &v, &vm);
        if (!error && v > UINT8_MAX) {
            error = xstrdup("ct_state: value out of range");
        }
        if (!error) {
            k->ct_state = v;
            m->ct_state = vm;
        }
    } else if (IS("ct_label")) {
        error = odp_parse_u128_value(in, ilen, &k->ct_label, &m->ct_label);
    } else if (IS("in_port")) {
        char *name = xmemdup0(in, ilen);
        odp_port_t port = odp_portno_names_find(kp->names, name);
        if (port != ODPP_NONE) {
            k->in_port = port;
            m->in_port = UINT32_MAX;
        } else {
            error = odp_parse_u32_value(in, ilen, &k->in_port, &m->in_port);
            if (error) {
                free(error);
                error = xasprintf("in_port: unknown port \"%s\"", name);
            }
        }
        free(name);
    } else if (IS("packet_type")) {
        uint64_t ns = 0, nsm = 0, id = 0, idm = 0;
        const char *end = in + ilen, *p = in;
        while (p < end && !error) {
            size_t fn = odp_span_item(p);
            if (!strncmp(p, "ns=", 3)
                && odp_parse_uint_masked(p + 3, fn - 3, UINT16_MAX, &ns,
                                         &nsm)) {
            } else if (!strncmp(p, "id=", 3)
                       && odp_parse_uint_masked(p + 3, fn - 3, UINT16_MAX, &id,
                                            &idm)) {
            } else {
                error = xasprintf("packet_type: bad field \"%.*s\"",
                                  (int) fn, p);
            }
            p += fn + (p + fn < end);
        }
        k->packet_type = htonl((ns << 16) | id);
        m->packet_type = htonl((nsm << 16) | idm);
    } else if (IS("eth_type")) {
        uint64_t x, xm;
        if (!odp_parse_uint_masked(in, ilen, UINT16_MAX, &x, &xm)) {
            error = xasprintf("eth_type: bad value \"%.*s\"", (int) ilen, in);
        } else {
            k->dl_type = htons(x);
            m->dl_type = htons(xm);
        }
    } else if (IS("vlan")) {
        error = parse_vlan(kp, in, ilen);
    } else if (IS("encap")) {
        if (!kp->n_vlans) {
            error = xstrdup("encap without vlan");
        } else {
            error = parse_key_list(kp, in, ilen);
        }
    } else if (IS("mpls")) {
        error = odp_parse_mpls(kp, in, ilen);
    } else if (IS("tcp_flags")) {
        error = odp_parse_flags(in, ilen, odp_tcp_flag_name, TCP_FLAGS_MASK,
                                &v, &vm);
        if (!error) {
            k->tcp_flags = htons(v);
            m->tcp_flags = htons(vm);
        }
    } else if (IS("tunnel")) {
        error = odp_parse_tunnel(kp, in, ilen);
    } else {
        error = xasprintf("unknown attribute \"%.*s\"", (int) nlen, s);
    }
#undef IS
    return error;
}

static char *
parse_key_list(struct odp_key_parse *kp, const char *s, size_t len)
{
    const char *end = s + len;
    while (s < end) {
        size_t n = odp_span_item(s);
        if (s + n > end || !n) {
            return xasprintf("syntax error at %.*s", (int) (end - s), s);
        }
        char *error = parse_key_attr(kp, s, n);
        if (error) {
            return error;
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
odp_flow_from_string(const char *s, const struct odp_portno_names *names,
                     struct flow *key, struct flow_wildcards *wc)
{
    struct odp_key_parse kp = { names, key, &wc->masks, 0 };
    char *error;

    memset(key, 0, sizeof *key);
    flow_wildcards_init_catchall(wc);
    while (*s == ' ') {
        s++;
    }
    size_t len = strlen(s);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\n')) {
        len--;
    }
    if (!len) {
        return xstrdup("empty flow key");
    }
    /* Without packet_type() the key is Ethernet if it has eth(), else the
     * EtherType namespace with the key's eth_type. */
    error = parse_key_list(&kp, s, len);
    if (error) {
        return error;
    }
    if (!wc->masks.packet_type && !strstr(s, "packet_type(")
        && !strstr(s, "eth(") && key->dl_type) {
        key->packet_type = htonl(PACKET_TYPE(PT_NS_ETHERTYPE,
                                             ntohs(key->dl_type)));
    }
    return NULL;
}

void
odp_flow_mask_add_prerequisites(const struct flow *key,
                                 struct flow_wildcards *wc)
{
    struct flow *m = &wc->masks;
    uint16_t dl_type = ntohs(key->dl_type);
    bool is_ip = dl_type == ETH_TYPE_IP || dl_type == ETH_TYPE_IPV6;

    m->in_port = UINT32_MAX;
    m->recirc_id = UINT32_MAX;
    m->packet_type = UINT32_MAX;
    m->dl_type = UINT16_MAX;
    for (int i = 0; i < FLOW_MAX_VLAN_HEADERS; i++) {
        if (!(key->vlans[i].tci & htons(VLAN_CFI))) {
            break;
        }
        m->vlans[i].tpid = UINT16_MAX;
        m->vlans[i].tci |= htons(VLAN_CFI);
    }
    if (is_ip && (m->tp_src || m->tp_dst || m->tcp_flags
                  || !ipv6_is_zero(&m->nd_target)
                  || !eth_addr_is_zero(m->arp_sha)
                  || !eth_addr_is_zero(m->arp_tha))) {
        m->nw_proto = UINT8_MAX;
        m->nw_frag |= FLOW_NW_FRAG_MASK;
    }
    if (is_ip && m->nw_proto) {
        m->nw_frag |= FLOW_NW_FRAG_MASK;
    }
    if (dl_type == ETH_TYPE_IPV6 && key->nw_proto == IP_PROTO_ICMPV6
        && (!ipv6_is_zero(&m->nd_target) || !eth_addr_is_zero(m->arp_sha)
            || !eth_addr_is_zero(m->arp_tha))) {
        m->tp_src = m->tp_dst = UINT16_MAX;
    }
}

/* ---------------------------------------------------------------- */
/* UFIDs. */

/* Only the words of 'wc' that are not all-wildcard take part, with their
 * position: the upcall path computes this for every new megaflow, and a
 * megaflow mask has few such words. */
void
odp_flow_key_hash_ufid(const struct flow *key,
                       const struct flow_wildcards *wc, svs_u128 *ufid)
{
    const uint64_t *k = (const uint64_t *) key;
    const uint64_t *m = (const uint64_t *) &wc->masks;
    uint32_t h[4];
    uint32_t n = 0;

    for (int j = 0; j < 4; j++) {
        h[j] = 0x9e3779b9u * (j + 1);
    }
    for (size_t i = 0; i < FLOW_U64S; i++) {
        if (m[i]) {
            uint64_t v = k[i] & m[i];

            for (int j = 0; j < 4; j++) {
                h[j] = hash_add(hash_add64(hash_add64(h[j], v), m[i]), i);
            }
            n++;
        }
    }
    for (int j = 0; j < 4; j++) {
        ufid->u32[j] = hash_finish(h[j], n);
    }
}

void
odp_format_ufid(const svs_u128 *ufid, struct ds *s)
{
    ds_put_format(s, "ufid:%08"PRIx32"-%04"PRIx32"-%04"PRIx32"-%04"PRIx32
                  "-%04"PRIx32"%08"PRIx32,
                  ufid->u32[0], ufid->u32[1] >> 16, ufid->u32[1] & 0xffff,
                  ufid->u32[2] >> 16, ufid->u32[2] & 0xffff, ufid->u32[3]);
}

int
odp_hexit(char c)
{
    return (c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1);
}

bool
odp_ufid_from_string(const char *s, svs_u128 *ufid)
{
    static const int group[] = { 8, 4, 4, 4, 12 };
    uint8_t digits[32];
    int n = 0;

    if (!strncmp(s, "ufid:", 5)) {
        s += 5;
    }
    for (int g = 0; g < 5; g++) {
        for (int i = 0; i < group[g]; i++) {
            int d = odp_hexit(*s++);
            if (d < 0) {
                return false;
            }
            digits[n++] = d;
        }
        if (g < 4 && *s++ != '-') {
            return false;
        }
    }
    if (*s) {
        return false;
    }
    for (int w = 0; w < 4; w++) {
        uint32_t v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 4) | digits[w * 8 + i];
        }
        ufid->u32[w] = v;
    }
    return true;
}

/* ---------------------------------------------------------------- */
/* Conversions between struct flow and the struct ovs_key_* layouts of set
 * actions.  'is_mask' selects the mask encoding of the fragment type. */

static uint8_t
frag_to_odp(uint8_t nw_frag, bool is_mask)
{
    if (is_mask) {
        return nw_frag & FLOW_NW_FRAG_MASK ? 0xff : 0;
    }
    return (!(nw_frag & FLOW_NW_FRAG_ANY) ? OVS_FRAG_TYPE_NONE
            : nw_frag & FLOW_NW_FRAG_LATER ? OVS_FRAG_TYPE_LATER
            : OVS_FRAG_TYPE_FIRST);
}

static uint8_t
frag_from_odp(uint8_t frag, bool is_mask)
{
    if (is_mask) {
        return frag ? FLOW_NW_FRAG_MASK : 0;
    }
    return (frag == OVS_FRAG_TYPE_NONE ? 0
            : frag == OVS_FRAG_TYPE_FIRST ? FLOW_NW_FRAG_ANY
            : FLOW_NW_FRAG_ANY | FLOW_NW_FRAG_LATER);
}

/* The size of the struct ovs_key_* of set action attribute 'type', or 0 if
 * svs cannot set it. */
size_t
odp_set_key_size(uint16_t type)
{
    switch (type) {
    case OVS_KEY_ATTR_PRIORITY: return 4;
    case OVS_KEY_ATTR_SKB_MARK: return 4;
    case OVS_KEY_ATTR_ETHERNET: return sizeof(struct ovs_key_ethernet);
    case OVS_KEY_ATTR_IPV4: return sizeof(struct ovs_key_ipv4);
    case OVS_KEY_ATTR_IPV6: return sizeof(struct ovs_key_ipv6);
    case OVS_KEY_ATTR_TCP: return sizeof(struct ovs_key_tcp);
    case OVS_KEY_ATTR_UDP: return sizeof(struct ovs_key_udp);
    case OVS_KEY_ATTR_SCTP: return sizeof(struct ovs_key_sctp);
    case OVS_KEY_ATTR_ICMP: return sizeof(struct ovs_key_icmp);
    case OVS_KEY_ATTR_ICMPV6: return sizeof(struct ovs_key_icmpv6);
    case OVS_KEY_ATTR_ARP: return sizeof(struct ovs_key_arp);
    case OVS_KEY_ATTR_ND: return sizeof(struct ovs_key_nd);
    case OVS_KEY_ATTR_MPLS: return sizeof(struct ovs_key_mpls);
    case OVS_KEY_ATTR_TCP_FLAGS: return sizeof(be16);
    }
    return 0;
}

size_t
odp_key_attr_size(uint16_t type)
{
    return odp_set_key_size(type);
}

/* Writes the fields of attribute 'type' from 'f' into 'out' (of
 * odp_set_key_size(type) bytes). */
void
odp_key_from_flow(uint16_t type, const struct flow *f, bool is_mask,
                  void *out)
{
    switch (type) {
    case OVS_KEY_ATTR_PRIORITY:
        memcpy(out, &f->skb_priority, 4);
        break;
    case OVS_KEY_ATTR_SKB_MARK:
        memcpy(out, &f->pkt_mark, 4);
        break;
    case OVS_KEY_ATTR_ETHERNET: {
        struct ovs_key_ethernet *e = out;
        memcpy(e->eth_src, &f->dl_src, 6);
        memcpy(e->eth_dst, &f->dl_dst, 6);
        break;
    }
    case OVS_KEY_ATTR_IPV4: {
        struct ovs_key_ipv4 *k = out;
        k->ipv4_src = f->nw_src;
        k->ipv4_dst = f->nw_dst;
        k->ipv4_proto = f->nw_proto;
        k->ipv4_tos = f->nw_tos;
        k->ipv4_ttl = f->nw_ttl;
        k->ipv4_frag = frag_to_odp(f->nw_frag, is_mask);
        break;
    }
    case OVS_KEY_ATTR_IPV6: {
        struct ovs_key_ipv6 *k = out;
        memcpy(k->ipv6_src, &f->ipv6_src, 16);
        memcpy(k->ipv6_dst, &f->ipv6_dst, 16);
        k->ipv6_label = f->ipv6_label;
        k->ipv6_proto = f->nw_proto;
        k->ipv6_tclass = f->nw_tos;
        k->ipv6_hlimit = f->nw_ttl;
        k->ipv6_frag = frag_to_odp(f->nw_frag, is_mask);
        break;
    }
    case OVS_KEY_ATTR_TCP: case OVS_KEY_ATTR_UDP: case OVS_KEY_ATTR_SCTP: {
        be16 *ports = out;
        ports[0] = f->tp_src;
        ports[1] = f->tp_dst;
        break;
    }
    case OVS_KEY_ATTR_ICMP: case OVS_KEY_ATTR_ICMPV6: {
        uint8_t *tc = out;
        tc[0] = ntohs(f->tp_src);
        tc[1] = ntohs(f->tp_dst);
        break;
    }
    case OVS_KEY_ATTR_ARP: {
        struct ovs_key_arp *k = out;
        k->arp_sip = f->nw_src;
        k->arp_tip = f->nw_dst;
        k->arp_op = htons(is_mask && f->nw_proto == 0xff ? 0xffff
                          : f->nw_proto);
        memcpy(k->arp_sha, &f->arp_sha, 6);
        memcpy(k->arp_tha, &f->arp_tha, 6);
        break;
    }
    case OVS_KEY_ATTR_ND: {
        struct ovs_key_nd *k = out;
        memcpy(k->nd_target, &f->nd_target, 16);
        memcpy(k->nd_sll, &f->arp_sha, 6);
        memcpy(k->nd_tll, &f->arp_tha, 6);
        break;
    }
    case OVS_KEY_ATTR_MPLS:
        memcpy(out, &f->mpls_lse[0], 4);
        break;
    case OVS_KEY_ATTR_TCP_FLAGS:
        memcpy(out, &f->tcp_flags, 2);
        break;
    }
}

/* The reverse of odp_key_from_flow(): sets the fields of 'f' that
 * attribute 'type' covers from 'in'. */
void
odp_key_to_flow(uint16_t type, const void *in, bool is_mask, struct flow *f)
{
    switch (type) {
    case OVS_KEY_ATTR_PRIORITY:
        memcpy(&f->skb_priority, in, 4);
        break;
    case OVS_KEY_ATTR_SKB_MARK:
        memcpy(&f->pkt_mark, in, 4);
        break;
    case OVS_KEY_ATTR_ETHERNET: {
        const struct ovs_key_ethernet *e = in;
        memcpy(&f->dl_src, e->eth_src, 6);
        memcpy(&f->dl_dst, e->eth_dst, 6);
        break;
    }
    case OVS_KEY_ATTR_IPV4: {
        const struct ovs_key_ipv4 *k = in;
        f->nw_src = k->ipv4_src;
        f->nw_dst = k->ipv4_dst;
        f->nw_proto = k->ipv4_proto;
        f->nw_tos = k->ipv4_tos;
        f->nw_ttl = k->ipv4_ttl;
        f->nw_frag = frag_from_odp(k->ipv4_frag, is_mask);
        break;
    }
    case OVS_KEY_ATTR_IPV6: {
        const struct ovs_key_ipv6 *k = in;
        memcpy(&f->ipv6_src, k->ipv6_src, 16);
        memcpy(&f->ipv6_dst, k->ipv6_dst, 16);
        f->ipv6_label = k->ipv6_label;
        f->nw_proto = k->ipv6_proto;
        f->nw_tos = k->ipv6_tclass;
        f->nw_ttl = k->ipv6_hlimit;
        f->nw_frag = frag_from_odp(k->ipv6_frag, is_mask);
        break;
    }
    case OVS_KEY_ATTR_TCP: case OVS_KEY_ATTR_UDP: case OVS_KEY_ATTR_SCTP: {
        const be16 *ports = in;
        f->tp_src = ports[0];
        f->tp_dst = ports[1];
        break;
    }
    case OVS_KEY_ATTR_ICMP: case OVS_KEY_ATTR_ICMPV6: {
        const uint8_t *tc = in;
        f->tp_src = htons(tc[0]);
        f->tp_dst = htons(tc[1]);
        break;
    }
    case OVS_KEY_ATTR_ARP: {
        const struct ovs_key_arp *k = in;
        f->nw_src = k->arp_sip;
        f->nw_dst = k->arp_tip;
        f->nw_proto = ntohs(k->arp_op) & 0xff;
        memcpy(&f->arp_sha, k->arp_sha, 6);
        memcpy(&f->arp_tha, k->arp_tha, 6);
        break;
    }
    case OVS_KEY_ATTR_ND: {
        const struct ovs_key_nd *k = in;
        memcpy(&f->nd_target, k->nd_target, 16);
        memcpy(&f->arp_sha, k->nd_sll, 6);
        memcpy(&f->arp_tha, k->nd_tll, 6);
        break;
    }
    case OVS_KEY_ATTR_MPLS:
        memcpy(&f->mpls_lse[0], in, 4);
        break;
    case OVS_KEY_ATTR_TCP_FLAGS:
        memcpy(&f->tcp_flags, in, 2);
        break;
    }
}

