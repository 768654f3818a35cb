/* vconn.h: OpenFlow connections over byte streams.
 *
 * What: a vconn is one OpenFlow channel over a lib/stream connection
 * (unix:FILE, tcp:HOST:PORT, ssl:HOST:PORT).  Opening a vconn starts the
 * stream; connecting completes the stream's own setup and then the
 * OpenFlow handshake: each side sends OFPT_HELLO advertising the versions
 * it allows (a version bitmap, set by the caller as `-O` does), and the
 * connection speaks the highest version both allow.  Afterwards the vconn
 * sends and receives whole OpenFlow messages, framed by the length in
 * their ofp_header.
 *
 * Design:
 *   - Every function has a non-blocking form (returning EAGAIN when it
 *     cannot progress, to be retried after vconn_run_wait()/vconn_wait()
 *     and poll_block()) and most have a "_block" form that loops on the
 *     poll loop until done.
 *   - Received OFPT_ECHO_REQUESTs are answered inside vconn_recv() and
 *     never reach the caller (unless vconn_set_pass_echo()).
 *   - Framing checks every header: a length below 8 bytes or a version
 *     other than the negotiated one (except for hello, error and echo
 *     messages, which any version may carry) is EPROTO, logged with the
 *     connection's name.
 *   - The transaction helpers match replies by transaction id and drop
 *     (with a debug log) other messages that arrive meanwhile.  An
 *     OFPT_ERROR reply is returned both as the message (for printing) and
 *     as its decoded 'enum ofperr' return value.
 *   - Messages sent and received are logged at debug level in module
 *     "vconn" as ovs-ofctl's -vvconn shows them.
 *
 * Error convention: functions return 0, a positive errno value (EOF for
 * a connection closed by the peer; EPROTO for protocol violations and
 * failed version negotiation; ETIMEDOUT for an expired "_block" timeout),
 * or an 'enum ofperr' (>= OFPERR_OFS) where documented.
 *
 * Thread-safety: a vconn may be used by one thread at a time. */
#ifndef SVS_VCONN_H
#define SVS_VCONN_H 1

#include <stdbool.h>
#include <stdint.h>
#include "list.h"
#include "openflow-common.h"

struct ofpbuf;
struct ofp_header;
struct vconn;

/* Opening and connecting. */

/* Returns 0 if 'name' is a valid active vconn name, else EAFNOSUPPORT
 * (unknown transport) or EINVAL. */
int vconn_verify_name(const char *name);

/* Starts connecting to 'name' (see stream.h), allowing the OpenFlow
 * versions in bitmap 'allowed_versions' (bit N for version N; 0 means
 * every supported version).  On success stores the new vconn in '*vconnp'
 * and returns 0; the handshake then proceeds in vconn_connect().  On
 * failure stores NULL and returns a positive errno value (for unix:
 * names, ENOENT if the socket does not exist, ECONNREFUSED if nobody
 * listens). */
int vconn_open(const char *name, uint32_t allowed_versions, uint8_t dscp,
               struct vconn **vconnp);

/* Like vconn_open() followed by vconn_connect_block(): on failure
 * closes the vconn and stores NULL. */
int vconn_open_block(const char *name, uint32_t allowed_versions,
                     uint8_t dscp, long long int timeout,
                     struct vconn **vconnp);

/* Progresses the connection and the hello exchange.  Returns 0 once the
 * version is negotiated, EAGAIN while in progress, or the failure (which
 * is sticky). */
int vconn_connect(struct vconn *);

/* Waits until vconn_connect() returns other than EAGAIN, at most
 * 'timeout' msec (negative: no limit, then ETIMEDOUT). */
int vconn_connect_block(struct vconn *, long long int timeout);

/* Closes 'vconn' and frees it.  Accepts NULL. */
void vconn_close(struct vconn *);

/* Properties. */
const char *vconn_get_name(const struct vconn *);
uint32_t vconn_get_allowed_versions(const struct vconn *);
/* The negotiated OpenFlow version, or -1 before negotiation. */
int vconn_get_version(const struct vconn *);
/* Makes 'vconn' accept messages of any version after negotiation (for
 * watching connections whose peers use other versions). */
void vconn_set_recv_any_version(struct vconn *);
/* Makes vconn_recv() return echo requests to the caller instead of
 * answering them (for watching a connection relayed by a switch, whose
 * echo requests are not meant for this side). */
void vconn_set_pass_echo(struct vconn *);

/* Non-blocking messaging.  The connection must be connected (these call
 * vconn_connect() first and return its EAGAIN or error otherwise). */

/* Queues 'msg' for sending, taking ownership on success.  Returns 0,
 * EAGAIN if a previous message is still being sent (keeps 'msg' with the
 * caller), or the connection's error. */
int vconn_send(struct vconn *, struct ofpbuf *msg);

/* Receives one whole message into '*msgp' (caller frees it).  Returns 0,
 * EAGAIN if no complete message is available, EOF if the peer closed the
 * connection, or another error.  Echo requests are answered here. */
int vconn_recv(struct vconn *, struct ofpbuf **msgp);

/* Does the background work (flushing queued output). */
void vconn_run(struct vconn *);
/* Arranges for poll_block() to wake when vconn_run() has work to do. */
void vconn_run_wait(struct vconn *);

enum vconn_wait_type {
    WAIT_CONNECT,               /* Until vconn_connect() can progress. */
    WAIT_RECV,                  /* Until vconn_recv() can progress. */
    WAIT_SEND                   /* Until vconn_send() can progress. */
};
void vconn_wait(struct vconn *, enum vconn_wait_type);
void vconn_recv_wait(struct vconn *);

/* Blocking messaging. */

/* Sends 'msg', waiting until it is fully written.  Always takes
 * ownership of 'msg'. */
int vconn_send_block(struct vconn *, struct ofpbuf *msg);

/* Waits for and receives one message. */
int vconn_recv_block(struct vconn *, struct ofpbuf **msgp);

/* Waits for a message with transaction id 'xid', dropping others. */
int vconn_recv_xid(struct vconn *, be32 xid, struct ofpbuf **replyp);

/* Sends 'request' (always taking ownership) and waits for the message
 * with its transaction id, stored in '*replyp'.  Returns 0, a positive
 * errno value (then '*replyp' is NULL), or, if the reply is an
 * OFPT_ERROR, its enum ofperr (the message is in '*replyp'). */
int vconn_transact(struct vconn *, struct ofpbuf *request,
                   struct ofpbuf **replyp);

/* Sends 'request' followed by a barrier request and waits for the
 * barrier reply.  If the switch answers 'request' with an OFPT_ERROR,
 * stores it in '*replyp' and returns its enum ofperr; otherwise stores
 * NULL and returns 0 (or a positive errno value on connection
 * failure).  Any other reply to 'request' is dropped. */
int vconn_transact_noreply(struct vconn *, struct ofpbuf *request,
                           struct ofpbuf **replyp);

/* Does vconn_transact_noreply() for each request in 'requests' (a list
 * of struct ofpbuf, all of which are consumed) in order, each with its
 * own barrier.  Stops at the first error, whose reply (if any) is stored
 * in '*replyp'. */
int vconn_transact_multiple_noreply(struct vconn *, struct svs_list *requests,
                                    struct ofpbuf **replyp);

/* Sends the multipart request 'request' (always taking ownership) and
 * appends every reply message (struct ofpbuf, caller frees them with
 * ofpbuf_list_delete()) to 'replies' until one without the "more" flag.
 * Returns 0, a positive errno value, EPROTO if a reply is not a multipart
 * reply of the request's kind, or the enum ofperr of an OFPT_ERROR reply
 * (that message is then the last one appended). */
int vconn_dump_multipart(struct vconn *, struct ofpbuf *request,
                         struct svs_list *replies);

/* Sends 'requests' (a list of struct ofpbuf, all consumed) in one bundle
 * (OpenFlow 1.4+ bundles, or the ONF extension on OpenFlow 1.3) with
 * 'flags' (OFPBF_*): open, add each message, commit.  Error replies are
 * passed to 'error_reporter' (if nonnull) as they arrive; returns 0 if
 * the bundle committed, else the first error (enum ofperr or errno). */
int vconn_bundle_transact(struct vconn *, struct svs_list *requests,
                          uint16_t flags,
                          void (*error_reporter)(const struct ofp_header *));

#endif /* vconn.h */
