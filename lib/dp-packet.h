/* dp-packet.h: packet buffers for the datapath.
 *
 * What: a 'struct dp_packet' is one packet: its bytes (with headroom in
 * front, so that headers can be pushed without copying), the offsets of
 * its L3 and L4 headers once parsed, datapath metadata (input port,
 * recirculation id, hash, mark), and offload state: a packet received from
 * a veth may carry only a partial TCP/UDP checksum that the sender left to
 * "hardware" (DP_PACKET_OL_CSUM_PARTIAL with csum_start/csum_offset), and
 * may be a TSO/GSO super-packet (DP_PACKET_OL_TSO with gso_size).  A
 * port that cannot pass that state on must call dp_packet_csum_complete()
 * (and segment, for TSO) before transmitting.
 *
 * A 'struct dp_packet_batch' carries up to DP_PACKET_BATCH_SIZE packets
 * through the datapath at once.
 *
 * Ownership: whoever holds a packet frees it with dp_packet_delete(),
 * which returns provider-owned memory (an AF_XDP frame, for example)
 * through the packet's 'release' callback.
 *
 * Thread-safety: a packet belongs to one thread at a time. */
#ifndef SVS_DP_PACKET_H
#define SVS_DP_PACKET_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "svs-types.h"
#include "util.h"

#define DP_PACKET_BATCH_SIZE 32
#define DP_PACKET_HEADROOM 128          /* Default headroom of new packets. */
#define DP_PACKET_OFS_UNSET UINT16_MAX

/* Offload flags. */
#define DP_PACKET_OL_CSUM_PARTIAL (1u << 0) /* L4 checksum still to do:
                                             * 'csum_start', 'csum_offset'. */
#define DP_PACKET_OL_CSUM_GOOD (1u << 1)    /* Checksums known good. */
#define DP_PACKET_OL_TSO (1u << 2)          /* TCP segmentation left to do:
                                             * 'gso_size'. */

struct dp_packet;
typedef void dp_packet_release_func(struct dp_packet *);

struct dp_packet {
    void *base;                 /* Start of the memory (NULL for none). */
    uint32_t allocated;         /* Bytes at 'base'. */
    uint32_t data_ofs;          /* Offset of the first byte in use. */
    uint32_t size;              /* Bytes in use. */

    /* Set by the owner of provider memory; NULL for malloc'd packets,
     * whose 'base' dp_packet_delete() frees. */
    dp_packet_release_func *release;
    void *release_aux;          /* For 'release'. */

    /* Parse state, as offsets from the first byte in use. */
    uint16_t l3_ofs;            /* DP_PACKET_OFS_UNSET if unknown. */
    uint16_t l4_ofs;            /* DP_PACKET_OFS_UNSET if unknown. */

    /* Datapath metadata. */
    odp_port_t in_port;         /* Datapath port it arrived on. */
    uint32_t recirc_id;
    uint32_t dp_hash;
    uint32_t skb_priority;
    uint32_t pkt_mark;
    uint32_t rss_hash;          /* Valid if 'rss_valid'. */
    bool rss_valid;

    /* Offload state. */
    uint32_t ol_flags;          /* DP_PACKET_OL_*. */
    uint16_t csum_start;        /* From the first byte in use. */
    uint16_t csum_offset;       /* From 'csum_start'. */
    uint16_t gso_size;          /* TCP payload bytes per segment. */
};

struct dp_packet_batch {
    size_t count;
    struct dp_packet *packets[DP_PACKET_BATCH_SIZE];
};

/* Creation and destruction. */
struct dp_packet *dp_packet_new(size_t size);
struct dp_packet *dp_packet_new_with_headroom(size_t size, size_t headroom);
/* A malloc'd copy of 'size' bytes at 'data', with default headroom. */
struct dp_packet *dp_packet_clone_data(const void *data, size_t size);
/* A deep copy, metadata and offload state included. */
struct dp_packet *dp_packet_clone(const struct dp_packet *);
void dp_packet_delete(struct dp_packet *);
/* Initializes 'p' over 'allocated' bytes of provider memory at 'base',
 * with 'size' bytes of packet at 'base + data_ofs'. */
void dp_packet_use(struct dp_packet *p, void *base, uint32_t allocated,
                   uint32_t data_ofs, uint32_t size);
void dp_packet_reset_metadata(struct dp_packet *);

static inline void *
dp_packet_data(const struct dp_packet *p)
{
    return (uint8_t *) p->base + p->data_ofs;
}

static inline uint32_t
dp_packet_size(const struct dp_packet *p)
{
    return p->size;
}

static inline void *
dp_packet_tail(const struct dp_packet *p)
{
    return (uint8_t *) dp_packet_data(p) + p->size;
}

static inline size_t
dp_packet_headroom(const struct dp_packet *p)
{
    return p->data_ofs;
}

static inline size_t
dp_packet_tailroom(const struct dp_packet *p)
{
    return p->allocated - p->data_ofs - p->size;
}

/* Changes the size; the caller guarantees the room. */
void dp_packet_set_size(struct dp_packet *, uint32_t size);

/* Reallocation (malloc'd copy if the memory was provider-owned). */
void dp_packet_prealloc_headroom(struct dp_packet *, size_t);
void dp_packet_prealloc_tailroom(struct dp_packet *, size_t);
void *dp_packet_put_uninit(struct dp_packet *, size_t);
void *dp_packet_put(struct dp_packet *, const void *, size_t);
void *dp_packet_put_zeros(struct dp_packet *, size_t);
void *dp_packet_push_uninit(struct dp_packet *, size_t);
void *dp_packet_push(struct dp_packet *, const void *, size_t);
/* Removes 'size' bytes from the front; returns the old front or NULL if
 * the packet is shorter.  Parse offsets move with the data. */
void *dp_packet_pull(struct dp_packet *, size_t size);
/* Inserts 'n' bytes at 'offset' from the front (moving the bytes before
 * it forward into the headroom) or removes them; parse offsets move. */
void *dp_packet_insert_at(struct dp_packet *, size_t offset, size_t n);
void dp_packet_remove_at(struct dp_packet *, size_t offset, size_t n);

static inline void *
dp_packet_l3(const struct dp_packet *p)
{
    return p->l3_ofs != DP_PACKET_OFS_UNSET
           ? (uint8_t *) dp_packet_data(p) + p->l3_ofs : NULL;
}

static inline void *
dp_packet_l4(const struct dp_packet *p)
{
    return p->l4_ofs != DP_PACKET_OFS_UNSET
           ? (uint8_t *) dp_packet_data(p) + p->l4_ofs : NULL;
}

/* Bytes from the L4 header to the end, or 0. */
size_t dp_packet_l4_size(const struct dp_packet *);

/* Offloads. */
/* If the packet's L4 checksum is partial, finishes it in software. */
void dp_packet_csum_complete(struct dp_packet *);
/* Segments a TSO packet into MSS-sized TCP segments with complete
 * checksums, appending them to 'batch' ('*p' is consumed, on success as
 * on failure).  Returns 0 or ENOBUFS if they do not fit. */
int dp_packet_segment_tso(struct dp_packet *, struct dp_packet_batch *);

/* Batches. */
static inline void
dp_packet_batch_init(struct dp_packet_batch *b)
{
    b->count = 0;
}

static inline bool
dp_packet_batch_is_full(const struct dp_packet_batch *b)
{
    return b->count >= DP_PACKET_BATCH_SIZE;
}

static inline void
dp_packet_batch_add(struct dp_packet_batch *b, struct dp_packet *p)
{
    if (b->count < DP_PACKET_BATCH_SIZE) {
        b->packets[b->count++] = p;
    } else {
        dp_packet_delete(p);
    }
}

void dp_packet_batch_destroy(struct dp_packet_batch *);
void dp_packet_batch_clone(struct dp_packet_batch *dst,
                           const struct dp_packet_batch *src);

#define DP_PACKET_BATCH_FOR_EACH(I, PACKET, BATCH)                      \
    for (size_t I = 0;                                                  \
         I < (BATCH)->count && ((PACKET) = (BATCH)->packets[I], true);  \
         I++)

#endif /* dp-packet.h */
