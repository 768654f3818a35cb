/* learn.h: the "learn" action: adding flows from the packet pipeline.
 *
 * What: text parsing and formatting of learn(...) in ovs-ofctl's syntax,
 * validation of a learn action against the match of the flow that
 * contains it, and construction of the flow a learn action would add for
 * a given packet (learn_execute()).  The internal representation is
 * 'struct ofpact_learn' (ofp-actions.h); its wire encodings (NXAST_LEARN
 * and NXAST_LEARN2) live in learn.c with the rest of the action.
 *
 * Design: each spec of a learn action either adds a match on a field to
 * the learned flow (from the packet's field or an immediate value), loads
 * a field in the learned flow's actions, or outputs to a port taken from
 * a field.  Specs are stored in 'specs[]' with immediate values inline.
 *
 * Thread-safety: reentrant; touches only the objects passed in. */
#ifndef SVS_LEARN_H
#define SVS_LEARN_H 1

#include "ofp-actions.h"

struct ds;
struct flow;
struct flow_wildcards;
struct match;

/* Parses the inside of "learn(...)" and appends an OFPACT_LEARN to
 * 'ofpacts'.  Returns NULL or a malloc'd error message. */
char *learn_parse(char *arg, struct ofpbuf *ofpacts) SVS_WARN_UNUSED_RESULT;
/* Appends "learn(...)" to 's'. */
void learn_format(const struct ofpact_learn *, struct ds *s);
/* Checks 'learn' for use in a flow with 'src_match' (NULL: no
 * prerequisite checks).  Returns 0 or an enum ofperr. */
enum ofperr learn_check(const struct ofpact_learn *,
                        const struct match *src_match);

/* The flow a learn action adds for a packet with 'flow': its match, the
 * 'ofpacts' of its actions (appended; load and output specs), and its
 * other parameters copied from 'learn'.  Bits of 'flow' that the learned
 * match depends on are set in 'wc' if it is nonnull. */
void learn_execute(const struct ofpact_learn *, const struct flow *flow,
                   struct match *match, struct ofpbuf *ofpacts,
                   struct flow_wildcards *wc);

/* Iterates over the specs of 'LEARN'. */
#define LEARN_SPEC_FOR_EACH(SPEC, LEARN)                                \
    for ((SPEC) = (LEARN)->specs;                                       \
         (SPEC) < (LEARN)->specs + (LEARN)->n_specs; (SPEC)++)

#endif /* learn.h */
