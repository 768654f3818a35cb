/* table.c: tables of cells for the output of command-line tools.
 *
 * Cells are rendered to text only when a table is printed, because the
 * text depends on the style.  The layout rules follow ovsdb-client's
 * output exactly; the comments on each format say what they are. */
#include <config.h>
#include "table.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db-data.h"
#include "db-error.h"
#include "db-types.h"
#include "dynamic-string.h"
#include "json.h"
#include "util.h"
#include "uuid.h"

/* Construction and destruction. */

void
table_init(struct table *table)
{
    memset(table, 0, sizeof *table);
    table->timestamp = -1;
}

void
table_destroy(struct table *table)
{
    if (!table) {
        return;
    }
    for (size_t i = 0; i < table->n_rows * table->n_columns; i++) {
        table_cell_clear(&table->cells[i]);
    }
    free(table->cells);
    for (size_t i = 0; i < table->n_columns; i++) {
        free(table->columns[i].heading);
    }
    free(table->columns);
    free(table->caption);
}

void
table_set_caption(struct table *table, char *caption)
{
    free(table->caption);
    table->caption = caption;
}

/* Makes 'table' print 'wall_msec' (milliseconds since the epoch, as from
 * time_wall_msec()) as its timestamp, or no timestamp if 'wall_msec' is
 * negative. */
void
table_set_timestamp(struct table *table, long long int wall_msec)
{
    table->timestamp = wall_msec < 0 ? -1 : wall_msec;
}

void
table_add_column(struct table *table, const char *heading)
{
    svs_assert(!table->n_rows);
    if (table->n_columns >= table->allocated_columns) {
        table->columns = x2nrealloc(table->columns,
                                    &table->allocated_columns,
                                    sizeof *table->columns);
    }
    table->columns[table->n_columns++].heading = xstrdup(heading);
}

void
table_add_column_format(struct table *table, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *heading = xvasprintf(format, args);
    va_end(args);

    table_add_column(table, heading);
    free(heading);
}

void
table_add_row(struct table *table)
{
    if (table->n_rows >= table->allocated_rows) {
        size_t old = table->allocated_rows;
        size_t row_size = MAX(table->n_columns, 1) * sizeof *table->cells;
        table->cells = x2nrealloc(table->cells, &table->allocated_rows,
                                  row_size);
        memset((char *) table->cells + old * row_size, 0,
               (table->allocated_rows - old) * row_size);
    }
    table->n_rows++;
    table->current_column = 0;
}

struct table_cell *
table_add_cell(struct table *table)
{
    svs_assert(table->n_rows > 0);
    svs_assert(table->current_column < table->n_columns);
    return table_cell_at(table, table->n_rows - 1, table->current_column++);
}

void
table_add_cell_text(struct table *table, const char *text)
{
    table_cell_set_text(table_add_cell(table), text);
}

void
table_add_cell_format(struct table *table, const char *format, ...)
{
    struct table_cell *cell = table_add_cell(table);
    va_list args;

    table_cell_clear(cell);
    va_start(args, format);
    cell->text = xvasprintf(format, args);
    va_end(args);
}

void
table_add_cell_json(struct table *table, json_t *json,
                    const struct db_type *type)
{
    table_cell_set_json(table_add_cell(table), json, type);
}

struct table_cell *
table_cell_at(const struct table *table, size_t row, size_t column)
{
    svs_assert(row < table->n_rows && column < table->n_columns);
    return &table->cells[row * table->n_columns + column];
}

void
table_cell_set_text(struct table_cell *cell, const char *text)
{
    table_cell_clear(cell);
    cell->text = xstrdup(text);
}

void
table_cell_set_json(struct table_cell *cell, json_t *json,
                    const struct db_type *type)
{
    table_cell_clear(cell);
    cell->json = json;
    cell->type = json ? type : NULL;
}

void
table_cell_clear(struct table_cell *cell)
{
    free(cell->text);
    cell->text = NULL;
    json_decref(cell->json);
    cell->json = NULL;
    cell->type = NULL;
}

/* Styles and options. */

bool
table_parse_format(struct table_style *style, const char *format)
{
    static const struct {
        const char *name;
        enum table_format format;
    } formats[] = {
        { "table", TF_TABLE },
        { "list", TF_LIST },
        { "html", TF_HTML },
        { "csv", TF_CSV },
        { "json", TF_JSON },
    };

    for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
        if (!strcmp(format, formats[i].name)) {
            style->format = formats[i].format;
            return true;
        }
    }
    return false;
}

bool
table_parse_cell_format(struct table_style *style, const char *format)
{
    if (!strcmp(format, "string")) {
        style->cell_format = CF_STRING;
    } else if (!strcmp(format, "bare")) {
        style->cell_format = CF_BARE;
    } else if (!strcmp(format, "json")) {
        style->cell_format = CF_JSON;
    } else {
        return false;
    }
    return true;
}

void
table_option_format(struct table_style *style, const char *format)
{
    if (!table_parse_format(style, format)) {
        svs_fatal(0, "unknown output format \"%s\"", format);
    }
}

void
table_option_cell_format(struct table_style *style, const char *format)
{
    if (!table_parse_cell_format(style, format)) {
        svs_fatal(0, "unknown data format \"%s\"", format);
    }
}

void
table_usage(void)
{
    printf("\nOutput formatting options:\n"
           "  -f, --format=FORMAT         set output formatting to FORMAT\n"
           "                              (\"table\", \"html\", \"csv\", "
           "or \"json\")\n"
           "  -d, --data=FORMAT           set table cell output formatting "
           "to\n"
           "                              FORMAT (\"string\", \"bare\", "
           "or \"json\")\n"
           "  --no-headings               omit table heading row\n"
           "  --pretty                    pretty-print JSON in output\n"
           "  --bare                      equivalent to "
           "\"--format=list --data=bare --no-headings\"\n");
}

/* JSON text as ovsdb-client prints it. */

static void json_put(const json_t *, bool pretty, int depth, struct ds *);

static void
json_put_indent(struct ds *ds, int depth)
{
    ds_put_char(ds, '\n');
    ds_put_char_multiple(ds, ' ', depth * 2);
}

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

/* In the pretty layout an object always breaks the line after '{', even
 * when empty, and the closing '}' follows the last member. */
static void
json_put_object(const json_t *json, bool pretty, int depth, struct ds *ds)
{
    size_t n = json_object_size(json);
    const char **keys = xmalloc((n ? n : 1) * sizeof *keys);
    const char *key;
    json_t *value;
    size_t i = 0;

    json_object_foreach ((json_t *) json, key, value) {
        keys[i++] = key;
    }
    qsort(keys, n, sizeof *keys, compare_strings);

    ds_put_char(ds, '{');
    if (pretty) {
        json_put_indent(ds, depth + 1);
    }
    for (i = 0; i < n; i++) {
        if (i) {
            ds_put_char(ds, ',');
            if (pretty) {
                json_put_indent(ds, depth + 1);
            }
        }
        /* A key is a JSON string: let json.c escape it. */
        json_t *key_json = json_string_nocheck(keys[i]);
        json_to_ds(key_json, 0, ds);
        json_decref(key_json);
        ds_put_cstr(ds, pretty ? ": " : ":");
        json_put(json_object_get(json, keys[i]), pretty, depth + 1, ds);
    }
    ds_put_char(ds, '}');
    free(keys);
}

/* In the pretty layout a nonempty array puts each element on its own
 * line; an empty array is "[]". */
static void
json_put_array(const json_t *json, bool pretty, int depth, struct ds *ds)
{
    size_t n = json_array_size(json);

    ds_put_char(ds, '[');
    for (size_t i = 0; i < n; i++) {
        if (i) {
            ds_put_char(ds, ',');
        }
        if (pretty) {
            json_put_indent(ds, depth + 1);
        }
        json_put(json_array_get(json, i), pretty, depth + 1, ds);
    }
    ds_put_char(ds, ']');
}

static void
json_put(const json_t *json, bool pretty, int depth, struct ds *ds)
{
    if (json && json_is_object(json)) {
        json_put_object(json, pretty, depth, ds);
    } else if (json && json_is_array(json)) {
        json_put_array(json, pretty, depth, ds);
    } else {
        json_to_ds(json, 0, ds);
    }
}

void
table_json_to_ds(const json_t *json, bool pretty, struct ds *ds)
{
    json_put(json, pretty, 0, ds);
}

char *
table_json_to_string(const json_t *json, bool pretty)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    table_json_to_ds(json, pretty, &ds);
    return ds_steal_cstr(&ds);
}

/* Cell text. */

char *
table_cell_to_text(const struct table_cell *cell,
                   const struct table_style *style)
{
    if (cell->text) {
        return xstrdup(cell->text);
    } else if (!cell->json) {
        return xstrdup("");
    }

    if (cell->type && style->cell_format != CF_JSON) {
        struct db_datum datum;
        struct db_error *error = db_datum_from_json(&datum, cell->type,
                                                    cell->json, NULL);
        if (!error) {
            struct ds s = DS_EMPTY_INITIALIZER;
            if (style->cell_format == CF_BARE) {
                db_datum_to_bare(&datum, cell->type, &s);
            } else {
                db_datum_to_string(&datum, cell->type, &s);
            }
            db_datum_destroy(&datum, cell->type);
            return ds_steal_cstr(&s);
        }
        /* Not a valid value of its type: show the JSON instead. */
        db_error_destroy(error);
    }
    return table_json_to_string(cell->json, false);
}

/* Returns the texts of all of 'table''s cells in 'style', row by row. */
static char **
table_cell_texts(const struct table *table, const struct table_style *style)
{
    size_t n = table->n_rows * table->n_columns;
    char **texts = xmalloc((n ? n : 1) * sizeof *texts);

    for (size_t i = 0; i < n; i++) {
        texts[i] = table_cell_to_text(&table->cells[i], style);
    }
    return texts;
}

static void
table_free_texts(const struct table *table, char **texts)
{
    for (size_t i = 0; i < table->n_rows * table->n_columns; i++) {
        free(texts[i]);
    }
    free(texts);
}

/* 'wall_msec' as "YYYY-MM-DD HH:MM:SS.mmm" in UTC. */
static void
table_put_time(long long int wall_msec, struct ds *ds)
{
    ds_put_strftime_msec(ds, "%Y-%m-%d %H:%M:%S", wall_msec, true);
    ds_put_format(ds, ".%03lld", wall_msec % 1000);
}

/* A timestamp line. */
static void
table_put_timestamp(const struct table *table, struct ds *ds)
{
    if (table->timestamp >= 0) {
        table_put_time(table->timestamp, ds);
        ds_put_char(ds, '\n');
    }
}

static void
table_put_caption_line(const struct table *table, struct ds *ds)
{
    if (table->caption) {
        ds_put_format(ds, "%s\n", table->caption);
    }
}

/* Ends the line that started at offset 'line_start' of 'ds': drops its
 * trailing spaces and adds a new-line. */
static void
ds_put_line_end(struct ds *ds, size_t line_start)
{
    size_t length = ds->length;

    while (length > line_start && ds->string[length - 1] == ' ') {
        length--;
    }
    ds_truncate(ds, length);
    ds_put_char(ds, '\n');
}

/* One line of the "table" format: each of the 'n' 'texts' truncated or
 * padded to its column's width in 'widths', separated by spaces. */
static void
table_put_line(const char **texts, const size_t *widths, size_t n,
               struct ds *ds)
{
    size_t line_start = ds->length;

    for (size_t x = 0; x < n; x++) {
        size_t len = MIN(strlen(texts[x]), widths[x]);
        if (x) {
            ds_put_char(ds, ' ');
        }
        ds_put_buffer(ds, texts[x], len);
        ds_put_char_multiple(ds, ' ', widths[x] - len);
    }
    ds_put_line_end(ds, line_start);
}

/* "table": each column as wide as its widest cell or heading (in bytes),
 * cells left-aligned and separated by one space, and trailing spaces
 * removed from every line (so a last column is never padded, and even a
 * value's own trailing spaces disappear there).  --max-column-width caps
 * the width, but never below the heading when headings are printed, and
 * truncates longer cells, bytewise. */
static void
table_format_table(const struct table *table,
                   const struct table_style *style, struct ds *ds)
{
    char **texts = table_cell_texts(table, style);
    size_t n_columns = table->n_columns;
    size_t *widths = xcalloc(n_columns ? n_columns : 1, sizeof *widths);

    for (size_t x = 0; x < n_columns; x++) {
        size_t width = 0;
        for (size_t y = 0; y < table->n_rows; y++) {
            width = MAX(width, strlen(texts[y * n_columns + x]));
        }
        if (style->max_column_width > 0
            && width > (size_t) style->max_column_width) {
            width = style->max_column_width;
        }
        if (style->headings) {
            width = MAX(width, strlen(table->columns[x].heading));
        }
        widths[x] = width;
    }

    table_put_timestamp(table, ds);
    table_put_caption_line(table, ds);
    if (style->headings) {
        const char **headings = xmalloc(MAX(n_columns, 1)
                                        * sizeof *headings);
        for (size_t x = 0; x < n_columns; x++) {
            headings[x] = table->columns[x].heading;
        }
        table_put_line(headings, widths, n_columns, ds);
        free(headings);

        size_t line_start = ds->length;
        for (size_t x = 0; x < n_columns; x++) {
            if (x) {
                ds_put_char(ds, ' ');
            }
            ds_put_char_multiple(ds, '-', widths[x]);
        }
        ds_put_line_end(ds, line_start);
    }

    for (size_t y = 0; y < table->n_rows; y++) {
        table_put_line((const char **) &texts[y * n_columns], widths,
                       n_columns, ds);
    }

    free(widths);
    table_free_texts(table, texts);
}

/* "list": "%-20s: %s" per cell, or just the value without headings, with
 * a blank line between rows. */
static void
table_format_list(const struct table *table, const struct table_style *style,
                  struct ds *ds)
{
    char **texts = table_cell_texts(table, style);

    table_put_timestamp(table, ds);
    table_put_caption_line(table, ds);
    for (size_t y = 0; y < table->n_rows; y++) {
        if (y) {
            ds_put_char(ds, '\n');
        }
        for (size_t x = 0; x < table->n_columns; x++) {
            const char *text = texts[y * table->n_columns + x];
            if (style->headings) {
                ds_put_format(ds, "%-20s: ", table->columns[x].heading);
            }
            ds_put_format(ds, "%s\n", text);
        }
    }
    table_free_texts(table, texts);
}

/* HTML text: escapes the characters special in HTML. */
static void
html_put_escaped(struct ds *ds, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&':
            ds_put_cstr(ds, "&amp;");
            break;
        case '<':
            ds_put_cstr(ds, "&lt;");
            break;
        case '>':
            ds_put_cstr(ds, "&gt;");
            break;
        case '"':
            ds_put_cstr(ds, "&quot;");
            break;
        default:
            ds_put_char(ds, s[i]);
            break;
        }
    }
}

/* HTML element 'element' with 'text' as content, in which each UUID
 * becomes a link to its row, labeled with its first 8 digits. */
static void
html_put_cell(struct ds *ds, const char *element, const char *text)
{
    ds_put_format(ds, "    <%s>", element);
    for (const char *p = text; *p; ) {
        struct uuid uuid;
        if (strlen(p) >= UUID_LEN && uuid_from_string_prefix(&uuid, p)) {
            ds_put_format(ds, "<a href=\"#%.*s\">%.8s</a>", UUID_LEN, p, p);
            p += UUID_LEN;
        } else {
            html_put_escaped(ds, p, 1);
            p++;
        }
    }
    ds_put_format(ds, "</%s>\n", element);
}

/* "html": a cell in a column headed "_uuid" is the anchor that the UUID
 * links elsewhere point to. */
static void
table_format_html(const struct table *table, const struct table_style *style,
                  struct ds *ds)
{
    char **texts = table_cell_texts(table, style);

    table_put_timestamp(table, ds);
    ds_put_cstr(ds, "<table border=1>\n");
    if (table->caption) {
        ds_put_cstr(ds, "    <caption>");
        html_put_escaped(ds, table->caption, strlen(table->caption));
        ds_put_cstr(ds, "</caption>\n");
    }
    if (style->headings) {
        ds_put_cstr(ds, "  <tr>\n");
        for (size_t x = 0; x < table->n_columns; x++) {
            html_put_cell(ds, "th", table->columns[x].heading);
        }
        ds_put_cstr(ds, "  </tr>\n");
    }
    for (size_t y = 0; y < table->n_rows; y++) {
        ds_put_cstr(ds, "  <tr>\n");
        for (size_t x = 0; x < table->n_columns; x++) {
            const char *text = texts[y * table->n_columns + x];
            if (!strcmp(table->columns[x].heading, "_uuid")) {
                ds_put_cstr(ds, "    <td><a name=\"");
                html_put_escaped(ds, text, strlen(text));
                ds_put_cstr(ds, "\">");
                html_put_escaped(ds, text, MIN(strlen(text), 8));
                ds_put_cstr(ds, "</a></td>\n");
            } else {
                html_put_cell(ds, "td", text);
            }
        }
        ds_put_cstr(ds, "  </tr>\n");
    }
    ds_put_cstr(ds, "</table>\n");
    table_free_texts(table, texts);
}

/* CSV field: quoted, with quotes doubled, only if it contains a quote, a
 * comma or a new-line. */
static void
csv_put_field(struct ds *ds, const char *text)
{
    if (!strpbrk(text, "\",\n")) {
        ds_put_cstr(ds, text);
        return;
    }
    ds_put_char(ds, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"') {
            ds_put_char(ds, '"');
        }
        ds_put_char(ds, *p);
    }
    ds_put_char(ds, '"');
}

static void
table_format_csv(const struct table *table, const struct table_style *style,
                 struct ds *ds)
{
    char **texts = table_cell_texts(table, style);

    table_put_timestamp(table, ds);
    table_put_caption_line(table, ds);
    if (style->headings) {
        for (size_t x = 0; x < table->n_columns; x++) {
            if (x) {
                ds_put_char(ds, ',');
            }
            csv_put_field(ds, table->columns[x].heading);
        }
        ds_put_char(ds, '\n');
    }
    for (size_t y = 0; y < table->n_rows; y++) {
        for (size_t x = 0; x < table->n_columns; x++) {
            if (x) {
                ds_put_char(ds, ',');
            }
            csv_put_field(ds, texts[y * table->n_columns + x]);
        }
        ds_put_char(ds, '\n');
    }
    table_free_texts(table, texts);
}

/* "json": {"caption": ..., "data": [[cell...]...], "headings": [...],
 * "time": ...}, members sorted.  Headings are present even with
 * --no-headings.  Text cells are strings, JSON cells their JSON, empty
 * cells null. */
static void
table_format_json(const struct table *table, const struct table_style *style,
                  struct ds *ds)
{
    json_t *object = json_object();

    if (table->caption) {
        json_object_put(object, "caption",
                        json_string_nocheck(table->caption));
    }
    if (table->timestamp >= 0) {
        struct ds time = DS_EMPTY_INITIALIZER;
        table_put_time(table->timestamp, &time);
        json_object_put(object, "time", json_string_take(
                            ds_steal_cstr(&time)));
    }

    json_t *headings = json_array();
    for (size_t x = 0; x < table->n_columns; x++) {
        json_array_add(headings,
                       json_string_nocheck(table->columns[x].heading));
    }
    json_object_put(object, "headings", headings);

    json_t *data = json_array();
    for (size_t y = 0; y < table->n_rows; y++) {
        json_t *row = json_array();
        for (size_t x = 0; x < table->n_columns; x++) {
            const struct table_cell *cell = table_cell_at(table, y, x);
            json_array_add(row, (cell->text ? json_string_nocheck(cell->text)
                                 : cell->json ? json_incref(cell->json)
                                 : json_null()));
        }
        json_array_add(data, row);
    }
    json_object_put(object, "data", data);

    table_json_to_ds(object, style->pretty, ds);
    ds_put_char(ds, '\n');
    json_decref(object);
}

void
table_format(const struct table *table, const struct table_style *style,
             struct ds *ds)
{
    switch (style->format) {
    case TF_TABLE:
        table_format_table(table, style, ds);
        break;
    case TF_LIST:
        table_format_list(table, style, ds);
        break;
    case TF_HTML:
        table_format_html(table, style, ds);
        break;
    case TF_CSV:
        table_format_csv(table, style, ds);
        break;
    case TF_JSON:
        table_format_json(table, style, ds);
        break;
    default:
        SVS_NOT_REACHED();
    }
}

/* Whether table_print() printed a table or table_print_preamble() some
 * text before, and whether the next table follows a preamble. */
static bool printed_before;
static bool after_preamble;

static bool
needs_separator(const struct table_style *style)
{
    return (printed_before && !after_preamble
            && (style->format == TF_TABLE || style->format == TF_LIST
                || style->format == TF_CSV));
}

void
table_print_preamble(const struct table_style *style, const char *text)
{
    if (needs_separator(style)) {
        putchar('\n');
    }
    fputs(text, stdout);
    fflush(stdout);
    printed_before = after_preamble = true;
}

void
table_print(const struct table *table, const struct table_style *style)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    if (needs_separator(style)) {
        ds_put_char(&ds, '\n');
    }
    printed_before = true;
    after_preamble = false;

    table_format(table, style, &ds);
    fwrite(ds.string ? ds.string : "", 1, ds.length, stdout);
    fflush(stdout);
    ds_destroy(&ds);
}
