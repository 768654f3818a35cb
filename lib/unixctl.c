/* unixctl.c: the unixctl server, command table and client. */
#include <config.h>
#include "unixctl.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dirs.h"
#include "dynamic-string.h"
#include "jsonrpc.h"
#include "list.h"
#include "poll-loop.h"
#include "shash.h"
#include "stream.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(unixctl);

struct unixctl_command {
    char *usage;
    int min_args, max_args;
    unixctl_cb_func *cb;
    void *aux;
};

/* A connection to the server. */
struct unixctl_conn {
    struct svs_list node;       /* In 'server->conns'. */
    struct unixctl_server *server;  /* NULL once the server is gone. */
    struct jsonrpc *rpc;        /* NULL once the connection died. */
    json_t *request_id;         /* Id of the request being processed, or
                                 * NULL if none. */
};

struct unixctl_server {
    struct pstream *listener;
    struct svs_list conns;
    char *path;
};

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);

static pthread_mutex_t commands_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct shash commands SVS_GUARDED_BY(commands_mutex)
    = SHASH_INITIALIZER(&commands);

static void unixctl_conn_free(struct unixctl_conn *);

/* Commands. */

void
unixctl_command_register(const char *name, const char *usage,
                         int min_args, int max_args,
                         unixctl_cb_func *cb, void *aux)
{
    struct unixctl_command *command = xmalloc(sizeof *command);

    svs_assert(min_args >= 0 && max_args >= min_args);
    command->usage = xstrdup(usage ? usage : "");
    command->min_args = min_args;
    command->max_args = max_args;
    command->cb = cb;
    command->aux = aux;

    pthread_mutex_lock(&commands_mutex);
    struct unixctl_command *old = shash_replace(&commands, name, command);
    pthread_mutex_unlock(&commands_mutex);

    if (old) {
        free(old->usage);
        free(old);
    }
}

/* Sends the reply (or error reply, if 'success' is false) for the request
 * being processed on 'conn'. */
static void
unixctl_command_reply__(struct unixctl_conn *conn, bool success,
                        const char *body)
{
    svs_assert(conn->request_id);

    if (conn->rpc) {
        char *text;
        if (!body) {
            body = success ? "" : "command failed";
        }
        size_t len = strlen(body);
        text = (len && body[len - 1] != '\n'
                ? xasprintf("%s\n", body) : xstrdup(body));

        if (VLOG_IS_DBG_ENABLED()) {
            char *id = json_to_string(conn->request_id, 0);
            VLOG_DBG("replying with %s, id=%s: \"%s\"",
                     success ? "success" : "error", id, body);
            free(id);
        }

        json_t *json = json_string_take(text);
        struct jsonrpc_msg *reply = (success
                                     ? jsonrpc_create_reply(json,
                                                            conn->request_id)
                                     : jsonrpc_create_error(json,
                                                            conn->request_id));
        jsonrpc_send(conn->rpc, reply);
    }

    json_decref(conn->request_id);
    conn->request_id = NULL;

    if (!conn->rpc || !conn->server) {
        /* The client or the server went away while we worked on the
         * request: nothing else will free the connection. */
        unixctl_conn_free(conn);
    }
}

void
unixctl_command_reply(struct unixctl_conn *conn, const char *body)
{
    unixctl_command_reply__(conn, true, body);
}

void
unixctl_command_reply_error(struct unixctl_conn *conn, const char *error)
{
    unixctl_command_reply__(conn, false, error);
}

static void
unixctl_list_commands(struct unixctl_conn *conn, int argc SVS_UNUSED,
                      const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_cstr(&s, "The available commands are:\n");
    pthread_mutex_lock(&commands_mutex);
    const struct shash_node **nodes = shash_sort(&commands);
    for (size_t i = 0; i < shash_count(&commands); i++) {
        const struct unixctl_command *command = nodes[i]->data;
        ds_put_format(&s, "  %-23s %s\n", nodes[i]->name, command->usage);
    }
    pthread_mutex_unlock(&commands_mutex);
    free(nodes);

    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
unixctl_version(struct unixctl_conn *conn, int argc SVS_UNUSED,
                const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    char *s = xasprintf("%s (svs) %s", program_name, svs_get_version());
    unixctl_command_reply(conn, s);
    free(s);
}

static void
register_builtins_once(void)
{
    unixctl_command_register("list-commands", "", 0, 0,
                             unixctl_list_commands, NULL);
    unixctl_command_register("version", "", 0, 0, unixctl_version, NULL);
    vlog_init_unixctl();
}

static void
unixctl_register_builtins(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, register_builtins_once);
}

/* Server. */

int
unixctl_server_create(const char *path, struct unixctl_server **serverp)
{
    *serverp = NULL;
    if (path && !strcmp(path, "none")) {
        return 0;
    }

    char *abs_path;
    if (path) {
        if (str_startswith(path, "punix:")) {
            path += strlen("punix:");
        }
        abs_path = abs_file_name(svs_rundir(), path);
    } else {
        abs_path = xasprintf("%s/%s.%ld.ctl", svs_rundir(), program_name,
                             (long int) getpid());
    }

    char *name = xasprintf("punix:%s", abs_path);
    struct pstream *listener;
    int error = pstream_open(name, &listener, 0);
    free(name);
    if (error) {
        svs_error(error, "%s: could not initialize control socket",
                  abs_path);
        free(abs_path);
        return error;
    }

    unixctl_register_builtins();

    struct unixctl_server *server = xmalloc(sizeof *server);
    server->listener = listener;
    server->path = abs_path;
    svs_list_init(&server->conns);
    *serverp = server;
    return 0;
}

static void
unixctl_conn_free(struct unixctl_conn *conn)
{
    if (conn->server) {
        svs_list_remove(&conn->node);
    }
    jsonrpc_close(conn->rpc);
    json_decref(conn->request_id);
    free(conn);
}

/* Closes 'conn''s connection.  Frees it unless a deferred reply is still
 * owed, in which case unixctl_command_reply__() frees it later. */
static void
kill_connection(struct unixctl_conn *conn)
{
    jsonrpc_close(conn->rpc);
    conn->rpc = NULL;
    if (!conn->request_id) {
        unixctl_conn_free(conn);
    }
}

static void
process_command(struct unixctl_conn *conn, struct jsonrpc_msg *request)
{
    conn->request_id = json_incref(request->id);

    if (VLOG_IS_DBG_ENABLED()) {
        char *params = json_to_string(request->params, 0);
        char *id = json_to_string(request->id, 0);
        VLOG_DBG("received request %s%s, id=%s", request->method, params,
                 id);
        free(params);
        free(id);
    }

    size_t n_params = json_array_size(request->params);
    pthread_mutex_lock(&commands_mutex);
    struct unixctl_command *command = shash_find_data(&commands,
                                                      request->method);
    struct unixctl_command copy = command ? *command
                                          : (struct unixctl_command) { 0 };
    pthread_mutex_unlock(&commands_mutex);

    char *error = NULL;
    if (!command) {
        error = xasprintf("\"%s\" is not a valid command (use "
                          "\"list-commands\" to see a list of valid "
                          "commands)", request->method);
    } else if (n_params < copy.min_args) {
        error = xasprintf("\"%s\" command requires at least %d arguments",
                          request->method, copy.min_args);
    } else if (n_params > copy.max_args) {
        error = xasprintf("\"%s\" command takes at most %d arguments",
                          request->method, copy.max_args);
    } else {
        const char **argv = xmalloc((n_params + 2) * sizeof *argv);
        argv[0] = request->method;
        for (size_t i = 0; i < n_params; i++) {
            json_t *param = json_array_get(request->params, i);
            if (!json_is_string(param)) {
                error = xasprintf("\"%s\" command has non-string argument",
                                  request->method);
                break;
            }
            argv[i + 1] = json_string_value(param);
        }
        argv[n_params + 1] = NULL;

        if (!error) {
            copy.cb(conn, n_params + 1, argv, copy.aux);
        }
        free(argv);
    }

    if (error) {
        unixctl_command_reply_error(conn, error);
        free(error);
    }
}

/* Services one connection.  Returns 0, or an error if the connection
 * should be closed. */
static int
run_connection(struct unixctl_conn *conn)
{
    jsonrpc_run(conn->rpc);
    int error = jsonrpc_get_status(conn->rpc);
    if (error || jsonrpc_get_backlog(conn->rpc)) {
        return error;
    }

    for (int i = 0; i < 10 && !conn->request_id; i++) {
        struct jsonrpc_msg *msg;

        error = jsonrpc_recv(conn->rpc, &msg);
        if (error) {
            return error == EAGAIN ? 0 : error;
        }

        if (msg->type == JSONRPC_REQUEST) {
            process_command(conn, msg);
        } else {
            VLOG_WARN_RL(&rl, "%s: received unexpected %s message",
                         jsonrpc_get_name(conn->rpc),
                         jsonrpc_msg_type_to_string(msg->type));
            error = EINVAL;
        }
        jsonrpc_msg_destroy(msg);

        if (error) {
            return error;
        }
        if (!conn->rpc) {
            return 0;
        }
        error = jsonrpc_get_status(conn->rpc);
        if (error) {
            return error;
        }
    }
    return 0;
}

void
unixctl_server_run(struct unixctl_server *server)
{
    if (!server) {
        return;
    }

    for (int i = 0; i < 10; i++) {
        struct stream *stream;
        int error = pstream_accept(server->listener, &stream);
        if (!error) {
            struct unixctl_conn *conn = xzalloc(sizeof *conn);
            conn->server = server;
            conn->rpc = jsonrpc_open(stream);
            svs_list_push_back(&server->conns, &conn->node);
        } else if (error == EAGAIN) {
            break;
        } else {
            VLOG_WARN_RL(&rl, "%s: accept failed: %s",
                         pstream_get_name(server->listener),
                         svs_strerror(error));
        }
    }

    struct unixctl_conn *conn, *next;
    LIST_FOR_EACH_SAFE (conn, next, node, &server->conns) {
        if (!conn->rpc) {
            /* Dead, waiting for a deferred reply. */
            continue;
        }
        int error = run_connection(conn);
        if (error && error != EAGAIN) {
            kill_connection(conn);
        }
    }
}

void
unixctl_server_wait(struct unixctl_server *server)
{
    if (!server) {
        return;
    }

    pstream_wait(server->listener);

    struct unixctl_conn *conn;
    LIST_FOR_EACH (conn, node, &server->conns) {
        if (!conn->rpc) {
            continue;
        }
        jsonrpc_wait(conn->rpc);
        if (!jsonrpc_get_backlog(conn->rpc) && !conn->request_id) {
            jsonrpc_recv_wait(conn->rpc);
        }
    }
}

void
unixctl_server_destroy(struct unixctl_server *server)
{
    if (server) {
        struct unixctl_conn *conn, *next;
        LIST_FOR_EACH_SAFE (conn, next, node, &server->conns) {
            svs_list_remove(&conn->node);
            conn->server = NULL;
            jsonrpc_close(conn->rpc);
            conn->rpc = NULL;
            if (!conn->request_id) {
                free(conn);
            }
        }
        pstream_close(server->listener);
        free(server->path);
        free(server);
    }
}

const char *
unixctl_server_get_path(const struct unixctl_server *server)
{
    return server ? server->path : NULL;
}

/* Client. */

int
unixctl_client_create(const char *path, struct jsonrpc **client)
{
    char *abs_path = abs_file_name(svs_rundir(), path);
    char *name = xasprintf("unix:%s", abs_path);
    struct stream *stream;
    int error;

    *client = NULL;
    error = stream_open_block(stream_open(name, &stream, 0), -1, &stream);
    if (error) {
        VLOG_WARN("failed to connect to %s", abs_path);
    } else {
        *client = jsonrpc_open(stream);
    }
    free(name);
    free(abs_path);
    return error;
}

int
unixctl_client_transact(struct jsonrpc *client, const char *command,
                        int argc, char *argv[], char **result,
                        char **error)
{
    *result = NULL;
    *error = NULL;

    json_t *params = json_array();
    for (int i = 0; i < argc; i++) {
        json_array_add(params, json_string(argv[i]));
    }

    struct jsonrpc_msg *request = jsonrpc_create_request(command, params,
                                                         NULL);
    struct jsonrpc_msg *reply;
    int retval = jsonrpc_transact_block(client, request, &reply);
    if (retval) {
        VLOG_WARN("error communicating with %s: %s",
                  jsonrpc_get_name(client), svs_retval_to_string(retval));
        return retval;
    }

    if (reply->type == JSONRPC_ERROR) {
        *error = (json_is_string(reply->error)
                  ? xstrdup(json_string_value(reply->error))
                  : json_to_string(reply->error, 0));
    } else if (reply->type == JSONRPC_REPLY) {
        if (json_is_string(reply->result)) {
            *result = xstrdup(json_string_value(reply->result));
        } else {
            char *s = json_to_string(reply->result, 0);
            VLOG_WARN("%s: unexpected result type in JSON-RPC reply: %s",
                      jsonrpc_get_name(client), s);
            free(s);
            retval = EPROTO;
        }
    }
    jsonrpc_msg_destroy(reply);
    return retval;
}
