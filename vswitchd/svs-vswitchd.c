/* svs-vswitchd: the switch daemon.
 *
 * Command-line compatible with ovs-vswitchd:
 *
 *     svs-vswitchd [OPTIONS] [DATABASE]
 *
 * DATABASE is the database server to follow (default
 * unix:<rundir>/db.sock).  The daemon keeps a replica of the
 * Open_vSwitch database (bridge.c), runs one OpenFlow switch per bridge
 * (ofproto) over a datapath (ofproto-dpif.c), and serves unixctl commands
 * on <rundir>/svs-vswitchd.<pid>.ctl (or --unixctl).
 *
 * The main loop runs bridge_run() and the unixctl server until "exit";
 * poll threads, handlers and revalidators run in their own threads. */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include "bridge.h"
#include "command-line.h"
#include "daemon.h"
#include "dirs.h"
#include "dpctl.h"
#include "fatal-signal.h"
#include "heap-thp.h"
#include "netdev.h"
#include "poll-loop.h"
#include "stream-ssl.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(vswitchd);

static char *unixctl_path;
static bool want_mlockall;
static bool enable_dummy;
static bool dummy_override;
static bool exiting;

static void parse_options(int argc, char *argv[], char **remotep);
static void usage(void) SVS_NO_RETURN;

static void
unixctl_exit(struct unixctl_conn *conn, int argc, const char *argv[],
             void *aux SVS_UNUSED)
{
    /* "exit --cleanup" also removes what the bridges created; plain exit
     * leaves the datapath as it is, like ovs-vswitchd. */
    bool cleanup = argc > 1 && !strcmp(argv[1], "--cleanup");

    bridge_exit(cleanup);
    exiting = true;
    unixctl_command_reply(conn, NULL);
}

static void
raise_fd_limit(void)
{
    struct rlimit r;

    if (!getrlimit(RLIMIT_NOFILE, &r) && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
}

int
main(int argc, char *argv[])
{
    struct unixctl_server *unixctl;
    char *remote;
    int retval;

    set_program_name(argv[0]);
    /* The switch's big, long-lived tables grow the heap in large steps;
     * transparent huge pages make the first touch of each much cheaper
     * (see heap-thp.h and the classifier benchmark). */
    heap_thp_enable(64 << 20);

    fatal_ignore_sigpipe();
    fatal_signal_init();
    vlog_set_levels(NULL, VLF_CONSOLE, VLL_INFO);
    parse_options(argc, argv, &remote);

    daemonize_start();
    raise_fd_limit();
    if (want_mlockall && mlockall(MCL_CURRENT | MCL_FUTURE)) {
        VLOG_ERR("mlockall failed: %s", strerror(errno));
    }

    retval = unixctl_server_create(unixctl_path, &unixctl);
    if (retval) {
        svs_fatal(retval, "could not create unixctl server");
    }
    vlog_init_unixctl();
    unixctl_command_register("exit", "[--cleanup]", 0, 1, unixctl_exit,
                             NULL);
    if (enable_dummy) {
        netdev_dummy_register(dummy_override);
    }
    netdev_register_default_providers();
    dpctl_unixctl_register();
    bridge_init(remote);
    free(remote);
    daemonize_complete();

    while (!exiting) {
        bridge_run();
        unixctl_server_run(unixctl);
        netdev_run();
        fatal_signal_run();
        heap_thp_run();
        if (exiting) {
            break;
        }
        bridge_wait();
        unixctl_server_wait(unixctl);
        netdev_wait();
        fatal_signal_wait();
        poll_block();
    }
    bridge_destroy();
    unixctl_server_destroy(unixctl);
    free(unixctl_path);
    return 0;
}

static void
parse_options(int argc, char *argv[], char **remotep)
{
    enum {
        OPT_PEER_CA_CERT = UCHAR_MAX + 1,
        OPT_MLOCKALL,
        OPT_UNIXCTL,
        OPT_BOOTSTRAP_CA_CERT,
        OPT_ENABLE_DUMMY,
        OPT_DISABLE_SYSTEM,
        OPT_DISABLE_SYSTEM_ROUTE,
        OPT_DPDK,
        OPT_HW_RAWIO_ACCESS,
        VLOG_OPTION_ENUMS,
        DAEMON_OPTION_ENUMS
    };
    static const struct option long_options[] = {
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"mlockall", no_argument, NULL, OPT_MLOCKALL},
        {"unixctl", required_argument, NULL, OPT_UNIXCTL},
        {"private-key", required_argument, NULL, 'p'},
        {"certificate", required_argument, NULL, 'c'},
        {"ca-cert", required_argument, NULL, 'C'},
        {"peer-ca-cert", required_argument, NULL, OPT_PEER_CA_CERT},
        {"bootstrap-ca-cert", required_argument, NULL,
         OPT_BOOTSTRAP_CA_CERT},
        {"enable-dummy", optional_argument, NULL, OPT_ENABLE_DUMMY},
        {"disable-system", no_argument, NULL, OPT_DISABLE_SYSTEM},
        {"disable-system-route", no_argument, NULL,
         OPT_DISABLE_SYSTEM_ROUTE},
        {"dpdk", optional_argument, NULL, OPT_DPDK},
        {"hw-rawio-access", no_argument, NULL, OPT_HW_RAWIO_ACCESS},
        VLOG_LONG_OPTIONS,
        DAEMON_LONG_OPTIONS,
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
        case OPT_MLOCKALL:
            want_mlockall = true;
            break;
        case OPT_UNIXCTL:
            free(unixctl_path);
            unixctl_path = xstrdup(optarg);
            break;
        case 'p':
            stream_ssl_set_private_key_file(optarg);
            break;
        case 'c':
            stream_ssl_set_certificate_file(optarg);
            break;
        case 'C':
            stream_ssl_set_ca_cert_file(optarg, false);
            break;
        case OPT_BOOTSTRAP_CA_CERT:
            stream_ssl_set_ca_cert_file(optarg, true);
            break;
        case OPT_PEER_CA_CERT:
            stream_ssl_set_peer_ca_cert_file(optarg);
            break;
        case OPT_ENABLE_DUMMY:
            enable_dummy = true;
            dummy_override = optarg && !strcmp(optarg, "override");
            break;
        case OPT_DISABLE_SYSTEM:
        case OPT_DISABLE_SYSTEM_ROUTE:
        case OPT_HW_RAWIO_ACCESS:
            /* Accepted for compatibility; nothing to do here. */
            break;
        case OPT_DPDK:
            VLOG_WARN("--dpdk: DPDK is not supported by svs; ignored");
            break;

        VLOG_OPTION_HANDLERS
        DAEMON_OPTION_HANDLERS

        case '?':
            exit(EXIT_FAILURE);

        default:
            abort();
        }
    }
    free(short_options);

    argc -= optind;
    argv += optind;
    if (argc == 0) {
        *remotep = xasprintf("unix:%s/db.sock", svs_rundir());
    } else if (argc == 1) {
        *remotep = xstrdup(argv[0]);
    } else {
        svs_fatal(0, "at most one non-option argument accepted; "
                  "use --help for usage");
    }
}

static void
usage(void)
{
    printf("%s: svs switch daemon\n"
           "usage: %s [OPTIONS] [DATABASE]\n"
           "where DATABASE is a socket on which svsdb-server is listening\n"
           "      (default: \"unix:%s/db.sock\").\n",
           program_name, program_name, svs_rundir());
    printf("\nOther options:\n"
           "  --unixctl=SOCKET        override default control socket name\n"
           "  --mlockall              lock all memory into RAM\n"
           "  --enable-dummy[=override]  enable dummy network devices\n"
           "  -h, --help              display this help message\n"
           "  -V, --version           display version information\n");
    daemon_usage();
    exit(EXIT_SUCCESS);
}
