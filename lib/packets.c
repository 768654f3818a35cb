/* packets.c: address parsing and formatting, checksums. */
#include <config.h>
#include "packets.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "flow.h"
#include "util.h"

const struct eth_addr eth_addr_zero = { { { 0, 0, 0, 0, 0, 0 } } };
const struct eth_addr eth_addr_exact = {
    { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } }
};
const struct eth_addr eth_addr_broadcast = {
    { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } }
};
const struct in6_addr in6addr_exact = {
    { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } }
};

be32
mpls_lse_from_fields(uint32_t label, uint8_t tc, uint8_t bos, uint8_t ttl)
{
    uint32_t lse = ((label << MPLS_LABEL_SHIFT) & MPLS_LABEL_MASK)
                   | (((uint32_t) tc << MPLS_TC_SHIFT) & MPLS_TC_MASK)
                   | (((uint32_t) bos << MPLS_BOS_SHIFT) & MPLS_BOS_MASK)
                   | (((uint32_t) ttl << MPLS_TTL_SHIFT) & MPLS_TTL_MASK);
    return htonl(lse);
}

/* Checksums. */

uint32_t
csum_continue(uint32_t partial, const void *data_, size_t n)
{
    const uint8_t *data = data_;

    for (; n > 1; n -= 2, data += 2) {
        partial += (data[0] << 8) | data[1];
    }
    if (n) {
        partial += data[0] << 8;
    }
    return partial;
}

be16
csum_finish(uint32_t partial)
{
    while (partial >> 16) {
        partial = (partial & 0xffff) + (partial >> 16);
    }
    return htons(~partial & 0xffff);
}

be16
csum(const void *data, size_t n)
{
    return csum_finish(csum_continue(0, data, n));
}

uint32_t
packet_csum_pseudoheader(const struct ip_header *ip, uint8_t proto,
                         uint16_t len)
{
    uint32_t partial = 0;

    partial = csum_continue(partial, ip->ip_src, 4);
    partial = csum_continue(partial, ip->ip_dst, 4);
    partial += proto;
    partial += len;
    return partial;
}

uint32_t
packet_csum_pseudoheader6(const struct ipv6_header *ip6, uint8_t proto,
                          uint32_t len)
{
    uint32_t partial = 0;

    partial = csum_continue(partial, &ip6->ip6_src, 16);
    partial = csum_continue(partial, &ip6->ip6_dst, 16);
    partial += len >> 16;
    partial += len & 0xffff;
    partial += proto;
    return partial;
}

be32
crc32c(const uint8_t *data, size_t n)
{
    uint32_t crc = 0xffffffff;

    for (size_t i = 0; i < n; i++) {
        crc ^= data[i];
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0x82f63b78 & -(crc & 1));
        }
    }
    crc = ~crc;
    /* SCTP stores the CRC in little-endian byte order. */
    {
        uint8_t b[4] = { crc, crc >> 8, crc >> 16, crc >> 24 };
        be32 x;
        memcpy(&x, b, 4);
        return x;
    }
}

/* Ethernet. */

void
eth_format_masked(struct eth_addr ea, const struct eth_addr *mask,
                  struct ds *s)
{
    ds_put_format(s, ETH_ADDR_FMT, ETH_ADDR_ARGS(ea));
    if (mask && !eth_addr_equals(*mask, eth_addr_exact)) {
        ds_put_format(s, "/"ETH_ADDR_FMT, ETH_ADDR_ARGS(*mask));
    }
}

/* Parses an Ethernet address at the start of 's', returning the number of
 * characters consumed or 0 on failure. */
static size_t
eth_addr_scan(const char *s, struct eth_addr *ea)
{
    const char *p = s;

    for (int i = 0; i < ETH_ADDR_LEN; i++) {
        unsigned int v = 0;
        int n = 0;

        if (i && *p++ != ':') {
            return 0;
        }
        while (n < 2 && isxdigit((unsigned char) *p)) {
            v = v * 16 + (isdigit((unsigned char) *p)
                          ? *p - '0' : (tolower((unsigned char) *p)
                                        - 'a' + 10));
            p++;
            n++;
        }
        if (!n) {
            return 0;
        }
        ea->ea[i] = v;
    }
    return p - s;
}

bool
eth_addr_from_string(const char *s, struct eth_addr *ea)
{
    struct eth_addr tmp;
    size_t n = eth_addr_scan(s, &tmp);

    if (n && !s[n]) {
        *ea = tmp;
        return true;
    }
    return false;
}

char *
eth_parse_masked(const char *s, struct eth_addr *ea, struct eth_addr *mask)
{
    size_t n = eth_addr_scan(s, ea);

    if (!n) {
        return xasprintf("%s: invalid Ethernet address", s);
    }
    if (!s[n]) {
        *mask = eth_addr_exact;
        return NULL;
    }
    if (s[n] == '/' && eth_addr_from_string(s + n + 1, mask)) {
        *ea = eth_addr_and(*ea, *mask);
        return NULL;
    }
    return xasprintf("%s: invalid Ethernet address", s);
}

/* IPv4. */

bool
ip_is_cidr(be32 netmask)
{
    uint32_t x = ~ntohl(netmask);
    return !(x & (x + 1));
}

int
ip_count_cidr_bits(be32 netmask)
{
    return count_1bits(ntohl(netmask));
}

void
ip_format_masked(be32 ip, be32 mask, struct ds *s)
{
    ds_put_format(s, IP_FMT, IP_ARGS(ip));
    if (mask != UINT32_MAX) {
        if (ip_is_cidr(mask)) {
            ds_put_format(s, "/%d", ip_count_cidr_bits(mask));
        } else {
            ds_put_format(s, "/"IP_FMT, IP_ARGS(mask));
        }
    }
}

bool
ip_parse(const char *s, be32 *ip)
{
    struct in_addr a;

    if (inet_pton(AF_INET, s, &a) == 1) {
        *ip = a.s_addr;
        return true;
    }
    return false;
}

/* Parses a prefix length of 0..'max' (decimal, whole string). */
static bool
parse_plen(const char *s, int max, int *plen)
{
    int n = 0;

    if (!*s || strlen(s) > 3) {
        return false;
    }
    for (const char *p = s; *p; p++) {
        if (!isdigit((unsigned char) *p)) {
            return false;
        }
        n = n * 10 + (*p - '0');
    }
    *plen = n;
    return n <= max;
}

static bool
is_all_digits(const char *s)
{
    if (!*s) {
        return false;
    }
    for (; *s; s++) {
        if (!isdigit((unsigned char) *s)) {
            return false;
        }
    }
    return true;
}

char *
ip_parse_masked(const char *s, be32 *ip, be32 *mask)
{
    const char *slash = strchr(s, '/');
    char *addr = slash ? xmemdup0(s, slash - s) : xstrdup(s);
    char *error = NULL;

    if (!ip_parse(addr, ip)) {
        error = xasprintf("%s: invalid IP address", s);
    } else if (!slash) {
        *mask = UINT32_MAX;
    } else if (is_all_digits(slash + 1)) {
        int plen;

        if (!parse_plen(slash + 1, 32, &plen)) {
            error = xasprintf("%s: IPv4 network prefix bits not between 0 "
                              "and 32, inclusive", s);
        } else {
            *mask = plen ? htonl(UINT32_MAX << (32 - plen)) : 0;
        }
    } else if (!ip_parse(slash + 1, mask)) {
        error = xasprintf("%s: invalid IP address", s);
    }
    if (!error) {
        *ip &= *mask;
    }
    free(addr);
    return error;
}

char *
ip_parse_cidr(const char *s, be32 *ip, unsigned int *plen)
{
    be32 mask;
    char *error = ip_parse_masked(s, ip, &mask);

    if (!error) {
        if (!ip_is_cidr(mask)) {
            return xasprintf("%s: CIDR network required", s);
        }
        *plen = ip_count_cidr_bits(mask);
    }
    return error;
}

/* IPv6. */

bool
ipv6_addr_equals(const struct in6_addr *a, const struct in6_addr *b)
{
    return !memcmp(a, b, sizeof *a);
}

bool
ipv6_mask_is_any(const struct in6_addr *mask)
{
    return ipv6_is_zero(mask);
}

bool
ipv6_mask_is_exact(const struct in6_addr *mask)
{
    return ipv6_addr_equals(mask, &in6addr_exact);
}

bool
ipv6_is_zero(const struct in6_addr *a)
{
    static const struct in6_addr zero;
    return ipv6_addr_equals(a, &zero);
}

int
ipv6_count_cidr_bits(const struct in6_addr *netmask)
{
    int count = 0;

    for (int i = 0; i < 16; i++) {
        count += count_1bits(netmask->s6_addr[i]);
    }
    return count;
}

bool
ipv6_is_cidr(const struct in6_addr *netmask)
{
    struct in6_addr cidr = ipv6_create_mask(ipv6_count_cidr_bits(netmask));
    return ipv6_addr_equals(&cidr, netmask);
}

struct in6_addr
ipv6_addr_bitand(const struct in6_addr *a, const struct in6_addr *b)
{
    struct in6_addr r;

    for (int i = 0; i < 16; i++) {
        r.s6_addr[i] = a->s6_addr[i] & b->s6_addr[i];
    }
    return r;
}

struct in6_addr
ipv6_create_mask(int n)
{
    struct in6_addr mask;

    memset(&mask, 0, sizeof mask);
    for (int i = 0; i < 16 && n > 0; i++, n -= 8) {
        mask.s6_addr[i] = n >= 8 ? 0xff : (uint8_t) (0xff << (8 - n));
    }
    return mask;
}

void
ipv6_format_addr(const struct in6_addr *addr, struct ds *s)
{
    char buf[INET6_ADDRSTRLEN];

    inet_ntop(AF_INET6, addr, buf, sizeof buf);
    ds_put_cstr(s, buf);
}

void
ipv6_format_masked(const struct in6_addr *addr, const struct in6_addr *mask,
                   struct ds *s)
{
    ipv6_format_addr(addr, s);
    if (mask && !ipv6_mask_is_exact(mask)) {
        if (ipv6_is_cidr(mask)) {
            ds_put_format(s, "/%d", ipv6_count_cidr_bits(mask));
        } else {
            ds_put_char(s, '/');
            ipv6_format_addr(mask, s);
        }
    }
}

bool
ipv6_parse(const char *s, struct in6_addr *ip)
{
    return inet_pton(AF_INET6, s, ip) == 1;
}

char *
ipv6_parse_masked(const char *s, struct in6_addr *ip, struct in6_addr *mask)
{
    const char *slash = strchr(s, '/');
    char *addr = slash ? xmemdup0(s, slash - s) : xstrdup(s);
    char *error = NULL;

    if (!ipv6_parse(addr, ip)) {
        error = xasprintf("%s: invalid IPv6 address", s);
    } else if (!slash) {
        *mask = in6addr_exact;
    } else if (isdigit((unsigned char) slash[1])
               && !is_all_digits(slash + 1)) {
        /* Like ovs-ofctl, a mask that starts with a digit is a prefix
         * length, so "1::8" is not a mask (and "2001:db8::" is a prefix
         * that is too long). */
        const char *p = slash + 1;
        unsigned long n = 0;

        while (isdigit((unsigned char) *p) && n <= 128) {
            n = n * 10 + (*p++ - '0');
        }
        error = (n > 128
                 ? xasprintf("%s: IPv6 network prefix bits not between 0 "
                             "and 128, inclusive", s)
                 : xasprintf("%s: invalid IPv6 address", s));
    } else if (is_all_digits(slash + 1)) {
        int plen;

        if (!parse_plen(slash + 1, 128, &plen)) {
            error = xasprintf("%s: IPv6 network prefix bits not between 0 "
                              "and 128, inclusive", s);
        } else {
            *mask = ipv6_create_mask(plen);
        }
    } else if (!ipv6_parse(slash + 1, mask)) {
        error = xasprintf("%s: invalid IPv6 address", s);
    }
    if (!error) {
        *ip = ipv6_addr_bitand(ip, mask);
    }
    free(addr);
    return error;
}

char *
ipv6_parse_cidr(const char *s, struct in6_addr *ip, unsigned int *plen)
{
    struct in6_addr mask;
    char *error = ipv6_parse_masked(s, ip, &mask);

    if (!error) {
        if (!ipv6_is_cidr(&mask)) {
            return xasprintf("%s: IPv6 CIDR network required", s);
        }
        *plen = ipv6_count_cidr_bits(&mask);
    }
    return error;
}

/* Packet types. */

void
packet_type_format(be32 packet_type, struct ds *s)
{
    /* As Open vSwitch prints it: a type below 10 in decimal. */
    uint16_t ns_type = pt_ns_type(packet_type);
    ds_put_format(s, ns_type < 10 ? "(%"PRIu16",%"PRIu16")"
                  : "(%"PRIu16",%#"PRIx16")",
                  pt_ns(packet_type), ns_type);
}

/* Parses an unsigned integer of at most 16 bits at '*p' (C syntax),
 * advancing '*p'. */
static bool
scan_u16(const char **p, uint16_t *x)
{
    unsigned long v;
    char *tail;

    if (!isdigit((unsigned char) **p)) {
        return false;
    }
    errno = 0;
    v = strtoul(*p, &tail, 0);
    if (errno || v > UINT16_MAX) {
        return false;
    }
    *p = tail;
    *x = v;
    return true;
}

char *
packet_type_parse(const char *s, be32 *packet_type)
{
    const char *p = s;
    uint16_t ns, type;

    if (*p++ != '(') {
        return xasprintf("%s: bad syntax for packet type missing '('", s);
    }
    if (!scan_u16(&p, &ns)) {
        return xasprintf("%s: bad syntax for packet type namespace", p);
    }
    if (*p != ',') {
        return xasprintf("%s: bad syntax for packet type missing ','", p);
    }
    p++;
    if (!scan_u16(&p, &type)) {
        return xasprintf("%s: bad syntax for packet type", p);
    }
    if (*p != ')') {
        return xasprintf("%s: bad syntax for packet type missing ')'", s);
    }
    p++;
    if (*p) {
        return xasprintf("%s: trailing garbage after packet type", s);
    }
    *packet_type = htonl(PACKET_TYPE(ns, type));
    return NULL;
}

const char *
packet_tcp_flag_to_string(uint32_t flag)
{
    switch (flag) {
    case TCP_FIN: return "fin";
    case TCP_SYN: return "syn";
    case TCP_RST: return "rst";
    case TCP_PSH: return "psh";
    case TCP_ACK: return "ack";
    case TCP_URG: return "urg";
    case TCP_ECE: return "ece";
    case TCP_CWR: return "cwr";
    case TCP_NS: return "ns";
    case 0x200: return "[200]";
    case 0x400: return "[400]";
    case 0x800: return "[800]";
    default: return NULL;
    }
}

const char *
ip_frag_to_string(uint8_t frag, uint8_t mask)
{
    frag &= mask;
    switch (mask & FLOW_NW_FRAG_MASK) {
    case FLOW_NW_FRAG_MASK:
        return (frag == 0 ? "no"
                : frag == FLOW_NW_FRAG_ANY ? "first"
                : frag == FLOW_NW_FRAG_MASK ? "later" : NULL);
    case FLOW_NW_FRAG_ANY:
        return frag ? "yes" : "no";
    case FLOW_NW_FRAG_LATER:
        return frag ? "later" : "not_later";
    default:
        return NULL;
    }
}
