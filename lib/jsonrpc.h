/* jsonrpc.h: JSON-RPC 1.0 over streams, as RFC 7047 (OVSDB) uses it.
 *
 * What: three layers.
 *
 *   struct jsonrpc_msg   one message: request {"method", "params", "id"},
 *                        notification {"method", "params", "id": null},
 *                        reply {"result", "error": null, "id"} or error
 *                        reply {"error", "id"} (without "result", as Open
 *                        vSwitch sends it; "result": null is accepted).
 *
 *   struct jsonrpc       a connection over one stream: a queue of
 *                        outgoing bytes and an incremental parser for
 *                        incoming messages (concatenated JSON texts, no
 *                        framing).  Nonblocking; jsonrpc_send() never
 *                        blocks, jsonrpc_recv() returns EAGAIN when no
 *                        complete message is available.  Any error is
 *                        sticky: the connection is then dead.
 *
 *   struct jsonrpc_session  a connection that reconnects (with backoff,
 *                        see reconnect.h) to an active remote, or
 *                        listens on a passive one and takes connections,
 *                        and that probes idle peers with "echo" requests
 *                        and answers the peer's "echo" requests itself.
 *
 * Ownership: json_t arguments are stolen (their reference passes to the
 * callee), as in lib/json.h; a const json_t * argument is copied or
 * referenced as needed.  Message arguments of send functions are always
 * consumed, even on error.
 *
 * Sending is batched: the first message after each jsonrpc_run() is
 * written at once; messages queued after it in the same poll loop
 * iteration are written together by the next jsonrpc_run(), or as soon
 * as the queue exceeds a few kilobytes.  Callers therefore call
 * jsonrpc_run() and jsonrpc_wait() every iteration (jsonrpc_recv() also
 * flushes pending output).
 *
 * Errors: functions return 0 or a positive errno value; EOF means the
 * peer closed the connection; EPROTO means the peer sent bytes that are
 * not JSON or not a valid JSON-RPC message (the reason is logged).
 *
 * Thread-safety: none; each object is used by one thread at a time. */
#ifndef SVS_JSONRPC_H
#define SVS_JSONRPC_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"
#include "json.h"

struct pstream;
struct reconnect_stats;
struct stream;
struct svec;

/* Messages. */

enum jsonrpc_msg_type {
    JSONRPC_REQUEST,            /* Request: method, params, id. */
    JSONRPC_NOTIFY,             /* Notification: method, params. */
    JSONRPC_REPLY,              /* Successful reply: result, id. */
    JSONRPC_ERROR               /* Error reply: error, id. */
};

struct jsonrpc_msg {
    enum jsonrpc_msg_type type;
    char *method;               /* Request or notification only. */
    json_t *params;             /* Request or notification only: array. */
    json_t *result;             /* Reply only. */
    json_t *error;              /* Error reply only. */
    json_t *id;                 /* Request, reply or error reply. */
};

/* Creates a request with a fresh id (a process-wide counter, as a JSON
 * integer).  If 'idp' is nonnull, stores a new reference to the id in
 * it, which the caller must json_decref(). */
struct jsonrpc_msg *jsonrpc_create_request(const char *method,
                                           json_t *params, json_t **idp);
/* Like jsonrpc_create_request() with a caller-chosen 'id' (stolen). */
struct jsonrpc_msg *jsonrpc_create_request_with_id(const char *method,
                                                   json_t *params,
                                                   json_t *id);
struct jsonrpc_msg *jsonrpc_create_notify(const char *method,
                                          json_t *params);
/* Replies to the request whose id is 'id' (referenced, not stolen). */
struct jsonrpc_msg *jsonrpc_create_reply(json_t *result, const json_t *id);
struct jsonrpc_msg *jsonrpc_create_error(json_t *error, const json_t *id);
struct jsonrpc_msg *jsonrpc_msg_clone(const struct jsonrpc_msg *);

/* "request", "notification", "reply", "error". */
const char *jsonrpc_msg_type_to_string(enum jsonrpc_msg_type);
/* Returns NULL if 'msg' is well formed for its type, otherwise a malloc'd
 * description of the problem. */
char *jsonrpc_msg_is_valid(const struct jsonrpc_msg *msg);
void jsonrpc_msg_destroy(struct jsonrpc_msg *);

/* Converts 'json' (stolen) into a message.  Returns NULL and stores the
 * message in '*msgp', or returns a malloc'd error (and '*msgp' = NULL)
 * if 'json' is not a valid JSON-RPC message. */
char *jsonrpc_msg_from_json(json_t *json, struct jsonrpc_msg **msgp)
    SVS_WARN_UNUSED_RESULT;
/* Converts 'msg' (consumed) into JSON. */
json_t *jsonrpc_msg_to_json(struct jsonrpc_msg *msg);
/* Appends the wire form of 'msg' (not consumed) to 'out'. */
void jsonrpc_msg_to_ds(const struct jsonrpc_msg *msg, struct ds *out);
/* Returns a one-line description for logs: type, method, params, result,
 * error, id.  The caller frees it. */
char *jsonrpc_msg_to_string(const struct jsonrpc_msg *);

/* Connections. */

/* Wraps 'stream' (taken over) in a JSON-RPC connection. */
struct jsonrpc *jsonrpc_open(struct stream *);
/* Closes 'rpc' after one nonblocking attempt to send what is queued. */
void jsonrpc_close(struct jsonrpc *);

void jsonrpc_run(struct jsonrpc *);
void jsonrpc_wait(struct jsonrpc *);

/* 0, or the sticky error (EOF if the peer closed the connection). */
int jsonrpc_get_status(const struct jsonrpc *);
/* Bytes queued for sending but not yet sent. */
size_t jsonrpc_get_backlog(const struct jsonrpc *);
/* Bytes received so far. */
unsigned long long int jsonrpc_get_received_bytes(const struct jsonrpc *);
const char *jsonrpc_get_name(const struct jsonrpc *);
/* Limits incoming messages to 'max_size' bytes (0: no limit, the
 * default).  A larger message is a protocol error. */
void jsonrpc_set_max_msg_size(struct jsonrpc *, size_t max_size);

/* Queues 'msg' (consumed).  Returns the connection's status. */
int jsonrpc_send(struct jsonrpc *, struct jsonrpc_msg *);
/* Receives one message into '*msgp' (the caller destroys it).  Returns 0,
 * EAGAIN if no complete message is available yet, or the error. */
int jsonrpc_recv(struct jsonrpc *, struct jsonrpc_msg **msgp);

/* A hook that sees the text of every complete incoming message before it
 * is parsed.  If it returns true, it has taken care of the message, which
 * jsonrpc_recv() then drops without parsing it. */
typedef bool jsonrpc_raw_hook(const char *text, size_t len, void *aux);
void jsonrpc_set_raw_hook(struct jsonrpc *, jsonrpc_raw_hook *, void *aux);
void jsonrpc_recv_wait(struct jsonrpc *);

/* Blocking helpers (they run the poll loop). */
int jsonrpc_send_block(struct jsonrpc *, struct jsonrpc_msg *);
int jsonrpc_recv_block(struct jsonrpc *, struct jsonrpc_msg **);
/* Sends 'request' and waits for the reply with the same id (ignoring
 * other messages).  On success stores the reply (JSONRPC_REPLY or
 * JSONRPC_ERROR) in '*replyp'. */
int jsonrpc_transact_block(struct jsonrpc *, struct jsonrpc_msg *request,
                           struct jsonrpc_msg **replyp);

/* Opens 'name' with 'default_port' if it lacks one, e.g. "tcp:1.2.3.4"
 * becomes "tcp:1.2.3.4:6640" (jsonrpc_stream_open) or "ptcp:"
 * "ptcp:6640" (jsonrpc_pstream_open). */
int jsonrpc_stream_open(const char *name, struct stream **, uint8_t dscp);
int jsonrpc_pstream_open(const char *name, struct pstream **, uint8_t dscp);

/* Sessions. */

struct jsonrpc_session;

/* Creates a session that connects to, or (for a passive name) listens on,
 * 'name'.  If 'retry', reconnects after failures with backoff; otherwise
 * makes a single attempt.  Probes are on by default for tcp: and ssl:
 * (every 5 s), off for unix:. */
struct jsonrpc_session *jsonrpc_session_open(const char *name, bool retry);
/* Like jsonrpc_session_open() but cycles through 'remotes' (copied), one
 * per connection attempt. */
struct jsonrpc_session *jsonrpc_session_open_multiple(const struct svec *,
                                                      bool retry);
/* Wraps an accepted connection 'rpc' (taken over) in a session that does
 * not reconnect: once the connection fails, the session is dead. */
struct jsonrpc_session *jsonrpc_session_open_unreliably(struct jsonrpc *,
                                                        uint8_t dscp);
void jsonrpc_session_close(struct jsonrpc_session *);

void jsonrpc_session_run(struct jsonrpc_session *);
void jsonrpc_session_wait(struct jsonrpc_session *);

/* Queues 'msg' (consumed).  Returns 0, or ENOTCONN if not connected (the
 * message is then dropped). */
int jsonrpc_session_send(struct jsonrpc_session *, struct jsonrpc_msg *);
/* Returns the next message (the caller destroys it), or NULL.  Echo
 * requests (unless disabled, see jsonrpc_session_set_answer_echo()) and
 * replies to our own probes are handled internally. */
struct jsonrpc_msg *jsonrpc_session_recv(struct jsonrpc_session *);
void jsonrpc_session_recv_wait(struct jsonrpc_session *);

/* True if connected or still trying (retry enabled or attempt pending). */
bool jsonrpc_session_is_alive(const struct jsonrpc_session *);
bool jsonrpc_session_is_connected(const struct jsonrpc_session *);
/* Changes whenever the session connects or disconnects; a client that
 * sees a new value knows it has a new connection and must resend its
 * state (e.g. monitors). */
unsigned int jsonrpc_session_get_seqno(const struct jsonrpc_session *);
/* The error of the last failed connection or attempt, 0 if none, EOF if
 * closed by the peer. */
int jsonrpc_session_get_last_error(const struct jsonrpc_session *);
void jsonrpc_session_get_reconnect_stats(const struct jsonrpc_session *,
                                         struct reconnect_stats *);
/* The remote's name, e.g. "tcp:127.0.0.1:6640" (the one being used, for
 * a session with several remotes); for a session made by
 * jsonrpc_session_open_unreliably(), the connection's name. */
const char *jsonrpc_session_get_name(const struct jsonrpc_session *);
size_t jsonrpc_session_get_n_remotes(const struct jsonrpc_session *);
size_t jsonrpc_session_get_backlog(const struct jsonrpc_session *);
/* The underlying connection, or NULL if not connected. */
struct jsonrpc *jsonrpc_session_get_rpc(const struct jsonrpc_session *);

void jsonrpc_session_force_reconnect(struct jsonrpc_session *);
void jsonrpc_session_reset_backoff(struct jsonrpc_session *);
void jsonrpc_session_enable_reconnect(struct jsonrpc_session *);
void jsonrpc_session_set_max_backoff(struct jsonrpc_session *,
                                     int max_backoff);
void jsonrpc_session_set_backoff(struct jsonrpc_session *, int min_backoff,
                                 int max_backoff);
/* Probe interval in msec (0 disables). */
void jsonrpc_session_set_probe_interval(struct jsonrpc_session *,
                                        int probe_interval);
void jsonrpc_session_set_dscp(struct jsonrpc_session *, uint8_t dscp);
/* By default (true) jsonrpc_session_recv() answers "echo" requests itself,
 * at once.  With false it returns them like any other request, for a
 * server that queues its replies and must keep the echo reply in order
 * behind them.  (Replies to the session's own probes are always
 * consumed.) */
void jsonrpc_session_set_answer_echo(struct jsonrpc_session *, bool);
void jsonrpc_session_set_max_msg_size(struct jsonrpc_session *,
                                      size_t max_size);
/* Sets the raw hook (see jsonrpc_set_raw_hook()) for every connection of
 * the session. */
void jsonrpc_session_set_raw_hook(struct jsonrpc_session *,
                                  jsonrpc_raw_hook *, void *aux);

#endif /* jsonrpc.h */
