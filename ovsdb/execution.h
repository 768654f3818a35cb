/* execution.h: the RFC 7047 "transact" method.
 *
 * What: ovsdb_execute() runs the operations of one transact request
 * against a database inside one transaction and returns the result array
 * that the reply carries: one element per operation (an error object for
 * the operation that failed, null for operations after it), plus one
 * more error element if the commit itself failed.
 *
 * Waiting: a "wait" operation with a nonzero timeout whose condition does
 * not hold yet makes the whole request wait.  Then ovsdb_execute()
 * returns NULL and sets '*wait_msec' to the remaining time (LLONG_MAX for
 * none); the caller (a trigger) retries after the next commit to the
 * database and gives up with the "timed out" error when the time runs
 * out, by calling again with 'timed_out' true.
 *
 * Thread-safety: as for the database. */
#ifndef SVSDB_EXECUTION_H
#define SVSDB_EXECUTION_H 1

#include <jansson.h>
#include <stdbool.h>

struct ovsdb;

/* Answers "does the client hold lock 'name'?" for "assert". */
typedef bool ovsdb_lock_check_func(void *aux, const char *lock_name);

struct ovsdb_execute_ctx {
    ovsdb_lock_check_func *has_lock;    /* May be null: no locks held. */
    void *lock_aux;
    bool read_only;                     /* Reject changes ("not allowed"). */
    long long int elapsed_msec;         /* Time already waited. */
    bool timed_out;                     /* Waiting is over. */
};

/* 'params' is the whole params array, [db-name, op...]; its database
 * name must already match 'db'. */
json_t *ovsdb_execute(struct ovsdb *db, const struct ovsdb_execute_ctx *,
                      const json_t *params, long long int *wait_msec);

#endif /* execution.h */
