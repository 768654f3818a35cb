/* ofp-port.h: OpenFlow port numbers, port descriptions and the port
 * messages (port-status, port-mod, port-desc and port-stats).
 *
 * What: 'struct ofputil_phy_port' is a port description independent of
 * the OpenFlow version (1.0's ofp10_phy_port, 1.1-1.3's ofp11_port and
 * 1.4+'s property-based ofp14_port all decode to it).  Config, state and
 * feature bits use one internal layout (enum ofputil_port_config,
 * ofputil_port_state, ofputil_port_features) that is a superset of every
 * version's, so converting a 1.0 port to 1.3 and back keeps what both can
 * express.  Port numbers are 16-bit 'ofp_port_t' internally; 1.1+'s
 * 32-bit reserved ports (0xfffffff8 and up) map to 1.0's (0xfff8 and
 * up), and any other 32-bit number above 0xff00 is rejected with
 * OFPBAC_BAD_OUT_PORT as Open vSwitch does.
 *
 * Each message has decode/encode functions (ofputil_decode_X(),
 * ofputil_encode_X()) and a printer producing ovs-ofctl's text.  Lists of
 * ports and statistics are walked with ofputil_pull_X(), which returns 0
 * for each element, EOF at the end, or an OpenFlow error.
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_OFP_PORT_H
#define SVS_OFP_PORT_H 1

#include <stdbool.h>
#include <stdint.h>
#include "list.h"
#include "ofp-errors.h"
#include "openflow-common.h"
#include "svs-types.h"

struct ds;
struct ofpbuf;

/* Port numbers. */
enum ofperr ofputil_port_from_ofp11(be32 ofp11_port, ofp_port_t *);
be32 ofputil_port_to_ofp11(ofp_port_t);
const char *ofputil_port_name(ofp_port_t);
bool ofputil_port_from_string(const char *, ofp_port_t *);
void ofputil_format_port(ofp_port_t, struct ds *);
void ofputil_port_to_string(ofp_port_t, char *buf, size_t bufsize);

/* Port config bits (1.0's layout; 1.1+ lacks NO_STP, NO_RECV_STP and
 * NO_FLOOD). */
enum ofputil_port_config {
    OFPUTIL_PC_PORT_DOWN = 1 << 0,
    OFPUTIL_PC_NO_STP = 1 << 1,
    OFPUTIL_PC_NO_RECV = 1 << 2,
    OFPUTIL_PC_NO_RECV_STP = 1 << 3,
    OFPUTIL_PC_NO_FLOOD = 1 << 4,
    OFPUTIL_PC_NO_FWD = 1 << 5,
    OFPUTIL_PC_NO_PACKET_IN = 1 << 6,
};

/* Port state bits: 1.1's layout plus 1.0's STP state at bits 8-9. */
enum ofputil_port_state {
    OFPUTIL_PS_LINK_DOWN = 1 << 0,
    OFPUTIL_PS_BLOCKED = 1 << 1,
    OFPUTIL_PS_LIVE = 1 << 2,
    OFPUTIL_PS_STP_LISTEN = 0 << 8,
    OFPUTIL_PS_STP_LEARN = 1 << 8,
    OFPUTIL_PS_STP_FORWARD = 2 << 8,
    OFPUTIL_PS_STP_BLOCK = 3 << 8,
    OFPUTIL_PS_STP_MASK = 3 << 8,
};

/* Port features, 1.1's layout (1.0's media bits move up). */
enum ofputil_port_features {
    OFPUTIL_PF_10MB_HD = 1 << 0,
    OFPUTIL_PF_10MB_FD = 1 << 1,
    OFPUTIL_PF_100MB_HD = 1 << 2,
    OFPUTIL_PF_100MB_FD = 1 << 3,
    OFPUTIL_PF_1GB_HD = 1 << 4,
    OFPUTIL_PF_1GB_FD = 1 << 5,
    OFPUTIL_PF_10GB_FD = 1 << 6,
    OFPUTIL_PF_40GB_FD = 1 << 7,
    OFPUTIL_PF_100GB_FD = 1 << 8,
    OFPUTIL_PF_1TB_FD = 1 << 9,
    OFPUTIL_PF_OTHER = 1 << 10,
    OFPUTIL_PF_COPPER = 1 << 11,
    OFPUTIL_PF_FIBER = 1 << 12,
    OFPUTIL_PF_AUTONEG = 1 << 13,
    OFPUTIL_PF_PAUSE = 1 << 14,
    OFPUTIL_PF_PAUSE_ASYM = 1 << 15,
};

/* A port description. */
struct ofputil_phy_port {
    ofp_port_t port_no;
    struct eth_addr hw_addr;
    char name[OFP_MAX_PORT_NAME_LEN];   /* Null-terminated. */
    enum ofputil_port_config config;
    enum ofputil_port_state state;
    enum ofputil_port_features curr;
    enum ofputil_port_features advertised;
    enum ofputil_port_features supported;
    enum ofputil_port_features peer;
    uint32_t curr_speed;                /* kbps. */
    uint32_t max_speed;                 /* kbps. */
};

size_t ofputil_phy_port_size(enum ofp_version);
int ofputil_pull_phy_port(enum ofp_version, struct ofpbuf *,
                          struct ofputil_phy_port *);
void ofputil_put_phy_port(enum ofp_version, const struct ofputil_phy_port *,
                          struct ofpbuf *);
void ofputil_phy_port_format(struct ds *, const struct ofputil_phy_port *);
enum ofperr ofputil_phy_ports_format(struct ds *, enum ofp_version,
                                     struct ofpbuf *);
uint32_t ofputil_port_features_to_speed(enum ofputil_port_features);
const char *ofputil_port_config_bit_name(uint32_t bit);
const char *ofputil_port_features_bit_name(uint32_t bit);

/* OFPT_PORT_STATUS. */
struct ofputil_port_status {
    enum ofp_port_reason reason;
    struct ofputil_phy_port desc;
};

enum ofperr ofputil_decode_port_status(const struct ofp_header *,
                                       struct ofputil_port_status *);
struct ofpbuf *ofputil_encode_port_status(const struct ofputil_port_status *,
                                          enum ofp_version);
void ofputil_port_status_format(struct ds *,
                                const struct ofputil_port_status *);

/* OFPT_PORT_MOD. */
struct ofputil_port_mod {
    ofp_port_t port_no;
    struct eth_addr hw_addr;
    enum ofputil_port_config config;
    enum ofputil_port_config mask;
    enum ofputil_port_features advertise;   /* 0: do not change. */
};

enum ofperr ofputil_decode_port_mod(const struct ofp_header *,
                                    struct ofputil_port_mod *, bool loose);
struct ofpbuf *ofputil_encode_port_mod(const struct ofputil_port_mod *,
                                       enum ofp_version);
void ofputil_port_mod_format(struct ds *, const struct ofputil_port_mod *);

/* OFPST_PORT_DESC. */
enum ofperr ofputil_decode_port_desc_stats_request(const struct ofp_header *,
                                                   ofp_port_t *port);
struct ofpbuf *ofputil_encode_port_desc_stats_request(enum ofp_version,
                                                      ofp_port_t port);
void ofputil_append_port_desc_stats_reply(const struct ofputil_phy_port *,
                                          struct svs_list *replies);

/* OFPST_PORT. */
struct ofputil_port_stats {
    ofp_port_t port_no;
    uint64_t rx_packets, tx_packets;
    uint64_t rx_bytes, tx_bytes;
    uint64_t rx_dropped, tx_dropped;
    uint64_t rx_errors, tx_errors;
    uint64_t rx_frame_errors, rx_over_errors, rx_crc_errors;
    uint64_t collisions;
    uint32_t duration_sec;      /* UINT32_MAX if unknown. */
    uint32_t duration_nsec;
    /* OpenFlow 1.4+: the properties after the Ethernet one (Open vSwitch
     * sends Intel experimenter properties: RFC 2819 counters and named
     * custom counters) as they are on the wire, padding included,
     * pointing into the decoded message; NULL if none.  They are kept for
     * re-encoding and the custom counters are printed. */
    const uint8_t *custom_stats;
    size_t custom_stats_len;
};

enum ofperr ofputil_decode_port_stats_request(const struct ofp_header *,
                                              ofp_port_t *port);
struct ofpbuf *ofputil_encode_port_stats_request(enum ofp_version,
                                                 ofp_port_t port);
int ofputil_decode_port_stats(struct ofputil_port_stats *, struct ofpbuf *);
void ofputil_append_port_stat(struct svs_list *replies,
                              const struct ofputil_port_stats *);
size_t ofputil_count_port_stats(const struct ofp_header *);
void ofputil_port_stats_format(struct ds *,
                               const struct ofputil_port_stats *);

void ofputil_port_print_register(void);

#endif /* ofp-port.h */
