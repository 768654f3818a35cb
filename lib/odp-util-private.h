/* odp-util-private.h: what lib/odp-util.c (keys) shares with
 * lib/odp-util-actions.c (actions).  Not for use outside odp-util.
 *
 * The field tables describe each datapath key attribute that has named
 * fields ("ipv4(src=..,dst=..)") by the fields' names, kinds and offsets
 * in struct flow, for the formatter, the parser and set actions alike.
 * The text scanners take a pointer and a length, never a terminated
 * string, so that they can work inside a larger action list.
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_ODP_UTIL_PRIVATE_H
#define SVS_ODP_UTIL_PRIVATE_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "flow.h"
#include "odp-util.h"
#include "svs-types.h"

struct ds;

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

struct odp_table_attr {
    const char *name;
    uint16_t type;              /* OVS_KEY_ATTR_*. */
    const struct odp_field *fields;
    size_t n_fields;
};

struct odp_key_parse {
    const struct odp_portno_names *names;
    struct flow *key;
    struct flow *mask;
    int n_vlans;
};

/* The field tables of set-able attributes. */
extern const struct odp_field odp_eth_fields[2];
extern const struct odp_field odp_ipv4_fields[6];
extern const struct odp_field odp_ipv6_fields[7];
extern const struct odp_field odp_tp_fields[2];
extern const struct odp_field odp_icmp_fields[2];
extern const struct odp_field odp_arp_fields[5];
extern const struct odp_field odp_nd_fields[3];

/* The table attribute for OVS_KEY_ATTR_* 'type', or NULL. */
const struct odp_table_attr *odp_table_attr_by_type(uint16_t type);
/* The table attribute named by the 'len' bytes at 'name', or NULL. */
const struct odp_table_attr *odp_table_attr_by_name(const char *name,
                                                    size_t len);
/* The size in struct flow of a field of 'kind'. */
size_t odp_field_size(enum odp_field_kind kind);
/* The field 'f' inside 'flow'. */
const uint8_t *odp_field_ptr(const struct flow *flow,
                             const struct odp_field *f);
/* The field 'f' inside 'flow', writable. */
uint8_t *odp_field_ptr_rw(struct flow *flow, const struct odp_field *f);
/* True if 'mask' wildcards all of field 'f'. */
bool odp_field_mask_is_zero(const struct odp_field *f,
                            const struct flow *mask);
/* True if the 'n' bytes at 'p' are all 0. */
bool odp_is_all_zeros(const void *p_, size_t n);
/* True if the 'n' bytes at 'p' are all 0xff. */
bool odp_is_all_ones(const void *p_, size_t n);
/* Appends "name(field=value[/mask],...)" for 'ta'; without 'verbose',
 * fields that 'mask' wildcards are left out. */
void odp_format_table_attr(struct ds *s, const struct odp_table_attr *ta,
                           const struct flow *key, const struct flow *mask,
                           bool verbose);
/* Parses the fields of 'ta' in the 'len' bytes at 's' into 'key' and
 * 'mask'.  Returns NULL or a malloc'd error. */
char *odp_parse_table_fields(const struct odp_table_attr *ta, const char *s,
                             size_t len, struct flow *key, struct flow *mask);
/* Appends port 'port', by name if 'names' has one. */
void odp_format_port(struct ds *s, odp_port_t port,
                     const struct odp_portno_names *names);
/* The length of the item at 's': up to the first ',' or unmatched ')'
 * outside parentheses, or the end of the string. */
size_t odp_span_item(const char *s);
/* If 's' starts with "NAME(", stores the start of the text inside the
 * balanced parentheses in '*inside' and returns its length; returns -1 if
 * they do not balance, -2 if 's' does not start with "NAME(". */
int odp_scan_parens(const char *s, const char *name, const char **inside);
/* Parses 'len' bytes as an unsigned integer no larger than 'max' (decimal,
 * 0x hex or 0 octal).  Returns true if successful. */
bool odp_parse_uint(const char *s, size_t len, uint64_t max, uint64_t *value);
/* The same in decimal only. */
bool odp_parse_uint_dec(const char *s, size_t len, uint64_t max,
                        uint64_t *value);
/* The same in decimal, or hex with "0x". */
bool odp_parse_uint_dec_or_hex(const char *s, size_t len, uint64_t max,
                               uint64_t *value);
/* Parses "VALUE[/MASK]"; without a mask, '*mask' is 'max'. */
bool odp_parse_uint_masked(const char *s, size_t len, uint64_t max,
                           uint64_t *value, uint64_t *mask);
/* Parses "VALUE[/MASK]" as 32-bit values.  Returns NULL or a malloc'd
 * error. */
char *odp_parse_u32_value(const char *s, size_t len, uint32_t *v, uint32_t *m);
/* Parses "VALUE[/MASK]" as 128-bit values (hex with "0x", else decimal up
 * to 64 bits).  Returns NULL or a malloc'd error. */
char *odp_parse_u128_value(const char *s, size_t len, svs_u128 *v,
                           svs_u128 *m);
/* Appends 'v' in hex with "0x", without leading zeros. */
void odp_format_u128_hex(struct ds *s, svs_u128 v);
/* True if all 128 bits of 'v' are set. */
bool odp_u128_is_ones(svs_u128 v);
/* Appends the fields of the 'n' label stack entries at 'lses' under
 * 'masks': "label=..,tc=..,ttl=..,bos=.." for one, "lse0=..,lse1=.." for
 * more. */
void odp_format_mpls(struct ds *s, const be32 *lses, const be32 *masks, int n);
/* Parses mpls() fields into kp's key and mask.  Returns NULL or a
 * malloc'd error. */
char *odp_parse_mpls(struct odp_key_parse *kp, const char *s, size_t len);
/* The value of hex digit 'c', or -1. */
int odp_hexit(char c);
/* The size of the struct ovs_key_* for set action attribute 'type', or 0
 * if svs cannot set it. */
size_t odp_set_key_size(uint16_t type);

#endif /* odp-util-private.h */
