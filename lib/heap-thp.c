/* heap-thp.c: back the malloc heap with transparent huge pages. */
#include <config.h>
#include "heap-thp.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE_SIZE_4K 4096

/* The end of the heap range already advised; NULL before enabling. */
static char *advised_end;
static bool refused;

static bool
advise(char *start, char *end)
{
    uintptr_t a = ((uintptr_t) start + PAGE_SIZE_4K - 1)
                  & ~(uintptr_t) (PAGE_SIZE_4K - 1);
    uintptr_t b = (uintptr_t) end & ~(uintptr_t) (PAGE_SIZE_4K - 1);

    return b <= a || !madvise((void *) a, b - a, MADV_HUGEPAGE);
}

bool
heap_thp_enable(size_t pad)
{
    char *start = sbrk(0);

    if (advised_end) {
        heap_thp_run();
        return !refused;
    }
    mallopt(M_TOP_PAD, pad > INT32_MAX ? INT32_MAX : (int) pad);

    /* Make glibc grow the heap now, by the pad, with blocks small enough
     * not to be mapped on their own (below the 128 kB mmap threshold). */
    void *blocks[64];
    size_t n = 0;
    while (n < sizeof blocks / sizeof *blocks && sbrk(0) == start) {
        blocks[n++] = malloc(96 * 1024);
    }
    while (n) {
        free(blocks[--n]);
    }

    char *end = sbrk(0);
    refused = !advise(start, end);
    advised_end = end;
    return !refused;
}

void
heap_thp_run(void)
{
    if (advised_end && !refused) {
        char *end = sbrk(0);
        if (end > advised_end) {
            advise(advised_end, end);
        }
        advised_end = end;
    }
}
