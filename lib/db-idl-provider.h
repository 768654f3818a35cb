/* db-idl-provider.h: the data structures behind lib/db-idl.h, for
 * generated bindings (lib/db-idl-gen.py) and generic code.
 *
 * What: a database "class" describes, for the client side, the tables and
 * columns a program knows about.  lib/db-idl-gen.py turns a schema into
 * a class with typed rows ("struct svsrec_bridge" for table "Bridge"), in
 * which every row starts with a 'struct db_idl_row' header followed by
 * one or more C fields per column.  db_idl_class_from_schema() builds a
 * class at run time, without typed fields, for generic clients.
 *
 * Typed fields.  Each column says how its value is mirrored into the row
 * struct ('field' and the offsets), as OVS's C IDL does:
 *
 *   DB_IDL_FIELD_SCALAR    exactly one value: int64_t, double, bool,
 *                          char * (never null), struct uuid, or a row
 *                          pointer for a reference (null while the
 *                          referenced row is not in the replica).
 *   DB_IDL_FIELD_OPTIONAL  zero or one string or reference: char * or a
 *                          row pointer, null when absent.
 *   DB_IDL_FIELD_ARRAY     any other set (optional integers, reals and
 *                          booleans too): 'T *x' plus 'size_t n_x'.
 *   DB_IDL_FIELD_MAP       'K *key_x', 'V *value_x' plus 'size_t n_x'.
 *   DB_IDL_FIELD_NONE      no typed field (run-time classes).
 *
 * Strings in typed fields point into the row's datums: they stay valid
 * until the column's value changes.  References to rows that the replica
 * does not have (not received yet, not monitored, filtered out by a
 * condition) are left out of arrays and maps and are null in scalars;
 * they reappear as soon as the referenced row arrives.
 *
 * Every column also keeps its raw value as a 'struct db_datum', which
 * db_idl_read() returns, for generic code.
 *
 * Thread-safety: classes are immutable after db_idl_class_init() (called
 * by db_idl_create() and the generated *_init() functions, and itself
 * thread-safe).  Rows belong to their 'struct db_idl'. */
#ifndef SVS_DB_IDL_PROVIDER_H
#define SVS_DB_IDL_PROVIDER_H 1

#include <stdbool.h>
#include <stddef.h>
#include "db-data.h"
#include "db-types.h"
#include "hmap.h"
#include "list.h"
#include "uuid.h"

struct db_idl_table;
struct db_idl_txn_row;
struct db_schema;
struct db_idl_table_class;

enum db_idl_field {
    DB_IDL_FIELD_NONE,
    DB_IDL_FIELD_SCALAR,
    DB_IDL_FIELD_OPTIONAL,
    DB_IDL_FIELD_ARRAY,
    DB_IDL_FIELD_MAP
};

/* A column of a table class. */
struct db_idl_column {
    const char *name;
    struct db_type type;        /* Complete once the class is
                                 * initialized (enums are filled in). */
    bool is_mutable;            /* False: only set when inserting. */

    /* Typed field layout within the row struct. */
    enum db_idl_field field;
    size_t offset;              /* The field; for maps the key array. */
    size_t value_offset;        /* Maps: the value array. */
    size_t n_offset;            /* Arrays and maps: the 'size_t' count. */
    struct db_idl_table_class *key_ref;   /* Table of referenced keys. */
    struct db_idl_table_class *value_ref; /* Table of referenced values. */
    const char *key_enum;       /* JSON of the key's "enum", or NULL. */
    const char *value_enum;     /* JSON of the value's "enum", or NULL. */

    /* Set by db_idl_class_init(). */
    struct db_idl_table_class *table;
    unsigned int index;         /* Within 'table->columns'. */
};

/* A table of a class. */
struct db_idl_table_class {
    const char *name;
    bool is_root;
    bool is_singleton;          /* "maxRows": 1. */
    struct db_idl_column *columns;
    size_t n_columns;
    size_t allocation_size;     /* Of a row (the typed struct). */

    /* Set by db_idl_class_init(). */
    struct db_idl_class *class_;
    unsigned int index;         /* Within 'class_->tables'. */
};

/* A database class. */
struct db_idl_class {
    const char *database;       /* Database name, e.g. "Open_vSwitch". */
    const char *version;        /* Schema version, "" if none. */
    const char *cksum;          /* Schema "cksum", "" or NULL if none. */
    struct db_idl_table_class *tables;
    size_t n_tables;
    bool initialized;           /* Private to db_idl_class_init(). */
    bool dynamic;               /* Built by db_idl_class_from_schema(). */
};

/* Kinds of change, for change tracking. */
enum db_idl_change {
    DB_IDL_CHANGE_INSERT,
    DB_IDL_CHANGE_MODIFY,
    DB_IDL_CHANGE_DELETE,
    DB_IDL_N_CHANGES
};

/* The header of every row.  Only 'uuid' is for direct use: everything
 * else belongs to lib/db-idl. */
struct db_idl_row {
    struct hmap_node hmap_node; /* In the table's 'rows', by uuid hash. */
    struct uuid uuid;           /* The row's UUID (a temporary UUID for a
                                 * row inserted by an open transaction). */
    struct db_idl_table *table;
    struct db_datum *old_datum; /* Committed values, one per column; NULL
                                 * only for a row inserted by the open
                                 * transaction. */
    struct db_idl_txn_row *txn_row; /* State in the open transaction. */
    struct svs_list arcs;       /* Outgoing references (struct db_idl_arc,
                                 * private). */
    struct svs_list work_node;  /* In a to-do list while being processed
                                 * (private). */
    unsigned int sync_gen;      /* Resynchronization generation. */
    bool on_work_list;
    bool deleted;               /* Removed from the replica (kept for
                                 * change tracking until cleared). */
    bool tracked;               /* In the table's tracked list. */
    bool refs_cleared;          /* Deleted row's references cleared. */
    bool track_new;             /* Inserted since the last clear. */
    bool track_modified;        /* Modified since the last clear. */
    struct svs_list track_node; /* In the table's tracked list. */
    unsigned int change_seqno[DB_IDL_N_CHANGES];
    unsigned long *updated;     /* Tracked tables: columns changed since
                                 * the last db_idl_track_clear(). */
    unsigned int *column_seqnos; /* Tracked tables: per column, the seqno
                                  * of its last change. */
};

/* Class initialization and lookups. */
void db_idl_class_init(const struct db_idl_class *);
const struct db_idl_table_class *db_idl_class_get_table(
    const struct db_idl_class *, const char *name);
const struct db_idl_column *db_idl_table_class_get_column(
    const struct db_idl_table_class *, const char *name);

/* A class for 'schema' (not retained), without typed fields.  The caller
 * destroys it with db_idl_class_destroy() after every IDL using it. */
struct db_idl_class *db_idl_class_from_schema(const struct db_schema *);
void db_idl_class_destroy(struct db_idl_class *);

#endif /* db-idl-provider.h */
