/* dp-packet.c: packet buffers for the datapath (see dp-packet.h). */
#include <config.h>
#include "dp-packet.h"

#include <stdlib.h>
#include <string.h>
#include "packets.h"

static void
dp_packet_init__(struct dp_packet *p)
{
    p->release = NULL;
    p->release_aux = NULL;
    p->l3_ofs = p->l4_ofs = DP_PACKET_OFS_UNSET;
    dp_packet_reset_metadata(p);
}

void
dp_packet_reset_metadata(struct dp_packet *p)
{
    p->in_port = 0;
    p->recirc_id = 0;
    p->dp_hash = 0;
    p->skb_priority = 0;
    p->pkt_mark = 0;
    p->rss_hash = 0;
    p->rss_valid = false;
    p->ol_flags = 0;
    p->csum_start = p->csum_offset = p->gso_size = 0;
}

struct dp_packet *
dp_packet_new_with_headroom(size_t size, size_t headroom)
{
    struct dp_packet *p = xmalloc(sizeof *p);

    p->allocated = headroom + size;
    p->base = xmalloc(p->allocated ? p->allocated : 1);
    p->data_ofs = headroom;
    p->size = 0;
    dp_packet_init__(p);
    return p;
}

struct dp_packet *
dp_packet_new(size_t size)
{
    return dp_packet_new_with_headroom(size, DP_PACKET_HEADROOM);
}

struct dp_packet *
dp_packet_clone_data(const void *data, size_t size)
{
    struct dp_packet *p = dp_packet_new(size);

    dp_packet_put(p, data, size);
    return p;
}

struct dp_packet *
dp_packet_clone(const struct dp_packet *src)
{
    struct dp_packet *p = dp_packet_clone_data(dp_packet_data(src),
                                               src->size);

    p->l3_ofs = src->l3_ofs;
    p->l4_ofs = src->l4_ofs;
    p->in_port = src->in_port;
    p->recirc_id = src->recirc_id;
    p->dp_hash = src->dp_hash;
    p->skb_priority = src->skb_priority;
    p->pkt_mark = src->pkt_mark;
    p->rss_hash = src->rss_hash;
    p->rss_valid = src->rss_valid;
    p->ol_flags = src->ol_flags;
    p->csum_start = src->csum_start;
    p->csum_offset = src->csum_offset;
    p->gso_size = src->gso_size;
    return p;
}

void
dp_packet_delete(struct dp_packet *p)
{
    if (!p) {
        return;
    }
    if (p->release) {
        p->release(p);
    } else {
        free(p->base);
        free(p);
    }
}

void
dp_packet_use(struct dp_packet *p, void *base, uint32_t allocated,
              uint32_t data_ofs, uint32_t size)
{
    p->base = base;
    p->allocated = allocated;
    p->data_ofs = data_ofs;
    p->size = size;
    dp_packet_init__(p);
}

void
dp_packet_set_size(struct dp_packet *p, uint32_t size)
{
    svs_assert(p->data_ofs + size <= p->allocated);
    p->size = size;
}

/* Moves the packet into fresh malloc'd memory with at least 'headroom' and
 * 'tailroom' bytes around it.  Provider memory is given back. */
static void
dp_packet_resize(struct dp_packet *p, size_t headroom, size_t tailroom)
{
    size_t allocated = headroom + p->size + tailroom;
    uint8_t *base = xmalloc(allocated);

    memcpy(base + headroom, dp_packet_data(p), p->size);
    if (p->release) {
        /* Hand the provider's memory back but keep the struct, which is
         * the caller's: the release callback must only recycle 'base'. */
        dp_packet_release_func *release = p->release;
        struct dp_packet copy = *p;

        p->release = NULL;
        copy.release = NULL;
        release(&copy);
    } else {
        free(p->base);
    }
    p->base = base;
    p->allocated = allocated;
    p->data_ofs = headroom;
}

void
dp_packet_prealloc_headroom(struct dp_packet *p, size_t n)
{
    if (n > dp_packet_headroom(p)) {
        size_t tailroom = dp_packet_tailroom(p);

        dp_packet_resize(p, MAX(n, DP_PACKET_HEADROOM), tailroom);
    }
}

void
dp_packet_prealloc_tailroom(struct dp_packet *p, size_t n)
{
    if (n > dp_packet_tailroom(p)) {
        size_t headroom = dp_packet_headroom(p);

        dp_packet_resize(p, headroom, MAX(n, 64) + p->size);
    }
}

void *
dp_packet_put_uninit(struct dp_packet *p, size_t n)
{
    void *tail;

    dp_packet_prealloc_tailroom(p, n);
    tail = dp_packet_tail(p);
    p->size += n;
    return tail;
}

void *
dp_packet_put(struct dp_packet *p, const void *data, size_t n)
{
    void *dst = dp_packet_put_uninit(p, n);

    if (n) {
        memcpy(dst, data, n);
    }
    return dst;
}

void *
dp_packet_put_zeros(struct dp_packet *p, size_t n)
{
    void *dst = dp_packet_put_uninit(p, n);

    memset(dst, 0, n);
    return dst;
}

static void
dp_packet_adjust_offsets(struct dp_packet *p, int delta)
{
    if (p->l3_ofs != DP_PACKET_OFS_UNSET) {
        p->l3_ofs += delta;
    }
    if (p->l4_ofs != DP_PACKET_OFS_UNSET) {
        p->l4_ofs += delta;
    }
    if (p->ol_flags & DP_PACKET_OL_CSUM_PARTIAL) {
        p->csum_start += delta;
    }
}

void *
dp_packet_push_uninit(struct dp_packet *p, size_t n)
{
    dp_packet_prealloc_headroom(p, n);
    p->data_ofs -= n;
    p->size += n;
    dp_packet_adjust_offsets(p, n);
    return dp_packet_data(p);
}

void *
dp_packet_push(struct dp_packet *p, const void *data, size_t n)
{
    void *dst = dp_packet_push_uninit(p, n);

    memcpy(dst, data, n);
    return dst;
}

void *
dp_packet_pull(struct dp_packet *p, size_t n)
{
    void *front = dp_packet_data(p);

    if (n > p->size) {
        return NULL;
    }
    p->data_ofs += n;
    p->size -= n;
    dp_packet_adjust_offsets(p, -(int) n);
    return front;
}

void *
dp_packet_insert_at(struct dp_packet *p, size_t offset, size_t n)
{
    uint8_t *data;

    svs_assert(offset <= p->size);
    dp_packet_push_uninit(p, n);
    data = dp_packet_data(p);
    memmove(data, data + n, offset);
    /* Offsets before the insertion point did not move. */
    if (p->l3_ofs != DP_PACKET_OFS_UNSET && p->l3_ofs - n < offset) {
        p->l3_ofs -= n;
    }
    if (p->l4_ofs != DP_PACKET_OFS_UNSET && p->l4_ofs - n < offset) {
        p->l4_ofs -= n;
    }
    return data + offset;
}

void
dp_packet_remove_at(struct dp_packet *p, size_t offset, size_t n)
{
    uint8_t *data = dp_packet_data(p);

    svs_assert(offset + n <= p->size);
    memmove(data + n, data, offset);
    p->data_ofs += n;
    p->size -= n;
    if (p->l3_ofs != DP_PACKET_OFS_UNSET && p->l3_ofs >= offset + n) {
        p->l3_ofs -= n;
    }
    if (p->l4_ofs != DP_PACKET_OFS_UNSET && p->l4_ofs >= offset + n) {
        p->l4_ofs -= n;
    }
    if (p->ol_flags & DP_PACKET_OL_CSUM_PARTIAL
        && p->csum_start >= offset + n) {
        p->csum_start -= n;
    }
}

size_t
dp_packet_l4_size(const struct dp_packet *p)
{
    return p->l4_ofs != DP_PACKET_OFS_UNSET && p->l4_ofs <= p->size
           ? p->size - p->l4_ofs : 0;
}

void
dp_packet_csum_complete(struct dp_packet *p)
{
    uint8_t *data = dp_packet_data(p);
    size_t start = p->csum_start;
    size_t at = start + p->csum_offset;

    if (!(p->ol_flags & DP_PACKET_OL_CSUM_PARTIAL)) {
        return;
    }
    p->ol_flags &= ~DP_PACKET_OL_CSUM_PARTIAL;
    if (at + 2 > p->size || start > p->size) {
        return;
    }
    /* The sender stored the pseudo-header sum in the checksum field: sum
     * from 'csum_start' to the end with it in place, then store the
     * folded complement there. */
    be16 csum = csum_finish(csum_continue(0, data + start, p->size - start));
    if (!csum && p->csum_offset == offsetof(struct udp_header, udp_csum)) {
        csum = 0xffff;          /* UDP sends a zero checksum as all-ones. */
    }
    memcpy(data + at, &csum, sizeof csum);
}

void
dp_packet_batch_destroy(struct dp_packet_batch *b)
{
    for (size_t i = 0; i < b->count; i++) {
        dp_packet_delete(b->packets[i]);
    }
    b->count = 0;
}

void
dp_packet_batch_clone(struct dp_packet_batch *dst,
                      const struct dp_packet_batch *src)
{
    dst->count = 0;
    for (size_t i = 0; i < src->count; i++) {
        dst->packets[dst->count++] = dp_packet_clone(src->packets[i]);
    }
}
