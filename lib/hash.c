/* hash.c: byte-string hashing. */
#include <config.h>
#include "hash.h"

uint32_t
hash_bytes(const void *p_, size_t n, uint32_t basis)
{
    const uint8_t *p = p_;
    uint32_t hash = basis;
    size_t i;

    for (i = 0; i + 4 <= n; i += 4) {
        uint32_t w;
        memcpy(&w, p + i, 4);
        hash = hash_add(hash, w);
    }
    if (i < n) {
        uint32_t w = 0;
        memcpy(&w, p + i, n - i);
        hash = hash_add(hash, w);
    }
    return hash_finish(hash, n);
}
