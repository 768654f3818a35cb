/* ofp-bundle.h: OpenFlow bundle messages (OFPT_BUNDLE_CONTROL and
 * OFPT_BUNDLE_ADD_MESSAGE of OpenFlow 1.4+, and the ONF extension
 * ONFT_BUNDLE_CONTROL / ONFT_BUNDLE_ADD_MESSAGE of OpenFlow 1.3).
 *
 * What: decode, encode and print the bundle frame.  The message carried by
 * a bundle-add is not decoded here: decoding checks only its framing
 * (length, version, transaction id) and that its type may be bundled
 * (flow-mod, group-mod, port-mod, packet-out), then leaves it to the
 * generic decoders; printing prints it with ofp_format().  Bundle
 * properties are accepted and ignored, as Open vSwitch does.
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_OFP_BUNDLE_H
#define SVS_OFP_BUNDLE_H 1

#include <stdbool.h>
#include <stdint.h>
#include "ofp-errors.h"
#include "ofp-msgs.h"
#include "openflow-common.h"

struct ds;
struct ofpbuf;

/* OFPT_BUNDLE_CONTROL. */
struct ofputil_bundle_ctrl_msg {
    uint32_t bundle_id;
    uint16_t type;              /* OFPBCT_*. */
    uint16_t flags;             /* OFPBF_*. */
};

/* OFPT_BUNDLE_ADD_MESSAGE.  'msg' points into the decoded message. */
struct ofputil_bundle_add_msg {
    uint32_t bundle_id;
    uint16_t flags;             /* OFPBF_*. */
    const struct ofp_header *msg;
};

const char *ofputil_bundle_ctrl_type_to_string(uint16_t type);
void ofputil_format_bundle_flags(struct ds *, uint16_t flags);

enum ofperr ofputil_decode_bundle_ctrl(const struct ofp_header *,
                                       struct ofputil_bundle_ctrl_msg *);
struct ofpbuf *ofputil_encode_bundle_ctrl_request(
    enum ofp_version, const struct ofputil_bundle_ctrl_msg *);
struct ofpbuf *ofputil_encode_bundle_ctrl_reply(
    const struct ofp_header *request, const struct ofputil_bundle_ctrl_msg *);
void ofputil_format_bundle_ctrl(struct ds *,
                                const struct ofputil_bundle_ctrl_msg *);

/* Decodes bundle-add 'oh'.  On success, 'msg->msg' points to the carried
 * message inside 'oh' and, if 'type' is nonnull, '*type' receives its
 * type.  Errors: OFPBFC_MSG_BAD_LEN (carried message truncated or its
 * length shorter than a header), OFPBFC_BAD_VERSION (its version differs),
 * OFPBFC_MSG_BAD_XID (its xid differs), OFPBFC_MSG_UNSUP (it does not
 * decode or may not be bundled). */
enum ofperr ofputil_decode_bundle_add(const struct ofp_header *,
                                      struct ofputil_bundle_add_msg *,
                                      enum ofptype *type);
struct ofpbuf *ofputil_encode_bundle_add(enum ofp_version,
                                         const struct ofputil_bundle_add_msg *);

/* True if messages of 'type' may be added to a bundle. */
bool ofputil_is_bundlable(enum ofptype type);

void ofputil_bundle_print_register(void);

#endif /* ofp-bundle.h */
