/* db-schema.c: parsing, printing and comparing database schemas. */
#include <config.h>
#include "db-schema.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "db-data.h"
#include "db-error.h"
#include "db-parser.h"
#include "json.h"
#include "util.h"

bool
db_is_valid_id(const char *s)
{
    const unsigned char *p = (const unsigned char *) s;

    if (!isalpha(*p) && *p != '_') {
        return false;
    }
    for (p++; *p; p++) {
        if (!isalnum(*p) && *p != '_') {
            return false;
        }
    }
    return true;
}

bool
db_version_is_valid(const char *s)
{
    unsigned int x, y, z;
    int n = 0;
    return (sscanf(s, "%u.%u.%u%n", &x, &y, &z, &n) == 3 && n
            && !s[n] && isdigit((unsigned char) s[0]));
}

int
db_version_compare(const char *a, const char *b)
{
    unsigned int av[3] = { 0, 0, 0 }, bv[3] = { 0, 0, 0 };
    sscanf(a, "%u.%u.%u", &av[0], &av[1], &av[2]);
    sscanf(b, "%u.%u.%u", &bv[0], &bv[1], &bv[2]);
    for (int i = 0; i < 3; i++) {
        if (av[i] != bv[i]) {
            return av[i] < bv[i] ? -1 : 1;
        }
    }
    return 0;
}

static struct db_column *
column_create(const char *name, bool mutable, bool persistent,
              const struct db_type *type)
{
    struct db_column *column = xzalloc(sizeof *column);
    column->name = xstrdup(name);
    column->mutable = mutable;
    column->persistent = persistent;
    db_type_clone(&column->type, type);
    return column;
}

static void
column_destroy(struct db_column *column)
{
    if (column) {
        db_type_destroy(&column->type);
        free(column->name);
        free(column);
    }
}

static struct db_error *
column_from_json(const json_t *json, const char *name,
                 struct db_column **columnp)
{
    struct db_parser parser;
    db_parser_init(&parser, json, "schema for column %s", name);
    const json_t *mutable = db_parser_member(&parser, "mutable",
                                             OP_BOOLEAN | OP_OPTIONAL);
    const json_t *ephemeral = db_parser_member(&parser, "ephemeral",
                                               OP_BOOLEAN | OP_OPTIONAL);
    const json_t *type_json = db_parser_member(&parser, "type",
                                               OP_STRING | OP_OBJECT);
    struct db_error *error = db_parser_finish(&parser);
    if (error) {
        return error;
    }

    struct db_type type;
    error = db_type_from_json(&type, type_json);
    if (error) {
        return error;
    }

    *columnp = column_create(name, !mutable || json_is_true(mutable),
                             !ephemeral || !json_is_true(ephemeral), &type);
    db_type_destroy(&type);
    return NULL;
}

static json_t *
column_to_json(const struct db_column *column)
{
    json_t *json = json_object();
    json_object_put(json, "type", db_type_to_json(&column->type));
    if (!column->mutable) {
        json_object_put(json, "mutable", json_false());
    }
    if (!column->persistent) {
        json_object_put(json, "ephemeral", json_true());
    }
    return json;
}

static void
table_schema_destroy(struct db_table_schema *ts)
{
    if (!ts) {
        return;
    }
    for (size_t i = 0; i < ts->n_columns; i++) {
        column_destroy(ts->column_array[i]);
    }
    free(ts->column_array);
    shash_destroy(&ts->columns);
    for (size_t i = 0; i < ts->n_indexes; i++) {
        free(ts->indexes[i].columns);
    }
    free(ts->indexes);
    free(ts->name);
    free(ts);
}

static int
compare_names(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

static void
add_column(struct db_table_schema *ts, struct db_column *column)
{
    column->index = ts->n_columns;
    ts->column_array = xrealloc(ts->column_array,
                                (ts->n_columns + 1)
                                * sizeof *ts->column_array);
    ts->column_array[ts->n_columns++] = column;
    shash_add(&ts->columns, column->name, column);
}

static struct db_error *
table_schema_from_json(const json_t *json, const char *name,
                       struct db_table_schema **tsp, bool *has_is_root)
{
    struct db_parser parser;
    db_parser_init(&parser, json, "table schema for table %s", name);
    const json_t *columns = db_parser_member(&parser, "columns", OP_OBJECT);
    const json_t *max_rows = db_parser_member(&parser, "maxRows",
                                              OP_INTEGER | OP_OPTIONAL);
    const json_t *is_root = db_parser_member(&parser, "isRoot",
                                             OP_BOOLEAN | OP_OPTIONAL);
    const json_t *indexes = db_parser_member(&parser, "indexes",
                                             OP_ARRAY | OP_OPTIONAL);
    struct db_error *error = db_parser_finish(&parser);
    if (error) {
        return error;
    }

    unsigned int n_max_rows = UINT_MAX;
    if (max_rows) {
        json_int_t n = json_integer_value(max_rows);
        if (n < 1) {
            return db_syntax_error(json, NULL,
                                   "maxRows must be at least 1");
        }
        n_max_rows = n > UINT_MAX ? UINT_MAX : n;
    }

    if (!json_object_size(columns)) {
        return db_syntax_error(json, NULL,
                               "table must have at least one column");
    }

    struct db_table_schema *ts = xzalloc(sizeof *ts);
    ts->name = xstrdup(name);
    ts->is_root = is_root && json_is_true(is_root);
    ts->max_rows = n_max_rows;
    shash_init(&ts->columns);
    if (is_root) {
        *has_is_root = true;
    }

    /* The standard columns first, then the rest in name order. */
    struct db_type uuid_type;
    db_type_init(&uuid_type);
    db_base_type_init(&uuid_type.key, DB_TYPE_UUID);
    add_column(ts, column_create("_uuid", false, true, &uuid_type));
    add_column(ts, column_create("_version", false, false, &uuid_type));

    size_t n = json_object_size(columns);
    const char **names = xmalloc(n * sizeof *names);
    const char *key;
    json_t *value;
    size_t i = 0;
    json_object_foreach ((json_t *) columns, key, value) {
        names[i++] = key;
    }
    qsort(names, n, sizeof *names, compare_names);

    for (i = 0; i < n; i++) {
        if (names[i][0] == '_') {
            error = db_syntax_error(json, NULL, "names beginning with "
                                    "\"_\" are reserved");
            goto error;
        } else if (!db_is_valid_id(names[i])) {
            error = db_syntax_error(json, NULL, "name must be a valid id");
            goto error;
        }

        struct db_column *column;
        error = column_from_json(json_object_get(columns, names[i]),
                                 names[i], &column);
        if (error) {
            goto error;
        }
        add_column(ts, column);
    }

    if (indexes) {
        size_t n_indexes = json_array_size(indexes);
        ts->indexes = xcalloc(n_indexes ? n_indexes : 1,
                              sizeof *ts->indexes);
        for (size_t j = 0; j < n_indexes; j++) {
            const json_t *index = json_array_get(indexes, j);
            struct db_column_set *set = &ts->indexes[ts->n_indexes++];

            if (!json_is_array(index)) {
                error = db_syntax_error(index, NULL,
                                        "index must be an array of "
                                        "column names");
                goto error;
            }
            if (!json_array_size(index)) {
                error = db_syntax_error(index, NULL, "index must have at "
                                        "least one column");
                goto error;
            }
            set->columns = xmalloc(json_array_size(index)
                                   * sizeof *set->columns);
            for (size_t k = 0; k < json_array_size(index); k++) {
                const json_t *col_name = json_array_get(index, k);
                const struct db_column *column = (
                    json_is_string(col_name)
                    ? shash_find_data(&ts->columns,
                                      json_string_value(col_name))
                    : NULL);
                if (!column) {
                    error = db_syntax_error(
                        index, NULL, "%s is not a valid column name",
                        json_is_string(col_name)
                        ? json_string_value(col_name) : "(non-string)");
                    goto error;
                } else if (!column->persistent) {
                    error = db_syntax_error(
                        index, NULL, "ephemeral columns (such as %s) may "
                        "not be indexed", column->name);
                    goto error;
                }
                set->columns[set->n_columns++] = column;
            }
        }
    }

    free(names);
    *tsp = ts;
    return NULL;

error:
    free(names);
    table_schema_destroy(ts);
    return error;
}

json_t *
db_table_schema_to_json(const struct db_table_schema *ts,
                        bool default_is_root)
{
    json_t *json = json_object();
    json_t *columns = json_object();

    for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct db_column *column = ts->column_array[i];
        json_object_put(columns, column->name, column_to_json(column));
    }
    json_object_put(json, "columns", columns);
    if (ts->max_rows != UINT_MAX) {
        json_object_put(json, "maxRows", json_integer(ts->max_rows));
    }
    if (ts->is_root != default_is_root) {
        json_object_put(json, "isRoot", json_boolean(ts->is_root));
    }
    if (ts->n_indexes) {
        json_t *indexes = json_array();
        for (size_t i = 0; i < ts->n_indexes; i++) {
            json_t *index = json_array();
            for (size_t j = 0; j < ts->indexes[i].n_columns; j++) {
                json_array_add(index, json_string(
                                   ts->indexes[i].columns[j]->name));
            }
            json_array_add(indexes, index);
        }
        json_object_put(json, "indexes", indexes);
    }
    return json;
}

const struct db_column *
db_table_schema_get_column(const struct db_table_schema *ts,
                           const char *name)
{
    return shash_find_data(&ts->columns, name);
}

static struct db_error *
resolve_ref(struct db_schema *schema, struct db_column *column,
            struct db_base_type *base, const char *which)
{
    if (base->type == DB_TYPE_UUID && base->uuid.ref_table_name) {
        base->uuid.ref_table = shash_find_data(&schema->tables,
                                               base->uuid.ref_table_name);
        if (!base->uuid.ref_table) {
            return db_syntax_error(NULL, NULL, "column %s %s refers to "
                                   "undefined table %s", column->name, which,
                                   base->uuid.ref_table_name);
        }
    }
    return NULL;
}

struct db_error *
db_schema_from_json(const json_t *json, struct db_schema **schemap)
{
    *schemap = NULL;

    struct db_parser parser;
    db_parser_init(&parser, json, "database schema");
    const json_t *name = db_parser_member(&parser, "name", OP_ID);
    const json_t *version = db_parser_member(&parser, "version",
                                             OP_STRING | OP_OPTIONAL);
    const json_t *cksum = db_parser_member(&parser, "cksum",
                                           OP_STRING | OP_OPTIONAL);
    const json_t *tables = db_parser_member(&parser, "tables", OP_OBJECT);
    struct db_error *error = db_parser_finish(&parser);
    if (error) {
        return error;
    }

    if (version && !db_version_is_valid(json_string_value(version))) {
        return db_syntax_error(json, NULL, "schema version \"%s\" not in "
                               "format x.y.z", json_string_value(version));
    }

    struct db_schema *schema = xzalloc(sizeof *schema);
    schema->name = xstrdup(json_string_value(name));
    schema->version = xstrdup(version ? json_string_value(version) : "");
    schema->cksum = xstrdup(cksum ? json_string_value(cksum) : "");
    shash_init(&schema->tables);

    bool has_is_root = false;
    const char *key;
    json_t *value;
    json_object_foreach ((json_t *) tables, key, value) {
        if (key[0] == '_') {
            error = db_syntax_error(json, NULL, "names beginning with "
                                    "\"_\" are reserved");
            goto error;
        } else if (!db_is_valid_id(key)) {
            error = db_syntax_error(json, NULL, "name must be a valid id");
            goto error;
        }

        struct db_table_schema *ts = NULL;
        error = table_schema_from_json(value, key, &ts, &has_is_root);
        if (error) {
            goto error;
        }
        ts->schema = schema;
        shash_add(&schema->tables, key, ts);
    }

    /* Old schemas say nothing of isRoot: then every table is a root. */
    struct shash_node *node;
    if (!has_is_root) {
        SHASH_FOR_EACH (node, &schema->tables) {
            struct db_table_schema *ts = node->data;
            ts->is_root = true;
        }
    }

    /* Resolve references. */
    SHASH_FOR_EACH (node, &schema->tables) {
        struct db_table_schema *ts = node->data;
        for (size_t i = 0; i < ts->n_columns; i++) {
            struct db_column *column = ts->column_array[i];
            error = resolve_ref(schema, column, &column->type.key, "key");
            if (!error) {
                error = resolve_ref(schema, column, &column->type.value,
                                    "value");
            }
            if (error) {
                goto error;
            }
        }
    }

    *schemap = schema;
    return NULL;

error:
    db_schema_destroy(schema);
    return error;
}

struct db_error *
db_schema_from_file(const char *file_name, struct db_schema **schemap)
{
    char *parse_error;
    json_t *json = json_from_file_err(file_name, &parse_error);

    *schemap = NULL;
    if (!json) {
        struct db_error *error = db_error("syntax error", "%s", parse_error);
        free(parse_error);
        return error;
    }

    struct db_error *error = db_schema_from_json(json, schemap);
    json_decref(json);
    if (error) {
        return db_wrap_error(error, "failed to parse \"%s\" as ovsdb schema",
                             file_name);
    }
    return NULL;
}

json_t *
db_schema_to_json(const struct db_schema *schema)
{
    bool default_is_root = true;
    struct shash_node *node;

    SHASH_FOR_EACH (node, &schema->tables) {
        const struct db_table_schema *ts = node->data;
        if (!ts->is_root) {
            default_is_root = false;
            break;
        }
    }

    json_t *json = json_object();
    json_object_put(json, "name", json_string(schema->name));
    if (schema->version[0]) {
        json_object_put(json, "version", json_string(schema->version));
    }
    if (schema->cksum[0]) {
        json_object_put(json, "cksum", json_string(schema->cksum));
    }

    json_t *tables = json_object();
    SHASH_FOR_EACH (node, &schema->tables) {
        json_object_put(tables, node->name,
                        db_table_schema_to_json(node->data,
                                                default_is_root));
    }
    json_object_put(json, "tables", tables);
    return json;
}

struct db_schema *
db_schema_clone(const struct db_schema *old)
{
    json_t *json = db_schema_to_json(old);
    struct db_schema *new;
    struct db_error *error = db_schema_from_json(json, &new);
    json_decref(json);
    svs_assert(!error);
    return new;
}

void
db_schema_destroy(struct db_schema *schema)
{
    if (!schema) {
        return;
    }
    struct shash_node *node;
    SHASH_FOR_EACH (node, &schema->tables) {
        table_schema_destroy(node->data);
    }
    shash_destroy(&schema->tables);
    free(schema->name);
    free(schema->version);
    free(schema->cksum);
    free(schema);
}

bool
db_schema_equal(const struct db_schema *a, const struct db_schema *b)
{
    json_t *ja = db_schema_to_json(a);
    json_t *jb = db_schema_to_json(b);
    bool equal = json_equal(ja, jb);
    json_decref(ja);
    json_decref(jb);
    return equal;
}

const struct db_table_schema *
db_schema_get_table(const struct db_schema *schema, const char *name)
{
    return shash_find_data(&schema->tables, name);
}
