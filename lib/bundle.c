/* bundle.c: the bundle and bundle_load actions (see bundle.h) and their
 * NXAST_BUNDLE / NXAST_BUNDLE_LOAD encodings. */

#include <config.h>
#include "bundle.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "dynamic-string.h"
#include "flow.h"
#include "hash.h"
#include "match.h"
#include "meta-flow.h"
#include "multipath.h"
#include "ofp-actions-private.h"

/* The only member type: OpenFlow port numbers, named by the NXM header of
 * in_port. */
#define BUNDLE_MEMBER_TYPE 0x00000002

/* Wire encoding. */

static enum ofperr
decode_bundle(bool load, const uint8_t *p, size_t len, struct ofpbuf *out)
{
    size_t start = out->size;
    struct ofpact_bundle *b = ofpact_put_BUNDLE(out);
    uint16_t algorithm = ofpact_rd16(p + 10);
    uint16_t fields = ofpact_rd16(p + 12);
    uint32_t member_type = ofpact_rd32(p + 16);
    uint16_t n_members = ofpact_rd16(p + 20);
    uint16_t ofs_nbits = ofpact_rd16(p + 22);
    uint32_t dst = ofpact_rd32(p + 24);
    size_t members_size = len - 32;
    enum ofperr error = 0;

    b->ofpact.raw = (load ? OFPACT_RAW_NXAST_BUNDLE_LOAD
                     : OFPACT_RAW_NXAST_BUNDLE);
    b->algorithm = algorithm;
    b->fields = fields;
    b->basis = ofpact_rd16(p + 14);
    b->n_members = n_members;

    if (!nx_hash_fields_is_valid(fields)
        || n_members > BUNDLE_MAX_MEMBERS
        || (algorithm != NX_BD_ALG_HRW
            && algorithm != NX_BD_ALG_ACTIVE_BACKUP)
        || member_type != BUNDLE_MEMBER_TYPE
        || !ofpact_is_all_zeros(p + 28, 4)) {
        error = OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (load) {
        ofpact_decode_subfield(dst, ofs_nbits, &b->dst);
        if (b->dst.n_bits < 16) {
            error = OFPERR_OFPBAC_BAD_ARGUMENT;
        }
    } else if (ofs_nbits || dst) {
        error = OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    if (members_size < 2 * (size_t) n_members) {
        return OFPERR_OFPBAC_BAD_LEN;
    }
    for (uint16_t i = 0; i < n_members; i++) {
        ofp_port_t port = ofpact_rd16(p + 32 + 2 * i);
        ofpbuf_put(out, &port, sizeof port);
    }
    b = ofpbuf_at_assert(out, start, sizeof *b);
    ofpact_finish_BUNDLE(out, &b);
    if (!error) {
        error = bundle_check(b, OFPP_MAX, NULL);
    }
    return error;
}

enum ofperr
ofpact_decode_NXAST_BUNDLE(const void *a, size_t len,
                           uint64_t arg SVS_UNUSED,
                           const struct ofpact_decode_ctx *ctx)
{
    return decode_bundle(false, a, len, ctx->out);
}

enum ofperr
ofpact_decode_NXAST_BUNDLE_LOAD(const void *a, size_t len,
                                uint64_t arg SVS_UNUSED,
                                const struct ofpact_decode_ctx *ctx)
{
    return decode_bundle(true, a, len, ctx->out);
}

void
ofpact_encode_BUNDLE(const struct ofpact_bundle *b, enum ofp_version version,
                     struct ofpbuf *out)
{
    size_t start = out->size;
    uint8_t *p = ofpact_raw_put(out, version, b->dst.field
                                ? OFPACT_RAW_NXAST_BUNDLE_LOAD
                                : OFPACT_RAW_NXAST_BUNDLE, 0);

    ofpact_wr16(p + 10, b->algorithm);
    ofpact_wr16(p + 12, b->fields);
    ofpact_wr16(p + 14, b->basis);
    ofpact_wr32(p + 16, BUNDLE_MEMBER_TYPE);
    ofpact_wr16(p + 20, b->n_members);
    if (b->dst.field) {
        ofpact_wr16(p + 22, ofpact_ofs_nbits(b->dst.ofs, b->dst.n_bits));
        ofpact_wr32(p + 24, ofpact_nxm_header32(b->dst.field));
    }
    for (unsigned int i = 0; i < b->n_members; i++) {
        uint8_t v[2];
        ofpact_wr16(v, b->members[i]);
        ofpbuf_put(out, v, 2);
    }
    ofpact_raw_finish(out, start);
}

char *
ofpact_parse_BUNDLE(char *arg, const struct ofpact_parse_params *pp)
{
    return bundle_parse(arg, pp->ofpacts);
}

char *
ofpact_parse_bundle_load(char *arg, const struct ofpact_parse_params *pp)
{
    return bundle_parse_load(arg, pp->ofpacts);
}

void
ofpact_format_BUNDLE(const struct ofpact_bundle *b, struct ds *s)
{
    bundle_format(b, s);
}

enum ofperr
ofpact_check_BUNDLE(struct ofpact_bundle *b, struct ofpact_check_params *cp)
{
    return bundle_check(b, cp->max_ports, cp->match);
}

/* Text. */

static char *
bundle_parse__(const char *s, char **save_ptr, const char *fields,
               const char *basis, const char *algorithm,
               const char *member_type, const char *dst,
               const char *member_delim, struct ofpbuf *ofpacts)
{
    size_t start = ofpacts->size;
    struct ofpact_bundle *b;
    enum nx_hash_fields hf;

    if (!member_delim) {
        return xasprintf("%s: not enough arguments to bundle action", s);
    }
    if (strcasecmp(member_delim, "members")
        && strcasecmp(member_delim, "slaves")) {
        return xasprintf("%s: missing member delimiter, expected `members' "
                         "got `%s'", s, member_delim);
    }

    ofpact_put_BUNDLE(ofpacts);
    for (;;) {
        const char *member = strtok_r(NULL, ", []", save_ptr);
        ofp_port_t port;

        if (!member) {
            break;
        }
        b = ofpbuf_at_assert(ofpacts, start, sizeof *b);
        if (b->n_members >= BUNDLE_MAX_MEMBERS) {
            return xasprintf("%s: too many members", s);
        }
        if (!ofpact_parse_port(member, &port)) {
            return xasprintf("%s: bad port number", member);
        }
        ofpbuf_put(ofpacts, &port, sizeof port);
        b = ofpbuf_at_assert(ofpacts, start, sizeof *b);
        b->n_members++;
    }
    b = ofpbuf_at_assert(ofpacts, start, sizeof *b);
    ofpact_finish_BUNDLE(ofpacts, &b);

    b->basis = atoi(basis);
    if (!nx_hash_fields_from_string(fields, &hf)) {
        return xasprintf("%s: unknown fields `%s'", s, fields);
    }
    b->fields = hf;
    if (!strcasecmp(algorithm, "active_backup")) {
        b->algorithm = NX_BD_ALG_ACTIVE_BACKUP;
    } else if (!strcasecmp(algorithm, "hrw")) {
        b->algorithm = NX_BD_ALG_HRW;
    } else {
        return xasprintf("%s: unknown algorithm `%s'", s, algorithm);
    }
    if (strcasecmp(member_type, "ofport")) {
        return xasprintf("%s: unknown member_type `%s'", s, member_type);
    }
    if (dst) {
        char *error = mf_parse_subfield(&b->dst, dst);
        if (error) {
            return error;
        }
        if (!b->dst.field->writable) {
            return xasprintf("%s: destination field %s is not writable", s,
                             b->dst.field->name);
        }
        if (b->dst.n_bits < 16) {
            return xasprintf("%s: bundle_load destination must be at least "
                             "16 bits wide", s);
        }
    }
    return NULL;
}

char *
bundle_parse(const char *arg, struct ofpbuf *ofpacts)
{
    char *s = xstrdup(arg);
    char *save_ptr = NULL;
    char *fields = strtok_r(s, ", ", &save_ptr);
    char *basis = strtok_r(NULL, ", ", &save_ptr);
    char *algorithm = strtok_r(NULL, ", ", &save_ptr);
    char *member_type = strtok_r(NULL, ", ", &save_ptr);
    char *member_delim = strtok_r(NULL, ": ", &save_ptr);
    char *error = bundle_parse__(arg, &save_ptr, fields, basis, algorithm,
                                 member_type, NULL, member_delim, ofpacts);
    free(s);
    return error;
}

char *
bundle_parse_load(const char *arg, struct ofpbuf *ofpacts)
{
    char *s = xstrdup(arg);
    char *save_ptr = NULL;
    char *fields = strtok_r(s, ", ", &save_ptr);
    char *basis = strtok_r(NULL, ", ", &save_ptr);
    char *algorithm = strtok_r(NULL, ", ", &save_ptr);
    char *member_type = strtok_r(NULL, ", ", &save_ptr);
    char *dst = strtok_r(NULL, ", ", &save_ptr);
    char *member_delim = strtok_r(NULL, ": ", &save_ptr);
    char *error = bundle_parse__(arg, &save_ptr, fields, basis, algorithm,
                                 member_type, dst, member_delim, ofpacts);
    free(s);
    return error;
}

void
bundle_format(const struct ofpact_bundle *b, struct ds *s)
{
    ds_put_format(s, "%s(%s,%u,%s,ofport,",
                  b->dst.field ? "bundle_load" : "bundle",
                  nx_hash_fields_to_string(b->fields), b->basis,
                  b->algorithm == NX_BD_ALG_HRW ? "hrw" : "active_backup");
    if (b->dst.field) {
        mf_format_subfield(&b->dst, s);
        ds_put_char(s, ',');
    }
    ds_put_cstr(s, "members:");
    for (unsigned int i = 0; i < b->n_members; i++) {
        if (i) {
            ds_put_char(s, ',');
        }
        ofpact_format_port(b->members[i], s);
    }
    ds_put_char(s, ')');
}

enum ofperr
bundle_check(const struct ofpact_bundle *b, ofp_port_t max_ports,
             const struct match *match)
{
    if (b->dst.field) {
        enum ofperr error = ofpact_check_dst(&b->dst, match);
        if (error) {
            return error;
        }
    }
    for (unsigned int i = 0; i < b->n_members; i++) {
        ofp_port_t port = b->members[i];

        if (port != OFPP_NONE) {
            enum ofperr error = ofpact_check_output_port(port, max_ports);
            if (error) {
                return error;
            }
        }
        if (port == OFPP_CONTROLLER) {
            return OFPERR_OFPBAC_BAD_OUT_PORT;
        }
    }
    return 0;
}

/* Execution. */

ofp_port_t
bundle_execute(const struct ofpact_bundle *b, const struct flow *flow,
               struct flow_wildcards *wc,
               bool (*member_enabled)(ofp_port_t, void *aux), void *aux)
{
    if (b->algorithm == NX_BD_ALG_ACTIVE_BACKUP) {
        for (unsigned int i = 0; i < b->n_members; i++) {
            if (member_enabled(b->members[i], aux)) {
                return b->members[i];
            }
        }
        return OFPP_NONE;
    } else {
        uint32_t flow_hash = multipath_hash_fields(flow, b->fields,
                                                   b->basis, wc);
        ofp_port_t best = OFPP_NONE;
        uint32_t best_score = 0;

        for (unsigned int i = 0; i < b->n_members; i++) {
            if (member_enabled(b->members[i], aux)) {
                uint32_t score = hash_int(i, flow_hash);
                if (best == OFPP_NONE || score > best_score) {
                    best = b->members[i];
                    best_score = score;
                }
            }
        }
        return best;
    }
}
