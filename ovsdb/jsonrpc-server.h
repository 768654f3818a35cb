/* jsonrpc-server.h: the OVSDB JSON-RPC server: remotes, sessions and the
 * methods of RFC 7047 and its extensions.
 *
 * What: an 'ovsdb_jsonrpc_server' serves a set of databases over any
 * number of remotes.  A passive remote (punix:, ptcp:, pssl:) accepts
 * sessions; an active one (unix:, tcp:, ssl:) connects out and
 * reconnects.  Each session handles list_dbs, get_schema, transact,
 * cancel, monitor, monitor_cond, monitor_cond_since,
 * monitor_cond_change, monitor_cancel, lock, steal, unlock, echo,
 * set_db_change_aware, get_server_id and convert.
 *
 * Ordering and durability: ovsdb_jsonrpc_server_run() reads and executes
 * requests; replies and notifications wait in per-session queues.  The
 * caller then commits the storage of every database (so that nothing is
 * acknowledged before it is durable) and calls
 * ovsdb_jsonrpc_server_flush(), which sends the queues in order: on each
 * session, updates caused by a transaction precede its reply.
 *
 * Thread-safety: one thread. */
#ifndef SVSDB_JSONRPC_SERVER_H
#define SVSDB_JSONRPC_SERVER_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "shash.h"
#include "uuid.h"
#include <jansson.h>

struct ds;
struct ovsdb;
struct ovsdb_jsonrpc_server;

/* Options of one remote. */
struct ovsdb_jsonrpc_options {
    int max_backoff;            /* Max reconnect backoff, in msec. */
    int probe_interval;         /* Inactivity probe, in msec (0: off;
                                 * -1: the stream's default). */
    bool read_only;             /* Only read-only transactions. */
    int dscp;                   /* IP DSCP for the remote's sockets. */
};

void ovsdb_jsonrpc_options_init(struct ovsdb_jsonrpc_options *);

struct ovsdb_jsonrpc_server *ovsdb_jsonrpc_server_create(
    const struct uuid *server_id);
void ovsdb_jsonrpc_server_destroy(struct ovsdb_jsonrpc_server *);

/* Databases.  The server does not own them.  The _Server database must
 * be added first, with ovsdb_jsonrpc_server_set_server_db(). */
void ovsdb_jsonrpc_server_set_server_db(struct ovsdb_jsonrpc_server *,
                                        struct ovsdb *);
void ovsdb_jsonrpc_server_add_db(struct ovsdb_jsonrpc_server *,
                                 struct ovsdb *);
/* Removes 'db': its monitors are cancelled ("monitor_canceled" to
 * sessions that are database-change aware; other sessions are
 * disconnected) and pending transactions fail. */
void ovsdb_jsonrpc_server_remove_db(struct ovsdb_jsonrpc_server *,
                                    struct ovsdb *, const char *reason);
struct ovsdb *ovsdb_jsonrpc_server_get_db(const struct ovsdb_jsonrpc_server *,
                                          const char *name);
/* Called after 'old' was replaced by 'new' (schema conversion). */
void ovsdb_jsonrpc_server_replace_db(struct ovsdb_jsonrpc_server *,
                                     struct ovsdb *old, struct ovsdb *new);

/* Remotes: 'remotes' maps remote names to 'struct ovsdb_jsonrpc_options
 * *'.  Remotes not in the map are closed, new ones opened, existing ones
 * reconfigured. */
void ovsdb_jsonrpc_server_set_remotes(struct ovsdb_jsonrpc_server *,
                                      const struct shash *remotes);
/* Closes every session so that clients reconnect. */
void ovsdb_jsonrpc_server_reconnect(struct ovsdb_jsonrpc_server *);
/* Status of remote 'name' for the Manager table's status columns. */
struct ovsdb_jsonrpc_remote_status {
    bool is_connected;
    int n_connections;
    const char *state;
    int last_error;
    unsigned int sec_since_connect;
    unsigned int sec_since_disconnect;
    bool bound_port_valid;
    uint16_t bound_port;
    char *locks_held;           /* Malloc'd, space separated, or NULL. */
    char *locks_waiting;
    char *locks_lost;
};
bool ovsdb_jsonrpc_server_get_remote_status(
    const struct ovsdb_jsonrpc_server *, const char *name,
    struct ovsdb_jsonrpc_remote_status *);
void ovsdb_jsonrpc_remote_status_destroy(
    struct ovsdb_jsonrpc_remote_status *);
/* Appends "name (bound port)" lines for ovsdb-server/list-remotes. */
void ovsdb_jsonrpc_server_list_remotes(const struct ovsdb_jsonrpc_server *,
                                       struct ds *);

void ovsdb_jsonrpc_server_run(struct ovsdb_jsonrpc_server *);
void ovsdb_jsonrpc_server_flush(struct ovsdb_jsonrpc_server *);
void ovsdb_jsonrpc_server_wait(struct ovsdb_jsonrpc_server *);

/* For memory/show. */
void ovsdb_jsonrpc_server_get_memory_usage(
    const struct ovsdb_jsonrpc_server *, size_t *n_sessions,
    size_t *n_monitors, size_t *backlog);

/* Hook for "convert": called to convert 'db' to 'schema_json'; returns
 * NULL on success or an error.  Set by the server program. */
struct db_error;
typedef struct db_error *ovsdb_convert_func(void *aux, struct ovsdb *db,
                                            const json_t *schema);
void ovsdb_jsonrpc_server_set_convert_cb(struct ovsdb_jsonrpc_server *,
                                         ovsdb_convert_func *, void *aux);

#endif /* jsonrpc-server.h */
