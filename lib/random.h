/* random.h: fast non-cryptographic pseudo-random numbers.
 *
 * Each thread has its own generator state, seeded from the time, pid and
 * thread on first use, so the functions are thread-safe and lock-free.
 * Not for keys or nonces: use OpenSSL's RAND_bytes() for those. */
#ifndef SVS_RANDOM_H
#define SVS_RANDOM_H 1

#include <stddef.h>
#include <stdint.h>

void random_set_seed(uint32_t seed);
uint32_t random_uint32(void);
uint64_t random_uint64(void);
/* Returns a value in [0, max), or 0 if 'max' is 0. */
uint32_t random_range(uint32_t max);
void random_bytes(void *, size_t);

#endif /* random.h */
