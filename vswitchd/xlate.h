/* xlate.h: translation of a packet through a bridge's OpenFlow pipeline
 * into datapath actions and a megaflow mask.
 *
 * What: xlate_actions() runs 'flow' (OpenFlow in_port) through the tables
 * of a bridge (table 0 on, or the given actions for a packet-out),
 * following goto_table, resubmit, groups, patch ports into other bridges,
 * the action set and NORMAL (MAC learning, VLANs, flooding), and emits:
 *   - datapath actions (odp-util.h) in the datapath's port numbers, with
 *     set actions committed before each output;
 *   - the megaflow mask: every bit of the flow that a table lookup or an
 *     action consulted, so that every packet that agrees on those bits
 *     gets the same actions;
 *   - the rules the packet went through (for statistics);
 *   - with 'trace', the text of ofproto/trace.
 *
 * Thread-safety: callable from any thread (handlers in poll threads, the
 * main thread for revalidation and packet-outs); it takes the read side
 * of the provider's configuration lock and reads the OpenFlow tables
 * under RCU. */
#ifndef SVS_XLATE_H
#define SVS_XLATE_H 1

#include <stdbool.h>
#include <stddef.h>
#include "classifier.h"
#include "flow.h"

struct dp_packet;
struct ds;
struct ofpact;
struct ofpbuf;
struct ofproto_dpif;
struct rule;

/* Rules a translation went through, with references. */
struct xlate_rules {
    struct rule **rules;
    size_t n, allocated;
};

void xlate_rules_init(struct xlate_rules *);
void xlate_rules_clear(struct xlate_rules *);   /* Unrefs them. */
void xlate_rules_destroy(struct xlate_rules *);

struct xlate_in {
    struct ofproto_dpif *ofproto;
    struct flow flow;               /* in_port is an OpenFlow port. */
    const struct dp_packet *packet; /* May be NULL. */

    /* If nonnull, these actions replace the lookup in table 0 (a
     * packet-out). */
    const struct ofpact *ofpacts;
    size_t ofpacts_len;

    bool may_learn;                 /* Update MAC learning tables. */
    bool allow_side_effects;        /* Packet-ins and the like. */
    struct ds *trace;               /* ofproto/trace text, or NULL. */
    struct xlate_rules *rules;      /* Rules traversed, or NULL. */
};

struct xlate_out {
    struct flow_wildcards wc;       /* The megaflow mask. */
    struct flow final_flow;         /* The flow after the actions. */
    bool has_userspace;             /* Some action goes to userspace. */
};

/* Translates.  Appends datapath actions to 'odp_actions'.  Returns 0, or
 * EINVAL if the input port is unknown (the caller drops). */
int xlate_actions(const struct xlate_in *, struct xlate_out *,
                  struct ofpbuf *odp_actions);

#endif /* xlate.h */
