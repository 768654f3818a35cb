/* monitor.h: database monitors (RFC 7047 "monitor" and the extensions
 * monitor_cond, monitor_cond_change, monitor_cond_since).
 *
 * What: a monitor watches some columns of some tables of one database
 * for one client.  It answers the initial contents when created, then
 * reports each committed transaction's changes through a callback as the
 * params of an "update" (version 1), "update2" (monitor_cond) or
 * "update3" (monitor_cond_since) notification.
 *
 * Formats:
 *   v1: {"<table>": {"<uuid>": {"old": <row>, "new": <row>}}}, where for a
 *       modification "old" holds only the changed columns.
 *   v2/v3: {"<table>": {"<uuid>": {"initial"|"insert": <row>} |
 *       {"delete": null} | {"modify": <row-diff>}}}, rows without
 *       default-valued columns; a diff holds the new value of scalar
 *       columns and the symmetric difference for sets and maps.
 * With conditions (v2/v3), a row that starts matching is an "insert" and
 * one that stops matching is a "delete".
 *
 * Transaction history: each database keeps the changes of its recent
 * transactions, so that monitor_cond_since can send only what a
 * reconnecting client missed.
 *
 * Thread-safety: as for the database. */
#ifndef SVSDB_MONITOR_H
#define SVSDB_MONITOR_H 1

#include <jansson.h>
#include <stdbool.h>
#include "compiler.h"
#include "uuid.h"

struct db_error;
struct ovsdb;
struct ovsdb_monitor;

enum ovsdb_monitor_version {
    OVSDB_MONITOR_V1,           /* "monitor" -> "update". */
    OVSDB_MONITOR_V2,           /* "monitor_cond" -> "update2". */
    OVSDB_MONITOR_V3            /* "monitor_cond_since" -> "update3". */
};

/* Receives one notification: 'method' and 'params' (ownership passes to
 * the callee). */
typedef void ovsdb_monitor_send_func(void *aux, const char *method,
                                     json_t *params);

/* Creates a monitor for 'requests' (the third params element of the
 * request).  On success the monitor is active and '*initialp' holds the
 * initial contents in the version's format (for v3, only what changed
 * since 'last_txn_id' if the history has it: '*found' tells). */
struct db_error *ovsdb_monitor_create(struct ovsdb *, const json_t *id,
                                      const json_t *requests,
                                      enum ovsdb_monitor_version,
                                      const struct uuid *last_txn_id,
                                      ovsdb_monitor_send_func *, void *aux,
                                      struct ovsdb_monitor **,
                                      json_t **initialp, bool *found)
    SVS_WARN_UNUSED_RESULT;
/* Changes the conditions (and, for v2/v3, nothing else) of 'monitor'
 * per monitor_cond_change 'requests', sending the resulting update. */
struct db_error *ovsdb_monitor_cond_change(struct ovsdb_monitor *,
                                           const json_t *requests)
    SVS_WARN_UNUSED_RESULT;
/* Gives the monitor a new id (monitor_cond_change may rename it). */
void ovsdb_monitor_set_id(struct ovsdb_monitor *, const json_t *id);
const json_t *ovsdb_monitor_get_id(const struct ovsdb_monitor *);
struct ovsdb *ovsdb_monitor_get_db(const struct ovsdb_monitor *);
void ovsdb_monitor_destroy(struct ovsdb_monitor *);
/* Called when the database goes away: the monitor is detached and
 * 'on_db_gone' (if set) is told, so the session can cancel it. */
void ovsdb_monitor_set_db_gone_cb(struct ovsdb_monitor *,
                                  void (*cb)(void *aux,
                                             struct ovsdb_monitor *));

/* Transaction history. */
void ovsdb_monitor_history_enable(struct ovsdb *);
void ovsdb_monitor_history_disable(struct ovsdb *);

#endif /* monitor.h */
