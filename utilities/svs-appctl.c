/* svs-appctl: sends a command to a running svs daemon over its unixctl
 * socket and prints the reply.  Command-line compatible with ovs-appctl:
 *
 *     svs-appctl [-t TARGET] [-T SECS] COMMAND [ARG...]
 *
 * TARGET is a program name, whose socket <rundir>/NAME.<pid>.ctl is
 * found through its pidfile <rundir>/NAME.pid, or the socket's file name
 * itself (anything containing '/' or ending in ".ctl").  Exit status: 0
 * on success, 2 if the daemon replied with an error, 1 for other
 * failures. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "command-line.h"
#include "daemon.h"
#include "dirs.h"
#include "fatal-signal.h"
#include "jsonrpc.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

static const char *target = "svs-vswitchd";
static unsigned int timeout;

static void usage(void) SVS_NO_RETURN;

static void
usage(void)
{
    printf("%s, for querying and controlling svs daemons\n"
           "usage: %s [TARGET] COMMAND [ARG...]\n"
           "Targets:\n"
           "  -t, --target=TARGET  pidfile or socket to contact\n"
           "Common commands:\n"
           "  list-commands      List commands supported by the target\n"
           "  version            Print version of the target\n"
           "  vlog/list          List current logging levels\n"
           "  vlog/list-pattern  List logging patterns for each "
           "destination.\n"
           "  vlog/set [SPEC]\n"
           "      Set log levels as detailed in SPEC, which may include:\n"
           "      A valid module name (all modules, by default)\n"
           "      'syslog', 'console', 'file' (all destinations, by "
           "default))\n"
           "      'off', 'emer', 'err', 'warn', 'info', or 'dbg' ('dbg', "
           "by default)\n"
           "  vlog/reopen        Make the program reopen its log file\n"
           "Other options:\n"
           "  --timeout=SECS     wait at most SECS seconds for a response\n"
           "  -h, --help         Print this helpful information\n"
           "  -V, --version      Display %s version information\n",
           program_name, program_name, program_name);
    exit(EXIT_SUCCESS);
}

static void
parse_options(int argc, char *argv[])
{
    static const struct option long_options[] = {
        {"target", required_argument, NULL, 't'},
        {"timeout", required_argument, NULL, 'T'},
        {"execute", no_argument, NULL, 'e'},
        SVS_CMDL_STD_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    char *short_options_ = long_options_to_short_options(long_options);
    char *short_options = xasprintf("+%s", short_options_);
    bool explicit_target = false;

    free(short_options_);
    for (;;) {
        int c = getopt_long(argc, argv, short_options, long_options, NULL);
        if (c == -1) {
            break;
        }

        switch (c) {
        case 't':
            if (explicit_target) {
                svs_fatal(0, "-t or --target may be specified only once");
            }
            target = optarg;
            explicit_target = true;
            break;

        case 'T':
            if (!str_to_uint(optarg, 10, &timeout) || !timeout) {
                svs_fatal(0, "value %s on -T or --timeout is invalid",
                          optarg);
            }
            break;

        case 'e':
            /* ovs-appctl's historical --execute: the command is simply the
             * first non-option argument. */
            break;

        SVS_CMDL_STD_OPTION_HANDLERS

        default:
            SVS_NOT_REACHED();
        }
    }
    free(short_options);

    if (optind >= argc) {
        svs_fatal(0, "at least one non-option argument is required "
                  "(use --help for help)");
    }
}

/* Returns true if 'target' names a socket file rather than a program. */
static bool
target_is_socket(const char *name)
{
    return strchr(name, '/') || str_endswith(name, ".ctl");
}

static struct jsonrpc *
connect_to_target(const char *name)
{
    char *socket_name;

    if (!target_is_socket(name)) {
        char *pidfile_name = xasprintf("%s/%s.pid", svs_rundir(), name);
        pid_t pid = read_pidfile(pidfile_name);
        if (pid < 0) {
            svs_fatal(-pid, "cannot read pidfile \"%s\"", pidfile_name);
        }
        free(pidfile_name);
        socket_name = xasprintf("%s/%s.%ld.ctl", svs_rundir(), name,
                                (long int) pid);
    } else {
        socket_name = xstrdup(name);
    }

    struct jsonrpc *client;
    int error = unixctl_client_create(socket_name, &client);
    if (error) {
        svs_fatal(error, "cannot connect to \"%s\"", socket_name);
    }
    free(socket_name);
    return client;
}

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    /* Show warnings (e.g. "failed to connect") on the terminal, as
     * ovs-appctl does. */
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);
    vlog_set_levels(NULL, VLF_SYSLOG, VLL_OFF);

    parse_options(argc, argv);
    if (timeout) {
        /* SIGALRM's default action ends the process ("Alarm clock"). */
        signal(SIGALRM, SIG_DFL);
        alarm(timeout);
    }
    fatal_ignore_sigpipe();

    const char *command = argv[optind];
    struct jsonrpc *client = connect_to_target(target);

    char *cmd_result, *cmd_error;
    int error = unixctl_client_transact(client, command, argc - optind - 1,
                                        argv + optind + 1, &cmd_result,
                                        &cmd_error);
    if (error) {
        svs_fatal(error, "%s: transaction error", target);
    }

    if (cmd_error) {
        jsonrpc_close(client);
        fputs(cmd_error, stderr);
        svs_error(0, "%s: server returned an error", target);
        exit(2);
    } else if (cmd_result) {
        fputs(cmd_result, stdout);
    } else {
        SVS_NOT_REACHED();
    }

    jsonrpc_close(client);
    free(cmd_result);
    free(cmd_error);
    return 0;
}
