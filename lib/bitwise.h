/* bitwise.h: bit-range operations on big-endian byte strings.
 *
 * What: copy, set, clear, test and scan ranges of bits inside byte arrays
 * that hold big-endian integers (packet fields, OpenFlow field values,
 * 'union mf_subvalue').  Bit offsets count from the least significant bit
 * of the whole array: bit 0 is the low bit of the last byte, bit 8 the low
 * bit of the byte before it, and so on.  This is the numbering subfields
 * ("NXM_NX_REG0[0..15]") use.
 *
 * Design: straightforward byte-at-a-time loops; every function checks its
 * ranges with svs_assert() (ranges come from validated subfields).
 *
 * Thread-safety: reentrant; touches only the arrays passed in. */
#ifndef SVS_BITWISE_H
#define SVS_BITWISE_H 1

#include <stdbool.h>
#include <stdint.h>

/* Copies 'n_bits' bits from bit 'src_ofs' of the 'src_len'-byte array
 * 'src' to bit 'dst_ofs' of the 'dst_len'-byte array 'dst'.  The arrays
 * may overlap only if identical ranges are meant. */
void bitwise_copy(const void *src, unsigned int src_len, unsigned int src_ofs,
                  void *dst, unsigned int dst_len, unsigned int dst_ofs,
                  unsigned int n_bits);
/* Sets 'n_bits' bits starting at 'dst_ofs' of 'dst' to 0 / to 1. */
void bitwise_zero(void *dst, unsigned int dst_len, unsigned int dst_ofs,
                  unsigned int n_bits);
void bitwise_one(void *dst, unsigned int dst_len, unsigned int dst_ofs,
                 unsigned int n_bits);
/* True if the 'n_bits' bits at 'ofs' of 'p' are all 0. */
bool bitwise_is_all_zeros(const void *p, unsigned int len, unsigned int ofs,
                          unsigned int n_bits);
/* Writes the low 'n_bits' (<= 64) bits of 'value' at 'dst_ofs' of 'dst'. */
void bitwise_put(uint64_t value, void *dst, unsigned int dst_len,
                 unsigned int dst_ofs, unsigned int n_bits);
/* Reads 'n_bits' (<= 64) bits at 'src_ofs' of 'src'. */
uint64_t bitwise_get(const void *src, unsigned int src_len,
                     unsigned int src_ofs, unsigned int n_bits);
/* Reads / writes the single bit 'ofs'. */
bool bitwise_get_bit(const void *src, unsigned int len, unsigned int ofs);
void bitwise_put_bit(void *dst, unsigned int len, unsigned int ofs, bool b);
/* Returns the offset of the first bit in [start, end) of 'p' equal to
 * 'target', scanning upward, or 'end' if none. */
unsigned int bitwise_scan(const void *p, unsigned int len, bool target,
                          unsigned int start, unsigned int end);
/* Returns the offset of the first bit equal to 'target' scanning downward
 * from 'start' (inclusive) to 'end' (exclusive, may be -1), or 'end'. */
int bitwise_rscan(const void *p, unsigned int len, bool target, int start,
                  int end);

#endif /* bitwise.h */
