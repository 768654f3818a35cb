/* stream-ssl.h: TLS streams (ssl:HOST:PORT, pssl:PORT[:IP]) over
 * OpenSSL, and their configuration.
 *
 * What: the configuration is process-wide: one private key, one
 * certificate (chain), one CA certificate used to verify peers, plus
 * optional protocol and cipher lists.  Both directions verify: a client
 * checks that the server's certificate is signed by the CA, and a pssl:
 * server requires a client certificate signed by the CA (as in Open
 * vSwitch).  Host names are not checked.  The CA file may be "none" to
 * disable verification (logged as insecure).
 *
 * Bootstrap (--bootstrap-ca-cert=FILE): if FILE does not exist, the first
 * ssl: connection accepts the server's self-signed CA certificate from
 * the chain the server sends (see --peer-ca-cert), saves it to FILE,
 * drops that connection, and verifies every later connection against it.
 *
 * Design: the setters may be called again at any time (e.g. each time a
 * daemon reads its SSL configuration from the database); a call with the
 * same file name whose file has not changed (mtime, size) does nothing,
 * otherwise the file is reloaded and later connections use it.  Existing
 * connections keep their settings.  Handshakes are nonblocking and
 * progress through stream_connect()/stream_recv()/stream_send().
 *
 * Thread-safety: configure from one thread (the main thread); ssl
 * streams, like all streams, are used by one thread at a time. */
#ifndef SVS_STREAM_SSL_H
#define SVS_STREAM_SSL_H 1

#include <stdbool.h>

/* True if a private key, a certificate and a CA certificate (or
 * bootstrap) are all configured. */
bool stream_ssl_is_configured(void);

void stream_ssl_set_private_key_file(const char *file_name);
void stream_ssl_set_certificate_file(const char *file_name);
/* Sets both at once, for when both files change together. */
void stream_ssl_set_key_and_cert(const char *private_key_file,
                                 const char *certificate_file);
/* 'bootstrap' true: create 'file_name' from the first server's CA
 * certificate if it does not exist. */
void stream_ssl_set_ca_cert_file(const char *file_name, bool bootstrap);
/* Extra certificate(s) to send with ours, so that peers can bootstrap
 * their CA certificate. */
void stream_ssl_set_peer_ca_cert_file(const char *file_name);
/* Comma- or space-separated list of "TLSv1.2", "TLSv1.3" (default: both;
 * older protocols are refused).  Returns 0 or EINVAL. */
int stream_ssl_set_protocols(const char *protocols);
/* OpenSSL cipher list for TLS 1.2 (default "HIGH:!aNULL:!MD5").  Returns
 * 0 or EINVAL. */
int stream_ssl_set_ciphers(const char *ciphers);

#define STREAM_SSL_OPTION_ENUMS                 \
    OPT_SSL_PROTOCOLS,                          \
    OPT_SSL_CIPHERS,                            \
    OPT_BOOTSTRAP_CA_CERT,                      \
    OPT_PEER_CA_CERT

#define STREAM_SSL_LONG_OPTIONS                                         \
    {"private-key",       required_argument, NULL, 'p'},                \
    {"certificate",       required_argument, NULL, 'c'},                \
    {"ca-cert",           required_argument, NULL, 'C'},                \
    {"bootstrap-ca-cert", required_argument, NULL, OPT_BOOTSTRAP_CA_CERT}, \
    {"peer-ca-cert",      required_argument, NULL, OPT_PEER_CA_CERT},   \
    {"ssl-protocols",     required_argument, NULL, OPT_SSL_PROTOCOLS},  \
    {"ssl-ciphers",       required_argument, NULL, OPT_SSL_CIPHERS}

#define STREAM_SSL_OPTION_HANDLERS                              \
    case 'p':                                                   \
        stream_ssl_set_private_key_file(optarg);                \
        break;                                                  \
                                                                \
    case 'c':                                                   \
        stream_ssl_set_certificate_file(optarg);                \
        break;                                                  \
                                                                \
    case 'C':                                                   \
        stream_ssl_set_ca_cert_file(optarg, false);             \
        break;                                                  \
                                                                \
    case OPT_BOOTSTRAP_CA_CERT:                                 \
        stream_ssl_set_ca_cert_file(optarg, true);              \
        break;                                                  \
                                                                \
    case OPT_PEER_CA_CERT:                                      \
        stream_ssl_set_peer_ca_cert_file(optarg);               \
        break;                                                  \
                                                                \
    case OPT_SSL_PROTOCOLS:                                     \
        if (stream_ssl_set_protocols(optarg)) {                 \
            svs_fatal(0, "--ssl-protocols=%s: invalid", optarg);\
        }                                                       \
        break;                                                  \
                                                                \
    case OPT_SSL_CIPHERS:                                       \
        if (stream_ssl_set_ciphers(optarg)) {                   \
            svs_fatal(0, "--ssl-ciphers=%s: invalid", optarg);  \
        }                                                       \
        break;

#endif /* stream-ssl.h */
