/* netlink.h: Netlink-style attributes (type-length-value records) in
 * userspace buffers.
 *
 * What: svs encodes datapath actions (OVS_ACTION_ATTR_*) and the nested
 * attributes inside them (OVS_KEY_ATTR_*, OVS_USERSPACE_ATTR_*...) as
 * Netlink attributes, with the numbering of <linux/openvswitch.h>, so that
 * one encoding serves the userspace datapath, the text form of ovs-dpctl
 * and, later, kernel datapaths.  An attribute is a 'struct nlattr' header
 * (nla_len counts the header and the payload, not the padding) followed
 * by its payload, padded to a multiple of NLA_ALIGNTO (4) bytes.
 *
 * Building: the nl_msg_put_*() functions append to an ofpbuf;
 * nl_msg_start_nested() returns an offset to pass to nl_msg_end_nested().
 *
 * Parsing: NL_ATTR_FOR_EACH walks attributes that are already known to be
 * well formed; NL_ATTR_FOR_EACH_UNSAFE and nl_attr_is_valid() are for
 * input that is not (a malformed list stops the walk with 'left' != 0).
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_NETLINK_H
#define SVS_NETLINK_H 1

#include <linux/netlink.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "svs-types.h"

struct ofpbuf;

#define NL_ATTR_SIZE(PAYLOAD) NLA_ALIGN(NLA_HDRLEN + (PAYLOAD))

/* Building. */
void *nl_msg_put_unspec_uninit(struct ofpbuf *, uint16_t type, size_t size);
void *nl_msg_put_unspec_zero(struct ofpbuf *, uint16_t type, size_t size);
void nl_msg_put_unspec(struct ofpbuf *, uint16_t type, const void *,
                       size_t size);
void nl_msg_put_flag(struct ofpbuf *, uint16_t type);
void nl_msg_put_u8(struct ofpbuf *, uint16_t type, uint8_t);
void nl_msg_put_u16(struct ofpbuf *, uint16_t type, uint16_t);
void nl_msg_put_u32(struct ofpbuf *, uint16_t type, uint32_t);
void nl_msg_put_u64(struct ofpbuf *, uint16_t type, uint64_t);
void nl_msg_put_be16(struct ofpbuf *, uint16_t type, be16);
void nl_msg_put_be32(struct ofpbuf *, uint16_t type, be32);
void nl_msg_put_be64(struct ofpbuf *, uint16_t type, be64);
void nl_msg_put_string(struct ofpbuf *, uint16_t type, const char *);
size_t nl_msg_start_nested(struct ofpbuf *, uint16_t type);
void nl_msg_end_nested(struct ofpbuf *, size_t offset);
/* Ends the nested attribute started at 'offset', removing it again if it
 * is empty.  Returns true if it was removed. */
bool nl_msg_end_non_empty_nested(struct ofpbuf *, size_t offset);
void nl_msg_put_nested(struct ofpbuf *, uint16_t type, const void *,
                       size_t size);

/* Reading. */
static inline uint16_t
nl_attr_type(const struct nlattr *nla)
{
    return nla->nla_type & NLA_TYPE_MASK;
}

static inline const void *
nl_attr_get(const struct nlattr *nla)
{
    return nla + 1;
}

static inline size_t
nl_attr_get_size(const struct nlattr *nla)
{
    return nla->nla_len - NLA_HDRLEN;
}

static inline size_t
nl_attr_len_pad(const struct nlattr *nla, size_t maxlen)
{
    size_t len = NLA_ALIGN(nla->nla_len);

    return len <= maxlen ? len : nla->nla_len;
}

static inline const struct nlattr *
nl_attr_next(const struct nlattr *nla)
{
    return (const struct nlattr *) ((const uint8_t *) nla
                                    + NLA_ALIGN(nla->nla_len));
}

/* True if 'left' bytes at 'nla' hold at least one whole attribute. */
static inline bool
nl_attr_is_valid(const struct nlattr *nla, size_t left)
{
    return left >= NLA_HDRLEN && nla->nla_len >= NLA_HDRLEN
           && nla->nla_len <= left;
}

uint8_t nl_attr_get_u8(const struct nlattr *);
uint16_t nl_attr_get_u16(const struct nlattr *);
uint32_t nl_attr_get_u32(const struct nlattr *);
uint64_t nl_attr_get_u64(const struct nlattr *);
be16 nl_attr_get_be16(const struct nlattr *);
be32 nl_attr_get_be32(const struct nlattr *);
be64 nl_attr_get_be64(const struct nlattr *);
bool nl_attr_get_flag(const struct nlattr *);
/* The payload as a string if it is null-terminated, else NULL. */
const char *nl_attr_get_string(const struct nlattr *);
/* The first attribute of 'type' among 'size' bytes at 'attrs', or NULL. */
const struct nlattr *nl_attr_find(const struct nlattr *attrs, size_t size,
                                  uint16_t type);

/* Iterates over the well-formed attribute list ATTRS of ATTRS_LEN bytes. */
#define NL_ATTR_FOR_EACH(ITER, LEFT, ATTRS, ATTRS_LEN)                  \
    for ((ITER) = (ATTRS), (LEFT) = (ATTRS_LEN);                        \
         nl_attr_is_valid(ITER, LEFT);                                  \
         (LEFT) -= nl_attr_len_pad(ITER, LEFT), (ITER) = nl_attr_next(ITER))
#define NL_ATTR_FOR_EACH_UNSAFE NL_ATTR_FOR_EACH
#define NL_NESTED_FOR_EACH(ITER, LEFT, NLA)                             \
    NL_ATTR_FOR_EACH (ITER, LEFT, nl_attr_get(NLA), nl_attr_get_size(NLA))

#endif /* netlink.h */
