/* multipath.h: the "multipath" action: choosing one of N links by hashing
 * packet fields.
 *
 * What: text parsing and formatting of multipath(...) in ovs-ofctl's
 * syntax, validation, and the link selection itself (multipath_execute()).
 * The internal representation is 'struct ofpact_multipath'
 * (ofp-actions.h); its wire encoding (NXAST_MULTIPATH) lives in
 * multipath.c.
 *
 * Design: the hash covers the fields that 'fields' (enum nx_hash_fields)
 * selects, seeded with 'basis'; the algorithm maps the hash to a link
 * number in [0, max_link], written to the destination subfield.
 *
 * Thread-safety: reentrant. */
#ifndef SVS_MULTIPATH_H
#define SVS_MULTIPATH_H 1

#include "ofp-actions.h"

struct ds;
struct flow;
struct flow_wildcards;
struct match;

/* Parses the inside of "multipath(...)" and appends an OFPACT_MULTIPATH
 * to 'ofpacts'.  Returns NULL or a malloc'd error message. */
char *multipath_parse(const char *arg, struct ofpbuf *ofpacts)
    SVS_WARN_UNUSED_RESULT;
/* Appends "multipath(...)" to 's'. */
void multipath_format(const struct ofpact_multipath *, struct ds *s);
/* Checks the destination against 'match' (NULL: range only). */
enum ofperr multipath_check(const struct ofpact_multipath *,
                            const struct match *match);
/* Selects a link for 'flow' and writes it to the destination subfield of
 * 'flow'; sets the hashed bits in 'wc' (if nonnull). */
void multipath_execute(const struct ofpact_multipath *, struct flow *flow,
                       struct flow_wildcards *wc);

/* The symmetric or asymmetric hash of 'flow''s 'fields' with 'basis',
 * shared by multipath and bundle.  Sets the bits it reads in 'wc' (if
 * nonnull). */
uint32_t multipath_hash_fields(const struct flow *flow,
                               enum nx_hash_fields fields, uint16_t basis,
                               struct flow_wildcards *wc);

#endif /* multipath.h */
