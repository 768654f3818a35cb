/* transaction.h: atomic changes to a database.
 *
 * What: a 'struct ovsdb_txn' collects row insertions, modifications and
 * deletions; ovsdb_txn_commit() checks every schema rule on the result,
 * hands the change to the storage, applies it and tells the replicas.  A
 * transaction is all or nothing: on any error nothing changes.
 *
 * Lifecycle:
 *     txn = ovsdb_txn_create(db);
 *     ...ovsdb_txn_row_insert/modify/delete()...   (visible at once to
 *                                                   later reads of 'db')
 *     error = ovsdb_txn_commit(txn);   (or ovsdb_txn_abort(txn))
 * ovsdb_txn_commit() and ovsdb_txn_abort() free 'txn'.  Only one
 * transaction may be open on a database at a time.
 *
 * Commit checks, in order: references to missing rows and deletions of
 * still-referenced rows ("referential integrity violation"), garbage
 * collection of unreferenced non-root rows, removal of dangling weak
 * references and the resulting set sizes, maxRows, and index uniqueness
 * ("constraint violation").
 *
 * Durability: the change is written to the storage's open batch; the
 * caller commits the batch (ovsdb_storage_commit()) before acknowledging
 * the transaction to anyone.
 *
 * Thread-safety: as for the database (one thread). */
#ifndef SVSDB_TRANSACTION_H
#define SVSDB_TRANSACTION_H 1

#include <stdbool.h>
#include "compiler.h"
#include "hmap.h"
#include "ovsdb.h"

struct db_error;
struct ovsdb_txn;

/* A row changed by a transaction. */
struct ovsdb_txn_row {
    struct hmap_node hmap_node;     /* In txn->txn_rows, by UUID. */
    struct uuid uuid;
    struct ovsdb_table *table;
    struct ovsdb_row *old;          /* Committed version, NULL if new. */
    struct ovsdb_row *new;          /* New version, NULL if deleted. */
    unsigned long *changed;         /* Bitmap of changed columns, filled in
                                     * at commit. */
    size_t serial;                  /* Order of first change in the txn. */
};

struct ovsdb_txn *ovsdb_txn_create(struct ovsdb *);
void ovsdb_txn_abort(struct ovsdb_txn *);
struct db_error *ovsdb_txn_commit(struct ovsdb_txn *)
    SVS_WARN_UNUSED_RESULT;

/* Adds 'row', a new row not yet in any table, to its table. */
void ovsdb_txn_row_insert(struct ovsdb_txn *, struct ovsdb_row *);
/* Returns a modifiable version of 'row', which is in its table. */
struct ovsdb_row *ovsdb_txn_row_modify(struct ovsdb_txn *,
                                       const struct ovsdb_row *);
/* Deletes 'row' from its table. */
void ovsdb_txn_row_delete(struct ovsdb_txn *, const struct ovsdb_row *);

/* True if the transaction inserted, modified or deleted the row with
 * 'uuid'. */
bool ovsdb_txn_touches(const struct ovsdb_txn *, const struct uuid *);

void ovsdb_txn_add_comment(struct ovsdb_txn *, const char *);
void ovsdb_txn_set_durable(struct ovsdb_txn *);
bool ovsdb_txn_is_durable(const struct ovsdb_txn *);
struct ovsdb *ovsdb_txn_get_db(const struct ovsdb_txn *);
/* The transaction's id, assigned at commit (monitor_cond_since). */
const struct uuid *ovsdb_txn_get_txnid(const struct ovsdb_txn *);
/* True if the transaction changes nothing. */
bool ovsdb_txn_is_empty(const struct ovsdb_txn *);

/* Visits the changed rows of a committed transaction (for replicas), in
 * the order they were first changed.  'changed' is a bitmap of changed
 * column indexes (all columns for inserts and deletes). */
typedef void ovsdb_txn_row_cb(const struct ovsdb_txn_row *, void *aux);
void ovsdb_txn_for_each_change(const struct ovsdb_txn *,
                               ovsdb_txn_row_cb *, void *aux);

static inline bool
ovsdb_txn_row_changed(const struct ovsdb_txn_row *txn_row, unsigned int col)
{
    const unsigned long bits = sizeof(unsigned long) * 8;
    return (txn_row->changed[col / bits] >> (col % bits)) & 1;
}

#endif /* transaction.h */
