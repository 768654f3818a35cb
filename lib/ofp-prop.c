/* ofp-prop.c: OpenFlow property lists (see ofp-prop.h). */
#include <config.h>
#include "ofp-prop.h"

#include <string.h>
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"

/* Pulls the next property off 'msg', whose properties are padded to
 * 'alignment' bytes (8 almost everywhere), into 'property' (which then
 * covers the whole property, header included, without padding, with
 * property->msg pointing at the payload) and stores its type in '*typep'.
 * Types from 'min_exp' up are experimenter properties, whose type is
 * returned as OFPPROP_EXP(experimenter, exp_type) and whose payload
 * starts after the experimenter header.  Returns OFPBPC_BAD_LEN if the
 * property's length is impossible. */
enum ofperr
ofpprop_pull__(struct ofpbuf *msg, struct ofpbuf *property,
               unsigned int alignment, unsigned int min_exp, uint64_t *typep)
{
    if (msg->size < sizeof(struct ofp_prop_header)) {
        return OFPERR_OFPBPC_BAD_LEN;
    }

    const struct ofp_prop_header *oph = msg->data;
    unsigned int type = ntohs(oph->type);
    unsigned int len = ntohs(oph->len);
    size_t padded_len = ROUND_UP(len, alignment);
    if (len < sizeof *oph || padded_len > msg->size) {
        return OFPERR_OFPBPC_BAD_LEN;
    }

    ofpbuf_use_const(property, msg->data, len);
    ofpbuf_pull(msg, padded_len);
    property->header = property->data;

    if (type < min_exp) {
        *typep = type;
        ofpbuf_pull(property, sizeof *oph);
    } else {
        if (len < sizeof(struct ofp_prop_experimenter)) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        const struct ofp_prop_experimenter *ope = property->data;
        *typep = OFPPROP_EXP(ntohl(ope->experimenter), ntohl(ope->exp_type));
        ofpbuf_pull(property, sizeof *ope);
    }
    property->msg = property->data;
    return 0;
}

/* Like ofpprop_pull__() with 8-byte alignment and 0xffff the only
 * experimenter type. */
enum ofperr
ofpprop_pull(struct ofpbuf *msg, struct ofpbuf *property, uint64_t *typep)
{
    return ofpprop_pull__(msg, property, 8, 0xffff, typep);
}

/* These check that 'property' (as pulled above) has a payload of exactly
 * the size of the value (a u8, u16 or u32 may be followed by padding up to
 * 4 bytes in OpenFlow's layouts: the payload must then be 4 bytes) and
 * store it.  They return OFPBPC_BAD_LEN otherwise. */
enum ofperr
ofpprop_parse_u8(const struct ofpbuf *property, uint8_t *value)
{
    if (property->size != 4 && property->size != 1) {
        return OFPERR_OFPBPC_BAD_LEN;
    }
    *value = *(const uint8_t *) property->msg;
    return 0;
}

enum ofperr
ofpprop_parse_u16(const struct ofpbuf *property, uint16_t *value)
{
    be16 x;
    if (property->size != 4 && property->size != 2) {
        return OFPERR_OFPBPC_BAD_LEN;
    }
    memcpy(&x, property->msg, sizeof x);
    *value = ntohs(x);
    return 0;
}

enum ofperr
ofpprop_parse_u32(const struct ofpbuf *property, uint32_t *value)
{
    be32 x;
    if (property->size != 4) {
        return OFPERR_OFPBPC_BAD_LEN;
    }
    memcpy(&x, property->msg, sizeof x);
    *value = ntohl(x);
    return 0;
}

enum ofperr
ofpprop_parse_be64(const struct ofpbuf *property, be64 *value)
{
    /* A 64-bit value follows 4 bytes of padding. */
    if (property->size != 12) {
        return OFPERR_OFPBPC_BAD_LEN;
    }
    memcpy(value, (const char *) property->msg + 4, sizeof *value);
    return 0;
}

enum ofperr
ofpprop_parse_u64(const struct ofpbuf *property, uint64_t *value)
{
    be64 x;
    enum ofperr error = ofpprop_parse_be64(property, &x);
    if (!error) {
        *value = ntohll(x);
    }
    return error;
}

/* Starts a property of 'type' at the end of 'msg' and returns its offset,
 * for ofpprop_end(). */
size_t
ofpprop_start(struct ofpbuf *msg, uint64_t type)
{
    size_t start_ofs = msg->size;
    if (!OFPPROP_IS_EXP(type)) {
        struct ofp_prop_header *oph = ofpbuf_put_uninit(msg, sizeof *oph);
        oph->type = htons(type);
        oph->len = htons(4);
    } else {
        struct ofp_prop_experimenter *ope
            = ofpbuf_put_uninit(msg, sizeof *ope);
        ope->type = htons(0xffff);
        ope->len = htons(12);
        ope->experimenter = htonl((type >> 32) & 0x7fffffff);
        ope->exp_type = htonl(type & 0xffffffff);
    }
    return start_ofs;
}

/* Finishes the property started at 'start_ofs': sets its length and pads
 * 'msg' to a multiple of 8 bytes. */
void
ofpprop_end(struct ofpbuf *msg, size_t start_ofs)
{
    struct ofp_prop_header *oph = ofpbuf_at_assert(msg, start_ofs,
                                                   sizeof *oph);
    oph->len = htons(msg->size - start_ofs);
    ofpbuf_padto(msg, ROUND_UP(msg->size, 8));
}

/* Appends a property of 'type' with the 'len' bytes at 'value'. */
void
ofpprop_put(struct ofpbuf *msg, uint64_t type, const void *value, size_t len)
{
    size_t start_ofs = ofpprop_start(msg, type);
    ofpbuf_put(msg, value, len);
    ofpprop_end(msg, start_ofs);
}

void
ofpprop_put_u8(struct ofpbuf *msg, uint64_t type, uint8_t value)
{
    /* OpenFlow puts a u8 in 4 bytes (value then 3 bytes of padding). */
    uint8_t buf[4] = { value, 0, 0, 0 };
    ofpprop_put(msg, type, buf, sizeof buf);
}

void
ofpprop_put_u16(struct ofpbuf *msg, uint64_t type, uint16_t value)
{
    be16 buf[2] = { htons(value), 0 };
    ofpprop_put(msg, type, buf, sizeof buf);
}

void
ofpprop_put_u32(struct ofpbuf *msg, uint64_t type, uint32_t value)
{
    be32 x = htonl(value);
    ofpprop_put(msg, type, &x, sizeof x);
}

void
ofpprop_put_u64(struct ofpbuf *msg, uint64_t type, uint64_t value)
{
    be32 pad = 0;
    be64 x = htonll(value);
    size_t start_ofs = ofpprop_start(msg, type);
    ofpbuf_put(msg, &pad, sizeof pad);
    ofpbuf_put(msg, &x, sizeof x);
    ofpprop_end(msg, start_ofs);
}
