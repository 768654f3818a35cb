/* db-idl.c: the replica: connection state machine, monitors, updates,
 * change tracking, conditions and locks.  Transactions are in
 * lib/db-idl-txn.c, classes and typed fields in lib/db-idl-class.c.
 *
 * Connection state machine (idl->state), per connection:
 *
 *   DISCONNECTED --connected--> SERVER_MONITOR_REQUESTED
 *       (monitor_cond on _Server, set_db_change_aware, lock)
 *   SERVER_MONITOR_REQUESTED --reply, database usable, schema known-->
 *       DATA_MONITOR_REQUESTED
 *   SERVER_MONITOR_REQUESTED --reply without schema, or error (no
 *       _Server, old server)--> DATA_SCHEMA_REQUESTED (get_schema)
 *   DATA_SCHEMA_REQUESTED --reply--> DATA_MONITOR_REQUESTED
 *   DATA_MONITOR_REQUESTED --"unknown method"--> same state, with the
 *       next older method (monitor_cond_since, monitor_cond, monitor)
 *   DATA_MONITOR_REQUESTED --reply--> MONITORING
 *   MONITORING --monitor_canceled--> DATA_SCHEMA_REQUESTED
 *   any --database missing or unusable, or unexpected error--> ERROR,
 *       and the connection is dropped to retry after backoff
 *   any --disconnected--> DISCONNECTED
 *
 * Snapshots: a monitor reply that is not a resumption ("found": false or
 * an older method) replaces the replica.  Rows are matched by UUID and
 * compared column by column; rows the snapshot lacks are deleted.  A
 * generation number marks the rows the snapshot contained. */
#include <config.h>
#include "db-idl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "db-data.h"
#include "db-error.h"
#include "db-idl-private.h"
#include "db-schema.h"
#include "hash.h"
#include "json.h"
#include "jsonrpc.h"
#include "poll-loop.h"
#include "svec.h"
#include "timeval.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(db_idl);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);

/* Messages processed per db_idl_run(), for fairness with other work. */
#define MAX_MSGS_PER_RUN 50

/* The part of _Server that the IDL monitors. */
static const char server_schema_text[] =
    "{\"name\":\"_Server\",\"version\":\"1.0.0\",\"tables\":{"
    "\"Database\":{\"columns\":{"
    "\"name\":{\"type\":\"string\"},"
    "\"model\":{\"type\":\"string\"},"
    "\"connected\":{\"type\":\"boolean\"},"
    "\"leader\":{\"type\":\"boolean\"},"
    "\"schema\":{\"type\":{\"key\":\"string\",\"min\":0,\"max\":1}}}}}}";

static void table_init(struct db_idl *, struct db_idl_table *,
                       struct db_idl_table_class *, unsigned char mode);
static void table_destroy(struct db_idl_table *);
static void idl_clear(struct db_idl *);
static void idl_connection_changed(struct db_idl *);
static void idl_handle_msg(struct db_idl *, struct jsonrpc_msg *);
static bool idl_raw_hook(const char *text, size_t len, void *idl_);
static void idl_send_server_monitor(struct db_idl *);
static void idl_send_schema_request(struct db_idl *);
static void idl_send_monitor_request(struct db_idl *);
static void idl_send_cond_change(struct db_idl *);
static void idl_send_lock_request(struct db_idl *, const char *method,
                                  const char *name);
static void idl_retry(struct db_idl *);
static void free_dead_rows(struct db_idl *);
static void clear_stale_refs(struct db_idl *);
static void row_delete(struct db_idl_row *);
static void process_reparse(struct db_idl *);
static void row_update_arcs(struct db_idl_row *);
static void row_clear_arcs(struct db_idl_row *);

static const char *
method_name(enum idl_method method)
{
    switch (method) {
    case IDL_M_COND_SINCE:
        return "monitor_cond_since";
    case IDL_M_COND:
        return "monitor_cond";
    case IDL_M_PLAIN:
    default:
        return "monitor";
    }
}

/* Creation and destruction. */

static struct db_idl_class *
server_class_create(void)
{
    char *error_s;
    json_t *json = json_from_string_err(server_schema_text, &error_s);
    svs_assert(json);
    struct db_schema *schema;
    struct db_error *error = db_schema_from_json(json, &schema);
    svs_assert(!error);
    json_decref(json);
    struct db_idl_class *class_ = db_idl_class_from_schema(schema);
    db_schema_destroy(schema);
    return class_;
}

struct db_idl *
db_idl_create(const char *remote, const struct db_idl_class *class__,
              bool monitor_everything_by_default, bool retry)
{
    struct db_idl_class *class_ = CONST_CAST(struct db_idl_class *,
                                             class__);
    db_idl_class_init(class_);

    struct db_idl *idl = xzalloc(sizeof *idl);
    idl->class_ = class_;
    idl->tables = xcalloc(class_->n_tables ? class_->n_tables : 1,
                          sizeof *idl->tables);
    unsigned char mode = (monitor_everything_by_default
                          ? IDL_MONITOR | IDL_ALERT : 0);
    for (size_t i = 0; i < class_->n_tables; i++) {
        table_init(idl, &idl->tables[i], &class_->tables[i], mode);
    }

    idl->server_class = server_class_create();
    idl->server_table = xzalloc(sizeof *idl->server_table);
    table_init(idl, idl->server_table, &idl->server_class->tables[0],
               IDL_MONITOR);

    idl->monitor_id = json_array_of(2, json_string("svs-idl"),
                                    json_string(class_->database));
    idl->server_monitor_id = json_array_of(2, json_string("svs-idl"),
                                           json_string("_Server"));
    idl->leader_only = true;
    idl->state = IDL_S_DISCONNECTED;
    idl->method = IDL_M_COND_SINCE;
    hmap_init(&idl->arcs);
    svs_list_init(&idl->reparse);
    svs_list_init(&idl->dead_rows);
    svs_list_init(&idl->stale_tracked);
    svs_list_init(&idl->outstanding_txns);

    if (remote) {
        db_idl_set_remote(idl, remote, retry);
    }
    return idl;
}

void
db_idl_set_remote(struct db_idl *idl, const char *remote, bool retry)
{
    if (idl->session) {
        jsonrpc_session_close(idl->session);
        idl->session = NULL;
        idl_connection_changed(idl);
    }
    free(idl->remote);
    idl->remote = remote ? xstrdup(remote) : NULL;
    idl->retry = retry;
    if (remote) {
        /* "unix:a,tcp:b": try each in turn. */
        struct svec remotes;
        svec_init(&remotes);
        char *copy = xstrdup(remote);
        char *save = NULL;
        for (char *r = strtok_r(copy, ",", &save); r;
             r = strtok_r(NULL, ",", &save)) {
            char *name = str_strip(r);
            if (*name) {
                svec_add_nocopy(&remotes, name);
            } else {
                free(name);
            }
        }
        free(copy);
        if (!remotes.n) {
            svec_add(&remotes, remote);
        }
        idl->session = jsonrpc_session_open_multiple(&remotes, retry);
        jsonrpc_session_set_raw_hook(idl->session, idl_raw_hook, idl);
        idl->session_seqno = jsonrpc_session_get_seqno(idl->session);
        svec_destroy(&remotes);
    }
}

void
db_idl_destroy(struct db_idl *idl)
{
    if (!idl) {
        return;
    }
    svs_assert(!idl->txn);
    idl_txn_abort_all(idl);
    jsonrpc_session_close(idl->session);
    for (size_t i = 0; i < idl->n_deferred; i++) {
        free(idl->deferred[i].text);
    }
    free(idl->deferred);

    idl_clear(idl);
    db_idl_track_clear(idl);
    free_dead_rows(idl);
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        table_destroy(&idl->tables[i]);
    }
    free(idl->tables);
    table_destroy(idl->server_table);
    free(idl->server_table);
    db_idl_class_destroy(idl->server_class);
    hmap_destroy(&idl->arcs);

    json_decref(idl->request_id);
    json_decref(idl->monitor_id);
    json_decref(idl->server_monitor_id);
    json_decref(idl->lock_request_id);
    json_decref(idl->cond_request_id);
    db_schema_destroy(idl->server_schema);
    free(idl->server_schema_text);
    free(idl->monitor_signature);
    free(idl->lock_name);
    free(idl->remote);
    free(idl);
}

static void
table_init(struct db_idl *idl, struct db_idl_table *t,
           struct db_idl_table_class *tc, unsigned char mode)
{
    size_t n = tc->n_columns;

    t->class_ = tc;
    t->idl = idl;
    t->modes = xmalloc(n ? n : 1);
    memset(t->modes, mode, n);
    t->server_has = xmalloc((n ? n : 1) * sizeof *t->server_has);
    for (size_t i = 0; i < n; i++) {
        t->server_has[i] = true;
    }
    t->in_server = true;
    t->wanted = mode != 0;
    t->alert_rows = tc->class_ != idl->server_class;
    hmap_init(&t->rows);
    shash_init(&t->columns);
    t->wire_types = xcalloc(n ? n : 1, sizeof *t->wire_types);
    for (size_t i = 0; i < n; i++) {
        struct db_idl_column *c = &tc->columns[i];
        shash_add(&t->columns, c->name, c);
        db_type_clone(&t->wire_types[i], &c->type);
        db_base_type_clear_constraints(&t->wire_types[i].key);
        db_base_type_clear_constraints(&t->wire_types[i].value);
        t->wire_types[i].n_min = 0;
        t->wire_types[i].n_max = UINT_MAX;
        if (idl_column_is_ref(c)) {
            t->has_refs = true;
        }
    }
    t->scratch = idl_bitmap_alloc(n ? n : 1);
    t->cond = json_array_of(1, json_true());
    svs_list_init(&t->track_list);
}

static void
table_destroy(struct db_idl_table *t)
{
    svs_assert(hmap_is_empty(&t->rows));
    hmap_destroy(&t->rows);
    shash_destroy(&t->columns);
    for (size_t i = 0; i < t->class_->n_columns; i++) {
        db_type_destroy(&t->wire_types[i]);
    }
    free(t->wire_types);
    free(t->modes);
    free(t->server_has);
    free(t->scratch);
    json_decref(t->cond);
    json_decref(t->cond_requested);
    json_decref(t->cond_acked);
}

/* Removes every row of the replica (tracking nothing). */
static void
idl_clear_table(struct db_idl_table *t)
{
    struct db_idl_row *row;
    HMAP_FOR_EACH_POP (row, hmap_node, &t->rows) {
        row->deleted = true;
        if (row->on_work_list) {
            svs_list_remove(&row->work_node);
            row->on_work_list = false;
        }
        if (row->tracked) {
            svs_list_remove(&row->track_node);
            row->tracked = false;
        }
        idl_row_destroy(row);
    }
}

static void
idl_clear(struct db_idl *idl)
{
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        idl_clear_table(&idl->tables[i]);
    }
    idl_clear_table(idl->server_table);
}

const struct db_idl_class *
db_idl_get_class(const struct db_idl *idl)
{
    return idl->class_;
}

/* Registration. */

static struct db_idl_table *
column_table(const struct db_idl *idl, const struct db_idl_column *column)
{
    svs_assert(column->table && column->table->class_ == idl->class_);
    return &idl->tables[column->table->index];
}

void
db_idl_add_column(struct db_idl *idl, const struct db_idl_column *column)
{
    struct db_idl_table *t = column_table(idl, column);
    t->modes[column->index] |= IDL_MONITOR | IDL_ALERT;
    t->wanted = true;
}

void
db_idl_add_table(struct db_idl *idl, const struct db_idl_table_class *tc)
{
    idl_table(idl, tc)->wanted = true;
}

void
db_idl_omit(struct db_idl *idl, const struct db_idl_column *column)
{
    struct db_idl_table *t = column_table(idl, column);
    t->modes[column->index] = 0;
}

void
db_idl_omit_alert(struct db_idl *idl, const struct db_idl_column *column)
{
    struct db_idl_table *t = column_table(idl, column);
    t->modes[column->index] = (t->modes[column->index] | IDL_MONITOR)
                              & ~IDL_ALERT;
    t->wanted = true;
}

static void
table_enable_tracking(struct db_idl_table *t)
{
    if (t->tracked) {
        return;
    }
    t->tracked = true;
    /* Rows that already exist get their tracking state now. */
    size_t n = t->class_->n_columns;
    struct db_idl_row *row;
    HMAP_FOR_EACH (row, hmap_node, &t->rows) {
        if (!row->updated) {
            row->updated = idl_bitmap_alloc(n ? n : 1);
            row->column_seqnos = xcalloc(n ? n : 1,
                                         sizeof *row->column_seqnos);
        }
    }
}

void
db_idl_track_add_column(struct db_idl *idl, const struct db_idl_column *c)
{
    struct db_idl_table *t = column_table(idl, c);
    svs_assert(t->modes[c->index] & IDL_MONITOR);
    t->modes[c->index] |= IDL_TRACK;
    table_enable_tracking(t);
}

void
db_idl_track_add_all(struct db_idl *idl)
{
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct db_idl_table *t = &idl->tables[i];
        for (size_t j = 0; j < t->class_->n_columns; j++) {
            if (t->modes[j] & IDL_MONITOR) {
                t->modes[j] |= IDL_TRACK;
            }
        }
        table_enable_tracking(t);
    }
}

/* Lazy updates. */

/* The session's raw hook: keeps update notifications as text while lazy
 * updates are on. */
static bool
idl_raw_hook(const char *text, size_t len, void *idl_)
{
    struct db_idl *idl = idl_;
    const char *v;
    size_t n;

    if (!idl->lazy_updates
        || !json_skim_member(text, len, "method", &v, &n)
        || !((n == 8 && !memcmp(v, "\"update\"", 8))
             || (n == 9 && (!memcmp(v, "\"update2\"", 9)
                            || !memcmp(v, "\"update3\"", 9))))
        || (json_skim_member(text, len, "id", &v, &n)
            && !(n == 4 && !memcmp(v, "null", 4)))) {
        return false;
    }
    if (idl->n_deferred >= idl->allocated_deferred) {
        idl->deferred = x2nrealloc(idl->deferred, &idl->allocated_deferred,
                                   sizeof *idl->deferred);
    }
    struct idl_deferred *d = &idl->deferred[idl->n_deferred++];
    d->text = xmemdup(text, len);
    d->len = len;
    return true;
}

/* Parses and applies the kept update notifications, oldest first. */
void
idl_flush_deferred(struct db_idl *idl)
{
    for (size_t i = 0; i < idl->n_deferred; i++) {
        struct idl_deferred *d = &idl->deferred[i];
        char *error;
        json_t *json = json_from_buffer_err(d->text, d->len, &error);
        struct jsonrpc_msg *msg = NULL;
        if (json) {
            error = jsonrpc_msg_from_json(json, &msg);
        }
        if (error) {
            VLOG_WARN_RL(&rl, "%s: received bad JSON-RPC message: %s",
                         idl_name(idl), error);
            free(error);
        } else {
            idl_handle_msg(idl, msg);
            jsonrpc_msg_destroy(msg);
        }
        free(d->text);
    }
    idl->n_deferred = 0;
}

void
db_idl_set_lazy_updates(struct db_idl *idl, bool lazy)
{
    idl->lazy_updates = lazy;
    if (!lazy) {
        idl_flush_deferred(idl);
    }
}

/* The main loop. */

void
db_idl_run(struct db_idl *idl)
{
    svs_assert(!idl->txn);

    free_dead_rows(idl);
    clear_stale_refs(idl);
    if (!idl->session) {
        return;
    }

    jsonrpc_session_run(idl->session);
    idl->more_to_do = false;
    for (int i = 0; ; i++) {
        unsigned int seqno = jsonrpc_session_get_seqno(idl->session);
        if (seqno != idl->session_seqno) {
            idl->session_seqno = seqno;
            idl_connection_changed(idl);
        }
        if (i >= MAX_MSGS_PER_RUN) {
            idl->more_to_do = true;
            break;
        }
        struct jsonrpc_msg *msg = jsonrpc_session_recv(idl->session);
        if (!msg) {
            break;
        }
        if (idl->n_deferred
            && !((msg->type == JSONRPC_REPLY || msg->type == JSONRPC_ERROR)
                 && idl_txn_owns_reply(idl, msg->id))) {
            idl_flush_deferred(idl);
        }
        idl_handle_msg(idl, msg);
        jsonrpc_msg_destroy(msg);
    }

    if (idl->state == IDL_S_MONITORING && !idl->cond_request_id) {
        idl_send_cond_change(idl);
    }
    if (!jsonrpc_session_is_alive(idl->session)) {
        /* Dead for good: nothing outstanding can complete. */
        idl_txn_connection_lost(idl);
    }

    if (idl->changed) {
        idl->change_seqno++;
        idl->changed = false;
    }
}

void
db_idl_wait(struct db_idl *idl)
{
    if (idl->session) {
        jsonrpc_session_wait(idl->session);
        jsonrpc_session_recv_wait(idl->session);
    }
    if (idl->more_to_do) {
        poll_immediate_wake();
    }
}

/* The name of the remote, for log messages. */
const char *
idl_name(const struct db_idl *idl)
{
    return (idl->session ? jsonrpc_session_get_name(idl->session)
            : idl->remote ? idl->remote : "(no remote)");
}

/* Marks the replica or the IDL's status as changed: the seqno changes at
 * the end of this run. */
void
idl_note_change(struct db_idl *idl)
{
    idl->changed = true;
}

/* The seqno that changes made now are stamped with. */
static unsigned int
idl_stamp(const struct db_idl *idl)
{
    return idl->change_seqno + 1;
}

bool
idl_send_request(struct db_idl *idl, struct jsonrpc_msg *msg)
{
    if (!idl->session || !jsonrpc_session_is_connected(idl->session)) {
        jsonrpc_msg_destroy(msg);
        return false;
    }
    return !jsonrpc_session_send(idl->session, msg);
}

/* Sends request 'method' with 'params' and stores its id in '*idp'
 * (replacing what was there). */
static void
idl_send_tracked_request(struct db_idl *idl, const char *method,
                         json_t *params, json_t **idp)
{
    json_t *id;
    struct jsonrpc_msg *msg = jsonrpc_create_request(method, params, &id);
    json_decref(*idp);
    *idp = id;
    idl_send_request(idl, msg);
}

static void
idl_connection_changed(struct db_idl *idl)
{
    /* What arrived on the old connection comes first. */
    idl_flush_deferred(idl);

    bool connected = (idl->session
                      && jsonrpc_session_is_connected(idl->session));

    json_decref(idl->request_id);
    idl->request_id = NULL;
    json_decref(idl->cond_request_id);
    idl->cond_request_id = NULL;
    json_decref(idl->lock_request_id);
    idl->lock_request_id = NULL;
    idl->server_monitoring = false;
    idl->db_missing = false;

    if (idl->has_lock || idl->is_lock_contended) {
        idl->has_lock = false;
        idl->is_lock_contended = false;
    }
    if (idl->state == IDL_S_MONITORING) {
        VLOG_DBG("%s: connection lost", idl_name(idl));
    }
    /* Connecting and disconnecting both change the seqno. */
    idl_note_change(idl);
    idl_txn_connection_lost(idl);

    /* The in-flight condition change, if any, is covered by the next
     * monitor request. */
    idl->cond_in_flight_target = 0;

    idl->method = IDL_M_COND_SINCE;
    if (connected) {
        if (idl->lock_name) {
            idl_send_lock_request(idl, "lock", idl->lock_name);
        }
        idl_send_server_monitor(idl);
    } else {
        idl->state = IDL_S_DISCONNECTED;
    }
}

/* Drops the connection to try again after backoff (a session without
 * retry dies instead). */
static void
idl_retry(struct db_idl *idl)
{
    idl->state = IDL_S_ERROR;
    if (idl->session) {
        jsonrpc_session_force_reconnect(idl->session);
    }
}

/* The _Server database. */

static void
idl_send_server_monitor(struct db_idl *idl)
{
    json_t *columns = json_array();
    const struct db_idl_table_class *tc = idl->server_table->class_;
    for (size_t i = 0; i < tc->n_columns; i++) {
        json_array_add(columns, json_string(tc->columns[i].name));
    }
    json_t *where = json_array_of(1, json_array_of(
                                      3, json_string("name"),
                                      json_string("=="),
                                      json_string(idl->class_->database)));
    json_t *req = json_object();
    json_object_put(req, "columns", columns);
    json_object_put(req, "where", where);
    json_t *requests = json_object();
    json_object_put(requests, "Database", json_array_of(1, req));

    idl_send_tracked_request(
        idl, "monitor_cond",
        json_array_of(3, json_string("_Server"),
                      json_incref(idl->server_monitor_id), requests),
        &idl->request_id);
    idl->state = IDL_S_SERVER_MONITOR_REQUESTED;

    /* Ask to hear of schema changes instead of being disconnected.  Old
     * servers answer with an error, which is ignored. */
    idl_send_request(idl, jsonrpc_create_request(
                         "set_db_change_aware",
                         json_array_of(1, json_true()), NULL));
}

static const struct db_datum *
server_col(const struct db_idl_row *row, const char *name)
{
    const struct db_idl_column *c = db_idl_table_class_get_column(
        row->table->class_, name);
    return &row->old_datum[c->index];
}

static const char *
datum_string(const struct db_datum *d)
{
    return d->n ? d->keys[0].s->s : NULL;
}

static bool
datum_bool(const struct db_datum *d)
{
    return d->n && d->keys[0].boolean;
}

enum server_db_status {
    SERVER_DB_OK,
    SERVER_DB_MISSING,
    SERVER_DB_UNUSABLE
};

/* Checks the database's row in the _Server replica.  On success, stores
 * its schema text (or NULL) in '*schemap'. */
static enum server_db_status
idl_check_server_db(struct db_idl *idl, const char **schemap)
{
    const struct db_idl_row *row, *found = NULL;
    HMAP_FOR_EACH (row, hmap_node, &idl->server_table->rows) {
        const char *name = datum_string(server_col(row, "name"));
        if (name && !strcmp(name, idl->class_->database)) {
            found = row;
            break;
        }
    }
    *schemap = NULL;
    if (!found) {
        VLOG_WARN_RL(&rl, "%s: server does not have %s database",
                     idl_name(idl), idl->class_->database);
        return SERVER_DB_MISSING;
    }

    const char *model = datum_string(server_col(found, "model"));
    if (model && !strcmp(model, "clustered")) {
        if (!datum_bool(server_col(found, "connected"))) {
            VLOG_INFO_RL(&rl, "%s: clustered database %s is not connected",
                         idl_name(idl), idl->class_->database);
            return SERVER_DB_UNUSABLE;
        }
        if (idl->leader_only && !datum_bool(server_col(found, "leader"))) {
            VLOG_INFO_RL(&rl, "%s: %s is not the leader of clustered "
                         "database %s", idl_name(idl), idl_name(idl),
                         idl->class_->database);
            return SERVER_DB_UNUSABLE;
        }
    }
    *schemap = datum_string(server_col(found, "schema"));
    return SERVER_DB_OK;
}

/* Takes the server's schema of the database from 'json' (not stolen).
 * Returns false if it cannot be used. */
static bool
idl_set_server_schema(struct db_idl *idl, const json_t *json)
{
    struct db_schema *schema;
    struct db_error *error = db_schema_from_json(json, &schema);
    if (error) {
        char *s = db_error_to_string_free(error);
        VLOG_WARN_RL(&rl, "%s: cannot parse the schema of %s: %s",
                     idl_name(idl), idl->class_->database, s);
        free(s);
        return false;
    }
    if (strcmp(schema->name, idl->class_->database)) {
        VLOG_WARN_RL(&rl, "%s: server's schema is for database %s, not %s",
                     idl_name(idl), schema->name, idl->class_->database);
        db_schema_destroy(schema);
        return false;
    }

    if ((idl->server_schema && !db_schema_equal(idl->server_schema, schema))
        || idl->server_schema_assumed) {
        /* A converted database: the transaction history is gone. */
        idl->resync_full = true;
    }
    idl->server_schema_assumed = false;
    db_schema_destroy(idl->server_schema);
    idl->server_schema = schema;

    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct db_idl_table *t = &idl->tables[i];
        const struct db_table_schema *ts = db_schema_get_table(
            schema, t->class_->name);
        t->in_server = ts != NULL;
        if (!ts && t->wanted) {
            VLOG_WARN_RL(&rl, "%s: table %s is not in the server's schema; "
                         "not replicating it", idl_name(idl), t->class_->name);
        }
        for (size_t j = 0; j < t->class_->n_columns; j++) {
            const struct db_idl_column *c = &t->class_->columns[j];
            const struct db_column *sc = (ts
                                          ? db_table_schema_get_column(
                                              ts, c->name)
                                          : NULL);
            /* Constraints may differ between versions of a schema (more
             * enum values, other bounds); the atomic types may not. */
            t->server_has[j] = (sc
                                && sc->type.key.type == c->type.key.type
                                && sc->type.value.type == c->type.value.type);
            if (sc && !t->server_has[j]) {
                VLOG_WARN_RL(&rl, "%s: column %s.%s has a different type in "
                             "the server's schema; not replicating it",
                             idl_name(idl), t->class_->name, c->name);
            }
        }
    }
    return true;
}

/* Whether the top-level member 'name' of the JSON object text 'text' is
 * the JSON string 'value' (written without escapes). */
static bool
schema_member_is(const char *text, const char *name, const char *value)
{
    const char *v;
    size_t n;
    size_t len = strlen(value);

    return (json_skim_member(text, strlen(text), name, &v, &n)
            && n == len + 2 && v[0] == '"' && v[n - 1] == '"'
            && !memcmp(v + 1, value, len));
}

/* Takes the server's schema to be the class's, without parsing it: every
 * table and column is there. */
static void
idl_assume_class_schema(struct db_idl *idl, const char *text)
{
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct db_idl_table *t = &idl->tables[i];
        t->in_server = true;
        for (size_t j = 0; j < t->class_->n_columns; j++) {
            t->server_has[j] = true;
        }
    }
    db_schema_destroy(idl->server_schema);
    idl->server_schema = NULL;
    free(idl->server_schema_text);
    idl->server_schema_text = xstrdup(text);
    idl->server_schema_assumed = true;
}

/* Takes schema text 'text' from _Server.  Returns false if unusable. */
static bool
idl_set_server_schema_text(struct db_idl *idl, const char *text)
{
    if (idl->server_schema_text && !strcmp(idl->server_schema_text, text)
        && (idl->server_schema || idl->server_schema_assumed)) {
        return true;
    }

    /* The schema is some 30 kB of JSON whose parsing dominated short
     * clients such as svs-vsctl.  When its name, version and cksum are the
     * class's, it is the schema the bindings were generated from (if a
     * server's schema is edited without a new cksum, the monitor request
     * fails and idl_monitor_reply() parses it after all). */
    const struct db_idl_class *class = idl->class_;
    if (!idl->server_schema_text && !idl->schema_shortcut_failed
        && class->cksum && class->cksum[0]
        && schema_member_is(text, "name", class->database)
        && schema_member_is(text, "version", class->version)
        && schema_member_is(text, "cksum", class->cksum)) {
        idl_assume_class_schema(idl, text);
        return true;
    }

    char *error_s;
    json_t *json = json_from_string_err(text, &error_s);
    if (!json) {
        VLOG_WARN_RL(&rl, "%s: bad schema in _Server: %s", idl_name(idl),
                     error_s);
        free(error_s);
        return false;
    }
    bool ok = idl_set_server_schema(idl, json);
    json_decref(json);
    if (ok) {
        free(idl->server_schema_text);
        idl->server_schema_text = xstrdup(text);
    }
    return ok;
}

static void
idl_send_schema_request(struct db_idl *idl)
{
    idl_send_tracked_request(idl, "get_schema",
                             json_array_of(1, json_string(
                                               idl->class_->database)),
                             &idl->request_id);
    idl->state = IDL_S_DATA_SCHEMA_REQUESTED;
}

static void apply_updates(struct db_idl *, const json_t *updates,
                          int version, bool snapshot, bool server);

/* Handles the reply to the _Server monitor. */
static void
idl_server_monitor_reply(struct db_idl *idl, const struct jsonrpc_msg *msg)
{
    if (msg->type == JSONRPC_ERROR) {
        /* No _Server database or no monitor_cond: an older server. */
        VLOG_DBG("%s: _Server not available, using get_schema",
                 idl_name(idl));
        idl_send_schema_request(idl);
        return;
    }

    apply_updates(idl, msg->result, 2, true, true);
    idl->server_monitoring = true;

    const char *schema;
    switch (idl_check_server_db(idl, &schema)) {
    case SERVER_DB_OK:
        if (!schema) {
            idl_send_schema_request(idl);
        } else if (idl_set_server_schema_text(idl, schema)) {
            idl_send_monitor_request(idl);
        } else {
            idl_retry(idl);
        }
        break;
    case SERVER_DB_MISSING:
        idl->db_missing = true;
        idl_retry(idl);
        break;
    case SERVER_DB_UNUSABLE:
    default:
        idl_retry(idl);
        break;
    }
}

/* Handles an update of _Server while the data database is monitored or
 * being set up. */
static void
idl_server_update(struct db_idl *idl)
{
    const char *schema;
    switch (idl_check_server_db(idl, &schema)) {
    case SERVER_DB_OK:
        idl->db_missing = false;
        /* A new schema comes with "monitor_canceled" for the data
         * monitor, which fetches it again; remember it meanwhile. */
        if (schema) {
            idl_set_server_schema_text(idl, schema);
        }
        break;
    case SERVER_DB_MISSING:
        /* The database went away (or is being replaced by a conversion):
         * the server cancels the monitor, and fetching the schema then
         * tells whether it is really gone. */
        idl->db_missing = true;
        break;
    case SERVER_DB_UNUSABLE:
    default:
        /* A clustered database lost its connection or leadership: try
         * another server. */
        if (idl->state == IDL_S_MONITORING
            || idl->state == IDL_S_DATA_MONITOR_REQUESTED) {
            idl_retry(idl);
        }
        break;
    }
}

static void
idl_schema_reply(struct db_idl *idl, const struct jsonrpc_msg *msg)
{
    if (msg->type == JSONRPC_ERROR) {
        char *s = json_to_string(msg->error, 0);
        VLOG_WARN_RL(&rl, "%s: get_schema of %s failed: %s", idl_name(idl),
                     idl->class_->database, s);
        free(s);
        idl_retry(idl);
        return;
    }
    if (!idl_set_server_schema(idl, msg->result)) {
        idl_retry(idl);
        return;
    }
    free(idl->server_schema_text);
    idl->server_schema_text = NULL;
    idl_send_monitor_request(idl);
}

/* The data database's monitor. */

/* Builds the "requests" of a monitor request: every wanted table in the
 * server's schema with its wanted columns and (for 'with_cond')
 * conditions. */
static json_t *
idl_build_requests(struct db_idl *idl, bool with_cond, bool acked_cond)
{
    json_t *requests = json_object();
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct db_idl_table *t = &idl->tables[i];
        const struct db_idl_table_class *tc = t->class_;

        if (!t->wanted) {
            continue;
        }
        if (!t->in_server) {
            continue;
        }

        json_t *columns = json_array();
        for (size_t j = 0; j < tc->n_columns; j++) {
            if ((t->modes[j] & IDL_MONITOR) && t->server_has[j]) {
                json_array_add(columns, json_string(tc->columns[j].name));
            }
        }

        json_t *req = json_object();
        json_object_put(req, "columns", columns);
        json_t *cond = acked_cond ? t->cond_acked : t->cond;
        if (with_cond && cond) {
            const json_t *first = json_array_get(cond, 0);
            if (!(json_array_size(cond) == 1 && json_is_true(first))) {
                json_object_put(req, "where", json_incref(cond));
            }
        }
        json_object_put(requests, tc->name, json_array_of(1, req));
    }
    return requests;
}

static void
idl_send_monitor_request(struct db_idl *idl)
{
    bool with_cond = idl->method != IDL_M_PLAIN;
    json_t *requests = idl_build_requests(idl, with_cond, false);

    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct db_idl_table *t = &idl->tables[i];
        t->monitored = t->wanted && t->in_server;
        json_decref(t->cond_requested);
        t->cond_requested = json_incref(t->cond);
    }
    idl->monitor_cond_target = idl->cond_target;

    json_t *params = json_array_of(3, json_string(idl->class_->database),
                                   json_incref(idl->monitor_id), requests);
    if (idl->method == IDL_M_COND_SINCE) {
        /* Resume only a replica made from exactly this request. */
        char *text = json_to_string(requests, JSSF_SORT);
        bool resume = (idl->have_last_id && !idl->resync_full
                       && idl->monitor_signature
                       && !strcmp(text, idl->monitor_signature));
        free(text);

        struct uuid zero;
        uuid_zero(&zero);
        char id[UUID_LEN + 1];
        uuid_to_string(resume ? &idl->last_id : &zero, id);
        json_array_add(params, json_string(id));
    }
    idl_send_tracked_request(idl, method_name(idl->method), params,
                             &idl->request_id);
    idl->state = IDL_S_DATA_MONITOR_REQUESTED;
}

/* Remembers the request that the replica now reflects, so that a later
 * monitor_cond_since may resume it. */
static void
idl_update_signature(struct db_idl *idl)
{
    free(idl->monitor_signature);
    json_t *requests = idl_build_requests(idl, true, true);
    idl->monitor_signature = json_to_string(requests, JSSF_SORT);
    json_decref(requests);
}

static bool
is_unknown_method(const struct jsonrpc_msg *msg)
{
    return (msg->type == JSONRPC_ERROR && json_is_string(msg->error)
            && !strcmp(json_string_value(msg->error), "unknown method"));
}

static size_t
count_rows(const json_t *updates)
{
    size_t n = 0;
    const char *name;
    json_t *rows;
    json_object_foreach (CONST_CAST(json_t *, updates), name, rows) {
        n += json_object_size(rows);
    }
    return n;
}

static void
idl_monitor_reply(struct db_idl *idl, const struct jsonrpc_msg *msg)
{
    if (is_unknown_method(msg) && idl->method != IDL_M_PLAIN) {
        VLOG_DBG("%s: server lacks %s, falling back", idl_name(idl),
                 method_name(idl->method));
        idl->method++;
        idl_send_monitor_request(idl);
        return;
    }
    if (msg->type == JSONRPC_ERROR) {
        if (idl->server_schema_assumed && idl->server_schema_text) {
            /* Perhaps the schema was not the class's after all: parse it
             * and ask again for what it really has. */
            char *text = xstrdup(idl->server_schema_text);
            free(idl->server_schema_text);
            idl->server_schema_text = NULL;
            idl->server_schema_assumed = false;
            idl->schema_shortcut_failed = true;
            bool ok = idl_set_server_schema_text(idl, text);
            free(text);
            if (ok) {
                idl_send_monitor_request(idl);
                return;
            }
        }
        char *s = json_to_string(msg->error, 0);
        VLOG_WARN_RL(&rl, "%s: %s of %s failed: %s", idl_name(idl),
                     method_name(idl->method), idl->class_->database, s);
        free(s);
        idl_retry(idl);
        return;
    }

    const json_t *updates = msg->result;
    bool found = false;
    if (idl->method == IDL_M_COND_SINCE) {
        const json_t *r = msg->result;
        struct uuid last_id;
        if (!json_is_array(r) || json_array_size(r) != 3
            || !json_is_boolean(json_array_get(r, 0))
            || !json_is_string(json_array_get(r, 1))
            || !uuid_from_string(&last_id,
                                 json_string_value(json_array_get(r, 1)))) {
            VLOG_WARN_RL(&rl, "%s: bad monitor_cond_since reply",
                         idl_name(idl));
            idl_retry(idl);
            return;
        }
        found = json_is_true(json_array_get(r, 0));
        updates = json_array_get(r, 2);
        idl->last_id = last_id;
        idl->have_last_id = true;
    } else {
        idl->have_last_id = false;
        uuid_zero(&idl->last_id);
    }
    if (!json_is_object(updates)) {
        VLOG_WARN_RL(&rl, "%s: bad %s reply", idl_name(idl),
                     method_name(idl->method));
        idl_retry(idl);
        return;
    }

    idl->stats.monitor_method = method_name(idl->method);
    idl->stats.last_found = found;
    idl->stats.last_reply_rows = count_rows(updates);
    idl->stats.n_connections++;
    VLOG_DBG("%s: %s reply: found=%s, %zu rows", idl_name(idl),
             method_name(idl->method), found ? "true" : "false",
             idl->stats.last_reply_rows);

    long long int start = time_usec();
    apply_updates(idl, updates, idl->method == IDL_M_PLAIN ? 1 : 2, !found,
                  false);
    VLOG_DBG("%s: applied %zu rows in %lld us", idl_name(idl),
             idl->stats.last_reply_rows, time_usec() - start);

    idl->resync_full = false;
    idl->state = IDL_S_MONITORING;
    idl->has_ever_connected = true;
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct db_idl_table *t = &idl->tables[i];
        json_decref(t->cond_acked);
        t->cond_acked = json_incref(t->cond_requested);
    }
    if (idl->monitor_cond_target > idl->cond_seqno) {
        idl->cond_seqno = idl->monitor_cond_target;
    }
    idl_update_signature(idl);
    idl_note_change(idl);
    idl_txn_synced(idl);
}

/* Conditions. */

static void
idl_send_cond_change(struct db_idl *idl)
{
    json_t *requests = NULL;
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct db_idl_table *t = &idl->tables[i];
        if (!t->monitored
            || (t->cond_requested && json_equal(t->cond, t->cond_requested))) {
            continue;
        }
        json_decref(t->cond_requested);
        t->cond_requested = json_incref(t->cond);
        if (idl->method == IDL_M_PLAIN) {
            /* Plain "monitor" replicates every row anyway. */
            continue;
        }
        if (!requests) {
            requests = json_object();
        }
        json_t *req = json_object();
        json_object_put(req, "where", json_incref(t->cond));
        json_object_put(requests, t->class_->name, json_array_of(1, req));
    }

    if (requests) {
        idl->cond_in_flight_target = idl->cond_target;
        idl_send_tracked_request(
            idl, "monitor_cond_change",
            json_array_of(3, json_incref(idl->monitor_id),
                          json_incref(idl->monitor_id), requests),
            &idl->cond_request_id);
    } else if (idl->cond_seqno < idl->cond_target) {
        /* Nothing to send: every table is either not monitored or
         * unconditional on the server (plain monitor). */
        for (size_t i = 0; i < idl->class_->n_tables; i++) {
            struct db_idl_table *t = &idl->tables[i];
            json_decref(t->cond_acked);
            t->cond_acked = json_incref(t->cond_requested);
        }
        idl->cond_seqno = idl->cond_target;
        idl_note_change(idl);
    }
}

static void
idl_cond_change_reply(struct db_idl *idl, const struct jsonrpc_msg *msg)
{
    json_decref(idl->cond_request_id);
    idl->cond_request_id = NULL;
    if (msg->type == JSONRPC_ERROR) {
        char *s = json_to_string(msg->error, 0);
        VLOG_WARN_RL(&rl, "%s: monitor_cond_change failed: %s",
                     idl_name(idl), s);
        free(s);
        /* The replica keeps the old conditions; only a resynchronization
         * (at the next connection) can recover, so forget resumption. */
        idl->resync_full = true;
    } else {
        for (size_t i = 0; i < idl->class_->n_tables; i++) {
            struct db_idl_table *t = &idl->tables[i];
            json_decref(t->cond_acked);
            t->cond_acked = json_incref(t->cond_requested);
        }
        idl_update_signature(idl);
    }
    if (idl->cond_in_flight_target > idl->cond_seqno) {
        idl->cond_seqno = idl->cond_in_flight_target;
    }
    idl->cond_in_flight_target = 0;
    idl_note_change(idl);
}

const char *
db_idl_function_to_string(enum db_idl_function function)
{
    switch (function) {
    case DB_IDL_F_LT:
        return "<";
    case DB_IDL_F_LE:
        return "<=";
    case DB_IDL_F_EQ:
        return "==";
    case DB_IDL_F_NE:
        return "!=";
    case DB_IDL_F_GE:
        return ">=";
    case DB_IDL_F_GT:
        return ">";
    case DB_IDL_F_INCLUDES:
        return "includes";
    case DB_IDL_F_EXCLUDES:
        return "excludes";
    default:
        SVS_NOT_REACHED();
    }
}

void
db_idl_condition_init(struct db_idl_condition *cond)
{
    cond->clauses = json_array();
    cond->is_true = false;
}

void
db_idl_condition_clear(struct db_idl_condition *cond)
{
    json_array_clear(cond->clauses);
    cond->is_true = false;
}

void
db_idl_condition_destroy(struct db_idl_condition *cond)
{
    if (cond) {
        json_decref(cond->clauses);
        cond->clauses = NULL;
    }
}

void
db_idl_condition_add_clause_true(struct db_idl_condition *cond)
{
    cond->is_true = true;
}

bool
db_idl_condition_is_true(const struct db_idl_condition *cond)
{
    return cond->is_true;
}

void
db_idl_condition_add_clause(struct db_idl_condition *cond,
                            enum db_idl_function function,
                            const struct db_idl_column *column,
                            const struct db_datum *arg)
{
    json_array_add(cond->clauses, json_array_of(
                       3, json_string(column->name),
                       json_string(db_idl_function_to_string(function)),
                       db_datum_to_json(arg, &column->type)));
}

void
db_idl_condition_add_uuid_clause(struct db_idl_condition *cond,
                                 enum db_idl_function function,
                                 const struct uuid *uuid)
{
    char s[UUID_LEN + 1];
    uuid_to_string(uuid, s);
    json_array_add(cond->clauses, json_array_of(
                       3, json_string("_uuid"),
                       json_string(db_idl_function_to_string(function)),
                       json_array_of(2, json_string("uuid"),
                                     json_string(s))));
}

/* Returns the wire form of 'cond': an array of clauses, [true] or
 * [false]. */
static json_t *
condition_to_json(const struct db_idl_condition *cond)
{
    if (cond->is_true) {
        return json_array_of(1, json_true());
    } else if (!json_array_size(cond->clauses)) {
        return json_array_of(1, json_false());
    }
    return json_deep_copy(cond->clauses);
}

unsigned int
db_idl_set_condition(struct db_idl *idl, const struct db_idl_table_class *tc,
                     const struct db_idl_condition *cond)
{
    struct db_idl_table *t = idl_table(idl, tc);
    json_t *json = condition_to_json(cond);
    if (json_equal(json, t->cond)) {
        json_decref(json);
        return idl->cond_target > idl->cond_seqno
               ? idl->cond_target : idl->cond_seqno;
    }
    json_decref(t->cond);
    t->cond = json;

    /* The next request that can carry it: after the one in flight, if
     * any. */
    unsigned int base = (idl->cond_in_flight_target
                         ? idl->cond_in_flight_target : idl->cond_seqno);
    if (idl->cond_target <= base) {
        idl->cond_target = base + 1;
    }
    if (idl->state != IDL_S_MONITORING
        && idl->state != IDL_S_DATA_MONITOR_REQUESTED) {
        /* The next monitor request will carry it. */
    }
    return idl->cond_target;
}

unsigned int
db_idl_get_condition_seqno(const struct db_idl *idl)
{
    return idl->cond_seqno;
}

/* Locks. */

static void
idl_send_lock_request(struct db_idl *idl, const char *method,
                      const char *name)
{
    struct jsonrpc_msg *msg = jsonrpc_create_request(
        method, json_array_of(1, json_string(name)),
        !strcmp(method, "lock") ? &idl->lock_request_id : NULL);
    idl_send_request(idl, msg);
}

void
db_idl_set_lock(struct db_idl *idl, const char *lock_name)
{
    if (lock_name && idl->lock_name && !strcmp(lock_name, idl->lock_name)) {
        return;
    }
    bool connected = idl->session
                     && jsonrpc_session_is_connected(idl->session);
    if (idl->lock_name) {
        if (connected) {
            idl_send_lock_request(idl, "unlock", idl->lock_name);
        }
        free(idl->lock_name);
        idl->lock_name = NULL;
    }
    json_decref(idl->lock_request_id);
    idl->lock_request_id = NULL;
    if (idl->has_lock || idl->is_lock_contended) {
        idl_note_change(idl);
    }
    idl->has_lock = false;
    idl->is_lock_contended = false;

    if (lock_name) {
        idl->lock_name = xstrdup(lock_name);
        if (connected) {
            idl_send_lock_request(idl, "lock", lock_name);
        }
    }
}

bool
db_idl_has_lock(const struct db_idl *idl)
{
    return idl->has_lock;
}

bool
db_idl_is_lock_contended(const struct db_idl *idl)
{
    return idl->is_lock_contended;
}

static void
idl_lock_reply(struct db_idl *idl, const struct jsonrpc_msg *msg)
{
    json_decref(idl->lock_request_id);
    idl->lock_request_id = NULL;
    if (msg->type == JSONRPC_ERROR) {
        char *s = json_to_string(msg->error, 0);
        VLOG_WARN_RL(&rl, "%s: lock request failed: %s", idl_name(idl), s);
        free(s);
        return;
    }
    bool locked = json_is_true(json_get(msg->result, "locked"));
    idl->has_lock = locked;
    idl->is_lock_contended = !locked;
    idl_note_change(idl);
}

static void
idl_lock_notify(struct db_idl *idl, const struct jsonrpc_msg *msg,
                bool locked)
{
    const json_t *name = json_array_get(msg->params, 0);
    if (!idl->lock_name || !json_is_string(name)
        || strcmp(json_string_value(name), idl->lock_name)) {
        return;
    }
    if (!locked) {
        VLOG_INFO("%s: lock %s was stolen by another client", idl_name(idl),
                  idl->lock_name);
    }
    idl->has_lock = locked;
    idl->is_lock_contended = !locked;
    idl_note_change(idl);
}

/* Messages. */

static bool
id_matches(const json_t *a, const json_t *b)
{
    return a && b && json_equal(a, b);
}

static void
idl_handle_notify(struct db_idl *idl, const struct jsonrpc_msg *msg)
{
    const char *m = msg->method;
    const json_t *params = msg->params;
    const json_t *id = json_array_get(params, 0);

    if (!strcmp(m, "update") || !strcmp(m, "update2")
        || !strcmp(m, "update3")) {
        bool v3 = !strcmp(m, "update3");
        size_t n = v3 ? 3 : 2;
        const json_t *updates = json_array_get(params, n - 1);
        if (json_array_size(params) != n || !json_is_object(updates)) {
            VLOG_WARN_RL(&rl, "%s: bad %s notification", idl_name(idl), m);
            return;
        }
        if (id_matches(id, idl->server_monitor_id)) {
            if (idl->server_monitoring) {
                apply_updates(idl, updates, 2, false, true);
                idl_server_update(idl);
            }
        } else if (id_matches(id, idl->monitor_id)) {
            if (idl->state != IDL_S_MONITORING) {
                return;
            }
            if (v3) {
                const json_t *last = json_array_get(params, 1);
                if (json_is_string(last)
                    && uuid_from_string(&idl->last_id,
                                        json_string_value(last))) {
                    idl->have_last_id = true;
                }
            }
            idl->stats.n_updates++;
            apply_updates(idl, updates, !strcmp(m, "update") ? 1 : 2,
                          false, false);
        }
    } else if (!strcmp(m, "locked")) {
        idl_lock_notify(idl, msg, true);
    } else if (!strcmp(m, "stolen")) {
        idl_lock_notify(idl, msg, false);
    } else if (!strcmp(m, "monitor_canceled")) {
        if (id_matches(id, idl->monitor_id)) {
            VLOG_INFO("%s: monitor of %s canceled by the server (schema "
                      "change?); monitoring again", idl_name(idl),
                      idl->class_->database);
            idl->resync_full = true;
            if (idl->state == IDL_S_MONITORING
                || idl->state == IDL_S_DATA_MONITOR_REQUESTED) {
                idl_send_schema_request(idl);
            }
        } else if (id_matches(id, idl->server_monitor_id)) {
            idl->server_monitoring = false;
        }
    }
}

static void
idl_handle_reply(struct db_idl *idl, const struct jsonrpc_msg *msg)
{
    if (id_matches(msg->id, idl->request_id)) {
        json_decref(idl->request_id);
        idl->request_id = NULL;
        switch (idl->state) {
        case IDL_S_SERVER_MONITOR_REQUESTED:
            idl_server_monitor_reply(idl, msg);
            break;
        case IDL_S_DATA_SCHEMA_REQUESTED:
            idl_schema_reply(idl, msg);
            break;
        case IDL_S_DATA_MONITOR_REQUESTED:
            idl_monitor_reply(idl, msg);
            break;
        case IDL_S_DISCONNECTED:
        case IDL_S_MONITORING:
        case IDL_S_ERROR:
        default:
            break;
        }
    } else if (id_matches(msg->id, idl->cond_request_id)) {
        idl_cond_change_reply(idl, msg);
    } else if (id_matches(msg->id, idl->lock_request_id)) {
        idl_lock_reply(idl, msg);
    } else if (idl_txn_owns_reply(idl, msg->id)) {
        idl_txn_process_reply(idl, msg);
    }
}

static void
idl_handle_msg(struct db_idl *idl, struct jsonrpc_msg *msg)
{
    switch (msg->type) {
    case JSONRPC_NOTIFY:
        idl_handle_notify(idl, msg);
        break;
    case JSONRPC_REPLY:
    case JSONRPC_ERROR:
        idl_handle_reply(idl, msg);
        break;
    case JSONRPC_REQUEST:
    default:
        /* The session answers "echo"; a server sends nothing else. */
        break;
    }
}

/* Applying updates. */

/* Parses 'json' as a value of column 'c' of 't' into '*out', accepting
 * anything of the right atomic types. */
static bool
parse_value(struct db_idl_table *t, const struct db_idl_column *c,
            const json_t *json, const struct uuid *uuid,
            struct db_datum *out)
{
    struct db_error *error = db_datum_from_json(out, &t->wire_types[c->index],
                                                json, NULL);
    if (error) {
        char *s = db_error_to_string_free(error);
        VLOG_WARN_RL(&rl, "%s: bad value for column %s of %s row "UUID_FMT
                     ": %s", idl_name(t->idl), c->name, t->class_->name,
                     UUID_ARGS(uuid), s);
        free(s);
        return false;
    }
    return true;
}

/* Combines 'old' with the update2 "modify" 'diff' into 'out'. */
static void
datum_apply_diff(struct db_datum *out, const struct db_datum *old,
                 const struct db_datum *diff, const struct db_type *type)
{
    enum db_atomic_type kt = type->key.type;
    enum db_atomic_type vt = type->value.type;
    bool is_map = vt != DB_TYPE_VOID;

    if (!is_map && type->n_max == 1) {
        db_datum_clone(out, diff, type);
        return;
    }

    unsigned int n_max = old->n + diff->n;
    out->n = 0;
    out->keys = n_max ? xmalloc(n_max * sizeof *out->keys) : NULL;
    out->values = (is_map && n_max
                   ? xmalloc(n_max * sizeof *out->values) : NULL);

    unsigned int i = 0, j = 0;
    while (i < old->n || j < diff->n) {
        int cmp = (i >= old->n ? 1
                   : j >= diff->n ? -1
                   : db_atom_compare_3way(&old->keys[i], &diff->keys[j],
                                          kt));
        const union db_atom *key, *value;
        if (cmp < 0) {
            key = &old->keys[i];
            value = is_map ? &old->values[i] : NULL;
            i++;
        } else if (cmp > 0) {
            key = &diff->keys[j];
            value = is_map ? &diff->values[j] : NULL;
            j++;
        } else {
            /* In both: a set element is removed; a map pair is removed if
             * the values are equal, else it gets the new value. */
            bool keep = (is_map && !db_atom_equals(&old->values[i],
                                                   &diff->values[j], vt));
            key = &diff->keys[j];
            value = is_map ? &diff->values[j] : NULL;
            i++;
            j++;
            if (!keep) {
                continue;
            }
        }
        db_atom_clone(&out->keys[out->n], key, kt);
        if (is_map) {
            db_atom_clone(&out->values[out->n], value, vt);
        }
        out->n++;
    }
}

/* Records that column 'c' of 'row' changed (the caller already replaced
 * its datum): typed field, alerting, tracking. */
static void
row_column_changed(struct db_idl_row *row, const struct db_idl_column *c,
                   bool *refs_changed, bool *tracked_changed)
{
    struct db_idl_table *t = row->table;
    unsigned char mode = t->modes[c->index];

    idl_row_unparse_column(row, c);
    idl_row_parse_column(row, c, &row->old_datum[c->index]);
    if (idl_column_is_ref(c)) {
        *refs_changed = true;
    }
    if (mode & IDL_ALERT) {
        idl_note_change(t->idl);
    }
    if (row->column_seqnos) {
        row->column_seqnos[c->index] = idl_stamp(t->idl);
    }
    if ((mode & IDL_TRACK) && row->updated) {
        idl_bitmap_set(row->updated, c->index);
        *tracked_changed = true;
    }
}

static void
track_row(struct db_idl_row *row, enum db_idl_change change)
{
    struct db_idl_table *t = row->table;
    unsigned int stamp = idl_stamp(t->idl);

    row->change_seqno[change] = stamp;
    t->change_seqno[change] = stamp;
    if (change == DB_IDL_CHANGE_INSERT) {
        row->track_new = true;
    } else if (change == DB_IDL_CHANGE_MODIFY) {
        row->track_modified = true;
    }
    if (t->tracked && !row->tracked) {
        row->tracked = true;
        svs_list_push_back(&t->track_list, &row->track_node);
    }
}

/* Queues the rows that refer to 'uuid' for re-resolving their
 * references. */
static void
reparse_referrers(struct db_idl *idl, const struct uuid *uuid)
{
    struct db_idl_arc *arc;
    HMAP_FOR_EACH_WITH_HASH (arc, dst_node, uuid_hash(uuid), &idl->arcs) {
        if (uuid_equals(&arc->dst, uuid) && !arc->src->on_work_list) {
            arc->src->on_work_list = true;
            svs_list_push_back(&idl->reparse, &arc->src->work_node);
        }
    }
}

/* Finishes a row that was just inserted and filled in. */
static void
row_inserted(struct db_idl_row *row)
{
    struct db_idl_table *t = row->table;
    struct db_idl *idl = t->idl;

    if (row->column_seqnos) {
        for (size_t i = 0; i < t->class_->n_columns; i++) {
            row->column_seqnos[i] = idl_stamp(idl);
        }
    }
    idl_row_parse(row);
    if (t->has_refs) {
        row_update_arcs(row);
    }
    reparse_referrers(idl, &row->uuid);
    track_row(row, DB_IDL_CHANGE_INSERT);
    if (t->alert_rows) {
        idl_note_change(idl);
    }
}

/* Inserts a row with 'uuid' and the values in <row> 'json'. */
static void
row_insert(struct db_idl_table *t, const struct uuid *uuid,
           const json_t *json)
{
    const struct db_idl_table_class *tc = t->class_;
    size_t n = tc->n_columns;
    struct db_idl_row *row = idl_row_create(t, uuid);
    unsigned long *seen = t->scratch;

    idl_bitmap_zero(seen, n);
    row->old_datum = xmalloc((n ? n : 1) * sizeof *row->old_datum);

    const char *name;
    json_t *value;
    json_object_foreach (CONST_CAST(json_t *, json), name, value) {
        const struct db_idl_column *c = shash_find_data(&t->columns, name);
        if (c && (t->modes[c->index] & IDL_MONITOR)
            && !idl_bitmap_is_set(seen, c->index)
            && parse_value(t, c, value, uuid, &row->old_datum[c->index])) {
            idl_bitmap_set(seen, c->index);
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!idl_bitmap_is_set(seen, i)) {
            db_datum_init_default(&row->old_datum[i], &tc->columns[i].type);
        }
    }
    row->sync_gen = t->idl->sync_gen;
    row_inserted(row);
}

/* Replaces the monitored columns of 'row' by the values in <row> 'json'
 * (absent columns get their defaults). */
static void
row_replace(struct db_idl_row *row, const json_t *json)
{
    struct db_idl_table *t = row->table;
    const struct db_idl_table_class *tc = t->class_;
    size_t n = tc->n_columns;
    unsigned long *seen = t->scratch;
    bool refs_changed = false, tracked_changed = false;

    idl_bitmap_zero(seen, n);
    const char *name;
    json_t *value;
    json_object_foreach (CONST_CAST(json_t *, json), name, value) {
        const struct db_idl_column *c = shash_find_data(&t->columns, name);
        struct db_datum d;
        if (!c || !(t->modes[c->index] & IDL_MONITOR)
            || idl_bitmap_is_set(seen, c->index)
            || !parse_value(t, c, value, &row->uuid, &d)) {
            continue;
        }
        idl_bitmap_set(seen, c->index);
        if (db_datum_equals(&row->old_datum[c->index], &d, &c->type)) {
            db_datum_destroy(&d, &c->type);
        } else {
            db_datum_swap(&row->old_datum[c->index], &d);
            db_datum_destroy(&d, &c->type);
            row_column_changed(row, c, &refs_changed, &tracked_changed);
        }
    }
    for (size_t i = 0; i < n; i++) {
        const struct db_idl_column *c = &tc->columns[i];
        if (!idl_bitmap_is_set(seen, i) && (t->modes[i] & IDL_MONITOR)
            && !db_datum_is_default(&row->old_datum[i], &c->type)) {
            db_datum_destroy(&row->old_datum[i], &c->type);
            db_datum_init_default(&row->old_datum[i], &c->type);
            row_column_changed(row, c, &refs_changed, &tracked_changed);
        }
    }
    if (refs_changed) {
        row_update_arcs(row);
    }
    if (tracked_changed) {
        track_row(row, DB_IDL_CHANGE_MODIFY);
    }
}

/* Applies the update2 "modify" 'json' to 'row'. */
static void
row_modify(struct db_idl_row *row, const json_t *json)
{
    struct db_idl_table *t = row->table;
    bool refs_changed = false, tracked_changed = false;

    const char *name;
    json_t *value;
    json_object_foreach (CONST_CAST(json_t *, json), name, value) {
        const struct db_idl_column *c = shash_find_data(&t->columns, name);
        struct db_datum diff, d;
        if (!c || !(t->modes[c->index] & IDL_MONITOR)
            || !parse_value(t, c, value, &row->uuid, &diff)) {
            continue;
        }
        datum_apply_diff(&d, &row->old_datum[c->index], &diff, &c->type);
        db_datum_destroy(&diff, &c->type);
        if (db_datum_equals(&row->old_datum[c->index], &d, &c->type)) {
            db_datum_destroy(&d, &c->type);
        } else {
            db_datum_swap(&row->old_datum[c->index], &d);
            db_datum_destroy(&d, &c->type);
            row_column_changed(row, c, &refs_changed, &tracked_changed);
        }
    }
    if (refs_changed) {
        row_update_arcs(row);
    }
    if (tracked_changed) {
        track_row(row, DB_IDL_CHANGE_MODIFY);
    }
}

/* Applies one row's update.  'version' is 1 (update) or 2 (update2,
 * update3).  In a snapshot, a full row for an existing UUID replaces the
 * row's values. */
static void
apply_row_update(struct db_idl_table *t, const struct uuid *uuid,
                 const json_t *ru, int version, bool snapshot)
{
    struct db_idl *idl = t->idl;
    struct db_idl_row *row = idl_table_find_row(t, uuid);
    const json_t *full = NULL, *diff = NULL;
    bool delete = false;

    if (!json_is_object(ru)) {
        goto bad;
    }
    if (version == 1) {
        full = json_get(ru, "new");
        if (!full) {
            if (!json_get(ru, "old")) {
                goto bad;
            }
            delete = true;
        }
    } else {
        if (json_object_size(ru) != 1) {
            goto bad;
        }
        const char *op = json_object_iter_key(
            json_object_iter(CONST_CAST(json_t *, ru)));
        const json_t *value = json_object_iter_value(
            json_object_iter(CONST_CAST(json_t *, ru)));
        if (!strcmp(op, "initial") || !strcmp(op, "insert")) {
            full = value;
        } else if (!strcmp(op, "modify")) {
            diff = value;
        } else if (!strcmp(op, "delete")) {
            delete = true;
        } else {
            goto bad;
        }
    }
    if ((full && !json_is_object(full)) || (diff && !json_is_object(diff))) {
        goto bad;
    }

    if (delete) {
        if (row) {
            row_delete(row);
        } else {
            VLOG_DBG("%s: cannot delete missing %s row "UUID_FMT,
                     idl_name(idl), t->class_->name, UUID_ARGS(uuid));
        }
    } else if (full) {
        if (!row) {
            row_insert(t, uuid, full);
        } else {
            if (!snapshot && version == 2) {
                VLOG_DBG("%s: %s row "UUID_FMT" inserted twice",
                         idl_name(idl), t->class_->name, UUID_ARGS(uuid));
            }
            row->sync_gen = idl->sync_gen;
            row_replace(row, full);
        }
    } else {
        if (row) {
            row_modify(row, diff);
        } else {
            VLOG_WARN_RL(&rl, "%s: cannot modify missing %s row "UUID_FMT,
                         idl_name(idl), t->class_->name, UUID_ARGS(uuid));
        }
    }
    return;

bad:
    VLOG_WARN_RL(&rl, "%s: bad update for %s row "UUID_FMT, idl_name(idl),
                 t->class_->name, UUID_ARGS(uuid));
}

/* The order of rows.
 *
 * Clients list rows in the order of a table's hash map (by UUID hash), and
 * that order depends on the order in which the rows went into it: rows
 * sharing a bucket are listed newest first, and growing the map reverses
 * them.  ovs-vsctl users compare our output with Open vSwitch's, so rows go
 * in the order Open vSwitch's IDL would put them: it keeps a JSON object's
 * members in a string-hashed map of the same kind and walks that map, and
 * when it parses a row it also enters every row the row refers to, before
 * that row's own update arrives.  'json_members_in_hash_order' and
 * 'emulate_row_order' reproduce both. */

/* Fills 'members' (initialized here) with the members of JSON object
 * 'obj' in the text's order: our shash hashes and grows like Open vSwitch's,
 * so walking it gives the members in Open vSwitch's order.  The caller
 * destroys 'members'. */
static void
json_members_in_hash_order(const json_t *obj, struct shash *members)
{
    const char *name;
    json_t *value;

    shash_init(members);
    json_object_foreach (CONST_CAST(json_t *, obj), name, value) {
        shash_add(members, name, value);
    }
}

struct order_slot {
    struct hmap_node seen_node; /* In 'struct order_seq''s 'seen'. */
    struct hmap_node row_node;  /* Stands in for a row that never came. */
    struct uuid uuid;
    bool stand_in;              /* 'row_node' is in a rebuilt map. */
};

struct order_seq {
    struct hmap seen;
    struct order_slot **slots;
    size_t n, allocated;
};

static void
order_seq_add(struct order_seq *seq, const struct uuid *uuid)
{
    struct order_slot *slot;
    HMAP_FOR_EACH_WITH_HASH (slot, seen_node, uuid_hash(uuid), &seq->seen) {
        if (uuid_equals(&slot->uuid, uuid)) {
            return;
        }
    }
    slot = xzalloc(sizeof *slot);
    slot->uuid = *uuid;
    hmap_insert(&seq->seen, &slot->seen_node, uuid_hash(uuid));
    if (seq->n >= seq->allocated) {
        seq->slots = x2nrealloc(seq->slots, &seq->allocated,
                                sizeof *seq->slots);
    }
    seq->slots[seq->n++] = slot;
}

/* After a snapshot in 'updates' has been applied, rebuilds the row maps of
 * the tables it touched so that their rows sit in the order described
 * above. */
static void
emulate_row_order(struct db_idl *idl, const json_t *updates)
{
    const struct db_idl_class *class = idl->class_;
    struct order_seq *seqs = xcalloc(class->n_tables, sizeof *seqs);
    for (size_t i = 0; i < class->n_tables; i++) {
        hmap_init(&seqs[i].seen);
    }

    struct shash tables;
    struct shash_node *tnode;
    json_members_in_hash_order(updates, &tables);
    SHASH_FOR_EACH (tnode, &tables) {
        const struct db_idl_table_class *tc
            = db_idl_class_get_table(class, tnode->name);
        const json_t *table_update = tnode->data;
        if (!tc || !json_is_object(table_update)) {
            continue;
        }
        struct db_idl_table *t = idl_table(idl, tc);
        struct shash rows;
        struct shash_node *rnode;
        json_members_in_hash_order(table_update, &rows);
        SHASH_FOR_EACH (rnode, &rows) {
            struct uuid uuid;
            if (!uuid_from_string(&uuid, rnode->name)) {
                continue;
            }
            const struct db_idl_row *row = idl_table_find_row(t, &uuid);
            if (!row || row->deleted || !row->old_datum) {
                continue;
            }
            order_seq_add(&seqs[t - idl->tables], &uuid);
            for (size_t k = 0; k < tc->n_columns; k++) {
                const struct db_idl_column *c = &tc->columns[k];
                const struct db_datum *d = &row->old_datum[k];
                if (!c->key_ref && !c->value_ref) {
                    continue;
                }
                for (unsigned int m = 0; m < d->n; m++) {
                    if (c->key_ref) {
                        order_seq_add(&seqs[idl_table(idl, c->key_ref)
                                            - idl->tables],
                                      &d->keys[m].uuid);
                    }
                    if (c->value_ref) {
                        order_seq_add(&seqs[idl_table(idl, c->value_ref)
                                            - idl->tables],
                                      &d->values[m].uuid);
                    }
                }
            }
        }
        shash_destroy(&rows);
    }
    shash_destroy(&tables);

    for (size_t i = 0; i < class->n_tables; i++) {
        struct order_seq *seq = &seqs[i];
        struct db_idl_table *t = &idl->tables[i];
        if (seq->n) {
            struct hmap rebuilt = HMAP_INITIALIZER(&rebuilt);
            for (size_t j = 0; j < seq->n; j++) {
                struct order_slot *slot = seq->slots[j];
                struct db_idl_row *row = idl_table_find_row(t, &slot->uuid);
                if (row) {
                    hmap_remove(&t->rows, &row->hmap_node);
                    hmap_insert(&rebuilt, &row->hmap_node,
                                uuid_hash(&row->uuid));
                } else {
                    hmap_insert(&rebuilt, &slot->row_node,
                                uuid_hash(&slot->uuid));
                    slot->stand_in = true;
                }
            }
            /* Rows the snapshot did not name (an open transaction's). */
            struct db_idl_row *row, *next;
            HMAP_FOR_EACH_SAFE (row, next, hmap_node, &t->rows) {
                hmap_remove(&t->rows, &row->hmap_node);
                hmap_insert(&rebuilt, &row->hmap_node,
                            uuid_hash(&row->uuid));
            }
            for (size_t j = 0; j < seq->n; j++) {
                struct order_slot *slot = seq->slots[j];
                if (slot->stand_in) {
                    hmap_remove(&rebuilt, &slot->row_node);
                }
            }
            hmap_swap(&t->rows, &rebuilt);
            hmap_destroy(&rebuilt);
        }
        for (size_t j = 0; j < seq->n; j++) {
            free(seq->slots[j]);
        }
        free(seq->slots);
        hmap_destroy(&seq->seen);
    }
    free(seqs);
}

/* Applies 'updates' (<table-updates> or <table-updates2>) to the data
 * replica or, with 'server', to the _Server replica.  A 'snapshot' holds
 * the complete contents: rows it lacks are deleted. */
static void
apply_updates(struct db_idl *idl, const json_t *updates, int version,
              bool snapshot, bool server)
{
    if (!json_is_object(updates)) {
        VLOG_WARN_RL(&rl, "%s: bad table updates", idl_name(idl));
        return;
    }
    if (snapshot) {
        idl->sync_gen++;
    }

    /* Tables and rows in the order Open vSwitch's IDL takes them (see
     * "The order of rows" above), so that new rows enter the row maps in
     * the same order. */
    struct shash tables;
    struct shash_node *tnode;
    json_members_in_hash_order(updates, &tables);
    SHASH_FOR_EACH (tnode, &tables) {
        const char *table_name = tnode->name;
        const json_t *rows = tnode->data;
        struct db_idl_table *t = NULL;
        if (server) {
            if (!strcmp(table_name, "Database")) {
                t = idl->server_table;
            }
        } else {
            const struct db_idl_table_class *tc
                = db_idl_class_get_table(idl->class_, table_name);
            t = tc ? idl_table(idl, tc) : NULL;
        }
        if (!t || !json_is_object(rows)) {
            VLOG_WARN_RL(&rl, "%s: update for unknown table %s",
                         idl_name(idl), table_name);
            continue;
        }

        struct shash row_updates;
        struct shash_node *rnode;
        json_members_in_hash_order(rows, &row_updates);
        SHASH_FOR_EACH (rnode, &row_updates) {
            struct uuid uuid;
            if (!uuid_from_string(&uuid, rnode->name)) {
                VLOG_WARN_RL(&rl, "%s: bad row UUID %s in table %s",
                             idl_name(idl), rnode->name, table_name);
                continue;
            }
            apply_row_update(t, &uuid, rnode->data, version, snapshot);
        }
        shash_destroy(&row_updates);
    }
    shash_destroy(&tables);

    if (snapshot) {
        /* Rows that the snapshot lacks are gone. */
        size_t n = server ? 1 : idl->class_->n_tables;
        for (size_t i = 0; i < n; i++) {
            struct db_idl_table *t = server ? idl->server_table
                                            : &idl->tables[i];
            struct db_idl_row *row, *next;
            HMAP_FOR_EACH_SAFE (row, next, hmap_node, &t->rows) {
                if (row->sync_gen != idl->sync_gen) {
                    row_delete(row);
                }
            }
        }
        if (!server) {
            emulate_row_order(idl, updates);
        }
    }
    process_reparse(idl);
}

/* Rows. */

struct db_idl_row *
idl_row_create(struct db_idl_table *t, const struct uuid *uuid)
{
    struct db_idl_row *row = xzalloc(t->class_->allocation_size);
    size_t n = t->class_->n_columns;

    row->uuid = *uuid;
    row->table = t;
    svs_list_init(&row->arcs);
    svs_list_poison(&row->work_node);
    svs_list_poison(&row->track_node);
    if (t->tracked) {
        row->updated = idl_bitmap_alloc(n ? n : 1);
        row->column_seqnos = xcalloc(n ? n : 1, sizeof *row->column_seqnos);
    }
    hmap_insert(&t->rows, &row->hmap_node, uuid_hash(uuid));
    return row;
}

/* Frees 'row', removing it from its table if it is still there. */
void
idl_row_destroy(struct db_idl_row *row)
{
    if (!row) {
        return;
    }
    struct db_idl_table *t = row->table;
    const struct db_idl_table_class *tc = t->class_;

    svs_assert(!row->on_work_list && !row->tracked);
    if (!row->deleted) {
        hmap_remove(&t->rows, &row->hmap_node);
    }
    idl_row_unparse(row);
    row_clear_arcs(row);
    if (row->old_datum) {
        for (size_t i = 0; i < tc->n_columns; i++) {
            db_datum_destroy(&row->old_datum[i], &tc->columns[i].type);
        }
        free(row->old_datum);
    }
    free(row->updated);
    free(row->column_seqnos);
    free(row);
}

struct db_idl_row *
idl_table_find_row(const struct db_idl_table *t, const struct uuid *uuid)
{
    struct db_idl_row *row;
    HMAP_FOR_EACH_WITH_HASH (row, hmap_node, uuid_hash(uuid), &t->rows) {
        if (uuid_equals(&row->uuid, uuid)) {
            return row;
        }
    }
    return NULL;
}

/* Removes 'row' from the replica.  Rows of tracked tables stay readable
 * until db_idl_track_clear(); others until the next run. */
static void
row_delete(struct db_idl_row *row)
{
    struct db_idl_table *t = row->table;
    struct db_idl *idl = t->idl;

    track_row(row, DB_IDL_CHANGE_DELETE);
    hmap_remove(&t->rows, &row->hmap_node);
    row->deleted = true;
    row_clear_arcs(row);
    if (row->on_work_list) {
        svs_list_remove(&row->work_node);
        row->on_work_list = false;
    }
    reparse_referrers(idl, &row->uuid);
    if (!row->tracked) {
        svs_list_push_back(&idl->dead_rows, &row->track_node);
    }
    if (t->alert_rows) {
        idl_note_change(idl);
    }
}

static void
free_dead_rows(struct db_idl *idl)
{
    struct db_idl_row *row;
    LIST_FOR_EACH_POP (row, track_node, &idl->dead_rows) {
        idl_row_destroy(row);
    }
}

/* Tracked deleted rows from earlier runs may refer to rows freed since:
 * their references are cleared. */
static void
clear_stale_refs(struct db_idl *idl)
{
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct db_idl_table *t = &idl->tables[i];
        if (!t->tracked || !t->has_refs) {
            continue;
        }
        struct db_idl_row *row;
        LIST_FOR_EACH (row, track_node, &t->track_list) {
            if (row->deleted && !row->refs_cleared) {
                static const struct db_datum empty
                    = DB_DATUM_EMPTY_INITIALIZER;
                for (size_t j = 0; j < t->class_->n_columns; j++) {
                    const struct db_idl_column *c = &t->class_->columns[j];
                    if (idl_column_is_ref(c)) {
                        idl_row_unparse_column(row, c);
                        idl_row_parse_column(row, c, &empty);
                    }
                }
                row->refs_cleared = true;
            }
        }
    }
}

static void
row_clear_arcs(struct db_idl_row *row)
{
    struct db_idl *idl = row->table->idl;
    struct db_idl_arc *arc;
    LIST_FOR_EACH_POP (arc, src_node, &row->arcs) {
        hmap_remove(&idl->arcs, &arc->dst_node);
        free(arc);
    }
}

static void
add_arcs(struct db_idl_row *row, const union db_atom *atoms, unsigned int n)
{
    struct db_idl *idl = row->table->idl;
    for (unsigned int i = 0; i < n; i++) {
        const struct uuid *dst = &atoms[i].uuid;
        if (!svs_list_is_empty(&row->arcs)) {
            const struct db_idl_arc *last = CONTAINER_OF(
                svs_list_back(&row->arcs), struct db_idl_arc, src_node);
            if (uuid_equals(&last->dst, dst)) {
                continue;
            }
        }
        struct db_idl_arc *arc = xmalloc(sizeof *arc);
        arc->src = row;
        arc->dst = *dst;
        svs_list_push_back(&row->arcs, &arc->src_node);
        hmap_insert(&idl->arcs, &arc->dst_node, uuid_hash(dst));
    }
}

/* Rebuilds the arcs of 'row' from its committed reference columns. */
static void
row_update_arcs(struct db_idl_row *row)
{
    const struct db_idl_table_class *tc = row->table->class_;

    row_clear_arcs(row);
    if (!row->old_datum) {
        return;
    }
    for (size_t i = 0; i < tc->n_columns; i++) {
        const struct db_idl_column *c = &tc->columns[i];
        const struct db_datum *d = &row->old_datum[i];
        if (c->key_ref) {
            add_arcs(row, d->keys, d->n);
        }
        if (c->value_ref) {
            add_arcs(row, d->values, d->n);
        }
    }
}

/* Re-resolves the references of the queued rows. */
static void
process_reparse(struct db_idl *idl)
{
    struct db_idl_row *row;
    LIST_FOR_EACH_POP (row, work_node, &idl->reparse) {
        const struct db_idl_table_class *tc = row->table->class_;
        row->on_work_list = false;
        for (size_t i = 0; i < tc->n_columns; i++) {
            const struct db_idl_column *c = &tc->columns[i];
            if (idl_column_is_ref(c) && c->field != DB_IDL_FIELD_NONE) {
                idl_row_unparse_column(row, c);
                idl_row_parse_column(row, c, db_idl_read(row, c));
            }
        }
    }
}

/* Reading. */

static bool
row_is_visible(const struct db_idl_row *row)
{
    return !row->txn_row || !row->txn_row->deleted;
}

static const struct db_idl_row *
next_visible(const struct hmap *rows, const struct hmap_node *node)
{
    for (; node; node = hmap_next(rows, node)) {
        const struct db_idl_row *row = CONTAINER_OF(node, struct db_idl_row,
                                                    hmap_node);
        if (row_is_visible(row)) {
            return row;
        }
    }
    return NULL;
}

const struct db_idl_row *
db_idl_first_row(const struct db_idl *idl,
                 const struct db_idl_table_class *tc)
{
    const struct db_idl_table *t = idl_table(idl, tc);
    return next_visible(&t->rows, hmap_first(&t->rows));
}

const struct db_idl_row *
db_idl_next_row(const struct db_idl_row *row)
{
    const struct hmap *rows = &row->table->rows;
    return next_visible(rows, hmap_next(rows, &row->hmap_node));
}

const struct db_idl_row *
db_idl_get_row_for_uuid(const struct db_idl *idl,
                        const struct db_idl_table_class *tc,
                        const struct uuid *uuid)
{
    const struct db_idl_row *row = idl_table_find_row(idl_table(idl, tc),
                                                      uuid);
    return row && row_is_visible(row) ? row : NULL;
}

size_t
db_idl_table_count(const struct db_idl *idl,
                   const struct db_idl_table_class *tc)
{
    return hmap_count(&idl_table(idl, tc)->rows);
}

const struct db_datum *
db_idl_read(const struct db_idl_row *row, const struct db_idl_column *c)
{
    const struct db_idl_txn_row *tr = row->txn_row;
    if (tr && idl_bitmap_is_set(tr->written, c->index)) {
        return &tr->new_datum[c->index];
    }
    if (row->old_datum) {
        return &row->old_datum[c->index];
    }
    return db_datum_default(&c->type);
}

const struct db_datum *
db_idl_read_committed(const struct db_idl_row *row,
                      const struct db_idl_column *c)
{
    return row->old_datum ? &row->old_datum[c->index] : NULL;
}

bool
db_idl_row_is_deleted(const struct db_idl_row *row)
{
    return row->deleted;
}

const struct db_idl_table_class *
db_idl_row_get_class(const struct db_idl_row *row)
{
    return row->table->class_;
}

unsigned int
db_idl_row_get_seqno(const struct db_idl_row *row, enum db_idl_change change)
{
    return row->change_seqno[change];
}

unsigned int
db_idl_table_get_seqno(const struct db_idl *idl,
                       const struct db_idl_table_class *tc)
{
    const struct db_idl_table *t = idl_table(idl, tc);
    unsigned int max = 0;
    for (int i = 0; i < DB_IDL_N_CHANGES; i++) {
        if (t->change_seqno[i] > max) {
            max = t->change_seqno[i];
        }
    }
    return max;
}

unsigned int
db_idl_row_get_column_seqno(const struct db_idl_row *row,
                            const struct db_idl_column *c)
{
    return row->column_seqnos ? row->column_seqnos[c->index] : 0;
}

/* Change tracking. */

const struct db_idl_row *
db_idl_track_get_first(const struct db_idl *idl,
                       const struct db_idl_table_class *tc)
{
    const struct db_idl_table *t = idl_table(idl, tc);
    return (svs_list_is_empty(&t->track_list) ? NULL
            : CONTAINER_OF(svs_list_front(&t->track_list),
                           struct db_idl_row, track_node));
}

const struct db_idl_row *
db_idl_track_get_next(const struct db_idl_row *row)
{
    const struct svs_list *next = row->track_node.next;
    return (next == &row->table->track_list ? NULL
            : CONTAINER_OF(next, struct db_idl_row, track_node));
}

bool
db_idl_track_is_new(const struct db_idl_row *row)
{
    return row->track_new;
}

bool
db_idl_track_is_modified(const struct db_idl_row *row)
{
    return row->track_modified;
}

bool
db_idl_track_is_updated(const struct db_idl_row *row,
                        const struct db_idl_column *c)
{
    return row->updated && idl_bitmap_is_set(row->updated, c->index);
}

void
db_idl_track_clear(struct db_idl *idl)
{
    for (size_t i = 0; i < idl->class_->n_tables; i++) {
        struct db_idl_table *t = &idl->tables[i];
        struct db_idl_row *row;
        LIST_FOR_EACH_POP (row, track_node, &t->track_list) {
            row->tracked = false;
            row->track_new = row->track_modified = false;
            if (row->deleted) {
                idl_row_destroy(row);
            } else if (row->updated) {
                idl_bitmap_zero(row->updated, t->class_->n_columns);
            }
        }
    }
}

/* Status. */

unsigned int
db_idl_get_seqno(const struct db_idl *idl)
{
    return idl->change_seqno;
}

bool
db_idl_has_ever_connected(const struct db_idl *idl)
{
    return idl->has_ever_connected;
}

bool
db_idl_is_synced(const struct db_idl *idl)
{
    return idl->state == IDL_S_MONITORING && db_idl_is_connected(idl);
}

bool
db_idl_is_connected(const struct db_idl *idl)
{
    return idl->session && jsonrpc_session_is_connected(idl->session);
}

bool
db_idl_is_alive(const struct db_idl *idl)
{
    return idl->session && jsonrpc_session_is_alive(idl->session);
}

int
db_idl_get_last_error(const struct db_idl *idl)
{
    if (!idl->session) {
        return 0;
    }
    int error = jsonrpc_session_get_last_error(idl->session);
    if (!error && idl->db_missing) {
        error = ENOENT;
    }
    return error;
}

void
db_idl_force_reconnect(struct db_idl *idl)
{
    if (idl->session) {
        jsonrpc_session_force_reconnect(idl->session);
    }
}

void
db_idl_set_probe_interval(struct db_idl *idl, int probe_interval)
{
    if (idl->session) {
        jsonrpc_session_set_probe_interval(idl->session, probe_interval);
    }
}

void
db_idl_set_backoff(struct db_idl *idl, int min_backoff, int max_backoff)
{
    if (idl->session) {
        jsonrpc_session_set_backoff(idl->session, min_backoff, max_backoff);
    }
}

void
db_idl_set_leader_only(struct db_idl *idl, bool leader_only)
{
    idl->leader_only = leader_only;
}

bool
db_idl_sync_block(struct db_idl *idl)
{
    for (;;) {
        db_idl_run(idl);
        if (db_idl_is_synced(idl)) {
            return true;
        }
        if (!db_idl_is_alive(idl)) {
            return false;
        }
        db_idl_wait(idl);
        poll_block();
    }
}

const struct db_schema *
db_idl_get_server_schema(const struct db_idl *idl_)
{
    struct db_idl *idl = CONST_CAST(struct db_idl *, idl_);
    if (!idl->server_schema && idl->server_schema_assumed) {
        /* Parsed only when asked for. */
        char *error_s;
        json_t *json = json_from_string_err(idl->server_schema_text,
                                            &error_s);
        if (json) {
            struct db_error *error = db_schema_from_json(json,
                                                         &idl->server_schema);
            if (error) {
                db_error_destroy(error);
                idl->server_schema = NULL;
            }
            json_decref(json);
        } else {
            free(error_s);
        }
    }
    return idl->server_schema;
}

bool
db_idl_server_has_column(const struct db_idl *idl,
                         const struct db_idl_column *column)
{
    const struct db_idl_table *t = column_table(idl, column);
    return t->in_server && t->server_has[column->index];
}

void
db_idl_get_stats(const struct db_idl *idl, struct db_idl_stats *stats)
{
    *stats = idl->stats;
    stats->last_txn_id = idl->last_id;
    stats->n_deferred = idl->n_deferred;
}
