/* ofp-connection.h: messages about a controller connection: role
 * request/reply (OpenFlow 1.2+ and NXT_ROLE_*), role status (OpenFlow 1.4
 * and ONFT_ROLE_STATUS), asynchronous message configuration (OpenFlow 1.3
 * masks, 1.4+ properties, NXT_SET_ASYNC_CONFIG and NXT_SET_ASYNC_CONFIG2)
 * and NXT_SET_CONTROLLER_ID.
 *
 * What: roles are 'enum ofp12_controller_role' internally whatever the
 * encoding (Nicira's "other/master/slave" map to equal/primary/secondary).
 * The asynchronous configuration is a pair of reason bitmaps (one for the
 * primary and equal roles, one for secondary) per message type.
 *
 * Thread-safety: every function is thread-safe. */
#ifndef SVS_OFP_CONNECTION_H
#define SVS_OFP_CONNECTION_H 1

#include <stdbool.h>
#include <stdint.h>
#include "ofp-errors.h"
#include "openflow.h"

struct ds;
struct ofpbuf;

/* Role request and reply. */
struct ofputil_role_request {
    enum ofp12_controller_role role;
    bool have_generation_id;
    uint64_t generation_id;
};

const char *ofputil_role_to_string(enum ofp12_controller_role);
enum ofperr ofputil_decode_role_message(const struct ofp_header *,
                                        struct ofputil_role_request *);
struct ofpbuf *ofputil_encode_role_request(enum ofp_version,
                                           const struct ofputil_role_request *);
struct ofpbuf *ofputil_encode_role_reply(const struct ofp_header *request,
                                         const struct ofputil_role_request *);
void ofputil_role_request_format(struct ds *,
                                 const struct ofputil_role_request *);

/* Role status. */
struct ofputil_role_status {
    enum ofp12_controller_role role;
    enum ofp14_controller_role_reason reason;
    uint64_t generation_id;         /* UINT64_MAX: none. */
};

const char *ofputil_role_status_reason_to_string(
    enum ofp14_controller_role_reason);
enum ofperr ofputil_decode_role_status(const struct ofp_header *,
                                       struct ofputil_role_status *);
struct ofpbuf *ofputil_encode_role_status(const struct ofputil_role_status *,
                                          enum ofp_version);
void ofputil_role_status_format(struct ds *,
                                const struct ofputil_role_status *);

/* Asynchronous message configuration. */
enum ofputil_async_msg_type {
    OAM_PACKET_IN,
    OAM_PORT_STATUS,
    OAM_FLOW_REMOVED,
    OAM_ROLE_STATUS,
    OAM_TABLE_STATUS,
    OAM_REQUESTFORWARD,
    OAM_N_TYPES
};

struct ofputil_async_cfg {
    uint32_t primary[OAM_N_TYPES];      /* For primary and equal roles. */
    uint32_t secondary[OAM_N_TYPES];    /* For the secondary role. */
};

const char *ofputil_async_msg_type_to_string(enum ofputil_async_msg_type);
enum ofperr ofputil_decode_set_async_config(const struct ofp_header *,
                                            bool loose,
                                            struct ofputil_async_cfg *);
struct ofpbuf *ofputil_encode_get_async_reply(
    const struct ofp_header *request, const struct ofputil_async_cfg *);
struct ofpbuf *ofputil_encode_set_async_config(
    const struct ofputil_async_cfg *, enum ofp_version);
void ofputil_async_cfg_format(struct ds *, const struct ofputil_async_cfg *);

/* NXT_SET_CONTROLLER_ID. */
uint16_t ofputil_decode_set_controller_id(const struct ofp_header *);
struct ofpbuf *ofputil_encode_set_controller_id(enum ofp_version,
                                                uint16_t id);

void ofputil_connection_print_register(void);

#endif /* ofp-connection.h */
