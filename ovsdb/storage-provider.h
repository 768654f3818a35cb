/* storage-provider.h: the interface between storage.c and a storage
 * backend.
 *
 * What: storage.h is what the engine and svsdb-tool use; this header is
 * what a backend implements.  storage.c does everything that does not
 * depend on the backend (recognizing the file type, validating arguments,
 * enforcing the read-only and batch rules, counting statistics) and then
 * calls the backend's class functions.  Today the only backend is
 * storage-sqlite.c.
 *
 * Lifecycle: a backend's open() or create() allocates its own structure,
 * which embeds 'struct ovsdb_storage' as its first member, initializes the
 * base with ovsdb_storage_init() and returns it; close() frees it.  The
 * backend reaches its own structure with CONTAINER_OF.
 *
 * Every function that returns 'struct db_error *' returns NULL on success
 * and an error naming the file otherwise, as described in storage.h.
 *
 * Thread-safety: as for storage.h. */
#ifndef SVSDB_STORAGE_PROVIDER_H
#define SVSDB_STORAGE_PROVIDER_H 1

#include "storage.h"

/* The part of every storage object that storage.c manages. */
struct ovsdb_storage {
    const struct ovsdb_storage_class *class;
    char *file_name;            /* As given to open() or create(). */
    bool read_only;             /* Opened without the write lock. */
    json_t *schema;             /* Stored schema, owned.  Set by the
                                 * backend's open(), create() and
                                 * replace_start(). */

    /* Batch state, maintained by storage.c. */
    bool pending;               /* Written since the last commit. */
    bool replacing;             /* Between replace_start and finish. */
    bool compacting;            /* compact_start() called, not done. */
    uint64_t n_commits;         /* Statistics, see storage.h. */
    uint64_t n_txns;
};

/* Initializes the base part of a backend's storage object. */
void ovsdb_storage_init(struct ovsdb_storage *,
                        const struct ovsdb_storage_class *,
                        const char *file_name, bool read_only);
/* Frees what ovsdb_storage_init() and the backend put into the base. */
void ovsdb_storage_destroy_base(struct ovsdb_storage *);

struct ovsdb_storage_class {
    /* Short name of the backend, e.g. "sqlite". */
    const char *type;

    /* True if 'header', the first 'n' bytes of a file (fewer than 100 only
     * if the file is that short), look like this backend's format. */
    bool (*probe)(const char *header, size_t n);

    /* Creates 'file_name', which storage.c made sure did not exist a
     * moment earlier; the backend must still refuse to overwrite it.
     * 'schema' is stored as given. */
    struct db_error *(*create)(const char *file_name, const json_t *schema,
                               struct ovsdb_storage **storagep);

    /* Opens 'file_name', whose header probe() accepted. */
    struct db_error *(*open)(const char *file_name, bool read_only,
                             struct ovsdb_storage **storagep);

    /* Closes, discarding an open batch.  Never called with NULL. */
    void (*close)(struct ovsdb_storage *);

    /* As in storage.h. */
    struct db_error *(*read_rows)(struct ovsdb_storage *,
                                  ovsdb_storage_row_cb *, void *aux);

    /* Adds one transaction to the batch.  storage.c has checked that
     * 'changes' has the form described in storage.h: an object of objects
     * whose keys are UUIDs and whose values are objects or null.
     * 'time_msec' is the wall-clock time to log.  On failure the backend
     * must leave the rest of the batch as it was, or discard the whole
     * batch and make the next commit() fail. */
    struct db_error *(*write)(struct ovsdb_storage *, const json_t *changes,
                              const char *comment, bool durable,
                              long long int time_msec);

    /* Like write() for pre-serialized rows (see
     * ovsdb_storage_write_rows()). */
    struct db_error *(*write_rows)(struct ovsdb_storage *,
                                   const struct ovsdb_storage_row_change *,
                                   size_t n, const char *comment,
                                   bool durable, long long int time_msec);

    /* Commits the batch; storage.c calls it only if something is
     * pending. */
    struct db_error *(*commit)(struct ovsdb_storage *, bool durable);

    /* Schema replacement: replace_start() begins an atomic change that
     * removes every row, the log and the old schema and stores
     * 'new_schema'; put_row() adds rows; replace_finish() commits if
     * 'commit' is true and otherwise rolls everything back.  storage.c
     * calls them in that order only, with no batch pending. */
    struct db_error *(*replace_start)(struct ovsdb_storage *,
                                      const json_t *new_schema);
    struct db_error *(*put_row)(struct ovsdb_storage *, const char *table,
                                const struct uuid *, const json_t *row);
    struct db_error *(*replace_finish)(struct ovsdb_storage *, bool commit);

    /* Compaction, as in storage.h.  compact_step() is called only with no
     * batch pending and must return after a few milliseconds of work. */
    void (*compact_start)(struct ovsdb_storage *);
    bool (*compact_step)(struct ovsdb_storage *, struct db_error **errorp);
    bool (*should_compact)(const struct ovsdb_storage *);

    struct db_error *(*read_log)(struct ovsdb_storage *,
                                 ovsdb_storage_log_cb *, void *aux);

    /* Fills in 'n_log_entries' and 'file_size'. */
    void (*get_stats)(const struct ovsdb_storage *,
                      struct ovsdb_storage_stats *);
};

extern const struct ovsdb_storage_class ovsdb_storage_sqlite_class;

#endif /* storage-provider.h */
