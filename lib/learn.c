/* learn.c: the learn action (see learn.h) and its NXAST_LEARN /
 * NXAST_LEARN2 encodings. */

#include <config.h>
#include "learn.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "bitwise.h"
#include "dynamic-string.h"
#include "flow.h"
#include "match.h"
#include "meta-flow.h"
#include "nx-match.h"
#include "ofp-actions-private.h"
#include "openflow.h"

/* Wire encoding.
 *
 * After the fixed part come the specs, each a 16-bit header (source type,
 * destination type, number of bits), then the source (a field header and
 * a 16-bit offset, or an immediate value in 16-bit units), then the
 * destination (a field header and a 16-bit offset, except for output),
 * until a zero header or the end of the action. */

static enum ofperr
decode_learn_specs(const uint8_t *p, size_t left, size_t start,
                   struct ofpbuf *out)
{
    while (left >= 2) {
        uint16_t header = ofpact_rd16(p);
        struct ofpact_learn_spec spec;
        struct ofpact_learn *learn;
        enum ofperr error;

        if (!header) {
            break;
        }
        p += 2;
        left -= 2;

        memset(&spec, 0, sizeof spec);
        spec.src_type = header & NX_LEARN_SRC_MASK;
        spec.dst_type = header & NX_LEARN_DST_MASK;
        unsigned int n_bits = header & NX_LEARN_N_BITS_MASK;

        if (!(spec.dst_type == NX_LEARN_DST_MATCH
              || spec.dst_type == NX_LEARN_DST_LOAD
              || (spec.dst_type == NX_LEARN_DST_OUTPUT
                  && spec.src_type == NX_LEARN_SRC_FIELD))) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        if (!n_bits) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
        spec.n_bits = n_bits;

        if (spec.src_type == NX_LEARN_SRC_FIELD) {
            error = ofpact_pull_header(&p, &left, &spec.src.field, NULL);
            if (error) {
                return error == OFPERR_OFPBAC_BAD_LEN
                       ? OFPERR_OFPBAC_BAD_LEN : error;
            }
            if (left < 2) {
                return OFPERR_OFPBAC_BAD_LEN;
            }
            spec.src.ofs = ofpact_rd16(p);
            spec.src.n_bits = n_bits;
            p += 2;
            left -= 2;
        } else {
            size_t n_bytes = 2 * DIV_ROUND_UP(n_bits, 16);
            if (left < n_bytes) {
                return OFPERR_OFPBAC_BAD_LEN;
            }
            bitwise_copy(p, n_bytes, 0, &spec.src_imm, sizeof spec.src_imm,
                         0, n_bits);
            p += n_bytes;
            left -= n_bytes;
        }

        if (spec.dst_type == NX_LEARN_DST_MATCH
            || spec.dst_type == NX_LEARN_DST_LOAD) {
            error = ofpact_pull_header(&p, &left, &spec.dst.field, NULL);
            if (error) {
                return error;
            }
            if (left < 2) {
                return OFPERR_OFPBAC_BAD_LEN;
            }
            spec.dst.ofs = ofpact_rd16(p);
            spec.dst.n_bits = n_bits;
            p += 2;
            left -= 2;
        }

        ofpbuf_put(out, &spec, sizeof spec);
        learn = ofpbuf_at_assert(out, start, sizeof *learn);
        learn->n_specs++;
    }
    if (!ofpact_is_all_zeros(p, left)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return 0;
}

enum ofperr
ofpact_decode_NXAST_LEARN(const void *a, size_t len, uint64_t arg SVS_UNUSED,
                          const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    size_t start = ctx->out->size;
    struct ofpact_learn *learn = ofpact_put_LEARN(ctx->out);
    enum ofperr error;

    if (p[27]) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    learn->ofpact.raw = OFPACT_RAW_NXAST_LEARN;
    learn->idle_timeout = ofpact_rd16(p + 10);
    learn->hard_timeout = ofpact_rd16(p + 12);
    learn->priority = ofpact_rd16(p + 14);
    learn->cookie = htonll(ofpact_rd64(p + 16));
    learn->flags = ofpact_rd16(p + 24);
    learn->table_id = p[26];
    learn->fin_idle_timeout = ofpact_rd16(p + 28);
    learn->fin_hard_timeout = ofpact_rd16(p + 30);
    if (learn->flags & ~(NX_LEARN_F_SEND_FLOW_REM
                         | NX_LEARN_F_DELETE_LEARNED)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (learn->table_id == 0xff) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    error = decode_learn_specs(p + 32, len - 32, start, ctx->out);
    if (error) {
        return error;
    }
    learn = ofpbuf_at_assert(ctx->out, start, sizeof *learn);
    ofpact_finish_LEARN(ctx->out, &learn);
    return learn_check(learn, NULL);
}

enum ofperr
ofpact_decode_NXAST_LEARN2(const void *a, size_t len,
                           uint64_t arg SVS_UNUSED,
                           const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    size_t start = ctx->out->size;
    struct ofpact_learn *learn = ofpact_put_LEARN(ctx->out);
    const uint8_t *q = p + 40;
    size_t left = len - 40;
    enum ofperr error;

    if (p[27] || !ofpact_is_all_zeros(p + 38, 2)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    learn->ofpact.raw = OFPACT_RAW_NXAST_LEARN2;
    learn->idle_timeout = ofpact_rd16(p + 10);
    learn->hard_timeout = ofpact_rd16(p + 12);
    learn->priority = ofpact_rd16(p + 14);
    learn->cookie = htonll(ofpact_rd64(p + 16));
    learn->flags = ofpact_rd16(p + 24);
    learn->table_id = p[26];
    learn->fin_idle_timeout = ofpact_rd16(p + 28);
    learn->fin_hard_timeout = ofpact_rd16(p + 30);
    learn->limit = ofpact_rd32(p + 32);
    learn->result_dst_ofs = ofpact_rd16(p + 36);
    if (learn->flags & ~(NX_LEARN_F_SEND_FLOW_REM | NX_LEARN_F_DELETE_LEARNED
                         | NX_LEARN_F_WRITE_RESULT)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (learn->table_id == 0xff) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (learn->flags & NX_LEARN_F_WRITE_RESULT) {
        error = ofpact_pull_header(&q, &left, &learn->result_dst.field,
                                   NULL);
        if (error) {
            return error;
        }
        learn->result_dst.ofs = learn->result_dst_ofs;
        learn->result_dst.n_bits = 1;
    } else if (learn->result_dst_ofs) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    error = decode_learn_specs(q, left, start, ctx->out);
    if (error) {
        return error;
    }
    learn = ofpbuf_at_assert(ctx->out, start, sizeof *learn);
    ofpact_finish_LEARN(ctx->out, &learn);
    return learn_check(learn, NULL);
}

static void
put_u16(struct ofpbuf *out, uint16_t x)
{
    uint8_t v[2];
    ofpact_wr16(v, x);
    ofpbuf_put(out, v, 2);
}

void
ofpact_encode_LEARN(const struct ofpact_learn *learn,
                    enum ofp_version version, struct ofpbuf *out)
{
    size_t start = out->size;
    const struct ofpact_learn_spec *spec;
    bool v2 = (learn->ofpact.raw == OFPACT_RAW_NXAST_LEARN2 || learn->limit
               || (learn->flags & NX_LEARN_F_WRITE_RESULT));
    uint8_t *p = ofpact_raw_put(out, version, v2 ? OFPACT_RAW_NXAST_LEARN2
                                : OFPACT_RAW_NXAST_LEARN, 0);

    ofpact_wr16(p + 10, learn->idle_timeout);
    ofpact_wr16(p + 12, learn->hard_timeout);
    ofpact_wr16(p + 14, learn->priority);
    ofpact_wr64(p + 16, ntohll(learn->cookie));
    ofpact_wr16(p + 24, learn->flags);
    p[26] = learn->table_id;
    ofpact_wr16(p + 28, learn->fin_idle_timeout);
    ofpact_wr16(p + 30, learn->fin_hard_timeout);
    if (v2) {
        ofpact_wr32(p + 32, learn->limit);
        if (learn->flags & NX_LEARN_F_WRITE_RESULT) {
            ofpact_wr16(p + 36, learn->result_dst.ofs);
            nx_put_header(out, learn->result_dst.field, OFP10_VERSION,
                          false);
        }
    }

    LEARN_SPEC_FOR_EACH (spec, learn) {
        put_u16(out, spec->n_bits | spec->src_type | spec->dst_type);
        if (spec->src_type == NX_LEARN_SRC_FIELD) {
            nx_put_header(out, spec->src.field, OFP10_VERSION, false);
            put_u16(out, spec->src.ofs);
        } else {
            size_t n_bytes = 2 * DIV_ROUND_UP(spec->n_bits, 16);
            ofpbuf_put(out, &spec->src_imm.u8[sizeof spec->src_imm
                                               - n_bytes], n_bytes);
        }
        if (spec->dst_type == NX_LEARN_DST_MATCH
            || spec->dst_type == NX_LEARN_DST_LOAD) {
            nx_put_header(out, spec->dst.field, OFP10_VERSION, false);
            put_u16(out, spec->dst.ofs);
        }
    }
    ofpact_raw_finish(out, start);
}

char *
ofpact_parse_LEARN(char *arg, const struct ofpact_parse_params *pp)
{
    return learn_parse(arg, pp->ofpacts);
}

void
ofpact_format_LEARN(const struct ofpact_learn *learn, struct ds *s)
{
    learn_format(learn, s);
}

enum ofperr
ofpact_check_LEARN(struct ofpact_learn *learn, struct ofpact_check_params *cp)
{
    return learn_check(learn, cp->match);
}

/* Text. */

/* Appends 'x' as hex without leading zeros ("0" for zero). */
static void
format_imm(const union mf_subvalue *x, struct ds *s)
{
    bool printed = false;

    for (size_t i = 0; i < sizeof x->u8; i++) {
        if (x->u8[i] || printed) {
            ds_put_format(s, printed ? "%02x" : "0x%x", x->u8[i]);
            printed = true;
        }
    }
    if (!printed) {
        ds_put_char(s, '0');
    }
}

/* Writes the low 'dst->n_bits' of 'value' into 'dst' of 'match', making
 * those bits exact. */
static void
write_subfield_to_match(const struct mf_subfield *dst,
                        const union mf_subvalue *value, struct match *match)
{
    mf_write_subfield(dst, value, match);
}

static char *
learn_parse_spec(const char *orig, char *name, char *value,
                 struct ofpact_learn_spec *spec, struct match *match)
{
    struct mf_subfield dst;
    char *error = mf_parse_subfield(&dst, name);

    if (!error) {
        if (!ofpact_nxm_header32(dst.field)) {
            return xasprintf("%s: experimenter OXM field '%s' not "
                             "supported", orig, name);
        }
        spec->dst = dst;
        spec->n_bits = dst.n_bits;
        spec->dst_type = NX_LEARN_DST_MATCH;

        if (value[0]) {
            struct mf_subfield src;
            char *src_error = mf_parse_subfield(&src, value);

            if (src_error) {
                union mf_subvalue imm;
                char *imm_error = NULL;

                memset(&imm, 0, sizeof imm);
                if (dst.ofs == 0 && dst.n_bits == dst.field->n_bits) {
                    union mf_value v;
                    imm_error = mf_parse_value(dst.field, value, &v);
                    if (!imm_error) {
                        mf_value_to_subvalue(dst.field, &v, &imm);
                    }
                } else {
                    imm_error = mf_parse_subvalue(value, &imm);
                    if (!imm_error
                        && mf_subvalue_width(&imm) > (int) dst.n_bits) {
                        imm_error = xasprintf("%s: value %s does not fit "
                                              "into %u bits", orig, value,
                                              dst.n_bits);
                    }
                }
                if (imm_error) {
                    char *err = xasprintf("%s: %s value %s cannot be parsed "
                                          "as a subfield (%s) or an "
                                          "immediate value (%s)", orig, name,
                                          value, src_error, imm_error);
                    free(src_error);
                    free(imm_error);
                    return err;
                }
                free(src_error);
                spec->src_type = NX_LEARN_SRC_IMMEDIATE;
                spec->src_imm = imm;
                write_subfield_to_match(&dst, &imm, match);
                return NULL;
            }
            spec->src = src;
            if (spec->src.n_bits != spec->dst.n_bits) {
                return xasprintf("%s: bit widths of %s (%u) and %s (%u) "
                                 "differ", orig, name, spec->dst.n_bits,
                                 value, spec->src.n_bits);
            }
        } else {
            spec->src = spec->dst;
        }
        spec->src_type = NX_LEARN_SRC_FIELD;
    } else if (!strcmp(name, "load")) {
        char *arrow = strstr(value, "->");
        union mf_subvalue imm;

        free(error);
        if (arrow == value) {
            return xasprintf("%s: missing source before `->' in `%s'", name,
                             value);
        }
        if (!arrow) {
            return xasprintf("%s: missing `->' in `%s'", name, value);
        }
        *arrow = '\0';
        if (value[0] >= '0' && value[0] <= '9') {
            error = mf_parse_subvalue(value, &imm);
            if (error) {
                return error;
            }
            error = mf_parse_subfield(&spec->dst, arrow + 2);
            if (error) {
                return error;
            }
            if (!ofpact_nxm_header32(spec->dst.field)) {
                return xasprintf("%s: experimenter OXM field '%s' not "
                                 "supported", name, arrow + 2);
            }
            spec->n_bits = spec->dst.n_bits;
            spec->src_type = NX_LEARN_SRC_IMMEDIATE;
            spec->dst_type = NX_LEARN_DST_LOAD;
            /* Keep only the destination's width. */
            union mf_subvalue v;
            memset(&v, 0, sizeof v);
            bitwise_copy(&imm, sizeof imm, 0, &v, sizeof v, 0,
                         spec->n_bits);
            spec->src_imm = v;
        } else {
            const char *s = value;
            error = mf_parse_subfield__(&spec->src, &s);
            if (error) {
                return error;
            }
            if (*s) {
                return xasprintf("%s: garbage before `->' in `%s'", name,
                                 value);
            }
            error = mf_parse_subfield(&spec->dst, arrow + 2);
            if (error) {
                return error;
            }
            if (spec->src.n_bits != spec->dst.n_bits) {
                return xasprintf("%s->%s: source field is %u bits wide but "
                                 "destination is %u bits wide", value,
                                 arrow + 2, spec->src.n_bits,
                                 spec->dst.n_bits);
            }
            spec->n_bits = spec->src.n_bits;
            spec->src_type = NX_LEARN_SRC_FIELD;
            spec->dst_type = NX_LEARN_DST_LOAD;
        }
    } else if (!strcmp(name, "output")) {
        free(error);
        error = mf_parse_subfield(&spec->src, value);
        if (error) {
            return error;
        }
        spec->n_bits = spec->src.n_bits;
        spec->src_type = NX_LEARN_SRC_FIELD;
        spec->dst_type = NX_LEARN_DST_OUTPUT;
    } else {
        free(error);
        return xasprintf("%s: unknown keyword %s", orig, name);
    }
    return NULL;
}

char *
learn_parse(char *arg, struct ofpbuf *ofpacts)
{
    char *orig = xstrdup(arg);
    size_t start = ofpacts->size;
    struct ofpact_learn *learn = ofpact_put_LEARN(ofpacts);
    struct match match;
    char *name, *value;
    char *error = NULL;

    learn->idle_timeout = OFP_FLOW_PERMANENT;
    learn->hard_timeout = OFP_FLOW_PERMANENT;
    learn->priority = OFP_DEFAULT_PRIORITY;
    learn->table_id = 1;
    match_init_catchall(&match);

    while (!error && ofpact_parse_key_value(&arg, &name, &value)) {
        learn = ofpbuf_at_assert(ofpacts, start, sizeof *learn);
        if (!strcmp(name, "table")) {
            error = ofpact_str_to_u8(value, "table", &learn->table_id);
            if (error) {
                free(error);
                error = xasprintf("unknown table \"%s\"", value);
            } else if (learn->table_id == 255) {
                error = xasprintf("%s: table id 255 not valid for `learn' "
                                  "action", orig);
            }
        } else if (!strcmp(name, "priority")) {
            error = ofpact_str_to_u16(value, "priority", &learn->priority);
        } else if (!strcmp(name, "idle_timeout")) {
            error = ofpact_str_to_u16(value, "idle_timeout",
                                      &learn->idle_timeout);
        } else if (!strcmp(name, "hard_timeout")) {
            error = ofpact_str_to_u16(value, "hard_timeout",
                                      &learn->hard_timeout);
        } else if (!strcmp(name, "fin_idle_timeout")) {
            error = ofpact_str_to_u16(value, "fin_idle_timeout",
                                      &learn->fin_idle_timeout);
        } else if (!strcmp(name, "fin_hard_timeout")) {
            error = ofpact_str_to_u16(value, "fin_hard_timeout",
                                      &learn->fin_hard_timeout);
        } else if (!strcmp(name, "cookie")) {
            error = ofpact_str_to_be64(value, &learn->cookie);
        } else if (!strcmp(name, "send_flow_rem")) {
            learn->flags |= NX_LEARN_F_SEND_FLOW_REM;
        } else if (!strcmp(name, "delete_learned")) {
            learn->flags |= NX_LEARN_F_DELETE_LEARNED;
        } else if (!strcmp(name, "limit")) {
            error = ofpact_str_to_u32(value, &learn->limit);
        } else if (!strcmp(name, "result_dst")) {
            struct mf_subfield sf;

            learn->flags |= NX_LEARN_F_WRITE_RESULT;
            error = mf_parse_subfield(&sf, value);
            if (!error) {
                learn = ofpbuf_at_assert(ofpacts, start, sizeof *learn);
                learn->result_dst = sf;
                if (!sf.field->writable) {
                    error = xasprintf("%s is read-only", value);
                } else if (sf.n_bits != 1) {
                    error = xstrdup("result_dst in 'learn' action must be a "
                                    "single bit");
                }
            }
        } else {
            struct ofpact_learn_spec spec;

            memset(&spec, 0, sizeof spec);
            error = learn_parse_spec(orig, name, value, &spec, &match);
            if (!error) {
                ofpbuf_put(ofpacts, &spec, sizeof spec);
                learn = ofpbuf_at_assert(ofpacts, start, sizeof *learn);
                learn->n_specs++;
            }
        }
    }
    free(orig);
    if (error) {
        return error;
    }
    learn = ofpbuf_at_assert(ofpacts, start, sizeof *learn);
    ofpact_finish_LEARN(ofpacts, &learn);
    return NULL;
}

void
learn_format(const struct ofpact_learn *learn, struct ds *s)
{
    const struct ofpact_learn_spec *spec;

    ds_put_format(s, "learn(table=%u", learn->table_id);
    if (learn->idle_timeout != OFP_FLOW_PERMANENT) {
        ds_put_format(s, ",idle_timeout=%u", learn->idle_timeout);
    }
    if (learn->hard_timeout != OFP_FLOW_PERMANENT) {
        ds_put_format(s, ",hard_timeout=%u", learn->hard_timeout);
    }
    if (learn->fin_idle_timeout) {
        ds_put_format(s, ",fin_idle_timeout=%u", learn->fin_idle_timeout);
    }
    if (learn->fin_hard_timeout) {
        ds_put_format(s, ",fin_hard_timeout=%u", learn->fin_hard_timeout);
    }
    if (learn->priority != OFP_DEFAULT_PRIORITY) {
        ds_put_format(s, ",priority=%u", learn->priority);
    }
    if (learn->flags & NX_LEARN_F_SEND_FLOW_REM) {
        ds_put_cstr(s, ",send_flow_rem");
    }
    if (learn->flags & NX_LEARN_F_DELETE_LEARNED) {
        ds_put_cstr(s, ",delete_learned");
    }
    if (learn->cookie) {
        ds_put_format(s, ",cookie=%#"PRIx64, ntohll(learn->cookie));
    }
    if (learn->limit) {
        ds_put_format(s, ",limit=%u", learn->limit);
    }
    if (learn->flags & NX_LEARN_F_WRITE_RESULT) {
        ds_put_cstr(s, ",result_dst=");
        mf_format_subfield(&learn->result_dst, s);
    }

    LEARN_SPEC_FOR_EACH (spec, learn) {
        ds_put_char(s, ',');
        switch (spec->src_type | spec->dst_type) {
        case NX_LEARN_SRC_IMMEDIATE | NX_LEARN_DST_MATCH:
            if (spec->dst.ofs == 0
                && spec->dst.n_bits == spec->dst.field->n_bits) {
                union mf_value value;
                mf_subvalue_to_value(spec->dst.field, &spec->src_imm,
                                     &value);
                ds_put_format(s, "%s=", spec->dst.field->name);
                mf_format(spec->dst.field, &value, NULL, s);
            } else {
                mf_format_subfield(&spec->dst, s);
                ds_put_char(s, '=');
                format_imm(&spec->src_imm, s);
            }
            break;

        case NX_LEARN_SRC_FIELD | NX_LEARN_DST_MATCH:
            mf_format_subfield(&spec->dst, s);
            if (spec->src.field != spec->dst.field
                || spec->src.ofs != spec->dst.ofs) {
                ds_put_char(s, '=');
                mf_format_subfield(&spec->src, s);
            }
            break;

        case NX_LEARN_SRC_IMMEDIATE | NX_LEARN_DST_LOAD:
            ds_put_cstr(s, "load:");
            format_imm(&spec->src_imm, s);
            ds_put_cstr(s, "->");
            mf_format_subfield(&spec->dst, s);
            break;

        case NX_LEARN_SRC_FIELD | NX_LEARN_DST_LOAD:
            ds_put_cstr(s, "load:");
            mf_format_subfield(&spec->src, s);
            ds_put_cstr(s, "->");
            mf_format_subfield(&spec->dst, s);
            break;

        case NX_LEARN_SRC_FIELD | NX_LEARN_DST_OUTPUT:
            ds_put_cstr(s, "output:");
            mf_format_subfield(&spec->src, s);
            break;

        default:
            break;
        }
    }
    ds_put_char(s, ')');
}

enum ofperr
learn_check(const struct ofpact_learn *learn, const struct match *src_match)
{
    const struct ofpact_learn_spec *spec;
    struct match dst_match;

    match_init_catchall(&dst_match);
    LEARN_SPEC_FOR_EACH (spec, learn) {
        enum ofperr error;

        if (spec->src_type == NX_LEARN_SRC_FIELD) {
            error = ofpact_check_src(&spec->src, src_match);
            if (error) {
                return error;
            }
        }

        switch (spec->dst_type) {
        case NX_LEARN_DST_MATCH:
            error = ofpact_check_src(&spec->dst, &dst_match);
            if (error) {
                return error;
            }
            if (spec->src_type == NX_LEARN_SRC_IMMEDIATE) {
                mf_write_subfield(&spec->dst, &spec->src_imm, &dst_match);
            }
            break;

        case NX_LEARN_DST_LOAD:
            error = ofpact_check_dst(&spec->dst, &dst_match);
            if (error) {
                return error;
            }
            break;

        case NX_LEARN_DST_OUTPUT:
        default:
            break;
        }
    }
    if (learn->flags & NX_LEARN_F_WRITE_RESULT) {
        return ofpact_check_dst(&learn->result_dst, src_match);
    }
    return 0;
}

/* Execution. */

void
learn_execute(const struct ofpact_learn *learn, const struct flow *flow,
              struct match *match, struct ofpbuf *ofpacts,
              struct flow_wildcards *wc)
{
    const struct ofpact_learn_spec *spec;

    match_init_catchall(match);
    LEARN_SPEC_FOR_EACH (spec, learn) {
        union mf_subvalue value;

        if (spec->src_type == NX_LEARN_SRC_FIELD) {
            mf_read_subfield(&spec->src, flow, &value);
            if (wc) {
                mf_mask_subfield(&spec->src, wc);
            }
        } else {
            value = spec->src_imm;
        }

        switch (spec->dst_type) {
        case NX_LEARN_DST_MATCH:
            mf_write_subfield(&spec->dst, &value, match);
            break;

        case NX_LEARN_DST_LOAD:
            ofpact_put_reg_load(ofpacts, &spec->dst, &value);
            break;

        case NX_LEARN_DST_OUTPUT:
            if (spec->n_bits <= 16 || value.be16_int == 0
                || bitwise_is_all_zeros(&value, sizeof value, 16,
                                        spec->n_bits - 16)) {
                struct ofpact_output *o = ofpact_put_OUTPUT(ofpacts);
                o->port = ntohs(value.be16_int);
                o->max_len = 0;
            }
            break;

        default:
            break;
        }
    }
}
