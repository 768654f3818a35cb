/* test-db-idl.c: drives lib/db-idl for tests/test_db_idl.py.
 *
 * usage: test-db-idl [-v SPEC] [-o] [-c T.COL]... [-a T.COL]... [-t T]...
 *                    CLASS REMOTE
 *
 * CLASS is "vswitch", "types" or "refs" (the generated bindings of
 * schemas/vswitch.ovsschema, tests/schemas/types.ovsschema and
 * tests/schemas/refs.ovsschema), or the path of a schema file (a class
 * built at run time, without typed fields).  Everything is replicated
 * (and tracked) unless -c (replicate column T.COL), -a (replicate it
 * without alerting) or -t (replicate table T without columns) say
 * otherwise.  With -o, the IDL connects once, without retrying.
 *
 * The program reads commands from stdin, one JSON array per line, and
 * answers each with one line of JSON on stdout.  Between commands it
 * keeps running the IDL.  Generic commands work with every class:
 *
 *   ["sync", MSEC]            wait until the replica is synchronized
 *   ["run-for", MSEC]         run the IDL for MSEC milliseconds
 *   ["wait-change", MSEC]     wait for the seqno to change (since the
 *                             last dump, track or wait-change)
 *   ["dump"]                  the replica: {table: {uuid: {col: value}}}
 *   ["track"]                 tracked changes since the last "track"
 *   ["txn", OP...]            one transaction (commit_block)
 *   ["txn-retry", OP...]      db_idl_txn_run_block() with OPs
 *   ["cond", TABLE, CLAUSES]  set a condition and wait until it applies
 *   ["lock", NAME]  ["unlock"]  ["lock-status"]  ["wait-lock", MSEC]
 *   ["stats"]  ["seqno"]  ["exit"]
 *   ["reconnect"]             drop the connection (it comes back)
 *   ["freeze"]  ["unfreeze"]  stop or resume running the IDL between
 *                             commands (its replica then goes stale)
 *   ["lazy", BOOL]            db_idl_set_lazy_updates()
 *
 * Transaction OPs (ROW is a UUID, "@name" of a row inserted in the same
 * transaction, or [COLUMN, VALUE] for the first row with that value;
 * values are RFC 7047 JSON, where ["named-uuid", NAME] refers to "@NAME"):
 *
 *   ["insert", TABLE, {COL: VALUE...}, "@name"]
 *   ["set", TABLE, ROW, {COL: VALUE...}]
 *   ["delete", TABLE, ROW]
 *   ["setkey", TABLE, ROW, COL, KEY, VALUE]  ["delkey", TABLE, ROW, COL, KEY]
 *   ["addvalue", TABLE, ROW, COL, VALUE]  ["delvalue", TABLE, ROW, COL, VALUE]
 *   ["verify", TABLE, ROW, COL]
 *   ["increment", TABLE, ROW, COL]
 *   ["read-modify", TABLE, ROW, COL, DELTA]   verify COL, set COL+DELTA
 *   ["comment", TEXT]  ["dry-run"]  ["no-wait"]
 *   ["check", TABLE, ROW, COL, VALUE]   abort unless COL reads VALUE
 *   ["external-once", PARAMS]  in the first attempt only, another client
 *                              runs "transact" PARAMS (a conflict)
 *
 * Typed commands use the generated bindings:
 *   vswitch: ["init"] ["add-br", BR] ["add-port", BR, PORT]
 *            ["del-port", BR, PORT] ["br-setkey", BR, KEY, VALUE]
 *            ["br-delkey", BR, KEY] ["fail-mode", BR, MODE|null]
 *            ["cur-cfg", N] ["show"] ["typed-track"]
 *            ["cond-bridges", [NAME...]]
 *   types:   ["roundtrip"]
 *   refs:    ["show"] */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "db-data.h"
#include "db-error.h"
#include "db-idl.h"
#include "db-schema.h"
#include "dynamic-string.h"
#include "json.h"
#include "jsonrpc.h"
#include "poll-loop.h"
#include "refs-idl.h"
#include "stream.h"
#include "svec.h"
#include "timeval.h"
#include "types-idl.h"
#include "util.h"
#include "vlog.h"
#include "vswitch-idl.h"

enum typed_class {
    CLASS_GENERIC,
    CLASS_VSWITCH,
    CLASS_TYPES,
    CLASS_REFS
};

static struct db_idl *idl;
static const struct db_idl_class *idl_class;
static enum typed_class typed;
static unsigned int last_seqno;
static bool frozen;             /* Don't run the IDL between commands. */
static const char *remote;

/* Output. */

static void
reply(json_t *json)
{
    char *s = json_to_string(json, JSSF_SORT);
    puts(s);
    fflush(stdout);
    free(s);
    json_decref(json);
}

static void
reply_error(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *s = xvasprintf(format, args);
    va_end(args);
    json_t *j = json_object();
    json_object_put(j, "error", json_string_take(s));
    reply(j);
}

static json_t *
uuid_to_json_string(const struct uuid *uuid)
{
    char s[UUID_LEN + 1];
    uuid_to_string(uuid, s);
    return json_string(s);
}

/* Running the IDL. */

static void
run_for(long long int msec)
{
    long long int deadline = time_msec() + msec;
    for (;;) {
        db_idl_run(idl);
        if (time_msec() >= deadline) {
            break;
        }
        db_idl_wait(idl);
        poll_timer_wait_until(deadline);
        poll_block();
    }
}

/* Runs the IDL until 'done' returns true or 'msec' pass.  Returns
 * 'done''s last result. */
static bool
run_until(bool (*done)(void *), void *aux, long long int msec)
{
    long long int deadline = time_msec() + msec;
    for (;;) {
        db_idl_run(idl);
        if (done(aux)) {
            return true;
        }
        if (time_msec() >= deadline) {
            return false;
        }
        db_idl_wait(idl);
        poll_timer_wait_until(deadline);
        poll_block();
    }
}

static bool
is_synced(void *aux SVS_UNUSED)
{
    return db_idl_is_synced(idl);
}

static bool
seqno_changed(void *aux SVS_UNUSED)
{
    return db_idl_get_seqno(idl) != last_seqno;
}

static bool
has_lock(void *aux SVS_UNUSED)
{
    return db_idl_has_lock(idl);
}

struct cond_wait {
    unsigned int seqno;
};

static bool
cond_reached(void *aux)
{
    struct cond_wait *cw = aux;
    return db_idl_get_condition_seqno(idl) >= cw->seqno;
}

static long long int
msec_arg(const json_t *cmd, size_t idx, long long int dflt)
{
    const json_t *j = json_array_get(cmd, idx);
    return json_is_integer(j) ? json_integer_value(j) : dflt;
}

/* Dumps. */

static json_t *
row_to_json(const struct db_idl_row *row)
{
    const struct db_idl_table_class *tc = db_idl_row_get_class(row);
    json_t *values = json_object();
    for (size_t i = 0; i < tc->n_columns; i++) {
        const struct db_idl_column *c = &tc->columns[i];
        json_object_put(values, c->name,
                        db_datum_to_json(db_idl_read(row, c), &c->type));
    }
    return values;
}

static json_t *
dump_replica(void)
{
    json_t *dump = json_object();
    for (size_t i = 0; i < idl_class->n_tables; i++) {
        const struct db_idl_table_class *tc = &idl_class->tables[i];
        json_t *rows = json_object();
        const struct db_idl_row *row;
        for (row = db_idl_first_row(idl, tc); row;
             row = db_idl_next_row(row)) {
            char s[UUID_LEN + 1];
            uuid_to_string(&row->uuid, s);
            json_object_put(rows, s, row_to_json(row));
        }
        json_object_put(dump, tc->name, rows);
    }
    return dump;
}

static json_t *
dump_tracked(void)
{
    json_t *changes = json_array();
    for (size_t i = 0; i < idl_class->n_tables; i++) {
        const struct db_idl_table_class *tc = &idl_class->tables[i];
        const struct db_idl_row *row;
        for (row = db_idl_track_get_first(idl, tc); row;
             row = db_idl_track_get_next(row)) {
            json_t *c = json_object();
            json_object_put(c, "table", json_string(tc->name));
            json_object_put(c, "uuid", uuid_to_json_string(&row->uuid));
            json_object_put(c, "insert",
                            json_boolean(db_idl_track_is_new(row)));
            json_object_put(c, "modify",
                            json_boolean(db_idl_track_is_modified(row)));
            json_object_put(c, "delete",
                            json_boolean(db_idl_row_is_deleted(row)));
            json_t *updated = json_array();
            for (size_t j = 0; j < tc->n_columns; j++) {
                if (db_idl_track_is_updated(row, &tc->columns[j])) {
                    json_array_add(updated,
                                   json_string(tc->columns[j].name));
                }
            }
            json_object_put(c, "updated", updated);
            if (!db_idl_row_is_deleted(row)) {
                json_object_put(c, "row", row_to_json(row));
            }
            json_array_add(changes, c);
        }
    }
    db_idl_track_clear(idl);
    return changes;
}

/* Transactions. */

struct txn_ctx {
    const json_t *ops;          /* The command; ops start at index 1. */
    struct db_symbol_table *symtab;
    struct svec *inserted;      /* Names of inserted symbols. */
    char *error;                /* Why the build gave up. */
    unsigned int attempts;
    bool no_wait;
};

static const struct db_idl_table_class *
get_table(const json_t *name, char **errorp)
{
    const struct db_idl_table_class *tc = json_is_string(name)
        ? db_idl_class_get_table(idl_class, json_string_value(name))
        : NULL;
    if (!tc) {
        *errorp = xasprintf("no table %s", json_string_value(name));
    }
    return tc;
}

static const struct db_idl_column *
get_column(const struct db_idl_table_class *tc, const json_t *name,
           char **errorp)
{
    const struct db_idl_column *c = json_is_string(name)
        ? db_idl_table_class_get_column(tc, json_string_value(name)) : NULL;
    if (!c) {
        *errorp = xasprintf("no column %s in %s", json_string_value(name),
                            tc->name);
    }
    return c;
}

static bool
parse_datum(struct db_datum *d, const struct db_type *type,
            const json_t *json, struct db_symbol_table *symtab,
            char **errorp)
{
    struct db_error *error = db_datum_from_json(d, type, json, symtab);
    if (error) {
        *errorp = db_error_to_string_free(error);
        return false;
    }
    return true;
}

static const struct db_idl_row *
get_row(struct txn_ctx *ctx, const struct db_idl_table_class *tc,
        const json_t *spec, char **errorp)
{
    const char *s = json_string_value(spec);
    if (s && s[0] == '@') {
        const struct db_symbol *sym = db_symbol_table_get(ctx->symtab, s + 1);
        const struct db_idl_row *row = (sym ? db_idl_get_row_for_uuid(
                                            idl, tc, &sym->uuid) : NULL);
        if (!row) {
            *errorp = xasprintf("no row %s", s);
        }
        return row;
    } else if (s) {
        struct uuid uuid;
        const struct db_idl_row *row = NULL;
        if (uuid_from_string(&uuid, s)) {
            row = db_idl_get_row_for_uuid(idl, tc, &uuid);
        }
        if (!row) {
            *errorp = xasprintf("no %s row %s", tc->name, s);
        }
        return row;
    } else if (json_is_array(spec) && json_array_size(spec) == 2) {
        const struct db_idl_column *c = get_column(
            tc, json_array_get(spec, 0), errorp);
        struct db_datum d;
        if (!c || !parse_datum(&d, &c->type, json_array_get(spec, 1),
                               ctx->symtab, errorp)) {
            return NULL;
        }
        const struct db_idl_row *row;
        for (row = db_idl_first_row(idl, tc); row;
             row = db_idl_next_row(row)) {
            if (db_datum_equals(db_idl_read(row, c), &d, &c->type)) {
                break;
            }
        }
        db_datum_destroy(&d, &c->type);
        if (!row) {
            char *text = json_to_string(spec, 0);
            *errorp = xasprintf("no %s row with %s", tc->name, text);
            free(text);
        }
        return row;
    }
    *errorp = xstrdup("bad row specification");
    return NULL;
}

/* Parses a single atom of 'base' from 'json'. */
static bool
parse_atom(union db_atom *atom, const struct db_base_type *base,
           const json_t *json, struct db_symbol_table *symtab,
           char **errorp)
{
    struct db_error *error = db_atom_from_json(atom, base, json, symtab);
    if (error) {
        *errorp = db_error_to_string_free(error);
        return false;
    }
    return true;
}

/* Runs "transact" with 'params' on a connection of its own, as another
 * client would, and waits for the reply. */
static bool
external_transact(const json_t *params, char **errorp)
{
    struct stream *stream;
    int error = stream_open_block(stream_open(remote, &stream, 0), 10000,
                                  &stream);
    if (error) {
        *errorp = xasprintf("%s: connect failed (%s)", remote,
                            svs_strerror(error));
        return false;
    }
    struct jsonrpc *rpc = jsonrpc_open(stream);
    struct jsonrpc_msg *reply_msg;
    error = jsonrpc_transact_block(
        rpc, jsonrpc_create_request("transact", json_deep_copy(params),
                                    NULL), &reply_msg);
    jsonrpc_close(rpc);
    if (error) {
        *errorp = xasprintf("external transaction failed (%s)",
                            svs_strerror(error));
        return false;
    }
    jsonrpc_msg_destroy(reply_msg);
    return true;
}

/* Executes one transaction operation.  Returns false with '*errorp' on
 * failure. */
static bool
do_txn_op(struct txn_ctx *ctx, struct db_idl_txn *txn, const json_t *op,
          char **errorp)
{
    const char *name = json_string_value(json_array_get(op, 0));
    const struct db_idl_table_class *tc = NULL;
    const struct db_idl_row *row = NULL;
    const struct db_idl_column *c = NULL;

    if (!name) {
        *errorp = xstrdup("bad operation");
        return false;
    }
    if (!strcmp(name, "comment")) {
        db_idl_txn_add_comment(txn, "%s",
                               json_string_value(json_array_get(op, 1)));
        return true;
    } else if (!strcmp(name, "dry-run")) {
        db_idl_txn_set_dry_run(txn);
        return true;
    } else if (!strcmp(name, "no-wait")) {
        db_idl_txn_set_wait_for_replica(txn, false);
        return true;
    } else if (!strcmp(name, "external-once")) {
        if (ctx->attempts == 1) {
            return external_transact(json_array_get(op, 1), errorp);
        }
        return true;
    }

    tc = get_table(json_array_get(op, 1), errorp);
    if (!tc) {
        return false;
    }
    if (!strcmp(name, "insert")) {
        const char *sym_name = json_string_value(json_array_get(op, 3));
        const struct uuid *uuid = NULL;
        if (sym_name && sym_name[0] == '@') {
            struct db_symbol *sym = db_symbol_table_insert(ctx->symtab,
                                                           sym_name + 1);
            sym->created = true;
            uuid = &sym->uuid;
            svec_add(ctx->inserted, sym_name + 1);
        }
        row = db_idl_txn_insert(txn, tc, uuid);
        const char *col;
        json_t *value;
        json_object_foreach (json_array_get(op, 2), col, value) {
            c = db_idl_table_class_get_column(tc, col);
            struct db_datum d;
            if (!c) {
                *errorp = xasprintf("no column %s", col);
                return false;
            }
            if (!parse_datum(&d, &c->type, value, ctx->symtab, errorp)) {
                return false;
            }
            db_idl_txn_write(row, c, &d);
        }
        return true;
    }

    row = get_row(ctx, tc, json_array_get(op, 2), errorp);
    if (!row) {
        return false;
    }
    if (!strcmp(name, "delete")) {
        db_idl_txn_delete(row);
        return true;
    } else if (!strcmp(name, "set")) {
        const char *col;
        json_t *value;
        json_object_foreach (json_array_get(op, 3), col, value) {
            c = db_idl_table_class_get_column(tc, col);
            struct db_datum d;
            if (!c) {
                *errorp = xasprintf("no column %s", col);
                return false;
            }
            if (!parse_datum(&d, &c->type, value, ctx->symtab, errorp)) {
                return false;
            }
            db_idl_txn_write(row, c, &d);
        }
        return true;
    }

    c = get_column(tc, json_array_get(op, 3), errorp);
    if (!c) {
        return false;
    }
    if (!strcmp(name, "verify")) {
        db_idl_txn_verify(row, c);
    } else if (!strcmp(name, "increment")) {
        db_idl_txn_increment(txn, row, c, true);
    } else if (!strcmp(name, "read-modify")) {
        const struct db_datum *d = db_idl_read(row, c);
        int64_t v = d->n ? d->keys[0].integer : 0;
        struct db_datum nd;
        db_idl_txn_verify(row, c);
        db_datum_init_integer(&nd, v + json_integer_value(
                                  json_array_get(op, 4)));
        db_idl_txn_write(row, c, &nd);
    } else if (!strcmp(name, "check")) {
        struct db_datum d;
        if (!parse_datum(&d, &c->type, json_array_get(op, 4), ctx->symtab,
                         errorp)) {
            return false;
        }
        bool ok = db_datum_equals(db_idl_read(row, c), &d, &c->type);
        db_datum_destroy(&d, &c->type);
        if (!ok) {
            *errorp = xstrdup("check failed");
            return false;
        }
    } else if (!strcmp(name, "setkey") || !strcmp(name, "delkey")
               || !strcmp(name, "addvalue") || !strcmp(name, "delvalue")) {
        union db_atom key, value;
        bool map = !strcmp(name, "setkey") || !strcmp(name, "delkey");
        if (!parse_atom(&key, &c->type.key, json_array_get(op, 4),
                        ctx->symtab, errorp)) {
            return false;
        }
        if (!strcmp(name, "setkey")) {
            if (!parse_atom(&value, &c->type.value, json_array_get(op, 5),
                            ctx->symtab, errorp)) {
                db_atom_destroy(&key, c->type.key.type);
                return false;
            }
            db_idl_txn_map_setkey(row, c, &key, &value);
        } else if (map) {
            db_idl_txn_map_delkey(row, c, &key);
        } else if (!strcmp(name, "addvalue")) {
            db_idl_txn_set_addvalue(row, c, &key);
        } else {
            db_idl_txn_set_delvalue(row, c, &key);
        }
    } else {
        *errorp = xasprintf("unknown operation %s", name);
        return false;
    }
    return true;
}

static bool
build_txn(struct db_idl_txn *txn, void *ctx_)
{
    struct txn_ctx *ctx = ctx_;
    ctx->attempts++;
    db_symbol_table_destroy(ctx->symtab);
    ctx->symtab = db_symbol_table_create();
    svec_clear(ctx->inserted);
    free(ctx->error);
    ctx->error = NULL;
    for (size_t i = 1; i < json_array_size(ctx->ops); i++) {
        if (!do_txn_op(ctx, txn, json_array_get(ctx->ops, i),
                       &ctx->error)) {
            return false;
        }
    }
    return true;
}

static void
reply_txn(struct txn_ctx *ctx, struct db_idl_txn *txn,
          enum db_idl_txn_status status)
{
    json_t *j = json_object();
    json_object_put(j, "status",
                    json_string(db_idl_txn_status_to_string(status)));
    if (ctx->error) {
        json_object_put(j, "error", json_string(ctx->error));
    } else if (txn && db_idl_txn_get_error(txn)) {
        json_object_put(j, "error", json_string(db_idl_txn_get_error(txn)));
    }
    if (txn && status == DB_IDL_TXN_SUCCESS) {
        json_t *inserted = json_object();
        for (size_t i = 0; i < ctx->inserted->n; i++) {
            const char *name = ctx->inserted->names[i];
            const struct db_symbol *sym = db_symbol_table_get(ctx->symtab,
                                                              name);
            const struct uuid *real = db_idl_txn_get_insert_uuid(
                txn, &sym->uuid);
            if (real) {
                json_object_put(inserted, name, uuid_to_json_string(real));
            }
        }
        json_object_put(j, "inserted", inserted);
        json_object_put(j, "increment", json_integer(
                            db_idl_txn_get_increment_new_value(txn)));
    }
    json_object_put(j, "attempts", json_integer(ctx->attempts));
    reply(j);
}

static void
cmd_txn(const json_t *cmd, bool retry)
{
    struct txn_ctx ctx = { .ops = cmd };
    struct svec inserted;
    svec_init(&inserted);
    ctx.inserted = &inserted;

    struct db_idl_txn *txn = NULL;
    enum db_idl_txn_status status;
    if (retry) {
        status = db_idl_txn_run_block(idl, build_txn, &ctx, &txn);
    } else {
        txn = db_idl_txn_create(idl);
        if (build_txn(txn, &ctx)) {
            status = db_idl_txn_commit_block(txn);
        } else {
            db_idl_txn_abort(txn);
            status = DB_IDL_TXN_ABORTED;
        }
    }
    reply_txn(&ctx, txn, status);
    db_idl_txn_destroy(txn);
    db_symbol_table_destroy(ctx.symtab);
    svec_destroy(&inserted);
    free(ctx.error);
}

/* Conditions. */

static void
cmd_cond(const json_t *cmd)
{
    char *error = NULL;
    const struct db_idl_table_class *tc = get_table(json_array_get(cmd, 1),
                                                    &error);
    if (!tc) {
        reply_error("%s", error);
        free(error);
        return;
    }
    struct db_idl_condition cond;
    db_idl_condition_init(&cond);
    const json_t *clauses = json_array_get(cmd, 2);
    size_t i;
    json_t *clause;
    json_array_foreach (clauses, i, clause) {
        if (json_is_true(clause)) {
            db_idl_condition_add_clause_true(&cond);
            continue;
        } else if (json_is_false(clause)) {
            continue;
        }
        const char *col = json_string_value(json_array_get(clause, 0));
        const char *fn = json_string_value(json_array_get(clause, 1));
        enum db_idl_function f;
        for (f = DB_IDL_F_LT; f <= DB_IDL_F_EXCLUDES; f++) {
            if (fn && !strcmp(fn, db_idl_function_to_string(f))) {
                break;
            }
        }
        if (col && !strcmp(col, "_uuid")) {
            struct uuid uuid;
            uuid_from_string(&uuid, json_string_value(json_array_get(
                json_array_get(clause, 2), 1)));
            db_idl_condition_add_uuid_clause(&cond, f, &uuid);
            continue;
        }
        const struct db_idl_column *c = get_column(
            tc, json_array_get(clause, 0), &error);
        if (!c || f > DB_IDL_F_EXCLUDES) {
            reply_error("bad clause");
            free(error);
            db_idl_condition_destroy(&cond);
            return;
        }
        struct db_type type = c->type;
        type.n_min = 0;
        type.n_max = UINT_MAX;
        struct db_datum d;
        if (!parse_datum(&d, &type, json_array_get(clause, 2), NULL,
                         &error)) {
            reply_error("%s", error);
            free(error);
            db_idl_condition_destroy(&cond);
            return;
        }
        db_idl_condition_add_clause(&cond, f, c, &d);
        db_datum_destroy(&d, &c->type);
    }
    struct cond_wait cw;
    cw.seqno = db_idl_set_condition(idl, tc, &cond);
    db_idl_condition_destroy(&cond);
    bool ok = run_until(cond_reached, &cw, msec_arg(cmd, 3, 10000));
    json_t *j = json_object();
    json_object_put(j, "applied", json_boolean(ok));
    json_object_put(j, "seqno", json_integer(cw.seqno));
    reply(j);
}

/* Typed commands: vswitch. */

static const struct svsrec_bridge *
find_bridge(const char *name)
{
    const struct svsrec_bridge *br;
    SVSREC_BRIDGE_FOR_EACH (br, idl) {
        if (!strcmp(br->name, name)) {
            return br;
        }
    }
    return NULL;
}

static const struct svsrec_port *
find_port(const struct svsrec_bridge *br, const char *name)
{
    for (size_t i = 0; i < br->n_ports; i++) {
        if (!strcmp(br->ports[i]->name, name)) {
            return br->ports[i];
        }
    }
    return NULL;
}

struct vs_ctx {
    const json_t *cmd;
    char *error;
    unsigned int attempts;
};

static bool
vs_fail(struct vs_ctx *ctx, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    free(ctx->error);
    ctx->error = xvasprintf(format, args);
    va_end(args);
    return false;
}

static const struct svsrec_interface *
vs_add_iface_port(struct db_idl_txn *txn, const char *name,
                  struct svsrec_port **portp)
{
    struct svsrec_interface *iface = svsrec_interface_insert(txn);
    svsrec_interface_set_name(iface, name);
    struct svsrec_port *port = svsrec_port_insert(txn);
    svsrec_port_set_name(port, name);
    svsrec_port_set_interfaces(port, &iface, 1);
    *portp = port;
    return iface;
}

static bool
vs_build(struct db_idl_txn *txn, void *ctx_)
{
    struct vs_ctx *ctx = ctx_;
    const json_t *cmd = ctx->cmd;
    const char *op = json_string_value(json_array_get(cmd, 0));
    const char *a1 = json_string_value(json_array_get(cmd, 1));
    const char *a2 = json_string_value(json_array_get(cmd, 2));
    const struct svsrec_open_vswitch *ovs = svsrec_open_vswitch_first(idl);

    ctx->attempts++;
    if (!strcmp(op, "init")) {
        if (!ovs) {
            svsrec_open_vswitch_insert(txn);
        }
        return true;
    }
    if (!ovs) {
        return vs_fail(ctx, "no Open_vSwitch row");
    }
    if (!strcmp(op, "cur-cfg")) {
        svsrec_open_vswitch_set_cur_cfg(
            ovs, json_integer_value(json_array_get(cmd, 1)));
        return true;
    }
    if (!strcmp(op, "add-br")) {
        svsrec_open_vswitch_verify_bridges(ovs);
        for (size_t i = 0; i < ovs->n_bridges; i++) {
            if (!strcmp(ovs->bridges[i]->name, a1)) {
                return vs_fail(ctx, "bridge %s exists", a1);
            }
        }
        struct svsrec_port *port;
        vs_add_iface_port(txn, a1, &port);
        struct svsrec_bridge *br = svsrec_bridge_insert(txn);
        svsrec_bridge_set_name(br, a1);
        svsrec_bridge_set_ports(br, &port, 1);
        svsrec_open_vswitch_update_bridges_addvalue(ovs, br);
        db_idl_txn_increment(txn, &ovs->header_,
                             &svsrec_open_vswitch_col_next_cfg, false);
        return true;
    }

    const struct svsrec_bridge *br = find_bridge(a1);
    if (!br) {
        return vs_fail(ctx, "no bridge %s", a1);
    }
    if (!strcmp(op, "add-port")) {
        if (find_port(br, a2)) {
            return vs_fail(ctx, "port %s exists", a2);
        }
        struct svsrec_port *port;
        vs_add_iface_port(txn, a2, &port);
        svsrec_bridge_update_ports_addvalue(br, port);
    } else if (!strcmp(op, "del-port")) {
        const struct svsrec_port *port = find_port(br, a2);
        if (!port) {
            return vs_fail(ctx, "no port %s", a2);
        }
        svsrec_bridge_update_ports_delvalue(br, port);
        svsrec_port_delete(port);
    } else if (!strcmp(op, "br-setkey")) {
        svsrec_bridge_update_external_ids_setkey(
            br, a2, json_string_value(json_array_get(cmd, 3)));
    } else if (!strcmp(op, "br-delkey")) {
        svsrec_bridge_update_external_ids_delkey(br, a2);
    } else if (!strcmp(op, "fail-mode")) {
        svsrec_bridge_set_fail_mode(br, a2);
    } else {
        return vs_fail(ctx, "unknown command %s", op);
    }
    db_idl_txn_increment(txn, &ovs->header_,
                         &svsrec_open_vswitch_col_next_cfg, false);
    return true;
}

static void
cmd_vs_txn(const json_t *cmd)
{
    struct vs_ctx ctx = { .cmd = cmd };
    struct db_idl_txn *txn;
    enum db_idl_txn_status status = db_idl_txn_run_block(idl, vs_build,
                                                         &ctx, &txn);
    json_t *j = json_object();
    json_object_put(j, "status",
                    json_string(db_idl_txn_status_to_string(status)));
    if (ctx.error) {
        json_object_put(j, "error", json_string(ctx.error));
    } else if (txn && db_idl_txn_get_error(txn)) {
        json_object_put(j, "error", json_string(db_idl_txn_get_error(txn)));
    }
    if (status == DB_IDL_TXN_SUCCESS) {
        json_object_put(j, "next_cfg", json_integer(
                            db_idl_txn_get_increment_new_value(txn)));
        /* The commit must be visible in the replica already. */
        const struct svsrec_open_vswitch *ovs
            = svsrec_open_vswitch_first(idl);
        json_object_put(j, "replica_next_cfg",
                        json_integer(ovs ? ovs->next_cfg : -1));
    }
    json_object_put(j, "attempts", json_integer(ctx.attempts));
    reply(j);
    db_idl_txn_destroy(txn);
    free(ctx.error);
}

static json_t *
smap_json(char **keys, char **values, size_t n)
{
    json_t *j = json_object();
    for (size_t i = 0; i < n; i++) {
        json_object_put(j, keys[i], json_string(values[i]));
    }
    return j;
}

static void
cmd_vs_show(void)
{
    json_t *j = json_object();
    const struct svsrec_open_vswitch *ovs = svsrec_open_vswitch_first(idl);
    if (ovs) {
        json_object_put(j, "next_cfg", json_integer(ovs->next_cfg));
        json_object_put(j, "cur_cfg", json_integer(ovs->cur_cfg));
        json_t *names = json_array();
        for (size_t i = 0; i < ovs->n_bridges; i++) {
            json_array_add(names, json_string(ovs->bridges[i]->name));
        }
        json_object_put(j, "ovs_bridges", names);
    }
    json_t *bridges = json_object();
    const struct svsrec_bridge *br;
    SVSREC_BRIDGE_FOR_EACH (br, idl) {
        json_t *b = json_object();
        json_t *ports = json_object();
        for (size_t i = 0; i < br->n_ports; i++) {
            const struct svsrec_port *port = br->ports[i];
            json_t *ifaces = json_array();
            for (size_t k = 0; k < port->n_interfaces; k++) {
                json_array_add(ifaces,
                               json_string(port->interfaces[k]->name));
            }
            json_object_put(ports, port->name, ifaces);
        }
        json_object_put(b, "ports", ports);
        json_object_put(b, "external_ids",
                        smap_json(br->key_external_ids,
                                  br->value_external_ids,
                                  br->n_external_ids));
        json_object_put(b, "fail_mode", br->fail_mode
                        ? json_string(br->fail_mode) : json_null());
        json_object_put(b, "datapath_type", json_string(br->datapath_type));
        json_object_put(bridges, br->name, b);
    }
    json_object_put(j, "bridges", bridges);
    json_object_put(j, "n_ports", json_integer(svsrec_port_count(idl)));
    json_object_put(j, "n_interfaces",
                    json_integer(svsrec_interface_count(idl)));
    reply(j);
}

static void
cmd_vs_track(void)
{
    json_t *j = json_array();
    const struct svsrec_bridge *br;
    SVSREC_BRIDGE_FOR_EACH_TRACKED (br, idl) {
        json_t *c = json_object();
        json_object_put(c, "table", json_string("Bridge"));
        json_object_put(c, "name", json_string(br->name));
        json_object_put(c, "new", json_boolean(svsrec_bridge_is_new(br)));
        json_object_put(c, "deleted",
                        json_boolean(svsrec_bridge_is_deleted(br)));
        json_object_put(c, "ports_updated", json_boolean(
                            svsrec_bridge_is_updated(
                                br, SVSREC_BRIDGE_COL_PORTS)));
        json_object_put(c, "external_ids_updated", json_boolean(
                            svsrec_bridge_is_updated(
                                br, SVSREC_BRIDGE_COL_EXTERNAL_IDS)));
        json_array_add(j, c);
    }
    const struct svsrec_port *port;
    SVSREC_PORT_FOR_EACH_TRACKED (port, idl) {
        json_t *c = json_object();
        json_object_put(c, "table", json_string("Port"));
        json_object_put(c, "name", json_string(port->name));
        json_object_put(c, "new", json_boolean(svsrec_port_is_new(port)));
        json_object_put(c, "deleted",
                        json_boolean(svsrec_port_is_deleted(port)));
        json_array_add(j, c);
    }
    db_idl_track_clear(idl);
    reply(j);
}

static void
cmd_vs_cond_bridges(const json_t *cmd)
{
    struct db_idl_condition cond;
    db_idl_condition_init(&cond);
    size_t i;
    json_t *name;
    json_array_foreach (json_array_get(cmd, 1), i, name) {
        svsrec_bridge_add_clause_name(&cond, DB_IDL_F_EQ,
                                      json_string_value(name));
    }
    struct cond_wait cw;
    cw.seqno = svsrec_bridge_set_condition(idl, &cond);
    db_idl_condition_destroy(&cond);
    bool ok = run_until(cond_reached, &cw, 10000);
    json_t *j = json_object();
    json_object_put(j, "applied", json_boolean(ok));
    reply(j);
}

static bool
cmd_vswitch(const json_t *cmd, const char *name)
{
    if (!strcmp(name, "init") || !strcmp(name, "add-br")
        || !strcmp(name, "add-port") || !strcmp(name, "del-port")
        || !strcmp(name, "br-setkey") || !strcmp(name, "br-delkey")
        || !strcmp(name, "fail-mode") || !strcmp(name, "cur-cfg")) {
        cmd_vs_txn(cmd);
    } else if (!strcmp(name, "show")) {
        cmd_vs_show();
    } else if (!strcmp(name, "typed-track")) {
        cmd_vs_track();
    } else if (!strcmp(name, "cond-bridges")) {
        cmd_vs_cond_bridges(cmd);
    } else {
        return false;
    }
    return true;
}

/* Typed commands: types. */

static json_t *
atoms_typed_json(const struct typesrec_atoms *a)
{
    json_t *j = json_object();
    json_object_put(j, "b", json_boolean(a->b));
    json_object_put(j, "i", json_integer(a->i));
    json_object_put(j, "r", json_real(a->r));
    json_object_put(j, "s", json_string(a->s));
    json_object_put(j, "u", uuid_to_json_string(&a->u));
    json_object_put(j, "s_enum", a->s_enum ? json_string(a->s_enum)
                                           : json_null());
    json_t *opt = json_array();
    for (size_t i = 0; i < a->n_i_opt; i++) {
        json_array_add(opt, json_integer(a->i_opt[i]));
    }
    json_object_put(j, "i_opt", opt);
    json_t *set = json_array();
    for (size_t i = 0; i < a->n_i_set; i++) {
        json_array_add(set, json_integer(a->i_set[i]));
    }
    json_object_put(j, "i_set", set);
    json_t *rset = json_array();
    for (size_t i = 0; i < a->n_r_set; i++) {
        json_array_add(rset, json_real(a->r_set[i]));
    }
    json_object_put(j, "r_set", rset);
    json_t *bset = json_array();
    for (size_t i = 0; i < a->n_b_set; i++) {
        json_array_add(bset, json_boolean(a->b_set[i]));
    }
    json_object_put(j, "b_set", bset);
    json_t *sset = json_array();
    for (size_t i = 0; i < a->n_s_set; i++) {
        json_array_add(sset, json_string(a->s_set[i]));
    }
    json_object_put(j, "s_set", sset);
    json_t *uset = json_array();
    for (size_t i = 0; i < a->n_u_set; i++) {
        json_array_add(uset, uuid_to_json_string(&a->u_set[i]));
    }
    json_object_put(j, "u_set", uset);
    json_object_put(j, "m_ss", smap_json(a->key_m_ss, a->value_m_ss,
                                         a->n_m_ss));
    json_t *mii = json_array();
    for (size_t i = 0; i < a->n_m_ii; i++) {
        json_array_add(mii, json_array_of(2, json_integer(a->key_m_ii[i]),
                                          json_integer(a->value_m_ii[i])));
    }
    json_object_put(j, "m_ii", mii);
    json_t *mrb = json_array();
    for (size_t i = 0; i < a->n_m_rb; i++) {
        json_array_add(mrb, json_array_of(2, json_real(a->key_m_rb[i]),
                                          json_boolean(a->value_m_rb[i])));
    }
    json_object_put(j, "m_rb", mrb);
    json_t *muu = json_array();
    for (size_t i = 0; i < a->n_m_uu; i++) {
        json_array_add(muu, json_array_of(
                           2, uuid_to_json_string(&a->key_m_uu[i]),
                           uuid_to_json_string(&a->value_m_uu[i])));
    }
    json_object_put(j, "m_uu", muu);
    return j;
}

static void
cmd_types_roundtrip(void)
{
    struct uuid u1, u2;
    uuid_from_string(&u1, "11111111-2222-3333-4444-555555555555");
    uuid_from_string(&u2, "01111111-2222-3333-4444-555555555555");

    /* Insert with every kind of setter. */
    struct db_idl_txn *txn = db_idl_txn_create(idl);
    struct typesrec_atoms *a = typesrec_atoms_insert(txn);
    struct uuid tmp = a->header_.uuid;
    typesrec_atoms_set_b(a, true);
    typesrec_atoms_set_i(a, -42);
    typesrec_atoms_set_r(a, 2.5);
    typesrec_atoms_set_s(a, "hello \"world\"");
    typesrec_atoms_set_u(a, &u1);
    typesrec_atoms_set_s_enum(a, "green");
    int64_t opt = 7;
    typesrec_atoms_set_i_opt(a, &opt, 1);
    int64_t ints[] = { 5, 3, 9, 3 };
    typesrec_atoms_set_i_set(a, ints, 4);
    double reals[] = { 1.5, -0.25 };
    typesrec_atoms_set_r_set(a, reals, 2);
    bool bools[] = { true, false };
    typesrec_atoms_set_b_set(a, bools, 2);
    const char *strs[] = { "b", "a", "c" };
    typesrec_atoms_set_s_set(a, strs, 3);
    struct uuid uuids[] = { u1, u2 };
    typesrec_atoms_set_u_set(a, uuids, 2);
    const char *keys[] = { "k1", "k2" }, *values[] = { "v1", "v2" };
    typesrec_atoms_set_m_ss(a, keys, values, 2);
    int64_t ik[] = { 2, 1 }, iv[] = { 20, 10 };
    typesrec_atoms_set_m_ii(a, ik, iv, 2);
    double rk[] = { 0.5 };
    bool rv[] = { true };
    typesrec_atoms_set_m_rb(a, rk, rv, 1);
    typesrec_atoms_set_m_uu(a, &u1, &u2, 1);
    /* The typed fields show the written values at once. */
    json_t *before = atoms_typed_json(a);
    enum db_idl_txn_status status = db_idl_txn_commit_block(txn);

    json_t *j = json_object();
    json_object_put(j, "status",
                    json_string(db_idl_txn_status_to_string(status)));
    json_object_put(j, "written", before);
    const struct uuid *realp = db_idl_txn_get_insert_uuid(txn, &tmp);
    struct uuid real;
    if (realp) {
        real = *realp;
    } else {
        uuid_zero(&real);
    }
    const struct typesrec_atoms *row = typesrec_atoms_get_for_uuid(idl,
                                                                   &real);
    if (row) {
        json_object_put(j, "uuid", uuid_to_json_string(&real));
        json_object_put(j, "committed", atoms_typed_json(row));

        /* Partial updates. */
        db_idl_txn_destroy(txn);
        txn = db_idl_txn_create(idl);
        typesrec_atoms_update_m_ss_setkey(row, "k2", "v2b");
        typesrec_atoms_update_m_ss_setkey(row, "k3", "v3");
        typesrec_atoms_update_m_ss_delkey(row, "k1");
        typesrec_atoms_update_i_set_addvalue(row, 4);
        typesrec_atoms_update_i_set_delvalue(row, 9);
        typesrec_atoms_update_s_set_delvalue(row, "b");
        typesrec_atoms_set_s_enum(row, NULL);
        json_object_put(j, "partial_local", atoms_typed_json(row));
        status = db_idl_txn_commit_block(txn);
        json_object_put(j, "partial_status", json_string(
                            db_idl_txn_status_to_string(status)));
        row = typesrec_atoms_get_for_uuid(idl, &real);
        json_object_put(j, "partial", row ? atoms_typed_json(row)
                                          : json_null());
    }
    db_idl_txn_destroy(txn);
    reply(j);
}

/* Typed commands: refs. */

static int
compare_strings(const void *a_, const void *b_)
{
    const char *const *a = a_, *const *b = b_;
    return strcmp(*a, *b);
}

static json_t *
sorted_names(const char **names, size_t n)
{
    qsort(names, n, sizeof *names, compare_strings);
    json_t *j = json_array();
    for (size_t i = 0; i < n; i++) {
        json_array_add(j, json_string(names[i]));
    }
    return j;
}

static void
cmd_refs_show(void)
{
    json_t *j = json_object();
    const struct refsrec_root *root;
    REFSREC_ROOT_FOR_EACH (root, idl) {
        json_t *r = json_object();
        json_object_put(r, "child", root->child
                        ? json_string(root->child->name) : json_null());
        const char **names = xmalloc((root->n_children + root->n_weak + 1)
                                     * sizeof *names);
        for (size_t i = 0; i < root->n_children; i++) {
            names[i] = root->children[i]->name;
        }
        json_object_put(r, "children", sorted_names(names,
                                                     root->n_children));
        for (size_t i = 0; i < root->n_weak; i++) {
            names[i] = root->weak[i]->name;
        }
        json_object_put(r, "weak", sorted_names(names, root->n_weak));
        free(names);
        json_t *cmap = json_object();
        for (size_t i = 0; i < root->n_cmap; i++) {
            json_object_put(cmap, root->key_cmap[i],
                            json_string(root->value_cmap[i]->name));
        }
        json_object_put(r, "cmap", cmap);
        json_object_put(r, "leaf", root->child && root->child->leaf
                        ? json_string(root->child->leaf->name)
                        : json_null());
        json_object_put(j, root->name, r);
    }
    reply(j);
}

/* The command loop. */

static void
handle_command(const json_t *cmd, bool *exiting)
{
    const char *name = json_string_value(json_array_get(cmd, 0));
    if (!name) {
        reply_error("bad command");
        return;
    }

    if (!strcmp(name, "sync")) {
        bool ok = run_until(is_synced, NULL, msec_arg(cmd, 1, 10000));
        json_t *j = json_object();
        json_object_put(j, "synced", json_boolean(ok));
        reply(j);
    } else if (!strcmp(name, "run-for")) {
        run_for(msec_arg(cmd, 1, 100));
        reply(json_object());
    } else if (!strcmp(name, "wait-change")) {
        bool ok = run_until(seqno_changed, NULL, msec_arg(cmd, 1, 10000));
        last_seqno = db_idl_get_seqno(idl);
        json_t *j = json_object();
        json_object_put(j, "changed", json_boolean(ok));
        reply(j);
    } else if (!strcmp(name, "dump")) {
        last_seqno = db_idl_get_seqno(idl);
        reply(dump_replica());
    } else if (!strcmp(name, "track")) {
        last_seqno = db_idl_get_seqno(idl);
        reply(dump_tracked());
    } else if (!strcmp(name, "txn")) {
        cmd_txn(cmd, false);
    } else if (!strcmp(name, "txn-retry")) {
        cmd_txn(cmd, true);
    } else if (!strcmp(name, "cond")) {
        cmd_cond(cmd);
    } else if (!strcmp(name, "lock")) {
        db_idl_set_lock(idl, json_string_value(json_array_get(cmd, 1)));
        reply(json_object());
    } else if (!strcmp(name, "unlock")) {
        db_idl_set_lock(idl, NULL);
        run_for(0);
        reply(json_object());
    } else if (!strcmp(name, "wait-lock") || !strcmp(name, "lock-status")) {
        if (!strcmp(name, "wait-lock")) {
            run_until(has_lock, NULL, msec_arg(cmd, 1, 10000));
        } else {
            run_for(msec_arg(cmd, 1, 0));
        }
        json_t *j = json_object();
        json_object_put(j, "has_lock", json_boolean(db_idl_has_lock(idl)));
        json_object_put(j, "contended",
                        json_boolean(db_idl_is_lock_contended(idl)));
        reply(j);
    } else if (!strcmp(name, "stats")) {
        struct db_idl_stats stats;
        db_idl_get_stats(idl, &stats);
        json_t *j = json_object();
        json_object_put(j, "method", stats.monitor_method
                        ? json_string(stats.monitor_method) : json_null());
        json_object_put(j, "found", json_boolean(stats.last_found));
        json_object_put(j, "rows", json_integer(stats.last_reply_rows));
        json_object_put(j, "connections",
                        json_integer(stats.n_connections));
        json_object_put(j, "updates", json_integer(stats.n_updates));
        json_object_put(j, "deferred", json_integer(stats.n_deferred));
        json_object_put(j, "last_txn_id",
                        uuid_to_json_string(&stats.last_txn_id));
        json_object_put(j, "ever_connected",
                        json_boolean(db_idl_has_ever_connected(idl)));
        json_object_put(j, "synced", json_boolean(db_idl_is_synced(idl)));
        json_object_put(j, "alive", json_boolean(db_idl_is_alive(idl)));
        reply(j);
    } else if (!strcmp(name, "seqno")) {
        json_t *j = json_object();
        json_object_put(j, "seqno", json_integer(db_idl_get_seqno(idl)));
        reply(j);
    } else if (!strcmp(name, "reconnect")) {
        /* Drops the connection now (it comes back after backoff). */
        db_idl_force_reconnect(idl);
        long long int deadline = time_msec() + 10000;
        while (db_idl_is_connected(idl) && time_msec() < deadline) {
            db_idl_run(idl);
            db_idl_wait(idl);
            poll_timer_wait(10);
            poll_block();
        }
        reply(json_object());
    } else if (!strcmp(name, "lazy")) {
        db_idl_set_lazy_updates(idl, json_is_true(json_array_get(cmd, 1)));
        reply(json_object());
    } else if (!strcmp(name, "freeze")) {
        frozen = true;
        reply(json_object());
    } else if (!strcmp(name, "unfreeze")) {
        frozen = false;
        reply(json_object());
    } else if (!strcmp(name, "exit")) {
        *exiting = true;
        reply(json_object());
    } else if (typed == CLASS_VSWITCH && cmd_vswitch(cmd, name)) {
        /* Done. */
    } else if (typed == CLASS_TYPES && !strcmp(name, "roundtrip")) {
        cmd_types_roundtrip();
    } else if (typed == CLASS_REFS && !strcmp(name, "show")) {
        cmd_refs_show();
    } else {
        reply_error("unknown command %s", name);
    }
}

/* Reads what stdin has without blocking into 'buf'.  Returns false at end
 * of file. */
static bool
read_stdin(struct ds *buf)
{
    for (;;) {
        char chunk[4096];
        ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
        if (n > 0) {
            ds_put_buffer(buf, chunk, n);
        } else if (n == 0) {
            return false;
        } else if (errno == EINTR) {
            continue;
        } else {
            return true;
        }
    }
}

static void
usage(void)
{
    printf("%s: drives lib/db-idl for the test suite\n"
           "usage: %s [-v SPEC] vswitch|types|refs|SCHEMA-FILE REMOTE\n",
           program_name, program_name);
    exit(EXIT_SUCCESS);
}

int
main(int argc, char *argv[])
{
    struct svec columns, omit_alert, tables;
    bool retry = true;
    svec_init(&columns);
    svec_init(&omit_alert);
    svec_init(&tables);

    set_program_name(argv[0]);
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);
    for (;;) {
        int c = getopt(argc, argv, "hv:c:a:t:o");
        if (c == -1) {
            break;
        } else if (c == 'o') {
            retry = false;
        } else if (c == 'c') {
            svec_add(&columns, optarg);
        } else if (c == 'a') {
            svec_add(&omit_alert, optarg);
        } else if (c == 't') {
            svec_add(&tables, optarg);
        } else if (c == 'v') {
            char *error = vlog_set_levels_from_string(optarg);
            if (error) {
                svs_fatal(0, "%s", error);
            }
        } else if (c == 'h') {
            usage();
        } else {
            exit(EXIT_FAILURE);
        }
    }
    if (argc - optind != 2) {
        svs_fatal(0, "exactly two arguments required (use --help)");
    }
    const char *class_name = argv[optind];
    remote = argv[optind + 1];

    struct db_idl_class *dynamic = NULL;
    if (!strcmp(class_name, "vswitch")) {
        typed = CLASS_VSWITCH;
        idl_class = &svsrec_idl_class;
    } else if (!strcmp(class_name, "types")) {
        typed = CLASS_TYPES;
        idl_class = &typesrec_idl_class;
    } else if (!strcmp(class_name, "refs")) {
        typed = CLASS_REFS;
        idl_class = &refsrec_idl_class;
    } else {
        struct db_schema *schema;
        struct db_error *error = db_schema_from_file(class_name, &schema);
        if (error) {
            svs_fatal(0, "%s", db_error_to_string_free(error));
        }
        dynamic = db_idl_class_from_schema(schema);
        db_schema_destroy(schema);
        typed = CLASS_GENERIC;
        idl_class = dynamic;
    }

    bool everything = !columns.n && !omit_alert.n && !tables.n;
    idl = db_idl_create(remote, idl_class, everything, retry);
    db_idl_set_backoff(idl, 100, 500);
    for (size_t i = 0; i < columns.n + omit_alert.n; i++) {
        bool alert = i < columns.n;
        const char *spec = alert ? columns.names[i]
                                 : omit_alert.names[i - columns.n];
        char *table = xstrdup(spec);
        char *dot = strchr(table, '.');
        const struct db_idl_table_class *tc;
        const struct db_idl_column *c = NULL;
        if (dot) {
            *dot = '\0';
            tc = db_idl_class_get_table(idl_class, table);
            c = tc ? db_idl_table_class_get_column(tc, dot + 1) : NULL;
        }
        if (!c) {
            svs_fatal(0, "%s: unknown column", spec);
        }
        if (alert) {
            db_idl_add_column(idl, c);
        } else {
            db_idl_omit_alert(idl, c);
        }
        free(table);
    }
    for (size_t i = 0; i < tables.n; i++) {
        const struct db_idl_table_class *tc
            = db_idl_class_get_table(idl_class, tables.names[i]);
        if (!tc) {
            svs_fatal(0, "%s: unknown table", tables.names[i]);
        }
        db_idl_add_table(idl, tc);
    }
    db_idl_track_add_all(idl);
    svec_destroy(&columns);
    svec_destroy(&omit_alert);
    svec_destroy(&tables);

    int flags = fcntl(STDIN_FILENO, F_GETFL);
    fcntl(STDIN_FILENO, F_SETFL, flags | O_NONBLOCK);

    struct ds buf = DS_EMPTY_INITIALIZER;
    bool eof = false, exiting = false;
    while (!exiting) {
        char *nl = buf.length ? memchr(buf.string, '\n', buf.length) : NULL;
        if (nl) {
            size_t len = nl - buf.string;
            char *line = xmemdup0(buf.string, len);
            memmove(buf.string, nl + 1, buf.length - len - 1);
            ds_truncate(&buf, buf.length - len - 1);

            char *error_s;
            json_t *cmd = json_from_string_err(line, &error_s);
            if (!cmd) {
                reply_error("bad JSON: %s", error_s);
                free(error_s);
            } else {
                handle_command(cmd, &exiting);
                json_decref(cmd);
            }
            free(line);
            continue;
        }
        if (eof) {
            break;
        }
        if (!frozen) {
            db_idl_run(idl);
        }
        eof = !read_stdin(&buf);
        if (eof || (buf.length && memchr(buf.string, '\n', buf.length))) {
            continue;
        }
        if (!frozen) {
            db_idl_wait(idl);
        }
        poll_fd_wait(STDIN_FILENO, POLLIN);
        poll_block();
    }
    ds_destroy(&buf);
    db_idl_destroy(idl);
    db_idl_class_destroy(dynamic);
    return 0;
}
