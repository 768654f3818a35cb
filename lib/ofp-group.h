/* ofp-group.h: OpenFlow group messages: group-mod (OpenFlow 1.1+ and the
 * Nicira NXT_GROUP_MOD for 1.0), group statistics, group descriptions and
 * group features.
 *
 * What: 'struct ofputil_group_mod' and 'struct ofputil_group_desc' hold a
 * list of 'struct ofputil_bucket'.  A bucket's actions are kept in the
 * internal ofpact form of ofp-actions.h: decoding pulls them with
 * ofpacts_pull_openflow_actions(), encoding puts them with
 * ofpacts_put_openflow_actions(), printing uses ofpacts_format().  Each
 * bucket owns its ofpacts (freed by ofputil_bucket_list_destroy()).
 *
 * Decoding validates a group-mod as Open vSwitch does: bucket weights only
 * in select groups, liveness (watch port/group) required in fast-failover
 * groups and refused in all/indirect groups, exactly one bucket in an
 * indirect group, and OpenFlow 1.5's command bucket id.
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_OFP_GROUP_H
#define SVS_OFP_GROUP_H 1

#include <stdbool.h>
#include <stdint.h>
#include "list.h"
#include "ofp-errors.h"
#include "openflow.h"
#include "svs-types.h"

struct ds;
struct ofpbuf;
struct ofpact;

/* A bucket. */
struct ofputil_bucket {
    struct svs_list list_node;
    uint16_t weight;            /* Select groups only. */
    ofp_port_t watch_port;      /* OFPP_NONE ("ANY") if none. */
    uint32_t watch_group;       /* OFPG_ANY if none. */
    uint32_t bucket_id;         /* OpenFlow 1.5; otherwise the index. */
    struct ofpact *ofpacts;     /* Owned (malloc'd). */
    size_t ofpacts_len;
};

void ofputil_bucket_list_destroy(struct svs_list *buckets);
bool ofputil_bucket_has_liveness(const struct ofputil_bucket *);

/* OFPT_GROUP_MOD. */
enum ofputil_group_command {
    OFPUTIL_GC_ADD = OFPGC11_ADD,
    OFPUTIL_GC_MODIFY = OFPGC11_MODIFY,
    OFPUTIL_GC_DELETE = OFPGC11_DELETE,
    OFPUTIL_GC_INSERT_BUCKET = OFPGC15_INSERT_BUCKET,
    OFPUTIL_GC_REMOVE_BUCKET = OFPGC15_REMOVE_BUCKET,
    OFPUTIL_GC_ADD_OR_MOD = OFPGC11_ADD_OR_MOD,
};

struct ofputil_group_mod {
    uint16_t command;           /* enum ofputil_group_command. */
    uint8_t type;               /* OFPGT11_*. */
    uint32_t group_id;
    uint32_t command_bucket_id; /* OpenFlow 1.5: OFPG15_BUCKET_*. */
    struct svs_list buckets;    /* Contains "struct ofputil_bucket"s. */
};

void ofputil_group_mod_init(struct ofputil_group_mod *);
void ofputil_uninit_group_mod(struct ofputil_group_mod *);
enum ofperr ofputil_decode_group_mod(const struct ofp_header *,
                                     struct ofputil_group_mod *);
struct ofpbuf *ofputil_encode_group_mod(enum ofp_version,
                                        const struct ofputil_group_mod *);
void ofputil_group_mod_format(struct ds *, enum ofp_version,
                              const struct ofputil_group_mod *);
void ofputil_format_group_id(struct ds *, uint32_t group_id);
const char *ofputil_group_type_to_string(uint8_t type);

/* OFPST_GROUP and OFPST_GROUP_DESC requests. */
uint32_t ofputil_decode_group_stats_request(const struct ofp_header *);
uint32_t ofputil_decode_group_desc_request(const struct ofp_header *);
struct ofpbuf *ofputil_encode_group_stats_request(enum ofp_version,
                                                  uint32_t group_id);
struct ofpbuf *ofputil_encode_group_desc_request(enum ofp_version,
                                                 uint32_t group_id);

/* OFPST_GROUP reply. */
struct ofputil_bucket_counter {
    uint64_t packet_count;
    uint64_t byte_count;
};

struct ofputil_group_stats {
    uint32_t group_id;
    uint32_t ref_count;
    uint64_t packet_count;
    uint64_t byte_count;
    uint32_t duration_sec;      /* UINT32_MAX if unknown. */
    uint32_t duration_nsec;
    uint32_t n_buckets;
    struct ofputil_bucket_counter *bucket_stats;    /* Owned. */
};

int ofputil_decode_group_stats_reply(struct ofpbuf *,
                                     struct ofputil_group_stats *);
void ofputil_append_group_stats(struct svs_list *replies,
                                const struct ofputil_group_stats *);

/* OFPST_GROUP_DESC reply. */
struct ofputil_group_desc {
    uint8_t type;
    uint32_t group_id;
    struct svs_list buckets;
};

int ofputil_decode_group_desc_reply(struct ofputil_group_desc *,
                                    struct ofpbuf *, enum ofp_version);
void ofputil_uninit_group_desc(struct ofputil_group_desc *);
void ofputil_append_group_desc_reply(const struct ofputil_group_desc *,
                                     struct svs_list *replies);

/* OFPST_GROUP_FEATURES reply. */
struct ofputil_group_features {
    uint32_t types;             /* Bitmap of 1 << OFPGT11_*. */
    uint32_t capabilities;      /* OFPGFC12_*. */
    uint32_t max_groups[4];
    uint64_t ofpacts[4];        /* Action bitmaps, see ofp-table.h. */
};

void ofputil_decode_group_features_reply(const struct ofp_header *,
                                         struct ofputil_group_features *);
struct ofpbuf *ofputil_encode_group_features_reply(
    const struct ofputil_group_features *, const struct ofp_header *request);

void ofputil_group_print_register(void);

#endif /* ofp-group.h */
