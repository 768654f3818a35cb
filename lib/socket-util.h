/* socket-util.h: socket helpers: address parsing, active and passive
 * TCP/IP sockets, Unix domain sockets (including long path names),
 * nonblocking connection completion, DSCP.
 *
 * Address syntax (as in Open vSwitch):
 *   active   HOST[:PORT]       HOST is a name, an IPv4 address or an IPv6
 *                              address in brackets: [::1]:6640
 *   passive  [PORT][:IP]       e.g. "6640", "6640:127.0.0.1",
 *                              "0:[::1]", ":127.0.0.1" (default port)
 * A missing port takes 'default_port'; a negative 'default_port' makes
 * the port mandatory.  Port 0 for a passive socket asks the kernel for an
 * ephemeral port; inet_open_passive() reports the one it got.
 *
 * Error convention: functions returning int return 0 or a positive errno
 * value unless documented as returning an fd or a negative errno value.
 *
 * Thread-safety: all functions are thread-safe, except that
 * make_unix_socket() may use the process-wide current directory for very
 * long paths (only when /proc is unavailable). */
#ifndef SVS_SOCKET_UTIL_H
#define SVS_SOCKET_UTIL_H 1

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

struct ds;

/* Default DSCP for control traffic (CS6), as Open vSwitch uses. */
#define DSCP_DEFAULT (0xc0 >> 2)

/* Sets the DSCP bits of IP socket 'fd' of address family 'family'
 * (AF_INET or AF_INET6; others are ignored). */
int set_dscp(int fd, int family, uint8_t dscp);

/* Parses 'target' ("HOST[:PORT]") into '*ss', resolving HOST if it is a
 * name.  Returns true on success; on failure logs a warning, zeroes
 * '*ss' and returns false. */
bool inet_parse_active(const char *target, int default_port,
                       struct sockaddr_storage *ss);
/* Parses 'target' ("[PORT][:IP]") into '*ss'; the address defaults to
 * the IPv4 wildcard.  Returns true on success. */
bool inet_parse_passive(const char *target, int default_port,
                        struct sockaddr_storage *ss);
/* Splits "HOST[:PORT]" or "[IPV6][:PORT]" in 'target' (modified in
 * place) into '*hostp' and '*portp' (NULL if absent). */
void inet_parse_host_port_tokens(char *target, char **hostp, char **portp);

/* Opens a nonblocking socket of 'style' (SOCK_STREAM) and starts
 * connecting it to 'target'.  On success or EINPROGRESS stores the fd
 * in '*fdp' (else -1), and the address in '*ssp' if nonnull.  Returns 0
 * (connected), EINPROGRESS (connection in progress: wait for POLLOUT,
 * then check_connection_completion()), or a positive errno value. */
int inet_open_active(int style, const char *target, int default_port,
                     struct sockaddr_storage *ssp, int *fdp, uint8_t dscp);
/* Opens a nonblocking listening socket bound to 'target'.  Returns the
 * fd, or a negative errno value.  Stores the bound address (with the
 * actual port, even for port 0) in '*ssp' if nonnull. */
int inet_open_passive(int style, const char *target, int default_port,
                      struct sockaddr_storage *ssp, uint8_t dscp);

/* Creates a Unix domain socket of 'style' (SOCK_STREAM or SOCK_DGRAM),
 * nonblocking if 'nonblock', close-on-exec, optionally bound to
 * 'bind_path' and/or connected to 'connect_path'.  Paths longer than
 * sockaddr_un allows are reached through /proc/self/fd.  Binding fails
 * with EEXIST if 'bind_path' exists and is not a socket; an existing
 * (stale) socket is replaced.  The bound path is registered with
 * fatal-signal for removal at exit.  Returns the fd or a negative errno
 * value; a nonblocking connect that cannot complete at once yields
 * -EAGAIN. */
int make_unix_socket(int style, bool nonblock, const char *bind_path,
                     const char *connect_path);
/* Returns the path that Unix socket 'fd' is bound to, for logging;
 * the caller frees it.  Returns NULL if unbound or not a Unix socket. */
char *get_unix_socket_name(int fd);

/* Checks whether the nonblocking connect() on 'fd' has completed.
 * Returns 0 if connected, EAGAIN if still in progress, otherwise the
 * positive errno value of the failure. */
int check_connection_completion(int fd);
/* Returns the pending error (SO_ERROR) of socket 'fd'. */
int get_socket_error(int fd);

/* Address helpers. */
uint16_t ss_get_port(const struct sockaddr_storage *);
/* Appends the IP address of '*ss', IPv6 in brackets if 'brackets'. */
void ss_format_address(const struct sockaddr_storage *, bool brackets,
                       struct ds *);
/* Returns "IP:PORT" ("[IPV6]:PORT") for '*ss'; the caller frees it. */
char *ss_to_string(const struct sockaddr_storage *);
size_t ss_length(const struct sockaddr_storage *);
/* Returns the port that socket 'fd' is bound to, or 0. */
uint16_t inet_get_bound_port(int fd);
int getsockname_ss(int fd, struct sockaddr_storage *);
int getpeername_ss(int fd, struct sockaddr_storage *);

/* Creates a pipe with both ends close-on-exec, aborting on failure. */
void xpipe(int fds[2]);
void xpipe_nonblocking(int fds[2]);
/* Sets TCP_NODELAY on 'fd'.  Returns 0 or a positive errno value. */
int set_tcp_nodelay(int fd);
/* Returns a description of file descriptor 'fd' for log messages; the
 * caller frees it. */
char *describe_fd(int fd);

#endif /* socket-util.h */
