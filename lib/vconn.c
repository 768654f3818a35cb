/* vconn.c: OpenFlow connections over byte streams (see vconn.h). */
#include <config.h>

#include "vconn.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "ofp-bundle.h"
#include "ofp-errors.h"
#include "ofp-msgs.h"
#include "ofp-print.h"
#include "ofp-protocol.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "poll-loop.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(vconn);

static struct vlog_rate_limit bad_rl = VLOG_RATE_LIMIT_INIT(5, 5);

/* Connection states, in order:
 *
 *   CONNECTING --stream_connect() == 0--> SEND_HELLO
 *   SEND_HELLO --hello fully sent--> RECV_HELLO
 *   RECV_HELLO --peer hello, common version--> CONNECTED
 *   any state --failure--> DISCONNECTED ('error' holds why)
 */
enum vconn_state {
    VCS_CONNECTING,
    VCS_SEND_HELLO,
    VCS_RECV_HELLO,
    VCS_CONNECTED,
    VCS_DISCONNECTED
};

struct vconn {
    struct stream *stream;
    char *name;
    enum vconn_state state;
    int error;                  /* Sticky error once DISCONNECTED. */
    uint32_t allowed_versions;  /* Bitmap of versions we allow. */
    uint32_t peer_versions;     /* Bitmap the peer allows (after hello). */
    int version;                /* Negotiated version or -1. */
    bool recv_any_version;      /* Accept any version after negotiation. */
    bool pass_echo;             /* Return echo requests unanswered. */

    struct ofpbuf *rxbuf;       /* Partially received message, or NULL. */
    struct ofpbuf *txbuf;       /* Partially sent message, or NULL. */
};

/* The largest message: ofp_header's length field is 16 bits. */
#define VCONN_MAX_MSG 65535

static int vconn_flush(struct vconn *);
static int vconn_recv_raw(struct vconn *, struct ofpbuf **msgp);
static int vconn_send_raw(struct vconn *, struct ofpbuf *msg);
static void vconn_log_msg(const struct vconn *, const char *what,
                          const struct ofpbuf *);

/* Opening and connecting. */

int
vconn_verify_name(const char *name)
{
    return stream_verify_name(name);
}

int
vconn_open(const char *name, uint32_t allowed_versions, uint8_t dscp,
           struct vconn **vconnp)
{
    struct stream *stream;
    int error;

    *vconnp = NULL;
    if (!allowed_versions) {
        allowed_versions = OFPUTIL_SUPPORTED_VERSIONS;
    }
    if (allowed_versions & ~OFPUTIL_SUPPORTED_VERSIONS) {
        return EINVAL;
    }

    error = stream_open(name, &stream, dscp);
    if (error) {
        return error;
    }

    struct vconn *vconn = xzalloc(sizeof *vconn);
    vconn->stream = stream;
    vconn->name = xstrdup(name);
    vconn->state = VCS_CONNECTING;
    vconn->allowed_versions = allowed_versions;
    vconn->version = -1;
    *vconnp = vconn;
    return 0;
}

int
vconn_open_block(const char *name, uint32_t allowed_versions, uint8_t dscp,
                 long long int timeout, struct vconn **vconnp)
{
    struct vconn *vconn;
    int error;

    error = vconn_open(name, allowed_versions, dscp, &vconn);
    if (!error) {
        error = vconn_connect_block(vconn, timeout);
        if (error) {
            vconn_close(vconn);
            vconn = NULL;
        }
    }
    *vconnp = vconn;
    return error;
}

static void
vconn_fail(struct vconn *vconn, int error)
{
    vconn->state = VCS_DISCONNECTED;
    vconn->error = error;
}

/* Handles the peer's hello 'msg' (not freed here). */
static int
vconn_process_hello(struct vconn *vconn, const struct ofpbuf *msg)
{
    const struct ofp_header *oh = msg->data;
    enum ofpraw raw;

    if (ofpraw_decode(&raw, oh) || raw != OFPRAW_OFPT10_HELLO) {
        /* OVS tolerates an error message here and logs it. */
        char *s = ofp_to_string(msg->data, msg->size, 1);
        VLOG_WARN_RL(&bad_rl, "%s: received message while expecting hello: "
                     "%s", vconn->name, s);
        free(s);
        return EPROTO;
    }

    uint32_t peer;
    if (!ofputil_decode_hello(oh, &peer)) {
        char *s = ofp_to_string(msg->data, msg->size, 0);
        VLOG_WARN_RL(&bad_rl, "%s: unknown data in hello:\n%s",
                     vconn->name, s);
        free(s);
    }
    vconn->peer_versions = peer;

    uint32_t common = vconn->allowed_versions & peer;
    if (!common) {
        struct ds ours = DS_EMPTY_INITIALIZER;
        struct ds theirs = DS_EMPTY_INITIALIZER;

        ofputil_format_version_bitmap(&ours, vconn->allowed_versions);
        ofputil_format_version_bitmap(&theirs, peer);
        VLOG_WARN_RL(&bad_rl, "%s: version negotiation failed (we support "
                     "version %s, peer supports version %s)",
                     vconn->name, ds_cstr(&ours), ds_cstr(&theirs));

        /* Tell the peer, in the lowest version it understands, as a
         * courtesy; the connection fails whatever happens. */
        char *text = ofputil_hello_incompatible_text(
            vconn->allowed_versions, peer);
        enum ofp_version v = oh->version < OFP10_VERSION
                             ? OFP10_VERSION : oh->version;
        struct ofpbuf *reply = ofperr_encode_hello(OFPERR_OFPHFC_INCOMPATIBLE,
                                                   v, text);
        free(text);
        if (reply) {
            vconn->txbuf = reply;
            vconn_flush(vconn);
        }
        ds_destroy(&ours);
        ds_destroy(&theirs);
        return EPROTO;
    }

    vconn->version = ofputil_negotiate_version(vconn->allowed_versions,
                                               peer);
    if (VLOG_IS_DBG_ENABLED()) {
        struct ds ours = DS_EMPTY_INITIALIZER;
        struct ds theirs = DS_EMPTY_INITIALIZER;

        ofputil_format_version_bitmap(&ours, vconn->allowed_versions);
        ofputil_format_version_bitmap(&theirs, peer);
        VLOG_DBG("%s: negotiated OpenFlow version 0x%02x (we support "
                 "version %s, peer supports version %s)", vconn->name,
                 vconn->version, ds_cstr(&ours), ds_cstr(&theirs));
        ds_destroy(&ours);
        ds_destroy(&theirs);
    }
    return 0;
}

int
vconn_connect(struct vconn *vconn)
{
    int error;

    for (;;) {
        switch (vconn->state) {
        case VCS_CONNECTING:
            error = stream_connect(vconn->stream);
            if (error) {
                if (error != EAGAIN) {
                    vconn_fail(vconn, error);
                }
                return error;
            }
            vconn->state = VCS_SEND_HELLO;
            break;

        case VCS_SEND_HELLO:
            if (!vconn->txbuf) {
                struct ofpbuf *hello = ofputil_encode_hello(
                    vconn->allowed_versions);
                vconn_log_msg(vconn, "sent (Success)", hello);
                vconn->txbuf = hello;
            }
            error = vconn_flush(vconn);
            if (error) {
                if (error != EAGAIN) {
                    vconn_fail(vconn, error);
                }
                return error;
            }
            vconn->state = VCS_RECV_HELLO;
            break;

        case VCS_RECV_HELLO: {
            struct ofpbuf *msg;

            error = vconn_recv_raw(vconn, &msg);
            if (error) {
                if (error != EAGAIN) {
                    vconn_fail(vconn, error == EOF ? ECONNRESET : error);
                    return vconn->error;
                }
                return error;
            }
            vconn_log_msg(vconn, "received", msg);
            error = vconn_process_hello(vconn, msg);
            ofpbuf_delete(msg);
            if (error) {
                vconn_fail(vconn, error);
                return error;
            }
            vconn->state = VCS_CONNECTED;
            break;
        }

        case VCS_CONNECTED:
            return 0;

        case VCS_DISCONNECTED:
            return vconn->error;

        default:
            SVS_NOT_REACHED();
        }
    }
}

int
vconn_connect_block(struct vconn *vconn, long long int timeout)
{
    long long int deadline = timeout >= 0 ? time_msec() + timeout : -1;
    int error;

    while ((error = vconn_connect(vconn)) == EAGAIN) {
        if (deadline >= 0 && time_msec() >= deadline) {
            return ETIMEDOUT;
        }
        vconn_run(vconn);
        vconn_run_wait(vconn);
        vconn_wait(vconn, WAIT_CONNECT);
        if (deadline >= 0) {
            poll_timer_wait_until(deadline);
        }
        poll_block();
    }
    return error;
}

void
vconn_close(struct vconn *vconn)
{
    if (vconn) {
        stream_close(vconn->stream);
        ofpbuf_delete(vconn->rxbuf);
        ofpbuf_delete(vconn->txbuf);
        free(vconn->name);
        free(vconn);
    }
}

/* Properties. */

const char *
vconn_get_name(const struct vconn *vconn)
{
    return vconn->name;
}

uint32_t
vconn_get_allowed_versions(const struct vconn *vconn)
{
    return vconn->allowed_versions;
}

int
vconn_get_version(const struct vconn *vconn)
{
    return vconn->version;
}

void
vconn_set_recv_any_version(struct vconn *vconn)
{
    vconn->recv_any_version = true;
}

void
vconn_set_pass_echo(struct vconn *vconn)
{
    vconn->pass_echo = true;
}

/* Low level I/O. */

/* Writes as much of 'txbuf' as the stream takes.  Returns 0 once it is
 * all written (freeing it), EAGAIN, or an error. */
static int
vconn_flush(struct vconn *vconn)
{
    while (vconn->txbuf) {
        struct ofpbuf *b = vconn->txbuf;
        ssize_t n = stream_send(vconn->stream, b->data, b->size);
        if (n < 0) {
            return -n;
        }
        ofpbuf_pull(b, n);
        if (!b->size) {
            ofpbuf_delete(b);
            vconn->txbuf = NULL;
        }
    }
    return 0;
}

/* Reads one whole message, checking only its framing. */
static int
vconn_recv_raw(struct vconn *vconn, struct ofpbuf **msgp)
{
    struct ofpbuf *rx;
    size_t want;

    *msgp = NULL;
    if (!vconn->rxbuf) {
        vconn->rxbuf = ofpbuf_new(1564);
    }
    rx = vconn->rxbuf;

    for (;;) {
        if (rx->size < sizeof(struct ofp_header)) {
            want = sizeof(struct ofp_header);
        } else {
            const struct ofp_header *oh = rx->data;
            want = ntohs(oh->length);
            if (want < sizeof *oh) {
                VLOG_ERR_RL(&bad_rl, "%s: received too-short ofp_header "
                            "(%zu bytes)", vconn->name, want);
                return EPROTO;
            }
        }
        if (rx->size >= want) {
            break;
        }

        ofpbuf_prealloc_tailroom(rx, want - rx->size);
        ssize_t n = stream_recv(vconn->stream, ofpbuf_tail(rx),
                                want - rx->size);
        if (n > 0) {
            rx->size += n;
        } else if (n == 0) {
            if (rx->size) {
                VLOG_ERR_RL(&bad_rl, "%s: connection dropped mid-packet",
                            vconn->name);
                return EPROTO;
            }
            return EOF;
        } else {
            return -n;
        }
    }

    vconn->rxbuf = NULL;
    *msgp = rx;
    return 0;
}

static int
vconn_send_raw(struct vconn *vconn, struct ofpbuf *msg)
{
    if (vconn->txbuf) {
        int error = vconn_flush(vconn);
        if (error) {
            return error;
        }
    }
    vconn_log_msg(vconn, "sent (Success)", msg);
    vconn->txbuf = msg;
    int error = vconn_flush(vconn);
    return error == EAGAIN ? 0 : error;
}

static void
vconn_log_msg(const struct vconn *vconn, const char *what,
              const struct ofpbuf *msg)
{
    if (VLOG_IS_DBG_ENABLED()) {
        char *s = ofp_to_string(msg->data, msg->size, 1);
        VLOG_DBG("%s: %s: %s", vconn->name, what, s);
        free(s);
    }
}

/* Non-blocking messaging. */

int
vconn_send(struct vconn *vconn, struct ofpbuf *msg)
{
    int error = vconn_connect(vconn);
    if (error) {
        return error;
    }
    if (msg->size < sizeof(struct ofp_header)
        || msg->size > VCONN_MAX_MSG) {
        return EMSGSIZE;
    }
    if (vconn->txbuf) {
        error = vconn_flush(vconn);
        if (error) {
            return error;
        }
    }
    struct ofp_header *oh = msg->data;
    if (ntohs(oh->length) != msg->size) {
        return EINVAL;
    }
    return vconn_send_raw(vconn, msg);
}

/* True if 'oh' may have a version other than the negotiated one. */
static bool
vconn_any_version_ok(const struct ofp_header *oh)
{
    return (oh->type == OFPT_HELLO || oh->type == OFPT_ERROR
            || oh->type == OFPT_ECHO_REQUEST || oh->type == OFPT_ECHO_REPLY);
}

int
vconn_recv(struct vconn *vconn, struct ofpbuf **msgp)
{
    *msgp = NULL;
    for (;;) {
        struct ofpbuf *msg;
        int error = vconn_connect(vconn);
        if (error) {
            return error;
        }
        error = vconn_recv_raw(vconn, &msg);
        if (error) {
            if (error != EAGAIN && error != EOF) {
                vconn_fail(vconn, error);
            }
            return error;
        }

        vconn_log_msg(vconn, "received", msg);
        const struct ofp_header *oh = msg->data;
        if (oh->version != vconn->version && !vconn->recv_any_version
            && !vconn_any_version_ok(oh)) {
            VLOG_ERR_RL(&bad_rl, "%s: received OpenFlow version 0x%02"PRIx8
                        " != expected %02x", vconn->name, oh->version,
                        vconn->version);
            ofpbuf_delete(msg);
            vconn_fail(vconn, EPROTO);
            return EPROTO;
        }

        enum ofptype type;
        if (!vconn->pass_echo && !ofptype_decode(&type, oh)
            && type == OFPTYPE_ECHO_REQUEST) {
            /* Answer with the same body and transaction id. */
            struct ofpbuf *reply = ofpraw_alloc_reply(
                OFPRAW_OFPT10_ECHO_REPLY, oh, msg->size - sizeof *oh);
            ofpbuf_put(reply, oh + 1, msg->size - sizeof *oh);
            ofpmsg_update_length(reply);
            ofpbuf_delete(msg);
            if (vconn->txbuf) {
                /* Output is backed up: the peer will ask again. */
                ofpbuf_delete(reply);
            } else {
                error = vconn_send_raw(vconn, reply);
                if (error) {
                    vconn_fail(vconn, error);
                    return error;
                }
            }
            continue;
        }
        *msgp = msg;
        return 0;
    }
}

void
vconn_run(struct vconn *vconn)
{
    stream_run(vconn->stream);
    if (vconn->txbuf && vconn->state != VCS_DISCONNECTED) {
        int error = vconn_flush(vconn);
        if (error && error != EAGAIN) {
            vconn_fail(vconn, error);
        }
    }
}

void
vconn_run_wait(struct vconn *vconn)
{
    stream_run_wait(vconn->stream);
    if (vconn->txbuf && vconn->state != VCS_DISCONNECTED) {
        stream_send_wait(vconn->stream);
    }
}

void
vconn_wait(struct vconn *vconn, enum vconn_wait_type type)
{
    switch (vconn->state) {
    case VCS_CONNECTING:
        stream_connect_wait(vconn->stream);
        return;

    case VCS_SEND_HELLO:
        stream_send_wait(vconn->stream);
        return;

    case VCS_RECV_HELLO:
        stream_recv_wait(vconn->stream);
        return;

    case VCS_CONNECTED:
        if (type == WAIT_SEND && vconn->txbuf) {
            stream_send_wait(vconn->stream);
        } else if (type == WAIT_RECV) {
            stream_recv_wait(vconn->stream);
        } else {
            poll_immediate_wake();
        }
        return;

    case VCS_DISCONNECTED:
        poll_immediate_wake();
        return;
    }
}

void
vconn_recv_wait(struct vconn *vconn)
{
    vconn_wait(vconn, WAIT_RECV);
}

/* Blocking messaging. */

int
vconn_send_block(struct vconn *vconn, struct ofpbuf *msg)
{
    int error;

    while ((error = vconn_send(vconn, msg)) == EAGAIN) {
        vconn_run(vconn);
        vconn_run_wait(vconn);
        vconn_wait(vconn, WAIT_SEND);
        vconn_wait(vconn, WAIT_CONNECT);
        poll_block();
    }
    if (error) {
        ofpbuf_delete(msg);
        return error;
    }

    /* Wait until the message is written, so that a caller that exits
     * right after does not lose it. */
    while (vconn->txbuf && vconn->state == VCS_CONNECTED) {
        error = vconn_flush(vconn);
        if (error != EAGAIN) {
            if (error) {
                vconn_fail(vconn, error);
            }
            return error;
        }
        stream_send_wait(vconn->stream);
        poll_block();
    }
    return vconn->state == VCS_DISCONNECTED ? vconn->error : 0;
}

int
vconn_recv_block(struct vconn *vconn, struct ofpbuf **msgp)
{
    int error;

    while ((error = vconn_recv(vconn, msgp)) == EAGAIN) {
        vconn_run(vconn);
        vconn_run_wait(vconn);
        vconn_wait(vconn, WAIT_RECV);
        poll_block();
    }
    return error;
}

int
vconn_recv_xid(struct vconn *vconn, be32 xid, struct ofpbuf **replyp)
{
    for (;;) {
        struct ofpbuf *reply;
        int error = vconn_recv_block(vconn, &reply);
        if (error) {
            *replyp = NULL;
            return error;
        }
        const struct ofp_header *oh = reply->data;
        if (oh->xid == xid) {
            *replyp = reply;
            return 0;
        }
        VLOG_DBG("%s: received reply with xid %08"PRIx32" != expected "
                 "%08"PRIx32, vconn->name, ntohl(oh->xid), ntohl(xid));
        ofpbuf_delete(reply);
    }
}

/* If 'msg' is an OFPT_ERROR, returns its decoded error (OFPERR_OFS-based,
 * or EPROTO if it does not decode), else 0. */
static int
vconn_reply_error(const struct ofpbuf *msg)
{
    const struct ofp_header *oh = msg->data;
    enum ofptype type;

    if (ofptype_decode(&type, oh) || type != OFPTYPE_ERROR) {
        return 0;
    }
    enum ofperr error = ofperr_decode_msg(oh, NULL);
    return error ? (int) error : EPROTO;
}

int
vconn_transact(struct vconn *vconn, struct ofpbuf *request,
               struct ofpbuf **replyp)
{
    be32 xid = ((struct ofp_header *) request->data)->xid;
    int error;

    *replyp = NULL;
    error = vconn_send_block(vconn, request);
    if (!error) {
        error = vconn_recv_xid(vconn, xid, replyp);
        if (!error) {
            error = vconn_reply_error(*replyp);
        }
    }
    return error;
}

/* Waits for the reply to barrier 'barrier_xid', watching for replies to
 * the requests whose xids are in 'xids' ('n_xids' of them): the first
 * error among them is stored in '*replyp' and its error returned after
 * the barrier reply arrives. */
static int
vconn_wait_barrier(struct vconn *vconn, be32 barrier_xid,
                   const be32 *xids, size_t n_xids, struct ofpbuf **replyp)
{
    int result = 0;

    *replyp = NULL;
    for (;;) {
        struct ofpbuf *msg;
        int error = vconn_recv_block(vconn, &msg);
        if (error) {
            ofpbuf_delete(*replyp);
            *replyp = NULL;
            return error;
        }
        const struct ofp_header *oh = msg->data;
        if (oh->xid == barrier_xid) {
            int err = vconn_reply_error(msg);
            ofpbuf_delete(msg);
            if (err && !result) {
                result = err;
            }
            return result;
        }

        bool ours = false;
        for (size_t i = 0; i < n_xids; i++) {
            if (xids[i] == oh->xid) {
                ours = true;
                break;
            }
        }
        int err = ours ? vconn_reply_error(msg) : 0;
        if (err && !result) {
            result = err;
            *replyp = msg;
        } else {
            ofpbuf_delete(msg);
        }
    }
}

int
vconn_transact_noreply(struct vconn *vconn, struct ofpbuf *request,
                       struct ofpbuf **replyp)
{
    be32 request_xid = ((struct ofp_header *) request->data)->xid;
    int version = vconn_get_version(vconn);
    int error;

    *replyp = NULL;
    error = vconn_send_block(vconn, request);
    if (error) {
        return error;
    }

    struct ofpbuf *barrier = ofpraw_alloc(
        version >= OFP11_VERSION ? OFPRAW_OFPT11_BARRIER_REQUEST
        : OFPRAW_OFPT10_BARRIER_REQUEST, version, 0);
    ofpmsg_update_length(barrier);
    be32 barrier_xid = ((struct ofp_header *) barrier->data)->xid;
    error = vconn_send_block(vconn, barrier);
    if (error) {
        return error;
    }
    return vconn_wait_barrier(vconn, barrier_xid, &request_xid, 1, replyp);
}

int
vconn_transact_multiple_noreply(struct vconn *vconn,
                                struct svs_list *requests,
                                struct ofpbuf **replyp)
{
    struct ofpbuf *request;
    int error = 0;

    *replyp = NULL;
    LIST_FOR_EACH_POP (request, list_node, requests) {
        if (!error) {
            error = vconn_transact_noreply(vconn, request, replyp);
        } else {
            ofpbuf_delete(request);
        }
    }
    return error;
}

int
vconn_dump_multipart(struct vconn *vconn, struct ofpbuf *request,
                     struct svs_list *replies)
{
    const struct ofp_header *rq = request->data;
    be32 xid = rq->xid;
    enum ofpraw rq_raw;
    int error;

    if (ofpraw_decode(&rq_raw, rq)) {
        ofpbuf_delete(request);
        return EINVAL;
    }
    enum ofpraw reply_raw = ofpraw_stats_request_to_reply(rq_raw,
                                                          rq->version);

    error = vconn_send_block(vconn, request);
    if (error) {
        return error;
    }
    for (;;) {
        struct ofpbuf *reply;
        enum ofpraw raw;

        error = vconn_recv_xid(vconn, xid, &reply);
        if (error) {
            return error;
        }
        svs_list_push_back(replies, &reply->list_node);
        error = vconn_reply_error(reply);
        if (error) {
            return error;
        }
        if (ofpraw_decode(&raw, reply->data) || raw != reply_raw) {
            VLOG_WARN_RL(&bad_rl, "%s: reply to %s is %s", vconn->name,
                         ofpraw_get_name(rq_raw),
                         ofpraw_decode(&raw, reply->data)
                         ? "undecodable" : ofpraw_get_name(raw));
            return EPROTO;
        }
        if (!ofpmp_more(reply->data)) {
            return 0;
        }
    }
}

/* Bundles. */

/* Sends bundle control 'type' for bundle 0 and waits for its reply,
 * which must be 'reply_type'.  Errors about other requests that arrive
 * meanwhile (a commit's errors about the bundled messages come before the
 * commit's own) go to 'error_reporter' too. */
static int
vconn_bundle_control(struct vconn *vconn, uint16_t type, uint16_t reply_type,
                     uint16_t flags,
                     void (*error_reporter)(const struct ofp_header *))
{
    struct ofputil_bundle_ctrl_msg bc = {
        .bundle_id = 0,
        .type = type,
        .flags = flags,
    };
    struct ofpbuf *request = ofputil_encode_bundle_ctrl_request(
        vconn_get_version(vconn), &bc);
    be32 xid = ((struct ofp_header *) request->data)->xid;
    struct ofpbuf *reply = NULL;
    int error;

    error = vconn_send_block(vconn, request);
    while (!error) {
        error = vconn_recv_block(vconn, &reply);
        if (error) {
            reply = NULL;
            break;
        }
        const struct ofp_header *oh = reply->data;
        if (oh->xid == xid) {
            error = vconn_reply_error(reply);
            break;
        }
        if (error_reporter && vconn_reply_error(reply)) {
            error_reporter(oh);
        }
        ofpbuf_delete(reply);
        reply = NULL;
    }
    if (error) {
        if (error >= OFPERR_OFS && reply && error_reporter) {
            error_reporter(reply->data);
        }
        ofpbuf_delete(reply);
        return error;
    }

    struct ofputil_bundle_ctrl_msg rbc;
    error = ofputil_decode_bundle_ctrl(reply->data, &rbc);
    if (!error && (rbc.type != reply_type || rbc.bundle_id != 0)) {
        error = OFPERR_OFPBFC_BAD_TYPE;
    }
    ofpbuf_delete(reply);
    return error;
}

int
vconn_bundle_transact(struct vconn *vconn, struct svs_list *requests,
                      uint16_t flags,
                      void (*error_reporter)(const struct ofp_header *))
{
    int version = vconn_get_version(vconn);
    struct ofpbuf *request;
    int error;

    if (version < OFP13_VERSION) {
        ofpbuf_list_delete(requests);
        return EOPNOTSUPP;
    }

    error = vconn_bundle_control(vconn, OFPBCT_OPEN_REQUEST,
                                 OFPBCT_OPEN_REPLY, flags, error_reporter);
    if (error) {
        ofpbuf_list_delete(requests);
        return error;
    }

    /* Add every message, then a barrier; collect errors meanwhile. */
    size_t n = svs_list_size(requests);
    be32 *xids = xmalloc((n ? n : 1) * sizeof *xids);
    size_t i = 0;
    LIST_FOR_EACH_POP (request, list_node, requests) {
        struct ofputil_bundle_add_msg bam = {
            .bundle_id = 0,
            .flags = flags,
            .msg = request->data,
        };
        struct ofpbuf *add = ofputil_encode_bundle_add(version, &bam);
        xids[i++] = ((struct ofp_header *) add->data)->xid;
        ofpbuf_delete(request);
        if (!error) {
            error = vconn_send_block(vconn, add);
        } else {
            ofpbuf_delete(add);
        }
    }

    if (!error) {
        struct ofpbuf *barrier = ofpraw_alloc(OFPRAW_OFPT11_BARRIER_REQUEST,
                                              version, 0);
        ofpmsg_update_length(barrier);
        be32 barrier_xid = ((struct ofp_header *) barrier->data)->xid;
        error = vconn_send_block(vconn, barrier);
        while (!error) {
            struct ofpbuf *msg;
            error = vconn_recv_block(vconn, &msg);
            if (error) {
                break;
            }
            const struct ofp_header *oh = msg->data;
            if (oh->xid == barrier_xid) {
                ofpbuf_delete(msg);
                break;
            }
            int err = vconn_reply_error(msg);
            if (err) {
                if (error_reporter) {
                    error_reporter(oh);
                }
                error = err;
            }
            ofpbuf_delete(msg);
        }
    }
    free(xids);

    if (error) {
        /* Best effort: the switch discards the bundle anyway when the
         * connection closes. */
        if (error >= OFPERR_OFS) {
            vconn_bundle_control(vconn, OFPBCT_DISCARD_REQUEST,
                                 OFPBCT_DISCARD_REPLY, flags, NULL);
        }
        return error;
    }
    return vconn_bundle_control(vconn, OFPBCT_COMMIT_REQUEST,
                                OFPBCT_COMMIT_REPLY, flags, error_reporter);
}
