/* svsdb-client-monitor.c: the monitor, monitor-cond and
 * monitor-cond-since commands of svsdb-client.
 *
 * A monitor prints the initial contents of the monitored tables, then
 * each update the server sends, one table at a time, in the format and
 * layout of ovsdb-client: columns "row" and "action", then the monitored
 * columns in the order given (all of them, sorted, then _version, by
 * default).  A modification of the "monitor" method takes two lines, the
 * changed old values ("old") and the new row ("new"); monitor_cond's
 * update2 gives one line with the diff ("modify"). */
#include <config.h>
#include "svsdb-client.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "db-data.h"
#include "db-schema.h"
#include "db-types.h"
#include "dynamic-string.h"
#include "json.h"
#include "jsonrpc.h"
#include "poll-loop.h"
#include "shash.h"
#include "table.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "uuid.h"

/* What one monitor prints of one table. */
struct monitored_table {
    const struct db_table_schema *table;
    const struct db_column **columns;   /* Printed columns, in order. */
    size_t n_columns;
};

/* A monitor: its tables, in printing order. */
struct client_monitor {
    const char *server;
    const char *database;
    struct monitored_table *tables;
    size_t n_tables;
    enum { MON_PLAIN, MON_COND, MON_COND_SINCE } method;
};

/* Adds 'column' to 'mt' unless present.  Returns false if it was. */
static bool
monitored_table_add_column(struct monitored_table *mt,
                           const struct db_column *column)
{
    for (size_t i = 0; i < mt->n_columns; i++) {
        if (mt->columns[i] == column) {
            return false;
        }
    }
    mt->columns = xrealloc(mt->columns,
                           (mt->n_columns + 1) * sizeof *mt->columns);
    mt->columns[mt->n_columns++] = column;
    return true;
}

/* Adds every column of 'mt''s table but _uuid and _version, sorted by
 * name, then _version, to 'mt' and to JSON array 'columns'. */
static void
monitor_all_columns(struct monitored_table *mt, json_t *columns)
{
    const struct db_table_schema *ts = mt->table;
    const struct db_column **sorted = xmalloc(MAX(ts->n_columns, 1)
                                              * sizeof *sorted);
    size_t n = 0;

    for (size_t i = 0; i < ts->n_columns; i++) {
        if (ts->column_array[i]->index >= DB_N_STD_COLUMNS) {
            sorted[n++] = ts->column_array[i];
        }
    }
    qsort(sorted, n, sizeof *sorted, client_compare_column_names);
    sorted[n++] = ts->column_array[DB_COL_VERSION];

    for (size_t i = 0; i < n; i++) {
        monitored_table_add_column(mt, sorted[i]);
        json_array_add(columns, json_string(sorted[i]->name));
    }
    free(sorted);
}

/* Parses the column groups 'argv' for 'mt' into a JSON array of monitor
 * requests.  'where' (borrowed, may be NULL) is the condition for
 * monitor_cond. */
static json_t *
parse_monitor_columns(const struct client_monitor *mon,
                      struct monitored_table *mt, int argc, char *argv[],
                      const json_t *where)
{
    json_t *requests = json_array();
    int n_groups = argc ? argc : 1;

    for (int g = 0; g < n_groups; g++) {
        json_t *request = json_object();
        json_t *columns = json_array();
        bool initial = true, insert = true, delete = true, modify = true;
        bool any_flag = false;

        if (argc) {
            char *copy = xstrdup(argv[g]);
            char *save_ptr = NULL;
            for (char *name = strtok_r(copy, ",", &save_ptr); name;
                 name = strtok_r(NULL, ",", &save_ptr)) {
                if (!strcmp(name, "!initial")) {
                    initial = false;
                    any_flag = true;
                } else if (!strcmp(name, "!insert")) {
                    insert = false;
                    any_flag = true;
                } else if (!strcmp(name, "!delete")) {
                    delete = false;
                    any_flag = true;
                } else if (!strcmp(name, "!modify")) {
                    modify = false;
                    any_flag = true;
                } else {
                    const struct db_column *column
                        = db_table_schema_get_column(mt->table, name);
                    if (!column) {
                        svs_fatal(0, "%s: table \"%s\" in %s does not have "
                                  "a column named \"%s\"", mon->server,
                                  mt->table->name, mon->database, name);
                    }
                    if (!monitored_table_add_column(mt, column)) {
                        svs_fatal(0, "%s: column \"%s\" mentioned multiple "
                                  "times", mon->server, name);
                    }
                    json_array_add(columns, json_string(name));
                }
            }
            free(copy);
        }
        if (!json_array_size(columns)) {
            monitor_all_columns(mt, columns);
        }

        json_object_put(request, "columns", columns);
        if (where) {
            json_object_put(request, "where", json_incref((json_t *) where));
        }
        if (any_flag) {
            json_object_put(request, "select", json_pack(
                                "{s:b, s:b, s:b, s:b}", "initial", initial,
                                "insert", insert, "delete", delete,
                                "modify", modify));
        }
        json_array_add(requests, request);
    }
    return requests;
}

static void
client_monitor_destroy(struct client_monitor *mon)
{
    for (size_t i = 0; i < mon->n_tables; i++) {
        free(mon->tables[i].columns);
    }
    free(mon->tables);
}

/* Adds a cell for 'value' (may be NULL) of column 'i' of 'mt' to 't'.  A
 * value that does not fit its column's type (a diff of monitor_cond, for
 * example) shows as JSON, as with ovsdb-client. */
static void
add_value_cell(struct table *t, const struct monitored_table *mt, size_t i,
               json_t *value)
{
    if (!value) {
        table_add_cell(t);
    } else {
        table_add_cell_json(t, json_incref(value), &mt->columns[i]->type);
    }
}

static void
add_row_cells(struct table *t, const struct monitored_table *mt,
              const char *uuid, const char *action, const json_t *row)
{
    table_add_row(t);
    table_add_cell_text(t, uuid);
    table_add_cell_text(t, action);
    for (size_t i = 0; i < mt->n_columns; i++) {
        add_value_cell(t, mt, i, json_get(row, mt->columns[i]->name));
    }
}

/* Prints the <table-updates> (or, for monitor_cond, <table-updates2>)
 * 'updates'.  'initial' is true for the reply to the monitor request. */
static void
print_updates(const struct client_monitor *mon, const json_t *updates,
              bool initial)
{
    long long int now = time_wall_msec();

    if (!json_is_object(updates)) {
        char *s = table_json_to_string(updates, false);
        svs_fatal(0, "%s: update is not an object: %s", mon->server, s);
    }

    for (size_t i = 0; i < mon->n_tables; i++) {
        const struct monitored_table *mt = &mon->tables[i];
        json_t *table_update = json_get(updates, mt->table->name);
        if (!json_is_object(table_update)) {
            continue;
        }

        struct table t;
        table_init(&t);
        if (client_timestamp) {
            table_set_timestamp(&t, now);
        }
        if (mon->n_tables > 1) {
            table_set_caption(&t, xstrdup(mt->table->name));
        }
        table_add_column(&t, "row");
        table_add_column(&t, "action");
        for (size_t j = 0; j < mt->n_columns; j++) {
            table_add_column(&t, mt->columns[j]->name);
        }

        size_t n;
        const char **uuids = client_member_order(table_update, 1, NULL, 0,
                                              &n);
        for (size_t j = 0; j < n; j++) {
            json_t *row_update = json_get(table_update, uuids[j]);

            if (mon->method == MON_PLAIN) {
                json_t *old = json_get(row_update, "old");
                json_t *new = json_get(row_update, "new");
                if (initial) {
                    add_row_cells(&t, mt, uuids[j], "initial", new);
                } else if (!old) {
                    add_row_cells(&t, mt, uuids[j], "insert", new);
                } else if (!new) {
                    add_row_cells(&t, mt, uuids[j], "delete", old);
                } else {
                    add_row_cells(&t, mt, uuids[j], "old", old);
                    add_row_cells(&t, mt, "", "new", new);
                }
            } else {
                static const char *const actions[] = {
                    "initial", "insert", "delete", "modify"
                };
                for (size_t k = 0; k < ARRAY_SIZE(actions); k++) {
                    json_t *row = json_get(row_update, actions[k]);
                    if (row || json_object_get(row_update, actions[k])) {
                        add_row_cells(&t, mt, uuids[j], actions[k], row);
                        break;
                    }
                }
            }
        }
        free(uuids);

        table_print(&t, &client_style);
        table_destroy(&t);
    }
}

static void
monitor_loop(struct jsonrpc *rpc, const struct client_monitor *mon,
             struct unixctl_server *unixctl)
{
    while (!client_exiting) {
        unixctl_server_run(unixctl);
        for (;;) {
            struct jsonrpc_msg *msg;
            int error = jsonrpc_recv(rpc, &msg);
            if (error == EAGAIN) {
                break;
            } else if (error) {
                svs_fatal(error, "%s: receive failed", mon->server);
            }

            if (client_handle_common_msg(rpc, msg)) {
                /* Done. */
            } else if (msg->type == JSONRPC_NOTIFY
                       && !strcmp(msg->method, "update")
                       && json_array_size(msg->params) == 2
                       && mon->method == MON_PLAIN) {
                print_updates(mon, json_array_get(msg->params, 1), false);
            } else if (msg->type == JSONRPC_NOTIFY
                       && !strcmp(msg->method, "update2")
                       && json_array_size(msg->params) == 2
                       && mon->method == MON_COND) {
                print_updates(mon, json_array_get(msg->params, 1), false);
            } else if (msg->type == JSONRPC_NOTIFY
                       && !strcmp(msg->method, "update3")
                       && json_array_size(msg->params) == 3
                       && mon->method == MON_COND_SINCE) {
                char *line = xasprintf("last_id: %s\n", json_string_value(
                                           json_array_get(msg->params, 1)));
                table_print_preamble(&client_style, line);
                free(line);
                print_updates(mon, json_array_get(msg->params, 2), false);
            } else if (msg->type == JSONRPC_NOTIFY
                       && !strcmp(msg->method, "monitor_canceled")) {
                svs_fatal(0, "%s: %s database was removed", mon->server,
                          mon->database);
            }
            jsonrpc_msg_destroy(msg);
        }
        jsonrpc_run(rpc);
        if (jsonrpc_get_status(rpc)) {
            svs_fatal(jsonrpc_get_status(rpc), "%s: receive failed",
                      mon->server);
        }

        jsonrpc_wait(rpc);
        jsonrpc_recv_wait(rpc);
        unixctl_server_wait(unixctl);
        if (client_exiting) {
            break;
        }
        poll_block();
    }
}

/* The monitor commands: 'argv' holds [CONDITION] TABLE [COLUMNS...] or
 * "ALL". */
static void
do_monitor__(struct jsonrpc *rpc, const char *server, const char *database,
             int argc, char *argv[], int method, const char *last_id)
{
    struct client_monitor mon = {
        .server = server, .database = database, .method = method,
    };
    json_t *where = NULL;

    if (method != MON_PLAIN) {
        where = client_parse_json_arg(argv[0]);
        if (!json_is_array(where)) {
            svs_fatal(0, "%s: conditions must be an array", argv[0]);
        }
        argc--;
        argv++;
    }

    struct client_schema fs;
    client_fetch_schema(rpc, database, &fs);
    client_set_db_change_aware(rpc, method != MON_PLAIN);

    json_t *requests = json_object();
    if (method == MON_PLAIN && !strcmp(argv[0], "ALL")) {
        const struct shash_node **nodes = shash_sort(&fs.schema->tables);
        mon.n_tables = shash_count(&fs.schema->tables);
        mon.tables = xcalloc(MAX(mon.n_tables, 1), sizeof *mon.tables);
        for (size_t i = 0; i < mon.n_tables; i++) {
            struct monitored_table *mt = &mon.tables[i];
            mt->table = nodes[i]->data;
            json_object_put(requests, mt->table->name,
                            parse_monitor_columns(&mon, mt, argc - 1,
                                                  argv + 1, where));
        }
        free(nodes);
    } else {
        const struct db_table_schema *ts = db_schema_get_table(fs.schema,
                                                               argv[0]);
        if (!ts && method == MON_PLAIN) {
            svs_fatal(0, "%s: %s does not have a table named \"%s\"",
                      server, database, argv[0]);
        } else if (!ts) {
            svs_fatal(0, "%s does not have a table named \"%s\"",
                      database, argv[0]);
        }
        mon.n_tables = 1;
        mon.tables = xcalloc(1, sizeof *mon.tables);
        mon.tables[0].table = ts;
        json_object_put(requests, ts->name,
                        parse_monitor_columns(&mon, &mon.tables[0],
                                              argc - 1, argv + 1, where));
    }
    json_decref(where);

    static const char *const methods[] = {
        "monitor", "monitor_cond", "monitor_cond_since"
    };
    json_t *params = json_pack("[s, n, o]", database, requests);
    if (method == MON_COND_SINCE) {
        json_array_add(params, json_string(last_id));
    }
    json_t *result = client_rpc_call_db(rpc, methods[method], params);

    if (method == MON_COND_SINCE) {
        json_t *found = json_array_get(result, 0);
        char *line = xasprintf("found: %s, last_id: %s\n",
                               json_is_true(found) ? "true" : "false",
                               json_string_value(json_array_get(result, 1)));
        table_print_preamble(&client_style, line);
        free(line);
        print_updates(&mon, json_array_get(result, 2), true);
    } else {
        print_updates(&mon, result, true);
    }
    fflush(stdout);
    json_decref(result);

    struct unixctl_server *unixctl = client_detach();
    monitor_loop(rpc, &mon, unixctl);
    unixctl_server_destroy(unixctl);

    client_monitor_destroy(&mon);
    client_schema_destroy(&fs);
}

void
client_cmd_monitor(struct jsonrpc *rpc, const char *server,
                   const char *database, int argc, char *argv[])
{
    do_monitor__(rpc, server, database, argc, argv, MON_PLAIN, NULL);
}

void
client_cmd_monitor_cond(struct jsonrpc *rpc, const char *server,
                        const char *database, int argc, char *argv[])
{
    do_monitor__(rpc, server, database, argc, argv, MON_COND, NULL);
}

void
client_cmd_monitor_cond_since(struct jsonrpc *rpc, const char *server,
                              const char *database, int argc, char *argv[])
{
    const char *last_id = "00000000-0000-0000-0000-000000000000";
    struct uuid uuid;

    if (argc > 2 && uuid_from_string(&uuid, argv[0])) {
        last_id = argv[0];
        argc--;
        argv++;
    }
    do_monitor__(rpc, server, database, argc, argv, MON_COND_SINCE,
                 last_id);
}

