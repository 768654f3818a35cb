/* sqlite-vfs.c: the WAL write-coalescing SQLite VFS. */
#include <config.h>
#include "sqlite-vfs.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

/* A file opened through the VFS.  SQLite allocates szOsFile bytes for it:
 * this struct followed by the wrapped VFS's file. */
struct coalescing_file {
    sqlite3_file base;          /* Must be first. */
    sqlite3_file *real;         /* The wrapped file, just after us. */
    int is_wal;                 /* Coalesce writes? */
    unsigned char *buf;         /* Pending bytes (WAL only). */
    size_t buf_len;             /* Bytes in 'buf'. */
    size_t buf_size;            /* Bytes allocated. */
    sqlite3_int64 buf_ofs;      /* File offset of buf[0]. */
};

#define MAX_BUFFERED (1024 * 1024)
#define WRITE_CHUNK (64 * 1024)

static sqlite3_vfs coalescing_vfs;
static sqlite3_vfs *real_vfs;
static const struct sqlite3_io_methods coalescing_io_methods;

static int
flush(struct coalescing_file *f)
{
    if (!f->buf_len) {
        return SQLITE_OK;
    }
    /* The unix VFS masks write sizes to 17 bits, so a multiple of 128 KiB
     * would write nothing: hand it at most 64 KiB per call. */
    int rc = SQLITE_OK;
    for (size_t done = 0; done < f->buf_len && rc == SQLITE_OK; ) {
        size_t chunk = MIN(f->buf_len - done, WRITE_CHUNK);
        rc = f->real->pMethods->xWrite(f->real, f->buf + done, chunk,
                                       f->buf_ofs + done);
        done += chunk;
    }
    f->buf_len = 0;
    return rc;
}

static int
c_close(sqlite3_file *file)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    int rc = flush(f);
    int rc2 = f->real->pMethods ? f->real->pMethods->xClose(f->real)
                                : SQLITE_OK;
    free(f->buf);
    f->buf = NULL;
    return rc != SQLITE_OK ? rc : rc2;
}

static int
c_read(sqlite3_file *file, void *p, int n, sqlite3_int64 ofs)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    int rc = flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xRead(f->real, p, n,
                                                           ofs);
}

static int
c_write(sqlite3_file *file, const void *p, int n, sqlite3_int64 ofs)
{
    struct coalescing_file *f = (struct coalescing_file *) file;

    if (!f->is_wal) {
        return f->real->pMethods->xWrite(f->real, p, n, ofs);
    }
    if (f->buf_len && ofs != f->buf_ofs + (sqlite3_int64) f->buf_len) {
        int rc = flush(f);
        if (rc != SQLITE_OK) {
            return rc;
        }
    }
    if (f->buf_len + n > MAX_BUFFERED) {
        int rc = flush(f);
        if (rc != SQLITE_OK) {
            return rc;
        }
        if ((size_t) n > WRITE_CHUNK) {
            /* Never seen from SQLite (it writes pages), but be safe. */
            size_t done = 0;
            int rc2 = SQLITE_OK;
            while (done < (size_t) n && rc2 == SQLITE_OK) {
                size_t chunk = MIN((size_t) n - done, WRITE_CHUNK);
                rc2 = f->real->pMethods->xWrite(f->real,
                                                (const char *) p + done,
                                                chunk, ofs + done);
                done += chunk;
            }
            return rc2;
        }
    }
    if (!f->buf_len) {
        f->buf_ofs = ofs;
    }
    if (f->buf_len + n > f->buf_size) {
        f->buf_size = MAX(f->buf_size * 2, f->buf_len + n);
        f->buf = xrealloc(f->buf, f->buf_size);
    }
    memcpy(f->buf + f->buf_len, p, n);
    f->buf_len += n;
    return SQLITE_OK;
}

static int
c_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    int rc = flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xTruncate(f->real,
                                                               size);
}

static int
c_sync(sqlite3_file *file, int flags)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    int rc = flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xSync(f->real, flags);
}

static int
c_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    int rc = flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xFileSize(f->real,
                                                               size);
}

static int
c_lock(sqlite3_file *file, int level)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    return f->real->pMethods->xLock(f->real, level);
}

static int
c_unlock(sqlite3_file *file, int level)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    int rc = flush(f);
    int rc2 = f->real->pMethods->xUnlock(f->real, level);
    return rc != SQLITE_OK ? rc : rc2;
}

static int
c_check_reserved_lock(sqlite3_file *file, int *out)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int
c_file_control(sqlite3_file *file, int op, void *arg)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    return f->real->pMethods->xFileControl(f->real, op, arg);
}

static int
c_sector_size(sqlite3_file *file)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    return f->real->pMethods->xSectorSize(f->real);
}

static int
c_device_characteristics(sqlite3_file *file)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    return f->real->pMethods->xDeviceCharacteristics(f->real);
}

static int
c_shm_map(sqlite3_file *file, int region, int size, int extend,
          void volatile **p)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    return f->real->pMethods->xShmMap(f->real, region, size, extend, p);
}

static int
c_shm_lock(sqlite3_file *file, int ofs, int n, int flags)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    return f->real->pMethods->xShmLock(f->real, ofs, n, flags);
}

/* The shared-memory WAL index lives on the database file's handle, while
 * the frames it points to are buffered on the WAL file's handle: every
 * coalescing file of the process is flushed before a shared-memory lock
 * is released, so that another process never sees the index point to
 * frames that are not written yet. */

static void
c_shm_barrier(sqlite3_file *file)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    f->real->pMethods->xShmBarrier(f->real);
}

static int
c_shm_unmap(sqlite3_file *file, int delete_flag)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    return f->real->pMethods->xShmUnmap(f->real, delete_flag);
}

static int
c_fetch(sqlite3_file *file, sqlite3_int64 ofs, int n, void **pp)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    int rc = flush(f);
    return rc != SQLITE_OK ? rc : f->real->pMethods->xFetch(f->real, ofs,
                                                            n, pp);
}

static int
c_unfetch(sqlite3_file *file, sqlite3_int64 ofs, void *p)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    return f->real->pMethods->xUnfetch(f->real, ofs, p);
}

static const struct sqlite3_io_methods coalescing_io_methods = {
    .iVersion = 3,
    .xClose = c_close,
    .xRead = c_read,
    .xWrite = c_write,
    .xTruncate = c_truncate,
    .xSync = c_sync,
    .xFileSize = c_file_size,
    .xLock = c_lock,
    .xUnlock = c_unlock,
    .xCheckReservedLock = c_check_reserved_lock,
    .xFileControl = c_file_control,
    .xSectorSize = c_sector_size,
    .xDeviceCharacteristics = c_device_characteristics,
    .xShmMap = c_shm_map,
    .xShmLock = c_shm_lock,
    .xShmBarrier = c_shm_barrier,
    .xShmUnmap = c_shm_unmap,
    .xFetch = c_fetch,
    .xUnfetch = c_unfetch,
};

static int
c_open(sqlite3_vfs *vfs SVS_UNUSED, const char *name, sqlite3_file *file,
       int flags, int *out_flags)
{
    struct coalescing_file *f = (struct coalescing_file *) file;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *) (f + 1);
    f->is_wal = (flags & SQLITE_OPEN_WAL) != 0;

    int rc = real_vfs->xOpen(real_vfs, name, f->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        f->base.pMethods = NULL;
        return rc;
    }
    f->base.pMethods = &coalescing_io_methods;
    return SQLITE_OK;
}

/* Everything else goes straight to the wrapped VFS. */
static int
c_delete(sqlite3_vfs *vfs SVS_UNUSED, const char *name, int sync_dir)
{
    return real_vfs->xDelete(real_vfs, name, sync_dir);
}

static int
c_access(sqlite3_vfs *vfs SVS_UNUSED, const char *name, int flags,
         int *out)
{
    return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int
c_full_pathname(sqlite3_vfs *vfs SVS_UNUSED, const char *name, int n,
                char *out)
{
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *
c_dl_open(sqlite3_vfs *vfs SVS_UNUSED, const char *name)
{
    return real_vfs->xDlOpen(real_vfs, name);
}

static void
c_dl_error(sqlite3_vfs *vfs SVS_UNUSED, int n, char *msg)
{
    real_vfs->xDlError(real_vfs, n, msg);
}

static void (*
c_dl_sym(sqlite3_vfs *vfs SVS_UNUSED, void *p, const char *sym))(void)
{
    return real_vfs->xDlSym(real_vfs, p, sym);
}

static void
c_dl_close(sqlite3_vfs *vfs SVS_UNUSED, void *p)
{
    real_vfs->xDlClose(real_vfs, p);
}

static int
c_randomness(sqlite3_vfs *vfs SVS_UNUSED, int n, char *out)
{
    return real_vfs->xRandomness(real_vfs, n, out);
}

static int
c_sleep(sqlite3_vfs *vfs SVS_UNUSED, int usec)
{
    return real_vfs->xSleep(real_vfs, usec);
}

static int
c_current_time(sqlite3_vfs *vfs SVS_UNUSED, double *t)
{
    return real_vfs->xCurrentTime(real_vfs, t);
}

static int
c_get_last_error(sqlite3_vfs *vfs SVS_UNUSED, int n, char *msg)
{
    return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n,
                                                             msg)
                                   : 0;
}

static int
c_current_time_int64(sqlite3_vfs *vfs SVS_UNUSED, sqlite3_int64 *t)
{
    return real_vfs->xCurrentTimeInt64(real_vfs, t);
}

static pthread_once_t register_once = PTHREAD_ONCE_INIT;
static int register_rc;

static void
do_register(void)
{
    real_vfs = sqlite3_vfs_find(NULL);
    if (!real_vfs) {
        register_rc = SQLITE_ERROR;
        return;
    }
    coalescing_vfs = (sqlite3_vfs) {
        .iVersion = 2,
        .szOsFile = sizeof(struct coalescing_file) + real_vfs->szOsFile,
        .mxPathname = real_vfs->mxPathname,
        .zName = SVS_VFS_NAME,
        .xOpen = c_open,
        .xDelete = c_delete,
        .xAccess = c_access,
        .xFullPathname = c_full_pathname,
        .xDlOpen = c_dl_open,
        .xDlError = c_dl_error,
        .xDlSym = c_dl_sym,
        .xDlClose = c_dl_close,
        .xRandomness = c_randomness,
        .xSleep = c_sleep,
        .xCurrentTime = c_current_time,
        .xGetLastError = c_get_last_error,
        .xCurrentTimeInt64 = c_current_time_int64,
    };
    register_rc = sqlite3_vfs_register(&coalescing_vfs, 0);
}

int
svs_vfs_register(void)
{
    pthread_once(&register_once, do_register);
    return register_rc;
}

int
svs_vfs_flush(sqlite3 *db)
{
    sqlite3_file *file = NULL;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER,
                             &file) != SQLITE_OK
        || !file || file->pMethods != &coalescing_io_methods) {
        return SQLITE_OK;
    }
    return flush((struct coalescing_file *) file);
}
