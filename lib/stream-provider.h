/* stream-provider.h: the interface between the generic stream layer
 * (stream.c) and the stream implementations ("classes"): fd-based unix:
 * and tcp: (stream-fd.c) and ssl: (stream-ssl.c), with their passive
 * counterparts.
 *
 * Design: a class allocates its own struct that embeds 'struct stream'
 * (or 'struct pstream') and initializes it with stream_init() (or
 * pstream_init()); the generic layer keeps the connection state machine
 * (connecting -> connected or disconnected) and calls the class through
 * the function pointers below.  Users never see this header.
 *
 * Error convention: 0 or a positive errno value, except where noted
 * (recv and send return byte counts or negative errno values).  EAGAIN
 * always means "try again after waiting". */
#ifndef SVS_STREAM_PROVIDER_H
#define SVS_STREAM_PROVIDER_H 1

#include <sys/types.h>
#include "stream.h"

/* Connection state, kept by stream.c. */
enum stream_state {
    SCS_CONNECTING,             /* Connection in progress. */
    SCS_CONNECTED,              /* Connected: data may flow. */
    SCS_DISCONNECTED            /* Failed; 'error' says why. */
};

/* An active stream. */
struct stream {
    const struct stream_class *class;
    enum stream_state state;
    int error;                  /* Positive errno when disconnected. */
    char *name;                 /* E.g. "tcp:127.0.0.1:6640", "unix#3". */
    char *peer_id;              /* SSL peer certificate's CN, or NULL. */
};

/* Initializes 'stream' of 'class' with 'name' (copied).  'connect_status'
 * is 0 if connected, EAGAIN if connecting, otherwise the error. */
void stream_init(struct stream *, const struct stream_class *,
                 int connect_status, const char *name);

struct stream_class {
    /* Prefix of names of this class, e.g. "tcp" for "tcp:...". */
    const char *name;

    /* True if connections of this class need inactivity probes to find
     * out that the peer went away (tcp, ssl), false if the kernel reports
     * it (unix). */
    bool needs_probes;

    /* Starts connecting to 'name', whose part after the colon is
     * 'suffix'.  On success (0) stores a new stream in '*streamp',
     * connected or still connecting.  Must not block. */
    int (*open)(const char *name, char *suffix, struct stream **streamp,
                uint8_t dscp);

    /* Frees 'stream' and its resources. */
    void (*close)(struct stream *stream);

    /* Advances a connection in progress: 0 when complete, EAGAIN if not
     * yet, otherwise the error.  NULL if streams are connected at
     * open. */
    int (*connect)(struct stream *stream);

    /* Reads up to 'n' bytes.  Returns the count (> 0), 0 at end of
     * stream, or a negative errno value (-EAGAIN if no data yet).  Called
     * only for connected streams, with 'n' > 0. */
    ssize_t (*recv)(struct stream *stream, void *buffer, size_t n);

    /* Writes up to 'n' bytes.  Returns the count (> 0) or a negative
     * errno value (-EAGAIN if none fit).  Called only when connected. */
    ssize_t (*send)(struct stream *stream, const void *buffer, size_t n);

    /* Does background work (e.g. flushing an SSL write buffer).  May be
     * NULL. */
    void (*run)(struct stream *stream);
    /* Registers the wakeup for 'run'.  May be NULL. */
    void (*run_wait)(struct stream *stream);

    /* Registers a wakeup for when 'type' can make progress. */
    void (*wait)(struct stream *stream, enum stream_wait_type type);
};

/* A passive stream (listener). */
struct pstream {
    const struct pstream_class *class;
    char *name;                 /* E.g. "ptcp:6640:127.0.0.1". */
    uint16_t bound_port;        /* Host byte order; 0 if not inet. */
};

void pstream_init(struct pstream *, const struct pstream_class *,
                  const char *name);
void pstream_set_bound_port(struct pstream *, uint16_t port);

struct pstream_class {
    const char *name;           /* E.g. "ptcp". */
    bool needs_probes;          /* As in struct stream_class. */

    /* Starts listening on 'name' ('suffix' follows the colon). */
    int (*listen)(const char *name, char *suffix, struct pstream **pstreamp,
                  uint8_t dscp);
    void (*close)(struct pstream *pstream);
    /* Accepts a connection: 0 with a new stream in '*streamp', EAGAIN if
     * none is pending, or another error. */
    int (*accept)(struct pstream *pstream, struct stream **streamp);
    /* Registers a wakeup for when a connection is pending. */
    void (*wait)(struct pstream *pstream);
};

/* Classes. */
extern const struct stream_class tcp_stream_class;
extern const struct stream_class unix_stream_class;
extern const struct stream_class ssl_stream_class;
extern const struct pstream_class ptcp_pstream_class;
extern const struct pstream_class punix_pstream_class;
extern const struct pstream_class pssl_pstream_class;

#endif /* stream-provider.h */
