/* test-flow.c: drives lib/flow, lib/match, lib/meta-flow and lib/nx-match
 * for tests/test_flow.py.
 *
 * Commands (one per invocation):
 *   parse-packet             raw packet on stdin -> flow_format() line
 *   parse-packet-hex         one hex packet per stdin line -> one flow each
 *   parse-match STRING...    each match -> normalized match_format() line
 *                            or "error: ..."
 *   parse-flow-nxm STRING... like the match part of `ovs-ofctl -F nxm
 *                            parse-flow` (normalize, NXM round trip)
 *   parse-nx-match [--hex]   like `ovs-ofctl parse-nx-match` (with --hex,
 *                            also the encoding as `ovs-ofctl -mmm` dumps it,
 *                            and "--" after each input line's output)
 *   parse-oxm VERSION [--hex]  like `ovs-ofctl parse-oxm VERSION`
 *   compose STRING...        match string -> flow_compose() packet in hex,
 *                            then "ok" if the packet matches the match
 *   round-trip STRING...     match -> NXM and OXM (1.2-1.5) -> match, must
 *                            give the same match; prints "ok" or a diff
 *   subfield STRING...       mf_parse_subfield() then mf_format_subfield()
 *   format-field F=V[/M]...  mf_parse() then mf_format() (set_field style)
 *   unit                     internal unit checks; prints "ok" */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "flow.h"
#include "match.h"
#include "meta-flow.h"
#include "ofp-errors.h"
#include "nx-match.h"
#include "ofpbuf.h"
#include "packets.h"
#include "util.h"

static const char *
error_name(enum ofperr error)
{
    return ofperr_get_name(error);
}

static int
hexval(int c)
{
    return (c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1);
}

/* Decodes hex digits in 's' (other characters are ignored). */
static void
hex_to_ofpbuf(const char *s, struct ofpbuf *b)
{
    int hi = -1;

    for (; *s; s++) {
        int v = hexval(*s);
        if (v < 0) {
            continue;
        }
        if (hi < 0) {
            hi = v;
        } else {
            uint8_t byte = hi * 16 + v;
            ofpbuf_put(b, &byte, 1);
            hi = -1;
        }
    }
}

static void
print_packet_flow(const void *data, size_t size)
{
    struct flow flow;
    struct ds s;

    flow_extract(data, size, NULL, &flow);
    ds_init(&s);
    flow_format(&s, &flow);
    puts(ds_cstr(&s));
    ds_destroy(&s);
}

static void
cmd_parse_packet(void)
{
    struct ofpbuf b;
    char buf[4096];
    size_t n;

    ofpbuf_init(&b, 64);
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
        ofpbuf_put(&b, buf, n);
    }
    /* Copy into an exactly sized heap block so that out-of-bounds reads
     * are caught by AddressSanitizer or valgrind. */
    {
        void *copy = xmemdup(b.data, b.size);
        print_packet_flow(copy, b.size);
        free(copy);
    }
    ofpbuf_uninit(&b);
}

static void
cmd_parse_packet_hex(void)
{
    struct ds line;

    ds_init(&line);
    while (!ds_get_line(&line, stdin)) {
        struct ofpbuf b;
        void *copy;

        ofpbuf_init(&b, 64);
        hex_to_ofpbuf(ds_cstr(&line), &b);
        copy = xmemdup(b.data, b.size);
        print_packet_flow(copy, b.size);
        free(copy);
        ofpbuf_uninit(&b);
    }
    ds_destroy(&line);
}

static void
cmd_parse_match(int argc, char *argv[])
{
    for (int i = 0; i < argc; i++) {
        struct match match;
        char *error = match_parse(&match, argv[i]);

        if (error) {
            printf("error: %s\n", error);
            free(error);
        } else {
            char *s;

            match_clear_unmet_prereqs(&match);
            s = match_to_string(&match, MATCH_DEFAULT_PRIORITY);
            puts(s);
            free(s);
        }
    }
}

/* What `ovs-ofctl -F nxm parse-flow` does to a match: parse, normalize,
 * encode as NXM and decode again. */
static void
cmd_parse_flow_nxm(int argc, char *argv[])
{
    for (int i = 0; i < argc; i++) {
        struct match match, back;
        char *error = match_parse(&match, argv[i]);
        be64 cookie, cookie_mask;
        struct ofpbuf b;
        enum ofperr err;
        int len;

        if (error) {
            printf("error: %s\n", error);
            free(error);
            continue;
        }
        match_clear_unmet_prereqs(&match);
        ofpbuf_init(&b, 64);
        len = nx_put_match(&b, &match, 0, 0);
        err = nx_pull_match(&b, len, &back, &cookie, &cookie_mask, false);
        if (err) {
            printf("decode error: %s\n", error_name(err));
        } else {
            char *s = match_to_string(&back, MATCH_DEFAULT_PRIORITY);
            puts(s);
            free(s);
        }
        ofpbuf_uninit(&b);
    }
}

/* Prints 'b' as `ovs-ofctl -mmm` dumps encodings: 16 bytes per line
 * after an 8-digit offset, a '-' between the two halves. */
static void
print_hex_dump(const struct ofpbuf *b)
{
    const uint8_t *p = b->data;

    for (size_t ofs = 0; ofs < b->size; ofs += 16) {
        printf("%08zx  ", ofs);
        for (size_t i = ofs; i < ofs + 16 && i < b->size; i++) {
            printf("%02x%s", p[i],
                   i + 1 == b->size || i == ofs + 15 ? ""
                   : i == ofs + 7 ? "-" : " ");
        }
        putchar('\n');
    }
}

static void
cmd_parse_nxm(bool oxm, uint8_t version, bool hex)
{
    struct ds line;

    ds_init(&line);
    while (!ds_get_line(&line, stdin)) {
        struct ofpbuf b, out;
        struct match match;
        be64 cookie, cookie_mask;
        int match_len;
        char *error;
        enum ofperr err;

        ofpbuf_init(&b, 64);
        ofpbuf_init(&out, 64);
        error = (oxm
                 ? oxm_match_from_string(ds_cstr(&line), &b, &match_len)
                 : nx_match_from_string(ds_cstr(&line), &b, &match_len));
        if (error) {
            printf("error: %s\n", error);
            free(error);
            goto next;
        }
        if (oxm) {
            err = oxm_pull_match_loose(&b, false, &match);
        } else {
            err = nx_pull_match_loose(&b, match_len, &match, &cookie,
                                      &cookie_mask, false);
        }
        if (err) {
            /* ovs-ofctl says nx_pull_match() for both. */
            printf("nx_pull_match() returned error %s\n", error_name(err));
            goto next;
        }
        if (oxm) {
            char *s;
            match_len = oxm_put_match(&out, &match, version);
            s = oxm_match_to_string(&out, match_len);
            puts(s);
            free(s);
        } else {
            char *s;
            match_len = nx_put_match(&out, &match, cookie, cookie_mask);
            s = nx_match_to_string(out.data, match_len);
            puts(s);
            free(s);
        }
        if (hex) {
            print_hex_dump(&out);
        }
    next:
        if (hex) {
            puts("--");
        }
        ofpbuf_uninit(&b);
        ofpbuf_uninit(&out);
    }
    ds_destroy(&line);
}

static void
cmd_round_trip(int argc, char *argv[])
{
    for (int i = 0; i < argc; i++) {
        struct match match, back;
        char *error = match_parse(&match, argv[i]);
        struct ds problems;

        if (error) {
            printf("error: %s\n", error);
            free(error);
            continue;
        }
        ds_init(&problems);
        match_clear_unmet_prereqs(&match);
        for (uint8_t v = MF_OFP10; v <= MF_OFP15; v++) {
            enum ofperr err;
            struct ofpbuf b;

            if (v == MF_OFP11) {
                continue;
            }
            ofpbuf_init(&b, 64);
            if (v == MF_OFP10) {
                be64 cookie, cookie_mask;
                int len = nx_put_match(&b, &match, 0, 0);
                err = nx_pull_match(&b, len, &back, &cookie, &cookie_mask,
                                    false);
            } else {
                oxm_put_match(&b, &match, v);
                err = oxm_pull_match(&b, false, &back);
            }
            if (!err && !match.wc.masks.packet_type
                && back.flow.packet_type == htonl(PT_ETH)) {
                /* Decoding pins the default packet type. */
                back.wc.masks.packet_type = 0;
            }
            if (err) {
                ds_put_format(&problems, "version %d: decode error %s; ", v,
                              error_name(err));
            } else if (!match_equal(&match, &back)) {
                char *a = match_to_string(&match, MATCH_DEFAULT_PRIORITY);
                char *c = match_to_string(&back, MATCH_DEFAULT_PRIORITY);
                ds_put_format(&problems, "version %d: %s became %s; ", v, a,
                              c);
                free(a);
                free(c);
            }
            ofpbuf_uninit(&b);
        }
        puts(problems.length ? ds_cstr(&problems) : "ok");
        ds_destroy(&problems);
    }
}

static void
cmd_compose(int argc, char *argv[])
{
    for (int i = 0; i < argc; i++) {
        struct match match;
        char *error = match_parse(&match, argv[i]);
        struct ofpbuf b;
        struct ds s;

        if (error) {
            printf("error: %s\n", error);
            free(error);
            continue;
        }
        ofpbuf_init(&b, 64);
        flow_compose(&b, &match.flow, 0);
        ds_init(&s);
        ds_put_hex(&s, b.data, b.size);
        {
            /* The composed packet must match the match it came from. */
            struct flow flow;

            flow_extract(b.data, b.size, NULL, &flow);
            ds_put_cstr(&s, match_matches_flow(&match, &flow)
                        ? " ok" : " mismatch");
        }
        puts(ds_cstr(&s));
        ds_destroy(&s);
        ofpbuf_uninit(&b);
    }
}

static void
cmd_subfield(int argc, char *argv[])
{
    for (int i = 0; i < argc; i++) {
        struct mf_subfield sf;
        char *error = mf_parse_subfield(&sf, argv[i]);

        if (error) {
            printf("error: %s\n", error);
            free(error);
        } else {
            struct ds s;

            ds_init(&s);
            mf_format_subfield(&sf, &s);
            puts(ds_cstr(&s));
            ds_destroy(&s);
        }
    }
}

/* "FIELD=VALUE[/MASK]": mf_parse() then mf_format(), as set_field
 * actions print their argument. */
static void
cmd_format_field(int argc, char *argv[])
{
    for (int i = 0; i < argc; i++) {
        char *arg = xstrdup(argv[i]);
        char *eq = strchr(arg, '=');
        const struct mf_field *mf;
        union mf_value value, mask;
        char *error;

        if (!eq) {
            printf("error: missing =\n");
            free(arg);
            continue;
        }
        *eq = '\0';
        mf = mf_from_name(arg);
        if (!mf) {
            printf("error: unknown field %s\n", arg);
            free(arg);
            continue;
        }
        error = mf_parse(mf, eq + 1, &value, &mask);
        if (error) {
            printf("error: %s\n", error);
            free(error);
        } else {
            struct ds s;

            ds_init(&s);
            mf_format(mf, &value, &mask, &s);
            puts(ds_cstr(&s));
            ds_destroy(&s);
        }
        free(arg);
    }
}

#define CHECK(COND)                                                     \
    do {                                                                \
        if (!(COND)) {                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,     \
                    __LINE__, #COND);                                   \
            exit(1);                                                    \
        }                                                               \
    } while (0)

static void
cmd_unit(void)
{
    /* Every field: names resolve, headers resolve back. */
    for (int i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = mf_from_id(i);

        CHECK(mf->id == (enum mf_field_id) i);
        CHECK(mf_from_name(mf->name) == mf);
        if (mf->extra_name) {
            CHECK(mf_from_name(mf->extra_name) == mf);
        }
        CHECK(mf->n_bits <= mf->n_bytes * 8);
        for (size_t j = 0; j < mf->n_headers; j++) {
            const struct mf_nxm_header *h;
            CHECK(mf_from_nxm_header(mf->headers[j].header, &h) == mf);
            CHECK(h == &mf->headers[j]);
        }
    }

    /* Setting then reading each field through a match. */
    for (int i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = mf_from_id(i);
        union mf_value value, mask, v2, m2;
        struct match match;

        memset(&value, 0, sizeof value);
        for (unsigned int b = 0; b < mf->n_bits; b += 3) {
            value.b[mf->n_bytes - 1 - b / 8] |= 1u << (b % 8);
        }
        if (mf->id == MFF_IN_PORT_OXM || mf->id == MFF_ACTSET_OUTPUT) {
            value.be32 = htonl(5);
        } else if (mf->id == MFF_IP_FRAG) {
            value.u8 = 1;
        }
        if (!mf_is_value_valid(mf, &value)) {
            /* E.g. ct_state: 8 of its 32 bits are defined. */
            memset(&value, 0, sizeof value);
            value.b[mf->n_bytes - 1] = mf->id == MFF_IP_DSCP ? 0x48 : 1;
        }
        match_init_catchall(&match);
        mf_set_value(mf, &value, &match, NULL);
        mf_get(mf, &match, &v2, &m2);
        if (memcmp(&v2, &value, mf->n_bytes)) {
            fprintf(stderr, "field %s: value mismatch\n", mf->name);
            exit(1);
        }
        CHECK(!mf_is_all_wild(mf, &match.wc));
        mf_set_wild(mf, &match, NULL);
        CHECK(mf_is_all_wild(mf, &match.wc));
        (void) mask;
    }

    /* tun_metadata: options set in either order give equal matches; a
     * different value, length or mask does not; the 256-byte total. */
    {
        union mf_value v1, v2, m;
        struct match a, b;

        memset(&v1, 0, sizeof v1);
        memset(&v2, 0, sizeof v2);
        v1.b[TUN_METADATA_MAX_LEN - 1] = 0x12;
        v2.b[TUN_METADATA_MAX_LEN - 2] = 0x34;
        v2.b[TUN_METADATA_MAX_LEN - 1] = 0x56;
        match_init_catchall(&a);
        match_init_catchall(&b);
        CHECK(!match_set_tun_metadata(&a, 0, v1.b, NULL));
        CHECK(!match_set_tun_metadata(&a, 1, v2.b, NULL));
        CHECK(!match_set_tun_metadata(&b, 1, v2.b, NULL));
        CHECK(!match_set_tun_metadata(&b, 0, v1.b, NULL));
        CHECK(match_equal(&a, &b));
        CHECK(match_hash(&a, 0) == match_hash(&b, 0));
        char *s = match_to_string(&a, MATCH_DEFAULT_PRIORITY);
        CHECK(!strcmp(s, "tun_metadata0=0x12,tun_metadata1=0x3456"));
        free(s);

        /* Same value, with a mask of the same bytes: masked differs. */
        match_init_catchall(&b);
        memset(&m, 0, sizeof m);
        m.b[TUN_METADATA_MAX_LEN - 1] = 0xff;
        CHECK(!match_set_tun_metadata(&b, 0, v1.b, m.b));
        CHECK(!match_set_tun_metadata(&b, 1, v2.b, NULL));
        CHECK(!match_equal(&a, &b));

        /* Twice the same option is refused and changes nothing. */
        char *error = match_set_tun_metadata(&a, 0, v2.b, NULL);
        CHECK(error && strstr(error, "set multiple times"));
        free(error);
        s = match_to_string(&a, MATCH_DEFAULT_PRIORITY);
        CHECK(!strcmp(s, "tun_metadata0=0x12,tun_metadata1=0x3456"));
        free(s);

        /* 2 x 124 + 8 bytes fit; 9 more do not. */
        memset(&v1, 0xab, TUN_METADATA_MAX_LEN);
        match_init_catchall(&a);
        CHECK(!match_set_tun_metadata(&a, 5, v1.b, NULL));
        CHECK(!match_set_tun_metadata(&a, 6, v1.b, NULL));
        memset(&v2, 0, sizeof v2);
        memset(&v2.b[TUN_METADATA_MAX_LEN - 8], 1, 8);
        CHECK(!match_set_tun_metadata(&a, 7, v2.b, NULL));
        v2.b[TUN_METADATA_MAX_LEN - 9] = 1;
        error = match_set_tun_metadata(&a, 8, v2.b, NULL);
        CHECK(error && strstr(error, "(used 265, max 256)"));
        free(error);
        CHECK(!(a.wc.masks.tunnel.md_present & (UINT64_C(1) << 8)));

        /* Wildcarding one frees nothing but forgets it. */
        mf_set_wild(mf_from_id(MFF_TUN_METADATA(6)), &a, NULL);
        CHECK(mf_is_all_wild(mf_from_id(MFF_TUN_METADATA(6)), &a.wc));
        CHECK(!mf_is_all_wild(mf_from_id(MFF_TUN_METADATA(5)), &a.wc));
    }

    /* Subvalue width. */
    {
        union mf_subvalue x;
        memset(&x, 0, sizeof x);
        CHECK(mf_subvalue_width(&x) == 0);
        x.u8[MF_SUBVALUE_BYTES - 1] = 1;
        CHECK(mf_subvalue_width(&x) == 1);
        x.u8[MF_SUBVALUE_BYTES - 16] = 0x80;
        CHECK(mf_subvalue_width(&x) == 128);
        x.u8[0] = 0x80;
        CHECK(mf_subvalue_width(&x) == MF_SUBVALUE_BYTES * 8);
    }
    puts("ok");
}

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    if (argc < 2) {
        svs_fatal(0, "usage: %s COMMAND [ARG...]", argv[0]);
    }
    if (!strcmp(argv[1], "parse-packet")) {
        cmd_parse_packet();
    } else if (!strcmp(argv[1], "parse-packet-hex")) {
        cmd_parse_packet_hex();
    } else if (!strcmp(argv[1], "parse-match")) {
        cmd_parse_match(argc - 2, argv + 2);
    } else if (!strcmp(argv[1], "parse-flow-nxm")) {
        cmd_parse_flow_nxm(argc - 2, argv + 2);
    } else if (!strcmp(argv[1], "parse-nx-match")) {
        cmd_parse_nxm(false, MF_OFP10,
                      argc > 2 && !strcmp(argv[2], "--hex"));
    } else if (!strcmp(argv[1], "parse-oxm") && argc > 2) {
        uint8_t v = (!strcmp(argv[2], "OpenFlow12") ? MF_OFP12
                     : !strcmp(argv[2], "OpenFlow13") ? MF_OFP13
                     : !strcmp(argv[2], "OpenFlow14") ? MF_OFP14
                     : MF_OFP15);
        cmd_parse_nxm(true, v, argc > 3 && !strcmp(argv[3], "--hex"));
    } else if (!strcmp(argv[1], "compose")) {
        cmd_compose(argc - 2, argv + 2);
    } else if (!strcmp(argv[1], "round-trip")) {
        cmd_round_trip(argc - 2, argv + 2);
    } else if (!strcmp(argv[1], "format-field")) {
        cmd_format_field(argc - 2, argv + 2);
    } else if (!strcmp(argv[1], "subfield")) {
        cmd_subfield(argc - 2, argv + 2);
    } else if (!strcmp(argv[1], "unit")) {
        cmd_unit();
    } else {
        svs_fatal(0, "unknown command %s", argv[1]);
    }
    return 0;
}
