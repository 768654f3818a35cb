/* db-data.h: OVSDB values: atoms and datums (RFC 7047 <atom>, <value>).
 *
 * What: a 'union db_atom' holds one value of an atomic type; which member
 * is valid is known only from the type, which callers always pass along.
 * A 'struct db_datum' is the value of a column: 'n' keys, and for maps
 * 'n' values, kept sorted by key with no duplicate keys (the canonical
 * form; db_datum_sort() establishes it).  Every column value, scalar or
 * not, is a datum: a scalar is a datum with n == 1.
 *
 * Strings: string atoms point to a 'struct db_string', an immutable,
 * reference-counted UTF-8 string, so that copying datums between row
 * versions and transactions is cheap.  db_atom_clone() takes a reference,
 * db_atom_destroy() drops it.
 *
 * Text forms: the from_json and to_json functions use RFC 7047 notation
 * (["set", [...]], ["map", [[k, v], ...]], ["uuid", "..."],
 * ["named-uuid", "..."]).  The to_string and from_string functions use the
 * ovs-vsctl command-line syntax (1, "quoted string", {a=b}, [1, 2]) that
 * svs-vsctl and svsdb-client print.
 *
 * Named UUIDs: while a transaction is parsed, ["named-uuid", NAME]
 * resolves through a 'struct db_symbol_table'; lookups of an unknown name
 * create a symbol with a fresh UUID so that forward references work.
 *
 * Ownership: init/clone produce values the caller must destroy with the
 * matching type; from_json() leaves the datum empty on error.
 *
 * Thread-safety: values are plain data; string reference counts are
 * atomic, so immutable datums may be shared between threads. */
#ifndef SVS_DB_DATA_H
#define SVS_DB_DATA_H 1

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"
#include "db-types.h"
#include "shash.h"
#include "uuid.h"

struct db_error;
struct ds;

/* An immutable reference-counted string.
 *
 * Short strings are interned: creating a string equal to one that exists
 * returns the existing one with one more reference, so the many repeated
 * values of a database (map keys, enum values, names of things) are
 * stored once.  Interning is thread-safe (a mutex guards the table). */
struct db_string {
    unsigned int refcnt;        /* Atomic. */
    unsigned int length;        /* Bytes, excluding the null. */
    uint32_t hash;              /* Of the bytes, if 'interned'. */
    bool interned;              /* In the intern table? */
    char s[];                   /* Null-terminated UTF-8. */
};

/* Strings up to this long are interned. */
#define DB_STRING_INTERN_MAX 128

struct db_string *db_string_create(const char *s, size_t length);
/* Statistics of the intern table: strings and references to them. */
void db_string_intern_stats(size_t *n_strings, size_t *n_refs);
struct db_string *db_string_create_cstr(const char *s);
struct db_string *db_string_take(char *s);   /* Frees 's'. */
static inline struct db_string *
db_string_ref(struct db_string *s)
{
    __atomic_add_fetch(&s->refcnt, 1, __ATOMIC_RELAXED);
    return s;
}
void db_string_unref(struct db_string *);

/* One atomic value. */
union db_atom {
    int64_t integer;
    double real;
    bool boolean;
    struct db_string *s;
    struct uuid uuid;
};

/* Atoms. */
void db_atom_init_default(union db_atom *, enum db_atomic_type);
const union db_atom *db_atom_default(enum db_atomic_type);
bool db_atom_is_default(const union db_atom *, enum db_atomic_type);
void db_atom_clone(union db_atom *dst, const union db_atom *src,
                   enum db_atomic_type);
void db_atom_destroy(union db_atom *, enum db_atomic_type);
void db_atom_swap(union db_atom *, union db_atom *);
uint32_t db_atom_hash(const union db_atom *, enum db_atomic_type,
                      uint32_t basis);
bool db_atom_equals(const union db_atom *, const union db_atom *,
                    enum db_atomic_type);
int db_atom_compare_3way(const union db_atom *, const union db_atom *,
                         enum db_atomic_type);
static inline const char *
db_atom_string(const union db_atom *atom)
{
    return atom->s->s;
}

struct db_symbol_table;

/* Parses 'json' as an atom of 'base''s atomic type and checks 'base''s
 * constraints.  'symtab' resolves ["named-uuid", NAME] (NULL forbids
 * named UUIDs). */
struct db_error *db_atom_from_json(union db_atom *,
                                   const struct db_base_type *,
                                   const json_t *,
                                   struct db_symbol_table *symtab)
    SVS_WARN_UNUSED_RESULT;
json_t *db_atom_to_json(const union db_atom *, enum db_atomic_type);
/* ovs-vsctl syntax.  db_atom_from_string() also checks constraints; on
 * success returns NULL, otherwise a malloc'd error message.  'symtab' is
 * for "@name" references (may be NULL). */
char *db_atom_from_string(union db_atom *, union db_atom **range_end,
                          const struct db_base_type *, const char *,
                          struct db_symbol_table *symtab)
    SVS_WARN_UNUSED_RESULT;
void db_atom_to_string(const union db_atom *, enum db_atomic_type,
                       struct ds *);
void db_atom_to_bare(const union db_atom *, enum db_atomic_type,
                     struct ds *);
/* Checks 'atom' against 'base''s constraints (enum, bounds). */
struct db_error *db_atom_check_constraints(const union db_atom *,
                                           const struct db_base_type *)
    SVS_WARN_UNUSED_RESULT;

/* A column value. */
struct db_datum {
    unsigned int n;             /* Number of elements. */
    union db_atom *keys;        /* Sorted, unique; 'n' elements. */
    union db_atom *values;      /* NULL unless a map; 'n' elements. */
};

#define DB_DATUM_EMPTY_INITIALIZER { 0, NULL, NULL }

/* Initialization and destruction. */
void db_datum_init_empty(struct db_datum *);
void db_datum_init_default(struct db_datum *, const struct db_type *);
const struct db_datum *db_datum_default(const struct db_type *);
bool db_datum_is_default(const struct db_datum *, const struct db_type *);
void db_datum_clone(struct db_datum *dst, const struct db_datum *src,
                    const struct db_type *);
void db_datum_destroy(struct db_datum *, const struct db_type *);
void db_datum_swap(struct db_datum *, struct db_datum *);
void db_datum_init_atom(struct db_datum *, const union db_atom *,
                        const struct db_type *);  /* Clones 'atom'. */
void db_datum_init_integer(struct db_datum *, int64_t);
void db_datum_init_string(struct db_datum *, const char *);
void db_datum_init_uuid(struct db_datum *, const struct uuid *);
void db_datum_init_boolean(struct db_datum *, bool);

/* Checks and canonicalization.  db_datum_sort() sorts keys (and values
 * with them) and reports duplicate keys as a "constraint violation";
 * db_datum_check_constraints() checks each atom and the element count. */
struct db_error *db_datum_sort(struct db_datum *, const struct db_type *)
    SVS_WARN_UNUSED_RESULT;
void db_datum_sort_unique(struct db_datum *, const struct db_type *);
struct db_error *db_datum_check_constraints(const struct db_datum *,
                                            const struct db_type *)
    SVS_WARN_UNUSED_RESULT;
struct db_error *db_datum_check_size(const struct db_datum *,
                                     const struct db_type *)
    SVS_WARN_UNUSED_RESULT;
/* Checks that 'n' elements fit 'type''s size bounds; the error is a
 * "syntax error" quoting 'json' (may be NULL). */
struct db_error *db_datum_check_n(size_t n, const struct db_type *,
                                  const json_t *json)
    SVS_WARN_UNUSED_RESULT;

/* JSON (RFC 7047). */
struct db_error *db_datum_from_json(struct db_datum *,
                                    const struct db_type *, const json_t *,
                                    struct db_symbol_table *)
    SVS_WARN_UNUSED_RESULT;
json_t *db_datum_to_json(const struct db_datum *, const struct db_type *);
/* Appends to 'ds' the compact JSON text of db_datum_to_json()'s result,
 * without building it. */
void db_datum_to_json_ds(const struct db_datum *, const struct db_type *,
                         struct ds *);

/* ovs-vsctl syntax. */
char *db_datum_from_string(struct db_datum *, const struct db_type *,
                           const char *, struct db_symbol_table *)
    SVS_WARN_UNUSED_RESULT;
void db_datum_to_string(const struct db_datum *, const struct db_type *,
                        struct ds *);
void db_datum_to_bare(const struct db_datum *, const struct db_type *,
                      struct ds *);

/* Comparison and search. */
uint32_t db_datum_hash(const struct db_datum *, const struct db_type *,
                       uint32_t basis);
bool db_datum_equals(const struct db_datum *, const struct db_datum *,
                     const struct db_type *);
int db_datum_compare_3way(const struct db_datum *, const struct db_datum *,
                          const struct db_type *);
/* Returns the index of 'key' in 'datum' or UINT_MAX. */
unsigned int db_datum_find_key(const struct db_datum *,
                               const union db_atom *key,
                               enum db_atomic_type);
/* True if every element (key, and value for maps) of 'a' is in 'b'. */
bool db_datum_includes_all(const struct db_datum *a,
                           const struct db_datum *b,
                           const struct db_type *);
/* True if no element of 'a' is in 'b'. */
bool db_datum_excludes_all(const struct db_datum *a,
                           const struct db_datum *b,
                           const struct db_type *);

/* Set and map operations.  'type' describes 'a'; 'b' may be a set of keys
 * when deleting from a map ('b_type' says which). */
/* Adds to 'a' each element of 'b' whose key is not already in 'a'. */
void db_datum_union(struct db_datum *a, const struct db_datum *b,
                    const struct db_type *);
/* Removes from 'a' each element matching 'b' (by key if 'b_type' has no
 * value type, else by key and value). */
void db_datum_subtract(struct db_datum *a, const struct db_type *a_type,
                       const struct db_datum *b,
                       const struct db_type *b_type);
/* Appends without keeping order or uniqueness; db_datum_sort() after. */
void db_datum_add_unsafe(struct db_datum *, const union db_atom *key,
                         const union db_atom *value,
                         const struct db_type *);  /* Clones. */
void db_datum_remove_unsafe(struct db_datum *, unsigned int idx,
                            const struct db_type *);
void db_datum_reserve(struct db_datum *, unsigned int n,
                      const struct db_type *);

/* Bytes of heap memory used by 'datum' (for memory statistics). */
size_t db_datum_memory(const struct db_datum *, const struct db_type *);

/* Named-UUID resolution. */
struct db_symbol {
    struct uuid uuid;           /* UUID the name stands for. */
    bool created;               /* Inserted by "insert" with uuid-name? */
    bool strong_ref;            /* Referenced by a strong reference? */
    bool weak_ref;              /* Referenced by a weak reference? */
};

struct db_symbol_table {
    struct shash sh;            /* Name -> struct db_symbol *. */
};

struct db_symbol_table *db_symbol_table_create(void);
void db_symbol_table_destroy(struct db_symbol_table *);
struct db_symbol *db_symbol_table_get(const struct db_symbol_table *,
                                      const char *name);
struct db_symbol *db_symbol_table_put(struct db_symbol_table *,
                                      const char *name,
                                      const struct uuid *, bool created);
/* Returns the symbol for 'name', creating it with a fresh UUID if
 * needed. */
struct db_symbol *db_symbol_table_insert(struct db_symbol_table *,
                                         const char *name);

#endif /* db-data.h */
