/* ofp-meter.h: OpenFlow 1.3+ meter messages: meter-mod, meter statistics,
 * meter configuration and meter features.
 *
 * What: 'struct ofputil_meter_config' (a meter id, its OFPMF13_* flags and
 * its bands) is shared by meter-mod and the meter configuration reply.
 * Decoding a list of bands allocates them into a caller-supplied ofpbuf
 * 'bands' (so that the result needs no separate freeing of each band);
 * the struct then points into it.
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_OFP_METER_H
#define SVS_OFP_METER_H 1

#include <stdint.h>
#include "list.h"
#include "ofp-errors.h"
#include "ofp-msgs.h"
#include "openflow-common.h"

struct ds;
struct ofpbuf;

/* A meter band. */
struct ofputil_meter_band {
    uint16_t type;              /* OFPMBT13_DROP or OFPMBT13_DSCP_REMARK. */
    uint8_t prec_level;         /* For DSCP_REMARK. */
    uint32_t rate;
    uint32_t burst_size;
};

/* A meter's configuration. */
struct ofputil_meter_config {
    uint32_t meter_id;
    uint16_t flags;             /* OFPMF13_*. */
    uint16_t n_bands;
    struct ofputil_meter_band *bands;
};

/* OFPT_METER_MOD. */
struct ofputil_meter_mod {
    uint16_t command;           /* OFPMC13_*. */
    struct ofputil_meter_config meter;
};

void ofputil_format_meter_id(struct ds *, uint32_t meter_id, char separator);
enum ofperr ofputil_decode_meter_mod(const struct ofp_header *,
                                     struct ofputil_meter_mod *,
                                     struct ofpbuf *bands);
struct ofpbuf *ofputil_encode_meter_mod(enum ofp_version,
                                        const struct ofputil_meter_mod *);
void ofputil_format_meter_mod(struct ds *, const struct ofputil_meter_mod *);

/* OFPST_METER and OFPST_METER_CONFIG requests. */
uint32_t ofputil_decode_meter_request(const struct ofp_header *);
struct ofpbuf *ofputil_encode_meter_request(enum ofp_version,
                                            enum ofptype, uint32_t meter_id);

/* OFPST_METER_CONFIG reply. */
int ofputil_decode_meter_config(struct ofpbuf *,
                                struct ofputil_meter_config *,
                                struct ofpbuf *bands);
void ofputil_append_meter_config(struct svs_list *replies,
                                 const struct ofputil_meter_config *);
void ofputil_format_meter_config(struct ds *,
                                 const struct ofputil_meter_config *);

/* OFPST_METER reply. */
struct ofputil_meter_band_stats {
    uint64_t packet_count;
    uint64_t byte_count;
};

struct ofputil_meter_stats {
    uint32_t meter_id;
    uint32_t flow_count;
    uint64_t packet_in_count;
    uint64_t byte_in_count;
    uint32_t duration_sec;
    uint32_t duration_nsec;
    uint16_t n_bands;
    struct ofputil_meter_band_stats *bands;
};

int ofputil_decode_meter_stats(struct ofpbuf *, struct ofputil_meter_stats *,
                               struct ofpbuf *bands);
void ofputil_append_meter_stats(struct svs_list *replies,
                                const struct ofputil_meter_stats *);
void ofputil_format_meter_stats(struct ds *,
                                const struct ofputil_meter_stats *);

/* OFPST_METER_FEATURES reply. */
struct ofputil_meter_features {
    uint32_t max_meters;
    uint32_t band_types;        /* Bitmap of 1 << OFPMBT13_*. */
    uint32_t capabilities;      /* OFPMF13_*. */
    uint8_t max_bands;
    uint8_t max_color;
};

void ofputil_decode_meter_features(const struct ofp_header *,
                                   struct ofputil_meter_features *);
struct ofpbuf *ofputil_encode_meter_features_reply(
    const struct ofputil_meter_features *, const struct ofp_header *request);
void ofputil_format_meter_features(struct ds *,
                                   const struct ofputil_meter_features *);

void ofputil_meter_print_register(void);

#endif /* ofp-meter.h */
