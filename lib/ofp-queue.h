/* ofp-queue.h: OpenFlow queue messages: queue configuration
 * (OFPT_QUEUE_GET_CONFIG_* in OpenFlow 1.0-1.3, OFPST_QUEUE_DESC in 1.4+)
 * and queue statistics (OFPST_QUEUE).
 *
 * What: a queue configuration request names a port (OFPP_ANY for all) and,
 * in 1.4+, a queue (OFPQ_ALL for all); the reply is a list of
 * 'struct ofputil_queue_config'.  Rates are in tenths of a percent;
 * UINT16_MAX means "not configured" (above 1000 is "disabled").
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_OFP_QUEUE_H
#define SVS_OFP_QUEUE_H 1

#include <stdint.h>
#include "list.h"
#include "ofp-errors.h"
#include "openflow-common.h"
#include "svs-types.h"

struct ds;
struct ofpbuf;

/* Queue configuration. */
enum ofperr ofputil_decode_queue_get_config_request(
    const struct ofp_header *, ofp_port_t *port, uint32_t *queue);
struct ofpbuf *ofputil_encode_queue_get_config_request(enum ofp_version,
                                                       ofp_port_t port,
                                                       uint32_t queue);

struct ofputil_queue_config {
    ofp_port_t port;
    uint32_t queue;
    uint16_t min_rate;          /* UINT16_MAX if absent. */
    uint16_t max_rate;          /* UINT16_MAX if absent. */
};

void ofputil_start_queue_get_config_reply(const struct ofp_header *request,
                                          struct svs_list *replies);
void ofputil_append_queue_get_config_reply(
    const struct ofputil_queue_config *, struct svs_list *replies);
int ofputil_pull_queue_get_config_reply(struct ofpbuf *,
                                        struct ofputil_queue_config *);

/* Queue statistics. */
struct ofputil_queue_stats_request {
    ofp_port_t port_no;         /* OFPP_ANY for all ports. */
    uint32_t queue_id;          /* OFPQ_ALL for all queues. */
};

enum ofperr ofputil_decode_queue_stats_request(
    const struct ofp_header *, struct ofputil_queue_stats_request *);
struct ofpbuf *ofputil_encode_queue_stats_request(
    enum ofp_version, const struct ofputil_queue_stats_request *);

struct ofputil_queue_stats {
    ofp_port_t port_no;
    uint32_t queue_id;
    uint64_t tx_bytes;          /* UINT64_MAX if unknown. */
    uint64_t tx_packets;
    uint64_t tx_errors;
    uint32_t duration_sec;      /* UINT32_MAX if unknown. */
    uint32_t duration_nsec;
};

int ofputil_decode_queue_stats(struct ofputil_queue_stats *,
                               struct ofpbuf *);
void ofputil_append_queue_stat(struct svs_list *replies,
                               const struct ofputil_queue_stats *);
size_t ofputil_count_queue_stats(const struct ofp_header *);

void ofputil_queue_print_register(void);

#endif /* ofp-queue.h */
