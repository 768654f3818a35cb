/* hash.h: non-cryptographic hash functions for hash tables.
 *
 * The functions mix with a murmur3-style finalizer; they are fast on
 * short keys and spread bits well enough for power-of-two tables.  Results
 * differ between builds of different byte order and are never stored on
 * disk or sent on the wire.  All functions are pure and thread-safe. */
#ifndef SVS_HASH_H
#define SVS_HASH_H 1

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint32_t
hash_rot(uint32_t x, int k)
{
    return (x << k) | (x >> (32 - k));
}

/* One round of mixing 'data' into 'hash'. */
static inline uint32_t
hash_add(uint32_t hash, uint32_t data)
{
    data *= 0xcc9e2d51;
    data = hash_rot(data, 15);
    data *= 0x1b873593;
    hash ^= data;
    hash = hash_rot(hash, 13);
    return hash * 5 + 0xe6546b64;
}

static inline uint32_t
hash_add64(uint32_t hash, uint64_t data)
{
    return hash_add(hash_add(hash, data), data >> 32);
}

/* Final avalanche; 'n_bytes' is the number of bytes hashed. */
static inline uint32_t
hash_finish(uint32_t hash, uint32_t n_bytes)
{
    hash ^= n_bytes;
    hash ^= hash >> 16;
    hash *= 0x85ebca6b;
    hash ^= hash >> 13;
    hash *= 0xc2b2ae35;
    hash ^= hash >> 16;
    return hash;
}

uint32_t hash_bytes(const void *, size_t n_bytes, uint32_t basis);

static inline uint32_t
hash_string(const char *s, uint32_t basis)
{
    return hash_bytes(s, strlen(s), basis);
}

static inline uint32_t
hash_int(uint32_t x, uint32_t basis)
{
    return hash_finish(hash_add(basis, x), 4);
}

static inline uint32_t
hash_uint64(uint64_t x)
{
    return hash_finish(hash_add64(0, x), 8);
}

static inline uint32_t
hash_uint64_basis(uint64_t x, uint32_t basis)
{
    return hash_finish(hash_add64(basis, x), 8);
}

static inline uint32_t
hash_pointer(const void *p, uint32_t basis)
{
    return hash_uint64_basis((uintptr_t) p, basis);
}

static inline uint32_t
hash_double(double d, uint32_t basis)
{
    uint64_t bits;
    if (d == 0) {
        d = 0;                  /* -0.0 and 0.0 compare equal. */
    }
    memcpy(&bits, &d, sizeof bits);
    return hash_uint64_basis(bits, basis);
}

static inline uint32_t
hash_boolean(int b, uint32_t basis)
{
    return hash_int(b ? 0x9e3779b9 : 0x7f4a7c15, basis);
}

#endif /* hash.h */
