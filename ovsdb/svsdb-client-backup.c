/* svsdb-client-backup.c: the backup and restore commands of
 * svsdb-client.
 *
 * Both use the Open vSwitch standalone database file format, so that a
 * backup can be served by ovsdb-server or read by ovsdb-tool, and restore
 * takes files written by either: records made of a header line
 * "OVSDB JSON <length> <sha1>" and <length> bytes of JSON text ending in
 * a new-line, the first one the schema and each further one a
 * transaction (rows by UUID, or null for deleted rows; with "_is_diff",
 * set and map columns of existing rows hold the elements that changed). */
#include <config.h>
#include "svsdb-client.h"

#include <errno.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "db-data.h"
#include "db-error.h"
#include "db-schema.h"
#include "db-types.h"
#include "dynamic-string.h"
#include "json.h"
#include "shash.h"
#include "timeval.h"
#include "util.h"

/* Appends one record of the Open vSwitch standalone database file format
 * to 'out': a header line with the length and SHA-1 of the record's body,
 * then the body: 'json''s text and a new-line. */
static void
put_file_record(const json_t *json, struct ds *out)
{
    struct ds body = DS_EMPTY_INITIALIZER;
    json_to_ds(json, 0, &body);
    ds_put_char(&body, '\n');

    const char *text = ds_cstr(&body);
    size_t len = body.length;
    unsigned char sha1[EVP_MAX_MD_SIZE];
    unsigned int sha1_len;

    if (!EVP_Digest(text, len, sha1, &sha1_len, EVP_sha1(), NULL)) {
        svs_fatal(0, "SHA-1 computation failed");
    }
    ds_put_format(out, "OVSDB JSON %zu ", len);
    ds_put_hex(out, sha1, sha1_len);
    ds_put_char(out, '\n');
    ds_put_buffer(out, text, len);
    ds_destroy(&body);
}

void
client_cmd_backup(struct jsonrpc *rpc, const char *server SVS_UNUSED,
                  const char *database, int argc SVS_UNUSED,
                  char *argv[] SVS_UNUSED)
{
    if (isatty(STDOUT_FILENO)) {
        svs_fatal(0, "not writing backup to a terminal; please redirect "
                  "stdout to a file");
    }

    struct client_schema fs;
    client_fetch_schema(rpc, database, &fs);

    /* One "select" of every persistent column of every table. */
    const struct shash_node **nodes = shash_sort(&fs.schema->tables);
    size_t n_tables = shash_count(&fs.schema->tables);
    json_t *transaction = json_pack("[s]", database);
    for (size_t i = 0; i < n_tables; i++) {
        const struct db_table_schema *ts = nodes[i]->data;
        json_t *columns = json_array();
        for (size_t j = 0; j < ts->n_columns; j++) {
            const struct db_column *column = ts->column_array[j];
            if (column->persistent && column->index != DB_COL_VERSION) {
                json_array_add(columns, json_string(column->name));
            }
        }
        json_array_add(transaction, json_pack(
                           "{s:s, s:s, s:[], s:o}", "op", "select",
                           "table", ts->name, "where", "columns", columns));
    }
    json_t *result = client_rpc_call(rpc, "transact", transaction);

    /* The data record: every row, in full. */
    json_t *data = json_object();
    json_object_put(data, "_date", json_integer(time_wall_msec()));
    json_object_put(data, "_comment", json_string_take(
                        xasprintf("produced by \"%s backup\"",
                                  program_name)));
    json_object_put(data, "_is_diff", json_true());
    for (size_t i = 0; i < n_tables; i++) {
        const struct db_table_schema *ts = nodes[i]->data;
        json_t *rows = json_get(json_array_get(result, i), "rows");
        if (!json_is_array(rows)) {
            char *s = table_json_to_string(json_array_get(result, i), false);
            svs_fatal(0, "%s table reply is not an object with a \"rows\" "
                      "member array: %s", ts->name, s);
        }
        if (!json_array_size(rows)) {
            continue;
        }

        json_t *table_json = json_object();
        size_t y;
        json_t *row;
        json_array_foreach (rows, y, row) {
            json_t *uuid = json_array_get(json_get(row, "_uuid"), 1);
            json_t *row_json = json_object();
            const char *key;
            json_t *value;

            json_object_foreach (row, key, value) {
                const struct db_column *column
                    = db_table_schema_get_column(ts, key);
                if (column && column->index >= DB_N_STD_COLUMNS) {
                    json_object_put(row_json, key, json_incref(value));
                }
            }
            if (!json_is_string(uuid)) {
                svs_fatal(0, "%s table row lacks _uuid", ts->name);
            }
            json_object_put(table_json, json_string_value(uuid), row_json);
        }
        json_object_put(data, ts->name, table_json);
    }

    struct ds out = DS_EMPTY_INITIALIZER;
    json_t *schema_json = db_schema_to_json(fs.schema);
    put_file_record(schema_json, &out);
    put_file_record(data, &out);
    fwrite(out.string, 1, out.length, stdout);
    if (fflush(stdout) || ferror(stdout)) {
        svs_fatal(errno, "writing backup failed");
    }

    ds_destroy(&out);
    json_decref(schema_json);
    json_decref(data);
    json_decref(result);
    free(nodes);
    client_schema_destroy(&fs);
}

/* Parses the records of an Open vSwitch standalone database file in
 * 'contents' into a JSON array, one element per record; exits on
 * error. */
static json_t *
parse_file_records(const char *file_name, const char *contents,
                   size_t size)
{
    static const char magic[] = "OVSDB JSON ";
    json_t *records = json_array();
    size_t ofs = 0;

    while (ofs < size) {
        const char *header = contents + ofs;
        const char *nl = memchr(header, '\n', size - ofs);
        if (!nl || strncmp(header, magic, strlen(magic))) {
            svs_fatal(0, "ovsdb error: %s: unexpected file format",
                      file_name);
        }

        unsigned long long int len;
        char sha1_text[41];
        if (sscanf(header + strlen(magic), "%llu %40[0-9a-f]", &len,
                   sha1_text) != 2
            || len > size - (nl + 1 - contents)) {
            svs_fatal(0, "ovsdb error: %s: syntax error in header",
                      file_name);
        }

        const char *text = nl + 1;
        unsigned char sha1[EVP_MAX_MD_SIZE];
        unsigned int sha1_len;
        struct ds actual = DS_EMPTY_INITIALIZER;
        if (!EVP_Digest(text, len, sha1, &sha1_len, EVP_sha1(), NULL)) {
            svs_fatal(0, "SHA-1 computation failed");
        }
        ds_put_hex(&actual, sha1, sha1_len);
        if (strcmp(ds_cstr(&actual), sha1_text)) {
            svs_fatal(0, "ovsdb error: %s: %llu bytes starting at offset "
                      "%zu have SHA-1 hash %s but should have hash %s",
                      file_name, len, (size_t) (text - contents),
                      ds_cstr(&actual), sha1_text);
        }
        ds_destroy(&actual);

        char *error;
        json_t *json = json_from_buffer_err(text, len, &error);
        if (!json) {
            svs_fatal(0, "ovsdb error: %s: %s", file_name, error);
        }
        json_array_add(records, json);

        ofs = (text + len) - contents;
    }
    if (!json_array_size(records)) {
        svs_fatal(0, "ovsdb error: %s: unexpected file format", file_name);
    }
    return records;
}

/* Applies the changes of file record 'record' to 'rows' (an object of
 * tables, each an object of rows by UUID). */
static void
apply_file_record(const struct db_schema *schema, json_t *rows,
                  const json_t *record)
{
    bool is_diff = json_is_true(json_get(record, "_is_diff"));
    const char *table_name;
    json_t *table_changes;

    json_object_foreach ((json_t *) record, table_name, table_changes) {
        const struct db_table_schema *ts = db_schema_get_table(schema,
                                                               table_name);
        if (table_name[0] == '_' || !ts) {
            continue;
        }
        json_t *table_rows = json_get(rows, table_name);
        if (!table_rows) {
            table_rows = json_object();
            json_object_put(rows, table_name, table_rows);
        }

        const char *uuid;
        json_t *change;
        json_object_foreach (table_changes, uuid, change) {
            json_t *row = json_get(table_rows, uuid);
            if (!json_is_object(change)) {
                json_object_del(table_rows, uuid);
                continue;
            } else if (!row || !is_diff) {
                json_object_put(table_rows, uuid, json_deep_copy(change));
                continue;
            }

            /* A diff: sets and maps change by the elements given. */
            const char *key;
            json_t *value;
            json_object_foreach (change, key, value) {
                const struct db_column *column
                    = db_table_schema_get_column(ts, key);
                if (!column) {
                    continue;
                }
                if (!db_type_is_composite(&column->type)) {
                    json_object_put(row, key, json_incref(value));
                    continue;
                }

                struct db_type relaxed;
                db_type_clone(&relaxed, &column->type);
                relaxed.n_min = 0;
                relaxed.n_max = UINT_MAX;

                struct db_datum old, diff;
                const json_t *old_json = json_get(row, key);
                struct db_error *error = NULL;
                if (old_json) {
                    error = db_datum_from_json(&old, &relaxed, old_json,
                                               NULL);
                } else {
                    db_datum_init_default(&old, &relaxed);
                }
                if (!error) {
                    error = db_datum_from_json(&diff, &relaxed, value, NULL);
                }
                if (error) {
                    svs_fatal(0, "%s", db_error_to_string_free(error));
                }

                /* Removes what is in both, adds the rest.  For a map, a
                 * key with a new value replaces the old pair. */
                for (unsigned int i = 0; i < diff.n; i++) {
                    unsigned int idx = db_datum_find_key(
                        &old, &diff.keys[i], relaxed.key.type);
                    bool same = (idx != UINT_MAX
                                 && (!diff.values
                                     || db_atom_equals(
                                         &old.values[idx], &diff.values[i],
                                         relaxed.value.type)));
                    if (idx != UINT_MAX) {
                        db_datum_remove_unsafe(&old, idx, &relaxed);
                    }
                    if (!same) {
                        db_datum_add_unsafe(&old, &diff.keys[i],
                                            diff.values ? &diff.values[i]
                                            : NULL, &relaxed);
                    }
                    db_datum_sort_unique(&old, &relaxed);
                }
                json_object_put(row, key, db_datum_to_json(&old, &relaxed));
                db_datum_destroy(&old, &relaxed);
                db_datum_destroy(&diff, &relaxed);
                db_type_destroy(&relaxed);
            }
        }
    }
}

/* Returns the "uuid-name" restore uses for the row with 'uuid'. */
static char *
restore_row_name(const char *uuid)
{
    char *name = xasprintf("row%s", uuid);
    for (char *p = name; *p; p++) {
        if (*p == '-') {
            *p = '_';
        }
    }
    return name;
}

/* Replaces, in 'json' (a value of a reference column), each ["uuid", U]
 * whose U is in 'restored' by ["named-uuid", <row name of U>]. */
static json_t *
translate_refs(json_t *json, const struct shash *restored)
{
    if (json_is_array(json) && json_array_size(json) == 2
        && json_is_string(json_array_get(json, 0))
        && !strcmp(json_string_value(json_array_get(json, 0)), "uuid")) {
        const char *uuid = json_string_value(json_array_get(json, 1));
        if (uuid && shash_find(restored, uuid)) {
            return json_pack("[s, o]", "named-uuid",
                             json_string_take(restore_row_name(uuid)));
        }
        return json_incref(json);
    } else if (json_is_array(json)) {
        json_t *copy = json_array();
        size_t i;
        json_t *elem;
        json_array_foreach (json, i, elem) {
            json_array_add(copy, translate_refs(elem, restored));
        }
        return copy;
    }
    return json_incref(json);
}

/* True if 'json' is the default value of 'type' (and so need not be
 * inserted). */
static bool
is_default_value(const json_t *json, const struct db_type *type)
{
    struct db_datum datum;
    struct db_error *error = db_datum_from_json(&datum, type, json, NULL);
    if (error) {
        db_error_destroy(error);
        return false;
    }

    bool is_default = db_datum_is_default(&datum, type);
    db_datum_destroy(&datum, type);
    return is_default;
}

static bool
type_has_refs(const struct db_type *type)
{
    return (db_base_type_is_ref(&type->key)
            || db_base_type_is_ref(&type->value));
}

/* Compares the snapshot's 'backup' schema to the server's 'db' schema;
 * returns NULL if they are the same, otherwise a description of how they
 * differ. */
static char *
compare_schemas(const struct db_schema *backup, const struct db_schema *db)
{
    if (strcmp(backup->version, db->version)) {
        return xasprintf("backup schema has version \"%s\" but database "
                         "schema has version \"%s\"",
                         backup->version, db->version);
    } else if (!db_schema_equal(backup, db)) {
        return xasprintf("backup schema and database schema are both "
                         "version %s but still differ", backup->version);
    }
    return NULL;
}

void
client_cmd_restore(struct jsonrpc *rpc, const char *server SVS_UNUSED,
                   const char *database, int argc SVS_UNUSED,
                   char *argv[] SVS_UNUSED)
{
    static const char file_name[] = "/dev/stdin";

    if (isatty(STDIN_FILENO)) {
        svs_fatal(0, "not reading backup from a terminal; please redirect "
                  "stdin from a file");
    }

    /* Read the snapshot. */
    struct ds contents = DS_EMPTY_INITIALIZER;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) {
        ds_put_buffer(&contents, buf, n);
    }
    if (ferror(stdin)) {
        svs_fatal(errno, "%s: read failed", file_name);
    }
    json_t *records = parse_file_records(file_name, ds_cstr(&contents),
                                         contents.length);
    ds_destroy(&contents);

    struct db_schema *backup_schema;
    struct db_error *error = db_schema_from_json(json_array_get(records, 0),
                                                 &backup_schema);
    if (error) {
        svs_fatal(0, "%s", db_error_to_string_free(error));
    }

    struct client_schema fs;
    client_fetch_schema(rpc, database, &fs);
    char *difference = compare_schemas(backup_schema, fs.schema);
    if (difference) {
        if (!client_force) {
            svs_fatal(0, "%s (use --force to override differences, or "
                      "\"ovsdb-client convert\" to change the schema)",
                      difference);
        }
        client_log_info("%s", difference);
        free(difference);
    }

    /* Replay the records into the final rows. */
    json_t *rows = json_object();
    for (size_t i = 1; i < json_array_size(records); i++) {
        apply_file_record(backup_schema, rows, json_array_get(records, i));
    }

    struct shash restored = SHASH_INITIALIZER(&restored);
    const char *table_name;
    json_t *table_rows;
    json_object_foreach (rows, table_name, table_rows) {
        const char *uuid;
        json_t *row;
        json_object_foreach (table_rows, uuid, row) {
            shash_add_once(&restored, uuid, NULL);
        }
    }

    /* One transaction: empty each of the snapshot's tables, then insert
     * its rows, with references between them translated to named UUIDs.
     * As with ovsdb-client, the snapshot's schema names the database and
     * the tables, which matters only with --force. */
    json_t *transaction = json_pack("[s]", backup_schema->name);
    const struct shash_node **nodes = shash_sort(&backup_schema->tables);
    size_t n_tables = shash_count(&backup_schema->tables);
    for (size_t i = 0; i < n_tables; i++) {
        const struct db_table_schema *ts = nodes[i]->data;
        json_array_add(transaction, json_pack(
                           "{s:s, s:s, s:[]}", "op", "delete",
                           "table", ts->name, "where"));

        table_rows = json_get(rows, ts->name);
        const char *uuid;
        json_t *row;
        json_object_foreach (table_rows, uuid, row) {
            json_t *new_row = json_object();
            const char *key;
            json_t *value;

            json_object_foreach (row, key, value) {
                const struct db_column *column
                    = db_table_schema_get_column(ts, key);
                if (!column || column->index < DB_N_STD_COLUMNS
                    || is_default_value(value, &column->type)) {
                    continue;
                }
                json_object_put(new_row, key,
                                (type_has_refs(&column->type)
                                 ? translate_refs(value, &restored)
                                 : json_incref(value)));
            }
            json_array_add(transaction, json_pack(
                               "{s:s, s:s, s:o, s:o}", "op", "insert",
                               "table", ts->name, "uuid-name",
                               json_string_take(restore_row_name(uuid)),
                               "row", new_row));
        }
    }
    free(nodes);

    json_t *result = client_rpc_call(rpc, "transact", transaction);
    size_t i;
    json_t *op_result;
    json_array_foreach (result, i, op_result) {
        if (json_get(op_result, "error")) {
            char *s = table_json_to_string(op_result, false);
            svs_fatal(0, "restore failed: %s", s);
        }
    }

    json_decref(result);
    shash_destroy(&restored);
    json_decref(rows);
    json_decref(records);
    db_schema_destroy(backup_schema);
    client_schema_destroy(&fs);
}

