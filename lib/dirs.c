/* dirs.c: default directories, overridable through the environment. */
#include <config.h>
#include "dirs.h"

#include <pthread.h>
#include <stdlib.h>
#include "util.h"

#ifndef SVS_RUNDIR_DEFAULT
#define SVS_RUNDIR_DEFAULT "/usr/local/var/run/svs"
#endif
#ifndef SVS_LOGDIR_DEFAULT
#define SVS_LOGDIR_DEFAULT "/usr/local/var/log/svs"
#endif
#ifndef SVS_DBDIR_DEFAULT
#define SVS_DBDIR_DEFAULT "/usr/local/etc/svs"
#endif
#ifndef SVS_SYSCONFDIR_DEFAULT
#define SVS_SYSCONFDIR_DEFAULT "/usr/local/etc"
#endif
#ifndef SVS_PKGDATADIR_DEFAULT
#define SVS_PKGDATADIR_DEFAULT "/usr/local/share/svs"
#endif
#ifndef SVS_BINDIR_DEFAULT
#define SVS_BINDIR_DEFAULT "/usr/local/bin"
#endif

/* One lazily computed directory. */
struct dir {
    const char *svs_var;        /* Preferred environment variable. */
    const char *ovs_var;        /* Fallback environment variable. */
    const char *fallback;       /* Compile-time default. */
    pthread_once_t once;
    const char *value;
};

static const char *
getenv_nonempty(const char *name)
{
    const char *value = getenv(name);
    return value && value[0] ? value : NULL;
}

static const char *
dir_get(struct dir *, void (*init)(void));

#define DIR_DEFINE(NAME, SVS_VAR, OVS_VAR, DEFAULT)                     \
    static struct dir NAME##_dir = {                                    \
        SVS_VAR, OVS_VAR, DEFAULT, PTHREAD_ONCE_INIT, NULL              \
    };                                                                  \
    static void NAME##_init(void) { dir_get(&NAME##_dir, NULL); }       \
    const char *                                                        \
    svs_##NAME(void)                                                    \
    {                                                                   \
        return dir_get(&NAME##_dir, NAME##_init);                       \
    }

static const char *dbdir_default(void);

/* With 'init' nonnull, runs it once and returns the value; with 'init'
 * NULL (inside the once function), computes the value. */
static const char *
dir_get(struct dir *d, void (*init)(void))
{
    if (init) {
        pthread_once(&d->once, init);
        return d->value;
    }

    const char *value = getenv_nonempty(d->svs_var);
    if (!value) {
        value = getenv_nonempty(d->ovs_var);
    }
    if (value) {
        d->value = xstrdup(value);
    } else if (!d->fallback) {
        d->value = dbdir_default();
    } else {
        d->value = d->fallback;
    }
    return d->value;
}

DIR_DEFINE(rundir, "SVS_RUNDIR", "OVS_RUNDIR", SVS_RUNDIR_DEFAULT)
DIR_DEFINE(logdir, "SVS_LOGDIR", "OVS_LOGDIR", SVS_LOGDIR_DEFAULT)
DIR_DEFINE(dbdir, "SVS_DBDIR", "OVS_DBDIR", NULL)
DIR_DEFINE(sysconfdir, "SVS_SYSCONFDIR", "OVS_SYSCONFDIR",
           SVS_SYSCONFDIR_DEFAULT)
DIR_DEFINE(pkgdatadir, "SVS_PKGDATADIR", "OVS_PKGDATADIR",
           SVS_PKGDATADIR_DEFAULT)
DIR_DEFINE(bindir, "SVS_BINDIR", "OVS_BINDIR", SVS_BINDIR_DEFAULT)

/* The database directory follows an overridden sysconf directory, as in
 * Open vSwitch, so that setting SVS_SYSCONFDIR alone relocates it. */
static const char *
dbdir_default(void)
{
    if (getenv_nonempty("SVS_SYSCONFDIR")
        || getenv_nonempty("OVS_SYSCONFDIR")) {
        return xasprintf("%s/svs", svs_sysconfdir());
    }
    return SVS_DBDIR_DEFAULT;
}
