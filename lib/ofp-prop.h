/* ofp-prop.h: OpenFlow 1.3+ property lists (type-length-value elements
 * padded to a multiple of 8 bytes).
 *
 * What: properties appear in many OpenFlow 1.4+ messages (ports, port-mod,
 * table-mod, role-status, bundles, async config, ...), in table features,
 * and in Nicira's NXT_PACKET_IN2.  ofpprop_pull() takes the next property
 * off a buffer, validating its length exactly as Open vSwitch does
 * (OFPBPC_BAD_LEN), and returns its payload; ofpprop_parse_*() check and
 * read fixed-size payloads; ofpprop_put_*() append properties.
 *
 * Experimenter properties carry a 32-bit experimenter id and a 32-bit
 * experimenter type after the header.  Their types are encoded into one
 * 64-bit "type" value by OFPPROP_EXP(EXPERIMENTER, EXP_TYPE), so decoders
 * can switch on one value.
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_OFP_PROP_H
#define SVS_OFP_PROP_H 1

#include <stdint.h>
#include "ofp-errors.h"
#include "openflow-common.h"

struct ofpbuf;

/* Encodes an experimenter property's id and type as one value that no
 * standard property type can equal. */
#define OFPPROP_EXP(EXPERIMENTER, EXP_TYPE) \
    ((UINT64_C(1) << 63) | ((uint64_t) (EXPERIMENTER) << 32) | (EXP_TYPE))
#define OFPPROP_IS_EXP(TYPE) (((TYPE) >> 63) != 0)

enum ofperr ofpprop_pull__(struct ofpbuf *msg, struct ofpbuf *property,
                           unsigned int alignment, unsigned int min_exp,
                           uint64_t *typep);
enum ofperr ofpprop_pull(struct ofpbuf *msg, struct ofpbuf *property,
                         uint64_t *typep);

enum ofperr ofpprop_parse_u8(const struct ofpbuf *, uint8_t *);
enum ofperr ofpprop_parse_u16(const struct ofpbuf *, uint16_t *);
enum ofperr ofpprop_parse_u32(const struct ofpbuf *, uint32_t *);
enum ofperr ofpprop_parse_u64(const struct ofpbuf *, uint64_t *);
enum ofperr ofpprop_parse_be64(const struct ofpbuf *, be64 *);

size_t ofpprop_start(struct ofpbuf *, uint64_t type);
void ofpprop_end(struct ofpbuf *, size_t start_ofs);
void ofpprop_put(struct ofpbuf *, uint64_t type, const void *value,
                 size_t len);
void ofpprop_put_u8(struct ofpbuf *, uint64_t type, uint8_t);
void ofpprop_put_u16(struct ofpbuf *, uint64_t type, uint16_t);
void ofpprop_put_u32(struct ofpbuf *, uint64_t type, uint32_t);
void ofpprop_put_u64(struct ofpbuf *, uint64_t type, uint64_t);

#endif /* ofp-prop.h */
