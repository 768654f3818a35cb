/* svsdb-server: the svs configuration database server.
 *
 * Command-line compatible with ovsdb-server: serves one or more database
 * files over JSON-RPC remotes, some of which may be read from the
 * databases themselves ("db:DB,TABLE,COLUMN"), plus the _Server database
 * that describes the others.  See svsdb-server(1). */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "command-line.h"
#include "daemon.h"
#include "db-error.h"
#include "db-schema.h"
#include "dirs.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "json.h"
#include "jsonrpc-server.h"
#include "monitor.h"
#include "ovsdb.h"
#include "poll-loop.h"
#include "sset.h"
#include "storage.h"
#include "stream.h"
#include "stream-ssl.h"
#include "svec.h"
#include "timeval.h"
#include "transaction.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(svsdb_server);

/* A database file being served. */
struct db_file {
    char *file_name;
    struct ovsdb *db;
    bool compacting;            /* Compaction in progress. */
    long long int compact_start; /* When it started (time_msec()). */
};

/* Server state, shared with the unixctl callbacks. */
struct server {
    struct ovsdb_jsonrpc_server *jsonrpc;
    struct ovsdb *server_db;            /* _Server. */
    struct shash db_files;              /* Name -> struct db_file *. */
    struct sset remotes;                /* As configured (--remote). */
    bool exiting;
    struct uuid server_id;
    long long int next_status_update;   /* Manager status write-back. */
    long long int next_remotes_check;
    struct svs_list compact_requests;   /* struct compact_request. */
};

/* An "ovsdb-server/compact" command waiting for its databases.  Manual
 * compaction runs in the same small steps as automatic compaction, between
 * iterations of the main loop, so that clients are served meanwhile; the
 * reply is deferred until every database named has finished. */
struct compact_request {
    struct svs_list node;               /* In server->compact_requests. */
    struct unixctl_conn *conn;
    struct sset dbs;                    /* Databases still compacting. */
    struct ds errors;                   /* One "DB: error" line each. */
};

/* SSL configuration, possibly "db:" references. */
static char *private_key_file;
static char *certificate_file;
static char *ca_cert_file;
static char *ssl_protocols;
static char *ssl_ciphers;
static bool bootstrap_ca_cert;

static char *unixctl_path;
static bool serve_no_dbs;       /* --no-dbs. */
static char *run_command;

static void parse_options(int argc, char *argv[], struct svec *db_files,
                          struct sset *remotes);
static void usage(void) SVS_NO_RETURN;

/* _Server. */

static const char server_schema_text[] =
    "{\"name\":\"_Server\",\"version\":\"1.2.0\","
    "\"cksum\":\"3009684573 744\","
    "\"tables\":{\"Database\":{\"columns\":{"
    "\"name\":{\"type\":\"string\"},"
    "\"model\":{\"type\":{\"key\":{\"type\":\"string\","
    "\"enum\":[\"set\",[\"standalone\",\"clustered\",\"relay\"]]}}},"
    "\"connected\":{\"type\":\"boolean\"},"
    "\"leader\":{\"type\":\"boolean\"},"
    "\"schema\":{\"type\":{\"key\":{\"type\":\"string\"},\"min\":0,"
    "\"max\":1}},"
    "\"cid\":{\"type\":{\"key\":{\"type\":\"uuid\"},\"min\":0,\"max\":1}},"
    "\"sid\":{\"type\":{\"key\":{\"type\":\"uuid\"},\"min\":0,\"max\":1}},"
    "\"index\":{\"type\":{\"key\":{\"type\":\"integer\"},\"min\":0,"
    "\"max\":1}}}}}}";

static struct ovsdb *
create_server_db(void)
{
    char *error_s;
    json_t *json = json_from_string_err(server_schema_text, &error_s);
    svs_assert(json);
    struct db_schema *schema;
    struct db_error *error = db_schema_from_json(json, &schema);
    json_decref(json);
    svs_assert(!error);
    return ovsdb_create(schema, NULL);
}

static void
set_string_column(struct ovsdb_row *row, const char *column,
                  const char *value)
{
    const struct db_column *c = db_table_schema_get_column(row->table->schema,
                                                           column);
    db_datum_destroy(&row->fields[c->index], &c->type);
    if (value) {
        db_datum_init_string(&row->fields[c->index], value);
    } else {
        db_datum_init_empty(&row->fields[c->index]);
    }
}

static void
set_bool_column(struct ovsdb_row *row, const char *column, bool value)
{
    const struct db_column *c = db_table_schema_get_column(row->table->schema,
                                                           column);
    db_datum_destroy(&row->fields[c->index], &c->type);
    db_datum_init_boolean(&row->fields[c->index], value);
}

/* Makes the _Server Database table describe exactly the served
 * databases. */
static void
update_server_db(struct server *server)
{
    struct ovsdb_table *table = ovsdb_get_table(server->server_db,
                                                "Database");
    struct ovsdb_txn *txn = ovsdb_txn_create(server->server_db);
    const struct db_column *name_col = db_table_schema_get_column(
        table->schema, "name");
    const struct db_column *schema_col = db_table_schema_get_column(
        table->schema, "schema");
    struct sset seen = SSET_INITIALIZER(&seen);

    /* Existing rows: update or delete. */
    struct ovsdb_row *row, *next;
    HMAP_FOR_EACH_SAFE (row, next, hmap_node, &table->rows) {
        const char *name = db_atom_string(&row->fields[name_col->index]
                                          .keys[0]);
        struct ovsdb *db = (!strcmp(name, "_Server") ? server->server_db
                            : ovsdb_jsonrpc_server_get_db(server->jsonrpc,
                                                          name));
        if (!db || !sset_add(&seen, name)) {
            ovsdb_txn_row_delete(txn, row);
            continue;
        }
        json_t *schema_json = db_schema_to_json(db->schema);
        char *schema_text = json_to_string(schema_json, JSSF_SORT);
        json_decref(schema_json);
        const struct db_datum *old = &row->fields[schema_col->index];
        if (old->n != 1 || strcmp(db_atom_string(&old->keys[0]),
                                  schema_text)) {
            struct ovsdb_row *rw = ovsdb_txn_row_modify(txn, row);
            set_string_column(rw, "schema", schema_text);
        }
        free(schema_text);
    }

    /* New databases. */
    struct svec names = SVEC_EMPTY_INITIALIZER;
    svec_add(&names, "_Server");
    struct shash_node *node;
    SHASH_FOR_EACH (node, &server->db_files) {
        svec_add(&names, node->name);
    }
    for (size_t i = 0; i < names.n; i++) {
        const char *name = names.names[i];
        if (sset_contains(&seen, name)) {
            continue;
        }
        struct ovsdb *db = (!strcmp(name, "_Server") ? server->server_db
                            : ovsdb_jsonrpc_server_get_db(server->jsonrpc,
                                                          name));
        if (!db) {
            continue;
        }
        row = ovsdb_row_create(table);
        uuid_generate(&row->uuid.uuid);
        set_string_column(row, "name", name);
        set_string_column(row, "model", "standalone");
        set_bool_column(row, "connected", true);
        set_bool_column(row, "leader", true);
        json_t *schema_json = db_schema_to_json(db->schema);
        char *schema_text = json_to_string(schema_json, JSSF_SORT);
        json_decref(schema_json);
        set_string_column(row, "schema", schema_text);
        free(schema_text);
        ovsdb_txn_row_insert(txn, row);
    }
    svec_destroy(&names);
    sset_destroy(&seen);

    struct db_error *error = ovsdb_txn_commit(txn);
    if (error) {
        char *s = db_error_to_string_free(error);
        VLOG_ERR("updating _Server database failed: %s", s);
        free(s);
    }
}

/* Databases. */

static void start_compaction(struct db_file *, const char *name,
                             const char *why);
static void compaction_done(struct server *, const char *name,
                            const char *error);

/* Completes the compaction of 'df' in progress, if any, at once: needed
 * before its storage is replaced or closed.  Its pending batch must be
 * committed already. */
static void
finish_compaction(struct server *server, struct db_file *df)
{
    if (!df->compacting) {
        return;
    }
    struct db_error *error = NULL;
    while (ovsdb_storage_compact_step(df->db->storage, &error) && !error) {
        continue;
    }
    df->compacting = false;
    char *s = error ? db_error_to_string_free(error) : NULL;
    if (s) {
        VLOG_WARN("%s: compaction failed: %s", df->file_name, s);
    }
    compaction_done(server, df->db->name, s);
    free(s);
}

/* Returns the database of 'server' whose file is 'file_name' (the same
 * file, by device and inode), or NULL. */
static struct db_file *
find_db_file_by_path(const struct server *server, const char *file_name)
{
    struct stat st;
    if (stat(file_name, &st)) {
        return NULL;
    }
    struct shash_node *node;
    SHASH_FOR_EACH (node, &server->db_files) {
        struct db_file *df = node->data;
        struct stat df_st;
        if (!stat(df->file_name, &df_st) && df_st.st_dev == st.st_dev
            && df_st.st_ino == st.st_ino) {
            return df;
        }
    }
    return NULL;
}

/* Opens database file 'file_name' and starts serving it.  The errors
 * for a file already served and for a duplicate database name read as
 * ovsdb-server's. */
static struct db_error *
open_db(struct server *server, const char *file_name)
{
    if (find_db_file_by_path(server, file_name)) {
        return db_error("ovsdb error", "%s: already open", file_name);
    }

    struct ovsdb_storage *storage;
    struct db_error *error = ovsdb_storage_open(file_name, false, &storage);
    if (error) {
        return error;
    }

    struct ovsdb *db;
    error = ovsdb_open_storage(storage, &db);
    if (error) {
        ovsdb_storage_close(storage);
        return error;
    }

    if (!strcmp(db->name, "_Server")
        || shash_find(&server->db_files, db->name)) {
        error = db_error("ovsdb error", "%s: duplicate database name",
                         db->name);
        ovsdb_destroy(db);
        return error;
    }

    struct db_file *df = xzalloc(sizeof *df);
    df->file_name = xstrdup(file_name);
    df->db = db;
    shash_add(&server->db_files, db->name, df);
    ovsdb_monitor_history_enable(db);
    ovsdb_jsonrpc_server_add_db(server->jsonrpc, db);
    VLOG_INFO("%s: serving database %s", file_name, db->name);
    return NULL;
}

static void
close_db(struct server *server, struct db_file *df, const char *reason)
{
    ovsdb_jsonrpc_server_remove_db(server->jsonrpc, df->db, reason);
    shash_find_and_delete(&server->db_files, df->db->name);
    struct db_error *error = (df->db->storage
                              ? ovsdb_storage_commit(df->db->storage, false)
                              : NULL);
    if (error) {
        char *s = db_error_to_string_free(error);
        VLOG_ERR("%s: %s", df->file_name, s);
        free(s);
    } else {
        finish_compaction(server, df);
    }
    compaction_done(server, df->db->name, "database removed");
    ovsdb_destroy(df->db);
    free(df->file_name);
    free(df);
}

/* Online schema conversion (the "convert" method). */

struct fill_ctx {
    const struct ovsdb *db;
};

static struct db_error *
fill_rows(void *ctx_, struct ovsdb_storage *storage)
{
    struct fill_ctx *ctx = ctx_;
    struct shash_node *node;
    SHASH_FOR_EACH (node, &ctx->db->tables) {
        const struct ovsdb_table *table = node->data;
        const struct ovsdb_row *row;
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            json_t *json = ovsdb_row_to_storage_json(row);
            struct db_error *error = ovsdb_storage_put_row(
                storage, node->name, ovsdb_row_get_uuid(row), json);
            json_decref(json);
            if (error) {
                return error;
            }
        }
    }
    return NULL;
}

static struct db_error *
convert_db(void *server_, struct ovsdb *db, const json_t *schema_json)
{
    struct server *server = server_;
    struct db_file *df = shash_find_data(&server->db_files, db->name);
    if (!df) {
        return db_error("unknown database", "%s", db->name);
    }

    struct db_schema *schema;
    struct db_error *error = db_schema_from_json(schema_json, &schema);
    if (error) {
        return error;
    }

    struct ovsdb *new_db;
    error = ovsdb_convert(db, schema, &new_db);
    if (error) {
        db_schema_destroy(schema);
        return error;
    }

    /* Make the pending changes of the old database durable first, then
     * replace the file's contents atomically. */
    error = ovsdb_storage_commit(db->storage, false);
    if (!error) {
        finish_compaction(server, df);
        json_t *new_schema_json = db_schema_to_json(schema);
        struct fill_ctx ctx = { .db = new_db };
        error = ovsdb_storage_replace(db->storage, new_schema_json,
                                      fill_rows, &ctx);
        json_decref(new_schema_json);
    }
    db_schema_destroy(schema);
    if (error) {
        ovsdb_destroy(new_db);
        return error;
    }

    new_db->storage = db->storage;
    db->storage = NULL;
    ovsdb_jsonrpc_server_replace_db(server->jsonrpc, db, new_db);
    ovsdb_destroy(db);
    df->db = new_db;
    ovsdb_monitor_history_enable(new_db);
    update_server_db(server);
    VLOG_INFO("%s: database %s converted to schema version %s",
              df->file_name, new_db->name, new_db->schema->version);

    /* Compact at once, before the client hears that the conversion is
     * done.  Compaction ends with a checkpoint, which copies the new
     * contents into the database file itself: svsdb-tool, which reads
     * only that file while the server holds it, then sees the new schema,
     * and the conversion has reached the kernel even if the server dies
     * next. */
    start_compaction(df, new_db->name, "after conversion");
    finish_compaction(server, df);
    return NULL;
}

/* Remotes, including those named by the databases themselves. */

/* Parses "db:DB,TABLE,COLUMN". */
static bool
parse_db_column(const struct server *server, const char *name_,
                const struct ovsdb_table **tablep,
                const struct db_column **columnp, char **errorp)
{
    char *name = xstrdup(name_ + 3);
    char *save = NULL;
    char *db_name = strtok_r(name, ",", &save);
    char *table_name = strtok_r(NULL, ",", &save);
    char *column_name = strtok_r(NULL, ",", &save);
    bool ok = false;

    *errorp = NULL;
    if (!db_name || !table_name || !column_name) {
        *errorp = xasprintf("\"%s\": invalid syntax", name_);
        goto out;
    }
    const struct db_file *df = shash_find_data(&server->db_files, db_name);
    if (!df) {
        *errorp = xasprintf("\"%s\": no database named %s", name_, db_name);
        goto out;
    }
    const struct ovsdb_table *table = ovsdb_get_table(df->db, table_name);
    if (!table) {
        *errorp = xasprintf("\"%s\": no table named %s", name_, table_name);
        goto out;
    }
    const struct db_column *column = db_table_schema_get_column(
        table->schema, column_name);
    if (!column) {
        *errorp = xasprintf("\"%s\": table \"%s\" has no column \"%s\"",
                            name_, table_name, column_name);
        goto out;
    }
    *tablep = table;
    *columnp = column;
    ok = true;

out:
    free(name);
    return ok;
}

static const struct db_datum *
row_column(const struct ovsdb_row *row, const char *name,
           enum db_atomic_type key, enum db_atomic_type value,
           const struct db_type **typep)
{
    const struct db_column *c = db_table_schema_get_column(row->table->schema,
                                                           name);
    if (!c || c->type.key.type != key || c->type.value.type != value) {
        return NULL;
    }
    if (typep) {
        *typep = &c->type;
    }
    return &row->fields[c->index];
}

static void
add_remote(struct shash *remotes, const char *target,
           const struct ovsdb_row *row)
{
    if (shash_find(remotes, target)) {
        return;
    }
    struct ovsdb_jsonrpc_options *options = xmalloc(sizeof *options);
    ovsdb_jsonrpc_options_init(options);
    if (row) {
        const struct db_datum *d;
        d = row_column(row, "max_backoff", DB_TYPE_INTEGER, DB_TYPE_VOID,
                       NULL);
        if (d && d->n == 1) {
            options->max_backoff = d->keys[0].integer;
        }
        d = row_column(row, "inactivity_probe", DB_TYPE_INTEGER,
                       DB_TYPE_VOID, NULL);
        if (d && d->n == 1) {
            options->probe_interval = d->keys[0].integer;
        }
        d = row_column(row, "read_only", DB_TYPE_BOOLEAN, DB_TYPE_VOID,
                       NULL);
        if (d && d->n == 1) {
            options->read_only = d->keys[0].boolean;
        }
        const struct db_type *type;
        d = row_column(row, "other_config", DB_TYPE_STRING, DB_TYPE_STRING,
                       &type);
        if (d) {
            union db_atom key = { .s = db_string_create_cstr("dscp") };
            unsigned int idx = db_datum_find_key(d, &key, DB_TYPE_STRING);
            db_atom_destroy(&key, DB_TYPE_STRING);
            if (idx != UINT_MAX) {
                options->dscp = atoi(db_atom_string(&d->values[idx]));
            }
        }
    }
    shash_add(remotes, target, options);
}

static void
query_db_remotes(const struct server *server, const char *name,
                 struct shash *remotes)
{
    const struct ovsdb_table *table;
    const struct db_column *column;
    char *error;

    if (!parse_db_column(server, name, &table, &column, &error)) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 1);
        VLOG_WARN_RL(&rl, "%s", error);
        free(error);
        return;
    }

    const struct db_type *type = &column->type;
    const struct ovsdb_row *row;
    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        const struct db_datum *datum = &row->fields[column->index];
        if (type->key.type == DB_TYPE_STRING
            && type->value.type == DB_TYPE_VOID) {
            for (unsigned int i = 0; i < datum->n; i++) {
                add_remote(remotes, db_atom_string(&datum->keys[i]), NULL);
            }
        } else if (type->key.type == DB_TYPE_UUID
                   && type->key.uuid.ref_table
                   && type->value.type == DB_TYPE_VOID) {
            const struct ovsdb_table *ref_table = ovsdb_get_table(
                table->db, type->key.uuid.ref_table_name);
            for (unsigned int i = 0; ref_table && i < datum->n; i++) {
                const struct ovsdb_row *ref = ovsdb_table_get_row(
                    ref_table, &datum->keys[i].uuid);
                const struct db_datum *target = ref ? row_column(
                    ref, "target", DB_TYPE_STRING, DB_TYPE_VOID, NULL)
                    : NULL;
                if (target && target->n == 1) {
                    add_remote(remotes, db_atom_string(&target->keys[0]),
                               ref);
                }
            }
        }
    }
}

static void
reconfigure_remotes(struct server *server)
{
    struct shash remotes = SHASH_INITIALIZER(&remotes);
    const char *name;

    SSET_FOR_EACH (name, &server->remotes) {
        if (str_startswith(name, "db:")) {
            query_db_remotes(server, name, &remotes);
        } else {
            add_remote(&remotes, name, NULL);
        }
    }
    ovsdb_jsonrpc_server_set_remotes(server->jsonrpc, &remotes);
    shash_destroy_free_data(&remotes);
}

/* Reads an SSL file name that may be "db:DB,TABLE,COLUMN". */
static char *
resolve_ssl_setting(const struct server *server, const char *setting)
{
    if (!setting || !str_startswith(setting, "db:")) {
        return setting ? xstrdup(setting) : NULL;
    }
    const struct ovsdb_table *table;
    const struct db_column *column;
    char *error;
    if (!parse_db_column(server, setting, &table, &column, &error)) {
        free(error);
        return NULL;
    }
    if (column->type.key.type != DB_TYPE_STRING
        || column->type.value.type != DB_TYPE_VOID) {
        return NULL;
    }
    const struct ovsdb_row *row;
    HMAP_FOR_EACH (row, hmap_node, &table->rows) {
        const struct db_datum *datum = &row->fields[column->index];
        if (datum->n == 1) {
            return xstrdup(db_atom_string(&datum->keys[0]));
        }
    }
    return NULL;
}

static void
reconfigure_ssl(const struct server *server)
{
    char *key = resolve_ssl_setting(server, private_key_file);
    char *cert = resolve_ssl_setting(server, certificate_file);
    char *ca = resolve_ssl_setting(server, ca_cert_file);
    char *protocols = resolve_ssl_setting(server, ssl_protocols);
    char *ciphers = resolve_ssl_setting(server, ssl_ciphers);

    if (key && cert) {
        stream_ssl_set_key_and_cert(key, cert);
    }
    if (ca) {
        stream_ssl_set_ca_cert_file(ca, bootstrap_ca_cert);
    }
    if (protocols) {
        stream_ssl_set_protocols(protocols);
    }
    if (ciphers) {
        stream_ssl_set_ciphers(ciphers);
    }
    free(key);
    free(cert);
    free(ca);
    free(protocols);
    free(ciphers);
}

/* Manager status write-back: like ovsdb-server, keep the is_connected and
 * status columns of rows named by "db:" remotes up to date. */
static void
update_remote_status(struct server *server)
{
    const char *name;
    SSET_FOR_EACH (name, &server->remotes) {
        const struct ovsdb_table *table;
        const struct db_column *column;
        char *error;
        if (!str_startswith(name, "db:")
            || !parse_db_column(server, name, &table, &column, &error)) {
            continue;
        }
        const struct db_type *type = &column->type;
        if (type->key.type != DB_TYPE_UUID || !type->key.uuid.ref_table) {
            continue;
        }
        struct ovsdb_table *ref_table = ovsdb_get_table(
            table->db, type->key.uuid.ref_table_name);
        if (!ref_table) {
            continue;
        }
        const struct db_column *is_connected = db_table_schema_get_column(
            ref_table->schema, "is_connected");
        const struct db_column *status_col = db_table_schema_get_column(
            ref_table->schema, "status");
        if (!is_connected || !status_col
            || is_connected->type.key.type != DB_TYPE_BOOLEAN
            || status_col->type.value.type != DB_TYPE_STRING) {
            continue;
        }

        struct ovsdb_txn *txn = ovsdb_txn_create(table->db);
        struct ovsdb_row *row;
        HMAP_FOR_EACH (row, hmap_node, &ref_table->rows) {
            const struct db_datum *target = row_column(
                row, "target", DB_TYPE_STRING, DB_TYPE_VOID, NULL);
            struct ovsdb_jsonrpc_remote_status st;
            if (!target || target->n != 1
                || !ovsdb_jsonrpc_server_get_remote_status(
                    server->jsonrpc, db_atom_string(&target->keys[0]),
                    &st)) {
                continue;
            }

            struct db_datum status = DB_DATUM_EMPTY_INITIALIZER;
            struct { const char *k; char *v; } kv[9];
            size_t n = 0;
            if (st.bound_port_valid) {
                /* A listener: as ovsdb-server, report its port and zero
                 * times, but no state. */
                kv[n].k = "bound_port";
                kv[n++].v = xasprintf("%u", st.bound_port);
                kv[n].k = "sec_since_connect";
                kv[n++].v = xstrdup("0");
                kv[n].k = "sec_since_disconnect";
                kv[n++].v = xstrdup("0");
            } else {
                if (st.state) {
                    kv[n].k = "state";
                    kv[n++].v = xstrdup(st.state);
                }
                if (st.sec_since_connect != UINT_MAX) {
                    kv[n].k = "sec_since_connect";
                    kv[n++].v = xasprintf("%u", st.sec_since_connect);
                }
                if (st.sec_since_disconnect != UINT_MAX) {
                    kv[n].k = "sec_since_disconnect";
                    kv[n++].v = xasprintf("%u", st.sec_since_disconnect);
                }
                /* Only an error on the current connection, as
                 * ovsdb-server: a failed connection attempt shows in
                 * 'state' (BACKOFF) instead. */
                if (st.is_connected && st.last_error) {
                    kv[n].k = "last_error";
                    kv[n++].v = xstrdup(svs_retval_to_string(
                                            st.last_error));
                }
                const struct { const char *k; const char *v; } locks[] = {
                    { "locks_held", st.locks_held },
                    { "locks_waiting", st.locks_waiting },
                    { "locks_lost", st.locks_lost },
                };
                for (size_t i = 0; i < ARRAY_SIZE(locks); i++) {
                    if (locks[i].v) {
                        kv[n].k = locks[i].k;
                        kv[n++].v = xstrdup(locks[i].v);
                    }
                }
            }
            if (st.n_connections > 1) {
                kv[n].k = "n_connections";
                kv[n++].v = xasprintf("%d", st.n_connections);
            }
            for (size_t i = 0; i < n; i++) {
                union db_atom k = { .s = db_string_create_cstr(kv[i].k) };
                union db_atom v = { .s = db_string_take(kv[i].v) };
                db_datum_add_unsafe(&status, &k, &v, &status_col->type);
                db_atom_destroy(&k, DB_TYPE_STRING);
                db_atom_destroy(&v, DB_TYPE_STRING);
            }
            db_datum_sort_unique(&status, &status_col->type);
            ovsdb_jsonrpc_remote_status_destroy(&st);

            struct db_datum conn;
            db_datum_init_boolean(&conn, st.is_connected);
            bool changed = (
                !db_datum_equals(&row->fields[status_col->index], &status,
                                 &status_col->type)
                || !db_datum_equals(&row->fields[is_connected->index], &conn,
                                    &is_connected->type));
            if (changed) {
                struct ovsdb_row *rw = ovsdb_txn_row_modify(txn, row);
                db_datum_swap(&rw->fields[status_col->index], &status);
                db_datum_swap(&rw->fields[is_connected->index], &conn);
            }
            db_datum_destroy(&status, &status_col->type);
            db_datum_destroy(&conn, &is_connected->type);
        }
        struct db_error *err = ovsdb_txn_commit(txn);
        if (err) {
            char *s = db_error_to_string_free(err);
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 1);
            VLOG_WARN_RL(&rl, "updating remote status failed: %s", s);
            free(s);
        }
    }
}

/* unixctl commands. */

static void
unixctl_exit(struct unixctl_conn *conn, int argc SVS_UNUSED,
             const char *argv[] SVS_UNUSED, void *server_)
{
    struct server *server = server_;
    server->exiting = true;
    unixctl_command_reply(conn, NULL);
}

static struct db_file *
find_db_file(struct server *server, const char *name)
{
    return shash_find_data(&server->db_files, name);
}

/* Starts compacting 'df', named 'name', unless it already is. */
static void
start_compaction(struct db_file *df, const char *name, const char *why)
{
    if (!df->compacting) {
        struct ovsdb_storage_stats stats;
        ovsdb_storage_get_stats(df->db->storage, &stats);
        VLOG_INFO("%s: compacting database %s %s (%"PRIu64" transactions, "
                  "%"PRIu64" bytes)", df->file_name, name, why,
                  stats.n_log_entries, stats.file_size);
        ovsdb_storage_compact_start(df->db->storage);
        df->compacting = true;
        df->compact_start = time_msec();
    }
}

/* Notes that compaction of database 'name' ended, with 'error' (a
 * message) or NULL for success, and answers each compact command that
 * has no more databases to wait for. */
static void
compaction_done(struct server *server, const char *name, const char *error)
{
    struct compact_request *req, *next;
    LIST_FOR_EACH_SAFE (req, next, node, &server->compact_requests) {
        if (!sset_find_and_delete(&req->dbs, name)) {
            continue;
        }
        if (error) {
            ds_put_format(&req->errors, "%s: %s\n", name, error);
        }
        if (sset_is_empty(&req->dbs)) {
            if (req->errors.length) {
                unixctl_command_reply_error(req->conn, ds_cstr(&req->errors));
            } else {
                unixctl_command_reply(req->conn, NULL);
            }
            svs_list_remove(&req->node);
            sset_destroy(&req->dbs);
            ds_destroy(&req->errors);
            free(req);
        }
    }
}

static void
unixctl_compact(struct unixctl_conn *conn, int argc, const char *argv[],
                void *server_)
{
    struct server *server = server_;

    if (argc > 1 && !strcmp(argv[1], "_Server")) {
        unixctl_command_reply_error(conn, "cannot compact built-in "
                                    "databases");
        return;
    }
    if (argc > 1 && !find_db_file(server, argv[1])) {
        unixctl_command_reply_error(conn, "no database by that name");
        return;
    }

    struct compact_request *req = xzalloc(sizeof *req);
    req->conn = conn;
    sset_init(&req->dbs);
    ds_init(&req->errors);
    svs_list_push_back(&server->compact_requests, &req->node);

    struct shash_node *node;
    SHASH_FOR_EACH (node, &server->db_files) {
        struct db_file *df = node->data;
        if (argc > 1 && strcmp(argv[1], node->name)) {
            continue;
        }
        sset_add(&req->dbs, node->name);
        struct db_error *error = ovsdb_storage_commit(df->db->storage,
                                                      false);
        if (error) {
            char *s = db_error_to_string_free(error);
            compaction_done(server, node->name, s);
            free(s);
        } else {
            start_compaction(df, node->name, "by user request");
        }
    }

    /* Nothing to wait for (no databases, or only errors). */
    sset_add(&req->dbs, "");
    compaction_done(server, "", NULL);
}

static void
unixctl_add_remote(struct unixctl_conn *conn, int argc SVS_UNUSED,
                   const char *argv[], void *server_)
{
    struct server *server = server_;
    const char *remote = argv[1];
    const struct ovsdb_table *table;
    const struct db_column *column;
    char *error = NULL;

    /* As ovsdb-server, only "db:" references are checked here; any other
     * name is accepted and, if it names no connection method, logged
     * each time the server tries to use it. */
    if (str_startswith(remote, "db:")
        && !parse_db_column(server, remote, &table, &column, &error)) {
        unixctl_command_reply_error(conn, error);
        free(error);
        return;
    }
    if (sset_add(&server->remotes, remote)) {
        reconfigure_remotes(server);
    }
    unixctl_command_reply(conn, NULL);
}

static void
unixctl_remove_remote(struct unixctl_conn *conn, int argc SVS_UNUSED,
                      const char *argv[], void *server_)
{
    struct server *server = server_;
    if (!sset_find_and_delete(&server->remotes, argv[1])) {
        unixctl_command_reply_error(conn, "no such remote");
        return;
    }
    reconfigure_remotes(server);
    unixctl_command_reply(conn, NULL);
}

static void
unixctl_list_remotes(struct unixctl_conn *conn, int argc SVS_UNUSED,
                     const char *argv[] SVS_UNUSED, void *server_)
{
    struct server *server = server_;
    struct ds s = DS_EMPTY_INITIALIZER;
    const char **names = sset_sort(&server->remotes);
    for (size_t i = 0; names[i]; i++) {
        ds_put_format(&s, "%s\n", names[i]);
    }
    free(names);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
unixctl_add_db(struct unixctl_conn *conn, int argc SVS_UNUSED,
               const char *argv[], void *server_)
{
    struct server *server = server_;

    /* Like ovsdb-server, a relative name is relative to the working
     * directory (the root directory, once detached), and errors show the
     * name as given. */
    struct db_error *error = open_db(server, argv[1]);
    if (error) {
        char *s = db_error_to_string_free(error);
        unixctl_command_reply_error(conn, s);
        free(s);
        return;
    }
    update_server_db(server);
    reconfigure_remotes(server);
    unixctl_command_reply(conn, NULL);
}

static void
unixctl_remove_db(struct unixctl_conn *conn, int argc SVS_UNUSED,
                  const char *argv[], void *server_)
{
    struct server *server = server_;
    if (!strcmp(argv[1], "_Server")) {
        unixctl_command_reply_error(conn, "Cannot remove reserved database.");
        return;
    }
    struct db_file *df = find_db_file(server, argv[1]);
    if (!df) {
        unixctl_command_reply_error(conn, "Failed to find the database.");
        return;
    }
    close_db(server, df, "database removed");
    update_server_db(server);
    reconfigure_remotes(server);
    unixctl_command_reply(conn, NULL);
}

static void
unixctl_list_dbs(struct unixctl_conn *conn, int argc SVS_UNUSED,
                 const char *argv[] SVS_UNUSED, void *server_)
{
    struct server *server = server_;
    struct sset names = SSET_INITIALIZER(&names);
    struct shash_node *node;
    SHASH_FOR_EACH (node, &server->db_files) {
        sset_add(&names, node->name);
    }
    sset_add(&names, "_Server");

    struct ds s = DS_EMPTY_INITIALIZER;
    const char **sorted = sset_sort(&names);
    for (size_t i = 0; sorted[i]; i++) {
        ds_put_format(&s, "%s\n", sorted[i]);
    }
    free(sorted);
    sset_destroy(&names);
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
unixctl_reconnect(struct unixctl_conn *conn, int argc SVS_UNUSED,
                  const char *argv[] SVS_UNUSED, void *server_)
{
    struct server *server = server_;
    ovsdb_jsonrpc_server_reconnect(server->jsonrpc);
    unixctl_command_reply(conn, NULL);
}

static void
unixctl_memory_show(struct unixctl_conn *conn, int argc SVS_UNUSED,
                    const char *argv[] SVS_UNUSED, void *server_)
{
    struct server *server = server_;
    size_t rows = 0, cells = 0, bytes = 0, history = 0;
    struct shash_node *node;

    SHASH_FOR_EACH (node, &server->db_files) {
        struct db_file *df = node->data;
        size_t r, c, b;
        ovsdb_get_memory_usage(df->db, &r, &c, &b);
        rows += r;
        cells += c;
        bytes += b;
        history += df->db->n_txn_history;
    }

    size_t sessions, monitors, backlog;
    ovsdb_jsonrpc_server_get_memory_usage(server->jsonrpc, &sessions,
                                          &monitors, &backlog);
    /* Keys in alphabetical order, as ovsdb-server prints them. */
    char *s = xasprintf("backlog:%zu cells:%zu data-bytes:%zu monitors:%zu "
                        "rows:%zu rss-kb:%llu sessions:%zu txn-history:%zu\n",
                        backlog, cells, bytes, monitors, rows,
                        time_get_rss_kb(), sessions, history);
    unixctl_command_reply(conn, s);
    free(s);
}

/* Main. */

/* Makes '*file_namep', an SSL file setting, absolute unless it is unset,
 * "none" (for --ca-cert) or read from a database ("db:..."). */
static void
make_ssl_file_name_absolute(char **file_namep)
{
    char *name = *file_namep;
    if (name && strcmp(name, "none") && !str_startswith(name, "db:")) {
        *file_namep = abs_file_name(NULL, name);
        free(name);
    }
}

static void
raise_fd_limit(void)
{
    struct rlimit rl;
    if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl)) {
            VLOG_WARN("could not raise the open file limit (%s)",
                      svs_strerror(errno));
        }
    }
}

/* Commits every database's pending storage batch.  A failure means the
 * server cannot keep its promise of durability, so it exits without
 * acknowledging anything (clients retry after restart). */
static void
commit_storage(struct server *server)
{
    struct shash_node *node;
    SHASH_FOR_EACH (node, &server->db_files) {
        struct db_file *df = node->data;
        struct ovsdb_storage *storage = df->db->storage;
        if (storage && ovsdb_storage_has_pending(storage)) {
            struct db_error *error = ovsdb_storage_commit(storage, false);
            if (error) {
                char *s = db_error_to_string_free(error);
                VLOG_FATAL("%s: committing to storage failed, exiting "
                           "without acknowledging (%s)", df->file_name, s);
            }
        }
    }
}

/* Runs one step of each compaction in progress, starting automatic
 * compaction of the databases whose log has grown enough. */
static void
run_compaction(struct server *server)
{
    struct shash_node *node;
    SHASH_FOR_EACH (node, &server->db_files) {
        struct db_file *df = node->data;
        struct ovsdb_storage *storage = df->db->storage;
        if (!df->compacting && ovsdb_storage_should_compact(storage)) {
            start_compaction(df, node->name, "online");
        }
        if (!df->compacting) {
            continue;
        }

        struct db_error *error = NULL;
        if (ovsdb_storage_compact_step(storage, &error) && !error) {
            continue;
        }
        df->compacting = false;
        if (error) {
            char *s = db_error_to_string_free(error);
            VLOG_WARN("%s: compaction failed: %s", df->file_name, s);
            compaction_done(server, node->name, s);
            free(s);
        } else {
            VLOG_INFO("%s: finished compacting database %s (%lld ms)",
                      df->file_name, node->name,
                      time_msec() - df->compact_start);
            compaction_done(server, node->name, NULL);
        }
    }
}

/* A big reply (a select of 10,000 rows builds some 30 MB of JSON values
 * and text) is freed as soon as it is sent; with glibc's defaults the
 * heap then shrinks back and the next such reply grows it again, page by
 * page, and a first touch of a page costs ~12 µs on the VMs this runs on:
 * half the time of such a select.  Keep up to 64 MB of freed memory, and
 * take blocks up to 32 MB from the heap rather than from mappings of their
 * own, so that they are reused.  The memory of a database at rest is the
 * same (tests/perf/ovsdb figures (e) and (f)). */
static void
keep_freed_memory(void)
{
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

int
main(int argc, char *argv[])
{
    struct svec db_file_names = SVEC_EMPTY_INITIALIZER;
    struct server server;

    set_program_name(argv[0]);
    keep_freed_memory();
    memset(&server, 0, sizeof server);
    shash_init(&server.db_files);
    sset_init(&server.remotes);
    svs_list_init(&server.compact_requests);
    uuid_generate(&server.server_id);

    fatal_ignore_sigpipe();
    fatal_signal_init();
    /* Like ovsdb-server, log to the console until detached (if ever). */
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_INFO);
    parse_options(argc, argv, &db_file_names, &server.remotes);

    if (!db_file_names.n && !serve_no_dbs) {
        svec_add_nocopy(&db_file_names,
                        xasprintf("%s/conf.db", svs_dbdir()));
    }

    /* Resolve relative file names while the working directory is still
     * the invoker's: a detached server changes to the root directory, and
     * under --monitor a restarted server opens its files again, and the
     * SSL files are re-read whenever they change. */
    for (size_t i = 0; i < db_file_names.n; i++) {
        char *file_name = abs_file_name(NULL, db_file_names.names[i]);
        free(db_file_names.names[i]);
        db_file_names.names[i] = file_name;
    }
    make_ssl_file_name_absolute(&private_key_file);
    make_ssl_file_name_absolute(&certificate_file);
    make_ssl_file_name_absolute(&ca_cert_file);

    daemonize_start();
    raise_fd_limit();

    server.jsonrpc = ovsdb_jsonrpc_server_create(&server.server_id);
    server.server_db = create_server_db();
    ovsdb_jsonrpc_server_set_server_db(server.jsonrpc, server.server_db);
    ovsdb_jsonrpc_server_set_convert_cb(server.jsonrpc, convert_db,
                                        &server);

    for (size_t i = 0; i < db_file_names.n; i++) {
        struct db_error *error = open_db(&server, db_file_names.names[i]);
        if (error) {
            char *s = db_error_to_string_free(error);
            svs_fatal(0, "%s", s);
        }
    }
    update_server_db(&server);
    reconfigure_ssl(&server);
    reconfigure_remotes(&server);

    struct unixctl_server *unixctl;
    int retval = unixctl_server_create(unixctl_path, &unixctl);
    if (retval) {
        svs_fatal(retval, "could not create unixctl server");
    }
    vlog_init_unixctl();
    unixctl_command_register("exit", "", 0, 0, unixctl_exit, &server);
    unixctl_command_register("ovsdb-server/compact", "", 0, 1,
                             unixctl_compact, &server);
    unixctl_command_register("ovsdb-server/reconnect", "", 0, 0,
                             unixctl_reconnect, &server);
    unixctl_command_register("ovsdb-server/add-remote", "REMOTE", 1, 1,
                             unixctl_add_remote, &server);
    unixctl_command_register("ovsdb-server/remove-remote", "REMOTE", 1, 1,
                             unixctl_remove_remote, &server);
    unixctl_command_register("ovsdb-server/list-remotes", "", 0, 0,
                             unixctl_list_remotes, &server);
    unixctl_command_register("ovsdb-server/add-db", "DB", 1, 1,
                             unixctl_add_db, &server);
    unixctl_command_register("ovsdb-server/remove-db", "DB", 1, 1,
                             unixctl_remove_db, &server);
    unixctl_command_register("ovsdb-server/list-dbs", "", 0, 0,
                             unixctl_list_dbs, &server);
    unixctl_command_register("memory/show", "", 0, 0, unixctl_memory_show,
                             &server);

    daemonize_complete();
    VLOG_INFO("%s (svs) %s", program_name, PACKAGE_VERSION);

    /* --run: run a command, then exit when it finishes. */
    pid_t run_pid = 0;
    if (run_command) {
        run_pid = fork();
        if (run_pid < 0) {
            svs_fatal(errno, "fork failed");
        } else if (!run_pid) {
            execl("/bin/sh", "sh", "-c", run_command, (char *) NULL);
            _exit(127);
        }
    }

    char *run_error = NULL;
    while (!server.exiting) {
        long long int now = time_msec();

        ovsdb_jsonrpc_server_run(server.jsonrpc);
        if (now >= server.next_status_update) {
            update_remote_status(&server);
            server.next_status_update = now + 2500;
        }
        commit_storage(&server);
        ovsdb_jsonrpc_server_flush(server.jsonrpc);

        /* Remotes and SSL settings may come from the databases; they are
         * cheap to recompute, so do it periodically. */
        if (now >= server.next_remotes_check) {
            /* SSL first: a new pssl: remote needs the key at once. */
            reconfigure_ssl(&server);
            reconfigure_remotes(&server);
            server.next_remotes_check = now + 1000;
        }
        run_compaction(&server);
        unixctl_server_run(unixctl);
        fatal_signal_run();

        if (run_pid) {
            int status;
            if (waitpid(run_pid, &status, WNOHANG) == run_pid) {
                /* As ovsdb-server: exit 0 if the command succeeded,
                 * else report how it ended and exit 1. */
                if (status) {
                    char *s = daemon_status_to_string(status);
                    run_error = xasprintf("%s: child exited, %s",
                                          run_command, s);
                    free(s);
                }
                server.exiting = true;
            }
        }
        if (server.exiting) {
            break;
        }

        ovsdb_jsonrpc_server_wait(server.jsonrpc);
        unixctl_server_wait(unixctl);
        fatal_signal_wait();
        poll_timer_wait_until(server.next_remotes_check);
        poll_timer_wait_until(server.next_status_update);
        if (run_pid) {
            poll_timer_wait(100);
        }
        struct shash_node *node;
        SHASH_FOR_EACH (node, &server.db_files) {
            struct db_file *df = node->data;
            if (df->compacting) {
                poll_immediate_wake();
            }
        }
        poll_block();
    }

    commit_storage(&server);
    ovsdb_jsonrpc_server_flush(server.jsonrpc);
    struct compact_request *req;
    LIST_FOR_EACH_POP (req, node, &server.compact_requests) {
        unixctl_command_reply_error(req->conn, "server exiting");
        sset_destroy(&req->dbs);
        ds_destroy(&req->errors);
        free(req);
    }
    unixctl_server_destroy(unixctl);
    ovsdb_jsonrpc_server_destroy(server.jsonrpc);
    struct shash_node *node, *next;
    SHASH_FOR_EACH_SAFE (node, next, &server.db_files) {
        struct db_file *df = node->data;
        shash_delete(&server.db_files, node);
        ovsdb_destroy(df->db);
        free(df->file_name);
        free(df);
    }
    ovsdb_destroy(server.server_db);
    shash_destroy(&server.db_files);
    sset_destroy(&server.remotes);
    svec_destroy(&db_file_names);
    if (run_error) {
        svs_fatal(0, "%s", run_error);
    }
    return 0;
}

static void
parse_options(int argc, char *argv[], struct svec *db_files,
              struct sset *remotes)
{
    enum {
        OPT_REMOTE = UCHAR_MAX + 1,
        OPT_UNIXCTL,
        OPT_RUN,
        OPT_BOOTSTRAP_CA_CERT,
        OPT_PEER_CA_CERT,
        OPT_SSL_PROTOCOLS,
        OPT_SSL_CIPHERS,
        OPT_SYNC_FROM,
        OPT_SYNC_EXCLUDE,
        OPT_ACTIVE,
        OPT_NO_DBS,
        OPT_FILE_COLUMN_DIFF,
        OPT_RECORD,
        OPT_REPLAY,
        VLOG_OPTION_ENUMS,
        DAEMON_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"remote", required_argument, NULL, OPT_REMOTE},
        {"unixctl", required_argument, NULL, OPT_UNIXCTL},
        {"run", required_argument, NULL, OPT_RUN},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"private-key", required_argument, NULL, 'p'},
        {"certificate", required_argument, NULL, 'c'},
        {"ca-cert", required_argument, NULL, 'C'},
        {"bootstrap-ca-cert", required_argument, NULL,
         OPT_BOOTSTRAP_CA_CERT},
        {"peer-ca-cert", required_argument, NULL, OPT_PEER_CA_CERT},
        {"ssl-protocols", required_argument, NULL, OPT_SSL_PROTOCOLS},
        {"ssl-ciphers", required_argument, NULL, OPT_SSL_CIPHERS},
        {"sync-from", required_argument, NULL, OPT_SYNC_FROM},
        {"sync-exclude-tables", required_argument, NULL, OPT_SYNC_EXCLUDE},
        {"active", no_argument, NULL, OPT_ACTIVE},
        {"no-dbs", no_argument, NULL, OPT_NO_DBS},
        {"disable-file-column-diff", no_argument, NULL,
         OPT_FILE_COLUMN_DIFF},
        {"record", optional_argument, NULL, OPT_RECORD},
        {"replay", optional_argument, NULL, OPT_REPLAY},
        VLOG_LONG_OPTIONS,
        DAEMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options = long_options_to_short_options(long_options);
    bool no_dbs = false;

    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }

        switch (c) {
        case OPT_REMOTE:
            sset_add(remotes, optarg);
            break;
        case OPT_UNIXCTL:
            free(unixctl_path);
            unixctl_path = xstrdup(optarg);
            break;
        case OPT_RUN:
            free(run_command);
            run_command = xstrdup(optarg);
            break;
        case 'h':
            usage();
        case 'V':
            svs_print_version();
            exit(EXIT_SUCCESS);
        case 'p':
            free(private_key_file);
            private_key_file = xstrdup(optarg);
            break;
        case 'c':
            free(certificate_file);
            certificate_file = xstrdup(optarg);
            break;
        case 'C':
            free(ca_cert_file);
            ca_cert_file = xstrdup(optarg);
            bootstrap_ca_cert = false;
            break;
        case OPT_BOOTSTRAP_CA_CERT:
            free(ca_cert_file);
            ca_cert_file = xstrdup(optarg);
            bootstrap_ca_cert = true;
            break;
        case OPT_PEER_CA_CERT:
            stream_ssl_set_peer_ca_cert_file(optarg);
            break;
        case OPT_SSL_PROTOCOLS:
            free(ssl_protocols);
            ssl_protocols = xstrdup(optarg);
            break;
        case OPT_SSL_CIPHERS:
            free(ssl_ciphers);
            ssl_ciphers = xstrdup(optarg);
            break;
        case OPT_SYNC_FROM:
        case OPT_SYNC_EXCLUDE:
        case OPT_ACTIVE:
            svs_fatal(0, "--%s: active-backup replication is not supported "
                      "by svsdb-server",
                      (c == OPT_SYNC_FROM ? "sync-from"
                       : c == OPT_ACTIVE ? "active"
                       : "sync-exclude-tables"));
        case OPT_NO_DBS:
            no_dbs = true;
            break;
        case OPT_FILE_COLUMN_DIFF:
            /* svs stores whole rows; nothing to disable. */
            break;
        case OPT_RECORD:
        case OPT_REPLAY:
            VLOG_WARN("--record and --replay are not supported; ignored");
            break;

        VLOG_OPTION_HANDLERS
        DAEMON_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
    free(short_options);

    for (int i = optind; i < argc; i++) {
        svec_add(db_files, argv[i]);
    }
    if (no_dbs && db_files->n) {
        svs_fatal(0, "--no-dbs conflicts with database file arguments");
    }
    serve_no_dbs = no_dbs;
}

static void
usage(void)
{
    printf("%s: svs database server\n"
           "usage: %s [OPTIONS] [DATABASE...]\n"
           "where each DATABASE is a database file made by svsdb-tool.\n"
           "The default DATABASE, if none is given, is\n%s/conf.db.\n",
           program_name, program_name, svs_dbdir());
    printf("\nJSON-RPC options (may be specified any number of times):\n"
           "  --remote=REMOTE         connect or listen to REMOTE\n");
    stream_usage("JSON-RPC", true, true, true);
    daemon_usage();
    vlog_usage();
    printf("\nOther options:\n"
           "  --run COMMAND           run COMMAND as subprocess then exit\n"
           "  --unixctl=SOCKET        override default control socket name\n"
           "  -h, --help              display this help message\n"
           "  -V, --version           display version information\n");
    exit(EXIT_SUCCESS);
}
