/* ofp-errors.h: OpenFlow errors, as one enumeration over every version.
 *
 * What: 'enum ofperr' has one value per error that Open vSwitch 3.1 (and
 * so svs) reports or understands: the standard errors of OpenFlow 1.0
 * through 1.5 plus the Nicira (NX*) and ONF extension errors.  Each value
 * knows its name as ovs-ofctl prints it ("OFPBRC_BAD_LEN"), a description,
 * and its (vendor, type, code) in each OpenFlow version, or that the
 * version cannot express it.  The values come from ofp-errors-table.h.
 *
 * Design: the values start at OFPERR_OFS (1 << 30), so they are disjoint
 * from errno values and a function may return "0, a positive errno, or an
 * enum ofperr" unambiguously.  0 always means success.  Encoding follows
 * the wire rules of each version:
 *   - a standard error is OFPT_ERROR with (type, code);
 *   - a vendor error in OpenFlow 1.0 and 1.1 is type NXET_VENDOR with
 *     struct nx_vendor_error {vendor, type, code} before the data;
 *   - a vendor error in OpenFlow 1.2+ is type OFPET12_EXPERIMENTER with the
 *     vendor's type as 'exp_type' and the vendor id as 'experimenter';
 *   - an error that the target version cannot express is sent as
 *     NXBRC_UNENCODABLE_ERROR.
 *
 * Thread-safety: every function is thread-safe (tables are constant). */
#ifndef SVS_OFP_ERRORS_H
#define SVS_OFP_ERRORS_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "openflow-common.h"

struct ds;
struct ofpbuf;

#define OFPERR_OFS (1 << 30)

/* An OpenFlow error.  0 is success; every error is >= OFPERR_OFS. */
enum ofperr {
    OFPERR_BEFORE_FIRST__ = OFPERR_OFS - 1,
#define OFPERR_ENTRY(NAME, DESC, V10, V11, V12, V13, V14, V15) \
    OFPERR_##NAME,
#include "ofp-errors-table.h"
#undef OFPERR_ENTRY
    OFPERR_AFTER_LAST__
};

#define OFPERR_N_ERRORS (OFPERR_AFTER_LAST__ - OFPERR_OFS)

/* Iterates 'ERROR' over every valid enum ofperr. */
#define OFPERR_FOR_EACH(ERROR) \
    for ((ERROR) = OFPERR_OFS; (ERROR) < OFPERR_AFTER_LAST__; (ERROR)++)

/* Names and descriptions. */
bool ofperr_is_valid(int error);
const char *ofperr_get_name(enum ofperr);
const char *ofperr_get_description(enum ofperr);
const char *ofperr_to_string(int error);
enum ofperr ofperr_from_name(const char *);

/* Per-version encoding of an error. */
bool ofperr_is_encodable(enum ofperr, enum ofp_version);
int ofperr_get_vendor(enum ofperr, enum ofp_version);
int ofperr_get_type(enum ofperr, enum ofp_version);
int ofperr_get_code(enum ofperr, enum ofp_version);
enum ofperr ofperr_decode(enum ofp_version, uint32_t vendor, uint16_t type,
                          uint16_t code);

/* Error messages. */
struct ofpbuf *ofperr_encode_reply(enum ofperr, const struct ofp_header *);
struct ofpbuf *ofperr_encode_hello(enum ofperr, enum ofp_version,
                                   const char *text);
struct ofpbuf *ofperr_encode_msg(enum ofperr, enum ofp_version, be32 xid,
                                 const void *data, size_t data_len);
enum ofperr ofperr_decode_msg(const struct ofp_header *,
                              struct ofpbuf *payload);

#endif /* ofp-errors.h */
