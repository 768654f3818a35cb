/* condition.c: parsing and evaluating conditions. */
#include <config.h>
#include "condition.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "db-error.h"
#include "json.h"
#include "ovsdb.h"
#include "util.h"

static const char *const function_names[] = {
#define OVSDB_FUNCTION(ENUM, NAME) NAME,
    OVSDB_FUNCTIONS
#undef OVSDB_FUNCTION
};

const char *
ovsdb_function_to_string(enum ovsdb_function function)
{
    return function < OVSDB_N_FUNCTIONS ? function_names[function] : "?";
}

bool
ovsdb_function_from_string(const char *name, enum ovsdb_function *function)
{
    for (int i = OVSDB_F_EQ; i < OVSDB_N_FUNCTIONS; i++) {
        if (!strcmp(name, function_names[i])) {
            *function = i;
            return true;
        }
    }
    return false;
}

void
ovsdb_condition_init(struct ovsdb_condition *cond)
{
    cond->clauses = NULL;
    cond->n_clauses = 0;
    cond->table = NULL;
}

bool
ovsdb_condition_empty(const struct ovsdb_condition *cond)
{
    return !cond->n_clauses;
}

static struct db_error *
clause_from_json(const struct db_table_schema *ts, const json_t *json,
                 struct db_symbol_table *symtab, struct ovsdb_clause *clause)
{
    if (json_is_boolean(json)) {
        clause->function = json_is_true(json) ? OVSDB_F_TRUE : OVSDB_F_FALSE;
        clause->column = NULL;
        clause->index = 0;
        db_datum_init_empty(&clause->arg);
        return NULL;
    }

    if (!json_is_array(json) || json_array_size(json) != 3
        || !json_is_string(json_array_get(json, 0))
        || !json_is_string(json_array_get(json, 1))) {
        return db_syntax_error(json, NULL, "Parse error in condition.");
    }

    const char *column_name = json_string_value(json_array_get(json, 0));
    const struct db_column *column = db_table_schema_get_column(ts,
                                                                column_name);
    if (!column) {
        return db_syntax_error(json, "unknown column", "No column %s in "
                               "table %s.", column_name, ts->name);
    }

    const char *function_name = json_string_value(json_array_get(json, 1));
    if (!ovsdb_function_from_string(function_name, &clause->function)) {
        return db_error("unknown function", "No function named %s.",
                        function_name);
    }

    struct db_type type;
    db_type_clone(&type, &column->type);
    switch (clause->function) {
    case OVSDB_F_LT:
    case OVSDB_F_LE:
    case OVSDB_F_GT:
    case OVSDB_F_GE:
        if ((type.key.type != DB_TYPE_INTEGER && type.key.type != DB_TYPE_REAL)
            || type.n_max != 1 || db_type_is_map(&type)) {
            char *english = db_type_to_english(&column->type);
            struct db_error *error = db_syntax_error(
                json, NULL, "Type mismatch: \"%s\" operator may not be "
                "applied to column %s of type %s.", function_name,
                column->name, english);
            free(english);
            db_type_destroy(&type);
            return error;
        }
        type.n_min = 1;
        break;
    case OVSDB_F_INCLUDES:
    case OVSDB_F_EXCLUDES:
        type.n_min = 0;
        break;
    case OVSDB_F_EQ:
    case OVSDB_F_NE:
    case OVSDB_F_TRUE:
    case OVSDB_F_FALSE:
    case OVSDB_N_FUNCTIONS:
    default:
        break;
    }

    clause->column = column;
    clause->index = column->index;
    struct db_error *error = db_datum_from_json(&clause->arg, &type,
                                                json_array_get(json, 2),
                                                symtab);
    db_type_destroy(&type);
    return error;
}

struct db_error *
ovsdb_condition_from_json(const struct db_table_schema *ts,
                          const json_t *json,
                          struct db_symbol_table *symtab,
                          struct ovsdb_condition *cond)
{
    ovsdb_condition_init(cond);
    cond->table = ts;
    if (!json_is_array(json)) {
        return db_syntax_error(json, NULL, "Parse error in condition.");
    }

    size_t n = json_array_size(json);
    cond->clauses = xmalloc((n ? n : 1) * sizeof *cond->clauses);
    for (size_t i = 0; i < n; i++) {
        struct db_error *error = clause_from_json(ts, json_array_get(json, i),
                                                  symtab,
                                                  &cond->clauses[i]);
        if (error) {
            ovsdb_condition_destroy(cond);
            return error;
        }
        cond->n_clauses++;
    }
    return NULL;
}

json_t *
ovsdb_condition_to_json(const struct ovsdb_condition *cond)
{
    json_t *json = json_array();
    for (size_t i = 0; i < cond->n_clauses; i++) {
        const struct ovsdb_clause *c = &cond->clauses[i];
        if (!c->column) {
            json_array_add(json, json_boolean(c->function == OVSDB_F_TRUE));
        } else {
            json_array_add(json, json_array_of(
                               3, json_string(c->column->name),
                               json_string(ovsdb_function_to_string(
                                               c->function)),
                               db_datum_to_json(&c->arg, &c->column->type)));
        }
    }
    return json;
}

void
ovsdb_condition_destroy(struct ovsdb_condition *cond)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        struct ovsdb_clause *c = &cond->clauses[i];
        if (c->column) {
            db_datum_destroy(&c->arg, &c->column->type);
        }
    }
    free(cond->clauses);
    cond->clauses = NULL;
    cond->n_clauses = 0;
}

void
ovsdb_condition_clone(struct ovsdb_condition *dst,
                      const struct ovsdb_condition *src)
{
    dst->table = src->table;
    dst->n_clauses = src->n_clauses;
    dst->clauses = xmalloc((src->n_clauses ? src->n_clauses : 1)
                           * sizeof *dst->clauses);
    for (size_t i = 0; i < src->n_clauses; i++) {
        dst->clauses[i] = src->clauses[i];
        if (src->clauses[i].column) {
            db_datum_clone(&dst->clauses[i].arg, &src->clauses[i].arg,
                           &src->clauses[i].column->type);
        }
    }
}

bool
ovsdb_condition_equal(const struct ovsdb_condition *a,
                      const struct ovsdb_condition *b)
{
    if (a->n_clauses != b->n_clauses) {
        return false;
    }
    for (size_t i = 0; i < a->n_clauses; i++) {
        const struct ovsdb_clause *x = &a->clauses[i], *y = &b->clauses[i];
        if (x->function != y->function || x->column != y->column
            || (x->column && !db_datum_equals(&x->arg, &y->arg,
                                              &x->column->type))) {
            return false;
        }
    }
    return true;
}

static bool
clause_matches(const struct ovsdb_row *row, const struct ovsdb_clause *c)
{
    if (!c->column) {
        return c->function == OVSDB_F_TRUE;
    }

    const struct db_datum *field = &row->fields[c->index];
    const struct db_type *type = &c->column->type;
    int cmp;

    switch (c->function) {
    case OVSDB_F_EQ:
        return db_datum_equals(field, &c->arg, type);
    case OVSDB_F_NE:
        return !db_datum_equals(field, &c->arg, type);
    case OVSDB_F_INCLUDES:
        return db_datum_includes_all(&c->arg, field, type);
    case OVSDB_F_EXCLUDES:
        return db_datum_excludes_all(&c->arg, field, type);
    case OVSDB_F_LT:
    case OVSDB_F_LE:
    case OVSDB_F_GT:
    case OVSDB_F_GE:
        if (field->n != 1) {
            return false;
        }
        cmp = db_atom_compare_3way(&field->keys[0], &c->arg.keys[0],
                                   type->key.type);
        switch (c->function) {
        case OVSDB_F_LT:
            return cmp < 0;
        case OVSDB_F_LE:
            return cmp <= 0;
        case OVSDB_F_GT:
            return cmp > 0;
        default:
            return cmp >= 0;
        }
    case OVSDB_F_TRUE:
        return true;
    case OVSDB_F_FALSE:
    case OVSDB_N_FUNCTIONS:
    default:
        return false;
    }
}

bool
ovsdb_condition_match_every(const struct ovsdb_row *row,
                            const struct ovsdb_condition *cond)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        if (!clause_matches(row, &cond->clauses[i])) {
            return false;
        }
    }
    return true;
}

bool
ovsdb_condition_match_any(const struct ovsdb_row *row,
                          const struct ovsdb_condition *cond)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        if (clause_matches(row, &cond->clauses[i])) {
            return true;
        }
    }
    return false;
}

bool
ovsdb_condition_is_true(const struct ovsdb_condition *cond)
{
    return (cond->n_clauses == 1 && !cond->clauses[0].column
            && cond->clauses[0].function == OVSDB_F_TRUE);
}

bool
ovsdb_condition_is_false(const struct ovsdb_condition *cond)
{
    return (cond->n_clauses == 1 && !cond->clauses[0].column
            && cond->clauses[0].function == OVSDB_F_FALSE);
}

bool
ovsdb_condition_get_uuid(const struct ovsdb_condition *cond,
                         struct uuid *uuid)
{
    for (size_t i = 0; i < cond->n_clauses; i++) {
        const struct ovsdb_clause *c = &cond->clauses[i];
        if (c->column && c->index == DB_COL_UUID
            && c->function == OVSDB_F_EQ && c->arg.n == 1) {
            *uuid = c->arg.keys[0].uuid;
            return true;
        }
    }
    return false;
}
