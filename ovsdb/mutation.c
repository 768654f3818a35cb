/* mutation.c: parsing and applying mutations. */
#include <config.h>
#include "mutation.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "db-error.h"
#include "json.h"
#include "ovsdb.h"
#include "util.h"

static const char *const mutator_names[] = {
    [OVSDB_M_ADD] = "+=",
    [OVSDB_M_SUB] = "-=",
    [OVSDB_M_MUL] = "*=",
    [OVSDB_M_DIV] = "/=",
    [OVSDB_M_MOD] = "%=",
    [OVSDB_M_INSERT] = "insert",
    [OVSDB_M_DELETE] = "delete",
};

static bool
mutator_from_string(const char *name, enum ovsdb_mutator *mutator)
{
    for (size_t i = 0; i < ARRAY_SIZE(mutator_names); i++) {
        if (!strcmp(name, mutator_names[i])) {
            *mutator = i;
            return true;
        }
    }
    return false;
}

static struct db_error *
type_mismatch(const json_t *json, const struct ovsdb_mutation *m)
{
    char *english = db_type_to_english(&m->column->type);
    struct db_error *error = db_syntax_error(
        json, NULL, "Type mismatch: \"%s\" operator may not be applied to "
        "column %s of type %s.", mutator_names[m->mutator], m->column->name,
        english);
    free(english);
    return error;
}

static struct db_error *
mutation_from_json(const struct db_table_schema *ts, const json_t *json,
                   struct db_symbol_table *symtab, struct ovsdb_mutation *m)
{
    if (!json_is_array(json) || json_array_size(json) != 3
        || !json_is_string(json_array_get(json, 0))
        || !json_is_string(json_array_get(json, 1))) {
        return db_syntax_error(json, NULL, "Parse error in mutation.");
    }

    const char *column_name = json_string_value(json_array_get(json, 0));
    m->column = db_table_schema_get_column(ts, column_name);
    if (!m->column) {
        return db_syntax_error(json, "unknown column", "No column %s in "
                               "table %s.", column_name, ts->name);
    } else if (!m->column->mutable) {
        return db_syntax_error(json, "constraint violation", "Cannot mutate "
                               "immutable column %s in table %s.",
                               column_name, ts->name);
    }

    const char *mutator_name = json_string_value(json_array_get(json, 1));
    if (!mutator_from_string(mutator_name, &m->mutator)) {
        return db_error("unknown mutator", "No mutator named %s.",
                        mutator_name);
    }

    const struct db_type *ct = &m->column->type;
    db_type_clone(&m->type, ct);
    switch (m->mutator) {
    case OVSDB_M_ADD:
    case OVSDB_M_SUB:
    case OVSDB_M_MUL:
    case OVSDB_M_DIV:
    case OVSDB_M_MOD:
        if ((ct->key.type != DB_TYPE_INTEGER
             && (ct->key.type != DB_TYPE_REAL || m->mutator == OVSDB_M_MOD))
            || db_type_is_map(ct)) {
            struct db_error *error = type_mismatch(json, m);
            db_type_destroy(&m->type);
            return error;
        }
        /* The argument is one unconstrained atom of the key type. */
        db_type_destroy(&m->type);
        db_type_init(&m->type);
        db_base_type_init(&m->type.key, ct->key.type);
        break;

    case OVSDB_M_INSERT:
    case OVSDB_M_DELETE:
        if (!db_type_is_set(ct) && !db_type_is_map(ct)) {
            struct db_error *error = type_mismatch(json, m);
            db_type_destroy(&m->type);
            return error;
        }
        m->type.n_min = 0;
        if (m->mutator == OVSDB_M_DELETE) {
            db_base_type_clear_constraints(&m->type.key);
            db_base_type_clear_constraints(&m->type.value);
            /* Deleting from a map takes a map (matching pairs) or else a
             * set of keys. */
            const json_t *arg = json_array_get(json, 2);
            bool is_map_arg = (json_is_array(arg) && json_array_size(arg)
                               && json_is_string(json_array_get(arg, 0))
                               && !strcmp(json_string_value(
                                              json_array_get(arg, 0)),
                                          "map"));
            if (db_type_is_map(ct) && !is_map_arg) {
                db_base_type_destroy(&m->type.value);
                db_base_type_init(&m->type.value, DB_TYPE_VOID);
            }
        }
        break;
    }

    struct db_error *error = db_datum_from_json(&m->arg, &m->type,
                                                json_array_get(json, 2),
                                                symtab);
    if (error) {
        db_type_destroy(&m->type);
        return error;
    }
    return NULL;
}

struct db_error *
ovsdb_mutation_set_from_json(const struct db_table_schema *ts,
                             const json_t *json,
                             struct db_symbol_table *symtab,
                             struct ovsdb_mutation_set *set)
{
    set->mutations = NULL;
    set->n_mutations = 0;
    if (!json_is_array(json)) {
        return db_syntax_error(json, NULL, "Parse error in mutation.");
    }

    size_t n = json_array_size(json);
    set->mutations = xmalloc((n ? n : 1) * sizeof *set->mutations);
    for (size_t i = 0; i < n; i++) {
        struct db_error *error = mutation_from_json(ts,
                                                    json_array_get(json, i),
                                                    symtab,
                                                    &set->mutations[i]);
        if (error) {
            ovsdb_mutation_set_destroy(set);
            return error;
        }
        set->n_mutations++;
    }
    return NULL;
}

void
ovsdb_mutation_set_destroy(struct ovsdb_mutation_set *set)
{
    for (size_t i = 0; i < set->n_mutations; i++) {
        struct ovsdb_mutation *m = &set->mutations[i];
        db_datum_destroy(&m->arg, &m->type);
        db_type_destroy(&m->type);
    }
    free(set->mutations);
    set->mutations = NULL;
    set->n_mutations = 0;
}

static struct db_error *
range_error(enum ovsdb_mutator mutator)
{
    return db_error("range error", "Result of \"%s\" operation is out of "
                    "range.", mutator_names[mutator]);
}

static struct db_error *
mutate_integer(int64_t *x, int64_t y, enum ovsdb_mutator mutator)
{
    int64_t result;
    switch (mutator) {
    case OVSDB_M_ADD:
        if (__builtin_add_overflow(*x, y, &result)) {
            return range_error(mutator);
        }
        break;
    case OVSDB_M_SUB:
        if (__builtin_sub_overflow(*x, y, &result)) {
            return range_error(mutator);
        }
        break;
    case OVSDB_M_MUL:
        if (__builtin_mul_overflow(*x, y, &result)) {
            return range_error(mutator);
        }
        break;
    case OVSDB_M_DIV:
        if (!y) {
            return db_error("domain error", "Division by zero.");
        } else if (*x == INT64_MIN && y == -1) {
            return range_error(mutator);
        }
        result = *x / y;
        break;
    case OVSDB_M_MOD:
        if (!y) {
            return db_error("domain error", "Division by zero.");
        } else if (y == -1) {
            result = 0;
        } else {
            result = *x % y;
        }
        break;
    case OVSDB_M_INSERT:
    case OVSDB_M_DELETE:
    default:
        SVS_NOT_REACHED();
    }
    *x = result;
    return NULL;
}

static struct db_error *
mutate_real(double *x, double y, enum ovsdb_mutator mutator)
{
    double result;
    switch (mutator) {
    case OVSDB_M_ADD:
        result = *x + y;
        break;
    case OVSDB_M_SUB:
        result = *x - y;
        break;
    case OVSDB_M_MUL:
        result = *x * y;
        break;
    case OVSDB_M_DIV:
        if (y == 0) {
            return db_error("domain error", "Division by zero.");
        }
        result = *x / y;
        break;
    case OVSDB_M_MOD:
    case OVSDB_M_INSERT:
    case OVSDB_M_DELETE:
    default:
        SVS_NOT_REACHED();
    }
    if (!isfinite(result)) {
        return range_error(mutator);
    }
    *x = result;
    return NULL;
}

static struct db_error *
size_error(const struct db_column *column, unsigned int n)
{
    char *english = db_type_to_english(&column->type);
    struct db_error *error = db_error("constraint violation", "Attempted "
                                      "to store %u elements in %s.", n,
                                      english);
    free(english);
    return error;
}

static struct db_error *
execute_one(struct ovsdb_row *row, const struct ovsdb_mutation *m)
{
    const struct db_column *column = m->column;
    const struct db_type *type = &column->type;
    struct db_datum *datum = &row->fields[column->index];
    struct db_error *error;

    switch (m->mutator) {
    case OVSDB_M_ADD:
    case OVSDB_M_SUB:
    case OVSDB_M_MUL:
    case OVSDB_M_DIV:
    case OVSDB_M_MOD:
        for (unsigned int i = 0; i < datum->n; i++) {
            if (type->key.type == DB_TYPE_INTEGER) {
                error = mutate_integer(&datum->keys[i].integer,
                                       m->arg.keys[0].integer, m->mutator);
            } else {
                error = mutate_real(&datum->keys[i].real,
                                    m->arg.keys[0].real, m->mutator);
            }
            if (!error) {
                error = db_atom_check_constraints(&datum->keys[i],
                                                  &type->key);
            }
            if (error) {
                return error;
            }
        }
        /* Arithmetic may reorder elements or make them equal. */
        error = db_datum_sort(datum, type);
        if (error) {
            db_error_destroy(error);
            return db_error("constraint violation", "Result of \"%s\" "
                            "operation contains duplicates.",
                            mutator_names[m->mutator]);
        }
        break;

    case OVSDB_M_INSERT:
        db_datum_union(datum, &m->arg, type);
        break;

    case OVSDB_M_DELETE:
        db_datum_subtract(datum, type, &m->arg, &m->type);
        break;
    }

    if (datum->n < type->n_min || datum->n > type->n_max) {
        return size_error(column, datum->n);
    }
    return NULL;
}

struct db_error *
ovsdb_mutation_set_execute(struct ovsdb_row *row,
                           const struct ovsdb_mutation_set *set)
{
    for (size_t i = 0; i < set->n_mutations; i++) {
        struct db_error *error = execute_one(row, &set->mutations[i]);
        if (error) {
            return error;
        }
    }
    return NULL;
}
