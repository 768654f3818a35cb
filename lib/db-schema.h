/* db-schema.h: OVSDB database schemas (RFC 7047 section 3.2).
 *
 * What: a 'struct db_schema' is a parsed <database-schema>: name, version,
 * optional cksum, and tables, each with columns (every table implicitly
 * has the columns _uuid and _version, at indexes DB_COL_UUID and
 * DB_COL_VERSION), isRoot, maxRows and indexes.  Parsing validates
 * everything RFC 7047 requires (identifiers, types, refTable names that
 * exist, indexes over known non-ephemeral columns...) and resolves
 * refTable names to table pointers.
 *
 * Column numbering: columns are numbered in the order _uuid, _version,
 * then the schema's columns in name order; 'index' is stable for a given
 * schema and indexes a row's array of datums.
 *
 * Thread-safety: immutable after parsing. */
#ifndef SVS_DB_SCHEMA_H
#define SVS_DB_SCHEMA_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"
#include "db-types.h"
#include "shash.h"

struct db_error;

enum {
    DB_COL_UUID = 0,
    DB_COL_VERSION = 1,
    DB_N_STD_COLUMNS = 2
};

struct db_column {
    unsigned int index;         /* Position in the table's column array. */
    char *name;
    bool mutable;               /* False: set at insert, never changed. */
    bool persistent;            /* False for "ephemeral" columns. */
    struct db_type type;
};

/* A set of columns, e.g. an index. */
struct db_column_set {
    const struct db_column **columns;
    size_t n_columns;
};

struct db_table_schema {
    char *name;
    bool is_root;               /* "isRoot": not garbage collected. */
    unsigned int max_rows;      /* UINT_MAX if unlimited. */
    struct shash columns;       /* Name -> struct db_column *. */
    struct db_column **column_array;    /* By index; 'n_columns'. */
    size_t n_columns;
    struct db_column_set *indexes;
    size_t n_indexes;
    struct db_schema *schema;   /* Owning schema. */
};

struct db_schema {
    char *name;
    char *version;              /* "" if the schema has none. */
    char *cksum;                /* "" if the schema has none. */
    struct shash tables;        /* Name -> struct db_table_schema *. */
};

struct db_error *db_schema_from_json(const json_t *, struct db_schema **)
    SVS_WARN_UNUSED_RESULT;
struct db_error *db_schema_from_file(const char *file_name,
                                     struct db_schema **)
    SVS_WARN_UNUSED_RESULT;
json_t *db_schema_to_json(const struct db_schema *);
struct db_schema *db_schema_clone(const struct db_schema *);
void db_schema_destroy(struct db_schema *);
bool db_schema_equal(const struct db_schema *, const struct db_schema *);
const struct db_table_schema *db_schema_get_table(const struct db_schema *,
                                                  const char *name);
/* Version strings "x.y.z": true if 's' is valid; compare numerically. */
bool db_version_is_valid(const char *s);
int db_version_compare(const char *a, const char *b);

const struct db_column *db_table_schema_get_column(
    const struct db_table_schema *, const char *name);
json_t *db_table_schema_to_json(const struct db_table_schema *,
                                bool default_is_root);

/* True if 'name' is an RFC 7047 <id>: [a-zA-Z_][a-zA-Z0-9_]*. */
bool db_is_valid_id(const char *name);

#endif /* db-schema.h */
