/* ofp-table.h: OpenFlow table messages: table-mod, table statistics,
 * table descriptions and table status, plus the bitmaps of actions that
 * features replies, table statistics and group features advertise.
 * Table features (OFPST_TABLE_FEATURES) are in ofp-table-features.h.
 *
 * What: action bitmaps are kept as 'uint64_t' with one bit per action in
 * Open vSwitch's canonical action order (enum ofputil_action_bit), which
 * is also the order in which ovs-ofctl lists them; each OpenFlow version
 * numbers its actions differently and ofputil_action_bitmap_from/to_
 * openflow() translate.
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_OFP_TABLE_H
#define SVS_OFP_TABLE_H 1

#include <stdbool.h>
#include <stdint.h>
#include "list.h"
#include "ofp-errors.h"
#include "openflow.h"

struct ds;
struct ofpbuf;

/* Actions that OpenFlow action bitmaps and action lists can name, in
 * Open vSwitch's order. */
enum ofputil_action_bit {
    OFPUTIL_AB_OUTPUT,
    OFPUTIL_AB_GROUP,
    OFPUTIL_AB_ENQUEUE,
    OFPUTIL_AB_SET_FIELD,
    OFPUTIL_AB_SET_VLAN_VID,
    OFPUTIL_AB_SET_VLAN_PCP,
    OFPUTIL_AB_STRIP_VLAN,
    OFPUTIL_AB_PUSH_VLAN,
    OFPUTIL_AB_SET_ETH_SRC,
    OFPUTIL_AB_SET_ETH_DST,
    OFPUTIL_AB_SET_IPV4_SRC,
    OFPUTIL_AB_SET_IPV4_DST,
    OFPUTIL_AB_SET_IP_DSCP,
    OFPUTIL_AB_SET_IP_ECN,
    OFPUTIL_AB_SET_IP_TTL,
    OFPUTIL_AB_SET_L4_SRC_PORT,
    OFPUTIL_AB_SET_L4_DST_PORT,
    OFPUTIL_AB_DEC_TTL,
    OFPUTIL_AB_SET_MPLS_LABEL,
    OFPUTIL_AB_SET_MPLS_TC,
    OFPUTIL_AB_SET_MPLS_TTL,
    OFPUTIL_AB_DEC_MPLS_TTL,
    OFPUTIL_AB_PUSH_MPLS,
    OFPUTIL_AB_POP_MPLS,
    OFPUTIL_AB_SET_QUEUE,
    OFPUTIL_AB_N
};

uint64_t ofputil_action_bitmap_from_openflow(be32 bitmap, enum ofp_version);
be32 ofputil_action_bitmap_to_openflow(uint64_t, enum ofp_version);
int ofputil_action_bit_from_type(uint16_t type, enum ofp_version);
int ofputil_action_bit_to_type(enum ofputil_action_bit, enum ofp_version);
const char *ofputil_action_bit_name(enum ofputil_action_bit);
void ofputil_action_bitmap_format(struct ds *, uint64_t);

/* Table numbers. */
void ofputil_format_table(struct ds *, uint8_t table_id);

/* Table miss behavior (OpenFlow 1.1 and 1.2 config). */
enum ofputil_table_miss {
    OFPUTIL_TABLE_MISS_DEFAULT,     /* Not specified. */
    OFPUTIL_TABLE_MISS_CONTROLLER,
    OFPUTIL_TABLE_MISS_CONTINUE,
    OFPUTIL_TABLE_MISS_DROP,
};

/* Eviction (OpenFlow 1.4+). */
enum ofputil_table_eviction {
    OFPUTIL_TABLE_EVICTION_DEFAULT,
    OFPUTIL_TABLE_EVICTION_ON,
    OFPUTIL_TABLE_EVICTION_OFF,
};

/* Vacancy events (OpenFlow 1.4+). */
enum ofputil_table_vacancy {
    OFPUTIL_TABLE_VACANCY_DEFAULT,
    OFPUTIL_TABLE_VACANCY_ON,
    OFPUTIL_TABLE_VACANCY_OFF,
};

const char *ofputil_table_miss_to_string(enum ofputil_table_miss);
const char *ofputil_table_eviction_to_string(int);
const char *ofputil_table_vacancy_to_string(enum ofputil_table_vacancy);
enum ofputil_table_miss ofputil_decode_table_miss(be32 config,
                                                  enum ofp_version);

/* OFPT_TABLE_MOD. */
struct ofputil_table_mod {
    uint8_t table_id;           /* OFPTT_ALL for all tables. */
    enum ofputil_table_miss miss;
    int eviction;               /* enum ofputil_table_eviction (as decoded,
                                 * possibly out of range). */
    uint32_t eviction_flags;    /* OFPTMPEF14_*, UINT32_MAX if absent. */
    enum ofputil_table_vacancy vacancy;
    uint8_t table_vacancy_down; /* Percentages. */
    uint8_t table_vacancy_up;
};

enum ofperr ofputil_decode_table_mod(const struct ofp_header *,
                                     struct ofputil_table_mod *);
struct ofpbuf *ofputil_encode_table_mod(const struct ofputil_table_mod *,
                                        enum ofp_version);
void ofputil_table_mod_format(struct ds *, enum ofp_version,
                              const struct ofputil_table_mod *);

/* OFPST_TABLE_DESC reply and OFPT_TABLE_STATUS. */
struct ofputil_table_desc {
    uint8_t table_id;
    enum ofputil_table_eviction eviction;
    uint32_t eviction_flags;    /* UINT32_MAX if absent. */
    enum ofputil_table_vacancy vacancy;
    uint8_t table_vacancy_down;
    uint8_t table_vacancy_up;
    uint8_t table_vacancy;      /* Current vacancy. */
};

int ofputil_decode_table_desc(struct ofpbuf *, struct ofputil_table_desc *,
                              enum ofp_version);
void ofputil_append_table_desc_reply(const struct ofputil_table_desc *,
                                     struct svs_list *replies,
                                     enum ofp_version);
void ofputil_table_desc_format(struct ds *, const struct ofputil_table_desc *);

struct ofputil_table_status {
    enum ofp14_table_reason reason;
    struct ofputil_table_desc desc;
};

enum ofperr ofputil_decode_table_status(const struct ofp_header *,
                                        struct ofputil_table_status *);
struct ofpbuf *ofputil_encode_table_status(
    const struct ofputil_table_status *, enum ofp_version);

void ofputil_table_print_register(void);

#endif /* ofp-table.h */
