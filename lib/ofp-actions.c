/* ofp-actions.c: the generic part of the action codec: building ofpacts,
 * the raw-action catalogue, decoding and encoding action and instruction
 * lists, verification, checking, and the text parser and formatter
 * frameworks.  The per-action functions live in ofp-actions-*.c, learn.c,
 * bundle.c and multipath.c. */

#include <config.h>
#include "ofp-actions.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "dynamic-string.h"
#include "match.h"
#include "meta-flow.h"
#include "nx-match.h"
#include "ofp-actions-private.h"
#include "openflow.h"

bool ofpacts_allow_debug = false;

/* Building ofpacts. */

/* Initializes the 'len' bytes at 'a' as a zeroed ofpact of 'type'. */
void
ofpact_init(struct ofpact *a, enum ofpact_type type, size_t len)
{
    memset(a, 0, len);
    a->type = type;
    a->raw = OFPACT_RAW_NONE;
    a->len = len;
}

/* Appends a zeroed ofpact of 'type' and 'len' bytes to 'ofpacts'. */
struct ofpact *
ofpact_put(struct ofpbuf *ofpacts, enum ofpact_type type, size_t len)
{
    struct ofpact *a;

    ofpbuf_pad_tail(ofpacts, OFPACT_ALIGNTO);
    a = ofpbuf_put_uninit(ofpacts, len);
    ofpact_init(a, type, len);
    ofpbuf_pad_tail(ofpacts, OFPACT_ALIGNTO);
    a = ofpbuf_at_assert(ofpacts, ofpacts->size - OFPACT_ALIGN(len), len);
    ofpacts->header = a;
    return a;
}

/* Finishes 'a', the last top-level ofpact in 'ofpacts', whose
 * variable-length data was appended after it: sets its length and pads
 * 'ofpacts'.  Returns 'a' at its possibly new address.
 *
 * 'a' must be the ofpact's current address: appending the data may have
 * reallocated 'ofpacts', so a pointer taken before the appends must be
 * re-fetched (from 'ofpacts->header' if nothing else was put since, or from
 * its offset) before calling this. */
struct ofpact *
ofpact_finish(struct ofpbuf *ofpacts, struct ofpact *a)
{
    uintptr_t base = (uintptr_t) ofpacts->data;
    uintptr_t pos = (uintptr_t) a;
    size_t start;

    /* Catches a stale pointer into a buffer that has since moved. */
    svs_assert(pos >= base && pos - base + sizeof *a <= ofpacts->size);
    start = pos - base;
    a->len = ofpacts->size - start;
    ofpbuf_pad_tail(ofpacts, OFPACT_ALIGNTO);
    return (struct ofpact *) ((uint8_t *) ofpacts->data + start);
}

void
ofpact_copy(struct ofpbuf *ofpacts, const struct ofpact *a)
{
    ofpbuf_pad_tail(ofpacts, OFPACT_ALIGNTO);
    ofpbuf_put(ofpacts, a, a->len);
    ofpbuf_pad_tail(ofpacts, OFPACT_ALIGNTO);
}

const struct ofpact *
ofpact_find_type(const struct ofpact *a, enum ofpact_type type,
                 const struct ofpact *end)
{
    for (; a < end; a = ofpact_next(a)) {
        if (a->type == type) {
            return a;
        }
    }
    return NULL;
}

struct ofpact_set_field *
ofpact_put_set_field(struct ofpbuf *ofpacts, const struct mf_field *field,
                     const void *value, const void *mask)
{
    struct ofpact_set_field *sf = ofpact_put_SET_FIELD(ofpacts);
    unsigned int i;

    sf->field = field;
    memcpy(&sf->value, value, field->n_bytes);
    if (mask) {
        memcpy(&sf->mask, mask, field->n_bytes);
    } else {
        memset(&sf->mask, 0xff, field->n_bytes);
        /* Only the field's significant bits. */
        union mf_subvalue sv = { .u8 = { 0 } };
        unsigned int n = field->n_bits;
        for (i = 0; i < n; i++) {
            sv.u8[MF_SUBVALUE_BYTES - 1 - i / 8] |= 1 << (i % 8);
        }
        memcpy(&sf->mask, &sv.u8[MF_SUBVALUE_BYTES - field->n_bytes],
               field->n_bytes);
    }
    return sf;
}

struct ofpact_set_field *
ofpact_put_reg_load(struct ofpbuf *ofpacts, const struct mf_subfield *dst,
                    const union mf_subvalue *value)
{
    const struct mf_field *field = dst->field;
    union mf_subvalue v = { .u8 = { 0 } }, m = { .u8 = { 0 } };
    struct ofpact_set_field *sf;
    unsigned int i;

    for (i = 0; i < dst->n_bits; i++) {
        unsigned int bit = dst->ofs + i;
        if (value->u8[MF_SUBVALUE_BYTES - 1 - i / 8] & (1 << (i % 8))) {
            v.u8[MF_SUBVALUE_BYTES - 1 - bit / 8] |= 1 << (bit % 8);
        }
        m.u8[MF_SUBVALUE_BYTES - 1 - bit / 8] |= 1 << (bit % 8);
    }
    sf = ofpact_put_SET_FIELD(ofpacts);
    sf->ofpact.raw = OFPACT_RAW_NXAST_REG_LOAD;
    sf->field = field;
    memcpy(&sf->value, &v.u8[MF_SUBVALUE_BYTES - field->n_bytes],
           field->n_bytes);
    memcpy(&sf->mask, &m.u8[MF_SUBVALUE_BYTES - field->n_bytes],
           field->n_bytes);
    return sf;
}

/* Names. */

static const char *const ofpact_names[N_OFPACTS] = {
#define OFPACT(ENUM, STRUCT, MEMBER, NAME) NAME,
    OFPACTS
#undef OFPACT
};

const char *
ofpact_name(enum ofpact_type type)
{
    return type < N_OFPACTS ? ofpact_names[type] : "<unknown>";
}

bool
ofpact_type_from_name(const char *name, enum ofpact_type *type)
{
    for (int i = 0; i < N_OFPACTS; i++) {
        if (!strcasecmp(name, ofpact_names[i])) {
            *type = i;
            return true;
        }
    }
    return false;
}

bool
ofpact_is_instruction(enum ofpact_type type)
{
    return type == OFPACT_METER || type == OFPACT_CLEAR_ACTIONS
        || type == OFPACT_WRITE_ACTIONS || type == OFPACT_WRITE_METADATA
        || type == OFPACT_GOTO_TABLE;
}

/* The raw-action catalogue. */

static const struct ofpact_raw_info raw_infos[N_OFPACT_RAWS] = {
#define OFPACT_RAW(ENUM, VENDOR, TYPE, MINV, MAXV, LEN, VAR, ARG, NAME) \
    { OFPACT_RAW_##ENUM, VENDOR, TYPE, MINV, MAXV, LEN, VAR,           \
      OFPACT_ARG_##ARG, NAME },
    OFPACT_RAWS
#undef OFPACT_RAW
};

const struct ofpact_raw_info *
ofpact_raw_get_info(enum ofpact_raw raw)
{
    svs_assert(raw < N_OFPACT_RAWS);
    return &raw_infos[raw];
}

static const struct ofpact_raw_info *
ofpact_raw_lookup(uint32_t vendor, uint16_t type, enum ofp_version version)
{
    for (size_t i = 0; i < N_OFPACT_RAWS; i++) {
        const struct ofpact_raw_info *info = &raw_infos[i];
        if (info->vendor == vendor && info->type == type
            && version >= info->min_version
            && version <= info->max_version) {
            return info;
        }
    }
    return NULL;
}

/* Width in bytes of a simple argument. */
static unsigned int
raw_arg_width(enum ofpact_raw_arg arg)
{
    switch (arg) {
    case OFPACT_ARG_U8: return 1;
    case OFPACT_ARG_U16: return 2;
    case OFPACT_ARG_U32: return 4;
    case OFPACT_ARG_U64: return 8;
    case OFPACT_ARG_VOID:
    case OFPACT_ARG_STRUCT:
    default:
        return 0;
    }
}

/* Offset of a simple argument of 'width' bytes in an action. */
static unsigned int
raw_arg_offset(const struct ofpact_raw_info *info, unsigned int width)
{
    if (!info->vendor) {
        return 4;
    }
    return width <= 2 ? 10 : width == 4 ? 12 : 16;
}

static uint64_t
get_uint(const uint8_t *p, unsigned int width)
{
    uint64_t x = 0;
    for (unsigned int i = 0; i < width; i++) {
        x = (x << 8) | p[i];
    }
    return x;
}

static void
put_uint(uint8_t *p, unsigned int width, uint64_t x)
{
    for (unsigned int i = width; i-- > 0; ) {
        p[i] = x & 0xff;
        x >>= 8;
    }
}

void *
ofpact_raw_put(struct ofpbuf *out, enum ofp_version version,
               enum ofpact_raw raw, uint64_t arg)
{
    const struct ofpact_raw_info *info = ofpact_raw_get_info(raw);
    uint8_t *p;

    (void) version;
    p = ofpbuf_put_zeros(out, info->len);
    if (!info->vendor) {
        put_uint(p, 2, info->type);
    } else {
        put_uint(p, 2, 0xffff);
        put_uint(p + 4, 4, info->vendor);
        put_uint(p + 8, 2, info->type);
    }
    put_uint(p + 2, 2, info->len);

    unsigned int width = raw_arg_width(info->arg);
    if (width) {
        put_uint(p + raw_arg_offset(info, width), width, arg);
    }
    return p;
}

void
ofpact_raw_finish(struct ofpbuf *out, size_t start_ofs)
{
    size_t len;

    ofpbuf_padto(out, start_ofs + ROUND_UP(out->size - start_ofs, 8));
    len = out->size - start_ofs;
    put_uint((uint8_t *) out->data + start_ofs + 2, 2, len);
}

/* Wire helpers. */

bool
ofpact_is_all_zeros(const void *p_, size_t len)
{
    const uint8_t *p = p_;
    for (size_t i = 0; i < len; i++) {
        if (p[i]) {
            return false;
        }
    }
    return true;
}

uint32_t
ofpact_nxm_header32(const struct mf_field *field)
{
    for (unsigned int i = 0; i < field->n_headers; i++) {
        uint64_t h = field->headers[i].header;
        if (!nxm_is_experimenter(h)) {
            return h & 0xffffffff;
        }
    }
    return 0;
}

void
ofpact_decode_subfield(uint32_t header, uint16_t ofs_nbits,
                       struct mf_subfield *sf)
{
    sf->field = header ? mf_from_nxm_header(header, NULL) : NULL;
    sf->ofs = ofs_nbits >> 6;
    sf->n_bits = (ofs_nbits & 0x3f) + 1;
}

enum ofperr
ofpact_pull_header(const uint8_t **p, size_t *left,
                   const struct mf_field **field, bool *masked)
{
    uint64_t header;

    *field = NULL;
    if (*left < 4) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    header = ofpact_rd32(*p);
    if (nxm_class(header) == 0xffff) {
        if (*left < 8) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        header |= (uint64_t) ofpact_rd32(*p + 4) << 32;
        *p += 8;
        *left -= 8;
    } else {
        *p += 4;
        *left -= 4;
    }
    if (masked) {
        *masked = nxm_hasmask(header);
    }
    *field = mf_from_nxm_header(header, NULL);
    return *field ? 0 : OFPERR_OFPBMC_BAD_FIELD;
}

static enum ofperr
check_subfield__(const struct mf_subfield *sf, const struct match *match)
{
    if (!sf->field) {
        return OFPERR_OFPBAC_BAD_SET_TYPE;
    } else if (!sf->n_bits || sf->ofs >= sf->field->n_bits
               || sf->ofs + sf->n_bits > sf->field->n_bits) {
        return OFPERR_OFPBAC_BAD_SET_LEN;
    } else if (match && !mf_are_match_prereqs_ok(sf->field, match)) {
        return OFPERR_OFPBAC_MATCH_INCONSISTENT;
    }
    return 0;
}

enum ofperr
ofpact_check_src(const struct mf_subfield *sf, const struct match *match)
{
    return check_subfield__(sf, match);
}

enum ofperr
ofpact_check_dst(const struct mf_subfield *sf, const struct match *match)
{
    enum ofperr error = check_subfield__(sf, match);
    if (!error && !sf->field->writable) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    return error;
}

void
ofpact_put_field_header(struct ofpbuf *b, const struct mf_field *field,
                        enum ofp_version version)
{
    nx_put_header(b, field, version, false);
}

void
ofpact_put_set_field_action(struct ofpbuf *out, enum ofp_version version,
                            enum mf_field_id id, uint64_t value)
{
    const struct mf_field *field = mf_from_id(id);
    union mf_value v;
    size_t start = out->size;
    uint8_t buf[8];

    put_uint(buf, 8, value);
    memset(&v, 0, sizeof v);
    memcpy(&v, buf + 8 - field->n_bytes, field->n_bytes);
    ofpact_raw_put(out, version, version >= OFP15_VERSION
                   ? OFPACT_RAW_OFPAT15_SET_FIELD
                   : OFPACT_RAW_OFPAT12_SET_FIELD, 0);
    out->size -= 4;             /* The entry starts right after type/len. */
    nx_put_entry(out, field, version, &v, NULL);
    ofpact_raw_finish(out, start);
}

void
ofpact_put_reg_load_action(struct ofpbuf *out, const struct mf_subfield *dst,
                           uint64_t value)
{
    uint8_t *p = ofpact_raw_put(out, OFP10_VERSION,
                                OFPACT_RAW_NXAST_REG_LOAD, 0);
    put_uint(p + 10, 2, ofpact_ofs_nbits(dst->ofs, dst->n_bits));
    put_uint(p + 12, 4, ofpact_nxm_header32(dst->field));
    put_uint(p + 16, 8, value);
}

/* Decoding. */

static enum ofperr ofpacts_decode(const void *, size_t,
                                  const struct ofpact_decode_ctx *);

static enum ofperr
ofpact_decode_one(const struct ofpact_raw_info *info, const uint8_t *a,
                  size_t len, const struct ofpact_decode_ctx *ctx)
{
    uint64_t arg = 0;
    unsigned int width = raw_arg_width(info->arg);

    if (width) {
        arg = get_uint(a + raw_arg_offset(info, width), width);
    }

    switch (info->raw) {
#define OFPACT_RAW(ENUM, VENDOR, TYPE, MINV, MAXV, LEN, VAR, ARG, NAME) \
    case OFPACT_RAW_##ENUM:                                             \
        return ofpact_decode_##ENUM(a, len, arg, ctx);
        OFPACT_RAWS
#undef OFPACT_RAW
    case N_OFPACT_RAWS:
    default:
        SVS_NOT_REACHED();
    }
    return 0;
}

/* Decodes the action at the front of the 'size' bytes at 'p', storing its
 * length in '*lenp'. */
static enum ofperr
ofpact_decode_raw(const uint8_t *p, size_t size,
                  const struct ofpact_decode_ctx *ctx, size_t *lenp)
{
    const struct ofpact_raw_info *info;
    uint32_t vendor = 0;
    uint16_t type, len;

    if (size < 8) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    type = get_uint(p, 2);
    len = get_uint(p + 2, 2);
    if (type == 0xffff) {
        vendor = get_uint(p + 4, 4);
        if (vendor != NX_VENDOR_ID && vendor != ONF_VENDOR_ID) {
            return OFPERR_OFPBAC_BAD_VENDOR;
        }
        if (size < 10 || len < 10) {
            return OFPERR_OFPBAC_BAD_LEN;
        }
        type = get_uint(p + 8, 2);
    }
    if (len > size || len < 8 || len % 8) {
        return OFPERR_OFPBAC_BAD_LEN;
    }

    info = ofpact_raw_lookup(vendor, type, ctx->version);
    if (!info) {
        return vendor ? OFPERR_OFPBAC_BAD_VENDOR_TYPE
                      : OFPERR_OFPBAC_BAD_TYPE;
    }
    if (info->variable ? len < info->len : len != info->len) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    *lenp = len;
    if ((info->raw == OFPACT_RAW_NXAST_DEBUG_RECIRC
         || info->raw == OFPACT_RAW_NXAST_DEBUG_SLOW)
        && !ofpacts_allow_debug) {
        return OFPERR_OFPBAC_BAD_VENDOR_TYPE;
    }
    return ofpact_decode_one(info, p, len, ctx);
}

static enum ofperr
ofpacts_decode(const void *actions, size_t actions_len,
               const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = actions;

    if (ctx->depth > OFPACTS_MAX_DEPTH) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    while (actions_len) {
        size_t len = 0;
        enum ofperr error = ofpact_decode_raw(p, actions_len, ctx, &len);
        if (error) {
            return error;
        }
        p += len;
        actions_len -= len;
    }
    return 0;
}

enum ofperr
ofpact_decode_nested(const void *p, size_t len,
                     const struct ofpact_decode_ctx *ctx)
{
    struct ofpact_decode_ctx sub = *ctx;

    sub.depth++;
    if (sub.depth > OFPACTS_MAX_DEPTH) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    return ofpacts_decode(p, len, &sub);
}

static enum ofperr
ofpacts_pull_actions__(struct ofpbuf *openflow, unsigned int actions_len,
                       enum ofp_version version, uint64_t allowed,
                       struct ofpbuf *ofpacts)
{
    const void *actions;
    enum ofperr error;

    ofpbuf_clear(ofpacts);
    if (actions_len % 8) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    /* Checks the length, not the pointer: an empty list may come from a
     * buffer whose data is NULL. */
    if (actions_len > openflow->size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    actions = ofpbuf_pull(openflow, actions_len);

    struct ofpact_decode_ctx ctx = {
        .version = version, .out = ofpacts, .depth = 0,
    };
    error = ofpacts_decode(actions, actions_len, &ctx);
    if (!error) {
        error = ofpacts_verify(ofpacts->data, ofpacts->size, version,
                               allowed);
    }
    if (!error) {
        error = ofpacts_verify_nested(ofpacts->data, ofpacts->size,
                                      N_OFPACTS, NULL);
    }
    if (error) {
        ofpbuf_clear(ofpacts);
    }
    return error;
}

/* Actions allowed in an apply-actions list or action list. */
#define OFPACT_BIT(TYPE) (UINT64_C(1) << OFPACT_##TYPE)
#define ACTIONS_ONLY \
    (~(OFPACT_BIT(METER) | OFPACT_BIT(CLEAR_ACTIONS) \
       | OFPACT_BIT(WRITE_ACTIONS) | OFPACT_BIT(GOTO_TABLE)))

enum ofperr
ofpacts_pull_openflow_actions(struct ofpbuf *openflow,
                              unsigned int actions_len,
                              enum ofp_version version,
                              struct ofpbuf *ofpacts)
{
    /* NXAST_WRITE_METADATA and OFPAT15_METER are actions. */
    return ofpacts_pull_actions__(openflow, actions_len, version,
                                  ACTIONS_ONLY | OFPACT_BIT(METER),
                                  ofpacts);
}

/* Instructions. */

enum ofpact_inst {
    INST_GOTO_TABLE,
    INST_WRITE_METADATA,
    INST_WRITE_ACTIONS,
    INST_APPLY_ACTIONS,
    INST_CLEAR_ACTIONS,
    INST_METER,
    N_INSTS
};

static enum ofperr
inst_from_type(uint16_t type, enum ofp_version version,
               enum ofpact_inst *inst)
{
    switch (type) {
    case OFPIT11_GOTO_TABLE: *inst = INST_GOTO_TABLE; return 0;
    case OFPIT11_WRITE_METADATA: *inst = INST_WRITE_METADATA; return 0;
    case OFPIT11_WRITE_ACTIONS: *inst = INST_WRITE_ACTIONS; return 0;
    case OFPIT11_APPLY_ACTIONS: *inst = INST_APPLY_ACTIONS; return 0;
    case OFPIT11_CLEAR_ACTIONS: *inst = INST_CLEAR_ACTIONS; return 0;
    case OFPIT13_METER:
        *inst = INST_METER;
        return 0;
    case OFPIT11_EXPERIMENTER:
        return OFPERR_OFPBIC_BAD_EXPERIMENTER;
    default:
        return OFPERR_OFPBIC_UNKNOWN_INST;
    }
}

enum ofperr
ofpacts_pull_openflow_instructions(struct ofpbuf *openflow,
                                   unsigned int instructions_len,
                                   enum ofp_version version,
                                   struct ofpbuf *ofpacts)
{
    const uint8_t *insts[N_INSTS] = { NULL };
    size_t inst_lens[N_INSTS] = { 0 };
    const uint8_t *p;
    size_t left;
    enum ofperr error;

    if (version == OFP10_VERSION) {
        return ofpacts_pull_actions__(openflow, instructions_len, version,
                                      ACTIONS_ONLY | OFPACT_BIT(METER),
                                      ofpacts);
    }

    ofpbuf_clear(ofpacts);
    /* A bad length of the instruction list is an instruction error, as
     * Open vSwitch reports it. */
    if (instructions_len % 8) {
        return OFPERR_OFPBIC_BAD_LEN;
    }
    if (instructions_len > openflow->size) {    /* Data may be NULL. */
        return OFPERR_OFPBIC_BAD_LEN;
    }
    p = ofpbuf_pull(openflow, instructions_len);

    for (left = instructions_len; left; ) {
        uint16_t type, len;
        enum ofpact_inst inst;

        if (left < 8) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        type = get_uint(p, 2);
        len = get_uint(p + 2, 2);
        if (len < 8 || len > left || len % 8) {
            return OFPERR_OFPBIC_BAD_LEN;
        }
        error = inst_from_type(type, version, &inst);
        if (error) {
            return error;
        }
        switch (inst) {
        case INST_GOTO_TABLE:
        case INST_CLEAR_ACTIONS:
        case INST_METER:
            if (len != 8) {
                return OFPERR_OFPBIC_BAD_LEN;
            }
            break;
        case INST_WRITE_METADATA:
            if (len != 24) {
                return OFPERR_OFPBIC_BAD_LEN;
            }
            break;
        case INST_WRITE_ACTIONS:
        case INST_APPLY_ACTIONS:
        case N_INSTS:
        default:
            break;
        }
        if (insts[inst]) {
            return OFPERR_OFPBIC_DUP_INST;
        }
        insts[inst] = p;
        inst_lens[inst] = len;
        p += len;
        left -= len;
    }

    struct ofpact_decode_ctx ctx = {
        .version = version, .out = ofpacts, .depth = 0,
    };
    if (insts[INST_METER]) {
        struct ofpact_meter *om = ofpact_put_METER(ofpacts);
        om->meter_id = get_uint(insts[INST_METER] + 4, 4);
    }
    if (insts[INST_APPLY_ACTIONS]) {
        error = ofpacts_decode(insts[INST_APPLY_ACTIONS] + 8,
                               inst_lens[INST_APPLY_ACTIONS] - 8, &ctx);
        if (error) {
            goto error;
        }
    }
    if (insts[INST_CLEAR_ACTIONS]) {
        ofpact_put_CLEAR_ACTIONS(ofpacts);
    }
    if (insts[INST_WRITE_ACTIONS]) {
        size_t start = ofpacts->size;
        struct ofpact_nest *on = ofpact_put_WRITE_ACTIONS(ofpacts);
        size_t body = ofpacts->size;

        (void) on;
        error = ofpact_decode_nested(insts[INST_WRITE_ACTIONS] + 8,
                                     inst_lens[INST_WRITE_ACTIONS] - 8,
                                     &ctx);
        if (error) {
            goto error;
        }
        on = ofpbuf_at_assert(ofpacts, start, sizeof *on);
        const struct ofpact *na;
        OFPACT_FOR_EACH (na, (const struct ofpact *)
                         ((uint8_t *) ofpacts->data + body),
                         ofpacts->size - body) {
            if (!ofpact_is_allowed_in_actions_set(na)) {
                error = OFPERR_OFPBAC_BAD_TYPE;
                goto error;
            }
        }
        error = ofpacts_verify_nested((const struct ofpact *)
                                      ((uint8_t *) ofpacts->data + body),
                                      ofpacts->size - body,
                                      OFPACT_WRITE_ACTIONS, NULL);
        if (error) {
            goto error;
        }
        ofpact_finish_WRITE_ACTIONS(ofpacts, &on);
    }
    if (insts[INST_WRITE_METADATA]) {
        const uint8_t *wm = insts[INST_WRITE_METADATA];
        struct ofpact_metadata *om = ofpact_put_WRITE_METADATA(ofpacts);
        be64 md, mask;

        memcpy(&md, wm + 8, 8);
        memcpy(&mask, wm + 16, 8);
        om->metadata = md;
        om->mask = mask;
    }
    if (insts[INST_GOTO_TABLE]) {
        struct ofpact_goto_table *og = ofpact_put_GOTO_TABLE(ofpacts);
        og->table_id = insts[INST_GOTO_TABLE][4];
    }

    error = ofpacts_verify(ofpacts->data, ofpacts->size, version, 0);
    if (!error) {
        error = ofpacts_verify_nested(ofpacts->data, ofpacts->size,
                                      N_OFPACTS, NULL);
    }
    if (error) {
        goto error;
    }
    return 0;

error:
    ofpbuf_clear(ofpacts);
    return error;
}

/* Encoding. */

static void
ofpact_encode(const struct ofpact *a, enum ofp_version version,
              struct ofpbuf *out)
{
    switch ((enum ofpact_type) a->type) {
#define OFPACT(ENUM, STRUCT, MEMBER, NAME)                              \
    case OFPACT_##ENUM:                                                 \
        ofpact_encode_##ENUM(ofpact_get_##ENUM(a), version, out);       \
        return;
        OFPACTS
#undef OFPACT
    default:
        SVS_NOT_REACHED();
    }
}

void
ofpact_encode_nested(const struct ofpact *ofpacts, size_t ofpacts_len,
                     enum ofp_version version, struct ofpbuf *out)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        ofpact_encode(a, version, out);
    }
}

size_t
ofpacts_put_openflow_actions(const struct ofpact ofpacts[],
                             size_t ofpacts_len, struct ofpbuf *openflow,
                             enum ofp_version version)
{
    size_t start = openflow->size;
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        ofpact_encode(a, version, openflow);
    }
    return openflow->size - start;
}

/* Appends an instruction header of 'type' and returns its offset. */
static size_t
put_inst_header(struct ofpbuf *out, uint16_t type, uint16_t len)
{
    size_t ofs = out->size;
    uint8_t *p = ofpbuf_put_zeros(out, 8);
    put_uint(p, 2, type);
    put_uint(p + 2, 2, len);
    return ofs;
}

static void
finish_inst(struct ofpbuf *out, size_t ofs)
{
    put_uint((uint8_t *) out->data + ofs + 2, 2, out->size - ofs);
}

void
ofpacts_put_openflow_instructions(const struct ofpact ofpacts[],
                                  size_t ofpacts_len,
                                  struct ofpbuf *openflow,
                                  enum ofp_version version)
{
    const struct ofpact *end = ofpact_end(ofpacts, ofpacts_len);
    const struct ofpact *a;

    if (version == OFP10_VERSION) {
        ofpacts_put_openflow_actions(ofpacts, ofpacts_len, openflow,
                                     version);
        return;
    }

    a = ofpacts;
    while (a < end) {
        if (a->type == OFPACT_METER && version < OFP15_VERSION) {
            if (version >= OFP13_VERSION) {
                const struct ofpact_meter *om = ofpact_get_METER(a);
                size_t ofs = put_inst_header(openflow, OFPIT13_METER, 8);
                put_uint((uint8_t *) openflow->data + ofs + 4, 4,
                         om->meter_id);
            }
            a = ofpact_next(a);
        } else if (!ofpact_is_instruction(a->type)
                   || a->type == OFPACT_METER) {
            size_t ofs = put_inst_header(openflow, OFPIT11_APPLY_ACTIONS, 8);
            while (a < end && (!ofpact_is_instruction(a->type)
                               || a->type == OFPACT_METER)) {
                ofpact_encode(a, version, openflow);
                a = ofpact_next(a);
            }
            finish_inst(openflow, ofs);
        } else if (a->type == OFPACT_CLEAR_ACTIONS) {
            put_inst_header(openflow, OFPIT11_CLEAR_ACTIONS, 8);
            a = ofpact_next(a);
        } else if (a->type == OFPACT_WRITE_ACTIONS) {
            const struct ofpact_nest *on = ofpact_get_WRITE_ACTIONS(a);
            size_t ofs = put_inst_header(openflow, OFPIT11_WRITE_ACTIONS, 8);
            ofpact_encode_nested(on->actions,
                                 on->ofpact.len
                                 - offsetof(struct ofpact_nest, actions),
                                 version, openflow);
            finish_inst(openflow, ofs);
            a = ofpact_next(a);
        } else if (a->type == OFPACT_WRITE_METADATA) {
            const struct ofpact_metadata *om = ofpact_get_WRITE_METADATA(a);
            size_t ofs = put_inst_header(openflow, OFPIT11_WRITE_METADATA,
                                         24);
            ofpbuf_put(openflow, &om->metadata, 8);
            ofpbuf_put(openflow, &om->mask, 8);
            (void) ofs;
            a = ofpact_next(a);
        } else if (a->type == OFPACT_GOTO_TABLE) {
            const struct ofpact_goto_table *og = ofpact_get_GOTO_TABLE(a);
            size_t ofs = put_inst_header(openflow, OFPIT11_GOTO_TABLE, 8);
            ((uint8_t *) openflow->data)[ofs + 4] = og->table_id;
            a = ofpact_next(a);
        } else {
            a = ofpact_next(a);
        }
    }
}

/* Verification. */

/* The position of each type in the required instruction order. */
static int
inst_order(enum ofpact_type type, enum ofp_version version)
{
    switch (type) {
    case OFPACT_METER: return version >= OFP15_VERSION ? 1 : 0;
    case OFPACT_CLEAR_ACTIONS: return 2;
    case OFPACT_WRITE_ACTIONS: return 3;
    case OFPACT_WRITE_METADATA: return 4;
    case OFPACT_GOTO_TABLE: return 5;
    default: return 1;          /* Apply-actions. */
    }
}

static const char *const inst_names[] = {
    "meter", "apply_actions", "clear_actions", "write_actions",
    "write_metadata", "goto_table",
};

/* Like ofpacts_verify(), storing an explanation in '*errorp' (if nonnull)
 * on failure. */
static enum ofperr
ofpacts_verify__(const struct ofpact ofpacts[], size_t ofpacts_len,
                 enum ofp_version version, uint64_t allowed, char **errorp)
{
    const struct ofpact *a;
    int prev = -1;

    /* A flow with "conjunction" actions is only a part of a conjunctive
     * match: it may carry notes but no other action or instruction. */
    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        if (a->type == OFPACT_CONJUNCTION) {
            const struct ofpact *b;

            OFPACT_FOR_EACH (b, ofpacts, ofpacts_len) {
                if (b->type != OFPACT_CONJUNCTION
                    && b->type != OFPACT_NOTE) {
                    if (errorp) {
                        *errorp = xasprintf(
                            "\"conjunction\" actions may be used along "
                            "with \"note\" but not any other kind of "
                            "action (such as the \"%s\" action used "
                            "here)", ofpact_name(b->type));
                    }
                    return OFPERR_NXBAC_BAD_CONJUNCTION;
                }
            }
            break;
        }
    }

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        int order = inst_order(a->type, version);

        if (allowed && !(allowed & (UINT64_C(1) << a->type))) {
            if (errorp) {
                *errorp = xasprintf("%s action not allowed here",
                                    ofpact_name(a->type));
            }
            return ofpact_is_instruction(a->type)
                   ? OFPERR_OFPBIC_UNSUP_INST : OFPERR_OFPBAC_BAD_TYPE;
        }
        if (order < prev) {
            if (errorp) {
                *errorp = xasprintf("invalid instruction ordering: %s must "
                                    "appear before %s, for OpenFlow 1.1+ "
                                    "compatibility", inst_names[order],
                                    inst_names[prev]);
            }
            return OFPERR_OFPBAC_UNSUPPORTED_ORDER;
        }
        if (order == prev && order != 1) {
            if (errorp) {
                *errorp = xasprintf("duplicate %s instruction",
                                    inst_names[order]);
            }
            return OFPERR_OFPBIC_DUP_INST;
        }
        prev = order;
    }
    return 0;
}

enum ofperr
ofpacts_verify(const struct ofpact ofpacts[], size_t ofpacts_len,
               enum ofp_version version, uint64_t allowed)
{
    return ofpacts_verify__(ofpacts, ofpacts_len, version, allowed, NULL);
}

/* The field an action writes, or NULL. */
static const struct mf_field *
ofpact_get_mf_dst(const struct ofpact *a)
{
    switch (a->type) {
    case OFPACT_SET_FIELD:
        return ofpact_get_SET_FIELD(a)->field;
    case OFPACT_REG_MOVE:
        return ofpact_get_REG_MOVE(a)->dst.field;
    default:
        return NULL;
    }
}

static bool
field_requires_ct(const struct mf_field *f)
{
    return f->id == MFF_CT_MARK || f->id == MFF_CT_LABEL;
}

enum ofperr
ofpacts_verify_nested(const struct ofpact *ofpacts, size_t len,
                      enum ofpact_type outer, char **errorp)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, len) {
        const struct mf_field *field = ofpact_get_mf_dst(a);

        if (field && field_requires_ct(field) && outer != OFPACT_CT) {
            if (errorp) {
                *errorp = xstrdup("cannot set CT fields outside of ct "
                                  "action");
            }
            return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
        }
        if (a->type == OFPACT_NAT) {
            if (outer != OFPACT_CT) {
                if (errorp) {
                    *errorp = xstrdup("Cannot have NAT action outside of "
                                      "\"ct\" action");
                }
                return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
            }
            continue;
        }
        if (outer == OFPACT_CT) {
            if (!field) {
                if (errorp) {
                    *errorp = xasprintf("%s action doesn't support nested "
                                        "action %s", ofpact_name(outer),
                                        ofpact_name(a->type));
                }
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            } else if (!field_requires_ct(field)) {
                if (errorp) {
                    *errorp = xasprintf("%s action doesn't support nested "
                                        "modification of %s",
                                        ofpact_name(outer), field->name);
                }
                return OFPERR_OFPBAC_BAD_ARGUMENT;
            }
        }
        if (outer != N_OFPACTS && ofpact_is_instruction(a->type)) {
            if (errorp) {
                *errorp = xasprintf("%s action doesn't support nested "
                                    "action %s", ofpact_name(outer),
                                    ofpact_name(a->type));
            }
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        if (outer == OFPACT_WRITE_ACTIONS
            && !ofpact_is_allowed_in_actions_set(a)) {
            if (errorp) {
                *errorp = xasprintf("%s action doesn't support nested "
                                    "action %s", ofpact_name(outer),
                                    ofpact_name(a->type));
            }
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
    }
    return 0;
}

/* Queries. */

bool
ofpact_is_allowed_in_actions_set(const struct ofpact *a)
{
    switch ((enum ofpact_type) a->type) {
    case OFPACT_DEC_MPLS_TTL:
    case OFPACT_DEC_TTL:
    case OFPACT_GROUP:
    case OFPACT_OUTPUT:
    case OFPACT_OUTPUT_TRUNC:
    case OFPACT_POP_MPLS:
    case OFPACT_PUSH_MPLS:
    case OFPACT_PUSH_VLAN:
    case OFPACT_REG_MOVE:
    case OFPACT_SET_FIELD:
    case OFPACT_SET_ETH_DST:
    case OFPACT_SET_ETH_SRC:
    case OFPACT_SET_IP_DSCP:
    case OFPACT_SET_IP_ECN:
    case OFPACT_SET_IP_TTL:
    case OFPACT_SET_IPV4_DST:
    case OFPACT_SET_IPV4_SRC:
    case OFPACT_SET_L4_DST_PORT:
    case OFPACT_SET_L4_SRC_PORT:
    case OFPACT_SET_MPLS_LABEL:
    case OFPACT_SET_MPLS_TC:
    case OFPACT_SET_MPLS_TTL:
    case OFPACT_SET_QUEUE:
    case OFPACT_SET_TUNNEL:
    case OFPACT_SET_VLAN_PCP:
    case OFPACT_SET_VLAN_VID:
    case OFPACT_STRIP_VLAN:
    case OFPACT_ENCAP:
    case OFPACT_DECAP:
    case OFPACT_DEC_NSH_TTL:
        return true;

    case OFPACT_BUNDLE:
    case OFPACT_CLONE:
    case OFPACT_CONTROLLER:
    case OFPACT_CT:
    case OFPACT_CT_CLEAR:
    case OFPACT_NAT:
    case OFPACT_ENQUEUE:
    case OFPACT_EXIT:
    case OFPACT_UNROLL_XLATE:
    case OFPACT_FIN_TIMEOUT:
    case OFPACT_LEARN:
    case OFPACT_CONJUNCTION:
    case OFPACT_MULTIPATH:
    case OFPACT_NOTE:
    case OFPACT_OUTPUT_REG:
    case OFPACT_POP_QUEUE:
    case OFPACT_RESUBMIT:
    case OFPACT_SAMPLE:
    case OFPACT_STACK_POP:
    case OFPACT_STACK_PUSH:
    case OFPACT_DEBUG_RECIRC:
    case OFPACT_DEBUG_SLOW:
    case OFPACT_CHECK_PKT_LARGER:
    case OFPACT_DELETE_FIELD:
    case OFPACT_METER:
    case OFPACT_CLEAR_ACTIONS:
    case OFPACT_WRITE_ACTIONS:
    case OFPACT_WRITE_METADATA:
    case OFPACT_GOTO_TABLE:
    default:
        return false;
    }
}

const struct ofpact *
ofpact_get_nested(const struct ofpact *a, size_t *nested_len)
{
    switch (a->type) {
    case OFPACT_CLONE:
    case OFPACT_WRITE_ACTIONS: {
        const struct ofpact_nest *on = (const struct ofpact_nest *) a;
        *nested_len = a->len - offsetof(struct ofpact_nest, actions);
        return on->actions;
    }
    case OFPACT_CT: {
        const struct ofpact_conntrack *ct
            = (const struct ofpact_conntrack *) a;
        *nested_len = a->len - offsetof(struct ofpact_conntrack, actions);
        return ct->actions;
    }
    default:
        *nested_len = 0;
        return NULL;
    }
}

bool
ofpacts_equal(const struct ofpact a[], size_t a_len,
              const struct ofpact b[], size_t b_len)
{
    return a_len == b_len && (!a_len || !memcmp(a, b, a_len));
}

bool
ofpacts_output_to_port(const struct ofpact ofpacts[], size_t ofpacts_len,
                       ofp_port_t port)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        size_t nested_len;
        const struct ofpact *nested;

        switch (a->type) {
        case OFPACT_OUTPUT:
            if (ofpact_get_OUTPUT(a)->port == port) {
                return true;
            }
            break;
        case OFPACT_ENQUEUE:
            if (ofpact_get_ENQUEUE(a)->port == port) {
                return true;
            }
            break;
        case OFPACT_OUTPUT_TRUNC:
            if (ofpact_get_OUTPUT_TRUNC(a)->port == port) {
                return true;
            }
            break;
        case OFPACT_CONTROLLER:
            if (port == OFPP_CONTROLLER) {
                return true;
            }
            break;
        case OFPACT_BUNDLE: {
            const struct ofpact_bundle *b = ofpact_get_BUNDLE(a);
            for (unsigned int i = 0; i < b->n_members; i++) {
                if (b->members[i] == port) {
                    return true;
                }
            }
            break;
        }
        case OFPACT_OUTPUT_REG:
        case OFPACT_LEARN:
        case OFPACT_MULTIPATH:
            break;
        default:
            nested = ofpact_get_nested(a, &nested_len);
            if (nested && ofpacts_output_to_port(nested, nested_len, port)) {
                return true;
            }
            break;
        }
    }
    return false;
}

bool
ofpacts_output_to_group(const struct ofpact ofpacts[], size_t ofpacts_len,
                        uint32_t group_id)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        size_t nested_len;
        const struct ofpact *nested;

        if (a->type == OFPACT_GROUP
            && ofpact_get_GROUP(a)->group_id == group_id) {
            return true;
        }
        nested = ofpact_get_nested(a, &nested_len);
        if (nested && ofpacts_output_to_group(nested, nested_len,
                                              group_id)) {
            return true;
        }
    }
    return false;
}

uint32_t
ofpacts_get_meter(const struct ofpact ofpacts[], size_t ofpacts_len)
{
    const struct ofpact *a;

    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        if (a->type == OFPACT_METER) {
            return ofpact_get_METER(a)->meter_id;
        }
    }
    return 0;
}

/* Checking. */

enum ofperr
ofpact_inconsistent_match(uint32_t *usable_protocols)
{
    *usable_protocols &= OFPACT_P_OF10_ANY;
    return *usable_protocols ? 0 : OFPERR_OFPBAC_MATCH_INCONSISTENT;
}

enum ofperr
ofpact_check_output_port(ofp_port_t port, ofp_port_t max_ports)
{
    switch (port) {
    case OFPP_IN_PORT:
    case OFPP_TABLE:
    case OFPP_NORMAL:
    case OFPP_FLOOD:
    case OFPP_ALL:
    case OFPP_CONTROLLER:
    case OFPP_LOCAL:
        return 0;
    case OFPP_NONE:
        return OFPERR_OFPBAC_BAD_OUT_PORT;
    default:
        if (port < max_ports) {
            return 0;
        }
        return OFPERR_OFPBAC_BAD_OUT_PORT;
    }
}

static enum ofperr
ofpact_check(struct ofpact *a, struct ofpact_check_params *cp)
{
    switch ((enum ofpact_type) a->type) {
#define OFPACT(ENUM, STRUCT, MEMBER, NAME)                              \
    case OFPACT_##ENUM:                                                 \
        return ofpact_check_##ENUM(ofpact_get_##ENUM(a), cp);
        OFPACTS
#undef OFPACT
    default:
        SVS_NOT_REACHED();
    }
    return 0;
}

enum ofperr
ofpacts_check(struct ofpact ofpacts[], size_t ofpacts_len,
              struct ofpact_check_params *cp)
{
    /* Actions such as push_vlan and pop_mpls change the flow that later
     * actions see; follow them on a copy of the match. */
    struct match *orig = cp->match;
    struct match copy;
    struct ofpact *a;
    enum ofperr error = 0;

    if (orig) {
        copy = *orig;
        cp->match = &copy;
    }
    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        error = ofpact_check(a, cp);
        if (error) {
            break;
        }
    }
    cp->match = orig;
    return error;
}

enum ofperr
ofpacts_check_consistency(struct ofpact ofpacts[], size_t ofpacts_len,
                          uint32_t usable_protocols,
                          struct ofpact_check_params *cp)
{
    enum ofperr error;

    cp->usable_protocols = usable_protocols;
    error = ofpacts_check(ofpacts, ofpacts_len, cp);
    if (error) {
        return error;
    }
    return (cp->usable_protocols & usable_protocols)
           ? 0 : OFPERR_OFPBAC_MATCH_INCONSISTENT;
}

/* Formatting. */

void
ofpact_format(const struct ofpact *a, struct ds *s)
{
    switch ((enum ofpact_type) a->type) {
#define OFPACT(ENUM, STRUCT, MEMBER, NAME)                              \
    case OFPACT_##ENUM:                                                 \
        ofpact_format_##ENUM(ofpact_get_##ENUM(a), s);                  \
        return;
        OFPACTS
#undef OFPACT
    default:
        SVS_NOT_REACHED();
    }
}

void
ofpacts_format(const struct ofpact ofpacts[], size_t ofpacts_len,
               struct ds *s)
{
    const struct ofpact *a;

    if (!ofpacts_len) {
        ds_put_cstr(s, "drop");
        return;
    }
    OFPACT_FOR_EACH (a, ofpacts, ofpacts_len) {
        if (a != ofpacts) {
            ds_put_char(s, ',');
        }
        ofpact_format(a, s);
    }
}

bool
ofpact_parse_port(const char *s, ofp_port_t *port)
{
    return mf_parse_ofp_port(s, port);
}

void
ofpact_format_port(ofp_port_t port, struct ds *s)
{
    mf_format_ofp_port(port, s);
}

/* Parsing. */

/* Skips spaces, commas and tabs... as ovs-ofctl's key-value splitter
 * does. */
static const char *const delims = ", \t\r\n";

bool
ofpact_parse_key_value(char **stringp, char **keyp, char **valuep)
{
    char *p = *stringp;
    char *key, *value;
    size_t key_len;

    p += strspn(p, delims);
    if (!*p) {
        *keyp = *valuep = NULL;
        return false;
    }

    key = p;
    key_len = strcspn(key, ":=(, \t\r\n");
    p = key + key_len;
    if (*p == ':' || *p == '=') {
        /* The value extends to the next delimiter outside parentheses. */
        int depth = 0;

        *p++ = '\0';
        value = p;
        for (; *p; p++) {
            if (*p == '(') {
                depth++;
            } else if (*p == ')') {
                if (depth) {
                    depth--;
                }
            } else if (!depth && strchr(delims, *p)) {
                break;
            }
        }
        if (*p) {
            *p++ = '\0';
        }
    } else if (*p == '(') {
        /* The value is what is inside the parentheses.  A value followed
         * by "->" (check_pkt_larger(N)->DST) keeps its ")->DST" tail. */
        int depth = 1;

        *p++ = '\0';
        value = p;
        for (; *p; p++) {
            if (*p == '(') {
                depth++;
            } else if (*p == ')' && !--depth) {
                break;
            }
        }
        if (*p == ')' && p[1] == '-' && p[2] == '>') {
            p += strcspn(p, delims);
            if (*p) {
                *p++ = '\0';
            }
        } else if (*p) {
            *p++ = '\0';
        }
    } else {
        if (*p) {
            *p++ = '\0';
        }
        value = p - 1;
        value = "";
    }
    *keyp = key;
    *valuep = value;
    *stringp = p;
    return true;
}

char *
ofpact_str_to_u8(const char *str, const char *name, uint8_t *value)
{
    unsigned long long x;
    char *end;

    errno = 0;
    x = strtoull(str, &end, 0);
    if (errno || *end || !*str || str[0] == '-' || x > UINT8_MAX) {
        return xasprintf("invalid %s \"%s\"", name, str);
    }
    *value = x;
    return NULL;
}

char *
ofpact_str_to_u16(const char *str, const char *name, uint16_t *value)
{
    unsigned long long x;
    char *end;

    errno = 0;
    x = strtoull(str, &end, 0);
    if (errno || *end || !*str || str[0] == '-' || x > UINT16_MAX) {
        return xasprintf("invalid %s \"%s\"", name, str);
    }
    *value = x;
    return NULL;
}

char *
ofpact_str_to_u32(const char *str, uint32_t *value)
{
    unsigned long long x;
    char *end;

    if (!str[0]) {
        return xstrdup("missing required numeric argument");
    }
    errno = 0;
    x = strtoull(str, &end, 0);
    if (errno || *end || str[0] == '-' || x > UINT32_MAX) {
        return xasprintf("invalid numeric format %s", str);
    }
    *value = x;
    return NULL;
}

char *
ofpact_str_to_u64(const char *str, uint64_t *value)
{
    unsigned long long x;
    char *end;

    if (!str[0]) {
        return xstrdup("missing required numeric argument");
    }
    errno = 0;
    x = strtoull(str, &end, 0);
    if (errno || *end || str[0] == '-') {
        return xasprintf("invalid numeric format %s", str);
    }
    *value = x;
    return NULL;
}

char *
ofpact_str_to_be64(const char *str, be64 *value)
{
    uint64_t x;
    char *error = ofpact_str_to_u64(str, &x);
    if (!error) {
        *value = htonll(x);
    }
    return error;
}

uint32_t
ofpact_field_protocols(const struct mf_field *mf)
{
    uint32_t p = 0;

    if (mf->of10 != MFO_NONE) {
        p |= OFPACT_P_OF10_ANY;
    }
    if (mf->of11 != MFO_NONE) {
        p |= OFPACT_P_OF11_STD;
    }
    for (unsigned int i = 0; i < mf->n_headers; i++) {
        const struct mf_nxm_header *h = &mf->headers[i];
        uint16_t class = nxm_class(h->header);

        if (class == 0x0000 || class == 0x0001) {
            /* NXM: usable with NXM and, as OpenFlow 1.2+ accepts NXM
             * headers, with OXM. */
            p |= OFPACT_P_OF10_NXM_ANY | OFPACT_P_OF12_UP;
        } else {
            if (h->version <= OFP12_VERSION) {
                p |= OFPACT_P_OF12_OXM;
            }
            if (h->version <= OFP13_VERSION) {
                p |= OFPACT_P_OF13_OXM;
            }
            if (h->version <= OFP14_VERSION) {
                p |= OFPACT_P_OF14_OXM;
            }
            p |= OFPACT_P_OF15_OXM | OFPACT_P_OF10_NXM_ANY;
        }
    }
    return p;
}

/* The keyword table. */
typedef char *ofpact_parse_func(char *, const struct ofpact_parse_params *);

struct ofpact_keyword {
    const char *name;
    ofpact_parse_func *parse;
    bool instruction;
};

static const struct ofpact_keyword keywords[] = {
    { "output", ofpact_parse_OUTPUT, false },
    { "output_trunc", ofpact_parse_OUTPUT_TRUNC, false },
    { "group", ofpact_parse_GROUP, false },
    { "controller", ofpact_parse_CONTROLLER, false },
    { "enqueue", ofpact_parse_ENQUEUE, false },
    { "bundle", ofpact_parse_BUNDLE, false },
    { "bundle_load", ofpact_parse_bundle_load, false },
    { "set_field", ofpact_parse_SET_FIELD, false },
    { "load", ofpact_parse_load, false },
    { "move", ofpact_parse_REG_MOVE, false },
    { "mod_vlan_vid", ofpact_parse_mod_vlan_vid, false },
    { "set_vlan_vid", ofpact_parse_SET_VLAN_VID, false },
    { "mod_vlan_pcp", ofpact_parse_mod_vlan_pcp, false },
    { "set_vlan_pcp", ofpact_parse_SET_VLAN_PCP, false },
    { "strip_vlan", ofpact_parse_STRIP_VLAN, false },
    { "pop_vlan", ofpact_parse_pop_vlan, false },
    { "push_vlan", ofpact_parse_PUSH_VLAN, false },
    { "mod_dl_src", ofpact_parse_SET_ETH_SRC, false },
    { "mod_dl_dst", ofpact_parse_SET_ETH_DST, false },
    { "mod_nw_src", ofpact_parse_SET_IPV4_SRC, false },
    { "mod_nw_dst", ofpact_parse_SET_IPV4_DST, false },
    { "mod_nw_tos", ofpact_parse_SET_IP_DSCP, false },
    { "mod_nw_ecn", ofpact_parse_SET_IP_ECN, false },
    { "mod_nw_ttl", ofpact_parse_SET_IP_TTL, false },
    { "mod_tp_src", ofpact_parse_SET_L4_SRC_PORT, false },
    { "mod_tp_dst", ofpact_parse_SET_L4_DST_PORT, false },
    { "push", ofpact_parse_STACK_PUSH, false },
    { "pop", ofpact_parse_STACK_POP, false },
    { "dec_ttl", ofpact_parse_DEC_TTL, false },
    { "set_mpls_label", ofpact_parse_SET_MPLS_LABEL, false },
    { "set_mpls_tc", ofpact_parse_SET_MPLS_TC, false },
    { "set_mpls_ttl", ofpact_parse_SET_MPLS_TTL, false },
    { "dec_mpls_ttl", ofpact_parse_DEC_MPLS_TTL, false },
    { "push_mpls", ofpact_parse_PUSH_MPLS, false },
    { "pop_mpls", ofpact_parse_POP_MPLS, false },
    { "dec_nsh_ttl", ofpact_parse_DEC_NSH_TTL, false },
    { "delete_field", ofpact_parse_DELETE_FIELD, false },
    { "encap", ofpact_parse_ENCAP, false },
    { "decap", ofpact_parse_DECAP, false },
    { "set_tunnel", ofpact_parse_SET_TUNNEL, false },
    { "set_tunnel64", ofpact_parse_set_tunnel64, false },
    { "set_queue", ofpact_parse_SET_QUEUE, false },
    { "pop_queue", ofpact_parse_POP_QUEUE, false },
    { "fin_timeout", ofpact_parse_FIN_TIMEOUT, false },
    { "resubmit", ofpact_parse_RESUBMIT, false },
    { "learn", ofpact_parse_LEARN, false },
    { "conjunction", ofpact_parse_CONJUNCTION, false },
    { "multipath", ofpact_parse_MULTIPATH, false },
    { "note", ofpact_parse_NOTE, false },
    { "exit", ofpact_parse_EXIT, false },
    { "sample", ofpact_parse_SAMPLE, false },
    { "ct", ofpact_parse_CT, false },
    { "ct_clear", ofpact_parse_CT_CLEAR, false },
    { "nat", ofpact_parse_NAT, false },
    { "clone", ofpact_parse_CLONE, false },
    { "check_pkt_larger", ofpact_parse_CHECK_PKT_LARGER, false },
    { "debug_recirc", ofpact_parse_DEBUG_RECIRC, false },
    { "debug_slow", ofpact_parse_DEBUG_SLOW, false },
    { "meter", ofpact_parse_METER, true },
    { "clear_actions", ofpact_parse_CLEAR_ACTIONS, true },
    { "write_actions", ofpact_parse_WRITE_ACTIONS, true },
    { "write_metadata", ofpact_parse_WRITE_METADATA, true },
    { "goto_table", ofpact_parse_GOTO_TABLE, true },
    { "drop", ofpact_parse_drop, false },
};

/* The ofpacts in 'b' from offset 'ofs' on (NULL-safe: an empty ofpbuf may
 * have no data at all). */
static const struct ofpact *
ofpacts_from(const struct ofpbuf *b, size_t ofs)
{
    return b->data ? (const void *) ((const uint8_t *) b->data + ofs) : NULL;
}

static const struct ofpact_keyword *
keyword_lookup(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(keywords); i++) {
        if (!strcasecmp(name, keywords[i].name)) {
            return &keywords[i];
        }
    }
    return NULL;
}

static char *
ofpacts_parse__(char *str, const struct ofpact_parse_params *pp,
                bool allow_instructions, enum ofpact_type outer)
{
    size_t orig_size = pp->ofpacts->size;
    char *key, *value;
    bool drop = false;
    char *pos = str;

    (void) outer;
    if (pp->depth > OFPACTS_MAX_DEPTH) {
        return xasprintf("action list nested too deeply");
    }

    while (ofpact_parse_key_value(&pos, &key, &value)) {
        const struct ofpact_keyword *kw = keyword_lookup(key);
        ofp_port_t port;
        char *error;

        /* As ovs-ofctl: an unknown keyword is reported before a misplaced
         * "drop", and "apply_actions" is implicit, never written. */
        if (!kw && !(ofpact_parse_port(key, &port) && !*value)) {
            pp->ofpacts->size = orig_size;
            if (!strcasecmp(key, "apply_actions")) {
                return xstrdup("apply_actions is the default instruction");
            }
            return xasprintf("unknown action %s", key);
        }
        if (drop) {
            pp->ofpacts->size = orig_size;
            return xstrdup("\"drop\" must not be accompanied by any other "
                           "action or instruction");
        }
        if (kw) {
            if (kw->instruction && !allow_instructions) {
                pp->ofpacts->size = orig_size;
                return xasprintf("%s is an instruction, not an action",
                                 kw->name);
            }
            if (kw->parse == ofpact_parse_drop) {
                drop = true;
                if (pp->ofpacts->size != orig_size) {
                    pp->ofpacts->size = orig_size;
                    return xstrdup("\"drop\" must not be accompanied by any "
                                   "other action or instruction");
                }
                continue;
            }
            error = kw->parse(value, pp);
        } else {
            /* A bare port number or name (checked above): output to it. */
            struct ofpact_output *o = ofpact_put_OUTPUT(pp->ofpacts);
            o->port = port;
            o->max_len = port == OFPP_CONTROLLER ? UINT16_MAX : 0;
            error = NULL;
        }
        if (error) {
            pp->ofpacts->size = orig_size;
            return error;
        }
    }

    if (allow_instructions) {
        char *error = NULL;
        ofpacts_verify__(ofpacts_from(pp->ofpacts, orig_size),
                         pp->ofpacts->size - orig_size, OFP13_VERSION, 0,
                         &error);
        if (error) {
            pp->ofpacts->size = orig_size;
            return error;
        }
    }
    return NULL;
}

char *
ofpact_parse_nested(char *s, const struct ofpact_parse_params *pp,
                    enum ofpact_type outer)
{
    struct ofpact_parse_params sub = *pp;
    size_t start = pp->ofpacts->size;
    char *error;

    sub.depth++;
    error = ofpacts_parse__(s, &sub, false, outer);
    if (!error) {
        const struct ofpact *nested = ofpacts_from(pp->ofpacts, start);
        ofpacts_verify_nested(nested, pp->ofpacts->size - start, outer,
                              &error);
    }
    return error;
}

static char *
ofpacts_parse_copy(const char *s_, const struct ofpact_parse_params *pp,
                   bool allow_instructions)
{
    char *s = xstrdup(s_);
    size_t start = pp->ofpacts->size;
    char *error = ofpacts_parse__(s, pp, allow_instructions, N_OFPACTS);
    free(s);
    if (!error) {
        const struct ofpact *acts = ofpacts_from(pp->ofpacts, start);
        ofpacts_verify_nested(acts, pp->ofpacts->size - start, N_OFPACTS,
                              &error);
        if (error) {
            pp->ofpacts->size = start;
        }
    }
    return error;
}

char *
ofpacts_parse_actions(const char *s, const struct ofpact_parse_params *pp)
{
    return ofpacts_parse_copy(s, pp, true);
}

char *
ofpacts_parse_instructions(const char *s,
                           const struct ofpact_parse_params *pp)
{
    return ofpacts_parse_copy(s, pp, true);
}

char *
ofpact_parse_drop(char *arg SVS_UNUSED,
                  const struct ofpact_parse_params *pp SVS_UNUSED)
{
    return NULL;
}
