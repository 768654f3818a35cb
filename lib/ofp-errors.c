/* ofp-errors.c: OpenFlow errors (see ofp-errors.h). */
#include <config.h>
#include "ofp-errors.h"

#include <string.h>
#include "ofpbuf.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_errors);

/* The encoding of one error in one version. */
struct ofperr_code {
    int32_t vendor;             /* -1 if the version cannot express it. */
    uint16_t type;
    uint16_t code;
};

/* Everything known about one error. */
struct ofperr_info {
    const char *name;
    const char *description;
    struct ofperr_code codes[OFP_MAX_VERSION];  /* Index: version - 1. */
};

#define OFPERR_NONE { -1, 0, 0 }
#define OFPERR_C(VENDOR, TYPE, CODE) { VENDOR, TYPE, CODE }
static const struct ofperr_info ofperr_infos[] = {
#define OFPERR_ENTRY(NAME, DESC, V10, V11, V12, V13, V14, V15) \
    { #NAME, DESC, { V10, V11, V12, V13, V14, V15 } },
#include "ofp-errors-table.h"
#undef OFPERR_ENTRY
};
#undef OFPERR_NONE
#undef OFPERR_C

_Static_assert(ARRAY_SIZE(ofperr_infos) == OFPERR_N_ERRORS,
               "ofperr table size");

static const struct ofperr_info *
ofperr_info(enum ofperr error)
{
    svs_assert(ofperr_is_valid(error));
    return &ofperr_infos[error - OFPERR_OFS];
}

/* Returns the encoding of 'error' in 'version', or NULL if 'version' is not
 * a known version or cannot express 'error'. */
static const struct ofperr_code *
ofperr_code(enum ofperr error, enum ofp_version version)
{
    if (version < OFP_MIN_VERSION || version > OFP_MAX_VERSION) {
        return NULL;
    }
    const struct ofperr_code *c = &ofperr_info(error)->codes[version - 1];
    return c->vendor >= 0 ? c : NULL;
}

/* Returns true if 'error' is an enum ofperr value (not 0 and not an
 * errno). */
bool
ofperr_is_valid(int error)
{
    return error >= OFPERR_OFS && error < OFPERR_AFTER_LAST__;
}

/* Returns the name of 'error' as ovs-ofctl prints it, e.g.
 * "OFPBRC_BAD_LEN".  'error' must be valid. */
const char *
ofperr_get_name(enum ofperr error)
{
    return ofperr_info(error)->name;
}

/* Returns a human-readable description of 'error', which must be valid. */
const char *
ofperr_get_description(enum ofperr error)
{
    return ofperr_info(error)->description;
}

/* Returns the name of 'error' if it is a valid enum ofperr, "<invalid>"
 * otherwise (ovs-ofctl prints the same for a non-OpenFlow error). */
const char *
ofperr_to_string(int error)
{
    return ofperr_is_valid(error) ? ofperr_get_name(error) : "<invalid>";
}

/* Returns the error whose name is 'name' (e.g. "OFPBRC_BAD_LEN"), or 0 if
 * there is none. */
enum ofperr
ofperr_from_name(const char *name)
{
    enum ofperr error;

    OFPERR_FOR_EACH (error) {
        if (!strcmp(name, ofperr_get_name(error))) {
            return error;
        }
    }
    return 0;
}

/* Returns true if 'version' can express 'error'. */
bool
ofperr_is_encodable(enum ofperr error, enum ofp_version version)
{
    return ofperr_code(error, version) != NULL;
}

/* Returns the vendor id of 'error' in 'version' (0 for a standard error),
 * or -1 if 'version' cannot express it. */
int
ofperr_get_vendor(enum ofperr error, enum ofp_version version)
{
    const struct ofperr_code *c = ofperr_code(error, version);
    return c ? c->vendor : -1;
}

/* Returns the type of 'error' in 'version' (the vendor's type for a vendor
 * error), or -1 if 'version' cannot express it. */
int
ofperr_get_type(enum ofperr error, enum ofp_version version)
{
    const struct ofperr_code *c = ofperr_code(error, version);
    return c ? c->type : -1;
}

/* Returns the code of 'error' in 'version', or -1 if 'version' cannot
 * express it. */
int
ofperr_get_code(enum ofperr error, enum ofp_version version)
{
    const struct ofperr_code *c = ofperr_code(error, version);
    return c ? c->code : -1;
}

/* Returns the error that 'version' encodes as ('vendor', 'type', 'code'),
 * or 0 if there is none.  For a vendor error in OpenFlow 1.2 and later,
 * 'code' is ignored. */
enum ofperr
ofperr_decode(enum ofp_version version, uint32_t vendor, uint16_t type,
              uint16_t code)
{
    enum ofperr error;

    OFPERR_FOR_EACH (error) {
        const struct ofperr_code *c = ofperr_code(error, version);
        if (c && (uint32_t) c->vendor == vendor && c->type == type
            && (c->code == code || (vendor && version >= OFP12_VERSION))) {
            return error;
        }
    }
    return 0;
}

/* Returns a new OFPT_ERROR message of 'version' with 'xid' that reports
 * 'error' and carries the 'data_len' bytes at 'data'.  If 'version' cannot
 * express 'error', reports NXBRC_UNENCODABLE_ERROR instead (and logs
 * it). */
struct ofpbuf *
ofperr_encode_msg(enum ofperr error, enum ofp_version version, be32 xid,
                  const void *data, size_t data_len)
{
    const struct ofperr_code *c = ofperr_code(error, version);
    struct ofp_header *oh;
    struct ofpbuf *b;

    if (!c) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
        VLOG_ERR_RL(&rl, "cannot encode %s for OpenFlow 1.%d",
                    ofperr_get_name(error), version - 1);
        error = OFPERR_NXBRC_UNENCODABLE_ERROR;
        c = ofperr_code(error, version);
        if (!c) {
            /* An unknown version: use OpenFlow 1.0's encoding. */
            c = &ofperr_info(error)->codes[0];
        }
    }

    b = ofpbuf_new(sizeof *oh + 12 + data_len);
    oh = ofpbuf_put_zeros(b, sizeof *oh);
    oh->version = version;
    oh->type = OFPT_ERROR;
    oh->xid = xid;

    if (!c->vendor) {
        struct ofp_error_msg *em = ofpbuf_put_uninit(b, sizeof *em);
        em->type = htons(c->type);
        em->code = htons(c->code);
    } else if (version < OFP12_VERSION) {
        struct ofp_error_msg *em = ofpbuf_put_uninit(b, sizeof *em);
        em->type = htons(NXET_VENDOR);
        em->code = htons(NXVC_VENDOR_ERROR);

        struct nx_vendor_error *nve = ofpbuf_put_uninit(b, sizeof *nve);
        nve->vendor = htonl(c->vendor);
        nve->type = htons(c->type);
        nve->code = htons(c->code);
    } else {
        struct ofp12_error_experimenter *ee = ofpbuf_put_uninit(b,
                                                                sizeof *ee);
        ee->type = htons(OFPET12_EXPERIMENTER);
        ee->exp_type = htons(c->type);
        ee->experimenter = htonl(c->vendor);
    }
    ofpbuf_put(b, data, data_len);

    oh = b->data;
    oh->length = htons(b->size);
    b->header = oh;
    b->msg = (char *) b->data + sizeof *oh;
    return b;
}

/* Returns an error reply to 'oh' (in its version, with its xid) that
 * reports 'error' and carries the whole of 'oh' as data. */
struct ofpbuf *
ofperr_encode_reply(enum ofperr error, const struct ofp_header *oh)
{
    return ofperr_encode_msg(error, oh->version, oh->xid, oh,
                             ntohs(oh->length));
}

/* Returns an OFPHFC_* error message of 'version' (xid 0) that carries the
 * ASCII 'text', for a failed hello exchange. */
struct ofpbuf *
ofperr_encode_hello(enum ofperr error, enum ofp_version version,
                    const char *text)
{
    return ofperr_encode_msg(error, version, 0, text, strlen(text));
}

/* Decodes the OFPT_ERROR message 'oh' (whose length must be at least that
 * of an ofp_header plus ofp_error_msg, as ofpraw_decode() checks).
 * Returns the error it reports and points 'payload' (if nonnull) at the
 * data that follows the error's encoding, or returns 0 if the message
 * does not hold an error that svs knows. */
enum ofperr
ofperr_decode_msg(const struct ofp_header *oh, struct ofpbuf *payload)
{
    size_t len = ntohs(oh->length);
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, len);
    if (!ofpbuf_try_pull(&b, sizeof *oh)) {
        return 0;
    }
    const struct ofp_error_msg *em = ofpbuf_try_pull(&b, sizeof *em);
    if (!em) {
        return 0;
    }

    uint32_t vendor = 0;
    uint16_t type = ntohs(em->type);
    uint16_t code = ntohs(em->code);
    if (oh->version < OFP12_VERSION && type == NXET_VENDOR
        && code == NXVC_VENDOR_ERROR) {
        const struct nx_vendor_error *nve = ofpbuf_try_pull(&b, sizeof *nve);
        if (!nve) {
            return 0;
        }
        vendor = ntohl(nve->vendor);
        type = ntohs(nve->type);
        code = ntohs(nve->code);
    } else if (type == OFPET12_EXPERIMENTER) {
        const be32 *experimenter = ofpbuf_try_pull(&b, sizeof *experimenter);
        if (!experimenter) {
            return 0;
        }
        vendor = ntohl(*experimenter);
        type = code;
        code = 0;
    }

    enum ofperr error = ofperr_decode(oh->version, vendor, type, code);
    if (error && payload) {
        ofpbuf_use_const(payload, b.data, b.size);
    }
    return error;
}
