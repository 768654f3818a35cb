/* svs-ofctl.h: what the parts of svs-ofctl share.
 *
 * What: svs-ofctl.c holds main(), the options and the offline commands;
 * svs-ofctl-online.c the commands that talk to a switch.  The options set
 * on the command line are the globals below (set once by
 * parse_options(), read by the commands); the online commands are
 * declared here for svs-ofctl.c's command table.
 *
 * Thread-safety: single-threaded program. */
#ifndef SVS_OFCTL_H
#define SVS_OFCTL_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ofp-protocol.h"

struct mf_field;
struct svs_cmdl_context;

/* -O, --protocols: the OpenFlow versions allowed (bit N: version N). */
extern uint32_t allowed_versions;

/* -F, --flow-format: the protocols allowed. */
extern enum ofputil_protocol allowed_protocols;

/* -m, --more: extra verbosity of printed messages. */
extern int verbosity;

/* --strict: mod-flows and del-flows match strictly. */
extern bool strict;

/* --bundle: flow changes go in one atomic, ordered bundle. */
extern bool bundle;

/* --names (1), --no-names (0), neither (-1). */
extern int use_names;

/* --no-stats: dump-flows prints no statistics. */
extern bool no_stats;

/* --sort, --rsort: the sort criteria of dump-flows, in order. */
struct sort_criterion {
    const struct mf_field *field;   /* NULL: priority. */
    bool descending;
};
extern struct sort_criterion *criteria;
extern size_t n_criteria;

/* Online commands (svs-ofctl-online.c). */
void ofctl_show(struct svs_cmdl_context *);
void ofctl_dump_desc(struct svs_cmdl_context *);
void ofctl_dump_tables(struct svs_cmdl_context *);
void ofctl_dump_table_features(struct svs_cmdl_context *);
void ofctl_dump_flows(struct svs_cmdl_context *);
void ofctl_dump_aggregate(struct svs_cmdl_context *);
void ofctl_queue_stats(struct svs_cmdl_context *);
void ofctl_add_flow(struct svs_cmdl_context *);
void ofctl_add_flows(struct svs_cmdl_context *);
void ofctl_mod_flows(struct svs_cmdl_context *);
void ofctl_del_flows(struct svs_cmdl_context *);
void ofctl_replace_flows(struct svs_cmdl_context *);
void ofctl_diff_flows(struct svs_cmdl_context *);
void ofctl_mod_port(struct svs_cmdl_context *);
void ofctl_packet_out(struct svs_cmdl_context *);
void ofctl_monitor(struct svs_cmdl_context *);
void ofctl_snoop(struct svs_cmdl_context *);
void ofctl_dump_ports(struct svs_cmdl_context *);
void ofctl_dump_ports_desc(struct svs_cmdl_context *);
void ofctl_get_frags(struct svs_cmdl_context *);
void ofctl_set_frags(struct svs_cmdl_context *);
void ofctl_probe(struct svs_cmdl_context *);
void ofctl_dump_groups(struct svs_cmdl_context *);
void ofctl_dump_group_stats(struct svs_cmdl_context *);

#endif /* svs-ofctl.h */
