/* db-data.c: OVSDB atoms and datums. */
#include <config.h>
#include "db-data.h"

#include <ctype.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "db-error.h"
#include "dynamic-string.h"
#include "hash.h"
#include "json.h"
#include "util.h"

/* Strings. */

/* The intern table: open addressing with linear probing over pointers
 * to interned strings, guarded by 'intern_mutex'.  A slot is NULL
 * (empty), TOMBSTONE (deleted) or a string. */
#define TOMBSTONE ((struct db_string *) (uintptr_t) 1)

static pthread_mutex_t intern_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct db_string **intern_slots;
static size_t intern_mask;      /* Slots minus one (a power of 2 minus 1). */
static size_t intern_n;         /* Strings in the table. */
static size_t intern_used;      /* Strings plus tombstones. */

static struct db_string *
string_alloc(const char *s, size_t length)
{
    struct db_string *str = xmalloc(sizeof *str + length + 1);
    str->refcnt = 1;
    str->length = length;
    str->hash = 0;
    str->interned = false;
    memcpy(str->s, s, length);
    str->s[length] = '\0';
    return str;
}

static void
intern_resize(size_t n_slots)
{
    struct db_string **old = intern_slots;
    size_t old_n_slots = old ? intern_mask + 1 : 0;

    intern_slots = xcalloc(n_slots, sizeof *intern_slots);
    intern_mask = n_slots - 1;
    intern_used = intern_n;
    for (size_t i = 0; i < old_n_slots; i++) {
        struct db_string *str = old[i];
        if (str && str != TOMBSTONE) {
            size_t j = str->hash & intern_mask;
            while (intern_slots[j]) {
                j = (j + 1) & intern_mask;
            }
            intern_slots[j] = str;
        }
    }
    free(old);
}

struct db_string *
db_string_create(const char *s, size_t length)
{
    if (length > DB_STRING_INTERN_MAX) {
        return string_alloc(s, length);
    }

    uint32_t hash = hash_bytes(s, length, 0);
    pthread_mutex_lock(&intern_mutex);
    if (!intern_slots || (intern_used + 1) * 4 > (intern_mask + 1) * 3) {
        size_t n_slots = intern_slots ? intern_mask + 1 : 1024;
        while (n_slots * 3 <= (intern_n + 1) * 4 * 2) {
            n_slots *= 2;
        }
        intern_resize(n_slots);
    }

    size_t tomb = SIZE_MAX;
    size_t i = hash & intern_mask;
    for (;;) {
        struct db_string *str = intern_slots[i];
        if (!str) {
            break;
        } else if (str == TOMBSTONE) {
            if (tomb == SIZE_MAX) {
                tomb = i;
            }
        } else if (str->hash == hash && str->length == length
                   && !memcmp(str->s, s, length)) {
            /* May resurrect a string whose count just reached zero; its
             * owner rechecks the count under the mutex before freeing. */
            __atomic_add_fetch(&str->refcnt, 1, __ATOMIC_RELAXED);
            pthread_mutex_unlock(&intern_mutex);
            return str;
        }
        i = (i + 1) & intern_mask;
    }

    struct db_string *str = string_alloc(s, length);
    str->hash = hash;
    str->interned = true;
    if (tomb != SIZE_MAX) {
        i = tomb;
    } else {
        intern_used++;
    }
    intern_slots[i] = str;
    intern_n++;
    pthread_mutex_unlock(&intern_mutex);
    return str;
}

struct db_string *
db_string_create_cstr(const char *s)
{
    return db_string_create(s, strlen(s));
}

struct db_string *
db_string_take(char *s)
{
    struct db_string *str = db_string_create_cstr(s);
    free(s);
    return str;
}

void
db_string_unref(struct db_string *s)
{
    if (!s || __atomic_sub_fetch(&s->refcnt, 1, __ATOMIC_ACQ_REL)) {
        return;
    }
    if (!s->interned) {
        free(s);
        return;
    }

    pthread_mutex_lock(&intern_mutex);
    if (!__atomic_load_n(&s->refcnt, __ATOMIC_ACQUIRE)) {
        size_t i = s->hash & intern_mask;
        while (intern_slots[i] != s) {
            i = (i + 1) & intern_mask;
        }
        intern_slots[i] = TOMBSTONE;
        intern_n--;
        free(s);
    }
    pthread_mutex_unlock(&intern_mutex);
}

void
db_string_intern_stats(size_t *n_strings, size_t *n_refs)
{
    pthread_mutex_lock(&intern_mutex);
    *n_strings = intern_n;
    *n_refs = 0;
    for (size_t i = 0; intern_slots && i <= intern_mask; i++) {
        struct db_string *str = intern_slots[i];
        if (str && str != TOMBSTONE) {
            *n_refs += str->refcnt;
        }
    }
    pthread_mutex_unlock(&intern_mutex);
}

/* The shared empty string used by default atoms.  Its reference count
 * starts so high that it can never drop to zero. */
static struct db_string *
empty_string(void)
{
    static struct db_string *empty;
    struct db_string *s = __atomic_load_n(&empty, __ATOMIC_ACQUIRE);
    if (!s) {
        struct db_string *new = string_alloc("", 0);
        new->refcnt = UINT_MAX / 2;
        if (__atomic_compare_exchange_n(&empty, &s, new, false,
                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            s = new;
        } else {
            free(new);
        }
    }
    return s;
}

/* Atoms. */

void
db_atom_init_default(union db_atom *atom, enum db_atomic_type type)
{
    switch (type) {
    case DB_TYPE_INTEGER:
        atom->integer = 0;
        break;
    case DB_TYPE_REAL:
        atom->real = 0.0;
        break;
    case DB_TYPE_BOOLEAN:
        atom->boolean = false;
        break;
    case DB_TYPE_STRING:
        atom->s = db_string_ref(empty_string());
        break;
    case DB_TYPE_UUID:
        uuid_zero(&atom->uuid);
        break;
    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        SVS_NOT_REACHED();
    }
}

const union db_atom *
db_atom_default(enum db_atomic_type type)
{
    static union db_atom defaults[DB_N_TYPES];
    static bool inited;

    if (!inited) {
        for (int i = DB_TYPE_INTEGER; i < DB_N_TYPES; i++) {
            db_atom_init_default(&defaults[i], i);
        }
        inited = true;
    }
    return &defaults[type];
}

bool
db_atom_is_default(const union db_atom *atom, enum db_atomic_type type)
{
    switch (type) {
    case DB_TYPE_INTEGER:
        return atom->integer == 0;
    case DB_TYPE_REAL:
        return atom->real == 0.0;
    case DB_TYPE_BOOLEAN:
        return !atom->boolean;
    case DB_TYPE_STRING:
        return atom->s->length == 0;
    case DB_TYPE_UUID:
        return uuid_is_zero(&atom->uuid);
    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        SVS_NOT_REACHED();
    }
}

void
db_atom_clone(union db_atom *dst, const union db_atom *src,
              enum db_atomic_type type)
{
    *dst = *src;
    if (type == DB_TYPE_STRING) {
        db_string_ref(dst->s);
    }
}

void
db_atom_destroy(union db_atom *atom, enum db_atomic_type type)
{
    if (type == DB_TYPE_STRING) {
        db_string_unref(atom->s);
    }
}

void
db_atom_swap(union db_atom *a, union db_atom *b)
{
    union db_atom tmp = *a;
    *a = *b;
    *b = tmp;
}

uint32_t
db_atom_hash(const union db_atom *atom, enum db_atomic_type type,
             uint32_t basis)
{
    switch (type) {
    case DB_TYPE_INTEGER:
        return hash_uint64_basis(atom->integer, basis);
    case DB_TYPE_REAL:
        return hash_double(atom->real, basis);
    case DB_TYPE_BOOLEAN:
        return hash_boolean(atom->boolean, basis);
    case DB_TYPE_STRING:
        return hash_bytes(atom->s->s, atom->s->length, basis);
    case DB_TYPE_UUID:
        return hash_int(uuid_hash(&atom->uuid), basis);
    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        SVS_NOT_REACHED();
    }
}

int
db_atom_compare_3way(const union db_atom *a, const union db_atom *b,
                     enum db_atomic_type type)
{
    switch (type) {
    case DB_TYPE_INTEGER:
        return a->integer < b->integer ? -1 : a->integer > b->integer;
    case DB_TYPE_REAL:
        return a->real < b->real ? -1 : a->real > b->real;
    case DB_TYPE_BOOLEAN:
        return a->boolean - b->boolean;
    case DB_TYPE_STRING:
        if (a->s == b->s) {
            return 0;
        }
        return strcmp(a->s->s, b->s->s);
    case DB_TYPE_UUID:
        return uuid_compare_3way(&a->uuid, &b->uuid);
    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        SVS_NOT_REACHED();
    }
}

bool
db_atom_equals(const union db_atom *a, const union db_atom *b,
               enum db_atomic_type type)
{
    switch (type) {
    case DB_TYPE_INTEGER:
        return a->integer == b->integer;
    case DB_TYPE_REAL:
        return a->real == b->real;
    case DB_TYPE_BOOLEAN:
        return a->boolean == b->boolean;
    case DB_TYPE_STRING:
        return (a->s == b->s
                || (a->s->length == b->s->length
                    && !memcmp(a->s->s, b->s->s, a->s->length)));
    case DB_TYPE_UUID:
        return uuid_equals(&a->uuid, &b->uuid);
    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        SVS_NOT_REACHED();
    }
}

static struct db_error *
uuid_from_json(struct uuid *uuid, const json_t *json,
               struct db_symbol_table *symtab)
{
    if (json_is_array(json) && json_array_size(json) == 2
        && json_is_string(json_array_get(json, 0))
        && json_is_string(json_array_get(json, 1))) {
        const char *class = json_string_value(json_array_get(json, 0));
        const char *value = json_string_value(json_array_get(json, 1));

        if (!strcmp(class, "uuid")) {
            if (!uuid_from_string(uuid, value)) {
                return db_syntax_error(json, NULL, "\"%s\" is not a valid "
                                       "UUID", value);
            }
            return NULL;
        } else if (!strcmp(class, "named-uuid") && symtab) {
            struct db_symbol *symbol = db_symbol_table_insert(symtab, value);
            *uuid = symbol->uuid;
            return NULL;
        }
    }
    return db_syntax_error(json, NULL, "expected [\"uuid\", <string>]");
}

static struct db_error *
atom_from_json__(union db_atom *atom, enum db_atomic_type type,
                 const json_t *json, struct db_symbol_table *symtab)
{
    switch (type) {
    case DB_TYPE_INTEGER:
        if (json_is_integer(json)) {
            atom->integer = json_integer_value(json);
            return NULL;
        }
        break;
    case DB_TYPE_REAL:
        if (json_is_number(json)) {
            atom->real = json_number_value(json);
            return NULL;
        }
        break;
    case DB_TYPE_BOOLEAN:
        if (json_is_boolean(json)) {
            atom->boolean = json_is_true(json);
            return NULL;
        }
        break;
    case DB_TYPE_STRING:
        if (json_is_string(json)) {
            atom->s = db_string_create(json_string_value(json),
                                       json_string_length(json));
            return NULL;
        }
        break;
    case DB_TYPE_UUID:
        return uuid_from_json(&atom->uuid, json, symtab);
    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        SVS_NOT_REACHED();
    }
    return db_syntax_error(json, NULL, "expected %s",
                           db_atomic_type_to_string(type));
}

struct db_error *
db_atom_from_json(union db_atom *atom, const struct db_base_type *base,
                  const json_t *json, struct db_symbol_table *symtab)
{
    struct db_error *error = atom_from_json__(atom, base->type, json,
                                              symtab);
    if (error) {
        return error;
    }

    error = db_atom_check_constraints(atom, base);
    if (error) {
        db_atom_destroy(atom, base->type);
    }
    return error;
}

json_t *
db_atom_to_json(const union db_atom *atom, enum db_atomic_type type)
{
    switch (type) {
    case DB_TYPE_INTEGER:
        return json_integer(atom->integer);
    case DB_TYPE_REAL:
        return json_real(atom->real);
    case DB_TYPE_BOOLEAN:
        return json_boolean(atom->boolean);
    case DB_TYPE_STRING: {
        json_t *json = json_stringn(atom->s->s, atom->s->length);
        return json ? json : json_stringn_nocheck(atom->s->s,
                                                  atom->s->length);
    }
    case DB_TYPE_UUID: {
        char s[UUID_LEN + 1];
        uuid_to_string(&atom->uuid, s);
        return json_array_of(2, json_string("uuid"), json_string(s));
    }
    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        SVS_NOT_REACHED();
    }
}

/* Number of UTF-8 characters in 's' (which is valid UTF-8). */
static size_t
utf8_length(const char *s, size_t n)
{
    size_t length = 0;
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char) s[i] & 0xc0) != 0x80) {
            length++;
        }
    }
    return length;
}

static void
put_real(struct ds *ds, double d)
{
    ds_put_format(ds, "%.*g", DBL_DIG, d == 0 ? 0.0 : d);
}

struct db_error *
db_atom_check_constraints(const union db_atom *atom,
                          const struct db_base_type *base)
{
    if (base->enum_) {
        if (db_datum_find_key(base->enum_, atom, base->type) != UINT_MAX) {
            return NULL;
        }

        struct ds atom_s = DS_EMPTY_INITIALIZER;
        struct ds enum_s = DS_EMPTY_INITIALIZER;
        struct db_type enum_type;
        db_type_init(&enum_type);
        enum_type.key.type = base->type;
        enum_type.n_min = 1;
        enum_type.n_max = UINT_MAX;

        db_atom_to_string(atom, base->type, &atom_s);
        db_datum_to_string(base->enum_, &enum_type, &enum_s);
        struct db_error *error = db_error("constraint violation",
                                          "%s is not one of the allowed "
                                          "values (%s)", ds_cstr(&atom_s),
                                          ds_cstr(&enum_s));
        ds_destroy(&atom_s);
        ds_destroy(&enum_s);
        return error;
    }

    switch (base->type) {
    case DB_TYPE_INTEGER: {
        int64_t i = atom->integer;
        int64_t min = base->integer.min, max = base->integer.max;
        if (i >= min && i <= max) {
            return NULL;
        } else if (min != INT64_MIN && max != INT64_MAX) {
            return db_error("constraint violation",
                            "%"PRId64" is not in the valid range %"PRId64
                            " to %"PRId64" (inclusive)", i, min, max);
        } else if (min != INT64_MIN) {
            return db_error("constraint violation",
                            "%"PRId64" is less than minimum allowed value %"
                            PRId64, i, min);
        } else {
            return db_error("constraint violation",
                            "%"PRId64" is greater than maximum allowed value "
                            "%"PRId64, i, max);
        }
    }

    case DB_TYPE_REAL: {
        double d = atom->real;
        double min = base->real.min, max = base->real.max;
        if (d >= min && d <= max) {
            return NULL;
        }
        struct ds s = DS_EMPTY_INITIALIZER;
        put_real(&s, d);
        if (min != -DBL_MAX && max != DBL_MAX) {
            ds_put_cstr(&s, " is not in the valid range ");
            put_real(&s, min);
            ds_put_cstr(&s, " to ");
            put_real(&s, max);
            ds_put_cstr(&s, " (inclusive)");
        } else if (min != -DBL_MAX) {
            ds_put_cstr(&s, " is less than minimum allowed value ");
            put_real(&s, min);
        } else {
            ds_put_cstr(&s, " is greater than maximum allowed value ");
            put_real(&s, max);
        }
        struct db_error *error = db_error("constraint violation", "%s",
                                          ds_cstr(&s));
        ds_destroy(&s);
        return error;
    }

    case DB_TYPE_STRING: {
        size_t len = utf8_length(atom->s->s, atom->s->length);
        if (len >= base->string.min_len && len <= base->string.max_len) {
            return NULL;
        }
        struct ds s = DS_EMPTY_INITIALIZER;
        json_t *json = db_atom_to_json(atom, DB_TYPE_STRING);
        json_to_ds(json, 0, &s);
        json_decref(json);
        if (len < base->string.min_len) {
            ds_put_format(&s, " length %zu is less than minimum allowed "
                          "length %u", len, base->string.min_len);
        } else {
            ds_put_format(&s, " length %zu is greater than maximum "
                          "allowed length %u", len, base->string.max_len);
        }
        struct db_error *error = db_error("constraint violation", "%s",
                                          ds_cstr(&s));
        ds_destroy(&s);
        return error;
    }

    case DB_TYPE_BOOLEAN:
    case DB_TYPE_UUID:
    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        return NULL;
    }
}

/* ovs-vsctl text syntax. */

static bool
string_needs_quotes(const char *s)
{
    const unsigned char *p = (const unsigned char *) s;

    if (!isalpha(*p) && *p != '_') {
        return true;
    }
    for (p++; *p; p++) {
        if (!isalnum(*p) && *p != '_' && *p != '-' && *p != '.') {
            return true;
        }
    }
    return !strcmp(s, "true") || !strcmp(s, "false");
}

void
db_atom_to_string(const union db_atom *atom, enum db_atomic_type type,
                  struct ds *out)
{
    switch (type) {
    case DB_TYPE_INTEGER:
        ds_put_format(out, "%"PRId64, atom->integer);
        break;
    case DB_TYPE_REAL:
        put_real(out, atom->real);
        break;
    case DB_TYPE_BOOLEAN:
        ds_put_cstr(out, atom->boolean ? "true" : "false");
        break;
    case DB_TYPE_STRING:
        if (string_needs_quotes(atom->s->s)) {
            json_t *json = db_atom_to_json(atom, type);
            json_to_ds(json, 0, out);
            json_decref(json);
        } else {
            ds_put_buffer(out, atom->s->s, atom->s->length);
        }
        break;
    case DB_TYPE_UUID:
        ds_put_format(out, UUID_FMT, UUID_ARGS(&atom->uuid));
        break;
    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        SVS_NOT_REACHED();
    }
}

void
db_atom_to_bare(const union db_atom *atom, enum db_atomic_type type,
                struct ds *out)
{
    if (type == DB_TYPE_STRING) {
        ds_put_buffer(out, atom->s->s, atom->s->length);
    } else {
        db_atom_to_string(atom, type, out);
    }
}

/* Parses a possibly quoted string token from 's'.  Quoted strings use
 * JSON escapes. */
static char *
parse_string_token(const char *s, char **out)
{
    if (*s == '"') {
        char *error = NULL;
        json_t *json = json_from_string_err(s, &error);
        if (!json) {
            char *msg = xasprintf("%s: syntax error in quoted string (%s)",
                                  s, error);
            free(error);
            return msg;
        }
        if (!json_is_string(json)) {
            json_decref(json);
            return xasprintf("%s: expected quoted string", s);
        }
        *out = xmemdup0(json_string_value(json), json_string_length(json));
        json_decref(json);
        return NULL;
    }
    *out = xstrdup(s);
    return NULL;
}

static char *
atom_from_string__(union db_atom *atom, const struct db_base_type *base,
                   const char *s, struct db_symbol_table *symtab)
{
    switch (base->type) {
    case DB_TYPE_INTEGER: {
        long long ll;
        if (!str_to_llong(s, 10, &ll)) {
            return xasprintf("\"%s\" is not a valid integer", s);
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
        char *str = NULL;
        char *error = parse_string_token(s, &str);
        if (error) {
            return error;
        }
        atom->s = db_string_take(str);
        return NULL;
    }
    case DB_TYPE_UUID:
        if (*s == '@') {
            struct db_symbol *symbol = (symtab
                                        ? db_symbol_table_insert(symtab, s)
                                        : NULL);
            if (!symbol) {
                return xasprintf("\"%s\" is not a valid UUID", s);
            }
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

char *
db_atom_from_string(union db_atom *atom, union db_atom **range_end,
                    const struct db_base_type *base, const char *s,
                    struct db_symbol_table *symtab)
{
    if (range_end) {
        *range_end = NULL;
    }

    /* An integer range "A-B" expands to every integer from A to B. */
    if (base->type == DB_TYPE_INTEGER && range_end) {
        const char *dash = strchr(s + (*s == '-'), '-');
        if (dash) {
            char *first = xmemdup0(s, dash - s);
            long long a, b;
            bool ok = str_to_llong(first, 10, &a)
                      && str_to_llong(dash + 1, 10, &b);
            free(first);
            if (!ok) {
                return xasprintf("\"%s\" is not a valid integer or range", s);
            } else if (a > b) {
                return xasprintf("\"%s\" is not a valid range. Range end "
                                 "cannot be before start.", s);
            }
            atom->integer = a;
            *range_end = xmalloc(sizeof **range_end);
            (*range_end)->integer = b;
            struct db_error *error = db_atom_check_constraints(atom, base);
            if (!error) {
                error = db_atom_check_constraints(*range_end, base);
            }
            if (error) {
                free(*range_end);
                *range_end = NULL;
                return db_error_to_string_free(error);
            }
            return NULL;
        }
    }

    char *msg = atom_from_string__(atom, base, s, symtab);
    if (msg) {
        return msg;
    }
    struct db_error *error = db_atom_check_constraints(atom, base);
    if (error) {
        db_atom_destroy(atom, base->type);
        msg = xstrdup(db_error_get_details(error));
        db_error_destroy(error);
        return msg;
    }
    return NULL;
}

/* Datums. */

void
db_datum_init_empty(struct db_datum *datum)
{
    datum->n = 0;
    datum->keys = NULL;
    datum->values = NULL;
}

void
db_datum_init_default(struct db_datum *datum, const struct db_type *type)
{
    datum->n = type->n_min;
    datum->keys = NULL;
    datum->values = NULL;
    if (datum->n) {
        datum->keys = xmalloc(sizeof *datum->keys);
        db_atom_init_default(&datum->keys[0], type->key.type);
        if (type->value.type != DB_TYPE_VOID) {
            datum->values = xmalloc(sizeof *datum->values);
            db_atom_init_default(&datum->values[0], type->value.type);
        }
    }
}

const struct db_datum *
db_datum_default(const struct db_type *type)
{
    static struct db_datum empty = DB_DATUM_EMPTY_INITIALIZER;
    static struct db_datum one[DB_N_TYPES][DB_N_TYPES];
    static bool inited;

    if (type->n_min == 0) {
        return &empty;
    }
    if (!inited) {
        for (int k = DB_TYPE_INTEGER; k < DB_N_TYPES; k++) {
            for (int v = DB_TYPE_VOID; v < DB_N_TYPES; v++) {
                struct db_datum *d = &one[k][v];
                d->n = 1;
                d->keys = CONST_CAST(union db_atom *, db_atom_default(k));
                d->values = (v == DB_TYPE_VOID ? NULL
                             : CONST_CAST(union db_atom *,
                                          db_atom_default(v)));
            }
        }
        inited = true;
    }
    return &one[type->key.type][type->value.type];
}

bool
db_datum_is_default(const struct db_datum *datum, const struct db_type *type)
{
    if (datum->n != type->n_min) {
        return false;
    }
    if (datum->n) {
        return (db_atom_is_default(&datum->keys[0], type->key.type)
                && (type->value.type == DB_TYPE_VOID
                    || db_atom_is_default(&datum->values[0],
                                          type->value.type)));
    }
    return true;
}

static union db_atom *
clone_atoms(const union db_atom *old, unsigned int n,
            enum db_atomic_type type)
{
    if (!n || type == DB_TYPE_VOID) {
        return NULL;
    }
    union db_atom *new = xmemdup(old, n * sizeof *new);
    if (type == DB_TYPE_STRING) {
        for (unsigned int i = 0; i < n; i++) {
            db_string_ref(new[i].s);
        }
    }
    return new;
}

void
db_datum_clone(struct db_datum *dst, const struct db_datum *src,
               const struct db_type *type)
{
    unsigned int n = src->n;
    dst->n = n;
    dst->keys = clone_atoms(src->keys, n, type->key.type);
    dst->values = clone_atoms(src->values, n, type->value.type);
}

static void
free_atoms(union db_atom *atoms, unsigned int n, enum db_atomic_type type)
{
    if (atoms && type == DB_TYPE_STRING) {
        for (unsigned int i = 0; i < n; i++) {
            db_string_unref(atoms[i].s);
        }
    }
    free(atoms);
}

void
db_datum_destroy(struct db_datum *datum, const struct db_type *type)
{
    free_atoms(datum->keys, datum->n, type->key.type);
    free_atoms(datum->values, datum->n, type->value.type);
    datum->keys = datum->values = NULL;
    datum->n = 0;
}

void
db_datum_swap(struct db_datum *a, struct db_datum *b)
{
    struct db_datum tmp = *a;
    *a = *b;
    *b = tmp;
}

void
db_datum_init_atom(struct db_datum *datum, const union db_atom *atom,
                   const struct db_type *type)
{
    datum->n = 1;
    datum->keys = xmalloc(sizeof *datum->keys);
    db_atom_clone(&datum->keys[0], atom, type->key.type);
    datum->values = NULL;
}

void
db_datum_init_integer(struct db_datum *datum, int64_t integer)
{
    datum->n = 1;
    datum->keys = xmalloc(sizeof *datum->keys);
    datum->keys[0].integer = integer;
    datum->values = NULL;
}

void
db_datum_init_string(struct db_datum *datum, const char *s)
{
    datum->n = 1;
    datum->keys = xmalloc(sizeof *datum->keys);
    datum->keys[0].s = db_string_create_cstr(s);
    datum->values = NULL;
}

void
db_datum_init_uuid(struct db_datum *datum, const struct uuid *uuid)
{
    datum->n = 1;
    datum->keys = xmalloc(sizeof *datum->keys);
    datum->keys[0].uuid = *uuid;
    datum->values = NULL;
}

void
db_datum_init_boolean(struct db_datum *datum, bool b)
{
    datum->n = 1;
    datum->keys = xmalloc(sizeof *datum->keys);
    datum->keys[0].boolean = b;
    datum->values = NULL;
}

/* Sorting.  An insertion sort handles the common small, nearly sorted
 * datums; larger ones use a merge sort on an index permutation so that
 * keys and values move together. */
struct sort_ctx {
    struct db_datum *datum;
    enum db_atomic_type key_type;
};

static void
swap_elements(struct db_datum *datum, unsigned int i, unsigned int j)
{
    db_atom_swap(&datum->keys[i], &datum->keys[j]);
    if (datum->values) {
        db_atom_swap(&datum->values[i], &datum->values[j]);
    }
}

static __thread enum db_atomic_type qsort_key_type;

static int
compare_keys_qsort(const void *a, const void *b)
{
    return db_atom_compare_3way(a, b, qsort_key_type);
}

struct kv_pair {
    union db_atom key;
    union db_atom value;
};

static int
compare_pairs_qsort(const void *a_, const void *b_)
{
    const struct kv_pair *a = a_, *b = b_;
    return db_atom_compare_3way(&a->key, &b->key, qsort_key_type);
}

static void
sort_atoms(struct db_datum *datum, const struct db_type *type)
{
    enum db_atomic_type kt = type->key.type;
    unsigned int n = datum->n;

    if (n <= 16) {
        for (unsigned int i = 1; i < n; i++) {
            for (unsigned int j = i; j > 0
                 && db_atom_compare_3way(&datum->keys[j - 1],
                                         &datum->keys[j], kt) > 0; j--) {
                swap_elements(datum, j - 1, j);
            }
        }
        return;
    }

    qsort_key_type = kt;
    if (!datum->values) {
        qsort(datum->keys, n, sizeof *datum->keys, compare_keys_qsort);
    } else {
        struct kv_pair *pairs = xmalloc(n * sizeof *pairs);
        for (unsigned int i = 0; i < n; i++) {
            pairs[i].key = datum->keys[i];
            pairs[i].value = datum->values[i];
        }
        qsort(pairs, n, sizeof *pairs, compare_pairs_qsort);
        for (unsigned int i = 0; i < n; i++) {
            datum->keys[i] = pairs[i].key;
            datum->values[i] = pairs[i].value;
        }
        free(pairs);
    }
}

struct db_error *
db_datum_sort(struct db_datum *datum, const struct db_type *type)
{
    if (datum->n < 2) {
        return NULL;
    }
    sort_atoms(datum, type);
    for (unsigned int i = 1; i < datum->n; i++) {
        if (db_atom_equals(&datum->keys[i - 1], &datum->keys[i],
                           type->key.type)) {
            return db_error("ovsdb error", db_type_is_map(type)
                            ? "map contains duplicate key"
                            : "set contains duplicate");
        }
    }
    return NULL;
}

void
db_datum_sort_unique(struct db_datum *datum, const struct db_type *type)
{
    if (datum->n < 2) {
        return;
    }
    sort_atoms(datum, type);

    unsigned int dst = 1;
    for (unsigned int src = 1; src < datum->n; src++) {
        if (db_atom_equals(&datum->keys[src], &datum->keys[dst - 1],
                           type->key.type)) {
            db_atom_destroy(&datum->keys[src], type->key.type);
            if (datum->values) {
                db_atom_destroy(&datum->values[src], type->value.type);
            }
        } else {
            if (src != dst) {
                datum->keys[dst] = datum->keys[src];
                if (datum->values) {
                    datum->values[dst] = datum->values[src];
                }
            }
            dst++;
        }
    }
    datum->n = dst;
}

struct db_error *
db_datum_check_size(const struct db_datum *datum, const struct db_type *type)
{
    return db_datum_check_n(datum->n, type, NULL);
}

struct db_error *
db_datum_check_n(size_t n, const struct db_type *type, const json_t *json)
{
    if (n >= type->n_min && n <= type->n_max) {
        return NULL;
    }
    const char *class = db_type_is_map(type) ? "map" : "set";
    if (type->n_min == 1 && type->n_max == 1) {
        return db_syntax_error(json, NULL, "%s must have exactly one member "
                               "but %zu are present", class, n);
    }
    return db_syntax_error(json, NULL, "%s must have %u to %u members but "
                           "%zu are present", class, type->n_min,
                           type->n_max, n);
}

struct db_error *
db_datum_check_constraints(const struct db_datum *datum,
                           const struct db_type *type)
{
    for (unsigned int i = 0; i < datum->n; i++) {
        struct db_error *error = db_atom_check_constraints(&datum->keys[i],
                                                           &type->key);
        if (!error && datum->values) {
            error = db_atom_check_constraints(&datum->values[i],
                                              &type->value);
        }
        if (error) {
            return error;
        }
    }
    return NULL;
}

/* JSON. */

static bool
is_tagged_array(const json_t *json, const char *tag)
{
    return (json_is_array(json) && json_array_size(json) == 2
            && json_is_string(json_array_get(json, 0))
            && !strcmp(json_string_value(json_array_get(json, 0)), tag)
            && json_is_array(json_array_get(json, 1)));
}

static bool
is_tagged(const json_t *json, const char *tag)
{
    return (json_is_array(json) && json_array_size(json) > 0
            && json_is_string(json_array_get(json, 0))
            && !strcmp(json_string_value(json_array_get(json, 0)), tag));
}

struct db_error *
db_datum_from_json(struct db_datum *datum, const struct db_type *type,
                   const json_t *json, struct db_symbol_table *symtab)
{
    struct db_error *error;
    bool is_map = db_type_is_map(type);

    db_datum_init_empty(datum);

    if (!is_map && !is_tagged(json, "set")) {
        /* A single atom. */
        error = db_datum_check_n(1, type, json);
        if (error) {
            return error;
        }
        datum->keys = xmalloc(sizeof *datum->keys);
        error = db_atom_from_json(&datum->keys[0], &type->key, json, symtab);
        if (error) {
            free(datum->keys);
            datum->keys = NULL;
            return error;
        }
        datum->n = 1;
        return NULL;
    }

    const char *class = is_map ? "map" : "set";
    if (!is_tagged_array(json, class)) {
        return db_syntax_error(json, NULL, "expected [\"%s\", <array>]",
                               class);
    }

    const json_t *elems = json_array_get(json, 1);
    size_t n = json_array_size(elems);
    error = db_datum_check_n(n, type, json);
    if (error) {
        return error;
    }

    datum->keys = n ? xmalloc(n * sizeof *datum->keys) : NULL;
    datum->values = is_map && n ? xmalloc(n * sizeof *datum->values) : NULL;
    for (size_t i = 0; i < n; i++) {
        const json_t *elem = json_array_get(elems, i);
        const json_t *key = elem, *value = NULL;

        if (is_map) {
            if (!json_is_array(elem) || json_array_size(elem) != 2) {
                error = db_syntax_error(elem, NULL,
                                        "expected 2-element array");
                goto error;
            }
            key = json_array_get(elem, 0);
            value = json_array_get(elem, 1);
        }

        error = db_atom_from_json(&datum->keys[i], &type->key, key, symtab);
        if (error) {
            goto error;
        }
        if (is_map) {
            error = db_atom_from_json(&datum->values[i], &type->value, value,
                                      symtab);
            if (error) {
                db_atom_destroy(&datum->keys[i], type->key.type);
                goto error;
            }
        }
        datum->n++;
    }

    error = db_datum_sort(datum, type);
    if (error) {
        goto error;
    }
    return NULL;

error:
    db_datum_destroy(datum, type);
    return error;
}

json_t *
db_datum_to_json(const struct db_datum *datum, const struct db_type *type)
{
    if (db_type_is_map(type)) {
        json_t *elems = json_array();
        for (unsigned int i = 0; i < datum->n; i++) {
            json_array_append_new(
                elems, json_array_of(2, db_atom_to_json(&datum->keys[i],
                                                        type->key.type),
                                     db_atom_to_json(&datum->values[i],
                                                     type->value.type)));
        }
        return json_array_of(2, json_string("map"), elems);
    } else if (datum->n == 1) {
        return db_atom_to_json(&datum->keys[0], type->key.type);
    } else {
        json_t *elems = json_array();
        for (unsigned int i = 0; i < datum->n; i++) {
            json_array_append_new(elems, db_atom_to_json(&datum->keys[i],
                                                         type->key.type));
        }
        return json_array_of(2, json_string("set"), elems);
    }
}

static void
atom_to_json_ds(const union db_atom *atom, enum db_atomic_type type,
                struct ds *ds)
{
    switch (type) {
    case DB_TYPE_INTEGER:
        ds_put_format(ds, "%"PRId64, atom->integer);
        break;
    case DB_TYPE_REAL:
        json_put_real(ds, atom->real);
        break;
    case DB_TYPE_BOOLEAN:
        ds_put_cstr(ds, atom->boolean ? "true" : "false");
        break;
    case DB_TYPE_STRING:
        json_put_string(ds, atom->s->s, atom->s->length);
        break;
    case DB_TYPE_UUID: {
        char *p = ds_put_uninit(ds, 10 + UUID_LEN);
        memcpy(p, "[\"uuid\",\"", 9);
        uuid_to_string(&atom->uuid, p + 9);
        p[9 + UUID_LEN] = '"';
        ds_put_char(ds, ']');
        break;
    }
    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        SVS_NOT_REACHED();
    }
}

void
db_datum_to_json_ds(const struct db_datum *datum, const struct db_type *type,
                    struct ds *ds)
{
    if (db_type_is_map(type)) {
        ds_put_cstr(ds, "[\"map\",[");
        for (unsigned int i = 0; i < datum->n; i++) {
            if (i) {
                ds_put_char(ds, ',');
            }
            ds_put_char(ds, '[');
            atom_to_json_ds(&datum->keys[i], type->key.type, ds);
            ds_put_char(ds, ',');
            atom_to_json_ds(&datum->values[i], type->value.type, ds);
            ds_put_char(ds, ']');
        }
        ds_put_cstr(ds, "]]");
    } else if (datum->n == 1) {
        atom_to_json_ds(&datum->keys[0], type->key.type, ds);
    } else {
        ds_put_cstr(ds, "[\"set\",[");
        for (unsigned int i = 0; i < datum->n; i++) {
            if (i) {
                ds_put_char(ds, ',');
            }
            atom_to_json_ds(&datum->keys[i], type->key.type, ds);
        }
        ds_put_cstr(ds, "]]");
    }
}

/* ovs-vsctl syntax for datums. */

static bool
is_delimiter(int c, int delim1, int delim2)
{
    return c == delim1 || c == delim2 || c == ',' || c == ' ' || c == '\t'
           || c == '\n' || c == '\0';
}

/* Extracts one possibly quoted token from '*sp', stopping at a delimiter,
 * and advances '*sp'. */
static char *
next_token(const char **sp, int delim1, int delim2, char **tokenp)
{
    const char *s = *sp;
    const char *start = s;

    if (*s == '"') {
        s++;
        for (;;) {
            if (*s == '\0') {
                return xasprintf("%s: missing quote at end of quoted string",
                                 start);
            } else if (*s == '\\' && s[1]) {
                s += 2;
            } else if (*s == '"') {
                s++;
                break;
            } else {
                s++;
            }
        }
    } else {
        while (!is_delimiter(*s, delim1, delim2)) {
            s++;
        }
    }
    *tokenp = xmemdup0(start, s - start);
    *sp = s;
    return NULL;
}

static const char *
skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n') {
        s++;
    }
    return s;
}

static char *
parse_atom_token(const char **sp, const struct db_base_type *base,
                 union db_atom *atom, union db_atom **range_end,
                 struct db_symbol_table *symtab, int delim1, int delim2)
{
    char *token = NULL;
    char *error = next_token(sp, delim1, delim2, &token);
    if (error) {
        return error;
    }
    if (!*token) {
        free(token);
        return xstrdup("syntax error: missing value");
    }
    error = db_atom_from_string(atom, range_end, base, token, symtab);
    free(token);
    return error;
}

char *
db_datum_from_string(struct db_datum *datum, const struct db_type *type,
                     const char *s, struct db_symbol_table *symtab)
{
    bool is_map = db_type_is_map(type);
    const char *p = skip_spaces(s);
    char *error = NULL;
    int end_delim;

    db_datum_init_empty(datum);

    if (*p == '\0') {
        /* An empty string is an empty set or map, or the empty string for
         * string columns. */
        if (!is_map && type->key.type == DB_TYPE_STRING && type->n_min == 1) {
            union db_atom atom = { .s = db_string_create("", 0) };
            db_datum_add_unsafe(datum, &atom, NULL, type);
            db_atom_destroy(&atom, DB_TYPE_STRING);
            goto check;
        }
        goto check;
    }

    if (is_map ? *p == '{' : *p == '[') {
        end_delim = is_map ? '}' : ']';
        p = skip_spaces(p + 1);
    } else {
        end_delim = 0;
    }

    while (*p && *p != end_delim) {
        union db_atom key, value;
        union db_atom *range_end = NULL;

        if (datum->n) {
            if (*p == ',') {
                p = skip_spaces(p + 1);
            }
        }

        error = parse_atom_token(&p, &type->key, &key,
                                 is_map ? NULL : &range_end, symtab,
                                 is_map ? '=' : end_delim, end_delim);
        if (error) {
            goto error;
        }
        if (is_map) {
            p = skip_spaces(p);
            if (*p != '=') {
                db_atom_destroy(&key, type->key.type);
                error = xasprintf("%s: syntax error at \"%c\" (expected "
                                  "'=' after map key)", s, *p ? *p : ' ');
                goto error;
            }
            p = skip_spaces(p + 1);
            error = parse_atom_token(&p, &type->value, &value, NULL, symtab,
                                     end_delim, end_delim);
            if (error) {
                db_atom_destroy(&key, type->key.type);
                goto error;
            }
            db_datum_add_unsafe(datum, &key, &value, type);
            db_atom_destroy(&key, type->key.type);
            db_atom_destroy(&value, type->value.type);
        } else if (range_end) {
            int64_t end = range_end->integer;
            free(range_end);
            if ((uint64_t) (end - key.integer) >= 4096) {
                error = xasprintf("Range \"%s\" is too long (max 4096 "
                                  "values).", s);
                goto error;
            }
            for (int64_t i = key.integer; ; i++) {
                union db_atom atom = { .integer = i };
                db_datum_add_unsafe(datum, &atom, NULL, type);
                if (i == end) {
                    break;
                }
            }
        } else {
            db_datum_add_unsafe(datum, &key, NULL, type);
            db_atom_destroy(&key, type->key.type);
        }
        p = skip_spaces(p);
        if (!end_delim && *p && *p != ',') {
            break;
        }
    }

    if (end_delim) {
        if (*p != end_delim) {
            error = xasprintf("%s: missing \"%c\" at end of data", s,
                              end_delim);
            goto error;
        }
        p = skip_spaces(p + 1);
    }
    if (*p) {
        error = xasprintf("%s: trailing garbage after %s", s,
                          is_map ? "map" : "set");
        goto error;
    }

check:
    {
        struct db_error *db_err = db_datum_sort(datum, type);
        if (db_err) {
            db_error_destroy(db_err);
            error = xasprintf("%s: %s contains duplicate %s", s,
                              is_map ? "map" : "set",
                              is_map ? "key" : "value");
            goto error;
        }
        if (datum->n < type->n_min || datum->n > type->n_max) {
            if (type->n_min == 1 && type->n_max == 1 && !datum->n) {
                error = xasprintf("%s: syntax error: value required", s);
            } else {
                error = xasprintf("\"%s\" is not a valid value: %s must "
                                  "have %u to %u members but %u are "
                                  "present", s, is_map ? "map" : "set",
                                  type->n_min, type->n_max, datum->n);
            }
            goto error;
        }
    }
    return NULL;

error:
    db_datum_destroy(datum, type);
    return error;
}

void
db_datum_to_string(const struct db_datum *datum, const struct db_type *type,
                   struct ds *out)
{
    bool is_map = db_type_is_map(type);

    if (type->n_max > 1 || !datum->n) {
        ds_put_char(out, is_map ? '{' : '[');
    }
    for (unsigned int i = 0; i < datum->n; i++) {
        if (i > 0) {
            ds_put_cstr(out, ", ");
        }
        db_atom_to_string(&datum->keys[i], type->key.type, out);
        if (is_map) {
            ds_put_char(out, '=');
            db_atom_to_string(&datum->values[i], type->value.type, out);
        }
    }
    if (type->n_max > 1 || !datum->n) {
        ds_put_char(out, is_map ? '}' : ']');
    }
}

void
db_datum_to_bare(const struct db_datum *datum, const struct db_type *type,
                 struct ds *out)
{
    bool is_map = db_type_is_map(type);

    for (unsigned int i = 0; i < datum->n; i++) {
        if (i > 0) {
            ds_put_char(out, ' ');
        }
        db_atom_to_bare(&datum->keys[i], type->key.type, out);
        if (is_map) {
            ds_put_char(out, '=');
            db_atom_to_bare(&datum->values[i], type->value.type, out);
        }
    }
}

/* Comparison and search. */

uint32_t
db_datum_hash(const struct db_datum *datum, const struct db_type *type,
              uint32_t basis)
{
    uint32_t hash = basis;
    for (unsigned int i = 0; i < datum->n; i++) {
        hash = db_atom_hash(&datum->keys[i], type->key.type, hash);
        if (datum->values) {
            hash = db_atom_hash(&datum->values[i], type->value.type, hash);
        }
    }
    return hash_int(datum->n, hash);
}

static int
atom_arrays_compare_3way(const union db_atom *a, const union db_atom *b,
                         enum db_atomic_type type, unsigned int n)
{
    for (unsigned int i = 0; i < n; i++) {
        int cmp = db_atom_compare_3way(&a[i], &b[i], type);
        if (cmp) {
            return cmp;
        }
    }
    return 0;
}

bool
db_datum_equals(const struct db_datum *a, const struct db_datum *b,
                const struct db_type *type)
{
    if (a->n != b->n) {
        return false;
    }
    for (unsigned int i = 0; i < a->n; i++) {
        if (!db_atom_equals(&a->keys[i], &b->keys[i], type->key.type)) {
            return false;
        }
    }
    if (type->value.type != DB_TYPE_VOID) {
        for (unsigned int i = 0; i < a->n; i++) {
            if (!db_atom_equals(&a->values[i], &b->values[i],
                                type->value.type)) {
                return false;
            }
        }
    }
    return true;
}

int
db_datum_compare_3way(const struct db_datum *a, const struct db_datum *b,
                      const struct db_type *type)
{
    if (a->n != b->n) {
        return a->n < b->n ? -1 : 1;
    }
    int cmp = atom_arrays_compare_3way(a->keys, b->keys, type->key.type,
                                       a->n);
    if (cmp || type->value.type == DB_TYPE_VOID) {
        return cmp;
    }
    return atom_arrays_compare_3way(a->values, b->values, type->value.type,
                                    a->n);
}

unsigned int
db_datum_find_key(const struct db_datum *datum, const union db_atom *key,
                  enum db_atomic_type type)
{
    unsigned int low = 0, high = datum->n;
    while (low < high) {
        unsigned int idx = (low + high) / 2;
        int cmp = db_atom_compare_3way(key, &datum->keys[idx], type);
        if (cmp < 0) {
            high = idx;
        } else if (cmp > 0) {
            low = idx + 1;
        } else {
            return idx;
        }
    }
    return UINT_MAX;
}

/* Returns the index of the element of 'datum' with the same key and (for
 * maps, when 'value' is nonnull) value, or UINT_MAX. */
static unsigned int
find_key_value(const struct db_datum *datum, const union db_atom *key,
               enum db_atomic_type key_type, const union db_atom *value,
               enum db_atomic_type value_type)
{
    unsigned int idx = db_datum_find_key(datum, key, key_type);
    if (idx != UINT_MAX && value && value_type != DB_TYPE_VOID
        && !db_atom_equals(&datum->values[idx], value, value_type)) {
        idx = UINT_MAX;
    }
    return idx;
}

bool
db_datum_includes_all(const struct db_datum *a, const struct db_datum *b,
                      const struct db_type *type)
{
    for (unsigned int i = 0; i < a->n; i++) {
        if (find_key_value(b, &a->keys[i], type->key.type,
                           a->values ? &a->values[i] : NULL,
                           type->value.type) == UINT_MAX) {
            return false;
        }
    }
    return true;
}

bool
db_datum_excludes_all(const struct db_datum *a, const struct db_datum *b,
                      const struct db_type *type)
{
    for (unsigned int i = 0; i < a->n; i++) {
        if (find_key_value(b, &a->keys[i], type->key.type,
                           a->values ? &a->values[i] : NULL,
                           type->value.type) != UINT_MAX) {
            return false;
        }
    }
    return true;
}

void
db_datum_reserve(struct db_datum *datum, unsigned int n,
                 const struct db_type *type)
{
    datum->keys = xrealloc(datum->keys, n * sizeof *datum->keys);
    if (type->value.type != DB_TYPE_VOID) {
        datum->values = xrealloc(datum->values, n * sizeof *datum->values);
    }
}

void
db_datum_add_unsafe(struct db_datum *datum, const union db_atom *key,
                    const union db_atom *value, const struct db_type *type)
{
    unsigned int n = datum->n + 1;
    datum->keys = xrealloc(datum->keys, n * sizeof *datum->keys);
    db_atom_clone(&datum->keys[n - 1], key, type->key.type);
    if (type->value.type != DB_TYPE_VOID) {
        datum->values = xrealloc(datum->values, n * sizeof *datum->values);
        db_atom_clone(&datum->values[n - 1], value, type->value.type);
    }
    datum->n = n;
}

void
db_datum_remove_unsafe(struct db_datum *datum, unsigned int idx,
                       const struct db_type *type)
{
    db_atom_destroy(&datum->keys[idx], type->key.type);
    datum->keys[idx] = datum->keys[datum->n - 1];
    if (type->value.type != DB_TYPE_VOID) {
        db_atom_destroy(&datum->values[idx], type->value.type);
        datum->values[idx] = datum->values[datum->n - 1];
    }
    datum->n--;
}

void
db_datum_union(struct db_datum *a, const struct db_datum *b,
               const struct db_type *type)
{
    unsigned int n = a->n;
    bool added = false;

    for (unsigned int i = 0; i < b->n; i++) {
        if (db_datum_find_key(a, &b->keys[i], type->key.type) == UINT_MAX) {
            if (!added) {
                db_datum_reserve(a, a->n + b->n, type);
                added = true;
            }
            db_atom_clone(&a->keys[n], &b->keys[i], type->key.type);
            if (type->value.type != DB_TYPE_VOID) {
                db_atom_clone(&a->values[n], &b->values[i],
                              type->value.type);
            }
            n++;
        }
    }
    if (n != a->n) {
        a->n = n;
        sort_atoms(a, type);
    }
}

void
db_datum_subtract(struct db_datum *a, const struct db_type *a_type,
                  const struct db_datum *b, const struct db_type *b_type)
{
    bool changed = false;
    bool by_value = b_type->value.type != DB_TYPE_VOID;

    for (unsigned int i = 0; i < b->n; i++) {
        unsigned int idx = find_key_value(a, &b->keys[i], a_type->key.type,
                                          by_value ? &b->values[i] : NULL,
                                          a_type->value.type);
        if (idx != UINT_MAX) {
            db_datum_remove_unsafe(a, idx, a_type);
            sort_atoms(a, a_type);
            changed = true;
        }
    }
    (void) changed;
}

size_t
db_datum_memory(const struct db_datum *datum, const struct db_type *type)
{
    size_t size = 0;
    if (datum->n) {
        size += datum->n * sizeof *datum->keys;
        if (datum->values) {
            size += datum->n * sizeof *datum->values;
        }
        if (type->key.type == DB_TYPE_STRING) {
            for (unsigned int i = 0; i < datum->n; i++) {
                size += sizeof *datum->keys[i].s + datum->keys[i].s->length
                        + 1;
            }
        }
        if (type->value.type == DB_TYPE_STRING) {
            for (unsigned int i = 0; i < datum->n; i++) {
                size += sizeof *datum->values[i].s
                        + datum->values[i].s->length + 1;
            }
        }
    }
    return size;
}

/* Symbol tables. */

struct db_symbol_table *
db_symbol_table_create(void)
{
    struct db_symbol_table *symtab = xmalloc(sizeof *symtab);
    shash_init(&symtab->sh);
    return symtab;
}

void
db_symbol_table_destroy(struct db_symbol_table *symtab)
{
    if (symtab) {
        shash_destroy_free_data(&symtab->sh);
        free(symtab);
    }
}

struct db_symbol *
db_symbol_table_get(const struct db_symbol_table *symtab, const char *name)
{
    return shash_find_data(&symtab->sh, name);
}

struct db_symbol *
db_symbol_table_put(struct db_symbol_table *symtab, const char *name,
                    const struct uuid *uuid, bool created)
{
    struct db_symbol *symbol = db_symbol_table_get(symtab, name);
    if (!symbol) {
        symbol = xzalloc(sizeof *symbol);
        shash_add(&symtab->sh, name, symbol);
    }
    symbol->uuid = *uuid;
    symbol->created = created;
    return symbol;
}

struct db_symbol *
db_symbol_table_insert(struct db_symbol_table *symtab, const char *name)
{
    struct db_symbol *symbol = db_symbol_table_get(symtab, name);
    if (!symbol) {
        struct uuid uuid;
        uuid_generate(&uuid);
        symbol = db_symbol_table_put(symtab, name, &uuid, false);
    }
    return symbol;
}
