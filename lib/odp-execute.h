/* odp-execute.h: executing datapath actions on packets.
 *
 * What: odp_execute_actions() applies an action list (odp-util.h) to a
 * batch of packets: header rewrites (set, set_masked), VLAN and MPLS
 * push/pop, hash, sample, clone, check_pkt_len, trunc, drop.  Actions
 * that need the datapath itself (output, userspace, recirc, ct, ct_clear,
 * meter, set(tunnel(...)), tunnel push/pop, lb_output) go to the caller's
 * 'dp_execute_action' callback with the batch as it is at that point.
 * After trunc(N), the next output or userspace action gets copies cut to
 * N bytes (always to steal).  Malformed packets are never read or written
 * outside their bytes: a rewrite of a header that is not all there is
 * skipped.
 *
 * Ownership: with 'steal' true the function consumes the packets (the
 * batch is empty on return); with 'steal' false the caller keeps them, and
 * rewrites happen on clones where the original would be changed.  The
 * callback receives 'should_steal' with the same meaning: true when the
 * action is the last use of the packets.
 *
 * Thread-safety: reentrant; the callback must be, too. */
#ifndef SVS_ODP_EXECUTE_H
#define SVS_ODP_EXECUTE_H 1

#include <stdbool.h>
#include <stddef.h>

struct dp_packet_batch;
struct nlattr;

/* Called for each action that needs the datapath, with the batch as it is
 * then; 'should_steal' true means the callback owns the packets (and must
 * free or keep them), false that it must leave them to the caller. */
typedef void odp_execute_cb(void *aux, struct dp_packet_batch *batch,
                            const struct nlattr *action, bool should_steal);

/* Executes the 'actions_len' bytes of 'actions' on 'batch'.  'actions'
 * should be a list that odp_actions_validate() accepts; an action with a
 * malformed argument is skipped.  hash(l4(BASIS)) and hash(sym_l4(BASIS))
 * set each packet's 'dp_hash' from its addresses, protocol and ports (the
 * symmetric one the same in both directions); the values are svs's own.
 * sample() draws from random_uint32(). */
void odp_execute_actions(void *aux, struct dp_packet_batch *batch,
                         bool steal, const struct nlattr *actions,
                         size_t actions_len,
                         odp_execute_cb *dp_execute_action);

#endif /* odp-execute.h */
