/* db-idl-class.c: database classes for lib/db-idl and the typed fields of
 * their rows. */
#include <config.h>
#include "db-idl-provider.h"

#include <float.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "db-data.h"
#include "db-error.h"
#include "db-idl-private.h"
#include "db-schema.h"
#include "json.h"
#include "util.h"

static pthread_mutex_t init_mutex = PTHREAD_MUTEX_INITIALIZER;

/* Parses the enum JSON text 'text' of a base type of 'atomic' type into a
 * new datum.  The generator wrote 'text' from a valid schema, so failure
 * is a bug. */
static struct db_datum *
parse_enum(const char *text, enum db_atomic_type atomic)
{
    struct db_type type;
    db_type_init(&type);
    db_base_type_init(&type.key, atomic);
    type.n_min = 1;
    type.n_max = UINT_MAX;

    char *error_s;
    json_t *json = json_from_string_err(text, &error_s);
    if (!json) {
        svs_abort(0, "bad enum in IDL class: %s", error_s);
    }
    struct db_datum *datum = xmalloc(sizeof *datum);
    struct db_error *error = db_datum_from_json(datum, &type, json, NULL);
    if (error) {
        svs_abort(0, "bad enum in IDL class: %s",
                  db_error_to_string_free(error));
    }
    json_decref(json);
    return datum;
}

/* Completes 'class__': back pointers, indexes and enums.  Idempotent and
 * thread-safe. */
void
db_idl_class_init(const struct db_idl_class *class__)
{
    struct db_idl_class *class_ = CONST_CAST(struct db_idl_class *, class__);

    if (__atomic_load_n(&class_->initialized, __ATOMIC_ACQUIRE)) {
        return;
    }
    pthread_mutex_lock(&init_mutex);
    if (!class_->initialized) {
        for (size_t i = 0; i < class_->n_tables; i++) {
            struct db_idl_table_class *tc = &class_->tables[i];
            tc->class_ = class_;
            tc->index = i;
            for (size_t j = 0; j < tc->n_columns; j++) {
                struct db_idl_column *c = &tc->columns[j];
                c->table = tc;
                c->index = j;
                if (c->key_enum && !c->type.key.enum_) {
                    c->type.key.enum_ = parse_enum(c->key_enum,
                                                   c->type.key.type);
                }
                if (c->value_enum && !c->type.value.enum_) {
                    c->type.value.enum_ = parse_enum(c->value_enum,
                                                     c->type.value.type);
                }
            }
        }
        __atomic_store_n(&class_->initialized, true, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&init_mutex);
}

/* Returns the table class named 'name' in 'class_', or NULL.  Linear: the
 * number of tables is small. */
const struct db_idl_table_class *
db_idl_class_get_table(const struct db_idl_class *class_, const char *name)
{
    for (size_t i = 0; i < class_->n_tables; i++) {
        if (!strcmp(class_->tables[i].name, name)) {
            return &class_->tables[i];
        }
    }
    return NULL;
}

/* Returns the column named 'name' of 'tc', or NULL. */
const struct db_idl_column *
db_idl_table_class_get_column(const struct db_idl_table_class *tc,
                              const char *name)
{
    for (size_t i = 0; i < tc->n_columns; i++) {
        if (!strcmp(tc->columns[i].name, name)) {
            return &tc->columns[i];
        }
    }
    return NULL;
}

static struct db_idl_table_class *
find_table_class(struct db_idl_class *class_, const char *name)
{
    return (name
            ? CONST_CAST(struct db_idl_table_class *,
                         db_idl_class_get_table(class_, name))
            : NULL);
}

struct db_idl_class *
db_idl_class_from_schema(const struct db_schema *schema)
{
    struct db_idl_class *class_ = xzalloc(sizeof *class_);
    class_->database = xstrdup(schema->name);
    class_->version = xstrdup(schema->version);
    class_->dynamic = true;
    class_->n_tables = shash_count(&schema->tables);
    class_->tables = xcalloc(class_->n_tables, sizeof *class_->tables);

    const struct shash_node **nodes = shash_sort(&schema->tables);
    for (size_t i = 0; i < class_->n_tables; i++) {
        const struct db_table_schema *ts = nodes[i]->data;
        struct db_idl_table_class *tc = &class_->tables[i];

        tc->name = xstrdup(ts->name);
        tc->is_root = ts->is_root;
        tc->is_singleton = ts->max_rows == 1;
        tc->allocation_size = sizeof(struct db_idl_row);
        tc->n_columns = ts->n_columns - DB_N_STD_COLUMNS;
        tc->columns = xcalloc(tc->n_columns ? tc->n_columns : 1,
                              sizeof *tc->columns);
        for (size_t j = 0; j < tc->n_columns; j++) {
            const struct db_column *sc
                = ts->column_array[j + DB_N_STD_COLUMNS];
            struct db_idl_column *c = &tc->columns[j];
            c->name = xstrdup(sc->name);
            db_type_clone(&c->type, &sc->type);
            c->is_mutable = sc->mutable;
            c->field = DB_IDL_FIELD_NONE;
        }
    }
    free(nodes);

    /* References, now that every table class exists. */
    for (size_t i = 0; i < class_->n_tables; i++) {
        struct db_idl_table_class *tc = &class_->tables[i];
        for (size_t j = 0; j < tc->n_columns; j++) {
            struct db_idl_column *c = &tc->columns[j];
            if (c->type.key.type == DB_TYPE_UUID) {
                c->key_ref = find_table_class(
                    class_, c->type.key.uuid.ref_table_name);
            }
            if (c->type.value.type == DB_TYPE_UUID) {
                c->value_ref = find_table_class(
                    class_, c->type.value.uuid.ref_table_name);
            }
        }
    }
    db_idl_class_init(class_);
    return class_;
}

void
db_idl_class_destroy(struct db_idl_class *class_)
{
    if (!class_) {
        return;
    }
    svs_assert(class_->dynamic);
    for (size_t i = 0; i < class_->n_tables; i++) {
        struct db_idl_table_class *tc = &class_->tables[i];
        for (size_t j = 0; j < tc->n_columns; j++) {
            struct db_idl_column *c = &tc->columns[j];
            free(CONST_CAST(char *, c->name));
            db_type_destroy(&c->type);
        }
        free(tc->columns);
        free(CONST_CAST(char *, tc->name));
    }
    free(class_->tables);
    free(CONST_CAST(char *, class_->database));
    free(CONST_CAST(char *, class_->version));
    free(class_);
}

/* Typed fields. */

bool
idl_column_is_ref(const struct db_idl_column *c)
{
    return c->key_ref || c->value_ref;
}

static size_t
field_size(enum db_atomic_type type, const struct db_idl_table_class *ref)
{
    switch (type) {
    case DB_TYPE_INTEGER:
        return sizeof(int64_t);
    case DB_TYPE_REAL:
        return sizeof(double);
    case DB_TYPE_BOOLEAN:
        return sizeof(bool);
    case DB_TYPE_STRING:
        return sizeof(char *);
    case DB_TYPE_UUID:
        return ref ? sizeof(struct db_idl_row *) : sizeof(struct uuid);
    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        SVS_NOT_REACHED();
    }
}

/* Finds the row of 'ref' with 'uuid' for a reference from 'row'. */
static struct db_idl_row *
resolve_ref(const struct db_idl_row *row,
            const struct db_idl_table_class *ref, const struct uuid *uuid)
{
    const struct db_idl *idl = row->table->idl;
    return idl_table_find_row(&idl->tables[ref->index], uuid);
}

/* Stores 'atom' into the C object at 'dst'.  Returns false, storing
 * nothing, for a reference to a row that the replica lacks. */
static bool
store_atom(const struct db_idl_row *row, void *dst, const union db_atom *atom,
           enum db_atomic_type type, const struct db_idl_table_class *ref)
{
    switch (type) {
    case DB_TYPE_INTEGER:
        *(int64_t *) dst = atom->integer;
        return true;
    case DB_TYPE_REAL:
        *(double *) dst = atom->real;
        return true;
    case DB_TYPE_BOOLEAN:
        *(bool *) dst = atom->boolean;
        return true;
    case DB_TYPE_STRING:
        *(char **) dst = atom->s->s;
        return true;
    case DB_TYPE_UUID:
        if (ref) {
            struct db_idl_row *target = resolve_ref(row, ref, &atom->uuid);
            if (!target) {
                return false;
            }
            *(struct db_idl_row **) dst = target;
        } else {
            *(struct uuid *) dst = atom->uuid;
        }
        return true;
    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        SVS_NOT_REACHED();
    }
}

/* Stores the "absent" value of a scalar or optional field at 'dst'. */
static void
store_absent(void *dst, enum db_atomic_type type,
             const struct db_idl_table_class *ref)
{
    switch (type) {
    case DB_TYPE_INTEGER:
        *(int64_t *) dst = 0;
        break;
    case DB_TYPE_REAL:
        *(double *) dst = 0.0;
        break;
    case DB_TYPE_BOOLEAN:
        *(bool *) dst = false;
        break;
    case DB_TYPE_STRING:
        /* A scalar string is never null; an optional one is null when
         * absent (the caller handles that case). */
        *(char **) dst = CONST_CAST(char *, "");
        break;
    case DB_TYPE_UUID:
        if (ref) {
            *(struct db_idl_row **) dst = NULL;
        } else {
            uuid_zero(dst);
        }
        break;
    case DB_TYPE_VOID:
    case DB_N_TYPES:
    default:
        SVS_NOT_REACHED();
    }
}

/* Sets the typed field(s) of 'c' in 'row' from 'datum', which must stay
 * alive (strings point into it) until the next parse or unparse of the
 * column.  The column must be unparsed. */
void
idl_row_parse_column(struct db_idl_row *row, const struct db_idl_column *c,
                     const struct db_datum *datum)
{
    char *base = (char *) row;
    enum db_atomic_type kt = c->type.key.type;
    enum db_atomic_type vt = c->type.value.type;

    switch (c->field) {
    case DB_IDL_FIELD_NONE:
        break;

    case DB_IDL_FIELD_SCALAR:
        if (!datum->n
            || !store_atom(row, base + c->offset, &datum->keys[0], kt,
                           c->key_ref)) {
            store_absent(base + c->offset, kt, c->key_ref);
        }
        break;

    case DB_IDL_FIELD_OPTIONAL:
        if (!datum->n
            || !store_atom(row, base + c->offset, &datum->keys[0], kt,
                           c->key_ref)) {
            *(void **) (base + c->offset) = NULL;
        }
        break;

    case DB_IDL_FIELD_ARRAY: {
        size_t ksize = field_size(kt, c->key_ref);
        char *keys = datum->n ? xmalloc(datum->n * ksize) : NULL;
        size_t n = 0;
        for (size_t i = 0; i < datum->n; i++) {
            if (store_atom(row, keys + n * ksize, &datum->keys[i], kt,
                           c->key_ref)) {
                n++;
            }
        }
        if (!n) {
            free(keys);
            keys = NULL;
        }
        *(void **) (base + c->offset) = keys;
        *(size_t *) (base + c->n_offset) = n;
        break;
    }

    case DB_IDL_FIELD_MAP: {
        size_t ksize = field_size(kt, c->key_ref);
        size_t vsize = field_size(vt, c->value_ref);
        char *keys = datum->n ? xmalloc(datum->n * ksize) : NULL;
        char *values = datum->n ? xmalloc(datum->n * vsize) : NULL;
        size_t n = 0;
        for (size_t i = 0; i < datum->n; i++) {
            if (store_atom(row, keys + n * ksize, &datum->keys[i], kt,
                           c->key_ref)
                && store_atom(row, values + n * vsize, &datum->values[i],
                              vt, c->value_ref)) {
                n++;
            }
        }
        if (!n) {
            free(keys);
            free(values);
            keys = values = NULL;
        }
        *(void **) (base + c->offset) = keys;
        *(void **) (base + c->value_offset) = values;
        *(size_t *) (base + c->n_offset) = n;
        break;
    }

    default:
        SVS_NOT_REACHED();
    }
}

/* Frees what idl_row_parse_column() allocated for 'c' in 'row'. */
void
idl_row_unparse_column(struct db_idl_row *row, const struct db_idl_column *c)
{
    char *base = (char *) row;

    switch (c->field) {
    case DB_IDL_FIELD_NONE:
    case DB_IDL_FIELD_SCALAR:
    case DB_IDL_FIELD_OPTIONAL:
        break;
    case DB_IDL_FIELD_MAP:
        free(*(void **) (base + c->value_offset));
        *(void **) (base + c->value_offset) = NULL;
        /* Fall through. */
    case DB_IDL_FIELD_ARRAY:
        free(*(void **) (base + c->offset));
        *(void **) (base + c->offset) = NULL;
        *(size_t *) (base + c->n_offset) = 0;
        break;
    default:
        SVS_NOT_REACHED();
    }
}

void
idl_row_parse(struct db_idl_row *row)
{
    const struct db_idl_table_class *tc = row->table->class_;
    for (size_t i = 0; i < tc->n_columns; i++) {
        idl_row_parse_column(row, &tc->columns[i],
                             db_idl_read(row, &tc->columns[i]));
    }
}

void
idl_row_unparse(struct db_idl_row *row)
{
    const struct db_idl_table_class *tc = row->table->class_;
    for (size_t i = 0; i < tc->n_columns; i++) {
        idl_row_unparse_column(row, &tc->columns[i]);
    }
}
