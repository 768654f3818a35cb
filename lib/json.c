/* json.c: serialization, streaming parse and helpers over jansson. */
#include <config.h>
#include "json.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "util.h"

static void
json_serialize(const json_t *json, int flags, int depth, struct ds *ds);

static void
put_indent(struct ds *ds, int depth)
{
    ds_put_char(ds, '\n');
    ds_put_char_multiple(ds, ' ', depth * 2);
}

static void
json_serialize_string(const char *s, size_t len, struct ds *ds)
{
    static const char hex[] = "0123456789abcdef";

    ds_reserve(ds, ds->length + len + 2);
    ds_put_char(ds, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        switch (c) {
        case '"':
            ds_put_cstr(ds, "\\\"");
            break;
        case '\\':
            ds_put_cstr(ds, "\\\\");
            break;
        case '\b':
            ds_put_cstr(ds, "\\b");
            break;
        case '\f':
            ds_put_cstr(ds, "\\f");
            break;
        case '\n':
            ds_put_cstr(ds, "\\n");
            break;
        case '\r':
            ds_put_cstr(ds, "\\r");
            break;
        case '\t':
            ds_put_cstr(ds, "\\t");
            break;
        default:
            if (c < 0x20) {
                char buf[7] = { '\\', 'u', '0', '0', hex[c >> 4],
                                hex[c & 15], '\0' };
                ds_put_cstr(ds, buf);
            } else {
                ds_put_char(ds, c);
            }
            break;
        }
    }
    ds_put_char(ds, '"');
}

static void
json_serialize_real(double d, struct ds *ds)
{
    if (!isfinite(d)) {
        /* JSON has no representation; jansson refuses these values too. */
        ds_put_cstr(ds, "0");
        return;
    }
    /* 15 significant digits (DBL_DIG), as Open vSwitch prints reals, so
     * that svs and its clients agree byte for byte.  Negative zero prints
     * as 0. */
    char buf[32];
    snprintf(buf, sizeof buf, "%.15g", d == 0 ? 0.0 : d);
    ds_put_cstr(ds, buf);
}

void
json_put_string(struct ds *ds, const char *s, size_t len)
{
    json_serialize_string(s, len, ds);
}

void
json_put_real(struct ds *ds, double d)
{
    json_serialize_real(d, ds);
}

static int
compare_keys(const void *a_, const void *b_)
{
    const char *const *a = a_;
    const char *const *b = b_;
    return strcmp(*a, *b);
}

static void
json_serialize_object(const json_t *json, int flags, int depth, struct ds *ds)
{
    size_t n = json_object_size(json);
    const char *key;
    json_t *value;

    ds_put_char(ds, '{');
    if (!n) {
        ds_put_char(ds, '}');
        return;
    }

    const char **keys = xmalloc(n * sizeof *keys);
    size_t i = 0;
    json_object_foreach ((json_t *) json, key, value) {
        keys[i++] = key;
    }
    if (flags & JSSF_SORT) {
        qsort(keys, n, sizeof *keys, compare_keys);
    }
    for (i = 0; i < n; i++) {
        if (i) {
            ds_put_char(ds, ',');
        }
        if (flags & JSSF_PRETTY) {
            put_indent(ds, depth + 1);
        }
        json_serialize_string(keys[i], strlen(keys[i]), ds);
        ds_put_char(ds, ':');
        if (flags & JSSF_PRETTY) {
            ds_put_char(ds, ' ');
        }
        json_serialize(json_object_get(json, keys[i]), flags, depth + 1, ds);
    }
    if (flags & JSSF_PRETTY) {
        put_indent(ds, depth);
    }
    ds_put_char(ds, '}');
    free(keys);
}

/* Pretty arrays of scalars stay on one line, which keeps uuid pairs and
 * sets readable. */
static bool
array_is_simple(const json_t *json)
{
    size_t i;
    json_t *elem;
    json_array_foreach (json, i, elem) {
        if (json_is_object(elem) || json_is_array(elem)) {
            return false;
        }
    }
    return true;
}

static void
json_serialize_array(const json_t *json, int flags, int depth, struct ds *ds)
{
    size_t n = json_array_size(json);
    bool pretty = (flags & JSSF_PRETTY) && !array_is_simple(json);

    ds_put_char(ds, '[');
    for (size_t i = 0; i < n; i++) {
        if (i) {
            ds_put_char(ds, ',');
            if ((flags & JSSF_PRETTY) && !pretty) {
                ds_put_char(ds, ' ');
            }
        }
        if (pretty) {
            put_indent(ds, depth + 1);
        }
        json_serialize(json_array_get(json, i), flags, depth + 1, ds);
    }
    if (pretty && n) {
        put_indent(ds, depth);
    }
    ds_put_char(ds, ']');
}

static void
json_serialize(const json_t *json, int flags, int depth, struct ds *ds)
{
    if (!json) {
        ds_put_cstr(ds, "null");
        return;
    }
    switch (json_typeof(json)) {
    case JSON_OBJECT:
        json_serialize_object(json, flags, depth, ds);
        break;
    case JSON_ARRAY:
        json_serialize_array(json, flags, depth, ds);
        break;
    case JSON_STRING:
        json_serialize_string(json_string_value(json),
                              json_string_length(json), ds);
        break;
    case JSON_INTEGER:
        ds_put_format(ds, "%lld", (long long) json_integer_value(json));
        break;
    case JSON_REAL:
        json_serialize_real(json_real_value(json), ds);
        break;
    case JSON_TRUE:
        ds_put_cstr(ds, "true");
        break;
    case JSON_FALSE:
        ds_put_cstr(ds, "false");
        break;
    case JSON_NULL:
    default:
        ds_put_cstr(ds, "null");
        break;
    }
}

void
json_to_ds(const json_t *json, int flags, struct ds *ds)
{
    json_serialize(json, flags, 0, ds);
}

char *
json_to_string(const json_t *json, int flags)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    json_to_ds(json, flags, &ds);
    return ds_steal_cstr(&ds);
}

/* Open vSwitch reads a number whose value is an integer as an integer,
 * whatever its spelling ("1000.0", "1e3"), and an integer too large for
 * 64 bits as a real.  jansson does neither, so the parsed tree is fixed
 * up to match: svs must read the same values from the same text. */
static void
fix_numbers(json_t *json)
{
    const char *key;
    json_t *value;
    size_t i;

    switch (json_typeof(json)) {
    case JSON_OBJECT:
        json_object_foreach (json, key, value) {
            if (json_is_real(value)) {
                double d = json_real_value(value);
                if (d == floor(d) && d > -9223372036854775808.0
                    && d < 9223372036854775808.0) {
                    json_object_set_new_nocheck(json, key,
                                                json_integer((json_int_t) d));
                }
            } else if (json_is_object(value) || json_is_array(value)) {
                fix_numbers(value);
            }
        }
        break;
    case JSON_ARRAY:
        json_array_foreach (json, i, value) {
            if (json_is_real(value)) {
                double d = json_real_value(value);
                if (d == floor(d) && d > -9223372036854775808.0
                    && d < 9223372036854775808.0) {
                    json_array_set_new(json, i,
                                       json_integer((json_int_t) d));
                }
            } else if (json_is_object(value) || json_is_array(value)) {
                fix_numbers(value);
            }
        }
        break;
    case JSON_STRING:
    case JSON_INTEGER:
    case JSON_REAL:
    case JSON_TRUE:
    case JSON_FALSE:
    case JSON_NULL:
    default:
        break;
    }
}

json_t *
json_from_buffer_err(const char *s, size_t len, char **errorp)
{
    json_error_t error;
    json_t *json = json_loadb(s, len, JSON_DECODE_ANY, &error);
    if (!json && strstr(error.text, "too big")) {
        /* An integer beyond 64 bits: read every number as a real, then
         * turn the integral ones back into integers (exact below 2**53,
         * which covers every realistic message that also holds such a
         * huge number). */
        json = json_loadb(s, len, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL,
                          &error);
    }
    if (json) {
        if (json_is_real(json)) {
            double d = json_real_value(json);
            if (d == floor(d) && d > -9223372036854775808.0
                && d < 9223372036854775808.0) {
                json_decref(json);
                json = json_integer((json_int_t) d);
            }
        } else {
            fix_numbers(json);
        }
    }
    if (!json) {
        if (errorp) {
            *errorp = xasprintf("line %d, column %d, byte %d: %s",
                                error.line, error.column, error.position,
                                error.text);
        }
        return NULL;
    }
    if (errorp) {
        *errorp = NULL;
    }
    return json;
}

json_t *
json_from_string_err(const char *s, char **errorp)
{
    return json_from_buffer_err(s, strlen(s), errorp);
}

json_t *
json_from_file_err(const char *file_name, char **errorp)
{
    char *contents;
    size_t len;
    int error = read_whole_file(file_name, &contents, &len);
    if (error) {
        if (errorp) {
            *errorp = xasprintf("%s: open failed (%s)", file_name,
                                svs_strerror(error));
        }
        return NULL;
    }

    char *parse_error;
    json_t *json = json_from_buffer_err(contents, len, &parse_error);
    free(contents);
    if (!json) {
        if (errorp) {
            *errorp = xasprintf("%s: %s", file_name, parse_error);
        }
        free(parse_error);
        return NULL;
    }
    if (errorp) {
        *errorp = NULL;
    }
    return json;
}

/* The streaming parser checks the structure of the input as it arrives,
 * byte by byte, without building values: it finds where each top-level
 * value ends and rejects malformed input at the first bad byte (so that a
 * peer sending garbage is cut off at once, not when the buffer fills).
 * jansson then parses each complete value, so values are validated in one
 * place (numbers, UTF-8, escapes).
 *
 * The automaton: 'state' says what may come next; a stack of container
 * kinds ('{' or '[') tracks nesting. */
enum json_parser_state {
    JP_START,           /* Before the top-level value. */
    JP_VALUE,           /* A value is expected. */
    JP_ARRAY_FIRST,     /* After '[': a value or ']'. */
    JP_OBJECT_FIRST,    /* After '{': a name or '}'. */
    JP_NAME,            /* After ',' in an object: a name. */
    JP_COLON,           /* After a name: ':'. */
    JP_AFTER_VALUE,     /* After a value: ',' or the closing bracket. */
    JP_STRING,          /* Inside a string. */
    JP_ESCAPE,          /* After a backslash inside a string. */
    JP_UNICODE,         /* Inside \uXXXX ('n_hex' digits seen). */
    JP_NUMBER,          /* Inside a number. */
    JP_LITERAL,         /* Inside true, false or null. */
    JP_DONE,            /* Complete value buffered. */
    JP_ERROR            /* Error detected; 'error' set. */
};

#define SVS_JSON_MAX_DEPTH 1024

struct json_parser {
    enum json_parser_state state;
    struct ds buffer;           /* Bytes of the current value. */
    size_t max_size;            /* 0 for unlimited. */
    char *error;                /* Error message when state is JP_ERROR. */

    char stack[SVS_JSON_MAX_DEPTH];  /* '{' or '[' per level. */
    size_t depth;
    bool string_is_name;        /* Current string is an object name. */
    int n_hex;                  /* Hex digits seen in \uXXXX. */
    const char *literal;        /* Literal being matched. */
    size_t literal_pos;         /* Bytes of 'literal' matched. */
};

struct json_parser *
json_parser_create(size_t max_size)
{
    struct json_parser *p = xzalloc(sizeof *p);
    p->state = JP_START;
    ds_init(&p->buffer);
    p->max_size = max_size;
    return p;
}

static void
parser_set_error(struct json_parser *p, char *error)
{
    if (p->state != JP_ERROR) {
        p->state = JP_ERROR;
        p->error = error;
    } else {
        free(error);
    }
}

static void
parser_syntax_error(struct json_parser *p, unsigned char c,
                    const char *expected)
{
    parser_set_error(p, xasprintf("syntax error at byte %zu: %s expected, "
                                  "got %s%c%s (0x%02x)", p->buffer.length,
                                  expected, c >= 32 && c < 127 ? "'" : "",
                                  c >= 32 && c < 127 ? c : ' ',
                                  c >= 32 && c < 127 ? "'" : "", c));
}

static bool
is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A value just ended: decides what comes next. */
static void
parser_value_done(struct json_parser *p)
{
    p->state = p->depth ? JP_AFTER_VALUE : JP_DONE;
}

/* Starts a value with byte 'c'.  Returns false on error. */
static bool
parser_start_value(struct json_parser *p, unsigned char c)
{
    switch (c) {
    case '{':
    case '[':
        if (p->depth >= SVS_JSON_MAX_DEPTH) {
            parser_set_error(p, xasprintf("nesting deeper than %d levels",
                                          SVS_JSON_MAX_DEPTH));
            return false;
        }
        p->stack[p->depth++] = c;
        p->state = c == '{' ? JP_OBJECT_FIRST : JP_ARRAY_FIRST;
        return true;
    case '"':
        p->string_is_name = false;
        p->state = JP_STRING;
        return true;
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        p->state = JP_NUMBER;
        return true;
    case 't':
        p->literal = "true";
        break;
    case 'f':
        p->literal = "false";
        break;
    case 'n':
        p->literal = "null";
        break;
    default:
        parser_syntax_error(p, c, "value");
        return false;
    }
    p->literal_pos = 1;
    p->state = JP_LITERAL;
    return true;
}

/* Closes the innermost container with 'c'.  Returns false on error. */
static bool
parser_close(struct json_parser *p, unsigned char c)
{
    char open = p->depth ? p->stack[p->depth - 1] : 0;
    if ((c == '}' && open != '{') || (c == ']' && open != '[')) {
        parser_syntax_error(p, c, open == '{' ? "',' or '}'"
                                               : "',' or ']'");
        return false;
    }
    p->depth--;
    parser_value_done(p);
    return true;
}

/* Processes byte 'c'.  Returns true if it belongs to the current value. */
static bool
parser_byte(struct json_parser *p, unsigned char c)
{
    for (;;) {
        switch (p->state) {
        case JP_START:
            if (is_space(c)) {
                return false;
            } else if (c == '{' || c == '[') {
                return parser_start_value(p, c);
            }
            parser_syntax_error(p, c, "'{' or '['");
            return true;

        case JP_VALUE:
            if (is_space(c)) {
                return true;
            }
            parser_start_value(p, c);
            return true;

        case JP_ARRAY_FIRST:
            if (is_space(c)) {
                return true;
            } else if (c == ']') {
                parser_close(p, c);
                return true;
            }
            parser_start_value(p, c);
            return true;

        case JP_OBJECT_FIRST:
        case JP_NAME:
            if (is_space(c)) {
                return true;
            } else if (c == '"') {
                p->string_is_name = true;
                p->state = JP_STRING;
            } else if (c == '}' && p->state == JP_OBJECT_FIRST) {
                parser_close(p, c);
            } else {
                parser_syntax_error(p, c, "object member name");
            }
            return true;

        case JP_COLON:
            if (is_space(c)) {
                return true;
            } else if (c == ':') {
                p->state = JP_VALUE;
            } else {
                parser_syntax_error(p, c, "':'");
            }
            return true;

        case JP_AFTER_VALUE:
            if (is_space(c)) {
                return true;
            } else if (c == ',') {
                p->state = p->stack[p->depth - 1] == '{' ? JP_NAME
                                                         : JP_VALUE;
            } else if (c == '}' || c == ']') {
                parser_close(p, c);
            } else {
                parser_syntax_error(p, c, p->stack[p->depth - 1] == '{'
                                    ? "',' or '}'" : "',' or ']'");
            }
            return true;

        case JP_STRING:
            if (c == '"') {
                if (p->string_is_name) {
                    p->state = JP_COLON;
                } else {
                    parser_value_done(p);
                }
            } else if (c == '\\') {
                p->state = JP_ESCAPE;
            } else if (c < 0x20) {
                parser_syntax_error(p, c, "string character (control "
                                    "characters must be escaped)");
            }
            return true;

        case JP_ESCAPE:
            if (strchr("\"\\/bfnrt", c) && c) {
                p->state = JP_STRING;
            } else if (c == 'u') {
                p->n_hex = 0;
                p->state = JP_UNICODE;
            } else {
                parser_syntax_error(p, c, "escape sequence");
            }
            return true;

        case JP_UNICODE:
            if (isxdigit(c)) {
                if (++p->n_hex == 4) {
                    p->state = JP_STRING;
                }
            } else {
                parser_syntax_error(p, c, "hexadecimal digit");
            }
            return true;

        case JP_NUMBER:
            if (isdigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+'
                || c == '-') {
                return true;
            }
            /* The number ended: reprocess 'c' in the next state. */
            parser_value_done(p);
            if (p->state == JP_DONE) {
                return false;
            }
            continue;

        case JP_LITERAL:
            if (c == (unsigned char) p->literal[p->literal_pos]) {
                if (!p->literal[++p->literal_pos]) {
                    parser_value_done(p);
                }
            } else {
                parser_syntax_error(p, c, p->literal);
            }
            return true;

        case JP_DONE:
        case JP_ERROR:
        default:
            return false;
        }
    }
}

size_t
json_parser_feed(struct json_parser *p, const char *data, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (p->state == JP_DONE || p->state == JP_ERROR) {
            return i;
        }
        if (parser_byte(p, data[i])) {
            ds_put_char(&p->buffer, data[i]);
            if (p->max_size && p->buffer.length > p->max_size) {
                parser_set_error(p, xasprintf("input exceeds maximum "
                                              "message size of %zu bytes",
                                              p->max_size));
                return i + 1;
            }
        }
        if (p->state == JP_DONE || p->state == JP_ERROR) {
            return i + 1;
        }
    }
    return i;
}

bool
json_parser_is_done(const struct json_parser *p)
{
    return p->state == JP_DONE || p->state == JP_ERROR;
}

bool
json_parser_has_input(const struct json_parser *p)
{
    return p->state != JP_START;
}

static void
parser_reset(struct json_parser *p)
{
    p->state = JP_START;
    p->depth = 0;
    p->literal = NULL;
    ds_clear(&p->buffer);
    free(p->error);
    p->error = NULL;
    if (p->buffer.allocated > 65536) {
        ds_destroy(&p->buffer);
        ds_init(&p->buffer);
    }
}

const char *
json_parser_done_text(const struct json_parser *p, size_t *n)
{
    if (p->state != JP_DONE) {
        return NULL;
    }
    *n = p->buffer.length;
    return p->buffer.string;
}

void
json_parser_discard(struct json_parser *p)
{
    parser_reset(p);
}

/* Skimming. */

static size_t
skim_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'
                     || s[i] == '\r')) {
        i++;
    }
    return i;
}

/* 's[i]' is the opening quote of a string: returns the index just past
 * its closing quote, or 'n' if there is none. */
static size_t
skim_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\') {
            i++;
        } else if (s[i] == '"') {
            return i + 1;
        }
    }
    return n;
}

/* Returns the index just past the value that starts at 's[i]', or 'n'. */
static size_t
skim_value(const char *s, size_t n, size_t i)
{
    if (i >= n) {
        return n;
    }
    if (s[i] == '"') {
        return skim_string(s, n, i);
    }
    if (s[i] == '{' || s[i] == '[') {
        size_t depth = 0;
        while (i < n) {
            char c = s[i];
            if (c == '"') {
                i = skim_string(s, n, i);
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return n;
    }
    /* A number or a literal. */
    while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']'
           && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') {
        i++;
    }
    return i;
}

bool
json_skim_member(const char *s, size_t n, const char *name,
                 const char **value, size_t *value_len)
{
    size_t name_len = strlen(name);
    size_t i = skim_ws(s, n, 0);
    if (i >= n || s[i] != '{') {
        return false;
    }
    i = skim_ws(s, n, i + 1);
    while (i < n && s[i] == '"') {
        size_t key_end = skim_string(s, n, i);
        bool match = (key_end - i == name_len + 2
                      && !memcmp(s + i + 1, name, name_len));
        i = skim_ws(s, n, key_end);
        if (i >= n || s[i] != ':') {
            return false;
        }
        i = skim_ws(s, n, i + 1);
        size_t end = skim_value(s, n, i);
        if (end > n || end == i) {
            return false;
        }
        if (match) {
            *value = s + i;
            *value_len = end - i;
            return true;
        }
        i = skim_ws(s, n, end);
        if (i < n && s[i] == ',') {
            i = skim_ws(s, n, i + 1);
        } else {
            break;
        }
    }
    return false;
}

json_t *
json_parser_finish(struct json_parser *p, char **errorp)
{
    json_t *json = NULL;
    char *error = NULL;

    switch (p->state) {
    case JP_DONE:
        json = json_from_buffer_err(p->buffer.string, p->buffer.length,
                                    &error);
        break;
    case JP_ERROR:
        error = p->error;
        p->error = NULL;
        break;
    case JP_START:
        error = xstrdup("empty input stream");
        break;
    default:
        error = xstrdup("unexpected end of input");
        break;
    }
    parser_reset(p);
    if (errorp) {
        *errorp = error;
    } else {
        free(error);
    }
    return json;
}

void
json_parser_abort(struct json_parser *p)
{
    if (p) {
        ds_destroy(&p->buffer);
        free(p->error);
        free(p);
    }
}

json_t *
json_string_take(char *s)
{
    json_t *json = json_string(s);
    if (!json) {
        /* Invalid UTF-8: keep the bytes rather than losing the value. */
        json = json_stringn_nocheck(s, strlen(s));
    }
    free(s);
    return json;
}

json_t *
json_array_of(size_t n, ...)
{
    json_t *array = json_array();
    va_list args;
    va_start(args, n);
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(array, va_arg(args, json_t *));
    }
    va_end(args);
    return array;
}

json_t *
json_get(const json_t *json, const char *name)
{
    return json && json_is_object(json) ? json_object_get(json, name) : NULL;
}

void
json_array_add(json_t *array, json_t *elem)
{
    json_array_append_new(array, elem);
}

void
json_object_put(json_t *object, const char *name, json_t *value)
{
    json_object_set_new(object, name, value);
}

const char *
json_type_name(const json_t *json)
{
    if (!json) {
        return "null";
    }
    switch (json_typeof(json)) {
    case JSON_OBJECT: return "object";
    case JSON_ARRAY: return "array";
    case JSON_STRING: return "string";
    case JSON_INTEGER: return "integer";
    case JSON_REAL: return "real";
    case JSON_TRUE: case JSON_FALSE: return "boolean";
    case JSON_NULL: default: return "null";
    }
}
