/* stream-ssl.c: TLS streams over OpenSSL 3.
 *
 * Each ssl_stream is a nonblocking TCP socket plus an SSL object.  Data
 * that the application hands to ssl_send() is copied into 'txbuf' and
 * written from there, because OpenSSL requires a write that could not
 * complete to be retried with the same bytes. */
#include <config.h>
#include "stream-ssl.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include "dynamic-string.h"
#include "poll-loop.h"
#include "socket-util.h"
#include "stream-provider.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(stream_ssl);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 25);

/* Largest chunk copied into 'txbuf' by one ssl_send(). */
#define MAX_TXBUF (256 * 1024)

/* A configured file and the state it was loaded in. */
struct ssl_config_file {
    char *file_name;
    struct timespec mtime;
    off_t size;
    bool loaded;                /* Successfully loaded. */
    bool stale;                 /* Must be loaded again even if unchanged
                                 * (OpenSSL dropped it). */
};

static SSL_CTX *ctx;
static struct ssl_config_file private_key;
static struct ssl_config_file certificate;
static struct ssl_config_file ca_cert;
static struct ssl_config_file peer_ca_cert;
static bool verify_peer_cert = true;    /* False for --ca-cert=none. */
static bool bootstrap_ca_cert;          /* Waiting to bootstrap 'ca_cert'. */

/* Context. */

static void
log_openssl_errors(const char *function, const char *name)
{
    unsigned long err;
    bool any = false;

    while ((err = ERR_get_error())) {
        char buf[256];
        ERR_error_string_n(err, buf, sizeof buf);
        VLOG_WARN_RL(&rl, "%s: %s: %s", name, function, buf);
        any = true;
    }
    if (!any) {
        VLOG_WARN_RL(&rl, "%s: %s failed", name, function);
    }
}

static int
verify_callback(int preverify_ok, X509_STORE_CTX *store)
{
    SSL *ssl = X509_STORE_CTX_get_ex_data(
        store, SSL_get_ex_data_X509_STORE_CTX_idx());
    if (!preverify_ok && ssl && SSL_get_verify_mode(ssl) != SSL_VERIFY_NONE) {
        X509 *cert = X509_STORE_CTX_get_current_cert(store);
        int error = X509_STORE_CTX_get_error(store);
        char subject[256] = "(unknown)";

        if (cert) {
            X509_NAME_oneline(X509_get_subject_name(cert), subject,
                              sizeof subject);
        }
        VLOG_WARN_RL(&rl, "rejecting peer certificate \"%s\": %s", subject,
                     X509_verify_cert_error_string(error));
    }
    return preverify_ok;
}

static void
update_verify_mode(void)
{
    int mode = (verify_peer_cert && !bootstrap_ca_cert
                ? SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT
                : SSL_VERIFY_NONE);
    SSL_CTX_set_verify(ctx, mode, verify_callback);
}

/* Creates the context on first use.  Returns 0 or an errno value. */
static int
ssl_init(void)
{
    if (ctx) {
        return 0;
    }

    ctx = SSL_CTX_new(TLS_method());
    if (!ctx) {
        log_openssl_errors("SSL_CTX_new", "ssl");
        return ENOPROTOOPT;
    }
    SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION
                        | SSL_OP_NO_RENEGOTIATION);
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE
                     | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_cipher_list(ctx, "HIGH:!aNULL:!MD5");
    update_verify_mode();
    return 0;
}

/* Returns true if 'file_name' differs from what 'cf' holds, or the file
 * changed (or appeared, or vanished) since the last attempt to load it, or
 * 'cf' is stale.  Updates the recorded state.
 *
 * A file that failed to load is not retried until it changes: the setters
 * are called periodically (svsdb-server re-reads its settings every
 * second), and a missing or broken file would otherwise log the same
 * errors each time. */
static bool
config_file_changed(struct ssl_config_file *cf, const char *file_name)
{
    struct stat st;
    struct timespec mtime = { 0, 0 };
    off_t size = -1;

    if (!stat(file_name, &st)) {
        mtime = st.st_mtim;
        size = st.st_size;
    }
    if (cf->file_name && !strcmp(cf->file_name, file_name) && !cf->stale
        && cf->mtime.tv_sec == mtime.tv_sec
        && cf->mtime.tv_nsec == mtime.tv_nsec && cf->size == size) {
        return false;
    }

    free(cf->file_name);
    cf->file_name = xstrdup(file_name);
    cf->mtime = mtime;
    cf->size = size;
    cf->loaded = false;
    cf->stale = false;
    return true;
}

/* Checks that the private key and certificate belong together after
 * 'just_loaded' (one of them) was loaded.  If not, OpenSSL has dropped
 * the other one, so it is marked unloaded and stale, to be reloaded by
 * the next call of its setter (when its file may have caught up). */
static void
check_key_matches_cert(struct ssl_config_file *just_loaded)
{
    struct ssl_config_file *other = (just_loaded == &private_key
                                     ? &certificate : &private_key);

    if (just_loaded->loaded && other->loaded
        && !SSL_CTX_check_private_key(ctx)) {
        VLOG_ERR("private key %s does not match certificate %s",
                 private_key.file_name, certificate.file_name);
        ERR_clear_error();
        other->loaded = false;
        other->stale = true;
    }
}

static void
load_private_key(void)
{
    if (SSL_CTX_use_PrivateKey_file(ctx, private_key.file_name,
                                    SSL_FILETYPE_PEM) != 1) {
        VLOG_ERR("SSL_use_PrivateKey_file: could not load %s",
                 private_key.file_name);
        log_openssl_errors("SSL_CTX_use_PrivateKey_file",
                           private_key.file_name);
        return;
    }
    private_key.loaded = true;
}

static void
load_certificate(void)
{
    if (SSL_CTX_use_certificate_chain_file(ctx, certificate.file_name)
        != 1) {
        VLOG_ERR("SSL_use_certificate_file: could not load %s",
                 certificate.file_name);
        log_openssl_errors("SSL_CTX_use_certificate_chain_file",
                           certificate.file_name);
        return;
    }
    certificate.loaded = true;
    if (peer_ca_cert.loaded) {
        /* The chain was replaced: add the peer CA certificate again. */
        peer_ca_cert.loaded = false;
        stream_ssl_set_peer_ca_cert_file(peer_ca_cert.file_name);
    }
}

void
stream_ssl_set_private_key_file(const char *file_name)
{
    if (ssl_init() || !config_file_changed(&private_key, file_name)) {
        return;
    }
    load_private_key();
    check_key_matches_cert(&private_key);
}

void
stream_ssl_set_certificate_file(const char *file_name)
{
    if (ssl_init() || !config_file_changed(&certificate, file_name)) {
        return;
    }
    load_certificate();
    check_key_matches_cert(&certificate);
}

void
stream_ssl_set_key_and_cert(const char *private_key_file,
                            const char *certificate_file)
{
    if (ssl_init()) {
        return;
    }
    bool key_changed = config_file_changed(&private_key, private_key_file);
    bool cert_changed = config_file_changed(&certificate, certificate_file);
    if (key_changed || cert_changed) {
        /* Load the certificate first: OpenSSL checks a new key against
         * the current certificate. */
        private_key.loaded = certificate.loaded = false;
        load_certificate();
        load_private_key();
        check_key_matches_cert(&private_key);
    }
}

/* Loads the CA certificate(s) in 'file_name' into a fresh verification
 * store and client CA list.  Returns true on success. */
static bool
load_ca_cert(const char *file_name)
{
    X509_STORE *store = X509_STORE_new();
    if (!store || X509_STORE_load_file(store, file_name) != 1) {
        VLOG_ERR("failed to load CA certificate from %s", file_name);
        log_openssl_errors("X509_STORE_load_file", file_name);
        X509_STORE_free(store);
        return false;
    }
    SSL_CTX_set_cert_store(ctx, store);

    STACK_OF(X509_NAME) *names = SSL_load_client_CA_file(file_name);
    if (names) {
        SSL_CTX_set_client_CA_list(ctx, names);
    }
    return true;
}

void
stream_ssl_set_ca_cert_file(const char *file_name, bool bootstrap)
{
    if (ssl_init()) {
        return;
    }

    if (!strcmp(file_name, "none")) {
        if (verify_peer_cert) {
            VLOG_WARN("Peer certificate validation disabled (this is a "
                      "security risk)");
        }
        free(ca_cert.file_name);
        ca_cert.file_name = xstrdup(file_name);
        ca_cert.loaded = true;
        verify_peer_cert = false;
        bootstrap_ca_cert = false;
        update_verify_mode();
        return;
    }

    struct stat st;
    bool exists = !stat(file_name, &st);
    if (!config_file_changed(&ca_cert, file_name) && verify_peer_cert) {
        return;
    }
    verify_peer_cert = true;

    if (bootstrap && !exists) {
        bootstrap_ca_cert = true;
        VLOG_INFO("%s: will bootstrap CA certificate from the first "
                  "server", file_name);
    } else {
        bootstrap_ca_cert = false;
        ca_cert.loaded = load_ca_cert(file_name);
    }
    update_verify_mode();
}

void
stream_ssl_set_peer_ca_cert_file(const char *file_name)
{
    if (ssl_init() || (!config_file_changed(&peer_ca_cert, file_name)
                       && peer_ca_cert.loaded)) {
        return;
    }

    FILE *stream = fopen(file_name, "r");
    if (!stream) {
        VLOG_ERR("could not open %s: %s", file_name, svs_strerror(errno));
        return;
    }
    X509 *cert;
    bool any = false;
    while ((cert = PEM_read_X509(stream, NULL, NULL, NULL))) {
        if (SSL_CTX_add1_chain_cert(ctx, cert) != 1) {
            log_openssl_errors("SSL_CTX_add1_chain_cert", file_name);
        }
        X509_free(cert);
        any = true;
    }
    ERR_clear_error();
    fclose(stream);
    if (!any) {
        VLOG_ERR("%s: no certificates found", file_name);
        return;
    }
    peer_ca_cert.loaded = true;
}

int
stream_ssl_set_protocols(const char *protocols)
{
    if (ssl_init()) {
        return ENOPROTOOPT;
    }

    char *copy = xstrdup(protocols);
    char *save_ptr = NULL;
    int min = 0, max = 0;
    for (char *word = strtok_r(copy, " ,\t", &save_ptr); word;
         word = strtok_r(NULL, " ,\t", &save_ptr)) {
        int version;
        if (!strcasecmp(word, "TLSv1.2")) {
            version = TLS1_2_VERSION;
        } else if (!strcasecmp(word, "TLSv1.3")) {
            version = TLS1_3_VERSION;
        } else {
            VLOG_ERR("%s: unknown or unsupported SSL protocol", word);
            free(copy);
            return EINVAL;
        }
        min = min ? MIN(min, version) : version;
        max = MAX(max, version);
    }
    free(copy);
    if (!min) {
        VLOG_ERR("no SSL protocols in \"%s\"", protocols);
        return EINVAL;
    }
    SSL_CTX_set_min_proto_version(ctx, min);
    SSL_CTX_set_max_proto_version(ctx, max);
    return 0;
}

int
stream_ssl_set_ciphers(const char *ciphers)
{
    if (ssl_init()) {
        return ENOPROTOOPT;
    }
    if (SSL_CTX_set_cipher_list(ctx, ciphers) != 1) {
        log_openssl_errors("SSL_CTX_set_cipher_list", ciphers);
        return EINVAL;
    }
    return 0;
}

bool
stream_ssl_is_configured(void)
{
    return (private_key.loaded && certificate.loaded
            && (ca_cert.loaded || bootstrap_ca_cert));
}

/* Returns 0 if SSL streams can be used, else logs why and returns an
 * error. */
static int
ssl_check_configured(const char *name)
{
    int error = ssl_init();
    if (error) {
        return error;
    }
    if (!private_key.loaded) {
        VLOG_ERR("%s: Private key must be configured to use SSL", name);
        error = ENOPROTOOPT;
    }
    if (!certificate.loaded) {
        VLOG_ERR("%s: Certificate must be configured to use SSL", name);
        error = ENOPROTOOPT;
    }
    if (!ca_cert.loaded && !bootstrap_ca_cert) {
        VLOG_ERR("%s: CA certificate must be configured to use SSL", name);
        error = ENOPROTOOPT;
    }
    return error;
}

/* Streams. */

enum ssl_state {
    STATE_TCP_CONNECTING,       /* Waiting for the TCP connection. */
    STATE_SSL_CONNECTING        /* Handshaking. */
};

enum ssl_role {
    ROLE_CLIENT,
    ROLE_SERVER
};

struct ssl_stream {
    struct stream stream;
    enum ssl_state state;
    enum ssl_role role;
    int fd;
    SSL *ssl;
    struct ds txbuf;            /* Bytes accepted but not yet written. */
    size_t tx_pos;              /* Offset of the unwritten part. */
    short rx_want, tx_want;     /* POLLIN or POLLOUT: what the last
                                 * blocked SSL_read/SSL_write needs. */
    short handshake_want;       /* Same for the handshake. */
    bool bootstrapping;         /* This connection bootstraps the CA. */
};

static struct ssl_stream *
ssl_stream_cast(const struct stream *stream)
{
    return CONTAINER_OF(stream, struct ssl_stream, stream);
}

static int
new_ssl_stream(const char *name, int fd, enum ssl_role role,
               enum ssl_state state, struct stream **streamp)
{
    SSL *ssl = SSL_new(ctx);
    if (!ssl) {
        log_openssl_errors("SSL_new", name);
        close(fd);
        return ENOPROTOOPT;
    }
    if (SSL_set_fd(ssl, fd) != 1) {
        log_openssl_errors("SSL_set_fd", name);
        SSL_free(ssl);
        close(fd);
        return ENOPROTOOPT;
    }
    if (role == ROLE_CLIENT) {
        SSL_set_connect_state(ssl);
    } else {
        SSL_set_accept_state(ssl);
    }

    struct ssl_stream *s = xzalloc(sizeof *s);
    stream_init(&s->stream, &ssl_stream_class, EAGAIN, name);
    s->state = state;
    s->role = role;
    s->fd = fd;
    s->ssl = ssl;
    ds_init(&s->txbuf);
    s->rx_want = s->tx_want = 0;
    s->handshake_want = POLLOUT;
    s->bootstrapping = role == ROLE_CLIENT && bootstrap_ca_cert;
    *streamp = &s->stream;
    return 0;
}

static int
ssl_open(const char *name, char *suffix, struct stream **streamp,
         uint8_t dscp)
{
    int error = ssl_check_configured(name);
    if (error) {
        return error;
    }

    int fd;
    error = inet_open_active(SOCK_STREAM, suffix, -1, NULL, &fd, dscp);
    if (error && error != EINPROGRESS) {
        VLOG_DBG("%s: connect: %s", name, svs_strerror(error));
        return error;
    }
    return new_ssl_stream(name, fd, ROLE_CLIENT,
                          error ? STATE_TCP_CONNECTING
                                : STATE_SSL_CONNECTING, streamp);
}

static void
ssl_close(struct stream *stream)
{
    struct ssl_stream *s = ssl_stream_cast(stream);

    if (s->state == STATE_SSL_CONNECTING || SSL_is_init_finished(s->ssl)) {
        /* Best effort: a nonblocking close notification. */
        SSL_shutdown(s->ssl);
    }
    ERR_clear_error();
    SSL_free(s->ssl);
    close(s->fd);
    ds_destroy(&s->txbuf);
    free(s);
}

/* Translates the result 'ret' of SSL function 'function' into 0 (never),
 * -EAGAIN (with '*want' set), 0 for a clean EOF (only if 'eof_ok'), or a
 * negative errno value. */
static int
interpret_ssl_error(struct ssl_stream *s, const char *function, int ret,
                    short *want)
{
    int error = SSL_get_error(s->ssl, ret);

    switch (error) {
    case SSL_ERROR_WANT_READ:
        *want = POLLIN;
        return -EAGAIN;

    case SSL_ERROR_WANT_WRITE:
        *want = POLLOUT;
        return -EAGAIN;

    case SSL_ERROR_ZERO_RETURN:
        return -EOF;

    case SSL_ERROR_SYSCALL: {
        int err = errno;
        if (ERR_peek_error()) {
            log_openssl_errors(function, s->stream.name);
            return -EPROTO;
        }
        if (!err || ret == 0) {
            /* The peer closed the TCP connection without a TLS close
             * notification. */
            return -EOF;
        }
        if (err == EAGAIN || err == EWOULDBLOCK) {
            return -EAGAIN;
        }
        VLOG_DBG_RL(&rl, "%s: %s: %s", s->stream.name, function,
                    svs_strerror(err));
        return -err;
    }

    case SSL_ERROR_SSL:
    default:
        log_openssl_errors(function, s->stream.name);
        return -EPROTO;
    }
}

static char *
get_peer_common_name(SSL *ssl)
{
    X509 *cert = SSL_get1_peer_certificate(ssl);
    char *cn = NULL;

    if (cert) {
        char buf[256];
        int len = X509_NAME_get_text_by_NID(X509_get_subject_name(cert),
                                            NID_commonName, buf, sizeof buf);
        if (len > 0) {
            cn = xstrdup(buf);
        }
        X509_free(cert);
    }
    return cn;
}

/* Saves the self-signed certificate at the top of the server's chain as
 * the CA certificate.  Returns 0 or an errno value. */
static int
do_ca_cert_bootstrap(struct ssl_stream *s)
{
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(s->ssl);
    X509 *ca = NULL;

    for (int i = 0; chain && i < sk_X509_num(chain); i++) {
        X509 *cert = sk_X509_value(chain, i);
        if (X509_check_issued(cert, cert) == X509_V_OK) {
            ca = cert;
            break;
        }
    }
    if (!ca) {
        VLOG_ERR("%s: server did not send a self-signed CA certificate: "
                 "cannot bootstrap (the server needs --peer-ca-cert)",
                 s->stream.name);
        return EPROTO;
    }

    char *file_name = xstrdup(ca_cert.file_name);
    char *tmp = xasprintf("%s.tmp%ld", file_name, (long int) getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0444);
    if (fd < 0) {
        int error = errno;
        VLOG_ERR("could not bootstrap CA cert: creating %s failed: %s",
                 tmp, svs_strerror(error));
        free(tmp);
        free(file_name);
        return error;
    }
    FILE *file = fdopen(fd, "w");
    bool ok = file && PEM_write_X509(file, ca) == 1;
    if (file) {
        ok = !fclose(file) && ok;
    } else {
        close(fd);
    }
    if (!ok || link(tmp, file_name)) {
        int error = ok ? errno : EIO;
        VLOG_ERR("could not bootstrap CA cert: writing %s failed: %s",
                 file_name, svs_strerror(error));
        unlink(tmp);
        free(tmp);
        free(file_name);
        return error == EEXIST ? EPROTO : error;
    }
    unlink(tmp);
    free(tmp);

    char subject[256];
    X509_NAME_oneline(X509_get_subject_name(ca), subject, sizeof subject);
    VLOG_INFO("successfully bootstrapped CA cert \"%s\" into %s", subject,
              file_name);

    bootstrap_ca_cert = false;
    config_file_changed(&ca_cert, file_name);
    ca_cert.loaded = load_ca_cert(file_name);
    update_verify_mode();
    free(file_name);

    /* Make the caller reconnect, this time verifying the server. */
    return EPROTO;
}

static int
ssl_connect(struct stream *stream)
{
    struct ssl_stream *s = ssl_stream_cast(stream);

    if (s->state == STATE_TCP_CONNECTING) {
        int error = check_connection_completion(s->fd);
        if (error) {
            return error;
        }
        set_tcp_nodelay(s->fd);
        s->state = STATE_SSL_CONNECTING;
    }

    ERR_clear_error();
    int ret = (s->role == ROLE_CLIENT
               ? SSL_connect(s->ssl) : SSL_accept(s->ssl));
    if (ret != 1) {
        int error = interpret_ssl_error(s, s->role == ROLE_CLIENT
                                        ? "SSL_connect" : "SSL_accept",
                                        ret, &s->handshake_want);
        if (error == -EAGAIN) {
            return EAGAIN;
        }
        if (error == -EOF) {
            VLOG_WARN_RL(&rl, "%s: connection closed during SSL handshake",
                         stream->name);
            return EPROTO;
        }
        return -error;
    }

    if (s->bootstrapping) {
        return do_ca_cert_bootstrap(s);
    }
    if (verify_peer_cert && SSL_get_verify_result(s->ssl) != X509_V_OK) {
        VLOG_WARN_RL(&rl, "%s: peer certificate verification failed (%s)",
                     stream->name,
                     X509_verify_cert_error_string(
                         SSL_get_verify_result(s->ssl)));
        return EPROTO;
    }
    stream->peer_id = get_peer_common_name(s->ssl);
    return 0;
}

/* Writes as much of 'txbuf' as possible.  Returns 0 when empty, EAGAIN if
 * some remains, or an error. */
static int
ssl_do_tx(struct ssl_stream *s)
{
    while (s->tx_pos < s->txbuf.length) {
        ERR_clear_error();
        int n = MIN(s->txbuf.length - s->tx_pos, INT_MAX);
        int ret = SSL_write(s->ssl, s->txbuf.string + s->tx_pos, n);
        if (ret > 0) {
            s->tx_pos += ret;
        } else {
            int error = interpret_ssl_error(s, "SSL_write", ret,
                                            &s->tx_want);
            if (error == -EAGAIN) {
                return EAGAIN;
            }
            return error == -EOF ? EPIPE : -error;
        }
    }
    ds_clear(&s->txbuf);
    s->tx_pos = 0;
    return 0;
}

static ssize_t
ssl_recv(struct stream *stream, void *buffer, size_t n)
{
    struct ssl_stream *s = ssl_stream_cast(stream);

    ERR_clear_error();
    int ret = SSL_read(s->ssl, buffer, MIN(n, INT_MAX));
    if (ret > 0) {
        s->rx_want = 0;
        return ret;
    }
    int error = interpret_ssl_error(s, "SSL_read", ret, &s->rx_want);
    return error == -EOF ? 0 : error;
}

static ssize_t
ssl_send(struct stream *stream, const void *buffer, size_t n)
{
    struct ssl_stream *s = ssl_stream_cast(stream);

    if (s->tx_pos < s->txbuf.length) {
        int error = ssl_do_tx(s);
        if (error) {
            return -error;
        }
    }

    size_t chunk = MIN(n, MAX_TXBUF);
    ds_put_buffer(&s->txbuf, buffer, chunk);
    int error = ssl_do_tx(s);
    if (error && error != EAGAIN) {
        return -error;
    }
    return chunk;
}

static void
ssl_run(struct stream *stream)
{
    struct ssl_stream *s = ssl_stream_cast(stream);

    if (s->tx_pos < s->txbuf.length && stream->state == SCS_CONNECTED) {
        int error = ssl_do_tx(s);
        if (error && error != EAGAIN) {
            /* Surfaces at the next send or recv. */
            VLOG_WARN_RL(&rl, "%s: send error: %s", stream->name,
                         svs_strerror(error));
            stream->state = SCS_DISCONNECTED;
            stream->error = error;
        }
    }
}

static void
ssl_run_wait(struct stream *stream)
{
    struct ssl_stream *s = ssl_stream_cast(stream);

    if (s->tx_pos < s->txbuf.length) {
        poll_fd_wait(s->fd, s->tx_want ? s->tx_want : POLLOUT);
    }
}

static void
ssl_wait(struct stream *stream, enum stream_wait_type type)
{
    struct ssl_stream *s = ssl_stream_cast(stream);

    switch (type) {
    case STREAM_CONNECT:
        if (s->state == STATE_TCP_CONNECTING) {
            poll_fd_wait(s->fd, POLLOUT);
        } else {
            poll_fd_wait(s->fd, s->handshake_want);
        }
        break;

    case STREAM_RECV:
        if (SSL_pending(s->ssl)) {
            poll_immediate_wake();
        } else {
            poll_fd_wait(s->fd, s->rx_want ? s->rx_want : POLLIN);
        }
        break;

    case STREAM_SEND:
        if (s->tx_pos >= s->txbuf.length) {
            poll_immediate_wake();
        } else {
            poll_fd_wait(s->fd, s->tx_want ? s->tx_want : POLLOUT);
        }
        break;

    default:
        SVS_NOT_REACHED();
    }
}

const struct stream_class ssl_stream_class = {
    .name = "ssl",
    .needs_probes = true,
    .open = ssl_open,
    .close = ssl_close,
    .connect = ssl_connect,
    .recv = ssl_recv,
    .send = ssl_send,
    .run = ssl_run,
    .run_wait = ssl_run_wait,
    .wait = ssl_wait,
};

/* Passive streams. */

struct pssl_pstream {
    struct pstream pstream;
    int fd;
};

static struct pssl_pstream *
pssl_pstream_cast(const struct pstream *pstream)
{
    return CONTAINER_OF(pstream, struct pssl_pstream, pstream);
}

static int
pssl_listen(const char *name, char *suffix, struct pstream **pstreamp,
            uint8_t dscp)
{
    int error = ssl_check_configured(name);
    if (error) {
        return error;
    }

    struct sockaddr_storage ss;
    int fd = inet_open_passive(SOCK_STREAM, suffix, -1, &ss, dscp);
    if (fd < 0) {
        return -fd;
    }

    struct ds bound = DS_EMPTY_INITIALIZER;
    ds_put_format(&bound, "pssl:%u:", ss_get_port(&ss));
    ss_format_address(&ss, true, &bound);

    struct pssl_pstream *ps = xzalloc(sizeof *ps);
    pstream_init(&ps->pstream, &pssl_pstream_class, ds_cstr(&bound));
    pstream_set_bound_port(&ps->pstream, ss_get_port(&ss));
    ps->fd = fd;
    ds_destroy(&bound);
    *pstreamp = &ps->pstream;
    return 0;
}

static void
pssl_close(struct pstream *pstream)
{
    struct pssl_pstream *ps = pssl_pstream_cast(pstream);

    close(ps->fd);
    free(ps);
}

static int
pssl_accept(struct pstream *pstream, struct stream **streamp)
{
    struct pssl_pstream *ps = pssl_pstream_cast(pstream);
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    int fd;

    do {
        fd = accept4(ps->fd, (struct sockaddr *) &ss, &len,
                     SOCK_NONBLOCK | SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        return errno == EWOULDBLOCK ? EAGAIN : errno;
    }
    set_tcp_nodelay(fd);

    char *peer = ss_to_string(&ss);
    char *name = xasprintf("ssl:%s", peer);
    int error = new_ssl_stream(name, fd, ROLE_SERVER, STATE_SSL_CONNECTING,
                               streamp);
    free(name);
    free(peer);
    return error;
}

static void
pssl_wait(struct pstream *pstream)
{
    poll_fd_wait(pssl_pstream_cast(pstream)->fd, POLLIN);
}

const struct pstream_class pssl_pstream_class = {
    .name = "pssl",
    .needs_probes = true,
    .listen = pssl_listen,
    .close = pssl_close,
    .accept = pssl_accept,
    .wait = pssl_wait,
};
