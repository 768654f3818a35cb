/* ofp-parse.c: the text syntax of flows (see ofp-parse.h). */
#include <config.h>
#include "ofp-parse.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bitwise.h"
#include "dynamic-string.h"
#include "match.h"
#include "meta-flow.h"
#include "ofp-actions.h"
#include "ofp-flow.h"
#include "ofpbuf.h"
#include "openflow-common.h"
#include "packets.h"
#include "util.h"

/* Which keywords a command accepts. */
enum {
    F_OUT_PORT = 1 << 0,
    F_ACTIONS = 1 << 1,
    F_IMPORTANCE = 1 << 2,
    F_TIMEOUT = 1 << 3,
    F_PRIORITY = 1 << 4,
    F_FLAGS = 1 << 5,
};

/* ---- Numbers. ---- */

static bool
parse_long(const char *s, long long *value)
{
    char *tail;

    if (!*s) {
        return false;
    }
    errno = 0;
    *value = strtoll(s, &tail, 0);
    return !errno && !*tail;
}

char *
ofp_parse_u8(const char *s, const char *name, uint8_t *valuep)
{
    long long value;

    if (!parse_long(s, &value) || value < 0 || value > 255) {
        return xasprintf("invalid %s \"%s\"", name, s);
    }
    *valuep = value;
    return NULL;
}

char *
ofp_parse_u16(const char *s, const char *name, uint16_t *valuep)
{
    long long value;

    if (!parse_long(s, &value) || value < 0 || value > 65535) {
        return xasprintf("invalid %s \"%s\"", name, s);
    }
    *valuep = value;
    return NULL;
}

char *
ofp_parse_u32(const char *s, uint32_t *valuep)
{
    unsigned long long value;
    char *tail;

    if (!*s) {
        return xstrdup("missing required numeric argument");
    }
    errno = 0;
    value = strtoull(s, &tail, 0);
    if (errno || *tail || value > UINT32_MAX) {
        return xasprintf("invalid numeric format %s", s);
    }
    *valuep = value;
    return NULL;
}

char *
ofp_parse_u64(const char *s, uint64_t *valuep)
{
    unsigned long long value;
    char *tail;

    if (!*s) {
        return xstrdup("missing required numeric argument");
    }
    errno = 0;
    value = strtoull(s, &tail, 0);
    if (errno == EINVAL || errno == ERANGE || *tail) {
        return xasprintf("invalid numeric format %s", s);
    }
    *valuep = value;
    return NULL;
}

/* ---- Tokens. ---- */

/* Returns the length of the value at 's' that ends at one of 'delims'
 * (or the end of the string), skipping over balanced parentheses. */
static size_t
value_length(const char *s, const char *delims)
{
    size_t n = 0;

    while (s[n] && !strchr(delims, s[n])) {
        if (s[n] == '(') {
            int depth = 0;
            do {
                if (!s[n]) {
                    return n;
                } else if (s[n] == '(') {
                    depth++;
                } else if (s[n] == ')') {
                    depth--;
                }
                n++;
            } while (depth > 0);
        } else {
            n++;
        }
    }
    return n;
}

bool
ofp_parse_key_value(char **stringp, char **keyp, char **valuep)
{
    char *s = *stringp + strspn(*stringp, ", \t\r\n");

    if (!*s) {
        *stringp = s;
        *keyp = *valuep = NULL;
        return false;
    }

    char *key = s;
    size_t key_len = strcspn(key, ":=(, \t\r\n");
    char delim = key[key_len];
    key[key_len] = '\0';
    s = key + key_len + (delim != '\0');

    const char *delims;
    if (delim == ':' || delim == '=') {
        delims = ", \t\r\n";
    } else if (delim == '(') {
        delims = ")";
    } else {
        *stringp = s;
        *keyp = key;
        *valuep = key + key_len;
        return true;
    }

    char *value = s;
    size_t len = value_length(value, delims);
    if (delim == '(' && value[len] == ')' && value[len + 1] == '-'
        && value[len + 2] == '>') {
        /* "KEY(X)->Y": the value runs on to the next delimiter. */
        len += value_length(value + len, ", \t\r\n");
    }
    char end = value[len];
    value[len] = '\0';
    *stringp = value + len + (end != '\0');
    *keyp = key;
    *valuep = value;
    return true;
}

char *
ofp_parse_extract_actions(char *s)
{
    s = strstr(s, "action");
    if (!s) {
        return NULL;
    }
    *s = '\0';
    s = strchr(s + 1, '=');
    return s ? s + 1 : NULL;
}

/* ---- Fields. ---- */

/* Open vSwitch treats a match on a field that needs an Ethernet packet as
 * implying packet_type=Ethernet. */
static void
add_ethernet_prereq(struct match *match, const struct mf_field *mf)
{
    if (mf->prereqs != MFP_NONE && !match->wc.masks.packet_type) {
        match_set_packet_type(match, htonl(0));
    }
}

static char *
parse_field(const struct mf_field *mf, const char *s, struct match *match,
            enum ofputil_protocol *usable)
{
    union mf_value value, mask;
    char *error;

    /* A field without a value reads as "0/0", as in ovs-ofctl. */
    error = mf_parse(mf, *s ? s : "0/0", &value, &mask);
    if (error) {
        return error;
    }
    *usable &= ofputil_field_usable_protocols(mf, &mask);
    mf_set(mf, &value, &mask, match, &error);
    if (error) {
        /* tun_metadata fields too long together. */
        return error;
    }
    add_ethernet_prereq(match, mf);
    return NULL;
}

/* "FIELD[BITS]=VALUE": matches the bits of a subfield. */
static char *
parse_subfield(const char *name, const char *s, struct match *match,
               enum ofputil_protocol *usable)
{
    struct mf_subfield sf;
    union mf_subvalue x;
    char *error;

    error = mf_parse_subfield(&sf, name);
    if (error) {
        return error;
    }
    error = mf_parse_subvalue(s, &x);
    if (error) {
        free(error);
        return xasprintf("%s: cannot parse integer value: %s", name, s);
    }
    if (mf_subvalue_width(&x) > (int) sf.field->n_bytes * 8) {
        return xasprintf("%s: cannot parse integer value: %s", name, s);
    }
    if (mf_subvalue_width(&x) > (int) sf.n_bits) {
        struct ds ds = DS_EMPTY_INITIALIZER;
        union mf_value v;

        mf_subvalue_to_value(sf.field, &x, &v);
        mf_format(sf.field, &v, NULL, &ds);
        error = xasprintf("%s: value %s does not fit into %u bits",
                          name, ds_cstr(&ds), sf.n_bits);
        ds_destroy(&ds);
        return error;
    }

    const struct mf_field *mf = sf.field;
    union mf_value value, mask;
    union mf_subvalue sv, sm;

    mf_get(mf, match, &value, &mask);
    mf_value_to_subvalue(mf, &value, &sv);
    mf_value_to_subvalue(mf, &mask, &sm);
    bitwise_copy(&x, sizeof x, 0, &sv, sizeof sv, sf.ofs, sf.n_bits);
    bitwise_one(&sm, sizeof sm, sf.ofs, sf.n_bits);
    mf_subvalue_to_value(mf, &sv, &value);
    mf_subvalue_to_value(mf, &sm, &mask);
    *usable &= ofputil_field_usable_protocols(mf, &mask);
    mf_set(mf, &value, &mask, match, &error);
    free(error);
    add_ethernet_prereq(match, mf);
    return NULL;
}

static char *
parse_table(const char *s, uint8_t *table_id)
{
    unsigned int t;

    if (!str_to_uint(s, 10, &t) || t > 255) {
        return xasprintf("unknown table \"%s\"", s);
    }
    *table_id = t;
    return NULL;
}

static char *
parse_cookie(struct ofputil_flow_mod *fm, char *value, int command,
             enum ofputil_protocol *usable)
{
    uint64_t x;
    char *error;
    char *slash = strchr(value, '/');

    if (slash) {
        uint64_t mask;

        if (command == OFPFC_ADD) {
            return xstrdup("flow additions cannot use a cookie mask");
        }
        *slash = '\0';
        error = ofp_parse_u64(value, &x);
        if (error) {
            return error;
        }
        error = ofp_parse_u64(slash + 1, &mask);
        if (error) {
            return error;
        }
        fm->cookie = svs_htonll(x);
        fm->cookie_mask = svs_htonll(mask);
        if (mask) {
            *usable &= OFPUTIL_P_NXM_OF11_UP;
        }
    } else {
        if (command != OFPFC_ADD && command != OFPFC_MODIFY
            && command != OFPFC_MODIFY_STRICT) {
            return xstrdup("cannot set cookie");
        }
        error = ofp_parse_u64(value, &x);
        if (error) {
            return error;
        }
        fm->new_cookie = svs_htonll(x);
        fm->modify_cookie = true;
    }
    return NULL;
}

static char *
parse_flow_mod__(struct ofputil_flow_mod *fm, char *string, int command,
                 enum ofputil_protocol *usable)
{
    unsigned int fields;
    char *act_str = NULL;
    char *name, *value;
    char *error;

    switch (command) {
    case -1:
        fields = F_OUT_PORT;
        command = OFPFC_DELETE;
        break;
    case OFPFC_ADD:
        fields = F_ACTIONS | F_TIMEOUT | F_PRIORITY | F_FLAGS | F_IMPORTANCE;
        break;
    case OFPFC_DELETE:
        fields = F_OUT_PORT;
        break;
    case OFPFC_DELETE_STRICT:
        fields = F_OUT_PORT | F_PRIORITY;
        break;
    case OFPFC_MODIFY:
    case OFPFC_MODIFY_STRICT:
        fields = F_ACTIONS | F_TIMEOUT | F_PRIORITY | F_FLAGS;
        break;
    default:
        SVS_NOT_REACHED();
    }

    *usable = OFPUTIL_P_ANY;
    ofputil_flow_mod_init(fm);
    fm->command = command;
    if (command == OFPFC_ADD) {
        fm->new_cookie = svs_htonll(0);
    }

    if (fields & F_ACTIONS) {
        act_str = ofp_parse_extract_actions(string);
        if (!act_str) {
            return xstrdup("must specify an action");
        }
    }

    while (ofp_parse_key_value(&string, &name, &value)) {
        const struct match_protocol *p = match_protocol_from_name(name);
        const struct mf_field *mf;

        error = NULL;
        if (p) {
            match_set_dl_type(&fm->match, htons(p->dl_type));
            if (p->nw_proto) {
                match_set_nw_proto(&fm->match, p->nw_proto);
            }
            if (!fm->match.wc.masks.packet_type) {
                match_set_packet_type(&fm->match, htonl(0));
            }
        } else if (!strcmp(name, "eth")) {
            match_set_packet_type(&fm->match, htonl(0));
        } else if (fields & F_FLAGS && !strcmp(name, "send_flow_rem")) {
            fm->flags |= OFPUTIL_FF_SEND_FLOW_REM;
        } else if (fields & F_FLAGS && !strcmp(name, "check_overlap")) {
            fm->flags |= OFPUTIL_FF_CHECK_OVERLAP;
        } else if (fields & F_FLAGS && !strcmp(name, "reset_counts")) {
            fm->flags |= OFPUTIL_FF_RESET_COUNTS;
            *usable &= OFPUTIL_P_OF12_UP;
        } else if (fields & F_FLAGS && !strcmp(name, "no_packet_counts")) {
            fm->flags |= OFPUTIL_FF_NO_PKT_COUNTS;
            *usable &= OFPUTIL_P_OF13_UP;
        } else if (fields & F_FLAGS && !strcmp(name, "no_byte_counts")) {
            fm->flags |= OFPUTIL_FF_NO_BYT_COUNTS;
            *usable &= OFPUTIL_P_OF13_UP;
        } else if (!strcmp(name, "no_readonly_table")
                   || !strcmp(name, "allow_hidden_fields")) {
            /* Accepted for compatibility; they have no wire encoding. */
        } else if (!*value && !mf_from_name(name)) {
            return xasprintf("field %s missing value", name);
        } else if (!strcmp(name, "table")) {
            error = parse_table(value, &fm->table_id);
            if (!error && fm->table_id != 0xff) {
                *usable &= OFPUTIL_P_TID;
            }
        } else if (fields & F_OUT_PORT && !strcmp(name, "out_port")) {
            if (!mf_parse_ofp_port(value, &fm->out_port)) {
                error = xasprintf("%s is not a valid OpenFlow port", value);
            }
        } else if (fields & F_OUT_PORT && !strcmp(name, "out_group")) {
            *usable &= OFPUTIL_P_OF11_UP;
            if (!strcasecmp(value, "any")) {
                fm->out_group = OFPG_ANY;
            } else if (!strcasecmp(value, "all")) {
                fm->out_group = OFPG_ALL;
            } else {
                error = ofp_parse_u32(value, &fm->out_group);
            }
        } else if (fields & F_PRIORITY && !strcmp(name, "priority")) {
            uint16_t priority = 0;
            error = ofp_parse_u16(value, name, &priority);
            fm->priority = priority;
        } else if (fields & F_TIMEOUT && !strcmp(name, "idle_timeout")) {
            error = ofp_parse_u16(value, name, &fm->idle_timeout);
        } else if (fields & F_TIMEOUT && !strcmp(name, "hard_timeout")) {
            error = ofp_parse_u16(value, name, &fm->hard_timeout);
        } else if (fields & F_IMPORTANCE && !strcmp(name, "importance")) {
            error = ofp_parse_u16(value, name, &fm->importance);
        } else if (!strcmp(name, "cookie")) {
            error = parse_cookie(fm, value, command, usable);
        } else if ((mf = mf_from_name(name)) != NULL) {
            error = parse_field(mf, value, &fm->match, usable);
        } else if (strchr(name, '[')) {
            error = parse_subfield(name, value, &fm->match, usable);
        } else if (!strcmp(name, "duration") || !strcmp(name, "n_packets")
                   || !strcmp(name, "n_bytes") || !strcmp(name, "idle_age")
                   || !strcmp(name, "hard_age")) {
            /* Statistics from dump-flows output: ignored. */
        } else {
            return xasprintf("unknown keyword %s", name);
        }
        if (error) {
            return error;
        }
    }

    /* L3 and L4 fields inside IPv6 need NXM or OXM. */
    if (fm->match.wc.masks.dl_type
        && fm->match.flow.dl_type == htons(ETH_TYPE_IPV6)) {
        const struct flow_wildcards *wc = &fm->match.wc;
        if (wc->masks.nw_tos || wc->masks.nw_proto
            || wc->masks.tp_src || wc->masks.tp_dst) {
            *usable &= OFPUTIL_P_NXM_OXM_ANY;
        }
    }

    if (fields & F_ACTIONS) {
        uint32_t action_usable = OFPACT_P_ANY;
        struct ofpact_parse_params pp = {
            .ofpacts = NULL,
            .usable_protocols = &action_usable,
            .depth = 0,
        };
        struct ofpbuf ofpacts;

        /* Work around use-after-realloc bugs in some ofp-actions parsers
         * and decoders (dec_ttl, note): start with a buffer that parsing
         * will not need to grow. */
        ofpbuf_init(&ofpacts, 8192 + 64 * strlen(act_str));
        pp.ofpacts = &ofpacts;
        error = ofpacts_parse_instructions(act_str, &pp);
        *usable &= action_usable;
        if (!error) {
            struct ofpact_check_params cp = {
                .match = &fm->match,
                .max_ports = OFPP_MAX,
                .table_id = fm->table_id,
                .n_tables = 255,
                .usable_protocols = OFPACT_P_ANY,
            };
            enum ofperr err = ofpacts_check(ofpacts.data, ofpacts.size, &cp);
            *usable &= cp.usable_protocols;
            if (!err && !*usable) {
                err = OFPERR_OFPBAC_MATCH_INCONSISTENT;
            }
            if (err) {
                error = xasprintf("actions are invalid with specified match "
                                  "(%s)", ofperr_to_string(err));
            }
        }
        if (error) {
            ofpbuf_uninit(&ofpacts);
            return error;
        }
        fm->ofpacts_len = ofpacts.size;
        fm->ofpacts = xmemdup(ofpacts.data, ofpacts.size ? ofpacts.size : 1);
        ofpbuf_uninit(&ofpacts);
    } else {
        /* A valid (empty) action list, never a null pointer. */
        fm->ofpacts = xzalloc(OFPACT_ALIGNTO);
        fm->ofpacts_len = 0;
    }
    return NULL;
}

char *
ofp_parse_flow_mod(struct ofputil_flow_mod *fm, const char *string,
                   int command, enum ofputil_protocol *usable_protocols)
{
    char *copy = xstrdup(string);
    char *error = parse_flow_mod__(fm, copy, command, usable_protocols);

    free(copy);
    if (error) {
        if (fm->ofpacts) {
            free(CONST_CAST(struct ofpact *, fm->ofpacts));
        }
        fm->ofpacts = NULL;
        fm->ofpacts_len = 0;
        *usable_protocols = 0;
    }
    return error;
}

char *
ofp_parse_flow_stats_request(struct ofputil_flow_stats_request *fsr,
                             bool aggregate, const char *string,
                             enum ofputil_protocol *usable_protocols)
{
    struct ofputil_flow_mod fm;
    char *error = ofp_parse_flow_mod(&fm, string, -1, usable_protocols);

    if (error) {
        return error;
    }
    free(CONST_CAST(struct ofpact *, fm.ofpacts));
    memset(fsr, 0, sizeof *fsr);
    fsr->aggregate = aggregate;
    fsr->match = fm.match;
    fsr->cookie = fm.cookie;
    fsr->cookie_mask = fm.cookie_mask;
    fsr->out_port = fm.out_port;
    fsr->out_group = fm.out_group;
    fsr->table_id = fm.table_id;
    return NULL;
}

/* Reads the next line of 'stream' into 's' without its comment and
 * surrounding white space, counting lines in '*line_number'; returns false
 * at end of file.  Lines that are empty after stripping are skipped. */
static bool
get_preprocessed_line(struct ds *s, FILE *stream, int *line_number)
{
    for (;;) {
        if (ds_get_line(s, stream) == EOF) {
            return false;
        }
        (*line_number)++;

        char *p = strchr(ds_cstr(s), '#');
        if (p) {
            ds_truncate(s, p - s->string);
        }
        while (s->length && strchr(" \t\r\n\v\f", s->string[s->length - 1])) {
            s->length--;
        }
        s->string[s->length] = '\0';
        size_t lead = strspn(s->string, " \t\r\n\v\f");
        if (lead) {
            memmove(s->string, s->string + lead, s->length - lead + 1);
            s->length -= lead;
        }
        if (s->length) {
            return true;
        }
    }
}

char *
ofp_parse_flow_mod_file(const char *file_name, int command,
                        struct ofputil_flow_mod **fmsp, size_t *n_fmsp,
                        enum ofputil_protocol *usable_protocols)
{
    struct ofputil_flow_mod *fms = NULL;
    size_t n_fms = 0, allocated = 0;
    struct ds line = DS_EMPTY_INITIALIZER;
    int line_number = 0;
    FILE *stream;
    char *error = NULL;

    *usable_protocols = OFPUTIL_P_ANY;
    stream = !strcmp(file_name, "-") ? stdin : fopen(file_name, "r");
    if (!stream) {
        return xasprintf("%s: open failed (%s)", file_name, strerror(errno));
    }
    while (get_preprocessed_line(&line, stream, &line_number)) {
        enum ofputil_protocol usable;

        if (n_fms >= allocated) {
            allocated = allocated ? allocated * 2 : 64;
            fms = xrealloc(fms, allocated * sizeof *fms);
        }
        error = ofp_parse_flow_mod(&fms[n_fms], ds_cstr(&line), command,
                                   &usable);
        if (error) {
            char *e = xasprintf("%s:%d: %s", file_name, line_number, error);
            free(error);
            error = e;
            break;
        }
        *usable_protocols &= usable;
        n_fms++;
    }
    ds_destroy(&line);
    if (stream != stdin) {
        fclose(stream);
    }
    if (error) {
        ofp_parse_flow_mods_destroy(fms, n_fms);
        *fmsp = NULL;
        *n_fmsp = 0;
        return error;
    }
    *fmsp = fms;
    *n_fmsp = n_fms;
    return NULL;
}

void
ofp_parse_flow_mods_destroy(struct ofputil_flow_mod *fms, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(CONST_CAST(struct ofpact *, fms[i].ofpacts));
    }
    free(fms);
}
