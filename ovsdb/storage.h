/* storage.h: durable storage of one OVSDB database.
 *
 * What: the engine keeps every database in memory and serves reads from
 * there; a 'struct ovsdb_storage' makes its changes durable.  This header
 * is the whole contract between the engine and a storage backend, so that
 * a replicated backend can be added later beside the SQLite one
 * (storage-sqlite.c), the only backend today.
 *
 * Data model: the storage holds
 *   - the database schema, as its JSON text (RFC 7047 <database-schema>);
 *   - the current rows: for each table, a map from row UUID to the row's
 *     JSON object {"column": <value>, ...} in RFC 7047 <row> notation,
 *     exactly as the engine handed it over (the storage does not interpret
 *     rows);
 *   - a log of committed transactions: for each one, its commit time, its
 *     comment (from the "comment" operation, or NULL) and its changes.
 *     The log exists for svsdb-tool show-log and may be trimmed by
 *     compaction; the rows are the truth.
 *
 * Changes: a transaction's changes are one JSON object in the form
 *     {"<table>": {"<uuid>": <row> or null, ...}, ...}
 * where a <row> is the row's complete new contents (insert or modify) and
 * null deletes the row.
 *
 * Durability contract:
 *   1. ovsdb_storage_write() records a transaction in an open batch;
 *      nothing is visible on disk yet.
 *   2. ovsdb_storage_commit() makes every transaction of the batch
 *      durable at once and atomically: after it returns 0 the transactions
 *      survive kill -9 of the process at any later moment; if the process
 *      dies before it returns, after restart either all or none of the
 *      batch is present, and never part of one transaction.  With
 *      'durable' true (or when the batch holds a transaction written with
 *      'durable' set) they also survive power loss (fsync).
 *   3. A client's transaction is acknowledged only after the commit that
 *      holds it returns 0.
 *   If ovsdb_storage_commit() fails, the batch is rolled back on disk and
 *   the engine's memory is ahead of the disk: the caller must not
 *   acknowledge the batch, and the server treats this as fatal (it exits
 *   after logging; on restart memory matches the disk again).
 *
 * Exclusion: opening for writing takes an exclusive lock on the file; a
 * second writer gets an error naming the file and the lock, not a corrupt
 * database.
 *
 * Errors: every function that can fail returns a 'struct db_error *'
 * (NULL on success; see db-error.h) whose details name the file and say
 * what is wrong, e.g. "conf.db: not an svs database (file is not a
 * database)".  Nothing is ever overwritten in response to an error.
 *
 * Thread-safety: a storage object belongs to one thread at a time.  A
 * storage opened for writing runs a helper thread internally (the SQLite
 * backend checkpoints its write-ahead log there), so a process must not
 * fork() while it has one open unless the child only exec()s. */
#ifndef SVSDB_STORAGE_H
#define SVSDB_STORAGE_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"
#include "uuid.h"

struct db_error;

struct ovsdb_storage;

/* Creates a new database file 'file_name' holding 'schema' (a JSON
 * database schema, not validated here) and no rows.  Fails if the file
 * exists.  The file appears complete or not at all, even if the process
 * dies meanwhile.  On success stores the storage, open for writing, in
 * '*storagep'. */
struct db_error *ovsdb_storage_create(const char *file_name,
                                      const json_t *schema,
                                      struct ovsdb_storage **storagep)
    SVS_WARN_UNUSED_RESULT;

/* Opens existing 'file_name'.  With 'read_only', takes no write lock and
 * every write fails.  On success stores the storage in '*storagep'. */
struct db_error *ovsdb_storage_open(const char *file_name, bool read_only,
                                    struct ovsdb_storage **storagep)
    SVS_WARN_UNUSED_RESULT;

/* Closes 'storage', discarding an uncommitted batch.  Accepts NULL. */
void ovsdb_storage_close(struct ovsdb_storage *);

const char *ovsdb_storage_get_file_name(const struct ovsdb_storage *);

/* Returns the stored schema.  The storage keeps ownership. */
const json_t *ovsdb_storage_get_schema(const struct ovsdb_storage *);

/* Calls 'cb' once for every stored row, with its table name, UUID and
 * row object (owned by the storage, valid during the call).  Stops and
 * returns the callback's error if it returns nonnull. */
typedef struct db_error *ovsdb_storage_row_cb(void *aux, const char *table,
                                              const struct uuid *,
                                              const json_t *row);
struct db_error *ovsdb_storage_read_rows(struct ovsdb_storage *,
                                         ovsdb_storage_row_cb *, void *aux)
    SVS_WARN_UNUSED_RESULT;

/* Adds one transaction's 'changes' (see above) to the open batch, with
 * optional 'comment'.  'durable' asks for power-loss safety at the next
 * commit.  If 'changes' does not have the required form, fails with a
 * "syntax error" and leaves the batch as it was; if writing fails (an I/O
 * error), discards the whole batch, and the next commit fails too. */
struct db_error *ovsdb_storage_write(struct ovsdb_storage *,
                                     const json_t *changes,
                                     const char *comment, bool durable)
    SVS_WARN_UNUSED_RESULT;
/* Like ovsdb_storage_write(), but logs the transaction as committed at
 * 'time_msec' (wall clock, milliseconds since the epoch) instead of now:
 * for svsdb-tool import, which keeps the history of the imported file. */
struct db_error *ovsdb_storage_write_at(struct ovsdb_storage *,
                                        const json_t *changes,
                                        const char *comment, bool durable,
                                        long long int time_msec)
    SVS_WARN_UNUSED_RESULT;

/* One row of a transaction for ovsdb_storage_write_rows(), whose text is
 * already serialized: the fast path of the server, which saves building
 * and freeing a JSON tree per row. */
struct ovsdb_storage_row_change {
    const char *table;          /* Table name. */
    struct uuid uuid;           /* Row. */
    const char *row;            /* Compact JSON text of the new row (as in
                                 * "Changes" above), or NULL to delete. */
    size_t row_len;             /* Bytes of 'row'. */
};

/* Like ovsdb_storage_write() for the 'n' rows in 'changes', which must be
 * sorted by table name, then UUID (uuid_compare_3way()), each row at most
 * once.  The rows' texts are trusted to be valid JSON objects. */
struct db_error *ovsdb_storage_write_rows(
    struct ovsdb_storage *, const struct ovsdb_storage_row_change *changes,
    size_t n, const char *comment, bool durable)
    SVS_WARN_UNUSED_RESULT;

/* True if ovsdb_storage_write() was called since the last commit. */
bool ovsdb_storage_has_pending(const struct ovsdb_storage *);

/* Commits the open batch (see the durability contract).  A no-op
 * returning NULL if nothing is pending. */
struct db_error *ovsdb_storage_commit(struct ovsdb_storage *, bool durable)
    SVS_WARN_UNUSED_RESULT;

/* Replaces the schema and all the rows at once (schema conversion, or
 * svsdb-tool convert): calls 'fill' which must call
 * ovsdb_storage_put_row() for every row of the new database.  Atomic:
 * on any error the old contents remain.  Empties the log (its records
 * describe the old schema); sequence numbers continue where they were.
 * No batch may be pending. */
typedef struct db_error *ovsdb_storage_fill_cb(void *aux,
                                               struct ovsdb_storage *);
struct db_error *ovsdb_storage_replace(struct ovsdb_storage *,
                                       const json_t *new_schema,
                                       ovsdb_storage_fill_cb *fill, void *aux)
    SVS_WARN_UNUSED_RESULT;
struct db_error *ovsdb_storage_put_row(struct ovsdb_storage *,
                                       const char *table, const struct uuid *,
                                       const json_t *row)
    SVS_WARN_UNUSED_RESULT;

/* Compaction: drops the transaction log older than the newest entry and
 * returns free pages to the file system.  Runs in short steps so that the
 * caller can keep serving clients: call ovsdb_storage_compact_start(),
 * then ovsdb_storage_compact_step() from the main loop until it returns
 * false (done, or failed with '*errorp' set).  Each step is one short
 * transaction of its own, sized to take about 2 ms; while a batch is
 * pending a step does nothing and returns true, so commit first.
 * Transactions committed between steps are kept.
 * ovsdb_storage_compact() does all steps at once and fails if a batch is
 * pending or the storage is read-only. */
struct db_error *ovsdb_storage_compact(struct ovsdb_storage *)
    SVS_WARN_UNUSED_RESULT;
void ovsdb_storage_compact_start(struct ovsdb_storage *);
bool ovsdb_storage_compact_step(struct ovsdb_storage *,
                                struct db_error **errorp);
/* True if the log has grown enough that compaction is worthwhile: more
 * than 50,000 records, or more bytes than the rows and at least 4 MiB.
 * False for a read-only storage and during compaction. */
bool ovsdb_storage_should_compact(const struct ovsdb_storage *);

/* The log, oldest first, for svsdb-tool show-log: calls 'cb' for each
 * logged transaction with its sequence number (1-based, increasing),
 * wall-clock commit time in milliseconds, comment (may be NULL) and
 * changes. */
typedef void ovsdb_storage_log_cb(void *aux, uint64_t seqno,
                                  long long int time_msec,
                                  const char *comment,
                                  const json_t *changes);
struct db_error *ovsdb_storage_read_log(struct ovsdb_storage *,
                                        ovsdb_storage_log_cb *, void *aux)
    SVS_WARN_UNUSED_RESULT;

/* Statistics for memory/show and tests. */
struct ovsdb_storage_stats {
    uint64_t n_commits;         /* Batches committed since open. */
    uint64_t n_txns;            /* Transactions written since open. */
    uint64_t n_log_entries;     /* Transactions currently in the log. */
    uint64_t file_size;         /* Bytes in the database file + WAL. */
};
void ovsdb_storage_get_stats(const struct ovsdb_storage *,
                             struct ovsdb_storage_stats *);

#endif /* storage.h */
