/* ofpbuf.c: growable byte buffer with headroom (see ofpbuf.h). */
#include <config.h>
#include "ofpbuf.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "dynamic-string.h"
#include "util.h"

/* Sets up 'b' over 'base' (of 'allocated' bytes) with 'source'. */
static void
ofpbuf_use__(struct ofpbuf *b, void *base, size_t allocated,
             enum ofpbuf_source source)
{
    svs_assert(allocated <= UINT32_MAX);
    b->base = base;
    b->data = base;
    b->size = 0;
    b->allocated = allocated;
    b->header = NULL;
    b->msg = NULL;
    b->source = source;
    svs_list_poison(&b->list_node);
}

/* Initializes 'b' as an empty buffer over heap memory 'base' of
 * 'allocated' bytes, which 'b' takes over (it must come from malloc). */
void
ofpbuf_use(struct ofpbuf *b, void *base, size_t allocated)
{
    ofpbuf_use__(b, base, allocated, OFPBUF_MALLOC);
}

/* Initializes 'b' as an empty buffer over caller memory 'base' of
 * 'allocated' bytes.  If 'b' outgrows it, its data moves to the heap and
 * 'base' is left alone; ofpbuf_uninit() then frees the heap copy. */
void
ofpbuf_use_stack(struct ofpbuf *b, void *base, size_t allocated)
{
    ofpbuf_use__(b, base, allocated, OFPBUF_STACK);
}

/* Like ofpbuf_use_stack(), for a stub. */
void
ofpbuf_use_stub(struct ofpbuf *b, void *base, size_t allocated)
{
    ofpbuf_use__(b, base, allocated, OFPBUF_STUB);
}

/* Initializes 'b' to hold the 'size' read-only bytes at 'data'.  'b' may be
 * pulled from but never written or grown. */
void
ofpbuf_use_const(struct ofpbuf *b, const void *data, size_t size)
{
    ofpbuf_use__(b, CONST_CAST(void *, data), size, OFPBUF_CONST);
    b->size = size;
}

/* Initializes 'b' as an empty heap buffer with room for 'allocated'
 * bytes. */
void
ofpbuf_init(struct ofpbuf *b, size_t allocated)
{
    ofpbuf_use(b, allocated ? xmalloc(allocated) : NULL, allocated);
}

/* Frees the heap memory of 'b', if any.  'b' may be NULL. */
void
ofpbuf_uninit(struct ofpbuf *b)
{
    if (b && b->source == OFPBUF_MALLOC) {
        free(b->base);
    }
}

/* Frees the memory of 'b' and initializes it afresh with 'allocated'
 * bytes of heap. */
void
ofpbuf_reinit(struct ofpbuf *b, size_t allocated)
{
    ofpbuf_uninit(b);
    ofpbuf_init(b, allocated);
}

/* Returns a new heap buffer with room for 'allocated' bytes. */
struct ofpbuf *
ofpbuf_new(size_t allocated)
{
    struct ofpbuf *b = xmalloc(sizeof *b);
    ofpbuf_init(b, allocated);
    return b;
}

/* Returns a new heap buffer with room for 'size' bytes after 'headroom'
 * bytes of headroom. */
struct ofpbuf *
ofpbuf_new_with_headroom(size_t size, size_t headroom)
{
    struct ofpbuf *b = ofpbuf_new(size + headroom);
    ofpbuf_reserve(b, headroom);
    return b;
}

/* Returns a heap copy of the data of 'b'.  'header' and 'msg' of the copy
 * point at the same offsets as in 'b'. */
struct ofpbuf *
ofpbuf_clone(const struct ofpbuf *b)
{
    return ofpbuf_clone_with_headroom(b, 0);
}

/* Like ofpbuf_clone(), with 'headroom' bytes of headroom. */
struct ofpbuf *
ofpbuf_clone_with_headroom(const struct ofpbuf *b, size_t headroom)
{
    struct ofpbuf *c = ofpbuf_clone_data_with_headroom(b->data, b->size,
                                                       headroom);
    if (b->header) {
        ptrdiff_t ofs = (char *) b->header - (char *) b->data;
        c->header = (char *) c->data + ofs;
    }
    if (b->msg) {
        ptrdiff_t ofs = (char *) b->msg - (char *) b->data;
        c->msg = (char *) c->data + ofs;
    }
    return c;
}

/* Returns a new heap buffer holding a copy of the 'size' bytes at
 * 'data'. */
struct ofpbuf *
ofpbuf_clone_data(const void *data, size_t size)
{
    return ofpbuf_clone_data_with_headroom(data, size, 0);
}

/* Like ofpbuf_clone_data(), with 'headroom' bytes of headroom. */
struct ofpbuf *
ofpbuf_clone_data_with_headroom(const void *data, size_t size,
                                size_t headroom)
{
    struct ofpbuf *b = ofpbuf_new_with_headroom(size, headroom);
    ofpbuf_put(b, data, size);
    return b;
}

/* Frees 'b' and its memory.  'b' may be NULL. */
void
ofpbuf_delete(struct ofpbuf *b)
{
    if (b) {
        ofpbuf_uninit(b);
        free(b);
    }
}

/* Returns the data of 'b' in a heap block the caller must free, and leaves
 * 'b' uninitialized (the caller must not use it again without
 * re-initializing it).  The data may be moved or copied. */
void *
ofpbuf_steal_data(struct ofpbuf *b)
{
    void *p;

    if (b->source == OFPBUF_MALLOC && b->data == b->base) {
        p = b->data;
    } else {
        p = xmemdup(b->data, b->size ? b->size : 1);
        if (b->source == OFPBUF_MALLOC) {
            free(b->base);
        }
    }
    b->base = b->data = NULL;
    b->header = b->msg = NULL;
    b->size = b->allocated = 0;
    return p;
}

/* Returns a pointer to 'size' bytes at 'offset' within the data of 'b', or
 * NULL if they do not all lie within it. */
void *
ofpbuf_at(const struct ofpbuf *b, size_t offset, size_t size)
{
    return offset <= b->size && size <= b->size - offset
           ? (char *) b->data + offset : NULL;
}

/* Like ofpbuf_at(), but aborts if the bytes are not all within the data. */
void *
ofpbuf_at_assert(const struct ofpbuf *b, size_t offset, size_t size)
{
    svs_assert(offset <= b->size && size <= b->size - offset);
    return (char *) b->data + offset;
}

/* Moves the contents of 'b' into a new heap block of 'new_headroom' +
 * 'size' + 'new_tailroom' bytes, keeping 'header' and 'msg' valid. */
static void
ofpbuf_resize__(struct ofpbuf *b, size_t new_headroom, size_t new_tailroom)
{
    size_t new_allocated = new_headroom + b->size + new_tailroom;
    char *new_base;

    svs_assert(b->source != OFPBUF_CONST);
    svs_assert(new_allocated <= UINT32_MAX);

    new_base = xmalloc(new_allocated ? new_allocated : 1);
    if (b->size) {
        memcpy(new_base + new_headroom, b->data, b->size);
    }
    char *new_data = new_base + new_headroom;
    if (b->header) {
        b->header = new_data + ((char *) b->header - (char *) b->data);
    }
    if (b->msg) {
        b->msg = new_data + ((char *) b->msg - (char *) b->data);
    }
    if (b->source == OFPBUF_MALLOC) {
        free(b->base);
    }
    b->source = OFPBUF_MALLOC;
    b->base = new_base;
    b->data = new_data;
    b->allocated = new_allocated;
}

/* Ensures that 'b' has at least 'size' bytes of tailroom, reallocating (and
 * so moving the data, 'header' and 'msg') if necessary. */
void
ofpbuf_prealloc_tailroom(struct ofpbuf *b, size_t size)
{
    if (size > ofpbuf_tailroom(b)) {
        size_t want = MAX(size, 64);
        ofpbuf_resize__(b, ofpbuf_headroom(b),
                        MAX(want, (size_t) b->allocated));
    }
}

/* Ensures that 'b' has at least 'size' bytes of headroom. */
void
ofpbuf_prealloc_headroom(struct ofpbuf *b, size_t size)
{
    if (size > ofpbuf_headroom(b)) {
        ofpbuf_resize__(b, MAX(size, 64), ofpbuf_tailroom(b));
    }
}

/* Appends 'size' uninitialized bytes to 'b' and returns a pointer to
 * them. */
void *
ofpbuf_put_uninit(struct ofpbuf *b, size_t size)
{
    ofpbuf_prealloc_tailroom(b, size);
    void *p = ofpbuf_tail(b);
    b->size += size;
    return p;
}

/* Appends 'size' zero bytes to 'b' and returns a pointer to them. */
void *
ofpbuf_put_zeros(struct ofpbuf *b, size_t size)
{
    void *p = ofpbuf_put_uninit(b, size);
    if (size) {
        memset(p, 0, size);
    }
    return p;
}

/* Appends a copy of the 'size' bytes at 'p' to 'b' and returns a pointer to
 * the copy. */
void *
ofpbuf_put(struct ofpbuf *b, const void *p, size_t size)
{
    void *dst = ofpbuf_put_uninit(b, size);
    if (size) {
        memcpy(dst, p, size);
    }
    return dst;
}

/* Parses pairs of hexadecimal digits in 's' and appends the bytes to 'b'.
 * White space between bytes (not within one) is skipped.  Stores the
 * number of bytes appended in '*n' if 'n' is nonnull.  Returns a pointer
 * to the first character not parsed: the terminating null byte on full
 * success, otherwise the offending character. */
char *
ofpbuf_put_hex(struct ofpbuf *b, const char *s, size_t *n)
{
    size_t initial = b->size;

    for (;;) {
        while (isspace((unsigned char) *s)) {
            s++;
        }
        if (!*s) {
            break;
        }
        if (!isxdigit((unsigned char) s[0])
            || !isxdigit((unsigned char) s[1])) {
            break;
        }
        char pair[3] = { s[0], s[1], '\0' };
        uint8_t byte = strtoul(pair, NULL, 16);
        ofpbuf_put(b, &byte, 1);
        s += 2;
    }
    if (n) {
        *n = b->size - initial;
    }
    return CONST_CAST(char *, s);
}

/* Appends zeros to 'b' until its size is at least 'length'. */
void
ofpbuf_padto(struct ofpbuf *b, size_t length)
{
    if (b->size < length) {
        ofpbuf_put_zeros(b, length - b->size);
    }
}

/* Appends zeros to 'b' until its size is a multiple of 'alignment'. */
void
ofpbuf_pad_tail(struct ofpbuf *b, size_t alignment)
{
    ofpbuf_put_zeros(b, ROUND_UP(b->size, alignment) - b->size);
}

/* Reserves 'size' bytes of headroom in the empty buffer 'b'. */
void
ofpbuf_reserve(struct ofpbuf *b, size_t size)
{
    svs_assert(!b->size);
    if (size) {
        ofpbuf_prealloc_tailroom(b, size);
        b->data = (char *) b->data + size;
    }
}

/* Prepends 'size' uninitialized bytes to 'b' and returns a pointer to
 * them (the new 'data'). */
void *
ofpbuf_push_uninit(struct ofpbuf *b, size_t size)
{
    ofpbuf_prealloc_headroom(b, size);
    b->data = (char *) b->data - size;
    b->size += size;
    return b->data;
}

/* Prepends 'size' zero bytes to 'b' and returns a pointer to them. */
void *
ofpbuf_push_zeros(struct ofpbuf *b, size_t size)
{
    void *p = ofpbuf_push_uninit(b, size);
    if (size) {
        memset(p, 0, size);
    }
    return p;
}

/* Prepends a copy of the 'size' bytes at 'p' to 'b' and returns a pointer
 * to the copy. */
void *
ofpbuf_push(struct ofpbuf *b, const void *p, size_t size)
{
    void *dst = ofpbuf_push_uninit(b, size);
    if (size) {
        memcpy(dst, p, size);
    }
    return dst;
}

/* Empties 'b' (keeping its memory) and forgets 'header' and 'msg'. */
void
ofpbuf_clear(struct ofpbuf *b)
{
    b->data = b->base;
    b->size = 0;
    b->header = NULL;
    b->msg = NULL;
}

/* Removes 'size' bytes from the front of 'b', which must hold at least
 * that many, and returns a pointer to them (they stay valid until 'b' is
 * next modified). */
void *
ofpbuf_pull(struct ofpbuf *b, size_t size)
{
    svs_assert(size <= b->size);
    void *p = b->data;
    if (size) {
        b->data = (char *) b->data + size;
        b->size -= size;
    }
    return p;
}

/* Like ofpbuf_pull(), but returns NULL (and leaves 'b' alone) if 'b' holds
 * fewer than 'size' bytes. */
void *
ofpbuf_try_pull(struct ofpbuf *b, size_t size)
{
    return size <= b->size ? ofpbuf_pull(b, size) : NULL;
}

/* Shrinks the data of 'b' to its first 'new_size' bytes. */
void
ofpbuf_truncate(struct ofpbuf *b, size_t new_size)
{
    svs_assert(new_size <= b->size);
    b->size = new_size;
}

/* Shrinks the allocation of heap buffer 'b' to exactly its data. */
void
ofpbuf_trim(struct ofpbuf *b)
{
    if (b->source == OFPBUF_MALLOC
        && (ofpbuf_headroom(b) || ofpbuf_tailroom(b))) {
        ofpbuf_resize__(b, 0, 0);
    }
}

/* Moves the data of 'b' 'delta' bytes within its allocation (positive:
 * toward the end), which must have room for it. */
void
ofpbuf_shift(struct ofpbuf *b, int delta)
{
    if (delta > 0) {
        svs_assert((size_t) delta <= ofpbuf_tailroom(b));
    } else if (delta < 0) {
        svs_assert((size_t) -delta <= ofpbuf_headroom(b));
    } else {
        return;
    }
    char *dst = (char *) b->data + delta;
    memmove(dst, b->data, b->size);
    if (b->header) {
        b->header = (char *) b->header + delta;
    }
    if (b->msg) {
        b->msg = (char *) b->msg + delta;
    }
    b->data = dst;
}

/* Inserts the 'n' bytes at 'data' into 'b' at 'offset' (at most the size
 * of 'b'), moving the later bytes toward the end. */
void
ofpbuf_insert(struct ofpbuf *b, size_t offset, const void *data, size_t n)
{
    svs_assert(offset <= b->size);
    ofpbuf_put_uninit(b, n);
    char *p = (char *) b->data + offset;
    memmove(p + n, p, b->size - n - offset);
    memcpy(p, data, n);
}

/* Returns true if 'a' and 'b' hold the same bytes. */
bool
ofpbuf_equal(const struct ofpbuf *a, const struct ofpbuf *b)
{
    return a->size == b->size
           && (!a->size || !memcmp(a->data, b->data, a->size));
}

/* Returns a malloc'd description of 'b': its sizes and a hex dump of at
 * most 'max_bytes' of its data. */
char *
ofpbuf_to_string(const struct ofpbuf *b, size_t max_bytes)
{
    struct ds s;

    ds_init(&s);
    ds_put_format(&s, "size=%"PRIu32", allocated=%"PRIu32", head=%zu, "
                  "tail=%zu\n", b->size, b->allocated, ofpbuf_headroom(b),
                  ofpbuf_tailroom(b));
    ds_put_hex_dump(&s, b->data, MIN(b->size, max_bytes), 0, false);
    return ds_steal_cstr(&s);
}

/* Removes and frees every ofpbuf in 'list' (linked through their
 * 'list_node'). */
void
ofpbuf_list_delete(struct svs_list *list)
{
    struct ofpbuf *b;

    LIST_FOR_EACH_POP (b, list_node, list) {
        ofpbuf_delete(b);
    }
}
