/* ofp-table-features.c: OpenFlow table features and statistics (see
 * ofp-table-features.h). */
#include <config.h>
#include "ofp-table-features.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "meta-flow.h"
#include "nx-match.h"
#include "ofp-msgs.h"
#include "ofp-print.h"
#include "ofp-prop.h"
#include "ofpbuf.h"
#include "shash.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_table_features);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Fields, in Open vSwitch's order.  "tun_metadata" stands for the 64
 * fields tun_metadata0...tun_metadata63, expanded at initialization. */
static const char *const field_order[] = {
    "dp_hash", "recirc_id", "packet_type", "conj_id",
    "tun_id", "tun_src", "tun_dst", "tun_ipv6_src", "tun_ipv6_dst",
    "tun_flags", "tun_ttl", "tun_tos", "tun_gbp_id", "tun_gbp_flags",
    "tun_erspan_idx", "tun_erspan_ver", "tun_erspan_dir", "tun_erspan_hwid",
    "tun_gtpu_flags", "tun_gtpu_msgtype", "tun_metadata",
    "metadata", "in_port", "in_port_oxm", "actset_output", "skb_priority",
    "pkt_mark", "ct_state", "ct_zone", "ct_mark", "ct_label", "ct_nw_proto",
    "ct_nw_src", "ct_nw_dst", "ct_ipv6_src", "ct_ipv6_dst", "ct_tp_src",
    "ct_tp_dst",
    "reg0", "reg1", "reg2", "reg3", "reg4", "reg5", "reg6", "reg7",
    "reg8", "reg9", "reg10", "reg11", "reg12", "reg13", "reg14", "reg15",
    "xreg0", "xreg1", "xreg2", "xreg3", "xreg4", "xreg5", "xreg6", "xreg7",
    "xxreg0", "xxreg1", "xxreg2", "xxreg3",
    "eth_src", "eth_dst", "eth_type", "vlan_tci", "dl_vlan", "vlan_vid",
    "dl_vlan_pcp", "vlan_pcp", "mpls_label", "mpls_tc", "mpls_bos",
    "mpls_ttl", "ip_src", "ip_dst", "ipv6_src", "ipv6_dst", "ipv6_label",
    "nw_proto", "nw_tos", "ip_dscp", "nw_ecn", "nw_ttl", "ip_frag",
    "arp_op", "arp_spa", "arp_tpa", "arp_sha", "arp_tha",
    "tcp_src", "tcp_dst", "tcp_flags", "udp_src", "udp_dst", "sctp_src",
    "sctp_dst", "icmp_type", "icmp_code", "icmpv6_type", "icmpv6_code",
    "nd_target", "nd_sll", "nd_tll", "nd_reserved", "nd_options_type",
    "nsh_flags", "nsh_mdtype", "nsh_np", "nsh_spi", "nsh_si", "nsh_c1",
    "nsh_c2", "nsh_c3", "nsh_c4", "nsh_ttl",
};

#define N_TUN_METADATA 64
#define N_FIELDS (ARRAY_SIZE(field_order) - 1 + N_TUN_METADATA)
_Static_assert(N_FIELDS <= 64 * OFPUTIL_FIELD_SET_WORDS, "field set size");

static const char *field_names[N_FIELDS];
static char tun_metadata_names[N_TUN_METADATA][16];
static int tun_metadata_base;           /* Index of tun_metadata0. */
static struct shash field_index;        /* Name -> index + 1. */
static pthread_once_t fields_once = PTHREAD_ONCE_INIT;

static void
fields_init(void)
{
    size_t n = 0;

    shash_init(&field_index);
    for (size_t i = 0; i < ARRAY_SIZE(field_order); i++) {
        if (!strcmp(field_order[i], "tun_metadata")) {
            tun_metadata_base = n;
            for (int j = 0; j < N_TUN_METADATA; j++) {
                snprintf(tun_metadata_names[j], sizeof tun_metadata_names[j],
                         "tun_metadata%d", j);
                field_names[n++] = tun_metadata_names[j];
            }
        } else {
            field_names[n++] = field_order[i];
        }
    }
    for (size_t i = 0; i < n; i++) {
        shash_add(&field_index, field_names[i], (void *) (uintptr_t) (i + 1));
    }
}

/* Returns the index of the field named 'name' in Open vSwitch's field
 * order, or -1. */
int
ofputil_field_index_from_name(const char *name)
{
    pthread_once(&fields_once, fields_init);
    uintptr_t x = (uintptr_t) shash_find_data(&field_index, name);
    return x ? (int) x - 1 : -1;
}

/* Returns the name of the field with 'index'. */
const char *
ofputil_field_index_to_name(int index)
{
    pthread_once(&fields_once, fields_init);
    svs_assert(index >= 0 && index < (int) N_FIELDS);
    return field_names[index];
}

void
ofputil_field_set_add(struct ofputil_field_set *set, int index)
{
    set->bits[index / 64] |= UINT64_C(1) << (index % 64);
}

bool
ofputil_field_set_contains(const struct ofputil_field_set *set, int index)
{
    return (set->bits[index / 64] & (UINT64_C(1) << (index % 64))) != 0;
}

bool
ofputil_field_set_is_empty(const struct ofputil_field_set *set)
{
    for (int i = 0; i < OFPUTIL_FIELD_SET_WORDS; i++) {
        if (set->bits[i]) {
            return false;
        }
    }
    return true;
}

static bool
field_set_equal(const struct ofputil_field_set *a,
                const struct ofputil_field_set *b)
{
    return !memcmp(a, b, sizeof *a);
}

/* Splits 'name' into a stem and a trailing decimal number.  Returns the
 * number, or -1 if 'name' has none (or only digits). */
static int
trailing_number(const char *name, size_t *stem_len)
{
    size_t len = strlen(name);
    size_t i = len;
    while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9') {
        i--;
    }
    if (i == len || i == 0 || len - i > 6) {
        return -1;
    }
    *stem_len = i;
    return atoi(name + i);
}

/* Appends the 'n' names in 'names' (in order), folding runs that share a
 * prefix ending in '_' into "prefix_{a,b}" and runs of consecutively
 * numbered names into "stemN...stemM", separated by 'sep'. */
static void
format_names(struct ds *s, const char *const names[], size_t n, char sep)
{
    for (size_t i = 0; i < n; ) {
        if (i) {
            ds_put_char(s, sep);
        }

        const char *name = names[i];
        const char *us = strchr(name, '_');
        if (us) {
            size_t plen = us - name + 1;
            size_t j = i + 1;
            while (j < n && !strncmp(names[j], name, plen)) {
                j++;
            }
            if (j - i >= 2) {
                const char **rest = xmalloc((j - i) * sizeof *rest);
                for (size_t k = i; k < j; k++) {
                    rest[k - i] = names[k] + plen;
                }
                ds_put_buffer(s, name, plen);
                ds_put_char(s, '{');
                format_names(s, rest, j - i, ',');
                ds_put_char(s, '}');
                free(rest);
                i = j;
                continue;
            }
        }

        size_t stem_len;
        int num = trailing_number(name, &stem_len);
        if (num >= 0) {
            size_t j = i + 1;
            while (j < n) {
                size_t l2;
                int n2 = trailing_number(names[j], &l2);
                if (n2 != num + (int) (j - i) || l2 != stem_len
                    || strncmp(names[j], name, stem_len)) {
                    break;
                }
                j++;
            }
            if (j - i >= 2) {
                ds_put_format(s, "%s...%s", name, names[j - 1]);
                i = j;
                continue;
            }
        }

        ds_put_cstr(s, name);
        i++;
    }
}

/* Appends the fields in 'set', in Open vSwitch's order and notation. */
void
ofputil_field_set_format(struct ds *s, const struct ofputil_field_set *set)
{
    const char *names[N_FIELDS];
    size_t n = 0;

    pthread_once(&fields_once, fields_init);
    for (size_t i = 0; i < N_FIELDS; i++) {
        if (ofputil_field_set_contains(set, i)) {
            names[n++] = field_names[i];
        }
    }
    format_names(s, names, n, ' ');
}

/* NXM/OXM headers of fields. */

#define NXM_NX_CLASS 0x0001
#define TUN_METADATA_FIELD0 40

/* Pulls one NXM/OXM header off 'b'.  Stores the index of its field in
 * '*index' (-1 if unknown) and whether it has a mask in '*masked'.
 * Returns 0 or OFPBMC_BAD_LEN for a truncated header. */
static enum ofperr
pull_field_header(struct ofpbuf *b, int *index, bool *masked)
{
    be32 h32;

    if (b->size < 4) {
        return OFPERR_OFPBMC_BAD_LEN;
    }
    memcpy(&h32, b->data, 4);
    uint64_t header = ntohl(h32);
    if (nxm_class(header) == 0xffff) {
        if (b->size < 8) {
            return OFPERR_OFPBMC_BAD_LEN;
        }
        be32 exp;
        memcpy(&exp, (const char *) b->data + 4, 4);
        header |= (uint64_t) ntohl(exp) << 32;
        ofpbuf_pull(b, 8);
    } else {
        ofpbuf_pull(b, 4);
    }

    *masked = nxm_hasmask(header);
    *index = -1;
    if (nxm_class(header) == NXM_NX_CLASS
        && nxm_field(header) >= TUN_METADATA_FIELD0
        && nxm_field(header) < TUN_METADATA_FIELD0 + N_TUN_METADATA) {
        pthread_once(&fields_once, fields_init);
        *index = (tun_metadata_base + nxm_field(header)
                  - TUN_METADATA_FIELD0);
    } else {
        const struct mf_field *mf = mf_from_nxm_header(header, NULL);
        if (mf) {
            *index = ofputil_field_index_from_name(mf->name);
        }
    }
    return 0;
}

/* Appends the header of the field with 'index' for 'version' (with a mask
 * if 'masked').  Fields without a header are skipped. */
static void
put_field_header(struct ofpbuf *b, int index, enum ofp_version version,
                 bool masked)
{
    pthread_once(&fields_once, fields_init);
    if (index >= tun_metadata_base
        && index < tun_metadata_base + N_TUN_METADATA) {
        uint32_t field = TUN_METADATA_FIELD0 + index - tun_metadata_base;
        uint32_t h = (NXM_NX_CLASS << 16) | (field << 9) | (masked << 8)
                     | (masked ? 248 : 124);
        be32 wire = htonl(h);
        ofpbuf_put(b, &wire, sizeof wire);
        return;
    }

    const struct mf_field *mf = mf_from_name(field_names[index]);
    if (mf && mf_nxm_header_for_version(mf, version)) {
        nx_put_header(b, mf, version, masked);
    }
}

/* Instructions. */

static const char *const instruction_names[OFPUTIL_IB_N] = {
    [OFPUTIL_IB_METER] = "meter",
    [OFPUTIL_IB_APPLY_ACTIONS] = "apply_actions",
    [OFPUTIL_IB_CLEAR_ACTIONS] = "clear_actions",
    [OFPUTIL_IB_WRITE_ACTIONS] = "write_actions",
    [OFPUTIL_IB_WRITE_METADATA] = "write_metadata",
    [OFPUTIL_IB_GOTO_TABLE] = "goto_table",
};

/* Returns the instruction bit of OpenFlow instruction type 'type', or
 * -1. */
static int
instruction_bit_from_type(uint16_t type, enum ofp_version version)
{
    switch (type) {
    case OFPIT11_GOTO_TABLE:
        return OFPUTIL_IB_GOTO_TABLE;
    case OFPIT11_WRITE_METADATA:
        return OFPUTIL_IB_WRITE_METADATA;
    case OFPIT11_WRITE_ACTIONS:
        return OFPUTIL_IB_WRITE_ACTIONS;
    case OFPIT11_APPLY_ACTIONS:
        return OFPUTIL_IB_APPLY_ACTIONS;
    case OFPIT11_CLEAR_ACTIONS:
        return OFPUTIL_IB_CLEAR_ACTIONS;
    case OFPIT13_METER:
        return version >= OFP13_VERSION ? OFPUTIL_IB_METER : -1;
    }
    return -1;
}

static uint16_t
instruction_bit_to_type(enum ofputil_instruction_bit bit)
{
    switch (bit) {
    case OFPUTIL_IB_METER:
        return OFPIT13_METER;
    case OFPUTIL_IB_APPLY_ACTIONS:
        return OFPIT11_APPLY_ACTIONS;
    case OFPUTIL_IB_CLEAR_ACTIONS:
        return OFPIT11_CLEAR_ACTIONS;
    case OFPUTIL_IB_WRITE_ACTIONS:
        return OFPIT11_WRITE_ACTIONS;
    case OFPUTIL_IB_WRITE_METADATA:
        return OFPIT11_WRITE_METADATA;
    case OFPUTIL_IB_GOTO_TABLE:
        return OFPIT11_GOTO_TABLE;
    case OFPUTIL_IB_N:
        break;
    }
    SVS_NOT_REACHED();
}

/* Converts a 1.1/1.2 instruction bitmap (bit N for type N). */
static uint32_t
instructions_from_bitmap(uint32_t bitmap, enum ofp_version version)
{
    uint32_t result = 0;
    for (int type = 0; type < 32; type++) {
        if (bitmap & (1u << type)) {
            int bit = instruction_bit_from_type(type, version);
            if (bit >= 0) {
                result |= 1u << bit;
            }
        }
    }
    return result;
}

static uint32_t
instructions_to_bitmap(uint32_t instructions, enum ofp_version version)
{
    uint32_t result = 0;
    for (int bit = 0; bit < OFPUTIL_IB_N; bit++) {
        if (instructions & (1u << bit)) {
            uint16_t type = instruction_bit_to_type(bit);
            if (instruction_bit_from_type(type, version) >= 0) {
                result |= 1u << type;
            }
        }
    }
    return result;
}

/* Property payload parsers. */

/* Reads the two big-endian 16-bit words at 'p', which may be misaligned
 * (the type and length of an instruction or action id). */
static void
read_be16_pair(const void *p, uint16_t *first, uint16_t *second)
{
    be16 w[2];
    memcpy(w, p, sizeof w);
    *first = ntohs(w[0]);
    *second = ntohs(w[1]);
}

/* Parses a list of instruction ids. */
static enum ofperr
parse_instruction_ids(struct ofpbuf *payload, enum ofp_version version,
                      uint32_t *instructions)
{
    *instructions = 0;
    while (payload->size > 0) {
        if (payload->size < 4) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        /* Property lengths need not keep the ids aligned. */
        uint16_t type, len;
        read_be16_pair(payload->data, &type, &len);
        if (len < 4 || len > payload->size) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        int bit = instruction_bit_from_type(type, version);
        if (bit >= 0) {
            *instructions |= 1u << bit;
        }
        ofpbuf_pull(payload, len);
    }
    return 0;
}

/* Parses a list of action ids. */
static enum ofperr
parse_action_ids(struct ofpbuf *payload, enum ofp_version version,
                 uint64_t *ofpacts)
{
    *ofpacts = 0;
    while (payload->size > 0) {
        if (payload->size < 4) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        uint16_t type, len;
        read_be16_pair(payload->data, &type, &len);
        if (len < 4 || len > payload->size) {
            return OFPERR_OFPBPC_BAD_LEN;
        }
        int bit = ofputil_action_bit_from_type(type, version);
        if (bit >= 0) {
            *ofpacts |= UINT64_C(1) << bit;
        }
        ofpbuf_pull(payload, len);
    }
    return 0;
}

/* Parses a list of table ids. */
static void
parse_next_tables(struct ofpbuf *payload, uint8_t next[32])
{
    memset(next, 0, 32);
    const uint8_t *ids = payload->data;
    for (size_t i = 0; i < payload->size; i++) {
        next[ids[i] / 8] |= 1 << (ids[i] % 8);
    }
}

/* Parses a list of field headers into 'set' (and, for masked headers,
 * 'mask' if nonnull). */
static enum ofperr
parse_oxms(struct ofpbuf *payload, struct ofputil_field_set *set,
           struct ofputil_field_set *mask)
{
    memset(set, 0, sizeof *set);
    if (mask) {
        memset(mask, 0, sizeof *mask);
    }
    while (payload->size > 0) {
        int index;
        bool masked;
        enum ofperr error = pull_field_header(payload, &index, &masked);
        if (error) {
            return error;
        }
        if (index >= 0) {
            ofputil_field_set_add(set, index);
            if (masked && mask) {
                ofputil_field_set_add(mask, index);
            }
        }
    }
    return 0;
}

/* Table features. */

/* Pulls the next table features off 'msg' (an OFPST_TABLE_FEATURES request
 * or reply; ofpraw_pull() is applied first if msg->header is not set) into
 * 'tf'.  With 'loose', unknown properties are ignored.  Returns 0, EOF at
 * the end, or an OpenFlow error. */
int
ofputil_decode_table_features(struct ofpbuf *msg,
                              struct ofputil_table_features *tf, bool loose)
{
    memset(tf, 0, sizeof *tf);
    if (!msg->header) {
        ofpraw_pull_assert(msg);
    }
    const struct ofp_header *oh = msg->header;
    if (!msg->size) {
        return EOF;
    }

    const struct ofp13_table_features *otf = msg->data;
    if (msg->size < sizeof *otf) {
        return OFPERR_OFPBPC_BAD_LEN;
    }
    size_t len = ntohs(otf->length);
    if (len < sizeof *otf || len % 8 || len > msg->size) {
        return OFPERR_OFPBPC_BAD_LEN;
    }
    ofpbuf_pull(msg, len);

    struct ofpbuf properties;
    ofpbuf_use_const(&properties, otf + 1, len - sizeof *otf);

    tf->table_id = otf->table_id;
    if (tf->table_id == OFPTT_ALL) {
        return OFPERR_OFPTFFC_BAD_TABLE;
    }
    memcpy(tf->name, otf->name, OFP_MAX_TABLE_NAME_LEN);
    tf->name[strnlen(otf->name, OFP_MAX_TABLE_NAME_LEN)] = '\0';
    if (oh->version >= OFP15_VERSION) {
        tf->command = otf->command;
    }
    tf->metadata_match = otf->metadata_match;
    tf->metadata_write = otf->metadata_write;
    tf->miss_config = OFPUTIL_TABLE_MISS_DEFAULT;
    if (oh->version >= OFP14_VERSION) {
        uint32_t caps = ntohl(otf->capabilities);
        tf->supports_eviction = (caps & OFPTC14_EVICTION) != 0;
        tf->supports_vacancy_events = (caps & OFPTC14_VACANCY_EVENTS) != 0;
    } else {
        tf->supports_eviction = -1;
        tf->supports_vacancy_events = -1;
    }
    tf->max_entries = ntohl(otf->max_entries);

    uint32_t seen = 0;
    while (properties.size > 0) {
        struct ofpbuf payload;
        uint64_t type;
        enum ofperr error = ofpprop_pull__(&properties, &payload, 8, 0xfffe,
                                           &type);
        if (error) {
            return error;
        }

        if (!OFPPROP_IS_EXP(type) && type < 32) {
            seen |= 1u << type;
        }
        switch (type) {
        case OFPTFPT13_INSTRUCTIONS:
            error = parse_instruction_ids(&payload, oh->version,
                                          &tf->nonmiss.instructions);
            break;
        case OFPTFPT13_INSTRUCTIONS_MISS:
            error = parse_instruction_ids(&payload, oh->version,
                                          &tf->miss.instructions);
            break;
        case OFPTFPT13_NEXT_TABLES:
            parse_next_tables(&payload, tf->nonmiss.next);
            break;
        case OFPTFPT13_NEXT_TABLES_MISS:
            parse_next_tables(&payload, tf->miss.next);
            break;
        case OFPTFPT13_WRITE_ACTIONS:
            error = parse_action_ids(&payload, oh->version,
                                     &tf->nonmiss.write.ofpacts);
            break;
        case OFPTFPT13_WRITE_ACTIONS_MISS:
            error = parse_action_ids(&payload, oh->version,
                                     &tf->miss.write.ofpacts);
            break;
        case OFPTFPT13_APPLY_ACTIONS:
            error = parse_action_ids(&payload, oh->version,
                                     &tf->nonmiss.apply.ofpacts);
            break;
        case OFPTFPT13_APPLY_ACTIONS_MISS:
            error = parse_action_ids(&payload, oh->version,
                                     &tf->miss.apply.ofpacts);
            break;
        case OFPTFPT13_MATCH:
            error = parse_oxms(&payload, &tf->match, &tf->mask);
            break;
        case OFPTFPT13_WILDCARDS:
            error = parse_oxms(&payload, &tf->wildcard, NULL);
            break;
        case OFPTFPT13_WRITE_SETFIELD:
            error = parse_oxms(&payload, &tf->nonmiss.write.set_fields, NULL);
            break;
        case OFPTFPT13_WRITE_SETFIELD_MISS:
            error = parse_oxms(&payload, &tf->miss.write.set_fields, NULL);
            break;
        case OFPTFPT13_APPLY_SETFIELD:
            error = parse_oxms(&payload, &tf->nonmiss.apply.set_fields, NULL);
            break;
        case OFPTFPT13_APPLY_SETFIELD_MISS:
            error = parse_oxms(&payload, &tf->miss.apply.set_fields, NULL);
            break;
        default:
            if (!loose && !OFPPROP_IS_EXP(type)) {
                error = OFPERR_OFPBPC_BAD_TYPE;
            }
            break;
        }
        if (error) {
            return error;
        }
    }

    /* Every non-miss property is required. */
    uint32_t required = ((1u << OFPTFPT13_INSTRUCTIONS)
                         | (1u << OFPTFPT13_NEXT_TABLES)
                         | (1u << OFPTFPT13_WRITE_ACTIONS)
                         | (1u << OFPTFPT13_APPLY_ACTIONS)
                         | (1u << OFPTFPT13_MATCH)
                         | (1u << OFPTFPT13_WILDCARDS)
                         | (1u << OFPTFPT13_WRITE_SETFIELD)
                         | (1u << OFPTFPT13_APPLY_SETFIELD));
    uint32_t missing = required & ~seen;
    if (missing) {
        VLOG_WARN_RL(&rl, "table features message missing %d required "
                     "properties, including property %d",
                     count_1bits(missing), raw_ctz(missing));
        return OFPERR_OFPTFFC_BAD_FEATURES;
    }

    /* A missing miss property means "same as for other flows". */
    if (!(seen & (1u << OFPTFPT13_INSTRUCTIONS_MISS))) {
        tf->miss.instructions = tf->nonmiss.instructions;
    }
    if (!(seen & (1u << OFPTFPT13_NEXT_TABLES_MISS))) {
        memcpy(tf->miss.next, tf->nonmiss.next, sizeof tf->miss.next);
    }
    if (!(seen & (1u << OFPTFPT13_WRITE_ACTIONS_MISS))) {
        tf->miss.write.ofpacts = tf->nonmiss.write.ofpacts;
    }
    if (!(seen & (1u << OFPTFPT13_APPLY_ACTIONS_MISS))) {
        tf->miss.apply.ofpacts = tf->nonmiss.apply.ofpacts;
    }
    if (!(seen & (1u << OFPTFPT13_WRITE_SETFIELD_MISS))) {
        tf->miss.write.set_fields = tf->nonmiss.write.set_fields;
    }
    if (!(seen & (1u << OFPTFPT13_APPLY_SETFIELD_MISS))) {
        tf->miss.apply.set_fields = tf->nonmiss.apply.set_fields;
    }
    return 0;
}

/* Returns an empty OFPST_TABLE_FEATURES request of 'version' (which asks
 * for the current features without changing them). */
struct ofpbuf *
ofputil_encode_table_features_request(enum ofp_version version)
{
    return ofpraw_alloc(OFPRAW_OFPST13_TABLE_FEATURES_REQUEST, version, 0);
}

static void
put_instruction_ids(struct ofpbuf *b, uint64_t type, uint32_t instructions)
{
    size_t start = ofpprop_start(b, type);
    static const uint16_t order[] = {
        OFPIT11_GOTO_TABLE, OFPIT11_WRITE_METADATA, OFPIT11_WRITE_ACTIONS,
        OFPIT11_APPLY_ACTIONS, OFPIT11_CLEAR_ACTIONS, OFPIT13_METER,
    };
    for (size_t i = 0; i < ARRAY_SIZE(order); i++) {
        int bit = instruction_bit_from_type(order[i], OFP15_VERSION);
        if (instructions & (1u << bit)) {
            struct ofp11_instruction *inst = ofpbuf_put_uninit(b, 4);
            inst->type = htons(order[i]);
            inst->len = htons(4);
        }
    }
    ofpprop_end(b, start);
}

static void
put_next_tables(struct ofpbuf *b, uint64_t type, const uint8_t next[32])
{
    size_t start = ofpprop_start(b, type);
    for (int i = 0; i < 255; i++) {
        if (next[i / 8] & (1 << (i % 8))) {
            uint8_t id = i;
            ofpbuf_put(b, &id, 1);
        }
    }
    ofpprop_end(b, start);
}

static void
put_action_ids(struct ofpbuf *b, uint64_t type, uint64_t ofpacts,
               enum ofp_version version)
{
    size_t start = ofpprop_start(b, type);
    for (int t = 0; t < 64; t++) {
        int bit = ofputil_action_bit_from_type(t, version);
        if (bit >= 0 && ofpacts & (UINT64_C(1) << bit)) {
            struct ofp_action_header *ah = ofpbuf_put_uninit(b, 4);
            ah->type = htons(t);
            ah->len = htons(4);
        }
    }
    ofpprop_end(b, start);
}

static void
put_oxms(struct ofpbuf *b, uint64_t type, const struct ofputil_field_set *set,
         const struct ofputil_field_set *mask, enum ofp_version version)
{
    size_t start = ofpprop_start(b, type);
    for (size_t i = 0; i < N_FIELDS; i++) {
        if (ofputil_field_set_contains(set, i)) {
            put_field_header(b, i, version,
                             mask && ofputil_field_set_contains(mask, i));
        }
    }
    ofpprop_end(b, start);
}

static void
put_instruction_features(struct ofpbuf *b,
                         const struct ofputil_table_instruction_features *tif,
                         bool miss, enum ofp_version version)
{
    put_instruction_ids(b, OFPTFPT13_INSTRUCTIONS + miss, tif->instructions);
    put_next_tables(b, OFPTFPT13_NEXT_TABLES + miss, tif->next);
    put_action_ids(b, OFPTFPT13_WRITE_ACTIONS + miss, tif->write.ofpacts,
                   version);
    put_oxms(b, OFPTFPT13_WRITE_SETFIELD + miss, &tif->write.set_fields,
             NULL, version);
    put_action_ids(b, OFPTFPT13_APPLY_ACTIONS + miss, tif->apply.ofpacts,
                   version);
    put_oxms(b, OFPTFPT13_APPLY_SETFIELD + miss, &tif->apply.set_fields,
             NULL, version);
}

/* Appends 'tf' to the table features replies (or requests) in 'msgs'. */
void
ofputil_append_table_features(const struct ofputil_table_features *tf,
                              struct svs_list *msgs)
{
    struct ofpbuf *reply = CONTAINER_OF(svs_list_back(msgs), struct ofpbuf,
                                        list_node);
    enum ofp_version version = ofpmp_version(msgs);
    size_t start_ofs = reply->size;

    struct ofp13_table_features *otf = ofpbuf_put_zeros(reply, sizeof *otf);
    otf->table_id = tf->table_id;
    if (version >= OFP15_VERSION) {
        otf->command = tf->command;
    }
    memcpy(otf->name, tf->name, strnlen(tf->name, OFP_MAX_TABLE_NAME_LEN));
    otf->metadata_match = tf->metadata_match;
    otf->metadata_write = tf->metadata_write;
    if (version >= OFP14_VERSION) {
        uint32_t caps = 0;
        if (tf->supports_eviction > 0) {
            caps |= OFPTC14_EVICTION;
        }
        if (tf->supports_vacancy_events > 0) {
            caps |= OFPTC14_VACANCY_EVENTS;
        }
        otf->capabilities = htonl(caps);
    }
    otf->max_entries = htonl(tf->max_entries);

    put_instruction_features(reply, &tf->nonmiss, false, version);
    put_instruction_features(reply, &tf->miss, true, version);
    put_oxms(reply, OFPTFPT13_MATCH, &tf->match, &tf->mask, version);
    put_oxms(reply, OFPTFPT13_WILDCARDS, &tf->wildcard, NULL, version);

    otf = ofpbuf_at_assert(reply, start_ofs, sizeof *otf);
    otf->length = htons(reply->size - start_ofs);
    ofpmp_postappend(msgs, start_ofs);
}

static bool
action_features_equal(const struct ofputil_table_action_features *a,
                      const struct ofputil_table_action_features *b)
{
    return a->ofpacts == b->ofpacts
           && field_set_equal(&a->set_fields, &b->set_fields);
}

/* Compares instruction features the way Open vSwitch does for printing:
 * the next tables are not compared (each table usually reaches different
 * tables, yet prints as "ditto"). */
static bool
instruction_features_equal(const struct ofputil_table_instruction_features *a,
                           const struct ofputil_table_instruction_features *b)
{
    return (a->instructions == b->instructions
            && action_features_equal(&a->write, &b->write)
            && action_features_equal(&a->apply, &b->apply));
}

static bool
instruction_features_empty(const struct ofputil_table_instruction_features *t)
{
    static const struct ofputil_table_instruction_features zero;
    return !memcmp(t, &zero, sizeof *t);
}

/* Returns true if 'a' and 'b' describe the same features (the table id
 * and name aside). */
bool
ofputil_table_features_equal(const struct ofputil_table_features *a,
                             const struct ofputil_table_features *b)
{
    return (a->metadata_match == b->metadata_match
            && a->metadata_write == b->metadata_write
            && a->miss_config == b->miss_config
            && a->supports_eviction == b->supports_eviction
            && a->supports_vacancy_events == b->supports_vacancy_events
            && a->max_entries == b->max_entries
            && instruction_features_equal(&a->nonmiss, &b->nonmiss)
            && instruction_features_equal(&a->miss, &b->miss)
            && field_set_equal(&a->match, &b->match)
            && field_set_equal(&a->mask, &b->mask)
            && field_set_equal(&a->wildcard, &b->wildcard));
}

/* Table statistics. */

/* Returns an OFPST_TABLE request of 'version'. */
struct ofpbuf *
ofputil_encode_table_stats_request(enum ofp_version version)
{
    return ofpraw_alloc(version == OFP10_VERSION
                        ? OFPRAW_OFPST10_TABLE_REQUEST
                        : OFPRAW_OFPST11_TABLE_REQUEST, version, 0);
}

/* OpenFlow 1.0 wildcard bits and OpenFlow 1.1 match bits, and the fields
 * they stand for. */
static const struct {
    uint32_t bits;
    const char *name;
} of10_fields[] = {
    { OFPFW10_IN_PORT, "in_port" },
    { OFPFW10_DL_VLAN, "vlan_vid" },
    { OFPFW10_DL_SRC, "eth_src" },
    { OFPFW10_DL_DST, "eth_dst" },
    { OFPFW10_DL_TYPE, "eth_type" },
    { OFPFW10_NW_PROTO, "nw_proto" },
    { OFPFW10_TP_SRC, "tcp_src" },
    { OFPFW10_TP_DST, "tcp_dst" },
    { OFPFW10_NW_SRC_MASK, "ip_src" },
    { OFPFW10_NW_DST_MASK, "ip_dst" },
    { OFPFW10_DL_VLAN_PCP, "vlan_pcp" },
    { OFPFW10_NW_TOS, "nw_tos" },
}, of11_fields[] = {
    { 1 << 0, "in_port" },
    { 1 << 1, "vlan_vid" },
    { 1 << 2, "vlan_pcp" },
    { 1 << 3, "eth_type" },
    { 1 << 4, "nw_tos" },
    { 1 << 5, "nw_proto" },
    { 1 << 6, "tcp_src" },
    { 1 << 7, "tcp_dst" },
    { 1 << 8, "mpls_label" },
    { 1 << 9, "mpls_tc" },
    { 1 << 11, "eth_src" },
    { 1 << 12, "eth_dst" },
    { 1 << 13, "ip_src" },
    { 1 << 14, "ip_dst" },
    { 1 << 15, "metadata" },
};

/* OpenFlow 1.2 OXM field numbers (class OFPXMC12_OPENFLOW_BASIC) and the
 * fields they stand for. */
static const char *const of12_oxm_fields[] = {
    [0] = "in_port_oxm", [2] = "metadata", [3] = "eth_dst",
    [4] = "eth_src", [5] = "eth_type", [6] = "vlan_vid", [7] = "vlan_pcp",
    [8] = "ip_dscp", [9] = "nw_ecn", [10] = "nw_proto", [11] = "ip_src",
    [12] = "ip_dst", [13] = "tcp_src", [14] = "tcp_dst", [15] = "udp_src",
    [16] = "udp_dst", [17] = "sctp_src", [18] = "sctp_dst",
    [19] = "icmp_type", [20] = "icmp_code", [21] = "arp_op",
    [22] = "arp_spa", [23] = "arp_tpa", [24] = "arp_sha", [25] = "arp_tha",
    [26] = "ipv6_src", [27] = "ipv6_dst", [28] = "ipv6_label",
    [29] = "icmpv6_type", [30] = "icmpv6_code", [31] = "nd_target",
    [32] = "nd_sll", [33] = "nd_tll", [34] = "mpls_label", [35] = "mpls_tc",
};

static void
fields_from_bits(struct ofputil_field_set *set, uint32_t bits,
                 bool of10)
{
    size_t n = of10 ? ARRAY_SIZE(of10_fields) : ARRAY_SIZE(of11_fields);
    for (size_t i = 0; i < n; i++) {
        uint32_t b = of10 ? of10_fields[i].bits : of11_fields[i].bits;
        const char *name = of10 ? of10_fields[i].name : of11_fields[i].name;
        if (bits & b) {
            ofputil_field_set_add(set, ofputil_field_index_from_name(name));
        }
    }
}

static uint32_t
fields_to_bits(const struct ofputil_field_set *set, bool of10)
{
    size_t n = of10 ? ARRAY_SIZE(of10_fields) : ARRAY_SIZE(of11_fields);
    uint32_t bits = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = of10 ? of10_fields[i].name : of11_fields[i].name;
        if (ofputil_field_set_contains(set,
                                       ofputil_field_index_from_name(name))) {
            bits |= of10 ? of10_fields[i].bits : of11_fields[i].bits;
        }
    }
    return bits;
}

static void
fields_from_oxm_bitmap(struct ofputil_field_set *set, be64 bitmap_)
{
    uint64_t bitmap = ntohll(bitmap_);
    for (size_t i = 0; i < ARRAY_SIZE(of12_oxm_fields); i++) {
        if (of12_oxm_fields[i] && bitmap & (UINT64_C(1) << i)) {
            ofputil_field_set_add(
                set, ofputil_field_index_from_name(of12_oxm_fields[i]));
        }
    }
}

static be64
fields_to_oxm_bitmap(const struct ofputil_field_set *set)
{
    uint64_t bitmap = 0;
    for (size_t i = 0; i < ARRAY_SIZE(of12_oxm_fields); i++) {
        if (of12_oxm_fields[i]
            && ofputil_field_set_contains(
                set, ofputil_field_index_from_name(of12_oxm_fields[i]))) {
            bitmap |= UINT64_C(1) << i;
        }
    }
    return htonll(bitmap);
}

static void
copy_table_name(char *dst, const char *src)
{
    size_t len = strnlen(src, OFP_MAX_TABLE_NAME_LEN);
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* Pulls the next table statistics off 'msg', an OFPST_TABLE reply
 * (ofpraw_pull() is applied first if msg->header is not set), into 'ts'
 * and, for OpenFlow 1.0-1.2, which carry some, the table's features into
 * 'tf' (for 1.3+, 'tf' is zeroed with table_id set and max_entries
 * UINT32_MAX to mark it absent).  Returns 0, EOF at the end, or an
 * OpenFlow error. */
int
ofputil_decode_table_stats_reply(struct ofpbuf *msg,
                                 struct ofputil_table_stats *ts,
                                 struct ofputil_table_features *tf)
{
    enum ofpraw raw;
    enum ofperr error = (msg->header ? ofpraw_decode(&raw, msg->header)
                         : ofpraw_pull(&raw, msg));
    if (error) {
        return error;
    }
    const struct ofp_header *oh = msg->header;

    memset(ts, 0, sizeof *ts);
    memset(tf, 0, sizeof *tf);
    if (!msg->size) {
        return EOF;
    }
    tf->supports_eviction = tf->supports_vacancy_events = -1;
    pthread_once(&fields_once, fields_init);

    if (raw == OFPRAW_OFPST10_TABLE_REPLY) {
        const struct ofp10_table_stats *o = ofpbuf_try_pull(msg, sizeof *o);
        if (!o) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        ts->table_id = tf->table_id = o->table_id;
        ts->active_count = ntohl(o->active_count);
        ts->lookup_count = ntohll(get_32aligned_be64(&o->lookup_count));
        ts->matched_count = ntohll(get_32aligned_be64(&o->matched_count));
        copy_table_name(tf->name, o->name);
        tf->max_entries = ntohl(o->max_entries);
        uint32_t wc = ntohl(o->wildcards);
        fields_from_bits(&tf->match, wc, true);
        fields_from_bits(&tf->wildcard, wc, true);
    } else if (raw == OFPRAW_OFPST11_TABLE_REPLY) {
        const struct ofp11_table_stats *o = ofpbuf_try_pull(msg, sizeof *o);
        if (!o) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        ts->table_id = tf->table_id = o->table_id;
        ts->active_count = ntohl(o->active_count);
        ts->lookup_count = ntohll(o->lookup_count);
        ts->matched_count = ntohll(o->matched_count);
        copy_table_name(tf->name, o->name);
        tf->miss_config = ofputil_decode_table_miss(o->config, oh->version);
        tf->has_raw_config = true;
        tf->raw_config = ntohl(o->config);
        tf->max_entries = ntohl(o->max_entries);
        fields_from_bits(&tf->match, ntohl(o->match), false);
        fields_from_bits(&tf->wildcard, ntohl(o->wildcards), false);
        tf->nonmiss.instructions = instructions_from_bitmap(
            ntohl(o->instructions), oh->version);
        tf->nonmiss.write.ofpacts = ofputil_action_bitmap_from_openflow(
            o->write_actions, oh->version);
        tf->nonmiss.apply.ofpacts = ofputil_action_bitmap_from_openflow(
            o->apply_actions, oh->version);
        tf->miss = tf->nonmiss;
    } else if (raw == OFPRAW_OFPST12_TABLE_REPLY) {
        const struct ofp12_table_stats *o = ofpbuf_try_pull(msg, sizeof *o);
        if (!o) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        ts->table_id = tf->table_id = o->table_id;
        ts->active_count = ntohl(o->active_count);
        ts->lookup_count = ntohll(o->lookup_count);
        ts->matched_count = ntohll(o->matched_count);
        copy_table_name(tf->name, o->name);
        tf->metadata_match = o->metadata_match;
        tf->metadata_write = o->metadata_write;
        tf->miss_config = ofputil_decode_table_miss(o->config, oh->version);
        tf->has_raw_config = true;
        tf->raw_config = ntohl(o->config);
        tf->max_entries = ntohl(o->max_entries);
        fields_from_oxm_bitmap(&tf->match, o->match);
        fields_from_oxm_bitmap(&tf->wildcard, o->wildcards);
        tf->has_raw_oxm_bitmaps = true;
        tf->raw_match = o->match;
        tf->raw_wildcards = o->wildcards;
        tf->nonmiss.instructions = instructions_from_bitmap(
            ntohl(o->instructions), oh->version);
        tf->nonmiss.write.ofpacts = ofputil_action_bitmap_from_openflow(
            o->write_actions, oh->version);
        tf->nonmiss.apply.ofpacts = ofputil_action_bitmap_from_openflow(
            o->apply_actions, oh->version);
        fields_from_oxm_bitmap(&tf->nonmiss.write.set_fields,
                               o->write_setfields);
        fields_from_oxm_bitmap(&tf->nonmiss.apply.set_fields,
                               o->apply_setfields);
        tf->miss = tf->nonmiss;
    } else {
        const struct ofp13_table_stats *o = ofpbuf_try_pull(msg, sizeof *o);
        if (!o) {
            return OFPERR_OFPBRC_BAD_LEN;
        }
        ts->table_id = tf->table_id = o->table_id;
        ts->active_count = ntohl(o->active_count);
        ts->lookup_count = ntohll(o->lookup_count);
        ts->matched_count = ntohll(o->matched_count);
        tf->max_entries = UINT32_MAX;
    }
    return 0;
}

/* Appends the statistics 'ts' of a table with features 'tf' to 'reply', an
 * OFPST_TABLE reply (whose length the caller updates). */
void
ofputil_append_table_stats_reply(struct ofpbuf *reply,
                                 const struct ofputil_table_stats *ts,
                                 const struct ofputil_table_features *tf)
{
    const struct ofp_header *oh = reply->header;
    enum ofp_version version = oh->version;

    if (version == OFP10_VERSION) {
        struct ofp10_table_stats *o = ofpbuf_put_zeros(reply, sizeof *o);
        o->table_id = ts->table_id;
        memcpy(o->name, tf->name, strnlen(tf->name, sizeof o->name));
        o->wildcards = htonl(fields_to_bits(&tf->wildcard, true));
        o->max_entries = htonl(tf->max_entries);
        o->active_count = htonl(ts->active_count);
        put_32aligned_be64(&o->lookup_count, htonll(ts->lookup_count));
        put_32aligned_be64(&o->matched_count, htonll(ts->matched_count));
    } else if (version == OFP11_VERSION) {
        struct ofp11_table_stats *o = ofpbuf_put_zeros(reply, sizeof *o);
        o->table_id = ts->table_id;
        memcpy(o->name, tf->name, strnlen(tf->name, sizeof o->name));
        o->wildcards = htonl(fields_to_bits(&tf->wildcard, false));
        o->match = htonl(fields_to_bits(&tf->match, false));
        o->instructions = htonl(instructions_to_bitmap(
                                    tf->nonmiss.instructions, version));
        o->write_actions = ofputil_action_bitmap_to_openflow(
            tf->nonmiss.write.ofpacts, version);
        o->apply_actions = ofputil_action_bitmap_to_openflow(
            tf->nonmiss.apply.ofpacts, version);
        o->config = htonl(tf->has_raw_config ? tf->raw_config
                          : tf->miss_config == OFPUTIL_TABLE_MISS_CONTINUE ? 1
                          : tf->miss_config == OFPUTIL_TABLE_MISS_DROP
                          ? 2 : 0);
        o->max_entries = htonl(tf->max_entries);
        o->active_count = htonl(ts->active_count);
        o->lookup_count = htonll(ts->lookup_count);
        o->matched_count = htonll(ts->matched_count);
    } else if (version == OFP12_VERSION) {
        struct ofp12_table_stats *o = ofpbuf_put_zeros(reply, sizeof *o);
        o->table_id = ts->table_id;
        memcpy(o->name, tf->name, strnlen(tf->name, sizeof o->name));
        if (tf->has_raw_oxm_bitmaps) {
            o->match = tf->raw_match;
            o->wildcards = tf->raw_wildcards;
        } else {
            o->match = fields_to_oxm_bitmap(&tf->match);
            o->wildcards = fields_to_oxm_bitmap(&tf->wildcard);
        }
        o->write_actions = ofputil_action_bitmap_to_openflow(
            tf->nonmiss.write.ofpacts, version);
        o->apply_actions = ofputil_action_bitmap_to_openflow(
            tf->nonmiss.apply.ofpacts, version);
        o->write_setfields = fields_to_oxm_bitmap(
            &tf->nonmiss.write.set_fields);
        o->apply_setfields = fields_to_oxm_bitmap(
            &tf->nonmiss.apply.set_fields);
        o->metadata_match = tf->metadata_match;
        o->metadata_write = tf->metadata_write;
        o->instructions = htonl(instructions_to_bitmap(
                                    tf->nonmiss.instructions, version));
        o->config = htonl(tf->has_raw_config ? tf->raw_config
                          : tf->miss_config == OFPUTIL_TABLE_MISS_CONTINUE ? 1
                          : tf->miss_config == OFPUTIL_TABLE_MISS_DROP
                          ? 2 : 0);
        o->max_entries = htonl(tf->max_entries);
        o->active_count = htonl(ts->active_count);
        o->lookup_count = htonll(ts->lookup_count);
        o->matched_count = htonll(ts->matched_count);
    } else {
        struct ofp13_table_stats *o = ofpbuf_put_zeros(reply, sizeof *o);
        o->table_id = ts->table_id;
        o->active_count = htonl(ts->active_count);
        o->lookup_count = htonll(ts->lookup_count);
        o->matched_count = htonll(ts->matched_count);
    }
}

/* Printing. */

static void
format_next_tables(struct ds *s, const uint8_t next[32])
{
    bool first = true;
    for (int i = 0; i < 256; ) {
        if (!(next[i / 8] & (1 << (i % 8)))) {
            i++;
            continue;
        }
        int j = i;
        while (j + 1 < 256 && next[(j + 1) / 8] & (1 << ((j + 1) % 8))) {
            j++;
        }
        ds_put_format(s, "%s%d", first ? "" : ",", i);
        if (j > i) {
            ds_put_format(s, "-%d", j);
        }
        first = false;
        i = j + 1;
    }
}

static void
format_action_features(struct ds *s,
                       const struct ofputil_table_action_features *taf)
{
    if (taf->ofpacts) {
        ds_put_cstr(s, "        actions: ");
        ofputil_action_bitmap_format(s, taf->ofpacts);
        ds_put_char(s, '\n');
    }
    if (!ofputil_field_set_is_empty(&taf->set_fields)) {
        ds_put_cstr(s, "        supported on Set-Field: ");
        ofputil_field_set_format(s, &taf->set_fields);
        ds_put_char(s, '\n');
    }
}

static void
format_instruction_features(
    struct ds *s, const struct ofputil_table_instruction_features *tif,
    const struct ofputil_table_instruction_features *prev)
{
    bool next_empty = true;
    for (int i = 0; i < 32; i++) {
        if (tif->next[i]) {
            next_empty = false;
        }
    }
    if (!next_empty) {
        ds_put_cstr(s, "      next tables: ");
        format_next_tables(s, tif->next);
        ds_put_char(s, '\n');
    }

    if (tif->instructions) {
        ds_put_cstr(s, "      instructions:");
        for (int i = 0; i < OFPUTIL_IB_N; i++) {
            if (tif->instructions & (1u << i)) {
                ds_put_format(s, " %s", instruction_names[i]);
            }
        }
        ds_put_char(s, '\n');
    }

    bool have_set_fields = (
        !ofputil_field_set_is_empty(&tif->write.set_fields)
        || !ofputil_field_set_is_empty(&tif->apply.set_fields));
    if (prev && have_set_fields
        && action_features_equal(&tif->write, &prev->write)
        && action_features_equal(&tif->apply, &prev->apply)) {
        ds_put_cstr(s, "      (same actions)\n");
    } else if (action_features_equal(&tif->write, &tif->apply)) {
        ds_put_cstr(s, "      Write-Actions and Apply-Actions features:\n");
        format_action_features(s, &tif->write);
    } else {
        ds_put_cstr(s, "      Write-Actions features:\n");
        format_action_features(s, &tif->write);
        ds_put_cstr(s, "      Apply-Actions features:\n");
        format_action_features(s, &tif->apply);
    }
}

static void
format_matching(struct ds *s, const struct ofputil_table_features *tf)
{
    struct ofputil_field_set arbitrary, exact, must;

    for (int i = 0; i < OFPUTIL_FIELD_SET_WORDS; i++) {
        uint64_t m = tf->match.bits[i];
        arbitrary.bits[i] = m & tf->mask.bits[i];
        exact.bits[i] = m & tf->wildcard.bits[i] & ~tf->mask.bits[i];
        must.bits[i] = m & ~tf->wildcard.bits[i] & ~tf->mask.bits[i];
    }

    ds_put_cstr(s, "    matching:\n");
    if (!ofputil_field_set_is_empty(&arbitrary)) {
        ds_put_cstr(s, "      arbitrary mask: ");
        ofputil_field_set_format(s, &arbitrary);
        ds_put_char(s, '\n');
    }
    if (!ofputil_field_set_is_empty(&exact)) {
        ds_put_cstr(s, "      exact match or wildcard: ");
        ofputil_field_set_format(s, &exact);
        ds_put_char(s, '\n');
    }
    if (!ofputil_field_set_is_empty(&must)) {
        ds_put_cstr(s, "      must exact match: ");
        ofputil_field_set_format(s, &must);
        ds_put_char(s, '\n');
    }
}

static bool
table_stats_equal(const struct ofputil_table_stats *a,
                  const struct ofputil_table_stats *b)
{
    return (a->active_count == b->active_count
            && a->lookup_count == b->lookup_count
            && a->matched_count == b->matched_count);
}

/* Prints the pending "ditto" line, if any. */
void
ofputil_table_features_format_finish(struct ds *s, int first_ditto,
                                     int last_ditto)
{
    if (first_ditto < 0) {
        return;
    }
    if (first_ditto == last_ditto) {
        ds_put_format(s, "\n  table %d: ditto\n", first_ditto);
    } else {
        ds_put_format(s, "\n  tables %d...%d: ditto\n", first_ditto,
                      last_ditto);
    }
}

/* Appends table 'features' (NULL or with max_entries UINT32_MAX if only
 * statistics are known) and its statistics 'stats' (NULL if none), given
 * the previous table's 'prev_features' and 'prev_stats' (NULL for the
 * first table), as ovs-ofctl prints them.  '*first_ditto' and
 * '*last_ditto' track a run of tables identical to their predecessor,
 * printed later as one "ditto" line. */
void
ofputil_table_features_format(
    struct ds *s, const struct ofputil_table_features *features,
    const struct ofputil_table_features *prev_features,
    const struct ofputil_table_stats *stats,
    const struct ofputil_table_stats *prev_stats,
    int *first_ditto, int *last_ditto)
{
    bool have_features = features && features->max_entries != UINT32_MAX;
    bool features_same = (have_features && prev_features
                          && ofputil_table_features_equal(features,
                                                          prev_features));
    bool stats_same = (!stats || (prev_stats
                                  && table_stats_equal(stats, prev_stats)));
    int table_id = features ? features->table_id : stats->table_id;

    if ((prev_features || prev_stats) && stats_same
        && (!have_features || features_same)
        && (have_features || prev_stats)) {
        if (*first_ditto < 0) {
            *first_ditto = table_id;
        }
        *last_ditto = table_id;
        return;
    }
    ofputil_table_features_format_finish(s, *first_ditto, *last_ditto);
    *first_ditto = -1;

    ds_put_format(s, "\n  table %d", table_id);
    if (have_features && features->name[0]) {
        ds_put_format(s, " (\"%s\")", features->name);
    }
    ds_put_cstr(s, ":\n");

    if (stats) {
        ds_put_format(s, "    active=%"PRIu32", lookup=%"PRIu64", "
                      "matched=%"PRIu64"\n", stats->active_count,
                      stats->lookup_count, stats->matched_count);
    }
    if (!have_features) {
        return;
    }
    if (features_same) {
        ds_put_cstr(s, "    (same features)\n");
        return;
    }

    if (features->metadata_match || features->metadata_write) {
        ds_put_format(s, "    metadata: match=%#"PRIx64" write=%#"PRIx64"\n",
                      ntohll(features->metadata_match),
                      ntohll(features->metadata_write));
    }
    if (features->supports_eviction >= 0) {
        ds_put_format(s, "    eviction: %s\n", (features->supports_eviction
                                                ? "supported"
                                                : "not supported"));
    }
    if (features->supports_vacancy_events >= 0) {
        ds_put_format(s, "    vacancy events: %s\n",
                      (features->supports_vacancy_events
                       ? "supported" : "not supported"));
    }
    if (features->miss_config != OFPUTIL_TABLE_MISS_DEFAULT) {
        ds_put_format(s, "    config=%s\n",
                      ofputil_table_miss_to_string(features->miss_config));
    }
    ds_put_format(s, "    max_entries=%"PRIu32"\n", features->max_entries);

    if (!instruction_features_empty(&features->nonmiss)
        || !instruction_features_empty(&features->miss)) {
        if (prev_features
            && instruction_features_equal(&features->nonmiss,
                                          &prev_features->nonmiss)
            && instruction_features_equal(&features->miss,
                                          &prev_features->miss)) {
            ds_put_cstr(s, "    (same instructions)\n");
        } else if (instruction_features_equal(&features->nonmiss,
                                              &features->miss)) {
            ds_put_cstr(s, "    instructions (table miss and others):\n");
            format_instruction_features(
                s, &features->nonmiss,
                prev_features ? &prev_features->nonmiss : NULL);
        } else {
            ds_put_cstr(s, "    instructions (other than table miss):\n");
            format_instruction_features(
                s, &features->nonmiss,
                prev_features ? &prev_features->nonmiss : NULL);
            ds_put_cstr(s, "    instructions (table miss):\n");
            format_instruction_features(
                s, &features->miss,
                prev_features ? &prev_features->miss : NULL);
        }
    }

    if (!ofputil_field_set_is_empty(&features->match)) {
        if (prev_features
            && field_set_equal(&features->match, &prev_features->match)
            && field_set_equal(&features->mask, &prev_features->mask)
            && field_set_equal(&features->wildcard,
                               &prev_features->wildcard)) {
            ds_put_cstr(s, "    (same matching)\n");
        } else {
            format_matching(s, features);
        }
    }
}

/* Printers. */

static const char *
table_features_command_to_string(uint8_t command)
{
    switch (command) {
    case OFPTFC15_REPLACE:
        return "replace";
    case OFPTFC15_MODIFY:
        return "modify";
    case OFPTFC15_ENABLE:
        return "enable";
    case OFPTFC15_DISABLE:
        return "disable";
    }
    return "***bad command***";
}

static enum ofperr
print_table_features(struct ds *s, const struct ofp_header *oh,
                     enum ofpraw raw, int verbosity SVS_UNUSED)
{
    struct ofputil_table_features prev;
    bool loose = !strstr(ofpraw_get_name(raw), "request");
    int first_ditto = -1, last_ditto = -1;
    struct ofpbuf b;
    int retval;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (int i = 0; ; i++) {
        struct ofputil_table_features tf;
        retval = ofputil_decode_table_features(&b, &tf, loose);
        if (retval) {
            break;
        }
        if (!i && oh->version >= OFP15_VERSION
            && tf.command != OFPTFC15_REPLACE) {
            ds_put_format(s, "\n  command: %s",
                          table_features_command_to_string(tf.command));
        }
        ofputil_table_features_format(s, &tf, i ? &prev : NULL, NULL, NULL,
                                      &first_ditto, &last_ditto);
        prev = tf;
    }
    ofputil_table_features_format_finish(s, first_ditto, last_ditto);
    return retval == EOF ? 0 : retval;
}

static enum ofperr
print_table_stats_reply(struct ds *s, const struct ofp_header *oh,
                        enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_table_features prev_tf;
    struct ofputil_table_stats prev_ts;
    int first_ditto = -1, last_ditto = -1;
    struct ofpbuf b;
    int retval;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (int i = 0; ; i++) {
        struct ofputil_table_features tf;
        struct ofputil_table_stats ts;
        retval = ofputil_decode_table_stats_reply(&b, &ts, &tf);
        if (retval) {
            break;
        }
        ofputil_table_features_format(s, &tf, i ? &prev_tf : NULL, &ts,
                                      i ? &prev_ts : NULL, &first_ditto,
                                      &last_ditto);
        prev_tf = tf;
        prev_ts = ts;
    }
    ofputil_table_features_format_finish(s, first_ditto, last_ditto);
    return retval == EOF ? 0 : retval;
}

/* Registers the printers of this module's messages with ofp-print. */
void
ofputil_table_features_print_register(void)
{
    ofp_print_register_default(OFPTYPE_TABLE_FEATURES_STATS_REQUEST,
                               print_table_features);
    ofp_print_register_default(OFPTYPE_TABLE_FEATURES_STATS_REPLY,
                               print_table_features);
    ofp_print_register_default(OFPTYPE_TABLE_STATS_REPLY,
                               print_table_stats_reply);
}
