/* test-unixctl-daemon: a small svs daemon for the core test suite.
 *
 * It runs the standard daemon options (--detach, --pidfile, --monitor,
 * ...), the vlog options and a unixctl server (--unixctl=PATH, default
 * <rundir>/test-unixctl-daemon.<pid>.ctl), and registers test commands:
 *
 *   test/echo [ARG...]       replies with the arguments joined by spaces
 *   test/fail [MSG]          replies with an error
 *   test/deferred MSEC TEXT  replies TEXT after MSEC milliseconds, from
 *                            the main loop (a deferred reply)
 *   test/log LEVEL TEXT      logs TEXT at LEVEL in module test_unixctl
 *   test/pid                 replies with the process id
 *   exit                     exits 0
 *
 * Options --fail-startup makes it exit 3 before daemonize_complete(), to
 * test failure propagation through --detach. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "command-line.h"
#include "daemon.h"
#include "dynamic-string.h"
#include "fatal-signal.h"
#include "poll-loop.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(test_unixctl);

static char *unixctl_path;
static bool fail_startup;
static bool exiting;

/* A deferred reply. */
static struct unixctl_conn *deferred_conn;
static char *deferred_text;
static long long int deferred_when;

static void usage(void) SVS_NO_RETURN;

static void
usage(void)
{
    printf("%s: svs test daemon\n"
           "usage: %s [OPTIONS]\n"
           "  --unixctl=SOCKET        override default control socket\n"
           "  --fail-startup          exit 3 before completing startup\n",
           program_name, program_name);
    daemon_usage();
    vlog_usage();
    exit(EXIT_SUCCESS);
}

static void
parse_options(int argc, char *argv[])
{
    enum {
        OPT_UNIXCTL = UCHAR_MAX + 1,
        OPT_FAIL_STARTUP,
        DAEMON_OPTION_ENUMS,
        VLOG_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"unixctl", required_argument, NULL, OPT_UNIXCTL},
        {"fail-startup", no_argument, NULL, OPT_FAIL_STARTUP},
        DAEMON_LONG_OPTIONS,
        VLOG_LONG_OPTIONS,
        SVS_CMDL_STD_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options = long_options_to_short_options(long_options);

    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case OPT_UNIXCTL:
            unixctl_path = optarg;
            break;
        case OPT_FAIL_STARTUP:
            fail_startup = true;
            break;
        DAEMON_OPTION_HANDLERS
        VLOG_OPTION_HANDLERS
        SVS_CMDL_STD_OPTION_HANDLERS
        default:
            abort();
        }
    }
    free(short_options);
    if (optind < argc) {
        svs_fatal(0, "non-option arguments not accepted");
    }
}

static void
test_echo(struct unixctl_conn *conn, int argc, const char *argv[],
          void *aux SVS_UNUSED)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    for (int i = 1; i < argc; i++) {
        ds_put_format(&s, "%s%s", i > 1 ? " " : "", argv[i]);
    }
    unixctl_command_reply(conn, ds_cstr(&s));
    ds_destroy(&s);
}

static void
test_fail(struct unixctl_conn *conn, int argc, const char *argv[],
          void *aux SVS_UNUSED)
{
    unixctl_command_reply_error(conn, argc > 1 ? argv[1] : NULL);
}

static void
test_deferred(struct unixctl_conn *conn, int argc SVS_UNUSED,
              const char *argv[], void *aux SVS_UNUSED)
{
    int msec;
    if (deferred_conn) {
        unixctl_command_reply_error(conn, "a deferred reply is pending");
        return;
    }
    if (!str_to_int(argv[1], 10, &msec) || msec < 0) {
        unixctl_command_reply_error(conn, "bad MSEC");
        return;
    }
    deferred_conn = conn;
    deferred_text = xstrdup(argv[2]);
    deferred_when = time_msec() + msec;
}

static void
test_log(struct unixctl_conn *conn, int argc SVS_UNUSED, const char *argv[],
         void *aux SVS_UNUSED)
{
    enum vlog_level level = vlog_get_level_val(argv[1]);
    if (level == VLL_N_LEVELS || level == VLL_OFF) {
        unixctl_command_reply_error(conn, "bad level");
        return;
    }
    vlog(THIS_MODULE, level, "%s", argv[2]);
    unixctl_command_reply(conn, NULL);
}

static void
test_pid(struct unixctl_conn *conn, int argc SVS_UNUSED,
         const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    char *s = xasprintf("%ld", (long int) getpid());
    unixctl_command_reply(conn, s);
    free(s);
}

static void
test_exit(struct unixctl_conn *conn, int argc SVS_UNUSED,
          const char *argv[] SVS_UNUSED, void *aux SVS_UNUSED)
{
    exiting = true;
    unixctl_command_reply(conn, NULL);
}

int
main(int argc, char *argv[])
{
    struct unixctl_server *server;

    set_program_name(argv[0]);
    fatal_signal_init();
    parse_options(argc, argv);

    daemonize_start();
    if (fail_startup) {
        svs_error(0, "failing startup as requested");
        exit(3);
    }

    int error = unixctl_server_create(unixctl_path, &server);
    if (error) {
        svs_fatal(error, "could not create unixctl server");
    }
    unixctl_command_register("test/echo", "[ARG...]", 0, INT_MAX,
                             test_echo, NULL);
    unixctl_command_register("test/fail", "[MSG]", 0, 1, test_fail, NULL);
    unixctl_command_register("test/deferred", "MSEC TEXT", 2, 2,
                             test_deferred, NULL);
    unixctl_command_register("test/log", "LEVEL TEXT", 2, 2, test_log,
                             NULL);
    unixctl_command_register("test/pid", "", 0, 0, test_pid, NULL);
    unixctl_command_register("exit", "", 0, 0, test_exit, NULL);
    VLOG_INFO("%s (svs) %s started", program_name, svs_get_version());

    daemonize_complete();

    while (!exiting) {
        unixctl_server_run(server);
        if (deferred_conn && time_msec() >= deferred_when) {
            unixctl_command_reply(deferred_conn, deferred_text);
            deferred_conn = NULL;
            free(deferred_text);
            deferred_text = NULL;
        }

        unixctl_server_wait(server);
        if (deferred_conn) {
            poll_timer_wait_until(deferred_when);
        }
        if (exiting) {
            poll_immediate_wake();
        }
        poll_block();
    }
    unixctl_server_destroy(server);
    return 0;
}
