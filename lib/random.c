/* random.c: xorshift-style per-thread pseudo-random generator. */
#include <config.h>
#include "random.h"

#include <pthread.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include "hash.h"

static __thread uint64_t state;

static void
seed_if_needed(void)
{
    if (!state) {
        struct timeval tv;
        gettimeofday(&tv, NULL);
        uint64_t seed = ((uint64_t) tv.tv_sec << 32) ^ tv.tv_usec;
        seed ^= (uint64_t) getpid() << 16;
        seed ^= (uint64_t) (uintptr_t) &state;
        state = seed ? seed : 0x9e3779b97f4a7c15ULL;
    }
}

void
random_set_seed(uint32_t seed)
{
    state = seed ? seed : 1;
}

uint64_t
random_uint64(void)
{
    seed_if_needed();
    /* xorshift64* */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dULL;
}

uint32_t
random_uint32(void)
{
    return random_uint64() >> 32;
}

uint32_t
random_range(uint32_t max)
{
    return max ? (uint32_t) (((uint64_t) random_uint32() * max) >> 32) : 0;
}

void
random_bytes(void *p_, size_t n)
{
    uint8_t *p = p_;
    while (n >= 8) {
        uint64_t x = random_uint64();
        memcpy(p, &x, 8);
        p += 8;
        n -= 8;
    }
    if (n) {
        uint64_t x = random_uint64();
        memcpy(p, &x, n);
    }
}
