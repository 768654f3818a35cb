/* ofp-actions-private.h: internals shared by the ofp-actions*.c files,
 * learn.c, bundle.c and multipath.c.  Not for use outside the codec.
 *
 * What: the catalogue of wire encodings ("raw actions"), the generic
 * helpers that read and write their common headers, and the prototypes of
 * the per-type functions that the dispatchers in ofp-actions.c call:
 *
 *   ofpact_decode_<RAW>()  wire -> ofpacts, one per raw encoding;
 *   ofpact_encode_<TYPE>() ofpacts -> wire, one per ofpact type;
 *   ofpact_parse_<TYPE>()  text -> ofpacts;
 *   ofpact_format_<TYPE>() ofpacts -> text;
 *   ofpact_check_<TYPE>()  validation against a match.
 *
 * Design: a raw encoding is identified by (vendor, type) and valid for a
 * range of OpenFlow versions.  Standard actions have vendor 0 and their
 * OFPAT_* type; Nicira and ONF actions have their vendor id and 16-bit
 * subtype.  Fixed-size encodings have one length; variable ones a minimum
 * length and any multiple of 8 above it.  Encodings whose whole argument
 * is one integer ("simple" ones: ARG_U8...ARG_U64) are decoded and
 * encoded generically: the integer sits right after the type (standard)
 * or subtype (vendor) field, aligned to its own size.
 *
 * Thread-safety: as ofp-actions.h. */
#ifndef SVS_OFP_ACTIONS_PRIVATE_H
#define SVS_OFP_ACTIONS_PRIVATE_H 1

#include "ofp-actions.h"

struct ds;

/* Kinds of argument of a raw action. */
enum ofpact_raw_arg {
    OFPACT_ARG_VOID,            /* No argument. */
    OFPACT_ARG_U8,              /* One integer of the given width. */
    OFPACT_ARG_U16,
    OFPACT_ARG_U32,
    OFPACT_ARG_U64,
    OFPACT_ARG_STRUCT,          /* A structure its decoder reads. */
};

/* Version ranges. */
#define V10 0x01
#define V11 0x02
#define V12 0x03
#define V13 0x04
#define V14 0x05
#define V15 0x06

/* The raw encodings:
 *   OFPACT_RAW(ENUM, VENDOR, TYPE, MIN_V, MAX_V, LEN, VARIABLE, ARG, NAME)
 * VENDOR is 0 (standard), NX_VENDOR_ID or ONF_VENDOR_ID; LEN the fixed
 * length or, if VARIABLE, the minimum length. */
#define OFPACT_RAWS                                                         \
    OFPACT_RAW(OFPAT10_OUTPUT, 0, 0, V10, V10, 8, false, STRUCT,            \
               "OFPAT_OUTPUT")                                              \
    OFPACT_RAW(OFPAT11_OUTPUT, 0, 0, V11, V15, 16, false, STRUCT,           \
               "OFPAT_OUTPUT")                                              \
    OFPACT_RAW(OFPAT10_SET_VLAN_VID, 0, 1, V10, V10, 8, false, U16,         \
               "OFPAT_SET_VLAN_VID")                                        \
    OFPACT_RAW(OFPAT10_SET_VLAN_PCP, 0, 2, V10, V10, 8, false, U8,          \
               "OFPAT_SET_VLAN_PCP")                                        \
    OFPACT_RAW(OFPAT11_SET_VLAN_VID, 0, 1, V11, V15, 8, false, U16,         \
               "OFPAT_SET_VLAN_VID")                                        \
    OFPACT_RAW(OFPAT11_SET_VLAN_PCP, 0, 2, V11, V15, 8, false, U8,          \
               "OFPAT_SET_VLAN_PCP")                                        \
    OFPACT_RAW(OFPAT11_PUSH_VLAN, 0, 17, V11, V15, 8, false, U16,           \
               "OFPAT_PUSH_VLAN")                                           \
    OFPACT_RAW(OFPAT10_STRIP_VLAN, 0, 3, V10, V10, 8, false, VOID,          \
               "OFPAT_STRIP_VLAN")                                          \
    OFPACT_RAW(OFPAT11_POP_VLAN, 0, 18, V11, V15, 8, false, VOID,           \
               "OFPAT_POP_VLAN")                                            \
    OFPACT_RAW(OFPAT10_SET_DL_SRC, 0, 4, V10, V10, 16, false, STRUCT,       \
               "OFPAT_SET_DL_SRC")                                          \
    OFPACT_RAW(OFPAT11_SET_DL_SRC, 0, 3, V11, V15, 16, false, STRUCT,       \
               "OFPAT_SET_DL_SRC")                                          \
    OFPACT_RAW(OFPAT10_SET_DL_DST, 0, 5, V10, V10, 16, false, STRUCT,       \
               "OFPAT_SET_DL_DST")                                          \
    OFPACT_RAW(OFPAT11_SET_DL_DST, 0, 4, V11, V15, 16, false, STRUCT,       \
               "OFPAT_SET_DL_DST")                                          \
    OFPACT_RAW(OFPAT10_SET_NW_SRC, 0, 6, V10, V10, 8, false, U32,           \
               "OFPAT_SET_NW_SRC")                                          \
    OFPACT_RAW(OFPAT11_SET_NW_SRC, 0, 5, V11, V15, 8, false, U32,           \
               "OFPAT_SET_NW_SRC")                                          \
    OFPACT_RAW(OFPAT10_SET_NW_DST, 0, 7, V10, V10, 8, false, U32,           \
               "OFPAT_SET_NW_DST")                                          \
    OFPACT_RAW(OFPAT11_SET_NW_DST, 0, 6, V11, V15, 8, false, U32,           \
               "OFPAT_SET_NW_DST")                                          \
    OFPACT_RAW(OFPAT10_SET_NW_TOS, 0, 8, V10, V10, 8, false, U8,            \
               "OFPAT_SET_NW_TOS")                                          \
    OFPACT_RAW(OFPAT11_SET_NW_TOS, 0, 7, V11, V15, 8, false, U8,            \
               "OFPAT_SET_NW_TOS")                                          \
    OFPACT_RAW(OFPAT11_SET_NW_ECN, 0, 8, V11, V15, 8, false, U8,            \
               "OFPAT_SET_NW_ECN")                                          \
    OFPACT_RAW(OFPAT10_SET_TP_SRC, 0, 9, V10, V10, 8, false, U16,           \
               "OFPAT_SET_TP_SRC")                                          \
    OFPACT_RAW(OFPAT11_SET_TP_SRC, 0, 9, V11, V15, 8, false, U16,           \
               "OFPAT_SET_TP_SRC")                                          \
    OFPACT_RAW(OFPAT10_SET_TP_DST, 0, 10, V10, V10, 8, false, U16,          \
               "OFPAT_SET_TP_DST")                                          \
    OFPACT_RAW(OFPAT11_SET_TP_DST, 0, 10, V11, V15, 8, false, U16,          \
               "OFPAT_SET_TP_DST")                                          \
    OFPACT_RAW(OFPAT10_ENQUEUE, 0, 11, V10, V10, 16, false, STRUCT,         \
               "OFPAT_ENQUEUE")                                             \
    OFPACT_RAW(NXAST_SET_MPLS_LABEL, NX_VENDOR_ID, 30, V10, V10, 16, false, \
               U32, "NXAST_SET_MPLS_LABEL")                                 \
    OFPACT_RAW(OFPAT11_SET_MPLS_LABEL, 0, 13, V11, V15, 8, false, U32,      \
               "OFPAT_SET_MPLS_LABEL")                                      \
    OFPACT_RAW(NXAST_SET_MPLS_TC, NX_VENDOR_ID, 31, V10, V10, 16, false,    \
               U8, "NXAST_SET_MPLS_TC")                                     \
    OFPACT_RAW(OFPAT11_SET_MPLS_TC, 0, 14, V11, V15, 8, false, U8,          \
               "OFPAT_SET_MPLS_TC")                                         \
    OFPACT_RAW(NXAST_SET_MPLS_TTL, NX_VENDOR_ID, 25, V10, V10, 16, false,   \
               U8, "NXAST_SET_MPLS_TTL")                                    \
    OFPACT_RAW(OFPAT11_SET_MPLS_TTL, 0, 15, V11, V15, 8, false, U8,         \
               "OFPAT_SET_MPLS_TTL")                                        \
    OFPACT_RAW(NXAST_DEC_MPLS_TTL, NX_VENDOR_ID, 26, V10, V10, 16, false,   \
               VOID, "NXAST_DEC_MPLS_TTL")                                  \
    OFPACT_RAW(OFPAT11_DEC_MPLS_TTL, 0, 16, V11, V15, 8, false, VOID,       \
               "OFPAT_DEC_MPLS_TTL")                                        \
    OFPACT_RAW(NXAST_PUSH_MPLS, NX_VENDOR_ID, 23, V10, V10, 16, false, U16, \
               "NXAST_PUSH_MPLS")                                           \
    OFPACT_RAW(OFPAT11_PUSH_MPLS, 0, 19, V11, V15, 8, false, U16,           \
               "OFPAT_PUSH_MPLS")                                           \
    OFPACT_RAW(NXAST_POP_MPLS, NX_VENDOR_ID, 24, V10, V10, 16, false, U16,  \
               "NXAST_POP_MPLS")                                            \
    OFPACT_RAW(OFPAT11_POP_MPLS, 0, 20, V11, V15, 8, false, U16,            \
               "OFPAT_POP_MPLS")                                            \
    OFPACT_RAW(NXAST_SET_QUEUE, NX_VENDOR_ID, 4, V10, V10, 16, false, U32,  \
               "NXAST_SET_QUEUE")                                           \
    OFPACT_RAW(OFPAT11_SET_QUEUE, 0, 21, V11, V15, 8, false, U32,           \
               "OFPAT_SET_QUEUE")                                           \
    OFPACT_RAW(NXAST_GROUP, NX_VENDOR_ID, 40, V10, V10, 16, false, U32,     \
               "NXAST_GROUP")                                               \
    OFPACT_RAW(OFPAT11_GROUP, 0, 22, V11, V15, 8, false, U32,               \
               "OFPAT_GROUP")                                               \
    OFPACT_RAW(OFPAT11_SET_NW_TTL, 0, 23, V11, V15, 8, false, U8,           \
               "OFPAT_SET_NW_TTL")                                          \
    OFPACT_RAW(NXAST_DEC_TTL, NX_VENDOR_ID, 18, V10, V10, 16, false, VOID,  \
               "NXAST_DEC_TTL")                                             \
    OFPACT_RAW(OFPAT11_DEC_NW_TTL, 0, 24, V11, V15, 8, false, VOID,         \
               "OFPAT_DEC_NW_TTL")                                          \
    OFPACT_RAW(NXAST_DEC_TTL_CNT_IDS, NX_VENDOR_ID, 21, V10, V15, 16, true, \
               STRUCT, "NXAST_DEC_TTL_CNT_IDS")                             \
    OFPACT_RAW(OFPAT12_SET_FIELD, 0, 25, V12, V14, 8, true, STRUCT,         \
               "OFPAT_SET_FIELD")                                           \
    OFPACT_RAW(OFPAT15_SET_FIELD, 0, 25, V15, V15, 8, true, STRUCT,         \
               "OFPAT_SET_FIELD")                                           \
    OFPACT_RAW(NXAST_REG_LOAD, NX_VENDOR_ID, 7, V10, V14, 24, false,        \
               STRUCT, "NXAST_REG_LOAD")                                    \
    OFPACT_RAW(NXAST_REG_LOAD2, NX_VENDOR_ID, 33, V10, V14, 16, true,       \
               STRUCT, "NXAST_REG_LOAD2")                                   \
    OFPACT_RAW(OFPAT15_COPY_FIELD, 0, 28, V15, V15, 16, true, STRUCT,       \
               "OFPAT_COPY_FIELD")                                          \
    OFPACT_RAW(ONFACT_COPY_FIELD, ONF_VENDOR_ID, 3200, V13, V14, 24, true,  \
               STRUCT, "ONFACT_COPY_FIELD")                                 \
    OFPACT_RAW(NXAST_REG_MOVE, NX_VENDOR_ID, 6, V10, V14, 16, true,         \
               STRUCT, "NXAST_REG_MOVE")                                    \
    OFPACT_RAW(NXAST_RESUBMIT, NX_VENDOR_ID, 1, V10, V15, 16, false, U16,   \
               "NXAST_RESUBMIT")                                            \
    OFPACT_RAW(NXAST_RESUBMIT_TABLE, NX_VENDOR_ID, 14, V10, V15, 16, false, \
               STRUCT, "NXAST_RESUBMIT_TABLE")                              \
    OFPACT_RAW(NXAST_RESUBMIT_TABLE_CT, NX_VENDOR_ID, 44, V10, V15, 16,     \
               false, STRUCT, "NXAST_RESUBMIT_TABLE_CT")                    \
    OFPACT_RAW(NXAST_SET_TUNNEL, NX_VENDOR_ID, 2, V10, V15, 16, false, U32, \
               "NXAST_SET_TUNNEL")                                          \
    OFPACT_RAW(NXAST_SET_TUNNEL64, NX_VENDOR_ID, 9, V10, V15, 24, false,    \
               U64, "NXAST_SET_TUNNEL64")                                   \
    OFPACT_RAW(NXAST_POP_QUEUE, NX_VENDOR_ID, 5, V10, V15, 16, false, VOID, \
               "NXAST_POP_QUEUE")                                           \
    OFPACT_RAW(NXAST_NOTE, NX_VENDOR_ID, 8, V10, V15, 16, true, STRUCT,     \
               "NXAST_NOTE")                                                \
    OFPACT_RAW(NXAST_MULTIPATH, NX_VENDOR_ID, 10, V10, V15, 32, false,      \
               STRUCT, "NXAST_MULTIPATH")                                   \
    OFPACT_RAW(NXAST_BUNDLE, NX_VENDOR_ID, 12, V10, V15, 32, true, STRUCT,  \
               "NXAST_BUNDLE")                                              \
    OFPACT_RAW(NXAST_BUNDLE_LOAD, NX_VENDOR_ID, 13, V10, V15, 32, true,     \
               STRUCT, "NXAST_BUNDLE_LOAD")                                 \
    OFPACT_RAW(NXAST_OUTPUT_REG, NX_VENDOR_ID, 15, V10, V15, 24, false,     \
               STRUCT, "NXAST_OUTPUT_REG")                                  \
    OFPACT_RAW(NXAST_OUTPUT_REG2, NX_VENDOR_ID, 32, V10, V15, 24, true,     \
               STRUCT, "NXAST_OUTPUT_REG2")                                 \
    OFPACT_RAW(NXAST_LEARN, NX_VENDOR_ID, 16, V10, V15, 32, true, STRUCT,   \
               "NXAST_LEARN")                                               \
    OFPACT_RAW(NXAST_LEARN2, NX_VENDOR_ID, 45, V10, V15, 40, true, STRUCT,  \
               "NXAST_LEARN2")                                              \
    OFPACT_RAW(NXAST_EXIT, NX_VENDOR_ID, 17, V10, V15, 16, false, VOID,     \
               "NXAST_EXIT")                                                \
    OFPACT_RAW(NXAST_FIN_TIMEOUT, NX_VENDOR_ID, 19, V10, V15, 16, false,    \
               STRUCT, "NXAST_FIN_TIMEOUT")                                 \
    OFPACT_RAW(NXAST_CONTROLLER, NX_VENDOR_ID, 20, V10, V15, 16, false,     \
               STRUCT, "NXAST_CONTROLLER")                                  \
    OFPACT_RAW(NXAST_CONTROLLER2, NX_VENDOR_ID, 37, V10, V15, 16, true,     \
               STRUCT, "NXAST_CONTROLLER2")                                 \
    OFPACT_RAW(NXAST_WRITE_METADATA, NX_VENDOR_ID, 22, V10, V15, 32, false, \
               STRUCT, "NXAST_WRITE_METADATA")                              \
    OFPACT_RAW(NXAST_STACK_PUSH, NX_VENDOR_ID, 27, V10, V15, 24, true,      \
               STRUCT, "NXAST_STACK_PUSH")                                  \
    OFPACT_RAW(NXAST_STACK_POP, NX_VENDOR_ID, 28, V10, V15, 24, true,       \
               STRUCT, "NXAST_STACK_POP")                                   \
    OFPACT_RAW(NXAST_SAMPLE, NX_VENDOR_ID, 29, V10, V15, 24, false, STRUCT, \
               "NXAST_SAMPLE")                                              \
    OFPACT_RAW(NXAST_SAMPLE2, NX_VENDOR_ID, 38, V10, V15, 32, false,        \
               STRUCT, "NXAST_SAMPLE2")                                     \
    OFPACT_RAW(NXAST_SAMPLE3, NX_VENDOR_ID, 41, V10, V15, 32, false,        \
               STRUCT, "NXAST_SAMPLE3")                                     \
    OFPACT_RAW(NXAST_CONJUNCTION, NX_VENDOR_ID, 34, V10, V15, 16, false,    \
               STRUCT, "NXAST_CONJUNCTION")                                 \
    OFPACT_RAW(NXAST_CT, NX_VENDOR_ID, 35, V10, V15, 24, true, STRUCT,      \
               "NXAST_CT")                                                  \
    OFPACT_RAW(NXAST_NAT, NX_VENDOR_ID, 36, V10, V15, 16, true, STRUCT,     \
               "NXAST_NAT")                                                 \
    OFPACT_RAW(NXAST_OUTPUT_TRUNC, NX_VENDOR_ID, 39, V10, V15, 16, false,   \
               STRUCT, "NXAST_OUTPUT_TRUNC")                                \
    OFPACT_RAW(NXAST_CLONE, NX_VENDOR_ID, 42, V10, V15, 16, true, STRUCT,   \
               "NXAST_CLONE")                                               \
    OFPACT_RAW(NXAST_CT_CLEAR, NX_VENDOR_ID, 43, V10, V15, 16, false, VOID, \
               "NXAST_CT_CLEAR")                                            \
    OFPACT_RAW(NXAST_ENCAP, NX_VENDOR_ID, 46, V13, V15, 16, true, STRUCT,   \
               "NXAST_ENCAP")                                               \
    OFPACT_RAW(NXAST_DECAP, NX_VENDOR_ID, 47, V13, V15, 16, false, STRUCT,  \
               "NXAST_DECAP")                                               \
    OFPACT_RAW(NXAST_DEC_NSH_TTL, NX_VENDOR_ID, 48, V13, V15, 16, false,    \
               VOID, "NXAST_DEC_NSH_TTL")                                   \
    OFPACT_RAW(NXAST_CHECK_PKT_LARGER, NX_VENDOR_ID, 49, V10, V15, 24,      \
               false, STRUCT, "NXAST_CHECK_PKT_LARGER")                     \
    OFPACT_RAW(NXAST_DELETE_FIELD, NX_VENDOR_ID, 50, V10, V15, 24, true,    \
               STRUCT, "NXAST_DELETE_FIELD")                                \
    OFPACT_RAW(OFPAT15_METER, 0, 29, V15, V15, 8, false, U32,               \
               "OFPAT_METER")                                               \
    OFPACT_RAW(NXAST_DEBUG_RECIRC, NX_VENDOR_ID, 0xffff, V10, V15, 16,      \
               false, VOID, "NXAST_DEBUG_RECIRC")                           \
    OFPACT_RAW(NXAST_DEBUG_SLOW, NX_VENDOR_ID, 0xfffe, V10, V15, 16, false, \
               U32, "NXAST_DEBUG_SLOW")

/* The raw encodings.  Stored in 'struct ofpact''s 'raw'. */
enum ofpact_raw {
#define OFPACT_RAW(ENUM, VENDOR, TYPE, MINV, MAXV, LEN, VAR, ARG, NAME) \
    OFPACT_RAW_##ENUM,
    OFPACT_RAWS
#undef OFPACT_RAW
    N_OFPACT_RAWS
};
_Static_assert(N_OFPACT_RAWS < OFPACT_RAW_NONE, "too many raw actions");

/* Properties of a raw encoding. */
struct ofpact_raw_info {
    enum ofpact_raw raw;
    uint32_t vendor;
    uint16_t type;
    uint8_t min_version, max_version;
    uint16_t len;
    bool variable;
    enum ofpact_raw_arg arg;
    const char *name;
};
const struct ofpact_raw_info *ofpact_raw_get_info(enum ofpact_raw);

/* Decoding context. */
struct ofpact_decode_ctx {
    enum ofp_version version;
    struct ofpbuf *out;         /* Decoded ofpacts are appended here. */
    int depth;                  /* Nesting depth of this action list. */
};

/* Decodes 'len' bytes of actions at 'p' (nested in clone, ct...) and
 * appends them to 'ctx->out', one level deeper. */
enum ofperr ofpact_decode_nested(const void *p, size_t len,
                                 const struct ofpact_decode_ctx *ctx);
/* Encodes nested actions for 'version' (no instruction wrapping). */
void ofpact_encode_nested(const struct ofpact *, size_t len,
                          enum ofp_version, struct ofpbuf *out);

/* Encoding helpers. */
/* Appends the header of raw action 'raw' for 'version' with the simple
 * argument 'arg' (if any) and returns a pointer to its start.  For
 * variable-length raws, the fixed part is appended zeroed and the caller
 * appends the rest and then calls ofpact_raw_finish(). */
void *ofpact_raw_put(struct ofpbuf *out, enum ofp_version,
                     enum ofpact_raw raw, uint64_t arg);
/* Pads the variable-length action that starts at offset 'start_ofs' of
 * 'out' to a multiple of 8 and sets its length field. */
void ofpact_raw_finish(struct ofpbuf *out, size_t start_ofs);
/* Appends an OpenFlow 1.2+ set-field of 'field' to 'value' (its width in
 * network order: a uint64 is truncated to the field's bytes). */
void ofpact_put_set_field_action(struct ofpbuf *out, enum ofp_version,
                                 enum mf_field_id, uint64_t value);
/* Appends NXAST_REG_LOAD of 'value' into 'dst'. */
void ofpact_put_reg_load_action(struct ofpbuf *out,
                                const struct mf_subfield *dst,
                                uint64_t value);

/* Wire helpers shared by the families: big-endian reads and writes at any
 * alignment. */
static inline uint16_t
ofpact_rd16(const void *p_)
{
    const uint8_t *p = p_;
    return (p[0] << 8) | p[1];
}

static inline uint32_t
ofpact_rd32(const void *p_)
{
    const uint8_t *p = p_;
    return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16)
           | ((uint32_t) p[2] << 8) | p[3];
}

static inline uint64_t
ofpact_rd64(const void *p_)
{
    const uint8_t *p = p_;
    return ((uint64_t) ofpact_rd32(p) << 32) | ofpact_rd32(p + 4);
}

static inline void
ofpact_wr16(void *p_, uint16_t x)
{
    uint8_t *p = p_;
    p[0] = x >> 8;
    p[1] = x;
}

static inline void
ofpact_wr32(void *p_, uint32_t x)
{
    uint8_t *p = p_;
    p[0] = x >> 24;
    p[1] = x >> 16;
    p[2] = x >> 8;
    p[3] = x;
}

static inline void
ofpact_wr64(void *p_, uint64_t x)
{
    uint8_t *p = p_;
    ofpact_wr32(p, x >> 32);
    ofpact_wr32(p + 4, x);
}

/* The encoding of a subfield's offset and width in one be16
 * ((ofs << 6) | (n_bits - 1)). */
static inline uint16_t
ofpact_ofs_nbits(unsigned int ofs, unsigned int n_bits)
{
    return (ofs << 6) | (n_bits - 1);
}
/* Looks up a 32-bit NXM 'header' (0: none) and splits 'ofs_nbits' into
 * 'sf'; 'sf->field' is NULL if the header is unknown. */
void ofpact_decode_subfield(uint32_t header, uint16_t ofs_nbits,
                            struct mf_subfield *sf);
/* Reads an NXM/OXM header (4 bytes, or 8 for the experimenter class) at
 * '*p', advancing '*p' and decreasing '*left'.  Returns 0, OFPBAC_BAD_LEN
 * if truncated, or OFPBMC_BAD_FIELD if unknown ('*field' NULL). */
enum ofperr ofpact_pull_header(const uint8_t **p, size_t *left,
                               const struct mf_field **field, bool *masked);
/* Checks a subfield read (src) or written (dst) by an action: its field
 * is known (else OFPBAC_BAD_SET_TYPE), the bits are in range (else
 * OFPBAC_BAD_SET_LEN), the match, if nonnull, satisfies its
 * prerequisites (else OFPBAC_MATCH_INCONSISTENT) and, for dst, the field
 * is writable (else OFPBAC_BAD_SET_ARGUMENT). */
enum ofperr ofpact_check_src(const struct mf_subfield *,
                             const struct match *);
enum ofperr ofpact_check_dst(const struct mf_subfield *,
                             const struct match *);
/* Appends the NXM (or, for fields without one, OXM) header of 'field'. */
void ofpact_put_field_header(struct ofpbuf *b, const struct mf_field *,
                             enum ofp_version);
/* The 32-bit NXM header of 'field' usable in reg_load/reg_move/
 * output_reg/learn..., or 0 if it has none (only an experimenter OXM). */
uint32_t ofpact_nxm_header32(const struct mf_field *);
/* True if 'len' bytes at 'p' are all zero. */
bool ofpact_is_all_zeros(const void *p, size_t len);

/* Parsing helpers. */
/* Splits '*stringp' at the next top-level ',' (respecting parentheses)
 * into a key and optional value ("key:value", "key=value",
 * "key(value)").  Returns false at the end of the string. */
bool ofpact_parse_key_value(char **stringp, char **keyp, char **valuep);
/* Parses an integer into '*value' of 'n_bits' bits; returns NULL or a
 * malloc'd message naming 'name'. */
char *ofpact_str_to_u8(const char *str, const char *name, uint8_t *value)
    SVS_WARN_UNUSED_RESULT;
char *ofpact_str_to_u16(const char *str, const char *name, uint16_t *value)
    SVS_WARN_UNUSED_RESULT;
char *ofpact_str_to_u32(const char *str, uint32_t *value)
    SVS_WARN_UNUSED_RESULT;
char *ofpact_str_to_u64(const char *str, uint64_t *value)
    SVS_WARN_UNUSED_RESULT;
char *ofpact_str_to_be64(const char *str, be64 *value)
    SVS_WARN_UNUSED_RESULT;
/* Parses hex bytes ("01.02.03" or "010203") into 'b'; 'what' names the
 * argument in the error message.  ofpact_format_hex_bytes() prints them
 * as "01.02.03". */
char *ofpact_parse_hex_bytes(const char *s, struct ofpbuf *b,
                             const char *what) SVS_WARN_UNUSED_RESULT;
void ofpact_format_hex_bytes(const uint8_t *data, size_t len, struct ds *);
/* Parses nested actions (for clone, ct exec, write_actions). */
char *ofpact_parse_nested(char *s, const struct ofpact_parse_params *,
                          enum ofpact_type outer) SVS_WARN_UNUSED_RESULT;
/* The OFPACT_P_* protocols that can express a match on / set of 'mf'. */
uint32_t ofpact_field_protocols(const struct mf_field *);

/* Check helpers. */
/* The result of an action that needs a match the flow does not
 * guarantee: OpenFlow 1.0 tolerates it, later versions do not.  Narrows
 * '*usable_protocols' and returns 0, or returns
 * OFPBAC_MATCH_INCONSISTENT if nothing is left. */
enum ofperr ofpact_inconsistent_match(uint32_t *usable_protocols);
enum ofperr ofpact_check_output_port(ofp_port_t port, ofp_port_t max_ports);

/* Per-type functions (see the top of this file). */
#define OFPACT(ENUM, STRUCT, MEMBER, NAME)                              \
    void ofpact_encode_##ENUM(const struct STRUCT *, enum ofp_version,  \
                              struct ofpbuf *out);                      \
    char *ofpact_parse_##ENUM(char *arg,                                \
                              const struct ofpact_parse_params *)      \
        SVS_WARN_UNUSED_RESULT;                                         \
    void ofpact_format_##ENUM(const struct STRUCT *, struct ds *);      \
    enum ofperr ofpact_check_##ENUM(struct STRUCT *,                    \
                                    struct ofpact_check_params *);
OFPACTS
#undef OFPACT

/* Per-raw decoders.  'a' points to the whole wire action of 'len' bytes
 * (length already validated against the raw's table entry); 'arg' is the
 * argument of simple raws (0 otherwise). */
#define OFPACT_RAW(ENUM, VENDOR, TYPE, MINV, MAXV, LEN, VAR, ARG, NAME) \
    enum ofperr ofpact_decode_##ENUM(const void *a, size_t len,         \
                                     uint64_t arg,                      \
                                     const struct ofpact_decode_ctx *);
OFPACT_RAWS
#undef OFPACT_RAW

/* Extra keywords parsed into an existing type. */
char *ofpact_parse_mod_vlan_vid(char *arg,
                                const struct ofpact_parse_params *)
    SVS_WARN_UNUSED_RESULT;
char *ofpact_parse_mod_vlan_pcp(char *arg,
                                const struct ofpact_parse_params *)
    SVS_WARN_UNUSED_RESULT;
char *ofpact_parse_pop_vlan(char *arg, const struct ofpact_parse_params *)
    SVS_WARN_UNUSED_RESULT;
char *ofpact_parse_load(char *arg, const struct ofpact_parse_params *)
    SVS_WARN_UNUSED_RESULT;
char *ofpact_parse_set_tunnel64(char *arg,
                                const struct ofpact_parse_params *)
    SVS_WARN_UNUSED_RESULT;
char *ofpact_parse_bundle_load(char *arg,
                               const struct ofpact_parse_params *)
    SVS_WARN_UNUSED_RESULT;
char *ofpact_parse_drop(char *arg, const struct ofpact_parse_params *)
    SVS_WARN_UNUSED_RESULT;

/* Verifies nested actions inside 'outer' (OFPACT_CT, OFPACT_CLONE,
 * OFPACT_WRITE_ACTIONS) or at top level ('outer' == N_OFPACTS). */
enum ofperr ofpacts_verify_nested(const struct ofpact *, size_t len,
                                  enum ofpact_type outer, char **errorp);

#endif /* ofp-actions-private.h */
