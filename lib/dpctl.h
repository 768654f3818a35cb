/* dpctl.h: the datapath commands of svs-dpctl and of the dpctl/ unixctl
 * commands of svs-vswitchd.
 *
 * What: dpctl_run_command() runs one command (show, dump-dps, add-dp,
 * del-dp, add-if, set-if, del-if, dump-flows, get-flow, add-flow,
 * add-flows, mod-flow, mod-flows, del-flow, del-flows) with ovs-dpctl's
 * syntax and output, on the datapaths this process can open.  The
 * userspace datapath lives inside svs-vswitchd, so svs-dpctl forwards its
 * commands there (dpctl/<command>) and dpctl_unixctl_register() serves
 * them.
 *
 * Thread-safety: main thread only. */
#ifndef SVS_DPCTL_H
#define SVS_DPCTL_H 1

#include <stdbool.h>

struct ds;

struct dpctl_params {
    bool print_statistics;      /* -s, --statistics. */
    bool zero_statistics;       /* --clear. */
    bool may_create;            /* --may-create. */
    bool read_only;             /* --read-only. */
    bool names;                 /* --names (dump-flows). */
    int verbosity;              /* -m, --more: once or more. */
    struct ds *output;          /* Where output goes. */
};

/* Runs 'argv[0]' with its arguments, options such as "-m" or "--names"
 * anywhere among them.  Returns 0 or a positive errno value, with the
 * error message (ovs-dpctl's) appended to 'params->output'. */
int dpctl_run_command(int argc, const char *argv[], struct dpctl_params *);

/* Registers dpctl/<command> for every command. */
void dpctl_unixctl_register(void);

#endif /* dpctl.h */
