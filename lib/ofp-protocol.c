/* ofp-protocol.c: OpenFlow versions, protocols and hello messages (see
 * ofp-protocol.h). */
#include <config.h>
#include "ofp-protocol.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <strings.h>
#include "dynamic-string.h"
#include "ofp-msgs.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"
#include "vlog.h"

VLOG_DEFINE_THIS_MODULE(ofp_protocol);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* A named protocol or group of protocols. */
struct proto_abbrev {
    enum ofputil_protocol protocol;
    const char *name;
};

/* Groups, tried first (in this order) when naming a set of protocols. */
static const struct proto_abbrev proto_abbrevs[] = {
    { OFPUTIL_P_ANY, "any" },
    { OFPUTIL_P_OF10_STD_ANY, "OpenFlow10" },
    { OFPUTIL_P_OF10_NXM_ANY, "NXM" },
    { OFPUTIL_P_ANY_OXM, "OXM" },
};

/* Individual protocols, in bit order. */
static const struct proto_abbrev proto_names[] = {
    { OFPUTIL_P_OF10_STD, "OpenFlow10-table_id" },
    { OFPUTIL_P_OF10_STD_TID, "OpenFlow10+table_id" },
    { OFPUTIL_P_OF10_NXM, "NXM-table_id" },
    { OFPUTIL_P_OF10_NXM_TID, "NXM+table_id" },
    { OFPUTIL_P_OF11_STD, "OpenFlow11" },
    { OFPUTIL_P_OF12_OXM, "OXM-OpenFlow12" },
    { OFPUTIL_P_OF13_OXM, "OXM-OpenFlow13" },
    { OFPUTIL_P_OF14_OXM, "OXM-OpenFlow14" },
    { OFPUTIL_P_OF15_OXM, "OXM-OpenFlow15" },
};

/* Returns true if 'protocol' is a single valid protocol. */
bool
ofputil_protocol_is_valid(enum ofputil_protocol protocol)
{
    return protocol && !(protocol & (protocol - 1))
           && (protocol & OFPUTIL_P_ANY) == protocol;
}

/* Returns the OpenFlow version of the single protocol 'protocol'. */
enum ofp_version
ofputil_protocol_to_ofp_version(enum ofputil_protocol protocol)
{
    switch (protocol) {
    case OFPUTIL_P_OF10_STD:
    case OFPUTIL_P_OF10_STD_TID:
    case OFPUTIL_P_OF10_NXM:
    case OFPUTIL_P_OF10_NXM_TID:
        return OFP10_VERSION;
    case OFPUTIL_P_OF11_STD:
        return OFP11_VERSION;
    case OFPUTIL_P_OF12_OXM:
        return OFP12_VERSION;
    case OFPUTIL_P_OF13_OXM:
        return OFP13_VERSION;
    case OFPUTIL_P_OF14_OXM:
        return OFP14_VERSION;
    case OFPUTIL_P_OF15_OXM:
        return OFP15_VERSION;
    }
    SVS_NOT_REACHED();
}

/* Returns the protocol that a connection of 'version' starts with (for
 * OpenFlow 1.0, the standard match without table ids), or 0 for an unknown
 * version. */
enum ofputil_protocol
ofputil_protocol_from_ofp_version(enum ofp_version version)
{
    switch (version) {
    case OFP10_VERSION:
        return OFPUTIL_P_OF10_STD;
    case OFP11_VERSION:
        return OFPUTIL_P_OF11_STD;
    case OFP12_VERSION:
        return OFPUTIL_P_OF12_OXM;
    case OFP13_VERSION:
        return OFPUTIL_P_OF13_OXM;
    case OFP14_VERSION:
        return OFPUTIL_P_OF14_OXM;
    case OFP15_VERSION:
        return OFPUTIL_P_OF15_OXM;
    }
    return 0;
}

/* Returns every protocol that a connection of 'version' may speak. */
enum ofputil_protocol
ofputil_protocols_from_ofp_version(enum ofp_version version)
{
    return (version == OFP10_VERSION
            ? OFPUTIL_P_OF10_ANY
            : ofputil_protocol_from_ofp_version(version));
}

/* Returns 'protocol' with table ids in flow-mods enabled or disabled.
 * Protocols other than OpenFlow 1.0's always carry table ids and are
 * returned unchanged. */
enum ofputil_protocol
ofputil_protocol_set_tid(enum ofputil_protocol protocol, bool enable)
{
    switch (protocol) {
    case OFPUTIL_P_OF10_STD:
    case OFPUTIL_P_OF10_STD_TID:
        return enable ? OFPUTIL_P_OF10_STD_TID : OFPUTIL_P_OF10_STD;
    case OFPUTIL_P_OF10_NXM:
    case OFPUTIL_P_OF10_NXM_TID:
        return enable ? OFPUTIL_P_OF10_NXM_TID : OFPUTIL_P_OF10_NXM;
    default:
        return protocol;
    }
}

/* Returns 'protocol' without the table id extension. */
enum ofputil_protocol
ofputil_protocol_to_base(enum ofputil_protocol protocol)
{
    return ofputil_protocol_set_tid(protocol, false);
}

/* Returns 'new_base' with the table id setting of 'cur'. */
enum ofputil_protocol
ofputil_protocol_set_base(enum ofputil_protocol cur,
                          enum ofputil_protocol new_base)
{
    return ofputil_protocol_set_tid(new_base, (cur & OFPUTIL_P_TID) != 0);
}

/* Returns the name of the single protocol 'protocol', or of a group if
 * 'protocol' is exactly a group, or NULL. */
const char *
ofputil_protocol_to_string(enum ofputil_protocol protocol)
{
    for (size_t i = 0; i < ARRAY_SIZE(proto_names); i++) {
        if (proto_names[i].protocol == protocol) {
            return proto_names[i].name;
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(proto_abbrevs); i++) {
        if (proto_abbrevs[i].protocol == protocol) {
            return proto_abbrevs[i].name;
        }
    }
    return NULL;
}

/* Returns a malloc'd comma-separated list of names for the set
 * 'protocols', using group names where a whole group is present, as
 * ovs-ofctl prints "usable protocols". */
char *
ofputil_protocols_to_string(enum ofputil_protocol protocols)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    protocols &= OFPUTIL_P_ANY;
    for (size_t i = 0; i < ARRAY_SIZE(proto_abbrevs); i++) {
        enum ofputil_protocol p = proto_abbrevs[i].protocol;
        if ((protocols & p) == p) {
            if (s.length) {
                ds_put_char(&s, ',');
            }
            ds_put_cstr(&s, proto_abbrevs[i].name);
            protocols &= ~p;
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(proto_names); i++) {
        if (protocols & proto_names[i].protocol) {
            if (s.length) {
                ds_put_char(&s, ',');
            }
            ds_put_cstr(&s, proto_names[i].name);
        }
    }
    if (!s.length) {
        ds_put_cstr(&s, "none");
    }
    return ds_steal_cstr(&s);
}

/* Parses 's', a list of protocol and group names separated by commas or
 * spaces (case does not matter), into '*protocols'.  Returns NULL on
 * success, otherwise a malloc'd error message ("NAME: unknown flow
 * protocol") and stores 0. */
char *
ofputil_protocols_from_string(const char *s, enum ofputil_protocol *protocols)
{
    char *copy = xstrdup(s);
    char *save = NULL;
    char *error = NULL;

    *protocols = 0;
    for (char *name = strtok_r(copy, " \t,", &save); name;
         name = strtok_r(NULL, " \t,", &save)) {
        enum ofputil_protocol p = 0;
        for (size_t i = 0; i < ARRAY_SIZE(proto_abbrevs) && !p; i++) {
            if (!strcasecmp(name, proto_abbrevs[i].name)) {
                p = proto_abbrevs[i].protocol;
            }
        }
        for (size_t i = 0; i < ARRAY_SIZE(proto_names) && !p; i++) {
            if (!strcasecmp(name, proto_names[i].name)) {
                p = proto_names[i].protocol;
            }
        }
        if (!p) {
            error = xasprintf("%s: unknown flow protocol", name);
            *protocols = 0;
            break;
        }
        *protocols |= p;
    }
    free(copy);
    return error;
}

/* Returns the bitmap of versions that the protocols in 'protocols'
 * use. */
uint32_t
ofputil_protocols_to_version_bitmap(enum ofputil_protocol protocols)
{
    uint32_t bitmap = 0;

    for (size_t i = 0; i < ARRAY_SIZE(proto_names); i++) {
        if (protocols & proto_names[i].protocol) {
            bitmap |= 1u << ofputil_protocol_to_ofp_version(
                proto_names[i].protocol);
        }
    }
    return bitmap;
}

/* Returns every protocol of the versions in 'bitmap'. */
enum ofputil_protocol
ofputil_protocols_from_version_bitmap(uint32_t bitmap)
{
    enum ofputil_protocol protocols = 0;

    for (int v = OFP_MIN_VERSION; v <= OFP_MAX_VERSION; v++) {
        if (bitmap & (1u << v)) {
            protocols |= ofputil_protocols_from_ofp_version(v);
        }
    }
    return protocols;
}

/* Returns "OpenFlow1x" for a known version, otherwise NULL. */
const char *
ofputil_version_to_string(enum ofp_version version)
{
    switch (version) {
    case OFP10_VERSION:
        return "OpenFlow10";
    case OFP11_VERSION:
        return "OpenFlow11";
    case OFP12_VERSION:
        return "OpenFlow12";
    case OFP13_VERSION:
        return "OpenFlow13";
    case OFP14_VERSION:
        return "OpenFlow14";
    case OFP15_VERSION:
        return "OpenFlow15";
    }
    return NULL;
}

/* Parses a version name such as "OpenFlow13" (case does not matter).
 * Returns the version, or 0 if 's' names none. */
enum ofp_version
ofputil_version_from_string(const char *s)
{
    for (int v = OFP_MIN_VERSION; v <= OFP_MAX_VERSION; v++) {
        if (!strcasecmp(s, ofputil_version_to_string(v))) {
            return v;
        }
    }
    return 0;
}

/* Parses 's', a list of version names separated by commas or spaces, into
 * a version bitmap '*bitmap'.  Returns NULL on success, otherwise a
 * malloc'd error message as ovs-ofctl words it. */
char *
ofputil_versions_from_string(const char *s, uint32_t *bitmap)
{
    char *copy = xstrdup(s);
    char *save = NULL;
    char *error = NULL;

    *bitmap = 0;
    for (char *name = strtok_r(copy, " \t,", &save); name;
         name = strtok_r(NULL, " \t,", &save)) {
        enum ofp_version v = ofputil_version_from_string(name);
        if (!v) {
            error = xasprintf("Unknown OpenFlow version: \"%s\"", name);
            *bitmap = 0;
            break;
        }
        *bitmap |= 1u << v;
    }
    free(copy);
    return error;
}

/* Appends 'version' as "0x%02x". */
void
ofputil_format_version(struct ds *s, enum ofp_version version)
{
    ds_put_format(s, "0x%02x", version);
}

/* Appends the name of 'version' ("OpenFlow13"), or "0x%02x" if it has
 * none. */
void
ofputil_format_version_name(struct ds *s, enum ofp_version version)
{
    const char *name = ofputil_version_to_string(version);
    if (name) {
        ds_put_cstr(s, name);
    } else {
        ofputil_format_version(s, version);
    }
}

/* Appends the versions in 'bitmap' as "0x01, 0x04". */
void
ofputil_format_version_bitmap(struct ds *s, uint32_t bitmap)
{
    bool first = true;

    for (int v = 0; v < 32; v++) {
        if (bitmap & (1u << v)) {
            if (!first) {
                ds_put_cstr(s, ", ");
            }
            first = false;
            ofputil_format_version(s, v);
        }
    }
}

/* Appends the versions in 'bitmap' as "OpenFlow10, OpenFlow13". */
void
ofputil_format_version_bitmap_names(struct ds *s, uint32_t bitmap)
{
    bool first = true;

    for (int v = 0; v < 32; v++) {
        if (bitmap & (1u << v)) {
            if (!first) {
                ds_put_cstr(s, ", ");
            }
            first = false;
            ofputil_format_version_name(s, v);
        }
    }
}

/* Returns the bitmap of versions 1 through 'version' (all of 1 to 31 if
 * 'version' is 31 or more). */
uint32_t
ofputil_version_bitmap_upto(unsigned int version)
{
    return version >= 31 ? UINT32_MAX - 1 : (1u << (version + 1)) - 2;
}

/* Returns true if 'format' is a valid NXFF_* flow format. */
bool
ofputil_nx_flow_format_is_valid(uint32_t format)
{
    return format == NXFF_OPENFLOW10 || format == NXFF_NXM;
}

/* Returns the name of flow format 'format' as NXT_SET_FLOW_FORMAT prints
 * it, or "(unknown)". */
const char *
ofputil_nx_flow_format_to_string(uint32_t format)
{
    return (format == NXFF_OPENFLOW10 ? "openflow10"
            : format == NXFF_NXM ? "nxm"
            : "(unknown)");
}

/* Returns the OpenFlow 1.0 protocol for flow format 'format' (which must
 * be valid). */
enum ofputil_protocol
ofputil_nx_flow_format_to_protocol(uint32_t format)
{
    return format == NXFF_NXM ? OFPUTIL_P_OF10_NXM : OFPUTIL_P_OF10_STD;
}

/* Returns an NXT_SET_FLOW_FORMAT message that selects 'format'. */
struct ofpbuf *
ofputil_encode_nx_set_flow_format(uint32_t format)
{
    struct ofpbuf *msg = ofpraw_alloc(OFPRAW_NXT_SET_FLOW_FORMAT,
                                      OFP10_VERSION, 0);
    struct nx_set_flow_format *sff = ofpbuf_put_zeros(msg, sizeof *sff);
    sff->format = htonl(format);
    ofpmsg_update_length(msg);
    return msg;
}

/* Decodes NXT_SET_FLOW_FORMAT 'oh' into the base protocol it selects.
 * Returns OFPBRC_EPERM for an invalid format. */
enum ofperr
ofputil_decode_nx_set_flow_format(const struct ofp_header *oh,
                                  enum ofputil_protocol *protocol)
{
    const struct nx_set_flow_format *sff = ofpmsg_body(oh);
    uint32_t format = ntohl(sff->format);

    if (!ofputil_nx_flow_format_is_valid(format)) {
        VLOG_WARN_RL(&rl, "NXT_SET_FLOW_FORMAT message specified invalid "
                     "flow format %"PRIu32, format);
        return OFPERR_OFPBRC_EPERM;
    }
    *protocol = ofputil_nx_flow_format_to_protocol(format);
    return 0;
}

/* Returns the message that moves a connection from protocol 'current'
 * toward protocol 'want' (both single protocols), and stores in '*next'
 * the protocol the connection speaks once the switch accepts it.  Several
 * calls may be needed (flow format, then table ids).  Returns NULL, with
 * '*next' = 'current', if no message is needed or the change is
 * impossible (different versions). */
struct ofpbuf *
ofputil_encode_set_protocol(enum ofputil_protocol current,
                            enum ofputil_protocol want,
                            enum ofputil_protocol *next)
{
    *next = current;
    if (ofputil_protocol_to_ofp_version(current)
        != ofputil_protocol_to_ofp_version(want)) {
        return NULL;
    }

    enum ofputil_protocol cur_base = ofputil_protocol_to_base(current);
    enum ofputil_protocol want_base = ofputil_protocol_to_base(want);
    if (cur_base != want_base) {
        *next = ofputil_protocol_set_base(current, want_base);
        return ofputil_encode_nx_set_flow_format(
            want_base == OFPUTIL_P_OF10_NXM ? NXFF_NXM : NXFF_OPENFLOW10);
    }

    bool cur_tid = (current & OFPUTIL_P_TID) != 0;
    bool want_tid = (want & OFPUTIL_P_TID) != 0;
    if (cur_tid != want_tid) {
        *next = ofputil_protocol_set_tid(current, want_tid);
        return ofputil_encode_flow_mod_table_id(
            want_tid, ofputil_protocol_to_ofp_version(current));
    }
    return NULL;
}

/* Returns an NXT_FLOW_MOD_TABLE_ID message of 'version'. */
struct ofpbuf *
ofputil_encode_flow_mod_table_id(bool enable, enum ofp_version version)
{
    struct ofpbuf *msg = ofpraw_alloc(OFPRAW_NXT_FLOW_MOD_TABLE_ID,
                                      version, 0);
    struct nx_flow_mod_table_id *nfmti = ofpbuf_put_zeros(msg,
                                                          sizeof *nfmti);
    nfmti->set = enable;
    ofpmsg_update_length(msg);
    return msg;
}

/* Decodes NXT_FLOW_MOD_TABLE_ID 'oh': returns true if it enables table
 * ids. */
bool
ofputil_decode_flow_mod_table_id(const struct ofp_header *oh)
{
    const struct nx_flow_mod_table_id *nfmti = ofpmsg_body(oh);
    return nfmti->set != 0;
}

/* Returns true if 'format' is a valid NXPIF_* packet-in format. */
bool
ofputil_packet_in_format_is_valid(uint32_t format)
{
    return format <= OFPUTIL_PACKET_IN_NXT2;
}

/* Returns the name of 'format' as ovs-ofctl prints and parses it. */
const char *
ofputil_packet_in_format_to_string(enum ofputil_packet_in_format format)
{
    switch (format) {
    case OFPUTIL_PACKET_IN_STD:
        return "standard";
    case OFPUTIL_PACKET_IN_NXT:
        return "nxt_packet_in";
    case OFPUTIL_PACKET_IN_NXT2:
        return "nxt_packet_in2";
    }
    SVS_NOT_REACHED();
}

/* Parses a packet-in format name ("standard" or its old name
 * "openflow10", "nxt_packet_in" or its old name "nxm", "nxt_packet_in2").
 * Returns the format, or -1 if 's' names none. */
int
ofputil_packet_in_format_from_string(const char *s)
{
    return (!strcmp(s, "standard") || !strcmp(s, "openflow10")
            ? OFPUTIL_PACKET_IN_STD
            : !strcmp(s, "nxt_packet_in") || !strcmp(s, "nxm")
            ? OFPUTIL_PACKET_IN_NXT
            : !strcmp(s, "nxt_packet_in2")
            ? OFPUTIL_PACKET_IN_NXT2
            : -1);
}

/* Returns an NXT_SET_PACKET_IN_FORMAT message of 'version'. */
struct ofpbuf *
ofputil_encode_set_packet_in_format(enum ofp_version version,
                                    enum ofputil_packet_in_format format)
{
    struct ofpbuf *msg = ofpraw_alloc(OFPRAW_NXT_SET_PACKET_IN_FORMAT,
                                      version, 0);
    struct nx_set_packet_in_format *spif = ofpbuf_put_zeros(msg,
                                                            sizeof *spif);
    spif->format = htonl(format);
    ofpmsg_update_length(msg);
    return msg;
}

/* Decodes NXT_SET_PACKET_IN_FORMAT 'oh'.  Returns OFPBRC_EPERM for an
 * invalid format. */
enum ofperr
ofputil_decode_set_packet_in_format(const struct ofp_header *oh,
                                    enum ofputil_packet_in_format *format)
{
    const struct nx_set_packet_in_format *spif = ofpmsg_body(oh);
    uint32_t f = ntohl(spif->format);

    if (!ofputil_packet_in_format_is_valid(f)) {
        VLOG_WARN_RL(&rl, "NXT_SET_PACKET_IN_FORMAT message specified "
                     "invalid packet-in format %"PRIu32, f);
        return OFPERR_OFPBRC_EPERM;
    }
    *format = f;
    return 0;
}

/* Returns a hello message that allows the versions in 'allowed_versions'
 * (which must not be 0).  The header carries the highest allowed version;
 * a version bitmap element is added unless the bitmap is exactly every
 * version up to that one. */
struct ofpbuf *
ofputil_encode_hello(uint32_t allowed_versions)
{
    svs_assert(allowed_versions & ~1u);
    int version = 31 - __builtin_clz(allowed_versions);
    struct ofpbuf *msg = ofpraw_alloc(OFPRAW_OFPT10_HELLO, version, 0);

    if (allowed_versions != ofputil_version_bitmap_upto(version)) {
        struct ofp_hello_elem_header *oheh;
        oheh = ofpbuf_put_zeros(msg, sizeof *oheh);
        oheh->type = htons(OFPHET_VERSIONBITMAP);
        oheh->length = htons(sizeof *oheh + 4);
        be32 bitmap = htonl(allowed_versions);
        ofpbuf_put(msg, &bitmap, sizeof bitmap);
    }
    ofpmsg_update_length(msg);
    return msg;
}

/* Decodes the bitmap in the 'len' bytes at 'p' into '*allowed'.  Returns
 * false if it allows no valid version. */
static bool
decode_version_bitmap(const uint8_t *p, size_t len, uint32_t *allowed)
{
    if (len < 4) {
        return false;
    }

    be32 word;
    memcpy(&word, p, sizeof word);
    uint32_t bitmap = ntohl(word);
    if (bitmap & 1) {
        VLOG_WARN_RL(&rl, "peer claims to support invalid OpenFlow version "
                     "0x00");
        bitmap &= ~1u;
    }
    if (!bitmap) {
        VLOG_WARN_RL(&rl, "peer does not support any OpenFlow version "
                     "(between 0x01 and 0x1f)");
        return false;
    }
    *allowed = bitmap;
    return true;
}

/* Decodes the hello message 'oh' and stores in '*allowed_versions' the
 * versions its sender allows.  Returns true if the hello was entirely
 * understood, false if it held anything unknown or malformed (the allowed
 * versions are still stored, as well as they can be determined). */
bool
ofputil_decode_hello(const struct ofp_header *oh, uint32_t *allowed_versions)
{
    struct ofpbuf msg;
    bool ok = true;
    bool have_bitmap = false;
    uint32_t bitmap = 0;

    ofpbuf_use_const(&msg, oh, ntohs(oh->length));
    ofpbuf_pull(&msg, sizeof *oh);

    while (msg.size) {
        const struct ofp_hello_elem_header *oheh;
        size_t len;

        if (msg.size < sizeof *oheh) {
            ok = false;
            break;
        }
        oheh = msg.data;
        len = ntohs(oheh->length);
        if (len < sizeof *oheh || ROUND_UP(len, 8) > msg.size) {
            ok = false;
            break;
        }
        ofpbuf_pull(&msg, ROUND_UP(len, 8));

        if (oheh->type == htons(OFPHET_VERSIONBITMAP)) {
            uint32_t b;
            if (decode_version_bitmap((const uint8_t *) (oheh + 1),
                                      len - sizeof *oheh, &b)) {
                bitmap = b;
                have_bitmap = true;
            } else {
                ok = false;
            }
        } else {
            ok = false;
        }
    }

    *allowed_versions = (have_bitmap ? bitmap
                         : ofputil_version_bitmap_upto(oh->version));
    return ok;
}

/* Returns the highest version in both 'local_versions' and
 * 'peer_versions', or 0 if they have none in common. */
enum ofp_version
ofputil_negotiate_version(uint32_t local_versions, uint32_t peer_versions)
{
    uint32_t common = local_versions & peer_versions & ~1u;
    return common ? 31 - __builtin_clz(common) : 0;
}

/* Returns a malloc'd explanation, suitable for an OFPHFC_INCOMPATIBLE
 * error, of why 'local_versions' and 'peer_versions' cannot agree. */
char *
ofputil_hello_incompatible_text(uint32_t local_versions,
                                uint32_t peer_versions)
{
    struct ds s = DS_EMPTY_INITIALIZER;

    ds_put_cstr(&s, "We support ");
    ofputil_format_version_bitmap_names(&s, local_versions);
    ds_put_cstr(&s, ", you support ");
    ofputil_format_version_bitmap_names(&s, peer_versions);
    ds_put_cstr(&s, ", no common versions");
    return ds_steal_cstr(&s);
}
