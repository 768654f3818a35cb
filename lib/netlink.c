/* netlink.c: Netlink-style attributes in userspace buffers (see
 * netlink.h). */
#include <config.h>
#include "netlink.h"

#include <string.h>
#include "ofpbuf.h"
#include "util.h"

void *
nl_msg_put_unspec_uninit(struct ofpbuf *msg, uint16_t type, size_t size)
{
    size_t total = NL_ATTR_SIZE(size);
    struct nlattr *nla;

    svs_assert(NLA_HDRLEN + size <= UINT16_MAX);
    nla = ofpbuf_put_uninit(msg, total);
    nla->nla_len = NLA_HDRLEN + size;
    nla->nla_type = type;
    /* Zero the padding so that equal attribute lists compare equal. */
    memset((uint8_t *) (nla + 1) + size, 0, total - NLA_HDRLEN - size);
    return nla + 1;
}

void *
nl_msg_put_unspec_zero(struct ofpbuf *msg, uint16_t type, size_t size)
{
    void *data = nl_msg_put_unspec_uninit(msg, type, size);

    memset(data, 0, size);
    return data;
}

void
nl_msg_put_unspec(struct ofpbuf *msg, uint16_t type, const void *data,
                  size_t size)
{
    void *dst = nl_msg_put_unspec_uninit(msg, type, size);

    if (size) {
        memcpy(dst, data, size);
    }
}

void
nl_msg_put_flag(struct ofpbuf *msg, uint16_t type)
{
    nl_msg_put_unspec(msg, type, NULL, 0);
}

void
nl_msg_put_u8(struct ofpbuf *msg, uint16_t type, uint8_t value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_u16(struct ofpbuf *msg, uint16_t type, uint16_t value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_u32(struct ofpbuf *msg, uint16_t type, uint32_t value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_u64(struct ofpbuf *msg, uint16_t type, uint64_t value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_be16(struct ofpbuf *msg, uint16_t type, be16 value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_be32(struct ofpbuf *msg, uint16_t type, be32 value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_be64(struct ofpbuf *msg, uint16_t type, be64 value)
{
    nl_msg_put_unspec(msg, type, &value, sizeof value);
}

void
nl_msg_put_string(struct ofpbuf *msg, uint16_t type, const char *s)
{
    nl_msg_put_unspec(msg, type, s, strlen(s) + 1);
}

size_t
nl_msg_start_nested(struct ofpbuf *msg, uint16_t type)
{
    size_t offset = msg->size;

    nl_msg_put_unspec_uninit(msg, type, 0);
    return offset;
}

void
nl_msg_end_nested(struct ofpbuf *msg, size_t offset)
{
    struct nlattr *nla = ofpbuf_at_assert(msg, offset, sizeof *nla);

    svs_assert(msg->size - offset <= UINT16_MAX);
    nla->nla_len = msg->size - offset;
}

bool
nl_msg_end_non_empty_nested(struct ofpbuf *msg, size_t offset)
{
    nl_msg_end_nested(msg, offset);
    if (msg->size - offset == NLA_HDRLEN) {
        msg->size = offset;
        return true;
    }
    return false;
}

void
nl_msg_put_nested(struct ofpbuf *msg, uint16_t type, const void *data,
                  size_t size)
{
    nl_msg_put_unspec(msg, type, data, size);
}

/* Reads a fixed-size payload; a short payload reads as zeros beyond its
 * end, so that a malformed attribute never reads out of bounds. */
static void
get_fixed(const struct nlattr *nla, void *dst, size_t size)
{
    size_t have = nl_attr_get_size(nla);

    memset(dst, 0, size);
    memcpy(dst, nl_attr_get(nla), have < size ? have : size);
}

#define NL_GETTER(NAME, TYPE)                   \
    TYPE                                        \
    nl_attr_get_##NAME(const struct nlattr *nla) \
    {                                           \
        TYPE value;                             \
        get_fixed(nla, &value, sizeof value);   \
        return value;                           \
    }
NL_GETTER(u8, uint8_t)
NL_GETTER(u16, uint16_t)
NL_GETTER(u32, uint32_t)
NL_GETTER(u64, uint64_t)
NL_GETTER(be16, be16)
NL_GETTER(be32, be32)
NL_GETTER(be64, be64)

bool
nl_attr_get_flag(const struct nlattr *nla)
{
    return nla != NULL;
}

const char *
nl_attr_get_string(const struct nlattr *nla)
{
    size_t size = nl_attr_get_size(nla);
    const char *s = nl_attr_get(nla);

    return size && !s[size - 1] ? s : NULL;
}

const struct nlattr *
nl_attr_find(const struct nlattr *attrs, size_t size, uint16_t type)
{
    const struct nlattr *nla;
    size_t left;

    NL_ATTR_FOR_EACH (nla, left, attrs, size) {
        if (nl_attr_type(nla) == type) {
            return nla;
        }
    }
    return NULL;
}
