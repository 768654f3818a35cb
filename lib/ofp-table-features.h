/* ofp-table-features.h: OpenFlow table features (OFPST_TABLE_FEATURES,
 * OpenFlow 1.3+) and table statistics (OFPST_TABLE, all versions).
 *
 * What: 'struct ofputil_table_features' describes what one flow table can
 * do: which fields it can match (and with which kind of mask), which
 * instructions and actions it supports for table-miss and other flows,
 * which fields set-field can write, which tables goto-table can reach.
 * OpenFlow 1.3+ sends it in OFPST_TABLE_FEATURES; OpenFlow 1.0-1.2 send a
 * subset inside OFPST_TABLE replies, which decode to the same structure
 * plus 'struct ofputil_table_stats'.
 *
 * Design: sets of fields are bitmaps ('struct ofputil_field_set') indexed
 * by Open vSwitch's field order, which is also the order in which
 * ovs-ofctl lists them (with common prefixes folded: "eth_{src,dst}",
 * "reg0...reg15").  Fields are identified on the wire by their NXM/OXM
 * headers through meta-flow.h, except the tun_metadata<N> fields, whose
 * Nicira headers are recognized here.
 *
 * Printing follows ovs-ofctl: each table is compared with the previous one
 * and parts that did not change print as "(same features)", "(same
 * instructions)", "(same actions)" or "(same matching)"; runs of tables
 * identical to their predecessor print as "tables N...M: ditto".
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_OFP_TABLE_FEATURES_H
#define SVS_OFP_TABLE_FEATURES_H 1

#include <stdbool.h>
#include <stdint.h>
#include "list.h"
#include "ofp-errors.h"
#include "ofp-table.h"
#include "openflow.h"

struct ds;
struct ofpbuf;

/* A set of fields, in Open vSwitch's field order. */
#define OFPUTIL_FIELD_SET_WORDS 4
struct ofputil_field_set {
    uint64_t bits[OFPUTIL_FIELD_SET_WORDS];
};

int ofputil_field_index_from_name(const char *name);
const char *ofputil_field_index_to_name(int index);
void ofputil_field_set_add(struct ofputil_field_set *, int index);
bool ofputil_field_set_contains(const struct ofputil_field_set *, int index);
bool ofputil_field_set_is_empty(const struct ofputil_field_set *);
void ofputil_field_set_format(struct ds *, const struct ofputil_field_set *);

/* Instructions, as bits in Open vSwitch's order. */
enum ofputil_instruction_bit {
    OFPUTIL_IB_METER,
    OFPUTIL_IB_APPLY_ACTIONS,
    OFPUTIL_IB_CLEAR_ACTIONS,
    OFPUTIL_IB_WRITE_ACTIONS,
    OFPUTIL_IB_WRITE_METADATA,
    OFPUTIL_IB_GOTO_TABLE,
    OFPUTIL_IB_N
};

/* Features of write-actions or apply-actions. */
struct ofputil_table_action_features {
    uint64_t ofpacts;                   /* Action bitmap (ofp-table.h). */
    struct ofputil_field_set set_fields;
};

/* Features of instructions, for table-miss or other flows. */
struct ofputil_table_instruction_features {
    uint8_t next[32];                   /* Bitmap of table ids. */
    uint32_t instructions;              /* Bitmap of enum
                                         * ofputil_instruction_bit. */
    struct ofputil_table_action_features write;
    struct ofputil_table_action_features apply;
};

enum ofputil_table_features_command {
    OFPUTIL_TFC_REPLACE = OFPTFC15_REPLACE,
    OFPUTIL_TFC_MODIFY = OFPTFC15_MODIFY,
    OFPUTIL_TFC_ENABLE = OFPTFC15_ENABLE,
    OFPUTIL_TFC_DISABLE = OFPTFC15_DISABLE,
};

struct ofputil_table_features {
    uint8_t table_id;
    char name[OFP_MAX_TABLE_NAME_LEN + 1];
    uint8_t command;                    /* OpenFlow 1.5. */
    be64 metadata_match;
    be64 metadata_write;
    enum ofputil_table_miss miss_config;    /* OpenFlow 1.1 and 1.2. */
    /* A decoded OpenFlow 1.1 or 1.2 table stats reply's 'config' exactly as
     * received (switches send values that 'miss_config' cannot express,
     * e.g. 3); re-encoded as is when 'has_raw_config'.  Likewise the
     * OpenFlow 1.2 'match' and 'wildcards' bitmaps, which may have bits
     * for no field of that version (Open vSwitch sets bits by the field
     * numbers of its extension fields too). */
    bool has_raw_config;
    uint32_t raw_config;
    bool has_raw_oxm_bitmaps;
    be64 raw_match, raw_wildcards;
    int supports_eviction;              /* -1 unknown, 0 no, 1 yes. */
    int supports_vacancy_events;        /* -1 unknown, 0 no, 1 yes. */
    uint32_t max_entries;

    struct ofputil_table_instruction_features nonmiss;
    struct ofputil_table_instruction_features miss;

    struct ofputil_field_set match;     /* Fields that can be matched. */
    struct ofputil_field_set mask;      /* ...with arbitrary masks. */
    struct ofputil_field_set wildcard;  /* ...or wildcarded. */
};

struct ofputil_table_stats {
    uint8_t table_id;
    uint32_t active_count;
    uint64_t lookup_count;              /* UINT64_MAX if unknown. */
    uint64_t matched_count;             /* UINT64_MAX if unknown. */
};

/* OFPST_TABLE_FEATURES. */
int ofputil_decode_table_features(struct ofpbuf *,
                                  struct ofputil_table_features *,
                                  bool loose);
struct ofpbuf *ofputil_encode_table_features_request(enum ofp_version);
void ofputil_append_table_features(const struct ofputil_table_features *,
                                   struct svs_list *msgs);
bool ofputil_table_features_equal(const struct ofputil_table_features *,
                                  const struct ofputil_table_features *);

/* OFPST_TABLE. */
struct ofpbuf *ofputil_encode_table_stats_request(enum ofp_version);
int ofputil_decode_table_stats_reply(struct ofpbuf *,
                                     struct ofputil_table_stats *,
                                     struct ofputil_table_features *);
void ofputil_append_table_stats_reply(struct ofpbuf *reply,
                                      const struct ofputil_table_stats *,
                                      const struct ofputil_table_features *);

/* Printing one table; see the overview for 'prev_*' and the ditto
 * bookkeeping in '*first_ditto' and '*last_ditto' (both start at -1). */
void ofputil_table_features_format(
    struct ds *, const struct ofputil_table_features *features,
    const struct ofputil_table_features *prev_features,
    const struct ofputil_table_stats *stats,
    const struct ofputil_table_stats *prev_stats,
    int *first_ditto, int *last_ditto);
void ofputil_table_features_format_finish(struct ds *, int first_ditto,
                                          int last_ditto);

void ofputil_table_features_print_register(void);

#endif /* ofp-table-features.h */
