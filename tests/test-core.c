/* test-core: unit tests for the core and wire modules of libsvs.
 *
 * usage: test-core [SSL OPTIONS] COMMAND [ARG...]
 *
 * Each command runs one group of checks and exits 0 if all pass; a
 * failed check aborts with the failed condition and its source line
 * (svs_assert).  tests/test_core_units.py drives them. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "command-line.h"
#include "heap-thp.h"
#include "daemon.h"
#include "dirs.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "json.h"
#include "jsonrpc.h"
#include "latch.h"
#include "poll-loop.h"
#include "random.h"
#include "reconnect.h"
#include "socket-util.h"
#include "stream.h"
#include "stream-fd.h"
#include "stream-provider.h"
#include "stream-ssl.h"
#include "svec.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(test_core);

#define CHECK(COND) svs_assert(COND)

#define CHECK_STREQ(A, B)                                               \
    do {                                                                \
        const char *a__ = (A);                                          \
        const char *b__ = (B);                                          \
        if (!a__ || !b__ || strcmp(a__, b__)) {                         \
            svs_abort(0, "%s:%d: \"%s\" != \"%s\"", __FILE__, __LINE__, \
                      a__ ? a__ : "(null)", b__ ? b__ : "(null)");      \
        }                                                               \
    } while (0)

/* timeval. */

static void
test_timeval(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    long long int m0 = time_msec();
    long long int u0 = time_usec();
    long long int w0 = time_wall_msec();

    xsleep_msec(60);

    long long int m1 = time_msec();
    long long int u1 = time_usec();
    CHECK(m1 - m0 >= 60);
    CHECK(m1 - m0 < 5000);
    CHECK(u1 - u0 >= 60000);
    CHECK(time_wall_msec() - w0 >= 60);
    CHECK(llabs(time_now() - w0 / 1000) <= 2);
    CHECK(llabs(time_wall_usec() / 1000 - time_wall_msec()) <= 5);
    CHECK(time_get_rss_kb() > 0);
}

/* poll-loop. */

static long long int
measure_poll_block(void)
{
    long long int start = time_msec();
    poll_block();
    return time_msec() - start;
}

static void
test_poll_loop(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    /* The earliest timer wins. */
    poll_timer_wait(300);
    poll_timer_wait(80);
    poll_timer_wait(200);
    long long int elapsed = measure_poll_block();
    CHECK(elapsed >= 80 && elapsed < 2000);

    /* Registrations are cleared by poll_block(): a fresh timer alone. */
    poll_timer_wait(30);
    elapsed = measure_poll_block();
    CHECK(elapsed >= 30 && elapsed < 2000);

    /* Deadlines in the past and immediate wakeups return at once. */
    poll_timer_wait_until(time_msec() - 1000);
    poll_timer_wait(10000);
    CHECK(measure_poll_block() < 1000);
    poll_timer_wait(10000);
    poll_immediate_wake();
    CHECK(measure_poll_block() < 1000);
    poll_timer_wait(0);
    CHECK(measure_poll_block() < 1000);

    /* A readable fd wakes the loop; the same fd registered for two kinds
     * of events is merged. */
    int fds[2];
    xpipe_nonblocking(fds);
    CHECK(write(fds[1], "x", 1) == 1);
    poll_timer_wait(5000);
    poll_fd_wait(fds[0], POLLIN);
    poll_fd_wait(fds[0], POLLOUT);  /* Never true for a read end. */
    CHECK(measure_poll_block() < 1000);

    /* An fd with nothing to read does not wake it. */
    char c;
    CHECK(read(fds[0], &c, 1) == 1);
    poll_timer_wait(100);
    poll_fd_wait(fds[0], POLLIN);
    elapsed = measure_poll_block();
    CHECK(elapsed >= 100);

    /* Many fds, including large numbers. */
    int big = dup2(fds[1], 900);
    CHECK(big == 900);
    poll_fd_wait(big, POLLOUT);
    poll_fd_wait(fds[0], POLLIN);
    poll_timer_wait(5000);
    CHECK(measure_poll_block() < 1000);
    close(big);
    close(fds[0]);
    close(fds[1]);

    /* More than a second of work between two poll_block() calls draws a
     * warning (checked by the pytest side). */
    xsleep_msec(1100);
    poll_immediate_wake();
    poll_block();
}

/* latch. */

static void *
latch_setter(void *latch_)
{
    xsleep_msec(100);
    latch_set(latch_);
    return NULL;
}

static void
test_latch(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    struct latch latch;
    pthread_t thread;

    latch_init(&latch);
    CHECK(!latch_is_set(&latch));
    CHECK(!latch_poll(&latch));

    latch_set(&latch);
    latch_set(&latch);
    CHECK(latch_is_set(&latch));
    CHECK(latch_is_set(&latch));    /* Does not clear. */
    CHECK(latch_poll(&latch));
    CHECK(!latch_poll(&latch));
    CHECK(!latch_is_set(&latch));

    /* Another thread's latch_set() wakes our poll loop. */
    pthread_create(&thread, NULL, latch_setter, &latch);
    long long int start = time_msec();
    while (!latch_poll(&latch)) {
        latch_wait(&latch);
        poll_timer_wait(10000);
        poll_block();
    }
    long long int elapsed = time_msec() - start;
    CHECK(elapsed >= 90 && elapsed < 5000);
    pthread_join(thread, NULL);
    latch_destroy(&latch);
}

/* json parser on split input. */

static void
test_json_parser(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    static const char *const values[] = {
        "{\"method\":\"echo\",\"params\":[\"a]}\\\"[{\"],\"id\":1}",
        "[1,2,{\"x\":[{}]}]",
        "{\"s\":\"\\\\\",\"t\":\"}\"}",
        "{\"u\":\"\\u00e9\\ud83d\\ude00\",\"n\":-1.5e3,"
        "\"b\":[true,false,null]}",
    };
    struct ds all = DS_EMPTY_INITIALIZER;

    for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
        ds_put_format(&all, "%s%s", values[i], i % 2 ? "\n " : "");
    }

    /* Split the concatenation at every position into two chunks, and also
     * feed it one byte at a time. */
    for (size_t split = 0; split <= all.length + 1; split++) {
        struct json_parser *p = json_parser_create(0);
        size_t n_values = 0;
        size_t chunk = split <= all.length ? split : 1;
        size_t pos = 0;

        while (pos < all.length) {
            size_t n = (split > all.length ? 1
                        : pos < chunk ? chunk - pos : all.length - pos);
            if (!n) {
                n = all.length - pos;
            }
            size_t used = json_parser_feed(p, all.string + pos, n);
            pos += used;
            if (json_parser_is_done(p)) {
                char *error;
                json_t *got = json_parser_finish(p, &error);
                CHECK(got && !error);
                json_t *want = json_from_string_err(values[n_values], NULL);
                CHECK(want);
                CHECK(json_equal(got, want));
                json_decref(got);
                json_decref(want);
                n_values++;
            } else {
                CHECK(used == n);
            }
        }
        CHECK(n_values == ARRAY_SIZE(values));
        CHECK(!json_parser_has_input(p));
        json_parser_abort(p);
    }
    ds_destroy(&all);

    /* Errors. */
    struct {
        const char *input;
        const char *error_substring;
    } bad[] = {
        { "xyz", "syntax error" },
        { "[1, 2,]", "" },
        { "{\"a\" 1}", "" },
        { "[1 2]", "" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        struct json_parser *p = json_parser_create(0);
        json_parser_feed(p, bad[i].input, strlen(bad[i].input));
        char *error;
        json_t *json = json_parser_finish(p, &error);
        CHECK(!json && error);
        CHECK(strstr(error, bad[i].error_substring));
        free(error);
        json_parser_abort(p);
    }

    /* Truncated input. */
    struct json_parser *p = json_parser_create(0);
    json_parser_feed(p, "[1, {", 5);
    CHECK(!json_parser_is_done(p));
    char *error;
    CHECK(!json_parser_finish(p, &error));
    CHECK(error && strstr(error, "end of input"));
    free(error);

    /* Size limit. */
    json_parser_abort(p);
    p = json_parser_create(10);
    const char *big = "[\"0123456789abcdef\"]";
    json_parser_feed(p, big, strlen(big));
    CHECK(json_parser_is_done(p));
    CHECK(!json_parser_finish(p, &error));
    CHECK(error && strstr(error, "maximum"));
    free(error);
    json_parser_abort(p);
}

/* reconnect. */

static void
test_reconnect(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    long long int now = 10000;
    struct reconnect *r = reconnect_create(now);
    struct reconnect_stats stats;

    reconnect_set_name(r, "test");
    CHECK(!reconnect_is_enabled(r));
    CHECK(reconnect_run(r, now) == RECONNECT_NONE);
    CHECK(reconnect_timeout(r, now) == -1);

    /* The first attempt happens at once. */
    reconnect_enable(r, now);
    CHECK_STREQ(reconnect_get_state_name(r), "BACKOFF");
    CHECK(reconnect_run(r, now) == RECONNECT_CONNECT);

    /* Failures back off exponentially: 1, 2, 4, 8, 8 seconds. */
    static const int backoffs[] = { 1000, 2000, 4000, 8000, 8000 };
    for (size_t i = 0; i < ARRAY_SIZE(backoffs); i++) {
        reconnect_connecting(r, now);
        CHECK_STREQ(reconnect_get_state_name(r), "CONNECTING");
        CHECK(reconnect_run(r, now) == RECONNECT_NONE);
        reconnect_connect_failed(r, now, ECONNREFUSED);
        CHECK_STREQ(reconnect_get_state_name(r), "BACKOFF");
        reconnect_get_stats(r, now, &stats);
        CHECK(stats.backoff == backoffs[i]);
        CHECK(reconnect_timeout(r, now) == backoffs[i]);
        CHECK(reconnect_run(r, now + backoffs[i] - 1) == RECONNECT_NONE);
        now += backoffs[i];
        CHECK(reconnect_run(r, now) == RECONNECT_CONNECT);
    }
    reconnect_get_stats(r, now, &stats);
    CHECK(stats.n_attempted_connections == ARRAY_SIZE(backoffs));
    CHECK(stats.n_successful_connections == 0);
    CHECK(!stats.is_connected);

    /* A connection attempt that hangs times out. */
    reconnect_connecting(r, now);
    CHECK(reconnect_run(r, now + 7999) == RECONNECT_NONE);
    CHECK(reconnect_run(r, now + 8000) == RECONNECT_DISCONNECT);
    reconnect_disconnected(r, now + 8000, ETIMEDOUT);
    now += 8000 + 8000;
    CHECK(reconnect_run(r, now) == RECONNECT_CONNECT);

    /* Connect. */
    unsigned int seqno = stats.seqno;
    reconnect_connecting(r, now);
    reconnect_connected(r, now);
    CHECK(reconnect_is_connected(r));
    CHECK_STREQ(reconnect_get_state_name(r), "ACTIVE");
    reconnect_get_stats(r, now, &stats);
    CHECK(stats.seqno != seqno);
    CHECK(stats.n_successful_connections == 1);
    CHECK(stats.msec_since_connect == 0);

    /* Inactivity probe after 5 s, but only once the owner tried to
     * receive. */
    long long int t = now;
    CHECK(reconnect_timeout(r, t) == 5000);
    CHECK(reconnect_run(r, t + 4999) == RECONNECT_NONE);
    CHECK(reconnect_run(r, t + 5000) == RECONNECT_NONE);
    reconnect_receive_attempted(r, t + 5000);
    CHECK(reconnect_run(r, t + 5000) == RECONNECT_PROBE);
    CHECK_STREQ(reconnect_get_state_name(r), "IDLE");
    CHECK(reconnect_run(r, t + 9999) == RECONNECT_NONE);

    /* Activity revives it. */
    reconnect_activity(r, t + 6000);
    CHECK_STREQ(reconnect_get_state_name(r), "ACTIVE");
    CHECK(reconnect_run(r, t + 10999) == RECONNECT_NONE);
    reconnect_receive_attempted(r, t + 11000);
    CHECK(reconnect_run(r, t + 11000) == RECONNECT_PROBE);

    /* No answer to the probe: disconnect. */
    CHECK(reconnect_run(r, t + 15999) == RECONNECT_NONE);
    CHECK(reconnect_run(r, t + 16000) == RECONNECT_DISCONNECT);
    reconnect_disconnected(r, t + 16000, 0);
    CHECK(!reconnect_is_connected(r));

    /* The connection lasted longer than the backoff: back to 1 s. */
    reconnect_get_stats(r, t + 16000, &stats);
    CHECK(stats.backoff == 1000);
    CHECK(stats.total_connected_duration == 16);
    now = t + 17000;
    CHECK(reconnect_run(r, now) == RECONNECT_CONNECT);

    /* A short-lived connection keeps escalating the backoff. */
    reconnect_connecting(r, now);
    reconnect_connected(r, now);
    reconnect_disconnected(r, now + 500, EOF);
    reconnect_get_stats(r, now + 500, &stats);
    CHECK(stats.backoff == 2000);
    now += 2500;
    CHECK(reconnect_run(r, now) == RECONNECT_CONNECT);

    /* Forced reconnection. */
    reconnect_connecting(r, now);
    reconnect_connected(r, now);
    reconnect_force_reconnect(r, now);
    CHECK(reconnect_run(r, now) == RECONNECT_DISCONNECT);
    reconnect_disconnected(r, now, 0);

    /* Probes disabled. */
    reconnect_set_probe_interval(r, 0);
    reconnect_skip_backoff(r);
    CHECK(reconnect_run(r, now) == RECONNECT_CONNECT);
    reconnect_connected(r, now);
    reconnect_receive_attempted(r, now + 1000000);
    CHECK(reconnect_run(r, now + 1000000) == RECONNECT_NONE);
    CHECK(reconnect_timeout(r, now) == -1);

    /* Limited tries. */
    reconnect_disable(r, now);
    CHECK(!reconnect_is_enabled(r));
    reconnect_set_max_tries(r, 2);
    reconnect_enable(r, now);
    CHECK(reconnect_get_max_tries(r) == 1);
    CHECK(reconnect_run(r, now) == RECONNECT_CONNECT);
    reconnect_connect_failed(r, now, ECONNREFUSED);
    CHECK(reconnect_is_enabled(r));
    CHECK(reconnect_get_max_tries(r) == 0);
    now += 100000;
    CHECK(reconnect_run(r, now) == RECONNECT_CONNECT);
    reconnect_connect_failed(r, now, ECONNREFUSED);
    CHECK(!reconnect_is_enabled(r));
    CHECK_STREQ(reconnect_get_state_name(r), "VOID");

    /* Custom backoff range. */
    reconnect_set_max_tries(r, UINT_MAX);
    reconnect_set_backoff(r, 100, 300);
    reconnect_enable(r, now);
    CHECK(reconnect_run(r, now) == RECONNECT_CONNECT);
    static const int small[] = { 100, 200, 300, 300 };
    for (size_t i = 0; i < ARRAY_SIZE(small); i++) {
        reconnect_connect_failed(r, now, ECONNREFUSED);
        reconnect_get_stats(r, now, &stats);
        CHECK(stats.backoff == small[i]);
        now += small[i];
        CHECK(reconnect_run(r, now) == RECONNECT_CONNECT);
    }

    /* Passive: listening; a dropped connection relistens at once. */
    reconnect_set_passive(r, true, now);
    CHECK(reconnect_is_passive(r));
    CHECK(reconnect_run(r, now) == RECONNECT_CONNECT);
    reconnect_listening(r, now);
    CHECK_STREQ(reconnect_get_state_name(r), "LISTENING");
    CHECK(reconnect_run(r, now + 100000) == RECONNECT_NONE);
    reconnect_connected(r, now + 100);
    CHECK(reconnect_is_connected(r));
    reconnect_disconnected(r, now + 200, EOF);
    reconnect_get_stats(r, now + 200, &stats);
    CHECK(stats.backoff == 0);
    CHECK(reconnect_run(r, now + 200) == RECONNECT_CONNECT);

    reconnect_destroy(r);
}

/* jsonrpc messages. */

static void
check_msg_error(const char *text, const char *expected_error)
{
    char *error;
    json_t *json = json_from_string_err(text, &error);
    struct jsonrpc_msg *msg;

    CHECK(json);
    error = jsonrpc_msg_from_json(json, &msg);
    if (!expected_error) {
        if (error) {
            svs_abort(0, "%s: unexpected error %s", text, error);
        }
        CHECK(msg);
        jsonrpc_msg_destroy(msg);
    } else {
        CHECK(!msg);
        if (!error || strcmp(error, expected_error)) {
            svs_abort(0, "%s: expected error \"%s\", got \"%s\"", text,
                      expected_error, error ? error : "(none)");
        }
        free(error);
    }
}

static struct jsonrpc_msg *
msg_from_string(const char *text)
{
    struct jsonrpc_msg *msg;
    char *error = jsonrpc_msg_from_json(json_from_string_err(text, NULL),
                                        &msg);
    CHECK(!error);
    return msg;
}

static void
test_jsonrpc_msg(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    /* Valid messages of each type. */
    check_msg_error("{\"method\":\"echo\",\"params\":[],\"id\":0}", NULL);
    check_msg_error("{\"method\":\"update\",\"params\":[1],\"id\":null}",
                    NULL);
    check_msg_error("{\"method\":\"update\",\"params\":[1]}", NULL);
    check_msg_error("{\"result\":{},\"error\":null,\"id\":\"x\"}", NULL);
    check_msg_error("{\"result\":null,\"error\":\"e\",\"id\":[1]}", NULL);
    check_msg_error("{\"error\":{\"error\":\"x\"},\"id\":3}", NULL);

    /* Invalid ones, with the reasons. */
    check_msg_error("[]", "message is not a JSON object");
    check_msg_error("\"x\"", "message is not a JSON object");
    check_msg_error("{\"method\":\"m\",\"params\":[],\"id\":1,\"x\":2}",
                    "message has unexpected member \"x\"");
    check_msg_error("{\"method\":1,\"params\":[],\"id\":1}",
                    "method is not a JSON string");
    check_msg_error("{\"method\":\"m\",\"id\":1}",
                    "request must have \"params\"");
    check_msg_error("{\"params\":[],\"id\":1}",
                    "request must have \"method\"");
    check_msg_error("{\"method\":\"m\",\"params\":{},\"id\":1}",
                    "\"params\" must be JSON array");
    check_msg_error("{\"method\":\"m\",\"params\":\"x\"}",
                    "\"params\" must be JSON array");
    check_msg_error("{\"method\":\"m\"}",
                    "notification must have \"params\"");
    check_msg_error("{}", "notification must have \"method\"");
    check_msg_error("{\"result\":1}", "reply must have \"id\"");
    check_msg_error("{\"result\":1,\"error\":2,\"id\":1}",
                    "reply must not have \"error\"");
    check_msg_error("{\"result\":1,\"method\":\"m\",\"id\":1}",
                    "reply must not have \"method\"");
    check_msg_error("{\"error\":1,\"params\":[],\"id\":1}",
                    "error must not have \"params\"");
    check_msg_error("{\"error\":\"x\"}", "error must have \"id\"");

    /* Constructors, ids and the wire format. */
    json_t *id;
    struct jsonrpc_msg *req = jsonrpc_create_request(
        "transact", json_array_of(1, json_string("db")), &id);
    CHECK(json_is_integer(id));
    struct jsonrpc_msg *req2 = jsonrpc_create_request("x", json_array(),
                                                      NULL);
    CHECK(!json_equal(req->id, req2->id));
    jsonrpc_msg_destroy(req2);

    struct ds wire = DS_EMPTY_INITIALIZER;
    jsonrpc_msg_to_ds(req, &wire);
    struct jsonrpc_msg *back = msg_from_string(ds_cstr(&wire));
    CHECK(back->type == JSONRPC_REQUEST);
    CHECK_STREQ(back->method, "transact");
    CHECK(json_equal(back->id, id));
    CHECK(json_equal(back->params, req->params));

    struct jsonrpc_msg *reply = jsonrpc_create_reply(json_string("ok"), id);
    ds_clear(&wire);
    jsonrpc_msg_to_ds(reply, &wire);
    json_t *reply_json = json_from_string_err(ds_cstr(&wire), NULL);
    CHECK(json_is_null(json_get(reply_json, "error")));
    CHECK_STREQ(json_string_value(json_get(reply_json, "result")), "ok");
    CHECK(json_equal(json_get(reply_json, "id"), id));
    CHECK(json_object_size(reply_json) == 3);
    json_decref(reply_json);

    struct jsonrpc_msg *err = jsonrpc_create_error(json_string("bad"), id);
    ds_clear(&wire);
    jsonrpc_msg_to_ds(err, &wire);
    json_t *err_json = json_from_string_err(ds_cstr(&wire), NULL);
    CHECK(!json_get(err_json, "result"));
    CHECK_STREQ(json_string_value(json_get(err_json, "error")), "bad");
    CHECK(json_object_size(err_json) == 2);
    json_decref(err_json);

    struct jsonrpc_msg *note = jsonrpc_create_notify("update",
                                                     json_array());
    ds_clear(&wire);
    jsonrpc_msg_to_ds(note, &wire);
    json_t *note_json = json_from_string_err(ds_cstr(&wire), NULL);
    CHECK(json_is_null(json_get(note_json, "id")));
    CHECK(json_object_size(note_json) == 3);
    json_decref(note_json);

    /* to_json agrees with to_ds. */
    json_t *j1 = jsonrpc_msg_to_json(jsonrpc_msg_clone(note));
    json_t *j2 = json_from_string_err(ds_cstr(&wire), NULL);
    CHECK(json_equal(j1, j2));
    json_decref(j1);
    json_decref(j2);

    /* Escapes in method names survive. */
    struct jsonrpc_msg *odd = jsonrpc_create_notify("a\"b\\c\n\x01",
                                                    json_array());
    ds_clear(&wire);
    jsonrpc_msg_to_ds(odd, &wire);
    struct jsonrpc_msg *odd2 = msg_from_string(ds_cstr(&wire));
    CHECK_STREQ(odd2->method, "a\"b\\c\n\x01");
    jsonrpc_msg_destroy(odd);
    jsonrpc_msg_destroy(odd2);

    char *s = jsonrpc_msg_to_string(req);
    CHECK(strstr(s, "request, method=\"transact\", params=[\"db\"], id="));
    free(s);

    jsonrpc_msg_destroy(req);
    jsonrpc_msg_destroy(back);
    jsonrpc_msg_destroy(reply);
    jsonrpc_msg_destroy(err);
    jsonrpc_msg_destroy(note);
    json_decref(id);
    ds_destroy(&wire);
}

/* Streams. */

/* Returns the active name that connects to 'pstream'. */
static char *
active_name(const struct pstream *pstream)
{
    const char *pname = pstream_get_name(pstream);

    if (str_startswith(pname, "punix:")) {
        return xasprintf("unix:%s", pname + 6);
    }
    const char *proto = str_startswith(pname, "pssl:") ? "ssl" : "tcp";
    const char *ip = strchr(strchr(pname, ':') + 1, ':') + 1;
    if (!strcmp(ip, "0.0.0.0")) {
        ip = "127.0.0.1";
    }
    return xasprintf("%s:%s:%u", proto, ip, pstream_get_bound_port(pstream));
}

/* Connects a new active stream to 'pstream' and accepts it, running both
 * ends (the SSL handshake needs both) until connected.  Returns 0 with
 * both streams, or the error of either end (both closed). */
static int
try_connect_pair(struct pstream *pstream, struct stream **clientp,
                 struct stream **serverp)
{
    char *name = active_name(pstream);
    struct stream *client = NULL, *server = NULL;
    int error = stream_open(name, &client, DSCP_DEFAULT);
    long long int deadline = time_msec() + 10000;

    if (error) {
        svs_abort(error, "%s: stream_open failed", name);
    }
    CHECK_STREQ(stream_get_name(client), name);

    for (;;) {
        if (!server) {
            error = pstream_accept(pstream, &server);
            CHECK(!error || error == EAGAIN);
        }
        int c = stream_connect(client);
        int s = server ? stream_connect(server) : EAGAIN;
        if ((c && c != EAGAIN) || (s && s != EAGAIN)) {
            error = c && c != EAGAIN ? c : s;
            break;
        }
        if (!c && !s) {
            /* TLS 1.3 servers check the client's certificate after the
             * client considers itself connected: exchange a byte. */
            char byte = 'x';
            error = 0;
            for (;;) {
                ssize_t n = stream_send(client, &byte, 1);
                if (n == 1) {
                    break;
                } else if (n != -EAGAIN) {
                    error = -n;
                    break;
                }
                stream_run_wait(client);
                stream_send_wait(client);
                poll_block();
            }
            while (!error) {
                ssize_t n = stream_recv(server, &byte, 1);
                stream_run(client);
                if (n == 1) {
                    break;
                } else if (n != -EAGAIN) {
                    error = n ? -n : EOF;
                    break;
                }
                CHECK(time_msec() < deadline);
                stream_run_wait(client);
                stream_run_wait(server);
                stream_recv_wait(server);
                poll_block();
            }
            break;
        }
        CHECK(time_msec() < deadline);

        /* stream_connect() above advanced both handshakes. */
        if (!server) {
            pstream_wait(pstream);
        } else {
            stream_run(server);
            stream_run_wait(server);
            stream_connect_wait(server);
        }
        stream_run(client);
        stream_run_wait(client);
        stream_connect_wait(client);
        poll_timer_wait(100);
        poll_block();
    }
    free(name);
    if (error) {
        stream_close(client);
        stream_close(server);
        client = server = NULL;
    }
    *clientp = client;
    *serverp = server;
    return error;
}

static void
connect_pair(struct pstream *pstream, struct stream **clientp,
             struct stream **serverp)
{
    int error = try_connect_pair(pstream, clientp, serverp);
    if (error) {
        svs_abort(error, "%s: connection failed", pstream_get_name(pstream));
    }
}

/* Sends 'n' bytes of pattern from 'a' to 'b' and checks them, with both
 * ends nonblocking in one poll loop. */
static void
transfer(struct stream *a, struct stream *b, size_t n, unsigned int seed)
{
    unsigned char *out = xmalloc(n);
    unsigned char *in = xmalloc(n);
    size_t sent = 0, received = 0;
    long long int deadline = time_msec() + 30000;

    for (size_t i = 0; i < n; i++) {
        out[i] = (i * 7 + seed + (i >> 10)) & 0xff;
    }
    while (received < n) {
        CHECK(time_msec() < deadline);
        stream_run(a);
        stream_run(b);
        if (sent < n) {
            ssize_t retval = stream_send(a, out + sent, n - sent);
            if (retval > 0) {
                sent += retval;
            } else {
                CHECK(retval == -EAGAIN);
            }
        }
        ssize_t retval = stream_recv(b, in + received, n - received);
        if (retval > 0) {
            received += retval;
            if (received >= n) {
                break;
            }
        } else {
            CHECK(retval == -EAGAIN);
        }

        stream_run_wait(a);
        stream_run_wait(b);
        if (sent < n) {
            stream_send_wait(a);
        }
        stream_recv_wait(b);
        poll_block();
    }
    CHECK(!memcmp(in, out, n));
    free(in);
    free(out);
}

/* Returns once 'stream' reports end of stream (0) or an error. */
static ssize_t
recv_until_closed(struct stream *stream)
{
    long long int deadline = time_msec() + 10000;
    char buf[256];

    for (;;) {
        ssize_t n = stream_recv(stream, buf, sizeof buf);
        if (n != -EAGAIN) {
            return n;
        }
        CHECK(time_msec() < deadline);
        stream_run(stream);
        stream_run_wait(stream);
        stream_recv_wait(stream);
        poll_block();
    }
}

static void
test_stream(struct svs_cmdl_context *ctx)
{
    const char *pname = ctx->argv[1];
    struct pstream *pstream;
    int error = pstream_open(pname, &pstream, DSCP_DEFAULT);

    if (error) {
        svs_abort(error, "%s: pstream_open failed", pname);
    }
    if (str_startswith(pname, "ptcp:") || str_startswith(pname, "pssl:")) {
        CHECK(pstream_get_bound_port(pstream) > 0);
        CHECK(!str_startswith(pname, "ptcp:0:")
              || !str_startswith(pstream_get_name(pstream), "ptcp:0:"));
        CHECK(stream_or_pstream_needs_probes(pname) == 1);
    } else {
        CHECK(pstream_get_bound_port(pstream) == 0);
        CHECK(stream_or_pstream_needs_probes(pname) == 0);
    }
    printf("listening on %s\n", pstream_get_name(pstream));

    /* Two connections at once, with data both ways. */
    struct stream *c1, *s1, *c2, *s2;
    connect_pair(pstream, &c1, &s1);
    connect_pair(pstream, &c2, &s2);
    printf("accepted %s and %s\n", stream_get_name(s1),
           stream_get_name(s2));
    if (str_startswith(pname, "punix:")) {
        CHECK(str_startswith(stream_get_name(s1), "unix#"));
        CHECK(strcmp(stream_get_name(s1), stream_get_name(s2)));
    } else if (str_startswith(pname, "ptcp:")) {
        CHECK(str_startswith(stream_get_name(s1), "tcp:"));
    } else {
        CHECK(str_startswith(stream_get_name(s1), "ssl:"));
    }

    transfer(c1, s1, 1, 1);
    transfer(s1, c1, 1, 2);
    transfer(c1, s1, 3 << 20, 3);
    transfer(s2, c2, 3 << 20, 4);
    transfer(c2, s2, 100000, 5);

    /* Closing one end gives EOF at the other. */
    stream_close(c1);
    CHECK(recv_until_closed(s1) == 0);
    stream_close(s1);
    stream_close(s2);
    ssize_t n = recv_until_closed(c2);
    CHECK(n == 0 || n == -ECONNRESET || n == -EPIPE);
    stream_close(c2);

    /* punix: removes its socket on close. */
    char *path = (str_startswith(pname, "punix:")
                  ? abs_file_name(svs_rundir(), pname + 6) : NULL);
    struct stat st;
    if (path) {
        CHECK(!stat(path, &st) && S_ISSOCK(st.st_mode));
    }
    pstream_close(pstream);
    if (path) {
        CHECK(stat(path, &st) && errno == ENOENT);
        free(path);
    }
}

static void
test_stream_errors(struct svs_cmdl_context *ctx)
{
    const char *dir = ctx->argv[1];
    struct stream *stream;
    struct pstream *pstream;

    /* Bad names. */
    CHECK(stream_verify_name("tcp:1.2.3.4:5") == 0);
    CHECK(stream_verify_name("unix:x") == 0);
    CHECK(stream_verify_name("bogus:x") == EAFNOSUPPORT);
    CHECK(stream_verify_name("tcp") == EAFNOSUPPORT);
    CHECK(pstream_verify_name("ptcp:0") == 0);
    CHECK(pstream_verify_name("tcp:1") == EAFNOSUPPORT);
    CHECK(stream_open("bogus:x", &stream, 0) == EAFNOSUPPORT && !stream);
    CHECK(stream_open("tcp:1.2.3.4", &stream, 0) && !stream);
    CHECK(stream_open("tcp:1.2.3.4:99999", &stream, 0) && !stream);
    CHECK(pstream_open("ptcp:x", &pstream, 0) && !pstream);

    /* Nobody listening. */
    char *sock = xasprintf("unix:%s/nonexistent.sock", dir);
    CHECK(stream_open(sock, &stream, 0) == ENOENT);
    free(sock);

    struct pstream *p0;
    CHECK(!pstream_open("ptcp:0:127.0.0.1", &p0, 0));
    char *name = xasprintf("tcp:127.0.0.1:%u", pstream_get_bound_port(p0));
    pstream_close(p0);
    int error = stream_open_block(stream_open(name, &stream, 0), 5000,
                                      &stream);
    CHECK(error == ECONNREFUSED && !stream);
    free(name);

    /* A listener refuses to replace a regular file. */
    char *file = xasprintf("%s/regular-file", dir);
    int fd = open(file, O_CREAT | O_WRONLY, 0644);
    CHECK(fd >= 0);
    close(fd);
    char *pname = xasprintf("punix:%s", file);
    CHECK(pstream_open(pname, &pstream, 0) == EEXIST && !pstream);
    struct stat st;
    CHECK(!stat(file, &st) && S_ISREG(st.st_mode));
    free(pname);
    free(file);

    /* A stale socket is replaced. */
    char *stale = xasprintf("%s/stale.sock", dir);
    fd = make_unix_socket(SOCK_STREAM, true, stale, NULL);
    CHECK(fd >= 0);
    close(fd);
    pname = xasprintf("punix:%s", stale);
    CHECK(!pstream_open(pname, &pstream, 0));
    pstream_close(pstream);
    free(pname);
    free(stale);

    /* A socket path longer than sockaddr_un allows. */
    struct ds longdir = DS_EMPTY_INITIALIZER;
    ds_put_format(&longdir, "%s/", dir);
    while (longdir.length < 150) {
        ds_put_cstr(&longdir, "a-long-directory-name");
    }
    CHECK(!mkdir(ds_cstr(&longdir), 0700) || errno == EEXIST);
    pname = xasprintf("punix:%s/long.sock", ds_cstr(&longdir));
    CHECK(strlen(pname) > 120);
    CHECK(!pstream_open(pname, &pstream, 0));
    struct stream *client, *server;
    connect_pair(pstream, &client, &server);
    transfer(client, server, 1000, 9);
    stream_close(client);
    stream_close(server);
    pstream_close(pstream);
    free(pname);
    ds_destroy(&longdir);
}

/* socket-util. */

static void
check_parse_active(const char *target, int default_port, bool ok,
                   const char *expected)
{
    struct sockaddr_storage ss;
    bool retval = inet_parse_active(target, default_port, &ss);

    CHECK(retval == ok);
    if (ok) {
        char *s = ss_to_string(&ss);
        CHECK_STREQ(s, expected);
        free(s);
    }
}

static void
check_parse_passive(const char *target, int default_port, bool ok,
                    const char *expected)
{
    struct sockaddr_storage ss;
    bool retval = inet_parse_passive(target, default_port, &ss);

    CHECK(retval == ok);
    if (ok) {
        char *s = ss_to_string(&ss);
        CHECK_STREQ(s, expected);
        free(s);
    }
}

static void
test_socket_util(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    check_parse_active("127.0.0.1:6640", -1, true, "127.0.0.1:6640");
    check_parse_active("127.0.0.1", 6653, true, "127.0.0.1:6653");
    check_parse_active("127.0.0.1", -1, false, NULL);
    check_parse_active("[::1]:80", -1, true, "[::1]:80");
    check_parse_active("[fe80::1]", 6640, true, "[fe80::1]:6640");
    check_parse_active("localhost:1", -1, true, "127.0.0.1:1");
    check_parse_active("1.2.3.4:65536", -1, false, NULL);
    check_parse_active("1.2.3.4:x", -1, false, NULL);
    check_parse_active(":80", -1, false, NULL);

    check_parse_passive("6640", -1, true, "0.0.0.0:6640");
    check_parse_passive("6640:127.0.0.1", -1, true, "127.0.0.1:6640");
    check_parse_passive("0:[::1]", -1, true, "[::1]:0");
    check_parse_passive(":127.0.0.1", 6640, true, "127.0.0.1:6640");
    check_parse_passive("", 6640, true, "0.0.0.0:6640");
    check_parse_passive("", -1, false, NULL);
    check_parse_passive("6640:notanip", -1, false, NULL);

    /* Bound port of an ephemeral listener. */
    struct sockaddr_storage ss;
    int fd = inet_open_passive(SOCK_STREAM, "0:127.0.0.1", -1, &ss,
                               DSCP_DEFAULT);
    CHECK(fd >= 0);
    CHECK(ss_get_port(&ss) > 0);
    CHECK(inet_get_bound_port(fd) == ss_get_port(&ss));
    char *desc = describe_fd(fd);
    CHECK(strstr(desc, "127.0.0.1:"));
    free(desc);

    /* Nonblocking connect and completion. */
    char *target = xasprintf("127.0.0.1:%u", ss_get_port(&ss));
    int cfd;
    int error = inet_open_active(SOCK_STREAM, target, -1, NULL, &cfd,
                                 DSCP_DEFAULT);
    CHECK(!error || error == EINPROGRESS);
    long long int deadline = time_msec() + 5000;
    while ((error = check_connection_completion(cfd)) == EAGAIN) {
        CHECK(time_msec() < deadline);
        poll_fd_wait(cfd, POLLOUT);
        poll_block();
    }
    CHECK(!error);
    free(target);
    close(cfd);
    close(fd);
}

/* dirs and command line. */

static void
test_dirs(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    printf("rundir=%s\nlogdir=%s\ndbdir=%s\nsysconfdir=%s\n"
           "pkgdatadir=%s\nbindir=%s\n",
           svs_rundir(), svs_logdir(), svs_dbdir(), svs_sysconfdir(),
           svs_pkgdatadir(), svs_bindir());
}

static void
test_command_line(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    static const struct option options[] = {
        {"alpha", no_argument, NULL, 'a'},
        {"beta", required_argument, NULL, 'b'},
        {"gamma", optional_argument, NULL, 'g'},
        {"long-only", no_argument, NULL, 1000},
        {"flag", no_argument, (int *) &optind, 1},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    char *s = long_options_to_short_options(options);
    CHECK_STREQ(s, "ab:g::V");
    free(s);
}

/* vlog. */

static void
test_vlog(struct svs_cmdl_context *ctx)
{
    const char *log_file = ctx->argv[1];

    CHECK(vlog_set_log_file(log_file) == 0);
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_OFF);

    /* Spec parsing. */
    char *msg;
    CHECK(!vlog_set_levels_from_string("test_core:file:dbg"));
    CHECK(vlog_is_enabled(THIS_MODULE, VLL_DBG));
    CHECK(!vlog_set_levels_from_string("file:test_core:warn"));
    CHECK(!vlog_is_enabled(THIS_MODULE, VLL_INFO));
    CHECK(vlog_is_enabled(THIS_MODULE, VLL_WARN));
    msg = vlog_set_levels_from_string("nosuch");
    CHECK_STREQ(msg, "no destination, level, or module \"nosuch\"");
    free(msg);
    msg = vlog_set_levels_from_string("file:console");
    CHECK_STREQ(msg, "cannot specify multiple destinations");
    free(msg);
    msg = vlog_set_levels_from_string("dbg:info");
    CHECK_STREQ(msg, "cannot specify multiple levels");
    free(msg);
    msg = vlog_set_levels_from_string("PATTERN");
    CHECK_STREQ(msg, "missing destination");
    free(msg);
    msg = vlog_set_levels_from_string("PATTERN:file");
    CHECK_STREQ(msg, "missing pattern");
    free(msg);
    msg = vlog_set_levels_from_string("FACILITY:bogus");
    CHECK_STREQ(msg, "invalid facility");
    free(msg);
    CHECK(!vlog_set_levels_from_string("FACILITY:local3"));
    CHECK(!vlog_set_levels_from_string("ANY:file:info"));
    CHECK(!vlog_is_enabled(THIS_MODULE, VLL_DBG));
    CHECK(vlog_is_enabled(THIS_MODULE, VLL_INFO));

    /* Patterns, each on a line of its own. */
    CHECK(!vlog_set_levels_from_string(
              "PATTERN:file:[%c|%p|%m] %%|%5p|%-5p|%05N|%A|%P"));
    VLOG_INFO("hello %d", 42);
    CHECK(!vlog_set_levels_from_string(
              "PATTERN:file:%D{%Y}.%D{###}|%d|%t|%T|%-12c|%r"));
    VLOG_WARN("second");
    vlog_set_subprogram_name("worker");
    VLOG_WARN("third");
    vlog_set_subprogram_name(NULL);
    VLOG_DBG("not logged");

    /* Rate limiting: a burst of 3, then drops, then a report. */
    CHECK(!vlog_set_levels_from_string("PATTERN:file:%m"));
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(60, 3);
    for (int i = 0; i < 10; i++) {
        VLOG_INFO_RL(&rl, "limited %d", i);
    }
    xsleep_msec(1100);          /* 60/minute: one token per second. */
    VLOG_INFO_RL(&rl, "after pause");

    /* Rate limits off. */
    vlog_set_rate_limits(NULL, false);
    static struct vlog_rate_limit rl2 = VLOG_RATE_LIMIT_INIT(1, 1);
    for (int i = 0; i < 3; i++) {
        VLOG_INFO_RL(&rl2, "unlimited %d", i);
    }

    /* The error hook puts svs_error() messages in the log. */
    svs_error(ENOENT, "an error message");

    /* vlog/list table. */
    char *levels = vlog_get_levels();
    CHECK(str_startswith(levels, "                 console    syslog    "
                         "file\n                 -------    ------    "
                         "------\n"));
    CHECK(strstr(levels, "\ntest_core          OFF        OFF       "
                 "INFO\n"));
    free(levels);

    char *patterns = vlog_get_patterns();
    CHECK(strstr(patterns, "FILE     none                              %m\n"));
    free(patterns);
}

/* Fatal signals. */

static void
write_marker(void *file_)
{
    const char *file = file_;
    int fd = open(file, O_CREAT | O_WRONLY, 0644);
    if (fd >= 0) {
        close(fd);
    }
}

static void
test_fatal_signal(struct svs_cmdl_context *ctx)
{
    /* argv: MODE FILE-TO-UNLINK HOOK-MARKER.  MODE is "signal" (SIGTERM
     * ourselves, handled in poll_block), "fatal" (svs_fatal) or "exit"
     * (plain exit, hook not run, file still unlinked). */
    const char *mode = ctx->argv[1];

    fatal_signal_init();
    fatal_signal_add_file_to_unlink(ctx->argv[2]);
    fatal_signal_add_hook(write_marker, NULL, ctx->argv[3], false);

    if (!strcmp(mode, "signal")) {
        kill(getpid(), SIGTERM);
        for (;;) {
            poll_timer_wait(10000);
            poll_block();
        }
    } else if (!strcmp(mode, "fatal")) {
        svs_fatal(0, "fatal error as requested");
    } else {
        exit(0);
    }
}

/* jsonrpc over streams. */

struct rpc_server {
    struct jsonrpc *rpc;
    pthread_t thread;
    long long int n_notifications;
};

/* Echoes requests back as replies (result = params), counts "count"
 * notifications, exits on "shutdown". */
static void *
rpc_server_main(void *server_)
{
    struct rpc_server *server = server_;

    for (;;) {
        struct jsonrpc_msg *msg;
        int error = jsonrpc_recv(server->rpc, &msg);
        if (!error) {
            if (msg->type == JSONRPC_REQUEST) {
                jsonrpc_send(server->rpc,
                             jsonrpc_create_reply(json_incref(msg->params),
                                                  msg->id));
            } else if (msg->type == JSONRPC_NOTIFY) {
                if (!strcmp(msg->method, "shutdown")) {
                    jsonrpc_msg_destroy(msg);
                    break;
                }
                json_t *n = json_array_get(msg->params, 0);
                CHECK(json_integer_value(n) == server->n_notifications);
                server->n_notifications++;
            }
            jsonrpc_msg_destroy(msg);
            continue;
        } else if (error != EAGAIN) {
            break;
        }
        jsonrpc_run(server->rpc);
        jsonrpc_wait(server->rpc);
        jsonrpc_recv_wait(server->rpc);
        poll_block();
    }
    int error;
    do {
        jsonrpc_run(server->rpc);
        error = jsonrpc_get_status(server->rpc);
        if (!jsonrpc_get_backlog(server->rpc)) {
            break;
        }
        jsonrpc_wait(server->rpc);
        poll_block();
    } while (!error);
    return NULL;
}

/* Feeds 'bytes' to a JSON-RPC receiver and returns what jsonrpc_recv()
 * reports after it has seen them (and, if 'close', end of stream). */
static int
recv_raw(struct pstream *pstream, const char *bytes, bool close_after,
         int *n_msgs)
{
    struct stream *client, *server;
    connect_pair(pstream, &client, &server);

    size_t len = strlen(bytes);
    CHECK(stream_send(client, bytes, len) == len);
    if (close_after) {
        stream_close(client);
        client = NULL;
    }

    struct jsonrpc *rpc = jsonrpc_open(server);
    int error;
    *n_msgs = 0;
    /* Without a close, EAGAIN is the expected end: give the bytes half a
     * second to arrive. */
    long long int deadline = time_msec() + 10000;
    long long int settle = time_msec() + 500;
    for (;;) {
        struct jsonrpc_msg *msg;
        error = jsonrpc_recv(rpc, &msg);
        if (!error) {
            (*n_msgs)++;
            jsonrpc_msg_destroy(msg);
            continue;
        }
        if (error != EAGAIN || (!close_after && time_msec() > settle)) {
            break;
        }
        CHECK(time_msec() < deadline);
        jsonrpc_recv_wait(rpc);
        poll_timer_wait(100);
        poll_block();
    }
    CHECK(jsonrpc_get_status(rpc) == (error == EAGAIN ? 0 : error));
    jsonrpc_close(rpc);
    stream_close(client);
    return error;
}

static void
test_jsonrpc(struct svs_cmdl_context *ctx)
{
    const char *pname = ctx->argv[1];
    int n_msgs = ctx->argc > 2 ? atoi(ctx->argv[2]) : 20000;
    struct pstream *pstream;
    int error = pstream_open(pname, &pstream, 0);
    if (error) {
        svs_abort(error, "%s: pstream_open failed", pname);
    }

    struct stream *cstream, *sstream;
    connect_pair(pstream, &cstream, &sstream);

    struct rpc_server server = { .rpc = jsonrpc_open(sstream) };
    pthread_create(&server.thread, NULL, rpc_server_main, &server);

    struct jsonrpc *client = jsonrpc_open(cstream);
    CHECK_STREQ(jsonrpc_get_name(client), stream_get_name(cstream));

    /* A round trip. */
    struct jsonrpc_msg *reply;
    json_t *params = json_array_of(2, json_string("x"), json_integer(7));
    json_t *expect = json_deep_copy(params);
    error = jsonrpc_transact_block(
        client, jsonrpc_create_request("echo", params, NULL), &reply);
    CHECK(!error);
    CHECK(reply->type == JSONRPC_REPLY);
    CHECK(json_equal(reply->result, expect));
    jsonrpc_msg_destroy(reply);
    json_decref(expect);

    /* Many notifications, in order, without blocking the sender. */
    long long int start = time_msec();
    for (int i = 0; i < n_msgs; i++) {
        json_t *p = json_array_of(2, json_integer(i),
                                  json_string("some payload text"));
        CHECK(!jsonrpc_send(client, jsonrpc_create_notify("count", p)));
        if (i % 1000 == 0) {
            jsonrpc_run(client);
        }
    }
    /* Pipelined requests: all replies come back, in order. */
    json_t *ids[100];
    for (int i = 0; i < 100; i++) {
        json_t *p = json_array_of(1, json_integer(i));
        jsonrpc_send(client, jsonrpc_create_request("echo", p, &ids[i]));
    }
    for (int i = 0; i < 100; i++) {
        CHECK(!jsonrpc_recv_block(client, &reply));
        CHECK(reply->type == JSONRPC_REPLY);
        CHECK(json_equal(reply->id, ids[i]));
        CHECK(json_integer_value(json_array_get(reply->result, 0)) == i);
        jsonrpc_msg_destroy(reply);
        json_decref(ids[i]);
    }
    long long int elapsed = time_msec() - start;
    printf("%d notifications + 100 requests in %lld ms\n", n_msgs, elapsed);

    /* A big message. */
    struct ds big = DS_EMPTY_INITIALIZER;
    for (int i = 0; i < 200000; i++) {
        ds_put_format(&big, "%d,", i);
    }
    expect = json_array_of(1, json_string(ds_cstr(&big)));
    error = jsonrpc_transact_block(
        client, jsonrpc_create_request("echo", json_deep_copy(expect), NULL),
        &reply);
    CHECK(!error && json_equal(reply->result, expect));
    jsonrpc_msg_destroy(reply);
    json_decref(expect);
    ds_destroy(&big);

    CHECK(!jsonrpc_send_block(client,
                              jsonrpc_create_notify("shutdown",
                                                    json_array())));
    pthread_join(server.thread, NULL);
    CHECK(server.n_notifications == n_msgs);
    CHECK(jsonrpc_get_backlog(client) == 0);
    CHECK(jsonrpc_get_received_bytes(client) > 0);
    jsonrpc_close(server.rpc);

    /* The peer's close is EOF. */
    struct jsonrpc_msg *msg;
    CHECK(jsonrpc_recv_block(client, &msg) == EOF);
    CHECK(jsonrpc_get_status(client) == EOF);
    CHECK(jsonrpc_send(client, jsonrpc_create_notify("x", json_array()))
          == EOF);
    jsonrpc_close(client);

    /* Malformed input is a protocol error, never a crash. */
    int n;
    CHECK(recv_raw(pstream, "xyz", false, &n) == EPROTO && n == 0);
    CHECK(recv_raw(pstream, "[1,2]", false, &n) == EPROTO && n == 0);
    CHECK(recv_raw(pstream, "{\"id\":1}", false, &n) == EPROTO && n == 0);
    CHECK(recv_raw(pstream, "{\"method\":\"a\",\"params\":[]}{\"bad\":1}",
                   false, &n) == EPROTO && n == 1);
    CHECK(recv_raw(pstream, "{\"method\":\"a\",\"params\":[]} [1,",
                   true, &n) == EOF && n == 1);
    CHECK(recv_raw(pstream, "{\"method\":\"a\",\"params\":[]}\n", true, &n)
          == EOF && n == 1);
    CHECK(recv_raw(pstream, "{\"a\":\"\\x\"}", false, &n) == EPROTO);
    CHECK(recv_raw(pstream, "{\"method\":\"a\",\"params\":[]}"
                   "{\"method\":\"b\",\"params\":[1]}"
                   "{\"method\":\"c\",\"params\":[2]}", false, &n) == EAGAIN
          && n == 3);

    pstream_close(pstream);
}

/* Feeds 'argv[2]' random inputs (seeded with 'argv[1]') to jsonrpc_recv()
 * over socketpairs: fragments of valid messages, random bytes, truncated
 * and deeply nested values.  Every input must end in valid messages
 * followed by EOF or EPROTO, never a crash or a hang. */
static void
test_jsonrpc_fuzz(struct svs_cmdl_context *ctx)
{
    static const char *const pieces[] = {
        "{\"method\":\"echo\",\"params\":[],\"id\":1}",
        "{\"method\":\"update\",\"params\":[null,{\"a\":[1,2.5e9]}]}",
        "{\"id\":\"x\",\"result\":{\"k\":\"\\\"}\"},\"error\":null}",
        "{\"id\":[],\"error\":\"bad\"}",
        "[1]", "{}", "{\"id\":1}", "{\"method\":7,\"params\":[]}",
        "\"str\"", "123", "nul", "{\"a\":}", "{\"\\u12\":1}", "]", "}",
        "\n", " ", "\"\\", "{\"method\":\"m\",\"params\":[\"\xff\xfe\"]}",
    };
    unsigned int seed, n;
    CHECK(str_to_uint(ctx->argv[1], 10, &seed));
    CHECK(str_to_uint(ctx->argv[2], 10, &n));
    random_set_seed(seed);

    unsigned int n_ok = 0, n_eof = 0, n_proto = 0;
    for (unsigned int trial = 0; trial < n; trial++) {
        struct ds input = DS_EMPTY_INITIALIZER;
        int n_pieces = random_range(8) + 1;
        for (int i = 0; i < n_pieces; i++) {
            switch (random_range(4)) {
            case 0:
            case 1:
                ds_put_cstr(&input,
                            pieces[random_range(ARRAY_SIZE(pieces))]);
                break;
            case 2: {
                int len = random_range(64);
                for (int j = 0; j < len; j++) {
                    ds_put_char(&input, random_range(256));
                }
                break;
            }
            case 3: {
                int depth = random_range(5000);
                ds_put_char_multiple(&input, '[', depth);
                if (random_range(2)) {
                    ds_put_char_multiple(&input, ']', depth);
                }
                break;
            }
            }
        }

        int fds[2];
        CHECK(!socketpair(AF_UNIX, SOCK_STREAM, 0, fds));
        CHECK(!set_nonblocking(fds[1]));
        CHECK(!write_fully(fds[0], input.string, input.length, NULL));
        close(fds[0]);

        struct stream *stream;
        CHECK(!new_fd_stream("fuzz", fds[1], 0, AF_UNIX, &unix_stream_class,
                             &stream));
        struct jsonrpc *rpc = jsonrpc_open(stream);
        if (random_range(2)) {
            jsonrpc_set_max_msg_size(rpc, random_range(200) + 1);
        }
        int error;
        for (;;) {
            struct jsonrpc_msg *msg;
            error = jsonrpc_recv(rpc, &msg);
            if (!error) {
                CHECK(!jsonrpc_msg_is_valid(msg));
                jsonrpc_msg_destroy(msg);
                n_ok++;
            } else if (error != EAGAIN) {
                break;
            }
        }
        CHECK(error == EOF || error == EPROTO);
        n_eof += error == EOF;
        n_proto += error == EPROTO;
        jsonrpc_close(rpc);
        ds_destroy(&input);
    }
    printf("%u messages, %u EOF, %u EPROTO\n", n_ok, n_eof, n_proto);
}

/* Sessions. */

static void
run_session(struct jsonrpc_session *s)
{
    jsonrpc_session_run(s);
    jsonrpc_session_wait(s);
    jsonrpc_session_recv_wait(s);
}

static void
test_session(struct svs_cmdl_context *ctx)
{
    const char *dir = ctx->argv[1];
    char *path = xasprintf("%s/session.sock", dir);
    char *cname = xasprintf("unix:%s", path);
    char *pname = xasprintf("punix:%s", path);

    /* The client starts before the server exists and keeps trying. */
    struct jsonrpc_session *s = jsonrpc_session_open(cname, true);
    jsonrpc_session_set_backoff(s, 100, 200);
    CHECK(jsonrpc_session_is_alive(s));
    CHECK(!jsonrpc_session_is_connected(s));
    CHECK_STREQ(jsonrpc_session_get_name(s), cname);
    unsigned int seqno0 = jsonrpc_session_get_seqno(s);

    for (int i = 0; i < 5; i++) {
        run_session(s);
        poll_timer_wait(50);
        poll_block();
    }
    CHECK(!jsonrpc_session_is_connected(s));
    CHECK(jsonrpc_session_get_last_error(s) == ENOENT);
    CHECK(jsonrpc_session_send(s, jsonrpc_create_notify("x", json_array()))
          == ENOTCONN);

    struct pstream *pstream;
    CHECK(!pstream_open(pname, &pstream, 0));
    struct stream *sstream = NULL;
    long long int deadline = time_msec() + 10000;
    for (;;) {
        CHECK(time_msec() < deadline);
        if (!sstream) {
            pstream_accept(pstream, &sstream);
        }
        jsonrpc_session_run(s);
        if (jsonrpc_session_is_connected(s) && sstream) {
            break;
        }
        jsonrpc_session_wait(s);
        pstream_wait(pstream);
        poll_block();
    }
    unsigned int seqno1 = jsonrpc_session_get_seqno(s);
    CHECK(seqno1 != seqno0);
    struct jsonrpc *server = jsonrpc_open(sstream);

    /* The server's echo request is answered by the session itself. */
    json_t *params = json_array_of(1, json_string("ping"));
    CHECK(!jsonrpc_send(server, jsonrpc_create_request_with_id(
                            "echo", json_incref(params),
                            json_string("srv-echo"))));
    CHECK(!jsonrpc_session_send(
              s, jsonrpc_create_notify("hello", json_array())));
    bool got_echo_reply = false, got_hello = false;
    deadline = time_msec() + 10000;
    while (!got_echo_reply || !got_hello) {
        CHECK(time_msec() < deadline);
        struct jsonrpc_msg *msg = jsonrpc_session_recv(s);
        CHECK(!msg);    /* The echo never reaches the application. */
        jsonrpc_run(server);
        int error = jsonrpc_recv(server, &msg);
        if (!error) {
            if (msg->type == JSONRPC_REPLY) {
                CHECK_STREQ(json_string_value(msg->id), "srv-echo");
                CHECK(json_equal(msg->result, params));
                got_echo_reply = true;
            } else {
                CHECK_STREQ(msg->method, "hello");
                got_hello = true;
            }
            jsonrpc_msg_destroy(msg);
            continue;
        }
        CHECK(error == EAGAIN);
        run_session(s);
        jsonrpc_wait(server);
        jsonrpc_recv_wait(server);
        poll_block();
    }
    json_decref(params);

    /* Messages from the server reach the application. */
    jsonrpc_send(server, jsonrpc_create_notify("update", json_array()));
    struct jsonrpc_msg *msg = NULL;
    deadline = time_msec() + 10000;
    while (!(msg = jsonrpc_session_recv(s))) {
        CHECK(time_msec() < deadline);
        jsonrpc_run(server);
        jsonrpc_wait(server);
        run_session(s);
        poll_block();
    }
    CHECK_STREQ(msg->method, "update");
    jsonrpc_msg_destroy(msg);

    /* With automatic echo replies off, the application sees echo. */
    jsonrpc_session_set_answer_echo(s, false);
    jsonrpc_send(server, jsonrpc_create_request_with_id(
                     "echo", json_array(), json_string("app-echo")));
    deadline = time_msec() + 10000;
    while (!(msg = jsonrpc_session_recv(s))) {
        CHECK(time_msec() < deadline);
        jsonrpc_run(server);
        jsonrpc_wait(server);
        run_session(s);
        poll_block();
    }
    CHECK(msg->type == JSONRPC_REQUEST);
    CHECK_STREQ(msg->method, "echo");
    CHECK_STREQ(json_string_value(msg->id), "app-echo");
    jsonrpc_msg_destroy(msg);
    jsonrpc_session_set_answer_echo(s, true);

    /* Inactivity probes: with an interval set, the session sends an echo
     * request; a server that ignores it gets disconnected. */
    jsonrpc_session_set_probe_interval(s, 1000);
    bool got_probe = false;
    deadline = time_msec() + 10000;
    while (jsonrpc_session_is_connected(s)) {
        CHECK(time_msec() < deadline);
        msg = jsonrpc_session_recv(s);
        CHECK(!msg);
        int error = jsonrpc_recv(server, &msg);
        if (!error) {
            CHECK(msg->type == JSONRPC_REQUEST);
            CHECK_STREQ(msg->method, "echo");
            CHECK_STREQ(json_string_value(msg->id), "echo");
            got_probe = true;
            jsonrpc_msg_destroy(msg);
            continue;
        }
        run_session(s);
        jsonrpc_recv_wait(server);
        poll_block();
    }
    CHECK(got_probe);
    CHECK(jsonrpc_session_get_seqno(s) != seqno1);
    jsonrpc_close(server);

    /* It reconnects by itself. */
    jsonrpc_session_set_probe_interval(s, 0);
    sstream = NULL;
    deadline = time_msec() + 10000;
    for (;;) {
        CHECK(time_msec() < deadline);
        if (!sstream) {
            pstream_accept(pstream, &sstream);
        }
        jsonrpc_session_run(s);
        if (jsonrpc_session_is_connected(s) && sstream) {
            break;
        }
        jsonrpc_session_wait(s);
        pstream_wait(pstream);
        poll_block();
    }
    struct reconnect_stats stats;
    jsonrpc_session_get_reconnect_stats(s, &stats);
    CHECK(stats.n_successful_connections == 2);
    CHECK(stats.is_connected);

    /* The server closes: the session notices. */
    stream_close(sstream);
    deadline = time_msec() + 10000;
    while (jsonrpc_session_is_connected(s)) {
        CHECK(time_msec() < deadline);
        CHECK(!jsonrpc_session_recv(s));
        run_session(s);
        poll_block();
    }
    CHECK(jsonrpc_session_get_last_error(s) == EOF);
    CHECK(jsonrpc_session_is_alive(s));
    jsonrpc_session_close(s);
    pstream_close(pstream);

    /* A session that does not retry dies after one failure. */
    s = jsonrpc_session_open(cname, false);
    deadline = time_msec() + 10000;
    for (;;) {
        CHECK(time_msec() < deadline);
        jsonrpc_session_run(s);
        if (!jsonrpc_session_is_alive(s)) {
            break;
        }
        jsonrpc_session_wait(s);
        poll_block();
    }
    jsonrpc_session_close(s);

    /* A passive session accepts a client. */
    s = jsonrpc_session_open(pname, true);
    run_session(s);
    struct stream *cstream;
    deadline = time_msec() + 10000;
    while (stream_open(cname, &cstream, 0)) {
        CHECK(time_msec() < deadline);
        run_session(s);
        poll_timer_wait(10);
        poll_block();
    }
    struct jsonrpc *client = jsonrpc_open(cstream);
    jsonrpc_send(client, jsonrpc_create_notify("from-client",
                                               json_array()));
    deadline = time_msec() + 10000;
    while (!(msg = jsonrpc_session_recv(s))) {
        CHECK(time_msec() < deadline);
        jsonrpc_run(client);
        jsonrpc_wait(client);
        run_session(s);
        poll_block();
    }
    CHECK_STREQ(msg->method, "from-client");
    jsonrpc_msg_destroy(msg);
    jsonrpc_close(client);
    jsonrpc_session_close(s);

    free(path);
    free(cname);
    free(pname);
}

/* SSL peers in separate processes (each with its own configuration). */

/* Accepts connections on 'argv[1]' one at a time and echoes each one's
 * bytes back until it closes.  Prints "port N" once listening and
 * "peer CN" for each connection that completes its handshake. */
static void
test_echo_server(struct svs_cmdl_context *ctx)
{
    struct pstream *pstream;
    int error = pstream_open(ctx->argv[1], &pstream, 0);
    if (error) {
        svs_fatal(error, "%s: listen failed", ctx->argv[1]);
    }
    printf("port %u\n", pstream_get_bound_port(pstream));
    fflush(stdout);

    for (;;) {
        struct stream *stream;
        error = pstream_accept_block(pstream, &stream);
        if (error) {
            continue;
        }

        bool reported = false;
        char buf[4096];
        for (;;) {
            ssize_t n = stream_recv(stream, buf, sizeof buf);
            if (!reported && !stream_connect(stream)) {
                const char *peer = stream_get_peer_id(stream);
                printf("peer %s\n", peer ? peer : "(none)");
                fflush(stdout);
                reported = true;
            }
            if (n > 0) {
                size_t done = 0;
                while (done < n) {
                    ssize_t m = stream_send(stream, buf + done, n - done);
                    if (m > 0) {
                        done += m;
                    } else if (m != -EAGAIN) {
                        break;
                    } else {
                        stream_run(stream);
                        stream_run_wait(stream);
                        stream_send_wait(stream);
                        poll_block();
                    }
                }
                continue;
            } else if (n != -EAGAIN) {
                break;
            }
            stream_run(stream);
            stream_run_wait(stream);
            stream_recv_wait(stream);
            poll_block();
        }
        stream_close(stream);
    }
}

/* Connects to 'argv[1]', sends 'argv[2]', and prints what comes back. */
static void
test_echo_client(struct svs_cmdl_context *ctx)
{
    const char *text = ctx->argv[2];
    size_t len = strlen(text);
    struct stream *stream;
    int error = stream_open_block(stream_open(ctx->argv[1], &stream, 0),
                                  10000, &stream);
    if (error) {
        svs_fatal(error, "%s: connection failed", ctx->argv[1]);
    }

    size_t sent = 0, received = 0;
    char *buf = xmalloc(len + 1);
    long long int deadline = time_msec() + 10000;
    while (received < len) {
        if (time_msec() > deadline) {
            svs_fatal(0, "%s: timeout", ctx->argv[1]);
        }
        stream_run(stream);
        if (sent < len) {
            ssize_t n = stream_send(stream, text + sent, len - sent);
            if (n > 0) {
                sent += n;
            } else if (n != -EAGAIN) {
                svs_fatal(-n, "%s: send failed", ctx->argv[1]);
            }
        }
        ssize_t n = stream_recv(stream, buf + received, len - received);
        if (n > 0) {
            received += n;
            continue;
        } else if (n == 0) {
            svs_fatal(0, "%s: connection closed by peer", ctx->argv[1]);
        } else if (n != -EAGAIN) {
            svs_fatal(-n, "%s: receive failed", ctx->argv[1]);
        }
        stream_run_wait(stream);
        stream_recv_wait(stream);
        if (sent < len) {
            stream_send_wait(stream);
        }
        poll_timer_wait(100);
        poll_block();
    }
    buf[len] = '\0';
    const char *peer = stream_get_peer_id(stream);
    printf("%s\npeer %s\n", buf, peer ? peer : "(none)");
    free(buf);
    stream_close(stream);
}

/* Connects to 'argv[1]' with a JSON-RPC session, sends request
 * 'argv[2]' with params 'argv[3]' (JSON), and prints the reply as JSON
 * with sorted keys. */
static void
test_transact(struct svs_cmdl_context *ctx)
{
    char *error_s;
    json_t *params = json_from_string_err(ctx->argv[3], &error_s);
    if (!params) {
        svs_fatal(0, "%s: %s", ctx->argv[3], error_s);
    }

    struct jsonrpc_session *s = jsonrpc_session_open(ctx->argv[1], false);
    long long int deadline = time_msec() + 10000;
    for (;;) {
        jsonrpc_session_run(s);
        if (jsonrpc_session_is_connected(s)) {
            break;
        }
        if (!jsonrpc_session_is_alive(s) || time_msec() > deadline) {
            int error = jsonrpc_session_get_last_error(s);
            jsonrpc_session_close(s);
            json_decref(params);
            svs_fatal(error, "%s: connection failed", ctx->argv[1]);
        }
        jsonrpc_session_wait(s);
        poll_block();
    }

    json_t *id;
    jsonrpc_session_send(s, jsonrpc_create_request(ctx->argv[2], params,
                                                   &id));
    for (;;) {
        jsonrpc_session_run(s);
        struct jsonrpc_msg *msg = jsonrpc_session_recv(s);
        if (msg) {
            if ((msg->type == JSONRPC_REPLY || msg->type == JSONRPC_ERROR)
                && json_equal(msg->id, id)) {
                json_t *json = jsonrpc_msg_to_json(msg);
                char *text = json_to_string(json, JSSF_SORT);
                puts(text);
                free(text);
                json_decref(json);
                break;
            }
            jsonrpc_msg_destroy(msg);
            continue;
        }
        if (!jsonrpc_session_is_connected(s) || time_msec() > deadline) {
            int error = jsonrpc_session_get_last_error(s);
            jsonrpc_session_close(s);
            json_decref(id);
            svs_fatal(error, "%s: no reply", ctx->argv[1]);
        }
        jsonrpc_session_wait(s);
        jsonrpc_session_recv_wait(s);
        poll_block();
    }
    json_decref(id);
    jsonrpc_session_close(s);
}

/* Checks that SSL settings changed at run time apply to new
 * connections.  'argv[1]' is a directory with ca, rogue, server and evil
 * (signed by rogue) keys and certificates, 'argv[2]' a scratch
 * directory. */
static bool
ssl_pair_works(struct pstream *pstream)
{
    struct stream *client, *server;
    int error = try_connect_pair(pstream, &client, &server);
    if (!error) {
        transfer(client, server, 1000, 7);
        stream_close(client);
        stream_close(server);
    }
    return !error;
}

static void
copy_file(const char *src, const char *dst)
{
    char *contents;
    size_t len;

    CHECK(!read_whole_file(src, &contents, &len));
    char *tmp = xasprintf("%s.tmp", dst);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK(!write_fully(fd, contents, len, NULL));
    close(fd);
    CHECK(!rename(tmp, dst));
    free(tmp);
    free(contents);
}

static void
test_ssl_reconfig(struct svs_cmdl_context *ctx)
{
    const char *pki = ctx->argv[1];
    const char *dir = ctx->argv[2];
    char *ca = xasprintf("%s/ca-cert.pem", pki);
    char *rogue = xasprintf("%s/rogue-cert.pem", pki);
    char *server_key = xasprintf("%s/server-key.pem", pki);
    char *server_cert = xasprintf("%s/server-cert.pem", pki);
    char *evil_key = xasprintf("%s/evil-key.pem", pki);
    char *evil_cert = xasprintf("%s/evil-cert.pem", pki);
    char *current_ca = xasprintf("%s/current-ca.pem", dir);

    CHECK(!stream_ssl_is_configured());
    stream_ssl_set_key_and_cert(server_key, server_cert);
    stream_ssl_set_ca_cert_file(ca, false);
    CHECK(stream_ssl_is_configured());

    struct pstream *pstream;
    CHECK(!pstream_open("pssl:0:127.0.0.1", &pstream, 0));
    CHECK(ssl_pair_works(pstream));

    /* Trusting only another CA: our own certificate is now rejected. */
    stream_ssl_set_ca_cert_file(rogue, false);
    CHECK(!ssl_pair_works(pstream));
    /* Setting the same thing again is harmless. */
    stream_ssl_set_ca_cert_file(rogue, false);
    CHECK(!ssl_pair_works(pstream));

    /* A key and certificate from that CA work again. */
    stream_ssl_set_key_and_cert(evil_key, evil_cert);
    CHECK(ssl_pair_works(pstream));

    /* Back to the first key and CA, through separate setters. */
    stream_ssl_set_certificate_file(server_cert);
    stream_ssl_set_private_key_file(server_key);
    copy_file(ca, current_ca);
    stream_ssl_set_ca_cert_file(current_ca, false);
    CHECK(ssl_pair_works(pstream));

    /* The same file name with new contents is reloaded. */
    xsleep_msec(20);
    copy_file(rogue, current_ca);
    stream_ssl_set_ca_cert_file(current_ca, false);
    CHECK(!ssl_pair_works(pstream));
    xsleep_msec(20);
    copy_file(ca, current_ca);
    stream_ssl_set_ca_cert_file(current_ca, false);
    CHECK(ssl_pair_works(pstream));

    /* Protocols. */
    CHECK(stream_ssl_set_protocols("TLSv1.2") == 0);
    CHECK(ssl_pair_works(pstream));
    CHECK(stream_ssl_set_protocols("TLSv1.3,TLSv1.2") == 0);
    CHECK(stream_ssl_set_protocols("SSLv3") == EINVAL);
    CHECK(stream_ssl_set_ciphers("NO-SUCH-CIPHER") == EINVAL);
    CHECK(ssl_pair_works(pstream));

    pstream_close(pstream);
    free(ca);
    free(rogue);
    free(server_key);
    free(server_cert);
    free(evil_key);
    free(evil_cert);
    free(current_ca);
}

/* heap-thp: after heap_thp_enable() and growth, every heap mapping above
 * the start of the advised range carries the huge page advice ("hg" in
 * /proc/self/smaps), growth after heap_thp_run() included.  Prints
 * "heap not grown" where malloc does not use the brk heap (sanitizers). */
static void
test_heap_thp(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    char *start = sbrk(0);
    CHECK(heap_thp_enable(4 << 20));
    char *after_enable = sbrk(0);

    /* 16 MB in small blocks: the heap grows past the first pad. */
    enum { N = 16 * 1024 };
    void **blocks = xmalloc(N * sizeof *blocks);
    for (size_t i = 0; i < N; i++) {
        blocks[i] = xmalloc(1000);
        memset(blocks[i], 1, 1000);
    }
    heap_thp_run();
    char *end = sbrk(0);
    if (end == start) {
        printf("heap not grown\n");
    } else {
        CHECK(after_enable > start);
        CHECK(end > after_enable);

        /* Every [heap] mapping that overlaps [start, end) is advised. */
        FILE *f = fopen("/proc/self/smaps", "r");
        CHECK(f);
        char line[512];
        uintptr_t lo = 0, hi = 0;
        bool in_heap = false;
        int n_heap = 0, n_advised = 0;
        while (fgets(line, sizeof line, f)) {
            unsigned long a, b;
            if (sscanf(line, "%lx-%lx ", &a, &b) == 2 && strchr(line, ' ')) {
                lo = a;
                hi = b;
                in_heap = (strstr(line, "[heap]") != NULL
                           && hi > (uintptr_t) start && lo < (uintptr_t) end);
                if (in_heap) {
                    n_heap++;
                }
            } else if (in_heap && !strncmp(line, "VmFlags:", 8)) {
                n_advised += strstr(line, " hg") != NULL;
            }
        }
        fclose(f);
        printf("heap mappings %d advised %d\n", n_heap, n_advised);
        CHECK(n_heap > 0 && n_advised == n_heap);
    }
    for (size_t i = 0; i < N; i++) {
        free(blocks[i]);
    }
    free(blocks);
    /* After trimming and growing again, the new part is advised too. */
    heap_thp_run();
}

static void
test_help(struct svs_cmdl_context *ctx SVS_UNUSED);

static const struct svs_cmdl_command commands[] = {
    { "timeval", NULL, 0, 0, test_timeval },
    { "poll-loop", NULL, 0, 0, test_poll_loop },
    { "latch", NULL, 0, 0, test_latch },
    { "json-parser", NULL, 0, 0, test_json_parser },
    { "reconnect", NULL, 0, 0, test_reconnect },
    { "jsonrpc-msg", NULL, 0, 0, test_jsonrpc_msg },
    { "jsonrpc", "PSTREAM [N]", 1, 2, test_jsonrpc },
    { "jsonrpc-fuzz", "SEED N", 2, 2, test_jsonrpc_fuzz },
    { "session", "DIR", 1, 1, test_session },
    { "stream", "PSTREAM", 1, 1, test_stream },
    { "stream-errors", "DIR", 1, 1, test_stream_errors },
    { "socket-util", NULL, 0, 0, test_socket_util },
    { "dirs", NULL, 0, 0, test_dirs },
    { "command-line", NULL, 0, 0, test_command_line },
    { "heap-thp", NULL, 0, 0, test_heap_thp },
    { "vlog", "LOGFILE", 1, 1, test_vlog },
    { "fatal-signal", "MODE FILE MARKER", 3, 3, test_fatal_signal },
    { "echo-server", "PSTREAM", 1, 1, test_echo_server },
    { "echo-client", "STREAM TEXT", 2, 2, test_echo_client },
    { "transact", "REMOTE METHOD PARAMS", 3, 3, test_transact },
    { "ssl-reconfig", "PKI DIR", 2, 2, test_ssl_reconfig },
    { "help", NULL, 0, 0, test_help },
    { NULL, NULL, 0, 0, NULL },
};

static void
test_help(struct svs_cmdl_context *ctx SVS_UNUSED)
{
    svs_cmdl_print_commands(commands);
}

static void usage(void) SVS_NO_RETURN;

static void
usage(void)
{
    printf("%s: core unit tests\nusage: %s [OPTIONS] COMMAND [ARG...]\n",
           program_name, program_name);
    svs_cmdl_print_commands(commands);
    exit(EXIT_SUCCESS);
}

int
main(int argc, char *argv[])
{
    enum {
        OPT_DUMMY = UCHAR_MAX + 1,
        STREAM_SSL_OPTION_ENUMS,
    };
    static const struct option long_options[] = {
        STREAM_SSL_LONG_OPTIONS,
        SVS_CMDL_STD_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };

    set_program_name(argv[0]);
    fatal_ignore_sigpipe();
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);
    vlog_set_levels(NULL, VLF_SYSLOG, VLL_OFF);

    char *short_options_ = long_options_to_short_options(long_options);
    char *short_options = xasprintf("+%s", short_options_);
    free(short_options_);
    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        STREAM_SSL_OPTION_HANDLERS
        SVS_CMDL_STD_OPTION_HANDLERS
        default:
            abort();
        }
    }
    free(short_options);

    struct svs_cmdl_context ctx = {
        .argc = argc - optind,
        .argv = argv + optind,
    };
    svs_cmdl_run_command(&ctx, commands);
    return 0;
}
