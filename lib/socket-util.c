/* socket-util.c: socket helpers. */
#include <config.h>
#include "socket-util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(socket_util);

int
set_dscp(int fd, int family, uint8_t dscp)
{
    int val = (int) dscp << 2;

    if (dscp > 63) {
        return EINVAL;
    }
    if (family == AF_INET) {
        if (setsockopt(fd, IPPROTO_IP, IP_TOS, &val, sizeof val)) {
            return errno;
        }
    } else if (family == AF_INET6) {
        if (setsockopt(fd, IPPROTO_IPV6, IPV6_TCLASS, &val, sizeof val)) {
            return errno;
        }
    }
    return 0;
}

void
inet_parse_host_port_tokens(char *target, char **hostp, char **portp)
{
    char *p = target;

    if (*p == '[') {
        char *end = strchr(p, ']');
        *hostp = p + 1;
        if (end) {
            *end = '\0';
            p = end + 1;
        } else {
            p += strlen(p);
        }
    } else {
        *hostp = p;
        p += strcspn(p, ":");
    }

    if (*p == ':') {
        *p++ = '\0';
        *portp = p;
    } else {
        *p = '\0';
        *portp = NULL;
    }
}

/* Parses 'port_s' (or 'default_port' if NULL or empty) into '*portp'. */
static bool
parse_port(const char *target, const char *port_s, int default_port,
           uint16_t *portp)
{
    int port;

    if (!port_s || !port_s[0]) {
        if (default_port < 0) {
            VLOG_ERR("%s: port must be specified", target);
            return false;
        }
        port = default_port;
    } else if (!str_to_int(port_s, 10, &port) || port < 0 || port > 65535) {
        VLOG_ERR("%s: bad port number \"%s\"", target, port_s);
        return false;
    }
    *portp = port;
    return true;
}

/* Fills '*ss' with 'host' (numeric or, if 'resolve', a name) and 'port'.
 * Returns true on success. */
static bool
parse_sockaddr(const char *target, const char *host, uint16_t port,
               bool resolve, struct sockaddr_storage *ss)
{
    memset(ss, 0, sizeof *ss);

    struct sockaddr_in *sin = (struct sockaddr_in *) ss;
    if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
        sin->sin_family = AF_INET;
        sin->sin_port = htons(port);
        return true;
    }

    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *) ss;
    if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(port);
        return true;
    }

    /* Something that looks like a dotted-quad address but is not one
     * ("1.2.3") is an error: getaddrinfo() would read it the way
     * inet_aton() does (as 1.2.0.3) and connect somewhere unexpected. */
    if (resolve && host[strspn(host, "0123456789.")] != '\0') {
        struct addrinfo hints = { .ai_family = AF_UNSPEC,
                                  .ai_socktype = SOCK_STREAM };
        struct addrinfo *ai;
        int error = getaddrinfo(host, NULL, &hints, &ai);
        if (!error) {
            memcpy(ss, ai->ai_addr, MIN(ai->ai_addrlen, sizeof *ss));
            freeaddrinfo(ai);
            if (ss->ss_family == AF_INET) {
                sin->sin_port = htons(port);
            } else {
                sin6->sin6_port = htons(port);
            }
            return true;
        }
        VLOG_ERR("%s: could not find address of \"%s\" (%s)", target, host,
                 gai_strerror(error));
    } else {
        VLOG_ERR("%s: bad IP address \"%s\"", target, host);
    }
    memset(ss, 0, sizeof *ss);
    return false;
}

bool
inet_parse_active(const char *target_, int default_port,
                  struct sockaddr_storage *ss)
{
    char *target = xstrdup(target_);
    char *host, *port_s;
    uint16_t port;
    bool ok;

    inet_parse_host_port_tokens(target, &host, &port_s);
    if (!host[0]) {
        VLOG_ERR("%s: host must be specified", target_);
        ok = false;
    } else {
        ok = (parse_port(target_, port_s, default_port, &port)
              && parse_sockaddr(target_, host, port, true, ss));
    }
    if (!ok) {
        memset(ss, 0, sizeof *ss);
    }
    free(target);
    return ok;
}

bool
inet_parse_passive(const char *target_, int default_port,
                   struct sockaddr_storage *ss)
{
    char *target = xstrdup(target_);
    char *port_s = target;
    char *host = NULL;
    uint16_t port;
    bool ok;

    /* "PORT[:IP]": the port comes first; the IP may be bracketed. */
    char *colon = strchr(target, ':');
    if (colon) {
        *colon = '\0';
        host = colon + 1;
        if (host[0] == '[') {
            char *end = strchr(host, ']');
            host++;
            if (end) {
                *end = '\0';
            }
        }
    }

    ok = parse_port(target_, port_s, default_port, &port);
    if (ok) {
        ok = parse_sockaddr(target_, host && host[0] ? host : "0.0.0.0",
                            port, false, ss);
    }
    if (!ok) {
        memset(ss, 0, sizeof *ss);
    }
    free(target);
    return ok;
}

size_t
ss_length(const struct sockaddr_storage *ss)
{
    switch (ss->ss_family) {
    case AF_INET:
        return sizeof(struct sockaddr_in);
    case AF_INET6:
        return sizeof(struct sockaddr_in6);
    case AF_UNIX:
        return sizeof(struct sockaddr_un);
    default:
        return sizeof *ss;
    }
}

uint16_t
ss_get_port(const struct sockaddr_storage *ss)
{
    if (ss->ss_family == AF_INET) {
        return ntohs(((const struct sockaddr_in *) ss)->sin_port);
    } else if (ss->ss_family == AF_INET6) {
        return ntohs(((const struct sockaddr_in6 *) ss)->sin6_port);
    }
    return 0;
}

void
ss_format_address(const struct sockaddr_storage *ss, bool brackets,
                  struct ds *s)
{
    char buf[INET6_ADDRSTRLEN];

    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *sin = (const struct sockaddr_in *) ss;
        ds_put_cstr(s, inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof buf));
    } else if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *) ss;
        ds_put_format(s, brackets ? "[%s]" : "%s",
                      inet_ntop(AF_INET6, &sin6->sin6_addr, buf,
                                sizeof buf));
    } else {
        ds_put_format(s, "<address family %d>", ss->ss_family);
    }
}

char *
ss_to_string(const struct sockaddr_storage *ss)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ss_format_address(ss, true, &s);
    ds_put_format(&s, ":%u", ss_get_port(ss));
    return ds_steal_cstr(&s);
}

int
getsockname_ss(int fd, struct sockaddr_storage *ss)
{
    socklen_t len = sizeof *ss;

    memset(ss, 0, sizeof *ss);
    return getsockname(fd, (struct sockaddr *) ss, &len) ? errno : 0;
}

int
getpeername_ss(int fd, struct sockaddr_storage *ss)
{
    socklen_t len = sizeof *ss;

    memset(ss, 0, sizeof *ss);
    return getpeername(fd, (struct sockaddr *) ss, &len) ? errno : 0;
}

uint16_t
inet_get_bound_port(int fd)
{
    struct sockaddr_storage ss;

    return getsockname_ss(fd, &ss) ? 0 : ss_get_port(&ss);
}

int
set_tcp_nodelay(int fd)
{
    int on = 1;

    return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on)
           ? errno : 0;
}

int
inet_open_active(int style, const char *target, int default_port,
                 struct sockaddr_storage *ssp, int *fdp, uint8_t dscp)
{
    struct sockaddr_storage ss;
    int fd = -1;
    int error;

    if (!inet_parse_active(target, default_port, &ss)) {
        error = EAFNOSUPPORT;
        goto exit;
    }

    fd = socket(ss.ss_family, style | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = errno;
        VLOG_ERR("%s: socket: %s", target, svs_strerror(error));
        goto exit;
    }

    error = set_dscp(fd, ss.ss_family, dscp);
    if (error) {
        VLOG_ERR("%s: set_dscp: %s", target, svs_strerror(error));
        goto exit;
    }
    if (style == SOCK_STREAM) {
        set_tcp_nodelay(fd);
    }

    error = connect(fd, (struct sockaddr *) &ss, ss_length(&ss)) ? errno : 0;
    if (error == EAGAIN) {
        error = EINPROGRESS;
    }

exit:
    if (error && error != EINPROGRESS) {
        if (fd >= 0) {
            close(fd);
        }
        fd = -1;
    }
    if (ssp) {
        *ssp = ss;
    }
    *fdp = fd;
    return error;
}

int
inet_open_passive(int style, const char *target, int default_port,
                  struct sockaddr_storage *ssp, uint8_t dscp)
{
    struct sockaddr_storage ss;
    int fd, error;
    int on = 1;

    if (!inet_parse_passive(target, default_port, &ss)) {
        return -EAFNOSUPPORT;
    }

    fd = socket(ss.ss_family, style | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error = errno;
        VLOG_ERR("%s: socket: %s", target, svs_strerror(error));
        return -error;
    }

    if (style == SOCK_STREAM
        && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on)) {
        error = errno;
        VLOG_ERR("%s: setsockopt(SO_REUSEADDR): %s", target,
                 svs_strerror(error));
        goto error;
    }

    if (bind(fd, (struct sockaddr *) &ss, ss_length(&ss))) {
        error = errno;
        VLOG_ERR("%s: bind: %s", target, svs_strerror(error));
        goto error;
    }

    error = set_dscp(fd, ss.ss_family, dscp);
    if (error) {
        VLOG_ERR("%s: set_dscp: %s", target, svs_strerror(error));
        goto error;
    }

    if (style == SOCK_STREAM && listen(fd, 128)) {
        error = errno;
        VLOG_ERR("%s: listen: %s", target, svs_strerror(error));
        goto error;
    }

    if (ssp) {
        error = getsockname_ss(fd, ssp);
        if (error) {
            VLOG_ERR("%s: getsockname: %s", target, svs_strerror(error));
            goto error;
        }
    }
    return fd;

error:
    close(fd);
    return -error;
}

/* Fills '*un' for 'path'.  A path too long for sun_path is reached
 * through its directory, opened as '*dirfdp' (else -1), via
 * /proc/self/fd/<dirfd>/<basename>.  Returns 0 or a positive errno. */
static int
make_sockaddr_un(const char *path, struct sockaddr_un *un, socklen_t *lenp,
                 int *dirfdp)
{
    *dirfdp = -1;
    memset(un, 0, sizeof *un);
    un->sun_family = AF_UNIX;

    if (strlen(path) >= sizeof un->sun_path) {
        char *dir = svs_dirname(path);
        char *base = svs_basename(path);
        int dirfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
        int error = dirfd < 0 ? errno : 0;

        free(dir);
        if (error) {
            free(base);
            return error;
        }

        char short_path[sizeof un->sun_path + 1];
        int n = snprintf(short_path, sizeof short_path, "/proc/self/fd/%d/%s",
                         dirfd, base);
        free(base);
        if (n < 0 || n >= sizeof un->sun_path) {
            close(dirfd);
            return ENAMETOOLONG;
        }
        memcpy(un->sun_path, short_path, n + 1);
        *dirfdp = dirfd;
    } else {
        svs_strlcpy(un->sun_path, path, sizeof un->sun_path);
    }
    *lenp = offsetof(struct sockaddr_un, sun_path) + strlen(un->sun_path) + 1;
    return 0;
}

int
make_unix_socket(int style, bool nonblock, const char *bind_path,
                 const char *connect_path)
{
    int fd = socket(AF_UNIX, style | SOCK_CLOEXEC
                    | (nonblock ? SOCK_NONBLOCK : 0), 0);
    if (fd < 0) {
        return -errno;
    }

    int error = 0;
    if (bind_path) {
        struct stat st;
        if (!lstat(bind_path, &st)) {
            if (!S_ISSOCK(st.st_mode)) {
                VLOG_ERR("%s: refusing to replace existing file that is "
                         "not a socket", bind_path);
                error = EEXIST;
                goto error;
            }
            if (unlink(bind_path) && errno != ENOENT) {
                error = errno;
                VLOG_WARN("%s: could not remove stale socket (%s)",
                          bind_path, svs_strerror(error));
                goto error;
            }
        }

        struct sockaddr_un un;
        socklen_t len;
        int dirfd;
        error = make_sockaddr_un(bind_path, &un, &len, &dirfd);
        if (!error) {
            fatal_signal_add_file_to_unlink(bind_path);
            if (bind(fd, (struct sockaddr *) &un, len)) {
                error = errno;
                fatal_signal_remove_file_to_unlink(bind_path);
            }
            if (dirfd >= 0) {
                close(dirfd);
            }
        }
        if (error) {
            goto error;
        }
    }

    if (connect_path) {
        struct sockaddr_un un;
        socklen_t len;
        int dirfd;
        error = make_sockaddr_un(connect_path, &un, &len, &dirfd);
        if (!error) {
            if (connect(fd, (struct sockaddr *) &un, len)) {
                error = errno;
            }
            if (dirfd >= 0) {
                close(dirfd);
            }
        }
        if (error == EINPROGRESS) {
            error = EAGAIN;
        }
        if (error) {
            goto error_unbind;
        }
    }
    return fd;

error_unbind:
    if (bind_path) {
        fatal_signal_unlink_file_now(bind_path);
    }
error:
    close(fd);
    return -error;
}

char *
get_unix_socket_name(int fd)
{
    struct sockaddr_un un;
    socklen_t len = sizeof un;

    if (getsockname(fd, (struct sockaddr *) &un, &len)
        || un.sun_family != AF_UNIX
        || len <= offsetof(struct sockaddr_un, sun_path)
        || !un.sun_path[0]) {
        return NULL;
    }
    return xmemdup0(un.sun_path,
                    strnlen(un.sun_path,
                            len - offsetof(struct sockaddr_un, sun_path)));
}

int
get_socket_error(int fd)
{
    int error;
    socklen_t len = sizeof error;

    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len)) {
        return errno;
    }
    return error;
}

int
check_connection_completion(int fd)
{
    struct pollfd pfd = { .fd = fd, .events = POLLOUT };
    int retval;

    do {
        retval = poll(&pfd, 1, 0);
    } while (retval < 0 && errno == EINTR);

    if (retval == 1) {
        if (pfd.revents & (POLLERR | POLLHUP)) {
            int error = get_socket_error(fd);
            return error ? error : ECONNREFUSED;
        }
        return 0;
    } else if (retval < 0) {
        return errno;
    }
    return EAGAIN;
}

void
xpipe(int fds[2])
{
    if (pipe2(fds, O_CLOEXEC)) {
        svs_fatal(errno, "pipe failed");
    }
}

void
xpipe_nonblocking(int fds[2])
{
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK)) {
        svs_fatal(errno, "pipe failed");
    }
}

char *
describe_fd(int fd)
{
    struct stat st;

    if (fstat(fd, &st)) {
        return xasprintf("fd %d: fstat failed (%s)", fd,
                         svs_strerror(errno));
    }
    if (S_ISSOCK(st.st_mode)) {
        struct sockaddr_storage ss, peer;
        if (!getsockname_ss(fd, &ss)
            && (ss.ss_family == AF_INET || ss.ss_family == AF_INET6)) {
            char *local = ss_to_string(&ss);
            char *remote = (!getpeername_ss(fd, &peer)
                            ? ss_to_string(&peer) : xstrdup(""));
            char *s = xasprintf("%s<->%s", local, remote);
            free(local);
            free(remote);
            return s;
        }
        char *name = get_unix_socket_name(fd);
        char *s = xasprintf("%s<->", name ? name : "unix socket");
        free(name);
        return s;
    }
    return xasprintf("%s", S_ISREG(st.st_mode) ? "file"
                     : S_ISFIFO(st.st_mode) ? "FIFO"
                     : S_ISCHR(st.st_mode) ? "character device"
                     : "file descriptor");
}
