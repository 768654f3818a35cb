/* nx-match.h: NXM and OXM encoding and decoding of matches.
 *
 * What: a "flow match" on the wire is a sequence of type-length-value
 * entries, each a 32-bit header (class, field, hasmask, length), an
 * optional 32-bit experimenter ID (class 0xffff), the value and, if
 * hasmask, a mask of the same length.  Open vSwitch's Nicira extensions
 * (NXM, used by NXT_FLOW_MOD, NXST_FLOW, NXT_PACKET_IN...) send the bare
 * entries with an explicit length; OpenFlow 1.2+ (OXM) wraps them in an
 * ofp11_match_header {type = OFPMT_OXM (1), length} padded to 8 bytes.
 * This module converts between those bytes and 'struct match', validating
 * everything (lengths, known fields, masks allowed, values in range,
 * prerequisites, no duplicates), and converts between the bytes and the
 * text "NXM_OF_IN_PORT(0001), NXM_OF_ETH_TYPE(0800)" that
 * `ovs-ofctl parse-nx-match` and `parse-oxm` read and print.
 *
 * Compatibility: encodings are byte-identical to Open vSwitch 3.1's and
 * decoding makes the same choices (tests/test_flow.py checks against
 * `ovs-ofctl parse-nx-match` and `parse-oxm`), including these quirks:
 * decoding a field with a packet prerequisite pins packet_type (to
 * Ethernet, which the encoder then leaves implicit when Ethernet fields are
 * present); the loose decoders keep fields whose prerequisites fail (the
 * encoder omits them again); tun_erspan_ver/dir/hwid and
 * tun_gtpu_flags/msgtype are sent with their value as mask; ct_tp_src/dst
 * go out only with ct_nw_proto; in OXM a VLAN TCI becomes vlan_vid (with
 * OFPVID_PRESENT) plus vlan_pcp.  tun_metadata entries are as long as
 * their value (meta-flow.h); decoding takes up to 127 bytes of which the
 * first 124 count, recomputes the length from the value and mask, and
 * fails with OFPBMC_BAD_VALUE when the options exceed 256 bytes in all;
 * their text form ("NXM_NX_TUN_METADATA0(0000)") shows, as Open vSwitch
 * prints it, the first bytes of the field's whole 124-byte width, where
 * the value sits right-aligned.
 *
 * Design: the field catalogue is meta-flow's (mf_fields[].headers).
 * Headers are handled as 64-bit values: the 32-bit wire header in the low
 * half and, for class 0xffff, the experimenter ID in the high half (see
 * struct mf_nxm_header).  Encoding writes fields in a fixed order (the one
 * Open vSwitch uses, so that encodings are byte-identical) and omits
 * fields whose prerequisites the match lacks.
 *
 * Errors: decoders return 0 or an OpenFlow error code (enum ofperr).  Text
 * parsers return NULL or a malloc'd error message.
 *
 * Thread-safety: reentrant; touches only the objects passed in. */
#ifndef SVS_NX_MATCH_H
#define SVS_NX_MATCH_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"
#include "meta-flow.h"
#include "ofp-errors.h"
#include "svs-types.h"

struct ds;
struct match;
struct ofpbuf;

/* Wire header fields of a 64-bit header. */
static inline uint32_t nxm_experimenter(uint64_t header)
{
    return header >> 32;
}
static inline uint16_t nxm_class(uint64_t header)
{
    return header >> 16;
}
static inline uint8_t nxm_field(uint64_t header)
{
    return (header >> 9) & 0x7f;
}
static inline bool nxm_hasmask(uint64_t header)
{
    return (header >> 8) & 1;
}
static inline uint8_t nxm_length(uint64_t header)
{
    return header & 0xff;
}
/* True if 'header' is of the experimenter class 0xffff. */
static inline bool nxm_is_experimenter(uint64_t header)
{
    return nxm_class(header) == 0xffff;
}
/* Length of the value plus mask that follow the header on the wire (the
 * 4-byte experimenter ID excluded). */
static inline unsigned int nxm_payload_len(uint64_t header)
{
    return nxm_length(header) - (nxm_is_experimenter(header) ? 4 : 0);
}
/* Length of the header on the wire: 4, or 8 with an experimenter ID. */
static inline unsigned int nxm_header_len(uint64_t header)
{
    return nxm_is_experimenter(header) ? 8 : 4;
}
/* 'header' with hasmask set or cleared (and the length adjusted). */
uint64_t nxm_make_wild_header(uint64_t header);
uint64_t nxm_make_exact_header(uint64_t header);

/* OpenFlow 1.1+ match types (ofp11_match_header.type). */
#define OFPMT11_STANDARD 0
#define OFPMT_OXM 1

/* Decoding matches.
 *
 * nx_pull_match() pulls 'match_len' bytes of NXM entries plus padding to a
 * multiple of 8 from 'b' into 'match' (which it initializes).  'cookie'
 * and 'cookie_mask', if nonnull, receive an NXM_NX_COOKIE entry (zero if
 * absent; a cookie entry is an error if they are null).  With
 * 'pipeline_fields_only', only metadata fields a packet-in may carry are
 * accepted.  The _loose variants skip unknown fields instead of failing
 * (OFPBMC_BAD_FIELD), as Open vSwitch does for flow stats requests.
 *
 * oxm_pull_match() pulls an ofp11_match_header with type OFPMT_OXM, its
 * entries and padding from 'b'.
 *
 * All return 0 or an error: OFPBMC_BAD_LEN (truncated entry or bad
 * length), OFPBMC_BAD_FIELD (unknown field), OFPBMC_BAD_MASK (mask on a
 * non-maskable field or bad mask), OFPBMC_BAD_VALUE (value out of range),
 * OFPBMC_BAD_PREREQ (prerequisites missing), OFPBMC_DUP_FIELD (field twice),
 * OFPBMC_BAD_TYPE (oxm: match type not OXM). */
enum ofperr nx_pull_match(struct ofpbuf *b, unsigned int match_len,
                  struct match *match, be64 *cookie, be64 *cookie_mask,
                  bool pipeline_fields_only);
enum ofperr nx_pull_match_loose(struct ofpbuf *b, unsigned int match_len,
                        struct match *match, be64 *cookie,
                        be64 *cookie_mask, bool pipeline_fields_only);
enum ofperr oxm_pull_match(struct ofpbuf *b, bool pipeline_fields_only,
                   struct match *match);
enum ofperr oxm_pull_match_loose(struct ofpbuf *b, bool pipeline_fields_only,
                         struct match *match);
/* Decodes the 'len' bytes of bare OXM/NXM entries at 'p' (no header, no
 * padding). */
enum ofperr oxm_decode_match(const void *p, size_t len, bool loose,
                     struct match *match);

/* Reads the 'w'-byte value of field 'mf' at 'p' and, if 'masked', the
 * 'w'-byte mask that follows it, into 'value' and 'mask' (all-ones if not
 * 'masked').  'w' is the field's n_bytes, or for a variable-length field
 * (tun_metadata) the length sent, of which the first n_bytes count, as
 * Open vSwitch takes them, right-aligned.  The caller checks 'w'.
 * Returns 0, or OFPBMC_BAD_WILDCARDS if the value has 1-bits outside the
 * mask. */
enum ofperr nx_read_entry_value(const struct mf_field *, const uint8_t *p,
                              unsigned int w, bool masked,
                              union mf_value *value, union mf_value *mask);

/* Encoding matches.
 *
 * nx_put_match() appends 'match' as NXM entries (with an NXM_NX_COOKIE
 * entry if 'cookie_mask' is nonzero) followed by zero padding to a
 * multiple of 8, and returns the length without the padding.
 *
 * oxm_put_match() appends an ofp11_match_header, the OXM entries for
 * OpenFlow version 'version' (MF_OFP12...) and padding, returning the
 * length without the padding (the value of the header's length field).
 *
 * oxm_put_raw() appends only the entries. */
int nx_put_match(struct ofpbuf *b, const struct match *match,
                 be64 cookie, be64 cookie_mask);
int oxm_put_match(struct ofpbuf *b, const struct match *match,
                  uint8_t version);
void oxm_put_raw(struct ofpbuf *b, const struct match *match,
                 uint8_t version);

/* Entries and headers, for actions (set_field, reg_load, reg_move, learn)
 * and table features.
 *
 * nx_put_header() appends the header of 'mf' for 'version' (with hasmask
 * if 'masked').  nx_put_entry() appends header, value and, if 'mask' is
 * nonnull and not exact, the mask, using the masked header.
 *
 * nx_pull_header() pulls one header from 'b', storing its field (NULL if
 * unknown, when it returns OFPBMC_BAD_FIELD after pulling) and whether it
 * has a mask.  nx_pull_entry() pulls a whole entry and checks the value
 * and mask sizes (and, unless the field is unknown, validity).  Either
 * 'header' output may be null. */
void nx_put_header(struct ofpbuf *b, const struct mf_field *mf,
                   uint8_t version, bool masked);
void nx_put_entry(struct ofpbuf *b, const struct mf_field *mf,
                  uint8_t version, const union mf_value *value,
                  const union mf_value *mask);
enum ofperr nx_pull_header(struct ofpbuf *b, const struct mf_field **mfp,
                   bool *masked, uint64_t *header);
enum ofperr nx_pull_entry(struct ofpbuf *b, const struct mf_field **mfp,
                  union mf_value *value, union mf_value *mask,
                  uint64_t *header);
/* The header 'mf' is sent with in 'version' (unmasked), or 0 if none. */
uint64_t mf_oxm_header(const struct mf_field *mf, uint8_t version);

/* Text.
 *
 * nx_match_to_string() renders 'match_len' bytes of NXM/OXM entries as
 * "NXM_OF_IN_PORT(0001), NXM_OF_ETH_SRC_W(...)": a header name (with "_W"
 * for masked entries, or "NXM_HEADER(class,field,len)" style
 * "<unknown>"-free hex for unknown ones) and the value (and "/mask") in
 * hex; "<any>" for an empty match.  oxm_match_to_string() does the same
 * for an ofp11_match_header-framed OXM match of 'match_len' bytes
 * (header included).
 *
 * nx_match_from_string() parses that syntax and appends the entries plus
 * padding to 'b', storing the unpadded length in '*match_len';
 * oxm_match_from_string() appends an OXM match with its header.  Both
 * return NULL or a malloc'd error. */
char *nx_match_to_string(const uint8_t *p, unsigned int match_len);
char *oxm_match_to_string(const struct ofpbuf *b, unsigned int match_len);
char *nx_match_from_string(const char *s, struct ofpbuf *b,
                           int *match_len) SVS_WARN_UNUSED_RESULT;
char *oxm_match_from_string(const char *s, struct ofpbuf *b,
                            int *match_len) SVS_WARN_UNUSED_RESULT;
/* Appends the wire name of 'mf' for 'version' ("NXM_OF_ETH_SRC"). */
void nx_format_field_name(const struct mf_field *mf, uint8_t version,
                          struct ds *s);

#endif /* nx-match.h */
