/* test-storage.c: tests of ovsdb/storage.h, driven by
 * tests/test_storage.py.
 *
 * usage: test-storage COMMAND [ARG...]
 *
 *   api DIR              the whole API on a database in DIR, self-checking
 *   errors DIR           every open/create error, self-checking; prints
 *                        "CASE: message" for each
 *   create DB SCHEMA     creates DB from the schema file SCHEMA
 *   open DB [ro]         opens DB, prints its statistics
 *   write DB CHANGES [COMMENT]
 *                        writes and commits one transaction
 *   dump DB              prints the rows, one "table uuid row" per line,
 *                        sorted
 *   log DB               prints the log, one "seqno comment changes" per
 *                        line
 *   compact DB           compacts DB
 *   lock DB              opens DB for writing, prints "locked", then holds
 *                        the lock until standard input reaches end of file
 *   crash DB CYCLES [SEED]
 *                        crash test: see the comment before crash_rows()
 *   diskfull DIR         commits until the file system of DIR (which must
 *                        be small and empty) is full, then checks what is
 *                        on disk
 *   perf DIR [N]         prints performance figures, N small commits
 *
 * Every failure prints "test-storage: ..." to stderr and exits with
 * status 1. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "db-error.h"
#include "dynamic-string.h"
#include "json.h"
#include "storage.h"
#include "svec.h"
#include "util.h"
#include "uuid.h"

#define CHECK(COND)                                                     \
    ((COND) ? (void) 0                                                  \
            : svs_fatal(0, "%s:%d: check failed: %s", __FILE__, __LINE__, \
                        #COND))

/* Fails with the message of 'error' if it is nonnull. */
#define CHECK_OK(ERROR) check_ok(ERROR, __FILE__, __LINE__)

static void
check_ok(struct db_error *error, const char *file, int line)
{
    if (error) {
        svs_fatal(0, "%s:%d: %s", file, line, db_error_to_string_free(error));
    }
}

/* Checks that 'error' is nonnull and its text contains 'substring';
 * returns the text, which the caller frees. */
#define CHECK_ERROR(ERROR, SUBSTRING) \
    check_error(ERROR, SUBSTRING, __FILE__, __LINE__)

static char *
check_error(struct db_error *error, const char *substring,
            const char *file, int line)
{
    if (!error) {
        svs_fatal(0, "%s:%d: expected an error containing \"%s\"",
                  file, line, substring);
    }
    char *s = db_error_to_string_free(error);
    if (!strstr(s, substring)) {
        svs_fatal(0, "%s:%d: error \"%s\" lacks \"%s\"", file, line, s,
                  substring);
    }
    return s;
}

static json_t *
parse_json(const char *s)
{
    char *msg;
    json_t *json = json_from_string_err(s, &msg);
    if (!json) {
        svs_fatal(0, "%s: %s", s, msg);
    }
    return json;
}

static json_t *
test_schema(void)
{
    return parse_json("{\"name\": \"Test\", \"version\": \"1.0.0\", "
                      "\"tables\": {\"T\": {\"columns\": "
                      "{\"k\": {\"type\": \"integer\"}}}}}");
}

static long long int
clock_usec(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (long long int) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static long long int
now_usec(void)
{
    return clock_usec(CLOCK_MONOTONIC);
}

/* CPU time of the calling thread.  The perf figures show it beside the
 * elapsed time: on a shared machine the elapsed time includes waiting for
 * other processes, while the CPU time shows what this process needs. */
static long long int
cpu_usec(void)
{
    return clock_usec(CLOCK_THREAD_CPUTIME_ID);
}

/* A pair of clocks started together. */
struct stopwatch {
    long long int wall, cpu;
};

static void
stopwatch_start(struct stopwatch *sw)
{
    sw->wall = now_usec();
    sw->cpu = cpu_usec();
}

/* Returns the elapsed wall and CPU time since 'sw' started, in
 * microseconds, in '*wall' and '*cpu'. */
static void
stopwatch_read(const struct stopwatch *sw, long long int *wall,
               long long int *cpu)
{
    *wall = MAX(1, now_usec() - sw->wall);
    *cpu = MAX(1, cpu_usec() - sw->cpu);
}

static void
make_uuid(struct uuid *uuid, uint32_t a, uint32_t b)
{
    uuid->parts[0] = a;
    uuid->parts[1] = b;
    uuid->parts[2] = 0x5eed0000;
    uuid->parts[3] = 0x00c0ffee;
}

static char *
uuid_text(const struct uuid *uuid)
{
    char *s = xmalloc(UUID_LEN + 1);
    uuid_to_string(uuid, s);
    return s;
}

/* Adds row 'row' (or a deletion if NULL) of 'table' with UUID 'uuid' to
 * 'changes'.  Steals 'row'. */
static void
changes_put(json_t *changes, const char *table, const struct uuid *uuid,
            json_t *row)
{
    json_t *rows = json_object_get(changes, table);
    if (!rows) {
        rows = json_object();
        json_object_set_new(changes, table, rows);
    }
    char *key = uuid_text(uuid);
    json_object_set_new(rows, key, row ? row : json_null());
    free(key);
}

static void
file_contents(const char *file_name, char **contentsp, size_t *lenp)
{
    int error = read_whole_file(file_name, contentsp, lenp);
    if (error) {
        svs_fatal(error, "%s: read failed", file_name);
    }
}

static void
write_file(const char *file_name, const void *data, size_t len)
{
    int fd = open(file_name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write_fully(fd, data, len, NULL)) {
        svs_fatal(errno, "%s: write failed", file_name);
    }
    close(fd);
}

static void
copy_file(const char *src, const char *dst)
{
    char *data;
    size_t len;
    file_contents(src, &data, &len);
    write_file(dst, data, len);
    free(data);
}

/* Runs 'sql' directly on the SQLite file 'file_name' (to damage it). */
static void
run_sql(const char *file_name, const char *sql)
{
    sqlite3 *db;
    if (sqlite3_open(file_name, &db) != SQLITE_OK
        || sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        svs_fatal(0, "%s: %s: %s", file_name, sql, sqlite3_errmsg(db));
    }
    sqlite3_close(db);
}

/* Row collection, for checking what read_rows() returns. */

struct row_list {
    struct svec lines;          /* "table uuid row-json", sorted later. */
};

static struct db_error *
collect_row(void *list_, const char *table, const struct uuid *uuid,
            const json_t *row)
{
    struct row_list *list = list_;
    char *text = json_to_string(row, JSSF_SORT);
    svec_add_nocopy(&list->lines, xasprintf("%s "UUID_FMT" %s", table,
                                            UUID_ARGS(uuid), text));
    free(text);
    return NULL;
}

static void
read_all_rows(struct ovsdb_storage *storage, struct svec *lines)
{
    struct row_list list;
    svec_init(&list.lines);
    CHECK_OK(ovsdb_storage_read_rows(storage, collect_row, &list));
    svec_sort(&list.lines);
    *lines = list.lines;
}

struct log_list {
    struct svec lines;
    uint64_t last_seqno;
    bool contiguous;
};

static void
collect_log(void *list_, uint64_t seqno, long long int time_msec,
            const char *comment, const json_t *changes)
{
    struct log_list *list = list_;
    if (list->last_seqno && seqno != list->last_seqno + 1) {
        list->contiguous = false;
    }
    list->last_seqno = seqno;
    CHECK(time_msec > 0);
    char *text = json_to_string(changes, JSSF_SORT);
    svec_add_nocopy(&list->lines, xasprintf("%"PRIu64" %s %s", seqno,
                                            comment ? comment : "-", text));
    free(text);
}

static void
read_all_log(struct ovsdb_storage *storage, struct log_list *list)
{
    svec_init(&list->lines);
    list->last_seqno = 0;
    list->contiguous = true;
    CHECK_OK(ovsdb_storage_read_log(storage, collect_log, list));
}

/* "api": the whole interface. */

static json_t *
k_row(long long int k)
{
    return json_pack("{s:I}", "k", (json_int_t) k);
}

/* Fills the replacement database with rows 1000...1009, or fails after
 * five rows if 'aux' is nonnull. */
static struct db_error *
fill_rows(void *fail, struct ovsdb_storage *storage)
{
    for (int i = 0; i < 10; i++) {
        if (fail && i == 5) {
            return db_error("test error", "fill failed on purpose");
        }
        struct uuid uuid;
        make_uuid(&uuid, 1000 + i, 0);
        json_t *row = k_row(1000 + i);
        struct db_error *error = ovsdb_storage_put_row(storage, "U", &uuid,
                                                       row);
        json_decref(row);
        if (error) {
            return error;
        }
    }
    return NULL;
}

static void
do_api(int argc SVS_UNUSED, char *argv[])
{
    const char *dir = argv[1];
    char *file = xasprintf("%s/api.db", dir);
    json_t *schema = test_schema();
    struct ovsdb_storage *s;
    struct ovsdb_storage_stats stats;
    struct svec rows;
    struct log_list log;

    /* Create; a second create fails and leaves the file alone. */
    CHECK_OK(ovsdb_storage_create(file, schema, &s));
    CHECK(json_equal(ovsdb_storage_get_schema(s), schema));
    CHECK(!strcmp(ovsdb_storage_get_file_name(s), file));
    CHECK(!ovsdb_storage_has_pending(s));
    {
        struct ovsdb_storage *s2;
        free(CHECK_ERROR(ovsdb_storage_create(file, schema, &s2),
                         "create failed (File exists)"));
        CHECK(!s2);
    }

    /* Empty commit is a no-op. */
    CHECK_OK(ovsdb_storage_commit(s, false));
    ovsdb_storage_get_stats(s, &stats);
    CHECK(stats.n_commits == 0 && stats.n_log_entries == 0);

    /* A batch of three transactions: insert 1, 2, 3; modify 2, delete 3. */
    struct uuid u1, u2, u3;
    make_uuid(&u1, 1, 0);
    make_uuid(&u2, 2, 0);
    make_uuid(&u3, 3, 0);
    json_t *c = json_object();
    changes_put(c, "T", &u1, k_row(1));
    changes_put(c, "T", &u2, k_row(2));
    changes_put(c, "T", &u3, k_row(3));
    CHECK_OK(ovsdb_storage_write(s, c, "first", false));
    json_decref(c);
    CHECK(ovsdb_storage_has_pending(s));

    c = json_object();
    changes_put(c, "T", &u2, k_row(22));
    CHECK_OK(ovsdb_storage_write(s, c, NULL, false));
    json_decref(c);

    c = json_object();
    changes_put(c, "T", &u3, NULL);
    CHECK_OK(ovsdb_storage_write(s, c, "third", false));
    json_decref(c);

    /* Invalid changes fail without disturbing the batch. */
    c = json_integer(1);
    free(CHECK_ERROR(ovsdb_storage_write(s, c, NULL, false),
                     "not a JSON object"));
    json_decref(c);
    c = parse_json("{\"T\": {\"not-a-uuid\": {}}}");
    free(CHECK_ERROR(ovsdb_storage_write(s, c, NULL, false),
                     "is not a UUID"));
    json_decref(c);
    c = parse_json("{\"T\": {\"00000001-0000-0000-5eed-000000c0ffee\": 5}}");
    free(CHECK_ERROR(ovsdb_storage_write(s, c, NULL, false),
                     "neither an object nor null"));
    json_decref(c);
    c = parse_json("{\"T\": []}");
    free(CHECK_ERROR(ovsdb_storage_write(s, c, NULL, false),
                     "are not a JSON object"));
    json_decref(c);

    CHECK_OK(ovsdb_storage_commit(s, false));
    CHECK(!ovsdb_storage_has_pending(s));
    ovsdb_storage_get_stats(s, &stats);
    CHECK(stats.n_commits == 1 && stats.n_txns == 3);
    CHECK(stats.n_log_entries == 3);
    CHECK(stats.file_size > 0);

    read_all_rows(s, &rows);
    CHECK(rows.n == 2);
    CHECK(!strcmp(rows.names[0],
                  "T 00000001-0000-0000-5eed-000000c0ffee {\"k\":1}"));
    CHECK(!strcmp(rows.names[1],
                  "T 00000002-0000-0000-5eed-000000c0ffee {\"k\":22}"));
    svec_destroy(&rows);

    read_all_log(s, &log);
    CHECK(log.lines.n == 3 && log.contiguous && log.last_seqno == 3);
    CHECK(str_startswith(log.lines.names[0], "1 first {\"T\":"));
    CHECK(!strcmp(log.lines.names[1], "2 - {\"T\":{"
                  "\"00000002-0000-0000-5eed-000000c0ffee\":{\"k\":22}}}"));
    CHECK(!strcmp(log.lines.names[2], "3 third {\"T\":{"
                  "\"00000003-0000-0000-5eed-000000c0ffee\":null}}"));
    svec_destroy(&log.lines);

    /* An uncommitted batch is discarded by close. */
    c = json_object();
    changes_put(c, "T", &u1, NULL);
    CHECK_OK(ovsdb_storage_write(s, c, "lost", false));
    json_decref(c);
    ovsdb_storage_close(s);

    /* Reopen read-only: same contents; writes fail. */
    CHECK_OK(ovsdb_storage_open(file, true, &s));
    CHECK(json_equal(ovsdb_storage_get_schema(s), schema));
    read_all_rows(s, &rows);
    CHECK(rows.n == 2);
    svec_destroy(&rows);
    c = json_object();
    free(CHECK_ERROR(ovsdb_storage_write(s, c, NULL, false),
                     "database is open read-only"));
    free(CHECK_ERROR(ovsdb_storage_compact(s), "read-only"));
    CHECK(!ovsdb_storage_should_compact(s));
    json_decref(c);
    ovsdb_storage_close(s);

    /* Reopen for writing; durable commits; sequence numbers continue. */
    CHECK_OK(ovsdb_storage_open(file, false, &s));
    c = json_object();
    changes_put(c, "T", &u3, k_row(3));
    CHECK_OK(ovsdb_storage_write(s, c, "durable", true));
    json_decref(c);
    CHECK_OK(ovsdb_storage_commit(s, false));
    c = json_object();
    changes_put(c, "T", &u3, k_row(33));
    CHECK_OK(ovsdb_storage_write(s, c, NULL, false));
    json_decref(c);
    CHECK_OK(ovsdb_storage_commit(s, true));
    read_all_log(s, &log);
    CHECK(log.lines.n == 5 && log.contiguous && log.last_seqno == 5);
    svec_destroy(&log.lines);

    /* put_row outside replace is a bug. */
    json_t *row = k_row(1);
    free(CHECK_ERROR(ovsdb_storage_put_row(s, "T", &u1, row),
                     "outside replace"));
    json_decref(row);

    /* A failing replace leaves everything as it was. */
    json_t *schema2 = parse_json("{\"name\": \"Test\", \"version\": "
                                 "\"2.0.0\", \"tables\": {\"U\": "
                                 "{\"columns\": {\"k\": "
                                 "{\"type\": \"integer\"}}}}}");
    free(CHECK_ERROR(ovsdb_storage_replace(s, schema2, fill_rows, s),
                     "fill failed on purpose"));
    CHECK(json_equal(ovsdb_storage_get_schema(s), schema));
    read_all_rows(s, &rows);
    CHECK(rows.n == 3);
    svec_destroy(&rows);
    read_all_log(s, &log);
    CHECK(log.lines.n == 5);
    svec_destroy(&log.lines);

    /* A successful one replaces schema and rows, empties the log, and
     * sequence numbers still increase afterward. */
    CHECK_OK(ovsdb_storage_replace(s, schema2, fill_rows, NULL));
    CHECK(json_equal(ovsdb_storage_get_schema(s), schema2));
    read_all_rows(s, &rows);
    CHECK(rows.n == 10 && str_startswith(rows.names[0], "U "));
    svec_destroy(&rows);
    ovsdb_storage_close(s);

    CHECK_OK(ovsdb_storage_open(file, false, &s));
    CHECK(json_equal(ovsdb_storage_get_schema(s), schema2));
    read_all_rows(s, &rows);
    CHECK(rows.n == 10);
    svec_destroy(&rows);
    read_all_log(s, &log);
    CHECK(log.lines.n == 0);
    svec_destroy(&log.lines);
    c = json_object();
    changes_put(c, "U", &u1, k_row(1));
    CHECK_OK(ovsdb_storage_write(s, c, NULL, false));
    json_decref(c);
    CHECK_OK(ovsdb_storage_commit(s, false));
    read_all_log(s, &log);
    CHECK(log.lines.n == 1 && log.last_seqno == 6);
    svec_destroy(&log.lines);

    /* Grow the log with big transactions until compaction is due. */
    int n_big = 0;
    while (!ovsdb_storage_should_compact(s)) {
        c = json_object();
        for (int i = 0; i < 100; i++) {
            struct uuid u;
            make_uuid(&u, 2000 + i, 0);
            changes_put(c, "U", &u, json_pack("{s:i,s:s}", "k", n_big,
                                              "pad", "................"
                                              "................"
                                              "................"
                                              "................"));
        }
        CHECK_OK(ovsdb_storage_write(s, c, NULL, false));
        json_decref(c);
        CHECK_OK(ovsdb_storage_commit(s, false));
        CHECK(++n_big < 100000);
    }
    ovsdb_storage_get_stats(s, &stats);
    uint64_t size_before = stats.file_size;
    uint64_t last = 6 + n_big;

    /* Step-wise compaction interleaved with commits. */
    ovsdb_storage_compact_start(s);
    struct db_error *error;
    int n_steps = 0;
    long long int max_step = 0;
    for (;;) {
        long long int start = now_usec();
        bool more = ovsdb_storage_compact_step(s, &error);
        max_step = MAX(max_step, now_usec() - start);
        CHECK_OK(error);
        if (!more) {
            break;
        }
        n_steps++;
        if (n_steps % 3 == 0) {
            /* A step with a batch pending does nothing. */
            c = json_object();
            changes_put(c, "U", &u2, k_row(n_steps));
            CHECK_OK(ovsdb_storage_write(s, c, NULL, false));
            json_decref(c);
            CHECK(ovsdb_storage_compact_step(s, &error) && !error);
            CHECK_OK(ovsdb_storage_commit(s, false));
            last++;
        }
        CHECK(n_steps < 100000);
    }
    CHECK(!ovsdb_storage_should_compact(s));
    ovsdb_storage_get_stats(s, &stats);
    read_all_log(s, &log);
    CHECK(log.contiguous && log.last_seqno == last);
    /* Kept: the newest record at the start, plus the commits made
     * during compaction. */
    CHECK(log.lines.n <= 1 + n_steps / 3 + 1);
    CHECK(stats.n_log_entries == log.lines.n);
    svec_destroy(&log.lines);
    /* The rows: 10 from the replace, u1, 100 big ones, and u2 if there
     * were commits during compaction. */
    size_t n_rows = 10 + 1 + 100 + (n_steps >= 3);
    read_all_rows(s, &rows);
    CHECK(rows.n == n_rows);
    svec_destroy(&rows);
    printf("compaction: %d steps, longest %lld us, %"PRIu64" -> %"PRIu64
           " bytes\n", n_steps, max_step, size_before, stats.file_size);

    /* Compact all at once, then check the file over again. */
    CHECK_OK(ovsdb_storage_compact(s));
    read_all_log(s, &log);
    CHECK(log.lines.n == 1 && log.last_seqno == last);
    svec_destroy(&log.lines);
    ovsdb_storage_close(s);

    CHECK_OK(ovsdb_storage_open(file, true, &s));
    read_all_rows(s, &rows);
    CHECK(rows.n == n_rows);
    svec_destroy(&rows);
    ovsdb_storage_close(s);

    json_decref(schema);
    json_decref(schema2);
    free(file);
    printf("api: ok\n");
}

/* "errors": every way opening can fail. */

struct error_case {
    const char *name;
    const char *expected;       /* Substring of the error. */
};

/* Opens 'file' (read-only if 'read_only') expecting an error containing
 * 'expected'; checks that the file was not modified; prints the error. */
static void
expect_open_error(const char *name, const char *file, bool read_only,
                  const char *expected)
{
    char *before = NULL, *after = NULL;
    size_t before_len = 0, after_len = 0;
    struct stat st;
    bool exists = !stat(file, &st) && S_ISREG(st.st_mode);
    if (exists) {
        file_contents(file, &before, &before_len);
    }

    struct ovsdb_storage *s;
    struct db_error *error = ovsdb_storage_open(file, read_only, &s);
    CHECK(!error == !s ? false : true);
    char *msg = CHECK_ERROR(error, expected);
    printf("%s: %s\n", name, msg);
    free(msg);

    if (exists) {
        file_contents(file, &after, &after_len);
        CHECK(before_len == after_len && !memcmp(before, after, after_len));
    }
    free(before);
    free(after);
}

static void
do_errors(int argc SVS_UNUSED, char *argv[])
{
    const char *dir = argv[1];
    json_t *schema = test_schema();
    struct ovsdb_storage *s;

    char *good = xasprintf("%s/good.db", dir);
    CHECK_OK(ovsdb_storage_create(good, schema, &s));
    json_t *c = json_object();
    for (int i = 0; i < 300; i++) {
        struct uuid u;
        make_uuid(&u, i, 7);
        changes_put(c, "T", &u, json_pack("{s:i,s:s}", "k", i, "pad",
                                          "-------------------------------"
                                          "-------------------------------"));
    }
    CHECK_OK(ovsdb_storage_write(s, c, NULL, false));
    json_decref(c);
    CHECK_OK(ovsdb_storage_commit(s, false));
    CHECK_OK(ovsdb_storage_compact(s));
    ovsdb_storage_close(s);

    /* Nonexistent. */
    char *file = xasprintf("%s/nonexistent.db", dir);
    expect_open_error("nonexistent", file, false,
                      "open failed (No such file or directory)");
    expect_open_error("nonexistent-ro", file, true,
                      "open failed (No such file or directory)");
    free(file);

    /* A directory. */
    expect_open_error("directory", dir, true, "read failed");

    /* Empty. */
    file = xasprintf("%s/empty.db", dir);
    write_file(file, "", 0);
    expect_open_error("empty", file, false, "the file is empty");
    free(file);

    /* Not SQLite. */
    file = xasprintf("%s/text.db", dir);
    write_file(file, "hello, world\n", 13);
    expect_open_error("not-sqlite", file, false, "not an SQLite database");
    free(file);

    /* Open vSwitch, standalone and clustered. */
    file = xasprintf("%s/ovs.db", dir);
    static const char ovs[] = "OVSDB JSON 2 0000\n{}\n";
    write_file(file, ovs, strlen(ovs));
    expect_open_error("ovs", file, false,
                      "this is an Open vSwitch database file; svs uses "
                      "SQLite: convert it with `svsdb-tool import`");
    free(file);
    file = xasprintf("%s/ovs-cluster.db", dir);
    static const char cluster[] = "OVSDB CLUSTER 2 0000\n{}\n";
    write_file(file, cluster, strlen(cluster));
    expect_open_error("ovs-clustered", file, true,
                      "clustered Open vSwitch database file");
    free(file);

    /* SQLite, but not svs. */
    file = xasprintf("%s/other.db", dir);
    run_sql(file, "CREATE TABLE x (y); INSERT INTO x VALUES (1);");
    expect_open_error("other-sqlite", file, false, "not an svs database");
    free(file);

    /* svs application ID but no metadata. */
    file = xasprintf("%s/nometa.db", dir);
    run_sql(file, "PRAGMA application_id = 1937142628; CREATE TABLE x (y);");
    expect_open_error("no-metadata", file, false, "no metadata table");
    free(file);

    /* Newer format version. */
    file = xasprintf("%s/newer.db", dir);
    copy_file(good, file);
    run_sql(file, "UPDATE svs_meta SET value = 99 "
            "WHERE key = 'format_version'");
    expect_open_error("newer-format", file, false,
                      "format version 99 is newer");
    free(file);

    /* Wrong format marker. */
    file = xasprintf("%s/marker.db", dir);
    copy_file(good, file);
    run_sql(file, "UPDATE svs_meta SET value = 'x' WHERE key = 'format'");
    expect_open_error("format-marker", file, false, "wrong format marker");
    free(file);

    /* Unparsable schema. */
    file = xasprintf("%s/badschema.db", dir);
    copy_file(good, file);
    run_sql(file, "UPDATE svs_meta SET value = '{\"name\":' "
            "WHERE key = 'schema'");
    expect_open_error("bad-schema", file, false,
                      "stored schema is not valid JSON");
    free(file);

    /* Unparsable row: opening works, reading the rows fails. */
    file = xasprintf("%s/badrow.db", dir);
    copy_file(good, file);
    run_sql(file, "UPDATE svs_rows SET row = '{\"k\": 1' "
            "WHERE uuid = '00000005-0000-0007-5eed-000000c0ffee'");
    CHECK_OK(ovsdb_storage_open(file, true, &s));
    struct svec rows;
    struct row_list list;
    svec_init(&list.lines);
    char *msg = CHECK_ERROR(ovsdb_storage_read_rows(s, collect_row, &list),
                            "stored row is not a JSON object");
    printf("bad-row: %s\n", msg);
    CHECK(strstr(msg, "00000005-0000-0007-5eed-000000c0ffee"));
    free(msg);
    svec_destroy(&list.lines);
    ovsdb_storage_close(s);
    free(file);
    (void) rows;

    /* Unparsable log record. */
    file = xasprintf("%s/badlog.db", dir);
    copy_file(good, file);
    run_sql(file, "UPDATE svs_log SET changes = '[1'");
    CHECK_OK(ovsdb_storage_open(file, true, &s));
    struct log_list log;
    svec_init(&log.lines);
    msg = CHECK_ERROR(ovsdb_storage_read_log(s, collect_log, &log),
                      "stored changes are not a JSON object");
    printf("bad-log: %s\n", msg);
    free(msg);
    svec_destroy(&log.lines);
    ovsdb_storage_close(s);
    free(file);

    /* Truncated: the last pages are missing. */
    char *data;
    size_t len;
    file_contents(good, &data, &len);
    CHECK(len > 8 * 4096);
    file = xasprintf("%s/truncated.db", dir);
    write_file(file, data, len - 3 * 4096);
    expect_open_error("truncated", file, false, "corrupt");
    free(file);

    /* Truncated inside the header. */
    file = xasprintf("%s/short.db", dir);
    write_file(file, data, 50);
    expect_open_error("truncated-header", file, false, "");
    free(file);

    /* A damaged B-tree page in the middle. */
    file = xasprintf("%s/corrupt.db", dir);
    char *damaged = xmemdup(data, len);
    memset(damaged + 3 * 4096, 0x5a, 4096);
    write_file(file, damaged, len);
    expect_open_error("corrupt", file, true, "corrupt");
    free(damaged);
    free(file);
    free(data);

    /* create: existing file, nonexistent directory, non-object schema. */
    free(CHECK_ERROR(ovsdb_storage_create(good, schema, &s),
                     "create failed (File exists)"));
    file = xasprintf("%s/no/such/dir.db", dir);
    msg = CHECK_ERROR(ovsdb_storage_create(file, schema, &s),
                      "No such file or directory");
    printf("create-nodir: %s\n", msg);
    free(msg);
    free(file);
    file = xasprintf("%s/array.db", dir);
    json_t *array = json_array();
    free(CHECK_ERROR(ovsdb_storage_create(file, array, &s),
                     "not a JSON object"));
    CHECK(access(file, F_OK));
    json_decref(array);
    free(file);

    /* The good file still opens, after all that. */
    CHECK_OK(ovsdb_storage_open(good, false, &s));
    ovsdb_storage_close(s);

    json_decref(schema);
    free(good);
    printf("errors: ok\n");
}

/* Small commands. */

static void
do_create(int argc SVS_UNUSED, char *argv[])
{
    char *msg;
    json_t *schema = json_from_file_err(argv[2], &msg);
    if (!schema) {
        svs_fatal(0, "%s", msg);
    }
    struct ovsdb_storage *s;
    CHECK_OK(ovsdb_storage_create(argv[1], schema, &s));
    ovsdb_storage_close(s);
    json_decref(schema);
}

static void
do_open(int argc, char *argv[])
{
    bool read_only = argc > 2 && !strcmp(argv[2], "ro");
    struct ovsdb_storage *s;
    struct db_error *error = ovsdb_storage_open(argv[1], read_only, &s);
    if (error) {
        svs_fatal(0, "%s", db_error_to_string_free(error));
    }
    struct ovsdb_storage_stats stats;
    ovsdb_storage_get_stats(s, &stats);
    printf("opened %s, %"PRIu64" log entries\n",
           read_only ? "read-only" : "read/write", stats.n_log_entries);
    ovsdb_storage_close(s);
}

static void
do_write(int argc, char *argv[])
{
    struct ovsdb_storage *s;
    CHECK_OK(ovsdb_storage_open(argv[1], false, &s));
    json_t *changes = parse_json(argv[2]);
    CHECK_OK(ovsdb_storage_write(s, changes, argc > 3 ? argv[3] : NULL,
                                 false));
    CHECK_OK(ovsdb_storage_commit(s, false));
    json_decref(changes);
    ovsdb_storage_close(s);
}

static void
do_dump(int argc SVS_UNUSED, char *argv[])
{
    struct ovsdb_storage *s;
    CHECK_OK(ovsdb_storage_open(argv[1], true, &s));
    struct svec rows;
    read_all_rows(s, &rows);
    for (size_t i = 0; i < rows.n; i++) {
        puts(rows.names[i]);
    }
    svec_destroy(&rows);
    ovsdb_storage_close(s);
}

static void
do_log(int argc SVS_UNUSED, char *argv[])
{
    struct ovsdb_storage *s;
    CHECK_OK(ovsdb_storage_open(argv[1], true, &s));
    struct log_list log;
    read_all_log(s, &log);
    for (size_t i = 0; i < log.lines.n; i++) {
        puts(log.lines.names[i]);
    }
    svec_destroy(&log.lines);
    ovsdb_storage_close(s);
}

static void
do_compact(int argc SVS_UNUSED, char *argv[])
{
    struct ovsdb_storage *s;
    CHECK_OK(ovsdb_storage_open(argv[1], false, &s));
    CHECK_OK(ovsdb_storage_compact(s));
    ovsdb_storage_close(s);
}

static void
do_lock(int argc SVS_UNUSED, char *argv[])
{
    struct ovsdb_storage *s;
    CHECK_OK(ovsdb_storage_open(argv[1], false, &s));
    printf("locked\n");
    fflush(stdout);
    char buf[64];
    while (read(STDIN_FILENO, buf, sizeof buf) > 0) {
        continue;
    }
    ovsdb_storage_close(s);
}

/* The crash test.
 *
 * A child process commits numbered transactions 1, 2, 3... in batches of
 * one to four, each transaction k
 *   - inserting crash_rows(k) rows "a(k, i)" (two, or 150 for every 37th
 *     transaction, so that some transactions span many pages),
 *   - deleting the rows of transaction k - KEEP,
 *   - setting the counter row to k,
 * and writes each k to a pipe once the commit that holds it returned.
 * Some commits are durable, and the child runs compaction steps now and
 * then.  The parent kills the child with SIGKILL at a random moment,
 * reopens the database and checks that, with K the counter's value:
 *   - K is at least the last acknowledged k;
 *   - exactly the rows of transactions K-KEEP+1...K are present, each
 *     transaction's rows all or none;
 *   - the log is contiguous and ends at record K.
 * The next child continues from K + 1. */

#define KEEP 10

static int
crash_rows(uint64_t k)
{
    return k % 37 ? 2 : 150;
}

static void
crash_row_uuid(struct uuid *uuid, uint64_t k, int i)
{
    make_uuid(uuid, k, i);
}

static const struct uuid *
crash_counter_uuid(void)
{
    static struct uuid uuid = { { 0xc0c0c0c0, 0, 0, 0 } };
    return &uuid;
}

static json_t *
crash_changes(uint64_t k)
{
    json_t *c = json_object();
    for (int i = 0; i < crash_rows(k); i++) {
        struct uuid u;
        crash_row_uuid(&u, k, i);
        changes_put(c, "A", &u, json_pack("{s:I,s:i,s:s}", "k",
                                          (json_int_t) k, "i", i, "pad",
                                          "abcdefghijklmnopqrstuvwxyz"
                                          "ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
    }
    if (k > KEEP) {
        for (int i = 0; i < crash_rows(k - KEEP); i++) {
            struct uuid u;
            crash_row_uuid(&u, k - KEEP, i);
            changes_put(c, "A", &u, NULL);
        }
    }
    changes_put(c, "C", crash_counter_uuid(),
                json_pack("{s:I}", "k", (json_int_t) k));
    return c;
}

static void SVS_NO_RETURN
crash_child(const char *file, uint64_t k, int ack_fd, unsigned int seed)
{
    struct ovsdb_storage *s;
    CHECK_OK(ovsdb_storage_open(file, false, &s));
    srand(seed);

    for (int n_commits = 0; ; n_commits++) {
        int batch = 1 + rand() % 4;
        for (int j = 0; j < batch; j++) {
            json_t *c = crash_changes(k + j);
            CHECK_OK(ovsdb_storage_write(s, c, "crash test", false));
            json_decref(c);
        }
        CHECK_OK(ovsdb_storage_commit(s, rand() % 10 == 0));

        char ack[64];
        for (int j = 0; j < batch; j++) {
            int n = snprintf(ack, sizeof ack, "%"PRIu64"\n", k++);
            CHECK(!write_fully(ack_fd, ack, n, NULL));
        }

        if (n_commits % 40 == 5) {
            ovsdb_storage_compact_start(s);
        }
        struct db_error *error;
        ovsdb_storage_compact_step(s, &error);
        CHECK_OK(error);
    }
}

struct crash_check {
    uint64_t counter;           /* Value of the counter row, 0 if none. */
    uint64_t n_rows;            /* Rows of table A. */
    bool bad;                   /* Row outside the expected range. */
    struct svec problems;
};

static struct db_error *
crash_check_row(void *check_, const char *table, const struct uuid *uuid,
                const json_t *row)
{
    struct crash_check *check = check_;
    json_int_t k = json_integer_value(json_object_get(row, "k"));
    if (!strcmp(table, "C")) {
        CHECK(uuid_equals(uuid, crash_counter_uuid()));
        check->counter = k;
    } else {
        CHECK(!strcmp(table, "A"));
        json_int_t i = json_integer_value(json_object_get(row, "i"));
        struct uuid expected;
        crash_row_uuid(&expected, k, i);
        CHECK(uuid_equals(uuid, &expected));
        check->n_rows++;
    }
    return NULL;
}

/* Second pass: every row of table A must belong to one of the last KEEP
 * transactions. */
static struct db_error *
crash_check_range(void *check_, const char *table,
                  const struct uuid *uuid SVS_UNUSED, const json_t *row)
{
    struct crash_check *check = check_;
    if (!strcmp(table, "A")) {
        json_int_t k = json_integer_value(json_object_get(row, "k"));
        json_int_t i = json_integer_value(json_object_get(row, "i"));
        if (k > (json_int_t) check->counter
            || k + KEEP <= (json_int_t) check->counter
            || i >= crash_rows(k)) {
            svec_add_nocopy(&check->problems,
                            xasprintf("row k=%lld i=%lld present with "
                                      "counter %"PRIu64, (long long) k,
                                      (long long) i, check->counter));
        }
    }
    return NULL;
}

/* Checks 'file' after a crash; returns the counter. */
static uint64_t
crash_verify(const char *file, uint64_t acked, int cycle)
{
    struct ovsdb_storage *s;
    struct db_error *error = ovsdb_storage_open(file, false, &s);
    if (error) {
        svs_fatal(0, "cycle %d: reopen failed: %s", cycle,
                  db_error_to_string_free(error));
    }

    struct crash_check check = { .counter = 0 };
    svec_init(&check.problems);
    CHECK_OK(ovsdb_storage_read_rows(s, crash_check_row, &check));
    CHECK_OK(ovsdb_storage_read_rows(s, crash_check_range, &check));

    uint64_t K = check.counter;
    uint64_t expected_rows = 0;
    for (uint64_t k = K > KEEP ? K - KEEP + 1 : 1; k <= K; k++) {
        expected_rows += crash_rows(k);
    }
    if (K < acked) {
        svec_add_nocopy(&check.problems,
                        xasprintf("acknowledged transaction %"PRIu64" lost "
                                  "(counter %"PRIu64")", acked, K));
    }
    if (check.n_rows != expected_rows) {
        svec_add_nocopy(&check.problems,
                        xasprintf("%"PRIu64" rows, expected %"PRIu64" for "
                                  "counter %"PRIu64, check.n_rows,
                                  expected_rows, K));
    }

    struct log_list log;
    read_all_log(s, &log);
    if (!log.contiguous || log.last_seqno != K) {
        svec_add_nocopy(&check.problems,
                        xasprintf("log ends at %"PRIu64" (contiguous: %d), "
                                  "counter %"PRIu64, log.last_seqno,
                                  log.contiguous, K));
    }
    svec_destroy(&log.lines);
    ovsdb_storage_close(s);

    if (check.problems.n) {
        for (size_t i = 0; i < check.problems.n; i++) {
            fprintf(stderr, "cycle %d: %s\n", cycle, check.problems.names[i]);
        }
        svs_fatal(0, "crash test failed in cycle %d", cycle);
    }
    svec_destroy(&check.problems);
    return K;
}

static void
do_crash(int argc, char *argv[])
{
    const char *file = argv[1];
    int n_cycles = atoi(argv[2]);
    unsigned int seed = argc > 3 ? atoi(argv[3]) : time(NULL);
    printf("seed %u\n", seed);
    fflush(stdout);
    srand(seed);

    if (access(file, F_OK)) {
        json_t *schema = test_schema();
        struct ovsdb_storage *s;
        CHECK_OK(ovsdb_storage_create(file, schema, &s));
        ovsdb_storage_close(s);
        json_decref(schema);
    }

    uint64_t K = crash_verify(file, 0, 0);
    uint64_t total_acked = 0;
    int n_mid_batch = 0;
    for (int cycle = 1; cycle <= n_cycles; cycle++) {
        int fds[2];
        CHECK(!pipe(fds));
        unsigned int child_seed = rand();
        int kill_after_acks = rand() % 2 ? rand() % 200 : -1;
        int kill_after_usec = rand() % 20000;

        fflush(stdout);
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (!pid) {
            close(fds[0]);
            crash_child(file, K + 1, fds[1], child_seed);
        }
        close(fds[1]);

        /* Read acknowledgments until it is time to kill. */
        uint64_t acked = K;
        struct ds line = DS_EMPTY_INITIALIZER;
        FILE *stream = fdopen(fds[0], "r");
        if (kill_after_acks >= 0) {
            for (int i = 0; i < kill_after_acks; i++) {
                if (ds_get_line(&line, stream)) {
                    break;
                }
                acked = strtoull(ds_cstr(&line), NULL, 10);
            }
        } else {
            usleep(kill_after_usec);
        }
        kill(pid, SIGKILL);
        int status;
        CHECK(waitpid(pid, &status, 0) == pid);
        if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
            svs_fatal(0, "cycle %d: child exited with status %d", cycle,
                      status);
        }
        while (!ds_get_line(&line, stream)) {
            acked = strtoull(ds_cstr(&line), NULL, 10);
        }
        fclose(stream);
        ds_destroy(&line);

        uint64_t new_K = crash_verify(file, acked, cycle);
        if (new_K > acked) {
            /* Committed, but killed before the acknowledgment. */
            n_mid_batch++;
        }
        total_acked += acked - K;
        K = new_K;
    }
    printf("crash: %d cycles, %"PRIu64" transactions acknowledged, %d "
           "commits completed without acknowledgment, last %"PRIu64"\n",
           n_cycles, total_acked, n_mid_batch, K);
}

/* "diskfull": commits transactions of the crash test's form until a
 * commit fails because the file system is full, sometimes two per batch,
 * then checks that the failure was reported as such, that the storage
 * still works for reading, and that after reopening exactly the committed
 * transactions are there. */
static void
do_diskfull(int argc SVS_UNUSED, char *argv[])
{
    char *file = xasprintf("%s/full.db", argv[1]);
    json_t *schema = test_schema();
    struct ovsdb_storage *s;
    CHECK_OK(ovsdb_storage_create(file, schema, &s));
    json_decref(schema);

    uint64_t acked = 0;
    struct db_error *error = NULL;
    for (uint64_t k = 1; !error; ) {
        int batch = k % 3 ? 1 : 2;
        for (int j = 0; j < batch && !error; j++) {
            json_t *c = crash_changes(k + j);
            error = ovsdb_storage_write(s, c, NULL, false);
            json_decref(c);
        }
        struct db_error *commit_error = ovsdb_storage_commit(s, false);
        if (error) {
            /* A failed write discards the batch: committing it fails. */
            if (batch > 1 && ovsdb_storage_has_pending(s)) {
                CHECK(commit_error);
            }
            db_error_destroy(commit_error);
        } else if (commit_error) {
            error = commit_error;
        } else {
            k += batch;
            acked = k - 1;
        }
        CHECK(k < 1000000);
    }
    char *msg = CHECK_ERROR(error, "I/O error");
    printf("diskfull: %"PRIu64" transactions committed, then: %s\n", acked,
           msg);
    free(msg);
    CHECK(!ovsdb_storage_has_pending(s));

    /* Still readable. */
    struct crash_check check = { .counter = 0 };
    svec_init(&check.problems);
    CHECK_OK(ovsdb_storage_read_rows(s, crash_check_row, &check));
    CHECK(check.counter == acked);
    svec_destroy(&check.problems);
    ovsdb_storage_close(s);

    CHECK(crash_verify(file, acked, 0) == acked);
    free(file);
    printf("diskfull: ok\n");
}

/* Performance. */

static struct db_error *
count_row(void *n_, const char *table SVS_UNUSED,
          const struct uuid *uuid SVS_UNUSED, const json_t *row SVS_UNUSED)
{
    size_t *n = n_;
    (*n)++;
    return NULL;
}

static json_t *
perf_row(long long int i)
{
    /* Roughly an Interface row of a small switch. */
    return json_pack("{s:s,s:s,s:I,s:[s,[[s,s],[s,s]]],s:[s,[]],s:b}",
                     "name", "eth0", "type", "internal", "ofport",
                     (json_int_t) i, "external_ids", "map", "attached-mac",
                     "00:11:22:33:44:55", "iface-id", "vif-1234",
                     "options", "set", "admin_state", true);
}

static void
do_perf(int argc, char *argv[])
{
    const char *dir = argv[1];
    int n = argc > 2 ? atoi(argv[2]) : 30000;
    char *file = xasprintf("%s/perf.db", dir);
    json_t *schema = test_schema();
    struct ovsdb_storage *s;
    struct stopwatch sw;
    long long int wall, cpu;

    unlink(file);
    CHECK_OK(ovsdb_storage_create(file, schema, &s));

    /* Seed the database with 1,000 rows. */
    json_t *c = json_object();
    for (int i = 0; i < 1000; i++) {
        struct uuid u;
        make_uuid(&u, i, 1);
        changes_put(c, "Interface", &u, perf_row(i));
    }
    CHECK_OK(ovsdb_storage_write(s, c, NULL, false));
    CHECK_OK(ovsdb_storage_commit(s, false));
    json_decref(c);

    /* Small sequential commits: one modified row each. */
    json_t **txns = xmalloc(n * sizeof *txns);
    for (int i = 0; i < n; i++) {
        struct uuid u;
        make_uuid(&u, i % 1000, 1);
        txns[i] = json_object();
        changes_put(txns[i], "Interface", &u, perf_row(i));
    }
    stopwatch_start(&sw);
    for (int i = 0; i < n; i++) {
        CHECK_OK(ovsdb_storage_write(s, txns[i], "perf", false));
        CHECK_OK(ovsdb_storage_commit(s, false));
    }
    stopwatch_read(&sw, &wall, &cpu);
    printf("small commits: %d: %.0f commits/s (%.0f per CPU second)\n",
           n, n / (wall / 1e6), n / (cpu / 1e6));

    /* The same, 50 transactions per commit. */
    stopwatch_start(&sw);
    for (int i = 0; i < n; i++) {
        CHECK_OK(ovsdb_storage_write(s, txns[i], "perf", false));
        if (i % 50 == 49) {
            CHECK_OK(ovsdb_storage_commit(s, false));
        }
    }
    CHECK_OK(ovsdb_storage_commit(s, false));
    stopwatch_read(&sw, &wall, &cpu);
    printf("batched commits, 50 per commit: %.0f transactions/s (%.0f per "
           "CPU second)\n", n / (wall / 1e6), n / (cpu / 1e6));

    /* Durable commits. */
    int n_durable = 200;
    stopwatch_start(&sw);
    for (int i = 0; i < n_durable; i++) {
        CHECK_OK(ovsdb_storage_write(s, txns[i], "perf", true));
        CHECK_OK(ovsdb_storage_commit(s, false));
    }
    stopwatch_read(&sw, &wall, &cpu);
    printf("durable commits: %.0f commits/s (%.2f ms each)\n",
           n_durable / (wall / 1e6), wall / 1000.0 / n_durable);
    for (int i = 0; i < n; i++) {
        json_decref(txns[i]);
    }
    free(txns);

    /* One transaction inserting 10,000 rows. */
    c = json_object();
    for (int i = 0; i < 10000; i++) {
        struct uuid u;
        make_uuid(&u, i, 2);
        changes_put(c, "Interface", &u, perf_row(i));
    }
    stopwatch_start(&sw);
    CHECK_OK(ovsdb_storage_write(s, c, "10k", false));
    long long int write_wall, write_cpu;
    stopwatch_read(&sw, &write_wall, &write_cpu);
    CHECK_OK(ovsdb_storage_commit(s, false));
    stopwatch_read(&sw, &wall, &cpu);
    printf("10,000-row insert: %.1f ms (%.1f ms CPU; write %.1f ms, commit "
           "%.1f ms)\n", wall / 1000.0, cpu / 1000.0, write_wall / 1000.0,
           (wall - write_wall) / 1000.0);
    json_decref(c);

    /* Reading all rows back (parsing each one). */
    size_t n_rows = 0;
    stopwatch_start(&sw);
    CHECK_OK(ovsdb_storage_read_rows(s, count_row, &n_rows));
    stopwatch_read(&sw, &wall, &cpu);
    printf("read %zu rows: %.1f ms (%.1f ms CPU)\n", n_rows, wall / 1000.0,
           cpu / 1000.0);

    /* Compaction. */
    struct ovsdb_storage_stats stats;
    ovsdb_storage_get_stats(s, &stats);
    uint64_t size_before = stats.file_size, n_log = stats.n_log_entries;
    ovsdb_storage_compact_start(s);
    long long int max_wall = 0, max_cpu = 0, total = 0;
    int n_steps = 0;
    struct db_error *error;
    for (;;) {
        stopwatch_start(&sw);
        bool more = ovsdb_storage_compact_step(s, &error);
        stopwatch_read(&sw, &wall, &cpu);
        CHECK_OK(error);
        max_wall = MAX(max_wall, wall);
        max_cpu = MAX(max_cpu, cpu);
        total += wall;
        n_steps++;
        if (!more) {
            break;
        }
    }
    /* Let the checkpoint finish; the next commit restarts the WAL. */
    usleep(200 * 1000);
    c = json_object();
    CHECK_OK(ovsdb_storage_write(s, c, NULL, false));
    CHECK_OK(ovsdb_storage_commit(s, false));
    json_decref(c);
    ovsdb_storage_get_stats(s, &stats);
    printf("compaction of %"PRIu64" log entries: %d steps, %.1f ms in all, "
           "longest step %.1f ms (%.1f ms CPU), files %"PRIu64" -> %"PRIu64
           " KiB\n", n_log, n_steps, total / 1000.0, max_wall / 1000.0,
           max_cpu / 1000.0, size_before / 1024, stats.file_size / 1024);

    ovsdb_storage_close(s);
    json_decref(schema);
    free(file);
}

struct command {
    const char *name;
    int min_args, max_args;
    void (*handler)(int argc, char *argv[]);
};

static const struct command commands[] = {
    { "api", 1, 1, do_api },
    { "errors", 1, 1, do_errors },
    { "create", 2, 2, do_create },
    { "open", 1, 2, do_open },
    { "write", 2, 3, do_write },
    { "dump", 1, 1, do_dump },
    { "log", 1, 1, do_log },
    { "compact", 1, 1, do_compact },
    { "lock", 1, 1, do_lock },
    { "crash", 2, 3, do_crash },
    { "diskfull", 1, 1, do_diskfull },
    { "perf", 1, 2, do_perf },
};

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc < 2) {
        svs_fatal(0, "missing command name; see the comment at the top of "
                  "tests/test-storage.c");
    }
    for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
        const struct command *cmd = &commands[i];
        if (!strcmp(cmd->name, argv[1])) {
            int n_args = argc - 2;
            if (n_args < cmd->min_args || n_args > cmd->max_args) {
                svs_fatal(0, "'%s' command takes %d to %d arguments",
                          cmd->name, cmd->min_args, cmd->max_args);
            }
            cmd->handler(argc - 1, argv + 1);
            return 0;
        }
    }
    svs_fatal(0, "unknown command '%s'", argv[1]);
}
