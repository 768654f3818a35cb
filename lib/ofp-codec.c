/* ofp-codec.c: decode-then-encode of whole OpenFlow messages (see
 * ofp-codec.h). */
#include <config.h>
#include "ofp-codec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "list.h"
#include "ofp-bundle.h"
#include "ofp-connection.h"
#include "ofp-flow.h"
#include "ofp-group.h"
#include "ofp-meter.h"
#include "ofp-monitor.h"
#include "ofp-queue.h"
#include "ofp-table.h"
#include "ofp-table-features.h"
#include "ofp-msgs.h"
#include "ofp-packet.h"
#include "ofp-port.h"
#include "ofp-protocol.h"
#include "ofp-switch.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"

/* Returns a copy of the headers of statistics request 'oh' turned into the
 * request that 'reply' answers, so that ofpmp_init() can build replies
 * with the same version, xid and raw type as 'reply'. */
static struct ofpbuf *
request_for_reply(const struct ofp_header *reply)
{
    enum ofpraw reply_raw = ofpraw_decode_assert(reply);
    for (int raw = 0; raw < OFPRAW_N_RAWS; raw++) {
        if (!ofpraw_is_valid_version(raw, reply->version)
            || !strstr(ofpraw_get_name(raw), " request")) {
            continue;
        }
        if (ofpraw_stats_request_to_reply(raw, reply->version)
            == reply_raw) {
            struct ofpbuf *req = ofpraw_alloc_xid(raw, reply->version,
                                                  reply->xid, 0);
            ofpbuf_put_zeros(req, ofpraw_min_body(raw));
            ofpmsg_update_length(req);
            return req;
        }
    }
    SVS_NOT_REACHED();
}

/* Re-encodes the list 'replies' into one buffer (they must be one
 * message). */
static struct ofpbuf *
single_reply(struct svs_list *replies)
{
    struct ofpbuf *msg = CONTAINER_OF(svs_list_pop_front(replies),
                                      struct ofpbuf, list_node);
    svs_assert(svs_list_is_empty(replies));
    return msg;
}

static void
set_xid(struct ofpbuf *msg, be32 xid)
{
    ((struct ofp_header *) msg->data)->xid = xid;
}

static void
copy_stats_flags(struct ofpbuf *out, const struct ofp_header *in)
{
    ofpmp_set_more(out->data, ofpmp_more(in));
}

static enum ofperr
reencode_port_desc_reply(const struct ofp_header *oh, struct ofpbuf **out)
{
    struct ofpbuf *req = request_for_reply(oh);
    struct svs_list replies;
    struct ofpbuf b;
    int retval;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);
    ofpmp_init(&replies, req->data);
    ofpbuf_delete(req);
    for (;;) {
        struct ofputil_phy_port pp;
        retval = ofputil_pull_phy_port(oh->version, &b, &pp);
        if (retval) {
            break;
        }
        ofputil_append_port_desc_stats_reply(&pp, &replies);
    }
    *out = single_reply(&replies);
    copy_stats_flags(*out, oh);
    return retval == EOF ? 0 : retval;
}

static enum ofperr
reencode_port_stats_reply(const struct ofp_header *oh, struct ofpbuf **out)
{
    struct ofpbuf *req = request_for_reply(oh);
    struct svs_list replies;
    struct ofpbuf b;
    int retval;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpmp_init(&replies, req->data);
    ofpbuf_delete(req);
    for (;;) {
        struct ofputil_port_stats ps;
        retval = ofputil_decode_port_stats(&ps, &b);
        if (retval) {
            break;
        }
        ofputil_append_port_stat(&replies, &ps);
    }
    *out = single_reply(&replies);
    copy_stats_flags(*out, oh);
    return retval == EOF ? 0 : retval;
}

static enum ofperr
reencode_features_reply(const struct ofp_header *oh, struct ofpbuf **out)
{
    struct ofputil_switch_features features;
    struct ofpbuf ports;
    enum ofperr error = ofputil_decode_switch_features(oh, &features,
                                                       &ports);
    if (error) {
        return error;
    }
    *out = ofputil_encode_switch_features(&features, oh->version, oh->xid);
    if (ofputil_switch_features_has_ports(oh)) {
        for (;;) {
            struct ofputil_phy_port pp;
            int retval = ofputil_pull_phy_port(oh->version, &ports, &pp);
            if (retval) {
                return retval == EOF ? 0 : retval;
            }
            ofputil_put_switch_features_port(&pp, *out);
        }
    }
    return 0;
}

/* Multipart replies that are a sequence of entries: 'pull' decodes the
 * next entry of 'b' into 'entry' (returning 0, EOF or an error) and
 * 'append' adds it to 'replies'; 'done', if nonnull, frees what 'pull'
 * allocated in 'entry'. */
struct entry_codec {
    size_t size;
    int (*pull)(struct ofpbuf *b, void *entry, enum ofp_version,
                struct ofpbuf *aux);
    void (*append)(const void *entry, struct svs_list *replies,
                   enum ofp_version);
    void (*done)(void *entry);
};

static enum ofperr
reencode_entries(const struct ofp_header *oh, const struct entry_codec *c,
                 struct ofpbuf **out)
{
    struct ofpbuf *req = request_for_reply(oh);
    struct svs_list replies;
    struct ofpbuf b, aux;
    void *entry = xzalloc(c->size);
    int retval;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpbuf_init(&aux, 64);
    ofpmp_init(&replies, req->data);
    ofpbuf_delete(req);
    for (;;) {
        retval = c->pull(&b, entry, oh->version, &aux);
        if (retval) {
            if (c->done && retval != EOF) {
                c->done(entry);
            }
            break;
        }
        c->append(entry, &replies, oh->version);
        if (c->done) {
            c->done(entry);
        }
    }
    free(entry);
    ofpbuf_uninit(&aux);
    if (retval != EOF) {
        ofpbuf_list_delete(&replies);
        return retval;
    }
    *out = single_reply(&replies);
    copy_stats_flags(*out, oh);
    return 0;
}

static int
pull_group_stats(struct ofpbuf *b, void *e, enum ofp_version v SVS_UNUSED,
                 struct ofpbuf *aux SVS_UNUSED)
{
    return ofputil_decode_group_stats_reply(b, e);
}

static void
append_group_stats(const void *e, struct svs_list *r,
                   enum ofp_version v SVS_UNUSED)
{
    ofputil_append_group_stats(r, e);
}

static void
done_group_stats(void *e)
{
    struct ofputil_group_stats *gs = e;
    free(gs->bucket_stats);
    gs->bucket_stats = NULL;
}

static int
pull_group_desc(struct ofpbuf *b, void *e, enum ofp_version v,
                struct ofpbuf *aux SVS_UNUSED)
{
    return ofputil_decode_group_desc_reply(e, b, v);
}

static void
append_group_desc(const void *e, struct svs_list *r,
                  enum ofp_version v SVS_UNUSED)
{
    ofputil_append_group_desc_reply(e, r);
}

static void
done_group_desc(void *e)
{
    ofputil_uninit_group_desc(e);
}

static int
pull_meter_config(struct ofpbuf *b, void *e, enum ofp_version v SVS_UNUSED,
                  struct ofpbuf *aux)
{
    return ofputil_decode_meter_config(b, e, aux);
}

static void
append_meter_config(const void *e, struct svs_list *r,
                    enum ofp_version v SVS_UNUSED)
{
    ofputil_append_meter_config(r, e);
}

static int
pull_meter_stats(struct ofpbuf *b, void *e, enum ofp_version v SVS_UNUSED,
                 struct ofpbuf *aux)
{
    return ofputil_decode_meter_stats(b, e, aux);
}

static void
append_meter_stats(const void *e, struct svs_list *r,
                   enum ofp_version v SVS_UNUSED)
{
    ofputil_append_meter_stats(r, e);
}

static int
pull_queue_stats(struct ofpbuf *b, void *e, enum ofp_version v SVS_UNUSED,
                 struct ofpbuf *aux SVS_UNUSED)
{
    return ofputil_decode_queue_stats(e, b);
}

static void
append_queue_stats(const void *e, struct svs_list *r,
                   enum ofp_version v SVS_UNUSED)
{
    ofputil_append_queue_stat(r, e);
}

static int
pull_table_desc(struct ofpbuf *b, void *e, enum ofp_version v,
                struct ofpbuf *aux SVS_UNUSED)
{
    return ofputil_decode_table_desc(b, e, v);
}

static void
append_table_desc(const void *e, struct svs_list *r, enum ofp_version v)
{
    ofputil_append_table_desc_reply(e, r, v);
}

static int
pull_table_features(struct ofpbuf *b, void *e, enum ofp_version v SVS_UNUSED,
                    struct ofpbuf *aux SVS_UNUSED)
{
    return ofputil_decode_table_features(b, e, true);
}

static void
append_table_features(const void *e, struct svs_list *r,
                      enum ofp_version v SVS_UNUSED)
{
    ofputil_append_table_features(e, r);
}

static const struct entry_codec group_stats_codec = {
    sizeof(struct ofputil_group_stats), pull_group_stats,
    append_group_stats, done_group_stats,
};
static const struct entry_codec group_desc_codec = {
    sizeof(struct ofputil_group_desc), pull_group_desc,
    append_group_desc, done_group_desc,
};
static const struct entry_codec meter_config_codec = {
    sizeof(struct ofputil_meter_config), pull_meter_config,
    append_meter_config, NULL,
};
static const struct entry_codec meter_stats_codec = {
    sizeof(struct ofputil_meter_stats), pull_meter_stats,
    append_meter_stats, NULL,
};
static const struct entry_codec queue_stats_codec = {
    sizeof(struct ofputil_queue_stats), pull_queue_stats,
    append_queue_stats, NULL,
};
static const struct entry_codec table_desc_codec = {
    sizeof(struct ofputil_table_desc), pull_table_desc,
    append_table_desc, NULL,
};
static const struct entry_codec table_features_codec = {
    sizeof(struct ofputil_table_features), pull_table_features,
    append_table_features, NULL,
};

static enum ofperr
reencode_table_stats_reply(const struct ofp_header *oh, struct ofpbuf **out)
{
    struct ofpbuf *req = request_for_reply(oh);
    struct ofpbuf b;
    int retval;

    *out = ofpraw_alloc_stats_reply(req->data, 0);
    ofpbuf_delete(req);
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_table_features tf;
        struct ofputil_table_stats ts;
        retval = ofputil_decode_table_stats_reply(&b, &ts, &tf);
        if (retval) {
            break;
        }
        ofputil_append_table_stats_reply(*out, &ts, &tf);
    }
    ofpmsg_update_length(*out);
    copy_stats_flags(*out, oh);
    return retval == EOF ? 0 : retval;
}

/* The protocol in which flow message 'oh' was encoded: its version's, or
 * for OpenFlow 1.0 the standard match or NXM variant its raw type uses
 * (with the table-id extension). */
static enum ofputil_protocol
flow_protocol(const struct ofp_header *oh)
{
    if (oh->version != OFP10_VERSION) {
        return ofputil_protocol_from_ofp_version(oh->version);
    }
    const char *name = ofpraw_get_name(ofpraw_decode_assert(oh));
    return (!strncmp(name, "NXT", 3) || !strncmp(name, "NXST", 4)
            ? OFPUTIL_P_OF10_NXM_TID : OFPUTIL_P_OF10_STD_TID);
}

/* Re-encodes flow statistics reply 'oh' (all of its flows) into '*out'. */
static enum ofperr
reencode_flow_stats_reply(const struct ofp_header *oh, struct ofpbuf **out)
{
    struct ofpbuf *req = request_for_reply(oh);
    enum ofputil_protocol protocol = flow_protocol(oh);
    struct svs_list replies;
    struct ofpbuf b, ofpacts;
    int retval;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpbuf_init(&ofpacts, 64);
    ofpmp_init(&replies, req->data);
    ofpbuf_delete(req);
    for (;;) {
        struct ofputil_flow_stats fs;
        retval = ofputil_decode_flow_stats_reply(&fs, &b, &ofpacts);
        if (retval) {
            break;
        }
        ofputil_append_flow_stats_reply(&fs, &replies, protocol);
    }
    ofpbuf_uninit(&ofpacts);
    if (retval != EOF) {
        ofpbuf_list_delete(&replies);
        return retval;
    }
    *out = single_reply(&replies);
    set_xid(*out, oh->xid);
    copy_stats_flags(*out, oh);
    return 0;
}

/* Decodes the 4-byte id (group or meter) at the start of the body of
 * multipart request 'oh'. */
static uint32_t
request_id(const struct ofp_header *oh)
{
    const be32 *id = ofpmsg_body(oh);
    return ntohl(*id);
}

/* Bodies after the headers of 'oh'. */
static size_t
body_len(const struct ofp_header *oh)
{
    return ntohs(oh->length) - ofpraw_hdrs_len(ofpraw_decode_assert(oh));
}

/* Re-encodes the monitor, multipart and modification messages that the
 * switch-config part of ofputil_reencode() does not handle.  Returns
 * OFPBRC_BAD_TYPE with '*out' NULL for a type without a codec. */
static enum ofperr
reencode_more(enum ofptype type, const struct ofp_header *oh,
              struct ofpbuf **out)
{
    enum ofperr error = 0;

    switch (type) {
    case OFPTYPE_SET_PACKET_IN_FORMAT: {
        enum ofputil_packet_in_format format;
        error = ofputil_decode_set_packet_in_format(oh, &format);
        if (!error) {
            *out = ofputil_encode_set_packet_in_format(oh->version, format);
        }
        break;
    }

    case OFPTYPE_SET_FLOW_FORMAT: {
        enum ofputil_protocol protocol;
        error = ofputil_decode_nx_set_flow_format(oh, &protocol);
        if (!error) {
            const struct nx_set_flow_format *sff = ofpmsg_body(oh);
            *out = ofputil_encode_nx_set_flow_format(ntohl(sff->format));
            ((struct ofp_header *) (*out)->data)->version = oh->version;
        }
        break;
    }

    case OFPTYPE_FLOW_MOD_TABLE_ID: {
        const struct nx_flow_mod_table_id *nfm = ofpmsg_body(oh);
        *out = ofputil_encode_flow_mod_table_id(nfm->set, oh->version);
        break;
    }

    case OFPTYPE_FLOW_MOD: {
        /* OpenFlow 1.0 flow-mods come as OFPT_FLOW_MOD (standard match) or
         * NXT_FLOW_MOD (NXM); the table-id extension is assumed on, so that
         * the command's high byte (a table id) is kept. */
        enum ofpraw raw = ofpraw_decode_assert(oh);
        enum ofputil_protocol protocol
            = (oh->version != OFP10_VERSION
               ? ofputil_protocol_from_ofp_version(oh->version)
               : raw == OFPRAW_NXT_FLOW_MOD ? OFPUTIL_P_OF10_NXM_TID
               : OFPUTIL_P_OF10_STD_TID);
        struct ofputil_flow_mod fm;
        struct ofpbuf ofpacts;
        ofpbuf_init(&ofpacts, 64);
        error = ofputil_decode_flow_mod(&fm, oh, protocol, &ofpacts);
        if (!error) {
            *out = ofputil_encode_flow_mod(&fm, protocol);
        }
        ofpbuf_uninit(&ofpacts);
        break;
    }

    case OFPTYPE_FLOW_REMOVED: {
        struct ofputil_flow_removed fr;
        error = ofputil_decode_flow_removed(&fr, oh);
        if (!error) {
            *out = ofputil_encode_flow_removed(&fr, flow_protocol(oh));
        }
        break;
    }

    case OFPTYPE_FLOW_STATS_REQUEST:
    case OFPTYPE_AGGREGATE_STATS_REQUEST: {
        struct ofputil_flow_stats_request fsr;
        error = ofputil_decode_flow_stats_request(&fsr, oh);
        if (!error) {
            *out = ofputil_encode_flow_stats_request(&fsr,
                                                     flow_protocol(oh));
        }
        break;
    }

    case OFPTYPE_FLOW_STATS_REPLY:
        return reencode_flow_stats_reply(oh, out);

    case OFPTYPE_AGGREGATE_STATS_REPLY: {
        struct ofputil_aggregate_stats as;
        error = ofputil_decode_aggregate_stats_reply(&as, oh);
        if (!error) {
            struct ofpbuf *req = request_for_reply(oh);
            *out = ofputil_encode_aggregate_stats_reply(&as, req->data);
            ofpbuf_delete(req);
        }
        break;
    }

    case OFPTYPE_GROUP_MOD: {
        struct ofputil_group_mod gm;
        error = ofputil_decode_group_mod(oh, &gm);
        if (!error) {
            *out = ofputil_encode_group_mod(oh->version, &gm);
        }
        ofputil_uninit_group_mod(&gm);
        break;
    }

    case OFPTYPE_METER_MOD: {
        struct ofputil_meter_mod mm;
        struct ofpbuf bands;
        ofpbuf_init(&bands, 64);
        error = ofputil_decode_meter_mod(oh, &mm, &bands);
        if (!error) {
            *out = ofputil_encode_meter_mod(oh->version, &mm);
        }
        ofpbuf_uninit(&bands);
        break;
    }

    case OFPTYPE_TABLE_MOD: {
        struct ofputil_table_mod tm;
        error = ofputil_decode_table_mod(oh, &tm);
        if (!error) {
            *out = ofputil_encode_table_mod(&tm, oh->version);
        }
        break;
    }

    case OFPTYPE_TABLE_STATUS: {
        struct ofputil_table_status ts;
        error = ofputil_decode_table_status(oh, &ts);
        if (!error) {
            *out = ofputil_encode_table_status(&ts, oh->version);
        }
        break;
    }

    case OFPTYPE_REQUESTFORWARD: {
        struct ofputil_requestforward rf;
        error = ofputil_decode_requestforward(oh, &rf);
        if (!error) {
            *out = ofputil_encode_requestforward(&rf, oh->version);
            ofputil_destroy_requestforward(&rf);
        }
        break;
    }

    case OFPTYPE_BUNDLE_CONTROL: {
        struct ofputil_bundle_ctrl_msg bc;
        error = ofputil_decode_bundle_ctrl(oh, &bc);
        if (!error) {
            *out = ofputil_encode_bundle_ctrl_request(oh->version, &bc);
        }
        break;
    }

    case OFPTYPE_BUNDLE_ADD_MESSAGE: {
        struct ofputil_bundle_add_msg bam;
        enum ofptype inner_type;
        error = ofputil_decode_bundle_add(oh, &bam, &inner_type);
        if (!error) {
            /* The carried message must itself re-encode identically. */
            struct ofpbuf *inner;
            error = ofputil_reencode(bam.msg, ntohs(bam.msg->length), &inner);
            if (!error) {
                bam.msg = inner->data;
                *out = ofputil_encode_bundle_add(oh->version, &bam);
                ofpbuf_delete(inner);
            } else if (error == OFPERR_OFPBRC_BAD_TYPE) {
                /* No codec for the carried message (e.g. a flow-mod when
                 * lib/ofp-flow is absent): re-encode the envelope around
                 * the carried bytes. */
                error = 0;
                *out = ofputil_encode_bundle_add(oh->version, &bam);
            }
        }
        break;
    }

    case OFPTYPE_GROUP_STATS_REQUEST:
        *out = ofputil_encode_group_stats_request(oh->version,
                                                  request_id(oh));
        break;

    case OFPTYPE_GROUP_DESC_STATS_REQUEST:
        *out = ofputil_encode_group_desc_request(
            oh->version, body_len(oh) ? request_id(oh) : OFPG_ALL);
        break;

    case OFPTYPE_METER_STATS_REQUEST:
    case OFPTYPE_METER_CONFIG_STATS_REQUEST:
        *out = ofputil_encode_meter_request(oh->version, type,
                                            request_id(oh));
        break;

    case OFPTYPE_QUEUE_STATS_REQUEST: {
        struct ofputil_queue_stats_request qsr;
        error = ofputil_decode_queue_stats_request(oh, &qsr);
        if (!error) {
            *out = ofputil_encode_queue_stats_request(oh->version, &qsr);
        }
        break;
    }

    case OFPTYPE_TABLE_FEATURES_STATS_REQUEST:
        if (body_len(oh)) {
            /* A request that sets features: validate every entry, then
             * keep the bytes (the encoder builds replies only). */
            struct ofpbuf b;
            int retval;
            ofpbuf_use_const(&b, oh, ntohs(oh->length));
            do {
                struct ofputil_table_features tf;
                retval = ofputil_decode_table_features(&b, &tf, false);
            } while (!retval);
            if (retval != EOF) {
                return retval;
            }
        }
        *out = ofpbuf_clone_data(oh, ntohs(oh->length));
        break;

    case OFPTYPE_GROUP_STATS_REPLY:
        return reencode_entries(oh, &group_stats_codec, out);

    case OFPTYPE_GROUP_DESC_STATS_REPLY:
        return reencode_entries(oh, &group_desc_codec, out);

    case OFPTYPE_METER_CONFIG_STATS_REPLY:
        return reencode_entries(oh, &meter_config_codec, out);

    case OFPTYPE_METER_STATS_REPLY:
        return reencode_entries(oh, &meter_stats_codec, out);

    case OFPTYPE_QUEUE_STATS_REPLY:
        return reencode_entries(oh, &queue_stats_codec, out);

    case OFPTYPE_TABLE_DESC_REPLY:
        return reencode_entries(oh, &table_desc_codec, out);

    case OFPTYPE_TABLE_FEATURES_STATS_REPLY:
        return reencode_entries(oh, &table_features_codec, out);

    case OFPTYPE_TABLE_STATS_REPLY:
        return reencode_table_stats_reply(oh, out);

    case OFPTYPE_GROUP_FEATURES_STATS_REPLY: {
        struct ofputil_group_features gf;
        struct ofpbuf *req = request_for_reply(oh);
        ofputil_decode_group_features_reply(oh, &gf);
        *out = ofputil_encode_group_features_reply(&gf, req->data);
        ofpbuf_delete(req);
        copy_stats_flags(*out, oh);
        return 0;
    }

    case OFPTYPE_METER_FEATURES_STATS_REPLY: {
        struct ofputil_meter_features mf;
        struct ofpbuf *req = request_for_reply(oh);
        ofputil_decode_meter_features(oh, &mf);
        *out = ofputil_encode_meter_features_reply(&mf, req->data);
        ofpbuf_delete(req);
        copy_stats_flags(*out, oh);
        return 0;
    }

    case OFPTYPE_FLOW_MONITOR_STATS_REQUEST:
    case OFPTYPE_FLOW_MONITOR_STATS_REPLY:
    case OFPTYPE_FLOW_MONITOR_CANCEL:
    case OFPTYPE_FLOW_MONITOR_PAUSED:
    case OFPTYPE_FLOW_MONITOR_RESUMED:
        return ofputil_flow_monitor_reencode(oh, out);

    default:
        return OFPERR_OFPBRC_BAD_TYPE;
    }

    if (!error && *out) {
        set_xid(*out, oh->xid);
        if (ofpmsg_is_stat(oh)) {
            copy_stats_flags(*out, oh);
        }
    }
    return error;
}

/* Decodes the 'len'-byte message at 'data' and encodes it again into a new
 * buffer '*out' (NULL on error).  Returns 0, the decoder's error, or
 * OFPBRC_BAD_TYPE (with '*out' NULL) for a message without a codec. */
enum ofperr
ofputil_reencode(const void *data, size_t len, struct ofpbuf **out)
{
    struct ofpbuf *copy = ofpbuf_clone_data(data, len);
    const struct ofp_header *oh = copy->data;
    enum ofptype type;
    enum ofperr error;

    *out = NULL;
    if (len < sizeof *oh || ntohs(oh->length) != len) {
        ofpbuf_delete(copy);
        return OFPERR_OFPBRC_BAD_LEN;
    }
    error = ofptype_decode(&type, oh);
    if (error) {
        ofpbuf_delete(copy);
        return error;
    }

    switch (type) {
    case OFPTYPE_HELLO: {
        uint32_t allowed;
        if (!ofputil_decode_hello(oh, &allowed)) {
            error = OFPERR_OFPHFC_INCOMPATIBLE;
            break;
        }
        *out = ofputil_encode_hello(allowed);
        ((struct ofp_header *) (*out)->data)->xid = oh->xid;
        break;
    }

    case OFPTYPE_ECHO_REQUEST:
    case OFPTYPE_ECHO_REPLY:
    case OFPTYPE_FEATURES_REQUEST:
    case OFPTYPE_GET_CONFIG_REQUEST:
    case OFPTYPE_BARRIER_REQUEST:
    case OFPTYPE_BARRIER_REPLY:
    case OFPTYPE_GET_ASYNC_REQUEST:
    case OFPTYPE_TABLE_DESC_REQUEST:
    case OFPTYPE_DESC_STATS_REQUEST:
    case OFPTYPE_TABLE_STATS_REQUEST:
    case OFPTYPE_GROUP_FEATURES_STATS_REQUEST:
    case OFPTYPE_METER_FEATURES_STATS_REQUEST:
    case OFPTYPE_IPFIX_BRIDGE_STATS_REQUEST:
    case OFPTYPE_IPFIX_FLOW_STATS_REQUEST: {
        enum ofpraw raw = ofpraw_decode_assert(oh);
        *out = ofpraw_alloc_xid(raw, oh->version, oh->xid, 0);
        ofpbuf_put(*out, ofpmsg_body(oh),
                   len - ofpraw_hdrs_len(raw));
        ofpmsg_update_length(*out);
        if (ofpmsg_is_stat(oh)) {
            copy_stats_flags(*out, oh);
        }
        break;
    }

    case OFPTYPE_ERROR: {
        struct ofpbuf payload;
        enum ofperr e = ofperr_decode_msg(oh, &payload);
        if (!e) {
            error = OFPERR_OFPBRC_BAD_LEN;
            break;
        }
        *out = ofperr_encode_msg(e, oh->version, oh->xid, payload.data,
                                 payload.size);
        break;
    }

    case OFPTYPE_FEATURES_REPLY:
        error = reencode_features_reply(oh, out);
        break;

    case OFPTYPE_GET_CONFIG_REPLY:
    case OFPTYPE_SET_CONFIG: {
        struct ofputil_switch_config config;
        error = (type == OFPTYPE_SET_CONFIG
                 ? ofputil_decode_set_config(oh, &config)
                 : ofputil_decode_get_config_reply(oh, &config));
        if (!error) {
            *out = (type == OFPTYPE_SET_CONFIG
                    ? ofputil_encode_set_config(&config, oh->version)
                    : ofputil_encode_get_config_reply(oh, &config));
            ((struct ofp_header *) (*out)->data)->xid = oh->xid;
        }
        break;
    }

    case OFPTYPE_DESC_STATS_REPLY: {
        struct ofputil_switch_desc desc;
        error = ofputil_decode_switch_desc(oh, &desc);
        if (!error) {
            struct ofpbuf *req = request_for_reply(oh);
            *out = ofputil_encode_switch_desc(&desc, req->data);
            ofpbuf_delete(req);
            copy_stats_flags(*out, oh);
        }
        break;
    }

    case OFPTYPE_PORT_STATUS: {
        struct ofputil_port_status ps;
        error = ofputil_decode_port_status(oh, &ps);
        if (!error) {
            *out = ofputil_encode_port_status(&ps, oh->version);
            ((struct ofp_header *) (*out)->data)->xid = oh->xid;
        }
        break;
    }

    case OFPTYPE_PORT_MOD: {
        struct ofputil_port_mod pm;
        error = ofputil_decode_port_mod(oh, &pm, false);
        if (!error) {
            *out = ofputil_encode_port_mod(&pm, oh->version);
            ((struct ofp_header *) (*out)->data)->xid = oh->xid;
        }
        break;
    }

    case OFPTYPE_PORT_DESC_STATS_REQUEST: {
        ofp_port_t port;
        error = ofputil_decode_port_desc_stats_request(oh, &port);
        if (!error) {
            *out = ofputil_encode_port_desc_stats_request(oh->version, port);
            ((struct ofp_header *) (*out)->data)->xid = oh->xid;
            copy_stats_flags(*out, oh);
        }
        break;
    }

    case OFPTYPE_PORT_DESC_STATS_REPLY:
        error = reencode_port_desc_reply(oh, out);
        break;

    case OFPTYPE_PORT_STATS_REQUEST: {
        ofp_port_t port;
        error = ofputil_decode_port_stats_request(oh, &port);
        if (!error) {
            *out = ofputil_encode_port_stats_request(oh->version, port);
            ((struct ofp_header *) (*out)->data)->xid = oh->xid;
            copy_stats_flags(*out, oh);
        }
        break;
    }

    case OFPTYPE_PORT_STATS_REPLY:
        error = reencode_port_stats_reply(oh, out);
        break;

    case OFPTYPE_ROLE_REQUEST:
    case OFPTYPE_ROLE_REPLY: {
        struct ofputil_role_request rr;
        error = ofputil_decode_role_message(oh, &rr);
        if (!error) {
            enum ofpraw raw = ofpraw_decode_assert(oh);
            *out = ofpraw_alloc_xid(raw, oh->version, oh->xid, 0);
            ofpbuf_delete(*out);
            if (type == OFPTYPE_ROLE_REQUEST) {
                *out = ofputil_encode_role_request(oh->version, &rr);
                ((struct ofp_header *) (*out)->data)->xid = oh->xid;
            } else {
                /* Build a request of the same kind to reply to. */
                enum ofpraw req_raw = (raw == OFPRAW_NXT_ROLE_REPLY
                                       ? OFPRAW_NXT_ROLE_REQUEST
                                       : OFPRAW_OFPT12_ROLE_REQUEST);
                struct ofpbuf *req = ofpraw_alloc_xid(req_raw, oh->version,
                                                      oh->xid, 0);
                ofpbuf_put_zeros(req, ofpraw_min_body(req_raw));
                ofpmsg_update_length(req);
                *out = ofputil_encode_role_reply(req->data, &rr);
                ofpbuf_delete(req);
            }
        }
        break;
    }

    case OFPTYPE_ROLE_STATUS: {
        struct ofputil_role_status rs;
        error = ofputil_decode_role_status(oh, &rs);
        if (!error) {
            *out = ofputil_encode_role_status(&rs, oh->version);
            ((struct ofp_header *) (*out)->data)->xid = oh->xid;
        }
        break;
    }

    case OFPTYPE_GET_ASYNC_REPLY:
    case OFPTYPE_SET_ASYNC_CONFIG: {
        struct ofputil_async_cfg ac;
        enum ofpraw raw = ofpraw_decode_assert(oh);
        error = ofputil_decode_set_async_config(oh, false, &ac);
        if (!error) {
            *out = ofpraw_alloc_xid(raw, oh->version, oh->xid, 0);
            ofpbuf_delete(*out);
            if (type == OFPTYPE_GET_ASYNC_REPLY) {
                struct ofpbuf *req = ofpraw_alloc_xid(
                    OFPRAW_OFPT13_GET_ASYNC_REQUEST, oh->version, oh->xid, 0);
                *out = ofputil_encode_get_async_reply(req->data, &ac);
                ofpbuf_delete(req);
            } else if (raw == OFPRAW_NXT_SET_ASYNC_CONFIG2) {
                *out = ofpraw_alloc_xid(raw, oh->version, oh->xid, 0);
                struct ofpbuf *tmp = ofputil_encode_set_async_config(
                    &ac, OFP14_VERSION);
                ofpbuf_put(*out, (char *) tmp->data + 8, tmp->size - 8);
                ofpmsg_update_length(*out);
                ofpbuf_delete(tmp);
            } else {
                *out = ofputil_encode_set_async_config(&ac, oh->version);
                ((struct ofp_header *) (*out)->data)->xid = oh->xid;
            }
        }
        break;
    }

    case OFPTYPE_SET_CONTROLLER_ID:
        *out = ofputil_encode_set_controller_id(
            oh->version, ofputil_decode_set_controller_id(oh));
        ((struct ofp_header *) (*out)->data)->xid = oh->xid;
        break;

    case OFPTYPE_PACKET_IN: {
        struct ofputil_packet_in pin;
        enum ofputil_packet_in_format format;
        error = ofputil_decode_packet_in(oh, &pin, &format);
        if (!error) {
            *out = ofputil_encode_packet_in(&pin, oh->version, format);
            set_xid(*out, oh->xid);
        }
        break;
    }

    case OFPTYPE_PACKET_OUT: {
        struct ofputil_packet_out po;
        struct ofpbuf ofpacts;
        ofpbuf_init(&ofpacts, 64);
        error = ofputil_decode_packet_out(&po, oh, &ofpacts);
        if (!error) {
            *out = ofputil_encode_packet_out(&po, oh->version);
            set_xid(*out, oh->xid);
        }
        ofpbuf_uninit(&ofpacts);
        break;
    }

    default:
        error = reencode_more(type, oh, out);
        break;
    }

    ofpbuf_delete(copy);
    if (error) {
        ofpbuf_delete(*out);
        *out = NULL;
    }
    return error;
}
