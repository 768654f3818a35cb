/* mutation.h: RFC 7047 mutations ("mutate" operation).
 *
 * What: a mutation is [column, mutator, value].  The arithmetic mutators
 * +=, -=, *=, /= and %= (integers only) apply to integer and real columns,
 * element by element for sets; insert and delete add elements to or
 * remove them from sets and maps.  Results are checked against the
 * column's constraints: "domain error" for division by zero, "range
 * error" for overflow, "constraint violation" for values or sizes the
 * column does not allow.
 *
 * Thread-safety: mutation sets are plain values. */
#ifndef SVSDB_MUTATION_H
#define SVSDB_MUTATION_H 1

#include <jansson.h>
#include <stddef.h>
#include "compiler.h"
#include "db-data.h"
#include "db-schema.h"

struct db_error;
struct ovsdb_row;

enum ovsdb_mutator {
    OVSDB_M_ADD,
    OVSDB_M_SUB,
    OVSDB_M_MUL,
    OVSDB_M_DIV,
    OVSDB_M_MOD,
    OVSDB_M_INSERT,
    OVSDB_M_DELETE
};

struct ovsdb_mutation {
    enum ovsdb_mutator mutator;
    const struct db_column *column;
    struct db_datum arg;
    struct db_type type;        /* Type of 'arg'. */
};

struct ovsdb_mutation_set {
    struct ovsdb_mutation *mutations;
    size_t n_mutations;
};

struct db_error *ovsdb_mutation_set_from_json(
    const struct db_table_schema *, const json_t *,
    struct db_symbol_table *, struct ovsdb_mutation_set *)
    SVS_WARN_UNUSED_RESULT;
void ovsdb_mutation_set_destroy(struct ovsdb_mutation_set *);
/* Applies the mutations to 'row' (which must be modifiable). */
struct db_error *ovsdb_mutation_set_execute(
    struct ovsdb_row *, const struct ovsdb_mutation_set *)
    SVS_WARN_UNUSED_RESULT;

#endif /* mutation.h */
