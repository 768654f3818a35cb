/* json.h: svs helpers over jansson.
 *
 * svs represents JSON values with jansson's 'json_t' everywhere; this
 * module adds what jansson lacks:
 *
 *   - Serialization in the byte formats svs promises on the wire and to
 *     users (compact, pretty, sorted keys), in one place.
 *   - An incremental parser for byte streams (JSON-RPC), which finds where
 *     each top-level value ends, enforces a size limit and reports errors
 *     with a precise description.
 *   - Parsing a complete string or file with a readable error.
 *
 * Function names here avoid jansson's own names: everything is
 * json_to_*, json_from_*, or json_parser_*.
 *
 * Thread-safety: jansson values are not thread-safe to mutate; reference
 * counts are atomic in jansson >= 2.11, so sharing immutable values between
 * threads is safe.  This module's functions are reentrant. */
#ifndef SVS_JSON_H
#define SVS_JSON_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct ds;

/* Serialization flags. */
enum {
    JSSF_PRETTY = 1 << 0,       /* Multiline, indented output. */
    JSSF_SORT = 1 << 1          /* Object members sorted by name. */
};

/* Returns 'json' serialized as a new string; the caller frees it.  A NULL
 * 'json' serializes as "null". */
char *json_to_string(const json_t *json, int flags);
/* Appends 'json' serialized to 'ds'. */
void json_to_ds(const json_t *json, int flags, struct ds *ds);

/* Appends the JSON string literal for the 'len' bytes at 's' to 'ds', with
 * the escaping json_to_ds() uses. */
void json_put_string(struct ds *ds, const char *s, size_t len);
/* Appends the JSON text of real number 'd' as json_to_ds() prints it. */
void json_put_real(struct ds *ds, double d);

/* Parses 's', which must contain exactly one JSON value (any type,
 * surrounded by optional white space).  On success returns the value and
 * sets '*errorp' (if nonnull) to NULL; on failure returns NULL and stores
 * a malloc'd description in '*errorp'. */
json_t *json_from_string_err(const char *s, char **errorp);
json_t *json_from_buffer_err(const char *s, size_t len, char **errorp);
/* Like json_from_string_err() for the contents of 'file_name'. */
json_t *json_from_file_err(const char *file_name, char **errorp);

/* Incremental parsing of a stream of top-level JSON objects or arrays. */
struct json_parser;

/* Creates a parser that accepts values of at most 'max_size' bytes (0 for
 * no limit). */
struct json_parser *json_parser_create(size_t max_size);
/* Feeds up to 'n' bytes of 'data'.  Returns the number of bytes consumed,
 * which is less than 'n' only if a value is complete (json_parser_is_done)
 * or an error was found; the rest belongs to the next value. */
size_t json_parser_feed(struct json_parser *, const char *data, size_t n);
/* True if a complete value or an error is ready for
 * json_parser_finish(). */
bool json_parser_is_done(const struct json_parser *);
/* True if the parser has consumed anything but white space. */
bool json_parser_has_input(const struct json_parser *);
/* Returns the parsed value, or NULL with '*errorp' set to a malloc'd
 * error message; in either case resets the parser for the next value.
 * May also be called before the value is complete (at end of stream), in
 * which case it reports an "unexpected end of input" error. */
json_t *json_parser_finish(struct json_parser *, char **errorp);

/* When a value is complete (json_parser_is_done() without an error),
 * returns its text and stores its length in '*n'; otherwise NULL.  The text
 * stays valid until the parser is fed, finished or discarded. */
const char *json_parser_done_text(const struct json_parser *, size_t *n);
/* Drops the complete or partial value in the parser, ready for the next. */
void json_parser_discard(struct json_parser *);

/* Finds member 'name' at the top level of the JSON object text 's' of 'n'
 * bytes, which must be well-formed (as json_parser_feed() accepts it),
 * without parsing the other members' values.  On success stores the raw
 * text of the member's value in '*value' and '*value_len' and returns true.
 * A name written with escapes is not recognized. */
bool json_skim_member(const char *s, size_t n, const char *name,
                      const char **value, size_t *value_len);
void json_parser_abort(struct json_parser *);

/* Convenience constructors that never fail (they abort on allocation
 * failure, as the rest of svs does). */
json_t *json_string_take(char *s);     /* Takes ownership of 's'. */
json_t *json_array_of(size_t n, ...);  /* Steals each json_t * argument. */
/* Returns the member 'name' of object 'json' or NULL, for a NULL or
 * non-object 'json' too. */
json_t *json_get(const json_t *json, const char *name);
/* Appends 'elem' to 'array', stealing the reference. */
void json_array_add(json_t *array, json_t *elem);
/* Sets 'name' in 'object' to 'value', stealing the reference. */
void json_object_put(json_t *object, const char *name, json_t *value);
/* Returns a short name for the JSON type of 'json': "object", "array",
 * "string", "integer", "real", "boolean", "null". */
const char *json_type_name(const json_t *json);

#endif /* json.h */
