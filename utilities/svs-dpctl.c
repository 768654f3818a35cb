/* svs-dpctl: datapath management, command-line compatible with ovs-dpctl:
 *
 *     svs-dpctl [OPTIONS] COMMAND [ARG...]
 *
 * The userspace datapath lives inside svs-vswitchd, so svs-dpctl sends
 * each command to the running svs-vswitchd as the unixctl command
 * dpctl/COMMAND, options included, and prints the reply (the same text
 * `svs-appctl dpctl/COMMAND` prints).  -t/--target chooses another daemon
 * or socket as svs-appctl does.  Exit status: 0 on success, 2 if the
 * command failed, 1 for other failures. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "daemon.h"
#include "dirs.h"
#include "fatal-signal.h"
#include "jsonrpc.h"
#include "svec.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

static const char *target = "svs-vswitchd";

static void
usage(void)
{
    printf("%s: Open vSwitch-compatible datapath management utility\n"
           "usage: %s [OPTIONS] COMMAND [ARG...]\n"
           "  add-dp DP [IFACE...]     add new datapath DP (with IFACEs)\n"
           "  del-dp DP                delete local datapath DP\n"
           "  add-if DP IFACE...       add each IFACE as a port on DP\n"
           "  set-if DP IFACE...       reconfigure each IFACE within DP\n"
           "  del-if DP IFACE...       delete each IFACE from DP\n"
           "  dump-dps                 display names of all datapaths\n"
           "  show                     show basic info on all datapaths\n"
           "  show DP...               show basic info on each DP\n"
           "  dump-flows [DP]          display flows in DP\n"
           "  add-flow [DP] FLOW ACTIONS add FLOW with ACTIONS to DP\n"
           "  add-flows [DP] FILE        add flows from FILE\n"
           "  mod-flow [DP] FLOW ACTIONS change FLOW actions to ACTIONS "
           "in DP\n"
           "  mod-flows [DP] FILE        change flows from FILE\n"
           "  get-flow [DP] ufid:UFID    fetch flow corresponding to UFID\n"
           "  del-flow [DP] FLOW         delete FLOW from DP\n"
           "  del-flows [DP] [FILE]      delete all or specified flows "
           "from DP\n"
           "\nOptions:\n"
           "  -s, --statistics         print statistics for port or flow\n"
           "  -m, --more               increase verbosity of output\n"
           "  --names                  use port names in output\n"
           "  --may-create             create flow if it doesn't exist\n"
           "  --clear                  reset existing stats to zero\n"
           "  --read-only              do not run read/write commands\n"
           "  -t, --target=TARGET      daemon or socket to send to "
           "(default: svs-vswitchd)\n"
           "  -h, --help               display this help message\n"
           "  -V, --version            display version information\n",
           program_name, program_name);
    exit(EXIT_SUCCESS);
}

static struct jsonrpc *
connect_to_target(const char *name)
{
    struct jsonrpc *client;
    char *socket_name;
    int error;

    if (!strchr(name, '/') && !str_endswith(name, ".ctl")) {
        char *pidfile_name = xasprintf("%s/%s.pid", svs_rundir(), name);
        pid_t pid = read_pidfile(pidfile_name);

        if (pid < 0) {
            svs_fatal(-pid, "cannot read pidfile \"%s\" (is %s running?)",
                      pidfile_name, name);
        }
        free(pidfile_name);
        socket_name = xasprintf("%s/%s.%ld.ctl", svs_rundir(), name,
                                (long int) pid);
    } else {
        socket_name = xstrdup(name);
    }
    error = unixctl_client_create(socket_name, &client);
    if (error) {
        svs_fatal(error, "cannot connect to \"%s\"", socket_name);
    }
    free(socket_name);
    return client;
}

int
main(int argc, char *argv[])
{
    struct svec args = SVEC_EMPTY_INITIALIZER;
    const char *command = NULL;
    char *result, *error_s;
    struct jsonrpc *client;
    char *name;
    int error;

    set_program_name(argv[0]);
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_WARN);
    vlog_set_levels(NULL, VLF_SYSLOG, VLL_OFF);
    fatal_ignore_sigpipe();

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];

        if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            usage();
        } else if (!strcmp(arg, "-V") || !strcmp(arg, "--version")) {
            printf("%s (svs) %s\n", program_name, PACKAGE_VERSION);
            return 0;
        } else if (!strcmp(arg, "-t") || !strcmp(arg, "--target")) {
            if (++i >= argc) {
                svs_fatal(0, "option '%s' requires an argument", arg);
            }
            target = argv[i];
        } else if (!strncmp(arg, "--target=", 9)) {
            target = arg + 9;
        } else if (!command && arg[0] != '-') {
            command = arg;
        } else {
            /* Options and arguments go to the daemon as they are. */
            svec_add(&args, arg);
        }
    }
    if (!command) {
        svs_fatal(0, "missing command name; use --help for help");
    }

    client = connect_to_target(target);
    name = xasprintf("dpctl/%s", command);
    error = unixctl_client_transact(client, name, args.n, args.names,
                                    &result, &error_s);
    free(name);
    if (error) {
        svs_fatal(error, "%s: transaction error", target);
    }
    jsonrpc_close(client);
    svec_destroy(&args);
    if (error_s) {
        fputs(error_s, stderr);
        free(error_s);
        exit(2);
    }
    fputs(result ? result : "", stdout);
    free(result);
    return 0;
}
