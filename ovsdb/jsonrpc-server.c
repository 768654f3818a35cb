/* jsonrpc-server.c: remotes, sessions, methods, locks and triggers. */
#include <config.h>
#include "jsonrpc-server.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "db-error.h"
#include "db-schema.h"
#include "dynamic-string.h"
#include "execution.h"
#include "hash.h"
#include "json.h"
#include "jsonrpc.h"
#include "list.h"
#include "monitor.h"
#include "ovsdb.h"
#include "poll-loop.h"
#include "storage.h"
#include "reconnect.h"
#include "stream.h"
#include "timeval.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(jsonrpc_server);

/* Largest message a client may send: a transaction inserting tens of
 * thousands of rows fits; a runaway client is cut off. */
#define MAX_MSG_SIZE (64u * 1024 * 1024)

/* A session stops reading requests while more than this much of its output
 * waits for the peer to read it: a client that does not read its replies
 * gets at most about one request's work ahead of the others.  (Replies are
 * corked up to this size, so a client that keeps reading never stops.) */
#define MAX_BACKLOG (64u * 1024)

/* Requests handled per session per main loop iteration, for fairness. */
#define MAX_REQUESTS_PER_RUN 64

struct ovsdb_jsonrpc_server {
    struct uuid server_id;
    struct ovsdb *server_db;        /* _Server. */
    struct shash dbs;               /* Name -> struct ovsdb *. */
    struct shash remotes;           /* Name -> struct remote *. */
    struct shash locks;             /* Name -> struct lock *. */
    ovsdb_convert_func *convert_cb;
    void *convert_aux;
    bool holding;                   /* Some storage has an uncommitted
                                     * batch: replies and updates must wait
                                     * for ovsdb_jsonrpc_server_flush(). */
};

struct remote {
    struct ovsdb_jsonrpc_server *server;
    char *name;
    struct pstream *listener;       /* Passive remote, else NULL. */
    struct svs_list sessions;       /* struct session. */
    struct ovsdb_jsonrpc_options options;
    int listen_error;               /* Last error opening 'listener'. */
    long long int retry_listen;     /* When to retry a failed listen. */
};

struct session {
    struct svs_list node;           /* In remote->sessions. */
    struct remote *remote;
    struct jsonrpc_session *js;
    unsigned int seqno;
    struct hmap monitors;           /* struct session_monitor. */
    struct svs_list triggers;       /* struct trigger. */
    struct shash waiters;           /* Lock name -> struct lock_waiter *. */
    struct svs_list outbox;         /* struct outmsg, to flush. */
    bool db_change_aware;
    bool dead;                      /* Close at the next flush. */
};

struct outmsg {
    struct svs_list node;
    struct jsonrpc_msg *msg;
};

struct session_monitor {
    struct hmap_node node;          /* In session->monitors, by id hash. */
    struct session *session;
    json_t *id;
    struct ovsdb_monitor *monitor;
    struct ovsdb *db;
};

/* A transaction waiting for a "wait" operation's condition. */
struct trigger {
    struct svs_list node;           /* In session->triggers. */
    struct session *session;
    struct ovsdb *db;
    json_t *id;
    json_t *params;
    long long int created;          /* time_msec() when received. */
    long long int deadline;         /* LLONG_MAX for none. */
    bool read_only;
};

/* A lock and the sessions that want it, owner first. */
struct lock {
    char *name;
    struct svs_list waiters;        /* struct lock_waiter. */
};

struct lock_waiter {
    struct svs_list node;           /* In lock->waiters. */
    struct lock *lock;
    struct session *session;
    bool lost;                      /* Stolen from this session. */
};

static void session_close(struct session *);
static void session_send(struct session *, struct jsonrpc_msg *);

void
ovsdb_jsonrpc_options_init(struct ovsdb_jsonrpc_options *options)
{
    options->max_backoff = 8000;
    options->probe_interval = -1;
    options->read_only = false;
    options->dscp = 0;
}

struct ovsdb_jsonrpc_server *
ovsdb_jsonrpc_server_create(const struct uuid *server_id)
{
    struct ovsdb_jsonrpc_server *server = xzalloc(sizeof *server);
    server->server_id = *server_id;
    shash_init(&server->dbs);
    shash_init(&server->remotes);
    shash_init(&server->locks);
    return server;
}

static void remote_destroy(struct remote *);

void
ovsdb_jsonrpc_server_destroy(struct ovsdb_jsonrpc_server *server)
{
    if (!server) {
        return;
    }
    struct shash_node *node, *next;
    SHASH_FOR_EACH_SAFE (node, next, &server->remotes) {
        remote_destroy(node->data);
        shash_delete(&server->remotes, node);
    }
    shash_destroy(&server->remotes);
    shash_destroy(&server->dbs);
    shash_destroy(&server->locks);
    free(server);
}

void
ovsdb_jsonrpc_server_set_server_db(struct ovsdb_jsonrpc_server *server,
                                   struct ovsdb *db)
{
    server->server_db = db;
    shash_add(&server->dbs, db->name, db);
}

void
ovsdb_jsonrpc_server_add_db(struct ovsdb_jsonrpc_server *server,
                            struct ovsdb *db)
{
    shash_add(&server->dbs, db->name, db);
}

struct ovsdb *
ovsdb_jsonrpc_server_get_db(const struct ovsdb_jsonrpc_server *server,
                            const char *name)
{
    return shash_find_data(&server->dbs, name);
}

void
ovsdb_jsonrpc_server_set_convert_cb(struct ovsdb_jsonrpc_server *server,
                                    ovsdb_convert_func *cb, void *aux)
{
    server->convert_cb = cb;
    server->convert_aux = aux;
}

/* Cancels every monitor and trigger of 'session' on 'db'. */
static void
session_forget_db(struct session *s, struct ovsdb *db, bool notify)
{
    struct session_monitor *sm, *next_sm;
    HMAP_FOR_EACH_SAFE (sm, next_sm, node, &s->monitors) {
        if (sm->db == db) {
            if (notify) {
                session_send(s, jsonrpc_create_notify(
                                 "monitor_canceled",
                                 json_array_of(1, json_incref(sm->id))));
            }
            hmap_remove(&s->monitors, &sm->node);
            ovsdb_monitor_destroy(sm->monitor);
            json_decref(sm->id);
            free(sm);
        }
    }

    struct trigger *t, *next_t;
    LIST_FOR_EACH_SAFE (t, next_t, node, &s->triggers) {
        if (t->db == db) {
            struct db_error *error = db_error("canceled", NULL);
            session_send(s, jsonrpc_create_error(
                             db_error_to_json_free(error), t->id));
            svs_list_remove(&t->node);
            json_decref(t->id);
            json_decref(t->params);
            free(t);
        }
    }
}

void
ovsdb_jsonrpc_server_remove_db(struct ovsdb_jsonrpc_server *server,
                               struct ovsdb *db, const char *reason)
{
    struct shash_node *rnode;
    SHASH_FOR_EACH (rnode, &server->remotes) {
        struct remote *remote = rnode->data;
        struct session *s;
        LIST_FOR_EACH (s, node, &remote->sessions) {
            session_forget_db(s, db, s->db_change_aware);
            if (!s->db_change_aware) {
                /* As ovsdb-server does: a client that cannot hear about
                 * database changes must reconnect and start over. */
                VLOG_INFO("%s: disconnecting client that is not database "
                          "change aware (%s)",
                          jsonrpc_session_get_name(s->js), reason);
                s->dead = true;
            }
        }
    }
    shash_find_and_delete(&server->dbs, db->name);
}

void
ovsdb_jsonrpc_server_replace_db(struct ovsdb_jsonrpc_server *server,
                                struct ovsdb *old, struct ovsdb *new)
{
    ovsdb_jsonrpc_server_remove_db(server, old, "database schema changed");
    ovsdb_jsonrpc_server_add_db(server, new);
}

/* Sending. */

/* Sends 'msg' on 's', at once if nothing needs to become durable first
 * (and nothing queued would be overtaken), else after the next flush. */
static void
session_send(struct session *s, struct jsonrpc_msg *msg)
{
    if (!s->remote->server->holding && svs_list_is_empty(&s->outbox)) {
        jsonrpc_session_send(s->js, msg);
        return;
    }
    struct outmsg *out = xmalloc(sizeof *out);
    out->msg = msg;
    svs_list_push_back(&s->outbox, &out->node);
}

/* Notes that 'db' may have uncommitted changes in its storage. */
static void
note_pending(struct ovsdb_jsonrpc_server *server, const struct ovsdb *db)
{
    if (db->storage && ovsdb_storage_has_pending(db->storage)) {
        server->holding = true;
    }
}

static void
send_error(struct session *s, const json_t *id, struct db_error *error)
{
    session_send(s, jsonrpc_create_error(db_error_to_json_free(error), id));
}

static void
send_reply(struct session *s, const json_t *id, json_t *result)
{
    session_send(s, jsonrpc_create_reply(result, id));
}

static void
monitor_send_cb(void *aux, const char *method, json_t *params)
{
    struct session_monitor *sm = aux;
    session_send(sm->session, jsonrpc_create_notify(method, params));
}

/* Locks. */

static struct lock_waiter *
lock_owner(const struct lock *lock)
{
    return (svs_list_is_empty(&lock->waiters) ? NULL
            : CONTAINER_OF(svs_list_front(&lock->waiters),
                           struct lock_waiter, node));
}

static void
notify_lock(struct session *s, const char *method, const char *name)
{
    session_send(s, jsonrpc_create_notify(method, json_array_of(
                                              1, json_string(name))));
}

static void
waiter_remove(struct ovsdb_jsonrpc_server *server, struct lock_waiter *w)
{
    struct lock *lock = w->lock;
    bool was_owner = lock_owner(lock) == w;
    bool was_lost = w->lost;

    svs_list_remove(&w->node);
    shash_find_and_delete(&w->session->waiters, lock->name);
    free(w);

    struct lock_waiter *owner = lock_owner(lock);
    if (!owner) {
        shash_find_and_delete(&server->locks, lock->name);
        free(lock->name);
        free(lock);
    } else if (was_owner || was_lost) {
        /* Like ovsdb-server, the owner hears "locked" again when the
         * victim of a steal lets go. */
        notify_lock(owner->session, "locked", lock->name);
    }
}

static struct lock *
lock_get(struct ovsdb_jsonrpc_server *server, const char *name)
{
    struct lock *lock = shash_find_data(&server->locks, name);
    if (!lock) {
        lock = xzalloc(sizeof *lock);
        lock->name = xstrdup(name);
        svs_list_init(&lock->waiters);
        shash_add(&server->locks, name, lock);
    }
    return lock;
}

static bool
session_has_lock(void *s_, const char *name)
{
    struct session *s = s_;
    struct lock_waiter *w = shash_find_data(&s->waiters, name);
    return w && lock_owner(w->lock) == w;
}

static struct db_error *
parse_lock_name(const json_t *params, const char *method, const char **name)
{
    if (!json_is_array(params) || json_array_size(params) != 1
        || !json_is_string(json_array_get(params, 0))
        || !db_is_valid_id(json_string_value(json_array_get(params, 0)))) {
        return db_syntax_error(params, NULL, "%s request params must be "
                               "<id>", method);
    }
    *name = json_string_value(json_array_get(params, 0));
    return NULL;
}

static void
handle_lock(struct session *s, const struct jsonrpc_msg *msg, bool steal)
{
    struct ovsdb_jsonrpc_server *server = s->remote->server;
    const char *name;
    struct db_error *error = parse_lock_name(msg->params, msg->method,
                                             &name);
    if (error) {
        send_error(s, msg->id, error);
        return;
    }
    if (shash_find(&s->waiters, name)) {
        send_error(s, msg->id, db_syntax_error(msg->params, NULL,
                                               "must issue \"unlock\" before "
                                               "new \"%s\"", msg->method));
        return;
    }

    struct lock *lock = lock_get(server, name);
    struct lock_waiter *w = xzalloc(sizeof *w);
    w->lock = lock;
    w->session = s;
    shash_add(&s->waiters, name, w);

    struct lock_waiter *victim = lock_owner(lock);
    if (steal) {
        svs_list_push_front(&lock->waiters, &w->node);
        if (victim) {
            victim->lost = true;
            notify_lock(victim->session, "stolen", name);
        }
    } else {
        svs_list_push_back(&lock->waiters, &w->node);
    }

    json_t *result = json_object();
    json_object_put(result, "locked", json_boolean(lock_owner(lock) == w));
    send_reply(s, msg->id, result);
}

static void
handle_unlock(struct session *s, const struct jsonrpc_msg *msg)
{
    const char *name;
    struct db_error *error = parse_lock_name(msg->params, "unlock", &name);
    if (error) {
        send_error(s, msg->id, error);
        return;
    }
    struct lock_waiter *w = shash_find_data(&s->waiters, name);
    if (!w) {
        send_error(s, msg->id, db_syntax_error(msg->params, NULL,
                                               "unlock: \"unlock\" "
                                               "without \"lock\" or "
                                               "\"steal\""));
        return;
    }
    waiter_remove(s->remote->server, w);
    send_reply(s, msg->id, json_object());
}

/* Transactions and triggers. */

static struct db_error *
parse_db_name(struct ovsdb_jsonrpc_server *server, const json_t *params,
              const char *method, struct ovsdb **dbp)
{
    *dbp = NULL;
    if (!json_is_array(params) || !json_array_size(params)
        || !json_is_string(json_array_get(params, 0))) {
        return db_syntax_error(params, NULL, "%s request params must begin "
                               "with <db-name>", method);
    }
    const char *name = json_string_value(json_array_get(params, 0));
    *dbp = shash_find_data(&server->dbs, name);
    if (!*dbp) {
        return db_syntax_error(params, "unknown database", "%s request "
                               "specifies unknown database %s", method,
                               name);
    }
    return NULL;
}

/* True if the operations of transact 'params' ([db, op...]) might change
 * the database or ask for durability: anything but select, wait, comment
 * and assert (abort fails the transaction; malformed operations are
 * counted as writes, the execution reports them). */
static bool
txn_may_write(const json_t *params)
{
    size_t n = json_array_size(params);

    for (size_t i = 1; i < n; i++) {
        const char *op = json_string_value(
            json_object_get(json_array_get(params, i), "op"));
        if (!op || (strcmp(op, "select") && strcmp(op, "wait")
                    && strcmp(op, "comment") && strcmp(op, "assert")
                    && strcmp(op, "abort"))) {
            return true;
        }
    }
    return false;
}

static json_t *
execute(struct session *s, struct ovsdb *db, const json_t *params,
        long long int elapsed, bool timed_out, bool read_only,
        long long int *wait_msec)
{
    struct ovsdb_execute_ctx ctx = {
        .has_lock = session_has_lock,
        .lock_aux = s,
        .read_only = read_only,
        .elapsed_msec = elapsed,
        .timed_out = timed_out,
    };
    /* Updates sent to monitors by this transaction's commit must wait for
     * the storage too: hold everything from here on.  A transaction that
     * cannot write commits nothing: its reply goes out at once, unless an
     * earlier write is still pending (note_pending() below), which keeps a
     * pipelined reader's replies out of the outbox, where the backlog limit
     * does not see them. */
    if (db->storage && !read_only && txn_may_write(params)) {
        s->remote->server->holding = true;
    }
    json_t *result = ovsdb_execute(db, &ctx, params, wait_msec);
    note_pending(s->remote->server, db);
    return result;
}

static void
handle_transact(struct session *s, const struct jsonrpc_msg *msg)
{
    struct ovsdb *db;
    struct db_error *error = parse_db_name(s->remote->server, msg->params,
                                           "transact", &db);
    if (error) {
        send_error(s, msg->id, error);
        return;
    }

    bool read_only = (s->remote->options.read_only
                      || db == s->remote->server->server_db);
    long long int wait_msec;
    json_t *result = execute(s, db, msg->params, 0, false, read_only,
                             &wait_msec);
    if (result) {
        send_reply(s, msg->id, result);
        return;
    }

    struct trigger *t = xzalloc(sizeof *t);
    t->session = s;
    t->db = db;
    t->id = json_incref(msg->id);
    t->params = json_incref(msg->params);
    t->created = time_msec();
    t->deadline = (wait_msec == LLONG_MAX ? LLONG_MAX
                   : t->created + wait_msec);
    t->read_only = read_only;
    svs_list_push_back(&s->triggers, &t->node);
}

static void
trigger_destroy(struct trigger *t)
{
    svs_list_remove(&t->node);
    json_decref(t->id);
    json_decref(t->params);
    free(t);
}

/* Retries 't'; returns true if it completed. */
static bool
trigger_try(struct trigger *t, long long int now)
{
    long long int wait_msec;
    bool timed_out = now >= t->deadline;
    json_t *result = execute(t->session, t->db, t->params, now - t->created,
                             timed_out, t->read_only, &wait_msec);
    if (result) {
        send_reply(t->session, t->id, result);
        trigger_destroy(t);
        return true;
    }
    return false;
}

static void
run_triggers(struct ovsdb_jsonrpc_server *server)
{
    long long int now = time_msec();
    struct shash_node *rnode;

    /* Keep retrying while commits keep happening (a trigger's commit may
     * satisfy another). */
    for (int round = 0; round < 100; round++) {
        bool any_db_changed = false;
        struct shash_node *dnode;
        SHASH_FOR_EACH (dnode, &server->dbs) {
            struct ovsdb *db = dnode->data;
            if (db->run_triggers) {
                any_db_changed = true;
            }
        }

        bool progress = false;
        SHASH_FOR_EACH (rnode, &server->remotes) {
            struct remote *remote = rnode->data;
            struct session *s;
            LIST_FOR_EACH (s, node, &remote->sessions) {
                struct trigger *t, *next;
                LIST_FOR_EACH_SAFE (t, next, node, &s->triggers) {
                    if (t->db->run_triggers || now >= t->deadline) {
                        if (trigger_try(t, now)) {
                            progress = true;
                        }
                    }
                }
            }
        }

        SHASH_FOR_EACH (dnode, &server->dbs) {
            struct ovsdb *db = dnode->data;
            db->run_triggers = false;
        }
        if (!progress || !any_db_changed) {
            break;
        }
        /* Commits by triggers set run_triggers again. */
        bool again = false;
        SHASH_FOR_EACH (dnode, &server->dbs) {
            struct ovsdb *db = dnode->data;
            again |= db->run_triggers;
        }
        if (!again) {
            break;
        }
    }
}

static void
handle_cancel(struct session *s, const struct jsonrpc_msg *msg)
{
    if (!json_is_array(msg->params) || json_array_size(msg->params) != 1) {
        return;
    }
    const json_t *id = json_array_get(msg->params, 0);
    struct trigger *t;
    LIST_FOR_EACH (t, node, &s->triggers) {
        if (json_equal(t->id, id)) {
            send_error(s, t->id, db_error("canceled", NULL));
            trigger_destroy(t);
            return;
        }
    }
}

/* Monitors. */

static struct session_monitor *
find_monitor(const struct session *s, const json_t *id)
{
    struct session_monitor *sm;
    char *text = json_to_string(id, JSSF_SORT);
    uint32_t hash = hash_string(text, 0);
    free(text);
    HMAP_FOR_EACH_WITH_HASH (sm, node, hash, &s->monitors) {
        if (json_equal(sm->id, id)) {
            return sm;
        }
    }
    return NULL;
}

static uint32_t
monitor_id_hash(const json_t *id)
{
    char *text = json_to_string(id, JSSF_SORT);
    uint32_t hash = hash_string(text, 0);
    free(text);
    return hash;
}

static void
handle_monitor(struct session *s, const struct jsonrpc_msg *msg,
               enum ovsdb_monitor_version version)
{
    struct ovsdb *db;
    struct db_error *error = parse_db_name(s->remote->server, msg->params,
                                           msg->method, &db);
    if (error) {
        send_error(s, msg->id, error);
        return;
    }

    size_t n_params = json_array_size(msg->params);
    size_t want = version == OVSDB_MONITOR_V3 ? 4 : 3;
    if (n_params != want) {
        send_error(s, msg->id, db_syntax_error(
                       msg->params, NULL, "invalid parameters"));
        return;
    }

    const json_t *id = json_array_get(msg->params, 1);
    const json_t *requests = (n_params > 2 ? json_array_get(msg->params, 2)
                              : NULL);
    struct uuid last_txn_id;
    uuid_zero(&last_txn_id);
    if (version == OVSDB_MONITOR_V3) {
        const json_t *last = json_array_get(msg->params, 3);
        if (!json_is_string(last)
            || !uuid_from_string(&last_txn_id, json_string_value(last))) {
            send_error(s, msg->id, db_syntax_error(
                           last, NULL, "last-txn-id must be UUID format."));
            return;
        }
    }
    if (find_monitor(s, id)) {
        send_error(s, msg->id, db_syntax_error(id, NULL,
                                               "duplicate monitor ID"));
        return;
    }

    /* Without requests, monitor every column of every table. */
    json_t *all = NULL;
    if (!requests) {
        all = json_object();
        struct shash_node *node;
        SHASH_FOR_EACH (node, &db->tables) {
            json_object_put(all, node->name, json_object());
        }
        requests = all;
    }

    struct session_monitor *sm = xzalloc(sizeof *sm);
    sm->session = s;
    sm->id = json_incref((json_t *) id);
    sm->db = db;
    json_t *initial;
    bool found;
    error = ovsdb_monitor_create(db, id, requests, version, &last_txn_id,
                                 monitor_send_cb, sm, &sm->monitor,
                                 &initial, &found);
    json_decref(all);
    if (error) {
        json_decref(sm->id);
        free(sm);
        send_error(s, msg->id, error);
        return;
    }
    hmap_insert(&s->monitors, &sm->node, monitor_id_hash(id));

    if (version == OVSDB_MONITOR_V3) {
        char txnid[UUID_LEN + 1];
        uuid_to_string(&db->last_txn_id, txnid);
        send_reply(s, msg->id, json_array_of(3, json_boolean(found),
                                             json_string(txnid), initial));
    } else {
        send_reply(s, msg->id, initial);
    }
}

static void
handle_monitor_cond_change(struct session *s, const struct jsonrpc_msg *msg)
{
    const json_t *params = msg->params;
    if (json_array_size(params) != 3) {
        send_error(s, msg->id, db_syntax_error(params, NULL,
                                               "invalid parameters"));
        return;
    }
    const json_t *old_id = json_array_get(params, 0);
    const json_t *new_id = json_array_get(params, 1);
    struct session_monitor *sm = find_monitor(s, old_id);
    if (!sm) {
        send_error(s, msg->id, db_syntax_error(old_id, NULL,
                                               "unknown monitor session"));
        return;
    }
    if (!json_equal(old_id, new_id) && find_monitor(s, new_id)) {
        send_error(s, msg->id, db_syntax_error(new_id, NULL,
                                               "duplicate monitor ID"));
        return;
    }

    /* The update for the new conditions goes out under the new id. */
    if (!json_equal(old_id, new_id)) {
        hmap_remove(&s->monitors, &sm->node);
        json_decref(sm->id);
        sm->id = json_incref((json_t *) new_id);
        ovsdb_monitor_set_id(sm->monitor, new_id);
        hmap_insert(&s->monitors, &sm->node, monitor_id_hash(new_id));
    }
    struct db_error *error = ovsdb_monitor_cond_change(
        sm->monitor, json_array_get(params, 2));
    if (error) {
        send_error(s, msg->id, error);
    } else {
        send_reply(s, msg->id, json_object());
    }
}

static void
handle_monitor_cancel(struct session *s, const struct jsonrpc_msg *msg)
{
    if (json_array_size(msg->params) != 1) {
        session_send(s, jsonrpc_create_error(
                         json_string("invalid parameters"), msg->id));
        return;
    }
    struct session_monitor *sm = find_monitor(s, json_array_get(msg->params,
                                                                0));
    if (!sm) {
        session_send(s, jsonrpc_create_error(json_string("unknown monitor"),
                                             msg->id));
        return;
    }
    hmap_remove(&s->monitors, &sm->node);
    ovsdb_monitor_destroy(sm->monitor);
    json_decref(sm->id);
    free(sm);
    send_reply(s, msg->id, json_object());
}

/* Other methods. */

static void
handle_list_dbs(struct session *s, const struct jsonrpc_msg *msg)
{
    struct ovsdb_jsonrpc_server *server = s->remote->server;
    const struct shash_node **nodes = shash_sort(&server->dbs);
    json_t *names = json_array();
    for (size_t i = 0; i < shash_count(&server->dbs); i++) {
        json_array_add(names, json_string(nodes[i]->name));
    }
    free(nodes);
    send_reply(s, msg->id, names);
}

static void
handle_get_schema(struct session *s, const struct jsonrpc_msg *msg)
{
    struct ovsdb *db;
    struct db_error *error = parse_db_name(s->remote->server, msg->params,
                                           "get_schema", &db);
    if (error) {
        send_error(s, msg->id, error);
    } else {
        send_reply(s, msg->id, db_schema_to_json(db->schema));
    }
}

static void
handle_convert(struct session *s, const struct jsonrpc_msg *msg)
{
    struct ovsdb_jsonrpc_server *server = s->remote->server;
    struct ovsdb *db;
    struct db_error *error = parse_db_name(server, msg->params, "convert",
                                           &db);
    if (!error && json_array_size(msg->params) != 2) {
        error = db_syntax_error(msg->params, NULL, "convert request params "
                                "must be <db-name>, <schema>");
    }
    if (!error && (s->remote->options.read_only || db == server->server_db
                   || !server->convert_cb)) {
        error = db_error("not allowed", "conversion of database %s is not "
                         "allowed", db->name);
    }
    if (!error) {
        error = server->convert_cb(server->convert_aux, db,
                                   json_array_get(msg->params, 1));
    }
    if (error) {
        send_error(s, msg->id, error);
    } else {
        send_reply(s, msg->id, json_object());
    }
}

static void
handle_request(struct session *s, struct jsonrpc_msg *msg)
{
    const char *m = msg->method;

    if (!strcmp(m, "transact")) {
        handle_transact(s, msg);
    } else if (!strcmp(m, "monitor")) {
        handle_monitor(s, msg, OVSDB_MONITOR_V1);
    } else if (!strcmp(m, "monitor_cond")) {
        handle_monitor(s, msg, OVSDB_MONITOR_V2);
    } else if (!strcmp(m, "monitor_cond_since")) {
        handle_monitor(s, msg, OVSDB_MONITOR_V3);
    } else if (!strcmp(m, "monitor_cond_change")) {
        handle_monitor_cond_change(s, msg);
    } else if (!strcmp(m, "monitor_cancel")) {
        handle_monitor_cancel(s, msg);
    } else if (!strcmp(m, "get_schema")) {
        handle_get_schema(s, msg);
    } else if (!strcmp(m, "list_dbs")) {
        handle_list_dbs(s, msg);
    } else if (!strcmp(m, "lock")) {
        handle_lock(s, msg, false);
    } else if (!strcmp(m, "steal")) {
        handle_lock(s, msg, true);
    } else if (!strcmp(m, "unlock")) {
        handle_unlock(s, msg);
    } else if (!strcmp(m, "echo")) {
        send_reply(s, msg->id, json_incref(msg->params));
    } else if (!strcmp(m, "set_db_change_aware")) {
        const json_t *b = json_array_get(msg->params, 0);
        if (json_array_size(msg->params) != 1 || !json_is_boolean(b)) {
            send_error(s, msg->id, db_syntax_error(
                           msg->params, NULL, "set_db_change_aware: true or "
                           "false parameter expected"));
        } else {
            s->db_change_aware = json_is_true(b);
            send_reply(s, msg->id, json_object());
        }
    } else if (!strcmp(m, "get_server_id")) {
        char id[UUID_LEN + 1];
        uuid_to_string(&s->remote->server->server_id, id);
        send_reply(s, msg->id, json_string(id));
    } else if (!strcmp(m, "convert")) {
        handle_convert(s, msg);
    } else {
        session_send(s, jsonrpc_create_error(json_string("unknown method"),
                                             msg->id));
    }
}

static void
handle_message(struct session *s, struct jsonrpc_msg *msg)
{
    switch (msg->type) {
    case JSONRPC_REQUEST:
        handle_request(s, msg);
        break;
    case JSONRPC_NOTIFY:
        if (!strcmp(msg->method, "cancel")) {
            handle_cancel(s, msg);
        }
        break;
    case JSONRPC_REPLY:
    case JSONRPC_ERROR:
    default: {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 5);
        VLOG_WARN_RL(&rl, "%s: received unexpected %s message; closing "
                     "connection", jsonrpc_session_get_name(s->js),
                     jsonrpc_msg_type_to_string(msg->type));
        s->dead = true;
        break;
    }
    }
}

/* Sessions. */

static struct session *
session_create(struct remote *remote, struct jsonrpc_session *js)
{
    struct session *s = xzalloc(sizeof *s);
    s->remote = remote;
    s->js = js;
    s->seqno = jsonrpc_session_get_seqno(js);
    hmap_init(&s->monitors);
    svs_list_init(&s->triggers);
    shash_init(&s->waiters);
    svs_list_init(&s->outbox);
    jsonrpc_session_set_max_msg_size(js, MAX_MSG_SIZE);
    /* Echo requests are answered in order with everything else. */
    jsonrpc_session_set_answer_echo(js, false);
    if (remote->options.probe_interval >= 0) {
        jsonrpc_session_set_probe_interval(js,
                                           remote->options.probe_interval);
    }
    jsonrpc_session_set_max_backoff(js, remote->options.max_backoff);
    svs_list_push_back(&remote->sessions, &s->node);
    return s;
}

/* Drops all state tied to the current connection (after a reconnect or
 * before closing). */
static void
session_reset(struct session *s)
{
    struct ovsdb_jsonrpc_server *server = s->remote->server;

    struct session_monitor *sm;
    HMAP_FOR_EACH_POP (sm, node, &s->monitors) {
        ovsdb_monitor_destroy(sm->monitor);
        json_decref(sm->id);
        free(sm);
    }

    struct trigger *t, *next_t;
    LIST_FOR_EACH_SAFE (t, next_t, node, &s->triggers) {
        trigger_destroy(t);
    }

    struct shash_node *node, *next;
    SHASH_FOR_EACH_SAFE (node, next, &s->waiters) {
        waiter_remove(server, node->data);
    }

    struct outmsg *out;
    LIST_FOR_EACH_POP (out, node, &s->outbox) {
        jsonrpc_msg_destroy(out->msg);
        free(out);
    }
}

static void
session_close(struct session *s)
{
    session_reset(s);
    hmap_destroy(&s->monitors);
    shash_destroy(&s->waiters);
    jsonrpc_session_close(s->js);
    svs_list_remove(&s->node);
    free(s);
}

/* Runs 's'; returns false if it died and was freed. */
static bool
session_run(struct session *s)
{
    jsonrpc_session_run(s->js);
    if (s->seqno != jsonrpc_session_get_seqno(s->js)) {
        s->seqno = jsonrpc_session_get_seqno(s->js);
        session_reset(s);
    }

    for (int i = 0; i < MAX_REQUESTS_PER_RUN && !s->dead; i++) {
        if (jsonrpc_session_get_backlog(s->js) > MAX_BACKLOG) {
            break;
        }
        struct jsonrpc_msg *msg = jsonrpc_session_recv(s->js);
        if (!msg) {
            break;
        }
        handle_message(s, msg);
        jsonrpc_msg_destroy(msg);
    }

    if (!jsonrpc_session_is_alive(s->js)) {
        session_close(s);
        return false;
    }
    return true;
}

static void
session_flush(struct session *s)
{
    struct outmsg *out;
    LIST_FOR_EACH_POP (out, node, &s->outbox) {
        jsonrpc_session_send(s->js, out->msg);
        free(out);
    }
    jsonrpc_session_run(s->js);
}

static void
session_wait(struct session *s)
{
    jsonrpc_session_wait(s->js);
    if (!svs_list_is_empty(&s->outbox) || s->dead) {
        poll_immediate_wake();
    } else if (jsonrpc_session_get_backlog(s->js) <= MAX_BACKLOG) {
        jsonrpc_session_recv_wait(s->js);
    }

    struct trigger *t;
    LIST_FOR_EACH (t, node, &s->triggers) {
        if (t->deadline != LLONG_MAX) {
            poll_timer_wait_until(t->deadline);
        }
    }
}

/* Remotes. */

static void
remote_listen(struct remote *remote)
{
    int error = jsonrpc_pstream_open(remote->name, &remote->listener,
                                     remote->options.dscp);
    if (error) {
        if (error != remote->listen_error) {
            VLOG_ERR("%s: listen failed: %s", remote->name,
                     svs_strerror(error));
        }
        remote->listen_error = error;
        remote->listener = NULL;
        remote->retry_listen = time_msec() + 1000;
    } else {
        remote->listen_error = 0;
        VLOG_INFO("%s: listening", remote->name);
    }
}

static struct remote *
remote_create(struct ovsdb_jsonrpc_server *server, const char *name,
              const struct ovsdb_jsonrpc_options *options)
{
    struct remote *remote = xzalloc(sizeof *remote);
    remote->server = server;
    remote->name = xstrdup(name);
    remote->options = *options;
    if (remote->options.probe_interval < 0) {
        /* Like ovsdb-server: probe TCP and SSL peers, not local ones. */
        remote->options.probe_interval = (stream_or_pstream_needs_probes(name) == 1
                                          ? 5000 : 0);
    }
    svs_list_init(&remote->sessions);

    if (stream_is_passive_name(name)) {
        remote_listen(remote);
    } else {
        struct jsonrpc_session *js = jsonrpc_session_open(name, true);
        session_create(remote, js);
    }
    return remote;
}

static void
remote_destroy(struct remote *remote)
{
    struct session *s, *next;
    LIST_FOR_EACH_SAFE (s, next, node, &remote->sessions) {
        session_close(s);
    }
    pstream_close(remote->listener);
    free(remote->name);
    free(remote);
}

void
ovsdb_jsonrpc_server_set_remotes(struct ovsdb_jsonrpc_server *server,
                                 const struct shash *new_remotes)
{
    struct shash_node *node, *next;

    SHASH_FOR_EACH_SAFE (node, next, &server->remotes) {
        struct remote *remote = node->data;
        const struct ovsdb_jsonrpc_options *options
            = shash_find_data(new_remotes, node->name);
        if (!options) {
            VLOG_INFO("%s: remote deconfigured", node->name);
            remote_destroy(remote);
            shash_delete(&server->remotes, node);
        } else if (options->dscp != remote->options.dscp) {
            /* Reopen with the new DSCP. */
            remote_destroy(remote);
            shash_delete(&server->remotes, node);
        } else {
            int old_probe = remote->options.probe_interval;
            remote->options = *options;
            if (remote->options.probe_interval < 0) {
                remote->options.probe_interval = old_probe;
            }
            struct session *s;
            LIST_FOR_EACH (s, node, &remote->sessions) {
                if (options->probe_interval >= 0) {
                    jsonrpc_session_set_probe_interval(
                        s->js, options->probe_interval);
                }
                jsonrpc_session_set_max_backoff(s->js,
                                                options->max_backoff);
            }
        }
    }

    SHASH_FOR_EACH (node, new_remotes) {
        if (!shash_find(&server->remotes, node->name)) {
            shash_add(&server->remotes, node->name,
                      remote_create(server, node->name, node->data));
        }
    }
}

void
ovsdb_jsonrpc_server_reconnect(struct ovsdb_jsonrpc_server *server)
{
    struct shash_node *node;
    SHASH_FOR_EACH (node, &server->remotes) {
        struct remote *remote = node->data;
        struct session *s, *next;
        LIST_FOR_EACH_SAFE (s, next, node, &remote->sessions) {
            if (remote->listener) {
                s->dead = true;
            } else {
                jsonrpc_session_force_reconnect(s->js);
            }
        }
    }
}

bool
ovsdb_jsonrpc_server_get_remote_status(
    const struct ovsdb_jsonrpc_server *server, const char *name,
    struct ovsdb_jsonrpc_remote_status *status)
{
    const struct remote *remote = shash_find_data(&server->remotes, name);
    memset(status, 0, sizeof *status);
    if (!remote) {
        return false;
    }

    status->n_connections = svs_list_size(&remote->sessions);
    if (remote->listener) {
        status->bound_port = pstream_get_bound_port(remote->listener);
        status->bound_port_valid = status->bound_port != 0;
        status->is_connected = status->n_connections > 0;
        status->state = status->is_connected ? "ACTIVE" : "LISTEN";
        return true;
    }

    struct session *s;
    LIST_FOR_EACH (s, node, &remote->sessions) {
        struct reconnect_stats rstats;
        jsonrpc_session_get_reconnect_stats(s->js, &rstats);
        status->is_connected = rstats.is_connected;
        status->state = rstats.state;
        status->last_error = jsonrpc_session_get_last_error(s->js);
        status->sec_since_connect = (rstats.msec_since_connect == UINT_MAX
                                     ? UINT_MAX
                                     : rstats.msec_since_connect / 1000);
        status->sec_since_disconnect
            = (rstats.msec_since_disconnect == UINT_MAX
               ? UINT_MAX : rstats.msec_since_disconnect / 1000);

        struct ds held = DS_EMPTY_INITIALIZER;
        struct ds waiting = DS_EMPTY_INITIALIZER;
        struct ds lost = DS_EMPTY_INITIALIZER;
        struct shash_node *node;
        SHASH_FOR_EACH (node, &s->waiters) {
            struct lock_waiter *w = node->data;
            struct ds *ds = (w->lost ? &lost
                             : lock_owner(w->lock) == w ? &held : &waiting);
            if (ds->length) {
                ds_put_char(ds, ' ');
            }
            ds_put_cstr(ds, node->name);
        }
        status->locks_held = held.length ? ds_steal_cstr(&held) : NULL;
        status->locks_waiting = waiting.length ? ds_steal_cstr(&waiting)
                                               : NULL;
        status->locks_lost = lost.length ? ds_steal_cstr(&lost) : NULL;
        ds_destroy(&held);
        ds_destroy(&waiting);
        ds_destroy(&lost);
        break;
    }
    return true;
}

void
ovsdb_jsonrpc_remote_status_destroy(
    struct ovsdb_jsonrpc_remote_status *status)
{
    free(status->locks_held);
    free(status->locks_waiting);
    free(status->locks_lost);
}

void
ovsdb_jsonrpc_server_list_remotes(const struct ovsdb_jsonrpc_server *server,
                                  struct ds *out)
{
    const struct shash_node **nodes = shash_sort(&server->remotes);
    for (size_t i = 0; i < shash_count(&server->remotes); i++) {
        const struct remote *remote = nodes[i]->data;
        ds_put_cstr(out, remote->name);
        if (remote->listener && pstream_get_bound_port(remote->listener)
            && !strncmp(remote->name, "ptcp:", 5)) {
            /* Nothing extra: the bound port is in the log. */
        }
        ds_put_char(out, '\n');
    }
    free(nodes);
}

void
ovsdb_jsonrpc_server_run(struct ovsdb_jsonrpc_server *server)
{
    struct shash_node *node;

    SHASH_FOR_EACH (node, &server->remotes) {
        struct remote *remote = node->data;

        if (!remote->listener && remote->listen_error
            && time_msec() >= remote->retry_listen) {
            remote_listen(remote);
        }

        if (remote->listener) {
            for (int i = 0; i < 64; i++) {
                struct stream *stream;
                int error = pstream_accept(remote->listener, &stream);
                if (error == EAGAIN) {
                    break;
                } else if (error) {
                    static struct vlog_rate_limit rl
                        = VLOG_RATE_LIMIT_INIT(5, 5);
                    VLOG_WARN_RL(&rl, "%s: accept failed: %s", remote->name,
                                 svs_strerror(error));
                    break;
                }
                struct jsonrpc_session *js = jsonrpc_session_open_unreliably(
                    jsonrpc_open(stream), remote->options.dscp);
                session_create(remote, js);
            }
        }

        struct session *s, *next;
        LIST_FOR_EACH_SAFE (s, next, node, &remote->sessions) {
            session_run(s);
        }
    }

    run_triggers(server);
}

void
ovsdb_jsonrpc_server_flush(struct ovsdb_jsonrpc_server *server)
{
    struct shash_node *node;

    server->holding = false;
    SHASH_FOR_EACH (node, &server->remotes) {
        struct remote *remote = node->data;
        struct session *s, *next;
        LIST_FOR_EACH_SAFE (s, next, node, &remote->sessions) {
            session_flush(s);
            if (s->dead) {
                /* Let what was queued go out first, then close. */
                jsonrpc_session_run(s->js);
                if (remote->listener) {
                    session_close(s);
                } else {
                    s->dead = false;
                    jsonrpc_session_force_reconnect(s->js);
                }
            }
        }
    }
}

void
ovsdb_jsonrpc_server_wait(struct ovsdb_jsonrpc_server *server)
{
    struct shash_node *node;
    SHASH_FOR_EACH (node, &server->remotes) {
        struct remote *remote = node->data;
        if (remote->listener) {
            pstream_wait(remote->listener);
        } else if (remote->listen_error) {
            poll_timer_wait_until(remote->retry_listen);
        }
        struct session *s;
        LIST_FOR_EACH (s, node, &remote->sessions) {
            session_wait(s);
        }
    }
}

void
ovsdb_jsonrpc_server_get_memory_usage(
    const struct ovsdb_jsonrpc_server *server, size_t *n_sessions,
    size_t *n_monitors, size_t *backlog)
{
    struct shash_node *node;
    *n_sessions = *n_monitors = *backlog = 0;
    SHASH_FOR_EACH (node, &server->remotes) {
        struct remote *remote = node->data;
        struct session *s;
        LIST_FOR_EACH (s, node, &remote->sessions) {
            (*n_sessions)++;
            *n_monitors += hmap_count(&s->monitors);
            *backlog += jsonrpc_session_get_backlog(s->js);
        }
    }
}
