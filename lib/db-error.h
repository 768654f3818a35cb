/* db-error.h: errors of the OVSDB layer.
 *
 * What: a 'struct db_error *' is the error convention of everything that
 * handles databases (schemas, data, transactions, storage): NULL means
 * success, anything else describes one failure.  Each error has
 *
 *   - 'tag': the RFC 7047 error name sent to clients, such as
 *     "constraint violation", "referential integrity violation",
 *     "syntax error", "unknown database", "I/O error";
 *   - 'details': a human-readable explanation (may be NULL);
 *   - 'syntax': for "syntax error", the offending JSON text (may be NULL).
 *
 * On the wire (RFC 7047 section 3.1) an error is the object
 * {"error": tag, "details": details, "syntax": syntax}.
 *
 * Ownership: functions returning 'struct db_error *' transfer it to the
 * caller, who must db_error_destroy() it or pass it on.  Functions taking
 * one say whether they take ownership.
 *
 * Thread-safety: errors are plain values; distinct errors may be used
 * from distinct threads. */
#ifndef SVS_DB_ERROR_H
#define SVS_DB_ERROR_H 1

#include <jansson.h>
#include <stdarg.h>
#include "compiler.h"

struct db_error {
    char *tag;          /* RFC 7047 error name. */
    char *details;      /* Explanation, or NULL. */
    char *syntax;       /* Offending JSON text, or NULL. */
    int errno_;         /* For "I/O error": errno value, else 0. */
};

struct db_error *db_error(const char *tag, const char *details, ...)
    SVS_PRINTF_FORMAT(2, 3) SVS_WARN_UNUSED_RESULT;
struct db_error *db_error_valist(const char *tag, const char *details,
                                 va_list) SVS_PRINTF_FORMAT(2, 0);
/* An "I/O error" with 'error' (a positive errno value) appended to the
 * details. */
struct db_error *db_io_error(int error, const char *details, ...)
    SVS_PRINTF_FORMAT(2, 3) SVS_WARN_UNUSED_RESULT;
/* A "syntax error" whose 'syntax' is 'json' serialized (may be NULL). */
struct db_error *db_syntax_error(const json_t *json, const char *tag,
                                 const char *details, ...)
    SVS_PRINTF_FORMAT(3, 4) SVS_WARN_UNUSED_RESULT;
/* Returns 'error' with "<prefix>: " prepended to its details. */
struct db_error *db_wrap_error(struct db_error *error, const char *prefix,
                               ...) SVS_PRINTF_FORMAT(2, 3);
struct db_error *db_internal_error(const char *file, int line,
                                   const char *details, ...)
    SVS_PRINTF_FORMAT(3, 4) SVS_WARN_UNUSED_RESULT;
#define DB_BUG(...) db_internal_error(__FILE__, __LINE__, __VA_ARGS__)

struct db_error *db_error_clone(const struct db_error *);
void db_error_destroy(struct db_error *);
const char *db_error_get_tag(const struct db_error *);
const char *db_error_get_details(const struct db_error *);

/* Returns the RFC 7047 JSON form of 'error': a new object. */
json_t *db_error_to_json(const struct db_error *);
/* Like db_error_to_json() and then frees 'error'. */
json_t *db_error_to_json_free(struct db_error *);
/* Returns a malloc'd one-line description, "tag: details". */
char *db_error_to_string(const struct db_error *);
char *db_error_to_string_free(struct db_error *);

#endif /* db-error.h */
