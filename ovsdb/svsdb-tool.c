/* svsdb-tool.c: svsdb-tool, the database management utility.
 *
 * The command line is that of Open vSwitch's ovsdb-tool: the same command
 * names, arguments, options, output formats and exit statuses, so that
 * scripts written for one work with the other.  Differences:
 *   - databases are svs SQLite files (ovsdb/storage.h); "import" converts
 *     an Open vSwitch database file into one;
 *   - svs has no clustered databases, so the cluster commands are absent,
 *     db-is-clustered always answers "no" and db-cid, db-sid and
 *     db-local-address fail as ovsdb-tool does for standalone databases;
 *   - show-log shows each modified row's new values (svs logs complete
 *     rows), where ovsdb-tool shows the differences.
 *
 * Each command is a function in the table 'all_commands' at the end of the
 * file; commands that need the database engine (query, transact, convert)
 * belong there too as they are added. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "command-line.h"
#include "db-data.h"
#include "db-error.h"
#include "db-schema.h"
#include "dirs.h"
#include "dynamic-string.h"
#include "hmap.h"
#include "json.h"
#include "ovs-import.h"
#include "execution.h"
#include "ovsdb.h"
#include "storage.h"
#include "util.h"
#include "uuid.h"
#include "vlog.h"

/* -m, --more: how much detail show-log prints. */
static int show_log_verbosity;

/* --rbac-role: accepted for compatibility; used by query and transact. */
static char *rbac_role;

static const struct svs_cmdl_command *get_all_commands(void);
static void parse_options(int argc, char *argv[]);
static void usage(void) SVS_NO_RETURN;

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    /* Warnings (e.g. "reading the last checkpoint of a live database")
     * belong on the terminal. */
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);
    parse_options(argc, argv);

    struct svs_cmdl_context ctx = {
        .argc = argc - optind,
        .argv = argv + optind,
    };
    svs_cmdl_run_command(&ctx, get_all_commands());
    return 0;
}

static void
parse_options(int argc, char *argv[])
{
    enum {
        OPT_RBAC_ROLE = UCHAR_MAX + 1,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"more", no_argument, NULL, 'm'},
        {"rbac-role", required_argument, NULL, OPT_RBAC_ROLE},
        SVS_CMDL_STD_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options = long_options_to_short_options(long_options);

    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }

        switch (c) {
        case 'm':
            show_log_verbosity++;
            break;

        case OPT_RBAC_ROLE:
            free(rbac_role);
            rbac_role = xstrdup(optarg);
            break;

        SVS_CMDL_STD_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS

        default:
            abort();
        }
    }
    free(short_options);
}

static char *
default_db(void)
{
    return xasprintf("%s/conf.db", svs_dbdir());
}

static char *
default_schema(void)
{
    return xasprintf("%s/vswitch.ovsschema", svs_pkgdatadir());
}

static void
usage(void)
{
    char *db = default_db();
    char *schema = default_schema();
    printf("%s: svs database management utility\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "  create [DB [SCHEMA]]    create DB with the given SCHEMA\n"
           "  compact [DB [DST]]      compact DB in-place (or to DST)\n"
           "  convert [DB [SCHEMA [DST]]]   convert DB to SCHEMA (to DST)\n"
           "  db-name [DB]            report name of schema used by DB\n"
           "  db-version [DB]         report version of schema used by DB\n"
           "  db-cksum [DB]           report checksum of schema used by DB\n"
           "  db-cid DB               report cluster ID of clustered DB\n"
           "  db-sid DB               report server ID of clustered DB\n"
           "  db-local-address DB     report local address of clustered DB\n"
           "  db-is-clustered DB      test whether DB is clustered\n"
           "  db-is-standalone DB     test whether DB is standalone\n"
           "  schema-name [SCHEMA]    report SCHEMA's name\n"
           "  schema-version [SCHEMA] report SCHEMA's schema version\n"
           "  schema-cksum [SCHEMA]   report SCHEMA's checksum\n"
           "  compare-versions A OP B  compare OVSDB schema version "
           "numbers\n"
           "  needs-conversion [DB [SCHEMA]]  test whether DB needs "
           "conversion to SCHEMA\n"
           "  query [DB] TRNS         execute read-only transaction on DB\n"
           "  transact [DB] TRNS      execute read/write transaction on DB\n"
           "  [-m]... show-log [DB]   print DB's log entries\n"
           "  import OVSDB_FILE DB    convert Open vSwitch database "
           "OVSDB_FILE to DB\n"
           "The default DB is %s.\n"
           "The default SCHEMA is %s.\n",
           program_name, program_name, db, schema);
    vlog_usage();
    printf("\nOther options:\n"
           "  -m, --more                  increase show-log verbosity\n"
           "  --rbac-role=ROLE            RBAC role for transact and query "
           "commands\n"
           "  -h, --help                  display this help message\n"
           "  -V, --version               display version information\n");
    free(db);
    free(schema);
    exit(EXIT_SUCCESS);
}

/* Helpers. */

/* Exits with the message of 'error', if it is nonnull. */
static void
check_error(struct db_error *error)
{
    if (error) {
        svs_fatal(0, "%s", db_error_to_string_free(error));
    }
}

/* Returns argument 'i' of 'ctx' if present, otherwise 'dflt()'.  The
 * caller frees the result. */
static char *
arg_or_default(const struct svs_cmdl_context *ctx, int i,
               char *(*dflt)(void))
{
    return ctx->argc > i ? xstrdup(ctx->argv[i]) : dflt();
}

/* Reads and validates the schema file 'file_name'. */
static struct db_schema *
read_schema(const char *file_name)
{
    char *msg;
    json_t *json = json_from_file_err(file_name, &msg);
    if (!json) {
        svs_fatal(0, "failed to read schema: %s", msg);
    }
    struct db_schema *schema;
    struct db_error *error = db_schema_from_json(json, &schema);
    json_decref(json);
    if (error) {
        check_error(db_wrap_error(error, "failed to parse \"%s\" as ovsdb "
                                  "schema", file_name));
    }
    return schema;
}

static struct ovsdb_storage *
open_db(const char *file_name, bool read_only)
{
    struct ovsdb_storage *storage;
    check_error(ovsdb_storage_open(file_name, read_only, &storage));
    return storage;
}

/* Returns the parsed schema stored in 'storage'. */
static struct db_schema *
stored_schema(const struct ovsdb_storage *storage)
{
    struct db_schema *schema;
    struct db_error *error = db_schema_from_json(
        ovsdb_storage_get_schema(storage), &schema);
    if (error) {
        check_error(db_wrap_error(error, "%s: stored schema is invalid",
                                  ovsdb_storage_get_file_name(storage)));
    }
    return schema;
}

/* Reads the schema of database 'file_name'. */
static struct db_schema *
read_db_schema(const char *file_name)
{
    struct ovsdb_storage *storage = open_db(file_name, true);
    struct db_schema *schema = stored_schema(storage);
    ovsdb_storage_close(storage);
    return schema;
}

/* create, compact, import. */

static void
do_create(struct svs_cmdl_context *ctx)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    char *schema_file = arg_or_default(ctx, 2, default_schema);

    struct db_schema *schema = read_schema(schema_file);
    json_t *json = db_schema_to_json(schema);
    struct ovsdb_storage *storage;
    struct db_error *error = ovsdb_storage_create(db_file, json, &storage);
    json_decref(json);
    db_schema_destroy(schema);
    if (error) {
        free(db_file);
        free(schema_file);
        check_error(error);
    }
    ovsdb_storage_close(storage);

    free(db_file);
    free(schema_file);
}

static struct db_error *
copy_row(void *dst_, const char *table, const struct uuid *uuid,
         const json_t *row)
{
    return ovsdb_storage_put_row(dst_, table, uuid, row);
}

static struct db_error *
copy_rows(void *src_, struct ovsdb_storage *dst)
{
    return ovsdb_storage_read_rows(src_, copy_row, dst);
}

static void
do_compact(struct svs_cmdl_context *ctx)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    const char *dst_file = ctx->argc > 2 ? ctx->argv[2] : NULL;

    if (!dst_file) {
        struct ovsdb_storage *storage = open_db(db_file, false);
        check_error(ovsdb_storage_compact(storage));
        ovsdb_storage_close(storage);
    } else {
        /* A fresh copy holding the rows only. */
        struct ovsdb_storage *src = open_db(db_file, true);
        const json_t *schema = ovsdb_storage_get_schema(src);
        struct ovsdb_storage *dst;
        check_error(ovsdb_storage_create(dst_file, schema, &dst));
        struct db_error *error = ovsdb_storage_replace(dst, schema,
                                                       copy_rows, src);
        ovsdb_storage_close(dst);
        ovsdb_storage_close(src);
        if (error) {
            unlink(dst_file);
            check_error(error);
        }
    }
    free(db_file);
}

static void
do_import(struct svs_cmdl_context *ctx)
{
    struct ovs_import_stats stats;
    check_error(ovs_import(ctx->argv[1], ctx->argv[2], &stats));
    if (stats.truncated) {
        svs_error(0, "%s: ignored the incomplete record at offset %"PRIu64
                  " at the end of the file", ctx->argv[1],
                  stats.truncated_offset);
    }
}

/* Database and schema information. */

static void
do_db_name(struct svs_cmdl_context *ctx)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    struct db_schema *schema = read_db_schema(db_file);
    puts(schema->name);
    db_schema_destroy(schema);
    free(db_file);
}

static void
do_db_version(struct svs_cmdl_context *ctx)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    struct db_schema *schema = read_db_schema(db_file);
    puts(schema->version);
    db_schema_destroy(schema);
    free(db_file);
}

static void
do_db_cksum(struct svs_cmdl_context *ctx)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    struct db_schema *schema = read_db_schema(db_file);
    puts(schema->cksum);
    db_schema_destroy(schema);
    free(db_file);
}

/* db-cid, db-sid, db-local-address: svs databases are never clustered. */
static void
do_db_cluster_info(struct svs_cmdl_context *ctx)
{
    ovsdb_storage_close(open_db(ctx->argv[1], true));
    svs_fatal(0, "%s: not a clustered database", ctx->argv[1]);
}

static void
do_db_is_clustered(struct svs_cmdl_context *ctx)
{
    ovsdb_storage_close(open_db(ctx->argv[1], true));
    exit(2);
}

static void
do_db_is_standalone(struct svs_cmdl_context *ctx)
{
    ovsdb_storage_close(open_db(ctx->argv[1], true));
}

static void
do_schema_name(struct svs_cmdl_context *ctx)
{
    char *schema_file = arg_or_default(ctx, 1, default_schema);
    struct db_schema *schema = read_schema(schema_file);
    puts(schema->name);
    db_schema_destroy(schema);
    free(schema_file);
}

static void
do_schema_version(struct svs_cmdl_context *ctx)
{
    char *schema_file = arg_or_default(ctx, 1, default_schema);
    struct db_schema *schema = read_schema(schema_file);
    puts(schema->version);
    db_schema_destroy(schema);
    free(schema_file);
}

static void
do_schema_cksum(struct svs_cmdl_context *ctx)
{
    char *schema_file = arg_or_default(ctx, 1, default_schema);
    struct db_schema *schema = read_schema(schema_file);
    puts(schema->cksum);
    db_schema_destroy(schema);
    free(schema_file);
}

static void
do_needs_conversion(struct svs_cmdl_context *ctx)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    char *schema_file = arg_or_default(ctx, 2, default_schema);

    struct db_schema *stored = read_db_schema(db_file);
    struct db_schema *schema = read_schema(schema_file);
    puts(db_schema_equal(stored, schema) ? "no" : "yes");

    db_schema_destroy(stored);
    db_schema_destroy(schema);
    free(db_file);
    free(schema_file);
}

/* Exits with status 0 if version A OP B holds, 2 if it does not. */
static void
do_compare_versions(struct svs_cmdl_context *ctx)
{
    const char *a = ctx->argv[1];
    const char *op = ctx->argv[2];
    const char *b = ctx->argv[3];

    for (int i = 1; i <= 3; i += 2) {
        if (!db_version_is_valid(ctx->argv[i])) {
            svs_fatal(0, "%s: not an OVSDB version number in format x.y.z",
                      ctx->argv[i]);
        }
    }

    int cmp = db_version_compare(a, b);
    bool result;
    if (!strcmp(op, "<")) {
        result = cmp < 0;
    } else if (!strcmp(op, "<=")) {
        result = cmp <= 0;
    } else if (!strcmp(op, "==")) {
        result = cmp == 0;
    } else if (!strcmp(op, ">=")) {
        result = cmp >= 0;
    } else if (!strcmp(op, ">")) {
        result = cmp > 0;
    } else if (!strcmp(op, "!=")) {
        result = cmp != 0;
    } else {
        svs_fatal(0, "%s: not a relational operator", op);
    }
    exit(result ? 0 : 2);
}

/* show-log. */

/* What show-log remembers about a row it has seen in the log. */
struct show_log_row {
    struct hmap_node node;      /* In 'rows' of struct show_log. */
    struct uuid uuid;
    char *name;                 /* Its "name" column, or NULL. */
    json_t *row;                /* Its latest contents. */
};

struct show_log {
    const struct db_schema *schema;
    struct hmap rows;           /* Contains "struct show_log_row"s. */
};

static struct show_log_row *
show_log_find(const struct show_log *sl, const struct uuid *uuid)
{
    struct show_log_row *slr;
    HMAP_FOR_EACH_WITH_HASH (slr, node, uuid_hash(uuid), &sl->rows) {
        if (uuid_equals(&slr->uuid, uuid)) {
            return slr;
        }
    }
    return NULL;
}

static void
show_log_row_destroy(struct show_log_row *slr)
{
    free(slr->name);
    json_decref(slr->row);
    free(slr);
}

/* Prints "    COLUMN=VALUE" for 'value' of column 'name' of 'ts', or the
 * column's default value if 'value' is NULL. */
static void
print_column(const struct db_table_schema *ts, const char *name,
             const json_t *value)
{
    const struct db_column *column = (ts
                                      ? db_table_schema_get_column(ts, name)
                                      : NULL);
    struct ds s = DS_EMPTY_INITIALIZER;

    if (column) {
        struct db_datum datum;
        struct db_error *error = (value
                                  ? db_datum_from_json(&datum, &column->type,
                                                       value, NULL)
                                  : NULL);
        if (!value) {
            db_datum_init_default(&datum, &column->type);
        }
        if (!error) {
            db_datum_to_string(&datum, &column->type, &s);
            db_datum_destroy(&datum, &column->type);
        } else {
            db_error_destroy(error);
            json_to_ds(value, 0, &s);
        }
    } else if (value) {
        json_to_ds(value, 0, &s);
    } else {
        ds_put_cstr(&s, "[]");
    }
    printf("    %s=%s\n", name, ds_cstr(&s));
    ds_destroy(&s);
}

/* Prints the row label that ovsdb-tool prints: "NAME" (UUID8), or for a
 * row without a name, UUID8 and, unless 'insert', (UUID8) again. */
static void
print_row_label(const struct uuid *uuid, const char *name, bool insert)
{
    char uuid8[9];
    snprintf(uuid8, sizeof uuid8, "%08x", uuid->parts[0]);
    if (name) {
        json_t *json = json_string(name);
        char *quoted = json_to_string(json, 0);
        printf("%s (%s)", quoted, uuid8);
        free(quoted);
        json_decref(json);
    } else if (insert) {
        printf("%s", uuid8);
    } else {
        printf("%s (%s)", uuid8, uuid8);
    }
}

static void
show_log_row_change(struct show_log *sl, const char *table,
                    const char *uuid_s, const json_t *row)
{
    const struct db_table_schema *ts = db_schema_get_table(sl->schema,
                                                           table);
    struct uuid uuid;
    if (!uuid_from_string(&uuid, uuid_s)) {
        return;
    }
    struct show_log_row *slr = show_log_find(sl, &uuid);
    const char *new_name = json_string_value(json_object_get(row, "name"));

    if (json_is_null(row)) {
        printf("  table %s row ", table);
        print_row_label(&uuid, slr ? slr->name : NULL, false);
        printf(" diff:\n    delete row\n");
        if (slr) {
            hmap_remove(&sl->rows, &slr->node);
            show_log_row_destroy(slr);
        }
        return;
    }

    if (!slr) {
        printf("  table %s insert row ", table);
        print_row_label(&uuid, new_name, true);
        printf(":\n");
        if (show_log_verbosity > 1) {
            const char *name;
            json_t *value;
            json_object_foreach ((json_t *) row, name, value) {
                print_column(ts, name, value);
            }
        }

        slr = xzalloc(sizeof *slr);
        slr->uuid = uuid;
        hmap_insert(&sl->rows, &slr->node, uuid_hash(&uuid));
    } else {
        printf("  table %s row ", table);
        print_row_label(&uuid, new_name ? new_name : slr->name, false);
        printf(" diff:\n");
        if (show_log_verbosity > 1) {
            /* The columns that changed, then those back at default. */
            const char *name;
            json_t *value;
            json_object_foreach ((json_t *) row, name, value) {
                if (!json_equal(value, json_object_get(slr->row, name))) {
                    print_column(ts, name, value);
                }
            }
            json_object_foreach (slr->row, name, value) {
                if (!json_object_get(row, name)) {
                    print_column(ts, name, NULL);
                }
            }
        }
    }

    if (new_name) {
        free(slr->name);
        slr->name = xstrdup(new_name);
    }
    json_decref(slr->row);
    slr->row = json_incref((json_t *) row);
}

static void
show_log_record(void *sl_, uint64_t seqno, long long int time_msec,
                const char *comment, const json_t *changes)
{
    struct show_log *sl = sl_;

    char *date = xastrftime_msec("%Y-%m-%d %H:%M:%S%.###", time_msec, true);
    printf("record %"PRIu64": %s", seqno, date);
    free(date);
    if (comment) {
        json_t *json = json_string(comment);
        char *quoted = json_to_string(json, 0);
        printf(" %s", quoted);
        free(quoted);
        json_decref(json);
    }
    putchar('\n');

    if (show_log_verbosity > 0) {
        const char *table;
        json_t *rows;
        json_object_foreach ((json_t *) changes, table, rows) {
            const char *uuid_s;
            json_t *row;
            json_object_foreach (rows, uuid_s, row) {
                show_log_row_change(sl, table, uuid_s, row);
            }
        }
        putchar('\n');
    }
}

static void
do_show_log(struct svs_cmdl_context *ctx)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    struct ovsdb_storage *storage = open_db(db_file, true);
    struct db_schema *schema = stored_schema(storage);

    printf("record 0: \"%s\" schema, version=\"%s\", cksum=\"%s\"\n\n",
           schema->name, schema->version, schema->cksum);

    struct show_log sl = { .schema = schema };
    hmap_init(&sl.rows);
    struct db_error *error = ovsdb_storage_read_log(storage, show_log_record,
                                                    &sl);
    fflush(stdout);

    struct show_log_row *slr;
    HMAP_FOR_EACH_POP (slr, node, &sl.rows) {
        show_log_row_destroy(slr);
    }
    hmap_destroy(&sl.rows);
    db_schema_destroy(schema);
    ovsdb_storage_close(storage);
    free(db_file);
    check_error(error);
}

static void do_query(struct svs_cmdl_context *);
static void do_transact(struct svs_cmdl_context *);
static void do_convert(struct svs_cmdl_context *);

static const struct svs_cmdl_command all_commands[] = {
    { "create", "[db [schema]]", 0, 2, do_create },
    { "compact", "[db [dst]]", 0, 2, do_compact },
    { "db-name", "[db]", 0, 1, do_db_name },
    { "db-version", "[db]", 0, 1, do_db_version },
    { "db-cksum", "[db]", 0, 1, do_db_cksum },
    { "db-cid", "db", 1, 1, do_db_cluster_info },
    { "db-sid", "db", 1, 1, do_db_cluster_info },
    { "db-local-address", "db", 1, 1, do_db_cluster_info },
    { "db-is-clustered", "db", 1, 1, do_db_is_clustered },
    { "db-is-standalone", "db", 1, 1, do_db_is_standalone },
    { "schema-name", "[schema]", 0, 1, do_schema_name },
    { "schema-version", "[schema]", 0, 1, do_schema_version },
    { "schema-cksum", "[schema]", 0, 1, do_schema_cksum },
    { "compare-versions", "a op b", 3, 3, do_compare_versions },
    { "needs-conversion", "[db [schema]]", 0, 2, do_needs_conversion },
    { "show-log", "[db]", 0, 1, do_show_log },
    { "import", "ovsdb_file db", 2, 2, do_import },
    { "query", "[db] trns", 1, 2, do_query },
    { "transact", "[db] trns", 1, 2, do_transact },
    { "convert", "[db [schema [dst]]]", 0, 3, do_convert },
    { NULL, NULL, 0, 0, NULL },
};

static const struct svs_cmdl_command *
get_all_commands(void)
{
    return all_commands;
}

/* query, transact, convert: these run the database engine on the file. */

/* Loads the database in 'file_name' into memory. */
static struct ovsdb *
load_db(const char *file_name, bool read_only)
{
    struct ovsdb_storage *storage = open_db(file_name, read_only);
    struct ovsdb *db;
    struct db_error *error = ovsdb_open_storage(storage, &db);
    if (error) {
        ovsdb_storage_close(storage);
        check_error(error);
    }
    return db;
}

static void
run_transaction(struct svs_cmdl_context *ctx, bool read_only)
{
    char *db_file = ctx->argc > 2 ? xstrdup(ctx->argv[1]) : default_db();
    const char *trns = ctx->argv[ctx->argc - 1];

    char *msg;
    json_t *params = json_from_string_err(trns, &msg);
    if (!params) {
        svs_fatal(0, "\"%s\": %s", trns, msg);
    }

    struct ovsdb *db = load_db(db_file, read_only);
    json_t *result;
    if (!json_is_array(params) || !json_array_size(params)
        || !json_is_string(json_array_get(params, 0))
        || strcmp(json_string_value(json_array_get(params, 0)),
                  db->name)) {
        result = db_error_to_json_free(db_syntax_error(
                                           params, NULL, "database name "
                                           "expected as first parameter"));
    } else {
        struct ovsdb_execute_ctx ectx = {
            .has_lock = NULL,
            .read_only = false,
            .elapsed_msec = 0,
            .timed_out = true,
        };
        long long int wait_msec;
        result = ovsdb_execute(db, &ectx, params, &wait_msec);
        if (db->storage && ovsdb_storage_has_pending(db->storage)) {
            struct db_error *error = ovsdb_storage_commit(db->storage,
                                                          false);
            check_error(error);
        }
    }

    char *s = json_to_string(result, JSSF_SORT);
    puts(s);
    free(s);
    json_decref(result);
    json_decref(params);
    ovsdb_destroy(db);
    free(db_file);
}

static void
do_query(struct svs_cmdl_context *ctx)
{
    run_transaction(ctx, true);
}

static void
do_transact(struct svs_cmdl_context *ctx)
{
    run_transaction(ctx, false);
}

static struct db_error *
put_converted_rows(void *db_, struct ovsdb_storage *dst)
{
    const struct ovsdb *db = db_;
    struct shash_node *node;
    SHASH_FOR_EACH (node, &db->tables) {
        const struct ovsdb_table *table = node->data;
        const struct ovsdb_row *row;
        HMAP_FOR_EACH (row, hmap_node, &table->rows) {
            json_t *json = ovsdb_row_to_storage_json(row);
            struct db_error *error = ovsdb_storage_put_row(
                dst, node->name, ovsdb_row_get_uuid(row), json);
            json_decref(json);
            if (error) {
                return error;
            }
        }
    }
    return NULL;
}

static void
do_convert(struct svs_cmdl_context *ctx)
{
    char *db_file = arg_or_default(ctx, 1, default_db);
    char *schema_file = arg_or_default(ctx, 2, default_schema);
    const char *dst_file = ctx->argc > 3 ? ctx->argv[3] : NULL;

    struct db_schema *schema = read_schema(schema_file);
    struct ovsdb *db = load_db(db_file, dst_file != NULL);
    struct ovsdb *new_db;
    check_error(ovsdb_convert(db, schema, &new_db));

    json_t *schema_json = db_schema_to_json(schema);
    struct db_error *error;
    if (dst_file) {
        /* Like ovsdb-tool, replace an existing DST. */
        if (unlink(dst_file) && errno != ENOENT) {
            svs_fatal(errno, "%s: could not remove", dst_file);
        }
        struct ovsdb_storage *dst;
        check_error(ovsdb_storage_create(dst_file, schema_json, &dst));
        error = ovsdb_storage_replace(dst, schema_json, put_converted_rows,
                                      new_db);
        ovsdb_storage_close(dst);
        if (error) {
            unlink(dst_file);
        }
    } else {
        error = ovsdb_storage_replace(db->storage, schema_json,
                                      put_converted_rows, new_db);
    }
    check_error(error);

    json_decref(schema_json);
    ovsdb_destroy(new_db);
    ovsdb_destroy(db);
    db_schema_destroy(schema);
    free(db_file);
    free(schema_file);
}
