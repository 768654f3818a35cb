/* ovs-import.c: converting an Open vSwitch database file to svs storage
 * (see ovs-import.h). */
#include <config.h>
#include "ovs-import.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "db-data.h"
#include "db-error.h"
#include "db-schema.h"
#include "hmap.h"
#include "json.h"
#include "shash.h"
#include "storage.h"
#include "util.h"
#include "uuid.h"

#define OVS_STANDALONE_MAGIC "OVSDB JSON "
#define OVS_CLUSTERED_MAGIC "OVSDB CLUSTER "

/* Transactions per storage commit while importing. */
#define IMPORT_BATCH 1000

/* A row as it stands after the records replayed so far. */
struct import_row {
    struct hmap_node node;      /* In 'rows' of struct import_table. */
    struct uuid uuid;
    struct db_datum *fields;    /* Indexed like the table's columns; the
                                 * first DB_N_STD_COLUMNS are unused. */
};

struct import_table {
    const struct db_table_schema *ts;
    struct hmap rows;           /* Contains "struct import_row"s. */
};

struct importer {
    const char *ovs_file;
    const char *svs_file;
    struct db_schema *schema;
    struct shash tables;        /* Table name -> struct import_table *. */
    struct ovsdb_storage *storage;
    uint64_t record;            /* Number of the record being replayed. */
};

/* Reading records. */

/* Reads the record that starts at 'data + *ofs' (of 'size' bytes in all)
 * into '*jsonp' and advances '*ofs' past it.  At the end of the data,
 * stores NULL.  If the data ends inside the record, stores NULL and sets
 * '*truncated'. */
static struct db_error *
read_record(const struct importer *imp, const char *data, size_t size,
            size_t *ofs, json_t **jsonp, bool *truncated)
{
    const char *file = imp->ovs_file;
    size_t start = *ofs;

    *jsonp = NULL;
    if (start >= size) {
        return NULL;
    }

    const char *header = data + start;
    const char *newline = memchr(header, '\n', size - start);
    if (!newline) {
        *truncated = true;
        return NULL;
    }

    size_t header_len = newline - header;
    if (header_len >= strlen(OVS_CLUSTERED_MAGIC)
        && !memcmp(header, OVS_CLUSTERED_MAGIC,
                   strlen(OVS_CLUSTERED_MAGIC))) {
        return db_error("ovsdb error", "%s: this is a clustered Open vSwitch "
                        "database; convert it with `ovsdb-tool "
                        "cluster-to-standalone` before importing it", file);
    }
    if (header_len < strlen(OVS_STANDALONE_MAGIC)
        || memcmp(header, OVS_STANDALONE_MAGIC,
                  strlen(OVS_STANDALONE_MAGIC))) {
        return (start
                ? db_error("ovsdb error", "%s: offset %zu: record header "
                           "does not start with \"%s\"", file, start,
                           OVS_STANDALONE_MAGIC)
                : db_error("ovsdb error", "%s: not an Open vSwitch database "
                           "file", file));
    }

    char *header_s = xmemdup0(header, header_len);
    unsigned long long int length;
    char sha1_hex[41];
    int n_chars = 0;
    bool ok = (sscanf(header_s + strlen(OVS_STANDALONE_MAGIC),
                      "%llu %40[0-9a-f]%n", &length, sha1_hex, &n_chars) == 2
               && strlen(sha1_hex) == 40
               && header_s[strlen(OVS_STANDALONE_MAGIC) + n_chars] == '\0');
    free(header_s);
    if (!ok) {
        return db_error("ovsdb error", "%s: offset %zu: malformed record "
                        "header", file, start);
    }

    const char *body = newline + 1;
    size_t left = size - (body - data);
    if (length > left) {
        *truncated = true;
        return NULL;
    }

    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int md_len;
    if (!EVP_Digest(body, length, md, &md_len, EVP_sha1(), NULL)) {
        return db_error("ovsdb error", "%s: SHA-1 computation failed", file);
    }
    char actual_hex[41];
    for (unsigned int i = 0; i < 20; i++) {
        snprintf(&actual_hex[i * 2], 3, "%02x", md[i]);
    }
    if (strcmp(actual_hex, sha1_hex)) {
        return db_error("ovsdb error", "%s: %llu bytes starting at offset "
                        "%zu have SHA-1 hash %s but should have hash %s",
                        file, length, (size_t) (body - data), actual_hex,
                        sha1_hex);
    }

    char *msg;
    json_t *json = json_from_buffer_err(body, length, &msg);
    if (!json) {
        struct db_error *error = db_error("syntax error", "%s: offset %zu: "
                                          "record is not valid JSON (%s)",
                                          file, start, msg);
        free(msg);
        return error;
    }
    if (!json_is_object(json)) {
        json_decref(json);
        return db_error("syntax error", "%s: offset %zu: record is not a JSON "
                        "object", file, start);
    }

    *ofs = (body - data) + length;
    *jsonp = json;
    return NULL;
}

/* Rows. */

static struct import_table *
import_table_create(const struct db_table_schema *ts)
{
    struct import_table *table = xzalloc(sizeof *table);
    table->ts = ts;
    hmap_init(&table->rows);
    return table;
}

static void
import_row_destroy(struct import_table *table, struct import_row *row)
{
    const struct db_table_schema *ts = table->ts;
    for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        db_datum_destroy(&row->fields[i], &ts->column_array[i]->type);
    }
    free(row->fields);
    free(row);
}

static void
import_table_destroy(struct import_table *table)
{
    struct import_row *row;
    HMAP_FOR_EACH_POP (row, node, &table->rows) {
        import_row_destroy(table, row);
    }
    hmap_destroy(&table->rows);
    free(table);
}

static struct import_row *
import_row_find(const struct import_table *table, const struct uuid *uuid)
{
    struct import_row *row;
    HMAP_FOR_EACH_WITH_HASH (row, node, uuid_hash(uuid), &table->rows) {
        if (uuid_equals(&row->uuid, uuid)) {
            return row;
        }
    }
    return NULL;
}

/* Returns a new row of 'table' with every column at its default. */
static struct import_row *
import_row_create(struct import_table *table, const struct uuid *uuid)
{
    const struct db_table_schema *ts = table->ts;
    struct import_row *row = xzalloc(sizeof *row);
    row->uuid = *uuid;
    row->fields = xcalloc(ts->n_columns, sizeof *row->fields);
    for (size_t i = DB_N_STD_COLUMNS; i < ts->n_columns; i++) {
        db_datum_init_default(&row->fields[i], &ts->column_array[i]->type);
    }
    hmap_insert(&table->rows, &row->node, uuid_hash(uuid));
    return row;
}

/* Returns 'row' in storage form: its persistent columns that are not at
 * their defaults. */
static json_t *
import_row_to_json(const struct import_table *table,
                   const struct import_row *row)
{
    const struct db_table_schema *ts = table->ts;
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

/* Replaces 'datum', of composite 'type', by 'datum' changed as 'diff'
 * says (see ovs-import.h). */
static void
apply_diff(struct db_datum *datum, const struct db_datum *diff,
           const struct db_type *type)
{
    enum db_atomic_type key_type = type->key.type;
    bool is_map = db_type_is_map(type);
    struct db_datum result;

    db_datum_init_empty(&result);
    for (unsigned int i = 0; i < datum->n; i++) {
        if (db_datum_find_key(diff, &datum->keys[i], key_type) == UINT_MAX) {
            db_datum_add_unsafe(&result, &datum->keys[i],
                                is_map ? &datum->values[i] : NULL, type);
        }
    }
    for (unsigned int i = 0; i < diff->n; i++) {
        unsigned int idx = db_datum_find_key(datum, &diff->keys[i],
                                             key_type);
        if (idx == UINT_MAX
            || (is_map && !db_atom_equals(&datum->values[idx],
                                          &diff->values[i],
                                          type->value.type))) {
            /* Added, or (for a map) changed to a new value. */
            db_datum_add_unsafe(&result, &diff->keys[i],
                                is_map ? &diff->values[i] : NULL, type);
        }
        /* Otherwise removed. */
    }
    db_datum_sort_unique(&result, type);

    db_datum_destroy(datum, type);
    *datum = result;
}

/* Sets column 'column' of 'row' from 'json': a diff if 'is_diff' and the
 * column is composite, otherwise the new value. */
static struct db_error *
update_column(struct import_row *row, const struct db_column *column,
              const json_t *json, bool is_diff)
{
    const struct db_type *type = &column->type;
    struct db_datum *field = &row->fields[column->index];
    struct db_datum datum;
    struct db_error *error;

    if (is_diff && db_type_is_composite(type)) {
        /* A diff may hold more (or fewer) elements than the column. */
        struct db_type relaxed = *type;
        relaxed.n_min = 0;
        relaxed.n_max = UINT_MAX;
        error = db_datum_from_json(&datum, &relaxed, json, NULL);
        if (!error) {
            apply_diff(field, &datum, type);
            db_datum_destroy(&datum, type);
            error = db_datum_check_size(field, type);
        }
    } else {
        error = db_datum_from_json(&datum, type, json, NULL);
        if (!error) {
            db_datum_destroy(field, type);
            *field = datum;
        }
    }
    return error;
}

/* Replays one row of a transaction: 'json' is the new row or its changes,
 * or JSON null for a deletion.  Adds the row's storage form to
 * 'changes'. */
static struct db_error *
replay_row(struct import_table *table, const char *uuid_s,
           const json_t *json, bool is_diff, json_t *changes)
{
    const struct db_table_schema *ts = table->ts;
    struct uuid uuid;

    if (!uuid_from_string(&uuid, uuid_s)) {
        return db_error("syntax error", "\"%s\" is not a UUID", uuid_s);
    }

    struct import_row *row = import_row_find(table, &uuid);
    if (json_is_null(json)) {
        if (!row) {
            return db_error("ovsdb error", "deletes row %s, which does not "
                            "exist", uuid_s);
        }
        hmap_remove(&table->rows, &row->node);
        import_row_destroy(table, row);
        json_object_put(changes, uuid_s, json_null());
        return NULL;
    }
    if (!json_is_object(json)) {
        return db_syntax_error(json, NULL, "row %s is neither an object nor "
                               "null", uuid_s);
    }

    /* A new row's columns are full values even in a diff: the difference
     * from an empty default. */
    bool new_row = !row;
    if (new_row) {
        row = import_row_create(table, &uuid);
    }

    const char *name;
    json_t *value;
    json_object_foreach ((json_t *) json, name, value) {
        const struct db_column *column = db_table_schema_get_column(ts, name);
        if (!column || column->index < DB_N_STD_COLUMNS) {
            return db_error("syntax error", "row %s: no column %s in table "
                            "%s", uuid_s, name, ts->name);
        }
        struct db_error *error = update_column(row, column, value,
                                               is_diff && !new_row);
        if (error) {
            return db_wrap_error(error, "row %s column %s", uuid_s, name);
        }
    }
    json_object_put(changes, uuid_s, import_row_to_json(table, row));
    return NULL;
}

/* Replays transaction record 'txn' and writes it to the storage. */
static struct db_error *
replay_txn(struct importer *imp, const json_t *txn)
{
    const json_t *date = json_object_get(txn, "_date");
    const json_t *comment = json_object_get(txn, "_comment");
    bool is_diff = json_is_true(json_object_get(txn, "_is_diff"));

    long long int time_msec = 0;
    if (json_is_integer(date)) {
        time_msec = json_integer_value(date);
    } else if (json_is_real(date)) {
        time_msec = json_real_value(date);
    }

    json_t *changes = json_object();
    const char *table_name;
    json_t *rows;
    json_object_foreach ((json_t *) txn, table_name, rows) {
        if (table_name[0] == '_') {
            continue;
        }
        struct import_table *table = shash_find_data(&imp->tables,
                                                     table_name);
        if (!table) {
            json_decref(changes);
            return db_error("syntax error", "no table named %s", table_name);
        }
        if (!json_is_object(rows)) {
            json_decref(changes);
            return db_syntax_error(rows, NULL, "table %s: expected an object",
                                   table_name);
        }

        json_t *table_changes = json_object();
        json_object_put(changes, table_name, table_changes);

        const char *uuid_s;
        json_t *row;
        json_object_foreach (rows, uuid_s, row) {
            struct db_error *error = replay_row(table, uuid_s, row, is_diff,
                                                table_changes);
            if (error) {
                json_decref(changes);
                return db_wrap_error(error, "table %s", table_name);
            }
        }
    }

    struct db_error *error = ovsdb_storage_write_at(
        imp->storage, changes, json_string_value(comment), false, time_msec);
    json_decref(changes);
    return error;
}

/* Replays the records of 'data', 'size' bytes. */
static struct db_error *
import_data(struct importer *imp, const char *data, size_t size,
            struct ovs_import_stats *stats)
{
    size_t ofs = 0;
    json_t *json;
    struct db_error *error = read_record(imp, data, size, &ofs, &json,
                                         &stats->truncated);
    if (error) {
        return error;
    } else if (!json) {
        return db_error("ovsdb error", "%s: %s", imp->ovs_file,
                        size ? "file ends inside the schema record"
                             : "empty file");
    }

    /* Record 0: the schema. */
    error = db_schema_from_json(json, &imp->schema);
    json_decref(json);
    if (error) {
        return db_wrap_error(error, "%s: record 0 is not a valid schema",
                             imp->ovs_file);
    }
    struct shash_node *node;
    SHASH_FOR_EACH (node, &imp->schema->tables) {
        shash_add(&imp->tables, node->name, import_table_create(node->data));
    }

    json_t *schema_json = db_schema_to_json(imp->schema);
    error = ovsdb_storage_create(imp->svs_file, schema_json, &imp->storage);
    json_decref(schema_json);
    if (error) {
        return error;
    }

    /* The transactions. */
    for (imp->record = 1; ; imp->record++) {
        size_t record_ofs = ofs;
        error = read_record(imp, data, size, &ofs, &json, &stats->truncated);
        if (error || !json) {
            if (stats->truncated) {
                stats->truncated_offset = record_ofs;
            }
            break;
        }

        error = replay_txn(imp, json);
        json_decref(json);
        if (error) {
            error = db_wrap_error(error, "%s: record %"PRIu64,
                                  imp->ovs_file, imp->record);
            break;
        }
        stats->n_txns++;
        if (stats->n_txns % IMPORT_BATCH == 0) {
            error = ovsdb_storage_commit(imp->storage, false);
            if (error) {
                break;
            }
        }
    }
    if (!error) {
        error = ovsdb_storage_commit(imp->storage, true);
    }

    SHASH_FOR_EACH (node, &imp->tables) {
        const struct import_table *table = node->data;
        stats->n_rows += hmap_count(&table->rows);
    }
    return error;
}

/* Removes 'file_name' and SQLite's companion files. */
static void
remove_db_files(const char *file_name)
{
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++) {
        char *name = xasprintf("%s%s", file_name, suffixes[i]);
        unlink(name);
        free(name);
    }
}

struct db_error *
ovs_import(const char *ovs_file, const char *svs_file,
           struct ovs_import_stats *stats)
{
    memset(stats, 0, sizeof *stats);

    char *data;
    size_t size;
    int retval = read_whole_file(ovs_file, &data, &size);
    if (retval) {
        return db_io_error(retval, "%s: open failed", ovs_file);
    }

    struct importer imp = {
        .ovs_file = ovs_file,
        .svs_file = svs_file,
        .tables = SHASH_INITIALIZER(&imp.tables),
    };
    struct db_error *error = import_data(&imp, data, size, stats);

    if (imp.storage) {
        ovsdb_storage_close(imp.storage);
        if (error) {
            /* The file is ours: ovsdb_storage_create() made it. */
            remove_db_files(svs_file);
        }
    }
    struct shash_node *node;
    SHASH_FOR_EACH (node, &imp.tables) {
        import_table_destroy(node->data);
    }
    shash_destroy(&imp.tables);
    db_schema_destroy(imp.schema);
    free(data);
    return error;
}
