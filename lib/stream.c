/* stream.c: the generic layer over stream classes. */
#include <config.h>
#include "stream.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "poll-loop.h"
#include "stream-provider.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(stream);

static const struct stream_class *const stream_classes[] = {
    &tcp_stream_class,
    &unix_stream_class,
    &ssl_stream_class,
};

static const struct pstream_class *const pstream_classes[] = {
    &ptcp_pstream_class,
    &punix_pstream_class,
    &pssl_pstream_class,
};

/* Finds the class for 'name' ("prefix:suffix").  Returns 0 and the class,
 * or EAFNOSUPPORT (unknown prefix or no colon). */
static int
stream_lookup_class(const char *name, const struct stream_class **classp)
{
    size_t prefix_len = strcspn(name, ":");

    *classp = NULL;
    if (name[prefix_len] != ':') {
        return EAFNOSUPPORT;
    }
    for (size_t i = 0; i < ARRAY_SIZE(stream_classes); i++) {
        const struct stream_class *class = stream_classes[i];
        if (strlen(class->name) == prefix_len
            && !strncmp(name, class->name, prefix_len)) {
            *classp = class;
            return 0;
        }
    }
    return EAFNOSUPPORT;
}

static int
pstream_lookup_class(const char *name, const struct pstream_class **classp)
{
    size_t prefix_len = strcspn(name, ":");

    *classp = NULL;
    if (name[prefix_len] != ':') {
        return EAFNOSUPPORT;
    }
    for (size_t i = 0; i < ARRAY_SIZE(pstream_classes); i++) {
        const struct pstream_class *class = pstream_classes[i];
        if (strlen(class->name) == prefix_len
            && !strncmp(name, class->name, prefix_len)) {
            *classp = class;
            return 0;
        }
    }
    return EAFNOSUPPORT;
}

/* Returns 0 if 'name' names an active stream of a known class, otherwise
 * EAFNOSUPPORT. */
int
stream_verify_name(const char *name)
{
    const struct stream_class *class;
    return stream_lookup_class(name, &class);
}

int
pstream_verify_name(const char *name)
{
    const struct pstream_class *class;
    return pstream_lookup_class(name, &class);
}

bool
stream_is_passive_name(const char *name)
{
    return !pstream_verify_name(name);
}

int
stream_or_pstream_needs_probes(const char *name)
{
    const struct stream_class *class;
    const struct pstream_class *pclass;

    if (!stream_lookup_class(name, &class)) {
        return class->needs_probes;
    } else if (!pstream_lookup_class(name, &pclass)) {
        return pclass->needs_probes;
    }
    return -1;
}

void
stream_init(struct stream *stream, const struct stream_class *class,
            int connect_status, const char *name)
{
    memset(stream, 0, sizeof *stream);
    stream->class = class;
    stream->state = (connect_status == EAGAIN ? SCS_CONNECTING
                     : !connect_status ? SCS_CONNECTED
                     : SCS_DISCONNECTED);
    stream->error = connect_status == EAGAIN ? 0 : connect_status;
    stream->name = xstrdup(name);
}

/* Starts connecting to 'name'.  Returns 0 and the new stream in
 * '*streamp' (possibly still connecting: see stream_connect()), or a
 * positive errno value with '*streamp' NULL. */
int
stream_open(const char *name, struct stream **streamp, uint8_t dscp)
{
    const struct stream_class *class;
    int error;

    *streamp = NULL;
    VLOG_DBG("opening %s", name);
    error = stream_lookup_class(name, &class);
    if (error) {
        VLOG_WARN("%s: unknown stream type or missing ':'", name);
        return error;
    }

    char *suffix = xstrdup(strchr(name, ':') + 1);
    struct stream *stream;
    error = class->open(name, suffix, &stream, dscp);
    free(suffix);
    if (!error) {
        svs_assert(stream->state != SCS_CONNECTING || class->connect);
        *streamp = stream;
    }
    return error;
}

int
stream_open_block(int error, long long int timeout, struct stream **streamp)
{
    struct stream *stream = *streamp;
    long long int deadline = timeout >= 0 ? time_msec() + timeout : -1;

    if (!error) {
        while ((error = stream_connect(stream)) == EAGAIN) {
            if (deadline >= 0 && time_msec() >= deadline) {
                error = ETIMEDOUT;
                break;
            }
            stream_run(stream);
            stream_run_wait(stream);
            stream_connect_wait(stream);
            if (deadline >= 0) {
                poll_timer_wait_until(deadline);
            }
            poll_block();
        }
    }
    if (error) {
        stream_close(stream);
        *streamp = NULL;
    }
    return error;
}

void
stream_close(struct stream *stream)
{
    if (stream) {
        char *name = stream->name;
        char *peer_id = stream->peer_id;
        stream->class->close(stream);
        free(name);
        free(peer_id);
    }
}

const char *
stream_get_name(const struct stream *stream)
{
    return stream ? stream->name : "(null)";
}

const char *
stream_get_peer_id(const struct stream *stream)
{
    return stream->peer_id;
}

int
stream_connect(struct stream *stream)
{
    switch (stream->state) {
    case SCS_CONNECTING: {
        int error = stream->class->connect(stream);
        if (!error) {
            stream->state = SCS_CONNECTED;
        } else if (error != EAGAIN) {
            stream->state = SCS_DISCONNECTED;
            stream->error = error;
        }
        return error;
    }
    case SCS_CONNECTED:
        return 0;
    case SCS_DISCONNECTED:
    default:
        return stream->error;
    }
}

ssize_t
stream_recv(struct stream *stream, void *buffer, size_t n)
{
    int error = stream_connect(stream);

    return (error ? -error
            : !n ? 0
            : stream->class->recv(stream, buffer, n));
}

ssize_t
stream_send(struct stream *stream, const void *buffer, size_t n)
{
    int error = stream_connect(stream);

    return (error ? -error
            : !n ? 0
            : stream->class->send(stream, buffer, n));
}

void
stream_run(struct stream *stream)
{
    if (stream->class->run) {
        stream->class->run(stream);
    }
}

void
stream_run_wait(struct stream *stream)
{
    if (stream->class->run_wait) {
        stream->class->run_wait(stream);
    }
}

void
stream_wait(struct stream *stream, enum stream_wait_type type)
{
    switch (stream->state) {
    case SCS_CONNECTING:
        type = STREAM_CONNECT;
        break;
    case SCS_DISCONNECTED:
        poll_immediate_wake();
        return;
    case SCS_CONNECTED:
        break;
    }
    stream->class->wait(stream, type);
}

void
stream_connect_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_CONNECT);
}

void
stream_recv_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_RECV);
}

void
stream_send_wait(struct stream *stream)
{
    stream_wait(stream, STREAM_SEND);
}

/* Passive streams. */

void
pstream_init(struct pstream *pstream, const struct pstream_class *class,
             const char *name)
{
    memset(pstream, 0, sizeof *pstream);
    pstream->class = class;
    pstream->name = xstrdup(name);
}

void
pstream_set_bound_port(struct pstream *pstream, uint16_t port)
{
    pstream->bound_port = port;
}

/* Starts listening on 'name'.  Returns 0 and the listener in
 * '*pstreamp', or a positive errno value with '*pstreamp' NULL. */
int
pstream_open(const char *name, struct pstream **pstreamp, uint8_t dscp)
{
    const struct pstream_class *class;
    int error;

    *pstreamp = NULL;
    VLOG_DBG("%s: listening", name);
    error = pstream_lookup_class(name, &class);
    if (error) {
        VLOG_WARN("%s: unknown passive stream type or missing ':'", name);
        return error;
    }

    char *suffix = xstrdup(strchr(name, ':') + 1);
    struct pstream *pstream;
    error = class->listen(name, suffix, &pstream, dscp);
    free(suffix);
    if (!error) {
        *pstreamp = pstream;
    }
    return error;
}

const char *
pstream_get_name(const struct pstream *pstream)
{
    return pstream->name;
}

void
pstream_close(struct pstream *pstream)
{
    if (pstream) {
        char *name = pstream->name;
        pstream->class->close(pstream);
        free(name);
    }
}

int
pstream_accept(struct pstream *pstream, struct stream **streamp)
{
    int error = pstream->class->accept(pstream, streamp);
    if (error) {
        *streamp = NULL;
        if (error != EAGAIN) {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);
            VLOG_WARN_RL(&rl, "%s: accept failed (%s)", pstream->name,
                         svs_strerror(error));
        }
    }
    return error;
}

int
pstream_accept_block(struct pstream *pstream, struct stream **streamp)
{
    int error;

    while ((error = pstream_accept(pstream, streamp)) == EAGAIN) {
        pstream_wait(pstream);
        poll_block();
    }
    return error;
}

void
pstream_wait(struct pstream *pstream)
{
    pstream->class->wait(pstream);
}

uint16_t
pstream_get_bound_port(const struct pstream *pstream)
{
    return pstream->bound_port;
}

void
stream_usage(const char *name, bool active, bool passive, bool bootstrap)
{
    printf("\n");
    if (active) {
        printf("Active %s connection methods:\n", name);
        printf("  tcp:HOST:PORT           "
               "PORT at remote HOST\n");
        printf("  ssl:HOST:PORT           "
               "SSL PORT at remote HOST\n");
        printf("  unix:FILE               "
               "Unix domain socket named FILE\n");
    }
    if (passive) {
        printf("Passive %s connection methods:\n", name);
        printf("  ptcp:PORT[:IP]          "
               "listen to TCP PORT on IP\n");
        printf("  pssl:PORT[:IP]          "
               "listen for SSL on PORT on IP\n");
        printf("  punix:FILE              "
               "listen on Unix domain socket FILE\n");
    }
    printf("PKI configuration (required to use SSL):\n"
           "  -p, --private-key=FILE  file with private key\n"
           "  -c, --certificate=FILE  file with certificate for private key\n"
           "  -C, --ca-cert=FILE      file with peer CA certificate\n");
    if (bootstrap) {
        printf("  --bootstrap-ca-cert=FILE  file with peer CA certificate "
               "to read or create\n");
    }
    printf("SSL options:\n"
           "  --ssl-protocols=PROTOS  list of SSL protocols to enable\n"
           "  --ssl-ciphers=CIPHERS   list of SSL ciphers to enable\n");
}
