/* test-ofp.c: drives the OpenFlow message library for tests/test_ofp_msgs.py.
 *
 * usage: test-ofp COMMAND [ARG...]
 *
 *   print HEX [VERBOSITY]    prints the message like "ovs-ofctl ofp-print"
 *   print-batch              reads "HEX [VERBOSITY]" lines from stdin and
 *                            prints each message followed by a line "@@"
 *   roundtrip-batch          reads HEX lines from stdin; for each message
 *                            that has a codec, decodes it, encodes it again
 *                            and prints "ok", "skip" (no codec) or
 *                            "DIFF <hex>" / "ERROR <name>", one per line
 *   print-error NAME         prints the encodings of error NAME, like
 *                            "ovs-ofctl print-error"
 *   list-errors              prints every error name, one per line
 *   encode-error-reply NAME HEX
 *                            prints a hex dump of the error reply
 *   encode-hello BITMAP      prints a hex dump of the hello message
 *   protocols STRING         parses a protocol list and prints it back
 *   versions STRING          parses a version list and prints it back
 *   negotiate MINE THEIRS    prints the negotiated version of two bitmaps
 *   multipart N SIZE         splits N SIZE-byte entries into port stats
 *                            replies and prints each message's length and
 *                            flags */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "ofp-errors.h"
#include "ofp-flow.h"
#include "ofp-msgs.h"
#include "ofp-print.h"
#include "ofp-protocol.h"
#include "ofp-codec.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"
#include "vlog.h"

static struct ofpbuf *
parse_hex(const char *s)
{
    struct ofpbuf *b = ofpbuf_new(strlen(s) / 2 + 1);
    const char *end = ofpbuf_put_hex(b, s, NULL);
    if (*end) {
        svs_fatal(0, "trailing garbage following hex bytes");
    }
    return b;
}

static void
do_print(int argc, char *argv[])
{
    struct ofpbuf *b = parse_hex(argv[0]);
    int verbosity = argc > 1 ? atoi(argv[1]) : 2;
    ofp_print(stdout, b->data, b->size, verbosity);
    ofpbuf_delete(b);
}

static void
do_print_batch(void)
{
    struct ds line = DS_EMPTY_INITIALIZER;

    while (!ds_get_line(&line, stdin)) {
        char *hex = ds_cstr(&line);
        char *space = strchr(hex, ' ');
        int verbosity = 2;
        if (space) {
            *space = '\0';
            verbosity = atoi(space + 1);
        }
        struct ofpbuf *b = ofpbuf_new(strlen(hex) / 2 + 1);
        const char *end = ofpbuf_put_hex(b, hex, NULL);
        if (*end) {
            printf("trailing garbage following hex bytes\n");
        } else {
            ofp_print(stdout, b->data, b->size, verbosity);
        }
        printf("@@\n");
        ofpbuf_delete(b);
    }
    ds_destroy(&line);
}

static void
do_roundtrip_batch(void)
{
    struct ds line = DS_EMPTY_INITIALIZER;

    while (!ds_get_line(&line, stdin)) {
        struct ofpbuf *b = parse_hex(ds_cstr(&line));
        struct ofpbuf *out = NULL;
        enum ofperr error = ofputil_reencode(b->data, b->size, &out);

        if (error == OFPERR_OFPBRC_BAD_TYPE && !out) {
            printf("skip\n");
        } else if (error) {
            printf("ERROR %s\n", ofperr_to_string(error));
        } else if (ofpbuf_equal(b, out)) {
            printf("ok\n");
        } else {
            struct ds s = DS_EMPTY_INITIALIZER;
            ds_put_hex(&s, out->data, out->size);
            printf("DIFF %s\n", ds_cstr(&s));
            ds_destroy(&s);
        }
        ofpbuf_delete(out);
        ofpbuf_delete(b);
        fflush(stdout);
    }
    ds_destroy(&line);
}

static void
do_print_error(const char *name)
{
    enum ofperr error = ofperr_from_name(name);
    if (!error) {
        svs_fatal(0, "unknown error \"%s\"", name);
    }
    for (int v = OFP10_VERSION; v <= OFP15_VERSION; v++) {
        int vendor = ofperr_get_vendor(error, v);
        if (vendor < 0) {
            continue;
        }
        printf("OpenFlow 1.%d: vendor %#x, type %d, code %d\n", v - 1,
               vendor, ofperr_get_type(error, v), ofperr_get_code(error, v));
    }
}

static void
do_list_errors(void)
{
    enum ofperr error;
    OFPERR_FOR_EACH (error) {
        printf("%s\n", ofperr_get_name(error));
    }
}

static void
print_hex_dump(const struct ofpbuf *b)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    ds_put_hex_dump(&s, b->data, b->size, 0, false);
    fputs(ds_cstr(&s), stdout);
    ds_destroy(&s);
}

static void
do_encode_error_reply(const char *name, const char *hex)
{
    enum ofperr error = ofperr_from_name(name);
    if (!error) {
        svs_fatal(0, "unknown error \"%s\"", name);
    }
    struct ofpbuf *request = parse_hex(hex);
    const struct ofp_header *oh = request->data;
    if (request->size < sizeof *oh || ntohs(oh->length) != request->size) {
        svs_fatal(0, "Request size inconsistent");
    }
    struct ofpbuf *reply = ofperr_encode_reply(error, oh);
    print_hex_dump(reply);
    ofpbuf_delete(reply);
    ofpbuf_delete(request);
}

static void
do_encode_hello(const char *s)
{
    uint32_t bitmap = strtoul(s, NULL, 0);
    struct ofpbuf *hello = ofputil_encode_hello(bitmap);
    print_hex_dump(hello);
    ofp_print(stdout, hello->data, hello->size, 2);
    ofpbuf_delete(hello);
}

static void
do_protocols(const char *s)
{
    enum ofputil_protocol protocols;
    char *error = ofputil_protocols_from_string(s, &protocols);
    if (error) {
        printf("error: %s\n", error);
        free(error);
        return;
    }
    char *names = ofputil_protocols_to_string(protocols);
    printf("%s\n", names);
    free(names);
}

static void
do_versions(const char *s)
{
    uint32_t bitmap;
    char *error = ofputil_versions_from_string(s, &bitmap);
    if (error) {
        printf("error: %s\n", error);
        free(error);
        return;
    }
    struct ds ds = DS_EMPTY_INITIALIZER;
    ofputil_format_version_bitmap_names(&ds, bitmap);
    printf("%s\n", ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
do_negotiate(const char *a, const char *b)
{
    printf("%d\n", ofputil_negotiate_version(strtoul(a, NULL, 0),
                                             strtoul(b, NULL, 0)));
}

static void
do_multipart(const char *n_s, const char *size_s)
{
    int n = atoi(n_s);
    size_t size = atoi(size_s);
    struct ofpbuf *request = ofpraw_alloc(OFPRAW_OFPST11_PORT_REQUEST,
                                          OFP13_VERSION, 8);
    ofpbuf_put_zeros(request, 8);
    ofpmsg_update_length(request);

    struct svs_list replies;
    ofpmp_init(&replies, request->data);
    for (int i = 0; i < n; i++) {
        memset(ofpmp_append(&replies, size), i & 0xff, size);
    }

    struct ofpbuf *msg;
    struct ofpmp_assembler a;
    ofpmp_assembler_init(&a);
    LIST_FOR_EACH_POP (msg, list_node, &replies) {
        const struct ofp_header *oh = msg->data;
        printf("%u %s\n", ntohs(oh->length), ofpmp_more(oh) ? "more" : "");
        bool done;
        enum ofperr error = ofpmp_assembler_add(&a, msg, &done);
        if (error || (done != svs_list_is_empty(&replies))) {
            svs_fatal(0, "assembler failed");
        }
    }
    ofpmp_assembler_destroy(&a);
    ofpbuf_delete(request);
}

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    /* The flow messages' printers live outside the codec library. */
    ofputil_flow_print_register();
    vlog_set_levels_from_string_assert("ANY:console:off");

    if (argc < 2) {
        svs_fatal(0, "usage: %s COMMAND [ARG...]", argv[0]);
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "print") && argc >= 3) {
        do_print(argc - 2, argv + 2);
    } else if (!strcmp(cmd, "print-batch")) {
        do_print_batch();
    } else if (!strcmp(cmd, "roundtrip-batch")) {
        do_roundtrip_batch();
    } else if (!strcmp(cmd, "print-error") && argc == 3) {
        do_print_error(argv[2]);
    } else if (!strcmp(cmd, "list-errors")) {
        do_list_errors();
    } else if (!strcmp(cmd, "encode-error-reply") && argc == 4) {
        do_encode_error_reply(argv[2], argv[3]);
    } else if (!strcmp(cmd, "encode-hello") && argc == 3) {
        do_encode_hello(argv[2]);
    } else if (!strcmp(cmd, "protocols") && argc == 3) {
        do_protocols(argv[2]);
    } else if (!strcmp(cmd, "versions") && argc == 3) {
        do_versions(argv[2]);
    } else if (!strcmp(cmd, "negotiate") && argc == 4) {
        do_negotiate(argv[2], argv[3]);
    } else if (!strcmp(cmd, "multipart") && argc == 4) {
        do_multipart(argv[2], argv[3]);
    } else {
        svs_fatal(0, "unknown command or bad arguments: %s", cmd);
    }
    return 0;
}
