/* bitwise.c: bit-range operations on big-endian byte strings. */
#include <config.h>
#include "bitwise.h"
#include "util.h"

/* The byte holding bit 'ofs' of a 'len'-byte array, and the bit's mask. */
static inline unsigned int
byte_of(unsigned int len, unsigned int ofs)
{
    return len - 1 - ofs / 8;
}

bool
bitwise_get_bit(const void *src_, unsigned int len, unsigned int ofs)
{
    const uint8_t *src = src_;
    svs_assert(ofs < len * 8);
    return (src[byte_of(len, ofs)] >> (ofs % 8)) & 1;
}

void
bitwise_put_bit(void *dst_, unsigned int len, unsigned int ofs, bool b)
{
    uint8_t *dst = dst_;
    uint8_t bit = 1u << (ofs % 8);
    svs_assert(ofs < len * 8);
    if (b) {
        dst[byte_of(len, ofs)] |= bit;
    } else {
        dst[byte_of(len, ofs)] &= ~bit;
    }
}

void
bitwise_copy(const void *src_, unsigned int src_len, unsigned int src_ofs,
             void *dst_, unsigned int dst_len, unsigned int dst_ofs,
             unsigned int n_bits)
{
    const uint8_t *src = src_;
    uint8_t *dst = dst_;

    svs_assert(src_ofs + n_bits <= src_len * 8);
    svs_assert(dst_ofs + n_bits <= dst_len * 8);
    if (!n_bits) {
        return;
    }
    if (src_ofs % 8 == 0 && dst_ofs % 8 == 0 && n_bits % 8 == 0) {
        unsigned int n = n_bits / 8;
        memmove(&dst[dst_len - dst_ofs / 8 - n],
                &src[src_len - src_ofs / 8 - n], n);
        return;
    }
    while (n_bits) {
        unsigned int s_bit = src_ofs % 8, d_bit = dst_ofs % 8;
        unsigned int chunk = MIN(n_bits, MIN(8 - s_bit, 8 - d_bit));
        uint8_t mask = (1u << chunk) - 1;
        uint8_t bits = (src[byte_of(src_len, src_ofs)] >> s_bit) & mask;
        uint8_t *d = &dst[byte_of(dst_len, dst_ofs)];

        *d = (*d & ~(mask << d_bit)) | (bits << d_bit);
        src_ofs += chunk;
        dst_ofs += chunk;
        n_bits -= chunk;
    }
}

static void
bitwise_fill(void *dst_, unsigned int dst_len, unsigned int dst_ofs,
             unsigned int n_bits, bool one)
{
    uint8_t *dst = dst_;

    svs_assert(dst_ofs + n_bits <= dst_len * 8);
    while (n_bits) {
        unsigned int d_bit = dst_ofs % 8;
        unsigned int chunk = MIN(n_bits, 8 - d_bit);
        uint8_t mask = ((1u << chunk) - 1) << d_bit;
        uint8_t *d = &dst[byte_of(dst_len, dst_ofs)];

        *d = one ? *d | mask : *d & ~mask;
        dst_ofs += chunk;
        n_bits -= chunk;
    }
}

void
bitwise_zero(void *dst, unsigned int dst_len, unsigned int dst_ofs,
             unsigned int n_bits)
{
    bitwise_fill(dst, dst_len, dst_ofs, n_bits, false);
}

void
bitwise_one(void *dst, unsigned int dst_len, unsigned int dst_ofs,
            unsigned int n_bits)
{
    bitwise_fill(dst, dst_len, dst_ofs, n_bits, true);
}

bool
bitwise_is_all_zeros(const void *p_, unsigned int len, unsigned int ofs,
                     unsigned int n_bits)
{
    const uint8_t *p = p_;

    svs_assert(ofs + n_bits <= len * 8);
    while (n_bits) {
        unsigned int bit = ofs % 8;
        unsigned int chunk = MIN(n_bits, 8 - bit);
        uint8_t mask = ((1u << chunk) - 1) << bit;

        if (p[byte_of(len, ofs)] & mask) {
            return false;
        }
        ofs += chunk;
        n_bits -= chunk;
    }
    return true;
}

void
bitwise_put(uint64_t value, void *dst, unsigned int dst_len,
            unsigned int dst_ofs, unsigned int n_bits)
{
    uint8_t be[8];

    svs_assert(n_bits <= 64);
    for (int i = 0; i < 8; i++) {
        be[7 - i] = value >> (8 * i);
    }
    bitwise_copy(be, sizeof be, 0, dst, dst_len, dst_ofs, n_bits);
}

uint64_t
bitwise_get(const void *src, unsigned int src_len, unsigned int src_ofs,
            unsigned int n_bits)
{
    uint8_t be[8] = { 0 };
    uint64_t value = 0;

    svs_assert(n_bits <= 64);
    bitwise_copy(src, src_len, src_ofs, be, sizeof be, 0, n_bits);
    for (int i = 0; i < 8; i++) {
        value = (value << 8) | be[i];
    }
    return value;
}

unsigned int
bitwise_scan(const void *p, unsigned int len, bool target,
             unsigned int start, unsigned int end)
{
    for (unsigned int ofs = start; ofs < end; ofs++) {
        if (bitwise_get_bit(p, len, ofs) == target) {
            return ofs;
        }
    }
    return end;
}

int
bitwise_rscan(const void *p, unsigned int len, bool target, int start,
              int end)
{
    for (int ofs = start; ofs > end; ofs--) {
        if (bitwise_get_bit(p, len, ofs) == target) {
            return ofs;
        }
    }
    return end;
}
