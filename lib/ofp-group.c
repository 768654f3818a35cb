/* ofp-group.c: OpenFlow group messages (see ofp-group.h). */
#include <config.h>
#include "ofp-group.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "ofp-actions.h"
#include "ofp-msgs.h"
#include "ofp-port.h"
#include "ofp-print.h"
#include "ofp-prop.h"
#include "ofp-table.h"
#include "ofpbuf.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_group);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Returns the OpenFlow version whose layout the group message 'oh' uses:
 * its own, except that the Nicira group messages of OpenFlow 1.0 use
 * OpenFlow 1.5's. */
static enum ofp_version
group_layout_version(const struct ofp_header *oh)
{
    return oh->version == OFP10_VERSION ? OFP15_VERSION : oh->version;
}

/* Buckets. */

/* Frees every bucket in 'buckets'. */
void
ofputil_bucket_list_destroy(struct svs_list *buckets)
{
    struct ofputil_bucket *bucket;

    LIST_FOR_EACH_POP (bucket, list_node, buckets) {
        free(bucket->ofpacts);
        free(bucket);
    }
}

/* Returns true if 'bucket' watches a port or a group. */
bool
ofputil_bucket_has_liveness(const struct ofputil_bucket *bucket)
{
    return bucket->watch_port != OFPP_NONE || bucket->watch_group != OFPG_ANY;
}

/* Decodes 'actions_len' bytes of actions at the front of 'msg' into a new
 * bucket's ofpacts. */
static enum ofperr
pull_bucket_actions(struct ofpbuf *msg, size_t actions_len,
                    enum ofp_version version, struct ofputil_bucket *bucket)
{
    struct ofpbuf ofpacts;
    enum ofperr error;

    ofpbuf_init(&ofpacts, 64);
    error = ofpacts_pull_openflow_actions(msg, actions_len, version,
                                          &ofpacts);
    if (error) {
        ofpbuf_uninit(&ofpacts);
        return error;
    }
    bucket->ofpacts_len = ofpacts.size;
    bucket->ofpacts = ofpbuf_steal_data(&ofpacts);
    return 0;
}

/* Pulls 'buckets_len' bytes of OpenFlow 1.1-1.4 buckets off 'msg' into
 * 'buckets'. */
static enum ofperr
pull_buckets_ofp11(struct ofpbuf *msg, size_t buckets_len,
                   enum ofp_version version, struct svs_list *buckets)
{
    const struct ofp11_bucket *ob;
    uint32_t bucket_id = 0;

    svs_list_init(buckets);
    ob = buckets_len ? ofpbuf_try_pull(msg, buckets_len) : NULL;
    if (buckets_len && !ob) {
        VLOG_WARN_RL(&rl, "buckets end beyond the message");
        return OFPERR_OFPGMFC_BAD_BUCKET;
    }

    while (buckets_len > 0) {
        if (buckets_len < sizeof *ob) {
            VLOG_WARN_RL(&rl, "buckets end with %zu leftover bytes",
                         buckets_len);
            ofputil_bucket_list_destroy(buckets);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }
        size_t ob_len = ntohs(ob->len);
        if (ob_len < sizeof *ob) {
            VLOG_WARN_RL(&rl, "OpenFlow message bucket length %zu is not "
                         "valid", ob_len);
            ofputil_bucket_list_destroy(buckets);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        } else if (ob_len > buckets_len) {
            VLOG_WARN_RL(&rl, "OpenFlow message bucket length %zu exceeds "
                         "remaining buckets data size %zu", ob_len,
                         buckets_len);
            ofputil_bucket_list_destroy(buckets);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }
        buckets_len -= ob_len;

        struct ofpbuf actions;
        ofpbuf_use_const(&actions, ob + 1, ob_len - sizeof *ob);

        struct ofputil_bucket *bucket = xzalloc(sizeof *bucket);
        enum ofperr error = pull_bucket_actions(&actions, actions.size,
                                                version, bucket);
        if (!error) {
            bucket->weight = ntohs(ob->weight);
            error = ofputil_port_from_ofp11(ob->watch_port,
                                            &bucket->watch_port);
            if (error) {
                error = OFPERR_OFPGMFC_BAD_WATCH;
            }
        }
        if (error) {
            free(bucket->ofpacts);
            free(bucket);
            ofputil_bucket_list_destroy(buckets);
            return error;
        }
        bucket->watch_group = ntohl(ob->watch_group);
        bucket->bucket_id = bucket_id++;
        svs_list_push_back(buckets, &bucket->list_node);

        ob = (const struct ofp11_bucket *) ((const char *) ob + ob_len);
    }
    return 0;
}

/* Pulls 'buckets_len' bytes of OpenFlow 1.5 buckets off 'msg' into
 * 'buckets'. */
static enum ofperr
pull_buckets_ofp15(struct ofpbuf *msg, size_t buckets_len,
                   enum ofp_version version, uint8_t group_type,
                   struct svs_list *buckets)
{
    svs_list_init(buckets);
    while (buckets_len > 0) {
        const struct ofp15_bucket *ob = ofpbuf_try_pull(msg, sizeof *ob);
        if (!ob || buckets_len < sizeof *ob) {
            VLOG_WARN_RL(&rl, "buckets end with %zu leftover bytes",
                         buckets_len);
            ofputil_bucket_list_destroy(buckets);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }

        size_t ob_len = ntohs(ob->len);
        size_t actions_len = ntohs(ob->action_array_len);
        if (ob_len < sizeof *ob) {
            VLOG_WARN_RL(&rl, "OpenFlow message bucket length %zu is not "
                         "valid", ob_len);
            ofputil_bucket_list_destroy(buckets);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        } else if (ob_len > buckets_len) {
            VLOG_WARN_RL(&rl, "OpenFlow message bucket length %zu exceeds "
                         "remaining buckets data size %zu", ob_len,
                         buckets_len);
            ofputil_bucket_list_destroy(buckets);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        } else if (actions_len > ob_len - sizeof *ob) {
            VLOG_WARN_RL(&rl, "OpenFlow message bucket actions length %zu "
                         "exceeds remaining bucket data size %zu",
                         actions_len, ob_len - sizeof *ob);
            ofputil_bucket_list_destroy(buckets);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        } else if (msg->size < ob_len - sizeof *ob) {
            ofputil_bucket_list_destroy(buckets);
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }
        buckets_len -= ob_len;

        struct ofputil_bucket *bucket = xzalloc(sizeof *bucket);
        enum ofperr error = pull_bucket_actions(msg, actions_len, version,
                                                bucket);
        if (error) {
            free(bucket);
            ofputil_bucket_list_destroy(buckets);
            return error;
        }

        bucket->weight = group_type == OFPGT11_SELECT ? 1 : 0;
        bucket->watch_port = OFPP_NONE;
        bucket->watch_group = OFPG_ANY;
        bucket->bucket_id = ntohl(ob->bucket_id);

        size_t props_len = ob_len - sizeof *ob - actions_len;
        struct ofpbuf properties;
        ofpbuf_use_const(&properties, ofpbuf_pull(msg, props_len),
                         props_len);
        while (properties.size > 0) {
            struct ofpbuf payload;
            uint64_t type;

            error = ofpprop_pull(&properties, &payload, &type);
            if (!error) {
                /* Open vSwitch reads these properties without checking
                 * their exact length. */
                const uint8_t *p = payload.msg;
                be16 w16;
                be32 w32;
                switch (type) {
                case OFPGBPT15_WEIGHT:
                    if (payload.size >= 2) {
                        memcpy(&w16, p, 2);
                        bucket->weight = ntohs(w16);
                    }
                    break;
                case OFPGBPT15_WATCH_PORT:
                    if (payload.size >= 4) {
                        memcpy(&w32, p, 4);
                        if (ofputil_port_from_ofp11(w32,
                                                    &bucket->watch_port)) {
                            error = OFPERR_OFPGMFC_BAD_WATCH;
                        }
                    }
                    break;
                case OFPGBPT15_WATCH_GROUP:
                    if (payload.size >= 4) {
                        memcpy(&w32, p, 4);
                        bucket->watch_group = ntohl(w32);
                    }
                    break;
                default:
                    error = OFPERR_OFPBPC_BAD_TYPE;
                    break;
                }
            }
            if (error) {
                free(bucket->ofpacts);
                free(bucket);
                ofputil_bucket_list_destroy(buckets);
                return error;
            }
        }
        svs_list_push_back(buckets, &bucket->list_node);
    }
    return 0;
}

static void
put_bucket_ofp11(const struct ofputil_bucket *bucket, struct ofpbuf *openflow,
                 enum ofp_version version)
{
    size_t start = openflow->size;
    struct ofp11_bucket *ob = ofpbuf_put_zeros(openflow, sizeof *ob);
    ofpacts_put_openflow_actions(bucket->ofpacts, bucket->ofpacts_len,
                                 openflow, version);
    ob = ofpbuf_at_assert(openflow, start, sizeof *ob);
    ob->len = htons(openflow->size - start);
    ob->weight = htons(bucket->weight);
    ob->watch_port = ofputil_port_to_ofp11(bucket->watch_port);
    ob->watch_group = htonl(bucket->watch_group);
}

static void
put_bucket_ofp15(const struct ofputil_bucket *bucket, uint8_t group_type,
                 struct ofpbuf *openflow, enum ofp_version version)
{
    size_t start = openflow->size;
    struct ofp15_bucket *ob = ofpbuf_put_zeros(openflow, sizeof *ob);
    size_t actions_len = ofpacts_put_openflow_actions(bucket->ofpacts,
                                                      bucket->ofpacts_len,
                                                      openflow, version);
    if (group_type == OFPGT11_SELECT) {
        ofpprop_put_u16(openflow, OFPGBPT15_WEIGHT, bucket->weight);
    }
    if (bucket->watch_port != OFPP_NONE) {
        ofpprop_put_u32(openflow, OFPGBPT15_WATCH_PORT,
                        ntohl(ofputil_port_to_ofp11(bucket->watch_port)));
    }
    if (bucket->watch_group != OFPG_ANY) {
        ofpprop_put_u32(openflow, OFPGBPT15_WATCH_GROUP,
                        bucket->watch_group);
    }
    ob = ofpbuf_at_assert(openflow, start, sizeof *ob);
    ob->len = htons(openflow->size - start);
    ob->action_array_len = htons(actions_len);
    ob->bucket_id = htonl(bucket->bucket_id);
}

/* Group-mods. */

/* Initializes 'gm' as an empty group-mod. */
void
ofputil_group_mod_init(struct ofputil_group_mod *gm)
{
    memset(gm, 0, sizeof *gm);
    gm->command_bucket_id = OFPG15_BUCKET_ALL;
    svs_list_init(&gm->buckets);
}

/* Frees the buckets of 'gm'. */
void
ofputil_uninit_group_mod(struct ofputil_group_mod *gm)
{
    ofputil_bucket_list_destroy(&gm->buckets);
}

/* Checks 'gm' as Open vSwitch does. */
static enum ofperr
check_group_mod(const struct ofputil_group_mod *gm, enum ofp_version version)
{
    bool bucket_cmd = (gm->command == OFPUTIL_GC_INSERT_BUCKET
                       || gm->command == OFPUTIL_GC_REMOVE_BUCKET);
    size_t n_buckets = svs_list_size(&gm->buckets);

    if ((version == OFP13_VERSION || version == OFP14_VERSION)
        && gm->command == OFPUTIL_GC_DELETE && n_buckets) {
        return OFPERR_OFPGMFC_INVALID_GROUP;
    }

    switch (gm->type) {
    case OFPGT11_INDIRECT:
        if (gm->command != OFPUTIL_GC_DELETE && n_buckets != 1) {
            return OFPERR_OFPGMFC_INVALID_GROUP;
        }
        break;
    case OFPGT11_ALL:
    case OFPGT11_SELECT:
    case OFPGT11_FF:
        break;
    default:
        return OFPERR_OFPGMFC_BAD_TYPE;
    }

    switch (gm->command) {
    case OFPUTIL_GC_ADD:
    case OFPUTIL_GC_MODIFY:
    case OFPUTIL_GC_DELETE:
    case OFPUTIL_GC_ADD_OR_MOD:
    case OFPUTIL_GC_INSERT_BUCKET:
        break;
    case OFPUTIL_GC_REMOVE_BUCKET:
        if (n_buckets) {
            return OFPERR_OFPGMFC_BAD_BUCKET;
        }
        break;
    default:
        return OFPERR_OFPGMFC_BAD_COMMAND;
    }

    const struct ofputil_bucket *bucket;
    LIST_FOR_EACH (bucket, list_node, &gm->buckets) {
        if (!bucket_cmd && bucket->weight && gm->type != OFPGT11_SELECT) {
            return OFPERR_OFPGMFC_INVALID_GROUP;
        }
        switch (gm->type) {
        case OFPGT11_ALL:
        case OFPGT11_INDIRECT:
            if (ofputil_bucket_has_liveness(bucket)) {
                return OFPERR_OFPGMFC_WATCH_UNSUPPORTED;
            }
            break;
        case OFPGT11_FF:
            if (!ofputil_bucket_has_liveness(bucket)) {
                return OFPERR_OFPGMFC_INVALID_GROUP;
            }
            break;
        default:
            break;
        }
    }
    return 0;
}

/* Checks the OpenFlow 1.5 command bucket id of 'gm'. */
static enum ofperr
check_command_bucket_id(const struct ofputil_group_mod *gm)
{
    uint32_t id = gm->command_bucket_id;
    bool ok;

    switch (gm->command) {
    case OFPUTIL_GC_INSERT_BUCKET:
        ok = (id <= OFPG15_BUCKET_MAX || id == OFPG15_BUCKET_FIRST
              || id == OFPG15_BUCKET_LAST);
        break;
    case OFPUTIL_GC_REMOVE_BUCKET:
        ok = (id <= OFPG15_BUCKET_MAX || id == OFPG15_BUCKET_FIRST
              || id == OFPG15_BUCKET_LAST || id == OFPG15_BUCKET_ALL);
        break;
    default:
        ok = id == OFPG15_BUCKET_ALL;
        break;
    }
    if (!ok) {
        VLOG_WARN_RL(&rl, "group command bucket id (%"PRIu32") is out of "
                     "range", id);
        return OFPERR_OFPGMFC_BAD_BUCKET;
    }
    return 0;
}

/* Decodes the group-mod 'oh' (OFPT_GROUP_MOD or NXT_GROUP_MOD) into 'gm',
 * which the caller must later uninitialize (even on error). */
enum ofperr
ofputil_decode_group_mod(const struct ofp_header *oh,
                         struct ofputil_group_mod *gm)
{
    struct ofpbuf msg;
    enum ofperr error;

    ofputil_group_mod_init(gm);
    ofpbuf_use_const(&msg, oh, ntohs(oh->length));
    enum ofpraw raw = ofpraw_pull_assert(&msg);

    if (raw == OFPRAW_OFPT11_GROUP_MOD) {
        const struct ofp11_group_mod *ogm = ofpbuf_pull(&msg, sizeof *ogm);
        gm->command = ntohs(ogm->command);
        gm->type = ogm->type;
        gm->group_id = ntohl(ogm->group_id);
        error = pull_buckets_ofp11(&msg, msg.size, oh->version,
                                   &gm->buckets);
    } else {
        /* OFPRAW_OFPT15_GROUP_MOD and OFPRAW_NXT_GROUP_MOD. */
        const struct ofp15_group_mod *ogm = ofpbuf_pull(&msg, sizeof *ogm);
        gm->command = ntohs(ogm->command);
        gm->type = ogm->type;
        gm->group_id = ntohl(ogm->group_id);
        gm->command_bucket_id = ntohl(ogm->command_bucket_id);
        error = check_command_bucket_id(gm);
        if (!error) {
            size_t buckets_len = ntohs(ogm->bucket_array_len);
            if (buckets_len > msg.size) {
                VLOG_WARN_RL(&rl, "group mod buckets length %zu exceeds "
                             "message size %"PRIu32, buckets_len, msg.size);
                error = OFPERR_OFPBRC_BAD_LEN;
            } else {
                error = pull_buckets_ofp15(&msg, buckets_len, oh->version,
                                           gm->type, &gm->buckets);
            }
        }
        if (!error) {
            /* Group properties (selection method) are not supported. */
            while (msg.size > 0 && !error) {
                struct ofpbuf payload;
                uint64_t type;
                error = ofpprop_pull(&msg, &payload, &type);
                if (!error) {
                    error = OFPERR_OFPBPC_BAD_TYPE;
                }
            }
        }
    }
    if (error) {
        return error;
    }
    return check_group_mod(gm, oh->version);
}

/* Returns a group-mod message of 'version' for 'gm' (NXT_GROUP_MOD for
 * OpenFlow 1.0). */
struct ofpbuf *
ofputil_encode_group_mod(enum ofp_version version,
                         const struct ofputil_group_mod *gm)
{
    const struct ofputil_bucket *bucket;
    struct ofpbuf *b;

    if (version >= OFP11_VERSION && version <= OFP14_VERSION) {
        b = ofpraw_alloc(OFPRAW_OFPT11_GROUP_MOD, version, 64);
        size_t start = b->size;
        ofpbuf_put_zeros(b, sizeof(struct ofp11_group_mod));
        LIST_FOR_EACH (bucket, list_node, &gm->buckets) {
            put_bucket_ofp11(bucket, b, version);
        }
        struct ofp11_group_mod *ogm = ofpbuf_at_assert(b, start,
                                                       sizeof *ogm);
        ogm->command = htons(gm->command);
        ogm->type = gm->type;
        ogm->group_id = htonl(gm->group_id);
    } else {
        b = ofpraw_alloc(version == OFP10_VERSION ? OFPRAW_NXT_GROUP_MOD
                         : OFPRAW_OFPT15_GROUP_MOD, version, 64);
        size_t start = b->size;
        ofpbuf_put_zeros(b, sizeof(struct ofp15_group_mod));
        size_t buckets_start = b->size;
        LIST_FOR_EACH (bucket, list_node, &gm->buckets) {
            put_bucket_ofp15(bucket, gm->type, b, version);
        }
        struct ofp15_group_mod *ogm = ofpbuf_at_assert(b, start,
                                                       sizeof *ogm);
        ogm->command = htons(gm->command);
        ogm->type = gm->type;
        ogm->group_id = htonl(gm->group_id);
        ogm->bucket_array_len = htons(b->size - buckets_start);
        ogm->command_bucket_id = htonl(gm->command_bucket_id);
    }
    ofpmsg_update_length(b);
    return b;
}

/* Returns the name of group type 'type' as ovs-ofctl prints it. */
const char *
ofputil_group_type_to_string(uint8_t type)
{
    switch (type) {
    case OFPGT11_ALL:
        return "all";
    case OFPGT11_SELECT:
        return "select";
    case OFPGT11_INDIRECT:
        return "indirect";
    case OFPGT11_FF:
        return "ff";
    }
    return NULL;
}

/* Appends 'group_id', with the names "ALL" and "ANY" for the special
 * ids. */
void
ofputil_format_group_id(struct ds *s, uint32_t group_id)
{
    if (group_id == OFPG_ALL) {
        ds_put_cstr(s, "ALL");
    } else if (group_id == OFPG_ANY) {
        ds_put_cstr(s, "ANY");
    } else {
        ds_put_format(s, "%"PRIu32, group_id);
    }
}

static void
format_bucket_id(struct ds *s, uint32_t bucket_id)
{
    if (bucket_id == OFPG15_BUCKET_FIRST) {
        ds_put_cstr(s, "first");
    } else if (bucket_id == OFPG15_BUCKET_LAST) {
        ds_put_cstr(s, "last");
    } else if (bucket_id == OFPG15_BUCKET_ALL) {
        ds_put_cstr(s, "all");
    } else {
        ds_put_format(s, "%"PRIu32, bucket_id);
    }
}

/* Appends the buckets in 'buckets' of a group of 'type'. */
static void
format_buckets(struct ds *s, enum ofp_version version, uint8_t type,
               const struct svs_list *buckets)
{
    const struct ofputil_bucket *bucket;

    LIST_FOR_EACH (bucket, list_node, buckets) {
        ds_put_cstr(s, ",bucket=");
        if (version >= OFP15_VERSION || version == OFP10_VERSION) {
            ds_put_format(s, "bucket_id:%"PRIu32",", bucket->bucket_id);
        }
        if (bucket->weight != (type == OFPGT11_SELECT ? 1 : 0)) {
            ds_put_format(s, "weight:%"PRIu16",", bucket->weight);
        }
        if (bucket->watch_port != OFPP_NONE) {
            ds_put_cstr(s, "watch_port:");
            ofputil_format_port(bucket->watch_port, s);
            ds_put_char(s, ',');
        }
        if (bucket->watch_group != OFPG_ANY) {
            ds_put_format(s, "watch_group:%"PRIu32",", bucket->watch_group);
        }
        ds_put_cstr(s, "actions=");
        ofpacts_format(bucket->ofpacts, bucket->ofpacts_len, s);
    }
}

static void
format_group_type(struct ds *s, uint8_t type)
{
    const char *name = ofputil_group_type_to_string(type);
    if (name) {
        ds_put_format(s, ",type=%s", name);
    } else {
        ds_put_format(s, ",type=%"PRIu8, type);
    }
}

/* Appends 'gm' as ovs-ofctl prints it. */
void
ofputil_group_mod_format(struct ds *s, enum ofp_version version,
                         const struct ofputil_group_mod *gm)
{
    bool bucket_cmd = false;

    ds_put_cstr(s, "\n ");
    switch (gm->command) {
    case OFPUTIL_GC_ADD:
        ds_put_cstr(s, "ADD");
        break;
    case OFPUTIL_GC_MODIFY:
        ds_put_cstr(s, "MOD");
        break;
    case OFPUTIL_GC_ADD_OR_MOD:
        ds_put_cstr(s, "ADD_OR_MOD");
        break;
    case OFPUTIL_GC_DELETE:
        ds_put_cstr(s, "DEL");
        break;
    case OFPUTIL_GC_INSERT_BUCKET:
        ds_put_cstr(s, "INSERT_BUCKET");
        bucket_cmd = true;
        break;
    case OFPUTIL_GC_REMOVE_BUCKET:
        ds_put_cstr(s, "REMOVE_BUCKET");
        bucket_cmd = true;
        break;
    default:
        ds_put_format(s, "cmd:%"PRIu16, gm->command);
        break;
    }
    ds_put_char(s, ' ');

    if (bucket_cmd && (version >= OFP15_VERSION
                       || version == OFP10_VERSION)) {
        ds_put_cstr(s, "command_bucket_id:");
        format_bucket_id(s, gm->command_bucket_id);
        ds_put_char(s, ',');
    }
    ds_put_format(s, "group_id=%"PRIu32, gm->group_id);
    if (!bucket_cmd) {
        format_group_type(s, gm->type);
    }
    format_buckets(s, version, gm->type, &gm->buckets);
}

/* Group statistics and description requests. */

/* Returns the group id in the OFPST_GROUP request 'oh'. */
uint32_t
ofputil_decode_group_stats_request(const struct ofp_header *oh)
{
    const struct ofp11_group_stats_request *gsr = ofpmsg_body(oh);
    return ntohl(gsr->group_id);
}

/* Returns the group id in the OFPST_GROUP_DESC request 'oh' (OFPG_ALL
 * before OpenFlow 1.5, which cannot ask about one group). */
uint32_t
ofputil_decode_group_desc_request(const struct ofp_header *oh)
{
    enum ofpraw raw = ofpraw_decode_assert(oh);
    if (raw == OFPRAW_OFPST15_GROUP_DESC_REQUEST
        || raw == OFPRAW_NXST_GROUP_DESC_REQUEST) {
        const struct ofp11_group_stats_request *gsr = ofpmsg_body(oh);
        return ntohl(gsr->group_id);
    }
    return OFPG_ALL;
}

/* Returns an OFPST_GROUP request of 'version' for 'group_id'. */
struct ofpbuf *
ofputil_encode_group_stats_request(enum ofp_version version,
                                   uint32_t group_id)
{
    struct ofpbuf *b = ofpraw_alloc(version == OFP10_VERSION
                                    ? OFPRAW_NXST_GROUP_REQUEST
                                    : OFPRAW_OFPST11_GROUP_REQUEST,
                                    version, 0);
    struct ofp11_group_stats_request *gsr = ofpbuf_put_zeros(b, sizeof *gsr);
    gsr->group_id = htonl(group_id);
    ofpmsg_update_length(b);
    return b;
}

/* Returns an OFPST_GROUP_DESC request of 'version' for 'group_id'. */
struct ofpbuf *
ofputil_encode_group_desc_request(enum ofp_version version,
                                  uint32_t group_id)
{
    struct ofpbuf *b;

    if (version >= OFP11_VERSION && version < OFP15_VERSION) {
        b = ofpraw_alloc(OFPRAW_OFPST11_GROUP_DESC_REQUEST, version, 0);
    } else {
        b = ofpraw_alloc(version == OFP10_VERSION
                         ? OFPRAW_NXST_GROUP_DESC_REQUEST
                         : OFPRAW_OFPST15_GROUP_DESC_REQUEST, version, 0);
        struct ofp11_group_stats_request *gsr = ofpbuf_put_zeros(b,
                                                                 sizeof *gsr);
        gsr->group_id = htonl(group_id);
    }
    ofpmsg_update_length(b);
    return b;
}

/* Group statistics replies. */

/* Pulls the next group statistics off 'msg', an OFPST_GROUP reply, into
 * 'gs' (whose bucket_stats the caller must free on success).  Returns 0,
 * EOF at the end, or an OpenFlow error. */
int
ofputil_decode_group_stats_reply(struct ofpbuf *msg,
                                 struct ofputil_group_stats *gs)
{
    enum ofpraw raw;
    enum ofperr error = (msg->header ? ofpraw_decode(&raw, msg->header)
                         : ofpraw_pull(&raw, msg));
    const struct ofp_header *oh = msg->header;
    size_t base_len;

    memset(gs, 0, sizeof *gs);
    if (error) {
        return error;
    }
    if (!msg->size) {
        return EOF;
    }

    enum ofp_version layout = group_layout_version(oh);
    base_len = (layout >= OFP13_VERSION
                ? sizeof(struct ofp13_group_stats)
                : sizeof(struct ofp11_group_stats));
    const struct ofp11_group_stats *ogs = ofpbuf_try_pull(msg, base_len);
    if (!ogs) {
        VLOG_WARN_RL(&rl, "%s reply has %"PRIu32" leftover bytes at end",
                     ofpraw_get_name(raw), msg->size);
        return OFPERR_OFPBRC_BAD_LEN;
    }
    /* The number of buckets is the whole number of counters that the
     * length leaves room for (a length below the base size wraps around,
     * as in Open vSwitch, and fails below). */
    size_t n_buckets = ((size_t) ntohs(ogs->length) - base_len)
                       / sizeof(struct ofp11_bucket_counter);
    const struct ofp11_bucket_counter *obc = ofpbuf_try_pull(
        msg, n_buckets * sizeof(struct ofp11_bucket_counter));
    if (!obc) {
        VLOG_WARN_RL(&rl, "%s reply has %"PRIu32" leftover bytes at end",
                     ofpraw_get_name(raw), msg->size);
        return OFPERR_OFPBRC_BAD_LEN;
    }

    gs->group_id = ntohl(ogs->group_id);
    gs->ref_count = ntohl(ogs->ref_count);
    gs->packet_count = ntohll(ogs->packet_count);
    gs->byte_count = ntohll(ogs->byte_count);
    if (layout >= OFP13_VERSION) {
        const struct ofp13_group_stats *ogs13 = (const void *) ogs;
        gs->duration_sec = ntohl(ogs13->duration_sec);
        gs->duration_nsec = ntohl(ogs13->duration_nsec);
    } else {
        gs->duration_sec = gs->duration_nsec = UINT32_MAX;
    }

    gs->n_buckets = n_buckets;
    gs->bucket_stats = xmalloc(MAX(gs->n_buckets, 1)
                               * sizeof *gs->bucket_stats);
    for (size_t i = 0; i < gs->n_buckets; i++) {
        gs->bucket_stats[i].packet_count = ntohll(obc[i].packet_count);
        gs->bucket_stats[i].byte_count = ntohll(obc[i].byte_count);
    }
    return 0;
}

/* Appends 'gs' to the group statistics replies in 'replies'. */
void
ofputil_append_group_stats(struct svs_list *replies,
                           const struct ofputil_group_stats *gs)
{
    enum ofp_version version = ofpmp_version(replies);
    if (version == OFP10_VERSION) {
        version = OFP15_VERSION;
    }
    size_t base_len = (version >= OFP13_VERSION
                       ? sizeof(struct ofp13_group_stats)
                       : sizeof(struct ofp11_group_stats));
    size_t length = (base_len
                     + gs->n_buckets * sizeof(struct ofp11_bucket_counter));
    struct ofp11_group_stats *ogs = ofpmp_append(replies, length);

    memset(ogs, 0, length);
    ogs->length = htons(length);
    ogs->group_id = htonl(gs->group_id);
    ogs->ref_count = htonl(gs->ref_count);
    ogs->packet_count = htonll(gs->packet_count);
    ogs->byte_count = htonll(gs->byte_count);
    if (version >= OFP13_VERSION) {
        struct ofp13_group_stats *ogs13 = (void *) ogs;
        ogs13->duration_sec = htonl(gs->duration_sec);
        ogs13->duration_nsec = htonl(gs->duration_nsec);
    }
    struct ofp11_bucket_counter *obc = (void *) ((char *) ogs + base_len);
    for (size_t i = 0; i < gs->n_buckets; i++) {
        obc[i].packet_count = htonll(gs->bucket_stats[i].packet_count);
        obc[i].byte_count = htonll(gs->bucket_stats[i].byte_count);
    }
}

/* Group description replies. */

/* Pulls the next group description off 'msg', an OFPST_GROUP_DESC reply
 * of 'version', into 'gd' (to be uninitialized by the caller on success).
 * Returns 0, EOF at the end, or an OpenFlow error. */
int
ofputil_decode_group_desc_reply(struct ofputil_group_desc *gd,
                                struct ofpbuf *msg, enum ofp_version version)
{
    memset(gd, 0, sizeof *gd);
    svs_list_init(&gd->buckets);
    if (!msg->header) {
        ofpraw_pull_assert(msg);
    }
    if (!msg->size) {
        return EOF;
    }

    /* OpenFlow 1.0 (Nicira) uses OpenFlow 1.5's layout with OpenFlow 1.0
     * actions. */
    if (version >= OFP11_VERSION && version < OFP15_VERSION) {
        const struct ofp11_group_desc_stats *ogds
            = ofpbuf_try_pull(msg, sizeof *ogds);
        if (!ogds) {
            VLOG_WARN_RL(&rl, "OFPST11_GROUP_DESC reply has %"PRIu32" "
                         "leftover bytes at end", msg->size);
            return OFPERR_OFPBRC_BAD_LEN;
        }
        gd->type = ogds->type;
        gd->group_id = ntohl(ogds->group_id);
        size_t length = ntohs(ogds->length);
        if (length < sizeof *ogds || length - sizeof *ogds > msg->size) {
            VLOG_WARN_RL(&rl, "OFPST11_GROUP_DESC reply claims invalid "
                         "length %zu", length);
            return OFPERR_OFPBRC_BAD_LEN;
        }
        return pull_buckets_ofp11(msg, length - sizeof *ogds, version,
                                  &gd->buckets);
    }

    /* An earlier entry's length need not keep this one aligned: read a
     * copy. */
    struct ofp15_group_desc_stats ogds_copy;
    const void *ogds_data = ofpbuf_try_pull(msg, sizeof ogds_copy);
    const struct ofp15_group_desc_stats *ogds = NULL;
    if (ogds_data) {
        memcpy(&ogds_copy, ogds_data, sizeof ogds_copy);
        ogds = &ogds_copy;
    }
    if (!ogds) {
        VLOG_WARN_RL(&rl, "OFPST15_GROUP_DESC reply has %"PRIu32" "
                     "leftover bytes at end", msg->size);
        return OFPERR_OFPBRC_BAD_LEN;
    }
    gd->type = ogds->type;
    gd->group_id = ntohl(ogds->group_id);
    size_t length = ntohs(ogds->length);
    if (length < sizeof *ogds || length - sizeof *ogds > msg->size) {
        VLOG_WARN_RL(&rl, "OFPST15_GROUP_DESC reply claims invalid length "
                     "%zu", length);
        return OFPERR_OFPBRC_BAD_LEN;
    }
    size_t bucket_list_len = ntohs(ogds->bucket_list_len);
    if (length - sizeof *ogds < bucket_list_len) {
        VLOG_WARN_RL(&rl, "OFPST15_GROUP_DESC reply claims invalid bucket "
                     "list length %zu", bucket_list_len);
        return OFPERR_OFPBRC_BAD_LEN;
    }
    enum ofperr error = pull_buckets_ofp15(msg, bucket_list_len, version,
                                           gd->type, &gd->buckets);
    if (error) {
        return error;
    }
    /* Group properties are not supported: skip them. */
    ofpbuf_pull(msg, length - sizeof *ogds - bucket_list_len);
    return 0;
}

/* Frees the buckets of 'gd'. */
void
ofputil_uninit_group_desc(struct ofputil_group_desc *gd)
{
    ofputil_bucket_list_destroy(&gd->buckets);
}

/* Appends 'gd' to the group description replies in 'replies'. */
void
ofputil_append_group_desc_reply(const struct ofputil_group_desc *gd,
                                struct svs_list *replies)
{
    struct ofpbuf *reply = CONTAINER_OF(svs_list_back(replies),
                                        struct ofpbuf, list_node);
    enum ofp_version version = ofpmp_version(replies);
    const struct ofputil_bucket *bucket;
    size_t start_ofs = reply->size;

    if (version >= OFP11_VERSION && version < OFP15_VERSION) {
        ofpbuf_put_zeros(reply, sizeof(struct ofp11_group_desc_stats));
        LIST_FOR_EACH (bucket, list_node, &gd->buckets) {
            put_bucket_ofp11(bucket, reply, version);
        }
        struct ofp11_group_desc_stats *ogds
            = ofpbuf_at_assert(reply, start_ofs, sizeof *ogds);
        ogds->length = htons(reply->size - start_ofs);
        ogds->type = gd->type;
        ogds->group_id = htonl(gd->group_id);
    } else {
        ofpbuf_put_zeros(reply, sizeof(struct ofp15_group_desc_stats));
        size_t buckets_start = reply->size;
        LIST_FOR_EACH (bucket, list_node, &gd->buckets) {
            put_bucket_ofp15(bucket, gd->type, reply, version);
        }
        struct ofp15_group_desc_stats *ogds
            = ofpbuf_at_assert(reply, start_ofs, sizeof *ogds);
        ogds->length = htons(reply->size - start_ofs);
        ogds->type = gd->type;
        ogds->group_id = htonl(gd->group_id);
        ogds->bucket_list_len = htons(reply->size - buckets_start);
    }
    ofpmp_postappend(replies, start_ofs);
}

/* Group features. */

/* Decodes the OFPST_GROUP_FEATURES reply 'oh'. */
void
ofputil_decode_group_features_reply(const struct ofp_header *oh,
                                    struct ofputil_group_features *features)
{
    const struct ofp12_group_features_stats *ogf = ofpmsg_body(oh);

    features->types = ntohl(ogf->types);
    features->capabilities = ntohl(ogf->capabilities);
    for (int i = 0; i < 4; i++) {
        features->max_groups[i] = ntohl(ogf->max_groups[i]);
        features->ofpacts[i] = ofputil_action_bitmap_from_openflow(
            ogf->actions[i], oh->version);
    }
}

/* Returns the OFPST_GROUP_FEATURES reply to 'request'. */
struct ofpbuf *
ofputil_encode_group_features_reply(
    const struct ofputil_group_features *features,
    const struct ofp_header *request)
{
    struct ofpbuf *reply = ofpraw_alloc_stats_reply(request, 0);
    struct ofp12_group_features_stats *ogf = ofpbuf_put_zeros(reply,
                                                              sizeof *ogf);
    ogf->types = htonl(features->types);
    ogf->capabilities = htonl(features->capabilities);
    for (int i = 0; i < 4; i++) {
        ogf->max_groups[i] = htonl(features->max_groups[i]);
        ogf->actions[i] = ofputil_action_bitmap_to_openflow(
            features->ofpacts[i], request->version);
    }
    ofpmsg_update_length(reply);
    return reply;
}

/* Printers. */

static enum ofperr
print_group_mod(struct ds *s, const struct ofp_header *oh,
                enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_group_mod gm;
    enum ofperr error = ofputil_decode_group_mod(oh, &gm);
    if (!error) {
        ofputil_group_mod_format(s, oh->version, &gm);
    }
    ofputil_uninit_group_mod(&gm);
    return error;
}

static enum ofperr
print_group_request(struct ds *s, const struct ofp_header *oh,
                    enum ofpraw raw, int verbosity SVS_UNUSED)
{
    uint32_t group_id = (ofptype_from_ofpraw(raw)
                         == OFPTYPE_GROUP_DESC_STATS_REQUEST
                         ? ofputil_decode_group_desc_request(oh)
                         : ofputil_decode_group_stats_request(oh));
    ds_put_cstr(s, " group_id=");
    ofputil_format_group_id(s, group_id);
    return 0;
}

static enum ofperr
print_group_stats_reply(struct ds *s, const struct ofp_header *oh,
                        enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (;;) {
        struct ofputil_group_stats gs;
        int retval = ofputil_decode_group_stats_reply(&b, &gs);
        if (retval) {
            if (retval != EOF) {
                ds_put_cstr(s, " ***parse error***\n");
                return retval;
            }
            return 0;
        }

        ds_put_format(s, "\n group_id=%"PRIu32, gs.group_id);
        if (gs.duration_sec != UINT32_MAX) {
            ds_put_cstr(s, ",duration=");
            ofp_print_duration(s, gs.duration_sec, gs.duration_nsec);
        }
        ds_put_format(s, ",ref_count=%"PRIu32",packet_count=%"PRIu64
                      ",byte_count=%"PRIu64, gs.ref_count, gs.packet_count,
                      gs.byte_count);
        for (size_t i = 0; i < gs.n_buckets; i++) {
            ds_put_format(s, ",bucket%zu:packet_count=%"PRIu64
                          ",byte_count=%"PRIu64, i,
                          gs.bucket_stats[i].packet_count,
                          gs.bucket_stats[i].byte_count);
        }
        free(gs.bucket_stats);
    }
}

static enum ofperr
print_group_desc_reply(struct ds *s, const struct ofp_header *oh,
                       enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofpbuf b;

    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    for (size_t n = 0; ; n++) {
        struct ofputil_group_desc gd;
        int retval = ofputil_decode_group_desc_reply(&gd, &b, oh->version);
        if (retval) {
            ofputil_uninit_group_desc(&gd);
            if (retval == EOF) {
                return 0;
            }
            if (n) {
                /* Open vSwitch reports a bad group after the first on a
                 * line of its own. */
                ds_put_char(s, '\n');
            }
            return retval;
        }

        ds_put_format(s, "\n group_id=%"PRIu32, gd.group_id);
        format_group_type(s, gd.type);
        format_buckets(s, oh->version, gd.type, &gd.buckets);
        ofputil_uninit_group_desc(&gd);
    }
}

static enum ofperr
print_group_features_reply(struct ds *s, const struct ofp_header *oh,
                           enum ofpraw raw SVS_UNUSED,
                           int verbosity SVS_UNUSED)
{
    static const char *const type_names[] = {
        "all", "select", "indirect", "fast failover",
    };
    struct ofputil_group_features features;

    ofputil_decode_group_features_reply(oh, &features);
    ds_put_cstr(s, "\n Group table:\n");
    ds_put_format(s, "    Types:  0x%"PRIx32"\n", features.types);
    ds_put_format(s, "    Capabilities:  0x%"PRIx32"\n",
                  features.capabilities);
    for (int i = 0; i < 4; i++) {
        if (features.types & (1u << i)) {
            ds_put_format(s, "    %s group:\n", type_names[i]);
            ds_put_format(s, "       max_groups=%#"PRIx32"\n",
                          features.max_groups[i]);
            ds_put_cstr(s, "       actions: ");
            ofputil_action_bitmap_format(s, features.ofpacts[i]);
            ds_put_char(s, '\n');
        }
    }
    return 0;
}

/* Registers the printers of this module's messages with ofp-print. */
void
ofputil_group_print_register(void)
{
    ofp_print_register_default(OFPTYPE_GROUP_MOD, print_group_mod);
    ofp_print_register_default(OFPTYPE_GROUP_STATS_REQUEST,
                               print_group_request);
    ofp_print_register_default(OFPTYPE_GROUP_DESC_STATS_REQUEST,
                               print_group_request);
    ofp_print_register_default(OFPTYPE_GROUP_STATS_REPLY,
                               print_group_stats_reply);
    ofp_print_register_default(OFPTYPE_GROUP_DESC_STATS_REPLY,
                               print_group_desc_reply);
    ofp_print_register_default(OFPTYPE_GROUP_FEATURES_STATS_REPLY,
                               print_group_features_reply);
}
