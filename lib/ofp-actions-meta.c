/* ofp-actions-meta.c: metadata and pipeline actions: tunnel id, queues,
 * fin_timeout, resubmit, conjunction, note, exit, sample, the debugging
 * actions, and the instructions (meter, clear_actions, write_actions,
 * write_metadata, goto_table). */

#include <config.h>
#include "ofp-actions.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include "dynamic-string.h"
#include "match.h"
#include "meta-flow.h"
#include "ofp-actions-private.h"
#include "openflow.h"
#include "packets.h"

/* Tunnel id. */

enum ofperr
ofpact_decode_NXAST_SET_TUNNEL(const void *a SVS_UNUSED,
                               size_t len SVS_UNUSED, uint64_t arg,
                               const struct ofpact_decode_ctx *ctx)
{
    struct ofpact_tunnel *t = ofpact_put_SET_TUNNEL(ctx->out);
    t->ofpact.raw = OFPACT_RAW_NXAST_SET_TUNNEL;
    t->tun_id = arg;
    return 0;
}

enum ofperr
ofpact_decode_NXAST_SET_TUNNEL64(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED, uint64_t arg,
                                 const struct ofpact_decode_ctx *ctx)
{
    struct ofpact_tunnel *t = ofpact_put_SET_TUNNEL(ctx->out);
    t->ofpact.raw = OFPACT_RAW_NXAST_SET_TUNNEL64;
    t->tun_id = arg;
    return 0;
}

void
ofpact_encode_SET_TUNNEL(const struct ofpact_tunnel *t,
                         enum ofp_version version, struct ofpbuf *out)
{
    if (version < OFP12_VERSION) {
        if (t->tun_id <= UINT32_MAX
            && t->ofpact.raw != OFPACT_RAW_NXAST_SET_TUNNEL64) {
            ofpact_raw_put(out, version, OFPACT_RAW_NXAST_SET_TUNNEL,
                           t->tun_id);
        } else {
            ofpact_raw_put(out, version, OFPACT_RAW_NXAST_SET_TUNNEL64,
                           t->tun_id);
        }
    } else {
        ofpact_put_set_field_action(out, version, MFF_TUN_ID, t->tun_id);
    }
}

static char *
parse_set_tunnel(char *arg, enum ofpact_raw raw,
                 const struct ofpact_parse_params *pp)
{
    struct ofpact_tunnel *t = ofpact_put_SET_TUNNEL(pp->ofpacts);
    t->ofpact.raw = raw;
    return ofpact_str_to_u64(arg, &t->tun_id);
}

char *
ofpact_parse_SET_TUNNEL(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_set_tunnel(arg, OFPACT_RAW_NXAST_SET_TUNNEL, pp);
}

char *
ofpact_parse_set_tunnel64(char *arg, const struct ofpact_parse_params *pp)
{
    return parse_set_tunnel(arg, OFPACT_RAW_NXAST_SET_TUNNEL64, pp);
}

void
ofpact_format_SET_TUNNEL(const struct ofpact_tunnel *t, struct ds *s)
{
    ds_put_format(s, "set_tunnel%s:%#"PRIx64,
                  (t->tun_id > UINT32_MAX
                   || t->ofpact.raw == OFPACT_RAW_NXAST_SET_TUNNEL64)
                  ? "64" : "", t->tun_id);
}

enum ofperr
ofpact_check_SET_TUNNEL(struct ofpact_tunnel *t SVS_UNUSED,
                        struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* Queues. */

enum ofperr
ofpact_decode_NXAST_SET_QUEUE(const void *a SVS_UNUSED,
                              size_t len SVS_UNUSED, uint64_t arg,
                              const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_SET_QUEUE(ctx->out)->queue_id = arg;
    return 0;
}

enum ofperr
ofpact_decode_OFPAT11_SET_QUEUE(const void *a SVS_UNUSED,
                                size_t len SVS_UNUSED, uint64_t arg,
                                const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_SET_QUEUE(ctx->out)->queue_id = arg;
    return 0;
}

void
ofpact_encode_SET_QUEUE(const struct ofpact_queue *q,
                        enum ofp_version version, struct ofpbuf *out)
{
    ofpact_raw_put(out, version, version == OFP10_VERSION
                   ? OFPACT_RAW_NXAST_SET_QUEUE
                   : OFPACT_RAW_OFPAT11_SET_QUEUE, q->queue_id);
}

char *
ofpact_parse_SET_QUEUE(char *arg, const struct ofpact_parse_params *pp)
{
    return ofpact_str_to_u32(arg,
                             &ofpact_put_SET_QUEUE(pp->ofpacts)->queue_id);
}

void
ofpact_format_SET_QUEUE(const struct ofpact_queue *q, struct ds *s)
{
    ds_put_format(s, "set_queue:%u", q->queue_id);
}

enum ofperr
ofpact_check_SET_QUEUE(struct ofpact_queue *q SVS_UNUSED,
                       struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

enum ofperr
ofpact_decode_NXAST_POP_QUEUE(const void *a SVS_UNUSED,
                              size_t len SVS_UNUSED,
                              uint64_t arg SVS_UNUSED,
                              const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_POP_QUEUE(ctx->out);
    return 0;
}

void
ofpact_encode_POP_QUEUE(const struct ofpact_null *n SVS_UNUSED,
                        enum ofp_version version, struct ofpbuf *out)
{
    ofpact_raw_put(out, version, OFPACT_RAW_NXAST_POP_QUEUE, 0);
}

char *
ofpact_parse_POP_QUEUE(char *arg SVS_UNUSED,
                       const struct ofpact_parse_params *pp)
{
    ofpact_put_POP_QUEUE(pp->ofpacts);
    return NULL;
}

void
ofpact_format_POP_QUEUE(const struct ofpact_null *n SVS_UNUSED, struct ds *s)
{
    ds_put_cstr(s, "pop_queue");
}

enum ofperr
ofpact_check_POP_QUEUE(struct ofpact_null *n SVS_UNUSED,
                       struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* FIN timeout. */

enum ofperr
ofpact_decode_NXAST_FIN_TIMEOUT(const void *a, size_t len SVS_UNUSED,
                                uint64_t arg SVS_UNUSED,
                                const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    struct ofpact_fin_timeout *ft = ofpact_put_FIN_TIMEOUT(ctx->out);

    ft->fin_idle_timeout = ofpact_rd16(p + 10);
    ft->fin_hard_timeout = ofpact_rd16(p + 12);
    return 0;
}

void
ofpact_encode_FIN_TIMEOUT(const struct ofpact_fin_timeout *ft,
                          enum ofp_version version, struct ofpbuf *out)
{
    uint8_t *p = ofpact_raw_put(out, version, OFPACT_RAW_NXAST_FIN_TIMEOUT,
                                0);
    ofpact_wr16(p + 10, ft->fin_idle_timeout);
    ofpact_wr16(p + 12, ft->fin_hard_timeout);
}

char *
ofpact_parse_FIN_TIMEOUT(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_fin_timeout *ft = ofpact_put_FIN_TIMEOUT(pp->ofpacts);
    char *key, *value;

    while (ofpact_parse_key_value(&arg, &key, &value)) {
        char *error;

        if (!strcmp(key, "idle_timeout")) {
            error = ofpact_str_to_u16(value, key, &ft->fin_idle_timeout);
        } else if (!strcmp(key, "hard_timeout")) {
            error = ofpact_str_to_u16(value, key, &ft->fin_hard_timeout);
        } else {
            error = xasprintf("invalid key '%s' in 'fin_timeout' argument",
                              key);
        }
        if (error) {
            return error;
        }
    }
    return NULL;
}

void
ofpact_format_FIN_TIMEOUT(const struct ofpact_fin_timeout *ft, struct ds *s)
{
    ds_put_cstr(s, "fin_timeout(");
    if (ft->fin_idle_timeout) {
        ds_put_format(s, "idle_timeout=%u,", ft->fin_idle_timeout);
    }
    if (ft->fin_hard_timeout) {
        ds_put_format(s, "hard_timeout=%u,", ft->fin_hard_timeout);
    }
    ds_chomp(s, ',');
    ds_put_char(s, ')');
}

enum ofperr
ofpact_check_FIN_TIMEOUT(struct ofpact_fin_timeout *ft SVS_UNUSED,
                         struct ofpact_check_params *cp)
{
    if (cp->match && cp->match->flow.nw_proto != IPPROTO_TCP) {
        return ofpact_inconsistent_match(&cp->usable_protocols);
    }
    return 0;
}

/* Resubmit. */

enum ofperr
ofpact_decode_NXAST_RESUBMIT(const void *a SVS_UNUSED, size_t len SVS_UNUSED,
                             uint64_t arg,
                             const struct ofpact_decode_ctx *ctx)
{
    struct ofpact_resubmit *r = ofpact_put_RESUBMIT(ctx->out);

    r->ofpact.raw = OFPACT_RAW_NXAST_RESUBMIT;
    r->in_port = arg;
    r->table_id = 0xff;
    return 0;
}

static enum ofperr
decode_resubmit_table(const uint8_t *p, bool ct, enum ofpact_raw raw,
                      struct ofpbuf *out)
{
    struct ofpact_resubmit *r;

    if (!ofpact_is_all_zeros(p + 13, 3)) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    r = ofpact_put_RESUBMIT(out);
    r->ofpact.raw = raw;
    r->in_port = ofpact_rd16(p + 10);
    r->table_id = p[12];
    r->with_ct_orig = ct;
    return 0;
}

enum ofperr
ofpact_decode_NXAST_RESUBMIT_TABLE(const void *a, size_t len SVS_UNUSED,
                                   uint64_t arg SVS_UNUSED,
                                   const struct ofpact_decode_ctx *ctx)
{
    return decode_resubmit_table(a, false, OFPACT_RAW_NXAST_RESUBMIT_TABLE,
                                 ctx->out);
}

enum ofperr
ofpact_decode_NXAST_RESUBMIT_TABLE_CT(const void *a, size_t len SVS_UNUSED,
                                      uint64_t arg SVS_UNUSED,
                                      const struct ofpact_decode_ctx *ctx)
{
    return decode_resubmit_table(a, true,
                                 OFPACT_RAW_NXAST_RESUBMIT_TABLE_CT,
                                 ctx->out);
}

static void
put_resubmit_table(struct ofpbuf *out, enum ofp_version version,
                   ofp_port_t in_port, uint8_t table_id, bool ct)
{
    uint8_t *p = ofpact_raw_put(out, version, ct
                                ? OFPACT_RAW_NXAST_RESUBMIT_TABLE_CT
                                : OFPACT_RAW_NXAST_RESUBMIT_TABLE, 0);
    ofpact_wr16(p + 10, in_port);
    p[12] = table_id;
}

void
ofpact_encode_RESUBMIT(const struct ofpact_resubmit *r,
                       enum ofp_version version, struct ofpbuf *out)
{
    if (r->table_id == 0xff && !r->with_ct_orig
        && r->ofpact.raw == OFPACT_RAW_NXAST_RESUBMIT) {
        ofpact_raw_put(out, version, OFPACT_RAW_NXAST_RESUBMIT, r->in_port);
    } else {
        put_resubmit_table(out, version, r->in_port, r->table_id,
                           r->with_ct_orig);
    }
}

char *
ofpact_parse_RESUBMIT(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_resubmit *r = ofpact_put_RESUBMIT(pp->ofpacts);
    char *in_port_s, *table_s, *ct_s;

    if (strchr(arg, ',')) {
        in_port_s = arg;
        table_s = strchr(in_port_s, ',');
        *table_s++ = '\0';
        ct_s = strchr(table_s, ',');
        if (ct_s) {
            *ct_s++ = '\0';
        }
    } else {
        in_port_s = arg;
        table_s = NULL;
        ct_s = NULL;
    }

    if (in_port_s[0]) {
        if (!ofpact_parse_port(in_port_s, &r->in_port)) {
            return xasprintf("%s: resubmit to unknown port", in_port_s);
        }
    } else {
        r->in_port = OFPP_IN_PORT;
    }

    if (table_s && table_s[0]) {
        uint8_t table;
        char *error = ofpact_str_to_u8(table_s, "table", &table);
        if (error) {
            free(error);
            return xasprintf("%s: resubmit to unknown table", table_s);
        }
        r->table_id = table;
    } else {
        r->table_id = 0xff;
    }

    if (ct_s && ct_s[0]) {
        if (strcmp(ct_s, "ct")) {
            return xasprintf("%s: unknown parameter", ct_s);
        }
        r->with_ct_orig = true;
    }

    if (r->in_port == OFPP_IN_PORT && r->table_id == 0xff) {
        return xstrdup("at least one \"in_port\" or \"table\" must be "
                       "specified on resubmit");
    }
    return NULL;
}

void
ofpact_format_RESUBMIT(const struct ofpact_resubmit *r, struct ds *s)
{
    if (r->in_port != OFPP_IN_PORT && r->table_id == 0xff
        && !r->with_ct_orig) {
        ds_put_cstr(s, "resubmit:");
        ofpact_format_port(r->in_port, s);
    } else {
        ds_put_cstr(s, "resubmit(");
        if (r->in_port != OFPP_IN_PORT) {
            ofpact_format_port(r->in_port, s);
        }
        ds_put_char(s, ',');
        if (r->table_id != 0xff) {
            ds_put_format(s, "%u", r->table_id);
        }
        if (r->with_ct_orig) {
            ds_put_cstr(s, ",ct");
        }
        ds_put_char(s, ')');
    }
}

enum ofperr
ofpact_check_RESUBMIT(struct ofpact_resubmit *r,
                      struct ofpact_check_params *cp)
{
    if (r->with_ct_orig && cp->match) {
        const struct match *m = cp->match;
        if ((m->flow.ct_state & (CS_TRACKED | CS_INVALID)) != CS_TRACKED
            || (m->wc.masks.ct_state & (CS_TRACKED | CS_INVALID))
               != (CS_TRACKED | CS_INVALID)) {
            return OFPERR_OFPBAC_MATCH_INCONSISTENT;
        }
    }
    return 0;
}

/* Conjunction. */

enum ofperr
ofpact_decode_NXAST_CONJUNCTION(const void *a, size_t len SVS_UNUSED,
                                uint64_t arg SVS_UNUSED,
                                const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    uint8_t clause = p[10], n_clauses = p[11];
    struct ofpact_conjunction *c;

    if (n_clauses < 2 || n_clauses > 64 || clause >= n_clauses) {
        return OFPERR_NXBAC_BAD_CONJUNCTION;
    }
    c = ofpact_put_CONJUNCTION(ctx->out);
    c->id = ofpact_rd32(p + 12);
    c->clause = clause;
    c->n_clauses = n_clauses;
    return 0;
}

void
ofpact_encode_CONJUNCTION(const struct ofpact_conjunction *c,
                          enum ofp_version version, struct ofpbuf *out)
{
    uint8_t *p = ofpact_raw_put(out, version, OFPACT_RAW_NXAST_CONJUNCTION,
                                0);
    p[10] = c->clause;
    p[11] = c->n_clauses;
    ofpact_wr32(p + 12, c->id);
}

char *
ofpact_parse_CONJUNCTION(char *arg, const struct ofpact_parse_params *pp)
{
    long long int id;
    unsigned int k, n;
    int consumed = 0;
    struct ofpact_conjunction *c;

    if (sscanf(arg, "%lli , %u / %u %n", &id, &k, &n, &consumed) != 3
        || (size_t) consumed != strlen(arg) || id < 0 || id > UINT32_MAX) {
        return xstrdup("\"conjunction\" syntax is \"conjunction(id,i/n)\"");
    }
    if (n < 2) {
        return xstrdup("conjunction must have at least 2 clauses");
    } else if (n > 64) {
        return xstrdup("conjunction must have at most 64 clauses");
    } else if (k < 1) {
        return xstrdup("clause index must be positive");
    } else if (k > n) {
        return xstrdup("clause index must be less than or equal to "
                       "number of clauses");
    }
    c = ofpact_put_CONJUNCTION(pp->ofpacts);
    c->id = id;
    c->clause = k - 1;
    c->n_clauses = n;
    return NULL;
}

void
ofpact_format_CONJUNCTION(const struct ofpact_conjunction *c, struct ds *s)
{
    ds_put_format(s, "conjunction(%u,%d/%d)", c->id, c->clause + 1,
                  c->n_clauses);
}

enum ofperr
ofpact_check_CONJUNCTION(struct ofpact_conjunction *c SVS_UNUSED,
                         struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* Note. */

enum ofperr
ofpact_decode_NXAST_NOTE(const void *a, size_t len, uint64_t arg SVS_UNUSED,
                         const struct ofpact_decode_ctx *ctx)
{
    struct ofpact_note *note = ofpact_put_NOTE(ctx->out);

    note->length = len - 10;
    ofpbuf_put(ctx->out, (const uint8_t *) a + 10, len - 10);
    note = ctx->out->header;    /* The put may have moved it. */
    ofpact_finish_NOTE(ctx->out, &note);
    return 0;
}

void
ofpact_encode_NOTE(const struct ofpact_note *note, enum ofp_version version,
                   struct ofpbuf *out)
{
    size_t start = out->size;

    ofpact_raw_put(out, version, OFPACT_RAW_NXAST_NOTE, 0);
    out->size -= 6;
    ofpbuf_put(out, note->data, note->length);
    if (out->size - start < 16) {
        ofpbuf_put_zeros(out, 16 - (out->size - start));
    }
    ofpact_raw_finish(out, start);
}

char *
ofpact_parse_NOTE(char *arg, const struct ofpact_parse_params *pp)
{
    size_t start = pp->ofpacts->size;
    struct ofpact_note *note = ofpact_put_NOTE(pp->ofpacts);
    char *error = ofpact_parse_hex_bytes(arg, pp->ofpacts, "note");

    if (error) {
        return error;
    }
    note = ofpbuf_at_assert(pp->ofpacts, start, sizeof *note);
    note->length = pp->ofpacts->size - start - sizeof *note;
    ofpact_finish_NOTE(pp->ofpacts, &note);
    return NULL;
}

void
ofpact_format_NOTE(const struct ofpact_note *note, struct ds *s)
{
    ds_put_cstr(s, "note:");
    ofpact_format_hex_bytes(note->data, note->length, s);
}

enum ofperr
ofpact_check_NOTE(struct ofpact_note *note SVS_UNUSED,
                  struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* Exit. */

enum ofperr
ofpact_decode_NXAST_EXIT(const void *a SVS_UNUSED, size_t len SVS_UNUSED,
                         uint64_t arg SVS_UNUSED,
                         const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_EXIT(ctx->out);
    return 0;
}

void
ofpact_encode_EXIT(const struct ofpact_null *n SVS_UNUSED,
                   enum ofp_version version, struct ofpbuf *out)
{
    ofpact_raw_put(out, version, OFPACT_RAW_NXAST_EXIT, 0);
}

char *
ofpact_parse_EXIT(char *arg SVS_UNUSED, const struct ofpact_parse_params *pp)
{
    ofpact_put_EXIT(pp->ofpacts);
    return NULL;
}

void
ofpact_format_EXIT(const struct ofpact_null *n SVS_UNUSED, struct ds *s)
{
    ds_put_cstr(s, "exit");
}

enum ofperr
ofpact_check_EXIT(struct ofpact_null *n SVS_UNUSED,
                  struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* Sample. */

static enum ofperr
decode_sample(const uint8_t *p, enum ofpact_raw raw, struct ofpbuf *out)
{
    struct ofpact_sample *s = ofpact_put_SAMPLE(out);

    s->ofpact.raw = raw;
    s->probability = ofpact_rd16(p + 10);
    s->collector_set_id = ofpact_rd32(p + 12);
    s->obs_domain_id = ofpact_rd32(p + 16);
    s->obs_point_id = ofpact_rd32(p + 20);
    s->sampling_port = OFPP_NONE;
    s->direction = NX_ACTION_SAMPLE_DEFAULT;
    if (raw != OFPACT_RAW_NXAST_SAMPLE) {
        s->sampling_port = ofpact_rd16(p + 24);
    }
    if (raw == OFPACT_RAW_NXAST_SAMPLE3) {
        s->direction = p[26];
        if (s->direction > NX_ACTION_SAMPLE_EGRESS) {
            return OFPERR_OFPBAC_BAD_ARGUMENT;
        }
    }
    if (!s->probability) {
        return OFPERR_OFPBAC_BAD_ARGUMENT;
    }
    return 0;
}

enum ofperr
ofpact_decode_NXAST_SAMPLE(const void *a, size_t len SVS_UNUSED,
                           uint64_t arg SVS_UNUSED,
                           const struct ofpact_decode_ctx *ctx)
{
    return decode_sample(a, OFPACT_RAW_NXAST_SAMPLE, ctx->out);
}

enum ofperr
ofpact_decode_NXAST_SAMPLE2(const void *a, size_t len SVS_UNUSED,
                            uint64_t arg SVS_UNUSED,
                            const struct ofpact_decode_ctx *ctx)
{
    return decode_sample(a, OFPACT_RAW_NXAST_SAMPLE2, ctx->out);
}

enum ofperr
ofpact_decode_NXAST_SAMPLE3(const void *a, size_t len SVS_UNUSED,
                            uint64_t arg SVS_UNUSED,
                            const struct ofpact_decode_ctx *ctx)
{
    return decode_sample(a, OFPACT_RAW_NXAST_SAMPLE3, ctx->out);
}

void
ofpact_encode_SAMPLE(const struct ofpact_sample *s, enum ofp_version version,
                     struct ofpbuf *out)
{
    enum ofpact_raw raw;
    uint8_t *p;

    if (s->ofpact.raw == OFPACT_RAW_NXAST_SAMPLE3
        || s->direction != NX_ACTION_SAMPLE_DEFAULT) {
        raw = OFPACT_RAW_NXAST_SAMPLE3;
    } else if (s->ofpact.raw == OFPACT_RAW_NXAST_SAMPLE2
               || s->sampling_port != OFPP_NONE) {
        raw = OFPACT_RAW_NXAST_SAMPLE2;
    } else {
        raw = OFPACT_RAW_NXAST_SAMPLE;
    }
    p = ofpact_raw_put(out, version, raw, 0);
    ofpact_wr16(p + 10, s->probability);
    ofpact_wr32(p + 12, s->collector_set_id);
    ofpact_wr32(p + 16, s->obs_domain_id);
    ofpact_wr32(p + 20, s->obs_point_id);
    if (raw != OFPACT_RAW_NXAST_SAMPLE) {
        ofpact_wr16(p + 24, s->sampling_port);
    }
    if (raw == OFPACT_RAW_NXAST_SAMPLE3) {
        p[26] = s->direction;
    }
}

char *
ofpact_parse_SAMPLE(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_sample *s = ofpact_put_SAMPLE(pp->ofpacts);
    char *key, *value;

    s->sampling_port = OFPP_NONE;
    s->direction = NX_ACTION_SAMPLE_DEFAULT;
    while (ofpact_parse_key_value(&arg, &key, &value)) {
        char *error = NULL;

        if (!strcmp(key, "probability")) {
            error = ofpact_str_to_u16(value, "probability", &s->probability);
            if (!error && s->probability == 0) {
                error = xasprintf("invalid probability value \"%s\"", value);
            }
        } else if (!strcmp(key, "collector_set_id")) {
            error = ofpact_str_to_u32(value, &s->collector_set_id);
        } else if (!strcmp(key, "obs_domain_id")) {
            error = ofpact_str_to_u32(value, &s->obs_domain_id);
        } else if (!strcmp(key, "obs_point_id")) {
            error = ofpact_str_to_u32(value, &s->obs_point_id);
        } else if (!strcmp(key, "sampling_port")) {
            if (!ofpact_parse_port(value, &s->sampling_port)) {
                error = xasprintf("%s: unknown port", value);
            }
        } else if (!strcmp(key, "ingress")) {
            s->direction = NX_ACTION_SAMPLE_INGRESS;
        } else if (!strcmp(key, "egress")) {
            s->direction = NX_ACTION_SAMPLE_EGRESS;
        } else {
            error = xasprintf("invalid key \"%s\" in \"sample\" argument",
                              key);
        }
        if (error) {
            return error;
        }
    }
    if (s->probability == 0) {
        return xstrdup("non-zero \"probability\" must be specified on "
                       "sample");
    }
    return NULL;
}

void
ofpact_format_SAMPLE(const struct ofpact_sample *s, struct ds *ds)
{
    ds_put_format(ds, "sample(probability=%u,collector_set_id=%u,"
                  "obs_domain_id=%u,obs_point_id=%u", s->probability,
                  s->collector_set_id, s->obs_domain_id, s->obs_point_id);
    if (s->sampling_port != OFPP_NONE) {
        ds_put_cstr(ds, ",sampling_port=");
        ofpact_format_port(s->sampling_port, ds);
    }
    if (s->direction == NX_ACTION_SAMPLE_INGRESS) {
        ds_put_cstr(ds, ",ingress");
    } else if (s->direction == NX_ACTION_SAMPLE_EGRESS) {
        ds_put_cstr(ds, ",egress");
    }
    ds_put_char(ds, ')');
}

enum ofperr
ofpact_check_SAMPLE(struct ofpact_sample *s SVS_UNUSED,
                    struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* Unroll (internal only: never on the wire or in text input). */

void
ofpact_encode_UNROLL_XLATE(const struct ofpact_unroll_xlate *u SVS_UNUSED,
                           enum ofp_version version SVS_UNUSED,
                           struct ofpbuf *out SVS_UNUSED)
{
}

char *
ofpact_parse_UNROLL_XLATE(char *arg SVS_UNUSED,
                          const struct ofpact_parse_params *pp SVS_UNUSED)
{
    return xstrdup("unroll_xlate is an internal action");
}

void
ofpact_format_UNROLL_XLATE(const struct ofpact_unroll_xlate *u, struct ds *s)
{
    ds_put_format(s, "unroll_xlate(table=%u, cookie=%#"PRIx64")",
                  u->rule_table_id, ntohll(u->rule_cookie));
}

enum ofperr
ofpact_check_UNROLL_XLATE(struct ofpact_unroll_xlate *u SVS_UNUSED,
                          struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* Debugging actions. */

enum ofperr
ofpact_decode_NXAST_DEBUG_RECIRC(const void *a SVS_UNUSED,
                                 size_t len SVS_UNUSED,
                                 uint64_t arg SVS_UNUSED,
                                 const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_DEBUG_RECIRC(ctx->out);
    return 0;
}

enum ofperr
ofpact_decode_NXAST_DEBUG_SLOW(const void *a SVS_UNUSED,
                               size_t len SVS_UNUSED,
                               uint64_t arg SVS_UNUSED,
                               const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_DEBUG_SLOW(ctx->out);
    return 0;
}

void
ofpact_encode_DEBUG_RECIRC(const struct ofpact_null *n SVS_UNUSED,
                           enum ofp_version version, struct ofpbuf *out)
{
    ofpact_raw_put(out, version, OFPACT_RAW_NXAST_DEBUG_RECIRC, 0);
}

void
ofpact_encode_DEBUG_SLOW(const struct ofpact_null *n SVS_UNUSED,
                         enum ofp_version version, struct ofpbuf *out)
{
    ofpact_raw_put(out, version, OFPACT_RAW_NXAST_DEBUG_SLOW, 0);
}

char *
ofpact_parse_DEBUG_RECIRC(char *arg SVS_UNUSED,
                          const struct ofpact_parse_params *pp)
{
    ofpact_put_DEBUG_RECIRC(pp->ofpacts);
    return NULL;
}

char *
ofpact_parse_DEBUG_SLOW(char *arg SVS_UNUSED,
                        const struct ofpact_parse_params *pp)
{
    ofpact_put_DEBUG_SLOW(pp->ofpacts);
    return NULL;
}

void
ofpact_format_DEBUG_RECIRC(const struct ofpact_null *n SVS_UNUSED,
                           struct ds *s)
{
    ds_put_cstr(s, "debug_recirc");
}

void
ofpact_format_DEBUG_SLOW(const struct ofpact_null *n SVS_UNUSED,
                         struct ds *s)
{
    ds_put_cstr(s, "debug_slow");
}

enum ofperr
ofpact_check_DEBUG_RECIRC(struct ofpact_null *n SVS_UNUSED,
                          struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

enum ofperr
ofpact_check_DEBUG_SLOW(struct ofpact_null *n SVS_UNUSED,
                        struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* Meter (an instruction in OpenFlow 1.3 and 1.4, an action in 1.5). */

enum ofperr
ofpact_decode_OFPAT15_METER(const void *a SVS_UNUSED, size_t len SVS_UNUSED,
                            uint64_t arg,
                            const struct ofpact_decode_ctx *ctx)
{
    ofpact_put_METER(ctx->out)->meter_id = arg;
    return 0;
}

void
ofpact_encode_METER(const struct ofpact_meter *m, enum ofp_version version,
                    struct ofpbuf *out)
{
    if (version >= OFP15_VERSION) {
        ofpact_raw_put(out, version, OFPACT_RAW_OFPAT15_METER, m->meter_id);
    }
}

char *
ofpact_parse_METER(char *arg, const struct ofpact_parse_params *pp)
{
    *pp->usable_protocols &= OFPACT_P_OF13_UP;
    return ofpact_str_to_u32(arg, &ofpact_put_METER(pp->ofpacts)->meter_id);
}

void
ofpact_format_METER(const struct ofpact_meter *m, struct ds *s)
{
    ds_put_format(s, "meter:%u", m->meter_id);
}

enum ofperr
ofpact_check_METER(struct ofpact_meter *m,
                   struct ofpact_check_params *cp SVS_UNUSED)
{
    if (m->meter_id == 0 || m->meter_id > OFPM13_MAX) {
        return OFPERR_OFPMMFC_INVALID_METER;
    }
    return 0;
}

/* Clear-actions instruction. */

void
ofpact_encode_CLEAR_ACTIONS(const struct ofpact_null *n SVS_UNUSED,
                            enum ofp_version version SVS_UNUSED,
                            struct ofpbuf *out SVS_UNUSED)
{
    /* Encoded by ofpacts_put_openflow_instructions(). */
}

char *
ofpact_parse_CLEAR_ACTIONS(char *arg SVS_UNUSED,
                           const struct ofpact_parse_params *pp)
{
    ofpact_put_CLEAR_ACTIONS(pp->ofpacts);
    return NULL;
}

void
ofpact_format_CLEAR_ACTIONS(const struct ofpact_null *n SVS_UNUSED,
                            struct ds *s)
{
    ds_put_cstr(s, "clear_actions");
}

enum ofperr
ofpact_check_CLEAR_ACTIONS(struct ofpact_null *n SVS_UNUSED,
                           struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* Write-actions instruction. */

void
ofpact_encode_WRITE_ACTIONS(const struct ofpact_nest *on SVS_UNUSED,
                            enum ofp_version version SVS_UNUSED,
                            struct ofpbuf *out SVS_UNUSED)
{
    /* Encoded by ofpacts_put_openflow_instructions(). */
}

char *
ofpact_parse_WRITE_ACTIONS(char *arg, const struct ofpact_parse_params *pp)
{
    size_t start = pp->ofpacts->size;
    struct ofpact_nest *on;
    char *error;

    ofpact_put_WRITE_ACTIONS(pp->ofpacts);
    error = ofpact_parse_nested(arg, pp, OFPACT_WRITE_ACTIONS);
    if (error) {
        return error;
    }
    on = ofpbuf_at_assert(pp->ofpacts, start, sizeof *on);
    ofpact_finish_WRITE_ACTIONS(pp->ofpacts, &on);
    return NULL;
}

void
ofpact_format_WRITE_ACTIONS(const struct ofpact_nest *on, struct ds *s)
{
    ds_put_cstr(s, "write_actions(");
    ofpacts_format(on->actions,
                   on->ofpact.len - offsetof(struct ofpact_nest, actions), s);
    ds_put_char(s, ')');
}

enum ofperr
ofpact_check_WRITE_ACTIONS(struct ofpact_nest *on,
                           struct ofpact_check_params *cp)
{
    /* The action set executes after the rest of the pipeline, whose
     * effects are unknown; check with the match as is. */
    return ofpacts_check(on->actions,
                         on->ofpact.len - offsetof(struct ofpact_nest,
                                                   actions), cp);
}

/* Write-metadata. */

enum ofperr
ofpact_decode_NXAST_WRITE_METADATA(const void *a, size_t len SVS_UNUSED,
                                   uint64_t arg SVS_UNUSED,
                                   const struct ofpact_decode_ctx *ctx)
{
    const uint8_t *p = a;
    struct ofpact_metadata *m;

    if (!ofpact_is_all_zeros(p + 10, 6)) {
        return OFPERR_NXBRC_MUST_BE_ZERO;
    }
    m = ofpact_put_WRITE_METADATA(ctx->out);
    m->metadata = htonll(ofpact_rd64(p + 16));
    m->mask = htonll(ofpact_rd64(p + 24));
    return 0;
}

void
ofpact_encode_WRITE_METADATA(const struct ofpact_metadata *m,
                             enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        uint8_t *p = ofpact_raw_put(out, version,
                                    OFPACT_RAW_NXAST_WRITE_METADATA, 0);
        ofpact_wr64(p + 16, ntohll(m->metadata));
        ofpact_wr64(p + 24, ntohll(m->mask));
    }
    /* Otherwise encoded by ofpacts_put_openflow_instructions(). */
}

char *
ofpact_parse_WRITE_METADATA(char *arg, const struct ofpact_parse_params *pp)
{
    struct ofpact_metadata *m;
    char *mask = strchr(arg, '/');
    char *error;
    be64 md, mk = ((be64) UINT64_MAX);

    *pp->usable_protocols &= OFPACT_P_OF10_NXM_ANY | OFPACT_P_OF11_UP;
    if (mask) {
        *mask++ = '\0';
        error = ofpact_str_to_be64(mask, &mk);
        if (error) {
            return error;
        }
    }
    error = ofpact_str_to_be64(arg, &md);
    if (error) {
        return error;
    }
    m = ofpact_put_WRITE_METADATA(pp->ofpacts);
    m->metadata = md;
    m->mask = mk;
    return NULL;
}

void
ofpact_format_WRITE_METADATA(const struct ofpact_metadata *m, struct ds *s)
{
    ds_put_format(s, "write_metadata:%#"PRIx64, ntohll(m->metadata));
    if (m->mask != ((be64) UINT64_MAX)) {
        ds_put_format(s, "/%#"PRIx64, ntohll(m->mask));
    }
}

enum ofperr
ofpact_check_WRITE_METADATA(struct ofpact_metadata *m SVS_UNUSED,
                            struct ofpact_check_params *cp SVS_UNUSED)
{
    return 0;
}

/* Goto-table. */

void
ofpact_encode_GOTO_TABLE(const struct ofpact_goto_table *g,
                         enum ofp_version version, struct ofpbuf *out)
{
    if (version == OFP10_VERSION) {
        put_resubmit_table(out, version, OFPP_IN_PORT, g->table_id, false);
    }
    /* Otherwise encoded by ofpacts_put_openflow_instructions(). */
}

char *
ofpact_parse_GOTO_TABLE(char *arg, const struct ofpact_parse_params *pp)
{
    uint8_t table;
    char *error = ofpact_str_to_u8(arg, "goto_table", &table);

    if (error) {
        free(error);
        return xasprintf("unknown table \"%s\"", arg);
    }
    ofpact_put_GOTO_TABLE(pp->ofpacts)->table_id = table;
    return NULL;
}

void
ofpact_format_GOTO_TABLE(const struct ofpact_goto_table *g, struct ds *s)
{
    ds_put_format(s, "goto_table:%u", g->table_id);
}

enum ofperr
ofpact_check_GOTO_TABLE(struct ofpact_goto_table *g,
                        struct ofpact_check_params *cp)
{
    if ((cp->table_id != 255 && g->table_id <= cp->table_id)
        || (cp->n_tables != 255 && g->table_id >= cp->n_tables)) {
        return OFPERR_OFPBIC_BAD_TABLE_ID;
    }
    return 0;
}
