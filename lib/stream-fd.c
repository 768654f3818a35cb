/* stream-fd.c: fd-based streams and the tcp:, unix:, ptcp:, punix:
 * classes. */
#include <config.h>
#include "stream-fd.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "dirs.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "poll-loop.h"
#include "socket-util.h"
#include "stream-provider.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(stream_fd);

/* Active fd stream. */

struct stream_fd {
    struct stream stream;
    int fd;
    int fd_type;                /* AF_INET, AF_INET6, AF_UNIX. */
};

static struct stream_fd *
stream_fd_cast(const struct stream *stream)
{
    return CONTAINER_OF(stream, struct stream_fd, stream);
}

int
new_fd_stream(const char *name, int fd, int connect_status, int fd_type,
              const struct stream_class *class, struct stream **streamp)
{
    struct stream_fd *s = xmalloc(sizeof *s);

    stream_init(&s->stream, class, connect_status, name);
    s->fd = fd;
    s->fd_type = fd_type;
    *streamp = &s->stream;
    return 0;
}

int
stream_fd_get_fd(const struct stream *stream)
{
    return stream_fd_cast(stream)->fd;
}

static void
fd_close(struct stream *stream)
{
    struct stream_fd *s = stream_fd_cast(stream);

    close(s->fd);
    free(s);
}

static int
fd_connect(struct stream *stream)
{
    struct stream_fd *s = stream_fd_cast(stream);
    int error = check_connection_completion(s->fd);

    if (!error && s->fd_type != AF_UNIX) {
        set_tcp_nodelay(s->fd);
    }
    return error;
}

static ssize_t
fd_recv(struct stream *stream, void *buffer, size_t n)
{
    struct stream_fd *s = stream_fd_cast(stream);
    ssize_t retval;

    if (!poll_fd_may_be_ready(s->fd, POLLIN)) {
        return -EAGAIN;         /* The last poll said so: save the call. */
    }
    do {
        retval = recv(s->fd, buffer, n, 0);
    } while (retval < 0 && errno == EINTR);
    if (retval >= 0 && (size_t) retval < n) {
        poll_fd_mark_drained(s->fd, POLLIN);
    }

    if (retval < 0) {
        int error = errno == EWOULDBLOCK ? EAGAIN : errno;
        if (error != EAGAIN) {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);
            VLOG_DBG_RL(&rl, "%s: recv: %s", stream->name,
                        svs_strerror(error));
        }
        return -error;
    }
    return retval;
}

static ssize_t
fd_send(struct stream *stream, const void *buffer, size_t n)
{
    struct stream_fd *s = stream_fd_cast(stream);
    ssize_t retval;

    do {
        retval = send(s->fd, buffer, n, MSG_NOSIGNAL);
    } while (retval < 0 && errno == EINTR);

    if (retval < 0) {
        int error = errno == EWOULDBLOCK ? EAGAIN : errno;
        if (error != EAGAIN) {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);
            VLOG_DBG_RL(&rl, "%s: send: %s", stream->name,
                        svs_strerror(error));
        }
        return -error;
    }
    return retval ? retval : -EAGAIN;
}

static void
fd_wait(struct stream *stream, enum stream_wait_type type)
{
    struct stream_fd *s = stream_fd_cast(stream);

    switch (type) {
    case STREAM_CONNECT:
    case STREAM_SEND:
        poll_fd_wait(s->fd, POLLOUT);
        break;
    case STREAM_RECV:
        poll_fd_wait(s->fd, POLLIN);
        break;
    default:
        SVS_NOT_REACHED();
    }
}

/* tcp: */

static int
tcp_open(const char *name, char *suffix, struct stream **streamp,
         uint8_t dscp)
{
    struct sockaddr_storage ss;
    int fd;
    int error = inet_open_active(SOCK_STREAM, suffix, -1, &ss, &fd, dscp);

    if (error && error != EINPROGRESS) {
        if (error != EAFNOSUPPORT) {
            VLOG_DBG("%s: connect: %s", name, svs_strerror(error));
        }
        return error;
    }
    return new_fd_stream(name, fd, error ? EAGAIN : 0, ss.ss_family,
                         &tcp_stream_class, streamp);
}

const struct stream_class tcp_stream_class = {
    .name = "tcp",
    .needs_probes = true,
    .open = tcp_open,
    .close = fd_close,
    .connect = fd_connect,
    .recv = fd_recv,
    .send = fd_send,
    .wait = fd_wait,
};

/* unix: */

static int
unix_open(const char *name, char *suffix, struct stream **streamp,
          uint8_t dscp SVS_UNUSED)
{
    char *path = abs_file_name(svs_rundir(), suffix);
    int fd = make_unix_socket(SOCK_STREAM, true, NULL, path);

    free(path);
    if (fd < 0) {
        int error = -fd;
        VLOG_DBG("%s: connection failed (%s)", name, svs_strerror(error));
        /* A full listen queue: report it as a refusal rather than as
         * EAGAIN, which callers would take for "in progress". */
        return error == EAGAIN ? ECONNREFUSED : error;
    }
    return new_fd_stream(name, fd, 0, AF_UNIX, &unix_stream_class, streamp);
}

const struct stream_class unix_stream_class = {
    .name = "unix",
    .needs_probes = false,
    .open = unix_open,
    .close = fd_close,
    .connect = fd_connect,
    .recv = fd_recv,
    .send = fd_send,
    .wait = fd_wait,
};

/* Passive fd stream. */

struct pstream_fd {
    struct pstream pstream;
    int fd;
    int fd_type;
    char *unlink_path;          /* punix: socket file to remove, or NULL. */
};

static struct pstream_fd *
pstream_fd_cast(const struct pstream *pstream)
{
    return CONTAINER_OF(pstream, struct pstream_fd, pstream);
}

static void
pfd_close(struct pstream *pstream)
{
    struct pstream_fd *ps = pstream_fd_cast(pstream);

    close(ps->fd);
    if (ps->unlink_path) {
        fatal_signal_unlink_file_now(ps->unlink_path);
        free(ps->unlink_path);
    }
    free(ps);
}

static void
pfd_wait(struct pstream *pstream)
{
    poll_fd_wait(pstream_fd_cast(pstream)->fd, POLLIN);
}

static int
pfd_accept_fd(struct pstream_fd *ps, int *fdp, struct sockaddr_storage *ss)
{
    socklen_t len = sizeof *ss;
    int fd;

    memset(ss, 0, sizeof *ss);
    if (!poll_fd_may_be_ready(ps->fd, POLLIN)) {
        *fdp = -1;
        return EAGAIN;
    }
    do {
        fd = accept4(ps->fd, (struct sockaddr *) ss, &len,
                     SOCK_NONBLOCK | SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);

    if (fd < 0) {
        int error = errno;
        *fdp = -1;
        return error == EWOULDBLOCK ? EAGAIN : error;
    }
    *fdp = fd;
    return 0;
}

/* ptcp: */

static int
ptcp_accept(struct pstream *pstream, struct stream **streamp)
{
    struct pstream_fd *ps = pstream_fd_cast(pstream);
    struct sockaddr_storage ss;
    int fd;
    int error = pfd_accept_fd(ps, &fd, &ss);

    if (error) {
        return error;
    }
    set_tcp_nodelay(fd);

    char *peer = ss_to_string(&ss);
    char *name = xasprintf("tcp:%s", peer);
    error = new_fd_stream(name, fd, 0, ss.ss_family, &tcp_stream_class,
                          streamp);
    free(name);
    free(peer);
    return error;
}

static int
ptcp_listen(const char *name SVS_UNUSED, char *suffix,
            struct pstream **pstreamp, uint8_t dscp)
{
    struct sockaddr_storage ss;
    int fd = inet_open_passive(SOCK_STREAM, suffix, -1, &ss, dscp);

    if (fd < 0) {
        return -fd;
    }

    struct ds bound = DS_EMPTY_INITIALIZER;
    ds_put_format(&bound, "ptcp:%u:", ss_get_port(&ss));
    ss_format_address(&ss, true, &bound);

    struct pstream_fd *ps = xzalloc(sizeof *ps);
    pstream_init(&ps->pstream, &ptcp_pstream_class, ds_cstr(&bound));
    pstream_set_bound_port(&ps->pstream, ss_get_port(&ss));
    ps->fd = fd;
    ps->fd_type = ss.ss_family;
    ds_destroy(&bound);
    *pstreamp = &ps->pstream;
    return 0;
}

const struct pstream_class ptcp_pstream_class = {
    .name = "ptcp",
    .needs_probes = true,
    .listen = ptcp_listen,
    .close = pfd_close,
    .accept = ptcp_accept,
    .wait = pfd_wait,
};

/* punix: */

static unsigned int n_unix_accepted;

static int
punix_accept(struct pstream *pstream, struct stream **streamp)
{
    struct pstream_fd *ps = pstream_fd_cast(pstream);
    struct sockaddr_storage ss;
    int fd;
    int error = pfd_accept_fd(ps, &fd, &ss);

    if (error) {
        return error;
    }

    unsigned int n = __atomic_add_fetch(&n_unix_accepted, 1,
                                        __ATOMIC_RELAXED);
    char *name = xasprintf("unix#%u", n);
    error = new_fd_stream(name, fd, 0, AF_UNIX, &unix_stream_class,
                          streamp);
    free(name);
    return error;
}

static int
punix_listen(const char *name, char *suffix, struct pstream **pstreamp,
             uint8_t dscp SVS_UNUSED)
{
    char *path = abs_file_name(svs_rundir(), suffix);
    int fd = make_unix_socket(SOCK_STREAM, true, path, NULL);

    if (fd < 0) {
        int error = -fd;
        VLOG_ERR("%s: binding failed: %s", path, svs_strerror(error));
        free(path);
        return error;
    }
    if (listen(fd, 128)) {
        int error = errno;
        VLOG_ERR("%s: listen: %s", path, svs_strerror(error));
        close(fd);
        fatal_signal_unlink_file_now(path);
        free(path);
        return error;
    }

    struct pstream_fd *ps = xzalloc(sizeof *ps);
    pstream_init(&ps->pstream, &punix_pstream_class, name);
    ps->fd = fd;
    ps->fd_type = AF_UNIX;
    ps->unlink_path = path;
    *pstreamp = &ps->pstream;
    return 0;
}

const struct pstream_class punix_pstream_class = {
    .name = "punix",
    .needs_probes = false,
    .listen = punix_listen,
    .close = pfd_close,
    .accept = punix_accept,
    .wait = pfd_wait,
};
