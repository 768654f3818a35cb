/* transaction.c: checking, storing and applying transactions. */
#include <config.h>
#include "transaction.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "db-error.h"
#include "dynamic-string.h"
#include "hash.h"
#include "json.h"
#include "storage.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(transaction);

struct ovsdb_txn {
    struct ovsdb *db;
    struct hmap txn_rows;       /* struct ovsdb_txn_row, by UUID. */
    size_t next_serial;         /* Serial for the next txn_row. */
    struct ds comment;          /* Comments, joined by newlines. */
    bool durable;
    struct uuid txnid;          /* Assigned at commit. */
};

/* Change in the number of strong references to one row. */
struct ref_delta {
    struct hmap_node node;      /* In a hmap by target UUID. */
    struct uuid dst;            /* Referenced row. */
    struct ovsdb_table *dst_table;
    long long int delta;        /* Net change. */
    /* The first reference added, for error messages. */
    bool has_src;
    struct uuid src;
    const struct ovsdb_table *src_table;
    const struct db_column *src_column;
};

struct ovsdb_txn *
ovsdb_txn_create(struct ovsdb *db)
{
    struct ovsdb_txn *txn = xzalloc(sizeof *txn);
    txn->db = db;
    hmap_init(&txn->txn_rows);
    ds_init(&txn->comment);
    return txn;
}

static struct ovsdb_txn_row *
txn_row_find(const struct ovsdb_txn *txn, const struct uuid *uuid)
{
    struct ovsdb_txn_row *txn_row;
    HMAP_FOR_EACH_WITH_HASH (txn_row, hmap_node, uuid_hash(uuid),
                             &txn->txn_rows) {
        if (uuid_equals(&txn_row->uuid, uuid)) {
            return txn_row;
        }
    }
    return NULL;
}

static struct ovsdb_txn_row *
txn_row_create(struct ovsdb_txn *txn, struct ovsdb_table *table,
               struct ovsdb_row *old, struct ovsdb_row *new)
{
    struct ovsdb_txn_row *txn_row = xzalloc(sizeof *txn_row);
    const struct ovsdb_row *row = old ? old : new;

    txn_row->uuid = *ovsdb_row_get_uuid(row);
    txn_row->table = table;
    txn_row->old = old;
    txn_row->new = new;
    txn_row->serial = txn->next_serial++;
    if (old) {
        old->txn_row = txn_row;
    }
    if (new) {
        new->txn_row = txn_row;
    }
    hmap_insert(&txn->txn_rows, &txn_row->hmap_node,
                uuid_hash(&txn_row->uuid));
    return txn_row;
}

static void
txn_row_free(struct ovsdb_txn *txn, struct ovsdb_txn_row *txn_row)
{
    hmap_remove(&txn->txn_rows, &txn_row->hmap_node);
    free(txn_row->changed);
    free(txn_row);
}

void
ovsdb_txn_row_insert(struct ovsdb_txn *txn, struct ovsdb_row *row)
{
    struct ovsdb_table *table = row->table;
    hmap_insert(&table->rows, &row->hmap_node,
                uuid_hash(ovsdb_row_get_uuid(row)));
    txn_row_create(txn, table, NULL, row);
}

struct ovsdb_row *
ovsdb_txn_row_modify(struct ovsdb_txn *txn, const struct ovsdb_row *row_)
{
    struct ovsdb_row *row = CONST_CAST(struct ovsdb_row *, row_);

    if (row->txn_row) {
        svs_assert(row->txn_row->new == row);
        return row;
    }

    struct ovsdb_row *new = ovsdb_row_clone(row);
    hmap_replace(&row->table->rows, &row->hmap_node, &new->hmap_node);
    txn_row_create(txn, row->table, row, new);
    return new;
}

void
ovsdb_txn_row_delete(struct ovsdb_txn *txn, const struct ovsdb_row *row_)
{
    struct ovsdb_row *row = CONST_CAST(struct ovsdb_row *, row_);
    struct ovsdb_table *table = row->table;
    struct ovsdb_txn_row *txn_row = row->txn_row;

    hmap_remove(&table->rows, &row->hmap_node);
    if (!txn_row) {
        txn_row_create(txn, table, row, NULL);
    } else {
        svs_assert(txn_row->new == row);
        txn_row->new = NULL;
        ovsdb_row_destroy(row);
        if (!txn_row->old) {
            /* Inserted and deleted in the same transaction. */
            txn_row_free(txn, txn_row);
        }
    }
}

bool
ovsdb_txn_touches(const struct ovsdb_txn *txn, const struct uuid *uuid)
{
    return txn_row_find(txn, uuid) != NULL;
}

void
ovsdb_txn_add_comment(struct ovsdb_txn *txn, const char *comment)
{
    if (txn->comment.length) {
        ds_put_char(&txn->comment, '\n');
    }
    ds_put_cstr(&txn->comment, comment);
}

void
ovsdb_txn_set_durable(struct ovsdb_txn *txn)
{
    txn->durable = true;
}

bool
ovsdb_txn_is_durable(const struct ovsdb_txn *txn)
{
    return txn->durable;
}

struct ovsdb *
ovsdb_txn_get_db(const struct ovsdb_txn *txn)
{
    return txn->db;
}

const struct uuid *
ovsdb_txn_get_txnid(const struct ovsdb_txn *txn)
{
    return &txn->txnid;
}

bool
ovsdb_txn_is_empty(const struct ovsdb_txn *txn)
{
    return hmap_is_empty(&txn->txn_rows);
}

static void
txn_destroy(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_row *txn_row;
    HMAP_FOR_EACH_POP (txn_row, hmap_node, &txn->txn_rows) {
        free(txn_row->changed);
        free(txn_row);
    }
    hmap_destroy(&txn->txn_rows);
    ds_destroy(&txn->comment);
    free(txn);
}

void
ovsdb_txn_abort(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_row *txn_row;

    HMAP_FOR_EACH (txn_row, hmap_node, &txn->txn_rows) {
        struct ovsdb_table *table = txn_row->table;
        if (txn_row->new) {
            hmap_remove(&table->rows, &txn_row->new->hmap_node);
            ovsdb_row_destroy(txn_row->new);
        }
        if (txn_row->old) {
            txn_row->old->txn_row = NULL;
            hmap_insert(&table->rows, &txn_row->old->hmap_node,
                        uuid_hash(&txn_row->uuid));
        }
    }
    txn_destroy(txn);
}

/* Returns the txn_rows sorted by serial, in a malloc'd array. */
static int
compare_serial(const void *a_, const void *b_)
{
    const struct ovsdb_txn_row *const *a = a_;
    const struct ovsdb_txn_row *const *b = b_;
    return (*a)->serial < (*b)->serial ? -1 : (*a)->serial > (*b)->serial;
}

static struct ovsdb_txn_row **
sorted_txn_rows(const struct ovsdb_txn *txn, size_t *np)
{
    size_t n = hmap_count(&txn->txn_rows);
    struct ovsdb_txn_row **rows = xmalloc((n ? n : 1) * sizeof *rows);
    struct ovsdb_txn_row *txn_row;
    size_t i = 0;

    HMAP_FOR_EACH (txn_row, hmap_node, &txn->txn_rows) {
        rows[i++] = txn_row;
    }
    qsort(rows, n, sizeof *rows, compare_serial);
    *np = n;
    return rows;
}

void
ovsdb_txn_for_each_change(const struct ovsdb_txn *txn, ovsdb_txn_row_cb *cb,
                          void *aux)
{
    size_t n;
    struct ovsdb_txn_row **rows = sorted_txn_rows(txn, &n);
    for (size_t i = 0; i < n; i++) {
        cb(rows[i], aux);
    }
    free(rows);
}

/* Reference counting. */

static struct ref_delta *
ref_delta_get(struct hmap *deltas, struct ovsdb_table *dst_table,
              const struct uuid *dst)
{
    struct ref_delta *rd;
    HMAP_FOR_EACH_WITH_HASH (rd, node, uuid_hash(dst), deltas) {
        if (uuid_equals(&rd->dst, dst)) {
            return rd;
        }
    }
    rd = xzalloc(sizeof *rd);
    rd->dst = *dst;
    rd->dst_table = dst_table;
    hmap_insert(deltas, &rd->node, uuid_hash(dst));
    return rd;
}

static struct ref_delta *
ref_delta_find(const struct hmap *deltas, const struct uuid *dst)
{
    struct ref_delta *rd;
    HMAP_FOR_EACH_WITH_HASH (rd, node, uuid_hash(dst), deltas) {
        if (uuid_equals(&rd->dst, dst)) {
            return rd;
        }
    }
    return NULL;
}

static void
add_datum_refs(struct hmap *deltas, struct ovsdb *db,
               const struct ovsdb_txn_row *txn_row,
               const struct db_column *column, const struct db_datum *datum,
               int sign)
{
    const struct db_base_type *bases[2] = { &column->type.key,
                                            &column->type.value };
    for (int b = 0; b < 2; b++) {
        if (!db_base_type_is_strong_ref(bases[b])) {
            continue;
        }
        struct ovsdb_table *dst_table = ovsdb_get_table(
            db, bases[b]->uuid.ref_table_name);
        const union db_atom *atoms = b ? datum->values : datum->keys;
        for (unsigned int i = 0; i < datum->n; i++) {
            struct ref_delta *rd = ref_delta_get(deltas, dst_table,
                                                 &atoms[i].uuid);
            rd->delta += sign;
            if (sign > 0 && !rd->has_src) {
                rd->has_src = true;
                rd->src = txn_row->uuid;
                rd->src_table = txn_row->table;
                rd->src_column = column;
            }
        }
    }
}

/* Adds to 'deltas' the strong reference changes that 'txn_row' makes. */
static void
count_row_refs(struct hmap *deltas, struct ovsdb *db,
               const struct ovsdb_txn_row *txn_row)
{
    const struct db_table_schema *ts = txn_row->table->schema;

    for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct db_column *column = ts->column_array[i];
        if (!db_base_type_is_strong_ref(&column->type.key)
            && !db_base_type_is_strong_ref(&column->type.value)) {
            continue;
        }
        const struct db_datum *old = (txn_row->old
                                      ? &txn_row->old->fields[i] : NULL);
        const struct db_datum *new = (txn_row->new
                                      ? &txn_row->new->fields[i] : NULL);
        if (old && new && db_datum_equals(old, new, &column->type)) {
            continue;
        }
        if (old) {
            add_datum_refs(deltas, db, txn_row, column, old, -1);
        }
        if (new) {
            add_datum_refs(deltas, db, txn_row, column, new, +1);
        }
    }
}

static bool
table_has_strong_refs(const struct ovsdb_table *table)
{
    const struct db_table_schema *ts = table->schema;
    for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct db_type *type = &ts->column_array[i]->type;
        if (db_base_type_is_strong_ref(&type->key)
            || db_base_type_is_strong_ref(&type->value)) {
            return true;
        }
    }
    return false;
}

static void
clear_deltas(struct hmap *deltas)
{
    struct ref_delta *rd;
    HMAP_FOR_EACH_POP (rd, node, deltas) {
        free(rd);
    }
}

/* Counts reference changes, collects garbage until nothing more becomes
 * garbage, then checks referential integrity.  Each round recounts all
 * references from scratch, because collecting a row changes what it
 * contributed; rounds are as many as the garbage chain is deep. */
static struct db_error *
update_refs_and_collect_garbage(struct ovsdb_txn *txn, struct hmap *deltas)
{
    struct ovsdb *db = txn->db;

    for (;;) {
        bool changed = false;
        struct ovsdb_txn_row *txn_row, *next;

        clear_deltas(deltas);
        HMAP_FOR_EACH (txn_row, hmap_node, &txn->txn_rows) {
            if (table_has_strong_refs(txn_row->table)) {
                count_row_refs(deltas, db, txn_row);
            }
        }

        /* Inserted non-root rows that nothing references. */
        HMAP_FOR_EACH_SAFE (txn_row, next, hmap_node, &txn->txn_rows) {
            if (txn_row->new && !txn_row->old
                && !txn_row->table->schema->is_root) {
                struct ref_delta *rd = ref_delta_find(deltas,
                                                      &txn_row->uuid);
                if (!rd || rd->delta <= 0) {
                    ovsdb_txn_row_delete(txn, txn_row->new);
                    changed = true;
                }
            }
        }

        /* Existing non-root rows whose last reference went away. */
        struct ref_delta *rd;
        HMAP_FOR_EACH (rd, node, deltas) {
            if (rd->delta >= 0 || !rd->dst_table
                || rd->dst_table->schema->is_root) {
                continue;
            }
            struct ovsdb_row *row = ovsdb_table_get_row(rd->dst_table,
                                                        &rd->dst);
            if (row && (!row->txn_row || row->txn_row->old)
                && (long long int) row->n_refs + rd->delta <= 0) {
                ovsdb_txn_row_delete(txn, row);
                changed = true;
            }
        }

        if (!changed) {
            break;
        }
    }

    /* References to rows that do not exist. */
    struct ref_delta *rd;
    HMAP_FOR_EACH (rd, node, deltas) {
        if (rd->delta <= 0) {
            continue;
        }
        const struct ovsdb_row *row = (rd->dst_table
                                       ? ovsdb_table_get_row(rd->dst_table,
                                                             &rd->dst)
                                       : NULL);
        const struct ovsdb_txn_row *deleted = txn_row_find(txn, &rd->dst);
        if (deleted && (deleted->table != rd->dst_table || deleted->new)) {
            deleted = NULL;
        }
        if (!row && !deleted) {
            return db_error("referential integrity violation",
                            "Table %s column %s row "UUID_FMT" references "
                            "nonexistent row "UUID_FMT" in table %s.",
                            rd->src_table->schema->name,
                            rd->src_column->name, UUID_ARGS(&rd->src),
                            UUID_ARGS(&rd->dst),
                            rd->dst_table ? rd->dst_table->schema->name
                                          : "(unknown)");
        }
    }

    /* Deleted rows that are still referenced. */
    struct ovsdb_txn_row *txn_row;
    HMAP_FOR_EACH (txn_row, hmap_node, &txn->txn_rows) {
        if (txn_row->old && !txn_row->new) {
            struct ref_delta *d = ref_delta_find(deltas, &txn_row->uuid);
            long long int remaining = (long long int) txn_row->old->n_refs
                                      + (d ? d->delta : 0);
            if (remaining > 0) {
                return db_error("referential integrity violation",
                                "cannot delete %s row "UUID_FMT" because "
                                "of %lld remaining reference(s)",
                                txn_row->table->schema->name,
                                UUID_ARGS(&txn_row->uuid), remaining);
            }
        }
    }
    return NULL;
}

/* Weak references. */

static uint32_t
weak_ref_hash(const struct uuid *uuid)
{
    return hash_int(uuid_hash(uuid), 0x5eed);
}

void
ovsdb_add_weak_refs(struct ovsdb *db, const struct ovsdb_row *row)
{
    const struct db_table_schema *ts = row->table->schema;

    for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct db_column *column = ts->column_array[i];
        const struct db_base_type *bases[2] = { &column->type.key,
                                                &column->type.value };
        const struct db_datum *datum = &row->fields[i];

        for (int b = 0; b < 2; b++) {
            if (!db_base_type_is_weak_ref(bases[b])) {
                continue;
            }
            struct ovsdb_table *dst_table = ovsdb_get_table(
                db, bases[b]->uuid.ref_table_name);
            const union db_atom *atoms = b ? datum->values : datum->keys;
            for (unsigned int k = 0; k < datum->n; k++) {
                struct ovsdb_weak_ref *ref = xmalloc(sizeof *ref);
                ref->src = *ovsdb_row_get_uuid(row);
                ref->dst = atoms[k].uuid;
                ref->src_table = row->table;
                ref->dst_table = dst_table;
                ref->column = column;
                hmap_insert(&db->weak_refs_by_dst, &ref->dst_node,
                            weak_ref_hash(&ref->dst));
                hmap_insert(&db->weak_refs_by_src, &ref->src_node,
                            weak_ref_hash(&ref->src));
            }
        }
    }
}

static void
remove_weak_refs_from(struct ovsdb *db, const struct uuid *src)
{
    struct ovsdb_weak_ref *ref;
    for (;;) {
        bool found = false;
        HMAP_FOR_EACH_WITH_HASH (ref, src_node, weak_ref_hash(src),
                                 &db->weak_refs_by_src) {
            if (uuid_equals(&ref->src, src)) {
                hmap_remove(&db->weak_refs_by_src, &ref->src_node);
                hmap_remove(&db->weak_refs_by_dst, &ref->dst_node);
                free(ref);
                found = true;
                break;
            }
        }
        if (!found) {
            break;
        }
    }
}

/* Removes from 'datum' (of 'column') every weak reference to a row that
 * does not exist.  Returns the number removed. */
static unsigned int
remove_dangling_refs(struct ovsdb *db, const struct db_column *column,
                     struct db_datum *datum)
{
    const struct db_type *type = &column->type;
    struct ovsdb_table *key_table = (db_base_type_is_weak_ref(&type->key)
                                     ? ovsdb_get_table(
                                         db, type->key.uuid.ref_table_name)
                                     : NULL);
    struct ovsdb_table *value_table = (
        db_base_type_is_weak_ref(&type->value)
        ? ovsdb_get_table(db, type->value.uuid.ref_table_name) : NULL);
    unsigned int n_removed = 0;

    for (unsigned int i = 0; i < datum->n; ) {
        bool dangling = (
            (key_table && !ovsdb_table_get_row(key_table,
                                               &datum->keys[i].uuid))
            || (value_table && !ovsdb_table_get_row(
                    value_table, &datum->values[i].uuid)));
        if (dangling) {
            db_datum_remove_unsafe(datum, i, type);
            n_removed++;
        } else {
            i++;
        }
    }
    if (n_removed) {
        db_datum_sort_unique(datum, type);
    }
    return n_removed;
}

static struct db_error *
assess_weak_refs(struct ovsdb_txn *txn)
{
    struct ovsdb *db = txn->db;
    struct ovsdb_txn_row *txn_row;

    if (hmap_is_empty(&db->weak_refs_by_dst)) {
        goto check_new;
    }

    /* Pull into the transaction every row that weakly references a row
     * this transaction deletes. */
    size_t n;
    struct ovsdb_txn_row **rows = sorted_txn_rows(txn, &n);
    for (size_t i = 0; i < n; i++) {
        txn_row = rows[i];
        if (!txn_row->old || txn_row->new) {
            continue;
        }
        struct ovsdb_weak_ref *ref;
        HMAP_FOR_EACH_WITH_HASH (ref, dst_node, weak_ref_hash(&txn_row->uuid),
                                 &db->weak_refs_by_dst) {
            if (!uuid_equals(&ref->dst, &txn_row->uuid)) {
                continue;
            }
            struct ovsdb_row *src = ovsdb_table_get_row(ref->src_table,
                                                        &ref->src);
            if (src && !src->txn_row) {
                ovsdb_txn_row_modify(txn, src);
            }
        }
    }
    free(rows);

check_new:
    HMAP_FOR_EACH (txn_row, hmap_node, &txn->txn_rows) {
        if (!txn_row->new || !txn_row->table->has_weak_refs) {
            continue;
        }
        const struct db_table_schema *ts = txn_row->table->schema;
        for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
            const struct db_column *column = ts->column_array[i];
            if (!db_base_type_is_weak_ref(&column->type.key)
                && !db_base_type_is_weak_ref(&column->type.value)) {
                continue;
            }
            struct db_datum *datum = &txn_row->new->fields[i];
            unsigned int n_removed = remove_dangling_refs(db, column, datum);
            if (n_removed && datum->n < column->type.n_min) {
                return db_error("constraint violation",
                                "Deletion of %u weak reference(s) to "
                                "deleted (or never-existing) rows from "
                                "column \"%s\" in \"%s\" row "UUID_FMT" "
                                "caused this column to become empty, but "
                                "constraints on this column disallow an "
                                "empty column.", n_removed, column->name,
                                ts->name, UUID_ARGS(&txn_row->uuid));
            }
        }
    }
    return NULL;
}

/* maxRows and indexes. */

static struct db_error *
check_max_rows(struct ovsdb_txn *txn)
{
    struct shash_node *node;
    SHASH_FOR_EACH (node, &txn->db->tables) {
        const struct ovsdb_table *table = node->data;
        size_t n = hmap_count(&table->rows);
        if (n > table->schema->max_rows) {
            /* Only complain if this transaction added rows to it. */
            struct ovsdb_txn_row *txn_row;
            HMAP_FOR_EACH (txn_row, hmap_node, &txn->txn_rows) {
                if (txn_row->table == table && !txn_row->old) {
                    return db_error("constraint violation",
                                    "transaction causes \"%s\" table to "
                                    "contain %zu rows, greater than the "
                                    "schema-defined limit of %u row(s)",
                                    table->schema->name, n,
                                    table->schema->max_rows);
                }
            }
        }
    }
    return NULL;
}

/* A new row of the transaction in a temporary index. */
struct txn_index_entry {
    struct hmap_node node;
    const struct ovsdb_txn_row *txn_row;
};

/* Appends the English list "x", "x and y", or "x, y, and z". */
static void
put_english_list(struct ds *ds, size_t i, size_t n)
{
    if (i) {
        ds_put_cstr(ds, n == 2 ? " and " : i == n - 1 ? ", and " : ", ");
    }
}

static void
put_index_values(struct ds *ds, const struct ovsdb_row *row,
                 const struct db_column_set *index)
{
    for (size_t i = 0; i < index->n_columns; i++) {
        const struct db_column *column = index->columns[i];
        put_english_list(ds, i, index->n_columns);
        db_datum_to_string(&row->fields[column->index], &column->type, ds);
    }
}

static void
put_index_columns(struct ds *ds, const struct db_column_set *index)
{
    ds_put_format(ds, "column%s ", index->n_columns > 1 ? "s" : "");
    for (size_t i = 0; i < index->n_columns; i++) {
        put_english_list(ds, i, index->n_columns);
        ds_put_format(ds, "\"%s\"", index->columns[i]->name);
    }
}

/* Describes how 'row' came to have its index values. */
static void
put_row_history(struct ds *ds, const struct ovsdb_row *row,
                const struct db_column_set *index)
{
    ds_put_format(ds, "with UUID "UUID_FMT", ",
                  UUID_ARGS(ovsdb_row_get_uuid(row)));
    const struct ovsdb_txn_row *txn_row = row->txn_row;
    if (!txn_row || (txn_row->old == row && !txn_row->new)) {
        ds_put_cstr(ds, "existed in the database before this transaction "
                    "and was not modified by the transaction.");
    } else if (!txn_row->old) {
        ds_put_cstr(ds, "was inserted by this transaction.");
    } else {
        ds_put_cstr(ds, "had the following index values before the "
                    "transaction: ");
        put_index_values(ds, txn_row->old, index);
        ds_put_char(ds, '.');
    }
}

static struct db_error *
index_error(const struct ovsdb_table *table,
            const struct db_column_set *index,
            const struct ovsdb_row *a, bool a_is_new SVS_UNUSED,
            const struct ovsdb_row *b)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    ds_put_format(&s, "Transaction causes multiple rows in \"%s\" table to "
                  "have identical values (", table->schema->name);
    put_index_values(&s, b, index);
    ds_put_cstr(&s, ") for index on ");
    put_index_columns(&s, index);
    ds_put_cstr(&s, ".  First row, ");
    put_row_history(&s, a, index);
    ds_put_cstr(&s, "  Second row, ");
    put_row_history(&s, b, index);
    struct db_error *error = db_error("constraint violation", "%s",
                                      ds_cstr(&s));
    ds_destroy(&s);
    return error;
}

static struct db_error *
check_indexes(struct ovsdb_txn *txn)
{
    struct shash_node *node;
    struct db_error *error = NULL;

    SHASH_FOR_EACH (node, &txn->db->tables) {
        struct ovsdb_table *table = node->data;
        const struct db_table_schema *ts = table->schema;

        for (size_t i = 0; i < ts->n_indexes && !error; i++) {
            const struct db_column_set *index = &ts->indexes[i];
            struct hmap txn_index = HMAP_INITIALIZER(&txn_index);
            size_t n;
            struct ovsdb_txn_row **rows = sorted_txn_rows(txn, &n);

            for (size_t r = 0; r < n && !error; r++) {
                const struct ovsdb_txn_row *txn_row = rows[r];
                const struct ovsdb_row *new = txn_row->new;
                if (txn_row->table != table || !new) {
                    continue;
                }
                if (txn_row->old
                    && ovsdb_row_equal_columns(txn_row->old, new, index)) {
                    /* Unchanged index values can only clash with other
                     * changed rows, which check against this one. */
                    uint32_t hash = ovsdb_row_hash_columns(new, index, 0);
                    struct txn_index_entry *e = xmalloc(sizeof *e);
                    e->txn_row = txn_row;
                    hmap_insert(&txn_index, &e->node, hash);
                    continue;
                }

                uint32_t hash = ovsdb_row_hash_columns(new, index, 0);

                /* Against committed rows not touched by this txn. */
                struct hmap_node *p;
                for (p = hmap_first_with_hash(&table->indexes[i], hash); p;
                     p = hmap_next_with_hash(p)) {
                    const struct ovsdb_row *old
                        = ovsdb_row_from_index_node(p, table, i);
                    if (!old->txn_row
                        && ovsdb_row_equal_columns(old, new, index)) {
                        error = index_error(table, index, old, false, new);
                        break;
                    }
                }

                /* Against the other new rows. */
                struct txn_index_entry *e;
                if (!error) {
                    HMAP_FOR_EACH_WITH_HASH (e, node, hash, &txn_index) {
                        if (ovsdb_row_equal_columns(e->txn_row->new, new,
                                                    index)) {
                            error = index_error(table, index,
                                                e->txn_row->new, true, new);
                            break;
                        }
                    }
                }
                e = xmalloc(sizeof *e);
                e->txn_row = txn_row;
                hmap_insert(&txn_index, &e->node, hash);
            }

            /* Unchanged-index rows checked against changed ones above only
             * if the changed one came later; check the rest now. */
            if (!error) {
                struct txn_index_entry *e, *f;
                HMAP_FOR_EACH (e, node, &txn_index) {
                    HMAP_FOR_EACH_WITH_HASH (f, node, e->node.hash,
                                             &txn_index) {
                        if (f != e && f->txn_row->serial < e->txn_row->serial
                            && ovsdb_row_equal_columns(f->txn_row->new,
                                                       e->txn_row->new,
                                                       index)) {
                            error = index_error(table, index,
                                                f->txn_row->new, true,
                                                e->txn_row->new);
                            break;
                        }
                    }
                    if (error) {
                        break;
                    }
                }
            }

            struct txn_index_entry *e;
            HMAP_FOR_EACH_POP (e, node, &txn_index) {
                free(e);
            }
            hmap_destroy(&txn_index);
            free(rows);
        }
        if (error) {
            break;
        }
    }
    return error;
}

/* Changes. */

static void
determine_changes(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_row *txn_row, *next;
    const size_t bits = sizeof(unsigned long) * 8;

    HMAP_FOR_EACH_SAFE (txn_row, next, hmap_node, &txn->txn_rows) {
        const struct db_table_schema *ts = txn_row->table->schema;
        size_t n_longs = DIV_ROUND_UP(ts->n_columns, bits);

        free(txn_row->changed);
        txn_row->changed = xzalloc(n_longs * sizeof *txn_row->changed);
        if (!txn_row->old || !txn_row->new) {
            for (size_t i = 0; i < ts->n_columns; i++) {
                txn_row->changed[i / bits] |= 1UL << (i % bits);
            }
            continue;
        }

        bool any = false;
        for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
            if (!db_datum_equals(&txn_row->old->fields[i],
                                 &txn_row->new->fields[i],
                                 &ts->column_array[i]->type)) {
                txn_row->changed[i / bits] |= 1UL << (i % bits);
                any = true;
            }
        }
        if (!any) {
            /* A modification that changed nothing: drop it. */
            struct ovsdb_row *old = txn_row->old, *new = txn_row->new;
            hmap_replace(&txn_row->table->rows, &new->hmap_node,
                         &old->hmap_node);
            old->txn_row = NULL;
            ovsdb_row_destroy(new);
            txn_row_free(txn, txn_row);
        } else {
            txn_row->changed[DB_COL_VERSION / bits]
                |= 1UL << (DB_COL_VERSION % bits);
        }
    }
}

static bool
row_has_persistent_change(const struct ovsdb_txn_row *txn_row)
{
    if (!txn_row->old || !txn_row->new) {
        return true;
    }
    const struct db_table_schema *ts = txn_row->table->schema;
    for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        if (ts->column_array[i]->persistent
            && ovsdb_txn_row_changed(txn_row, i)) {
            return true;
        }
    }
    return false;
}

static int
compare_row_changes(const void *a_, const void *b_)
{
    const struct ovsdb_storage_row_change *a = a_, *b = b_;
    int cmp = strcmp(a->table, b->table);
    return cmp ? cmp : uuid_compare_3way(&a->uuid, &b->uuid);
}

/* Hands the transaction's persistent changes to the storage. */
static struct db_error *
write_to_storage(const struct ovsdb_txn *txn)
{
    size_t n_max = hmap_count(&txn->txn_rows);
    struct ovsdb_storage_row_change *changes = xmalloc(
        (n_max ? n_max : 1) * sizeof *changes);
    size_t *offsets = xmalloc((n_max ? n_max : 1) * sizeof *offsets);
    struct ds text = DS_EMPTY_INITIALIZER;
    const struct ovsdb_txn_row *txn_row;
    size_t n = 0;

    HMAP_FOR_EACH (txn_row, hmap_node, &txn->txn_rows) {
        if (!row_has_persistent_change(txn_row)) {
            continue;
        }
        struct ovsdb_storage_row_change *c = &changes[n];
        c->table = txn_row->table->schema->name;
        c->uuid = txn_row->uuid;
        offsets[n] = text.length;
        if (txn_row->new) {
            ovsdb_row_to_storage_text(txn_row->new, &text);
            c->row = "";
            c->row_len = text.length - offsets[n];
        } else {
            c->row = NULL;
            c->row_len = 0;
        }
        n++;
    }
    for (size_t i = 0; i < n; i++) {
        if (changes[i].row) {
            changes[i].row = text.string + offsets[i];
        }
    }
    if (n > 1) {
        qsort(changes, n, sizeof *changes, compare_row_changes);
    }

    struct db_error *error = NULL;
    if (n) {
        error = ovsdb_storage_write_rows(txn->db->storage, changes, n,
                                         txn->comment.length
                                         ? txn->comment.string : NULL,
                                         txn->durable);
    }
    ds_destroy(&text);
    free(offsets);
    free(changes);
    return error;
}

static void
apply_txn(struct ovsdb_txn *txn, const struct hmap *deltas)
{
    struct ovsdb *db = txn->db;
    struct ovsdb_txn_row *txn_row;

    /* Reference counts. */
    struct ref_delta *rd;
    HMAP_FOR_EACH (rd, node, deltas) {
        if (rd->delta && rd->dst_table) {
            struct ovsdb_row *row = ovsdb_table_get_row(rd->dst_table,
                                                        &rd->dst);
            if (row) {
                row->n_refs += rd->delta;
            }
        }
    }

    HMAP_FOR_EACH (txn_row, hmap_node, &txn->txn_rows) {
        struct ovsdb_table *table = txn_row->table;
        const struct db_table_schema *ts = table->schema;

        /* Indexes. */
        for (size_t i = 0; i < ts->n_indexes; i++) {
            if (txn_row->old) {
                hmap_remove(&table->indexes[i],
                            ovsdb_row_get_index_node(txn_row->old, i));
            }
            if (txn_row->new) {
                hmap_insert(&table->indexes[i],
                            ovsdb_row_get_index_node(txn_row->new, i),
                            ovsdb_row_hash_columns(txn_row->new,
                                                   &ts->indexes[i], 0));
            }
        }

        /* Weak references. */
        if (table->has_weak_refs) {
            remove_weak_refs_from(db, &txn_row->uuid);
            if (txn_row->new) {
                ovsdb_add_weak_refs(db, txn_row->new);
            }
        }
    }
}

static void
free_committed_rows(struct ovsdb_txn *txn)
{
    struct ovsdb_txn_row *txn_row;
    HMAP_FOR_EACH (txn_row, hmap_node, &txn->txn_rows) {
        if (txn_row->new) {
            txn_row->new->txn_row = NULL;
        }
        ovsdb_row_destroy(txn_row->old);
        txn_row->old = NULL;
    }
}

struct db_error *
ovsdb_txn_commit(struct ovsdb_txn *txn)
{
    struct ovsdb *db = txn->db;
    struct hmap deltas = HMAP_INITIALIZER(&deltas);
    struct db_error *error;

    error = update_refs_and_collect_garbage(txn, &deltas);
    if (!error) {
        error = assess_weak_refs(txn);
    }
    if (!error) {
        error = check_max_rows(txn);
    }
    if (!error) {
        error = check_indexes(txn);
    }
    if (error) {
        clear_deltas(&deltas);
        hmap_destroy(&deltas);
        ovsdb_txn_abort(txn);
        return error;
    }

    determine_changes(txn);
    if (hmap_is_empty(&txn->txn_rows)) {
        clear_deltas(&deltas);
        hmap_destroy(&deltas);
        if (txn->durable && db->storage) {
            error = ovsdb_storage_commit(db->storage, true);
        }
        txn_destroy(txn);
        return error;
    }

    /* New versions of changed rows. */
    struct ovsdb_txn_row *txn_row;
    HMAP_FOR_EACH (txn_row, hmap_node, &txn->txn_rows) {
        if (txn_row->new && txn_row->old) {
            uuid_generate(&txn_row->new->version.uuid);
        } else if (txn_row->new && uuid_is_zero(&txn_row->new->version.uuid)) {
            uuid_generate(&txn_row->new->version.uuid);
        }
    }

    if (db->storage) {
        error = write_to_storage(txn);
        if (error) {
            clear_deltas(&deltas);
            hmap_destroy(&deltas);
            ovsdb_txn_abort(txn);
            return error;
        }
    }

    uuid_generate(&txn->txnid);
    apply_txn(txn, &deltas);
    clear_deltas(&deltas);
    hmap_destroy(&deltas);

    struct ovsdb_replica *replica, *next;
    LIST_FOR_EACH_SAFE (replica, next, node, &db->replicas) {
        replica->class->commit(replica, txn);
    }
    db->last_txn_id = txn->txnid;
    db->n_txns++;
    db->run_triggers = true;

    free_committed_rows(txn);
    txn_destroy(txn);
    return NULL;
}
