/* ovs-import.h: converting an Open vSwitch database file to svs storage.
 *
 * What: Open vSwitch keeps a standalone database in a text log: a
 * sequence of records, each a header line "OVSDB JSON <length> <sha1>"
 * followed by <length> bytes of JSON (whose SHA-1 is <sha1>).  The first
 * record is the schema; each later one is a committed transaction
 *     {"<table>": {"<uuid>": <row> or null, ...}, ...,
 *      "_date": <ms>, "_comment": "...", "_is_diff": true}
 * in which a new row lists its non-default columns and a modified row
 * lists only the columns that changed.  With "_is_diff", a changed column
 * whose type allows more than one element holds the difference between
 * the old and new values: for a set, the elements to add or remove; for a
 * map, the pairs to add, to remove (same key and value as before) or to
 * change (same key, new value).  Other columns hold their new value.
 *
 * ovs_import() replays those records, keeping the current rows in memory
 * so that each transaction becomes the complete new rows that storage.h
 * wants, and writes every transaction, with its date and comment, to a
 * new svs database: its log shows the same history, record for record
 * (svs log record N is Open vSwitch record N).
 *
 * Clustered Open vSwitch databases ("OVSDB CLUSTER") are refused: convert
 * them with ovsdb-tool cluster-to-standalone first.
 *
 * Thread-safety: reentrant. */
#ifndef SVSDB_OVS_IMPORT_H
#define SVSDB_OVS_IMPORT_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"

struct db_error;

struct ovs_import_stats {
    uint64_t n_txns;            /* Transactions imported. */
    uint64_t n_rows;            /* Rows in the new database. */
    bool truncated;             /* The file ended inside a record, which
                                 * was ignored, as Open vSwitch does. */
    uint64_t truncated_offset;  /* Where that record starts. */
};

/* Reads the standalone Open vSwitch database 'ovs_file' and creates the
 * svs database 'svs_file' (which must not exist) with the same schema,
 * rows and history.  On error, 'svs_file' does not exist afterward. */
struct db_error *ovs_import(const char *ovs_file, const char *svs_file,
                            struct ovs_import_stats *)
    SVS_WARN_UNUSED_RESULT;

#endif /* ovs-import.h */
