/* db-ctl-value.c: values in the ovs-vsctl command-line syntax.
 *
 * The syntax, as ovs-vsctl accepts it (see "Database Values" in
 * svs-vsctl(8)):
 *
 *   - A token is a run of characters up to a delimiter (one of
 *     ":=, []{}!<>") outside double quotes.  Outside quotes a backslash
 *     takes the next character literally; inside quotes it is kept for the
 *     JSON unescaping below.  Quote characters stay in the token.
 *   - A string atom written with a leading double quote is a JSON string
 *     (escapes \" \\ \/ \b \f \n \r \t \uXXXX), otherwise it is the token
 *     itself.  Integers are decimal (with a range "A-B" expanding to every
 *     value in between where the caller allows it), booleans are
 *     true/yes/on/1 or false/no/off/0, UUIDs are in RFC 4122 form or
 *     "@name" references resolved through the symbol table.
 *   - A set is atoms separated by spaces or a comma, optionally in [];
 *     a map is key=value pairs likewise, optionally in {}.
 *
 * The error messages reproduce ovs-vsctl's, including where it reports
 * the character after the end of the argument. */
#include <config.h>
#include "db-ctl.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include "db-ctl-private.h"
#include "db-data.h"
#include "db-error.h"
#include "db-types.h"
#include "dynamic-string.h"
#include "util.h"
#include "uuid.h"

/* The most values an integer range may expand to. */
#define MAX_RANGE 4096

bool
db_ctl_is_delim(int c)
{
    return c != '\0' && strchr(":=, []{}!<>", c) != NULL;
}

const char *
db_ctl_skip_spaces(const char *p)
{
    while (isspace((unsigned char) *p)) {
        p++;
    }
    return p;
}

char *
db_ctl_token_parse(const char **sp, char **tokenp)
{
    const char *start = *sp;
    const char *p = start;
    struct ds out = DS_EMPTY_INITIALIZER;
    bool in_quotes = false;

    while (*p) {
        int c = *p;
        if (c == '\\') {
            if (in_quotes) {
                ds_put_char(&out, '\\');
            }
            p++;
            if (!*p) {
                ds_destroy(&out);
                *tokenp = NULL;
                return xasprintf("%s: backslash at end of argument", start);
            }
            ds_put_char(&out, *p++);
        } else if (c == '"') {
            in_quotes = !in_quotes;
            ds_put_char(&out, c);
            p++;
        } else if (!in_quotes && db_ctl_is_delim(c)) {
            break;
        } else {
            ds_put_char(&out, c);
            p++;
        }
    }
    if (in_quotes) {
        ds_destroy(&out);
        *tokenp = NULL;
        return xasprintf("%s: quoted string extends past end of argument",
                         start);
    }
    *sp = p;
    *tokenp = ds_steal_cstr(&out);
    return NULL;
}

/* Appends the UTF-8 encoding of code point 'c' to 'out'. */
static void
put_utf8(struct ds *out, unsigned int c)
{
    if (c < 0x80) {
        ds_put_char(out, c);
    } else if (c < 0x800) {
        ds_put_char(out, 0xc0 | (c >> 6));
        ds_put_char(out, 0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        ds_put_char(out, 0xe0 | (c >> 12));
        ds_put_char(out, 0x80 | ((c >> 6) & 0x3f));
        ds_put_char(out, 0x80 | (c & 0x3f));
    } else {
        ds_put_char(out, 0xf0 | (c >> 18));
        ds_put_char(out, 0x80 | ((c >> 12) & 0x3f));
        ds_put_char(out, 0x80 | ((c >> 6) & 0x3f));
        ds_put_char(out, 0x80 | (c & 0x3f));
    }
}

/* Parses 4 hex digits at 's' into '*c'. */
static bool
parse_hex4(const char *s, unsigned int *c)
{
    *c = 0;
    for (int i = 0; i < 4; i++) {
        int d = s[i];
        if (!isxdigit(d)) {
            return false;
        }
        *c = (*c << 4) | (isdigit(d) ? d - '0' : (tolower(d) - 'a' + 10));
    }
    return true;
}

/* Unescapes the JSON string body of the 'len' bytes at 'body' (from the
 * token 'token', for messages) into 'out'.  Returns NULL or an error. */
static char *
json_unescape(const char *token, const char *body, size_t len,
              struct ds *out)
{
    const char *end = body + len;
    for (const char *p = body; p < end; ) {
        if (*p == '"') {
            return xasprintf("%s: quoted string may not include "
                             "unescaped \"", token);
        } else if (*p != '\\') {
            ds_put_char(out, *p++);
            continue;
        }
        p++;
        if (p >= end) {
            return xasprintf("%s: quoted string may not end with "
                             "backslash", token);
        }
        switch (*p) {
        case '"': case '\\': case '/':
            ds_put_char(out, *p);
            break;
        case 'b':
            ds_put_char(out, '\b');
            break;
        case 'f':
            ds_put_char(out, '\f');
            break;
        case 'n':
            ds_put_char(out, '\n');
            break;
        case 'r':
            ds_put_char(out, '\r');
            break;
        case 't':
            ds_put_char(out, '\t');
            break;
        case 'u': {
            unsigned int c;
            if (end - p < 5 || !parse_hex4(p + 1, &c)) {
                return xasprintf("%s: malformed \\u escape", token);
            }
            p += 4;
            if (c >= 0xd800 && c < 0xdc00 && end - p >= 7 && p[1] == '\\'
                && p[2] == 'u') {
                unsigned int c2;
                if (parse_hex4(p + 3, &c2) && c2 >= 0xdc00 && c2 < 0xe000) {
                    c = 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00);
                    p += 6;
                }
            }
            if (!c) {
                return xasprintf("%s: null bytes not supported in quoted "
                                 "strings", token);
            }
            put_utf8(out, c);
            break;
        }
        default:
            return xasprintf("%s: bad escape \\%c", token, *p);
        }
        p++;
    }
    return NULL;
}

/* Parses string atom 's' (a token). */
static char *
string_from_token(const char *s, char **outp)
{
    *outp = NULL;
    if (!*s) {
        return xstrdup("An empty string is not valid as input; use \"\" "
                       "to represent the empty string");
    } else if (*s == '"') {
        size_t len = strlen(s);
        if (len < 2 || s[len - 1] != '"') {
            return xasprintf("%s: missing quote at end of quoted string", s);
        }
        struct ds out = DS_EMPTY_INITIALIZER;
        char *error = json_unescape(s, s + 1, len - 2, &out);
        if (error) {
            ds_destroy(&out);
            return error;
        }
        *outp = ds_steal_cstr(&out);
        return NULL;
    } else {
        *outp = xstrdup(s);
        return NULL;
    }
}

/* Parses 's' as an atom of 'base' (without checking constraints). */
static char *
atom_from_token(union db_atom *atom, const struct db_base_type *base,
                const char *s, struct db_symbol_table *symtab)
{
    switch (base->type) {
    case DB_TYPE_INTEGER: {
        long long ll;
        if (!str_to_llong(s, 10, &ll)) {
            return xasprintf("\"%s\" is not a valid integer or range", s);
        }
        atom->integer = ll;
        return NULL;
    }

    case DB_TYPE_REAL: {
        double d;
        if (!str_to_double(s, &d)) {
            return xasprintf("\"%s\" is not a valid real number", s);
        }
        atom->real = d == 0 ? 0.0 : d;
        return NULL;
    }

    case DB_TYPE_BOOLEAN:
        if (!strcmp(s, "true") || !strcmp(s, "yes") || !strcmp(s, "on")
            || !strcmp(s, "1")) {
            atom->boolean = true;
        } else if (!strcmp(s, "false") || !strcmp(s, "no")
                   || !strcmp(s, "off") || !strcmp(s, "0")) {
            atom->boolean = false;
        } else {
            return xasprintf("\"%s\" is not a valid boolean (use \"true\" "
                             "or \"false\")", s);
        }
        return NULL;

    case DB_TYPE_STRING: {
        char *str;
        char *error = string_from_token(s, &str);
        if (error) {
            return error;
        }
        atom->s = db_string_take(str);
        return NULL;
    }

    case DB_TYPE_UUID:
        if (*s == '@' && symtab) {
            struct db_symbol *symbol = db_symbol_table_insert(symtab, s);
            atom->uuid = symbol->uuid;
            if (base->uuid.ref_table_name) {
                if (base->uuid.ref_type == DB_REF_WEAK) {
                    symbol->weak_ref = true;
                } else {
                    symbol->strong_ref = true;
                }
            }
        } else if (!uuid_from_string(&atom->uuid, s)) {
            return xasprintf("\"%s\" is not a valid UUID", s);
        }
        return NULL;

    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        SVS_NOT_REACHED();
    }
}

/* Returns the message of constraint error 'error' (which it frees). */
static char *
constraint_error(struct db_error *error)
{
    return db_error_to_string_free(error);
}

char *
db_ctl_atom_from_string(union db_atom *atom, int64_t *range_end,
                        const struct db_base_type *base, const char *s,
                        struct db_symbol_table *symtab)
{
    if (range_end && base->type == DB_TYPE_INTEGER && *s) {
        const char *dash = strchr(s + 1, '-');
        if (dash) {
            char *first = xmemdup0(s, dash - s);
            long long a, b;
            bool ok = (str_to_llong(first, 10, &a)
                       && str_to_llong(dash + 1, 10, &b));
            free(first);
            if (!ok) {
                return xasprintf("\"%s\" is not a valid integer or range",
                                 s);
            } else if (a > b) {
                return xasprintf("\"%s\" is not a valid range. Range end "
                                 "cannot be before start.", s);
            }
            union db_atom end = { .integer = b };
            atom->integer = a;
            struct db_error *error = db_atom_check_constraints(atom, base);
            if (!error) {
                error = db_atom_check_constraints(&end, base);
            }
            if (error) {
                return constraint_error(error);
            }
            if ((uint64_t) b - (uint64_t) a >= MAX_RANGE) {
                return xasprintf("Range \"%s\" is too long (max %d values)",
                                 s, MAX_RANGE);
            }
            *range_end = b;
            return NULL;
        }
    }
    if (range_end) {
        *range_end = 0;
    }

    char *error = atom_from_token(atom, base, s, symtab);
    if (error) {
        return error;
    }
    if (range_end && base->type == DB_TYPE_INTEGER) {
        *range_end = atom->integer;
    }
    struct db_error *cerror = db_atom_check_constraints(atom, base);
    if (cerror) {
        db_atom_destroy(atom, base->type);
        return constraint_error(cerror);
    }
    return NULL;
}

/* Parses a token at '*sp' as an atom of 'base' (a range if 'range_end' is
 * nonnull), advancing '*sp'. */
static char *
parse_atom_token(const char **sp, const struct db_base_type *base,
                 union db_atom *atom, int64_t *range_end,
                 struct db_symbol_table *symtab)
{
    char *token;
    char *error = db_ctl_token_parse(sp, &token);
    if (!error) {
        error = db_ctl_atom_from_string(atom, range_end, base, token,
                                        symtab);
        free(token);
    }
    return error;
}

/* Returns 'msg' cut at its first null byte, as ovs-vsctl prints messages
 * formatted with a "%c" of the character after the end of the input. */
static char *
cut_at_null(const char *prefix, const char *s, int c, const char *suffix)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    ds_put_format(&ds, "%s: syntax error at \"", prefix);
    if (c) {
        ds_put_char(&ds, c);
        ds_put_format(&ds, "\"%s", suffix);
    }
    (void) s;
    return ds_steal_cstr(&ds);
}

char *
db_ctl_datum_from_string(struct db_datum *datum, const struct db_type *type,
                         const char *s, struct db_symbol_table *symtab)
{
    bool is_map = type->value.type != DB_TYPE_VOID;
    int open = is_map ? '{' : '[';
    int close = is_map ? '}' : ']';
    int end_delim = 0;
    char *error = NULL;

    db_datum_init_empty(datum);

    if (!*s && !db_type_is_scalar(type)) {
        return xasprintf("use \"%s\" to specify the empty %s",
                         is_map ? "{}" : "[]", is_map ? "map" : "set");
    }

    const char *p = db_ctl_skip_spaces(s);
    if (*p == open) {
        end_delim = close;
        p = db_ctl_skip_spaces(p + 1);
    }

    while (*p && *p != end_delim) {
        union db_atom key, value;
        int64_t range_end;

        if (db_ctl_is_delim(*p)) {
            char *english = db_type_to_english(type);
            error = xasprintf("%s: unexpected \"%c\" parsing %s",
                              s, *p, english);
            free(english);
            goto error;
        }

        error = parse_atom_token(&p, &type->key, &key,
                                 (type->key.type == DB_TYPE_INTEGER
                                  ? &range_end : NULL), symtab);
        if (error) {
            goto error;
        }

        if (is_map) {
            p = db_ctl_skip_spaces(p);
            if (*p != '=') {
                db_atom_destroy(&key, type->key.type);
                error = cut_at_null(s, p, *p, " expecting \"=\"");
                goto error;
            }
            p++;
            error = parse_atom_token(&p, &type->value, &value, NULL, symtab);
            if (error) {
                db_atom_destroy(&key, type->key.type);
                goto error;
            }
        }

        if (type->key.type == DB_TYPE_INTEGER && range_end > key.integer) {
            for (int64_t i = key.integer; ; i++) {
                union db_atom a = { .integer = i };
                db_datum_add_unsafe(datum, &a, is_map ? &value : NULL,
                                    type);
                if (i == range_end) {
                    break;
                }
            }
        } else {
            db_datum_add_unsafe(datum, &key, is_map ? &value : NULL, type);
        }
        db_atom_destroy(&key, type->key.type);
        if (is_map) {
            db_atom_destroy(&value, type->value.type);
        }

        p = db_ctl_skip_spaces(p);
        if (*p == ',') {
            p = db_ctl_skip_spaces(p + 1);
        }
    }

    if (end_delim) {
        if (*p != end_delim) {
            error = xasprintf("%s: missing \"%c\" at end of data", s,
                              end_delim);
            goto error;
        }
        p = db_ctl_skip_spaces(p + 1);
        if (*p) {
            error = xasprintf("%s: trailing garbage after \"%c\"", s,
                              end_delim);
            goto error;
        }
    }

    if (datum->n < type->n_min) {
        error = xasprintf("%s: %u value(s) specified but the minimum number "
                          "is %u", s, datum->n, type->n_min);
        goto error;
    } else if (datum->n > type->n_max) {
        error = xasprintf("%s: %u value(s) specified but the maximum number "
                          "is %u", s, datum->n, type->n_max);
        goto error;
    }

    struct db_error *sort_error = db_datum_sort(datum, type);
    if (sort_error) {
        db_error_destroy(sort_error);
        error = xasprintf("%s: %s", s, (is_map ? "map contains duplicate key"
                                        : "set contains duplicate value"));
        goto error;
    }
    return NULL;

error:
    db_datum_destroy(datum, type);
    db_datum_init_empty(datum);
    return error;
}

char *
db_ctl_key_from_string(struct db_datum *datum, const struct db_type *type,
                       const char *s, struct db_symbol_table *symtab)
{
    union db_atom atom;
    char *error = db_ctl_atom_from_string(&atom, NULL, &type->key, s,
                                          symtab);
    db_datum_init_empty(datum);
    if (error) {
        return error;
    }
    db_datum_add_unsafe(datum, &atom, NULL, type);
    db_atom_destroy(&atom, type->key.type);
    return NULL;
}
