/* bundle.h: the "bundle" and "bundle_load" actions: choosing a live member
 * port of a bundle.
 *
 * What: text parsing and formatting of bundle(...) and bundle_load(...) in
 * ovs-ofctl's syntax, validation, and member selection (bundle_execute()).
 * The internal representation is 'struct ofpact_bundle' (ofp-actions.h);
 * its wire encodings (NXAST_BUNDLE, NXAST_BUNDLE_LOAD) live in bundle.c.
 *
 * Design: "active_backup" picks the first live member; "hrw" (highest
 * random weight) hashes the flow's selected fields with each member and
 * picks the live member with the highest hash.  bundle_load writes the
 * chosen port into a subfield instead of outputting to it.
 *
 * Thread-safety: reentrant; the liveness callback must be safe to call
 * from the caller's thread. */
#ifndef SVS_BUNDLE_H
#define SVS_BUNDLE_H 1

#include "ofp-actions.h"

struct ds;
struct flow;
struct flow_wildcards;
struct match;

/* The most members one bundle action may list. */
#define BUNDLE_MAX_MEMBERS 2048

/* Parses the inside of "bundle(...)" / "bundle_load(...)" and appends an
 * OFPACT_BUNDLE to 'ofpacts'.  Returns NULL or a malloc'd error. */
char *bundle_parse(const char *arg, struct ofpbuf *ofpacts)
    SVS_WARN_UNUSED_RESULT;
char *bundle_parse_load(const char *arg, struct ofpbuf *ofpacts)
    SVS_WARN_UNUSED_RESULT;
/* Appends "bundle(...)" or "bundle_load(...)" to 's'. */
void bundle_format(const struct ofpact_bundle *, struct ds *s);
/* Checks members against 'max_ports' and the destination against
 * 'match' (NULL: range only).  Returns 0 or an enum ofperr. */
enum ofperr bundle_check(const struct ofpact_bundle *, ofp_port_t max_ports,
                         const struct match *match);
/* Returns the member chosen for 'flow' among those for which
 * 'member_enabled' returns true, or OFPP_NONE if none is live.  Sets the
 * hashed bits in 'wc' (if nonnull). */
ofp_port_t bundle_execute(const struct ofpact_bundle *,
                          const struct flow *flow, struct flow_wildcards *wc,
                          bool (*member_enabled)(ofp_port_t, void *aux),
                          void *aux);

#endif /* bundle.h */
