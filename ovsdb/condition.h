/* condition.h: RFC 7047 conditions ("where" clauses) on rows.
 *
 * What: a condition is a list of clauses [column, function, value] (and,
 * in monitor_cond, the literals true and false).  For the "where" of
 * operations, a row matches when every clause holds; for monitor_cond a
 * row matches when any clause holds (ovsdb_condition_match_any()).
 *
 * Functions: == and != compare whole values; includes and excludes test
 * that every element of the value is, or is not, in the column; <, <=, >
 * and >= compare integer or real columns holding exactly one element
 * (an empty optional column never matches them).
 *
 * Thread-safety: conditions are plain values. */
#ifndef SVSDB_CONDITION_H
#define SVSDB_CONDITION_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "compiler.h"
#include "db-data.h"
#include "db-schema.h"

struct db_error;
struct ovsdb_row;

#define OVSDB_FUNCTIONS                         \
    OVSDB_FUNCTION(OVSDB_F_FALSE, "false")      \
    OVSDB_FUNCTION(OVSDB_F_TRUE, "true")        \
    OVSDB_FUNCTION(OVSDB_F_EQ, "==")            \
    OVSDB_FUNCTION(OVSDB_F_INCLUDES, "includes") \
    OVSDB_FUNCTION(OVSDB_F_LE, "<=")            \
    OVSDB_FUNCTION(OVSDB_F_LT, "<")             \
    OVSDB_FUNCTION(OVSDB_F_GE, ">=")            \
    OVSDB_FUNCTION(OVSDB_F_GT, ">")             \
    OVSDB_FUNCTION(OVSDB_F_EXCLUDES, "excludes") \
    OVSDB_FUNCTION(OVSDB_F_NE, "!=")

enum ovsdb_function {
#define OVSDB_FUNCTION(ENUM, NAME) ENUM,
    OVSDB_FUNCTIONS
#undef OVSDB_FUNCTION
    OVSDB_N_FUNCTIONS
};

const char *ovsdb_function_to_string(enum ovsdb_function);
bool ovsdb_function_from_string(const char *, enum ovsdb_function *);

struct ovsdb_clause {
    enum ovsdb_function function;
    const struct db_column *column;     /* NULL for true/false. */
    unsigned int index;                 /* Column index. */
    struct db_datum arg;                /* Of column's type, relaxed. */
};

struct ovsdb_condition {
    struct ovsdb_clause *clauses;
    size_t n_clauses;
    const struct db_table_schema *table;
};

#define OVSDB_CONDITION_INITIALIZER { NULL, 0, NULL }

void ovsdb_condition_init(struct ovsdb_condition *);
bool ovsdb_condition_empty(const struct ovsdb_condition *);
/* Parses 'json', an array of clauses for table 'ts'.  'symtab' resolves
 * named UUIDs (may be NULL). */
struct db_error *ovsdb_condition_from_json(const struct db_table_schema *ts,
                                           const json_t *json,
                                           struct db_symbol_table *symtab,
                                           struct ovsdb_condition *)
    SVS_WARN_UNUSED_RESULT;
json_t *ovsdb_condition_to_json(const struct ovsdb_condition *);
void ovsdb_condition_destroy(struct ovsdb_condition *);
void ovsdb_condition_clone(struct ovsdb_condition *dst,
                           const struct ovsdb_condition *src);
bool ovsdb_condition_equal(const struct ovsdb_condition *,
                           const struct ovsdb_condition *);

/* True if 'row' satisfies every clause (empty: true). */
bool ovsdb_condition_match_every(const struct ovsdb_row *,
                                 const struct ovsdb_condition *);
/* True if 'row' satisfies some clause (empty: false). */
bool ovsdb_condition_match_any(const struct ovsdb_row *,
                               const struct ovsdb_condition *);
/* True if the condition is the single literal true. */
bool ovsdb_condition_is_true(const struct ovsdb_condition *);
bool ovsdb_condition_is_false(const struct ovsdb_condition *);
/* If every row matching the condition must have _uuid == some value,
 * stores that UUID and returns true (lets a lookup replace a scan). */
bool ovsdb_condition_get_uuid(const struct ovsdb_condition *,
                              struct uuid *);

#endif /* condition.h */
