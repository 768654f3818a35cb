/* sqlite-vfs.h: an SQLite VFS that coalesces WAL writes.
 *
 * What: SQLite appends a transaction to its write-ahead log with two
 * write() calls per page (frame header, page).  On a machine where each
 * system call costs microseconds that dominates small commits.  The "svs"
 * VFS wraps the default one and, for WAL files only, gathers writes that
 * extend the file contiguously in a buffer, then issues them as one
 * pwrite() when svs_vfs_flush() is called after each commit, or before
 * any other operation on the file (read, sync, truncate, size, lock,
 * close), so SQLite never observes a difference.
 *
 * Durability: a commit is acknowledged only after svs_vfs_flush() has
 * returned successfully, which puts the bytes in the kernel exactly as
 * SQLite's own writes would have.  A process that dies before the flush
 * loses only unacknowledged transactions; a torn flush leaves frames whose
 * checksums do not match, which SQLite's recovery discards.
 *
 * Thread-safety: svs_vfs_register() is idempotent and thread-safe; a file
 * belongs to the connection that opened it. */
#ifndef SVSDB_SQLITE_VFS_H
#define SVSDB_SQLITE_VFS_H 1

#include <sqlite3.h>

#define SVS_VFS_NAME "svs-coalescing"

/* Registers the VFS (not as the default).  Returns an SQLite result
 * code. */
int svs_vfs_register(void);

/* Writes out what 'db''s WAL file has buffered.  Returns an SQLite result
 * code (SQLITE_OK if nothing was buffered or 'db' does not use the VFS). */
int svs_vfs_flush(sqlite3 *db);

#endif /* sqlite-vfs.h */
