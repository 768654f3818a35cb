/* ofp-table.c: OpenFlow table messages and action bitmaps (see
 * ofp-table.h). */
#include <config.h>
#include "ofp-table.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "dynamic-string.h"
#include "ofp-msgs.h"
#include "ofp-print.h"
#include "ofp-prop.h"
#include "ofpbuf.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_table);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Action bitmaps. */

/* For each action bit, its name and its action type in OpenFlow 1.0, 1.1
 * and 1.2+ (-1 if the version lacks it). */
static const struct {
    const char *name;
    int of10, of11, of12;
} action_bits[OFPUTIL_AB_N] = {
    [OFPUTIL_AB_OUTPUT] = { "output", 0, 0, 0 },
    [OFPUTIL_AB_GROUP] = { "group", -1, 22, 22 },
    [OFPUTIL_AB_ENQUEUE] = { "enqueue", 11, -1, -1 },
    [OFPUTIL_AB_SET_FIELD] = { "set_field", -1, -1, 25 },
    [OFPUTIL_AB_SET_VLAN_VID] = { "set_vlan_vid", 1, 1, -1 },
    [OFPUTIL_AB_SET_VLAN_PCP] = { "set_vlan_pcp", 2, 2, -1 },
    [OFPUTIL_AB_STRIP_VLAN] = { "strip_vlan", 3, 18, 18 },
    [OFPUTIL_AB_PUSH_VLAN] = { "push_vlan", -1, 17, 17 },
    [OFPUTIL_AB_SET_ETH_SRC] = { "mod_dl_src", 4, 3, -1 },
    [OFPUTIL_AB_SET_ETH_DST] = { "mod_dl_dst", 5, 4, -1 },
    [OFPUTIL_AB_SET_IPV4_SRC] = { "mod_nw_src", 6, 5, -1 },
    [OFPUTIL_AB_SET_IPV4_DST] = { "mod_nw_dst", 7, 6, -1 },
    [OFPUTIL_AB_SET_IP_DSCP] = { "mod_nw_tos", 8, 7, -1 },
    [OFPUTIL_AB_SET_IP_ECN] = { "mod_nw_ecn", -1, 8, -1 },
    [OFPUTIL_AB_SET_IP_TTL] = { "mod_nw_ttl", -1, 23, 23 },
    [OFPUTIL_AB_SET_L4_SRC_PORT] = { "mod_tp_src", 9, 9, -1 },
    [OFPUTIL_AB_SET_L4_DST_PORT] = { "mod_tp_dst", 10, 10, -1 },
    [OFPUTIL_AB_DEC_TTL] = { "dec_ttl", -1, 24, 24 },
    [OFPUTIL_AB_SET_MPLS_LABEL] = { "set_mpls_label", -1, 13, -1 },
    [OFPUTIL_AB_SET_MPLS_TC] = { "set_mpls_tc", -1, 14, -1 },
    [OFPUTIL_AB_SET_MPLS_TTL] = { "set_mpls_ttl", -1, 15, 15 },
    [OFPUTIL_AB_DEC_MPLS_TTL] = { "dec_mpls_ttl", -1, 16, 16 },
    [OFPUTIL_AB_PUSH_MPLS] = { "push_mpls", -1, 19, 19 },
    [OFPUTIL_AB_POP_MPLS] = { "pop_mpls", -1, 20, 20 },
    [OFPUTIL_AB_SET_QUEUE] = { "set_queue", -1, 21, 21 },
};

/* Returns the action type of 'bit' in 'version', or -1 if none. */
int
ofputil_action_bit_to_type(enum ofputil_action_bit bit,
                           enum ofp_version version)
{
    return (version == OFP10_VERSION ? action_bits[bit].of10
            : version == OFP11_VERSION ? action_bits[bit].of11
            : action_bits[bit].of12);
}

/* Returns the action bit of OpenFlow action type 'type' in 'version', or
 * -1 if there is none. */
int
ofputil_action_bit_from_type(uint16_t type, enum ofp_version version)
{
    for (int i = 0; i < OFPUTIL_AB_N; i++) {
        if (ofputil_action_bit_to_type(i, version) == type) {
            return i;
        }
    }
    return -1;
}

/* Returns the name of action bit 'bit'. */
const char *
ofputil_action_bit_name(enum ofputil_action_bit bit)
{
    return action_bits[bit].name;
}

/* Converts an OpenFlow action bitmap of 'version' (bit N for action type
 * N) to the internal form, dropping unknown bits. */
uint64_t
ofputil_action_bitmap_from_openflow(be32 bitmap, enum ofp_version version)
{
    uint32_t b = ntohl(bitmap);
    uint64_t result = 0;

    for (int i = 0; i < OFPUTIL_AB_N; i++) {
        int type = ofputil_action_bit_to_type(i, version);
        if (type >= 0 && b & (1u << type)) {
            result |= UINT64_C(1) << i;
        }
    }
    return result;
}

/* Converts an internal action bitmap to an OpenFlow one for 'version'. */
be32
ofputil_action_bitmap_to_openflow(uint64_t bitmap, enum ofp_version version)
{
    uint32_t result = 0;

    for (int i = 0; i < OFPUTIL_AB_N; i++) {
        int type = ofputil_action_bit_to_type(i, version);
        if (type >= 0 && bitmap & (UINT64_C(1) << i)) {
            result |= 1u << type;
        }
    }
    return htonl(result);
}

/* Appends the names of the actions in 'bitmap', or "<none>". */
void
ofputil_action_bitmap_format(struct ds *s, uint64_t bitmap)
{
    if (!bitmap) {
        ds_put_cstr(s, "<none>");
        return;
    }
    bool first = true;
    for (int i = 0; i < OFPUTIL_AB_N; i++) {
        if (bitmap & (UINT64_C(1) << i)) {
            ds_put_format(s, "%s%s", first ? "" : " ", action_bits[i].name);
            first = false;
        }
    }
}

/* Appends 'table_id' ("ALL" for OFPTT_ALL). */
void
ofputil_format_table(struct ds *s, uint8_t table_id)
{
    if (table_id == OFPTT_ALL) {
        ds_put_cstr(s, "ALL");
    } else {
        ds_put_format(s, "%"PRIu8, table_id);
    }
}

/* Names. */

const char *
ofputil_table_miss_to_string(enum ofputil_table_miss miss)
{
    switch (miss) {
    case OFPUTIL_TABLE_MISS_DEFAULT:
        return "default";
    case OFPUTIL_TABLE_MISS_CONTROLLER:
        return "controller";
    case OFPUTIL_TABLE_MISS_CONTINUE:
        return "continue";
    case OFPUTIL_TABLE_MISS_DROP:
        return "drop";
    }
    return "***error***";
}

const char *
ofputil_table_eviction_to_string(int eviction)
{
    switch (eviction) {
    case OFPUTIL_TABLE_EVICTION_DEFAULT:
        return "default";
    case OFPUTIL_TABLE_EVICTION_ON:
        return "on";
    case OFPUTIL_TABLE_EVICTION_OFF:
        return "off";
    }
    return "***error***";
}

const char *
ofputil_table_vacancy_to_string(enum ofputil_table_vacancy vacancy)
{
    switch (vacancy) {
    case OFPUTIL_TABLE_VACANCY_DEFAULT:
        return "default";
    case OFPUTIL_TABLE_VACANCY_ON:
        return "on";
    case OFPUTIL_TABLE_VACANCY_OFF:
        return "off";
    }
    return "***error***";
}

/* Decodes the table-miss bits of OpenFlow 1.1/1.2 table 'config'. */
enum ofputil_table_miss
ofputil_decode_table_miss(be32 config_, enum ofp_version version)
{
    uint32_t config = ntohl(config_);

    if (version == OFP11_VERSION || version == OFP12_VERSION) {
        switch (config & OFPTC11_TABLE_MISS_MASK) {
        case OFPTC11_TABLE_MISS_CONTROLLER:
            return OFPUTIL_TABLE_MISS_CONTROLLER;
        case OFPTC11_TABLE_MISS_CONTINUE:
            return OFPUTIL_TABLE_MISS_CONTINUE;
        case OFPTC11_TABLE_MISS_DROP:
            return OFPUTIL_TABLE_MISS_DROP;
        default:
            VLOG_WARN_RL(&rl, "bad table miss config %"PRIu32,
                         config & OFPTC11_TABLE_MISS_MASK);
            return OFPUTIL_TABLE_MISS_CONTROLLER;
        }
    }
    return OFPUTIL_TABLE_MISS_DEFAULT;
}

static be32
encode_table_miss(enum ofputil_table_miss miss)
{
    return htonl(miss == OFPUTIL_TABLE_MISS_CONTINUE
                 ? OFPTC11_TABLE_MISS_CONTINUE
                 : miss == OFPUTIL_TABLE_MISS_DROP
                 ? OFPTC11_TABLE_MISS_DROP
                 : OFPTC11_TABLE_MISS_CONTROLLER);
}

/* Parses a vacancy property into 'down', 'up' and 'vacancy'. */
static enum ofperr
parse_vacancy_property(const struct ofpbuf *property, uint8_t *down,
                       uint8_t *up, uint8_t *vacancy)
{
    const struct ofp14_table_mod_prop_vacancy *tmv = property->header;

    if (property->size != sizeof *tmv - sizeof(struct ofp_prop_header)) {
        return OFPERR_OFPBPC_BAD_LEN;
    }
    *down = tmv->vacancy_down;
    *up = tmv->vacancy_up;
    *vacancy = tmv->vacancy;
    if (*down > 100) {
        VLOG_WARN_RL(&rl, "Value of vacancy_down is greater than 100");
        return OFPERR_OFPBPC_BAD_VALUE;
    }
    if (*up > 100) {
        VLOG_WARN_RL(&rl, "Value of vacancy_up is greater than 100");
        return OFPERR_OFPBPC_BAD_VALUE;
    }
    if (*down > *up) {
        VLOG_WARN_RL(&rl, "Value of vacancy_down is greater than "
                     "vacancy_up");
        return OFPERR_OFPBPC_BAD_VALUE;
    }
    return 0;
}

/* Table mods. */

/* Decodes the table-mod 'oh' into 'tm'. */
enum ofperr
ofputil_decode_table_mod(const struct ofp_header *oh,
                         struct ofputil_table_mod *tm)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    enum ofpraw raw = ofpraw_pull_assert(&b);

    memset(tm, 0, sizeof *tm);
    tm->eviction_flags = UINT32_MAX;

    const struct ofp11_table_mod *otm = ofpbuf_pull(&b, sizeof *otm);
    tm->table_id = otm->table_id;
    tm->miss = ofputil_decode_table_miss(otm->config, oh->version);
    if (raw != OFPRAW_OFPT14_TABLE_MOD) {
        return 0;
    }

    uint32_t config = ntohl(otm->config);
    tm->eviction = (config & OFPTC14_EVICTION ? OFPUTIL_TABLE_EVICTION_ON
                    : OFPUTIL_TABLE_EVICTION_OFF);
    tm->vacancy = (config & OFPTC14_VACANCY_EVENTS ? OFPUTIL_TABLE_VACANCY_ON
                   : OFPUTIL_TABLE_VACANCY_OFF);

    while (b.size > 0) {
        struct ofpbuf property;
        uint64_t type;
        enum ofperr error = ofpprop_pull(&b, &property, &type);
        if (error) {
            return error;
        }

        switch (type) {
        case OFPTMPT14_EVICTION: {
            uint32_t flags;
            error = ofpprop_parse_u32(&property, &flags);
            if (!error) {
                /* Open vSwitch stores the flags where it keeps the
                 * eviction setting, so a table-mod with an eviction
                 * property prints the flags as the setting. */
                tm->eviction = flags;
                tm->eviction_flags = flags;
            }
            break;
        }
        case OFPTMPT14_VACANCY: {
            uint8_t vacancy;
            error = parse_vacancy_property(&property, &tm->table_vacancy_down,
                                           &tm->table_vacancy_up, &vacancy);
            if (!error && vacancy) {
                VLOG_WARN_RL(&rl, "Vacancy value should be zero for "
                             "table-mod messages");
                error = OFPERR_OFPBPC_BAD_VALUE;
            }
            break;
        }
        default:
            error = OFPERR_OFPBRC_BAD_TYPE;
            break;
        }
        if (error) {
            return error;
        }
    }
    return 0;
}

/* Returns a table-mod message of 'version' for 'tm'. */
struct ofpbuf *
ofputil_encode_table_mod(const struct ofputil_table_mod *tm,
                         enum ofp_version version)
{
    struct ofpbuf *b;

    if (version <= OFP13_VERSION) {
        b = ofpraw_alloc(OFPRAW_OFPT11_TABLE_MOD, version, 0);
        struct ofp11_table_mod *otm = ofpbuf_put_zeros(b, sizeof *otm);
        otm->table_id = tm->table_id;
        if (version <= OFP12_VERSION) {
            otm->config = encode_table_miss(tm->miss);
        }
    } else {
        b = ofpraw_alloc(OFPRAW_OFPT14_TABLE_MOD, version, 16);
        struct ofp11_table_mod *otm = ofpbuf_put_zeros(b, sizeof *otm);
        uint32_t config = 0;
        otm->table_id = tm->table_id;
        if (tm->eviction == OFPUTIL_TABLE_EVICTION_ON) {
            config |= OFPTC14_EVICTION;
        }
        if (tm->vacancy == OFPUTIL_TABLE_VACANCY_ON) {
            config |= OFPTC14_VACANCY_EVENTS;
        }
        otm->config = htonl(config);
        if (tm->eviction_flags != UINT32_MAX) {
            ofpprop_put_u32(b, OFPTMPT14_EVICTION, tm->eviction_flags);
        }
        if (tm->vacancy == OFPUTIL_TABLE_VACANCY_ON
            && (tm->table_vacancy_down || tm->table_vacancy_up)) {
            struct ofp14_table_mod_prop_vacancy *tmv
                = ofpbuf_put_zeros(b, sizeof *tmv);
            tmv->type = htons(OFPTMPT14_VACANCY);
            tmv->length = htons(sizeof *tmv);
            tmv->vacancy_down = tm->table_vacancy_down;
            tmv->vacancy_up = tm->table_vacancy_up;
        }
    }
    ofpmsg_update_length(b);
    return b;
}

/* Appends 'tm', a table-mod of 'version', as ovs-ofctl prints it. */
void
ofputil_table_mod_format(struct ds *s, enum ofp_version version,
                         const struct ofputil_table_mod *tm)
{
    if (tm->table_id == OFPTT_ALL) {
        ds_put_cstr(s, " table_id: ALL_TABLES");
    } else {
        ds_put_format(s, " table_id=%"PRIu8, tm->table_id);
    }

    if (version == OFP11_VERSION || version == OFP12_VERSION) {
        ds_put_format(s, ", flow_miss_config=%s",
                      ofputil_table_miss_to_string(tm->miss));
    }
    if (version >= OFP14_VERSION) {
        if (tm->eviction != OFPUTIL_TABLE_EVICTION_DEFAULT) {
            ds_put_format(s, ", eviction=%s",
                          ofputil_table_eviction_to_string(tm->eviction));
        }
        ds_put_format(s, ", vacancy=%s",
                      ofputil_table_vacancy_to_string(tm->vacancy));
        if (tm->vacancy == OFPUTIL_TABLE_VACANCY_ON) {
            ds_put_format(s, " vacancy:%"PRIu8",%"PRIu8,
                          tm->table_vacancy_down, tm->table_vacancy_up);
        }
    }
}

/* Table descriptions. */

/* Pulls the next table description off 'msg' (an OFPST_TABLE_DESC reply
 * of 'version', or the body of an OFPT_TABLE_STATUS) into 'td'.  Returns
 * 0, EOF at the end, or an OpenFlow error. */
int
ofputil_decode_table_desc(struct ofpbuf *msg, struct ofputil_table_desc *td,
                          enum ofp_version version SVS_UNUSED)
{
    memset(td, 0, sizeof *td);
    if (!msg->header) {
        ofpraw_pull_assert(msg);
    }
    if (!msg->size) {
        return EOF;
    }

    const struct ofp14_table_desc *otd = ofpbuf_try_pull(msg, sizeof *otd);
    if (!otd) {
        VLOG_WARN_RL(&rl, "OFP14_TABLE_DESC reply has %"PRIu32" leftover "
                     "bytes at end", msg->size);
        return OFPERR_OFPBRC_BAD_LEN;
    }
    size_t length = ntohs(otd->length);
    if (length < sizeof *otd || length - sizeof *otd > msg->size) {
        VLOG_WARN_RL(&rl, "OFP14_TABLE_DESC reply claims invalid length "
                     "%zu", length);
        return OFPERR_OFPBRC_BAD_LEN;
    }

    struct ofpbuf properties;
    size_t props_len = length - sizeof *otd;
    ofpbuf_use_const(&properties, ofpbuf_pull(msg, props_len), props_len);

    uint32_t config = ntohl(otd->config);
    td->table_id = otd->table_id;
    td->eviction = (config & OFPTC14_EVICTION ? OFPUTIL_TABLE_EVICTION_ON
                    : OFPUTIL_TABLE_EVICTION_OFF);
    td->eviction_flags = UINT32_MAX;
    td->vacancy = (config & OFPTC14_VACANCY_EVENTS ? OFPUTIL_TABLE_VACANCY_ON
                   : OFPUTIL_TABLE_VACANCY_OFF);

    while (properties.size > 0) {
        struct ofpbuf payload;
        uint64_t type;
        enum ofperr error = ofpprop_pull(&properties, &payload, &type);
        if (error) {
            return error;
        }

        switch (type) {
        case OFPTMPT14_EVICTION:
            error = ofpprop_parse_u32(&payload, &td->eviction_flags);
            break;
        case OFPTMPT14_VACANCY: {
            const struct ofp14_table_mod_prop_vacancy *tmv = payload.header;
            if (payload.size != sizeof *tmv - sizeof(struct ofp_prop_header)) {
                error = OFPERR_OFPBPC_BAD_LEN;
                break;
            }
            td->table_vacancy_down = tmv->vacancy_down;
            td->table_vacancy_up = tmv->vacancy_up;
            td->table_vacancy = tmv->vacancy;
            break;
        }
        default:
            /* Unknown properties are ignored. */
            break;
        }
        if (error) {
            return error;
        }
    }
    return 0;
}

static void
put_table_desc(const struct ofputil_table_desc *td, struct ofpbuf *b)
{
    size_t start_ofs = b->size;
    struct ofp14_table_desc *otd = ofpbuf_put_zeros(b, sizeof *otd);
    uint32_t config = 0;

    otd->table_id = td->table_id;
    if (td->eviction == OFPUTIL_TABLE_EVICTION_ON) {
        config |= OFPTC14_EVICTION;
    }
    if (td->vacancy == OFPUTIL_TABLE_VACANCY_ON) {
        config |= OFPTC14_VACANCY_EVENTS;
    }
    otd->config = htonl(config);
    if (td->eviction_flags != UINT32_MAX) {
        ofpprop_put_u32(b, OFPTMPT14_EVICTION, td->eviction_flags);
    }
    if (td->vacancy == OFPUTIL_TABLE_VACANCY_ON) {
        struct ofp14_table_mod_prop_vacancy *tmv = ofpbuf_put_zeros(
            b, sizeof *tmv);
        tmv->type = htons(OFPTMPT14_VACANCY);
        tmv->length = htons(sizeof *tmv);
        tmv->vacancy_down = td->table_vacancy_down;
        tmv->vacancy_up = td->table_vacancy_up;
        tmv->vacancy = td->table_vacancy;
    }
    otd = ofpbuf_at_assert(b, start_ofs, sizeof *otd);
    otd->length = htons(b->size - start_ofs);
}

/* Appends 'td' to the table description replies in 'replies'. */
void
ofputil_append_table_desc_reply(const struct ofputil_table_desc *td,
                                struct svs_list *replies,
                                enum ofp_version version SVS_UNUSED)
{
    struct ofpbuf *reply = CONTAINER_OF(svs_list_back(replies),
                                        struct ofpbuf, list_node);
    size_t start_ofs = reply->size;
    put_table_desc(td, reply);
    ofpmp_postappend(replies, start_ofs);
}

static void
format_eviction_flags(struct ds *s, uint32_t flags)
{
    if (flags == UINT32_MAX) {
        ds_put_cstr(s, "(default)");
        return;
    }
    static const char *const names[] = { "OTHER", "IMPORTANCE", "LIFETIME" };
    bool first = true;
    for (int i = 0; i < 3; i++) {
        if (flags & (1u << i)) {
            ds_put_format(s, "%s%s", first ? "" : "|", names[i]);
            first = false;
            flags &= ~(1u << i);
        }
    }
    if (flags) {
        ds_put_format(s, "%s0x%"PRIx32, first ? "" : "|", flags);
    }
}

/* Appends 'td' as ovs-ofctl prints a table description. */
void
ofputil_table_desc_format(struct ds *s, const struct ofputil_table_desc *td)
{
    ds_put_format(s, "\n  table %"PRIu8":\n", td->table_id);
    ds_put_format(s, "   eviction=%s eviction_flags=",
                  ofputil_table_eviction_to_string(td->eviction));
    format_eviction_flags(s, td->eviction_flags);
    ds_put_format(s, "\n   vacancy=%s",
                  ofputil_table_vacancy_to_string(td->vacancy));
    if (td->vacancy == OFPUTIL_TABLE_VACANCY_ON) {
        ds_put_format(s, " vacancy_down=%"PRIu8"%% vacancy_up=%"PRIu8"%%"
                      " vacancy=%"PRIu8"%%", td->table_vacancy_down,
                      td->table_vacancy_up, td->table_vacancy);
    }
    ds_put_char(s, '\n');
}

/* Table status. */

/* Decodes the OFPT_TABLE_STATUS 'oh' into 'ts'. */
enum ofperr
ofputil_decode_table_status(const struct ofp_header *oh,
                            struct ofputil_table_status *ts)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);

    const struct ofp14_table_status *ots = ofpbuf_pull(&b, sizeof *ots);
    if (ots->reason != OFPTR_VACANCY_DOWN && ots->reason != OFPTR_VACANCY_UP) {
        return OFPERR_OFPBPC_BAD_VALUE;
    }
    ts->reason = ots->reason;

    /* A status without a table description fails with EOF, which
     * ofperr_to_string() prints as "<invalid>", as Open vSwitch does. */
    return ofputil_decode_table_desc(&b, &ts->desc, oh->version);
}

/* Returns an OFPT_TABLE_STATUS of 'version' for 'ts'. */
struct ofpbuf *
ofputil_encode_table_status(const struct ofputil_table_status *ts,
                            enum ofp_version version)
{
    struct ofpbuf *b = ofpraw_alloc_xid(OFPRAW_OFPT14_TABLE_STATUS, version,
                                        0, 32);
    struct ofp14_table_status *ots = ofpbuf_put_zeros(b, sizeof *ots);
    ots->reason = ts->reason;
    put_table_desc(&ts->desc, b);
    ofpmsg_update_length(b);
    return b;
}

/* Printers. */

static enum ofperr
print_table_mod(struct ds *s, const struct ofp_header *oh,
                enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_table_mod tm;
    enum ofperr error = ofputil_decode_table_mod(oh, &tm);
    if (!error) {
        ofputil_table_mod_format(s, oh->version, &tm);
    }
    return error;
}

static enum ofperr
print_table_desc_reply(struct ds *s, const struct ofp_header *oh,
                       enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_table_desc td;
        int retval = ofputil_decode_table_desc(&b, &td, oh->version);
        if (retval) {
            return retval == EOF ? 0 : retval;
        }
        ofputil_table_desc_format(s, &td);
    }
}

static enum ofperr
print_table_status(struct ds *s, const struct ofp_header *oh,
                   enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_table_status ts;
    enum ofperr error = ofputil_decode_table_status(oh, &ts);
    if (error) {
        return error;
    }
    ds_put_format(s, " reason=%s", (ts.reason == OFPTR_VACANCY_DOWN
                                    ? "VACANCY_DOWN" : "VACANCY_UP"));
    ds_put_cstr(s, "\ntable_desc:-");
    ofputil_table_desc_format(s, &ts.desc);
    return 0;
}

/* Registers the printers of this module's messages with ofp-print. */
void
ofputil_table_print_register(void)
{
    ofp_print_register_default(OFPTYPE_TABLE_MOD, print_table_mod);
    ofp_print_register_default(OFPTYPE_TABLE_DESC_REPLY,
                               print_table_desc_reply);
    ofp_print_register_default(OFPTYPE_TABLE_STATUS, print_table_status);
}
