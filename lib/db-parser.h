/* db-parser.h: checked access to the members of a JSON object.
 *
 * What: RFC 7047 messages and schemas are JSON objects with required and
 * optional members of given types.  A 'struct db_parser' wraps one such
 * object: each db_parser_member() call fetches a member and checks its
 * type, and db_parser_finish() reports the first problem found,
 * including members that were present but never asked for.  Errors are
 * "syntax error"s whose details read, for example,
 *     Parsing database schema failed: Required 'name' member is missing.
 *
 * Usage:
 *     struct db_parser p;
 *     db_parser_init(&p, json, "table schema for %s", name);
 *     const json_t *cols = db_parser_member(&p, "columns", OP_OBJECT);
 *     const json_t *root = db_parser_member(&p, "isRoot",
 *                                           OP_BOOLEAN | OP_OPTIONAL);
 *     struct db_error *error = db_parser_finish(&p);
 *
 * After the first error, further member calls return NULL. */
#ifndef SVS_DB_PARSER_H
#define SVS_DB_PARSER_H 1

#include <jansson.h>
#include <stdbool.h>
#include "compiler.h"
#include "sset.h"

struct db_error;

enum db_parser_types {
    OP_NULL = 1 << 0,
    OP_FALSE = 1 << 1,
    OP_TRUE = 1 << 2,
    OP_BOOLEAN = OP_FALSE | OP_TRUE,
    OP_INTEGER = 1 << 3,
    OP_NONINTEGER = 1 << 4,     /* A real (JSON number with fraction). */
    OP_NUMBER = OP_INTEGER | OP_NONINTEGER,
    OP_STRING = 1 << 5,
    OP_ARRAY = 1 << 6,
    OP_OBJECT = 1 << 7,
    OP_ID = 1 << 8,             /* A string that is an RFC 7047 <id>. */
    OP_ANY = (OP_NULL | OP_BOOLEAN | OP_NUMBER | OP_STRING | OP_ARRAY
              | OP_OBJECT),
    OP_OPTIONAL = 1 << 10       /* The member may be absent. */
};

struct db_parser {
    char *name;                 /* What is parsed, for error messages. */
    const json_t *json;         /* The object (NULL if not an object). */
    struct sset used;           /* Members fetched so far. */
    struct db_error *error;     /* First error, or NULL. */
};

void db_parser_init(struct db_parser *, const json_t *, const char *name,
                    ...) SVS_PRINTF_FORMAT(3, 4);
const json_t *db_parser_member(struct db_parser *, const char *name,
                               enum db_parser_types);
void db_parser_raise_error(struct db_parser *, const char *format, ...)
    SVS_PRINTF_FORMAT(2, 3);
/* Records 'error' (taking ownership) unless an error is already
 * recorded. */
void db_parser_put_error(struct db_parser *, struct db_error *);
bool db_parser_has_error(const struct db_parser *);
/* Records an error if some member was never fetched.  Returns true if
 * the parser has an error now. */
bool db_parser_check_unused(struct db_parser *);
/* Returns the first error, or an error for an unused member, or NULL;
 * frees the parser's resources.  The caller owns the result. */
struct db_error *db_parser_finish(struct db_parser *)
    SVS_WARN_UNUSED_RESULT;
/* Frees the parser's resources and discards any error. */
void db_parser_destroy(struct db_parser *);

#endif /* db-parser.h */
