/* db-idl-txn.c: transactions of lib/db-idl.
 *
 * Life of a transaction:
 *
 *   UNCOMMITTED --commit: nothing to do--> UNCHANGED
 *   UNCOMMITTED --commit: not synchronized or send failed--> TRY_AGAIN
 *   UNCOMMITTED --commit: lock not held--> NOT_LOCKED
 *   UNCOMMITTED --commit: request sent--> INCOMPLETE
 *   INCOMPLETE --reply (+ replica sync for SUCCESS and TRY_AGAIN)-->
 *       SUCCESS, TRY_AGAIN, NOT_LOCKED or ERROR
 *   INCOMPLETE --connection lost before the reply--> TRY_AGAIN
 *   UNCOMMITTED or INCOMPLETE --abort--> ABORTED
 *
 * While UNCOMMITTED, changes live in each touched row's
 * 'struct db_idl_txn_row' (new values per column, verified columns,
 * partial updates), and the rows' typed fields show the new values.
 * Committing builds the "transact" request and then drops the local
 * changes ("disassembles" the transaction): the replica shows committed
 * data again, and the server's update brings the new state.
 *
 * Waiting for the replica: after the reply, the IDL sends an "echo" on
 * the same connection.  The server answers it after everything it sent
 * before, which includes the update for this transaction (servers send a
 * session's messages in order), so once the echo reply is processed the
 * replica reflects the commit. */
#include <config.h>
#include "db-idl.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "db-data.h"
#include "db-idl-private.h"
#include "db-schema.h"
#include "hash.h"
#include "json.h"
#include "jsonrpc.h"
#include "poll-loop.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(db_idl_txn);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);

/* What each operation of a request was, to interpret errors. */
enum op_kind {
    OP_ASSERT,
    OP_WAIT,
    OP_INSERT,
    OP_CHANGE,                  /* update, delete, mutate. */
    OP_INCREMENT,
    OP_SELECT,
    OP_COMMENT,
    OP_ABORT
};

/* A row inserted by the transaction. */
struct txn_insert {
    struct hmap_node node;      /* In txn->inserted, by uuid_hash(&tmp). */
    struct uuid tmp;            /* The row's temporary UUID. */
    struct uuid real;           /* The server's UUID, once known. */
    bool have_real;
    size_t op_index;            /* Of its "insert" operation. */
    bool deleted;               /* Deleted again in the transaction. */
};

struct db_idl_txn {
    struct svs_list node;       /* In idl->outstanding_txns. */
    struct db_idl *idl;
    struct svs_list rows;       /* struct db_idl_txn_row, in order. */
    enum db_idl_txn_status status;
    enum db_idl_txn_status final_status; /* Known, awaiting the replica. */
    bool awaiting_sync;
    char *error;
    bool dry_run;
    bool wait_for_replica;
    struct ds comment;

    /* Increment. */
    const struct db_idl_column *inc_column;
    struct uuid inc_row;
    bool inc_force;
    int64_t inc_new_value;
    size_t inc_index;           /* Of the "select" reading the result. */

    /* Commit. */
    json_t *request_id;
    json_t *sync_id;
    struct hmap inserted;       /* struct txn_insert. */
    enum op_kind *op_kinds;
    size_t n_ops, allocated_ops;
};

static void txn_disassemble(struct db_idl_txn *);
static void txn_finish(struct db_idl_txn *, enum db_idl_txn_status);

const char *
db_idl_txn_status_to_string(enum db_idl_txn_status status)
{
    switch (status) {
    case DB_IDL_TXN_UNCOMMITTED:
        return "uncommitted";
    case DB_IDL_TXN_UNCHANGED:
        return "unchanged";
    case DB_IDL_TXN_INCOMPLETE:
        return "incomplete";
    case DB_IDL_TXN_ABORTED:
        return "aborted";
    case DB_IDL_TXN_SUCCESS:
        return "success";
    case DB_IDL_TXN_TRY_AGAIN:
        return "try again";
    case DB_IDL_TXN_NOT_LOCKED:
        return "not locked";
    case DB_IDL_TXN_ERROR:
        return "error";
    default:
        return "<unknown>";
    }
}

struct db_idl_txn *
db_idl_txn_create(struct db_idl *idl)
{
    svs_assert(!idl->txn);
    struct db_idl_txn *txn = xzalloc(sizeof *txn);
    txn->idl = idl;
    svs_list_init(&txn->rows);
    svs_list_poison(&txn->node);
    txn->status = DB_IDL_TXN_UNCOMMITTED;
    txn->wait_for_replica = true;
    ds_init(&txn->comment);
    hmap_init(&txn->inserted);
    idl->txn = txn;
    return txn;
}

struct db_idl *
db_idl_txn_get_idl(struct db_idl_txn *txn)
{
    return txn->idl;
}

void
db_idl_txn_add_comment(struct db_idl_txn *txn, const char *format, ...)
{
    va_list args;
    if (txn->comment.length) {
        ds_put_char(&txn->comment, '\n');
    }
    va_start(args, format);
    ds_put_format_valist(&txn->comment, format, args);
    va_end(args);
}

void
db_idl_txn_set_dry_run(struct db_idl_txn *txn)
{
    txn->dry_run = true;
}

void
db_idl_txn_set_wait_for_replica(struct db_idl_txn *txn, bool wait)
{
    txn->wait_for_replica = wait;
}

void
db_idl_txn_increment(struct db_idl_txn *txn, const struct db_idl_row *row,
                     const struct db_idl_column *column, bool force)
{
    svs_assert(!txn->inc_column);
    svs_assert(column->type.key.type == DB_TYPE_INTEGER
               && db_type_is_scalar(&column->type));
    txn->inc_column = column;
    txn->inc_row = row->uuid;
    txn->inc_force = force;
}

enum db_idl_txn_status
db_idl_txn_get_status(const struct db_idl_txn *txn)
{
    return txn->status;
}

const char *
db_idl_txn_get_error(const struct db_idl_txn *txn)
{
    return txn->status == DB_IDL_TXN_ERROR ? txn->error : NULL;
}

int64_t
db_idl_txn_get_increment_new_value(const struct db_idl_txn *txn)
{
    return txn->inc_new_value;
}

static struct txn_insert *
txn_find_insert(const struct db_idl_txn *txn, const struct uuid *uuid)
{
    struct txn_insert *ins;
    HMAP_FOR_EACH_WITH_HASH (ins, node, uuid_hash(uuid), &txn->inserted) {
        if (uuid_equals(&ins->tmp, uuid)) {
            return ins;
        }
    }
    return NULL;
}

const struct uuid *
db_idl_txn_get_insert_uuid(const struct db_idl_txn *txn,
                           const struct uuid *uuid)
{
    const struct txn_insert *ins = txn_find_insert(txn, uuid);
    return ins && ins->have_real ? &ins->real : NULL;
}

void
db_idl_txn_wait(const struct db_idl_txn *txn)
{
    if (txn->status != DB_IDL_TXN_INCOMPLETE
        && txn->status != DB_IDL_TXN_UNCOMMITTED) {
        poll_immediate_wake();
    }
}

/* Row changes. */

static struct db_idl_txn *
row_txn(const struct db_idl_row *row)
{
    struct db_idl_txn *txn = row->table->idl->txn;
    svs_assert(txn);
    return txn;
}

static struct db_idl_txn_row *
txn_row_get(const struct db_idl_row *row_)
{
    struct db_idl_row *row = CONST_CAST(struct db_idl_row *, row_);
    if (!row->txn_row) {
        struct db_idl_txn *txn = row_txn(row);
        size_t n = row->table->class_->n_columns;
        struct db_idl_txn_row *tr = xzalloc(sizeof *tr);
        tr->row = row;
        tr->new_datum = xcalloc(n ? n : 1, sizeof *tr->new_datum);
        tr->written = idl_bitmap_alloc(n ? n : 1);
        tr->prereqs = idl_bitmap_alloc(n ? n : 1);
        svs_list_push_back(&txn->rows, &tr->node);
        row->txn_row = tr;
    }
    return row->txn_row;
}

static void
txn_row_destroy(struct db_idl_txn_row *tr)
{
    const struct db_idl_table_class *tc = tr->row->table->class_;
    for (size_t i = 0; i < tc->n_columns; i++) {
        const struct db_type *type = &tc->columns[i].type;
        if (idl_bitmap_is_set(tr->written, i)) {
            db_datum_destroy(&tr->new_datum[i], type);
        }
        if (tr->partials && tr->partials[i]) {
            struct db_idl_partial *p = tr->partials[i];
            db_datum_destroy(&p->set, type);
            struct db_type key_type = *type;
            key_type.value.type = DB_TYPE_VOID;
            db_datum_destroy(&p->del, &key_type);
            free(p);
        }
    }
    free(tr->partials);
    free(tr->new_datum);
    free(tr->written);
    free(tr->prereqs);
    free(tr);
}

/* Re-mirrors column 'c' of 'row' into its typed field. */
static void
row_reparse_column(struct db_idl_row *row, const struct db_idl_column *c)
{
    idl_row_unparse_column(row, c);
    idl_row_parse_column(row, c, db_idl_read(row, c));
}

const struct db_idl_row *
db_idl_txn_insert(struct db_idl_txn *txn,
                  const struct db_idl_table_class *tc,
                  const struct uuid *uuid)
{
    struct db_idl *idl = txn->idl;
    struct db_idl_table *t = idl_table(idl, tc);
    struct uuid u;

    svs_assert(txn == idl->txn);
    if (uuid) {
        u = *uuid;
        svs_assert(!idl_table_find_row(t, &u));
    } else {
        uuid_generate(&u);
    }

    struct db_idl_row *row = idl_row_create(t, &u);
    struct db_idl_txn_row *tr = txn_row_get(row);
    tr->inserted = true;
    for (size_t i = 0; i < tc->n_columns; i++) {
        db_datum_init_default(&tr->new_datum[i], &tc->columns[i].type);
        idl_bitmap_set(tr->written, i);
    }
    idl_row_parse(row);

    struct txn_insert *ins = xzalloc(sizeof *ins);
    ins->tmp = u;
    hmap_insert(&txn->inserted, &ins->node, uuid_hash(&u));
    return row;
}

void
db_idl_txn_delete(const struct db_idl_row *row)
{
    struct db_idl_txn *txn = row_txn(row);
    struct db_idl_txn_row *tr = txn_row_get(row);
    tr->deleted = true;
    if (tr->inserted) {
        struct txn_insert *ins = txn_find_insert(txn, &row->uuid);
        if (ins) {
            ins->deleted = true;
        }
    }
}

void
db_idl_txn_write(const struct db_idl_row *row_,
                 const struct db_idl_column *c, struct db_datum *datum)
{
    struct db_idl_row *row = CONST_CAST(struct db_idl_row *, row_);
    struct db_idl_txn_row *tr = txn_row_get(row);
    size_t idx = c->index;

    svs_assert(c->table == row->table->class_);
    svs_assert(!tr->deleted);
    if (idl_bitmap_is_set(tr->written, idx)) {
        db_datum_destroy(&tr->new_datum[idx], &c->type);
    }
    tr->new_datum[idx] = *datum;
    db_datum_init_empty(datum);
    idl_bitmap_set(tr->written, idx);
    if (tr->partials && tr->partials[idx]) {
        /* A whole value supersedes the partial updates. */
        struct db_idl_partial *p = tr->partials[idx];
        struct db_type key_type = c->type;
        key_type.value.type = DB_TYPE_VOID;
        db_datum_destroy(&p->set, &c->type);
        db_datum_destroy(&p->del, &key_type);
        free(p);
        tr->partials[idx] = NULL;
    }
    row_reparse_column(row, c);
}

void
db_idl_txn_write_clone(const struct db_idl_row *row,
                       const struct db_idl_column *c,
                       const struct db_datum *datum)
{
    struct db_datum copy;
    db_datum_clone(&copy, datum, &c->type);
    db_idl_txn_write(row, c, &copy);
}

void
db_idl_txn_verify(const struct db_idl_row *row, const struct db_idl_column *c)
{
    struct db_idl_txn_row *tr = txn_row_get(row);
    if (!tr->inserted) {
        idl_bitmap_set(tr->prereqs, c->index);
    }
}

/* Partial updates. */

/* Searches sorted 'd' for 'key'.  Returns true if found, storing its
 * index in '*posp', otherwise stores where it would be inserted. */
static bool
datum_search(const struct db_datum *d, const union db_atom *key,
             enum db_atomic_type kt, unsigned int *posp)
{
    unsigned int lo = 0, hi = d->n;
    while (lo < hi) {
        unsigned int mid = lo + (hi - lo) / 2;
        int cmp = db_atom_compare_3way(key, &d->keys[mid], kt);
        if (!cmp) {
            *posp = mid;
            return true;
        } else if (cmp < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    *posp = lo;
    return false;
}

/* Puts 'key' (with 'value', for a map: 'vt' is not void) into sorted 'd',
 * replacing the value of an existing key.  Clones the atoms. */
static void
datum_put(struct db_datum *d, const union db_atom *key,
          const union db_atom *value, enum db_atomic_type kt,
          enum db_atomic_type vt)
{
    unsigned int pos;
    if (datum_search(d, key, kt, &pos)) {
        if (vt != DB_TYPE_VOID) {
            db_atom_destroy(&d->values[pos], vt);
            db_atom_clone(&d->values[pos], value, vt);
        }
        return;
    }
    d->keys = xrealloc(d->keys, (d->n + 1) * sizeof *d->keys);
    memmove(&d->keys[pos + 1], &d->keys[pos],
            (d->n - pos) * sizeof *d->keys);
    db_atom_clone(&d->keys[pos], key, kt);
    if (vt != DB_TYPE_VOID) {
        d->values = xrealloc(d->values, (d->n + 1) * sizeof *d->values);
        memmove(&d->values[pos + 1], &d->values[pos],
                (d->n - pos) * sizeof *d->values);
        db_atom_clone(&d->values[pos], value, vt);
    }
    d->n++;
}

/* Removes 'key' from sorted 'd', if present. */
static void
datum_remove(struct db_datum *d, const union db_atom *key,
             enum db_atomic_type kt, enum db_atomic_type vt)
{
    unsigned int pos;
    if (!datum_search(d, key, kt, &pos)) {
        return;
    }
    db_atom_destroy(&d->keys[pos], kt);
    memmove(&d->keys[pos], &d->keys[pos + 1],
            (d->n - pos - 1) * sizeof *d->keys);
    if (vt != DB_TYPE_VOID) {
        db_atom_destroy(&d->values[pos], vt);
        memmove(&d->values[pos], &d->values[pos + 1],
                (d->n - pos - 1) * sizeof *d->values);
    }
    d->n--;
}

/* Prepares column 'c' of 'row' for a partial update.  Returns the
 * partial state to record the mutation in, or NULL if the column is
 * written whole (then only its new value changes). */
static struct db_idl_partial *
txn_partial_begin(struct db_idl_row *row, const struct db_idl_column *c)
{
    struct db_idl_txn_row *tr = txn_row_get(row);
    size_t idx = c->index;

    svs_assert(c->table == row->table->class_);
    svs_assert(!tr->deleted);
    if (!idl_bitmap_is_set(tr->written, idx)) {
        db_datum_clone(&tr->new_datum[idx], db_idl_read(row, c), &c->type);
        idl_bitmap_set(tr->written, idx);
        if (!tr->inserted) {
            if (!tr->partials) {
                tr->partials = xcalloc(row->table->class_->n_columns,
                                       sizeof *tr->partials);
            }
            struct db_idl_partial *p = xzalloc(sizeof *p);
            db_datum_init_empty(&p->set);
            db_datum_init_empty(&p->del);
            tr->partials[idx] = p;
        }
    }
    return tr->partials ? tr->partials[idx] : NULL;
}

/* Sets ('add') or deletes a key or element of column 'c', without
 * updating the row's typed fields (see txn_partial()). */
static void
txn_partial__(const struct db_idl_row *row_, const struct db_idl_column *c,
              union db_atom *key, union db_atom *value, bool add)
{
    struct db_idl_row *row = CONST_CAST(struct db_idl_row *, row_);
    enum db_atomic_type kt = c->type.key.type;
    enum db_atomic_type vt = c->type.value.type;
    bool is_map = vt != DB_TYPE_VOID;

    svs_assert(!add || !is_map || value);
    struct db_idl_partial *p = txn_partial_begin(row, c);
    struct db_datum *d = &row->txn_row->new_datum[c->index];
    if (add) {
        datum_put(d, key, value, kt, vt);
    } else {
        datum_remove(d, key, kt, vt);
    }
    if (p) {
        if (add) {
            datum_remove(&p->del, key, kt, DB_TYPE_VOID);
            datum_put(&p->set, key, value, kt, vt);
        } else {
            datum_remove(&p->set, key, kt, vt);
            datum_put(&p->del, key, NULL, kt, DB_TYPE_VOID);
        }
    }
    db_atom_destroy(key, kt);
    if (value && is_map) {
        db_atom_destroy(value, vt);
    }
}

/* Sets ('add') or deletes a key or element of column 'c'. */
static void
txn_partial(const struct db_idl_row *row, const struct db_idl_column *c,
            union db_atom *key, union db_atom *value, bool add)
{
    txn_partial__(row, c, key, value, add);
    row_reparse_column(CONST_CAST(struct db_idl_row *, row), c);
}

void
db_idl_txn_map_setkey(const struct db_idl_row *row,
                      const struct db_idl_column *c,
                      union db_atom *key, union db_atom *value)
{
    svs_assert(db_type_is_map(&c->type));
    txn_partial(row, c, key, value, true);
}

void
db_idl_txn_map_delkey(const struct db_idl_row *row,
                      const struct db_idl_column *c, union db_atom *key)
{
    svs_assert(db_type_is_map(&c->type));
    txn_partial(row, c, key, NULL, false);
}

void
db_idl_txn_set_addvalue(const struct db_idl_row *row,
                        const struct db_idl_column *c, union db_atom *value)
{
    svs_assert(!db_type_is_map(&c->type));
    txn_partial(row, c, value, NULL, true);
}

void
db_idl_txn_set_delvalue(const struct db_idl_row *row,
                        const struct db_idl_column *c, union db_atom *value)
{
    svs_assert(!db_type_is_map(&c->type));
    txn_partial(row, c, value, NULL, false);
}

/* Applies a partial update for each element of 'datum' and frees it. */
static void
txn_partial_datum(const struct db_idl_row *row,
                  const struct db_idl_column *c, struct db_datum *datum,
                  bool add)
{
    bool is_map = db_type_is_map(&c->type);
    for (unsigned int i = 0; i < datum->n; i++) {
        txn_partial__(row, c, &datum->keys[i],
                      (add && is_map && datum->values
                       ? &datum->values[i] : NULL),
                      add);
    }
    if (datum->n) {
        /* The typed fields once, not once per element. */
        row_reparse_column(CONST_CAST(struct db_idl_row *, row), c);
    }
    /* The atoms were taken over. */
    free(datum->keys);
    free(datum->values);
    db_datum_init_empty(datum);
}

void
db_idl_txn_write_partial_map(const struct db_idl_row *row,
                             const struct db_idl_column *c,
                             struct db_datum *pairs)
{
    svs_assert(db_type_is_map(&c->type));
    txn_partial_datum(row, c, pairs, true);
}

void
db_idl_txn_delete_partial_map(const struct db_idl_row *row,
                              const struct db_idl_column *c,
                              struct db_datum *keys)
{
    svs_assert(db_type_is_map(&c->type));
    if (keys->values) {
        /* Given as pairs: only the keys matter. */
        for (unsigned int i = 0; i < keys->n; i++) {
            db_atom_destroy(&keys->values[i], c->type.value.type);
        }
        free(keys->values);
        keys->values = NULL;
    }
    txn_partial_datum(row, c, keys, false);
}

void
db_idl_txn_write_partial_set(const struct db_idl_row *row,
                             const struct db_idl_column *c,
                             struct db_datum *elems)
{
    svs_assert(!db_type_is_map(&c->type));
    txn_partial_datum(row, c, elems, true);
}

void
db_idl_txn_delete_partial_set(const struct db_idl_row *row,
                              const struct db_idl_column *c,
                              struct db_datum *elems)
{
    svs_assert(!db_type_is_map(&c->type));
    txn_partial_datum(row, c, elems, false);
}

/* Building the request. */

static char *
insert_name(const struct uuid *uuid)
{
    /* "row" and the UUID with '_' for '-' (a named UUID must be an
     * identifier).  Built by hand: this runs for every inserted row. */
    char *name = xmalloc(3 + UUID_LEN + 1);
    memcpy(name, "row", 3);
    uuid_to_string(uuid, name + 3);
    for (char *p = name + 3; *p; p++) {
        if (*p == '-') {
            *p = '_';
        }
    }
    return name;
}

static json_t *
uuid_json(const struct uuid *uuid)
{
    char s[UUID_LEN + 1];
    uuid_to_string(uuid, s);
    return json_array_of(2, json_string("uuid"), json_string(s));
}

/* An atom, with UUIDs of rows inserted by 'txn' as named UUIDs. */
static json_t *
txn_atom_to_json(const struct db_idl_txn *txn, const union db_atom *atom,
                 enum db_atomic_type type)
{
    if (type == DB_TYPE_UUID) {
        const struct txn_insert *ins = txn_find_insert(txn, &atom->uuid);
        if (ins && !ins->deleted) {
            return json_array_of(2, json_string("named-uuid"),
                                 json_string_take(insert_name(&ins->tmp)));
        }
    }
    return db_atom_to_json(atom, type);
}

static json_t *
txn_datum_to_json(const struct db_idl_txn *txn, const struct db_datum *d,
                  const struct db_type *type)
{
    if (db_type_is_map(type)) {
        json_t *elems = json_array();
        for (unsigned int i = 0; i < d->n; i++) {
            json_array_add(elems, json_array_of(
                               2, txn_atom_to_json(txn, &d->keys[i],
                                                   type->key.type),
                               txn_atom_to_json(txn, &d->values[i],
                                                type->value.type)));
        }
        return json_array_of(2, json_string("map"), elems);
    } else if (d->n == 1) {
        return txn_atom_to_json(txn, &d->keys[0], type->key.type);
    } else {
        json_t *elems = json_array();
        for (unsigned int i = 0; i < d->n; i++) {
            json_array_add(elems, txn_atom_to_json(txn, &d->keys[i],
                                                   type->key.type));
        }
        return json_array_of(2, json_string("set"), elems);
    }
}

/* A set of the keys of 'd' (for deleting map keys). */
static json_t *
txn_keys_to_json(const struct db_idl_txn *txn, const struct db_datum *d,
                 enum db_atomic_type kt)
{
    json_t *elems = json_array();
    for (unsigned int i = 0; i < d->n; i++) {
        json_array_add(elems, txn_atom_to_json(txn, &d->keys[i], kt));
    }
    return json_array_of(2, json_string("set"), elems);
}

static json_t *
where_uuid(const struct uuid *uuid)
{
    return json_array_of(1, json_array_of(3, json_string("_uuid"),
                                          json_string("=="),
                                          uuid_json(uuid)));
}

static void
add_op(struct db_idl_txn *txn, json_t *ops, json_t *op, enum op_kind kind)
{
    json_array_add(ops, op);
    if (txn->n_ops >= txn->allocated_ops) {
        txn->op_kinds = x2nrealloc(txn->op_kinds, &txn->allocated_ops,
                                   sizeof *txn->op_kinds);
    }
    txn->op_kinds[txn->n_ops++] = kind;
}

static bool
column_is_sendable(const struct db_idl_table *t, size_t idx)
{
    return t->in_server && t->server_has[idx];
}

/* Adds the "wait" operation for the prerequisites of 'tr'. */
static void
add_wait_op(struct db_idl_txn *txn, json_t *ops,
            const struct db_idl_txn_row *tr)
{
    const struct db_idl_row *row = tr->row;
    const struct db_idl_table *t = row->table;
    const struct db_idl_table_class *tc = t->class_;
    json_t *columns = NULL, *values = NULL;

    for (size_t i = 0; i < tc->n_columns; i++) {
        if (!idl_bitmap_is_set(tr->prereqs, i) || !column_is_sendable(t, i)
            || !(t->modes[i] & IDL_MONITOR)) {
            continue;
        }
        const struct db_idl_column *c = &tc->columns[i];
        if (!columns) {
            columns = json_array();
            values = json_object();
        }
        json_array_add(columns, json_string(c->name));
        json_object_put(values, c->name,
                        txn_datum_to_json(txn, &row->old_datum[i],
                                          &c->type));
    }
    if (columns) {
        json_t *op = json_object();
        json_object_put(op, "op", json_string("wait"));
        json_object_put(op, "table", json_string(tc->name));
        json_object_put(op, "timeout", json_integer(0));
        json_object_put(op, "where", where_uuid(&row->uuid));
        json_object_put(op, "until", json_string("=="));
        json_object_put(op, "columns", columns);
        json_object_put(op, "rows", json_array_of(1, values));
        add_op(txn, ops, op, OP_WAIT);
    }
}

/* Adds the operations that make the changes of 'tr'.  Returns true if it
 * added any. */
static bool
add_row_ops(struct db_idl_txn *txn, json_t *ops,
            const struct db_idl_txn_row *tr)
{
    const struct db_idl_row *row = tr->row;
    const struct db_idl_table *t = row->table;
    const struct db_idl_table_class *tc = t->class_;

    if (tr->deleted) {
        if (tr->inserted) {
            return false;
        }
        json_t *op = json_object();
        json_object_put(op, "op", json_string("delete"));
        json_object_put(op, "table", json_string(tc->name));
        json_object_put(op, "where", where_uuid(&row->uuid));
        add_op(txn, ops, op, OP_CHANGE);
        return true;
    }

    if (tr->inserted) {
        json_t *values = json_object();
        for (size_t i = 0; i < tc->n_columns; i++) {
            const struct db_idl_column *c = &tc->columns[i];
            if (column_is_sendable(t, i)
                && !db_datum_is_default(&tr->new_datum[i], &c->type)) {
                json_object_put(values, c->name,
                                txn_datum_to_json(txn, &tr->new_datum[i],
                                                  &c->type));
            }
        }
        json_t *op = json_object();
        json_object_put(op, "op", json_string("insert"));
        json_object_put(op, "table", json_string(tc->name));
        json_object_put(op, "row", values);
        json_object_put(op, "uuid-name",
                        json_string_take(insert_name(&row->uuid)));
        struct txn_insert *ins = txn_find_insert(txn, &row->uuid);
        svs_assert(ins);
        ins->op_index = txn->n_ops;
        add_op(txn, ops, op, OP_INSERT);
        return true;
    }

    bool any = false;
    json_t *values = NULL, *mutations = NULL;
    for (size_t i = 0; i < tc->n_columns; i++) {
        const struct db_idl_column *c = &tc->columns[i];
        if (!idl_bitmap_is_set(tr->written, i)) {
            continue;
        }
        if (!column_is_sendable(t, i)) {
            VLOG_WARN_RL(&rl, "%s: not writing column %s.%s, which the "
                         "server lacks", idl_name(txn->idl), tc->name,
                         c->name);
            continue;
        }
        const struct db_idl_partial *p = tr->partials ? tr->partials[i]
                                                      : NULL;
        if (p) {
            enum db_atomic_type kt = c->type.key.type;
            bool is_map = db_type_is_map(&c->type);
            if (!mutations) {
                mutations = json_array();
            }
            /* Deleting a map's keys first lets "insert" set new values
             * for existing keys: delete the union of both key sets (a
             * merge of two sorted arrays). */
            const struct db_datum *add = is_map ? &p->set : NULL;
            size_t n_add = add ? add->n : 0;
            if (p->del.n || n_add) {
                json_t *keys = json_array();
                size_t a = 0, b = 0;
                while (a < p->del.n || b < n_add) {
                    int cmp = (a >= p->del.n ? 1
                               : b >= n_add ? -1
                               : db_atom_compare_3way(&p->del.keys[a],
                                                      &add->keys[b], kt));
                    const union db_atom *key = (cmp <= 0
                                                ? &p->del.keys[a]
                                                : &add->keys[b]);
                    json_array_add(keys, txn_atom_to_json(txn, key, kt));
                    a += cmp <= 0;
                    b += cmp >= 0;
                }
                json_array_add(mutations, json_array_of(
                                   3, json_string(c->name),
                                   json_string("delete"),
                                   json_array_of(2, json_string("set"),
                                                 keys)));
            }
            if (p->set.n) {
                json_t *arg;
                if (is_map) {
                    arg = txn_datum_to_json(txn, &p->set, &c->type);
                } else {
                    arg = txn_keys_to_json(txn, &p->set, kt);
                }
                json_array_add(mutations, json_array_of(
                                   3, json_string(c->name),
                                   json_string("insert"), arg));
            }
        } else if (!(t->modes[i] & IDL_MONITOR)
                   || !db_datum_equals(&row->old_datum[i],
                                       &tr->new_datum[i], &c->type)) {
            if (!values) {
                values = json_object();
            }
            json_object_put(values, c->name,
                            txn_datum_to_json(txn, &tr->new_datum[i],
                                              &c->type));
        }
    }
    if (values) {
        json_t *op = json_object();
        json_object_put(op, "op", json_string("update"));
        json_object_put(op, "table", json_string(tc->name));
        json_object_put(op, "where", where_uuid(&row->uuid));
        json_object_put(op, "row", values);
        add_op(txn, ops, op, OP_CHANGE);
        any = true;
    }
    if (mutations && json_array_size(mutations)) {
        json_t *op = json_object();
        json_object_put(op, "op", json_string("mutate"));
        json_object_put(op, "table", json_string(tc->name));
        json_object_put(op, "where", where_uuid(&row->uuid));
        json_object_put(op, "mutations", json_incref(mutations));
        add_op(txn, ops, op, OP_CHANGE);
        any = true;
    }
    json_decref(mutations);
    return any;
}

/* Adds the increment and the "select" that reads its result. */
static void
add_increment_ops(struct db_idl_txn *txn, json_t *ops)
{
    const struct db_idl_column *c = txn->inc_column;
    const char *table = c->table->name;

    json_t *op = json_object();
    json_object_put(op, "op", json_string("mutate"));
    json_object_put(op, "table", json_string(table));
    json_object_put(op, "where", where_uuid(&txn->inc_row));
    json_object_put(op, "mutations", json_array_of(
                        1, json_array_of(3, json_string(c->name),
                                         json_string("+="),
                                         json_integer(1))));
    add_op(txn, ops, op, OP_INCREMENT);

    op = json_object();
    json_object_put(op, "op", json_string("select"));
    json_object_put(op, "table", json_string(table));
    json_object_put(op, "where", where_uuid(&txn->inc_row));
    json_object_put(op, "columns", json_array_of(1, json_string(c->name)));
    txn->inc_index = txn->n_ops;
    add_op(txn, ops, op, OP_SELECT);
}

enum db_idl_txn_status
db_idl_txn_commit(struct db_idl_txn *txn)
{
    struct db_idl *idl = txn->idl;

    if (txn != idl->txn) {
        return txn->status;
    }

    if (!db_idl_is_synced(idl)) {
        txn_disassemble(txn);
        txn->status = DB_IDL_TXN_TRY_AGAIN;
        return txn->status;
    }
    if (idl->lock_name && !idl->has_lock) {
        txn_disassemble(txn);
        txn->status = DB_IDL_TXN_NOT_LOCKED;
        return txn->status;
    }

    json_t *ops = json_array();
    json_array_add(ops, json_string(idl->class_->database));
    txn->n_ops = 0;

    if (idl->lock_name) {
        json_t *op = json_object();
        json_object_put(op, "op", json_string("assert"));
        json_object_put(op, "lock", json_string(idl->lock_name));
        add_op(txn, ops, op, OP_ASSERT);
    }

    struct db_idl_txn_row *tr;
    LIST_FOR_EACH (tr, node, &txn->rows) {
        if (!tr->inserted && tr->row->old_datum) {
            add_wait_op(txn, ops, tr);
        }
    }

    bool any_updates = false;
    LIST_FOR_EACH (tr, node, &txn->rows) {
        if (add_row_ops(txn, ops, tr)) {
            any_updates = true;
        }
    }

    if (txn->inc_column && (any_updates || txn->inc_force)) {
        add_increment_ops(txn, ops);
        any_updates = true;
    }

    if (!any_updates) {
        json_decref(ops);
        txn_disassemble(txn);
        txn->status = DB_IDL_TXN_UNCHANGED;
        return txn->status;
    }

    if (txn->comment.length) {
        json_t *op = json_object();
        json_object_put(op, "op", json_string("comment"));
        json_object_put(op, "comment", json_string(ds_cstr(&txn->comment)));
        add_op(txn, ops, op, OP_COMMENT);
    }
    if (txn->dry_run) {
        json_t *op = json_object();
        json_object_put(op, "op", json_string("abort"));
        add_op(txn, ops, op, OP_ABORT);
    }

    txn_disassemble(txn);
    json_t *id;
    struct jsonrpc_msg *msg = jsonrpc_create_request("transact", ops, &id);
    if (!idl_send_request(idl, msg)) {
        json_decref(id);
        txn->status = DB_IDL_TXN_TRY_AGAIN;
        return txn->status;
    }
    txn->request_id = id;
    txn->status = DB_IDL_TXN_INCOMPLETE;
    svs_list_push_back(&idl->outstanding_txns, &txn->node);
    return txn->status;
}

enum db_idl_txn_status
db_idl_txn_commit_block(struct db_idl_txn *txn)
{
    enum db_idl_txn_status status;
    while ((status = db_idl_txn_commit(txn)) == DB_IDL_TXN_INCOMPLETE) {
        db_idl_run(txn->idl);
        if (txn->status != DB_IDL_TXN_INCOMPLETE) {
            continue;
        }
        db_idl_wait(txn->idl);
        db_idl_txn_wait(txn);
        poll_block();
    }
    return status;
}

/* Drops the local changes of the open transaction 'txn'. */
static void
txn_disassemble(struct db_idl_txn *txn)
{
    struct db_idl *idl = txn->idl;
    struct svs_list inserted;
    struct db_idl_txn_row *tr;

    svs_assert(idl->txn == txn);
    idl->txn = NULL;

    /* Rows of the replica first: their typed fields may point to rows
     * inserted by the transaction, which are freed afterward. */
    svs_list_init(&inserted);
    LIST_FOR_EACH_POP (tr, node, &txn->rows) {
        struct db_idl_row *row = tr->row;
        if (tr->inserted) {
            svs_list_push_back(&inserted, &tr->node);
            continue;
        }
        row->txn_row = NULL;
        const struct db_idl_table_class *tc = row->table->class_;
        for (size_t i = 0; i < tc->n_columns; i++) {
            if (idl_bitmap_is_set(tr->written, i)) {
                row_reparse_column(row, &tc->columns[i]);
            }
        }
        txn_row_destroy(tr);
    }
    LIST_FOR_EACH_POP (tr, node, &inserted) {
        struct db_idl_row *row = tr->row;
        idl_row_unparse(row);
        row->txn_row = NULL;
        txn_row_destroy(tr);
        idl_row_destroy(row);
    }
}

void
db_idl_txn_abort(struct db_idl_txn *txn)
{
    if (txn->status == DB_IDL_TXN_UNCOMMITTED) {
        txn_disassemble(txn);
        txn->status = DB_IDL_TXN_ABORTED;
    } else if (txn->status == DB_IDL_TXN_INCOMPLETE) {
        svs_list_remove(&txn->node);
        svs_list_poison(&txn->node);
        txn->status = DB_IDL_TXN_ABORTED;
    }
}

void
db_idl_txn_destroy(struct db_idl_txn *txn)
{
    if (!txn) {
        return;
    }
    db_idl_txn_abort(txn);
    struct txn_insert *ins;
    HMAP_FOR_EACH_POP (ins, node, &txn->inserted) {
        free(ins);
    }
    hmap_destroy(&txn->inserted);
    json_decref(txn->request_id);
    json_decref(txn->sync_id);
    ds_destroy(&txn->comment);
    free(txn->error);
    free(txn->op_kinds);
    free(txn);
}

/* Replies. */

static struct db_idl_txn *
find_outstanding(const struct db_idl *idl, const json_t *id)
{
    struct db_idl_txn *txn;
    LIST_FOR_EACH (txn, node, &idl->outstanding_txns) {
        if ((txn->request_id && json_equal(txn->request_id, id))
            || (txn->sync_id && json_equal(txn->sync_id, id))) {
            return txn;
        }
    }
    return NULL;
}

bool
idl_txn_owns_reply(const struct db_idl *idl, const json_t *id)
{
    return id && find_outstanding(idl, id) != NULL;
}

/* Makes 'status' the outcome of outstanding 'txn'. */
static void
txn_finish(struct db_idl_txn *txn, enum db_idl_txn_status status)
{
    svs_list_remove(&txn->node);
    svs_list_poison(&txn->node);
    txn->status = status;
    txn->awaiting_sync = false;
    json_decref(txn->sync_id);
    txn->sync_id = NULL;
}

/* Waits for the replica to catch up with the server before reporting
 * 'status'. */
static void
txn_await_sync(struct db_idl_txn *txn, enum db_idl_txn_status status)
{
    struct db_idl *idl = txn->idl;
    json_t *id;
    txn->final_status = status;
    txn->awaiting_sync = true;
    json_decref(txn->request_id);
    txn->request_id = NULL;
    if (idl_send_request(idl, jsonrpc_create_request(
                             "echo", json_array_of(1, json_string(
                                                       "svs-idl-sync")),
                             &id))) {
        txn->sync_id = id;
    } else {
        json_decref(id);
    }
}

/* Records 'error' as 'txn''s error text.  For an error object (the whole
 * failed operation's result or a JSON-RPC error) the text is its "error"
 * tag followed by ": " and its "details" when it has them, as
 * db_idl_txn_get_error() documents; any other JSON is kept serialized. */
static void
txn_set_error(struct db_idl_txn *txn, const json_t *error)
{
    free(txn->error);
    if (json_is_object(error)) {
        const json_t *tag = json_get(error, "error");
        const json_t *details = json_get(error, "details");
        txn->error = xasprintf("%s%s%s",
                               json_is_string(tag)
                               ? json_string_value(tag) : "error",
                               json_is_string(details) ? ": " : "",
                               json_is_string(details)
                               ? json_string_value(details) : "");
    } else {
        txn->error = json_to_string(error, 0);
    }
}

static bool
error_is(const json_t *error, const char *tag)
{
    const json_t *e = json_is_object(error) ? json_get(error, "error")
                                            : error;
    return json_is_string(e) && !strcmp(json_string_value(e), tag);
}

/* Interprets the "transact" result 'results'.  Returns the outcome. */
static enum db_idl_txn_status
txn_process_results(struct db_idl_txn *txn, const json_t *results)
{
    if (!json_is_array(results) || json_array_size(results) < txn->n_ops) {
        VLOG_WARN_RL(&rl, "%s: bad transact reply", idl_name(txn->idl));
        json_t *error = json_string("bad transact reply");
        txn_set_error(txn, error);
        json_decref(error);
        return DB_IDL_TXN_ERROR;
    }

    size_t n = json_array_size(results);
    for (size_t i = 0; i < n; i++) {
        /* The whole result object is the error: its "error" member is
         * only the tag, "details" (if any) says what went wrong. */
        const json_t *result = json_array_get(results, i);
        if (!json_get(result, "error")) {
            continue;
        }
        const json_t *error = result;
        enum op_kind kind = i < txn->n_ops ? txn->op_kinds[i] : OP_CHANGE;
        if (kind == OP_WAIT && error_is(error, "timed out")) {
            return DB_IDL_TXN_TRY_AGAIN;
        } else if (kind == OP_ASSERT && error_is(error, "not owner")) {
            return DB_IDL_TXN_NOT_LOCKED;
        } else if (kind == OP_ABORT && txn->dry_run
                   && error_is(error, "aborted")) {
            return DB_IDL_TXN_SUCCESS;
        }
        txn_set_error(txn, error);
        return DB_IDL_TXN_ERROR;
    }

    /* Success: learn the inserted rows' UUIDs and the increment. */
    struct txn_insert *ins;
    HMAP_FOR_EACH (ins, node, &txn->inserted) {
        if (ins->deleted) {
            continue;
        }
        const json_t *u = json_get(json_array_get(results, ins->op_index),
                                   "uuid");
        if (json_is_array(u) && json_array_size(u) == 2
            && json_is_string(json_array_get(u, 1))
            && uuid_from_string(&ins->real,
                                json_string_value(json_array_get(u, 1)))) {
            ins->have_real = true;
        } else {
            VLOG_WARN_RL(&rl, "%s: insert reply lacks a UUID",
                         idl_name(txn->idl));
        }
    }
    if (txn->inc_column) {
        const json_t *rows = json_get(json_array_get(results,
                                                     txn->inc_index),
                                      "rows");
        const json_t *value = json_get(json_array_get(rows, 0),
                                       txn->inc_column->name);
        if (json_is_integer(value)) {
            txn->inc_new_value = json_integer_value(value);
        } else {
            VLOG_WARN_RL(&rl, "%s: increment reply lacks the new value",
                         idl_name(txn->idl));
        }
    }
    return DB_IDL_TXN_SUCCESS;
}

void
idl_txn_process_reply(struct db_idl *idl, const struct jsonrpc_msg *msg)
{
    struct db_idl_txn *txn = find_outstanding(idl, msg->id);
    if (!txn) {
        return;
    }

    if (txn->sync_id && json_equal(txn->sync_id, msg->id)) {
        /* The echo came back: the replica saw the commit, unless it was
         * resynchronizing meanwhile (then wait for that to finish). */
        json_decref(txn->sync_id);
        txn->sync_id = NULL;
        if (db_idl_is_synced(idl)) {
            txn_finish(txn, txn->final_status);
        }
        return;
    }

    enum db_idl_txn_status status;
    if (msg->type == JSONRPC_ERROR) {
        if (error_is(msg->error, "canceled")) {
            status = DB_IDL_TXN_TRY_AGAIN;
        } else {
            txn_set_error(txn, msg->error);
            status = DB_IDL_TXN_ERROR;
        }
    } else {
        status = txn_process_results(txn, msg->result);
    }

    bool await_sync = ((status == DB_IDL_TXN_SUCCESS && !txn->dry_run
                        && txn->wait_for_replica)
                       || status == DB_IDL_TXN_TRY_AGAIN);
    if (await_sync
        || (status != DB_IDL_TXN_SUCCESS && status != DB_IDL_TXN_UNCHANGED)) {
        /* The replica is needed again (db_idl_set_lazy_updates()): bring
         * it up to date. */
        idl_flush_deferred(idl);
    }
    if (await_sync) {
        txn_await_sync(txn, status);
    } else {
        txn_finish(txn, status);
    }
}

void
idl_txn_connection_lost(struct db_idl *idl)
{
    bool alive = idl->session && jsonrpc_session_is_alive(idl->session);
    struct db_idl_txn *txn, *next;
    LIST_FOR_EACH_SAFE (txn, next, node, &idl->outstanding_txns) {
        if (txn->awaiting_sync) {
            /* The outcome is known; the replica catches up when the
             * monitor is set up again (or never, if the IDL died). */
            json_decref(txn->sync_id);
            txn->sync_id = NULL;
            if (!alive) {
                txn_finish(txn, txn->final_status);
            }
        } else {
            /* Whether it committed is unknown: the client must rebuild
             * it from the resynchronized replica. */
            txn_finish(txn, DB_IDL_TXN_TRY_AGAIN);
        }
    }
}

void
idl_txn_synced(struct db_idl *idl)
{
    struct db_idl_txn *txn, *next;
    LIST_FOR_EACH_SAFE (txn, next, node, &idl->outstanding_txns) {
        if (txn->awaiting_sync && !txn->sync_id) {
            txn_finish(txn, txn->final_status);
        }
    }
}

void
idl_txn_abort_all(struct db_idl *idl)
{
    struct db_idl_txn *txn, *next;
    LIST_FOR_EACH_SAFE (txn, next, node, &idl->outstanding_txns) {
        txn_finish(txn, DB_IDL_TXN_TRY_AGAIN);
    }
}

/* Automatic retry. */

enum db_idl_txn_status
db_idl_txn_run_block(struct db_idl *idl, db_idl_txn_build_func *build,
                     void *aux, struct db_idl_txn **txnp)
{
    enum db_idl_txn_status status;
    struct db_idl_txn *txn = NULL;

    for (;;) {
        if (!db_idl_sync_block(idl)) {
            status = DB_IDL_TXN_TRY_AGAIN;
            break;
        }
        unsigned int seqno = db_idl_get_seqno(idl);
        txn = db_idl_txn_create(idl);
        if (!build(txn, aux)) {
            db_idl_txn_abort(txn);
            status = DB_IDL_TXN_ABORTED;
            break;
        }
        status = db_idl_txn_commit_block(txn);
        if (status != DB_IDL_TXN_TRY_AGAIN) {
            break;
        }
        db_idl_txn_destroy(txn);
        txn = NULL;

        /* Retrying only makes sense with news from the server. */
        while (db_idl_get_seqno(idl) == seqno && db_idl_is_alive(idl)) {
            db_idl_run(idl);
            if (db_idl_get_seqno(idl) != seqno) {
                break;
            }
            db_idl_wait(idl);
            poll_block();
        }
    }

    if (txnp) {
        *txnp = txn;
    } else {
        db_idl_txn_destroy(txn);
    }
    return status;
}
