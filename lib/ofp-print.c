/* ofp-print.c: OpenFlow messages as text (see ofp-print.h). */
#include <config.h>
#include "ofp-print.h"

#include <ctype.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include "dynamic-string.h"
#include "ofp-bundle.h"
#include "ofp-connection.h"
#include "ofp-group.h"
#include "ofp-meter.h"
#include "ofp-monitor.h"
#include "ofp-packet.h"
#include "ofp-port.h"
#include "ofp-protocol.h"
#include "ofp-queue.h"
#include "ofp-switch.h"
#include "ofp-table.h"
#include "ofp-table-features.h"
#include "ofpbuf.h"
#include "openflow.h"
#include "util.h"

static ofp_print_func *printers[OFPTYPE_N_TYPES];
static pthread_once_t printers_once = PTHREAD_ONCE_INIT;

static ofp_print_func print_hello;
static ofp_print_func print_error;
static ofp_print_func print_echo;
static ofp_print_func print_nothing;
static ofp_print_func print_set_flow_format;
static ofp_print_func print_set_packet_in_format;
static ofp_print_func print_flow_mod_table_id;

/* Fills in the printers of the messages this library decodes. */
static void
printers_init(void)
{
    static const struct {
        enum ofptype type;
        ofp_print_func *func;
    } builtins[] = {
        { OFPTYPE_HELLO, print_hello },
        { OFPTYPE_ERROR, print_error },
        { OFPTYPE_ECHO_REQUEST, print_echo },
        { OFPTYPE_ECHO_REPLY, print_echo },
        { OFPTYPE_FEATURES_REQUEST, print_nothing },
        { OFPTYPE_GET_CONFIG_REQUEST, print_nothing },
        { OFPTYPE_BARRIER_REQUEST, print_nothing },
        { OFPTYPE_BARRIER_REPLY, print_nothing },
        { OFPTYPE_GET_ASYNC_REQUEST, print_nothing },
        { OFPTYPE_FLOW_AGE, print_nothing },
        { OFPTYPE_TLV_TABLE_REQUEST, print_nothing },
        { OFPTYPE_FLOW_MONITOR_PAUSED, print_nothing },
        { OFPTYPE_FLOW_MONITOR_RESUMED, print_nothing },
        { OFPTYPE_DESC_STATS_REQUEST, print_nothing },
        { OFPTYPE_TABLE_STATS_REQUEST, print_nothing },
        { OFPTYPE_GROUP_FEATURES_STATS_REQUEST, print_nothing },
        { OFPTYPE_METER_FEATURES_STATS_REQUEST, print_nothing },
        { OFPTYPE_TABLE_DESC_REQUEST, print_nothing },
        { OFPTYPE_IPFIX_BRIDGE_STATS_REQUEST, print_nothing },
        { OFPTYPE_IPFIX_FLOW_STATS_REQUEST, print_nothing },
        { OFPTYPE_SET_FLOW_FORMAT, print_set_flow_format },
        { OFPTYPE_SET_PACKET_IN_FORMAT, print_set_packet_in_format },
        { OFPTYPE_FLOW_MOD_TABLE_ID, print_flow_mod_table_id },
    };

    for (size_t i = 0; i < ARRAY_SIZE(builtins); i++) {
        if (!printers[builtins[i].type]) {
            printers[builtins[i].type] = builtins[i].func;
        }
    }
    ofputil_switch_print_register();
    ofputil_port_print_register();
    ofputil_connection_print_register();
    ofputil_queue_print_register();
    ofputil_meter_print_register();
    ofputil_group_print_register();
    ofputil_table_print_register();
    ofputil_table_features_print_register();
    ofputil_bundle_print_register();
    ofputil_monitor_print_register();
    ofputil_packet_print_register();
}

/* Makes 'func' the printer of messages of type 'type', replacing any
 * built-in printer.  Call before printing from several threads. */
void
ofp_print_register(enum ofptype type, ofp_print_func *func)
{
    svs_assert((unsigned int) type < OFPTYPE_N_TYPES);
    printers[type] = func;
}

/* Registers 'func' for 'type' unless a printer is already registered
 * (used by the codec modules, so that ofp_print_register() made earlier by
 * a program wins). */
void
ofp_print_register_default(enum ofptype type, ofp_print_func *func)
{
    if (!printers[type]) {
        printers[type] = func;
    }
}

/* Appends a hex dump of 'len' bytes at 'data', with offsets from 0 and an
 * ASCII column, as ovs-ofctl prints raw bytes. */
void
ofp_print_hex_dump(struct ds *s, const void *data, size_t len)
{
    ds_put_hex_dump(s, data, len, 0, true);
}

/* Appends the 'len' bytes at 'data' as text: printable ASCII as is, any
 * other byte as a backslash and three octal digits. */
void
ofp_print_printable(struct ds *s, const void *data, size_t len)
{
    const uint8_t *p = data;

    for (size_t i = 0; i < len; i++) {
        if (p[i] >= 32 && p[i] < 127) {
            ds_put_char(s, p[i]);
        } else {
            ds_put_format(s, "\\%03o", p[i]);
        }
    }
}

/* Appends a duration as ovs-ofctl prints it: "SEC[.FRACTION]s", where the
 * fraction is omitted if 'nsec' is 0, has 3 digits if 'nsec' is a whole
 * number of milliseconds, and otherwise is 'nsec' as 9 digits without
 * trailing zeros. */
void
ofp_print_duration(struct ds *s, unsigned int sec, unsigned int nsec)
{
    ds_put_format(s, "%u", sec);

    if (nsec > 0 && nsec % 1000000 == 0) {
        ds_put_format(s, ".%03u", nsec / 1000000);
    } else if (nsec > 0) {
        ds_put_format(s, ".%09u", nsec);
        while (ds_last(s) == '0') {
            ds_chomp(s, '0');
        }
    }
    ds_put_char(s, 's');
}

/* Appends the names of the bits set in 'bits', separated by 'separator';
 * bits for which 'bit_to_name' returns NULL are printed as "0x%x". */
void
ofp_print_bit_names(struct ds *s, uint32_t bits,
                    const char *(*bit_to_name)(uint32_t bit), char separator)
{
    bool first = true;

    while (bits) {
        uint32_t bit = bits & -bits;
        const char *name = bit_to_name(bit);

        if (!first) {
            ds_put_char(s, separator);
        }
        first = false;
        if (name) {
            ds_put_cstr(s, name);
        } else {
            ds_put_format(s, "0x%"PRIx32, bit);
        }
        bits &= ~bit;
    }
}

/* Appends the string in the fixed-size field 's' of 'size' bytes, which
 * need not be null-terminated. */
void
ofp_print_padded_string(struct ds *ds, const char *s, size_t size)
{
    ds_put_buffer(ds, s, strnlen(s, size));
}

/* Appends the header line of message 'oh' of type 'raw': name, version,
 * transaction id and, for multipart messages, nonzero flags. */
void
ofp_print_header(struct ds *s, const struct ofp_header *oh, enum ofpraw raw)
{
    ds_put_cstr(s, ofpraw_get_name(raw));
    if (oh->version >= OFP11_VERSION && oh->version <= OFP_MAX_VERSION) {
        ds_put_format(s, " (OF1.%d)", oh->version - 1);
    } else if (oh->version != OFP10_VERSION) {
        ds_put_format(s, " (OF 0x%02"PRIx8")", oh->version);
    }
    ds_put_format(s, " (xid=0x%"PRIx32"):", ntohl(oh->xid));
}

/* Appends the multipart flags of 'oh', if any. */
static void
ofp_print_stats_flags(struct ds *s, const struct ofp_header *oh)
{
    uint16_t flags = ofpmp_flags(oh);

    if (flags) {
        ds_put_cstr(s, " flags=");
        bool has_more = (ofpmsg_is_stat_reply(oh)
                         || oh->version >= OFP13_VERSION);
        if (has_more && flags & OFPSF_REPLY_MORE) {
            ds_put_cstr(s, "[more]");
            flags &= ~OFPSF_REPLY_MORE;
        }
        if (flags) {
            ds_put_format(s, "[***unknown flags 0x%04"PRIx16"***]", flags);
        }
    }
}

/* Appends a newline unless 's' is empty or already ends in one. */
static void
ensure_newline(struct ds *s)
{
    if (s->length && ds_last(s) != '\n') {
        ds_put_char(s, '\n');
    }
}

/* Prints the complete, well-framed message 'oh' (whose length field equals
 * the buffer length). */
static void
ofp_format__(struct ds *s, const struct ofp_header *oh, int verbosity)
{
    size_t len = ntohs(oh->length);
    enum ofpraw raw;
    enum ofperr error;

    error = ofpraw_decode(&raw, oh);
    if (error) {
        ds_put_format(s, "***decode error: %s***\n", ofperr_to_string(error));
        ofp_print_hex_dump(s, oh, len);
        return;
    }

    ofp_print_header(s, oh, raw);
    if (ofpmsg_is_stat(oh)) {
        ofp_print_stats_flags(s, oh);
    }

    ofp_print_func *printer = printers[ofptype_from_ofpraw(raw)];
    if (printer) {
        error = printer(s, oh, raw, verbosity);
        if (error) {
            if (ds_last(s) != '\n') {
                ds_put_char(s, ' ');
            }
            ds_put_format(s, "***decode error: %s***\n",
                          ofperr_to_string(error));
            ofp_print_hex_dump(s, oh, len);
            return;
        }
    } else {
        ds_put_char(s, '\n');
        size_t hdrs_len = ofpraw_hdrs_len(raw);
        ofp_print_hex_dump(s, (const char *) oh + hdrs_len, len - hdrs_len);
    }
    ensure_newline(s);

    if (verbosity >= 5) {
        ofp_print_hex_dump(s, oh, len);
    }
}

/* Appends the text of the 'len' bytes at 'data' (normally one OpenFlow
 * message) to 's'. */
void
ofp_format(struct ds *s, const void *data, size_t len, int verbosity)
{
    pthread_once(&printers_once, printers_init);

    if (!len) {
        ds_put_cstr(s, "OpenFlow message is empty\n");
        return;
    }
    if (len < sizeof(struct ofp_header)) {
        ds_put_format(s, "OpenFlow packet too short (only %zu bytes):\n",
                      len);
        ofp_print_hex_dump(s, data, len);
        return;
    }

    /* Decoders expect the message to be aligned: work on a copy. */
    void *copy = xmemdup(data, len);
    const struct ofp_header *oh = copy;
    size_t msg_len = ntohs(oh->length);

    if (msg_len > len) {
        enum ofpraw raw;
        if (!ofpraw_decode_partial(&raw, oh, len)) {
            ofp_print_header(s, oh, raw);
            ds_put_char(s, '\n');
        }
        ds_put_format(s, "(***truncated to %zu bytes from %zu***)\n",
                      len, msg_len);
        ofp_print_hex_dump(s, oh, len);
    } else if (msg_len < len) {
        ds_put_format(s, "(***only uses %zu bytes out of %zu***)\n",
                      msg_len, len);
        ofp_print_hex_dump(s, oh, len);
    } else {
        ofp_format__(s, oh, verbosity);
    }
    free(copy);
}

/* Returns a malloc'd string with the text of the 'len' bytes at 'data'
 * (normally one OpenFlow message) at 'verbosity' (ovs-ofctl's default is
 * 2). */
char *
ofp_to_string(const void *data, size_t len, int verbosity)
{
    struct ds s = DS_EMPTY_INITIALIZER;
    ofp_format(&s, data, len, verbosity);
    return ds_steal_cstr(&s);
}

/* Writes the text of the 'len' bytes at 'data' to 'stream'. */
void
ofp_print(FILE *stream, const void *data, size_t len, int verbosity)
{
    char *s = ofp_to_string(data, len, verbosity);
    fputs(s, stream);
    free(s);
}

/* Printers of messages that have nothing to print but their header. */
static enum ofperr
print_nothing(struct ds *s SVS_UNUSED, const struct ofp_header *oh SVS_UNUSED,
              enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    return 0;
}

static enum ofperr
print_hello(struct ds *s, const struct ofp_header *oh,
            enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    uint32_t allowed;
    bool ok = ofputil_decode_hello(oh, &allowed);

    ds_put_cstr(s, "\n version bitmap: ");
    ofputil_format_version_bitmap(s, allowed);
    if (!ok) {
        ds_put_cstr(s, "\n unknown data in hello:\n");
        ofp_print_hex_dump(s, oh, ntohs(oh->length));
    }
    return 0;
}

static bool
ofperr_is_hello_failed(enum ofperr error)
{
    return error == OFPERR_OFPHFC_INCOMPATIBLE || error == OFPERR_OFPHFC_EPERM;
}

static enum ofperr
print_error(struct ds *s, const struct ofp_header *oh,
            enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    struct ofpbuf payload;
    enum ofperr error = ofperr_decode_msg(oh, &payload);

    if (!error) {
        return OFPERR_OFPBRC_BAD_LEN;
    }

    ds_put_format(s, " %s\n", ofperr_get_name(error));
    if (ofperr_is_hello_failed(error)) {
        ofp_print_printable(s, payload.data, payload.size);
    } else {
        ofp_format(s, payload.data, payload.size, 1);
    }
    return 0;
}

static enum ofperr
print_echo(struct ds *s, const struct ofp_header *oh,
           enum ofpraw raw SVS_UNUSED, int verbosity)
{
    size_t len = ntohs(oh->length) - sizeof *oh;

    ds_put_format(s, " %zu bytes of payload\n", len);
    if (verbosity > 1) {
        ofp_print_hex_dump(s, oh + 1, len);
    }
    return 0;
}

static enum ofperr
print_set_flow_format(struct ds *s, const struct ofp_header *oh,
                      enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    const struct nx_set_flow_format *sff = ofpmsg_body(oh);
    ds_put_format(s, " format=%s",
                  ofputil_nx_flow_format_to_string(ntohl(sff->format)));
    return 0;
}

static enum ofperr
print_set_packet_in_format(struct ds *s, const struct ofp_header *oh,
                           enum ofpraw raw SVS_UNUSED,
                           int verbosity SVS_UNUSED)
{
    enum ofputil_packet_in_format format;
    enum ofperr error = ofputil_decode_set_packet_in_format(oh, &format);
    if (!error) {
        ds_put_format(s, " format=%s",
                      ofputil_packet_in_format_to_string(format));
    }
    return error;
}

static enum ofperr
print_flow_mod_table_id(struct ds *s, const struct ofp_header *oh,
                        enum ofpraw raw SVS_UNUSED, int verbosity SVS_UNUSED)
{
    ds_put_format(s, " %s",
                  ofputil_decode_flow_mod_table_id(oh) ? "enable" : "disable");
    return 0;
}
