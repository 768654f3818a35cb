/* storage-sqlite.c: the SQLite storage backend (storage-provider.h).
 *
 * File format.  One SQLite database file per OVSDB database, identified
 * by PRAGMA application_id = SQLITE_APP_ID ("svsd") and holding three
 * tables:
 *
 *   svs_meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID
 *       "format"          "svs database"
 *       "format_version"  FORMAT_VERSION (readers refuse newer formats)
 *       "name"            the database name, from the schema
 *       "schema"          the schema's JSON text
 *       "last_seqno"      when replace last emptied the log, the
 *                         sequence number of the newest transaction, so
 *                         that sequence numbers keep increasing
 *
 *   svs_rows (tbl TEXT, uuid TEXT, row TEXT, PRIMARY KEY (tbl, uuid))
 *            WITHOUT ROWID
 *       One record per row: table name, lowercase UUID text, row JSON.
 *       The key is the natural one, so a put or a delete is a single
 *       B-tree operation and there is no second index to maintain.
 *
 *   svs_log (seqno INTEGER PRIMARY KEY, time INTEGER, comment TEXT,
 *            changes TEXT)
 *       One record per committed transaction, oldest first, as in
 *       storage.h.  The sequence numbers of the records present are
 *       consecutive: compaction trims from the old end only.
 *
 * Durability.  The file is in WAL mode with synchronous=NORMAL: a commit
 * appends the changed pages to the WAL with write(), so that it survives
 * kill -9 of the process at once, without an fsync.  A durable commit
 * then fsyncs the WAL file (sync_wal()).
 * A batch of transactions is one SQLite transaction (group commit).
 *
 * Checkpoints.  A checkpoint copies the WAL back into the database file so
 * that the WAL can start over; it fsyncs both files, which takes a few
 * milliseconds.  The writer checkpoints itself, from the WAL hook of the
 * commit that grows the WAL past CHECKPOINT_FRAMES pages, so one commit
 * in that many pays for it.
 *
 * Speed.  A writer's connection holds SQLite's locks exclusively
 * (locking_mode=EXCLUSIVE) and keeps the WAL index in its own memory, so a
 * commit takes no file locks, and opens its files through the
 * write-coalescing VFS of sqlite-vfs.h, so a commit's WAL frames reach
 * the kernel in one write(), issued by sqlite_commit() before it returns.
 * A small commit is thus one system call.
 *
 * Exclusion.  A writer holds flock(LOCK_EX) on the database file for as
 * long as it is open.  flock() locks are independent of the POSIX record
 * locks that SQLite itself uses, and the kernel drops them when the
 * process dies, so a crashed writer never leaves a stale lock behind.
 * Read-only opens take flock(LOCK_SH): the writer's exclusive SQLite
 * connection does not share its WAL index, so a database in use by a
 * writer (a running svsdb-server) cannot be read from the file at the
 * same time; the error says so and names the process.
 *
 * Creation is atomic: the database is built in a temporary file next to
 * the target and then renamed to the target name with RENAME_NOREPLACE
 * (or hard-linked, on file systems without it), which fails if the target
 * exists, so nothing is ever overwritten and a crash never leaves a
 * half-created database under the target name.
 *
 * Thread-safety: one thread at a time per storage object. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>
#include "db-error.h"
#include "dynamic-string.h"
#include "json.h"
#include "sqlite-vfs.h"
#include "storage-provider.h"
#include "util.h"
#include "vlog.h"
#include "uuid.h"

VLOG_DEFINE_THIS_MODULE(storage_sqlite);

/* "svsd" as a big-endian 32-bit integer, in the SQLite file header. */
#define SQLITE_APP_ID 0x73767364
#define FORMAT_NAME "svs database"
#define FORMAT_VERSION 1

/* Tuning. */
#define CHECKPOINT_FRAMES 2000          /* Checkpoint at this WAL size. */
#define JOURNAL_SIZE_LIMIT (8 << 20)    /* WAL file size kept after reset. */
#define CACHE_SIZE_KB 2048              /* Page cache per connection: reads
                                         * are served from memory above. */
#define BUSY_TIMEOUT_MSEC 5000          /* Waiting for another process. */

/* Compaction works in steps of one SQLite transaction each.  The amount
 * of work per step adapts so that a step, its commit included, takes about
 * COMPACT_STEP_USEC: after each step the chunk size grows by half if the
 * step was quick and halves if it was slow. */
#define COMPACT_STEP_USEC 2000
#define COMPACT_LOG_CHUNK 256           /* Initial log records per step. */
#define COMPACT_VACUUM_CHUNK 8          /* Initial vacuum statements per
                                         * step, each freeing... */
#define COMPACT_VACUUM_PAGES "8"        /* ...this many pages. */
#define COMPACT_MAX_CHUNK 65536

/* should_compact(): the log is worth trimming when it has more than
 * MAX_LOG_ENTRIES records or more bytes than the rows (and at least
 * MIN_LOG_BYTES, so that small databases are not compacted over and
 * over). */
#define MAX_LOG_ENTRIES 50000
#define MIN_LOG_BYTES (4 << 20)

/* Prepared statements, reused for the life of the connection. */
#define SQLITE_STMTS                                                    \
    STMT(BEGIN, "BEGIN IMMEDIATE")                                      \
    STMT(COMMIT, "COMMIT")                                              \
    STMT(ROLLBACK, "ROLLBACK")                                          \
    STMT(ROW_PUT, "INSERT OR REPLACE INTO svs_rows (tbl, uuid, row) "   \
                  "VALUES (?1, ?2, ?3)")                                \
    STMT(ROW_DELETE, "DELETE FROM svs_rows WHERE tbl = ?1 AND uuid = ?2") \
    STMT(ROWS_READ, "SELECT tbl, uuid, row FROM svs_rows")              \
    STMT(LOG_INSERT, "INSERT INTO svs_log (seqno, time, comment, changes) " \
                     "VALUES (?1, ?2, ?3, ?4)")                         \
    STMT(LOG_TRIM, "DELETE FROM svs_log WHERE seqno >= ?1 AND seqno < ?2") \
    STMT(LOG_READ, "SELECT seqno, time, comment, changes FROM svs_log "  \
                   "ORDER BY seqno")                                    \
    STMT(LOG_STATS, "SELECT count(*), min(seqno), max(seqno), "          \
                    "total(length(changes)) FROM svs_log")              \
    STMT(META_READ, "SELECT key, value FROM svs_meta")                  \
    STMT(META_PUT, "INSERT OR REPLACE INTO svs_meta (key, value) "      \
                   "VALUES (?1, ?2)")                                   \
    STMT(ROWS_CLEAR, "DELETE FROM svs_rows")                            \
    STMT(LOG_CLEAR, "DELETE FROM svs_log")                              \
    STMT(VACUUM, "PRAGMA incremental_vacuum(" COMPACT_VACUUM_PAGES ")") \
    STMT(FREELIST, "PRAGMA freelist_count")                             \
    STMT(PAGE_COUNT, "PRAGMA page_count")

enum sqlite_stmt_id {
#define STMT(NAME, SQL) STMT_##NAME,
    SQLITE_STMTS
#undef STMT
    N_STMTS
};

static const char *const stmt_sql[N_STMTS] = {
#define STMT(NAME, SQL) SQL,
    SQLITE_STMTS
#undef STMT
};

enum compact_phase {
    COMPACT_IDLE,
    COMPACT_LOG,                /* Deleting old log records. */
    COMPACT_VACUUM,             /* Returning free pages to the system. */
    COMPACT_CHECKPOINT          /* Copying the WAL into the database. */
};

struct sqlite_storage {
    struct ovsdb_storage up;
    sqlite3 *db;
    int lock_fd;                /* flock()ed database file, or -1. */
    bool snapshot_only;         /* Read-only open of a file that a writer
                                 * holds: reads the last checkpoint. */
    sqlite3_stmt *stmts[N_STMTS];
    int page_size;

    /* The open SQLite transaction, if any (a batch or a replace). */
    bool in_txn;
    bool batch_durable;         /* A transaction asked for durability. */
    bool batch_lost;            /* A write failed and rolled back the
                                 * batch: the next commit must fail. */
    json_t *new_schema;         /* During replace. */

    /* The log: records [first_seqno, next_seqno). */
    uint64_t first_seqno;
    uint64_t next_seqno;
    uint64_t n_log_entries;
    uint64_t log_bytes;         /* Total length of the records' changes. */
    uint64_t row_bytes;         /* Estimate of the rows' size. */

    /* Values at the start of the open transaction, to restore on
     * rollback. */
    uint64_t txn_next_seqno;
    uint64_t txn_n_log_entries;
    uint64_t txn_log_bytes;

    /* Compaction. */
    enum compact_phase phase;
    uint64_t compact_target;    /* Delete records with seqno < this. */
    unsigned int log_chunk;     /* Log records to delete per step. */
    unsigned int vacuum_chunk;  /* Vacuum statements per step. */

    struct ds buf;              /* Scratch: the changes text being logged. */
    struct row_change *sorted;  /* Scratch: see sort_rows(). */
    size_t allocated_sorted;
};

static void close_connection(struct sqlite_storage *);
static struct db_error *sqlite_open__(const char *file_name, bool read_only,
                                      struct ovsdb_storage **storagep);

static struct sqlite_storage *
sqlite_storage_cast(const struct ovsdb_storage *storage)
{
    return CONTAINER_OF(storage, struct sqlite_storage, up);
}

/* Returns an error for the failure of 'what' on 'st' that SQLite just
 * reported with result code 'rc'. */
static struct db_error *
sqlite_error(const struct sqlite_storage *st, int rc, const char *what)
{
    const char *msg = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
    switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return db_error("ovsdb error", "%s: database file is corrupt: %s "
                        "failed (%s)", st->up.file_name, what, msg);
    default:
        return db_error("I/O error", "%s: %s failed (%s)", st->up.file_name,
                        what, msg);
    }
}

/* Runs 'stmt', whose parameters are bound and which returns no rows, to
 * completion and resets it. */
static struct db_error *
step_done(struct sqlite_storage *st, sqlite3_stmt *stmt, const char *what)
{
    int rc;
    do {
        rc = sqlite3_step(stmt);
    } while (rc == SQLITE_ROW);

    /* Before the reset, which may replace the error message. */
    struct db_error *error = (rc == SQLITE_DONE
                              ? NULL : sqlite_error(st, rc, what));
    sqlite3_reset(stmt);
    return error;
}

/* Runs prepared statement 'id', which has no parameters. */
static struct db_error *
run_stmt(struct sqlite_storage *st, enum sqlite_stmt_id id, const char *what)
{
    return step_done(st, st->stmts[id], what);
}

/* Runs 'sql' (any number of statements, without results). */
static struct db_error *
exec_sql(struct sqlite_storage *st, const char *sql, const char *what)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? NULL : sqlite_error(st, rc, what);
}

/* Runs 'sql', a query whose first result is an integer, and stores it in
 * '*valuep'. */
static struct db_error *
query_int(struct sqlite_storage *st, const char *sql, long long int *valuep)
{
    sqlite3_stmt *stmt;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL);
    if (rc != SQLITE_OK) {
        return sqlite_error(st, rc, sql);
    }
    rc = sqlite3_step(stmt);
    *valuep = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    struct db_error *error = (rc == SQLITE_ROW || rc == SQLITE_DONE
                              ? NULL : sqlite_error(st, rc, sql));
    sqlite3_finalize(stmt);
    return error;
}

static long long int
monotonic_usec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long int) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Recognizing and locking the file. */

static bool
sqlite_probe(const char *header, size_t n)
{
    static const char magic[16] = "SQLite format 3";
    return n >= sizeof magic && !memcmp(header, magic, sizeof magic);
}

/* Returns the pid of a process that holds an flock() on the file that 'fd'
 * refers to, other than this one, from /proc/locks, or 0 if none is
 * found. */
static long int
find_lock_holder(int fd)
{
    struct stat s;
    if (fstat(fd, &s)) {
        return 0;
    }
    FILE *stream = fopen("/proc/locks", "r");
    if (!stream) {
        return 0;
    }

    char target[64];
    snprintf(target, sizeof target, "%02x:%02x:%llu",
             major(s.st_dev), minor(s.st_dev),
             (unsigned long long int) s.st_ino);

    long int holder = 0;
    char line[256];
    while (!holder && fgets(line, sizeof line, stream)) {
        /* "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF" */
        char type[16], dev_ino[64];
        long int pid;
        if (sscanf(line, "%*[^:]: %15s %*s %*s %ld %63s",
                   type, &pid, dev_ino) == 3
            && !strcmp(type, "FLOCK") && !strcmp(dev_ino, target)
            && pid != getpid()) {
            holder = pid;
        }
    }
    fclose(stream);
    return holder;
}

/* Takes the writer's lock (or, if 'read_only', a reader's lock) on 'st''s
 * file. */
static struct db_error *
lock_file(struct sqlite_storage *st, bool read_only)
{
    const char *file_name = st->up.file_name;
    const char *what = read_only ? "reading" : "writing";
    int fd = open(file_name, (read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
    if (fd < 0) {
        return db_io_error(errno, "%s: open failed", file_name);
    }
    if (flock(fd, (read_only ? LOCK_SH : LOCK_EX) | LOCK_NB)) {
        int error = errno;
        if (read_only && error == EWOULDBLOCK) {
            /* A writer (svsdb-server) has the file.  Its connection keeps
             * the write-ahead log to itself, so read the snapshot of its
             * last checkpoint instead; svsdb-server checkpoints after
             * schema changes, so names and schemas are current. */
            long int pid = find_lock_holder(fd);
            close(fd);
            st->snapshot_only = true;
            VLOG_WARN("%s: in use by %s%ld; reading its last checkpoint, "
                      "which may lack the latest transactions (query a "
                      "running server with svsdb-client instead)",
                      file_name, pid ? "process " : "another process",
                      pid);
            return NULL;
        }
        long int pid = find_lock_holder(fd);
        close(fd);
        if (error == EWOULDBLOCK && pid) {
            return db_io_error(error, "%s: cannot lock database for %s: "
                               "it is in use by process %ld", file_name,
                               what, pid);
        } else if (error == EWOULDBLOCK) {
            return db_io_error(error, "%s: cannot lock database for %s: "
                               "it is in use by another process", file_name,
                               what);
        }
        return db_io_error(error, "%s: cannot lock database for %s",
                           file_name, what);
    }
    st->lock_fd = fd;
    return NULL;
}

/* Creating. */

/* Fsyncs the directory that contains 'file_name', so that a new name in it
 * is durable. */
static void
fsync_parent_dir(const char *file_name)
{
    char *dir = svs_dirname(file_name);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

/* Builds a new database holding 'schema' in 'tmp_name', which exists and
 * is empty. */
static struct db_error *
build_new_db(const char *tmp_name, const char *file_name,
             const json_t *schema)
{
    /* A minimal storage object, so that the helpers can report errors;
     * they name 'file_name', the file the user asked for. */
    struct sqlite_storage st = { .up = { .file_name = (char *) file_name } };
    struct db_error *error = NULL;

    int rc = sqlite3_open_v2(tmp_name, &st.db, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        error = sqlite_error(&st, rc, "create");
        goto out;
    }
    sqlite3_extended_result_codes(st.db, 1);

    char *sql = xasprintf(
        "PRAGMA page_size = 4096;"
        "PRAGMA auto_vacuum = INCREMENTAL;"
        "PRAGMA application_id = %d;"
        "PRAGMA user_version = %d;"
        "PRAGMA synchronous = FULL;"
        "BEGIN;"
        "CREATE TABLE svs_meta (key TEXT PRIMARY KEY NOT NULL, "
        "                       value NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE svs_rows (tbl TEXT NOT NULL, uuid TEXT NOT NULL, "
        "                       row TEXT NOT NULL, "
        "                       PRIMARY KEY (tbl, uuid)) WITHOUT ROWID;"
        "CREATE TABLE svs_log (seqno INTEGER PRIMARY KEY, "
        "                      time INTEGER NOT NULL, comment TEXT, "
        "                      changes TEXT NOT NULL);"
        "INSERT INTO svs_meta (key, value) VALUES "
        "    ('format', '%s'), ('format_version', %d), ('last_seqno', 0);",
        SQLITE_APP_ID, FORMAT_VERSION, FORMAT_NAME, FORMAT_VERSION);
    error = exec_sql(&st, sql, "create");
    free(sql);
    if (error) {
        goto out;
    }

    const char *name = json_string_value(json_object_get(schema, "name"));
    char *schema_text = json_to_string(schema, 0);
    sqlite3_stmt *stmt;
    rc = sqlite3_prepare_v2(st.db, "INSERT INTO svs_meta (key, value) "
                            "VALUES ('name', ?1), ('schema', ?2)", -1,
                            &stmt, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(stmt, 1, name ? name : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, schema_text, -1, SQLITE_STATIC);
        rc = sqlite3_step(stmt);
        sqlite3_finalize(stmt);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    free(schema_text);
    if (rc != SQLITE_OK) {
        error = sqlite_error(&st, rc, "create");
        goto out;
    }

    /* Switching to WAL must happen outside a transaction; the mode is
     * persistent. */
    error = exec_sql(&st, "COMMIT; PRAGMA journal_mode = WAL;", "create");

out:
    if (st.db) {
        rc = sqlite3_close(st.db);
        if (rc != SQLITE_OK && !error) {
            error = db_error("I/O error", "%s: create failed (%s)",
                             file_name, sqlite3_errstr(rc));
        }
    }
    return error;
}

/* Gives file 'old' the name 'new', failing with EEXIST if 'new' exists.
 * Returns 0 or -1 with errno set. */
static int
rename_noreplace(const char *old, const char *new)
{
    if (!renameat2(AT_FDCWD, old, AT_FDCWD, new, RENAME_NOREPLACE)) {
        return 0;
    } else if (errno != EINVAL && errno != ENOSYS) {
        return -1;
    }
    /* The file system cannot do it: a hard link fails the same way.  The
     * caller removes 'old'. */
    return link(old, new);
}

static struct db_error *
sqlite_create(const char *file_name, const json_t *schema,
              struct ovsdb_storage **storagep)
{
    char *tmp_name = xasprintf("%s.tmpXXXXXX", file_name);
    int fd = mkstemp(tmp_name);
    if (fd < 0) {
        struct db_error *error = db_io_error(errno, "%s: create failed",
                                             file_name);
        free(tmp_name);
        return error;
    }
    fchmod(fd, 0640);
    close(fd);

    struct db_error *error = build_new_db(tmp_name, file_name, schema);
    if (!error && rename_noreplace(tmp_name, file_name)) {
        error = db_io_error(errno, "%s: create failed", file_name);
    }
    unlink(tmp_name);
    free(tmp_name);
    if (error) {
        return error;
    }
    /* 'file_name' did not exist, so a WAL, shared-memory index or rollback
     * journal beside it was left by a database that was deleted (after a
     * crash, say).  SQLite would play it back into the new file. */
    static const char *const companions[] = { "-wal", "-shm", "-journal" };
    for (size_t i = 0; i < ARRAY_SIZE(companions); i++) {
        char *name = xasprintf("%s%s", file_name, companions[i]);
        if (unlink(name) && errno != ENOENT) {
            error = db_io_error(errno, "%s: cannot remove stale %s",
                                file_name, name);
        }
        free(name);
        if (error) {
            unlink(file_name);
            return error;
        }
    }
    fsync_parent_dir(file_name);

    return sqlite_open__(file_name, false, storagep);
}

/* Called by SQLite after each commit of the writer's connection, with the
 * number of pages in the WAL. */
static int
wal_hook(void *st_ SVS_UNUSED, sqlite3 *db, const char *db_name,
         int n_frames)
{
    if (n_frames >= CHECKPOINT_FRAMES) {
        /* The connection is alone on the file, so the checkpoint copies the
         * whole WAL and the next commit starts it over.  Failures only
         * delay the checkpoint to the next commit. */
        svs_vfs_flush(db);
        sqlite3_wal_checkpoint_v2(db, db_name, SQLITE_CHECKPOINT_PASSIVE,
                                  NULL, NULL);
    }
    return SQLITE_OK;
}

/* Opening. */

static void
sqlite_close(struct ovsdb_storage *storage)
{
    struct sqlite_storage *st = sqlite_storage_cast(storage);

    close_connection(st);
    if (st->lock_fd >= 0) {
        /* Only now that SQLite has closed its own descriptors: closing a
         * descriptor of a file drops all of the process's POSIX locks on
         * it, which SQLite keeps track of only for its own descriptors. */
        close(st->lock_fd);
    }
    json_decref(st->new_schema);
    ds_destroy(&st->buf);
    free(st->sorted);
    ovsdb_storage_destroy_base(&st->up);
    free(st);
}

/* Returns an error for 'file_name' with the first problem that PRAGMA
 * quick_check reported in 'result', on one line. */
static struct db_error *
corrupt_error(const char *file_name, const char *result)
{
    static const char prefix[] = "*** in database main ***\n";
    if (!result) {
        result = "no result";
    } else if (str_startswith(result, prefix)) {
        result += strlen(prefix);
    }

    char *msg = xstrdup(result);
    for (char *p = msg; *p; p++) {
        if (*p == '\n') {
            *p = ' ';
        }
    }
    struct db_error *error = db_error("ovsdb error", "%s: database file is "
                                      "corrupt (%s)", file_name, msg);
    free(msg);
    return error;
}

/* Checks that 'st' is an svs database: the application ID, then the
 * metadata.  Loads the schema. */
static struct db_error *
check_format(struct sqlite_storage *st)
{
    const char *file_name = st->up.file_name;

    /* SQLite takes a file shorter than its 100-byte header for an empty
     * database, and it reads missing pages at the end as zeros. */
    struct stat s;
    if (stat(file_name, &s)) {
        return db_io_error(errno, "%s: stat failed", file_name);
    } else if (s.st_size < 512 || s.st_size % 512) {
        return db_error("ovsdb error", "%s: database file is corrupt: "
                        "truncated to %lld bytes", file_name,
                        (long long int) s.st_size);
    }

    long long int app_id;
    struct db_error *error = query_int(st, "PRAGMA application_id", &app_id);
    if (error) {
        return error;
    }
    if (app_id != SQLITE_APP_ID) {
        return db_error("ovsdb error", "%s: not an svs database: an SQLite "
                        "database that belongs to another application",
                        file_name);
    }

    /* Integrity, before anything else is read. */
    sqlite3_stmt *stmt;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check(1)", -1, &stmt,
                                NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            const char *result = (const char *) sqlite3_column_text(stmt, 0);
            if (!result || strcmp(result, "ok")) {
                error = corrupt_error(file_name, result);
            }
            rc = SQLITE_OK;
        }
        sqlite3_finalize(stmt);
    }
    if (error) {
        return error;
    } else if (rc != SQLITE_OK) {
        return sqlite_error(st, rc, "integrity check");
    }

    rc = sqlite3_prepare_v2(st->db, stmt_sql[STMT_META_READ], -1, &stmt,
                            NULL);
    if (rc != SQLITE_OK) {
        return db_error("ovsdb error", "%s: not an svs database: no metadata "
                        "table (%s)", file_name, sqlite3_errmsg(st->db));
    }

    const char *format = NULL;
    long long int version = -1;
    char *schema_text = NULL;
    long long int last_seqno = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *key = (const char *) sqlite3_column_text(stmt, 0);
        if (!key) {
            continue;
        } else if (!strcmp(key, "format")) {
            const char *value = (const char *) sqlite3_column_text(stmt, 1);
            format = value && !strcmp(value, FORMAT_NAME) ? FORMAT_NAME : "";
        } else if (!strcmp(key, "format_version")) {
            version = sqlite3_column_int64(stmt, 1);
        } else if (!strcmp(key, "schema")) {
            const char *value = (const char *) sqlite3_column_text(stmt, 1);
            free(schema_text);
            schema_text = value ? xstrdup(value) : NULL;
        } else if (!strcmp(key, "last_seqno")) {
            last_seqno = sqlite3_column_int64(stmt, 1);
        }
    }
    sqlite3_finalize(stmt);

    if (rc != SQLITE_DONE) {
        error = sqlite_error(st, rc, "reading metadata");
    } else if (!format || !*format) {
        error = db_error("ovsdb error", "%s: not an svs database: %s format "
                         "marker", file_name, format ? "wrong" : "no");
    } else if (version < 1) {
        error = db_error("ovsdb error", "%s: svs database without a valid "
                         "format version", file_name);
    } else if (version > FORMAT_VERSION) {
        error = db_error("ovsdb error", "%s: svs database format version "
                         "%lld is newer than this program supports (%d)",
                         file_name, version, FORMAT_VERSION);
    } else if (!schema_text) {
        error = db_error("ovsdb error", "%s: svs database without a stored "
                         "schema", file_name);
    } else {
        char *msg;
        json_t *schema = json_from_string_err(schema_text, &msg);
        if (!schema) {
            error = db_error("syntax error", "%s: stored schema is not valid "
                             "JSON (%s)", file_name, msg);
            free(msg);
        } else if (!json_is_object(schema)) {
            error = db_error("syntax error", "%s: stored schema is not a "
                             "JSON object", file_name);
            json_decref(schema);
        } else {
            /* Replaces the schema read by an earlier connection, if this
             * is a reopen after a failure. */
            json_decref(st->up.schema);
            st->up.schema = schema;
        }
    }
    free(schema_text);
    if (error) {
        return error;
    }

    st->first_seqno = st->next_seqno = last_seqno + 1;
    return NULL;
}

/* Reads the size of the log and estimates the size of the rows. */
static struct db_error *
load_log_stats(struct sqlite_storage *st)
{
    sqlite3_stmt *stmt = st->stmts[STMT_LOG_STATS];
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        st->n_log_entries = sqlite3_column_int64(stmt, 0);
        if (st->n_log_entries) {
            st->first_seqno = sqlite3_column_int64(stmt, 1);
            uint64_t last = sqlite3_column_int64(stmt, 2);
            st->next_seqno = MAX(st->next_seqno, last + 1);
        } else {
            st->first_seqno = st->next_seqno;
        }
        st->log_bytes = sqlite3_column_double(stmt, 3);
        rc = SQLITE_DONE;
    }
    struct db_error *error = (rc == SQLITE_DONE
                              ? NULL : sqlite_error(st, rc, "reading log"));
    sqlite3_reset(stmt);
    if (error) {
        return error;
    }

    long long int page_count;
    error = query_int(st, "PRAGMA page_count", &page_count);
    if (!error) {
        uint64_t bytes = (uint64_t) page_count * st->page_size;
        st->row_bytes = bytes > st->log_bytes ? bytes - st->log_bytes : 0;
    }
    return error;
}

/* Opens 'st''s SQLite connection, checks the file and prepares the
 * statements.  Used at open and again to drop the connection's memory of
 * a commit whose write-ahead log write failed. */
static struct db_error *
open_connection(struct sqlite_storage *st)
{
    const char *file_name = st->up.file_name;
    bool read_only = st->up.read_only;
    struct db_error *error;
    int rc = svs_vfs_register();

    if (rc == SQLITE_OK && st->snapshot_only) {
        /* A writer has the file: read what its last checkpoint left in the
         * main file, ignoring its write-ahead log. */
        char *uri = xasprintf("file:%s?immutable=1", file_name);
        rc = sqlite3_open_v2(uri, &st->db, (SQLITE_OPEN_READONLY
                                            | SQLITE_OPEN_NOMUTEX
                                            | SQLITE_OPEN_URI), NULL);
        free(uri);
    } else if (rc == SQLITE_OK) {
        int flags = ((read_only ? SQLITE_OPEN_READONLY
                      : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX);
        rc = sqlite3_open_v2(file_name, &st->db, flags,
                             read_only ? NULL : SVS_VFS_NAME);
    }
    if (rc != SQLITE_OK) {
        return sqlite_error(st, rc, "open");
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MSEC);

    if (!read_only) {
        /* Before the first access, so that the WAL index lives in this
         * connection's memory rather than in a shared-memory file. */
        error = exec_sql(st, "PRAGMA locking_mode = EXCLUSIVE",
                         "configuring database");
        if (error) {
            return error;
        }
    }

    error = check_format(st);
    if (error) {
        return error;
    }

    long long int page_size;
    error = query_int(st, "PRAGMA page_size", &page_size);
    if (error) {
        return error;
    }
    st->page_size = page_size;

    if (!read_only) {
        char *sql = xasprintf("PRAGMA journal_mode = WAL;"
                              "PRAGMA synchronous = NORMAL;"
                              "PRAGMA secure_delete = OFF;"
                              "PRAGMA journal_size_limit = %d;"
                              "PRAGMA cache_size = -%d;",
                              JOURNAL_SIZE_LIMIT, CACHE_SIZE_KB);
        error = exec_sql(st, sql, "configuring database");
        free(sql);
        if (error) {
            return error;
        }
        /* Replaces SQLite's automatic checkpoints. */
        sqlite3_wal_hook(st->db, wal_hook, st);
    }

    for (size_t i = 0; i < N_STMTS; i++) {
        rc = sqlite3_prepare_v3(st->db, stmt_sql[i], -1,
                                SQLITE_PREPARE_PERSISTENT, &st->stmts[i],
                                NULL);
        if (rc != SQLITE_OK) {
            return sqlite_error(st, rc, stmt_sql[i]);
        }
    }
    return NULL;
}

static void
close_connection(struct sqlite_storage *st)
{
    for (size_t i = 0; i < N_STMTS; i++) {
        sqlite3_finalize(st->stmts[i]);
        st->stmts[i] = NULL;
    }
    if (st->db) {
        /* An open transaction is rolled back by closing. */
        sqlite3_close(st->db);
        st->db = NULL;
    }
}

static struct db_error *
sqlite_open__(const char *file_name, bool read_only,
              struct ovsdb_storage **storagep)
{
    struct sqlite_storage *st = xzalloc(sizeof *st);
    ovsdb_storage_init(&st->up, &ovsdb_storage_sqlite_class, file_name,
                       read_only);
    st->lock_fd = -1;
    ds_init(&st->buf);

    struct db_error *error = lock_file(st, read_only);
    if (!error) {
        error = open_connection(st);
    }
    if (!error) {
        error = load_log_stats(st);
    }
    if (error) {
        sqlite_close(&st->up);
        return error;
    }
    *storagep = &st->up;
    return NULL;
}

static struct db_error *
sqlite_open(const char *file_name, bool read_only,
            struct ovsdb_storage **storagep)
{
    return sqlite_open__(file_name, read_only, storagep);
}

/* Reading. */

static struct db_error *
sqlite_read_rows(struct ovsdb_storage *storage, ovsdb_storage_row_cb *cb,
                 void *aux)
{
    struct sqlite_storage *st = sqlite_storage_cast(storage);
    sqlite3_stmt *stmt = st->stmts[STMT_ROWS_READ];
    struct db_error *error = NULL;
    int rc;

    while (!error && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *table = (const char *) sqlite3_column_text(stmt, 0);
        const char *uuid_s = (const char *) sqlite3_column_text(stmt, 1);
        const char *text = (const char *) sqlite3_column_text(stmt, 2);
        size_t len = sqlite3_column_bytes(stmt, 2);

        struct uuid uuid;
        if (!table || !uuid_s || !uuid_from_string(&uuid, uuid_s)) {
            error = db_error("ovsdb error", "%s: database file is corrupt: "
                             "row with invalid table name or UUID",
                             st->up.file_name);
            break;
        }

        json_error_t json_error;
        json_t *row = text ? json_loadb(text, len, 0, &json_error) : NULL;
        if (!row || !json_is_object(row)) {
            error = db_error("syntax error", "%s: table %s row %s: stored row "
                             "is not a JSON object (%s)", st->up.file_name,
                             table, uuid_s,
                             !text ? "null" : !row ? json_error.text
                             : json_type_name(row));
            json_decref(row);
            break;
        }
        error = cb(aux, table, &uuid, row);
        json_decref(row);
    }
    if (!error && rc != SQLITE_DONE) {
        error = sqlite_error(st, rc, "reading rows");
    }
    sqlite3_reset(stmt);
    return error;
}

static struct db_error *
sqlite_read_log(struct ovsdb_storage *storage, ovsdb_storage_log_cb *cb,
                void *aux)
{
    struct sqlite_storage *st = sqlite_storage_cast(storage);
    sqlite3_stmt *stmt = st->stmts[STMT_LOG_READ];
    struct db_error *error = NULL;
    int rc;

    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        uint64_t seqno = sqlite3_column_int64(stmt, 0);
        long long int time_msec = sqlite3_column_int64(stmt, 1);
        const char *comment = (const char *) sqlite3_column_text(stmt, 2);
        const char *text = (const char *) sqlite3_column_text(stmt, 3);
        size_t len = sqlite3_column_bytes(stmt, 3);

        json_error_t json_error;
        json_t *changes = text ? json_loadb(text, len, 0, &json_error) : NULL;
        if (!changes || !json_is_object(changes)) {
            error = db_error("syntax error", "%s: log record %"PRIu64": "
                             "stored changes are not a JSON object (%s)",
                             st->up.file_name, seqno,
                             !text ? "null" : !changes ? json_error.text
                             : json_type_name(changes));
            json_decref(changes);
            break;
        }
        cb(aux, seqno, time_msec, comment, changes);
        json_decref(changes);
    }
    if (!error && rc != SQLITE_DONE) {
        error = sqlite_error(st, rc, "reading log");
    }
    sqlite3_reset(stmt);
    return error;
}

/* Transactions. */

/* Opens an SQLite transaction on 'st'. */
static struct db_error *
txn_begin(struct sqlite_storage *st)
{
    struct db_error *error = run_stmt(st, STMT_BEGIN, "begin transaction");
    if (!error) {
        st->in_txn = true;
        st->txn_next_seqno = st->next_seqno;
        st->txn_n_log_entries = st->n_log_entries;
        st->txn_log_bytes = st->log_bytes;
    }
    return error;
}

/* Rolls back the open SQLite transaction, if SQLite has not already done
 * so, and forgets what it logged. */
static void
txn_rollback(struct sqlite_storage *st)
{
    if (!sqlite3_get_autocommit(st->db)) {
        struct db_error *error = run_stmt(st, STMT_ROLLBACK, "rollback");
        db_error_destroy(error);
    }
    st->in_txn = false;
    st->batch_durable = false;
    st->next_seqno = st->txn_next_seqno;
    st->n_log_entries = st->txn_n_log_entries;
    st->log_bytes = st->txn_log_bytes;
}

/* Appends 's' as a JSON string to 'ds'. */
static void
put_json_string(struct ds *ds, const char *s)
{
    json_t *json = json_string(s);
    json_to_ds(json, 0, ds);
    json_decref(json);
}

static struct db_error *
put_row(struct sqlite_storage *st, const char *table, const char *uuid_s,
        const char *text, size_t len)
{
    sqlite3_stmt *stmt = st->stmts[STMT_ROW_PUT];
    sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, uuid_s, UUID_LEN, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, text, len, SQLITE_STATIC);
    struct db_error *error = step_done(st, stmt, "writing row");
    if (error) {
        return error;
    }
    st->row_bytes += len;
    return NULL;
}

static struct db_error *
delete_row(struct sqlite_storage *st, const char *table, const char *uuid_s)
{
    sqlite3_stmt *stmt = st->stmts[STMT_ROW_DELETE];
    sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, uuid_s, UUID_LEN, SQLITE_STATIC);
    return step_done(st, stmt, "deleting row");
}

/* One row of a transaction's changes, for sorting. */
struct row_change {
    char key[UUID_LEN + 1];     /* Canonical (lowercase) UUID text. */
    const json_t *row;          /* New row or JSON null. */
};

static int
compare_row_changes(const void *a_, const void *b_)
{
    const struct row_change *a = a_;
    const struct row_change *b = b_;
    return memcmp(a->key, b->key, UUID_LEN);
}

/* Returns the rows of 'rows' (a table's part of a transaction's changes)
 * sorted by UUID, in 'st->sorted', and their number in '*n'.  Writing
 * rows in key order makes SQLite visit each B-tree page once, in order,
 * instead of jumping around: for large transactions it more than halves
 * the time. */
static struct row_change *
sort_rows(struct sqlite_storage *st, const json_t *rows, size_t *n)
{
    size_t n_rows = json_object_size(rows);
    if (n_rows > st->allocated_sorted) {
        free(st->sorted);
        st->allocated_sorted = MAX(n_rows, 2 * st->allocated_sorted);
        st->sorted = xmalloc(st->allocated_sorted * sizeof *st->sorted);
    }

    const char *uuid_s;
    json_t *row;
    size_t i = 0;
    json_object_foreach ((json_t *) rows, uuid_s, row) {
        struct uuid uuid;
        uuid_from_string(&uuid, uuid_s);
        uuid_to_string(&uuid, st->sorted[i].key);
        st->sorted[i].row = row;
        i++;
    }
    if (n_rows > 1) {
        qsort(st->sorted, n_rows, sizeof *st->sorted, compare_row_changes);
    }
    *n = n_rows;
    return st->sorted;
}

/* Writes the rows of 'changes' and builds its log text in 'st->buf'.  The
 * text of each row is serialized once, into the log text, and the row
 * record is written from there. */
static struct db_error *
write_changes(struct sqlite_storage *st, const json_t *changes)
{
    struct ds *buf = &st->buf;
    const char *table;
    json_t *rows;
    bool first_table = true;

    ds_clear(buf);
    ds_put_char(buf, '{');
    json_object_foreach ((json_t *) changes, table, rows) {
        if (!first_table) {
            ds_put_char(buf, ',');
        }
        first_table = false;
        put_json_string(buf, table);
        ds_put_cstr(buf, ":{");

        size_t n;
        struct row_change *sorted = sort_rows(st, rows, &n);
        for (size_t i = 0; i < n; i++) {
            const char *key = sorted[i].key;
            const json_t *row = sorted[i].row;

            if (i) {
                ds_put_char(buf, ',');
            }
            ds_put_char(buf, '"');
            ds_put_buffer(buf, key, UUID_LEN);
            ds_put_cstr(buf, "\":");

            struct db_error *error;
            if (json_is_null(row)) {
                ds_put_cstr(buf, "null");
                error = delete_row(st, table, key);
            } else {
                size_t start = buf->length;
                json_to_ds(row, 0, buf);
                error = put_row(st, table, key, buf->string + start,
                                buf->length - start);
            }
            if (error) {
                return error;
            }
        }
        ds_put_char(buf, '}');
    }
    ds_put_char(buf, '}');
    return NULL;
}

static struct db_error *
log_changes(struct sqlite_storage *st, const char *comment,
            long long int time_msec)
{
    sqlite3_stmt *stmt = st->stmts[STMT_LOG_INSERT];
    sqlite3_bind_int64(stmt, 1, st->next_seqno);
    sqlite3_bind_int64(stmt, 2, time_msec);
    if (comment) {
        sqlite3_bind_text(stmt, 3, comment, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(stmt, 3);
    }
    sqlite3_bind_text(stmt, 4, st->buf.string, st->buf.length,
                      SQLITE_STATIC);
    struct db_error *error = step_done(st, stmt, "writing log");
    if (error) {
        return error;
    }
    st->next_seqno++;
    st->n_log_entries++;
    st->log_bytes += st->buf.length;
    return NULL;
}

static struct db_error *
sqlite_write(struct ovsdb_storage *storage, const json_t *changes,
             const char *comment, bool durable, long long int time_msec)
{
    struct sqlite_storage *st = sqlite_storage_cast(storage);
    struct db_error *error = NULL;

    if (!st->in_txn) {
        error = txn_begin(st);
        if (error) {
            return error;
        }
    }

    error = write_changes(st, changes);
    if (!error) {
        error = log_changes(st, comment, time_msec);
    }
    if (error) {
        /* Part of the transaction may be written: discard the batch. */
        txn_rollback(st);
        if (st->up.pending) {
            st->batch_lost = true;
        }
        return error;
    }
    st->batch_durable |= durable;
    return NULL;
}

/* The fast path: rows already serialized and sorted. */
static struct db_error *
sqlite_write_rows(struct ovsdb_storage *storage,
                  const struct ovsdb_storage_row_change *changes, size_t n,
                  const char *comment, bool durable, long long int time_msec)
{
    struct sqlite_storage *st = sqlite_storage_cast(storage);
    struct db_error *error = NULL;

    if (!st->in_txn) {
        error = txn_begin(st);
        if (error) {
            return error;
        }
    }

    struct ds *buf = &st->buf;
    ds_clear(buf);
    ds_put_char(buf, '{');
    for (size_t i = 0; i < n && !error; i++) {
        const struct ovsdb_storage_row_change *c = &changes[i];
        bool new_table = !i || strcmp(c->table, changes[i - 1].table);
        if (new_table) {
            if (i) {
                ds_put_cstr(buf, "},");
            }
            put_json_string(buf, c->table);
            ds_put_cstr(buf, ":{");
        } else {
            ds_put_char(buf, ',');
        }

        char key[UUID_LEN + 1];
        uuid_to_string(&c->uuid, key);
        ds_put_char(buf, '"');
        ds_put_buffer(buf, key, UUID_LEN);
        ds_put_cstr(buf, "\":");
        if (c->row) {
            ds_put_buffer(buf, c->row, c->row_len);
            error = put_row(st, c->table, key, c->row, c->row_len);
        } else {
            ds_put_cstr(buf, "null");
            error = delete_row(st, c->table, key);
        }
    }
    if (n) {
        ds_put_char(buf, '}');
    }
    ds_put_char(buf, '}');

    if (!error) {
        error = log_changes(st, comment, time_msec);
    }
    if (error) {
        txn_rollback(st);
        if (st->up.pending) {
            st->batch_lost = true;
        }
        return error;
    }
    st->batch_durable |= durable;
    return NULL;
}

/* Makes everything committed so far survive power loss: fsyncs the WAL,
 * which holds every commit not yet checkpointed into the database file
 * (and checkpoints sync the database file themselves).  This is what
 * synchronous=FULL would do at the commit, which SQLite does not allow to
 * choose once the transaction is open. */
static struct db_error *
sync_wal(struct sqlite_storage *st)
{
    sqlite3_file *file = NULL;
    int rc = sqlite3_file_control(st->db, "main",
                                  SQLITE_FCNTL_JOURNAL_POINTER, &file);
    if (rc == SQLITE_OK && file && file->pMethods) {
        rc = file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
    }
    return rc == SQLITE_OK ? NULL : sqlite_error(st, rc, "fsync");
}

static struct db_error *
sqlite_commit(struct ovsdb_storage *storage, bool durable)
{
    struct sqlite_storage *st = sqlite_storage_cast(storage);

    if (st->batch_lost) {
        st->batch_lost = false;
        return db_error("I/O error", "%s: commit failed: an earlier write "
                        "of the same batch failed and the batch was "
                        "discarded", st->up.file_name);
    }
    if (!st->in_txn) {
        return NULL;
    }

    durable |= st->batch_durable;
    struct db_error *error = run_stmt(st, STMT_COMMIT, "commit");
    if (error) {
        txn_rollback(st);
        return error;
    }
    st->in_txn = false;
    st->batch_durable = false;

    /* The commit is in the kernel only once the coalesced WAL write is. */
    int rc = svs_vfs_flush(st->db);
    if (rc != SQLITE_OK) {
        /* SQLite believes the batch committed, but its write-ahead log
         * frames never reached the file.  Reopen the connection so that it
         * forgets the batch and sees the file as it is. */
        error = db_error("I/O error", "%s: writing the write-ahead log "
                         "failed (%s)", st->up.file_name,
                         sqlite3_errstr(rc));
        close_connection(st);
        struct db_error *reopen_error = open_connection(st);
        if (!reopen_error) {
            reopen_error = load_log_stats(st);
        }
        if (reopen_error) {
            db_error_destroy(error);
            return db_wrap_error(reopen_error, "after a failed commit");
        }
        return error;
    }
    return durable ? sync_wal(st) : NULL;
}

/* Replacing the whole database. */

static struct db_error *
put_meta_text(struct sqlite_storage *st, const char *key, const char *value)
{
    sqlite3_stmt *stmt = st->stmts[STMT_META_PUT];
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
    return step_done(st, stmt, "writing metadata");
}

static struct db_error *
put_meta_int(struct sqlite_storage *st, const char *key, int64_t value)
{
    sqlite3_stmt *stmt = st->stmts[STMT_META_PUT];
    sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, value);
    return step_done(st, stmt, "writing metadata");
}

static struct db_error *
sqlite_replace_start(struct ovsdb_storage *storage, const json_t *new_schema)
{
    struct sqlite_storage *st = sqlite_storage_cast(storage);
    struct db_error *error = txn_begin(st);
    if (error) {
        return error;
    }

    const char *name = json_string_value(json_object_get(new_schema,
                                                         "name"));
    char *schema_text = json_to_string(new_schema, 0);
    error = run_stmt(st, STMT_ROWS_CLEAR, "replace");
    if (!error) {
        error = run_stmt(st, STMT_LOG_CLEAR, "replace");
    }
    if (!error) {
        error = put_meta_text(st, "schema", schema_text);
    }
    if (!error) {
        error = put_meta_text(st, "name", name ? name : "");
    }
    if (!error) {
        error = put_meta_int(st, "last_seqno", st->next_seqno - 1);
    }
    free(schema_text);

    if (error) {
        txn_rollback(st);
        return error;
    }
    st->new_schema = json_deep_copy(new_schema);
    st->row_bytes = 0;
    return NULL;
}

static struct db_error *
sqlite_put_row(struct ovsdb_storage *storage, const char *table,
               const struct uuid *uuid, const json_t *row)
{
    struct sqlite_storage *st = sqlite_storage_cast(storage);
    char key[UUID_LEN + 1];
    uuid_to_string(uuid, key);

    ds_clear(&st->buf);
    json_to_ds(row, 0, &st->buf);
    return put_row(st, table, key, st->buf.string, st->buf.length);
}

static struct db_error *
sqlite_replace_finish(struct ovsdb_storage *storage, bool commit)
{
    struct sqlite_storage *st = sqlite_storage_cast(storage);
    struct db_error *error = (commit
                              ? run_stmt(st, STMT_COMMIT, "replace")
                              : NULL);
    if (!commit || error) {
        txn_rollback(st);
        json_decref(st->new_schema);
        st->new_schema = NULL;
        /* The estimate of the row size was reset for the new rows. */
        db_error_destroy(load_log_stats(st));
        return error;
    }

    st->in_txn = false;

    /* Like a commit: durable in the kernel before anyone is told. */
    int rc = svs_vfs_flush(st->db);
    if (rc != SQLITE_OK) {
        error = db_error("I/O error", "%s: writing the write-ahead log "
                         "failed (%s)", st->up.file_name,
                         sqlite3_errstr(rc));
        close_connection(st);
        struct db_error *reopen_error = open_connection(st);
        if (!reopen_error) {
            reopen_error = load_log_stats(st);
        }
        json_decref(st->new_schema);
        st->new_schema = NULL;
        if (reopen_error) {
            db_error_destroy(error);
            return db_wrap_error(reopen_error, "after a failed replace");
        }
        return error;
    }

    json_decref(st->up.schema);
    st->up.schema = st->new_schema;
    st->new_schema = NULL;
    st->first_seqno = st->next_seqno;
    st->n_log_entries = 0;
    st->log_bytes = 0;
    return NULL;
}

/* Compaction. */

static void
sqlite_compact_start(struct ovsdb_storage *storage)
{
    struct sqlite_storage *st = sqlite_storage_cast(storage);

    /* Keep the newest record. */
    st->compact_target = st->next_seqno > 1 ? st->next_seqno - 1 : 1;
    st->phase = COMPACT_LOG;
    if (!st->log_chunk) {
        st->log_chunk = COMPACT_LOG_CHUNK;
        st->vacuum_chunk = COMPACT_VACUUM_CHUNK;
    }
}

/* Adapts '*chunk' to how long a step of compaction took, starting at
 * 'start'. */
static void
adapt_chunk(unsigned int *chunk, long long int start)
{
    long long int elapsed = monotonic_usec() - start;
    if (elapsed < COMPACT_STEP_USEC / 2 && *chunk < COMPACT_MAX_CHUNK) {
        *chunk += (*chunk + 1) / 2;
    } else if (elapsed > COMPACT_STEP_USEC && *chunk > 1) {
        *chunk /= 2;
    }
}

/* Deletes the next chunk of old log records. */
static struct db_error *
compact_log(struct sqlite_storage *st)
{
    long long int start = monotonic_usec();
    struct db_error *error = txn_begin(st);
    if (error) {
        return error;
    }

    sqlite3_stmt *stmt = st->stmts[STMT_LOG_TRIM];
    uint64_t lo = st->first_seqno;
    uint64_t hi = MIN(lo + st->log_chunk, MAX(lo, st->compact_target));
    sqlite3_bind_int64(stmt, 1, lo);
    sqlite3_bind_int64(stmt, 2, hi);
    error = step_done(st, stmt, "compacting log");
    if (error) {
        txn_rollback(st);
        return error;
    }
    uint64_t n_deleted = sqlite3_changes(st->db);

    error = run_stmt(st, STMT_COMMIT, "compacting log");
    if (error) {
        txn_rollback(st);
        return error;
    }
    st->in_txn = false;
    st->first_seqno = hi;
    st->n_log_entries -= MIN(n_deleted, st->n_log_entries);
    adapt_chunk(&st->log_chunk, start);

    if (hi >= st->compact_target) {
        /* Recount the bytes of the few records left. */
        sqlite3_stmt *stats = st->stmts[STMT_LOG_STATS];
        if (sqlite3_step(stats) == SQLITE_ROW) {
            st->log_bytes = sqlite3_column_double(stats, 3);
        }
        sqlite3_reset(stats);
        st->phase = COMPACT_VACUUM;
    }
    return NULL;
}

/* Returns the value of the single-integer pragma 'id'. */
static struct db_error *
pragma_int(struct sqlite_storage *st, enum sqlite_stmt_id id,
           long long int *valuep)
{
    sqlite3_stmt *stmt = st->stmts[id];
    int rc = sqlite3_step(stmt);
    *valuep = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    struct db_error *error = (rc == SQLITE_ROW || rc == SQLITE_DONE
                              ? NULL : sqlite_error(st, rc, stmt_sql[id]));
    sqlite3_reset(stmt);
    return error;
}

/* Frees the next chunk of pages at the end of the file. */
static struct db_error *
compact_vacuum(struct sqlite_storage *st)
{
    long long int start = monotonic_usec();
    struct db_error *error = txn_begin(st);
    if (error) {
        return error;
    }
    for (unsigned int i = 0; i < st->vacuum_chunk; i++) {
        long long int n_free;
        error = pragma_int(st, STMT_FREELIST, &n_free);
        if (error || !n_free) {
            if (!error) {
                st->phase = COMPACT_CHECKPOINT;
            }
            break;
        }
        error = run_stmt(st, STMT_VACUUM, "incremental vacuum");
        if (error) {
            break;
        }
    }
    if (!error) {
        error = run_stmt(st, STMT_COMMIT, "incremental vacuum");
    }
    if (error) {
        txn_rollback(st);
    }
    st->in_txn = false;
    adapt_chunk(&st->vacuum_chunk, start);
    return error;
}

static struct db_error *
compact_checkpoint(struct sqlite_storage *st)
{
    svs_vfs_flush(st->db);
    sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL,
                              NULL);

    long long int page_count;
    struct db_error *error = pragma_int(st, STMT_PAGE_COUNT, &page_count);
    if (!error) {
        uint64_t bytes = (uint64_t) page_count * st->page_size;
        st->row_bytes = bytes > st->log_bytes ? bytes - st->log_bytes : 0;
        st->phase = COMPACT_IDLE;
    }
    return error;
}

static bool
sqlite_compact_step(struct ovsdb_storage *storage, struct db_error **errorp)
{
    struct sqlite_storage *st = sqlite_storage_cast(storage);

    switch (st->phase) {
    case COMPACT_LOG:
        *errorp = compact_log(st);
        break;
    case COMPACT_VACUUM:
        *errorp = compact_vacuum(st);
        break;
    case COMPACT_CHECKPOINT:
        *errorp = compact_checkpoint(st);
        break;
    case COMPACT_IDLE:
    default:
        break;
    }
    if (*errorp) {
        st->phase = COMPACT_IDLE;
    }
    return st->phase != COMPACT_IDLE;
}

static bool
sqlite_should_compact(const struct ovsdb_storage *storage)
{
    const struct sqlite_storage *st = sqlite_storage_cast(storage);
    return (st->n_log_entries > 1
            && (st->n_log_entries > MAX_LOG_ENTRIES
                || st->log_bytes > MAX(st->row_bytes, MIN_LOG_BYTES)));
}

/* Statistics. */

static void
sqlite_get_stats(const struct ovsdb_storage *storage,
                 struct ovsdb_storage_stats *stats)
{
    const struct sqlite_storage *st = sqlite_storage_cast(storage);
    stats->n_log_entries = st->n_log_entries;

    struct stat s;
    if (!stat(st->up.file_name, &s)) {
        stats->file_size += s.st_size;
    }
    char *wal_name = xasprintf("%s-wal", st->up.file_name);
    if (!stat(wal_name, &s)) {
        stats->file_size += s.st_size;
    }
    free(wal_name);
}

const struct ovsdb_storage_class ovsdb_storage_sqlite_class = {
    .type = "sqlite",
    .probe = sqlite_probe,
    .create = sqlite_create,
    .open = sqlite_open,
    .close = sqlite_close,
    .read_rows = sqlite_read_rows,
    .write = sqlite_write,
    .write_rows = sqlite_write_rows,
    .commit = sqlite_commit,
    .replace_start = sqlite_replace_start,
    .put_row = sqlite_put_row,
    .replace_finish = sqlite_replace_finish,
    .compact_start = sqlite_compact_start,
    .compact_step = sqlite_compact_step,
    .should_compact = sqlite_should_compact,
    .read_log = sqlite_read_log,
    .get_stats = sqlite_get_stats,
};
