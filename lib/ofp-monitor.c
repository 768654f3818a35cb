/* ofp-monitor.c: flow monitors and request forwarding (see
 * ofp-monitor.h). */
#include <config.h>
#include "ofp-monitor.h"

#include <errno.h>
#include <inttypes.h>
#include "nx-match.h"
#include "ofp-actions.h"
#include "ofp-port.h"
#include "ofp-table.h"

#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "ofp-msgs.h"
#include "ofp-print.h"
#include "util.h"

/* Flow monitors.
 *
 * Wire layouts (after the multipart headers):
 *   NX (1.0-1.2) request: id(4) flags(2) out_port(2) match_len(2)
 *     table_id(1) zeros(5), then an NXM match padded to 8.
 *   ONF (1.3) request: id(4) flags(2) match_len(2) out_port(4) table_id(1)
 *     zeros(3), then an OXM match (with its ofp11 match header) padded.
 *   OpenFlow 1.4+ request: id(4) out_port(4) out_group(4) flags(2)
 *     table_id(1) command(1), then an OXM match.
 *   NX/ONF full update: length(2) event(2) reason(2) priority(2) idle(2)
 *     hard(2) match_len(2) table_id(1) zero(1) cookie(8), then the match
 *     (NXM, or OXM with header), padding and actions.
 *   OpenFlow 1.4+ full update: length(2) event(2) table_id(1) reason(1)
 *     idle(2) hard(2) priority(2) zeros(4) cookie(8), then an OXM match and
 *     instructions.
 *   Abbreviated update: length(2)=8 event(2) xid(4); 1.4+ paused/resumed:
 *     length(2)=8 event(2) zeros(4). */

/* OpenFlow 1.4 events (the NX/ONF ones are NXFME_*). */
enum { OFPFME14_INITIAL, OFPFME14_ADDED, OFPFME14_REMOVED,
       OFPFME14_MODIFIED, OFPFME14_ABBREV, OFPFME14_PAUSED,
       OFPFME14_RESUMED };

#define FMR_NX_LEN 16
#define FMR_ONF_LEN 16
#define FMR_OF14_LEN 16
#define FMU_FULL_LEN 24
#define FMU_ABBREV_LEN 8

static bool
is_of14(enum ofp_version version)
{
    return version >= OFP14_VERSION;
}

/* Converts wire flags of 'version' to NX flags, or returns -1 if some bit
 * is unknown. */
static int
monitor_flags_to_nx(uint16_t flags, enum ofp_version version)
{
    if (!is_of14(version)) {
        return flags & ~0x3f ? -1 : flags;
    }
    if (flags & ~(OFPFMF14_INITIAL | OFPFMF14_ADD | OFPFMF14_REMOVED
                  | OFPFMF14_MODIFY | OFPFMF14_INSTRUCTIONS
                  | OFPFMF14_ONLY_OWN)) {
        return -1;
    }
    return ((flags & 0x1f) | (flags & OFPFMF14_ONLY_OWN ? NXFMF_OWN : 0));
}

static const char *
monitor_flag_name(uint32_t bit)
{
    switch (bit) {
    case NXFMF_INITIAL: return "initial";
    case NXFMF_ADD: return "add";
    case NXFMF_DELETE: return "delete";
    case NXFMF_MODIFY: return "modify";
    case NXFMF_ACTIONS: return "actions";
    case NXFMF_OWN: return "own";
    default: return NULL;
    }
}

/* Pulls the next flow monitor request from 'msg' (a whole flow monitor
 * request message, whose headers are pulled on the first call) into 'rq'.
 * Returns 0, EOF when no requests remain, or an OpenFlow error. */
int
ofputil_decode_flow_monitor_request(struct ofputil_flow_monitor_request *rq,
                                    struct ofpbuf *msg)
{
    const struct ofp_header *oh;
    enum ofperr error;

    if (!msg->header) {
        enum ofpraw raw;
        error = ofpraw_pull(&raw, msg);
        if (error) {
            return error;
        }
    }
    oh = msg->header;
    if (!msg->size) {
        return EOF;
    }

    memset(rq, 0, sizeof *rq);
    rq->out_group = OFPG_ANY;
    rq->command = OFPFMC14_ADD;
    if (oh->version < OFP13_VERSION) {
        const uint8_t *p = ofpbuf_try_pull(msg, FMR_NX_LEN);
        if (!p) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        rq->id = ((uint32_t) p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
        rq->flags = (p[4] << 8) | p[5];
        rq->out_port = (p[6] << 8) | p[7];
        unsigned int match_len = (p[8] << 8) | p[9];
        rq->table_id = p[10];
        if (p[11] | p[12] | p[13] | p[14] | p[15]) {
            return OFPERR_NXBRC_MUST_BE_ZERO;
        }
        error = nx_pull_match(msg, match_len, &rq->match, NULL, NULL, false);
    } else if (oh->version == OFP13_VERSION) {
        const uint8_t *p = ofpbuf_try_pull(msg, FMR_ONF_LEN);
        if (!p) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        rq->id = ((uint32_t) p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
        rq->flags = (p[4] << 8) | p[5];
        be32 port;
        memcpy(&port, p + 8, 4);
        error = ofputil_port_from_ofp11(port, &rq->out_port);
        if (error) {
            return error;
        }
        rq->table_id = p[12];
        if (p[13] | p[14] | p[15]) {
            return OFPERR_NXBRC_MUST_BE_ZERO;
        }
        error = oxm_pull_match(msg, false, &rq->match);
    } else {
        const struct ofp14_flow_monitor_request *m
            = ofpbuf_try_pull(msg, sizeof *m);
        if (!m) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        rq->id = ntohl(m->monitor_id);
        error = ofputil_port_from_ofp11(m->out_port, &rq->out_port);
        if (error) {
            return error;
        }
        rq->out_group = ntohl(m->out_group);
        rq->flags = ntohs(m->flags);
        rq->table_id = m->table_id;
        rq->command = m->command;
        error = oxm_pull_match(msg, false, &rq->match);
    }
    if (error) {
        return error;
    }

    if (rq->command != OFPFMC14_DELETE) {
        int nx = monitor_flags_to_nx(rq->flags, oh->version);
        if (nx < 0 || !(nx & (NXFMF_ADD | NXFMF_DELETE | NXFMF_MODIFY))) {
            return OFPERR_OFPMOFC_BAD_FLAGS;
        }
    }
    return 0;
}

/* Appends 'rq' to flow monitor request 'msg' (whose version decides the
 * encoding).  Call ofpmsg_update_length() when done. */
void
ofputil_append_flow_monitor_request(
    const struct ofputil_flow_monitor_request *rq, struct ofpbuf *msg)
{
    enum ofp_version version = ((const struct ofp_header *)
                                msg->header)->version;
    size_t start = msg->size;

    if (version < OFP13_VERSION) {
        uint8_t *p = ofpbuf_put_zeros(msg, FMR_NX_LEN);
        int match_len = nx_put_match(msg, &rq->match, 0, 0);
        p = (uint8_t *) msg->data + start;
        p[0] = rq->id >> 24; p[1] = rq->id >> 16; p[2] = rq->id >> 8;
        p[3] = rq->id;
        p[4] = rq->flags >> 8; p[5] = rq->flags;
        p[6] = rq->out_port >> 8; p[7] = rq->out_port;
        p[8] = match_len >> 8; p[9] = match_len;
        p[10] = rq->table_id;
    } else if (version == OFP13_VERSION) {
        ofpbuf_put_zeros(msg, FMR_ONF_LEN);
        int match_len = oxm_put_match(msg, &rq->match, version);
        uint8_t *p = (uint8_t *) msg->data + start;
        be32 port = ofputil_port_to_ofp11(rq->out_port);
        p[0] = rq->id >> 24; p[1] = rq->id >> 16; p[2] = rq->id >> 8;
        p[3] = rq->id;
        p[4] = rq->flags >> 8; p[5] = rq->flags;
        p[6] = match_len >> 8; p[7] = match_len;
        memcpy(p + 8, &port, 4);
        p[12] = rq->table_id;
    } else {
        struct ofp14_flow_monitor_request *m = ofpbuf_put_zeros(msg,
                                                                sizeof *m);
        m->monitor_id = htonl(rq->id);
        m->out_port = ofputil_port_to_ofp11(rq->out_port);
        m->out_group = htonl(rq->out_group);
        m->flags = htons(rq->flags);
        m->table_id = rq->table_id;
        m->command = rq->command;
        oxm_put_match(msg, &rq->match, version);
    }
}

/* Appends 'rq' as ovs-ofctl prints a flow monitor request. */
void
ofputil_flow_monitor_request_format(
    struct ds *s, const struct ofputil_flow_monitor_request *rq,
    enum ofp_version version)
{
    ds_put_format(s, "\n id=%"PRIu32" ", rq->id);
    if (rq->command == OFPFMC14_DELETE && is_of14(version)) {
        ds_put_cstr(s, "command=delete");
        return;
    }
    ds_put_cstr(s, "flags=");
    ofp_print_bit_names(s, monitor_flags_to_nx(rq->flags, version),
                        monitor_flag_name, ',');
    if (rq->out_port != OFPP_NONE) {
        ds_put_cstr(s, " out_port=");
        ofputil_format_port(rq->out_port, s);
    }
    if (rq->out_group != OFPG_ANY) {
        ds_put_format(s, " out_group=%"PRId32, (int32_t) rq->out_group);
    }
    if (rq->table_id != 0xff) {
        ds_put_format(s, " table=%"PRIu8, rq->table_id);
    }
    ds_put_char(s, ' ');
    match_format(&rq->match, s, OFP_DEFAULT_PRIORITY);
    ds_chomp(s, ' ');
}

static bool
event_is_full(uint16_t event, bool of14)
{
    return (of14
            ? event <= OFPFME14_MODIFIED
            : event <= NXFME_MODIFIED);
}

/* Pulls the next update of flow monitor reply 'msg' (whose headers are
 * pulled on the first call) into 'update', with its actions in 'ofpacts'.
 * Returns 0, EOF at the end, or an OpenFlow error. */
int
ofputil_decode_flow_update(struct ofputil_flow_update *update,
                           struct ofpbuf *msg, struct ofpbuf *ofpacts)
{
    const struct ofp_header *oh;
    enum ofperr error;

    if (!msg->header) {
        enum ofpraw raw;
        error = ofpraw_pull(&raw, msg);
        if (error) {
            return error;
        }
    }
    oh = msg->header;
    if (!msg->size) {
        return EOF;
    }

    memset(update, 0, sizeof *update);
    ofpbuf_clear(ofpacts);
    if (msg->size < FMU_ABBREV_LEN) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    const uint8_t *p = msg->data;
    unsigned int length = (p[0] << 8) | p[1];
    if (length > msg->size || length % 8 || length < FMU_ABBREV_LEN) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    update->event = (p[2] << 8) | p[3];

    bool of14 = is_of14(oh->version);
    struct ofpbuf b;
    ofpbuf_use_const(&b, p, length);
    ofpbuf_pull(msg, length);

    if (!event_is_full(update->event, of14)) {
        uint16_t abbrev = of14 ? OFPFME14_ABBREV : NXFME_ABBREV;
        if (update->event == abbrev) {
            if (length != FMU_ABBREV_LEN) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            memcpy(&update->xid, p + 4, 4);
            return 0;
        }
        if (of14 && (update->event == OFPFME14_PAUSED
                     || update->event == OFPFME14_RESUMED)) {
            return length == FMU_ABBREV_LEN ? 0 : OFPERR_OFPBRC_BAD_LEN;
        }
        return OFPERR_NXBRC_FM_BAD_EVENT;
    }

    if (length < FMU_FULL_LEN) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    unsigned int match_len = 0;
    if (of14) {
        update->table_id = p[4];
        update->reason = p[5];
        update->idle_timeout = (p[6] << 8) | p[7];
        update->hard_timeout = (p[8] << 8) | p[9];
        update->priority = (p[10] << 8) | p[11];
    } else {
        update->reason = (p[4] << 8) | p[5];
        update->priority = (p[6] << 8) | p[7];
        update->idle_timeout = (p[8] << 8) | p[9];
        update->hard_timeout = (p[10] << 8) | p[11];
        match_len = (p[12] << 8) | p[13];
        update->table_id = p[14];
    }
    memcpy(&update->cookie, p + 16, 8);
    ofpbuf_pull(&b, FMU_FULL_LEN);

    if (oh->version < OFP13_VERSION) {
        error = nx_pull_match(&b, match_len, &update->match, NULL, NULL,
                              false);
    } else {
        error = oxm_pull_match(&b, false, &update->match);
    }
    if (error) {
        return error;
    }
    error = (oh->version >= OFP13_VERSION
             ? ofpacts_pull_openflow_instructions(&b, b.size, oh->version,
                                                  ofpacts)
             : ofpacts_pull_openflow_actions(&b, b.size, oh->version,
                                             ofpacts));
    if (error) {
        return error;
    }
    update->ofpacts = ofpacts->data;
    update->ofpacts_len = ofpacts->size;
    return 0;
}

/* Appends 'update' to flow monitor reply 'msg' for 'version'. */
void
ofputil_append_flow_update(const struct ofputil_flow_update *update,
                           struct ofpbuf *msg, enum ofp_version version)
{
    bool of14 = is_of14(version);
    size_t start = msg->size;
    uint8_t *p;

    if (!event_is_full(update->event, of14)) {
        p = ofpbuf_put_zeros(msg, FMU_ABBREV_LEN);
        p[1] = FMU_ABBREV_LEN;
        p[2] = update->event >> 8;
        p[3] = update->event;
        if (update->event == (of14 ? OFPFME14_ABBREV : NXFME_ABBREV)) {
            memcpy(p + 4, &update->xid, 4);
        }
        return;
    }

    ofpbuf_put_zeros(msg, FMU_FULL_LEN);
    int match_len = 0;
    if (version < OFP13_VERSION) {
        match_len = nx_put_match(msg, &update->match, 0, 0);
    } else {
        match_len = oxm_put_match(msg, &update->match, version);
    }
    if (version >= OFP13_VERSION) {
        ofpacts_put_openflow_instructions(update->ofpacts,
                                          update->ofpacts_len, msg, version);
    } else {
        ofpacts_put_openflow_actions(update->ofpacts, update->ofpacts_len,
                                     msg, version);
    }

    unsigned int length = msg->size - start;
    p = (uint8_t *) msg->data + start;
    p[0] = length >> 8;
    p[1] = length;
    p[2] = update->event >> 8;
    p[3] = update->event;
    if (of14) {
        p[4] = update->table_id;
        p[5] = update->reason;
        p[6] = update->idle_timeout >> 8; p[7] = update->idle_timeout;
        p[8] = update->hard_timeout >> 8; p[9] = update->hard_timeout;
        p[10] = update->priority >> 8; p[11] = update->priority;
    } else {
        p[4] = 0; p[5] = update->reason;
        p[6] = update->priority >> 8; p[7] = update->priority;
        p[8] = update->idle_timeout >> 8; p[9] = update->idle_timeout;
        p[10] = update->hard_timeout >> 8; p[11] = update->hard_timeout;
        p[12] = match_len >> 8; p[13] = match_len;
        p[14] = update->table_id;
    }
    memcpy(p + 16, &update->cookie, 8);
}

static const char *
removed_reason_to_string(uint8_t reason, char *buf, size_t size)
{
    static const char *const names[] = {
        "idle", "hard", "delete", "group_delete", "meter_delete",
        "eviction",
    };
    if (reason < ARRAY_SIZE(names)) {
        return names[reason];
    }
    snprintf(buf, size, "%d", reason);
    return buf;
}

/* Appends 'update' as ovs-ofctl prints an update of a flow monitor
 * reply. */
void
ofputil_flow_update_format(struct ds *s,
                           const struct ofputil_flow_update *update,
                           enum ofp_version version)
{
    bool of14 = is_of14(version);
    char buf[16];

    ds_put_cstr(s, "\n event=");
    if (!event_is_full(update->event, of14)) {
        if (update->event == (of14 ? OFPFME14_ABBREV : NXFME_ABBREV)) {
            ds_put_format(s, "ABBREV xid=0x%"PRIx32, ntohl(update->xid));
        } else {
            ds_put_cstr(s, update->event == OFPFME14_PAUSED
                        ? "PAUSED" : "RESUMED");
        }
        return;
    }

    int event = of14 ? update->event - 1 : update->event;
    bool deleted = event == NXFME_DELETED;
    ds_put_cstr(s, (event == NXFME_DELETED ? "DELETED"
                    : event == NXFME_MODIFIED ? "MODIFIED"
                    : event < 0 ? "INITIAL" : "ADDED"));
    if (deleted) {
        ds_put_format(s, " reason=%s",
                      removed_reason_to_string(update->reason, buf,
                                               sizeof buf));
    }
    ds_put_cstr(s, " table=");
    ofputil_format_table(s, update->table_id);
    if (update->idle_timeout) {
        ds_put_format(s, " idle_timeout=%"PRIu16, update->idle_timeout);
    }
    if (update->hard_timeout) {
        ds_put_format(s, " hard_timeout=%"PRIu16, update->hard_timeout);
    }
    ds_put_format(s, " cookie=%#"PRIx64" ", ntohll(update->cookie));
    match_format(&update->match, s, OFP_DEFAULT_PRIORITY);
    if (update->ofpacts_len) {
        if (ds_last(s) != ' ') {
            ds_put_char(s, ' ');
        }
        ds_put_cstr(s, "actions=");
        ofpacts_format(update->ofpacts, update->ofpacts_len, s);
    }
    ds_chomp(s, ' ');
}

/* Decodes flow monitor message 'oh' (request, reply, cancel, paused or
 * resumed) and encodes it again into '*out'. */
enum ofperr
ofputil_flow_monitor_reencode(const struct ofp_header *oh,
                              struct ofpbuf **out)
{
    enum ofpraw raw;
    enum ofperr error = ofpraw_decode(&raw, oh);
    struct ofpbuf b;
    int retval;

    *out = NULL;
    if (error) {
        return error;
    }
    enum ofptype type = ofptype_from_ofpraw(raw);
    struct ofpbuf *msg = ofpraw_alloc_xid(raw, oh->version, oh->xid, 0);
    ofpbuf_use_const(&b, oh, ntohs(oh->length));

    if (type == OFPTYPE_FLOW_MONITOR_STATS_REQUEST) {
        struct ofputil_flow_monitor_request rq;
        while (!(retval = ofputil_decode_flow_monitor_request(&rq, &b))) {
            ofputil_append_flow_monitor_request(&rq, msg);
        }
    } else if (type == OFPTYPE_FLOW_MONITOR_STATS_REPLY) {
        struct ofputil_flow_update update;
        struct ofpbuf ofpacts;
        ofpbuf_init(&ofpacts, 64);
        while (!(retval = ofputil_decode_flow_update(&update, &b,
                                                     &ofpacts))) {
            ofputil_append_flow_update(&update, msg, oh->version);
        }
        ofpbuf_uninit(&ofpacts);
    } else if (type == OFPTYPE_FLOW_MONITOR_CANCEL) {
        const be32 *id = ofpmsg_body(oh);
        ofpbuf_put(msg, id, sizeof *id);
        retval = EOF;
    } else {
        retval = EOF;
    }

    if (retval != EOF) {
        ofpbuf_delete(msg);
        return retval;
    }
    ofpmsg_update_length(msg);
    if (ofpmsg_is_stat(oh)) {
        ofpmp_set_more(msg->data, ofpmp_more(oh));
    }
    *out = msg;
    return 0;
}

static enum ofperr
print_flow_monitor_request(struct ds *s, const struct ofp_header *oh,
                           enum ofpraw raw SVS_UNUSED,
                           int verbosity SVS_UNUSED)
{
    struct ofputil_flow_monitor_request rq;
    struct ofpbuf b;
    int retval;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    while (!(retval = ofputil_decode_flow_monitor_request(&rq, &b))) {
        ofputil_flow_monitor_request_format(s, &rq, oh->version);
    }
    return retval == EOF ? 0 : retval;
}

static enum ofperr
print_flow_monitor_reply(struct ds *s, const struct ofp_header *oh,
                         enum ofpraw raw SVS_UNUSED,
                         int verbosity SVS_UNUSED)
{
    struct ofputil_flow_update update;
    struct ofpbuf b, ofpacts;
    int retval;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpbuf_init(&ofpacts, 64);
    while (!(retval = ofputil_decode_flow_update(&update, &b, &ofpacts))) {
        ofputil_flow_update_format(s, &update, oh->version);
    }
    ofpbuf_uninit(&ofpacts);
    return retval == EOF ? 0 : retval;
}

static enum ofperr
print_flow_monitor_cancel(struct ds *s, const struct ofp_header *oh,
                          enum ofpraw raw SVS_UNUSED,
                          int verbosity SVS_UNUSED)
{
    const be32 *id = ofpmsg_body(oh);
    ds_put_format(s, " id=%"PRIu32, ntohl(*id));
    return 0;
}

/* Decodes request-forward message 'oh' into 'rf', which the caller must
 * free with ofputil_destroy_requestforward() on success. */
enum ofperr
ofputil_decode_requestforward(const struct ofp_header *outer,
                              struct ofputil_requestforward *rf)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, outer, ntohs(outer->length));
    ofpraw_pull_assert(&b);

    const struct ofp_header *inner = b.data;
    if (b.size < sizeof *inner
        || ntohs(inner->length) < sizeof *inner
        || ntohs(inner->length) > b.size) {
        return OFPERR_OFPBFC_MSG_BAD_LEN;
    }
    if (inner->version != outer->version) {
        return OFPERR_OFPBRC_BAD_VERSION;
    }

    enum ofptype type;
    enum ofperr error = ofptype_decode(&type, inner);
    if (error) {
        return error;
    }

    rf->xid = inner->xid;
    if (type == OFPTYPE_GROUP_MOD) {
        rf->reason = OFPRFR_GROUP_MOD;
        rf->group_mod = xmalloc(sizeof *rf->group_mod);
        error = ofputil_decode_group_mod(inner, rf->group_mod);
        if (error) {
            ofputil_uninit_group_mod(rf->group_mod);
            free(rf->group_mod);
            return error;
        }
    } else if (type == OFPTYPE_METER_MOD) {
        rf->reason = OFPRFR_METER_MOD;
        rf->meter_mod = xmalloc(sizeof *rf->meter_mod);
        ofpbuf_init(&rf->bands, 64);
        error = ofputil_decode_meter_mod(inner, rf->meter_mod, &rf->bands);
        if (error) {
            free(rf->meter_mod);
            ofpbuf_uninit(&rf->bands);
            return error;
        }
    } else {
        return OFPERR_OFPBFC_MSG_UNSUP;
    }
    return 0;
}

/* Encodes 'rf' as a request-forward message for 'version' (NXT for 1.0 to
 * 1.2; the outer message takes the carried message's xid). */
struct ofpbuf *
ofputil_encode_requestforward(const struct ofputil_requestforward *rf,
                              enum ofp_version version)
{
    enum ofpraw raw = (version < OFP13_VERSION
                       ? OFPRAW_NXT_REQUESTFORWARD
                       : OFPRAW_OFPT14_REQUESTFORWARD);
    struct ofpbuf *inner;
    if (rf->reason == OFPRFR_GROUP_MOD) {
        inner = ofputil_encode_group_mod(version, rf->group_mod);
    } else {
        inner = ofputil_encode_meter_mod(version, rf->meter_mod);
    }
    ((struct ofp_header *) inner->data)->xid = rf->xid;

    struct ofpbuf *msg = ofpraw_alloc_xid(raw, version, rf->xid,
                                          inner->size);
    ofpbuf_put(msg, inner->data, inner->size);
    ofpmsg_update_length(msg);
    ofpbuf_delete(inner);
    return msg;
}

void
ofputil_format_requestforward(struct ds *s, enum ofp_version version,
                              const struct ofputil_requestforward *rf)
{
    ds_put_cstr(s, " reason=");
    if (rf->reason == OFPRFR_GROUP_MOD) {
        ds_put_cstr(s, "group_mod");
        ofputil_group_mod_format(s, version, rf->group_mod);
    } else {
        ds_put_cstr(s, "meter_mod");
        ofputil_format_meter_mod(s, rf->meter_mod);
    }
}

void
ofputil_destroy_requestforward(struct ofputil_requestforward *rf)
{
    if (!rf) {
        return;
    }
    if (rf->reason == OFPRFR_GROUP_MOD) {
        ofputil_uninit_group_mod(rf->group_mod);
        free(rf->group_mod);
    } else {
        free(rf->meter_mod);
        ofpbuf_uninit(&rf->bands);
    }
}

static enum ofperr
print_requestforward(struct ds *s, const struct ofp_header *oh,
                     enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_requestforward rf;
    enum ofperr error = ofputil_decode_requestforward(oh, &rf);
    if (!error) {
        ofputil_format_requestforward(s, oh->version, &rf);
        ofputil_destroy_requestforward(&rf);
    }
    return error;
}

void
ofputil_monitor_print_register(void)
{
    ofp_print_register_default(OFPTYPE_REQUESTFORWARD, print_requestforward);
    ofp_print_register_default(OFPTYPE_FLOW_MONITOR_STATS_REQUEST,
                               print_flow_monitor_request);
    ofp_print_register_default(OFPTYPE_FLOW_MONITOR_STATS_REPLY,
                               print_flow_monitor_reply);
    ofp_print_register_default(OFPTYPE_FLOW_MONITOR_CANCEL,
                               print_flow_monitor_cancel);
}
