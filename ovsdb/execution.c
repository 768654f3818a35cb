/* execution.c: executing transact operations. */
#include <config.h>
#include "execution.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "condition.h"
#include "db-error.h"
#include "db-parser.h"
#include "json.h"
#include "mutation.h"
#include "ovsdb.h"
#include "transaction.h"
#include "util.h"

struct exec {
    struct ovsdb *db;
    const struct ovsdb_execute_ctx *ctx;
    struct ovsdb_txn *txn;
    struct db_symbol_table *symtab;
    bool wait;                  /* A wait operation wants to retry. */
    long long int wait_msec;    /* Smallest remaining wait. */
};

typedef struct db_error *op_func(struct exec *, struct db_parser *,
                                 const json_t *op, json_t *result);

static struct db_error *
parse_table(struct exec *x, struct db_parser *parser,
            struct ovsdb_table **tablep)
{
    const json_t *json = db_parser_member(parser, "table", OP_ID);
    *tablep = NULL;
    if (json) {
        *tablep = ovsdb_get_table(x->db, json_string_value(json));
        if (!*tablep) {
            db_parser_raise_error(parser, "No table named %s.",
                                  json_string_value(json));
        }
    }
    return NULL;
}

/* Collects the rows of 'table' that satisfy 'cond', in a malloc'd array. */
static struct ovsdb_row **
query(struct ovsdb_table *table, const struct ovsdb_condition *cond,
      size_t *np)
{
    struct ovsdb_row **rows = NULL;
    size_t n = 0, allocated = 0;
    struct uuid uuid;

    if (ovsdb_condition_get_uuid(cond, &uuid)) {
        struct ovsdb_row *row = ovsdb_table_get_row(table, &uuid);
        if (row && ovsdb_condition_match_every(row, cond)) {
            rows = xmalloc(sizeof *rows);
            rows[n++] = row;
        }
    } else {
        struct ovsdb_row *row;
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            if (ovsdb_condition_match_every(row, cond)) {
                if (n >= allocated) {
                    rows = x2nrealloc(rows, &allocated, sizeof *rows);
                }
                rows[n++] = row;
            }
        }
    }
    *np = n;
    return rows;
}

static struct db_error *
check_row_constraints(const struct ovsdb_row *row,
                      const struct db_column_set *columns)
{
    const struct db_table_schema *ts = row->table->schema;
    size_t n = columns ? columns->n_columns : ts->n_columns;

    for (size_t i = 0; i < n; i++) {
        const struct db_column *column = (columns ? columns->columns[i]
                                          : ts->column_array[i]);
        if (column->index < DB_N_STD_COLUMNS) {
            continue;
        }
        struct db_error *error = db_datum_check_constraints(
            &row->fields[column->index], &column->type);
        if (error) {
            return error;
        }
    }
    return NULL;
}

static struct db_error *
not_allowed(struct exec *x, const char *op)
{
    return db_error("not allowed", "%s operation not allowed on table in "
                    "reserved database %s", op, x->db->name);
}

static struct db_error *
execute_insert(struct exec *x, struct db_parser *parser,
               const json_t *op SVS_UNUSED, json_t *result)
{
    struct ovsdb_table *table;
    parse_table(x, parser, &table);
    const json_t *uuid_name = db_parser_member(parser, "uuid-name",
                                               OP_ID | OP_OPTIONAL);
    const json_t *uuid_json = db_parser_member(parser, "uuid",
                                               OP_STRING | OP_OPTIONAL);
    const json_t *row_json = db_parser_member(parser, "row", OP_OBJECT);
    if (db_parser_check_unused(parser)) {
        return NULL;
    }

    struct uuid row_uuid;
    if (uuid_json) {
        if (!uuid_from_string(&row_uuid, json_string_value(uuid_json))) {
            return db_syntax_error(uuid_json, NULL, "bad uuid");
        }
    } else {
        uuid_generate(&row_uuid);
    }

    if (uuid_name) {
        const char *name = json_string_value(uuid_name);
        struct db_symbol *symbol = db_symbol_table_get(x->symtab, name);
        if (symbol && symbol->created) {
            return db_syntax_error(uuid_name, "duplicate uuid-name",
                                   "This \"uuid-name\" appeared on an "
                                   "earlier \"insert\" operation.");
        }
        if (symbol && !uuid_json) {
            row_uuid = symbol->uuid;    /* Forward reference. */
        }
        db_symbol_table_put(x->symtab, name, &row_uuid, true);
    }

    if (ovsdb_table_get_row(table, &row_uuid)
        || ovsdb_txn_touches(x->txn, &row_uuid)) {
        return db_syntax_error(uuid_json, "duplicate uuid",
                               "This UUID would duplicate a UUID already "
                               "present within the table or deleted within "
                               "the same transaction.");
    }

    struct ovsdb_row *row = ovsdb_row_create(table);
    row->uuid.uuid = row_uuid;
    uuid_generate(&row->version.uuid);
    struct db_error *error = NULL;
    if (row_json) {
        error = ovsdb_row_from_json(row, row_json, x->symtab, NULL, false);
    }
    if (!error) {
        error = check_row_constraints(row, NULL);
    }
    if (!error && x->ctx->read_only) {
        error = not_allowed(x, "insert");
    }
    if (error) {
        ovsdb_row_destroy(row);
        return error;
    }

    ovsdb_txn_row_insert(x->txn, row);
    json_object_put(result, "uuid",
                    db_datum_to_json(&row->fields[DB_COL_UUID],
                                     &db_type_uuid));
    return NULL;
}

static struct db_error *
execute_select(struct exec *x, struct db_parser *parser,
               const json_t *op SVS_UNUSED, json_t *result)
{
    struct ovsdb_table *table;
    parse_table(x, parser, &table);
    const json_t *where = db_parser_member(parser, "where", OP_ARRAY);
    const json_t *columns_json = db_parser_member(parser, "columns",
                                                  OP_ARRAY | OP_OPTIONAL);
    if (db_parser_check_unused(parser)) {
        return NULL;
    }

    struct ovsdb_condition cond;
    struct db_error *error = ovsdb_condition_from_json(table->schema, where,
                                                       x->symtab, &cond);
    if (error) {
        return error;
    }
    struct db_column_set columns;
    error = db_column_set_from_json(columns_json, table->schema, &columns);
    if (error) {
        ovsdb_condition_destroy(&cond);
        return error;
    }

    size_t n;
    struct ovsdb_row **rows = query(table, &cond, &n);
    json_t *array = json_array();
    if (!columns_json) {
        for (size_t i = 0; i < n; i++) {
            json_array_add(array, ovsdb_row_to_json(rows[i], &columns));
        }
    } else {
        /* With explicit columns, equal projections are reported once. */
        struct hmap seen = HMAP_INITIALIZER(&seen);
        struct seen_row {
            struct hmap_node node;
            const struct ovsdb_row *row;
        } *sr;
        for (size_t i = 0; i < n; i++) {
            uint32_t hash = ovsdb_row_hash_columns(rows[i], &columns, 0);
            bool dup = false;
            HMAP_FOR_EACH_WITH_HASH (sr, node, hash, &seen) {
                if (ovsdb_row_equal_columns(sr->row, rows[i], &columns)) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                sr = xmalloc(sizeof *sr);
                sr->row = rows[i];
                hmap_insert(&seen, &sr->node, hash);
                json_array_add(array, ovsdb_row_to_json(rows[i], &columns));
            }
        }
        HMAP_FOR_EACH_POP (sr, node, &seen) {
            free(sr);
        }
        hmap_destroy(&seen);
    }
    json_object_put(result, "rows", array);

    free(rows);
    db_column_set_destroy(&columns);
    ovsdb_condition_destroy(&cond);
    return NULL;
}

static struct db_error *
execute_update(struct exec *x, struct db_parser *parser, const json_t *op,
               json_t *result)
{
    struct ovsdb_table *table;
    parse_table(x, parser, &table);
    const json_t *where = db_parser_member(parser, "where", OP_ARRAY);
    const json_t *row_json = db_parser_member(parser, "row", OP_OBJECT);
    if (db_parser_check_unused(parser)) {
        return NULL;
    }
    if (x->ctx->read_only) {
        return not_allowed(x, "update");
    }

    struct db_column_set columns;
    db_column_set_init(&columns);
    struct ovsdb_row *template = ovsdb_row_create(table);
    struct db_error *error = ovsdb_row_from_json(template, row_json,
                                                 x->symtab, &columns, true);
    if (error && !strcmp(error->tag, "constraint violation")
        && error->syntax) {
        /* Name the whole operation, as the reference does. */
        free(error->syntax);
        error->syntax = json_to_string(op, JSSF_SORT);
    }

    struct ovsdb_condition cond = OVSDB_CONDITION_INITIALIZER;
    if (!error) {
        error = ovsdb_condition_from_json(table->schema, where, x->symtab,
                                          &cond);
    }
    if (!error) {
        size_t n;
        struct ovsdb_row **rows = query(table, &cond, &n);
        for (size_t i = 0; i < n; i++) {
            struct ovsdb_row *row = ovsdb_txn_row_modify(x->txn, rows[i]);
            for (size_t c = 0; c < columns.n_columns; c++) {
                const struct db_column *column = columns.columns[c];
                db_datum_destroy(&row->fields[column->index],
                                 &column->type);
                db_datum_clone(&row->fields[column->index],
                               &template->fields[column->index],
                               &column->type);
            }
        }
        free(rows);
        json_object_put(result, "count", json_integer(n));
    }

    ovsdb_condition_destroy(&cond);
    db_column_set_destroy(&columns);
    ovsdb_row_destroy(template);
    return error;
}

static struct db_error *
execute_mutate(struct exec *x, struct db_parser *parser,
               const json_t *op SVS_UNUSED, json_t *result)
{
    struct ovsdb_table *table;
    parse_table(x, parser, &table);
    const json_t *where = db_parser_member(parser, "where", OP_ARRAY);
    const json_t *mutations_json = db_parser_member(parser, "mutations",
                                                    OP_ARRAY);
    if (db_parser_check_unused(parser)) {
        return NULL;
    }
    if (x->ctx->read_only) {
        return not_allowed(x, "mutate");
    }

    struct ovsdb_mutation_set mutations;
    struct db_error *error = ovsdb_mutation_set_from_json(table->schema,
                                                          mutations_json,
                                                          x->symtab,
                                                          &mutations);
    if (error) {
        return error;
    }

    struct ovsdb_condition cond;
    error = ovsdb_condition_from_json(table->schema, where, x->symtab,
                                      &cond);
    if (!error) {
        size_t n;
        struct ovsdb_row **rows = query(table, &cond, &n);
        for (size_t i = 0; i < n && !error; i++) {
            struct ovsdb_row *row = ovsdb_txn_row_modify(x->txn, rows[i]);
            error = ovsdb_mutation_set_execute(row, &mutations);
        }
        free(rows);
        if (!error) {
            json_object_put(result, "count", json_integer(n));
        }
        ovsdb_condition_destroy(&cond);
    }
    ovsdb_mutation_set_destroy(&mutations);
    return error;
}

static struct db_error *
execute_delete(struct exec *x, struct db_parser *parser,
               const json_t *op SVS_UNUSED, json_t *result)
{
    struct ovsdb_table *table;
    parse_table(x, parser, &table);
    const json_t *where = db_parser_member(parser, "where", OP_ARRAY);
    if (db_parser_check_unused(parser)) {
        return NULL;
    }
    if (x->ctx->read_only) {
        return not_allowed(x, "delete");
    }

    struct ovsdb_condition cond;
    struct db_error *error = ovsdb_condition_from_json(table->schema, where,
                                                       x->symtab, &cond);
    if (error) {
        return error;
    }

    size_t n;
    struct ovsdb_row **rows = query(table, &cond, &n);
    for (size_t i = 0; i < n; i++) {
        ovsdb_txn_row_delete(x->txn, rows[i]);
    }
    free(rows);
    json_object_put(result, "count", json_integer(n));
    ovsdb_condition_destroy(&cond);
    return NULL;
}

/* Returns the distinct projections of 'rows' onto 'columns' as a hash
 * map of 'struct projection'. */
struct projection {
    struct hmap_node node;
    const struct ovsdb_row *row;
};

static void
project_rows(struct ovsdb_row **rows, size_t n,
             const struct db_column_set *columns, struct hmap *out)
{
    hmap_init(out);
    for (size_t i = 0; i < n; i++) {
        uint32_t hash = ovsdb_row_hash_columns(rows[i], columns, 0);
        struct projection *p;
        bool dup = false;
        HMAP_FOR_EACH_WITH_HASH (p, node, hash, out) {
            if (ovsdb_row_equal_columns(p->row, rows[i], columns)) {
                dup = true;
                break;
            }
        }
        if (!dup) {
            p = xmalloc(sizeof *p);
            p->row = rows[i];
            hmap_insert(out, &p->node, hash);
        }
    }
}

static void
projections_destroy(struct hmap *projections)
{
    struct projection *p;
    HMAP_FOR_EACH_POP (p, node, projections) {
        free(p);
    }
    hmap_destroy(projections);
}

/* True if the rows 'actual' and 'expected' hold the same set of distinct
 * values in 'columns'. */
static bool
rows_match(struct ovsdb_row **actual, size_t n_actual,
           struct ovsdb_row **expected, size_t n_expected,
           const struct db_column_set *columns)
{
    struct hmap a, e;
    project_rows(actual, n_actual, columns, &a);
    project_rows(expected, n_expected, columns, &e);

    bool match = hmap_count(&a) == hmap_count(&e);
    struct projection *p, *q;
    HMAP_FOR_EACH (p, node, &a) {
        bool found = false;
        HMAP_FOR_EACH_WITH_HASH (q, node, p->node.hash, &e) {
            if (ovsdb_row_equal_columns(p->row, q->row, columns)) {
                found = true;
                break;
            }
        }
        if (!found) {
            match = false;
            break;
        }
    }
    projections_destroy(&a);
    projections_destroy(&e);
    return match;
}

static struct db_error *
execute_wait(struct exec *x, struct db_parser *parser,
             const json_t *op SVS_UNUSED, json_t *result SVS_UNUSED)
{
    struct ovsdb_table *table;
    const json_t *timeout_json = db_parser_member(parser, "timeout",
                                                  OP_INTEGER | OP_OPTIONAL);
    parse_table(x, parser, &table);
    const json_t *where = db_parser_member(parser, "where", OP_ARRAY);
    const json_t *columns_json = db_parser_member(parser, "columns",
                                                  OP_ARRAY | OP_OPTIONAL);
    const json_t *until = db_parser_member(parser, "until", OP_STRING);
    const json_t *rows_json = db_parser_member(parser, "rows", OP_ARRAY);
    if (db_parser_check_unused(parser)) {
        return NULL;
    }

    long long int timeout = (timeout_json ? json_integer_value(timeout_json)
                             : LLONG_MAX);
    if (timeout < 0) {
        return db_syntax_error(timeout_json, NULL,
                               "timeout must be nonnegative");
    }
    const char *until_s = json_string_value(until);
    bool want_equal;
    if (!strcmp(until_s, "==")) {
        want_equal = true;
    } else if (!strcmp(until_s, "!=")) {
        want_equal = false;
    } else {
        return db_syntax_error(until, NULL, "\"until\" must be \"==\" or "
                               "\"!=\"");
    }

    struct ovsdb_condition cond;
    struct db_error *error = ovsdb_condition_from_json(table->schema, where,
                                                       x->symtab, &cond);
    if (error) {
        return error;
    }
    struct db_column_set columns;
    error = db_column_set_from_json(columns_json, table->schema, &columns);
    if (error) {
        ovsdb_condition_destroy(&cond);
        return error;
    }

    size_t n_expected = json_array_size(rows_json);
    struct ovsdb_row **expected = xmalloc((n_expected ? n_expected : 1)
                                          * sizeof *expected);
    size_t n_parsed = 0;
    for (size_t i = 0; i < n_expected && !error; i++) {
        struct ovsdb_row *row = ovsdb_row_create(table);
        error = ovsdb_row_from_json(row, json_array_get(rows_json, i),
                                    x->symtab, NULL, false);
        expected[n_parsed++] = row;
    }

    if (!error) {
        size_t n_actual;
        struct ovsdb_row **actual = query(table, &cond, &n_actual);
        bool equal = rows_match(actual, n_actual, expected, n_expected,
                                &columns);
        free(actual);

        if (equal != want_equal) {
            if (x->ctx->timed_out || timeout <= x->ctx->elapsed_msec) {
                error = db_error("timed out", "\"where\" clause test "
                                 "failed");
            } else {
                long long int remaining = (timeout == LLONG_MAX ? LLONG_MAX
                                           : timeout - x->ctx->elapsed_msec);
                x->wait = true;
                x->wait_msec = MIN(x->wait_msec, remaining);
            }
        }
    }

    for (size_t i = 0; i < n_parsed; i++) {
        ovsdb_row_destroy(expected[i]);
    }
    free(expected);
    db_column_set_destroy(&columns);
    ovsdb_condition_destroy(&cond);
    return error;
}

static struct db_error *
execute_commit(struct exec *x, struct db_parser *parser,
               const json_t *op SVS_UNUSED, json_t *result SVS_UNUSED)
{
    const json_t *durable = db_parser_member(parser, "durable", OP_BOOLEAN);
    if (db_parser_check_unused(parser)) {
        return NULL;
    }
    if (durable && json_is_true(durable)) {
        ovsdb_txn_set_durable(x->txn);
    }
    return NULL;
}

static struct db_error *
execute_abort(struct exec *x SVS_UNUSED, struct db_parser *parser,
              const json_t *op SVS_UNUSED, json_t *result SVS_UNUSED)
{
    if (db_parser_check_unused(parser)) {
        return NULL;
    }
    return db_error("aborted", "aborted by request");
}

static struct db_error *
execute_comment(struct exec *x, struct db_parser *parser,
                const json_t *op SVS_UNUSED, json_t *result SVS_UNUSED)
{
    const json_t *comment = db_parser_member(parser, "comment", OP_STRING);
    if (db_parser_check_unused(parser)) {
        return NULL;
    }
    if (comment) {
        ovsdb_txn_add_comment(x->txn, json_string_value(comment));
    }
    return NULL;
}

static struct db_error *
execute_assert(struct exec *x, struct db_parser *parser,
               const json_t *op SVS_UNUSED, json_t *result SVS_UNUSED)
{
    const json_t *lock = db_parser_member(parser, "lock", OP_ID);
    if (db_parser_check_unused(parser)) {
        return NULL;
    }
    const char *name = json_string_value(lock);
    if (!x->ctx->has_lock || !x->ctx->has_lock(x->ctx->lock_aux, name)) {
        return db_error("not owner", "Asserted lock %s not held.", name);
    }
    return NULL;
}

static op_func *
lookup_op(const char *name)
{
    static const struct {
        const char *name;
        op_func *func;
    } ops[] = {
        { "insert", execute_insert },
        { "select", execute_select },
        { "update", execute_update },
        { "mutate", execute_mutate },
        { "delete", execute_delete },
        { "wait", execute_wait },
        { "commit", execute_commit },
        { "abort", execute_abort },
        { "comment", execute_comment },
        { "assert", execute_assert },
    };
    for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
        if (!strcmp(name, ops[i].name)) {
            return ops[i].func;
        }
    }
    return NULL;
}

json_t *
ovsdb_execute(struct ovsdb *db, const struct ovsdb_execute_ctx *ctx,
              const json_t *params, long long int *wait_msec)
{
    size_t n_ops = json_array_size(params) - 1;
    json_t *results = json_array();
    struct db_error *error = NULL;
    struct exec x = {
        .db = db,
        .ctx = ctx,
        .txn = ovsdb_txn_create(db),
        .symtab = db_symbol_table_create(),
        .wait = false,
        .wait_msec = LLONG_MAX,
    };

    *wait_msec = 0;
    for (size_t i = 0; i < n_ops; i++) {
        const json_t *op = json_array_get(params, i + 1);
        json_t *result = json_object();
        struct db_parser parser;

        db_parser_init(&parser, op, "ovsdb operation %zu of %zu", i + 1,
                       n_ops);
        const json_t *op_name = db_parser_member(&parser, "op", OP_ID);
        if (op_name) {
            op_func *func = lookup_op(json_string_value(op_name));
            if (func) {
                error = func(&x, &parser, op, result);
            } else {
                db_parser_raise_error(&parser, "No operation \"%s\"",
                                      json_string_value(op_name));
            }
        }
        if (!error) {
            error = db_parser_finish(&parser);
        } else {
            db_parser_destroy(&parser);
        }

        if (error) {
            json_decref(result);
            json_array_add(results, db_error_to_json_free(error));
            error = NULL;
            for (size_t j = i + 1; j < n_ops; j++) {
                json_array_add(results, json_null());
            }
            ovsdb_txn_abort(x.txn);
            x.txn = NULL;
            break;
        }
        json_array_add(results, result);
    }

    if (x.txn && x.wait) {
        /* Retry later: nothing happened. */
        ovsdb_txn_abort(x.txn);
        json_decref(results);
        db_symbol_table_destroy(x.symtab);
        *wait_msec = x.wait_msec;
        return NULL;
    }

    if (x.txn) {
        error = ovsdb_txn_commit(x.txn);
        if (error) {
            json_array_add(results, db_error_to_json_free(error));
        }
    }
    db_symbol_table_destroy(x.symtab);
    return results;
}
