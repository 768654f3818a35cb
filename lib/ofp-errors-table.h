/* ofp-errors-table.h: the table of OpenFlow errors (see ofp-errors.h).
 *
 * Each OFPERR_ENTRY(NAME, DESCRIPTION, V10, V11, V12, V13, V14, V15) names
 * an error and gives its encoding in OpenFlow 1.0 through 1.5: OFPERR_NONE
 * if the version cannot express it, otherwise OFPERR_C(VENDOR, TYPE, CODE),
 * where VENDOR 0 is a standard error and any other value an experimenter
 * (vendor) error whose TYPE is the experimenter's error type (and CODE, in
 * OpenFlow 1.2 and later, is unused).  Entries are sorted by name: when two
 * errors share an encoding in some version, decoding yields the first
 * one.
 *
 * This file has no include guard: it is included with OFPERR_ENTRY defined
 * as needed. */
    OFPERR_ENTRY(NXBAC_BAD_CONJUNCTION, "Bad action: bad conjunction.",
                 OFPERR_C(0x2320, 2, 526), OFPERR_C(0x2320, 2, 526),
                 OFPERR_C(0x2320, 15, 0), OFPERR_C(0x2320, 15, 0),
                 OFPERR_C(0x2320, 15, 0), OFPERR_C(0x2320, 15, 0))
    OFPERR_ENTRY(NXBAC_BAD_ED_PROP, "Bad action: bad ed prop.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x2320, 41, 0),
                 OFPERR_C(0x2320, 41, 0), OFPERR_C(0x2320, 41, 0))
    OFPERR_ENTRY(NXBAC_BAD_HEADER_TYPE, "Bad action: bad header type.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x2320, 39, 0),
                 OFPERR_C(0x2320, 39, 0), OFPERR_C(0x2320, 39, 0))
    OFPERR_ENTRY(NXBAC_CT_DATAPATH_SUPPORT, "Bad action: ct datapath support.",
                 OFPERR_C(0x2320, 1, 265), OFPERR_C(0x2320, 1, 265),
                 OFPERR_C(0x2320, 42, 0), OFPERR_C(0x2320, 42, 0),
                 OFPERR_C(0x2320, 42, 0), OFPERR_C(0x2320, 42, 0))
    OFPERR_ENTRY(NXBAC_MUST_BE_ZERO, "Bad action: must be zero.",
                 OFPERR_C(0x2320, 2, 256), OFPERR_C(0x2320, 2, 256),
                 OFPERR_C(0x2320, 11, 0), OFPERR_C(0x2320, 11, 0),
                 OFPERR_C(0x2320, 11, 0), OFPERR_C(0x2320, 11, 0))
    OFPERR_ENTRY(NXBAC_UNKNOWN_ED_PROP, "Bad action: unknown ed prop.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x2320, 40, 0),
                 OFPERR_C(0x2320, 40, 0), OFPERR_C(0x2320, 40, 0))
    OFPERR_ENTRY(NXBMC_CT_DATAPATH_SUPPORT, "Bad match: ct datapath support.",
                 OFPERR_C(0x2320, 1, 264), OFPERR_C(0x2320, 1, 264),
                 OFPERR_C(0x2320, 43, 0), OFPERR_C(0x2320, 43, 0),
                 OFPERR_C(0x2320, 43, 0), OFPERR_C(0x2320, 43, 0))
    OFPERR_ENTRY(NXBRC_BAD_REASON, "Bad request: bad reason.",
                 OFPERR_C(0x2320, 1, 516), OFPERR_C(0x2320, 1, 516),
                 OFPERR_C(0x2320, 5, 0), OFPERR_C(0x2320, 5, 0),
                 OFPERR_C(0x2320, 5, 0), OFPERR_C(0x2320, 5, 0))
    OFPERR_ENTRY(NXBRC_FM_BAD_EVENT, "Bad request: fm bad event.",
                 OFPERR_C(0x2320, 1, 520), OFPERR_C(0x2320, 1, 520),
                 OFPERR_C(0x2320, 9, 0), OFPERR_C(0x2320, 9, 0),
                 OFPERR_C(0x2320, 9, 0), OFPERR_C(0x2320, 9, 0))
    OFPERR_ENTRY(NXBRC_MUST_BE_ZERO, "Bad request: must be zero.",
                 OFPERR_C(0x2320, 1, 515), OFPERR_C(0x2320, 1, 515),
                 OFPERR_C(0x2320, 4, 0), OFPERR_C(0x2320, 4, 0),
                 OFPERR_C(0x2320, 4, 0), OFPERR_C(0x2320, 4, 0))
    OFPERR_ENTRY(NXBRC_NXM_BAD_TYPE, "Bad request: nxm bad type.",
                 OFPERR_C(0x2320, 1, 257), OFPERR_C(0x2320, 1, 257),
                 OFPERR_C(0x2320, 3, 0), OFPERR_C(0x2320, 3, 0),
                 OFPERR_C(0x2320, 3, 0), OFPERR_C(0x2320, 3, 0))
    OFPERR_ENTRY(NXBRC_NXM_INVALID, "Bad request: nxm invalid.",
                 OFPERR_C(0x2320, 1, 256), OFPERR_C(0x2320, 1, 256),
                 OFPERR_C(0x2320, 2, 0), OFPERR_C(0x2320, 2, 0),
                 OFPERR_C(0x2320, 2, 0), OFPERR_C(0x2320, 2, 0))
    OFPERR_ENTRY(NXBRC_UNENCODABLE_ERROR, "Bad request: unencodable error.",
                 OFPERR_C(0x2320, 1, 521), OFPERR_C(0x2320, 1, 521),
                 OFPERR_C(0x2320, 10, 0), OFPERR_C(0x2320, 10, 0),
                 OFPERR_C(0x2320, 10, 0), OFPERR_C(0x2320, 10, 0))
    OFPERR_ENTRY(NXFMFC_BAD_TABLE_ID, "Flow mod failed: bad table id.",
                 OFPERR_C(0x2320, 5, 257), OFPERR_C(0x2320, 5, 257),
                 OFPERR_C(0x2320, 13, 0), OFPERR_C(0x2320, 13, 0),
                 OFPERR_C(0x2320, 13, 0), OFPERR_C(0x2320, 13, 0))
    OFPERR_ENTRY(NXFMFC_HARDWARE, "Flow mod failed: hardware.",
                 OFPERR_C(0x2320, 5, 256), OFPERR_C(0x2320, 5, 256),
                 OFPERR_C(0x2320, 12, 0), OFPERR_C(0x2320, 12, 0),
                 OFPERR_C(0x2320, 12, 0), OFPERR_C(0x2320, 12, 0))
    OFPERR_ENTRY(NXFMFC_INVALID_TLV_FIELD,
                 "Flow mod failed: invalid tlv field.",
                 OFPERR_C(0x2320, 1, 536), OFPERR_C(0x2320, 1, 536),
                 OFPERR_C(0x2320, 37, 0), OFPERR_C(0x2320, 37, 0),
                 OFPERR_C(0x2320, 37, 0), OFPERR_C(0x2320, 37, 0))
    OFPERR_ENTRY(NXQOFC_QUEUE_ERROR, "Queue operation failed: queue error.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0x2320, 23, 0), OFPERR_C(0x2320, 23, 0))
    OFPERR_ENTRY(NXR_NOT_SUPPORTED, "Role: not supported.",
                 OFPERR_C(0x2320, 1, 533), OFPERR_C(0x2320, 1, 533),
                 OFPERR_C(0x2320, 34, 0), OFPERR_C(0x2320, 34, 0),
                 OFPERR_C(0x2320, 34, 0), OFPERR_C(0x2320, 34, 0))
    OFPERR_ENTRY(NXR_STALE, "Role: stale.",
                 OFPERR_C(0x2320, 1, 534), OFPERR_C(0x2320, 1, 534),
                 OFPERR_C(0x2320, 35, 0), OFPERR_C(0x2320, 35, 0),
                 OFPERR_C(0x2320, 35, 0), OFPERR_C(0x2320, 35, 0))
    OFPERR_ENTRY(NXST_NOT_CONFIGURED, "Statistics: not configured.",
                 OFPERR_C(0x2320, 1, 535), OFPERR_C(0x2320, 1, 535),
                 OFPERR_C(0x2320, 36, 0), OFPERR_C(0x2320, 36, 0),
                 OFPERR_C(0x2320, 36, 0), OFPERR_C(0x2320, 36, 0))
    OFPERR_ENTRY(NXTFFC_DUP_TABLE, "Table features failed: dup table.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x2320, 44, 0),
                 OFPERR_C(0x2320, 44, 0), OFPERR_C(0x2320, 44, 0))
    OFPERR_ENTRY(NXTTMFC_ALREADY_MAPPED,
                 "TLV table mod failed: already mapped.",
                 OFPERR_C(0x2320, 1, 531), OFPERR_C(0x2320, 1, 531),
                 OFPERR_C(0x2320, 20, 0), OFPERR_C(0x2320, 20, 0),
                 OFPERR_C(0x2320, 20, 0), OFPERR_C(0x2320, 20, 0))
    OFPERR_ENTRY(NXTTMFC_BAD_COMMAND, "TLV table mod failed: bad command.",
                 OFPERR_C(0x2320, 1, 527), OFPERR_C(0x2320, 1, 527),
                 OFPERR_C(0x2320, 16, 0), OFPERR_C(0x2320, 16, 0),
                 OFPERR_C(0x2320, 16, 0), OFPERR_C(0x2320, 16, 0))
    OFPERR_ENTRY(NXTTMFC_BAD_FIELD_IDX, "TLV table mod failed: bad field idx.",
                 OFPERR_C(0x2320, 1, 529), OFPERR_C(0x2320, 1, 529),
                 OFPERR_C(0x2320, 18, 0), OFPERR_C(0x2320, 18, 0),
                 OFPERR_C(0x2320, 18, 0), OFPERR_C(0x2320, 18, 0))
    OFPERR_ENTRY(NXTTMFC_BAD_OPT_LEN, "TLV table mod failed: bad opt len.",
                 OFPERR_C(0x2320, 1, 528), OFPERR_C(0x2320, 1, 528),
                 OFPERR_C(0x2320, 17, 0), OFPERR_C(0x2320, 17, 0),
                 OFPERR_C(0x2320, 17, 0), OFPERR_C(0x2320, 17, 0))
    OFPERR_ENTRY(NXTTMFC_DUP_ENTRY, "TLV table mod failed: dup entry.",
                 OFPERR_C(0x2320, 1, 532), OFPERR_C(0x2320, 1, 532),
                 OFPERR_C(0x2320, 21, 0), OFPERR_C(0x2320, 21, 0),
                 OFPERR_C(0x2320, 21, 0), OFPERR_C(0x2320, 21, 0))
    OFPERR_ENTRY(NXTTMFC_INVALID_TLV_DEL,
                 "TLV table mod failed: invalid tlv del.",
                 OFPERR_C(0x2320, 1, 537), OFPERR_C(0x2320, 1, 537),
                 OFPERR_C(0x2320, 38, 0), OFPERR_C(0x2320, 38, 0),
                 OFPERR_C(0x2320, 38, 0), OFPERR_C(0x2320, 38, 0))
    OFPERR_ENTRY(NXTTMFC_TABLE_FULL, "TLV table mod failed: table full.",
                 OFPERR_C(0x2320, 1, 530), OFPERR_C(0x2320, 1, 530),
                 OFPERR_C(0x2320, 19, 0), OFPERR_C(0x2320, 19, 0),
                 OFPERR_C(0x2320, 19, 0), OFPERR_C(0x2320, 19, 0))
    OFPERR_ENTRY(OFPACFC_EPERM, "Async config failed: eperm.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2372, 0),
                 OFPERR_C(0, 15, 2), OFPERR_C(0, 15, 2))
    OFPERR_ENTRY(OFPACFC_INVALID, "Async config failed: invalid.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2370, 0),
                 OFPERR_C(0, 15, 0), OFPERR_C(0, 15, 0))
    OFPERR_ENTRY(OFPACFC_UNSUPPORTED, "Async config failed: unsupported.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2371, 0),
                 OFPERR_C(0, 15, 1), OFPERR_C(0, 15, 1))
    OFPERR_ENTRY(OFPBAC_BAD_ARGUMENT, "Bad action: bad argument.",
                 OFPERR_C(0, 2, 5), OFPERR_C(0, 2, 5),
                 OFPERR_C(0, 2, 5), OFPERR_C(0, 2, 5),
                 OFPERR_C(0, 2, 5), OFPERR_C(0, 2, 5))
    OFPERR_ENTRY(OFPBAC_BAD_LEN, "Bad action: bad len.",
                 OFPERR_C(0, 2, 1), OFPERR_C(0, 2, 1),
                 OFPERR_C(0, 2, 1), OFPERR_C(0, 2, 1),
                 OFPERR_C(0, 2, 1), OFPERR_C(0, 2, 1))
    OFPERR_ENTRY(OFPBAC_BAD_METER, "Bad action: bad meter.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 2, 17))
    OFPERR_ENTRY(OFPBAC_BAD_OUT_GROUP, "Bad action: bad out group.",
                 OFPERR_C(0x2320, 2, 9), OFPERR_C(0, 2, 9),
                 OFPERR_C(0, 2, 9), OFPERR_C(0, 2, 9),
                 OFPERR_C(0, 2, 9), OFPERR_C(0, 2, 9))
    OFPERR_ENTRY(OFPBAC_BAD_OUT_PORT, "Bad action: bad out port.",
                 OFPERR_C(0, 2, 4), OFPERR_C(0, 2, 4),
                 OFPERR_C(0, 2, 4), OFPERR_C(0, 2, 4),
                 OFPERR_C(0, 2, 4), OFPERR_C(0, 2, 4))
    OFPERR_ENTRY(OFPBAC_BAD_QUEUE, "Bad action: bad queue.",
                 OFPERR_C(0, 2, 8), OFPERR_C(0, 2, 8),
                 OFPERR_C(0, 2, 8), OFPERR_C(0, 2, 8),
                 OFPERR_C(0, 2, 8), OFPERR_C(0, 2, 8))
    OFPERR_ENTRY(OFPBAC_BAD_SET_ARGUMENT, "Bad action: bad set argument.",
                 OFPERR_C(0x2320, 1, 525), OFPERR_C(0x2320, 1, 525),
                 OFPERR_C(0, 2, 15), OFPERR_C(0, 2, 15),
                 OFPERR_C(0, 2, 15), OFPERR_C(0, 2, 15))
    OFPERR_ENTRY(OFPBAC_BAD_SET_LEN, "Bad action: bad set len.",
                 OFPERR_C(0x2320, 1, 524), OFPERR_C(0x2320, 1, 524),
                 OFPERR_C(0, 2, 14), OFPERR_C(0, 2, 14),
                 OFPERR_C(0, 2, 14), OFPERR_C(0, 2, 14))
    OFPERR_ENTRY(OFPBAC_BAD_SET_MASK, "Bad action: bad set mask.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 4250, 0),
                 OFPERR_C(0x4f4e4600, 4250, 0), OFPERR_C(0, 2, 16))
    OFPERR_ENTRY(OFPBAC_BAD_SET_TYPE, "Bad action: bad set type.",
                 OFPERR_C(0x2320, 1, 523), OFPERR_C(0x2320, 1, 523),
                 OFPERR_C(0, 2, 13), OFPERR_C(0, 2, 13),
                 OFPERR_C(0, 2, 13), OFPERR_C(0, 2, 13))
    OFPERR_ENTRY(OFPBAC_BAD_TAG, "Bad action: bad tag.",
                 OFPERR_NONE, OFPERR_C(0, 2, 12),
                 OFPERR_C(0, 2, 12), OFPERR_C(0, 2, 12),
                 OFPERR_C(0, 2, 12), OFPERR_C(0, 2, 12))
    OFPERR_ENTRY(OFPBAC_BAD_TYPE, "Bad action: bad type.",
                 OFPERR_C(0, 2, 0), OFPERR_C(0, 2, 0),
                 OFPERR_C(0, 2, 0), OFPERR_C(0, 2, 0),
                 OFPERR_C(0, 2, 0), OFPERR_C(0, 2, 0))
    OFPERR_ENTRY(OFPBAC_BAD_VENDOR, "Bad action: bad vendor.",
                 OFPERR_C(0, 2, 2), OFPERR_C(0, 2, 2),
                 OFPERR_C(0, 2, 2), OFPERR_C(0, 2, 2),
                 OFPERR_C(0, 2, 2), OFPERR_C(0, 2, 2))
    OFPERR_ENTRY(OFPBAC_BAD_VENDOR_TYPE, "Bad action: bad vendor type.",
                 OFPERR_C(0, 2, 3), OFPERR_C(0, 2, 3),
                 OFPERR_C(0, 2, 3), OFPERR_C(0, 2, 3),
                 OFPERR_C(0, 2, 3), OFPERR_C(0, 2, 3))
    OFPERR_ENTRY(OFPBAC_EPERM, "Bad action: eperm.",
                 OFPERR_C(0, 2, 6), OFPERR_C(0, 2, 6),
                 OFPERR_C(0, 2, 6), OFPERR_C(0, 2, 6),
                 OFPERR_C(0, 2, 6), OFPERR_C(0, 2, 6))
    OFPERR_ENTRY(OFPBAC_MATCH_INCONSISTENT, "Bad action: match inconsistent.",
                 OFPERR_C(0x2320, 1, 522), OFPERR_C(0, 2, 10),
                 OFPERR_C(0, 2, 10), OFPERR_C(0, 2, 10),
                 OFPERR_C(0, 2, 10), OFPERR_C(0, 2, 10))
    OFPERR_ENTRY(OFPBAC_TOO_MANY, "Bad action: too many.",
                 OFPERR_C(0, 2, 7), OFPERR_C(0, 2, 7),
                 OFPERR_C(0, 2, 7), OFPERR_C(0, 2, 7),
                 OFPERR_C(0, 2, 7), OFPERR_C(0, 2, 7))
    OFPERR_ENTRY(OFPBAC_UNSUPPORTED_ORDER, "Bad action: unsupported order.",
                 OFPERR_NONE, OFPERR_C(0, 2, 11),
                 OFPERR_C(0, 2, 11), OFPERR_C(0, 2, 11),
                 OFPERR_C(0, 2, 11), OFPERR_C(0, 2, 11))
    OFPERR_ENTRY(OFPBFC_BAD_FLAGS, "Bundle failed: bad flags.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2307, 0),
                 OFPERR_C(0, 17, 7), OFPERR_C(0, 17, 7))
    OFPERR_ENTRY(OFPBFC_BAD_ID, "Bundle failed: bad id.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2302, 0),
                 OFPERR_C(0, 17, 2), OFPERR_C(0, 17, 2))
    OFPERR_ENTRY(OFPBFC_BAD_TYPE, "Bundle failed: bad type.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2306, 0),
                 OFPERR_C(0, 17, 6), OFPERR_C(0, 17, 6))
    OFPERR_ENTRY(OFPBFC_BAD_VERSION, "Bundle failed: bad version.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0x2320, 22, 0), OFPERR_C(0x2320, 22, 0))
    OFPERR_ENTRY(OFPBFC_BUNDLE_CLOSED, "Bundle failed: bundle closed.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2304, 0),
                 OFPERR_C(0, 17, 4), OFPERR_C(0, 17, 4))
    OFPERR_ENTRY(OFPBFC_BUNDLE_EXIST, "Bundle failed: bundle exist.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2303, 0),
                 OFPERR_C(0, 17, 3), OFPERR_C(0, 17, 3))
    OFPERR_ENTRY(OFPBFC_BUNDLE_IN_PROGRESS,
                 "Bundle failed: bundle in progress.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2315, 0),
                 OFPERR_C(0, 17, 15), OFPERR_C(0, 17, 15))
    OFPERR_ENTRY(OFPBFC_EPERM, "Bundle failed: eperm.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2301, 0),
                 OFPERR_C(0, 17, 1), OFPERR_C(0, 17, 1))
    OFPERR_ENTRY(OFPBFC_MSG_BAD_LEN, "Bundle failed: msg bad len.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2308, 0),
                 OFPERR_C(0, 17, 8), OFPERR_C(0, 17, 8))
    OFPERR_ENTRY(OFPBFC_MSG_BAD_XID, "Bundle failed: msg bad xid.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2309, 0),
                 OFPERR_C(0, 17, 9), OFPERR_C(0, 17, 9))
    OFPERR_ENTRY(OFPBFC_MSG_CONFLICT, "Bundle failed: msg conflict.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2311, 0),
                 OFPERR_C(0, 17, 11), OFPERR_C(0, 17, 11))
    OFPERR_ENTRY(OFPBFC_MSG_FAILED, "Bundle failed: msg failed.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2313, 0),
                 OFPERR_C(0, 17, 13), OFPERR_C(0, 17, 13))
    OFPERR_ENTRY(OFPBFC_MSG_TOO_MANY, "Bundle failed: msg too many.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2312, 0),
                 OFPERR_C(0, 17, 12), OFPERR_C(0, 17, 12))
    OFPERR_ENTRY(OFPBFC_MSG_UNSUP, "Bundle failed: msg unsup.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2310, 0),
                 OFPERR_C(0, 17, 10), OFPERR_C(0, 17, 10))
    OFPERR_ENTRY(OFPBFC_OUT_OF_BUNDLES, "Bundle failed: out of bundles.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2305, 0),
                 OFPERR_C(0, 17, 5), OFPERR_C(0, 17, 5))
    OFPERR_ENTRY(OFPBFC_SCHED_FUTURE, "Bundle failed: sched future.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 17, 17))
    OFPERR_ENTRY(OFPBFC_SCHED_NOT_SUPPORTED,
                 "Bundle failed: sched not supported.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 17, 16))
    OFPERR_ENTRY(OFPBFC_SCHED_PAST, "Bundle failed: sched past.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 17, 18))
    OFPERR_ENTRY(OFPBFC_TIMEOUT, "Bundle failed: timeout.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2314, 0),
                 OFPERR_C(0, 17, 14), OFPERR_C(0, 17, 14))
    OFPERR_ENTRY(OFPBFC_UNKNOWN, "Bundle failed: unknown.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2300, 0),
                 OFPERR_C(0, 17, 0), OFPERR_C(0, 17, 0))
    OFPERR_ENTRY(OFPBIC_BAD_EXPERIMENTER, "Bad instruction: bad experimenter.",
                 OFPERR_NONE, OFPERR_C(0, 3, 5),
                 OFPERR_C(0, 3, 5), OFPERR_C(0, 3, 5),
                 OFPERR_C(0, 3, 5), OFPERR_C(0, 3, 5))
    OFPERR_ENTRY(OFPBIC_BAD_EXP_TYPE, "Bad instruction: bad exp type.",
                 OFPERR_NONE, OFPERR_C(0, 3, 5),
                 OFPERR_C(0, 3, 6), OFPERR_C(0, 3, 6),
                 OFPERR_C(0, 3, 6), OFPERR_C(0, 3, 6))
    OFPERR_ENTRY(OFPBIC_BAD_LEN, "Bad instruction: bad len.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 3, 7), OFPERR_C(0, 3, 7),
                 OFPERR_C(0, 3, 7), OFPERR_C(0, 3, 7))
    OFPERR_ENTRY(OFPBIC_BAD_TABLE_ID, "Bad instruction: bad table id.",
                 OFPERR_NONE, OFPERR_C(0, 3, 2),
                 OFPERR_C(0, 3, 2), OFPERR_C(0, 3, 2),
                 OFPERR_C(0, 3, 2), OFPERR_C(0, 3, 2))
    OFPERR_ENTRY(OFPBIC_DUP_INST, "Bad instruction: dup inst.",
                 OFPERR_NONE, OFPERR_C(0x2320, 3, 256),
                 OFPERR_C(0x4f4e4600, 2600, 0), OFPERR_C(0x4f4e4600, 2600, 0),
                 OFPERR_C(0, 3, 9), OFPERR_C(0, 3, 9))
    OFPERR_ENTRY(OFPBIC_EPERM, "Bad instruction: eperm.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 3, 8), OFPERR_C(0, 3, 8),
                 OFPERR_C(0, 3, 8), OFPERR_C(0, 3, 8))
    OFPERR_ENTRY(OFPBIC_UNKNOWN_INST, "Bad instruction: unknown inst.",
                 OFPERR_NONE, OFPERR_C(0, 3, 0),
                 OFPERR_C(0, 3, 0), OFPERR_C(0, 3, 0),
                 OFPERR_C(0, 3, 0), OFPERR_C(0, 3, 0))
    OFPERR_ENTRY(OFPBIC_UNSUP_INST, "Bad instruction: unsup inst.",
                 OFPERR_C(0x2320, 2, 257), OFPERR_C(0, 3, 1),
                 OFPERR_C(0, 3, 1), OFPERR_C(0, 3, 1),
                 OFPERR_C(0, 3, 1), OFPERR_C(0, 3, 1))
    OFPERR_ENTRY(OFPBIC_UNSUP_METADATA, "Bad instruction: unsup metadata.",
                 OFPERR_NONE, OFPERR_C(0, 3, 3),
                 OFPERR_C(0, 3, 3), OFPERR_C(0, 3, 3),
                 OFPERR_C(0, 3, 3), OFPERR_C(0, 3, 3))
    OFPERR_ENTRY(OFPBIC_UNSUP_METADATA_MASK,
                 "Bad instruction: unsup metadata mask.",
                 OFPERR_NONE, OFPERR_C(0, 3, 4),
                 OFPERR_C(0, 3, 4), OFPERR_C(0, 3, 4),
                 OFPERR_C(0, 3, 4), OFPERR_C(0, 3, 4))
    OFPERR_ENTRY(OFPBMC_BAD_DL_ADDR_MASK, "Bad match: bad dl addr mask.",
                 OFPERR_NONE, OFPERR_C(0, 4, 3),
                 OFPERR_C(0, 4, 3), OFPERR_C(0, 4, 3),
                 OFPERR_C(0, 4, 3), OFPERR_C(0, 4, 3))
    OFPERR_ENTRY(OFPBMC_BAD_FIELD, "Bad match: bad field.",
                 OFPERR_C(0x2320, 0, 263), OFPERR_C(0, 4, 6),
                 OFPERR_C(0, 4, 6), OFPERR_C(0, 4, 6),
                 OFPERR_C(0, 4, 6), OFPERR_C(0, 4, 6))
    OFPERR_ENTRY(OFPBMC_BAD_LEN, "Bad match: bad len.",
                 OFPERR_NONE, OFPERR_C(0, 4, 1),
                 OFPERR_C(0, 4, 1), OFPERR_C(0, 4, 1),
                 OFPERR_C(0, 4, 1), OFPERR_C(0, 4, 1))
    OFPERR_ENTRY(OFPBMC_BAD_MASK, "Bad match: bad mask.",
                 OFPERR_C(0x2320, 1, 259), OFPERR_C(0x2320, 1, 259),
                 OFPERR_C(0, 4, 8), OFPERR_C(0, 4, 8),
                 OFPERR_C(0, 4, 8), OFPERR_C(0, 4, 8))
    OFPERR_ENTRY(OFPBMC_BAD_NW_ADDR_MASK, "Bad match: bad nw addr mask.",
                 OFPERR_NONE, OFPERR_C(0, 4, 4),
                 OFPERR_C(0, 4, 4), OFPERR_C(0, 4, 4),
                 OFPERR_C(0, 4, 4), OFPERR_C(0, 4, 4))
    OFPERR_ENTRY(OFPBMC_BAD_PREREQ, "Bad match: bad prereq.",
                 OFPERR_C(0x2320, 1, 260), OFPERR_C(0x2320, 1, 260),
                 OFPERR_C(0, 4, 9), OFPERR_C(0, 4, 9),
                 OFPERR_C(0, 4, 9), OFPERR_C(0, 4, 9))
    OFPERR_ENTRY(OFPBMC_BAD_TAG, "Bad match: bad tag.",
                 OFPERR_NONE, OFPERR_C(0, 4, 2),
                 OFPERR_C(0, 4, 2), OFPERR_C(0, 4, 2),
                 OFPERR_C(0, 4, 2), OFPERR_C(0, 4, 2))
    OFPERR_ENTRY(OFPBMC_BAD_TYPE, "Bad match: bad type.",
                 OFPERR_NONE, OFPERR_C(0, 4, 0),
                 OFPERR_C(0, 4, 0), OFPERR_C(0, 4, 0),
                 OFPERR_C(0, 4, 0), OFPERR_C(0, 4, 0))
    OFPERR_ENTRY(OFPBMC_BAD_VALUE, "Bad match: bad value.",
                 OFPERR_C(0x2320, 1, 258), OFPERR_C(0, 4, 7),
                 OFPERR_C(0, 4, 7), OFPERR_C(0, 4, 7),
                 OFPERR_C(0, 4, 7), OFPERR_C(0, 4, 7))
    OFPERR_ENTRY(OFPBMC_BAD_WILDCARDS, "Bad match: bad wildcards.",
                 OFPERR_C(0x2320, 1, 262), OFPERR_C(0, 4, 5),
                 OFPERR_C(0, 4, 5), OFPERR_C(0, 4, 5),
                 OFPERR_C(0, 4, 5), OFPERR_C(0, 4, 5))
    OFPERR_ENTRY(OFPBMC_DUP_FIELD, "Bad match: dup field.",
                 OFPERR_C(0x2320, 1, 261), OFPERR_C(0x2320, 1, 261),
                 OFPERR_C(0, 4, 10), OFPERR_C(0, 4, 10),
                 OFPERR_C(0, 4, 10), OFPERR_C(0, 4, 10))
    OFPERR_ENTRY(OFPBMC_EPERM, "Bad match: eperm.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 4, 11), OFPERR_C(0, 4, 11),
                 OFPERR_C(0, 4, 11), OFPERR_C(0, 4, 11))
    OFPERR_ENTRY(OFPBPC_BAD_EXPERIMENTER, "Bad property: bad experimenter.",
                 OFPERR_C(0x2320, 14, 5), OFPERR_C(0x2320, 14, 5),
                 OFPERR_C(0x2320, 30, 0), OFPERR_C(0x4f4e4600, 4445, 0),
                 OFPERR_C(0, 14, 5), OFPERR_C(0, 14, 5))
    OFPERR_ENTRY(OFPBPC_BAD_EXP_TYPE, "Bad property: bad exp type.",
                 OFPERR_C(0x2320, 14, 6), OFPERR_C(0x2320, 14, 6),
                 OFPERR_C(0x2320, 31, 0), OFPERR_C(0x4f4e4600, 4446, 0),
                 OFPERR_C(0, 14, 6), OFPERR_C(0, 14, 6))
    OFPERR_ENTRY(OFPBPC_BAD_EXP_VALUE, "Bad property: bad exp value.",
                 OFPERR_C(0x2320, 14, 7), OFPERR_C(0x2320, 14, 7),
                 OFPERR_C(0x2320, 32, 0), OFPERR_C(0x4f4e4600, 4447, 0),
                 OFPERR_C(0, 14, 7), OFPERR_C(0, 14, 7))
    OFPERR_ENTRY(OFPBPC_BAD_LEN, "Bad property: bad len.",
                 OFPERR_C(0x2320, 13, 3), OFPERR_C(0x2320, 13, 3),
                 OFPERR_C(0x2320, 26, 0), OFPERR_C(0, 13, 3),
                 OFPERR_C(0, 14, 1), OFPERR_C(0, 14, 1))
    OFPERR_ENTRY(OFPBPC_BAD_TYPE, "Bad property: bad type.",
                 OFPERR_C(0x2320, 13, 2), OFPERR_C(0x2320, 13, 2),
                 OFPERR_C(0x2320, 25, 0), OFPERR_C(0, 13, 2),
                 OFPERR_C(0, 14, 0), OFPERR_C(0, 14, 0))
    OFPERR_ENTRY(OFPBPC_BAD_VALUE, "Bad property: bad value.",
                 OFPERR_C(0x2320, 13, 4), OFPERR_C(0x2320, 13, 4),
                 OFPERR_C(0x2320, 27, 0), OFPERR_C(0, 13, 4),
                 OFPERR_C(0, 14, 2), OFPERR_C(0, 14, 2))
    OFPERR_ENTRY(OFPBPC_DUP_TYPE, "Bad property: dup type.",
                 OFPERR_C(0x2320, 14, 4), OFPERR_C(0x2320, 14, 4),
                 OFPERR_C(0x2320, 29, 0), OFPERR_C(0x4f4e4600, 4444, 0),
                 OFPERR_C(0, 14, 4), OFPERR_C(0, 14, 4))
    OFPERR_ENTRY(OFPBPC_EPERM, "Bad property: eperm.",
                 OFPERR_C(0x2320, 14, 8), OFPERR_C(0x2320, 14, 8),
                 OFPERR_C(0x2320, 33, 0), OFPERR_C(0x4f4e4600, 4448, 0),
                 OFPERR_C(0, 14, 8), OFPERR_C(0, 14, 8))
    OFPERR_ENTRY(OFPBPC_TOO_MANY, "Bad property: too many.",
                 OFPERR_C(0x2320, 14, 3), OFPERR_C(0x2320, 14, 3),
                 OFPERR_C(0x2320, 28, 0), OFPERR_C(0x4f4e4600, 4443, 0),
                 OFPERR_C(0, 14, 3), OFPERR_C(0, 14, 3))
    OFPERR_ENTRY(OFPBRC_BAD_LEN, "Bad request: bad len.",
                 OFPERR_C(0, 1, 6), OFPERR_C(0, 1, 6),
                 OFPERR_C(0, 1, 6), OFPERR_C(0, 1, 6),
                 OFPERR_C(0, 1, 6), OFPERR_C(0, 1, 6))
    OFPERR_ENTRY(OFPBRC_BAD_PACKET, "Bad request: bad packet.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 1, 12), OFPERR_C(0, 1, 12),
                 OFPERR_C(0, 1, 12), OFPERR_C(0, 1, 12))
    OFPERR_ENTRY(OFPBRC_BAD_PORT, "Bad request: bad port.",
                 OFPERR_C(0x2320, 1, 514), OFPERR_C(0x2320, 1, 514),
                 OFPERR_C(0, 1, 11), OFPERR_C(0, 1, 11),
                 OFPERR_C(0, 1, 11), OFPERR_C(0, 1, 11))
    OFPERR_ENTRY(OFPBRC_BAD_STAT, "Bad request: bad stat.",
                 OFPERR_C(0, 1, 2), OFPERR_C(0, 1, 2),
                 OFPERR_C(0, 1, 2), OFPERR_C(0, 1, 2),
                 OFPERR_C(0, 1, 2), OFPERR_C(0, 1, 2))
    OFPERR_ENTRY(OFPBRC_BAD_SUBTYPE, "Bad request: bad subtype.",
                 OFPERR_C(0, 1, 4), OFPERR_C(0, 1, 4),
                 OFPERR_C(0, 1, 4), OFPERR_C(0, 1, 4),
                 OFPERR_C(0, 1, 4), OFPERR_C(0, 1, 4))
    OFPERR_ENTRY(OFPBRC_BAD_TABLE_ID, "Bad request: bad table id.",
                 OFPERR_C(0x2320, 1, 512), OFPERR_C(0, 1, 9),
                 OFPERR_C(0, 1, 9), OFPERR_C(0, 1, 9),
                 OFPERR_C(0, 1, 9), OFPERR_C(0, 1, 9))
    OFPERR_ENTRY(OFPBRC_BAD_TYPE, "Bad request: bad type.",
                 OFPERR_C(0, 1, 1), OFPERR_C(0, 1, 1),
                 OFPERR_C(0, 1, 1), OFPERR_C(0, 1, 1),
                 OFPERR_C(0, 1, 1), OFPERR_C(0, 1, 1))
    OFPERR_ENTRY(OFPBRC_BAD_VENDOR, "Bad request: bad vendor.",
                 OFPERR_C(0, 1, 3), OFPERR_C(0, 1, 3),
                 OFPERR_C(0, 1, 3), OFPERR_C(0, 1, 3),
                 OFPERR_C(0, 1, 3), OFPERR_C(0, 1, 3))
    OFPERR_ENTRY(OFPBRC_BAD_VERSION, "Bad request: bad version.",
                 OFPERR_C(0, 1, 0), OFPERR_C(0, 1, 0),
                 OFPERR_C(0, 1, 0), OFPERR_C(0, 1, 0),
                 OFPERR_C(0, 1, 0), OFPERR_C(0, 1, 0))
    OFPERR_ENTRY(OFPBRC_BUFFER_EMPTY, "Bad request: buffer empty.",
                 OFPERR_C(0, 1, 7), OFPERR_C(0, 1, 7),
                 OFPERR_C(0, 1, 7), OFPERR_C(0, 1, 7),
                 OFPERR_C(0, 1, 7), OFPERR_C(0, 1, 7))
    OFPERR_ENTRY(OFPBRC_BUFFER_UNKNOWN, "Bad request: buffer unknown.",
                 OFPERR_C(0, 1, 8), OFPERR_C(0, 1, 8),
                 OFPERR_C(0, 1, 8), OFPERR_C(0, 1, 8),
                 OFPERR_C(0, 1, 8), OFPERR_C(0, 1, 8))
    OFPERR_ENTRY(OFPBRC_EPERM, "Bad request: eperm.",
                 OFPERR_C(0, 1, 5), OFPERR_C(0, 1, 5),
                 OFPERR_C(0, 1, 5), OFPERR_C(0, 1, 5),
                 OFPERR_C(0, 1, 5), OFPERR_C(0, 1, 5))
    OFPERR_ENTRY(OFPBRC_IS_SECONDARY, "Bad request: is secondary.",
                 OFPERR_C(0, 1, 5), OFPERR_C(0, 1, 5),
                 OFPERR_C(0, 1, 10), OFPERR_C(0, 1, 10),
                 OFPERR_C(0, 1, 10), OFPERR_C(0, 1, 10))
    OFPERR_ENTRY(OFPBRC_MULTIPART_BAD_SCHED,
                 "Bad request: multipart bad sched.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 1, 16))
    OFPERR_ENTRY(OFPBRC_MULTIPART_BUFFER_OVERFLOW,
                 "Bad request: multipart buffer overflow.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 1, 13),
                 OFPERR_C(0, 1, 13), OFPERR_C(0, 1, 13))
    OFPERR_ENTRY(OFPBRC_MULTIPART_REPLY_TIMEOUT,
                 "Bad request: multipart reply timeout.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2641, 0),
                 OFPERR_C(0, 1, 15), OFPERR_C(0, 1, 15))
    OFPERR_ENTRY(OFPBRC_MULTIPART_REQUEST_TIMEOUT,
                 "Bad request: multipart request timeout.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2640, 0),
                 OFPERR_C(0, 1, 14), OFPERR_C(0, 1, 14))
    OFPERR_ENTRY(OFPBRC_PIPELINE_FIELDS_ONLY,
                 "Bad request: pipeline fields only.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 1, 17))
    OFPERR_ENTRY(OFPBRC_UNKNOWN, "Bad request: unknown.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 1, 18))
    OFPERR_ENTRY(OFPFMFC_BAD_COMMAND, "Flow mod failed: bad command.",
                 OFPERR_C(0, 3, 4), OFPERR_C(0, 5, 6),
                 OFPERR_C(0, 5, 6), OFPERR_C(0, 5, 6),
                 OFPERR_C(0, 5, 6), OFPERR_C(0, 5, 6))
    OFPERR_ENTRY(OFPFMFC_BAD_EMERG_TIMEOUT,
                 "Flow mod failed: bad emerg timeout.",
                 OFPERR_C(0, 3, 3), OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE)
    OFPERR_ENTRY(OFPFMFC_BAD_FLAGS, "Flow mod failed: bad flags.",
                 OFPERR_C(0x2320, 3, 258), OFPERR_C(0x2320, 5, 258),
                 OFPERR_C(0, 5, 7), OFPERR_C(0, 5, 7),
                 OFPERR_C(0, 5, 7), OFPERR_C(0, 5, 7))
    OFPERR_ENTRY(OFPFMFC_BAD_PRIORITY, "Flow mod failed: bad priority.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0x4f4e4600, 2360, 0),
                 OFPERR_C(0, 5, 9), OFPERR_C(0, 5, 9))
    OFPERR_ENTRY(OFPFMFC_BAD_TABLE_ID, "Flow mod failed: bad table id.",
                 OFPERR_NONE, OFPERR_C(0, 5, 2),
                 OFPERR_C(0, 5, 2), OFPERR_C(0, 5, 2),
                 OFPERR_C(0, 5, 2), OFPERR_C(0, 5, 2))
    OFPERR_ENTRY(OFPFMFC_BAD_TIMEOUT, "Flow mod failed: bad timeout.",
                 OFPERR_NONE, OFPERR_C(0, 5, 5),
                 OFPERR_C(0, 5, 5), OFPERR_C(0, 5, 5),
                 OFPERR_C(0, 5, 5), OFPERR_C(0, 5, 5))
    OFPERR_ENTRY(OFPFMFC_CANT_SYNC, "Flow mod failed: cant sync.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 5, 8), OFPERR_C(0, 5, 8))
    OFPERR_ENTRY(OFPFMFC_EPERM, "Flow mod failed: eperm.",
                 OFPERR_C(0, 3, 2), OFPERR_C(0, 5, 4),
                 OFPERR_C(0, 5, 4), OFPERR_C(0, 5, 4),
                 OFPERR_C(0, 5, 4), OFPERR_C(0, 5, 4))
    OFPERR_ENTRY(OFPFMFC_IS_SYNC, "Flow mod failed: is sync.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 5, 10), OFPERR_C(0, 5, 10))
    OFPERR_ENTRY(OFPFMFC_OVERLAP, "Flow mod failed: overlap.",
                 OFPERR_C(0, 3, 1), OFPERR_C(0, 5, 3),
                 OFPERR_C(0, 5, 3), OFPERR_C(0, 5, 3),
                 OFPERR_C(0, 5, 3), OFPERR_C(0, 5, 3))
    OFPERR_ENTRY(OFPFMFC_TABLE_FULL, "Flow mod failed: table full.",
                 OFPERR_C(0, 3, 0), OFPERR_C(0, 5, 1),
                 OFPERR_C(0, 5, 1), OFPERR_C(0, 5, 1),
                 OFPERR_C(0, 5, 1), OFPERR_C(0, 5, 1))
    OFPERR_ENTRY(OFPFMFC_UNKNOWN, "Flow mod failed: unknown.",
                 OFPERR_NONE, OFPERR_C(0, 5, 0),
                 OFPERR_C(0, 5, 0), OFPERR_C(0, 5, 0),
                 OFPERR_C(0, 5, 0), OFPERR_C(0, 5, 0))
    OFPERR_ENTRY(OFPFMFC_UNSUPPORTED, "Flow mod failed: unsupported.",
                 OFPERR_C(0, 3, 5), OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE)
    OFPERR_ENTRY(OFPGMFC_BAD_BUCKET, "Group mod failed: bad bucket.",
                 OFPERR_C(0x2320, 6, 12), OFPERR_NONE,
                 OFPERR_C(0, 6, 12), OFPERR_C(0, 6, 12),
                 OFPERR_C(0, 6, 12), OFPERR_C(0, 6, 12))
    OFPERR_ENTRY(OFPGMFC_BAD_COMMAND, "Group mod failed: bad command.",
                 OFPERR_C(0x2320, 6, 11), OFPERR_NONE,
                 OFPERR_C(0, 6, 11), OFPERR_C(0, 6, 11),
                 OFPERR_C(0, 6, 11), OFPERR_C(0, 6, 11))
    OFPERR_ENTRY(OFPGMFC_BAD_TYPE, "Group mod failed: bad type.",
                 OFPERR_C(0x2320, 6, 10), OFPERR_NONE,
                 OFPERR_C(0, 6, 10), OFPERR_C(0, 6, 10),
                 OFPERR_C(0, 6, 10), OFPERR_C(0, 6, 10))
    OFPERR_ENTRY(OFPGMFC_BAD_WATCH, "Group mod failed: bad watch.",
                 OFPERR_C(0x2320, 6, 13), OFPERR_NONE,
                 OFPERR_C(0, 6, 13), OFPERR_C(0, 6, 13),
                 OFPERR_C(0, 6, 13), OFPERR_C(0, 6, 13))
    OFPERR_ENTRY(OFPGMFC_BUCKET_EXISTS, "Group mod failed: bucket exists.",
                 OFPERR_C(0x2320, 6, 16), OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 6, 16))
    OFPERR_ENTRY(OFPGMFC_CHAINED_GROUP, "Group mod failed: chained group.",
                 OFPERR_C(0x2320, 6, 9), OFPERR_NONE,
                 OFPERR_C(0, 6, 9), OFPERR_C(0, 6, 9),
                 OFPERR_C(0, 6, 9), OFPERR_C(0, 6, 9))
    OFPERR_ENTRY(OFPGMFC_CHAINING_UNSUPPORTED,
                 "Group mod failed: chaining unsupported.",
                 OFPERR_C(0x2320, 6, 5), OFPERR_C(0, 6, 5),
                 OFPERR_C(0, 6, 5), OFPERR_C(0, 6, 5),
                 OFPERR_C(0, 6, 5), OFPERR_C(0, 6, 5))
    OFPERR_ENTRY(OFPGMFC_EPERM, "Group mod failed: eperm.",
                 OFPERR_C(0x2320, 6, 14), OFPERR_NONE,
                 OFPERR_C(0, 6, 14), OFPERR_C(0, 6, 14),
                 OFPERR_C(0, 6, 14), OFPERR_C(0, 6, 14))
    OFPERR_ENTRY(OFPGMFC_GROUP_EXISTS, "Group mod failed: group exists.",
                 OFPERR_C(0x2320, 6, 0), OFPERR_C(0, 6, 0),
                 OFPERR_C(0, 6, 0), OFPERR_C(0, 6, 0),
                 OFPERR_C(0, 6, 0), OFPERR_C(0, 6, 0))
    OFPERR_ENTRY(OFPGMFC_INVALID_GROUP, "Group mod failed: invalid group.",
                 OFPERR_C(0x2320, 6, 1), OFPERR_C(0, 6, 1),
                 OFPERR_C(0, 6, 1), OFPERR_C(0, 6, 1),
                 OFPERR_C(0, 6, 1), OFPERR_C(0, 6, 1))
    OFPERR_ENTRY(OFPGMFC_LOOP, "Group mod failed: loop.",
                 OFPERR_C(0x2320, 6, 7), OFPERR_C(0, 6, 7),
                 OFPERR_C(0, 6, 7), OFPERR_C(0, 6, 7),
                 OFPERR_C(0, 6, 7), OFPERR_C(0, 6, 7))
    OFPERR_ENTRY(OFPGMFC_OUT_OF_BUCKETS, "Group mod failed: out of buckets.",
                 OFPERR_C(0x2320, 6, 4), OFPERR_C(0, 6, 4),
                 OFPERR_C(0, 6, 4), OFPERR_C(0, 6, 4),
                 OFPERR_C(0, 6, 4), OFPERR_C(0, 6, 4))
    OFPERR_ENTRY(OFPGMFC_OUT_OF_GROUPS, "Group mod failed: out of groups.",
                 OFPERR_C(0x2320, 6, 3), OFPERR_C(0, 6, 3),
                 OFPERR_C(0, 6, 3), OFPERR_C(0, 6, 3),
                 OFPERR_C(0, 6, 3), OFPERR_C(0, 6, 3))
    OFPERR_ENTRY(OFPGMFC_UNKNOWN_BUCKET, "Group mod failed: unknown bucket.",
                 OFPERR_C(0x2320, 6, 15), OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 6, 15))
    OFPERR_ENTRY(OFPGMFC_UNKNOWN_GROUP, "Group mod failed: unknown group.",
                 OFPERR_C(0x2320, 6, 8), OFPERR_C(0, 6, 8),
                 OFPERR_C(0, 6, 8), OFPERR_C(0, 6, 8),
                 OFPERR_C(0, 6, 8), OFPERR_C(0, 6, 8))
    OFPERR_ENTRY(OFPGMFC_WATCH_UNSUPPORTED,
                 "Group mod failed: watch unsupported.",
                 OFPERR_C(0x2320, 6, 6), OFPERR_C(0, 6, 6),
                 OFPERR_C(0, 6, 6), OFPERR_C(0, 6, 6),
                 OFPERR_C(0, 6, 6), OFPERR_C(0, 6, 6))
    OFPERR_ENTRY(OFPGMFC_WEIGHT_UNSUPPORTED,
                 "Group mod failed: weight unsupported.",
                 OFPERR_C(0x2320, 6, 2), OFPERR_C(0, 6, 2),
                 OFPERR_C(0, 6, 2), OFPERR_C(0, 6, 2),
                 OFPERR_C(0, 6, 2), OFPERR_C(0, 6, 2))
    OFPERR_ENTRY(OFPHFC_EPERM, "Hello failed: eperm.",
                 OFPERR_C(0, 0, 1), OFPERR_C(0, 0, 1),
                 OFPERR_C(0, 0, 1), OFPERR_C(0, 0, 1),
                 OFPERR_C(0, 0, 1), OFPERR_C(0, 0, 1))
    OFPERR_ENTRY(OFPHFC_INCOMPATIBLE, "Hello failed: incompatible.",
                 OFPERR_C(0, 0, 0), OFPERR_C(0, 0, 0),
                 OFPERR_C(0, 0, 0), OFPERR_C(0, 0, 0),
                 OFPERR_C(0, 0, 0), OFPERR_C(0, 0, 0))
    OFPERR_ENTRY(OFPMMFC_BAD_BAND, "Meter mod failed: bad band.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 12, 8),
                 OFPERR_C(0, 12, 8), OFPERR_C(0, 12, 8))
    OFPERR_ENTRY(OFPMMFC_BAD_BAND_VALUE, "Meter mod failed: bad band value.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 12, 9),
                 OFPERR_C(0, 12, 9), OFPERR_C(0, 12, 9))
    OFPERR_ENTRY(OFPMMFC_BAD_BURST, "Meter mod failed: bad burst.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 12, 7),
                 OFPERR_C(0, 12, 7), OFPERR_C(0, 12, 7))
    OFPERR_ENTRY(OFPMMFC_BAD_COMMAND, "Meter mod failed: bad command.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 12, 4),
                 OFPERR_C(0, 12, 4), OFPERR_C(0, 12, 4))
    OFPERR_ENTRY(OFPMMFC_BAD_FLAGS, "Meter mod failed: bad flags.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 12, 5),
                 OFPERR_C(0, 12, 5), OFPERR_C(0, 12, 5))
    OFPERR_ENTRY(OFPMMFC_BAD_RATE, "Meter mod failed: bad rate.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 12, 6),
                 OFPERR_C(0, 12, 6), OFPERR_C(0, 12, 6))
    OFPERR_ENTRY(OFPMMFC_INVALID_METER, "Meter mod failed: invalid meter.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 12, 2),
                 OFPERR_C(0, 12, 2), OFPERR_C(0, 12, 2))
    OFPERR_ENTRY(OFPMMFC_METER_EXISTS, "Meter mod failed: meter exists.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 12, 1),
                 OFPERR_C(0, 12, 1), OFPERR_C(0, 12, 1))
    OFPERR_ENTRY(OFPMMFC_OUT_OF_BANDS, "Meter mod failed: out of bands.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 12, 11),
                 OFPERR_C(0, 12, 11), OFPERR_C(0, 12, 11))
    OFPERR_ENTRY(OFPMMFC_OUT_OF_METERS, "Meter mod failed: out of meters.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 12, 10),
                 OFPERR_C(0, 12, 10), OFPERR_C(0, 12, 10))
    OFPERR_ENTRY(OFPMMFC_UNKNOWN, "Meter mod failed: unknown.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 12, 0),
                 OFPERR_C(0, 12, 0), OFPERR_C(0, 12, 0))
    OFPERR_ENTRY(OFPMMFC_UNKNOWN_METER, "Meter mod failed: unknown meter.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 12, 3),
                 OFPERR_C(0, 12, 3), OFPERR_C(0, 12, 3))
    OFPERR_ENTRY(OFPMOFC_BAD_COMMAND, "Flow monitor failed: bad command.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 16, 4), OFPERR_C(0, 16, 4))
    OFPERR_ENTRY(OFPMOFC_BAD_FLAGS, "Flow monitor failed: bad flags.",
                 OFPERR_C(0x2320, 1, 518), OFPERR_C(0x2320, 1, 518),
                 OFPERR_C(0x2320, 7, 0), OFPERR_C(0x2320, 7, 0),
                 OFPERR_C(0, 16, 5), OFPERR_C(0, 16, 5))
    OFPERR_ENTRY(OFPMOFC_BAD_OUT, "Flow monitor failed: bad out.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 16, 7), OFPERR_C(0, 16, 7))
    OFPERR_ENTRY(OFPMOFC_BAD_TABLE_ID, "Flow monitor failed: bad table id.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 16, 6), OFPERR_C(0, 16, 6))
    OFPERR_ENTRY(OFPMOFC_INVALID_MONITOR,
                 "Flow monitor failed: invalid monitor.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 16, 2), OFPERR_C(0, 16, 2))
    OFPERR_ENTRY(OFPMOFC_MONITOR_EXISTS,
                 "Flow monitor failed: monitor exists.",
                 OFPERR_C(0x2320, 1, 517), OFPERR_C(0x2320, 1, 517),
                 OFPERR_C(0x2320, 6, 0), OFPERR_C(0x2320, 6, 0),
                 OFPERR_C(0, 16, 1), OFPERR_C(0, 16, 1))
    OFPERR_ENTRY(OFPMOFC_UNKNOWN, "Flow monitor failed: unknown.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 16, 0), OFPERR_C(0, 16, 0))
    OFPERR_ENTRY(OFPMOFC_UNKNOWN_MONITOR,
                 "Flow monitor failed: unknown monitor.",
                 OFPERR_C(0x2320, 1, 519), OFPERR_C(0x2320, 1, 519),
                 OFPERR_C(0x2320, 8, 0), OFPERR_C(0x2320, 8, 0),
                 OFPERR_C(0, 16, 3), OFPERR_C(0, 16, 3))
    OFPERR_ENTRY(OFPPMFC_BAD_ADVERTISE, "Port mod failed: bad advertise.",
                 OFPERR_NONE, OFPERR_C(0, 7, 3),
                 OFPERR_C(0, 7, 3), OFPERR_C(0, 7, 3),
                 OFPERR_C(0, 7, 3), OFPERR_C(0, 7, 3))
    OFPERR_ENTRY(OFPPMFC_BAD_CONFIG, "Port mod failed: bad config.",
                 OFPERR_NONE, OFPERR_C(0, 7, 2),
                 OFPERR_C(0, 7, 2), OFPERR_C(0, 7, 2),
                 OFPERR_C(0, 7, 2), OFPERR_C(0, 7, 2))
    OFPERR_ENTRY(OFPPMFC_BAD_HW_ADDR, "Port mod failed: bad hw addr.",
                 OFPERR_C(0, 4, 1), OFPERR_C(0, 7, 1),
                 OFPERR_C(0, 7, 1), OFPERR_C(0, 7, 1),
                 OFPERR_C(0, 7, 1), OFPERR_C(0, 7, 1))
    OFPERR_ENTRY(OFPPMFC_BAD_PORT, "Port mod failed: bad port.",
                 OFPERR_C(0, 4, 0), OFPERR_C(0, 7, 0),
                 OFPERR_C(0, 7, 0), OFPERR_C(0, 7, 0),
                 OFPERR_C(0, 7, 0), OFPERR_C(0, 7, 0))
    OFPERR_ENTRY(OFPPMFC_EPERM, "Port mod failed: eperm.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 7, 4), OFPERR_C(0, 7, 4),
                 OFPERR_C(0, 7, 4), OFPERR_C(0, 7, 4))
    OFPERR_ENTRY(OFPQOFC_BAD_PORT, "Queue operation failed: bad port.",
                 OFPERR_C(0, 5, 0), OFPERR_C(0, 9, 0),
                 OFPERR_C(0, 9, 0), OFPERR_C(0, 9, 0),
                 OFPERR_C(0, 9, 0), OFPERR_C(0, 9, 0))
    OFPERR_ENTRY(OFPQOFC_BAD_QUEUE, "Queue operation failed: bad queue.",
                 OFPERR_C(0, 5, 1), OFPERR_C(0, 9, 1),
                 OFPERR_C(0, 9, 1), OFPERR_C(0, 9, 1),
                 OFPERR_C(0, 9, 1), OFPERR_C(0, 9, 1))
    OFPERR_ENTRY(OFPQOFC_EPERM, "Queue operation failed: eperm.",
                 OFPERR_C(0, 5, 2), OFPERR_C(0, 9, 2),
                 OFPERR_C(0, 9, 2), OFPERR_C(0, 9, 2),
                 OFPERR_C(0, 9, 2), OFPERR_C(0, 9, 2))
    OFPERR_ENTRY(OFPRRFC_BAD_ROLE, "Role request failed: bad role.",
                 OFPERR_C(0x2320, 1, 513), OFPERR_C(0x2320, 1, 513),
                 OFPERR_C(0, 11, 2), OFPERR_C(0, 11, 2),
                 OFPERR_C(0, 11, 2), OFPERR_C(0, 11, 2))
    OFPERR_ENTRY(OFPRRFC_ID_IN_USE, "Role request failed: id in use.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 11, 4))
    OFPERR_ENTRY(OFPRRFC_ID_UNSUP, "Role request failed: id unsup.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 11, 3))
    OFPERR_ENTRY(OFPRRFC_STALE, "Role request failed: stale.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 11, 0), OFPERR_C(0, 11, 0),
                 OFPERR_C(0, 11, 0), OFPERR_C(0, 11, 0))
    OFPERR_ENTRY(OFPRRFC_UNSUP, "Role request failed: unsup.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 11, 1), OFPERR_C(0, 11, 1),
                 OFPERR_C(0, 11, 1), OFPERR_C(0, 11, 1))
    OFPERR_ENTRY(OFPSCFC_BAD_FLAGS, "Switch config failed: bad flags.",
                 OFPERR_NONE, OFPERR_C(0, 10, 0),
                 OFPERR_C(0, 10, 0), OFPERR_C(0, 10, 0),
                 OFPERR_C(0, 10, 0), OFPERR_C(0, 10, 0))
    OFPERR_ENTRY(OFPSCFC_BAD_LEN, "Switch config failed: bad len.",
                 OFPERR_NONE, OFPERR_C(0, 10, 1),
                 OFPERR_C(0, 10, 1), OFPERR_C(0, 10, 1),
                 OFPERR_C(0, 10, 1), OFPERR_C(0, 10, 1))
    OFPERR_ENTRY(OFPSCFC_EPERM, "Switch config failed: eperm.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 10, 2), OFPERR_C(0, 10, 2),
                 OFPERR_C(0, 10, 2), OFPERR_C(0, 10, 2))
    OFPERR_ENTRY(OFPTFFC_BAD_CAPA, "Table features failed: bad capa.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 13, 6))
    OFPERR_ENTRY(OFPTFFC_BAD_COMMAND, "Table features failed: bad command.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 13, 9))
    OFPERR_ENTRY(OFPTFFC_BAD_FEATURES, "Table features failed: bad features.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 13, 8))
    OFPERR_ENTRY(OFPTFFC_BAD_MAX_ENT, "Table features failed: bad max ent.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 13, 7))
    OFPERR_ENTRY(OFPTFFC_BAD_METADATA, "Table features failed: bad metadata.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 13, 1),
                 OFPERR_C(0, 13, 1), OFPERR_C(0, 13, 1))
    OFPERR_ENTRY(OFPTFFC_BAD_TABLE, "Table features failed: bad table.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 13, 0),
                 OFPERR_C(0, 13, 0), OFPERR_C(0, 13, 0))
    OFPERR_ENTRY(OFPTFFC_EPERM, "Table features failed: eperm.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 13, 5),
                 OFPERR_C(0, 13, 5), OFPERR_C(0, 13, 5))
    OFPERR_ENTRY(OFPTFFC_TOO_MANY, "Table features failed: too many.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_NONE, OFPERR_C(0, 13, 10))
    OFPERR_ENTRY(OFPTMFC_BAD_CONFIG, "Table mod failed: bad config.",
                 OFPERR_NONE, OFPERR_C(0, 8, 1),
                 OFPERR_C(0, 8, 1), OFPERR_C(0, 8, 1),
                 OFPERR_C(0, 8, 1), OFPERR_C(0, 8, 1))
    OFPERR_ENTRY(OFPTMFC_BAD_TABLE, "Table mod failed: bad table.",
                 OFPERR_NONE, OFPERR_C(0, 8, 0),
                 OFPERR_C(0, 8, 0), OFPERR_C(0, 8, 0),
                 OFPERR_C(0, 8, 0), OFPERR_C(0, 8, 0))
    OFPERR_ENTRY(OFPTMFC_EPERM, "Table mod failed: eperm.",
                 OFPERR_NONE, OFPERR_NONE,
                 OFPERR_C(0, 8, 2), OFPERR_C(0, 8, 2),
                 OFPERR_C(0, 8, 2), OFPERR_C(0, 8, 2))
