/* dirs.h: the directories svs programs use by default.
 *
 * What: each function returns the directory for one kind of file:
 *
 *   svs_rundir()      pidfiles, unixctl sockets, db.sock  (/var/run/svs)
 *   svs_logdir()      log files                           (/var/log/svs)
 *   svs_dbdir()       database files                      (/etc/svs)
 *   svs_sysconfdir()  system configuration, e.g. SSL keys (/etc)
 *   svs_pkgdatadir()  read-only data such as schemas      (/usr/share/svs)
 *   svs_bindir()      installed programs                  (/usr/bin)
 *
 * Design: the value comes from the environment variable SVS_RUNDIR,
 * SVS_LOGDIR, SVS_DBDIR, SVS_SYSCONFDIR, SVS_PKGDATADIR or SVS_BINDIR when
 * set and non-empty; otherwise, for compatibility with Open vSwitch
 * scripts, from OVS_RUNDIR, OVS_LOGDIR, OVS_DBDIR, OVS_SYSCONFDIR,
 * OVS_PKGDATADIR or OVS_BINDIR; otherwise from the compile-time default
 * (SVS_*_DEFAULT, set by the build from the configure prefix).  The
 * directory for the database defaults to the sysconf directory + "/svs"
 * when only SVS_SYSCONFDIR is set.  The value is computed once, on first
 * use, and never changes afterward.
 *
 * Thread-safety: all functions are thread-safe.  The returned strings
 * are owned by this module and live until the process exits. */
#ifndef SVS_DIRS_H
#define SVS_DIRS_H 1

const char *svs_rundir(void);
const char *svs_logdir(void);
const char *svs_dbdir(void);
const char *svs_sysconfdir(void);
const char *svs_pkgdatadir(void);
const char *svs_bindir(void);

#endif /* dirs.h */
