/* fuzz-ovsdb-txn: libFuzzer target over the JSON-RPC and transaction path
 * of svsdb-server.
 *
 * The input is a byte stream as a client would send it: it goes through
 * the incremental JSON parser and JSON-RPC message validation, then each
 * request is executed against an in-memory database the way the server
 * would: "transact" through ovsdb_execute() (operations, conditions,
 * mutations, commit checks, garbage collection, weak references,
 * indexes), "monitor"/"monitor_cond" by creating and destroying a
 * monitor, and "monitor_cond_change" against standing monitors that also
 * see every committed transaction.  Nothing may crash, leak or trip the
 * sanitizers, whatever the input. */
#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "db-error.h"
#include "db-schema.h"
#include "execution.h"
#include "json.h"
#include "jsonrpc.h"
#include "monitor.h"
#include "ovsdb.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ovsdb *db;
static struct ovsdb_monitor *monitors[3];
static int n_runs;

/* The schema exercises every kind of column and constraint. */
static const char schema_text[] =
    "{\"name\":\"F\",\"version\":\"1.0.0\",\"tables\":{"
    "\"R\":{\"isRoot\":true,\"maxRows\":50,\"indexes\":[[\"s\"],"
    "[\"i\",\"b\"]],\"columns\":{"
    "\"i\":{\"type\":{\"key\":{\"type\":\"integer\",\"minInteger\":-100,"
    "\"maxInteger\":100}}},"
    "\"r\":{\"type\":\"real\"},\"b\":{\"type\":\"boolean\"},"
    "\"s\":{\"type\":{\"key\":{\"type\":\"string\",\"maxLength\":8},"
    "\"min\":0,\"max\":1}},"
    "\"e\":{\"type\":{\"key\":{\"type\":\"string\",\"enum\":[\"set\","
    "[\"a\",\"b\",\"\"]]}}},"
    "\"set\":{\"type\":{\"key\":\"integer\",\"min\":0,\"max\":4}},"
    "\"map\":{\"type\":{\"key\":\"string\",\"value\":\"integer\","
    "\"min\":0,\"max\":\"unlimited\"}},"
    "\"child\":{\"type\":{\"key\":{\"type\":\"uuid\",\"refTable\":\"C\"},"
    "\"min\":0,\"max\":\"unlimited\"}},"
    "\"weak\":{\"type\":{\"key\":{\"type\":\"uuid\",\"refTable\":\"R\","
    "\"refType\":\"weak\"},\"min\":0,\"max\":3}},"
    "\"fixed\":{\"type\":\"integer\",\"mutable\":false},"
    "\"eph\":{\"type\":\"integer\",\"ephemeral\":true}}},"
    "\"C\":{\"columns\":{\"n\":{\"type\":\"integer\"},"
    "\"peer\":{\"type\":{\"key\":{\"type\":\"uuid\",\"refTable\":\"C\"},"
    "\"min\":0,\"max\":1}},"
    "\"need\":{\"type\":{\"key\":{\"type\":\"uuid\",\"refTable\":\"R\","
    "\"refType\":\"weak\"},\"min\":1,\"max\":1}}}}}}";

static void
discard_update(void *aux SVS_UNUSED, const char *method SVS_UNUSED,
               json_t *params)
{
    /* Serialize, as the server would, then drop. */
    free(json_to_string(params, 0));
    json_decref(params);
}

static void
create_monitors(void)
{
    static const char *const requests[] = {
        "{\"R\":{},\"C\":{\"columns\":[\"n\",\"peer\"]}}",
        "{\"R\":[{\"where\":[[\"i\",\">\",0]]},{\"columns\":[\"s\",\"map\"],"
        "\"where\":[[\"map\",\"includes\",[\"map\",[[\"k\",1]]]]]}]}",
        "{\"R\":[{\"columns\":[\"set\",\"weak\"],\"where\":[true]}],"
        "\"C\":[{\"where\":[[\"n\",\"!=\",0]]}]}",
    };
    for (int i = 0; i < 3; i++) {
        json_t *req = json_from_string_err(requests[i], NULL);
        json_t *id = json_integer(i);
        json_t *initial;
        struct db_error *error = ovsdb_monitor_create(
            db, id, req, i ? OVSDB_MONITOR_V2 : OVSDB_MONITOR_V1,
            NULL, discard_update, NULL, &monitors[i], &initial, NULL);
        svs_assert(!error);
        json_decref(initial);
        json_decref(req);
        json_decref(id);
    }
}

static void
reset_db(void)
{
    for (int i = 0; i < 3; i++) {
        ovsdb_monitor_destroy(monitors[i]);
        monitors[i] = NULL;
    }
    ovsdb_destroy(db);

    json_t *json = json_from_string_err(schema_text, NULL);
    struct db_schema *schema;
    struct db_error *error = db_schema_from_json(json, &schema);
    svs_assert(!error);
    json_decref(json);
    db = ovsdb_create(schema, NULL);
    ovsdb_monitor_history_enable(db);
    create_monitors();
}

static bool
has_lock(void *aux SVS_UNUSED, const char *name)
{
    return !strcmp(name, "held");
}

static void
handle(struct jsonrpc_msg *msg)
{
    if (msg->type != JSONRPC_REQUEST) {
        return;
    }
    const json_t *params = msg->params;
    const char *db_name = json_string_value(json_array_get(params, 0));

    if (!strcmp(msg->method, "transact")) {
        if (!db_name || strcmp(db_name, "F")) {
            return;
        }
        struct ovsdb_execute_ctx ctx = {
            .has_lock = has_lock,
            .read_only = json_array_size(params) % 7 == 3,
            .elapsed_msec = 0,
            .timed_out = true,
        };
        long long int wait_msec;
        json_t *result = ovsdb_execute(db, &ctx, params, &wait_msec);
        if (result) {
            free(json_to_string(result, 0));
            json_decref(result);
        }
    } else if (!strcmp(msg->method, "monitor")
               || !strcmp(msg->method, "monitor_cond")
               || !strcmp(msg->method, "monitor_cond_since")) {
        const json_t *requests = json_array_get(params, 2);
        if (!requests) {
            return;
        }
        struct uuid last;
        uuid_zero(&last);
        const json_t *last_json = json_array_get(params, 3);
        if (json_is_string(last_json)) {
            uuid_from_string(&last, json_string_value(last_json));
        }
        enum ovsdb_monitor_version v = (
            !strcmp(msg->method, "monitor") ? OVSDB_MONITOR_V1
            : !strcmp(msg->method, "monitor_cond") ? OVSDB_MONITOR_V2
            : OVSDB_MONITOR_V3);
        struct ovsdb_monitor *m;
        json_t *initial;
        bool found;
        struct db_error *error = ovsdb_monitor_create(
            db, json_array_get(params, 1) ? json_array_get(params, 1)
                                           : json_null(),
            requests, v, &last, discard_update, NULL, &m, &initial, &found);
        if (error) {
            db_error_destroy(error);
        } else {
            free(json_to_string(initial, 0));
            json_decref(initial);
            ovsdb_monitor_destroy(m);
        }
    } else if (!strcmp(msg->method, "monitor_cond_change")) {
        const json_t *requests = json_array_get(params, 2);
        if (requests) {
            for (int i = 1; i < 3; i++) {
                db_error_destroy(ovsdb_monitor_cond_change(monitors[i],
                                                           requests));
            }
        }
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!db || ++n_runs % 256 == 0) {
        reset_db();
    }

    struct json_parser *parser = json_parser_create(1 << 20);
    size_t ofs = 0;
    while (ofs < size) {
        ofs += json_parser_feed(parser, (const char *) data + ofs,
                                size - ofs);
        if (!json_parser_is_done(parser)) {
            break;
        }
        char *error = NULL;
        json_t *json = json_parser_finish(parser, &error);
        free(error);
        if (!json) {
            break;
        }
        struct jsonrpc_msg *msg;
        error = jsonrpc_msg_from_json(json, &msg);
        if (error) {
            free(error);
            continue;
        }
        handle(msg);
        jsonrpc_msg_destroy(msg);
    }
    json_parser_abort(parser);
    return 0;
}
