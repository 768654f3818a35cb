/* stream.h: byte-stream connections (active) and listeners (passive).
 *
 * What: names select the transport:
 *   active   unix:FILE            Unix domain socket FILE (relative to
 *                                 the rundir unless absolute; also for
 *                                 punix:)
 *            tcp:HOST:PORT        TCP (HOST an IPv4 address, a name, or
 *                                 an IPv6 address in brackets)
 *            ssl:HOST:PORT        TLS over TCP (see stream-ssl.h)
 *   passive  punix:FILE           listen on Unix socket FILE, removed on
 *                                 close and at exit
 *            ptcp:PORT[:IP]       listen on TCP PORT (0 = ephemeral: see
 *                                 pstream_get_bound_port())
 *            pssl:PORT[:IP]       TLS listener
 *
 * Design: every stream is nonblocking.  stream_open() starts a
 * connection and returns at once; stream_connect() reports its progress;
 * stream_recv()/stream_send() move bytes or return -EAGAIN.  Callers
 * follow the poll loop pattern: call stream_run() each iteration, and
 * stream_run_wait() plus stream_wait() for what they need before
 * poll_block().  Accepted streams are named "unix#N" (N counting
 * connections) or "tcp:IP:PORT"/"ssl:IP:PORT" of the peer.
 *
 * Error convention: 0 or a positive errno value; EAGAIN means "would
 * block"; EOF (-1) is never returned by functions returning int here
 * (stream_recv() returns 0 at end of stream).
 *
 * Thread-safety: a stream or pstream may be used by one thread at a
 * time.  The functions that take names are thread-safe. */
#ifndef SVS_STREAM_H
#define SVS_STREAM_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct pstream;
struct stream;

enum stream_wait_type {
    STREAM_CONNECT,             /* Until stream_connect() can progress. */
    STREAM_RECV,                /* Until stream_recv() has data. */
    STREAM_SEND                 /* Until stream_send() can accept data. */
};

/* Active streams. */
int stream_verify_name(const char *name);
int stream_open(const char *name, struct stream **streamp, uint8_t dscp);
/* Waits until the stream opened with result 'error' finishes connecting,
 * or 'timeout' msec pass (negative: no limit).  Returns 0 on success; on
 * failure closes the stream and sets '*streamp' to NULL. */
int stream_open_block(int error, long long int timeout,
                      struct stream **streamp);
void stream_close(struct stream *);
const char *stream_get_name(const struct stream *);
/* The CN of the SSL peer's certificate, or NULL. */
const char *stream_get_peer_id(const struct stream *);
/* 0 if connected, EAGAIN while connecting, else the failure. */
int stream_connect(struct stream *);
/* Returns bytes read (> 0), 0 at end of stream, or a negative errno
 * value (-EAGAIN if nothing is available yet). */
ssize_t stream_recv(struct stream *, void *buffer, size_t n);
/* Returns bytes written (> 0) or a negative errno value (-EAGAIN if the
 * stream cannot take any data now). */
ssize_t stream_send(struct stream *, const void *buffer, size_t n);
void stream_run(struct stream *);
void stream_run_wait(struct stream *);
void stream_wait(struct stream *, enum stream_wait_type);
void stream_connect_wait(struct stream *);
void stream_recv_wait(struct stream *);
void stream_send_wait(struct stream *);

/* Passive streams. */
int pstream_verify_name(const char *name);
int pstream_open(const char *name, struct pstream **pstreamp, uint8_t dscp);
const char *pstream_get_name(const struct pstream *);
void pstream_close(struct pstream *);
/* Returns 0 and a new stream in '*streamp', EAGAIN if no connection is
 * pending, or another positive errno value. */
int pstream_accept(struct pstream *, struct stream **streamp);
/* Like pstream_accept() but waits for a connection. */
int pstream_accept_block(struct pstream *, struct stream **streamp);
void pstream_wait(struct pstream *);
/* The TCP port a ptcp:/pssl: listener is bound to (useful with port 0),
 * in host byte order; 0 for punix:. */
uint16_t pstream_get_bound_port(const struct pstream *);

/* Names. */

/* Returns 1 if connections named 'name' (active or passive) need
 * inactivity probes, 0 if not, -1 if the name is not valid. */
int stream_or_pstream_needs_probes(const char *name);
/* True if 'name' looks like a passive stream name. */
bool stream_is_passive_name(const char *name);
/* Prints help on stream names for --help; 'active' and 'passive' select
 * which kinds, 'bootstrap' mentions --bootstrap-ca-cert. */
void stream_usage(const char *name, bool active, bool passive,
                  bool bootstrap);

/* Default ports (IANA-assigned OVSDB and OpenFlow ports). */
#define SVSDB_PORT 6640
#define OFP_PORT 6653

#endif /* stream.h */
