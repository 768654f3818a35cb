/* stream-fd.h: streams over a file descriptor (sockets), the base of the
 * tcp:, unix:, ptcp: and punix: stream classes (all defined in
 * stream-fd.c).
 *
 * Thread-safety: like any stream, one thread at a time per stream. */
#ifndef SVS_STREAM_FD_H
#define SVS_STREAM_FD_H 1

#include <sys/socket.h>

struct pstream;
struct stream;
struct stream_class;

/* Creates a stream named 'name' over socket 'fd' (taken over; closed with
 * the stream).  'connect_status' is 0 if connected, EAGAIN if a
 * nonblocking connect is in progress, or an error.  'fd_type' is the
 * socket's address family (AF_INET, AF_INET6, AF_UNIX). */
int new_fd_stream(const char *name, int fd, int connect_status, int fd_type,
                  const struct stream_class *, struct stream **streamp);

/* Returns the fd of a stream made by new_fd_stream(). */
int stream_fd_get_fd(const struct stream *);

#endif /* stream-fd.h */
