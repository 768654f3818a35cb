/* meta-flow.c: the field table and generic field accessors. */
#include <config.h>
#include "meta-flow.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "bitwise.h"
#include "dynamic-string.h"
#include "match.h"
#include "ofp-errors.h"
#include "packets.h"
#include "util.h"

/* Builds the 64-bit header of an NXM or OXM field (see struct
 * mf_nxm_header).  Experimenter headers count the 4-byte experimenter ID
 * in their length, as on the wire. */
#define NXM_HDR(CLASS, FIELD, LEN) \
    ((uint64_t) (((uint32_t) (CLASS) << 16) | ((FIELD) << 9) | (LEN)))
#define EXP_HDR(EXPERIMENTER, FIELD, LEN) \
    (((uint64_t) (EXPERIMENTER) << 32) | NXM_HDR(0xffff, FIELD, (LEN) + 4))

#define NX_EXPERIMENTER_ID 0x00002320
#define ONF_EXPERIMENTER_ID 0x4f4e4600
#define NXOXM_NSH_EXPERIMENTER_ID 0x005ad650

/* Headers by class: Nicira's NXM classes 0 and 1, the OpenFlow basic class
 * 0x8000 and its packet register class 0x8001, Ericsson's class 0x1000, and
 * experimenter fields of Nicira, the ONF and Nicira's NSH extension. */
#define NXM_OF(FIELD, LEN) NXM_HDR(0x0000, FIELD, LEN)
#define NXM_NX(FIELD, LEN) NXM_HDR(0x0001, FIELD, LEN)
#define OXM_OF(FIELD, LEN) NXM_HDR(0x8000, FIELD, LEN)
#define OXM_PKT(FIELD, LEN) NXM_HDR(0x8001, FIELD, LEN)
#define ERICOXM(FIELD, LEN) NXM_HDR(0x1000, FIELD, LEN)
#define NXOXM_ET(FIELD, LEN) EXP_HDR(NX_EXPERIMENTER_ID, FIELD, LEN)
#define ONFOXM_ET(FIELD, LEN) EXP_HDR(ONF_EXPERIMENTER_ID, FIELD, LEN)
#define NXOXM_NSH(FIELD, LEN) EXP_HDR(NXOXM_NSH_EXPERIMENTER_ID, FIELD, LEN)

#define TUN_METADATA_FIELD(N)                                             \
    [MFF_TUN_METADATA0 + N] = {                                           \
        MFF_TUN_METADATA0 + N, "tun_metadata" #N, NULL,                   \
        TUN_METADATA_MAX_LEN, TUN_METADATA_MAX_LEN * 8, MFM_FULLY,  \
        MFS_HEXADECIMAL, MFP_NONE, true,                                  \
        MFO_NONE, MFO_NONE,                                               \
        {{NXM_NX(40 + N, TUN_METADATA_MAX_LEN),                        \
          "NXM_NX_TUN_METADATA" #N, MF_OFP10}},                           \
        1, true,                                                          \
    }

/* The table.  Columns: id, name, alias; n_bytes, n_bits, maskable, string
 * format, prerequisites, writable; OF1.0 and OF1.1 support; headers, in
 * increasing version order; number of headers; variable length. */
const struct mf_field mf_fields[MFF_N_IDS] = {
    [MFF_DP_HASH] = {
        MFF_DP_HASH, "dp_hash", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(35, 4), "NXM_NX_DP_HASH", MF_OFP10}},
        1, false,
    },
    [MFF_RECIRC_ID] = {
        MFF_RECIRC_ID, "recirc_id", NULL,
        4, 32, MFM_NONE, MFS_HEXADECIMAL, MFP_NONE, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(36, 4), "NXM_NX_RECIRC_ID", MF_OFP10}},
        1, false,
    },
    [MFF_PACKET_TYPE] = {
        MFF_PACKET_TYPE, "packet_type", NULL,
        4, 32, MFM_NONE, MFS_PACKET_TYPE, MFP_NONE, false,
        MFO_NONE, MFO_NONE,
        {{OXM_OF(44, 4), "OXM_OF_PACKET_TYPE", MF_OFP15}},
        1, false,
    },
    [MFF_CONJ_ID] = {
        MFF_CONJ_ID, "conj_id", NULL,
        4, 32, MFM_NONE, MFS_DECIMAL, MFP_NONE, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(37, 4), "NXM_NX_CONJ_ID", MF_OFP10}},
        1, false,
    },
    [MFF_TUN_ID] = {
        MFF_TUN_ID, "tun_id", "tunnel_id",
        8, 64, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(16, 8), "NXM_NX_TUN_ID", MF_OFP10},
         {OXM_OF(38, 8), "OXM_OF_TUNNEL_ID", MF_OFP13}},
        2, false,
    },
    [MFF_TUN_SRC] = {
        MFF_TUN_SRC, "tun_src", NULL,
        4, 32, MFM_FULLY, MFS_IPV4, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(31, 4), "NXM_NX_TUN_IPV4_SRC", MF_OFP10}},
        1, false,
    },
    [MFF_TUN_DST] = {
        MFF_TUN_DST, "tun_dst", NULL,
        4, 32, MFM_FULLY, MFS_IPV4, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(32, 4), "NXM_NX_TUN_IPV4_DST", MF_OFP10}},
        1, false,
    },
    [MFF_TUN_IPV6_SRC] = {
        MFF_TUN_IPV6_SRC, "tun_ipv6_src", NULL,
        16, 128, MFM_FULLY, MFS_IPV6, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(109, 16), "NXM_NX_TUN_IPV6_SRC", MF_OFP10}},
        1, false,
    },
    [MFF_TUN_IPV6_DST] = {
        MFF_TUN_IPV6_DST, "tun_ipv6_dst", NULL,
        16, 128, MFM_FULLY, MFS_IPV6, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(110, 16), "NXM_NX_TUN_IPV6_DST", MF_OFP10}},
        1, false,
    },
    [MFF_TUN_FLAGS] = {
        MFF_TUN_FLAGS, "tun_flags", NULL,
        2, 1, MFM_FULLY, MFS_TNL_FLAGS, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(104, 2), "NXM_NX_TUN_FLAGS", MF_OFP10}},
        1, false,
    },
    [MFF_TUN_TTL] = {
        MFF_TUN_TTL, "tun_ttl", NULL,
        1, 8, MFM_FULLY, MFS_DECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{0, NULL, 0}},
        0, false,
    },
    [MFF_TUN_TOS] = {
        MFF_TUN_TOS, "tun_tos", NULL,
        1, 8, MFM_FULLY, MFS_DECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{0, NULL, 0}},
        0, false,
    },
    [MFF_TUN_GBP_ID] = {
        MFF_TUN_GBP_ID, "tun_gbp_id", NULL,
        2, 16, MFM_FULLY, MFS_DECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(38, 2), "NXM_NX_TUN_GBP_ID", MF_OFP10}},
        1, false,
    },
    [MFF_TUN_GBP_FLAGS] = {
        MFF_TUN_GBP_FLAGS, "tun_gbp_flags", NULL,
        1, 8, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(39, 1), "NXM_NX_TUN_GBP_FLAGS", MF_OFP10}},
        1, false,
    },
    [MFF_TUN_ERSPAN_IDX] = {
        MFF_TUN_ERSPAN_IDX, "tun_erspan_idx", NULL,
        4, 20, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXOXM_ET(11, 4), "NXOXM_ET_ERSPAN_IDX", MF_OFP10}},
        1, false,
    },
    [MFF_TUN_ERSPAN_VER] = {
        MFF_TUN_ERSPAN_VER, "tun_erspan_ver", NULL,
        1, 4, MFM_FULLY, MFS_DECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXOXM_ET(12, 1), "NXOXM_ET_ERSPAN_VER", MF_OFP10}},
        1, false,
    },
    [MFF_TUN_ERSPAN_DIR] = {
        MFF_TUN_ERSPAN_DIR, "tun_erspan_dir", NULL,
        1, 1, MFM_FULLY, MFS_DECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXOXM_ET(13, 1), "NXOXM_ET_ERSPAN_DIR", MF_OFP10}},
        1, false,
    },
    [MFF_TUN_ERSPAN_HWID] = {
        MFF_TUN_ERSPAN_HWID, "tun_erspan_hwid", NULL,
        1, 6, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXOXM_ET(14, 1), "NXOXM_ET_ERSPAN_HWID", MF_OFP10}},
        1, false,
    },
    [MFF_TUN_GTPU_FLAGS] = {
        MFF_TUN_GTPU_FLAGS, "tun_gtpu_flags", NULL,
        1, 8, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, false,
        MFO_NONE, MFO_NONE,
        {{NXOXM_ET(15, 1), "NXOXM_ET_GTPU_FLAGS", MF_OFP10}},
        1, false,
    },
    [MFF_TUN_GTPU_MSGTYPE] = {
        MFF_TUN_GTPU_MSGTYPE, "tun_gtpu_msgtype", NULL,
        1, 8, MFM_FULLY, MFS_DECIMAL, MFP_NONE, false,
        MFO_NONE, MFO_NONE,
        {{NXOXM_ET(16, 1), "NXOXM_ET_GTPU_MSGTYPE", MF_OFP10}},
        1, false,
    },
    TUN_METADATA_FIELD(0),
    TUN_METADATA_FIELD(1),
    TUN_METADATA_FIELD(2),
    TUN_METADATA_FIELD(3),
    TUN_METADATA_FIELD(4),
    TUN_METADATA_FIELD(5),
    TUN_METADATA_FIELD(6),
    TUN_METADATA_FIELD(7),
    TUN_METADATA_FIELD(8),
    TUN_METADATA_FIELD(9),
    TUN_METADATA_FIELD(10),
    TUN_METADATA_FIELD(11),
    TUN_METADATA_FIELD(12),
    TUN_METADATA_FIELD(13),
    TUN_METADATA_FIELD(14),
    TUN_METADATA_FIELD(15),
    TUN_METADATA_FIELD(16),
    TUN_METADATA_FIELD(17),
    TUN_METADATA_FIELD(18),
    TUN_METADATA_FIELD(19),
    TUN_METADATA_FIELD(20),
    TUN_METADATA_FIELD(21),
    TUN_METADATA_FIELD(22),
    TUN_METADATA_FIELD(23),
    TUN_METADATA_FIELD(24),
    TUN_METADATA_FIELD(25),
    TUN_METADATA_FIELD(26),
    TUN_METADATA_FIELD(27),
    TUN_METADATA_FIELD(28),
    TUN_METADATA_FIELD(29),
    TUN_METADATA_FIELD(30),
    TUN_METADATA_FIELD(31),
    TUN_METADATA_FIELD(32),
    TUN_METADATA_FIELD(33),
    TUN_METADATA_FIELD(34),
    TUN_METADATA_FIELD(35),
    TUN_METADATA_FIELD(36),
    TUN_METADATA_FIELD(37),
    TUN_METADATA_FIELD(38),
    TUN_METADATA_FIELD(39),
    TUN_METADATA_FIELD(40),
    TUN_METADATA_FIELD(41),
    TUN_METADATA_FIELD(42),
    TUN_METADATA_FIELD(43),
    TUN_METADATA_FIELD(44),
    TUN_METADATA_FIELD(45),
    TUN_METADATA_FIELD(46),
    TUN_METADATA_FIELD(47),
    TUN_METADATA_FIELD(48),
    TUN_METADATA_FIELD(49),
    TUN_METADATA_FIELD(50),
    TUN_METADATA_FIELD(51),
    TUN_METADATA_FIELD(52),
    TUN_METADATA_FIELD(53),
    TUN_METADATA_FIELD(54),
    TUN_METADATA_FIELD(55),
    TUN_METADATA_FIELD(56),
    TUN_METADATA_FIELD(57),
    TUN_METADATA_FIELD(58),
    TUN_METADATA_FIELD(59),
    TUN_METADATA_FIELD(60),
    TUN_METADATA_FIELD(61),
    TUN_METADATA_FIELD(62),
    TUN_METADATA_FIELD(63),
    [MFF_METADATA] = {
        MFF_METADATA, "metadata", NULL,
        8, 64, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_BITWISE,
        {{OXM_OF(2, 8), "OXM_OF_METADATA", MF_OFP12}},
        1, false,
    },
    [MFF_IN_PORT] = {
        MFF_IN_PORT, "in_port", NULL,
        2, 16, MFM_NONE, MFS_OFP_PORT, MFP_NONE, true,
        MFO_EXACT, MFO_EXACT,
        {{NXM_OF(0, 2), "NXM_OF_IN_PORT", MF_OFP10}},
        1, false,
    },
    [MFF_IN_PORT_OXM] = {
        MFF_IN_PORT_OXM, "in_port_oxm", NULL,
        4, 32, MFM_NONE, MFS_OFP_PORT_OXM, MFP_NONE, true,
        MFO_NONE, MFO_EXACT,
        {{OXM_OF(0, 4), "OXM_OF_IN_PORT", MF_OFP12}},
        1, false,
    },
    [MFF_ACTSET_OUTPUT] = {
        MFF_ACTSET_OUTPUT, "actset_output", NULL,
        4, 32, MFM_NONE, MFS_OFP_PORT_OXM, MFP_NONE, false,
        MFO_NONE, MFO_NONE,
        {{ONFOXM_ET(43, 4), "ONFOXM_ET_ACTSET_OUTPUT", MF_OFP13},
         {OXM_OF(43, 4), "OXM_OF_ACTSET_OUTPUT", MF_OFP15}},
        2, false,
    },
    [MFF_SKB_PRIORITY] = {
        MFF_SKB_PRIORITY, "skb_priority", NULL,
        4, 32, MFM_NONE, MFS_HEXADECIMAL, MFP_NONE, false,
        MFO_NONE, MFO_NONE,
        {{0, NULL, 0}},
        0, false,
    },
    [MFF_PKT_MARK] = {
        MFF_PKT_MARK, "pkt_mark", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(33, 4), "NXM_NX_PKT_MARK", MF_OFP10}},
        1, false,
    },
    [MFF_CT_STATE] = {
        MFF_CT_STATE, "ct_state", NULL,
        4, 32, MFM_FULLY, MFS_CT_STATE, MFP_NONE, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(105, 4), "NXM_NX_CT_STATE", MF_OFP10}},
        1, false,
    },
    [MFF_CT_ZONE] = {
        MFF_CT_ZONE, "ct_zone", NULL,
        2, 16, MFM_NONE, MFS_HEXADECIMAL, MFP_NONE, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(106, 2), "NXM_NX_CT_ZONE", MF_OFP10}},
        1, false,
    },
    [MFF_CT_MARK] = {
        MFF_CT_MARK, "ct_mark", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(107, 4), "NXM_NX_CT_MARK", MF_OFP10}},
        1, false,
    },
    [MFF_CT_LABEL] = {
        MFF_CT_LABEL, "ct_label", NULL,
        16, 128, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(108, 16), "NXM_NX_CT_LABEL", MF_OFP10}},
        1, false,
    },
    [MFF_CT_NW_PROTO] = {
        MFF_CT_NW_PROTO, "ct_nw_proto", NULL,
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_CT_VALID, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(119, 1), "NXM_NX_CT_NW_PROTO", MF_OFP10}},
        1, false,
    },
    [MFF_CT_NW_SRC] = {
        MFF_CT_NW_SRC, "ct_nw_src", NULL,
        4, 32, MFM_FULLY, MFS_IPV4, MFP_CT_VALID, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(120, 4), "NXM_NX_CT_NW_SRC", MF_OFP10}},
        1, false,
    },
    [MFF_CT_NW_DST] = {
        MFF_CT_NW_DST, "ct_nw_dst", NULL,
        4, 32, MFM_FULLY, MFS_IPV4, MFP_CT_VALID, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(121, 4), "NXM_NX_CT_NW_DST", MF_OFP10}},
        1, false,
    },
    [MFF_CT_IPV6_SRC] = {
        MFF_CT_IPV6_SRC, "ct_ipv6_src", NULL,
        16, 128, MFM_FULLY, MFS_IPV6, MFP_CT_VALID, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(122, 16), "NXM_NX_CT_IPV6_SRC", MF_OFP10}},
        1, false,
    },
    [MFF_CT_IPV6_DST] = {
        MFF_CT_IPV6_DST, "ct_ipv6_dst", NULL,
        16, 128, MFM_FULLY, MFS_IPV6, MFP_CT_VALID, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(123, 16), "NXM_NX_CT_IPV6_DST", MF_OFP10}},
        1, false,
    },
    [MFF_CT_TP_SRC] = {
        MFF_CT_TP_SRC, "ct_tp_src", NULL,
        2, 16, MFM_FULLY, MFS_DECIMAL, MFP_CT_VALID, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(124, 2), "NXM_NX_CT_TP_SRC", MF_OFP10}},
        1, false,
    },
    [MFF_CT_TP_DST] = {
        MFF_CT_TP_DST, "ct_tp_dst", NULL,
        2, 16, MFM_FULLY, MFS_DECIMAL, MFP_CT_VALID, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(125, 2), "NXM_NX_CT_TP_DST", MF_OFP10}},
        1, false,
    },
    [MFF_REG0] = {
        MFF_REG0, "reg0", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(0, 4), "NXM_NX_REG0", MF_OFP10}},
        1, false,
    },
    [MFF_REG1] = {
        MFF_REG1, "reg1", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(1, 4), "NXM_NX_REG1", MF_OFP10}},
        1, false,
    },
    [MFF_REG2] = {
        MFF_REG2, "reg2", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(2, 4), "NXM_NX_REG2", MF_OFP10}},
        1, false,
    },
    [MFF_REG3] = {
        MFF_REG3, "reg3", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(3, 4), "NXM_NX_REG3", MF_OFP10}},
        1, false,
    },
    [MFF_REG4] = {
        MFF_REG4, "reg4", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(4, 4), "NXM_NX_REG4", MF_OFP10}},
        1, false,
    },
    [MFF_REG5] = {
        MFF_REG5, "reg5", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(5, 4), "NXM_NX_REG5", MF_OFP10}},
        1, false,
    },
    [MFF_REG6] = {
        MFF_REG6, "reg6", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(6, 4), "NXM_NX_REG6", MF_OFP10}},
        1, false,
    },
    [MFF_REG7] = {
        MFF_REG7, "reg7", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(7, 4), "NXM_NX_REG7", MF_OFP10}},
        1, false,
    },
    [MFF_REG8] = {
        MFF_REG8, "reg8", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(8, 4), "NXM_NX_REG8", MF_OFP10}},
        1, false,
    },
    [MFF_REG9] = {
        MFF_REG9, "reg9", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(9, 4), "NXM_NX_REG9", MF_OFP10}},
        1, false,
    },
    [MFF_REG10] = {
        MFF_REG10, "reg10", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(10, 4), "NXM_NX_REG10", MF_OFP10}},
        1, false,
    },
    [MFF_REG11] = {
        MFF_REG11, "reg11", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(11, 4), "NXM_NX_REG11", MF_OFP10}},
        1, false,
    },
    [MFF_REG12] = {
        MFF_REG12, "reg12", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(12, 4), "NXM_NX_REG12", MF_OFP10}},
        1, false,
    },
    [MFF_REG13] = {
        MFF_REG13, "reg13", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(13, 4), "NXM_NX_REG13", MF_OFP10}},
        1, false,
    },
    [MFF_REG14] = {
        MFF_REG14, "reg14", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(14, 4), "NXM_NX_REG14", MF_OFP10}},
        1, false,
    },
    [MFF_REG15] = {
        MFF_REG15, "reg15", NULL,
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(15, 4), "NXM_NX_REG15", MF_OFP10}},
        1, false,
    },
    [MFF_XREG0] = {
        MFF_XREG0, "xreg0", NULL,
        8, 64, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{OXM_PKT(0, 8), "OXM_OF_PKT_REG0", MF_OFP13}},
        1, false,
    },
    [MFF_XREG1] = {
        MFF_XREG1, "xreg1", NULL,
        8, 64, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{OXM_PKT(1, 8), "OXM_OF_PKT_REG1", MF_OFP13}},
        1, false,
    },
    [MFF_XREG2] = {
        MFF_XREG2, "xreg2", NULL,
        8, 64, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{OXM_PKT(2, 8), "OXM_OF_PKT_REG2", MF_OFP13}},
        1, false,
    },
    [MFF_XREG3] = {
        MFF_XREG3, "xreg3", NULL,
        8, 64, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{OXM_PKT(3, 8), "OXM_OF_PKT_REG3", MF_OFP13}},
        1, false,
    },
    [MFF_XREG4] = {
        MFF_XREG4, "xreg4", NULL,
        8, 64, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{OXM_PKT(4, 8), "OXM_OF_PKT_REG4", MF_OFP13}},
        1, false,
    },
    [MFF_XREG5] = {
        MFF_XREG5, "xreg5", NULL,
        8, 64, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{OXM_PKT(5, 8), "OXM_OF_PKT_REG5", MF_OFP13}},
        1, false,
    },
    [MFF_XREG6] = {
        MFF_XREG6, "xreg6", NULL,
        8, 64, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{OXM_PKT(6, 8), "OXM_OF_PKT_REG6", MF_OFP13}},
        1, false,
    },
    [MFF_XREG7] = {
        MFF_XREG7, "xreg7", NULL,
        8, 64, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{OXM_PKT(7, 8), "OXM_OF_PKT_REG7", MF_OFP13}},
        1, false,
    },
    [MFF_XXREG0] = {
        MFF_XXREG0, "xxreg0", NULL,
        16, 128, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(111, 16), "NXM_NX_XXREG0", MF_OFP10}},
        1, false,
    },
    [MFF_XXREG1] = {
        MFF_XXREG1, "xxreg1", NULL,
        16, 128, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(112, 16), "NXM_NX_XXREG1", MF_OFP10}},
        1, false,
    },
    [MFF_XXREG2] = {
        MFF_XXREG2, "xxreg2", NULL,
        16, 128, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(113, 16), "NXM_NX_XXREG2", MF_OFP10}},
        1, false,
    },
    [MFF_XXREG3] = {
        MFF_XXREG3, "xxreg3", NULL,
        16, 128, MFM_FULLY, MFS_HEXADECIMAL, MFP_NONE, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(114, 16), "NXM_NX_XXREG3", MF_OFP10}},
        1, false,
    },
    [MFF_ETH_SRC] = {
        MFF_ETH_SRC, "eth_src", "dl_src",
        6, 48, MFM_FULLY, MFS_ETHERNET, MFP_ETHERNET, true,
        MFO_EXACT, MFO_BITWISE,
        {{NXM_OF(2, 6), "NXM_OF_ETH_SRC", MF_OFP10},
         {OXM_OF(4, 6), "OXM_OF_ETH_SRC", MF_OFP12}},
        2, false,
    },
    [MFF_ETH_DST] = {
        MFF_ETH_DST, "eth_dst", "dl_dst",
        6, 48, MFM_FULLY, MFS_ETHERNET, MFP_ETHERNET, true,
        MFO_EXACT, MFO_BITWISE,
        {{NXM_OF(1, 6), "NXM_OF_ETH_DST", MF_OFP10},
         {OXM_OF(3, 6), "OXM_OF_ETH_DST", MF_OFP12}},
        2, false,
    },
    [MFF_ETH_TYPE] = {
        MFF_ETH_TYPE, "eth_type", "dl_type",
        2, 16, MFM_NONE, MFS_HEXADECIMAL, MFP_ETHERNET, false,
        MFO_EXACT, MFO_EXACT,
        {{NXM_OF(3, 2), "NXM_OF_ETH_TYPE", MF_OFP10},
         {OXM_OF(5, 2), "OXM_OF_ETH_TYPE", MF_OFP12}},
        2, false,
    },
    [MFF_VLAN_TCI] = {
        MFF_VLAN_TCI, "vlan_tci", NULL,
        2, 16, MFM_FULLY, MFS_HEXADECIMAL, MFP_ETHERNET, true,
        MFO_EXACT, MFO_EXACT,
        {{NXM_OF(4, 2), "NXM_OF_VLAN_TCI", MF_OFP10}},
        1, false,
    },
    [MFF_DL_VLAN] = {
        MFF_DL_VLAN, "dl_vlan", NULL,
        2, 12, MFM_NONE, MFS_DECIMAL, MFP_NONE, true,
        MFO_EXACT, MFO_EXACT,
        {{0, NULL, 0}},
        0, false,
    },
    [MFF_VLAN_VID] = {
        MFF_VLAN_VID, "vlan_vid", NULL,
        2, 12, MFM_FULLY, MFS_DECIMAL, MFP_ETHERNET, true,
        MFO_EXACT, MFO_EXACT,
        {{OXM_OF(6, 2), "OXM_OF_VLAN_VID", MF_OFP12}},
        1, false,
    },
    [MFF_DL_VLAN_PCP] = {
        MFF_DL_VLAN_PCP, "dl_vlan_pcp", NULL,
        1, 3, MFM_NONE, MFS_DECIMAL, MFP_NONE, true,
        MFO_EXACT, MFO_EXACT,
        {{0, NULL, 0}},
        0, false,
    },
    [MFF_VLAN_PCP] = {
        MFF_VLAN_PCP, "vlan_pcp", NULL,
        1, 3, MFM_NONE, MFS_DECIMAL, MFP_VLAN_VID, true,
        MFO_EXACT, MFO_EXACT,
        {{OXM_OF(7, 1), "OXM_OF_VLAN_PCP", MF_OFP12}},
        1, false,
    },
    [MFF_MPLS_LABEL] = {
        MFF_MPLS_LABEL, "mpls_label", NULL,
        4, 20, MFM_NONE, MFS_DECIMAL, MFP_MPLS, true,
        MFO_NONE, MFO_EXACT,
        {{OXM_OF(34, 4), "OXM_OF_MPLS_LABEL", MF_OFP12}},
        1, false,
    },
    [MFF_MPLS_TC] = {
        MFF_MPLS_TC, "mpls_tc", NULL,
        1, 3, MFM_NONE, MFS_DECIMAL, MFP_MPLS, true,
        MFO_NONE, MFO_EXACT,
        {{OXM_OF(35, 1), "OXM_OF_MPLS_TC", MF_OFP12}},
        1, false,
    },
    [MFF_MPLS_BOS] = {
        MFF_MPLS_BOS, "mpls_bos", NULL,
        1, 1, MFM_NONE, MFS_DECIMAL, MFP_MPLS, false,
        MFO_NONE, MFO_NONE,
        {{OXM_OF(36, 1), "OXM_OF_MPLS_BOS", MF_OFP13}},
        1, false,
    },
    [MFF_MPLS_TTL] = {
        MFF_MPLS_TTL, "mpls_ttl", NULL,
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_MPLS, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(30, 1), "NXM_NX_MPLS_TTL", MF_OFP10}},
        1, false,
    },
    [MFF_IPV4_SRC] = {
        MFF_IPV4_SRC, "ip_src", "nw_src",
        4, 32, MFM_FULLY, MFS_IPV4, MFP_IPV4, true,
        MFO_CIDR, MFO_BITWISE,
        {{NXM_OF(7, 4), "NXM_OF_IP_SRC", MF_OFP10},
         {OXM_OF(11, 4), "OXM_OF_IPV4_SRC", MF_OFP12}},
        2, false,
    },
    [MFF_IPV4_DST] = {
        MFF_IPV4_DST, "ip_dst", "nw_dst",
        4, 32, MFM_FULLY, MFS_IPV4, MFP_IPV4, true,
        MFO_CIDR, MFO_BITWISE,
        {{NXM_OF(8, 4), "NXM_OF_IP_DST", MF_OFP10},
         {OXM_OF(12, 4), "OXM_OF_IPV4_DST", MF_OFP12}},
        2, false,
    },
    [MFF_IPV6_SRC] = {
        MFF_IPV6_SRC, "ipv6_src", NULL,
        16, 128, MFM_FULLY, MFS_IPV6, MFP_IPV6, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(19, 16), "NXM_NX_IPV6_SRC", MF_OFP10},
         {OXM_OF(26, 16), "OXM_OF_IPV6_SRC", MF_OFP12}},
        2, false,
    },
    [MFF_IPV6_DST] = {
        MFF_IPV6_DST, "ipv6_dst", NULL,
        16, 128, MFM_FULLY, MFS_IPV6, MFP_IPV6, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(20, 16), "NXM_NX_IPV6_DST", MF_OFP10},
         {OXM_OF(27, 16), "OXM_OF_IPV6_DST", MF_OFP12}},
        2, false,
    },
    [MFF_IPV6_LABEL] = {
        MFF_IPV6_LABEL, "ipv6_label", NULL,
        4, 20, MFM_FULLY, MFS_HEXADECIMAL, MFP_IPV6, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(27, 4), "NXM_NX_IPV6_LABEL", MF_OFP10},
         {OXM_OF(28, 4), "OXM_OF_IPV6_FLABEL", MF_OFP12}},
        2, false,
    },
    [MFF_IP_PROTO] = {
        MFF_IP_PROTO, "nw_proto", "ip_proto",
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_IP_ANY, false,
        MFO_EXACT, MFO_EXACT,
        {{NXM_OF(6, 1), "NXM_OF_IP_PROTO", MF_OFP10},
         {OXM_OF(10, 1), "OXM_OF_IP_PROTO", MF_OFP12}},
        2, false,
    },
    [MFF_IP_DSCP] = {
        MFF_IP_DSCP, "nw_tos", NULL,
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_IP_ANY, true,
        MFO_EXACT, MFO_EXACT,
        {{NXM_OF(5, 1), "NXM_OF_IP_TOS", MF_OFP10}},
        1, false,
    },
    [MFF_IP_DSCP_SHIFTED] = {
        MFF_IP_DSCP_SHIFTED, "ip_dscp", NULL,
        1, 6, MFM_NONE, MFS_DECIMAL, MFP_IP_ANY, true,
        MFO_EXACT, MFO_EXACT,
        {{OXM_OF(8, 1), "OXM_OF_IP_DSCP", MF_OFP12}},
        1, false,
    },
    [MFF_IP_ECN] = {
        MFF_IP_ECN, "nw_ecn", "ip_ecn",
        1, 2, MFM_NONE, MFS_DECIMAL, MFP_IP_ANY, true,
        MFO_NONE, MFO_EXACT,
        {{NXM_NX(28, 1), "NXM_NX_IP_ECN", MF_OFP10},
         {OXM_OF(9, 1), "OXM_OF_IP_ECN", MF_OFP12}},
        2, false,
    },
    [MFF_IP_TTL] = {
        MFF_IP_TTL, "nw_ttl", NULL,
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_IP_ANY, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(29, 1), "NXM_NX_IP_TTL", MF_OFP10}},
        1, false,
    },
    [MFF_IP_FRAG] = {
        MFF_IP_FRAG, "ip_frag", "nw_frag",
        1, 2, MFM_FULLY, MFS_FRAG, MFP_IP_ANY, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(26, 1), "NXM_NX_IP_FRAG", MF_OFP10}},
        1, false,
    },
    [MFF_ARP_OP] = {
        MFF_ARP_OP, "arp_op", NULL,
        2, 16, MFM_NONE, MFS_DECIMAL, MFP_ARP, true,
        MFO_EXACT, MFO_EXACT,
        {{NXM_OF(15, 2), "NXM_OF_ARP_OP", MF_OFP10},
         {OXM_OF(21, 2), "OXM_OF_ARP_OP", MF_OFP12}},
        2, false,
    },
    [MFF_ARP_SPA] = {
        MFF_ARP_SPA, "arp_spa", NULL,
        4, 32, MFM_FULLY, MFS_IPV4, MFP_ARP, true,
        MFO_CIDR, MFO_BITWISE,
        {{NXM_OF(16, 4), "NXM_OF_ARP_SPA", MF_OFP10},
         {OXM_OF(22, 4), "OXM_OF_ARP_SPA", MF_OFP12}},
        2, false,
    },
    [MFF_ARP_TPA] = {
        MFF_ARP_TPA, "arp_tpa", NULL,
        4, 32, MFM_FULLY, MFS_IPV4, MFP_ARP, true,
        MFO_CIDR, MFO_BITWISE,
        {{NXM_OF(17, 4), "NXM_OF_ARP_TPA", MF_OFP10},
         {OXM_OF(23, 4), "OXM_OF_ARP_TPA", MF_OFP12}},
        2, false,
    },
    [MFF_ARP_SHA] = {
        MFF_ARP_SHA, "arp_sha", NULL,
        6, 48, MFM_FULLY, MFS_ETHERNET, MFP_ARP, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(17, 6), "NXM_NX_ARP_SHA", MF_OFP10},
         {OXM_OF(24, 6), "OXM_OF_ARP_SHA", MF_OFP12}},
        2, false,
    },
    [MFF_ARP_THA] = {
        MFF_ARP_THA, "arp_tha", NULL,
        6, 48, MFM_FULLY, MFS_ETHERNET, MFP_ARP, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(18, 6), "NXM_NX_ARP_THA", MF_OFP10},
         {OXM_OF(25, 6), "OXM_OF_ARP_THA", MF_OFP12}},
        2, false,
    },
    [MFF_NSH_FLAGS] = {
        MFF_NSH_FLAGS, "nsh_flags", NULL,
        1, 8, MFM_FULLY, MFS_DECIMAL, MFP_NSH, true,
        MFO_NONE, MFO_NONE,
        {{NXOXM_NSH(1, 1), "NXOXM_NSH_FLAGS", MF_OFP10}},
        1, false,
    },
    [MFF_NSH_TTL] = {
        MFF_NSH_TTL, "nsh_ttl", NULL,
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_NSH, true,
        MFO_NONE, MFO_NONE,
        {{NXOXM_NSH(10, 1), "NXOXM_NSH_TTL", MF_OFP10}},
        1, false,
    },
    [MFF_NSH_MDTYPE] = {
        MFF_NSH_MDTYPE, "nsh_mdtype", NULL,
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_NSH, false,
        MFO_NONE, MFO_NONE,
        {{NXOXM_NSH(2, 1), "NXOXM_NSH_MDTYPE", MF_OFP10}},
        1, false,
    },
    [MFF_NSH_NP] = {
        MFF_NSH_NP, "nsh_np", NULL,
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_NSH, false,
        MFO_NONE, MFO_NONE,
        {{NXOXM_NSH(3, 1), "NXOXM_NSH_NP", MF_OFP10}},
        1, false,
    },
    [MFF_NSH_SPI] = {
        MFF_NSH_SPI, "nsh_spi", "nsp",
        4, 24, MFM_NONE, MFS_HEXADECIMAL, MFP_NSH, true,
        MFO_NONE, MFO_NONE,
        {{NXOXM_NSH(4, 4), "NXOXM_NSH_SPI", MF_OFP10}},
        1, false,
    },
    [MFF_NSH_SI] = {
        MFF_NSH_SI, "nsh_si", "nsi",
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_NSH, true,
        MFO_NONE, MFO_NONE,
        {{NXOXM_NSH(5, 1), "NXOXM_NSH_SI", MF_OFP10}},
        1, false,
    },
    [MFF_NSH_C1] = {
        MFF_NSH_C1, "nsh_c1", "nshc1",
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NSH, true,
        MFO_NONE, MFO_NONE,
        {{NXOXM_NSH(6, 4), "NXOXM_NSH_C1", MF_OFP10}},
        1, false,
    },
    [MFF_NSH_C2] = {
        MFF_NSH_C2, "nsh_c2", "nshc2",
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NSH, true,
        MFO_NONE, MFO_NONE,
        {{NXOXM_NSH(7, 4), "NXOXM_NSH_C2", MF_OFP10}},
        1, false,
    },
    [MFF_NSH_C3] = {
        MFF_NSH_C3, "nsh_c3", "nshc3",
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NSH, true,
        MFO_NONE, MFO_NONE,
        {{NXOXM_NSH(8, 4), "NXOXM_NSH_C3", MF_OFP10}},
        1, false,
    },
    [MFF_NSH_C4] = {
        MFF_NSH_C4, "nsh_c4", "nshc4",
        4, 32, MFM_FULLY, MFS_HEXADECIMAL, MFP_NSH, true,
        MFO_NONE, MFO_NONE,
        {{NXOXM_NSH(9, 4), "NXOXM_NSH_C4", MF_OFP10}},
        1, false,
    },
    [MFF_TCP_SRC] = {
        MFF_TCP_SRC, "tcp_src", "tp_src",
        2, 16, MFM_FULLY, MFS_DECIMAL, MFP_TCP, true,
        MFO_EXACT, MFO_EXACT,
        {{NXM_OF(9, 2), "NXM_OF_TCP_SRC", MF_OFP10},
         {OXM_OF(13, 2), "OXM_OF_TCP_SRC", MF_OFP12}},
        2, false,
    },
    [MFF_TCP_DST] = {
        MFF_TCP_DST, "tcp_dst", "tp_dst",
        2, 16, MFM_FULLY, MFS_DECIMAL, MFP_TCP, true,
        MFO_EXACT, MFO_EXACT,
        {{NXM_OF(10, 2), "NXM_OF_TCP_DST", MF_OFP10},
         {OXM_OF(14, 2), "OXM_OF_TCP_DST", MF_OFP12}},
        2, false,
    },
    [MFF_TCP_FLAGS] = {
        MFF_TCP_FLAGS, "tcp_flags", NULL,
        2, 12, MFM_FULLY, MFS_TCP_FLAGS, MFP_TCP, false,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(34, 2), "NXM_NX_TCP_FLAGS", MF_OFP10},
         {ONFOXM_ET(42, 2), "ONFOXM_ET_TCP_FLAGS", MF_OFP13},
         {OXM_OF(42, 2), "OXM_OF_TCP_FLAGS", MF_OFP15}},
        3, false,
    },
    [MFF_UDP_SRC] = {
        MFF_UDP_SRC, "udp_src", NULL,
        2, 16, MFM_FULLY, MFS_DECIMAL, MFP_UDP, true,
        MFO_EXACT, MFO_EXACT,
        {{NXM_OF(11, 2), "NXM_OF_UDP_SRC", MF_OFP10},
         {OXM_OF(15, 2), "OXM_OF_UDP_SRC", MF_OFP12}},
        2, false,
    },
    [MFF_UDP_DST] = {
        MFF_UDP_DST, "udp_dst", NULL,
        2, 16, MFM_FULLY, MFS_DECIMAL, MFP_UDP, true,
        MFO_EXACT, MFO_EXACT,
        {{NXM_OF(12, 2), "NXM_OF_UDP_DST", MF_OFP10},
         {OXM_OF(16, 2), "OXM_OF_UDP_DST", MF_OFP12}},
        2, false,
    },
    [MFF_SCTP_SRC] = {
        MFF_SCTP_SRC, "sctp_src", NULL,
        2, 16, MFM_FULLY, MFS_DECIMAL, MFP_SCTP, true,
        MFO_NONE, MFO_EXACT,
        {{OXM_OF(17, 2), "OXM_OF_SCTP_SRC", MF_OFP12}},
        1, false,
    },
    [MFF_SCTP_DST] = {
        MFF_SCTP_DST, "sctp_dst", NULL,
        2, 16, MFM_FULLY, MFS_DECIMAL, MFP_SCTP, true,
        MFO_NONE, MFO_EXACT,
        {{OXM_OF(18, 2), "OXM_OF_SCTP_DST", MF_OFP12}},
        1, false,
    },
    [MFF_ICMPV4_TYPE] = {
        MFF_ICMPV4_TYPE, "icmp_type", NULL,
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_ICMPV4, true,
        MFO_EXACT, MFO_EXACT,
        {{NXM_OF(13, 1), "NXM_OF_ICMP_TYPE", MF_OFP10},
         {OXM_OF(19, 1), "OXM_OF_ICMPV4_TYPE", MF_OFP12}},
        2, false,
    },
    [MFF_ICMPV4_CODE] = {
        MFF_ICMPV4_CODE, "icmp_code", NULL,
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_ICMPV4, true,
        MFO_EXACT, MFO_EXACT,
        {{NXM_OF(14, 1), "NXM_OF_ICMP_CODE", MF_OFP10},
         {OXM_OF(20, 1), "OXM_OF_ICMPV4_CODE", MF_OFP12}},
        2, false,
    },
    [MFF_ICMPV6_TYPE] = {
        MFF_ICMPV6_TYPE, "icmpv6_type", NULL,
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_ICMPV6, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(21, 1), "NXM_NX_ICMPV6_TYPE", MF_OFP10},
         {OXM_OF(29, 1), "OXM_OF_ICMPV6_TYPE", MF_OFP12}},
        2, false,
    },
    [MFF_ICMPV6_CODE] = {
        MFF_ICMPV6_CODE, "icmpv6_code", NULL,
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_ICMPV6, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(22, 1), "NXM_NX_ICMPV6_CODE", MF_OFP10},
         {OXM_OF(30, 1), "OXM_OF_ICMPV6_CODE", MF_OFP12}},
        2, false,
    },
    [MFF_ND_TARGET] = {
        MFF_ND_TARGET, "nd_target", NULL,
        16, 128, MFM_FULLY, MFS_IPV6, MFP_ND, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(23, 16), "NXM_NX_ND_TARGET", MF_OFP10},
         {OXM_OF(31, 16), "OXM_OF_IPV6_ND_TARGET", MF_OFP12}},
        2, false,
    },
    [MFF_ND_SLL] = {
        MFF_ND_SLL, "nd_sll", NULL,
        6, 48, MFM_FULLY, MFS_ETHERNET, MFP_ND_SOLICIT, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(24, 6), "NXM_NX_ND_SLL", MF_OFP10},
         {OXM_OF(32, 6), "OXM_OF_IPV6_ND_SLL", MF_OFP12}},
        2, false,
    },
    [MFF_ND_TLL] = {
        MFF_ND_TLL, "nd_tll", NULL,
        6, 48, MFM_FULLY, MFS_ETHERNET, MFP_ND_ADVERT, true,
        MFO_NONE, MFO_NONE,
        {{NXM_NX(25, 6), "NXM_NX_ND_TLL", MF_OFP10},
         {OXM_OF(33, 6), "OXM_OF_IPV6_ND_TLL", MF_OFP12}},
        2, false,
    },
    [MFF_ND_RESERVED] = {
        MFF_ND_RESERVED, "nd_reserved", NULL,
        4, 32, MFM_NONE, MFS_DECIMAL, MFP_ND, true,
        MFO_NONE, MFO_NONE,
        {{ERICOXM(1, 4), "ERICOXM_OF_ICMPV6_ND_RESERVED", MF_OFP10}},
        1, false,
    },
    [MFF_ND_OPTIONS_TYPE] = {
        MFF_ND_OPTIONS_TYPE, "nd_options_type", NULL,
        1, 8, MFM_NONE, MFS_DECIMAL, MFP_ND, true,
        MFO_NONE, MFO_NONE,
        {{ERICOXM(2, 1), "ERICOXM_OF_ICMPV6_ND_OPTIONS_TYPE", MF_OFP10}},
        1, false,
    },

};

/* Names. */

static inline unsigned int
nxm_header_class(uint64_t header)
{
    return (header >> 16) & 0xffff;
}

const struct mf_field *
mf_from_name_len(const char *name, size_t len)
{
    for (size_t i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = &mf_fields[i];

        if ((strlen(mf->name) == len && !memcmp(mf->name, name, len))
            || (mf->extra_name && strlen(mf->extra_name) == len
                && !memcmp(mf->extra_name, name, len))) {
            return mf;
        }
    }
    return NULL;
}

const struct mf_field *
mf_from_name(const char *name)
{
    return mf_from_name_len(name, strlen(name));
}

const struct mf_field *
mf_from_nxm_header(uint64_t header, const struct mf_nxm_header **hdrp)
{
    /* Compare without hasmask and length bits. */
    uint64_t key = header & ~(uint64_t) 0x1ff;

    if (nxm_header_class(header) == 0x0001) {
        unsigned int field = (header >> 9) & 0x7f;
        if (field >= 40 && field < 40 + TUN_METADATA_NUM_OPTS) {
            const struct mf_field *mf = &mf_fields[MFF_TUN_METADATA(
                                                       field - 40)];
            if (hdrp) {
                *hdrp = &mf->headers[0];
            }
            return mf;
        }
    }

    for (size_t i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *mf = &mf_fields[i];

        for (size_t j = 0; j < mf->n_headers; j++) {
            if ((mf->headers[j].header & ~(uint64_t) 0x1ff) == key) {
                if (hdrp) {
                    *hdrp = &mf->headers[j];
                }
                return mf;
            }
        }
    }
    if (hdrp) {
        *hdrp = NULL;
    }
    return NULL;
}

const struct mf_nxm_header *
mf_nxm_header_for_version(const struct mf_field *mf, uint8_t version)
{
    const struct mf_nxm_header *best = NULL;

    if (!mf->n_headers) {
        return NULL;
    }
    for (size_t i = 0; i < mf->n_headers; i++) {
        if (mf->headers[i].version <= version) {
            best = &mf->headers[i];
        }
    }
    return best ? best : &mf->headers[0];
}

const char *
mf_nxm_name(const struct mf_field *mf)
{
    return mf->n_headers ? mf->headers[0].name : mf->name;
}

/* Values and masks. */

/* The number of low bits of 'mf''s value that may be nonzero.  This is
 * 'n_bits', except for vlan_vid, whose OpenFlow 1.2 value also carries
 * OFPVID_PRESENT (bit 12) beside the 12-bit VID that subfields see. */
static unsigned int
mf_value_bits(const struct mf_field *mf)
{
    return mf->id == MFF_VLAN_VID ? 13 : mf->n_bits;
}

/* Stores in 'mask' the exact-match mask of 'mf': its significant low
 * bits. */
static void
mf_exact_mask(const struct mf_field *mf, union mf_value *mask)
{
    memset(mask, 0, sizeof *mask);
    bitwise_one(mask, mf->n_bytes, 0, mf_value_bits(mf));
}

/* True if the 'n' bytes at 'p' are all 0xff. */
static bool
bitwise_is_all_ones__(const void *p_, size_t n)
{
    const uint8_t *p = p_;

    for (size_t i = 0; i < n; i++) {
        if (p[i] != 0xff) {
            return false;
        }
    }
    return true;
}

bool
mf_value_is_zero(const struct mf_field *mf, const union mf_value *value)
{
    return bitwise_is_all_zeros(value, mf->n_bytes, 0, mf->n_bytes * 8);
}

bool
mf_mask_is_exact(const struct mf_field *mf, const union mf_value *mask)
{
    union mf_value exact;

    mf_exact_mask(mf, &exact);
    return !memcmp(&exact, mask, mf->n_bytes);
}

bool
mf_is_mask_valid(const struct mf_field *mf, const union mf_value *mask)
{
    if (bitwise_is_all_ones__(mask, mf->n_bytes)) {
        return true;
    }
    if (!bitwise_is_all_zeros(mask, mf->n_bytes, mf_value_bits(mf),
                              mf->n_bytes * 8 - mf_value_bits(mf))) {
        return false;
    }
    if (mf->maskable == MFM_FULLY) {
        return true;
    }
    return (mf_value_is_zero(mf, mask) || mf_mask_is_exact(mf, mask)
            || bitwise_is_all_ones__(mask, mf->n_bytes));
}

bool
mf_is_value_valid(const struct mf_field *mf, const union mf_value *value)
{
    if (!bitwise_is_all_zeros(value, mf->n_bytes, mf_value_bits(mf),
                              mf->n_bytes * 8 - mf_value_bits(mf))) {
        return false;
    }
    switch (mf->id) {
    case MFF_IN_PORT_OXM:
    case MFF_ACTSET_OUTPUT: {
        ofp_port_t port;
        return mf_ofp11_port_to_ofp(ntohl(value->be32), &port);
    }
    case MFF_IP_FRAG:
        return !(value->u8 & ~FLOW_NW_FRAG_MASK);
    case MFF_CT_STATE:
        return !(ntohl(value->be32) & ~0xffu);
    case MFF_IP_DSCP:
        return !(value->u8 & ~IP_DSCP_MASK);
    case MFF_ARP_OP:
        return ntohs(value->be16) <= UINT8_MAX;
    case MFF_TUN_FLAGS:
        return !(ntohs(value->be16) & ~FLOW_TNL_F_OAM);
    default:
        return true;
    }
}

static inline void
put_u128_be(svs_u128 x, union mf_value *v)
{
    v->be128.be64.hi = svs_htonll(x.u64.hi);
    v->be128.be64.lo = svs_htonll(x.u64.lo);
}

static inline svs_u128
get_u128_be(const union mf_value *v)
{
    svs_u128 x;
    x.u64.hi = svs_ntohll(v->be128.be64.hi);
    x.u64.lo = svs_ntohll(v->be128.be64.lo);
    return x;
}

void
mf_get_value(const struct mf_field *mf, const struct flow *flow,
             union mf_value *value)
{
    memset(value, 0, sizeof *value);
    switch (mf->id) {
    case MFF_DP_HASH:
        value->be32 = htonl(flow->dp_hash);
        break;
    case MFF_RECIRC_ID:
        value->be32 = htonl(flow->recirc_id);
        break;
    case MFF_PACKET_TYPE:
        value->be32 = flow->packet_type;
        break;
    case MFF_CONJ_ID:
        value->be32 = htonl(flow->conj_id);
        break;
    case MFF_TUN_ID:
        value->be64 = flow->tunnel.tun_id;
        break;
    case MFF_TUN_SRC:
        value->be32 = flow->tunnel.ip_src;
        break;
    case MFF_TUN_DST:
        value->be32 = flow->tunnel.ip_dst;
        break;
    case MFF_TUN_IPV6_SRC:
        value->ipv6 = flow->tunnel.ipv6_src;
        break;
    case MFF_TUN_IPV6_DST:
        value->ipv6 = flow->tunnel.ipv6_dst;
        break;
    case MFF_TUN_FLAGS:
        value->be16 = htons(flow->tunnel.flags & FLOW_TNL_F_OAM);
        break;
    case MFF_TUN_TTL:
        value->u8 = flow->tunnel.ip_ttl;
        break;
    case MFF_TUN_TOS:
        value->u8 = flow->tunnel.ip_tos;
        break;
    case MFF_TUN_GBP_ID:
        value->be16 = flow->tunnel.gbp_id;
        break;
    case MFF_TUN_GBP_FLAGS:
        value->u8 = flow->tunnel.gbp_flags;
        break;
    case MFF_TUN_ERSPAN_IDX:
        value->be32 = htonl(flow->tunnel.erspan_idx);
        break;
    case MFF_TUN_ERSPAN_VER:
        value->u8 = flow->tunnel.erspan_ver;
        break;
    case MFF_TUN_ERSPAN_DIR:
        value->u8 = flow->tunnel.erspan_dir;
        break;
    case MFF_TUN_ERSPAN_HWID:
        value->u8 = flow->tunnel.erspan_hwid;
        break;
    case MFF_TUN_GTPU_FLAGS:
        value->u8 = flow->tunnel.gtpu_flags;
        break;
    case MFF_TUN_GTPU_MSGTYPE:
        value->u8 = flow->tunnel.gtpu_msgtype;
        break;
    case MFF_TUN_METADATA0 ... MFF_TUN_METADATA63:
        /* The values are not in the flow (see the top of meta-flow.h). */
        break;
    case MFF_METADATA:
        value->be64 = flow->metadata;
        break;
    case MFF_IN_PORT:
        value->be16 = htons(flow->in_port);
        break;
    case MFF_IN_PORT_OXM:
        value->be32 = htonl(mf_ofp_port_to_ofp11(flow->in_port));
        break;
    case MFF_ACTSET_OUTPUT:
        value->be32 = htonl(mf_ofp_port_to_ofp11(flow->actset_output));
        break;
    case MFF_SKB_PRIORITY:
        value->be32 = htonl(flow->skb_priority);
        break;
    case MFF_PKT_MARK:
        value->be32 = htonl(flow->pkt_mark);
        break;
    case MFF_CT_STATE:
        value->be32 = htonl(flow->ct_state);
        break;
    case MFF_CT_ZONE:
        value->be16 = htons(flow->ct_zone);
        break;
    case MFF_CT_MARK:
        value->be32 = htonl(flow->ct_mark);
        break;
    case MFF_CT_LABEL:
        put_u128_be(flow->ct_label, value);
        break;
    case MFF_CT_NW_PROTO:
        value->u8 = flow->ct_nw_proto;
        break;
    case MFF_CT_NW_SRC:
        value->be32 = flow->ct_nw_src;
        break;
    case MFF_CT_NW_DST:
        value->be32 = flow->ct_nw_dst;
        break;
    case MFF_CT_IPV6_SRC:
        value->ipv6 = flow->ct_ipv6_src;
        break;
    case MFF_CT_IPV6_DST:
        value->ipv6 = flow->ct_ipv6_dst;
        break;
    case MFF_CT_TP_SRC:
        value->be16 = flow->ct_tp_src;
        break;
    case MFF_CT_TP_DST:
        value->be16 = flow->ct_tp_dst;
        break;
    case MFF_REG0: case MFF_REG1: case MFF_REG2: case MFF_REG3:
    case MFF_REG4: case MFF_REG5: case MFF_REG6: case MFF_REG7:
    case MFF_REG8: case MFF_REG9: case MFF_REG10: case MFF_REG11:
    case MFF_REG12: case MFF_REG13: case MFF_REG14: case MFF_REG15:
        value->be32 = htonl(flow->regs[mf->id - MFF_REG0]);
        break;
    case MFF_XREG0: case MFF_XREG1: case MFF_XREG2: case MFF_XREG3:
    case MFF_XREG4: case MFF_XREG5: case MFF_XREG6: case MFF_XREG7: {
        int i = 2 * (mf->id - MFF_XREG0);
        value->be128.be32[0] = htonl(flow->regs[i]);
        value->be128.be32[1] = htonl(flow->regs[i + 1]);
        break;
    }
    case MFF_XXREG0: case MFF_XXREG1: case MFF_XXREG2: case MFF_XXREG3: {
        int i = 4 * (mf->id - MFF_XXREG0);
        for (int j = 0; j < 4; j++) {
            value->be128.be32[j] = htonl(flow->regs[i + j]);
        }
        break;
    }
    case MFF_ETH_SRC:
        value->mac = flow->dl_src;
        break;
    case MFF_ETH_DST:
        value->mac = flow->dl_dst;
        break;
    case MFF_ETH_TYPE:
        value->be16 = flow->dl_type;
        break;
    case MFF_VLAN_TCI:
        value->be16 = flow->vlans[0].tci;
        break;
    case MFF_DL_VLAN:
        value->be16 = flow->vlans[0].tci & htons(VLAN_VID_MASK);
        break;
    case MFF_VLAN_VID:
        value->be16 = flow->vlans[0].tci & htons(VLAN_VID_MASK | VLAN_CFI);
        break;
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP:
        value->u8 = ntohs(flow->vlans[0].tci) >> VLAN_PCP_SHIFT;
        break;
    case MFF_MPLS_LABEL:
        value->be32 = htonl(mpls_lse_to_label(flow->mpls_lse[0]));
        break;
    case MFF_MPLS_TC:
        value->u8 = mpls_lse_to_tc(flow->mpls_lse[0]);
        break;
    case MFF_MPLS_BOS:
        value->u8 = mpls_lse_to_bos(flow->mpls_lse[0]);
        break;
    case MFF_MPLS_TTL:
        value->u8 = mpls_lse_to_ttl(flow->mpls_lse[0]);
        break;
    case MFF_IPV4_SRC:
    case MFF_ARP_SPA:
        value->be32 = flow->nw_src;
        break;
    case MFF_IPV4_DST:
    case MFF_ARP_TPA:
        value->be32 = flow->nw_dst;
        break;
    case MFF_IPV6_SRC:
        value->ipv6 = flow->ipv6_src;
        break;
    case MFF_IPV6_DST:
        value->ipv6 = flow->ipv6_dst;
        break;
    case MFF_IPV6_LABEL:
        value->be32 = flow->ipv6_label;
        break;
    case MFF_IP_PROTO:
        value->u8 = flow->nw_proto;
        break;
    case MFF_IP_DSCP:
        value->u8 = flow->nw_tos & IP_DSCP_MASK;
        break;
    case MFF_IP_DSCP_SHIFTED:
        value->u8 = flow->nw_tos >> 2;
        break;
    case MFF_IP_ECN:
        value->u8 = flow->nw_tos & IP_ECN_MASK;
        break;
    case MFF_IP_TTL:
        value->u8 = flow->nw_ttl;
        break;
    case MFF_IP_FRAG:
        value->u8 = flow->nw_frag;
        break;
    case MFF_ARP_OP:
        value->be16 = htons(flow->nw_proto);
        break;
    case MFF_ARP_SHA:
    case MFF_ND_SLL:
        value->mac = flow->arp_sha;
        break;
    case MFF_ARP_THA:
    case MFF_ND_TLL:
        value->mac = flow->arp_tha;
        break;
    case MFF_NSH_FLAGS:
        value->u8 = flow->nsh.flags;
        break;
    case MFF_NSH_TTL:
        value->u8 = flow->nsh.ttl;
        break;
    case MFF_NSH_MDTYPE:
        value->u8 = flow->nsh.mdtype;
        break;
    case MFF_NSH_NP:
        value->u8 = flow->nsh.np;
        break;
    case MFF_NSH_SPI:
        value->be32 = htonl(ntohl(flow->nsh.path_hdr) >> NSH_SPI_SHIFT);
        break;
    case MFF_NSH_SI:
        value->u8 = ntohl(flow->nsh.path_hdr) & NSH_SI_MASK;
        break;
    case MFF_NSH_C1: case MFF_NSH_C2: case MFF_NSH_C3: case MFF_NSH_C4:
        value->be32 = flow->nsh.context[mf->id - MFF_NSH_C1];
        break;
    case MFF_TCP_SRC:
    case MFF_UDP_SRC:
    case MFF_SCTP_SRC:
        value->be16 = flow->tp_src;
        break;
    case MFF_TCP_DST:
    case MFF_UDP_DST:
    case MFF_SCTP_DST:
        value->be16 = flow->tp_dst;
        break;
    case MFF_TCP_FLAGS:
        value->be16 = flow->tcp_flags;
        break;
    case MFF_ICMPV4_TYPE:
    case MFF_ICMPV6_TYPE:
        value->u8 = ntohs(flow->tp_src);
        break;
    case MFF_ICMPV4_CODE:
    case MFF_ICMPV6_CODE:
        value->u8 = ntohs(flow->tp_dst);
        break;
    case MFF_ND_TARGET:
        value->ipv6 = flow->nd_target;
        break;
    case MFF_ND_RESERVED:
        value->be32 = flow->nd_reserved;
        break;
    case MFF_ND_OPTIONS_TYPE:
        value->u8 = flow->nd_options_type;
        break;
    case MFF_N_IDS:
    default:
        SVS_NOT_REACHED();
    }
}

void
mf_set_flow_value(const struct mf_field *mf, const union mf_value *value,
                  struct flow *flow)
{
    switch (mf->id) {
    case MFF_DP_HASH:
        flow->dp_hash = ntohl(value->be32);
        break;
    case MFF_RECIRC_ID:
        flow->recirc_id = ntohl(value->be32);
        break;
    case MFF_PACKET_TYPE:
        flow->packet_type = value->be32;
        break;
    case MFF_CONJ_ID:
        flow->conj_id = ntohl(value->be32);
        break;
    case MFF_TUN_ID:
        flow->tunnel.tun_id = value->be64;
        break;
    case MFF_TUN_SRC:
        flow->tunnel.ip_src = value->be32;
        break;
    case MFF_TUN_DST:
        flow->tunnel.ip_dst = value->be32;
        break;
    case MFF_TUN_IPV6_SRC:
        flow->tunnel.ipv6_src = value->ipv6;
        break;
    case MFF_TUN_IPV6_DST:
        flow->tunnel.ipv6_dst = value->ipv6;
        break;
    case MFF_TUN_FLAGS:
        flow->tunnel.flags = (flow->tunnel.flags & ~FLOW_TNL_F_OAM)
                             | (ntohs(value->be16) & FLOW_TNL_F_OAM);
        break;
    case MFF_TUN_TTL:
        flow->tunnel.ip_ttl = value->u8;
        break;
    case MFF_TUN_TOS:
        flow->tunnel.ip_tos = value->u8;
        break;
    case MFF_TUN_GBP_ID:
        flow->tunnel.gbp_id = value->be16;
        break;
    case MFF_TUN_GBP_FLAGS:
        flow->tunnel.gbp_flags = value->u8;
        break;
    case MFF_TUN_ERSPAN_IDX:
        flow->tunnel.erspan_idx = ntohl(value->be32);
        break;
    case MFF_TUN_ERSPAN_VER:
        flow->tunnel.erspan_ver = value->u8;
        break;
    case MFF_TUN_ERSPAN_DIR:
        flow->tunnel.erspan_dir = value->u8;
        break;
    case MFF_TUN_ERSPAN_HWID:
        flow->tunnel.erspan_hwid = value->u8;
        break;
    case MFF_TUN_GTPU_FLAGS:
        flow->tunnel.gtpu_flags = value->u8;
        break;
    case MFF_TUN_GTPU_MSGTYPE:
        flow->tunnel.gtpu_msgtype = value->u8;
        break;
    case MFF_TUN_METADATA0 ... MFF_TUN_METADATA63:
        /* Only presence is in the flow. */
        flow->tunnel.md_present |= UINT64_C(1) << mf_tun_metadata_idx(mf);
        break;
    case MFF_METADATA:
        flow->metadata = value->be64;
        break;
    case MFF_IN_PORT:
        flow->in_port = ntohs(value->be16);
        break;
    case MFF_IN_PORT_OXM:
    case MFF_ACTSET_OUTPUT: {
        ofp_port_t port = OFPP_NONE;
        if (!mf_ofp11_port_to_ofp(ntohl(value->be32), &port)) {
            port = OFPP_NONE;
        }
        if (mf->id == MFF_IN_PORT_OXM) {
            flow->in_port = port;
        } else {
            flow->actset_output = port;
        }
        break;
    }
    case MFF_SKB_PRIORITY:
        flow->skb_priority = ntohl(value->be32);
        break;
    case MFF_PKT_MARK:
        flow->pkt_mark = ntohl(value->be32);
        break;
    case MFF_CT_STATE:
        flow->ct_state = ntohl(value->be32);
        break;
    case MFF_CT_ZONE:
        flow->ct_zone = ntohs(value->be16);
        break;
    case MFF_CT_MARK:
        flow->ct_mark = ntohl(value->be32);
        break;
    case MFF_CT_LABEL:
        flow->ct_label = get_u128_be(value);
        break;
    case MFF_CT_NW_PROTO:
        flow->ct_nw_proto = value->u8;
        break;
    case MFF_CT_NW_SRC:
        flow->ct_nw_src = value->be32;
        break;
    case MFF_CT_NW_DST:
        flow->ct_nw_dst = value->be32;
        break;
    case MFF_CT_IPV6_SRC:
        flow->ct_ipv6_src = value->ipv6;
        break;
    case MFF_CT_IPV6_DST:
        flow->ct_ipv6_dst = value->ipv6;
        break;
    case MFF_CT_TP_SRC:
        flow->ct_tp_src = value->be16;
        break;
    case MFF_CT_TP_DST:
        flow->ct_tp_dst = value->be16;
        break;
    case MFF_REG0: case MFF_REG1: case MFF_REG2: case MFF_REG3:
    case MFF_REG4: case MFF_REG5: case MFF_REG6: case MFF_REG7:
    case MFF_REG8: case MFF_REG9: case MFF_REG10: case MFF_REG11:
    case MFF_REG12: case MFF_REG13: case MFF_REG14: case MFF_REG15:
        flow->regs[mf->id - MFF_REG0] = ntohl(value->be32);
        break;
    case MFF_XREG0: case MFF_XREG1: case MFF_XREG2: case MFF_XREG3:
    case MFF_XREG4: case MFF_XREG5: case MFF_XREG6: case MFF_XREG7: {
        int i = 2 * (mf->id - MFF_XREG0);
        flow->regs[i] = ntohl(value->be128.be32[0]);
        flow->regs[i + 1] = ntohl(value->be128.be32[1]);
        break;
    }
    case MFF_XXREG0: case MFF_XXREG1: case MFF_XXREG2: case MFF_XXREG3: {
        int i = 4 * (mf->id - MFF_XXREG0);
        for (int j = 0; j < 4; j++) {
            flow->regs[i + j] = ntohl(value->be128.be32[j]);
        }
        break;
    }
    case MFF_ETH_SRC:
        flow->dl_src = value->mac;
        break;
    case MFF_ETH_DST:
        flow->dl_dst = value->mac;
        break;
    case MFF_ETH_TYPE:
        flow->dl_type = value->be16;
        break;
    case MFF_VLAN_TCI:
        flow->vlans[0].tci = value->be16;
        break;
    case MFF_DL_VLAN:
        /* As in OpenFlow 1.0: 0xffff removes the tag; anything else makes
         * the packet tagged (CFI set) with that VID. */
        if (value->be16 == htons(OFP10_VLAN_NONE)) {
            flow->vlans[0].tci = 0;
        } else {
            flow->vlans[0].tci = ((flow->vlans[0].tci & ~htons(VLAN_VID_MASK))
                                  | htons(VLAN_CFI)
                                  | (value->be16 & htons(VLAN_VID_MASK)));
        }
        break;
    case MFF_VLAN_VID: {
        be16 m = htons(VLAN_VID_MASK | VLAN_CFI);
        flow->vlans[0].tci = (flow->vlans[0].tci & ~m) | (value->be16 & m);
        break;
    }
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP:
        /* Also makes the packet tagged. */
        flow->vlans[0].tci = (flow->vlans[0].tci & ~htons(VLAN_PCP_MASK))
                             | htons(((value->u8 << VLAN_PCP_SHIFT)
                                      & VLAN_PCP_MASK) | VLAN_CFI);
        break;
    case MFF_MPLS_LABEL: {
        uint32_t lse = ntohl(flow->mpls_lse[0]) & ~MPLS_LABEL_MASK;
        lse |= (ntohl(value->be32) << MPLS_LABEL_SHIFT) & MPLS_LABEL_MASK;
        flow->mpls_lse[0] = htonl(lse);
        break;
    }
    case MFF_MPLS_TC: {
        uint32_t lse = ntohl(flow->mpls_lse[0]) & ~MPLS_TC_MASK;
        lse |= ((uint32_t) value->u8 << MPLS_TC_SHIFT) & MPLS_TC_MASK;
        flow->mpls_lse[0] = htonl(lse);
        break;
    }
    case MFF_MPLS_BOS: {
        uint32_t lse = ntohl(flow->mpls_lse[0]) & ~MPLS_BOS_MASK;
        lse |= ((uint32_t) value->u8 << MPLS_BOS_SHIFT) & MPLS_BOS_MASK;
        flow->mpls_lse[0] = htonl(lse);
        break;
    }
    case MFF_MPLS_TTL: {
        uint32_t lse = ntohl(flow->mpls_lse[0]) & ~MPLS_TTL_MASK;
        lse |= ((uint32_t) value->u8 << MPLS_TTL_SHIFT) & MPLS_TTL_MASK;
        flow->mpls_lse[0] = htonl(lse);
        break;
    }
    case MFF_IPV4_SRC:
    case MFF_ARP_SPA:
        flow->nw_src = value->be32;
        break;
    case MFF_IPV4_DST:
    case MFF_ARP_TPA:
        flow->nw_dst = value->be32;
        break;
    case MFF_IPV6_SRC:
        flow->ipv6_src = value->ipv6;
        break;
    case MFF_IPV6_DST:
        flow->ipv6_dst = value->ipv6;
        break;
    case MFF_IPV6_LABEL:
        flow->ipv6_label = value->be32 & htonl(IPV6_LABEL_MASK);
        break;
    case MFF_IP_PROTO:
        flow->nw_proto = value->u8;
        break;
    case MFF_IP_DSCP:
        flow->nw_tos = (flow->nw_tos & ~IP_DSCP_MASK)
                       | (value->u8 & IP_DSCP_MASK);
        break;
    case MFF_IP_DSCP_SHIFTED:
        flow->nw_tos = (flow->nw_tos & ~IP_DSCP_MASK)
                       | ((value->u8 << 2) & IP_DSCP_MASK);
        break;
    case MFF_IP_ECN:
        flow->nw_tos = (flow->nw_tos & ~IP_ECN_MASK)
                       | (value->u8 & IP_ECN_MASK);
        break;
    case MFF_IP_TTL:
        flow->nw_ttl = value->u8;
        break;
    case MFF_IP_FRAG:
        flow->nw_frag = value->u8 & FLOW_NW_FRAG_MASK;
        break;
    case MFF_ARP_OP:
        flow->nw_proto = ntohs(value->be16);
        break;
    case MFF_ARP_SHA:
    case MFF_ND_SLL:
        flow->arp_sha = value->mac;
        break;
    case MFF_ARP_THA:
    case MFF_ND_TLL:
        flow->arp_tha = value->mac;
        break;
    case MFF_NSH_FLAGS:
        flow->nsh.flags = value->u8;
        break;
    case MFF_NSH_TTL:
        flow->nsh.ttl = value->u8;
        break;
    case MFF_NSH_MDTYPE:
        flow->nsh.mdtype = value->u8;
        break;
    case MFF_NSH_NP:
        flow->nsh.np = value->u8;
        break;
    case MFF_NSH_SPI: {
        uint32_t path = ntohl(flow->nsh.path_hdr) & ~NSH_SPI_MASK;
        path |= (ntohl(value->be32) << NSH_SPI_SHIFT) & NSH_SPI_MASK;
        flow->nsh.path_hdr = htonl(path);
        break;
    }
    case MFF_NSH_SI: {
        uint32_t path = ntohl(flow->nsh.path_hdr) & ~NSH_SI_MASK;
        path |= value->u8;
        flow->nsh.path_hdr = htonl(path);
        break;
    }
    case MFF_NSH_C1: case MFF_NSH_C2: case MFF_NSH_C3: case MFF_NSH_C4:
        flow->nsh.context[mf->id - MFF_NSH_C1] = value->be32;
        break;
    case MFF_TCP_SRC:
    case MFF_UDP_SRC:
    case MFF_SCTP_SRC:
        flow->tp_src = value->be16;
        break;
    case MFF_TCP_DST:
    case MFF_UDP_DST:
    case MFF_SCTP_DST:
        flow->tp_dst = value->be16;
        break;
    case MFF_TCP_FLAGS:
        flow->tcp_flags = value->be16 & htons(TCP_FLAGS_MASK);
        break;
    case MFF_ICMPV4_TYPE:
    case MFF_ICMPV6_TYPE:
        flow->tp_src = htons(value->u8);
        break;
    case MFF_ICMPV4_CODE:
    case MFF_ICMPV6_CODE:
        flow->tp_dst = htons(value->u8);
        break;
    case MFF_ND_TARGET:
        flow->nd_target = value->ipv6;
        break;
    case MFF_ND_RESERVED:
        flow->nd_reserved = value->be32;
        break;
    case MFF_ND_OPTIONS_TYPE:
        flow->nd_options_type = value->u8;
        break;
    case MFF_N_IDS:
    default:
        SVS_NOT_REACHED();
    }
}

void
mf_set_flow_value_masked(const struct mf_field *mf,
                         const union mf_value *value,
                         const union mf_value *mask, struct flow *flow)
{
    union mf_value tmp;

    mf_get_value(mf, flow, &tmp);
    for (size_t i = 0; i < mf->n_bytes; i++) {
        tmp.b[i] = (tmp.b[i] & ~mask->b[i]) | (value->b[i] & mask->b[i]);
    }
    mf_set_flow_value(mf, &tmp, flow);
}

/* Fields whose flow storage is wider than their OpenFlow value, so that
 * an exact match must set every storage bit of the mask. */
static bool
mf_is_port_field(const struct mf_field *mf)
{
    return (mf->id == MFF_IN_PORT || mf->id == MFF_IN_PORT_OXM
            || mf->id == MFF_ACTSET_OUTPUT);
}

void
mf_get_mask(const struct mf_field *mf, const struct flow_wildcards *wc,
            union mf_value *mask)
{
    int idx = mf_tun_metadata_idx(mf);
    if (idx >= 0) {
        /* The wildcards say only whether the option is matched. */
        memset(mask, 0, sizeof *mask);
        if (wc->masks.tunnel.md_present & (UINT64_C(1) << idx)) {
            memset(mask, 0xff, mf->n_bytes);
        }
        return;
    }
    if (mf_is_port_field(mf) || mf->id == MFF_ARP_OP) {
        bool any;

        if (mf->id == MFF_ARP_OP) {
            any = wc->masks.nw_proto != 0;
        } else if (mf->id == MFF_ACTSET_OUTPUT) {
            any = wc->masks.actset_output != 0;
        } else {
            any = wc->masks.in_port != 0;
        }
        if (any) {
            mf_exact_mask(mf, mask);
        } else {
            memset(mask, 0, sizeof *mask);
        }
        return;
    }
    mf_get_value(mf, &wc->masks, mask);
}

bool
mf_is_all_wild(const struct mf_field *mf, const struct flow_wildcards *wc)
{
    union mf_value mask;

    mf_get_mask(mf, wc, &mask);
    return mf_value_is_zero(mf, &mask);
}

void
mf_mask_field_masked(const struct mf_field *mf, const union mf_value *mask,
                     struct flow_wildcards *wc)
{
    int idx = mf_tun_metadata_idx(mf);
    if (idx >= 0) {
        uint64_t bit = UINT64_C(1) << idx;
        if (mf_value_is_zero(mf, mask)) {
            wc->masks.tunnel.md_present &= ~bit;
        } else {
            wc->masks.tunnel.md_present |= bit;
        }
        return;
    }
    if (mf->id == MFF_TCP_FLAGS) {
        /* Kept whole: a mask of 0x0fff and one of 0xffff go on the wire
         * differently. */
        wc->masks.tcp_flags = mask->be16;
        return;
    }
    if (mf->id == MFF_ICMPV4_TYPE || mf->id == MFF_ICMPV6_TYPE
        || mf->id == MFF_ICMPV4_CODE || mf->id == MFF_ICMPV6_CODE) {
        /* ICMP type and code occupy the low byte of tp_src/tp_dst; an
         * exact match covers the whole port field, as in Open vSwitch. */
        be16 m = mask->u8 == UINT8_MAX ? htons(UINT16_MAX) : htons(mask->u8);
        if (mf->id == MFF_ICMPV4_TYPE || mf->id == MFF_ICMPV6_TYPE) {
            wc->masks.tp_src = m;
        } else {
            wc->masks.tp_dst = m;
        }
        return;
    }
    if (mf_is_port_field(mf)) {
        uint32_t m = mf_value_is_zero(mf, mask) ? 0 : UINT32_MAX;
        if (mf->id == MFF_ACTSET_OUTPUT) {
            wc->masks.actset_output = m;
        } else {
            wc->masks.in_port = m;
        }
        return;
    }
    mf_set_flow_value(mf, mask, &wc->masks);
}

void
mf_mask_field(const struct mf_field *mf, struct flow_wildcards *wc)
{
    union mf_value exact;

    mf_exact_mask(mf, &exact);
    mf_mask_field_masked(mf, &exact, wc);
}

void
mf_get(const struct mf_field *mf, const struct match *match,
       union mf_value *value, union mf_value *mask)
{
    int idx = mf_tun_metadata_idx(mf);
    if (idx >= 0) {
        memset(value, 0, sizeof *value);
        memset(mask, 0, sizeof *mask);
        match_get_tun_metadata(match, idx, value->b, mask->b, NULL, NULL);
        return;
    }
    mf_get_value(mf, &match->flow, value);
    mf_get_mask(mf, &match->wc, mask);
}

void
mf_set_wild(const struct mf_field *mf, struct match *match, char **err_str)
{
    union mf_value zero;

    if (err_str) {
        *err_str = NULL;
    }
    memset(&zero, 0, sizeof zero);
    switch (mf->id) {
    case MFF_TUN_METADATA0 ... MFF_TUN_METADATA63:
        match_clear_tun_metadata(match, mf_tun_metadata_idx(mf));
        return;
    case MFF_DL_VLAN:
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP:
        /* Wildcarding the VID or PCP leaves the "tag present" bit alone
         * unless nothing else of the TCI remains matched. */
        mf_mask_field_masked(mf, &zero, &match->wc);
        mf_set_flow_value(mf, &zero, &match->flow);
        if (!(match->wc.masks.vlans[0].tci
              & htons(VLAN_VID_MASK | VLAN_PCP_MASK))) {
            match->wc.masks.vlans[0].tci = 0;
            match->flow.vlans[0].tci = 0;
        }
        return;
    default:
        break;
    }
    mf_mask_field_masked(mf, &zero, &match->wc);
    mf_set_flow_value(mf, &zero, &match->flow);
}

enum mf_maskable
mf_set(const struct mf_field *mf, const union mf_value *value,
       const union mf_value *mask, struct match *match, char **err_str)
{
    union mf_value v;

    if (err_str) {
        *err_str = NULL;
    }
    int idx = mf_tun_metadata_idx(mf);
    if (idx >= 0) {
        /* A zero mask matches the option's presence; see match.h. */
        bool masked = !bitwise_is_all_ones__(mask, mf->n_bytes);
        char *error = match_set_tun_metadata(match, idx, value->b,
                                             masked ? mask->b : NULL);
        if (err_str) {
            *err_str = error;
        } else {
            free(error);
        }
        return masked ? MFM_FULLY : MFM_NONE;
    }
    if (mf_value_is_zero(mf, mask)) {
        mf_set_wild(mf, match, NULL);
        return MFM_NONE;
    }
    if (mf_mask_is_exact(mf, mask) || mf->maskable == MFM_NONE) {
        /* A field that cannot be masked is matched exactly by any valid
         * nonzero mask (including all-ones wider than its bits). */
        mf_set_value(mf, value, match, NULL);
        return MFM_NONE;
    }
    for (size_t i = 0; i < sizeof v.b; i++) {
        v.b[i] = value->b[i] & mask->b[i];
    }
    mf_mask_field_masked(mf, mask, &match->wc);
    mf_set_flow_value(mf, &v, &match->flow);
    return MFM_FULLY;
}

void
mf_set_value(const struct mf_field *mf, const union mf_value *value,
             struct match *match, char **err_str)
{
    if (err_str) {
        *err_str = NULL;
    }
    switch (mf->id) {
    case MFF_TUN_METADATA0 ... MFF_TUN_METADATA63: {
        char *error = match_set_tun_metadata(match, mf_tun_metadata_idx(mf),
                                             value->b, NULL);
        if (err_str) {
            *err_str = error;
        } else {
            free(error);
        }
        return;
    }
    case MFF_DL_VLAN:
        match_set_dl_vlan(match, value->be16);
        return;
    case MFF_DL_VLAN_PCP:
    case MFF_VLAN_PCP:
        match_set_dl_vlan_pcp(match, value->u8);
        return;
    default: {
        union mf_value exact, v;

        mf_exact_mask(mf, &exact);
        for (size_t i = 0; i < sizeof v.b; i++) {
            v.b[i] = value->b[i] & exact.b[i];
        }
        mf_mask_field(mf, &match->wc);
        mf_set_flow_value(mf, &v, &match->flow);
        return;
    }
    }
}

/* Prerequisites. */

static bool
is_ip_any_type(be16 dl_type)
{
    return dl_type == htons(ETH_TYPE_IP) || dl_type == htons(ETH_TYPE_IPV6);
}

/* Evaluates prerequisite 'p' on 'flow'.  If 'wc' is nonnull, marks the
 * bits consulted. */
static bool
prereqs_ok(enum mf_prereqs p, const struct flow *flow,
           struct flow_wildcards *wc)
{
#define CONSULT(FIELD, BITS) \
    ((void) (wc ? (wc->masks.FIELD |= (BITS)) : 0))
    switch (p) {
    case MFP_NONE:
        return true;
    case MFP_ETHERNET:
        CONSULT(packet_type, UINT32_MAX);
        return flow->packet_type == htonl(PT_ETH);
    case MFP_ARP:
        CONSULT(dl_type, 0xffff);
        return (flow->dl_type == htons(ETH_TYPE_ARP)
                || flow->dl_type == htons(ETH_TYPE_RARP));
    case MFP_VLAN_VID:
        CONSULT(vlans[0].tci, htons(VLAN_CFI));
        return (flow->vlans[0].tci & htons(VLAN_CFI)) != 0;
    case MFP_IPV4:
        CONSULT(dl_type, 0xffff);
        return flow->dl_type == htons(ETH_TYPE_IP);
    case MFP_IPV6:
        CONSULT(dl_type, 0xffff);
        return flow->dl_type == htons(ETH_TYPE_IPV6);
    case MFP_IP_ANY:
        CONSULT(dl_type, 0xffff);
        return is_ip_any_type(flow->dl_type);
    case MFP_MPLS:
        CONSULT(dl_type, 0xffff);
        return (flow->dl_type == htons(ETH_TYPE_MPLS)
                || flow->dl_type == htons(ETH_TYPE_MPLS_MCAST));
    case MFP_NSH:
        CONSULT(dl_type, 0xffff);
        return flow->dl_type == htons(ETH_TYPE_NSH);
    case MFP_CT_VALID:
        CONSULT(ct_state, CS_TRACKED | CS_INVALID);
        return (flow->ct_state & (CS_TRACKED | CS_INVALID)) == CS_TRACKED;
    case MFP_TCP:
    case MFP_UDP:
    case MFP_SCTP: {
        uint8_t proto = (p == MFP_TCP ? IP_PROTO_TCP
                         : p == MFP_UDP ? IP_PROTO_UDP : IP_PROTO_SCTP);
        if (!prereqs_ok(MFP_IP_ANY, flow, wc)) {
            return false;
        }
        CONSULT(nw_proto, 0xff);
        if (flow->nw_proto != proto) {
            return false;
        }
        CONSULT(nw_frag, FLOW_NW_FRAG_LATER);
        return !(flow->nw_frag & FLOW_NW_FRAG_LATER);
    }
    case MFP_ICMPV4:
    case MFP_ICMPV6:
        if (!prereqs_ok(p == MFP_ICMPV4 ? MFP_IPV4 : MFP_IPV6, flow, wc)) {
            return false;
        }
        CONSULT(nw_proto, 0xff);
        /* Unlike TCP, UDP and SCTP ports, Open vSwitch accepts ICMP type
         * and code on later fragments. */
        return flow->nw_proto == (p == MFP_ICMPV4 ? IP_PROTO_ICMP
                                  : IP_PROTO_ICMPV6);
    case MFP_ND:
    case MFP_ND_SOLICIT:
    case MFP_ND_ADVERT: {
        uint16_t type;

        if (!prereqs_ok(MFP_ICMPV6, flow, wc)) {
            return false;
        }
        CONSULT(tp_src, htons(0xff));
        CONSULT(tp_dst, htons(0xff));
        if (flow->tp_dst != htons(0)) {
            return false;
        }
        type = ntohs(flow->tp_src);
        return (p == MFP_ND
                ? type == ND_NEIGHBOR_SOLICIT || type == ND_NEIGHBOR_ADVERT
                : p == MFP_ND_SOLICIT ? type == ND_NEIGHBOR_SOLICIT
                : type == ND_NEIGHBOR_ADVERT);
    }
    default:
        SVS_NOT_REACHED();
    }
#undef CONSULT
}

bool
mf_are_prereqs_ok(const struct mf_field *mf, const struct flow *flow,
                  struct flow_wildcards *wc)
{
    return prereqs_ok(mf->prereqs, flow, wc);
}

bool
mf_are_match_prereqs_ok(const struct mf_field *mf, const struct match *match)
{
    const struct flow *f = &match->flow;

    if (mf->prereqs == MFP_CT_VALID) {
        /* The match must guarantee a valid connection: one of the state
         * bits that imply it, or +trk with an explicit -inv.  The original
         * tuple's addresses also need the matching IP version. */
        uint8_t valid_bits = (CS_NEW | CS_ESTABLISHED | CS_RELATED
                              | CS_REPLY_DIR | CS_SRC_NAT | CS_DST_NAT);

        if (!(f->ct_state & valid_bits)
            && !((f->ct_state & CS_TRACKED)
                 && (match->wc.masks.ct_state & CS_INVALID)
                 && !(f->ct_state & CS_INVALID))) {
            return false;
        }
        switch (mf->id) {
        case MFF_CT_NW_SRC:
        case MFF_CT_NW_DST:
            return f->dl_type == htons(ETH_TYPE_IP);
        case MFF_CT_IPV6_SRC:
        case MFF_CT_IPV6_DST:
            return f->dl_type == htons(ETH_TYPE_IPV6);
        default:
            return true;
        }
    }

    /* Wildcarded bits of the match's flow are zero, so evaluating the
     * prerequisites on the flow alone asks whether the match makes them
     * hold, as Open vSwitch does (e.g. a wildcarded icmp_code counts as
     * code 0 for neighbor discovery). */
    return prereqs_ok(mf->prereqs, f, NULL);
}

static void
mask_prereqs(enum mf_prereqs p, struct flow_wildcards *wc)
{
    struct flow dummy;

    /* Evaluating the prerequisite on an all-zeros flow stops at the first
     * unmet condition, so mark the full chain explicitly instead. */
    memset(&dummy, 0, sizeof dummy);
    switch (p) {
    case MFP_NONE:
        break;
    case MFP_ETHERNET:
        wc->masks.packet_type = UINT32_MAX;
        break;
    case MFP_VLAN_VID:
        wc->masks.vlans[0].tci |= htons(VLAN_CFI);
        break;
    case MFP_ARP:
    case MFP_IPV4:
    case MFP_IPV6:
    case MFP_IP_ANY:
    case MFP_MPLS:
    case MFP_NSH:
        wc->masks.dl_type = UINT16_MAX;
        break;
    case MFP_CT_VALID:
        wc->masks.ct_state |= CS_TRACKED | CS_INVALID;
        break;
    case MFP_TCP:
    case MFP_UDP:
    case MFP_SCTP:
        wc->masks.dl_type = UINT16_MAX;
        wc->masks.nw_proto = UINT8_MAX;
        wc->masks.nw_frag |= FLOW_NW_FRAG_LATER;
        break;
    case MFP_ICMPV4:
    case MFP_ICMPV6:
        wc->masks.dl_type = UINT16_MAX;
        wc->masks.nw_proto = UINT8_MAX;
        break;
    case MFP_ND:
    case MFP_ND_SOLICIT:
    case MFP_ND_ADVERT:
        wc->masks.dl_type = UINT16_MAX;
        wc->masks.nw_proto = UINT8_MAX;
        wc->masks.tp_src |= htons(0xff);
        wc->masks.tp_dst |= htons(0xff);
        break;
    default:
        SVS_NOT_REACHED();
    }
}

void
mf_mask_field_and_prereqs(const struct mf_field *mf,
                          struct flow_wildcards *wc)
{
    mf_mask_field(mf, wc);
    mask_prereqs(mf->prereqs, wc);
}

void
mf_set_prereqs(const struct mf_field *mf, bool ipv6, struct match *match)
{
    be16 ip_type = htons(ipv6 ? ETH_TYPE_IPV6 : ETH_TYPE_IP);

    switch (mf->prereqs) {
    case MFP_NONE:
    case MFP_CT_VALID:
        break;
    case MFP_ETHERNET:
        match_set_packet_type(match, htonl(PT_ETH));
        break;
    case MFP_VLAN_VID:
        match_set_any_vid(match);
        break;
    case MFP_ARP:
        match_set_dl_type(match, htons(ETH_TYPE_ARP));
        break;
    case MFP_IPV4:
        match_set_dl_type(match, htons(ETH_TYPE_IP));
        break;
    case MFP_IPV6:
        match_set_dl_type(match, htons(ETH_TYPE_IPV6));
        break;
    case MFP_IP_ANY:
        match_set_dl_type(match, ip_type);
        break;
    case MFP_MPLS:
        match_set_dl_type(match, htons(ETH_TYPE_MPLS));
        break;
    case MFP_NSH:
        match_set_dl_type(match, htons(ETH_TYPE_NSH));
        break;
    case MFP_TCP:
        match_set_dl_type(match, ip_type);
        match_set_nw_proto(match, IP_PROTO_TCP);
        break;
    case MFP_UDP:
        match_set_dl_type(match, ip_type);
        match_set_nw_proto(match, IP_PROTO_UDP);
        break;
    case MFP_SCTP:
        match_set_dl_type(match, ip_type);
        match_set_nw_proto(match, IP_PROTO_SCTP);
        break;
    case MFP_ICMPV4:
        match_set_dl_type(match, htons(ETH_TYPE_IP));
        match_set_nw_proto(match, IP_PROTO_ICMP);
        break;
    case MFP_ICMPV6:
    case MFP_ND:
    case MFP_ND_SOLICIT:
    case MFP_ND_ADVERT:
        match_set_dl_type(match, htons(ETH_TYPE_IPV6));
        match_set_nw_proto(match, IP_PROTO_ICMPV6);
        if (mf->prereqs != MFP_ICMPV6) {
            match_set_icmp_type(match, (mf->prereqs == MFP_ND_ADVERT
                                        ? ND_NEIGHBOR_ADVERT
                                        : ND_NEIGHBOR_SOLICIT));
            match_set_icmp_code(match, 0);
        }
        break;
    default:
        SVS_NOT_REACHED();
    }
}

const char *
mf_prereqs_to_string(enum mf_prereqs p)
{
    switch (p) {
    case MFP_NONE: return "none";
    case MFP_ETHERNET: return "Ethernet";
    case MFP_ARP: return "ARP";
    case MFP_VLAN_VID: return "VLAN VID";
    case MFP_IPV4: return "IPv4";
    case MFP_IPV6: return "IPv6";
    case MFP_IP_ANY: return "IPv4/IPv6";
    case MFP_MPLS: return "MPLS";
    case MFP_NSH: return "NSH";
    case MFP_CT_VALID: return "CT";
    case MFP_TCP: return "TCP";
    case MFP_UDP: return "UDP";
    case MFP_SCTP: return "SCTP";
    case MFP_ICMPV4: return "ICMPv4";
    case MFP_ICMPV6: return "ICMPv6";
    case MFP_ND: return "ND";
    case MFP_ND_SOLICIT: return "ND solicit";
    case MFP_ND_ADVERT: return "ND advert";
    default: return "<unknown>";
    }
}

/* OpenFlow ports. */

static const struct {
    ofp_port_t port;
    const char *name;
} reserved_ports[] = {
    { OFPP_UNSET, "UNSET" },
    { OFPP_IN_PORT, "IN_PORT" },
    { OFPP_TABLE, "TABLE" },
    { OFPP_NORMAL, "NORMAL" },
    { OFPP_FLOOD, "FLOOD" },
    { OFPP_ALL, "ALL" },
    { OFPP_CONTROLLER, "CONTROLLER" },
    { OFPP_LOCAL, "LOCAL" },
    { OFPP_NONE, "ANY" },
    { OFPP_NONE, "NONE" },
};

const char *
mf_ofp_port_name(ofp_port_t port)
{
    for (size_t i = 0; i < ARRAY_SIZE(reserved_ports); i++) {
        if (reserved_ports[i].port == port) {
            return reserved_ports[i].name;
        }
    }
    return NULL;
}

void
mf_format_ofp_port(ofp_port_t port, struct ds *s)
{
    const char *name = mf_ofp_port_name(port);

    if (name) {
        ds_put_cstr(s, name);
    } else {
        ds_put_format(s, "%"PRIu16, port);
    }
}

ofp11_port_t
mf_ofp_port_to_ofp11(ofp_port_t port)
{
    return port < OFPP_MAX ? port : port + OFPP11_OFFSET;
}

bool
mf_ofp11_port_to_ofp(ofp11_port_t port, ofp_port_t *portp)
{
    if (port < OFPP_MAX) {
        *portp = port;
        return true;
    } else if (port >= OFPP11_MAX) {
        *portp = port - OFPP11_OFFSET;
        return true;
    }
    return false;
}

/* Parses decimal digits only (as ovs-ofctl does for ports). */
static bool
parse_decimal_u32(const char *s, uint32_t *x)
{
    unsigned long long v = 0;

    if (!*s) {
        return false;
    }
    for (; *s; s++) {
        if (*s < '0' || *s > '9') {
            return false;
        }
        v = v * 10 + (*s - '0');
        if (v > UINT32_MAX) {
            return false;
        }
    }
    *x = v;
    return true;
}

bool
mf_parse_ofp_port(const char *s, ofp_port_t *port)
{
    uint32_t x;

    if (parse_decimal_u32(s, &x)) {
        if (x <= UINT16_MAX) {
            *port = x;
            return true;
        }
        return x >= OFPP11_MAX && mf_ofp11_port_to_ofp(x, port);
    }
    for (size_t i = 0; i < ARRAY_SIZE(reserved_ports); i++) {
        if (!strcasecmp(s, reserved_ports[i].name)) {
            *port = reserved_ports[i].port;
            return true;
        }
    }
    return false;
}

/* Flags. */

struct mf_flag_set {
    const char *what;           /* For messages: "TCP", "ct_state". */
    uint32_t valid;             /* Bits that may be set. */
    const char *(*bit_name)(uint32_t bit);
};

static const char *
tcp_flag_bit_name(uint32_t bit)
{
    static const char *names[] = {
        "fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns",
    };
    return bit < ARRAY_SIZE(names) ? names[bit] : NULL;
}

const char *
mf_ct_state_bit_name(uint32_t bit)
{
    static const char *names[] = {
        "new", "est", "rel", "rpl", "inv", "trk", "snat", "dnat",
    };
    return bit < ARRAY_SIZE(names) ? names[bit] : NULL;
}

static const char *
tnl_flag_bit_name(uint32_t bit)
{
    return bit == 0 ? "oam" : NULL;
}

static const struct mf_flag_set tcp_flag_set = {
    "TCP", TCP_FLAGS_MASK, tcp_flag_bit_name
};
static const struct mf_flag_set ct_state_flag_set = {
    "ct_state", 0xff, mf_ct_state_bit_name
};
static const struct mf_flag_set tnl_flag_set = {
    "tunnel", FLOW_TNL_F_OAM, tnl_flag_bit_name
};

static void
format_flag_bit(const struct mf_flag_set *fs, uint32_t bit, struct ds *s)
{
    const char *name = fs->bit_name(bit);

    if (name) {
        ds_put_cstr(s, name);
    } else {
        ds_put_format(s, "[%"PRIx32"]", (uint32_t) 1 << bit);
    }
}

/* Appends flags 'value' under 'mask' as "+a-b", or, if 'mask' covers all
 * valid bits and 'plus_minus' is false, as "a|b" ("0" for none). */
static void
format_flags(const struct mf_flag_set *fs, uint32_t value, uint32_t mask,
             bool plus_minus, struct ds *s)
{
    if (!plus_minus && (mask & fs->valid) == fs->valid) {
        bool first = true;

        if (!(value & fs->valid)) {
            ds_put_char(s, '0');
            return;
        }
        for (uint32_t bit = 0; bit < 32; bit++) {
            if (value & fs->valid & (UINT32_C(1) << bit)) {
                if (!first) {
                    ds_put_char(s, '|');
                }
                first = false;
                format_flag_bit(fs, bit, s);
            }
        }
        return;
    }
    for (uint32_t bit = 0; bit < 32; bit++) {
        uint32_t b = UINT32_C(1) << bit;
        if (mask & b) {
            ds_put_char(s, value & b ? '+' : '-');
            format_flag_bit(fs, bit, s);
        }
    }
}

static bool
flag_from_name(const struct mf_flag_set *fs, const char *name, size_t len,
               uint32_t *bitp)
{
    for (uint32_t bit = 0; bit < 32; bit++) {
        if (fs->valid & (UINT32_C(1) << bit)) {
            const char *n = fs->bit_name(bit);
            if (n && strlen(n) == len && !memcmp(n, name, len)) {
                *bitp = UINT32_C(1) << bit;
                return true;
            }
        }
    }
    return false;
}

static char *parse_uint_masked(const char *s, unsigned long long max,
                               unsigned long long *value,
                               unsigned long long *mask);

static char * SVS_WARN_UNUSED_RESULT
parse_flags(const struct mf_flag_set *fs, const char *s, uint32_t *valuep,
            uint32_t *maskp)
{
    uint32_t value = 0, mask = 0;
    const char *whole = s;

    if (*s == '+' || *s == '-') {
        while (*s) {
            bool set = *s == '+';
            const char *start;
            uint32_t bit;

            if (*s != '+' && *s != '-') {
                return xasprintf("%s: unknown %s flag(s)", s, fs->what);
            }
            start = ++s;
            s += strcspn(s, "+-");
            if (!flag_from_name(fs, start, s - start, &bit)) {
                return xasprintf("%.*s: unknown %s flag(s)",
                                 (int) (s - start), start, fs->what);
            }
            mask |= bit;
            if (set) {
                value |= bit;
            } else {
                value &= ~bit;
            }
        }
    } else if (*s >= '0' && *s <= '9') {
        unsigned long long v = 0, m = 0;
        char *error = parse_uint_masked(s, UINT32_MAX, &v, &m);

        if (!error && !strchr(s, '/')) {
            m = fs->valid;
        }
        if (error || (v | m) & ~(unsigned long long) fs->valid) {
            free(error);
            return xasprintf("%s: unknown %s flag(s)", s, fs->what);
        }
        value = v;
        mask = m == UINT32_MAX && !strchr(s, '/') ? fs->valid : m;
    } else {
        while (*s) {
            size_t len = strcspn(s, "|");
            uint32_t bit;

            if (!flag_from_name(fs, s, len, &bit)) {
                return xasprintf("%s: unknown %s flag(s)", whole, fs->what);
            }
            value |= bit;
            s += len;
            if (*s == '|') {
                s++;
            }
        }
        mask = fs->valid;
    }
    *valuep = value & mask;
    *maskp = mask;
    return NULL;
}

/* Integers. */

/* Parses "VALUE[/MASK]" as unsigned integers (C syntax: decimal, 0x hex or
 * leading-0 octal) no greater than 'max'.  Without a mask '*mask' is
 * 'max'. */
static char *
parse_uint_masked(const char *s, unsigned long long max,
                  unsigned long long *value, unsigned long long *mask)
{
    char *tail;

    errno = 0;
    *value = strtoull(s, &tail, 0);
    if (errno || tail == s || *value > max || (*tail && *tail != '/')) {
        return xasprintf("%s: bad syntax", s);
    }
    if (*tail == '/') {
        const char *m = tail + 1;
        *mask = strtoull(m, &tail, 0);
        if (errno || tail == m || *mask > max || *tail) {
            return xasprintf("%s: bad syntax", s);
        }
    } else {
        *mask = max;
    }
    return NULL;
}

/* Parses integer 's' (the whole string) into the 'n_bytes'-byte big-endian
 * 'value'.  Returns 0 if successful, EINVAL for bad syntax, ERANGE if it
 * does not fit. */
static int
parse_int_bytes(const char *s, uint8_t *value, unsigned int n_bytes)
{
    memset(value, 0, n_bytes);
    if ((s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !s[2])) {
        /* "0x" alone is zero for ovs-ofctl. */
        return 0;
    }
    if (n_bytes <= 8) {
        unsigned long long x;
        char *tail;

        if (!*s || isspace((unsigned char) *s)) {
            return EINVAL;
        }
        /* As strtoull(), ovs-ofctl takes "-N" modulo 2**64: too large for
         * fields narrower than 64 bits, all-ones-ish for the others. */
        errno = 0;
        x = strtoull(s, &tail, 0);
        if (*tail || tail == s) {
            return EINVAL;
        }
        if (errno == ERANGE || (n_bytes < 8 && x >> (n_bytes * 8))) {
            return ERANGE;
        }
        for (unsigned int i = 0; i < n_bytes; i++) {
            value[n_bytes - 1 - i] = x >> (8 * i);
        }
        return 0;
    }

    /* Wide fields: hexadecimal, or decimal that fits in 64 bits. */
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        const char *digits = s + 2;
        size_t n = strlen(digits);

        if (!n) {
            return EINVAL;
        }
        for (size_t i = 0; i < n; i++) {
            if (!isxdigit((unsigned char) digits[i])) {
                return EINVAL;
            }
        }
        while (n > 1 && *digits == '0') {
            digits++;
            n--;
        }
        if (n > n_bytes * 2) {
            return ERANGE;
        }
        for (size_t i = 0; i < n; i++) {
            char c = digits[n - 1 - i];
            int d = (c <= '9' ? c - '0'
                     : c <= 'F' ? c - 'A' + 10 : c - 'a' + 10);
            value[n_bytes - 1 - i / 2] |= d << (4 * (i % 2));
        }
        return 0;
    } else {
        uint8_t tmp[8];
        int error = parse_int_bytes(s, tmp, 8);
        if (!error) {
            memcpy(value + n_bytes - 8, tmp, 8);
        }
        return error;
    }
}

/* Value parsing and formatting. */

static char *
mf_from_integer_string(const struct mf_field *mf, const char *s,
                       union mf_value *value, union mf_value *mask)
{
    const char *slash = strchr(s, '/');
    char *vstr = slash ? xmemdup0(s, slash - s) : xstrdup(s);
    char *error = NULL;
    int err;

    err = parse_int_bytes(vstr, value->b, mf->n_bytes);
    if (err == EINVAL) {
        error = xasprintf("%s: bad syntax for %s value", s, mf->name);
    } else if (err == ERANGE) {
        error = xasprintf("%s: value too large for %u-byte field %s",
                          vstr, mf->n_bytes, mf->name);
    } else if (slash) {
        err = parse_int_bytes(slash + 1, mask->b, mf->n_bytes);
        if (err == EINVAL) {
            error = xasprintf("%s: bad syntax for %s mask", s, mf->name);
        } else if (err == ERANGE) {
            error = xasprintf("%s: mask too large for %u-byte field %s",
                              slash + 1, mf->n_bytes, mf->name);
        }
    } else {
        mf_exact_mask(mf, mask);
    }
    free(vstr);
    return error;
}

static char *
mf_from_ethernet_string(const struct mf_field *mf SVS_UNUSED,
                        const char *s, union mf_value *value,
                        union mf_value *mask)
{
    return eth_parse_masked(s, &value->mac, &mask->mac);
}

static char *
mf_from_frag_string(const char *s, union mf_value *value,
                    union mf_value *mask)
{
    static const struct {
        const char *name;
        uint8_t value, mask;
    } frags[] = {
        { "no", 0, FLOW_NW_FRAG_MASK },
        { "yes", FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_ANY },
        { "first", FLOW_NW_FRAG_ANY, FLOW_NW_FRAG_MASK },
        { "later", FLOW_NW_FRAG_MASK, FLOW_NW_FRAG_MASK },
        { "not_later", 0, FLOW_NW_FRAG_LATER },
    };

    for (size_t i = 0; i < ARRAY_SIZE(frags); i++) {
        if (!strcasecmp(s, frags[i].name)) {
            value->u8 = frags[i].value;
            mask->u8 = frags[i].mask;
            return NULL;
        }
    }
    return xasprintf("%s: unknown fragment type (valid types are \"no\", "
                     "\"yes\", \"first\", \"later\", \"not_later\"", s);
}

char *
mf_parse(const struct mf_field *mf, const char *s, union mf_value *value,
         union mf_value *mask)
{
    char *error = NULL;

    memset(value, 0, sizeof *value);
    memset(mask, 0, sizeof *mask);
    if (!strcmp(s, "*")) {
        /* A wildcard. */
        return NULL;
    }

    switch (mf->string) {
    case MFS_DECIMAL:
    case MFS_HEXADECIMAL:
        error = mf_from_integer_string(mf, s, value, mask);
        break;

    case MFS_ETHERNET:
        error = mf_from_ethernet_string(mf, s, value, mask);
        break;

    case MFS_IPV4:
        error = ip_parse_masked(s, &value->be32, &mask->be32);
        break;

    case MFS_IPV6:
        error = ipv6_parse_masked(s, &value->ipv6, &mask->ipv6);
        break;

    case MFS_OFP_PORT:
    case MFS_OFP_PORT_OXM: {
        ofp_port_t port;

        if (!mf_parse_ofp_port(s, &port)) {
            return (mf->string == MFS_OFP_PORT
                    ? xasprintf("%s: invalid or unknown port for %s",
                                s, mf->name)
                    : xasprintf("%s: port value out of range for %s",
                                s, mf->name));
        }
        if (mf->n_bytes == 2) {
            value->be16 = htons(port);
        } else {
            value->be32 = htonl(mf_ofp_port_to_ofp11(port));
        }
        mf_exact_mask(mf, mask);
        return NULL;
    }

    case MFS_FRAG:
        error = mf_from_frag_string(s, value, mask);
        break;

    case MFS_TNL_FLAGS:
    case MFS_TCP_FLAGS:
    case MFS_CT_STATE: {
        const struct mf_flag_set *fs = (mf->string == MFS_TNL_FLAGS
                                        ? &tnl_flag_set
                                        : mf->string == MFS_TCP_FLAGS
                                        ? &tcp_flag_set
                                        : &ct_state_flag_set);
        uint32_t v = 0, m = 0;

        error = parse_flags(fs, s, &v, &m);
        if (!error && mf->string == MFS_TCP_FLAGS && *s != '+' && *s != '-'
            && !strchr(s, '/')) {
            /* An exact tcp_flags match ("0x012", "syn|ack") covers the
             * whole 16-bit field, as in Open vSwitch, so that it goes on
             * the wire without a mask. */
            m = UINT16_MAX;
        }
        if (!error) {
            if (mf->n_bytes == 2) {
                value->be16 = htons(v);
                mask->be16 = htons(m);
            } else {
                value->be32 = htonl(v);
                mask->be32 = htonl(m);
            }
        }
        break;
    }

    case MFS_PACKET_TYPE:
        error = packet_type_parse(s, &value->be32);
        if (!error) {
            mask->be32 = UINT32_MAX;
        }
        break;

    default:
        SVS_NOT_REACHED();
    }

    if (!error && !mf_is_mask_valid(mf, mask)) {
        error = xasprintf("%s: invalid mask for field %s", s, mf->name);
    }
    if (error) {
        memset(value, 0, sizeof *value);
        memset(mask, 0, sizeof *mask);
    }
    return error;
}

char *
mf_parse_value(const struct mf_field *mf, const char *s,
               union mf_value *value)
{
    union mf_value mask;
    char *error = mf_parse(mf, s, value, &mask);

    if (!error && !mf_mask_is_exact(mf, &mask)
        && !(mf->string == MFS_TNL_FLAGS || mf->string == MFS_TCP_FLAGS
             || mf->string == MFS_CT_STATE)) {
        union mf_value exact;
        mf_exact_mask(mf, &exact);
        /* Values wider than n_bits but within n_bytes are tolerated
         * (ovs-ofctl truncates them); only an explicit mask is wrong. */
        if (strchr(s, '/')) {
            return xasprintf("%s: value may not be masked", s);
        }
    }
    return error;
}

char *
mf_parse_field(const struct mf_field *mf, const char *s, struct match *match)
{
    union mf_value value, mask;
    char *error;

    if (!*s) {
        /* ovs-ofctl treats an empty value as a wildcard. */
        mf_set_wild(mf, match, NULL);
        return NULL;
    }
    error = mf_parse(mf, s, &value, &mask);
    if (!error) {
        mf_set(mf, &value, &mask, match, NULL);
    }
    return error;
}

/* Appends the integer of 'n_bytes' bytes at 'p' in hex ("0x..."), without
 * leading zeros; zero is "0", as ovs-ofctl prints it. */
static void
format_hex_bytes(const uint8_t *p, unsigned int n_bytes, struct ds *s)
{
    unsigned int i = 0;

    while (i < n_bytes - 1 && !p[i]) {
        i++;
    }
    if (!p[i]) {
        ds_put_char(s, '0');
        return;
    }
    ds_put_format(s, "0x%"PRIx8, p[i]);
    for (i++; i < n_bytes; i++) {
        ds_put_format(s, "%02"PRIx8, p[i]);
    }
}

static uint64_t
bytes_to_u64(const uint8_t *p, unsigned int n_bytes)
{
    uint64_t x = 0;
    for (unsigned int i = 0; i < n_bytes; i++) {
        x = (x << 8) | p[i];
    }
    return x;
}

void
mf_format(const struct mf_field *mf, const union mf_value *value,
          const union mf_value *mask, struct ds *s)
{
    if (mask && mf_value_is_zero(mf, mask)) {
        ds_put_cstr(s, "ANY");
        return;
    }
    if (mask && mf_mask_is_exact(mf, mask)) {
        mask = NULL;
    }

    switch (mf->string) {
    case MFS_OFP_PORT:
    case MFS_OFP_PORT_OXM:
        if (!mask) {
            ofp_port_t port;

            if (mf->n_bytes == 2) {
                port = ntohs(value->be16);
            } else if (!mf_ofp11_port_to_ofp(ntohl(value->be32), &port)) {
                ds_put_format(s, "%"PRIu32, ntohl(value->be32));
                break;
            }
            mf_format_ofp_port(port, s);
            break;
        }
        /* Fall through. */
    case MFS_DECIMAL:
    case MFS_HEXADECIMAL:
        if (mf->string == MFS_DECIMAL && mf->n_bytes <= 8) {
            /* A decimal value, with any mask in hex ("80/0xff"). */
            ds_put_format(s, "%"PRIu64, bytes_to_u64(value->b,
                                                     mf->n_bytes));
            if (mask) {
                ds_put_char(s, '/');
                format_hex_bytes(mask->b, mf->n_bytes, s);
            }
        } else {
            format_hex_bytes(value->b, mf->n_bytes, s);
            if (mask) {
                ds_put_char(s, '/');
                format_hex_bytes(mask->b, mf->n_bytes, s);
            }
        }
        break;

    case MFS_ETHERNET:
        eth_format_masked(value->mac, mask ? &mask->mac : NULL, s);
        break;

    case MFS_IPV4:
        ip_format_masked(value->be32, mask ? mask->be32 : UINT32_MAX, s);
        break;

    case MFS_IPV6:
        ipv6_format_masked(&value->ipv6, mask ? &mask->ipv6 : NULL, s);
        break;

    case MFS_FRAG: {
        const char *name = ip_frag_to_string(value->u8,
                                             mask ? mask->u8
                                             : FLOW_NW_FRAG_MASK);
        if (name) {
            ds_put_cstr(s, name);
        } else {
            ds_put_format(s, "0x%"PRIx8"/0x%"PRIx8, value->u8,
                          mask ? mask->u8 : FLOW_NW_FRAG_MASK);
        }
        break;
    }

    case MFS_TNL_FLAGS:
        format_flags(&tnl_flag_set, ntohs(value->be16),
                     mask ? ntohs(mask->be16) : FLOW_TNL_F_OAM, false, s);
        break;

    case MFS_TCP_FLAGS:
        format_flags(&tcp_flag_set, ntohs(value->be16),
                     mask ? ntohs(mask->be16) : TCP_FLAGS_MASK, false, s);
        break;

    case MFS_CT_STATE:
        format_flags(&ct_state_flag_set, ntohl(value->be32),
                     mask ? ntohl(mask->be32) : 0xff, false, s);
        break;

    case MFS_PACKET_TYPE:
        packet_type_format(value->be32, s);
        break;

    default:
        SVS_NOT_REACHED();
    }
}

/* Subfields. */

const struct mf_field *
mf_from_any_name(const char *name, size_t len)
{
    const struct mf_field *mf = mf_from_name_len(name, len);

    if (mf) {
        return mf;
    }
    if (len > 2 && !memcmp(name + len - 2, "_W", 2)) {
        len -= 2;
    }
    for (size_t i = 0; i < MFF_N_IDS; i++) {
        const struct mf_field *f = &mf_fields[i];

        for (size_t j = 0; j < f->n_headers; j++) {
            const char *hn = f->headers[j].name;
            if (strlen(hn) == len && !memcmp(hn, name, len)) {
                return f;
            }
        }
    }
    return NULL;
}

char *
mf_parse_subfield__(struct mf_subfield *sf, const char **sp)
{
    const char *s = *sp;
    const char *name = s;
    const struct mf_field *field;
    size_t name_len;
    unsigned long start, end;
    char *tail;

    name_len = strspn(s, "abcdefghijklmnopqrstuvwxyz"
                      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
    if (!name_len) {
        return xasprintf("%s: missing field name", s);
    }
    field = mf_from_any_name(name, name_len);
    if (!field) {
        return xasprintf("%s: unknown field `%.*s'", *sp, (int) name_len,
                         name);
    }
    s += name_len;

    if (*s != '[') {
        /* A bare field name means the whole field. */
        sf->field = field;
        sf->ofs = 0;
        sf->n_bits = field->n_bits;
        *sp = s;
        return NULL;
    }
    s++;
    if (*s == ']') {
        start = 0;
        end = field->n_bits - 1;
        s++;
    } else {
        if (*s < '0' || *s > '9') {
            goto syntax_error;
        }
        start = strtoul(s, &tail, 10);
        s = tail;
        if (s[0] == '.' && s[1] == '.') {
            s += 2;
            if (*s < '0' || *s > '9') {
                goto syntax_error;
            }
            end = strtoul(s, &tail, 10);
            s = tail;
        } else {
            end = start;
        }
        if (*s != ']') {
            goto syntax_error;
        }
        s++;
    }

    if (start > end) {
        return xasprintf("%s: starting bit %lu is after ending bit %lu",
                         *sp, start, end);
    } else if (start >= field->n_bits) {
        return xasprintf("%s: starting bit %lu is not valid because field "
                         "is only %u bits wide", *sp, start, field->n_bits);
    } else if (end >= field->n_bits) {
        return xasprintf("%s: ending bit %lu is not valid because field is "
                         "only %u bits wide", *sp, end, field->n_bits);
    }
    sf->field = field;
    sf->ofs = start;
    sf->n_bits = end - start + 1;
    *sp = s;
    return NULL;

syntax_error:
    return xasprintf("%s: syntax error expecting [] or [<bit>] or "
                     "[<start>..<end>]", *sp);
}

char *
mf_parse_subfield(struct mf_subfield *sf, const char *s)
{
    const char *p = s;
    char *error = mf_parse_subfield__(sf, &p);

    if (!error && *p) {
        error = xasprintf("%s: trailing garbage following subfield", s);
    }
    return error;
}

bool
mf_subfield_is_whole(const struct mf_subfield *sf)
{
    return sf->ofs == 0 && sf->n_bits == sf->field->n_bits;
}

void
mf_format_subfield(const struct mf_subfield *sf, struct ds *s)
{
    if (!sf->field) {
        ds_put_cstr(s, "<unknown>");
        return;
    }
    ds_put_cstr(s, mf_nxm_name(sf->field));
    if (mf_subfield_is_whole(sf)) {
        ds_put_cstr(s, "[]");
    } else if (sf->n_bits == 1) {
        ds_put_format(s, "[%u]", sf->ofs);
    } else {
        ds_put_format(s, "[%u..%u]", sf->ofs, sf->ofs + sf->n_bits - 1);
    }
}

static enum ofperr
mf_check__(const struct mf_subfield *sf, const struct match *match,
           bool dst)
{
    if (!sf->field) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    if (!sf->n_bits || sf->ofs >= sf->field->n_bits
        || sf->n_bits > sf->field->n_bits - sf->ofs) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    if (dst && !sf->field->writable) {
        return OFPERR_OFPBAC_BAD_SET_ARGUMENT;
    }
    if (match && !mf_are_match_prereqs_ok(sf->field, match)) {
        return OFPERR_OFPBAC_MATCH_INCONSISTENT;
    }
    return 0;
}

enum ofperr
mf_check_src(const struct mf_subfield *sf, const struct match *match)
{
    return mf_check__(sf, match, false);
}

enum ofperr
mf_check_dst(const struct mf_subfield *sf, const struct match *match)
{
    return mf_check__(sf, match, true);
}

void
mf_value_to_subvalue(const struct mf_field *mf, const union mf_value *v,
                     union mf_subvalue *x)
{
    memset(x, 0, sizeof *x);
    memcpy(&x->u8[sizeof x->u8 - mf->n_bytes], v->b, mf->n_bytes);
}

void
mf_subvalue_to_value(const struct mf_field *mf, const union mf_subvalue *x,
                     union mf_value *v)
{
    memset(v, 0, sizeof *v);
    memcpy(v->b, &x->u8[sizeof x->u8 - mf->n_bytes], mf->n_bytes);
}

void
mf_read_subfield(const struct mf_subfield *sf, const struct flow *flow,
                 union mf_subvalue *x)
{
    union mf_value value;

    mf_get_value(sf->field, flow, &value);
    memset(x, 0, sizeof *x);
    bitwise_copy(&value, sf->field->n_bytes, sf->ofs, x, sizeof *x, 0,
                 sf->n_bits);
}

uint64_t
mf_get_subfield(const struct mf_subfield *sf, const struct flow *flow)
{
    union mf_value value;

    mf_get_value(sf->field, flow, &value);
    return bitwise_get(&value, sf->field->n_bytes, sf->ofs,
                       MIN(sf->n_bits, 64));
}

void
mf_write_subfield_flow(const struct mf_subfield *sf,
                       const union mf_subvalue *x, struct flow *flow)
{
    union mf_value value;

    mf_get_value(sf->field, flow, &value);
    bitwise_copy(x, sizeof *x, 0, &value, sf->field->n_bytes, sf->ofs,
                 sf->n_bits);
    mf_set_flow_value(sf->field, &value, flow);
}

void
mf_write_subfield(const struct mf_subfield *sf, const union mf_subvalue *x,
                  struct match *match)
{
    union mf_value value, mask;

    mf_get(sf->field, match, &value, &mask);
    bitwise_copy(x, sizeof *x, 0, &value, sf->field->n_bytes, sf->ofs,
                 sf->n_bits);
    bitwise_one(&mask, sf->field->n_bytes, sf->ofs, sf->n_bits);
    mf_set(sf->field, &value, &mask, match, NULL);
}

void
mf_set_subfield(const struct mf_subfield *sf, uint64_t x, struct flow *flow)
{
    union mf_subvalue sv;

    memset(&sv, 0, sizeof sv);
    sv.integer = svs_htonll(x);
    mf_write_subfield_flow(sf, &sv, flow);
}

void
mf_mask_subfield(const struct mf_subfield *sf, struct flow_wildcards *wc)
{
    union mf_value mask;

    mf_get_mask(sf->field, wc, &mask);
    bitwise_one(&mask, sf->field->n_bytes, sf->ofs, sf->n_bits);
    mf_mask_field_masked(sf->field, &mask, wc);
}

char *
mf_parse_subvalue(const char *s, union mf_subvalue *x)
{
    int error = parse_int_bytes(s, x->u8, sizeof x->u8);

    if (error == EINVAL) {
        return xasprintf("%s: bad syntax for value", s);
    } else if (error == ERANGE) {
        return xasprintf("%s: value too large", s);
    }
    return NULL;
}

void
mf_format_subvalue(const union mf_subvalue *x, struct ds *s)
{
    format_hex_bytes(x->u8, sizeof x->u8, s);
}

int
mf_subvalue_width(const union mf_subvalue *x)
{
    return 1 + bitwise_rscan(x, sizeof *x, true, sizeof *x * 8 - 1, -1);
}
