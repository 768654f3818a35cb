/* ofp-print.h: OpenFlow messages as text, exactly as `ovs-ofctl ofp-print`
 * prints them.
 *
 * What: ofp_to_string() turns the bytes of one OpenFlow message into the
 * text ovs-ofctl prints for it: a header line "NAME (OF1.x) (xid=0x..):"
 * (no version for OpenFlow 1.0, "(OF 0x07)" for versions svs does not
 * know), the multipart flags if any, then the message's own rendering.
 * Messages that do not decode print "***decode error: ERROR***" and a hex
 * dump; truncated or over-long buffers print the same notes as ovs-ofctl
 * ("(***truncated to 8 bytes from 12***)", "(***only uses 8 bytes out of
 * 9***)").  At verbosity 5 and above a hex dump of the whole message
 * follows.
 *
 * Design: a table maps each 'enum ofptype' to a printer function.  The
 * codecs in ofp-*.c provide the printers of their messages; modules
 * outside this library layer (for example the flow-mod and flow-stats
 * printers) add theirs with ofp_print_register() before printing.  A
 * message without a printer prints its header and a hex dump of its body.
 *
 * Thread-safety: printing is thread-safe.  ofp_print_register() must be
 * called before any thread prints (typically from main()). */
#ifndef SVS_OFP_PRINT_H
#define SVS_OFP_PRINT_H 1

#include <stddef.h>
#include <stdio.h>
#include "ofp-errors.h"
#include "ofp-msgs.h"
#include "openflow-common.h"

struct ds;

/* Prints the body of message 'oh', of raw type 'raw', after its header
 * line (which ends in ':'), into 's'.  Most printers start their text with
 * a space.  Returns 0, or an error if the message does not decode (the
 * caller then prints the error and a hex dump). */
typedef enum ofperr ofp_print_func(struct ds *s, const struct ofp_header *oh,
                                   enum ofpraw raw, int verbosity);

void ofp_print_register(enum ofptype, ofp_print_func *);
void ofp_print_register_default(enum ofptype, ofp_print_func *);

char *ofp_to_string(const void *data, size_t len, int verbosity);
void ofp_format(struct ds *, const void *data, size_t len, int verbosity);
void ofp_print(FILE *, const void *data, size_t len, int verbosity);

/* Helpers for printers. */
void ofp_print_header(struct ds *, const struct ofp_header *, enum ofpraw);
void ofp_print_hex_dump(struct ds *, const void *data, size_t len);
void ofp_print_printable(struct ds *, const void *data, size_t len);
void ofp_print_duration(struct ds *, unsigned int sec, unsigned int nsec);
void ofp_print_bit_names(struct ds *, uint32_t bits,
                         const char *(*bit_to_name)(uint32_t bit),
                         char separator);
void ofp_print_padded_string(struct ds *, const char *s, size_t size);

#endif /* ofp-print.h */
