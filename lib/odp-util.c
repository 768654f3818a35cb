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

static void
format_port(struct ds *s, odp_port_t port,
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

enum odp_field_kind {
    OFK_ETH,            /* struct eth_addr. */
    OFK_IPV4,           /* be32, mask as a dotted quad. */
    OFK_IPV6,           /* struct in6_addr, mask as an address. */
    OFK_U8D,            /* uint8_t, decimal; mask hex. */
    OFK_U8X,            /* uint8_t, hex. */
    OFK_BE16D,          /* be16, decimal; mask hex. */
    OFK_LOW8,           /* be16 holding an 8-bit value (ICMP type/code). */
    OFK_LABEL,          /* be32 IPv6 flow label (20 bits), hex. */
    OFK_FRAG,           /* uint8_t FLOW_NW_FRAG_* as no/first/later. */
};

struct odp_field {
    const char *name;
    enum odp_field_kind kind;
    uint16_t ofs;               /* Offset in struct flow. */
};

#define F(NAME, KIND, MEMBER) { NAME, KIND, offsetof(struct flow, MEMBER) }

static const struct odp_field eth_fields[] = {
    F("src", OFK_ETH, dl_src), F("dst", OFK_ETH, dl_dst),
};
static const struct odp_field ipv4_fields[] = {
    F("src", OFK_IPV4, nw_src), F("dst", OFK_IPV4, nw_dst),
    F("proto", OFK_U8D, nw_proto), F("tos", OFK_U8X, nw_tos),
    F("ttl", OFK_U8D, nw_ttl), F("frag", OFK_FRAG, nw_frag),
};
static const struct odp_field ipv6_fields[] = {
    F("src", OFK_IPV6, ipv6_src), F("dst", OFK_IPV6, ipv6_dst),
    F("label", OFK_LABEL, ipv6_label), F("proto", OFK_U8D, nw_proto),
    F("tclass", OFK_U8X, nw_tos), F("hlimit", OFK_U8D, nw_ttl),
    F("frag", OFK_FRAG, nw_frag),
};
static const struct odp_field tp_fields[] = {
    F("src", OFK_BE16D, tp_src), F("dst", OFK_BE16D, tp_dst),
};
static const struct odp_field icmp_fields[] = {
    F("type", OFK_LOW8, tp_src), F("code", OFK_LOW8, tp_dst),
};
static const struct odp_field arp_fields[] = {
    F("sip", OFK_IPV4, nw_src), F("tip", OFK_IPV4, nw_dst),
    F("op", OFK_U8D, nw_proto), F("sha", OFK_ETH, arp_sha),
    F("tha", OFK_ETH, arp_tha),
};
static const struct odp_field nd_fields[] = {
    F("target", OFK_IPV6, nd_target), F("sll", OFK_ETH, arp_sha),
    F("tll", OFK_ETH, arp_tha),
};

#undef F

struct odp_table_attr {
    const char *name;
    uint16_t type;              /* OVS_KEY_ATTR_*. */
    const struct odp_field *fields;
    size_t n_fields;
};

#define TA(NAME, TYPE, FIELDS) { NAME, TYPE, FIELDS, ARRAY_SIZE(FIELDS) }
static const struct odp_table_attr table_attrs[] = {
    TA("eth", OVS_KEY_ATTR_ETHERNET, eth_fields),
    TA("ipv4", OVS_KEY_ATTR_IPV4, ipv4_fields),
    TA("ipv6", OVS_KEY_ATTR_IPV6, ipv6_fields),
    TA("tcp", OVS_KEY_ATTR_TCP, tp_fields),
    TA("udp", OVS_KEY_ATTR_UDP, tp_fields),
    TA("sctp", OVS_KEY_ATTR_SCTP, tp_fields),
    TA("icmp", OVS_KEY_ATTR_ICMP, icmp_fields),
    TA("icmpv6", OVS_KEY_ATTR_ICMPV6, icmp_fields),
    TA("arp", OVS_KEY_ATTR_ARP, arp_fields),
    TA("nd", OVS_KEY_ATTR_ND, nd_fields),
};
#undef TA

static const struct odp_table_attr *
table_attr_by_type(uint16_t type)
{
    for (size_t i = 0; i < ARRAY_SIZE(table_attrs); i++) {
        if (table_attrs[i].type == type) {
            return &table_attrs[i];
        }
    }
    return NULL;
}

static const struct odp_table_attr *
table_attr_by_name(const char *name, size_t len)
{
    for (size_t i = 0; i < ARRAY_SIZE(table_attrs); i++) {
        if (strlen(table_attrs[i].name) == len
            && !memcmp(table_attrs[i].name, name, len)) {
            return &table_attrs[i];
        }
    }
    return NULL;
}

static size_t
field_size(enum odp_field_kind kind)
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

static const uint8_t *
field_ptr(const struct flow *flow, const struct odp_field *f)
{
    return (const uint8_t *) flow + f->ofs;
}

static uint8_t *
field_ptr_rw(struct flow *flow, const struct odp_field *f)
{
    return (uint8_t *) flow + f->ofs;
}

static bool
is_all_zeros(const void *p_, size_t n)
{
    const uint8_t *p = p_;
    for (size_t i = 0; i < n; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

static bool
is_all_ones(const void *p_, size_t n)
{
    const uint8_t *p = p_;
    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0xff) {
            return false;
        }
    }
    return true;
}

static bool
field_mask_is_zero(const struct odp_field *f, const struct flow *mask)
{
    const uint8_t *m = field_ptr(mask, f);
    if (f->kind == OFK_LOW8) {
        return !m[1];
    } else if (f->kind == OFK_FRAG) {
        return !(m[0] & FLOW_NW_FRAG_MASK);
    }
    return is_all_zeros(m, field_size(f->kind));
}

static bool
field_mask_is_exact(const struct odp_field *f, const struct flow *mask)
{
    const uint8_t *m = field_ptr(mask, f);
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
    return is_all_ones(m, field_size(f->kind));
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
    bool zero = field_mask_is_zero(f, mask);
    bool exact = field_mask_is_exact(f, mask);
    const uint8_t *k = field_ptr(key, f);
    const uint8_t *m = field_ptr(mask, f);

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

static void
format_table_attr(struct ds *s, const struct odp_table_attr *ta,
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
        if (!field_mask_is_zero(&ta->fields[i], mask)) {
            return false;
        }
    }
    return true;
}

/* ---------------------------------------------------------------- */
/* Text scanning helpers. */

/* Returns the length of the balanced text at 's' up to (not including) the
 * first ',' or ')' at nesting depth 0, or the end of the string. */
static size_t
span_item(const char *s)
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
static int
scan_parens(const char *s, const char *name, const char **inside)
{
    size_t n = strlen(name);
    if (strncmp(s, name, n) || s[n] != '(') {
        return -2;
    }
    const char *p = s + n + 1;
    size_t len = span_item(p);
    while (p[len] == ',') {
        len += 1 + span_item(p + len + 1);
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
static bool
parse_uint(const char *s, size_t len, uint64_t max, uint64_t *value)
{
    return parse_uint__(s, len, max, value, 0);
}

/* The same, in decimal only (leading zeros allowed), for the arguments
 * that Open vSwitch reads as decimal. */
static bool
parse_uint_dec(const char *s, size_t len, uint64_t max, uint64_t *value)
{
    return parse_uint__(s, len, max, value, 10);
}

/* Decimal (leading zeros allowed) or hex with "0x": recirc ids, which
 * Open vSwitch reads in decimal but prints in hex. */
static bool
parse_uint_dec_or_hex(const char *s, size_t len, uint64_t max,
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
static bool
parse_uint_masked(const char *s, size_t len, uint64_t max, uint64_t *value,
                  uint64_t *mask)
{
    const char *slash = memchr(s, '/', len);
    if (!slash) {
        *mask = max;
        return parse_uint(s, len, max, value);
    }
    return (parse_uint(s, slash - s, max, value)
            && parse_uint(slash + 1, len - (slash - s) - 1, max, mask));
}

/* Parses "NAME=VALUE[/MASK]" field text into 'key' and 'mask'. */
static char *
parse_field(const struct odp_field *f, const char *v, size_t len,
            struct flow *key, struct flow *mask)
{
    char *text = xmemdup0(v, len);
    const char *slash = memchr(v, '/', len);
    char *value_text = xmemdup0(v, slash ? (size_t) (slash - v) : len);
    uint8_t *k = field_ptr_rw(key, f);
    uint8_t *m = field_ptr_rw(mask, f);
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
        if (!parse_uint_masked(text, len, UINT8_MAX, &x, &xm)) {
            goto bad;
        }
        k[0] = x;
        m[0] = xm;
        break;
    case OFK_BE16D: {
        if (!parse_uint_masked(text, len, UINT16_MAX, &x, &xm)) {
            goto bad;
        }
        be16 v16 = htons(x), m16 = htons(xm);
        memcpy(k, &v16, 2);
        memcpy(m, &m16, 2);
        break;
    }
    case OFK_LOW8: {
        if (!parse_uint_masked(text, len, UINT8_MAX, &x, &xm)) {
            goto bad;
        }
        be16 v16 = htons(x), m16 = htons(xm == UINT8_MAX ? 0xffff : xm);
        memcpy(k, &v16, 2);
        memcpy(m, &m16, 2);
        break;
    }
    case OFK_LABEL:
        if (!parse_uint_masked(text, len, UINT32_MAX, &x, &xm)
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
static char *
parse_table_fields(const struct odp_table_attr *ta, const char *s,
                   size_t len, struct flow *key, struct flow *mask)
{
    const char *end = s + len;

    while (s < end) {
        size_t n = span_item(s);
        if (s + n > end) {
            n = end - s;
        }
        const char *eq = memchr(s, '=', n);
        const struct odp_field *f = NULL;
        if (eq) {
            for (size_t i = 0; i < ta->n_fields; i++) {
                const char *name = ta->fields[i].name;
                if (strlen(name) == (size_t) (eq - s)
                    && !memcmp(name, s, eq - s)) {
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

static const char *
tun_flag_name(uint32_t bit)
{
    switch (bit) {
    case FLOW_TNL_F_OAM: return "oam";
    case FLOW_TNL_F_DONT_FRAGMENT: return "df";
    case FLOW_TNL_F_CSUM: return "csum";
    case FLOW_TNL_F_KEY: return "key";
    }
    return NULL;
}

static const char *
tcp_flag_name(uint32_t bit)
{
    return packet_tcp_flag_to_string(bit);
}

/* Appends 'flags' under 'mask': "a|b" if 'mask' covers 'all', otherwise
 * "+a-b" for each bit in 'mask'. */
static void
format_flags_masked(struct ds *s, const char *(*name)(uint32_t),
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
static char *
parse_flags(const char *s, size_t len, const char *(*name)(uint32_t),
            uint32_t all, uint32_t *flags, uint32_t *mask)
{
    uint64_t v, m;

    *flags = *mask = 0;
    if (!len) {
        return xstrdup("empty flags");
    }
    if (s[0] >= '0' && s[0] <= '9') {
        if (!parse_uint_masked(s, len, UINT32_MAX, &v, &m)) {
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

static void
format_u128_hex(struct ds *s, svs_u128 v)
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

static bool
u128_is_ones(svs_u128 v)
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

    if (!tunnel_is_set(k) || (!kf->verbose && is_all_zeros(m, sizeof *m))) {
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
    format_flags_masked(s, tun_flag_name, k->flags, m->flags,
                        FLOW_TNL_F_OAM | FLOW_TNL_F_DONT_FRAGMENT
                        | FLOW_TNL_F_CSUM | FLOW_TNL_F_KEY);
    ds_put_cstr(s, "))");
}

static void
format_vlan_tci(struct ds *s, be16 tci_, be16 mask_, bool verbose)
{
    uint16_t tci = ntohs(tci_), mask = ntohs(mask_);
    bool masked = mask != UINT16_MAX;

    if (verbose || (mask & VLAN_VID_MASK) || (tci & VLAN_VID_MASK)) {
        ds_put_format(s, "vid=%"PRIu16, tci & VLAN_VID_MASK);
        if (masked) {
            ds_put_format(s, "/0x%"PRIx16, mask & VLAN_VID_MASK);
        }
        ds_put_char(s, ',');
    }
    if (verbose || (mask & VLAN_PCP_MASK) || (tci & VLAN_PCP_MASK)) {
        ds_put_format(s, "pcp=%d", tci >> VLAN_PCP_SHIFT);
        if (masked) {
            ds_put_format(s, "/0x%x", mask >> VLAN_PCP_SHIFT);
        }
        ds_put_char(s, ',');
    }
    if (!(tci & VLAN_CFI)) {
        ds_put_cstr(s, "cfi=0");
        if (masked) {
            ds_put_format(s, "/%d", !!(mask & VLAN_CFI));
        }
        ds_put_char(s, ',');
    }
    ds_chomp(s, ',');
}

static void
format_mpls(struct ds *s, const be32 *lses, const be32 *masks, int n)
{
    if (n == 1) {
        be32 k = lses[0], m = masks[0];
        bool exact = m == UINT32_MAX;
        ds_put_format(s, "label=%"PRIu32, mpls_lse_to_label(k));
        if (!exact) {
            ds_put_format(s, "/%#"PRIx32, mpls_lse_to_label(m));
        }
        ds_put_format(s, ",tc=%d", mpls_lse_to_tc(k));
        if (!exact) {
            ds_put_format(s, "/%x", mpls_lse_to_tc(m));
        }
        ds_put_format(s, ",ttl=%d", mpls_lse_to_ttl(k));
        if (!exact) {
            ds_put_format(s, "/%#x", mpls_lse_to_ttl(m));
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
        ta = table_attr_by_type(OVS_KEY_ATTR_IPV4);
        is_ip = true;
    } else if (dl_type == ETH_TYPE_IPV6) {
        ta = table_attr_by_type(OVS_KEY_ATTR_IPV6);
        is_ip = true;
    } else if (dl_type == ETH_TYPE_ARP || dl_type == ETH_TYPE_RARP) {
        ta = table_attr_by_type(OVS_KEY_ATTR_ARP);
    } else if (dl_type == ETH_TYPE_MPLS || dl_type == ETH_TYPE_MPLS_MCAST) {
        int n = flow_count_mpls_labels(k);
        if (n < 1) {
            n = 1;
        }
        if (kf->verbose || !is_all_zeros(m->mpls_lse, n * 4)) {
            put_sep(kf->s);
            ds_put_cstr(kf->s, "mpls(");
            format_mpls(kf->s, k->mpls_lse, m->mpls_lse, n);
            ds_put_char(kf->s, ')');
        }
        return;
    }
    if (!ta) {
        return;
    }
    if (kf->verbose || !table_attr_mask_is_zero(ta, m)) {
        put_sep(kf->s);
        format_table_attr(kf->s, ta, k, m, kf->verbose);
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
    ta = table_attr_by_type(l4);
    if (kf->verbose || !table_attr_mask_is_zero(ta, m)) {
        put_sep(kf->s);
        format_table_attr(kf->s, ta, k, m, kf->verbose);
    }
    if (l4 == OVS_KEY_ATTR_TCP && (k->tcp_flags || m->tcp_flags)) {
        put_sep(kf->s);
        ds_put_cstr(kf->s, "tcp_flags(");
        format_flags_masked(kf->s, tcp_flag_name, ntohs(k->tcp_flags),
                            ntohs(m->tcp_flags), TCP_FLAGS_MASK);
        ds_put_char(kf->s, ')');
    }
    if (l4 == OVS_KEY_ATTR_ICMPV6 && !(ntohs(k->tp_dst) & 0xff)) {
        uint8_t type = ntohs(k->tp_src) & 0xff;
        if (type == ND_NEIGHBOR_SOLICIT || type == ND_NEIGHBOR_ADVERT) {
            ta = table_attr_by_type(OVS_KEY_ATTR_ND);
            if (kf->verbose || !table_attr_mask_is_zero(ta, m)) {
                put_sep(kf->s);
                format_table_attr(kf->s, ta, k, m, kf->verbose);
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
            format_flags_masked(s, ct_state_name, key->ct_state,
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
        format_u128_hex(s, key->ct_label);
        if (!u128_is_ones(m->ct_label)) {
            ds_put_char(s, '/');
            format_u128_hex(s, m->ct_label);
        }
        ds_put_char(s, ')');
    }
    if (key->ct_nw_proto && key->dl_type == htons(ETH_TYPE_IP)
        && (verbose || m->ct_nw_src || m->ct_nw_dst || m->ct_tp_src
            || m->ct_tp_dst || m->ct_nw_proto)) {
        put_sep(s);
        ds_put_format(s, "ct_tuple4(src="IP_FMT",dst="IP_FMT
                      ",proto=%"PRIu8",tp_src=%"PRIu16",tp_dst=%"PRIu16")",
                      IP_ARGS(key->ct_nw_src), IP_ARGS(key->ct_nw_dst),
                      key->ct_nw_proto, ntohs(key->ct_tp_src),
                      ntohs(key->ct_tp_dst));
    }
    format_u32_attr(&kf, "recirc_id", key->recirc_id, m->recirc_id,
                    UINT32_MAX);
    format_u32_attr(&kf, "dp_hash", key->dp_hash, m->dp_hash, UINT32_MAX);

    if (verbose || m->in_port) {
        put_sep(s);
        ds_put_cstr(s, "in_port(");
        format_port(s, key->in_port, verbose ? names : NULL);
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
            = table_attr_by_type(OVS_KEY_ATTR_ETHERNET);
        if (verbose || !table_attr_mask_is_zero(eth, m)) {
            put_sep(s);
            format_table_attr(s, eth, key, m, verbose);
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

static char *
parse_u32_value(const char *s, size_t len, uint32_t *v, uint32_t *m)
{
    uint64_t x, xm;
    if (!parse_uint_masked(s, len, UINT32_MAX, &x, &xm)) {
        return xasprintf("bad value \"%.*s\"", (int) len, s);
    }
    *v = x;
    *m = xm;
    return NULL;
}

static char *
parse_u128_value(const char *s, size_t len, svs_u128 *v, svs_u128 *m)
{
    const char *slash = memchr(s, '/', len);
    size_t vlen = slash ? (size_t) (slash - s) : len;

    for (int pass = 0; pass < 2; pass++) {
        const char *p = pass ? slash + 1 : s;
        size_t n = pass ? len - vlen - 1 : vlen;
        svs_u128 *out = pass ? m : v;
        if (pass && !slash) {
            out->u64.hi = out->u64.lo = UINT64_MAX;
            break;
        }
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
            if (!parse_uint(p, n, UINT64_MAX, &x)) {
                return xasprintf("bad value \"%.*s\"", (int) len, s);
            }
            out->u64.lo = x;
        }
    }
    return NULL;
}

struct key_parse {
    const struct odp_portno_names *names;
    struct flow *key;
    struct flow *mask;
    int n_vlans;
};

static char *parse_key_list(struct key_parse *, const char *s, size_t len);

static char *
parse_tunnel(struct key_parse *kp, const char *s, size_t len)
{
    struct flow_tnl *k = &kp->key->tunnel, *m = &kp->mask->tunnel;
    const char *end = s + len;

    while (s < end) {
        size_t n = span_item(s);
        const char *eq = memchr(s, '=', n);
        const char *inside;
        int ilen = scan_parens(s, "flags", &inside);
        char *error = NULL;
        if (ilen >= 0) {
            uint32_t f, fm;
            error = parse_flags(inside, ilen, tun_flag_name,
                                FLOW_TNL_F_OAM | FLOW_TNL_F_DONT_FRAGMENT
                                | FLOW_TNL_F_CSUM | FLOW_TNL_F_KEY, &f, &fm);
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
                if (parse_uint_masked(val, strlen(val), UINT64_MAX, &x, &xm)) {
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
                if (parse_uint_masked(val, strlen(val), UINT8_MAX, &x, &xm)) {
                    *(NAME_IS("tos") ? &k->ip_tos : &k->ip_ttl) = x;
                    *(NAME_IS("tos") ? &m->ip_tos : &m->ip_ttl) = xm;
                } else {
                    error = xasprintf("tunnel: bad value \"%s\"", val);
                }
            } else if (NAME_IS("tp_src") || NAME_IS("tp_dst")) {
                if (parse_uint_masked(val, strlen(val), UINT16_MAX, &x,
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
parse_vlan(struct key_parse *kp, const char *s, size_t len)
{
    int i = kp->n_vlans;
    uint16_t tci = VLAN_CFI, mask = VLAN_CFI;
    const char *end = s + len;

    if (i >= FLOW_MAX_VLAN_HEADERS) {
        return xstrdup("too many VLAN headers");
    }
    while (s < end) {
        size_t n = span_item(s);
        const char *eq = memchr(s, '=', n);
        uint64_t x, xm;
        if (!eq || !parse_uint_masked(eq + 1, n - (eq + 1 - s), UINT16_MAX,
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

static char *
parse_mpls(struct key_parse *kp, const char *s, size_t len)
{
    const char *end = s + len;
    uint32_t lse = 0, lmask = 0;
    bool fields = false;

    while (s < end) {
        size_t n = span_item(s);
        const char *eq = memchr(s, '=', n);
        uint64_t x, xm;
        if (!eq || !parse_uint_masked(eq + 1, n - (eq + 1 - s), UINT32_MAX,
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
parse_key_attr(struct key_parse *kp, const char *s, size_t n)
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
    const struct odp_table_attr *ta = table_attr_by_name(s, nlen);
    if (ta) {
        error = parse_table_fields(ta, in, ilen, k, m);
    } else if (IS("skb_priority") || IS("skb_mark") || IS("recirc_id")
               || IS("dp_hash") || IS("ct_mark")) {
        error = parse_u32_value(in, ilen, &v, &vm);
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
        error = parse_u32_value(in, ilen, &v, &vm);
        if (!error && (v > UINT16_MAX || (vm != UINT32_MAX
                                          && vm > UINT16_MAX))) {
            error = xstrdup("ct_zone: value out of range");
        }
        if (!error) {
            k->ct_zone = v;
            m->ct_zone = vm;
        }
    } else if (IS("ct_state")) {
        error = parse_flags(in, ilen, ct_state_name, UINT8_MAX, &v, &vm);
        if (!error && v > UINT8_MAX) {
            error = xstrdup("ct_state: value out of range");
        }
        if (!error) {
            k->ct_state = v;
            m->ct_state = vm;
        }
    } else if (IS("ct_label")) {
        error = parse_u128_value(in, ilen, &k->ct_label, &m->ct_label);
    } else if (IS("in_port")) {
        char *name = xmemdup0(in, ilen);
        odp_port_t port = odp_portno_names_find(kp->names, name);
        if (port != ODPP_NONE) {
            k->in_port = port;
            m->in_port = UINT32_MAX;
        } else {
            error = parse_u32_value(in, ilen, &k->in_port, &m->in_port);
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
            size_t fn = span_item(p);
            if (!strncmp(p, "ns=", 3)
                && parse_uint_masked(p + 3, fn - 3, UINT16_MAX, &ns, &nsm)) {
            } else if (!strncmp(p, "id=", 3)
                       && parse_uint_masked(p + 3, fn - 3, UINT16_MAX, &id,
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
        if (!parse_uint_masked(in, ilen, UINT16_MAX, &x, &xm)) {
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
        error = parse_mpls(kp, in, ilen);
    } else if (IS("tcp_flags")) {
        error = parse_flags(in, ilen, tcp_flag_name, TCP_FLAGS_MASK, &v, &vm);
        if (!error) {
            k->tcp_flags = htons(v);
            m->tcp_flags = htons(vm);
        }
    } else if (IS("tunnel")) {
        error = parse_tunnel(kp, in, ilen);
    } else {
        error = xasprintf("unknown attribute \"%.*s\"", (int) nlen, s);
    }
#undef IS
    return error;
}

static char *
parse_key_list(struct key_parse *kp, const char *s, size_t len)
{
    const char *end = s + len;
    while (s < end) {
        size_t n = span_item(s);
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
    struct key_parse kp = { names, key, &wc->masks, 0 };
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

void
odp_flow_key_hash_ufid(const struct flow *key,
                       const struct flow_wildcards *wc, svs_u128 *ufid)
{
    struct flow masked = *key;
    flow_zero_wildcards(&masked, wc);
    for (int i = 0; i < 4; i++) {
        uint32_t h = hash_bytes(&masked, sizeof masked, 0x9e3779b9u * (i + 1));
        ufid->u32[i] = hash_bytes(&wc->masks, sizeof wc->masks, h);
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

static int
hexit(char c)
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
            int d = hexit(*s++);
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
static size_t
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
    }
}

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
    const struct odp_table_attr *ta = table_attr_by_type(type);
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
    bool exact = is_all_ones(maskp, size);

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
        format_mpls(s, key.mpls_lse, mask.mpls_lse, 1);
        ds_put_char(s, ')');
        return;
    }
    if (exact) {
        /* Every field, without masks. */
        struct flow_wildcards wc;
        flow_wildcards_init_exact(&wc);
        format_table_attr(s, table_attr_by_type(type), &key, &wc.masks,
                          true);
    } else {
        format_table_attr(s, table_attr_by_type(type), &key, &mask, false);
    }
}

static void format_actions__(struct ds *, const struct nlattr *, size_t,
                             const struct odp_portno_names *);

static void
format_userspace(struct ds *s, const struct nlattr *a)
{
    const struct nlattr *nla;
    size_t left;

    ds_put_cstr(s, "userspace(");
    NL_NESTED_FOR_EACH (nla, left, a) {
        switch (nl_attr_type(nla)) {
        case OVS_USERSPACE_ATTR_PID:
            ds_put_format(s, "pid=%"PRIu32",", nl_attr_get_u32(nla));
            break;
        case OVS_USERSPACE_ATTR_USERDATA:
            ds_put_cstr(s, "userdata(");
            ds_put_hex(s, nl_attr_get(nla), nl_attr_get_size(nla));
            ds_put_cstr(s, "),");
            break;
        case OVS_USERSPACE_ATTR_EGRESS_TUN_PORT:
            ds_put_format(s, "tunnel_out_port=%"PRIu32",",
                          nl_attr_get_u32(nla));
            break;
        case OVS_USERSPACE_ATTR_ACTIONS:
            ds_put_cstr(s, "actions,");
            break;
        }
    }
    ds_chomp(s, ',');
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
            format_u128_hex(s, v);
            if (!u128_is_ones(m)) {
                ds_put_char(s, '/');
                format_u128_hex(s, m);
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
        format_port(s, nl_attr_get_u32(a), names);
        break;
    case OVS_ACTION_ATTR_USERSPACE:
        format_userspace(s, a);
        break;
    case OVS_ACTION_ATTR_SET:
    case OVS_ACTION_ATTR_SET_MASKED: {
        const struct nlattr *k = nl_attr_get(a);
        ds_put_cstr(s, "set(");
        format_set_key(s, k, type == OVS_ACTION_ATTR_SET_MASKED);
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

    if (nlen == 12 && !memcmp(in, "skb_priority", 12)) {
        type = OVS_KEY_ATTR_PRIORITY;
    } else if (nlen == 8 && !memcmp(in, "skb_mark", 8)) {
        type = OVS_KEY_ATTR_SKB_MARK;
    }
    if (type) {
        uint32_t v = 0, m = 0;
        char *error = parse_u32_value(fin, flen, &v, &m);
        if (error) {
            return error;
        }
        memcpy(value, &v, 4);
        memcpy(mask, &m, 4);
    } else {
        struct flow key, fmask;
        struct key_parse kp = { NULL, &key, &fmask, 0 };
        const struct odp_table_attr *ta = table_attr_by_name(in, nlen);
        char *error;

        memset(&key, 0, sizeof key);
        memset(&fmask, 0, sizeof fmask);
        if (ta) {
            type = ta->type;
            error = parse_table_fields(ta, fin, flen, &key, &fmask);
        } else if (nlen == 4 && !memcmp(in, "mpls", 4)) {
            type = OVS_KEY_ATTR_MPLS;
            error = parse_mpls(&kp, fin, flen);
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
    if (is_all_ones(mask, size)) {
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

static char *
parse_userspace(const char *in, size_t ilen, struct ofpbuf *actions)
{
    const char *end = in + ilen;
    size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_USERSPACE);
    bool have_pid = false;

    while (in < end) {
        size_t n = span_item(in);
        const char *inside;
        int len;
        uint64_t x;

        if (n > 4 && !strncmp(in, "pid=", 4)
            && parse_uint(in + 4, n - 4, UINT32_MAX, &x)) {
            nl_msg_put_u32(actions, OVS_USERSPACE_ATTR_PID, x);
            have_pid = true;
        } else if ((len = scan_parens(in, "userdata", &inside)) >= 0
                   && (size_t) len + 10 == n) {
            if (len % 2) {
                return xstrdup("userspace: odd number of hex digits");
            }
            uint8_t *p = nl_msg_put_unspec_uninit(actions,
                                                  OVS_USERSPACE_ATTR_USERDATA,
                                                  len / 2);
            for (int i = 0; i < len / 2; i++) {
                int hi = hexit(inside[2 * i]), lo = hexit(inside[2 * i + 1]);
                if (hi < 0 || lo < 0) {
                    return xstrdup("userspace: bad userdata");
                }
                p[i] = hi * 16 + lo;
            }
        } else if (n > 16 && !strncmp(in, "tunnel_out_port=", 16)
                   && parse_uint(in + 16, n - 16, UINT32_MAX, &x)) {
            nl_msg_put_u32(actions, OVS_USERSPACE_ATTR_EGRESS_TUN_PORT, x);
        } else if (n == 7 && !strncmp(in, "actions", 7)) {
            nl_msg_put_flag(actions, OVS_USERSPACE_ATTR_ACTIONS);
        } else {
            return xasprintf("userspace: bad argument \"%.*s\"", (int) n, in);
        }
        in += n;
        if (in < end && *in == ',') {
            in++;
        }
    }
    if (!have_pid) {
        return xstrdup("userspace: missing pid");
    }
    nl_msg_end_nested(actions, ofs);
    return NULL;
}

static char *
parse_nat(const char *in, size_t ilen, struct ofpbuf *actions)
{
    size_t ofs = nl_msg_start_nested(actions, OVS_CT_ATTR_NAT);
    const char *end = in + ilen;
    char *error = NULL;

    while (in < end && !error) {
        size_t n = span_item(in);
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
                    if (!parse_uint(ports, strlen(ports), UINT16_MAX, &lo)
                        || (pdash && !parse_uint(pdash, strlen(pdash),
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
        size_t n = span_item(in);
        const char *inside;
        int len;
        uint64_t x, xm;
        char *error = NULL;

        if (n == 6 && !strncmp(in, "commit", 6)) {
            nl_msg_put_flag(actions, OVS_CT_ATTR_COMMIT);
        } else if (n == 12 && !strncmp(in, "force_commit", 12)) {
            nl_msg_put_flag(actions, OVS_CT_ATTR_FORCE_COMMIT);
        } else if (n > 5 && !strncmp(in, "zone=", 5)
                   && parse_uint_dec(in + 5, n - 5, UINT16_MAX, &x)) {
            nl_msg_put_u16(actions, OVS_CT_ATTR_ZONE, x);
        } else if (n > 5 && !strncmp(in, "mark=", 5)
                   && parse_uint_masked(in + 5, n - 5, UINT32_MAX, &x, &xm)) {
            uint32_t mk[2] = { x, xm };
            nl_msg_put_unspec(actions, OVS_CT_ATTR_MARK, mk, sizeof mk);
        } else if (n > 6 && !strncmp(in, "label=", 6)) {
            svs_u128 lv[2];
            error = parse_u128_value(in + 6, n - 6, &lv[0], &lv[1]);
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
        } else if ((len = scan_parens(in, "nat", &inside)) >= 0
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
    nl_msg_end_nested(actions, ofs);
    return NULL;
}

static char *
parse_push_vlan(const char *in, size_t ilen, struct ofpbuf *actions)
{
    const char *end = in + ilen;
    uint16_t tpid = ETH_TYPE_VLAN_8021Q, vid = 0, pcp = 0, cfi = 1;

    while (in < end) {
        size_t n = span_item(in);
        const char *eq = memchr(in, '=', n);
        uint64_t x;
        if (!eq || !parse_uint(eq + 1, n - (eq + 1 - in), UINT16_MAX, &x)) {
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
        size_t n = span_item(in);
        const char *eq = memchr(in, '=', n);
        uint64_t x;
        if (!eq || !parse_uint(eq + 1, n - (eq + 1 - in), UINT32_MAX, &x)) {
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

static char *
parse_check_pkt_len(const char *in, size_t ilen,
                    const struct odp_portno_names *names,
                    struct ofpbuf *actions, int depth)
{
    const char *end = in + ilen;
    size_t ofs = nl_msg_start_nested(actions, OVS_ACTION_ATTR_CHECK_PKT_LEN);
    int stage = 0;

    while (in < end) {
        size_t n = span_item(in);
        const char *inside;
        int len;
        uint64_t x;
        char *error = NULL;

        if (stage == 0 && n > 5 && !strncmp(in, "size=", 5)
            && parse_uint(in + 5, n - 5, UINT16_MAX, &x)) {
            nl_msg_put_u16(actions, OVS_CHECK_PKT_LEN_ATTR_PKT_LEN, x);
        } else if (stage == 1 && (len = scan_parens(in, "gt", &inside)) >= 0
                   && (size_t) len + 4 == n) {
            size_t o = nl_msg_start_nested(
                actions, OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_GREATER);
            error = parse_actions(inside, len, names, actions, depth + 1);
            nl_msg_end_nested(actions, o);
        } else if (stage == 2 && (len = scan_parens(in, "le", &inside)) >= 0
                   && (size_t) len + 4 == n) {
            size_t o = nl_msg_start_nested(
                actions, OVS_CHECK_PKT_LEN_ATTR_ACTIONS_IF_LESS_EQUAL);
            error = parse_actions(inside, len, names, actions, depth + 1);
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

#define PARENS(NAME) ((len = scan_parens(s, NAME, &in)) >= 0 \
                      && (size_t) len + strlen(NAME) + 2 == n)
    if (parse_uint(s, n, UINT32_MAX, &x)) {
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
        if (!parse_uint_dec_or_hex(in, len, UINT32_MAX, &x)) {
            return xasprintf("recirc: bad id \"%.*s\"", len, in);
        }
        odp_put_recirc_action(actions, x);
    } else if (PARENS("trunc")) {
        if (!parse_uint(in, len, UINT32_MAX, &x)) {
            return xasprintf("trunc: bad length \"%.*s\"", len, in);
        }
        struct ovs_action_trunc t = { .max_len = x };
        nl_msg_put_unspec(actions, OVS_ACTION_ATTR_TRUNC, &t, sizeof t);
    } else if (PARENS("meter")) {
        if (!parse_uint(in, len, UINT32_MAX, &x)) {
            return xasprintf("meter: bad id \"%.*s\"", len, in);
        }
        nl_msg_put_u32(actions, OVS_ACTION_ATTR_METER, x);
    } else if (PARENS("tnl_pop")) {
        if (!parse_uint(in, len, UINT32_MAX, &x)) {
            return xasprintf("tnl_pop: bad port \"%.*s\"", len, in);
        }
        nl_msg_put_u32(actions, ODP_ACTION_ATTR_TUNNEL_POP, x);
    } else if (PARENS("lb_output")) {
        if (!parse_uint(in, len, UINT32_MAX, &x)) {
            return xasprintf("lb_output: bad id \"%.*s\"", len, in);
        }
        nl_msg_put_u32(actions, ODP_ACTION_ATTR_LB_OUTPUT, x);
    } else if (PARENS("hash")) {
        const char *alg;
        int alen;
        struct ovs_action_hash h;
        if ((alen = scan_parens(in, "l4", &alg)) >= 0 && alen + 4 == len) {
            h.hash_alg = OVS_HASH_ALG_L4;
        } else if ((alen = scan_parens(in, "sym_l4", &alg)) >= 0
                   && alen + 8 == len) {
            h.hash_alg = ODP_HASH_ALG_SYM_L4;
        } else {
            return xasprintf("hash: bad argument \"%.*s\"", len, in);
        }
        if (!parse_uint(alg, alen, UINT32_MAX, &x)) {
            return xasprintf("hash: bad basis \"%.*s\"", alen, alg);
        }
        h.hash_basis = x;
        nl_msg_put_unspec(actions, OVS_ACTION_ATTR_HASH, &h, sizeof h);
    } else if (PARENS("push_mpls")) {
        error = parse_push_mpls(in, len, actions);
    } else if (PARENS("pop_mpls")) {
        if (len < 9 || strncmp(in, "eth_type=", 9)
            || !parse_uint(in + 9, len - 9, UINT16_MAX, &x)) {
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
            || (alen = scan_parens(pend + 2, "actions", &acts)) < 0
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
        size_t n = span_item(s);
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
    case OVS_ACTION_ATTR_PUSH_VLAN: {
        if (size != sizeof(struct ovs_action_push_vlan)) {
            return EINVAL;
        }
        const struct ovs_action_push_vlan *pv = nl_attr_get(a);
        uint16_t tpid = ntohs(pv->vlan_tpid);
        return (tpid == ETH_TYPE_VLAN_8021Q || tpid == ETH_TYPE_VLAN_8021AD
                ? 0 : EINVAL);
    }
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
        nl_msg_put_unspec(b, OVS_USERSPACE_ATTR_USERDATA, userdata,
                          userdata_len);
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
 * 'base' differ in the fields it covers: masked, with whole changed fields
 * in the mask, unless every field changes.  'fields' is the field table
 * (NULL for single-value attributes).  Returns true if it emitted one. */
static bool
commit_attr(uint16_t type, const struct flow *flow, struct flow *base,
            struct ofpbuf *actions, const struct odp_field *fields,
            size_t n_fields, const char *const *settable)
{
    size_t size = odp_set_key_size(type);
    uint8_t value[64], old[64], mask[64];

    odp_key_from_flow(type, flow, false, value);
    odp_key_from_flow(type, base, false, old);
    if (!memcmp(value, old, size)) {
        return false;
    }

    /* Build the mask field by field in struct flow terms. */
    struct flow fmask;
    memset(&fmask, 0, sizeof fmask);
    if (fields) {
        for (size_t i = 0; i < n_fields; i++) {
            const struct odp_field *f = &fields[i];
            bool ok = false;
            for (const char *const *p = settable; *p; p++) {
                ok |= !strcmp(*p, f->name);
            }
            if (ok && memcmp(field_ptr(flow, f), field_ptr(base, f),
                             field_size(f->kind))) {
                memset(field_ptr_rw(&fmask, f), 0xff, field_size(f->kind));
                if (f->kind == OFK_LABEL) {
                    put_16aligned_be32(field_ptr_rw(&fmask, f),
                                       htonl(IPV6_LABEL_MASK));
                }
            }
        }
        odp_key_from_flow(type, &fmask, true, mask);
    } else {
        memset(mask, 0xff, size);
    }
    if (is_all_zeros(mask, size)) {
        return false;
    }
    for (size_t i = 0; i < size; i++) {
        value[i] &= mask[i];
    }
    if (is_all_ones(mask, size)) {
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
            if (!field_mask_is_zero(f, &fmask)) {
                memcpy(field_ptr_rw(base, f), field_ptr(flow, f),
                       field_size(f->kind));
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
        commit_attr(OVS_KEY_ATTR_ETHERNET, flow, base, actions, eth_fields,
                    ARRAY_SIZE(eth_fields), eth_set);
    }
    if (dl_type == ETH_TYPE_IP || dl_type == ETH_TYPE_IPV6) {
        bool v4 = dl_type == ETH_TYPE_IP;
        bool set = v4
            ? commit_attr(OVS_KEY_ATTR_IPV4, flow, base, actions,
                          ipv4_fields, ARRAY_SIZE(ipv4_fields), ip4_set)
            : commit_attr(OVS_KEY_ATTR_IPV6, flow, base, actions,
                          ipv6_fields, ARRAY_SIZE(ipv6_fields), ip6_set);
        if (set && wc) {
            wc->masks.dl_type = UINT16_MAX;
            wc->masks.nw_frag |= FLOW_NW_FRAG_MASK;
        }
        if (!(flow->nw_frag & FLOW_NW_FRAG_LATER)) {
            uint16_t l4 = 0;
            const struct odp_field *fields = tp_fields;
            size_t nf = ARRAY_SIZE(tp_fields);
            const char *const *settable = tp_set;
            switch (flow->nw_proto) {
            case IP_PROTO_TCP: l4 = OVS_KEY_ATTR_TCP; break;
            case IP_PROTO_UDP: l4 = OVS_KEY_ATTR_UDP; break;
            case IP_PROTO_SCTP: l4 = OVS_KEY_ATTR_SCTP; break;
            case IP_PROTO_ICMP:
                if (v4) {
                    l4 = OVS_KEY_ATTR_ICMP;
                    fields = icmp_fields;
                    nf = ARRAY_SIZE(icmp_fields);
                    settable = icmp_set;
                }
                break;
            case IP_PROTO_ICMPV6:
                if (!v4) {
                    l4 = OVS_KEY_ATTR_ICMPV6;
                    fields = icmp_fields;
                    nf = ARRAY_SIZE(icmp_fields);
                    settable = icmp_set;
                }
                break;
            }
            if (l4 && commit_attr(l4, flow, base, actions, fields, nf,
                                  settable) && wc) {
                wc->masks.dl_type = UINT16_MAX;
                wc->masks.nw_proto = UINT8_MAX;
                wc->masks.nw_frag |= FLOW_NW_FRAG_MASK;
            }
            uint8_t type = ntohs(flow->tp_src) & 0xff;
            if (l4 == OVS_KEY_ATTR_ICMPV6 && !(ntohs(flow->tp_dst) & 0xff)
                && (type == ND_NEIGHBOR_SOLICIT
                    || type == ND_NEIGHBOR_ADVERT)
                && commit_attr(OVS_KEY_ATTR_ND, flow, base, actions,
                               nd_fields, ARRAY_SIZE(nd_fields), nd_set)
                && wc) {
                wc->masks.dl_type = UINT16_MAX;
                wc->masks.nw_proto = UINT8_MAX;
                wc->masks.tp_src = wc->masks.tp_dst = UINT16_MAX;
            }
        }
    } else if (dl_type == ETH_TYPE_ARP || dl_type == ETH_TYPE_RARP) {
        if (commit_attr(OVS_KEY_ATTR_ARP, flow, base, actions, arp_fields,
                        ARRAY_SIZE(arp_fields), arp_set) && wc) {
            wc->masks.dl_type = UINT16_MAX;
        }
    } else if ((dl_type == ETH_TYPE_MPLS || dl_type == ETH_TYPE_MPLS_MCAST)
               && base->mpls_lse[0] && flow->mpls_lse[0] != base->mpls_lse[0]
               && (ntohs(base->dl_type) == ETH_TYPE_MPLS
                   || ntohs(base->dl_type) == ETH_TYPE_MPLS_MCAST)) {
        commit_attr(OVS_KEY_ATTR_MPLS, flow, base, actions, NULL, 0, NULL);
    }
    commit_attr(OVS_KEY_ATTR_PRIORITY, flow, base, actions, NULL, 0, NULL);
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
