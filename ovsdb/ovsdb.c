/* ovsdb.c: databases, tables and rows in memory. */
#include <config.h>
#include "ovsdb.h"

#include <stdlib.h>
#include <string.h>
#include "db-error.h"
#include "dynamic-string.h"
#include "hash.h"
#include "json.h"
#include "storage.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ovsdb);

/* Column sets. */

void
db_column_set_init(struct db_column_set *set)
{
    set->columns = NULL;
    set->n_columns = 0;
}

void
db_column_set_destroy(struct db_column_set *set)
{
    free(set->columns);
    set->columns = NULL;
    set->n_columns = 0;
}

void
db_column_set_add(struct db_column_set *set, const struct db_column *column)
{
    set->columns = xrealloc(set->columns,
                            (set->n_columns + 1) * sizeof *set->columns);
    set->columns[set->n_columns++] = column;
}

bool
db_column_set_contains(const struct db_column_set *set, unsigned int idx)
{
    for (size_t i = 0; i < set->n_columns; i++) {
        if (set->columns[i]->index == idx) {
            return true;
        }
    }
    return false;
}

void
db_column_set_add_all(struct db_column_set *set,
                      const struct db_table_schema *ts)
{
    for (size_t i = 0; i < ts->n_columns; i++) {
        db_column_set_add(set, ts->column_array[i]);
    }
}

struct db_error *
db_column_set_from_json(const json_t *json, const struct db_table_schema *ts,
                        struct db_column_set *set)
{
    db_column_set_init(set);
    if (!json) {
        db_column_set_add_all(set, ts);
        return NULL;
    }
    if (!json_is_array(json)) {
        return db_syntax_error(json, NULL, "array of distinct column names "
                               "expected");
    }
    for (size_t i = 0; i < json_array_size(json); i++) {
        const json_t *name = json_array_get(json, i);
        if (!json_is_string(name)) {
            db_column_set_destroy(set);
            return db_syntax_error(json, NULL, "array of distinct column "
                                   "names expected");
        }
        const struct db_column *column = db_table_schema_get_column(
            ts, json_string_value(name));
        if (!column) {
            db_column_set_destroy(set);
            return db_syntax_error(json, NULL, "%s is not a valid column "
                                   "name", json_string_value(name));
        }
        if (db_column_set_contains(set, column->index)) {
            db_column_set_destroy(set);
            return db_syntax_error(json, NULL, "array of distinct column "
                                   "names expected");
        }
        db_column_set_add(set, column);
    }
    return NULL;
}

/* Rows. */

static size_t
row_size(const struct db_table_schema *ts)
{
    return (sizeof(struct ovsdb_row)
            + ts->n_columns * sizeof(struct db_datum)
            + ts->n_indexes * sizeof(struct hmap_node));
}

static void
row_init_std_columns(struct ovsdb_row *row)
{
    row->fields[DB_COL_UUID].n = 1;
    row->fields[DB_COL_UUID].keys = &row->uuid;
    row->fields[DB_COL_UUID].values = NULL;
    row->fields[DB_COL_VERSION].n = 1;
    row->fields[DB_COL_VERSION].keys = &row->version;
    row->fields[DB_COL_VERSION].values = NULL;
}

struct ovsdb_row *
ovsdb_row_create(struct ovsdb_table *table)
{
    const struct db_table_schema *ts = table->schema;
    struct ovsdb_row *row = xmalloc(row_size(ts));

    row->table = table;
    row->txn_row = NULL;
    row->n_refs = 0;
    uuid_zero(&row->uuid.uuid);
    uuid_zero(&row->version.uuid);
    row_init_std_columns(row);
    for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        db_datum_init_default(&row->fields[i], &ts->column_array[i]->type);
    }
    return row;
}

struct ovsdb_row *
ovsdb_row_clone(const struct ovsdb_row *old)
{
    const struct db_table_schema *ts = old->table->schema;
    struct ovsdb_row *row = xmalloc(row_size(ts));

    row->table = old->table;
    row->txn_row = NULL;
    row->n_refs = old->n_refs;
    row->uuid = old->uuid;
    row->version = old->version;
    row_init_std_columns(row);
    for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        db_datum_clone(&row->fields[i], &old->fields[i],
                       &ts->column_array[i]->type);
    }
    return row;
}

void
ovsdb_row_destroy(struct ovsdb_row *row)
{
    if (!row) {
        return;
    }
    const struct db_table_schema *ts = row->table->schema;
    for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        db_datum_destroy(&row->fields[i], &ts->column_array[i]->type);
    }
    free(row);
}

uint32_t
ovsdb_row_hash_columns(const struct ovsdb_row *row,
                       const struct db_column_set *set, uint32_t basis)
{
    for (size_t i = 0; i < set->n_columns; i++) {
        const struct db_column *column = set->columns[i];
        basis = db_datum_hash(&row->fields[column->index], &column->type,
                              basis);
    }
    return basis;
}

bool
ovsdb_row_equal_columns(const struct ovsdb_row *a, const struct ovsdb_row *b,
                        const struct db_column_set *set)
{
    for (size_t i = 0; i < set->n_columns; i++) {
        const struct db_column *column = set->columns[i];
        if (!db_datum_equals(&a->fields[column->index],
                             &b->fields[column->index], &column->type)) {
            return false;
        }
    }
    return true;
}

struct db_error *
ovsdb_row_from_json(struct ovsdb_row *row, const json_t *json,
                    struct db_symbol_table *symtab,
                    struct db_column_set *columns, bool for_update)
{
    const struct db_table_schema *ts = row->table->schema;
    const char *name;
    json_t *value;

    if (!json_is_object(json)) {
        return db_syntax_error(json, NULL, "row must be JSON object");
    }

    json_object_foreach ((json_t *) json, name, value) {
        const struct db_column *column = db_table_schema_get_column(ts,
                                                                    name);
        if (!column) {
            return db_syntax_error(json, "unknown column",
                                   "No column %s in table %s.", name,
                                   ts->name);
        }
        if (for_update && !column->mutable) {
            return db_syntax_error(json, "constraint violation",
                                   "Cannot update immutable column %s in "
                                   "table %s.", name, ts->name);
        }

        struct db_datum datum;
        struct db_error *error = db_datum_from_json(&datum, &column->type,
                                                    value, symtab);
        if (error) {
            return error;
        }
        if (column->index < DB_N_STD_COLUMNS) {
            /* _uuid and _version may be named in an insert, but the
             * values are ignored (the update case fails above). */
            db_datum_destroy(&datum, &column->type);
            continue;
        }
        db_datum_swap(&row->fields[column->index], &datum);
        db_datum_destroy(&datum, &column->type);
        if (columns) {
            db_column_set_add(columns, column);
        }
    }
    return NULL;
}

json_t *
ovsdb_row_to_json(const struct ovsdb_row *row,
                  const struct db_column_set *columns)
{
    const struct db_table_schema *ts = row->table->schema;
    json_t *json = json_object();

    if (columns) {
        for (size_t i = 0; i < columns->n_columns; i++) {
            const struct db_column *column = columns->columns[i];
            json_object_put(json, column->name,
                            db_datum_to_json(&row->fields[column->index],
                                             &column->type));
        }
    } else {
        for (size_t i = 0; i < ts->n_columns; i++) {
            const struct db_column *column = ts->column_array[i];
            json_object_put(json, column->name,
                            db_datum_to_json(&row->fields[i],
                                             &column->type));
        }
    }
    return json;
}

json_t *
ovsdb_row_to_storage_json(const struct ovsdb_row *row)
{
    const struct db_table_schema *ts = row->table->schema;
    json_t *json = json_object();

    for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct db_column *column = ts->column_array[i];
        if (column->persistent
            && !db_datum_is_default(&row->fields[i], &column->type)) {
            json_object_put(json, column->name,
                            db_datum_to_json(&row->fields[i],
                                             &column->type));
        }
    }
    return json;
}

void
ovsdb_row_to_storage_text(const struct ovsdb_row *row, struct ds *ds)
{
    const struct db_table_schema *ts = row->table->schema;
    bool first = true;

    ds_put_char(ds, '{');
    for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        const struct db_column *column = ts->column_array[i];
        if (column->persistent
            && !db_datum_is_default(&row->fields[i], &column->type)) {
            if (!first) {
                ds_put_char(ds, ',');
            }
            first = false;
            json_put_string(ds, column->name, strlen(column->name));
            ds_put_char(ds, ':');
            db_datum_to_json_ds(&row->fields[i], &column->type, ds);
        }
    }
    ds_put_char(ds, '}');
}

/* Tables. */

static struct ovsdb_table *
table_create(struct ovsdb *db, const struct db_table_schema *ts)
{
    struct ovsdb_table *table = xzalloc(sizeof *table);
    table->schema = ts;
    table->db = db;
    hmap_init(&table->rows);
    table->indexes = xmalloc((ts->n_indexes ? ts->n_indexes : 1)
                             * sizeof *table->indexes);
    for (size_t i = 0; i < ts->n_indexes; i++) {
        hmap_init(&table->indexes[i]);
    }
    for (size_t i = 0; i < ts->n_columns; i++) {
        const struct db_type *type = &ts->column_array[i]->type;
        if (db_base_type_is_weak_ref(&type->key)
            || db_base_type_is_weak_ref(&type->value)) {
            table->has_weak_refs = true;
        }
    }
    return table;
}

static void
table_destroy(struct ovsdb_table *table)
{
    if (!table) {
        return;
    }
    struct ovsdb_row *row;
    HMAP_FOR_EACH_POP (row, hmap_node, &table->rows) {
        ovsdb_row_destroy(row);
    }
    hmap_destroy(&table->rows);
    for (size_t i = 0; i < table->schema->n_indexes; i++) {
        hmap_destroy(&table->indexes[i]);
    }
    free(table->indexes);
    free(table);
}

struct ovsdb_row *
ovsdb_table_get_row(const struct ovsdb_table *table, const struct uuid *uuid)
{
    struct ovsdb_row *row;
    HMAP_FOR_EACH_WITH_HASH (row, hmap_node, uuid_hash(uuid), &table->rows) {
        if (uuid_equals(&row->uuid.uuid, uuid)) {
            return row;
        }
    }
    return NULL;
}

/* Databases. */

struct ovsdb *
ovsdb_create(struct db_schema *schema, struct ovsdb_storage *storage)
{
    struct ovsdb *db = xzalloc(sizeof *db);
    db->name = xstrdup(schema->name);
    db->schema = schema;
    db->storage = storage;
    shash_init(&db->tables);
    hmap_init(&db->weak_refs_by_dst);
    hmap_init(&db->weak_refs_by_src);
    svs_list_init(&db->replicas);
    svs_list_init(&db->triggers);
    svs_list_init(&db->txn_history);
    uuid_generate(&db->last_txn_id);

    struct shash_node *node;
    SHASH_FOR_EACH (node, &schema->tables) {
        shash_add(&db->tables, node->name, table_create(db, node->data));
    }

    /* Note which tables are targets of strong references. */
    SHASH_FOR_EACH (node, &schema->tables) {
        const struct db_table_schema *ts = node->data;
        for (size_t i = 0; i < ts->n_columns; i++) {
            const struct db_type *type = &ts->column_array[i]->type;
            const struct db_base_type *bases[2] = { &type->key,
                                                    &type->value };
            for (int j = 0; j < 2; j++) {
                if (db_base_type_is_strong_ref(bases[j])) {
                    struct ovsdb_table *dst = ovsdb_get_table(
                        db, bases[j]->uuid.ref_table_name);
                    if (dst) {
                        dst->is_referenced = true;
                    }
                }
            }
        }
    }
    return db;
}

void
ovsdb_destroy(struct ovsdb *db)
{
    if (!db) {
        return;
    }

    /* Replicas remove themselves from the list in 'destroy'. */
    while (!svs_list_is_empty(&db->replicas)) {
        struct ovsdb_replica *r = CONTAINER_OF(svs_list_front(&db->replicas),
                                               struct ovsdb_replica, node);
        svs_list_remove(&r->node);
        svs_list_init(&r->node);
        r->class->destroy(r);
    }

    struct ovsdb_weak_ref *ref;
    HMAP_FOR_EACH_POP (ref, dst_node, &db->weak_refs_by_dst) {
        free(ref);
    }
    hmap_destroy(&db->weak_refs_by_dst);
    hmap_destroy(&db->weak_refs_by_src);

    struct shash_node *node;
    SHASH_FOR_EACH (node, &db->tables) {
        table_destroy(node->data);
    }
    shash_destroy(&db->tables);
    db_schema_destroy(db->schema);
    ovsdb_storage_close(db->storage);
    free(db->name);
    free(db);
}

struct ovsdb_table *
ovsdb_get_table(const struct ovsdb *db, const char *name)
{
    return shash_find_data(&db->tables, name);
}

void
ovsdb_add_replica(struct ovsdb *db, struct ovsdb_replica *replica)
{
    svs_list_push_back(&db->replicas, &replica->node);
}

void
ovsdb_remove_replica(struct ovsdb *db SVS_UNUSED,
                     struct ovsdb_replica *replica)
{
    svs_list_remove(&replica->node);
    svs_list_init(&replica->node);
}

void
ovsdb_get_memory_usage(const struct ovsdb *db, size_t *n_rows,
                       size_t *n_cells, size_t *n_bytes)
{
    struct shash_node *node;

    *n_rows = *n_cells = *n_bytes = 0;
    SHASH_FOR_EACH (node, &db->tables) {
        const struct ovsdb_table *table = node->data;
        const struct db_table_schema *ts = table->schema;
        const struct ovsdb_row *row;

        *n_rows += hmap_count(&table->rows);
        *n_cells += hmap_count(&table->rows) * ts->n_columns;
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            *n_bytes += row_size(ts);
            for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
                *n_bytes += db_datum_memory(&row->fields[i],
                                            &ts->column_array[i]->type);
            }
        }
    }
}

json_t *
ovsdb_to_json(const struct ovsdb *db)
{
    json_t *json = json_object();
    struct shash_node *node;

    SHASH_FOR_EACH (node, &db->tables) {
        const struct ovsdb_table *table = node->data;
        const struct ovsdb_row *row;
        json_t *rows = json_object();

        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            char uuid[UUID_LEN + 1];
            uuid_to_string(ovsdb_row_get_uuid(row), uuid);
            json_object_put(rows, uuid, ovsdb_row_to_storage_json(row));
        }
        if (json_object_size(rows)) {
            json_object_put(json, node->name, rows);
        } else {
            json_decref(rows);
        }
    }
    return json;
}

/* Loading from storage. */

struct load_ctx {
    struct ovsdb *db;
    const char *file_name;
    size_t n_rows;
};

static struct db_error *
load_row(void *ctx_, const char *table_name, const struct uuid *uuid,
         const json_t *json)
{
    struct load_ctx *ctx = ctx_;
    struct ovsdb_table *table = ovsdb_get_table(ctx->db, table_name);

    if (!table) {
        return db_error("syntax error", "%s: stored row "UUID_FMT" belongs "
                        "to table \"%s\", which is not in the schema",
                        ctx->file_name, UUID_ARGS(uuid), table_name);
    }
    if (ovsdb_table_get_row(table, uuid)) {
        return db_error("syntax error", "%s: duplicate row "UUID_FMT" in "
                        "table %s", ctx->file_name, UUID_ARGS(uuid),
                        table_name);
    }

    struct ovsdb_row *row = ovsdb_row_create(table);
    row->uuid.uuid = *uuid;
    uuid_generate(&row->version.uuid);
    struct db_error *error = ovsdb_row_from_json(row, json, NULL, NULL,
                                                 false);
    if (error) {
        ovsdb_row_destroy(row);
        return db_wrap_error(error, "%s: table %s row "UUID_FMT,
                             ctx->file_name, table_name, UUID_ARGS(uuid));
    }
    hmap_insert(&table->rows, &row->hmap_node, uuid_hash(uuid));
    ctx->n_rows++;
    return NULL;
}

static struct db_error *
check_and_count_refs(struct ovsdb *db, const char *file_name)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &db->tables) {
        struct ovsdb_table *table = node->data;
        const struct db_table_schema *ts = table->schema;
        struct ovsdb_row *row;

        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
                const struct db_column *column = ts->column_array[i];
                const struct db_base_type *bases[2] = {
                    &column->type.key, &column->type.value };
                const struct db_datum *datum = &row->fields[i];

                for (int b = 0; b < 2; b++) {
                    if (!db_base_type_is_strong_ref(bases[b])) {
                        continue;
                    }
                    struct ovsdb_table *dst = ovsdb_get_table(
                        db, bases[b]->uuid.ref_table_name);
                    const union db_atom *atoms = b ? datum->values
                                                   : datum->keys;
                    for (unsigned int k = 0; k < datum->n; k++) {
                        struct ovsdb_row *target = (
                            dst ? ovsdb_table_get_row(dst, &atoms[k].uuid)
                            : NULL);
                        if (!target) {
                            return db_error(
                                "referential integrity violation",
                                "%s: table %s column %s row "UUID_FMT
                                " references nonexistent row "UUID_FMT
                                " in table %s", file_name, ts->name,
                                column->name, UUID_ARGS(&row->uuid.uuid),
                                UUID_ARGS(&atoms[k].uuid),
                                bases[b]->uuid.ref_table_name);
                        }
                        target->n_refs++;
                    }
                }
            }
            if (table->has_weak_refs) {
                ovsdb_add_weak_refs(db, row);
            }
        }
    }
    return NULL;
}

static struct db_error *
build_indexes(struct ovsdb *db, const char *file_name)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &db->tables) {
        struct ovsdb_table *table = node->data;
        const struct db_table_schema *ts = table->schema;
        struct ovsdb_row *row;

        for (size_t i = 0; i < ts->n_indexes; i++) {
            const struct db_column_set *index = &ts->indexes[i];
            HMAP_FOR_EACH (row, hmap_node, &table->rows) {
                uint32_t hash = ovsdb_row_hash_columns(row, index, 0);
                struct hmap_node *other;
                for (other = hmap_first_with_hash(&table->indexes[i], hash);
                     other; other = hmap_next_with_hash(other)) {
                    const struct ovsdb_row *orow
                        = ovsdb_row_from_index_node(other, table, i);
                    if (ovsdb_row_equal_columns(row, orow, index)) {
                        return db_error("constraint violation", "%s: rows "
                                        UUID_FMT" and "UUID_FMT" of table "
                                        "%s have the same values for an "
                                        "index", file_name,
                                        UUID_ARGS(&row->uuid.uuid),
                                        UUID_ARGS(&orow->uuid.uuid),
                                        ts->name);
                    }
                }
                hmap_insert(&table->indexes[i],
                            ovsdb_row_get_index_node(row, i), hash);
            }
        }
    }
    return NULL;
}

/* Converts 'datum' of 'old_type' to 'new_type' through its JSON form. */
static struct db_error *
convert_datum(const struct db_datum *datum, const struct db_type *old_type,
              const struct db_type *new_type, struct db_datum *new)
{
    json_t *json = db_datum_to_json(datum, old_type);
    struct db_error *error = db_datum_from_json(new, new_type, json, NULL);
    json_decref(json);
    return error;
}

struct db_error *
ovsdb_convert(const struct ovsdb *src, const struct db_schema *new_schema,
              struct ovsdb **dstp)
{
    struct ovsdb *dst = ovsdb_create(db_schema_clone(new_schema), NULL);
    struct db_error *error = NULL;
    struct shash_node *node;

    *dstp = NULL;
    if (strcmp(src->schema->name, new_schema->name)) {
        error = db_error("syntax error", "conversion from database %s to "
                         "schema of database %s is not possible",
                         src->schema->name, new_schema->name);
        goto error;
    }

    SHASH_FOR_EACH (node, &dst->tables) {
        struct ovsdb_table *dst_table = node->data;
        const struct ovsdb_table *src_table = ovsdb_get_table(src,
                                                              node->name);
        if (!src_table) {
            continue;
        }
        const struct db_table_schema *dts = dst_table->schema;
        const struct db_table_schema *sts = src_table->schema;
        const struct ovsdb_row *src_row;

        HMAP_FOR_EACH (src_row, hmap_node, &src_table->rows) {
            struct ovsdb_row *row = ovsdb_row_create(dst_table);
            row->uuid = src_row->uuid;
            row->version = src_row->version;

            for (size_t i = DB_N_STD_COLUMNS; i < dts->n_columns; i++) {
                const struct db_column *dc = dts->column_array[i];
                const struct db_column *sc = db_table_schema_get_column(
                    sts, dc->name);
                if (!sc) {
                    continue;
                }
                struct db_datum datum;
                error = convert_datum(&src_row->fields[sc->index],
                                      &sc->type, &dc->type, &datum);
                if (error) {
                    error = db_wrap_error(error, "table %s column %s row "
                                          UUID_FMT, dts->name, dc->name,
                                          UUID_ARGS(&row->uuid.uuid));
                    ovsdb_row_destroy(row);
                    goto error;
                }
                db_datum_destroy(&row->fields[i], &dc->type);
                row->fields[i] = datum;
            }
            hmap_insert(&dst_table->rows, &row->hmap_node,
                        uuid_hash(&row->uuid.uuid));
        }
        if (hmap_count(&dst_table->rows) > dts->max_rows) {
            error = db_error("constraint violation", "table %s has %zu "
                             "rows, more than the new schema's limit of %u",
                             dts->name, hmap_count(&dst_table->rows),
                             dts->max_rows);
            goto error;
        }
    }

    error = check_and_count_refs(dst, "conversion");
    if (!error) {
        error = build_indexes(dst, "conversion");
    }
    if (error) {
        goto error;
    }
    *dstp = dst;
    return NULL;

error:
    ovsdb_destroy(dst);
    return error;
}

struct db_error *
ovsdb_open_storage(struct ovsdb_storage *storage, struct ovsdb **dbp)
{
    const char *file_name = ovsdb_storage_get_file_name(storage);
    struct db_schema *schema;
    struct db_error *error;

    *dbp = NULL;
    error = db_schema_from_json(ovsdb_storage_get_schema(storage), &schema);
    if (error) {
        return db_wrap_error(error, "%s: stored schema is invalid",
                             file_name);
    }

    struct ovsdb *db = ovsdb_create(schema, storage);
    struct load_ctx ctx = { .db = db, .file_name = file_name };
    error = ovsdb_storage_read_rows(storage, load_row, &ctx);
    if (!error) {
        error = check_and_count_refs(db, file_name);
    }
    if (!error) {
        error = build_indexes(db, file_name);
    }
    if (error) {
        db->storage = NULL;
        ovsdb_destroy(db);
        return error;
    }
    VLOG_DBG("%s: loaded %zu rows of database %s", file_name, ctx.n_rows,
             db->name);
    *dbp = db;
    return NULL;
}
