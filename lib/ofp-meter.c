/* ofp-meter.c: OpenFlow meter messages (see ofp-meter.h). */
#include <config.h>
#include "ofp-meter.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "dynamic-string.h"
#include "ofp-msgs.h"
#include "ofp-print.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"

/* Appends 'meter_id', with its name if it is a special meter, preceded by
 * "meter" and 'separator' ('=' or ':'). */
void
ofputil_format_meter_id(struct ds *s, uint32_t meter_id, char separator)
{
    ds_put_format(s, "meter%c", separator);
    if (meter_id <= OFPM13_MAX) {
        ds_put_format(s, "%"PRIu32, meter_id);
    } else {
        ds_put_cstr(s, (meter_id == OFPM13_SLOWPATH ? "slowpath"
                        : meter_id == OFPM13_CONTROLLER ? "controller"
                        : meter_id == OFPM13_ALL ? "all"
                        : "unknown"));
    }
}

/* Pulls the 'len' bytes of bands at the front of 'msg' into 'bands' (an
 * array of struct ofputil_meter_band) and stores their number. */
static enum ofperr
pull_bands(struct ofpbuf *msg, size_t len, uint16_t *n_bands,
           struct ofpbuf *bands)
{
    struct ofpbuf b;

    if (len > msg->size) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    ofpbuf_use_const(&b, ofpbuf_pull(msg, len), len);
    *n_bands = 0;
    while (b.size > 0) {
        const struct ofp13_meter_band_header *ombh = b.data;
        if (b.size < sizeof *ombh) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        uint16_t type = ntohs(ombh->type);
        size_t band_len = ntohs(ombh->len);
        if (type != OFPMBT13_DROP && type != OFPMBT13_DSCP_REMARK) {
            return OFPERR_OFPMMFC_BAD_BAND;
        }
        if (band_len != sizeof(struct ofp13_meter_band_drop)
            || band_len > b.size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }

        struct ofputil_meter_band *mb = ofpbuf_put_zeros(bands, sizeof *mb);
        mb->type = type;
        mb->rate = ntohl(ombh->rate);
        mb->burst_size = ntohl(ombh->burst_size);
        if (type == OFPMBT13_DSCP_REMARK) {
            const struct ofp13_meter_band_dscp_remark *dscp = b.data;
            mb->prec_level = dscp->prec_level;
        }
        ofpbuf_pull(&b, band_len);
        (*n_bands)++;
    }
    return 0;
}

static void
put_bands(struct ofpbuf *msg, const struct ofputil_meter_band *bands,
          uint16_t n_bands)
{
    for (size_t i = 0; i < n_bands; i++) {
        const struct ofputil_meter_band *mb = &bands[i];
        struct ofp13_meter_band_dscp_remark *ombh
            = ofpbuf_put_zeros(msg, sizeof *ombh);
        ombh->type = htons(mb->type);
        ombh->len = htons(sizeof *ombh);
        ombh->rate = htonl(mb->rate);
        ombh->burst_size = htonl(mb->burst_size);
        if (mb->type == OFPMBT13_DSCP_REMARK) {
            ombh->prec_level = mb->prec_level;
        }
    }
}

/* Decodes the meter-mod 'oh' into 'mm', its bands into 'bands' (an
 * initialized ofpbuf that the caller frees; mm->meter.bands points into
 * it). */
enum ofperr
ofputil_decode_meter_mod(const struct ofp_header *oh,
                         struct ofputil_meter_mod *mm, struct ofpbuf *bands)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);

    const struct ofp13_meter_mod *omm = ofpbuf_pull(&b, sizeof *omm);
    mm->command = ntohs(omm->command);
    if (mm->command != OFPMC13_ADD && mm->command != OFPMC13_MODIFY
        && mm->command != OFPMC13_DELETE) {
        return OFPERR_OFPMMFC_BAD_COMMAND;
    }
    mm->meter.meter_id = ntohl(omm->meter_id);
    mm->meter.flags = 0;
    mm->meter.n_bands = 0;
    mm->meter.bands = NULL;

    if (mm->command == OFPMC13_DELETE) {
        return 0;
    }

    mm->meter.flags = ntohs(omm->flags);
    if (mm->meter.flags & OFPMF13_KBPS && mm->meter.flags & OFPMF13_PKTPS) {
        return OFPERR_OFPMMFC_BAD_FLAGS;
    }
    size_t ofs = bands->size;
    enum ofperr error = pull_bands(&b, b.size, &mm->meter.n_bands, bands);
    mm->meter.bands = (void *) ((char *) bands->data + ofs);
    return error;
}

/* Returns a meter-mod message of 'version' for 'mm'. */
struct ofpbuf *
ofputil_encode_meter_mod(enum ofp_version version,
                         const struct ofputil_meter_mod *mm)
{
    struct ofpbuf *msg = ofpraw_alloc(OFPRAW_OFPT13_METER_MOD, version,
                                      16 * mm->meter.n_bands);
    struct ofp13_meter_mod *omm = ofpbuf_put_zeros(msg, sizeof *omm);
    omm->command = htons(mm->command);
    if (mm->command != OFPMC13_DELETE) {
        omm->flags = htons(mm->meter.flags);
    }
    omm->meter_id = htonl(mm->meter.meter_id);
    if (mm->command != OFPMC13_DELETE) {
        put_bands(msg, mm->meter.bands, mm->meter.n_bands);
    }
    ofpmsg_update_length(msg);
    return msg;
}

static void
format_meter_flags(struct ds *s, uint16_t flags)
{
    if (flags & OFPMF13_KBPS) {
        ds_put_cstr(s, " kbps");
    }
    if (flags & OFPMF13_PKTPS) {
        ds_put_cstr(s, " pktps");
    }
    if (flags & OFPMF13_BURST) {
        ds_put_cstr(s, " burst");
    }
    if (flags & OFPMF13_STATS) {
        ds_put_cstr(s, " stats");
    }
    flags &= ~(OFPMF13_KBPS | OFPMF13_PKTPS | OFPMF13_BURST | OFPMF13_STATS);
    if (flags) {
        ds_put_format(s, " flags:0x%"PRIx16, flags);
    }
}

static void
format_bands(struct ds *s, uint16_t flags,
             const struct ofputil_meter_band *bands, uint16_t n_bands)
{
    ds_put_cstr(s, " bands=\n");
    for (size_t i = 0; i < n_bands; i++) {
        const struct ofputil_meter_band *mb = &bands[i];
        ds_put_cstr(s, "type=");
        if (mb->type == OFPMBT13_DROP) {
            ds_put_cstr(s, "drop");
        } else if (mb->type == OFPMBT13_DSCP_REMARK) {
            ds_put_cstr(s, "dscp_remark");
        } else {
            ds_put_format(s, "%"PRIu16, mb->type);
        }
        ds_put_format(s, " rate=%"PRIu32, mb->rate);
        if (flags & OFPMF13_BURST) {
            ds_put_format(s, " burst_size=%"PRIu32, mb->burst_size);
        }
        if (mb->type == OFPMBT13_DSCP_REMARK) {
            ds_put_format(s, " prec_level=%"PRIu8, mb->prec_level);
        }
        ds_put_char(s, '\n');
    }
}

/* Appends 'mm' as ovs-ofctl prints it. */
void
ofputil_format_meter_mod(struct ds *s, const struct ofputil_meter_mod *mm)
{
    switch (mm->command) {
    case OFPMC13_ADD:
        ds_put_cstr(s, " ADD ");
        break;
    case OFPMC13_MODIFY:
        ds_put_cstr(s, " MOD ");
        break;
    case OFPMC13_DELETE:
        ds_put_cstr(s, " DEL ");
        break;
    default:
        ds_put_format(s, " cmd:%"PRIu16" ", mm->command);
        break;
    }
    ofputil_format_meter_id(s, mm->meter.meter_id, '=');
    format_meter_flags(s, mm->meter.flags);
    format_bands(s, mm->meter.flags, mm->meter.bands, mm->meter.n_bands);
}

/* Returns the meter id of an OFPST_METER or OFPST_METER_CONFIG request. */
uint32_t
ofputil_decode_meter_request(const struct ofp_header *oh)
{
    const struct ofp13_meter_multipart_request *omr = ofpmsg_body(oh);
    return ntohl(omr->meter_id);
}

/* Returns a request of 'version' of 'type' (OFPTYPE_METER_STATS_REQUEST,
 * OFPTYPE_METER_CONFIG_STATS_REQUEST or
 * OFPTYPE_METER_FEATURES_STATS_REQUEST) for 'meter_id'. */
struct ofpbuf *
ofputil_encode_meter_request(enum ofp_version version, enum ofptype type,
                             uint32_t meter_id)
{
    struct ofpbuf *msg;

    if (type == OFPTYPE_METER_FEATURES_STATS_REQUEST) {
        return ofpraw_alloc(OFPRAW_OFPST13_METER_FEATURES_REQUEST, version,
                            0);
    }
    msg = ofpraw_alloc(type == OFPTYPE_METER_STATS_REQUEST
                       ? OFPRAW_OFPST13_METER_REQUEST
                       : OFPRAW_OFPST13_METER_CONFIG_REQUEST, version, 0);
    struct ofp13_meter_multipart_request *omr = ofpbuf_put_zeros(msg,
                                                                 sizeof *omr);
    omr->meter_id = htonl(meter_id);
    ofpmsg_update_length(msg);
    return msg;
}

/* Pulls the next meter configuration off 'msg', a meter configuration
 * reply, into 'mc' (its bands into 'bands', cleared first).  Returns 0,
 * EOF at the end, or an OpenFlow error. */
int
ofputil_decode_meter_config(struct ofpbuf *msg,
                            struct ofputil_meter_config *mc,
                            struct ofpbuf *bands)
{
    if (!msg->header) {
        ofpraw_pull_assert(msg);
    }
    if (!msg->size) {
        return EOF;
    }

    const struct ofp13_meter_config *omc = ofpbuf_try_pull(msg, sizeof *omc);
    if (!omc) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    size_t len = ntohs(omc->length);
    if (len < sizeof *omc) {
        return OFPERR_OFPBRC_BAD_LEN;
    }

    ofpbuf_clear(bands);
    enum ofperr error = pull_bands(msg, len - sizeof *omc, &mc->n_bands,
                                   bands);
    if (error) {
        return error;
    }
    mc->meter_id = ntohl(omc->meter_id);
    mc->flags = ntohs(omc->flags);
    mc->bands = bands->data;
    return 0;
}

/* Appends 'mc' to the meter configuration replies in 'replies'. */
void
ofputil_append_meter_config(struct svs_list *replies,
                            const struct ofputil_meter_config *mc)
{
    struct ofpbuf *msg = CONTAINER_OF(svs_list_back(replies), struct ofpbuf,
                                      list_node);
    size_t start_ofs = msg->size;
    struct ofp13_meter_config *omc = ofpbuf_put_zeros(msg, sizeof *omc);
    omc->flags = htons(mc->flags);
    omc->meter_id = htonl(mc->meter_id);
    put_bands(msg, mc->bands, mc->n_bands);
    omc = ofpbuf_at_assert(msg, start_ofs, sizeof *omc);
    omc->length = htons(msg->size - start_ofs);
    ofpmp_postappend(replies, start_ofs);
}

/* Appends 'mc' as ovs-ofctl prints one meter's configuration. */
void
ofputil_format_meter_config(struct ds *s,
                            const struct ofputil_meter_config *mc)
{
    ofputil_format_meter_id(s, mc->meter_id, '=');
    format_meter_flags(s, mc->flags);
    format_bands(s, mc->flags, mc->bands, mc->n_bands);
}

/* Pulls the next meter statistics off 'msg', a meter statistics reply,
 * into 'ms' (its band statistics into 'bands', cleared first).  Returns 0,
 * EOF at the end, or an OpenFlow error. */
int
ofputil_decode_meter_stats(struct ofpbuf *msg, struct ofputil_meter_stats *ms,
                           struct ofpbuf *bands)
{
    if (!msg->header) {
        ofpraw_pull_assert(msg);
    }
    if (!msg->size) {
        return EOF;
    }

    const struct ofp13_meter_stats *oms = ofpbuf_try_pull(msg, sizeof *oms);
    if (!oms) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    size_t len = ntohs(oms->len);
    if (len < sizeof *oms || len - sizeof *oms > msg->size
        || (len - sizeof *oms) % sizeof(struct ofp13_meter_band_stats)) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    size_t n = (len - sizeof *oms) / sizeof(struct ofp13_meter_band_stats);
    const struct ofp13_meter_band_stats *ombs = ofpbuf_pull(msg,
                                                            len - sizeof *oms);

    ofpbuf_clear(bands);
    for (size_t i = 0; i < n; i++) {
        struct ofputil_meter_band_stats *mbs = ofpbuf_put_uninit(bands,
                                                                 sizeof *mbs);
        mbs->packet_count = ntohll(ombs[i].packet_band_count);
        mbs->byte_count = ntohll(ombs[i].byte_band_count);
    }
    ms->meter_id = ntohl(oms->meter_id);
    ms->flow_count = ntohl(oms->flow_count);
    ms->packet_in_count = ntohll(oms->packet_in_count);
    ms->byte_in_count = ntohll(oms->byte_in_count);
    ms->duration_sec = ntohl(oms->duration_sec);
    ms->duration_nsec = ntohl(oms->duration_nsec);
    ms->n_bands = n;
    ms->bands = bands->data;
    return 0;
}

/* Appends 'ms' to the meter statistics replies in 'replies'. */
void
ofputil_append_meter_stats(struct svs_list *replies,
                           const struct ofputil_meter_stats *ms)
{
    size_t len = (sizeof(struct ofp13_meter_stats)
                  + ms->n_bands * sizeof(struct ofp13_meter_band_stats));
    struct ofp13_meter_stats *oms = ofpmp_append(replies, len);
    memset(oms, 0, len);
    oms->meter_id = htonl(ms->meter_id);
    oms->len = htons(len);
    oms->flow_count = htonl(ms->flow_count);
    oms->packet_in_count = htonll(ms->packet_in_count);
    oms->byte_in_count = htonll(ms->byte_in_count);
    oms->duration_sec = htonl(ms->duration_sec);
    oms->duration_nsec = htonl(ms->duration_nsec);

    struct ofp13_meter_band_stats *ombs = (void *) (oms + 1);
    for (size_t i = 0; i < ms->n_bands; i++) {
        ombs[i].packet_band_count = htonll(ms->bands[i].packet_count);
        ombs[i].byte_band_count = htonll(ms->bands[i].byte_count);
    }
}

/* Appends 'ms' as ovs-ofctl prints one meter's statistics. */
void
ofputil_format_meter_stats(struct ds *s, const struct ofputil_meter_stats *ms)
{
    ofputil_format_meter_id(s, ms->meter_id, ':');
    ds_put_format(s, " flow_count:%"PRIu32" packet_in_count:%"PRIu64
                  " byte_in_count:%"PRIu64" duration:", ms->flow_count,
                  ms->packet_in_count, ms->byte_in_count);
    ofp_print_duration(s, ms->duration_sec, ms->duration_nsec);
    ds_put_cstr(s, " bands:\n");
    for (size_t i = 0; i < ms->n_bands; i++) {
        ds_put_format(s, "%zu: packet_count:%"PRIu64" byte_count:%"PRIu64
                      "\n", i, ms->bands[i].packet_count,
                      ms->bands[i].byte_count);
    }
}

/* Decodes the meter features reply 'oh'. */
void
ofputil_decode_meter_features(const struct ofp_header *oh,
                              struct ofputil_meter_features *mf)
{
    const struct ofp13_meter_features *omf = ofpmsg_body(oh);
    mf->max_meters = ntohl(omf->max_meter);
    mf->band_types = ntohl(omf->band_types);
    mf->capabilities = ntohl(omf->capabilities);
    mf->max_bands = omf->max_bands;
    mf->max_color = omf->max_color;
}

/* Returns the meter features reply to 'request'. */
struct ofpbuf *
ofputil_encode_meter_features_reply(const struct ofputil_meter_features *mf,
                                    const struct ofp_header *request)
{
    struct ofpbuf *reply = ofpraw_alloc_stats_reply(request, 0);
    struct ofp13_meter_features *omf = ofpbuf_put_zeros(reply, sizeof *omf);
    omf->max_meter = htonl(mf->max_meters);
    omf->band_types = htonl(mf->band_types);
    omf->capabilities = htonl(mf->capabilities);
    omf->max_bands = mf->max_bands;
    omf->max_color = mf->max_color;
    ofpmsg_update_length(reply);
    return reply;
}

/* Appends the names of 'bits' known to 'names' (indexed by bit number),
 * then any remaining bits as one hex number, or "0" if there are none. */
static void
format_bitmap(struct ds *s, uint32_t bits, const char *const names[],
              size_t n_names)
{
    bool first = true;

    for (size_t i = 0; i < n_names; i++) {
        if (names[i] && bits & (1u << i)) {
            ds_put_format(s, "%s%s", first ? "" : " ", names[i]);
            first = false;
            bits &= ~(1u << i);
        }
    }
    if (bits) {
        ds_put_format(s, "%s0x%"PRIx32, first ? "" : " ", bits);
        first = false;
    }
    if (first) {
        ds_put_char(s, '0');
    }
}

/* Appends 'mf' as ovs-ofctl prints it. */
void
ofputil_format_meter_features(struct ds *s,
                              const struct ofputil_meter_features *mf)
{
    static const char *const band_names[] = {
        NULL, "drop", "dscp_remark",
    };
    static const char *const cap_names[] = {
        "kbps", "pktps", "burst", "stats",
    };

    ds_put_format(s, "\nmax_meter:%"PRIu32" max_bands:%"PRIu8
                  " max_color:%"PRIu8"\n", mf->max_meters, mf->max_bands,
                  mf->max_color);
    ds_put_cstr(s, "band_types: ");
    format_bitmap(s, mf->band_types, band_names, ARRAY_SIZE(band_names));
    ds_put_cstr(s, "\ncapabilities: ");
    format_bitmap(s, mf->capabilities, cap_names, ARRAY_SIZE(cap_names));
    ds_put_char(s, '\n');
}

/* Printers. */

static enum ofperr
print_meter_mod(struct ds *s, const struct ofp_header *oh,
                enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_meter_mod mm;
    struct ofpbuf bands;

    ofpbuf_init(&bands, 64);
    enum ofperr error = ofputil_decode_meter_mod(oh, &mm, &bands);
    if (!error) {
        ofputil_format_meter_mod(s, &mm);
    }
    ofpbuf_uninit(&bands);
    return error;
}

static enum ofperr
print_meter_request(struct ds *s, const struct ofp_header *oh,
                    enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    ds_put_char(s, ' ');
    ofputil_format_meter_id(s, ofputil_decode_meter_request(oh), '=');
    return 0;
}

static enum ofperr
print_meter_config_reply(struct ds *s, const struct ofp_header *oh,
                         enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofpbuf b, bands;
    int retval;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpbuf_init(&bands, 64);
    for (;;) {
        struct ofputil_meter_config mc;
        retval = ofputil_decode_meter_config(&b, &mc, &bands);
        if (retval) {
            break;
        }
        ds_put_char(s, '\n');
        ofputil_format_meter_config(s, &mc);
    }
    ofpbuf_uninit(&bands);
    return retval == EOF ? 0 : retval;
}

static enum ofperr
print_meter_stats_reply(struct ds *s, const struct ofp_header *oh,
                        enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofpbuf b, bands;
    int retval;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpbuf_init(&bands, 64);
    for (;;) {
        struct ofputil_meter_stats ms;
        retval = ofputil_decode_meter_stats(&b, &ms, &bands);
        if (retval) {
            break;
        }
        ds_put_char(s, '\n');
        ofputil_format_meter_stats(s, &ms);
    }
    ofpbuf_uninit(&bands);
    return retval == EOF ? 0 : retval;
}

static enum ofperr
print_meter_features_reply(struct ds *s, const struct ofp_header *oh,
                           enum ofpraw raw SVS_UNUSED,
                           int verbosity SVS_UNUSED)
{
    struct ofputil_meter_features mf;
    ofputil_decode_meter_features(oh, &mf);
    ofputil_format_meter_features(s, &mf);
    return 0;
}

/* Registers the printers of this module's messages with ofp-print. */
void
ofputil_meter_print_register(void)
{
    ofp_print_register_default(OFPTYPE_METER_MOD, print_meter_mod);
    ofp_print_register_default(OFPTYPE_METER_STATS_REQUEST,
                               print_meter_request);
    ofp_print_register_default(OFPTYPE_METER_CONFIG_STATS_REQUEST,
                               print_meter_request);
    ofp_print_register_default(OFPTYPE_METER_CONFIG_STATS_REPLY,
                               print_meter_config_reply);
    ofp_print_register_default(OFPTYPE_METER_STATS_REPLY,
                               print_meter_stats_reply);
    ofp_print_register_default(OFPTYPE_METER_FEATURES_STATS_REPLY,
                               print_meter_features_reply);
}
