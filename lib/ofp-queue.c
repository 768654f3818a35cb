/* ofp-queue.c: OpenFlow queue messages (see ofp-queue.h). */
#include <config.h>
#include "ofp-queue.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "ofp-msgs.h"
#include "ofp-port.h"
#include "ofp-print.h"
#include "ofp-prop.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_queue);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Appends the queue id 'queue' ("ALL" for OFPQ_ALL). */
static void
format_queue(struct ds *s, uint32_t queue)
{
    if (queue == OFPQ_ALL) {
        ds_put_cstr(s, "ALL");
    } else {
        ds_put_format(s, "%"PRIu32, queue);
    }
}

/* Converts an OpenFlow 1.0 port in a queue request (where OFPP_ALL means
 * every port) to the internal form (OFPP_NONE, printed "ANY"). */
static ofp_port_t
queue_port_from_ofp10(be16 port)
{
    ofp_port_t p = ntohs(port);
    return p == OFPP_ALL ? OFPP_NONE : p;
}

static be16
queue_port_to_ofp10(ofp_port_t port)
{
    return htons(port == OFPP_NONE ? OFPP_ALL : port);
}

/* Queue configuration. */

/* Decodes a queue configuration request (OFPT_QUEUE_GET_CONFIG_REQUEST or
 * OFPST_QUEUE_DESC request).  Returns OFPQOFC_BAD_PORT for a port that is
 * neither a physical port nor "any". */
enum ofperr
ofputil_decode_queue_get_config_request(const struct ofp_header *oh,
                                        ofp_port_t *port, uint32_t *queue)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    enum ofpraw raw = ofpraw_pull_assert(&b);
    enum ofperr error = 0;

    *queue = OFPQ_ALL;
    if (raw == OFPRAW_OFPT10_QUEUE_GET_CONFIG_REQUEST) {
        const struct ofp10_queue_get_config_request *qgcr = b.data;
        *port = ntohs(qgcr->port);
    } else if (raw == OFPRAW_OFPT11_QUEUE_GET_CONFIG_REQUEST) {
        const struct ofp11_queue_get_config_request *qgcr = b.data;
        error = ofputil_port_from_ofp11(qgcr->port, port);
    } else {
        const struct ofp14_queue_desc_request *qdr = b.data;
        error = ofputil_port_from_ofp11(qdr->port, port);
        *queue = ntohl(qdr->queue);
    }
    if (error) {
        return error;
    }
    if (raw != OFPRAW_OFPST14_QUEUE_DESC_REQUEST && *port >= OFPP_MAX
        && (oh->version == OFP10_VERSION || *port != OFPP_NONE)) {
        return OFPERR_OFPQOFC_BAD_PORT;
    }
    return 0;
}

/* Returns a queue configuration request of 'version' for 'port' (OFPP_NONE
 * for any) and, in 1.4+, 'queue' (OFPQ_ALL for all). */
struct ofpbuf *
ofputil_encode_queue_get_config_request(enum ofp_version version,
                                        ofp_port_t port, uint32_t queue)
{
    struct ofpbuf *b;

    if (version == OFP10_VERSION) {
        b = ofpraw_alloc(OFPRAW_OFPT10_QUEUE_GET_CONFIG_REQUEST, version, 0);
        struct ofp10_queue_get_config_request *qgcr
            = ofpbuf_put_zeros(b, sizeof *qgcr);
        qgcr->port = htons(port);
    } else if (version <= OFP13_VERSION) {
        b = ofpraw_alloc(OFPRAW_OFPT11_QUEUE_GET_CONFIG_REQUEST, version, 0);
        struct ofp11_queue_get_config_request *qgcr
            = ofpbuf_put_zeros(b, sizeof *qgcr);
        qgcr->port = ofputil_port_to_ofp11(port);
    } else {
        b = ofpraw_alloc(OFPRAW_OFPST14_QUEUE_DESC_REQUEST, version, 0);
        struct ofp14_queue_desc_request *qdr = ofpbuf_put_zeros(b,
                                                                sizeof *qdr);
        qdr->port = ofputil_port_to_ofp11(port);
        qdr->queue = htonl(queue);
    }
    ofpmsg_update_length(b);
    return b;
}

/* Starts the replies to queue configuration request 'request' in
 * 'replies'. */
void
ofputil_start_queue_get_config_reply(const struct ofp_header *request,
                                     struct svs_list *replies)
{
    enum ofpraw raw = ofpraw_decode_assert(request);
    ofp_port_t port;
    uint32_t queue;
    struct ofpbuf *reply;

    svs_assert(!ofputil_decode_queue_get_config_request(request, &port,
                                                        &queue));
    switch ((int) raw) {
    case OFPRAW_OFPT10_QUEUE_GET_CONFIG_REQUEST: {
        reply = ofpraw_alloc_reply(OFPRAW_OFPT10_QUEUE_GET_CONFIG_REPLY,
                                   request, 0);
        struct ofp10_queue_get_config_reply *qgcr
            = ofpbuf_put_zeros(reply, sizeof *qgcr);
        qgcr->port = htons(port);
        break;
    }
    case OFPRAW_OFPT11_QUEUE_GET_CONFIG_REQUEST: {
        reply = ofpraw_alloc_reply(OFPRAW_OFPT11_QUEUE_GET_CONFIG_REPLY,
                                   request, 0);
        struct ofp11_queue_get_config_reply *qgcr
            = ofpbuf_put_zeros(reply, sizeof *qgcr);
        qgcr->port = ofputil_port_to_ofp11(port);
        break;
    }
    default:
        reply = ofpraw_alloc_stats_reply(request, 0);
        break;
    }
    ofpmsg_update_length(reply);
    svs_list_init(replies);
    svs_list_push_back(replies, &reply->list_node);
}

static void
put_queue_rate(struct ofpbuf *reply, enum ofp_version version,
               uint16_t property, uint16_t rate)
{
    if (rate == UINT16_MAX) {
        return;
    }
    if (version < OFP14_VERSION) {
        struct ofp_queue_prop_rate *oqpr = ofpbuf_put_zeros(reply,
                                                            sizeof *oqpr);
        oqpr->prop_header.property = htons(property);
        oqpr->prop_header.len = htons(sizeof *oqpr);
        oqpr->rate = htons(rate);
    } else {
        struct ofp14_queue_desc_prop_rate *oqpr
            = ofpbuf_put_zeros(reply, sizeof *oqpr);
        oqpr->type = htons(property);
        oqpr->length = htons(sizeof *oqpr);
        oqpr->rate = htons(rate);
    }
}

/* Appends the configuration of one queue to 'replies'. */
void
ofputil_append_queue_get_config_reply(const struct ofputil_queue_config *qc,
                                      struct svs_list *replies)
{
    struct ofpbuf *reply = CONTAINER_OF(svs_list_back(replies),
                                        struct ofpbuf, list_node);
    const struct ofp_header *oh = reply->header;
    enum ofp_version version = oh->version;
    size_t start_ofs = reply->size;
    size_t len_ofs;

    if (version < OFP12_VERSION) {
        struct ofp10_packet_queue *opq = ofpbuf_put_zeros(reply, sizeof *opq);
        opq->queue_id = htonl(qc->queue);
        len_ofs = (char *) &opq->len - (char *) reply->data;
    } else if (version < OFP14_VERSION) {
        struct ofp12_packet_queue *opq = ofpbuf_put_zeros(reply, sizeof *opq);
        opq->port = ofputil_port_to_ofp11(qc->port);
        opq->queue_id = htonl(qc->queue);
        len_ofs = (char *) &opq->len - (char *) reply->data;
    } else {
        struct ofp14_queue_desc *oqd = ofpbuf_put_zeros(reply, sizeof *oqd);
        oqd->port_no = ofputil_port_to_ofp11(qc->port);
        oqd->queue_id = htonl(qc->queue);
        len_ofs = (char *) &oqd->len - (char *) reply->data;
    }
    put_queue_rate(reply, version, OFPQT_MIN_RATE, qc->min_rate);
    put_queue_rate(reply, version, OFPQT_MAX_RATE, qc->max_rate);

    be16 len = htons(reply->size - start_ofs);
    memcpy((char *) reply->data + len_ofs, &len, sizeof len);

    if (version < OFP14_VERSION) {
        ofpmsg_update_length(reply);
    } else {
        ofpmp_postappend(replies, start_ofs);
    }
}

/* Parses the properties of a queue, 'len' bytes at the front of 'b'. */
static enum ofperr
parse_queue_properties(struct ofpbuf *properties, enum ofp_version version,
                       struct ofputil_queue_config *qc)
{
    while (properties->size > 0) {
        uint16_t type, len, rate;

        if (version < OFP14_VERSION) {
            const struct ofp_queue_prop_header *oqph = properties->data;
            if (properties->size < sizeof *oqph) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            type = ntohs(oqph->property);
            len = ntohs(oqph->len);
            if (len < sizeof *oqph || len % 8 || len > properties->size) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            const struct ofp_queue_prop_rate *oqpr = properties->data;
            rate = (len >= sizeof *oqpr ? ntohs(oqpr->rate) : 0);
            if ((type == OFPQT_MIN_RATE || type == OFPQT_MAX_RATE)
                && len != sizeof *oqpr) {
                return OFPERR_OFPBRC_BAD_LEN;
            }
            ofpbuf_pull(properties, len);
        } else {
            struct ofpbuf payload;
            uint64_t t;
            enum ofperr error = ofpprop_pull(properties, &payload, &t);
            if (error) {
                return error;
            }
            type = OFPPROP_IS_EXP(t) ? 0xffff : t;
            if (type == OFPQDPT14_MIN_RATE || type == OFPQDPT14_MAX_RATE) {
                error = ofpprop_parse_u16(&payload, &rate);
                if (error) {
                    return error;
                }
            } else {
                rate = 0;
            }
        }

        switch (type) {
        case OFPQT_MIN_RATE:
            qc->min_rate = rate;
            break;
        case OFPQT_MAX_RATE:
            qc->max_rate = rate;
            break;
        default:
            VLOG_INFO_RL(&rl, "unknown queue property %"PRIu16, type);
            break;
        }
    }
    return 0;
}

/* Pulls the next queue configuration off 'msg', a queue configuration
 * reply (ofpraw_pull() is applied first if msg->header is not set).
 * Returns 0, EOF at the end, or an OpenFlow error. */
int
ofputil_pull_queue_get_config_reply(struct ofpbuf *msg,
                                    struct ofputil_queue_config *qc)
{
    enum ofpraw raw;

    if (!msg->header) {
        enum ofperr error = ofpraw_pull(&raw, msg);
        if (error) {
            return error;
        }
        if (raw == OFPRAW_OFPT10_QUEUE_GET_CONFIG_REPLY) {
            ofpbuf_pull(msg, sizeof(struct ofp10_queue_get_config_reply));
        } else if (raw == OFPRAW_OFPT11_QUEUE_GET_CONFIG_REPLY) {
            ofpbuf_pull(msg, sizeof(struct ofp11_queue_get_config_reply));
        }
    } else {
        raw = ofpraw_decode_assert(msg->header);
    }

    const struct ofp_header *oh = msg->header;
    memset(qc, 0, sizeof *qc);
    qc->min_rate = qc->max_rate = UINT16_MAX;
    if (!msg->size) {
        return EOF;
    }

    size_t len;
    enum ofperr error = 0;
    if (raw == OFPRAW_OFPT10_QUEUE_GET_CONFIG_REPLY
        || (raw == OFPRAW_OFPT11_QUEUE_GET_CONFIG_REPLY
            && oh->version == OFP11_VERSION)) {
        const struct ofp10_packet_queue *opq = msg->data;
        if (msg->size < sizeof *opq) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        if (raw == OFPRAW_OFPT10_QUEUE_GET_CONFIG_REPLY) {
            const struct ofp10_queue_get_config_reply *qgcr = msg->msg;
            qc->port = ntohs(qgcr->port);
        } else {
            const struct ofp11_queue_get_config_reply *qgcr = msg->msg;
            error = ofputil_port_from_ofp11(qgcr->port, &qc->port);
        }
        qc->queue = ntohl(opq->queue_id);
        len = ntohs(opq->len);
        if (len < sizeof *opq || len > msg->size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        len -= sizeof *opq;
        ofpbuf_pull(msg, sizeof *opq);
    } else if (raw == OFPRAW_OFPT11_QUEUE_GET_CONFIG_REPLY) {
        const struct ofp12_packet_queue *opq = msg->data;
        const struct ofp11_queue_get_config_reply *qgcr = msg->msg;
        if (msg->size < sizeof *opq) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        /* The queue's own port field is ignored: the reply's counts. */
        error = ofputil_port_from_ofp11(qgcr->port, &qc->port);
        qc->queue = ntohl(opq->queue_id);
        len = ntohs(opq->len);
        if (len < sizeof *opq || len > msg->size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        len -= sizeof *opq;
        ofpbuf_pull(msg, sizeof *opq);
    } else {
        const struct ofp14_queue_desc *oqd = msg->data;
        if (msg->size < sizeof *oqd) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        error = ofputil_port_from_ofp11(oqd->port_no, &qc->port);
        qc->queue = ntohl(oqd->queue_id);
        len = ntohs(oqd->len);
        if (len < sizeof *oqd || len > msg->size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        len -= sizeof *oqd;
        ofpbuf_pull(msg, sizeof *oqd);
    }
    if (error) {
        return error;
    }

    struct ofpbuf properties;
    ofpbuf_use_const(&properties, ofpbuf_pull(msg, len), len);
    return parse_queue_properties(&properties, oh->version, qc);
}

/* Queue statistics. */

/* Decodes the queue statistics request 'oh'. */
enum ofperr
ofputil_decode_queue_stats_request(const struct ofp_header *oh,
                                   struct ofputil_queue_stats_request *req)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    enum ofpraw raw = ofpraw_pull_assert(&b);

    if (raw == OFPRAW_OFPST10_QUEUE_REQUEST) {
        const struct ofp10_queue_stats_request *qsr = b.data;
        req->port_no = queue_port_from_ofp10(qsr->port_no);
        req->queue_id = ntohl(qsr->queue_id);
        return 0;
    }
    const struct ofp11_queue_stats_request *qsr = b.data;
    req->queue_id = ntohl(qsr->queue_id);
    return ofputil_port_from_ofp11(qsr->port_no, &req->port_no);
}

/* Returns a queue statistics request of 'version'. */
struct ofpbuf *
ofputil_encode_queue_stats_request(
    enum ofp_version version, const struct ofputil_queue_stats_request *req)
{
    struct ofpbuf *b;

    if (version == OFP10_VERSION) {
        b = ofpraw_alloc(OFPRAW_OFPST10_QUEUE_REQUEST, version, 0);
        struct ofp10_queue_stats_request *qsr = ofpbuf_put_zeros(b,
                                                                 sizeof *qsr);
        qsr->port_no = queue_port_to_ofp10(req->port_no);
        qsr->queue_id = htonl(req->queue_id);
    } else {
        b = ofpraw_alloc(OFPRAW_OFPST11_QUEUE_REQUEST, version, 0);
        struct ofp11_queue_stats_request *qsr = ofpbuf_put_zeros(b,
                                                                 sizeof *qsr);
        qsr->port_no = ofputil_port_to_ofp11(req->port_no);
        qsr->queue_id = htonl(req->queue_id);
    }
    ofpmsg_update_length(b);
    return b;
}

/* Pulls the next queue statistics off 'msg', a queue statistics reply
 * (ofpraw_pull() is applied first if msg->header is not set).  Returns 0,
 * EOF at the end, or an OpenFlow error. */
int
ofputil_decode_queue_stats(struct ofputil_queue_stats *qs, struct ofpbuf *msg)
{
    enum ofpraw raw;
    enum ofperr error = (msg->header ? ofpraw_decode(&raw, msg->header)
                         : ofpraw_pull(&raw, msg));
    if (error) {
        return error;
    }
    memset(qs, 0, sizeof *qs);
    if (!msg->size) {
        return EOF;
    }

    qs->duration_sec = qs->duration_nsec = UINT32_MAX;
    if (raw == OFPRAW_OFPST10_QUEUE_REPLY) {
        const struct ofp10_queue_stats *o = ofpbuf_try_pull(msg, sizeof *o);
        if (!o) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        qs->port_no = ntohs(o->port_no);
        qs->queue_id = ntohl(o->queue_id);
        qs->tx_bytes = ntohll(get_32aligned_be64(&o->tx_bytes));
        qs->tx_packets = ntohll(get_32aligned_be64(&o->tx_packets));
        qs->tx_errors = ntohll(get_32aligned_be64(&o->tx_errors));
        return 0;
    }

    const struct ofp11_queue_stats *o;
    struct ofp14_queue_stats o14_copy; /* Aligned copy: see below. */
    if (raw == OFPRAW_OFPST11_QUEUE_REPLY) {
        o = ofpbuf_try_pull(msg, sizeof *o);
    } else if (raw == OFPRAW_OFPST13_QUEUE_REPLY) {
        const struct ofp13_queue_stats *o13 = ofpbuf_try_pull(msg,
                                                              sizeof *o13);
        o = o13 ? &o13->qs : NULL;
        if (o13) {
            qs->duration_sec = ntohl(o13->duration_sec);
            qs->duration_nsec = ntohl(o13->duration_nsec);
        }
    } else {
        /* A record's length need not be a multiple of 8, so the next one
         * may be misaligned for its 64-bit counters: read a copy. */
        const struct ofp14_queue_stats *o14 = &o14_copy;
        if (msg->size < sizeof *o14) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        memcpy(&o14_copy, msg->data, sizeof o14_copy);
        size_t len = ntohs(o14->length);
        if (len < sizeof *o14 || len > msg->size) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        ofpbuf_pull(msg, len);
        o = &o14->qs.qs;
        qs->duration_sec = ntohl(o14->qs.duration_sec);
        qs->duration_nsec = ntohl(o14->qs.duration_nsec);
    }
    if (!o) {
        return OFPERR_OFPBRC_BAD_LEN;
    }
    qs->queue_id = ntohl(o->queue_id);
    qs->tx_bytes = ntohll(o->tx_bytes);
    qs->tx_packets = ntohll(o->tx_packets);
    qs->tx_errors = ntohll(o->tx_errors);
    return ofputil_port_from_ofp11(o->port_no, &qs->port_no);
}

/* Appends 'qs' to the queue statistics replies in 'replies'. */
void
ofputil_append_queue_stat(struct svs_list *replies,
                          const struct ofputil_queue_stats *qs)
{
    enum ofp_version version = ofpmp_version(replies);

    if (version == OFP10_VERSION) {
        struct ofp10_queue_stats *o = ofpmp_append(replies, sizeof *o);
        memset(o, 0, sizeof *o);
        o->port_no = htons(qs->port_no);
        o->queue_id = htonl(qs->queue_id);
        put_32aligned_be64(&o->tx_bytes, htonll(qs->tx_bytes));
        put_32aligned_be64(&o->tx_packets, htonll(qs->tx_packets));
        put_32aligned_be64(&o->tx_errors, htonll(qs->tx_errors));
        return;
    }

    struct ofp11_queue_stats *o;
    if (version <= OFP12_VERSION) {
        o = ofpmp_append(replies, sizeof *o);
        memset(o, 0, sizeof *o);
    } else if (version == OFP13_VERSION) {
        struct ofp13_queue_stats *o13 = ofpmp_append(replies, sizeof *o13);
        memset(o13, 0, sizeof *o13);
        o13->duration_sec = htonl(qs->duration_sec);
        o13->duration_nsec = htonl(qs->duration_nsec);
        o = &o13->qs;
    } else {
        struct ofp14_queue_stats *o14 = ofpmp_append(replies, sizeof *o14);
        memset(o14, 0, sizeof *o14);
        o14->length = htons(sizeof *o14);
        o14->qs.duration_sec = htonl(qs->duration_sec);
        o14->qs.duration_nsec = htonl(qs->duration_nsec);
        o = &o14->qs.qs;
    }
    o->port_no = ofputil_port_to_ofp11(qs->port_no);
    o->queue_id = htonl(qs->queue_id);
    o->tx_bytes = htonll(qs->tx_bytes);
    o->tx_packets = htonll(qs->tx_packets);
    o->tx_errors = htonll(qs->tx_errors);
}

/* Returns the number of entries in queue statistics reply 'oh' (counting
 * until the first that does not decode). */
size_t
ofputil_count_queue_stats(const struct ofp_header *oh)
{
    struct ofputil_queue_stats qs;
    struct ofpbuf b;
    size_t n = 0;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);
    while (!ofputil_decode_queue_stats(&qs, &b)) {
        n++;
    }
    return n;
}

/* Printers. */

static void
put_rate(struct ds *s, const char *name, uint16_t rate)
{
    if (rate == UINT16_MAX) {
        return;
    }
    ds_put_format(s, " %s:", name);
    if (rate <= 1000) {
        ds_put_format(s, "%u.%u%%", rate / 10, rate % 10);
    } else {
        ds_put_cstr(s, "(disabled)");
    }
}

static enum ofperr
print_queue_get_config_request(struct ds *s, const struct ofp_header *oh,
                               enum ofpraw raw SVS_UNUSED,
                               int verbosity SVS_UNUSED)
{
    ofp_port_t port;
    uint32_t queue;
    enum ofperr error = ofputil_decode_queue_get_config_request(oh, &port,
                                                                &queue);
    if (error) {
        return error;
    }
    ds_put_cstr(s, " port=");
    ofputil_format_port(port, s);
    if (queue != OFPQ_ALL) {
        ds_put_cstr(s, " queue=");
        format_queue(s, queue);
    }
    return 0;
}

static int
compare_queues(const void *a_, const void *b_)
{
    const struct ofputil_queue_config *a = a_;
    const struct ofputil_queue_config *b = b_;

    if (a->port != b->port) {
        return a->port < b->port ? -1 : 1;
    }
    return a->queue < b->queue ? -1 : a->queue > b->queue;
}

/* Prints the queues of a reply sorted by port and queue, with a "port="
 * line whenever the port changes. */
static enum ofperr
print_queue_get_config_reply(struct ds *s, const struct ofp_header *oh,
                             enum ofpraw raw SVS_UNUSED,
                             int verbosity SVS_UNUSED)
{
    struct ofputil_queue_config *queues = NULL;
    size_t n = 0, allocated = 0;
    struct ofpbuf b;
    int retval;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_queue_config qc;
        retval = ofputil_pull_queue_get_config_reply(&b, &qc);
        if (retval) {
            break;
        }
        if (n >= allocated) {
            queues = x2nrealloc(queues, &allocated, sizeof *queues);
        }
        queues[n++] = qc;
    }
    if (retval != EOF) {
        free(queues);
        return retval;
    }

    if (n) {
        qsort(queues, n, sizeof *queues, compare_queues);
    }
    for (size_t i = 0; i < n; i++) {
        const struct ofputil_queue_config *qc = &queues[i];
        if (!i || qc->port != queues[i - 1].port) {
            ds_put_cstr(s, i ? "port=" : " port=");
            ofputil_format_port(qc->port, s);
            ds_put_char(s, '\n');
        }
        ds_put_format(s, "queue %"PRIu32":", qc->queue);
        put_rate(s, "min_rate", qc->min_rate);
        put_rate(s, "max_rate", qc->max_rate);
        ds_put_char(s, '\n');
    }
    free(queues);
    return 0;
}

static enum ofperr
print_queue_stats_request(struct ds *s, const struct ofp_header *oh,
                          enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_queue_stats_request req;
    enum ofperr error = ofputil_decode_queue_stats_request(oh, &req);
    if (!error) {
        ds_put_cstr(s, " port=");
        ofputil_format_port(req.port_no, s);
        ds_put_cstr(s, " queue=");
        format_queue(s, req.queue_id);
    }
    return error;
}

static void
put_counter(struct ds *s, const char *name, uint64_t value)
{
    ds_put_format(s, "%s=", name);
    if (value == UINT64_MAX) {
        ds_put_char(s, '?');
    } else {
        ds_put_format(s, "%"PRIu64, value);
    }
}

static enum ofperr
print_queue_stats_reply(struct ds *s, const struct ofp_header *oh,
                        enum ofpraw raw SVS_UNUSED, int verbosity)
{
    ds_put_format(s, " %zu queues\n", ofputil_count_queue_stats(oh));
    if (verbosity < 1) {
        return 0;
    }

    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_queue_stats qs;
        int retval = ofputil_decode_queue_stats(&qs, &b);
        if (retval) {
            return retval == EOF ? 0 : retval;
        }

        ds_put_cstr(s, "  port ");
        ofputil_format_port(qs.port_no, s);
        ds_put_cstr(s, " queue ");
        format_queue(s, qs.queue_id);
        ds_put_cstr(s, ": ");
        put_counter(s, "bytes", qs.tx_bytes);
        ds_put_cstr(s, ", ");
        put_counter(s, "pkts", qs.tx_packets);
        ds_put_cstr(s, ", ");
        put_counter(s, "errors", qs.tx_errors);
        ds_put_cstr(s, ", duration=");
        if (qs.duration_sec != UINT32_MAX) {
            ofp_print_duration(s, qs.duration_sec, qs.duration_nsec);
        } else {
            ds_put_char(s, '?');
        }
        ds_put_char(s, '\n');
    }
}

/* Registers the printers of this module's messages with ofp-print. */
void
ofputil_queue_print_register(void)
{
    ofp_print_register_default(OFPTYPE_QUEUE_GET_CONFIG_REQUEST,
                               print_queue_get_config_request);
    ofp_print_register_default(OFPTYPE_QUEUE_GET_CONFIG_REPLY,
                               print_queue_get_config_reply);
    ofp_print_register_default(OFPTYPE_QUEUE_STATS_REQUEST,
                               print_queue_stats_request);
    ofp_print_register_default(OFPTYPE_QUEUE_STATS_REPLY,
                               print_queue_stats_reply);
}
