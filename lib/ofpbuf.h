/* ofpbuf.h: a growable byte buffer with headroom, for building and parsing
 * OpenFlow messages (and any other wire data).
 *
 * What: an ofpbuf owns (or borrows) one contiguous block of memory
 * [base, base + allocated).  The bytes in use are [data, data + size);
 * the space before 'data' is headroom (ofpbuf_push() grows into it), the
 * space after 'data + size' is tailroom (ofpbuf_put() grows into it).
 *
 *     base        data                  data+size         base+allocated
 *      |<-headroom->|<------- size ------->|<-- tailroom -->|
 *
 * Two extra pointers serve message codecs:
 *   - 'header' points to the OpenFlow header of the message (set by
 *     ofpraw_alloc() and ofpraw_pull(), see ofp-msgs.h);
 *   - 'msg' points just past that header (and its fixed-size body, if
 *     any), where variable-length content begins.
 * Both are kept valid across reallocation.
 *
 * Design: a buffer either owns heap memory (OFPBUF_MALLOC), or wraps
 * caller memory (OFPBUF_STACK: may be outgrown, then it moves to the heap;
 * OFPBUF_STUB: the same, used for stubs on the caller's stack) or wraps
 * read-only memory (OFPBUF_CONST: may be pulled but never written or
 * grown; any attempt to grow it aborts).
 *
 * Pull functions consume bytes from the front of the data: this is the
 * usual way decoders walk a message.  ofpbuf_try_pull() returns NULL when
 * not enough data remains, so decoders can report a precise error instead
 * of reading out of bounds.
 *
 * Thread-safety: an ofpbuf is a plain value; callers serialize access to
 * any one buffer.  Distinct buffers may be used from different threads. */
#ifndef SVS_OFPBUF_H
#define SVS_OFPBUF_H 1

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "compiler.h"
#include "list.h"
#include "util.h"

struct ds;

/* Where the memory of an ofpbuf comes from. */
enum ofpbuf_source {
    OFPBUF_MALLOC,      /* Heap memory, owned: freed by ofpbuf_uninit(). */
    OFPBUF_STACK,       /* Caller memory; reallocated to the heap on growth
                         * (the old contents are copied). */
    OFPBUF_STUB,        /* Like OFPBUF_STACK, for a stub the caller may
                         * reuse once the buffer has been uninitialized. */
    OFPBUF_CONST,       /* Read-only caller memory; never grows. */
};

/* A growable buffer.  All members may be read by clients; modify them only
 * through the functions below (except 'header' and 'msg', which codecs set
 * freely to point inside [data, data + size)). */
struct ofpbuf {
    void *base;                 /* First byte of the allocated space. */
    void *data;                 /* First byte in use. */
    uint32_t size;              /* Number of bytes in use. */
    uint32_t allocated;         /* Number of bytes allocated at 'base'. */
    void *header;               /* OpenFlow header of the message, or NULL. */
    void *msg;                  /* Past the header (message body), or NULL. */
    struct svs_list list_node;  /* For use by the owner (e.g. a queue of
                                 * multipart replies). */
    enum ofpbuf_source source;  /* Owner of 'base'. */
};

/* An ofpbuf that wraps no memory; suitable for a static initializer. */
#define OFPBUF_CONST_INITIALIZER(DATA, SIZE)                \
    (struct ofpbuf) {                                       \
        .base = CONST_CAST(void *, DATA),                   \
        .data = CONST_CAST(void *, DATA),                   \
        .size = (SIZE),                                     \
        .allocated = (SIZE),                                \
        .source = OFPBUF_CONST,                             \
    }

/* Initialization and destruction. */
void ofpbuf_init(struct ofpbuf *, size_t allocated);
void ofpbuf_uninit(struct ofpbuf *);
void ofpbuf_use(struct ofpbuf *, void *base, size_t allocated);
void ofpbuf_use_stack(struct ofpbuf *, void *base, size_t allocated);
void ofpbuf_use_stub(struct ofpbuf *, void *base, size_t allocated);
void ofpbuf_use_const(struct ofpbuf *, const void *data, size_t size);
void ofpbuf_reinit(struct ofpbuf *, size_t allocated);

struct ofpbuf *ofpbuf_new(size_t allocated);
struct ofpbuf *ofpbuf_new_with_headroom(size_t size, size_t headroom);
struct ofpbuf *ofpbuf_clone(const struct ofpbuf *);
struct ofpbuf *ofpbuf_clone_with_headroom(const struct ofpbuf *,
                                          size_t headroom);
struct ofpbuf *ofpbuf_clone_data(const void *data, size_t size);
struct ofpbuf *ofpbuf_clone_data_with_headroom(const void *data, size_t size,
                                               size_t headroom);
void ofpbuf_delete(struct ofpbuf *);
void *ofpbuf_steal_data(struct ofpbuf *);

/* Positions. */
static inline void *ofpbuf_tail(const struct ofpbuf *);
static inline void *ofpbuf_end(const struct ofpbuf *);
static inline size_t ofpbuf_headroom(const struct ofpbuf *);
static inline size_t ofpbuf_tailroom(const struct ofpbuf *);
static inline size_t ofpbuf_msgsize(const struct ofpbuf *);
void *ofpbuf_at(const struct ofpbuf *, size_t offset, size_t size);
void *ofpbuf_at_assert(const struct ofpbuf *, size_t offset, size_t size);

/* Growing at the tail. */
void ofpbuf_prealloc_tailroom(struct ofpbuf *, size_t);
void *ofpbuf_put_uninit(struct ofpbuf *, size_t);
void *ofpbuf_put_zeros(struct ofpbuf *, size_t);
void *ofpbuf_put(struct ofpbuf *, const void *, size_t);
char *ofpbuf_put_hex(struct ofpbuf *, const char *s, size_t *n);
void ofpbuf_padto(struct ofpbuf *, size_t length);
void ofpbuf_pad_tail(struct ofpbuf *, size_t alignment);

/* Growing at the head. */
void ofpbuf_prealloc_headroom(struct ofpbuf *, size_t);
void ofpbuf_reserve(struct ofpbuf *, size_t);
void *ofpbuf_push_uninit(struct ofpbuf *, size_t);
void *ofpbuf_push_zeros(struct ofpbuf *, size_t);
void *ofpbuf_push(struct ofpbuf *, const void *, size_t);

/* Shrinking. */
void ofpbuf_clear(struct ofpbuf *);
void *ofpbuf_pull(struct ofpbuf *, size_t);
void *ofpbuf_try_pull(struct ofpbuf *, size_t);
void ofpbuf_truncate(struct ofpbuf *, size_t new_size);
void ofpbuf_trim(struct ofpbuf *);
void ofpbuf_shift(struct ofpbuf *, int delta);
void ofpbuf_insert(struct ofpbuf *, size_t offset, const void *, size_t);

/* Comparison and output. */
bool ofpbuf_equal(const struct ofpbuf *, const struct ofpbuf *);
char *ofpbuf_to_string(const struct ofpbuf *, size_t max_bytes);
void ofpbuf_list_delete(struct svs_list *);

/* Returns the byte just past the data in use. */
static inline void *
ofpbuf_tail(const struct ofpbuf *b)
{
    return b->data ? (char *) b->data + b->size : NULL;
}

/* Returns the byte just past the allocated space. */
static inline void *
ofpbuf_end(const struct ofpbuf *b)
{
    return b->base ? (char *) b->base + b->allocated : NULL;
}

/* Returns the number of bytes available before 'data'. */
static inline size_t
ofpbuf_headroom(const struct ofpbuf *b)
{
    return b->data ? (char *) b->data - (char *) b->base : 0;
}

/* Returns the number of bytes available after the data in use. */
static inline size_t
ofpbuf_tailroom(const struct ofpbuf *b)
{
    return b->base ? (char *) ofpbuf_end(b) - (char *) ofpbuf_tail(b) : 0;
}

/* Returns the number of bytes from 'msg' to the end of the data. 'msg'
 * must be set. */
static inline size_t
ofpbuf_msgsize(const struct ofpbuf *b)
{
    return (char *) ofpbuf_tail(b) - (char *) b->msg;
}

#endif /* ofpbuf.h */
