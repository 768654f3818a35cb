/* jsonrpc.c: JSON-RPC messages, connections and sessions. */
#include <config.h>
#include "jsonrpc.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "poll-loop.h"
#include "reconnect.h"
#include "socket-util.h"
#include "stream.h"
#include "svec.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(jsonrpc);

/* Bytes read from the stream per recv call. */
#define INPUT_BUFFER_SIZE 65536

/* Queued output above this many bytes is written without waiting for
 * the next jsonrpc_run(). */
#define CORK_LIMIT 65536

/* Maximum messages parsed by one jsonrpc_recv() call before it returns
 * EAGAIN to let other connections run. */
#define MAX_MSGS_PER_RECV_CALL 50

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);

/* Messages. */

const char *
jsonrpc_msg_type_to_string(enum jsonrpc_msg_type type)
{
    switch (type) {
    case JSONRPC_REQUEST:
        return "request";
    case JSONRPC_NOTIFY:
        return "notification";
    case JSONRPC_REPLY:
        return "reply";
    case JSONRPC_ERROR:
        return "error";
    }
    return "(unknown)";
}

static struct jsonrpc_msg *
jsonrpc_create(enum jsonrpc_msg_type type, const char *method,
               json_t *params, json_t *result, json_t *error, json_t *id)
{
    struct jsonrpc_msg *msg = xmalloc(sizeof *msg);

    msg->type = type;
    msg->method = method ? xstrdup(method) : NULL;
    msg->params = params;
    msg->result = result;
    msg->error = error;
    msg->id = id;
    return msg;
}

static json_t *
jsonrpc_create_id(void)
{
    static unsigned int next_id;
    unsigned int id = __atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED);
    json_t *json = json_integer(id);

    if (!json) {
        svs_abort(0, "out of memory");
    }
    return json;
}

struct jsonrpc_msg *
jsonrpc_create_request(const char *method, json_t *params, json_t **idp)
{
    json_t *id = jsonrpc_create_id();

    if (idp) {
        *idp = json_incref(id);
    }
    return jsonrpc_create(JSONRPC_REQUEST, method, params, NULL, NULL, id);
}

struct jsonrpc_msg *
jsonrpc_create_request_with_id(const char *method, json_t *params,
                               json_t *id)
{
    return jsonrpc_create(JSONRPC_REQUEST, method, params, NULL, NULL, id);
}

struct jsonrpc_msg *
jsonrpc_create_notify(const char *method, json_t *params)
{
    return jsonrpc_create(JSONRPC_NOTIFY, method, params, NULL, NULL, NULL);
}

struct jsonrpc_msg *
jsonrpc_create_reply(json_t *result, const json_t *id)
{
    return jsonrpc_create(JSONRPC_REPLY, NULL, NULL, result, NULL,
                          json_incref((json_t *) id));
}

struct jsonrpc_msg *
jsonrpc_create_error(json_t *error, const json_t *id)
{
    return jsonrpc_create(JSONRPC_ERROR, NULL, NULL, NULL, error,
                          json_incref((json_t *) id));
}

static json_t *
json_ref_or_null(json_t *json)
{
    return json ? json_incref(json) : NULL;
}

struct jsonrpc_msg *
jsonrpc_msg_clone(const struct jsonrpc_msg *old)
{
    return jsonrpc_create(old->type, old->method,
                          json_ref_or_null(old->params),
                          json_ref_or_null(old->result),
                          json_ref_or_null(old->error),
                          json_ref_or_null(old->id));
}

void
jsonrpc_msg_destroy(struct jsonrpc_msg *msg)
{
    if (msg) {
        free(msg->method);
        json_decref(msg->params);
        json_decref(msg->result);
        json_decref(msg->error);
        json_decref(msg->id);
        free(msg);
    }
}

/* Checks that 'value' is present iff 'required'. */
static char *
check_member(enum jsonrpc_msg_type type, const char *name, bool present,
             bool required)
{
    if (present != required) {
        return xasprintf("%s must%s have \"%s\"",
                         jsonrpc_msg_type_to_string(type),
                         required ? "" : " not", name);
    }
    return NULL;
}

char *
jsonrpc_msg_is_valid(const struct jsonrpc_msg *m)
{
    bool method = false, params = false, result = false, error = false;
    bool id = false;
    char *msg;

    switch (m->type) {
    case JSONRPC_REQUEST:
        method = params = id = true;
        break;
    case JSONRPC_NOTIFY:
        method = params = true;
        break;
    case JSONRPC_REPLY:
        result = id = true;
        break;
    case JSONRPC_ERROR:
        error = id = true;
        break;
    default:
        return xstrdup("invalid JSON-RPC message type");
    }

    if ((msg = check_member(m->type, "method", m->method != NULL, method))
        || (msg = check_member(m->type, "params", m->params != NULL,
                               params))
        || (msg = check_member(m->type, "result", m->result != NULL,
                               result))
        || (msg = check_member(m->type, "error", m->error != NULL, error))
        || (msg = check_member(m->type, "id", m->id != NULL, id))) {
        return msg;
    }
    if (m->params && !json_is_array(m->params)) {
        return xstrdup("\"params\" must be JSON array");
    }
    return NULL;
}

/* Returns 'json' itself, or NULL (dropping the reference) if it is the
 * JSON null value. */
static json_t *
null_to_c(json_t *json)
{
    if (json && json_is_null(json)) {
        json_decref(json);
        return NULL;
    }
    return json;
}

char *
jsonrpc_msg_from_json(json_t *json, struct jsonrpc_msg **msgp)
{
    json_t *method = NULL, *params = NULL, *result = NULL, *error = NULL;
    json_t *id = NULL;
    char *problem = NULL;

    *msgp = NULL;
    if (!json_is_object(json)) {
        problem = xstrdup("message is not a JSON object");
        goto exit;
    }

    const char *key;
    json_t *value;
    json_object_foreach (json, key, value) {
        json_t **slot = (!strcmp(key, "method") ? &method
                         : !strcmp(key, "params") ? &params
                         : !strcmp(key, "result") ? &result
                         : !strcmp(key, "error") ? &error
                         : !strcmp(key, "id") ? &id
                         : NULL);
        if (!slot) {
            problem = xasprintf("message has unexpected member \"%s\"", key);
            goto exit;
        }
        *slot = json_incref(value);
    }

    if (method && !json_is_string(method)) {
        problem = xstrdup("method is not a JSON string");
        goto exit;
    }
    result = null_to_c(result);
    error = null_to_c(error);
    id = null_to_c(id);

    enum jsonrpc_msg_type type = (result ? JSONRPC_REPLY
                                  : error ? JSONRPC_ERROR
                                  : id ? JSONRPC_REQUEST
                                  : JSONRPC_NOTIFY);
    struct jsonrpc_msg *msg = jsonrpc_create(
        type, method ? json_string_value(method) : NULL,
        params, result, error, id);
    params = result = error = id = NULL;

    problem = jsonrpc_msg_is_valid(msg);
    if (problem) {
        jsonrpc_msg_destroy(msg);
    } else {
        *msgp = msg;
    }

exit:
    json_decref(method);
    json_decref(params);
    json_decref(result);
    json_decref(error);
    json_decref(id);
    json_decref(json);
    return problem;
}

json_t *
jsonrpc_msg_to_json(struct jsonrpc_msg *m)
{
    json_t *json = json_object();

    if (m->method) {
        json_object_put(json, "method", json_string(m->method));
    }
    if (m->params) {
        json_object_put(json, "params", m->params);
        m->params = NULL;
    }
    if (m->result) {
        json_object_put(json, "result", m->result);
        m->result = NULL;
    }
    if (m->error) {
        json_object_put(json, "error", m->error);
        m->error = NULL;
    } else if (m->type == JSONRPC_REPLY) {
        json_object_put(json, "error", json_null());
    }
    if (m->id) {
        json_object_put(json, "id", m->id);
        m->id = NULL;
    } else if (m->type == JSONRPC_NOTIFY) {
        json_object_put(json, "id", json_null());
    }
    jsonrpc_msg_destroy(m);
    return json;
}

/* Appends 's' as a JSON string. */
static void
put_json_string(struct ds *out, const char *s)
{
    ds_put_char(out, '"');
    for (; *s; s++) {
        unsigned char c = *s;
        switch (c) {
        case '"':
            ds_put_cstr(out, "\\\"");
            break;
        case '\\':
            ds_put_cstr(out, "\\\\");
            break;
        case '\n':
            ds_put_cstr(out, "\\n");
            break;
        case '\t':
            ds_put_cstr(out, "\\t");
            break;
        case '\r':
            ds_put_cstr(out, "\\r");
            break;
        default:
            if (c < 0x20) {
                ds_put_format(out, "\\u%04x", c);
            } else {
                ds_put_char(out, c);
            }
            break;
        }
    }
    ds_put_char(out, '"');
}

static void
put_member(struct ds *out, const char *name, const json_t *value,
           bool *first)
{
    ds_put_cstr(out, *first ? "{\"" : ",\"");
    ds_put_cstr(out, name);
    ds_put_cstr(out, "\":");
    json_to_ds(value, 0, out);
    *first = false;
}

void
jsonrpc_msg_to_ds(const struct jsonrpc_msg *m, struct ds *out)
{
    bool first = true;

    /* The same members as jsonrpc_msg_to_json(), written directly. */
    put_member(out, "id", m->id, &first);
    if (m->method) {
        ds_put_cstr(out, ",\"method\":");
        put_json_string(out, m->method);
    }
    if (m->params) {
        put_member(out, "params", m->params, &first);
    }
    if (m->result) {
        put_member(out, "result", m->result, &first);
    }
    if (m->error || m->type == JSONRPC_REPLY) {
        put_member(out, "error", m->error, &first);
    }
    ds_put_char(out, '}');
}

char *
jsonrpc_msg_to_string(const struct jsonrpc_msg *m)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_cstr(&s, jsonrpc_msg_type_to_string(m->type));
    if (m->method) {
        ds_put_cstr(&s, ", method=");
        put_json_string(&s, m->method);
    }
    if (m->params) {
        ds_put_cstr(&s, ", params=");
        json_to_ds(m->params, 0, &s);
    }
    if (m->result) {
        ds_put_cstr(&s, ", result=");
        json_to_ds(m->result, 0, &s);
    }
    if (m->error) {
        ds_put_cstr(&s, ", error=");
        json_to_ds(m->error, 0, &s);
    }
    if (m->id) {
        ds_put_cstr(&s, ", id=");
        json_to_ds(m->id, 0, &s);
    }
    return ds_steal_cstr(&s);
}

/* Connections. */

struct jsonrpc {
    struct stream *stream;
    char *name;
    int status;                 /* 0 or sticky error (EOF, errno). */

    /* Input. */
    char *input;                /* INPUT_BUFFER_SIZE bytes. */
    size_t input_pos, input_len;
    struct json_parser *parser;
    size_t max_msg_size;
    unsigned long long int received_bytes;
    jsonrpc_raw_hook *raw_hook;
    void *raw_aux;

    /* Output: bytes [output_pos, output.length) are still to be sent. */
    struct ds output;
    size_t output_pos;
    bool corked;                /* A message was sent since the last
                                 * jsonrpc_run(): batch more. */
    bool blocked;               /* The last send attempt hit EAGAIN. */
};

static void jsonrpc_flush(struct jsonrpc *);

struct jsonrpc *
jsonrpc_open(struct stream *stream)
{
    struct jsonrpc *rpc = xzalloc(sizeof *rpc);

    svs_assert(stream);
    rpc->stream = stream;
    rpc->name = xstrdup(stream_get_name(stream));
    rpc->input = xmalloc(INPUT_BUFFER_SIZE);
    ds_init(&rpc->output);
    return rpc;
}

void
jsonrpc_close(struct jsonrpc *rpc)
{
    if (rpc) {
        /* Give queued messages one last nonblocking chance, so that
         * "send, then close" works whenever the socket has room. */
        jsonrpc_flush(rpc);
        stream_close(rpc->stream);
        json_parser_abort(rpc->parser);
        free(rpc->input);
        ds_destroy(&rpc->output);
        free(rpc->name);
        free(rpc);
    }
}

static void
jsonrpc_error(struct jsonrpc *rpc, int error)
{
    svs_assert(error);
    if (!rpc->status) {
        rpc->status = error;
        ds_destroy(&rpc->output);
        ds_init(&rpc->output);
        rpc->output_pos = 0;
    }
}

size_t
jsonrpc_get_backlog(const struct jsonrpc *rpc)
{
    return rpc->status ? 0 : rpc->output.length - rpc->output_pos;
}

/* Writes as much queued output as the stream takes. */
static void
jsonrpc_flush(struct jsonrpc *rpc)
{
    while (!rpc->status && rpc->output_pos < rpc->output.length) {
        ssize_t n = stream_send(rpc->stream,
                                rpc->output.string + rpc->output_pos,
                                rpc->output.length - rpc->output_pos);
        if (n > 0) {
            rpc->output_pos += n;
            rpc->blocked = false;
        } else if (n == -EAGAIN) {
            rpc->blocked = true;
            break;
        } else {
            int error = n ? -n : EPROTO;
            VLOG_WARN_RL(&rl, "%s: send error: %s", rpc->name,
                         svs_strerror(error));
            jsonrpc_error(rpc, error);
        }
    }

    if (rpc->output_pos >= rpc->output.length) {
        /* Everything sent.  Give back memory after a large burst. */
        if (rpc->output.allocated > 4 * CORK_LIMIT) {
            ds_destroy(&rpc->output);
            ds_init(&rpc->output);
        } else {
            ds_clear(&rpc->output);
        }
        rpc->output_pos = 0;
    } else if (rpc->output_pos >= CORK_LIMIT
               && rpc->output_pos * 2 >= rpc->output.length) {
        /* Slide the unsent tail to the front. */
        size_t left = rpc->output.length - rpc->output_pos;
        memmove(rpc->output.string, rpc->output.string + rpc->output_pos,
                left);
        ds_truncate(&rpc->output, left);
        rpc->output_pos = 0;
    }
}

void
jsonrpc_run(struct jsonrpc *rpc)
{
    if (rpc->status) {
        return;
    }
    stream_run(rpc->stream);
    jsonrpc_flush(rpc);
    if (!jsonrpc_get_backlog(rpc)) {
        rpc->corked = false;
    }
}

void
jsonrpc_wait(struct jsonrpc *rpc)
{
    if (!rpc->status) {
        stream_run_wait(rpc->stream);
        if (jsonrpc_get_backlog(rpc)) {
            stream_send_wait(rpc->stream);
        }
    }
}

int
jsonrpc_get_status(const struct jsonrpc *rpc)
{
    return rpc->status;
}

unsigned long long int
jsonrpc_get_received_bytes(const struct jsonrpc *rpc)
{
    return rpc->received_bytes;
}

const char *
jsonrpc_get_name(const struct jsonrpc *rpc)
{
    return rpc->name;
}

void
jsonrpc_set_max_msg_size(struct jsonrpc *rpc, size_t max_size)
{
    rpc->max_msg_size = max_size;
    if (rpc->parser && !json_parser_has_input(rpc->parser)) {
        json_parser_abort(rpc->parser);
        rpc->parser = NULL;
    }
}

static void
jsonrpc_log_msg(const struct jsonrpc *rpc, const char *title,
                const struct jsonrpc_msg *msg)
{
    if (VLOG_IS_DBG_ENABLED()) {
        char *s = jsonrpc_msg_to_string(msg);
        VLOG_DBG("%s: %s %s", rpc->name, title, s);
        free(s);
    }
}

int
jsonrpc_send(struct jsonrpc *rpc, struct jsonrpc_msg *msg)
{
    if (rpc->status) {
        jsonrpc_msg_destroy(msg);
        return rpc->status;
    }

    jsonrpc_log_msg(rpc, "send", msg);
    jsonrpc_msg_to_ds(msg, &rpc->output);
    jsonrpc_msg_destroy(msg);

    if (!rpc->corked
        || (!rpc->blocked && jsonrpc_get_backlog(rpc) >= CORK_LIMIT)) {
        jsonrpc_flush(rpc);
        rpc->corked = true;
    }
    return rpc->status;
}

/* Turns the complete value in the parser into a message. */
static int
jsonrpc_parse_msg(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    char *error;
    json_t *json = json_parser_finish(rpc->parser, &error);

    if (!json) {
        VLOG_WARN_RL(&rl, "%s: error parsing stream: %s", rpc->name, error);
        free(error);
        jsonrpc_error(rpc, EPROTO);
        return EPROTO;
    }

    error = jsonrpc_msg_from_json(json, msgp);
    if (error) {
        VLOG_WARN_RL(&rl, "%s: received bad JSON-RPC message: %s",
                     rpc->name, error);
        free(error);
        jsonrpc_error(rpc, EPROTO);
        return EPROTO;
    }
    jsonrpc_log_msg(rpc, "received", *msgp);
    return 0;
}

int
jsonrpc_recv(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    *msgp = NULL;
    if (rpc->status) {
        return rpc->status;
    }
    if (jsonrpc_get_backlog(rpc) && !rpc->blocked) {
        jsonrpc_flush(rpc);
    }

    for (int i = 0; i < MAX_MSGS_PER_RECV_CALL * 4; i++) {
        if (rpc->input_pos >= rpc->input_len) {
            ssize_t n = stream_recv(rpc->stream, rpc->input,
                                    INPUT_BUFFER_SIZE);
            if (n < 0) {
                if (n == -EAGAIN) {
                    return EAGAIN;
                }
                VLOG_WARN_RL(&rl, "%s: receive error: %s", rpc->name,
                             svs_strerror(-n));
                jsonrpc_error(rpc, -n);
                return rpc->status;
            } else if (n == 0) {
                if (rpc->parser && json_parser_has_input(rpc->parser)) {
                    VLOG_WARN_RL(&rl, "%s: unexpected end of stream in "
                                 "the middle of a message", rpc->name);
                } else {
                    VLOG_DBG("%s: connection closed by peer", rpc->name);
                }
                jsonrpc_error(rpc, EOF);
                return EOF;
            }
            rpc->input_pos = 0;
            rpc->input_len = n;
            rpc->received_bytes += n;
        }

        if (!rpc->parser) {
            rpc->parser = json_parser_create(rpc->max_msg_size);
        }
        rpc->input_pos += json_parser_feed(rpc->parser,
                                           rpc->input + rpc->input_pos,
                                           rpc->input_len - rpc->input_pos);
        if (json_parser_is_done(rpc->parser)) {
            size_t len;
            const char *text;
            if (rpc->raw_hook
                && (text = json_parser_done_text(rpc->parser, &len))
                && rpc->raw_hook(text, len, rpc->raw_aux)) {
                json_parser_discard(rpc->parser);
                continue;
            }
            return jsonrpc_parse_msg(rpc, msgp);
        }
    }
    return EAGAIN;
}

void
jsonrpc_set_raw_hook(struct jsonrpc *rpc, jsonrpc_raw_hook *hook, void *aux)
{
    rpc->raw_hook = hook;
    rpc->raw_aux = aux;
}

void
jsonrpc_recv_wait(struct jsonrpc *rpc)
{
    if (rpc->status || rpc->input_pos < rpc->input_len) {
        poll_immediate_wake();
    } else {
        stream_recv_wait(rpc->stream);
        if (jsonrpc_get_backlog(rpc)) {
            /* jsonrpc_recv() flushes corked output: wake to do it. */
            stream_send_wait(rpc->stream);
        }
    }
}

int
jsonrpc_send_block(struct jsonrpc *rpc, struct jsonrpc_msg *msg)
{
    int error = jsonrpc_send(rpc, msg);

    if (error) {
        return error;
    }
    for (;;) {
        jsonrpc_run(rpc);
        if (!jsonrpc_get_backlog(rpc) || rpc->status) {
            return rpc->status;
        }
        jsonrpc_wait(rpc);
        poll_block();
    }
}

int
jsonrpc_recv_block(struct jsonrpc *rpc, struct jsonrpc_msg **msgp)
{
    for (;;) {
        int error = jsonrpc_recv(rpc, msgp);
        if (error != EAGAIN) {
            return error;
        }
        jsonrpc_run(rpc);
        jsonrpc_wait(rpc);
        jsonrpc_recv_wait(rpc);
        poll_block();
    }
}

int
jsonrpc_transact_block(struct jsonrpc *rpc, struct jsonrpc_msg *request,
                       struct jsonrpc_msg **replyp)
{
    json_t *id = json_incref(request->id);
    int error;

    *replyp = NULL;
    error = jsonrpc_send_block(rpc, request);
    while (!error) {
        struct jsonrpc_msg *reply;

        error = jsonrpc_recv_block(rpc, &reply);
        if (error) {
            break;
        }
        if ((reply->type == JSONRPC_REPLY || reply->type == JSONRPC_ERROR)
            && json_equal(reply->id, id)) {
            *replyp = reply;
            break;
        }
        jsonrpc_msg_destroy(reply);
    }
    json_decref(id);
    return error;
}

/* Returns 'name' with 'default_port' inserted if it has none.  'passive'
 * selects the "pPROTO:PORT[:IP]" syntax. */
static char *
add_default_port(const char *name, int default_port, bool passive)
{
    const char *colon = strchr(name, ':');

    if (!colon) {
        return xstrdup(name);
    }
    size_t prefix_len = colon - name;
    const char *suffix = colon + 1;

    if (passive) {
        if ((prefix_len == 4 && !strncmp(name, "ptcp", 4))
            || (prefix_len == 4 && !strncmp(name, "pssl", 4))) {
            if (!suffix[0] || suffix[0] == ':') {
                return xasprintf("%.*s:%d%s", (int) prefix_len, name,
                                 default_port, suffix);
            }
        }
        return xstrdup(name);
    }

    if ((prefix_len == 3 && !strncmp(name, "tcp", 3))
        || (prefix_len == 3 && !strncmp(name, "ssl", 3))) {
        char *copy = xstrdup(suffix);
        char *host, *port;
        inet_parse_host_port_tokens(copy, &host, &port);
        bool has_port = port && port[0];
        free(copy);
        if (!has_port) {
            return xasprintf("%s%s%d", name,
                             name[strlen(name) - 1] == ':' ? "" : ":",
                             default_port);
        }
    }
    return xstrdup(name);
}

int
jsonrpc_stream_open(const char *name, struct stream **streamp, uint8_t dscp)
{
    char *full = add_default_port(name, SVSDB_PORT, false);
    int error = stream_open(full, streamp, dscp);
    free(full);
    return error;
}

int
jsonrpc_pstream_open(const char *name, struct pstream **pstreamp,
                     uint8_t dscp)
{
    char *full = add_default_port(name, SVSDB_PORT, true);
    int error = pstream_open(full, pstreamp, dscp);
    free(full);
    return error;
}

/* Sessions. */

struct jsonrpc_session {
    jsonrpc_raw_hook *raw_hook;
    void *raw_aux;
    struct svec remotes;
    size_t next_remote;
    struct reconnect *reconnect;
    struct jsonrpc *rpc;        /* Connected, or NULL. */
    struct stream *stream;      /* Connecting, or NULL. */
    struct pstream *pstream;    /* Listening (passive remote), or NULL. */
    int last_error;
    unsigned int seqno;
    uint8_t dscp;
    size_t max_msg_size;
    unsigned long long int last_received_bytes;
    bool answer_echo;           /* Answer "echo" requests internally. */
};

static void jsonrpc_session_set_remote(struct jsonrpc_session *,
                                       const char *name);

struct jsonrpc_session *
jsonrpc_session_open(const char *name, bool retry)
{
    struct svec remotes;

    svec_init(&remotes);
    svec_add(&remotes, name);
    struct jsonrpc_session *s = jsonrpc_session_open_multiple(&remotes,
                                                              retry);
    svec_destroy(&remotes);
    return s;
}

struct jsonrpc_session *
jsonrpc_session_open_multiple(const struct svec *remotes, bool retry)
{
    struct jsonrpc_session *s = xzalloc(sizeof *s);
    long long int now = time_msec();

    svs_assert(remotes->n > 0);
    svec_clone(&s->remotes, remotes);
    s->reconnect = reconnect_create(now);
    s->dscp = DSCP_DEFAULT;
    s->answer_echo = true;
    jsonrpc_session_set_remote(s, s->remotes.names[0]);
    if (!retry) {
        reconnect_set_max_tries(s->reconnect, remotes->n);
        reconnect_set_backoff_free_tries(s->reconnect, remotes->n);
    } else if (remotes->n > 1) {
        /* Try each remote once before backing off. */
        reconnect_set_backoff_free_tries(s->reconnect, remotes->n);
    }
    reconnect_enable(s->reconnect, now);
    return s;
}

/* Points the reconnect FSM at remote 'name': its log name, passiveness
 * and probe need. */
static void
jsonrpc_session_set_remote(struct jsonrpc_session *s, const char *name)
{
    long long int now = time_msec();

    reconnect_set_name(s->reconnect, name);
    reconnect_set_passive(s->reconnect, stream_is_passive_name(name), now);
    if (stream_or_pstream_needs_probes(name) == 0) {
        reconnect_set_probe_interval(s->reconnect, 0);
    }
}

struct jsonrpc_session *
jsonrpc_session_open_unreliably(struct jsonrpc *rpc, uint8_t dscp)
{
    struct jsonrpc_session *s = xzalloc(sizeof *s);
    long long int now = time_msec();
    const char *name = jsonrpc_get_name(rpc);

    svec_init(&s->remotes);
    svec_add(&s->remotes, name);
    s->reconnect = reconnect_create(now);
    reconnect_set_quiet(s->reconnect, true);
    reconnect_set_name(s->reconnect, name);
    if (stream_or_pstream_needs_probes(name) == 0) {
        reconnect_set_probe_interval(s->reconnect, 0);
    }
    reconnect_set_max_tries(s->reconnect, 0);
    reconnect_connected(s->reconnect, now);
    s->rpc = rpc;
    s->dscp = dscp;
    s->answer_echo = true;
    s->last_received_bytes = jsonrpc_get_received_bytes(rpc);
    s->seqno = 1;
    return s;
}

static void
jsonrpc_session_disconnect(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_close(s->rpc);
        s->rpc = NULL;
        s->seqno++;
    } else if (s->stream) {
        stream_close(s->stream);
        s->stream = NULL;
    }
}

void
jsonrpc_session_close(struct jsonrpc_session *s)
{
    if (s) {
        jsonrpc_close(s->rpc);
        stream_close(s->stream);
        pstream_close(s->pstream);
        reconnect_destroy(s->reconnect);
        svec_destroy(&s->remotes);
        free(s);
    }
}

static void
jsonrpc_session_connect(struct jsonrpc_session *s)
{
    const char *name = s->remotes.names[s->next_remote];
    long long int now = time_msec();
    int error;

    if (s->remotes.n > 1) {
        jsonrpc_session_set_remote(s, name);
    }
    s->next_remote = (s->next_remote + 1) % s->remotes.n;

    jsonrpc_session_disconnect(s);
    if (!reconnect_is_passive(s->reconnect)) {
        if (s->pstream) {
            pstream_close(s->pstream);
            s->pstream = NULL;
        }
        error = jsonrpc_stream_open(name, &s->stream, s->dscp);
        if (!error) {
            reconnect_connecting(s->reconnect, now);
        } else {
            s->last_error = error;
            reconnect_connect_failed(s->reconnect, now, error);
        }
    } else {
        error = s->pstream ? 0 : jsonrpc_pstream_open(name, &s->pstream,
                                                      s->dscp);
        if (!error) {
            reconnect_listening(s->reconnect, now);
        } else {
            s->last_error = error;
            reconnect_listen_error(s->reconnect, now, error);
        }
    }
}

static void
jsonrpc_session_connected(struct jsonrpc_session *s, struct stream *stream)
{
    s->rpc = jsonrpc_open(stream);
    if (s->max_msg_size) {
        jsonrpc_set_max_msg_size(s->rpc, s->max_msg_size);
    }
    jsonrpc_set_raw_hook(s->rpc, s->raw_hook, s->raw_aux);
    s->last_received_bytes = 0;
    s->seqno++;
    reconnect_connected(s->reconnect, time_msec());
}

void
jsonrpc_session_run(struct jsonrpc_session *s)
{
    if (s->pstream) {
        struct stream *stream;
        int error = pstream_accept(s->pstream, &stream);
        if (!error) {
            if (s->rpc || s->stream) {
                VLOG_INFO_RL(&rl, "%s: new connection replacing active "
                             "connection", reconnect_get_name(s->reconnect));
                jsonrpc_session_disconnect(s);
            }
            jsonrpc_session_connected(s, stream);
        } else if (error != EAGAIN) {
            reconnect_listen_error(s->reconnect, time_msec(), error);
            pstream_close(s->pstream);
            s->pstream = NULL;
            s->last_error = error;
        }
    }

    if (s->rpc) {
        size_t backlog = jsonrpc_get_backlog(s->rpc);
        jsonrpc_run(s->rpc);
        if (jsonrpc_get_backlog(s->rpc) < backlog) {
            /* The peer is reading: it is alive. */
            reconnect_activity(s->reconnect, time_msec());
        }

        int error = jsonrpc_get_status(s->rpc);
        if (error) {
            reconnect_disconnected(s->reconnect, time_msec(), error);
            jsonrpc_session_disconnect(s);
            s->last_error = error;
        }
    } else if (s->stream) {
        stream_run(s->stream);
        int error = stream_connect(s->stream);
        if (!error) {
            struct stream *stream = s->stream;
            s->stream = NULL;
            jsonrpc_session_connected(s, stream);
        } else if (error != EAGAIN) {
            reconnect_connect_failed(s->reconnect, time_msec(), error);
            stream_close(s->stream);
            s->stream = NULL;
            s->last_error = error;
        }
    }

    switch (reconnect_run(s->reconnect, time_msec())) {
    case RECONNECT_CONNECT:
        jsonrpc_session_connect(s);
        break;

    case RECONNECT_DISCONNECT:
        reconnect_disconnected(s->reconnect, time_msec(), 0);
        jsonrpc_session_disconnect(s);
        break;

    case RECONNECT_PROBE:
        if (s->rpc) {
            json_t *params = json_array();
            struct jsonrpc_msg *request = jsonrpc_create_request_with_id(
                "echo", params, json_string("echo"));
            jsonrpc_send(s->rpc, request);
        }
        break;

    case RECONNECT_NONE:
    default:
        break;
    }
}

void
jsonrpc_session_wait(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_wait(s->rpc);
    } else if (s->stream) {
        stream_run_wait(s->stream);
        stream_connect_wait(s->stream);
    }
    if (s->pstream) {
        pstream_wait(s->pstream);
    }
    reconnect_wait(s->reconnect, time_msec());
}

int
jsonrpc_session_send(struct jsonrpc_session *s, struct jsonrpc_msg *msg)
{
    if (s->rpc) {
        jsonrpc_send(s->rpc, msg);
        return 0;
    }
    jsonrpc_msg_destroy(msg);
    return ENOTCONN;
}

static bool
is_echo_request(const struct jsonrpc_msg *msg)
{
    return msg->type == JSONRPC_REQUEST && !strcmp(msg->method, "echo");
}

static bool
is_probe_reply(const struct jsonrpc_msg *msg)
{
    return (msg->type == JSONRPC_REPLY && json_is_string(msg->id)
            && !strcmp(json_string_value(msg->id), "echo"));
}

struct jsonrpc_msg *
jsonrpc_session_recv(struct jsonrpc_session *s)
{
    while (s->rpc) {
        struct jsonrpc_msg *msg;
        long long int now = time_msec();

        reconnect_receive_attempted(s->reconnect, now);
        int error = jsonrpc_recv(s->rpc, &msg);

        unsigned long long int received = jsonrpc_get_received_bytes(s->rpc);
        if (received != s->last_received_bytes) {
            s->last_received_bytes = received;
            reconnect_activity(s->reconnect, now);
        }

        if (!error) {
            if (s->answer_echo && is_echo_request(msg)) {
                struct jsonrpc_msg *reply = jsonrpc_create_reply(
                    json_incref(msg->params), msg->id);
                jsonrpc_send(s->rpc, reply);
                jsonrpc_msg_destroy(msg);
                continue;
            } else if (is_probe_reply(msg)) {
                jsonrpc_msg_destroy(msg);
                continue;
            }
            return msg;
        } else if (error != EAGAIN) {
            reconnect_disconnected(s->reconnect, now, error);
            jsonrpc_session_disconnect(s);
            s->last_error = error;
        }
        break;
    }
    return NULL;
}

void
jsonrpc_session_recv_wait(struct jsonrpc_session *s)
{
    if (s->rpc) {
        jsonrpc_recv_wait(s->rpc);
    }
}

bool
jsonrpc_session_is_alive(const struct jsonrpc_session *s)
{
    return (s->rpc || s->stream || s->pstream
            || reconnect_is_enabled(s->reconnect));
}

bool
jsonrpc_session_is_connected(const struct jsonrpc_session *s)
{
    return s->rpc != NULL;
}

unsigned int
jsonrpc_session_get_seqno(const struct jsonrpc_session *s)
{
    return s->seqno;
}

int
jsonrpc_session_get_last_error(const struct jsonrpc_session *s)
{
    return s->last_error;
}

void
jsonrpc_session_get_reconnect_stats(const struct jsonrpc_session *s,
                                    struct reconnect_stats *stats)
{
    reconnect_get_stats(s->reconnect, time_msec(), stats);
}

const char *
jsonrpc_session_get_name(const struct jsonrpc_session *s)
{
    return reconnect_get_name(s->reconnect);
}

size_t
jsonrpc_session_get_n_remotes(const struct jsonrpc_session *s)
{
    return s->remotes.n;
}

size_t
jsonrpc_session_get_backlog(const struct jsonrpc_session *s)
{
    return s->rpc ? jsonrpc_get_backlog(s->rpc) : 0;
}

struct jsonrpc *
jsonrpc_session_get_rpc(const struct jsonrpc_session *s)
{
    return s->rpc;
}

void
jsonrpc_session_force_reconnect(struct jsonrpc_session *s)
{
    reconnect_force_reconnect(s->reconnect, time_msec());
}

void
jsonrpc_session_reset_backoff(struct jsonrpc_session *s)
{
    reconnect_skip_backoff(s->reconnect);
}

void
jsonrpc_session_enable_reconnect(struct jsonrpc_session *s)
{
    reconnect_set_max_tries(s->reconnect, UINT_MAX);
    reconnect_set_backoff(s->reconnect, RECONNECT_DEFAULT_MIN_BACKOFF,
                          RECONNECT_DEFAULT_MAX_BACKOFF);
}

void
jsonrpc_session_set_max_backoff(struct jsonrpc_session *s, int max_backoff)
{
    reconnect_set_backoff(s->reconnect,
                          reconnect_get_min_backoff(s->reconnect),
                          max_backoff);
}

void
jsonrpc_session_set_backoff(struct jsonrpc_session *s, int min_backoff,
                            int max_backoff)
{
    reconnect_set_backoff(s->reconnect, min_backoff, max_backoff);
}

void
jsonrpc_session_set_probe_interval(struct jsonrpc_session *s,
                                   int probe_interval)
{
    reconnect_set_probe_interval(s->reconnect, probe_interval);
}

void
jsonrpc_session_set_dscp(struct jsonrpc_session *s, uint8_t dscp)
{
    s->dscp = dscp;
}

void
jsonrpc_session_set_answer_echo(struct jsonrpc_session *s, bool answer)
{
    s->answer_echo = answer;
}

void
jsonrpc_session_set_max_msg_size(struct jsonrpc_session *s,
                                 size_t max_size)
{
    s->max_msg_size = max_size;
    if (s->rpc) {
        jsonrpc_set_max_msg_size(s->rpc, max_size);
    }
}

void
jsonrpc_session_set_raw_hook(struct jsonrpc_session *s,
                             jsonrpc_raw_hook *hook, void *aux)
{
    s->raw_hook = hook;
    s->raw_aux = aux;
    if (s->rpc) {
        jsonrpc_set_raw_hook(s->rpc, hook, aux);
    }
}
