/* megaflow-bench: counts the megaflows lib/classifier produces for a rule
 * set and a set of packets (see README.md here).
 *
 * Usage: megaflow-bench [--no-tries] [--results FILE] [--dump FILE]
 *                       RULES PACKETS
 *
 * RULES holds one flow per line in ovs-ofctl add-flows syntax restricted
 * to what this program needs: "priority=N", protocol shorthands (ip, ipv6,
 * tcp, udp, icmp, arp, tcp6, udp6), "FIELD=VALUE[/MASK]" for any field
 * meta-flow knows, and "actions=..." (kept as text, not interpreted).
 * PACKETS holds one flow per line in the same syntax (every field a
 * packet carries given exactly; others are zero), as for ovs-appctl
 * ofproto/trace.  Blank lines and lines starting with '#' are skipped.
 *
 * The rules go into one classifier with prefix tracking on nw_dst and
 * nw_src (Open vSwitch's default "prefixes" of a flow table) unless
 * --no-tries.  Each packet is looked up with wildcard tracking; the
 * megaflow of a packet is the pair (mask, packet & mask).  Two counts are
 * printed as JSON on stdout:
 *
 *   "megaflows_raw": distinct megaflows as the classifier reports them;
 *   "megaflows": distinct megaflows after ORing into each mask the fields
 *       Open vSwitch's translation always un-wildcards (in_port,
 *       packet_type, recirc_id, dl_type, and nw_frag for IP) and nw_proto
 *       wherever a transport port bit is (a datapath flow key matches
 *       ports only under an IP protocol): the figure to compare with Open
 *       vSwitch's datapath megaflows.
 *
 * --results FILE writes, per packet, the priority of the rule it matched
 * ("miss" if none), its normalized megaflow and the rule's actions,
 * separated by tabs, to cross-check against ofproto/trace;
 * --dump FILE writes each distinct (normalized) megaflow as a match. */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classifier.h"
#include "cls-rcu.h"
#include "dynamic-string.h"
#include "flow-words.h"
#include "hash.h"
#include "hmap.h"
#include "match.h"
#include "meta-flow.h"
#include "packets.h"
#include "svec.h"
#include "util.h"

struct mb_rule {
    struct cls_rule cls_rule;
    int priority;
    char *actions;
};

/* Applies protocol shorthand 'name' to 'match'; false if unknown. */
static bool
apply_shorthand(const char *name, struct match *match)
{
    static const struct {
        const char *name;
        uint16_t dl_type;
        int nw_proto;           /* -1: none. */
    } protos[] = {
        { "ip", ETH_TYPE_IP, -1 }, { "ipv6", ETH_TYPE_IPV6, -1 },
        { "arp", ETH_TYPE_ARP, -1 }, { "tcp", ETH_TYPE_IP, 6 },
        { "udp", ETH_TYPE_IP, 17 }, { "icmp", ETH_TYPE_IP, 1 },
        { "sctp", ETH_TYPE_IP, 132 }, { "tcp6", ETH_TYPE_IPV6, 6 },
        { "udp6", ETH_TYPE_IPV6, 17 }, { "icmp6", ETH_TYPE_IPV6, 58 },
    };

    for (size_t i = 0; i < ARRAY_SIZE(protos); i++) {
        if (!strcmp(name, protos[i].name)) {
            match->flow.dl_type = htons(protos[i].dl_type);
            match->wc.masks.dl_type = 0xffff;
            if (protos[i].nw_proto >= 0) {
                match->flow.nw_proto = protos[i].nw_proto;
                match->wc.masks.nw_proto = 0xff;
            }
            return true;
        }
    }
    return false;
}

/* Parses 'line' (modified) into 'match', '*priority' and '*actions'
 * (pointing into 'line', or NULL).  Returns NULL or a malloc'd error. */
static char *
parse_flow(char *line, struct match *match, int *priority, char **actions)
{
    match_init_catchall(match);
    *priority = MATCH_DEFAULT_PRIORITY;
    *actions = NULL;

    char *acts = strstr(line, "actions=");
    if (acts) {
        *acts = '\0';
        *actions = acts + strlen("actions=");
    }

    char *save = NULL;
    for (char *tok = strtok_r(line, ", \t", &save); tok;
         tok = strtok_r(NULL, ", \t", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq) {
            if (!apply_shorthand(tok, match)) {
                return xasprintf("%s: unknown protocol shorthand", tok);
            }
            continue;
        }
        *eq = '\0';
        const char *value = eq + 1;
        if (!strcmp(tok, "priority")) {
            *priority = atoi(value);
            continue;
        }
        const struct mf_field *mf = mf_from_name(tok);
        if (!mf) {
            return xasprintf("%s: unknown field", tok);
        }
        char *error = mf_parse_field(mf, value, match);
        if (error) {
            return error;
        }
    }
    return NULL;
}

static char *
trim(char *s)
{
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ')) {
        s[--n] = '\0';
    }
    return s;
}

/* Reads the non-comment lines of 'file_name' into 'lines'. */
static void
read_lines(const char *file_name, struct svec *lines)
{
    FILE *f = fopen(file_name, "r");
    if (!f) {
        svs_fatal(errno, "%s: open failed", file_name);
    }

    char *buf = NULL;
    size_t size = 0;
    while (getline(&buf, &size, f) > 0) {
        char *s = trim(buf);
        if (*s && *s != '#') {
            svec_add(lines, s);
        }
    }
    free(buf);
    fclose(f);
}

/* A distinct megaflow. */
struct megaflow {
    struct hmap_node node;
    struct flow key;            /* Packet & mask. */
    struct flow_wildcards wc;
};

/* Adds the megaflow of 'flow' under 'wc' to 'set' if it is new; returns
 * true if it was. */
static bool
megaflow_add(struct hmap *set, const struct flow *flow,
             const struct flow_wildcards *wc)
{
    struct megaflow *mf = xmalloc(sizeof *mf);
    const uint64_t *p = flow_u64_const(flow);
    const uint64_t *w = flow_u64_const(&wc->masks);
    uint64_t *k = flow_u64(&mf->key);
    uint32_t hash = 0;

    for (size_t i = 0; i < FLOW_U64S; i++) {
        k[i] = p[i] & w[i];
        hash = hash_add64(hash_add64(hash, k[i]), w[i]);
    }
    mf->wc = *wc;

    struct megaflow *old;
    HMAP_FOR_EACH_WITH_HASH (old, node, hash, set) {
        if (!memcmp(&old->key, &mf->key, sizeof mf->key)
            && !memcmp(&old->wc, &mf->wc, sizeof mf->wc)) {
            free(mf);
            return false;
        }
    }
    hmap_insert(set, &mf->node, hash);
    return true;
}

static void
megaflows_destroy(struct hmap *set)
{
    struct megaflow *mf;
    HMAP_FOR_EACH_POP (mf, node, set) {
        free(mf);
    }
    hmap_destroy(set);
}

/* ORs into 'wc' the fields Open vSwitch's translation un-wildcards for
 * every packet like 'flow', and the prerequisites of the fields in 'wc'
 * that a datapath flow key needs (nw_proto under transport ports). */
static void
normalize_like_ovs(const struct flow *flow, struct flow_wildcards *wc)
{
    if (wc->masks.tp_src || wc->masks.tp_dst) {
        wc->masks.nw_proto = 0xff;
    }
    wc->masks.in_port = UINT32_MAX;
    wc->masks.recirc_id = UINT32_MAX;
    wc->masks.packet_type = htonl(UINT32_MAX);
    wc->masks.dl_type = 0xffff;
    if (flow->dl_type == htons(ETH_TYPE_IP)
        || flow->dl_type == htons(ETH_TYPE_IPV6)) {
        wc->masks.nw_frag |= FLOW_NW_FRAG_MASK;
    }
}

int
main(int argc, char *argv[])
{
    const char *results_file = NULL, *dump_file = NULL;
    bool use_tries = true;
    int i;

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--no-tries")) {
            use_tries = false;
        } else if (!strcmp(argv[i], "--results") && i + 1 < argc) {
            results_file = argv[++i];
        } else if (!strcmp(argv[i], "--dump") && i + 1 < argc) {
            dump_file = argv[++i];
        } else {
            break;
        }
    }
    if (argc - i != 2) {
        fprintf(stderr, "usage: %s [--no-tries] [--results FILE] "
                "[--dump FILE] RULES PACKETS\n", argv[0]);
        return 1;
    }

    struct svec rule_lines = SVEC_EMPTY_INITIALIZER;
    struct svec packet_lines = SVEC_EMPTY_INITIALIZER;
    read_lines(argv[i], &rule_lines);
    read_lines(argv[i + 1], &packet_lines);

    struct classifier cls;
    classifier_init(&cls);
    if (use_tries) {
        static const enum cls_prefix_field fields[] = {
            CLS_PREFIX_NW_DST, CLS_PREFIX_NW_SRC,
        };
        classifier_set_prefix_fields(&cls, fields, ARRAY_SIZE(fields));
    }

    /* Rules.  A later rule with the same match and priority replaces an
     * earlier one, as with ovs-ofctl add-flows. */
    size_t n_rules = rule_lines.n;
    struct mb_rule *rules = xcalloc(n_rules, sizeof *rules);
    classifier_defer(&cls);
    for (size_t r = 0; r < n_rules; r++) {
        char *line = xstrdup(rule_lines.names[r]);
        struct match match;
        char *actions;
        char *error = parse_flow(line, &match, &rules[r].priority,
                                 &actions);
        if (error) {
            svs_fatal(0, "%s: rule %zu: %s", argv[i], r + 1, error);
        }
        rules[r].actions = xstrdup(actions ? actions : "drop");
        free(line);
        cls_rule_init(&rules[r].cls_rule, &match.flow, &match.wc,
                      rules[r].priority);
        const struct cls_rule *old = classifier_replace(
            &cls, &rules[r].cls_rule, 1, NULL, 0);
        if (old) {
            struct mb_rule *o = CONTAINER_OF(old, struct mb_rule, cls_rule);
            free(o->actions);
            o->actions = NULL;
        }
    }
    classifier_publish(&cls);

    FILE *results = NULL;
    if (results_file) {
        results = fopen(results_file, "w");
        if (!results) {
            svs_fatal(errno, "%s: create failed", results_file);
        }
    }

    struct hmap raw = HMAP_INITIALIZER(&raw);
    struct hmap normalized = HMAP_INITIALIZER(&normalized);
    size_t n_raw = 0, n_hits = 0;
    struct ds dump = DS_EMPTY_INITIALIZER;
    for (size_t p = 0; p < packet_lines.n; p++) {
        char *line = xstrdup(packet_lines.names[p]);
        struct match match;
        char *actions;
        int priority;
        char *error = parse_flow(line, &match, &priority, &actions);
        if (error) {
            svs_fatal(0, "%s: packet %zu: %s", argv[i + 1], p + 1, error);
        }
        free(line);

        struct flow_wildcards wc;
        flow_wildcards_init_catchall(&wc);
        const struct cls_rule *cr = classifier_lookup(&cls, 1, &match.flow,
                                                      &wc);
        n_hits += cr != NULL;
        n_raw += megaflow_add(&raw, &match.flow, &wc);
        normalize_like_ovs(&match.flow, &wc);
        if (results) {
            struct match m;
            match_init(&m, &match.flow, &wc);
            char *s = match_to_string(&m, MATCH_DEFAULT_PRIORITY);
            if (cr) {
                const struct mb_rule *r = CONTAINER_OF(cr, struct mb_rule,
                                                       cls_rule);
                fprintf(results, "%d\t%s\t%s\n", r->priority, s,
                        r->actions);
            } else {
                fprintf(results, "miss\t%s\n", s);
            }
            free(s);
        }
        if (megaflow_add(&normalized, &match.flow, &wc) && dump_file) {
            struct match m;
            match_init(&m, &match.flow, &wc);
            match_format(&m, &dump, MATCH_DEFAULT_PRIORITY);
            ds_put_char(&dump, '\n');
        }
    }
    if (results) {
        fclose(results);
    }
    if (dump_file) {
        FILE *f = fopen(dump_file, "w");
        if (!f) {
            svs_fatal(errno, "%s: create failed", dump_file);
        }
        fputs(ds_cstr(&dump), f);
        fclose(f);
    }

    printf("{\"rules\": %zu, \"subtables\": %d, \"packets\": %zu, "
           "\"hits\": %zu, \"megaflows_raw\": %zu, \"megaflows\": %zu}\n",
           n_rules, classifier_n_subtables(&cls), packet_lines.n, n_hits,
           n_raw, hmap_count(&normalized));

    megaflows_destroy(&raw);
    megaflows_destroy(&normalized);
    ds_destroy(&dump);
    classifier_destroy(&cls);
    cls_rcu_barrier();
    for (size_t r = 0; r < n_rules; r++) {
        cls_rule_destroy(&rules[r].cls_rule);
        free(rules[r].actions);
    }
    free(rules);
    svec_destroy(&rule_lines);
    svec_destroy(&packet_lines);
    return 0;
}
