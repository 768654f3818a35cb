/* ovsdb.h: the in-memory database engine: databases, tables and rows.
 *
 * What: a 'struct ovsdb' holds one database in memory: its schema, one
 * 'struct ovsdb_table' per table, each a hash map of 'struct ovsdb_row'
 * by UUID, plus the unique indexes of the schema.  All reads are served
 * from here.  Changes go through transactions (transaction.h), which
 * check every schema rule, make the change durable through the storage
 * (storage.h, optional: the _Server database has none), apply it, and
 * tell the replicas (monitors, triggers) about it.
 *
 * Rows: a row is immutable while it is committed.  A transaction that
 * modifies a row replaces it in its table by a private copy at once (so
 * that later operations of the same transaction see the change) and
 * keeps the committed version aside to restore on abort.  The committed
 * indexes and reference bookkeeping are updated only at commit.
 *
 * Invariants between transactions:
 *   1. Every row in 'table->rows' satisfies its column types and
 *      constraints, and the table has at most max_rows rows.
 *   2. Every strong reference names an existing row of the referenced
 *      table; 'row->n_refs' counts the strong references to 'row'.
 *   3. Every non-root row has n_refs > 0 (garbage is collected).
 *   4. No weak reference names a missing row; 'db->weak_refs' lists
 *      every weak reference exactly once.
 *   5. No two rows share the values of an index.
 *
 * Thread-safety: a database belongs to the thread that runs its server
 * loop; nothing here is thread-safe. */
#ifndef SVSDB_OVSDB_H
#define SVSDB_OVSDB_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"
#include "db-data.h"
#include "db-schema.h"
#include "hmap.h"
#include "list.h"
#include "shash.h"
#include "uuid.h"

struct db_error;
struct ds;
struct ovsdb_storage;
struct ovsdb_txn;
struct ovsdb_txn_row;

/* One row.  Allocated with room for the column datums ('fields', one per
 * column of the table schema, by column index) followed by one hash map
 * node per index of the table. */
struct ovsdb_row {
    struct hmap_node hmap_node;     /* In 'table->rows', by UUID. */
    struct ovsdb_table *table;
    struct ovsdb_txn_row *txn_row;  /* Pending change, or NULL. */
    uint32_t n_refs;                /* Strong references to this row. */
    union db_atom uuid;             /* Backs fields[DB_COL_UUID]. */
    union db_atom version;          /* Backs fields[DB_COL_VERSION]. */
    struct db_datum fields[];
};

static inline const struct uuid *
ovsdb_row_get_uuid(const struct ovsdb_row *row)
{
    return &row->uuid.uuid;
}

/* A table: the committed-plus-pending rows, and committed indexes. */
struct ovsdb_table {
    const struct db_table_schema *schema;
    struct ovsdb *db;
    struct hmap rows;               /* struct ovsdb_row by UUID hash. */
    struct hmap *indexes;           /* One per schema index. */
    bool has_weak_refs;             /* Any weak reference columns? */
    bool is_referenced;             /* Referenced by strong references? */
};

static inline struct ovsdb_row *
ovsdb_row_from_index_node(const struct hmap_node *node,
                          const struct ovsdb_table *table, size_t i)
{
    return (struct ovsdb_row *) (void *)
        ((char *) node - i * sizeof(struct hmap_node)
         - table->schema->n_columns * sizeof(struct db_datum)
         - offsetof(struct ovsdb_row, fields));
}

static inline struct hmap_node *
ovsdb_row_get_index_node(const struct ovsdb_row *row, size_t i)
{
    return (struct hmap_node *) (void *)
        ((char *) &row->fields[row->table->schema->n_columns]
         + i * sizeof(struct hmap_node));
}

/* A weak reference: row 'src' of 'src_table' names row 'dst' of
 * 'dst_table' in 'column'. */
struct ovsdb_weak_ref {
    struct hmap_node dst_node;      /* In db->weak_refs_by_dst. */
    struct hmap_node src_node;      /* In db->weak_refs_by_src. */
    struct uuid src;
    struct uuid dst;
    struct ovsdb_table *src_table;
    struct ovsdb_table *dst_table;
    const struct db_column *column;
};

struct ovsdb {
    char *name;
    struct db_schema *schema;
    struct shash tables;            /* Name -> struct ovsdb_table *. */
    struct ovsdb_storage *storage;  /* NULL for an in-memory database. */

    struct hmap weak_refs_by_dst;   /* struct ovsdb_weak_ref. */
    struct hmap weak_refs_by_src;   /* struct ovsdb_weak_ref. */

    struct svs_list replicas;       /* struct ovsdb_replica (monitors). */
    struct svs_list triggers;       /* struct ovsdb_trigger. */
    bool run_triggers;              /* Something committed since the
                                     * triggers last ran. */

    /* Transaction identity for monitor_cond_since: the UUID of the last
     * committed transaction and a history of recent ones. */
    struct uuid last_txn_id;
    struct svs_list txn_history;    /* struct ovsdb_txn_history_node. */
    size_t n_txn_history;
    size_t n_txn_history_atoms;
    uint64_t n_txns;                /* Transactions committed. */
    bool read_only;                 /* Refuses changes (e.g. _Server). */
    bool storage_failed;            /* A storage commit failed. */
};

/* A replica of a database's changes (a monitor): called for each
 * committed transaction with its rows, before the old versions are
 * freed.  See monitor.c. */
struct ovsdb_replica {
    struct svs_list node;           /* In db->replicas. */
    const struct ovsdb_replica_class *class;
};

struct ovsdb_replica_class {
    /* Called once per committed transaction. */
    void (*commit)(struct ovsdb_replica *, const struct ovsdb_txn *);
    /* Called when the database goes away (or its schema changes). */
    void (*destroy)(struct ovsdb_replica *);
};

/* Databases. */
struct ovsdb *ovsdb_create(struct db_schema *schema,
                           struct ovsdb_storage *storage);
/* Creates a database from 'storage', loading and checking every row.
 * Takes ownership of 'storage' on success only. */
struct db_error *ovsdb_open_storage(struct ovsdb_storage *storage,
                                    struct ovsdb **dbp)
    SVS_WARN_UNUSED_RESULT;
void ovsdb_destroy(struct ovsdb *);
/* Converts the contents of 'src' to 'new_schema', which must name the same
 * database: tables and columns missing from the new schema are dropped,
 * new ones get default values, values are converted to the new types
 * (failing if they do not fit).  On success '*dstp' is a new database
 * with no storage. */
struct db_error *ovsdb_convert(const struct ovsdb *src,
                               const struct db_schema *new_schema,
                               struct ovsdb **dstp)
    SVS_WARN_UNUSED_RESULT;
struct ovsdb_table *ovsdb_get_table(const struct ovsdb *, const char *name);
void ovsdb_add_replica(struct ovsdb *, struct ovsdb_replica *);
void ovsdb_remove_replica(struct ovsdb *, struct ovsdb_replica *);
/* Counts rows, cells and bytes for memory/show. */
void ovsdb_get_memory_usage(const struct ovsdb *, size_t *n_rows,
                            size_t *n_cells, size_t *n_bytes);
/* Returns the database contents as a JSON object
 * {"table": {"uuid": row, ...}, ...} with only persistent columns whose
 * value differs from the default, as the storage stores rows. */
json_t *ovsdb_to_json(const struct ovsdb *);

/* Tables. */
struct ovsdb_row *ovsdb_table_get_row(const struct ovsdb_table *,
                                      const struct uuid *);
static inline size_t
ovsdb_table_count(const struct ovsdb_table *table)
{
    return hmap_count(&table->rows);
}

/* Rows. */
struct ovsdb_row *ovsdb_row_create(struct ovsdb_table *);
struct ovsdb_row *ovsdb_row_clone(const struct ovsdb_row *);
void ovsdb_row_destroy(struct ovsdb_row *);
uint32_t ovsdb_row_hash_columns(const struct ovsdb_row *,
                                const struct db_column_set *,
                                uint32_t basis);
bool ovsdb_row_equal_columns(const struct ovsdb_row *,
                             const struct ovsdb_row *,
                             const struct db_column_set *);
/* Sets the columns of 'row' from JSON object 'json' ({"col": value}),
 * recording each column set in 'columns' (may be NULL).  'symtab'
 * resolves named UUIDs.  Errors: "unknown column" and the datum errors;
 * with 'check_mutable', "constraint violation" for immutable columns. */
struct db_error *ovsdb_row_from_json(struct ovsdb_row *, const json_t *,
                                     struct db_symbol_table *symtab,
                                     struct db_column_set *columns,
                                     bool for_update)
    SVS_WARN_UNUSED_RESULT;
/* Returns 'row' as a JSON object of the columns in 'columns' (all columns
 * if NULL). */
json_t *ovsdb_row_to_json(const struct ovsdb_row *,
                          const struct db_column_set *columns);
/* The storage form: persistent non-default columns, no _uuid/_version. */
json_t *ovsdb_row_to_storage_json(const struct ovsdb_row *);
/* Appends the compact JSON text of ovsdb_row_to_storage_json() to 'ds',
 * without building the JSON. */
void ovsdb_row_to_storage_text(const struct ovsdb_row *, struct ds *);

/* Adds the weak references that 'row' makes to the database's maps (used
 * when loading; transactions maintain them otherwise). */
void ovsdb_add_weak_refs(struct ovsdb *, const struct ovsdb_row *);

/* Column sets. */
void db_column_set_init(struct db_column_set *);
void db_column_set_destroy(struct db_column_set *);
void db_column_set_add(struct db_column_set *, const struct db_column *);
bool db_column_set_contains(const struct db_column_set *, unsigned int idx);
void db_column_set_add_all(struct db_column_set *,
                           const struct db_table_schema *);
/* Parses a JSON array of column names for 'ts'. */
struct db_error *db_column_set_from_json(const json_t *,
                                         const struct db_table_schema *,
                                         struct db_column_set *)
    SVS_WARN_UNUSED_RESULT;

#endif /* ovsdb.h */
