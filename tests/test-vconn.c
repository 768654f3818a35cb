/* test-vconn: unit tests of lib/vconn against a fake switch.
 *
 * usage: test-vconn COMMAND
 *
 *   negotiate   version negotiation for pairs of version bitmaps, with the
 *               client driven non-blockingly through vconn_connect(),
 *               vconn_run_wait(), vconn_wait() and poll_block()
 *   session     echo requests answered transparently, vconn_recv()'s
 *               EAGAIN, error replies from vconn_transact() and
 *               vconn_transact_noreply(), and a multipart reply in three
 *               messages collected by vconn_dump_multipart()
 *
 * The fake switch is a thread serving one connection on a Unix socket in
 * the current directory.  A failed check aborts (svs_assert) with the
 * condition; tests/test_ofctl_online.py runs the commands. */
#include <config.h>

#include "vconn.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "command-line.h"
#include "ofp-errors.h"
#include "ofp-msgs.h"
#include "ofp-port.h"
#include "ofp-protocol.h"
#include "ofp-switch.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "poll-loop.h"
#include "stream.h"
#include "util.h"
#include "vlog.h"

/* Absolute name of the socket, in the current directory (relative names
 * would be in the run directory). */
static char *socket_path;

/* The fake switch. */
struct fake_switch {
    struct pstream *listener;
    uint32_t versions;          /* Version bitmap of its hello. */
    bool serve;                 /* Answer requests after the hello? */
    pthread_t thread;
    bool got_echo_reply;        /* Saw the reply to its echo request. */
};

static void
send_all(struct stream *stream, const struct ofpbuf *msg)
{
    size_t ofs = 0;

    while (ofs < msg->size) {
        ssize_t n = stream_send(stream, (const char *) msg->data + ofs,
                                msg->size - ofs);
        if (n == -EAGAIN) {
            stream_send_wait(stream);
            poll_block();
        } else {
            svs_assert(n > 0);
            ofs += n;
        }
    }
}

/* Receives one message, or returns NULL at end of stream. */
static struct ofpbuf *
recv_msg(struct stream *stream)
{
    struct ofpbuf *b = ofpbuf_new(128);
    size_t want = sizeof(struct ofp_header);

    for (;;) {
        if (b->size >= sizeof(struct ofp_header)) {
            want = ntohs(((struct ofp_header *) b->data)->length);
        }
        if (b->size >= want) {
            return b;
        }
        ofpbuf_prealloc_tailroom(b, want - b->size);
        ssize_t n = stream_recv(stream, ofpbuf_tail(b), want - b->size);
        if (n == -EAGAIN) {
            stream_recv_wait(stream);
            poll_block();
        } else if (n <= 0) {
            ofpbuf_delete(b);
            return NULL;
        } else {
            b->size += n;
        }
    }
}

static void *
fake_switch_main(void *fs_)
{
    struct fake_switch *fs = fs_;
    struct stream *stream;
    struct ofpbuf *msg;
    enum ofp_version version;
    uint32_t peer;

    svs_assert(!pstream_accept_block(fs->listener, &stream));
    msg = ofputil_encode_hello(fs->versions);
    send_all(stream, msg);
    ofpbuf_delete(msg);

    msg = recv_msg(stream);
    svs_assert(msg);
    svs_assert(ofputil_decode_hello(msg->data, &peer));
    ofpbuf_delete(msg);
    version = ofputil_negotiate_version(fs->versions, peer);

    if (fs->serve && version) {
        /* An echo request of its own, to be answered transparently. */
        msg = ofpraw_alloc_xid(OFPRAW_OFPT10_ECHO_REQUEST, version,
                               htonl(0x55), 0);
        ofpmsg_update_length(msg);
        send_all(stream, msg);
        ofpbuf_delete(msg);
    }

    while (fs->serve && (msg = recv_msg(stream)) != NULL) {
        const struct ofp_header *oh = msg->data;
        struct ofpbuf *reply = NULL;
        enum ofptype type;

        svs_assert(!ofptype_decode(&type, oh));
        switch (type) {
        case OFPTYPE_ECHO_REPLY:
            svs_assert(oh->xid == htonl(0x55));
            fs->got_echo_reply = true;
            break;

        case OFPTYPE_BARRIER_REQUEST:
            reply = ofpraw_alloc_reply(oh->version >= OFP11_VERSION
                                       ? OFPRAW_OFPT11_BARRIER_REPLY
                                       : OFPRAW_OFPT10_BARRIER_REPLY,
                                       oh, 0);
            ofpmsg_update_length(reply);
            break;

        case OFPTYPE_PORT_DESC_STATS_REQUEST:
            /* Three messages, the first two with the "more" flag. */
            for (int i = 0; i < 3; i++) {
                reply = ofpraw_alloc_stats_reply(oh, 0);
                ofpmsg_update_length(reply);
                ofpmp_set_more(reply->data, i < 2);
                send_all(stream, reply);
                ofpbuf_delete(reply);
            }
            reply = NULL;
            break;

        default:
            reply = ofperr_encode_reply(OFPERR_OFPBRC_BAD_TYPE, oh);
            break;
        }
        if (reply) {
            send_all(stream, reply);
            ofpbuf_delete(reply);
        }
        ofpbuf_delete(msg);
    }
    stream_close(stream);
    return NULL;
}

static void
fake_switch_start(struct fake_switch *fs, uint32_t versions, bool serve)
{
    memset(fs, 0, sizeof *fs);
    char *name = xasprintf("punix:%s", socket_path);
    unlink(socket_path);
    svs_assert(!pstream_open(name, &fs->listener, 0));
    free(name);
    fs->versions = versions;
    fs->serve = serve;
    svs_assert(!pthread_create(&fs->thread, NULL, fake_switch_main, fs));
}

static void
fake_switch_join(struct fake_switch *fs)
{
    svs_assert(!pthread_join(fs->thread, NULL));
    pstream_close(fs->listener);
}

/* Opens a connection allowing 'versions' and drives the handshake with
 * the non-blocking calls.  Returns vconn_connect()'s result; '*vconnp'
 * is the vconn, to be closed by the caller. */
static int
connect_nonblocking(uint32_t versions, struct vconn **vconnp)
{
    char *name = xasprintf("unix:%s", socket_path);
    svs_assert(!vconn_open(name, versions, 0, vconnp));
    free(name);
    for (;;) {
        int error = vconn_connect(*vconnp);
        if (error != EAGAIN) {
            return error;
        }
        vconn_run(*vconnp);
        vconn_run_wait(*vconnp);
        vconn_wait(*vconnp, WAIT_CONNECT);
        poll_block();
    }
}

static void
cmd_negotiate(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    static const struct {
        uint32_t client, server;
        int version;            /* Expected version, or 0 for failure. */
    } cases[] = {
        { 1 << OFP10_VERSION, OFPUTIL_SUPPORTED_VERSIONS, OFP10_VERSION },
        { 1 << OFP13_VERSION, OFPUTIL_SUPPORTED_VERSIONS, OFP13_VERSION },
        { OFPUTIL_SUPPORTED_VERSIONS, 1 << OFP14_VERSION, OFP14_VERSION },
        { (1 << OFP10_VERSION) | (1 << OFP13_VERSION),
          (1 << OFP11_VERSION) | (1 << OFP13_VERSION)
          | (1 << OFP15_VERSION), OFP13_VERSION },
        { OFPUTIL_SUPPORTED_VERSIONS, OFPUTIL_SUPPORTED_VERSIONS,
          OFP15_VERSION },
        { 1 << OFP10_VERSION, 1 << OFP13_VERSION, 0 },
        { 1 << OFP15_VERSION, (1 << OFP10_VERSION) | (1 << OFP14_VERSION),
          0 },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct fake_switch fs;
        struct vconn *vconn;

        fake_switch_start(&fs, cases[i].server, false);
        int error = connect_nonblocking(cases[i].client, &vconn);
        if (cases[i].version) {
            svs_assert(!error);
            svs_assert(vconn_get_version(vconn) == cases[i].version);
        } else {
            svs_assert(error == EPROTO);
            svs_assert(vconn_get_version(vconn) == -1);
            /* The failure is sticky. */
            svs_assert(vconn_connect(vconn) == EPROTO);
        }
        vconn_close(vconn);
        fake_switch_join(&fs);
    }
    printf("%zu negotiations\n", ARRAY_SIZE(cases));
}

static void
cmd_session(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    static const enum ofp_version versions[] = {
        OFP10_VERSION, OFP13_VERSION, OFP15_VERSION
    };

    for (size_t i = 0; i < ARRAY_SIZE(versions); i++) {
        enum ofp_version v = versions[i];
        struct fake_switch fs;
        struct vconn *vconn;
        struct ofpbuf *reply;
        int error;

        fake_switch_start(&fs, OFPUTIL_SUPPORTED_VERSIONS, true);
        char *name = xasprintf("unix:%s", socket_path);
        svs_assert(!vconn_open_block(name, 1u << v, 0, -1, &vconn));
        free(name);
        svs_assert(vconn_get_version(vconn) == v);

        /* Only the switch's echo request may arrive, and vconn_recv()
         * answers it itself: the caller never sees a message. */
        svs_assert(vconn_recv(vconn, &reply) == EAGAIN && !reply);

        /* An error reply is a returned error, with the message. */
        error = vconn_transact(vconn, ofputil_encode_features_request(v),
                               &reply);
        svs_assert(error == OFPERR_OFPBRC_BAD_TYPE);
        svs_assert(reply && ((struct ofp_header *) reply->data)->type
                   == OFPT_ERROR);
        ofpbuf_delete(reply);

        error = vconn_transact_noreply(
            vconn, ofputil_encode_get_config_request(v), &reply);
        svs_assert(error == OFPERR_OFPBRC_BAD_TYPE && reply);
        ofpbuf_delete(reply);

        /* A multipart reply in three messages. */
        struct svs_list replies;
        svs_list_init(&replies);
        error = vconn_dump_multipart(
            vconn, ofputil_encode_port_desc_stats_request(v, OFPP_NONE),
            &replies);
        svs_assert(!error);
        svs_assert(svs_list_size(&replies) == 3);
        ofpbuf_list_delete(&replies);

        /* A barrier alone: nothing to report. */
        struct ofpbuf *barrier = ofpraw_alloc(
            v >= OFP11_VERSION ? OFPRAW_OFPT11_BARRIER_REQUEST
            : OFPRAW_OFPT10_BARRIER_REQUEST, v, 0);
        ofpmsg_update_length(barrier);
        svs_assert(!vconn_transact(vconn, barrier, &reply));
        ofpbuf_delete(reply);

        vconn_close(vconn);
        fake_switch_join(&fs);
        svs_assert(fs.got_echo_reply);
    }
    printf("%zu sessions\n", ARRAY_SIZE(versions));
}

static const struct svs_cmdl_command commands[] = {
    { "negotiate", "", 0, 0, cmd_negotiate },
    { "session", "", 0, 0, cmd_session },
    { NULL, NULL, 0, 0, NULL },
};

int
main(int argc, char *argv[])
{
    struct svs_cmdl_context ctx;

    set_program_name(argv[0]);
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_OFF);
    signal(SIGPIPE, SIG_IGN);

    char *cwd = getcwd(NULL, 0);
    svs_assert(cwd);
    socket_path = xasprintf("%s/test-vconn.sock", cwd);
    free(cwd);
    ctx.argc = argc - 1;
    ctx.argv = argv + 1;
    ctx.pvt = NULL;
    svs_cmdl_run_command(&ctx, commands);
    unlink(socket_path);
    free(socket_path);
    return 0;
}
