/* ofp-bundle.c: OpenFlow bundle messages (see ofp-bundle.h). */
#include <config.h>
#include "ofp-bundle.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "dynamic-string.h"
#include "ofp-msgs.h"
#include "ofp-print.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_bundle);

static struct vlog_rate_limit bundle_rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Returns the name of bundle control type 'type' ("OPEN_REQUEST", ...), or
 * "" for an unknown type (ovs-ofctl prints "type=" for those). */
const char *
ofputil_bundle_ctrl_type_to_string(uint16_t type)
{
    switch (type) {
    case OFPBCT_OPEN_REQUEST: return "OPEN_REQUEST";
    case OFPBCT_OPEN_REPLY: return "OPEN_REPLY";
    case OFPBCT_CLOSE_REQUEST: return "CLOSE_REQUEST";
    case OFPBCT_CLOSE_REPLY: return "CLOSE_REPLY";
    case OFPBCT_COMMIT_REQUEST: return "COMMIT_REQUEST";
    case OFPBCT_COMMIT_REPLY: return "COMMIT_REPLY";
    case OFPBCT_DISCARD_REQUEST: return "DISCARD_REQUEST";
    case OFPBCT_DISCARD_REPLY: return "DISCARD_REPLY";
    default: return "";
    }
}

/* Appends "flags=..." for bundle flags 'flags': the names of the known
 * flags separated by spaces, any other bits as one hex number, "0" if
 * none. */
void
ofputil_format_bundle_flags(struct ds *s, uint16_t flags)
{
    ds_put_cstr(s, "flags=");
    if (!flags) {
        ds_put_char(s, '0');
        return;
    }
    const char *sep = "";
    if (flags & OFPBF_ATOMIC) {
        ds_put_format(s, "%satomic", sep);
        sep = " ";
    }
    if (flags & OFPBF_ORDERED) {
        ds_put_format(s, "%sordered", sep);
        sep = " ";
    }
    uint16_t other = flags & ~(OFPBF_ATOMIC | OFPBF_ORDERED);
    if (other) {
        ds_put_format(s, "%s%#"PRIx16, sep, other);
    }
}

enum ofperr
ofputil_decode_bundle_ctrl(const struct ofp_header *oh,
                           struct ofputil_bundle_ctrl_msg *bc)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    enum ofpraw raw = ofpraw_pull_assert(&b);
    svs_assert(raw == OFPRAW_OFPT14_BUNDLE_CONTROL
               || raw == OFPRAW_ONFT_BUNDLE_CONTROL);

    const struct ofp14_bundle_ctrl_msg *m = ofpbuf_pull(&b, sizeof *m);
    bc->bundle_id = ntohl(m->bundle_id);
    bc->type = ntohs(m->type);
    bc->flags = ntohs(m->flags);
    /* Properties, if any, are ignored. */
    return 0;
}

static struct ofpbuf *
put_bundle_ctrl(struct ofpbuf *msg, const struct ofputil_bundle_ctrl_msg *bc)
{
    struct ofp14_bundle_ctrl_msg *m = ofpbuf_put_zeros(msg, sizeof *m);
    m->bundle_id = htonl(bc->bundle_id);
    m->type = htons(bc->type);
    m->flags = htons(bc->flags);
    ofpmsg_update_length(msg);
    return msg;
}

/* Encodes 'bc' as a bundle control request for 'version', which must be
 * OpenFlow 1.3 (the ONF extension) or later (the standard message). */
struct ofpbuf *
ofputil_encode_bundle_ctrl_request(enum ofp_version version,
                                   const struct ofputil_bundle_ctrl_msg *bc)
{
    enum ofpraw raw = (version == OFP13_VERSION
                       ? OFPRAW_ONFT_BUNDLE_CONTROL
                       : OFPRAW_OFPT14_BUNDLE_CONTROL);
    svs_assert(version >= OFP13_VERSION);
    return put_bundle_ctrl(ofpraw_alloc(raw, version, 0), bc);
}

/* Encodes 'bc' as the bundle control reply to 'request'. */
struct ofpbuf *
ofputil_encode_bundle_ctrl_reply(const struct ofp_header *request,
                                 const struct ofputil_bundle_ctrl_msg *bc)
{
    enum ofpraw raw = ofpraw_decode_assert(request);
    return put_bundle_ctrl(ofpraw_alloc_reply(raw, request, 0), bc);
}

void
ofputil_format_bundle_ctrl(struct ds *s,
                           const struct ofputil_bundle_ctrl_msg *bc)
{
    ds_put_cstr(s, "\n bundle_id=");
    ds_put_format(s, "%#"PRIx32, bc->bundle_id);
    ds_put_format(s, " type=%s ",
                  ofputil_bundle_ctrl_type_to_string(bc->type));
    ofputil_format_bundle_flags(s, bc->flags);
}

bool
ofputil_is_bundlable(enum ofptype type)
{
    switch (type) {
    case OFPTYPE_FLOW_MOD:
    case OFPTYPE_GROUP_MOD:
    case OFPTYPE_PORT_MOD:
    case OFPTYPE_PACKET_OUT:
        return true;
    default:
        return false;
    }
}

enum ofperr
ofputil_decode_bundle_add(const struct ofp_header *oh,
                          struct ofputil_bundle_add_msg *bam,
                          enum ofptype *typep)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    enum ofpraw raw = ofpraw_pull_assert(&b);
    svs_assert(raw == OFPRAW_OFPT14_BUNDLE_ADD_MESSAGE
               || raw == OFPRAW_ONFT_BUNDLE_ADD_MESSAGE);

    const struct ofp14_bundle_add_msg *m = ofpbuf_pull(&b, sizeof *m);
    bam->bundle_id = ntohl(m->bundle_id);
    bam->flags = ntohs(m->flags);

    /* The carried message. */
    const struct ofp_header *inner = b.data;
    size_t inner_len = (b.size >= sizeof *inner
                        ? ntohs(inner->length) : 0);
    if (inner_len < sizeof *inner || inner_len > b.size) {
        return OFPERR_OFPBFC_MSG_BAD_LEN;
    }
    if (inner->version != oh->version) {
        return OFPERR_OFPBFC_BAD_VERSION;
    }
    if (inner->xid != oh->xid) {
        return OFPERR_OFPBFC_MSG_BAD_XID;
    }

    enum ofpraw inner_raw;
    enum ofperr error = ofpraw_decode(&inner_raw, inner);
    if (error) {
        VLOG_WARN_RL(&bundle_rl, "OFPT14_BUNDLE_ADD_MESSAGE contained "
                     "message is unparsable (%s)", ofperr_get_name(error));
        return OFPERR_OFPBFC_MSG_UNSUP;
    }
    enum ofptype type = ofptype_from_ofpraw(inner_raw);
    if (!ofputil_is_bundlable(type)) {
        VLOG_WARN_RL(&bundle_rl, "%s message not allowed inside "
                     "OFPT14_BUNDLE_ADD_MESSAGE",
                     ofpraw_get_name(inner_raw));
        return OFPERR_OFPBFC_MSG_UNSUP;
    }

    /* Properties may follow the message; they are ignored. */
    bam->msg = inner;
    if (typep) {
        *typep = type;
    }
    return 0;
}

/* Encodes 'bam' for 'version' (1.3: ONF extension; 1.4+: standard).  The
 * carried message is copied as is. */
struct ofpbuf *
ofputil_encode_bundle_add(enum ofp_version version,
                          const struct ofputil_bundle_add_msg *bam)
{
    enum ofpraw raw = (version == OFP13_VERSION
                       ? OFPRAW_ONFT_BUNDLE_ADD_MESSAGE
                       : OFPRAW_OFPT14_BUNDLE_ADD_MESSAGE);
    size_t inner_len = ntohs(bam->msg->length);
    svs_assert(version >= OFP13_VERSION);

    struct ofpbuf *msg = ofpraw_alloc_xid(raw, version, bam->msg->xid,
                                          sizeof(struct ofp14_bundle_add_msg)
                                          + inner_len);
    struct ofp14_bundle_add_msg *m = ofpbuf_put_zeros(msg, sizeof *m);
    m->bundle_id = htonl(bam->bundle_id);
    m->flags = htons(bam->flags);
    ofpbuf_put(msg, bam->msg, inner_len);
    ofpmsg_update_length(msg);
    return msg;
}

static enum ofperr
print_bundle_ctrl(struct ds *s, const struct ofp_header *oh,
                  enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_bundle_ctrl_msg bc;
    enum ofperr error = ofputil_decode_bundle_ctrl(oh, &bc);
    if (!error) {
        ofputil_format_bundle_ctrl(s, &bc);
    }
    return error;
}

static enum ofperr
print_bundle_add(struct ds *s, const struct ofp_header *oh,
                 enum ofpraw raw SVS_UNUSED, int verbosity)
{
    struct ofputil_bundle_add_msg bam;
    enum ofperr error = ofputil_decode_bundle_add(oh, &bam, NULL);
    if (error) {
        return error;
    }
    ds_put_format(s, "\n bundle_id=%#"PRIx32" ", bam.bundle_id);
    ofputil_format_bundle_flags(s, bam.flags);
    ds_put_char(s, '\n');
    ofp_format(s, bam.msg, ntohs(bam.msg->length), verbosity);
    return 0;
}

void
ofputil_bundle_print_register(void)
{
    ofp_print_register_default(OFPTYPE_BUNDLE_CONTROL, print_bundle_ctrl);
    ofp_print_register_default(OFPTYPE_BUNDLE_ADD_MESSAGE, print_bundle_add);
}
