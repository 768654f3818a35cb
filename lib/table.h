/* table.h: tables of cells for the output of command-line tools.
 *
 * What: a 'struct table' is a caption, a list of column headings and rows
 * of cells, built by a tool (svsdb-client, svs-vsctl) and printed in one
 * of the output formats that ovsdb-client and ovs-vsctl offer, byte for
 * byte:
 *
 *   table   aligned text columns under headings and a line of dashes
 *   list    one "heading : value" line per cell, rows separated by blank
 *           lines
 *   html    an HTML <table>, with UUIDs turned into links
 *   csv     RFC 4180 comma-separated values
 *   json    one JSON object per table: {"caption", "data", "headings"}
 *
 * A cell holds either plain text or a JSON value, optionally with the
 * OVSDB type it has.  A typed cell is rendered according to the "data"
 * style: in the ovs-vsctl syntax (string), the same without punctuation
 * (bare), or as RFC 7047 JSON (json); the json output format always uses
 * JSON.  An untyped JSON cell is always rendered as compact JSON text.
 * An empty cell (neither text nor JSON) prints as nothing, or as null in
 * the json format.
 *
 * Usage:
 *
 *     struct table t;
 *     table_init(&t);
 *     table_set_caption(&t, xstrdup("Bridge table"));
 *     table_add_column(&t, "name");
 *     table_add_column(&t, "ports");
 *     table_add_row(&t);
 *     table_add_cell_text(&t, "br0");
 *     table_add_cell_json(&t, ports_json, &ports_column->type);
 *     table_print(&t, &style);
 *     table_destroy(&t);
 *
 * Options: the TABLE_* option macros below add --format, --data,
 * --no-headings, --pretty, --bare and --max-column-width to a tool's
 * getopt_long() loop, like VLOG_OPTION_ENUMS and friends.
 *
 * Thread-safety: a table has a single owner.  table_print() keeps a
 * process-wide record of whether a table was printed before (to separate
 * tables with blank lines), so only one thread may print tables. */
#ifndef SVS_TABLE_H
#define SVS_TABLE_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"

struct db_type;
struct ds;

/* One cell.  At most one of 'text' and 'json' is nonnull. */
struct table_cell {
    char *text;                 /* Malloc'd plain text, or NULL. */
    json_t *json;               /* Owned JSON value, or NULL. */
    const struct db_type *type; /* OVSDB type of 'json', or NULL if 'json'
                                 * is arbitrary JSON.  Not owned: it must
                                 * outlive the table. */
};

struct table_column {
    char *heading;              /* Malloc'd heading text. */
};

struct table {
    char *caption;              /* Malloc'd; NULL for none. */
    long long int timestamp;    /* Wall-clock msec, or -1 for none. */

    struct table_column *columns;
    size_t n_columns;
    size_t allocated_columns;

    struct table_cell *cells;   /* 'n_rows' rows of 'n_columns' cells. */
    size_t n_rows;
    size_t allocated_rows;
    size_t current_column;      /* Next column for table_add_cell(). */
};

/* Construction and destruction. */
void table_init(struct table *);
void table_destroy(struct table *);
void table_set_caption(struct table *, char *caption);  /* Takes it. */
void table_set_timestamp(struct table *, long long int wall_msec);

/* Adds a column with 'heading' (copied).  All columns must be added before
 * the first row. */
void table_add_column(struct table *, const char *heading);
void table_add_column_format(struct table *, const char *format, ...)
    SVS_PRINTF_FORMAT(2, 3);

/* Starts a new row, whose cells are all empty.  table_add_cell() and
 * friends then fill the row's cells from left to right. */
void table_add_row(struct table *);
/* Returns the next cell of the current row (initially empty) and moves to
 * the following column.  The caller may set one of its members. */
struct table_cell *table_add_cell(struct table *);
void table_add_cell_text(struct table *, const char *text);
void table_add_cell_format(struct table *, const char *format, ...)
    SVS_PRINTF_FORMAT(2, 3);
/* Takes ownership of 'json'.  'type' may be NULL (see struct
 * table_cell). */
void table_add_cell_json(struct table *, json_t *json,
                         const struct db_type *type);

/* Returns the cell at 'row' and 'column'. */
struct table_cell *table_cell_at(const struct table *,
                                 size_t row, size_t column);

/* Sets 'cell' to plain text or JSON, discarding what it held. */
void table_cell_set_text(struct table_cell *, const char *text);
void table_cell_set_json(struct table_cell *, json_t *json,
                         const struct db_type *type);
void table_cell_clear(struct table_cell *);

/* Output styles. */
enum table_format {
    TF_TABLE,                   /* Aligned text columns. */
    TF_LIST,                    /* "heading : value" lines. */
    TF_HTML,                    /* HTML table. */
    TF_CSV,                     /* Comma-separated values. */
    TF_JSON                     /* One JSON object per table. */
};

enum table_cell_format {
    CF_STRING,                  /* ovs-vsctl syntax: [a, b], {k=v}. */
    CF_BARE,                    /* Same without punctuation or quotes. */
    CF_JSON                     /* RFC 7047 JSON. */
};

struct table_style {
    enum table_format format;
    enum table_cell_format cell_format;
    bool headings;              /* Print the heading row? */
    bool pretty;                /* Pretty-print JSON (json format only). */
    int max_column_width;       /* TF_TABLE only; 0 for unlimited. */
};

#define TABLE_STYLE_DEFAULT { TF_TABLE, CF_STRING, true, false, 0 }

/* Parses 'format' ("table", "list", "html", "csv", "json") and
 * 'cell_format' ("string", "bare", "json") into 'style'.  Return false for
 * an unknown name. */
bool table_parse_format(struct table_style *, const char *format);
bool table_parse_cell_format(struct table_style *, const char *format);

/* Options.  Put TABLE_OPTION_ENUMS in the program's option enum,
 * TABLE_LONG_OPTIONS in its struct option array (-f and -d need "f:d:" in
 * its short options) and TABLE_OPTION_HANDLERS(&style) in the switch on
 * getopt_long()'s result.  Errors are fatal, reported with the messages
 * ovsdb-client uses. */
#define TABLE_OPTION_ENUMS                      \
    OPT_NO_HEADINGS,                            \
    OPT_PRETTY,                                 \
    OPT_BARE,                                   \
    OPT_MAX_COLUMN_WIDTH

#define TABLE_LONG_OPTIONS                                              \
    {"format", required_argument, NULL, 'f'},                           \
    {"data", required_argument, NULL, 'd'},                             \
    {"no-headings", no_argument, NULL, OPT_NO_HEADINGS},                \
    {"pretty", no_argument, NULL, OPT_PRETTY},                          \
    {"bare", no_argument, NULL, OPT_BARE},                              \
    {"max-column-width", required_argument, NULL, OPT_MAX_COLUMN_WIDTH}

#define TABLE_OPTION_HANDLERS(STYLE)                            \
    case 'f':                                                   \
        table_option_format(STYLE, optarg);                     \
        break;                                                  \
                                                                \
    case 'd':                                                   \
        table_option_cell_format(STYLE, optarg);                \
        break;                                                  \
                                                                \
    case OPT_NO_HEADINGS:                                       \
        (STYLE)->headings = false;                              \
        break;                                                  \
                                                                \
    case OPT_PRETTY:                                            \
        (STYLE)->pretty = true;                                 \
        break;                                                  \
                                                                \
    case OPT_BARE:                                              \
        (STYLE)->format = TF_LIST;                              \
        (STYLE)->cell_format = CF_BARE;                         \
        (STYLE)->headings = false;                              \
        break;                                                  \
                                                                \
    case OPT_MAX_COLUMN_WIDTH:                                  \
        (STYLE)->max_column_width = atoi(optarg);               \
        break;

/* Like table_parse_format() and table_parse_cell_format(), but exit with
 * an error message for an unknown name. */
void table_option_format(struct table_style *, const char *format);
void table_option_cell_format(struct table_style *, const char *format);
/* Prints the --help text for the options above. */
void table_usage(void);

/* Output. */

/* Prints 'table' on stdout in 'style' and flushes stdout.  Tables after
 * the first one printed by the process are separated from the previous
 * one by a blank line in the formats that need it. */
void table_print(const struct table *, const struct table_style *);
/* Prints 'text' on stdout as a preamble to the next table: preceded by
 * the blank line that separates it from the previous table, if any, which
 * the next table_print() then omits. */
void table_print_preamble(const struct table_style *, const char *text);
/* Appends 'table' in 'style' to 'ds', as table_print() would for the
 * first table of the process. */
void table_format(const struct table *, const struct table_style *,
                  struct ds *);
/* Returns the text of 'cell' in 'style', as the table, list, html and csv
 * formats print it; the caller frees it. */
char *table_cell_to_text(const struct table_cell *,
                         const struct table_style *);

/* Serializes 'json' the way ovsdb-client prints JSON: object members
 * sorted by name, and with 'pretty' the Open vSwitch layout (each member
 * and element on its own indented line, closing brackets at the end of
 * the last one).  No trailing new-line. */
void table_json_to_ds(const json_t *json, bool pretty, struct ds *);
char *table_json_to_string(const json_t *json, bool pretty);

#endif /* table.h */
