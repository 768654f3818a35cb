/* db-types.h: OVSDB types (RFC 7047 section 3.2, <type> and <base-type>).
 *
 * What: an atomic type is one of integer, real, boolean, string, uuid
 * (plus "void" for the value of a set or the absent value of a map).  A
 * base type is an atomic type with optional constraints: an enum (a set
 * of allowed values), integer and real bounds, string length bounds, and
 * for uuids a referenced table with a strong or weak reference.  A column
 * type is a key base type, an optional value base type (then it is a map)
 * and the minimum and maximum number of elements.
 *
 * Invariants of a valid 'struct db_type' (db_type_is_valid()):
 *   1. key.type is not DB_TYPE_VOID.
 *   2. n_min is 0 or 1; n_max >= 1 and n_max >= n_min.
 *   3. A base type's constraints fit its atomic type (e.g. only strings
 *      have string length bounds), and every enum value satisfies the
 *      other constraints.
 *
 * Thread-safety: types are immutable once built and may be shared. */
#ifndef SVS_DB_TYPES_H
#define SVS_DB_TYPES_H 1

#include <jansson.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include "compiler.h"

struct db_datum;
struct db_error;
struct db_table_schema;

enum db_atomic_type {
    DB_TYPE_VOID,
    DB_TYPE_INTEGER,
    DB_TYPE_REAL,
    DB_TYPE_BOOLEAN,
    DB_TYPE_STRING,
    DB_TYPE_UUID,
    DB_N_TYPES
};

const char *db_atomic_type_to_string(enum db_atomic_type);
bool db_atomic_type_from_string(const char *, enum db_atomic_type *);
json_t *db_atomic_type_to_json(enum db_atomic_type);
bool db_atomic_type_is_valid(enum db_atomic_type);

enum db_ref_type {
    DB_REF_STRONG,      /* Deleting a referenced row is an error. */
    DB_REF_WEAK         /* Deleting a referenced row removes the ref. */
};

/* An atomic type with constraints. */
struct db_base_type {
    enum db_atomic_type type;

    /* If nonnull, the set of allowed values: a datum of 'type' keys. */
    struct db_datum *enum_;

    union {
        struct {
            int64_t min;        /* INT64_MIN if unconstrained. */
            int64_t max;        /* INT64_MAX if unconstrained. */
        } integer;
        struct {
            double min;         /* -DBL_MAX if unconstrained. */
            double max;         /* DBL_MAX if unconstrained. */
        } real;
        struct {
            unsigned int min_len;   /* In UTF-8 characters; 0 if none. */
            unsigned int max_len;   /* UINT_MAX if unconstrained. */
        } string;
        struct {
            char *ref_table_name;   /* NULL if not a reference. */
            struct db_table_schema *ref_table;  /* Resolved by the schema
                                                 * parser; may be NULL. */
            enum db_ref_type ref_type;
        } uuid;
    };
};

void db_base_type_init(struct db_base_type *, enum db_atomic_type);
void db_base_type_clone(struct db_base_type *dst,
                        const struct db_base_type *src);
void db_base_type_destroy(struct db_base_type *);
bool db_base_type_is_valid(const struct db_base_type *);
bool db_base_type_has_constraints(const struct db_base_type *);
void db_base_type_clear_constraints(struct db_base_type *);
bool db_base_type_is_ref(const struct db_base_type *);
bool db_base_type_is_strong_ref(const struct db_base_type *);
bool db_base_type_is_weak_ref(const struct db_base_type *);
/* Parses RFC 7047 <base-type>: a string naming an atomic type, or an
 * object with "type" and constraint members. */
struct db_error *db_base_type_from_json(struct db_base_type *,
                                        const json_t *)
    SVS_WARN_UNUSED_RESULT;
json_t *db_base_type_to_json(const struct db_base_type *);
/* Compares two base types, constraints included. */
bool db_base_type_equals(const struct db_base_type *,
                         const struct db_base_type *);

/* A column type. */
struct db_type {
    struct db_base_type key;
    struct db_base_type value;  /* DB_TYPE_VOID unless a map. */
    unsigned int n_min;
    unsigned int n_max;         /* UINT_MAX means "unlimited". */
};

void db_type_init(struct db_type *);
void db_type_clone(struct db_type *dst, const struct db_type *src);
void db_type_destroy(struct db_type *);
bool db_type_is_valid(const struct db_type *);
struct db_error *db_type_from_json(struct db_type *, const json_t *)
    SVS_WARN_UNUSED_RESULT;
json_t *db_type_to_json(const struct db_type *);
bool db_type_equals(const struct db_type *, const struct db_type *);
/* Describes 'type' in English, e.g. "set of up to 5 uuids" or "map of
 * (string, integer) pairs"; the caller frees the result. */
char *db_type_to_english(const struct db_type *);

static inline bool
db_type_is_scalar(const struct db_type *type)
{
    return (type->value.type == DB_TYPE_VOID
            && type->n_min == 1 && type->n_max == 1);
}

static inline bool
db_type_is_optional(const struct db_type *type)
{
    return type->n_min == 0;
}

static inline bool
db_type_is_optional_scalar(const struct db_type *type)
{
    return (type->value.type == DB_TYPE_VOID
            && type->n_min == 0 && type->n_max == 1);
}

static inline bool
db_type_is_composite(const struct db_type *type)
{
    return type->n_max > 1;
}

static inline bool
db_type_is_set(const struct db_type *type)
{
    return (type->value.type == DB_TYPE_VOID
            && (type->n_min != 1 || type->n_max != 1));
}

static inline bool
db_type_is_map(const struct db_type *type)
{
    return type->value.type != DB_TYPE_VOID;
}

/* Commonly used scalar types. */
extern const struct db_type db_type_integer;
extern const struct db_type db_type_real;
extern const struct db_type db_type_boolean;
extern const struct db_type db_type_string;
extern const struct db_type db_type_uuid;

#endif /* db-types.h */
