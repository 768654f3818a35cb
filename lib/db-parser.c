/* db-parser.c: checked JSON object member access. */
#include <config.h>
#include "db-parser.h"

#include <stdarg.h>
#include <stdlib.h>
#include "db-error.h"
#include "db-schema.h"
#include "json.h"
#include "util.h"

void
db_parser_init(struct db_parser *p, const json_t *json, const char *name,
               ...)
{
    va_list args;
    va_start(args, name);
    p->name = xvasprintf(name, args);
    va_end(args);

    sset_init(&p->used);
    p->error = NULL;
    p->json = json && json_is_object(json) ? json : NULL;
    if (!p->json) {
        db_parser_raise_error(p, "Object expected.");
    }
}

static bool
type_matches(const json_t *value, enum db_parser_types types)
{
    switch (json_typeof(value)) {
    case JSON_NULL:
        return types & OP_NULL;
    case JSON_FALSE:
        return types & OP_FALSE;
    case JSON_TRUE:
        return types & OP_TRUE;
    case JSON_INTEGER:
        return types & OP_INTEGER;
    case JSON_REAL:
        return types & OP_NONINTEGER;
    case JSON_STRING:
        if (types & OP_STRING) {
            return true;
        }
        return (types & OP_ID) && db_is_valid_id(json_string_value(value));
    case JSON_ARRAY:
        return types & OP_ARRAY;
    case JSON_OBJECT:
        return types & OP_OBJECT;
    default:
        return false;
    }
}

const json_t *
db_parser_member(struct db_parser *p, const char *name,
                 enum db_parser_types types)
{
    if (p->error) {
        return NULL;
    }

    const json_t *value = json_object_get(p->json, name);
    if (!value) {
        if (!(types & OP_OPTIONAL)) {
            db_parser_raise_error(p, "Required '%s' member is missing.", name);
        }
        return NULL;
    }

    if (!type_matches(value, types)) {
        db_parser_raise_error(p, "Type mismatch for member '%s'.", name);
        return NULL;
    }
    sset_add(&p->used, name);
    return value;
}

void
db_parser_raise_error(struct db_parser *p, const char *format, ...)
{
    if (!p->error) {
        va_list args;
        va_start(args, format);
        char *message = xvasprintf(format, args);
        va_end(args);

        p->error = db_syntax_error(p->json, NULL, "Parsing %s failed: %s",
                                   p->name, message);
        free(message);
    }
}

void
db_parser_put_error(struct db_parser *p, struct db_error *error)
{
    if (!p->error) {
        p->error = error;
    } else {
        db_error_destroy(error);
    }
}

bool
db_parser_has_error(const struct db_parser *p)
{
    return p->error != NULL;
}

bool
db_parser_check_unused(struct db_parser *p)
{
    if (!p->error && p->json) {
        const char *key;
        json_t *value;
        json_object_foreach ((json_t *) p->json, key, value) {
            if (!sset_contains(&p->used, key)) {
                db_parser_raise_error(
                    p, "Member '%s' is present but not allowed here.", key);
                break;
            }
        }
    }
    return p->error != NULL;
}

struct db_error *
db_parser_finish(struct db_parser *p)
{
    db_parser_check_unused(p);

    struct db_error *error = p->error;
    p->error = NULL;
    db_parser_destroy(p);
    return error;
}

void
db_parser_destroy(struct db_parser *p)
{
    free(p->name);
    sset_destroy(&p->used);
    db_error_destroy(p->error);
    p->error = NULL;
}
