/* ofp-codec.h: decode-then-encode of whole OpenFlow messages.
 *
 * What: ofputil_reencode() decodes one message with the codec of its type
 * (ofp-switch.h, ofp-port.h, ofp-packet.h, ofp-monitor.h, ofp-group.h,
 * ofp-meter.h, ofp-queue.h, ofp-table*.h, ofp-bundle.h ...) into svs's
 * internal form and encodes
 * that form again for the same version and transaction id.  For messages
 * in canonical form the result is byte-identical to the input, which is
 * what the round-trip tests and fuzz targets check; a decoder error is
 * returned as is.
 *
 * Thread-safety: thread-safe. */
#ifndef SVS_OFP_CODEC_H
#define SVS_OFP_CODEC_H 1

#include <stddef.h>
#include "ofp-errors.h"

struct ofpbuf;

enum ofperr ofputil_reencode(const void *data, size_t len,
                             struct ofpbuf **out);

#endif /* ofp-codec.h */
