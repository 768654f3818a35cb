/* fuzz-flow-text: libFuzzer target over the flow text parser.
 *
 * The first input byte selects the flow-mod command the text is parsed
 * for (add, modify, modify-strict, delete, delete-strict, or a flow
 * statistics request); the rest is the flow text ("tcp,tp_dst=80,
 * actions=output:1").  A flow that parses is encoded for every protocol
 * that can express it, and each encoding is decoded and printed again
 * through ofp-print.  Nothing may crash, leak or trip the sanitizers. */
#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "ofp-flow.h"
#include "ofp-parse.h"
#include "ofp-print.h"
#include "ofp-protocol.h"
#include "ofpbuf.h"
#include "openflow-common.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_encodings(const struct ofputil_flow_mod *fm,
                enum ofputil_protocol usable)
{
    for (int i = 0; i < 9; i++) {
        enum ofputil_protocol p = 1u << i;
        if (!(usable & p)) {
            continue;
        }
        struct ofpbuf *msg = ofputil_encode_flow_mod(fm, p);
        char *s = ofp_to_string(msg->data, msg->size, 5);
        free(s);

        struct ofputil_flow_mod fm2;
        struct ofpbuf ofpacts;
        ofpbuf_init(&ofpacts, 64);
        if (!ofputil_decode_flow_mod(&fm2, msg->header ? msg->header
                                     : msg->data,
                                     ofputil_protocol_set_tid(p, true),
                                     &ofpacts)) {
            struct ofpbuf *msg2 = ofputil_encode_flow_mod(&fm2, p);
            ofpbuf_delete(msg2);
        }
        ofpbuf_uninit(&ofpacts);
        ofpbuf_delete(msg);
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool registered;
    if (!registered) {
        ofputil_flow_print_register();
        registered = true;
    }
    if (size < 1 || size > 4096) {
        return 0;
    }

    static const int commands[] = {
        OFPFC_ADD, OFPFC_MODIFY, OFPFC_MODIFY_STRICT, OFPFC_DELETE,
        OFPFC_DELETE_STRICT, -1,
    };
    int command = commands[data[0] % ARRAY_SIZE(commands)];
    char *text = xmemdup0((const char *) data + 1, size - 1);
    enum ofputil_protocol usable;
    char *error;

    if (command == -1) {
        struct ofputil_flow_stats_request fsr;
        error = ofp_parse_flow_stats_request(&fsr, data[0] & 0x80, text,
                                             &usable);
        if (!error) {
            for (int i = 0; i < 9; i++) {
                if (usable & (1u << i)) {
                    struct ofpbuf *msg = ofputil_encode_flow_stats_request(
                        &fsr, 1u << i);
                    free(ofp_to_string(msg->data, msg->size, 2));
                    ofpbuf_delete(msg);
                }
            }
        }
    } else {
        struct ofputil_flow_mod fm;
        error = ofp_parse_flow_mod(&fm, text, command, &usable);
        if (!error) {
            check_encodings(&fm, usable);
            free(CONST_CAST(struct ofpact *, fm.ofpacts));
        }
    }
    free(error);
    free(text);
    return 0;
}
