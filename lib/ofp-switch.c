/* ofp-switch.c: switch-wide OpenFlow messages (see ofp-switch.h). */
#include <config.h>
#include "ofp-switch.h"

#include <inttypes.h>
#include <string.h>
#include <strings.h>
#include "dynamic-string.h"
#include "ofp-msgs.h"
#include "ofp-port.h"
#include "ofp-print.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"

/* Features. */

/* Converts wire capabilities of 'version' to the internal layout. */
static enum ofputil_capabilities
capabilities_from_wire(uint32_t caps, enum ofp_version version)
{
    enum ofputil_capabilities c = caps & (OFPUTIL_C_FLOW_STATS
                                          | OFPUTIL_C_TABLE_STATS
                                          | OFPUTIL_C_PORT_STATS
                                          | OFPUTIL_C_IP_REASM
                                          | OFPUTIL_C_QUEUE_STATS);
    if (caps & (1 << 3)) {
        c |= version == OFP10_VERSION ? OFPUTIL_C_STP : OFPUTIL_C_GROUP_STATS;
    }
    if (version <= OFP11_VERSION) {
        c |= caps & OFPUTIL_C_ARP_MATCH_IP;
    }
    if (version >= OFP12_VERSION) {
        c |= caps & OFPUTIL_C_PORT_BLOCKED;
    }
    if (version >= OFP14_VERSION) {
        c |= caps & (OFPUTIL_C_BUNDLES | OFPUTIL_C_FLOW_MONITORING);
    }
    return c;
}

static uint32_t
capabilities_to_wire(enum ofputil_capabilities c, enum ofp_version version)
{
    uint32_t caps = c & (OFPUTIL_C_FLOW_STATS | OFPUTIL_C_TABLE_STATS
                         | OFPUTIL_C_PORT_STATS | OFPUTIL_C_IP_REASM
                         | OFPUTIL_C_QUEUE_STATS);
    if (version == OFP10_VERSION ? c & OFPUTIL_C_STP
        : c & OFPUTIL_C_GROUP_STATS) {
        caps |= 1 << 3;
    }
    if (version <= OFP11_VERSION) {
        caps |= c & OFPUTIL_C_ARP_MATCH_IP;
    }
    if (version >= OFP12_VERSION) {
        caps |= c & OFPUTIL_C_PORT_BLOCKED;
    }
    if (version >= OFP14_VERSION) {
        caps |= c & (OFPUTIL_C_BUNDLES | OFPUTIL_C_FLOW_MONITORING);
    }
    return caps;
}

/* Returns true if features replies of the version of 'oh' carry the
 * switch's ports (OpenFlow 1.0 through 1.2). */
bool
ofputil_switch_features_has_ports(const struct ofp_header *oh)
{
    return oh->version <= OFP12_VERSION;
}

/* Decodes the features reply 'oh' into 'features'.  If 'ports' is
 * nonnull, points it at the port descriptions that follow (empty for
 * OpenFlow 1.3+), to be pulled with ofputil_pull_phy_port(). */
enum ofperr
ofputil_decode_switch_features(const struct ofp_header *oh,
                               struct ofputil_switch_features *features,
                               struct ofpbuf *ports)
{
    struct ofpbuf b;
    ofpbuf_use_const(&b, oh, ntohs(oh->length));
    ofpraw_pull_assert(&b);

    const struct ofp11_switch_features *osf = ofpbuf_pull(&b, sizeof *osf);
    memset(features, 0, sizeof *features);
    features->datapath_id = ntohll(osf->datapath_id);
    features->n_buffers = ntohl(osf->n_buffers);
    features->n_tables = osf->n_tables;
    if (oh->version >= OFP13_VERSION) {
        features->auxiliary_id = osf->auxiliary_id;
    }
    features->capabilities = capabilities_from_wire(ntohl(osf->capabilities),
                                                    oh->version);
    if (oh->version == OFP10_VERSION) {
        features->ofpacts = ntohl(osf->reserved) & 0xfff;
    }
    if (ports) {
        ofpbuf_use_const(ports, b.data, b.size);
    }
    return 0;
}

/* Returns a features reply of 'version' with 'xid' for 'features',
 * without ports (add them with ofputil_put_switch_features_port() in
 * OpenFlow 1.0-1.2, then call ofpmsg_update_length()). */
struct ofpbuf *
ofputil_encode_switch_features(const struct ofputil_switch_features *features,
                               enum ofp_version version, be32 xid)
{
    enum ofpraw raw = (version == OFP10_VERSION
                       ? OFPRAW_OFPT10_FEATURES_REPLY
                       : version <= OFP12_VERSION
                       ? OFPRAW_OFPT11_FEATURES_REPLY
                       : OFPRAW_OFPT13_FEATURES_REPLY);
    struct ofpbuf *b = ofpraw_alloc_xid(raw, version, xid, 0);
    struct ofp11_switch_features *osf = ofpbuf_put_zeros(b, sizeof *osf);

    osf->datapath_id = htonll(features->datapath_id);
    osf->n_buffers = htonl(features->n_buffers);
    osf->n_tables = features->n_tables;
    if (version >= OFP13_VERSION) {
        osf->auxiliary_id = features->auxiliary_id;
    }
    osf->capabilities = htonl(capabilities_to_wire(features->capabilities,
                                                   version));
    if (version == OFP10_VERSION) {
        osf->reserved = htonl(features->ofpacts & 0xfff);
    }
    ofpmsg_update_length(b);
    return b;
}

/* Appends 'pp' to the features reply 'b' (OpenFlow 1.0-1.2). */
void
ofputil_put_switch_features_port(const struct ofputil_phy_port *pp,
                                 struct ofpbuf *b)
{
    const struct ofp_header *oh = b->header;
    ofputil_put_phy_port(oh->version, pp, b);
    ofpmsg_update_length(b);
}

/* Returns an OFPT_FEATURES_REQUEST of 'version'. */
struct ofpbuf *
ofputil_encode_features_request(enum ofp_version version)
{
    return ofpraw_alloc(OFPRAW_OFPT10_FEATURES_REQUEST, version, 0);
}

static void
put_capabilities(struct ds *s, enum ofputil_capabilities caps)
{
    static const struct {
        enum ofputil_capabilities bit;
        const char *name;
    } names[] = {
        { OFPUTIL_C_FLOW_STATS, "FLOW_STATS" },
        { OFPUTIL_C_TABLE_STATS, "TABLE_STATS" },
        { OFPUTIL_C_PORT_STATS, "PORT_STATS" },
        { OFPUTIL_C_STP, "STP" },
        { OFPUTIL_C_GROUP_STATS, "GROUP_STATS" },
        { OFPUTIL_C_IP_REASM, "IP_REASM" },
        { OFPUTIL_C_QUEUE_STATS, "QUEUE_STATS" },
        { OFPUTIL_C_ARP_MATCH_IP, "ARP_MATCH_IP" },
        { OFPUTIL_C_PORT_BLOCKED, "PORT_BLOCKED" },
        { OFPUTIL_C_BUNDLES, "BUNDLES" },
        { OFPUTIL_C_FLOW_MONITORING, "FLOW_MONITORING" },
    };
    bool any = false;

    ds_put_cstr(s, "capabilities: ");
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        if (caps & names[i].bit) {
            ds_put_format(s, "%s%s", any ? " " : "", names[i].name);
            any = true;
        }
    }
    if (!any) {
        ds_put_char(s, '0');
    }
    ds_put_char(s, '\n');
}

static void
put_action_bitmap(struct ds *s, uint32_t actions)
{
    static const struct {
        enum ofputil_action_bitmap bit;
        const char *name;
    } names[] = {
        { OFPUTIL_A_OUTPUT, "output" },
        { OFPUTIL_A_ENQUEUE, "enqueue" },
        { OFPUTIL_A_SET_VLAN_VID, "set_vlan_vid" },
        { OFPUTIL_A_SET_VLAN_PCP, "set_vlan_pcp" },
        { OFPUTIL_A_STRIP_VLAN, "strip_vlan" },
        { OFPUTIL_A_SET_DL_SRC, "mod_dl_src" },
        { OFPUTIL_A_SET_DL_DST, "mod_dl_dst" },
        { OFPUTIL_A_SET_NW_SRC, "mod_nw_src" },
        { OFPUTIL_A_SET_NW_DST, "mod_nw_dst" },
        { OFPUTIL_A_SET_NW_TOS, "mod_nw_tos" },
        { OFPUTIL_A_SET_TP_SRC, "mod_tp_src" },
        { OFPUTIL_A_SET_TP_DST, "mod_tp_dst" },
    };
    bool any = false;

    if (!actions) {
        return;
    }
    ds_put_cstr(s, "actions: ");
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        if (actions & names[i].bit) {
            ds_put_format(s, "%s%s", any ? " " : "", names[i].name);
            any = true;
        }
    }
    ds_put_char(s, '\n');
}

/* Appends 'features' (of a reply of 'version') as ovs-ofctl prints them,
 * without the ports. */
void
ofputil_switch_features_format(struct ds *s,
                               const struct ofputil_switch_features *features,
                               enum ofp_version version SVS_UNUSED)
{
    ds_put_format(s, " dpid:%016"PRIx64"\n", features->datapath_id);
    ds_put_format(s, "n_tables:%"PRIu8", n_buffers:%"PRIu32,
                  features->n_tables, features->n_buffers);
    if (features->auxiliary_id) {
        ds_put_format(s, ", auxiliary_id:%"PRIu8, features->auxiliary_id);
    }
    ds_put_char(s, '\n');
    put_capabilities(s, features->capabilities);
    put_action_bitmap(s, features->ofpacts);
}

/* Config. */

/* Returns the name of 'frag' as ovs-ofctl prints it. */
const char *
ofputil_frag_handling_to_string(enum ofputil_frag_handling frag)
{
    switch (frag) {
    case OFPUTIL_FRAG_NORMAL:
        return "normal";
    case OFPUTIL_FRAG_DROP:
        return "drop";
    case OFPUTIL_FRAG_REASM:
        return "reassemble";
    case OFPUTIL_FRAG_NX_MATCH:
        return "nx-match";
    }
    SVS_NOT_REACHED();
}

/* Parses a fragment handling mode name. */
bool
ofputil_frag_handling_from_string(const char *s,
                                  enum ofputil_frag_handling *frag)
{
    for (int i = OFPUTIL_FRAG_NORMAL; i <= OFPUTIL_FRAG_NX_MATCH; i++) {
        if (!strcasecmp(s, ofputil_frag_handling_to_string(i))) {
            *frag = i;
            return true;
        }
    }
    return false;
}

static enum ofperr
decode_switch_config(const struct ofp_header *oh,
                     struct ofputil_switch_config *config, bool strict)
{
    const struct ofp_switch_config *osc = ofpmsg_body(oh);
    uint16_t flags = ntohs(osc->flags);

    config->frag = flags & OFPC_FRAG_MASK;
    config->miss_send_len = ntohs(osc->miss_send_len);
    if (oh->version < OFP13_VERSION) {
        if (strict
            && flags & ~(OFPC_FRAG_MASK | OFPC_INVALID_TTL_TO_CONTROLLER)) {
            return OFPERR_OFPSCFC_BAD_FLAGS;
        }
        config->invalid_ttl_to_controller
            = (flags & OFPC_INVALID_TTL_TO_CONTROLLER) != 0;
    } else {
        if (strict && flags & ~OFPC_FRAG_MASK) {
            return OFPERR_OFPSCFC_BAD_FLAGS;
        }
        config->invalid_ttl_to_controller = -1;
    }
    return 0;
}

/* Decodes the OFPT_GET_CONFIG_REPLY 'oh' into 'config'. */
enum ofperr
ofputil_decode_get_config_reply(const struct ofp_header *oh,
                                struct ofputil_switch_config *config)
{
    return decode_switch_config(oh, config, false);
}

/* Decodes the OFPT_SET_CONFIG 'oh' into 'config'.  Returns
 * OFPSCFC_BAD_FLAGS for flags the version does not define. */
enum ofperr
ofputil_decode_set_config(const struct ofp_header *oh,
                          struct ofputil_switch_config *config)
{
    return decode_switch_config(oh, config, true);
}

static void
put_switch_config(const struct ofputil_switch_config *config,
                  struct ofpbuf *b)
{
    const struct ofp_header *oh = b->header;
    struct ofp_switch_config *osc = ofpbuf_put_zeros(b, sizeof *osc);
    uint16_t flags = config->frag;

    if (oh->version < OFP13_VERSION
        && config->invalid_ttl_to_controller > 0) {
        flags |= OFPC_INVALID_TTL_TO_CONTROLLER;
    }
    osc->flags = htons(flags);
    osc->miss_send_len = htons(config->miss_send_len);
    ofpmsg_update_length(b);
}

/* Returns an OFPT_GET_CONFIG_REQUEST of 'version'. */
struct ofpbuf *
ofputil_encode_get_config_request(enum ofp_version version)
{
    return ofpraw_alloc(OFPRAW_OFPT10_GET_CONFIG_REQUEST, version, 0);
}

/* Returns the OFPT_GET_CONFIG_REPLY to 'request' for 'config'. */
struct ofpbuf *
ofputil_encode_get_config_reply(const struct ofp_header *request,
                                const struct ofputil_switch_config *config)
{
    struct ofpbuf *b = ofpraw_alloc_reply(OFPRAW_OFPT10_GET_CONFIG_REPLY,
                                          request, 0);
    put_switch_config(config, b);
    return b;
}

/* Returns an OFPT_SET_CONFIG of 'version' for 'config'. */
struct ofpbuf *
ofputil_encode_set_config(const struct ofputil_switch_config *config,
                          enum ofp_version version)
{
    struct ofpbuf *b = ofpraw_alloc(OFPRAW_OFPT10_SET_CONFIG, version, 0);
    put_switch_config(config, b);
    return b;
}

/* Appends 'config' as ovs-ofctl prints it. */
void
ofputil_switch_config_format(struct ds *s,
                             const struct ofputil_switch_config *config)
{
    ds_put_format(s, " frags=%s",
                  ofputil_frag_handling_to_string(config->frag));
    if (config->invalid_ttl_to_controller > 0) {
        ds_put_cstr(s, " invalid_ttl_to_controller");
    }
    ds_put_format(s, " miss_send_len=%"PRIu16"\n", config->miss_send_len);
}

/* Description. */

static void
copy_desc(char *dst, const char *src, size_t size)
{
    size_t len = strnlen(src, size);
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* Decodes the OFPST_DESC reply 'oh' into 'desc'. */
enum ofperr
ofputil_decode_switch_desc(const struct ofp_header *oh,
                           struct ofputil_switch_desc *desc)
{
    const struct ofp_desc_stats *ods = ofpmsg_body(oh);

    copy_desc(desc->mfr_desc, ods->mfr_desc, sizeof ods->mfr_desc);
    copy_desc(desc->hw_desc, ods->hw_desc, sizeof ods->hw_desc);
    copy_desc(desc->sw_desc, ods->sw_desc, sizeof ods->sw_desc);
    copy_desc(desc->serial_num, ods->serial_num, sizeof ods->serial_num);
    copy_desc(desc->dp_desc, ods->dp_desc, sizeof ods->dp_desc);
    return 0;
}

static void
put_desc(char *dst, const char *src, size_t size)
{
    size_t len = strnlen(src, size);
    memcpy(dst, src, len);
}

/* Returns the OFPST_DESC reply to 'request' for 'desc'. */
struct ofpbuf *
ofputil_encode_switch_desc(const struct ofputil_switch_desc *desc,
                           const struct ofp_header *request)
{
    struct ofpbuf *b = ofpraw_alloc_stats_reply(request, 0);
    struct ofp_desc_stats *ods = ofpbuf_put_zeros(b, sizeof *ods);

    put_desc(ods->mfr_desc, desc->mfr_desc, sizeof ods->mfr_desc);
    put_desc(ods->hw_desc, desc->hw_desc, sizeof ods->hw_desc);
    put_desc(ods->sw_desc, desc->sw_desc, sizeof ods->sw_desc);
    put_desc(ods->serial_num, desc->serial_num, sizeof ods->serial_num);
    put_desc(ods->dp_desc, desc->dp_desc, sizeof ods->dp_desc);
    ofpmsg_update_length(b);
    return b;
}

/* Returns an OFPST_DESC request of 'version'. */
struct ofpbuf *
ofputil_encode_desc_stats_request(enum ofp_version version)
{
    enum ofpraw raw = (version == OFP10_VERSION
                       ? OFPRAW_OFPST10_DESC_REQUEST
                       : OFPRAW_OFPST11_DESC_REQUEST);
    return ofpraw_alloc(raw, version, 0);
}

/* Appends 'desc' as ovs-ofctl prints it. */
void
ofputil_switch_desc_format(struct ds *s, const struct ofputil_switch_desc *d)
{
    ds_put_format(s, "\nManufacturer: %s\n", d->mfr_desc);
    ds_put_format(s, "Hardware: %s\n", d->hw_desc);
    ds_put_format(s, "Software: %s\n", d->sw_desc);
    ds_put_format(s, "Serial Num: %s\n", d->serial_num);
    ds_put_format(s, "DP Description: %s\n", d->dp_desc);
}

/* Printers. */

static enum ofperr
print_features_reply(struct ds *s, const struct ofp_header *oh,
                     enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_switch_features features;
    struct ofpbuf ports;
    enum ofperr error = ofputil_decode_switch_features(oh, &features,
                                                       &ports);
    if (error) {
        return error;
    }
    ofputil_switch_features_format(s, &features, oh->version);
    if (ofputil_switch_features_has_ports(oh)) {
        return ofputil_phy_ports_format(s, oh->version, &ports);
    }
    return 0;
}

static enum ofperr
print_switch_config(struct ds *s, const struct ofp_header *oh,
                    enum ofpraw raw, int verbosity SVS_UNUSED)
{
    struct ofputil_switch_config config;
    enum ofperr error = decode_switch_config(
        oh, &config, ofptype_from_ofpraw(raw) == OFPTYPE_SET_CONFIG);
    if (!error) {
        ofputil_switch_config_format(s, &config);
    }
    return error;
}

static enum ofperr
print_desc_reply(struct ds *s, const struct ofp_header *oh,
                 enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofputil_switch_desc desc;
    enum ofperr error = ofputil_decode_switch_desc(oh, &desc);
    if (!error) {
        ofputil_switch_desc_format(s, &desc);
    }
    return error;
}

/* Registers the printers of this module's messages with ofp-print. */
void
ofputil_switch_print_register(void)
{
    ofp_print_register_default(OFPTYPE_FEATURES_REPLY, print_features_reply);
    ofp_print_register_default(OFPTYPE_GET_CONFIG_REPLY,
                               print_switch_config);
    ofp_print_register_default(OFPTYPE_SET_CONFIG, print_switch_config);
    ofp_print_register_default(OFPTYPE_DESC_STATS_REPLY, print_desc_reply);
}
