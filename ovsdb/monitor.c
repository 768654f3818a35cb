/* monitor.c: monitors and the transaction history. */
#include <config.h>
#include "monitor.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "condition.h"
#include "db-error.h"
#include "db-parser.h"
#include "json.h"
#include "ovsdb.h"
#include "transaction.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(monitor);

enum { SEL_INITIAL = 1, SEL_INSERT = 2, SEL_DELETE = 4, SEL_MODIFY = 8,
       SEL_ALL = 15 };

/* What one monitor watches in one table. */
struct monitor_table {
    const struct ovsdb_table *table;
    struct db_column_set columns;   /* Watched columns. */
    unsigned int select;            /* SEL_* bits. */
    bool has_cond;                  /* False: every row matches. */
    struct ovsdb_condition cond;    /* Clauses, any of which matches. */
};

struct ovsdb_monitor {
    struct ovsdb_replica replica;
    struct ovsdb *db;               /* NULL once the database is gone. */
    json_t *id;
    enum ovsdb_monitor_version version;
    struct monitor_table *tables;
    size_t n_tables;
    ovsdb_monitor_send_func *send;
    void *aux;
    void (*db_gone)(void *aux, struct ovsdb_monitor *);
};

static const struct ovsdb_replica_class monitor_replica_class;

static struct ovsdb_monitor *
monitor_cast(struct ovsdb_replica *replica)
{
    return CONTAINER_OF(replica, struct ovsdb_monitor, replica);
}

static struct monitor_table *
find_table(const struct ovsdb_monitor *m, const struct ovsdb_table *table)
{
    for (size_t i = 0; i < m->n_tables; i++) {
        if (m->tables[i].table == table) {
            return &m->tables[i];
        }
    }
    return NULL;
}

/* An absent or empty condition matches every row; otherwise any clause
 * must match. */
static bool
row_matches(const struct monitor_table *mt, const struct ovsdb_row *row)
{
    return row && (!mt->has_cond || ovsdb_condition_empty(&mt->cond)
                   || ovsdb_condition_match_any(row, &mt->cond));
}

/* Parsing requests. */

static struct db_error *
parse_select(const json_t *json, const char *table_name,
             unsigned int *select)
{
    static const struct {
        const char *name;
        unsigned int bit;
    } flags[] = {
        { "initial", SEL_INITIAL }, { "insert", SEL_INSERT },
        { "delete", SEL_DELETE }, { "modify", SEL_MODIFY },
    };
    struct db_parser parser;

    *select = 0;
    db_parser_init(&parser, json, "table %s select", table_name);
    for (size_t i = 0; i < ARRAY_SIZE(flags); i++) {
        const json_t *b = db_parser_member(&parser, flags[i].name,
                                           OP_BOOLEAN | OP_OPTIONAL);
        if (!b || json_is_true(b)) {
            *select |= flags[i].bit;
        }
    }
    return db_parser_finish(&parser);
}

static struct db_error *
parse_table_request(struct ovsdb_monitor *m, struct monitor_table *mt,
                    const json_t *request, bool *any_without_where,
                    bool first)
{
    const struct db_table_schema *ts = mt->table->schema;
    struct db_parser parser;

    db_parser_init(&parser, request, "table %s monitor request", ts->name);
    const json_t *columns = db_parser_member(&parser, "columns",
                                             OP_ARRAY | OP_OPTIONAL);
    const json_t *select = db_parser_member(&parser, "select",
                                            OP_OBJECT | OP_OPTIONAL);
    const json_t *where = NULL;
    if (m->version != OVSDB_MONITOR_V1) {
        where = db_parser_member(&parser, "where", OP_ARRAY | OP_OPTIONAL);
    }
    struct db_error *error = db_parser_finish(&parser);
    if (error) {
        return error;
    }

    unsigned int sel = SEL_ALL;
    if (select) {
        error = parse_select(select, ts->name, &sel);
        if (error) {
            return error;
        }
    }
    mt->select = first ? sel : (mt->select | sel);

    if (columns) {
        struct db_column_set these;
        db_column_set_init(&these);
        for (size_t i = 0; i < json_array_size(columns); i++) {
            const json_t *name = json_array_get(columns, i);
            const struct db_column *column = (
                json_is_string(name)
                ? db_table_schema_get_column(ts, json_string_value(name))
                : NULL);
            if (!column) {
                db_column_set_destroy(&these);
                return db_syntax_error(columns, NULL, "%s is not a valid "
                                       "column name",
                                       json_is_string(name)
                                       ? json_string_value(name)
                                       : "(non-string)");
            }
            if (db_column_set_contains(&these, column->index)) {
                db_column_set_destroy(&these);
                return db_syntax_error(columns, NULL, "column %s mentioned "
                                       "more than once", column->name);
            }
            db_column_set_add(&these, column);
            if (!db_column_set_contains(&mt->columns, column->index)) {
                db_column_set_add(&mt->columns, column);
            }
        }
        db_column_set_destroy(&these);
    } else {
        /* Every column but _uuid, which is the row's key anyway. */
        for (size_t i = DB_COL_VERSION; i < ts->n_columns; i++) {
            if (!db_column_set_contains(&mt->columns, i)) {
                db_column_set_add(&mt->columns, ts->column_array[i]);
            }
        }
    }

    if (!where) {
        *any_without_where = true;
    } else {
        struct ovsdb_condition cond;
        error = ovsdb_condition_from_json(ts, where, NULL, &cond);
        if (error) {
            return error;
        }
        /* Requests for the same table match if any of them does. */
        size_t n = mt->cond.n_clauses + cond.n_clauses;
        mt->cond.clauses = xrealloc(mt->cond.clauses,
                                    (n ? n : 1) * sizeof *mt->cond.clauses);
        memcpy(&mt->cond.clauses[mt->cond.n_clauses], cond.clauses,
               cond.n_clauses * sizeof *cond.clauses);
        mt->cond.n_clauses = n;
        mt->cond.table = ts;
        free(cond.clauses);
        mt->has_cond = true;
    }
    return NULL;
}

static void
monitor_tables_destroy(struct monitor_table *tables, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        db_column_set_destroy(&tables[i].columns);
        ovsdb_condition_destroy(&tables[i].cond);
    }
    free(tables);
}

static struct db_error *
parse_requests(struct ovsdb_monitor *m, const json_t *requests)
{
    if (!json_is_object(requests)) {
        return db_syntax_error(requests, NULL, "monitor-requests must be "
                               "an object");
    }

    const char *name;
    json_t *value;
    size_t n = json_object_size(requests);
    m->tables = xcalloc(n ? n : 1, sizeof *m->tables);
    json_object_foreach ((json_t *) requests, name, value) {
        const struct ovsdb_table *table = ovsdb_get_table(m->db, name);
        if (!table) {
            return db_syntax_error(NULL, NULL, "no table named %s", name);
        }
        struct monitor_table *mt = &m->tables[m->n_tables++];
        mt->table = table;
        db_column_set_init(&mt->columns);
        ovsdb_condition_init(&mt->cond);
        mt->cond.table = table->schema;

        bool any_without_where = false;
        struct db_error *error;
        if (json_is_array(value)) {
            error = NULL;
            for (size_t i = 0; i < json_array_size(value) && !error; i++) {
                error = parse_table_request(m, mt, json_array_get(value, i),
                                            &any_without_where, i == 0);
            }
        } else {
            error = parse_table_request(m, mt, value, &any_without_where,
                                        true);
        }
        if (error) {
            return error;
        }
        if (any_without_where) {
            mt->has_cond = false;
        }
    }
    return NULL;
}

/* Composing rows. */

static json_t *
row_to_json_v1(const struct ovsdb_row *row, const struct db_column_set *cols)
{
    return ovsdb_row_to_json(row, cols);
}

static json_t *
row_to_json_v2(const struct ovsdb_row *row, const struct db_column_set *cols)
{
    json_t *json = json_object();
    for (size_t i = 0; i < cols->n_columns; i++) {
        const struct db_column *column = cols->columns[i];
        const struct db_datum *datum = &row->fields[column->index];
        if (!db_datum_is_default(datum, &column->type)) {
            json_object_put(json, column->name,
                            db_datum_to_json(datum, &column->type));
        }
    }
    return json;
}

/* Returns the update2 "modify" value of 'column' changing from 'old' to
 * 'new'. */
static json_t *
column_diff(const struct db_column *column, const struct db_datum *old,
            const struct db_datum *new)
{
    const struct db_type *type = &column->type;

    if (!db_type_is_map(type) && type->n_max == 1) {
        /* Scalars and optional scalars: the new value. */
        return db_datum_to_json(new, type);
    }

    struct db_type diff_type;
    db_type_clone(&diff_type, type);
    db_base_type_clear_constraints(&diff_type.key);
    db_base_type_clear_constraints(&diff_type.value);
    diff_type.n_min = 0;
    diff_type.n_max = UINT_MAX;

    struct db_datum diff = DB_DATUM_EMPTY_INITIALIZER;
    bool is_map = db_type_is_map(type);
    for (unsigned int i = 0; i < old->n; i++) {
        unsigned int j = db_datum_find_key(new, &old->keys[i],
                                           type->key.type);
        if (j == UINT_MAX) {
            db_datum_add_unsafe(&diff, &old->keys[i],
                                is_map ? &old->values[i] : NULL,
                                &diff_type);
        }
    }
    for (unsigned int i = 0; i < new->n; i++) {
        unsigned int j = db_datum_find_key(old, &new->keys[i],
                                           type->key.type);
        if (j == UINT_MAX
            || (is_map && !db_atom_equals(&old->values[j], &new->values[i],
                                          type->value.type))) {
            db_datum_add_unsafe(&diff, &new->keys[i],
                                is_map ? &new->values[i] : NULL,
                                &diff_type);
        }
    }
    db_datum_sort_unique(&diff, &diff_type);
    json_t *json = db_datum_to_json(&diff, &diff_type);
    db_datum_destroy(&diff, &diff_type);
    db_type_destroy(&diff_type);
    return json;
}

static bool
columns_changed(const struct ovsdb_row *old, const struct ovsdb_row *new,
                const struct db_column_set *cols)
{
    for (size_t i = 0; i < cols->n_columns; i++) {
        const struct db_column *column = cols->columns[i];
        if (!db_datum_equals(&old->fields[column->index],
                             &new->fields[column->index], &column->type)) {
            return true;
        }
    }
    return false;
}

/* Returns the row update for one row changing from 'old' to 'new' (either
 * may be NULL), or NULL if the monitor does not report it. */
static json_t *
compose_row_update(const struct ovsdb_monitor *m,
                   const struct monitor_table *mt,
                   const struct ovsdb_row *old, const struct ovsdb_row *new,
                   bool initial)
{
    const struct db_column_set *cols = &mt->columns;
    json_t *update;

    if (m->version == OVSDB_MONITOR_V1) {
        if (!old && new) {
            if (!(mt->select & (initial ? SEL_INITIAL : SEL_INSERT))) {
                return NULL;
            }
            update = json_object();
            json_object_put(update, "new", row_to_json_v1(new, cols));
        } else if (old && !new) {
            if (!(mt->select & SEL_DELETE)) {
                return NULL;
            }
            update = json_object();
            json_object_put(update, "old", row_to_json_v1(old, cols));
        } else {
            if (!(mt->select & SEL_MODIFY) || !columns_changed(old, new,
                                                               cols)) {
                return NULL;
            }
            json_t *old_json = json_object();
            for (size_t i = 0; i < cols->n_columns; i++) {
                const struct db_column *column = cols->columns[i];
                const struct db_datum *a = &old->fields[column->index];
                if (!db_datum_equals(a, &new->fields[column->index],
                                     &column->type)) {
                    json_object_put(old_json, column->name,
                                    db_datum_to_json(a, &column->type));
                }
            }
            update = json_object();
            json_object_put(update, "old", old_json);
            json_object_put(update, "new", row_to_json_v1(new, cols));
        }
        return update;
    }

    bool old_match = row_matches(mt, old);
    bool new_match = row_matches(mt, new);
    if (!old_match && new_match) {
        if (!(mt->select & (initial ? SEL_INITIAL : SEL_INSERT))) {
            return NULL;
        }
        update = json_object();
        json_object_put(update, initial ? "initial" : "insert",
                        row_to_json_v2(new, cols));
    } else if (old_match && !new_match) {
        if (!(mt->select & SEL_DELETE)) {
            return NULL;
        }
        update = json_object();
        json_object_put(update, "delete", json_null());
    } else if (old_match && new_match) {
        if (!(mt->select & SEL_MODIFY)) {
            return NULL;
        }
        json_t *diff = json_object();
        for (size_t i = 0; i < cols->n_columns; i++) {
            const struct db_column *column = cols->columns[i];
            const struct db_datum *a = &old->fields[column->index];
            const struct db_datum *b = &new->fields[column->index];
            if (!db_datum_equals(a, b, &column->type)) {
                json_object_put(diff, column->name,
                                column_diff(column, a, b));
            }
        }
        if (!json_object_size(diff)) {
            json_decref(diff);
            return NULL;
        }
        update = json_object();
        json_object_put(update, "modify", diff);
    } else {
        return NULL;
    }
    return update;
}

static void
add_row_update(json_t *updates, const struct ovsdb_table *table,
               const struct uuid *uuid, json_t *update)
{
    const char *name = table->schema->name;
    json_t *table_updates = json_object_get(updates, name);
    if (!table_updates) {
        table_updates = json_object();
        json_object_set_new(updates, name, table_updates);
    }
    char s[UUID_LEN + 1];
    uuid_to_string(uuid, s);
    json_object_set_new(table_updates, s, update);
}

static json_t *
compose_initial(const struct ovsdb_monitor *m)
{
    json_t *updates = json_object();
    for (size_t i = 0; i < m->n_tables; i++) {
        const struct monitor_table *mt = &m->tables[i];
        if (!(mt->select & SEL_INITIAL)) {
            continue;
        }
        const struct ovsdb_row *row;
        HMAP_FOR_EACH (row, hmap_node, &mt->table->rows) {
            json_t *update = compose_row_update(m, mt, NULL, row, true);
            if (update) {
                add_row_update(updates, mt->table, ovsdb_row_get_uuid(row),
                               update);
            }
        }
    }
    return updates;
}

static void
send_update(struct ovsdb_monitor *m, json_t *updates,
            const struct uuid *txnid)
{
    switch (m->version) {
    case OVSDB_MONITOR_V1:
        m->send(m->aux, "update", json_array_of(2, json_incref(m->id),
                                                updates));
        break;
    case OVSDB_MONITOR_V2:
        m->send(m->aux, "update2", json_array_of(2, json_incref(m->id),
                                                 updates));
        break;
    case OVSDB_MONITOR_V3: {
        char s[UUID_LEN + 1];
        uuid_to_string(txnid, s);
        m->send(m->aux, "update3", json_array_of(3, json_incref(m->id),
                                                 json_string(s), updates));
        break;
    }
    }
}

/* Replica callbacks. */

struct commit_ctx {
    struct ovsdb_monitor *m;
    json_t *updates;
};

static void
commit_row(const struct ovsdb_txn_row *txn_row, void *ctx_)
{
    struct commit_ctx *ctx = ctx_;
    const struct monitor_table *mt = find_table(ctx->m, txn_row->table);
    if (mt) {
        json_t *update = compose_row_update(ctx->m, mt, txn_row->old,
                                            txn_row->new, false);
        if (update) {
            add_row_update(ctx->updates, txn_row->table, &txn_row->uuid,
                           update);
        }
    }
}

static void
monitor_commit(struct ovsdb_replica *replica, const struct ovsdb_txn *txn)
{
    struct ovsdb_monitor *m = monitor_cast(replica);
    struct commit_ctx ctx = { .m = m, .updates = json_object() };

    ovsdb_txn_for_each_change(txn, commit_row, &ctx);
    if (json_object_size(ctx.updates)) {
        send_update(m, ctx.updates, ovsdb_txn_get_txnid(txn));
    } else {
        json_decref(ctx.updates);
    }
}

static void
monitor_db_destroyed(struct ovsdb_replica *replica)
{
    struct ovsdb_monitor *m = monitor_cast(replica);
    m->db = NULL;
    if (m->db_gone) {
        m->db_gone(m->aux, m);
    }
}

static const struct ovsdb_replica_class monitor_replica_class = {
    monitor_commit,
    monitor_db_destroyed,
};

/* The transaction history, kept as a replica of its own. */

#define HISTORY_MAX_TXNS 100
#define HISTORY_MAX_ROWS 4096

struct history_row {
    const struct ovsdb_table *table;
    struct uuid uuid;
    struct ovsdb_row *old;          /* Clone, or NULL. */
    struct ovsdb_row *new;          /* Clone, or NULL. */
};

struct history_txn {
    struct svs_list node;           /* In db->txn_history. */
    struct uuid txnid;
    struct history_row *rows;
    size_t n_rows;
};

struct history {
    struct ovsdb_replica replica;
    struct ovsdb *db;
};

static void
history_txn_destroy(struct history_txn *ht)
{
    for (size_t i = 0; i < ht->n_rows; i++) {
        ovsdb_row_destroy(ht->rows[i].old);
        ovsdb_row_destroy(ht->rows[i].new);
    }
    free(ht->rows);
    free(ht);
}

static void
history_trim(struct ovsdb *db)
{
    while (db->n_txn_history > HISTORY_MAX_TXNS
           || (db->n_txn_history > 1
               && db->n_txn_history_atoms > HISTORY_MAX_ROWS)) {
        struct history_txn *ht = CONTAINER_OF(
            svs_list_pop_front(&db->txn_history), struct history_txn, node);
        db->n_txn_history--;
        db->n_txn_history_atoms -= ht->n_rows;
        history_txn_destroy(ht);
    }
}

static void
history_clear(struct ovsdb *db)
{
    struct history_txn *ht;
    LIST_FOR_EACH_POP (ht, node, &db->txn_history) {
        history_txn_destroy(ht);
    }
    db->n_txn_history = 0;
    db->n_txn_history_atoms = 0;
}

struct history_ctx {
    struct history_txn *ht;
    size_t allocated;
};

static void
history_add_row(const struct ovsdb_txn_row *txn_row, void *ctx_)
{
    struct history_ctx *ctx = ctx_;
    struct history_txn *ht = ctx->ht;
    if (ht->n_rows >= ctx->allocated) {
        ht->rows = x2nrealloc(ht->rows, &ctx->allocated, sizeof *ht->rows);
    }
    struct history_row *hr = &ht->rows[ht->n_rows++];
    hr->table = txn_row->table;
    hr->uuid = txn_row->uuid;
    hr->old = txn_row->old ? ovsdb_row_clone(txn_row->old) : NULL;
    hr->new = txn_row->new ? ovsdb_row_clone(txn_row->new) : NULL;
}

static void
history_commit(struct ovsdb_replica *replica, const struct ovsdb_txn *txn)
{
    struct history *h = CONTAINER_OF(replica, struct history, replica);
    struct ovsdb *db = h->db;
    struct history_txn *ht = xzalloc(sizeof *ht);
    struct history_ctx ctx = { .ht = ht };

    ht->txnid = *ovsdb_txn_get_txnid(txn);
    ovsdb_txn_for_each_change(txn, history_add_row, &ctx);
    if (ht->n_rows > HISTORY_MAX_ROWS) {
        /* Too big to keep: forget everything before it too, since a
         * client that missed it must resynchronize anyway. */
        history_txn_destroy(ht);
        history_clear(db);
        return;
    }
    svs_list_push_back(&db->txn_history, &ht->node);
    db->n_txn_history++;
    db->n_txn_history_atoms += ht->n_rows;
    history_trim(db);
}

static void
history_destroy(struct ovsdb_replica *replica)
{
    struct history *h = CONTAINER_OF(replica, struct history, replica);
    history_clear(h->db);
    free(h);
}

static const struct ovsdb_replica_class history_replica_class = {
    history_commit,
    history_destroy,
};

void
ovsdb_monitor_history_enable(struct ovsdb *db)
{
    struct ovsdb_replica *r;
    LIST_FOR_EACH (r, node, &db->replicas) {
        if (r->class == &history_replica_class) {
            return;
        }
    }
    struct history *h = xzalloc(sizeof *h);
    h->replica.class = &history_replica_class;
    h->db = db;
    ovsdb_add_replica(db, &h->replica);
}

void
ovsdb_monitor_history_disable(struct ovsdb *db)
{
    struct ovsdb_replica *r, *next;
    LIST_FOR_EACH_SAFE (r, next, node, &db->replicas) {
        if (r->class == &history_replica_class) {
            ovsdb_remove_replica(db, r);
            history_destroy(r);
        }
    }
}

/* A row's net change over several history transactions. */
struct net_change {
    struct hmap_node node;
    const struct ovsdb_table *table;
    struct uuid uuid;
    const struct ovsdb_row *old;    /* First old version. */
    const struct ovsdb_row *new;    /* Last new version. */
};

/* Composes the updates since 'last_txn_id'.  Returns NULL if the history
 * does not reach back that far. */
static json_t *
compose_since(const struct ovsdb_monitor *m, const struct uuid *last_txn_id)
{
    struct ovsdb *db = m->db;

    if (uuid_equals(last_txn_id, &db->last_txn_id)) {
        return json_object();
    }

    struct history_txn *ht, *start = NULL;
    LIST_FOR_EACH (ht, node, &db->txn_history) {
        if (uuid_equals(&ht->txnid, last_txn_id)) {
            start = ht;
            break;
        }
    }
    if (!start || svs_list_is_empty(&db->txn_history)
        || !uuid_equals(&CONTAINER_OF(svs_list_back(&db->txn_history),
                                      struct history_txn, node)->txnid,
                        &db->last_txn_id)) {
        return NULL;
    }

    struct hmap changes = HMAP_INITIALIZER(&changes);
    for (ht = CONTAINER_OF(start->node.next, struct history_txn, node);
         &ht->node != &db->txn_history;
         ht = CONTAINER_OF(ht->node.next, struct history_txn, node)) {
        for (size_t i = 0; i < ht->n_rows; i++) {
            const struct history_row *hr = &ht->rows[i];
            struct net_change *nc = NULL, *p;
            HMAP_FOR_EACH_WITH_HASH (p, node, uuid_hash(&hr->uuid),
                                     &changes) {
                if (uuid_equals(&p->uuid, &hr->uuid)) {
                    nc = p;
                    break;
                }
            }
            if (!nc) {
                nc = xzalloc(sizeof *nc);
                nc->table = hr->table;
                nc->uuid = hr->uuid;
                nc->old = hr->old;
                hmap_insert(&changes, &nc->node, uuid_hash(&hr->uuid));
            }
            nc->new = hr->new;
        }
    }

    json_t *updates = json_object();
    struct net_change *nc;
    HMAP_FOR_EACH_POP (nc, node, &changes) {
        const struct monitor_table *mt = find_table(m, nc->table);
        if (mt && (nc->old || nc->new)) {
            json_t *update = compose_row_update(m, mt, nc->old, nc->new,
                                                false);
            if (update) {
                add_row_update(updates, nc->table, &nc->uuid, update);
            }
        }
        free(nc);
    }
    hmap_destroy(&changes);
    return updates;
}

/* Public functions. */

struct db_error *
ovsdb_monitor_create(struct ovsdb *db, const json_t *id,
                     const json_t *requests,
                     enum ovsdb_monitor_version version,
                     const struct uuid *last_txn_id,
                     ovsdb_monitor_send_func *send, void *aux,
                     struct ovsdb_monitor **mp, json_t **initialp,
                     bool *found)
{
    struct ovsdb_monitor *m = xzalloc(sizeof *m);
    m->replica.class = &monitor_replica_class;
    m->db = db;
    m->id = json_incref((json_t *) id);
    m->version = version;
    m->send = send;
    m->aux = aux;

    *mp = NULL;
    *initialp = NULL;
    if (found) {
        *found = false;
    }

    struct db_error *error = parse_requests(m, requests);
    if (error) {
        json_decref(m->id);
        monitor_tables_destroy(m->tables, m->n_tables);
        free(m);
        return error;
    }

    json_t *initial = NULL;
    if (version == OVSDB_MONITOR_V3 && last_txn_id
        && !uuid_is_zero(last_txn_id)) {
        initial = compose_since(m, last_txn_id);
        if (initial && found) {
            *found = true;
        }
    }
    if (!initial) {
        initial = compose_initial(m);
    }

    ovsdb_add_replica(db, &m->replica);
    *mp = m;
    *initialp = initial;
    return NULL;
}

struct db_error *
ovsdb_monitor_cond_change(struct ovsdb_monitor *m, const json_t *requests)
{
    if (!m->db) {
        return db_error("unknown monitor", "database is gone");
    }
    if (m->version == OVSDB_MONITOR_V1) {
        return db_error("syntax error", "monitor_cond_change is not "
                        "supported for monitors created with \"monitor\"");
    }
    if (!json_is_object(requests)) {
        return db_syntax_error(requests, NULL, "monitor-cond-change-requests "
                               "must be an object");
    }

    /* Parse all new conditions first, so that an error changes nothing. */
    size_t n = json_object_size(requests);
    struct monitor_table **targets = xmalloc((n ? n : 1) * sizeof *targets);
    struct ovsdb_condition *conds = xcalloc(n ? n : 1, sizeof *conds);
    bool *has_cond = xcalloc(n ? n : 1, sizeof *has_cond);
    struct db_error *error = NULL;
    const char *name;
    json_t *value;
    size_t k = 0;

    json_object_foreach ((json_t *) requests, name, value) {
        const struct ovsdb_table *table = ovsdb_get_table(m->db, name);
        struct monitor_table *mt = table ? find_table(m, table) : NULL;
        if (!mt) {
            error = db_syntax_error(NULL, NULL, "no table named %s", name);
            break;
        }
        const json_t *reqs = json_is_array(value) ? value : NULL;
        ovsdb_condition_init(&conds[k]);
        conds[k].table = table->schema;
        bool any_without_where = false;
        for (size_t i = 0; reqs && i < json_array_size(reqs) && !error;
             i++) {
            const json_t *req = json_array_get(reqs, i);
            if (json_is_object(req) && json_object_get(req, "columns")) {
                error = db_syntax_error(req, NULL, "changing columns is "
                                        "unsupported");
                break;
            }
            struct db_parser parser;
            db_parser_init(&parser, req, "table %s condition change", name);
            const json_t *where = db_parser_member(&parser, "where",
                                                   OP_ARRAY | OP_OPTIONAL);
            error = db_parser_finish(&parser);
            if (error) {
                break;
            }
            if (!where) {
                any_without_where = true;
                continue;
            }
            struct ovsdb_condition c;
            error = ovsdb_condition_from_json(table->schema, where, NULL,
                                              &c);
            if (error) {
                break;
            }
            size_t total = conds[k].n_clauses + c.n_clauses;
            conds[k].clauses = xrealloc(conds[k].clauses,
                                        (total ? total : 1)
                                        * sizeof *c.clauses);
            memcpy(&conds[k].clauses[conds[k].n_clauses], c.clauses,
                   c.n_clauses * sizeof *c.clauses);
            conds[k].n_clauses = total;
            free(c.clauses);
        }
        has_cond[k] = !any_without_where && reqs;
        targets[k] = mt;
        k++;
        if (error) {
            break;
        }
    }

    if (!error) {
        json_t *updates = json_object();
        for (size_t i = 0; i < k; i++) {
            struct monitor_table *mt = targets[i];
            struct monitor_table new_mt = *mt;
            new_mt.has_cond = has_cond[i];
            new_mt.cond = conds[i];

            const struct ovsdb_row *row;
            HMAP_FOR_EACH (row, hmap_node, &mt->table->rows) {
                bool was = row_matches(mt, row);
                bool is = row_matches(&new_mt, row);
                json_t *update = NULL;
                if (!was && is && (mt->select & SEL_INSERT)) {
                    update = json_object();
                    json_object_put(update, "insert",
                                    row_to_json_v2(row, &mt->columns));
                } else if (was && !is && (mt->select & SEL_DELETE)) {
                    update = json_object();
                    json_object_put(update, "delete", json_null());
                }
                if (update) {
                    add_row_update(updates, mt->table,
                                   ovsdb_row_get_uuid(row), update);
                }
            }
            ovsdb_condition_destroy(&mt->cond);
            mt->cond = conds[i];
            mt->has_cond = has_cond[i];
            ovsdb_condition_init(&conds[i]);
        }
        if (json_object_size(updates)) {
            send_update(m, updates, &m->db->last_txn_id);
        } else {
            json_decref(updates);
        }
    }

    for (size_t i = 0; i < k; i++) {
        ovsdb_condition_destroy(&conds[i]);
    }
    free(conds);
    free(has_cond);
    free(targets);
    return error;
}

void
ovsdb_monitor_set_id(struct ovsdb_monitor *m, const json_t *id)
{
    json_decref(m->id);
    m->id = json_incref((json_t *) id);
}

const json_t *
ovsdb_monitor_get_id(const struct ovsdb_monitor *m)
{
    return m->id;
}

struct ovsdb *
ovsdb_monitor_get_db(const struct ovsdb_monitor *m)
{
    return m->db;
}

void
ovsdb_monitor_set_db_gone_cb(struct ovsdb_monitor *m,
                             void (*cb)(void *aux, struct ovsdb_monitor *))
{
    m->db_gone = cb;
}

void
ovsdb_monitor_destroy(struct ovsdb_monitor *m)
{
    if (!m) {
        return;
    }
    if (m->db) {
        ovsdb_remove_replica(m->db, &m->replica);
    }
    json_decref(m->id);
    monitor_tables_destroy(m->tables, m->n_tables);
    free(m);
}
