/* db-ctl-cmds.c: the database commands of ovs-vsctl-style tools: list,
 * find, get, set, add, remove, clear, create, destroy, wait-until and
 * comment (see db-ctl.h for the syntax and db-ctl.c for lookups). */
#include <config.h>
#include "db-ctl.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "db-ctl-private.h"
#include "db-data.h"
#include "db-idl.h"
#include "db-types.h"
#include "dynamic-string.h"
#include "shash.h"
#include "table.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(db_ctl_base);

/* The type of the "_uuid" pseudo-column. */
static const struct db_type uuid_type = {
    .key = { .type = DB_TYPE_UUID },
    .value = { .type = DB_TYPE_VOID },
    .n_min = 1,
    .n_max = 1,
};

/* Relational operators of find and wait-until, in the order ovs-vsctl
 * lists them. */
enum relop {
    RELOP_EQ, RELOP_NE, RELOP_LT, RELOP_GT, RELOP_LE, RELOP_GE,
    RELOP_SET_EQ, RELOP_SET_NE, RELOP_SET_LT, RELOP_SET_GT, RELOP_SET_LE,
    RELOP_SET_GE, RELOP_SET_IN, RELOP_SET_NOT_IN
};

static const char *relops[] = {
    "=", "!=", "<", ">", "<=", ">=",
    "{=}", "{!=}", "{<}", "{>}", "{<=}", "{>=}", "{in}", "{not-in}"
};

static bool
relop_is_set(enum relop op)
{
    return op >= RELOP_SET_EQ;
}

static enum relop
relop_from_string(const char *s)
{
    for (size_t i = 0; i < ARRAY_SIZE(relops); i++) {
        if (!strcmp(relops[i], s)) {
            return i;
        }
    }
    SVS_NOT_REACHED();
}

static bool
evaluate_relop(const struct db_datum *a, const struct db_datum *b,
               const struct db_type *type, enum relop op)
{
    switch (op) {
    case RELOP_EQ:
    case RELOP_SET_EQ:
        return db_datum_compare_3way(a, b, type) == 0;
    case RELOP_NE:
    case RELOP_SET_NE:
        return db_datum_compare_3way(a, b, type) != 0;
    case RELOP_LT:
        return db_datum_compare_3way(a, b, type) < 0;
    case RELOP_GT:
        return db_datum_compare_3way(a, b, type) > 0;
    case RELOP_LE:
        return db_datum_compare_3way(a, b, type) <= 0;
    case RELOP_GE:
        return db_datum_compare_3way(a, b, type) >= 0;
    case RELOP_SET_LT:
        return b->n > a->n && db_datum_includes_all(a, b, type);
    case RELOP_SET_GT:
        return a->n > b->n && db_datum_includes_all(b, a, type);
    case RELOP_SET_LE:
    case RELOP_SET_IN:
        return db_datum_includes_all(a, b, type);
    case RELOP_SET_GE:
        return db_datum_includes_all(b, a, type);
    case RELOP_SET_NOT_IN:
        return db_datum_excludes_all(a, b, type);
    default:
        SVS_NOT_REACHED();
    }
}

/* True if 'row' of 'table' satisfies condition 'arg'. */
static bool
is_condition_satisfied(const struct db_idl_table_class *table,
                       const struct db_idl_row *row, const char *arg,
                       struct db_symbol_table *symtab)
{
    const struct db_idl_column *column;
    const char *operator;
    char *key_string, *value_string;
    char *error;
    bool retval;

    db_ctl_parse_column_key_value(arg, table, &column, &key_string,
                                  &operator, relops, ARRAY_SIZE(relops),
                                  &value_string);
    if (!column) {
        db_ctl_fatal("%s does not contain a column whose name matches "
                     "\"_uuid\"", table->name);
    }
    enum relop op = relop_from_string(operator);
    const struct db_datum *have = db_idl_read(row, column);

    if (key_string) {
        union db_atom want_key;
        struct db_datum b;
        struct db_type type;

        if (column->type.value.type == DB_TYPE_VOID) {
            db_ctl_fatal("cannot specify key to check for non-map column %s",
                         column->name);
        }
        error = db_ctl_atom_from_string(&want_key, NULL, &column->type.key,
                                        key_string, symtab);
        if (error) {
            db_ctl_fatal("%s", error);
        }

        type = column->type;
        type.key = column->type.value;
        type.value.type = DB_TYPE_VOID;
        type.n_min = 0;
        type.n_max = UINT_MAX;
        error = db_ctl_datum_from_string(&b, &type, value_string, symtab);
        if (error) {
            db_ctl_fatal("%s", error);
        }

        unsigned int idx = db_datum_find_key(have, &want_key,
                                             column->type.key.type);
        if (idx == UINT_MAX && !relop_is_set(op)) {
            retval = false;
        } else {
            struct db_datum a;
            if (idx != UINT_MAX) {
                a.n = 1;
                a.keys = &have->values[idx];
                a.values = NULL;
            } else {
                a.n = 0;
                a.keys = NULL;
                a.values = NULL;
            }
            retval = evaluate_relop(&a, &b, &type, op);
        }
        db_atom_destroy(&want_key, column->type.key.type);
        db_datum_destroy(&b, &type);
    } else {
        struct db_datum want;

        error = db_ctl_datum_from_string(&want, &column->type,
                                         value_string, symtab);
        if (error) {
            db_ctl_fatal("%s", error);
        }
        retval = evaluate_relop(have, &want, &column->type, op);
        db_datum_destroy(&want, &column->type);
    }

    free(key_string);
    free(value_string);
    return retval;
}

/* Column lists for list and find. */

static void
parse_column_names(const char *column_names,
                   const struct db_idl_table_class *table,
                   const struct db_idl_column ***columnsp,
                   size_t *n_columnsp)
{
    const struct db_idl_column **columns;
    size_t n_columns;

    if (!column_names) {
        n_columns = table->n_columns + 1;
        columns = xmalloc(n_columns * sizeof *columns);
        columns[0] = NULL;
        for (size_t i = 0; i < table->n_columns; i++) {
            columns[i + 1] = &table->columns[i];
        }
    } else {
        size_t allocated = 0;
        char *s = xstrdup(column_names);
        char *save_ptr = NULL;

        columns = NULL;
        n_columns = 0;
        for (char *name = strtok_r(s, ", ", &save_ptr); name;
             name = strtok_r(NULL, ", ", &save_ptr)) {
            if (n_columns >= allocated) {
                columns = x2nrealloc(columns, &allocated, sizeof *columns);
            }
            columns[n_columns++] = db_ctl_get_column(table, name);
        }
        free(s);
        if (!n_columns) {
            db_ctl_fatal("must specify at least one column name");
        }
    }
    *columnsp = columns;
    *n_columnsp = n_columns;
}

static void
pre_list_columns(struct db_ctl_context *ctx,
                 const struct db_idl_table_class *table,
                 const char *column_names)
{
    const struct db_idl_column **columns;
    size_t n_columns;

    parse_column_names(column_names, table, &columns, &n_columns);
    db_idl_add_table(ctx->idl, table);
    for (size_t i = 0; i < n_columns; i++) {
        if (columns[i]) {
            db_idl_add_column(ctx->idl, columns[i]);
        }
    }
    free(columns);
}

static struct table *
list_table_create(const struct db_idl_column **columns, size_t n_columns)
{
    struct table *out = xmalloc(sizeof *out);
    table_init(out);
    for (size_t i = 0; i < n_columns; i++) {
        table_add_column(out, columns[i] ? columns[i]->name : "_uuid");
    }
    return out;
}

static void
list_record(const struct db_idl_row *row,
            const struct db_idl_column **columns, size_t n_columns,
            struct table *out)
{
    table_add_row(out);
    for (size_t i = 0; i < n_columns; i++) {
        const struct db_idl_column *column = columns[i];
        if (!column) {
            struct db_datum datum;
            db_datum_init_uuid(&datum, &row->uuid);
            table_add_cell_json(out, db_datum_to_json(&datum, &uuid_type),
                                &uuid_type);
            db_datum_destroy(&datum, &uuid_type);
        } else {
            const struct db_datum *datum = db_idl_read(row, column);
            table_add_cell_json(out, db_datum_to_json(datum, &column->type),
                                &column->type);
        }
    }
}

/* list. */

static void
pre_cmd_list(struct db_ctl_context *ctx)
{
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    db_ctl_pre_get_row(ctx, table);
    pre_list_columns(ctx, table, db_ctl_get_option(ctx, "--columns"));
}

static void
cmd_list(struct db_ctl_context *ctx)
{
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    bool must_exist = !db_ctl_has_option(ctx, "--if-exists");
    const struct db_idl_column **columns;
    size_t n_columns;

    parse_column_names(db_ctl_get_option(ctx, "--columns"), table,
                       &columns, &n_columns);
    ctx->table = list_table_create(columns, n_columns);
    if (ctx->argc > 2) {
        for (int i = 2; i < ctx->argc; i++) {
            const struct db_idl_row *row = db_ctl_get_row(ctx, table,
                                                          ctx->argv[i],
                                                          must_exist);
            if (row) {
                list_record(row, columns, n_columns, ctx->table);
            }
        }
    } else {
        const struct db_idl_row *row;
        for (row = db_idl_first_row(ctx->idl, table); row;
             row = db_idl_next_row(row)) {
            list_record(row, columns, n_columns, ctx->table);
        }
    }
    free(columns);
}

/* find. */

static void
pre_cmd_find(struct db_ctl_context *ctx)
{
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    pre_list_columns(ctx, table, db_ctl_get_option(ctx, "--columns"));
    for (int i = 2; i < ctx->argc; i++) {
        const struct db_idl_column *column;
        const char *operator;
        char *key, *value;
        db_ctl_parse_column_key_value(ctx->argv[i], table, &column, &key,
                                      &operator, relops, ARRAY_SIZE(relops),
                                      &value);
        if (column) {
            db_idl_add_column(ctx->idl, column);
        }
        free(key);
        free(value);
    }
}

static void
cmd_find(struct db_ctl_context *ctx)
{
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    const struct db_idl_column **columns;
    size_t n_columns;

    parse_column_names(db_ctl_get_option(ctx, "--columns"), table,
                       &columns, &n_columns);
    ctx->table = list_table_create(columns, n_columns);
    const struct db_idl_row *row;
    for (row = db_idl_first_row(ctx->idl, table); row;
         row = db_idl_next_row(row)) {
        int i;
        for (i = 2; i < ctx->argc; i++) {
            if (!is_condition_satisfied(table, row, ctx->argv[i],
                                        ctx->symtab)) {
                break;
            }
        }
        if (i >= ctx->argc) {
            list_record(row, columns, n_columns, ctx->table);
        }
    }
    free(columns);
}

/* Prerequisites shared by get, set, add, remove, clear: the table's row
 * lookups and the columns named by arguments from 'first' on.  With
 * 'has_value', arguments are "COLUMN[:KEY]=VALUE". */
static void
pre_columns_args(struct db_ctl_context *ctx, int first, bool has_value)
{
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    db_ctl_pre_get_row(ctx, table);
    for (int i = first; i < ctx->argc; i++) {
        const struct db_idl_column *column;
        char *key, *value = NULL;
        const char *operator;
        static const char *equals[] = { "=" };

        if (has_value) {
            db_ctl_parse_column_key_value(ctx->argv[i], table, &column, &key,
                                          &operator, equals, 1, &value);
        } else {
            db_ctl_parse_column_key_value(ctx->argv[i], table, &column, &key,
                                          NULL, NULL, 0, NULL);
        }
        if (column) {
            db_idl_add_column(ctx->idl, column);
        }
        free(key);
        free(value);
    }
}

/* get. */

static void
pre_cmd_get(struct db_ctl_context *ctx)
{
    const char *id = db_ctl_get_option(ctx, "--id");
    if (id && ctx->argc > 3) {
        /* Columns are checked below. */
    }
    pre_columns_args(ctx, 3, false);
}

static void
cmd_get(struct db_ctl_context *ctx)
{
    const char *id = db_ctl_get_option(ctx, "--id");
    bool must_exist = !db_ctl_has_option(ctx, "--if-exists");
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    const struct db_idl_row *row;
    struct ds *out = &ctx->output;

    if (id && !must_exist) {
        db_ctl_fatal("--if-exists and --id may not be specified together");
    }

    row = db_ctl_get_row(ctx, table, ctx->argv[2], must_exist);
    if (!row) {
        return;
    }

    if (id) {
        bool new;
        struct db_symbol *symbol = db_ctl_create_symbol(ctx->symtab, id,
                                                        &new);
        if (!new) {
            db_ctl_fatal("row id \"%s\" specified on \"get\" command was "
                         "used before it was defined", id);
        }
        symbol->uuid = row->uuid;
        /* The row exists already, so references to it keep it alive. */
        symbol->strong_ref = true;
    }

    for (int i = 3; i < ctx->argc; i++) {
        const struct db_idl_column *column;
        char *key_string;

        db_ctl_parse_column_key_value(ctx->argv[i], table, &column,
                                      &key_string, NULL, NULL, 0, NULL);
        if (!column) {
            if (key_string) {
                db_ctl_fatal("cannot specify key to get for non-map column "
                             "_uuid");
            }
            ds_put_format(out, UUID_FMT"\n", UUID_ARGS(&row->uuid));
            continue;
        }

        const struct db_datum *datum = db_idl_read(row, column);
        if (key_string) {
            union db_atom key;
            char *error;

            if (column->type.value.type == DB_TYPE_VOID) {
                db_ctl_fatal("cannot specify key to get for non-map column "
                             "%s", column->name);
            }
            error = db_ctl_atom_from_string(&key, NULL, &column->type.key,
                                            key_string, ctx->symtab);
            if (error) {
                db_ctl_fatal("%s", error);
            }
            unsigned int idx = db_datum_find_key(datum, &key,
                                                 column->type.key.type);
            if (idx == UINT_MAX) {
                if (must_exist) {
                    db_ctl_fatal("no key \"%s\" in %s record \"%s\" column "
                                 "%s", key_string, table->name,
                                 ctx->argv[2], column->name);
                }
            } else {
                db_atom_to_string(&datum->values[idx],
                                  column->type.value.type, out);
            }
            db_atom_destroy(&key, column->type.key.type);
        } else {
            db_datum_to_string(datum, &column->type, out);
        }
        ds_put_char(out, '\n');
        free(key_string);
    }
}

/* set. */

static void
pre_cmd_set(struct db_ctl_context *ctx)
{
    pre_columns_args(ctx, 3, true);
}

static void
cmd_set(struct db_ctl_context *ctx)
{
    bool must_exist = !db_ctl_has_option(ctx, "--if-exists");
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    const struct db_idl_row *row = db_ctl_get_row(ctx, table, ctx->argv[2],
                                                  must_exist);
    if (!row) {
        return;
    }
    for (int i = 3; i < ctx->argc; i++) {
        db_ctl_set_column(ctx, table, row, ctx->argv[i]);
    }
    db_ctl_invalidate_cache(ctx);
}

/* add and remove. */

static void
pre_cmd_add_remove(struct db_ctl_context *ctx)
{
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    db_ctl_pre_get_row(ctx, table);
    const struct db_idl_column *column = db_ctl_get_column(table,
                                                           ctx->argv[3]);
    if (column) {
        db_idl_add_column(ctx->idl, column);
    }
}

/* Returns the writable column named by argument 3 of 'row'. */
static const struct db_idl_column *
get_mutable_column(struct db_ctl_context *ctx,
                   const struct db_idl_table_class *table,
                   const struct db_idl_row *row)
{
    const struct db_idl_column *column = db_ctl_get_column(table,
                                                           ctx->argv[3]);
    if (!column) {
        db_ctl_fatal("cannot modify read-only column _uuid in table %s",
                     table->name);
    }
    db_ctl_check_mutable(row, column);
    return column;
}

static void
cmd_add(struct db_ctl_context *ctx)
{
    bool must_exist = !db_ctl_has_option(ctx, "--if-exists");
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    const struct db_idl_row *row = db_ctl_get_row(ctx, table, ctx->argv[2],
                                                  must_exist);
    if (!row) {
        return;
    }
    const struct db_idl_column *column = get_mutable_column(ctx, table, row);
    const struct db_type *type = &column->type;
    struct db_type add_type = *type;
    struct db_datum old;

    add_type.n_min = 1;
    add_type.n_max = UINT_MAX;
    if (!db_type_is_map(type)) {
        /* Sets: insert the new elements with a "mutate", as ovs-vsctl
         * does; the server then checks the number of elements (and
         * reports "constraint violation" when there are too many). */
        struct db_datum adds;
        db_datum_init_empty(&adds);
        for (int i = 4; i < ctx->argc; i++) {
            struct db_datum add;
            char *error = db_ctl_datum_from_string(&add, &add_type,
                                                   ctx->argv[i],
                                                   ctx->symtab);
            if (error) {
                db_ctl_fatal("%s", error);
            }
            db_datum_union(&adds, &add, type);
            db_datum_destroy(&add, type);
        }
        db_idl_txn_write_partial_set(row, column, &adds);
        db_ctl_invalidate_cache(ctx);
        return;
    }
    db_datum_clone(&old, db_idl_read(row, column), type);
    for (int i = 4; i < ctx->argc; i++) {
        struct db_datum add;
        char *error = db_ctl_datum_from_string(&add, &add_type, ctx->argv[i],
                                               ctx->symtab);
        if (error) {
            db_ctl_fatal("%s", error);
        }
        if (db_type_is_map(type)) {
            /* New values replace those of existing keys. */
            struct db_type keys_type = *type;
            keys_type.value.type = DB_TYPE_VOID;
            db_datum_subtract(&old, type, &add, &keys_type);
        }
        db_datum_union(&old, &add, type);
        db_datum_destroy(&add, type);
    }
    /* The server checks the number of elements. */
    db_idl_txn_verify(row, column);
    db_idl_txn_write(row, column, &old);
    db_ctl_invalidate_cache(ctx);
}

static void
cmd_remove(struct db_ctl_context *ctx)
{
    bool must_exist = !db_ctl_has_option(ctx, "--if-exists");
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    const struct db_idl_row *row = db_ctl_get_row(ctx, table, ctx->argv[2],
                                                  must_exist);
    if (!row) {
        return;
    }
    const struct db_idl_column *column = get_mutable_column(ctx, table, row);
    const struct db_type *type = &column->type;
    struct db_datum old;

    db_datum_clone(&old, db_idl_read(row, column), type);
    for (int i = 4; i < ctx->argc; i++) {
        struct db_type rm_type = *type;
        struct db_datum rm;
        char *error;

        rm_type.n_min = 1;
        rm_type.n_max = UINT_MAX;
        error = db_ctl_datum_from_string(&rm, &rm_type, ctx->argv[i],
                                         ctx->symtab);
        if (error) {
            if (db_type_is_map(&rm_type)) {
                free(error);
                rm_type.value.type = DB_TYPE_VOID;
                error = db_ctl_datum_from_string(&rm, &rm_type,
                                                 ctx->argv[i], ctx->symtab);
            }
            if (error) {
                db_ctl_fatal("%s", error);
            }
        }
        db_datum_subtract(&old, type, &rm, &rm_type);
        db_datum_destroy(&rm, &rm_type);
    }
    db_idl_txn_verify(row, column);
    db_idl_txn_write(row, column, &old);
    db_ctl_invalidate_cache(ctx);
}

/* clear. */

static void
pre_cmd_clear(struct db_ctl_context *ctx)
{
    pre_columns_args(ctx, 3, false);
}

static void
cmd_clear(struct db_ctl_context *ctx)
{
    bool must_exist = !db_ctl_has_option(ctx, "--if-exists");
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    const struct db_idl_row *row = db_ctl_get_row(ctx, table, ctx->argv[2],
                                                  must_exist);
    if (!row) {
        return;
    }
    for (int i = 3; i < ctx->argc; i++) {
        const struct db_idl_column *column = db_ctl_get_column(table,
                                                               ctx->argv[i]);
        if (!column) {
            db_ctl_fatal("cannot modify read-only column _uuid in table %s",
                         table->name);
        }
        db_ctl_check_mutable(row, column);
        if (column->type.n_min > 0) {
            db_ctl_fatal("\"clear\" operation cannot be applied to column "
                         "%s of table %s, which is not allowed to be empty",
                         column->name, table->name);
        }
        struct db_datum empty;
        db_datum_init_empty(&empty);
        db_idl_txn_write(row, column, &empty);
    }
    db_ctl_invalidate_cache(ctx);
}

/* create. */

static void
pre_create(struct db_ctl_context *ctx)
{
    const char *id = db_ctl_get_option(ctx, "--id");
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);

    db_idl_add_table(ctx->idl, table);
    if (!id && !table->is_root) {
        VLOG_WARN("applying \"create\" command to table %s without --id "
                  "option will have no effect", table->name);
    }
}

static void
cmd_create(struct db_ctl_context *ctx)
{
    const char *id = db_ctl_get_option(ctx, "--id");
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    const struct uuid *uuid = NULL;
    struct db_symbol *symbol = NULL;

    if (id) {
        symbol = db_ctl_create_symbol(ctx->symtab, id, NULL);
        if (table->is_root) {
            /* Rows of root tables stay without references. */
            symbol->strong_ref = true;
        }
        uuid = &symbol->uuid;
    }

    const struct db_idl_row *row = db_idl_txn_insert(ctx->txn, table, uuid);
    for (int i = 2; i < ctx->argc; i++) {
        db_ctl_set_column(ctx, table, row, ctx->argv[i]);
    }
    ds_put_format(&ctx->output, UUID_FMT, UUID_ARGS(&row->uuid));
    db_ctl_invalidate_cache(ctx);
}

static void
post_create(struct db_ctl_context *ctx)
{
    struct uuid dummy;

    if (!uuid_from_string(&dummy, ds_cstr(&ctx->output))) {
        SVS_NOT_REACHED();
    }
    const struct uuid *real = db_idl_txn_get_insert_uuid(ctx->txn, &dummy);
    if (real) {
        ds_clear(&ctx->output);
        ds_put_format(&ctx->output, UUID_FMT, UUID_ARGS(real));
    }
    ds_put_char(&ctx->output, '\n');
}

/* destroy. */

static void
pre_cmd_destroy(struct db_ctl_context *ctx)
{
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    db_ctl_pre_get_row(ctx, table);
}

/* Deletes 'row'.  Like Open vSwitch's IDL, a row of a non-root table is
 * not deleted explicitly: the server's garbage collection removes it once
 * nothing refers to it any more, and a row still referenced stays. */
static void
destroy_row(const struct db_idl_row *row,
            const struct db_idl_table_class *table)
{
    if (table->is_root) {
        db_idl_txn_delete(row);
    }
}

static void
cmd_destroy(struct db_ctl_context *ctx)
{
    bool must_exist = !db_ctl_has_option(ctx, "--if-exists");
    bool delete_all = db_ctl_has_option(ctx, "--all");
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);

    if (delete_all && ctx->argc > 2) {
        db_ctl_fatal("--all and records argument should not be specified "
                     "together");
    }
    if (!delete_all && ctx->argc == 2) {
        VLOG_WARN("either --all or records argument should be specified");
        return;
    }
    if (delete_all && !must_exist) {
        db_ctl_fatal("--all and --if-exists should not be specified "
                     "together");
    }

    if (delete_all) {
        const struct db_idl_row *row, *next;
        for (row = db_idl_first_row(ctx->idl, table); row; row = next) {
            next = db_idl_next_row(row);
            destroy_row(row, table);
        }
    } else {
        for (int i = 2; i < ctx->argc; i++) {
            const struct db_idl_row *row = db_ctl_get_row(ctx, table,
                                                          ctx->argv[i],
                                                          must_exist);
            if (row) {
                destroy_row(row, table);
            }
        }
    }
    db_ctl_invalidate_cache(ctx);
}

/* wait-until. */

static void
pre_cmd_wait_until(struct db_ctl_context *ctx)
{
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    db_ctl_pre_get_row(ctx, table);
    for (int i = 3; i < ctx->argc; i++) {
        const struct db_idl_column *column;
        const char *operator;
        char *key, *value;
        db_ctl_parse_column_key_value(ctx->argv[i], table, &column, &key,
                                      &operator, relops, ARRAY_SIZE(relops),
                                      &value);
        if (column) {
            db_idl_add_column(ctx->idl, column);
        }
        free(key);
        free(value);
    }
}

static void
cmd_wait_until(struct db_ctl_context *ctx)
{
    const struct db_idl_table_class *table = db_ctl_get_table(ctx->argv[1]);
    const struct db_idl_row *row = db_ctl_get_row(ctx, table, ctx->argv[2],
                                                  false);
    if (!row) {
        ctx->try_again = true;
        return;
    }
    for (int i = 3; i < ctx->argc; i++) {
        if (!is_condition_satisfied(table, row, ctx->argv[i], ctx->symtab)) {
            ctx->try_again = true;
            return;
        }
    }
}

/* comment. */

static void
cmd_comment(struct db_ctl_context *ctx SVS_UNUSED)
{
}

static const struct db_ctl_command_syntax db_commands[] = {
    {"comment", 0, INT_MAX, "[ARG]...", NULL, cmd_comment, NULL, "",
     DB_CTL_RO},
    {"get", 2, INT_MAX, "TABLE RECORD [COLUMN[:KEY]]...", pre_cmd_get,
     cmd_get, NULL, "--if-exists,--id=", DB_CTL_RO},
    {"list", 1, INT_MAX, "TABLE [RECORD]...", pre_cmd_list, cmd_list, NULL,
     "--if-exists,--columns=", DB_CTL_RO},
    {"find", 1, INT_MAX, "TABLE [COLUMN[:KEY]=VALUE]...", pre_cmd_find,
     cmd_find, NULL, "--columns=", DB_CTL_RO},
    {"set", 3, INT_MAX, "TABLE RECORD COLUMN[:KEY]=VALUE...", pre_cmd_set,
     cmd_set, NULL, "--if-exists", DB_CTL_RW},
    {"add", 4, INT_MAX, "TABLE RECORD COLUMN [KEY=]VALUE...",
     pre_cmd_add_remove, cmd_add, NULL, "--if-exists", DB_CTL_RW},
    {"remove", 4, INT_MAX, "TABLE RECORD COLUMN KEY|VALUE|KEY=VALUE...",
     pre_cmd_add_remove, cmd_remove, NULL, "--if-exists", DB_CTL_RW},
    {"clear", 3, INT_MAX, "TABLE RECORD COLUMN...", pre_cmd_clear, cmd_clear,
     NULL, "--if-exists", DB_CTL_RW},
    {"create", 2, INT_MAX, "TABLE COLUMN[:KEY]=VALUE...", pre_create,
     cmd_create, post_create, "--id=", DB_CTL_RW},
    {"destroy", 1, INT_MAX, "TABLE [RECORD]...", pre_cmd_destroy,
     cmd_destroy, NULL, "--if-exists,--all", DB_CTL_RW},
    {"wait-until", 2, INT_MAX, "TABLE RECORD [COLUMN[:KEY]=VALUE]...",
     pre_cmd_wait_until, cmd_wait_until, NULL, "", DB_CTL_RO},
    {NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, DB_CTL_RO},
};

void
db_ctl_cmds_register(void)
{
    db_ctl_register_commands(db_commands);
}
