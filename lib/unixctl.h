/* unixctl.h: run-time control of daemons over a Unix socket (the
 * protocol of ovs-appctl / svs-appctl).
 *
 * What: a daemon creates a server with unixctl_server_create(), by
 * default listening on <rundir>/<program>.<pid>.ctl, and registers
 * commands with unixctl_command_register().  A client sends a JSON-RPC
 * request {"method": COMMAND, "params": [ARG...], "id": N} whose params
 * are all strings; the server replies with {"result": TEXT, "error":
 * null} or {"error": TEXT, "result": null}.  TEXT ends in a new-line
 * unless empty.  Debian's `ovs-appctl -t <socket> COMMAND` works against
 * an svs daemon and vice versa.
 *
 * Built-in commands: "list-commands" and "version" (the server's
 * creation also registers the vlog/ commands, see vlog.h).
 *
 * Design: a command callback receives the connection and must
 * eventually call unixctl_command_reply() or
 * unixctl_command_reply_error() exactly once, either before returning or
 * later (a deferred reply: keep the 'struct unixctl_conn *').  The
 * server reads no further request from a connection until it has
 * replied, and keeps the connection object valid until the reply even
 * if the client goes away (the reply is then discarded).
 *
 * Thread-safety: the command table is global and protected by a mutex;
 * register commands from any thread.  A server, its connections and the
 * callbacks run in the thread that calls unixctl_server_run(). */
#ifndef SVS_UNIXCTL_H
#define SVS_UNIXCTL_H 1

#include <limits.h>

struct jsonrpc;
struct unixctl_conn;
struct unixctl_server;

/* Server. */

/* Creates a server.  'path' NULL means the default
 * <rundir>/<program>.<pid>.ctl; "none" means no server ('*serverp' set
 * to NULL, return 0); otherwise a socket file name, relative to the
 * rundir unless absolute (a "punix:" prefix is accepted and ignored).
 * Returns 0 or a positive errno value. */
int unixctl_server_create(const char *path, struct unixctl_server **);
void unixctl_server_run(struct unixctl_server *);
void unixctl_server_wait(struct unixctl_server *);
/* Closes the server and all its connections (pending deferred replies
 * become no-ops) and removes the socket. */
void unixctl_server_destroy(struct unixctl_server *);
/* The absolute socket file name. */
const char *unixctl_server_get_path(const struct unixctl_server *);

/* Commands. */

/* 'argv[0]' is the command name, 'argv[1]' through 'argv[argc - 1]' its
 * arguments. */
typedef void unixctl_cb_func(struct unixctl_conn *, int argc,
                             const char *argv[], void *aux);

/* Registers 'name' with argument count limits (INT_MAX for no maximum)
 * and a 'usage' string shown by list-commands.  Registering a name again
 * replaces the previous registration. */
void unixctl_command_register(const char *name, const char *usage,
                              int min_args, int max_args,
                              unixctl_cb_func *cb, void *aux);
/* Replies successfully with 'body' (NULL for empty). */
void unixctl_command_reply(struct unixctl_conn *, const char *body);
/* Replies with an error 'error' (NULL for a generic message). */
void unixctl_command_reply_error(struct unixctl_conn *, const char *error);

/* Client. */

/* Connects to the server at socket file 'path'.  Returns 0 and the
 * connection, or a positive errno value. */
int unixctl_client_create(const char *path, struct jsonrpc **client);
/* Runs 'command' with 'argc' arguments 'argv' on 'client' and waits for
 * the reply.  On success returns 0 with exactly one of '*result' and
 * '*error' set to a malloc'd string (the server's text); otherwise a
 * positive errno value with both NULL. */
int unixctl_client_transact(struct jsonrpc *client, const char *command,
                            int argc, char *argv[], char **result,
                            char **error);

#endif /* unixctl.h */
