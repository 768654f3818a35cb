/* storage.c: the backend-independent half of ovsdb/storage.h.
 *
 * Recognizes what kind of file is being opened (so that an Open vSwitch
 * database or a stray file gets a precise error rather than a backend's
 * generic one), validates arguments, enforces the batch rules of the
 * contract, and dispatches to the backend (storage-provider.h). */
#include <config.h>
#include "storage.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "db-error.h"
#include "json.h"
#include "storage-provider.h"
#include "timeval.h"
#include "util.h"
#include "uuid.h"

static const struct ovsdb_storage_class *const storage_classes[] = {
    &ovsdb_storage_sqlite_class,
};

/* The first bytes of Open vSwitch's database files. */
#define OVS_STANDALONE_MAGIC "OVSDB JSON "
#define OVS_CLUSTERED_MAGIC "OVSDB CLUSTER "

static struct db_error *check_writable(const struct ovsdb_storage *,
                                       const char *operation);
static struct db_error *check_changes(const struct ovsdb_storage *,
                                      const json_t *changes);

void
ovsdb_storage_init(struct ovsdb_storage *storage,
                   const struct ovsdb_storage_class *class,
                   const char *file_name, bool read_only)
{
    memset(storage, 0, sizeof *storage);
    storage->class = class;
    storage->file_name = xstrdup(file_name);
    storage->read_only = read_only;
}

void
ovsdb_storage_destroy_base(struct ovsdb_storage *storage)
{
    free(storage->file_name);
    json_decref(storage->schema);
}

struct db_error *
ovsdb_storage_create(const char *file_name, const json_t *schema,
                     struct ovsdb_storage **storagep)
{
    *storagep = NULL;

    struct stat s;
    if (!lstat(file_name, &s)) {
        return db_io_error(EEXIST, "%s: create failed", file_name);
    } else if (errno != ENOENT) {
        return db_io_error(errno, "%s: create failed", file_name);
    }
    if (!json_is_object(schema)) {
        return db_syntax_error(schema, NULL, "%s: create failed: database "
                               "schema is not a JSON object", file_name);
    }
    return storage_classes[0]->create(file_name, schema, storagep);
}

/* Returns an error that says what 'file_name', whose first bytes are the
 * 'n' bytes in 'header', is, if no backend recognizes it. */
static struct db_error *
unknown_format_error(const char *file_name, const char *header, size_t n)
{
    if (!n) {
        return db_error("ovsdb error", "%s: not an svs database: the file "
                        "is empty", file_name);
    } else if (n >= strlen(OVS_STANDALONE_MAGIC)
               && !memcmp(header, OVS_STANDALONE_MAGIC,
                          strlen(OVS_STANDALONE_MAGIC))) {
        return db_error("ovsdb error", "%s: this is an Open vSwitch "
                        "database file; svs uses SQLite: convert it with "
                        "`svsdb-tool import`", file_name);
    } else if (n >= strlen(OVS_CLUSTERED_MAGIC)
               && !memcmp(header, OVS_CLUSTERED_MAGIC,
                          strlen(OVS_CLUSTERED_MAGIC))) {
        return db_error("ovsdb error", "%s: this is a clustered Open vSwitch "
                        "database file; svs uses SQLite: convert it with "
                        "`ovsdb-tool cluster-to-standalone`, then with "
                        "`svsdb-tool import`", file_name);
    } else {
        return db_error("ovsdb error", "%s: not an svs database: not an "
                        "SQLite database file", file_name);
    }
}

struct db_error *
ovsdb_storage_open(const char *file_name, bool read_only,
                   struct ovsdb_storage **storagep)
{
    *storagep = NULL;

    int fd = open(file_name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return db_io_error(errno, "%s: open failed", file_name);
    }

    char header[100];
    size_t n;
    int error = read_fully(fd, header, sizeof header, &n);
    close(fd);
    if (error && error != EOF) {
        return db_io_error(error, "%s: read failed", file_name);
    }

    for (size_t i = 0; i < ARRAY_SIZE(storage_classes); i++) {
        const struct ovsdb_storage_class *class = storage_classes[i];
        if (class->probe(header, n)) {
            return class->open(file_name, read_only, storagep);
        }
    }
    return unknown_format_error(file_name, header, n);
}

void
ovsdb_storage_close(struct ovsdb_storage *storage)
{
    if (storage) {
        storage->class->close(storage);
    }
}

const char *
ovsdb_storage_get_file_name(const struct ovsdb_storage *storage)
{
    return storage->file_name;
}

const json_t *
ovsdb_storage_get_schema(const struct ovsdb_storage *storage)
{
    return storage->schema;
}

struct db_error *
ovsdb_storage_read_rows(struct ovsdb_storage *storage,
                        ovsdb_storage_row_cb *cb, void *aux)
{
    return storage->class->read_rows(storage, cb, aux);
}

struct db_error *
ovsdb_storage_write(struct ovsdb_storage *storage, const json_t *changes,
                    const char *comment, bool durable)
{
    return ovsdb_storage_write_at(storage, changes, comment, durable,
                                  time_wall_msec());
}

struct db_error *
ovsdb_storage_write_rows(struct ovsdb_storage *storage,
                         const struct ovsdb_storage_row_change *changes,
                         size_t n, const char *comment, bool durable)
{
    struct db_error *error = check_writable(storage, "write");
    if (!error && storage->replacing) {
        error = DB_BUG("%s: write during replace", storage->file_name);
    }
    if (!error) {
        error = storage->class->write_rows(storage, changes, n, comment,
                                           durable, time_wall_msec());
    }
    if (!error) {
        storage->pending = true;
        storage->n_txns++;
    }
    return error;
}

struct db_error *
ovsdb_storage_write_at(struct ovsdb_storage *storage, const json_t *changes,
                       const char *comment, bool durable,
                       long long int time_msec)
{
    struct db_error *error = check_writable(storage, "write");
    if (!error && storage->replacing) {
        error = DB_BUG("%s: write during replace", storage->file_name);
    }
    if (!error) {
        error = check_changes(storage, changes);
    }
    if (!error) {
        error = storage->class->write(storage, changes, comment, durable,
                                      time_msec);
    }
    if (!error) {
        storage->pending = true;
        storage->n_txns++;
    }
    return error;
}

bool
ovsdb_storage_has_pending(const struct ovsdb_storage *storage)
{
    return storage->pending;
}

struct db_error *
ovsdb_storage_commit(struct ovsdb_storage *storage, bool durable)
{
    if (!storage->pending) {
        return NULL;
    }
    storage->pending = false;

    struct db_error *error = storage->class->commit(storage, durable);
    if (!error) {
        storage->n_commits++;
    }
    return error;
}

struct db_error *
ovsdb_storage_replace(struct ovsdb_storage *storage,
                      const json_t *new_schema,
                      ovsdb_storage_fill_cb *fill, void *aux)
{
    struct db_error *error = check_writable(storage, "replace");
    if (error) {
        return error;
    }
    if (storage->pending || storage->replacing) {
        return DB_BUG("%s: replace with a %s", storage->file_name,
                      storage->pending ? "batch pending" : "replace running");
    }
    if (!json_is_object(new_schema)) {
        return db_syntax_error(new_schema, NULL, "%s: replace failed: "
                               "database schema is not a JSON object",
                               storage->file_name);
    }

    error = storage->class->replace_start(storage, new_schema);
    if (error) {
        return error;
    }
    storage->replacing = true;
    error = fill(aux, storage);
    storage->replacing = false;

    struct db_error *finish_error = storage->class->replace_finish(storage,
                                                                   !error);
    if (error) {
        db_error_destroy(finish_error);
        return error;
    }
    return finish_error;
}

struct db_error *
ovsdb_storage_put_row(struct ovsdb_storage *storage, const char *table,
                      const struct uuid *uuid, const json_t *row)
{
    if (!storage->replacing) {
        return DB_BUG("%s: put_row outside replace", storage->file_name);
    }
    if (!json_is_object(row)) {
        return db_syntax_error(row, NULL, "%s: table %s row "UUID_FMT": row "
                               "is not a JSON object", storage->file_name,
                               table, UUID_ARGS(uuid));
    }
    return storage->class->put_row(storage, table, uuid, row);
}

struct db_error *
ovsdb_storage_compact(struct ovsdb_storage *storage)
{
    struct db_error *error = check_writable(storage, "compact");
    if (error) {
        return error;
    }
    if (storage->pending) {
        return DB_BUG("%s: compaction with a batch pending",
                      storage->file_name);
    }

    ovsdb_storage_compact_start(storage);
    while (ovsdb_storage_compact_step(storage, &error)) {
        continue;
    }
    return error;
}

void
ovsdb_storage_compact_start(struct ovsdb_storage *storage)
{
    if (!storage->read_only && !storage->compacting) {
        storage->compacting = true;
        storage->class->compact_start(storage);
    }
}

bool
ovsdb_storage_compact_step(struct ovsdb_storage *storage,
                           struct db_error **errorp)
{
    *errorp = NULL;
    if (!storage->compacting) {
        return false;
    } else if (storage->pending || storage->replacing) {
        /* Compaction works in its own transactions, between batches. */
        return true;
    }

    bool more = storage->class->compact_step(storage, errorp);
    if (!more || *errorp) {
        storage->compacting = false;
        more = false;
    }
    return more;
}

bool
ovsdb_storage_should_compact(const struct ovsdb_storage *storage)
{
    return (!storage->read_only && !storage->compacting
            && storage->class->should_compact(storage));
}

struct db_error *
ovsdb_storage_read_log(struct ovsdb_storage *storage,
                       ovsdb_storage_log_cb *cb, void *aux)
{
    return storage->class->read_log(storage, cb, aux);
}

void
ovsdb_storage_get_stats(const struct ovsdb_storage *storage,
                        struct ovsdb_storage_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    stats->n_commits = storage->n_commits;
    stats->n_txns = storage->n_txns;
    storage->class->get_stats(storage, stats);
}

static struct db_error *
check_writable(const struct ovsdb_storage *storage, const char *operation)
{
    if (storage->read_only) {
        return db_error("ovsdb error", "%s: cannot %s: database is open "
                        "read-only", storage->file_name, operation);
    }
    return NULL;
}

/* Checks that 'changes' has the form that storage.h specifies. */
static struct db_error *
check_changes(const struct ovsdb_storage *storage, const json_t *changes)
{
    if (!json_is_object(changes)) {
        return db_syntax_error(changes, NULL, "%s: transaction changes are "
                               "not a JSON object", storage->file_name);
    }

    const char *table;
    json_t *rows;
    json_object_foreach ((json_t *) changes, table, rows) {
        if (!json_is_object(rows)) {
            return db_syntax_error(rows, NULL, "%s: changes to table %s are "
                                   "not a JSON object", storage->file_name,
                                   table);
        }

        const char *uuid_s;
        json_t *row;
        json_object_foreach (rows, uuid_s, row) {
            if (!uuid_is_valid_string(uuid_s)) {
                return db_syntax_error(rows, NULL, "%s: table %s: \"%s\" is "
                                       "not a UUID", storage->file_name,
                                       table, uuid_s);
            }
            if (!json_is_object(row) && !json_is_null(row)) {
                return db_syntax_error(row, NULL, "%s: table %s row %s: new "
                                       "row is neither an object nor null",
                                       storage->file_name, table, uuid_s);
            }
        }
    }
    return NULL;
}
