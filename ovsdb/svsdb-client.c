/* svsdb-client: command-line client for OVSDB servers.
 *
 * svsdb-client takes the same commands, options and arguments as
 * ovsdb-client and prints the same output, byte for byte, in every output
 * format (see lib/table.h), with the same error messages and exit
 * statuses.  It works against svsdb-server and against any other RFC 7047
 * server.
 *
 * Argument conventions, as ovsdb-client's:
 *   - A command that talks to a server takes an optional SERVER first: the
 *     first argument is the server if the command has more arguments than
 *     it requires and the argument looks like a connection method (a
 *     letter, then anything with a ':').  The default is
 *     unix:<rundir>/db.sock.  "m1,m2,..." names several servers, tried in
 *     turn.
 *   - A command that works on a database then takes an optional DATABASE:
 *     the next argument if the command has more arguments than it
 *     requires and it names one of the server's databases.  The default
 *     is Open_vSwitch if the server has it, otherwise the server's only
 *     database besides _Server.
 *
 * Ordering: where ovsdb-client prints things in the iteration order of
 * Open vSwitch's string hash tables (list-tables, list-columns, rows of
 * monitor updates), svsdb-client reproduces that order from the order in
 * which the server sent the names; see ovs_hash_order().
 *
 * Files: this one has main(), the options, connections and the simple
 * commands; svsdb-client-monitor.c the monitor commands and
 * svsdb-client-backup.c backup and restore (see svsdb-client.h). */
#include <config.h>
#include "svsdb-client.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "command-line.h"
#include "daemon.h"
#include "db-data.h"
#include "db-error.h"
#include "db-schema.h"
#include "db-types.h"
#include "dirs.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "json.h"
#include "jsonrpc.h"
#include "poll-loop.h"
#include "shash.h"
#include "stream-ssl.h"
#include "stream.h"
#include "svec.h"
#include "table.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(svsdb_client);

/* Options. */
struct table_style client_style = TABLE_STYLE_DEFAULT;
bool client_timestamp;                 /* --timestamp. */
bool client_force;                     /* --force (restore). */
static int db_change_aware = -1;    /* --[no-]db-change-aware, -1 unset. */
static bool leader_only = true;     /* Not --no-leader-only. */

/* What a command needs before its handler runs. */
enum client_need {
    NEED_NONE,                  /* Nothing: the handler parses SERVER. */
    NEED_RPC,                   /* A connection to SERVER. */
    NEED_DATABASE               /* A connection and a DATABASE. */
};

struct client_command {
    const char *name;
    enum client_need need;
    int min_args;               /* After SERVER and DATABASE. */
    int max_args;
    bool check_early;           /* Check the argument count before
                                 * connecting (SERVER counted in max). */
    void (*handler)(struct jsonrpc *, const char *server,
                    const char *database, int argc, char *argv[]);
};

static const struct client_command *get_all_commands(void);
static void usage(void) SVS_NO_RETURN;
static void parse_options(int argc, char *argv[]);
static char *default_remote(void);
static bool is_server_name(const char *);
static struct jsonrpc *open_rpc(const char *server, const char *database);
static void close_rpc(struct jsonrpc *);
static void fetch_dbs(struct jsonrpc *, struct svec *dbs);
static char *default_database(const struct svec *dbs);

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    fatal_ignore_sigpipe();
    fatal_signal_init();
    /* Like ovsdb-client, show informational log messages (reconnections,
     * a passive connection's wait) on the console by default. */
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_INFO);
    parse_options(argc, argv);

    if (optind >= argc) {
        svs_fatal(0, "missing command name; use --help for help");
    }

    const char *name = argv[optind];
    const struct client_command *command;
    for (command = get_all_commands(); command->name; command++) {
        if (!strcmp(command->name, name)) {
            break;
        }
    }
    if (!command->name) {
        svs_fatal(0, "unknown command '%s'; use --help for help", name);
    }

    int n_args = argc - optind - 1;
    char **args = &argv[optind + 1];
    if (command->check_early
        && (n_args < command->min_args
            || n_args > command->max_args + (command->need != NEED_NONE))) {
        svs_fatal(0, "invalid syntax for '%s' (use --help for help)", name);
    }

    if (command->need == NEED_NONE) {
        command->handler(NULL, NULL, NULL, n_args, args);
        return 0;
    }

    char *server;
    if (n_args > command->min_args && is_server_name(args[0])) {
        server = xstrdup(args[0]);
        args++;
        n_args--;
    } else {
        server = default_remote();
    }

    char *database = NULL;
    struct jsonrpc *rpc;
    if (command->need == NEED_DATABASE && strchr(server, ',')) {
        /* Several servers: the database must be explicit, because it
         * decides which server is suitable. */
        if (n_args <= command->min_args) {
            svs_fatal(0, "database name is required with multiple remotes");
        }
        database = xstrdup(args[0]);
        args++;
        n_args--;
        rpc = open_rpc(server, database);
    } else {
        rpc = open_rpc(server, NULL);
        if (command->need == NEED_DATABASE) {
            struct svec dbs;
            fetch_dbs(rpc, &dbs);
            if (n_args > command->min_args && svec_contains(&dbs, args[0])) {
                database = xstrdup(args[0]);
                args++;
                n_args--;
            } else {
                database = default_database(&dbs);
            }
            svec_destroy(&dbs);
        }
    }

    if (n_args < command->min_args || n_args > command->max_args) {
        svs_fatal(0, "invalid syntax for '%s' (use --help for help)", name);
    }
    command->handler(rpc, server, database, n_args, args);

    close_rpc(rpc);
    free(database);
    free(server);
    return 0;
}

static void
parse_options(int argc, char *argv[])
{
    enum {
        OPT_TIMESTAMP = UCHAR_MAX + 1,
        OPT_FORCE,
        OPT_DB_CHANGE_AWARE,
        OPT_NO_DB_CHANGE_AWARE,
        OPT_NO_LEADER_ONLY,
        VLOG_OPTION_ENUMS,
        DAEMON_OPTION_ENUMS,
        TABLE_OPTION_ENUMS,
        STREAM_SSL_OPTION_ENUMS,
    };
    static const struct option long_options[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"timestamp", no_argument, NULL, OPT_TIMESTAMP},
        {"force", no_argument, NULL, OPT_FORCE},
        {"timeout", required_argument, NULL, 't'},
        {"db-change-aware", no_argument, NULL, OPT_DB_CHANGE_AWARE},
        {"no-db-change-aware", no_argument, NULL, OPT_NO_DB_CHANGE_AWARE},
        {"no-leader-only", no_argument, NULL, OPT_NO_LEADER_ONLY},
        VLOG_LONG_OPTIONS,
        DAEMON_LONG_OPTIONS,
        STREAM_SSL_LONG_OPTIONS,
        TABLE_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options = long_options_to_short_options(long_options);

    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }

        switch (c) {
        case 'h':
            usage();

        case 'V':
            svs_print_version();
            exit(EXIT_SUCCESS);

        case OPT_TIMESTAMP:
            client_timestamp = true;
            break;

        case OPT_FORCE:
            client_force = true;
            break;

        case 't': {
            int secs;
            if (!str_to_int(optarg, 10, &secs) || secs <= 0) {
                svs_fatal(0, "value %s on -t or --timeout is invalid",
                          optarg);
            }
            alarm(secs);
            break;
        }

        case OPT_DB_CHANGE_AWARE:
            db_change_aware = 1;
            break;

        case OPT_NO_DB_CHANGE_AWARE:
            db_change_aware = 0;
            break;

        case OPT_NO_LEADER_ONLY:
            leader_only = false;
            break;

        VLOG_OPTION_HANDLERS
        DAEMON_OPTION_HANDLERS
        TABLE_OPTION_HANDLERS(&client_style)
        STREAM_SSL_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
    free(short_options);
}

static void
usage(void)
{
    printf("%s: Open vSwitch database JSON-RPC client\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "\nValid commands are:\n"
           "\n  list-dbs [SERVER]\n"
           "    list databases available on SERVER\n"
           "\n  get-schema [SERVER] [DATABASE]\n"
           "    retrieve schema for DATABASE from SERVER\n"
           "\n  get-schema-version [SERVER] [DATABASE]\n"
           "    retrieve schema for DATABASE from SERVER and report only "
           "its\n"
           "    version number on stdout\n"
           "\n  get-schema-cksum [SERVER] [DATABASE]\n"
           "    retrieve schema for DATABASE from SERVER and report only "
           "its\n"
           "    checksum on stdout\n"
           "\n  list-tables [SERVER] [DATABASE]\n"
           "    list tables for DATABASE on SERVER\n"
           "\n  list-columns [SERVER] [DATABASE] [TABLE]\n"
           "    list columns in TABLE (or all tables) in DATABASE on "
           "SERVER\n"
           "\n  transact [SERVER] TRANSACTION\n"
           "    run TRANSACTION (params for \"transact\" request) on "
           "SERVER\n"
           "    and print the results as JSON on stdout\n"
           "\n  query [SERVER] TRANSACTION\n"
           "    run TRANSACTION (params for \"transact\" request) on "
           "SERVER,\n"
           "    as read-only, and print the results as JSON on stdout\n"
           "\n  monitor [SERVER] [DATABASE] TABLE [COLUMN,...]...\n"
           "    monitor contents of COLUMNs in TABLE in DATABASE on "
           "SERVER.\n"
           "    COLUMNs may include !initial, !insert, !delete, !modify\n"
           "    to avoid seeing the specified kinds of changes.\n"
           "\n  monitor-cond [SERVER] [DATABASE] CONDITION TABLE "
           "[COLUMN,...]...\n"
           "    monitor contents that match CONDITION of COLUMNs in "
           "TABLE in\n"
           "    DATABASE on SERVER.\n"
           "    COLUMNs may include !initial, !insert, !delete, !modify\n"
           "    to avoid seeing the specified kinds of changes.\n"
           "\n  monitor-cond-since [SERVER] [DATABASE] [LASTID] CONDITION "
           "TABLE [COLUMN,...]...\n"
           "    monitor contents that match CONDITION of COLUMNs in "
           "TABLE in\n"
           "    DATABASE on SERVER, since change after LASTID.\n"
           "    LASTID specifies transaction ID after which the "
           "monitoring\n"
           "    starts, which works only for cluster mode. If ignored, it\n"
           "    defaults to an all-zero uuid.\n"
           "    Other arguments are the same as in monitor-cond.\n"
           "\n  convert [SERVER] SCHEMA\n"
           "    convert database on SERVER named in SCHEMA to SCHEMA.\n"
           "\n  needs-conversion [SERVER] SCHEMA\n"
           "    tests whether SCHEMA's db on SERVER needs conversion.\n"
           "\n  monitor [SERVER] [DATABASE] ALL\n"
           "    monitor all changes to all columns in all tables\n"
           "\n  wait [SERVER] DATABASE STATE\n"
           "    wait until DATABASE reaches STATE (\"added\" or "
           "\"connected\" or \"removed\")\n"
           "    in DATBASE on SERVER.\n"
           "\n  dump [SERVER] [DATABASE]\n"
           "    dump contents of DATABASE on SERVER to stdout\n"
           "\n  backup [SERVER] [DATABASE] > SNAPSHOT\n"
           "    dump database contents in the form of a database file\n"
           "\n  [--force] restore [SERVER] [DATABASE] < SNAPSHOT\n"
           "    restore database contents from a database file\n"
           "\n  lock [SERVER] LOCK\n"
           "    create or wait for LOCK in SERVER\n"
           "\n  steal [SERVER] LOCK\n"
           "    steal LOCK from SERVER\n"
           "\n  unlock [SERVER] LOCK\n"
           "    unlock LOCK from SERVER\n"
           "\nThe default SERVER is unix:%s/db.sock.\n"
           "The default DATABASE is Open_vSwitch.\n",
           program_name, program_name, svs_rundir());
    stream_usage("SERVER", true, true, true);
    table_usage();
    printf("  --timestamp                 timestamp \"monitor\" output\n");
    daemon_usage();
    vlog_usage();
    printf("\nOther options:\n"
           "  -h, --help                  display this help message\n"
           "  -V, --version               display version information\n");
    exit(EXIT_SUCCESS);
}

/* Connections. */

static char *
default_remote(void)
{
    return xasprintf("unix:%s/db.sock", svs_rundir());
}

/* True if 'name' looks like a connection method rather than a database or
 * table name: a letter, then anything with a colon in it. */
static bool
is_server_name(const char *name)
{
    return isalpha((unsigned char) name[0]) && strchr(name, ':');
}

/* Connects to 'server', an active or passive connection method, and
 * returns the connection; exits on failure. */
static struct jsonrpc *
open_one_rpc(const char *server)
{
    struct stream *stream;
    int error = stream_verify_name(server);
    if (!error) {
        error = stream_open_block(jsonrpc_stream_open(server, &stream, 0),
                                  -1, &stream);
    }
    if (error == EAFNOSUPPORT) {
        struct pstream *pstream;

        error = pstream_verify_name(server);
        if (!error) {
            error = jsonrpc_pstream_open(server, &pstream, 0);
        }
        if (error) {
            svs_fatal(error, "failed to connect or listen to \"%s\"",
                      server);
        }
        VLOG_INFO("%s: waiting for connection...", server);
        error = pstream_accept_block(pstream, &stream);
        if (error) {
            svs_fatal(error, "failed to accept connection on \"%s\"",
                      server);
        }
        pstream_close(pstream);
    } else if (error) {
        svs_fatal(error, "failed to connect to \"%s\"", server);
    }
    return jsonrpc_open(stream);
}


/* True if 'database' on 'rpc' is acceptable with --leader-only semantics:
 * a standalone database, or a clustered one whose server is the
 * leader. */
static bool
is_suitable_server(struct jsonrpc *rpc, const char *database)
{
    json_t *op = json_pack("{s:s, s:s, s:[[s,s,s]]}",
                           "op", "select", "table", "Database",
                           "where", "name", "==", database);
    json_t *result = client_rpc_call(rpc, "transact",
                              json_pack("[s, o]", "_Server", op));
    json_t *rows = json_get(json_array_get(result, 0), "rows");
    json_t *row = json_array_get(rows, 0);
    bool ok = false;

    if (row) {
        const char *model = json_string_value(json_get(row, "model"));
        json_t *leader = json_get(row, "leader");
        ok = (!model || strcmp(model, "clustered")
              || !leader_only || json_is_true(leader));
    }
    json_decref(result);
    return ok;
}

/* With several servers, the session that holds the connection. */
static struct jsonrpc_session *multi_session;

/* Connects to 'server', which may name several servers separated by
 * commas; then, as ovsdb-client does, tries them in turn (logging each
 * attempt) until one is suitable for 'database' (nonnull with several
 * servers). */
static struct jsonrpc *
open_rpc(const char *server, const char *database)
{
    if (!strchr(server, ',')) {
        return open_one_rpc(server);
    }

    struct svec remotes = SVEC_EMPTY_INITIALIZER;
    char *copy = xstrdup(server);
    char *save_ptr = NULL;
    for (char *name = strtok_r(copy, ",", &save_ptr); name;
         name = strtok_r(NULL, ",", &save_ptr)) {
        svec_add(&remotes, name);
    }
    free(copy);

    multi_session = jsonrpc_session_open_multiple(&remotes, true);
    svec_destroy(&remotes);
    for (;;) {
        jsonrpc_session_run(multi_session);
        if (jsonrpc_session_is_connected(multi_session)) {
            struct jsonrpc *rpc = jsonrpc_session_get_rpc(multi_session);
            if (!database || is_suitable_server(rpc, database)) {
                return rpc;
            }
            jsonrpc_session_force_reconnect(multi_session);
        }
        if (!jsonrpc_session_is_alive(multi_session)) {
            svs_fatal(jsonrpc_session_get_last_error(multi_session),
                      "%s: connection failed", server);
        }
        jsonrpc_session_wait(multi_session);
        poll_block();
    }
}

/* Closes 'rpc', which open_rpc() returned. */
static void
close_rpc(struct jsonrpc *rpc)
{
    if (multi_session) {
        jsonrpc_session_close(multi_session);
        multi_session = NULL;
    } else {
        jsonrpc_close(rpc);
    }
}

/* Sends a 'method' request with 'params' (stolen) and returns the result
 * of the reply; exits on failure or an error reply.  An error reply is
 * reported as JSON, or with 'as_db_error' in the form
 * 'syntax "SYNTAX": TAG: DETAILS'. */
static json_t *
client_rpc_call__(struct jsonrpc *rpc, const char *method, json_t *params,
                  bool as_db_error)
{
    struct jsonrpc_msg *request = jsonrpc_create_request(method, params,
                                                         NULL);
    struct jsonrpc_msg *reply;
    int error = jsonrpc_transact_block(rpc, request, &reply);

    if (error) {
        svs_fatal(error, "transaction failed");
    }
    if (reply->error && as_db_error) {
        const char *tag = json_string_value(json_get(reply->error,
                                                     "error"));
        const char *details = json_string_value(json_get(reply->error,
                                                         "details"));
        const char *syntax = json_string_value(json_get(reply->error,
                                                        "syntax"));
        struct ds s = DS_EMPTY_INITIALIZER;
        if (syntax) {
            ds_put_format(&s, "syntax \"%s\": ", syntax);
        }
        ds_put_cstr(&s, tag ? tag : "unknown error");
        if (details) {
            ds_put_format(&s, ": %s", details);
        }
        svs_fatal(0, "%s", ds_cstr(&s));
    } else if (reply->error) {
        char *s = table_json_to_string(reply->error, client_style.pretty);
        svs_fatal(0, "transaction returned error: %s", s);
    }

    json_t *result = json_incref(reply->result);
    jsonrpc_msg_destroy(reply);
    return result;
}

json_t *
client_rpc_call(struct jsonrpc *rpc, const char *method, json_t *params)
{
    return client_rpc_call__(rpc, method, params, false);
}

json_t *
client_rpc_call_db(struct jsonrpc *rpc, const char *method, json_t *params)
{
    return client_rpc_call__(rpc, method, params, true);
}

static void
fetch_dbs(struct jsonrpc *rpc, struct svec *dbs)
{
    json_t *result = client_rpc_call(rpc, "list_dbs", json_array());
    size_t i;
    json_t *name;

    if (!json_is_array(result)) {
        svs_fatal(0, "list_dbs response is not array");
    }
    svec_init(dbs);
    json_array_foreach (result, i, name) {
        if (!json_is_string(name)) {
            svs_fatal(0, "list_dbs response %zu is not string", i);
        }
        svec_add(dbs, json_string_value(name));
    }
    json_decref(result);
}

static char *
default_database(const struct svec *dbs)
{
    if (svec_contains(dbs, "Open_vSwitch")) {
        return xstrdup("Open_vSwitch");
    }

    const char *found = NULL;
    size_t i;
    const char *name;
    SVEC_FOR_EACH (i, name, dbs) {
        if (strcmp(name, "_Server")) {
            if (found) {
                found = NULL;
                break;
            }
            found = name;
        }
    }
    if (!found) {
        svs_fatal(0, "could not find a default database, please specify a "
                  "database name");
    }
    return xstrdup(found);
}

void
client_fetch_schema(struct jsonrpc *rpc, const char *database,
                    struct client_schema *fs)
{
    fs->json = client_rpc_call(rpc, "get_schema", json_pack("[s]", database));

    struct db_error *error = db_schema_from_json(fs->json, &fs->schema);
    if (error) {
        svs_fatal(0, "%s", db_error_to_string_free(error));
    }
}

void
client_schema_destroy(struct client_schema *fs)
{
    json_decref(fs->json);
    db_schema_destroy(fs->schema);
}

void
client_log_info(const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vlog_valist(THIS_MODULE, VLL_INFO, format, args);
    va_end(args);
}

/* Sends set_db_change_aware if the options or 'default_' call for it. */
void
client_set_db_change_aware(struct jsonrpc *rpc, bool default_)
{
    if (db_change_aware == 1 || (db_change_aware < 0 && default_)) {
        json_decref(client_rpc_call(rpc, "set_db_change_aware",
                             json_pack("[b]", true)));
    }
}

void
client_print_json(const json_t *json)
{
    char *s = table_json_to_string(json, client_style.pretty);
    puts(s);
    free(s);
}

/* Parses command-line argument 'arg' as JSON; exits on error. */
json_t *
client_parse_json_arg(const char *arg)
{
    char *error;
    json_t *json = json_from_string_err(arg, &error);
    if (!json) {
        svs_fatal(0, "\"%s\": %s", arg, error);
    }
    return json;
}

/* The order of Open vSwitch's hash tables.
 *
 * ovsdb-client keeps JSON objects and schemas in string hash tables and
 * prints some of them in the tables' iteration order, which depends only
 * on the names and on the order in which they were inserted.  To print
 * the same, svsdb-client computes that order: the hash is the 32-bit
 * MurmurHash3 variant Open vSwitch applies to strings (basis 0), and the
 * table is an array of 2^k buckets, chains filled at their heads, that
 * grows when it holds more than two entries per bucket, rehashing bucket
 * by bucket. */

static uint32_t
ovs_hash_rot(uint32_t x, int k)
{
    return (x << k) | (x >> (32 - k));
}

static uint32_t
ovs_hash_add(uint32_t hash, uint32_t data)
{
    data *= 0xcc9e2d51;
    data = ovs_hash_rot(data, 15);
    data *= 0x1b873593;
    hash ^= data;
    hash = ovs_hash_rot(hash, 13);
    return hash * 5 + 0xe6546b64;
}

static uint32_t
ovs_hash_string(const char *s)
{
    size_t n = strlen(s);
    uint32_t hash = 0;
    size_t i;

    for (i = 0; i + 4 <= n; i += 4) {
        uint32_t w = ((uint32_t) (uint8_t) s[i]
                      | (uint32_t) (uint8_t) s[i + 1] << 8
                      | (uint32_t) (uint8_t) s[i + 2] << 16
                      | (uint32_t) (uint8_t) s[i + 3] << 24);
        hash = ovs_hash_add(hash, w);
    }
    if (i < n) {
        uint32_t w = 0;
        for (size_t j = 0; i + j < n; j++) {
            w |= (uint32_t) (uint8_t) s[i + j] << (8 * j);
        }
        hash = ovs_hash_add(hash, w);
    }

    hash ^= n;
    hash ^= hash >> 16;
    hash *= 0x85ebca6b;
    hash ^= hash >> 13;
    hash *= 0xc2b2ae35;
    hash ^= hash >> 16;
    return hash;
}

static size_t
ovs_hash_calc_mask(size_t capacity)
{
    size_t mask = capacity / 2;
    for (int shift = 1; shift < 64; shift *= 2) {
        mask |= mask >> shift;
    }
    mask |= (mask & 1) << 1;
    return mask;
}

/* Reorders the 'n' strings in 'names' into the order in which an Open
 * vSwitch string hash table iterates over them after they were inserted
 * in their current order. */
static void
ovs_hash_order(const char **names, size_t n)
{
    uint32_t *hashes = xmalloc((n ? n : 1) * sizeof *hashes);
    size_t *next = xmalloc((n ? n : 1) * sizeof *next);
    size_t *heads = xmalloc(sizeof *heads);
    const size_t none = SIZE_MAX;
    size_t mask = 0;

    heads[0] = none;
    for (size_t i = 0; i < n; i++) {
        hashes[i] = ovs_hash_string(names[i]);
        next[i] = heads[hashes[i] & mask];
        heads[hashes[i] & mask] = i;

        size_t count = i + 1;
        if (count / 2 > mask) {
            size_t new_mask = ovs_hash_calc_mask(count);
            if (new_mask > mask) {
                size_t *new_heads = xmalloc((new_mask + 1)
                                            * sizeof *new_heads);
                for (size_t b = 0; b <= new_mask; b++) {
                    new_heads[b] = none;
                }
                for (size_t b = 0; b <= mask; b++) {
                    size_t node = heads[b];
                    while (node != none) {
                        size_t following = next[node];
                        size_t nb = hashes[node] & new_mask;
                        next[node] = new_heads[nb];
                        new_heads[nb] = node;
                        node = following;
                    }
                }
                free(heads);
                heads = new_heads;
                mask = new_mask;
            }
        }
    }

    const char **sorted = xmalloc((n ? n : 1) * sizeof *sorted);
    size_t k = 0;
    for (size_t b = 0; b <= mask; b++) {
        for (size_t node = heads[b]; node != none; node = next[node]) {
            sorted[k++] = names[node];
        }
    }
    memcpy(names, sorted, n * sizeof *names);

    free(sorted);
    free(heads);
    free(next);
    free(hashes);
}

/* Returns the member names of JSON object 'object' in the order in which
 * ovsdb-client iterates over them after receiving 'object' and copying it
 * 'passes' - 1 more times into other hash tables, preceded by the 'n_extra'
 * names 'extra' in the last copy.  The caller frees the array (not the
 * names, which belong to 'object' and 'extra'). */
const char **
client_member_order(const json_t *object, int passes, const char *const *extra,
                    size_t n_extra, size_t *np)
{
    size_t n = json_object_size(object);
    const char **names = xmalloc((n + n_extra + 1) * sizeof *names);
    const char *key;
    json_t *value;
    size_t i = n_extra;

    json_object_foreach ((json_t *) object, key, value) {
        names[i++] = key;
    }
    for (int pass = 0; pass < passes; pass++) {
        if (pass == passes - 1 && n_extra) {
            memcpy(names, extra, n_extra * sizeof *names);
            ovs_hash_order(names, n + n_extra);
        } else {
            ovs_hash_order(names + n_extra, n);
        }
    }
    *np = n + n_extra;
    return names;
}

/* Simple commands. */

static void
do_list_dbs(struct jsonrpc *rpc, const char *server SVS_UNUSED,
            const char *database SVS_UNUSED, int argc SVS_UNUSED,
            char *argv[] SVS_UNUSED)
{
    struct svec dbs;
    size_t i;
    const char *name;

    fetch_dbs(rpc, &dbs);
    svec_sort(&dbs);
    SVEC_FOR_EACH (i, name, &dbs) {
        puts(name);
    }
    svec_destroy(&dbs);
}

static void
do_get_schema(struct jsonrpc *rpc, const char *server SVS_UNUSED,
              const char *database, int argc SVS_UNUSED,
              char *argv[] SVS_UNUSED)
{
    struct client_schema fs;

    client_fetch_schema(rpc, database, &fs);
    json_t *json = db_schema_to_json(fs.schema);
    client_print_json(json);
    json_decref(json);
    client_schema_destroy(&fs);
}

static void
do_get_schema_version(struct jsonrpc *rpc, const char *server SVS_UNUSED,
                      const char *database, int argc SVS_UNUSED,
                      char *argv[] SVS_UNUSED)
{
    struct client_schema fs;

    client_fetch_schema(rpc, database, &fs);
    puts(fs.schema->version);
    client_schema_destroy(&fs);
}

static void
do_get_schema_cksum(struct jsonrpc *rpc, const char *server SVS_UNUSED,
                    const char *database, int argc SVS_UNUSED,
                    char *argv[] SVS_UNUSED)
{
    struct client_schema fs;

    client_fetch_schema(rpc, database, &fs);
    puts(fs.schema->cksum);
    client_schema_destroy(&fs);
}

/* Returns the table names of schema 'fs' in ovsdb-client's order. */
static const char **
schema_table_order(const struct client_schema *fs, size_t *np)
{
    return client_member_order(json_get(fs->json, "tables"), 2, NULL, 0, np);
}

static void
do_list_tables(struct jsonrpc *rpc, const char *server SVS_UNUSED,
               const char *database, int argc SVS_UNUSED,
               char *argv[] SVS_UNUSED)
{
    struct client_schema fs;
    struct table t;
    size_t n;

    client_fetch_schema(rpc, database, &fs);
    table_init(&t);
    table_add_column(&t, "Table");

    const char **names = schema_table_order(&fs, &n);
    for (size_t i = 0; i < n; i++) {
        table_add_row(&t);
        table_add_cell_text(&t, names[i]);
    }
    free(names);

    table_print(&t, &client_style);
    table_destroy(&t);
    client_schema_destroy(&fs);
}

static void
list_table_columns(struct table *t, const struct client_schema *fs,
                   const char *table_name, bool name_column)
{
    static const char *const std_columns[] = { "_uuid", "_version" };
    const struct db_table_schema *ts = db_schema_get_table(fs->schema,
                                                           table_name);
    json_t *columns_json = json_get(json_get(json_get(fs->json, "tables"),
                                             table_name), "columns");
    size_t n;
    const char **names = client_member_order(columns_json, 2, std_columns,
                                          ARRAY_SIZE(std_columns), &n);

    for (size_t i = 0; i < n; i++) {
        const struct db_column *column = db_table_schema_get_column(
            ts, names[i]);
        if (!column) {
            continue;
        }
        table_add_row(t);
        if (name_column) {
            table_add_cell_text(t, table_name);
        }
        table_add_cell_text(t, names[i]);
        table_add_cell_json(t, db_type_to_json(&column->type), NULL);
    }
    free(names);
}

static void
do_list_columns(struct jsonrpc *rpc, const char *server SVS_UNUSED,
                const char *database, int argc, char *argv[])
{
    const char *table_name = argc > 0 ? argv[0] : NULL;
    struct client_schema fs;
    struct table t;

    client_fetch_schema(rpc, database, &fs);
    table_init(&t);
    if (!table_name) {
        table_add_column(&t, "Table");
    }
    table_add_column(&t, "Column");
    table_add_column(&t, "Type");

    if (table_name) {
        if (db_schema_get_table(fs.schema, table_name)) {
            list_table_columns(&t, &fs, table_name, false);
        }
    } else {
        size_t n;
        const char **names = schema_table_order(&fs, &n);
        for (size_t i = 0; i < n; i++) {
            list_table_columns(&t, &fs, names[i], true);
        }
        free(names);
    }

    table_print(&t, &client_style);
    table_destroy(&t);
    client_schema_destroy(&fs);
}

/* Checks that 'json' is a "transact" params array: a database name and
 * operations. */
static void
check_transaction(const json_t *json)
{
    if (!json_is_array(json) || !json_array_size(json)
        || !json_is_string(json_array_get(json, 0))) {
        svs_fatal(0, "not a valid OVSDB query");
    }
}

static void
do_transact__(struct jsonrpc *rpc, const char *server SVS_UNUSED,
              const char *database SVS_UNUSED, int argc SVS_UNUSED,
              char *argv[], bool read_only)
{
    json_t *transaction = client_parse_json_arg(argv[0]);
    check_transaction(transaction);
    if (read_only) {
        json_array_add(transaction, json_pack("{s:s}", "op", "abort"));
    }

    json_t *result = client_rpc_call(rpc, "transact", transaction);
    if (read_only && json_is_array(result)) {
        /* Drop the result of our "abort", but keep everything else. */
        size_t n = json_array_size(result);
        json_t *last = json_array_get(result, n - 1);
        const char *error = json_string_value(json_get(last, "error"));
        if (n && error && !strcmp(error, "aborted")) {
            json_array_remove(result, n - 1);
        }
    }
    client_print_json(result);
    json_decref(result);
}

static void
do_transact(struct jsonrpc *rpc, const char *server, const char *database,
            int argc, char *argv[])
{
    do_transact__(rpc, server, database, argc, argv, false);
}

static void
do_query(struct jsonrpc *rpc, const char *server, const char *database,
         int argc, char *argv[])
{
    do_transact__(rpc, server, database, argc, argv, true);
}

/* Reads and parses the schema file 'file_name'; exits on error. */
static struct db_schema *
read_schema_file(const char *file_name)
{
    char *contents;
    int error = read_whole_file(file_name, &contents, NULL);
    if (error) {
        svs_fatal(0, "failed to read schema: \"%s\" could not be read as "
                  "JSON (error opening \"%s\": %s)", file_name, file_name,
                  svs_strerror(error));
    }

    char *parse_error;
    json_t *json = json_from_string_err(contents, &parse_error);
    if (!json) {
        svs_fatal(0, "failed to read schema: \"%s\" could not be read as "
                  "JSON (%s)", file_name, parse_error);
    }
    free(contents);

    struct db_schema *schema;
    struct db_error *db_error = db_schema_from_json(json, &schema);
    if (db_error) {
        db_error = db_wrap_error(db_error, "failed to parse \"%s\" as "
                                 "ovsdb schema", file_name);
        svs_fatal(0, "%s", db_error_to_string_free(db_error));
    }
    json_decref(json);
    return schema;
}

static void
do_convert(struct jsonrpc *rpc, const char *server SVS_UNUSED,
           const char *database SVS_UNUSED, int argc SVS_UNUSED,
           char *argv[])
{
    struct db_schema *schema = read_schema_file(argv[0]);
    json_t *params = json_pack("[s, o]", schema->name,
                               db_schema_to_json(schema));

    json_decref(client_rpc_call(rpc, "convert", params));
    db_schema_destroy(schema);
}

static void
do_needs_conversion(struct jsonrpc *rpc, const char *server SVS_UNUSED,
                    const char *database SVS_UNUSED, int argc SVS_UNUSED,
                    char *argv[])
{
    struct db_schema *schema = read_schema_file(argv[0]);
    struct client_schema fs;

    client_fetch_schema(rpc, schema->name, &fs);
    puts(db_schema_equal(schema, fs.schema) ? "no" : "yes");
    client_schema_destroy(&fs);
    db_schema_destroy(schema);
}

/* dump. */

/* Columns of one dumped table. */
struct dump_table {
    const struct db_table_schema *table;
    const struct db_column **columns;   /* Sorted by name. */
    size_t n_columns;
};

int
client_compare_column_names(const void *a_, const void *b_)
{
    const struct db_column *const *a = a_;
    const struct db_column *const *b = b_;
    return strcmp((*a)->name, (*b)->name);
}

/* A row being sorted: its datums, in the order of the dumped columns. */
struct dump_row {
    json_t *json;
    struct db_datum *datums;
};

static const struct dump_table *sort_table;

/* Compares rows as ovsdb-client does, for output that does not depend on
 * the random UUIDs where possible: first by every column whose key is
 * not a UUID, then by the others (_uuid among them), each group in
 * column name order. */
static int
compare_dump_rows(const void *a_, const void *b_)
{
    const struct dump_row *a = a_;
    const struct dump_row *b = b_;

    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < sort_table->n_columns; i++) {
            const struct db_type *type = &sort_table->columns[i]->type;
            if ((type->key.type == DB_TYPE_UUID) != (pass == 1)) {
                continue;
            }
            int cmp = db_datum_compare_3way(&a->datums[i], &b->datums[i],
                                            type);
            if (cmp) {
                return cmp;
            }
        }
    }
    return 0;
}

static void
dump_table(const char *table_name, const struct dump_table *dt,
           const json_t *rows_json)
{
    size_t n_rows = json_array_size(rows_json);
    struct dump_row *rows = xmalloc((n_rows ? n_rows : 1) * sizeof *rows);

    for (size_t y = 0; y < n_rows; y++) {
        json_t *row = json_array_get(rows_json, y);
        if (!json_is_object(row)) {
            char *s = table_json_to_string(row, false);
            svs_fatal(0, "%s table reply row is not an object: %s",
                      table_name, s);
        }
        rows[y].json = row;
        rows[y].datums = xmalloc(MAX(dt->n_columns, 1)
                                 * sizeof *rows[y].datums);
        for (size_t x = 0; x < dt->n_columns; x++) {
            const struct db_column *column = dt->columns[x];
            json_t *value = json_get(row, column->name);
            if (!value) {
                svs_fatal(0, "%s table reply row lacks %s column",
                          table_name, column->name);
            }
            struct db_error *error = db_datum_from_json(
                &rows[y].datums[x], &column->type, value, NULL);
            if (error) {
                svs_fatal(0, "%s", db_error_to_string_free(error));
            }
        }
    }
    sort_table = dt;
    qsort(rows, n_rows, sizeof *rows, compare_dump_rows);

    struct table t;
    table_init(&t);
    table_set_caption(&t, xasprintf("%s table", table_name));
    for (size_t x = 0; x < dt->n_columns; x++) {
        table_add_column(&t, dt->columns[x]->name);
    }
    for (size_t y = 0; y < n_rows; y++) {
        table_add_row(&t);
        for (size_t x = 0; x < dt->n_columns; x++) {
            const struct db_column *column = dt->columns[x];
            table_add_cell_json(&t, json_incref(json_get(rows[y].json,
                                                         column->name)),
                                &column->type);
            db_datum_destroy(&rows[y].datums[x], &column->type);
        }
        free(rows[y].datums);
    }
    table_print(&t, &client_style);
    table_destroy(&t);
    free(rows);
}

static void
do_dump(struct jsonrpc *rpc, const char *server SVS_UNUSED,
        const char *database, int argc, char *argv[])
{
    struct client_schema fs;
    client_fetch_schema(rpc, database, &fs);

    /* The tables to dump. */
    const struct db_table_schema **tables;
    size_t n_tables;
    if (argc > 0) {
        const struct db_table_schema *ts = db_schema_get_table(fs.schema,
                                                               argv[0]);
        if (!ts) {
            svs_fatal(0, "No table \"%s\" found.", argv[0]);
        }
        tables = xmalloc(sizeof *tables);
        tables[0] = ts;
        n_tables = 1;
    } else {
        const struct shash_node **nodes = shash_sort(&fs.schema->tables);
        n_tables = shash_count(&fs.schema->tables);
        tables = xmalloc((n_tables ? n_tables : 1) * sizeof *tables);
        for (size_t i = 0; i < n_tables; i++) {
            tables[i] = nodes[i]->data;
        }
        free(nodes);
    }

    /* Their columns, and one "select" for each. */
    struct dump_table *dts = xcalloc(MAX(n_tables, 1), sizeof *dts);
    json_t *transaction = json_pack("[s]", database);
    for (size_t i = 0; i < n_tables; i++) {
        const struct db_table_schema *ts = tables[i];
        struct dump_table *dt = &dts[i];

        dt->table = ts;
        dt->columns = xmalloc(MAX(ts->n_columns, argc) * sizeof *dt->columns);
        if (argc > 1) {
            for (int j = 1; j < argc; j++) {
                const struct db_column *column
                    = db_table_schema_get_column(ts, argv[j]);
                if (!column) {
                    svs_fatal(0, "Table \"%s\" has no column %s.",
                              ts->name, argv[j]);
                }
                dt->columns[dt->n_columns++] = column;
            }
        } else {
            for (size_t j = 0; j < ts->n_columns; j++) {
                const struct db_column *column = ts->column_array[j];
                if (column->index != DB_COL_VERSION) {
                    dt->columns[dt->n_columns++] = column;
                }
            }
        }
        qsort(dt->columns, dt->n_columns, sizeof *dt->columns,
              client_compare_column_names);

        /* The columns go on the wire in the order ovsdb-client uses. */
        json_t *columns = json_array();
        for (size_t j = 0; j < dt->n_columns; j++) {
            json_array_add(columns, json_string(dt->columns[j]->name));
        }
        json_array_add(transaction, json_pack(
                           "{s:s, s:s, s:[], s:o}", "op", "select",
                           "table", ts->name, "where", "columns", columns));
    }

    json_t *result = client_rpc_call(rpc, "transact", transaction);
    if (!json_is_array(result) || json_array_size(result) < n_tables) {
        char *s = table_json_to_string(result, false);
        svs_fatal(0, "reply is not an array of %zu elements: %s",
                  n_tables, s);
    }
    for (size_t i = 0; i < n_tables; i++) {
        json_t *op_result = json_array_get(result, i);
        json_t *rows = json_get(op_result, "rows");
        if (!json_is_array(rows)) {
            char *s = table_json_to_string(op_result, false);
            svs_fatal(0, "%s table reply is not an object with a \"rows\" "
                      "member array: %s", tables[i]->name, s);
        }
        dump_table(tables[i]->name, &dts[i], rows);
        free(dts[i].columns);
    }

    json_decref(result);
    free(dts);
    free(tables);
    client_schema_destroy(&fs);
}

/* Set by the "exit" unixctl command. */
bool client_exiting;

static void
client_unixctl_exit(struct unixctl_conn *conn, int argc SVS_UNUSED,
                    const char *argv[] SVS_UNUSED, void *exiting_)
{
    bool *exitingp = exiting_;
    *exitingp = true;
    unixctl_command_reply(conn, NULL);
}

/* With --detach, detaches now and starts a unixctl server with an "exit"
 * command; returns the server, or NULL if not detaching. */
struct unixctl_server *
client_detach(void)
{
    struct unixctl_server *unixctl = NULL;

    if (daemon_get_detach()) {
        /* The daemon keeps printing to our stdout and stderr, which
         * daemonize_complete() points at /dev/null. */
        int saved_stdout = dup(STDOUT_FILENO);
        int saved_stderr = dup(STDERR_FILENO);

        fflush(stdout);
        daemonize_start();
        int error = unixctl_server_create(NULL, &unixctl);
        if (error) {
            svs_fatal(error, "failed to create unixctl server");
        }
        unixctl_command_register("exit", "", 0, 0, client_unixctl_exit,
                                 &client_exiting);
        daemonize_complete();

        if (saved_stdout >= 0) {
            dup2(saved_stdout, STDOUT_FILENO);
            close(saved_stdout);
        }
        if (saved_stderr >= 0) {
            dup2(saved_stderr, STDERR_FILENO);
            close(saved_stderr);
        }
    }
    return unixctl;
}

/* Handles a message that every long-lived command must handle: answers
 * echo requests.  Returns true if it handled 'msg'. */
bool
client_handle_common_msg(struct jsonrpc *rpc, const struct jsonrpc_msg *msg)
{
    if (msg->type == JSONRPC_REQUEST && !strcmp(msg->method, "echo")) {
        jsonrpc_send(rpc, jsonrpc_create_reply(json_incref(msg->params),
                                               msg->id));
        return true;
    }
    return false;
}

/* wait. */

enum wait_state { WAIT_ADDED, WAIT_CONNECTED, WAIT_REMOVED };

static void
do_wait(struct jsonrpc *rpc_ SVS_UNUSED, const char *server_ SVS_UNUSED,
        const char *database_ SVS_UNUSED, int argc, char *argv[])
{
    char *server = argc > 2 ? xstrdup(argv[0]) : default_remote();
    const char *database = argv[argc - 2];
    const char *state_name = argv[argc - 1];
    enum wait_state state;

    if (!strcmp(state_name, "added")) {
        state = WAIT_ADDED;
    } else if (!strcmp(state_name, "connected")) {
        state = WAIT_CONNECTED;
    } else if (!strcmp(state_name, "removed")) {
        state = WAIT_REMOVED;
    } else {
        svs_fatal(0, "%s: unknown state", state_name);
    }

    struct jsonrpc_session *session = jsonrpc_session_open(server, true);
    unsigned int seqno = 0;
    json_t *monitor_id = NULL;
    json_t *row = NULL;         /* The database's _Server row, if any. */
    bool have_rows = false;     /* Received the monitor's reply? */

    for (;;) {
        jsonrpc_session_run(session);
        if (!jsonrpc_session_is_alive(session)) {
            svs_fatal(jsonrpc_session_get_last_error(session),
                      "%s: connection failed", server);
        }

        if (jsonrpc_session_get_seqno(session) != seqno
            && jsonrpc_session_is_connected(session)) {
            /* (Re)connected: monitor the database's row of _Server. */
            seqno = jsonrpc_session_get_seqno(session);
            json_decref(row);
            row = NULL;
            have_rows = false;

            json_t *requests = json_pack(
                "{s:[{s:[s,s,s,s], s:[[s,s,s]]}]}", "Database",
                "columns", "name", "model", "connected", "leader",
                "where", "name", "==", database);
            json_t *params = json_pack("[s, n, o]", "_Server", requests);
            json_decref(monitor_id);
            jsonrpc_session_send(session, jsonrpc_create_request(
                                     "monitor_cond", params, &monitor_id));
        }

        struct jsonrpc_msg *msg;
        while ((msg = jsonrpc_session_recv(session))) {
            json_t *updates = NULL;
            if (msg->type == JSONRPC_REPLY && monitor_id
                && json_equal(msg->id, monitor_id)) {
                updates = msg->result;
                have_rows = true;
            } else if (msg->type == JSONRPC_ERROR && monitor_id
                       && json_equal(msg->id, monitor_id)) {
                char *s = table_json_to_string(msg->error, false);
                svs_fatal(0, "%s: monitor of _Server failed: %s", server,
                          s);
            } else if (msg->type == JSONRPC_NOTIFY
                       && !strcmp(msg->method, "update2")) {
                updates = json_array_get(msg->params, 1);
            }

            const char *uuid;
            json_t *change;
            json_object_foreach (json_get(updates, "Database"), uuid,
                                 change) {
                json_t *r;
                if ((r = json_get(change, "initial"))
                    || (r = json_get(change, "insert"))) {
                    json_decref(row);
                    row = json_deep_copy(r);
                } else if (json_get(change, "delete")
                           || json_object_get(change, "delete")) {
                    json_decref(row);
                    row = NULL;
                } else if ((r = json_get(change, "modify")) && row) {
                    /* Every monitored column is a scalar, so the diff
                     * holds the new values. */
                    json_object_update(row, r);
                }
            }
            jsonrpc_msg_destroy(msg);
        }

        if (have_rows) {
            bool done;
            switch (state) {
            case WAIT_ADDED:
                done = row != NULL;
                break;
            case WAIT_CONNECTED: {
                json_t *connected = json_get(row, "connected");
                done = row && (!connected || json_is_true(connected));
                break;
            }
            case WAIT_REMOVED:
            default:
                done = row == NULL;
                break;
            }
            if (done) {
                break;
            }
        }

        jsonrpc_session_wait(session);
        jsonrpc_session_recv_wait(session);
        poll_block();
    }

    json_decref(row);
    json_decref(monitor_id);
    jsonrpc_session_close(session);
    free(server);
}

/* Locks. */

struct lock_state {
    struct jsonrpc *rpc;
};

static void
send_lock_request(struct jsonrpc *rpc, const char *method, const char *lock)
{
    jsonrpc_send(rpc, jsonrpc_create_request(method,
                                             json_pack("[s]", lock), NULL));
}

static void
lock_unixctl(struct unixctl_conn *conn, int argc SVS_UNUSED,
             const char *argv[], void *state_)
{
    struct lock_state *state = state_;
    send_lock_request(state->rpc, argv[0], argv[1]);
    unixctl_command_reply(conn, NULL);
}

/* lock, steal, unlock: sends the request, then prints the result of each
 * successful reply (error replies are ignored, as ovsdb-client does) and
 * each "locked" and "stolen" notification, until killed or told to exit.
 * With --detach, detaches after the first reply. */
static void
do_lock__(struct jsonrpc *rpc, const char *server, const char *method,
          const char *lock)
{
    struct lock_state state = { .rpc = rpc };
    struct unixctl_server *unixctl = NULL;
    bool replied = false;

    send_lock_request(rpc, method, lock);
    while (!client_exiting) {
        unixctl_server_run(unixctl);
        for (;;) {
            struct jsonrpc_msg *msg;
            int error = jsonrpc_recv(rpc, &msg);
            if (error == EAGAIN) {
                break;
            } else if (error) {
                svs_fatal(error, "%s: receive failed", server);
            }

            if (client_handle_common_msg(rpc, msg)) {
                /* Done. */
            } else if (msg->type == JSONRPC_NOTIFY
                       && (!strcmp(msg->method, "locked")
                           || !strcmp(msg->method, "stolen"))) {
                puts(msg->method);
                client_print_json(msg->params);
                fflush(stdout);
            } else if (msg->type == JSONRPC_REPLY
                       || msg->type == JSONRPC_ERROR) {
                if (msg->type == JSONRPC_REPLY) {
                    client_print_json(msg->result);
                    fflush(stdout);
                }
                if (!replied) {
                    replied = true;
                    unixctl = client_detach();
                    if (unixctl) {
                        unixctl_command_register("lock", "LOCK", 1, 1,
                                                 lock_unixctl, &state);
                        unixctl_command_register("steal", "LOCK", 1, 1,
                                                 lock_unixctl, &state);
                        unixctl_command_register("unlock", "LOCK", 1, 1,
                                                 lock_unixctl, &state);
                    }
                }
            }
            jsonrpc_msg_destroy(msg);
        }
        jsonrpc_run(rpc);
        if (jsonrpc_get_status(rpc)) {
            svs_fatal(jsonrpc_get_status(rpc), "%s: receive failed", server);
        }

        jsonrpc_wait(rpc);
        jsonrpc_recv_wait(rpc);
        unixctl_server_wait(unixctl);
        if (!client_exiting) {
            poll_block();
        }
    }
    unixctl_server_destroy(unixctl);
}

static void
do_lock(struct jsonrpc *rpc, const char *server,
        const char *database SVS_UNUSED, int argc SVS_UNUSED, char *argv[])
{
    do_lock__(rpc, server, "lock", argv[0]);
}

static void
do_steal(struct jsonrpc *rpc, const char *server,
         const char *database SVS_UNUSED, int argc SVS_UNUSED, char *argv[])
{
    do_lock__(rpc, server, "steal", argv[0]);
}

static void
do_unlock(struct jsonrpc *rpc, const char *server,
          const char *database SVS_UNUSED, int argc SVS_UNUSED, char *argv[])
{
    do_lock__(rpc, server, "unlock", argv[0]);
}

static void
do_help(struct jsonrpc *rpc SVS_UNUSED, const char *server SVS_UNUSED,
        const char *database SVS_UNUSED, int argc SVS_UNUSED,
        char *argv[] SVS_UNUSED)
{
    usage();
}

static const struct client_command all_commands[] = {
    { "list-dbs", NEED_RPC, 0, 0, false, do_list_dbs },
    { "get-schema", NEED_DATABASE, 0, 0, false, do_get_schema },
    { "get-schema-version", NEED_DATABASE, 0, 0, false,
      do_get_schema_version },
    { "get-schema-cksum", NEED_DATABASE, 0, 0, false, do_get_schema_cksum },
    { "list-tables", NEED_DATABASE, 0, 0, false, do_list_tables },
    { "list-columns", NEED_DATABASE, 0, 1, false, do_list_columns },
    { "transact", NEED_RPC, 1, 1, true, do_transact },
    { "query", NEED_RPC, 1, 1, true, do_query },
    { "monitor", NEED_DATABASE, 1, INT_MAX, false, client_cmd_monitor },
    { "monitor-cond", NEED_DATABASE, 2, INT_MAX, false,
      client_cmd_monitor_cond },
    { "monitor-cond-since", NEED_DATABASE, 2, INT_MAX, false,
      client_cmd_monitor_cond_since },
    { "convert", NEED_RPC, 1, 1, true, do_convert },
    { "needs-conversion", NEED_RPC, 1, 1, true, do_needs_conversion },
    { "dump", NEED_DATABASE, 0, INT_MAX, false, do_dump },
    { "backup", NEED_DATABASE, 0, 0, false, client_cmd_backup },
    { "restore", NEED_DATABASE, 0, 0, false, client_cmd_restore },
    { "lock", NEED_RPC, 1, 1, false, do_lock },
    { "steal", NEED_RPC, 1, 1, false, do_steal },
    { "unlock", NEED_RPC, 1, 1, false, do_unlock },
    { "wait", NEED_NONE, 2, 3, true, do_wait },
    { "help", NEED_NONE, 0, INT_MAX, false, do_help },
    { NULL, NEED_NONE, 0, 0, false, NULL },
};

static const struct client_command *
get_all_commands(void)
{
    return all_commands;
}
