/* db-types.c: OVSDB types and their JSON form. */
#include <config.h>
#include "db-types.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "db-data.h"
#include "db-error.h"
#include "db-parser.h"
#include "dynamic-string.h"
#include "json.h"
#include "util.h"

const struct db_type db_type_integer = {
    .key = { .type = DB_TYPE_INTEGER,
             .integer = { INT64_MIN, INT64_MAX } },
    .value = { .type = DB_TYPE_VOID },
    .n_min = 1, .n_max = 1
};

const struct db_type db_type_real = {
    .key = { .type = DB_TYPE_REAL, .real = { -DBL_MAX, DBL_MAX } },
    .value = { .type = DB_TYPE_VOID },
    .n_min = 1, .n_max = 1
};

const struct db_type db_type_boolean = {
    .key = { .type = DB_TYPE_BOOLEAN },
    .value = { .type = DB_TYPE_VOID },
    .n_min = 1, .n_max = 1
};

const struct db_type db_type_string = {
    .key = { .type = DB_TYPE_STRING, .string = { 0, UINT_MAX } },
    .value = { .type = DB_TYPE_VOID },
    .n_min = 1, .n_max = 1
};

const struct db_type db_type_uuid = {
    .key = { .type = DB_TYPE_UUID },
    .value = { .type = DB_TYPE_VOID },
    .n_min = 1, .n_max = 1
};

static const char *const atomic_type_names[DB_N_TYPES] = {
    [DB_TYPE_VOID] = "void",
    [DB_TYPE_INTEGER] = "integer",
    [DB_TYPE_REAL] = "real",
    [DB_TYPE_BOOLEAN] = "boolean",
    [DB_TYPE_STRING] = "string",
    [DB_TYPE_UUID] = "uuid",
};

const char *
db_atomic_type_to_string(enum db_atomic_type type)
{
    return type < DB_N_TYPES ? atomic_type_names[type] : "<invalid>";
}

bool
db_atomic_type_from_string(const char *s, enum db_atomic_type *type)
{
    for (int i = 0; i < DB_N_TYPES; i++) {
        if (!strcmp(s, atomic_type_names[i])) {
            *type = i;
            return true;
        }
    }
    return false;
}

json_t *
db_atomic_type_to_json(enum db_atomic_type type)
{
    return json_string(db_atomic_type_to_string(type));
}

bool
db_atomic_type_is_valid(enum db_atomic_type type)
{
    return type < DB_N_TYPES;
}

static struct db_error *
atomic_type_from_json(enum db_atomic_type *type, const json_t *json)
{
    if (json_is_string(json)) {
        const char *s = json_string_value(json);
        if (db_atomic_type_from_string(s, type)) {
            return NULL;
        }
        return db_syntax_error(json, NULL, "\"%s\" is not an atomic-type", s);
    }
    return db_syntax_error(json, NULL, "atomic-type expected");
}

/* Base types. */

void
db_base_type_init(struct db_base_type *base, enum db_atomic_type type)
{
    memset(base, 0, sizeof *base);
    base->type = type;
    base->enum_ = NULL;
    switch (type) {
    case DB_TYPE_INTEGER:
        base->integer.min = INT64_MIN;
        base->integer.max = INT64_MAX;
        break;
    case DB_TYPE_REAL:
        base->real.min = -DBL_MAX;
        base->real.max = DBL_MAX;
        break;
    case DB_TYPE_STRING:
        base->string.min_len = 0;
        base->string.max_len = UINT_MAX;
        break;
    case DB_TYPE_UUID:
        base->uuid.ref_table_name = NULL;
        base->uuid.ref_table = NULL;
        base->uuid.ref_type = DB_REF_STRONG;
        break;
    case DB_TYPE_VOID:
    case DB_TYPE_BOOLEAN:
    case DB_N_TYPES:
    default:
        break;
    }
}

/* The type of an enum: a set of 'base''s atomic type, unconstrained. */
static void
enum_type_init(struct db_type *type, enum db_atomic_type atomic)
{
    db_type_init(type);
    db_base_type_init(&type->key, atomic);
    type->n_min = 1;
    type->n_max = UINT_MAX;
}

void
db_base_type_clone(struct db_base_type *dst, const struct db_base_type *src)
{
    *dst = *src;
    if (src->enum_) {
        struct db_type type;
        enum_type_init(&type, src->type);
        dst->enum_ = xmalloc(sizeof *dst->enum_);
        db_datum_clone(dst->enum_, src->enum_, &type);
    }
    if (src->type == DB_TYPE_UUID && src->uuid.ref_table_name) {
        dst->uuid.ref_table_name = xstrdup(src->uuid.ref_table_name);
    }
}

void
db_base_type_destroy(struct db_base_type *base)
{
    if (!base) {
        return;
    }
    if (base->enum_) {
        struct db_type type;
        enum_type_init(&type, base->type);
        db_datum_destroy(base->enum_, &type);
        free(base->enum_);
        base->enum_ = NULL;
    }
    if (base->type == DB_TYPE_UUID) {
        free(base->uuid.ref_table_name);
        base->uuid.ref_table_name = NULL;
    }
}

bool
db_base_type_is_valid(const struct db_base_type *base)
{
    switch (base->type) {
    case DB_TYPE_VOID:
        return true;
    case DB_TYPE_INTEGER:
        return base->integer.min <= base->integer.max;
    case DB_TYPE_REAL:
        return base->real.min <= base->real.max;
    case DB_TYPE_BOOLEAN:
        return true;
    case DB_TYPE_STRING:
        return base->string.min_len <= base->string.max_len;
    case DB_TYPE_UUID:
        return true;
    case DB_N_TYPES:
    default:
        return false;
    }
}

bool
db_base_type_has_constraints(const struct db_base_type *base)
{
    if (base->enum_) {
        return true;
    }
    switch (base->type) {
    case DB_TYPE_INTEGER:
        return (base->integer.min != INT64_MIN
                || base->integer.max != INT64_MAX);
    case DB_TYPE_REAL:
        return base->real.min != -DBL_MAX || base->real.max != DBL_MAX;
    case DB_TYPE_STRING:
        return base->string.min_len != 0 || base->string.max_len != UINT_MAX;
    case DB_TYPE_UUID:
        return base->uuid.ref_table_name != NULL;
    case DB_TYPE_VOID:
    case DB_TYPE_BOOLEAN:
    case DB_N_TYPES:
    default:
        return false;
    }
}

void
db_base_type_clear_constraints(struct db_base_type *base)
{
    enum db_atomic_type type = base->type;
    db_base_type_destroy(base);
    db_base_type_init(base, type);
}

bool
db_base_type_is_ref(const struct db_base_type *base)
{
    return base->type == DB_TYPE_UUID && base->uuid.ref_table_name;
}

bool
db_base_type_is_strong_ref(const struct db_base_type *base)
{
    return db_base_type_is_ref(base) && base->uuid.ref_type == DB_REF_STRONG;
}

bool
db_base_type_is_weak_ref(const struct db_base_type *base)
{
    return db_base_type_is_ref(base) && base->uuid.ref_type == DB_REF_WEAK;
}

static struct db_error *
parse_optional_uint(struct db_parser *parser, const char *member,
                    unsigned int *value)
{
    const json_t *json = db_parser_member(parser, member,
                                          OP_INTEGER | OP_OPTIONAL);
    if (json) {
        json_int_t n = json_integer_value(json);
        if (n < 0 || n > UINT_MAX) {
            return db_syntax_error(json, NULL, "%s out of valid range 0 to "
                                   "%u", member, UINT_MAX);
        }
        *value = n;
    }
    return NULL;
}

struct db_error *
db_base_type_from_json(struct db_base_type *base, const json_t *json)
{
    struct db_error *error;

    db_base_type_init(base, DB_TYPE_VOID);
    if (json_is_string(json)) {
        error = atomic_type_from_json(&base->type, json);
        if (!error) {
            db_base_type_init(base, base->type);
        }
        return error;
    } else if (!json_is_object(json)) {
        return db_syntax_error(json, NULL, "base type expected");
    }

    struct db_parser parser;
    db_parser_init(&parser, json, "ovsdb type");
    const json_t *type = db_parser_member(&parser, "type", OP_STRING);
    if (db_parser_has_error(&parser)) {
        return db_parser_finish(&parser);
    }
    error = atomic_type_from_json(&base->type, type);
    if (error) {
        db_parser_destroy(&parser);
        return error;
    }
    db_base_type_init(base, base->type);

    const json_t *enum_ = db_parser_member(&parser, "enum",
                                           OP_ANY | OP_OPTIONAL);
    if (enum_) {
        struct db_type enum_type;
        enum_type_init(&enum_type, base->type);
        base->enum_ = xmalloc(sizeof *base->enum_);
        error = db_datum_from_json(base->enum_, &enum_type, enum_, NULL);
        if (error) {
            free(base->enum_);
            base->enum_ = NULL;
        }
    } else if (base->type == DB_TYPE_INTEGER) {
        const json_t *min = db_parser_member(&parser, "minInteger",
                                             OP_INTEGER | OP_OPTIONAL);
        const json_t *max = db_parser_member(&parser, "maxInteger",
                                             OP_INTEGER | OP_OPTIONAL);
        base->integer.min = min ? json_integer_value(min) : INT64_MIN;
        base->integer.max = max ? json_integer_value(max) : INT64_MAX;
        if (base->integer.min > base->integer.max) {
            error = db_syntax_error(json, NULL,
                                    "minInteger exceeds maxInteger");
        }
    } else if (base->type == DB_TYPE_REAL) {
        const json_t *min = db_parser_member(&parser, "minReal",
                                             OP_NUMBER | OP_OPTIONAL);
        const json_t *max = db_parser_member(&parser, "maxReal",
                                             OP_NUMBER | OP_OPTIONAL);
        base->real.min = min ? json_number_value(min) : -DBL_MAX;
        base->real.max = max ? json_number_value(max) : DBL_MAX;
        if (base->real.min > base->real.max) {
            error = db_syntax_error(json, NULL, "minReal exceeds maxReal");
        }
    } else if (base->type == DB_TYPE_STRING) {
        error = parse_optional_uint(&parser, "minLength",
                                    &base->string.min_len);
        if (!error) {
            error = parse_optional_uint(&parser, "maxLength",
                                        &base->string.max_len);
        }
        if (!error && base->string.min_len > base->string.max_len) {
            error = db_syntax_error(json, NULL,
                                    "minLength exceeds maxLength");
        }
    } else if (base->type == DB_TYPE_UUID) {
        const json_t *ref_table = db_parser_member(&parser, "refTable",
                                                   OP_ID | OP_OPTIONAL);
        if (ref_table) {
            base->uuid.ref_table_name = xstrdup(json_string_value(ref_table));
            base->uuid.ref_table = NULL;

            const json_t *ref_type = db_parser_member(&parser, "refType",
                                                      OP_STRING
                                                      | OP_OPTIONAL);
            if (ref_type) {
                const char *s = json_string_value(ref_type);
                if (!strcmp(s, "strong")) {
                    base->uuid.ref_type = DB_REF_STRONG;
                } else if (!strcmp(s, "weak")) {
                    base->uuid.ref_type = DB_REF_WEAK;
                } else {
                    error = db_syntax_error(json, NULL, "refType must be "
                                            "\"strong\" or \"weak\" (not "
                                            "\"%s\")", s);
                }
            }
        }
    }

    if (error) {
        db_parser_destroy(&parser);
    } else {
        error = db_parser_finish(&parser);
    }
    if (error) {
        db_base_type_destroy(base);
        db_base_type_init(base, DB_TYPE_VOID);
    }
    return error;
}

json_t *
db_base_type_to_json(const struct db_base_type *base)
{
    if (!db_base_type_has_constraints(base)) {
        return db_atomic_type_to_json(base->type);
    }

    json_t *json = json_object();
    json_object_put(json, "type", db_atomic_type_to_json(base->type));
    if (base->enum_) {
        struct db_type type;
        enum_type_init(&type, base->type);
        json_object_put(json, "enum", db_datum_to_json(base->enum_, &type));
    }

    switch (base->type) {
    case DB_TYPE_INTEGER:
        if (base->integer.min != INT64_MIN) {
            json_object_put(json, "minInteger",
                            json_integer(base->integer.min));
        }
        if (base->integer.max != INT64_MAX) {
            json_object_put(json, "maxInteger",
                            json_integer(base->integer.max));
        }
        break;
    case DB_TYPE_REAL:
        if (base->real.min != -DBL_MAX) {
            json_object_put(json, "minReal", json_real(base->real.min));
        }
        if (base->real.max != DBL_MAX) {
            json_object_put(json, "maxReal", json_real(base->real.max));
        }
        break;
    case DB_TYPE_STRING:
        if (base->string.min_len != 0) {
            json_object_put(json, "minLength",
                            json_integer(base->string.min_len));
        }
        if (base->string.max_len != UINT_MAX) {
            json_object_put(json, "maxLength",
                            json_integer(base->string.max_len));
        }
        break;
    case DB_TYPE_UUID:
        if (base->uuid.ref_table_name) {
            json_object_put(json, "refTable",
                            json_string(base->uuid.ref_table_name));
            if (base->uuid.ref_type == DB_REF_WEAK) {
                json_object_put(json, "refType", json_string("weak"));
            }
        }
        break;
    case DB_TYPE_VOID:
    case DB_TYPE_BOOLEAN:
    case DB_N_TYPES:
    default:
        break;
    }
    return json;
}

bool
db_base_type_equals(const struct db_base_type *a,
                    const struct db_base_type *b)
{
    if (a->type != b->type) {
        return false;
    }
    if (!a->enum_ != !b->enum_) {
        return false;
    }
    if (a->enum_) {
        struct db_type type;
        enum_type_init(&type, a->type);
        if (!db_datum_equals(a->enum_, b->enum_, &type)) {
            return false;
        }
    }
    switch (a->type) {
    case DB_TYPE_INTEGER:
        return (a->integer.min == b->integer.min
                && a->integer.max == b->integer.max);
    case DB_TYPE_REAL:
        return a->real.min == b->real.min && a->real.max == b->real.max;
    case DB_TYPE_STRING:
        return (a->string.min_len == b->string.min_len
                && a->string.max_len == b->string.max_len);
    case DB_TYPE_UUID:
        if (!a->uuid.ref_table_name || !b->uuid.ref_table_name) {
            return !a->uuid.ref_table_name && !b->uuid.ref_table_name;
        }
        return (!strcmp(a->uuid.ref_table_name, b->uuid.ref_table_name)
                && a->uuid.ref_type == b->uuid.ref_type);
    case DB_TYPE_VOID:
    case DB_TYPE_BOOLEAN:
    case DB_N_TYPES:
    default:
        return true;
    }
}

/* Column types. */

void
db_type_init(struct db_type *type)
{
    db_base_type_init(&type->key, DB_TYPE_VOID);
    db_base_type_init(&type->value, DB_TYPE_VOID);
    type->n_min = 1;
    type->n_max = 1;
}

void
db_type_clone(struct db_type *dst, const struct db_type *src)
{
    db_base_type_clone(&dst->key, &src->key);
    db_base_type_clone(&dst->value, &src->value);
    dst->n_min = src->n_min;
    dst->n_max = src->n_max;
}

void
db_type_destroy(struct db_type *type)
{
    if (type) {
        db_base_type_destroy(&type->key);
        db_base_type_destroy(&type->value);
    }
}

bool
db_type_is_valid(const struct db_type *type)
{
    return (type->key.type != DB_TYPE_VOID
            && db_base_type_is_valid(&type->key)
            && db_base_type_is_valid(&type->value)
            && type->n_min <= 1
            && type->n_max >= 1
            && type->n_min <= type->n_max);
}

static struct db_error *
n_from_json(const json_t *json, unsigned int *n)
{
    if (!json) {
        return NULL;
    } else if (json_is_integer(json) && json_integer_value(json) >= 0
               && json_integer_value(json) <= UINT_MAX) {
        *n = json_integer_value(json);
        return NULL;
    } else {
        return db_syntax_error(json, NULL, "bad min or max value");
    }
}

struct db_error *
db_type_from_json(struct db_type *type, const json_t *json)
{
    struct db_error *error;

    db_type_init(type);
    if (json_is_string(json)) {
        error = db_base_type_from_json(&type->key, json);
        if (error) {
            return error;
        }
    } else if (json_is_object(json)) {
        struct db_parser parser;
        db_parser_init(&parser, json, "ovsdb type");
        const json_t *key = db_parser_member(&parser, "key",
                                             OP_STRING | OP_OBJECT);
        const json_t *value = db_parser_member(&parser, "value",
                                               OP_STRING | OP_OBJECT
                                               | OP_OPTIONAL);
        const json_t *min = db_parser_member(&parser, "min",
                                             OP_INTEGER | OP_OPTIONAL);
        const json_t *max = db_parser_member(&parser, "max",
                                             OP_INTEGER | OP_STRING
                                             | OP_OPTIONAL);
        error = db_parser_finish(&parser);
        if (error) {
            return error;
        }

        error = db_base_type_from_json(&type->key, key);
        if (!error && value) {
            error = db_base_type_from_json(&type->value, value);
        }
        if (!error) {
            error = n_from_json(min, &type->n_min);
        }
        if (!error && max) {
            if (json_is_string(max)) {
                if (!strcmp(json_string_value(max), "unlimited")) {
                    type->n_max = UINT_MAX;
                } else {
                    error = db_syntax_error(max, NULL,
                                            "bad min or max value");
                }
            } else {
                error = n_from_json(max, &type->n_max);
            }
        }
        if (error) {
            db_type_destroy(type);
            db_type_init(type);
            return error;
        }
    } else {
        return db_syntax_error(json, NULL, "ovsdb type expected");
    }

    if (!db_type_is_valid(type)) {
        db_type_destroy(type);
        db_type_init(type);
        return db_syntax_error(json, NULL,
                               "ovsdb type fails constraint checks");
    }
    return NULL;
}

json_t *
db_type_to_json(const struct db_type *type)
{
    if (db_type_is_scalar(type)
        && !db_base_type_has_constraints(&type->key)) {
        return db_base_type_to_json(&type->key);
    }

    json_t *json = json_object();
    json_object_put(json, "key", db_base_type_to_json(&type->key));
    if (type->value.type != DB_TYPE_VOID) {
        json_object_put(json, "value", db_base_type_to_json(&type->value));
    }
    if (type->n_min != 1) {
        json_object_put(json, "min", json_integer(type->n_min));
    }
    if (type->n_max == UINT_MAX) {
        json_object_put(json, "max", json_string("unlimited"));
    } else if (type->n_max != 1) {
        json_object_put(json, "max", json_integer(type->n_max));
    }
    return json;
}

bool
db_type_equals(const struct db_type *a, const struct db_type *b)
{
    return (db_base_type_equals(&a->key, &b->key)
            && db_base_type_equals(&a->value, &b->value)
            && a->n_min == b->n_min
            && a->n_max == b->n_max);
}

char *
db_type_to_english(const struct db_type *type)
{
    const char *key = db_atomic_type_to_string(type->key.type);

    if (db_type_is_scalar(type)) {
        return xstrdup(key);
    }

    struct ds s = DS_EMPTY_INITIALIZER;
    ds_put_cstr(&s, db_type_is_map(type) ? "map of " : "set of ");
    if (type->n_min == 0 && type->n_max == UINT_MAX) {
        /* No quantifier. */
    } else if (type->n_min == 0) {
        ds_put_format(&s, "up to %u ", type->n_max);
    } else if (type->n_max == UINT_MAX) {
        ds_put_format(&s, "%u or more ", type->n_min);
    } else {
        ds_put_format(&s, "%u to %u ", type->n_min, type->n_max);
    }
    if (db_type_is_map(type)) {
        ds_put_format(&s, "(%s, %s) pairs", key,
                      db_atomic_type_to_string(type->value.type));
    } else {
        ds_put_format(&s, "%ss", key);
    }
    return ds_steal_cstr(&s);
}
