/* ovsdb-bench: a load generator and latency meter for OVSDB servers.
 *
 * What: drives one OVSDB server (svsdb-server or Debian's ovsdb-server)
 * through its JSON-RPC interface in one of five modes and prints one line
 * of JSON with the measurements, including the CPU time this program used
 * itself, so that a driver (tests/perf/ovsdb/run.py) can check that the
 * client was not the bottleneck:
 *
 *   seq       one connection, one small transaction at a time.
 *   pipeline  several connections, each with many requests in flight.
 *   bulk      one transaction inserting many rows, timed to its reply.
 *   monitor   many "monitor_cond" clients; time until all see one insert.
 *   fill      insert many realistic rows in batches (for memory readings).
 *   select    fill, then time whole-table selects, one at a time.
 *
 * Design: plain non-blocking sockets multiplexed with epoll; requests are
 * formatted with snprintf() straight into per-connection output buffers;
 * input is split into JSON texts by a small framer that only tracks
 * bracket depth and string state, and each complete text is then parsed
 * with jansson.  The program depends on nothing but libc and jansson, so
 * that it measures the server and not a client library under test.
 *
 * Thread-safety: single-threaded. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* Ids at and above this value are for setup calls, below it for measured
 * load requests (whose id indexes 'send_times'). */
#define SETUP_ID_BASE (1LL << 40)

/* One JSON-RPC connection to the server. */
struct conn {
    int fd;
    int index;                  /* Position in 'bench.conns'. */

    /* Input: bytes received and not yet consumed by complete messages. */
    char *in;
    size_t in_len, in_cap;
    size_t scan_ofs;            /* Bytes of 'in' already seen by framer. */
    int depth;                  /* Bracket depth at 'scan_ofs'. */
    bool in_string;             /* Inside a JSON string at 'scan_ofs'? */
    bool escaped;               /* Just after a backslash in a string? */

    /* Output: bytes queued for the socket, sent from 'out_ofs'. */
    char *out;
    size_t out_len, out_cap, out_ofs;
    bool want_write;            /* Registered for EPOLLOUT? */

    /* Load generation. */
    int outstanding;            /* Load requests awaiting a reply. */
    char row_uuid[64];          /* Row that "update" requests modify. */

    /* Synchronous setup calls (conn_call()). */
    long long call_id;          /* Id awaited, or -1. */
    json_t *call_result;        /* Its "result" once received. */

    /* Monitor mode. */
    bool saw_marker;            /* Saw the current round's insert? */
    double seen_at;             /* When, as a monotonic time. */
    double read_at;             /* When the last input was read. */
};

enum bench_mode { MODE_SEQ, MODE_PIPELINE, MODE_BULK, MODE_MONITOR,
                  MODE_FILL, MODE_SELECT };

/* Options and run state. */
static struct {
    /* Options. */
    enum bench_mode mode;
    const char *remote;
    const char *db;
    long long count;
    int clients;
    int depth;
    bool update;                /* --op=update instead of insert. */
    long long rows;
    long long batch;
    int rounds;
    const char *monitor_method;
    bool durable;
    double timeout;

    /* Run state. */
    int epfd;
    struct conn **conns;
    int n_conns;
    double deadline;
    long long next_setup_id;

    /* Load modes. */
    long long n_sent, n_done;
    double *send_times;         /* Indexed by request id. */
    double *latencies;          /* One per completed request. */

    /* Monitor mode. */
    char marker[64];            /* Name of the row to look for. */
    int n_seen;                 /* Monitors that saw 'marker'. */
} bench;

static void usage(void) __attribute__((noreturn));
static void fatal(const char *format, ...)
    __attribute__((noreturn, format(printf, 1, 2)));


/* Utilities. */

static void
fatal(const char *format, ...)
{
    va_list args;

    fprintf(stderr, "ovsdb-bench: ");
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    exit(EXIT_FAILURE);
}

static void *
xrealloc_(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p) {
        fatal("out of memory");
    }
    return p;
}

/* Returns the monotonic clock in seconds. */
static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Returns the CPU time (user + system) this process has used, in
 * seconds. */
static double
cpu_time(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6
            + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
}

static int
compare_doubles(const void *a_, const void *b_)
{
    double a = *(const double *) a_, b = *(const double *) b_;

    return a < b ? -1 : a > b;
}

/* Returns the 'pct' percentile of the 'n' values in 'v', which it sorts.
 * Returns 0 if 'n' is 0. */
static double
percentile(double *v, size_t n, double pct)
{
    size_t i;

    if (!n) {
        return 0;
    }
    qsort(v, n, sizeof *v, compare_doubles);
    i = (size_t) (pct / 100.0 * (n - 1) + 0.5);
    return v[i < n ? i : n - 1];
}

/* A growable string buffer for building large requests. */
struct buf {
    char *s;
    size_t len, cap;
};

static void buf_printf(struct buf *, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void
buf_printf(struct buf *b, const char *format, ...)
{
    for (;;) {
        size_t avail = b->cap - b->len;
        va_list args;
        int n;

        va_start(args, format);
        n = vsnprintf(b->s ? b->s + b->len : NULL, avail, format, args);
        va_end(args);
        if (n < 0) {
            fatal("vsnprintf failed");
        }
        if ((size_t) n < avail) {
            b->len += n;
            return;
        }
        b->cap = 2 * b->cap + n + 64;
        b->s = xrealloc_(b->s, b->cap);
    }
}


/* Connections. */

static void
epoll_update(struct conn *c)
{
    struct epoll_event ev = {
        .events = EPOLLIN | (c->want_write ? EPOLLOUT : 0),
        .data.ptr = c,
    };

    if (epoll_ctl(bench.epfd, EPOLL_CTL_MOD, c->fd, &ev) < 0) {
        fatal("epoll_ctl: %s", strerror(errno));
    }
}

/* Connects to 'remote' ("unix:PATH" or "tcp:HOST:PORT"), returning a
 * blocking socket, or exits on failure. */
static int
open_socket(const char *remote)
{
    int fd;

    if (!strncmp(remote, "unix:", 5)) {
        struct sockaddr_un sun = { .sun_family = AF_UNIX };

        if (strlen(remote + 5) >= sizeof sun.sun_path) {
            fatal("%s: socket path too long", remote);
        }
        strncpy(sun.sun_path, remote + 5, sizeof sun.sun_path - 1);
        fd = socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *) &sun, sizeof sun)) {
            fatal("%s: connect failed: %s", remote, strerror(errno));
        }
    } else if (!strncmp(remote, "tcp:", 4)) {
        struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
        struct addrinfo *ai;
        char *host = strdup(remote + 4);
        char *port = strrchr(host, ':');
        int error, one = 1;

        if (!port) {
            fatal("%s: expected tcp:HOST:PORT", remote);
        }
        *port++ = '\0';
        error = getaddrinfo(host, port, &hints, &ai);
        if (error) {
            fatal("%s: %s", remote, gai_strerror(error));
        }
        fd = socket(ai->ai_family, SOCK_STREAM, 0);
        if (fd < 0 || connect(fd, ai->ai_addr, ai->ai_addrlen)) {
            fatal("%s: connect failed: %s", remote, strerror(errno));
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        freeaddrinfo(ai);
        free(host);
    } else {
        fatal("%s: unsupported remote (use unix:PATH or tcp:HOST:PORT)",
              remote);
    }
    return fd;
}

/* Opens a new connection to the server and adds it to 'bench.conns'. */
static struct conn *
conn_open(void)
{
    struct epoll_event ev = { .events = EPOLLIN };
    struct conn *c = calloc(1, sizeof *c);

    if (!c) {
        fatal("out of memory");
    }
    c->fd = open_socket(bench.remote);
    if (fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK) < 0) {
        fatal("fcntl: %s", strerror(errno));
    }
    c->call_id = -1;
    c->index = bench.n_conns;
    bench.conns = xrealloc_(bench.conns,
                            (bench.n_conns + 1) * sizeof *bench.conns);
    bench.conns[bench.n_conns++] = c;

    ev.data.ptr = c;
    if (epoll_ctl(bench.epfd, EPOLL_CTL_ADD, c->fd, &ev) < 0) {
        fatal("epoll_ctl: %s", strerror(errno));
    }
    return c;
}

/* Writes as much queued output of 'c' as the socket takes now. */
static void
conn_flush(struct conn *c)
{
    bool want_write;

    while (c->out_ofs < c->out_len) {
        ssize_t n = write(c->fd, c->out + c->out_ofs,
                          c->out_len - c->out_ofs);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            } else if (errno == EAGAIN) {
                break;
            }
            fatal("connection %d: write failed: %s", c->index,
                  strerror(errno));
        }
        c->out_ofs += n;
    }
    if (c->out_ofs == c->out_len) {
        c->out_ofs = c->out_len = 0;
    }
    want_write = c->out_len > 0;
    if (want_write != c->want_write) {
        c->want_write = want_write;
        epoll_update(c);
    }
}

/* Queues 'len' bytes of 'data' on 'c' and tries to send them. */
static void
conn_send(struct conn *c, const char *data, size_t len)
{
    if (c->out_len + len > c->out_cap) {
        c->out_cap = 2 * (c->out_len + len);
        c->out = xrealloc_(c->out, c->out_cap);
    }
    memcpy(c->out + c->out_len, data, len);
    c->out_len += len;
    conn_flush(c);
}

static void conn_sendf(struct conn *, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

/* Formats a message with 'format' and sends it on 'c'. */
static void
conn_sendf(struct conn *c, const char *format, ...)
{
    char small[1024];
    va_list args;
    int n;

    va_start(args, format);
    n = vsnprintf(small, sizeof small, format, args);
    va_end(args);
    if (n < 0 || (size_t) n >= sizeof small) {
        fatal("request too long for conn_sendf()");
    }
    conn_send(c, small, n);
}


/* Incoming messages. */

static void on_load_reply(struct conn *, long long id, json_t *result);
static void on_notification(struct conn *, const char *method,
                            json_t *params);

/* Fails if 'result', the result of a "transact", reports an error in any
 * of its operations. */
static void
check_transact_result(const struct conn *c, json_t *result)
{
    size_t i;
    json_t *op;

    if (!json_is_array(result)) {
        fatal("connection %d: transact result is not an array", c->index);
    }
    json_array_foreach (result, i, op) {
        if (json_object_get(op, "error")) {
            char *s = json_dumps(result, JSON_COMPACT);
            fatal("connection %d: transaction failed: %.2000s",
                  c->index, s);
        }
    }
}

static void
handle_message(struct conn *c, json_t *msg)
{
    json_t *method = json_object_get(msg, "method");
    json_t *id = json_object_get(msg, "id");
    json_t *error;
    long long n;

    if (method) {
        const char *name = json_string_value(method);

        if (!name) {
            fatal("connection %d: bad method in message", c->index);
        }
        if (!strcmp(name, "echo") && id && !json_is_null(id)) {
            /* The server's inactivity probe: answer it. */
            json_t *params = json_object_get(msg, "params");
            json_t *reply = json_pack("{s:O,s:null,s:O}", "result",
                                      params ? params : json_null(),
                                      "error", "id", id);
            char *s = json_dumps(reply, JSON_COMPACT);

            conn_send(c, s, strlen(s));
            free(s);
            json_decref(reply);
        } else {
            on_notification(c, name, json_object_get(msg, "params"));
        }
        return;
    }

    if (!json_is_integer(id)) {
        fatal("connection %d: message without a request id", c->index);
    }
    n = json_integer_value(id);
    error = json_object_get(msg, "error");
    if (error && !json_is_null(error)) {
        char *s = json_dumps(msg, JSON_COMPACT);
        fatal("connection %d: request %lld failed: %.2000s",
              c->index, n, s);
    }
    if (n == c->call_id) {
        c->call_result = json_incref(json_object_get(msg, "result"));
        c->call_id = -1;
    } else if (n < SETUP_ID_BASE && bench.send_times) {
        on_load_reply(c, n, json_object_get(msg, "result"));
    } else {
        fatal("connection %d: unexpected reply id %lld", c->index, n);
    }
}

/* Splits the input of 'c' into complete JSON texts and handles each. */
static void
conn_process_input(struct conn *c)
{
    size_t start = 0;
    size_t i;

    for (i = c->scan_ofs; i < c->in_len; i++) {
        char ch = c->in[i];

        if (c->in_string) {
            if (c->escaped) {
                c->escaped = false;
            } else if (ch == '\\') {
                c->escaped = true;
            } else if (ch == '"') {
                c->in_string = false;
            }
        } else if (ch == '"') {
            c->in_string = true;
        } else if (ch == '{' || ch == '[') {
            if (c->depth++ == 0) {
                start = i;
            }
        } else if (ch == '}' || ch == ']') {
            if (--c->depth < 0) {
                fatal("connection %d: unbalanced JSON from server",
                      c->index);
            } else if (!c->depth) {
                json_error_t err;
                json_t *msg = json_loadb(c->in + start, i + 1 - start, 0,
                                         &err);
                if (!msg) {
                    fatal("connection %d: bad JSON from server: %s",
                          c->index, err.text);
                }
                handle_message(c, msg);
                json_decref(msg);
                start = i + 1;
            }
        } else if (!c->depth && ch != ' ' && ch != '\n' && ch != '\t'
                   && ch != '\r') {
            fatal("connection %d: unexpected byte 0x%02x between messages",
                  c->index, (unsigned char) ch);
        }
    }

    /* Keep only the incomplete message, if any. */
    if (!c->depth) {
        start = c->in_len;
    }
    memmove(c->in, c->in + start, c->in_len - start);
    c->in_len -= start;
    c->scan_ofs = c->in_len;
}

/* Reads everything available on 'c' and handles complete messages. */
static void
conn_read(struct conn *c)
{
    for (;;) {
        ssize_t n;

        if (c->in_cap - c->in_len < 65536) {
            c->in_cap = 2 * c->in_cap + 65536;
            c->in = xrealloc_(c->in, c->in_cap);
        }
        n = read(c->fd, c->in + c->in_len, c->in_cap - c->in_len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            } else if (errno == EAGAIN) {
                break;
            }
            fatal("connection %d: read failed: %s", c->index,
                  strerror(errno));
        } else if (!n) {
            fatal("connection %d: server closed the connection", c->index);
        }
        c->in_len += n;
        c->read_at = now();
    }
    conn_process_input(c);
}

/* Waits for events for at most until the deadline and handles them. */
static void
poll_once(void)
{
    struct epoll_event events[64];
    double left = bench.deadline - now();
    int i, n;

    if (left <= 0) {
        fatal("timed out after %.0f seconds (see --timeout)", bench.timeout);
    }
    n = epoll_wait(bench.epfd, events, 64, (int) (left * 1000) + 1);
    if (n < 0) {
        if (errno == EINTR) {
            return;
        }
        fatal("epoll_wait: %s", strerror(errno));
    }
    for (i = 0; i < n; i++) {
        struct conn *c = events[i].data.ptr;

        if (events[i].events & EPOLLOUT) {
            conn_flush(c);
        }
        if (events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
            conn_read(c);
        }
    }
}

/* Sends 'params' (the JSON text of the params) as a request for
 * 'method' on 'c' and runs the event loop until its reply arrives.
 * Returns the reply's result, which the caller must json_decref(). */
static json_t *
conn_call(struct conn *c, const char *method, const char *params)
{
    struct buf b = { NULL, 0, 0 };

    c->call_id = bench.next_setup_id++;
    buf_printf(&b, "{\"id\":%lld,\"method\":\"%s\",\"params\":%s}",
               c->call_id, method, params);
    conn_send(c, b.s, b.len);
    free(b.s);
    while (c->call_id >= 0) {
        poll_once();
    }
    return c->call_result;
}


/* Load modes: seq and pipeline. */

/* Sends load request number 'id' on 'c'. */
static void
send_load_request(struct conn *c, long long id)
{
    const char *commit = (bench.durable
                          ? ",{\"op\":\"commit\",\"durable\":true}" : "");

    bench.send_times[id] = now();
    if (bench.update) {
        conn_sendf(c, "{\"id\":%lld,\"method\":\"transact\",\"params\":"
                   "[\"%s\",{\"op\":\"update\",\"table\":\"Item\","
                   "\"where\":[[\"_uuid\",\"==\",[\"uuid\",\"%s\"]]],"
                   "\"row\":{\"value\":%lld}}%s]}",
                   id, bench.db, c->row_uuid, id, commit);
    } else {
        conn_sendf(c, "{\"id\":%lld,\"method\":\"transact\",\"params\":"
                   "[\"%s\",{\"op\":\"insert\",\"table\":\"Item\","
                   "\"row\":{\"name\":\"load-%d-%lld\",\"value\":%lld}}"
                   "%s]}",
                   id, bench.db, c->index, id, id, commit);
    }
    c->outstanding++;
}

static void
fill_pipeline(struct conn *c)
{
    while (c->outstanding < bench.depth && bench.n_sent < bench.count) {
        send_load_request(c, bench.n_sent++);
    }
}

static void
on_load_reply(struct conn *c, long long id, json_t *result)
{
    if (id < 0 || id >= bench.n_sent) {
        fatal("connection %d: reply to unknown request %lld", c->index, id);
    }
    check_transact_result(c, result);
    if (bench.update) {
        json_t *count = json_object_get(json_array_get(result, 0), "count");
        if (json_integer_value(count) != 1) {
            fatal("connection %d: update %lld matched %lld rows", c->index,
                  id, (long long) json_integer_value(count));
        }
    }
    bench.latencies[bench.n_done++] = now() - bench.send_times[id];
    c->outstanding--;
    fill_pipeline(c);
}

/* Inserts the row that connection 'c' updates in --op=update mode. */
static void
create_update_row(struct conn *c)
{
    char params[256];
    json_t *result, *uuid;

    snprintf(params, sizeof params,
             "[\"%s\",{\"op\":\"insert\",\"table\":\"Item\","
             "\"row\":{\"name\":\"update-%d\",\"value\":0}}]",
             bench.db, c->index);
    result = conn_call(c, "transact", params);
    check_transact_result(c, result);
    uuid = json_array_get(json_object_get(json_array_get(result, 0),
                                          "uuid"), 1);
    if (!json_is_string(uuid)) {
        fatal("insert reply lacks a uuid");
    }
    snprintf(c->row_uuid, sizeof c->row_uuid, "%s", json_string_value(uuid));
    json_decref(result);
}

static json_t *
run_load(void)
{
    double t0, t1, cpu0, cpu1;
    int i;

    for (i = 0; i < bench.clients; i++) {
        struct conn *c = conn_open();
        if (bench.update) {
            create_update_row(c);
        }
    }
    bench.send_times = calloc(bench.count, sizeof *bench.send_times);
    bench.latencies = calloc(bench.count, sizeof *bench.latencies);
    if (!bench.send_times || !bench.latencies) {
        fatal("out of memory");
    }

    t0 = now();
    cpu0 = cpu_time();
    for (i = 0; i < bench.n_conns; i++) {
        fill_pipeline(bench.conns[i]);
    }
    while (bench.n_done < bench.count) {
        poll_once();
    }
    t1 = now();
    cpu1 = cpu_time();

    return json_pack("{s:s,s:I,s:i,s:i,s:f,s:f,s:f,s:f,s:f,s:f}",
                     "op", bench.update ? "update" : "insert",
                     "count", (json_int_t) bench.count,
                     "clients", bench.clients,
                     "depth", bench.depth,
                     "seconds", t1 - t0,
                     "rate", bench.count / (t1 - t0),
                     "latency_p50", percentile(bench.latencies,
                                               bench.n_done, 50),
                     "latency_p99", percentile(bench.latencies,
                                               bench.n_done, 99),
                     "cpu_seconds", cpu1 - cpu0,
                     "cpu_percent", 100 * (cpu1 - cpu0) / (t1 - t0));
}


/* Bulk and fill modes. */

/* Appends to 'b' a transaction request with id 'id' that inserts
 * realistic rows numbered 'first' up to but excluding 'last'. */
static void
build_insert_rows(struct buf *b, long long id, long long first,
                  long long last)
{
    long long i;

    buf_printf(b, "{\"id\":%lld,\"method\":\"transact\",\"params\":[\"%s\"",
               id, bench.db);
    for (i = first; i < last; i++) {
        buf_printf(b, ",{\"op\":\"insert\",\"table\":\"Item\",\"row\":{"
                   "\"name\":\"item-%08lld\",\"value\":%lld,"
                   "\"external_ids\":[\"map\",[[\"owner\",\"bench\"],"
                   "[\"index\",\"%lld\"],[\"zone\",\"zone-%lld\"]]],"
                   "\"tags\":[\"set\",[\"tag-%lld\",\"blue\",\"green\"]]}}",
                   i, i, i, i % 16, i % 1000);
    }
    if (bench.durable) {
        buf_printf(b, ",{\"op\":\"commit\",\"durable\":true}");
    }
    buf_printf(b, "]}");
}

/* Sends the prepared request in 'b' on 'c' (whose id must be
 * 'c->call_id') and waits for the reply, checking it inserted 'n_rows'
 * rows. */
static void
send_and_wait(struct conn *c, struct buf *b, long long n_rows)
{
    json_t *result;

    conn_send(c, b->s, b->len);
    while (c->call_id >= 0) {
        poll_once();
    }
    result = c->call_result;
    check_transact_result(c, result);
    if ((long long) json_array_size(result) < n_rows) {
        fatal("insert of %lld rows returned %zu results", n_rows,
              json_array_size(result));
    }
    json_decref(result);
}

/* The result of --count timed requests: their latencies 'lat' (freed
 * here) and 'samples', this program's CPU time and the total wall time. */
static json_t *
latency_result(double *lat, json_t *samples, double cpu, double wall)
{
    double median = percentile(lat, bench.count, 50);

    free(lat);
    return json_pack("{s:I,s:I,s:o,s:f,s:f,s:f}",
                     "rows", (json_int_t) bench.rows,
                     "repeat", (json_int_t) bench.count,
                     "samples", samples,
                     "latency", median,
                     "cpu_seconds", cpu,
                     "cpu_percent", 100 * cpu / wall);
}

static json_t *
run_bulk(void)
{
    struct conn *c = conn_open();
    json_t *samples = json_array();
    double *lat = calloc(bench.count, sizeof *lat);
    double cpu = 0, wall = 0;
    long long r;

    for (r = 0; r < bench.count; r++) {
        struct buf b = { NULL, 0, 0 };
        double t0, cpu0;

        c->call_id = bench.next_setup_id++;
        build_insert_rows(&b, c->call_id, r * bench.rows,
                          (r + 1) * bench.rows);
        t0 = now();
        cpu0 = cpu_time();
        send_and_wait(c, &b, bench.rows);
        lat[r] = now() - t0;
        cpu += cpu_time() - cpu0;
        wall += lat[r];
        json_array_append_new(samples, json_real(lat[r]));
        free(b.s);
    }

    return latency_result(lat, samples, cpu, wall);
}

static json_t *
run_fill(void)
{
    struct conn *c = conn_open();
    double t0 = now(), cpu0 = cpu_time(), t1, cpu1;
    long long first;

    for (first = 0; first < bench.rows; first += bench.batch) {
        long long last = first + bench.batch;
        struct buf b = { NULL, 0, 0 };

        if (last > bench.rows) {
            last = bench.rows;
        }
        c->call_id = bench.next_setup_id++;
        build_insert_rows(&b, c->call_id, first, last);
        send_and_wait(c, &b, last - first);
        free(b.s);
    }
    t1 = now();
    cpu1 = cpu_time();

    return json_pack("{s:I,s:I,s:f,s:f,s:f,s:f}",
                     "rows", (json_int_t) bench.rows,
                     "batch", (json_int_t) bench.batch,
                     "seconds", t1 - t0,
                     "rate", bench.rows / (t1 - t0),
                     "cpu_seconds", cpu1 - cpu0,
                     "cpu_percent", 100 * (cpu1 - cpu0) / (t1 - t0));
}

/* Fills the table, then times --count selects of the whole of it, each
 * sent after the reply to the previous one (the time includes this
 * program's parsing of the reply, as for any client). */
static json_t *
run_select(void)
{
    json_decref(run_fill());

    struct conn *c = conn_open();
    json_t *samples = json_array();
    double *lat = calloc(bench.count, sizeof *lat);
    double cpu = 0, wall = 0;

    for (long long r = 0; r < bench.count; r++) {
        struct buf b = { NULL, 0, 0 };

        c->call_id = bench.next_setup_id++;
        buf_printf(&b, "{\"id\":%lld,\"method\":\"transact\",\"params\":"
                   "[\"%s\",{\"op\":\"select\",\"table\":\"Item\","
                   "\"where\":[]}]}", c->call_id, bench.db);
        double t0 = now(), cpu0 = cpu_time();
        conn_send(c, b.s, b.len);
        while (c->call_id >= 0) {
            poll_once();
        }
        json_t *result = c->call_result;
        check_transact_result(c, result);
        size_t n = json_array_size(json_object_get(json_array_get(result, 0),
                                                   "rows"));
        if ((long long) n < bench.rows) {
            fatal("select returned %zu rows, expected %lld", n, bench.rows);
        }
        json_decref(result);
        lat[r] = now() - t0;
        cpu += cpu_time() - cpu0;
        wall += lat[r];
        json_array_append_new(samples, json_real(lat[r]));
        free(b.s);
    }

    return latency_result(lat, samples, cpu, wall);
}


/* Monitor mode. */

/* Returns true if 'row' (a row update object of any notification format)
 * carries the name 'bench.marker'. */
static bool
row_has_marker(json_t *row)
{
    static const char *const kinds[] = { "insert", "initial", "new",
                                         "modify" };
    size_t i;

    for (i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        json_t *name = json_object_get(json_object_get(row, kinds[i]),
                                       "name");
        if (json_is_string(name)
            && !strcmp(json_string_value(name), bench.marker)) {
            return true;
        }
    }
    return false;
}

static void
on_notification(struct conn *c, const char *method, json_t *params)
{
    json_t *updates, *rows, *row;
    const char *uuid;

    if (!strcmp(method, "update") || !strcmp(method, "update2")) {
        updates = json_array_get(params, 1);
    } else if (!strcmp(method, "update3")) {
        updates = json_array_get(params, 2);
    } else {
        return;
    }
    rows = json_object_get(updates, "Item");
    if (c->saw_marker || !bench.marker[0] || !rows) {
        return;
    }
    json_object_foreach (rows, uuid, row) {
        if (row_has_marker(row)) {
            /* The time the bytes arrived, so that parsing the other
             * clients' input does not count against the server. */
            c->saw_marker = true;
            c->seen_at = c->read_at;
            bench.n_seen++;
            return;
        }
    }
}

static json_t *
run_monitor(void)
{
    json_t *samples = json_array(), *setup;
    double *all = calloc(bench.rounds, sizeof *all);
    double *acks = calloc(bench.rounds, sizeof *acks);
    double cpu = 0, wall = 0, t_setup;
    struct conn *writer;
    int i, r;

    /* Every monitor asks for all of Item's columns, as an IDL replica
     * does, and waits for its initial contents. */
    t_setup = now();
    for (i = 0; i < bench.clients; i++) {
        struct conn *c = conn_open();
        char params[512];
        json_t *result;

        snprintf(params, sizeof params,
                 "[\"%s\",[\"bench-monitor\",%d],{\"Item\":[{\"columns\":"
                 "[\"name\",\"value\",\"external_ids\",\"tags\"]}]}%s]",
                 bench.db, i,
                 (!strcmp(bench.monitor_method, "monitor_cond_since")
                  ? ",\"00000000-0000-0000-0000-000000000000\"" : ""));
        result = conn_call(c, bench.monitor_method, params);
        json_decref(result);
    }
    t_setup = now() - t_setup;
    writer = conn_open();

    for (r = 0; r < bench.rounds; r++) {
        double t0, cpu0, last = 0;
        char params[256];
        json_t *result;

        snprintf(bench.marker, sizeof bench.marker, "marker-%d", r);
        bench.n_seen = 0;
        for (i = 0; i < bench.clients; i++) {
            bench.conns[i]->saw_marker = false;
        }

        snprintf(params, sizeof params,
                 "[\"%s\",{\"op\":\"insert\",\"table\":\"Item\","
                 "\"row\":{\"name\":\"%s\",\"value\":%d}}]",
                 bench.db, bench.marker, r);
        t0 = now();
        cpu0 = cpu_time();
        result = conn_call(writer, "transact", params);
        acks[r] = now() - t0;
        check_transact_result(writer, result);
        json_decref(result);
        while (bench.n_seen < bench.clients) {
            poll_once();
        }
        for (i = 0; i < bench.clients; i++) {
            double t = bench.conns[i]->seen_at - t0;
            last = t > last ? t : last;
        }
        cpu += cpu_time() - cpu0;
        wall += now() - t0;
        all[r] = last;
        json_array_append_new(samples, json_real(last));
    }

    setup = json_pack("{s:i,s:s,s:i,s:f,s:o,s:f,s:f,s:f,s:f}",
                      "clients", bench.clients,
                      "method", bench.monitor_method,
                      "rounds", bench.rounds,
                      "setup_seconds", t_setup,
                      "samples", samples,
                      "latency", percentile(all, bench.rounds, 50),
                      "ack_latency", percentile(acks, bench.rounds, 50),
                      "cpu_seconds", cpu,
                      "cpu_percent", 100 * cpu / wall);
    free(all);
    free(acks);
    return setup;
}


/* Command line. */

static void
usage(void)
{
    printf("\
usage: ovsdb-bench [OPTIONS] MODE\n\
Measures an OVSDB server; prints one line of JSON with the results.\n\
\n\
Modes:\n\
  seq        --count transactions, one at a time on one connection\n\
  pipeline   --count transactions over --clients connections, each with\n\
             up to --depth requests in flight\n\
  bulk       one transaction inserting --rows rows (--count times)\n\
  monitor    --clients monitors; time until all see one insert (--rounds)\n\
  fill       insert --rows realistic rows, --batch rows per transaction\n\
  select     fill, then --count selects of the whole table, one at a time\n\
\n\
Options:\n\
  --remote=unix:PATH|tcp:HOST:PORT  server to connect to (required)\n\
  --db=NAME              database name (default: Bench)\n\
  --count=N              transactions (seq, pipeline) or repeats (bulk,\n\
                         select)\n\
  --clients=N            connections (pipeline, monitor)\n\
  --depth=N              requests in flight per connection (pipeline)\n\
  --op=insert|update     kind of small transaction (seq, pipeline)\n\
  --rows=N               rows to insert (bulk, fill, select)\n\
  --batch=N              rows per transaction (fill, select; default\n\
                         1000)\n\
  --rounds=N             measured inserts (monitor; default 5)\n\
  --monitor-method=M     monitor_cond (default), monitor_cond_since or\n\
                         monitor\n\
  --durable              ask for durable commits\n\
  --timeout=SECS         give up after SECS seconds (default 600)\n");
    exit(EXIT_SUCCESS);
}

static long long
parse_count(const char *option, const char *s, long long min)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno || *end || v < min) {
        fatal("--%s: \"%s\" is not an integer >= %lld", option, s, min);
    }
    return v;
}

static void
parse_options(int argc, char *argv[])
{
    static const struct option options[] = {
        {"remote", required_argument, NULL, 'r'},
        {"db", required_argument, NULL, 'd'},
        {"count", required_argument, NULL, 'n'},
        {"clients", required_argument, NULL, 'c'},
        {"depth", required_argument, NULL, 'D'},
        {"op", required_argument, NULL, 'o'},
        {"rows", required_argument, NULL, 'R'},
        {"batch", required_argument, NULL, 'b'},
        {"rounds", required_argument, NULL, 'u'},
        {"monitor-method", required_argument, NULL, 'm'},
        {"durable", no_argument, NULL, 'y'},
        {"timeout", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    long long count = -1, clients = -1, depth = -1, rows = -1;
    const char *mode;

    bench.db = "Bench";
    bench.batch = 1000;
    bench.rounds = 5;
    bench.monitor_method = "monitor_cond";
    bench.timeout = 600;
    for (;;) {
        int option_index;
        int opt = getopt_long(argc, argv, "h", options, &option_index);
        const char *name = opt > 0 ? options[option_index].name : "";

        if (opt == -1) {
            break;
        }
        switch (opt) {
        case 'r':
            bench.remote = optarg;
            break;
        case 'd':
            bench.db = optarg;
            break;
        case 'n':
            count = parse_count(name, optarg, 1);
            break;
        case 'c':
            clients = parse_count(name, optarg, 1);
            break;
        case 'D':
            depth = parse_count(name, optarg, 1);
            break;
        case 'o':
            if (!strcmp(optarg, "update")) {
                bench.update = true;
            } else if (strcmp(optarg, "insert")) {
                fatal("--op: expected insert or update");
            }
            break;
        case 'R':
            rows = parse_count(name, optarg, 1);
            break;
        case 'b':
            bench.batch = parse_count(name, optarg, 1);
            break;
        case 'u':
            bench.rounds = parse_count(name, optarg, 1);
            break;
        case 'm':
            if (strcmp(optarg, "monitor_cond")
                && strcmp(optarg, "monitor_cond_since")
                && strcmp(optarg, "monitor")) {
                fatal("--monitor-method: unknown method \"%s\"", optarg);
            }
            bench.monitor_method = optarg;
            break;
        case 'y':
            bench.durable = true;
            break;
        case 't':
            bench.timeout = parse_count(name, optarg, 1);
            break;
        case 'h':
            usage();
        default:
            exit(EXIT_FAILURE);
        }
    }
    if (optind != argc - 1) {
        fatal("exactly one mode argument expected (use --help)");
    }
    if (!bench.remote) {
        fatal("--remote is required");
    }

    mode = argv[optind];
    if (!strcmp(mode, "seq")) {
        bench.mode = MODE_SEQ;
        bench.count = count > 0 ? count : 1000;
        bench.clients = 1;
        bench.depth = 1;
    } else if (!strcmp(mode, "pipeline")) {
        bench.mode = MODE_PIPELINE;
        bench.count = count > 0 ? count : 10000;
        bench.clients = clients > 0 ? clients : 4;
        bench.depth = depth > 0 ? depth : 64;
    } else if (!strcmp(mode, "bulk")) {
        bench.mode = MODE_BULK;
        bench.count = count > 0 ? count : 1;
        bench.rows = rows > 0 ? rows : 10000;
    } else if (!strcmp(mode, "monitor")) {
        bench.mode = MODE_MONITOR;
        bench.clients = clients > 0 ? clients : 100;
    } else if (!strcmp(mode, "fill")) {
        bench.mode = MODE_FILL;
        bench.rows = rows > 0 ? rows : 100000;
    } else if (!strcmp(mode, "select")) {
        bench.mode = MODE_SELECT;
        bench.rows = rows > 0 ? rows : 10000;
        bench.count = count > 0 ? count : 20;
    } else {
        fatal("unknown mode \"%s\" (use --help)", mode);
    }
}

int
main(int argc, char *argv[])
{
    static const char *const mode_names[] = {
        [MODE_SEQ] = "seq", [MODE_PIPELINE] = "pipeline",
        [MODE_BULK] = "bulk", [MODE_MONITOR] = "monitor",
        [MODE_FILL] = "fill", [MODE_SELECT] = "select",
    };
    json_t *result;
    char *s;

    parse_options(argc, argv);
    bench.epfd = epoll_create1(EPOLL_CLOEXEC);
    if (bench.epfd < 0) {
        fatal("epoll_create1: %s", strerror(errno));
    }
    bench.deadline = now() + bench.timeout;
    bench.next_setup_id = SETUP_ID_BASE;

    switch (bench.mode) {
    case MODE_SEQ:
    case MODE_PIPELINE:
        result = run_load();
        break;
    case MODE_BULK:
        result = run_bulk();
        break;
    case MODE_MONITOR:
        result = run_monitor();
        break;
    case MODE_FILL:
        result = run_fill();
        break;
    case MODE_SELECT:
        result = run_select();
        break;
    default:
        abort();
    }

    json_object_set_new(result, "mode", json_string(mode_names[bench.mode]));
    s = json_dumps(result,
                   JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(6));
    puts(s);
    free(s);
    json_decref(result);
    return 0;
}
