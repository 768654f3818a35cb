/* db-idl-private.h: internals shared by lib/db-idl*.c.  Not for other
 * modules.
 *
 * Invariants (checked by assertions where cheap):
 *   1. A row is in its table's 'rows' map iff it is in the replica
 *      (!row->deleted) or was inserted by the open transaction.
 *   2. row->old_datum is NULL iff the row was inserted by the open
 *      transaction (row->txn_row->inserted).
 *   3. A row's typed fields always mirror db_idl_read() of each column,
 *      except that references to rows absent from the replica are left
 *      out.
 *   4. Every arc in idl->arcs comes from a row in the replica and names a
 *      UUID found in one of the row's committed reference columns.
 *   5. idl->txn is the open transaction; it is NULL from its commit on,
 *      while the transaction waits in idl->outstanding_txns. */
#ifndef SVS_DB_IDL_PRIVATE_H
#define SVS_DB_IDL_PRIVATE_H 1

#include <limits.h>
#include "db-idl.h"
#include "dynamic-string.h"
#include "hmap.h"
#include "json.h"
#include "list.h"
#include "shash.h"
#include "util.h"
#include "uuid.h"

struct db_schema;
struct jsonrpc_msg;
struct jsonrpc_session;

/* Column modes. */
enum {
    IDL_MONITOR = 1 << 0,       /* Replicate. */
    IDL_ALERT = 1 << 1,         /* Changes change the seqno. */
    IDL_TRACK = 1 << 2          /* Changes are tracked. */
};

/* One table of the replica. */
struct db_idl_table {
    struct db_idl_table_class *class_;
    struct db_idl *idl;
    unsigned char *modes;       /* Per column, IDL_* bits. */
    bool *server_has;           /* Per column: in the server's schema. */
    bool in_server;             /* The server's schema has the table. */
    bool monitored;             /* In the current monitor request. */
    bool has_refs;              /* Some column holds references. */
    bool tracked;               /* Some column is tracked. */
    bool alert_rows;            /* Insertions and deletions alert. */
    bool wanted;                /* Replicate the table (some column or
                                 * the table itself was registered). */
    unsigned long *scratch;     /* Bitmap of n_columns bits, for
                                 * temporary use. */
    struct hmap rows;           /* struct db_idl_row, by uuid hash. */
    struct shash columns;       /* Name -> struct db_idl_column *. */
    struct db_type *wire_types; /* Per column: the type without
                                 * constraints or size limits, to accept
                                 * whatever the server sends. */
    json_t *cond;               /* Desired condition: array of clauses. */
    json_t *cond_requested;     /* Last sent (NULL: none yet). */
    json_t *cond_acked;         /* What the replica reflects (NULL:
                                 * unknown). */
    struct svs_list track_list; /* Tracked rows, via 'track_node'. */
    unsigned int change_seqno[DB_IDL_N_CHANGES];
};

enum idl_state {
    IDL_S_DISCONNECTED,
    IDL_S_SERVER_MONITOR_REQUESTED,  /* monitor_cond on _Server sent. */
    IDL_S_DATA_SCHEMA_REQUESTED,     /* get_schema sent. */
    IDL_S_DATA_MONITOR_REQUESTED,    /* Data monitor sent. */
    IDL_S_MONITORING,                /* Replica complete and current. */
    IDL_S_ERROR                      /* Waiting for a reconnection. */
};

enum idl_method {
    IDL_M_COND_SINCE,
    IDL_M_COND,
    IDL_M_PLAIN
};

/* A reference from a row of the replica to a UUID. */
struct db_idl_arc {
    struct hmap_node dst_node;  /* In idl->arcs, by uuid_hash(&dst). */
    struct svs_list src_node;   /* In src->arcs. */
    struct db_idl_row *src;
    struct uuid dst;
};

struct db_idl {
    struct db_idl_class *class_;
    struct db_idl_table *tables;        /* One per table class. */
    char *remote;
    struct jsonrpc_session *session;
    unsigned int session_seqno;
    bool retry;
    bool leader_only;
    enum idl_state state;
    json_t *request_id;         /* The state's outstanding request. */
    enum idl_method method;     /* Data monitor method to use. */
    json_t *monitor_id;         /* Of the data monitor. */
    json_t *server_monitor_id;  /* Of the _Server monitor. */
    bool server_monitoring;     /* _Server monitor established. */
    struct db_idl_class *server_class;  /* _Server's Database table. */
    struct db_idl_table *server_table;
    struct db_schema *server_schema;    /* The data database's. */
    char *server_schema_text;   /* As last received, to spot changes. */
    bool server_schema_assumed; /* 'server_schema_text' has the class's
                                 * name, version and cksum, so it was taken
                                 * to be the class's schema, unparsed
                                 * ('server_schema' NULL). */
    bool schema_shortcut_failed; /* Assuming so made the monitor fail. */
    bool have_last_id;
    struct uuid last_id;        /* Last transaction id (update3). */
    bool resync_full;           /* Next monitor must not resume. */
    char *monitor_signature;    /* Requests (with acknowledged
                                 * conditions) the replica reflects. */
    bool db_missing;            /* _Server says the db is absent. */

    unsigned int change_seqno;
    bool changed;               /* A change during this run: bump. */
    bool has_ever_connected;
    unsigned int sync_gen;      /* Generation of the current snapshot. */
    bool more_to_do;            /* Stopped processing messages early. */

    /* Lazy updates (db_idl_set_lazy_updates()): the texts of update
     * notifications received meanwhile, not yet parsed, oldest first. */
    bool lazy_updates;
    struct idl_deferred {
        char *text;
        size_t len;
    } *deferred;
    size_t n_deferred, allocated_deferred;

    /* Locks. */
    char *lock_name;
    bool has_lock;
    bool is_lock_contended;
    json_t *lock_request_id;

    /* Transactions. */
    struct db_idl_txn *txn;     /* The open transaction. */
    struct svs_list outstanding_txns;   /* Committed, waiting. */

    /* Conditions. */
    unsigned int cond_seqno;    /* Acknowledged. */
    unsigned int cond_target;   /* Once all desired ones are in. */
    unsigned int cond_in_flight_target;
    json_t *cond_request_id;
    unsigned int monitor_cond_target;   /* With the monitor request. */

    /* References and deferred work. */
    struct hmap arcs;           /* struct db_idl_arc. */
    struct svs_list reparse;    /* Rows whose references to re-resolve. */
    struct svs_list dead_rows;  /* Untracked deleted rows, freed at the
                                 * next run. */
    struct svs_list stale_tracked; /* Tracked deleted rows from an
                                    * earlier run. */

    /* Statistics. */
    struct db_idl_stats stats;
};

/* Per-column state of partial updates in a transaction. */
struct db_idl_partial {
    struct db_datum set;        /* Maps: pairs to set; sets: elements to
                                 * add.  Sorted by key. */
    struct db_datum del;        /* Keys or elements to delete. */
};

/* A row's state in the open transaction. */
struct db_idl_txn_row {
    struct svs_list node;       /* In txn->rows. */
    struct db_idl_row *row;
    struct db_datum *new_datum; /* Per column, valid where 'written'. */
    unsigned long *written;     /* Columns written (whole or partially). */
    unsigned long *prereqs;     /* Columns verified. */
    struct db_idl_partial **partials; /* Per column, only for columns
                                       * written only partially. */
    bool inserted;
    bool deleted;
};

/* Bitmaps. */
static inline unsigned long *
idl_bitmap_alloc(size_t n)
{
    return xcalloc(DIV_ROUND_UP(n, sizeof(unsigned long) * CHAR_BIT),
                   sizeof(unsigned long));
}

static inline bool
idl_bitmap_is_set(const unsigned long *b, size_t i)
{
    size_t bits = sizeof(unsigned long) * CHAR_BIT;
    return (b[i / bits] >> (i % bits)) & 1;
}

static inline void
idl_bitmap_set(unsigned long *b, size_t i)
{
    size_t bits = sizeof(unsigned long) * CHAR_BIT;
    b[i / bits] |= 1UL << (i % bits);
}

static inline void
idl_bitmap_clear(unsigned long *b, size_t i)
{
    size_t bits = sizeof(unsigned long) * CHAR_BIT;
    b[i / bits] &= ~(1UL << (i % bits));
}

static inline void
idl_bitmap_zero(unsigned long *b, size_t n)
{
    size_t bits = sizeof(unsigned long) * CHAR_BIT;
    memset(b, 0, DIV_ROUND_UP(n, bits) * sizeof(unsigned long));
}

static inline struct db_idl_table *
idl_table(const struct db_idl *idl, const struct db_idl_table_class *tc)
{
    return &idl->tables[tc->index];
}

/* lib/db-idl-class.c: typed fields. */
void idl_row_parse_column(struct db_idl_row *, const struct db_idl_column *,
                          const struct db_datum *);
void idl_row_unparse_column(struct db_idl_row *,
                            const struct db_idl_column *);
void idl_row_parse(struct db_idl_row *);
void idl_row_unparse(struct db_idl_row *);
bool idl_column_is_ref(const struct db_idl_column *);

/* lib/db-idl.c, for the transaction code. */
struct db_idl_row *idl_row_create(struct db_idl_table *, const struct uuid *);
void idl_row_destroy(struct db_idl_row *);
struct db_idl_row *idl_table_find_row(const struct db_idl_table *,
                                      const struct uuid *);
bool idl_send_request(struct db_idl *, struct jsonrpc_msg *);
void idl_note_change(struct db_idl *);
void idl_flush_deferred(struct db_idl *);
const char *idl_name(const struct db_idl *);

/* lib/db-idl-txn.c, for the IDL. */
void idl_txn_process_reply(struct db_idl *, const struct jsonrpc_msg *);
bool idl_txn_owns_reply(const struct db_idl *, const json_t *id);
void idl_txn_connection_lost(struct db_idl *);
void idl_txn_synced(struct db_idl *);
void idl_txn_abort_all(struct db_idl *);

#endif /* db-idl-private.h */
