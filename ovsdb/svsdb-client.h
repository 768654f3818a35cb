/* svsdb-client.h: what the files of svsdb-client share.
 *
 * svsdb-client is split into svsdb-client.c (options, connections, the
 * simple commands, dump, wait and locks), svsdb-client-monitor.c (the
 * monitor commands) and svsdb-client-backup.c (backup and restore).
 * This private header holds their common state and helpers; every name
 * here starts with "client_".
 *
 * Conventions: the helpers report every failure the way ovsdb-client does
 * and exit with status 1 (svs_fatal()), so callers need not check.  JSON
 * arguments are stolen and results are new references, as in lib/json.h.
 *
 * Thread-safety: none; svsdb-client is single-threaded. */
#ifndef SVSDB_CLIENT_H
#define SVSDB_CLIENT_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"
#include "table.h"

struct db_schema;
struct jsonrpc;
struct jsonrpc_msg;
struct unixctl_server;

/* Options. */
extern struct table_style client_style;   /* Output formatting. */
extern bool client_timestamp;             /* --timestamp. */
extern bool client_force;                 /* --force. */

/* RPC.  Both send a 'method' request with 'params' and return the reply's
 * result.  On an error reply, client_rpc_call() exits with "transaction
 * returned error: <JSON>", client_rpc_call_db() with the error as
 * 'syntax "SYNTAX": TAG: DETAILS' (what ovsdb-client prints for
 * monitors). */
json_t *client_rpc_call(struct jsonrpc *, const char *method,
                        json_t *params);
json_t *client_rpc_call_db(struct jsonrpc *, const char *method,
                           json_t *params);

/* A database schema as the server sent it, and parsed. */
struct client_schema {
    json_t *json;               /* The server's JSON, in its order. */
    struct db_schema *schema;
};

void client_fetch_schema(struct jsonrpc *, const char *database,
                         struct client_schema *);
void client_schema_destroy(struct client_schema *);

/* Sends set_db_change_aware if --db-change-aware, or if 'default_' and
 * not --no-db-change-aware. */
void client_set_db_change_aware(struct jsonrpc *, bool default_);

/* Logs an informational message, under svsdb-client's log module. */
void client_log_info(const char *format, ...) SVS_PRINTF_FORMAT(1, 2);

/* Output and input. */
void client_print_json(const json_t *);
json_t *client_parse_json_arg(const char *arg);

/* Returns the member names of JSON object 'object' in the order in which
 * ovsdb-client iterates over them (see the comment in svsdb-client.c). */
const char **client_member_order(const json_t *object, int passes,
                                 const char *const *extra, size_t n_extra,
                                 size_t *np);

/* qsort() comparison of 'const struct db_column *'s by name. */
int client_compare_column_names(const void *, const void *);

/* Long-running commands (monitors, locks). */
extern bool client_exiting;     /* Set by the "exit" unixctl command. */
struct unixctl_server *client_detach(void);
bool client_handle_common_msg(struct jsonrpc *, const struct jsonrpc_msg *);

/* Command handlers.  'server' is the connection method, 'database' the
 * database (NULL if the command takes none); 'argv' holds the 'argc'
 * arguments that follow them. */
void client_cmd_monitor(struct jsonrpc *, const char *server,
                        const char *database, int argc, char *argv[]);
void client_cmd_monitor_cond(struct jsonrpc *, const char *server,
                             const char *database, int argc, char *argv[]);
void client_cmd_monitor_cond_since(struct jsonrpc *, const char *server,
                                   const char *database, int argc,
                                   char *argv[]);
void client_cmd_backup(struct jsonrpc *, const char *server,
                       const char *database, int argc, char *argv[]);
void client_cmd_restore(struct jsonrpc *, const char *server,
                        const char *database, int argc, char *argv[]);

#endif /* svsdb-client.h */
