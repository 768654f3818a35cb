/* fuzz-ofp-decode: libFuzzer target over the OpenFlow message codecs.
 *
 * The input is one OpenFlow message (any version, any type, any length
 * field).  It is copied into a block of its exact size so that any read
 * past its end trips AddressSanitizer, then:
 *   - identified with ofptype_decode();
 *   - printed with ofp_to_string() at verbosities 1 and 3 (which runs every
 *     type's decoder and formatter, including actions, matches and the
 *     decoded packet of packet-ins and packet-outs);
 *   - decoded and re-encoded with ofputil_reencode(); a message that
 *     decodes must re-encode to a message that decodes again, re-encodes
 *     to the same bytes (the encoder's output is canonical) and prints.
 * Nothing may crash, leak or trip the sanitizers. */
#include <config.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ofp-codec.h"
#include "ofp-errors.h"
#include "ofp-flow.h"
#include "ofp-msgs.h"
#include "ofp-print.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65535) {
        return 0;
    }

    static bool registered;
    if (!registered) {
        ofputil_flow_print_register();
        registered = true;
    }

    uint8_t *copy = xmalloc(size ? size : 1);
    memcpy(copy, data, size);

    for (int verbosity = 1; verbosity <= 3; verbosity += 2) {
        free(ofp_to_string(copy, size, verbosity));
    }

    if (size >= sizeof(struct ofp_header)) {
        const struct ofp_header *oh = (const struct ofp_header *) copy;
        enum ofptype type;
        if (ntohs(oh->length) == size) {
            ofptype_decode(&type, oh);
        }
    }

    struct ofpbuf *out = NULL;
    if (!ofputil_reencode(copy, size, &out) && out) {
        struct ofpbuf *again = NULL;
        enum ofperr error = ofputil_reencode(out->data, out->size, &again);
        if (error == OFPERR_OFPBAC_MATCH_INCONSISTENT) {
            /* A deprecated action (e.g. OpenFlow 1.1's set_dl_dst) whose
             * prerequisites the decoder does not check comes back as a
             * set_field that checks them, as in Open vSwitch (a
             * packet_type=(0,1) flow with mod_dl_dst does the same to
             * ovs-ofctl).  Not a decoding bug. */
            ofpbuf_delete(out);
            free(copy);
            return 0;
        }
        if (error) {
            fprintf(stderr, "re-encoded message does not decode: %s\n",
                    ofperr_to_string(error));
            abort();
        }
        if (!ofpbuf_equal(out, again)) {
            fprintf(stderr, "re-encoding is not canonical\n");
            abort();
        }
        free(ofp_to_string(out->data, out->size, 2));
        ofpbuf_delete(again);
    }
    ofpbuf_delete(out);
    free(copy);
    return 0;
}
