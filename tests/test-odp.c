/* test-odp.c: drives lib/odp-util and lib/odp-execute for
 * tests/test_odp.py.
 *
 * Commands (one per invocation):
 *   parse-keys [--names=N:NAME,...] [--netdev]
 *       one datapath flow key per stdin line -> two lines: the key as
 *       `dpctl/dump-flows` prints it, then as `dpctl/dump-flows -m` does
 *       (port names from --names), or one line "error: ...".  --netdev
 *       adds what the userspace datapath always matches (recirc_id), as
 *       Open vSwitch's dpif-netdev does when a flow is added.
 *   parse-actions [--names=...]
 *       one action list per stdin line -> its normalized text, or
 *       "error: ..."; also checks that the encoding validates.
 *   validate-hex
 *       one hex-encoded Netlink action list per stdin line -> "ok: TEXT"
 *       or "invalid".
 *   execute [--no-steal] HEX-PACKET ACTIONS
 *       runs ACTIONS on the packet, printing each datapath callback as
 *       "ACTION steal=0|1 HEX..." and, with --no-steal, the caller's packet
 *       afterwards as "kept HEX".
 *   commit BASE-KEY FLOW-KEY [WC-KEY]
 *       odp_commit_set_actions() from BASE to FLOW, with the masks of
 *       WC-KEY as the bits the caller's actions wrote -> the actions, then
 *       FLOW under the resulting mask ("wc: ...").
 *   ufid KEY   hashes, formats and parses back a UFID -> "ok" or a diff.
 *   unit       internal checks -> "ok". */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dp-packet.h"
#include "dynamic-string.h"
#include "flow.h"
#include "netlink.h"
#include "odp-execute.h"
#include "odp-util.h"
#include "ofpbuf.h"
#include "packets.h"
#include "util.h"

static struct odp_portno_names *
parse_names(int *argc, char ***argv)
{
    struct odp_portno_names *names = odp_portno_names_create();

    while (*argc > 0 && !strncmp((*argv)[0], "--names=", 8)) {
        char *list = xstrdup((*argv)[0] + 8);
        char *save = NULL;
        for (char *tok = strtok_r(list, ",", &save); tok;
             tok = strtok_r(NULL, ",", &save)) {
            char *colon = strchr(tok, ':');
            if (!colon) {
                svs_fatal(0, "bad --names entry %s", tok);
            }
            *colon = '\0';
            odp_portno_names_set(names, strtoul(tok, NULL, 10), colon + 1);
        }
        free(list);
        (*argc)--;
        (*argv)++;
    }
    return names;
}

static void
cmd_parse_keys(int argc, char *argv[])
{
    struct odp_portno_names *names = parse_names(&argc, &argv);
    bool netdev = argc > 0 && !strcmp(argv[0], "--netdev");
    struct ds line = DS_EMPTY_INITIALIZER;

    while (!ds_get_line(&line, stdin)) {
        struct flow key;
        struct flow_wildcards wc;
        char *error = odp_flow_from_string(ds_cstr(&line), names, &key, &wc);
        if (error) {
            printf("error: %s\n", error);
            free(error);
            continue;
        }
        if (netdev) {
            wc.masks.recirc_id = UINT32_MAX;
        }
        struct ds s = DS_EMPTY_INITIALIZER;
        odp_flow_format(&key, &wc, NULL, &s, false);
        ds_put_char(&s, '\n');
        odp_flow_format(&key, &wc, names, &s, true);
        puts(ds_cstr(&s));
        ds_destroy(&s);
    }
    ds_destroy(&line);
    odp_portno_names_destroy(names);
}

static void
cmd_parse_actions(int argc, char *argv[])
{
    struct odp_portno_names *names = parse_names(&argc, &argv);
    struct ds line = DS_EMPTY_INITIALIZER;

    while (!ds_get_line(&line, stdin)) {
        struct ofpbuf b;
        ofpbuf_init(&b, 64);
        char *error = odp_actions_from_string(ds_cstr(&line), names, &b);
        if (error) {
            printf("error: %s\n", error);
            free(error);
        } else if (odp_actions_validate(b.data, b.size)) {
            printf("invalid encoding\n");
        } else {
            struct ds s = DS_EMPTY_INITIALIZER;
            format_odp_actions(&s, b.data, b.size, names);
            puts(ds_cstr(&s));
            ds_destroy(&s);
        }
        ofpbuf_uninit(&b);
    }
    ds_destroy(&line);
    odp_portno_names_destroy(names);
}

static void
cmd_validate_hex(void)
{
    struct ds line = DS_EMPTY_INITIALIZER;

    while (!ds_get_line(&line, stdin)) {
        struct ofpbuf b;
        size_t n;
        ofpbuf_init(&b, 64);
        const char *end = ofpbuf_put_hex(&b, ds_cstr(&line), &n);
        if (*end) {
            printf("error: bad hex at %s\n", end);
        } else if (odp_actions_validate(b.data, b.size)) {
            printf("invalid\n");
        } else {
            struct ds s = DS_EMPTY_INITIALIZER;
            format_odp_actions(&s, b.data, b.size, NULL);
            printf("ok: %s\n", ds_cstr(&s));
            ds_destroy(&s);
        }
        ofpbuf_uninit(&b);
    }
    ds_destroy(&line);
}

static void
print_batch(const char *prefix, const struct dp_packet_batch *batch)
{
    struct dp_packet *p;

    DP_PACKET_BATCH_FOR_EACH (i, p, batch) {
        struct ds s = DS_EMPTY_INITIALIZER;
        ds_put_hex(&s, dp_packet_data(p), dp_packet_size(p));
        printf("%s %s", prefix, ds_cstr(&s));
        if (p->skb_priority || p->pkt_mark || p->dp_hash) {
            printf(" priority=%u mark=%u hash=%#x", p->skb_priority,
                   p->pkt_mark, p->dp_hash);
        }
        putchar('\n');
        ds_destroy(&s);
    }
}

static void
execute_cb(void *aux SVS_UNUSED, struct dp_packet_batch *batch,
           const struct nlattr *action, bool should_steal)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    format_odp_actions(&s, action, NLA_ALIGN(action->nla_len), NULL);
    ds_put_format(&s, " steal=%d", should_steal);
    print_batch(ds_cstr(&s), batch);
    ds_destroy(&s);
    if (should_steal) {
        dp_packet_batch_destroy(batch);
    }
}

static void
cmd_execute(int argc, char *argv[])
{
    bool steal = true;
    if (argc > 0 && !strcmp(argv[0], "--no-steal")) {
        steal = false;
        argc--;
        argv++;
    }
    if (argc != 2) {
        svs_fatal(0, "execute: need HEX-PACKET ACTIONS");
    }

    struct ofpbuf pkt, acts;
    size_t n;
    ofpbuf_init(&pkt, 64);
    ofpbuf_init(&acts, 64);
    const char *end = ofpbuf_put_hex(&pkt, argv[0], &n);
    if (*end) {
        svs_fatal(0, "bad hex at %s", end);
    }
    char *error = odp_actions_from_string(argv[1], NULL, &acts);
    if (error) {
        svs_fatal(0, "%s", error);
    }

    struct dp_packet_batch batch;
    dp_packet_batch_init(&batch);
    dp_packet_batch_add(&batch, dp_packet_clone_data(pkt.data, pkt.size));
    odp_execute_actions(NULL, &batch, steal, acts.data, acts.size,
                        execute_cb);
    if (!steal) {
        print_batch("kept", &batch);
        dp_packet_batch_destroy(&batch);
    } else if (batch.count) {
        svs_fatal(0, "stolen batch not emptied");
    }
    ofpbuf_uninit(&pkt);
    ofpbuf_uninit(&acts);
}

static void
cmd_commit(int argc, char *argv[])
{
    struct flow base, flow;
    struct flow_wildcards wc1, wc2, wc;

    if (argc != 2 && argc != 3) {
        svs_fatal(0, "commit: need BASE-KEY FLOW-KEY [WC-KEY]");
    }
    char *error = odp_flow_from_string(argv[0], NULL, &base, &wc1);
    if (!error) {
        error = odp_flow_from_string(argv[1], NULL, &flow, &wc2);
    }
    flow_wildcards_init_catchall(&wc);
    if (!error && argc == 3) {
        struct flow dummy;
        error = odp_flow_from_string(argv[2], NULL, &dummy, &wc);
    }
    if (error) {
        printf("error: %s\n", error);
        free(error);
        return;
    }

    struct ofpbuf acts;
    struct ds s = DS_EMPTY_INITIALIZER;
    ofpbuf_init(&acts, 64);
    odp_commit_set_actions(&flow, &base, &acts, &wc);
    format_odp_actions(&s, acts.data, acts.size, NULL);
    ds_put_cstr(&s, "\nwc: ");
    odp_flow_format(&flow, &wc, NULL, &s, false);
    puts(ds_cstr(&s));

    /* Committing again must change nothing. */
    ofpbuf_clear(&acts);
    odp_commit_set_actions(&flow, &base, &acts, NULL);
    if (acts.size) {
        puts("error: second commit emitted actions");
    }
    ds_destroy(&s);
    ofpbuf_uninit(&acts);
}

static void
cmd_ufid(int argc, char *argv[])
{
    struct flow key;
    struct flow_wildcards wc;
    svs_u128 ufid, back;

    if (argc != 1) {
        svs_fatal(0, "ufid: need KEY");
    }
    char *error = odp_flow_from_string(argv[0], NULL, &key, &wc);
    if (error) {
        printf("error: %s\n", error);
        free(error);
        return;
    }
    odp_flow_key_hash_ufid(&key, &wc, &ufid);
    struct ds s = DS_EMPTY_INITIALIZER;
    odp_format_ufid(&ufid, &s);
    if (!odp_ufid_from_string(ds_cstr(&s), &back)
        || memcmp(&ufid, &back, sizeof ufid)) {
        printf("mismatch: %s\n", ds_cstr(&s));
    } else {
        printf("ok %s\n", ds_cstr(&s));
    }
    ds_destroy(&s);
}

/* Internal checks that the differential tests cannot reach. */
static void
cmd_unit(void)
{
    /* Builders produce lists that validate and print as expected. */
    struct ofpbuf b;
    struct ds s = DS_EMPTY_INITIALIZER;
    ofpbuf_init(&b, 64);
    odp_put_push_vlan_action(&b, htons(ETH_TYPE_VLAN_8021Q),
                             htons(VLAN_CFI | 10));
    odp_put_output_action(&b, 3);
    odp_put_userspace_action(&b, 7, "\x01\x02", 2);
    odp_put_recirc_action(&b, 5);
    odp_put_pop_vlan_action(&b);
    svs_assert(!odp_actions_validate(b.data, b.size));
    format_odp_actions(&s, b.data, b.size, NULL);
    if (strcmp(ds_cstr(&s), "push_vlan(vid=10,pcp=0),3,"
               "userspace(pid=7,userdata(0102000000000000)),recirc(0x5),"
               "pop_vlan")) {
        svs_fatal(0, "builders: %s", ds_cstr(&s));
    }

    /* Every truncation of a valid list is rejected or still valid, never
     * read past its end (the sanitizers check that). */
    for (size_t len = 0; len < b.size; len++) {
        void *copy = xmemdup(b.data, len);
        (void) odp_actions_validate(copy, len);
        free(copy);
    }
    /* A nested attribute whose length overruns its parent is invalid. */
    uint8_t bad[] = { 8, 0, OVS_ACTION_ATTR_CLONE, 0, 12, 0, 1, 0 };
    svs_assert(odp_actions_validate((void *) bad, sizeof bad) == EINVAL);
    /* An output action of the wrong size is invalid. */
    uint8_t bad2[] = { 6, 0, OVS_ACTION_ATTR_OUTPUT, 0, 1, 0, 0, 0 };
    svs_assert(odp_actions_validate((void *) bad2, sizeof bad2) == EINVAL);

    /* Port names. */
    struct odp_portno_names *names = odp_portno_names_create();
    odp_portno_names_set(names, 3, "p1");
    odp_portno_names_set(names, 3, "p9");
    svs_assert(!strcmp(odp_portno_names_get(names, 3), "p9"));
    svs_assert(odp_portno_names_find(names, "p9") == 3);
    svs_assert(odp_portno_names_find(names, "p1") == ODPP_NONE);
    ds_clear(&s);
    format_odp_actions(&s, b.data, b.size, names);
    svs_assert(strstr(ds_cstr(&s), ",p9,"));
    odp_portno_names_destroy(names);

    /* The drop action. */
    ofpbuf_clear(&b);
    odp_put_drop_action(&b);
    ds_clear(&s);
    format_odp_actions(&s, b.data, b.size, NULL);
    svs_assert(!strcmp(ds_cstr(&s), "drop"));
    svs_assert(!odp_actions_validate(b.data, b.size));

    /* Prerequisites. */
    struct flow key;
    struct flow_wildcards wc;
    char *error = odp_flow_from_string(
        "in_port(1),eth(),eth_type(0x0800),ipv4(proto=6),tcp(dst=80)", NULL,
        &key, &wc);
    svs_assert(!error);
    wc.masks.nw_proto = 0;
    odp_flow_mask_add_prerequisites(&key, &wc);
    svs_assert(wc.masks.nw_proto == UINT8_MAX);
    svs_assert(wc.masks.dl_type == UINT16_MAX);
    svs_assert(wc.masks.recirc_id == UINT32_MAX);

    ds_destroy(&s);
    ofpbuf_uninit(&b);
    puts("ok");
}

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);
    if (argc < 2) {
        svs_fatal(0, "usage: %s COMMAND [ARG...]", argv[0]);
    }
    const char *cmd = argv[1];
    argc -= 2;
    argv += 2;
    if (!strcmp(cmd, "parse-keys")) {
        cmd_parse_keys(argc, argv);
    } else if (!strcmp(cmd, "parse-actions")) {
        cmd_parse_actions(argc, argv);
    } else if (!strcmp(cmd, "validate-hex")) {
        cmd_validate_hex();
    } else if (!strcmp(cmd, "execute")) {
        cmd_execute(argc, argv);
    } else if (!strcmp(cmd, "commit")) {
        cmd_commit(argc, argv);
    } else if (!strcmp(cmd, "ufid")) {
        cmd_ufid(argc, argv);
    } else if (!strcmp(cmd, "unit")) {
        cmd_unit();
    } else {
        svs_fatal(0, "unknown command %s", cmd);
    }
    return 0;
}
