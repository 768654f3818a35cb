/* ofp-parse.h: the text syntax of flows, as ovs-ofctl reads it.
 *
 * What: parses "[keyword=value | field=value[/mask] | shorthand]...,
 * actions=ACTIONS" (as `ovs-ofctl add-flow`, `parse-flow` and
 * `parse-flows` accept it) into a struct ofputil_flow_mod, and computes
 * the set of protocols that can express the result ("usable protocols"):
 * every match field narrows it according to how it is masked, table ids
 * need the table-id extension, flags such as no_packet_counts need
 * OpenFlow 1.3, L3/L4 fields inside IPv6 need NXM or OXM, and the actions
 * narrow it further.  The keywords are those of ovs-ofctl: table,
 * priority, idle_timeout, hard_timeout, importance, cookie (cookie/mask
 * for modify and delete), out_port and out_group (modify and delete),
 * send_flow_rem, check_overlap, reset_counts, no_packet_counts,
 * no_byte_counts; dump-flows output keywords (duration, n_packets,
 * n_bytes, idle_age, hard_age) are accepted and ignored so that its
 * output can be fed back.  Error messages are ovs-ofctl's.
 *
 * Tokenizing follows ovs-ofctl: items are separated by commas or white
 * space; an item is KEY, KEY=VALUE, KEY:VALUE or KEY(VALUE), where values
 * may contain balanced parentheses.  Everything after the first
 * occurrence of "action" (up to the next '=') is the action list.
 *
 * Thread-safety: reentrant. */
#ifndef SVS_OFP_PARSE_H
#define SVS_OFP_PARSE_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"
#include "ofp-protocol.h"

struct ofputil_flow_mod;
struct ofputil_flow_stats_request;

/* Parses 'string' as a flow for a flow-mod with 'command' (OFPFC_*) into
 * 'fm' (initialized here).  'fm->ofpacts' is malloc'd; free it with
 * free().  '*usable_protocols' receives the protocols that can express the
 * flow-mod.  Returns NULL or a malloc'd error message (then 'fm' needs no
 * cleanup). */
char *ofp_parse_flow_mod(struct ofputil_flow_mod *fm, const char *string,
                         int command,
                         enum ofputil_protocol *usable_protocols)
    SVS_WARN_UNUSED_RESULT;

/* Parses each non-blank, non-comment ('#') line of 'file_name' ("-" for
 * standard input) as a flow with ofp_parse_flow_mod(), storing a malloc'd
 * array of flow-mods in '*fms' and its size in '*n_fms' and the protocols
 * usable for all of them in '*usable_protocols'.  Errors are prefixed with
 * "FILE:LINE: ".  Returns NULL or a malloc'd error (then nothing needs
 * freeing). */
char *ofp_parse_flow_mod_file(const char *file_name, int command,
                              struct ofputil_flow_mod **fms, size_t *n_fms,
                              enum ofputil_protocol *usable_protocols)
    SVS_WARN_UNUSED_RESULT;

/* Frees the actions of the 'n' flow-mods in 'fms' and 'fms' itself. */
void ofp_parse_flow_mods_destroy(struct ofputil_flow_mod *fms, size_t n);

/* Parses a flow statistics request (the FLOW argument of dump-flows and
 * dump-aggregate: a match plus table, out_port, out_group, cookie/mask). */
char *ofp_parse_flow_stats_request(struct ofputil_flow_stats_request *,
                                   bool aggregate, const char *string,
                                   enum ofputil_protocol *usable_protocols)
    SVS_WARN_UNUSED_RESULT;

/* Extracts the next item from '*stringp', advancing it; '*keyp' and
 * '*valuep' point into the (modified) string, '*valuep' being "" for an
 * item without a value.  Returns false at the end of the string. */
bool ofp_parse_key_value(char **stringp, char **keyp, char **valuep);

/* Splits 's' at its action list: truncates 's' where "action" first
 * occurs and returns the text after the following '=', or NULL if there
 * is none. */
char *ofp_parse_extract_actions(char *s);

/* Number parsers with ovs-ofctl's messages ('invalid NAME "S"'). */
char *ofp_parse_u8(const char *s, const char *name, uint8_t *)
    SVS_WARN_UNUSED_RESULT;
char *ofp_parse_u16(const char *s, const char *name, uint16_t *)
    SVS_WARN_UNUSED_RESULT;
char *ofp_parse_u32(const char *s, uint32_t *) SVS_WARN_UNUSED_RESULT;
char *ofp_parse_u64(const char *s, uint64_t *) SVS_WARN_UNUSED_RESULT;

#endif /* ofp-parse.h */
