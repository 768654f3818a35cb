/* test-table.c: prints tables described in JSON with lib/table.
 *
 * usage: test-table [TABLE-OPTIONS] [--timestamp=MSEC] FILE
 *        test-table [--pretty] --json FILE
 *
 * FILE holds a JSON array of tables (a single object is accepted too),
 * each in the form that "ovsdb-client --format=json" prints, plus
 * optional "types":
 *
 *     {"caption": "B table",                  (optional)
 *      "headings": ["_uuid", "n", "Type"],
 *      "types": ["uuid", "integer", "json"],  (optional)
 *      "data": [[["uuid", "..."], 1, {"key": "string"}], ...]}
 *
 * A column whose type is an OVSDB <type> holds typed JSON cells; "json"
 * marks arbitrary JSON cells; a null or absent type makes string cells
 * text.  A null cell is an empty cell in every column.  Each table is
 * printed with table_print() in the style the options select.
 *
 * With --json, prints FILE's JSON the way table_json_to_string() does
 * instead, followed by a new-line. */
#include <config.h>

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db-error.h"
#include "db-types.h"
#include "dynamic-string.h"
#include "json.h"
#include "table.h"
#include "util.h"

static struct db_type *
parse_column_type(const json_t *json, bool *is_json)
{
    *is_json = false;
    if (!json || json_is_null(json)) {
        return NULL;
    }
    if (json_is_string(json) && !strcmp(json_string_value(json), "json")) {
        *is_json = true;
        return NULL;
    }

    struct db_type *type = xmalloc(sizeof *type);
    struct db_error *error = db_type_from_json(type, json);
    if (error) {
        svs_fatal(0, "bad column type: %s", db_error_to_string_free(error));
    }
    return type;
}

static void
print_table(const json_t *spec, const struct table_style *style,
            long long int timestamp)
{
    const json_t *headings = json_get(spec, "headings");
    const json_t *types = json_get(spec, "types");
    const json_t *data = json_get(spec, "data");
    const json_t *caption = json_get(spec, "caption");
    size_t n_columns = json_array_size(headings);
    struct table table;

    if (!json_is_array(headings) || !json_is_array(data)) {
        svs_fatal(0, "table needs \"headings\" and \"data\" arrays");
    }

    struct db_type **column_types = xcalloc(n_columns ? n_columns : 1,
                                            sizeof *column_types);
    bool *column_is_json = xcalloc(n_columns ? n_columns : 1,
                                   sizeof *column_is_json);
    table_init(&table);
    if (json_is_string(caption)) {
        table_set_caption(&table, xstrdup(json_string_value(caption)));
    }
    table_set_timestamp(&table, timestamp);
    for (size_t x = 0; x < n_columns; x++) {
        table_add_column(&table,
                         json_string_value(json_array_get(headings, x)));
        column_types[x] = parse_column_type(json_array_get(types, x),
                                            &column_is_json[x]);
    }

    size_t y;
    json_t *row;
    json_array_foreach (data, y, row) {
        table_add_row(&table);
        for (size_t x = 0; x < n_columns; x++) {
            json_t *cell = json_array_get(row, x);
            if (!cell || json_is_null(cell)) {
                table_add_cell(&table);
            } else if (column_types[x]) {
                table_add_cell_json(&table, json_incref(cell),
                                    column_types[x]);
            } else if (column_is_json[x] || !json_is_string(cell)) {
                table_add_cell_json(&table, json_incref(cell), NULL);
            } else {
                table_add_cell_text(&table, json_string_value(cell));
            }
        }
    }

    table_print(&table, style);
    table_destroy(&table);

    for (size_t x = 0; x < n_columns; x++) {
        if (column_types[x]) {
            db_type_destroy(column_types[x]);
            free(column_types[x]);
        }
    }
    free(column_types);
    free(column_is_json);
}

static void usage(void) SVS_NO_RETURN;

static void
usage(void)
{
    printf("%s: prints tables described in JSON\n"
           "usage: %s [OPTIONS] [--timestamp=MSEC] FILE\n"
           "       %s [--pretty] --json FILE\n",
           program_name, program_name, program_name);
    table_usage();
    exit(EXIT_SUCCESS);
}

int
main(int argc, char *argv[])
{
    enum {
        OPT_TIMESTAMP = UCHAR_MAX + 1,
        OPT_JSON,
        TABLE_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"timestamp", required_argument, NULL, OPT_TIMESTAMP},
        {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},
        TABLE_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    struct table_style style = TABLE_STYLE_DEFAULT;
    long long int timestamp = -1;
    bool json_mode = false;

    set_program_name(argv[0]);
    for (;;) {
        int c = getopt_long(argc, argv, "f:d:h", long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_TIMESTAMP:
            if (!str_to_llong(optarg, 10, &timestamp)) {
                svs_fatal(0, "bad timestamp %s", optarg);
            }
            break;

        case OPT_JSON:
            json_mode = true;
            break;

        case 'h':
            usage();

        TABLE_OPTION_HANDLERS(&style)

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
    if (optind + 1 != argc) {
        svs_fatal(0, "exactly one FILE argument required (use --help)");
    }

    char *error;
    json_t *json = json_from_file_err(argv[optind], &error);
    if (!json) {
        svs_fatal(0, "%s", error);
    }

    if (json_mode) {
        char *s = table_json_to_string(json, style.pretty);
        printf("%s\n", s);
        free(s);
    } else if (json_is_array(json)) {
        size_t i;
        json_t *spec;
        json_array_foreach (json, i, spec) {
            print_table(spec, &style, timestamp);
        }
    } else {
        print_table(json, &style, timestamp);
    }
    json_decref(json);
    return 0;
}
